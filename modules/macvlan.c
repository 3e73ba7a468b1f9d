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
#include <linux/if_ether.h>

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

/* In ip -j -d's order, after "mode"; JSON only (see l2_json_facts). */
static const struct l2_fact mac_facts[] = {
    {IFLA_MACVLAN_BC_QUEUE_LEN, L2_U32, "bcqueuelen"},
    {IFLA_MACVLAN_BC_QUEUE_LEN_USED, L2_U32, "usedbcqueuelen"},
};

/* ip -j's "nopromisc" and "nodst" (true when set), then the source
 * addresses of a source-mode device (only then, as ip): "macaddr_count" and "macaddr_data". */
static void print_source(struct out *o, const struct nlattr **tb)
{
	const struct nlattr *a;
	uint32_t count, mode;
	uint16_t flags;
	char mac[3 * ETH_ALEN];

	if (nl_attr_u16(tb[IFLA_MACVLAN_FLAGS], &flags)) {
		if (flags & MACVLAN_FLAG_NOPROMISC)
			out_bool(o, OUT_JSON, "nopromisc", "", true);
		if (flags & MACVLAN_FLAG_NODST)
			out_bool(o, OUT_JSON, "nodst", "", true);
	}
	l2_json_facts(o, tb, mac_facts, ARRAY_SIZE(mac_facts));
	if (!nl_attr_u32(tb[IFLA_MACVLAN_MODE], &mode) || mode != MACVLAN_MODE_SOURCE ||
	    !nl_attr_u32(tb[IFLA_MACVLAN_MACADDR_COUNT], &count))
		return;
	out_int(o, OUT_JSON, "macaddr_count", "", (int)count);
	if (!tb[IFLA_MACVLAN_MACADDR_DATA])
		return;
	out_list_open(o, "macaddr_data");
	mnl_attr_for_each_nested(a, tb[IFLA_MACVLAN_MACADDR_DATA])
	{
		if (mnl_attr_get_type(a) != IFLA_MACVLAN_MACADDR ||
		    mnl_attr_get_payload_len(a) != ETH_ALEN)
			continue;
		format_mac(mnl_attr_get_payload(a), ETH_ALEN, mac, sizeof(mac));
		out_str(o, OUT_JSON, NULL, "", mac);
	}
	out_list_close(o);
}

/* " mode bridge" (brief: " bridge"); JSON "mode", and with details what
 * ip -j -d gives besides. */
static void print_mode(struct ctx *c, const struct nlattr *data, bool brief)
{
	const struct nlattr *tb[IFLA_MACVLAN_MAX + 1];
	uint32_t mode;
	char num[12];

	nl_parse_nested(data, tb, IFLA_MACVLAN_MAX);
	if (nl_attr_u32(tb[IFLA_MACVLAN_MODE], &mode))
		l2_print_word(c->out, brief ? NULL : mac_args[A_MODE].kw, "mode",
			      l2_word_of(mode_words, mode_bits, mode, num, sizeof(num)));
	if (!brief)
		print_source(c->out, tb);
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
