// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vxlan: Ethernet segments carried over UDP between hosts (RFC 7348).  A
 * vxlan device's frames travel in UDP datagrams tagged with its 24-bit
 * network identifier (VNI), either to one remote endpoint (unicast) or to
 * a multicast group that every endpoint of the segment joins; the device
 * learns which endpoint each MAC address is behind.
 *
 * IFLA_VXLAN_GROUP/GROUP6 holds the remote or the group, told apart by the
 * address itself; LOCAL/LOCAL6 the source.  The ports are in network byte
 * order: IFLA_VXLAN_PORT the destination, PORT_RANGE the source ports'
 * range.  Without a destination port the kernel would use 8472, the port
 * Linux used before IANA assigned 4789, which other implementations (Open
 * vSwitch, switches, other OSes) use: vnetctl sends 4789 unless told
 * otherwise, and `dstport 0` leaves the choice to the kernel.
 *
 * The underlay device is IFLA_VXLAN_LINK, named `dev` as ip names it; the
 * kernel ignores the device's own IFLA_LINK for a vxlan, so `link` is dev's
 * other spelling (in `vxlan add` it is dev, not the common word).
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/if.h>

#include "l2common.h"
#include "out.h"

/* IANA's port for VXLAN, sent when no dstport is given. */
#define VXLAN_IANA_PORT 4789

/* ---- the words add takes ------------------------------------------------ */

enum vxlan_arg {
	A_ID,
	A_REMOTE,
	A_GROUP,
	A_LOCAL,
	A_DEV,
	A_DSTPORT,
	A_SRCPORT,
	A_TOS,
	A_TTL,
	A_LEARNING,
	A_NOLEARNING,
	A_AGEING,
	A_UDPCSUM,
	A_NOUDPCSUM,
	A_EXTERNAL,
	A_PROXY,
	A_RSC,
	A_L2MISS,
	A_L3MISS,
	A_DF,
	A_FLOWLABEL,
	A_MAXADDRESS,
	A_UDP6TX,
	A_NOUDP6TX,
	A_UDP6RX,
	A_NOUDP6RX,
	A_REMCSUMTX,
	A_REMCSUMRX,
	A_GBP,
	A_GPE,
	A_VNIFILTER,
	A_NARGS
};

/* ttl auto is the route's (0); tos inherit, the inner packet's (1). */
static const char *const ttl_words[] = {"auto", NULL};
static const uint32_t ttl_values[] = {0};
static const char *const tos_words[] = {"inherit", NULL};
static const uint32_t tos_values[] = {1};

/* A word alone that sets a u8 attribute to 1, as ip's. */
#define VX_FLAG(k, h)                                                                              \
	{                                                                                          \
		.kw = (k), .kind = ARG_FLAG, .help = (h)                                           \
	}

