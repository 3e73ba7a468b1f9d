/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trace_fw.c: the firewall at the hooks trace_walk.c's packet crosses.
 */
#ifndef VNETCTL_TRACE_FW_H
#define VNETCTL_TRACE_FW_H

#include "nfteval.h"
#include "trace.h"

/* The packet as trace describes it, towards dst, in by iif ("": made here). */
void trace_fw_pkt(const struct trace *t, struct trace_pkt *p, const uint8_t *dst, const char *iif);
/* p through hook h of the current namespace's ruleset, dev the device the
 * hop is printed at: 0 to go on (p maybe changed by NAT, and t's source
 * with it), or the stop's status. */
int trace_fw(struct trace *t, enum nft_hook h, struct trace_pkt *p, const char *dev);
/* Out by oif: hook h (forward, or output for a packet made here), then
 * postrouting. */
int trace_fw_out(struct trace *t, struct trace_pkt *p, enum nft_hook h, const char *oif);
/* Delivered here: input, after output, postrouting and prerouting on lo
 * for a packet made here (iif NULL). */
int trace_fw_local(struct trace *t, struct trace_pkt *p, const char *iif);
/* The ruleset read last, freed. */
void trace_fw_end(void);

#endif
