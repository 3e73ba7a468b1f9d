// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo: the steps up and down take, from the file and the kernel's state
 * (topo_state.c), each with the step that undoes it.
 */
#include <arpa/inet.h> /* before the linux/ headers, which then add only what libc lacks */
#include <errno.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <stdlib.h>
#include <string.h>

#include "topo_impair.h"
#include "topo_step.h"

/* ---- the steps ------------------------------------------------------------- */

static const struct st_link *link_of(const struct nsstate *s, const char *dev, const char *kind)
{
	const struct st_link *l = topo_link_in(s, dev);

	return l && (!kind || !strcmp(l->kind, kind)) ? l : NULL;
}

static struct step *step(struct run *r, int line, struct cmdline run, struct cmdline undo)
{
	struct step *s = VEC_PUSH(r->steps);

	s->run = run;
	s->undo = undo;
	s->line = line;
	return s;
}
#define CMD(c_, ns_, ...) ((struct cmdline){.cmd = (c_), .ns = (ns_), .w = {__VA_ARGS__}})
#define NO_UNDO		  ((struct cmdline){.cmd = C_NONE, .ns = ""}) /* nothing to run */

/* The command that makes device d of t, in its namespace. */
static struct cmdline dev_add(const struct topo *t, const struct topo_dev *d)
{
	/* each kind's command, and the keys whose values are its $2, $3... */
	static const struct {
		enum cmd cmd;
		int n;
		enum topo_dev_key keys[5];
	} adds[TK_NKINDS] = {
	    [TK_BRIDGE] = {.cmd = C_BRIDGE_ADD},
	    [TK_TAP] = {C_TUNTAP_ADD, 1, {D_MODE}},
	    [TK_TUN] = {C_TUNTAP_ADD, 1, {D_MODE}},
	    [TK_GRE] = {C_TUNNEL_ADD, 3, {D_MODE, D_LOCAL, D_REMOTE}},
	    [TK_IPIP] = {C_TUNNEL_ADD, 3, {D_MODE, D_LOCAL, D_REMOTE}},
	    [TK_VXLAN] = {C_VXLAN_ADD, 5, {D_ID, D_REMOTE, D_LOCAL, D_LINK, D_DSTPORT}},
	    [TK_VLAN] = {C_VLAN_ADD, 2, {D_LINK, D_ID}},
	    [TK_BOND] = {.cmd = C_BOND_ADD},
	    [TK_VRF] = {C_VRF_ADD, 1, {D_TABLE}},
	};
	struct cmdline l = CMD(adds[d->kind].cmd, d->ref.ns, d->ref.dev);

	/* outside: made in the caller's namespace, then moved (netns NS) */
	if (d->kind == TK_LINK)
		return (struct cmdline){.cmd = C_LINK_ADD,
					.ns = d->outside ? "" : d->ref.ns,
					.w = {d->ref.dev, d->link ? d->link : "", d->kind_name,
					      d->mtu ? d->mtu : "", d->outside ? d->ref.ns : ""},
					.more = t->words.v + d->word0,
					.nmore = d->nwords};

	for (int i = 0; i < adds[d->kind].n; i++) {
		const char *v = topo_dev_value(d, adds[d->kind].keys[i]);
		l.w[i + 1] = v ? v : "";
	}
	return l;
}

/* The devices of the file made on a lower device (a vlan, a vxlan with
 * link) are made after the veths, which may be that device. */
static int plan_devs(struct run *r, bool stacked)
{
	const struct topo *t = r->t;
	struct nsstate *s;
	int rc;

	for (size_t i = 0; i < t->devs.n; i++) {
		const struct topo_dev *d = &t->devs.v[i];
		const struct st_link *l;
		if ((d->link != NULL) != stacked)
			continue;
		if ((rc = topo_state_of(r, d->ref.ns, &s)) < 0)
			return rc;
		if (!(l = topo_link_in(s, d->ref.dev)) || !topo_dev_of(l, d))
			step(r, d->ref.line, dev_add(t, d), CMD(C_LINK_DEL, d->ref.ns, d->ref.dev));
	}
	return 0;
}

