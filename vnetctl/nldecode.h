/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dry-run decoder (vnetctl/nldecode.c): a request printed attribute by
 * attribute, by the kernel's names, each kind's IFLA_INFO_DATA by the names
 * its description registers.  The dispatcher hands it to the netlink layer
 * as the ctx's dry-run hook.
 */
#ifndef VNETCTL_NLDECODE_H
#define VNETCTL_NLDECODE_H

#include <stdio.h>
#include <linux/netlink.h>

/* Print a message decoded, as dry run does. */
void nl_decode(FILE *f, const struct nlmsghdr *nlh);

#endif
