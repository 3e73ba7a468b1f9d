// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The argument parser: matches words against a verb's table, converts and
 * checks each value, and reports the first mistake.  Nothing in here knows
 * any keyword; every word it accepts comes from a module's table.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "core.h"

/* Edits (insert, delete, change, swap of neighbours) from a to b: a typo
 * such as "shwo" is one edit from "show". */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[32][32];

	if (la >= 32 || lb >= 32)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

int match_word(const char *word, const char *const *names, size_t n, struct match *m)
{
	size_t len = strlen(word);
	size_t best = (size_t)-1;

	m->nfound = 0;
	m->suggest = NULL;
	for (size_t i = 0; i < n; i++) {
		if (names[i] && strcmp(names[i], word) == 0) {
			m->found[0] = i;
			m->nfound = 1;
			return (int)i;
		}
	}
	for (size_t i = 0; i < n && len; i++) {
		if (!names[i] || strncmp(names[i], word, len) != 0)
			continue;
		if (m->nfound < ARRAY_SIZE(m->found))
			m->found[m->nfound] = i;
		m->nfound++;
	}
	if (m->nfound == 1)
		return (int)m->found[0];
	if (m->nfound > 1)
		return MATCH_AMBIGUOUS;
	for (size_t i = 0; i < n; i++) {
		size_t d;

		if (!names[i])
			continue;
		d = edit_distance(word, names[i]);
		if (d < best && d <= (len > 4 ? 2u : 1u)) {
			best = d;
			m->suggest = names[i];
		}
	}
	return MATCH_NONE;
}

void match_candidates(char *buf, size_t sz, const char *const *names, const struct match *m)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < m->nfound && i < ARRAY_SIZE(m->found); i++) {
		int r = snprintf(buf + off, sz - off, "%s%s", i ? ", " : "", names[m->found[i]]);
		if (r < 0 || (size_t)r >= sz - off)
			break;
		off += (size_t)r;
	}
}

/* ---- values ------------------------------------------------------------- */

static const char *kind_metavar(const struct arg *a)
{
	if (a->metavar)
		return a->metavar;
	switch (a->kind) {
	case ARG_IFNAME:
		return "NAME";
	case ARG_U32:
		return "N";
	case ARG_ADDR:
		return "ADDR";
	case ARG_PREFIX:
		return "PREFIX";
	case ARG_MAC:
		return "MAC";
	case ARG_USER:
		return "USER";
	case ARG_GROUP:
		return "GROUP";
	case ARG_NETNS:
		return "NETNS";
	case ARG_REST:
	case ARG_KIND:
		return "ARGS...";
	case ARG_SECONDS:
		return "SECONDS";
	case ARG_ADDRS:
		return "ADDR[,ADDR...]";
	default:
		return "VALUE";
	}
}

/* The name of an argument in messages: its keyword, or its metavar. */
const char *arg_label(const struct arg *a)
{
	return a->kw ? a->kw : kind_metavar(a);
}

static void enum_words(char *buf, size_t sz, const char *const *words, const char *sep)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; words && words[i]; i++) {
		int r = snprintf(buf + off, sz - off, "%s%s", i ? sep : "", words[i]);
		if (r < 0 || (size_t)r >= sz - off)
			break;
		off += (size_t)r;
	}
}

static size_t nwords(const char *const *w)
{
	size_t n = 0;

	while (w && w[n])
		n++;
	return n;
}

/* An enum's words joined by sep, and its numbers when it takes them:
 * "slow|fast|0..1". */
static void enum_expected(char *buf, size_t sz, const struct arg *a, const char *sep)
{
	size_t n = nwords(a->words), len;

	enum_words(buf, sz, a->words, sep);
	len = strlen(buf);
	if ((a->flags & ARGF_NUMBERED) && n > 0)
		snprintf(buf + len, sz - len, "%s0..%zu", sep, n - 1);
}

/* ARGF_NUMBERED: a decimal number below the count of words is the index of
 * one (iproute2 takes `mode 4` for 802.3ad). */
