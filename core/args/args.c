// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The argument parser: walks a command line against a verb's table (each
 * value read by argval.c), reports the first mistake, and prints usage.  Nothing in here knows
 * any keyword; every word it accepts comes from a module's table.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "argval.h"
#include "core.h"

/* ---- the command line --------------------------------------------------- */

static bool names_other(const struct arg *a, size_t other)
{
	if (a->excludes == (int)other + 1)
		return true;
	for (const int *x = a->excludes_more; x && *x; x++)
		if (*x == (int)other + 1)
			return true;
	return false;
}

bool args_exclude(const struct arg *args, size_t a, size_t b)
{
	return names_other(&args[a], b) || names_other(&args[b], a);
}

int args_excluder(const struct arg *args, size_t n, size_t a, const bool *set)
{
	for (size_t j = 0; j < n; j++)
		if (j != a && set[j] && args_exclude(args, a, j))
			return (int)j;
	return -1;
}

/* Which values are given, as args_excluder reads them. */
static void given(const struct verb *vb, const struct val *vals, bool *set)
{
	for (size_t j = 0; j < vb->nargs; j++)
		set[j] = vals[j].set;
}

/* Whether argument idx may be given now: 0, or the usage error (said). */
static int may_take(struct ctx *c, const struct verb *vb, size_t idx, const struct val *vals)
{
	const struct arg *a = &vb->args[idx];
	bool set[64];
	int x;

	if (vals[idx].set && a->kind != ARG_STRINGS)
		return err_usage(c, "%s given twice", arg_label(a));
	given(vb, vals, set);
	if ((x = args_excluder(vb->args, vb->nargs, idx, set)) >= 0)
		return names_other(a, (size_t)x) ? err_usage(c, "%s and %s cannot be used together",
							     arg_label(a), arg_label(&vb->args[x]))
						 : err_usage(c, "%s and %s cannot be used together",
							     arg_label(&vb->args[x]), arg_label(a));
	return 0;
}

static int take(struct ctx *c, const struct verb *vb, size_t idx, const char *word,
		struct val *vals)
{
	const struct arg *a = &vb->args[idx];
	int rc;

	if ((rc = may_take(c, vb, idx, vals)) < 0)
		return rc;
	rc = arg_parse_value(c, a, word, &vals[idx]);
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
	bool set[64];

	given(vb, vals, set);
	return args_excluder(vb->args, vb->nargs, a, set) >= 0;
}

/* The next name a bare word fills: a positional not given yet, nor made
 * moot by an argument it excludes ("name NAME" instead of "dev NAME"). */
/* Whether an ARGF_WORD_POS positional takes w: one of its words, and no
 * positional after it given yet. */
static bool word_pos_takes(const struct verb *vb, size_t i, const struct val *vals, const char *w)
{
	bool word = false;

	for (const char *const *x = vb->args[i].words; x && *x && !word; x++)
		word = !strcmp(*x, w);
	for (size_t j = i + 1; word && j < vb->nargs; j++)
		if ((vb->args[j].flags & ARGF_POSITIONAL) && vals[j].set)
			return false;
	return word;
}

static int open_positional(const struct verb *vb, const struct val *vals, const char *w)
{
	for (size_t i = 0; i < vb->nargs; i++)
		if ((vb->args[i].flags & ARGF_POSITIONAL) && !vals[i].set &&
		    !excluded(vb, i, vals) &&
		    (!(vb->args[i].flags & ARGF_WORD_POS) || word_pos_takes(vb, i, vals, w)))
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
	return err_usage(c, "unknown keyword \"%s\" (see: vnetctl %s%s%s help)", w, c->obj->name,
			 verb_named(vb) ? " " : "", vb->name);
}

/* Whether w reads as the prefix (or default) an ARG_PREFIX takes. */
static bool is_prefix(const struct ctx *c, const struct arg *a, const char *w)
{
	struct inet_prefix p;

	return parse_prefix(w, (a->flags & ARGF_DEFAULT) != 0,
			    (a->flags & ARGF_IPV4) ? AF_INET : c->family, &p) == 0;
}

