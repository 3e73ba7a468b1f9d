// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo: a whole lab from one YAML file (topo_parse.c reads it).
 *
 * The file is compared with the kernel's state first, namespace by
 * namespace (one dump each of links, addresses and routes), and what
 * differs becomes a list of steps, each a vnetctl command line with the
 * command line that undoes it.  plan prints the steps; up runs them through
 * dispatch() and an exact pipe, as a plain batch runs its lines (the
 * changes that can be taken back go many to a sendmsg), and when one fails
 * runs the undoing lines of those done, last first, so the system ends as
 * it began; down runs the deletions of what the file describes and the
 * kernel has.
 *
 * A step in a namespace other than the caller's is run from inside it
 * (setns, and a netlink socket opened there), as -n runs a command.
 *
 * The kernel's state is read by topo_state.c; diff is topo_diff.c, save
 * topo_save.c (topo_state.h: what they share).
 */
#include <arpa/inet.h> /* before the linux/ headers, which then add only what libc lacks */
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netnsutil.h"
#include "nl.h"
#include "out.h"
#include "args.h"
#include "dispatch.h"
#include "topo_state.h"

/* ---- the command lines steps are made of ---------------------------------- */

/* Each a vnetctl command line; "$N" is the step's Nth word, and a word
 * "?W" stands for W followed by the next word only when that next word's
 * value is not empty (veth's "netns NS" for an end in a namespace). */
enum cmd {
	C_NONE,
	C_NETNS_ADD,
	C_NETNS_DEL,
	C_BRIDGE_ADD,
	C_LINK_DEL,
	C_VETH_ADD,
	C_MASTER,
	C_NOMASTER,
	C_ADDR_ADD,
	C_ADDR_DEL,
	C_UP,
	C_DOWN,
	C_ROUTE_ADD,
	C_ROUTE_DEL,
	C_TUNTAP_ADD,
	C_TUNNEL_ADD,
	C_VXLAN_ADD,
	C_VLAN_ADD,
	C_BOND_ADD,
	C_VRF_ADD,
};
#define CMD_WORDS 13
static const char *const cmds[][CMD_WORDS] = {
    [C_NETNS_ADD] = {"netns", "add", "$1"},
    [C_NETNS_DEL] = {"netns", "del", "$1"},
    [C_BRIDGE_ADD] = {"bridge", "add", "$1"},
    [C_LINK_DEL] = {"link", "del", "$1"},
    [C_VETH_ADD] = {"veth", "add", "$1", "?netns", "$2", "peer", "$3", "?netns", "$4"},
    [C_MASTER] = {"link", "set", "$1", "master", "$2"},
    [C_NOMASTER] = {"link", "set", "$1", "nomaster"},
    [C_ADDR_ADD] = {"addr", "add", "$1", "dev", "$2"},
    [C_ADDR_DEL] = {"addr", "del", "$1", "dev", "$2"},
    [C_UP] = {"link", "set", "$1", "up"},
    [C_DOWN] = {"link", "set", "$1", "down"},
    [C_ROUTE_ADD] = {"route", "add", "$1", "via", "$2", "?proto", "$3"},
    [C_ROUTE_DEL] = {"route", "del", "$1", "via", "$2"},
    [C_TUNTAP_ADD] = {"tuntap", "add", "$1", "mode", "$2"},
    [C_TUNNEL_ADD] = {"tunnel", "add", "$1", "mode", "$2", "?local", "$3", "?remote", "$4"},
    [C_VXLAN_ADD] = {"vxlan", "add", "$1", "id", "$2", "?remote", "$3", "?local", "$4", "?dev",
		     "$5", "?dstport", "$6"},
    [C_VLAN_ADD] = {"vlan", "add", "link", "$2", "name", "$1", "id", "$3"},
    [C_BOND_ADD] = {"bond", "add", "$1"},
    [C_VRF_ADD] = {"vrf", "add", "$1", "table", "$2"},
};

/* One command: where it runs ("" the caller's namespace) and its words. */
struct cmdline {
	enum cmd cmd;
	const char *ns;
	const char *w[6];
};

struct step {
	struct cmdline run, undo;
	int line;
	bool leftover; /* run removes a leftover, once it is still one */
	/* what an addr del or route del takes away, to see it is still there */
	const struct topo_addr *addr;
	const struct topo_route *route;
};

/* The words of a command line, and which are the file's values ($N)
 * rather than the command's own words; the count. */
