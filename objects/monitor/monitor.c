// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * monitor: the kernel's events as they happen, as `ip monitor` prints them:
 * devices, addresses, routes, neighbours and namespace ids, each printed by
 * its object's own printer, "Deleted " before what went away.  One line of
 * text an event (two for a device or an address, as ip), or one JSON object
 * a line with -j.
 *
 * The verbs are the objects watched (ip's grammar: `monitor link addr`,
 * `monitor all-nsid`): the verb is the first word and every verb takes the
 * others as words, so any order reads the same.
 *
 * With all-nsid the events of every namespace this one has an nsid for come
 * too (NETLINK_LISTEN_ALL_NSID), and with --all-netns those of every
 * namespace named under /run/netns, nsid or not, through a socket in each
 * (monitor_ns.c says why).  Such an event names its devices by index in its
 * own namespace: where /run/netns has a name for it, a socket made inside
 * it answers the printers' questions, so the names are that namespace's,
 * not this one's.
 *
 * It runs until interrupted, as netns monitor: standalone, Ctrl-C ends the
 * process; in a batch or the shell their handler makes the wait end (EINTR)
 * and the command returns.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/neighbour.h>
#include <linux/fib_rules.h>
#include <linux/net_namespace.h>
#include <linux/netconf.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "core.h"
#include "ifnames.h"
#include "link.h"
#include "monitor.h"
#include "neigh.h"
#include "netconf.h"
#include "netnsutil.h"
#include "nl.h"
#include "out.h"
#include "route.h"
#include "rule.h"

/* ---- the words ------------------------------------------------------------ */

enum mon_arg {
	M_LINK,
	M_ADDR,
	M_ROUTE,
	M_NEIGH,
	M_NETNS,
	M_RULE,
	M_NETCONF,
	M_ALL,
	M_ALLNSID,
	M_ALLNETNS,
	M_LABEL,
	M_FILE,
	M_DEV,
	M_NARGS
};

/* The objects watched: the first M_ALL words, each a bit. */
#define OBJ_ALL ((1u << M_ALL) - 1)

static const struct arg monitor_args[M_NARGS] = {
    [M_LINK] = {.kw = "link", .kind = ARG_FLAG, .help = "devices made, changed and deleted"},
    [M_ADDR] = {.kw = "addr",
		.alias = "address",
		.kind = ARG_FLAG,
		.help = "addresses added and deleted"},
    [M_ROUTE] = {.kw = "route", .kind = ARG_FLAG, .help = "routes added and deleted"},
    [M_NEIGH] = {.kw = "neigh", .kind = ARG_FLAG, .help = "neighbour entries"},
    [M_NETNS] = {.kw = "netns",
		 .alias = "nsid",
		 .kind = ARG_FLAG,
		 .help = "namespace ids given and taken back"},
    [M_RULE] = {.kw = "rule", .kind = ARG_FLAG, .help = "policy routing rules added and deleted"},
    [M_NETCONF] = {.kw = "netconf",
		   .kind = ARG_FLAG,
		   .help = "devices' IP settings changed (forwarding, rp_filter...)"},
    [M_ALL] = {.kw = "all", .kind = ARG_FLAG, .help = "every object above (the default)"},
    [M_ALLNSID] = {.kw = "all-nsid",
		   .kind = ARG_FLAG,
		   .help = "the events of every namespace this one has an nsid for too"},
    [M_ALLNETNS] = {.kw = "--all-netns",
		    .kind = ARG_FLAG,
		    .flags = ARGF_NOT_IP,
		    .excludes = M_ALLNSID + 1,
		    .help = "the events of every namespace named in /run/netns too, nsid or not"},
    [M_LABEL] = {.kw = "label",
		 .kind = ARG_FLAG,
		 .help = "each event begins with its object: [LINK], [ADDR]..."},
    [M_FILE] = {.kw = "file",
		.kind = ARG_STRING,
		.metavar = "FILE",
		.help = "print the events saved in FILE (by rtmon) instead, every object's, "
			"and the time each was saved"},
    [M_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .help = "only the device's own events: its link, addresses, routes out "
		       "through it and neighbours (named once, not on each line)"},
};

/* ip's banners (`label`), and the JSON key of each object's record. */
static const struct {
	const char *banner, *key;
} objects[M_ALL] = {
    [M_LINK] = {"[LINK]", "link"},	    [M_ADDR] = {"[ADDR]", "addr"},
    [M_ROUTE] = {"[ROUTE]", "route"},	    [M_NEIGH] = {"[NEIGH]", "neigh"},
    [M_NETNS] = {"[NSID]", "netnsid"},	    [M_RULE] = {"[RULE]", "rule"},
    [M_NETCONF] = {"[NETCONF]", "netconf"},
};

