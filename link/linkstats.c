// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A link's counters with -s (and -s -s), as ip -s link show prints them:
 * IFLA_STATS64 in ip's table of columns, or "stats64" {rx, tx} in JSON.
 */
#include <linux/if_link.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "link.h"
#include "out.h"

/*
 * ip's table of counters: seven columns, each as wide as its header or its
 * widest number, every number followed by a space.  Column 0 holds the
 * bytes (its header is indented by "RX: "); an error row (-s -s) leaves it
 * empty.  A row's values are in column order; a column ip leaves out when
 * its counter is 0 (compressed, nohandler) has want false.
 */
enum { STAT_COLS = 7 };

struct stat_row {
	const char *label; /* "RX:" or "RX errors:" */
	const char *head[STAT_COLS];
	unsigned long long v[STAT_COLS];
	bool want[STAT_COLS];
};

static unsigned digits(unsigned long long v)
{
	unsigned n = 1;

	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* A counter as ip's print_num() gives it with -human: below the base as
 * it is, else scaled to k, M, G, T, P or E (Ki, Mi ... with -iec) with two
 * digits after the point below 10, one below 100, none above: 1.50k, 15.0M,
 * 150G. */
static const char *human_num(char *buf, size_t sz, uint64_t v, bool iec)
{
	static const char prefixes[] = "kMGTPE";
	const uint64_t base = iec ? 1024 : 1000;
	uint64_t pow = 1;
	size_t p = 0;
	int digits = 2;

	if (v < base) {
		snprintf(buf, sz, "%llu", (unsigned long long)v);
		return buf;
	}
	for (;;) {
		pow *= base;
		if (v / base < pow || !prefixes[p + 1])
			break;
		p++;
	}
	for (uint64_t tens = 10; digits > 0 && v / pow >= tens; tens *= 10)
		digits--;
	snprintf(buf, sz, "%.*f%c%s", digits, (double)v / (double)pow, prefixes[p], iec ? "i" : "");
	return buf;
}

/* How the counters print: ip's -human and -iec. */
struct stat_fmt {
	bool human, iec;
};

static void stat_row_print(struct out *o, const struct stat_row *r, const unsigned *w,
			   const struct stat_fmt *f)
{
	bool errors = r->head[0] == NULL;
	char num[32];

	if (errors) /* the label fills column 0 */
		out_text(o, "    %-*s", (int)w[0], r->label);
	else
		out_text(o, "    %s %*s", r->label, (int)(w[0] - strlen(r->label) - 1), r->head[0]);
	for (int i = 1; i < STAT_COLS; i++)
		if (r->head[i])
			out_text(o, " %*s", (int)w[i], r->want[i] ? r->head[i] : "");
	out_nl(o);
	out_text(o, "%*s", errors ? (int)w[0] + 5 : 4, "");
	for (int i = errors ? 1 : 0; i < STAT_COLS; i++)
		if (r->want[i] && f->human)
			out_text(o, "%*s ", (int)w[i],
				 human_num(num, sizeof(num), r->v[i], f->iec));
		else if (r->want[i])
			out_text(o, "%*llu ", (int)w[i], r->v[i]);
}

/* ip -j -s's keys for each direction, in its order: always, only when
 * not 0, or with -s -s. */
enum stat_when { ALWAYS, NONZERO, MORE, MORE_NONZERO };
struct stat_key {
	const char *key;
	size_t off; /* in struct rtnl_link_stats64 */
	enum stat_when when;
};
#define K(key, field, when)                                                                        \
	{                                                                                          \
		key, offsetof(struct rtnl_link_stats64, field), when                               \
	}
static const struct stat_key rx_keys[] = {
    K("bytes", rx_bytes, ALWAYS),
    K("packets", rx_packets, ALWAYS),
    K("errors", rx_errors, ALWAYS),
    K("dropped", rx_dropped, ALWAYS),
    K("over_errors", rx_over_errors, ALWAYS),
    K("multicast", multicast, ALWAYS),
    K("compressed", rx_compressed, NONZERO),
    K("length_errors", rx_length_errors, MORE),
    K("crc_errors", rx_crc_errors, MORE),
    K("frame_errors", rx_frame_errors, MORE),
    K("fifo_errors", rx_fifo_errors, MORE),
    K("missed_errors", rx_missed_errors, MORE),
    K("nohandler", rx_nohandler, MORE_NONZERO),
};
static const struct stat_key tx_keys[] = {
    K("bytes", tx_bytes, ALWAYS),
    K("packets", tx_packets, ALWAYS),
    K("errors", tx_errors, ALWAYS),
    K("dropped", tx_dropped, ALWAYS),
    K("carrier_errors", tx_carrier_errors, ALWAYS),
    K("collisions", collisions, ALWAYS),
    K("compressed", tx_compressed, NONZERO),
    K("aborted_errors", tx_aborted_errors, MORE),
    K("fifo_errors", tx_fifo_errors, MORE),
    K("window_errors", tx_window_errors, MORE),
    K("heartbeat_errors", tx_heartbeat_errors, MORE),
};
#undef K

static void print_keys(struct out *o, const struct rtnl_link_stats64 *s, const struct stat_key *k,
		       size_t n, bool more)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t v;

		memcpy(&v, (const char *)s + k[i].off, sizeof(v));
		if ((k[i].when >= MORE && !more) ||
		    ((k[i].when == NONZERO || k[i].when == MORE_NONZERO) && !v))
			continue;
		out_u64(o, OUT_JSON, k[i].key, "", v);
	}
}

