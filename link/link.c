// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The `link` object: show, change and delete network devices of any kind.
 *
 * Every change `link set` is given goes into ONE RTM_NEWLINK: one round trip
 * and one answer.  The kernel applies them in its own order (namespace,
 * address, mtu, name, alias, flags, master, txqueuelen) and stops at the
 * first it refuses, so that answer names the change that failed.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "kind.h"
#include "link.h"
#include "linkdel.h"
#include "linkvf.h"
#include "nl.h"
#include "out.h"

/* The kernel answers a name it does not know with a bare ENODEV. */
static int link_request(struct ctx *c, struct nlmsghdr *nlh, const char *dev)
{
	int rc;

	c->req_dev = dev; /* pipelined, its ENODEV is worded the same */
	rc = nl_request(c, nlh, NULL, NULL);
	c->req_dev = NULL;
	if (rc == -ENODEV && !c->reason[0] && dev)
		return err_nodev(c, dev);
	return rc;
}

static struct ifinfomsg *put_ifinfo(struct nlmsghdr *nlh)
{
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	return ifi;
}

/* Every verb names its device the same way: `dev NAME`, or just NAME. */
#define DEV_ARG(req, text)                                                                         \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .flags = ARGF_POSITIONAL | ARGF_SUBJECT | (req),  \
		.metavar = "NAME", .help = text                                                    \
	}

/* what an object adds to link set and show -d (link.h), or NULL */
static const struct link_set_ext *set_ext;

/* ---- link show ----------------------------------------------------------- */

enum show_arg {
	SHOW_DEV,
	SHOW_UP,
	SHOW_TYPE,
	SHOW_MASTER,
	SHOW_VRF,
	SHOW_GROUP,
	SHOW_NOMASTER,
	SHOW_NARGS
};

static const int show_nomaster_excl[] = {SHOW_VRF + 1, 0};

/* The filters combine, as ip's do. */
static const struct arg show_args[SHOW_NARGS] = {
    [SHOW_DEV] = DEV_ARG(0, "only this device (default: every device)"),
    [SHOW_UP] = LINK_WORD_UP(0, "only the devices that are up"),
    [SHOW_TYPE] = {.kw = "type",
		   .kind = ARG_STRING,
		   .metavar = "KIND",
		   .help = "only the devices of that kind (KIND_slave: the ports of that kind)"},
    [SHOW_MASTER] = LINK_WORD_MASTER(0, "only the ports of that bridge, bond or vrf"),
    [SHOW_VRF] = {.kw = "vrf",
		  .kind = ARG_IFNAME,
		  .metavar = "NAME",
		  .live_kind = "vrf",
		  .excludes = SHOW_MASTER + 1,
		  .help = "only the devices enslaved to that vrf"},
    [SHOW_GROUP] = LINK_WORD_GROUP_NAMED("only the devices of that interface group (default: 0)"),
    [SHOW_NOMASTER] = {.kw = "nomaster",
		       .kind = ARG_FLAG,
		       .excludes = SHOW_MASTER + 1,
		       .excludes_more = show_nomaster_excl,
		       .help = "only the devices that have no master",
		       .ip_order = IPO_NOMASTER},
};

struct show {
	bool listed; /* the JSON list is open */
	const struct val *v;
	int master; /* ifindex of master or vrf, 0 for any */
};

static bool show_wanted(const struct show *s, const struct link_msg *m)
{
	const struct val *v = s->v;

	if (v[SHOW_UP].set && !(m->ifi->ifi_flags & IFF_UP))
		return false;
	if (v[SHOW_TYPE].set && !link_of_type(m, v[SHOW_TYPE].str))
		return false;
	if (s->master && link_u32(m, IFLA_MASTER) != (uint32_t)s->master)
		return false;
	if (v[SHOW_NOMASTER].set && m->tb[IFLA_MASTER])
		return false;
	return !v[SHOW_GROUP].set || link_u32(m, IFLA_GROUP) == v[SHOW_GROUP].u;
}

/* master DEV and vrf NAME name a device: a missing one is an error. */
static int show_master(struct ctx *c, struct show *s)
{
	const struct val *v = s->v;
	const struct val *m = v[SHOW_VRF].set ? &v[SHOW_VRF] : &v[SHOW_MASTER];

	if (m->set && (s->master = link_index(c, m->str)) < 0)
		return s->master;
	return 0;
}

