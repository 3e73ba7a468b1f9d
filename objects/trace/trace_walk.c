// SPDX-License-Identifier: GPL-2.0-or-later
/* trace: the walk, from a route lookup to the device it picks and on
 * through veth peers, bridges and tunnels to where the packet stops. */
#include "trace.h"

#include <errno.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bridge.h"
#include "trace_fw.h"
#include "netns.h"
#include "netnsutil.h"
#include "nl.h"
#include "route.h"

static int route_fails(struct trace *t, const struct lookup *l, const struct dev *in,
		       const uint8_t *dst)
{
	char a[INET6_ADDRSTRLEN];
	const char *dev = in ? in->name : "-";

	trace_addr_str(t, dst, a, sizeof(a));
	/* a forwarded packet's source fails validation with EINVAL (a
	 * martian): strict rp_filter when the way back leaves by another
	 * device */
	if (in && (l->err == EINVAL || l->err == EXDEV) && t->has_src &&
	    trace_rp_strict(in->name)) {
		struct lookup back;
		bool had = t->has_src;
		t->has_src = false;
		trace_lookup(t, t->pkt.saddr, 0, &back);
		t->has_src = had;
		if (back.err || back.oif != in->index)
			return trace_stop(t, dev,
					  "rp_filter on %s drops it: the route back to the source "
					  "leaves by another device",
					  dev);
	}
	if (in && l->err == EHOSTUNREACH && trace_conf_read(in->name, "forwarding") == 0)
		return trace_stop(t, dev, "forwarding is off on %s", dev);
	if (in && in->master && l->err != EACCES) {
		struct dev m;
		if (trace_dev_read(t, in->master, &m) == 0 && !strcmp(m.kind, "vrf"))
			return trace_stop(t, dev, "no route to %s in the table of vrf %s", a,
					  m.name);
	}
	switch (l->err) {
	case EHOSTUNREACH:
		return trace_stop(t, dev, "no route to %s: an unreachable route", a);
	case EACCES:
		return trace_stop(t, dev, "no route to %s: a prohibit route", a);
	case EINVAL:
		return trace_stop(t, dev, "no route to %s: a blackhole route", a);
	case ENETUNREACH:
		return trace_stop(t, dev, "no route to %s", a);
	}
	return trace_stop(t, dev, "the lookup of %s fails: %s", a, strerror(l->err));
}

/* The namespace of a device's link target: stays here without an nsid,
 * else entered by its name (the starting one by its own file). */
static int peer_ns(struct trace *t, const struct dev *d)
{
	char name[NAME_MAX + 1];
	int fd;

	if (d->link_nsid < 0)
		return 0;
	if (netns_nsid_of_fd(&t->wc, t->home) == d->link_nsid) {
		if ((fd = dup(t->home)) < 0)
			return err_errno(t->c, errno, NULL);
		return trace_ns_go(t, fd, t->c->netns ? t->c->netns : "(start)");
	}
	if (!netns_name_of_nsid(&t->wc, d->link_nsid, name, sizeof(name)))
		return trace_stop(t, d->name,
				  "its peer is in namespace nsid %d, which has no name "
				  "(deleted, or never named)",
				  d->link_nsid);
	if ((fd = netns_open_named(&t->wc, name)) < 0)
		return fd;
	return trace_ns_go(t, fd, name);
}

/* Whether the far side of veth port p (entered, then left again for the
 * namespace open on back) owns nh: the host that answers a flooded ARP. */
static int far_owns(struct trace *t, const struct dev *p, const uint8_t *nh)
{
	char name[sizeof(t->ns)];
	int back, rc, fd;
	bool yes;

	if (strcmp(p->kind, "veth") || !p->link)
		return 0;
	if ((back = trace_here(t)) < 0)
		return back;
	memcpy(name, t->ns, sizeof(name));
	if (p->link_nsid < 0) {
		yes = trace_owns(t, nh, 0);
	} else {
		char peer[NAME_MAX + 1];
		if (!netns_name_of_nsid(&t->wc, p->link_nsid, peer, sizeof(peer)) ||
		    (fd = netns_open_named(&t->wc, peer)) < 0) {
			t->wc.reason[0] = t->wc.hint[0] = '\0';
			close(back);
			return 0;
		}
		if ((rc = trace_ns_go(t, fd, peer)) < 0) {
			close(back);
			return rc;
		}
		yes = trace_owns(t, nh, 0);
	}
	if ((rc = trace_ns_go(t, back, name)) < 0)
		return rc;
	return yes;
}

/* Flooded (the next hop's MAC unknown to the fdb): every forwarding port
 * but the one it came in by; the one whose far side owns the next hop
 * answers, and the walk goes on by it. */