static bool enum_index(const struct arg *a, const char *s, int *e)
{
	unsigned long n;

	if (!(a->flags & ARGF_NUMBERED) || !*s || strspn(s, "0123456789") != strlen(s) ||
	    strlen(s) > 3)
		return false;
	n = strtoul(s, NULL, 10);
	if (n >= nwords(a->words))
		return false;
	*e = (int)n;
	return true;
}

/* ADDR[,ADDR...]: each an address (IPv4 alone with ARGF_IPV4), none twice,
 * at most .max (ARG_ADDRS_MAX) of them. */
static int parse_addrs(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	int want = (a->flags & ARGF_IPV4) ? AF_INET : c->family;
	const char *fam = want == AF_INET ? "IPv4 " : want == AF_INET6 ? "IPv6 " : "";
	int max = a->max && a->max < ARG_ADDRS_MAX ? (int)a->max : ARG_ADDRS_MAX;
	const char *p = s;
	char one[INET6_ADDRSTRLEN + 1];

	v->nrest = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		struct inet_prefix *ip = &v->ips[v->nrest];

		if (len == 0)
			return err_usage(c, "invalid %s \"%s\": an empty address", arg_label(a), s);
		if (v->nrest == max)
			return err_usage(c, "invalid %s \"%s\": at most %d addresses", arg_label(a),
					 s, max);
		snprintf(one, sizeof(one), "%.*s", (int)len, p);
		if (len >= sizeof(one) || parse_prefix(one, false, want, ip) < 0 || ip->has_len)
			return err_usage(c, "invalid %s \"%s\": \"%.*s\" is not an %saddress",
					 arg_label(a), s, (int)len, p, fam);
		for (int i = 0; i < v->nrest; i++)
			if (v->ips[i].family == ip->family &&
			    !memcmp(v->ips[i].bytes, ip->bytes, sizeof(ip->bytes)))
				return err_usage(c, "invalid %s \"%s\": %.*s is listed twice",
						 arg_label(a), s, (int)len, p);
		v->nrest++;
		p += len;
		if (!*p)
			return 0;
		p++; /* the comma: an address must follow it */
	}
}

static int parse_id(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	uint32_t id;

	if (parse_u32(s, &id) == 0) {
		v->u = id;
		return 0;
	}
	if (a->kind == ARG_USER) {
		struct passwd *pw = getpwnam(s);
		if (pw) {
			v->u = pw->pw_uid;
			return 0;
		}
		return err_usage(c, "unknown user \"%s\"", s);
	}
	struct group *gr = getgrnam(s);
	if (gr) {
		v->u = gr->gr_gid;
		return 0;
	}
	return err_usage(c, "unknown group \"%s\"", s);
}

const char *const onoff_words[] = {"off", "on", NULL};