static const struct arg vxlan_args[A_NARGS] = {
    [A_ID] = {.kw = "id",
	      .alias = "vni",
	      .kind = ARG_U32,
	      .max = L2_VNI_MAX,
	      .metavar = "VNI",
	      .help = "the network identifier, 0..16777215 (required unless external)"},
    [A_REMOTE] = {.kw = "remote",
		  .kind = ARG_ADDR,
		  .excludes = A_GROUP + 1,
		  .help = "the one endpoint frames go to, a unicast IPv4 or IPv6 address"},
    [A_GROUP] = {.kw = "group",
		 .kind = ARG_ADDR,
		 .help = "the multicast group every endpoint joins (needs dev)"},
    [A_LOCAL] = {.kw = "local",
		 .kind = ARG_ADDR,
		 .help = "the source address, of the family of remote or group"},
    [A_DEV] = {.kw = "dev",
	       .alias = "link",
	       .kind = ARG_IFNAME,
	       .metavar = "PHYS",
	       .help = "the device the UDP packets leave by (and join the group on)"},
    [A_DSTPORT] = {.kw = "dstport",
		   .kind = ARG_U32,
		   .max = 65535,
		   .metavar = "PORT",
		   .help = "the UDP destination port (default 4789, IANA's; 0: the kernel's, "
			   "8472)"},
    [A_SRCPORT] = {.kw = "srcport",
		   .kind = ARG_RANGE,
		   .max = 65535,
		   .help = "the UDP source ports' range (default 0 0: the kernel's ephemeral "
			   "ports)"},
    [A_TOS] = {.kw = "tos",
	       .kind = ARG_U32,
	       .max = 255,
	       .metavar = "TOS",
	       .words = tos_words,
	       .values = tos_values,
	       .help = "the outer packets' TOS byte, 0..255 or 0x00..0xff (default 0; 1: "
		       "the inner packet's)"},
    [A_TTL] = {.kw = "ttl",
	       .kind = ARG_U32,
	       .max = 255,
	       .words = ttl_words,
	       .values = ttl_values,
	       .help = "the outer packets' time to live, 0..255 (default 0 or auto: the "
		       "route's, 1 for a group)"},
    [A_LEARNING] = {.kw = "learning",
		    .kind = ARG_FLAG,
		    .excludes = A_NOLEARNING + 1,
		    .help = "learn the endpoint behind each source MAC address (the default "
			    "without external)"},
    [A_NOLEARNING] = {.kw = "nolearning",
		      .kind = ARG_FLAG,
		      .help = "learn nothing: the forwarding database is filled by hand"},
    [A_AGEING] = {.kw = "ageing",
		  .kind = ARG_U32,
		  .max = UINT32_MAX,
		  .metavar = "SECONDS",
		  .help = "how long a learned entry lives (default 300; 0: the default)"},
    [A_UDPCSUM] = {.kw = "udpcsum",
		   .kind = ARG_FLAG,
		   .excludes = A_NOUDPCSUM + 1,
		   .help = "checksum the outer UDP over IPv4 (the default)"},
    [A_NOUDPCSUM] = {.kw = "noudpcsum",
		     .kind = ARG_FLAG,
		     .help = "send the outer UDP over IPv4 without a checksum"},
    [A_EXTERNAL] = {.kw = "external",
		    .kind = ARG_FLAG,
		    .help = "the endpoints and VNI come from each packet's metadata (routes "
			    "with encap, tc, eBPF), not from the device; learns nothing unless "
			    "learning"},
    [A_PROXY] = VX_FLAG("proxy", "answer ARP and neighbour solicitations from the database"),
    [A_RSC] = VX_FLAG("rsc", "route short-circuit: deliver to a known neighbour directly"),
    [A_L2MISS] = VX_FLAG("l2miss", "tell user space of a MAC address the database lacks"),
    [A_L3MISS] = VX_FLAG("l3miss", "tell user space of an IP address the neighbours lack"),
    [A_DF] = {.kw = "df",
	      .kind = ARG_ENUM,
	      .words = l2_df_words,
	      .metavar = "unset|set|inherit",
	      .help = "the outer IPv4 header's DF bit: clear, set, or the inner packet's"},
    [A_FLOWLABEL] = {.kw = "flowlabel",
		     .kind = ARG_U32,
		     .max = 0xfffff,
		     .metavar = "LABEL",
		     .help = "the outer IPv6 header's flow label (IPv6 remote or group only)"},
    [A_MAXADDRESS] = {.kw = "maxaddress",
		      .alias = "maxaddr", /* as ip prints it */
		      .kind = ARG_U32,
		      .max = UINT32_MAX,
		      .metavar = "N",
		      .help = "the most entries the forwarding database holds (0: no limit)"},
    [A_UDP6TX] = {.kw = "udp6zerocsumtx",
		  .kind = ARG_FLAG,
		  .excludes = A_NOUDP6TX + 1,
		  .help = "send the outer UDP over IPv6 without a checksum"},
    [A_NOUDP6TX] = VX_FLAG("noudp6zerocsumtx", "checksum the outer UDP over IPv6 (the default)"),
    [A_UDP6RX] = {.kw = "udp6zerocsumrx",
		  .kind = ARG_FLAG,
		  .excludes = A_NOUDP6RX + 1,
		  .help = "accept outer UDP over IPv6 without a checksum"},
    [A_NOUDP6RX] = VX_FLAG("noudp6zerocsumrx", "refuse outer UDP over IPv6 without a checksum"),
    [A_REMCSUMTX] = VX_FLAG("remcsumtx", "remote checksum offload on send"),
    [A_REMCSUMRX] = VX_FLAG("remcsumrx", "remote checksum offload on receive"),
    [A_GBP] = VX_FLAG("gbp", "the Group Based Policy extension"),
    [A_GPE] = VX_FLAG("gpe", "the Generic Protocol Extension (with external)"),
    [A_VNIFILTER] = VX_FLAG("vnifilter", "with external: a table of VNIs the device takes"),
};

