// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netem: delay (with jitter, correlation and a distribution), loss (random,
 * a 4-state Markov chain, Gilbert-Elliott), duplication, corruption,
 * reordering, a rate and slots, as tc-netem(8) words them.
 *
 * The distributions are tables of 4096 signed 16-bit numbers, each the
 * quantile (in units of NETEM_DIST_SCALE standard deviations) that a
 * uniformly random index picks: the kernel scales one by the jitter and
 * adds the delay.  iproute2 ships them as files made by its maketable
 * programs; here they are computed when asked for, from the same
 * definitions: the normal's quantiles, Pareto's with shape 3 (shifted
 * to mean 0), and their mix, a quarter normal.
 */
#include <math.h>
#include <string.h>

#include "out.h"
#include "qdisc.h"

const char qk_netem[] = "netem";

static const char *const dist_words[] = {"normal", "pareto", "paretonormal", NULL};
static const char *const loss_words[] = {"random", "state", "gemodel", NULL};
enum { LOSS_RANDOM = 1, LOSS_STATE, LOSS_GEMODEL };

const struct arg netem_args[NETEM_NARGS] = {
    [NE_LIMIT] = {.kw = "limit",
		  .kind = ARG_UNITS,
		  .units = "n",
		  .metavar = "PACKETS",
		  .help = "packets the queue holds (1000)"},
    [NE_DELAY] = {.kw = "delay",
		  .alias = "latency",
		  .kind = ARG_UNITS,
		  .units = "ttp",
		  .metavar = "TIME [JITTER [CORRELATION]]",
		  .help = "each packet's delay, varied by up to JITTER"},
    [NE_DIST] = {.kw = "distribution",
		 .kind = ARG_ENUM,
		 .words = dist_words,
		 .metavar = "normal|pareto|paretonormal",
		 .help = "how the jitter is distributed (uniform without)"},
    [NE_LOSS] = {.kw = "loss",
		 .alias = "drop",
		 .kind = ARG_UNITS,
		 .units = "ppppp",
		 .words = loss_words,
		 .metavar = "[random|state|gemodel] PERCENT...",
		 .help = "packets lost: random P [CORR], state P13 [P31 P32 P23 P14], "
			 "gemodel P [R [1-H [1-K]]]"},
    [NE_DUP] = {.kw = "duplicate",
		.kind = ARG_UNITS,
		.units = "pp",
		.metavar = "PERCENT [CORRELATION]",
		.help = "packets sent twice"},
    [NE_CORRUPT] = {.kw = "corrupt",
		    .kind = ARG_UNITS,
		    .units = "pp",
		    .metavar = "PERCENT [CORRELATION]",
		    .help = "packets with a bit flipped"},
    [NE_REORDER] = {.kw = "reorder",
		    .kind = ARG_UNITS,
		    .units = "pp",
		    .metavar = "PERCENT [CORRELATION]",
		    .help = "packets sent at once, ahead of the delayed (needs delay)"},
    [NE_GAP] = {.kw = "gap",
		.kind = ARG_UNITS,
		.units = "n",
		.metavar = "N",
		.help = "reorder every Nth packet"},
    [NE_RATE] = {.kw = "rate",
		 .kind = ARG_UNITS,
		 .units = "rini",
		 .metavar = "RATE [PACKETOVERHEAD [CELLSIZE [CELLOVERHEAD]]]",
		 .help = "the rate packets leave at"},
    [NE_POVER] = {.kw = "packetoverhead",
		  .kind = ARG_UNITS,
		  .units = "i",
		  .metavar = "BYTES",
		  .help = "bytes the rate counts for each packet beyond its length"},
    [NE_SLOT] = {.kw = "slot",
		 .kind = ARG_UNITS,
		 .units = "tt",
		 .metavar = "MIN [MAX]",
		 .help = "packets leave in bursts, every MIN to MAX"},
    [NE_SPACKETS] = {.kw = "packets",
		     .kind = ARG_UNITS,
		     .units = "n",
		     .metavar = "N",
		     .help = "with slot: the most packets a slot sends"},
    [NE_SBYTES] = {.kw = "bytes",
		   .kind = ARG_UNITS,
		   .units = "s",
		   .metavar = "BYTES",
		   .help = "with slot: the most bytes a slot sends"},
    [NE_CELLSIZE] = {.kw = "cellsize",
		     .kind = ARG_UNITS,
		     .units = "n",
		     .metavar = "BYTES",
		     .help = "with rate: the link layer's cell"},
    [NE_COVER] = {.kw = "celloverhead",
		  .kind = ARG_UNITS,
		  .units = "i",
		  .metavar = "BYTES",
		  .help = "with rate: bytes counted for each cell"},
    [NE_ECN] = {.kw = "ecn", .kind = ARG_FLAG, .help = "mark packets instead of losing them"},
};

