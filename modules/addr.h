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

/* The kernel's "forever" for address lifetimes. */
#define LIFETIME_FOREVER 0xffffffffu

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
