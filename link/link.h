/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Printing an RTM_NEWLINK message (implemented in link/linkfmt.c), shared by every object that
 * shows links (link, addr, tuntap, later veth and bridge), and the registry of per-kind detail
 * printers that modules fill (tun in objects/tuntap/tuntap.c, ...).
 */
#ifndef VNETCTL_LINK_H
#define VNETCTL_LINK_H

#include <linux/if_link.h>
#include <libmnl/libmnl.h>

#include "core.h"
#include "nl.h"

struct link_msg;

/* What a kind's dev_words command does to the device's things. */
enum kind_cmd { KIND_CMD_ADD, KIND_CMD_SET, KIND_CMD_DEL };

/* A link kind, described once (the registry and what the core makes of a
 * description are in kind.c; see kind.h). */
struct link_kind {
	const char *kind; /* IFLA_INFO_KIND, e.g. "tun" */
	/* The kernel module that makes the kind, for the hint when the kernel
	 * lacks it (modprobe MODULE) and the fallback device's; NULL: the
	 * module is named as the kind. */
	const char *module;
	/* Print IFLA_INFO_DATA (may be NULL) for -d, as out_* calls. */
	void (*print)(struct ctx *c, const struct nlattr *data);
	/* IFLA_INFO_DATA's attributes by name, for dry run (may be NULL) */
	const struct nl_attr_name *data_names;
	int data_max;
	/* Set: the core makes `KIND add|del|show` (this is the object's help)
	 * and `link add ... type KIND` from the fields below. */
	const char *help;
	/* The kind's object is a module's own (veth, bridge): the core makes
	 * only `link add ... type KIND` from the description. */
	bool own_object;
	/* The kind's own words, after the common ones in add. */
	const struct arg *args;
	size_t nargs;
	/* Put the kind's attributes inside IFLA_INFO_DATA from the parsed
	 * words (may be NULL: the kind has none); k is this description. */
	int (*put)(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		   const struct val *v);
	/* The details -d prints, from the whole link (preferred to print):
	 * out_* calls inside "info_data".  `KIND show` prints them too, on
	 * the device's line, so each " keyword value" reads back as add's. */
	void (*show)(struct ctx *c, const struct link_kind *k, const struct link_msg *m);
	/* `KIND show -br`: the defining values alone (" 10 802.1q"), the same
	 * JSON keys as show; may be NULL. */
	void (*brief)(struct ctx *c, const struct link_kind *k, const struct link_msg *m);
	/* show and brief in one, for a kind whose brief is its show's first
	 * values without their keywords (vlan's " 10 802.1q"): set this or
	 * the two above. */
	void (*values)(struct ctx *c, const struct link_msg *m, bool brief);
	/* What `KIND show` adds after the details (macvtap's character
	 * device), in -br the value alone; may be NULL. */
	void (*extra)(struct ctx *c, const struct link_msg *m, bool brief);
	/* Made on a lower device: add needs `link DEV`, show has its column. */
	bool lower;
	/* The kernel gives the device its lower device's address and ignores
	 * any other (ipvlan): add refuses `address` rather than drop it. */
	bool lower_address;
	/* Verbs of the kind's object beyond add, del and show (a bond's
	 * addif, delif); may be NULL. */
	const struct verb *verbs;
	size_t nverbs;
	/* Words that, after a device of the kind, make add and del commands
	 * on that device rather than the device itself (macsec's tx and rx:
	 * its secure channels and associations), each an ARG_NEST; the
	 * object then has set too, of these words alone.  dev_run runs such
	 * a command with the device and the words' values (ndev_words). */
	const struct arg *dev_words;
	size_t ndev_words;
	int (*dev_run)(struct ctx *c, const struct link_kind *k, enum kind_cmd cmd, const char *dev,
		       const struct val *v);
	/* `KIND show [DEV]` of the kind's own, in place of the list of its
	 * devices (macsec: its secure channels, as ip macsec show); may be
	 * NULL. */
	int (*show_run)(struct ctx *c, const struct link_kind *k, const char *dev);
	/* A port's details under this kind of master (IFLA_INFO_SLAVE_DATA,
	 * "info_slave_data" in JSON) for -d; may be NULL. */
	void (*slave_show)(struct ctx *c, const struct link_kind *k, const struct link_msg *m);
	/* A port's words under this kind of master (`link set DEV type
	 * KIND_slave ...`), the function that puts them inside
	 * IFLA_INFO_SLAVE_DATA, and their attributes by name for dry run;
	 * may be NULL. */
	const struct arg *slave_args;
	size_t nslave_args;
	int (*slave_put)(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
			 const struct val *v);
	const struct nl_attr_name *slave_data_names;
	int slave_data_max;
	/* `link xstats type KIND` (and KIND_slave, its ports'): the kind's
	 * LINK_XSTATS_TYPE_* inside IFLA_STATS_LINK_XSTATS (_SLAVE), and the
	 * printer of that nest's attributes, as ip link xstats prints them;
	 * igmp: the multicast counters only.  0 and NULL: the kind has none. */
	int xstats_type;
	void (*xstats)(struct ctx *c, const struct nlattr *nest, bool igmp);
};
/* A description's attribute names (an array indexed by attribute, sized
 * MAX + 1) and its port words and attribute names, each with its count. */
