// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A topology file's sections that are no kind's devices: veth pairs,
 * addresses, routes and the devices set up (topo_parse.c reads the file
 * and the devices).
 */
#include <errno.h>
#include <string.h>

#include "rtnames.h"
#include "topo_impair.h"
#include "topo_read.h"

/* The impairment's words of mapping m, read and checked (a veth's, or an
 * end's), those of its keys that are none of topo_veth_keys in mask:
 * their key and value nodes in kv, each word's row in idx; how many, or
 * the error. */
static int read_impair(struct parse *p, const struct ynode *m, unsigned mask, const char *in,
		       const struct ynode **seen, const struct ynode **kv, int *idx)
{
	struct val vals[TOPO_IMPAIR_MAX + 1] = {0};
	size_t at[TOPO_LINK_WORDS];
	char others[100] = "";
	int rc;

	for (int k = 0; k < V_NKEYS; k++)
		if (mask & 1u << k)
			snprintf(others + strlen(others), sizeof(others) - strlen(others), "%s%s",
				 *others ? ", " : "", topo_veth_keys[k]);
	p->in_link = true;
	p->words = at;
	p->nwords = 0;
	rc = tp_keys_in(p, m, topo_veth_keys, mask, in, seen);
	p->in_link = false;
	p->words = NULL;
	for (size_t i = 0; rc == 0 && i < p->nwords; i++) {
		const struct ynode *key = item(m, 2 * at[i]), *val = item(m, 2 * at[i] + 1);
		if ((rc = tp_want(p, val, Y_SCALAR, scalar(key))) < 0)
			return rc;
		if ((rc = topo_impair_fill(p->c, scalar(key), scalar(val), vals, &idx[i], others)) <
		    0)
			return tp_bad(p, rc == -ENOENT ? key : val, "%s: %s", in, p->c->reason);
		kv[2 * i] = key;
		kv[2 * i + 1] = val;
	}
	return rc < 0 ? rc : (int)p->nwords;
}

/* A veth's end e: NS/DEV, or {dev: NS/DEV, IMPAIRMENT...}; its impairment
 * its own words, then the veth's (n of them, in kv and idx) it does not
 * give. */
static int read_end(struct parse *p, const struct ynode *n, enum topo_veth_key e,
		    struct topo_ref *r, struct topo_impair *imp, const struct ynode **vkv,
		    const int *vidx, int vn)
{
	const struct ynode *seen[V_NKEYS] = {0}, *kv[2 * TOPO_LINK_WORDS];
	int idx[TOPO_LINK_WORDS], en = 0, rc;
	bool own;

	if (n->type == Y_MAP) {
		if ((en = read_impair(p, n, 1u << V_DEV, topo_veth_keys[e], seen, kv, idx)) < 0)
			return en;
		if (!seen[V_DEV])
			return tp_bad(p, n, "veth: %s: \"%s\" is missing", topo_veth_keys[e],
				      topo_veth_keys[V_DEV]);
		n = seen[V_DEV];
	}
	if ((rc = tp_ref_of(p, n, topo_veth_keys[e], r)) < 0)
		return rc;
	imp->word0 = p->t->words.n;
	for (int i = 0; i < en + vn; i++) {
		const struct ynode *const *w = i < en ? &kv[2 * i] : &vkv[2 * (i - en)];
		own = false;
		for (int j = 0; i >= en && j < en; j++)
			own |= idx[j] == vidx[i - en];
		if (own)
			continue; /* the end says otherwise */
		*VEC_PUSH(p->t->words) = tp_keep(p, scalar(w[0]), w[0]->n);
		*VEC_PUSH(p->t->words) = tp_keep(p, scalar(w[1]), w[1]->n);
		imp->nwords++;
	}
	if (imp->nwords && topo_impair_check(p->c, p->t->words.v + imp->word0, imp->nwords) < 0)
		return tp_bad(p, n, "veth: %s%s%s: %s", r->ns, *r->ns ? "/" : "", r->dev,
			      p->c->reason);
	return 0;
}

