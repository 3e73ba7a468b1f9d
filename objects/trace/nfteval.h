/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nfteval: a namespace's nftables ruleset (iptables-nft's tables are in it
 * too), read, and a packet evaluated through the base chains of a hook, as
 * the kernel would, without sending it.
 *
 * The ruleset is read with libnftables, not libnftnl: libnftables gives it
 * at nft's own level (`nft -j list ruleset`: names, prefixes, ranges, sets
 * by name, verdicts), which jansson parses, and the text of each rule as
 * `nft list` prints it; libnftnl would give the kernel's VM bytecode
 * (registers, payload offsets), which would have to be decompiled first.
 *
 * nftread.c reads (one libnftables context per read, so its netlink socket
 * is opened in the namespace the caller is in at that moment); nfteval.c
 * walks the chains; nftmatch.c matches one expression against the packet.
 */
#ifndef VNETCTL_NFTEVAL_H
#define VNETCTL_NFTEVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "trace.h"

enum nft_hook { NFTH_PREROUTING, NFTH_INPUT, NFTH_FORWARD, NFTH_OUTPUT, NFTH_POSTROUTING };

enum nft_result { NFTR_ACCEPT, NFTR_DROP, NFTR_REJECT, NFTR_MAYBE };

struct nft_verdict {
	enum nft_result r;
	char family[8], table[64], chain[64];
	uint64_t handle; /* 0: the chain's policy */
	char rule[256];	 /* as `nft list` prints it, or "policy drop" */
	bool changed;	 /* NAT changed the packet */
	char why[96];	 /* NFTR_MAYBE: what could not be evaluated */
};

struct nft_ruleset;

/* The current namespace's ruleset; NULL with errno on failure. */
struct nft_ruleset *nft_ruleset_read(void);
void nft_ruleset_free(struct nft_ruleset *rs);

/* A base chain of the ruleset that nft_eval does not evaluate (of the
 * bridge or arp family, inet's ingress, a netdev chain of several
 * devices), as "FAMILY TABLE CHAIN (hook HOOK)"; NULL when there is none.
 * A netdev chain of one device is evaluated with prerouting (ingress, the
 * device the packet comes in by) or postrouting (egress, out by). */
const char *nft_ruleset_unread(const struct nft_ruleset *rs);

/* Whether the current namespace has iptables-legacy tables, which the
 * ruleset read above does not contain. */
bool nft_legacy_present(void);

/* The address a device has for masquerade (the source a packet leaving by
 * dev towards dst gets) and redirect (the device's own, for a packet in by
 * dev): 0 and addr filled, or -1 when there is none. */
typedef int (*nft_addr_fn)(void *arg, int family, const char *dev, const uint8_t *dst,
			   uint8_t *addr);
void nft_ruleset_set_addr_fn(struct nft_ruleset *rs, nft_addr_fn fn, void *arg);

/* The packet p through hook h: the verdict in v, p changed by NAT.
 * Returns v->r. */
int nft_eval(const struct nft_ruleset *rs, enum nft_hook h, struct trace_pkt *p,
	     struct nft_verdict *v);

/* The hook's name, as nft spells it. */
const char *nft_hook_name(enum nft_hook h);

#endif
