// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * graph: the whole virtual network at once, across namespaces.  The caller's
 * namespace and every named one under /run/netns, each with its devices
 * (kind, state, addresses, a tunnel's endpoints), and what joins them: the
 * two ends of a veth (across namespaces too), a port and its master (bridge,
 * bond), a device and its lower device (macvlan, vlan, ipvlan, vxlan, a
 * tunnel's dev).  Drawn as a tree for the terminal, as Graphviz DOT, or as
 * one JSON object with -j.
 *
 * Each namespace is read through a socket made inside it (as monitor's views
 * are), so indexes and nsids are that namespace's own: the nsid a device's
 * IFLA_LINK_NETNSID gives is matched to a namespace by asking, from inside,
 * which nsid it gave the others that could hold the peer (RTM_GETNSID with
 * NETNSA_FD).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>

#include "addr.h"
#include "core.h"
#include "l2common.h"
#include "link.h"
#include "netns.h"
#include "netnsutil.h"
#include "nl.h"
#include "out.h"
#include "tnl.h"

/* ---- the words ------------------------------------------------------------ */

enum graph_arg { G_TREE, G_DOT, G_NARGS };

static const struct arg graph_args[G_NARGS] = {
    [G_TREE] = {.kw = "tree",
		.alias = "--tree",
		.kind = ARG_FLAG,
		.excludes = G_DOT + 1,
		.help = "a tree: namespace, device, its ports, peer and addresses (the default)"},
    [G_DOT] = {.kw = "dot",
	       .alias = "--dot",
	       .kind = ARG_FLAG,
	       .excludes = G_TREE + 1,
	       .help = "Graphviz DOT: a cluster a namespace, a node a device, an edge a link"},
};

/* ---- what is read ------------------------------------------------------------ */

#define ADDR_TEXT (INET6_ADDRSTRLEN + 4) /* "ADDR/PLEN" */

struct gdev {
	int index;
	char name[IFNAMSIZ];
	char kind[32]; /* "" when the device has none (lo) */
	char state[24];
	uint32_t master;
	bool has_link; /* IFLA_LINK (or a vxlan's own): a peer or a lower device */
	int link;      /* its index, in the namespace link_nsid names */
	int link_nsid; /* -1: the device's own namespace */
	char local[INET6_ADDRSTRLEN], remote[INET6_ADDRSTRLEN];
	char (*addrs)[ADDR_TEXT];
	size_t naddrs;
	size_t nports; /* devices whose master it is */
};

struct gns {
	char name[NAME_MAX + 1]; /* under /run/netns; "" for the caller's when unnamed */
	bool current;		 /* the caller's */
	int fd;
	struct gdev *d;
	size_t n;
	/* nsid[j]: the nsid this namespace gave namespace j, -1 for none,
	 * NSID_UNASKED where no device needed it (graph_read) */
	int *nsid;
};

struct graph {
	struct ctx *c;
	struct gns *ns;
	size_t n;
};

/* A peer or lower device found: namespace and device indexes. */
struct gref {
	size_t ns, dev;
};

/* How text names the caller's namespace when it has no name. */
static const char current_label[] = "(current)";

static const char *ns_label(const struct gns *s)
{
	return s->name[0] ? s->name : current_label;
}

static void graph_free(struct graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		struct gns *s = &g->ns[i];
		for (size_t k = 0; k < s->n; k++)
			free(s->d[k].addrs);
		free(s->d);
		free(s->nsid);
		if (s->fd >= 0)
			close(s->fd);
	}
	free(g->ns);
}

static struct gns *ns_add(struct graph *g, const char *name, int fd)
{
	struct gns *grown = realloc(g->ns, (g->n + 1) * sizeof(*g->ns));

	if (!grown)
		abort();
	g->ns = grown;
	grown = &g->ns[g->n++];
	*grown = (struct gns){.fd = fd};
	snprintf(grown->name, sizeof(grown->name), "%s", name);
	return grown;
}

static bool same_file(int a, int b)
{
	struct stat sa, sb;

	return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Whether the namespace open on fd is drawn already: the caller's (which
 * then takes the name, the first that is its) or one with another name
 * (two names bound to one namespace draw it once, under the first). */
static bool ns_known(struct graph *g, int fd, const char *name)
{
	for (size_t k = 0; k < g->n; k++)
		if (same_file(fd, g->ns[k].fd)) {
			if (!g->ns[k].name[0])
				snprintf(g->ns[k].name, sizeof(g->ns[k].name), "%s", name);
			return true;
		}
	return false;
}

/* The caller's namespace first, then each named one (sorted), each once.  A leftover file under
 * /run/netns (no namespace mounted) is no namespace, and is left out. */
static int ns_list(struct graph *g)
{
	struct names l;
	int self, rc;

	self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return err_errno(g->c, errno, "opening /proc/self/ns/net");
	ns_add(g, "", self)->current = true;
	if ((rc = netns_names_read(g->c, &l)) < 0)
		return rc;
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		char path[PATH_MAX];
		int fd = netns_open_named(g->c, l.v[i]);
		snprintf(path, sizeof(path), "%s/%s", netns_dir(), l.v[i]);
		/* a leftover, or a name deleted since the list was read */
		if (fd == -EUCLEAN || (fd < 0 && access(path, F_OK) < 0 && errno == ENOENT)) {
			g->c->reason[0] = g->c->hint[0] = '\0';
			continue;
		}
		if (fd < 0) {
			rc = fd;
			break;
		}
		if (!ns_known(g, fd, l.v[i]))
			ns_add(g, l.v[i], fd);
		else
			close(fd);
	}
	netns_names_free(&l);
	return rc;
}

