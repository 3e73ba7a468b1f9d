// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo's links: a device of any kind the registry has and link add makes,
 * its words those of `link add NAME type KIND ...`, read through the kind's
 * own table when the file is read, so that a wrong word is the file's
 * error, with its place, before anything is sent.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "kind.h"
#include "topo_kinds.h"

const struct link_kind *topo_kind_find(const char *name, char *why, size_t sz)
{
	const struct link_kind *k = link_kind_find(name);
	const struct link_kind *const *all;
	size_t n, len;

	if (k && kind_makeable(k))
		return k;
	len = (size_t)snprintf(why, sz, "\"%s\" is no kind link add makes (one of:", name);
	all = link_kinds_all(&n);
	for (size_t i = 0; i < n && len < sz; i++)
		if (kind_makeable(all[i]))
			len += (size_t)snprintf(why + len, sz - len, " %s", all[i]->kind);
	if (len < sz)
		snprintf(why + len, sz - len, ")");
	return NULL;
}

int topo_kind_word(struct ctx *c, const struct link_kind *k, const char *key, const char *value,
		   bool *flag)
{
	const struct verb vb = {.name = k->kind, .args = k->args, .nargs = k->nargs};
	struct val *vals;
	char *words[] = {(char *)value, NULL};
	int i = args_index(&vb, key), rc;

	c->reason[0] = '\0';
	if (i < 0) {
		err_usage(c, "unknown key \"%s\" (see: vnetctl link add type %s help)", key,
			  k->kind);
		return -ENOENT;
	}
	*flag = k->args[i].kind == ARG_FLAG;
	if (*flag)
		return 0;
	if (!(vals = calloc(k->nargs + 1, sizeof(*vals))))
		abort();
	rc = args_fill(c, &vb, key, words, 1, vals);
	free(vals);
	return rc < 0 ? -VN_EUSAGE : 0;
}