static int cmd_argv(const struct cmdline *l, char **argv, bool *value)
{
	const char *const *t = cmds[l->cmd];
	int n = 0;

	for (int i = 0; i < CMD_WORDS && t[i]; i++) {
		const char *w = t[i];
		value[n] = w[0] == '$';
		if (w[0] == '?') {
			const char *next = l->w[t[i + 1][1] - '1'];
			if (!*next) {
				i++;
				continue;
			}
			w++;
		} else if (w[0] == '$') {
			w = l->w[w[1] - '1'];
		}
		argv[n++] = (char *)w;
	}
	argv[n] = NULL;
	return n;
}

/* A command as its verb takes it: the object, the verb and the values,
 * each word of the file parsed once, through that verb's own table (no
 * command line printed to be parsed again); which were given, in order
 * and how (in place or after their keyword), for plan to print back. */
struct call {
	const struct object *o;
	const struct verb *v;
	struct val *vals;
	struct {
		size_t idx;
		bool positional;
	} given[64];
	int ngiven;
};

/* The call of argv[0] argv[1] (an object and its verb) with the words
 * after: a keyword of the verb's table with its value's words, or values
 * in place (value[i], or every word after the verb when value is NULL).
 * argv must outlive the call: a list's values point into it.  0 or the
 * usage error, said in c (c->obj and c->verb are the call's). */
static int call_fill(struct ctx *c, struct call *k, int argc, char **argv, const bool *value)
{
	bool was[64];
	int rc = 0;

	k->ngiven = 0;
	k->o = objects_find(argv[0]);
	k->v = k->o ? verb_exact(k->o, argv[1]) : NULL;
	k->vals = NULL;
	if (!k->v || k->v->nargs > ARRAY_SIZE(was)) /* a build bug */
		return err_fail(c, "no verb %s %s to run", argv[0], argv[1]);
	if (!(k->vals = calloc(k->v->nargs + 1, sizeof(*k->vals))))
		abort();
	c->obj = k->o;
	c->verb = k->v;
	c->subject = NULL;
	c->reason[0] = c->hint[0] = '\0';
	for (int i = 2, n; i < argc && rc == 0; i += n) {
		const char *kw = NULL;
		int a;
		if (!value || value[i]) {
			for (n = 0; i + n < argc && (!value || value[i + n]);)
				n++;
		} else {
			kw = argv[i++];
			a = args_index(k->v, kw);
			n = a < 0 || k->v->args[a].kind == ARG_FLAG ? 0
			    : k->v->args[a].kind == ARG_NEST || k->v->args[a].kind == ARG_REST ||
				    k->v->args[a].kind == ARG_KIND
				? argc - i
				: 1;
		}
		for (size_t j = 0; j < k->v->nargs; j++)
			was[j] = k->vals[j].set;
		rc = args_fill(c, k->v, kw, &argv[i], n, k->vals);
		for (size_t j = 0; j < k->v->nargs && k->ngiven < (int)ARRAY_SIZE(k->given); j++)
			if (!was[j] && k->vals[j].set) {
				k->given[k->ngiven].idx = j;
				k->given[k->ngiven++].positional = !kw;
			}
	}
	return rc < 0 ? rc : args_required(c, k->v, k->vals);
}

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

/* The command that makes device d, in its namespace. */
static struct cmdline dev_add(const struct topo_dev *d)
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
		if (!(l = topo_link_in(s, d->ref.dev)) || !topo_dev_is(l, d->kind))
			step(r, d->ref.line, dev_add(d), CMD(C_LINK_DEL, d->ref.ns, d->ref.dev));
	}
	return 0;
}

/* What up does: what the file describes and the kernel has not. */
static int plan_up(struct run *r)
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
	if ((rc = plan_devs(r, true)) < 0)
		return rc;
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
		if (same_ref(&t->devs.v[i].ref, d) && topo_dev_is(l, t->devs.v[i].kind))
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
static int plan_down(struct run *r)
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
		if ((l = topo_link_in(s, d->ref.dev)) && topo_dev_is(l, d->kind))
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

/* ---- running them ---------------------------------------------------------- */

#define PLACE_SIZE TOPO_PLACE_SIZE

/* Where a line about the step of the file's line is: "[batch place]topo
 * VERB FILE:LINE: " and what (may be ""). */
static char *step_place(const struct run *r, int line, const char *what, char *buf)
{
	return topo_run_place(r, buf, PLACE_SIZE, line, ": %s", what);
}

/* The error rc of what a step at the file's line was doing, reported. */
static int step_error(struct run *r, int rc, int line, const char *what)
{
	char where[PLACE_SIZE];

	r->c->obj = NULL;
	return err_report(r->c, rc, step_place(r, line, what, where));
}

/* One command (call_fill's argv and value), in its namespace, through
 * the dispatcher with its values parsed; its error, when it fails, is
 * printed after "topo VERB FILE:LINE: " (and what). */
