/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The qdisc object's shared parts: traffic control's queueing disciplines
 * and htb's classes, in tc(8)'s grammar, over RTM_*QDISC and RTM_*TCLASS.
 *
 *   qdisc.c        the objects qdisc and class: their tables, requests, show
 *   qdisc_netem.c  netem's words, options, printer and delay distributions
 *   qdisc_impair.c link set's impairment (netem at the root), link show -d's
 *   qdisc_kinds.c  tbf, htb (and its classes), fq_codel, pfifo, bfifo, prio
 *   qdisc_fmt.c    tc's spelling of rates, sizes, times and percentages,
 *                  the statistics of -s
 *
 * qdisc.c calls the kinds through struct qdisc_kind; the kinds call
 * qdisc_fmt.c; nothing calls back.
 */
#ifndef VNETCTL_QDISC_H
#define VNETCTL_QDISC_H

#include <linux/pkt_sched.h>
#include <linux/rtnetlink.h>

#include "core.h"
#include "nl.h"

/* psched's ticks: 64 nanoseconds each (the kernel's PSCHED_SHIFT), as
 * tc's /proc/net/psched reads on every kernel since 2.6.31 */
#define QDISC_TICK_NS 64.0
/* tc's default for the MTU a token bucket is sized with */
#define QDISC_MTU 1600

/* A kind: its words (a nested table of the command line), what it puts
 * in TCA_OPTIONS, and how it prints the kernel's TCA_OPTIONS. */
struct qdisc_kind {
	const char *name;
	const struct arg *args;
	size_t nargs;
	/* fill nlh's TCA_OPTIONS from v (nargs values); 0 or the usage error */
	int (*put)(struct ctx *c, struct nlmsghdr *nlh, const struct val *v);
	void (*print)(struct ctx *c, const struct nlattr *opt);
	/* its xstats after -s's counters, or NULL */
	void (*print_xstats)(struct ctx *c, const struct nlattr *xs);
	bool classful;
};

/* netem's words, in its table's order (link set's impairment takes some) */
enum {
	NE_LIMIT,
	NE_DELAY,
	NE_DIST,
	NE_LOSS,
	NE_DUP,
	NE_CORRUPT,
	NE_REORDER,
	NE_GAP,
	NE_RATE,
	NE_POVER,
	NE_SLOT,
	NE_SPACKETS,
	NE_SBYTES,
	NE_ECN,
	NE_CELLSIZE,
	NE_COVER,
};

/* The kinds' tables, sized here so that the command line's table can nest
 * them (.nsub). */
enum { NETEM_NARGS = 16, TBF_NARGS = 6, HTB_NARGS = 3, HTBC_NARGS = 6, FQC_NARGS = 9 };
enum { FIFO_NARGS = 1, PRIO_NARGS = 1 };
extern const struct arg netem_args[NETEM_NARGS];
extern const struct arg tbf_args[TBF_NARGS];
extern const struct arg htb_args[HTB_NARGS];
extern const struct arg htb_class_args[HTBC_NARGS];
extern const struct arg fq_codel_args[FQC_NARGS];
extern const struct arg pfifo_args[FIFO_NARGS];
extern const struct arg bfifo_args[FIFO_NARGS];
extern const struct arg prio_args[PRIO_NARGS];

/* Each kind's name, spelled once: its description's .name and the
 * qdisc and class tables' keyword (qk_htb names the class kind too). */
extern const char qk_netem[], qk_tbf[], qk_htb[], qk_fq_codel[], qk_pfifo[], qk_bfifo[], qk_prio[];
extern const struct qdisc_kind qdisc_netem, qdisc_tbf, qdisc_htb, qdisc_fq_codel;
extern const struct qdisc_kind qdisc_pfifo, qdisc_bfifo, qdisc_prio;
/* htb's classes: its class words, options and printer */
extern const struct qdisc_kind qdisc_htb_class;

/* qdisc.c: dump type's messages (RTM_GETQDISC ...) of ifindex (0: all)
 * into l */
int qdisc_dump(struct ctx *c, uint16_t type, int ifindex, struct nl_msgs *l);

/* qdisc_impair.c: the root netem of ifindex in c's namespace, as trace
 * sums a path's impairment: 1 and *im, 0 when its root is no netem */
struct qdisc_impair {
	uint32_t delay_us, jitter_us;
	uint32_t loss; /* of UINT32_MAX */
};
int qdisc_impair_read(struct ctx *c, int ifindex, struct qdisc_impair *im);

/* ---- qdisc_fmt.c ---------------------------------------------------------- */

/* Rates (bytes a second) as tc prints them, "10Mbit"; sizes, "1600b",
 * "10Kb"; times in microseconds, "20ms"; 64-bit times in nanoseconds. */
const char *qfmt_rate(uint64_t rate, char *buf, size_t sz);
const char *qfmt_size(uint64_t bytes, char *buf, size_t sz);
const char *qfmt_time(uint32_t usec, char *buf, size_t sz);
const char *qfmt_time64(uint64_t nsec, char *buf, size_t sz);
/* A rate: text "rate 10Mbit " (fmt), JSON the number of bytes a second. */
void qout_rate(struct ctx *c, const char *key, const char *fmt, uint64_t rate);
/* A size: text by fmt, JSON the number. */
void qout_size(struct ctx *c, const char *key, const char *fmt, uint64_t bytes);
/* A netem percentage (of UINT32_MAX): text "%g%%" by fmt, JSON the fraction. */
void qout_percent(struct ctx *c, const char *key, const char *fmt, uint32_t per);
/* The bytes sent at rate in ticks, and the ticks that bytes take at rate */
double qdisc_xmitsize(uint64_t rate, uint32_t ticks);
uint32_t qdisc_tick2usec(uint32_t ticks);
uint32_t qdisc_xmittime(uint64_t rate, double bytes);
/* A ratespec for rate (bytes a second, ~0 above 32 bits), Ethernet's
 * link layer, the cell size tc gives it for mtu. */
void qdisc_ratespec(struct tc_ratespec *r, uint64_t rate, unsigned mtu);
/* TCA_OPTIONS opened and closed around a kind's attributes, without
 * NLA_F_NESTED, as tc sends it (netem's holds a struct first) */
struct nlattr *qdisc_opts_start(struct nlmsghdr *nlh);
void qdisc_opts_end(struct nlmsghdr *nlh, struct nlattr *start);
/* -s: the counters of TCA_STATS2 (the line " Sent ... (dropped ...)" and
 * " backlog ..."); the application's TCA_STATS_APP, or NULL */
const struct nlattr *qdisc_print_stats(struct ctx *c, const struct nlattr *stats2);

#endif