/* ---- the namespaces events come from ---------------------------------------- */

/* The name an nsid had when it was given: once taken back (its namespace
 * gone), no lookup finds it, and ip still names it. */
struct nsid_name {
	unsigned where; /* the view the nsid is of */
	int nsid;
	char name[NAME_MAX + 1];
};

/* A device's name as its link event gives it. */
static void names_note(struct ifnames *t, const struct nlmsghdr *nlh)
{
	struct link_msg m;

	if (link_msg_parse(nlh, &m) < 0 || !m.name)
		return;
	if (ifnames_set(t, m.ifi->ifi_index, m.name) < 0)
		abort();
}

/* ---- one event ------------------------------------------------------------ */

/* -t: "Timestamp: Sun Nov 29 19:03:21 2026 345959 usec" on a line of its
 * own; -ts: "[2026-11-29T19:03:21.345867] " before the event, as ip; JSON:
 * "timestamp" in the short form.  The time is the event's reading. */
static void print_time(struct ctx *c)
{
	struct timeval tv;
	struct tm tm;
	char when[64], full[96];

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(full, sizeof(full), "%s.%06ld", when, (long)tv.tv_usec);
	out_str(c->out, OUT_JSON, "timestamp", "%s", full);
	if (c->flags & CTX_TSHORT) {
		out_str(c->out, OUT_TEXT, NULL, "[%s] ", full);
		return;
	}
	/* asctime's form, without its newline */
	strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", &tm);
	out_text(c->out, "Timestamp: %s %ld usec\n", when, (long)tv.tv_usec);
}

/* What comes before the record: the time, where it happened, the banner,
 * and "Deleted ". */
static void print_head(struct monitor *mon, struct view *w, int obj, bool deleted)
{
	struct ctx *c = mon->c;

	out_obj_open(c->out, NULL);
	if (mon->saved_time[0]) {
		out_str(c->out, OUT_JSON, "timestamp", "%s", mon->saved_time);
		mon->saved_time[0] = '\0';
	}
	if (c->flags & CTX_TSTAMP)
		print_time(c);
	/* --all-netns: "[netns NAME]" alone for a namespace with no nsid */
	if ((mon->all_nsid || mon->all_netns) && w->home)
		out_text(c->out, "[nsid current]");
	if ((mon->all_nsid || mon->all_netns) && !w->home) {
		if (view_nsid(w) >= 0)
			out_int(c->out, OUT_ANY, "nsid", "[nsid %d]", w->nsid);
		if (w->name[0])
			out_str(c->out, OUT_ANY, "netns", "[netns %s]", w->name);
	}
	if (mon->label)
		out_text(c->out, "%s", objects[obj].banner);
	out_str(c->out, OUT_JSON, "event", "%s", objects[obj].key);
	out_bool(c->out, OUT_ANY, "deleted", "Deleted ", deleted);
	out_list_open(c->out, objects[obj].key);
}

static void print_tail(struct monitor *mon)
{
	out_list_close(mon->c->out);
	out_obj_close(mon->c->out);
	fflush(stdout); /* whoever reads it sees each event as it happens */
}

static void print_link(struct view *w, const struct nlmsghdr *nlh)
{
	struct link_msg m;

	if (link_msg_parse(nlh, &m) < 0)
		return;
	/* ip's events leave out the mode and the queue's length */
	if (ctx_iproute2(&w->c))
		m.tb[IFLA_LINKMODE] = m.tb[IFLA_TXQLEN] = NULL;
	link_print_open(&w->c, &m);
	link_print_tail(&w->c, &m);
	link_print_close(&w->c);
}

/* "3: va    inet 10.9.0.1/24 scope global va" and the lifetimes, as ip; in
 * JSON the device and its "addr_info" list, as addr show. */
static void print_addr(struct view *w, const struct nlmsghdr *nlh)
{
	struct ctx *c = &w->c;
	struct addr_msg m;
	char name[IFNAMSIZ + 16];

	addr_msg_parse(nlh, &m);
	if (!m.local || !addr_fits(&m, m.local))
		return;
	out_obj_open(c->out, NULL);
	out_uint(c->out, OUT_ANY, "ifindex", "%u: ", m.ifa->ifa_index);
	out_strc(c->out, OUT_ANY, COL_IFNAME, "ifname", "%s",
		 ifnames_get(view_names(w), (int)m.ifa->ifa_index, name, sizeof(name)));
	out_list_open(c->out, "addr_info");
	addr_print(c, &m);
	out_list_close(c->out);
	out_obj_close(c->out);
}

