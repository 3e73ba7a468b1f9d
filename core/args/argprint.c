// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A value back into the words of a command line, through its table: what
 * `topo plan` prints for a step whose values were parsed without one
 * (args_fill).  The parser's inverse: the keyword, the word that may come
 * between it and the value, then the value's words as typed.
 */
#include <stdio.h>

#include "args.h"

int args_unparse(const struct verb *vb, size_t idx, bool positional, const struct val *v,
		 const char **words, int max, char *buf, size_t sz)
{
	const struct arg *a = &vb->args[idx];
	int n = 0;

#define PUT(w)                                                                                     \
	do {                                                                                       \
		if (n < max)                                                                       \
			words[n++] = (w);                                                          \
	} while (0)
	if (!v->set)
		return 0;
	if (!positional)
		PUT(a->kw);
	switch (a->kind) {
	case ARG_FLAG:
		break;
	case ARG_REST:
	case ARG_KIND:
	case ARG_NEST:
		for (int i = 0; i < v->nrest; i++)
			PUT(v->rest[i]);
		break;
	case ARG_STRINGS:
		for (int i = 0; i < v->nrest; i++) {
			if (i)
				PUT(a->kw);
			PUT(v->strs[i]);
		}
		break;
	case ARG_RANGE:
		snprintf(buf, sz, "%u", v->range.high);
		PUT(v->str);
		PUT(buf);
		break;
	default:
		if (v->prefixed)
			PUT(a->prefix);
		PUT(v->str);
	}
#undef PUT
	return n;
}