/* The list opens with the first device, so a failed lookup prints only
 * the error, not an empty "[]" before it. */
static void show_list_open(struct ctx *c, struct show *s)
{
	if (!s->listed)
		out_list_open(c->out, NULL);
	s->listed = true;
}

/* -d under vnetctl's name: what the extension adds to each link */
static bool ext_shown(const struct ctx *c)
{
	return set_ext && ctx_details(c) && !ctx_brief(c) && !ctx_iproute2(c);
}

static int show_one(struct ctx *c, const struct link_msg *m, void *data)
{
	if (!show_wanted(data, m))
		return 0;
	show_list_open(c, data);
	if (ctx_brief(c)) {
		link_print_brief(c, m);
		return 0;
	}
	link_print_open(c, m);
	if (ext_shown(c))
		set_ext->show(c, m);
	link_print_tail(c, m);
	link_print_close(c);
	return 0;
}

static int link_show(struct ctx *c, const struct val *v)
{
	struct show s = {.v = v};
	int rc = show_master(c, &s);

	if (rc < 0)
		return rc;
	if (ext_shown(c) && (rc = set_ext->show_begin(c)) < 0)
		return rc;
	rc = link_walk(c, v[SHOW_DEV].set ? v[SHOW_DEV].str : NULL, show_one, &s);
	if (ext_shown(c))
		set_ext->show_end(c);
	if (rc == -ENODEV && v[SHOW_DEV].set)
		rc = err_nodev_shown(c, v[SHOW_DEV].str);
	if (rc < 0 && !s.listed)
		return rc;
	show_list_open(c, &s);
	out_list_close(c->out);
	return rc;
}

/* ---- link set ------------------------------------------------------------ */

enum set_arg {
	SET_DEV,
	SET_UP,
	SET_DOWN,
	SET_MTU,
	SET_ADDRESS,
	SET_BROADCAST,
	SET_NAME,
	SET_NETNS,
	SET_MASTER,
	SET_NOMASTER,
	SET_TXQUEUELEN,
	SET_ALIAS,
	SET_GROUP,
	SET_TYPE,
	SET_ARP,
	SET_MULTICAST,
	SET_ALLMULTICAST,
	SET_PROMISC,
	SET_TRAILERS,
	SET_DYNAMIC,
	SET_CARRIER,
	SET_PROTODOWN,
	SET_GSO_MAX_SIZE,
	SET_GSO_MAX_SEGS,
	SET_GRO_MAX_SIZE,
	SET_ADDRGENMODE,
	SET_XDP,
	SET_XDPGENERIC,
	SET_XDPDRV,
	SET_XDPOFFLOAD,
	SET_VF,
	SET_NARGS
};

/* The device flags on|off sets, as ip link set: arp off sets IFF_NOARP. */
static const struct {
	int arg;
	unsigned flag;
	bool inverted;
} set_flags[] = {
    {SET_ARP, IFF_NOARP, true},
    {SET_MULTICAST, IFF_MULTICAST, false},
    {SET_ALLMULTICAST, IFF_ALLMULTI, false},
    {SET_PROMISC, IFF_PROMISC, false},
    {SET_TRAILERS, IFF_NOTRAILERS, true},
    {SET_DYNAMIC, IFF_DYNAMIC, false},
};

static const char *const xdp_words[] = {"off", NULL};

/* A flag's word: on|off, ip compares it whole. */
#define SET_ONOFF(k, h)                                                                            \
	{                                                                                          \
		.kw = (k), .kind = ARG_ONOFF, .flags = ARGF_IP_EXACT, .metavar = "on|off",         \
		.help = (h)                                                                        \
	}
/* xdp off, or in one mode only (xdpgeneric off: the generic program). */
#define SET_XDP_MODE(k, h, ex, more)                                                               \
	{                                                                                          \
		.kw = (k), .kind = ARG_ENUM, .flags = ARGF_IP_EXACT, .words = xdp_words,           \
		.metavar = "off", .help = (h), .excludes = (ex), .excludes_more = (more)           \
	}
