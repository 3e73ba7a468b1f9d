/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the netconf object shares with monitor: a netconf event's line. */
#ifndef VNETCTL_NETCONF_H
#define VNETCTL_NETCONF_H

#include <libmnl/libmnl.h>

#include "core.h"

/* "inet NAME forwarding off ...", as ip monitor prints a netconf event;
 * name is the device's, named by the caller (NULL: "all" or "default" from
 * the event, else "?"). */
void netconf_print_event(struct ctx *c, const struct nlmsghdr *nlh, const char *name);

#endif
