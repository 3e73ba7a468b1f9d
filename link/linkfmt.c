/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Links as `ip link show` prints them (the walk that finds them and the
 * names of their masters and peers are linkwalk.c's).
 *
 * A kind printer (struct link_kind) prints IFLA_INFO_DATA with out_* calls
 * whose text formats start with a space (" type %s"); the "    KIND" before
 * them and the newline after are printed here, inside the JSON object
 * "linkinfo": { "info_kind": ..., "info_data": { ...the printer's keys... } }.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <net/if_arp.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "netnsutil.h"
#include "nl.h"
#include "out.h"

#ifndef ARPHRD_IP6GRE /* in linux/if_arp.h, which clashes with glibc's */
#define ARPHRD_IP6GRE 823
#endif

/* ---- printing ------------------------------------------------------------ */

static const struct {
	unsigned flag;
	const char *name;
} iff_names[] = {
    /* iproute2's order, which readers of `ip link` know. */
    {IFF_LOOPBACK, "LOOPBACK"},	  {IFF_BROADCAST, "BROADCAST"},	  {IFF_POINTOPOINT, "POINTOPOINT"},
    {IFF_MULTICAST, "MULTICAST"}, {IFF_NOARP, "NOARP"},		  {IFF_ALLMULTI, "ALLMULTI"},
    {IFF_PROMISC, "PROMISC"},	  {IFF_MASTER, "MASTER"},	  {IFF_SLAVE, "SLAVE"},
    {IFF_DEBUG, "DEBUG"},	  {IFF_DYNAMIC, "DYNAMIC"},	  {IFF_AUTOMEDIA, "AUTOMEDIA"},
    {IFF_PORTSEL, "PORTSEL"},	  {IFF_NOTRAILERS, "NOTRAILERS"}, {IFF_UP, "UP"},
    {IFF_LOWER_UP, "LOWER_UP"},	  {IFF_DORMANT, "DORMANT"},	  {IFF_ECHO, "ECHO"},
};

static const char *const operstates[] = {
    [IF_OPER_UNKNOWN] = "UNKNOWN", [IF_OPER_NOTPRESENT] = "NOTPRESENT",
    [IF_OPER_DOWN] = "DOWN",	   [IF_OPER_LOWERLAYERDOWN] = "LOWERLAYERDOWN",
    [IF_OPER_TESTING] = "TESTING", [IF_OPER_DORMANT] = "DORMANT",
    [IF_OPER_UP] = "UP",
};

const char *link_operstate_name(uint8_t state, char *buf, size_t sz)
{
	if (state < ARRAY_SIZE(operstates) && operstates[state])
		return operstates[state];
	snprintf(buf, sz, "%#x", state);
	return buf;
}

static const char *const linkmodes[] = {"DEFAULT", "DORMANT", "TESTING"};

static const struct {
	unsigned short type;
	const char *name;
} arphrd_names[] = {
    {ARPHRD_ETHER, "ether"},
    {ARPHRD_LOOPBACK, "loopback"},
    {ARPHRD_NONE, "none"},
    {ARPHRD_VOID, "void"},
    {ARPHRD_TUNNEL, "ipip"},
    {ARPHRD_TUNNEL6, "tunnel6"},
    {ARPHRD_SIT, "sit"},
    {ARPHRD_IPGRE, "gre"},
    {ARPHRD_IP6GRE, "gre6"},
    {ARPHRD_PPP, "ppp"},
    {ARPHRD_INFINIBAND, "infiniband"},
    {ARPHRD_IEEE80211, "ieee802.11"},
    {ARPHRD_CAN, "can"},
};

/* Details for -d, all plain numbers: JSON key, then ip's text.  ip prints
 * the first on the link-layer line, the rest after the kind's lines. */
struct detail {
	int attr;
	const char *key;
	const char *fmt;
};
/* ip ends each word of its details with a blank, and begins allmulti with
 * one too: under its name, its two blanks before allmulti and a blank at
 * the end of each line of details (details_eol). */
static const struct detail detail_head[] = {
    {IFLA_PROMISCUITY, "promiscuity", " promiscuity %u"},
    {IFLA_ALLMULTI, "allmulti", " allmulti %u"},
    {IFLA_MIN_MTU, "min_mtu", " minmtu %u"},
    {IFLA_MAX_MTU, "max_mtu", " maxmtu %u"},
};
static const struct detail detail_tail[] = {
    {IFLA_NUM_TX_QUEUES, "num_tx_queues", " numtxqueues %u"},
    {IFLA_NUM_RX_QUEUES, "num_rx_queues", " numrxqueues %u"},
    {IFLA_GSO_MAX_SIZE, "gso_max_size", " gso_max_size %u"},
    {IFLA_GSO_MAX_SEGS, "gso_max_segs", " gso_max_segs %u"},
    {IFLA_TSO_MAX_SIZE, "tso_max_size", " tso_max_size %u"},
    {IFLA_TSO_MAX_SEGS, "tso_max_segs", " tso_max_segs %u"},
    {IFLA_GRO_MAX_SIZE, "gro_max_size", " gro_max_size %u"},
};

/* IN6_ADDR_GEN_MODE_*, as ip names them ("addrgenmode" in text). */
const char *const link_addrgen_modes[] = {"eui64", "none", "stable_secret", "random", NULL};
#define N_ADDRGEN_MODES (ARRAY_SIZE(link_addrgen_modes) - 1)

static void details_eol(struct ctx *c)
{
	if (ctx_iproute2(c) && ctx_details(c))
		out_str(c->out, OUT_TEXT, NULL, "%s", " ");
}

/* A value after a text-only label: colour marks the value, not the words. */
static void print_labelled(struct out *o, const char *label, enum out_color col, const char *key,
			   const char *fmt, const char *s)
{
	out_str(o, OUT_TEXT, NULL, "%s", label);
	out_strc(o, OUT_ANY, col, key, fmt, s);
}

static void print_flag(struct out *o, const char *name, bool *first)
{
	out_str(o, OUT_ANY, NULL, *first ? "%s" : ",%s", name);
	*first = false;
}

/* mdown: the device's peer or lower device is down (ip's M-DOWN). */
static void print_flags(struct out *o, unsigned flags, bool mdown)
{
	bool first = true;
	char rest[16];

	out_str(o, OUT_TEXT, NULL, "%s", "<");
	out_list_open(o, "flags");
	/* Up without a carrier is the state people look for first. */
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		print_flag(o, "NO-CARRIER", &first);
	flags &= ~IFF_RUNNING;
	for (size_t i = 0; i < ARRAY_SIZE(iff_names); i++) {
		if (flags & iff_names[i].flag) {
			print_flag(o, iff_names[i].name, &first);
			flags &= ~iff_names[i].flag;
		}
	}
	if (flags) {
		snprintf(rest, sizeof(rest), "%x", flags);
		print_flag(o, rest, &first);
	}
	if (mdown)
		print_flag(o, "M-DOWN", &first);
	out_list_close(o);
	out_str(o, OUT_TEXT, NULL, "%s", ">");
}

/* The name, with "@peer" in text for devices that have a lower or peer
 * device (veth, macvlan, vxlan...); JSON keeps them apart as "link".
 * Returns true when that device is known to be down. */
static bool print_name(struct ctx *c, const struct link_msg *m, const char *textfmt)
{
	struct out *o = c->out;
	char peer[IFNAMSIZ + 16], full[2 * sizeof(peer)];
	unsigned peer_flags = IFF_UP;
	uint32_t link;

	full[0] = '\0';
	if (nl_attr_u32(m->tb[IFLA_LINK], &link)) {
		if (link == 0) {
			snprintf(full, sizeof(full), "%s@NONE", m->name);
			if (out_is_json(o))
				out_null(o, "link");
		} else if (m->tb[IFLA_LINK_NETNSID]) {
			/* The peer's index is in another namespace's space. */
			snprintf(full, sizeof(full), "%s@if%u", m->name, link);
			out_uint(o, OUT_JSON, "link_index", "%u", link);
		} else {
			link_ref_name(c, (int)link, peer, sizeof(peer), &peer_flags);
			snprintf(full, sizeof(full), "%s@%s", m->name, peer);
			out_str(o, OUT_JSON, "link", "%s", peer);
		}
	}
	out_strc(o, OUT_JSON, COL_IFNAME, "ifname", "%s", m->name);
	out_strc(o, OUT_TEXT, COL_IFNAME, NULL, textfmt, full[0] ? full : m->name);
	return !(peer_flags & IFF_UP);
}

static void print_operstate(struct out *o, const struct link_msg *m, const char *label,
			    const char *fmt)
{
	uint8_t state;
	char num[8];
	const char *name = num;
	enum out_color col = COL_NONE;

	if (!nl_attr_u8(m->tb[IFLA_OPERSTATE], &state))
		return;
	name = link_operstate_name(state, num, sizeof(num));
	if (state == IF_OPER_UP)
		col = COL_UP;
	else if (state == IF_OPER_DOWN)
		col = COL_DOWN;
	print_labelled(o, label, col, "operstate", fmt, name);
}

static void print_linkmode(struct out *o, const struct link_msg *m, const char *fmt)
{
	uint8_t mode;
	char num[8];
	const char *name = num;

	if (!nl_attr_u8(m->tb[IFLA_LINKMODE], &mode))
		return;
	if (mode < ARRAY_SIZE(linkmodes))
		name = linkmodes[mode];
	else
		snprintf(num, sizeof(num), "%#x", mode);
	out_str(o, OUT_ANY, "linkmode", fmt, name);
}

static void print_group(const struct ctx *c, struct out *o, const struct link_msg *m,
			const char *fmt)
{
	uint32_t group;
	char num[12];

	if (!nl_attr_u32(m->tb[IFLA_GROUP], &group))
		return;
	/* ip names group 0 "default" (but with -Numeric), and JSON
	 * consumers expect a string */
	snprintf(num, sizeof(num), "%u", group);
	out_str(o, OUT_ANY, "group", fmt, group || (c->flags & CTX_NUMERIC) ? num : "default");
}

void link_print_lead(struct ctx *c, const struct link_msg *m)
{
	struct out *o = c->out;
	bool ip = ctx_iproute2(c);
	bool mdown;
	uint32_t v;

	/* ip colours the blank after the name and the state too, and not
	 * the master's name */
	out_uint(o, OUT_ANY, "ifindex", "%u: ", (uint32_t)m->ifi->ifi_index);
	mdown = print_name(c, m, ip ? "%s: " : "%s");
	if (!ip)
		out_str(o, OUT_TEXT, NULL, "%s", ": ");
	print_flags(o, m->ifi->ifi_flags, mdown);
	if (nl_attr_u32(m->tb[IFLA_MTU], &v))
		out_uint(o, OUT_ANY, "mtu", " mtu %u", v);
}

/* `3: a@b: <FLAGS> mtu 1500 qdisc noqueue master br0 state UP ... qlen 1000` */
static void print_header(struct ctx *c, const struct link_msg *m, bool linkmode)
{
	struct out *o = c->out;
	const char *qdisc = nl_attr_str(m->tb[IFLA_QDISC]);
	bool ip = ctx_iproute2(c);
	char buf[IFNAMSIZ + 16];
	unsigned flags;
	uint32_t v;

	link_print_lead(c, m);
	if (qdisc)
		out_str(o, OUT_ANY, "qdisc", " qdisc %s", qdisc);
	if (nl_attr_u32(m->tb[IFLA_MASTER], &v)) {
		link_ref_name(c, (int)v, buf, sizeof(buf), &flags);
		print_labelled(o, " master ", ip ? COL_NONE : COL_IFNAME, "master", "%s", buf);
	}
	print_operstate(o, m, " state ", ip ? "%s " : "%s");
	/* ip ends each of these with a blank rather than begin it with one */
	if (linkmode)
		print_linkmode(o, m, ip ? "mode %s " : " mode %s");
	print_group(c, o, m, ip ? "group %s " : " group %s");
	if (nl_attr_u32(m->tb[IFLA_TXQLEN], &v))
		out_uint(o, OUT_ANY, "txqlen", ip ? "qlen %u" : " qlen %u", v);
	out_nl(o);
}

/* ip's name of a link type; "[1]" for a number (and for every one with
 * -Numeric). */
static const char *arphrd_name(const struct ctx *c, unsigned short type, char *buf, size_t bufsz)
{
	for (size_t i = 0; !(c->flags & CTX_NUMERIC) && i < ARRAY_SIZE(arphrd_names); i++)
		if (arphrd_names[i].type == type)
			return arphrd_names[i].name;
	snprintf(buf, bufsz, "[%u]", type);
	return buf;
}

static void print_hwaddr(struct out *o, const struct nlattr *a, const char *key, const char *label,
			 const char *fmt)
{
	char buf[3 * 32 + 1];

	if (!a)
		return;
	format_mac(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), buf, sizeof(buf));
	print_labelled(o, label, COL_MAC, key, fmt, buf);
}

static void print_detail_u32(struct ctx *c, const struct link_msg *m, const struct detail *d,
			     size_t n)
{
	uint32_t v;

	for (size_t i = 0; i < n; i++) {
		if (!nl_attr_u32(m->tb[d[i].attr], &v))
			continue;
		if (d[i].attr == IFLA_ALLMULTI && ctx_iproute2(c))
			out_str(c->out, OUT_TEXT, NULL, "%s", " ");
		out_uint(c->out, OUT_ANY, d[i].key, d[i].fmt, v);
	}
}

/* IFLA_AF_SPEC's IPv6 part: how the link-local address is made. */
static void print_addrgenmode(struct out *o, const struct link_msg *m)
{
	const struct nlattr *fam, *a;
	char num[8];
	uint8_t mode;

	if (!m->tb[IFLA_AF_SPEC])
		return;
	mnl_attr_for_each_nested(fam, m->tb[IFLA_AF_SPEC])
	{
		if (mnl_attr_get_type(fam) != AF_INET6)
			continue;
		mnl_attr_for_each_nested(a, fam)
		{
			if (mnl_attr_get_type(a) != IFLA_INET6_ADDR_GEN_MODE ||
			    !nl_attr_u8(a, &mode))
				continue;
			if (mode >= N_ADDRGEN_MODES)
				snprintf(num, sizeof(num), "%#.2x", mode);
			out_str(o, OUT_TEXT, NULL, "%s", " addrgenmode ");
			out_str(o, OUT_ANY, "inet6_addr_gen_mode", "%s",
				mode < N_ADDRGEN_MODES ? link_addrgen_modes[mode] : num);
		}
	}
}

/* " link-netns NAME" where the peer's namespace has a name here, as ip
 * prints it, else " link-netnsid N"; JSON has the number either way. */
static void print_link_netns(struct ctx *c, const struct link_msg *m)
{
	char reason[sizeof(c->reason)], name[NAME_MAX + 1];
	const char *found;
	uint32_t nsid;

	if (!nl_attr_u32(m->tb[IFLA_LINK_NETNSID], &nsid))
		return;
	out_int(c->out, OUT_JSON, "link_netnsid", "", (int32_t)nsid);
	if (out_is_json(c->out))
		return;
	/* a name is a nicety: failing to find one leaves no reason behind */
	memcpy(reason, c->reason, sizeof(reason));
	found = netns_name_of_nsid(c, (int32_t)nsid, name, sizeof(name));
	memcpy(c->reason, reason, sizeof(reason));
	if (found)
		out_str(c->out, OUT_TEXT, NULL, " link-netns %s", found);
	else
		out_int(c->out, OUT_TEXT, NULL, " link-netnsid %d", (int32_t)nsid);
}

/* `    link/ether 02:...:01 brd ff:ff:ff:ff:ff:ff link-netns blue [details]` */
static void print_link_layer(struct ctx *c, const struct link_msg *m)
{
	struct out *o = c->out;
	char type[16];

	out_str(o, OUT_ANY, "link_type", "    link/%s",
		arphrd_name(c, m->ifi->ifi_type, type, sizeof(type)));
	print_hwaddr(o, m->tb[IFLA_ADDRESS], "address", " ", "%s");
	if (!m->tb[IFLA_ADDRESS] && ctx_iproute2(c)) /* ip's blank after link/none */
		out_str(o, OUT_TEXT, NULL, "%s", " ");
	if (m->ifi->ifi_flags & IFF_POINTOPOINT) {
		/* On a point-to-point link the "broadcast" is the peer. */
		if (m->tb[IFLA_BROADCAST])
			out_bool(o, OUT_JSON, "link_pointtopoint", "", true);
		print_hwaddr(o, m->tb[IFLA_BROADCAST], "broadcast", " peer ", "%s");
	} else {
		print_hwaddr(o, m->tb[IFLA_BROADCAST], "broadcast", " brd ", "%s");
	}
	print_link_netns(c, m);
	if (ctx_details(c))
		print_detail_u32(c, m, detail_head, ARRAY_SIZE(detail_head));
}

/* `    veth` or `    tun type tun pi off ...`, then `    bridge_slave ...`,
 * each on a line of its own; the last is left open for the details after. */
static void print_linkinfo(struct ctx *c, const struct link_msg *m)
{
	struct out *o = c->out;
	const char *slave = nl_attr_str(m->info[IFLA_INFO_SLAVE_KIND]);
	const struct link_kind *k;

	if (!m->kind && !slave)
		return;
	out_obj_open(o, "linkinfo");
	if (m->kind) {
		details_eol(c);
		out_nl(o);
		out_str(o, OUT_ANY, "info_kind", "    %s", m->kind);
		k = link_kind_find(m->kind);
		if (k && link_kind_shows(k)) {
			out_obj_open(o, "info_data");
			link_kind_show(c, k, m);
			out_obj_close(o);
		}
	}
	if (slave) {
		details_eol(c);
		out_nl(o);
		out_str(o, OUT_ANY, "info_slave_kind", "    %s_slave", slave);
		k = link_kind_find(slave);
		if (k && k->slave_show) {
			out_obj_open(o, "info_slave_data");
			k->slave_show(c, k, m);
			out_obj_close(o);
		}
	}
	out_obj_close(o);
}

/* -d's lines in ip's order: the kind's lines, then the IPv6 address mode,
 * the queues and the offload limits on the last of them (on the link-layer
 * line when the device has no kind). */
static void print_details(struct ctx *c, const struct link_msg *m)
{
	print_linkinfo(c, m);
	print_addrgenmode(c->out, m);
	print_detail_u32(c, m, detail_tail, ARRAY_SIZE(detail_tail));
	details_eol(c);
}

static void print_altnames(struct ctx *c, const struct link_msg *m);

/* link show's lines (linkmode: its " mode DEFAULT"), and addr show's
 * (link_print_addr_open) */
static void print_open(struct ctx *c, const struct link_msg *m, bool linkmode, bool layer)
{
	const char *alias = nl_attr_str(m->tb[IFLA_IFALIAS]);

	out_obj_open(c->out, NULL);
	print_header(c, m, linkmode);
	if (!layer)
		return;
	print_link_layer(c, m);
	if (ctx_details(c))
		print_details(c, m);
	out_nl(c->out);
	/* ip's address show prints the alias with -d only */
	if (alias && (linkmode || ctx_details(c))) {
		out_str(c->out, OUT_ANY, "ifalias", "    alias %s", alias);
		out_nl(c->out);
	}
}

void link_print_open(struct ctx *c, const struct link_msg *m)
{
	print_open(c, m, true, true);
}

void link_print_addr_open(struct ctx *c, const struct link_msg *m, bool layer)
{
	print_open(c, m, false, layer || ctx_details(c));
	print_altnames(c, m);
}

void link_print_close(struct ctx *c)
{
	out_obj_close(c->out);
}

/* `a@b              UP             02:...:01 <BROADCAST,MULTICAST,UP,LOWER_UP>` */
static bool brief_open(struct ctx *c, const struct link_msg *m)
{
	bool mdown;

	out_obj_open(c->out, NULL);
	mdown = print_name(c, m, "%-16s ");
	print_operstate(c->out, m, "", "%-14s ");
	return mdown;
}

void link_print_brief_open(struct ctx *c, const struct link_msg *m)
{
	brief_open(c, m);
}

void link_print_brief(struct ctx *c, const struct link_msg *m)
{
	struct out *o = c->out;
	bool mdown = brief_open(c, m);

	print_hwaddr(o, m->tb[IFLA_ADDRESS], "address", "", "%s ");
	print_flags(o, m->ifi->ifi_flags, mdown);
	if (ctx_iproute2(c)) /* ip ends the line with a blank */
		out_str(o, OUT_TEXT, NULL, "%s", " ");
	out_nl(o);
	out_obj_close(o);
}

/* `    altname NAME`, a line each; "altnames": [...] in JSON. */
static void print_altnames(struct ctx *c, const struct link_msg *m)
{
	struct out *o = c->out;
	const struct nlattr *a;
	bool listed = false;

	if (!m->tb[IFLA_PROP_LIST])
		return;
	mnl_attr_for_each_nested(a, m->tb[IFLA_PROP_LIST])
	{
		const char *name = mnl_attr_get_type(a) == IFLA_ALT_IFNAME ? nl_attr_str(a) : NULL;

		if (!name)
			continue;
		if (!listed)
			out_list_open(o, "altnames");
		listed = true;
		out_str(o, OUT_TEXT, NULL, "%s", "    altname ");
		/* ip leaves an altname uncoloured */
		out_strc(o, OUT_ANY, ctx_iproute2(c) ? COL_NONE : COL_IFNAME, NULL, "%s", name);
		out_nl(o);
	}
	if (listed)
		out_list_close(o);
}

void link_print_tail(struct ctx *c, const struct link_msg *m)
{
	if (ctx_stats(c))
		link_print_stats(c, m);
	print_altnames(c, m);
}
