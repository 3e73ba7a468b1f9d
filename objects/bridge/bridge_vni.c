// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bridge vni: the VNIs a vxlan device in external mode with vnifilter on
 * carries (one device for many VNIs, each with its own group or remote
 * end), with bridge(8)'s grammar and output:
 *
 *	bridge vni [show] [dev DEV]
 *	bridge vni add|del dev DEV vni VNI[-VNI] [group ADDR | remote ADDR]
 *
 * The kernel keeps them per device, read and changed through messages of
 * their own: a struct tunnel_msg of family AF_BRIDGE (its ifindex the
 * device), then VXLAN_VNIFILTER_ENTRY nests { START, [END], [GROUP or
 * GROUP6], [STATS] }.  show is one RTM_GETTUNNEL dump (the kernel filters
 * by the ifindex, and adds each VNI's counters when asked,
 * TUNNEL_MSG_FLAG_STATS: -s), add and del are RTM_NEWTUNNEL and
 * RTM_DELTUNNEL with one entry.  Each command is a keyword whose words are
 * the rest of the line, as fdb's.  bridge(8) also takes a comma-separated
 * list of VNIs; here one VNI or one range.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <errno.h>
#include <string.h>

#include "args.h"
#include "bridge.h"
#include "core.h"
#include "link.h"
#include "nl.h"
#include "out.h"

/* ---- the words ------------------------------------------------------------ */

#define VNI_DEV_ENTRY(f, h)                                                                        \
	{                                                                                          \
		.kw = br_dev_word, .kind = ARG_IFNAME, .flags = ARGF_IP_EXACT | (f),               \
		.metavar = "DEV", .live_kind = "vxlan", .ip_order = 1, .help = (h)                 \
	}

enum { NS_DEV, NS_NARGS };

static const struct arg show_words[NS_NARGS] = {
    [NS_DEV] =
	VNI_DEV_ENTRY(ARGF_POSITIONAL, "only this vxlan's VNIs (the keyword may be left out)"),
};

enum { NC_DEV, NC_VNI, NC_GROUP, NC_REMOTE, NC_NARGS };

static const struct arg change_words[NC_NARGS] = {
    [NC_DEV] = VNI_DEV_ENTRY(0, "the vxlan device (external, vnifilter on)"),
    [NC_VNI] = {.kw = "vni",
		.kind = ARG_SPAN,
		.flags = ARGF_IP_EXACT,
		.max = (1u << 24) - 1,
		.metavar = "VNI[-VNI]",
		.ip_order = 2,
		.help = "the VNI, 0..16777215, or a range of them"},
    [NC_GROUP] = {.kw = "group",
		  .kind = ARG_ADDR,
		  .flags = ARGF_IP_EXACT,
		  .metavar = "ADDR",
		  .excludes = NC_REMOTE + 1,
		  .ip_order = 3,
		  .help = "the multicast group the VNI's traffic is flooded to"},
    [NC_REMOTE] = {.kw = "remote",
		   .kind = ARG_ADDR,
		   .flags = ARGF_IP_EXACT,
		   .metavar = "ADDR",
		   .ip_order = 4,
		   .help = "the one remote end the VNI's traffic is flooded to"},
};

#define CMD_ENTRY(k, al, tbl, n, order, h)                                                         \
	{                                                                                          \
		.kw = (k), .alias = (al), .kind = ARG_NEST,                                        \
		.flags = ARGF_NEST_EMPTY | ARGF_IP_EXACT, .sub = (tbl), .nsub = (n),               \
		.metavar = "...", .ip_order = (order), .help = (h)                                 \
	}

/* In bridge(8)'s order; it takes each only spelled whole. */
const struct arg vni_args[N_NARGS] = {
    [N_ADD] = CMD_ENTRY("add", NULL, change_words, NC_NARGS, 1, "add VNIs to a vxlan device"),
    [N_DEL] = CMD_ENTRY("del", "delete", change_words, NC_NARGS, 2, "delete them"),
    [N_SHOW] =
	CMD_ENTRY("show", "list", show_words, NS_NARGS, 3, "list each vxlan's VNIs (the default)"),
    [N_LST] =
	CMD_ENTRY("lst", NULL, show_words, NS_NARGS, 4, "the same as show, as bridge(8) spells it"),
};

/* ---- show ------------------------------------------------------------------ */

struct vni_walk {
	struct ctx *c;
	int only; /* the device shown alone, 0 for every one */
};

static bool attr_u32(const struct nlattr *a, uint32_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < 4)
		return false;
	*v = mnl_attr_get_u32(a);
	return true;
}

/* " group 239.1.1.1" or " remote 10.0.0.2", as the address is multicast or
 * not; an address of zeros is none. */