/* ---- reading one namespace ------------------------------------------------- */

static void addr_text(const struct inet_prefix *p, char *buf, size_t sz)
{
	format_addr(p->family, p->bytes, buf, sz);
}

/* A tunnel's outer addresses, where its kind's own code reads them. */
static void endpoints(struct gdev *d, const struct link_msg *m)
{
	const struct nlattr *data = m->info[IFLA_INFO_DATA];
	const struct tnl_kind *k = tnl_kind_of(d->kind);
	struct inet_prefix p;

	if (k) {
		struct tnl t;
		tnl_parse(data, k->attrs, k->family, &t);
		if (t.a->local)
			format_addr(t.family, t.local, d->local, sizeof(d->local));
		if (t.a->remote)
			format_addr(t.family, t.remote, d->remote, sizeof(d->remote));
		return;
	}
	if (!data)
		return;
	if (!strcmp(d->kind, "vxlan")) {
		const struct nlattr *tb[IFLA_VXLAN_MAX + 1];
		nl_parse_nested(data, tb, IFLA_VXLAN_MAX);
		if (l2_attr_addr(tb[IFLA_VXLAN_LOCAL], &p) ||
		    l2_attr_addr(tb[IFLA_VXLAN_LOCAL6], &p))
			addr_text(&p, d->local, sizeof(d->local));
		if (l2_attr_addr(tb[IFLA_VXLAN_GROUP], &p) ||
		    l2_attr_addr(tb[IFLA_VXLAN_GROUP6], &p))
			addr_text(&p, d->remote, sizeof(d->remote));
		/* a vxlan's lower device is its own attribute, not IFLA_LINK */
		if (tb[IFLA_VXLAN_LINK] && mnl_attr_get_payload_len(tb[IFLA_VXLAN_LINK]) == 4 &&
		    mnl_attr_get_u32(tb[IFLA_VXLAN_LINK])) {
			d->has_link = true;
			d->link = (int)mnl_attr_get_u32(tb[IFLA_VXLAN_LINK]);
		}
	} else if (!strcmp(d->kind, "geneve")) {
		const struct nlattr *tb[IFLA_GENEVE_MAX + 1];
		nl_parse_nested(data, tb, IFLA_GENEVE_MAX);
		if (l2_attr_addr(tb[IFLA_GENEVE_REMOTE], &p) ||
		    l2_attr_addr(tb[IFLA_GENEVE_REMOTE6], &p))
			addr_text(&p, d->remote, sizeof(d->remote));
	}
}