#define KIND_DATA(names)     .data_names = (names), .data_max = (int)ARRAY_SIZE(names) - 1
#define KIND_SLAVE_ARGS(tbl) .slave_args = (tbl), .nslave_args = ARRAY_SIZE(tbl)
#define KIND_SLAVE_DATA(names)                                                                     \
	.slave_data_names = (names), .slave_data_max = (int)ARRAY_SIZE(names) - 1
/* The registry (kindreg.c). */
void link_kind_register(const struct link_kind *k);
const struct link_kind *link_kind_find(const char *kind);
/* A kind's details (show, values or print, whichever it has), and its
 * brief values; each prints nothing for a kind with none. */
void link_kind_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m);
void link_kind_brief(struct ctx *c, const struct link_kind *k, const struct link_msg *m);
bool link_kind_shows(const struct link_kind *k);
/* "an" before "ipvlan", "a" before "vxlan": kinds are read as words. */
const char *kind_article(const char *kind);
/* The `KIND add|del|show` object of a description with .help (kind.c). */
void kind_object_register(const struct link_kind *k);
#define VNETCTL_LINK_KIND(k)                                                                       \
	static void __attribute__((constructor)) register_kind_##k(void)                           \
	{                                                                                          \
		link_kind_register(&(k));                                                          \
		kind_object_register(&(k));                                                        \
	}

/* Send an RTM_NEWLINK that creates a device of kind; when the kernel lacks
 * the kind, the error names the module to load ("the kernel has no ipip
 * support (load the module: modprobe ipip)"). */
int link_create(struct ctx *c, struct nlmsghdr *nlh, const char *kind);
/* The kernel module that provides a link kind. */
const char *link_kind_module(const char *kind);

/* IN6_ADDR_GEN_MODE_*'s names, in their order, NULL-ended ("eui64"...). */
extern const char *const link_addrgen_modes[];

/* IF_OPER_* as ip names it ("UP", "LOWERLAYERDOWN"), or its number in buf. */
const char *link_operstate_name(uint8_t state, char *buf, size_t sz);

/* A parsed RTM_NEWLINK message. */
struct link_msg {
	const struct ifinfomsg *ifi;
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct nlattr *info[IFLA_INFO_MAX + 1]; /* from IFLA_LINKINFO */
	const char *name;
	const char *kind; /* NULL when the device has no IFLA_INFO_KIND */
};
int link_msg_parse(const struct nlmsghdr *nlh, struct link_msg *m);

/* Open the link's object and print it as `link show` does (header lines,
 * details with -d), leaving the object open so the caller can add to it
 * (addr adds its addresses); link_print_close() closes it. */
void link_print_open(struct ctx *c, const struct link_msg *m);
void link_print_close(struct ctx *c);
/* The same as `ip address show` prints a link: no " mode", the link-layer
 * line (and the alias) only when layer is set (or -d), the alternative
 * names after. */
