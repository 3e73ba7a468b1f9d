// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vlan: 802.1Q VLAN devices.  Each sends its frames on the lower device
 * with a tag carrying its VLAN id, and receives the lower device's frames
 * that carry that id, untagged: one device per VLAN of a trunk.
 *
 * The id is IFLA_VLAN_ID, a u16 from 1 to 4094 (0 means "priority only"
 * and 4095 is reserved).  The tag's protocol is IFLA_VLAN_PROTOCOL, in
 * network byte order: 0x8100 for an 802.1Q customer tag, 0x88a8 for an
 * 802.1ad service tag (the outer tag of QinQ).
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_ether.h>

#include "l2common.h"
#include "out.h"

static const char vlan_kind[] = "vlan";

/* ---- the arguments ------------------------------------------------------- */

static const char *const proto_words[] = {"802.1q", "802.1ad", NULL};
static const uint32_t proto_values[] = {ETH_P_8021Q, ETH_P_8021AD};

enum add_arg { A_NAME, A_LINK, A_ID, A_PROTOCOL, A_NARGS };

static const struct arg add_args[A_NARGS] = {
    [A_NAME] = L2_NAME_ENTRY,
    [A_LINK] = L2_LINK_ENTRY("the lower device that carries the tagged frames (the trunk)"),
    [A_ID] = {.kw = "id",
	      .kind = ARG_U32,
	      .flags = ARGF_REQUIRED,
	      .min = 1,
	      .max = 4094,
	      .metavar = "VID",
	      .help = "the VLAN id, 1..4094"},
    [A_PROTOCOL] = {.kw = "protocol",
		    .kind = ARG_ENUM,
		    .words = proto_words,
		    .help = "the tag: 802.1q (customer, the default) or 802.1ad (service, "
			    "QinQ's outer tag)"},
};

enum dev_arg { D_DEV, D_NARGS };

static const struct arg del_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(ARGF_REQUIRED, vlan_kind, "the VLAN device to delete"),
};
static const struct arg show_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(0, vlan_kind, "only this device (default: every VLAN device)"),
};

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* " id 10 protocol 802.1q" (brief: " 10 802.1q"); JSON "id", "protocol". */
static void print_opts(struct ctx *c, const struct nlattr *data, bool brief)
{
	const struct nlattr *tb[IFLA_VLAN_MAX + 1];
	struct out *o = c->out;
	uint16_t id, proto;
	char num[12];

	nl_parse_nested(data, tb, IFLA_VLAN_MAX);
	if (l2_attr_u16(tb[IFLA_VLAN_ID], &id))
		l2_print_uint(o, brief ? NULL : add_args[A_ID].kw, "id", id);
	if (l2_attr_u16(tb[IFLA_VLAN_PROTOCOL], &proto))
		l2_print_word(
		    o, brief ? NULL : add_args[A_PROTOCOL].kw, "protocol",
		    l2_word_of(proto_words, proto_values, ntohs(proto), num, sizeof(num)));
}

static void vlan_kind_print(struct ctx *c, const struct nlattr *data)
{
	print_opts(c, data, false);
}

static void vlan_brief(struct ctx *c, const struct nlattr *data)
{
	print_opts(c, data, true);
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name vlan_attr_names[IFLA_VLAN_MAX + 1] = {
    NL_ATTR(IFLA_VLAN_ID, NL_U16),
    NL_ATTR(IFLA_VLAN_PROTOCOL, NL_BE16),
};
static const struct link_kind vlan_link_kind = {.kind = vlan_kind,
						.print = vlan_kind_print,
						.data_names = vlan_attr_names,
						.data_max = IFLA_VLAN_MAX};
VNETCTL_LINK_KIND(vlan_link_kind)

static const struct l2_kind vlan_l2 = {
    .link = &vlan_link_kind, .brief = vlan_brief, .has_lower = true};

/* ---- the verbs ----------------------------------------------------------- */

/* IFLA_LINKINFO { KIND, DATA { IFLA_VLAN_ID, IFLA_VLAN_PROTOCOL } } */
static int vlan_add(struct ctx *c, const struct val *v)
{
	struct l2_msg msg;
	int rc = l2_msg_start(c, &msg, v[A_NAME].str, v[A_LINK].str);

	if (rc < 0)
		return rc;
	l2_data_start(&msg, vlan_kind);
	mnl_attr_put_u16(msg.nlh, IFLA_VLAN_ID, (uint16_t)v[A_ID].u);
	if (v[A_PROTOCOL].set)
		mnl_attr_put_u16(msg.nlh, IFLA_VLAN_PROTOCOL,
				 htons((uint16_t)proto_values[v[A_PROTOCOL].e]));
	return l2_msg_send(c, &msg, vlan_kind, v[A_NAME].str);
}

static int vlan_del(struct ctx *c, const struct val *v)
{
	return l2_del(c, &vlan_l2, v[D_DEV].str);
}

static int vlan_show(struct ctx *c, const struct val *v)
{
	return l2_show(c, &vlan_l2, v[D_DEV].set ? v[D_DEV].str : NULL);
}

/* ---- the object ---------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", NULL};

static const struct verb vlan_verbs[] = {
    {.name = "add",
     VERB_ARGS(add_args),
     .run = vlan_add,
     .help = "make a VLAN device on a lower device, in one request"},
    {.name = "del",
     .aliases = del_aliases,
     VERB_ARGS(del_args),
     .run = vlan_del,
     .help = "delete a VLAN device; a device of another kind is refused"},
    {.name = "show",
     .aliases = show_aliases,
     VERB_ARGS(show_args),
     .run = vlan_show,
     .help = "list the VLAN devices: lower device, id and protocol (-br, -j)"},
};

static const struct object vlan_object = {
    .name = vlan_kind,
    .verbs = vlan_verbs,
    .nverbs = ARRAY_SIZE(vlan_verbs),
    .default_verb = "show",
    .help = "802.1Q/802.1ad VLAN devices on a trunk",
};
VNETCTL_OBJECT(vlan_object)