static const int xdpdrv_excl[] = {SET_XDPGENERIC + 1, 0};
static const int xdpoffload_excl[] = {SET_XDPGENERIC + 1, SET_XDPDRV + 1, 0};

/* room after link set's own words for an extension's (link.h) */
enum { SET_EXT_MAX = 12 };
static struct arg set_args[SET_NARGS + SET_EXT_MAX] = {
    [SET_DEV] = DEV_ARG(0, "the device to change (none: every device of group GROUP)"),
    [SET_UP] = LINK_WORD_UP(SET_DOWN + 1, "bring the device up"),
    [SET_DOWN] = {.kw = "down",
		  .kind = ARG_FLAG,
		  .flags = ARGF_IP_EXACT,
		  .excludes = SET_UP + 1,
		  .help = "take the device down",
		  .ip_order = IPO_DOWN},
    [SET_MTU] = LINK_WORD_MTU(1, INT32_MAX, "the largest packet the device sends, in bytes"),
    [SET_ADDRESS] = LINK_WORD_ADDRESS("the link-layer address"),
    [SET_BROADCAST] = LINK_WORD_BROADCAST("the link-layer broadcast address"),
    [SET_NAME] = {.kw = "name",
		  .kind = ARG_IFNAME,
		  .flags = ARGF_IP_EXACT,
		  .metavar = "NEWNAME",
		  .help = "rename the device",
		  .ip_order = IPO_NAME},
    [SET_NETNS] = LINK_WORD_NETNS("move to a named namespace, or to a process's"),
    [SET_MASTER] = LINK_WORD_MASTER(SET_NOMASTER + 1, "enslave to a bridge or bond"),
    [SET_NOMASTER] = {.kw = "nomaster",
		      .kind = ARG_FLAG,
		      .excludes = SET_MASTER + 1,
		      .help = "release from its master",
		      .ip_order = IPO_NOMASTER},
    [SET_TXQUEUELEN] = LINK_WORD_TXQUEUELEN,
    [SET_ALIAS] = LINK_WORD_ALIAS("a description, up to 255 bytes (\"\" removes it)"),
    [SET_GROUP] =
	LINK_WORD_GROUP_NAMED("move it to an interface group (a number; 0, default, is the "
			      "default group)"),
    [SET_TYPE] = {.kw = "type",
		  .kind = ARG_KIND,
		  .ip_order = IPO_TYPE,
		  .metavar = "KIND_slave",
		  .help = "then the kind's own settings (as link add's), or a port's under its "
			  "master's kind (bridge_slave ...)"},
    [SET_ARP] = SET_ONOFF("arp", "whether the device uses ARP (off: NOARP)"),
    [SET_MULTICAST] = SET_ONOFF("multicast", "the MULTICAST flag"),
    [SET_ALLMULTICAST] = SET_ONOFF("allmulticast", "receive every multicast packet (ALLMULTI)"),
    [SET_PROMISC] = SET_ONOFF("promisc", "receive every packet (PROMISC)"),
    [SET_TRAILERS] = SET_ONOFF("trailers", "trailer encapsulation (off: NOTRAILERS)"),
    [SET_DYNAMIC] = {.kw = "dynamic",
		     .kind = ARG_ONOFF,
		     .metavar = "on|off",
		     .help = "the DYNAMIC flag: the device's addresses may change",
		     .ip_order = IPO_DYNAMIC},
    [SET_CARRIER] = SET_ONOFF("carrier", "the carrier state, where the driver lets it be set"),
    [SET_PROTODOWN] = SET_ONOFF("protodown", "hold the device down for a protocol's error"),
    [SET_GSO_MAX_SIZE] =
	LINK_WORD_SIZE("gso_max_size", UINT32_MAX, "the largest GSO packet, in bytes"),
    [SET_GSO_MAX_SEGS] =
	LINK_WORD_SIZE("gso_max_segs", LINK_GSO_MAX_SEGS, "the most segments of a GSO packet"),
    [SET_GRO_MAX_SIZE] =
	LINK_WORD_SIZE("gro_max_size", UINT32_MAX, "the largest GRO packet, in bytes"),
    [SET_ADDRGENMODE] = {.kw = "addrgenmode",
			 .kind = ARG_ENUM,
			 .words = link_addrgen_modes,
			 .metavar = "MODE",
			 .help = "how IPv6 link-local addresses are made (none: not at all)",
			 .ip_order = IPO_ADDRGENMODE},
    [SET_XDP] = {.kw = "xdp",
		 .kind = ARG_ENUM,
		 .flags = ARGF_IP_EXACT,
		 .words = xdp_words,
		 .metavar = "off",
		 .help = "detach the device's XDP program"},
    [SET_XDPGENERIC] =
	SET_XDP_MODE("xdpgeneric", "detach its generic (skb mode) XDP program", SET_XDP + 1, NULL),
    [SET_XDPDRV] = SET_XDP_MODE("xdpdrv", "detach its driver's (native) XDP program", SET_XDP + 1,
				xdpdrv_excl),
    [SET_XDPOFFLOAD] = SET_XDP_MODE("xdpoffload", "detach its offloaded XDP program", SET_XDP + 1,
				    xdpoffload_excl),
    [SET_VF] = LINK_VF_ENTRY("a virtual function's settings (an SR-IOV device's): vf N then "
			     "mac, vlan [qos], spoofchk, trust, state, query_rss"),
};

