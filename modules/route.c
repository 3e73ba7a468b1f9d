// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * route: IPv4 and IPv6 routes, as `ip route` handles them: add, del,
 * change, replace and append (one table of words, next hops in groups of
 * their own), show and flush (one table of selectors), get (the kernel's
 * lookup).  The printer is routeshow.c.
 *
 * A route's family comes from what was typed: the prefix, else the gateway
 * (so `default via 2001:db8::1` is an IPv6 default), else the first next
 * hop's, else -6, else IPv4.  show asks the kernel for one table only
 * (strict dump checking filters it there) and filters again here for
 * kernels that ignore the request, and by the other selectors.
 */
#include <errno.h>
#include <linux/if.h>
#include <linux/icmpv6.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "core.h"
#include "kind.h"
#include "link.h"
#include "flush.h"
#include "nl.h"
#include "rtnames.h"
#include "out.h"
#include "route.h"

/* ---- the arguments ------------------------------------------------------ */

/* add, del, change, replace and append share one table; show has its own. */
enum {
	R_DST,
	R_TYPE,
	R_VIA,
	R_DEV,
	R_SRC,
	R_METRIC,
	R_TABLE,
	R_VRF,
	R_PROTO,
	R_SCOPE,
	R_ONLINK,
	R_MTU,
	R_ADVMSS,
	R_INITCWND,
	R_REALM,
	R_REALMS,
	R_TOS,
	R_PREF,
	R_NEXTHOP,
};
/* A next hop of a multipath route: the words after each "nexthop". */
enum { NH_VIA, NH_DEV, NH_WEIGHT, NH_ONLINK, NH_NEXT, NH_NARGS };
enum { S_TABLE, S_EXACT, S_ROOT, S_MATCH, S_DEV, S_VIA, S_PROTO, S_SCOPE, S_TYPE, S_TOS, S_VRF };
enum { G_DST, G_FROM, G_IIF, G_OIF, G_MARK, G_TOS, G_FIBMATCH, G_VRF };

/* The table and the device mean the same to every verb. */
#define ARG_TABLE_ENTRY(w, vals, h)                                                                \
	{                                                                                          \
		.kw = "table", .kind = ARG_U32, .words = (w), .values = (vals), .min = 1,          \
		.max = UINT32_MAX, .metavar = "TABLE", .help = (h)                                 \
	}
#define ARG_DEV_ENTRY(h)                                                                           \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .metavar = "NAME", .help = (h)                    \
	}
#define ARG_VRF_ENTRY(excl, h)                                                                     \
	{                                                                                          \
		.kw = "vrf", .kind = ARG_IFNAME, .metavar = "NAME", .live_kind = "vrf",            \
		.excludes = (excl) + 1, .help = (h)                                                \
	}
#define ARG_ONLINK_ENTRY                                                                           \
	{                                                                                          \
		.kw = "onlink", .kind = ARG_FLAG,                                                  \
		.help = "the gateway is on the device's link, whatever its addresses say"          \
	}

/* RFC 4191's preferences, in the order of their numbers below. */
static const char *const pref_words[] = {"low", "medium", "high", NULL};
static const uint8_t pref_values[] = {ICMPV6_ROUTER_PREF_LOW, ICMPV6_ROUTER_PREF_MEDIUM,
				      ICMPV6_ROUTER_PREF_HIGH};

static const struct arg nexthop_args[NH_NARGS] = {
    [NH_VIA] = {.kw = "via", .kind = ARG_ADDR, .metavar = "GW", .help = "this hop's gateway"},
    [NH_DEV] = ARG_DEV_ENTRY("the device this hop leaves through"),
    [NH_WEIGHT] = {.kw = "weight",
		   .kind = ARG_U32,
		   .min = 1,
		   .max = 256,
		   .metavar = "N",
		   .help = "this hop's share of the flows, 1 to 256 (1 when left out)"},
    [NH_ONLINK] = ARG_ONLINK_ENTRY,
    [NH_NEXT] = {.kw = "nexthop",
		 .kind = ARG_REST,
		 .metavar = "HOP",
		 .help = "the next hop, in the same words"},
};

static const int nexthop_excludes[] = {R_VIA + 1, R_DEV + 1, R_ONLINK + 1, 0};

