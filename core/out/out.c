// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The printer.  Text goes straight to the stream.  JSON is written as it is
 * made, into a buffer that reaches the stream whole values at a time: when
 * the outermost container is a list (every show's), its brackets and commas
 * go out at once and each element as soon as it is complete, so memory stays
 * that of one element however long the list.  Any other outermost container
 * is written whole when it closes.  An element still open when the printer is
 * freed (a show that failed half-way) is dropped, so what was written stays
 * valid JSON.
 *
 * The layout is jansson's, byte for byte (JSON_COMPACT, or JSON_INDENT(2),
 * with JSON_PRESERVE_ORDER): the output did not change when the printer
 * stopped building jansson trees, which cost two thirds of `-j -d link
 * show`'s time in malloc, free and stdio calls.  fuzz/outjson.c checks the
 * two against each other.  Numbers are printed exactly (a u64 above 2^63
 * too); reals as jansson prints them (%.17g, always with a '.' or 'e').
 * Under ip's name -p is laid out as iproute2's json_writer does it (four
 * spaces a level, a key on its own line, a list's elements on one).
 * A key given twice in one object is a bug of the caller: the checked
 * build (VNETCTL_CHECKS, the sanitizer build's) aborts on it.
 */
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"

#define DEPTH 16

struct level {
	bool obj;
	size_t n; /* values written in it so far */
#ifdef VNETCTL_CHECKS
	char **keys;
#endif
};

struct out {
	FILE *f;
	bool json, pretty, color;
	bool ip_layout; /* -p under ip's name: iproute2's json_writer's layout */
	struct level lv[DEPTH];
	int depth;
	bool streamed; /* the outermost container is a list written as it goes */
	size_t done;   /* its elements written whole so far */
	char *buf;     /* JSON not yet written */
	size_t len, cap;
	/* text with -o: objects open, and a line break not yet written */
	bool oneline, pending_nl;
	int tdepth;
	bool abandoned; /* out_abandon: nothing more is written */
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

/* ---- JSON ---------------------------------------------------------------- */

static void grow(struct out *o, size_t n)
{
	size_t cap = o->cap ? o->cap : 4096;

	while (cap < o->len + n)
		cap *= 2;
	if (!(o->buf = realloc(o->buf, cap)))
		abort();
	o->cap = cap;
}

static inline void reserve(struct out *o, size_t n)
{
	if (o->len + n > o->cap)
		grow(o, n);
}

static inline void put(struct out *o, const char *s, size_t n)
{
	reserve(o, n);
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void put1(struct out *o, char ch)
{
	reserve(o, 1);
	o->buf[o->len++] = ch;
}

/* What the buffer holds, to the stream. */
static void flush(struct out *o)
{
	if (o->len)
		fwrite(o->buf, 1, o->len, o->f);
	o->len = 0;
}

static void put_u64(struct out *o, unsigned long long v, bool neg)
{
	char d[24];
	size_t i = sizeof(d);

	do
		d[--i] = (char)('0' + v % 10);
	while ((v /= 10));
	if (neg)
		d[--i] = '-';
	put(o, d + i, sizeof(d) - i);
}

/* A real as jansson writes it: %.17g in the C locale's form, a ".0" when
 * that would read as an integer, and the exponent without '+' or leading
 * zeros. */
static void put_real(struct out *o, double v)
{
	char b[64], *e;
	const char *dp = localeconv()->decimal_point;
	int n = snprintf(b, sizeof(b) - 3, "%.17g", v);

	if (n < 0 || n >= (int)sizeof(b) - 3) {
		put(o, "null", 4);
		return;
	}
	if (dp && dp[0] && strcmp(dp, ".")) {
		char *p = strstr(b, dp);
		if (p) {
			*p = '.';
			memmove(p + 1, p + strlen(dp), strlen(p + strlen(dp)) + 1);
		}
	}
	if (!strpbrk(b, ".e"))
		strcat(b, ".0");
	if ((e = strchr(b, 'e'))) {
		char *digits = e + 1, *z;
		if (*digits == '+')
			memmove(digits, digits + 1, strlen(digits));
		if (*digits == '-')
			digits++;
		for (z = digits; *z == '0' && z[1]; z++)
			;
		memmove(digits, z, strlen(z) + 1);
	}
	put(o, b, strlen(b));
}

/* The length of the well-formed UTF-8 sequence at p (n bytes left), 0 when
 * there is none. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	size_t len;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t k = 1; k < len; k++)
		if ((p[k] & 0xc0) != 0x80)
			return 0;
	/* overlong, surrogate and out-of-range forms are not valid either */
	if (len == 3 && ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f)))
		return 0;
	if (len == 4 && ((p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f)))
		return 0;
	return len;
}

/*
 * A JSON string from arbitrary bytes: valid UTF-8 is kept, any other byte is
 * taken as the Latin-1 character of the same value, so every interface name
 * or alias the kernel can hold gives valid JSON.  Quotes, backslashes and
 * control characters are escaped as jansson escapes them.
 */
/* The bytes a JSON string holds as they are. */
static const bool plain[256] = {
    [' '] = 1,
    ['!'] = 1,
    ['#' ... '['] = 1,
    [']' ... 0x7f] = 1,
};

static void put_string(struct out *o, const char *str)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0;

	reserve(o, n * 6 + 2);
	o->buf[o->len++] = '"';
	while (i < n) {
		size_t run = i;

		/* the common case: printable ASCII, copied as a run */
		while (run < n && plain[s[run]])
			run++;
		memcpy(o->buf + o->len, s + i, run - i);
		o->len += run - i;
		if ((i = run) == n)
			break;
		unsigned char ch = s[i];
		char *d = o->buf + o->len;
		size_t len;

		if (ch >= 0x80 && (len = utf8_len(s + i, n - i))) {
			memcpy(d, s + i, len);
			o->len += len;
			i += len;
			continue;
		}
		i++;
		if (ch >= 0x80) {
			d[0] = (char)(0xc0 | (ch >> 6));
			d[1] = (char)(0x80 | (ch & 0x3f));
			o->len += 2;
			continue;
		}
		d[0] = '\\';
		o->len += 2;
		switch (ch) {
		case '"':
		case '\\':
			d[1] = (char)ch;
			break;
		case '\b':
			d[1] = 'b';
			break;
		case '\f':
			d[1] = 'f';
			break;
		case '\n':
			d[1] = 'n';
			break;
		case '\r':
			d[1] = 'r';
			break;
		case '\t':
			d[1] = 't';
			break;
		default:
			memcpy(d + 1, "u00", 3);
			d[4] = hex[ch >> 4];
			d[5] = hex[ch & 15];
			o->len += 4;
		}
	}
	o->buf[o->len++] = '"';
}