static int dev_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct gns *s = data;
	struct gdev *grown, *d;
	const struct nlattr *a;
	uint8_t oper = IF_OPER_UNKNOWN;

	(void)c;
	if (!m->name)
		return 0;
	grown = realloc(s->d, (s->n + 1) * sizeof(*s->d));
	if (!grown)
		abort();
	s->d = grown;
	d = &s->d[s->n++];
	*d = (struct gdev){.index = m->ifi->ifi_index, .link_nsid = -1};
	snprintf(d->name, sizeof(d->name), "%s", m->name);
	snprintf(d->kind, sizeof(d->kind), "%s", m->kind ? m->kind : "");
	if ((a = m->tb[IFLA_OPERSTATE]) && mnl_attr_get_payload_len(a) >= 1)
		oper = mnl_attr_get_u8(a);
	snprintf(d->state, sizeof(d->state), "%s",
		 link_operstate_name(oper, d->state, sizeof(d->state)));
	d->master = link_u32(m, IFLA_MASTER);
	d->link = (int)link_u32(m, IFLA_LINK);
	if ((a = m->tb[IFLA_LINK_NETNSID]) && mnl_attr_get_payload_len(a) == 4)
		d->link_nsid = (int32_t)mnl_attr_get_u32(a);
	/* the same index in another namespace is another device */
	d->has_link = m->tb[IFLA_LINK] && d->link && (d->link != d->index || d->link_nsid >= 0);
	endpoints(d, m);
	return 0;
}

static int by_index(const void *a, const void *b)
{
	const struct gdev *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

/* The device of that index in s, or NULL (s->d is sorted by index once
 * read). */
static const struct gdev *dev_of(const struct gns *s, int index)
{
	struct gdev key = {.index = index};

	return s->n ? bsearch(&key, s->d, s->n, sizeof(*s->d), by_index) : NULL;
}

static int addr_cb(const struct nlmsghdr *nlh, void *data)
{
	struct gns *s = data;
	struct addr_msg m;
	const struct gdev *found;
	struct gdev *d;
	void *grown;
	char text[INET6_ADDRSTRLEN];

	if (nlh->nlmsg_type != RTM_NEWADDR)
		return MNL_CB_OK;
	addr_msg_parse(nlh, &m);
	if (!m.local || !addr_fits(&m, m.local) || !(found = dev_of(s, (int)m.ifa->ifa_index)))
		return MNL_CB_OK;
	d = &s->d[found - s->d];
	grown = realloc(d->addrs, (d->naddrs + 1) * sizeof(*d->addrs));
	if (!grown)
		abort();
	d->addrs = grown;
	addr_attr_text(m.ifa->ifa_family, m.local, text, sizeof(text));
	snprintf(d->addrs[d->naddrs++], ADDR_TEXT, "%s/%u", text, m.ifa->ifa_prefixlen);
	return MNL_CB_OK;
}

/* Devices and addresses, asked from inside s (wc's socket is opened there,
 * on its first request). */
static int ns_read_here(struct graph *g, struct gns *s, struct ctx *wc)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	int rc;

	if ((rc = link_walk(wc, NULL, dev_cb, s)) < 0)
		return rc;
	if (s->n > 1)
		qsort(s->d, s->n, sizeof(*s->d), by_index);
	/* each master's ports counted, so that the tree sizes its lines */
	for (size_t k = 0; k < s->n; k++) {
		const struct gdev *m = s->d[k].master ? dev_of(s, (int)s->d[k].master) : NULL;
		if (m)
			s->d[m - s->d].nports++;
	}
	nlh = nl_msg(buf, RTM_GETADDR, 0);
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = (uint8_t)g->c->family;
	return nl_dump(wc, nlh, addr_cb, s);
}

#define NSID_UNASKED (-2)