static const struct arg route_args[] = {
    [R_DST] = {.kw = "to",
	       .kind = ARG_PREFIX,
	       .flags = ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT | ARGF_DEFAULT,
	       .metavar = "PREFIX",
	       .help = "the destination, ADDR[/PLEN] or default (the keyword may be left out)"},
    [R_TYPE] = RT_TYPE_ENTRY("what the route does with a packet (unicast when left out)"),
    [R_VIA] = {.kw = "via", .kind = ARG_ADDR, .metavar = "GW", .help = "the next hop's address"},
    [R_DEV] = ARG_DEV_ENTRY("the device the route leaves through"),
    [R_SRC] = {.kw = "src",
	       .kind = ARG_ADDR,
	       .metavar = "ADDR",
	       .help = "the source address for packets the host sends by this route"},
    [R_METRIC] = {.kw = "metric",
		  .kind = ARG_U32,
		  .metavar = "N",
		  .help = "the route's priority: the lowest metric wins"},
    [R_TABLE] = ARG_TABLE_ENTRY(rt_table_words, rt_table_values,
				"a table number, main, local or default (main when left out)"),
    [R_VRF] = ARG_VRF_ENTRY(R_TABLE, "the table of that vrf device"),
    [R_PROTO] = RT_PROTO_ENTRY("who added the route, a name or 0 to 255 (boot when left out)"),
    [R_SCOPE] = RT_SCOPE_ENTRY("how far the destination is, a name or 0 to 255 (from the type and "
			       "gateway when left out)"),
    [R_ONLINK] = ARG_ONLINK_ENTRY,
    [R_MTU] = {.kw = "mtu",
	       .kind = ARG_U32,
	       .min = 68,
	       .max = 65535,
	       .prefix = "lock",
	       .metavar = "N",
	       .help = "the path MTU; locked, path MTU discovery leaves it alone"},
    [R_ADVMSS] = {.kw = "advmss",
		  .kind = ARG_U32,
		  .max = 65535,
		  .prefix = "lock",
		  .metavar = "N",
		  .help = "the TCP MSS announced to destinations by this route"},
    [R_INITCWND] = {.kw = "initcwnd",
		    .kind = ARG_U32,
		    .prefix = "lock",
		    .metavar = "N",
		    .help = "TCP's initial congestion window, in segments"},
    [R_REALM] = {.kw = "realm",
		 .kind = ARG_U32,
		 .words = rt_realm_words,
		 .values = rt_realm_values,
		 .max = 65535,
		 .metavar = "REALM",
		 .help = "the realm of the destination, 0 to 65535, for policy and accounting"},
    [R_REALMS] = {.kw = "realms",
		  .kind = ARG_PAIR,
		  .words = rt_realm_words,
		  .values = rt_realm_values,
		  .max = 65535,
		  .metavar = "[FROM/]TO",
		  .excludes = R_REALM + 1,
		  .help = "the realms of the source and the destination (FROM 0 when left out)"},
    [R_TOS] = RT_TOS_ENTRY("the TOS (DS field) the route is for, IPv4 only: a name of "
			   "rt_dsfield or hexadecimal (any when left out)"),
    [R_PREF] = {.kw = "pref",
		.kind = ARG_ENUM,
		.words = pref_words,
		.metavar = "PREF",
		.help = "an IPv6 route's router preference (RFC 4191)"},
    [R_NEXTHOP] = {.kw = "nexthop",
		   .kind = ARG_NEST,
		   .sub = nexthop_args,
		   .nsub = NH_NARGS,
		   .excludes_more = nexthop_excludes,
		   .metavar = "HOP",
		   .help = "one next hop of a multipath route (the rest of the line); "
			   "nexthop again for each next one"},
};

/* show and flush: the selectors, each narrowing what is listed or flushed. */
static const int exact_excludes[] = {S_ROOT + 1, S_MATCH + 1, 0};

static const struct arg show_args[] = {
    [S_TABLE] = ARG_TABLE_ENTRY(rt_table_any_words, rt_table_any_values,
				"a table number, main, local, default or all (main when left "
				"out)"),
    [S_EXACT] = {.kw = "exact",
		 .kind = ARG_PREFIX,
		 .flags = ARGF_POSITIONAL | ARGF_DEFAULT,
		 .metavar = "PREFIX",
		 .excludes_more = exact_excludes,
		 .help = "only the routes to exactly this prefix (the keyword may be left out)"},
    [S_ROOT] = {.kw = "root",
		.kind = ARG_PREFIX,
		.flags = ARGF_DEFAULT,
		.metavar = "PREFIX",
		.excludes = S_MATCH + 1,
		.help = "only the routes to this prefix and to the prefixes inside it"},
    [S_MATCH] = {.kw = "match",
		 .kind = ARG_PREFIX,
		 .flags = ARGF_DEFAULT,
		 .metavar = "PREFIX",
		 .help = "only the routes whose prefix holds this one (those a lookup could use)"},
    [S_DEV] = ARG_DEV_ENTRY("only routes through this device"),
    [S_VIA] = {.kw = "via",
	       .kind = ARG_ADDR,
	       .metavar = "GW",
	       .help = "only routes through this gateway"},
    [S_PROTO] = RT_PROTO_ENTRY("only routes of this protocol"),
    [S_SCOPE] = RT_SCOPE_ENTRY("only routes of this scope"),
    [S_TYPE] = RT_TYPE_ENTRY("only routes of this type"),
    [S_TOS] = RT_TOS_ENTRY("only routes for this TOS (IPv4)"),
    [S_VRF] = ARG_VRF_ENTRY(S_TABLE, "the routes of that vrf's table"),
};