/* words that go with another: each needs its .needs given too */
static const struct {
	int a, needs;
	const char *why;
} netem_needs[] = {
    {NE_REORDER, NE_DELAY, " (it sends some packets ahead of the delayed)"},
    {NE_GAP, NE_REORDER, ""},
    {NE_DIST, NE_DELAY, ""},
    {NE_POVER, NE_RATE, ""},
    {NE_CELLSIZE, NE_RATE, ""},
    {NE_COVER, NE_RATE, ""},
    {NE_SPACKETS, NE_SLOT, ""},
    {NE_SBYTES, NE_SLOT, ""},
    {NE_ECN, NE_LOSS, " (it marks what loss would drop)"},
};

#define DIST_SIZE 4096

/* The normal table: entry k is the largest x, on a grid of steps of
 * 0.00005 from -10, whose CDF rounds to k/4096 on a scale of 16384 (the
 * upper edge of that quantile's bucket), as iproute2's tables hold it. */
static void normal_table(double *q)
{
	double x;

	for (int k = 0; k < DIST_SIZE; k++)
		q[k] = -10;
	for (x = -10.0; x < 10.05; x += .00005) {
		long i = lrint(16384 * (0.5 + 0.5 * erf(x / sqrt(2.0))));

		if (i % 4 == 0 && i / 4 < DIST_SIZE)
			q[i / 4] = x;
	}
}

/* Pareto's (shape 3) quantile of u, shifted and scaled to tc's tables */
static int pareto_scaled(double u)
{
	double v = (1.0 / pow(1.0 - u, 1.0 / 3.0) - 1.5) * (4.0 / 3.0) * NETEM_DIST_SCALE;

	return (int)rint(v > 32767 ? 32767 : v);
}

static int16_t clamp16(long v)
{
	return v < -32768 ? -32768 : v > 32767 ? 32767 : (int16_t)v;
}

static void dist_table(int which, int16_t *t)
{
	static double q[DIST_SIZE];

	if (which != 1)
		normal_table(q);
	for (int i = 0; i < DIST_SIZE; i++) {
		double u = (double)i / DIST_SIZE;
		long n = which != 1 ? lrint(q[i] * NETEM_DIST_SCALE) : 0;

		if (which == 0)
			t[i] = clamp16(n);
		else if (which == 1)
			t[i] = clamp16(pareto_scaled(u));
		else /* a quarter normal, three quarters Pareto */
			t[i] = clamp16((n + 3 * pareto_scaled(u)) / 4);
	}
}

