// SPDX-License-Identifier: GPL-2.0-or-later
/* link set's vf N ... (linkvf.h). */
#include <linux/if_link.h>
#include <string.h>

#include "args.h"
#include "linkvf.h"

/* IFLA_VF_LINK_STATE_AUTO, _ENABLE, _DISABLE, in that order */
static const char *const vf_states[] = {"auto", "enable", "disable", NULL};

/* The largest VLAN id. */
#define VF_VLAN_MAX 4095u

const struct arg link_vf_args[VF_NARGS] = {
    [VF_NUM] = {.kind = ARG_U32,
		.flags = ARGF_REQUIRED | ARGF_POSITIONAL,
		.max = UINT32_MAX,
		.metavar = "N",
		.help = "the virtual function's number, from 0"},
    [VF_MAC] = {.kw = "mac",
		.kind = ARG_MAC,
		.metavar = "MAC",
		.help = "the virtual function's link-layer address"},
    [VF_VLAN] = {.kw = "vlan",
		 .kind = ARG_U32,
		 .max = VF_VLAN_MAX,
		 .metavar = "VLANID",
		 .help = "the VLAN the virtual function's frames are tagged with (0: none)"},
    [VF_QOS] = {.kw = "qos",
		.kind = ARG_U32,
		.max = 7,
		.metavar = "N",
		.help = "with vlan: the 802.1p priority of its tag, 0 to 7"},
    [VF_SPOOFCHK] = {.kw = "spoofchk",
		     .kind = ARG_ONOFF,
		     .metavar = "on|off",
		     .help = "drop the frames it sends from another source address"},
    [VF_TRUST] = {.kw = "trust",
		  .kind = ARG_ONOFF,
		  .metavar = "on|off",
		  .help = "let it change its address, promiscuous mode and the like"},
    [VF_STATE] = {.kw = "state",
		  .kind = ARG_ENUM,
		  .words = vf_states,
		  .metavar = "auto|enable|disable",
		  .help = "its link: the device's own (auto), always up or always down"},
    [VF_QUERY_RSS] = {.kw = "query_rss",
		      .kind = ARG_ONOFF,
		      .metavar = "on|off",
		      .help = "let it query the device's RSS settings"},
};

/* A setting's struct: the vf number first, then one u32 (spoofchk, trust,
 * link state, query_rss all have this shape). */
static void put_vf_u32(struct nlmsghdr *nlh, uint16_t type, uint32_t vf, uint32_t value)
{
	uint32_t s[2] = {vf, value};

	mnl_attr_put(nlh, type, sizeof(s), s);
}

int link_vf_put(struct ctx *c, struct nlmsghdr *nlh, const struct arg *a, const struct val *group)
{
	struct val v[VF_NARGS];
	struct nlattr *list, *info;
	uint32_t vf;
	int rc;

	if ((rc = parse_group(c, a, group, v)) < 0)
		return rc;
	if (v[VF_QOS].set && !v[VF_VLAN].set)
		return err_usage(c, "%s %s: %s needs %s", a->kw, v[VF_NUM].str,
				 link_vf_args[VF_QOS].kw, link_vf_args[VF_VLAN].kw);
	vf = v[VF_NUM].u;
	list = mnl_attr_nest_start(nlh, IFLA_VFINFO_LIST);
	info = mnl_attr_nest_start(nlh, IFLA_VF_INFO);
	if (v[VF_MAC].set) {
		struct ifla_vf_mac m = {.vf = vf};

		memcpy(m.mac, v[VF_MAC].mac, sizeof(v[VF_MAC].mac));
		mnl_attr_put(nlh, IFLA_VF_MAC, sizeof(m), &m);
	}
	if (v[VF_VLAN].set) {
		/* 802.1Q, as ip sends it (IFLA_VF_VLAN, not the list) */
		struct ifla_vf_vlan vl = {
		    .vf = vf, .vlan = v[VF_VLAN].u, .qos = v[VF_QOS].set ? v[VF_QOS].u : 0};

		mnl_attr_put(nlh, IFLA_VF_VLAN, sizeof(vl), &vl);
	}
	if (v[VF_SPOOFCHK].set)
		put_vf_u32(nlh, IFLA_VF_SPOOFCHK, vf, (uint32_t)v[VF_SPOOFCHK].e);
	if (v[VF_TRUST].set)
		put_vf_u32(nlh, IFLA_VF_TRUST, vf, (uint32_t)v[VF_TRUST].e);
	if (v[VF_STATE].set)
		put_vf_u32(nlh, IFLA_VF_LINK_STATE, vf, (uint32_t)v[VF_STATE].e);
	if (v[VF_QUERY_RSS].set)
		put_vf_u32(nlh, IFLA_VF_RSS_QUERY_EN, vf, (uint32_t)v[VF_QUERY_RSS].e);
	mnl_attr_nest_end(nlh, info);
	mnl_attr_nest_end(nlh, list);
	return 0;
}