/* route get: the kernel's lookup of one destination. */
static const struct arg get_args[] = {
    [G_DST] = {.kw = "to",
	       .kind = ARG_ADDR,
	       .flags = ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT,
	       .metavar = "ADDR",
	       .help = "the destination looked up (the keyword may be left out)"},
    [G_FROM] = {.kw = "from",
		.kind = ARG_ADDR,
		.metavar = "ADDR",
		.help = "the packet's source address"},
    [G_IIF] = {.kw = "iif",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .help = "the device the packet came in by (a forwarded packet)"},
    [G_OIF] = {.kw = "oif",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .help = "the device the packet must leave by"},
    [G_MARK] = {.kw = "mark",
		.kind = ARG_U32,
		.metavar = "MARK",
		.help = "the packet's firewall mark"},
    [G_TOS] = RT_TOS_ENTRY("the packet's TOS (IPv4)"),
    [G_FIBMATCH] = {.kw = "fibmatch",
		    .kind = ARG_FLAG,
		    .help = "print the route of the table that matched, not the lookup's answer"},
    [G_VRF] = {.kw = "vrf",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .live_kind = "vrf",
	       .excludes = G_OIF + 1,
	       .help = "look up in that vrf (the packet leaves by the vrf device)"},
};

static const char *family_word(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
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

/* The table of the vrf device named: "route show lo: not a vrf device". */
static int vrf_table(struct ctx *c, const char *name, uint32_t *table)
{
	const char *subject = c->subject;
	int rc;

	c->subject = name;
	rc = link_walk(c, name, vrf_table_cb, table);
	if (rc == 0)
		c->subject = subject;
	return rc;
}

/* ---- add, del, change, replace, append ---------------------------------- */

/* The most next hops of one multipath route. */
#define NEXTHOPS_MAX 32

struct nexthop {
	const struct inet_prefix *via; /* NULL: none */
	const char *dev;
	int oif;
	uint32_t weight;
	bool onlink;
};

struct route_req {
	int family;
	uint32_t table;
	uint8_t type;
	int oif; /* 0: none given */
	struct nexthop hops[NEXTHOPS_MAX];
	size_t nhops;
	/* each group's parsed words, which hops[] point into */
	struct val nhv[NEXTHOPS_MAX][NH_NARGS];
};

/* Each "nexthop ..." group, parsed against nexthop_args: the first group's
 * words end at the next "nexthop", whose words are parsed the same way. */
static int nexthops_parse(struct ctx *c, const struct val *v, struct route_req *r)
{
	struct val group = v[R_NEXTHOP];
	int rc;

	while (group.set) {
		struct val *nv;
		struct nexthop *h;

		if (r->nhops == NEXTHOPS_MAX)
			return err_usage(c, "more than %d next hops", NEXTHOPS_MAX);
		nv = r->nhv[r->nhops];
		h = &r->hops[r->nhops];
		if ((rc = parse_group(c, &route_args[R_NEXTHOP], &group, nv)) < 0)
			return rc;
		if (!nv[NH_VIA].set && !nv[NH_DEV].set)
			return err_usage(c, "%s %zu needs %s GW or %s NAME",
					 route_args[R_NEXTHOP].kw, r->nhops + 1,
					 nexthop_args[NH_VIA].kw, nexthop_args[NH_DEV].kw);
		h->via = nv[NH_VIA].set ? &nv[NH_VIA].ip : NULL;
		h->dev = nv[NH_DEV].set ? nv[NH_DEV].str : NULL;
		h->weight = nv[NH_WEIGHT].set ? nv[NH_WEIGHT].u : 1;
		h->onlink = nv[NH_ONLINK].set;
		r->nhops++;
		group = (struct val){
		    .set = nv[NH_NEXT].set, .rest = nv[NH_NEXT].rest, .nrest = nv[NH_NEXT].nrest};
	}
	return 0;
}

/* An address given for the route that must be of its family. */
static int family_check(struct ctx *c, const struct route_req *r, const char *kw,
			const struct inet_prefix *ip, const char *as_typed, const struct val *dst)
{
	if (ip->family == r->family)
		return 0;
	if (dst->ip.family != AF_UNSPEC)
		return err_usage(c, "%s %s is %s but %s is %s", kw, as_typed,
				 family_word(ip->family), dst->str, family_word(r->family));
	return err_usage(c, "%s %s is %s but the route is %s", kw, as_typed,
			 family_word(ip->family), family_word(r->family));
}

/* The family of the route, and the mistakes the parser cannot see, caught
 * before anything is sent. */
static int route_check(struct ctx *c, const struct val *v, struct route_req *r, bool add)
{
	const struct inet_prefix *dst = &v[R_DST].ip;
	int rc;

	/* the group takes the rest of the line, unseen by the parser's
	 * check of what excludes what */
	for (const int *x = nexthop_excludes; v[R_NEXTHOP].set && *x; x++)
		if (v[*x - 1].set)
			return err_usage(c, "%s and %s cannot be used together",
					 route_args[*x - 1].kw, route_args[R_NEXTHOP].kw);
	if ((rc = nexthops_parse(c, v, r)) < 0)
		return rc;
	r->family = dst->family;
	if (r->family == AF_UNSPEC)
		r->family = v[R_VIA].set		 ? v[R_VIA].ip.family
			    : r->nhops && r->hops[0].via ? r->hops[0].via->family
			    : c->family != AF_UNSPEC	 ? c->family
							 : AF_INET;
	if (v[R_VIA].set && (rc = family_check(c, r, route_args[R_VIA].kw, &v[R_VIA].ip,
					       v[R_VIA].str, &v[R_DST])) < 0)
		return rc;
	for (size_t i = 0; i < r->nhops; i++)
		if (r->hops[i].via &&
		    (rc = family_check(c, r, nexthop_args[NH_VIA].kw, r->hops[i].via,
				       r->nhv[i][NH_VIA].str, &v[R_DST])) < 0)
			return rc;
	if (v[R_SRC].set && (rc = family_check(c, r, route_args[R_SRC].kw, &v[R_SRC].ip,
					       v[R_SRC].str, &v[R_DST])) < 0)
		return rc;
	if (v[R_PREF].set && r->family != AF_INET6)
		return err_usage(c, "%s is for IPv6 routes only", route_args[R_PREF].kw);
	if (v[R_TOS].set && r->family != AF_INET)
		return err_usage(c, "%s is for IPv4 routes only", route_args[R_TOS].kw);
	r->type = v[R_TYPE].set ? (uint8_t)rt_type_values[v[R_TYPE].e]
		  : add		? RTN_UNICAST
				: RTN_UNSPEC;
	if (add && r->type == RTN_UNICAST && !v[R_VIA].set && !v[R_DEV].set && !r->nhops)
		return err_usage(c, "a route needs %s GW, %s NAME or %s", route_args[R_VIA].kw,
				 route_args[R_DEV].kw, route_args[R_NEXTHOP].kw);
	r->table = v[R_TABLE].set ? v[R_TABLE].u : RT_TABLE_MAIN;
	/* the host's own and broadcast addresses live in table local (ip) */
	if (!v[R_TABLE].set && (r->type == RTN_LOCAL || r->type == RTN_BROADCAST ||
				r->type == RTN_ANYCAST || r->type == RTN_NAT))
		r->table = RT_TABLE_LOCAL;
	return 0;
}

/* The scope ip gives a route it is not told one for. */
static uint8_t route_scope(const struct val *v, const struct route_req *r, bool add)
{
	if (v[R_SCOPE].set)
		return (uint8_t)v[R_SCOPE].u;
	switch (r->type) {
	case RTN_LOCAL:
	case RTN_NAT:
		return RT_SCOPE_HOST;
	case RTN_BROADCAST:
	case RTN_MULTICAST:
	case RTN_ANYCAST:
		return RT_SCOPE_LINK;
	case RTN_UNICAST:
	case RTN_UNSPEC:
		/* the kernel takes RT_SCOPE_NOWHERE on delete as "any scope" */
		if (!add)
			return RT_SCOPE_NOWHERE;
		/* without a gateway the destination is on the link itself */
		return v[R_VIA].set || r->nhops ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	}
	return RT_SCOPE_UNIVERSE;
}

/* RTA_METRICS: the ones given, and the lock of those given with it. */
static void put_metrics(struct nlmsghdr *nlh, const struct val *v)
{
	static const struct {
		int arg, rtax;
	} metrics[] = {{R_MTU, RTAX_MTU}, {R_ADVMSS, RTAX_ADVMSS}, {R_INITCWND, RTAX_INITCWND}};
	struct nlattr *nest = NULL;
	uint32_t lock = 0;

	for (size_t i = 0; i < ARRAY_SIZE(metrics); i++) {
		const struct val *m = &v[metrics[i].arg];
		if (!m->set)
			continue;
		if (!nest)
			nest = mnl_attr_nest_start(nlh, RTA_METRICS);
		mnl_attr_put_u32(nlh, (uint16_t)metrics[i].rtax, m->u);
		if (m->prefixed)
			lock |= 1u << metrics[i].rtax;
	}
	if (!nest)
		return;
	if (lock)
		mnl_attr_put_u32(nlh, RTAX_LOCK, lock);
	mnl_attr_nest_end(nlh, nest);
}

/* RTA_MULTIPATH: a struct rtnexthop per hop, its gateway after it. */
static void put_nexthops(struct nlmsghdr *nlh, const struct route_req *r)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, RTA_MULTIPATH);

	for (size_t i = 0; i < r->nhops; i++) {
		const struct nexthop *h = &r->hops[i];
		struct rtnexthop *nh = mnl_nlmsg_get_payload_tail(nlh);

		nlh->nlmsg_len += RTNH_ALIGN(sizeof(*nh));
		memset(nh, 0, sizeof(*nh));
		nh->rtnh_hops = (uint8_t)(h->weight - 1);
		nh->rtnh_ifindex = h->oif;
		nh->rtnh_flags = h->onlink ? RTNH_F_ONLINK : 0;
		if (h->via)
			mnl_attr_put(nlh, RTA_GATEWAY, route_addr_len(r->family), h->via->bytes);
		nh->rtnh_len =
		    (unsigned short)((char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)nh);
	}
	mnl_attr_nest_end(nlh, nest);
}

