// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A rule as `ip rule show` prints it (text, -j, -d), for rule.c's show and
 * for monitor's rule events.
 */
#include <errno.h>
#include <linux/fib_rules.h>
#include <linux/if.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "nl.h"
#include "out.h"
#include "rtnames.h"
#include "rule.h"

/* The actions beyond a lookup, in R_BLACKHOLE..R_NOP's order. */
const char *const action_words[] = {W_BLACKHOLE, W_UNREACHABLE, W_PROHIBIT, W_NOP, NULL};
const uint8_t action_values[] = {FR_ACT_BLACKHOLE, FR_ACT_UNREACHABLE, FR_ACT_PROHIBIT, FR_ACT_NOP};

/* Device group 0's name (the only one /etc/iproute2/group ships). */
const char *const ifgroup_words[] = {"default", NULL};
const uint32_t ifgroup_values[] = {0};

/* An action is given once: by type, goto or its word alone. */

static void rule_print_prefix(struct out *o, const struct rule_msg *m, int type, uint8_t len,
			      const char *kw, const char *key, const char *lenkey, bool always)
{
	int family = m->frh->family;
	const struct nlattr *a = m->tb[type];
	char buf[INET6_ADDRSTRLEN], fmt[16];

	snprintf(fmt, sizeof(fmt), "%s%%s", kw);
	if (a && mnl_attr_get_payload_len(a) == family_addr_len(family)) {
		out_text(o, "%s", kw);
		out_strc(o, OUT_ANY, family == AF_INET ? COL_INET : COL_INET6, key, "%s",
			 format_addr(family, mnl_attr_get_payload(a), buf, sizeof(buf)));
		if (len != family_addr_len(family) * 8)
			out_uint(o, OUT_ANY, lenkey, "/%u", len);
	} else if (len) {
		out_str(o, OUT_ANY, key, fmt, "0");
		out_uint(o, OUT_ANY, lenkey, "/%u", len);
	} else if (always) {
		out_str(o, OUT_ANY, key, fmt, "all");
	}
}