static int parse_value(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	const char *why;
	struct match m;
	char list[256];
	int i;

	v->str = s;
	switch (a->kind) {
	case ARG_FLAG:
	case ARG_REST:
	case ARG_KIND:
		return 0;
	case ARG_STRING:
		return 0;
	case ARG_IFNAME:
		why = ifname_invalid(s);
		if (why)
			return err_usage(c, "invalid interface name \"%s\": %s", s, why);
		return 0;
	case ARG_NETNS:
		if (!*s || strchr(s, '/') || !strcmp(s, ".") || !strcmp(s, ".."))
			return err_usage(c, "invalid namespace name \"%s\"", s);
		return 0;
	case ARG_U32:
		if (parse_u32(s, &v->u) < 0)
			return err_usage(c, "invalid %s \"%s\": not a number", arg_label(a), s);
		if (v->u < a->min || (a->max && v->u > a->max))
			return err_usage(c, "%s %s is out of range (%u..%u)", arg_label(a), s,
					 a->min, a->max);
		return 0;
	case ARG_ENUM:
		if (enum_index(a, s, &v->e))
			return 0;
		i = match_word(s, a->words, nwords(a->words), &m);
		if (i >= 0) {
			v->e = i;
			return 0;
		}
		if (i == MATCH_AMBIGUOUS) {
			match_candidates(list, sizeof(list), a->words, &m);
			return err_usage(c, "ambiguous %s \"%s\": %s", arg_label(a), s, list);
		}
		enum_expected(list, sizeof(list), a, "|");
		return err_usage(c, "invalid %s \"%s\" (expected %s)", arg_label(a), s, list);
	case ARG_ADDRS:
		return parse_addrs(c, a, s, v);
	case ARG_ADDR:
	case ARG_PREFIX:
		if (parse_prefix(s, (a->flags & ARGF_DEFAULT) != 0,
				 (a->flags & ARGF_IPV4) ? AF_INET : c->family, &v->ip) < 0)
			return err_usage(c, "invalid %s \"%s\"",
					 a->kind == ARG_ADDR ? "address" : "prefix", s);
		if (a->kind == ARG_ADDR && v->ip.has_len)
			return err_usage(c, "invalid address \"%s\": no /length here", s);
		return 0;
	case ARG_ONOFF:
		if (!strcmp(s, onoff_words[0]) || !strcmp(s, onoff_words[1])) {
			v->e = !strcmp(s, onoff_words[1]);
			return 0;
		}
		return err_usage(c, "invalid %s \"%s\" (expected %s|%s)", arg_label(a), s,
				 onoff_words[1], onoff_words[0]);
	case ARG_SECONDS:
		if (parse_seconds(s, &v->u) < 0)
			return err_usage(c, "invalid %s \"%s\": not a number of seconds",
					 arg_label(a), s);
		if (v->u < a->min || (a->max && v->u > a->max))
			return err_usage(c, "%s %s is out of range (%u.%02u..%u.%02u seconds)",
					 arg_label(a), s, a->min / 100, a->min % 100, a->max / 100,
					 a->max % 100);
		return 0;
	case ARG_MAC:
		if (parse_mac(s, v->mac) < 0)
			return err_usage(c, "invalid %s \"%s\" (expected xx:xx:xx:xx:xx:xx)",
					 arg_label(a), s);
		return 0;
	case ARG_USER:
	case ARG_GROUP:
		return parse_id(c, a, s, v);
	}
	return 0;
}

/* ---- the command line --------------------------------------------------- */

static int take(struct ctx *c, const struct verb *vb, size_t idx, const char *word,
		struct val *vals)
{
	const struct arg *a = &vb->args[idx];
	int rc;

	if (vals[idx].set)
		return err_usage(c, "%s given twice", arg_label(a));
	if (a->excludes && vals[a->excludes - 1].set)
		return err_usage(c, "%s and %s cannot be used together", arg_label(a),
				 arg_label(&vb->args[a->excludes - 1]));
	for (size_t j = 0; j < vb->nargs; j++) {
		if (vb->args[j].excludes == (int)idx + 1 && vals[j].set)
			return err_usage(c, "%s and %s cannot be used together",
					 arg_label(&vb->args[j]), arg_label(a));
	}
	rc = parse_value(c, a, word, &vals[idx]);
	if (rc < 0)
		return rc;
	vals[idx].set = true;
	if ((a->flags & ARGF_SUBJECT) && word)
		c->subject = word;
	return 0;
}

/* Whether an argument that excludes a, or that a excludes, is given. */
static bool excluded(const struct verb *vb, size_t a, const struct val *vals)
{
	if (vb->args[a].excludes && vals[vb->args[a].excludes - 1].set)
		return true;
	for (size_t j = 0; j < vb->nargs; j++)
		if (vb->args[j].excludes == (int)a + 1 && vals[j].set)
			return true;
	return false;
}

/* The next name a bare word fills: a positional not given yet, nor made
 * moot by an argument it excludes ("name NAME" instead of "dev NAME"). */
static int open_positional(const struct verb *vb, const struct val *vals)
{
	for (size_t i = 0; i < vb->nargs; i++)
		if ((vb->args[i].flags & ARGF_POSITIONAL) && !vals[i].set && !excluded(vb, i, vals))
			return (int)i;
	return -1;
}

