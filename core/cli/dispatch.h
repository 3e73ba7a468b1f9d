/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dispatcher (core/cli/dispatch.c): OBJECT VERB ARGS against the tables
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
	G_LOOPS,
	G_FAMILY,
	G_PACKET,
	G_MPLS,
	G_BRIDGE,
	G_HUMAN,
	G_IEC,
	G_RCVBUF,
	G_NUMERIC,
	G_ECHO,
	G_NOPTS
};

#define GOPT_VALUE    0x01 /* takes the next word as its value */
#define GOPT_IP_EXACT 0x02 /* iproute2 compares it whole (strcmp), never a prefix */

/*
 * Under vnetctl's name an option is its short spelling exactly, or a unique
 * prefix of a long one after - or --.  Under iproute2's names it is what
 * that program's main() makes of it: the first of its options, in its order
 * (persona.c), whose -LONG the word begins (ip's matches(): -j, -js, -d,
 * -det), or the whole spelling for a GOPT_IP_EXACT one (-4, -echo).
 */
struct gopt {
	const char *sh;	  /* "-j" */
	const char *lng;  /* "json": --json, and iproute2's -json */
	const char *lng2; /* another long spelling: "stats" beside "statistics" */
	const char *metavar;
	const char *help;
	unsigned flags;
};
extern const struct gopt gopts[G_NOPTS];

/* `vnetctl help`: the objects and the options, for the program p is. */
void help(FILE *f, enum persona p);
/* Under vnetctl's rule (the exact name, else a unique prefix; the names a
 * program's table gives too): the object, or o's verb, w names, or NULL. */
const struct object *object_lookup(const char *w);
const struct verb *verb_lookup(const struct object *o, const char *w);
/* The help word, as every program spells it; the shell's, vnetctl's own. */
extern const char word_help[];
extern const char word_shell[];
/* vnetctl(8)'s SYNOPSIS in roff (`vnetctl __synopsis`): the command lines
 * help prints, the -b one, and what OPTIONS and OBJECT stand for, from
 * gopts and the objects registered. */
void synopsis_global(FILE *f);
/* A command line that names no object or verb at all: the one error line
 * (fmt takes two strings), exit status 2. */
int usage_fail(const char *fmt, const char *a, const char *b);

#endif
