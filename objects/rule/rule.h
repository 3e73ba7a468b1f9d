/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rule: what rule.c (its verbs) and rule_print.c (the printer, which monitor
 * shares) both read. */
#ifndef VNETCTL_RULE_H
#define VNETCTL_RULE_H

#include <linux/fib_rules.h>
#include <libmnl/libmnl.h>
#include <sys/socket.h>

#include "core.h"

/* The actions beyond a lookup, as ip reads and prints them (rule.c's
 * table takes them as keywords). */
#define W_BLACKHOLE   "blackhole"
#define W_UNREACHABLE "unreachable"
#define W_PROHIBIT    "prohibit"
#define W_NOP	      "nop"

/* The words of rule.c's table the printer prints back (one spelling,
 * defined in rule_print.c):
 * the actions beyond a lookup (ACTION_NOP the index of "nop") and the
 * interface groups. */
#define RULE_NACTIONS 4
extern const char *const action_words[RULE_NACTIONS + 1];
extern const uint8_t action_values[RULE_NACTIONS];
#define ACTION_NOP 3
extern const char *const ifgroup_words[2];
extern const uint32_t ifgroup_values[1];

/* A parsed RTM_NEWRULE message. */
struct rule_msg {
	const struct fib_rule_hdr *frh;
	const struct nlattr *tb[FRA_MAX + 1];
};

/* A rule's table: FRA_TABLE, else the header's. */
static inline uint32_t rule_table(const struct rule_msg *m)
{
	const struct nlattr *t = m->tb[FRA_TABLE];

	return t && mnl_attr_get_payload_len(t) == 4 ? mnl_attr_get_u32(t) : m->frh->table;
}

/* A u32 attribute, or dflt when it is absent or not 4 bytes. */
static inline uint32_t attr_u32(const struct nlattr *a, uint32_t dflt)
{
	return a && mnl_attr_get_payload_len(a) == 4 ? mnl_attr_get_u32(a) : dflt;
}

/* "from 10.1.0.0/16", "from all", " to 10.2.0.1": keys src and srclen, dst
 * and dstlen, as ip prints them (the length only when not a host's). */
static inline size_t family_addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* "32765:	from 10.1.0.0/16 lookup 100", with the keys of ip -j rule show. */
void rule_print(struct ctx *c, const struct rule_msg *m);
/* One rule (an RTM_NEWRULE or RTM_DELRULE) as rule show prints it. */
void rule_print_msg(struct ctx *c, const struct nlmsghdr *nlh);

#endif