/* The header and attributes every verb sends.  Tables past 255 do not fit
 * rtm_table and go in RTA_TABLE. */
static void route_fill(struct nlmsghdr *nlh, const struct val *v, const struct route_req *r,
		       bool add)
{
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	size_t alen = route_addr_len(r->family);

	rtm->rtm_family = (uint8_t)r->family;
	rtm->rtm_dst_len = v[R_DST].ip.len;
	rtm->rtm_table = r->table < 256 ? (uint8_t)r->table : RT_TABLE_UNSPEC;
	rtm->rtm_type = r->type;
	rtm->rtm_tos = v[R_TOS].set ? (uint8_t)v[R_TOS].u : 0;
	rtm->rtm_scope = route_scope(v, r, add);
	if (v[R_PROTO].set)
		rtm->rtm_protocol = (uint8_t)v[R_PROTO].u;
	else if (add)
		rtm->rtm_protocol = RTPROT_BOOT;
	if (v[R_ONLINK].set)
		rtm->rtm_flags |= RTNH_F_ONLINK;
	if (v[R_DST].ip.len)
		mnl_attr_put(nlh, RTA_DST, alen, v[R_DST].ip.bytes);
	if (r->table >= 256)
		mnl_attr_put_u32(nlh, RTA_TABLE, r->table);
	if (v[R_VIA].set)
		mnl_attr_put(nlh, RTA_GATEWAY, alen, v[R_VIA].ip.bytes);
	if (r->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)r->oif);
	if (v[R_SRC].set)
		mnl_attr_put(nlh, RTA_PREFSRC, alen, v[R_SRC].ip.bytes);
	if (v[R_METRIC].set)
		mnl_attr_put_u32(nlh, RTA_PRIORITY, v[R_METRIC].u);
	if (v[R_REALM].set)
		mnl_attr_put_u32(nlh, RTA_FLOW, v[R_REALM].u);
	if (v[R_REALMS].set)
		mnl_attr_put_u32(nlh, RTA_FLOW, v[R_REALMS].hi << 16 | v[R_REALMS].u);
	if (v[R_PREF].set)
		mnl_attr_put_u8(nlh, RTA_PREF, pref_values[v[R_PREF].e]);
	put_metrics(nlh, v);
	if (r->nhops)
		put_nexthops(nlh, r);
}

