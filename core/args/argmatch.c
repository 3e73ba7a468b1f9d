// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A word against a table's words: an exact match, else a unique prefix,
 * else the closest spelling for a suggestion (vnetctl's rule), and ip's
 * prefix rule (ip_matches, iproute2's matches()).  args.c walks a command
 * line with it; argval.c reads an enum's value with it.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "core.h"

/* Edits (insert, delete, change, swap of neighbours) from a to b: a typo
 * such as "shwo" is one edit from "show". */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[32][32];

	if (la >= 32 || lb >= 32)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

int match_word(const char *word, const char *const *names, size_t n, struct match *m)
{
	size_t len = strlen(word);
	size_t best = (size_t)-1;

	m->nfound = 0;
	m->suggest = NULL;
	for (size_t i = 0; i < n; i++) {
		if (names[i] && strcmp(names[i], word) == 0) {
			m->found[0] = i;
			m->nfound = 1;
			return (int)i;
		}
	}
	for (size_t i = 0; i < n && len; i++) {
		if (!names[i] || strncmp(names[i], word, len) != 0)
			continue;
		if (m->nfound < ARRAY_SIZE(m->found))
			m->found[m->nfound] = i;
		m->nfound++;
	}
	if (m->nfound == 1)
		return (int)m->found[0];
	if (m->nfound > 1)
		return MATCH_AMBIGUOUS;
	for (size_t i = 0; i < n; i++) {
		size_t d;

		if (!names[i])
			continue;
		d = edit_distance(word, names[i]);
		if (d < best && d <= (len > 4 ? 2u : 1u)) {
			best = d;
			m->suggest = names[i];
		}
	}
	return MATCH_NONE;
}

void match_candidates(char *buf, size_t sz, const char *const *names, const struct match *m)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < m->nfound && i < ARRAY_SIZE(m->found); i++) {
		int r = snprintf(buf + off, sz - off, "%s%s", i ? ", " : "", names[m->found[i]]);
		if (r < 0 || (size_t)r >= sz - off)
			break;
		off += (size_t)r;
	}
}

bool ip_matches(const char *w, const char *name)
{
	size_t n = strlen(w);

	return n && name && !strncmp(w, name, n);
}
