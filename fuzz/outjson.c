// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the printer's JSON (core/out/out.c) against jansson.
 *
 * The input is a program of printer calls: containers opened and closed,
 * keys, strings of any bytes, integers, reals, booleans and nulls.  The same
 * program builds a jansson tree, and the printer's output must be, byte for
 * byte, what json_dumps() writes for that tree (compact, or indented by 2),
 * and a newline: the layout every jq script of our users has read since the
 * printer built jansson trees itself.  Strings that are not UTF-8 take each
 * stray byte as its Latin-1 character before jansson sees them, as the
 * printer promises.  A difference aborts, with both texts.
 *
 * What jansson cannot say the program never asks: a u64 above 2^63 (jansson
 * has signed integers; the printer prints it exactly), a real that is not
 * finite, and a key twice in one object (a caller's bug, which the checked
 * build aborts on).
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"

#define MAX_DEPTH 12 /* the printer's limit is 16 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct prog {
	const uint8_t *p;
	size_t n;
};

static unsigned byte(struct prog *g)
{
	if (!g->n)
		return 0;
	g->n--;
	return *g->p++;
}

static void bytes(struct prog *g, void *dst, size_t len)
{
	memset(dst, 0, len);
	for (size_t i = 0; i < len; i++)
		((uint8_t *)dst)[i] = (uint8_t)byte(g);
}

/* The reference's reading of arbitrary bytes: well-formed UTF-8 kept, any
 * other byte the Latin-1 character of its value. */
