// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo diff: the kernel against a topology file, each thing the file
 * describes in up's order, ok, missing or differing (and then what the
 * kernel has), one line each or a JSON list; then what the kernel has and
 * the file does not describe (extra): a device in a namespace the file
 * makes, an address of a device the file describes, a route added by hand
 * in a namespace the file makes.
 */
#include <arpa/inet.h> /* before the linux/ headers, which then add only what libc lacks */
#include <linux/if.h>
#include <stdarg.h>
#include <string.h>

#include "out.h"
#include "topo_impair.h"
#include "topo_state.h"

/* What the kernel has of one thing the file describes. */
enum dstate { ST_OK, ST_MISSING, ST_DIFFERS, ST_EXTRA, ST_N };
static const char *const dstate_names[ST_N] = {
    [ST_OK] = "ok", [ST_MISSING] = "missing", [ST_DIFFERS] = "differs", [ST_EXTRA] = "extra"};
/* The things compared, as diff names them (a device is its kind's name). */
enum ditem { I_NETNS, I_VETH, I_IMPAIR, I_PORT, I_ADDR, I_UP, I_ROUTE, I_N };
static const char *const ditem_names[I_N] = {
    [I_NETNS] = "netns",  [I_VETH] = "veth", [I_IMPAIR] = "impair", [I_PORT] = "port",
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
	/* a link's lower device is IFLA_LINK; a vlan's, a vxlan's their data's */
	int lower = d->kind == TK_LINK ? l->link : (int)l->lower;

	if (d->link)
		differs(row, strcmp(topo_name_of_index(s, lower), d->link), "%s %s",
			topo_dev_keys[D_LINK], lower ? topo_name_of_index(s, lower) : "none");
}

