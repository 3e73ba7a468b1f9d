// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * route: one route printed as `ip route show` prints it (and `ip -j`, from
 * the same calls): the destination, gateway, device, table, protocol,
 * scope, source, metric, flags, realms, cache info, metrics, preference and
 * every next hop of a multipath route.  Like ip, the defaults (type
 * unicast, proto boot, scope global, table main) are left out unless -d.
 */
#include <errno.h>
#include <linux/icmpv6.h>
#include <linux/in_route.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kind.h"
#include "link.h"
#include "nl.h"
#include "out.h"
#include "route.h"
#include "rtnames.h"

/* ---- the parts of a route ----------------------------------------------- */

/* ip ends each word of a line with a blank, where vnetctl puts it before
 * the next: a line of ip's ends in one (but after pref, ip's last word
 * printed without it).  Under ip's name that blank is printed. */
static void ip_blank(const struct ctx *c)
{
	if (ctx_iproute2(c))
		out_text(c->out, " ");
}

size_t route_addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

void route_msg_parse(const struct nlmsghdr *nlh, struct route_msg *m)
{
	m->rtm = mnl_nlmsg_get_payload(nlh);
	nl_parse(nlh, sizeof(*m->rtm), m->tb, RTA_MAX);
	m->table = m->tb[RTA_TABLE] && mnl_attr_get_payload_len(m->tb[RTA_TABLE]) >= 4
		       ? mnl_attr_get_u32(m->tb[RTA_TABLE])
		       : m->rtm->rtm_table;
}

static enum out_color family_color(int family)
{
	return family == AF_INET ? COL_INET : COL_INET6;
}

/* An address attribute of the route's family, or NULL. */
static const char *attr_addr(int family, const struct nlattr *a, char *buf, size_t sz)
{
	if (!a || mnl_attr_get_payload_len(a) < route_addr_len(family))
		return NULL;
	return format_addr(family, mnl_attr_get_payload(a), buf, sz);
}

/* The same, as a host name under -r. */
static const char *attr_host(const struct ctx *c, int family, const struct nlattr *a, char *buf,
			     size_t sz)
{
	if (!a || mnl_attr_get_payload_len(a) < route_addr_len(family))
		return NULL;
	return format_host(c, family, mnl_attr_get_payload(a), buf, sz);
}

/* ADDR, ADDR/LEN, or default: the destination and the source prefix. */
static void print_prefix(const struct ctx *c, int family, const struct nlattr *a, unsigned len,
			 const char *key, const char *fmt)
{
	char addr[HOST_STRLEN], s[HOST_STRLEN + 8];
	struct out *o = c->out;

	/* a host route is the bare address, as in iproute2, and only it
	 * becomes a name under -r */
	if (len == route_addr_len(family) * 8 && attr_host(c, family, a, addr, sizeof(addr))) {
		snprintf(s, sizeof(s), "%s", addr);
	} else if (attr_addr(family, a, addr, sizeof(addr))) {
		snprintf(s, sizeof(s), "%s/%u", addr, len);
	} else if (len) {
		snprintf(s, sizeof(s), "0/%u", len);
	} else {
		snprintf(s, sizeof(s), "%s", prefix_any_words[0]);
	}
	out_strc(o, OUT_ANY, family_color(family), key, fmt, s);
}

static void print_addr(struct out *o, int family, const struct nlattr *a, const char *key,
		       const char *fmt)
{
	char buf[INET6_ADDRSTRLEN];

	if (attr_addr(family, a, buf, sizeof(buf)))
		out_strc(o, OUT_ANY, family_color(family), key, fmt, buf);
}

/* A gateway: a host name under -r, as ip prints it (the preferred source
 * stays a number, as in ip). */
static void print_gateway(const struct ctx *c, int family, const struct nlattr *a)
{
	char buf[HOST_STRLEN];

	if (attr_host(c, family, a, buf, sizeof(buf)))
		out_strc(c->out, OUT_ANY, family_color(family), "gateway", " via %s", buf);
}