static int netem_put(struct ctx *c, struct nlmsghdr *nlh, const struct val *v)
{
	struct tc_netem_qopt opt = {.limit = 1000};
	struct tc_netem_corr cor = {0};
	bool has_cor = false;
	struct nlattr *nest;
	const struct val *d = &v[NE_DELAY], *l = &v[NE_LOSS];

	if (v[NE_LIMIT].set)
		opt.limit = (uint32_t)v[NE_LIMIT].m.n[0];
	for (size_t i = 0; i < ARRAY_SIZE(netem_needs); i++)
		if (v[netem_needs[i].a].set && !v[netem_needs[i].needs].set)
			return err_usage(c, "%s needs %s%s", netem_args[netem_needs[i].a].kw,
					 netem_args[netem_needs[i].needs].kw, netem_needs[i].why);
	if (v[NE_DIST].set && d->nrest < 2)
		return err_usage(c, "%s needs %s with a jitter (TIME JITTER)",
				 netem_args[NE_DIST].kw, netem_args[NE_DELAY].kw);
	if (l->set && (l->word == 0 || l->word == LOSS_RANDOM) && l->nrest > 2)
		return err_usage(c, "%s %s takes PERCENT [CORRELATION]", netem_args[NE_LOSS].kw,
				 loss_words[LOSS_RANDOM - 1]);
	if (l->set && l->word == LOSS_GEMODEL && l->nrest > 4)
		return err_usage(c, "%s %s takes P [R [1-H [1-K]]]", netem_args[NE_LOSS].kw,
				 loss_words[LOSS_GEMODEL - 1]);
	if (v[NE_SLOT].set && v[NE_SLOT].nrest > 1 && v[NE_SLOT].m.n[1] < v[NE_SLOT].m.n[0])
		return err_usage(c, "%s's MAX is below its MIN", netem_args[NE_SLOT].kw);
	if (l->set && l->word <= LOSS_RANDOM) {
		opt.loss = (uint32_t)l->m.n[0];
		if (l->nrest > 1) {
			cor.loss_corr = (uint32_t)l->m.n[1];
			has_cor = true;
		}
	}
	if (v[NE_DUP].set) {
		opt.duplicate = (uint32_t)v[NE_DUP].m.n[0];
		if (v[NE_DUP].nrest > 1) {
			cor.dup_corr = (uint32_t)v[NE_DUP].m.n[1];
			has_cor = true;
		}
	}
	if (d->nrest > 2) {
		cor.delay_corr = (uint32_t)d->m.n[2];
		has_cor = true;
	}
	if (v[NE_REORDER].set)
		opt.gap = v[NE_GAP].set ? (uint32_t)v[NE_GAP].m.n[0] : 1;
	nest = qdisc_opts_start(nlh);
	/* netem's options are its struct, then attributes after it */
	memcpy(mnl_nlmsg_get_payload_tail(nlh), &opt, sizeof(opt));
	nlh->nlmsg_len += MNL_ALIGN(sizeof(opt));
	if (d->set) {
		mnl_attr_put_u64(nlh, TCA_NETEM_LATENCY64, d->m.n[0]);
		if (d->nrest > 1)
			mnl_attr_put_u64(nlh, TCA_NETEM_JITTER64, d->m.n[1]);
	}
	if (has_cor || v[NE_REORDER].nrest > 1 || v[NE_CORRUPT].nrest > 1)
		mnl_attr_put(nlh, TCA_NETEM_CORR, sizeof(cor), &cor);
	if (v[NE_REORDER].set) {
		struct tc_netem_reorder r = {.probability = (uint32_t)v[NE_REORDER].m.n[0],
					     .correlation = (uint32_t)v[NE_REORDER].m.n[1]};
		mnl_attr_put(nlh, TCA_NETEM_REORDER, sizeof(r), &r);
	}
	if (v[NE_ECN].set)
		mnl_attr_put_u32(nlh, TCA_NETEM_ECN, 1);
	if (v[NE_CORRUPT].set) {
		struct tc_netem_corrupt k = {.probability = (uint32_t)v[NE_CORRUPT].m.n[0],
					     .correlation = (uint32_t)v[NE_CORRUPT].m.n[1]};
		mnl_attr_put(nlh, TCA_NETEM_CORRUPT, sizeof(k), &k);
	}
	if (v[NE_SLOT].set) {
		struct tc_netem_slot s = {.min_delay = (int64_t)v[NE_SLOT].m.n[0]};
		s.max_delay = v[NE_SLOT].nrest > 1 ? (int64_t)v[NE_SLOT].m.n[1] : s.min_delay;
		s.max_packets = (int32_t)v[NE_SPACKETS].m.n[0];
		s.max_bytes = (int32_t)v[NE_SBYTES].m.n[0];
		mnl_attr_put(nlh, TCA_NETEM_SLOT, sizeof(s), &s);
	}
	if (l->set && l->word > LOSS_RANDOM) {
		struct nlattr *ln = mnl_attr_nest_start(nlh, TCA_NETEM_LOSS);
		const uint64_t *p = l->m.n;
		int n = l->nrest;

		if (l->word == LOSS_STATE) {
			struct tc_netem_gimodel gi = {.p13 = (uint32_t)p[0],
						      .p31 = n > 1 ? (uint32_t)p[1]
								   : UINT32_MAX - (uint32_t)p[0],
						      .p32 = n > 2 ? (uint32_t)p[2] : 0,
						      .p23 = n > 3 ? (uint32_t)p[3] : UINT32_MAX,
						      .p14 = n > 4 ? (uint32_t)p[4] : 0};
			mnl_attr_put(nlh, NETEM_LOSS_GI, sizeof(gi), &gi);
		} else {
			/* the word is 1-h; the kernel wants h */
			struct tc_netem_gemodel ge = {
			    .p = (uint32_t)p[0],
			    .r = n > 1 ? (uint32_t)p[1] : UINT32_MAX - (uint32_t)p[0],
			    .h = n > 2 ? UINT32_MAX - (uint32_t)p[2] : UINT32_MAX,
			    .k1 = n > 3 ? (uint32_t)p[3] : 0};
			mnl_attr_put(nlh, NETEM_LOSS_GE, sizeof(ge), &ge);
		}
		mnl_attr_nest_end(nlh, ln);
	}
	if (v[NE_RATE].set) {
		struct tc_netem_rate r = {0};
		uint64_t rate = v[NE_RATE].m.n[0];

		if (rate >= (1ULL << 32))
			mnl_attr_put_u64(nlh, TCA_NETEM_RATE64, rate);
		r.rate = rate >= (1ULL << 32) ? ~0U : (uint32_t)rate;
		/* the words after the rate, or each by its keyword */
		r.packet_overhead =
		    (int32_t)(v[NE_POVER].set ? v[NE_POVER].m.n[0] : v[NE_RATE].m.n[1]);
		r.cell_size =
		    (uint32_t)(v[NE_CELLSIZE].set ? v[NE_CELLSIZE].m.n[0] : v[NE_RATE].m.n[2]);
		r.cell_overhead =
		    (int32_t)(v[NE_COVER].set ? v[NE_COVER].m.n[0] : v[NE_RATE].m.n[3]);
		mnl_attr_put(nlh, TCA_NETEM_RATE, sizeof(r), &r);
	}
	if (v[NE_DIST].set) {
		static int16_t t[DIST_SIZE];

		dist_table(v[NE_DIST].e, t);
		mnl_attr_put(nlh, TCA_NETEM_DELAY_DIST, sizeof(t), t);
	}
	qdisc_opts_end(nlh, nest);
	return 0;
}

