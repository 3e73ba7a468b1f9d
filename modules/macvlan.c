// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * macvlan and macvtap: devices with an Ethernet address of their own on a
 * lower Ethernet device, which hands each one the frames for its address.
 * A macvtap is a macvlan whose frames also reach a character device,
 * /dev/tapN, N its ifindex: a virtual machine's network card (qemu and
 * vhost-net read and write it).
 *
 * Both take the same words and the kernel the same attributes
 * (IFLA_MACVLAN_*): two kind descriptions share one table, one put and one
 * printer; only the kind differs, and macvtap's show names its /dev/tapN.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>

#include "l2common.h"
#include "out.h"

/* ---- the words add takes ------------------------------------------------ */

/* The modes and their MACVLAN_MODE_* values, index for index. */
static const char *const mode_words[] = {"private", "vepa", "bridge", "passthru", "source", NULL};
static const uint32_t mode_bits[] = {MACVLAN_MODE_PRIVATE, MACVLAN_MODE_VEPA, MACVLAN_MODE_BRIDGE,
				     MACVLAN_MODE_PASSTHRU, MACVLAN_MODE_SOURCE};

enum mac_arg { A_MODE, A_NARGS };

static const struct arg mac_args[A_NARGS] = {
    [A_MODE] = {.kw = "mode",
		.kind = ARG_ENUM,
		.words = mode_words,
		.help = "how devices on one lower device reach each other (default vepa)"},
};

/* IFLA_INFO_DATA { IFLA_MACVLAN_MODE }, only when given: the kernel's
 * default stands otherwise. */
static int mac_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		   const struct val *v)
{
	(void)k;
	(void)c;
	if (v[A_MODE].set)
		mnl_attr_put_u32(nlh, IFLA_MACVLAN_MODE, mode_bits[v[A_MODE].e]);
	return 0;
}

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* " mode bridge" (brief: " bridge"); JSON "mode". */
static void print_mode(struct ctx *c, const struct nlattr *data, bool brief)
{
	const struct nlattr *tb[IFLA_MACVLAN_MAX + 1];
	uint32_t mode;
	char num[12];

	nl_parse_nested(data, tb, IFLA_MACVLAN_MAX);
	if (l2_attr_u32(tb[IFLA_MACVLAN_MODE], &mode))
		l2_print_word(c->out, brief ? NULL : mac_args[A_MODE].kw, "mode",
			      l2_word_of(mode_words, mode_bits, mode, num, sizeof(num)));
}

static void mac_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	(void)k;
	print_mode(c, m->info[IFLA_INFO_DATA], false);
}

static void mac_brief(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	(void)k;
	print_mode(c, m->info[IFLA_INFO_DATA], true);
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

static const struct link_kind macvlan_kind = {
    .kind = "macvlan",
    .help = "devices with their own MAC address on a lower Ethernet device",
    VERB_ARGS(mac_args),
    .put = mac_put,
    .show = mac_show,
    .brief = mac_brief,
    .lower = true,
    KIND_DATA(mac_attr_names),
};
static const struct link_kind macvtap_kind = {
    .kind = "macvtap",
    .help = "macvlan devices with a /dev/tapN character device, for virtual machines",
    VERB_ARGS(mac_args),
    .put = mac_put,
    .show = mac_show,
    .brief = mac_brief,
    .extra = tap_extra,
    .lower = true,
    KIND_DATA(mac_attr_names),
};
VNETCTL_LINK_KIND(macvlan_kind)
VNETCTL_LINK_KIND(macvtap_kind)
