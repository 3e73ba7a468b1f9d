// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The qdiscs other than netem: tbf (a token bucket), htb (and its
 * classes), fq_codel, pfifo and bfifo, prio.  Each: its words, what it puts
 * in TCA_OPTIONS, and its printer, in tc's words and units.
 */
#include <string.h>

#include "out.h"
#include "qdisc.h"

const char qk_tbf[] = "tbf", qk_htb[] = "htb", qk_fq_codel[] = "fq_codel", qk_pfifo[] = "pfifo",
	   qk_bfifo[] = "bfifo", qk_prio[] = "prio";

static bool attr_len(const struct nlattr *a, size_t n)
{
	return a && mnl_attr_get_payload_len(a) >= n;
}

static void parse_nested(const struct nlattr *opt, const struct nlattr **tb, unsigned max)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, opt) if (mnl_attr_get_type(a) <= max) tb[mnl_attr_get_type(a)] =
	    a;
}

/* ---- tbf ------------------------------------------------------------------ */

enum { TB_RATE, TB_BURST, TB_LATENCY, TB_LIMIT, TB_PEAK, TB_MTU };
static const int tb_latency_excludes[] = {TB_LIMIT + 1, 0};

const struct arg tbf_args[TBF_NARGS] = {
    [TB_RATE] = {.kw = "rate",
		 .kind = ARG_UNITS,
		 .units = "r",
		 .metavar = "RATE",
		 .help = "the rate tokens come at (required)"},
    [TB_BURST] = {.kw = "burst",
		  .alias = "buffer",
		  .kind = ARG_UNITS,
		  .units = "s",
		  .metavar = "BYTES",
		  .help = "the bucket's size (required)"},
    [TB_LATENCY] = {.kw = "latency",
		    .kind = ARG_UNITS,
		    .units = "t",
		    .metavar = "TIME",
		    .excludes_more = tb_latency_excludes,
		    .help = "the longest a packet waits (or limit)"},
    [TB_LIMIT] = {.kw = "limit",
		  .kind = ARG_UNITS,
		  .units = "s",
		  .metavar = "BYTES",
		  .help = "bytes that may wait for tokens (or latency)"},
    [TB_PEAK] = {.kw = "peakrate",
		 .kind = ARG_UNITS,
		 .units = "r",
		 .metavar = "RATE",
		 .help = "the most a burst is sent at (needs mtu)"},
    [TB_MTU] = {.kw = "mtu",
		.alias = "minburst",
		.kind = ARG_UNITS,
		.units = "s",
		.metavar = "BYTES",
		.help = "the peak rate's bucket"},
};

