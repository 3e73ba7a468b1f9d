// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What ip -j -d gives of a tunnel and its add takes no word for (see
 * tnl.h): what an ipip, sit or ip6tnl carries, an IPv6 tunnel's traffic
 * class and flow label, a sit's 6rd prefixes.  JSON only.
 */
#include <arpa/inet.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>
#include <stdio.h>
#include <string.h>

#include "nl.h"
#include "out.h"
#include "tnl.h"

/* ip -j's "proto" of an ipip, sit or ip6tnl: what it carries, by ip's word. */
static void print_proto(struct out *o, const struct tnl_kind *k, const struct tnl *t)
{
	bool six = k->family == AF_INET6;
	const char *w;
	char num[8];

	if (!tnl_got(t, t->a->proto))
		return;
	switch (t->v[t->a->proto]) {
	case IPPROTO_IPIP:
		w = six ? "ipip6" : "ipip";
		break;
	case IPPROTO_IPV6:
		w = six ? "ip6ip6" : "ip6ip";
		break;
	case IPPROTO_MPLS:
		w = six ? "mplsip6" : "mplsip";
		break;
	case 0:
		w = "any";
		break;
	default:
		snprintf(num, sizeof(num), "%u", t->v[t->a->proto]);
		w = num;
	}
	out_str(o, OUT_JSON, "proto", NULL, w);
}

/* ip -j's "tclass" and "flowlabel" of an IPv6 tunnel, hex strings, or
 * its inherit flags. */
static void print_flowinfo(struct out *o, const struct tnl *t)
{
	uint32_t fi = ntohl(t->v[t->a->flowinfo]);
	char buf[16];

	if (!tnl_got(t, t->a->flowinfo))
		return;
	if (t->v[t->a->flags] & IP6_TNL_F_USE_ORIG_TCLASS) {
		out_bool(o, OUT_JSON, "ip6_tnl_f_use_orig_tclass", NULL, true);
	} else {
		snprintf(buf, sizeof(buf), "0x%02x", (fi & 0x0ff00000) >> 20);
		out_str(o, OUT_JSON, "tclass", NULL, buf);
	}
	if (t->v[t->a->flags] & IP6_TNL_F_USE_ORIG_FLOWLABEL) {
		out_bool(o, OUT_JSON, "ip6_tnl_f_use_orig_flowlabel", NULL, true);
	} else {
		snprintf(buf, sizeof(buf), "0x%05x", fi & 0x000fffff);
		out_str(o, OUT_JSON, "flowlabel", NULL, buf);
	}
}

/* A u16 attribute, 0 when absent or of another size. */
static uint16_t l16(const struct nlattr *a)
{
	return a && mnl_attr_get_payload_len(a) == 2 ? mnl_attr_get_u16(a) : 0;
}

/* A sit's 6rd prefixes, JSON only, as ip -j gives them when set. */
static void print_6rd(struct out *o, const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_IPTUN_MAX + 1];
	char buf[INET6_ADDRSTRLEN];

	uint16_t len, rlen;

	nl_parse_nested(data, tb, IFLA_IPTUN_MAX);
	len = l16(tb[IFLA_IPTUN_6RD_PREFIXLEN]);
	rlen = l16(tb[IFLA_IPTUN_6RD_RELAY_PREFIXLEN]);
	if (len && tb[IFLA_IPTUN_6RD_PREFIX] &&
	    mnl_attr_get_payload_len(tb[IFLA_IPTUN_6RD_PREFIX]) == 16) {
		out_str(o, OUT_JSON, "prefix", NULL,
			format_addr(AF_INET6, mnl_attr_get_payload(tb[IFLA_IPTUN_6RD_PREFIX]), buf,
				    sizeof(buf)));
		out_uint(o, OUT_JSON, "prefixlen", NULL, len);
	}
	if (rlen && tb[IFLA_IPTUN_6RD_RELAY_PREFIX] &&
	    mnl_attr_get_payload_len(tb[IFLA_IPTUN_6RD_RELAY_PREFIX]) == 4) {
		out_str(o, OUT_JSON, "relay_prefix", NULL,
			format_addr(AF_INET, mnl_attr_get_payload(tb[IFLA_IPTUN_6RD_RELAY_PREFIX]),
				    buf, sizeof(buf)));
		out_uint(o, OUT_JSON, "relay_prefixlen", NULL, rlen);
	}
}

void tnl_print_json_extra(struct out *o, const struct tnl_kind *k, const struct tnl *t,
			  const struct nlattr *data)
{
	print_proto(o, k, t);
	if (k->family == AF_INET6)
		print_flowinfo(o, t);
	if (!strcmp(k->link.kind, "sit"))
		print_6rd(o, data);
}
