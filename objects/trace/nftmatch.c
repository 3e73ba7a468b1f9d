// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * One "match" of a rule (its JSON, as `nft -j -n list ruleset` writes it)
 * against the traced packet: what the left side loads from the packet,
 * then the operator against the right side's value, prefix, range,
 * anonymous or named set.  What the packet does not have (a tcp port of
 * an ICMP packet) makes the kernel's load fail, and the rule does not
 * match (a device the hook has not is the empty name); what trace does
 * not know of a packet (its ttl, its socket's owner, ...) is
 * NFTM_UNKNOWN, never a guess.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "nftrules.h"

enum fkind { FK_NAME, FK_NUM, FK_ADDR };

/* What the left side loaded. */
struct field {
	enum fkind k;
	const char *name;
	uint64_t num;
	uint8_t a[16];
	int family; /* FK_ADDR's */
	bool bitmask;
};

/* Names nft prints where -n was not honoured. */
static const struct {
	const char *name;
	unsigned v;
} syms[] = {
    {"icmp", 1},	   {"tcp", 6},		{"udp", 17},
    {"gre", 47},	   {"esp", 50},		{"ah", 51},
    {"icmpv6", 58},	   {"ipv6-icmp", 58},	{"sctp", 132},
    {"udplite", 136},	   {"invalid", 1},	{"established", 2},
    {"related", 4},	   {"new", 8},		{"untracked", 64},
    {"echo-reply", 0},	   {"echo-request", 8}, {"destination-unreachable", 3},
    {"time-exceeded", 11}, {"ipv4", 2},		{"ipv6", 10},
};

static bool sym_num(const char *s, uint64_t *v)
{
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++)
		if (!strcmp(s, syms[i].name)) {
			*v = syms[i].v;
			return true;
		}
	return false;
}

bool nft_addr_parse(int family, const json_t *j, uint8_t *a)
{
	const char *s = json_string_value(j);

	memset(a, 0, 16);
	return s && inet_pton(family, s, a) == 1;
}

static int unknown(char *why, size_t wsz, const char *a, const char *b)
{
	snprintf(why, wsz, "%s%s%s", a, b ? " " : "", b ? b : "");
	return -1;
}

static bool is_l4(uint8_t proto)
{
	return proto == 6 || proto == 17 || proto == 132 || proto == 136 || proto == 33;
}

static uint8_t l4_of(const char *proto)
{
	static const struct {
		const char *n;
		uint8_t v;
	} l4[] = {{"tcp", 6}, {"udp", 17}, {"sctp", 132}, {"udplite", 136}, {"dccp", 33}};

	for (size_t i = 0; i < sizeof(l4) / sizeof(l4[0]); i++)
		if (!strcmp(proto, l4[i].n))
			return l4[i].v;
	return 0;
}

static void num(struct field *f, uint64_t v)
{
	f->k = FK_NUM;
	f->num = v;
}

static int meta_left(const char *key, const struct trace_pkt *p, struct field *f, char *why,
		     size_t wsz)
{
	if (!strcmp(key, "iifname") || !strcmp(key, "iif") || !strcmp(key, "oifname") ||
	    !strcmp(key, "oif")) {
		/* no such device at this hook: the kernel loads "" (index 0),
		 * which != matches */
		f->k = FK_NAME;
		f->name = key[0] == 'i' ? p->iif : p->oif;
		return 1;
	}
	if (!strcmp(key, "l4proto"))
		num(f, p->proto);
	else if (!strcmp(key, "nfproto"))
		num(f, p->family == AF_INET ? 2 : 10);
	else if (!strcmp(key, "protocol"))
		num(f, p->family == AF_INET ? 0x0800 : 0x86dd);
	else if (!strcmp(key, "mark"))
		num(f, p->mark);
	else if (!strcmp(key, "length") && p->len)
		num(f, p->len);
	else
		return unknown(why, wsz, "meta", key);
	return 1;
}

static int payload_left(const char *proto, const char *field, const struct trace_pkt *p,
			struct field *f, char *why, size_t wsz)
{
	bool v4 = !strcmp(proto, "ip"), v6 = !strcmp(proto, "ip6");

