// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The argument parser: matches words against a verb's table, converts and
 * checks each value, and reports the first mistake.  Nothing in here knows
 * any keyword; every word it accepts comes from a module's table.
 */
#include <arpa/inet.h>
#include <ctype.h>
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
	case ARG_NEST:
		return "ARGS...";
	case ARG_RANGE:
		return "MIN MAX";
	case ARG_SPAN:
		return "N[-M]";
	case ARG_ADDRS:
		return "ADDR[,ADDR...]";
	case ARG_MARK:
		return "N[/MASK]";
	case ARG_PAIR:
		return "[A/]B";
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

/* What a value may be, in usage and errors: "N|inherit", "a|b|c" (ENUM). */
static const char *value_metavar(const struct arg *a, char *buf, size_t sz, const char *sep)
{
	size_t off;

	if (a->kind == ARG_ENUM) {
		enum_expected(buf, sz, a, sep);
		return buf;
	}
	if (!a->words || (a->kind != ARG_U32 && a->kind != ARG_ADDR))
		return kind_metavar(a);
	off = (size_t)snprintf(buf, sz, "%s%s", kind_metavar(a), sep);
	if (off < sz)
		enum_words(buf + off, sz - off, a->words, sep);
	return buf;
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

/* The index of s among the words a value kind takes instead of a value
 * (spelled out in full: "in" is no "inherit"), or -1. */
static int special_word(const struct arg *a, const char *s)
{
	for (int i = 0; a->words && a->words[i]; i++)
		if (!strcmp(a->words[i], s))
			return i;
	return -1;
}

/* Hexadecimal, with or without 0x, as iproute2 reads a TOS. */
static int parse_hex(const char *s, uint32_t *v)
{
	unsigned long long n;
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	if (!isxdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	n = strtoull(s, &end, 16);
	if (errno || *end || n > UINT32_MAX)
		return -EINVAL;
	*v = (uint32_t)n;
	return 0;
}

static int parse_number(const struct arg *a, const char *s, uint32_t *v)
{
	struct in_addr quad;

	if ((a->flags & ARGF_DOTTED) && strchr(s, '.')) {
		if (inet_pton(AF_INET, s, &quad) != 1)
			return -EINVAL;
		*v = ntohl(quad.s_addr);
		return 0;
	}
	if (a->flags & ARGF_HEX)
		return parse_hex(s, v);
	return parse_u32(s, v);
}

/* A number that is not one: "invalid ttl "x" (expected a number or inherit)";
 * a plain number keeps its short message. */
static int bad_number(struct ctx *c, const struct arg *a, const char *s)
{
	char list[256];

	if (!a->words && !(a->flags & (ARGF_HEX | ARGF_DOTTED)))
		return err_usage(c, "invalid %s \"%s\": not a number", arg_label(a), s);
	enum_words(list, sizeof(list), a->words, "|");
	return err_usage(c, "invalid %s \"%s\" (expected a %snumber%s%s%s)", arg_label(a), s,
			 a->flags & ARGF_HEX ? "hexadecimal " : "",
			 a->flags & ARGF_DOTTED ? " or a dotted quad" : "", list[0] ? " or " : "",
			 list);
}

/* "ttl 300 is out of range (0..255, or inherit)"; hexadecimal in hex. */
static int out_of_range(struct ctx *c, const struct arg *a, const char *s)
{
	char list[256];

	enum_words(list, sizeof(list), a->words, "|");
	return err_usage(c,
			 a->flags & ARGF_HEX ? "%s %s is out of range (0x%x..0x%x%s%s)"
					     : "%s %s is out of range (%u..%u%s%s)",
			 arg_label(a), s, a->min, a->max, list[0] ? ", or " : "", list);
}

/* A number within the argument's bounds (ARG_U32, each of ARG_RANGE's). */
static int parse_bounded(struct ctx *c, const struct arg *a, const char *s, uint32_t *u)
{
	if (parse_number(a, s, u) < 0)
		return bad_number(c, a, s);
	if (*u < a->min || (a->max && *u > a->max))
		return out_of_range(c, a, s);
	return 0;
}

/* ARG_RANGE's second number, once parse_value has the first. */
static int parse_range_high(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	int rc = parse_bounded(c, a, s, &v->range.high);

	if (rc == 0 && v->range.high < v->range.low)
		return err_usage(c, "invalid %s \"%s %s\": the first is above the second",
				 arg_label(a), v->str, s);
	return rc;
}

/* "10" or "10-20": numbers within the argument's range, the first not above
 * the last. */
static int parse_span(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	const char *dash = strchr(s, '-');
	char first[16];
	bool bad;

	if (!dash) {
		bad = parse_u32(s, &v->u) < 0;
		v->hi = v->u;
	} else {
		bad = (size_t)(dash - s) >= sizeof(first);
		if (!bad) {
			memcpy(first, s, (size_t)(dash - s));
			first[dash - s] = '\0';
			bad = parse_u32(first, &v->u) < 0 || parse_u32(dash + 1, &v->hi) < 0;
		}
	}
	if (bad)
		return err_usage(c, "invalid %s \"%s\": not a number or a range N-M", arg_label(a),
				 s);
	if (v->u < a->min || (a->max && v->hi > a->max))
		return err_usage(c, "%s %s is out of range (%u..%u)", arg_label(a), s, a->min,
				 a->max);
	if (v->u > v->hi)
		return err_usage(c, "invalid %s \"%s\": the range's first number is above its last",
				 arg_label(a), s);
	return 0;
}

/* One half of an ARG_PAIR: a word of .words, or a number within bounds. */
static int parse_half(struct ctx *c, const struct arg *a, const char *s, uint32_t *u)
{
	int i = special_word(a, s);

	if (i >= 0) {
		*u = a->values ? a->values[i] : 0;
		return 0;
	}
	return parse_bounded(c, a, s, u);
}

/* "3/4" or "4": the second alone leaves the first 0 (iproute2's realms). */
static int parse_pair(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	const char *slash = strchr(s, '/');
	char first[32];
	int rc;

	v->hi = 0;
	if (!slash)
		return parse_half(c, a, s, &v->u);
	if ((size_t)(slash - s) >= sizeof(first) || slash == s || !slash[1])
		return err_usage(c, "invalid %s \"%s\" (expected %s)", arg_label(a), s,
				 kind_metavar(a));
	memcpy(first, s, (size_t)(slash - s));
	first[slash - s] = '\0';
	rc = parse_half(c, a, first, &v->hi);
	return rc < 0 ? rc : parse_half(c, a, slash + 1, &v->u);
}

/* "0x10/0xff" or "7": a number, and a mask of all ones when none is given
 * (decimal, 0x hexadecimal or 0 octal, as iproute2 reads a firewall mark). */
static int parse_mark(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	const char *slash = strchr(s, '/');
	char first[16];
	bool bad;

	v->hi = UINT32_MAX;
	if (!slash) {
		bad = parse_u32(s, &v->u) < 0;
	} else {
		bad = (size_t)(slash - s) >= sizeof(first);
		if (!bad) {
			memcpy(first, s, (size_t)(slash - s));
			first[slash - s] = '\0';
			bad = parse_u32(first, &v->u) < 0 || parse_u32(slash + 1, &v->hi) < 0;
		}
	}
	if (bad)
		return err_usage(c, "invalid %s \"%s\" (expected N or N/MASK, numbers of 32 bits)",
				 arg_label(a), s);
	return 0;
}

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
	case ARG_NEST:
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
		if ((i = special_word(a, s)) >= 0) {
			v->word = i + 1;
			v->u = a->values ? a->values[i] : 0;
			return 0;
		}
		return parse_bounded(c, a, s, &v->u);
	case ARG_RANGE:
		return parse_bounded(c, a, s, &v->range.low);
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
		if (a->kind == ARG_ADDR && (i = special_word(a, s)) >= 0) {
			v->word = i + 1;
			memset(&v->ip, 0, sizeof(v->ip));
			v->ip.family = AF_UNSPEC;
			return 0;
		}
		if (a->kind == ARG_ADDR && a->words) {
			enum_words(list, sizeof(list), a->words, "|");
			if (parse_prefix(s, false, c->family, &v->ip) < 0 || v->ip.has_len)
				return err_usage(c, "invalid %s \"%s\" (expected an address or %s)",
						 arg_label(a), s, list);
			return 0;
		}
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
	case ARG_SPAN:
		return parse_span(c, a, s, v);
	case ARG_MARK:
		return parse_mark(c, a, s, v);
	case ARG_PAIR:
		return parse_pair(c, a, s, v);
	case ARG_MAC:
		if (parse_mac(s, v->mac) < 0)
			return err_usage(c, "invalid %s \"%s\" (expected xx:xx:xx:xx:xx:xx)",
					 arg_label(a), s);
		if ((a->flags & ARGF_UNICAST) &&
		    ((v->mac[0] & 1) || !(v->mac[0] | v->mac[1] | v->mac[2] | v->mac[3] |
					  v->mac[4] | v->mac[5])))
			return err_usage(c, "%s %s is not a usable device address (multicast or zero)",
					 arg_label(a), s);
		return 0;
	case ARG_USER:
	case ARG_GROUP:
		return parse_id(c, a, s, v);
	}
	return 0;
}

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

