// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tc's spelling of what qdiscs hold: rates in bits ("10Mbit"), sizes in
 * bytes with binary multiples ("10Kb"), times with three significant digits
 * ("20ms"), netem's probabilities as percentages; and the counters -s
 * prints under each qdisc and class.  JSON carries the plain numbers, as
 * tc -j does.
 */
#include <linux/gen_stats.h>
#include <string.h>

#include "out.h"
#include "qdisc.h"

const char *qfmt_rate(uint64_t rate, char *buf, size_t sz)
{
	static const char *const units[] = {"", "K", "M", "G", "T"};
	uint64_t bits = rate * 8;
	size_t i;

	/* a multiple only when it is exact, or the number is big enough
	 * that the part lost does not matter (tc's rule) */
	for (i = 0; i < ARRAY_SIZE(units) - 1; i++) {
		if (bits < 1000 || (bits % 1000 && bits < 1000 * 1000))
			break;
		bits /= 1000;
	}
	snprintf(buf, sz, "%llu%sbit", (unsigned long long)bits, units[i]);
	return buf;
}

const char *qfmt_size(uint64_t bytes, char *buf, size_t sz)
{
	static const struct {
		uint64_t unit;
		const char *name;
		uint64_t slack;
	} mult[] = {{1ULL << 30, "Gb", 1024}, {1ULL << 20, "Mb", 1024}, {1ULL << 10, "Kb", 16}};

	for (size_t i = 0; i < ARRAY_SIZE(mult); i++) {
		uint64_t n = (bytes + mult[i].unit / 2) / mult[i].unit;
		uint64_t near = n * mult[i].unit;

		if (bytes >= mult[i].unit &&
		    (near > bytes ? near - bytes : bytes - near) < mult[i].slack) {
			snprintf(buf, sz, "%llu%s", (unsigned long long)n, mult[i].name);
			return buf;
		}
	}
	snprintf(buf, sz, "%llub", (unsigned long long)bytes);
	return buf;
}

/* A time in microseconds as tc prints it: qfmt_time64's, whose "%.3g" of
 * a whole number below 1000 is that number. */
const char *qfmt_time(uint32_t usec, char *buf, size_t sz)
{
	return qfmt_time64((uint64_t)usec * 1000, buf, sz);
}

const char *qfmt_time64(uint64_t nsec, char *buf, size_t sz)
{
	if (nsec >= 1000000000)
		snprintf(buf, sz, "%.3gs", nsec / 1e9);
	else if (nsec >= 1000000)
		snprintf(buf, sz, "%.3gms", nsec / 1e6);
	else if (nsec >= 1000)
		snprintf(buf, sz, "%.3gus", nsec / 1e3);
	else
		snprintf(buf, sz, "%lluns", (unsigned long long)nsec);
	return buf;
}

void qout_rate(struct ctx *c, const char *key, const char *fmt, uint64_t rate)
{
	char b[64];

	out_u64(c->out, OUT_JSON, key, NULL, rate);
	out_str(c->out, OUT_TEXT, NULL, fmt, qfmt_rate(rate, b, sizeof(b)));
}

void qout_size(struct ctx *c, const char *key, const char *fmt, uint64_t bytes)
{
	char b[64];

	out_u64(c->out, OUT_JSON, key, NULL, bytes);
	out_str(c->out, OUT_TEXT, NULL, fmt, qfmt_size(bytes, b, sizeof(b)));
}

void qout_percent(struct ctx *c, const char *key, const char *fmt, uint32_t per)
{
	char b[64];

	/* tc writes JSON's reals with %g: 0.01, not 0.0099999999997671694 */
	snprintf(b, sizeof(b), "%g", (double)per / UINT32_MAX);
	out_digits(c->out, OUT_JSON, key, NULL, b);
	snprintf(b, sizeof(b), "%g%%", 100.0 * per / UINT32_MAX);
	out_str(c->out, OUT_TEXT, NULL, fmt, b);
}

/* tc's conversions go through whole microseconds (its tc_core_time2tick
 * and tick2time take and give unsigned): the same truncation here, so
 * that a burst reads back as tc reads it. */
uint32_t qdisc_tick2usec(uint32_t ticks)
{
	return (uint32_t)(ticks * QDISC_TICK_NS / 1000.0);
}

double qdisc_xmitsize(uint64_t rate, uint32_t ticks)
{
	return (double)rate * qdisc_tick2usec(ticks) / 1e6;
}

