// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * route: IPv4 and IPv6 routes, as `ip route` handles them: add, del,
 * change, replace and append (one table of words, next hops in groups of
 * their own), show and flush (one table of selectors), get (the kernel's
 * lookup).  The printer is routeshow.c; show, flush and get are routelist.c.
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
#include "encap.h"
#include "route.h"

/* ---- the arguments ------------------------------------------------------ */

/* add, del, change, replace and append share one table; show has its own. */
enum {
	R_TYPE, /* before R_DST: a bare type word comes before the prefix */
	R_DST,
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
	R_WINDOW,
	R_RTT,
	R_RTTVAR,
	R_REORDERING,
	R_HOPLIMIT,
	R_INITRWND,
	R_FEATURES,
	R_QUICKACK,
	R_CONGCTL,
	R_FASTOPEN,
	R_SSTHRESH,
	R_CWND,
	R_RTO_MIN,
	R_EXPIRES,
	R_NHID,
	R_FROM,
	R_REALM,
	R_TOS,
	R_PREF,
	R_TTL_PROP,
	R_ENCAP,
	R_NEXTHOP,
};
/* A next hop of a multipath route: the words after each "nexthop". */
enum { NH_VIA, NH_DEV, NH_WEIGHT, NH_ONLINK, NH_NEXT, NH_NARGS };
#define ARG_ONLINK_ENTRY                                                                           \
	{                                                                                          \
		.kw = "onlink", .kind = ARG_FLAG,                                                  \
		.help = "the gateway is on the device's link, whatever its addresses say"          \
	}

/* RTAX_FEATURES' words, as ip takes them: ecn alone. */
static const char *const features_words[] = {"ecn", NULL};

