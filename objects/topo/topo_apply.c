// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo: running the steps.  up's go through an exact pipe, as a plain
 * batch runs its lines (the changes that can be taken back go many to a
 * sendmsg), and when one fails the undoing steps of those done run, last
 * first, so the system ends as it began; down's run as far as they go.
 * A step in a namespace other than the caller's is run from inside it
 * (setns, and a netlink socket opened there), as -n runs a command.
 */
#include <arpa/inet.h> /* before the linux/ headers, which then add only what libc lacks */
#include <errno.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>

#include "netnsutil.h"
#include "nl.h"
#include "topo_step.h"

/* ---- running them ---------------------------------------------------------- */

#define PLACE_SIZE TOPO_PLACE_SIZE

/* Where a line about the step of the file's line is: "[batch place]topo
 * VERB FILE:LINE: " and what (may be ""). */
static char *step_place(const struct run *r, int line, const char *what, char *buf)
{
	return topo_run_place(r, buf, PLACE_SIZE, line, ": %s", what);
}

/* The error rc of what a step at the file's line was doing, reported. */
static int step_error(struct run *r, int rc, int line, const char *what)
{
	char where[PLACE_SIZE];

	r->c->obj = NULL;
	return err_report(r->c, rc, step_place(r, line, what, where));
}

/* One command (call_fill's argv and value), in its namespace, through
 * the dispatcher with its values parsed; its error, when it fails, is
 * printed after "topo VERB FILE:LINE: " (and what). */
static int run_words(struct run *r, const char *ns, int argc, char **argv, const bool *value,
		     int line, const char *what)
{
	struct ctx *c = r->c;
	const char *saved_ns = c->netns, *saved_where = c->where;
	char where[PLACE_SIZE], entering[400];
	struct call k;
	int rc;

	if ((rc = topo_enter(r, ns)) < 0) {
		snprintf(entering, sizeof(entering), "%s%s%s%s", what, *ns ? "-n " : "", ns,
			 *ns ? ": " : "");
		return step_error(r, rc, line, entering);
	}
	step_place(r, line, what, where);
	c->where = where;
	c->netns = *ns ? ns : saved_ns;
	if ((rc = topo_call_fill(c, &k, argc, argv, value)) == 0) {
		rc = dispatch_parsed(c, k.o, k.v, k.vals);
	} else {
		/* as a batch's wrong line: said once what came before landed */
		if (rc != -VN_EREPORTED && nl_barrier(c) < 0)
			rc = -VN_EREPORTED;
		rc = err_report(c, rc, c->where);
	}
	free(k.vals);
	c->where = saved_where;
	c->netns = saved_ns;
	return rc;
}

static int run_cmd(struct run *r, const struct cmdline *l, int line, const char *what)
{
	char *argv[CMD_ARGV + 1];
	bool value[CMD_ARGV + 1];
	int argc = topo_cmd_argv(l, argv, value), rc;

	rc = run_words(r, l->ns, argc, argv, value, line, what);
	/* a namespace made or deleted: the name may be another's now */
	if (l->cmd == C_NETNS_ADD || l->cmd == C_NETNS_DEL)
		r->cur = NULL;
	return rc;
}

/* 1 when what l takes away (a deletion, a down, a nomaster) is still
 * there, as the kernel says now: a namespace deleted takes its devices, a
 * device set down its IPv6 addresses, a device deleted its routes. */
static int still_there(struct run *r, const struct step *s, const struct cmdline *l)
{
	const struct st_link *k;
	struct nsstate *st;
	int rc;

	if (l->cmd == C_NETNS_DEL)
		return topo_ns_kind(l->w[0], NULL) != NS_NONE;
	if ((rc = topo_state_get(r, l->ns, true, &st)) < 0)
		return rc;
	if (!st->exists)
		return 0;
	k = topo_link_in(st, l->w[l->cmd == C_ADDR_DEL ? 1 : 0]);
	switch (l->cmd) {
	case C_LINK_DEL:
	case C_IMPAIR_NONE:
		return k != NULL;
	case C_NOMASTER:
		return k && k->master;
	case C_DOWN:
		return k && (k->flags & IFF_UP);
	case C_ADDR_DEL:
		return topo_has_addr(st, k, s->addr);
	case C_ROUTE_DEL:
		return topo_has_route(st, s->route);
	default:
		return 1;
	}
}

/* Run l when what it takes away is still there. */
static int run_if_there(struct run *r, const struct step *s, const struct cmdline *l,
			const char *what)
{
	int rc = still_there(r, s, l);

	if (rc < 0)
		return step_error(r, rc, s->line, what);
	return rc ? run_cmd(r, l, s->line, what) : EXIT_OK;
}