static int tbf_put(struct ctx *c, struct nlmsghdr *nlh, const struct val *v)
{
	struct tc_tbf_qopt q = {0};
	uint64_t rate = v[TB_RATE].m.n[0], peak = v[TB_PEAK].m.n[0];
	uint32_t burst = (uint32_t)v[TB_BURST].m.n[0], mtu = (uint32_t)v[TB_MTU].m.n[0];
	struct nlattr *nest;

	if (!v[TB_RATE].set || !v[TB_BURST].set)
		return err_usage(c, "%s needs %s and %s", qdisc_tbf.name, tbf_args[TB_RATE].kw,
				 tbf_args[TB_BURST].kw);
	if (!v[TB_LATENCY].set && !v[TB_LIMIT].set)
		return err_usage(c, "%s needs %s or %s", qdisc_tbf.name, tbf_args[TB_LATENCY].kw,
				 tbf_args[TB_LIMIT].kw);
	if (v[TB_PEAK].set != v[TB_MTU].set)
		return err_usage(c, "%s and %s go together", tbf_args[TB_PEAK].kw,
				 tbf_args[TB_MTU].kw);
	/* a bucket of no bytes passes no packet: the kernel's EINVAL, said here */
	if (!burst || (v[TB_MTU].set && !mtu))
		return err_usage(c, "%s: %s 0 holds no packet (a size above zero)", qdisc_tbf.name,
				 tbf_args[burst ? TB_MTU : TB_BURST].kw);
	qdisc_ratespec(&q.rate, rate, QDISC_MTU);
	q.buffer = qdisc_xmittime(rate, burst);
	if (v[TB_PEAK].set) {
		qdisc_ratespec(&q.peakrate, peak, mtu);
		q.mtu = qdisc_xmittime(peak, mtu);
	}
	if (v[TB_LIMIT].set) {
		q.limit = (uint32_t)v[TB_LIMIT].m.n[0];
	} else {
		/* what arrives in latency at the rate, and the bucket */
		double lat = (double)v[TB_LATENCY].m.n[0] / 1e9;
		double lim = (double)rate * lat + burst;

		if (v[TB_PEAK].set && (double)peak * lat + mtu < lim)
			lim = (double)peak * lat + mtu;
		q.limit = lim > UINT32_MAX ? UINT32_MAX : (uint32_t)lim;
	}
	nest = qdisc_opts_start(nlh);
	mnl_attr_put(nlh, TCA_TBF_PARMS, sizeof(q), &q);
	mnl_attr_put_u32(nlh, TCA_TBF_BURST, burst);
	if (rate >= (1ULL << 32))
		mnl_attr_put_u64(nlh, TCA_TBF_RATE64, rate);
	if (v[TB_PEAK].set) {
		mnl_attr_put_u32(nlh, TCA_TBF_PBURST, mtu);
		if (peak >= (1ULL << 32))
			mnl_attr_put_u64(nlh, TCA_TBF_PRATE64, peak);
	}
	qdisc_opts_end(nlh, nest);
	return 0;
}

static void tbf_print(struct ctx *c, const struct nlattr *opt)
{
	const struct nlattr *tb[TCA_TBF_MAX + 1] = {0};
	const struct tc_tbf_qopt *q;
	uint64_t rate, peak;
	double lat;
	char b[64];

	parse_nested(opt, tb, TCA_TBF_MAX);
	if (!attr_len(tb[TCA_TBF_PARMS], sizeof(*q)))
		return;
	q = mnl_attr_get_payload(tb[TCA_TBF_PARMS]);
	rate =
	    attr_len(tb[TCA_TBF_RATE64], 8) ? mnl_attr_get_u64(tb[TCA_TBF_RATE64]) : q->rate.rate;
	peak = attr_len(tb[TCA_TBF_PRATE64], 8) ? mnl_attr_get_u64(tb[TCA_TBF_PRATE64])
						: q->peakrate.rate;
	qout_rate(c, "rate", "rate %s ", rate);
	qout_size(c, "burst", "burst %s ", (uint64_t)qdisc_xmitsize(rate, q->buffer));
	if (peak) {
		/* tc prints the peak rate in text only */
		out_str(c->out, OUT_TEXT, NULL, "peakrate %s ", qfmt_rate(peak, b, sizeof(b)));
		if (q->mtu || q->peakrate.mpu)
			qout_size(c, "minburst", "minburst %s ",
				  (uint64_t)qdisc_xmitsize(peak, q->mtu));
	}
	lat = 1e6 * (q->limit / (double)rate) - qdisc_tick2usec(q->buffer);
	if (peak) {
		double lat2 = 1e6 * (q->limit / (double)peak) - qdisc_tick2usec(q->mtu);
		if (lat2 > lat)
			lat = lat2;
	}
	if (lat >= 0) {
		out_u64(c->out, OUT_JSON, "lat", NULL, (uint64_t)lat);
		out_str(c->out, OUT_TEXT, NULL, "lat %s ", qfmt_time((uint32_t)lat, b, sizeof(b)));
	} else {
		qout_size(c, "limit", "limit %s ", q->limit);
	}
	if (q->rate.overhead)
		out_int(c->out, OUT_ANY, "overhead", "overhead %d ", q->rate.overhead);
}