/* The nsids s gave the namespaces its devices' links point into, asked from
 * inside s.  The namespace of a device's peer holds a device of the peer's
 * index: only such namespaces are asked, until one has the nsid (with
 * hundreds of namespaces, asking s about every other would be a request
 * for each pair). */
static int ns_resolve_here(struct graph *g, struct gns *s, struct ctx *wc)
{
	for (size_t k = 0; k < s->n; k++) {
		const struct gdev *d = &s->d[k];
		for (size_t j = 0; d->link_nsid >= 0 && j < g->n; j++) {
			if (&g->ns[j] == s || !dev_of(&g->ns[j], d->link))
				continue;
			if (s->nsid[j] == NSID_UNASKED)
				s->nsid[j] = netns_nsid_of_fd(wc, g->ns[j].fd);
			if (s->nsid[j] == d->link_nsid)
				break;
		}
	}
	return 0;
}

typedef int (*inside_fn)(struct graph *g, struct gns *s, struct ctx *wc);

/* fn with a context whose socket is made inside s, then back to the caller's. */
static int ns_inside(struct graph *g, struct gns *s, inside_fn fn)
{
	/* the command's settings, none of its state (as monitor's views) */
	struct ctx wc = *g->c;
	int rc;

	wc.nl = NULL;
	wc.pipe = NULL;
	wc.delq = NULL;
	wc.nheld = 0;
	wc.names = NULL;
	/* the caller's is where vnetctl is: no need to enter it (nor the
	 * privilege) */
	if (s != &g->ns[0] && setns(s->fd, CLONE_NEWNET) < 0) {
		char step[NAME_MAX + 32];
		snprintf(step, sizeof(step), "entering namespace %s", ns_label(s));
		return netns_step_err(g->c, errno, step);
	}
	rc = fn(g, s, &wc);
	nl_close(&wc);
	if (s != &g->ns[0] && setns(g->ns[0].fd, CLONE_NEWNET) < 0)
		abort(); /* every later request would go to the wrong place */
	if (rc < 0) {
		memcpy(g->c->reason, wc.reason, sizeof(wc.reason));
		memcpy(g->c->hint, wc.hint, sizeof(wc.hint));
	}
	return rc;
}

/* Every namespace's devices, then where their links in other namespaces go
 * (once every namespace's devices are known). */
static int graph_read(struct graph *g)
{
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < g->n; i++)
		rc = ns_inside(g, &g->ns[i], ns_read_here);
	for (size_t i = 0; rc == 0 && i < g->n; i++) {
		struct gns *s = &g->ns[i];
		bool elsewhere = false;
		s->nsid = malloc(g->n * sizeof(*s->nsid));
		if (!s->nsid)
			abort();
		for (size_t j = 0; j < g->n; j++)
			s->nsid[j] = NSID_UNASKED;
		for (size_t k = 0; k < s->n; k++)
			elsewhere |= s->d[k].link_nsid >= 0;
		if (elsewhere)
			rc = ns_inside(g, s, ns_resolve_here);
	}
	return rc;
}

/* ---- what joins devices ------------------------------------------------------ */

/* The device d of namespace i points at with IFLA_LINK, when it is in a
 * namespace of the graph. */
static bool link_target(const struct graph *g, size_t i, const struct gdev *d, struct gref *r)
{
	size_t j = i;

	if (!d->has_link)
		return false;
	if (d->link_nsid >= 0)
		for (j = 0; j < g->n && g->ns[i].nsid[j] != d->link_nsid; j++)
			;
	if (j == g->n)
		return false;
	for (size_t k = 0; k < g->ns[j].n; k++)
		if (g->ns[j].d[k].index == d->link) {
			*r = (struct gref){j, k};
			return true;
		}
	return false;
}

static bool is_veth(const struct gdev *d)
{
	return !strcmp(d->kind, "veth");
}

enum edge_kind { E_VETH, E_MASTER, E_LOWER, E_N };
static const char *const edge_words[E_N] = {"veth", "master", "lower"};

