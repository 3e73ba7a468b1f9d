// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tc's measures (ARG_UNITS) and handles (ARG_TCHANDLE): a time, a rate, a
 * size, a percentage, as tc(8) spells them ("20ms", "10mbit", "32k",
 * "1%"), and MAJ:MIN in hexadecimal.  Read here for the parser; the qdisc
 * object prints them back in tc's spelling.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "argval.h"

/* A unit and what one of it is worth in the measure's base. */
struct unit {
	const char *word;
	double scale;
};

/* times in nanoseconds; a number alone is microseconds, as tc's */
static const struct unit time_units[] = {
    {"s", 1e9},	    {"sec", 1e9}, {"secs", 1e9}, {"ms", 1e6},	 {"msec", 1e6},
    {"msecs", 1e6}, {"us", 1e3},  {"usec", 1e3}, {"usecs", 1e3}, {"ns", 1},
    {"nsec", 1},    {"nsecs", 1}, {"", 1e3},
};

/* rates in bits a second (bytes once divided by 8); "Kibit" and friends
 * are powers of 1024 */
static const struct unit rate_units[] = {
    {"bit", 1},
    {"kibit", 1024.},
    {"kbit", 1e3},
    {"mibit", 1048576.},
    {"mbit", 1e6},
    {"gibit", 1073741824.},
    {"gbit", 1e9},
    {"tibit", 1099511627776.},
    {"tbit", 1e12},
    {"bps", 8},
    {"kibps", 8 * 1024.},
    {"kbps", 8e3},
    {"mibps", 8 * 1048576.},
    {"mbps", 8e6},
    {"gibps", 8 * 1073741824.},
    {"gbps", 8e9},
    {"tibps", 8 * 1099511627776.},
    {"tbps", 8e12},
    {"", 1},
};

/* sizes in bytes */
static const struct unit size_units[] = {
    {"", 1},
    {"b", 1},
    {"k", 1024},
    {"kb", 1024},
    {"kbit", 128},
    {"m", 1048576},
    {"mb", 1048576},
    {"mbit", 131072},
    {"g", 1073741824.},
    {"gb", 1073741824.},
    {"gbit", 134217728.},
};

static bool scaled(const char *s, const struct unit *u, size_t n, double *out)
{
	char *end;
	double x;

	if (!*s || !(s[0] == '.' || (s[0] >= '0' && s[0] <= '9')))
		return false;
	errno = 0;
	x = strtod(s, &end);
	if (errno || end == s || isinf(x) || isnan(x))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(end, u[i].word)) {
			*out = x * u[i].scale;
			return true;
		}
	return false;
}

/* One word as the measure of letter unit: 0, or why not (for the message). */
static const char *read_measure(char unit, const char *s, uint64_t *out)
{
	double x;
	char *end;

	switch (unit) {
	case 't':
		if (!scaled(s, time_units, sizeof(time_units) / sizeof(time_units[0]), &x) ||
		    x > 1e18)
			return "a time: N[s|ms|us|ns], not negative";
		*out = (uint64_t)rint(x);
		return NULL;
	case 'r':
		if (!scaled(s, rate_units, sizeof(rate_units) / sizeof(rate_units[0]), &x) ||
		    x > 1.8e19)
			return "a rate: N[bit|kbit|mbit|gbit|bps|kbps|mbps...]";
		if (x / 8 < 1)
			return "a rate above zero";
		*out = (uint64_t)(x / 8);
		return NULL;
	case 's':
		if (!scaled(s, size_units, sizeof(size_units) / sizeof(size_units[0]), &x) ||
		    x > 4294967295.)
			return "a size: N[b|k|m|g], below 4g";
		*out = (uint64_t)x;
		return NULL;
	case 'p':
		errno = 0;
		x = strtod(s, &end);
		if (errno || end == s || !(s[0] == '.' || (s[0] >= '0' && s[0] <= '9')) ||
		    (*end && strcmp(end, "%")) || x > 100)
			return "a percentage: 0 to 100, N%";
		*out = (uint64_t)rint(x / 100 * UINT32_MAX);
		return NULL;
	case 'i':
		errno = 0;
		x = strtod(s, &end);
		if (errno || end == s || *end || x < INT32_MIN || x > INT32_MAX ||
		    x != (double)(int64_t)x)
			return "a whole number, may be negative";
		*out = (uint64_t)(int64_t)x;
		return NULL;
	default:
		errno = 0;
		x = strtod(s, &end);
		if (errno || end == s || *end || !(s[0] >= '0' && s[0] <= '9') || x > UINT32_MAX ||
		    x != (double)(uint64_t)x)
			return "a whole number";
		*out = (uint64_t)x;
		return NULL;
	}
}

