/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The interactive shell (core/cli/shell.c). */
#ifndef VNETCTL_SHELL_H
#define VNETCTL_SHELL_H

#include <stdbool.h>

#include "core.h"

/* Read commands at a prompt until exit, quit or Ctrl-D. */
int shell_run(struct ctx *c);
bool shell_active(void);
/* `netns enter NAME` / `netns leave`: where later commands of the shell
 * run.  Outside the shell they are usage errors. */
int shell_netns_enter(struct ctx *c, const char *name);
int shell_netns_leave(struct ctx *c);

#endif