/* Call fn for every edge once: a veth pair from the end that sorts first. */
typedef void (*edge_fn)(const struct graph *g, struct gref from, struct gref to,
			enum edge_kind kind, void *data);

static void edges_walk(const struct graph *g, edge_fn fn, void *data)
{
	for (size_t i = 0; i < g->n; i++)
		for (size_t k = 0; k < g->ns[i].n; k++) {
			const struct gdev *d = &g->ns[i].d[k];
			struct gref me = {i, k}, to;
			if (link_target(g, i, d, &to)) {
				if (!is_veth(d))
					fn(g, me, to, E_LOWER, data);
				else if (to.ns > i || (to.ns == i && to.dev > k))
					fn(g, me, to, E_VETH, data);
			}
			for (size_t m = 0; d->master && m < g->ns[i].n; m++)
				if (g->ns[i].d[m].index == (int)d->master)
					fn(g, me, (struct gref){i, m}, E_MASTER, data);
		}
}

static const struct gdev *dev_at(const struct graph *g, struct gref r)
{
	return &g->ns[r.ns].d[r.dev];
}

/* ---- JSON ------------------------------------------------------------------- */

static void json_ns_name(struct out *o, const char *key, const struct gns *s)
{
	if (s->name[0])
		out_str(o, OUT_JSON, key, "%s", s->name);
	else
		out_null(o, key);
}

static void json_end(struct out *o, const char *key, const struct graph *g, struct gref r)
{
	out_obj_open(o, key);
	json_ns_name(o, "netns", &g->ns[r.ns]);
	out_str(o, OUT_JSON, "ifname", "%s", dev_at(g, r)->name);
	out_obj_close(o);
}

static void json_edge(const struct graph *g, struct gref from, struct gref to, enum edge_kind kind,
		      void *data)
{
	struct out *o = data;

	out_obj_open(o, NULL);
	json_end(o, "from", g, from);
	json_end(o, "to", g, to);
	out_str(o, OUT_JSON, "kind", "%s", edge_words[kind]);
	out_obj_close(o);
}

static void json_dev(struct out *o, const struct graph *g, size_t i, const struct gdev *d)
{
	const struct gns *s = &g->ns[i];
	const struct gdev *m;
	struct gref r;

	out_obj_open(o, NULL);
	out_int(o, OUT_JSON, "ifindex", "%d", d->index);
	out_str(o, OUT_JSON, "ifname", "%s", d->name);
	if (d->kind[0])
		out_str(o, OUT_JSON, "kind", "%s", d->kind);
	out_str(o, OUT_JSON, "operstate", "%s", d->state);
	if (d->master && (m = dev_of(s, (int)d->master)))
		out_str(o, OUT_JSON, "master", "%s", m->name);
	if (d->has_link) {
		out_int(o, OUT_JSON, "link_index", "%d", d->link);
		if (d->link_nsid >= 0)
			out_int(o, OUT_JSON, "link_netnsid", "%d", d->link_nsid);
		if (link_target(g, i, d, &r)) {
			json_end(o, is_veth(d) ? "peer" : "lower", g, r);
		}
	}
	if (d->local[0])
		out_str(o, OUT_JSON, "local", "%s", d->local);
	if (d->remote[0])
		out_str(o, OUT_JSON, "remote", "%s", d->remote);
	out_list_open(o, "addresses");
	for (size_t a = 0; a < d->naddrs; a++)
		out_str(o, OUT_JSON, NULL, "%s", d->addrs[a]);
	out_list_close(o);
	out_obj_close(o);
}

static void print_json(struct out *o, const struct graph *g)
{
	out_obj_open(o, NULL);
	out_list_open(o, "namespaces");
	for (size_t i = 0; i < g->n; i++) {
		out_obj_open(o, NULL);
		json_ns_name(o, "name", &g->ns[i]);
		out_bool(o, OUT_JSON, "current", "", g->ns[i].current);
		out_list_open(o, "devices");
		for (size_t k = 0; k < g->ns[i].n; k++)
			json_dev(o, g, i, &g->ns[i].d[k]);
		out_list_close(o);
		out_obj_close(o);
	}
	out_list_close(o);
	out_list_open(o, "edges");
	edges_walk(g, json_edge, o);
	out_list_close(o);
	out_obj_close(o);
}

