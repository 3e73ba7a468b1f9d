// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A link's counters with -s (and -s -s), as ip -s link show prints them:
 * IFLA_STATS64 in ip's table of columns, or "stats64" {rx, tx} in JSON;
 * and what address families count (link afstats: RTM_GETSTATS).
 */
#include <net/if.h>
#include <linux/if_link.h>
#include <linux/mpls.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "link.h"
#include "nl.h"
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

/* ---- afstats: what each address family counts of a device ------------------ */

/* MPLS's counters as ip link afstats prints them: a table like -s's, indented
 * under "mpls:", RX with noroute, TX without; {rx, tx} in JSON. */
static void print_mpls(struct ctx *c, const struct nlattr *af)
{
	const struct nlattr *a;
	struct mpls_link_stats st = {0};
	const struct stat_fmt f = {.human = c->flags & CTX_HUMAN, .iec = c->flags & CTX_IEC};
	struct out *o = c->out;
	unsigned w[5] = {9, 7, 6, 7, 7}; /* "RX: bytes", then the headers */
	char num[32];

	mnl_attr_for_each_nested(a, af)
	{
		if (mnl_attr_get_type(a) != MPLS_STATS_LINK)
			continue;
		memcpy(&st, mnl_attr_get_payload(a),
		       mnl_attr_get_payload_len(a) < sizeof(st) ? mnl_attr_get_payload_len(a)
								: sizeof(st));
		const uint64_t rx[5] = {st.rx_bytes, st.rx_packets, st.rx_errors, st.rx_dropped,
					st.rx_noroute};
		const uint64_t tx[4] = {st.tx_bytes, st.tx_packets, st.tx_errors, st.tx_dropped};

		out_obj_open(o, "mpls");
		out_text(o, "    mpls:");
		out_nl(o);
		for (int i = 0; i < 5 && !f.human; i++) {
			if (digits(rx[i]) > w[i])
				w[i] = digits(rx[i]);
			if (i < 4 && digits(tx[i]) > w[i])
				w[i] = digits(tx[i]);
		}
		for (int dir = 0; dir < 2; dir++) {
			const uint64_t *v = dir ? tx : rx;
			int n = dir ? 4 : 5;
			static const char *const keys[] = {"bytes", "packets", "errors", "dropped",
							   "noroute"};

			out_obj_open(o, dir ? "tx" : "rx");
			out_text(o, "        %s %*s", dir ? "TX:" : "RX:", (int)w[0] - 4, keys[0]);
			for (int i = 1; i < n; i++)
				out_text(o, " %*s", (int)w[i], keys[i]);
			out_nl(o);
			out_text(o, "        ");
			for (int i = 0; i < n; i++) {
				out_u64(o, OUT_JSON, keys[i], "", v[i]);
				if (f.human)
					out_text(o, "%*s ", (int)w[i],
						 human_num(num, sizeof(num), v[i], f.iec));
				else
					out_text(o, "%*llu ", (int)w[i], (unsigned long long)v[i]);
			}
			if (!dir)
				out_nl(o);
			out_obj_close(o);
		}
		out_text(o, "\n");
		out_obj_close(o);
	}
}

struct afstats {
	struct ctx *c;
	int ifindex; /* 0: every device */
};

static int afstats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct afstats *s = data;
	const struct if_stats_msg *ifsm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a, *af;
	struct ctx *c = s->c;
	char name[IF_NAMESIZE];
	bool opened = false;

	if (nlh->nlmsg_type != RTM_NEWSTATS || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifsm))
		return MNL_CB_OK;
	if (s->ifindex && (int)ifsm->ifindex != s->ifindex)
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(*ifsm))
	{
		if (mnl_attr_get_type(a) != IFLA_STATS_AF_SPEC)
			continue;
		mnl_attr_for_each_nested(af, a)
		{
			if (!opened) {
				out_obj_open(c->out, NULL);
				out_uint(c->out, OUT_ANY, "ifindex", "%u:", ifsm->ifindex);
				link_ref_name(c, (int)ifsm->ifindex, name, sizeof(name), NULL);
				out_str(c->out, OUT_ANY, "ifname", "%s", name);
				out_nl(c->out);
				opened = true;
			}
			if (mnl_attr_get_type(af) == AF_MPLS)
				print_mpls(c, af);
		}
	}
	if (opened)
		out_obj_close(c->out);
	return MNL_CB_OK;
}

