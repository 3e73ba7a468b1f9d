// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vxlan: Ethernet segments carried over UDP between hosts (RFC 7348).  A
 * vxlan device's frames travel in UDP datagrams tagged with its 24-bit
 * network identifier (VNI), either to one remote endpoint (unicast) or to
 * a multicast group that every endpoint of the segment joins; the device
 * learns which endpoint each MAC address is behind.
 *
 * IFLA_VXLAN_GROUP/GROUP6 holds the remote or the group, told apart by the
 * address itself; LOCAL/LOCAL6 the source.  The destination port is
 * IFLA_VXLAN_PORT in network byte order.  Without one the kernel would use
 * 8472, the port Linux used before IANA assigned 4789, which other
 * implementations (Open vSwitch, switches, other OSes) use: vnetctl sends
 * 4789 unless told otherwise, and `dstport 0` leaves the choice to the
 * kernel.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/if.h>
#include <string.h>

#include "l2common.h"
#include "out.h"

static const char vxlan_kind[] = "vxlan";

/* IANA's port for VXLAN, sent when no dstport is given. */
#define VXLAN_IANA_PORT 4789

/* ---- the arguments ------------------------------------------------------- */

enum add_arg {
	A_NAME,
	A_ID,
	A_REMOTE,
	A_GROUP,
	A_LOCAL,
	A_DEV,
	A_DSTPORT,
	A_TTL,
	A_LEARNING,
	A_NOLEARNING,
	A_NARGS
};

static const struct arg add_args[A_NARGS] = {
    [A_NAME] = L2_NAME_ENTRY,
    [A_ID] = {.kw = "id",
	      .kind = ARG_U32,
	      .flags = ARGF_REQUIRED,
	      .max = L2_VNI_MAX,
	      .metavar = "VNI",
	      .help = "the network identifier, 0..16777215"},
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
    [A_DEV] = {.kw = l2_dev_word,
	       .kind = ARG_IFNAME,
	       .metavar = "PHYS",
	       .help = "the device the UDP packets leave by (and join the group on)"},
    [A_DSTPORT] = {.kw = "dstport",
		   .kind = ARG_U32,
		   .max = 65535,
		   .metavar = "PORT",
		   .help = "the UDP destination port (default 4789, IANA's; 0: the kernel's, "
			   "8472)"},
    [A_TTL] = {.kw = "ttl",
	       .kind = ARG_U32,
	       .max = 255,
	       .help = "the outer packets' time to live, 0..255 (default 0: the route's, 1 "
		       "for a group)"},
    [A_LEARNING] = {.kw = "learning",
		    .kind = ARG_FLAG,
		    .excludes = A_NOLEARNING + 1,
		    .help = "learn the endpoint behind each source MAC address (the default)"},
    [A_NOLEARNING] = {.kw = "nolearning",
		      .kind = ARG_FLAG,
		      .help = "learn nothing: the forwarding database is filled by hand"},
};

enum dev_arg { D_DEV, D_NARGS };

static const struct arg del_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(ARGF_REQUIRED, vxlan_kind, "the vxlan device to delete"),
};
static const struct arg show_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(0, vxlan_kind, "only this device (default: every vxlan)"),
};

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* " remote 10.0.0.2" or " group 239.1.1.1": the kernel keeps both in one
 * attribute, and a multicast address is a group. */
static void print_peer(struct out *o, const struct nlattr **tb, bool brief)
{
	struct inet_prefix p;
	int arg;

	if (!l2_attr_addr(tb[IFLA_VXLAN_GROUP], &p) && !l2_attr_addr(tb[IFLA_VXLAN_GROUP6], &p))
		return;
	arg = l2_addr_multicast(&p) ? A_GROUP : A_REMOTE;
	l2_print_addr(o, brief ? NULL : add_args[arg].kw, add_args[arg].kw, &p);
}

static void print_local(struct out *o, const struct nlattr **tb)
{
	struct inet_prefix p;

	if (l2_attr_addr(tb[IFLA_VXLAN_LOCAL], &p) || l2_attr_addr(tb[IFLA_VXLAN_LOCAL6], &p))
		l2_print_addr(o, add_args[A_LOCAL].kw, add_args[A_LOCAL].kw, &p);
}

