// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace: the steps beyond the device a route picks (trace.c walks and
 * prints).  A device read in its namespace; a veth to its peer, entered in
 * the namespace IFLA_LINK_NETNSID names; a bridge, through its FDB or by
 * flooding to the port whose far side answers; a gre or ipip tunnel, its
 * remote traced in the underlay, then the far tunnel that takes it in.
 */
#include <net/if.h> /* before the kernel's headers, which then leave it be */

#include <errno.h>
#include <fcntl.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/neighbour.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bridge.h"
#include "core.h"
#include "link.h"
#include "netns.h"
#include "netnsutil.h"
#include "nl.h"
#include "route.h"
#include "tnl.h"
#include "trace.h"

/* ---- namespaces ------------------------------------------------------------ */

/* Into the namespace open on fd (closed here), named name. */
static int ns_go(struct trace *t, int fd, const char *name)
{
	nl_close(&t->wc);
	if (setns(fd, CLONE_NEWNET) < 0) {
		int err = errno;
		close(fd);
		return netns_step_err(t->c, err, "entering a namespace");
	}
	close(fd);
	snprintf(t->ns, sizeof(t->ns), "%s", name);
	return 0;
}

/* ---- what is asked --------------------------------------------------------- */

static void dev_fill(const struct link_msg *m, struct dev *d)
{
	const struct nlattr *sd[IFLA_BRPORT_MAX + 1];
	const struct tnl_kind *k;
	uint32_t u;
	uint8_t st;

	*d = (struct dev){.index = m->ifi->ifi_index, .flags = m->ifi->ifi_flags, .port_state = -1};
	snprintf(d->name, sizeof(d->name), "%s", m->name ? m->name : "?");
	snprintf(d->kind, sizeof(d->kind), "%s", m->kind ? m->kind : "");
	d->link = nl_attr_u32(m->tb[IFLA_LINK], &u) ? (int)u : 0;
	d->link_nsid = nl_attr_u32(m->tb[IFLA_LINK_NETNSID], &u) ? (int32_t)u : -1;
	d->master = nl_attr_u32(m->tb[IFLA_MASTER], &u) ? (int)u : 0;
	if (nl_attr_str(m->info[IFLA_INFO_SLAVE_KIND]))
		snprintf(d->slave_kind, sizeof(d->slave_kind), "%s",
			 nl_attr_str(m->info[IFLA_INFO_SLAVE_KIND]));
	if (!strcmp(d->slave_kind, "bridge") && m->info[IFLA_INFO_SLAVE_DATA]) {
		nl_parse_nested(m->info[IFLA_INFO_SLAVE_DATA], sd, IFLA_BRPORT_MAX);
		if (nl_attr_u8(sd[IFLA_BRPORT_STATE], &st))
			d->port_state = st;
	}
	if ((!strcmp(d->kind, "gre") || !strcmp(d->kind, "ipip")) && (k = tnl_kind_of(d->kind))) {
		tnl_parse(m->info[IFLA_INFO_DATA], k->layout, k->family, &d->tnl);
		d->tunnel = tnl_has(&d->tnl, F_REMOTE);
	}
}

static int dev_cb(const struct nlmsghdr *nlh, void *data)
{
	struct link_msg m;

	if (link_msg_parse(nlh, &m) == 0)
		dev_fill(&m, data);
	return MNL_CB_OK;
}

/* Every device of the current namespace, up to DEVS_MAX. */
#define DEVS_MAX 256
struct devs {
	struct dev d[DEVS_MAX];
	size_t n;
};

static int devs_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct devs *l = data;

	(void)c;
	if (l->n < DEVS_MAX)
		dev_fill(m, &l->d[l->n++]);
	return 0;
}

static int devs_read(struct trace *t, struct devs *l)
{
	l->n = 0;
	return link_walk(&t->wc, NULL, devs_cb, l);
}

/* The device of that index in the current namespace. */
int trace_dev_read(struct trace *t, int index, struct dev *d)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	*d = (struct dev){.index = 0};
	ifi->ifi_index = index;
	return nl_request(&t->wc, nlh, dev_cb, d);
}

struct neigh_find {
	int family, ifindex, nda; /* NDA_DST on a device, or NDA_LLADDR under a bridge */
	const uint8_t *key;
	size_t klen;
	bool found;
	uint16_t state;
	int port;
	uint8_t mac[6];
};

static int neigh_cb(const struct nlmsghdr *nlh, void *data)
{
	struct neigh_find *f = data;
	const struct ndmsg *nd = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NDA_MAX + 1];
	uint32_t master;

	nl_parse(nlh, sizeof(*nd), tb, NDA_MAX);
	if (nd->ndm_family != f->family || !tb[f->nda] ||
	    mnl_attr_get_payload_len(tb[f->nda]) != f->klen ||
	    memcmp(mnl_attr_get_payload(tb[f->nda]), f->key, f->klen))
		return MNL_CB_OK;
	if (f->nda == NDA_DST && nd->ndm_ifindex != f->ifindex)
		return MNL_CB_OK;
	if (f->nda == NDA_LLADDR &&
	    (!nl_attr_u32(tb[NDA_MASTER], &master) || (int)master != f->ifindex))
		return MNL_CB_OK;
	f->found = true;
	f->state = nd->ndm_state;
	f->port = nd->ndm_ifindex;
	if (tb[NDA_LLADDR] && mnl_attr_get_payload_len(tb[NDA_LLADDR]) == 6)
		memcpy(f->mac, mnl_attr_get_payload(tb[NDA_LLADDR]), 6);
	return MNL_CB_OK;
}

