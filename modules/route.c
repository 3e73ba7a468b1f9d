// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * route: IPv4 and IPv6 unicast routes, as `ip route` handles them.
 *
 * A route's family comes from what was typed: the prefix, else the gateway
 * (so `default via 2001:db8::1` is an IPv6 default), else -6, else IPv4.
 * show asks the kernel for one table only (strict dump checking filters it
 * there) and filters again here for kernels that ignore the request.
 */
#include <errno.h>
#include <linux/if.h>
#include <linux/icmpv6.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "kind.h"
#include "link.h"
#include "nl.h"
#include "rtnames.h"
#include "out.h"

/* ---- the arguments ------------------------------------------------------ */

/* add and del share one table; show has its own. */
enum { R_DST, R_VIA, R_DEV, R_METRIC, R_TABLE };
enum { S_TABLE, S_DEV, S_VRF };

/* The table and the device mean the same to every verb. */
#define ARG_TABLE_ENTRY(h)                                                                         \
	{                                                                                          \
		.kw = "table", .kind = ARG_STRING, .metavar = "TABLE", .help = (h)                 \
	}
#define ARG_DEV_ENTRY(h)                                                                           \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .metavar = "NAME", .help = (h)                    \
	}

static const struct arg route_args[] = {
    [R_DST] = {.kw = "to",
	       .kind = ARG_PREFIX,
	       .flags = ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT | ARGF_DEFAULT,
	       .metavar = "PREFIX",
	       .help = "the destination, ADDR[/PLEN] or default (the keyword may be left out)"},
    [R_VIA] = {.kw = "via", .kind = ARG_ADDR, .metavar = "GW", .help = "the next hop's address"},
    [R_DEV] = ARG_DEV_ENTRY("the device the route leaves through"),
    [R_METRIC] = {.kw = "metric",
		  .kind = ARG_U32,
		  .metavar = "N",
		  .help = "the route's priority: the lowest metric wins"},
    [R_TABLE] = ARG_TABLE_ENTRY("a table number, main, local or default (main when left out)"),
};

static const struct arg show_args[] = {
    [S_TABLE] = ARG_TABLE_ENTRY("a table number, main, local, default or all (main when left "
				"out)"),
    [S_DEV] = ARG_DEV_ENTRY("only routes through this device"),
    [S_VRF] = {.kw = "vrf",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .live_kind = "vrf",
	       .excludes = S_TABLE + 1,
	       .help = "the routes of that vrf's table"},
};

/* ---- names the kernel's numbers print as -------------------------------- */

/* A table id that means "any table" to show. */
#define TABLE_ALL 0

/* The tables with names, as in iproute2's rt_tables; the same words are
 * read and printed. */
static const char *const table_words[256] = {
    [RT_TABLE_DEFAULT] = "default",
    [RT_TABLE_MAIN] = "main",
    [RT_TABLE_LOCAL] = "local",
};
static const char table_all_word[] = "all";

static const char *const type_words[] = {
    [RTN_UNSPEC] = "none",
    [RTN_UNICAST] = "unicast",
    [RTN_LOCAL] = "local",
    [RTN_BROADCAST] = "broadcast",
    [RTN_ANYCAST] = "anycast",
    [RTN_MULTICAST] = "multicast",
    [RTN_BLACKHOLE] = "blackhole",
    [RTN_UNREACHABLE] = "unreachable",
    [RTN_PROHIBIT] = "prohibit",
    [RTN_THROW] = "throw",
    [RTN_NAT] = "nat",
    [RTN_XRESOLVE] = "xresolve",
};

/* As iproute2 names them (its rt_protos file). */
static const char *const proto_words[256] = {
    [RTPROT_UNSPEC] = "unspec",
    [RTPROT_REDIRECT] = "redirect",
    [RTPROT_KERNEL] = "kernel",
    [RTPROT_BOOT] = "boot",
    [RTPROT_STATIC] = "static",
    [RTPROT_GATED] = "gated",
    [RTPROT_RA] = "ra",
    [RTPROT_MRT] = "mrt",
    [RTPROT_ZEBRA] = "zebra",
    [RTPROT_BIRD] = "bird",
    [RTPROT_DNROUTED] = "dnrouted",
    [RTPROT_XORP] = "xorp",
    [RTPROT_NTK] = "ntk",
    [RTPROT_DHCP] = "dhcp",
    [RTPROT_MROUTED] = "mrouted",
    [RTPROT_KEEPALIVED] = "keepalived",
    [RTPROT_BABEL] = "babel",
    [RTPROT_BGP] = "bgp",
    [RTPROT_ISIS] = "isis",
    [RTPROT_OSPF] = "ospf",
    [RTPROT_RIP] = "rip",
    [RTPROT_EIGRP] = "eigrp",
};