/* RTA_TTL_PROPAGATE's words, each its value */
static const char *const ttl_prop_words[] = {"disabled", "enabled", NULL};

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
    [R_TYPE] = RT_TYPE_ENTRY(ARGF_POSITIONAL | ARGF_WORD_POS,
			     "what the route does with a packet (unicast when left out; the "
			     "keyword may be left out before the prefix)"),
    [R_VIA] = {.kw = "via",
	       .kind = ARG_ADDR,
	       .prefix = "inet inet6",
	       .metavar = "GW",
	       .help = "the next hop's address; one of the other family (after inet or inet6) "
		       "goes as RTA_VIA"},
    [R_DEV] = {.kw = "dev",
	       .alias = "oif",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .help = "the device the route leaves through"},
    [R_SRC] = {.kw = "src",
	       .kind = ARG_ADDR,
	       .metavar = "ADDR",
	       .help = "the source address for packets the host sends by this route"},
    [R_METRIC] = {.kw = "metric",
		  .alias = "preference",
		  .aliases = route_metric_aliases,
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
    [R_WINDOW] = {.kw = "window",
		  .kind = ARG_U32,
		  .prefix = "lock",
		  .metavar = "N",
		  .help = "the largest TCP window offered to destinations by this route, in bytes"},
    [R_RTT] = {.kw = "rtt",
	       .kind = ARG_MSEC,
	       .prefix = "lock",
	       .metavar = "TIME",
	       .help = "the round-trip time TCP starts from (N alone: the kernel's units, "
		       "eighths of a millisecond)"},
    [R_RTTVAR] = {.kw = "rttvar",
		  .kind = ARG_MSEC,
		  .prefix = "lock",
		  .metavar = "TIME",
		  .help = "the round-trip time's variance TCP starts from (N alone: quarters "
			  "of a millisecond)"},
    [R_REORDERING] = {.kw = "reordering",
		      .kind = ARG_U32,
		      .prefix = "lock",
		      .metavar = "N",
		      .help = "how far out of order TCP takes packets to be before it "
			      "retransmits"},
    [R_HOPLIMIT] = {.kw = "hoplimit",
		    .kind = ARG_U32,
		    .max = 255,
		    .prefix = "lock",
		    .metavar = "N",
		    .help = "the TTL (hop limit) of packets sent by this route"},
    [R_INITRWND] = {.kw = "initrwnd",
		    .kind = ARG_U32,
		    .prefix = "lock",
		    .metavar = "N",
		    .help = "TCP's initial receive window, in segments"},
    [R_FEATURES] = {.kw = "features",
		    .kind = ARG_ENUM,
		    .words = features_words,
		    .metavar = "FEATURE",
		    .help = "ecn: TCP asks for explicit congestion notification"},
    [R_QUICKACK] = {.kw = "quickack",
		    .kind = ARG_U32,
		    .max = 1,
		    .metavar = "0|1",
		    .help = "1: TCP acknowledges at once, without delayed ACKs"},
    [R_CONGCTL] = {.kw = "congctl",
		   .kind = ARG_STRING,
		   .prefix = "lock",
		   .metavar = "NAME",
		   .help = "TCP's congestion control algorithm for this route (locked: even "
			   "over a socket's own)"},
    [R_FASTOPEN] = {.kw = "fastopen_no_cookie",
		    .kind = ARG_U32,
		    .max = 1,
		    .metavar = "0|1",
		    .help = "1: TCP Fast Open without a cookie"},
    [R_SSTHRESH] = {.kw = "ssthresh",
		    .kind = ARG_U32,
		    .prefix = "lock",
		    .metavar = "N",
		    .help = "TCP's initial slow start threshold, in segments"},
    [R_CWND] = {.kw = "cwnd",
		.kind = ARG_U32,
		.prefix = "lock",
		.metavar = "N",
		.help = "TCP's congestion window clamp, in segments (used only locked)"},
    [R_RTO_MIN] = {.kw = "rto_min",
		   .kind = ARG_MSEC,
		   .prefix = "lock",
		   .metavar = "TIME",
		   .help = "TCP's least retransmission timeout (N alone: milliseconds)"},
    [R_EXPIRES] = {.kw = "expires",
		   .kind = ARG_U32,
		   .metavar = "SECONDS",
		   .help = "an IPv6 route's lifetime: the kernel removes it after that"},
    [R_FROM] = {.kw = "from",
		.kind = ARG_PREFIX,
		.flags = ARGF_DEFAULT,
		.metavar = "PREFIX",
		.help = "the source prefix the route is for (IPv6 source routing; IPv4 "
			"ignores it)"},
    [R_NHID] = {.kw = "nhid",
		.kind = ARG_U32,
		.min = 1,
		.metavar = "ID",
		.help = "the nexthop object (vnetctl nexthop) the route goes by"},
    [R_REALM] = {.kw = "realm",
		 .alias = "realms",
		 .kind = ARG_PAIR,
		 .words = rt_realm_words,
		 .values = rt_realm_values,
		 .max = 65535,
		 .metavar = "[FROM/]TO",
		 .help = "the realms of the source and the destination, 0 to 65535 each, for "
			 "policy and accounting (FROM 0 when left out)"},
    [R_TOS] = RT_TOS_ENTRY("the TOS (DS field) the route is for, IPv4 only: a name of "
			   "rt_dsfield or hexadecimal (any when left out)"),
    [R_PREF] = {.kw = "pref",
		.kind = ARG_ENUM,
		.words = pref_words,
		.metavar = "PREF",
		.help = "an IPv6 route's router preference (RFC 4191)"},
    [R_TTL_PROP] = {.kw = "ttl-propagate",
		    .kind = ARG_ENUM,
		    .flags = ARGF_IP_EXACT,
		    .words = ttl_prop_words,
		    .metavar = "enabled|disabled",
		    .help = "whether an MPLS route copies the TTL between the labels and IP "
			    "(RTA_TTL_PROPAGATE)"},
    [R_ENCAP] = ENCAP_ENTRY("a lightweight tunnel the route's packets go into: mpls "
			    "LABEL[/LABEL...] [ttl N], or seg6 mode MODE segs ADDR[,ADDR...] "
			    "[hmac KEYID]"),
    [R_NEXTHOP] = {.kw = "nexthop",
		   .kind = ARG_NEST,
		   .sub = nexthop_args,
		   .nsub = NH_NARGS,
		   .excludes_more = nexthop_excludes,
		   .metavar = "HOP",
		   .help = "one next hop of a multipath route (the rest of the line); "
			   "nexthop again for each next one"},
};

/* ---- add, del, change, replace, append ---------------------------------- */

