/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trace_fw.c: the firewall at the hooks trace_walk.c's packet crosses.
 */
#ifndef VNETCTL_TRACE_FW_H
#define VNETCTL_TRACE_FW_H

#include "nfteval.h"
#include "trace.h"

/* t's packet (t->pkt, the packet as it is now) into the current namespace
 * towards dst: in by iif, through prerouting (NULL: made here, nothing
 * asked yet).  Each returns 0 to go on, the packet maybe changed by NAT,
 * or the stop's status (< 0). */
int trace_fw_in(struct trace *t, const uint8_t *dst, const char *iif);
/* Out by oif: hook h (forward, or output for a packet made here), then
 * postrouting; 1 when DNAT at output changed the destination, which the
 * kernel then routes again (postrouting not asked yet). */
int trace_fw_out(struct trace *t, enum nft_hook h, const char *oif);
/* Delivered here: input, after output, postrouting and prerouting on lo
 * for a packet made here (iif NULL; 1 as trace_fw_out's). */
int trace_fw_local(struct trace *t, const char *iif);
/* p (the packet as it arrived) as it was sent, before the NAT the walk
 * met: its addresses and ports (for --verify's probe, which is sent as
 * it was and arrives as NAT made it). */
void trace_fw_sent(struct trace_pkt *p);
/* The ruleset read last, freed. */
void trace_fw_end(void);

#endif