static int run_words(struct run *r, const char *ns, int argc, char **argv, const bool *value,
		     int line, const char *what)
{
	struct ctx *c = r->c;
	const char *saved_ns = c->netns, *saved_where = c->where;
	char where[PLACE_SIZE], entering[400];
	struct call k;
	int rc;

	if ((rc = topo_enter(r, ns)) < 0) {
		snprintf(entering, sizeof(entering), "%s%s%s%s", what, *ns ? "-n " : "", ns,
			 *ns ? ": " : "");
		return step_error(r, rc, line, entering);
	}
	step_place(r, line, what, where);
	c->where = where;
	c->netns = *ns ? ns : saved_ns;
	if ((rc = call_fill(c, &k, argc, argv, value)) == 0) {
		rc = dispatch_parsed(c, k.o, k.v, k.vals);
	} else {
		/* as a batch's wrong line: said once what came before landed */
		if (rc != -VN_EREPORTED && nl_barrier(c) < 0)
			rc = -VN_EREPORTED;
		rc = err_report(c, rc, c->where);
	}
	free(k.vals);
	c->where = saved_where;
	c->netns = saved_ns;
	return rc;
}

static int run_cmd(struct run *r, const struct cmdline *l, int line, const char *what)
{
	char *argv[CMD_WORDS + 1];
	bool value[CMD_WORDS + 1];
	int argc = cmd_argv(l, argv, value), rc;

	rc = run_words(r, l->ns, argc, argv, value, line, what);
	/* a namespace made or deleted: the name may be another's now */
	if (l->cmd == C_NETNS_ADD || l->cmd == C_NETNS_DEL)
		r->cur = NULL;
	return rc;
}

/* 1 when what l takes away (a deletion, a down, a nomaster) is still
 * there, as the kernel says now: a namespace deleted takes its devices, a
 * device set down its IPv6 addresses, a device deleted its routes. */
static int still_there(struct run *r, const struct step *s, const struct cmdline *l)
{
	const struct st_link *k;
	struct nsstate *st;
	int rc;

	if (l->cmd == C_NETNS_DEL)
		return topo_ns_kind(l->w[0], NULL) != NS_NONE;
	if ((rc = topo_state_get(r, l->ns, true, &st)) < 0)
		return rc;
	if (!st->exists)
		return 0;
	k = topo_link_in(st, l->w[l->cmd == C_ADDR_DEL ? 1 : 0]);
	switch (l->cmd) {
	case C_LINK_DEL:
		return k != NULL;
	case C_NOMASTER:
		return k && k->master;
	case C_DOWN:
		return k && (k->flags & IFF_UP);
	case C_ADDR_DEL:
		return topo_has_addr(st, k, s->addr);
	case C_ROUTE_DEL:
		return topo_has_route(st, s->route);
	default:
		return 1;
	}
}

/* Run l when what it takes away is still there. */
static int run_if_there(struct run *r, const struct step *s, const struct cmdline *l,
			const char *what)
{
	int rc = still_there(r, s, l);

	if (rc < 0)
		return step_error(r, rc, s->line, what);
	return rc ? run_cmd(r, l, s->line, what) : EXIT_OK;
}

/* The end of the steps of cmd from step i on, consecutive, and room for
 * their command line: the command's two words and a name a step. */
static char **gathered(const struct run *r, size_t i, enum cmd cmd, size_t *end)
{
	char **argv;

	for (*end = i; *end < r->steps.n && r->steps.v[*end].run.cmd == cmd;)
		(*end)++;
	if (!(argv = calloc(*end - i + 3, sizeof(*argv))))
		abort();
	argv[0] = (char *)cmds[cmd][0];
	argv[1] = (char *)cmds[cmd][1];
	return argv;
}

/* down's device deletions from step *i on, consecutive: those of one
 * namespace still there go in one `link del A B...`, which the link
 * object makes one gathered deletion (linkdel.h: a pass of the kernel
 * rather than a grace period per device).  *i is left at the last. */