static void print_route(struct view *w, const struct nlmsghdr *nlh, bool hide_dev)
{
	struct route_msg m;

	route_msg_parse(nlh, &m);
	route_print(&(struct route_print){.c = &w->c,
					  .names = view_names(w),
					  .all_tables = true,
					  .hide = hide_dev ? ROUTE_HIDE_DEV : 0},
		    &m);
}

/* dev: whether the event is the device's (rules and nsids are no
 * device's: they all come, as with ip). */
static bool event_on_dev(int obj, const struct nlmsghdr *nlh, int ifindex)
{
	const void *p = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[RTA_MAX + 1];

	switch (obj) {
	case M_LINK:
		return ((const struct ifinfomsg *)p)->ifi_index == ifindex;
	case M_ADDR:
		return (int)((const struct ifaddrmsg *)p)->ifa_index == ifindex;
	case M_NEIGH:
		return ((const struct ndmsg *)p)->ndm_ifindex == ifindex;
	case M_ROUTE:
		nl_parse(nlh, sizeof(struct rtmsg), tb, RTA_MAX);
		return tb[RTA_OIF] && mnl_attr_get_payload_len(tb[RTA_OIF]) == 4 &&
		       (int)mnl_attr_get_u32(tb[RTA_OIF]) == ifindex;
	}
	return true;
}

static bool neigh_printable(const struct nlmsghdr *nlh)
{
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NDA_MAX + 1];

	/* the bridge's fdb comes on the same group: bridge fdb's, not ours */
	if (ndm->ndm_family != AF_INET && ndm->ndm_family != AF_INET6)
		return false;
	nl_parse(nlh, sizeof(*ndm), tb, NDA_MAX);
	return tb[NDA_DST] &&
	       mnl_attr_get_payload_len(tb[NDA_DST]) == (ndm->ndm_family == AF_INET ? 4 : 16);
}

static struct nsid_name *nsid_name_slot(struct monitor *mon, unsigned where, int nsid, bool add)
{
	struct nsid_name *grown;

	for (size_t i = 0; i < mon->nnames; i++)
		if (mon->names[i].where == where && mon->names[i].nsid == nsid)
			return &mon->names[i];
	if (!add)
		return NULL;
	grown = realloc(mon->names, (mon->nnames + 1) * sizeof(*grown));
	if (!grown)
		abort();
	mon->names = grown;
	grown[mon->nnames] = (struct nsid_name){.where = where, .nsid = nsid};
	return &grown[mon->nnames++];
}

/* The name of nsid as the view knows it: asked, or as it was when given. */
static const char *nsid_name(struct monitor *mon, struct view *w, int nsid, char *buf, size_t sz)
{
	struct nsid_name *known;

	/* the name is asked where the id is: this namespace, or the view's */
	if ((w->home || w->c.nl) && netns_name_of_nsid(w->home ? mon->c : &w->c, nsid, buf, sz)) {
		known = nsid_name_slot(mon, w->id, nsid, true);
		snprintf(known->name, sizeof(known->name), "%s", buf);
		return buf;
	}
	known = nsid_name_slot(mon, w->id, nsid, false);
	if (!known)
		return NULL;
	snprintf(buf, sz, "%s", known->name);
	return buf;
}

/* "nsid 7 (iproute2 netns name: m2)", as ip prints it. */
static void print_nsid(struct monitor *mon, struct view *w, const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[NETNSA_MAX + 1];
	struct out *o = mon->c->out;
	char name[NAME_MAX + 1];
	int nsid;

	nl_parse(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX);
	out_obj_open(o, NULL);
	if (!tb[NETNSA_NSID] || mnl_attr_get_payload_len(tb[NETNSA_NSID]) != sizeof(int32_t)) {
		out_text(o, "nsid unassigned");
	} else {
		nsid = (int32_t)mnl_attr_get_u32(tb[NETNSA_NSID]);
		out_int(o, OUT_ANY, "nsid", "nsid %d", nsid);
		if (nsid_name(mon, w, nsid, name, sizeof(name)))
			out_str(o, OUT_ANY, "name", " (iproute2 netns name: %s)", name);
	}
	out_nl(o);
	out_obj_close(o);
}

