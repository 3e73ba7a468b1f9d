// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vrf: a virtual routing and forwarding domain.  The devices enslaved to a
 * vrf (`link set DEV master VRF`) route through its own table, so two
 * labs' overlapping prefixes can live in one namespace.
 */
#include <linux/if_link.h>

#include "link.h"
#include "nl.h"
#include "out.h"

enum vrf_arg { V_TABLE, V_NARGS };

static const struct arg vrf_args[V_NARGS] = {
    [V_TABLE] = {.kw = "table",
		 .kind = ARG_U32,
		 .flags = ARGF_REQUIRED,
		 .min = 1,
		 .max = UINT32_MAX,
		 .metavar = "TABLE",
		 .help = "the routing table its devices use (a number)"},
};

static int vrf_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		   const struct val *v)
{
	(void)k;
	(void)c;
	mnl_attr_put_u32(nlh, IFLA_VRF_TABLE, v[V_TABLE].u);
	return 0;
}

/* " table 10"; JSON "table": 10, as ip -j -d */
static void vrf_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_VRF_MAX + 1];

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_VRF_MAX);
	if (tb[IFLA_VRF_TABLE] && mnl_attr_get_payload_len(tb[IFLA_VRF_TABLE]) == 4)
		out_uint(c->out, OUT_ANY, "table", " table %u",
			 mnl_attr_get_u32(tb[IFLA_VRF_TABLE]));
}

/* A port's table under "vrf_slave": " table 10", as ip -d prints it. */
static void vrf_slave_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_VRF_PORT_MAX + 1];

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_SLAVE_DATA], tb, IFLA_VRF_PORT_MAX);
	if (tb[IFLA_VRF_PORT_TABLE] && mnl_attr_get_payload_len(tb[IFLA_VRF_PORT_TABLE]) == 4)
		out_uint(c->out, OUT_ANY, "table", " table %u",
			 mnl_attr_get_u32(tb[IFLA_VRF_PORT_TABLE]));
}

static const struct nl_attr_name vrf_attr_names[IFLA_VRF_MAX + 1] = {
    NL_ATTR(IFLA_VRF_TABLE, NL_U32),
};

static const struct link_kind vrf_kind = {
    .kind = "vrf",
    .help = "VRF devices: a routing table of their own for the devices enslaved to them",
    VERB_ARGS(vrf_args),
    .put = vrf_put,
    .show = vrf_show,
    .slave_show = vrf_slave_show,
    KIND_DATA(vrf_attr_names),
};
VNETCTL_LINK_KIND(vrf_kind)
