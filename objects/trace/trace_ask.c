// SPDX-License-Identifier: GPL-2.0-or-later
/* trace: what is asked of the kernel in the current namespace. */
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "link.h"
#include "netns.h"
#include "nl.h"
#include "route.h"

/* ---- namespaces ------------------------------------------------------------ */

/* Into the namespace open on fd (closed here), named name. */
int trace_ns_go(struct trace *t, int fd, const char *name)
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
	d->mtu = nl_attr_u32(m->tb[IFLA_MTU], &u) ? u : 0;
	if (m->info[IFLA_INFO_DATA] && !strcmp(d->kind, "macvlan")) {
		const struct nlattr *mv[IFLA_MACVLAN_MAX + 1];
		nl_parse_nested(m->info[IFLA_INFO_DATA], mv, IFLA_MACVLAN_MAX);
		d->mode = nl_attr_u32(mv[IFLA_MACVLAN_MODE], &u) ? u : MACVLAN_MODE_VEPA;
	} else if (m->info[IFLA_INFO_DATA] && !strcmp(d->kind, "bridge")) {
		const struct nlattr *br[IFLA_BR_MAX + 1];
		uint8_t f;
		nl_parse_nested(m->info[IFLA_INFO_DATA], br, IFLA_BR_MAX);
		d->vlan_filtering = nl_attr_u8(br[IFLA_BR_VLAN_FILTERING], &f) && f;
	} else if (m->info[IFLA_INFO_DATA] && !strcmp(d->kind, "vlan")) {
		const struct nlattr *vl[IFLA_VLAN_MAX + 1];
		uint16_t id;
		nl_parse_nested(m->info[IFLA_INFO_DATA], vl, IFLA_VLAN_MAX);
		d->vlan_id = nl_attr_u16(vl[IFLA_VLAN_ID], &id) ? id : 0;
	} else if (m->info[IFLA_INFO_DATA] && !strcmp(d->kind, "ipvlan")) {
		const struct nlattr *iv[IFLA_IPVLAN_MAX + 1];
		uint16_t f;
		nl_parse_nested(m->info[IFLA_INFO_DATA], iv, IFLA_IPVLAN_MAX);
		d->mode = iv[IFLA_IPVLAN_MODE] ? mnl_attr_get_u16(iv[IFLA_IPVLAN_MODE]) : 0;
		d->ipv_flags = nl_attr_u16(iv[IFLA_IPVLAN_FLAGS], &f) ? f : 0;
	}
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
static int devs_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct devs *l = data;

	(void)c;
	if (l->n < DEVS_MAX)
		dev_fill(m, &l->d[l->n++]);
	return 0;
}

int trace_devs_read(struct trace *t, struct devs *l)
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
	if (m.tb[RTA_METRICS]) {
		const struct nlattr *mx[RTAX_MAX + 1];
		nl_parse_nested(m.tb[RTA_METRICS], mx, RTAX_MAX);
		l->mtu = nl_attr_u32(mx[RTAX_MTU], &u) ? u : 0;
	}
	return MNL_CB_OK;
}

/* The kernel's route to dst in the current namespace, for a packet that
 * came in by iif (0: made here). */
void trace_lookup(struct trace *t, const uint8_t *dst, int iif, struct lookup *l)
{
	char buf[NL_BUFSZ];
	const struct trace_pkt *p = &t->pkt;
	struct route_query q = {
	    .family = p->family,
	    .dst = dst,
	    .src = t->has_src ? p->saddr : NULL,
	    .iif = iif,
	    .has_mark = p->mark != 0,
	    .mark = p->mark,
	    /* the kernel reads no other protocol's */
	    .has_ipproto = p->proto == IPPROTO_TCP || p->proto == IPPROTO_UDP ||
			   p->proto == (p->family == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP),
	    .ipproto = p->proto,
	    .sport = p->sport,
	    .dport = p->dport};
	int rc;

	*l = (struct lookup){.err = 0};
	rc = nl_request(&t->wc, route_query_msg(buf, &q), lookup_cb, l);
	l->err = rc < 0 ? -rc : 0;
	t->wc.reason[0] = t->wc.hint[0] = '\0';
}

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

int trace_neigh_find(struct trace *t, struct neigh_find *f)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNEIGH, 0);
	struct ndmsg *nd = mnl_nlmsg_put_extra_header(nlh, sizeof(*nd));

	nd->ndm_family = (uint8_t)f->family;
	return nl_dump(&t->wc, nlh, neigh_cb, f);
}

/* Whether addr is the current namespace's own (the kernel's lookup says
 * local); dev (0: none), a device whose vrf's table is asked too. */
bool trace_owns(struct trace *t, const uint8_t *addr, int dev)
{
	struct route_query q = {.family = t->pkt.family, .dst = addr, .oif = dev};
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
int trace_conf_read(const char *dev, const char *key)
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
bool trace_rp_strict(const char *dev)
{
	int a = trace_conf_read("all", "rp_filter"), d = trace_conf_read(dev, "rp_filter");

	return (a > d ? a : d) == 1;
}

/* The current namespace, open (to come back to). */
int trace_here(struct trace *t)
{
	int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);

	return fd < 0 ? err_errno(t->c, errno, "opening /proc/self/ns/net") : fd;
}