/* A netconf event, its device named as the view names it. */
static void print_netconf(struct view *w, const struct nlmsghdr *nlh)
{
	const struct netconfmsg *ncm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NETCONFA_MAX + 1];
	char name[IFNAMSIZ + 16];
	int index = 0;

	nl_parse(nlh, sizeof(*ncm), tb, NETCONFA_MAX);
	if (tb[NETCONFA_IFINDEX] && mnl_attr_get_payload_len(tb[NETCONFA_IFINDEX]) == 4)
		index = (int)mnl_attr_get_u32(tb[NETCONFA_IFINDEX]);
	netconf_print_event(&w->c, nlh, index > 0 ? view_name(w, index, name, sizeof(name)) : NULL);
}

/* The devices an address, neighbour or route event names, known before it
 * prints: one made while link events were not watched is asked of the
 * kernel (view_name), as ip asks. */
static void event_names(struct view *w, int obj, const struct nlmsghdr *nlh)
{
	const void *p = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	char buf[IFNAMSIZ + 16];

	if (obj == M_ADDR)
		view_name(w, (int)((const struct ifaddrmsg *)p)->ifa_index, buf, sizeof(buf));
	else if (obj == M_NEIGH)
		view_name(w, ((const struct ndmsg *)p)->ndm_ifindex, buf, sizeof(buf));
	else if (obj == M_ROUTE) {
		mnl_attr_for_each(a, nlh, sizeof(struct rtmsg))
		{
			int t = mnl_attr_get_type(a);

			if ((t == RTA_OIF || t == RTA_IIF) && mnl_attr_get_payload_len(a) == 4)
				view_name(w, (int)mnl_attr_get_u32(a), buf, sizeof(buf));
		}
	}
}

/* The object an event is of and whether it is a deletion; -1 for none. */
static int event_object(uint16_t type, size_t *hdrlen, bool *deleted)
{
	static const struct {
		uint16_t add, del;
		int obj;
		size_t hdrlen;
	} kinds[] = {
	    {RTM_NEWLINK, RTM_DELLINK, M_LINK, sizeof(struct ifinfomsg)},
	    {RTM_NEWADDR, RTM_DELADDR, M_ADDR, sizeof(struct ifaddrmsg)},
	    {RTM_NEWROUTE, RTM_DELROUTE, M_ROUTE, sizeof(struct rtmsg)},
	    {RTM_NEWNEIGH, RTM_DELNEIGH, M_NEIGH, sizeof(struct ndmsg)},
	    {RTM_NEWNSID, RTM_DELNSID, M_NETNS, sizeof(struct rtgenmsg)},
	    {RTM_NEWRULE, RTM_DELRULE, M_RULE, sizeof(struct fib_rule_hdr)},
	    {RTM_NEWNETCONF, RTM_DELNETCONF, M_NETCONF, sizeof(struct netconfmsg)},
	};

	for (size_t i = 0; i < ARRAY_SIZE(kinds); i++) {
		if (type != kinds[i].add && type != kinds[i].del)
			continue;
		*hdrlen = kinds[i].hdrlen;
		*deleted = type == kinds[i].del;
		return kinds[i].obj;
	}
	return -1;
}

/* An event of view w's namespace (NULL: the nsid's, made when needed). */
static void event_in(struct monitor *mon, struct view *w, int nsid, const struct nlmsghdr *nlh)
{
	size_t hdrlen;
	bool deleted;
	int obj = event_object(nlh->nlmsg_type, &hdrlen, &deleted);

	if (obj < 0 || mnl_nlmsg_get_payload_len(nlh) < hdrlen)
		return;
	if (!w)
		w = view_of(mon, nsid);
	if (obj == M_NETNS && w->home && mon->all_netns)
		views_renumber(mon); /* an nsid given or taken back here */
	if (obj == M_LINK) {
		const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
		/* a bridge port's own record (AF_BRIDGE) is bridge's */
		if (ifi->ifi_family != AF_UNSPEC)
			return;
		names_note(&w->names, nlh);
	}
	if (!(mon->objects & (1u << obj)) || (obj == M_NEIGH && !neigh_printable(nlh)) ||
	    (mon->ifindex && !event_on_dev(obj, nlh, mon->ifindex)))
		return;
	event_names(w, obj, nlh);
	print_head(mon, w, obj, deleted);
	switch (obj) {
	case M_LINK:
		print_link(w, nlh);
		break;
	case M_ADDR:
		print_addr(w, nlh);
		break;
	case M_ROUTE:
		print_route(w, nlh, mon->ifindex != 0);
		break;
	case M_NEIGH:
		neigh_print(&w->c, mon->ifindex ? NULL : view_names(w), nlh);
		break;
	case M_NETNS:
		print_nsid(mon, w, nlh);
		break;
	case M_RULE:
		rule_print_msg(&w->c, nlh);
		break;
	case M_NETCONF:
		print_netconf(w, nlh);
		break;
	}
	print_tail(mon);
}

