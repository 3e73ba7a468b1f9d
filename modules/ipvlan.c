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
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>

#include "l2common.h"
#include "out.h"

static const char ipvlan_kind[] = "ipvlan";

/* ---- the arguments ------------------------------------------------------- */

/* IPVLAN_MODE_L2, _L3 and _L3S are 0, 1, 2: a word's index is its value. */
static const char *const mode_words[] = {"l2", "l3", "l3s", NULL};
static const uint32_t mode_values[] = {IPVLAN_MODE_L2, IPVLAN_MODE_L3, IPVLAN_MODE_L3S};

enum add_arg { A_NAME, A_LINK, A_MODE, A_BRIDGE, A_PRIVATE, A_VEPA, A_NARGS };

/* The three flags, each a keyword alone; the exclusions go round the
 * circle (bridge-private, private-vepa, vepa-bridge), so any two clash. */
static const struct arg add_args[A_NARGS] = {
    [A_NAME] = L2_NAME_ENTRY,
    [A_LINK] = L2_LINK_ENTRY("the lower device whose address the new one shares"),
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

enum dev_arg { D_DEV, D_NARGS };

static const struct arg del_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(ARGF_REQUIRED, ipvlan_kind, "the ipvlan device to delete"),
};
static const struct arg show_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(0, ipvlan_kind, "only this device (default: every ipvlan)"),
};

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* The keyword of a flags value: bridge when neither bit is set (the kernel
 * refuses both at once). */
static const char *flag_word(uint16_t flags)
{
	for (size_t i = ARRAY_SIZE(flag_args); i-- > 1;)
		if (flags & flag_args[i].flag)
			return add_args[flag_args[i].arg].kw;
	return add_args[A_BRIDGE].kw;
}

/* " mode l2 bridge" (brief: " l2 bridge"); JSON "mode", "mode_flag". */
static void print_opts(struct ctx *c, const struct nlattr *data, bool brief)
{
	const struct nlattr *tb[IFLA_IPVLAN_MAX + 1];
	struct out *o = c->out;
	uint16_t mode, flags = 0;
	char num[12];

	nl_parse_nested(data, tb, IFLA_IPVLAN_MAX);
	if (l2_attr_u16(tb[IFLA_IPVLAN_MODE], &mode))
		l2_print_word(o, brief ? NULL : add_args[A_MODE].kw, "mode",
			      l2_word_of(mode_words, mode_values, mode, num, sizeof(num)));
	l2_attr_u16(tb[IFLA_IPVLAN_FLAGS], &flags);
	out_str(o, OUT_ANY, "mode_flag", " %s", flag_word(flags));
}

static void ipvlan_kind_print(struct ctx *c, const struct nlattr *data)
{
	print_opts(c, data, false);
}

static void ipvlan_brief(struct ctx *c, const struct nlattr *data)
{
	print_opts(c, data, true);
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name ipvlan_attr_names[IFLA_IPVLAN_MAX + 1] = {
    NL_ATTR(IFLA_IPVLAN_MODE, NL_U16),
    NL_ATTR(IFLA_IPVLAN_FLAGS, NL_U16),
};
static const struct link_kind ipvlan_link_kind = {.kind = ipvlan_kind,
						  .print = ipvlan_kind_print,
						  .data_names = ipvlan_attr_names,
						  .data_max = IFLA_IPVLAN_MAX};
VNETCTL_LINK_KIND(ipvlan_link_kind)

static const struct l2_kind ipvlan_l2 = {
    .link = &ipvlan_link_kind, .brief = ipvlan_brief, .has_lower = true};

/* ---- the verbs ----------------------------------------------------------- */

/* IFLA_LINKINFO { KIND, DATA { IFLA_IPVLAN_MODE, IFLA_IPVLAN_FLAGS } }:
 * each only when given, so the kernel's defaults stand otherwise. */
static int ipvlan_add(struct ctx *c, const struct val *v)
{
	struct l2_msg msg;
	int rc = l2_msg_start(c, &msg, v[A_NAME].str, v[A_LINK].str);

	if (rc < 0)
		return rc;
	l2_data_start(&msg, ipvlan_kind);
	if (v[A_MODE].set)
		mnl_attr_put_u16(msg.nlh, IFLA_IPVLAN_MODE, (uint16_t)mode_values[v[A_MODE].e]);
	for (size_t i = 0; i < ARRAY_SIZE(flag_args); i++)
		if (v[flag_args[i].arg].set)
			mnl_attr_put_u16(msg.nlh, IFLA_IPVLAN_FLAGS, flag_args[i].flag);
	return l2_msg_send(c, &msg, ipvlan_kind, v[A_NAME].str);
}

static int ipvlan_del(struct ctx *c, const struct val *v)
{
	return l2_del(c, &ipvlan_l2, v[D_DEV].str);
}

static int ipvlan_show(struct ctx *c, const struct val *v)
{
	return l2_show(c, &ipvlan_l2, v[D_DEV].set ? v[D_DEV].str : NULL);
}

/* ---- the object ---------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", NULL};

static const struct verb ipvlan_verbs[] = {
    {.name = "add",
     VERB_ARGS(add_args),
     .run = ipvlan_add,
     .help = "make an ipvlan on a lower device, in one request"},
    {.name = "del",
     .aliases = del_aliases,
     VERB_ARGS(del_args),
     .run = ipvlan_del,
     .help = "delete an ipvlan; a device of another kind is refused"},
    {.name = "show",
     .aliases = show_aliases,
     VERB_ARGS(show_args),
     .run = ipvlan_show,
     .help = "list the ipvlan devices: lower device, mode and flag (-br, -j)"},
};

static const struct object ipvlan_object = {
    .name = ipvlan_kind,
    .verbs = ipvlan_verbs,
    .nverbs = ARRAY_SIZE(ipvlan_verbs),
    .default_verb = "show",
    .help = "devices sharing their lower device's MAC address, told apart by IP address",
};
VNETCTL_OBJECT(ipvlan_object)
