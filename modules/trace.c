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
 * place the packet would stop, and says why.
 */
#include <net/if.h> /* before the kernel's headers, which then leave it be */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "nl.h"
#include "out.h"
#include "route.h"
#include "trace.h"

enum trace_arg { T_DST, T_FROM, T_NARGS };

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
};

#define MAX_HOPS 32

/* ---- what is asked --------------------------------------------------------- */

static int lookup_cb(const struct nlmsghdr *nlh, void *data)
{
	struct lookup *l = data;
	struct route_msg m;
	size_t alen;
	uint32_t u;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	route_msg_parse(nlh, &m);
	alen = route_addr_len(m.rtm->rtm_family);
	l->type = m.rtm->rtm_type;
	l->table = m.table;
	l->oif = nl_attr_u32(m.tb[RTA_OIF], &u) ? (int)u : 0;
	if (m.tb[RTA_GATEWAY] && mnl_attr_get_payload_len(m.tb[RTA_GATEWAY]) == alen) {
		memcpy(l->gw, mnl_attr_get_payload(m.tb[RTA_GATEWAY]), alen);
		l->has_gw = true;
	}
	if (m.tb[RTA_PREFSRC] && mnl_attr_get_payload_len(m.tb[RTA_PREFSRC]) == alen) {
		memcpy(l->prefsrc, mnl_attr_get_payload(m.tb[RTA_PREFSRC]), alen);
		l->has_src = true;
	}
	return MNL_CB_OK;
}

/* The kernel's route to dst in the current namespace, for a packet that
 * came in by iif (0: made here). */
void trace_lookup(struct trace *t, const uint8_t *dst, int iif, struct lookup *l)
{
	char buf[NL_BUFSZ];
	struct route_query q = {
	    .family = t->family, .dst = dst, .src = t->has_src ? t->src : NULL, .iif = iif};
	int rc;

	*l = (struct lookup){.err = 0};
	rc = nl_request(&t->wc, route_query_msg(buf, &q), lookup_cb, l);
	l->err = rc < 0 ? -rc : 0;
	t->wc.reason[0] = t->wc.hint[0] = '\0';
}

/* ---- what is printed ------------------------------------------------------- */

void trace_hop(struct trace *t, const char *dev, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	out_obj_open(t->c->out, NULL);
	out_str(t->c->out, OUT_ANY, "netns", "%-12s ", t->ns);
	out_str(t->c->out, OUT_ANY, "ifname", "%-16s ", dev);
	out_str(t->c->out, OUT_ANY, "decision", "%s", what);
	out_nl(t->c->out);
	out_obj_close(t->c->out);
	t->hops++;
}

const char *trace_addr_str(const struct trace *t, const uint8_t *a, char *buf, size_t sz)
{
	return format_addr(t->family, a, buf, sz);
}