/* RTA_VIA: a gateway of another family (an IPv4 route via IPv6). */
static void print_via(const struct ctx *c, const struct nlattr *a)
{
	struct out *o = c->out;
	const struct rtvia *via;
	char buf[HOST_STRLEN];
	size_t len;

	if (!a || mnl_attr_get_payload_len(a) < sizeof(*via))
		return;
	via = mnl_attr_get_payload(a);
	len = mnl_attr_get_payload_len(a) - sizeof(*via);
	if ((via->rtvia_family != AF_INET && via->rtvia_family != AF_INET6) ||
	    len < route_addr_len(via->rtvia_family))
		return;
	format_host(c, via->rtvia_family, via->rtvia_addr, buf, sizeof(buf));
	out_obj_open(o, "via");
	out_str(o, OUT_ANY, "family", " via %s", via->rtvia_family == AF_INET ? "inet" : "inet6");
	out_strc(o, OUT_ANY, family_color(via->rtvia_family), "host", " %s", buf);
	out_obj_close(o);
}

static void print_dev(const struct route_print *p, int index)
{
	char buf[IFNAMSIZ + 16];

	out_strc(p->c->out, OUT_ANY, COL_IFNAME, "dev", " dev %s",
		 ifnames_get(p->names, index, buf, sizeof(buf)));
}

static const struct {
	uint32_t mask;
	const char *word;
} flag_words[] = {
    {RTNH_F_DEAD, "dead"},
    {RTNH_F_ONLINK, "onlink"},
    {RTNH_F_PERVASIVE, "pervasive"},
    {RTNH_F_OFFLOAD, "offload"},
    {RTNH_F_TRAP, "trap"},
    {RTM_F_NOTIFY, "notify"},
    {RTNH_F_LINKDOWN, "linkdown"},
    {RTNH_F_UNRESOLVED, "unresolved"},
    {RTM_F_OFFLOAD, "rt_offload"},
    {RTM_F_TRAP, "rt_trap"},
    {RTM_F_OFFLOAD_FAILED, "rt_offload_failed"},
};

/* Words in text; an array in JSON, empty when none are set (as iproute2). */
static void print_flags(struct out *o, uint32_t flags)
{
	out_list_open(o, "flags");
	for (size_t i = 0; i < ARRAY_SIZE(flag_words); i++)
		if (flags & flag_words[i].mask)
			out_str(o, OUT_ANY, NULL, " %s", flag_words[i].word);
	out_list_close(o);
}

/* RTA_FLOW: the realms, "realm TO" or "realms FROM/TO"; strings in JSON. */
static void print_flow(const struct ctx *c, struct out *o, const struct nlattr *a)
{
	uint32_t v, from, to;
	char b1[16], b2[16];

	if (!a || mnl_attr_get_payload_len(a) < 4)
		return;
	v = mnl_attr_get_u32(a);
	from = v >> 16;
	to = v & 0xffff;
	out_obj_open(o, "flow");
	if (from)
		out_str(o, OUT_ANY, "from", " realms %s/", rt_realm_word(c, from, b1, sizeof(b1)));
	out_str(o, OUT_ANY, "to", from ? "%s" : " realm %s", rt_realm_word(c, to, b2, sizeof(b2)));
	out_obj_close(o);
}

/* ---- metrics ------------------------------------------------------------ */

/* RTA_METRICS' names as ip prints them, by RTAX number. */
static const char *const metric_words[RTAX_MAX + 1] = {
    [RTAX_MTU] = "mtu",		  [RTAX_WINDOW] = "window",
    [RTAX_RTT] = "rtt",		  [RTAX_RTTVAR] = "rttvar",
    [RTAX_SSTHRESH] = "ssthresh", [RTAX_CWND] = "cwnd",
    [RTAX_ADVMSS] = "advmss",	  [RTAX_REORDERING] = "reordering",
    [RTAX_HOPLIMIT] = "hoplimit", [RTAX_INITCWND] = "initcwnd",
    [RTAX_FEATURES] = "features", [RTAX_RTO_MIN] = "rto_min",
    [RTAX_INITRWND] = "initrwnd", [RTAX_QUICKACK] = "quickack",
    [RTAX_CC_ALGO] = "congctl",	  [RTAX_FASTOPEN_NO_COOKIE] = "fastopen_no_cookie",
};

/* rtt, rttvar and rto_min in milliseconds: "12ms", "1.5s" past a second. */
static void print_metric_time(struct out *o, const char *key, uint32_t ms)
{
	char buf[32];

	if (ms >= 1000)
		snprintf(buf, sizeof(buf), " %gs", ms / 1e3);
	else
		snprintf(buf, sizeof(buf), " %ums", ms);
	out_text(o, "%s", buf);
	out_uint(o, OUT_JSON, key, NULL, ms);
}