/* The word of the largest unit of u (n of them) that holds v whole, as
 * measured in base units of scale base each ("" when none but the base). */
static const char *whole_unit(const struct unit *u, size_t n, double v, double base, double *scale)
{
	const char *best = NULL;

	*scale = base;
	for (size_t i = 0; i < n; i++)
		if (*u[i].word && u[i].scale > *scale && fmod(v, u[i].scale) == 0) {
			best = u[i].word;
			*scale = u[i].scale;
		}
	return best;
}

const char *arg_units_text(char unit, uint64_t v, char *buf, size_t sz)
{
	const struct unit *u = NULL;
	const char *word, *base_word = NULL;
	double x = (double)v, scale, base = 1;
	size_t n = 0;

	switch (unit) {
	case 't':
		u = time_units;
		n = sizeof(time_units) / sizeof(time_units[0]);
		base_word = time_units[n - 4].word; /* nanoseconds: "ns" */
		break;
	case 'r':
		u = rate_units;
		n = sizeof(rate_units) / sizeof(rate_units[0]);
		x *= 8; /* in bits */
		base_word = rate_units[0].word;
		break;
	case 's':
		u = size_units;
		n = sizeof(size_units) / sizeof(size_units[0]);
		base_word = size_units[1].word;
		break;
	case 'p':
		snprintf(buf, sz, "%g%%", x * 100 / UINT32_MAX);
		return buf;
	default:
		snprintf(buf, sz, "%llu", (unsigned long long)v);
		return buf;
	}
	word = whole_unit(u, n, x, base, &scale);
	snprintf(buf, sz, "%.0f%s", x / scale, word ? word : base_word);
	return buf;
}

/* Whether w may be a measure's word (else it is the next keyword). */
static bool measure_like(const char *w)
{
	return w[0] == '-' || w[0] == '+' || w[0] == '.' || (w[0] >= '0' && w[0] <= '9');
}

int arg_parse_units(struct ctx *c, const struct arg *a, char *const *words, int n, struct val *v)
{
	size_t want = strlen(a->units), got = 0;
	int used = 0;

	if (v->set)
		return err_usage(c, "%s given twice", a->kw);
	memset(&v->m, 0, sizeof(v->m));
	v->word = 0;
	v->str = n > 0 ? words[0] : NULL;
	for (int i = 0; a->words && n > 0 && a->words[i]; i++)
		if (!strcmp(a->words[i], words[0])) {
			v->word = i + 1;
			v->m.w[0] = words[0];
			used = 1;
		}
	while (got < want && got < ARG_UNITS_MAX && used < n &&
	       (got == 0 || measure_like(words[used]))) {
		const char *why = read_measure(a->units[got], words[used], &v->m.n[got]);

		if (why)
			return err_usage(c, "invalid %s \"%s\" (expected %s)", a->kw, words[used],
					 why);
		v->m.w[(v->word ? 1 : 0) + got] = words[used];
		got++;
		used++;
	}
	if (got == 0)
		return err_usage(c, "%s needs a value (%s)", a->kw,
				 a->metavar ? a->metavar : "VALUE");
	/* a measure more than the row has places for, rather than "unknown
	 * keyword 7": no keyword begins as a number does */
	if (used < n && measure_like(words[used]))
		return err_usage(c, "%s takes at most %zu value%s (%s), not \"%s\"", a->kw, got,
				 got == 1 ? "" : "s", a->metavar ? a->metavar : "VALUE",
				 words[used]);
	v->nrest = (int)got;
	v->set = true;
	return used;
}

int arg_parse_tchandle(struct ctx *c, const struct arg *a, const char *s, struct val *v)
{
	const char *colon = strchr(s, ':');
	unsigned long maj = 0, min = 0;
	char *end;

	for (int i = 0; a->words && a->words[i]; i++)
		if (!strcmp(a->words[i], s)) {
			v->word = i + 1;
			v->u = a->values ? a->values[i] : 0;
			return 0;
		}
	errno = 0;
	if (!colon) {
		maj = strtoul(s, &end, 16);
		if (!*s || *end || errno || maj > 0xffff)
			goto bad;
		v->u = (uint32_t)maj << 16;
		return 0;
	}
	if (colon != s) {
		maj = strtoul(s, &end, 16);
		if (end != colon || errno || maj > 0xffff)
			goto bad;
	}
	if (colon[1]) {
		min = strtoul(colon + 1, &end, 16);
		if (*end || errno || min > 0xffff)
			goto bad;
	}
	v->u = (uint32_t)(maj << 16 | min);
	return 0;
bad:
	return err_usage(c, "invalid %s \"%s\" (expected MAJ:MIN, in hexadecimal)",
			 a->kw ? a->kw : "handle", s);
}