static size_t set_nargs = SET_NARGS;

static bool ext_given(const struct val *v)
{
	for (size_t i = SET_NARGS; i < set_nargs; i++)
		if (v[i].set)
			return true;
	return false;
}

/* What the parser cannot know, checked before anything is sent. */
static int set_check(struct ctx *c, const struct val *v)
{
	bool change = false;

	if (!v[SET_DEV].set && !v[SET_GROUP].set)
		return err_usage(c, "missing dev NAME or group GROUP");
	if (!v[SET_DEV].set && (v[SET_NAME].set || v[SET_TYPE].set))
		return err_usage(c, "%s needs dev NAME, not a group",
				 v[SET_NAME].set ? set_args[SET_NAME].kw : set_args[SET_TYPE].kw);
	for (size_t i = SET_NARGS; !v[SET_DEV].set && i < set_nargs; i++)
		if (v[i].set)
			return err_usage(c, "%s needs dev NAME, not a group", set_args[i].kw);
	for (size_t i = 0; i < set_nargs; i++)
		change |= i != SET_DEV && v[i].set;
	if (!change)
		return err_usage(c, "nothing to change (see: vnetctl %s %s help)", c->obj->name,
				 c->verb->name);
	if (v[SET_ALIAS].set && strlen(v[SET_ALIAS].str) >= IFALIASZ)
		return err_usage(c, "alias is %zu bytes long, the most is %d",
				 strlen(v[SET_ALIAS].str), IFALIASZ - 1);
	return 0;
}

static void set_updown(struct ifinfomsg *ifi, const struct val *v)
{
	if (v[SET_UP].set || v[SET_DOWN].set)
		ifi->ifi_change |= IFF_UP;
	if (v[SET_UP].set)
		ifi->ifi_flags |= IFF_UP;
	for (size_t i = 0; i < ARRAY_SIZE(set_flags); i++) {
		const struct val *f = &v[set_flags[i].arg];

		if (!f->set)
			continue;
		ifi->ifi_change |= set_flags[i].flag;
		if (!f->e == set_flags[i].inverted)
			ifi->ifi_flags |= set_flags[i].flag;
	}
}