/* classful: its one class, 1:1, holds the qdisc under it */
const struct qdisc_kind qdisc_tbf = {.name = qk_tbf,
				     .args = tbf_args,
				     .nargs = TBF_NARGS,
				     .put = tbf_put,
				     .print = tbf_print,
				     .classful = true};

/* ---- htb ------------------------------------------------------------------ */

enum { HT_DEFAULT, HT_R2Q, HT_DIRECT_QLEN };

const struct arg htb_args[HTB_NARGS] = {
    [HT_DEFAULT] = {.kw = "default",
		    .kind = ARG_U32,
		    .flags = ARGF_HEX,
		    .max = 0xffff,
		    .metavar = "MINOR",
		    .help = "the class (minor, hexadecimal) unclassified "
			    "traffic goes to"},
    [HT_R2Q] = {.kw = "r2q",
		.kind = ARG_U32,
		.min = 1,
		.metavar = "N",
		.help = "a class's quantum is its rate over N (10)"},
    [HT_DIRECT_QLEN] = {.kw = "direct_qlen",
			.kind = ARG_U32,
			.metavar = "PACKETS",
			.help = "packets the direct queue holds"},
};

static int htb_put(struct ctx *c, struct nlmsghdr *nlh, const struct val *v)
{
	struct tc_htb_glob g = {.version = 3, .rate2quantum = 10};
	struct nlattr *nest;

	(void)c;
	if (v[HT_DEFAULT].set)
		g.defcls = v[HT_DEFAULT].u;
	if (v[HT_R2Q].set)
		g.rate2quantum = v[HT_R2Q].u;
	nest = qdisc_opts_start(nlh);
	mnl_attr_put(nlh, TCA_HTB_INIT, sizeof(g), &g);
	if (v[HT_DIRECT_QLEN].set)
		mnl_attr_put_u32(nlh, TCA_HTB_DIRECT_QLEN, v[HT_DIRECT_QLEN].u);
	qdisc_opts_end(nlh, nest);
	return 0;
}

static void htb_print(struct ctx *c, const struct nlattr *opt)
{
	const struct nlattr *tb[TCA_HTB_MAX + 1] = {0};
	char b[32];

	parse_nested(opt, tb, TCA_HTB_MAX);
	if (attr_len(tb[TCA_HTB_PARMS], sizeof(struct tc_htb_opt))) {
		const struct tc_htb_opt *h = mnl_attr_get_payload(tb[TCA_HTB_PARMS]);
		uint64_t rate = attr_len(tb[TCA_HTB_RATE64], 8)
				    ? mnl_attr_get_u64(tb[TCA_HTB_RATE64])
				    : h->rate.rate;
		uint64_t ceil = attr_len(tb[TCA_HTB_CEIL64], 8)
				    ? mnl_attr_get_u64(tb[TCA_HTB_CEIL64])
				    : h->ceil.rate;

		if (!h->level)
			out_int(c->out, OUT_ANY, "prio", "prio %d ", (int)h->prio);
		qout_rate(c, "rate", "rate %s ", rate);
		if (h->rate.overhead)
			out_uint(c->out, OUT_ANY, "overhead", "overhead %u ", h->rate.overhead);
		qout_rate(c, "ceil", "ceil %s ", ceil);
		qout_size(c, "burst", "burst %s ", (uint64_t)qdisc_xmitsize(rate, h->buffer));
		qout_size(c, "cburst", "cburst %s ", (uint64_t)qdisc_xmitsize(ceil, h->cbuffer));
	}
	if (attr_len(tb[TCA_HTB_INIT], sizeof(struct tc_htb_glob))) {
		const struct tc_htb_glob *g = mnl_attr_get_payload(tb[TCA_HTB_INIT]);

		out_int(c->out, OUT_ANY, "r2q", "r2q %d", (int)g->rate2quantum);
		snprintf(b, sizeof(b), "%#x", g->defcls);
		out_str(c->out, OUT_ANY, "default", " default %s", b);
		out_uint(c->out, OUT_ANY, "direct_packets_stat", " direct_packets_stat %u",
			 g->direct_pkts);
	}
	if (attr_len(tb[TCA_HTB_DIRECT_QLEN], 4))
		out_uint(c->out, OUT_ANY, "direct_qlen", " direct_qlen %u",
			 mnl_attr_get_u32(tb[TCA_HTB_DIRECT_QLEN]));
}