/* When the kernel explains nothing, its bare errno says little here. */
static int route_error(struct ctx *c, int rc)
{
	if (c->reason[0])
		return rc;
	if (rc == -EEXIST)
		return err_errno(c, EEXIST, "the route exists already");
	if (rc == -ESRCH || rc == -ENOENT)
		return err_errno(c, -rc, "no such route");
	if (rc == -ENETUNREACH)
		return err_errno(c, ENETUNREACH, "the gateway is not on a connected network");
	return rc;
}

/* The devices named, the route's and its hops', by index. */
static int route_devices(struct ctx *c, const struct val *v, struct route_req *r)
{
	if (v[R_DEV].set && (r->oif = link_index(c, v[R_DEV].str)) < 0)
		return r->oif;
	for (size_t i = 0; i < r->nhops; i++)
		if (r->hops[i].dev && (r->hops[i].oif = link_index(c, r->hops[i].dev)) < 0)
			return r->hops[i].oif;
	if (v[R_VRF].set)
		return vrf_table(c, v[R_VRF].str, &r->table);
	return 0;
}

static int route_send(struct ctx *c, const struct val *v, uint16_t type, uint16_t flags)
{
	bool add = type == RTM_NEWROUTE;
	struct route_req *r;
	struct nlmsghdr *nlh;
	char buf[NL_BUFSZ];
	int rc;

	/* some 20 KiB with every hop's words: not for the stack */
	if (!(r = calloc(1, sizeof(*r))))
		return -ENOMEM;
	if ((rc = route_check(c, v, r, add)) < 0 || (rc = route_devices(c, v, r)) < 0)
		goto out;
	nlh = nl_msg(buf, type, flags);
	route_fill(nlh, v, r, add);
	rc = nl_request(c, nlh, NULL, NULL);
	if (rc < 0)
		rc = route_error(c, rc);
out:
	free(r);
	return rc < 0 ? rc : 0;
}