/* The flags that put a u8 1, each alone. */
static const struct {
	int arg;
	uint16_t type;
} vx_flags[] = {
    {A_PROXY, IFLA_VXLAN_PROXY},	  {A_RSC, IFLA_VXLAN_RSC},
    {A_L2MISS, IFLA_VXLAN_L2MISS},	  {A_L3MISS, IFLA_VXLAN_L3MISS},
    {A_REMCSUMTX, IFLA_VXLAN_REMCSUM_TX}, {A_REMCSUMRX, IFLA_VXLAN_REMCSUM_RX},
    {A_VNIFILTER, IFLA_VXLAN_VNIFILTER},
};

/* ---- add: what the parser cannot know, then IFLA_INFO_DATA ---------------- */

static const char *family_name(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

/* The peer: remote must be unicast, group multicast (on a device to join it
 * on, as iproute2 also insists). */
static int check_peer(struct ctx *c, const struct val *v)
{
	const struct val *r = &v[A_REMOTE], *g = &v[A_GROUP];

	if (r->set && l2_addr_multicast(&r->ip))
		return err_usage(c, "%s %s is a multicast address (use %s)",
				 vxlan_args[A_REMOTE].kw, r->str, vxlan_args[A_GROUP].kw);
	if (g->set && !l2_addr_multicast(&g->ip))
		return err_usage(c, "%s %s is not a multicast address (use %s)",
				 vxlan_args[A_GROUP].kw, g->str, vxlan_args[A_REMOTE].kw);
	if (g->set && !v[A_DEV].set)
		return err_usage(c, "%s needs %s: the device to join the group on",
				 vxlan_args[A_GROUP].kw, vxlan_args[A_DEV].kw);
	return 0;
}

/* create: a new device (link set ... type vxlan changes one: no id needed) */
static int check_words(struct ctx *c, const struct val *v, bool create)
{
	const int peer = v[A_GROUP].set ? A_GROUP : A_REMOTE;
	const struct val *l = &v[A_LOCAL];
	int rc;

	if (create && !v[A_ID].set && !v[A_EXTERNAL].set)
		return err_usage(c, "missing %s (or %s)", vxlan_args[A_ID].kw,
				 vxlan_args[A_EXTERNAL].kw);
	/* ip refuses an id with external, which makes the id unused; vnetctl
	 * keeps it (vnetctl-vxlan(8)) */
	if (ctx_iproute2(c) && v[A_ID].set && v[A_EXTERNAL].set)
		return err_iproute2(c, VN_EIP_FAIL, "vxlan: both '%s' and vni cannot be specified",
				    vxlan_args[A_EXTERNAL].kw);
	if ((rc = check_peer(c, v)) < 0)
		return rc;
	if (l->set && l2_addr_multicast(&l->ip))
		return err_usage(c, "%s %s is a multicast address", vxlan_args[A_LOCAL].kw, l->str);
	if (l->set && v[peer].set && l->ip.family != v[peer].ip.family)
		return err_usage(c, "%s %s is %s but %s %s is %s: they must be of one family",
				 vxlan_args[A_LOCAL].kw, l->str, family_name(l->ip.family),
				 vxlan_args[peer].kw, v[peer].str, family_name(v[peer].ip.family));
	return 0;
}

/* An address into the attribute of its family. */
static void put_addr(struct nlmsghdr *nlh, uint16_t v4, uint16_t v6, const struct inet_prefix *p)
{
	if (p->family == AF_INET)
		mnl_attr_put(nlh, v4, sizeof(p->v4), &p->v4);
	else
		mnl_attr_put(nlh, v6, sizeof(p->v6), &p->v6);
}

/* A pair of flags (learning, nolearning) as one u8, when either is given. */
static void put_pair(struct nlmsghdr *nlh, uint16_t type, const struct val *on,
		     const struct val *off)
{
	if (on->set || off->set)
		mnl_attr_put_u8(nlh, type, on->set);
}

static void put_u8(struct nlmsghdr *nlh, uint16_t type, const struct val *v)
{
	if (v->set)
		mnl_attr_put_u8(nlh, type, (uint8_t)v->u);
}

/* IFLA_VXLAN_*: a device with external learns nothing unless told, as
 * with ip. */
static int vxlan_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		     const struct val *v)
{
	(void)k;
	const struct val *peer = v[A_GROUP].set ? &v[A_GROUP] : &v[A_REMOTE];
	uint32_t port = v[A_DSTPORT].set ? v[A_DSTPORT].u : VXLAN_IANA_PORT;
	/* Under ip's name, ip's default: the kernel's port, with ip's
	 * warning (vnetctl(8), UNDER IP'S NAME). */
	bool kernel_port = !v[A_DSTPORT].set && ctx_iproute2(c);
	/* a change sends only what it is given: the port is the device's */
	bool create = nlh->nlmsg_flags & NLM_F_CREATE;
	int rc, dev = 0;

	if ((rc = check_words(c, v, create)) < 0)
		return rc;
	if (v[A_DEV].set && (dev = link_index(c, v[A_DEV].str)) < 0)
		return dev;
	if (v[A_ID].set)
		mnl_attr_put_u32(nlh, IFLA_VXLAN_ID, v[A_ID].u);
	if (peer->set)
		put_addr(nlh, IFLA_VXLAN_GROUP, IFLA_VXLAN_GROUP6, &peer->ip);
	if (v[A_LOCAL].set)
		put_addr(nlh, IFLA_VXLAN_LOCAL, IFLA_VXLAN_LOCAL6, &v[A_LOCAL].ip);
	if (dev > 0)
		mnl_attr_put_u32(nlh, IFLA_VXLAN_LINK, (uint32_t)dev);
	if (v[A_DSTPORT].set || (create && !kernel_port))
		mnl_attr_put_u16(nlh, IFLA_VXLAN_PORT, htons((uint16_t)port));
	else if (create)
		fputs("vxlan: destination port not specified\n"
		      "Will use Linux kernel default (non-standard value)\n"
		      "Use 'dstport 4789' to get the IANA assigned value\n"
		      "Use 'dstport 0' to get default and quiet this message\n",
		      stderr);
	if (v[A_SRCPORT].set) {
		struct ifla_vxlan_port_range r = {htons((uint16_t)v[A_SRCPORT].range.low),
						  htons((uint16_t)v[A_SRCPORT].range.high)};
		mnl_attr_put(nlh, IFLA_VXLAN_PORT_RANGE, sizeof(r), &r);
	}
	put_u8(nlh, IFLA_VXLAN_TOS, &v[A_TOS]);
	put_u8(nlh, IFLA_VXLAN_TTL, &v[A_TTL]);
	put_pair(nlh, IFLA_VXLAN_LEARNING, &v[A_LEARNING], &v[A_NOLEARNING]);
	if (v[A_EXTERNAL].set && !v[A_LEARNING].set && !v[A_NOLEARNING].set)
		mnl_attr_put_u8(nlh, IFLA_VXLAN_LEARNING, 0);
	if (v[A_AGEING].set)
		mnl_attr_put_u32(nlh, IFLA_VXLAN_AGEING, v[A_AGEING].u);
	put_pair(nlh, IFLA_VXLAN_UDP_CSUM, &v[A_UDPCSUM], &v[A_NOUDPCSUM]);
	put_pair(nlh, IFLA_VXLAN_UDP_ZERO_CSUM6_TX, &v[A_UDP6TX], &v[A_NOUDP6TX]);
	put_pair(nlh, IFLA_VXLAN_UDP_ZERO_CSUM6_RX, &v[A_UDP6RX], &v[A_NOUDP6RX]);
	if (v[A_EXTERNAL].set)
		mnl_attr_put_u8(nlh, IFLA_VXLAN_COLLECT_METADATA, 1);
	for (size_t i = 0; i < ARRAY_SIZE(vx_flags); i++)
		if (v[vx_flags[i].arg].set)
			mnl_attr_put_u8(nlh, vx_flags[i].type, 1);
	if (v[A_DF].set)
		mnl_attr_put_u8(nlh, IFLA_VXLAN_DF, (uint8_t)v[A_DF].e);
	if (v[A_FLOWLABEL].set)
		mnl_attr_put_u32(nlh, IFLA_VXLAN_LABEL, htonl(v[A_FLOWLABEL].u));
	if (v[A_MAXADDRESS].set)
		mnl_attr_put_u32(nlh, IFLA_VXLAN_LIMIT, v[A_MAXADDRESS].u);
	if (v[A_GBP].set)
		mnl_attr_put(nlh, IFLA_VXLAN_GBP, 0, NULL);
	if (v[A_GPE].set)
		mnl_attr_put(nlh, IFLA_VXLAN_GPE, 0, NULL);
	return 0;
}

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* " remote fd00::2": worded as add takes it; the JSON key is ip's, with
 * "6" for IPv6 ("remote6"). */