/* A line break and the indent of depth: jansson's two spaces a level, or
 * iproute2's four. */
static void put_indent(struct out *o, int depth)
{
	size_t n = (size_t)depth * (o->ip_layout ? 4 : 2);

	reserve(o, n + 1);
	o->buf[o->len++] = '\n';
	memset(o->buf + o->len, ' ', n);
	o->len += n;
}

#ifdef VNETCTL_CHECKS
static void check_key(struct level *l, const char *key)
{
	size_t k;

	for (k = 0; k + 1 < l->n; k++)
		if (!strcmp(l->keys[k], key)) {
			fprintf(stderr, "vnetctl: bug: JSON key \"%s\" given twice in one object\n",
				key);
			abort();
		}
	if (!(l->keys = realloc(l->keys, l->n * sizeof(*l->keys))) ||
	    !(l->keys[l->n - 1] = strdup(key)))
		abort();
}

static void drop_keys(struct level *l)
{
	for (size_t k = 0; l->obj && k < l->n; k++)
		free(l->keys[k]);
	free(l->keys);
	l->keys = NULL;
}
#else
#define check_key(l, key) ((void)0)
#define drop_keys(l)	  ((void)0)
#endif

/* Before a value: its separator, line and key in the container it goes in. */
static void begin(struct out *o, const char *key)
{
	struct level *l;

	if (o->depth == 0)
		return;
	l = &o->lv[o->depth - 1];
	if (l->n++)
		put1(o, ',');
	/* iproute2 breaks the line before a key only: a list's elements
	 * follow each other ("[ \"UP\",\"LOWER_UP\" ]", "},{") */
	if (o->pretty && (l->obj || !o->ip_layout))
		put_indent(o, o->depth);
	if (l->obj) {
		check_key(l, key ? key : "");
		put_string(o, key ? key : "");
		if (o->pretty)
			put(o, ": ", 2);
		else
			put1(o, ':');
	}
}

/* After a value: a whole bare value, or an element of the streamed list,
 * goes out. */
static void end(struct out *o)
{
	if (o->depth == 0) {
		put1(o, '\n');
		flush(o);
	} else if (o->depth == 1 && o->streamed) {
		flush(o);
		o->done++;
	}
}

static void close_container(struct out *o, bool obj);