static int flood(struct trace *t, const struct dev *br, int in, const uint8_t *nh, struct dev *out)
{
	char a[INET6_ADDRSTRLEN];
	struct devs *l = calloc(1, sizeof(*l));
	int rc;

	if (!l)
		abort();
	trace_addr_str(t, nh, a, sizeof(a));
	rc = trace_devs_read(t, l);
	for (size_t i = 0; rc >= 0 && i < l->n; i++) {
		const struct dev *p = &l->d[i];
		/* a port down or not forwarding is still found: the walk
		 * then stops there and says so */
		if (p->index == in || p->master != br->index)
			continue;
		if ((rc = far_owns(t, p, nh)) > 0) {
			trace_hop(t, br->name, "flooded (no fdb entry): %s answers behind port %s",
				  a, p->name);
			*out = *p;
			free(l);
			return 0;
		}
	}
	/* none of its veth ports: the first port of a kind trace does not
	 * follow (a vxlan to another host) may lead there, and is where it
	 * stops */
	for (size_t i = 0; rc >= 0 && i < l->n; i++) {
		const struct dev *p = &l->d[i];
		if (p->index == in || p->master != br->index || !strcmp(p->kind, "veth"))
			continue;
		trace_hop(t, br->name, "flooded (no fdb entry): no veth port leads to %s; on by %s",
			  a, p->name);
		*out = *p;
		free(l);
		return 0;
	}
	free(l);
	if (rc < 0)
		return rc;
	return trace_stop(t, br->name,
			  "no address on the segment: no forwarding port of %s leads to %s",
			  br->name, a);
}

/* Through a bridge, from port in (0: the bridge itself sends), towards the
 * next hop nh whose MAC the sender knows or not.  *out: the port the
 * packet leaves by, or the bridge itself when it is for it. */
static int bridge_cross(struct trace *t, const struct dev *br, int in, const uint8_t *nh,
			const struct neigh_find *mac, struct dev *out)
{
	char a[INET6_ADDRSTRLEN], m[32];
	struct neigh_find fdb = {.family = AF_BRIDGE, .ifindex = br->index, .nda = NDA_LLADDR};
	struct dev p;
	int rc;

	trace_addr_str(t, nh, a, sizeof(a));
	if (mac->found && !(mac->state & NUD_FAILED)) {
		fdb.key = mac->mac;
		fdb.klen = 6;
		if ((rc = trace_neigh_find(t, &fdb)) < 0)
			return rc;
	}
	if (fdb.found && fdb.port != in && fdb.port != br->index) {
		if ((rc = trace_dev_read(t, fdb.port, &p)) < 0)
			return rc;
		format_mac(mac->mac, 6, m, sizeof(m));
		trace_hop(t, br->name, "fdb: %s is behind port %s", m, p.name);
		*out = p;
		return 0;
	}
	if (trace_owns(t, nh, 0) && in) {
		trace_hop(t, br->name, "for the bridge itself: %s is this namespace's", a);
		*out = *br;
		return 0;
	}
	return flood(t, br, in, nh, out);
}

/* Out of device d (in the current namespace) towards next hop nh; or,
 * with came_in, in by d, a bridge port, and through its bridge. */
