// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bareudp: L3 packets (IP, IPv6, MPLS) carried in UDP with no header of
 * their own, to the UDP destination port that says which protocol they
 * are (RFC 8086's MPLS over UDP is the common case, port 6635).  The
 * device is a metadata device: where each packet goes is set by tc or BPF
 * (tunnel keys), so it takes no remote.
 *
 * IFLA_BAREUDP_PORT and _ETHERTYPE are be16 and both required;
 * _SRCPORT_MIN is a host-order u16; _MULTIPROTO_MODE is a flag that lets
 * an IPv4 device carry IPv6 too (and MPLS unicast, multicast).  No kernel
 * vnetctl's tests boot has the bareudp module: its requests are tested by
 * dry run.
 */
#include <arpa/inet.h>
#include <linux/if_ether.h>

#include "l2common.h"
#include "out.h"

enum bareudp_arg { A_DSTPORT, A_ETHERTYPE, A_SRCPORTMIN, A_MULTIPROTO, A_NOMULTIPROTO, A_NARGS };

/* The protocols by ip's names (ll_proto's); any other as a number. */
static const char *const proto_words[] = {"ip", "ipv6", "mpls_uc", "mpls_mc", NULL};
static const uint32_t proto_values[] = {ETH_P_IP, ETH_P_IPV6, ETH_P_MPLS_UC, ETH_P_MPLS_MC};

static const struct arg bareudp_args[A_NARGS] = {
    [A_DSTPORT] = {.kw = "dstport",
		   .kind = ARG_U32,
		   .max = 65535,
		   .metavar = "PORT",
		   .help = "the UDP port the packets are sent to and received on (required)"},
    [A_ETHERTYPE] = {.kw = "ethertype",
		     .kind = ARG_U32,
		     .max = 65535,
		     .words = proto_words,
		     .values = proto_values,
		     .metavar = "PROTO",
		     .help = "the protocol carried: ip, ipv6, mpls_uc, mpls_mc or its number "
			     "(required)"},
    [A_SRCPORTMIN] = {.kw = "srcportmin",
		      .kind = ARG_U32,
		      .max = 65535,
		      .metavar = "PORT",
		      .help = "the lowest UDP source port (a hash of the flow picks one "
			      "above)"},
    [A_MULTIPROTO] = {.kw = "multiproto",
		      .kind = ARG_FLAG,
		      .excludes = A_NOMULTIPROTO + 1,
		      .help = "an ip device carries ipv6 too, an mpls_uc one mpls_mc too"},
    [A_NOMULTIPROTO] = {.kw = "nomultiproto",
			.kind = ARG_FLAG,
			.help = "carry only the ethertype given (the default)"},
};

static int bareudp_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		       const struct val *v)
{
	(void)k;
	if (!v[A_DSTPORT].set || !v[A_ETHERTYPE].set)
		return err_usage(c, "missing %s",
				 bareudp_args[v[A_DSTPORT].set ? A_ETHERTYPE : A_DSTPORT].kw);
	mnl_attr_put_u16(nlh, IFLA_BAREUDP_PORT, htons((uint16_t)v[A_DSTPORT].u));
	mnl_attr_put_u16(nlh, IFLA_BAREUDP_ETHERTYPE, htons((uint16_t)v[A_ETHERTYPE].u));
	if (v[A_SRCPORTMIN].set)
		mnl_attr_put_u16(nlh, IFLA_BAREUDP_SRCPORT_MIN, (uint16_t)v[A_SRCPORTMIN].u);
	if (v[A_MULTIPROTO].set)
		mnl_attr_put(nlh, IFLA_BAREUDP_MULTIPROTO_MODE, 0, NULL);
	return 0;
}

/* " dstport 6635 ethertype mpls_uc srcportmin 49153 nomultiproto", ip -j's
 * keys (multiproto always, a boolean). */
static void bareudp_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_BAREUDP_MAX + 1];
	struct out *o = c->out;
	char num[12];
	uint16_t u16;

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_BAREUDP_MAX);
	if (nl_attr_u16(tb[IFLA_BAREUDP_PORT], &u16))
		l2_print_uint(o, bareudp_args[A_DSTPORT].kw, "dstport", ntohs(u16));
	if (nl_attr_u16(tb[IFLA_BAREUDP_ETHERTYPE], &u16)) {
		const char *w = l2_word_of(proto_words, proto_values, ntohs(u16), num, sizeof(num));
		if (w == num)
			snprintf(num, sizeof(num), "0x%04x", ntohs(u16));
		l2_print_word(o, bareudp_args[A_ETHERTYPE].kw, "ethertype", w);
	}
	if (nl_attr_u16(tb[IFLA_BAREUDP_SRCPORT_MIN], &u16))
		l2_print_uint(o, bareudp_args[A_SRCPORTMIN].kw, "srcportmin", u16);
	out_str(o, OUT_TEXT, NULL, " %s",
		bareudp_args[tb[IFLA_BAREUDP_MULTIPROTO_MODE] ? A_MULTIPROTO : A_NOMULTIPROTO].kw);
	out_bool(o, OUT_JSON, "multiproto", "", tb[IFLA_BAREUDP_MULTIPROTO_MODE] != NULL);
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name bareudp_attr_names[IFLA_BAREUDP_MAX + 1] = {
    NL_ATTR(IFLA_BAREUDP_PORT, NL_BE16),
    NL_ATTR(IFLA_BAREUDP_ETHERTYPE, NL_BE16),
    NL_ATTR(IFLA_BAREUDP_SRCPORT_MIN, NL_U16),
    NL_ATTR(IFLA_BAREUDP_MULTIPROTO_MODE, NL_FLAG),
};

static const struct link_kind bareudp_kind = {
    .kind = "bareudp",
    .help = "IP, IPv6 or MPLS packets in bare UDP (RFC 8086), steered by tc or BPF",
    VERB_ARGS(bareudp_args),
    .put = bareudp_put,
    .show = bareudp_show,
    KIND_DATA(bareudp_attr_names),
};
VNETCTL_LINK_KIND(bareudp_kind)