/* a correlation after its value: text only when present; JSON always */
static void print_corr(struct ctx *c, bool present, uint32_t value)
{
	if (out_is_json(c->out))
		qout_percent(c, "correlation", "", value);
	else if (present)
		qout_percent(c, NULL, " %s", value);
}

static void print_time_obj(struct ctx *c, const char *key, const char *fmt, uint64_t ns)
{
	char b[64];

	snprintf(b, sizeof(b), "%g", ns / 1e9);
	out_digits(c->out, OUT_JSON, key, NULL, b);
	out_str(c->out, OUT_TEXT, NULL, fmt, qfmt_time64(ns, b, sizeof(b)));
}

/* JSON only: microseconds as seconds, in tc's %g */
static void print_usec(struct ctx *c, const char *key, uint32_t usec)
{
	char b[64];

	snprintf(b, sizeof(b), "%g", usec / 1e6);
	out_digits(c->out, OUT_JSON, key, NULL, b);
}

static void print_int_opt(struct ctx *c, const char *key, const char *fmt, int v)
{
	out_int(c->out, OUT_JSON, key, NULL, v);
	if (v)
		out_int(c->out, OUT_TEXT, NULL, fmt, v);
}

#define NETEM_ATTR(tb, t, T) (tb[t] && mnl_attr_get_payload_len(tb[t]) >= sizeof(T))