/* The stop: the hop's reason printed, and the error line's. */
int trace_stop(struct trace *t, const char *dev, const char *fmt, ...)
{
	char why[sizeof(t->c->reason)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	trace_hop(t, dev, "STOP: %s", why);
	return err_fail(t->c, "%s: %s", t->ns, why);
}

/* ---- the walk ---------------------------------------------------------------- */

/* Whether addr is the current namespace's own (the kernel's lookup says
 * local). */
bool trace_owns(struct trace *t, const uint8_t *addr, int dev)
{
	struct route_query q = {.family = t->family, .dst = addr, .oif = dev};
	char buf[NL_BUFSZ];
	struct lookup l;
	bool had = t->has_src;
	int rc;

	t->has_src = false;
	trace_lookup(t, addr, 0, &l);
	t->has_src = had;
	if ((l.err == 0 && l.type == RTN_LOCAL) || !dev)
		return l.err == 0 && l.type == RTN_LOCAL;
	/* an address of a device in a vrf is local in the vrf's table,
	 * which a lookup through that device reads */
	l = (struct lookup){.err = 0};
	rc = nl_request(&t->wc, route_query_msg(buf, &q), lookup_cb, &l);
	t->wc.reason[0] = t->wc.hint[0] = '\0';
	return rc == 0 && l.type == RTN_LOCAL;
}

/* A sysctl of the current namespace's IPv4 settings of dev, -1 unread. */
static int conf_read(const char *dev, const char *key)
{
	char path[PATH_MAX], v[16];
	FILE *f;
	int n = -1;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/%s", dev, key);
	if ((f = fopen(path, "re"))) {
		if (fgets(v, sizeof(v), f))
			n = atoi(v);
		fclose(f);
	}
	return n;
}

/* Strict rp_filter on dev: the larger of all's and dev's is 1. */
static bool rp_strict(const char *dev)
{
	int a = conf_read("all", "rp_filter"), d = conf_read(dev, "rp_filter");

	return (a > d ? a : d) == 1;
}

/* Why a lookup failed, in the words of the route or setting that did it. */
static int route_fails(struct trace *t, const struct lookup *l, const struct dev *in,
		       const uint8_t *dst)
{
	char a[INET6_ADDRSTRLEN];
	const char *dev = in ? in->name : "-";

	trace_addr_str(t, dst, a, sizeof(a));
	/* a forwarded packet's source fails validation with EINVAL (a
	 * martian): strict rp_filter when the way back leaves by another
	 * device */
	if (in && (l->err == EINVAL || l->err == EXDEV) && t->has_src && rp_strict(in->name)) {
		struct lookup back;
		bool had = t->has_src;
		t->has_src = false;
		trace_lookup(t, t->src, 0, &back);
		t->has_src = had;
		if (back.err || back.oif != in->index)
			return trace_stop(t, dev,
					  "rp_filter on %s drops it: the route back to the source "
					  "leaves by another device",
					  dev);
	}
	if (in && l->err == EHOSTUNREACH && conf_read(in->name, "forwarding") == 0)
		return trace_stop(t, dev, "forwarding is off on %s", dev);
	if (in && in->master && l->err != EACCES) {
		struct dev m;
		if (trace_dev_read(t, in->master, &m) == 0 && !strcmp(m.kind, "vrf"))
			return trace_stop(t, dev, "no route to %s in the table of vrf %s", a,
					  m.name);
	}
	switch (l->err) {
	case EHOSTUNREACH:
		return trace_stop(t, dev, "no route to %s: an unreachable route", a);
	case EACCES:
		return trace_stop(t, dev, "no route to %s: a prohibit route", a);
	case EINVAL:
		return trace_stop(t, dev, "no route to %s: a blackhole route", a);
	case ENETUNREACH:
		return trace_stop(t, dev, "no route to %s", a);
	}
	return trace_stop(t, dev, "the lookup of %s fails: %s", a, strerror(l->err));
}

/* A lookup for dst in the current namespace, for a packet in by iif (0:
 * made here), and on from the device it picks. */
int trace_walk(struct trace *t, const uint8_t *dst, int iif, int depth)
{
	char a[INET6_ADDRSTRLEN], gw[INET6_ADDRSTRLEN + 8] = "", tbl[32];
	struct dev in = {.index = 0}, out;
	struct lookup l;
	int rc;

	if (depth > MAX_HOPS)
		return trace_stop(t, "-", "more than %d hops: a loop?", MAX_HOPS);
	if (iif && (rc = trace_dev_read(t, iif, &in)) < 0)
		return rc;
	trace_lookup(t, dst, iif, &l);
	if (l.err)
		return route_fails(t, &l, iif ? &in : NULL, dst);
	trace_addr_str(t, dst, a, sizeof(a));
	if (!t->has_src && l.has_src && !iif) {
		memcpy(t->src, l.prefsrc, sizeof(t->src));
		t->has_src = true;
	}
	if (l.type == RTN_LOCAL) {
		trace_hop(t, iif ? in.name : "lo", "local: %s is this namespace's (delivered)", a);
		return 0;
	}
	if (l.type != RTN_UNICAST)
		return route_fails(
		    t, &(struct lookup){.err = l.type == RTN_BLACKHOLE ? EINVAL : EHOSTUNREACH},
		    iif ? &in : NULL, dst);
	if ((rc = trace_dev_read(t, l.oif, &out)) < 0)
		return rc;
	if (l.has_gw)
		snprintf(gw, sizeof(gw), " via %s", trace_addr_str(t, l.gw, a, sizeof(a)));
	snprintf(tbl, sizeof(tbl), "%u", l.table);
	trace_hop(t, out.name, "route%s%s, table %s", iif ? " (forwarded)" : "",
		  gw[0] ? gw : " (direct)", l.table == RT_TABLE_MAIN ? "main" : tbl);
	if (out.tunnel)
		return trace_tunnel_cross(t, &out, dst, depth);
	return trace_leave_by(t, &out, dst, l.has_gw ? l.gw : dst, depth);
}

/* ---- the object --------------------------------------------------------------- */

static int trace_run(struct ctx *c, const struct val *v)
{
	struct trace t = {.c = c, .family = v[T_DST].ip.family};
	char a[INET6_ADDRSTRLEN];
	int rc;

	if (v[T_FROM].set && v[T_FROM].ip.family != t.family)
		return err_usage(c, "%s %s and %s are not of one family", trace_args[T_FROM].kw,
				 v[T_FROM].str, v[T_DST].str);
	if (ctx_dryrun(c))
		return 0; /* nothing to send: trace only asks */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	t.wc = *c;
	t.wc.nl = NULL;
	t.wc.pipe = NULL;
	t.wc.delq = NULL;
	t.wc.nheld = 0;
	t.wc.names = NULL;
	if ((t.home = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) < 0)
		return err_errno(c, errno, "opening /proc/self/ns/net");
	snprintf(t.ns, sizeof(t.ns), "%s", c->netns ? c->netns : "(start)");
	memcpy(t.dst, v[T_DST].ip.bytes, sizeof(t.dst));
	if ((t.has_src = v[T_FROM].set))
		memcpy(t.src, v[T_FROM].ip.bytes, sizeof(t.src));
	out_obj_open(c->out, NULL);
	out_str(c->out, OUT_ANY, "dst", "trace to %s\n",
		format_addr(t.family, t.dst, a, sizeof(a)));
	out_list_open(c->out, "hops");
	rc = trace_walk(&t, t.dst, 0, 0);
	out_list_close(c->out);
	out_bool(c->out, OUT_JSON, "reached", NULL, rc == 0);
	if (rc < 0 && c->reason[0])
		out_str(c->out, OUT_JSON, "reason", NULL, c->reason);
	out_obj_close(c->out);
	nl_close(&t.wc);
	if (setns(t.home, CLONE_NEWNET) < 0)
		abort(); /* every later request would go to the wrong place */
	close(t.home);
	return rc;
}

VNETCTL_OBJECT_WORDS(trace, trace_run, trace_args,
		     "the hops a packet to DST would take, and where and why it stops",
		     "follow a packet through the virtual network, sending nothing");