static int leave_by(struct trace *t, struct dev *d, const uint8_t *dst, const uint8_t *nh,
		    int depth, bool came_in)
{
	struct neigh_find mac = {.family = t->pkt.family,
				 .ifindex = d->index,
				 .nda = NDA_DST,
				 .key = nh,
				 .klen = route_addr_len(t->pkt.family)};
	char a[INET6_ADDRSTRLEN];
	struct dev br, port, peer, vd;
	int rc, in = 0, tag = 0;

	trace_addr_str(t, nh, a, sizeof(a));
	if (came_in) { /* the sender's neighbour entry is not here */
		if (d->port_state != BR_STATE_FORWARDING)
			return trace_stop(t, d->name, "bridge port %s is not forwarding (%s)",
					  d->name, br_port_state_word((uint8_t)d->port_state));
		if ((rc = trace_dev_read(t, d->master, &br)) < 0)
			return rc;
		if (!(br.flags & IFF_UP))
			return trace_stop(t, br.name, "bridge %s is down", br.name);
		trace_hop(t, d->name, "in, a port of bridge %s (forwarding)", br.name);
		in = d->index;
		goto bridged;
	}
	if ((rc = trace_neigh_find(t, &mac)) < 0)
		return rc;
	if ((d->flags & IFF_NOARP) && (!mac.found || (mac.state & NUD_FAILED)))
		return trace_stop(t, d->name,
				  "no neighbour entry for %s, and %s does no ARP (NOARP)", a,
				  d->name);
	if (!(d->flags & IFF_UP))
		return trace_stop(t, d->name, "%s is down", d->name);
	if ((rc = trace_neigh_check(t, d, &mac)) < 0)
		return rc;
	if (!strcmp(d->kind, "bridge")) {
		br = *d;
		goto bridged;
	}
	for (;;) {
		for (;;) {
			/* a macvlan, ipvlan or vlan leaves by its lower device */
			if (!strcmp(d->kind, "macvlan") || !strcmp(d->kind, "ipvlan")) {
				if ((rc = trace_mvlan(t, d, nh, &peer)) < 0)
					return rc;
				if (rc == 1)
					return trace_walk(t, dst, peer.index, depth + 1);
			} else if (!strcmp(d->kind, "vlan") && d->link && d->link_nsid < 0 &&
				   !tag) {
				tag = d->vlan_id;
				if ((rc = trace_dev_read(t, d->link, &peer)) < 0)
					return rc;
				trace_hop(t, peer.name, "VLAN %d: out tagged by %s, on %s", tag,
					  d->name, peer.name);
			} else {
				break;
			}
			*d = peer;
			if (!(d->flags & IFF_UP))
				return trace_stop(t, d->name, "%s is down", d->name);
			if (!strcmp(d->kind, "bridge")) {
				br = *d;
				in = 0;
				goto bridged;
			}
		}
		if (strcmp(d->kind, "veth"))
			return trace_stop(t, d->name,
					  "leaves by %s (%s), which trace does not follow", d->name,
					  d->kind[0] ? d->kind : "no kind");
		if (!d->link)
			return trace_stop(t, d->name, "%s has no peer (its namespace is gone)",
					  d->name);
		if ((rc = peer_ns(t, d)) < 0)
			return rc;
		if ((rc = trace_dev_read(t, d->link, &peer)) < 0)
			return trace_stop(t, d->name, "its peer is gone");
		if (!(peer.flags & IFF_UP))
			return trace_stop(t, peer.name, "the far veth end %s is down", peer.name);
		if ((rc = trace_fits(t, &peer, 0, FIT_L2)) < 0)
			return rc;
		if (!peer.master || strcmp(peer.slave_kind, "bridge")) {
			trace_hop(t, peer.name, "veth peer: in");
			if (tag && (rc = trace_vlan_in(t, &peer, tag, &vd)) < 0)
				return rc;
			if (tag)
				peer = vd;
			if (!trace_owns(t, nh, peer.index) &&
			    memcmp(nh, dst, route_addr_len(t->pkt.family)))
				return trace_stop(
				    t, peer.name,
				    "no address on the segment: %s is not this namespace's", a);
			return trace_walk(t, dst, peer.index, depth + 1);
		}
		if (peer.port_state != BR_STATE_FORWARDING)
			return trace_stop(t, peer.name, "bridge port %s is not forwarding (%s)",
					  peer.name, br_port_state_word((uint8_t)peer.port_state));
		trace_hop(t, peer.name, "veth peer: in, a port of the bridge (forwarding)");
		if ((rc = trace_dev_read(t, peer.master, &br)) < 0)
			return rc;
		if (!(br.flags & IFF_UP))
			return trace_stop(t, br.name, "bridge %s is down", br.name);
		in = peer.index;
	bridged:
		if ((rc = bridge_cross(t, &br, in, nh, &mac, &port)) < 0 ||
		    (rc = trace_vlan(t, &br, in, &port, &tag)) < 0)
			return rc;
		if (port.index == br.index && tag && (rc = trace_vlan_in(t, &br, tag, &vd)) < 0)
			return rc;
		if (port.index == br.index)
			return trace_walk(t, dst, tag ? vd.index : br.index, depth + 1);
		if (!(port.flags & IFF_UP))
			return trace_stop(t, port.name, "bridge port %s is down", port.name);
		if (port.port_state != BR_STATE_FORWARDING)
			return trace_stop(t, port.name, "bridge port %s is not forwarding (%s)",
					  port.name, br_port_state_word((uint8_t)port.port_state));
		if ((rc = trace_impair_hop(t, &port)) < 0 ||
		    (rc = trace_fits(t, &port, 0, FIT_L2)) < 0)
			return rc;
		*d = port;
	}
}

/* A gre or ipip tunnel: its remote traced in the underlay first, then the
 * tunnel at the far end that takes the packet in. */