static int route_add(struct ctx *c, const struct val *v)
{
	return route_send(c, v, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
}

/* The route must exist: the kernel answers ENOENT when it does not. */
static int route_change(struct ctx *c, const struct val *v)
{
	return route_send(c, v, RTM_NEWROUTE, NLM_F_REPLACE);
}

static int route_replace(struct ctx *c, const struct val *v)
{
	return route_send(c, v, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE);
}

/* Another route to the same destination beside those there (IPv6: the
 * next hop joins a multipath route). */
static int route_append(struct ctx *c, const struct val *v)
{
	return route_send(c, v, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_APPEND);
}

static int route_del(struct ctx *c, const struct val *v)
{
	return route_send(c, v, RTM_DELROUTE, 0);
}

/* ---- show and flush ------------------------------------------------------ */

/* A table id that means "any table" to show. */
#define TABLE_ALL RT_TABLE_UNSPEC

/* What show lists and flush removes: every selector given must hold. */
struct route_filter {
	uint32_t table;			 /* TABLE_ALL for every table */
	int oif;			 /* 0 for every device */
	int family;			 /* AF_UNSPEC: both (table all) */
	const struct inet_prefix *root;	 /* the route's prefix inside this one */
	const struct inet_prefix *match; /* the route's prefix holds this one */
	const struct inet_prefix *via;
	int proto, scope, type, tos; /* -1: any */
};

struct route_show {
	struct ctx *c;
	struct ifnames names;
	struct route_filter f;
	unsigned hide;
	int family; /* of the dump under way */
	/* flush: the routes to delete, copied from the dump */
	bool flush;
	struct nl_msgs found;
};

/* Whether the first bits of a and b agree. */
static bool bits_equal(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, whole))
		return false;
	return !rest || !((a[whole] ^ b[whole]) & (uint8_t)(0xff << (8 - rest)));
}

static bool route_selected(const struct route_filter *f, const struct route_msg *m)
{
	const struct rtmsg *rtm = m->rtm;
	size_t alen = route_addr_len(rtm->rtm_family);
	uint8_t dst[16] = {0};

	if (f->table != TABLE_ALL && m->table != f->table)
		return false;
	if (f->oif && (!m->tb[RTA_OIF] || (int)mnl_attr_get_u32(m->tb[RTA_OIF]) != f->oif))
		return false;
	if ((f->proto >= 0 && rtm->rtm_protocol != f->proto) ||
	    (f->scope >= 0 && rtm->rtm_scope != f->scope) ||
	    (f->type >= 0 && rtm->rtm_type != f->type) || (f->tos >= 0 && rtm->rtm_tos != f->tos))
		return false;
	if (m->tb[RTA_DST] && mnl_attr_get_payload_len(m->tb[RTA_DST]) >= alen)
		memcpy(dst, mnl_attr_get_payload(m->tb[RTA_DST]), alen);
	if (f->root &&
	    (rtm->rtm_dst_len < f->root->len || !bits_equal(dst, f->root->bytes, f->root->len)))
		return false;
	if (f->match && (rtm->rtm_dst_len > f->match->len ||
			 !bits_equal(dst, f->match->bytes, rtm->rtm_dst_len)))
		return false;
	if (f->via) {
		const struct nlattr *gw = m->tb[RTA_GATEWAY];
		if (!gw || mnl_attr_get_payload_len(gw) < alen ||
		    memcmp(mnl_attr_get_payload(gw), f->via->bytes, alen))
			return false;
	}
	return true;
}

/* Each route the kernel sent, filtered again in case it did not filter. */
static int route_show_one(const struct nlmsghdr *nlh, void *data)
{
	struct route_show *s = data;
	struct route_msg m;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	route_msg_parse(nlh, &m);
	if (m.rtm->rtm_family != s->family || (m.rtm->rtm_flags & RTM_F_CLONED) ||
	    !route_selected(&s->f, &m))
		return MNL_CB_OK;
	if (s->flush) {
		if (nl_msgs_keep(&s->found, nlh) < 0) {
			errno = ENOMEM;
			return MNL_CB_ERROR;
		}
		return MNL_CB_OK;
	}
	route_print(&(struct route_print){.c = s->c,
					  .names = &s->names,
					  .all_tables = s->f.table == TABLE_ALL,
					  .hide = s->hide},
		    &m);
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
	if (s->f.table != TABLE_ALL) {
		rtm->rtm_table = s->f.table < 256 ? (uint8_t)s->f.table : RT_TABLE_UNSPEC;
		mnl_attr_put_u32(nlh, RTA_TABLE, s->f.table);
	}
	if (s->f.oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)s->f.oif);
	s->family = family;
	rc = nl_dump(c, nlh, route_show_one, s);
	if (rc == -ENOENT && s->f.table != TABLE_ALL) {
		c->reason[0] = '\0';
		return 0;
	}
	return rc;
}

/* The family the selectors' addresses name, the same for all of them. */
static int selectors_family(struct ctx *c, const struct val *v, int *family)
{
	static const int addrs[] = {S_EXACT, S_ROOT, S_MATCH, S_VIA};
	int first = -1;

	*family = c->family;
	for (size_t i = 0; i < ARRAY_SIZE(addrs); i++) {
		const struct val *a = &v[addrs[i]];
		if (!a->set || a->ip.family == AF_UNSPEC)
			continue;
		if (first >= 0 && a->ip.family != *family)
			return err_usage(c, "%s %s is %s but %s %s is %s", show_args[addrs[i]].kw,
					 a->str, family_word(a->ip.family), show_args[first].kw,
					 v[first].str, family_word(*family));
		*family = a->ip.family;
		first = addrs[i];
	}
	return 0;
}