uint32_t qdisc_xmittime(uint64_t rate, double bytes)
{
	double usec = 1e6 * bytes / (double)rate;
	double ticks;

	if (usec >= UINT32_MAX / (1000.0 / QDISC_TICK_NS))
		return UINT32_MAX;
	ticks = (double)(uint32_t)usec * 1000.0 / QDISC_TICK_NS;
	return (uint32_t)ticks;
}

void qdisc_ratespec(struct tc_ratespec *r, uint64_t rate, unsigned mtu)
{
	memset(r, 0, sizeof(*r));
	r->rate = rate >= (1ULL << 32) ? ~0U : (uint32_t)rate;
	r->linklayer = TC_LINKLAYER_ETHERNET;
	r->cell_align = -1; /* as tc's rate tables have it */
	/* the cell a rate table would have, 256 cells to cover mtu */
	while ((mtu >> r->cell_log) > 255)
		r->cell_log++;
}

struct nlattr *qdisc_opts_start(struct nlmsghdr *nlh)
{
	struct nlattr *start = mnl_nlmsg_get_payload_tail(nlh);

	mnl_attr_put(nlh, TCA_OPTIONS, 0, NULL);
	return start;
}

void qdisc_opts_end(struct nlmsghdr *nlh, struct nlattr *start)
{
	start->nla_len = (uint16_t)((char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)start);
}

const struct nlattr *qdisc_print_stats(struct ctx *c, const struct nlattr *stats2)
{
	const struct nlattr *tb[TCA_STATS_MAX + 1] = {0};
	const struct nlattr *a;
	struct gnet_stats_basic bs = {0};
	struct gnet_stats_queue q = {0};
	uint64_t pkts64 = 0;
	char b[64];

	mnl_attr_for_each_nested(a, stats2)
	{
		uint16_t t = mnl_attr_get_type(a);

		if (t <= TCA_STATS_MAX)
			tb[t] = a;
	}
	if (tb[TCA_STATS_BASIC]) {
		size_t n = mnl_attr_get_payload_len(tb[TCA_STATS_BASIC]);
		memcpy(&bs, mnl_attr_get_payload(tb[TCA_STATS_BASIC]),
		       n < sizeof(bs) ? n : sizeof(bs));
		if (tb[TCA_STATS_PKT64] && mnl_attr_get_payload_len(tb[TCA_STATS_PKT64]) >= 8)
			pkts64 = mnl_attr_get_u64(tb[TCA_STATS_PKT64]);
		out_u64(c->out, OUT_ANY, "bytes", " Sent %llu bytes", bs.bytes);
		if (pkts64)
			out_u64(c->out, OUT_ANY, "packets", " %llu pkt", pkts64);
		else
			out_uint(c->out, OUT_ANY, "packets", " %u pkt", bs.packets);
	}
	if (tb[TCA_STATS_QUEUE]) {
		size_t n = mnl_attr_get_payload_len(tb[TCA_STATS_QUEUE]);
		memcpy(&q, mnl_attr_get_payload(tb[TCA_STATS_QUEUE]),
		       n < sizeof(q) ? n : sizeof(q));
		out_uint(c->out, OUT_ANY, "drops", " (dropped %u", q.drops);
		out_uint(c->out, OUT_ANY, "overlimits", ", overlimits %u", q.overlimits);
		out_uint(c->out, OUT_ANY, "requeues", " requeues %u) ", q.requeues);
	}
	if (tb[TCA_STATS_RATE_EST64] && mnl_attr_get_payload_len(tb[TCA_STATS_RATE_EST64]) >=
					    sizeof(struct gnet_stats_rate_est64)) {
		const struct gnet_stats_rate_est64 *re =
		    mnl_attr_get_payload(tb[TCA_STATS_RATE_EST64]);
		out_nl(c->out);
		out_u64(c->out, OUT_JSON, "rate", NULL, re->bps);
		out_str(c->out, OUT_TEXT, NULL, " rate %s", qfmt_rate(re->bps, b, sizeof(b)));
		out_u64(c->out, OUT_ANY, "pps", " %llupps", re->pps);
	}
	if (tb[TCA_STATS_QUEUE]) {
		if (!tb[TCA_STATS_RATE_EST64])
			out_nl(c->out);
		qout_size(c, "backlog", " backlog %s", q.backlog);
		out_uint(c->out, OUT_ANY, "qlen", " %up", q.qlen);
		out_uint(c->out, OUT_TEXT, NULL, " requeues %u", q.requeues);
	}
	return tb[TCA_STATS_APP];
}