static void print_group(struct out *o, const struct nlattr **tb)
{
	static const uint8_t zero[16];
	const struct nlattr *a = tb[VXLAN_VNIFILTER_ENTRY_GROUP];
	char buf[INET6_ADDRSTRLEN];
	const uint8_t *p;
	int family = AF_INET;
	bool multicast;

	if (a && mnl_attr_get_payload_len(a) == 4) {
		p = mnl_attr_get_payload(a);
		multicast = (p[0] & 0xf0) == 0xe0;
	} else if ((a = tb[VXLAN_VNIFILTER_ENTRY_GROUP6]) && mnl_attr_get_payload_len(a) == 16) {
		p = mnl_attr_get_payload(a);
		family = AF_INET6;
		multicast = p[0] == 0xff;
	} else {
		return;
	}
	if (!memcmp(p, zero, family == AF_INET ? 4 : 16))
		return;
	format_addr(family, p, buf, sizeof(buf));
	out_str(o, OUT_ANY, multicast ? "group" : "remote", " %s", buf);
}

/* -s: each VNI's counters, on two lines of their own. */
static void print_stats(struct out *o, const struct nlattr *nest)
{
	static const struct {
		uint16_t type;
		const char *key, *fmt;
	} counters[] = {
	    {VNIFILTER_ENTRY_STATS_RX_BYTES, "rx_bytes", "bytes %llu "},
	    {VNIFILTER_ENTRY_STATS_RX_PKTS, "rx_pkts", "pkts %llu "},
	    {VNIFILTER_ENTRY_STATS_RX_DROPS, "rx_drops", "drops %llu "},
	    {VNIFILTER_ENTRY_STATS_RX_ERRORS, "rx_errors", "errors %llu "},
	    {VNIFILTER_ENTRY_STATS_TX_BYTES, "tx_bytes", "bytes %llu "},
	    {VNIFILTER_ENTRY_STATS_TX_PKTS, "tx_pkts", "pkts %llu "},
	    {VNIFILTER_ENTRY_STATS_TX_DROPS, "tx_drops", "drops %llu "},
	    {VNIFILTER_ENTRY_STATS_TX_ERRORS, "tx_errors", "errors %llu "},
	};
	const struct nlattr *tb[VNIFILTER_ENTRY_STATS_MAX + 1] = {0};

	nl_parse_nested(nest, tb, VNIFILTER_ENTRY_STATS_MAX);
	out_obj_open(o, "stats");
	for (size_t i = 0; i < ARRAY_SIZE(counters); i++) {
		const struct nlattr *a = tb[counters[i].type];
		if (i % 4 == 0) {
			out_text(o, "\n%-16s   ", "");
			out_text(o, "%s", i ? "TX: " : "RX: ");
		}
		if (a && mnl_attr_get_payload_len(a) >= 8)
			out_u64(o, OUT_ANY, counters[i].key, counters[i].fmt, mnl_attr_get_u64(a));
	}
	out_obj_close(o);
}

/* ` 100           ` or ` 200-210        ` and its group or remote end. */
static void print_vni(struct out *o, const struct nlattr *entry)
{
	const struct nlattr *tb[VXLAN_VNIFILTER_ENTRY_MAX + 1] = {0};
	uint32_t start = 0, end = 0;

	nl_parse_nested(entry, tb, VXLAN_VNIFILTER_ENTRY_MAX);
	attr_u32(tb[VXLAN_VNIFILTER_ENTRY_START], &start);
	attr_u32(tb[VXLAN_VNIFILTER_ENTRY_END], &end);
	if (end) {
		out_uint(o, OUT_ANY, "vni", " %u", start);
		out_uint(o, OUT_ANY, "vniEnd", "-%-14u ", end);
	} else {
		out_uint(o, OUT_ANY, "vni", " %-14u", start);
	}
	print_group(o, tb);
	if (tb[VXLAN_VNIFILTER_ENTRY_STATS])
		print_stats(o, tb[VXLAN_VNIFILTER_ENTRY_STATS]);
}

/*
 * dev               vni              group/remote
 * vx0                100
 *                    300            10.0.0.2
 *
 * A device's VNIs, then a blank line.
 */
static int vni_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vni_walk *w = data;
	const struct tunnel_msg *tm = mnl_nlmsg_get_payload(nlh);
	struct out *o = w->c->out;
	const struct nlattr *a;
	char name[IFNAMSIZ + 16];
	bool opened = false;
	unsigned flags;

	if (nlh->nlmsg_type != RTM_NEWTUNNEL || mnl_nlmsg_get_payload_len(nlh) < sizeof(*tm) ||
	    tm->family != AF_BRIDGE || (w->only && (int)tm->ifindex != w->only))
		return MNL_CB_OK;
	mnl_attr_for_each(a, nlh, sizeof(*tm))
	{
		if ((mnl_attr_get_type(a) & NLA_TYPE_MASK) != VXLAN_VNIFILTER_ENTRY)
			continue;
		if (!opened) {
			link_ref_name(w->c, (int)tm->ifindex, name, sizeof(name), &flags);
			out_obj_open(o, NULL);
			out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%-16s  ", name);
			out_list_open(o, "vnis");
			opened = true;
		} else {
			out_text(o, "%-16s  ", "");
		}
		out_obj_open(o, NULL);
		print_vni(o, a);
		out_obj_close(o);
		out_nl(o);
	}
	if (opened) {
		out_list_close(o);
		out_obj_close(o);
		out_nl(o);
	}
	return MNL_CB_OK;
}