static int take(struct ctx *c, const struct verb *vb, size_t idx, const char *word,
		struct val *vals)
{
	const struct arg *a = &vb->args[idx];
	bool set[64];
	int rc, x;

	if (vals[idx].set)
		return err_usage(c, "%s given twice", arg_label(a));
	given(vb, vals, set);
	if ((x = args_excluder(vb->args, vb->nargs, idx, set)) >= 0)
		return names_other(a, (size_t)x)
			   ? err_usage(c, "%s and %s cannot be used together", arg_label(a),
				       arg_label(&vb->args[x]))
			   : err_usage(c, "%s and %s cannot be used together",
				       arg_label(&vb->args[x]), arg_label(a));
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
	bool set[64];

	given(vb, vals, set);
	return args_excluder(vb->args, vb->nargs, a, set) >= 0;
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

/* Whether w reads as the prefix (or default) an ARG_PREFIX takes. */
static bool is_prefix(const struct ctx *c, const struct arg *a, const char *w)
{
	struct inet_prefix p;

	return parse_prefix(w, (a->flags & ARGF_DEFAULT) != 0,
			    (a->flags & ARGF_IPV4) ? AF_INET : c->family, &p) == 0;
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
	const struct verb group = {.name = c->verb ? c->verb->name : a->kw,
				   .args = a->sub,
				   .nargs = a->nsub};
	char reason[sizeof(c->reason) - 32]; /* room for the prefix */
	const char *subject = c->subject; /* a group's name is never the subject */
	int rc;

	memset(out, 0, a->nsub * sizeof(*out));
	if (v->nrest == 0)
		return err_usage(c, "%s needs a value (%s)", a->kw, kind_metavar(a));
	/* parse_args takes char ** but only reads the words */
	rc = parse_args(c, &group, v->nrest, (char **)v->rest, out);
	c->subject = subject;
	if (rc < 0) {
		snprintf(reason, sizeof(reason), "%.*s", (int)sizeof(reason) - 1, c->reason);
		snprintf(c->reason, sizeof(c->reason), "%s: %s", a->kw, reason);
	}
	return rc;
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

int parse_args(struct ctx *c, const struct verb *vb, int argc, char **argv, struct val *vals)
{
	const char *kws[64];
	size_t owner[64], n = 0;
	int rc;

	/* a build bug, not a user's: the walkers keep 64 flags */
	if (vb->nargs > ARRAY_SIZE(kws))
		return err_fail(c, "%s has more than %zu words", vb->name, ARRAY_SIZE(kws));

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
		int k, end = argc;

		/* device names end at a keyword spelled out in full ("link
		 * del a b group 3" is refused as both) */
		for (int j = i; pos >= 0 && (vb->args[pos].flags & ARGF_DEVICES) && j < argc; j++)
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
					 kind_metavar(&vb->args[k]));
		if (vb->args[k].kind == ARG_NEST) {
			if (vals[k].set)
				return err_usage(c, "%s given twice", vb->args[k].kw);
			vals[k].rest = &argv[i + 1];
			vals[k].nrest = argc - i - 1;
			vals[k].set = true;
			if ((rc = check_group(c, &vb->args[k], &vals[k])) < 0)
				return rc;
			break;
		}
		if (vb->args[k].kind == ARG_REST || vb->args[k].kind == ARG_KIND) {
			vals[k].rest = &argv[i + 1];
			vals[k].nrest = argc - i - 1;
			vals[k].set = true;
			break;
		}
		if (vb->args[k].kind == ARG_RANGE) {
			if (i + 2 >= argc)
				return err_usage(c, "%s needs two values (%s)", vb->args[k].kw,
						 kind_metavar(&vb->args[k]));
			if ((rc = take(c, vb, (size_t)k, argv[i + 1], vals)) < 0 ||
			    (rc = parse_range_high(c, &vb->args[k], argv[i + 2], &vals[k])) < 0)
				return rc;
			i += 2;
			continue;
		}
		if (vb->args[k].prefix && i + 2 < argc && !strcmp(argv[i + 1], vb->args[k].prefix)) {
			if ((rc = take(c, vb, (size_t)k, argv[i + 2], vals)) < 0)
				return rc;
			vals[k].prefixed = true;
			i += 2;
			continue;
		}
		if (i + 1 >= argc) {
			char list[256];
			return err_usage(c, "%s needs a value (%s)", vb->args[k].kw,
					 value_metavar(&vb->args[k], list, sizeof(list), "|"));
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
	const char *mv;

	fputs(opt ? " [" : " ", f);
	if (a->kind == ARG_FLAG) {
		fputs(a->kw, f);
	} else {
		if (a->kind == ARG_ONOFF) {
			enum_words(list, sizeof(list), onoff_words, " | ");
			mv = list;
		} else {
			mv = value_metavar(a, list, sizeof(list), " | ");
		}
		if (a->flags & ARGF_POSITIONAL) {
			if (a->kw)
				fprintf(f, "[%s] ", a->kw);
			if (a->flags & ARGF_DEFAULT)
				fprintf(f, "{ default | %s }", mv);
			else
				fputs(mv, f);
		} else if (mv == list) { /* a choice of words */
			fprintf(f, "%s { %s }", a->kw, mv);
		} else if (a->kind == ARG_KIND) {
			fprintf(f, "%s %s [ARGS...]", a->kw, mv);
		} else if (a->kind == ARG_NEST) {
			fputs(a->kw, f);
			for (size_t i = 0; i < a->nsub; i++)
				usage_arg(f, &a->sub[i]);
		} else if (a->prefix) {
			fprintf(f, "%s [%s] %s", a->kw, a->prefix, mv);
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

/* Each of the verb's words with its help, under a line naming the verb. */
void usage_words(FILE *f, const struct object *o, const struct verb *v)
{
	bool header = false;

	for (size_t j = 0; j < v->nargs; j++) {
		const struct arg *a = &v->args[j];
		if (!a->help)
			continue;
		if (!header) {
			fprintf(f, "\n%s %s: %s\n", o->name, v->name, v->help ? v->help : "");
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
