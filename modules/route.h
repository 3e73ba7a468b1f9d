/* SPDX-License-Identifier: GPL-2.0-or-later */
/* route: what the verbs (route.c) and the printer (routeshow.c) share. */
#ifndef VNETCTL_ROUTE_H
#define VNETCTL_ROUTE_H

#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "ifnames.h"


/* A parsed RTM_NEWROUTE message. */
struct route_msg {
	const struct rtmsg *rtm;
	const struct nlattr *tb[RTA_MAX + 1];
	uint32_t table;
};

void route_msg_parse(const struct nlmsghdr *nlh, struct route_msg *m);

/* How a route is printed: the tables listed (a route's table is named when
 * more than one is). */
struct route_print {
	struct ctx *c;
	const struct ifnames *names;
	bool all_tables;
	/* what a listing's selectors make the same on every line, left out as
	 * ip leaves it out */
	unsigned hide;
};

#define ROUTE_HIDE_DEV	 0x01
#define ROUTE_HIDE_VIA	 0x02
#define ROUTE_HIDE_PROTO 0x04
#define ROUTE_HIDE_SCOPE 0x08
#define ROUTE_HIDE_TOS	 0x10

/* One route, a line of text (more for multipath) or one JSON object. */
void route_print(const struct route_print *p, const struct route_msg *m);

size_t route_addr_len(int family);

#endif