static int on_event(const struct nlmsghdr *nlh, int nsid, void *data)
{
	event_in(data, NULL, nsid, nlh);
	return 0;
}

/* ---- the verb ---------------------------------------------------------------- */

/* The rtnetlink groups of the objects watched (-4 / -6 leave the other
 * family's addresses and routes out). */
static size_t monitor_groups(const struct monitor *mon, int family, unsigned *g)
{
	size_t n = 0;

	if (mon->objects & (1u << M_LINK))
		g[n++] = RTNLGRP_LINK;
	if ((mon->objects & (1u << M_ADDR)) && family != AF_INET6)
		g[n++] = RTNLGRP_IPV4_IFADDR;
	if ((mon->objects & (1u << M_ADDR)) && family != AF_INET)
		g[n++] = RTNLGRP_IPV6_IFADDR;
	if ((mon->objects & (1u << M_ROUTE)) && family != AF_INET6)
		g[n++] = RTNLGRP_IPV4_ROUTE;
	if ((mon->objects & (1u << M_ROUTE)) && family != AF_INET)
		g[n++] = RTNLGRP_IPV6_ROUTE;
	if (mon->objects & (1u << M_NEIGH))
		g[n++] = RTNLGRP_NEIGH;
	/* --all-netns: this namespace's nsids say when the labels change */
	if ((mon->objects & (1u << M_NETNS)) || mon->all_netns)
		g[n++] = RTNLGRP_NSID;
	if ((mon->objects & (1u << M_NETCONF)) && family != AF_INET6)
		g[n++] = RTNLGRP_IPV4_NETCONF;
	if ((mon->objects & (1u << M_NETCONF)) && family != AF_INET)
		g[n++] = RTNLGRP_IPV6_NETCONF;
	if ((mon->objects & (1u << M_RULE)) && family != AF_INET6)
		g[n++] = RTNLGRP_IPV4_RULE;
	if ((mon->objects & (1u << M_RULE)) && family != AF_INET)
		g[n++] = RTNLGRP_IPV6_RULE;
	return n;
}

/* The message rtmon saves an event's time in (iproute2's NLMSG_TSTAMP). */
#define SAVED_TSTAMP 15

/* A saved event's time (rtmon's NLMSG_TSTAMP: seconds and microseconds),
 * as ip prints it; in JSON, the next event's "timestamp" (as -t's). */
static void print_saved_time(struct monitor *mon, const struct nlmsghdr *nlh)
{
	const uint32_t *t = mnl_nlmsg_get_payload(nlh);
	time_t secs;
	struct tm tm;
	char when[32];

	if (mnl_nlmsg_get_payload_len(nlh) < 2 * sizeof(*t))
		return;
	secs = (time_t)t[0];
	localtime_r(&secs, &tm);
	if (ctx_json(mon->c)) {
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
		snprintf(mon->saved_time, sizeof(mon->saved_time), "%s.%06u", when, t[1]);
		return;
	}
	strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", &tm);
	out_text(mon->c->out, "Timestamp: %s %u us\n", when, t[1]);
}

/* The events rtmon saved in the file: netlink messages one after the
 * other, each at its aligned length; every object's is printed (ip reads
 * no words then), the devices named as their own events name them. */
