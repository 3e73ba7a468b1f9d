// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * team: the team device, the kernel half of link aggregation whose policy
 * (round robin, active-backup, LACP...) a program in user space runs
 * (teamd, over the team generic netlink family).  The device itself has
 * no IFLA_INFO_DATA; its ports join with `link set PORT master TEAM` and
 * show with -d as "team_slave", which has no data either.
 */
#include "link.h"

static const struct link_kind team_kind = {
    .kind = "team",
    .help = "team devices: link aggregation whose policy a program in user space runs",
};
VNETCTL_LINK_KIND(team_kind)
