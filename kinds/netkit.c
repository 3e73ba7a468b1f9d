// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netkit: pairs of devices, as veth, whose transmit path runs BPF programs
 * (attached through bpf_link to the primary device) in place of a qdisc:
 * Cilium's container device, with no backlog queue between the ends.
 * Without a program each end's policy decides: forward (NETKIT_PASS) or
 * blackhole (NETKIT_DROP).  In l3 mode the devices have no link-layer
 * address; in l2, an Ethernet one.  Kernels from 6.7 have it.
 *
 * One RTM_NEWLINK makes both ends, the peer nested as
 * IFLA_NETKIT_PEER_INFO { ifinfomsg, its attributes } (peer.h); the
 * policies, mode and scrub are u32s.  No kernel vnetctl's tests boot has
 * netkit: its requests are tested by dry run.
 */
#include <linux/if_link.h>

#include "l2common.h"
#include "out.h"
#include "peer.h"

/* The uapi of kernels from 6.7 (include/uapi/linux/if_link.h), for the
 * older headers this may be built with (Debian 12's have no netkit). */
#ifndef IFLA_NETKIT_MAX
enum netkit_action { NETKIT_NEXT = -1, NETKIT_PASS = 0, NETKIT_DROP = 2, NETKIT_REDIRECT = 7 };
enum netkit_mode { NETKIT_L2, NETKIT_L3 };
enum {
	IFLA_NETKIT_UNSPEC,
	IFLA_NETKIT_PEER_INFO,
	IFLA_NETKIT_PRIMARY,
	IFLA_NETKIT_POLICY,
	IFLA_NETKIT_PEER_POLICY,
	IFLA_NETKIT_MODE,
	IFLA_NETKIT_SCRUB,
	IFLA_NETKIT_PEER_SCRUB,
	__IFLA_NETKIT_MAX,
};
#define IFLA_NETKIT_MAX (__IFLA_NETKIT_MAX - 1)
#endif
/* NETKIT_SCRUB_NONE and _DEFAULT (kernels from 6.11), as numbers: the
 * headers of 6.7 to 6.10 have the attributes but not the names. */
#define NK_SCRUB_NONE	 0
#define NK_SCRUB_DEFAULT 1

enum netkit_arg { A_MODE, A_POLICY, A_PEER_POLICY, A_SCRUB, A_PEER_SCRUB, A_PEER, A_NARGS };

static const char *const mode_words[] = {"l2", "l3", NULL};
static const uint32_t mode_values[] = {NETKIT_L2, NETKIT_L3};
static const char *const policy_words[] = {"forward", "blackhole", NULL};
static const uint32_t policy_values[] = {NETKIT_PASS, NETKIT_DROP};
static const char *const scrub_words[] = {"none", "default", NULL};
static const uint32_t scrub_values[] = {NK_SCRUB_NONE, NK_SCRUB_DEFAULT};

static const struct arg netkit_args[A_NARGS] = {
    [A_MODE] = {.kw = "mode",
		.kind = ARG_ENUM,
		.words = mode_words,
		.help = "l3 (no link-layer address, the default) or l2 (Ethernet)"},
    [A_POLICY] = {.kw = "policy",
		  .kind = ARG_ENUM,
		  .words = policy_words,
		  .help = "what this end does with packets when no BPF program decides: "
			  "forward (the default) or blackhole"},
    [A_PEER_POLICY] = {.kw = "peer_policy",
		       .kind = ARG_ENUM,
		       .words = policy_words,
		       .help = "the same, for the peer"},
    [A_SCRUB] = {.kw = "scrub",
		 .kind = ARG_ENUM,
		 .words = scrub_words,
		 .help = "default: clear a packet's mark and priority as it crosses to this "
			 "end; none: keep them"},
    [A_PEER_SCRUB] = {.kw = "peer_scrub",
		      .kind = ARG_ENUM,
		      .words = scrub_words,
		      .help = "the same, for the peer"},
    [A_PEER] = PEER_WORD("the other end: its name, then link add's words for it; none: "
			 "the kernel names it"),
};

