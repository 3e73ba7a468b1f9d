// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The registry of link kinds: every description a module registers, found
 * by IFLA_INFO_KIND by whoever prints, decodes or makes a link.  Below
 * everything that uses it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"

static const struct link_kind *kinds[48];
static size_t nkinds;

void link_kind_register(const struct link_kind *k)
{
	/* Registration runs from constructors: overflowing is a build bug. */
	if (nkinds == ARRAY_SIZE(kinds)) {
		fprintf(stderr, "vnetctl: too many link kinds: enlarge kinds[] in %s\n", __FILE__);
		abort();
	}
	kinds[nkinds++] = k;
}

const struct link_kind *link_kind_find(const char *kind)
{
	/* a dump asks for the same kind over and over: the last one first */
	static const struct link_kind *last;

	if (last && strcmp(last->kind, kind) == 0)
		return last;
	for (size_t i = 0; i < nkinds; i++)
		if (strcmp(kinds[i]->kind, kind) == 0)
			return last = kinds[i];
	return NULL;
}

bool link_kind_shows(const struct link_kind *k)
{
	return k->show || k->values || k->print;
}

void link_kind_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	if (k->show)
		k->show(c, k, m);
	else if (k->values)
		k->values(c, m, false);
	else if (k->print)
		k->print(c, m->info[IFLA_INFO_DATA]);
}

void link_kind_brief(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	if (k->brief)
		k->brief(c, k, m);
	else if (k->values)
		k->values(c, m, true);
}

const struct link_kind *const *link_kinds_all(size_t *n)
{
	*n = nkinds;
	return kinds;
}

/* "an ipvlan", "a vxlan": the kinds are read as words. */
const char *kind_article(const char *word)
{
	return word[0] && strchr("aeiou", word[0]) ? "an" : "a";
}
