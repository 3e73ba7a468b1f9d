/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One argument's value (argval.c), for the parser and usage of args.c;
 * no other file reads it.
 */
#ifndef VNETCTL_ARGVAL_H
#define VNETCTL_ARGVAL_H

#include <stddef.h>

#include "args.h"

/* Read s as a's value into v: 0, or the usage error (said). */
int arg_parse_value(struct ctx *c, const struct arg *a, const char *s, struct val *v);
/* ARG_RANGE's second word, after its first. */
int arg_parse_range_high(struct ctx *c, const struct arg *a, const char *s, struct val *v);
/* ARG_KEYFILE's second word, the file, after its id. */
int arg_parse_keyfile(struct ctx *c, const struct arg *a, const char *s, struct val *v);
/* ARG_UNITS: its words from words[0] (n of them), into v: how many were
 * taken, or the usage error (said). */
int arg_parse_units(struct ctx *c, const struct arg *a, char *const *words, int n, struct val *v);
/* ARG_TCHANDLE's word s into v->u: 0, or the usage error (said). */
int arg_parse_tchandle(struct ctx *c, const struct arg *a, const char *s, struct val *v);
/* a's metavar: its own, or its kind's ("N", "PREFIX", ...). */
const char *arg_metavar(const struct arg *a);
/* What a takes, for a message: its words joined by sep, or its metavar. */
const char *arg_value_metavar(const struct arg *a, char *buf, size_t sz, const char *sep);
/* words joined by sep into buf. */
void arg_join_words(char *buf, size_t sz, const char *const *words, const char *sep);
/* An enum's words joined by sep, and its numbers when it takes them. */
void arg_enum_expected(char *buf, size_t sz, const struct arg *a, const char *sep);

#endif