/* The end of the steps of cmd from step i on, consecutive, and room for
 * their command line: the command's two words and a name a step. */
static char **gathered(const struct run *r, size_t i, enum cmd cmd, size_t *end)
{
	char **argv;

	for (*end = i; *end < r->steps.n && r->steps.v[*end].run.cmd == cmd;)
		(*end)++;
	if (!(argv = calloc(*end - i + 3, sizeof(*argv))))
		abort();
	argv[0] = (char *)topo_cmds[cmd][0];
	argv[1] = (char *)topo_cmds[cmd][1];
	return argv;
}

/* down's device deletions from step *i on, consecutive: those of one
 * namespace still there go in one `link del A B...`, which the link
 * object makes one gathered deletion (linkdel.h: a pass of the kernel
 * rather than a grace period per device).  *i is left at the last. */
static int del_gathered(struct run *r, size_t *i)
{
	size_t end, n;
	char **argv = gathered(r, *i, C_LINK_DEL, &end);
	int rc = EXIT_OK;

	for (size_t k = *i; k < end && rc == EXIT_OK; k++) {
		const char *ns = r->steps.v[k].run.ns;
		struct nsstate *st;
		int first = 0, got;
		bool seen = false;
		/* a namespace whose deletions were gathered at an earlier k */
		for (size_t j = *i; j < k && !seen; j++)
			seen = !strcmp(r->steps.v[j].run.ns, ns);
		if (seen)
			continue;
		if ((got = topo_state_get(r, ns, true, &st)) < 0) {
			rc = step_error(r, got, r->steps.v[k].line, "");
			break;
		}
		n = 2;
		for (size_t j = k; j < end; j++) {
			const struct cmdline *l = &r->steps.v[j].run;
			if (strcmp(l->ns, ns) || !st->exists || !topo_link_in(st, l->w[0]))
				continue;
			if (!first)
				first = r->steps.v[j].line;
			argv[n++] = (char *)l->w[0];
		}
		argv[n] = NULL;
		if (n > 2)
			rc = run_words(r, ns, (int)n, argv, NULL, first, "");
	}
	free(argv);
	*i = end - 1;
	return rc;
}

/* The line that says the name of step s (a namespace's deletion) was a
 * leftover of a killed run, removed (and with remade, that up makes the
 * namespace in its place). */
static void leftover_goes(struct run *r, const struct step *s, bool remade)
{
	char where[PLACE_SIZE];

	err_line("%s%s was a leftover (a file in %s with no namespace behind it, as a killed run "
		 "leaves one): removed%s",
		 step_place(r, s->line, "", where), s->run.w[0], netns_dir(),
		 remade ? ", and the namespace made again" : "");
}

/* down's namespace deletions from step *i on, consecutive: those still
 * there in one `netns del A B...` (each name checked before any goes;
 * with its devices, a namespace's deletion is the kernel's work once
 * nothing holds it).  *i is left at the last. */
static int ns_gathered(struct run *r, size_t *i)
{
	size_t end, n = 2;
	char **argv = gathered(r, *i, C_NETNS_DEL, &end);
	int rc = EXIT_OK, first = 0;

	for (size_t k = *i; k < end; k++) {
		const struct step *s = &r->steps.v[k];
		enum ns_kind kind = topo_ns_kind(s->run.w[0], NULL);
		if (kind == NS_NONE)
			continue;
		if (kind == NS_LEFTOVER)
			leftover_goes(r, s, false);
		if (!first)
			first = s->line;
		argv[n++] = (char *)s->run.w[0];
	}
	if (n > 2)
		rc = run_words(r, "", (int)n, argv, NULL, first, "");
	r->cur = NULL; /* the names are no one's now */
	free(argv);
	*i = end - 1;
	return rc;
}

/* SIGINT or SIGTERM while steps run: the handler only notes it; before the
 * next step, up undoes what it made and down stops, and the signal is
 * raised again once the handlers before are back (a batch's, the shell's,
 * or the default: the process ends by it, the system as it began). */
volatile sig_atomic_t topo_signal;
static const int topo_signals[] = {SIGINT, SIGTERM};

static void on_topo_signal(int sig)
{
	topo_signal = sig;
}