static int unknown_word(struct ctx *c, const struct verb *vb, const char *w, const char *const *kws,
			struct match *m, int r)
{
	char list[256];

	if (r == MATCH_AMBIGUOUS) {
		match_candidates(list, sizeof(list), kws, m);
		return err_usage(c, "ambiguous keyword \"%s\": %s", w, list);
	}
	if (m->suggest)
		return err_usage(c, "unknown keyword \"%s\" (did you mean \"%s\"?)", w, m->suggest);
	(void)vb;
	return err_usage(c, "unknown keyword \"%s\" (see: vnetctl %s %s help)", w, c->obj->name,
			 vb->name);
}

static bool same_owner(const struct match *m, const size_t *owner)
{
	for (size_t i = 1; i < m->nfound && i < ARRAY_SIZE(m->found); i++)
		if (owner[m->found[i]] != owner[m->found[0]])
			return false;
	return true;
}

int parse_args(struct ctx *c, const struct verb *vb, int argc, char **argv, struct val *vals)
{
	const char *kws[64];
	size_t owner[64], n = 0;
	int rc;

	/* the keywords and their aliases, each mapped back to its argument */
	for (size_t i = 0; i < vb->nargs && n + 2 <= ARRAY_SIZE(kws); i++) {
		kws[n] = vb->args[i].kw;
		owner[n++] = i;
		if (vb->args[i].alias) {
			kws[n] = vb->args[i].alias;
			owner[n++] = i;
		}
	}

	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		int pos = open_positional(vb, vals);
		struct match m;
		int k;

		if (pos >= 0 && vb->args[pos].kind == ARG_REST) {
			vals[pos].rest = &argv[i];
			vals[pos].nrest = argc - i;
			vals[pos].set = true;
			break;
		}
		k = match_word(w, kws, n, &m);
		/* a keyword's prefix that also abbreviates its alias is one match */
		if (k == MATCH_AMBIGUOUS && same_owner(&m, owner))
			k = (int)m.found[0];
		/* While a name is still expected, only a keyword spelled out in
		 * full is a keyword: "link set a up" names device "a" rather
		 * than abbreviating "address". */
		if (pos >= 0 && k >= 0 && strcmp(kws[k], w) != 0)
			k = MATCH_NONE;
		if (k >= 0)
			k = (int)owner[k];
		if (k < 0 && pos >= 0) {
			if ((rc = take(c, vb, (size_t)pos, w, vals)) < 0)
				return rc;
			continue;
		}
		if (k < 0)
			return unknown_word(c, vb, w, kws, &m, k);
		if (vb->args[k].kind == ARG_FLAG) {
			if ((rc = take(c, vb, (size_t)k, NULL, vals)) < 0)
				return rc;
			continue;
		}
		if (vb->args[k].kind == ARG_KIND && i + 1 >= argc)
			return err_usage(c, "%s needs a value (%s)", vb->args[k].kw,
					 kind_metavar(&vb->args[k]));
		if (vb->args[k].kind == ARG_REST || vb->args[k].kind == ARG_KIND) {
			vals[k].rest = &argv[i + 1];
			vals[k].nrest = argc - i - 1;
			vals[k].set = true;
			break;
		}
		if (i + 1 >= argc) {
			char list[256];
			if (vb->args[k].kind == ARG_ENUM) {
				enum_expected(list, sizeof(list), &vb->args[k], "|");
				return err_usage(c, "%s needs a value (%s)", vb->args[k].kw, list);
			}
			return err_usage(c, "%s needs a value (%s)", vb->args[k].kw,
					 kind_metavar(&vb->args[k]));
		}
		if ((rc = take(c, vb, (size_t)k, argv[++i], vals)) < 0)
			return rc;
	}

	for (size_t i = 0; i < vb->nargs; i++) {
		const struct arg *a = &vb->args[i];
		if ((a->flags & ARGF_REQUIRED) && !vals[i].set) {
			if (a->kind == ARG_ENUM) {
				char list[256];
				enum_expected(list, sizeof(list), a, "|");
				return err_usage(c, "missing %s (%s)", arg_label(a), list);
			}
			return err_usage(c, "missing %s", arg_label(a));
		}
	}
	return 0;
}

