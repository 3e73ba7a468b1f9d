// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bridge mdb: the multicast groups a bridge forwards to each port, and its
 * multicast router ports, with bridge(8)'s grammar and output:
 *
 *	bridge mdb [show] [dev BRIDGE]
 *	bridge mdb add|del dev BRIDGE port PORT grp GROUP [src SOURCE]
 *		[permanent|temp] [vid VID]
 *
 * show is one RTM_GETMDB dump of family AF_BRIDGE: a message a bridge, its
 * MDBA_MDB entries (a struct br_mdb_entry and its MDBA_MDB_EATTR_*) and its
 * MDBA_ROUTER ports.  bridge(8) prints every entry first and the router
 * ports after (-d), in JSON one object: "mdb" and "router"; so the routers
 * are kept until the dump ends.  add and del are RTM_NEWMDB and RTM_DELMDB
 * with the entry in MDBA_SET_ENTRY and its source in MDBA_SET_ENTRY_ATTRS.
 * Each command is a keyword whose words are the rest of the line, as fdb's.
 * A group is an IP address, or a MAC address (an L2 group: proto 0).
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/rtnetlink.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "bridge.h"
#include "core.h"
#include "link.h"
#include "nl.h"
#include "out.h"
#include "rtnames.h"

/* ---- the words ------------------------------------------------------------ */

#define MDB_DEV_ENTRY(h)                                                                           \
	{                                                                                          \
		.kw = br_dev_word, .kind = ARG_IFNAME, .metavar = "BRIDGE",                        \
		.live_kind = bridge_kind, .help = (h)                                              \
	}

enum { MS_DEV, MS_NARGS };

static const struct arg show_words[MS_NARGS] = {
    [MS_DEV] = MDB_DEV_ENTRY("only this bridge's groups and router ports"),
};

enum { MC_DEV, MC_PORT, MC_GRP, MC_SRC, MC_PERMANENT, MC_TEMP, MC_VID, MC_NARGS };

static const struct arg change_words[MC_NARGS] = {
    [MC_DEV] = MDB_DEV_ENTRY("the bridge"),
    [MC_PORT] = {.kw = "port",
		 .kind = ARG_IFNAME,
		 .metavar = "PORT",
		 .help = "the port the group is forwarded to (the bridge itself: its host)"},
    [MC_GRP] = {.kw = "grp",
		.kind = ARG_ADDR,
		.flags = ARGF_OR_MAC,
		.metavar = "GROUP",
		.help = "the multicast group, IPv4, IPv6 or a MAC address (an L2 group)"},
    [MC_SRC] = {.kw = "src",
		.kind = ARG_ADDR,
		.metavar = "SOURCE",
		.help = "only the group's traffic from this source (IGMPv3, MLDv2)"},
    [MC_PERMANENT] = {.kw = "permanent",
		      .kind = ARG_FLAG,
		      .excludes = MC_TEMP + 1,
		      .help = "kept until deleted"},
    [MC_TEMP] = {.kw = "temp", .kind = ARG_FLAG, .help = "ages out (the default)"},
    [MC_VID] = {.kw = "vid",
		.kind = ARG_U32,
		.min = 1,
		.max = 4094,
		.metavar = "VID",
		.help = "the VLAN the group is of"},
};

#define CMD_ENTRY(k, al, tbl, n, order, h)                                                         \
	{                                                                                          \
		.kw = (k), .alias = (al), .kind = ARG_NEST, .flags = ARGF_NEST_EMPTY,              \
		.sub = (tbl), .nsub = (n), .metavar = "...", .ip_order = (order), .help = (h)      \
	}

/* In bridge(8)'s order. */
const struct arg mdb_args[M_NARGS] = {
    [M_ADD] = CMD_ENTRY("add", NULL, change_words, MC_NARGS, 1, "forward a group to a port"),
    [M_DEL] = CMD_ENTRY("del", "delete", change_words, MC_NARGS, 2, "stop forwarding it"),
    [M_SHOW] = CMD_ENTRY("show", "list", show_words, MS_NARGS, 3,
			 "list the groups and router ports (the default)"),
};