/* Impairment imp of device e (a veth's end, of kind veth, or a link, of
 * kind d's), at the file's line, when the kernel's root qdisc of the
 * device is not that netem (or the device is still to be made). */
static int plan_impair(struct run *r, int line, const struct topo_ref *e, const struct topo_dev *d,
		       const struct topo_impair *imp)
{
	const struct st_link *l;
	struct nsstate *s;
	char have[200];
	int rc = 0;

	if (!imp->nwords)
		return 0;
	if ((rc = topo_state_of(r, e->ns, &s)) < 0)
		return rc;
	l = d ? topo_link_in(s, e->dev) : link_of(s, e->dev, topo_veth_kind);
	if (l && d && !topo_dev_of(l, d))
		l = NULL;
	if (l && (rc = topo_impair_cmp(r, e->ns, l->index, r->t->words.v + imp->word0, imp->nwords,
				       have, sizeof(have))) < 0)
		return rc;
	if (!l || rc == 0)
		step(r, line,
		     (struct cmdline){.cmd = C_IMPAIR,
				      .ns = e->ns,
				      .w = {e->dev},
				      .more = r->t->words.v + imp->word0,
				      .nmore = imp->nwords},
		     CMD(C_IMPAIR_NONE, e->ns, e->dev));
	return 0;
}

/* What up does: what the file describes and the kernel has not. */
int topo_plan_up(struct run *r)
{
	const struct topo *t = r->t;
	struct nsstate *s, *s2;
	int rc;

	for (size_t i = 0; i < t->nss.n; i++) {
		const struct topo_ns *n = &t->nss.v[i];
		if ((rc = topo_state_of(r, n->name, &s)) < 0)
			return rc;
		/* a leftover of a killed run holds nothing: it goes, and
		 * the namespace is made in its place */
		if (s->leftover)
			step(r, n->line, CMD(C_NETNS_DEL, "", n->name), NO_UNDO)->leftover = true;
		if (!s->exists)
			step(r, n->line, CMD(C_NETNS_ADD, "", n->name),
			     CMD(C_NETNS_DEL, "", n->name));
	}
	if ((rc = plan_devs(r, false)) < 0)
		return rc;
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		if ((rc = topo_state_of(r, v->a.ns, &s)) < 0 ||
		    (rc = topo_state_of(r, v->b.ns, &s2)) < 0)
			return rc;
		if (!link_of(s, v->a.dev, topo_veth_kind) || !link_of(s2, v->b.dev, topo_veth_kind))
			step(r, v->line, CMD(C_VETH_ADD, "", v->a.dev, v->a.ns, v->b.dev, v->b.ns),
			     CMD(C_LINK_DEL, v->a.ns, v->a.dev));
	}
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		if ((rc = plan_impair(r, v->line, &v->a, NULL, &v->imp[0])) < 0 ||
		    (rc = plan_impair(r, v->line, &v->b, NULL, &v->imp[1])) < 0)
			return rc;
	}
	if ((rc = plan_devs(r, true)) < 0)
		return rc;
	for (size_t i = 0; i < t->devs.n; i++) {
		const struct topo_dev *d = &t->devs.v[i];
		if ((rc = plan_impair(r, d->ref.line, &d->ref, d, &d->imp)) < 0)
			return rc;
	}
	for (size_t i = 0; i < t->ports.n; i++) {
		const struct topo_port *p = &t->ports.v[i];
		const struct st_link *br, *dev;
		if ((rc = topo_state_of(r, p->dev.ns, &s)) < 0)
			return rc;
		br = topo_link_in(s, p->master);
		dev = topo_link_in(s, p->dev.dev);
		if (!br || !dev || dev->master != br->index)
			step(r, p->dev.line, CMD(C_MASTER, p->dev.ns, p->dev.dev, p->master),
			     CMD(C_NOMASTER, p->dev.ns, p->dev.dev));
	}
	for (size_t i = 0; i < t->addrs.n; i++) {
		const struct topo_addr *a = &t->addrs.v[i];
		if ((rc = topo_state_of(r, a->dev.ns, &s)) < 0)
			return rc;
		if (!topo_has_addr(s, topo_link_in(s, a->dev.dev), a))
			step(r, a->dev.line, CMD(C_ADDR_ADD, a->dev.ns, a->text, a->dev.dev),
			     CMD(C_ADDR_DEL, a->dev.ns, a->text, a->dev.dev))
			    ->addr = a;
	}
	for (size_t i = 0; i < t->ups.n; i++) {
		const struct topo_ref *u = &t->ups.v[i];
		const struct st_link *l;
		if (topo_up_seen(t, i))
			continue;
		if ((rc = topo_state_of(r, u->ns, &s)) < 0)
			return rc;
		l = topo_link_in(s, u->dev);
		if (l && (l->flags & IFF_UP))
			continue;
		/* a loopback gets 127.0.0.1/8 when it first goes up, and keeps
		 * it when set down: taking it back is a step of its own, that
		 * does nothing going up */
		if (l && (l->flags & IFF_LOOPBACK) && !topo_has_addr(s, l, &topo_loopback_addr))
			step(r, u->line, NO_UNDO,
			     CMD(C_ADDR_DEL, u->ns, topo_loopback_addr.text, u->dev))
			    ->addr = &topo_loopback_addr;
		step(r, u->line, CMD(C_UP, u->ns, u->dev), CMD(C_DOWN, u->ns, u->dev));
	}
	for (size_t i = 0; i < t->routes.n; i++) {
		const struct topo_route *rt = &t->routes.v[i];
		if ((rc = topo_state_of(r, rt->ns, &s)) < 0)
			return rc;
		if (!topo_has_route(s, rt))
			step(r, rt->line,
			     CMD(C_ROUTE_ADD, rt->ns, rt->to, rt->via, rt->proto ? rt->proto : ""),
			     CMD(C_ROUTE_DEL, rt->ns, rt->to, rt->via))
			    ->route = rt;
	}
	return 0;
}