int link_afstats(struct ctx *c, int ifindex)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETSTATS, 0);
	struct if_stats_msg *ifsm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifsm));
	struct afstats s = {c, ifindex};
	int rc;

	ifsm->family = AF_UNSPEC;
	ifsm->filter_mask = IFLA_STATS_FILTER_BIT(IFLA_STATS_AF_SPEC);
	out_list_open(c->out, NULL);
	rc = nl_dump(c, nlh, afstats_cb, &s);
	out_list_close(c->out);
	return rc;
}

/* ---- xstats: a kind's extended counters ----------------------------------- */

struct xstats {
	struct ctx *c;
	const struct link_kind *k;
	int attr; /* IFLA_STATS_LINK_XSTATS or its _SLAVE */
	int ifindex;
	bool igmp;
};

static int xstats_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct xstats *s = data;
	const struct if_stats_msg *ifsm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a, *x;
	char name[IF_NAMESIZE];

	if (nlh->nlmsg_type != RTM_NEWSTATS || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifsm))
		return MNL_CB_OK;
	if (s->ifindex && (int)ifsm->ifindex != s->ifindex)
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(*ifsm))
	{
		if (mnl_attr_get_type(a) != s->attr)
			continue;
		mnl_attr_for_each_nested(x, a)
		{
			if (mnl_attr_get_type(x) != s->k->xstats_type)
				continue;
			out_obj_open(s->c->out, NULL);
			link_ref_name(s->c, (int)ifsm->ifindex, name, sizeof(name), NULL);
			out_str(s->c->out, OUT_ANY, "ifname", "%-16s\n", name);
			s->k->xstats(s->c, x, s->igmp);
			out_obj_close(s->c->out);
		}
	}
	return MNL_CB_OK;
}

int link_xstats(struct ctx *c, const char *type, int ifindex, bool igmp)
{
	static const char port_suffix[] = "_slave";
	char kind[64];
	size_t n = strlen(type), ns = sizeof(port_suffix) - 1;
	bool port = n > ns && !strcmp(type + n - ns, port_suffix);
	struct xstats s = {.c = c, .ifindex = ifindex, .igmp = igmp};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct if_stats_msg *ifsm;
	int rc;

	snprintf(kind, sizeof(kind), "%.*s", (int)(port ? n - ns : n), type);
	s.k = link_kind_find(kind);
	if (!s.k) {
		if (ctx_iproute2(c))
			return err_iproute2(c, VN_EIP_USAGE,
					    "Error: argument \"%s\" is wrong: invalid type", type);
		return err_usage(c, "no kind \"%s\" (see: vnetctl link add type help)", kind);
	}
	if (!s.k->xstats) {
		if (ctx_iproute2(c))
			return err_iproute2(c, VN_EIP_FAIL,
					    "xstats: link type %s doesn't support xstats", type);
		return err_usage(c, "%s keeps no extended counters", kind);
	}
	s.attr = port ? IFLA_STATS_LINK_XSTATS_SLAVE : IFLA_STATS_LINK_XSTATS;
	nlh = nl_msg(buf, RTM_GETSTATS, 0);
	ifsm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifsm));
	ifsm->family = AF_UNSPEC;
	ifsm->filter_mask = IFLA_STATS_FILTER_BIT(s.attr);
	out_list_open(c->out, NULL);
	rc = nl_dump(c, nlh, xstats_cb, &s);
	out_list_close(c->out);
	return rc;
}