/* A word from a table of names, or the number when it has none. */
static const char *id_word(const char *const *words, size_t n, uint32_t id, char *buf, size_t sz)
{
	if (id < n && words[id])
		return words[id];
	snprintf(buf, sz, "%u", id);
	return buf;
}

static const char *family_word(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

static size_t family_addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* TABLE as typed: a name, or a number from 1 on; "all" (0) when allowed. */
static int table_parse(struct ctx *c, const char *s, bool allow_all, uint32_t *id)
{
	for (uint32_t i = 0; i < ARRAY_SIZE(table_words); i++) {
		if (table_words[i] && !strcmp(s, table_words[i])) {
			*id = i;
			return 0;
		}
	}
	if (allow_all && !strcmp(s, table_all_word)) {
		*id = TABLE_ALL;
		return 0;
	}
	if (parse_u32(s, id) < 0 || *id == 0)
		return err_usage(c,
				 "invalid table \"%s\" (a number from 1, main, local, default%s)",
				 s, allow_all ? " or all" : "");
	return 0;
}

/* ---- add and del -------------------------------------------------------- */

struct route_req {
	int family;
	uint32_t table;
	int oif; /* 0: none given */
};

/* The family of the route, and the mistakes the parser cannot see, caught
 * before anything is sent. */
static int route_check(struct ctx *c, const struct val *v, struct route_req *r)
{
	const struct inet_prefix *dst = &v[R_DST].ip, *gw = &v[R_VIA].ip;
	int rc;

	r->family = dst->family;
	if (v[R_VIA].set && r->family != AF_UNSPEC && gw->family != r->family)
		return err_usage(c, "%s %s is %s but %s is %s", route_args[R_VIA].kw, v[R_VIA].str,
				 family_word(gw->family), v[R_DST].str, family_word(r->family));
	if (r->family == AF_UNSPEC)
		r->family = v[R_VIA].set	     ? gw->family
			    : c->family != AF_UNSPEC ? c->family
						     : AF_INET;
	r->table = RT_TABLE_MAIN;
	if (v[R_TABLE].set && (rc = table_parse(c, v[R_TABLE].str, false, &r->table)) < 0)
		return rc;
	return 0;
}

/* The header and attributes add and del share.  Tables past 255 do not fit
 * rtm_table and go in RTA_TABLE. */
static void route_fill(struct nlmsghdr *nlh, const struct val *v, const struct route_req *r)
{
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	size_t alen = family_addr_len(r->family);

	rtm->rtm_family = (uint8_t)r->family;
	rtm->rtm_dst_len = v[R_DST].ip.len;
	rtm->rtm_table = r->table < 256 ? (uint8_t)r->table : RT_TABLE_UNSPEC;
	if (v[R_DST].ip.len)
		mnl_attr_put(nlh, RTA_DST, alen, v[R_DST].ip.bytes);
	if (r->table >= 256)
		mnl_attr_put_u32(nlh, RTA_TABLE, r->table);
	if (v[R_VIA].set)
		mnl_attr_put(nlh, RTA_GATEWAY, alen, v[R_VIA].ip.bytes);
	if (r->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)r->oif);
	if (v[R_METRIC].set)
		mnl_attr_put_u32(nlh, RTA_PRIORITY, v[R_METRIC].u);
}

/* When the kernel explains nothing, its bare errno says little here. */
static int route_error(struct ctx *c, int rc)
{
	if (c->reason[0])
		return rc;
	if (rc == -EEXIST)
		return err_errno(c, EEXIST, "the route exists already");
	if (rc == -ESRCH)
		return err_errno(c, ESRCH, "no such route");
	if (rc == -ENETUNREACH)
		return err_errno(c, ENETUNREACH, "the gateway is not on a connected network");
	return rc;
}

