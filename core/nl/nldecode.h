/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dry-run decoder (core/nl/nldecode.c): a request printed attribute by
 * attribute, by the kernel's names, each kind's IFLA_INFO_DATA by the names
 * its description registers.  The dispatcher hands it to the netlink layer
 * as the ctx's dry-run hook.
 */
#ifndef VNETCTL_NLDECODE_H
#define VNETCTL_NLDECODE_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/netlink.h>

#include "core.h"

/* Print a message decoded, as dry run does: text, or with json one object
 * on a line (-p: indented), {"type", "flags", "header", "attributes"}, each
 * attribute {"type": its kernel name, "value"} or {"type", "attributes"}. */
void nl_decode(FILE *f, const struct nlmsghdr *nlh, bool json, bool pretty);
/* Traffic control's names (nldecode_tc.c): the attributes of RTM_*QDISC
 * and RTM_*TCLASS, and those in TCA_OPTIONS for a kind, after skip bytes
 * of the kind's struct; NULL for a kind whose options are a struct only. */
struct nl_attr_set;
extern const struct nl_attr_set nl_tc_set;
const struct nl_attr_set *nl_tc_options(const char *kind, size_t *skip);
/* A step of dry run that is no netlink request (an ioctl, a mount), on
 * stdout: the line, or with -j {"step": line}. */
void dry_step(const struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