/* ---- show ------------------------------------------------------------------ */

static const struct {
	uint8_t flag;
	const char *word;
} mdb_flags[] = {
    {MDB_FLAGS_OFFLOAD, "offload"},
    {MDB_FLAGS_FAST_LEAVE, "fast_leave"},
    {MDB_FLAGS_STAR_EXCL, "added_by_star_ex"},
    {MDB_FLAGS_BLOCKED, "blocked"},
};

/* MDB_RTR_TYPE_*, as bridge(8) names them. */
static const char *const router_types[] = {"disabled", "temp_query", "permanent", "temp"};

struct mdb_router {
	int bridge, port;
	uint64_t timer;
	bool has_timer;
	uint32_t type;
	bool has_type;
};

struct mdb_walk {
	struct ctx *c;
	int only; /* a bridge's index, 0 for every bridge */
	struct mdb_router *routers;
	size_t nrouters, cap;
};

static void name_of(struct ctx *c, int index, char *buf, size_t sz)
{
	unsigned flags;

	link_ref_name(c, index, buf, sz, &flags);
}

/* The attributes that follow a struct of skip bytes in a payload of len. */
static void attrs_after(const void *payload, size_t len, size_t skip, const struct nlattr **tb,
			uint16_t max)
{
	const struct nlattr *a = (const void *)((const char *)payload + MNL_ALIGN(skip));
	int rest = (int)len - (int)MNL_ALIGN(skip);

	while (rest > 0 && mnl_attr_ok(a, rest)) {
		if (mnl_attr_get_type(a) <= max)
			tb[mnl_attr_get_type(a)] = a;
		rest -= (int)MNL_ALIGN(a->nla_len);
		a = mnl_attr_next(a);
	}
}

/* " 259.95": clock_t hundredths, as bridge(8) prints a timer (%4d.%02d). */
static void format_timer(uint64_t t, char *buf, size_t sz)
{
	snprintf(buf, sz, "%4llu.%02llu", (unsigned long long)(t / 100),
		 (unsigned long long)(t % 100));
}

static void print_addr(struct out *o, const char *key, const char *fmt, const struct nlattr *a)
{
	char buf[INET6_ADDRSTRLEN];
	size_t len = mnl_attr_get_payload_len(a);

	if (len != 4 && len != 16)
		return;
	format_addr(len == 4 ? AF_INET : AF_INET6, mnl_attr_get_payload(a), buf, sizeof(buf));
	out_str(o, OUT_TEXT, NULL, fmt, "");
	out_str(o, OUT_ANY, key, "%s", buf);
}

/* The group of an entry: IPv4, IPv6, or a MAC (proto 0). */
static void format_group(const struct br_mdb_entry *e, char *buf, size_t sz)
{
	if (e->addr.proto == htons(ETH_P_IP))
		format_addr(AF_INET, &e->addr.u.ip4, buf, sz);
	else if (e->addr.proto == htons(ETH_P_IPV6))
		format_addr(AF_INET6, &e->addr.u.ip6, buf, sz);
	else
		format_mac(e->addr.u.mac_addr, ETH_ALEN, buf, sz);
}