static int del_gathered(struct run *r, size_t *i)
{
	size_t end, n;
	char **argv = gathered(r, *i, C_LINK_DEL, &end);
	int rc = EXIT_OK;

	for (size_t k = *i; k < end && rc == EXIT_OK; k++) {
		const char *ns = r->steps.v[k].run.ns;
		struct nsstate *st;
		int first = 0, got;
		bool seen = false;
		/* a namespace whose deletions were gathered at an earlier k */
		for (size_t j = *i; j < k && !seen; j++)
			seen = !strcmp(r->steps.v[j].run.ns, ns);
		if (seen)
			continue;
		if ((got = topo_state_get(r, ns, true, &st)) < 0) {
			rc = step_error(r, got, r->steps.v[k].line, "");
			break;
		}
		n = 2;
		for (size_t j = k; j < end; j++) {
			const struct cmdline *l = &r->steps.v[j].run;
			if (strcmp(l->ns, ns) || !st->exists || !topo_link_in(st, l->w[0]))
				continue;
			if (!first)
				first = r->steps.v[j].line;
			argv[n++] = (char *)l->w[0];
		}
		argv[n] = NULL;
		if (n > 2)
			rc = run_words(r, ns, (int)n, argv, NULL, first, "");
	}
	free(argv);
	*i = end - 1;
	return rc;
}

/* The line that says the name of step s (a namespace's deletion) was a
 * leftover of a killed run, removed (and with remade, that up makes the
 * namespace in its place). */
static void leftover_goes(struct run *r, const struct step *s, bool remade)
{
	char where[PLACE_SIZE];

	err_line("%s%s was a leftover (a file in %s with no namespace behind it, as a killed run "
		 "leaves one): removed%s",
		 step_place(r, s->line, "", where), s->run.w[0], netns_dir(),
		 remade ? ", and the namespace made again" : "");
}

/* down's namespace deletions from step *i on, consecutive: those still
 * there in one `netns del A B...` (each name checked before any goes;
 * with its devices, a namespace's deletion is the kernel's work once
 * nothing holds it).  *i is left at the last. */
static int ns_gathered(struct run *r, size_t *i)
{
	size_t end, n = 2;
	char **argv = gathered(r, *i, C_NETNS_DEL, &end);
	int rc = EXIT_OK, first = 0;

	for (size_t k = *i; k < end; k++) {
		const struct step *s = &r->steps.v[k];
		enum ns_kind kind = topo_ns_kind(s->run.w[0], NULL);
		if (kind == NS_NONE)
			continue;
		if (kind == NS_LEFTOVER)
			leftover_goes(r, s, false);
		if (!first)
			first = s->line;
		argv[n++] = (char *)s->run.w[0];
	}
	if (n > 2)
		rc = run_words(r, "", (int)n, argv, NULL, first, "");
	r->cur = NULL; /* the names are no one's now */
	free(argv);
	*i = end - 1;
	return rc;
}

/* SIGINT or SIGTERM while steps run: the handler only notes it; before the
 * next step, up undoes what it made and down stops, and the signal is
 * raised again once the handlers before are back (a batch's, the shell's,
 * or the default: the process ends by it, the system as it began). */
static volatile sig_atomic_t topo_signal;
static const int topo_signals[] = {SIGINT, SIGTERM};

static void on_topo_signal(int sig)
{
	topo_signal = sig;
}

