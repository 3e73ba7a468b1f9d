// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace: the path a packet from this namespace to an address would take,
 * asked of the kernel one hop at a time and never sent.  In each namespace
 * the kernel's own route lookup (RTM_GETROUTE, as `route get`, with the
 * device the packet came in by once it was forwarded: the kernel then
 * checks forwarding and rp_filter too) picks the device; a veth leads to
 * its peer (IFLA_LINK in the namespace IFLA_LINK_NETNSID names), a bridge
 * port to the bridge, whose FDB (or flooding) picks the port; a gre or ipip
 * tunnel's remote is traced in the underlay first.  It stops at the first
 * place the packet would stop, and says why; once it arrives, the reply is
 * traced back the same way.  With --verify one probe is sent as described
 * and the kernel's verdict compared with the prediction.
 */
#include "trace.h"
#include "trace_fw.h"

#include <errno.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nl.h"
#include "out.h"

enum trace_arg {
	T_DST,
	T_FROM,
	T_PROTO,
	T_SPORT,
	T_DPORT,
	T_SIZE,
	T_DF,
	T_MARK,
	T_IIF,
	T_ONEWAY,
	T_VERIFY,
	T_NARGS
};

static const char *const proto_words[] = {"icmp", "tcp", "udp", NULL};
static const uint32_t proto_values[] = {IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP};

/* an ICMP echo of 64 bytes, as ping sends it */
#define TRACE_SIZE 64

static const struct arg trace_args[T_NARGS] = {
    [T_DST] = {.kw = "to",
	       .kind = ARG_ADDR,
	       .flags = ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT,
	       .metavar = "ADDR",
	       .help = "the destination (the keyword may be left out)"},
    [T_FROM] = {.kw = "from",
		.kind = ARG_ADDR,
		.metavar = "ADDR",
		.help = "the packet's source (else the one the kernel picks)"},
    [T_PROTO] = {.kw = "proto",
		 .kind = ARG_U32,
		 .words = proto_words,
		 .values = proto_values,
		 .max = 255,
		 .metavar = "N",
		 .help = "the IP protocol (icmp: an echo request, the default)"},
    [T_SPORT] = {.kw = "sport",
		 .kind = ARG_U32,
		 .min = 1,
		 .max = 65535,
		 .metavar = "PORT",
		 .help = "the source port (tcp, udp)"},
    [T_DPORT] = {.kw = "dport",
		 .kind = ARG_U32,
		 .min = 1,
		 .max = 65535,
		 .metavar = "PORT",
		 .help = "the destination port (tcp, udp)"},
    [T_SIZE] = {.kw = "size",
		.kind = ARG_U32,
		.min = 1,
		.max = 65535,
		.metavar = "BYTES",
		.help = "the IP packet's length, headers included (64)"},
    [T_DF] = {.kw = "df", .kind = ARG_FLAG, .help = "don't fragment: a smaller MTU stops it"},
    [T_MARK] = {.kw = "mark",
		.kind = ARG_U32,
		.metavar = "MARK",
		.help = "the packet's firewall mark, for policy routing"},
    [T_IIF] = {.kw = "iif",
	       .kind = ARG_IFNAME,
	       .metavar = "DEV",
	       .help = "the device the packet comes in by (needs from)"},
    [T_ONEWAY] = {.kw = "oneway", .kind = ARG_FLAG, .help = "leave out the way back"},
    [T_VERIFY] = {.kw = "--verify",
		  .kind = ARG_FLAG,
		  .help = "send one probe as described: does the kernel agree?"},
};

/* The bytes of the headers a packet of that protocol carries at least. */
static unsigned headers(int family, uint8_t proto)
{
	unsigned ip = family == AF_INET6 ? 40 : 20;

	switch (proto) {
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
	case IPPROTO_UDP:
		return ip + 8;
	case IPPROTO_TCP:
		return ip + 20;
	}
	return ip;
}

