/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Interface names by index, from one link dump (core/nl/ifnames.c): a
 * route, a neighbour or an address names its device by index only, and a
 * request per entry would cost a round trip each.
 */
#ifndef VNETCTL_IFNAMES_H
#define VNETCTL_IFNAMES_H

#include <stddef.h>

#include "core.h"

struct ifnames {
	struct ifname {
		int index;
		char name[16]; /* IFNAMSIZ */
	} * v;
	size_t n, cap;
};

/* Read every device's name; ifnames_free() when done. */
int ifnames_load(struct ctx *c, struct ifnames *t);
void ifnames_free(struct ifnames *t);
/* Note (or renew) the name of the device of that index: 0 or -ENOMEM. */
int ifnames_set(struct ifnames *t, int index, const char *name);
/* The name of the device of that index, or "ifINDEX" in buf. */
const char *ifnames_get(const struct ifnames *t, int index, char *buf, size_t sz);

#endif
