/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Routing tables and route protocols by name, as iproute2 names them: the
 * words read (an ARG_U32's .words and .values) and printed. */
#ifndef VNETCTL_RTNAMES2_H
#define VNETCTL_RTNAMES2_H

#include <stddef.h>
#include <stdint.h>

/* "default", "main", "local" (NULL-ended) and their numbers: a table
 * argument's words. */
extern const char *const rt_table_words[];
extern const uint32_t rt_table_values[];

/* A table's name, or its number in buf. */
const char *rt_table_word(uint32_t id, char *buf, size_t sz);
/* A route or rule protocol's name ("kernel", "boot", "static", ...), or its
 * number in buf. */
const char *rt_proto_word(uint8_t proto, char *buf, size_t sz);

#endif
