/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The peer of a paired kind (veth, vxcan, netkit), as `link add ... type
 * KIND peer [name] PEER ...` gives it: a device described inside the
 * first one's IFLA_INFO_DATA, as { struct ifinfomsg, its own attributes }
 * in one attribute (VETH_INFO_PEER, VXCAN_INFO_PEER,
 * IFLA_NETKIT_PEER_INFO).  The kernel makes both ends or neither.
 */
#ifndef VNETCTL_PEER_H
#define VNETCTL_PEER_H

#include "kind.h"

/* The `peer` entry of a kind's table: after it, link add's words for the
 * other end (name, netns, mtu, address...). */
#define PEER_WORD(h)                                                                               \
	{                                                                                          \
		.kw = "peer", .kind = ARG_NEST, .metavar = "[name] PEER [...]",                    \
		.sub = link_add_args, .nsub = LA_NCOMMON, .help = (h)                              \
	}

/* Put attribute type { ifinfomsg, the peer's words } from peer (the entry
 * above) and its value v; without v set the nest is empty and the kernel
 * names the peer, but under ip's name nothing is put (as ip sends none). */
int peer_put(struct ctx *c, struct nlmsghdr *nlh, uint16_t type, const struct arg *peer,
	     const struct val *v);

#endif