static void print_metric(struct out *o, int i, const struct nlattr *a)
{
	uint32_t v = 0;
	char key[32];

	if (i == RTAX_CC_ALGO) {
		out_str(o, OUT_ANY, "congestion", " %s", a ? mnl_attr_get_str(a) : "");
		return;
	}
	if (a && mnl_attr_get_payload_len(a) >= 4)
		v = mnl_attr_get_u32(a);
	snprintf(key, sizeof(key), "%s", metric_words[i] ? metric_words[i] : "metric");
	switch (i) {
	case RTAX_RTT: /* the kernel keeps it in eighths of a millisecond */
		print_metric_time(o, key, v / 8);
		break;
	case RTAX_RTTVAR: /* in quarters */
		print_metric_time(o, key, v / 4);
		break;
	case RTAX_RTO_MIN:
		print_metric_time(o, key, v);
		break;
	case RTAX_FEATURES:
		if (v & RTAX_FEATURE_ECN)
			out_null(o, "ecn"), out_text(o, " ecn");
		if (v & ~(uint32_t)RTAX_FEATURE_ECN) {
			char hex[16];
			snprintf(hex, sizeof(hex), "%#x", v);
			out_str(o, OUT_ANY, "features", " %s", hex);
		}
		break;
	default:
		out_uint(o, OUT_ANY, key, " %u", v);
	}
}

/* "mtu lock 1300 advmss 1200": text; JSON "metrics": [{"mtu": 1300, ...}]
 * (no word for the lock there, as ip). */
static void print_metrics(struct out *o, const struct nlattr *nest)
{
	const struct nlattr *mx[RTAX_MAX + 1];
	uint32_t lock = 0;

	if (!nest)
		return;
	nl_parse_nested(nest, mx, RTAX_MAX);
	if (mx[RTAX_LOCK] && mnl_attr_get_payload_len(mx[RTAX_LOCK]) >= 4)
		lock = mnl_attr_get_u32(mx[RTAX_LOCK]);
	out_list_open(o, "metrics");
	out_obj_open(o, NULL);
	for (int i = RTAX_LOCK + 1; i <= RTAX_MAX; i++) {
		bool locked = i < 32 && (lock & (1u << i));

		if (!mx[i] && !locked)
			continue;
		/* a hoplimit of -1 is the system's default: nothing set */
		if (i == RTAX_HOPLIMIT && mx[i] && mnl_attr_get_payload_len(mx[i]) >= 4 &&
		    (int32_t)mnl_attr_get_u32(mx[i]) == -1)
			continue;
		if (metric_words[i])
			out_text(o, " %s", metric_words[i]);
		else
			out_text(o, " metric %d", i);
		if (locked)
			out_text(o, " lock");
		print_metric(o, i, mx[i]);
	}
	out_obj_close(o);
	out_list_close(o);
}

/* ---- the rest ----------------------------------------------------------- */

/* IPv6 router preference, RFC 4191. */
static void print_pref(struct out *o, const struct nlattr *a)
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

/* RTA_CACHEINFO: an IPv6 route's expiry ("expires 299sec"), and its last
 * error, in seconds of the user's clock as ip prints them. */
static void print_cacheinfo(struct out *o, const struct route_msg *m)
{
	const struct nlattr *a = m->tb[RTA_CACHEINFO];
	const struct rta_cacheinfo *ci;
	long hz;

	if (!a || mnl_attr_get_payload_len(a) < sizeof(*ci))
		return;
	if (m->rtm->rtm_family != AF_INET6 && !(m->rtm->rtm_flags & RTM_F_CLONED))
		return;
	ci = mnl_attr_get_payload(a);
	hz = sysconf(_SC_CLK_TCK);
	if (hz <= 0)
		hz = 100;
	if (ci->rta_expires)
		out_int(o, OUT_ANY, "expires", " expires %dsec", (int)(ci->rta_expires / hz));
	if (ci->rta_error)
		out_uint(o, OUT_ANY, "error", " error %u", ci->rta_error);
}