/* ---- the tree ----------------------------------------------------------------- */

/* One line under a device: its branch, then words (escaped by out_str). */
static void tree_branch(struct out *o, bool last_dev, bool last)
{
	out_text(o, "%s%s", last_dev ? "    " : "\u2502   ",
		 last ? "\u2514\u2500\u2500 " : "\u251c\u2500\u2500 ");
}

/* What a device's line has under it, in order. */
struct leaf {
	const char *word; /* "peer", "port", ... */
	const char *ns;	  /* the namespace before "/" (peer), or NULL */
	const char *name;
	char buf[48]; /* "if5 link-netnsid 3" */
};

static size_t dev_leaves(const struct graph *g, size_t i, const struct gdev *d, struct leaf *lv,
			 size_t max)
{
	const struct gns *s = &g->ns[i];
	const struct gdev *m;
	struct gref r;
	size_t n = 0;

	if (d->has_link && n < max) {
		lv[n] = (struct leaf){.word = is_veth(d) ? "peer" : "lower"};
		if (link_target(g, i, d, &r)) {
			lv[n].name = dev_at(g, r)->name;
			if (r.ns != i)
				lv[n].ns = ns_label(&g->ns[r.ns]);
		} else {
			/* as ip names a device it cannot see */
			if (d->link_nsid >= 0)
				snprintf(lv[n].buf, sizeof(lv[n].buf), "if%d link-netnsid %d",
					 d->link, d->link_nsid);
			else
				snprintf(lv[n].buf, sizeof(lv[n].buf), "if%d", d->link);
			lv[n].name = lv[n].buf;
		}
		n++;
	}
	if (d->master && (m = dev_of(s, (int)d->master)) && n < max)
		lv[n++] = (struct leaf){.word = "master", .name = m->name};
	for (size_t k = 0; d->nports && k < s->n && n < max; k++)
		if (s->d[k].master == (uint32_t)d->index)
			lv[n++] = (struct leaf){.word = "port", .name = s->d[k].name};
	if (d->local[0] && n < max)
		lv[n++] = (struct leaf){.word = "local", .name = d->local};
	if (d->remote[0] && n < max)
		lv[n++] = (struct leaf){.word = "remote", .name = d->remote};
	for (size_t a = 0; a < d->naddrs && n < max; a++)
		lv[n++] = (struct leaf){.word = strchr(d->addrs[a], ':') ? "inet6" : "inet",
					.name = d->addrs[a]};
	return n;
}

static void print_tree(struct ctx *c, const struct graph *g)
{
	struct out *o = c->out;

	for (size_t i = 0; i < g->n; i++) {
		const struct gns *s = &g->ns[i];
		out_str(o, OUT_TEXT, NULL, "%s", ns_label(s));
		if (s->current && s->name[0])
			out_text(o, " %s", current_label);
		out_nl(o);
		for (size_t k = 0; k < s->n; k++) {
			const struct gdev *d = &s->d[k];
			bool last_dev = k + 1 == s->n;
			/* peer or lower, master, local, remote: 4 at most */
			size_t max = 4 + d->nports + d->naddrs, nl;
			struct leaf *lv = calloc(max, sizeof(*lv));
			if (!lv)
				abort();
			out_text(o, "%s", last_dev ? "\u2514\u2500\u2500 " : "\u251c\u2500\u2500 ");
			out_strc(o, OUT_TEXT, COL_IFNAME, NULL, "%s", d->name);
			if (d->kind[0])
				out_str(o, OUT_TEXT, NULL, " %s", d->kind);
			out_str(o, OUT_TEXT, NULL, " %s", d->state);
			out_nl(o);
			nl = dev_leaves(g, i, d, lv, max);
			for (size_t l = 0; l < nl; l++) {
				tree_branch(o, last_dev, l + 1 == nl);
				out_text(o, "%s ", lv[l].word);
				if (lv[l].ns)
					out_str(o, OUT_TEXT, NULL, "%s/", lv[l].ns);
				out_str(o, OUT_TEXT, NULL, "%s", lv[l].name);
				out_nl(o);
			}
			free(lv);
		}
	}
}

