// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo: a whole lab from one YAML file (topo_parse.c reads it).
 *
 * The file is compared with the kernel's state first, namespace by
 * namespace (one dump each of links, addresses and routes), and what
 * differs becomes a list of steps, each a vnetctl command line with the
 * command line that undoes it.  plan prints the steps; up runs them through
 * dispatch() and an exact pipe, as a plain batch runs its lines (the
 * changes that can be taken back go many to a sendmsg), and when one fails
 * runs the undoing lines of those done, last first, so the system ends as
 * it began; down runs the deletions of what the file describes and the
 * kernel has.
 *
 * A step in a namespace other than the caller's is run from inside it
 * (setns, and a netlink socket opened there), as -n runs a command.
 *
 * The kernel's state is read by topo_state.c; diff is topo_diff.c, save
 * topo_save.c (topo_state.h: what they share).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nl.h"
#include "topo_hosts.h"
#include "topo_step.h"

/* The one error line of a topo verb: "topo VERB [FILE: ]reason"; the file's
 * own errors carry their place already. */
static int topo_fail(struct ctx *c, int rc, const char *verb, const char *file)
{
	char reason[sizeof(c->reason)];

	snprintf(reason, sizeof(reason), "%s",
		 c->reason[0] ? c->reason : strerror(rc < -VN_EFAIL ? EPROTO : -rc));
	/* a reason cut short at the buffer's end is still the line */
	topo_place(c->reason, sizeof(c->reason), NULL, verb, file, 0, "%s%s", file ? ": " : " ",
		   reason);
	c->obj = NULL; /* the line names the object itself */
	return rc == -VN_EUSAGE ? rc : -VN_EFAIL;
}

enum topo_verb { T_UP, T_DOWN, T_PLAN, T_DIFF, T_SAVE, T_GRAPH };
enum file_arg { FILE_PATH, FILE_WAIT, FILE_NARGS };
enum save_arg { SAVE_NS, SAVE_WAIT, SAVE_NARGS };

/* How long a run waits for another to end, unless told (wait SECONDS). */
#define TOPO_WAIT_S  60
#define TEXT_OF(x)   #x
#define NUMBER_OF(x) TEXT_OF(x)

/* What a verb does under the lock: read the kernel, then act on it. */
static int topo_act(struct run *r, struct topo *t, const struct val *v, enum topo_verb which)
{
	int rc;

	if (which == T_SAVE)
		return topo_save_run(r, t, v);
	if (which == T_DIFF) /* like diff(1): 1 when they differ, with no line of error */
		return (rc = topo_diff_all(r)) == 0 && r->differ ? -VN_EREPORTED : rc;
	if ((rc = which == T_DOWN ? topo_plan_down(r) : topo_plan_up(r)) < 0)
		return rc;
	/* dry run: a namespace up would make cannot be entered to show a
	 * request in it, so up and down print their steps */
	if (which == T_PLAN || ctx_dryrun(r->c))
		return topo_print_steps(r);
	return topo_apply(r, which == T_DOWN);
}

/* The run under the lock (topo_lock.c): up and down alone, the others
 * (and a dry run) sharing it.  A signal ends the wait for it, and it is
 * caught while up's and down's steps run. */
