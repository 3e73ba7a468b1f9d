/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The argument parser's internals, shared by the dispatcher (and later the
 * shell and completion). */
#ifndef VNETCTL_ARGS_H
#define VNETCTL_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core.h"

#define MATCH_NONE	(-1)
#define MATCH_AMBIGUOUS (-2)

struct match {
	size_t found[16]; /* indexes of the prefix matches */
	size_t nfound;
	const char *suggest; /* closest name when nothing matched */
};

/* Exact match wins, then a unique prefix.  Returns the index, MATCH_NONE
 * (m->suggest may name a close spelling) or MATCH_AMBIGUOUS. */
int match_word(const char *word, const char *const *names, size_t n, struct match *m);
/* "a, b, c" from the candidates of an ambiguous match. */
void match_candidates(char *buf, size_t sz, const char *const *names, const struct match *m);

/* Split a line into words in place: blanks separate, quotes group, a
 * backslash escapes, '#' at the start of a word begins a comment.  argv
 * has room for max pointers and ends with NULL.  Returns the count, -E2BIG
 * or -EINVAL (an unterminated quote). */
int split_words(char *s, char **argv, int max);
/* The same as iproute2's makeargs() splits a batch line (ip's -batch): a
 * quote only at a word's start, the word ending at the same quote; no
 * backslash escapes.  Its comments and continued lines are the batch's. */
int split_words_ip(char *s, char **argv, int max);

int parse_args(struct ctx *c, const struct verb *vb, int argc, char **argv, struct val *vals);
/* The argument of vb spelled kw exactly (or its alias), or -1. */
int args_index(const struct verb *vb, const char *kw);
/* a's n-th other spelling: .alias first, then .aliases; NULL past the last */
const char *arg_alias(const struct arg *a, size_t n);
/* 0 when every argument vb requires is in vals, else the usage error. */
int args_required(struct ctx *c, const struct verb *vb, const struct val *vals);
/* Values parsed already, without a command line (topo's steps): the
 * argument of vb spelled kw takes the n words, as they would follow the
 * keyword on a command line (none for ARG_FLAG; every one for ARG_REST,
 * ARG_KIND and ARG_NEST, which keep the array: it must outlive vals); with
 * kw NULL, the words fill the positional arguments in place.  0, or the
 * usage error (said).  Then args_required, and dispatch_parsed runs it. */
int args_fill(struct ctx *c, const struct verb *vb, const char *kw, char *const *words, int n,
	      struct val *vals);
/* A measure of ARG_UNITS's letter unit ('t' nanoseconds, 'r' bytes a
 * second, 's' bytes, 'p' a fraction of UINT32_MAX, else a number) as a
 * word its reader reads back the same: in the largest of the letter's
 * units that holds it whole ("20ms", "10mbit"), a percentage as "%g%%"
 * (argunits.c).  Returns buf. */
const char *arg_units_text(char unit, uint64_t v, char *buf, size_t sz);
/* The words of value v of vb's argument idx as a command line gives it
 * (argprint.c): its keyword (none when given in place, positional), then
 * its value's words as typed (an ARG_RANGE's second written in buf, of sz
 * bytes).  How many were put in words (room for max). */
int args_unparse(const struct verb *vb, size_t idx, bool positional, const struct val *v,
		 const char **words, int max, char *buf, size_t sz);
/* The roff SYNOPSIS of object o (argprint.c, the walk usage_verb prints
 * too): each table once, its verbs and their aliases as one choice, ".br"
 * between; `vnetctl __synopsis OBJECT` prints it for the man pages. */
void args_synopsis(FILE *f, const struct object *o);
/* The roff synopsis of verb v of object o (link add, link set) for one
 * kind: its table, then `type KIND` (its ARG_KIND argument) and the
 * kind's words (words' table). */
void args_synopsis_kind(FILE *f, const struct object *o, const struct verb *v, const char *kind,
			const struct verb *words);
/* Text for roff (argprint.c): a backslash and a minus as roff spells them. */
void args_roff_text(FILE *f, const char *t);

/* Whether arguments a and b of a table exclude each other (either one
 * names the other): the parser and the completer ask the same question. */
bool args_exclude(const struct arg *args, size_t a, size_t b);
/* The first argument given (set[i]) that excludes argument a, or -1. */
int args_excluder(const struct arg *args, size_t n, size_t a, const bool *set);
/* The words of an ARG_NEST argument a (v is its value), against its own
 * table, into out (a->nsub values).  An error names the group ("peer:
 * mtu given twice"). */
int parse_group(struct ctx *c, const struct arg *a, const struct val *v, struct val *out);
const char *arg_label(const struct arg *a);

/* Whether w is a prefix of name (iproute2's matches(), inverted): an empty
 * w is none's. */
bool ip_matches(const char *w, const char *name);

#endif
