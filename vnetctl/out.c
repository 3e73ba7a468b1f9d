// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The printer.  Text goes straight to the stream.  JSON is built as jansson
 * trees, so it is always well formed and escaped by a library that is good
 * at it, but never the whole output at once: when the outermost container is
 * a list (every show's), its brackets and commas are written here and each
 * element is written as soon as it is complete, laid out byte for byte as
 * jansson lays out the same list whole.  Memory stays that of one element.
 * Any other outermost container is written whole when it closes.
 */
#include <jansson.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"

#define DEPTH 16

struct out {
	FILE *f;
	bool json, pretty, color;
	json_t *stack[DEPTH];
	int depth;
	bool streamed;	/* the outermost container is a list written as it goes */
	/* text with -o: objects open, and a line break not yet written */
	bool oneline, pending_nl;
	int tdepth;
	size_t written; /* its elements written so far */
};

struct out *out_new(FILE *f, bool json, bool pretty, bool color)
{
	struct out *o = calloc(1, sizeof(*o));

	if (!o)
		abort();
	o->f = f;
	o->json = json;
	o->pretty = pretty;
	o->color = color && !json;
	return o;
}

static void close_container(struct out *o, bool obj);

void out_free(struct out *o)
{
	if (!o)
		return;
	/* a list begun is ended, so what was written stays valid JSON; an
	 * element left open is dropped */
	while (o->depth > 1)
		json_decref(o->stack[--o->depth]);
	if (o->depth > 0 && o->streamed)
		close_container(o, false);
	else if (o->depth > 0)
		json_decref(o->stack[0]);
	free(o);
}

bool out_is_json(const struct out *o)
{
	return o->json;
}

static bool wants(const struct out *o, enum out_mode m)
{
	return m == OUT_ANY || (m == OUT_JSON) == o->json;
}

/*
 * A JSON string from arbitrary bytes: valid UTF-8 is kept, any other byte is
 * taken as the Latin-1 character of the same value, so every interface name
 * or alias the kernel can hold gives valid JSON.
 */
static json_t *json_bytes(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *buf = malloc(n * 2 + 1);
	json_t *j;

	if (!buf)
		abort();
	for (size_t i = 0; i < n;) {
		const unsigned char *p = (const unsigned char *)s + i;
		size_t len = 0;

		if (p[0] < 0x80)
			len = 1;
		else if (p[0] >= 0xc2 && p[0] <= 0xdf)
			len = 2;
		else if (p[0] >= 0xe0 && p[0] <= 0xef)
			len = 3;
		else if (p[0] >= 0xf0 && p[0] <= 0xf4)
			len = 4;
		for (size_t k = 1; len && k < len; k++)
			if (i + k >= n || (p[k] & 0xc0) != 0x80)
				len = 0;
		/* overlong, surrogate and out-of-range forms are not valid either */
		if (len == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f)))
			len = 0;
		if (len == 4 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f)))
			len = 0;
		if (len) {
			memcpy(buf + o, p, len);
			o += len;
			i += len;
		} else {
			buf[o++] = (char)(0xc0 | (p[0] >> 6));
			buf[o++] = (char)(0x80 | (p[0] & 0x3f));
			i++;
		}
	}
	j = json_stringn(buf, o);
	free(buf);
	return j ? j : json_null();
}

/* One element of the streamed list, as it sits inside the whole list:
 * after "[" or ",", and in pretty output on its own lines, indented one
 * step more (a JSON string never holds a raw newline, so each newline of the
 * element's own dump starts one of its lines). */
static void write_element(struct out *o, json_t *v)
{
	size_t flags = JSON_ENCODE_ANY | JSON_PRESERVE_ORDER;

	if (o->written++)
		fputc(',', o->f);
	if (!o->pretty) {
		json_dumpf(v, o->f, flags | JSON_COMPACT);
		return;
	}
	char *text = json_dumps(v, flags | JSON_INDENT(2));
	if (!text)
		abort();
	fputs("\n  ", o->f);
	for (const char *p = text, *nl; *p; p = nl + 1) {
		if (!(nl = strchr(p, '\n'))) {
			fputs(p, o->f);
			break;
		}
		fwrite(p, 1, (size_t)(nl - p) + 1, o->f);
		fputs("  ", o->f);
	}
	free(text);
}

