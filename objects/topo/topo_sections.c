// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A topology file's sections that are no kind's devices: veth pairs,
 * addresses, routes and the devices set up (topo_parse.c reads the file
 * and the devices).
 */
#include <string.h>

#include "rtnames.h"
#include "topo_read.h"

int read_veths(struct parse *p, const struct ynode *seq)
{
	int rc;

	if ((rc = tp_want(p, seq, Y_SEQ, topo_keys[K_VETHS])) < 0)
		return rc;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *n = item(seq, i), *seen[V_NKEYS] = {0};
		struct topo_veth vt = {.line = line_of(n)};
		bool up = false;

		if ((rc = tp_keys_of(p, n, topo_veth_keys, "veth", seen)) < 0)
			return rc;
		for (int e = V_A; e <= V_B; e++)
			if (!seen[e])
				return tp_bad(p, n, "veth: \"%s\" is missing (both ends are named)",
					      topo_veth_keys[e]);
		if ((rc = tp_ref_of(p, seen[V_A], topo_veth_keys[V_A], &vt.a)) < 0 ||
		    (rc = tp_ref_of(p, seen[V_B], topo_veth_keys[V_B], &vt.b)) < 0)
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
