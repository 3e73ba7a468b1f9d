// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bridge fdb: the forwarding databases of bridges and of the devices that
 * keep their own (a vxlan's remote ends, a port's own addresses), with
 * bridge(8)'s grammar:
 *
 *	bridge fdb [show] [br BRIDGE] [brport|dev PORT] [vlan VID] [state S] [dynamic]
 *	bridge fdb add|append|replace|del LLADDR dev DEV [dst IP] [vni N] ...
 *	bridge fdb flush dev DEV [brport PORT] [vlan VID] [self] [master] [[no]static] ...
 *
 * Each command is a keyword whose words are the rest of the line (ARG_NEST),
 * so that `fdb show BRIDGE` (vnetctl's: the bridge by name alone) and `fdb
 * add LLADDR` each have their own bare word.  An entry is a neighbour of
 * family AF_BRIDGE: RTM_NEWNEIGH adds (NLM_F_EXCL), appends (NLM_F_APPEND:
 * one more remote end of a vxlan's entry) or replaces it, RTM_DELNEIGH
 * deletes it, and with NLM_F_BULK deletes every entry its state and flags
 * select (flush).  show is one RTM_GETNEIGH dump the kernel filters by
 * NDA_MASTER (the bridge) and NDA_IFINDEX (the port); vlan and state are
 * filtered here.  Printed as bridge(8) prints it, text and -j.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_ether.h>
#include <linux/neighbour.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "bridge.h"
#include "core.h"
#include "link.h"
#include "nl.h"
#include "out.h"

#ifndef NTF_EXT_LOCKED /* linux/neighbour.h since 6.2 */
#define NTF_EXT_LOCKED (1 << 1)
#endif

/* ---- the words ------------------------------------------------------------ */

/* A word several commands take, written once. */
#define PORT_ENTRY(h)                                                                              \
	{                                                                                          \
		.kw = "brport", .alias = br_dev_word, .kind = ARG_IFNAME, .metavar = "PORT",       \
		.help = (h)                                                                        \
	}
#define VLAN_ENTRY(h)                                                                              \
	{                                                                                          \
		.kw = "vlan", .kind = ARG_U32, .max = 4095, .metavar = "VID", .help = (h)          \
	}
#define FLAG_ENTRY(k, h)                                                                           \
	{                                                                                          \
		.kw = (k), .kind = ARG_FLAG, .help = (h)                                           \
	}
#define SELF_ENTRY(h)	FLAG_ENTRY("self", h)
#define MASTER_ENTRY(h) FLAG_ENTRY("master", h)
static const char word_dynamic[] = "dynamic", word_static[] = "static",
		  word_permanent[] = "permanent", word_extern_learn[] = "extern_learn",
		  word_sticky[] = "sticky";

/* show's state words, and the NUD_* state each selects. */
static const char *const state_words[] = {word_permanent, word_static, word_dynamic, NULL};
static const uint32_t state_values[] = {NUD_PERMANENT, NUD_NOARP, NUD_REACHABLE};

enum { FS_BR, FS_BR_KW, FS_PORT, FS_VLAN, FS_STATE, FS_DYNAMIC, FS_NARGS };

static const struct arg show_words[FS_NARGS] = {
    [FS_BR] = {.kind = ARG_IFNAME,
	       .flags = ARGF_POSITIONAL,
	       .metavar = "BRIDGE",
	       .live_kind = bridge_kind,
	       .excludes = FS_BR_KW + 1,
	       .help = "only this bridge's entries and its ports' (default: every device's)"},
    [FS_BR_KW] = {.kw = "br",
		  .kind = ARG_IFNAME,
		  .metavar = "BRIDGE",
		  .live_kind = bridge_kind,
		  .ip_order = 2,
		  .help = "the same, as bridge(8) names it"},
    [FS_PORT] = PORT_ENTRY("only this device's entries"),
    [FS_VLAN] = VLAN_ENTRY("only the entries of this VLAN"),
    [FS_STATE] = {.kw = "state",
		  .kind = ARG_U32,
		  .words = state_words,
		  .values = state_values,
		  .max = UINT16_MAX,
		  .metavar = "STATE",
		  .help = "only the entries in this state: permanent, static, dynamic or a "
			  "NUD_* number"},
    [FS_DYNAMIC] = {.kw = word_dynamic,
		    .kind = ARG_FLAG,
		    .help = "leave out the permanent entries"},
};

enum {
	FA_LLADDR,
	FA_DEV,
	FA_LOCAL,
	FA_STATIC,
	FA_DYNAMIC,
	FA_SELF,
	FA_MASTER,
	FA_ROUTER,
	FA_USE,
	FA_EXTERN_LEARN,
	FA_STICKY,
	FA_DST,
	FA_VLAN,
	FA_PORT,
	FA_VNI,
	FA_VIA,
	FA_SRC_VNI,
	FA_NHID,
	FA_NARGS
};

static const int static_excludes[] = {FA_DYNAMIC + 1, 0};

static const struct arg change_words[FA_NARGS] = {
    [FA_LLADDR] = {.kind = ARG_MAC,
		   .flags = ARGF_POSITIONAL,
		   .metavar = "LLADDR",
		   .help = "the entry's Ethernet address"},
    [FA_DEV] = {.kw = br_dev_word,
		.kind = ARG_IFNAME,
		.metavar = "DEV",
		.help = "the device the entry is of: a bridge's port, or a device with its own "
			"table (self)"},
    [FA_LOCAL] = {.kw = "local",
		  .alias = word_permanent,
		  .kind = ARG_FLAG,
		  .excludes = FA_STATIC + 1,
		  .excludes_more = static_excludes,
		  .help = "the address is the device's own (the default)"},
    [FA_STATIC] = {.kw = word_static,
		   .kind = ARG_FLAG,
		   .excludes = FA_DYNAMIC + 1,
		   .help = "an address behind the port, kept until deleted"},
    [FA_DYNAMIC] = {.kw = word_dynamic,
		    .kind = ARG_FLAG,
		    .help = "an address behind the port that ages out as a learned one"},
    [FA_SELF] = SELF_ENTRY("in the device's own table (the default)"),
    [FA_MASTER] = MASTER_ENTRY("in the table of the device's bridge"),
    [FA_ROUTER] = FLAG_ENTRY("router", "the address is a router's (vxlan)"),
    [FA_USE] = FLAG_ENTRY("use", "mark the entry used, as traffic would"),
    [FA_EXTERN_LEARN] =
	FLAG_ENTRY(word_extern_learn, "learned outside the kernel: never aged by the bridge"),
    [FA_STICKY] = FLAG_ENTRY(word_sticky, "never moves to another port"),
    [FA_DST] = {.kw = "dst",
		.kind = ARG_ADDR,
		.metavar = "IPADDR",
		.help = "a vxlan's remote end for the address"},
    [FA_VLAN] = VLAN_ENTRY("the entry's VLAN"),
    [FA_PORT] = {.kw = "port",
		 .kind = ARG_U32,
		 .max = UINT16_MAX,
		 .metavar = "PORT",
		 .help = "the remote end's UDP port (vxlan)"},
    [FA_VNI] = {.kw = "vni",
		.kind = ARG_U32,
		.max = (1u << 24) - 1,
		.metavar = "VNI",
		.help = "the remote end's VXLAN network identifier"},
    [FA_VIA] = {.kw = "via",
		.kind = ARG_IFNAME,
		.metavar = "DEVICE",
		.help = "the device the remote end is reached through"},
    [FA_SRC_VNI] = {.kw = "src_vni",
		    .kind = ARG_U32,
		    .max = (1u << 24) - 1,
		    .metavar = "VNI",
		    .help = "the VNI the entry is for, on a vxlan that carries several"},
    [FA_NHID] = {.kw = "nhid",
		 .kind = ARG_U32,
		 .metavar = "NHID",
		 .help = "the remote ends are this nexthop group's"},
};

/* flush's selectors: each state and flag, or its absence ("no" before it). */
enum {
	FF_DEV,
	FF_PORT,
	FF_VLAN,
	FF_SELF,
	FF_MASTER,
	FF_PERMANENT,
	FF_NOPERMANENT,
	FF_STATIC,
	FF_NOSTATIC,
	FF_DYNAMIC,
	FF_NODYNAMIC,
	FF_ADDED_BY_USER,
	FF_NOADDED_BY_USER,
	FF_EXTERN_LEARN,
	FF_NOEXTERN_LEARN,
	FF_STICKY,
	FF_NOSTICKY,
	FF_OFFLOADED,
	FF_NOOFFLOADED,
	FF_NARGS
};

#define SELECT_PAIR(i, k, no, what)                                                                \
	[i] = {.kw = (k), .kind = ARG_FLAG, .excludes = (i) + 2, .help = "only the " what},        \
	[(i) + 1] = {.kw = (no), .kind = ARG_FLAG, .help = "only those not " what}

static const struct arg flush_words[FF_NARGS] = {
    [FF_DEV] = {.kw = br_dev_word,
		.kind = ARG_IFNAME,
		.metavar = "DEV",
		.help = "the bridge, or a device with its own table (self)"},
    [FF_PORT] = {.kw = "brport",
		 .kind = ARG_IFNAME,
		 .metavar = "PORT",
		 .help = "only the entries of this port of the bridge"},
    [FF_VLAN] = VLAN_ENTRY("only the entries of this VLAN"),
    [FF_SELF] = SELF_ENTRY("the device's own table"),
    [FF_MASTER] = MASTER_ENTRY("the table of the device's bridge"),
    SELECT_PAIR(FF_PERMANENT, word_permanent, "nopermanent", "permanent entries"),
    SELECT_PAIR(FF_STATIC, word_static, "nostatic", "static entries"),
    SELECT_PAIR(FF_DYNAMIC, word_dynamic, "nodynamic", "dynamic entries"),
    SELECT_PAIR(FF_ADDED_BY_USER, "added_by_user", "noadded_by_user", "entries added by hand"),
    SELECT_PAIR(FF_EXTERN_LEARN, word_extern_learn, "noextern_learn", "extern_learn entries"),
    SELECT_PAIR(FF_STICKY, word_sticky, "nosticky", "sticky entries"),
    SELECT_PAIR(FF_OFFLOADED, "offloaded", "nooffloaded", "offloaded entries"),
};

/* get's words: the entry's address and where to look it up, the bridge
 * (br) or a port (its bridge's table; self: the device's own). */
enum { FG_LLADDR, FG_BR, FG_PORT, FG_VNI, FG_SELF, FG_MASTER, FG_VLAN, FG_DYNAMIC, FG_NARGS };

static const struct arg get_words[FG_NARGS] = {
    [FG_LLADDR] = {.kind = ARG_MAC,
		   .flags = ARGF_POSITIONAL,
		   .metavar = "LLADDR",
		   .help = "the entry's Ethernet address"},
    [FG_BR] = {.kw = "br",
	       .kind = ARG_IFNAME,
	       .flags = ARGF_IP_EXACT,
	       .metavar = "BRIDGE",
	       .live_kind = bridge_kind,
	       .excludes = FG_PORT + 1,
	       .ip_order = 2,
	       .help = "look it up in this bridge's table"},
    [FG_PORT] = {.kw = "brport",
		 .alias = br_dev_word,
		 .kind = ARG_IFNAME,
		 .flags = ARGF_IP_EXACT,
		 .metavar = "PORT",
		 .ip_order = 1,
		 .help = "look it up in the table of this port's bridge (or its own: self)"},
    [FG_VNI] = {.kw = "vni",
		.kind = ARG_U32,
		.flags = ARGF_IP_EXACT,
		.max = (1u << 24) - 1,
		.metavar = "VNI",
		.ip_order = 3,
		.help = "the VXLAN network identifier of the entry (a vxlan's own table)"},
    [FG_SELF] = {.kw = "self",
		 .kind = ARG_FLAG,
		 .flags = ARGF_IP_EXACT,
		 .ip_order = 4,
		 .help = "the device's own table"},
    [FG_MASTER] = {.kw = "master",
		   .kind = ARG_FLAG,
		   .ip_order = 5,
		   .help = "the table of the device's bridge (the default)"},
    [FG_VLAN] = {.kw = "vlan",
		 .kind = ARG_U32,
		 .max = 4095,
		 .metavar = "VID",
		 .ip_order = 6,
		 .help = "the entry's VLAN"},
    [FG_DYNAMIC] = {.kw = word_dynamic,
		    .kind = ARG_FLAG,
		    .ip_order = 7,
		    .help = "print the entry only when it is not permanent"},
};

/* The commands, in bridge(8)'s order (its parser tries add first). */
#define CMD_ENTRY(k, al, tbl, n, order, h)                                                         \
	{                                                                                          \
		.kw = (k), .alias = (al), .kind = ARG_NEST, .flags = ARGF_NEST_EMPTY,              \
		.sub = (tbl), .nsub = (n), .metavar = "...", .ip_order = (order), .help = (h)      \
	}

const struct arg fdb_args[F_NARGS] = {
    [F_ADD] = CMD_ENTRY("add", NULL, change_words, FA_NARGS, 1, "add an entry"),
    [F_APPEND] =
	CMD_ENTRY("append", NULL, change_words, FA_NARGS, 2, "add a remote end to a vxlan's entry"),
    [F_REPLACE] = CMD_ENTRY("replace", NULL, change_words, FA_NARGS, 3,
			    "add an entry, or change it if it exists"),
    [F_DEL] = CMD_ENTRY("del", "delete", change_words, FA_NARGS, 4, "delete an entry"),
    [F_GET] =
	CMD_ENTRY("get", NULL, get_words, FG_NARGS, 5, "print one entry, as the kernel finds it"),
    [F_SHOW] = CMD_ENTRY("show", "list", show_words, FS_NARGS, 6, "list the entries (the default)"),
    [F_LST] =
	CMD_ENTRY("lst", NULL, show_words, FS_NARGS, 7, "the same as show, as bridge(8) spells it"),
    [F_FLUSH] =
	CMD_ENTRY("flush", NULL, flush_words, FF_NARGS, 8, "delete the entries the words select"),
};

/* ---- show ------------------------------------------------------------------ */

/* The flags of an entry, worded as bridge(8) words them. */
static const struct {
	uint8_t flag;
	const char *word;
} fdb_flags[] = {
    {NTF_SELF, "self"},		{NTF_ROUTER, "router"}, {NTF_EXT_LEARNED, word_extern_learn},
    {NTF_OFFLOADED, "offload"}, {NTF_MASTER, "master"}, {NTF_STICKY, word_sticky},
};

/* A state's word; a learned, live entry has none. */
static const struct {
	uint16_t state;
	const char *word;
} fdb_states[] = {
    {NUD_PERMANENT, word_permanent},
    {NUD_NOARP, word_static},
    {NUD_STALE, "stale"},
};

struct fdb_walk {
	struct ctx *c;
	const struct br_links *links;
	int port;	/* the port shown alone: its name is not printed */
	uint32_t vlan;	/* 0: every VLAN */
	uint32_t state; /* 0: every state */
	bool dynamic;	/* leave out the permanent entries */
	bool listed;	/* the JSON list is open */
};

static bool attr_u32(const struct nlattr *a, uint32_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < 4)
		return false;
	*v = mnl_attr_get_u32(a);
	return true;
}

static void print_ifname(struct out *o, const struct br_links *l, int index, const char *key,
			 const char *fmt)
{
	const struct br_link *k = br_link_by_index(l, index);
	char name[IFNAMSIZ + 8];

	snprintf(name, sizeof(name), "if%d", index);
	out_strc(o, OUT_ANY, COL_IFNAME, key, fmt, k ? k->name : name);
}

static void print_flags(struct out *o, const struct ndmsg *ndm, const struct nlattr *ext)
{
	uint32_t ext_flags = 0;

	attr_u32(ext, &ext_flags);
	out_list_open(o, "flags");
	for (size_t i = 0; i < ARRAY_SIZE(fdb_flags); i++)
		if (ndm->ndm_flags & fdb_flags[i].flag)
			out_str(o, OUT_ANY, NULL, " %s", fdb_flags[i].word);
	if (ext_flags & NTF_EXT_LOCKED)
		out_str(o, OUT_ANY, NULL, " %s", "locked");
	out_list_close(o);
}

/* bridge(8) ends the line with " STATE", a blank before an empty one too;
 * vnetctl's name leaves that blank out. */
static void print_state(struct ctx *c, uint16_t state)
{
	const char *word = "";

	for (size_t i = 0; i < ARRAY_SIZE(fdb_states) && !word[0]; i++)
		if (state & fdb_states[i].state)
			word = fdb_states[i].word;
	out_str(c->out, OUT_ANY, "state", word[0] || ctx_iproute2(c) ? " %s" : "%s", word);
}

/* " dst 10.0.0.1 port 4790 vni 7 via v1": a remote end of a vxlan's entry. */
static void print_remote(struct fdb_walk *w, const struct nlattr **tb)
{
	struct out *o = w->c->out;
	char addr[INET6_ADDRSTRLEN];
	uint32_t v;

	if (tb[NDA_DST] && (mnl_attr_get_payload_len(tb[NDA_DST]) == 4 ||
			    mnl_attr_get_payload_len(tb[NDA_DST]) == 16)) {
		int family = mnl_attr_get_payload_len(tb[NDA_DST]) == 4 ? AF_INET : AF_INET6;
		format_addr(family, mnl_attr_get_payload(tb[NDA_DST]), addr, sizeof(addr));
		out_strc(o, OUT_ANY, family == AF_INET ? COL_INET : COL_INET6, "dst", " dst %s",
			 addr);
	}
	if (tb[NDA_VLAN] && mnl_attr_get_payload_len(tb[NDA_VLAN]) >= 2)
		out_uint(o, OUT_ANY, "vlan", " vlan %u", mnl_attr_get_u16(tb[NDA_VLAN]));
	if (tb[NDA_PORT] && mnl_attr_get_payload_len(tb[NDA_PORT]) >= 2)
		out_uint(o, OUT_ANY, "port", " port %u", ntohs(mnl_attr_get_u16(tb[NDA_PORT])));
	if (attr_u32(tb[NDA_VNI], &v))
		out_uint(o, OUT_ANY, "vni", " vni %u", v);
	if (attr_u32(tb[NDA_SRC_VNI], &v))
		out_uint(o, OUT_ANY, "src_vni", " src_vni %u", v);
	if (attr_u32(tb[NDA_IFINDEX], &v))
		print_ifname(o, w->links, (int)v, "viaIf", " via %s");
	if (attr_u32(tb[NDA_NH_ID], &v))
		out_uint(o, OUT_ANY, "nhid", " nhid %u", v);
	if (attr_u32(tb[NDA_LINK_NETNSID], &v))
		out_int(o, OUT_ANY, "linkNetNsId", " link-netnsid %d", (int)v);
}

/* -s: " used 12/3", seconds since the entry was used and updated. */
static void print_times(struct ctx *c, const struct nlattr *a)
{
	const struct nda_cacheinfo *ci;

	if (!ctx_stats(c) || !a || mnl_attr_get_payload_len(a) < sizeof(*ci))
		return;
	ci = mnl_attr_get_payload(a);
	out_uint(c->out, OUT_ANY, "used", " used %u", ci->ndm_used / 100);
	out_uint(c->out, OUT_ANY, "updated", "/%u", ci->ndm_updated / 100);
}

/* `02:00:00:00:00:01 dev p0 vlan 1 self master br0 permanent` */
static void print_fdb(struct fdb_walk *w, const struct ndmsg *ndm, const struct nlattr **tb)
{
	struct out *o = w->c->out;
	char mac[3 * ETH_ALEN];
	uint32_t master;

	out_obj_open(o, NULL);
	format_mac(mnl_attr_get_payload(tb[NDA_LLADDR]), ETH_ALEN, mac, sizeof(mac));
	out_strc(o, OUT_ANY, COL_MAC, "mac", "%s", mac);
	/* bridge(8) leaves out the port shown alone; vnetctl's name keeps it */
	if (!w->port || !ctx_iproute2(w->c))
		print_ifname(o, w->links, ndm->ndm_ifindex, "ifname", " dev %s");
	print_remote(w, tb);
	print_times(w->c, tb[NDA_CACHEINFO]);
	print_flags(o, ndm, tb[NDA_FLAGS_EXT]);
	if (attr_u32(tb[NDA_MASTER], &master))
		print_ifname(o, w->links, (int)master, "master", " master %s");
	print_state(w->c, ndm->ndm_state);
	out_nl(o);
	out_obj_close(o);
}

static bool selected(const struct fdb_walk *w, const struct ndmsg *ndm, const struct nlattr **tb)
{
	uint16_t vlan = 0;

	if (tb[NDA_VLAN] && mnl_attr_get_payload_len(tb[NDA_VLAN]) >= 2)
		vlan = mnl_attr_get_u16(tb[NDA_VLAN]);
	if (w->vlan && vlan != w->vlan)
		return false;
	if (w->state && !(ndm->ndm_state & w->state))
		return false;
	return !(w->dynamic && (ndm->ndm_state & NUD_PERMANENT));
}

static int fdb_cb(const struct nlmsghdr *nlh, void *data)
{
	struct fdb_walk *w = data;
	const struct nlattr *tb[NDA_MAX + 1];
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWNEIGH || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ndm) ||
	    ndm->ndm_family != AF_BRIDGE)
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(*ndm), tb, NDA_MAX);
	if (!tb[NDA_LLADDR] || mnl_attr_get_payload_len(tb[NDA_LLADDR]) != ETH_ALEN ||
	    !selected(w, ndm, tb))
		return MNL_CB_OK;
	if (!w->listed)
		out_list_open(w->c->out, NULL);
	w->listed = true;
	print_fdb(w, ndm, tb);
	return MNL_CB_OK;
}

/* The kernel filters the dump: a bridge's entries and its ports' (NDA_MASTER),
 * one device's (NDA_IFINDEX), or every device's. */
static int fdb_dump(struct ctx *c, struct fdb_walk *w, int br)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNEIGH, 0);
	struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));

	ndm->ndm_family = AF_BRIDGE;
	if (br)
		mnl_attr_put_u32(nlh, NDA_MASTER, (uint32_t)br);
	if (w->port)
		mnl_attr_put_u32(nlh, NDA_IFINDEX, (uint32_t)w->port);
	return nl_dump(c, nlh, fdb_cb, w);
}

/* Under vnetctl's name a bridge named must be one, and a port one of its. */
static int show_check(struct ctx *c, const struct br_links *l, const char *brname,
		      const char *portname, int *br, int *port)
{
	const struct br_link *b = NULL, *k = NULL;
	int rc;

	if (brname && (rc = br_need_bridge(c, l, brname, NULL, &b)) < 0)
		return rc;
	if (portname && !(k = br_link_by_name(l, portname)))
		return err_nodev(c, portname);
	if (b && k && k != b && k->master != b->index)
		return err_fail(c, "%s is not a port of %s", portname, b->name);
	*br = b ? b->index : 0;
	*port = k ? k->index : 0;
	return 0;
}

/* bridge(8)'s: a bridge or a port that does not exist is its own line. */
static int show_lookup(struct ctx *c, const struct br_links *l, const char *brname,
		       const char *portname, int *br, int *port)
{
	const struct br_link *b = brname ? br_link_by_name(l, brname) : NULL;
	const struct br_link *k = portname ? br_link_by_name(l, portname) : NULL;

	if (brname && !b)
		return br_no_bridge_device(c, brname);
	if (portname && !k)
		return err_nodev(c, portname);
	*br = b ? b->index : 0;
	*port = k ? k->index : 0;
	return 0;
}

static int fdb_show(struct ctx *c, const struct val *v)
{
	struct br_links l = {0};
	struct fdb_walk w = {.c = c, .links = &l};
	const char *brname = v[FS_BR].set ? v[FS_BR].str : v[FS_BR_KW].set ? v[FS_BR_KW].str : NULL;
	const char *portname = v[FS_PORT].set ? v[FS_PORT].str : NULL;
	int br = 0, rc = br_links_load(c, NULL, &l);

	w.vlan = v[FS_VLAN].set ? v[FS_VLAN].u : 0;
	w.state = v[FS_STATE].set ? v[FS_STATE].u : 0;
	w.dynamic = v[FS_DYNAMIC].set;
	c->subject = brname ? brname : portname;
	if (rc == 0 && ctx_iproute2(c))
		rc = show_lookup(c, &l, brname, portname, &br, &w.port);
	else if (rc == 0)
		rc = show_check(c, &l, brname, portname, &br, &w.port);
	if (rc == 0)
		rc = fdb_dump(c, &w, br);
	if (rc == 0 && !w.listed)
		out_list_open(c->out, NULL);
	if (rc == 0 || w.listed)
		out_list_close(c->out);
	free(l.v);
	return rc;
}

/* ---- get ------------------------------------------------------------------------ */

static int get_cb(const struct nlmsghdr *nlh, void *data)
{
	struct fdb_walk *w = data;

	if (nlh->nlmsg_type == RTM_NEWNEIGH && !w->listed) {
		out_list_open(w->c->out, NULL);
		w->listed = true;
	}
	return fdb_cb(nlh, data);
}

/* bridge(8)'s: each device that does not exist is its own line (255);
 * vnetctl's: br is a bridge, and a port named with it one of its. */
static int get_lookup(struct ctx *c, const struct br_links *l, const struct val *w, int *br,
		      int *port)
{
	const struct br_link *k = NULL;
	int rc;

	if (ctx_iproute2(c)) {
		if (!w[FG_LLADDR].set || (!w[FG_BR].set && !w[FG_PORT].set))
			return err_iproute2(c, VN_EIP_USAGE, "%s",
					    "Device or master and address are required arguments.");
		if (w[FG_PORT].set && !(k = br_link_by_name(l, w[FG_PORT].str)))
			return err_iproute2(c, VN_EIP_USAGE, "Cannot find device \"%s\"",
					    w[FG_PORT].str);
		*port = k ? k->index : 0;
		if (w[FG_BR].set && !(k = br_link_by_name(l, w[FG_BR].str)))
			return br_no_bridge_device(c, w[FG_BR].str);
		*br = w[FG_BR].set ? k->index : 0;
		return 0;
	}
	if (!w[FG_LLADDR].set)
		return err_usage(c, "missing %s", get_words[FG_LLADDR].metavar);
	if (!w[FG_BR].set && !w[FG_PORT].set)
		return err_usage(c, "missing %s or %s", get_words[FG_BR].kw, get_words[FG_PORT].kw);
	if (w[FG_BR].set && (rc = br_need_bridge(c, l, w[FG_BR].str, NULL, &k)) < 0)
		return rc;
	*br = k ? k->index : 0;
	if (w[FG_PORT].set && !(k = br_link_by_name(l, w[FG_PORT].str)))
		return err_nodev(c, w[FG_PORT].str);
	*port = w[FG_PORT].set ? k->index : 0;
	return 0;
}

/* One RTM_GETNEIGH of family AF_BRIDGE: the kernel looks the address up in
 * the bridge's table (NDA_MASTER, or the port's bridge: ndm_ifindex) or in
 * the device's own (self), and answers with the entry, as a dump would. */
static int fdb_get(struct ctx *c, const struct val *w)
{
	struct br_links l = {0};
	struct fdb_walk walk = {.c = c, .links = &l};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;
	int br = 0, port = 0, rc;

	c->subject = w[FG_PORT].set ? w[FG_PORT].str : w[FG_BR].str;
	if ((rc = br_links_load(c, NULL, &l)) < 0 || (rc = get_lookup(c, &l, w, &br, &port)) < 0)
		goto out;
	walk.dynamic = w[FG_DYNAMIC].set;
	nlh = nl_msg(buf, RTM_GETNEIGH, 0);
	ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	ndm->ndm_family = AF_BRIDGE;
	ndm->ndm_ifindex = port;
	if (w[FG_SELF].set)
		ndm->ndm_flags |= NTF_SELF;
	if (w[FG_MASTER].set)
		ndm->ndm_flags |= NTF_MASTER;
	mnl_attr_put(nlh, NDA_LLADDR, ETH_ALEN, w[FG_LLADDR].mac);
	if (w[FG_VLAN].set)
		mnl_attr_put_u16(nlh, NDA_VLAN, (uint16_t)w[FG_VLAN].u);
	if (w[FG_VNI].set)
		mnl_attr_put_u32(nlh, NDA_VNI, w[FG_VNI].u);
	if (br)
		mnl_attr_put_u32(nlh, NDA_MASTER, (uint32_t)br);
	/* bridge's fdb get returns -2 when the kernel refuses it: 254 */
	c->ip_fail_status = 254;
	rc = nl_request(c, nlh, get_cb, &walk);
	if (walk.listed)
		out_list_close(c->out);
out:
	free(l.v);
	return rc;
}

/* ---- add, append, replace, del ------------------------------------------------ */

/* bridge(8)'s line when the address or the device is missing. */
static int need(struct ctx *c, bool ok, const char *what, const char *ip_line)
{
	if (ok)
		return 0;
	if (ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_USAGE, "%s", ip_line);
	return err_usage(c, "missing %s", what);
}

/* NUD_* of the entry: a device's own address (the default), a static or a
 * dynamic one. */
static uint16_t change_state(const struct val *w)
{
	if (w[FA_DYNAMIC].set)
		return NUD_REACHABLE;
	if (w[FA_STATIC].set)
		return NUD_NOARP | NUD_REACHABLE;
	return NUD_NOARP | NUD_PERMANENT;
}

static uint8_t change_flags(const struct val *w)
{
	static const struct {
		int word;
		uint8_t flag;
	} flags[] = {
	    {FA_SELF, NTF_SELF},
	    {FA_MASTER, NTF_MASTER},
	    {FA_ROUTER, NTF_ROUTER},
	    {FA_USE, NTF_USE},
	    {FA_EXTERN_LEARN, NTF_EXT_LEARNED},
	    {FA_STICKY, NTF_STICKY},
	};
	uint8_t f = 0;

	for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
		if (w[flags[i].word].set)
			f |= flags[i].flag;
	/* neither table named: the device's own */
	return f & (NTF_SELF | NTF_MASTER) ? f : f | NTF_SELF;
}

static int put_remote(struct ctx *c, struct nlmsghdr *nlh, const struct val *w)
{
	int via;

	if (w[FA_DST].set)
		mnl_attr_put(nlh, NDA_DST, w[FA_DST].ip.family == AF_INET ? 4 : 16,
			     w[FA_DST].ip.bytes);
	if (w[FA_VLAN].set)
		mnl_attr_put_u16(nlh, NDA_VLAN, (uint16_t)w[FA_VLAN].u);
	if (w[FA_PORT].set)
		mnl_attr_put_u16(nlh, NDA_PORT, htons((uint16_t)w[FA_PORT].u));
	if (w[FA_VNI].set)
		mnl_attr_put_u32(nlh, NDA_VNI, w[FA_VNI].u);
	if (w[FA_SRC_VNI].set)
		mnl_attr_put_u32(nlh, NDA_SRC_VNI, w[FA_SRC_VNI].u);
	if (w[FA_NHID].set)
		mnl_attr_put_u32(nlh, NDA_NH_ID, w[FA_NHID].u);
	if (w[FA_VIA].set) {
		if ((via = link_index(c, w[FA_VIA].str)) < 0)
			return via;
		mnl_attr_put_u32(nlh, NDA_IFINDEX, (uint32_t)via);
	}
	return 0;
}

static int fdb_change(struct ctx *c, int cmd, const struct val *w)
{
	static const uint16_t nl_flags[] = {
	    [F_ADD] = NLM_F_CREATE | NLM_F_EXCL,
	    [F_APPEND] = NLM_F_CREATE | NLM_F_APPEND,
	    [F_REPLACE] = NLM_F_CREATE | NLM_F_REPLACE,
	    [F_DEL] = 0,
	};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;
	int rc, dev;

	c->subject = w[FA_DEV].str;
	if ((rc = need(c, w[FA_LLADDR].set && w[FA_DEV].set, !w[FA_LLADDR].set ? "LLADDR" : "dev",
		       "Device and address are required arguments.")) < 0)
		return rc;
	if ((dev = link_index(c, w[FA_DEV].str)) < 0)
		return dev;
	nlh = nl_msg(buf, cmd == F_DEL ? RTM_DELNEIGH : RTM_NEWNEIGH, nl_flags[cmd]);
	ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	ndm->ndm_family = AF_BRIDGE;
	ndm->ndm_ifindex = dev;
	ndm->ndm_state = change_state(w);
	ndm->ndm_flags = change_flags(w);
	mnl_attr_put(nlh, NDA_LLADDR, ETH_ALEN, w[FA_LLADDR].mac);
	if ((rc = put_remote(c, nlh, w)) < 0)
		return rc;
	c->req_dev = w[FA_DEV].str;
	rc = nl_request(c, nlh, NULL, NULL);
	c->req_dev = NULL;
	return rc;
}

/* ---- flush ---------------------------------------------------------------------- */

/* Each selector pair: the state or flags it sets in the request, and in its
 * mask, given (yes) or given with "no" before it, as bridge(8) sends them:
 * static is static and not permanent (a bridge's own addresses are both),
 * dynamic neither, nodynamic static. */
static const struct {
	int word; /* the pair's first, FF_X; FF_X + 1 is its "no" */
	bool is_flag;
	uint16_t yes, yes_mask, no, no_mask;
} flush_selectors[] = {
    {FF_PERMANENT, false, NUD_PERMANENT, NUD_PERMANENT, 0, NUD_PERMANENT},
    {FF_STATIC, false, NUD_NOARP, NUD_NOARP | NUD_PERMANENT, 0, NUD_NOARP},
    {FF_DYNAMIC, false, 0, NUD_NOARP | NUD_PERMANENT, NUD_NOARP, NUD_NOARP},
    {FF_ADDED_BY_USER, true, NTF_USE, NTF_USE, 0, NTF_USE},
    {FF_EXTERN_LEARN, true, NTF_EXT_LEARNED, NTF_EXT_LEARNED, 0, NTF_EXT_LEARNED},
    {FF_STICKY, true, NTF_STICKY, NTF_STICKY, 0, NTF_STICKY},
    {FF_OFFLOADED, true, NTF_OFFLOADED, NTF_OFFLOADED, 0, NTF_OFFLOADED},
};

static int fdb_flush(struct ctx *c, const struct val *w)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;
	uint16_t state_mask = 0, flag_mask = 0;
	int rc, dev, port;

	if ((rc = need(c, w[FF_DEV].set, br_dev_word, "Device is a required argument.")) < 0)
		return rc;
	c->subject = w[FF_DEV].str;
	if ((dev = link_index(c, w[FF_DEV].str)) < 0)
		return dev == -ENODEV && ctx_iproute2(c) ? br_no_bridge_device(c, w[FF_DEV].str)
							 : dev;
	nlh = nl_msg(buf, RTM_DELNEIGH, NLM_F_BULK);
	ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	ndm->ndm_family = AF_BRIDGE;
	ndm->ndm_ifindex = dev;
	if (w[FF_SELF].set)
		ndm->ndm_flags |= NTF_SELF;
	if (w[FF_MASTER].set)
		ndm->ndm_flags |= NTF_MASTER;
	/* neither table named: the device's own */
	if (!(ndm->ndm_flags & NTF_MASTER))
		ndm->ndm_flags |= NTF_SELF;
	for (size_t i = 0; i < ARRAY_SIZE(flush_selectors); i++) {
		int k = flush_selectors[i].word;
		uint16_t bits, mask;
		if (!w[k].set && !w[k + 1].set)
			continue;
		bits = w[k].set ? flush_selectors[i].yes : flush_selectors[i].no;
		mask = w[k].set ? flush_selectors[i].yes_mask : flush_selectors[i].no_mask;
		if (flush_selectors[i].is_flag) {
			ndm->ndm_flags |= (uint8_t)bits;
			flag_mask |= mask;
		} else {
			ndm->ndm_state |= bits;
			state_mask |= mask;
		}
	}
	if (w[FF_PORT].set) {
		if ((port = link_index(c, w[FF_PORT].str)) < 0)
			return port;
		mnl_attr_put_u32(nlh, NDA_IFINDEX, (uint32_t)port);
	}
	if (w[FF_VLAN].set)
		mnl_attr_put_u16(nlh, NDA_VLAN, (uint16_t)w[FF_VLAN].u);
	if (state_mask)
		mnl_attr_put_u16(nlh, NDA_NDM_STATE_MASK, state_mask);
	if (flag_mask)
		mnl_attr_put_u8(nlh, NDA_NDM_FLAGS_MASK, (uint8_t)flag_mask);
	c->req_dev = w[FF_DEV].str;
	rc = nl_request(c, nlh, NULL, NULL);
	c->req_dev = NULL;
	return rc;
}

/* ---- the verb --------------------------------------------------------------------- */

/* Room for the words of any command. */
#define FDB_MAX_WORDS 24
_Static_assert((int)FA_NARGS <= FDB_MAX_WORDS && (int)FF_NARGS <= FDB_MAX_WORDS &&
		   (int)FS_NARGS <= FDB_MAX_WORDS && (int)FG_NARGS <= FDB_MAX_WORDS,
	       "FDB_MAX_WORDS holds every command's words");

int bridge_fdb(struct ctx *c, const struct val *v)
{
	struct val w[FDB_MAX_WORDS] = {0};
	int cmd = F_SHOW, rc;

	for (int i = 0; i < F_NARGS; i++)
		if (v[i].set)
			cmd = i;
	if (v[cmd].set && v[cmd].nrest && (rc = parse_group(c, &fdb_args[cmd], &v[cmd], w)) < 0)
		return rc;
	if (cmd == F_SHOW || cmd == F_LST)
		return fdb_show(c, w);
	if (cmd == F_GET)
		return fdb_get(c, w);
	if (cmd == F_FLUSH)
		return fdb_flush(c, w);
	return fdb_change(c, cmd, w);
}