static void netem_print(struct ctx *c, const struct nlattr *opt)
{
	const struct nlattr *tb[TCA_NETEM_MAX + 1] = {0}, *lb[NETEM_LOSS_MAX + 1] = {0};
	const struct tc_netem_corr *cor = NULL;
	struct tc_netem_qopt q;
	size_t len = mnl_attr_get_payload_len(opt);
	const struct nlattr *a;
	uint64_t rate64 = 0;
	char b[64];

	if (len < sizeof(q))
		return;
	memcpy(&q, mnl_attr_get_payload(opt), sizeof(q));
	for (a = (const void *)((const char *)mnl_attr_get_payload(opt) + MNL_ALIGN(sizeof(q)));
	     mnl_attr_ok(a, (int)((const char *)opt + opt->nla_len - (const char *)a));
	     a = mnl_attr_next(a))
		if (mnl_attr_get_type(a) <= TCA_NETEM_MAX)
			tb[mnl_attr_get_type(a)] = a;
	if (NETEM_ATTR(tb, TCA_NETEM_CORR, *cor))
		cor = mnl_attr_get_payload(tb[TCA_NETEM_CORR]);
	if (NETEM_ATTR(tb, TCA_NETEM_RATE64, uint64_t))
		rate64 = mnl_attr_get_u64(tb[TCA_NETEM_RATE64]);
	if (tb[TCA_NETEM_LOSS])
		mnl_attr_for_each_nested(a, tb[TCA_NETEM_LOSS]) if (mnl_attr_get_type(a) <=
								    NETEM_LOSS_MAX)
		    lb[mnl_attr_get_type(a)] = a;

	out_uint(c->out, OUT_ANY, "limit", "limit %u", q.limit);
	/* the delay as tc 6.1 (Debian 12's) reads it: the struct's ticks, in
	 * whole microseconds, which the kernel fills whatever set it */
	if (q.latency) {
		uint32_t lat = qdisc_tick2usec(q.latency), jit = qdisc_tick2usec(q.jitter);

		out_obj_open(c->out, "delay");
		if (out_is_json(c->out)) {
			print_usec(c, "delay", lat);
			print_usec(c, "jitter", jit);
		} else {
			out_str(c->out, OUT_TEXT, NULL, " delay %s", qfmt_time(lat, b, sizeof(b)));
			if (q.jitter)
				out_str(c->out, OUT_TEXT, NULL, "  %s",
					qfmt_time(jit, b, sizeof(b)));
		}
		print_corr(c, q.jitter && cor && cor->delay_corr, cor ? cor->delay_corr : 0);
		out_obj_close(c->out);
	}
	if (q.loss) {
		out_obj_open(c->out, "loss-random");
		qout_percent(c, "loss", " loss %s", q.loss);
		print_corr(c, cor && cor->loss_corr, cor ? cor->loss_corr : 0);
		out_obj_close(c->out);
	}
	if (NETEM_ATTR(lb, NETEM_LOSS_GI, struct tc_netem_gimodel)) {
		const struct tc_netem_gimodel *gi = mnl_attr_get_payload(lb[NETEM_LOSS_GI]);
		out_obj_open(c->out, "loss-state");
		qout_percent(c, "p13", " loss state p13 %s", gi->p13);
		qout_percent(c, "p31", " p31 %s", gi->p31);
		qout_percent(c, "p32", " p32 %s", gi->p32);
		qout_percent(c, "p23", " p23 %s", gi->p23);
		qout_percent(c, "p14", " p14 %s", gi->p14);
		out_obj_close(c->out);
	}
	if (NETEM_ATTR(lb, NETEM_LOSS_GE, struct tc_netem_gemodel)) {
		const struct tc_netem_gemodel *ge = mnl_attr_get_payload(lb[NETEM_LOSS_GE]);
		out_obj_open(c->out, "loss-gemodel");
		qout_percent(c, "p", " loss gemodel p %s", ge->p);
		qout_percent(c, "r", " r %s", ge->r);
		qout_percent(c, "1-h", " 1-h %s", UINT32_MAX - ge->h);
		qout_percent(c, "1-k", " 1-k %s", ge->k1);
		out_obj_close(c->out);
	}
	if (q.duplicate) {
		out_obj_open(c->out, "duplicate");
		qout_percent(c, "duplicate", " duplicate %s", q.duplicate);
		print_corr(c, cor && cor->dup_corr, cor ? cor->dup_corr : 0);
		out_obj_close(c->out);
	}
	if (NETEM_ATTR(tb, TCA_NETEM_REORDER, struct tc_netem_reorder)) {
		const struct tc_netem_reorder *r = mnl_attr_get_payload(tb[TCA_NETEM_REORDER]);
		if (r->probability) {
			out_obj_open(c->out, "reorder");
			qout_percent(c, "reorder", " reorder %s", r->probability);
			print_corr(c, r->correlation, r->correlation);
			out_obj_close(c->out);
		}
	}
	if (NETEM_ATTR(tb, TCA_NETEM_CORRUPT, struct tc_netem_corrupt)) {
		const struct tc_netem_corrupt *k = mnl_attr_get_payload(tb[TCA_NETEM_CORRUPT]);
		if (k->probability) {
			out_obj_open(c->out, "corrupt");
			qout_percent(c, "corrupt", " corrupt %s", k->probability);
			print_corr(c, k->correlation, k->correlation);
			out_obj_close(c->out);
		}
	}
	if (NETEM_ATTR(tb, TCA_NETEM_RATE, struct tc_netem_rate)) {
		const struct tc_netem_rate *r = mnl_attr_get_payload(tb[TCA_NETEM_RATE]);
		if (r->rate) {
			out_obj_open(c->out, "rate");
			qout_rate(c, "rate", " rate %s", rate64 ? rate64 : r->rate);
			print_int_opt(c, "packetoverhead", " packetoverhead %d",
				      r->packet_overhead);
			out_uint(c->out, OUT_JSON, "cellsize", NULL, r->cell_size);
			if (r->cell_size)
				out_uint(c->out, OUT_TEXT, NULL, " cellsize %u", r->cell_size);
			print_int_opt(c, "celloverhead", " celloverhead %d", r->cell_overhead);
			out_obj_close(c->out);
		}
	}
	if (NETEM_ATTR(tb, TCA_NETEM_SLOT, struct tc_netem_slot)) {
		const struct tc_netem_slot *s = mnl_attr_get_payload(tb[TCA_NETEM_SLOT]);
		out_obj_open(c->out, "slot");
		if (s->dist_jitter > 0) {
			print_time_obj(c, "distribution", " slot distribution %s",
				       (uint64_t)s->dist_delay);
			print_time_obj(c, "jitter", " %s", (uint64_t)s->dist_jitter);
		} else {
			print_time_obj(c, "min-delay", " slot %s", (uint64_t)s->min_delay);
			print_time_obj(c, "max-delay", " %s", (uint64_t)s->max_delay);
		}
		print_int_opt(c, "packets", " packets %d", s->max_packets);
		print_int_opt(c, "bytes", " bytes %d", s->max_bytes);
		out_obj_close(c->out);
	}
	out_bool(c->out, OUT_JSON, "ecn", NULL, tb[TCA_NETEM_ECN] != NULL);
	if (tb[TCA_NETEM_ECN])
		out_text(c->out, " ecn ");
	out_u64(c->out, OUT_JSON, "gap", NULL, q.gap);
	if (q.gap)
		out_u64(c->out, OUT_TEXT, NULL, " gap %llu", q.gap);
}

/* classful as tbf is: one class, 1:1, for a qdisc under it */
const struct qdisc_kind qdisc_netem = {
    .name = qk_netem,
    .args = netem_args,
    .nargs = NETEM_NARGS,
    .put = netem_put,
    .print = netem_print,
    .classful = true,
};
