// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo diff: the kernel against a topology file, each thing the file
 * describes in up's order, ok, missing or differing (and then what the
 * kernel has), one line each or a JSON list.
 */
#include <arpa/inet.h> /* before the linux/ headers, which then add only what libc lacks */
#include <linux/if.h>
#include <stdarg.h>
#include <string.h>

#include "out.h"
#include "topo_state.h"

/* What the kernel has of one thing the file describes. */
enum dstate { ST_OK, ST_MISSING, ST_DIFFERS, ST_N };
static const char *const dstate_names[ST_N] = {
    [ST_OK] = "ok", [ST_MISSING] = "missing", [ST_DIFFERS] = "differs"};
/* The things compared, as diff names them (a device is its kind's name). */
enum ditem { I_NETNS, I_VETH, I_PORT, I_ADDR, I_UP, I_ROUTE, I_N };
static const char *const ditem_names[I_N] = {
    [I_NETNS] = "netns",  [I_VETH] = "veth", [I_PORT] = "port",
    [I_ADDR] = "address", [I_UP] = "up",     [I_ROUTE] = "route"};

/* A field of a row besides line, state and item: its JSON key, its text
 * (a format of the value, NULL: " KEY VALUE") and the value. */
struct dfield {
	const char *key, *text, *val;
};

struct drow {
	int line;
	enum dstate state;
	const char *item, *ns;
	bool ns_alone; /* the text says "NS: ...", not "NS/DEV" */
	struct dfield f[3];
	char kernel[128]; /* when it differs: what the kernel has */
};

/* One line: STATE ITEM [NS/]NAME [KEY VALUE...][: what the kernel has];
 * with -j an object of the same (netns only when not the caller's). */
static void diff_row(struct run *r, const struct drow *d)
{
	struct out *o = r->c->out;

	r->differ += d->state != ST_OK;
	out_obj_open(o, NULL);
	out_int(o, OUT_JSON, "line", "%d", d->line);
	out_str(o, OUT_ANY, "state", "%-8s", dstate_names[d->state]);
	out_str(o, OUT_ANY, "item", "%s", d->item);
	if (*d->ns)
		out_str(o, OUT_ANY, "netns", d->ns_alone ? " %s:" : " %s/", d->ns);
	else
		out_text(o, " ");
	for (size_t i = 0; i < ARRAY_SIZE(d->f) && d->f[i].key; i++) {
		if (!d->f[i].text)
			out_text(o, " %s", d->f[i].key);
		out_str(o, OUT_ANY, d->f[i].key, d->f[i].text ? d->f[i].text : " %s", d->f[i].val);
	}
	if (d->state == ST_DIFFERS)
		out_str(o, OUT_ANY, "kernel", ": %s", d->kernel);
	out_nl(o);
	out_obj_close(o);
}

/* The state and what the kernel has (printf-like) of a row. */
static bool __attribute__((format(printf, 3, 4)))
differs(struct drow *d, bool cond, const char *fmt, ...)
{
	va_list ap;

	if (!cond)
		return false;
	d->state = ST_DIFFERS;
	va_start(ap, fmt);
	vsnprintf(d->kernel, sizeof(d->kernel), fmt, ap);
	va_end(ap);
	return true;
}

/* The kind of l as a file names it (tun devices by their type). */
static const char *kind_label(const struct st_link *l)
{
	for (int k = 0; k < TK_NKINDS; k++)
		if (topo_dev_is(l, (enum topo_kind)k))
			return topo_kind_names[k];
	return *l->kind ? l->kind : "none";
}

/* An address of l (local, remote) as text, "none" when not set. */
static const char *st_addr_text(const struct st_link *l, const uint8_t *a, char *buf, size_t sz)
{
	if (!l->family)
		return "none";
	return format_addr(l->family, a, buf, sz);
}

static bool addr_differs(const struct st_link *l, const uint8_t *a, const struct inet_prefix *p)
{
	return l->family != p->family || memcmp(a, p->bytes, topo_addr_bytes(p->family));
}

