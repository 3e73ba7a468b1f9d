// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The keys of a lab larger than one machine, read with the rest of the
 * file (topo_parse.c calls these):
 *
 *	hosts: {NAME: {ssh: DEST, sudo: BOOL, underlay: ADDR, mtu: N}}
 *	host: NAME          the host of what names none (default: the first)
 *	overlay: KIND       vxlan (default), geneve or gretap
 *	namespaces: [NAME, {name: NAME, host: HOST}...]
 *
 * Which host a name is on, and that the host is one of hosts, is
 * topo_hosts.c's (the split): here each value is read where it is.
 */
#include <string.h>

#include "topo_read.h"

int topo_read_hosts(struct parse *p, const struct ynode *m)
{
	struct tset names = {0};
	int rc = tp_want(p, m, Y_MAP, topo_keys[K_HOSTS]);

	for (size_t i = 0; rc == 0 && i < m->n; i++) {
		const struct ynode *k = item(m, 2 * i), *v = item(m, 2 * i + 1);
		const struct ynode *seen[H_NKEYS] = {0};
		struct topo_host h = {.line = line_of(k)};
		if ((rc = tp_ns_name(p, k, topo_keys[K_HOSTS], &h.name)) < 0 ||
		    (rc = tp_keys_of(p, v, topo_host_keys, h.name, seen)) < 0)
			break;
		if (!tp_once(&names, h.name, strlen(h.name))) {
			rc = tp_bad(p, k, "host \"%s\" given twice", h.name);
			break;
		}
		if (!seen[H_SSH]) {
			rc = tp_bad(p, k, "host \"%s\": \"%s\" is missing", h.name,
				    topo_host_keys[H_SSH]);
			break;
		}
		if ((rc = tp_want(p, seen[H_SSH], Y_SCALAR, topo_host_keys[H_SSH])) < 0)
			break;
		/* ssh's argument after "--", yet never an option by its look */
		if (seen[H_SSH]->n == 0 || scalar(seen[H_SSH])[0] == '-' ||
		    strpbrk(scalar(seen[H_SSH]), " \t\n\r")) {
			rc = tp_bad(p, seen[H_SSH], "%s: invalid destination \"%s\"",
				    topo_host_keys[H_SSH], scalar(seen[H_SSH]));
			break;
		}
		h.ssh = tp_keep(p, scalar(seen[H_SSH]), seen[H_SSH]->n);
		if (seen[H_SUDO] &&
		    (rc = tp_bool_of(p, seen[H_SUDO], topo_host_keys[H_SUDO], &h.sudo)) < 0)
			break;
		if (seen[H_UNDERLAY]) {
			struct inet_prefix a;
			const struct ynode *u = seen[H_UNDERLAY];
			if ((rc = tp_want(p, u, Y_SCALAR, topo_host_keys[H_UNDERLAY])) < 0)
				break;
			if (parse_prefix(scalar(u), false, AF_UNSPEC, &a) < 0 || a.has_len) {
				rc = tp_bad(p, u, "%s: invalid address \"%s\"",
					    topo_host_keys[H_UNDERLAY], scalar(u));
				break;
			}
			h.underlay = tp_keep(p, scalar(u), u->n);
		}
		if (seen[H_MTU]) {
			const struct ynode *u = seen[H_MTU];
			if ((rc = tp_want(p, u, Y_SCALAR, topo_host_keys[H_MTU])) < 0)
				break;
			if (parse_u32(scalar(u), &h.mtuv) < 0 || h.mtuv < 576 || h.mtuv > 65535) {
				rc = tp_bad(p, u, "%s: \"%s\" is not a number from 576 to 65535",
					    topo_host_keys[H_MTU], scalar(u));
				break;
			}
			h.mtu = tp_keep(p, scalar(u), u->n);
		}
		*VEC_PUSH(p->t->hosts) = h;
	}
	tset_free(&names);
	return rc;
}

int topo_read_host(struct parse *p, const struct ynode *n)
{
	int rc = tp_ns_name(p, n, topo_keys[K_HOST], &p->t->host);

	p->t->host_line = line_of(n);
	return rc;
}

int topo_read_overlay(struct parse *p, const struct ynode *n)
{
	int rc;

	if ((rc = tp_want(p, n, Y_SCALAR, topo_keys[K_OVERLAY])) < 0)
		return rc;
	for (int i = 0; topo_overlay_kinds[i]; i++)
		if (!strcmp(scalar(n), topo_overlay_kinds[i])) {
			p->t->overlay = topo_overlay_kinds[i];
			p->t->overlay_line = line_of(n);
			return 0;
		}
	return tp_bad(p, n, "%s: \"%s\" is not %s, %s or %s", topo_keys[K_OVERLAY], scalar(n),
		      topo_overlay_kinds[0], topo_overlay_kinds[1], topo_overlay_kinds[2]);
}

int topo_read_ns_item(struct parse *p, const struct ynode *n, struct topo_ns *ns)
{
	const struct ynode *seen[N_NKEYS] = {0};
	int rc;

	ns->line = line_of(n);
	if (n->type != Y_MAP)
		return tp_ns_name(p, n, topo_keys[K_NAMESPACES], &ns->name);
	if ((rc = tp_keys_of(p, n, topo_ns_keys, topo_keys[K_NAMESPACES], seen)) < 0)
		return rc;
	if (!seen[N_NAME])
		return tp_bad(p, n, "%s: \"%s\" is missing", topo_keys[K_NAMESPACES],
			      topo_ns_keys[N_NAME]);
	if ((rc = tp_ns_name(p, seen[N_NAME], topo_keys[K_NAMESPACES], &ns->name)) < 0)
		return rc;
	return seen[N_HOST] ? tp_ns_name(p, seen[N_HOST], topo_ns_keys[N_HOST], &ns->host) : 0;
}