static void print_addr(struct out *o, const char *kw, bool brief, const struct inet_prefix *p)
{
	char key[16];

	snprintf(key, sizeof(key), "%s%s", kw, p->family == AF_INET6 ? "6" : "");
	l2_print_addr(o, brief ? NULL : kw, key, p);
}

/* The kernel keeps the remote and the group in one attribute: a multicast
 * address is a group. */
static void print_peer(struct out *o, const struct nlattr **tb, bool brief)
{
	struct inet_prefix p;

	if (!l2_attr_addr(tb[IFLA_VXLAN_GROUP], &p) && !l2_attr_addr(tb[IFLA_VXLAN_GROUP6], &p))
		return;
	print_addr(o, vxlan_args[l2_addr_multicast(&p) ? A_GROUP : A_REMOTE].kw, brief, &p);
}

/* " srcport 0 0"; JSON "port_range": {"low": 0, "high": 0}, as ip. */
static void print_srcport(struct out *o, const struct nlattr *a)
{
	const struct ifla_vxlan_port_range *r;

	if (!a || mnl_attr_get_payload_len(a) < sizeof(*r))
		return;
	r = mnl_attr_get_payload(a);
	out_str(o, OUT_TEXT, NULL, " %s", vxlan_args[A_SRCPORT].kw);
	out_obj_open(o, "port_range");
	out_uint(o, OUT_ANY, "low", " %u", ntohs(r->low));
	out_uint(o, OUT_ANY, "high", " %u", ntohs(r->high));
	out_obj_close(o);
}

