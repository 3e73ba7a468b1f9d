/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Link kinds as one core concept (implemented in link/kind.c).
 *
 * A kind module describes its kind once, in a struct link_kind (link.h):
 * its name as IFLA_INFO_KIND spells it, the words `add` takes for it (a
 * table), the function that puts IFLA_INFO_DATA from the parsed values, and
 * the printer of its details.  From that the core makes
 *
 *	vnetctl KIND add [link DEV] [name] NAME [COMMON...] [KIND WORDS...]
 *	vnetctl KIND del NAME              a device of another kind is refused
 *	vnetctl KIND show [NAME]           the devices of that kind
 *	vnetctl link add ... type KIND [KIND WORDS...]    iproute2's grammar
 *
 * with -d details, dry-run names and completion from the same table.  The
 * COMMON words are iproute2's `ip link add` ones (link, name, address,
 * broadcast, mtu, txqueuelen, numtxqueues, numrxqueues, netns, group,
 * master, up), spelled once, in kind.c.
 */
#ifndef VNETCTL_KIND_H
#define VNETCTL_KIND_H

#include "core.h"
#include "link.h"

/* A device's common settings, spelled once: link add's common words, link
 * set, link show's and del's filters, veth's ends and bridge add take them
 * from here, each with the help that says what the word does there.  Their
 * ip_order is their place in iproute2's iplink_parse(), which reads link add
 * and link set (core.h): under ip's name `ip link set dev x m br0` is
 * master, since ip reads mtu only spelled whole (ARGF_IP_EXACT). */
enum link_word_ip_order {
	IPO_UP = 1,
	IPO_DOWN = 2,
	IPO_NAME = 3,
	IPO_INDEX = 4,
	IPO_LINK = 5,
	IPO_ADDRESS = 6,
	IPO_BROADCAST = 7,
	IPO_TXQUEUELEN = 9,
	IPO_MTU = 12,
	IPO_NETNS = 20,
	IPO_MASTER = 38,
	IPO_NOMASTER = 40,
	IPO_DYNAMIC = 42,
	IPO_TYPE = 44,
	IPO_ALIAS = 45,
	IPO_GROUP = 46,
	IPO_NUMTXQUEUES = 49,
	IPO_NUMRXQUEUES = 50,
	IPO_ADDRGENMODE = 52,
};
#define LINK_WORD_MTU(lo, hi, h)                                                                   \
	{                                                                                          \
		.kw = "mtu", .kind = ARG_U32, .flags = ARGF_IP_EXACT, .min = (lo), .max = (hi),    \
		.metavar = "BYTES", .help = (h), .ip_order = IPO_MTU                               \
	}
#define LINK_WORD_BROADCAST(h)                                                                     \
	{                                                                                          \
		.kw = "broadcast", .alias = "brd", .kind = ARG_MAC, .metavar = "MAC", .help = (h), \
		.ip_order = IPO_BROADCAST                                                          \
	}
#define LINK_WORD_ALIAS(h)                                                                         \
	{                                                                                          \
		.kw = "alias", .kind = ARG_STRING, .metavar = "TEXT", .help = (h),                 \
		.ip_order = IPO_ALIAS                                                              \
	}
/* The offload sizes, ip reads them spelled whole; gso_max_segs up to the
 * kernel's GSO_MAX_SEGS. */
#define LINK_WORD_SIZE(k, hi, h)                                                                   \
	{                                                                                          \
		.kw = (k), .kind = ARG_U32, .flags = ARGF_IP_EXACT, .max = (hi), .metavar = "N",   \
		.help = (h)                                                                        \
	}
#define LINK_GSO_MAX_SEGS 65535
#define LINK_WORD_ADDRESS(h)                                                                       \
	{                                                                                          \
		.kw = "address", .kind = ARG_MAC, .flags = ARGF_UNICAST, .metavar = "MAC",         \
		.help = (h), .ip_order = IPO_ADDRESS                                               \
	}
#define LINK_WORD_TXQUEUELEN                                                                       \
	{                                                                                          \
		.kw = "txqueuelen", .alias = "txqlen", .kind = ARG_U32, .max = UINT32_MAX,         \
		.metavar = "PACKETS", .help = "the transmit queue's length, in packets",           \
		.ip_order = IPO_TXQUEUELEN                                                         \
	}
#define LINK_WORD_NETNS(h)                                                                         \
	{                                                                                          \
		.kw = "netns", .kind = ARG_NETNS, .flags = ARGF_IP_EXACT, .metavar = "NS|PID",     \
		.help = (h), .ip_order = IPO_NETNS                                                 \
	}
#define LINK_WORD_GROUP(lo, h)                                                                     \
	{                                                                                          \
		.kw = "group", .kind = ARG_U32, .flags = ARGF_IP_EXACT, .min = (lo),               \
		.max = UINT32_MAX, .metavar = "GROUP", .help = (h), .ip_order = IPO_GROUP          \
	}
