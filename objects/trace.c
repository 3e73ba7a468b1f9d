// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace: the path a packet from this namespace to an address would take,
 * asked of the kernel one hop at a time and never sent.  In each namespace
 * the kernel's own route lookup (RTM_GETROUTE, as `route get`, with the
 * device the packet came in by once it was forwarded: the kernel then
 * checks forwarding and rp_filter too) picks the device; a veth leads to
 * its peer (IFLA_LINK in the namespace IFLA_LINK_NETNSID names), a bridge
 * port to the bridge, whose FDB (or flooding) picks the port; a gre or ipip
 * tunnel's remote is traced in the underlay first.  It stops at the first
 * place the packet would stop, and says why.
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
#include <stdarg.h>
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
#include "out.h"
#include "route.h"
#include "tnl.h"

enum trace_arg { T_DST, T_FROM, T_NARGS };

static const struct arg trace_args[T_NARGS] = {
    [T_DST] = {.kw = "to",
	       .kind = ARG_ADDR,
	       .flags = ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT,
	       .metavar = "ADDR",
	       .help = "the destination (the keyword may be left out)"},
    [T_FROM] = {.kw = "from",
		.kind = ARG_ADDR,
		.metavar = "ADDR",
		.help = "the packet's source (else the one the kernel picks)"},
};

#define MAX_HOPS 32

/* A device as the trace needs it, read inside the namespace it is in. */
struct dev {
	int index, link, link_nsid, master;
	unsigned flags;
	char name[IFNAMSIZ], kind[32], slave_kind[32];
	int port_state; /* a bridge port's, else -1 */
	struct tnl tnl; /* a gre or ipip tunnel's outer addresses */
	bool tunnel;
};

struct trace {
	struct ctx *c;
	struct ctx wc; /* requests go to a socket made in the current namespace */
	int home;      /* the namespace trace started in */
	char ns[NAME_MAX + 1];
	int family;
	uint8_t dst[16], src[16];
	bool has_src;
	int hops;
};

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
		tnl_parse(m->info[IFLA_INFO_DATA], k->attrs, k->family, &d->tnl);
		d->tunnel = k->attrs->remote != 0;
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
static int dev_read(struct trace *t, int index, struct dev *d)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	*d = (struct dev){.index = 0};
	ifi->ifi_index = index;
	return nl_request(&t->wc, nlh, dev_cb, d);
}

struct lookup {
	int err; /* the kernel's answer: 0, or its errno */
	uint8_t type, table_ok;
	uint32_t table;
	int oif;
	bool has_gw, has_src;
	uint8_t gw[16], prefsrc[16];
};

static int lookup_cb(const struct nlmsghdr *nlh, void *data)
{
	struct lookup *l = data;
	struct route_msg m;
	size_t alen;
	uint32_t u;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	route_msg_parse(nlh, &m);
	alen = route_addr_len(m.rtm->rtm_family);
	l->type = m.rtm->rtm_type;
	l->table = m.table;
	l->oif = nl_attr_u32(m.tb[RTA_OIF], &u) ? (int)u : 0;
	if (m.tb[RTA_GATEWAY] && mnl_attr_get_payload_len(m.tb[RTA_GATEWAY]) == alen) {
		memcpy(l->gw, mnl_attr_get_payload(m.tb[RTA_GATEWAY]), alen);
		l->has_gw = true;
	}
	if (m.tb[RTA_PREFSRC] && mnl_attr_get_payload_len(m.tb[RTA_PREFSRC]) == alen) {
		memcpy(l->prefsrc, mnl_attr_get_payload(m.tb[RTA_PREFSRC]), alen);
		l->has_src = true;
	}
	return MNL_CB_OK;
}

/* The kernel's route to dst in the current namespace, for a packet that
 * came in by iif (0: made here). */
