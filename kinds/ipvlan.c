// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ipvlan: devices that share their lower device's Ethernet address and are
 * told apart by IP address instead.  Where a switch port allows only one
 * MAC address, or a host must not show many, these replace macvlans.
 *
 * The mode says at which layer the lower device hands packets over: l2
 * (frames, so ARP and broadcasts work), l3 (routed packets, no broadcast)
 * or l3s (l3 through netfilter's input and output hooks, for conntrack).
 * One of three flags says how the devices on one lower device reach each
 * other: bridge (directly), private (not at all) or vepa (only through the
 * switch outside).  IFLA_IPVLAN_MODE and IFLA_IPVLAN_FLAGS are u16s.
 *
 * An ipvtap is an ipvlan whose packets also reach a character device,
 * /dev/tapN (N its index), as a macvtap's do: the same words and printer.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>

#include "l2common.h"
#include "out.h"

/* ---- the words add takes ------------------------------------------------ */

/* IPVLAN_MODE_L2, _L3 and _L3S are 0, 1, 2: a word's index is its value. */
static const char *const mode_words[] = {"l2", "l3", "l3s", NULL};
static const uint32_t mode_values[] = {IPVLAN_MODE_L2, IPVLAN_MODE_L3, IPVLAN_MODE_L3S};

enum ipvlan_arg { A_MODE, A_BRIDGE, A_PRIVATE, A_VEPA, A_NARGS };

/* The three flags, each a keyword alone; the exclusions go round the
 * circle (bridge-private, private-vepa, vepa-bridge), so any two clash. */
static const struct arg ipvlan_args[A_NARGS] = {
    [A_MODE] = {.kw = "mode",
		.kind = ARG_ENUM,
		.words = mode_words,
		.help = "the layer packets are handed over at: l2, l3, or l3 with netfilter "
			"(default l3)"},
    [A_BRIDGE] = {.kw = "bridge",
		  .kind = ARG_FLAG,
		  .excludes = A_PRIVATE + 1,
		  .help = "devices on one lower device talk directly (the default)"},
    [A_PRIVATE] = {.kw = "private",
		   .kind = ARG_FLAG,
		   .excludes = A_VEPA + 1,
		   .help = "devices on one lower device cannot talk to each other"},
    [A_VEPA] = {.kw = "vepa",
		.kind = ARG_FLAG,
		.excludes = A_BRIDGE + 1,
		.help = "devices on one lower device talk through the switch outside"},
};

/* The flags' IPVLAN_F_* values, by keyword; bridge is none of them. */
static const struct {
	int arg;
	uint16_t flag;
} flag_args[] = {
    {A_BRIDGE, 0},
    {A_PRIVATE, IPVLAN_F_PRIVATE},
    {A_VEPA, IPVLAN_F_VEPA},
};

/* IFLA_INFO_DATA { IFLA_IPVLAN_MODE, IFLA_IPVLAN_FLAGS }: each only when
 * given, so the kernel's defaults stand otherwise. */
static int ipvlan_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		      const struct val *v)
{
	(void)k;
	(void)c;
	if (v[A_MODE].set)
		mnl_attr_put_u16(nlh, IFLA_IPVLAN_MODE, (uint16_t)mode_values[v[A_MODE].e]);
	for (size_t i = 0; i < ARRAY_SIZE(flag_args); i++)
		if (v[flag_args[i].arg].set)
			mnl_attr_put_u16(nlh, IFLA_IPVLAN_FLAGS, flag_args[i].flag);
	return 0;
}

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* The keyword of a flags value: bridge when neither bit is set (the kernel
 * refuses both at once). */
static const char *flag_word(uint16_t flags)
{
	for (size_t i = ARRAY_SIZE(flag_args); i-- > 1;)
		if (flags & flag_args[i].flag)
			return ipvlan_args[flag_args[i].arg].kw;
	return ipvlan_args[A_BRIDGE].kw;
}

/* " mode l2 bridge" (brief: " l2 bridge"); JSON "mode", "mode_flag". */
static void print_opts(struct ctx *c, const struct link_msg *m, bool brief)
{
	const struct nlattr *data = m->info[IFLA_INFO_DATA];
	const struct nlattr *tb[IFLA_IPVLAN_MAX + 1];
	struct out *o = c->out;
	uint16_t mode, flags = 0;
	char num[12];

	nl_parse_nested(data, tb, IFLA_IPVLAN_MAX);
	/* ip's line has two blanks before mode ("ipvlan  mode l2 bridge") */
	if (ctx_iproute2(c) && tb[IFLA_IPVLAN_MODE])
		out_str(o, OUT_TEXT, NULL, "%s", " ");
	if (nl_attr_u16(tb[IFLA_IPVLAN_MODE], &mode))
		l2_print_word(o, brief ? NULL : ipvlan_args[A_MODE].kw, "mode",
			      l2_word_of(mode_words, mode_values, mode, num, sizeof(num)));
	nl_attr_u16(tb[IFLA_IPVLAN_FLAGS], &flags);
	/* under ip's name (only link show -d): ip -j's one key, the flag's,
	 * set to true */
	if (ctx_iproute2(c)) {
		out_str(o, OUT_TEXT, NULL, " %s", flag_word(flags));
		out_bool(o, OUT_JSON, flag_word(flags), NULL, true);
		return;
	}
	out_str(o, OUT_ANY, "mode_flag", " %s", flag_word(flags));
	/* ip -j's keys: one boolean each */
	if (!brief) {
		out_bool(o, OUT_JSON, ipvlan_args[A_PRIVATE].kw, NULL, flags & IPVLAN_F_PRIVATE);
		out_bool(o, OUT_JSON, ipvlan_args[A_VEPA].kw, NULL, flags & IPVLAN_F_VEPA);
		out_bool(o, OUT_JSON, ipvlan_args[A_BRIDGE].kw, NULL,
			 !(flags & (IPVLAN_F_PRIVATE | IPVLAN_F_VEPA)));
	}
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name ipvlan_attr_names[IFLA_IPVLAN_MAX + 1] = {
    NL_ATTR(IFLA_IPVLAN_MODE, NL_U16),
    NL_ATTR(IFLA_IPVLAN_FLAGS, NL_U16),
};

static const struct link_kind ipvlan_kind = {
    .kind = "ipvlan",
    .help = "devices sharing their lower device's MAC address, told apart by IP address",
    VERB_ARGS(ipvlan_args),
    .put = ipvlan_put,
    .values = print_opts,
    .lower = true,
    .lower_address = true,
    KIND_DATA(ipvlan_attr_names),
};
/* ipvtap: an ipvlan whose packets also reach a /dev/tapN character
 * device (for a virtual machine's virtio), with ipvlan's words. */
static const struct link_kind ipvtap_kind = {
    .kind = "ipvtap",
    .help = "ipvlan devices with a /dev/tapN character device, for virtual machines",
    VERB_ARGS(ipvlan_args),
    .put = ipvlan_put,
    .values = print_opts,
    .extra = l2_tap_extra,
    .lower = true,
    .lower_address = true,
    KIND_DATA(ipvlan_attr_names),
};
VNETCTL_LINK_KIND(ipvlan_kind)
VNETCTL_LINK_KIND(ipvtap_kind)
