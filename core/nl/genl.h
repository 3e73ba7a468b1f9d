/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Generic netlink on the netlink layer (nl.h): a family described once, its
 * id asked of the kernel's nlctrl family (CTRL_CMD_GETFAMILY) on first use
 * and kept for the process, and requests and dumps through nl.c's socket
 * chain, ACKs, extended ACK and dump snapshots.
 *
 *	static const struct genl_family wg_family = {
 *		.name = WG_GENL_NAME, .version = WG_GENL_VERSION,
 *		GENL_CMDS(wg_cmds), .attrs = &wg_device_set,
 *	};
 *	char buf[NL_BUFSZ];
 *	struct nlmsghdr *nlh;
 *	rc = genl_msg(c, &wg_family, buf, WG_CMD_SET_DEVICE, 0, &nlh);
 *	mnl_attr_put_strz(nlh, WGDEVICE_A_IFNAME, "wg0");
 *	rc = genl_request(c, &wg_family, nlh);
 *
 * Dry run (-N): a request is printed decoded by the family's names (the
 * decoder asks genl_family_of()) and not sent; dumps change nothing and
 * are sent.  A family the kernel lacks is then no error: the message is
 * printed without an id.
 */
#ifndef VNETCTL_GENL_H
#define VNETCTL_GENL_H

#include <linux/genetlink.h>

#include "nl.h"

struct genl_family {
	const char *name; /* as the kernel registers it */
	uint8_t version;
	const char *const *cmds; /* the commands' names by number, for dry run */
	size_t ncmds;
	const struct nl_attr_set *attrs; /* the attributes' names, for dry run */
	const char *module;		 /* the kernel module that provides it */
};
#define GENL_CMDS(tbl) .cmds = (tbl), .ncmds = ARRAY_SIZE(tbl)

/* The family's id: 0, or -errno with the reason set (-ENOENT: the kernel
 * has no such family, and the hint names the module to load). */
int genl_family_id(struct ctx *c, const struct genl_family *fam, uint16_t *id);

/* A request of the family in buf (NL_BUFSZ): nlmsghdr (NLM_F_REQUEST |
 * NLM_F_ACK | flags) and genlmsghdr, ready for attributes.  0 or -errno
 * (the family is unknown, outside a dry run). */
int genl_msg(struct ctx *c, const struct genl_family *fam, void *buf, uint8_t cmd, uint16_t flags,
	     struct nlmsghdr **nlh);

/* A change: sent and acknowledged (printed in dry run).  0 or -errno,
 * the kernel's extended-ACK message in c->reason. */
int genl_request(struct ctx *c, const struct genl_family *fam, struct nlmsghdr *nlh);
/* A query answered by a dump (NLM_F_DUMP added): cb sees each message
 * once the whole, consistent dump is read. */
int genl_dump(struct ctx *c, struct nlmsghdr *nlh, nl_cb cb, void *data);

/* The family of the request dry run is printing, for the decoder; NULL
 * for any other message. */
const struct genl_family *genl_family_of(const struct nlmsghdr *nlh);

#endif
