// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Dry run's names for traffic control's requests (RTM_*QDISC, RTM_*TCLASS):
 * the message's own attributes, and those of TCA_OPTIONS by the qdisc's
 * kind, which the decoder (nldecode.c) asks for here.
 */
#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>
#include <string.h>

#include "nl.h"
#include "nldecode.h"

#define A NL_ATTR

static const struct nl_attr_name tc_attrs[TCA_MAX + 1] = {
    A(TCA_KIND, NL_STR),	  A(TCA_OPTIONS, NL_NEST),     A(TCA_STATS, NL_BIN),
    A(TCA_XSTATS, NL_BIN),	  A(TCA_RATE, NL_BIN),	       A(TCA_FCNT, NL_U32),
    A(TCA_STATS2, NL_NEST),	  A(TCA_STAB, NL_NEST),	       A(TCA_CHAIN, NL_U32),
    A(TCA_INGRESS_BLOCK, NL_U32), A(TCA_EGRESS_BLOCK, NL_U32),
};

static const struct nl_attr_name netem_attrs[TCA_NETEM_MAX + 1] = {
    A(TCA_NETEM_CORR, NL_BIN),	   A(TCA_NETEM_DELAY_DIST, NL_BIN), A(TCA_NETEM_REORDER, NL_BIN),
    A(TCA_NETEM_CORRUPT, NL_BIN),  A(TCA_NETEM_LOSS, NL_NEST),	    A(TCA_NETEM_RATE, NL_BIN),
    A(TCA_NETEM_ECN, NL_U32),	   A(TCA_NETEM_RATE64, NL_BIN),	    A(TCA_NETEM_LATENCY64, NL_BIN),
    A(TCA_NETEM_JITTER64, NL_BIN), A(TCA_NETEM_SLOT, NL_BIN),	    A(TCA_NETEM_SLOT_DIST, NL_BIN),
};
static const struct nl_attr_name netem_loss_attrs[NETEM_LOSS_MAX + 1] = {
    A(NETEM_LOSS_GI, NL_BIN),
    A(NETEM_LOSS_GE, NL_BIN),
};
static const struct nl_attr_name tbf_attrs[TCA_TBF_MAX + 1] = {
    A(TCA_TBF_PARMS, NL_BIN),  A(TCA_TBF_RTAB, NL_BIN),	   A(TCA_TBF_PTAB, NL_BIN),
    A(TCA_TBF_RATE64, NL_BIN), A(TCA_TBF_PRATE64, NL_BIN), A(TCA_TBF_BURST, NL_U32),
    A(TCA_TBF_PBURST, NL_U32),
};
static const struct nl_attr_name htb_attrs[TCA_HTB_MAX + 1] = {
    A(TCA_HTB_PARMS, NL_BIN),  A(TCA_HTB_INIT, NL_BIN),	       A(TCA_HTB_CTAB, NL_BIN),
    A(TCA_HTB_RTAB, NL_BIN),   A(TCA_HTB_DIRECT_QLEN, NL_U32), A(TCA_HTB_RATE64, NL_BIN),
    A(TCA_HTB_CEIL64, NL_BIN),
};
static const struct nl_attr_name fq_codel_attrs[TCA_FQ_CODEL_MAX + 1] = {
    A(TCA_FQ_CODEL_TARGET, NL_U32),	  A(TCA_FQ_CODEL_LIMIT, NL_U32),
    A(TCA_FQ_CODEL_INTERVAL, NL_U32),	  A(TCA_FQ_CODEL_ECN, NL_U32),
    A(TCA_FQ_CODEL_FLOWS, NL_U32),	  A(TCA_FQ_CODEL_QUANTUM, NL_U32),
    A(TCA_FQ_CODEL_CE_THRESHOLD, NL_U32), A(TCA_FQ_CODEL_DROP_BATCH_SIZE, NL_U32),
    A(TCA_FQ_CODEL_MEMORY_LIMIT, NL_U32),
};

static const struct nl_attr_set netem_loss_set = {netem_loss_attrs, NETEM_LOSS_MAX, NULL, false,
						  NULL};
static const struct nl_attr_set tc_options[] = {
    {netem_attrs, TCA_NETEM_MAX, &netem_loss_set, false, NULL},
    {tbf_attrs, TCA_TBF_MAX, NULL, false, NULL},
    {htb_attrs, TCA_HTB_MAX, NULL, false, NULL},
    {fq_codel_attrs, TCA_FQ_CODEL_MAX, NULL, false, NULL},
};
static const struct {
	const char *kind;
	size_t skip; /* a struct before the attributes */
} tc_kinds[] = {
    {"netem", sizeof(struct tc_netem_qopt)},
    {"tbf", 0},
    {"htb", 0},
    {"fq_codel", 0},
};

const struct nl_attr_set nl_tc_set = {tc_attrs, TCA_MAX, NULL, false, NULL};

const struct nl_attr_set *nl_tc_options(const char *kind, size_t *skip)
{
	for (size_t i = 0; kind && i < ARRAY_SIZE(tc_kinds); i++)
		if (!strcmp(kind, tc_kinds[i].kind)) {
			*skip = tc_kinds[i].skip;
			return &tc_options[i];
		}
	return NULL;
}
