/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Names of rtnetlink numbers that more than one object reads or prints:
 * route protocols, scopes, types, tables and realms, as iproute2 6.1 names
 * them by default (the names its /etc/iproute2/rt_* files ship with).
 *
 * Each set is a NULL-ended list of words and the numbers they stand for,
 * in the shape an argument table's ARG_U32 .words and .values take, so a
 * table reads the same words these functions print.
 */
#ifndef VNETCTL_RTNAMES_H
#define VNETCTL_RTNAMES_H

#include <stddef.h>
#include <stdint.h>

#include "core.h"

extern const char *const rt_proto_words[];
extern const uint32_t rt_proto_values[];
extern const char *const rt_scope_words[];
extern const uint32_t rt_scope_values[];
/* main, local, default */
extern const char *const rt_table_words[];
extern const uint32_t rt_table_values[];
/* the same and "all" (0): every table, for listings */
extern const char *const rt_table_any_words[];
extern const uint32_t rt_table_any_values[];
/* The route types a user gives (unicast ... throw), in the order of
 * rt_type_values. */
extern const char *const rt_type_words[];
extern const uint32_t rt_type_values[];

/* The DSCP names of iproute2's rt_dsfield (the TOS byte, ECN bits clear). */
extern const char *const rt_dsfield_words[];
extern const uint32_t rt_dsfield_values[];
/* IP protocols by name (rule ipproto, route get ipproto). */
extern const char *const rt_ipproto_words[];
extern const uint32_t rt_ipproto_values[];
/* p's name, else its number in buf. */
const char *rt_ipproto_word(uint8_t p, char *buf, size_t sz);

/* Realm 0's name, the only one iproute2's rt_realms ships. */
extern const char *const rt_realm_words[];
extern const uint32_t rt_realm_values[];

/* The argument table entries that read them, each keyword written once
 * (initializers of a struct arg, core.h); h is the entry's help. */
#define RT_PROTO_ENTRY(h)                                                                          \
	{                                                                                          \
		.kw = "proto", .alias = "protocol", .kind = ARG_U32, .words = rt_proto_words,      \
		.values = rt_proto_values, .max = 255, .metavar = "PROTO", .help = (h)             \
	}
#define RT_SCOPE_ENTRY(h)                                                                          \
	{                                                                                          \
		.kw = "scope", .kind = ARG_U32, .words = rt_scope_words,                           \
		.values = rt_scope_values, .max = 255, .metavar = "SCOPE", .help = (h)             \
	}
/* f: flags (ARGF_POSITIONAL | ARGF_WORD_POS: the type may be given bare) */
#define RT_TYPE_ENTRY(f, h)                                                                        \
	{                                                                                          \
		.kw = "type", .kind = ARG_ENUM, .flags = (f), .words = rt_type_words,              \
		.metavar = "TYPE", .help = (h)                                                     \
	}

/* A route's TOS as ip reads it: a name of rt_dsfield, or hexadecimal with
 * or without 0x ("10" is 0x10); iproute2 spells it dsfield too. */
#define RT_TOS_ENTRY(h)                                                                            \
	{                                                                                          \
		.kw = "tos", .alias = "dsfield", .kind = ARG_U32, .flags = ARGF_HEX,               \
		.words = rt_dsfield_words, .values = rt_dsfield_values, .max = 255,                \
		.metavar = "TOS", .help = (h)                                                      \
	}

/* The word for a number of a set, or the number in buf when it has none or
 * c asks for numbers (ip's -Numeric: CTX_NUMERIC; c may be NULL). */
const char *rt_scope_word(const struct ctx *c, uint8_t scope, char *buf, size_t sz);
const char *rt_proto_word(const struct ctx *c, uint8_t proto, char *buf, size_t sz);
const char *rt_table_word(const struct ctx *c, uint32_t table, char *buf, size_t sz);
const char *rt_type_word(const struct ctx *c, uint8_t type, char *buf, size_t sz);
const char *rt_realm_word(const struct ctx *c, uint32_t realm, char *buf, size_t sz);
/* A TOS as ip prints it: its rt_dsfield name, else 0x and two hex digits. */
const char *rt_dsfield_word(const struct ctx *c, uint8_t tos, char *buf, size_t sz);

#endif