static int vni_show(struct ctx *c, const struct val *w)
{
	struct vni_walk walk = {.c = c};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct tunnel_msg *tm;
	int rc;

	if (w[NS_DEV].set) {
		c->subject = w[NS_DEV].str;
		walk.only = link_index(c, w[NS_DEV].str);
		if (walk.only == -ENODEV && ctx_iproute2(c)) {
			c->reason[0] = '\0';
			return err_iproute2(c, VN_EIP_USAGE, "Cannot find device \"%s\"",
					    w[NS_DEV].str);
		}
		if (walk.only < 0)
			return walk.only;
	}
	nlh = nl_msg(buf, RTM_GETTUNNEL, 0);
	tm = mnl_nlmsg_put_extra_header(nlh, sizeof(*tm));
	tm->family = AF_BRIDGE;
	tm->ifindex = (uint32_t)walk.only;
	if (ctx_stats(c))
		tm->flags = TUNNEL_MSG_FLAG_STATS;
	out_list_open(c->out, NULL);
	out_text(c->out, "%-16s  %-15s  %-15s\n", "dev", "vni", "group/remote");
	rc = nl_dump(c, nlh, vni_cb, &walk);
	out_list_close(c->out);
	return rc;
}

/* ---- add, del ---------------------------------------------------------------- */

static int vni_change(struct ctx *c, bool add, const struct val *w)
{
	const struct inet_prefix *g = w[NC_GROUP].set ? &w[NC_GROUP].ip : &w[NC_REMOTE].ip;
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct tunnel_msg *tm;
	struct nlattr *nest;
	bool multicast;
	int dev;

	c->subject = w[NC_DEV].str;
	if (!w[NC_DEV].set || !w[NC_VNI].set) {
		if (ctx_iproute2(c))
			return err_iproute2(c, VN_EIP_USAGE, "%s",
					    "Device and VNI ID are required arguments.");
		return err_usage(c, "missing %s",
				 change_words[!w[NC_DEV].set ? NC_DEV : NC_VNI].kw);
	}
	multicast = g->family == AF_INET ? (g->bytes[0] & 0xf0) == 0xe0 : g->bytes[0] == 0xff;
	if (w[NC_GROUP].set && !multicast)
		return ctx_iproute2(c)
			   ? err_iproute2(c, VN_EIP_USAGE, "Error: argument \"%s\" is wrong: %s",
					  w[NC_GROUP].str, "invalid group address")
			   : err_usage(c, "%s %s is no multicast address (a unicast end: %s)",
				       change_words[NC_GROUP].kw, w[NC_GROUP].str,
				       change_words[NC_REMOTE].kw);
	if ((dev = link_index(c, w[NC_DEV].str)) == -ENODEV && ctx_iproute2(c)) {
		c->reason[0] = '\0';
		return err_iproute2(c, VN_EIP_USAGE, "Cannot find vxlan device \"%s\"",
				    w[NC_DEV].str);
	}
	if (dev < 0)
		return dev;
	nlh = nl_msg(buf, add ? RTM_NEWTUNNEL : RTM_DELTUNNEL, 0);
	tm = mnl_nlmsg_put_extra_header(nlh, sizeof(*tm));
	tm->family = AF_BRIDGE;
	tm->ifindex = (uint32_t)dev;
	nest = mnl_attr_nest_start(nlh, VXLAN_VNIFILTER_ENTRY);
	mnl_attr_put_u32(nlh, VXLAN_VNIFILTER_ENTRY_START, w[NC_VNI].u);
	if (w[NC_VNI].hi != w[NC_VNI].u)
		mnl_attr_put_u32(nlh, VXLAN_VNIFILTER_ENTRY_END, w[NC_VNI].hi);
	if (w[NC_GROUP].set || w[NC_REMOTE].set)
		mnl_attr_put(nlh,
			     g->family == AF_INET ? VXLAN_VNIFILTER_ENTRY_GROUP
						  : VXLAN_VNIFILTER_ENTRY_GROUP6,
			     g->family == AF_INET ? 4 : 16, g->bytes);
	mnl_attr_nest_end(nlh, nest);
	c->req_dev = w[NC_DEV].str;
	dev = nl_request(c, nlh, NULL, NULL);
	c->req_dev = NULL;
	return dev;
}

/* ---- the verb --------------------------------------------------------------------- */

int bridge_vni(struct ctx *c, const struct val *v)
{
	struct val w[NC_NARGS] = {0};
	int cmd = N_SHOW, rc;

	_Static_assert((int)NC_NARGS >= (int)NS_NARGS, "w holds show's words too");
	for (int i = 0; i < N_NARGS; i++)
		if (v[i].set)
			cmd = i;
	if (v[cmd].set && v[cmd].nrest && (rc = parse_group(c, &vni_args[cmd], &v[cmd], w)) < 0)
		return rc;
	if (cmd == N_SHOW || cmd == N_LST)
		return vni_show(c, w);
	return vni_change(c, cmd == N_ADD, w);
}
