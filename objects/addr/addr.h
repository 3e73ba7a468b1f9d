/* SPDX-License-Identifier: GPL-2.0-or-later */
/* addr: what the verbs (addr.c) and the printer (addrshow.c) share. */
#ifndef VNETCTL_ADDR_H
#define VNETCTL_ADDR_H

#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "nl.h"

/* The kernel's "forever" for address lifetimes. */
#define LIFETIME_FOREVER 0xffffffffu

/* The address flags' words, as ip spells them: the printer's, the flags
 * add sets and the selectors of show and flush ("-" W: without it). */
#define AW_SECONDARY	 "secondary"
#define AW_TEMPORARY	 "temporary" /* IPv6's name for the secondary bit */
#define AW_PRIMARY	 "primary"   /* shown as its absence */
#define AW_NODAD	 "nodad"
#define AW_OPTIMISTIC	 "optimistic"
#define AW_DADFAILED	 "dadfailed"
#define AW_HOME		 "home"
#define AW_DEPRECATED	 "deprecated"
#define AW_TENTATIVE	 "tentative"
#define AW_PERMANENT	 "permanent" /* shown as its absence */
#define AW_DYNAMIC	 "dynamic"
#define AW_MNGTMPADDR	 "mngtmpaddr"
#define AW_NOPREFIXROUTE "noprefixroute"
#define AW_AUTOJOIN	 "autojoin"

/* show's and flush's words (addrlist.c); addr.c builds the verbs on them. */
enum {
	S_DEV,
	S_UP,
	S_SCOPE,
	S_LABEL,
	S_TO,
	S_TYPE,
	S_MASTER,
	S_VRF,
	S_NOMASTER,
	S_METRIC,
	/* each flag, then "-" and it: every one with and without */
	S_PERMANENT,
	S_DYNAMIC,
	S_SECONDARY,
	S_PRIMARY,
	S_TENTATIVE,
	S_DEPRECATED,
	S_DADFAILED,
	S_TEMPORARY,
	S_HOME,
	S_MNGTMPADDR,
	S_NODAD,
	S_OPTIMISTIC,
	S_NOPREFIXROUTE,
	S_AUTOJOIN,
	S_NFLAGS = S_AUTOJOIN - S_PERMANENT + 1,
	S_COUNT = S_PERMANENT + 2 * S_NFLAGS,
};
extern const struct arg addr_show_args[S_COUNT];

/* The kernel's addresses, each message copied (nl_dump's buffer is gone
 * once it returns). */
struct addr_list {
	struct nl_msgs m;
	int ifindex; /* keep only this device's, or 0 for all */
};
/* One dump of the addresses of family (AF_UNSPEC: both), of one device when
 * ifindex is set. */
int addr_dump(struct ctx *c, int family, int ifindex, struct addr_list *l);
void addr_list_free(struct addr_list *l);
int addr_show(struct ctx *c, const struct val *v);
int addr_flush(struct ctx *c, const struct val *v);
/* save writes ip's dump (addrlist.c); showdump prints one, restore adds its
 * addresses (addrdump.c).  A dump begins with this, in host order. */
#define ADDR_DUMP_MAGIC 0x47361222u
int addr_save(struct ctx *c, const struct val *v);
int addr_showdump(struct ctx *c, const struct val *v);
int addr_restore(struct ctx *c, const struct val *v);

/* A parsed RTM_NEWADDR message. */
struct addr_msg {
	const struct ifaddrmsg *ifa;
	const struct nlattr *tb[IFA_MAX + 1];
	const struct nlattr *local; /* IFA_LOCAL, or IFA_ADDRESS when there is none */
	uint32_t flags;		    /* IFA_FLAGS when given: the 8 bits of ifa_flags are too few */
};

void addr_msg_parse(const struct nlmsghdr *nlh, struct addr_msg *m);
/* Whether attribute a holds an address of the message's family's length. */
bool addr_fits(const struct addr_msg *m, const struct nlattr *a);

/* 4 or 16. */
size_t addr_family_len(int family);
/* "inet" or "inet6", as ip names them. */
const char *addr_family_word(int family);
/* An address attribute as text ("?" when it is short); buf holds
 * INET6_ADDRSTRLEN. */
const char *addr_attr_text(int family, const struct nlattr *a, char *buf, size_t sz);

/* One address as ip prints it: its line and its lifetimes' (an object of
 * addr_info in JSON), or "ADDR/PLEN " inside a -br line. */
void addr_print(struct ctx *c, const struct addr_msg *m);
void addr_print_brief(struct ctx *c, const struct addr_msg *m);

#endif