/* The settings beyond the flags ip link set knows (carrier ... xdp). */
static void put_more(struct nlmsghdr *nlh, const struct val *v)
{
	static const struct {
		int arg;
		uint16_t type;
	} u32s[] = {
	    {SET_GSO_MAX_SIZE, IFLA_GSO_MAX_SIZE},
	    {SET_GSO_MAX_SEGS, IFLA_GSO_MAX_SEGS},
	    {SET_GRO_MAX_SIZE, IFLA_GRO_MAX_SIZE},
	};
	static const struct {
		int arg;
		uint32_t mode;
	} xdps[] = {
	    {SET_XDP, 0},
	    {SET_XDPGENERIC, XDP_FLAGS_SKB_MODE},
	    {SET_XDPDRV, XDP_FLAGS_DRV_MODE},
	    {SET_XDPOFFLOAD, XDP_FLAGS_HW_MODE},
	};
	struct nlattr *nest, *inet6;

	for (size_t i = 0; i < ARRAY_SIZE(u32s); i++)
		if (v[u32s[i].arg].set)
			mnl_attr_put_u32(nlh, u32s[i].type, v[u32s[i].arg].u);
	if (v[SET_CARRIER].set)
		mnl_attr_put_u8(nlh, IFLA_CARRIER, (uint8_t)v[SET_CARRIER].e);
	if (v[SET_PROTODOWN].set)
		mnl_attr_put_u8(nlh, IFLA_PROTO_DOWN, (uint8_t)v[SET_PROTODOWN].e);
	if (v[SET_ADDRGENMODE].set) {
		nest = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
		inet6 = mnl_attr_nest_start(nlh, AF_INET6);
		mnl_attr_put_u8(nlh, IFLA_INET6_ADDR_GEN_MODE, (uint8_t)v[SET_ADDRGENMODE].e);
		mnl_attr_nest_end(nlh, inet6);
		mnl_attr_nest_end(nlh, nest);
	}
	for (size_t i = 0; i < ARRAY_SIZE(xdps); i++) {
		if (!v[xdps[i].arg].set)
			continue;
		nest = mnl_attr_nest_start(nlh, IFLA_XDP); /* off: no program */
		mnl_attr_put_u32(nlh, IFLA_XDP_FD, (uint32_t)-1);
		if (xdps[i].mode)
			mnl_attr_put_u32(nlh, IFLA_XDP_FLAGS, xdps[i].mode);
		mnl_attr_nest_end(nlh, nest);
	}
}

static int put_master(struct ctx *c, struct nlmsghdr *nlh, const struct val *v)
{
	int master = 0; /* IFLA_MASTER 0 releases the device */

	if (v[SET_MASTER].set) {
		master = link_index(c, v[SET_MASTER].str);
		if (master < 0)
			return master;
	}
	if (v[SET_MASTER].set || v[SET_NOMASTER].set)
		mnl_attr_put_u32(nlh, IFLA_MASTER, (uint32_t)master);
	return 0;
}

static int put_changes(struct ctx *c, struct nlmsghdr *nlh, const struct val *v, int *nsfd)
{
	const struct val *txqlen = &v[SET_TXQUEUELEN];
	int rc;

	/* The alias without its NUL: the kernel keeps the length it is given,
	 * and length 0 is what removes an alias. */
	if (v[SET_ALIAS].set)
		mnl_attr_put(nlh, IFLA_IFALIAS, strlen(v[SET_ALIAS].str), v[SET_ALIAS].str);
	if (v[SET_MTU].set)
		mnl_attr_put_u32(nlh, IFLA_MTU, v[SET_MTU].u);
	if (v[SET_ADDRESS].set)
		mnl_attr_put(nlh, IFLA_ADDRESS, sizeof(v[SET_ADDRESS].mac), v[SET_ADDRESS].mac);
	if (v[SET_BROADCAST].set)
		mnl_attr_put(nlh, IFLA_BROADCAST, sizeof(v[SET_BROADCAST].mac),
			     v[SET_BROADCAST].mac);
	if (txqlen->set)
		mnl_attr_put_u32(nlh, IFLA_TXQLEN, txqlen->u);
	if (v[SET_GROUP].set)
		mnl_attr_put_u32(nlh, IFLA_GROUP, v[SET_GROUP].u);
	put_more(nlh, v);
	if ((rc = put_master(c, nlh, v)) < 0)
		return rc;
	if (v[SET_NETNS].set)
		return link_put_netns(c, nlh, v[SET_NETNS].str, nsfd);
	return 0;
}

/* The device by name, so that a batch's changes need no lookup and stay
 * pipelined; by index only when IFLA_IFNAME carries a new name.  With no
 * device, group GROUP names the devices changed: every one of that group
 * (index 0, no name), as ip link set group GROUP. */
static int put_device(struct ctx *c, struct nlmsghdr *nlh, struct ifinfomsg *ifi,
		      const struct val *v)
{
	int index;

	if (!v[SET_DEV].set)
		return 0;
	if (!v[SET_NAME].set) {
		mnl_attr_put_strz(nlh, IFLA_IFNAME, v[SET_DEV].str);
		return 0;
	}
	index = link_index(c, v[SET_DEV].str);
	if (index < 0)
		return index;
	ifi->ifi_index = index;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, v[SET_NAME].str);
	return 0;
}