/* The least path MTU vnetctl takes (IPv4's least, RFC 791). */
#define MTU_LEAST 68u

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
	bool via_other; /* via is of the other family: RTA_VIA */
	int oif;	/* 0: none given */
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
	if (ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_FAIL,
				    "Error: %s address is expected rather than \"%s\".",
				    r->family == AF_INET ? "inet" : "inet6", as_typed);
	if (dst->ip.family != AF_UNSPEC)
		return err_usage(c, "%s %s is %s but %s is %s", kw, as_typed,
				 route_family_word(ip->family), dst->str,
				 route_family_word(r->family));
	return err_usage(c, "%s %s is %s but the route is %s", kw, as_typed,
			 route_family_word(ip->family), route_family_word(r->family));
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
	/* a gateway of the other family after its family's word is the
	 * kernel's RTA_VIA: an IPv4 route via IPv6 */
	r->via_other = v[R_VIA].set && v[R_VIA].ip.family != r->family && v[R_VIA].prefixed;
	if (v[R_VIA].set && !r->via_other &&
	    (rc = family_check(c, r, route_args[R_VIA].kw, &v[R_VIA].ip, v[R_VIA].str, &v[R_DST])) <
		0)
		return rc;
	for (size_t i = 0; i < r->nhops; i++)
		if (r->hops[i].via &&
		    (rc = family_check(c, r, nexthop_args[NH_VIA].kw, r->hops[i].via,
				       r->nhv[i][NH_VIA].str, &v[R_DST])) < 0)
			return rc;
	if (v[R_SRC].set && (rc = family_check(c, r, route_args[R_SRC].kw, &v[R_SRC].ip,
					       v[R_SRC].str, &v[R_DST])) < 0)
		return rc;
	if (v[R_FROM].set && v[R_FROM].ip.family != AF_UNSPEC &&
	    (rc = family_check(c, r, route_args[R_FROM].kw, &v[R_FROM].ip, v[R_FROM].str,
			       &v[R_DST])) < 0)
		return rc;
	if (v[R_PREF].set && r->family != AF_INET6)
		return err_usage(c, "%s is for IPv6 routes only", route_args[R_PREF].kw);
	if (v[R_TOS].set && r->family != AF_INET)
		return err_usage(c, "%s is for IPv4 routes only", route_args[R_TOS].kw);
	/* ip takes a path MTU below IPv4's least, 68, and the kernel too */
	if (v[R_MTU].set && v[R_MTU].u < MTU_LEAST && !ctx_iproute2(c))
		return err_usage(c, "%s %u is out of range (%u..%u)", route_args[R_MTU].kw,
				 v[R_MTU].u, MTU_LEAST, route_args[R_MTU].max);
	if (v[R_EXPIRES].set && r->family != AF_INET6 && !ctx_iproute2(c))
		return err_usage(c, "%s is for IPv6 routes only", route_args[R_EXPIRES].kw);
	r->type = v[R_TYPE].set ? (uint8_t)rt_type_values[v[R_TYPE].e]
		  : add		? RTN_UNICAST
				: RTN_UNSPEC;
	/* ip sends it, and the kernel answers that it has no device */
	if (add && r->type == RTN_UNICAST && !v[R_VIA].set && !v[R_DEV].set && !r->nhops &&
	    !v[R_NHID].set && !ctx_iproute2(c))
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
		/* without a gateway (or a nexthop object) the destination is
		 * on the link itself */
		return v[R_VIA].set || r->nhops || v[R_NHID].set ? RT_SCOPE_UNIVERSE
								 : RT_SCOPE_LINK;
	}
	return RT_SCOPE_UNIVERSE;
}

/* A metric's value as the kernel keeps it: rtt in eighths of a millisecond
 * and rttvar in quarters when given with a unit (a bare number is taken as
 * it is, as ip takes it); ecn as its feature bit. */
static uint32_t metric_value(int arg, const struct val *m)
{
	switch (arg) {
	case R_RTT:
		return m->hi ? m->u * 8 : m->u;
	case R_RTTVAR:
		return m->hi ? m->u * 4 : m->u;
	case R_FEATURES:
		return RTAX_FEATURE_ECN;
	}
	return m->u;
}

