// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vcan: a virtual CAN bus for SocketCAN test benches.  What a program
 * sends on a vcan device comes back to every socket bound to it (the
 * device loops frames back, as a bus does), so CAN software is tried with
 * no controller.  It has no words of its own and no IFLA_INFO_DATA.
 */
#include "link.h"

static const struct link_kind vcan_kind = {
    .kind = "vcan",
    .help = "virtual CAN buses: SocketCAN frames looped back to every reader",
};
VNETCTL_LINK_KIND(vcan_kind)