static int route_send(struct ctx *c, const struct val *v, bool add)
{
	struct route_req r = {0};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	int rc;

	if ((rc = route_check(c, v, &r)) < 0)
		return rc;
	if (add && !v[R_VIA].set && !v[R_DEV].set)
		return err_usage(c, "a route needs %s GW or %s NAME", route_args[R_VIA].kw,
				 route_args[R_DEV].kw);
	if (v[R_DEV].set && (r.oif = link_index(c, v[R_DEV].str)) < 0)
		return r.oif;
	nlh = nl_msg(buf, add ? RTM_NEWROUTE : RTM_DELROUTE, add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	route_fill(nlh, v, &r);
	rtm = mnl_nlmsg_get_payload(nlh);
	if (add) {
		rtm->rtm_protocol = RTPROT_BOOT;
		rtm->rtm_type = RTN_UNICAST;
		/* without a gateway the destination is on the link itself */
		rtm->rtm_scope = v[R_VIA].set ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	} else {
		/* the kernel takes RT_SCOPE_NOWHERE on delete as "any scope" */
		rtm->rtm_scope = RT_SCOPE_NOWHERE;
	}
	rc = nl_request(c, nlh, NULL, NULL);
	return rc < 0 ? route_error(c, rc) : 0;
}

static int route_add(struct ctx *c, const struct val *v)
{
	return route_send(c, v, true);
}

static int route_del(struct ctx *c, const struct val *v)
{
	return route_send(c, v, false);
}

/* ---- show --------------------------------------------------------------- */

/* Interface names by index, from one link dump: a route names its device
 * by index only, and a GET per route would cost a round trip each. */
struct ifnames {
	struct ifname {
		int index;
		char name[IFNAMSIZ];
	} * v;
	size_t n, cap;
};

static int ifnames_add(struct ctx *c, const struct link_msg *m, void *data)
{
	struct ifnames *t = data;

	(void)c;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct ifname *nv = realloc(t->v, cap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		t->v = nv;
		t->cap = cap;
	}
	t->v[t->n].index = m->ifi->ifi_index;
	snprintf(t->v[t->n].name, sizeof(t->v[t->n].name), "%s", m->name ? m->name : "");
	t->n++;
	return 0;
}

static const char *ifnames_get(const struct ifnames *t, int index, char *buf, size_t sz)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].index == index)
			return t->v[i].name;
	snprintf(buf, sz, "if%d", index);
	return buf;
}

struct route_show {
	struct ctx *c;
	struct ifnames names;
	uint32_t table; /* TABLE_ALL for every table */
	int oif;	/* 0 for every device */
	int family;
};

/* A parsed RTM_NEWROUTE message. */
struct route_msg {
	const struct rtmsg *rtm;
	const struct nlattr *tb[RTA_MAX + 1];
	uint32_t table;
};

static void route_print_dst(struct out *o, const struct route_msg *m)
{
	int family = m->rtm->rtm_family;
	char a[INET6_ADDRSTRLEN], dst[INET6_ADDRSTRLEN + 8];
	const struct nlattr *d = m->tb[RTA_DST];

	if (d && mnl_attr_get_payload_len(d) >= family_addr_len(family)) {
		format_addr(family, mnl_attr_get_payload(d), a, sizeof(a));
		/* a host route is the bare address, as in iproute2 */
		if (m->rtm->rtm_dst_len == family_addr_len(family) * 8)
			snprintf(dst, sizeof(dst), "%s", a);
		else
			snprintf(dst, sizeof(dst), "%s/%u", a, m->rtm->rtm_dst_len);
	} else if (m->rtm->rtm_dst_len) {
		snprintf(dst, sizeof(dst), "0/%u", m->rtm->rtm_dst_len);
	} else {
		snprintf(dst, sizeof(dst), "default");
	}
	out_strc(o, OUT_ANY, family == AF_INET ? COL_INET : COL_INET6, "dst", "%s", dst);
}