/* type KIND_slave WORDS: the port's settings, in the same request; type
 * KIND WORDS: the device's own. */
struct type_words {
	const struct link_kind *k;
	bool slave;
	struct val v[64];
};

static int link_set(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_NEWLINK, 0);
	struct ifinfomsg *ifi = put_ifinfo(nlh);
	struct type_words t = {0};
	bool link_change = false;
	int nsfd = -1, rc;

	if ((rc = set_check(c, v)) < 0)
		return rc;
	if (v[SET_TYPE].set &&
	    (rc = kind_type_parse(c, &v[SET_TYPE], &t.k, &t.slave, t.v, ARRAY_SIZE(t.v))) < 0)
		return rc;
	if ((rc = put_device(c, nlh, ifi, v)) < 0)
		return rc;
	if (t.k && t.slave && (rc = kind_put_slave(c, nlh, v[SET_DEV].str, t.k, t.v)) < 0)
		return rc;
	if (t.k && !t.slave && (rc = kind_put_own(c, nlh, t.k, t.v)) < 0)
		return rc;
	set_updown(ifi, v);
	if (v[SET_VF].set && (rc = link_vf_put(c, nlh, &set_args[SET_VF], &v[SET_VF])) < 0)
		return rc;
	rc = put_changes(c, nlh, v, &nsfd);
	/* the extension's words alone change no link attribute */
	for (size_t i = 0; i < SET_NARGS; i++)
		link_change |= i != SET_DEV && v[i].set;
	if (rc == 0 && link_change)
		rc = link_request(c, nlh, v[SET_DEV].str);
	if (rc == 0 && ext_given(v))
		rc = set_ext->set(c, v[SET_DEV].str, v + SET_NARGS);
	if (rc == -EOPNOTSUPP && v[SET_MASTER].set && !c->reason[0])
		snprintf(c->hint, sizeof(c->hint), "%s is not a bridge, bond or vrf",
			 v[SET_MASTER].str);
	if (nsfd >= 0) {
		/* In a batch the request was only queued: the kernel must
		 * have read the namespace's fd before it is closed. */
		int barrier = nl_barrier(c);
		close(nsfd);
		if (rc == 0)
			rc = barrier;
	}
	return rc;
}

/* ---- link del ------------------------------------------------------------ */

enum del_arg { DEL_DEV, DEL_MORE, DEL_GROUP, DEL_TYPE, DEL_NARGS };

static const struct arg del_args[DEL_NARGS] = {
    [DEL_DEV] = {.kw = "dev",
		 .kind = ARG_IFNAME,
		 .flags = ARGF_POSITIONAL | ARGF_SUBJECT,
		 .metavar = "NAME",
		 .excludes = DEL_GROUP + 1,
		 .help = "the device to delete, or a pattern (\"va*\": every device so named "
			 "but lo and physical ones)"},
    [DEL_MORE] = {.kind = ARG_REST,
		  .flags = ARGF_POSITIONAL | ARGF_DEVICES,
		  .metavar = "NAME...",
		  .help = "more devices or patterns: all go together, in one pass of the kernel"},
    [DEL_GROUP] =
	LINK_WORD_GROUP(1, "every device of that interface group, in one request (not group 0)"),
    [DEL_TYPE] = {.kw = "type",
		  .kind = ARG_STRING,
		  .excludes = DEL_GROUP + 1,
		  .metavar = "KIND",
		  .help = "only devices of that kind: another is refused, nothing deleted (under "
			  "ip's name ignored, as ip ignores it)",
		  .ip_order = IPO_TYPE},
};

static const char del_type_hint[] = "leave out type to delete it";

static int del_kind_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	return kind_check(c, data, m, del_type_hint);
}

/* A group goes in one RTM_DELLINK: the kernel unregisters its devices
 * together, waiting out one grace period rather than one per device.
 * Several devices are made a group of their own to go so (linkdel.h). */
