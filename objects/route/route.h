/* SPDX-License-Identifier: GPL-2.0-or-later */
/* route: what the verbs (route.c) and the printer (routeshow.c) share. */
#ifndef VNETCTL_ROUTE_H
#define VNETCTL_ROUTE_H

#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "ifnames.h"

/* A parsed RTM_NEWROUTE message. */
struct route_msg {
	const struct rtmsg *rtm;
	const struct nlattr *tb[RTA_MAX + 1];
	uint32_t table;
};

void route_msg_parse(const struct nlmsghdr *nlh, struct route_msg *m);

/* How a route is printed: the tables listed (a route's table is named when
 * more than one is). */
struct route_print {
	struct ctx *c;
	const struct ifnames *names;
	bool all_tables;
	/* what a listing's selectors make the same on every line, left out as
	 * ip leaves it out */
	unsigned hide;
};

#define ROUTE_HIDE_DEV	  0x01
#define ROUTE_HIDE_VIA	  0x02
#define ROUTE_HIDE_PROTO  0x04
#define ROUTE_HIDE_SCOPE  0x08
#define ROUTE_HIDE_TOS	  0x10
#define ROUTE_HIDE_SRC	  0x20
#define ROUTE_HIDE_FLOW	  0x40
#define ROUTE_HIDE_METRIC 0x80

/* One route, a line of text (more for multipath) or one JSON object. */
void route_print(const struct route_print *p, const struct route_msg *m);

size_t route_addr_len(int family);

/* One lookup, as `route get` asks the kernel (RTM_GETROUTE): dst, and the
 * source, the device a forwarded packet came in by, the device it must
 * leave by and its mark when set (src NULL, iif/oif 0, has_mark false:
 * not). */
struct route_query {
	int family;
	const uint8_t *dst, *src;
	int iif, oif;
	bool has_mark, has_tos, fibmatch;
	uint32_t mark;
	uint8_t tos;
	/* the packet's socket owner, IP protocol and ports (has_*: given) */
	bool has_uid, has_ipproto;
	uint32_t uid;
	uint8_t ipproto;
	uint16_t sport, dport; /* 0: none */
};

/* The request for q, built in buf (NL_BUFSZ). */
struct nlmsghdr *route_query_msg(char *buf, const struct route_query *q);

/* show, flush and get (routelist.c): their words. */
enum {
	RS_TABLE,
	RS_EXACT,
	RS_ROOT,
	RS_MATCH,
	RS_DEV,
	RS_VIA,
	RS_PROTO,
	RS_SCOPE,
	RS_TYPE,
	RS_TOS,
	RS_VRF,
	RS_SRC,
	RS_FROM,
	RS_REALM,
	RS_METRIC,
	RS_CACHED,
	RS_NARGS
};
enum {
	RG_DST,
	RG_FROM,
	RG_IIF,
	RG_OIF,
	RG_MARK,
	RG_TOS,
	RG_FIBMATCH,
	RG_VRF,
	RG_UID,
	RG_IPPROTO,
	RG_SPORT,
	RG_DPORT,
	RG_NARGS
};
extern const struct arg route_show_args[RS_NARGS];
/* the metric's spellings past metric and preference: ip's "priority" */
extern const char *const route_metric_aliases[];
extern const struct arg route_get_args[RG_NARGS];
int route_show(struct ctx *c, const struct val *v);
int route_flush(struct ctx *c, const struct val *v);
int route_save(struct ctx *c, const struct val *v);
int route_get(struct ctx *c, const struct val *v);

/* The table of the vrf device named ("route show lo: not a vrf device"). */
int route_vrf_table(struct ctx *c, const char *name, uint32_t *table);

/* The table, the device and the vrf mean the same to every verb. */
#define ARG_TABLE_ENTRY(w, vals, h)                                                                \
	{                                                                                          \
		.kw = "table", .kind = ARG_U32, .words = (w), .values = (vals), .min = 1,          \
		.max = UINT32_MAX, .metavar = "TABLE", .help = (h)                                 \
	}
#define ARG_DEV_ENTRY(h)                                                                           \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .metavar = "NAME", .help = (h)                    \
	}
#define ARG_VRF_ENTRY(excl, h)                                                                     \
	{                                                                                          \
		.kw = "vrf", .kind = ARG_IFNAME, .metavar = "NAME", .live_kind = "vrf",            \
		.excludes = (excl) + 1, .help = (h)                                                \
	}

static inline const char *route_family_word(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

#endif
