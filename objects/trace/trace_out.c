// SPDX-License-Identifier: GPL-2.0-or-later
/* trace: a hop and a stop, as text or JSON. */
#include "trace.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "out.h"
#include "qdisc.h"

/* ---- what is printed ------------------------------------------------------- */

enum hop_kind { HOP, HOP_WARN, HOP_STOP };

static void hop_put(struct trace *t, const char *dev, enum hop_kind k, const char *what,
		    const struct qdisc_impair *im)
{
	struct out *o = t->c->out;

	out_obj_open(o, NULL);
	out_str(o, OUT_ANY, "netns", "%-12s ", t->ns);
	out_str(o, OUT_ANY, "ifname", "%-16s ", dev);
	out_str(o, OUT_ANY, "decision", "%s", what);
	if (k == HOP_STOP)
		out_bool(o, OUT_JSON, "stop", NULL, true);
	if (k == HOP_WARN)
		out_bool(o, OUT_JSON, "may_stop", NULL, true);
	if (im) {
		out_obj_open(o, "impair");
		out_uint(o, OUT_JSON, "delay_us", NULL, im->delay_us);
		out_uint(o, OUT_JSON, "jitter_us", NULL, im->jitter_us);
		out_double(o, OUT_JSON, "loss", NULL, (double)im->loss / UINT32_MAX);
		out_obj_close(o);
	}
	out_nl(o);
	out_obj_close(o);
	t->hops++;
}

void trace_hop(struct trace *t, const char *dev, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	hop_put(t, dev, HOP, what, NULL);
}

void trace_warn(struct trace *t, const char *dev, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what) - 10, fmt, ap);
	va_end(ap);
	hop_put(t, dev, HOP_WARN, what, NULL);
}

const char *trace_addr_str(const struct trace *t, const uint8_t *a, char *buf, size_t sz)
{
	return format_addr(t->pkt.family, a, buf, sz);
}

/* The stop: the hop's reason printed, and the error line's; a stop on the
 * way back says so. */
int trace_stop(struct trace *t, const char *dev, const char *fmt, ...)
{
	char why[sizeof(t->c->reason) - NAME_MAX - 32], what[sizeof(why) + 32];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	snprintf(what, sizeof(what), "STOP: %s%s", t->back ? "the way back: " : "", why);
	hop_put(t, dev, HOP_STOP, what, NULL);
	return err_fail(t->c, "%s: %s%s", t->ns, t->back ? "the way back: " : "", why);
}

/* "delay 20ms jitter 5ms loss 1%", as much as there is */
static void impair_words(uint64_t delay, uint64_t jitter, double loss, char *buf, size_t sz)
{
	char d[32], j[32];
	int n = 0;

	buf[0] = '\0';
	if (delay)
		n += snprintf(
		    buf + n, sz - (size_t)n, "delay %s",
		    qfmt_time((uint32_t)(delay > UINT32_MAX ? UINT32_MAX : delay), d, sizeof(d)));
	if (jitter && n < (int)sz)
		n += snprintf(
		    buf + n, sz - (size_t)n, " jitter %s",
		    qfmt_time((uint32_t)(jitter > UINT32_MAX ? UINT32_MAX : jitter), j, sizeof(j)));
	if (loss > 0 && n < (int)sz)
		snprintf(buf + n, sz - (size_t)n, "%sloss %g%%", n ? " " : "", loss * 100);
}

void trace_impair_put(struct trace *t, const char *dev, const struct qdisc_impair *im)
{
	double loss = (double)im->loss / UINT32_MAX;
	char w[128];
	size_t n = strlen(t->imp_list);

	impair_words(im->delay_us, im->jitter_us, loss, w, sizeof(w));
	if (!w[0])
		snprintf(w, sizeof(w), "netem without delay or loss");
	t->imp.delay_us += im->delay_us;
	t->imp.jitter_us += im->jitter_us;
	t->imp.pass *= 1 - loss;
	t->imp.n++;
	if (n < sizeof(t->imp_list))
		snprintf(t->imp_list + n, sizeof(t->imp_list) - n, "%s%s/%s: %s", n ? "; " : "",
			 t->ns, dev, w);
	{
		char what[160];
		snprintf(what, sizeof(what), "impaired: %s", w);
		hop_put(t, dev, HOP, what, im);
	}
}

void trace_impair_sum(struct trace *t)
{
	struct out *o = t->c->out;
	double loss = 1 - t->imp.pass;
	char w[128];

	if (!t->imp.n)
		return;
	impair_words(t->imp.delay_us, t->imp.jitter_us, loss, w, sizeof(w));
	out_obj_open(o, "impair");
	out_str(o, OUT_TEXT, NULL, "%s", "impairment of the path: ");
	out_str(o, OUT_TEXT, NULL, "%s", w[0] ? w : "none measurable");
	out_str(o, OUT_TEXT, NULL, " (%s)\n", t->imp_list);
	out_u64(o, OUT_JSON, "delay_us", NULL, t->imp.delay_us);
	out_u64(o, OUT_JSON, "jitter_us", NULL, t->imp.jitter_us);
	out_double(o, OUT_JSON, "loss", NULL, loss);
	out_int(o, OUT_JSON, "devices", NULL, t->imp.n);
	out_obj_close(o);
}

static const char *proto_name(uint8_t p, char *buf, size_t sz)
{
	switch (p) {
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		return "icmp";
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	}
	snprintf(buf, sz, "%u", p);
	return buf;
}

void trace_pkt_print(struct trace *t)
{
	const struct trace_pkt *p = &t->pkt;
	struct out *o = t->c->out;
	char a[INET6_ADDRSTRLEN], pn[8];

	out_str(o, OUT_ANY, "dst", "trace to %s", format_addr(p->family, p->daddr, a, sizeof(a)));
	out_obj_open(o, "packet");
	if (t->has_src)
		out_str(o, OUT_ANY, "src", " from %s",
			format_addr(p->family, p->saddr, a, sizeof(a)));
	out_str(o, OUT_ANY, "proto", ": %s", proto_name(p->proto, pn, sizeof(pn)));
	if (p->icmp_type)
		out_uint(o, OUT_ANY, "icmp_type", " echo (type %u)", p->icmp_type);
	if (p->sport)
		out_uint(o, OUT_ANY, "sport", " sport %u", p->sport);
	if (p->dport)
		out_uint(o, OUT_ANY, "dport", " dport %u", p->dport);
	out_uint(o, OUT_ANY, "size", ", %u bytes", p->len);
	out_bool(o, OUT_JSON, "df", NULL, t->df);
	if (t->df)
		out_str(o, OUT_TEXT, NULL, "%s", ", df");
	if (p->mark)
		out_uint(o, OUT_ANY, "mark", ", mark 0x%x", p->mark);
	if (p->iif[0])
		out_str(o, OUT_ANY, "iif", ", in by %s", p->iif);
	out_obj_close(o);
	out_nl(o);
}