/* What of the kind's data the file gives and the kernel has otherwise. */
static void dev_differs(struct drow *row, const struct topo_dev *d, const struct st_link *l,
			const struct nsstate *s)
{
	char buf[INET6_ADDRSTRLEN];

	if ((d->local &&
	     differs(row, addr_differs(l, l->local, &d->lp), "%s %s", topo_dev_keys[D_LOCAL],
		     st_addr_text(l, l->local, buf, sizeof(buf)))) ||
	    (d->remote &&
	     differs(row, addr_differs(l, l->remote, &d->rp), "%s %s", topo_dev_keys[D_REMOTE],
		     st_addr_text(l, l->remote, buf, sizeof(buf)))) ||
	    (d->id && differs(row, l->id != d->idv, "%s %u", topo_dev_keys[D_ID], l->id)) ||
	    (d->table &&
	     differs(row, l->table != d->tablev, "%s %u", topo_dev_keys[D_TABLE], l->table)) ||
	    (d->dstport &&
	     differs(row, l->port != d->dstportv, "%s %u", topo_dev_keys[D_DSTPORT], l->port)))
		return;
	if (d->link)
		differs(row, strcmp(topo_name_of_index(s, (int)l->lower), d->link), "%s %s",
			topo_dev_keys[D_LINK],
			l->lower ? topo_name_of_index(s, (int)l->lower) : "none");
}

static void diff_dev(struct run *r, const struct topo_dev *d, const struct nsstate *s)
{
	const struct st_link *l = topo_link_in(s, d->ref.dev);
	struct drow row = {.line = d->ref.line,
			   .item = topo_kind_names[d->kind],
			   .ns = d->ref.ns,
			   .f = {{"dev", "%s", d->ref.dev}}};

	row.state = l ? ST_OK : ST_MISSING;
	if (l && !differs(&row, !topo_dev_is(l, d->kind), "a device of kind %s", kind_label(l)))
		dev_differs(&row, d, l, s);
	diff_row(r, &row);
}

static void diff_veth(struct run *r, const struct topo_veth *v, const struct nsstate *sa,
		      const struct nsstate *sb)
{
	const struct st_link *a = topo_link_in(sa, v->a.dev), *b = topo_link_in(sb, v->b.dev);
	struct drow row = {.line = v->line,
			   .item = ditem_names[I_VETH],
			   .ns = v->a.ns,
			   .f = {{"a", "%s", v->a.dev}, {"b", " %s", v->b.dev}}};
	char bname[300];

	/* the far end in the text as the file names it */
	snprintf(bname, sizeof(bname), "%s%s%s", v->b.ns, *v->b.ns ? "/" : "", v->b.dev);
	row.f[1].val = bname;
	row.state = a || b ? ST_OK : ST_MISSING;
	if (row.state == ST_MISSING)
		;
	else if (differs(&row, !a, "no end %s", v->a.dev) ||
		 differs(&row, !b, "no end %s", v->b.dev) ||
		 differs(&row, strcmp(a->kind, topo_veth_kind), "%s is of kind %s", a->name,
			 *a->kind ? a->kind : "none") ||
		 differs(&row, strcmp(b->kind, topo_veth_kind), "%s is of kind %s", b->name,
			 *b->kind ? b->kind : "none"))
		;
	else
		differs(&row, a->link != b->index || b->link != a->index,
			"the ends are not each other's peers");
	diff_row(r, &row);
}

static void diff_port(struct run *r, const struct topo_port *p, const struct nsstate *s)
{
	const struct st_link *dev = topo_link_in(s, p->dev.dev), *m = topo_link_in(s, p->master);
	struct drow row = {.line = p->dev.line,
			   .item = ditem_names[I_PORT],
			   .ns = p->dev.ns,
			   .f = {{"dev", "%s", p->dev.dev}, {"master", NULL, p->master}}};

	row.state = dev && m ? ST_OK : ST_MISSING;
	if (row.state == ST_OK && !differs(&row, !dev->master, "no master"))
		differs(&row, dev->master != m->index, "master %s",
			topo_name_of_index(s, dev->master));
	diff_row(r, &row);
}

static void diff_addr(struct run *r, const struct topo_addr *a, const struct nsstate *s)
{
	struct drow row = {.line = a->dev.line,
			   .item = ditem_names[I_ADDR],
			   .ns = a->dev.ns,
			   .f = {{"dev", "%s", a->dev.dev}, {"address", " %s", a->text}}};

	row.state = topo_has_addr(s, topo_link_in(s, a->dev.dev), a) ? ST_OK : ST_MISSING;
	diff_row(r, &row);
}

