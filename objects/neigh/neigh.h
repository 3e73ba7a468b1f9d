/* SPDX-License-Identifier: GPL-2.0-or-later */
/* neigh: the printer (neigh.c) that monitor shares. */
#ifndef VNETCTL_NEIGH_H
#define VNETCTL_NEIGH_H

#include "core.h"
#include "ifnames.h"

/* One neighbour entry (an RTM_NEWNEIGH or RTM_DELNEIGH) as neigh show prints
 * it; names NULL leaves the device out. */
void neigh_print(struct ctx *c, const struct ifnames *names, const struct nlmsghdr *nlh);

#endif