static int route_show_setup(struct ctx *c, const struct val *v, struct route_show *s)
{
	struct route_filter *f = &s->f;
	int rc;

	s->c = c;
	f->table = v[S_TABLE].set ? v[S_TABLE].u : RT_TABLE_MAIN;
	f->proto = v[S_PROTO].set ? (int)v[S_PROTO].u : -1;
	f->scope = v[S_SCOPE].set ? (int)v[S_SCOPE].u : -1;
	f->type = v[S_TYPE].set ? (int)rt_type_values[v[S_TYPE].e] : -1;
	f->tos = v[S_TOS].set ? (int)v[S_TOS].u : -1;
	/* a bare or exact prefix is both a root and a match: that prefix only */
	if (v[S_EXACT].set)
		f->root = f->match = &v[S_EXACT].ip;
	if (v[S_ROOT].set)
		f->root = &v[S_ROOT].ip;
	if (v[S_MATCH].set)
		f->match = &v[S_MATCH].ip;
	if (v[S_VIA].set)
		f->via = &v[S_VIA].ip;
	s->hide = (v[S_DEV].set ? ROUTE_HIDE_DEV : 0) | (v[S_VIA].set ? ROUTE_HIDE_VIA : 0) |
		  (v[S_PROTO].set ? ROUTE_HIDE_PROTO : 0) |
		  (v[S_SCOPE].set ? ROUTE_HIDE_SCOPE : 0) | (v[S_TOS].set ? ROUTE_HIDE_TOS : 0);
	if ((rc = selectors_family(c, v, &f->family)) < 0)
		return rc;
	/* as ip: one table without -4, -6 or an address to say the family is
	 * IPv4's; every table is both families' */
	if (f->family == AF_UNSPEC && f->table != TABLE_ALL)
		f->family = AF_INET;
	if (v[S_VRF].set && (rc = vrf_table(c, v[S_VRF].str, &f->table)) < 0)
		return rc;
	if (v[S_DEV].set && (f->oif = link_index(c, v[S_DEV].str)) < 0)
		return f->oif;
	return s->flush ? 0 : ifnames_load(c, &s->names);
}

/* Each family the selectors allow, IPv4 first. */
static int route_walk(struct ctx *c, struct route_show *s)
{
	static const int families[] = {AF_INET, AF_INET6};
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < ARRAY_SIZE(families); i++)
		if (s->f.family == AF_UNSPEC || s->f.family == families[i])
			rc = route_show_family(c, s, families[i]);
	return rc;
}

static int route_show(struct ctx *c, const struct val *v)
{
	struct route_show s = {0};
	int rc;

	if ((rc = route_show_setup(c, v, &s)) < 0)
		goto out;
	out_list_open(c->out, NULL);
	rc = route_walk(c, &s);
	out_list_close(c->out);
out:
	ifnames_free(&s.names);
	return rc;
}

/* One dumped route, sent back as its own delete: the kernel's message names
 * it exactly (as ip route flush does). */
static void flush_queue(struct ctx *c, struct nl_pipe *p, const struct nlmsghdr *route)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(route);
	const struct nlattr *tb[RTA_MAX + 1];
	char a[INET6_ADDRSTRLEN], label[sizeof(a) + 8];
	struct nlmsghdr *nlh;

	nl_parse(route, sizeof(*rtm), tb, RTA_MAX);
	if (tb[RTA_DST] && mnl_attr_get_payload_len(tb[RTA_DST]) >= route_addr_len(rtm->rtm_family))
		snprintf(
		    label, sizeof(label), "%s/%u",
		    format_addr(rtm->rtm_family, mnl_attr_get_payload(tb[RTA_DST]), a, sizeof(a)),
		    rtm->rtm_dst_len);
	else
		snprintf(label, sizeof(label), "%s", prefix_any_words[0]);
	nlh = nl_pipe_msg(c, p, RTM_DELROUTE, 0, label);
	memcpy(mnl_nlmsg_get_payload(nlh), mnl_nlmsg_get_payload(route),
	       mnl_nlmsg_get_payload_len(route));
	nlh->nlmsg_len += (uint32_t)MNL_ALIGN(mnl_nlmsg_get_payload_len(route));
}

/* Remove every route the selectors pick, in one batch of deletes; at least
 * one selector must be given, as ip asks (a bare flush would empty table
 * main). */
static int route_flush(struct ctx *c, const struct val *v)
{
	/* a route gone meanwhile (an IPv6 route that went with another) is
	 * what was wanted */
	static const int gone[] = {-ESRCH, -ENOENT, 0};
	struct route_show s = {.flush = true};
	bool any = false;
	int rc;

	for (size_t i = 0; i < ARRAY_SIZE(show_args); i++)
		any |= v[i].set;
	if (!any)
		return err_usage(c, "flush needs a selector (table main flushes table main)");
	if ((rc = route_show_setup(c, v, &s)) == 0 && (rc = route_walk(c, &s)) == 0)
		rc = flush_msgs(c, s.found.v, s.found.n, flush_queue, gone);
	nl_msgs_free(&s.found);
	return rc;
}

