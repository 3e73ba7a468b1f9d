/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Completion from the argument tables (core/cli/complete.c). */
#ifndef VNETCTL_COMPLETE_H
#define VNETCTL_COMPLETE_H

#include "core.h"

typedef void (*complete_emit)(const char *word, void *data);

/* Offer every word that may stand as w[n-1] (the word being typed, maybe
 * empty) after w[0..n-2]: OBJECT VERB ARGS, no global options. */
void complete_command(struct ctx *c, int n, char **w, complete_emit emit, void *data);
/* The named namespaces that start with prefix. */
void complete_netns(const char *prefix, complete_emit emit, void *data);

#endif