/* `dev br0 port p0 grp 239.1.1.1 [src S] permanent [proto static ] [vid 5] [  0.00]` */
static void print_entry(struct mdb_walk *w, int bridge, const struct nlattr *info)
{
	struct ctx *c = w->c;
	struct out *o = c->out;
	const struct br_mdb_entry *e = mnl_attr_get_payload(info);
	const struct nlattr *tb[MDBA_MDB_EATTR_MAX + 1] = {0};
	char name[IFNAMSIZ + 16], grp[INET6_ADDRSTRLEN + 8], timer[32], proto[32];

	attrs_after(e, mnl_attr_get_payload_len(info), sizeof(*e), tb, MDBA_MDB_EATTR_MAX);
	out_obj_open(o, NULL);
	out_uint(o, OUT_JSON, "index", "", (unsigned)bridge);
	name_of(c, bridge, name, sizeof(name));
	out_str(o, OUT_TEXT, NULL, "%s", "dev ");
	out_strc(o, OUT_ANY, COL_IFNAME, "dev", "%s", name);
	name_of(c, (int)e->ifindex, name, sizeof(name));
	out_str(o, OUT_TEXT, NULL, "%s", " port ");
	out_strc(o, OUT_ANY, COL_IFNAME, "port", "%s", name);
	format_group(e, grp, sizeof(grp));
	out_str(o, OUT_ANY, "grp", " grp %s", grp);
	if (tb[MDBA_MDB_EATTR_SOURCE])
		print_addr(o, "src", " src ", tb[MDBA_MDB_EATTR_SOURCE]);
	out_str(o, OUT_ANY, "state", " %s", e->state == MDB_PERMANENT ? "permanent" : "temp");
	if (ctx_details(c) && tb[MDBA_MDB_EATTR_GROUP_MODE] &&
	    mnl_attr_get_payload_len(tb[MDBA_MDB_EATTR_GROUP_MODE]) >= 1)
		out_str(o, OUT_ANY, "filter_mode", " filter_mode %s",
			mnl_attr_get_u8(tb[MDBA_MDB_EATTR_GROUP_MODE]) ? "exclude" : "include");
	if (ctx_details(c) && tb[MDBA_MDB_EATTR_RTPROT] &&
	    mnl_attr_get_payload_len(tb[MDBA_MDB_EATTR_RTPROT]) >= 1)
		out_str(o, OUT_ANY, "protocol", " proto %s ",
			rt_proto_word(c, mnl_attr_get_u8(tb[MDBA_MDB_EATTR_RTPROT]), proto,
				      sizeof(proto)));
	out_list_open(o, "flags");
	for (size_t i = 0; i < ARRAY_SIZE(mdb_flags); i++)
		if (e->flags & mdb_flags[i].flag)
			out_str(o, OUT_ANY, NULL, " %s", mdb_flags[i].word);
	out_list_close(o);
	if (e->vid)
		out_uint(o, OUT_ANY, "vid", " vid %u", e->vid);
	if (ctx_stats(c) && tb[MDBA_MDB_EATTR_TIMER] &&
	    mnl_attr_get_payload_len(tb[MDBA_MDB_EATTR_TIMER]) >= 4) {
		format_timer(mnl_attr_get_u32(tb[MDBA_MDB_EATTR_TIMER]), timer, sizeof(timer));
		out_str(o, OUT_ANY, "timer", " %s", timer);
	}
	out_nl(o);
	out_obj_close(o);
}

static void entries(struct mdb_walk *w, int bridge, const struct nlattr *mdb)
{
	const struct nlattr *entry, *info;

	mnl_attr_for_each_nested(entry, mdb)
	{
		if (mnl_attr_get_type(entry) != MDBA_MDB_ENTRY)
			continue;
		mnl_attr_for_each_nested(
		    info, entry) if (mnl_attr_get_type(info) == MDBA_MDB_ENTRY_INFO &&
				     mnl_attr_get_payload_len(info) >= sizeof(struct br_mdb_entry))
		    print_entry(w, bridge, info);
	}
}

