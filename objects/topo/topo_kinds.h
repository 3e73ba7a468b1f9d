/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * topo's links: devices of any kind of the registry (link/link.h), with
 * the words of `link add ... type KIND` (objects/topo/topo_kinds.c).
 */
#ifndef VNETCTL_TOPO_KINDS_H
#define VNETCTL_TOPO_KINDS_H

#include <stdbool.h>

#include "link.h"

/* The registry's kind named name when link add makes it; else NULL, and
 * why in buf (the kinds there are). */
const struct link_kind *topo_kind_find(const char *name, char *why, size_t sz);
/* key as a word of kind k with the file's value: read through the kind's
 * table (*flag: it takes none, value is then a boolean the caller reads).
 * 0, or with the reason in c->reason -ENOENT (the kind has no such word)
 * or -VN_EUSAGE (the value is not one of it). */
int topo_kind_word(struct ctx *c, const struct link_kind *k, const char *key, const char *value,
		   bool *flag);

#endif
