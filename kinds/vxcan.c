// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vxcan: pairs of virtual CAN devices, each end the other's bus, as a
 * veth pair is for Ethernet: a CAN frame sent on one end arrives on the
 * other.  The usual use joins a namespace (a container's program) to the
 * host's CAN bus through can-gw, the peer made in the namespace at once.
 *
 * One RTM_NEWLINK makes both ends: the peer is VXCAN_INFO_PEER inside
 * IFLA_INFO_DATA, { struct ifinfomsg, its own attributes }, from link
 * add's words after `peer` (peer.h).  Deleting either end deletes both.
 * A dump carries no vxcan data: -d prints the kind alone, as ip does.
 */
#include <linux/can/vxcan.h>

#include "peer.h"

enum vxcan_arg { A_PEER, A_NARGS };

static const struct arg vxcan_args[A_NARGS] = {
    [A_PEER] = PEER_WORD("the other end: its name, then link add's words for it "
			 "(netns, mtu...); none: the kernel names it"),
};

static int vxcan_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		     const struct val *v)
{
	(void)k;
	return peer_put(c, nlh, VXCAN_INFO_PEER, &vxcan_args[A_PEER], &v[A_PEER]);
}

/* What add sends, by name, for dry run: the peer as the link it is. */
static const struct nl_attr_name vxcan_attr_names[VXCAN_INFO_MAX + 1] = {
    NL_ATTR(VXCAN_INFO_PEER, NL_IFINFO),
};

static const struct link_kind vxcan_kind = {
    .kind = "vxcan",
    .help = "pairs of virtual CAN devices, each end the other's bus, across namespaces",
    VERB_ARGS(vxcan_args),
    .put = vxcan_put,
    KIND_DATA(vxcan_attr_names),
};
VNETCTL_LINK_KIND(vxcan_kind)