/* With SA_RESTART: a step under way completes, answered, before the stop. */
void topo_catch_signals(struct sigaction *old)
{
	struct sigaction sa = {.sa_handler = on_topo_signal, .sa_flags = SA_RESTART};

	sigemptyset(&sa.sa_mask);
	topo_signal = 0;
	for (size_t i = 0; i < ARRAY_SIZE(topo_signals); i++) {
		sigaction(topo_signals[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(topo_signals[i], &sa, NULL);
	}
}

void topo_release_signals(const struct sigaction *old)
{
	for (size_t i = 0; i < ARRAY_SIZE(topo_signals); i++)
		sigaction(topo_signals[i], &old[i], NULL);
	if (topo_signal)
		raise(topo_signal);
}

/* The one line of a run a signal stopped before step s. */
static void interrupted(struct run *r, const struct step *s, bool deleting)
{
	char where[PLACE_SIZE];

	err_line("%sinterrupted (%s) before this step: %s", step_place(r, s->line, "", where),
		 topo_signal == SIGINT ? "SIGINT" : "SIGTERM",
		 deleting ? "the steps before it took effect" : "what this run made is undone");
}

/* ---- what is this run's to undo ------------------------------------------- */

/* Whether one of the steps that ran ([0, ran)) made device dev in ns: a
 * device whose undoing deletes it, or a veth's far end. */
static bool run_made(const struct run *r, size_t ran, const char *ns, const char *dev)
{
	for (size_t k = 0; k < ran; k++) {
		const struct step *s = &r->steps.v[k];
		if (s->undo.cmd == C_LINK_DEL && !strcmp(s->undo.ns, ns) &&
		    !strcmp(s->undo.w[0], dev))
			return true;
		if (s->run.cmd == C_VETH_ADD && !strcmp(s->run.w[3], ns) &&
		    !strcmp(s->run.w[2], dev))
			return true;
	}
	return false;
}

/* The devices of namespace ns that the steps [0, ran) did not make (lo
 * and a tunnel module's fallback devices aside), named in buf: how many,
 * or -errno. */
static int others_in(struct run *r, const char *ns, size_t ran, char *buf, size_t size)
{
	struct nsstate *st;
	size_t len = 0;
	int n = 0, rc;

	buf[0] = '\0';
	if ((rc = topo_state_get(r, ns, true, &st)) < 0)
		return rc;
	for (size_t i = 0; st->exists && i < st->links.n; i++) {
		const struct st_link *l = &st->links.v[i];
		if ((l->flags & IFF_LOOPBACK) || topo_kernel_made(l) ||
		    run_made(r, ran, ns, l->name))
			continue;
		if (len < size)
			len +=
			    (size_t)snprintf(buf + len, size - len, "%s%s", n ? ", " : "", l->name);
		n++;
	}
	return n;
}

/* Whether undoing step s is this run's to do.  The namespace it acts in
 * must be the one this run read or made: a name deleted and given to
 * another namespace meanwhile is not.  A namespace this run made goes only
 * when it holds nothing else than what the steps [0, ran) made: anything
 * else is another's, and the namespace stays, emptied of this run's
 * devices (undone before, last first).  Else one line says what stays. */
static bool undo_ours(struct run *r, const struct step *s, size_t ran)
{
	const struct cmdline *l = &s->undo;
	const char *ns = l->cmd == C_NETNS_DEL ? l->w[0] : l->ns;
	struct nsstate *st = topo_state_find(r, ns);
	char where[PLACE_SIZE], others[300];
	struct ns_id id;
	int n;

	if (!*ns)
		return true;
	if (topo_ns_kind(ns, &id) != NS_NAMED || (st && st->foreign))
		return false; /* gone, and what was in it; or said */
	step_place(r, s->line, "undoing: ", where);
	if (st && st->id.ino && (id.dev != st->id.dev || id.ino != st->id.ino)) {
		err_line("%s%s is no longer the namespace this run %s: left as it is", where, ns,
			 st->made ? "made" : "read");
		st->foreign = true;
		return false;
	}
	if (l->cmd != C_NETNS_DEL || (n = others_in(r, ns, ran, others, sizeof(others))) == 0)
		return true;
	if (n < 0) {
		step_error(r, n, s->line, "undoing: ");
		return false;
	}
	err_line("%snetns del %s: kept, emptied of this run's devices: it holds %d this run did "
		 "not make (%s)",
		 where, ns, n, others);
	return false;
}

/* The undoing of steps [0, upto), last first, each only where what it
 * takes away is still there and is this run's; every request answered
 * (no pipe). */
static int undo_steps(struct run *r, size_t upto)
{
	struct nl_pipe *pipe = r->c->pipe;
	const size_t ran = upto;

	r->c->pipe = NULL;
	while (upto-- > 0) {
		const struct step *s = &r->steps.v[upto];
		if (s->undo.cmd != C_NONE && undo_ours(r, s, ran))
			run_if_there(r, s, &s->undo, "undoing: ");
	}
	r->c->pipe = pipe;
	return -VN_EREPORTED;
}

/* down's steps, each answered, at a failure stopping there (what it took
 * away is not put back). */
static int apply_down(struct run *r)
{
	for (size_t i = 0; i < r->steps.n; i++) {
		const struct step *s = &r->steps.v[i];
		int rc = EXIT_OK;

		if (topo_signal) {
			interrupted(r, s, true);
			rc = EXIT_FAIL;
		} else if (s->run.cmd == C_LINK_DEL) {
			rc = del_gathered(r, &i);
		} else if (s->run.cmd == C_NETNS_DEL) {
			rc = ns_gathered(r, &i);
		} else if (s->run.cmd != C_NONE) {
			rc = run_if_there(r, s, &s->run, "");
		}
		if (rc != EXIT_OK)
			return -VN_EREPORTED;
	}
	return 0;
}

/* The namespace this run made under name ns: only it is the run's to
 * delete when undoing. */
static void made_ns(struct run *r, const char *ns)
{
	struct nsstate *st = topo_state_find(r, ns);

	if (st && topo_ns_kind(ns, &st->id) == NS_NAMED)
		st->made = true;
}

/* The pipe's word on a step it refused when the steps after it could not
 * all be taken back (it is not run again): its one line. */
static void pipe_refused(struct ctx *c, const char *label, int err, const char *msg, void *data)
{
	(void)c;
	(void)data;
	err_line("%s: %s", label ? label : "topo up", msg ? msg : strerror(-err));
}

/* up's steps through an exact pipe, as a plain batch runs its lines: the
 * changes that can be taken back wait and go many to one sendmsg, the
 * others go on their own once every step before is known to have taken
 * effect (nlpipe.c).  What waits lands before a step in another namespace
 * (the socket is that namespace's).  When the kernel refuses step K's
 * change, the pipe takes back what came after it and K runs again alone,
 * for its own error; should it now succeed, the steps after it run again.
 * At a failure, the steps before are undone, last first. */
static int apply_up(struct run *r)
{
	struct ctx *c = r->c;
	struct nl_pipe *p = nl_pipe_new(pipe_refused, NULL);
	size_t i = 0, ran = 0, upto = 0;
	int rc = EXIT_OK, k;
	bool rerun, done = false;

	if (!p)
		abort();
	nl_pipe_exact(p);
	c->pipe = p;
	for (;;) {
		const struct step *s = i < r->steps.n ? &r->steps.v[i] : NULL;
		bool elsewhere =
		    s && s->run.cmd != C_NONE && (!r->cur || strcmp(r->cur, s->run.ns));

		if ((!s || topo_signal || rc != EXIT_OK || elsewhere) && !nl_pipe_failed(p, NULL))
			(void)nl_barrier(c);
		if ((k = nl_pipe_failed(p, &rerun)) > 0) {
			const struct step *f = &r->steps.v[k - 1];
			if (!rerun) {
				/* what came after it may still be there */
				nl_pipe_failed_report(c, p);
				nl_pipe_failed_clear(p);
				upto = ran;
				break;
			}
			nl_pipe_failed_clear(p);
			nl_pipe_line(p, k, true);
			rc = run_cmd(r, &f->run, f->line, "");
			if (rc == EXIT_OK && !nl_pipe_failed(p, NULL)) {
				i = ran = (size_t)k;
				continue;
			}
			upto = (size_t)k - 1;
			break; /* its error said */
		}
		if (rc != EXIT_OK) {
			upto = i; /* step i failed, its error said */
			break;
		}
		if (!s) {
			done = true;
			break;
		}
		if (topo_signal) {
			interrupted(r, s, false);
			upto = i;
			break;
		}
		if (s->leftover && topo_ns_kind(s->run.w[0], NULL) != NS_LEFTOVER) {
			i++; /* made whole meanwhile: another's, whose name the add finds taken */
			continue;
		}
		if (s->leftover)
			leftover_goes(r, s, true);
		if (s->run.cmd != C_NONE) {
			nl_pipe_line(p, (int)i + 1, false);
			rc = run_cmd(r, &s->run, s->line, "");
			ran = i + 1;
			if (rc != EXIT_OK)
				continue; /* what waits lands first: an earlier step may be why */
			if (s->run.cmd == C_NETNS_ADD)
				made_ns(r, s->run.w[0]);
		}
		i++;
	}
	c->pipe = NULL;
	nl_pipe_free(p);
	return done ? 0 : undo_steps(r, upto);
}

/* The steps in order: up's all or nothing, down's as far as they go. */
int topo_apply(struct run *r, bool deleting)
{
	int rc = deleting ? apply_down(r) : apply_up(r);

	char where[PLACE_SIZE];

	if (rc == 0 && topo_signal && r->steps.n)
		err_line("%sinterrupted (%s) after the last step: every step took effect",
			 step_place(r, r->steps.v[r->steps.n - 1].line, "", where),
			 topo_signal == SIGINT ? "SIGINT" : "SIGTERM");
	return rc;
}