/* With SA_RESTART: a step under way completes, answered, before the stop. */
static void catch_signals(struct sigaction *old)
{
	struct sigaction sa = {.sa_handler = on_topo_signal, .sa_flags = SA_RESTART};

	sigemptyset(&sa.sa_mask);
	topo_signal = 0;
	for (size_t i = 0; i < ARRAY_SIZE(topo_signals); i++) {
		sigaction(topo_signals[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(topo_signals[i], &sa, NULL);
	}
}

static void release_signals(const struct sigaction *old)
{
	for (size_t i = 0; i < ARRAY_SIZE(topo_signals); i++)
		sigaction(topo_signals[i], &old[i], NULL);
	if (topo_signal)
		raise(topo_signal);
}

/* The one line of a run a signal stopped before step s. */
static void interrupted(struct run *r, const struct step *s, bool deleting)
{
	char where[PLACE_SIZE];

	err_line("%sinterrupted (%s) before this step: %s", step_place(r, s->line, "", where),
		 topo_signal == SIGINT ? "SIGINT" : "SIGTERM",
		 deleting ? "the steps before it took effect" : "what this run made is undone");
}

/* ---- what is this run's to undo ------------------------------------------- */

/* Whether one of the steps that ran ([0, ran)) made device dev in ns: a
 * device whose undoing deletes it, or a veth's far end. */
static bool run_made(const struct run *r, size_t ran, const char *ns, const char *dev)
{
	for (size_t k = 0; k < ran; k++) {
		const struct step *s = &r->steps.v[k];
		if (s->undo.cmd == C_LINK_DEL && !strcmp(s->undo.ns, ns) &&
		    !strcmp(s->undo.w[0], dev))
			return true;
		if (s->run.cmd == C_VETH_ADD && !strcmp(s->run.w[3], ns) &&
		    !strcmp(s->run.w[2], dev))
			return true;
	}
	return false;
}

/* The devices of namespace ns that the steps [0, ran) did not make (lo
 * and a tunnel module's fallback devices aside), named in buf: how many,
 * or -errno. */
static int others_in(struct run *r, const char *ns, size_t ran, char *buf, size_t size)
{
	struct nsstate *st;
	size_t len = 0;
	int n = 0, rc;

	buf[0] = '\0';
	if ((rc = topo_state_get(r, ns, true, &st)) < 0)
		return rc;
	for (size_t i = 0; st->exists && i < st->links.n; i++) {
		const struct st_link *l = &st->links.v[i];
		if ((l->flags & IFF_LOOPBACK) || topo_kernel_made(l) ||
		    run_made(r, ran, ns, l->name))
			continue;
		if (len < size)
			len +=
			    (size_t)snprintf(buf + len, size - len, "%s%s", n ? ", " : "", l->name);
		n++;
	}
	return n;
}

/* Whether undoing step s is this run's to do.  The namespace it acts in
 * must be the one this run read or made: a name deleted and given to
 * another namespace meanwhile is not.  A namespace this run made goes only
 * when it holds nothing else than what the steps [0, ran) made: anything
 * else is another's, and the namespace stays, emptied of this run's
 * devices (undone before, last first).  Else one line says what stays. */
static bool undo_ours(struct run *r, const struct step *s, size_t ran)
{
	const struct cmdline *l = &s->undo;
	const char *ns = l->cmd == C_NETNS_DEL ? l->w[0] : l->ns;
	struct nsstate *st = topo_state_find(r, ns);
	char where[PLACE_SIZE], others[300];
	struct ns_id id;
	int n;

	if (!*ns)
		return true;
	if (topo_ns_kind(ns, &id) != NS_NAMED || (st && st->foreign))
		return false; /* gone, and what was in it; or said */
	step_place(r, s->line, "undoing: ", where);
	if (st && st->id.ino && (id.dev != st->id.dev || id.ino != st->id.ino)) {
		err_line("%s%s is no longer the namespace this run %s: left as it is", where, ns,
			 st->made ? "made" : "read");
		st->foreign = true;
		return false;
	}
	if (l->cmd != C_NETNS_DEL || (n = others_in(r, ns, ran, others, sizeof(others))) == 0)
		return true;
	if (n < 0) {
		step_error(r, n, s->line, "undoing: ");
		return false;
	}
	err_line("%snetns del %s: kept, emptied of this run's devices: it holds %d this run did "
		 "not make (%s)",
		 where, ns, n, others);
	return false;
}

/* The undoing of steps [0, upto), last first, each only where what it
 * takes away is still there and is this run's; every request answered
 * (no pipe). */
static int undo_steps(struct run *r, size_t upto)
{
	struct nl_pipe *pipe = r->c->pipe;
	const size_t ran = upto;

	r->c->pipe = NULL;
	while (upto-- > 0) {
		const struct step *s = &r->steps.v[upto];
		if (s->undo.cmd != C_NONE && undo_ours(r, s, ran))
			run_if_there(r, s, &s->undo, "undoing: ");
	}
	r->c->pipe = pipe;
	return -VN_EREPORTED;
}

/* down's steps, each answered, at a failure stopping there (what it took
 * away is not put back). */
static int apply_down(struct run *r)
{
	for (size_t i = 0; i < r->steps.n; i++) {
		const struct step *s = &r->steps.v[i];
		int rc = EXIT_OK;

		if (topo_signal) {
			interrupted(r, s, true);
			rc = EXIT_FAIL;
		} else if (s->run.cmd == C_LINK_DEL) {
			rc = del_gathered(r, &i);
		} else if (s->run.cmd == C_NETNS_DEL) {
			rc = ns_gathered(r, &i);
		} else if (s->run.cmd != C_NONE) {
			rc = run_if_there(r, s, &s->run, "");
		}
		if (rc != EXIT_OK)
			return -VN_EREPORTED;
	}
	return 0;
}

/* The namespace this run made under name ns: only it is the run's to
 * delete when undoing. */
static void made_ns(struct run *r, const char *ns)
{
	struct nsstate *st = topo_state_find(r, ns);

	if (st && topo_ns_kind(ns, &st->id) == NS_NAMED)
		st->made = true;
}

/* The pipe's word on a step it refused when the steps after it could not
 * all be taken back (it is not run again): its one line. */
static void pipe_refused(struct ctx *c, const char *label, int err, const char *msg, void *data)
{
	(void)c;
	(void)data;
	err_line("%s: %s", label ? label : "topo up", msg ? msg : strerror(-err));
}

/* up's steps through an exact pipe, as a plain batch runs its lines: the
 * changes that can be taken back wait and go many to one sendmsg, the
 * others go on their own once every step before is known to have taken
 * effect (nlpipe.c).  What waits lands before a step in another namespace
 * (the socket is that namespace's).  When the kernel refuses step K's
 * change, the pipe takes back what came after it and K runs again alone,
 * for its own error; should it now succeed, the steps after it run again.
 * At a failure, the steps before are undone, last first. */
static int apply_up(struct run *r)
{
	struct ctx *c = r->c;
	struct nl_pipe *p = nl_pipe_new(pipe_refused, NULL);
	size_t i = 0, ran = 0, upto = 0;
	int rc = EXIT_OK, k;
	bool rerun, done = false;

	if (!p)
		abort();
	nl_pipe_exact(p);
	c->pipe = p;
	for (;;) {
		const struct step *s = i < r->steps.n ? &r->steps.v[i] : NULL;
		bool elsewhere =
		    s && s->run.cmd != C_NONE && (!r->cur || strcmp(r->cur, s->run.ns));

		if ((!s || topo_signal || rc != EXIT_OK || elsewhere) && !nl_pipe_failed(p, NULL))
			(void)nl_barrier(c);
		if ((k = nl_pipe_failed(p, &rerun)) > 0) {
			const struct step *f = &r->steps.v[k - 1];
			if (!rerun) {
				/* what came after it may still be there */
				nl_pipe_failed_report(c, p);
				nl_pipe_failed_clear(p);
				upto = ran;
				break;
			}
			nl_pipe_failed_clear(p);
			nl_pipe_line(p, k, true);
			rc = run_cmd(r, &f->run, f->line, "");
			if (rc == EXIT_OK && !nl_pipe_failed(p, NULL)) {
				i = ran = (size_t)k;
				continue;
			}
			upto = (size_t)k - 1;
			break; /* its error said */
		}
		if (rc != EXIT_OK) {
			upto = i; /* step i failed, its error said */
			break;
		}
		if (!s) {
			done = true;
			break;
		}
		if (topo_signal) {
			interrupted(r, s, false);
			upto = i;
			break;
		}
		if (s->leftover && topo_ns_kind(s->run.w[0], NULL) != NS_LEFTOVER) {
			i++; /* made whole meanwhile: another's, whose name the add finds taken */
			continue;
		}
		if (s->leftover)
			leftover_goes(r, s, true);
		if (s->run.cmd != C_NONE) {
			nl_pipe_line(p, (int)i + 1, false);
			rc = run_cmd(r, &s->run, s->line, "");
			ran = i + 1;
			if (rc != EXIT_OK)
				continue; /* what waits lands first: an earlier step may be why */
			if (s->run.cmd == C_NETNS_ADD)
				made_ns(r, s->run.w[0]);
		}
		i++;
	}
	c->pipe = NULL;
	nl_pipe_free(p);
	return done ? 0 : undo_steps(r, upto);
}

/* The steps in order: up's all or nothing, down's as far as they go. */
static int apply(struct run *r, bool deleting)
{
	int rc = deleting ? apply_down(r) : apply_up(r);

	char where[PLACE_SIZE];

	if (rc == 0 && topo_signal && r->steps.n)
		err_line("%sinterrupted (%s) after the last step: every step took effect",
			 step_place(r, r->steps.v[r->steps.n - 1].line, "", where),
			 topo_signal == SIGINT ? "SIGINT" : "SIGTERM");
	return rc;
}

/* Whether code point cp (topo_utf8's) is one a terminal acts on: a control
 * (C0, DEL), a C1 control, or -1, a byte that begins no UTF-8 sequence. */
static bool word_unsafe(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/* A word as bash (and zsh, ksh) reads it back: as is when it holds only
 * plain characters; else in '...', or in $'...' with \xNN for each byte
 * of a character a terminal acts on (word_unsafe), so that no byte of a
 * name reaches the terminal raw and the line still runs as it reads. */
static void print_word(struct out *o, const char *w, bool json)
{
	static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
				    "@%+=:,./-_";
	size_t left = strlen(w), n;
	bool ansi = false;

	if (json)
		out_str(o, OUT_JSON, NULL, "%s", w);
	if (*w && strspn(w, plain) == left) {
		out_text(o, " %s", w);
		return;
	}
	for (const char *s = w; *s; s += n)
		ansi |= word_unsafe(topo_utf8(s, (size_t)(w + left - s), &n));
	out_text(o, ansi ? " $'" : " '");
	for (const char *s = w; *s; s += n) {
		int32_t cp = topo_utf8(s, (size_t)(w + left - s), &n);
		if (cp == '\'' && !ansi)
			out_text(o, "'\\''");
		else if ((cp == '\'' || cp == '\\') && ansi)
			out_text(o, "\\%c", *s);
		else if (word_unsafe(cp))
			for (size_t i = 0; i < n; i++)
				out_text(o, "\\x%02x", (unsigned char)s[i]);
		else
			out_text(o, "%.*s", (int)n, s);
	}
	out_text(o, "'");
}

/* plan: each step as the command line that does it, its values turned
 * back into words through its verb's table; with -j, a list of {"line",
 * "netns" when not the caller's, "argv"}. */
static int print_steps(struct run *r)
{
	struct out *o = r->c->out;
	int rc = 0;

	out_list_open(o, NULL);
	for (size_t i = 0; i < r->steps.n && rc == 0; i++) {
		const struct cmdline *l = &r->steps.v[i].run;
		char *argv[CMD_WORDS + 1], num[16];
		const char *words[CMD_WORDS];
		bool value[CMD_WORDS + 1];
		struct call k;

		if (l->cmd == C_NONE)
			continue;
		if ((rc = call_fill(r->c, &k, cmd_argv(l, argv, value), argv, value)) < 0) {
			free(k.vals);
			step_error(r, rc, r->steps.v[i].line, "");
			return -VN_EREPORTED;
		}
		out_obj_open(o, NULL);
		out_int(o, OUT_JSON, "line", "%d", r->steps.v[i].line);
		out_text(o, "vnetctl");
		if (*l->ns) {
			out_str(o, OUT_JSON, "netns", "%s", l->ns);
			out_text(o, " -n");
			print_word(o, l->ns, false);
		}
		out_list_open(o, "argv");
		print_word(o, k.o->name, true);
		print_word(o, k.v->name, true);
		for (int g = 0; g < k.ngiven; g++) {
			int n = args_unparse(k.v, k.given[g].idx, k.given[g].positional,
					     &k.vals[k.given[g].idx], words, CMD_WORDS, num,
					     sizeof(num));
			for (int w = 0; w < n; w++)
				print_word(o, words[w], true);
		}
		out_list_close(o);
		out_nl(o);
		out_obj_close(o);
		free(k.vals);
	}
	out_list_close(o);
	return rc;
}

/* The one error line of a topo verb: "topo VERB [FILE: ]reason"; the file's
 * own errors carry their place already. */
static int topo_fail(struct ctx *c, int rc, const char *verb, const char *file)
{
	char reason[sizeof(c->reason)];

	snprintf(reason, sizeof(reason), "%s",
		 c->reason[0] ? c->reason : strerror(rc < -VN_EFAIL ? EPROTO : -rc));
	/* a reason cut short at the buffer's end is still the line */
	topo_place(c->reason, sizeof(c->reason), NULL, verb, file, 0, "%s%s", file ? ": " : " ",
		   reason);
	c->obj = NULL; /* the line names the object itself */
	return rc == -VN_EUSAGE ? rc : -VN_EFAIL;
}

enum topo_verb { T_UP, T_DOWN, T_PLAN, T_DIFF, T_SAVE };
enum file_arg { FILE_PATH, FILE_WAIT, FILE_NARGS };
enum save_arg { SAVE_NS, SAVE_WAIT, SAVE_NARGS };

/* How long a run waits for another to end, unless told (wait SECONDS). */
#define TOPO_WAIT_S  60
#define TEXT_OF(x)   #x
#define NUMBER_OF(x) TEXT_OF(x)

/* What a verb does under the lock: read the kernel, then act on it. */
static int topo_act(struct run *r, struct topo *t, const struct val *v, enum topo_verb which)
{
	int rc;

	if (which == T_SAVE)
		return topo_save_run(r, t, v);
	if (which == T_DIFF) /* like diff(1): 1 when they differ, with no line of error */
		return (rc = topo_diff_all(r)) == 0 && r->differ ? -VN_EREPORTED : rc;
	if ((rc = which == T_DOWN ? plan_down(r) : plan_up(r)) < 0)
		return rc;
	/* dry run: a namespace up would make cannot be entered to show a
	 * request in it, so up and down print their steps */
	if (which == T_PLAN || ctx_dryrun(r->c))
		return print_steps(r);
	return apply(r, which == T_DOWN);
}

/* The run under the lock (topo_lock.c): up and down alone, the others
 * (and a dry run) sharing it.  A signal ends the wait for it, and it is
 * caught while up's and down's steps run. */
static int topo_locked(struct run *r, struct topo *t, const struct val *v, enum topo_verb which)
{
	const bool writes = (which == T_UP || which == T_DOWN) && !ctx_dryrun(r->c);
	const struct val *wait = &v[which == T_SAVE ? SAVE_WAIT : FILE_WAIT];
	struct sigaction old[ARRAY_SIZE(topo_signals)];
	int rc, rc2;

	catch_signals(old);
	rc = topo_lock(r, writes, wait->set ? wait->u : TOPO_WAIT_S, &topo_signal);
	if (rc == -EINTR) {
		char where[PLACE_SIZE];
		err_line("%s", topo_run_place(r, where, sizeof(where), 0,
					      ": interrupted (%s) while waiting for the lock: "
					      "nothing was done",
					      topo_signal == SIGINT ? "SIGINT" : "SIGTERM"));
		rc = -VN_EREPORTED;
	}
	if (!writes)
		release_signals(old);
	if (rc == 0 && (r->home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)) < 0)
		rc = err_errno(r->c, errno, NULL);
	if (rc == 0) {
		rc = topo_act(r, t, v, which);
		/* home, and a socket there, whatever happened; first, as a
		 * handler before may end the process */
		r->cur = NULL;
		if ((rc2 = topo_enter(r, "")) < 0 && rc == 0)
			rc = rc2;
		close(r->home);
	}
	topo_unlock(r);
	if (writes)
		release_signals(old);
	return rc;
}

static int topo_run(struct ctx *c, const struct val *v, enum topo_verb which)
{
	static const char *const names[] = {[T_UP] = "up",
					    [T_DOWN] = "down",
					    [T_PLAN] = "plan",
					    [T_DIFF] = "diff",
					    [T_SAVE] = "save"};
	struct topo t = {0};
	struct run r = {.c = c,
			.t = &t,
			.verb = names[which],
			.home = -1,
			.lock = -1,
			.peers = which == T_SAVE};
	struct nl_pipe *pipe = c->pipe;
	struct delq *delq = c->delq;
	int rc;

	if (which != T_SAVE && (rc = topo_read(c, v[FILE_PATH].str, &t)) < 0)
		return topo_fail(c, rc, r.verb, rc == -VN_EUSAGE ? NULL : v[FILE_PATH].str);
	/* a batch's changes land before the steps look at the kernel; up's
	 * steps go through a pipe of their own */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	c->pipe = NULL;
	c->delq = NULL;
	rc = topo_locked(&r, &t, v, which);
	c->pipe = pipe;
	c->delq = delq;
	for (size_t i = 0; i < r.st.n; i++) {
		topo_state_clear(r.st.v[i]);
		free(r.st.v[i]);
	}
	free(r.st.v);
	free(r.steps.v);
	if (rc < 0 && rc != -VN_EREPORTED)
		rc = topo_fail(c, rc, r.verb, t.file);
	topo_free(&t);
	return rc;
}

static int topo_up(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_UP);
}

static int topo_down(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_DOWN);
}

