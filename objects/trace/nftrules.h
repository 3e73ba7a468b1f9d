/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What nftread.c, nfteval.c and nftmatch.c share: the ruleset as read (the
 * JSON of `nft -j list ruleset`, its chains indexed, each rule's text).
 */
#ifndef VNETCTL_NFTRULES_H
#define VNETCTL_NFTRULES_H

#include <jansson.h>

#include "nfteval.h"
#include "vec.h"

struct nft_rule {
	uint64_t handle;
	const json_t *expr; /* the rule's "expr" array, in the ruleset's JSON */
	char text[256];	    /* as `nft -s list ruleset` prints it */
};

struct nft_chain {
	char family[8], table[64], name[64];
	int hook; /* an enum nft_hook, or -1: not a base chain */
	int prio;
	int stage;	    /* netdev: -1 ingress (before prerouting), 1 egress */
	char dev[IFNAMSIZ]; /* the device of a netdev chain */
	bool nat, policy_drop;
	VEC(struct nft_rule, rules);
};

struct nft_ruleset {
	json_t *root;
	VEC(struct nft_chain, chains);
	nft_addr_fn addr_fn;
	void *addr_arg;
	char unread[160]; /* the first base chain nft_eval does not take */
};

const struct nft_chain *nft_chain_find(const struct nft_ruleset *rs, const char *family,
				       const char *table, const char *name);
/* A named set's or map's elements (NULL: no such set). */
const json_t *nft_set_elems(const struct nft_ruleset *rs, const char *family, const char *table,
			    const char *name);

/* nftmatch.c: one "match" expression of chain c against p. */
enum nft_m { NFTM_NO, NFTM_YES, NFTM_UNKNOWN };
enum nft_m nft_match(const struct nft_ruleset *rs, const struct nft_chain *c, const json_t *m,
		     const struct trace_pkt *p, char *why, size_t wsz);
/* A verdict map's lookup: NFTM_YES with the element's verdict (a JSON
 * statement: {"drop": null}, {"jump": {"target": ...}}). */
enum nft_m nft_vmap(const struct nft_ruleset *rs, const struct nft_chain *c, const json_t *vmap,
		    const struct trace_pkt *p, const json_t **verdict, char *why, size_t wsz);
/* An address of the packet's family in text (a JSON string) into a. */
bool nft_addr_parse(int family, const json_t *j, uint8_t *a);

#endif
