/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The printer: one set of calls emits plain text, brief text and JSON.
 *
 * Every call names the JSON key and the text format of the same value; the
 * mode decides which one is used.  OUT_TEXT and OUT_JSON restrict a value to
 * one form (a text-only separator, a JSON-only field).  A module calls
 *
 *	out_list_open(o, NULL);                 // JSON: [   text: nothing
 *	out_obj_open(o, NULL);                  // JSON: {
 *	out_uint(o, OUT_ANY, "ifindex", "%u: ", 3);
 *	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s", "tun0");
 *	out_nl(o);                              // text: newline
 *	out_obj_close(o);
 *	out_list_close(o);                      // JSON: printed here
 *
 * JSON strings are made valid UTF-8: bytes that are not part of a valid
 * UTF-8 sequence are taken as Latin-1 code points; control characters,
 * quotes and backslashes are escaped.
 */
#ifndef VNETCTL_OUT_H
#define VNETCTL_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum out_mode { OUT_ANY, OUT_TEXT, OUT_JSON };
enum out_color { COL_NONE, COL_IFNAME, COL_MAC, COL_INET, COL_INET6, COL_UP, COL_DOWN };

struct out;

struct out *out_new(FILE *f, bool json, bool pretty, bool color);
void out_free(struct out *o);
/* Text: each outermost record (object) on one line, its line breaks
 * written as a backslash, as ip -o does. */
/* -p as iproute2 lays it out (under its names), not as jansson does. */
void out_set_ip_layout(struct out *o);
void out_set_oneline(struct out *o, bool oneline);
bool out_is_oneline(const struct out *o);
bool out_is_json(const struct out *o);
/* A dump ended in an error under ip's name: the JSON written so far stays
 * as ip leaves it, unclosed ("[" alone), and nothing more is written. */
void out_abandon(struct out *o);

void out_list_open(struct out *o, const char *key);
void out_list_close(struct out *o);
void out_obj_open(struct out *o, const char *key);
void out_obj_close(struct out *o);

void out_str(struct out *o, enum out_mode m, const char *key, const char *fmt, const char *s);
void out_strc(struct out *o, enum out_mode m, enum out_color col, const char *key, const char *fmt,
	      const char *s);
/* fmt takes the value as printf's %u / %d / %llu would. */
void out_uint(struct out *o, enum out_mode m, const char *key, const char *fmt, unsigned int v);
void out_int(struct out *o, enum out_mode m, const char *key, const char *fmt, int v);
void out_u64(struct out *o, enum out_mode m, const char *key, const char *fmt,
	     unsigned long long v);
/* JSON: a real (ip -j's timers, in seconds); text: fmt as printf's %f. */
void out_double(struct out *o, enum out_mode m, const char *key, const char *fmt, double v);
/* A number already written in JSON's digits (a timer's "12.34", as ip
 * writes it: a real printed exactly, not as the nearest double's 17
 * digits); fmt takes it as a string in text.  The caller makes digits from
 * integers: nothing checks them. */
void out_digits(struct out *o, enum out_mode m, const char *key, const char *fmt,
		const char *digits);
/* JSON: true/false.  Text: fmt is printed only when v is true. */
void out_bool(struct out *o, enum out_mode m, const char *key, const char *fmt, bool v);
void out_null(struct out *o, const char *key);
/* Text only: printf-style (no newline added). */
void out_text(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_nl(struct out *o);

/* src for a terminal: control bytes, C1 controls and bytes that are not
 * well-formed UTF-8 written as \xNN, the rest as it is; truncated to fit
 * dstsz (always terminated).  Returns the length written. */
size_t text_escape(char *dst, size_t dstsz, const char *src);

#endif