void out_free(struct out *o)
{
	if (!o)
		return;
	if (o->json && o->depth > 0 && !o->abandoned) {
		/* a list begun is ended, so what was written stays valid JSON; an
		 * element left open is dropped, and so is an unfinished object */
		while (o->depth > 1)
			drop_keys(&o->lv[--o->depth]);
		o->len = 0;
		if (o->streamed) {
			o->lv[0].n = o->done;
			close_container(o, false);
		} else {
			drop_keys(&o->lv[0]);
		}
	}
	free(o->buf);
	free(o);
}

void out_abandon(struct out *o)
{
	if (!o || !o->json || o->depth == 0)
		return;
	if (o->streamed)
		flush(o);
	o->abandoned = true;
}

bool out_is_json(const struct out *o)
{
	return o->json;
}

static bool wants(const struct out *o, enum out_mode m)
{
	return m == OUT_ANY || (m == OUT_JSON) == o->json;
}

void out_set_ip_layout(struct out *o)
{
	o->ip_layout = true;
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

static void open_container(struct out *o, const char *key, bool obj)
{
	if (!o->json) {
		if (obj)
			o->tdepth++;
		return;
	}
	if (o->depth == DEPTH)
		abort();
	if (o->depth == 0) {
		o->streamed = !obj;
		o->done = 0;
	}
	begin(o, key);
	put1(o, obj ? '{' : '[');
	if (!obj && o->pretty && o->ip_layout)
		put1(o, ' ');
	o->lv[o->depth++] = (struct level){.obj = obj};
	if (o->depth == 1 && o->streamed)
		flush(o);
}

static void close_container(struct out *o, bool obj)
{
	struct level *l;

	if (!o->json && obj && o->tdepth > 0 && --o->tdepth == 0 && o->pending_nl) {
		fputc('\n', o->f);
		o->pending_nl = false;
	}
	if (!o->json || o->depth == 0 || o->abandoned)
		return;
	l = &o->lv[--o->depth];
	if (l->n && o->pretty && !(o->ip_layout && !l->obj))
		put_indent(o, o->depth);
	else if (l->n && o->pretty)
		put1(o, ' '); /* iproute2's "... ]" */
	put1(o, l->obj ? '}' : ']');
	drop_keys(l);
	end(o);
	if (o->depth == 0) {
		fflush(o->f);
		o->streamed = false;
	}
}

void out_list_open(struct out *o, const char *key)
{
	open_container(o, key, false);
}

void out_list_close(struct out *o)
{
	close_container(o, false);
}

void out_obj_open(struct out *o, const char *key)
{
	open_container(o, key, true);
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
		begin(o, key);
		if (s)
			put_string(o, s);
		else
			put(o, "null", 4);
		end(o);
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
static void out_number(struct out *o, enum out_mode m, const char *key, unsigned long long u,
		       bool neg, const char *fmt, ...)
{
	va_list ap;

	if (!wants(o, m))
		return;
	if (o->json) {
		begin(o, key);
		put_u64(o, u, neg);
		end(o);
		return;
	}
	va_start(ap, fmt);
	text_vprintf(o, COL_NONE, fmt, ap);
	va_end(ap);
}

void out_uint(struct out *o, enum out_mode m, const char *key, const char *fmt, unsigned int v)
{
	out_number(o, m, key, v, false, fmt, v);
}

void out_int(struct out *o, enum out_mode m, const char *key, const char *fmt, int v)
{
	out_number(o, m, key, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0,
		   fmt, v);
}

void out_u64(struct out *o, enum out_mode m, const char *key, const char *fmt, unsigned long long v)
{
	out_number(o, m, key, v, false, fmt, v);
}

/* true, false or null */
static void json_word(struct out *o, const char *key, const char *w)
{
	begin(o, key);
	put(o, w, strlen(w));
	end(o);
}

void out_bool(struct out *o, enum out_mode m, const char *key, const char *fmt, bool v)
{
	if (!wants(o, m))
		return;
	if (o->json)
		json_word(o, key, v ? "true" : "false");
	else if (v)
		text_printf(o, COL_NONE, "%s", fmt);
}

/* A number with a fraction: JSON's real, or fmt with the number in text. */
void out_double(struct out *o, enum out_mode m, const char *key, const char *fmt, double v)
{
	if (!wants(o, m))
		return;
	if (o->json) {
		begin(o, key);
		put_real(o, v);
		end(o);
	} else {
		text_printf(o, COL_NONE, fmt, v);
	}
}

void out_digits(struct out *o, enum out_mode m, const char *key, const char *fmt,
		const char *digits)
{
	if (!wants(o, m))
		return;
	if (o->json) {
		begin(o, key);
		put(o, digits, strlen(digits));
		end(o);
	} else {
		text_printf(o, COL_NONE, fmt, digits);
	}
}

void out_null(struct out *o, const char *key)
{
	if (o->json)
		json_word(o, key, "null");
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
