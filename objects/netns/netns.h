/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The netns object's own: what its verbs (objects/netns/netns.c) and its exec verb
 * (objects/netns/netns_exec.c) share, and the names graph (objects/graph.c) reads.
 */
#ifndef VNETCTL_NETNS_H
#define VNETCTL_NETNS_H

#include <stdbool.h>
#include <stddef.h>

#include "core.h"

/* ---- names and paths ----------------------------------------------------- */

/* The namespace file of a name, opened; a number is a name, not a pid. */
int netns_open_name(struct ctx *c, const char *name);

/* Every name under /run/netns, sorted; no directory is no names. */
struct names {
	char **v;
	size_t n;
};

int netns_names_read(struct ctx *c, struct names *l);
void netns_names_free(struct names *l);

/* ---- steps: done, or in dry run printed as the command that would do them */

/* Returns true when it only printed the step (dry run). */
bool netns_dry(struct ctx *c, const char *step);
/* A failed step: the step and the errno in the reason; EPERM and EACCES
 * also say to run as root. */
int netns_step_err(struct ctx *c, int err, const char *step);
int netns_step_mount(struct ctx *c, const char *src, const char *dst, const char *type,
		     unsigned long flags);

/* ---- del and exec: a NAME or -all ---------------------------------------- */

/* The usage error when neither is given; all is the verb's -all entry. */
int netns_missing_name(struct ctx *c, const struct arg *all);

/* exec's arguments, in netns.c with the other verbs' tables. */
enum exec_arg { EXEC_ALL, EXEC_NAME, EXEC_CMD, EXEC_NARGS };
extern const struct arg exec_args[EXEC_NARGS];

/* In objects/netns/netns_exec.c: the exec verb. */
int netns_exec(struct ctx *c, const struct val *v);

#endif