/* RTA_METRICS: the ones given, and the lock of those given with it. */
static void put_metrics(struct nlmsghdr *nlh, const struct val *v)
{
	static const struct {
		int arg, rtax;
	} metrics[] = {
	    {R_MTU, RTAX_MTU},		 {R_WINDOW, RTAX_WINDOW},
	    {R_RTT, RTAX_RTT},		 {R_RTTVAR, RTAX_RTTVAR},
	    {R_SSTHRESH, RTAX_SSTHRESH}, {R_CWND, RTAX_CWND},
	    {R_ADVMSS, RTAX_ADVMSS},	 {R_REORDERING, RTAX_REORDERING},
	    {R_HOPLIMIT, RTAX_HOPLIMIT}, {R_INITCWND, RTAX_INITCWND},
	    {R_FEATURES, RTAX_FEATURES}, {R_RTO_MIN, RTAX_RTO_MIN},
	    {R_INITRWND, RTAX_INITRWND}, {R_QUICKACK, RTAX_QUICKACK},
	    {R_CONGCTL, RTAX_CC_ALGO},	 {R_FASTOPEN, RTAX_FASTOPEN_NO_COOKIE},
	};
	struct nlattr *nest = NULL;
	uint32_t lock = 0;

	for (size_t i = 0; i < ARRAY_SIZE(metrics); i++) {
		const struct val *m = &v[metrics[i].arg];
		if (!m->set)
			continue;
		if (!nest)
			nest = mnl_attr_nest_start(nlh, RTA_METRICS);
		if (metrics[i].arg == R_CONGCTL)
			mnl_attr_put_strz(nlh, RTAX_CC_ALGO, m->str);
		else
			mnl_attr_put_u32(nlh, (uint16_t)metrics[i].rtax,
					 metric_value(metrics[i].arg, m));
		/* TCP reads rto_min only locked: ip locks it always */
		if (m->prefixed || metrics[i].arg == R_RTO_MIN)
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

/* RTA_VIA: a struct rtvia, the gateway's family and address. */
static void put_via(struct nlmsghdr *nlh, const struct inet_prefix *gw)
{
	size_t alen = route_addr_len(gw->family);
	/* struct rtvia ends in a flexible array: its bytes, then the address */
	uint8_t v[sizeof(struct rtvia) + 16];
	__kernel_sa_family_t family = (__kernel_sa_family_t)gw->family;

	memcpy(v + offsetof(struct rtvia, rtvia_family), &family, sizeof(family));
	memcpy(v + offsetof(struct rtvia, rtvia_addr), gw->bytes, alen);
	mnl_attr_put(nlh, RTA_VIA, offsetof(struct rtvia, rtvia_addr) + alen, v);
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
	if (v[R_FROM].set && v[R_FROM].ip.len) {
		rtm->rtm_src_len = v[R_FROM].ip.len;
		mnl_attr_put(nlh, RTA_SRC, alen, v[R_FROM].ip.bytes);
	}
	if (r->table >= 256)
		mnl_attr_put_u32(nlh, RTA_TABLE, r->table);
	if (v[R_VIA].set && !r->via_other)
		mnl_attr_put(nlh, RTA_GATEWAY, alen, v[R_VIA].ip.bytes);
	if (r->via_other)
		put_via(nlh, &v[R_VIA].ip);
	if (v[R_NHID].set)
		mnl_attr_put_u32(nlh, RTA_NH_ID, v[R_NHID].u);
	if (r->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)r->oif);
	if (v[R_SRC].set)
		mnl_attr_put(nlh, RTA_PREFSRC, alen, v[R_SRC].ip.bytes);
	if (v[R_METRIC].set)
		mnl_attr_put_u32(nlh, RTA_PRIORITY, v[R_METRIC].u);
	if (v[R_REALM].set)
		mnl_attr_put_u32(nlh, RTA_FLOW, v[R_REALM].hi << 16 | v[R_REALM].u);
	if (v[R_PREF].set)
		mnl_attr_put_u8(nlh, RTA_PREF, pref_values[v[R_PREF].e]);
	if (v[R_EXPIRES].set)
		mnl_attr_put_u32(nlh, RTA_EXPIRES, v[R_EXPIRES].u);
	if (v[R_TTL_PROP].set)
		mnl_attr_put_u8(nlh, RTA_TTL_PROPAGATE, (uint8_t)v[R_TTL_PROP].e);
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
		return route_vrf_table(c, v[R_VRF].str, &r->table);
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
	if (v[R_ENCAP].set && (rc = encap_put(c, nlh, &route_args[R_ENCAP], &v[R_ENCAP],
					      RTA_ENCAP_TYPE, RTA_ENCAP)) < 0)
		goto out;
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

/* A route before those to the same destination, added even when one is
 * there already (ip's prepend: create, neither exclusive nor replacing). */
static int route_prepend(struct ctx *c, const struct val *v)
{
	return route_send(c, v, RTM_NEWROUTE, NLM_F_CREATE);
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

/* ---- the object --------------------------------------------------------- */

static const char *const change_aliases[] = {"chg", NULL};

/* In ip route's order, with its spellings (core.h). */
static const struct verb route_verbs[] = {
    VERB("add", route_add, route_args, "add a route"),
    VERB_ALSO("change", change_aliases, route_change, route_args, "change a route that exists"),
    VERB("replace", route_replace, route_args, "change a route, or add it when it is new"),
    VERB("prepend", route_prepend, route_args, "add a route before those to the same destination"),
    VERB("append", route_append, route_args, "add a route beside those to the same destination"),
    VERB_ALSO("del", verb_del_aliases, route_del, route_args,
	      "remove a route: the first that matches the words given"),
    VERB_ALSO("show", verb_show_aliases, route_show, route_show_args,
	      "list the routes of a table (IPv4 unless -6; table all: IPv4 then IPv6)"),
    VERB("get", route_get, route_get_args, "the route the kernel would use for a destination"),
    VERB("flush", route_flush, route_show_args, "remove every route the selectors pick"),
    VERB("save", route_save, route_show_args,
	 "write the routes the selectors pick to stdout, in binary, as ip route save"),
};

VNETCTL_OBJECT_OF(route, "show", "IPv4 and IPv6 routes")