/* Under iproute2's names, the keyword ip's parser would take for w: of
 * those w begins (an ARGF_IP_EXACT one only spelled whole), the lowest
 * .ip_order; unranked ones after, the one spelled whole first, then in
 * table order.  Never ambiguous; MATCH_NONE when none. */
static int match_iproute2(const struct verb *vb, const char *w, const char *const *kws,
			  const size_t *owner, size_t n)
{
	unsigned best_key = UINT_MAX;
	int best = MATCH_NONE;

	for (size_t k = 0; k < n; k++) {
		const struct arg *a = &vb->args[owner[k]];
		bool whole = kws[k] && !strcmp(kws[k], w);
		unsigned key;

		if (!ip_matches(w, kws[k]) || ((a->flags & ARGF_IP_EXACT) && !whole))
			continue;
		key = a->ip_order ? a->ip_order : whole ? 256 : 512 + (unsigned)k;
		if (key < best_key) {
			best_key = key;
			best = (int)k;
		}
	}
	return best;
}

static bool same_owner(const struct match *m, const size_t *owner)
{
	for (size_t i = 1; i < m->nfound && i < ARRAY_SIZE(m->found); i++)
		if (owner[m->found[i]] != owner[m->found[0]])
			return false;
	return true;
}

int parse_group(struct ctx *c, const struct arg *a, const struct val *v, struct val *out)
{
	const struct verb group = {
	    .name = c->verb ? c->verb->name : a->kw, .args = a->sub, .nargs = a->nsub};
	char reason[sizeof(c->reason) - 32]; /* room for the prefix */
	const char *subject = c->subject;    /* a group's name is never the subject */
	int rc;

	memset(out, 0, a->nsub * sizeof(*out));
	if (v->nrest == 0 && !(a->flags & ARGF_NEST_EMPTY))
		return err_usage(c, "%s needs a value (%s)", a->kw, arg_metavar(a));
	/* parse_args takes char ** but only reads the words */
	rc = parse_args(c, &group, v->nrest, (char **)v->rest, out);
	c->subject = subject;
	if (rc < 0) {
		snprintf(reason, sizeof(reason), "%.*s", (int)sizeof(reason) - 1, c->reason);
		snprintf(c->reason, sizeof(c->reason), "%s: %s", a->kw, reason);
	}
	return rc;
}

/* How many of the words an ARG_NEST's group takes: all of them, or with
 * ARGF_NEST_OWN those up to the first that is none of its keywords spelled
 * in full (each keyword with its value), the first word always. */
static int nest_words(const struct arg *a, char *const *words, int n)
{
	int i = 0;

	if (!(a->flags & ARGF_NEST_OWN))
		return n;
	while (i < n) {
		const struct arg *sub = NULL;

		for (size_t k = 0; k < a->nsub && !sub; k++)
			if (a->sub[k].kw && !strcmp(a->sub[k].kw, words[i]))
				sub = &a->sub[k];
		/* a first word of none is the group's own: its positional
		 * (vf N), or refused there */
		if (!sub && i)
			break;
		i += !sub || sub->kind == ARG_FLAG ? 1 : 2;
	}
	return i < n ? i : n;
}

/* The group's words are checked as the rest of the line is: a mistake in
 * them is a usage error before anything is sent. */
static bool is_keyword(const char *w, const char *const *kws, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (kws[k] && !strcmp(kws[k], w))
			return true;
	return false;
}

/* ARG_REST's device names: each valid and given once. */
static int check_devices(struct ctx *c, const struct arg *a, const struct val *v)
{
	if (!(a->flags & ARGF_DEVICES))
		return 0;
	for (int i = 0; i < v->nrest; i++) {
		const char *why = ifname_invalid(v->rest[i]);
		if (why)
			return err_usage(c, "invalid interface name \"%s\": %s", v->rest[i], why);
		for (int j = 0; j < i; j++)
			if (!strcmp(v->rest[i], v->rest[j]))
				return err_usage(c, "%s given twice", v->rest[i]);
	}
	return 0;
}

