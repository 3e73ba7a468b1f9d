// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * macvlan and macvtap: devices with an Ethernet address of their own on a
 * lower Ethernet device, which hands each one the frames for its address.
 * A macvtap is a macvlan whose frames also reach a character device,
 * /dev/tapN, N its ifindex: a virtual machine's network card (qemu and
 * vhost-net read and write it).
 *
 * Both take the same arguments and the kernel the same attributes
 * (IFLA_MACVLAN_*), so both objects are described here by one add table
 * and one printer.  Only the kind differs, and with it the devices
 * completion offers to del and show.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <linux/if_ether.h>

#include "l2common.h"
#include "out.h"

static const char macvlan_kind[] = "macvlan";
static const char macvtap_kind[] = "macvtap";

/* ---- the arguments ------------------------------------------------------- */

/* The modes and their MACVLAN_MODE_* values, index for index. */
static const char *const mode_words[] = {"private", "vepa", "bridge", "passthru", "source", NULL};
static const uint32_t mode_bits[] = {MACVLAN_MODE_PRIVATE, MACVLAN_MODE_VEPA, MACVLAN_MODE_BRIDGE,
				     MACVLAN_MODE_PASSTHRU, MACVLAN_MODE_SOURCE};

enum add_arg { A_NAME, A_LINK, A_MODE, A_ADDRESS, A_NARGS };

static const struct arg add_args[A_NARGS] = {
    [A_NAME] = L2_NAME_ENTRY,
    [A_LINK] = L2_LINK_ENTRY("the lower Ethernet device the new one receives through"),
    [A_MODE] = {.kw = "mode",
		.kind = ARG_ENUM,
		.words = mode_words,
		.help = "how devices on one lower device reach each other (default vepa)"},
    [A_ADDRESS] = L2_ADDRESS_ENTRY,
};

enum dev_arg { D_DEV, D_NARGS };

static const struct arg macvlan_del_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(ARGF_REQUIRED, macvlan_kind, "the macvlan device to delete"),
};
static const struct arg macvlan_show_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(0, macvlan_kind, "only this device (default: every macvlan)"),
};
static const struct arg macvtap_del_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(ARGF_REQUIRED, macvtap_kind, "the macvtap device to delete"),
};
static const struct arg macvtap_show_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(0, macvtap_kind, "only this device (default: every macvtap)"),
};

/* ---- printing, shared by show and `link show -d` ------------------------- */

static void print_mode(struct ctx *c, const struct nlattr *data, bool brief)
{
	const struct nlattr *tb[IFLA_MACVLAN_MAX + 1];
	uint32_t mode;
	char num[12];
	const char *word;

	nl_parse_nested(data, tb, IFLA_MACVLAN_MAX);
	if (!l2_attr_u32(tb[IFLA_MACVLAN_MODE], &mode))
		return;
	word = l2_word_of(mode_words, mode_bits, mode, num, sizeof(num));
	l2_print_word(c->out, brief ? NULL : add_args[A_MODE].kw, "mode", word);
}

/* " mode bridge" */
static void mac_kind_print(struct ctx *c, const struct nlattr *data)
{
	print_mode(c, data, false);
}

static void mac_brief(struct ctx *c, const struct nlattr *data)
{
	print_mode(c, data, true);
}

/* " tap /dev/tap7" (brief: " /dev/tap7"): the kernel names the character
 * device after the ifindex.  Read from that rather than from
 * /sys/class/net/NAME/macvtap/, which with -n would be the sysfs of the
 * namespace vnetctl started in. */
