/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * topo's steps: what up and down do, each a verb of vnetctl's with its
 * values.  Planned from the file and the kernel's state (topo_plan.c),
 * built into calls of their verbs and printed (topo_call.c), run with the
 * undoing of those done when one fails (topo_apply.c), by topo.c's verbs.
 */
#ifndef VNETCTL_TOPO_STEP_H
#define VNETCTL_TOPO_STEP_H

#include <signal.h>

#include "topo_state.h"

/* ---- the command lines steps are made of ---------------------------------- */

/* The commands steps are made of: a verb of an object each, its words in
 * topo_cmds. */
enum cmd {
	C_NONE,
	C_NETNS_ADD,
	C_NETNS_DEL,
	C_BRIDGE_ADD,
	C_LINK_DEL,
	C_VETH_ADD,
	C_MASTER,
	C_NOMASTER,
	C_ADDR_ADD,
	C_ADDR_DEL,
	C_UP,
	C_DOWN,
	C_ROUTE_ADD,
	C_ROUTE_DEL,
	C_TUNTAP_ADD,
	C_TUNNEL_ADD,
	C_VXLAN_ADD,
	C_VLAN_ADD,
	C_BOND_ADD,
	C_VRF_ADD,
	C_LINK_ADD,
	C_IMPAIR,      /* link set DEV delay ...: a veth end's or a link's impairment */
	C_IMPAIR_NONE, /* link set DEV impair none */
};
#define CMD_WORDS 13
/* The most words of a command line: a template's, and a link's words */
#define CMD_ARGV (CMD_WORDS + 2 * TOPO_LINK_WORDS)
/* Each command's words (topo_call.c). */
extern const char *const topo_cmds[][CMD_WORDS];

/* One command: where it runs ("" the caller's namespace) and its words. */
struct cmdline {
	enum cmd cmd;
	const char *ns;
	const char *w[6];
	/* C_LINK_ADD: the kind's words, "$*" (nmore KEY VALUE pairs, a
	 * flag's VALUE NULL); C_IMPAIR: the impairment's */
	const char *const *more;
	size_t nmore;
};

struct step {
	struct cmdline run, undo;
	int line;
	bool leftover; /* run removes a leftover, once it is still one */
	/* what an addr del or route del takes away, to see it is still there */
	const struct topo_addr *addr;
	const struct topo_route *route;
};

/* The words of a command line, and which are the file's values ($N)
 * rather than the command's own words; the count. */

/* A command as its verb takes it: the object, the verb and the values,
 * each word of the file parsed once, through that verb's own table (no
 * command line printed to be parsed again); which were given, in order
 * and how (in place or after their keyword), for plan to print back. */
struct call {
	const struct object *o;
	const struct verb *v;
	struct val *vals;
	struct {
		size_t idx;
		bool positional;
	} given[64];
	int ngiven;
};

/* The words of l, and which are the file's values ($N) rather than the
 * command's own words (value); the count.  argv has room for CMD_ARGV + 1. */
int topo_cmd_argv(const struct cmdline *l, char **argv, bool *value);
/* The call of argv[0] argv[1] (an object and its verb) with the words
 * after: a keyword of the verb's table with its value's words, or values
 * in place (value[i], or every word after the verb when value is NULL).
 * argv must outlive the call: a list's values point into it.  0 or the
 * usage error, said in c (c->obj and c->verb are the call's); k->vals is
 * the caller's to free either way. */
int topo_call_fill(struct ctx *c, struct call *k, int argc, char **argv, const bool *value);
/* plan: each step as the command line that does it (topo_call.c). */
int topo_print_steps(struct run *r);

/* What up does: what the file describes and the kernel has not; what down
 * does, the deletion of what the file describes and the kernel has, last
 * first (topo_plan.c).  r->steps is filled. */
int topo_plan_up(struct run *r);
int topo_plan_down(struct run *r);

/* The steps in order: up's all or nothing, down's as far as they go
 * (topo_apply.c). */
int topo_apply(struct run *r, bool deleting);

/* SIGINT or SIGTERM while steps run (topo_apply.c): the handler only notes
 * it in topo_signal; catching saves the handlers before in old (room for
 * TOPO_NSIGNALS), releasing puts them back and raises the signal caught. */
#define TOPO_NSIGNALS 2
extern volatile sig_atomic_t topo_signal;
void topo_catch_signals(struct sigaction *old);
void topo_release_signals(const struct sigaction *old);

#endif
