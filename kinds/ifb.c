// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ifb: the intermediate functional block.  Traffic redirected to it by a tc
 * action comes out of it again, so ingress traffic can be shaped with an
 * egress qdisc; it has no words of its own.
 */
#include "link.h"

static const struct link_kind ifb_kind = {
    .kind = "ifb",
    .help = "intermediate functional blocks: shape ingress traffic redirected by tc",
};
VNETCTL_LINK_KIND(ifb_kind)
