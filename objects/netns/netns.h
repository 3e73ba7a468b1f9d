/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The netns object's own: what its verbs (objects/netns/netns.c) and its exec verb
 * (objects/netns/netns_exec.c) share, and the names graph (objects/graph.c) reads.
 */
#ifndef VNETCTL_NETNS_H
#define VNETCTL_NETNS_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

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

/* ---- what netns.c, netns_exec.c and netns_files.c share (netns_files.c) -- */

/* ---- names and paths ----------------------------------------------------- */
int netns_none(struct ctx *c, const char *name);
/* ip takes a name of any length; only the file system limits it. */
int netns_name_path(struct ctx *c, const char *name, char *buf, size_t sz);
/* A file under /run/netns with no namespace mounted on it (see
 * netns_open_named()). */
bool netns_is_leftover(const char *name);
int netns_proc_netns_path(struct ctx *c, uint32_t pid, char *buf, size_t sz);
int netns_names_add(struct names *l, const char *name);
/* The nsid the current namespace gave the named one, or -1. */
int netns_nsid_of_name(struct ctx *c, const char *name);
/* Whether two paths are the same namespace: nsfs gives each one inode. */
bool netns_same_file(const struct stat *a, const struct stat *b);
/* Not a mount point (a file left half made) is not an error: the file
 * still has to go. */
int netns_step_umount(struct ctx *c, const char *path);
int netns_step_unlink(struct ctx *c, const char *path);
/* The file a namespace is mounted on, created empty; never an existing one. */
int netns_step_create(struct ctx *c, const char *name, const char *path);
/* The path of a new name, in a shared /run/netns. */
int netns_ready_name(struct ctx *c, const char *name, char *path, size_t sz);
void netns_hold_signals(sigset_t *old);
void netns_release_signals(const sigset_t *old);
/* A failed add or attach leaves no file behind. */
int netns_bind_name(struct ctx *c, const char *src, const char *path);

/* The verbs' tables (netns.c, netns_exec.c): every verb names its
 * namespace the same way. */
#define NAME_ARG(req, text)                                                                        \
	{                                                                                          \
		.kind = ARG_NETNS, .flags = ARGF_POSITIONAL | ARGF_SUBJECT | (req),                \
		.metavar = "NAME", .help = text                                                    \
	}
/* -all, which the global -a/--all also sets (ARGF_ALL) */
#define ALL_ARG(name_idx, more, text)                                                              \
	{                                                                                          \
		.kw = "-all", .kind = ARG_FLAG, .flags = ARGF_ALL, .excludes = (name_idx) + 1,     \
		.excludes_more = (more), .help = text                                              \
	}

#endif