/* " learning" or " nolearning"; JSON "learning": true or false. */
static void print_learning(struct out *o, const struct nlattr **tb)
{
	uint8_t on;

	if (!l2_attr_u8(tb[IFLA_VXLAN_LEARNING], &on))
		return;
	out_str(o, OUT_TEXT, NULL, " %s", add_args[on ? A_LEARNING : A_NOLEARNING].kw);
	out_bool(o, OUT_JSON, add_args[A_LEARNING].kw, "", on);
}

/* " id 42 remote 10.0.0.2 local 10.0.0.1 dev eth0 dstport 4789 ttl 0
 * learning", the JSON keys those of ip -j ("link", "port"), one key for
 * either family of an address. */
static void vxlan_kind_print(struct ctx *c, const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_VXLAN_MAX + 1];
	struct out *o = c->out;
	uint32_t id, link;
	uint16_t port;
	uint8_t ttl;

	nl_parse_nested(data, tb, IFLA_VXLAN_MAX);
	if (l2_attr_u32(tb[IFLA_VXLAN_ID], &id))
		l2_print_uint(o, add_args[A_ID].kw, "id", id);
	print_peer(o, tb, false);
	print_local(o, tb);
	if (l2_attr_u32(tb[IFLA_VXLAN_LINK], &link) && link)
		l2_print_dev(c, add_args[A_DEV].kw, "link", link);
	if (l2_attr_u16(tb[IFLA_VXLAN_PORT], &port))
		l2_print_uint(o, add_args[A_DSTPORT].kw, "port", ntohs(port));
	if (l2_attr_u8(tb[IFLA_VXLAN_TTL], &ttl))
		l2_print_uint(o, add_args[A_TTL].kw, "ttl", ttl);
	print_learning(o, tb);
}

/* " 42 10.0.0.2" */
static void vxlan_brief(struct ctx *c, const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_VXLAN_MAX + 1];
	uint32_t id;

	nl_parse_nested(data, tb, IFLA_VXLAN_MAX);
	if (l2_attr_u32(tb[IFLA_VXLAN_ID], &id))
		l2_print_uint(c->out, NULL, "id", id);
	print_peer(c->out, tb, true);
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name vxlan_attr_names[IFLA_VXLAN_MAX + 1] = {
    NL_ATTR(IFLA_VXLAN_ID, NL_U32),	 NL_ATTR(IFLA_VXLAN_GROUP, NL_IP),
    NL_ATTR(IFLA_VXLAN_GROUP6, NL_IP),	 NL_ATTR(IFLA_VXLAN_LOCAL, NL_IP),
    NL_ATTR(IFLA_VXLAN_LOCAL6, NL_IP),	 NL_ATTR(IFLA_VXLAN_LINK, NL_U32),
    NL_ATTR(IFLA_VXLAN_PORT, NL_BE16),	 NL_ATTR(IFLA_VXLAN_TTL, NL_U8),
    NL_ATTR(IFLA_VXLAN_LEARNING, NL_U8),
};
static const struct link_kind vxlan_link_kind = {.kind = vxlan_kind,
						 .print = vxlan_kind_print,
						 .data_names = vxlan_attr_names,
						 .data_max = IFLA_VXLAN_MAX};
VNETCTL_LINK_KIND(vxlan_link_kind)

static const struct l2_kind vxlan_l2 = {.link = &vxlan_link_kind, .brief = vxlan_brief};

/* ---- vxlan add ----------------------------------------------------------- */

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
		return err_usage(c, "%s %s is a multicast address (use %s)", add_args[A_REMOTE].kw,
				 r->str, add_args[A_GROUP].kw);
	if (g->set && !l2_addr_multicast(&g->ip))
		return err_usage(c, "%s %s is not a multicast address (use %s)",
				 add_args[A_GROUP].kw, g->str, add_args[A_REMOTE].kw);
	if (g->set && !v[A_DEV].set)
		return err_usage(c, "%s needs %s: the device to join the group on",
				 add_args[A_GROUP].kw, add_args[A_DEV].kw);
	return 0;
}