static void htb_xstats(struct ctx *c, const struct nlattr *xs)
{
	const struct tc_htb_xstats *x;

	if (!attr_len(xs, sizeof(*x)))
		return;
	x = mnl_attr_get_payload(xs);
	out_uint(c->out, OUT_ANY, "lended", " lended: %u ", x->lends);
	out_uint(c->out, OUT_ANY, "borrowed", "borrowed: %u ", x->borrows);
	out_uint(c->out, OUT_ANY, "giants", "giants: %u", x->giants);
	out_nl(c->out);
	out_int(c->out, OUT_ANY, "tokens", " tokens: %d ", x->tokens);
	out_int(c->out, OUT_ANY, "ctokens", "ctokens: %d", x->ctokens);
	out_nl(c->out);
}

const struct qdisc_kind qdisc_htb = {.name = qk_htb,
				     .args = htb_args,
				     .nargs = HTB_NARGS,
				     .put = htb_put,
				     .print = htb_print,
				     .print_xstats = htb_xstats,
				     .classful = true};

enum { HC_RATE, HC_CEIL, HC_BURST, HC_CBURST, HC_PRIO, HC_QUANTUM };

const struct arg htb_class_args[HTBC_NARGS] = {
    [HC_RATE] = {.kw = "rate",
		 .kind = ARG_UNITS,
		 .units = "r",
		 .metavar = "RATE",
		 .help = "the rate the class is sure of (required)"},
    [HC_CEIL] = {.kw = "ceil",
		 .kind = ARG_UNITS,
		 .units = "r",
		 .metavar = "RATE",
		 .help = "the most it may borrow up to (its rate)"},
    [HC_BURST] = {.kw = "burst",
		  .alias = "buffer",
		  .kind = ARG_UNITS,
		  .units = "s",
		  .metavar = "BYTES",
		  .help = "bytes sent at once at ceil's speed"},
    [HC_CBURST] = {.kw = "cburst",
		   .alias = "cbuffer",
		   .kind = ARG_UNITS,
		   .units = "s",
		   .metavar = "BYTES",
		   .help = "bytes sent at once at the wire's speed"},
    [HC_PRIO] = {.kw = "prio",
		 .kind = ARG_U32,
		 .max = 7,
		 .metavar = "N",
		 .help = "0 to 7: lower is offered spare rate first"},
    [HC_QUANTUM] = {.kw = "quantum",
		    .kind = ARG_U32,
		    .min = 1,
		    .metavar = "BYTES",
		    .help = "bytes served in a turn (rate over r2q)"},
};

static int htb_class_put(struct ctx *c, struct nlmsghdr *nlh, const struct val *v)
{
	struct tc_htb_opt h = {0};
	uint64_t rate = v[HC_RATE].m.n[0];
	uint64_t ceil = v[HC_CEIL].set ? v[HC_CEIL].m.n[0] : rate;
	/* tc's default bucket: a second's worth at HZ=1000000000, and an MTU */
	double burst = v[HC_BURST].set ? (double)v[HC_BURST].m.n[0] : (double)QDISC_MTU;
	double cburst = v[HC_CBURST].set ? (double)v[HC_CBURST].m.n[0] : (double)QDISC_MTU;
	struct nlattr *nest;

	if (!v[HC_RATE].set)
		return err_usage(c, "an %s class needs %s", qdisc_htb_class.name,
				 htb_class_args[HC_RATE].kw);
	if (ceil < rate)
		return err_usage(c, "%s is below %s", htb_class_args[HC_CEIL].kw,
				 htb_class_args[HC_RATE].kw);
	qdisc_ratespec(&h.rate, rate, 2047);
	qdisc_ratespec(&h.ceil, ceil, 2047);
	h.buffer = qdisc_xmittime(rate, burst);
	h.cbuffer = qdisc_xmittime(ceil, cburst);
	h.prio = v[HC_PRIO].u;
	h.quantum = v[HC_QUANTUM].u;
	nest = qdisc_opts_start(nlh);
	if (rate >= (1ULL << 32))
		mnl_attr_put_u64(nlh, TCA_HTB_RATE64, rate);
	if (ceil >= (1ULL << 32))
		mnl_attr_put_u64(nlh, TCA_HTB_CEIL64, ceil);
	mnl_attr_put(nlh, TCA_HTB_PARMS, sizeof(h), &h);
	qdisc_opts_end(nlh, nest);
	return 0;
}