/* Whether the file makes namespace ns: down deletes it whole, and with it
 * everything in it. */
static bool file_ns(const struct topo *t, const char *ns)
{
	for (size_t i = 0; i < t->nss.n; i++)
		if (!strcmp(t->nss.v[i].name, ns))
			return true;
	return false;
}

static bool same_ref(const struct topo_ref *a, const struct topo_ref *b)
{
	return !strcmp(a->ns, b->ns) && !strcmp(a->dev, b->dev);
}

/* True when the file makes the device: a bridge, a veth's end, or anything
 * in a namespace it makes. */
static bool file_makes(const struct topo *t, const struct topo_ref *d)
{
	if (file_ns(t, d->ns))
		return true;
	for (size_t i = 0; i < t->devs.n; i++)
		if (same_ref(&t->devs.v[i].ref, d))
			return true;
	for (size_t i = 0; i < t->veths.n; i++)
		if (same_ref(&t->veths.v[i].a, d) || same_ref(&t->veths.v[i].b, d))
			return true;
	return false;
}

/* Whether down deletes device d, whose namespace's state is s: it is in a
 * namespace the file makes, or the kernel has it as a device of the file
 * of its kind, or as a veth the file names (down deletes both ends). */
static bool down_deletes(const struct topo *t, const struct nsstate *s, const struct topo_ref *d)
{
	const struct st_link *l = topo_link_in(s, d->dev);

	if (file_ns(t, d->ns))
		return true;
	for (size_t i = 0; l && i < t->devs.n; i++)
		if (same_ref(&t->devs.v[i].ref, d) && topo_dev_of(l, &t->devs.v[i]))
			return true;
	for (size_t i = 0; l && i < t->veths.n; i++)
		if ((same_ref(&t->veths.v[i].a, d) || same_ref(&t->veths.v[i].b, d)) &&
		    !strcmp(l->kind, topo_veth_kind))
			return true;
	return false;
}

/* The deletion of a veth's end e, when the kernel has it and its namespace
 * is not deleted whole (which takes it, or its peer, with it). */