static int neigh_find(struct trace *t, struct neigh_find *f)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNEIGH, 0);
	struct ndmsg *nd = mnl_nlmsg_put_extra_header(nlh, sizeof(*nd));

	nd->ndm_family = (uint8_t)f->family;
	return nl_dump(&t->wc, nlh, neigh_cb, f);
}

/* ---- beyond a device ------------------------------------------------------- */

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
		return ns_go(t, fd, t->c->netns ? t->c->netns : "(start)");
	}
	if (!netns_name_of_nsid(&t->wc, d->link_nsid, name, sizeof(name)))
		return trace_stop(t, d->name,
				  "its peer is in namespace nsid %d, which has no name "
				  "(deleted, or never named)",
				  d->link_nsid);
	if ((fd = netns_open_named(&t->wc, name)) < 0)
		return fd;
	return ns_go(t, fd, name);
}

/* The current namespace, open (to come back to). */
static int here(struct trace *t)
{
	int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);

	return fd < 0 ? err_errno(t->c, errno, "opening /proc/self/ns/net") : fd;
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
	if ((back = here(t)) < 0)
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
		if ((rc = ns_go(t, fd, peer)) < 0) {
			close(back);
			return rc;
		}
		yes = trace_owns(t, nh, 0);
	}
	if ((rc = ns_go(t, back, name)) < 0)
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
	rc = devs_read(t, l);
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
		if ((rc = neigh_find(t, &fdb)) < 0)
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

/* Out of device d (in the current namespace) towards next hop nh. */
int trace_leave_by(struct trace *t, struct dev *d, const uint8_t *dst, const uint8_t *nh, int depth)
{
	struct neigh_find mac = {.family = t->family,
				 .ifindex = d->index,
				 .nda = NDA_DST,
				 .key = nh,
				 .klen = route_addr_len(t->family)};
	char a[INET6_ADDRSTRLEN];
	struct dev br, port, peer;
	int rc, in = 0;

	trace_addr_str(t, nh, a, sizeof(a));
	if ((rc = neigh_find(t, &mac)) < 0)
		return rc;
	if ((d->flags & IFF_NOARP) && (!mac.found || (mac.state & NUD_FAILED)))
		return trace_stop(t, d->name,
				  "no neighbour entry for %s, and %s does no ARP (NOARP)", a,
				  d->name);
	if (!(d->flags & IFF_UP))
		return trace_stop(t, d->name, "%s is down", d->name);
	if (!strcmp(d->kind, "bridge")) {
		br = *d;
		goto bridged;
	}
	for (;;) {
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
		if (!peer.master || strcmp(peer.slave_kind, "bridge")) {
			trace_hop(t, peer.name, "veth peer: in");
			if (!trace_owns(t, nh, peer.index) &&
			    memcmp(nh, dst, route_addr_len(t->family)))
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
		if ((rc = bridge_cross(t, &br, in, nh, &mac, &port)) < 0)
			return rc;
		if (port.index == br.index)
			return trace_walk(t, dst, br.index, depth + 1);
		if (!(port.flags & IFF_UP))
			return trace_stop(t, port.name, "bridge port %s is down", port.name);
		if (port.port_state != BR_STATE_FORWARDING)
			return trace_stop(t, port.name, "bridge port %s is not forwarding (%s)",
					  port.name, br_port_state_word((uint8_t)port.port_state));
		*d = port;
	}
}

/* A gre or ipip tunnel: its remote traced in the underlay first, then the
 * tunnel at the far end that takes the packet in. */
int trace_tunnel_cross(struct trace *t, const struct dev *d, const uint8_t *dst, int depth)
{
	char a[INET6_ADDRSTRLEN], inner[INET6_ADDRSTRLEN];
	uint8_t save_src[16];
	bool had = t->has_src;
	int save = t->family, rc;
	struct lookup l;

	format_addr(d->tnl.family, d->tnl.remote, a, sizeof(a));
	trace_addr_str(t, dst, inner, sizeof(inner));
	t->family = d->tnl.family;
	t->has_src = false;
	memcpy(save_src, t->src, sizeof(save_src));
	trace_lookup(t, d->tnl.remote, 0, &l);
	if (l.err) {
		t->has_src = had;
		t->family = save;
		return trace_stop(t, d->name,
				  "tunnel remote %s unreachable: no route in the underlay", a);
	}
	trace_hop(t, d->name, "%s tunnel: encapsulated to %s", d->kind, a);
	rc = trace_walk(t, d->tnl.remote, 0, depth + 1);
	t->family = save;
	t->has_src = had;
	memcpy(t->src, save_src, sizeof(save_src));
	if (rc < 0)
		return rc;
	/* the tunnel here whose local address is that remote takes it in */
	struct devs *all = calloc(1, sizeof(*all));
	if (!all)
		abort();
	rc = devs_read(t, all);
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