const struct qdisc_kind qdisc_htb_class = {.name = qk_htb,
					   .args = htb_class_args,
					   .nargs = HTBC_NARGS,
					   .put = htb_class_put,
					   .print = htb_print,
					   .print_xstats = htb_xstats,
					   .classful = true};

/* ---- fq_codel ------------------------------------------------------------- */

enum {
	FQ_LIMIT,
	FQ_FLOWS,
	FQ_TARGET,
	FQ_INTERVAL,
	FQ_QUANTUM,
	FQ_CE,
	FQ_MEM,
	FQ_ECN,
	FQ_NOECN,
	FQ_DROPB,
};

const struct arg fq_codel_args[FQC_NARGS] = {
    [FQ_LIMIT] = {.kw = "limit",
		  .kind = ARG_U32,
		  .min = 1,
		  .metavar = "PACKETS",
		  .help = "packets the queue holds"},
    [FQ_FLOWS] = {.kw = "flows",
		  .kind = ARG_U32,
		  .min = 1,
		  .max = 65536,
		  .metavar = "N",
		  .help = "the flows' buckets (1024)"},
    [FQ_TARGET] = {.kw = "target",
		   .kind = ARG_UNITS,
		   .units = "t",
		   .metavar = "TIME",
		   .help = "the queue delay aimed at (5ms)"},
    [FQ_INTERVAL] = {.kw = "interval",
		     .kind = ARG_UNITS,
		     .units = "t",
		     .metavar = "TIME",
		     .help = "the time the delay is judged over (100ms)"},
    [FQ_QUANTUM] = {.kw = "quantum",
		    .kind = ARG_U32,
		    .min = 1,
		    .metavar = "BYTES",
		    .help = "bytes a flow sends in a turn"},
    [FQ_CE] = {.kw = "ce_threshold",
	       .kind = ARG_UNITS,
	       .units = "t",
	       .metavar = "TIME",
	       .help = "marks ECN's congestion above this delay"},
    [FQ_MEM] = {.kw = "memory_limit",
		.kind = ARG_UNITS,
		.units = "s",
		.metavar = "BYTES",
		.help = "the most memory the queue takes"},
    [FQ_ECN] = {.kw = "ecn",
		.kind = ARG_FLAG,
		.excludes = FQ_NOECN + 1,
		.help = "mark packets instead of dropping them (the default)"},
    [FQ_NOECN] = {.kw = "noecn", .kind = ARG_FLAG, .help = "drop packets, never mark"},
    [FQ_DROPB] = {.kw = "drop_batch",
		  .kind = ARG_U32,
		  .min = 1,
		  .metavar = "PACKETS",
		  .help = "packets dropped at once from the fattest flow when full (64)"},
};

