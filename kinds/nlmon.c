// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nlmon: a device on which every netlink message of its namespace can be
 * captured (tcpdump -i nlmon0 once it is up); it has no words of its own.
 */
#include "link.h"

static const struct link_kind nlmon_kind = {
    .kind = "nlmon",
    .help = "netlink monitors: capture the namespace's netlink messages with tcpdump",
};
VNETCTL_LINK_KIND(nlmon_kind)