static int monitor_file(struct monitor *mon, const char *path)
{
	struct ctx *c = mon->c;
	struct nlmsghdr *nlh;
	char *buf = NULL;
	size_t len = 0, off = 0;
	FILE *f = fopen(path, "re");
	int rc = 0;

	if (!f && ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_USAGE, "Cannot fopen: %s", strerror(errno));
	if (!f)
		return err_errno(c, errno, "opening %s", path);
	if (!(buf = malloc(1 << 16)))
		abort();
	for (size_t got; (got = fread(buf + len, 1, (1 << 16), f)) > 0;) {
		char *grown;

		len += got;
		if (!(grown = realloc(buf, len + (1 << 16))))
			abort();
		buf = grown;
	}
	if (ferror(f))
		rc = err_errno(c, EIO, "reading %s", path);
	fclose(f);
	mon->objects = OBJ_ALL | 1u << M_RULE;
	view_of(mon, -1)->stale = false;
	while (rc == 0 && len - off >= sizeof(*nlh)) {
		nlh = (struct nlmsghdr *)(buf + off);
		if (nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > len - off) {
			rc = err_fail(c, "%s: a message is cut short at byte %zu", path, off);
			break;
		}
		if (nlh->nlmsg_type == SAVED_TSTAMP)
			print_saved_time(mon, nlh);
		else
			on_event(nlh, -1, mon);
		off += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	fflush(stdout);
	free(buf);
	return rc;
}

static int monitor_go(struct ctx *c, const struct val *v)
{
	struct monitor mon = {.c = c, .self_fd = -1};
	struct nl_listen *l = NULL;
	unsigned groups[12];
	size_t ngroups;
	sigset_t stop, old;
	int rc;

	for (int i = 0; i < M_ALL; i++)
		if (v[i].set)
			mon.objects |= 1u << i;
	if (!mon.objects || v[M_ALL].set)
		mon.objects = OBJ_ALL;
	mon.all_nsid = v[M_ALLNSID].set;
	mon.all_netns = v[M_ALLNETNS].set;
	/* ip's `all` labels each event, as label does */
	mon.label = v[M_LABEL].set || (v[M_ALL].set && ctx_iproute2(c));
	if (v[M_DEV].set && (mon.ifindex = link_index(c, v[M_DEV].str)) < 0) {
		if (mon.ifindex != -ENODEV || !ctx_iproute2(c))
			return mon.ifindex;
		memset(&c->refused, 0, sizeof(c->refused));
		return err_iproute2(c, VN_EIP_USAGE,
				    "Error: argument \"%s\" is wrong: Device does not exist",
				    v[M_DEV].str);
	}
	if (ctx_dryrun(c))
		return 0; /* nothing to send: a monitor only listens */
	if (v[M_FILE].set) {
		rc = monitor_file(&mon, v[M_FILE].str);
		views_free(&mon);
		return rc;
	}
	/* a batch's lines before it take effect first */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	if ((mon.all_nsid || mon.all_netns) &&
	    (mon.self_fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) < 0)
		return err_errno(c, errno, "opening /proc/self/ns/net");
	ngroups = monitor_groups(&mon, c->family, groups);
	/* a signal that ends the monitor comes in only while it waits
	 * (mon_listen): a names' dump is read whole, its receiver thread
	 * joined, not cut off */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	sigprocmask(SIG_BLOCK, &stop, &old);
	if (mon.all_netns)
		rc = mon_netns_open(&mon, groups, ngroups);
	if (rc == 0)
		rc = nl_listen_open(c, groups, ngroups, mon.all_nsid, &l);
	/* this namespace's names once listening: a device made meanwhile has
	 * its event */
	if (rc == 0) {
		view_names(view_of(&mon, -1));
		rc = mon_listen(&mon, l, event_in, &old);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	mon_netns_close(&mon);
	nl_listen_close(l);
	views_free(&mon);
	free(mon.names);
	if (mon.self_fd >= 0)
		close(mon.self_fd);
	return rc;
}

/* ip monitors in text only, live or from a file, -j or not. */
static int monitor_run(struct ctx *c, const struct val *v)
{
	struct out *json = c->out;
	unsigned flags = c->flags;
	int rc;

	if (!ctx_iproute2(c) || !ctx_json(c))
		return monitor_go(c, v);
	c->out = out_new(stdout, false, false, flags & CTX_COLOR);
	c->flags &= ~(unsigned)CTX_JSON;
	rc = monitor_go(c, v);
	out_free(c->out);
	c->out = json;
	c->flags = flags;
	return rc;
}

/* -echo (nl.h): a change the kernel echoed, printed as its event. */
static void echo_event(struct ctx *c, const struct nlmsghdr *nlh)
{
	struct monitor mon = {.c = c, .objects = OBJ_ALL, .self_fd = -1};

	on_event(nlh, -1, &mon);
	views_free(&mon);
	free(mon.names);
}

static void __attribute__((constructor)) echo_register(void)
{
	nl_echo_register(echo_event);
}

VNETCTL_OBJECT_WORDS(monitor, monitor_run, monitor_args,
		     "the events of the objects named (every one without), in any order",
		     "the kernel's events as they happen, as ip monitor");
