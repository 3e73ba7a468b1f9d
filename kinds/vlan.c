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
#include <linux/if_vlan.h>

#include "l2common.h"
#include "out.h"

/* ---- the words add takes ------------------------------------------------ */

static const char *const proto_words[] = {"802.1q", "802.1ad", NULL};
static const uint32_t proto_values[] = {ETH_P_8021Q, ETH_P_8021AD};

enum vlan_arg { A_ID, A_PROTOCOL, A_NARGS };

static const struct arg vlan_args[A_NARGS] = {
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

/* IFLA_INFO_DATA { IFLA_VLAN_ID, IFLA_VLAN_PROTOCOL } */
static int vlan_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		    const struct val *v)
{
	(void)k;
	(void)c;
	mnl_attr_put_u16(nlh, IFLA_VLAN_ID, (uint16_t)v[A_ID].u);
	if (v[A_PROTOCOL].set)
		mnl_attr_put_u16(nlh, IFLA_VLAN_PROTOCOL,
				 htons((uint16_t)proto_values[v[A_PROTOCOL].e]));
	return 0;
}

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* The flags that are on, JSON only, as ip -j names them ("flags":
 * ["REORDER_HDR"]). */
static void print_flags(struct out *o, const struct ifla_vlan_flags *f)
{
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {
	    {VLAN_FLAG_REORDER_HDR, "REORDER_HDR"},	  {VLAN_FLAG_GVRP, "GVRP"},
	    {VLAN_FLAG_LOOSE_BINDING, "LOOSE_BINDING"},	  {VLAN_FLAG_MVRP, "MVRP"},
	    {VLAN_FLAG_BRIDGE_BINDING, "BRIDGE_BINDING"},
	};

	if (!out_is_json(o) || !f->flags)
		return;
	out_list_open(o, "flags");
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (f->flags & names[i].bit)
			out_str(o, OUT_JSON, NULL, NULL, names[i].name);
	out_list_close(o);
}

/* A priority map, JSON only, as ip -j gives it: [{"from": 1, "to": 2}]. */
static void print_qos(struct out *o, const char *key, const struct nlattr *nest)
{
	const struct nlattr *a;

	if (!nest || !out_is_json(o))
		return;
	out_list_open(o, key);
	mnl_attr_for_each_nested(a, nest)
	{
		const struct ifla_vlan_qos_mapping *q = mnl_attr_get_payload(a);

		if (mnl_attr_get_type(a) != IFLA_VLAN_QOS_MAPPING ||
		    mnl_attr_get_payload_len(a) < sizeof(*q))
			continue;
		out_obj_open(o, NULL);
		out_uint(o, OUT_JSON, "from", NULL, q->from);
		out_uint(o, OUT_JSON, "to", NULL, q->to);
		out_obj_close(o);
	}
	out_list_close(o);
}

/* " id 10 protocol 802.1q" (brief: " 10 802.1q"); JSON "id", "protocol". */
static void print_opts(struct ctx *c, const struct link_msg *m, bool brief)
{
	const struct nlattr *data = m->info[IFLA_INFO_DATA];
	const struct nlattr *tb[IFLA_VLAN_MAX + 1];
	struct out *o = c->out;
	uint16_t id, proto;
	char num[12];

	nl_parse_nested(data, tb, IFLA_VLAN_MAX);
	if (nl_attr_u16(tb[IFLA_VLAN_ID], &id))
		l2_print_uint(o, brief ? NULL : vlan_args[A_ID].kw, "id", id);
	if (nl_attr_u16(tb[IFLA_VLAN_PROTOCOL], &proto))
		l2_print_word(
		    o, brief ? NULL : vlan_args[A_PROTOCOL].kw, "protocol",
		    l2_word_of(proto_words, proto_values, ntohs(proto), num, sizeof(num)));
	if (!brief) {
		print_qos(o, "ingress_qos", tb[IFLA_VLAN_INGRESS_QOS]);
		print_qos(o, "egress_qos", tb[IFLA_VLAN_EGRESS_QOS]);
	}
	if (!brief && tb[IFLA_VLAN_FLAGS] &&
	    mnl_attr_get_payload_len(tb[IFLA_VLAN_FLAGS]) >= sizeof(struct ifla_vlan_flags))
		print_flags(o, mnl_attr_get_payload(tb[IFLA_VLAN_FLAGS]));
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name vlan_attr_names[IFLA_VLAN_MAX + 1] = {
    NL_ATTR(IFLA_VLAN_ID, NL_U16),
    NL_ATTR(IFLA_VLAN_PROTOCOL, NL_BE16),
};

static const struct link_kind vlan_kind = {
    .kind = "vlan",
    .module = "8021q",
    .help = "802.1Q/802.1ad VLAN devices on a trunk",
    VERB_ARGS(vlan_args),
    .put = vlan_put,
    .values = print_opts,
    .lower = true,
    KIND_DATA(vlan_attr_names),
};
VNETCTL_LINK_KIND(vlan_kind)
