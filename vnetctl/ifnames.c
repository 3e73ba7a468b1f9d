// SPDX-License-Identifier: GPL-2.0-or-later
/* Interface names by index: see ifnames.h. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>

#include "ifnames.h"
#include "link.h"

_Static_assert(sizeof(((struct ifname *)0)->name) == IFNAMSIZ, "a name and its NUL");

static int names_add(struct ctx *c, const struct link_msg *m, void *data)
{
	struct ifnames *t = data;

	(void)c;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct ifname *nv = realloc(t->v, cap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		t->v = nv;
		t->cap = cap;
	}
	t->v[t->n].index = m->ifi->ifi_index;
	snprintf(t->v[t->n].name, sizeof(t->v[t->n].name), "%s", m->name ? m->name : "");
	t->n++;
	return 0;
}

int ifnames_load(struct ctx *c, struct ifnames *t)
{
	return link_walk(c, NULL, names_add, t);
}

void ifnames_free(struct ifnames *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

const char *ifnames_get(const struct ifnames *t, int index, char *buf, size_t sz)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].index == index)
			return t->v[i].name;
	snprintf(buf, sz, "if%d", index);
	return buf;
}