static int nh_attr(const struct nlattr *a, void *data)
{
	const struct nlattr **tb = data;

	if (mnl_attr_get_type(a) <= RTA_MAX)
		tb[mnl_attr_get_type(a)] = a;
	return MNL_CB_OK;
}

/* A lookup's answer (route get): "cache <local,brd>" on a line of its own;
 * JSON "cache": ["local", "brd"]. */
static void print_cache_flags(const struct ctx *c, uint32_t flags)
{
	struct out *o = c->out;
	static const struct {
		uint32_t mask;
		const char *word;
	} words[] = {
	    {RTCF_LOCAL, "local"},
	    {RTCF_REJECT, "reject"},
	    {RTCF_MULTICAST, "mc"},
	    {RTCF_BROADCAST, "brd"},
	    {RTCF_DNAT, "dst-nat"},
	    {RTCF_SNAT, "src-nat"},
	    {RTCF_MASQ, "masq"},
	    {RTCF_DIRECTDST, "dst-direct"},
	    {RTCF_DIRECTSRC, "src-direct"},
	    {RTCF_REDIRECTED, "redirected"},
	    {RTCF_DOREDIRECT, "redirect"},
	    {RTCF_FAST, "fastroute"},
	    {RTCF_NOTIFY, "notify"},
	    {RTCF_TPROXY, "proxy"},
	};
	bool first = true;

	flags &= ~0xffffu;
	out_list_open(o, "cache");
	ip_blank(c);
	out_nl(o);
	out_text(o, "    cache");
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		if (!(flags & words[i].mask))
			continue;
		flags &= ~words[i].mask;
		out_str(o, OUT_ANY, NULL, first ? " <%s" : ",%s", words[i].word);
		first = false;
	}
	if (flags) {
		char hex[16];
		snprintf(hex, sizeof(hex), "%x", flags);
		out_str(o, OUT_ANY, NULL, first ? " <%s" : ",%s", hex);
		first = false;
	}
	if (!first)
		out_text(o, ">");
	out_list_close(o);
}

/* "\tnexthop via GW dev D weight W", each on its own line; JSON
 * "nexthops": [{"gateway", "dev", "weight", "flags"}]. */
static void print_multipath(const struct route_print *p, const struct route_msg *m)
{
	const struct nlattr *a = m->tb[RTA_MULTIPATH];
	struct out *o = p->c->out;
	const struct rtnexthop *nh;
	int family = m->rtm->rtm_family;
	size_t left, step;

	if (!a)
		return;
	nh = mnl_attr_get_payload(a);
	left = mnl_attr_get_payload_len(a);
	out_list_open(o, "nexthops");
	while (left >= sizeof(*nh) && nh->rtnh_len >= sizeof(*nh) && nh->rtnh_len <= left) {
		out_obj_open(o, NULL);
		out_nl(o);
		out_text(o, "\tnexthop");
		if (nh->rtnh_len > sizeof(*nh)) {
			const struct nlattr *tb[RTA_MAX + 1] = {0};

			mnl_attr_parse_payload(RTNH_DATA(nh), nh->rtnh_len - RTNH_LENGTH(0),
					       nh_attr, tb);
			print_gateway(p->c, family, tb[RTA_GATEWAY]);
			print_via(p->c, tb[RTA_VIA]);
			print_flow(p->c, o, tb[RTA_FLOW]);
		}
		if (nh->rtnh_ifindex)
			print_dev(p, nh->rtnh_ifindex);
		out_int(o, OUT_ANY, "weight", " weight %d", nh->rtnh_hops + 1);
		print_flags(o, nh->rtnh_flags);
		ip_blank(p->c);
		out_obj_close(o);
		step = RTNH_ALIGN((size_t)nh->rtnh_len);
		left -= step < left ? step : left;
		nh = RTNH_NEXT(nh);
	}
	out_list_close(o);
}

