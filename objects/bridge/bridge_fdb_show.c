// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bridge fdb show and get: their words, one RTM_GETNEIGH (a dump for show,
 * one entry for get), and the printer, text and -j as bridge(8)'s.  The
 * other commands are bridge_fdb.c's, which calls here.
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

/* Words more than one command takes, and the printer too. */
const char fdb_word_dynamic[] = "dynamic", fdb_word_static[] = "static",
	   fdb_word_permanent[] = "permanent", fdb_word_extern_learn[] = "extern_learn",
	   fdb_word_sticky[] = "sticky", fdb_word_self[] = "self", fdb_word_master[] = "master",
	   fdb_word_router[] = "router", fdb_word_vlan[] = "vlan";

/* show's state words, and the NUD_* state each selects. */
static const char *const state_words[] = {fdb_word_permanent, fdb_word_static, fdb_word_dynamic,
					  NULL};
static const uint32_t state_values[] = {NUD_PERMANENT, NUD_NOARP, NUD_REACHABLE};

const struct arg fdb_show_words[FS_NARGS] = {
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
    [FS_DYNAMIC] = {.kw = fdb_word_dynamic,
		    .kind = ARG_FLAG,
		    .help = "leave out the permanent entries"},
};

const struct arg fdb_get_words[FG_NARGS] = {
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
    [FG_SELF] = {.kw = fdb_word_self,
		 .kind = ARG_FLAG,
		 .flags = ARGF_IP_EXACT,
		 .ip_order = 4,
		 .help = "the device's own table"},
    [FG_MASTER] = {.kw = fdb_word_master,
		   .kind = ARG_FLAG,
		   .ip_order = 5,
		   .help = "the table of the device's bridge (the default)"},
    [FG_VLAN] = {.kw = fdb_word_vlan,
		 .kind = ARG_U32,
		 .max = 4095,
		 .metavar = "VID",
		 .ip_order = 6,
		 .help = "the entry's VLAN"},
    [FG_DYNAMIC] = {.kw = fdb_word_dynamic,
		    .kind = ARG_FLAG,
		    .ip_order = 7,
		    .help = "print the entry only when it is not permanent"},
};

/* ---- show ------------------------------------------------------------------ */

/* The flags of an entry, worded as bridge(8) words them. */
static const struct {
	uint8_t flag;
	const char *word;
} fdb_flags[] = {
    {NTF_SELF, fdb_word_self},
    {NTF_ROUTER, fdb_word_router},
    {NTF_EXT_LEARNED, fdb_word_extern_learn},
    {NTF_OFFLOADED, "offload"},
    {NTF_MASTER, fdb_word_master},
    {NTF_STICKY, fdb_word_sticky},
};

/* A state's word; a learned, live entry has none. */
static const struct {
	uint16_t state;
	const char *word;
} fdb_states[] = {
    {NUD_PERMANENT, fdb_word_permanent},
    {NUD_NOARP, fdb_word_static},
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

int fdb_show(struct ctx *c, const struct val *v)
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
		return err_usage(c, "missing %s", fdb_get_words[FG_LLADDR].metavar);
	if (!w[FG_BR].set && !w[FG_PORT].set)
		return err_usage(c, "missing %s or %s", fdb_get_words[FG_BR].kw,
				 fdb_get_words[FG_PORT].kw);
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
int fdb_get(struct ctx *c, const struct val *w)
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
