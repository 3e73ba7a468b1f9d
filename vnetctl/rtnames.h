/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names of rtnetlink numbers that more than one object prints. */
#ifndef VNETCTL_RTNAMES_H
#define VNETCTL_RTNAMES_H

#include <stddef.h>
#include <stdint.h>

/* A route or address scope as iproute2 names it ("global", "link", ...),
 * or its number in buf. */
const char *rt_scope_word(uint8_t scope, char *buf, size_t sz);

#endif