static void emit(struct out *o, const char *key, json_t *v)
{
	json_t *top;

	if (o->depth == 0) {
		/* a bare value: print it alone */
		json_dumpf(v, o->f, JSON_ENCODE_ANY | (o->pretty ? JSON_INDENT(2) : JSON_COMPACT));
		fputc('\n', o->f);
		json_decref(v);
		return;
	}
	if (o->depth == 1 && o->streamed) {
		write_element(o, v);
		json_decref(v);
		return;
	}
	top = o->stack[o->depth - 1];
	if (json_is_array(top))
		json_array_append_new(top, v);
	else
		json_object_set_new(top, key ? key : "", v);
}

void out_set_oneline(struct out *o, bool oneline)
{
	o->oneline = oneline;
}

bool out_is_oneline(const struct out *o)
{
	return o->oneline && !o->json;
}

/* -o: a line break inside a record is written as a backslash once more of
 * the record follows; the record's last one ends its line. */
static void text_begin(struct out *o)
{
	if (o->pending_nl) {
		fputc('\\', o->f);
		o->pending_nl = false;
	}
}

static void open_container(struct out *o, const char *key, json_t *c)
{
	if (!o->json) {
		if (json_is_object(c))
			o->tdepth++;
		json_decref(c);
		return;
	}
	if (o->depth == DEPTH)
		abort();
	if (o->depth == 0) {
		o->streamed = json_is_array(c);
		o->written = 0;
		if (o->streamed) {
			json_decref(c);
			c = NULL;
			fputc('[', o->f);
		}
	} else if (o->depth > 1 || !o->streamed) {
		emit(o, key, json_incref(c));
	}
	/* an element of the streamed list is written when it closes */
	o->stack[o->depth++] = c;
}

static void close_container(struct out *o, bool obj)
{
	json_t *c;

	if (!o->json && obj && o->tdepth > 0 && --o->tdepth == 0 && o->pending_nl) {
		fputc('\n', o->f);
		o->pending_nl = false;
	}
	if (!o->json || o->depth == 0)
		return;
	c = o->stack[--o->depth];
	if (o->depth == 1 && o->streamed) {
		write_element(o, c);
	} else if (o->depth == 0 && o->streamed) {
		fputs(o->pretty && o->written ? "\n]\n" : "]\n", o->f);
		fflush(o->f);
		o->streamed = false;
	} else if (o->depth == 0) {
		size_t flags = JSON_PRESERVE_ORDER | (o->pretty ? JSON_INDENT(2) : JSON_COMPACT);
		json_dumpf(c, o->f, flags);
		fputc('\n', o->f);
		fflush(o->f);
	}
	json_decref(c);
}

void out_list_open(struct out *o, const char *key)
{
	open_container(o, key, json_array());
}

void out_list_close(struct out *o)
{
	close_container(o, false);
}

void out_obj_open(struct out *o, const char *key)
{
	open_container(o, key, json_object());
}

void out_obj_close(struct out *o)
{
	close_container(o, true);
}

static const char *color_code(enum out_color col)
{
	switch (col) {
	case COL_IFNAME:
		return "\033[36m";
	case COL_MAC:
		return "\033[33m";
	case COL_INET:
		return "\033[35m";
	case COL_INET6:
		return "\033[34m";
	case COL_UP:
		return "\033[32m";
	case COL_DOWN:
		return "\033[31m";
	default:
		return NULL;
	}
}

static void text_vprintf(struct out *o, enum out_color col, const char *fmt, va_list ap)
{
	const char *code = o->color ? color_code(col) : NULL;

	text_begin(o);
	if (code)
		fputs(code, o->f);
	vfprintf(o->f, fmt, ap);
	if (code)
		fputs("\033[0m", o->f);
}

static void text_printf(struct out *o, enum out_color col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	text_vprintf(o, col, fmt, ap);
	va_end(ap);
}