/* " iif va [detached]": a device named, which may not exist (yet). */
static void rule_print_dev(struct out *o, const struct nlattr *a, const char *kw,
			   const char *detached_key, bool detached)
{
	char fmt[16];

	if (!a || mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return;
	snprintf(fmt, sizeof(fmt), " %s %%s", kw);
	out_strc(o, OUT_ANY, COL_IFNAME, kw, fmt, mnl_attr_get_str(a));
	if (detached) {
		out_null(o, detached_key);
		out_text(o, " [detached]");
	}
}

static void rule_print_fwmark(struct out *o, const struct rule_msg *m)
{
	uint32_t mark = attr_u32(m->tb[FRA_FWMARK], 0), mask = attr_u32(m->tb[FRA_FWMASK], 0);
	char buf[16];

	if (!m->tb[FRA_FWMARK] && !m->tb[FRA_FWMASK])
		return;
	snprintf(buf, sizeof(buf), "%#x", mark);
	out_str(o, OUT_ANY, "fwmark", " fwmark %s", buf);
	if (m->tb[FRA_FWMASK] && mask != UINT32_MAX) {
		snprintf(buf, sizeof(buf), "%#x", mask);
		out_str(o, OUT_ANY, "fwmask", "/%s", buf);
	}
}

/* The action's words beyond a lookup: goto, nop, blackhole... */
static void rule_print_action(struct out *o, const struct rule_msg *m)
{
	uint8_t act = m->frh->action;
	char buf[16];
	size_t i;

	if (act == FR_ACT_GOTO) {
		if (m->tb[FRA_GOTO])
			out_uint(o, OUT_ANY, "goto", " goto %u", attr_u32(m->tb[FRA_GOTO], 0));
		else
			out_str(o, OUT_ANY, "goto", " goto %s", "none");
		if (m->frh->flags & FIB_RULE_UNRESOLVED) {
			out_null(o, "unresolved");
			out_text(o, " [unresolved]");
		}
	} else if (act == RTN_NAT) {
		/* the address given is not kept: ip's word for nat without one */
		out_null(o, "masquerade");
		out_text(o, " masquerade");
	} else if (act == FR_ACT_NOP) {
		out_null(o, action_words[ACTION_NOP]);
		out_str(o, OUT_TEXT, NULL, " %s", action_words[ACTION_NOP]);
	} else if (act != FR_ACT_TO_TBL) {
		for (i = 0; i < ARRAY_SIZE(action_values) && action_values[i] != act; i++)
			;
		snprintf(buf, sizeof(buf), "%u", act);
		out_str(o, OUT_ANY, "action", " %s",
			i < ARRAY_SIZE(action_values) ? action_words[i] : buf);
	}
}

/* " sport 80" (key sport), " sport 1000-2000" (sport_start, sport_end). */
static void rule_print_range(struct out *o, const struct nlattr *a, const char *kw,
			     const char *start_key, const char *end_key)
{
	const struct fib_rule_port_range *r;
	char fmt[16];

	if (!a || mnl_attr_get_payload_len(a) < sizeof(*r))
		return;
	r = mnl_attr_get_payload(a);
	snprintf(fmt, sizeof(fmt), " %s %%u", kw);
	if (r->start == r->end) {
		out_uint(o, OUT_ANY, kw, fmt, r->start);
		return;
	}
	out_uint(o, OUT_ANY, start_key, fmt, r->start);
	out_uint(o, OUT_ANY, end_key, "-%u", r->end);
}

/* uidrange, ipproto, sport and dport, in ip's order. */
static void rule_print_selectors(struct out *o, const struct rule_msg *m)
{
	const struct nlattr *a = m->tb[FRA_UID_RANGE];
	char buf[16];

	if (a && mnl_attr_get_payload_len(a) >= sizeof(struct fib_rule_uid_range)) {
		const struct fib_rule_uid_range *r = mnl_attr_get_payload(a);

		out_uint(o, OUT_ANY, "uid_start", " uidrange %u", r->start);
		out_uint(o, OUT_ANY, "uid_end", "-%u", r->end);
	}
	a = m->tb[FRA_IP_PROTO];
	if (a && mnl_attr_get_payload_len(a) == 1)
		out_str(o, OUT_ANY, "ipproto", " ipproto %s",
			rt_ipproto_word(mnl_attr_get_u8(a), buf, sizeof(buf)));
	rule_print_range(o, m->tb[FRA_SPORT_RANGE], "sport", "sport_start", "sport_end");
	rule_print_range(o, m->tb[FRA_DPORT_RANGE], "dport", "dport_start", "dport_end");
	a = m->tb[FRA_TUN_ID];
	if (a && mnl_attr_get_payload_len(a) == sizeof(uint64_t))
		out_u64(o, OUT_ANY, "tun_id", " tun_id %llu",
			(unsigned long long)be64toh(mnl_attr_get_u64(a)));
}

/* " realms 1/2" (keys flow_from, flow_to), " realms 2" when from is 0. */
static void rule_print_realms(struct ctx *c, const struct rule_msg *m)
{
	uint32_t flow = attr_u32(m->tb[FRA_FLOW], 0);
	char buf[16];

	if (!m->tb[FRA_FLOW])
		return;
	out_text(c->out, " realms ");
	if (flow >> 16)
		out_str(c->out, OUT_ANY, "flow_from", "%s/",
			rt_realm_word(c, flow >> 16, buf, sizeof(buf)));
	out_str(c->out, OUT_ANY, "flow_to", "%s",
		rt_realm_word(c, flow & 0xffff, buf, sizeof(buf)));
}

/* "32765:	from 10.1.0.0/16 lookup 100", with the keys of ip -j rule show. */
void rule_print(struct ctx *c, const struct rule_msg *m)
{
	struct out *o = c->out;
	uint32_t table = rule_table(m);
	char buf[16];

	out_obj_open(o, NULL);
	out_uint(o, OUT_ANY, "priority", "%u:\t", attr_u32(m->tb[FRA_PRIORITY], 0));
	if (m->frh->flags & FIB_RULE_INVERT) {
		out_null(o, "not");
		out_text(o, "not ");
	}
	rule_print_prefix(o, m, FRA_SRC, m->frh->src_len, "from ", "src", "srclen", true);
	rule_print_prefix(o, m, FRA_DST, m->frh->dst_len, " to ", "dst", "dstlen", false);
	if (m->frh->tos)
		out_str(o, OUT_ANY, "tos", " tos %s",
			rt_dsfield_word(c, m->frh->tos, buf, sizeof(buf)));
	rule_print_fwmark(o, m);
	rule_print_dev(o, m->tb[FRA_IFNAME], "iif", "iif_detached",
		       m->frh->flags & FIB_RULE_IIF_DETACHED);
	rule_print_dev(o, m->tb[FRA_OIFNAME], "oif", "oif_detached",
		       m->frh->flags & FIB_RULE_OIF_DETACHED);
	if (m->tb[FRA_L3MDEV] && mnl_attr_get_payload_len(m->tb[FRA_L3MDEV]) == 1 &&
	    mnl_attr_get_u8(m->tb[FRA_L3MDEV])) {
		out_null(o, "l3mdev");
		out_text(o, " lookup [l3mdev-table]");
	}
	rule_print_selectors(o, m);
	if (table) {
		out_str(o, OUT_ANY, "table", " lookup %s",
			rt_table_word(c, table, buf, sizeof(buf)));
		/* the kernel's "unset" is -1 */
		if (m->tb[FRA_SUPPRESS_PREFIXLEN] &&
		    attr_u32(m->tb[FRA_SUPPRESS_PREFIXLEN], UINT32_MAX) != UINT32_MAX)
			out_int(o, OUT_ANY, "suppress_prefixlen", " suppress_prefixlength %d",
				(int)attr_u32(m->tb[FRA_SUPPRESS_PREFIXLEN], 0));
		if (m->tb[FRA_SUPPRESS_IFGROUP] &&
		    attr_u32(m->tb[FRA_SUPPRESS_IFGROUP], UINT32_MAX) != UINT32_MAX) {
			uint32_t g = attr_u32(m->tb[FRA_SUPPRESS_IFGROUP], 0);

			snprintf(buf, sizeof(buf), "%u", g);
			out_str(o, OUT_ANY, "suppress_ifgroup", " suppress_ifgroup %s",
				g == ifgroup_values[0] ? ifgroup_words[0] : buf);
		}
	}
	rule_print_realms(c, m);
	rule_print_action(o, m);
	if (m->tb[FRA_PROTOCOL] && mnl_attr_get_payload_len(m->tb[FRA_PROTOCOL]) == 1) {
		uint8_t p = mnl_attr_get_u8(m->tb[FRA_PROTOCOL]);
		/* as ip: the kernel's own and unset ones only with -d */
		if ((p && p != RTPROT_KERNEL) || ctx_details(c))
			out_str(o, OUT_ANY, "protocol", " proto %s",
				rt_proto_word(c, p, buf, sizeof(buf)));
	}
	out_nl(o);
	out_obj_close(o);
}

/* Whether the rule's prefix of attribute type (length len) is within the
 * filter's (ip's from and to selectors: the filter's bits only). */
void rule_print_msg(struct ctx *c, const struct nlmsghdr *nlh)
{
	struct rule_msg m;

	m.frh = mnl_nlmsg_get_payload(nlh);
	nl_parse(nlh, sizeof(*m.frh), m.tb, FRA_MAX);
	rule_print(c, &m);
}