	if (v4 || v6) {
		if (p->family != (v4 ? AF_INET : AF_INET6))
			return 0;
		if (!strcmp(field, "saddr") || !strcmp(field, "daddr")) {
			f->k = FK_ADDR;
			f->family = p->family;
			memcpy(f->a, field[0] == 's' ? p->saddr : p->daddr, 16);
			return 1;
		}
		if (!strcmp(field, v4 ? "protocol" : "nexthdr")) {
			num(f, p->proto);
			return 1;
		}
		if (!strcmp(field, v4 ? "length" : "payload_length") && p->len) {
			num(f, v4 ? p->len : p->len - 40);
			return 1;
		}
		return unknown(why, wsz, proto, field);
	}
	if (l4_of(proto) || !strcmp(proto, "th")) {
		if (l4_of(proto) ? p->proto != l4_of(proto) : !is_l4(p->proto))
			return 0;
		if (!strcmp(field, "sport") || !strcmp(field, "dport")) {
			num(f, field[0] == 's' ? p->sport : p->dport);
			return 1;
		}
		return unknown(why, wsz, proto, field);
	}
	if (!strcmp(proto, "icmp") || !strcmp(proto, "icmpv6")) {
		bool six = proto[4] == 'v';
		if (p->family != (six ? AF_INET6 : AF_INET) || p->proto != (six ? 58 : 1))
			return 0;
		if (!strcmp(field, "type")) {
			num(f, p->icmp_type);
			return 1;
		}
		return unknown(why, wsz, proto, field);
	}
	return unknown(why, wsz, proto, field);
}

/* The left side: 1 loaded into f, 0 not in this packet (no match), -1
 * unknown to trace (why says what). */
static int left_of(const json_t *l, const struct trace_pkt *p, struct field *f, char *why,
		   size_t wsz)
{
	const json_t *o, *and;
	const char *key;
	int rc;

	*f = (struct field){.k = FK_NUM};
	if ((o = json_object_get(l, "meta")))
		return meta_left(json_string_value(json_object_get(o, "key")) ?: "?", p, f, why,
				 wsz);
	if ((o = json_object_get(l, "payload"))) {
		const char *proto = json_string_value(json_object_get(o, "protocol"));
		const char *field = json_string_value(json_object_get(o, "field"));
		if (!proto || !field)
			return unknown(why, wsz, "a raw payload", NULL);
		return payload_left(proto, field, p, f, why, wsz);
	}
	if ((o = json_object_get(l, "ct"))) {
		key = json_string_value(json_object_get(o, "key")) ?: "?";
		if (strcmp(key, "state") || json_object_get(o, "dir"))
			return unknown(why, wsz, "ct", key);
		/* established for a reply, else new; a reply where its request
		 * never passed is invalid (an echo reply, a SYN-ACK) or new */
		num(f, !p->stray ? (p->reply ? 2 : 8)
		       : p->proto == IPPROTO_TCP || p->proto == IPPROTO_ICMP ||
			       p->proto == IPPROTO_ICMPV6
			   ? 1
			   : 8);
		f->bitmask = true;
		return 1;
	}
	if ((and = json_object_get(l, "&")) && json_array_size(and) == 2 &&
	    json_is_integer(json_array_get(and, 1))) {
		if ((rc = left_of(json_array_get(and, 0), p, f, why, wsz)) <= 0)
			return rc;
		if (f->k != FK_NUM)
			return unknown(why, wsz, "a mask", NULL);
		f->num &= (uint64_t)json_integer_value(json_array_get(and, 1));
		return 1;
	}
	key = json_is_object(l) && json_object_size(l)
		  ? json_object_iter_key(json_object_iter((json_t *)l))
		  : "an expression";
	return unknown(why, wsz, key, NULL);
}

/* An interface name against nft's, whose "*" at the end is any suffix. */
static bool name_eq(const char *have, const char *pat)
{
	size_t n = strlen(pat);

	if (n && pat[n - 1] == '*' && (n < 2 || pat[n - 2] != '\\'))
		return !strncmp(have, pat, n - 1);
	return !strcmp(have, pat);
}