void out_strc(struct out *o, enum out_mode m, enum out_color col, const char *key, const char *fmt,
	      const char *s)
{
	if (!wants(o, m))
		return;
	if (o->json) {
		emit(o, key, s ? json_bytes(s) : json_null());
		return;
	}
	/* names and text from the kernel or the user: escaped for the terminal */
	char stack[1024], *esc = stack;
	size_t need = (s ? strlen(s) : 0) * 4 + 1;

	if (need > sizeof(stack) && !(esc = malloc(need)))
		abort();
	text_escape(esc, need > sizeof(stack) ? need : sizeof(stack), s ? s : "");
	text_printf(o, col, fmt, esc);
	if (esc != stack)
		free(esc);
}

void out_str(struct out *o, enum out_mode m, const char *key, const char *fmt, const char *s)
{
	out_strc(o, m, COL_NONE, key, fmt, s);
}

/* A number: JSON's integer, or fmt with the number in text. */
static void out_number(struct out *o, enum out_mode m, const char *key, json_int_t j,
		       const char *fmt, ...)
{
	va_list ap;

	if (!wants(o, m))
		return;
	if (o->json) {
		emit(o, key, json_integer(j));
		return;
	}
	va_start(ap, fmt);
	text_vprintf(o, COL_NONE, fmt, ap);
	va_end(ap);
}

void out_uint(struct out *o, enum out_mode m, const char *key, const char *fmt, unsigned int v)
{
	out_number(o, m, key, (json_int_t)v, fmt, v);
}

void out_int(struct out *o, enum out_mode m, const char *key, const char *fmt, int v)
{
	out_number(o, m, key, (json_int_t)v, fmt, v);
}

void out_u64(struct out *o, enum out_mode m, const char *key, const char *fmt, unsigned long long v)
{
	out_number(o, m, key, (json_int_t)v, fmt, v);
}

void out_bool(struct out *o, enum out_mode m, const char *key, const char *fmt, bool v)
{
	if (!wants(o, m))
		return;
	if (o->json)
		emit(o, key, json_boolean(v));
	else if (v)
		text_printf(o, COL_NONE, "%s", fmt);
}

/* A number with a fraction: JSON's real, or fmt with the number in text. */
void out_double(struct out *o, enum out_mode m, const char *key, const char *fmt, double v)
{
	if (!wants(o, m))
		return;
	if (o->json)
		emit(o, key, json_real(v));
	else
		text_printf(o, COL_NONE, fmt, v);
}

void out_null(struct out *o, const char *key)
{
	if (o->json)
		emit(o, key, json_null());
}

void out_text(struct out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->json)
		return;
	text_begin(o);
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
}

void out_nl(struct out *o)
{
	if (o->json)
		return;
	text_begin(o);
	if (o->oneline && o->tdepth > 0)
		o->pending_nl = true;
	else
		fputc('\n', o->f);
}

/* The length of the UTF-8 sequence at s that a terminal shows as text: 0
 * for a control byte (C0, DEL), a C1 control (U+0080..U+009F), or a byte
 * that does not begin a well-formed sequence. */
static size_t shown_len(const unsigned char *s)
{
	size_t n;

	if (s[0] >= 0x20 && s[0] < 0x7f)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((s[0] == 0xc2 && s[1] < 0xa0) || (s[0] == 0xe0 && s[1] < 0xa0) ||
	    (s[0] == 0xed && s[1] > 0x9f) || (s[0] == 0xf0 && s[1] < 0x90) ||
	    (s[0] == 0xf4 && s[1] > 0x8f))
		return 0; /* C1, overlong, surrogate, above U+10FFFF */
	return n;
}

size_t text_escape(char *dst, size_t dstsz, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t len = 0;

	if (!dstsz)
		return 0;
	while (*s) {
		size_t n = shown_len(s);

		if (n) {
			if (len + n >= dstsz)
				break;
			memcpy(dst + len, s, n);
			len += n;
			s += n;
		} else {
			if (len + 4 >= dstsz)
				break;
			snprintf(dst + len, 5, "\\x%02x", *s++);
			len += 4;
		}
	}
	dst[len] = '\0';
	return len;
}