/* The same, taking "default" for group 0 too, as ip does (link set, show). */
extern const char *const link_group_words[];
extern const uint32_t link_group_values[];
#define LINK_WORD_GROUP_NAMED(h)                                                                   \
	{                                                                                          \
		.kw = "group", .kind = ARG_U32, .flags = ARGF_IP_EXACT, .max = UINT32_MAX,         \
		.words = link_group_words, .values = link_group_values, .metavar = "GROUP",        \
		.help = (h), .ip_order = IPO_GROUP                                                 \
	}
/* ex: the index + 1 of the word it excludes, or 0 */
#define LINK_WORD_MASTER(ex, h)                                                                    \
	{                                                                                          \
		.kw = "master", .kind = ARG_IFNAME, .metavar = "DEV", .excludes = (ex),            \
		.help = (h), .ip_order = IPO_MASTER                                                \
	}
#define LINK_WORD_UP(ex, h)                                                                        \
	{                                                                                          \
		.kw = "up", .kind = ARG_FLAG, .flags = ARGF_IP_EXACT, .excludes = (ex),            \
		.help = (h), .ip_order = IPO_UP                                                    \
	}

/* `link add`'s table: the common words, then `type KIND ...`. */
enum link_add_arg {
	LA_LINK,
	LA_NAME,
	LA_ADDRESS,
	LA_BROADCAST,
	LA_MTU,
	LA_TXQUEUELEN,
	LA_NUMTXQUEUES,
	LA_NUMRXQUEUES,
	LA_NETNS,
	LA_GROUP,
	LA_MASTER,
	LA_UP,
	LA_INDEX,
	LA_ALIAS,
	LA_GSO_MAX_SIZE,
	LA_GSO_MAX_SEGS,
	LA_GRO_MAX_SIZE,
	LA_NCOMMON,
	LA_TYPE = LA_NCOMMON, /* link add only: the kind and its words */
	LA_NARGS
};
extern const struct arg link_add_args[LA_NARGS];

/* link add: the kind named after `type`, its words parsed by its table. */
int kind_link_add(struct ctx *c, const struct val *v);
/* ip link help KIND: the kind's words on stdout (as link add type KIND
 * help), 0; -1 for a kind vnetctl cannot make. */
int kind_usage(const char *kind);

/* Whether link add makes the kind: it describes its words (.help, or .put
 * for a kind whose object is its module's own, as bridge). */
bool kind_makeable(const struct link_kind *k);

/* The words of a kind link add can make, or of a port of a kind of master
 * ("bridge_slave"), as a verb (vb is filled), for completion; NULL for
 * another word. */
const struct verb *kind_words(const char *kind, struct verb *vb);

/* link set ... type KIND_slave WORDS (a port's settings under its master
 * of kind *k, *slave set) or type KIND WORDS (the device's own, of kind
 * *k): t is the ARG_KIND value; the words parsed into kv (nkv values at
 * most); at least one must be given.  Usage errors only: nothing is sent. */
int kind_type_parse(struct ctx *c, const struct val *t, const struct link_kind **k, bool *slave,
		    struct val *kv, size_t nkv);
/* Put IFLA_LINKINFO { IFLA_INFO_KIND, IFLA_INFO_DATA { kv } }: the kind's
 * settings changed on a device of that kind. */
int kind_put_own(struct ctx *c, struct nlmsghdr *nlh, const struct link_kind *k,
		 const struct val *kv);
/* Put IFLA_LINKINFO { IFLA_INFO_SLAVE_KIND, IFLA_INFO_SLAVE_DATA { kv } }
 * once dev is found to be a port of a master of kind k (else exit 1). */
int kind_put_slave(struct ctx *c, struct nlmsghdr *nlh, const char *dev, const struct link_kind *k,
		   const struct val *kv);

/* Every registered kind, in the order registered. */
const struct link_kind *const *link_kinds_all(size_t *n);

/* 0 when m is of that kind, else the error "not a KIND device (it is a Y;
 * HINT)" (hint may be NULL), exit 1. */
int kind_check(struct ctx *c, const char *kind, const struct link_msg *m, const char *hint);

/* `KIND del NAME`: the device, checked to be of kind k, deleted by index. */
int kind_del(struct ctx *c, const struct link_kind *k, const char *name);
/* `KIND show [NAME]`: every device of kind k (or only NAME, which must be
 * of it), one line each: `NAME state S [link LOWER] DETAILS address MAC`,
 * or with -br the values alone in columns (kindshow.c). */
int kind_show(struct ctx *c, const struct link_kind *k, const char *name);

/* Put the common words' attributes (v indexed by enum link_add_arg, up to
 * LA_NCOMMON): the name, lower device, master, addresses, sizes, group and
 * namespace (its fd held by the ctx until the request is sent).  A kind's
 * put uses it for a device nested in its own (veth's peer). */
int kind_put_common(struct ctx *c, struct nlmsghdr *nlh, const struct val *v);

/* Put IFLA_NET_NS_PID for a number, else IFLA_NET_NS_FD of the named
 * namespace, opened: *fd is the caller's to close after the request. */
int link_put_netns(struct ctx *c, struct nlmsghdr *nlh, const char *ns, int *fd);

#endif