static int fq_codel_put(struct ctx *c, struct nlmsghdr *nlh, const struct val *v)
{
	struct nlattr *nest = qdisc_opts_start(nlh);

	(void)c;
	if (v[FQ_LIMIT].set)
		mnl_attr_put_u32(nlh, TCA_FQ_CODEL_LIMIT, v[FQ_LIMIT].u);
	if (v[FQ_FLOWS].set)
		mnl_attr_put_u32(nlh, TCA_FQ_CODEL_FLOWS, v[FQ_FLOWS].u);
	if (v[FQ_QUANTUM].set)
		mnl_attr_put_u32(nlh, TCA_FQ_CODEL_QUANTUM, v[FQ_QUANTUM].u);
	if (v[FQ_INTERVAL].set)
		mnl_attr_put_u32(nlh, TCA_FQ_CODEL_INTERVAL,
				 (uint32_t)(v[FQ_INTERVAL].m.n[0] / 1000));
	if (v[FQ_TARGET].set)
		mnl_attr_put_u32(nlh, TCA_FQ_CODEL_TARGET, (uint32_t)(v[FQ_TARGET].m.n[0] / 1000));
	if (v[FQ_ECN].set || v[FQ_NOECN].set)
		mnl_attr_put_u32(nlh, TCA_FQ_CODEL_ECN, v[FQ_ECN].set);
	if (v[FQ_CE].set)
		mnl_attr_put_u32(nlh, TCA_FQ_CODEL_CE_THRESHOLD,
				 (uint32_t)(v[FQ_CE].m.n[0] / 1000));
	if (v[FQ_MEM].set)
		mnl_attr_put_u32(nlh, TCA_FQ_CODEL_MEMORY_LIMIT, (uint32_t)v[FQ_MEM].m.n[0]);
	if (v[FQ_DROPB].set)
		mnl_attr_put_u32(nlh, TCA_FQ_CODEL_DROP_BATCH_SIZE, v[FQ_DROPB].u);
	qdisc_opts_end(nlh, nest);
	return 0;
}

static void fq_codel_print(struct ctx *c, const struct nlattr *opt)
{
	const struct nlattr *tb[TCA_FQ_CODEL_MAX + 1] = {0};
	char b[64];

	parse_nested(opt, tb, TCA_FQ_CODEL_MAX);
#define FQ_U32(t) (attr_len(tb[t], 4) ? mnl_attr_get_u32(tb[t]) : 0)
	if (tb[TCA_FQ_CODEL_LIMIT])
		out_uint(c->out, OUT_ANY, "limit", "limit %up ", FQ_U32(TCA_FQ_CODEL_LIMIT));
	if (tb[TCA_FQ_CODEL_FLOWS])
		out_uint(c->out, OUT_ANY, "flows", "flows %u ", FQ_U32(TCA_FQ_CODEL_FLOWS));
	if (tb[TCA_FQ_CODEL_QUANTUM])
		out_uint(c->out, OUT_ANY, "quantum", "quantum %u ", FQ_U32(TCA_FQ_CODEL_QUANTUM));
	if (tb[TCA_FQ_CODEL_TARGET]) {
		out_uint(c->out, OUT_JSON, "target", NULL, FQ_U32(TCA_FQ_CODEL_TARGET));
		out_str(c->out, OUT_TEXT, NULL, "target %s ",
			qfmt_time(FQ_U32(TCA_FQ_CODEL_TARGET), b, sizeof(b)));
	}
	if (tb[TCA_FQ_CODEL_CE_THRESHOLD]) {
		out_uint(c->out, OUT_JSON, "ce_threshold", NULL, FQ_U32(TCA_FQ_CODEL_CE_THRESHOLD));
		out_str(c->out, OUT_TEXT, NULL, "ce_threshold %s ",
			qfmt_time(FQ_U32(TCA_FQ_CODEL_CE_THRESHOLD), b, sizeof(b)));
	}
	if (tb[TCA_FQ_CODEL_INTERVAL]) {
		out_uint(c->out, OUT_JSON, "interval", NULL, FQ_U32(TCA_FQ_CODEL_INTERVAL));
		out_str(c->out, OUT_TEXT, NULL, "interval %s ",
			qfmt_time(FQ_U32(TCA_FQ_CODEL_INTERVAL), b, sizeof(b)));
	}
	if (tb[TCA_FQ_CODEL_MEMORY_LIMIT])
		qout_size(c, "memory_limit", "memory_limit %s ", FQ_U32(TCA_FQ_CODEL_MEMORY_LIMIT));
	if (FQ_U32(TCA_FQ_CODEL_ECN))
		out_bool(c->out, OUT_ANY, "ecn", "ecn ", true);
	if (FQ_U32(TCA_FQ_CODEL_DROP_BATCH_SIZE))
		out_uint(c->out, OUT_ANY, "drop_batch", "drop_batch %u ",
			 FQ_U32(TCA_FQ_CODEL_DROP_BATCH_SIZE));
#undef FQ_U32
}

