// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * amt: Automatic Multicast Tunneling (RFC 7450), multicast delivered
 * across a network that does not route it.  A gateway (on the receivers'
 * side) finds a relay through the discovery address, sends it its
 * IGMP/MLD reports in UDP and gets the groups' traffic back in UDP; a
 * relay (on the multicast network's side) does the reverse for up to
 * max_tunnels gateways.
 *
 * IFLA_AMT_MODE (u32: AMT_MODE_GATEWAY, _RELAY), _LINK (u32, the
 * underlay device), _LOCAL_IP and _DISCOVERY_IP (IPv4, be32), the ports
 * (be16) and _MAX_TUNNELS (u32).  The kernel requires mode, local and dev,
 * and discovery of a gateway.  _REMOTE_IP is the relay the gateway found:
 * the kernel reports it but takes none, so add has no `remote` and show
 * prints it.  No kernel vnetctl's tests boot has the amt module: its
 * requests are tested by dry run.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/amt.h>
#include <linux/if.h>

#include "l2common.h"
#include "out.h"

enum amt_arg {
	A_MODE,
	A_LOCAL,
	A_DISCOVERY,
	A_DEV,
	A_RELAY_PORT,
	A_GATEWAY_PORT,
	A_MAX_TUNNELS,
	A_NARGS
};

/* AMT_MODE_GATEWAY and _RELAY are 0 and 1: a word's index is its value. */
static const char *const mode_words[] = {"gateway", "relay", NULL};

static const struct arg amt_args[A_NARGS] = {
    [A_MODE] = {.kw = "mode",
		.kind = ARG_ENUM,
		.words = mode_words,
		.help = "gateway (the receivers' side) or relay (the multicast network's) "
			"(required)"},
    [A_LOCAL] = {.kw = "local",
		 .kind = ARG_ADDR,
		 .flags = ARGF_IPV4,
		 .help = "the IPv4 address the tunnels' UDP leaves from (required)"},
    [A_DISCOVERY] = {.kw = "discovery",
		     .kind = ARG_ADDR,
		     .flags = ARGF_IPV4,
		     .help = "a gateway's: the relay discovery address it asks (required for "
			     "a gateway)"},
    [A_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .metavar = "PHYS",
	       .help = "the device the tunnels' UDP leaves by (required)"},
    [A_RELAY_PORT] = {.kw = "relay_port",
		      .kind = ARG_U32,
		      .max = 65535,
		      .metavar = "PORT",
		      .help = "the relay's UDP port (default 2268, IANA's)"},
    [A_GATEWAY_PORT] = {.kw = "gateway_port",
			.kind = ARG_U32,
			.max = 65535,
			.metavar = "PORT",
			.help = "the gateway's UDP port (default 2268)"},
    [A_MAX_TUNNELS] = {.kw = "max_tunnels",
		       .kind = ARG_U32,
		       .max = UINT32_MAX,
		       .metavar = "N",
		       .help = "a relay's: how many gateways it serves at most (default 128)"},
};

static int amt_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		   const struct val *v)
{
	static const int required[] = {A_MODE, A_LOCAL, A_DEV};
	int dev;

	(void)k;
	for (size_t i = 0; i < ARRAY_SIZE(required); i++)
		if (!v[required[i]].set)
			return err_usage(c, "missing %s", amt_args[required[i]].kw);
	if (v[A_MODE].e == AMT_MODE_GATEWAY && !v[A_DISCOVERY].set)
		return err_usage(c, "missing %s: a gateway needs it", amt_args[A_DISCOVERY].kw);
	if ((dev = link_index(c, v[A_DEV].str)) < 0)
		return dev;
	mnl_attr_put_u32(nlh, IFLA_AMT_MODE, (uint32_t)v[A_MODE].e);
	if (v[A_RELAY_PORT].set)
		mnl_attr_put_u16(nlh, IFLA_AMT_RELAY_PORT, htons((uint16_t)v[A_RELAY_PORT].u));
	if (v[A_GATEWAY_PORT].set)
		mnl_attr_put_u16(nlh, IFLA_AMT_GATEWAY_PORT, htons((uint16_t)v[A_GATEWAY_PORT].u));
	mnl_attr_put_u32(nlh, IFLA_AMT_LINK, (uint32_t)dev);
	mnl_attr_put(nlh, IFLA_AMT_LOCAL_IP, 4, &v[A_LOCAL].ip.v4);
	if (v[A_DISCOVERY].set)
		mnl_attr_put(nlh, IFLA_AMT_DISCOVERY_IP, 4, &v[A_DISCOVERY].ip.v4);
	if (v[A_MAX_TUNNELS].set)
		mnl_attr_put_u32(nlh, IFLA_AMT_MAX_TUNNELS, v[A_MAX_TUNNELS].u);
	return 0;
}

