// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * geneve: Ethernet segments carried over UDP to one remote endpoint
 * (Generic Network Virtualization Encapsulation, RFC 8926), tagged with a
 * 24-bit network identifier.  Where VXLAN's header is fixed, Geneve's has
 * room for options; the kernel's device speaks the same unicast tunnel.
 *
 * IFLA_GENEVE_REMOTE holds an IPv4 endpoint, REMOTE6 an IPv6 one; the
 * destination port, IFLA_GENEVE_PORT in network byte order, defaults in
 * the kernel to IANA's 6081, so it is sent only when given.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/if.h>

#include "l2common.h"
#include "out.h"

/* ---- the words add takes ------------------------------------------------ */

enum geneve_arg { A_ID, A_REMOTE, A_DSTPORT, A_TTL, A_TOS, A_NARGS };

static const struct arg geneve_args[A_NARGS] = {
    [A_ID] = {.kw = "id",
	      .kind = ARG_U32,
	      .flags = ARGF_REQUIRED,
	      .max = L2_VNI_MAX,
	      .metavar = "VNI",
	      .help = "the network identifier, 0..16777215"},
    [A_REMOTE] = {.kw = "remote",
		  .kind = ARG_ADDR,
		  .flags = ARGF_REQUIRED,
		  .help = "the endpoint frames go to, a unicast IPv4 or IPv6 address"},
    [A_DSTPORT] = {.kw = "dstport",
		   .kind = ARG_U32,
		   .max = 65535,
		   .metavar = "PORT",
		   .help = "the UDP destination port (default 6081, IANA's)"},
    [A_TTL] = {.kw = "ttl",
	       .kind = ARG_U32,
	       .max = 255,
	       .help = "the outer packets' time to live, 0..255 (default 0: the route's)"},
    [A_TOS] = {.kw = "tos",
	       .kind = ARG_U32,
	       .max = 255,
	       .metavar = "TOS",
	       .help = "the outer packets' TOS byte, 0..255 or 0x00..0xff (default 0; 1: "
		       "the inner packet's)"},
};

/* IFLA_GENEVE_ID, REMOTE|REMOTE6, PORT, TTL, TOS; the kernel refuses a
 * multicast remote too, but only once asked. */
static int geneve_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		      const struct val *v)
{
	(void)k;
	const struct inet_prefix *r = &v[A_REMOTE].ip;

	if (l2_addr_multicast(r))
		return err_usage(c, "%s %s is a multicast address: geneve needs a unicast one",
				 geneve_args[A_REMOTE].kw, v[A_REMOTE].str);
	mnl_attr_put_u32(nlh, IFLA_GENEVE_ID, v[A_ID].u);
	if (r->family == AF_INET)
		mnl_attr_put(nlh, IFLA_GENEVE_REMOTE, sizeof(r->v4), &r->v4);
	else
		mnl_attr_put(nlh, IFLA_GENEVE_REMOTE6, sizeof(r->v6), &r->v6);
	if (v[A_DSTPORT].set)
		mnl_attr_put_u16(nlh, IFLA_GENEVE_PORT, htons((uint16_t)v[A_DSTPORT].u));
	if (v[A_TTL].set)
		mnl_attr_put_u8(nlh, IFLA_GENEVE_TTL, (uint8_t)v[A_TTL].u);
	if (v[A_TOS].set)
		mnl_attr_put_u8(nlh, IFLA_GENEVE_TOS, (uint8_t)v[A_TOS].u);
	return 0;
}

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* In ip -j -d's order; JSON only (see l2_json_facts). */
static const struct l2_fact geneve_facts[] = {
    {IFLA_GENEVE_COLLECT_METADATA, L2_PRESENT, "external"},
    {IFLA_GENEVE_DF, L2_DF, "df"},
    {IFLA_GENEVE_LABEL, L2_LABEL, "label"},
    {IFLA_GENEVE_UDP_CSUM, L2_BOOL, "udp_csum"},
    {IFLA_GENEVE_UDP_ZERO_CSUM6_TX, L2_BOOL, "udp_zero_csum6_tx"},
    {IFLA_GENEVE_UDP_ZERO_CSUM6_RX, L2_BOOL, "udp_zero_csum6_rx"},
    {IFLA_GENEVE_INNER_PROTO_INHERIT, L2_PRESENT, "inner_proto_inherit"},
};

/* " id 42 remote 10.0.0.2 dstport 6081 ttl 0 tos 0x10" (brief: " 42
 * 10.0.0.2"), the JSON keys those of ip -j ("port"), one "remote" for
 * either family; tos only when not 0, "0x10" in JSON too, as ip. */
static void print_opts(struct ctx *c, const struct link_msg *m, bool brief)
{
	const struct nlattr *tb[IFLA_GENEVE_MAX + 1];
	struct out *o = c->out;
	struct inet_prefix p;
	uint32_t id;
	uint16_t port;
	uint8_t ttl, tos;
	char hex[8];

	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_GENEVE_MAX);
	if (nl_attr_u32(tb[IFLA_GENEVE_ID], &id))
		l2_print_uint(o, brief ? NULL : geneve_args[A_ID].kw, "id", id);
	/* JSON as ip spells it: "remote", or "remote6" for IPv6 */
	if (l2_attr_addr(tb[IFLA_GENEVE_REMOTE], &p) || l2_attr_addr(tb[IFLA_GENEVE_REMOTE6], &p))
		l2_print_addr(o, brief ? NULL : geneve_args[A_REMOTE].kw,
			      p.family == AF_INET6 ? "remote6" : geneve_args[A_REMOTE].kw, &p);
	if (brief)
		return;
	if (nl_attr_u16(tb[IFLA_GENEVE_PORT], &port))
		l2_print_uint(o, geneve_args[A_DSTPORT].kw, "port", ntohs(port));
	if (nl_attr_u8(tb[IFLA_GENEVE_TTL], &ttl))
		l2_print_uint(o, geneve_args[A_TTL].kw, "ttl", ttl);
	if (nl_attr_u8(tb[IFLA_GENEVE_TOS], &tos) && tos) {
		snprintf(hex, sizeof(hex), "0x%x", tos);
		l2_print_word(o, geneve_args[A_TOS].kw, "tos", hex);
	}
	l2_json_facts(o, tb, geneve_facts, ARRAY_SIZE(geneve_facts));
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name geneve_attr_names[IFLA_GENEVE_MAX + 1] = {
    NL_ATTR(IFLA_GENEVE_ID, NL_U32),	 NL_ATTR(IFLA_GENEVE_REMOTE, NL_IP),
    NL_ATTR(IFLA_GENEVE_REMOTE6, NL_IP), NL_ATTR(IFLA_GENEVE_PORT, NL_BE16),
    NL_ATTR(IFLA_GENEVE_TTL, NL_U8),	 NL_ATTR(IFLA_GENEVE_TOS, NL_U8),
};

static const struct link_kind geneve_kind = {
    .kind = "geneve",
    .help = "Ethernet segments over UDP to one remote endpoint (Geneve, RFC 8926)",
    VERB_ARGS(geneve_args),
    .put = geneve_put,
    .values = print_opts,
    KIND_DATA(geneve_attr_names),
};
VNETCTL_LINK_KIND(geneve_kind)