/* " tos 0x10", nothing for 0 (ip: "inherit" for 1); JSON "tos": "0x10". */
static void print_tos(struct ctx *c, const struct nlattr *a)
{
	char hex[8];
	uint8_t tos;

	if (!nl_attr_u8(a, &tos) || !tos)
		return;
	snprintf(hex, sizeof(hex), "0x%x", tos);
	out_str(c->out, OUT_TEXT, NULL, " %s", vxlan_args[A_TOS].kw);
	out_str(c->out, OUT_TEXT, NULL, " %s",
		ctx_iproute2(c) && tos == tos_values[0] ? tos_words[0] : hex);
	out_str(c->out, OUT_JSON, "tos", "%s", hex);
}

/* " ttl 5"; under ip's name 0 is "auto", as ip prints it.  JSON: the number. */
static void print_ttl(struct ctx *c, const struct nlattr *a)
{
	uint8_t ttl;

	if (!nl_attr_u8(a, &ttl))
		return;
	if (ctx_iproute2(c) && ttl == ttl_values[0]) {
		out_str(c->out, OUT_TEXT, NULL, " %s", vxlan_args[A_TTL].kw);
		out_str(c->out, OUT_TEXT, NULL, " %s", ttl_words[0]);
		out_uint(c->out, OUT_JSON, "ttl", "", ttl);
		return;
	}
	l2_print_uint(c->out, vxlan_args[A_TTL].kw, "ttl", ttl);
}

