// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dummy: a device that drops everything it is given.  A place to hang
 * addresses and routes that belong to no real link (a router id, a lab's
 * loopback-like address); it has no words of its own.
 */
#include "link.h"

static const struct link_kind dummy_kind = {
    .kind = "dummy",
    .help = "dummy devices: addresses and routes on no real link (drops what it sends)",
};
VNETCTL_LINK_KIND(dummy_kind)