static int tunnel_cross(struct trace *t, const struct dev *d, const uint8_t *dst, int depth)
{
	char a[INET6_ADDRSTRLEN], inner[INET6_ADDRSTRLEN];
	struct trace_pkt save = t->pkt;
	/* the outer header: an IP header, and gre's 4 bytes */
	unsigned ovh = (d->tnl.family == AF_INET6 ? 40 : 20) + (strcmp(d->kind, "gre") ? 0 : 4);
	bool had = t->has_src;
	int rc;
	struct lookup l;

	format_addr(d->tnl.family, d->tnl.remote, a, sizeof(a));
	trace_addr_str(t, dst, inner, sizeof(inner));
	t->pkt.family = d->tnl.family;
	t->pkt.proto = strcmp(d->kind, "gre") ? IPPROTO_IPIP : IPPROTO_GRE;
	t->pkt.sport = t->pkt.dport = 0;
	t->has_src = false;
	trace_lookup(t, d->tnl.remote, 0, &l);
	if (l.err) {
		t->has_src = had;
		t->pkt = save;
		return trace_stop(t, d->name,
				  "tunnel remote %s unreachable: no route in the underlay", a);
	}
	trace_hop(t, d->name, "%s tunnel: encapsulated to %s", d->kind, a);
	t->cur_len += ovh;
	rc = trace_walk(t, d->tnl.remote, 0, depth + 1);
	t->cur_len -= ovh;
	t->pkt = save;
	t->has_src = had;
	if (rc < 0)
		return rc;
	/* the tunnel here whose local address is that remote takes it in */
	struct devs *all = calloc(1, sizeof(*all));
	if (!all)
		abort();
	rc = trace_devs_read(t, all);
	for (size_t i = 0; rc >= 0 && i < all->n; i++) {
		const struct dev *far = &all->d[i];
		if (!far->tunnel || strcmp(far->kind, d->kind) ||
		    memcmp(far->tnl.local, d->tnl.remote, tnl_addr_len(far->tnl.family)))
			continue;
		trace_hop(t, far->name, "%s tunnel: decapsulated, %s inside", far->kind, inner);
		rc = far->index;
		free(all);
		return trace_walk(t, dst, rc, depth + 1);
	}
	free(all);
	if (rc < 0)
		return rc;
	return trace_stop(t, "-", "no %s tunnel here has local %s", d->kind, a);
}

/* A lookup for dst in the current namespace, for a packet in by iif (0:
 * made here), and on from the device it picks. */
int trace_walk(struct trace *t, const uint8_t *dst, int iif, int depth)
{
	char a[INET6_ADDRSTRLEN], gw[INET6_ADDRSTRLEN + 8] = "", tbl[32];
	struct dev in = {.index = 0}, out;
	struct lookup l;
	int rc;

	if (depth > TRACE_MAX_HOPS)
		return trace_stop(t, "-", "more than %d hops: a loop?", TRACE_MAX_HOPS);
	if (iif && (rc = trace_dev_read(t, iif, &in)) < 0)
		return rc;
	if (iif && !depth && in.master && !strcmp(in.slave_kind, "bridge"))
		return leave_by(t, &in, dst, dst, depth, true); /* iif DEV, a bridge port */
	if ((rc = trace_fw_in(t, dst, iif ? in.name : NULL)) < 0)
		return rc;
	dst = t->pkt.daddr; /* as DNAT left it */
	trace_lookup(t, dst, iif, &l);
	if (l.err)
		return route_fails(t, &l, iif ? &in : NULL, dst);
	trace_addr_str(t, dst, a, sizeof(a));
	if (!t->has_src && l.has_src && !iif) {
		memcpy(t->pkt.saddr, l.prefsrc, sizeof(t->pkt.saddr));
		t->has_src = true;
	}
	if (l.type == RTN_LOCAL) {
		if ((rc = trace_fw_local(t, iif ? in.name : NULL)) != 0)
			return rc < 0 ? rc : trace_walk(t, t->pkt.daddr, 0, depth + 1);
		trace_hop(t, iif ? in.name : "lo", "local: %s is this namespace's (delivered)", a);
		return 0;
	}
	if (l.type != RTN_UNICAST)
		return route_fails(
		    t, &(struct lookup){.err = l.type == RTN_BLACKHOLE ? EINVAL : EHOSTUNREACH},
		    iif ? &in : NULL, dst);
	if ((rc = trace_dev_read(t, l.oif, &out)) < 0)
		return rc;
	if (l.has_gw)
		snprintf(gw, sizeof(gw), " via %s", trace_addr_str(t, l.gw, a, sizeof(a)));
	snprintf(tbl, sizeof(tbl), "%u", l.table);
	trace_hop(t, out.name, "route%s%s, table %s", iif ? " (forwarded)" : "",
		  gw[0] ? gw : " (direct)", l.table == RT_TABLE_MAIN ? "main" : tbl);
	if ((rc = trace_impair_hop(t, &out)) < 0 ||
	    (rc = trace_fits(t, &out, l.mtu, iif ? FIT_FORWARDED : FIT_MADE)) < 0 ||
	    (rc = trace_fw_out(t, iif ? NFTH_FORWARD : NFTH_OUTPUT, out.name)) < 0)
		return rc;
	if (rc > 0) /* DNAT at output: routed again */
		return trace_walk(t, t->pkt.daddr, 0, depth + 1);
	if (out.tunnel)
		return tunnel_cross(t, &out, dst, depth);
	return leave_by(t, &out, dst, l.has_gw ? l.gw : dst, depth, false);
}