static int link_del(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_DELLINK, 0);
	/* ip sends the kind, which the kernel does not read */
	const char *kind = v[DEL_TYPE].set && !ctx_iproute2(c) ? v[DEL_TYPE].str : NULL;
	char **names;
	int rc, n = 0;

	if (!v[DEL_DEV].set && !v[DEL_GROUP].set)
		return err_usage(c, "missing NAME or group GROUP");
	put_ifinfo(nlh);
	if (v[DEL_GROUP].set) {
		if (delq_flush(c) != EXIT_OK && !(c->flags & CTX_FORCE))
			return -VN_EREPORTED;
		mnl_attr_put_u32(nlh, IFLA_GROUP, v[DEL_GROUP].u);
		return nl_request(c, nlh, NULL, NULL);
	}
	if (!(names = calloc((size_t)v[DEL_MORE].nrest + 1, sizeof(*names))))
		abort();
	names[n++] = (char *)v[DEL_DEV].str;
	for (int i = 0; i < v[DEL_MORE].nrest; i++)
		names[n++] = v[DEL_MORE].rest[i];
	rc = link_del_names(c, names, n, kind, del_type_hint);
	free(names);
	if (rc <= 0)
		return rc;
	if (kind && (rc = link_walk(c, v[DEL_DEV].str, del_kind_cb, (void *)kind)) < 0)
		return rc == -ENODEV ? err_nodev(c, v[DEL_DEV].str) : rc;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, v[DEL_DEV].str);
	rc = link_request(c, nlh, v[DEL_DEV].str);
	return rc == -EOPNOTSUPP && !c->reason[0] ? link_undeletable(c) : rc;
}

/* ---- link property ------------------------------------------------------- */

enum prop_arg { PROP_OP, PROP_DEV, PROP_ALTNAME, PROP_NARGS };
enum { PROP_ADD, PROP_DEL };
static const char *const prop_ops[] = {[PROP_ADD] = "add", [PROP_DEL] = "delete", NULL};
#define ALTNAME_MAX 127 /* the kernel's ALTIFNAMSIZ, less its NUL */

static const struct arg prop_args[PROP_NARGS] = {
    [PROP_OP] = {.kind = ARG_ENUM,
		 .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
		 .words = prop_ops,
		 .metavar = "add|delete",
		 .help = "add the alternative name, or delete it"},
    [PROP_DEV] = DEV_ARG(ARGF_REQUIRED, "the device"),
    [PROP_ALTNAME] = {.kw = "altname",
		      .kind = ARG_STRINGS,
		      .flags = ARGF_REQUIRED | ARGF_IP_EXACT,
		      .metavar = "NAME",
		      .help = "an alternative name, up to 127 bytes, that names the device too "
			      "(again: more names, in the same request)"},
};

static int altname_check(struct ctx *c, const char *alt)
{
	const char *bad = ifname_invalid(alt);

	if (strlen(alt) > ALTNAME_MAX)
		return err_usage(c, "%s is %zu bytes long, the most is %d",
				 prop_args[PROP_ALTNAME].kw, strlen(alt), ALTNAME_MAX);
	if (bad && strlen(alt) < IFNAMSIZ)
		return err_usage(c, "invalid %s \"%s\": %s", prop_args[PROP_ALTNAME].kw, alt, bad);
	return 0;
}

/* One RTM_NEWLINKPROP or RTM_DELLINKPROP: IFLA_PROP_LIST { IFLA_ALT_IFNAME
 * ... }, every name given in it: the kernel takes them all or none. */
static int link_property(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	const struct val *alt = &v[PROP_ALTNAME];
	struct nlmsghdr *nlh;
	struct nlattr *list;
	int rc;

	for (int i = 0; i < alt->nrest; i++)
		if ((rc = altname_check(c, alt->strs[i])) < 0)
			return rc;
	nlh = nl_msg(buf, v[PROP_OP].e == PROP_ADD ? RTM_NEWLINKPROP : RTM_DELLINKPROP,
		     v[PROP_OP].e == PROP_ADD ? NLM_F_CREATE | NLM_F_EXCL : 0);
	put_ifinfo(nlh);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, v[PROP_DEV].str);
	list = mnl_attr_nest_start(nlh, IFLA_PROP_LIST);
	for (int i = 0; i < alt->nrest; i++)
		mnl_attr_put_strz(nlh, IFLA_ALT_IFNAME, alt->strs[i]);
	mnl_attr_nest_end(nlh, list);
	rc = link_request(c, nlh, v[PROP_DEV].str);
	if (rc == -ENOENT && !c->reason[0] && alt->nrest == 1)
		snprintf(c->hint, sizeof(c->hint), "%s has no %s %s", v[PROP_DEV].str,
			 prop_args[PROP_ALTNAME].kw, alt->strs[0]);
	return rc;
}