static int check_group(struct ctx *c, const struct arg *a, const struct val *v)
{
	struct val tmp[64];

	if (a->nsub > ARRAY_SIZE(tmp))
		return err_usage(c, "%s has too many words", a->kw);
	return parse_group(c, a, v, tmp);
}

/* Whether w is one of an argument's .prefix words (blank-separated). */
static bool is_prefix_word(const char *prefix, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = prefix; *p; p += strcspn(p, " "), p += strspn(p, " "))
		if (n && !strncmp(p, w, n) && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

/* The second word of a value of two (ARG_RANGE, ARG_KEYFILE). */
static int second_word(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	return a->kind == ARG_KEYFILE ? arg_parse_keyfile(c, a, s, v)
				      : arg_parse_range_high(c, a, s, v);
}

int parse_args(struct ctx *c, const struct verb *vb, int argc, char **argv, struct val *vals)
{
	const char *kws[64];
	size_t owner[64], n = 0;
	int rc;

	/* a build bug, not a user's: the walkers keep 64 flags */
	if (vb->nargs > ARRAY_SIZE(kws))
		return err_fail(c, "%s has more than %zu words", vb->name, ARRAY_SIZE(kws));

	/* the keywords and their aliases, each mapped back to its argument */
	for (size_t i = 0; i < vb->nargs && n < ARRAY_SIZE(kws); i++) {
		const char *al;
		if ((vb->args[i].flags & ARGF_NOT_IP) && ctx_iproute2(c))
			continue;
		kws[n] = vb->args[i].kw;
		owner[n++] = i;
		for (size_t s = 0; (al = arg_alias(&vb->args[i], s)) && n < ARRAY_SIZE(kws); s++) {
			kws[n] = al;
			owner[n++] = i;
		}
	}

	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		int pos = open_positional(vb, vals, w);
		struct match m;
		int k, end = argc;

		/* device names end at a keyword spelled out in full ("link
		 * del a b group 3" is refused as both) */
		for (int j = i;
		     pos >= 0 && (vb->args[pos].flags & (ARGF_DEVICES | ARGF_KW_ENDS)) && j < argc;
		     j++)
			if (is_keyword(argv[j], kws, n)) {
				end = j;
				break;
			}
		if (pos >= 0 && vb->args[pos].kind == ARG_REST && end > i) {
			vals[pos].rest = &argv[i];
			vals[pos].nrest = end - i;
			vals[pos].set = true;
			if ((rc = check_devices(c, &vb->args[pos], &vals[pos])) < 0)
				return rc;
			if (end == argc)
				break;
			i = end - 1;
			continue;
		}
		k = match_word(w, kws, n, &m);
		/* a keyword's prefix that also abbreviates its alias is one match */
		if (k == MATCH_AMBIGUOUS && same_owner(&m, owner))
			k = (int)m.found[0];
		if (ctx_iproute2(c) && k != MATCH_NONE)
			k = match_iproute2(vb, w, kws, owner, n);
		/* While a name is still expected, only a keyword spelled out in
		 * full is a keyword: "link set a up" names device "a" rather
		 * than abbreviating "address".  A word that cannot be the
		 * prefix expected stays an abbreviation ("route show tab all"). */
		if (pos >= 0 && k >= 0 && strcmp(kws[k], w) != 0 &&
		    !(vb->args[pos].kind == ARG_PREFIX && !is_prefix(c, &vb->args[pos], w)))
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
					 arg_metavar(&vb->args[k]));
		if (vb->args[k].kind == ARG_NEST) {
			if (vals[k].set)
				return err_usage(c, "%s given twice", vb->args[k].kw);
			vals[k].rest = &argv[i + 1];
			vals[k].nrest = nest_words(&vb->args[k], &argv[i + 1], argc - i - 1);
			vals[k].set = true;
			if ((rc = check_group(c, &vb->args[k], &vals[k])) < 0)
				return rc;
			if (!(vb->args[k].flags & ARGF_NEST_OWN))
				break;
			i += vals[k].nrest;
			continue;
		}
		if (vb->args[k].kind == ARG_REST || vb->args[k].kind == ARG_KIND) {
			vals[k].rest = &argv[i + 1];
			vals[k].nrest = argc - i - 1;
			vals[k].set = true;
			break;
		}
		if (vb->args[k].kind == ARG_RANGE || vb->args[k].kind == ARG_KEYFILE) {
			if (i + 2 >= argc)
				return err_usage(c, "%s needs two values (%s)", vb->args[k].kw,
						 arg_metavar(&vb->args[k]));
			if ((rc = take(c, vb, (size_t)k, argv[i + 1], vals)) < 0 ||
			    (rc = second_word(c, &vb->args[k], argv[i + 2], &vals[k])) < 0)
				return rc;
			i += 2;
			continue;
		}
		if (vb->args[k].kind == ARG_UNITS) {
			if ((rc = may_take(c, vb, (size_t)k, vals)) < 0 ||
			    (rc = arg_parse_units(c, &vb->args[k], &argv[i + 1], argc - i - 1,
						  &vals[k])) < 0)
				return rc;
			i += rc;
			continue;
		}
		if (vb->args[k].prefix && i + 2 < argc &&
		    is_prefix_word(vb->args[k].prefix, argv[i + 1])) {
			if ((rc = take(c, vb, (size_t)k, argv[i + 2], vals)) < 0)
				return rc;
			vals[k].prefixed = true;
			i += 2;
			continue;
		}
		/* vnetctl's grammar, where a name was expected: a keyword given
		 * last, with no value, is the name ("bridge fdb show br" is the
		 * bridge br, as before bridge(8)'s "br BRIDGE" came in) */
		if (i + 1 >= argc && pos >= 0 && !ctx_iproute2(c) &&
		    vb->args[pos].kind == ARG_IFNAME) {
			if ((rc = take(c, vb, (size_t)pos, w, vals)) < 0)
				return rc;
			continue;
		}
		if (i + 1 >= argc) {
			char list[256];
			return err_usage(c, "%s needs a value (%s)", vb->args[k].kw,
					 arg_value_metavar(&vb->args[k], list, sizeof(list), "|"));
		}
		if ((rc = take(c, vb, (size_t)k, argv[++i], vals)) < 0)
			return rc;
	}

	return args_required(c, vb, vals);
}