/* A router port: its index, then its MDBA_ROUTER_PATTR_* (newer kernels). */
static int keep_router(struct mdb_walk *w, int bridge, const struct nlattr *port)
{
	const struct nlattr *tb[MDBA_ROUTER_PATTR_MAX + 1] = {0};
	struct mdb_router *r;

	if (mnl_attr_get_payload_len(port) < 4)
		return 0;
	if (w->nrouters == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 8;
		r = realloc(w->routers, cap * sizeof(*r));
		if (!r)
			return -ENOMEM;
		w->routers = r;
		w->cap = cap;
	}
	r = &w->routers[w->nrouters++];
	memset(r, 0, sizeof(*r));
	r->bridge = bridge;
	r->port = (int)mnl_attr_get_u32(port);
	attrs_after(mnl_attr_get_payload(port), mnl_attr_get_payload_len(port), 4, tb,
		    MDBA_ROUTER_PATTR_MAX);
	if (tb[MDBA_ROUTER_PATTR_TIMER] &&
	    mnl_attr_get_payload_len(tb[MDBA_ROUTER_PATTR_TIMER]) >= 4) {
		r->timer = mnl_attr_get_u32(tb[MDBA_ROUTER_PATTR_TIMER]);
		r->has_timer = true;
	}
	if (tb[MDBA_ROUTER_PATTR_TYPE] &&
	    mnl_attr_get_payload_len(tb[MDBA_ROUTER_PATTR_TYPE]) >= 1) {
		r->type = mnl_attr_get_u8(tb[MDBA_ROUTER_PATTR_TYPE]);
		r->has_type = true;
	}
	return 0;
}

static int mdb_cb(const struct nlmsghdr *nlh, void *data)
{
	struct mdb_walk *w = data;
	const struct br_port_msg *bpm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[MDBA_MAX + 1], *a;

	/* a dump's messages are of type RTM_GETMDB, a notification's RTM_NEWMDB */
	if ((nlh->nlmsg_type != RTM_GETMDB && nlh->nlmsg_type != RTM_NEWMDB) ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*bpm) ||
	    (w->only && (int)bpm->ifindex != w->only))
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(*bpm), tb, MDBA_MAX);
	if (tb[MDBA_MDB])
		entries(w, (int)bpm->ifindex, tb[MDBA_MDB]);
	if (tb[MDBA_ROUTER] && ctx_details(w->c))
		mnl_attr_for_each_nested(
		    a, tb[MDBA_ROUTER]) if (mnl_attr_get_type(a) == MDBA_ROUTER_PORT &&
					    keep_router(w, (int)bpm->ifindex, a) <
						0) return MNL_CB_ERROR;
	return MNL_CB_OK;
}

/* "router ports on br0: p0 " (-s: "p0    0.00 permanent"); JSON
 * "router": {"br0": [{"port": "p0", ...}]}. */
static void print_routers(struct mdb_walk *w)
{
	struct ctx *c = w->c;
	struct out *o = c->out;
	char name[IFNAMSIZ + 16], timer[32];

	out_obj_open(o, "router");
	for (size_t i = 0; i < w->nrouters; i++) {
		const struct mdb_router *r = &w->routers[i];
		bool first = i == 0 || w->routers[i - 1].bridge != r->bridge;
		bool last = i + 1 == w->nrouters || w->routers[i + 1].bridge != r->bridge;

		if (first) {
			name_of(c, r->bridge, name, sizeof(name));
			out_text(o, "router ports on ");
			out_strc(o, OUT_TEXT, COL_IFNAME, NULL, "%s: ", name);
			out_list_open(o, name);
		}
		out_obj_open(o, NULL);
		name_of(c, r->port, name, sizeof(name));
		out_strc(o, OUT_ANY, COL_IFNAME, "port", ctx_stats(c) ? "%s" : "%s ", name);
		if (ctx_stats(c) && r->has_timer) {
			format_timer(r->timer, timer, sizeof(timer));
			out_str(o, OUT_ANY, "timer", " %s", timer);
		}
		if (ctx_stats(c) && r->has_type)
			out_str(o, OUT_ANY, "type", " %s",
				r->type < ARRAY_SIZE(router_types) ? router_types[r->type]
								   : "unknown");
		out_obj_close(o);
		if (last) {
			out_list_close(o);
			out_nl(o);
		}
	}
	out_obj_close(o);
}

