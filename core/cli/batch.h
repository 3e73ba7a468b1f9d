/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A batch (core/cli/batch.c): `-b FILE` or commands on a pipe, one per line.
 * The changes go pipelined.  A plain batch stops at the first failing line,
 * and the lines before it took effect, none after it did; with --force
 * every line runs whatever came before.
 */
#ifndef VNETCTL_BATCH_H
#define VNETCTL_BATCH_H

#include "core.h"

/* path "-" is stdin.  The exit status: that of the failing line, or
 * 128 + the signal that stopped it. */
int run_batch(struct ctx *c, const char *path);

#endif