static void tap_extra(struct ctx *c, const struct link_msg *m, bool brief)
{
	char path[32];

	snprintf(path, sizeof(path), "/dev/tap%d", m->ifi->ifi_index);
	l2_print_word(c->out, brief ? NULL : "tap", "tap_device", path);
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name mac_attr_names[IFLA_MACVLAN_MAX + 1] = {
    NL_ATTR(IFLA_MACVLAN_MODE, NL_U32),
};
static const struct link_kind macvlan_link_kind = {.kind = macvlan_kind,
						   .print = mac_kind_print,
						   .data_names = mac_attr_names,
						   .data_max = IFLA_MACVLAN_MAX};
static const struct link_kind macvtap_link_kind = {.kind = macvtap_kind,
						   .print = mac_kind_print,
						   .data_names = mac_attr_names,
						   .data_max = IFLA_MACVLAN_MAX};
VNETCTL_LINK_KIND(macvlan_link_kind)
VNETCTL_LINK_KIND(macvtap_link_kind)

static const struct l2_kind macvlan_l2 = {
    .link = &macvlan_link_kind, .brief = mac_brief, .has_lower = true};
static const struct l2_kind macvtap_l2 = {
    .link = &macvtap_link_kind, .brief = mac_brief, .extra = tap_extra, .has_lower = true};

/* ---- the verbs, for both objects ----------------------------------------- */

static const struct object macvtap_object;

static const struct l2_kind *kind_of(const struct ctx *c)
{
	return c->obj == &macvtap_object ? &macvtap_l2 : &macvlan_l2;
}

/* IFLA_ADDRESS, then IFLA_LINKINFO { KIND, DATA { IFLA_MACVLAN_MODE } } */
static int mac_add(struct ctx *c, const struct val *v)
{
	const char *kind = kind_of(c)->link->kind;
	struct l2_msg msg;
	int rc = l2_check_mac(c, add_args[A_ADDRESS].kw, &v[A_ADDRESS]);

	if (rc == 0)
		rc = l2_msg_start(c, &msg, v[A_NAME].str, v[A_LINK].str);
	if (rc < 0)
		return rc;
	if (v[A_ADDRESS].set)
		mnl_attr_put(msg.nlh, IFLA_ADDRESS, ETH_ALEN, v[A_ADDRESS].mac);
	l2_data_start(&msg, kind);
	if (v[A_MODE].set)
		mnl_attr_put_u32(msg.nlh, IFLA_MACVLAN_MODE, mode_bits[v[A_MODE].e]);
	return l2_msg_send(c, &msg, kind, v[A_NAME].str);
}

static int mac_del(struct ctx *c, const struct val *v)
{
	return l2_del(c, kind_of(c), v[D_DEV].str);
}

static int mac_show(struct ctx *c, const struct val *v)
{
	return l2_show(c, kind_of(c), v[D_DEV].set ? v[D_DEV].str : NULL);
}

/* ---- the objects --------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", NULL};

/* Each verb written once, for both objects; what names the kind in help. */
#define ADD_VERB(what)                                                                             \
	{                                                                                          \
		.name = "add", VERB_ARGS(add_args), .run = mac_add,                                \
		.help = "make a " what " on a lower device, in one request"                        \
	}
#define DEL_VERB(args, what)                                                                       \
	{                                                                                          \
		.name = "del", .aliases = del_aliases, VERB_ARGS(args), .run = mac_del,            \
		.help = "delete a " what "; a device of another kind is refused"                   \
	}
#define SHOW_VERB(args, what)                                                                      \
	{                                                                                          \
		.name = "show", .aliases = show_aliases, VERB_ARGS(args), .run = mac_show,         \
		.help = "list the " what " devices: lower device, mode, address (-br, -j)"         \
	}

static const struct verb macvlan_verbs[] = {
    ADD_VERB("macvlan"),
    DEL_VERB(macvlan_del_args, "macvlan"),
    SHOW_VERB(macvlan_show_args, "macvlan"),
};
static const struct verb macvtap_verbs[] = {
    ADD_VERB("macvtap"),
    DEL_VERB(macvtap_del_args, "macvtap"),
    SHOW_VERB(macvtap_show_args, "macvtap"),
};

static const struct object macvlan_object = {
    .name = macvlan_kind,
    .verbs = macvlan_verbs,
    .nverbs = ARRAY_SIZE(macvlan_verbs),
    .default_verb = "show",
    .help = "devices with their own MAC address on a lower Ethernet device",
};
static const struct object macvtap_object = {
    .name = macvtap_kind,
    .verbs = macvtap_verbs,
    .nverbs = ARRAY_SIZE(macvtap_verbs),
    .default_verb = "show",
    .help = "macvlan devices with a /dev/tapN character device, for virtual machines",
};
VNETCTL_OBJECT(macvlan_object)
VNETCTL_OBJECT(macvtap_object)
