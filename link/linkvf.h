/* SPDX-License-Identifier: GPL-2.0-or-later */
/* link set's vf N ...: a virtual function's settings, sent in
 * IFLA_VFINFO_LIST to the device that has it (an SR-IOV card; another
 * device answers "Operation not supported", as it answers ip). */
#ifndef VNETCTL_LINKVF_H
#define VNETCTL_LINKVF_H

#include <libmnl/libmnl.h>

#include "core.h"

enum { VF_NUM, VF_MAC, VF_VLAN, VF_QOS, VF_SPOOFCHK, VF_TRUST, VF_STATE, VF_QUERY_RSS, VF_NARGS };
extern const struct arg link_vf_args[VF_NARGS];

#define LINK_VF_ENTRY(h)                                                                           \
	{                                                                                          \
		.kw = "vf", .kind = ARG_NEST, .flags = ARGF_NEST_OWN, .sub = link_vf_args,         \
		.nsub = VF_NARGS, .metavar = "N", .help = (h)                                      \
	}

/* The group's words (a's, v) checked and put as IFLA_VFINFO_LIST. */
int link_vf_put(struct ctx *c, struct nlmsghdr *nlh, const struct arg *a, const struct val *v);

#endif