static void diff_up(struct run *r, const struct topo_ref *u, const struct nsstate *s)
{
	const struct st_link *l = topo_link_in(s, u->dev);
	struct drow row = {
	    .line = u->line, .item = ditem_names[I_UP], .ns = u->ns, .f = {{"dev", "%s", u->dev}}};

	row.state = l ? ST_OK : ST_MISSING;
	if (l)
		differs(&row, !(l->flags & IFF_UP), "down");
	diff_row(r, &row);
}

/* The route the kernel has to rt's destination, through whatever gateway. */
static const struct st_route *route_to(const struct nsstate *s, const struct topo_route *rt)
{
	uint8_t len = rt->dst.family == AF_UNSPEC ? 0 : rt->dst.len;
	size_t n = topo_addr_bytes(rt->gw.family);

	for (size_t i = 0; i < s->routes.n; i++) {
		const struct st_route *k = &s->routes.v[i];
		if (k->family == rt->gw.family && k->len == len &&
		    (len == 0 || !memcmp(k->dst, rt->dst.bytes, n)))
			return k;
	}
	return NULL;
}

static void diff_route(struct run *r, const struct topo_route *rt, const struct nsstate *s)
{
	const struct st_route *k;
	struct drow row = {.line = rt->line,
			   .item = ditem_names[I_ROUTE],
			   .ns = rt->ns,
			   .ns_alone = true,
			   .f = {{"to", *rt->ns ? " %s" : "%s", rt->to}, {"via", NULL, rt->via}}};
	char gw[INET6_ADDRSTRLEN];

	row.state = topo_has_route(s, rt) ? ST_OK : ST_MISSING;
	if (row.state == ST_MISSING && (k = route_to(s, rt)) &&
	    !differs(&row, !k->has_gw, "a route with no gateway") &&
	    !differs(&row, memcmp(k->gw, rt->gw.bytes, topo_addr_bytes(k->family)),
		     "a route via %s", format_addr(k->family, k->gw, gw, sizeof(gw))))
		differs(&row, true, "a route of protocol %u", k->protocol);
	diff_row(r, &row);
}

/* Each thing the file describes, in up's order, with what the kernel has
 * (r->differ counts those missing or differing). */
int topo_diff_all(struct run *r)
{
	const struct topo *t = r->t;
	struct out *o = r->c->out;
	struct nsstate *s, *s2;
	int rc;

	out_list_open(o, NULL);
	for (size_t i = 0; i < t->nss.n; i++) {
		const struct topo_ns *n = &t->nss.v[i];
		struct drow row = {.line = n->line,
				   .item = ditem_names[I_NETNS],
				   .ns = "",
				   .f = {{"name", "%s", n->name}}};
		if ((rc = topo_state_of(r, n->name, &s)) < 0)
			goto out;
		row.state = s->exists ? ST_OK : ST_MISSING;
		diff_row(r, &row);
	}
	/* in a namespace that is missing, the state read is empty: what is
	 * in it is missing */
	for (size_t i = 0; i < t->devs.n; i++) {
		if ((rc = topo_state_of(r, t->devs.v[i].ref.ns, &s)) < 0)
			goto out;
		diff_dev(r, &t->devs.v[i], s);
	}
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		if ((rc = topo_state_of(r, v->a.ns, &s)) < 0 ||
		    (rc = topo_state_of(r, v->b.ns, &s2)) < 0)
			goto out;
		diff_veth(r, v, s, s2);
	}
	for (size_t i = 0; i < t->ports.n; i++) {
		if ((rc = topo_state_of(r, t->ports.v[i].dev.ns, &s)) < 0)
			goto out;
		diff_port(r, &t->ports.v[i], s);
	}
	for (size_t i = 0; i < t->addrs.n; i++) {
		if ((rc = topo_state_of(r, t->addrs.v[i].dev.ns, &s)) < 0)
			goto out;
		diff_addr(r, &t->addrs.v[i], s);
	}
	for (size_t i = 0; i < t->ups.n; i++) {
		if (topo_up_seen(t, i))
			continue;
		if ((rc = topo_state_of(r, t->ups.v[i].ns, &s)) < 0)
			goto out;
		diff_up(r, &t->ups.v[i], s);
	}
	for (size_t i = 0; i < t->routes.n; i++) {
		if ((rc = topo_state_of(r, t->routes.v[i].ns, &s)) < 0)
			goto out;
		diff_route(r, &t->routes.v[i], s);
	}
	rc = 0;
out:
	out_list_close(o);
	return rc;
}