static const struct {
	int arg;
	uint16_t type;
	const uint32_t *values;
} u32_attrs[] = {
    {A_MODE, IFLA_NETKIT_MODE, mode_values},
    {A_POLICY, IFLA_NETKIT_POLICY, policy_values},
    {A_PEER_POLICY, IFLA_NETKIT_PEER_POLICY, policy_values},
    {A_SCRUB, IFLA_NETKIT_SCRUB, scrub_values},
    {A_PEER_SCRUB, IFLA_NETKIT_PEER_SCRUB, scrub_values},
};

static int netkit_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		      const struct val *v)
{
	(void)k;
	for (size_t i = 0; i < ARRAY_SIZE(u32_attrs); i++)
		if (v[u32_attrs[i].arg].set)
			mnl_attr_put_u32(nlh, u32_attrs[i].type,
					 u32_attrs[i].values[v[u32_attrs[i].arg].e]);
	return peer_put(c, nlh, IFLA_NETKIT_PEER_INFO, &netkit_args[A_PEER], &v[A_PEER]);
}

/* A u32 attribute by its word ("UNKNOWN" for another value, as ip's). */
static void print_word(struct ctx *c, const struct nlattr *a, int arg, const char *ipkw,
		       const char *const *words, const uint32_t *values)
{
	const char *w = "UNKNOWN";
	uint32_t u32;

	if (!nl_attr_u32(a, &u32))
		return;
	for (size_t i = 0; words[i]; i++)
		if (values[i] == u32)
			w = words[i];
	out_str(c->out, OUT_TEXT, NULL, " %s", ctx_iproute2(c) ? ipkw : netkit_args[arg].kw);
	out_str(c->out, OUT_ANY, netkit_args[arg].kw, " %s", w);
}

/* " mode l3 policy forward peer_policy blackhole scrub default peer_scrub
 * default" (under ip's name " mode l3 type primary policy forward peer
 * policy blackhole ..."); ip -j's keys: mode, type, policy, peer_policy,
 * scrub, peer_scrub. */
static void netkit_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_NETKIT_MAX + 1];
	uint8_t primary;

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_NETKIT_MAX);
	print_word(c, tb[IFLA_NETKIT_MODE], A_MODE, "mode", mode_words, mode_values);
	if (nl_attr_u8(tb[IFLA_NETKIT_PRIMARY], &primary)) {
		/* not add's: in text under ip's name only */
		if (ctx_iproute2(c))
			out_str(c->out, OUT_TEXT, NULL, " %s", "type");
		out_str(c->out, ctx_iproute2(c) ? OUT_ANY : OUT_JSON, "type", " %s",
			primary ? "primary" : "peer");
	}
	print_word(c, tb[IFLA_NETKIT_POLICY], A_POLICY, "policy", policy_words, policy_values);
	print_word(c, tb[IFLA_NETKIT_PEER_POLICY], A_PEER_POLICY, "peer policy", policy_words,
		   policy_values);
	print_word(c, tb[IFLA_NETKIT_SCRUB], A_SCRUB, "scrub", scrub_words, scrub_values);
	print_word(c, tb[IFLA_NETKIT_PEER_SCRUB], A_PEER_SCRUB, "peer scrub", scrub_words,
		   scrub_values);
}

/* What add sends, by name, for dry run: the peer as the link it is. */
static const struct nl_attr_name netkit_attr_names[IFLA_NETKIT_PEER_SCRUB + 1] = {
    NL_ATTR(IFLA_NETKIT_PEER_INFO, NL_IFINFO), NL_ATTR(IFLA_NETKIT_PRIMARY, NL_U8),
    NL_ATTR(IFLA_NETKIT_POLICY, NL_U32),       NL_ATTR(IFLA_NETKIT_PEER_POLICY, NL_U32),
    NL_ATTR(IFLA_NETKIT_MODE, NL_U32),	       NL_ATTR(IFLA_NETKIT_SCRUB, NL_U32),
    NL_ATTR(IFLA_NETKIT_PEER_SCRUB, NL_U32),
};

static const struct link_kind netkit_kind = {
    .kind = "netkit",
    .help = "pairs of devices, as veth, whose transmit path is a BPF program's (kernels >= 6.7)",
    VERB_ARGS(netkit_args),
    .put = netkit_put,
    .show = netkit_show,
    KIND_DATA(netkit_attr_names),
};
VNETCTL_LINK_KIND(netkit_kind)