/* ---- get ------------------------------------------------------------------ */

struct route_get {
	struct ctx *c;
	struct ifnames names;
};

static int route_get_one(const struct nlmsghdr *nlh, void *data)
{
	struct route_get *g = data;
	struct route_msg m;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	route_msg_parse(nlh, &m);
	route_print(&(struct route_print){.c = g->c, .names = &g->names, .all_tables = true}, &m);
	return MNL_CB_OK;
}

/* The vrf device's index, refusing a device of another kind. */
static int vrf_index_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	int rc = kind_check(c, "vrf", m, NULL);

	if (rc < 0)
		return rc;
	*(int *)data = m->ifi->ifi_index;
	return 0;
}

struct nlmsghdr *route_query_msg(char *buf, const struct route_query *q)
{
	size_t alen = route_addr_len(q->family);
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETROUTE, 0);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));

	rtm->rtm_family = (uint8_t)q->family;
	rtm->rtm_dst_len = (uint8_t)(alen * 8);
	/* IPv4: the table the lookup found, as ip asks (else the kernel says
	 * main); IPv6 always says it, and refuses the flag */
	if (q->family == AF_INET)
		rtm->rtm_flags = RTM_F_LOOKUP_TABLE;
	/* the table's route itself, printed as show prints it */
	if (q->fibmatch)
		rtm->rtm_flags |= RTM_F_FIB_MATCH;
	if (q->has_tos)
		rtm->rtm_tos = q->tos;
	mnl_attr_put(nlh, RTA_DST, alen, q->dst);
	if (q->src) {
		rtm->rtm_src_len = (uint8_t)(alen * 8);
		mnl_attr_put(nlh, RTA_SRC, alen, q->src);
	}
	if (q->iif)
		mnl_attr_put_u32(nlh, RTA_IIF, (uint32_t)q->iif);
	if (q->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)q->oif);
	if (q->has_mark)
		mnl_attr_put_u32(nlh, RTA_MARK, q->mark);
	return nlh;
}

static int route_get(struct ctx *c, const struct val *v)
{
	struct route_get g = {.c = c};
	int family = v[G_DST].ip.family, iif = 0, oif = 0, rc;
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct route_query q = {.family = family,
				.dst = v[G_DST].ip.bytes,
				.src = v[G_FROM].set ? v[G_FROM].ip.bytes : NULL,
				.has_mark = v[G_MARK].set,
				.mark = v[G_MARK].u,
				.has_tos = v[G_TOS].set,
				.tos = (uint8_t)v[G_TOS].u,
				.fibmatch = v[G_FIBMATCH].set};

	if (v[G_FROM].set && v[G_FROM].ip.family != family)
		return err_usage(c, "%s %s is %s but %s is %s", get_args[G_FROM].kw, v[G_FROM].str,
				 family_word(v[G_FROM].ip.family), v[G_DST].str,
				 family_word(family));
	if (v[G_TOS].set && family != AF_INET)
		return err_usage(c, "%s is for IPv4 only", get_args[G_TOS].kw);
	if (v[G_IIF].set && (iif = link_index(c, v[G_IIF].str)) < 0)
		return iif;
	if (v[G_OIF].set && (oif = link_index(c, v[G_OIF].str)) < 0)
		return oif;
	if (v[G_VRF].set && (rc = link_walk(c, v[G_VRF].str, vrf_index_cb, &oif)) < 0)
		return rc;
	if ((rc = ifnames_load(c, &g.names)) < 0)
		goto out;
	q.iif = iif;
	q.oif = oif;
	nlh = route_query_msg(buf, &q);
	out_list_open(c->out, NULL);
	rc = nl_request(c, nlh, route_get_one, &g);
	out_list_close(c->out);
	if (rc == -ENETUNREACH && !c->reason[0])
		rc = err_errno(c, ENETUNREACH, "no route to it");
out:
	ifnames_free(&g.names);
	return rc;
}

/* ---- the object --------------------------------------------------------- */

static const char *const change_aliases[] = {"chg", NULL};
static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", "lst", NULL};

/* In ip route's order, with its spellings (core.h). */
static const struct verb route_verbs[] = {
    VERB("add", route_add, route_args, "add a route"),
    VERB_ALSO("change", change_aliases, route_change, route_args, "change a route that exists"),
    VERB("replace", route_replace, route_args, "change a route, or add it when it is new"),
    VERB("append", route_append, route_args, "add a route beside those to the same destination"),
    VERB_ALSO("del", del_aliases, route_del, route_args,
	      "remove a route: the first that matches the words given"),
    VERB_ALSO("show", show_aliases, route_show, show_args,
	      "list the routes of a table (IPv4 unless -6; table all: IPv4 then IPv6)"),
    VERB("get", route_get, get_args, "the route the kernel would use for a destination"),
    VERB("flush", route_flush, show_args, "remove every route the selectors pick"),
};

VNETCTL_OBJECT_OF(route, "show", "IPv4 and IPv6 routes")
