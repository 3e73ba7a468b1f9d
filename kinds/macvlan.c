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

enum mac_arg { A_MODE, A_NOPROMISC, A_NODST, A_BCQUEUELEN, A_NARGS };

static const struct arg mac_args[A_NARGS] = {
    [A_MODE] = {.kw = "mode",
		.kind = ARG_ENUM,
		.words = mode_words,
		.help = "how devices on one lower device reach each other (default vepa)"},
    [A_NOPROMISC] = {.kw = "nopromisc",
		     .kind = ARG_FLAG,
		     .help = "mode passthru only: leave the lower device's promiscuity alone"},
    [A_NODST] = {.kw = "nodst",
		 .kind = ARG_FLAG,
		 .help = "mode source only: frames from a listed source go only to this device"},
    [A_BCQUEUELEN] = {.kw = "bcqueuelen",
		      .kind = ARG_U32,
		      .max = UINT32_MAX,
		      .metavar = "PACKETS",
		      .help = "the length of the queue of broadcast frames (default 1000)"},
};

/* A flag's mode, as ip insists: nopromisc with passthru, nodst with source. */
static int check_flag(struct ctx *c, const struct link_kind *k, const struct val *v, int flag,
		      uint32_t mode)
{
	size_t i = 0;

	if (!v[flag].set || (v[A_MODE].set && mode_bits[v[A_MODE].e] == mode))
		return 0;
	while (mode_bits[i] != mode)
		i++;
	if (ctx_iproute2(c)) /* ip's line, and its status 1 */
		return err_iproute2(c, VN_EIP_FAIL, "%s: %s flag only valid in %s mode", k->kind,
				    mac_args[flag].kw, mode_words[i]);
	return err_usage(c, "%s needs %s %s", mac_args[flag].kw, mac_args[A_MODE].kw,
			 mode_words[i]);
}

/* IFLA_INFO_DATA { IFLA_MACVLAN_MODE, _FLAGS, _BC_QUEUE_LEN }, each only
 * when given: the kernel's default stands otherwise. */
static int mac_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		   const struct val *v)
{
	uint16_t flags = 0;
	int rc;

	if ((rc = check_flag(c, k, v, A_NOPROMISC, MACVLAN_MODE_PASSTHRU)) < 0 ||
	    (rc = check_flag(c, k, v, A_NODST, MACVLAN_MODE_SOURCE)) < 0)
		return rc;
	if (v[A_MODE].set)
		mnl_attr_put_u32(nlh, IFLA_MACVLAN_MODE, mode_bits[v[A_MODE].e]);
	if (v[A_NOPROMISC].set)
		flags |= MACVLAN_FLAG_NOPROMISC;
	if (v[A_NODST].set)
		flags |= MACVLAN_FLAG_NODST;
	if (flags)
		mnl_attr_put_u16(nlh, IFLA_MACVLAN_FLAGS, flags);
	if (v[A_BCQUEUELEN].set)
		mnl_attr_put_u32(nlh, IFLA_MACVLAN_BC_QUEUE_LEN, v[A_BCQUEUELEN].u);
	return 0;
}

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* A flag set: JSON's key true; under ip's name its word in text too. */
static void print_flag(struct ctx *c, bool set, int arg, const char *key)
{
	if (!set)
		return;
	if (ctx_iproute2(c))
		out_str(c->out, OUT_TEXT, NULL, " %s", mac_args[arg].kw);
	out_bool(c->out, OUT_JSON, key, "", true);
}

/* ip -j's "nopromisc" and "nodst" (true when set), "bcqueuelen" and
 * "usedbcqueuelen", then the source addresses of a source-mode device
 * (only then, as ip): "macaddr_count" and "macaddr_data".  In text under
 * ip's name only, as ip prints them: " nopromisc bcqueuelen 1000
 * usedbcqueuelen 1000 remotes (1) 02:00:00:00:00:01". */
static void print_source(struct ctx *c, const struct nlattr **tb)
{
	struct out *o = c->out;
	const enum out_mode text = ctx_iproute2(c) ? OUT_ANY : OUT_JSON;
	const struct nlattr *a;
	uint32_t count, mode, u32;
	uint16_t flags;
	char mac[3 * ETH_ALEN];

	if (nl_attr_u16(tb[IFLA_MACVLAN_FLAGS], &flags)) {
		print_flag(c, flags & MACVLAN_FLAG_NOPROMISC, A_NOPROMISC, "nopromisc");
		print_flag(c, flags & MACVLAN_FLAG_NODST, A_NODST, "nodst");
	}
	if (nl_attr_u32(tb[IFLA_MACVLAN_BC_QUEUE_LEN], &u32)) {
		if (text == OUT_ANY)
			out_str(o, OUT_TEXT, NULL, " %s", mac_args[A_BCQUEUELEN].kw);
		out_uint(o, text, "bcqueuelen", " %u", u32);
	}
	if (nl_attr_u32(tb[IFLA_MACVLAN_BC_QUEUE_LEN_USED], &u32))
		out_uint(o, text, "usedbcqueuelen", " usedbcqueuelen %u", u32);
	if (!nl_attr_u32(tb[IFLA_MACVLAN_MODE], &mode) || mode != MACVLAN_MODE_SOURCE ||
	    !nl_attr_u32(tb[IFLA_MACVLAN_MACADDR_COUNT], &count))
		return;
	out_int(o, text, "macaddr_count", " remotes (%d)", (int)count);
	if (!tb[IFLA_MACVLAN_MACADDR_DATA])
		return;
	out_list_open(o, "macaddr_data");
	mnl_attr_for_each_nested(a, tb[IFLA_MACVLAN_MACADDR_DATA])
	{
		if (mnl_attr_get_type(a) != IFLA_MACVLAN_MACADDR ||
		    mnl_attr_get_payload_len(a) != ETH_ALEN)
			continue;
		format_mac(mnl_attr_get_payload(a), ETH_ALEN, mac, sizeof(mac));
		out_str(o, text, NULL, " %s", mac);
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
		print_source(c, tb);
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

/* What add sends, by name, for dry run. */
static const struct nl_attr_name mac_attr_names[IFLA_MACVLAN_MAX + 1] = {
    NL_ATTR(IFLA_MACVLAN_MODE, NL_U32),
    NL_ATTR(IFLA_MACVLAN_FLAGS, NL_U16),
    NL_ATTR(IFLA_MACVLAN_BC_QUEUE_LEN, NL_U32),
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
    .extra = l2_tap_extra,
    .lower = true,
    KIND_DATA(mac_attr_names),
};
VNETCTL_LINK_KIND(macvlan_kind)
VNETCTL_LINK_KIND(macvtap_kind)