/* ---- DOT ---------------------------------------------------------------------- */

/* s escaped for the terminal (text_escape), then as a DOT string's body:
 * a quote and a backslash escaped. */
static void dot_str(struct out *o, const char *s)
{
	size_t need = 4 * strlen(s) + 1;
	char *esc = malloc(need), *p;

	if (!esc)
		abort();
	text_escape(esc, need, s);
	for (p = esc; *p; p++)
		out_text(o, "%s%c", (*p == '"' || *p == '\\') ? "\\" : "", *p);
	free(esc);
}

static void dot_node_id(struct out *o, struct gref r, const struct graph *g)
{
	out_text(o, "\"n%zu_%d\"", r.ns, dev_at(g, r)->index);
}

static const char *const edge_styles[E_N] = {
    [E_VETH] = "dir=none, penwidth=2",
    [E_MASTER] = "style=dashed",
    [E_LOWER] = "style=dotted",
};

static void dot_edge(const struct graph *g, struct gref from, struct gref to, enum edge_kind kind,
		     void *data)
{
	struct out *o = data;

	out_text(o, "\t");
	dot_node_id(o, from, g);
	out_text(o, " -> ");
	dot_node_id(o, to, g);
	out_text(o, " [label=\"%s\", %s];\n", edge_words[kind], edge_styles[kind]);
}

static void print_dot(struct out *o, const struct graph *g)
{
	out_text(o, "digraph vnetctl {\n\tnode [shape=box];\n");
	for (size_t i = 0; i < g->n; i++) {
		const struct gns *s = &g->ns[i];
		out_text(o, "\tsubgraph \"cluster_%zu\" {\n\t\tlabel=\"", i);
		dot_str(o, ns_label(s));
		out_text(o, "\";\n");
		for (size_t k = 0; k < s->n; k++) {
			const struct gdev *d = &s->d[k];
			out_text(o, "\t\t");
			dot_node_id(o, (struct gref){i, k}, g);
			out_text(o, " [label=\"");
			dot_str(o, d->name);
			out_text(o, "\\n%s%s%s", d->kind, d->kind[0] ? " " : "", d->state);
			if (d->local[0] || d->remote[0])
				out_text(o, "\\n%s -> %s", d->local[0] ? d->local : "any",
					 d->remote[0] ? d->remote : "any");
			for (size_t a = 0; a < d->naddrs; a++)
				out_text(o, "\\n%s", d->addrs[a]);
			out_text(o, "\"];\n");
		}
		out_text(o, "\t}\n");
	}
	edges_walk(g, dot_edge, o);
	out_text(o, "}\n");
}

/* ---- the verb ------------------------------------------------------------------- */

static int graph_run(struct ctx *c, const struct val *v)
{
	struct graph g = {.c = c};
	bool dot = v[G_DOT].set;
	int rc;

	if (dot && ctx_json(c))
		return err_usage(c, "-j and %s exclude each other", graph_args[G_DOT].kw);
	/* a batch's lines before it take effect first */
	if ((rc = nl_barrier(c)) == 0)
		rc = ns_list(&g);
	if (rc == 0)
		rc = graph_read(&g);
	if (rc == 0 && ctx_json(c))
		print_json(c->out, &g);
	else if (rc == 0 && dot)
		print_dot(c->out, &g);
	else if (rc == 0)
		print_tree(c, &g);
	graph_free(&g);
	return rc;
}

VNETCTL_OBJECT_WORDS(graph, graph_run, graph_args,
		     "every namespace, its devices and what joins them: a tree, or Graphviz DOT",
		     "the whole virtual network, across namespaces, drawn");