/* The packet the command line describes, or the usage error. */
static int pkt_read(struct ctx *c, const struct val *v, struct trace *t)
{
	struct trace_pkt *p = &t->pkt;
	bool ports;
	unsigned h;

	*p = (struct trace_pkt){.family = v[T_DST].ip.family, .proto = IPPROTO_ICMP};
	if (v[T_FROM].set && v[T_FROM].ip.family != p->family)
		return err_usage(c, "%s %s and %s are not of one family", trace_args[T_FROM].kw,
				 v[T_FROM].str, v[T_DST].str);
	if (v[T_PROTO].set)
		p->proto = (uint8_t)v[T_PROTO].u;
	if (p->family == AF_INET6 && p->proto == IPPROTO_ICMP)
		p->proto = IPPROTO_ICMPV6;
	ports = p->proto == IPPROTO_TCP || p->proto == IPPROTO_UDP;
	for (int i = T_SPORT; i <= T_DPORT; i++)
		if (v[i].set && !ports)
			return err_usage(c, "%s: a packet of protocol %s has no ports",
					 trace_args[i].kw,
					 v[T_PROTO].set ? v[T_PROTO].str : proto_words[0]);
	p->sport = v[T_SPORT].set ? (uint16_t)v[T_SPORT].u : 0;
	p->dport = v[T_DPORT].set ? (uint16_t)v[T_DPORT].u : 0;
	p->icmp_type = p->proto == IPPROTO_ICMP ? 8 : p->proto == IPPROTO_ICMPV6 ? 128 : 0;
	p->len = v[T_SIZE].set ? v[T_SIZE].u : TRACE_SIZE;
	h = headers(p->family, p->proto);
	if (p->len < h)
		return err_usage(c, "%s %u: below the %u bytes of the packet's headers",
				 trace_args[T_SIZE].kw, p->len, h);
	p->mark = v[T_MARK].set ? v[T_MARK].u : 0;
	if (v[T_IIF].set && !v[T_FROM].set)
		return err_usage(c, "%s %s: a packet that comes in needs its source (%s ADDR)",
				 trace_args[T_IIF].kw, v[T_IIF].str, trace_args[T_FROM].kw);
	if (v[T_IIF].set && v[T_VERIFY].set)
		return err_usage(c, "%s: a probe cannot be made to come in by %s",
				 trace_args[T_VERIFY].kw, v[T_IIF].str);
	if (v[T_IIF].set)
		snprintf(p->iif, sizeof(p->iif), "%s", v[T_IIF].str);
	memcpy(p->daddr, v[T_DST].ip.bytes, sizeof(p->daddr));
	if ((t->has_src = v[T_FROM].set))
		memcpy(p->saddr, v[T_FROM].ip.bytes, sizeof(p->saddr));
	t->df = v[T_DF].set;
	t->cur_len = p->len;
	return 0;
}

/* The reply to the packet that arrived: from where it arrived, back to its
 * source, the ports turned round, an echo's reply as large. */
static void pkt_turn(struct trace *t)
{
	struct trace_pkt *p = &t->pkt, r = *p;

	memcpy(r.saddr, p->daddr, sizeof(r.saddr));
	memcpy(r.daddr, p->saddr, sizeof(r.daddr));
	r.sport = p->dport;
	r.dport = p->sport;
	r.icmp_type = p->proto == IPPROTO_ICMP ? 0 : p->proto == IPPROTO_ICMPV6 ? 129 : 0;
	if (p->proto != IPPROTO_ICMP && p->proto != IPPROTO_ICMPV6)
		r.len = headers(p->family, p->proto);
	r.mark = 0;
	r.iif[0] = r.oif[0] = '\0';
	r.reply = true;
	*p = r;
	t->has_src = true;
	t->back = true;
	t->cur_len = r.len;
	t->imp = (struct trace_impair){.pass = 1};
	t->imp_list[0] = '\0';
}

/* ---- the object --------------------------------------------------------------- */