static int topo_locked(struct run *r, struct topo *t, const struct val *v, enum topo_verb which)
{
	const bool writes = (which == T_UP || which == T_DOWN) && !ctx_dryrun(r->c);
	const struct val *wait = &v[which == T_SAVE ? SAVE_WAIT : FILE_WAIT];
	struct sigaction old[TOPO_NSIGNALS];
	int rc, rc2;

	topo_catch_signals(old);
	rc = topo_lock(r, writes, wait->set ? wait->u : TOPO_WAIT_S, &topo_signal);
	if (rc == -EINTR) {
		char where[TOPO_PLACE_SIZE];
		err_line("%s", topo_run_place(r, where, sizeof(where), 0,
					      ": interrupted (%s) while waiting for the lock: "
					      "nothing was done",
					      topo_signal == SIGINT ? "SIGINT" : "SIGTERM"));
		rc = -VN_EREPORTED;
	}
	if (!writes)
		topo_release_signals(old);
	if (rc == 0 && (r->home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)) < 0)
		rc = err_errno(r->c, errno, NULL);
	if (rc == 0) {
		rc = topo_act(r, t, v, which);
		/* home, and a socket there, whatever happened; first, as a
		 * handler before may end the process */
		r->cur = NULL;
		if ((rc2 = topo_enter(r, "")) < 0 && rc == 0)
			rc = rc2;
		close(r->home);
	}
	topo_unlock(r);
	if (writes)
		topo_release_signals(old);
	return rc;
}

static int topo_run(struct ctx *c, const struct val *v, enum topo_verb which)
{
	static const char *const names[] = {
	    [T_UP] = "up",     [T_DOWN] = "down", [T_PLAN] = "plan",
	    [T_DIFF] = "diff", [T_SAVE] = "save", [T_GRAPH] = "graph"};
	struct topo t = {0};
	struct run r = {.c = c,
			.t = &t,
			.verb = names[which],
			.home = -1,
			.lock = -1,
			.peers = which == T_SAVE};
	struct nl_pipe *pipe = c->pipe;
	struct delq *delq = c->delq;
	int rc;

	if (which != T_SAVE && (rc = topo_read(c, v[FILE_PATH].str, &t)) < 0)
		return topo_fail(c, rc, r.verb, rc == -VN_EUSAGE ? NULL : v[FILE_PATH].str);
	if (which == T_GRAPH) { /* each host's graph, joined (topo_graph.c) */
		if (!t.hosts.n) {
			snprintf(c->reason, sizeof(c->reason),
				 "%s: names no %s (vnetctl graph draws this host)", t.file,
				 topo_keys[K_HOSTS]);
			rc = -VN_EUSAGE;
		} else
			rc = topo_graph_hosts(c, &t);
		if (rc < 0 && rc != -VN_EREPORTED)
			rc = topo_fail(c, rc, r.verb, rc == -VN_EUSAGE ? NULL : t.file);
		topo_free(&t);
		return rc;
	}
	if (t.hosts.n) { /* a lab on several hosts: each its part (topo_remote.c) */
		rc = topo_remote_run(c, &t, ctx_dryrun(c) ? names[T_PLAN] : r.verb, v[FILE_WAIT].u,
				     v[FILE_WAIT].set);
		if (rc < 0 && rc != -VN_EREPORTED)
			rc = topo_fail(c, rc, r.verb, rc == -VN_EUSAGE ? NULL : t.file);
		topo_free(&t);
		return rc;
	}
	/* a batch's changes land before the steps look at the kernel; up's
	 * steps go through a pipe of their own */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	c->pipe = NULL;
	c->delq = NULL;
	rc = topo_locked(&r, &t, v, which);
	c->pipe = pipe;
	c->delq = delq;
	for (size_t i = 0; i < r.st.n; i++) {
		topo_state_clear(r.st.v[i]);
		free(r.st.v[i]);
	}
	free(r.st.v);
	free(r.steps.v);
	if (rc < 0 && rc != -VN_EREPORTED)
		rc = topo_fail(c, rc, r.verb, t.file);
	topo_free(&t);
	return rc;
}

static int topo_up(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_UP);
}

static int topo_down(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_DOWN);
}

static int topo_plan(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_PLAN);
}

static int topo_diff(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_DIFF);
}

static int topo_save(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_SAVE);
}

static int topo_graph(struct ctx *c, const struct val *v)
{
	/* the hosts' graphs are joined as DOT, their one common form */
	if (ctx_json(c))
		return err_usage(c, "-j: the graph of several hosts is Graphviz DOT only");
	return topo_run(c, v, T_GRAPH);
}

enum trace_arg { TR_PATH, TR_NETNS, TR_WORDS, TR_NARGS };

