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
#include "bridge_fdb.h"

/* ---- the words ------------------------------------------------------------ */

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
		  .alias = fdb_word_permanent,
		  .kind = ARG_FLAG,
		  .excludes = FA_STATIC + 1,
		  .excludes_more = static_excludes,
		  .help = "the address is the device's own (the default)"},
    [FA_STATIC] = {.kw = fdb_word_static,
		   .kind = ARG_FLAG,
		   .excludes = FA_DYNAMIC + 1,
		   .help = "an address behind the port, kept until deleted"},
    [FA_DYNAMIC] = {.kw = fdb_word_dynamic,
		    .kind = ARG_FLAG,
		    .help = "an address behind the port that ages out as a learned one"},
    [FA_SELF] = SELF_ENTRY("in the device's own table (the default)"),
    [FA_MASTER] = MASTER_ENTRY("in the table of the device's bridge"),
    [FA_ROUTER] = FLAG_ENTRY(fdb_word_router, "the address is a router's (vxlan)"),
    [FA_USE] = FLAG_ENTRY("use", "mark the entry used, as traffic would"),
    [FA_EXTERN_LEARN] =
	FLAG_ENTRY(fdb_word_extern_learn, "learned outside the kernel: never aged by the bridge"),
    [FA_STICKY] = FLAG_ENTRY(fdb_word_sticky, "never moves to another port"),
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
    SELECT_PAIR(FF_PERMANENT, fdb_word_permanent, "nopermanent", "permanent entries"),
    SELECT_PAIR(FF_STATIC, fdb_word_static, "nostatic", "static entries"),
    SELECT_PAIR(FF_DYNAMIC, fdb_word_dynamic, "nodynamic", "dynamic entries"),
    SELECT_PAIR(FF_ADDED_BY_USER, "added_by_user", "noadded_by_user", "entries added by hand"),
    SELECT_PAIR(FF_EXTERN_LEARN, fdb_word_extern_learn, "noextern_learn", "extern_learn entries"),
    SELECT_PAIR(FF_STICKY, fdb_word_sticky, "nosticky", "sticky entries"),
    SELECT_PAIR(FF_OFFLOADED, "offloaded", "nooffloaded", "offloaded entries"),
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
    [F_GET] = CMD_ENTRY("get", NULL, fdb_get_words, FG_NARGS, 5,
			"print one entry, as the kernel finds it"),
    [F_SHOW] =
	CMD_ENTRY("show", "list", fdb_show_words, FS_NARGS, 6, "list the entries (the default)"),
    [F_LST] = CMD_ENTRY("lst", NULL, fdb_show_words, FS_NARGS, 7,
			"the same as show, as bridge(8) spells it"),
    [F_FLUSH] =
	CMD_ENTRY("flush", NULL, flush_words, FF_NARGS, 8, "delete the entries the words select"),
};

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
