/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A lab larger than one machine: the file split per host
 * (objects/topo/topo_hosts.c), each host's part an ordinary one-host
 * topology that objects/topo/topo_remote.c sends to `vnetctl topo VERB -`
 * on that host through ssh; topo_graph.c joins the hosts' graphs and
 * topo_trace.c follows a packet across them.  Only topo.c and those four
 * include it.
 */
#ifndef VNETCTL_TOPO_HOSTS_H
#define VNETCTL_TOPO_HOSTS_H

#include "topo_parse.h"

/* One host's part: the topology, and its text (what the host reads). */
struct topo_part {
	const struct topo_host *host;
	struct topo t;
	char *text;
	size_t len;
};

/* The parts of t, one per host (t->hosts.n of them, in its order), each
 * veth whose two ends are on two hosts an overlay device on each side;
 * 0, or -VN_EUSAGE with the file's error (FILE:LINE: what) in c->reason. */
int topo_hosts_split(struct ctx *c, const struct topo *t, struct topo_part **parts);
void topo_hosts_free(struct topo_part *parts, size_t n);
/* The line of the file the line of part p's text comes from, 0 when none. */
int topo_hosts_line(struct ctx *c, const struct topo_part *p, int line);

/* The host whose part has end r as an overlay device, its kind and
 * identifier; -1 when none has. */
int topo_hosts_overlay(const struct topo_part *parts, size_t n, const struct topo_ref *r,
		       const char **kind, const char **id);

/* up, down, plan or diff (verb) of t on each of its hosts; the result of
 * the verb (-VN_EREPORTED when the lines are printed). */
int topo_remote_run(struct ctx *c, const struct topo *t, const char *verb, unsigned wait,
		    bool wait_set);

/* words (NULL-ended) run on each host of t through ssh, nothing on their
 * standard input, after the version check: each host's output in outs[i]
 * (t->hosts.n of them, to free); 0, or -VN_EREPORTED with the failures
 * printed. */
int topo_remote_outputs(struct ctx *c, const struct topo *t, const struct topo_part *parts,
			const char *verb, const char *const *words, char **outs);

/* The version check alone, on every host of t: 0, or -VN_EREPORTED with
 * the failures printed. */
int topo_remote_check(struct ctx *c, const struct topo *t, const struct topo_part *parts,
		      const char *verb);
/* words (NULL-ended) run on part p's host through ssh, nothing on its
 * standard input: its exit status (255: ssh failed, -1: not run), its
 * output and error output in *out and *err (to free). */
int topo_remote_one(const struct topo_part *p, const char *const *words, char **out, char **err);

/* topo graph: each host's `vnetctl graph dot` joined, a cluster a host,
 * and an edge for each overlay link (topo_graph.c). */
int topo_graph_hosts(struct ctx *c, const struct topo *t);

/* topo trace: trace run on the source's host, and on across each overlay
 * link to the host of its other end (topo_trace.c); words: trace's. */
int topo_trace_hosts(struct ctx *c, const struct topo *t, const char *ns, char *const *words,
		     int nwords);

#endif