/* " learning" or " nolearning"; JSON key: true or false.  ip prints the
 * word only when it is off (only: ip leaves out udp6zerocsum's on). */
static void print_pair(struct out *o, const struct nlattr *a, int on, int off, const char *key,
		       bool only)
{
	uint8_t v;

	if (!nl_attr_u8(a, &v))
		return;
	if (!only || !v)
		out_str(o, OUT_TEXT, NULL, " %s", vxlan_args[v ? on : off].kw);
	out_bool(o, OUT_JSON, key, "", v);
}

/* A flag word set: " l2miss", JSON "l2miss": true. */
static void print_flag(struct out *o, const struct nlattr *a, int arg, const char *key)
{
	uint8_t v;

	if ((arg == A_GBP || arg == A_GPE) ? a != NULL : nl_attr_u8(a, &v) && v) {
		out_str(o, OUT_TEXT, NULL, " %s", vxlan_args[arg].kw);
		out_bool(o, OUT_JSON, key, "", true);
	}
}

/* " df set" (unset is not printed; JSON always has it); " flowlabel 0x5". */
static void print_df_label(struct out *o, const struct nlattr **tb)
{
	char hex[16];
	uint32_t label;
	uint8_t df;

	if (nl_attr_u8(tb[IFLA_VXLAN_DF], &df) && df <= VXLAN_DF_MAX) {
		if (df)
			out_str(o, OUT_TEXT, NULL, " %s", vxlan_args[A_DF].kw);
		out_str(o, df ? OUT_ANY : OUT_JSON, "df", " %s", l2_df_words[df]);
	}
	if (nl_attr_u32(tb[IFLA_VXLAN_LABEL], &label) && label) {
		snprintf(hex, sizeof(hex), "%#x", ntohl(label));
		l2_print_word(o, vxlan_args[A_FLOWLABEL].kw, "label", hex);
	}
}

/* The identity: " id 42 remote 10.0.0.2 local 10.0.0.1 dev eth0 srcport 0 0
 * dstport 4789"; under ip's name after " external vnifilter", which ip
 * prints with no blank before id. */
static void print_ident(struct ctx *c, const struct nlattr **tb)
{
	struct out *o = c->out;
	struct inet_prefix p;
	uint16_t port;
	uint32_t u32;
	uint8_t u8;
	bool glued = false;

	if (ctx_iproute2(c) && nl_attr_u8(tb[IFLA_VXLAN_COLLECT_METADATA], &u8) && u8) {
		print_flag(o, tb[IFLA_VXLAN_COLLECT_METADATA], A_EXTERNAL, "external");
		print_flag(o, tb[IFLA_VXLAN_VNIFILTER], A_VNIFILTER, "vnifilter");
		glued = nl_attr_u8(tb[IFLA_VXLAN_VNIFILTER], &u8) && u8;
	}
	if (nl_attr_u32(tb[IFLA_VXLAN_ID], &u32)) {
		out_str(o, OUT_TEXT, NULL, glued ? "%s" : " %s", vxlan_args[A_ID].kw);
		out_uint(o, OUT_ANY, "id", " %u", u32);
	}
	print_peer(o, tb, false);
	if (l2_attr_addr(tb[IFLA_VXLAN_LOCAL], &p) || l2_attr_addr(tb[IFLA_VXLAN_LOCAL6], &p))
		print_addr(o, vxlan_args[A_LOCAL].kw, false, &p);
	if (nl_attr_u32(tb[IFLA_VXLAN_LINK], &u32) && u32)
		l2_print_dev(c, vxlan_args[A_DEV].kw, "link", u32);
	print_srcport(o, tb[IFLA_VXLAN_PORT_RANGE]);
	if (nl_attr_u16(tb[IFLA_VXLAN_PORT], &port))
		l2_print_uint(o, vxlan_args[A_DSTPORT].kw, "port", ntohs(port));
}

