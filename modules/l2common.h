/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What macvlan, macvtap, ipvlan, vlan, vxlan and geneve share: each is a
 * link kind made by one RTM_NEWLINK (through link_create(), so a kernel
 * without the kind names the module to load), deleted by index once it is
 * known to be of that kind, and shown as the devices of that kind only,
 * with the same detail printer `vnetctl -d link show` uses.
 *
 * A module describes its kind once (struct l2_kind) and builds its request
 * top-down:
 *
 *	struct l2_msg msg;
 *	rc = l2_msg_start(c, &msg, name, lower);   // ifinfomsg, IFLA_IFNAME, IFLA_LINK
 *	...top-level attributes (IFLA_ADDRESS)...
 *	l2_data_start(&msg, kind);                 // IFLA_LINKINFO { KIND, DATA {
 *	...the kind's IFLA_<KIND>_* attributes...
 *	return l2_msg_send(c, &msg, kind);          // } }, link_create()
 */
#ifndef VNETCTL_L2COMMON_H
#define VNETCTL_L2COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "link.h"
#include "nl.h"

/* VXLAN and Geneve network identifiers are 24 bits wide. */
#define L2_VNI_MAX 0xffffffu

/* The words every kind's tables and printers share, spelled in l2common.c. */
extern const char l2_name_word[];    /* add's new device: "name" */
extern const char l2_link_word[];    /* the lower device: "link" */
extern const char l2_dev_word[];     /* del's and show's device: "dev" */
extern const char l2_address_word[]; /* an Ethernet address: "address" */

/* add NAME: the device to make; completion offers no names for it. */
#define L2_NAME_ENTRY                                                                              \
	{                                                                                          \
		.kw = l2_name_word, .kind = ARG_IFNAME,                                            \
		.flags = ARGF_POSITIONAL | ARGF_REQUIRED | ARGF_SUBJECT | ARGF_NEW,                \
		.metavar = "NAME", .help = "the new device (the keyword may be left out)"          \
	}
/* link LOWER: any existing device. */
#define L2_LINK_ENTRY(h)                                                                           \
	{                                                                                          \
		.kw = l2_link_word, .kind = ARG_IFNAME, .flags = ARGF_REQUIRED,                    \
		.metavar = "LOWER", .help = (h)                                                    \
	}
/* del and show: `dev NAME` or NAME; completion offers devices of kind k. */
#define L2_DEV_ENTRY(f, k, h)                                                                      \
	{                                                                                          \
		.kw = l2_dev_word, .kind = ARG_IFNAME,                                             \
		.flags = ARGF_POSITIONAL | ARGF_SUBJECT | (f), .metavar = "NAME",                  \
		.live_kind = (k), .help = (h)                                                      \
	}
#define L2_ADDRESS_ENTRY                                                                           \
	{                                                                                          \
		.kw = l2_address_word, .kind = ARG_MAC, .metavar = "MAC",                          \
		.help = "the device's Ethernet address (default: a random one)"                    \
	}

struct l2_kind {
	/* .kind, as IFLA_INFO_KIND spells it, and the detail printer: text
	 * " keyword value" pairs worded as add takes them, ip -j's keys. */
	const struct link_kind *link;
	/* -br: the kind's defining values after name, state and lower device,
	 * values only (" bridge"), the same JSON keys as the detail printer. */
	void (*brief)(struct ctx *c, const struct nlattr *data);
	/* What show adds after the details (macvtap's character device), in
	 * -br the value alone; may be NULL. */
	void (*extra)(struct ctx *c, const struct link_msg *m, bool brief);
	/* Made on a lower device (IFLA_LINK): show has a column for it. */
	bool has_lower;
};

/* ---- add ----------------------------------------------------------------- */

struct l2_msg {
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct nlattr *info, *data;
};

/* The request's start; lower, when not NULL, is looked up (a missing device
 * is an error, exit 1) and sent as IFLA_LINK. */
int l2_msg_start(struct ctx *c, struct l2_msg *msg, const char *name, const char *lower);
void l2_data_start(struct l2_msg *msg, const char *kind);
/* Close the nests and send through link_create(); a taken name says so. */
int l2_msg_send(struct ctx *c, struct l2_msg *msg, const char *kind, const char *name);

/* A device's own address must be unicast and not all zeros: the usage
 * error when mac is not (kw names it in the message). */
int l2_check_mac(struct ctx *c, const char *kw, const struct val *v);

/* ---- del and show -------------------------------------------------------- */

int l2_del(struct ctx *c, const struct l2_kind *k, const char *name);
/* Every device of kind k, or only name (which must be of kind k). */
int l2_show(struct ctx *c, const struct l2_kind *k, const char *name);

/* ---- printing helpers for the kinds' printers ---------------------------- */

/*
 * Each prints " kw value" in text and "key": value in JSON; with kw NULL
 * (-br) the value alone.
 */
void l2_print_uint(struct out *o, const char *kw, const char *key, uint32_t v);
void l2_print_word(struct out *o, const char *kw, const char *key, const char *word);
void l2_print_addr(struct out *o, const char *kw, const char *key, const struct inet_prefix *p);
/* The device of that index (or "ifN" when it has no name here). */
void l2_print_dev(struct ctx *c, const char *kw, const char *key, uint32_t ifindex);

/* An address attribute of 4 or 16 bytes; false when missing or neither. */
bool l2_attr_addr(const struct nlattr *a, struct inet_prefix *p);

/* words[i] for the value values[i]; the number when none matches. */
const char *l2_word_of(const char *const *words, const uint32_t *values, uint32_t v, char *buf,
		       size_t sz);

/* Attribute values, false when missing or short. */
bool l2_attr_u8(const struct nlattr *a, uint8_t *v);
bool l2_attr_u16(const struct nlattr *a, uint16_t *v);
bool l2_attr_u32(const struct nlattr *a, uint32_t *v);

/* IPv4 224.0.0.0/4, IPv6 ff00::/8. */
bool l2_addr_multicast(const struct inet_prefix *p);

#endif
