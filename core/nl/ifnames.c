// SPDX-License-Identifier: GPL-2.0-or-later
/* Interface names by index: see ifnames.h. */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>

#include "ifnames.h"
#include "link.h"

_Static_assert(sizeof(((struct ifname *)0)->name) == IFNAMSIZ, "a name and its NUL");

int ifnames_set(struct ifnames *t, int index, const char *name)
{
	size_t i;

	for (i = 0; i < t->n && t->v[i].index != index; i++)
		;
	if (i == t->n) {
		if (t->n == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 32;
			struct ifname *nv = realloc(t->v, cap * sizeof(*nv));
			if (!nv)
				return -ENOMEM;
			t->v = nv;
			t->cap = cap;
		}
		t->n++;
	}
	t->v[i].index = index;
	snprintf(t->v[i].name, sizeof(t->v[i].name), "%s", name ? name : "");
	return 0;
}

static int names_add(struct ctx *c, const struct link_msg *m, void *data)
{
	(void)c;
	return ifnames_set(data, m->ifi->ifi_index, m->name);
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