int read_veths(struct parse *p, const struct ynode *seq)
{
	int rc;

	if ((rc = tp_want(p, seq, Y_SEQ, topo_keys[K_VETHS])) < 0)
		return rc;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *n = item(seq, i), *seen[V_NKEYS] = {0},
				   *kv[2 * TOPO_LINK_WORDS];
		struct topo_veth vt = {.line = line_of(n)};
		int idx[TOPO_LINK_WORDS], vn;
		bool up = false;

		if ((vn = read_impair(p, n, 1u << V_A | 1u << V_B | 1u << V_UP, "veth", seen, kv,
				      idx)) < 0)
			return vn;
		for (int e = V_A; e <= V_B; e++)
			if (!seen[e])
				return tp_bad(p, n, "veth: \"%s\" is missing (both ends are named)",
					      topo_veth_keys[e]);
		if ((rc = read_end(p, seen[V_A], V_A, &vt.a, &vt.imp[0], kv, idx, vn)) < 0 ||
		    (rc = read_end(p, seen[V_B], V_B, &vt.b, &vt.imp[1], kv, idx, vn)) < 0)
			return rc;
		if (!strcmp(vt.a.ns, vt.b.ns) && !strcmp(vt.a.dev, vt.b.dev))
			return tp_bad(p, seen[V_B], "veth: both ends are %s%s%s", vt.a.ns,
				      *vt.a.ns ? "/" : "", vt.a.dev);
		if (seen[V_UP] && (rc = tp_bool_of(p, seen[V_UP], topo_veth_keys[V_UP], &up)) < 0)
			return rc;
		*VEC_PUSH(p->t->veths) = vt;
		if (up) {
			tp_add_up(p, &vt.a);
			tp_add_up(p, &vt.b);
		}
	}
	return 0;
}

/* The addresses of device dev, in list seq. */
static int read_dev_addrs(struct parse *p, const struct topo_ref *dev, const struct ynode *seq)
{
	char key[TOPO_REF_KEY + sizeof(int) + 16];
	int rc;

	if ((rc = tp_want(p, seq, Y_SEQ, topo_keys[K_ADDRESSES])) < 0)
		return rc;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *n = item(seq, i);
		struct topo_addr a = {.dev = *dev};
		size_t len = topo_ref_key(dev->ns, dev->dev, key);

		if ((rc = tp_want(p, n, Y_SCALAR, "address")) < 0)
			return rc;
		if (parse_prefix(scalar(n), false, AF_UNSPEC, &a.p) < 0)
			return tp_bad(p, n, "invalid prefix \"%s\" (ADDR/LEN)", scalar(n));
		a.text = tp_keep(p, scalar(n), n->n);
		a.dev.line = line_of(n);
		/* the address, whatever its length: 10.0.0.1/24 and /16 are one */
		memcpy(key + len, &a.p.family, sizeof(int));
		memcpy(key + len + sizeof(int), a.p.bytes, 16);
		if (!tp_once(&p->addrs, key, len + sizeof(int) + 16))
			return tp_bad(p, n, "address %s given twice for %s", a.text, dev->dev);
		*VEC_PUSH(p->t->addrs) = a;
	}
	return 0;
}

int read_addresses(struct parse *p, const struct ynode *m)
{
	char key[1 + TOPO_REF_KEY] = "a";
	int rc;

	if ((rc = tp_want(p, m, Y_MAP, topo_keys[K_ADDRESSES])) < 0)
		return rc;
	for (size_t i = 0; i < m->n; i++) {
		const struct ynode *k = item(m, 2 * i);
		struct topo_ref dev;

		if ((rc = tp_ref_of(p, k, topo_keys[K_ADDRESSES], &dev)) < 0)
			return rc;
		if (!tp_once(&p->keys, key, 1 + topo_ref_key(dev.ns, dev.dev, key + 1)))
			return tp_bad(p, k,
				      "%s: %s%s%s given twice (a device's addresses are one list)",
				      topo_keys[K_ADDRESSES], dev.ns, *dev.ns ? "/" : "", dev.dev);
		if ((rc = read_dev_addrs(p, &dev, item(m, 2 * i + 1))) < 0)
			return rc;
	}
	return 0;
}

/* True when p has bits set beyond its prefix length. */
static bool host_bits(const struct inet_prefix *p)
{
	size_t bytes = p->family == AF_INET ? 4 : 16;

	for (size_t i = 0; i < bytes; i++) {
		unsigned keep_bits = p->len >= (i + 1) * 8 ? 8
				     : p->len > i * 8	   ? p->len - i * 8
							   : 0;
		uint8_t mask = (uint8_t)(0xff00u >> keep_bits);
		if (p->bytes[i] & (uint8_t)~mask)
			return true;
	}
	return false;
}