/* IFLA_STATS64 as ip -j -s prints it: "stats64" {rx, tx}. */
static void print_stats_json(struct out *o, const struct rtnl_link_stats64 *s,
			     const struct nlattr *carrier, bool more)
{
	out_obj_open(o, "stats64");
	out_obj_open(o, "rx");
	print_keys(o, s, rx_keys, sizeof(rx_keys) / sizeof(rx_keys[0]), more);
	out_obj_close(o);
	out_obj_open(o, "tx");
	print_keys(o, s, tx_keys, sizeof(tx_keys) / sizeof(tx_keys[0]), more);
	if (more && carrier)
		out_u64(o, OUT_JSON, "carrier_changes", "", mnl_attr_get_u32(carrier));
	out_obj_close(o);
	out_obj_close(o);
}

static void print_stats_text(struct out *o, const struct rtnl_link_stats64 *s,
			     const struct nlattr *carrier, bool more, const struct stat_fmt *f)
{
	const struct stat_row rows[4] = {
	    {"RX:",
	     {"bytes", "packets", "errors", "dropped", "missed", "mcast", "compressed"},
	     {s->rx_bytes, s->rx_packets, s->rx_errors, s->rx_dropped, s->rx_missed_errors,
	      s->multicast, s->rx_compressed},
	     {true, true, true, true, true, true, s->rx_compressed != 0}},
	    {"RX errors:",
	     {NULL, "length", "crc", "frame", "fifo", "overrun",
	      s->rx_nohandler ? "nohandler" : NULL},
	     {0, s->rx_length_errors, s->rx_crc_errors, s->rx_frame_errors, s->rx_fifo_errors,
	      s->rx_over_errors, s->rx_nohandler},
	     {false, true, true, true, true, true, s->rx_nohandler != 0}},
	    {"TX:",
	     {"bytes", "packets", "errors", "dropped", "carrier", "collsns", "compressed"},
	     {s->tx_bytes, s->tx_packets, s->tx_errors, s->tx_dropped, s->tx_carrier_errors,
	      s->collisions, s->tx_compressed},
	     {true, true, true, true, true, true, s->tx_compressed != 0}},
	    {"TX errors:",
	     {NULL, "aborted", "fifo", "window", "heartbt", carrier ? "transns" : NULL, NULL},
	     {0, s->tx_aborted_errors, s->tx_fifo_errors, s->tx_window_errors,
	      s->tx_heartbeat_errors, carrier ? mnl_attr_get_u32(carrier) : 0, 0},
	     {false, true, true, true, true, carrier != NULL, false}},
	};
	/* "RX errors:" sets column 0; the others their headers */
	unsigned w[STAT_COLS] = {10, 7, 6, 7, 7, 7, 10};

	/* -human: the columns keep their headers' widths, as ip's */
	for (int r = 0; r < 4 && !f->human; r++) {
		if (!more && (r & 1))
			continue;
		for (int i = 0; i < STAT_COLS; i++)
			if (rows[r].want[i] && digits(rows[r].v[i]) > w[i])
				w[i] = digits(rows[r].v[i]);
	}
	for (int r = 0; r < 4; r++) {
		if (!more && (r & 1))
			continue;
		if (r)
			out_nl(o);
		stat_row_print(o, &rows[r], w, f);
	}
	out_nl(o);
}

void link_print_stats(struct ctx *c, const struct link_msg *m)
{
	const struct nlattr *a = m->tb[IFLA_STATS64];
	const struct nlattr *carrier = m->tb[IFLA_CARRIER_CHANGES];
	struct rtnl_link_stats64 s = {0};
	bool more = c->flags & CTX_STATS2;
	/* -iec alone changes nothing, as in ip */
	const struct stat_fmt f = {.human = c->flags & CTX_HUMAN, .iec = c->flags & CTX_IEC};

	if (!a)
		return;
	if (carrier && mnl_attr_get_payload_len(carrier) < sizeof(uint32_t))
		carrier = NULL;
	/* an older or newer kernel's struct: what both know */
	memcpy(&s, mnl_attr_get_payload(a),
	       mnl_attr_get_payload_len(a) < sizeof(s) ? mnl_attr_get_payload_len(a) : sizeof(s));
	if (out_is_json(c->out))
		print_stats_json(c->out, &s, carrier, more);
	else
		print_stats_text(c->out, &s, carrier, more, &f);
}
