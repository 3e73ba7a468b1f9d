/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dispatcher (vnetctl/dispatch.c): OBJECT VERB ARGS against the tables
 * the modules registered, and the global options' descriptions, which help
 * prints and main parses.  main and the shell both call dispatch(); it
 * knows nothing about what any module does.
 */
#ifndef VNETCTL_DISPATCH_H
#define VNETCTL_DISPATCH_H

#include <stdio.h>

#include "core.h"

enum gopt_id {
	G_JSON,
	G_PRETTY,
	G_DETAILS,
	G_BRIEF,
	G_NETNS,
	G_BATCH,
	G_FORCE,
	G_DRYRUN,
	G_COLOR,
	G_VERSION,
	G_HELP,
	G_INET,
	G_INET6,
	G_STATS,
	G_ONELINE,
	G_RESOLVE,
	G_ALL,
	G_TSTAMP,
	G_TSHORT,
	G_NOPTS
};

struct gopt {
	const char *sh;	 /* "-j" */
	const char *lng; /* "json": --json, and iproute2's -json */
	const char *metavar;
	const char *help;
};
extern const struct gopt gopts[G_NOPTS];

/* `vnetctl help`: the objects and the options. */
void help(FILE *f);
/* A command line that names no object or verb at all: the one error line
 * (fmt takes two strings), exit status 2. */
int usage_fail(const char *fmt, const char *a, const char *b);

#endif