/* Split a line into words: blanks separate, quotes group, backslash escapes,
 * '#' at the start of a word begins a comment.  Works in place. */
int split_words(char *s, char **argv, int max)
{
	int argc = 0;

	for (;;) {
		argv[argc] = NULL; /* argv ends with NULL, as main's does */
		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s || *s == '#')
			return argc;
		if (argc == max - 1)
			return -E2BIG;
		char *w = s, *d = s;
		char quote = 0;
		for (; *s; s++) {
			if (quote) {
				if (*s == quote)
					quote = 0;
				else
					*d++ = *s;
			} else if (*s == '"' || *s == '\'') {
				quote = *s;
			} else if (*s == '\\' && s[1]) {
				*d++ = *++s;
			} else if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
				break;
			} else {
				*d++ = *s;
			}
		}
		if (quote)
			return -EINVAL;
		if (*s)
			s++;
		*d = '\0';
		argv[argc++] = w;
	}
}

/* ---- usage -------------------------------------------------------------- */

static void usage_arg(FILE *f, const struct arg *a)
{
	char list[256];
	bool opt = !(a->flags & ARGF_REQUIRED);
	const char *mv = kind_metavar(a);

	fputs(opt ? " [" : " ", f);
	if (a->kind == ARG_FLAG) {
		fputs(a->kw, f);
	} else {
		if (a->kind == ARG_ENUM) {
			enum_expected(list, sizeof(list), a, " | ");
			mv = list;
		} else if (a->kind == ARG_ONOFF) {
			enum_words(list, sizeof(list), onoff_words, " | ");
			mv = list;
		}
		if (a->flags & ARGF_POSITIONAL) {
			if (a->kw)
				fprintf(f, "[%s] ", a->kw);
			if (a->flags & ARGF_DEFAULT)
				fprintf(f, "{ default | %s }", mv);
			else
				fputs(mv, f);
		} else if (a->kind == ARG_ENUM || a->kind == ARG_ONOFF) {
			fprintf(f, "%s { %s }", a->kw, mv);
		} else if (a->kind == ARG_KIND) {
			fprintf(f, "%s %s [ARGS...]", a->kw, mv);
		} else {
			fprintf(f, "%s %s", a->kw, mv);
		}
	}
	if (opt)
		fputc(']', f);
}

void usage_verb(FILE *f, const struct object *o, const struct verb *v)
{
	fprintf(f, "vnetctl %s %s", o->name, v->name);
	for (size_t i = 0; i < v->nargs; i++)
		usage_arg(f, &v->args[i]);
	fputc('\n', f);
}

void usage_object(FILE *f, const struct object *o)
{
	fprintf(f, "vnetctl %s — %s\n\nUsage:\n", o->name, o->help);
	for (size_t i = 0; i < o->nverbs; i++) {
		fputs("  ", f);
		usage_verb(f, o, &o->verbs[i]);
	}
	for (size_t i = 0; i < o->nverbs; i++) {
		const struct verb *v = &o->verbs[i];
		bool header = false;

		for (size_t j = 0; j < v->nargs; j++) {
			const struct arg *a = &v->args[j];
			if (!a->help)
				continue;
			if (!header) {
				fprintf(f, "\n%s %s: %s\n", o->name, v->name,
					v->help ? v->help : "");
				header = true;
			}
			char name[64];
			snprintf(name, sizeof(name), "%s%s%s", arg_label(a), a->alias ? "|" : "",
				 a->alias ? a->alias : "");
			fprintf(f, "  %-14s %s\n", name, a->help);
		}
		if (!header && v->help)
			fprintf(f, "\n%s %s: %s\n", o->name, v->name, v->help);
	}
}
