// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The values of the argument tables: each kind's word read and checked
 * (numbers, ranges, addresses, prefixes, users, marks, enums, pairs), and
 * named in messages and usage by its metavar.  The command line's walk
 * and the usage are args.c's, a word's match against a table's words
 * argmatch.c's; this file knows one value at a time.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "args.h"
#include "argval.h"
#include "core.h"
#include "keytext.h"

/* ---- values ------------------------------------------------------------- */

const char *arg_metavar(const struct arg *a)
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
	case ARG_KEY:
		return "KEY";
	case ARG_ENDPOINT:
		return "HOST:PORT";
	case ARG_MSEC:
		return "TIME";
	case ARG_UNITS:
		return a->metavar ? a->metavar : "VALUE";
	case ARG_TCHANDLE:
		return "MAJ:MIN";
	case ARG_HEX64:
		return "HEX";
	case ARG_WEIGHTS:
		return "ID[,WEIGHT][/ID[,WEIGHT]...]";
	case ARG_LABELS:
		return "N[/N...]";
	case ARG_KEYFILE:
		return "ID FILE";
	default:
		return "VALUE";
	}
}

/* The name of an argument in messages: its keyword, or its metavar. */
const char *arg_label(const struct arg *a)
{
	return a->kw ? a->kw : arg_metavar(a);
}