/* One direction: its hops, whether it arrived, its impairment. */
static int direction(struct trace *t, const char *key, int iif)
{
	struct ctx *c = t->c;
	int rc;

	out_list_open(c->out, key);
	rc = trace_walk(t, t->pkt.daddr, iif, 0);
	out_list_close(c->out);
	trace_impair_sum(t);
	return rc;
}

static int trace_run(struct ctx *c, const struct val *v)
{
	struct trace t = {.c = c, .imp.pass = 1};
	struct trace_verdict verdict = {.oneway = v[T_ONEWAY].set};
	char reason[sizeof(c->reason)] = "";
	int rc, back = 0, iif = 0;

	if ((rc = pkt_read(c, v, &t)) < 0)
		return rc;
	if (ctx_dryrun(c))
		return 0; /* nothing to send: trace only asks */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	if (t.pkt.iif[0] && !(iif = (int)if_nametoindex(t.pkt.iif)))
		return err_fail(c, "%s %s: no such device here", trace_args[T_IIF].kw, t.pkt.iif);
	t.wc = *c;
	t.wc.nl = NULL;
	t.wc.pipe = NULL;
	t.wc.delq = NULL;
	t.wc.nheld = 0;
	t.wc.names = NULL;
	if ((t.home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) < 0)
		return err_errno(c, errno, "opening /proc/self/ns/net");
	snprintf(t.ns, sizeof(t.ns), "%s", c->netns ? c->netns : "(start)");
	if (!t.has_src && !iif) {
		/* the source the kernel picks, for the packet's description */
		struct lookup l;
		trace_lookup(&t, t.pkt.daddr, 0, &l);
		if (!l.err && l.has_src) {
			memcpy(t.pkt.saddr, l.prefsrc, sizeof(t.pkt.saddr));
			t.has_src = true;
		}
	}
	out_obj_open(c->out, NULL);
	trace_pkt_print(&t);
	rc = direction(&t, "hops", iif);
	verdict.reached = rc == 0;
	verdict.pkt = t.pkt;
	out_bool(c->out, OUT_JSON, "reached", NULL, rc == 0);
	if (rc < 0 && c->reason[0])
		out_str(c->out, OUT_JSON, "reason", NULL, c->reason);
	if (rc == 0 && !verdict.oneway) {
		char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

		snprintf(t.dest_ns, sizeof(t.dest_ns), "%s", t.ns);
		pkt_turn(&t);
		out_obj_open(c->out, "back");
		out_str(c->out, OUT_TEXT, NULL, "%s\n", "");
		out_str(c->out, OUT_ANY, "dst", "back to %s",
			format_addr(t.pkt.family, t.pkt.daddr, a, sizeof(a)));
		out_str(c->out, OUT_ANY, "src", " from %s\n",
			format_addr(t.pkt.family, t.pkt.saddr, b, sizeof(b)));
		back = rc = direction(&t, "hops", 0);
		out_bool(c->out, OUT_JSON, "reached", NULL, rc == 0);
		if (rc < 0 && c->reason[0])
			out_str(c->out, OUT_JSON, "reason", NULL, c->reason);
		out_obj_close(c->out);
	}
	verdict.back_reached = verdict.reached && back == 0;
	if (v[T_VERIFY].set) {
		int vr;

		snprintf(reason, sizeof(reason), "%s", c->reason);
		c->reason[0] = '\0';
		vr = trace_verify(&t, &verdict);
		if (vr < 0)
			rc = vr; /* the kernel disagreed, or the probe failed */
		else
			snprintf(c->reason, sizeof(c->reason), "%s", reason);
	}
	out_obj_close(c->out);
	nl_close(&t.wc);
	if (setns(t.home, CLONE_NEWNET) < 0)
		abort(); /* every later request would go to the wrong place */
	close(t.home);
	trace_fw_end();
	return rc;
}

VNETCTL_OBJECT_WORDS(
    trace, trace_run, trace_args,
    "the hops a packet to DST would take, where and why it stops, and the way back",
    "follow a packet through the virtual network, sending nothing but --verify's probe");