/* What the parser cannot know, checked before anything is sent. */
static int add_check(struct ctx *c, const struct val *v)
{
	const int peer = v[A_GROUP].set ? A_GROUP : A_REMOTE;
	const struct val *l = &v[A_LOCAL];
	int rc = check_peer(c, v);

	if (rc < 0)
		return rc;
	if (l->set && l2_addr_multicast(&l->ip))
		return err_usage(c, "%s %s is a multicast address", add_args[A_LOCAL].kw, l->str);
	if (l->set && v[peer].set && l->ip.family != v[peer].ip.family)
		return err_usage(c, "%s %s is %s but %s %s is %s: they must be of one family",
				 add_args[A_LOCAL].kw, l->str, family_name(l->ip.family),
				 add_args[peer].kw, v[peer].str, family_name(v[peer].ip.family));
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

static void put_opts(struct nlmsghdr *nlh, const struct val *v, int dev)
{
	const struct val *peer = v[A_GROUP].set ? &v[A_GROUP] : &v[A_REMOTE];
	uint32_t port = v[A_DSTPORT].set ? v[A_DSTPORT].u : VXLAN_IANA_PORT;

	mnl_attr_put_u32(nlh, IFLA_VXLAN_ID, v[A_ID].u);
	if (peer->set)
		put_addr(nlh, IFLA_VXLAN_GROUP, IFLA_VXLAN_GROUP6, &peer->ip);
	if (v[A_LOCAL].set)
		put_addr(nlh, IFLA_VXLAN_LOCAL, IFLA_VXLAN_LOCAL6, &v[A_LOCAL].ip);
	if (dev > 0)
		mnl_attr_put_u32(nlh, IFLA_VXLAN_LINK, (uint32_t)dev);
	mnl_attr_put_u16(nlh, IFLA_VXLAN_PORT, htons((uint16_t)port));
	if (v[A_TTL].set)
		mnl_attr_put_u8(nlh, IFLA_VXLAN_TTL, (uint8_t)v[A_TTL].u);
	if (v[A_LEARNING].set || v[A_NOLEARNING].set)
		mnl_attr_put_u8(nlh, IFLA_VXLAN_LEARNING, v[A_LEARNING].set);
}

/* IFLA_LINKINFO { KIND, DATA { IFLA_VXLAN_* } }; the underlay device is
 * IFLA_VXLAN_LINK, not the device's IFLA_LINK. */
static int vxlan_add(struct ctx *c, const struct val *v)
{
	struct l2_msg msg;
	int dev = 0;
	int rc = add_check(c, v);

	if (rc == 0 && v[A_DEV].set)
		rc = dev = link_index(c, v[A_DEV].str);
	if (rc >= 0)
		rc = l2_msg_start(c, &msg, v[A_NAME].str, NULL);
	if (rc < 0)
		return rc;
	l2_data_start(&msg, vxlan_kind);
	put_opts(msg.nlh, v, dev);
	return l2_msg_send(c, &msg, vxlan_kind, v[A_NAME].str);
}

static int vxlan_del(struct ctx *c, const struct val *v)
{
	return l2_del(c, &vxlan_l2, v[D_DEV].str);
}

static int vxlan_show(struct ctx *c, const struct val *v)
{
	return l2_show(c, &vxlan_l2, v[D_DEV].set ? v[D_DEV].str : NULL);
}

/* ---- the object ---------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", NULL};

static const struct verb vxlan_verbs[] = {
    {.name = "add",
     VERB_ARGS(add_args),
     .run = vxlan_add,
     .help = "make a vxlan device, in one request"},
    {.name = "del",
     .aliases = del_aliases,
     VERB_ARGS(del_args),
     .run = vxlan_del,
     .help = "delete a vxlan device; a device of another kind is refused"},
    {.name = "show",
     .aliases = show_aliases,
     VERB_ARGS(show_args),
     .run = vxlan_show,
     .help = "list the vxlan devices: VNI, endpoints, port, ttl, learning (-br, -j)"},
};

static const struct object vxlan_object = {
    .name = vxlan_kind,
    .verbs = vxlan_verbs,
    .nverbs = ARRAY_SIZE(vxlan_verbs),
    .default_verb = "show",
    .help = "Ethernet segments over UDP between hosts (VXLAN, RFC 7348)",
};
VNETCTL_OBJECT(vxlan_object)