static int down_veth_end(struct run *r, const struct topo_veth *v, const struct topo_ref *e)
{
	struct nsstate *s;
	int rc;

	if (file_ns(r->t, e->ns))
		return 0;
	if ((rc = topo_state_of(r, e->ns, &s)) < 0)
		return rc;
	if (link_of(s, e->dev, topo_veth_kind))
		step(r, v->line, CMD(C_LINK_DEL, e->ns, e->dev), NO_UNDO);
	return 0;
}

/* What down does: the deletion of what the file describes and the kernel
 * has, last first.  A namespace the file makes goes whole, its devices,
 * addresses and routes with it: nothing in it is read or deleted one by
 * one.  Elsewhere (the caller's namespace, one the file only uses), the
 * routes go, then the addresses of devices that stay, then a device the
 * file sets up but does not make is set down (after its addresses: IPv6
 * takes them away itself on down), then the devices the file makes, each
 * namespace's in one gathered deletion, then the namespaces, in one
 * `netns del` (a leftover of a killed run among them). */
int topo_plan_down(struct run *r)
{
	const struct topo *t = r->t;
	struct nsstate *s;
	int rc;

	for (size_t i = t->routes.n; i-- > 0;) {
		const struct topo_route *rt = &t->routes.v[i];
		if (file_ns(t, rt->ns))
			continue;
		if ((rc = topo_state_of(r, rt->ns, &s)) < 0)
			return rc;
		if (topo_has_route(s, rt))
			step(r, rt->line, CMD(C_ROUTE_DEL, rt->ns, rt->to, rt->via), NO_UNDO)
			    ->route = rt;
	}
	for (size_t i = t->addrs.n; i-- > 0;) {
		const struct topo_addr *a = &t->addrs.v[i];
		if (file_ns(t, a->dev.ns))
			continue;
		if ((rc = topo_state_of(r, a->dev.ns, &s)) < 0)
			return rc;
		if (!down_deletes(t, s, &a->dev) &&
		    topo_has_addr(s, topo_link_in(s, a->dev.dev), a))
			step(r, a->dev.line, CMD(C_ADDR_DEL, a->dev.ns, a->text, a->dev.dev),
			     NO_UNDO)
			    ->addr = a;
	}
	for (size_t i = t->ups.n; i-- > 0;) {
		const struct topo_ref *u = &t->ups.v[i];
		const struct st_link *l;
		if (topo_up_seen(t, i) || file_makes(t, u))
			continue;
		if ((rc = topo_state_of(r, u->ns, &s)) < 0)
			return rc;
		if ((l = topo_link_in(s, u->dev)) && (l->flags & IFF_UP))
			step(r, u->line, CMD(C_DOWN, u->ns, u->dev), NO_UNDO);
	}
	for (size_t i = t->veths.n; i-- > 0;)
		if ((rc = down_veth_end(r, &t->veths.v[i], &t->veths.v[i].a)) < 0 ||
		    (rc = down_veth_end(r, &t->veths.v[i], &t->veths.v[i].b)) < 0)
			return rc;
	for (size_t i = t->devs.n; i-- > 0;) {
		const struct topo_dev *d = &t->devs.v[i];
		const struct st_link *l;
		if (file_ns(t, d->ref.ns))
			continue;
		if ((rc = topo_state_of(r, d->ref.ns, &s)) < 0)
			return rc;
		if ((l = topo_link_in(s, d->ref.dev)) && topo_dev_of(l, d))
			step(r, d->ref.line, CMD(C_LINK_DEL, d->ref.ns, d->ref.dev), NO_UNDO);
	}
	for (size_t i = t->nss.n; i-- > 0;) {
		const struct topo_ns *n = &t->nss.v[i];
		enum ns_kind k = topo_ns_kind(n->name, NULL);
		if (k != NS_NONE)
			step(r, n->line, CMD(C_NETNS_DEL, "", n->name), NO_UNDO)->leftover =
			    k == NS_LEFTOVER;
	}
	return 0;
}