/* The table, protocol and scope, each left out at its default (as ip). */
static void print_where(const struct route_print *p, const struct route_msg *m)
{
	struct out *o = p->c->out;
	bool details = ctx_details(p->c);
	char buf[16];

	if (p->all_tables && m->table && (m->table != RT_TABLE_MAIN || details))
		out_str(o, OUT_ANY, "table", " table %s",
			rt_table_word(p->c, m->table, buf, sizeof(buf)));
	/* a lookup's answer (route get) has neither */
	if (m->rtm->rtm_flags & RTM_F_CLONED)
		return;
	if ((m->rtm->rtm_protocol != RTPROT_BOOT || details) && !(p->hide & ROUTE_HIDE_PROTO))
		out_str(o, OUT_ANY, "protocol", " proto %s",
			rt_proto_word(p->c, m->rtm->rtm_protocol, buf, sizeof(buf)));
	if ((m->rtm->rtm_scope != RT_SCOPE_UNIVERSE || details) && !(p->hide & ROUTE_HIDE_SCOPE))
		out_str(o, OUT_ANY, "scope", " scope %s",
			rt_scope_word(p->c, m->rtm->rtm_scope, buf, sizeof(buf)));
}

void route_print(const struct route_print *p, const struct route_msg *m)
{
	const struct rtmsg *rtm = m->rtm;
	struct out *o = p->c->out;
	int family = rtm->rtm_family;
	char buf[IFNAMSIZ + 16];

	out_obj_open(o, NULL);
	if (rtm->rtm_type != RTN_UNICAST || ctx_details(p->c))
		out_str(o, OUT_ANY, "type", "%s ",
			rt_type_word(p->c, rtm->rtm_type, buf, sizeof(buf)));
	print_prefix(p->c, family, m->tb[RTA_DST], rtm->rtm_dst_len, "dst", "%s");
	if (rtm->rtm_src_len || m->tb[RTA_SRC])
		print_prefix(p->c, family, m->tb[RTA_SRC], rtm->rtm_src_len, "from", " from %s");
	if (rtm->rtm_tos && !(p->hide & ROUTE_HIDE_TOS))
		out_str(o, OUT_ANY, "tos", " tos %s",
			rt_dsfield_word(p->c, rtm->rtm_tos, buf, sizeof(buf)));
	if (!(p->hide & ROUTE_HIDE_VIA)) {
		print_gateway(p->c, family, m->tb[RTA_GATEWAY]);
		print_via(p->c, m->tb[RTA_VIA]);
	}
	if (m->tb[RTA_OIF] && !(p->hide & ROUTE_HIDE_DEV))
		print_dev(p, (int)mnl_attr_get_u32(m->tb[RTA_OIF]));
	if (m->tb[RTA_NH_ID])
		out_uint(o, OUT_ANY, "nhid", " nhid %u", mnl_attr_get_u32(m->tb[RTA_NH_ID]));
	print_where(p, m);
	if (!(p->hide & ROUTE_HIDE_SRC))
		print_addr(o, family, m->tb[RTA_PREFSRC], "prefsrc", " src %s");
	if (m->tb[RTA_PRIORITY] && !(p->hide & ROUTE_HIDE_METRIC))
		out_uint(o, OUT_ANY, "metric", " metric %u", mnl_attr_get_u32(m->tb[RTA_PRIORITY]));
	print_flags(o, rtm->rtm_flags);
	if (m->tb[RTA_MARK] && mnl_attr_get_u32(m->tb[RTA_MARK])) {
		uint32_t mark = mnl_attr_get_u32(m->tb[RTA_MARK]);
		/* ip's text: in decimal below 16, in hexadecimal from 16 */
		out_uint(o, OUT_ANY, "mark", mark < 16 ? " mark %u" : " mark %#x", mark);
	}
	if (!(p->hide & ROUTE_HIDE_FLOW))
		print_flow(p->c, o, m->tb[RTA_FLOW]);
	if (m->tb[RTA_UID])
		out_uint(o, OUT_ANY, "uid", " uid %u", mnl_attr_get_u32(m->tb[RTA_UID]));
	if (family == AF_INET && (rtm->rtm_flags & RTM_F_CLONED))
		print_cache_flags(p->c, rtm->rtm_flags);
	print_cacheinfo(o, m);
	if (m->tb[RTA_IIF])
		out_strc(
		    o, OUT_ANY, COL_IFNAME, "iif", " iif %s",
		    ifnames_get(p->names, (int)mnl_attr_get_u32(m->tb[RTA_IIF]), buf, sizeof(buf)));
	print_metrics(o, m->tb[RTA_METRICS]);
	if (!m->tb[RTA_PREF])
		ip_blank(p->c);
	print_pref(o, m->tb[RTA_PREF]);
	print_multipath(p, m);
	out_nl(o);
	out_obj_close(o);
}