static void trace_lookup(struct trace *t, const uint8_t *dst, int iif, struct lookup *l)
{
	char buf[NL_BUFSZ];
	struct route_query q = {
	    .family = t->family, .dst = dst, .src = t->has_src ? t->src : NULL, .iif = iif};
	int rc;

	*l = (struct lookup){.err = 0};
	rc = nl_request(&t->wc, route_query_msg(buf, &q), lookup_cb, l);
	l->err = rc < 0 ? -rc : 0;
	t->wc.reason[0] = t->wc.hint[0] = '\0';
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

/* ---- what is printed ------------------------------------------------------- */

static void hop(struct trace *t, const char *dev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void hop(struct trace *t, const char *dev, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	out_obj_open(t->c->out, NULL);
	out_str(t->c->out, OUT_ANY, "netns", "%-12s ", t->ns);
	out_str(t->c->out, OUT_ANY, "ifname", "%-16s ", dev);
	out_str(t->c->out, OUT_ANY, "decision", "%s", what);
	out_nl(t->c->out);
	out_obj_close(t->c->out);
	t->hops++;
}

static const char *addr_str(const struct trace *t, const uint8_t *a, char *buf, size_t sz)
{
	return format_addr(t->family, a, buf, sz);
}

/* The stop: the hop's reason printed, and the error line's. */
static int stop(struct trace *t, const char *dev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int stop(struct trace *t, const char *dev, const char *fmt, ...)
{
	char why[sizeof(t->c->reason)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	hop(t, dev, "STOP: %s", why);
	return err_fail(t->c, "%s: %s", t->ns, why);
}

/* ---- the walk ---------------------------------------------------------------- */

static int walk(struct trace *t, const uint8_t *dst, int iif, int depth);

/* Whether addr is the current namespace's own (the kernel's lookup says
 * local); dev (0: none), a device whose vrf's table is asked too. */
static bool owns(struct trace *t, const uint8_t *addr, int dev)
{
	struct route_query q = {.family = t->family, .dst = addr, .oif = dev};
	char buf[NL_BUFSZ];
	struct lookup l;
	bool had = t->has_src;
	int rc;

	t->has_src = false;
	trace_lookup(t, addr, 0, &l);
	t->has_src = had;
	if ((l.err == 0 && l.type == RTN_LOCAL) || !dev)
		return l.err == 0 && l.type == RTN_LOCAL;
	/* an address of a device in a vrf is local in the vrf's table,
	 * which a lookup through that device reads */
	l = (struct lookup){.err = 0};
	rc = nl_request(&t->wc, route_query_msg(buf, &q), lookup_cb, &l);
	t->wc.reason[0] = t->wc.hint[0] = '\0';
	return rc == 0 && l.type == RTN_LOCAL;
}

/* A sysctl of the current namespace's IPv4 settings of dev, -1 unread. */
static int conf_read(const char *dev, const char *key)
{
	char path[PATH_MAX], v[16];
	FILE *f;
	int n = -1;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/%s", dev, key);
	if ((f = fopen(path, "re"))) {
		if (fgets(v, sizeof(v), f))
			n = atoi(v);
		fclose(f);
	}
	return n;
}

/* Strict rp_filter on dev: the larger of all's and dev's is 1. */
static bool rp_strict(const char *dev)
{
	int a = conf_read("all", "rp_filter"), d = conf_read(dev, "rp_filter");

	return (a > d ? a : d) == 1;
}

/* Why a lookup failed, in the words of the route or setting that did it. */
static int route_fails(struct trace *t, const struct lookup *l, const struct dev *in,
		       const uint8_t *dst)
{
	char a[INET6_ADDRSTRLEN];
	const char *dev = in ? in->name : "-";

	addr_str(t, dst, a, sizeof(a));
	/* a forwarded packet's source fails validation with EINVAL (a
	 * martian): strict rp_filter when the way back leaves by another
	 * device */
	if (in && (l->err == EINVAL || l->err == EXDEV) && t->has_src && rp_strict(in->name)) {
		struct lookup back;
		bool had = t->has_src;
		t->has_src = false;
		trace_lookup(t, t->src, 0, &back);
		t->has_src = had;
		if (back.err || back.oif != in->index)
			return stop(t, dev,
				    "rp_filter on %s drops it: the route back to the source "
				    "leaves by another device",
				    dev);
	}
	if (in && l->err == EHOSTUNREACH && conf_read(in->name, "forwarding") == 0)
		return stop(t, dev, "forwarding is off on %s", dev);
	if (in && in->master && l->err != EACCES) {
		struct dev m;
		if (dev_read(t, in->master, &m) == 0 && !strcmp(m.kind, "vrf"))
			return stop(t, dev, "no route to %s in the table of vrf %s", a, m.name);
	}
	switch (l->err) {
	case EHOSTUNREACH:
		return stop(t, dev, "no route to %s: an unreachable route", a);
	case EACCES:
		return stop(t, dev, "no route to %s: a prohibit route", a);
	case EINVAL:
		return stop(t, dev, "no route to %s: a blackhole route", a);
	case ENETUNREACH:
		return stop(t, dev, "no route to %s", a);
	}
	return stop(t, dev, "the lookup of %s fails: %s", a, strerror(l->err));
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
		return ns_go(t, fd, t->c->netns ? t->c->netns : "(start)");
	}
	if (!netns_name_of_nsid(&t->wc, d->link_nsid, name, sizeof(name)))
		return stop(t, d->name,
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
		yes = owns(t, nh, 0);
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
		yes = owns(t, nh, 0);
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
	addr_str(t, nh, a, sizeof(a));
	rc = devs_read(t, l);
	for (size_t i = 0; rc >= 0 && i < l->n; i++) {
		const struct dev *p = &l->d[i];
		/* a port down or not forwarding is still found: the walk
		 * then stops there and says so */
		if (p->index == in || p->master != br->index)
			continue;
		if ((rc = far_owns(t, p, nh)) > 0) {
			hop(t, br->name, "flooded (no fdb entry): %s answers behind port %s", a,
			    p->name);
			*out = *p;
			free(l);
			return 0;
		}
	}
	free(l);
	if (rc < 0)
		return rc;
	return stop(t, br->name, "no address on the segment: no forwarding port of %s leads to %s",
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

	addr_str(t, nh, a, sizeof(a));
	if (mac->found && !(mac->state & NUD_FAILED)) {
		fdb.key = mac->mac;
		fdb.klen = 6;
		if ((rc = neigh_find(t, &fdb)) < 0)
			return rc;
	}
	if (fdb.found && fdb.port != in && fdb.port != br->index) {
		if ((rc = dev_read(t, fdb.port, &p)) < 0)
			return rc;
		format_mac(mac->mac, 6, m, sizeof(m));
		hop(t, br->name, "fdb: %s is behind port %s", m, p.name);
		*out = p;
		return 0;
	}
	if (owns(t, nh, 0) && in) {
		hop(t, br->name, "for the bridge itself: %s is this namespace's", a);
		*out = *br;
		return 0;
	}
	return flood(t, br, in, nh, out);
}

/* Out of device d (in the current namespace) towards next hop nh. */
static int leave_by(struct trace *t, struct dev *d, const uint8_t *dst, const uint8_t *nh,
		    int depth)
{
	struct neigh_find mac = {.family = t->family,
				 .ifindex = d->index,
				 .nda = NDA_DST,
				 .key = nh,
				 .klen = route_addr_len(t->family)};
	char a[INET6_ADDRSTRLEN];
	struct dev br, port, peer;
	int rc, in = 0;

	addr_str(t, nh, a, sizeof(a));
	if ((rc = neigh_find(t, &mac)) < 0)
		return rc;
	if ((d->flags & IFF_NOARP) && (!mac.found || (mac.state & NUD_FAILED)))
		return stop(t, d->name, "no neighbour entry for %s, and %s does no ARP (NOARP)", a,
			    d->name);
	if (!(d->flags & IFF_UP))
		return stop(t, d->name, "%s is down", d->name);
	if (!strcmp(d->kind, "bridge")) {
		br = *d;
		goto bridged;
	}
	for (;;) {
		if (strcmp(d->kind, "veth"))
			return stop(t, d->name, "leaves by %s (%s), which trace does not follow",
				    d->name, d->kind[0] ? d->kind : "no kind");
		if (!d->link)
			return stop(t, d->name, "%s has no peer (its namespace is gone)", d->name);
		if ((rc = peer_ns(t, d)) < 0)
			return rc;
		if ((rc = dev_read(t, d->link, &peer)) < 0)
			return stop(t, d->name, "its peer is gone");
		if (!(peer.flags & IFF_UP))
			return stop(t, peer.name, "the far veth end %s is down", peer.name);
		if (!peer.master || strcmp(peer.slave_kind, "bridge")) {
			hop(t, peer.name, "veth peer: in");
			if (!owns(t, nh, peer.index) && memcmp(nh, dst, route_addr_len(t->family)))
				return stop(t, peer.name,
					    "no address on the segment: %s is not this namespace's",
					    a);
			return walk(t, dst, peer.index, depth + 1);
		}
		if (peer.port_state != BR_STATE_FORWARDING)
			return stop(t, peer.name, "bridge port %s is not forwarding (%s)",
				    peer.name, br_port_state_word((uint8_t)peer.port_state));
		hop(t, peer.name, "veth peer: in, a port of the bridge (forwarding)");
		if ((rc = dev_read(t, peer.master, &br)) < 0)
			return rc;
		if (!(br.flags & IFF_UP))
			return stop(t, br.name, "bridge %s is down", br.name);
		in = peer.index;
	bridged:
		if ((rc = bridge_cross(t, &br, in, nh, &mac, &port)) < 0)
			return rc;
		if (port.index == br.index)
			return walk(t, dst, br.index, depth + 1);
		if (!(port.flags & IFF_UP))
			return stop(t, port.name, "bridge port %s is down", port.name);
		if (port.port_state != BR_STATE_FORWARDING)
			return stop(t, port.name, "bridge port %s is not forwarding (%s)",
				    port.name, br_port_state_word((uint8_t)port.port_state));
		*d = port;
	}
}

/* A gre or ipip tunnel: its remote traced in the underlay first, then the
 * tunnel at the far end that takes the packet in. */
static int tunnel_cross(struct trace *t, const struct dev *d, const uint8_t *dst, int depth)
{
	char a[INET6_ADDRSTRLEN], inner[INET6_ADDRSTRLEN];
	uint8_t save_src[16];
	bool had = t->has_src;
	int save = t->family, rc;
	struct lookup l;

	format_addr(d->tnl.family, d->tnl.remote, a, sizeof(a));
	addr_str(t, dst, inner, sizeof(inner));
	t->family = d->tnl.family;
	t->has_src = false;
	memcpy(save_src, t->src, sizeof(save_src));
	trace_lookup(t, d->tnl.remote, 0, &l);
	if (l.err) {
		t->has_src = had;
		t->family = save;
		return stop(t, d->name, "tunnel remote %s unreachable: no route in the underlay",
			    a);
	}
	hop(t, d->name, "%s tunnel: encapsulated to %s", d->kind, a);
	rc = walk(t, d->tnl.remote, 0, depth + 1);
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
		hop(t, far->name, "%s tunnel: decapsulated, %s inside", far->kind, inner);
		rc = far->index;
		free(all);
		return walk(t, dst, rc, depth + 1);
	}
	free(all);
	if (rc < 0)
		return rc;
	return stop(t, "-", "no %s tunnel here has local %s", d->kind, a);
}

/* A lookup for dst in the current namespace, for a packet in by iif (0:
 * made here), and on from the device it picks. */
static int walk(struct trace *t, const uint8_t *dst, int iif, int depth)
{
	char a[INET6_ADDRSTRLEN], gw[INET6_ADDRSTRLEN + 8] = "", tbl[32];
	struct dev in = {.index = 0}, out;
	struct lookup l;
	int rc;

	if (depth > MAX_HOPS)
		return stop(t, "-", "more than %d hops: a loop?", MAX_HOPS);
	if (iif && (rc = dev_read(t, iif, &in)) < 0)
		return rc;
	trace_lookup(t, dst, iif, &l);
	if (l.err)
		return route_fails(t, &l, iif ? &in : NULL, dst);
	addr_str(t, dst, a, sizeof(a));
	if (!t->has_src && l.has_src && !iif) {
		memcpy(t->src, l.prefsrc, sizeof(t->src));
		t->has_src = true;
	}
	if (l.type == RTN_LOCAL) {
		hop(t, iif ? in.name : "lo", "local: %s is this namespace's (delivered)", a);
		return 0;
	}
	if (l.type != RTN_UNICAST)
		return route_fails(
		    t, &(struct lookup){.err = l.type == RTN_BLACKHOLE ? EINVAL : EHOSTUNREACH},
		    iif ? &in : NULL, dst);
	if ((rc = dev_read(t, l.oif, &out)) < 0)
		return rc;
	if (l.has_gw)
		snprintf(gw, sizeof(gw), " via %s", addr_str(t, l.gw, a, sizeof(a)));
	snprintf(tbl, sizeof(tbl), "%u", l.table);
	hop(t, out.name, "route%s%s, table %s", iif ? " (forwarded)" : "", gw[0] ? gw : " (direct)",
	    l.table == RT_TABLE_MAIN ? "main" : tbl);
	if (out.tunnel)
		return tunnel_cross(t, &out, dst, depth);
	return leave_by(t, &out, dst, l.has_gw ? l.gw : dst, depth);
}

/* ---- the object --------------------------------------------------------------- */

static int trace_run(struct ctx *c, const struct val *v)
{
	struct trace t = {.c = c, .family = v[T_DST].ip.family};
	char a[INET6_ADDRSTRLEN];
	int rc;

	if (v[T_FROM].set && v[T_FROM].ip.family != t.family)
		return err_usage(c, "%s %s and %s are not of one family", trace_args[T_FROM].kw,
				 v[T_FROM].str, v[T_DST].str);
	if (ctx_dryrun(c))
		return 0; /* nothing to send: trace only asks */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	t.wc = *c;
	t.wc.nl = NULL;
	t.wc.pipe = NULL;
	t.wc.delq = NULL;
	t.wc.nheld = 0;
	t.wc.names = NULL;
	if ((t.home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) < 0)
		return err_errno(c, errno, "opening /proc/self/ns/net");
	snprintf(t.ns, sizeof(t.ns), "%s", c->netns ? c->netns : "(start)");
	memcpy(t.dst, v[T_DST].ip.bytes, sizeof(t.dst));
	if ((t.has_src = v[T_FROM].set))
		memcpy(t.src, v[T_FROM].ip.bytes, sizeof(t.src));
	out_obj_open(c->out, NULL);
	out_str(c->out, OUT_ANY, "dst", "trace to %s\n",
		format_addr(t.family, t.dst, a, sizeof(a)));
	out_list_open(c->out, "hops");
	rc = walk(&t, t.dst, 0, 0);
	out_list_close(c->out);
	out_bool(c->out, OUT_JSON, "reached", NULL, rc == 0);
	if (rc < 0 && c->reason[0])
		out_str(c->out, OUT_JSON, "reason", NULL, c->reason);
	out_obj_close(c->out);
	nl_close(&t.wc);
	if (setns(t.home, CLONE_NEWNET) < 0)
		abort(); /* every later request would go to the wrong place */
	close(t.home);
	return rc;
}

VNETCTL_OBJECT_WORDS(trace, trace_run, trace_args,
		     "the hops a packet to DST would take, and where and why it stops",
		     "follow a packet through the virtual network, sending nothing");