void arg_join_words(char *buf, size_t sz, const char *const *words, const char *sep)
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
void arg_enum_expected(char *buf, size_t sz, const struct arg *a, const char *sep)
{
	size_t n = nwords(a->words), len;

	arg_join_words(buf, sz, a->words, sep);
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

/* ADDR[,ADDR...]: each an address (IPv4 alone with ARGF_IPV4; a prefix,
 * ADDR/PLEN, with ARGF_PREFIXES), none twice, at most .max (ARG_ADDRS_MAX)
 * of them. */
static int parse_addrs(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	int want = (a->flags & ARGF_IPV4) ? AF_INET : c->family;
	const char *fam = want == AF_INET ? "IPv4 " : want == AF_INET6 ? "IPv6 " : "";
	bool prefixes = a->flags & ARGF_PREFIXES;
	const char *what = prefixes ? "prefix" : "address";
	int max = a->max && a->max < ARG_ADDRS_MAX ? (int)a->max : ARG_ADDRS_MAX;
	const char *p = s;
	char one[INET6_ADDRSTRLEN + 5];

	v->nrest = 0;
	for (;;) {
		size_t len = strcspn(p, ",");
		struct inet_prefix *ip = &v->ips[v->nrest];

		if (len == 0)
			return err_usage(c, "invalid %s \"%s\": an empty %s", arg_label(a), s,
					 what);
		if (v->nrest == max)
			return err_usage(c, "invalid %s \"%s\": at most %d %s", arg_label(a), s,
					 max, prefixes ? "prefixes" : "addresses");
		snprintf(one, sizeof(one), "%.*s", (int)len, p);
		if (len >= sizeof(one) || parse_prefix(one, false, want, ip) < 0 ||
		    (ip->has_len && !prefixes))
			return err_usage(c, "invalid %s \"%s\": \"%.*s\" is not %s%s%s",
					 arg_label(a), s, (int)len, p,
					 *fam || !prefixes ? "an " : "a ", fam, what);
		for (int i = 0; i < v->nrest; i++)
			if (v->ips[i].family == ip->family && v->ips[i].len == ip->len &&
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

/* A 32-byte key as wg writes it: 44 characters of base64, padded, the
 * bits past the key zero. */
static int parse_key(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	if (key_text_decode(s, strlen(s), v->key) < 0)
		return err_usage(c,
				 "invalid %s \"%s\" (expected a key: 32 bytes in base64, 44 "
				 "characters)",
				 arg_label(a), s);
	return 0;
}

/* HOST:PORT, [ADDR6]:PORT: an address as it is, a name resolved (its first
 * address, of the family -4/-6 asks for). */
static int parse_endpoint(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	const char *colon = strrchr(s, ':'), *host = s;
	size_t hlen = colon ? (size_t)(colon - s) : 0;
	struct addrinfo hints = {.ai_family = c->family, .ai_socktype = SOCK_DGRAM};
	struct addrinfo *res = NULL;
	char name[256];
	uint32_t port;
	int rc;

	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			colon = NULL;
		host = s + 1;
		hlen = close ? (size_t)(close - host) : 0;
	} else if (colon && memchr(s, ':', hlen)) {
		colon = NULL; /* an IPv6 address needs its brackets */
	}
	if (!colon || !hlen || hlen >= sizeof(name) || parse_u32(colon + 1, &port) < 0 || !port ||
	    port > 65535)
		return err_usage(c, "invalid %s \"%s\" (expected HOST:PORT or [ADDR6]:PORT)",
				 arg_label(a), s);
	snprintf(name, sizeof(name), "%.*s", (int)hlen, host);
	v->hi = port;
	if (parse_prefix(name, false, c->family, &v->ip) == 0 && !v->ip.has_len)
		return 0;
	if ((rc = getaddrinfo(name, NULL, &hints, &res)) != 0 || !res)
		return err_usage(c, "invalid %s \"%s\": cannot resolve %s (%s)", arg_label(a), s,
				 name, rc ? gai_strerror(rc) : "no address");
	memset(&v->ip, 0, sizeof(v->ip));
	v->ip.family = res->ai_family;
	if (res->ai_family == AF_INET)
		v->ip.v4 = ((const struct sockaddr_in *)res->ai_addr)->sin_addr;
	else
		v->ip.v6 = ((const struct sockaddr_in6 *)res->ai_addr)->sin6_addr;
	v->ip.len = res->ai_family == AF_INET ? 32 : 128;
	freeaddrinfo(res);
	return 0;
}

/* What a value may be, in usage and errors: "N|inherit", "a|b|c" (ENUM). */
const char *arg_value_metavar(const struct arg *a, char *buf, size_t sz, const char *sep)
{
	size_t off;

	if (a->kind == ARG_ENUM) {
		arg_enum_expected(buf, sz, a, sep);
		return buf;
	}
	if (!a->words || (a->kind != ARG_U32 && a->kind != ARG_ADDR))
		return arg_metavar(a);
	off = (size_t)snprintf(buf, sz, "%s%s", arg_metavar(a), sep);
	if (off < sz)
		arg_join_words(buf + off, sz - off, a->words, sep);
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
	arg_join_words(list, sizeof(list), a->words, "|");
	return err_usage(c, "invalid %s \"%s\" (expected a %snumber%s%s%s)", arg_label(a), s,
			 a->flags & ARGF_HEX ? "hexadecimal " : "",
			 a->flags & ARGF_DOTTED ? " or a dotted quad" : "", list[0] ? " or " : "",
			 list);
}

/* "ttl 300 is out of range (0..255, or inherit)"; hexadecimal in hex. */
static int out_of_range(struct ctx *c, const struct arg *a, const char *s)
{
	char list[256];

	arg_join_words(list, sizeof(list), a->words, "|");
	/* no .max: bounded below only, "(at least 1)" */
	if (!a->max)
		return err_usage(c,
				 a->flags & ARGF_HEX ? "%s %s is out of range (at least 0x%x%s%s)"
						     : "%s %s is out of range (at least %u%s%s)",
				 arg_label(a), s, a->min, list[0] ? ", or " : "", list);
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
int arg_parse_range_high(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	int rc = parse_bounded(c, a, s, &v->range.high);

	if (rc == 0 && v->range.high < v->range.low)
		return err_usage(c, "invalid %s \"%s %s\": the first is above the second",
				 arg_label(a), v->str, s);
	return rc;
}

/* ARG_KEYFILE's id: pairs of hexadecimal digits, 1 to .max bytes. */
static int parse_keyid(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	size_t n = strlen(s), max = a->max && a->max < sizeof(v->key) ? a->max : sizeof(v->key);

	if (n == 0 || n % 2 || n / 2 > max || strspn(s, "0123456789abcdefABCDEF") != n)
		return err_usage(c, "invalid %s id \"%s\" (expected 1 to %zu bytes in hexadecimal)",
				 arg_label(a), s, max);
	for (size_t i = 0; i < n / 2; i++) {
		char byte[3] = {s[2 * i], s[2 * i + 1], '\0'};
		v->key[i] = (uint8_t)strtoul(byte, NULL, 16);
	}
	v->nrest = (int)(n / 2);
	return 0;
}

/* ARG_KEYFILE's file, once parse_value has the id: a name, never the key
 * (read when the command runs). */
int arg_parse_keyfile(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	if (!*s)
		return err_usage(c, "%s needs the name of the file that holds the key",
				 arg_label(a));
	v->file = s;
	return 0;
}

/* "N" or "N<sep>M", numbers of 32 bits, into *lo and *hi (*hi: M; with N
 * alone, *lo for a range ('-'), left as it was for a mask).  False when
 * either is no number. */
static bool u32_pair(const char *s, char sep, uint32_t *lo, uint32_t *hi)
{
	const char *at = strchr(s, sep);
	char first[16];

	if (!at) {
		if (parse_u32(s, lo) < 0)
			return false;
		if (sep == '-')
			*hi = *lo;
		return true;
	}
	if ((size_t)(at - s) >= sizeof(first))
		return false;
	memcpy(first, s, (size_t)(at - s));
	first[at - s] = '\0';
	return parse_u32(first, lo) == 0 && parse_u32(at + 1, hi) == 0;
}

/* What ip reads as a link-layer address where a MAC was not: a dotted quad
 * (4 bytes), else numbers in hex (sscanf's %x: "0x10", " 1", "bogus" is
 * 0x0b) separated by colons, each up to 255, as many as typed; the kernel
 * judges the length.  A part that is no number: ip's line, exit 1. */
static int parse_ip_lladdr(struct ctx *c, const char *s, struct val *v)
{
	char buf[256], *part = buf;
	int n = 0;

	if (strchr(s, '.')) {
		if (inet_pton(AF_INET, s, v->lladdr) != 1)
			return err_iproute2(c, VN_EIP_FAIL, "\"%s\" is invalid lladdr.", s);
		v->nrest = 4;
		return 0;
	}
	snprintf(buf, sizeof(buf), "%s", s);
	while (n < (int)sizeof(v->lladdr)) {
		char *next = strchr(part, ':');
		unsigned byte;

		if (next)
			*next++ = '\0';
		if (sscanf(part, "%x", &byte) != 1 || byte > 0xff)
			return err_iproute2(c, VN_EIP_FAIL, "\"%s\" is invalid lladdr.", part);
		v->lladdr[n++] = (uint8_t)byte;
		if (!next)
			break;
		part = next;
	}
	v->nrest = n;
	return 0;
}

/* "10" or "10-20": numbers within the argument's range, the first not above
 * the last. */
static int parse_span(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	bool bad = !u32_pair(s, '-', &v->u, &v->hi);

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
				 arg_metavar(a));
	memcpy(first, s, (size_t)(slash - s));
	first[slash - s] = '\0';
	rc = parse_half(c, a, first, &v->hi);
	return rc < 0 ? rc : parse_half(c, a, slash + 1, &v->u);
}

/* "0x10/0xff" or "7": a number, and a mask of all ones when none is given
 * (decimal, 0x hexadecimal or 0 octal, as iproute2 reads a firewall mark). */
static int parse_mark(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	bool bad;

	v->hi = UINT32_MAX;
	bad = !u32_pair(s, '/', &v->u, &v->hi);
	if (bad)
		return err_usage(c, "invalid %s \"%s\" (expected N or N/MASK, numbers of 32 bits)",
				 arg_label(a), s);
	return 0;
}

/* The decimal number at s, up to the first character that is no digit
 * (*end): 0, or -1 when there is none or it passes 32 bits. */
static int u32_prefix(const char *s, uint32_t *v, char **end)
{
	uint64_t n = 0;
	const char *p = s;

	for (; isdigit((unsigned char)*p); p++)
		if ((n = n * 10 + (uint64_t)(*p - '0')) > UINT32_MAX)
			return -1;
	*end = (char *)p;
	*v = (uint32_t)n;
	return p == s ? -1 : 0;
}

/* ARG_WEIGHTS: "1,5/2/11,3", each member's id (from 1) and weight (1 to
 * max, 1 when left out), as ip reads a nexthop group. */
static int parse_weights(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	uint32_t wmax = a->max ? a->max : UINT16_MAX;
	const char *p = s;

	v->nrest = 0;
	do {
		uint32_t id, weight = 1;
		char *end;

		if (v->nrest == ARG_WEIGHTS_MAX)
			return err_usage(c, "%s %s: more than %d members", arg_label(a), s,
					 ARG_WEIGHTS_MAX);
		if (u32_prefix(p, &id, &end) < 0 || !id)
			return err_usage(c, "invalid %s \"%s\"", arg_label(a), s);
		if (*end == ',') {
			p = end + 1;
			if (u32_prefix(p, &weight, &end) < 0 || weight < 1 || weight > wmax)
				return err_usage(c, "invalid %s \"%s\" (a weight is 1 to %u)",
						 arg_label(a), s, wmax);
		}
		if (*end && (*end != '/' || !end[1]))
			return err_usage(c, "invalid %s \"%s\"", arg_label(a), s);
		v->weights[v->nrest].id = id;
		v->weights[v->nrest].weight = (uint16_t)weight;
		v->nrest++;
		p = *end ? end + 1 : end;
	} while (*p);
	return 0;
}

/* ARG_LABELS: "200/300", each number within [min, max]. */
static int parse_labels(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	const char *p = s;

	v->nrest = 0;
	do {
		uint32_t n;
		char *end;

		if (v->nrest == ARG_WEIGHTS_MAX)
			return err_usage(c, "%s %s: more than %d numbers", arg_label(a), s,
					 ARG_WEIGHTS_MAX);
		if (u32_prefix(p, &n, &end) < 0 || n < a->min || (a->max && n > a->max))
			return err_usage(c, "invalid %s \"%s\" (each %u to %u)", arg_label(a), s,
					 a->min, a->max ? a->max : UINT32_MAX);
		if (*end && (*end != '/' || !end[1]))
			return err_usage(c, "invalid %s \"%s\"", arg_label(a), s);
		v->nums[v->nrest++] = n;
		p = *end ? end + 1 : end;
	} while (*p);
	return 0;
}

/* ARG_MSEC's units: how many milliseconds each is. */
static const struct {
	const char *word;
	unsigned ms;
} msec_units[] = {{"s", 1000}, {"sec", 1000}, {"secs", 1000}, {"ms", 1}, {"msec", 1}, {"msecs", 1}};

static int parse_msec(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	const char *unit = s + strspn(s, "0123456789.");
	double n, ms = -1;
	char *end;

	errno = 0;
	n = strtod(s, &end);
	if (s[0] >= '0' && s[0] <= '9' && end == unit && !errno) {
		if (!*unit)
			ms = n;
		for (size_t i = 0; *unit && i < ARRAY_SIZE(msec_units); i++)
			if (!strcasecmp(unit, msec_units[i].word))
				ms = n * msec_units[i].ms;
	}
	if (ms < 0 || ms > UINT32_MAX)
		return err_usage(c, "invalid %s \"%s\" (expected a time: N, Nms or Ns)",
				 arg_label(a), s);
	v->u = (uint32_t)ms;
	v->hi = *unit != '\0';
	return 0;
}

/* ARG_HEX64: 1 to 16 hexadecimal digits, after an optional 0x. */
static int parse_hex64(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	const char *d = s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? s + 2 : s;
	size_t n = strlen(d);

	if (n == 0 || n > 16 || strspn(d, "0123456789abcdefABCDEF") != n)
		return err_usage(c, "invalid %s \"%s\" (expected up to 16 hexadecimal digits)",
				 arg_label(a), s);
	v->u64 = strtoull(d, NULL, 16);
	return 0;
}

int arg_parse_value(struct ctx *c, const struct arg *a, const char *s, struct val *v)
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
	case ARG_STRINGS:
		if (v->nrest >=
		    (a->max && a->max < ARG_STRINGS_MAX ? (int)a->max : ARG_STRINGS_MAX))
			return err_usage(c, "%s given more than %d times", arg_label(a), v->nrest);
		v->strs[v->nrest++] = s;
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
		/* iproute2: the first of the words, in their order */
		if (i == MATCH_AMBIGUOUS && ctx_iproute2(c))
			i = (int)m.found[0];
		if (i >= 0) {
			v->e = i;
			return 0;
		}
		if (i == MATCH_AMBIGUOUS) {
			match_candidates(list, sizeof(list), a->words, &m);
			return err_usage(c, "ambiguous %s \"%s\": %s", arg_label(a), s, list);
		}
		arg_enum_expected(list, sizeof(list), a, "|");
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
			arg_join_words(list, sizeof(list), a->words, "|");
			if (parse_prefix(s, false, c->family, &v->ip) < 0 || v->ip.has_len)
				return err_usage(c, "invalid %s \"%s\" (expected an address or %s)",
						 arg_label(a), s, list);
			return 0;
		}
		if ((a->flags & ARGF_OR_MAC) && parse_prefix(s, false, c->family, &v->ip) < 0 &&
		    parse_mac(s, v->ip.bytes) == 0) {
			v->ip.family = AF_PACKET;
			v->ip.len = 48;
			v->ip.has_len = false;
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
	case ARG_KEY:
		return parse_key(c, a, s, v);
	case ARG_ENDPOINT:
		return parse_endpoint(c, a, s, v);
	case ARG_MSEC:
		return parse_msec(c, a, s, v);
	case ARG_TCHANDLE:
		return arg_parse_tchandle(c, a, s, v);
	case ARG_UNITS: {
		char *w[] = {(char *)s};
		int rc = arg_parse_units(c, a, w, 1, v);
		return rc < 0 ? rc : 0;
	}
	case ARG_HEX64:
		return parse_hex64(c, a, s, v);
	case ARG_WEIGHTS:
		return parse_weights(c, a, s, v);
	case ARG_LABELS:
		return parse_labels(c, a, s, v);
	case ARG_KEYFILE:
		return parse_keyid(c, a, s, v);
	case ARG_MAC:
		if (parse_mac(s, v->mac) < 0 && (a->flags & ARGF_IP_LLADDR) && ctx_iproute2(c))
			return parse_ip_lladdr(c, s, v);
		if (parse_mac(s, v->mac) < 0)
			return err_usage(c, "invalid %s \"%s\" (expected xx:xx:xx:xx:xx:xx)",
					 arg_label(a), s);
		if ((a->flags & ARGF_UNICAST) &&
		    ((v->mac[0] & 1) ||
		     !(v->mac[0] | v->mac[1] | v->mac[2] | v->mac[3] | v->mac[4] | v->mac[5])))
			return err_usage(c,
					 "%s %s is not a usable device address (multicast or zero)",
					 arg_label(a), s);
		return 0;
	case ARG_USER:
	case ARG_GROUP:
		return parse_id(c, a, s, v);
	}
	return 0;
}