/* In ip -j -d's order, JSON only under vnetctl's name (see l2_json_facts). */
static const struct l2_fact vxlan_facts[] = {
    {IFLA_VXLAN_VNIFILTER, L2_SET, "vnifilter"},
    {IFLA_VXLAN_PROXY, L2_SET, "proxy"},
    {IFLA_VXLAN_RSC, L2_SET, "rsc"},
    {IFLA_VXLAN_L2MISS, L2_SET, "l2miss"},
    {IFLA_VXLAN_L3MISS, L2_SET, "l3miss"},
    {IFLA_VXLAN_DF, L2_DF, "df"},
    {IFLA_VXLAN_LABEL, L2_LABEL, "label"},
    {IFLA_VXLAN_LIMIT, L2_U32_NONZERO, "limit"},
    {IFLA_VXLAN_UDP_ZERO_CSUM6_TX, L2_BOOL, "udp_zero_csum6_tx"},
    {IFLA_VXLAN_UDP_ZERO_CSUM6_RX, L2_BOOL, "udp_zero_csum6_rx"},
    {IFLA_VXLAN_REMCSUM_TX, L2_SET, "remcsum_tx"},
    {IFLA_VXLAN_REMCSUM_RX, L2_SET, "remcsum_rx"},
    {IFLA_VXLAN_GBP, L2_PRESENT, "gbp"},
    {IFLA_VXLAN_GPE, L2_PRESENT, "gpe"},
};

/* Under ip's name, ip's words in ip's order after the ttl: " df set
 * flowlabel 0x5 ageing 300 maxaddress 10 udpcsum noudp6zerocsumtx
 * noudp6zerocsumrx remcsumtx remcsumrx gbp gpe". */
static void print_ip_tail(struct ctx *c, const struct nlattr **tb)
{
	struct out *o = c->out;
	uint32_t u32;

	print_df_label(o, tb);
	if (nl_attr_u32(tb[IFLA_VXLAN_AGEING], &u32))
		l2_print_uint(o, vxlan_args[A_AGEING].kw, "ageing", u32);
	if (nl_attr_u32(tb[IFLA_VXLAN_LIMIT], &u32) && u32)
		l2_print_uint(o, vxlan_args[A_MAXADDRESS].alias, "limit", u32);
	print_pair(o, tb[IFLA_VXLAN_UDP_CSUM], A_UDPCSUM, A_NOUDPCSUM, "udp_csum", false);
	print_pair(o, tb[IFLA_VXLAN_UDP_ZERO_CSUM6_TX], A_UDP6TX, A_NOUDP6TX, "udp_zero_csum6_tx",
		   false);
	print_pair(o, tb[IFLA_VXLAN_UDP_ZERO_CSUM6_RX], A_UDP6RX, A_NOUDP6RX, "udp_zero_csum6_rx",
		   false);
	print_flag(o, tb[IFLA_VXLAN_REMCSUM_TX], A_REMCSUMTX, "remcsum_tx");
	print_flag(o, tb[IFLA_VXLAN_REMCSUM_RX], A_REMCSUMRX, "remcsum_rx");
	print_flag(o, tb[IFLA_VXLAN_GBP], A_GBP, "gbp");
	print_flag(o, tb[IFLA_VXLAN_GPE], A_GPE, "gpe");
}

/* " id 42 remote 10.0.0.2 local 10.0.0.1 dev eth0 srcport 0 0 dstport 4789
 * ttl 0 learning ageing 300 udpcsum", the JSON keys those of ip -j ("link",
 * "port", "port_range", "udp_csum", "remote6"); under ip's name ip's line,
 * " ... dstport 4789 nolearning l2miss ttl auto ageing 300 udpcsum
 * noudp6zerocsumtx noudp6zerocsumrx". */