static int mdb_show(struct ctx *c, const struct val *w)
{
	struct mdb_walk walk = {.c = c};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETMDB, 0);
	struct br_port_msg *bpm = mnl_nlmsg_put_extra_header(nlh, sizeof(*bpm));
	int rc = 0;

	if (w[MS_DEV].set) {
		c->subject = w[MS_DEV].str;
		if ((walk.only = link_index(c, w[MS_DEV].str)) < 0)
			return walk.only;
	}
	bpm->family = AF_BRIDGE;
	out_list_open(c->out, NULL);
	out_obj_open(c->out, NULL);
	out_list_open(c->out, "mdb");
	rc = nl_dump(c, nlh, mdb_cb, &walk);
	out_list_close(c->out);
	if (rc == 0)
		print_routers(&walk);
	out_obj_close(c->out);
	out_list_close(c->out);
	free(walk.routers);
	return rc;
}

/* ---- add, del ---------------------------------------------------------------- */

static int mdb_change(struct ctx *c, bool add, const struct val *w)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct br_port_msg *bpm;
	struct br_mdb_entry e = {0};
	const struct inet_prefix *g = &w[MC_GRP].ip;
	int br, port;

	c->subject = w[MC_DEV].str;
	if (!w[MC_DEV].set || !w[MC_PORT].set || !w[MC_GRP].set) {
		if (ctx_iproute2(c))
			return err_iproute2(c, VN_EIP_USAGE, "%s",
					    "Device, group address and port name are required "
					    "arguments.");
		return err_usage(c, "missing %s",
				 !w[MC_DEV].set	   ? change_words[MC_DEV].kw
				 : !w[MC_PORT].set ? change_words[MC_PORT].kw
						   : change_words[MC_GRP].kw);
	}
	if ((br = link_index(c, w[MC_DEV].str)) < 0 || (port = link_index(c, w[MC_PORT].str)) < 0)
		return br < 0 ? br : port;
	e.ifindex = (uint32_t)port;
	e.state = w[MC_PERMANENT].set ? MDB_PERMANENT : MDB_TEMPORARY;
	e.vid = w[MC_VID].set ? (uint16_t)w[MC_VID].u : 0;
	if (g->family == AF_PACKET) {
		e.addr.proto = 0; /* an L2 group: a MAC address */
		memcpy(e.addr.u.mac_addr, g->bytes, ETH_ALEN);
	} else if (g->family == AF_INET) {
		e.addr.proto = htons(ETH_P_IP);
		memcpy(&e.addr.u.ip4, g->bytes, 4);
	} else {
		e.addr.proto = htons(ETH_P_IPV6);
		memcpy(&e.addr.u.ip6, g->bytes, 16);
	}
	nlh = nl_msg(buf, add ? RTM_NEWMDB : RTM_DELMDB, add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	bpm = mnl_nlmsg_put_extra_header(nlh, sizeof(*bpm));
	bpm->family = AF_BRIDGE;
	bpm->ifindex = (uint32_t)br;
	mnl_attr_put(nlh, MDBA_SET_ENTRY, sizeof(e), &e);
	if (w[MC_SRC].set) {
		struct nlattr *nest = mnl_attr_nest_start(nlh, MDBA_SET_ENTRY_ATTRS);
		mnl_attr_put(nlh, MDBE_ATTR_SOURCE, w[MC_SRC].ip.family == AF_INET ? 4 : 16,
			     w[MC_SRC].ip.bytes);
		mnl_attr_nest_end(nlh, nest);
	}
	return nl_request(c, nlh, NULL, NULL);
}

int bridge_mdb(struct ctx *c, const struct val *v)
{
	struct val w[(int)MC_NARGS > (int)MS_NARGS ? (int)MC_NARGS : (int)MS_NARGS] = {0};
	int cmd = M_SHOW, rc;

	for (int i = 0; i < M_NARGS; i++)
		if (v[i].set)
			cmd = i;
	if (v[cmd].set && v[cmd].nrest && (rc = parse_group(c, &mdb_args[cmd], &v[cmd], w)) < 0)
		return rc;
	return cmd == M_SHOW ? mdb_show(c, w) : mdb_change(c, cmd == M_ADD, w);
}