static void fq_codel_xstats(struct ctx *c, const struct nlattr *xs)
{
	struct tc_fq_codel_xstats st = {0};
	size_t n = mnl_attr_get_payload_len(xs);
	const struct tc_fq_codel_qd_stats *q = &st.qdisc_stats;

	memcpy(&st, mnl_attr_get_payload(xs), n < sizeof(st) ? n : sizeof(st));
	if (st.type != TCA_FQ_CODEL_XSTATS_QDISC)
		return;
	out_uint(c->out, OUT_ANY, "maxpacket", "  maxpacket %u", q->maxpacket);
	out_uint(c->out, OUT_ANY, "drop_overlimit", " drop_overlimit %u", q->drop_overlimit);
	out_uint(c->out, OUT_ANY, "new_flow_count", " new_flow_count %u", q->new_flow_count);
	out_uint(c->out, OUT_ANY, "ecn_mark", " ecn_mark %u", q->ecn_mark);
	if (q->ce_mark)
		out_uint(c->out, OUT_ANY, "ce_mark", " ce_mark %u", q->ce_mark);
	if (q->memory_usage)
		out_uint(c->out, OUT_ANY, "memory_used", " memory_used %u", q->memory_usage);
	if (q->drop_overmemory)
		out_uint(c->out, OUT_ANY, "drop_overmemory", " drop_overmemory %u",
			 q->drop_overmemory);
	out_nl(c->out);
	out_uint(c->out, OUT_ANY, "new_flows_len", "  new_flows_len %u", q->new_flows_len);
	out_uint(c->out, OUT_ANY, "old_flows_len", " old_flows_len %u", q->old_flows_len);
}

const struct qdisc_kind qdisc_fq_codel = {.name = qk_fq_codel,
					  .print_xstats = fq_codel_xstats,
					  .args = fq_codel_args,
					  .nargs = FQC_NARGS,
					  .put = fq_codel_put,
					  .print = fq_codel_print};

/* ---- pfifo, bfifo, prio ---------------------------------------------------- */

const struct arg pfifo_args[FIFO_NARGS] = {
    {.kw = "limit",
     .kind = ARG_U32,
     .metavar = "PACKETS",
     .help = "packets the queue holds (the device's txqueuelen)"},
};
const struct arg bfifo_args[FIFO_NARGS] = {
    {.kw = "limit",
     .kind = ARG_UNITS,
     .units = "s",
     .metavar = "BYTES",
     .help = "bytes the queue holds (txqueuelen times the MTU)"},
};

static int bfifo_put(struct ctx *c, struct nlmsghdr *nlh, const struct val *v)
{
	struct tc_fifo_qopt q = {.limit = (uint32_t)v[0].m.n[0]};

	(void)c;
	if (v[0].set) /* else the kernel's default */
		mnl_attr_put(nlh, TCA_OPTIONS, sizeof(q), &q);
	return 0;
}

static int pfifo_put(struct ctx *c, struct nlmsghdr *nlh, const struct val *v)
{
	struct tc_fifo_qopt q = {.limit = v[0].u};

	(void)c;
	if (v[0].set)
		mnl_attr_put(nlh, TCA_OPTIONS, sizeof(q), &q);
	return 0;
}