void link_print_addr_open(struct ctx *c, const struct link_msg *m, bool layer);
/* `3: a@b: <FLAGS> mtu 1500`: how ip and bridge link show begin a link. */
void link_print_lead(struct ctx *c, const struct link_msg *m);
/* What ip prints last of a link, inside the open object: with -s the
 * counters (IFLA_STATS64; error details too with -s -s; "stats64" in JSON),
 * then the alternative names ("altname NAME" lines, "altnames" in JSON). */
void link_print_tail(struct ctx *c, const struct link_msg *m);
/* One line of `-br` output for the link, object opened and closed. */
void link_print_brief(struct ctx *c, const struct link_msg *m);
/* The name and state that begin a brief line, object left open for the
 * caller's fields (addr's addresses); close with out_nl() and
 * link_print_close(). */
void link_print_brief_open(struct ctx *c, const struct link_msg *m);

/* The name of ifindex, from a kernel-filtered GET (NULL if it has none). */
const char *link_name(struct ctx *c, int ifindex, char *buf, size_t bufsz);
/* The name and flags of ifindex, from the walk's name cache while a dump
 * is walked, else asked of the kernel; false (buf "ifN") when none has it. */
bool link_ref_name(struct ctx *c, int ifindex, char *buf, size_t bufsz, unsigned *flags);

/* Start an RTM_GETLINK dump (or a single GET when name is set) and call cb
 * with each link parsed.  cb returns 0 to go on; anything else ends the
 * walk and is what link_walk returns. */
typedef int (*link_cb)(struct ctx *c, const struct link_msg *m, void *data);
int link_walk(struct ctx *c, const char *name, link_cb cb, void *data);
/* The same, asking the kernel for the links of family: AF_INET6 gives what
 * the IPv6 layer says of each (as `ip -6 address show` asks). */
int link_walk_family(struct ctx *c, const char *name, int family, link_cb cb, void *data);
/* A u32 attribute of the link (IFLA_MASTER, IFLA_GROUP), 0 when absent. */
/* -s: the counters, as ip -s link show (linkstats.c). */
void link_print_stats(struct ctx *c, const struct link_msg *m);
/* What each address family counts of the device ifindex (0: of every
 * device), as ip link afstats prints it: today MPLS's counters (linkstats.c). */
int link_afstats(struct ctx *c, int ifindex);
/* The extended counters of the devices of kind type ("KIND_slave": of the
 * ports of a master of that kind), of ifindex only when not 0, as ip link
 * xstats prints them (linkstats.c). */
int link_xstats(struct ctx *c, const char *type, int ifindex, bool igmp);
uint32_t link_u32(const struct link_msg *m, int type);
/* `type KIND` as link show and addr show read it: the device's kind, or
 * "KIND_slave" for the ports of a master of that kind ("bridge_slave"). */
bool link_of_type(const struct link_msg *m, const char *type);

/* What an object adds to `link set` and `link show -d` (the qdisc
 * object's impairment: netem at the root): its words join link set's
 * table, each ARGF_NOT_IP (vnetctl's own, not ip's).  set runs after the
 * link's own request with the words' values (nargs of them, in the
 * table's order) when one is given; with -d, show_begin runs once before
 * the links are walked (one dump), show for each link, inside its object,
 * after its details, and show_end once after. */
struct link_set_ext {
	const struct arg *args;
	size_t nargs;
	int (*set)(struct ctx *c, const char *dev, const struct val *v);
	/* the words' values checked together as set would, nothing sent: 0
	 * or the usage error (topo reads a file's impairment so) */
	int (*check)(struct ctx *c, const struct val *v);
	int (*show_begin)(struct ctx *c);
	void (*show)(struct ctx *c, const struct link_msg *m);
	void (*show_end)(struct ctx *c);
};
/* One extension; a constructor registers it. */
void link_set_ext_register(const struct link_set_ext *e);
/* The extension registered, NULL when none (topo reads a file's
 * impairment through its table). */
const struct link_set_ext *link_set_ext_get(void);

#endif