/* " 10.0.0.1" after kw, of an IPv4 attribute. */
static void print_v4(struct out *o, const struct nlattr *a, const char *kw)
{
	struct inet_prefix p;

	if (l2_attr_addr(a, &p) && p.family == AF_INET)
		l2_print_addr(o, kw, kw, &p);
}

/* " mode gateway gateway_port 2268 relay_port 2268 local 10.0.0.1 remote
 * 10.0.0.2 discovery 10.0.0.2 dev eth0 max_tunnels 128", ip -j's keys in
 * its order (the device as "link"); ip prints the mode with no keyword. */
static void amt_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_AMT_MAX + 1];
	struct out *o = c->out;
	char num[12];
	uint32_t u32;
	uint16_t u16;

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_AMT_MAX);
	if (nl_attr_u32(tb[IFLA_AMT_MODE], &u32)) {
		snprintf(num, sizeof(num), "%u", u32);
		l2_print_word(o, ctx_iproute2(c) ? NULL : amt_args[A_MODE].kw, "mode",
			      u32 <= AMT_MODE_MAX ? mode_words[u32] : num);
	}
	if (nl_attr_u16(tb[IFLA_AMT_GATEWAY_PORT], &u16))
		l2_print_uint(o, amt_args[A_GATEWAY_PORT].kw, "gateway_port", ntohs(u16));
	if (nl_attr_u16(tb[IFLA_AMT_RELAY_PORT], &u16))
		l2_print_uint(o, amt_args[A_RELAY_PORT].kw, "relay_port", ntohs(u16));
	print_v4(o, tb[IFLA_AMT_LOCAL_IP], amt_args[A_LOCAL].kw);
	print_v4(o, tb[IFLA_AMT_REMOTE_IP], "remote");
	print_v4(o, tb[IFLA_AMT_DISCOVERY_IP], amt_args[A_DISCOVERY].kw);
	if (nl_attr_u32(tb[IFLA_AMT_LINK], &u32))
		l2_print_dev(c, amt_args[A_DEV].kw, "link", u32);
	if (nl_attr_u32(tb[IFLA_AMT_MAX_TUNNELS], &u32))
		l2_print_uint(o, amt_args[A_MAX_TUNNELS].kw, "max_tunnels", u32);
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name amt_attr_names[IFLA_AMT_MAX + 1] = {
    NL_ATTR(IFLA_AMT_MODE, NL_U32),	     NL_ATTR(IFLA_AMT_RELAY_PORT, NL_BE16),
    NL_ATTR(IFLA_AMT_GATEWAY_PORT, NL_BE16), NL_ATTR(IFLA_AMT_LINK, NL_U32),
    NL_ATTR(IFLA_AMT_LOCAL_IP, NL_IP),	     NL_ATTR(IFLA_AMT_REMOTE_IP, NL_IP),
    NL_ATTR(IFLA_AMT_DISCOVERY_IP, NL_IP),   NL_ATTR(IFLA_AMT_MAX_TUNNELS, NL_U32),
};

static const struct link_kind amt_kind = {
    .kind = "amt",
    .help = "Automatic Multicast Tunneling (RFC 7450): multicast over a unicast network",
    VERB_ARGS(amt_args),
    .put = amt_put,
    .show = amt_show,
    KIND_DATA(amt_attr_names),
};
VNETCTL_LINK_KIND(amt_kind)