static void vxlan_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_VXLAN_MAX + 1];
	struct out *o = c->out;
	bool ip = ctx_iproute2(c);
	uint32_t u32;
	uint8_t u8;

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_VXLAN_MAX);
	print_ident(c, tb);
	if (ip) {
		print_pair(o, tb[IFLA_VXLAN_LEARNING], A_LEARNING, A_NOLEARNING, "learning", true);
		print_flag(o, tb[IFLA_VXLAN_PROXY], A_PROXY, "proxy");
		print_flag(o, tb[IFLA_VXLAN_RSC], A_RSC, "rsc");
		print_flag(o, tb[IFLA_VXLAN_L2MISS], A_L2MISS, "l2miss");
		print_flag(o, tb[IFLA_VXLAN_L3MISS], A_L3MISS, "l3miss");
	}
	print_tos(c, tb[IFLA_VXLAN_TOS]);
	print_ttl(c, tb[IFLA_VXLAN_TTL]);
	if (ip) {
		print_ip_tail(c, tb);
		return;
	}
	print_pair(o, tb[IFLA_VXLAN_LEARNING], A_LEARNING, A_NOLEARNING, "learning", false);
	if (nl_attr_u32(tb[IFLA_VXLAN_AGEING], &u32))
		l2_print_uint(o, vxlan_args[A_AGEING].kw, "ageing", u32);
	print_pair(o, tb[IFLA_VXLAN_UDP_CSUM], A_UDPCSUM, A_NOUDPCSUM, "udp_csum", false);
	if (nl_attr_u8(tb[IFLA_VXLAN_COLLECT_METADATA], &u8) && u8)
		print_flag(o, tb[IFLA_VXLAN_COLLECT_METADATA], A_EXTERNAL, "external");
	l2_json_facts(o, tb, vxlan_facts, ARRAY_SIZE(vxlan_facts));
}

/* " 42 10.0.0.2" */
static void vxlan_brief(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_VXLAN_MAX + 1];
	uint32_t id;

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_VXLAN_MAX);
	if (nl_attr_u32(tb[IFLA_VXLAN_ID], &id))
		l2_print_uint(c->out, NULL, "id", id);
	print_peer(c->out, tb, true);
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name vxlan_attr_names[IFLA_VXLAN_MAX + 1] = {
    NL_ATTR(IFLA_VXLAN_ID, NL_U32),	 NL_ATTR(IFLA_VXLAN_GROUP, NL_IP),
    NL_ATTR(IFLA_VXLAN_GROUP6, NL_IP),	 NL_ATTR(IFLA_VXLAN_LOCAL, NL_IP),
    NL_ATTR(IFLA_VXLAN_LOCAL6, NL_IP),	 NL_ATTR(IFLA_VXLAN_LINK, NL_U32),
    NL_ATTR(IFLA_VXLAN_PORT, NL_BE16),	 NL_ATTR(IFLA_VXLAN_PORT_RANGE, NL_BIN),
    NL_ATTR(IFLA_VXLAN_TOS, NL_U8),	 NL_ATTR(IFLA_VXLAN_TTL, NL_U8),
    NL_ATTR(IFLA_VXLAN_LEARNING, NL_U8), NL_ATTR(IFLA_VXLAN_AGEING, NL_U32),
    NL_ATTR(IFLA_VXLAN_UDP_CSUM, NL_U8), NL_ATTR(IFLA_VXLAN_COLLECT_METADATA, NL_U8),
};

static const struct link_kind vxlan_kind = {
    .kind = "vxlan",
    .help = "Ethernet segments over UDP between hosts (VXLAN, RFC 7348)",
    VERB_ARGS(vxlan_args),
    .put = vxlan_put,
    .show = vxlan_show,
    .brief = vxlan_brief,
    KIND_DATA(vxlan_attr_names),
};
VNETCTL_LINK_KIND(vxlan_kind)