static void diff_dev(struct run *r, const struct topo_dev *d, const struct nsstate *s)
{
	const struct st_link *l = topo_link_in(s, d->ref.dev);
	struct drow row = {.line = d->ref.line,
			   .item = d->kind == TK_LINK ? d->kind_name : topo_kind_names[d->kind],
			   .ns = d->ref.ns,
			   .f = {{"dev", "%s", d->ref.dev}}};

	row.state = l ? ST_OK : ST_MISSING;
	if (l && !differs(&row, !topo_dev_of(l, d), "a device of kind %s", kind_label(l)))
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

/* An impairment, a veth end's or a link's (at the file's line): missing
 * without a root netem (or the device), differing when the netem's
 * measures are others. */
static int diff_impair(struct run *r, int line, const struct topo_ref *e,
		       const struct topo_impair *imp, const struct nsstate *s)
{
	const struct st_link *l = topo_link_in(s, e->dev);
	char want[200];
	struct drow row = {
	    .line = line,
	    .item = ditem_names[I_IMPAIR],
	    .ns = e->ns,
	    .f = {{"dev", "%s", e->dev},
		  {"words", " %s",
		   topo_impair_text(r->t->words.v + imp->word0, imp->nwords, want, sizeof(want))}}};
	int rc = 0;

	if (!imp->nwords)
		return 0;
	row.state = ST_MISSING;
	if (l && (rc = topo_impair_cmp(r, e->ns, l->index, r->t->words.v + imp->word0, imp->nwords,
				       row.kernel, sizeof(row.kernel))) < 0)
		return rc;
	if (l && rc == 1)
		row.state = ST_OK;
	else if (l && strcmp(row.kernel, "none"))
		row.state = ST_DIFFERS;
	diff_row(r, &row);
	return 0;
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

/* ---- what the kernel has and the file does not describe ------------------ */

/* The line of the file that makes namespace ns, 0 when none does. */
static int ns_line(const struct topo *t, const char *ns)
{
	for (size_t i = 0; *ns && i < t->nss.n; i++)
		if (!strcmp(t->nss.v[i].name, ns))
			return t->nss.v[i].line;
	return 0;
}

static int ref_line(const struct topo_ref *f, const char *ns, const char *dev)
{
	return !strcmp(f->ns, ns) && !strcmp(f->dev, dev) ? f->line : 0;
}

/* The first line of the file that names device dev of namespace ns, 0
 * when none does. */
static int dev_line(const struct topo *t, const char *ns, const char *dev)
{
	int line = 0;

	for (size_t i = 0; !line && i < t->devs.n; i++)
		line = ref_line(&t->devs.v[i].ref, ns, dev);
	for (size_t i = 0; !line && i < t->veths.n; i++)
		if (!(line = ref_line(&t->veths.v[i].a, ns, dev)) &&
		    ref_line(&t->veths.v[i].b, ns, dev))
			line = t->veths.v[i].line;
	for (size_t i = 0; !line && i < t->ports.n; i++)
		line = ref_line(&t->ports.v[i].dev, ns, dev);
	for (size_t i = 0; !line && i < t->addrs.n; i++)
		line = ref_line(&t->addrs.v[i].dev, ns, dev);
	for (size_t i = 0; !line && i < t->ups.n; i++)
		line = ref_line(&t->ups.v[i], ns, dev);
	return line;
}

static bool file_has_addr(const struct topo *t, const char *ns, const char *dev,
			  const struct st_addr *k)
{
	for (size_t i = 0; i < t->addrs.n; i++) {
		const struct topo_addr *a = &t->addrs.v[i];
		if (ref_line(&a->dev, ns, dev) && a->p.family == k->family && a->p.len == k->len &&
		    !memcmp(a->p.bytes, k->bytes, topo_addr_bytes(k->family)))
			return true;
	}
	return false;
}

/* Whether the file routes k's destination in ns (through whatever gateway:
 * another gateway is a route that differs, said above). */
static bool file_routes(const struct topo *t, const char *ns, const struct st_route *k)
{
	for (size_t i = 0; i < t->routes.n; i++) {
		const struct topo_route *rt = &t->routes.v[i];
		uint8_t len = rt->dst.family == AF_UNSPEC ? 0 : rt->dst.len;
		if (!strcmp(rt->ns, ns) && rt->gw.family == k->family && len == k->len &&
		    (len == 0 || !memcmp(rt->dst.bytes, k->dst, topo_addr_bytes(k->family))))
			return true;
	}
	return false;
}

static void extra_addrs(struct run *r, const struct nsstate *s, const struct st_link *l, int line)
{
	char text[INET6_ADDRSTRLEN + 8], buf[INET6_ADDRSTRLEN];

	for (size_t i = 0; i < s->addrs.n; i++) {
		const struct st_addr *a = &s->addrs.v[i];
		if (a->index != l->index || !topo_user_addr(l, a) ||
		    file_has_addr(r->t, s->name, l->name, a))
			continue;
		snprintf(text, sizeof(text), "%s/%u",
			 format_addr(a->family, a->bytes, buf, sizeof(buf)), a->len);
		diff_row(r,
			 &(struct drow){.line = line,
					.state = ST_EXTRA,
					.item = ditem_names[I_ADDR],
					.ns = s->name,
					.f = {{"dev", "%s", l->name}, {"address", " %s", text}}});
	}
}

static void extra_routes(struct run *r, const struct nsstate *s, int line)
{
	char to[INET6_ADDRSTRLEN + 8], via[INET6_ADDRSTRLEN];

	for (size_t i = 0; i < s->routes.n; i++) {
		const struct st_route *k = &s->routes.v[i];
		if (!topo_user_route(k) || file_routes(r->t, s->name, k))
			continue;
		topo_route_to(k, to, sizeof(to));
		struct drow row = {.line = line,
				   .state = ST_EXTRA,
				   .item = ditem_names[I_ROUTE],
				   .ns = s->name,
				   .ns_alone = true,
				   .f = {{"to", " %s", to}}};
		if (k->has_gw && !k->multipath)
			row.f[1] = (struct dfield){"via", NULL,
						   format_addr(k->family, k->gw, via, sizeof(via))};
		diff_row(r, &row);
	}
}

/* Namespace by namespace, as they were read: the devices of a namespace
 * the file makes that it does not describe (not lo, nor a fallback
 * device), the addresses of the devices it describes, and the routes
 * added by hand in a namespace it makes. */
static void diff_extra(struct run *r)
{
	for (size_t n = 0; n < r->st.n; n++) {
		const struct nsstate *s = r->st.v[n];
		int nline = ns_line(r->t, s->name);
		if (!s->exists)
			continue;
		for (size_t i = 0; i < s->links.n; i++) {
			const struct st_link *l = &s->links.v[i];
			int line = dev_line(r->t, s->name, l->name);
			if (line)
				extra_addrs(r, s, l, line);
			else if (nline && !(l->flags & IFF_LOOPBACK) && !topo_kernel_made(l))
				diff_row(r, &(struct drow){.line = nline,
							   .state = ST_EXTRA,
							   .item = kind_label(l),
							   .ns = s->name,
							   .f = {{"dev", "%s", l->name}}});
		}
		if (nline)
			extra_routes(r, s, nline);
	}
}

/* Each thing the file describes, in up's order, with what the kernel has,
 * then what the kernel has besides (r->differ counts the rows not ok). */
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
		differs(&row, s->leftover,
			"a leftover of a killed run, no namespace (topo down or netns del "
			"removes it)");
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
		if ((rc = diff_impair(r, v->line, &v->a, &v->imp[0], s)) < 0 ||
		    (rc = diff_impair(r, v->line, &v->b, &v->imp[1], s2)) < 0)
			goto out;
	}
	for (size_t i = 0; i < t->devs.n; i++) {
		const struct topo_dev *d = &t->devs.v[i];
		if (!d->imp.nwords)
			continue;
		if ((rc = topo_state_of(r, d->ref.ns, &s)) < 0 ||
		    (rc = diff_impair(r, d->ref.line, &d->ref, &d->imp, s)) < 0)
			goto out;
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
	diff_extra(r);
	rc = 0;
out:
	out_list_close(o);
	return rc;
}