/* A route's protocol: a name of rt_proto_words (as route add reads it) or
 * a number to 255. */
static int proto_of(struct parse *p, const struct ynode *n, struct topo_route *r)
{
	uint32_t v;

	r->proto = tp_keep(p, scalar(n), n->n);
	for (int i = 0; rt_proto_words[i]; i++)
		if (!strcmp(r->proto, rt_proto_words[i])) {
			r->protocol = (int)rt_proto_values[i];
			return 0;
		}
	if (parse_u32(r->proto, &v) == 0 && v <= 255) {
		r->protocol = (int)v;
		return 0;
	}
	return tp_bad(p, n, "route: invalid %s \"%s\" (a name as route add takes, or 0..255)",
		      topo_route_keys[R_PROTO], r->proto);
}

static int read_route(struct parse *p, const char *ns, const struct ynode *n)
{
	const struct ynode *seen[R_NKEYS] = {0};
	struct topo_route r = {.ns = ns, .line = line_of(n), .protocol = -1};
	int rc;

	if ((rc = tp_keys_of(p, n, topo_route_keys, "route", seen)) < 0)
		return rc;
	for (int i = 0; i < R_NKEYS; i++) {
		if (!seen[i] && i == R_PROTO)
			continue;
		if (!seen[i])
			return tp_bad(p, n, "route: \"%s\" is missing", topo_route_keys[i]);
		if ((rc = tp_want(p, seen[i], Y_SCALAR, topo_route_keys[i])) < 0)
			return rc;
	}
	r.via = tp_keep(p, scalar(seen[R_VIA]), seen[R_VIA]->n);
	if (parse_prefix(r.via, false, AF_UNSPEC, &r.gw) < 0 || r.gw.has_len)
		return tp_bad(p, seen[R_VIA], "invalid gateway \"%s\" (an address)", r.via);
	r.to = tp_keep(p, scalar(seen[R_TO]), seen[R_TO]->n);
	if (parse_prefix(r.to, true, r.gw.family, &r.dst) < 0)
		return tp_bad(
		    p, seen[R_TO], "invalid prefix \"%s\" (ADDR/LEN or default, of %s)", r.to,
		    r.gw.family == AF_INET ? "IPv4 as the gateway" : "IPv6 as the gateway");
	if (r.dst.family != AF_UNSPEC && host_bits(&r.dst))
		return tp_bad(p, seen[R_TO], "invalid prefix \"%s\": bits set beyond /%u", r.to,
			      r.dst.len);
	if (seen[R_PROTO] && (rc = proto_of(p, seen[R_PROTO], &r)) < 0)
		return rc;
	*VEC_PUSH(p->t->routes) = r;
	return 0;
}

int read_routes(struct parse *p, const struct ynode *m)
{
	char key[300];
	int rc;

	if ((rc = tp_want(p, m, Y_MAP, topo_keys[K_ROUTES])) < 0)
		return rc;
	for (size_t i = 0; i < m->n; i++) {
		const struct ynode *k = item(m, 2 * i), *seq = item(m, 2 * i + 1);
		const char *ns = "";

		if ((rc = tp_want(p, k, Y_SCALAR, topo_keys[K_ROUTES])) < 0)
			return rc;
		if (k->n && (rc = tp_ns_name(p, k, topo_keys[K_ROUTES], &ns)) < 0)
			return rc;
		if (!tp_once(&p->keys, key, (size_t)snprintf(key, sizeof(key), "r%s", ns)))
			return tp_bad(p, k,
				      "%s: namespace \"%s\" given twice (its routes are one list)",
				      topo_keys[K_ROUTES], ns);
		if ((rc = tp_want(p, seq, Y_SEQ, topo_keys[K_ROUTES])) < 0)
			return rc;
		for (size_t j = 0; j < seq->n; j++)
			if ((rc = read_route(p, ns, item(seq, j))) < 0)
				return rc;
	}
	return 0;
}

int read_ups(struct parse *p, const struct ynode *seq)
{
	int rc;

	if ((rc = tp_want(p, seq, Y_SEQ, topo_keys[K_UP])) < 0)
		return rc;
	for (size_t i = 0; i < seq->n; i++) {
		struct topo_ref r;
		if ((rc = tp_ref_of(p, item(seq, i), topo_keys[K_UP], &r)) < 0)
			return rc;
		tp_add_up(p, &r);
	}
	return 0;
}