static int topo_plan(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_PLAN);
}

static int topo_diff(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_DIFF);
}

static int topo_save(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_SAVE);
}

/* How long to wait for another topology run: every verb takes it. */
#define WAIT_ARG                                                                                   \
	{                                                                                          \
		.kw = "wait", .kind = ARG_U32, .max = 86400, .metavar = "SECONDS",                 \
		.help = "how long to wait while another topology run holds the lock "              \
			"(default " NUMBER_OF(TOPO_WAIT_S) "; 0: not at all)"                      \
	}

static const struct arg save_args[SAVE_NARGS] = {
    [SAVE_NS] = {.kind = ARG_REST,
		 .flags = ARGF_POSITIONAL | ARGF_KW_ENDS,
		 .metavar = "NS...",
		 .help = "the namespaces to save (default: every named one)"},
    [SAVE_WAIT] = WAIT_ARG,
};

static const struct arg file_args[FILE_NARGS] = {
    [FILE_PATH] = {.kind = ARG_STRING,
		   .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
		   .metavar = "FILE",
		   .help = "the topology file (YAML; see vnetctl-topo(8))"},
    [FILE_WAIT] = WAIT_ARG,
};

static const struct verb topo_verbs[] = {
    VERB("up", topo_up, file_args, "make what FILE describes and the kernel lacks; all or nothing"),
    VERB("down", topo_down, file_args, "delete what FILE describes, last first"),
    VERB("plan", topo_plan, file_args, "print the vnetctl commands up would run"),
    VERB("diff", topo_diff, file_args,
	 "the kernel against FILE: what matches, is missing, differs or is extra (exit 1 unless "
	 "equal)"),
    VERB("save", topo_save, save_args,
	 "the namespaces' running state as a topology file that up rebuilds, on stdout"),
};

VNETCTL_OBJECT_OF(topo, "plan", "a whole lab from a YAML topology file")