static void route_print_addr(struct out *o, const struct route_msg *m, int type, const char *key,
			     const char *fmt)
{
	int family = m->rtm->rtm_family;
	const struct nlattr *a = m->tb[type];
	char buf[INET6_ADDRSTRLEN];

	if (!a || mnl_attr_get_payload_len(a) < family_addr_len(family))
		return;
	out_strc(o, OUT_ANY, family == AF_INET ? COL_INET : COL_INET6, key, fmt,
		 format_addr(family, mnl_attr_get_payload(a), buf, sizeof(buf)));
}

static const struct {
	uint32_t mask;
	const char *word;
} route_flag_words[] = {
    {RTNH_F_DEAD, "dead"},
    {RTNH_F_ONLINK, "onlink"},
    {RTNH_F_PERVASIVE, "pervasive"},
    {RTNH_F_OFFLOAD, "offload"},
    {RTM_F_NOTIFY, "notify"},
    {RTNH_F_LINKDOWN, "linkdown"},
    {RTNH_F_UNRESOLVED, "unresolved"},
};

/* Words in text; an array in JSON, empty when none are set (as iproute2). */
static void route_print_flags(struct out *o, uint32_t flags)
{
	out_list_open(o, "flags");
	for (size_t i = 0; i < ARRAY_SIZE(route_flag_words); i++)
		if (flags & route_flag_words[i].mask)
			out_str(o, OUT_ANY, NULL, " %s", route_flag_words[i].word);
	out_list_close(o);
}

/* IPv6 router preference, RFC 4191. */
static void route_print_pref(struct out *o, const struct nlattr *a)
{
	const char *w;

	if (!a)
		return;
	switch (mnl_attr_get_u8(a)) {
	case ICMPV6_ROUTER_PREF_LOW:
		w = "low";
		break;
	case ICMPV6_ROUTER_PREF_MEDIUM:
		w = "medium";
		break;
	case ICMPV6_ROUTER_PREF_HIGH:
		w = "high";
		break;
	default:
		w = "invalid";
	}
	out_str(o, OUT_ANY, "pref", " pref %s", w);
}

/* The device, table, protocol and scope: what follows the destination and
 * gateway. */
static void route_print_where(const struct route_show *s, const struct route_msg *m)
{
	struct out *o = s->c->out;
	char buf[IFNAMSIZ + 16];

	if (m->tb[RTA_OIF])
		out_strc(o, OUT_ANY, COL_IFNAME, "dev", " dev %s",
			 ifnames_get(&s->names, (int)mnl_attr_get_u32(m->tb[RTA_OIF]), buf,
				     sizeof(buf)));
	/* a listing of one table need not name it on every line */
	if (m->table != RT_TABLE_MAIN && s->table == TABLE_ALL)
		out_str(o, OUT_ANY, "table", " table %s",
			id_word(table_words, ARRAY_SIZE(table_words), m->table, buf, sizeof(buf)));
	out_str(
	    o, OUT_ANY, "protocol", " proto %s",
	    id_word(proto_words, ARRAY_SIZE(proto_words), m->rtm->rtm_protocol, buf, sizeof(buf)));
	if (m->rtm->rtm_scope != RT_SCOPE_UNIVERSE)
		out_str(o, OUT_ANY, "scope", " scope %s",
			rt_scope_word(m->rtm->rtm_scope, buf, sizeof(buf)));
}

/* "default via 10.0.0.1 dev tun0 proto boot metric 5", one line a route. */
static void route_print(const struct route_show *s, const struct route_msg *m)
{
	struct out *o = s->c->out;
	char buf[16];

	out_obj_open(o, NULL);
	if (m->rtm->rtm_type != RTN_UNICAST)
		out_str(o, OUT_ANY, "type", "%s ",
			id_word(type_words, ARRAY_SIZE(type_words), m->rtm->rtm_type, buf,
				sizeof(buf)));
	route_print_dst(o, m);
	route_print_addr(o, m, RTA_GATEWAY, "gateway", " via %s");
	route_print_where(s, m);
	route_print_addr(o, m, RTA_PREFSRC, "prefsrc", " src %s");
	if (m->tb[RTA_PRIORITY])
		out_uint(o, OUT_ANY, "metric", " metric %u", mnl_attr_get_u32(m->tb[RTA_PRIORITY]));
	route_print_flags(o, m->rtm->rtm_flags);
	route_print_pref(o, m->tb[RTA_PREF]);
	out_nl(o);
	out_obj_close(o);
}

