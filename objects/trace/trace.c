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
#include "trace.h"
#include "trace_fw.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nl.h"
#include "out.h"

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
	trace_fw_end();
	return rc;
}

VNETCTL_OBJECT_WORDS(trace, trace_run, trace_args,
		     "the hops a packet to DST would take, and where and why it stops",
		     "follow a packet through the virtual network, sending nothing");