static char *latin1_fix(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *buf = malloc(2 * n + 1);
	const unsigned char *u = (const unsigned char *)s;

	if (!buf)
		abort();
	for (size_t i = 0; i < n;) {
		size_t len = 0;
		unsigned cp = 0;

		if (u[i] < 0x80)
			len = 1;
		else if ((u[i] & 0xe0) == 0xc0)
			len = 2, cp = u[i] & 0x1f;
		else if ((u[i] & 0xf0) == 0xe0)
			len = 3, cp = u[i] & 0x0f;
		else if ((u[i] & 0xf8) == 0xf0)
			len = 4, cp = u[i] & 0x07;
		if (i + len > n)
			len = 0;
		for (size_t k = 1; len > 1 && k < len; k++) {
			if ((u[i + k] & 0xc0) != 0x80) {
				len = 0;
				break;
			}
			cp = cp << 6 | (u[i + k] & 0x3f);
		}
		/* the shortest form of a scalar value only */
		if ((len == 2 && cp < 0x80) ||
		    (len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
			len = 0;
		if (len) {
			memcpy(buf + o, s + i, len);
			o += len;
			i += len;
		} else {
			buf[o++] = (char)(0xc0 | (u[i] >> 6));
			buf[o++] = (char)(0x80 | (u[i] & 0x3f));
			i++;
		}
	}
	buf[o] = '\0';
	return buf;
}

struct level {
	json_t *j;
	unsigned nkeys;
};

/* Adds v to the innermost container (or makes it the root); the key the
 * printer is given is returned in key. */
static void ref_add(struct level *st, int depth, json_t **root, json_t *v, char *key, size_t keysz,
		    unsigned kb)
{
	if (depth == 0) {
		*root = v;
		key[0] = '\0';
		return;
	}
	struct level *l = &st[depth - 1];
	if (json_is_array(l->j)) {
		json_array_append_new(l->j, v);
		key[0] = '\0';
		return;
	}
	/* distinct in the object: a counter, after a prefix with odd bytes */
	static const char *const prefix[] = {"k",    "ifname",	 "a\"b", "t\\",
					     "\x01", "\xc3\xa9", "\xff", ""};
	snprintf(key, keysz, "%s%u", prefix[kb % 8], l->nkeys++);
	char *fixed = latin1_fix(key);
	json_object_set_new(l->j, fixed, v);
	free(fixed);
}

static void run(const uint8_t *data, size_t size, bool pretty)
{
	struct prog g = {data, size};
	struct level st[MAX_DEPTH];
	json_t *root = NULL;
	char *text = NULL, key[64];
	size_t textlen = 0;
	FILE *f = open_memstream(&text, &textlen);
	struct out *o;
	int depth = 0;
	bool finished = false;

	if (!f)
		abort();
	o = out_new(f, true, pretty, false);
	while (!finished) {
		unsigned op = g.n ? byte(&g) % 10 : 2;
		unsigned kb = byte(&g);
		char s[33];
		unsigned long long u;
		long long i;
		double d;

		if (op == 2 && depth == 0)
			break; /* nothing open: the input is done */
		if ((op == 0 || op == 1) && depth == MAX_DEPTH)
			op = 2;
		switch (op) {
		case 0:
		case 1: {
			json_t *c = op == 0 ? json_object() : json_array();
			ref_add(st, depth, &root, json_incref(c), key, sizeof(key), kb);
			if (op == 0)
				out_obj_open(o, depth ? key : NULL);
			else
				out_list_open(o, depth ? key : NULL);
			st[depth++] = (struct level){c, 0};
			break;
		}
		case 2:
			/* the parent (or root) keeps the container alive */
			json_decref(st[--depth].j);
			if (json_is_object(st[depth].j))
				out_obj_close(o);
			else
				out_list_close(o);
			finished = depth == 0;
			break;
		case 3: {
			size_t len = byte(&g) % sizeof(s);
			bytes(&g, s, len);
			s[len] = '\0';
			char *fixed = latin1_fix(s);
			ref_add(st, depth, &root, json_string(fixed), key, sizeof(key), kb);
			free(fixed);
			out_str(o, OUT_ANY, key, "%s", s);
			break;
		}
		case 4:
			bytes(&g, &u, sizeof(u));
			u &= 0x7fffffffffffffffULL;
			ref_add(st, depth, &root, json_integer((json_int_t)u), key, sizeof(key),
				kb);
			out_u64(o, OUT_ANY, key, "%llu", u);
			break;
		case 5:
			bytes(&g, &i, sizeof(i));
			i = (int)i;
			ref_add(st, depth, &root, json_integer(i), key, sizeof(key), kb);
			out_int(o, OUT_ANY, key, "%d", (int)i);
			break;
		case 6:
			ref_add(st, depth, &root, json_boolean(kb & 1), key, sizeof(key), kb >> 1);
			out_bool(o, OUT_ANY, key, "x", kb & 1);
			break;
		case 7:
			ref_add(st, depth, &root, json_null(), key, sizeof(key), kb);
			out_null(o, key);
			break;
		case 8:
			bytes(&g, &d, sizeof(d));
			if (!isfinite(d))
				d = (double)kb / 7.0;
			ref_add(st, depth, &root, json_real(d), key, sizeof(key), kb);
			out_double(o, OUT_ANY, key, "%f", d);
			break;
		default:
			/* a text-only call: nothing in JSON */
			out_text(o, "%s", "text");
			out_nl(o);
			break;
		}
		if (depth == 0 && root)
			finished = true;
	}
	out_free(o);
	fclose(f);
	if (root) {
		size_t flags = JSON_ENCODE_ANY | JSON_PRESERVE_ORDER |
			       (pretty ? JSON_INDENT(2) : JSON_COMPACT);
		char *want = json_dumps(root, flags);
		if (!want || strlen(want) + 1 != textlen || memcmp(want, text, textlen - 1) ||
		    text[textlen - 1] != '\n') {
			fprintf(stderr, "printer:\n%s\njansson:\n%s\n", text,
				want ? want : "(null)");
			abort();
		}
		free(want);
		json_decref(root);
	} else if (textlen) {
		fprintf(stderr, "printer wrote JSON for no value: %s\n", text);
		abort();
	}
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	run(data + 1, size - 1, data[0] & 1);
	return 0;
}