/* ---- link afstats -------------------------------------------------------- */

enum afs_arg { AFS_DEV, AFS_NARGS };

static const struct arg afs_args[AFS_NARGS] = {
    [AFS_DEV] = DEV_ARG(0, "only this device (default: every device that has such counters)"),
};

static int link_afstats_verb(struct ctx *c, const struct val *v)
{
	int index = 0;

	if (v[AFS_DEV].set && (index = link_index(c, v[AFS_DEV].str)) < 0)
		return index;
	return link_afstats(c, index);
}

/* ---- link xstats --------------------------------------------------------- */

enum xs_arg { XS_TYPE, XS_DEV, XS_IGMP, XS_NARGS };

static const struct arg xs_args[XS_NARGS] = {
    [XS_TYPE] = {.kw = "type",
		 .kind = ARG_STRING,
		 .flags = ARGF_REQUIRED,
		 .metavar = "KIND",
		 .help =
		     "the kind whose counters to show (KIND_slave: its ports'; bridge has them)"},
    [XS_DEV] = {.kw = "dev",
		.kind = ARG_IFNAME,
		.metavar = "NAME",
		.help = "only this device (default: every device of the kind)"},
    [XS_IGMP] = {.kw = "igmp", .kind = ARG_FLAG, .help = "a bridge's multicast counters only"},
};

static int link_xstats_verb(struct ctx *c, const struct val *v)
{
	int index = 0;

	if (v[XS_DEV].set && (index = link_index(c, v[XS_DEV].str)) < 0)
		return index;
	return link_xstats(c, v[XS_TYPE].str, index, v[XS_IGMP].set);
}

/* ---- the object ---------------------------------------------------------- */

static const char *const set_aliases[] = {"change", NULL};

enum { VERB_SET = 1 };

/* In ip link's order (core.h): `ip link s` is set.  set's words grow by
 * an extension's (link_set_ext_register). */
static struct verb link_verbs[] = {
    VERB("add", kind_link_add, link_add_args,
	 "make a device of a kind, as ip link add: everything in one request"),
    [VERB_SET] = {.name = "set",
		  .aliases = set_aliases,
		  .args = set_args,
		  .nargs = SET_NARGS,
		  .run = link_set,
		  .help = "change a device: every change given in one request"},
    VERB_DEL(link_del, del_args,
	     "delete devices (a veth pair goes with its peer): many go in one pass of the kernel"),
    VERB_ALSO("show", verb_show_aliases, link_show, show_args,
	      "list devices (-d kind details, -br one line each, -j JSON)"),
    VERB("xstats", link_xstats_verb, xs_args,
	 "a kind's extended counters (a bridge's multicast and STP), as ip link xstats"),
    VERB("afstats", link_afstats_verb, afs_args,
	 "the counters address families keep of each device (MPLS's), as ip link afstats"),
    VERB("property", link_property, prop_args,
	 "add or delete a device's alternative name (altname), as ip link property"),
};

void link_set_ext_register(const struct link_set_ext *e)
{
	if (set_ext || e->nargs > SET_EXT_MAX)
		return;
	set_ext = e;
	for (size_t i = 0; i < e->nargs; i++) {
		set_args[SET_NARGS + i] = e->args[i];
		set_args[SET_NARGS + i].flags |= ARGF_NOT_IP;
	}
	set_nargs = SET_NARGS + e->nargs;
	link_verbs[VERB_SET].nargs = set_nargs;
}

const struct link_set_ext *link_set_ext_get(void)
{
	return set_ext;
}

static const struct object link_object = {.name = "link",
					  VERB_TABLE(link_verbs),
					  .default_verb = "show",
					  .help = "network devices of any kind",
					  .help_word = kind_usage};
VNETCTL_OBJECT(link_object)