static bool in_prefix(const uint8_t *a, const uint8_t *net, unsigned len)
{
	unsigned i;

	for (i = 0; i + 8 <= len; i += 8)
		if (a[i / 8] != net[i / 8])
			return false;
	return i == len || !((a[i / 8] ^ net[i / 8]) & (0xff00 >> (len - i)));
}

static int alen(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* A value of the right side as a number or an address: 1, or -1 unread. */
static int value_of(const struct field *f, const json_t *j, uint64_t *n, uint8_t *a)
{
	if (f->k == FK_ADDR)
		return nft_addr_parse(f->family, j, a) ? 1 : -1;
	if (json_is_integer(j)) {
		*n = (uint64_t)json_integer_value(j);
		return 1;
	}
	return json_is_string(j) && sym_num(json_string_value(j), n) ? 1 : -1;
}

/* f against one element: a value, prefix, range, or an element object. */
static enum nft_m elem_eq(const struct field *f, const json_t *e, char *why, size_t wsz)
{
	const json_t *o;
	uint8_t a[16], b[16];
	uint64_t x, y;

	if ((o = json_object_get(e, "elem")))
		return elem_eq(f, json_object_get(o, "val"), why, wsz);
	if (f->k == FK_NAME) {
		if (json_is_string(e))
			return name_eq(f->name, json_string_value(e)) ? NFTM_YES : NFTM_NO;
		if (json_is_integer(e)) /* a device nft could not name: not this one */
			return NFTM_NO;
	} else if ((o = json_object_get(e, "prefix"))) {
		if (f->k == FK_ADDR && nft_addr_parse(f->family, json_object_get(o, "addr"), a))
			return in_prefix(f->a, a,
					 (unsigned)json_integer_value(json_object_get(o, "len")))
				   ? NFTM_YES
				   : NFTM_NO;
	} else if ((o = json_object_get(e, "range")) && json_array_size(o) == 2) {
		if (value_of(f, json_array_get(o, 0), &x, a) > 0 &&
		    value_of(f, json_array_get(o, 1), &y, b) > 0) {
			if (f->k == FK_ADDR)
				return memcmp(f->a, a, alen(f->family)) >= 0 &&
					       memcmp(f->a, b, alen(f->family)) <= 0
					   ? NFTM_YES
					   : NFTM_NO;
			return f->num >= x && f->num <= y ? NFTM_YES : NFTM_NO;
		}
	} else if (value_of(f, e, &x, a) > 0) {
		if (f->k == FK_ADDR)
			return memcmp(f->a, a, alen(f->family)) ? NFTM_NO : NFTM_YES;
		return f->num == x ? NFTM_YES : NFTM_NO;
	}
	snprintf(why, wsz, "a value of a kind trace does not read");
	return NFTM_UNKNOWN;
}

/* f in any of the elements (a set's). */
static enum nft_m any_eq(const struct field *f, const json_t *elems, char *why, size_t wsz)
{
	enum nft_m m = NFTM_NO, one;
	const json_t *e;
	size_t i;

	json_array_foreach(elems, i, e)
	{
		if ((one = elem_eq(f, e, why, wsz)) == NFTM_YES)
			return NFTM_YES;
		if (one == NFTM_UNKNOWN)
			m = NFTM_UNKNOWN;
	}
	return m;
}

/* f == r: a value, a prefix, a range, an anonymous set or a named one. */
static enum nft_m eq(const struct nft_ruleset *rs, const struct nft_chain *c, const struct field *f,
		     const json_t *r, char *why, size_t wsz)
{
	const char *s = json_string_value(r);
	const json_t *o;

	if (s && s[0] == '@') {
		if (!(o = nft_set_elems(rs, c->family, c->table, s + 1))) {
			snprintf(why, wsz, "set %s, which is not in the ruleset", s);
			return NFTM_UNKNOWN;
		}
		return any_eq(f, o, why, wsz);
	}
	if ((o = json_object_get(r, "set")))
		return json_is_array(o) ? any_eq(f, o, why, wsz) : elem_eq(f, o, why, wsz);
	return elem_eq(f, r, why, wsz);
}

/* A bitmask's flags (a number, a name, or a list of them). */
static bool flags_of(const json_t *r, uint64_t *mask)
{
	const json_t *e;
	uint64_t v;
	size_t i;

	if (!json_is_array(r)) {
		struct field f = {.k = FK_NUM};
		return value_of(&f, r, mask, (uint8_t[16]){0}) > 0;
	}
	*mask = 0;
	json_array_foreach(r, i, e)
	{
		if (!flags_of(e, &v))
			return false;
		*mask |= v;
	}
	return true;
}

enum nft_m nft_match(const struct nft_ruleset *rs, const struct nft_chain *c, const json_t *m,
		     const struct trace_pkt *p, char *why, size_t wsz)
{
	const char *op = json_string_value(json_object_get(m, "op")) ?: "==";
	const json_t *r = json_object_get(m, "right");
	struct field f;
	enum nft_m res;
	uint64_t x;
	int rc;

	if ((rc = left_of(json_object_get(m, "left"), p, &f, why, wsz)) <= 0)
		return rc < 0 ? NFTM_UNKNOWN : NFTM_NO;
	if (f.bitmask && (!strcmp(op, "in") || json_is_array(r))) {
		if (!flags_of(r, &x)) {
			snprintf(why, wsz, "flags trace does not read");
			return NFTM_UNKNOWN;
		}
		return f.num & x ? NFTM_YES : NFTM_NO;
	}
	if (!strcmp(op, "==") || !strcmp(op, "in") || !strcmp(op, "!=")) {
		res = eq(rs, c, &f, r, why, wsz);
		if (op[0] == '!' && res != NFTM_UNKNOWN)
			res = res == NFTM_YES ? NFTM_NO : NFTM_YES;
		return res;
	}
	if (f.k == FK_NUM && value_of(&f, r, &x, (uint8_t[16]){0}) > 0) {
		if (!strcmp(op, "<"))
			return f.num < x ? NFTM_YES : NFTM_NO;
		if (!strcmp(op, ">"))
			return f.num > x ? NFTM_YES : NFTM_NO;
		if (!strcmp(op, "<="))
			return f.num <= x ? NFTM_YES : NFTM_NO;
		if (!strcmp(op, ">="))
			return f.num >= x ? NFTM_YES : NFTM_NO;
	}
	snprintf(why, wsz, "the operator %s", op);
	return NFTM_UNKNOWN;
}

enum nft_m nft_vmap(const struct nft_ruleset *rs, const struct nft_chain *c, const json_t *vmap,
		    const struct trace_pkt *p, const json_t **verdict, char *why, size_t wsz)
{
	const json_t *data = json_object_get(vmap, "data"), *e, *o;
	const char *s = json_string_value(data);
	enum nft_m m = NFTM_NO, one;
	struct field f;
	size_t i;
	int rc;

	*verdict = NULL;
	if ((rc = left_of(json_object_get(vmap, "key"), p, &f, why, wsz)) <= 0)
		return rc < 0 ? NFTM_UNKNOWN : NFTM_NO;
	if (s && s[0] == '@')
		data = nft_set_elems(rs, c->family, c->table, s + 1);
	else
		data = json_object_get(data, "set");
	if (!json_is_array(data) && !json_is_null(data)) {
		snprintf(why, wsz, "a verdict map trace does not read");
		return NFTM_UNKNOWN;
	}
	/* each element is [key, verdict]; the first key that has the
	 * packet's value gives the verdict (the kernel's keys do not overlap) */
	json_array_foreach(data, i, e)
	{
		if (!json_is_array(e) || json_array_size(e) != 2)
			continue;
		o = json_array_get(e, 0);
		if ((one = elem_eq(&f, o, why, wsz)) == NFTM_YES) {
			*verdict = json_array_get(e, 1);
			return NFTM_YES;
		}
		if (one == NFTM_UNKNOWN)
			m = NFTM_UNKNOWN;
	}
	return m;
}