int args_required(struct ctx *c, const struct verb *vb, const struct val *vals)
{
	for (size_t i = 0; i < vb->nargs; i++) {
		const struct arg *a = &vb->args[i];
		if ((a->flags & ARGF_IP_OPTIONAL) && ctx_iproute2(c))
			continue;
		if ((a->flags & ARGF_REQUIRED) && !vals[i].set) {
			if (a->kind == ARG_ENUM) {
				char list[256];
				arg_enum_expected(list, sizeof(list), a, "|");
				return err_usage(c, "missing %s (%s)", arg_label(a), list);
			}
			return err_usage(c, "missing %s", arg_label(a));
		}
	}
	return 0;
}

int args_index(const struct verb *vb, const char *kw)
{
	const char *al;

	for (size_t i = 0; i < vb->nargs; i++) {
		if (vb->args[i].kw && !strcmp(vb->args[i].kw, kw))
			return (int)i;
		for (size_t s = 0; (al = arg_alias(&vb->args[i], s)); s++)
			if (!strcmp(al, kw))
				return (int)i;
	}
	return -1;
}

/* Names in place: each word fills the next open positional, an ARG_REST
 * one every word left. */
static int fill_positional(struct ctx *c, const struct verb *vb, char *const *words, int n,
			   struct val *vals)
{
	int rc;

	for (int i = 0; i < n; i++) {
		int pos = open_positional(vb, vals, words[i]);
		if (pos < 0)
			return err_usage(c, "unexpected \"%s\"", words[i]);
		if (vb->args[pos].kind != ARG_REST) {
			if ((rc = take(c, vb, (size_t)pos, words[i], vals)) < 0)
				return rc;
			continue;
		}
		vals[pos].rest = &words[i];
		vals[pos].nrest = n - i;
		vals[pos].set = true;
		return check_devices(c, &vb->args[pos], &vals[pos]);
	}
	return 0;
}