/* topo trace: a packet followed across the hosts of a lab (topo_trace.c). */
static int topo_trace(struct ctx *c, const struct val *v)
{
	static const char verb[] = "trace";
	struct topo t = {0};
	int rc;

	if ((rc = topo_read(c, v[TR_PATH].str, &t)) < 0)
		return topo_fail(c, rc, verb, rc == -VN_EUSAGE ? NULL : v[TR_PATH].str);
	if (!t.hosts.n) {
		snprintf(c->reason, sizeof(c->reason),
			 "%s: names no %s (vnetctl trace follows a packet on this host)", t.file,
			 topo_keys[K_HOSTS]);
		rc = -VN_EUSAGE;
	} else
		rc = topo_trace_hosts(c, &t, v[TR_NETNS].set ? v[TR_NETNS].str : NULL,
				      v[TR_WORDS].rest, v[TR_WORDS].nrest);
	if (rc < 0 && rc != -VN_EREPORTED)
		rc = topo_fail(c, rc, verb, rc == -VN_EUSAGE ? NULL : t.file);
	topo_free(&t);
	return rc;
}

/* How long to wait for another topology run: every verb takes it. */
#define WAIT_ARG                                                                                   \
	{                                                                                          \
		.kw = "wait", .kind = ARG_U32, .max = 86400, .metavar = "SECONDS",                 \
		.help = "how long to wait while another topology run holds the lock "              \
			"(default " NUMBER_OF(TOPO_WAIT_S) "; 0: not at all)"                      \
	}

static const struct arg save_args[SAVE_NARGS] = {
    [SAVE_NS] = {.kind = ARG_REST,
		 .flags = ARGF_POSITIONAL | ARGF_KW_ENDS,
		 .metavar = "NS...",
		 .help = "the namespaces to save (default: every named one)"},
    [SAVE_WAIT] = WAIT_ARG,
};

static const struct arg file_args[FILE_NARGS] = {
    [FILE_PATH] = {.kind = ARG_STRING,
		   .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
		   .metavar = "FILE",
		   .help = "the topology file (YAML; see vnetctl-topo(8))"},
    [FILE_WAIT] = WAIT_ARG,
};

static const struct arg trace_args[TR_NARGS] = {
    [TR_PATH] = {.kind = ARG_STRING,
		 .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
		 .metavar = "FILE",
		 .help = "the topology file, which names its hosts"},
    [TR_NETNS] = {.kw = "netns",
		  .kind = ARG_STRING,
		  .metavar = "NS",
		  .help = "the namespace the packet sets out from (default: the caller's, on the "
			  "file's default host)"},
    [TR_WORDS] = {.kind = ARG_REST,
		  .flags = ARGF_POSITIONAL | ARGF_KW_ENDS | ARGF_REQUIRED,
		  .metavar = "ADDR [WORD...]",
		  .help = "the destination and the packet, in trace's words (vnetctl-trace(8))"},
};

static const struct verb topo_verbs[] = {
    VERB("up", topo_up, file_args, "make what FILE describes and the kernel lacks; all or nothing"),
    VERB("down", topo_down, file_args, "delete what FILE describes, last first"),
    VERB("plan", topo_plan, file_args, "print the vnetctl commands up would run"),
    VERB("diff", topo_diff, file_args,
	 "the kernel against FILE: what matches, is missing, differs or is extra (exit 1 unless "
	 "equal)"),
    VERB("save", topo_save, save_args,
	 "the namespaces' running state as a topology file that up rebuilds, on stdout"),
    VERB("graph", topo_graph, file_args,
	 "a lab on several hosts drawn as Graphviz DOT: each host's graph, and the overlay "
	 "links"),
    VERB("trace", topo_trace, trace_args,
	 "a packet followed across a lab on several hosts, over its overlay links (one way)"),
};

VNETCTL_OBJECT_OF(topo, "plan", "a whole lab from a YAML topology file")
