/* SPDX-License-Identifier: GPL-2.0-or-later */
/* encap: a route's or a next hop's lightweight tunnel (ip-route(8)'s
 * ENCAP): `encap mpls LABEL[/LABEL...] [ttl N]` or `encap seg6 mode MODE
 * segs ADDR[,ADDR...] [hmac KEYID]`.  One table, for route and nexthop. */
#ifndef VNETCTL_ENCAP_H
#define VNETCTL_ENCAP_H

#include <libmnl/libmnl.h>

#include "core.h"

enum { ENC_MPLS, ENC_TTL, ENC_SEG6, ENC_MODE, ENC_SEGS, ENC_HMAC, ENC_NARGS };
extern const struct arg encap_args[ENC_NARGS];

/* The table entry of the keyword encap, in a verb's table. */
#define ENCAP_ENTRY(h)                                                                             \
	{                                                                                          \
		.kw = "encap", .kind = ARG_NEST, .flags = ARGF_NEST_OWN, .sub = encap_args,        \
		.nsub = ENC_NARGS, .metavar = "TYPE", .help = (h)                                  \
	}

/* The group's words (a's, v's) checked and put as the two attributes
 * type_attr (ENCAP_TYPE, u16) and type_attr + 1 (ENCAP, the nest): RTA_ and
 * NHA_ have them so.  Refused: no type, the other type's words. */
int encap_put(struct ctx *c, struct nlmsghdr *nlh, const struct arg *a, const struct val *v,
	      uint16_t type_attr, uint16_t encap_attr);

#endif