static void pfifo_print(struct ctx *c, const struct nlattr *opt)
{
	if (attr_len(opt, sizeof(struct tc_fifo_qopt)))
		out_uint(c->out, OUT_ANY, "limit", "limit %up",
			 ((const struct tc_fifo_qopt *)mnl_attr_get_payload(opt))->limit);
}

static void bfifo_print(struct ctx *c, const struct nlattr *opt)
{
	if (attr_len(opt, sizeof(struct tc_fifo_qopt)))
		qout_size(c, "limit", "limit %s",
			  ((const struct tc_fifo_qopt *)mnl_attr_get_payload(opt))->limit);
}

const struct qdisc_kind qdisc_pfifo = {.name = qk_pfifo,
				       .args = pfifo_args,
				       .nargs = FIFO_NARGS,
				       .put = pfifo_put,
				       .print = pfifo_print};
const struct qdisc_kind qdisc_bfifo = {.name = qk_bfifo,
				       .args = bfifo_args,
				       .nargs = FIFO_NARGS,
				       .put = bfifo_put,
				       .print = bfifo_print};

enum { PR_BANDS, PR_PRIOMAP };

const struct arg prio_args[PRIO_NARGS] = {
    [PR_BANDS] = {.kw = "bands",
		  .kind = ARG_U32,
		  .min = 2,
		  .max = TCQ_PRIO_BANDS,
		  .metavar = "N",
		  .help = "the bands, 2 to 16 (3)"},
    /* a band for each priority from 0, up to TC_PRIO_MAX + 1 of them */
    [PR_PRIOMAP] = {.kw = "priomap",
		    .kind = ARG_UNITS,
		    .units = "nnnnnnnnnnnnnnnn",
		    .metavar = "BAND...",
		    .help = "the band of priority 0, 1, ... (those left out keep tc's map)"},
};

static int prio_put(struct ctx *c, struct nlmsghdr *nlh, const struct val *v)
{
	/* tc's map of the packet priorities to the bands */
	struct tc_prio_qopt q = {.bands = 3,
				 .priomap = {1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1}};

	if (v[PR_BANDS].set)
		q.bands = (int)v[PR_BANDS].u;
	for (int i = 0; v[PR_PRIOMAP].set && i < v[PR_PRIOMAP].nrest; i++)
		q.priomap[i] = (uint8_t)(v[PR_PRIOMAP].m.n[i] > 255 ? 255 : v[PR_PRIOMAP].m.n[i]);
	/* the kernel's EINVAL, said before anything is sent: a band each
	 * priority has, below bands (tc's map has band 2: bands 2 needs a map) */
	for (int i = 0; i <= TC_PRIO_MAX; i++)
		if (q.priomap[i] >= q.bands)
			return err_usage(c,
					 "%s: priority %d's band %u is not below %s %d "
					 "(%s BAND..., from priority 0)",
					 qdisc_prio.name, i, (unsigned)q.priomap[i],
					 prio_args[PR_BANDS].kw, q.bands, prio_args[PR_PRIOMAP].kw);
	mnl_attr_put(nlh, TCA_OPTIONS, sizeof(q), &q);
	return 0;
}

static void prio_print(struct ctx *c, const struct nlattr *opt)
{
	const struct tc_prio_qopt *q;

	if (!attr_len(opt, sizeof(*q)))
		return;
	q = mnl_attr_get_payload(opt);
	out_uint(c->out, OUT_ANY, "bands", "bands %u ", (unsigned)q->bands);
	out_list_open(c->out, "priomap");
	out_text(c->out, "priomap");
	for (int i = 0; i <= TC_PRIO_MAX; i++)
		out_uint(c->out, OUT_ANY, NULL, " %u", q->priomap[i]);
	out_list_close(c->out);
	out_bool(c->out, OUT_JSON, "multiqueue", NULL, false);
}

const struct qdisc_kind qdisc_prio = {.name = qk_prio,
				      .args = prio_args,
				      .nargs = PRIO_NARGS,
				      .put = prio_put,
				      .print = prio_print,
				      .classful = true};