/* Each route the kernel sent, filtered again in case it did not filter. */
static int route_show_one(const struct nlmsghdr *nlh, void *data)
{
	const struct route_show *s = data;
	struct route_msg m;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	m.rtm = mnl_nlmsg_get_payload(nlh);
	if (m.rtm->rtm_family != s->family || (m.rtm->rtm_flags & RTM_F_CLONED))
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(*m.rtm), m.tb, RTA_MAX);
	m.table = m.tb[RTA_TABLE] ? mnl_attr_get_u32(m.tb[RTA_TABLE]) : m.rtm->rtm_table;
	if (s->table != TABLE_ALL && m.table != s->table)
		return MNL_CB_OK;
	if (s->oif && (!m.tb[RTA_OIF] || (int)mnl_attr_get_u32(m.tb[RTA_OIF]) != s->oif))
		return MNL_CB_OK;
	route_print(s, &m);
	return MNL_CB_OK;
}

/* One family's routes.  Under strict checking the kernel filters by table
 * and device; it answers ENOENT for a table that has never held a route,
 * which to a listing is just an empty table. */
static int route_show_family(struct ctx *c, struct route_show *s, int family)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETROUTE, 0);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	int rc;

	rtm->rtm_family = (uint8_t)family;
	if (s->table != TABLE_ALL) {
		rtm->rtm_table = s->table < 256 ? (uint8_t)s->table : RT_TABLE_UNSPEC;
		mnl_attr_put_u32(nlh, RTA_TABLE, s->table);
	}
	if (s->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)s->oif);
	s->family = family;
	rc = nl_dump(c, nlh, route_show_one, s);
	if (rc == -ENOENT && s->table != TABLE_ALL) {
		c->reason[0] = '\0';
		return 0;
	}
	return rc;
}

/* A vrf's table, from its IFLA_VRF_TABLE; any other kind is an error. */
static int vrf_table_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	const struct nlattr *tb[IFLA_VRF_MAX + 1];
	int rc = kind_check(c, "vrf", m, NULL);

	if (rc < 0)
		return rc;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_VRF_MAX);
	if (!tb[IFLA_VRF_TABLE] || mnl_attr_get_payload_len(tb[IFLA_VRF_TABLE]) != 4)
		return err_fail(c, "the kernel did not say the vrf's table");
	*(uint32_t *)data = mnl_attr_get_u32(tb[IFLA_VRF_TABLE]);
	return 0;
}

static int route_show_setup(struct ctx *c, const struct val *v, struct route_show *s)
{
	int rc;

	s->c = c;
	s->table = RT_TABLE_MAIN;
	if (v[S_TABLE].set && (rc = table_parse(c, v[S_TABLE].str, true, &s->table)) < 0)
		return rc;
	if (v[S_VRF].set) {
		c->subject = v[S_VRF].str; /* "route show lo: not a vrf device" */
		if ((rc = link_walk(c, v[S_VRF].str, vrf_table_cb, &s->table)) < 0)
			return rc;
	}
	if (v[S_DEV].set && (s->oif = link_index(c, v[S_DEV].str)) < 0)
		return s->oif;
	return link_walk(c, NULL, ifnames_add, &s->names);
}

static int route_show(struct ctx *c, const struct val *v)
{
	static const int families[] = {AF_INET, AF_INET6};
	struct route_show s = {0};
	int rc;

	if ((rc = route_show_setup(c, v, &s)) < 0)
		goto out;
	out_list_open(c->out, NULL);
	for (size_t i = 0; rc == 0 && i < ARRAY_SIZE(families); i++)
		if (c->family == AF_UNSPEC || c->family == families[i])
			rc = route_show_family(c, &s, families[i]);
	out_list_close(c->out);
out:
	free(s.names.v);
	return rc;
}

/* ---- the object --------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", "lst", NULL};

static const struct verb route_verbs[] = {
    VERB("add", route_add, route_args, "add a route"),
    VERB_ALSO("del", del_aliases, route_del, route_args, "remove a route"),
    VERB_ALSO("show", show_aliases, route_show, show_args,
	      "list the routes of a table, IPv4 then IPv6"),
};

VNETCTL_OBJECT_OF(route, "show", "IPv4 and IPv6 routes")