int args_fill(struct ctx *c, const struct verb *vb, const char *kw, char *const *words, int n,
	      struct val *vals)
{
	int k = kw ? args_index(vb, kw) : -1;
	const struct arg *a = k >= 0 ? &vb->args[k] : NULL;
	int rc;

	if (!kw)
		return fill_positional(c, vb, words, n, vals);
	if (!a) /* a build bug: the caller spells a keyword the table lacks */
		return err_fail(c, "%s has no keyword %s", vb->name, kw);
	if (a->kind == ARG_FLAG)
		return take(c, vb, (size_t)k, NULL, vals);
	if (a->kind == ARG_NEST || a->kind == ARG_REST || a->kind == ARG_KIND) {
		if (vals[k].set)
			return err_usage(c, "%s given twice", a->kw);
		vals[k].rest = words;
		vals[k].nrest = n;
		vals[k].set = true;
		return a->kind == ARG_NEST ? check_group(c, a, &vals[k]) : 0;
	}
	if (a->kind == ARG_UNITS) {
		rc = arg_parse_units(c, a, words, n, &vals[k]);
		if (rc >= 0 && rc < n)
			return err_usage(c, "%s takes %d words, not %d", a->kw, rc, n);
		return rc < 0 ? rc : 0;
	}
	if (n < 1 || ((a->kind == ARG_RANGE || a->kind == ARG_KEYFILE) && n < 2))
		return err_usage(c, "%s needs a value (%s)", a->kw, arg_metavar(a));
	if ((rc = take(c, vb, (size_t)k, words[0], vals)) < 0)
		return rc;
	return a->kind == ARG_RANGE || a->kind == ARG_KEYFILE
		   ? second_word(c, a, words[1], &vals[k])
		   : 0;
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

int split_words_ip(char *s, char **argv, int max)
{
	static const char blanks[] = " \t\r\n";
	int argc = 0;

	for (;;) {
		argv[argc] = NULL;
		s += strspn(s, blanks);
		if (!*s)
			return argc;
		if (argc == max - 1)
			return -E2BIG;
		if (*s == '"' || *s == '\'') {
			/* the word is what lies between the quotes, the closing
			 * one ends it */
			char *end = strchr(s + 1, *s);
			if (!end)
				return -EINVAL;
			argv[argc++] = s + 1;
			*end = '\0';
			s = end + 1;
			continue;
		}
		argv[argc++] = s;
		s += strcspn(s, blanks);
		if (!*s)
			return argc;
		*s++ = '\0';
	}
}

/* ---- usage -------------------------------------------------------------- */

/* Each of the verb's words with its help, under a line naming the verb. */
void usage_words(FILE *f, const struct object *o, const struct verb *v)
{
	bool header = false;

	for (size_t j = 0; j < v->nargs; j++) {
		const struct arg *a = &v->args[j];
		if (!a->help)
			continue;
		if (!header) {
			fprintf(f, "\n%s%s%s: %s\n", o->name, verb_named(v) ? " " : "", v->name,
				v->help ? v->help : "");
			header = true;
		}
		char name[64];
		const char *al;
		int len = snprintf(name, sizeof(name), "%s", arg_label(a));
		for (size_t s = 0; (al = arg_alias(a, s)) && len >= 0 && (size_t)len < sizeof(name);
		     s++)
			len += snprintf(name + len, sizeof(name) - (size_t)len, "|%s", al);
		fprintf(f, "  %-14s %s\n", name, a->help);
	}
	if (!header && v->help)
		fprintf(f, "\n%s%s%s: %s\n", o->name, verb_named(v) ? " " : "", v->name, v->help);
}

void usage_object(FILE *f, const struct object *o)
{
	fprintf(f, "vnetctl %s — %s\n\nUsage:\n", o->name, o->help);
	for (size_t i = 0; i < o->nverbs; i++) {
		fputs("  ", f);
		usage_verb(f, o, &o->verbs[i]);
	}
	for (size_t i = 0; i < o->nverbs; i++)
		usage_words(f, o, &o->verbs[i]);
}
