// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rule: policy routing rules (the FIB rules), as `ip rule` handles them.
 *
 * A rule says which routing table a packet is looked up in, by its source,
 * destination, devices and firewall mark.  Rules are per family; as in
 * iproute2 the family is IPv4 unless a prefix or -6 says otherwise.
 */
#include <endian.h>
#include <errno.h>
#include <linux/fib_rules.h>
#include <linux/if.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "flush.h"
#include "nl.h"
#include "out.h"
#include "rtnames.h"
#include "rule.h"

/* ---- the arguments ------------------------------------------------------ */

/* One table for add, del, show and flush: show and flush select the rules
 * that have what is given. */
enum {
	R_FROM,
	R_TO,
	R_IIF,
	R_OIF,
	R_FWMARK,
	R_TABLE,
	R_PRIO,
	R_NOT,
	R_GOTO,
	R_SUPPRESS,
	R_TOS,
	R_TYPE,
	R_REALMS,
	R_IPPROTO,
	R_SPORT,
	R_DPORT,
	R_UIDRANGE,
	R_L3MDEV,
	R_PROTO,
	R_IFGROUP,
	R_TUNID,
	R_NAT,
	/* the actions alone, as ip takes them: in action_words' order */
	R_BLACKHOLE,
	R_UNREACHABLE,
	R_PROHIBIT,
	R_NOP,
};

static const int type_excludes[] = {R_GOTO + 1,	    R_BLACKHOLE + 1, R_UNREACHABLE + 1,
				    R_PROHIBIT + 1, R_NOP + 1,	     0};
static const int action_excludes[][6] = {
    {R_GOTO + 1, R_UNREACHABLE + 1, R_PROHIBIT + 1, R_NOP + 1, 0},
    {R_GOTO + 1, R_BLACKHOLE + 1, R_PROHIBIT + 1, R_NOP + 1, 0},
    {R_GOTO + 1, R_BLACKHOLE + 1, R_UNREACHABLE + 1, R_NOP + 1, 0},
    {R_GOTO + 1, R_BLACKHOLE + 1, R_UNREACHABLE + 1, R_PROHIBIT + 1, 0},
};
static const int nat_excludes[] = {
    R_GOTO + 1, R_TYPE + 1, R_BLACKHOLE + 1, R_UNREACHABLE + 1, R_PROHIBIT + 1, R_NOP + 1, 0};
/* ip's other spellings of the priority */
static const char *const prio_aliases[] = {"order", NULL};

#define ACTION_ENTRY(w, i, h)                                                                      \
	{                                                                                          \
		.kw = (w), .kind = ARG_FLAG, .excludes_more = action_excludes[(i)-R_BLACKHOLE],    \
		.help = (h)                                                                        \
	}

static const struct arg rule_args[] = {
    [R_FROM] = {.kw = "from",
		.kind = ARG_PREFIX,
		.flags = ARGF_DEFAULT,
		.metavar = "PREFIX",
		.help = "the packet's source address is in PREFIX (all: any)"},
    [R_TO] = {.kw = "to",
	      .kind = ARG_PREFIX,
	      .flags = ARGF_DEFAULT,
	      .metavar = "PREFIX",
	      .help = "its destination address is in PREFIX (all: any)"},
    [R_IIF] = {.kw = "iif",
	       .alias = "dev",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .help = "it came in through this device (lo: it is sent by this host)"},
    [R_OIF] = {.kw = "oif",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .help = "it goes out through this device (a socket bound to it)"},
    [R_FWMARK] = {.kw = "fwmark",
		  .kind = ARG_MARK,
		  .help = "its firewall mark, under the mask when one is given"},
    [R_TABLE] = {.kw = "table",
		 .alias = "lookup",
		 .kind = ARG_U32,
		 .words = rt_table_words,
		 .values = rt_table_values,
		 .min = 1,
		 .metavar = "TABLE",
		 .excludes = R_GOTO + 1,
		 .help = "look the packet up in this table: a number from 1, main, local or "
			 "default (main when left out)"},
    [R_PRIO] = {.kw = "priority",
		.alias = "preference",
		.aliases = prio_aliases,
		.kind = ARG_U32,
		.metavar = "N",
		.help = "the rule's place: rules are tried from the lowest (the kernel picks "
			"one below the others' when left out)"},
    [R_NOT] = {.kw = "not", .kind = ARG_FLAG, .help = "the rule is for packets it does not select"},
    [R_GOTO] = {.kw = "goto",
		.kind = ARG_U32,
		.metavar = "N",
		.help = "go on with the rule of priority N instead of a lookup"},
    [R_SUPPRESS] = {.kw = "suppress_prefixlength",
		    .kind = ARG_U32,
		    .max = 128,
		    .metavar = "N",
		    .excludes = R_GOTO + 1,
		    .help = "reject the lookup's answer when its prefix is N bits long or "
			    "shorter"},
    [R_TOS] = RT_TOS_ENTRY("its TOS (DSCP) byte"),
    [R_TYPE] = {.kw = "type",
		.kind = ARG_ENUM,
		.words = action_words,
		.metavar = "ACTION",
		.excludes_more = type_excludes,
		.help = "instead of a lookup: drop the packet (blackhole), refuse it "
			"(unreachable, prohibit) or go on with the next rule (nop); the word alone "
			"says it too"},
    [R_REALMS] = {.kw = "realms",
		  .kind = ARG_PAIR,
		  .words = rt_realm_words,
		  .values = rt_realm_values,
		  .max = 0xffff,
		  .metavar = "[FROM/]TO",
		  .help = "the realms a packet the rule selects is counted in"},
    [R_IPPROTO] = {.kw = "ipproto",
		   .kind = ARG_U32,
		   .words = rt_ipproto_words,
		   .values = rt_ipproto_values,
		   .max = 255,
		   .metavar = "PROTO",
		   .help = "its IP protocol (tcp, udp, ... or a number)"},
    [R_SPORT] = {.kw = "sport",
		 .kind = ARG_SPAN,
		 .max = 65535,
		 .help = "its source port, or a range of them"},
    [R_DPORT] = {.kw = "dport",
		 .kind = ARG_SPAN,
		 .max = 65535,
		 .help = "its destination port, or a range of them"},
    [R_UIDRANGE] = {.kw = "uidrange",
		    .kind = ARG_SPAN,
		    .help = "the user id of its socket is in the range N-M"},
    [R_L3MDEV] = {.kw = "l3mdev",
		  .kind = ARG_FLAG,
		  .excludes = R_TABLE + 1,
		  .help = "look it up in the table of the vrf of its device"},
    [R_PROTO] = {.kw = "protocol",
		 .kind = ARG_U32,
		 .words = rt_proto_words,
		 .values = rt_proto_values,
		 .max = 255,
		 .metavar = "PROTO",
		 .help = "who made the rule (a name of rt_protos, or a number)"},
    [R_TUNID] = {.kw = "tun_id",
		 .kind = ARG_U32,
		 .metavar = "ID",
		 .help = "the tunnel id of its metadata (a collect_md tunnel's)"},
    [R_NAT] = {.kw = "nat",
	       .alias = "map-to",
	       .kind = ARG_ADDR,
	       .flags = ARGF_IP_EXACT,
	       .metavar = "ADDR",
	       .excludes_more = nat_excludes,
	       .help = "route NAT (deprecated): the rule's action is nat, which the kernel "
		       "keeps but has not done since Linux 2.6; the IPv4 address is sent and "
		       "dropped"},
    [R_BLACKHOLE] = ACTION_ENTRY(W_BLACKHOLE, R_BLACKHOLE, "type blackhole: drop the packet"),
    [R_UNREACHABLE] =
	ACTION_ENTRY(W_UNREACHABLE, R_UNREACHABLE, "type unreachable: refuse it, host unreachable"),
    [R_PROHIBIT] = ACTION_ENTRY(W_PROHIBIT, R_PROHIBIT,
				"type prohibit: refuse it, administratively prohibited"),
    [R_NOP] = ACTION_ENTRY(W_NOP, R_NOP, "type nop: do nothing, go on with the next rule"),
    [R_IFGROUP] = {.kw = "suppress_ifgroup",
		   .kind = ARG_U32,
		   .words = ifgroup_words,
		   .values = ifgroup_values,
		   .metavar = "GROUP",
		   .excludes = R_GOTO + 1,
		   .help = "reject the lookup's answer when its device is in this group"},
};

/* ---- add and del -------------------------------------------------------- */

static const char *family_word(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

/* The rule's family: its prefixes' (which must agree), else -6's, else IPv4
 * as in iproute2.  "all" has no family of its own.  Under ip's name, as ip:
 * -6's, else IPv4 whatever the prefixes are (an IPv6 prefix without -6 goes
 * as it was typed, and the kernel refuses it: "Invalid source address"). */
static int rule_family(struct ctx *c, const struct val *v, int *family)
{
	const struct val *from = &v[R_FROM], *to = &v[R_TO];
	int f = from->set ? from->ip.family : AF_UNSPEC;

	if (c->persona == PERSONA_IP) {
		*family = c->family != AF_UNSPEC ? c->family : AF_INET;
		return 0;
	}

	if (to->set && to->ip.family != AF_UNSPEC) {
		if (f != AF_UNSPEC && f != to->ip.family)
			return err_usage(c, "%s %s is %s but %s %s is %s", rule_args[R_TO].kw,
					 to->str, family_word(to->ip.family), rule_args[R_FROM].kw,
					 from->str, family_word(f));
		f = to->ip.family;
	}
	if (f == AF_UNSPEC)
		f = c->family != AF_UNSPEC ? c->family : AF_INET;
	*family = f;
	return 0;
}

/* A selector's prefix: its length in the header, its address when it has
 * one ("all" has none), as long as its own family's. */
static void put_prefix(struct nlmsghdr *nlh, int type, const struct val *p, uint8_t *len)
{
	if (!p->set || p->ip.len == 0)
		return;
	*len = p->ip.len;
	mnl_attr_put(nlh, type, family_addr_len(p->ip.family), p->ip.bytes);
}

static void put_table(struct nlmsghdr *nlh, struct fib_rule_hdr *frh, uint32_t table)
{
	/* tables past 255 do not fit the header */
	frh->table = table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC;
	if (table >= 256)
		mnl_attr_put_u32(nlh, FRA_TABLE, table);
}

/* The index in action_words of the action given (by type or alone), or -1. */
static int rule_action(const struct val *v)
{
	if (v[R_TYPE].set)
		return v[R_TYPE].e;
	for (int i = R_BLACKHOLE; i <= R_NOP; i++)
		if (v[i].set)
			return i - R_BLACKHOLE;
	return -1;
}

static void rule_fill(struct nlmsghdr *nlh, const struct val *v, int family, bool add)
{
	struct fib_rule_hdr *frh = mnl_nlmsg_put_extra_header(nlh, sizeof(*frh));

	frh->family = (uint8_t)family;
	put_prefix(nlh, FRA_SRC, &v[R_FROM], &frh->src_len);
	put_prefix(nlh, FRA_DST, &v[R_TO], &frh->dst_len);
	if (v[R_NOT].set)
		frh->flags |= FIB_RULE_INVERT;
	if (v[R_PRIO].set)
		mnl_attr_put_u32(nlh, FRA_PRIORITY, v[R_PRIO].u);
	if (v[R_IIF].set)
		mnl_attr_put_strz(nlh, FRA_IFNAME, v[R_IIF].str);
	if (v[R_OIF].set)
		mnl_attr_put_strz(nlh, FRA_OIFNAME, v[R_OIF].str);
	if (v[R_FWMARK].set) {
		mnl_attr_put_u32(nlh, FRA_FWMARK, v[R_FWMARK].u);
		mnl_attr_put_u32(nlh, FRA_FWMASK, v[R_FWMARK].hi);
	}
	if (v[R_SUPPRESS].set)
		mnl_attr_put_u32(nlh, FRA_SUPPRESS_PREFIXLEN, v[R_SUPPRESS].u);
	if (v[R_IFGROUP].set)
		mnl_attr_put_u32(nlh, FRA_SUPPRESS_IFGROUP, v[R_IFGROUP].u);
	if (v[R_TOS].set)
		frh->tos = (uint8_t)v[R_TOS].u;
	if (v[R_REALMS].set)
		mnl_attr_put_u32(nlh, FRA_FLOW, v[R_REALMS].hi << 16 | v[R_REALMS].u);
	if (v[R_IPPROTO].set)
		mnl_attr_put_u8(nlh, FRA_IP_PROTO, (uint8_t)v[R_IPPROTO].u);
	if (v[R_SPORT].set) {
		struct fib_rule_port_range r = {(uint16_t)v[R_SPORT].u, (uint16_t)v[R_SPORT].hi};
		mnl_attr_put(nlh, FRA_SPORT_RANGE, sizeof(r), &r);
	}
	if (v[R_DPORT].set) {
		struct fib_rule_port_range r = {(uint16_t)v[R_DPORT].u, (uint16_t)v[R_DPORT].hi};
		mnl_attr_put(nlh, FRA_DPORT_RANGE, sizeof(r), &r);
	}
	if (v[R_UIDRANGE].set) {
		struct fib_rule_uid_range r = {v[R_UIDRANGE].u, v[R_UIDRANGE].hi};
		mnl_attr_put(nlh, FRA_UID_RANGE, sizeof(r), &r);
	}
	if (v[R_L3MDEV].set)
		mnl_attr_put_u8(nlh, FRA_L3MDEV, 1);
	if (v[R_TUNID].set)
		mnl_attr_put_u64(nlh, FRA_TUN_ID, htobe64(v[R_TUNID].u));
	if (v[R_PROTO].set)
		mnl_attr_put_u8(nlh, FRA_PROTOCOL, (uint8_t)v[R_PROTO].u);
	if (v[R_NAT].set) {
		/* ip's RTA_GATEWAY, which the kernel ignores in a rule */
		frh->action = RTN_NAT;
		mnl_attr_put_u32(nlh, RTA_GATEWAY, v[R_NAT].ip.v4.s_addr);
		if (v[R_TABLE].set || add)
			put_table(nlh, frh, v[R_TABLE].set ? v[R_TABLE].u : RT_TABLE_MAIN);
	} else if (rule_action(v) >= 0) {
		frh->action = action_values[rule_action(v)];
		if (v[R_TABLE].set)
			put_table(nlh, frh, v[R_TABLE].u);
	} else if (v[R_GOTO].set) {
		frh->action = FR_ACT_GOTO;
		mnl_attr_put_u32(nlh, FRA_GOTO, v[R_GOTO].u);
	} else if (v[R_TABLE].set) {
		frh->action = FR_ACT_TO_TBL;
		put_table(nlh, frh, v[R_TABLE].u);
	} else if (add) {
		frh->action = FR_ACT_TO_TBL;
		/* l3mdev's table is the vrf's */
		if (!v[R_L3MDEV].set)
			put_table(nlh, frh, RT_TABLE_MAIN);
	}
}

/* When the kernel explains nothing, its bare errno says little here. */
static int rule_error(struct ctx *c, int rc)
{
	if (c->reason[0])
		return rc;
	if (rc == -EEXIST)
		return err_errno(c, EEXIST, "the same rule exists already");
	if (rc == -ENOENT)
		return err_errno(c, ENOENT, "no such rule");
	return rc;
}

static int rule_send(struct ctx *c, const struct val *v, bool add)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	bool any = false;
	int family = AF_INET, rc;

	if ((rc = rule_family(c, v, &family)) < 0)
		return rc;
	/* with nothing to match, the kernel would delete the first rule */
	for (size_t i = 0; i < ARRAY_SIZE(rule_args); i++)
		any |= v[i].set;
	if (!add && !any)
		return err_usage(c, "which rule? (give its priority, or what it selects)");
	/* ip takes a range only, N-M */
	if (ctx_iproute2(c) && v[R_UIDRANGE].set && !strchr(v[R_UIDRANGE].str, '-'))
		return err_iproute2(c, VN_EIP_USAGE,
				    "Error: argument \"%s\" is wrong: invalid UID range",
				    v[R_UIDRANGE].str);
	if (v[R_NAT].set && v[R_NAT].ip.family != AF_INET)
		return err_usage(c, "%s %s is not an IPv4 address", rule_args[R_NAT].kw,
				 v[R_NAT].str);
	if (v[R_NAT].set && c->persona == PERSONA_IP)
		fputs("Warning: route NAT is deprecated\n", stderr);
	nlh = nl_msg(buf, add ? RTM_NEWRULE : RTM_DELRULE, add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	rule_fill(nlh, v, family, add);
	rc = nl_request(c, nlh, NULL, NULL);
	return rc < 0 ? rule_error(c, rc) : 0;
}

static int rule_add(struct ctx *c, const struct val *v)
{
	return rule_send(c, v, true);
}

static int rule_del(struct ctx *c, const struct val *v)
{
	return rule_send(c, v, false);
}

/* ---- show --------------------------------------------------------------- */

struct rule_show {
	struct ctx *c;
	int family;
	const struct val *v; /* what a rule must have to be listed or flushed */
	bool flush;
	bool save;	      /* each rule written to stdout as the kernel sent it */
	struct nl_msgs found; /* flush: the rules to delete */
};

static bool prefix_within(const struct rule_msg *m, int type, const struct val *f)
{
	const struct nlattr *a = m->tb[type];
	const uint8_t *addr;
	unsigned full = f->ip.len / 8, rest = f->ip.len % 8;

	if (f->ip.len == 0)
		return true;
	if (!a || f->ip.family != m->frh->family ||
	    mnl_attr_get_payload_len(a) != family_addr_len(m->frh->family))
		return false;
	addr = mnl_attr_get_payload(a);
	if (memcmp(addr, f->ip.bytes, full))
		return false;
	return !rest || !((addr[full] ^ f->ip.bytes[full]) & (0xff00 >> rest));
}

static bool range_is(const struct nlattr *a, const struct val *f)
{
	const struct fib_rule_port_range *r;

	if (!a || mnl_attr_get_payload_len(a) < sizeof(*r))
		return false;
	r = mnl_attr_get_payload(a);
	return r->start == f->u && r->end == f->hi;
}

static bool dev_is(const struct nlattr *a, const struct val *f)
{
	return a && mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0 &&
	       !strcmp(mnl_attr_get_str(a), f->str);
}

static uint8_t attr_u8(const struct nlattr *a)
{
	return a && mnl_attr_get_payload_len(a) == 1 ? mnl_attr_get_u8(a) : 0;
}

/* Whether the rule has every selector and action the filter gives.  As
 * ip 6.1, show lists every protocol under ip's name; flush selects by it. */
static bool rule_selected(const struct rule_show *s, const struct rule_msg *m)
{
	const struct val *v = s->v;
	const struct fib_rule_uid_range *uid;

	if ((v[R_FROM].set && !prefix_within(m, FRA_SRC, &v[R_FROM])) ||
	    (v[R_TO].set && !prefix_within(m, FRA_DST, &v[R_TO])) ||
	    (v[R_IIF].set && !dev_is(m->tb[FRA_IFNAME], &v[R_IIF])) ||
	    (v[R_OIF].set && !dev_is(m->tb[FRA_OIFNAME], &v[R_OIF])) ||
	    (v[R_TABLE].set && rule_table(m) != v[R_TABLE].u) ||
	    (v[R_PRIO].set && attr_u32(m->tb[FRA_PRIORITY], 0) != v[R_PRIO].u) ||
	    (v[R_NOT].set && !(m->frh->flags & FIB_RULE_INVERT)) ||
	    (v[R_TOS].set && m->frh->tos != v[R_TOS].u) ||
	    (rule_action(v) >= 0 && m->frh->action != action_values[rule_action(v)]) ||
	    (v[R_NAT].set && m->frh->action != RTN_NAT) ||
	    (v[R_GOTO].set && attr_u32(m->tb[FRA_GOTO], 0) != v[R_GOTO].u) ||
	    (v[R_SUPPRESS].set &&
	     attr_u32(m->tb[FRA_SUPPRESS_PREFIXLEN], UINT32_MAX) != v[R_SUPPRESS].u) ||
	    (v[R_IFGROUP].set &&
	     attr_u32(m->tb[FRA_SUPPRESS_IFGROUP], UINT32_MAX) != v[R_IFGROUP].u) ||
	    (v[R_REALMS].set &&
	     attr_u32(m->tb[FRA_FLOW], 0) != (v[R_REALMS].hi << 16 | v[R_REALMS].u)) ||
	    (v[R_IPPROTO].set && attr_u8(m->tb[FRA_IP_PROTO]) != v[R_IPPROTO].u) ||
	    (v[R_SPORT].set && !range_is(m->tb[FRA_SPORT_RANGE], &v[R_SPORT])) ||
	    (v[R_DPORT].set && !range_is(m->tb[FRA_DPORT_RANGE], &v[R_DPORT])) ||
	    (v[R_L3MDEV].set && !attr_u8(m->tb[FRA_L3MDEV])) ||
	    (v[R_TUNID].set && (!m->tb[FRA_TUN_ID] ||
				mnl_attr_get_payload_len(m->tb[FRA_TUN_ID]) != sizeof(uint64_t) ||
				be64toh(mnl_attr_get_u64(m->tb[FRA_TUN_ID])) != v[R_TUNID].u)))
		return false;
	if (v[R_FWMARK].set &&
	    (attr_u32(m->tb[FRA_FWMARK], 0) != v[R_FWMARK].u ||
	     (v[R_FWMARK].hi != UINT32_MAX && attr_u32(m->tb[FRA_FWMASK], 0) != v[R_FWMARK].hi)))
		return false;
	if (v[R_UIDRANGE].set) {
		if (!m->tb[FRA_UID_RANGE] ||
		    mnl_attr_get_payload_len(m->tb[FRA_UID_RANGE]) < sizeof(*uid))
			return false;
		uid = mnl_attr_get_payload(m->tb[FRA_UID_RANGE]);
		if (uid->start != v[R_UIDRANGE].u || uid->end != v[R_UIDRANGE].hi)
			return false;
	}
	if (v[R_PROTO].set && (s->flush || !ctx_iproute2(s->c)) &&
	    attr_u8(m->tb[FRA_PROTOCOL]) != v[R_PROTO].u)
		return false;
	return true;
}

static int rule_show_one(const struct nlmsghdr *nlh, void *data)
{
	struct rule_show *s = data;
	struct rule_msg m;

	if (nlh->nlmsg_type != RTM_NEWRULE)
		return MNL_CB_OK;
	m.frh = mnl_nlmsg_get_payload(nlh);
	if (m.frh->family != s->family)
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(*m.frh), m.tb, FRA_MAX);
	if (!rule_selected(s, &m))
		return MNL_CB_OK;
	if (s->save) {
		/* a short write is seen by ferror at the end */
		fwrite(nlh, 1, nlh->nlmsg_len, stdout);
		return MNL_CB_OK;
	}
	if (!s->flush) {
		rule_print(s->c, &m);
		return MNL_CB_OK;
	}
	/* as ip: a rule without a priority (the local table's, 0) stays */
	if (m.tb[FRA_PRIORITY] && nl_msgs_keep(&s->found, nlh) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static int rule_dump(struct ctx *c, struct rule_show *s)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETRULE, 0);
	struct fib_rule_hdr *frh = mnl_nlmsg_put_extra_header(nlh, sizeof(*frh));

	s->family = c->family != AF_UNSPEC ? c->family : AF_INET;
	frh->family = (uint8_t)s->family;
	return nl_dump(c, nlh, rule_show_one, s);
}

static int rule_show(struct ctx *c, const struct val *v)
{
	struct rule_show s = {.c = c, .v = v};
	int rc;

	out_list_open(c->out, NULL);
	rc = rule_dump(c, &s);
	out_list_close(c->out);
	return rc;
}

/* ip rule save's stream: its magic number, in the host's order, then each
 * rule selected, the kernel's message as it came (ip rule restore reads it). */
#define RULE_SAVE_MAGIC 0x71706986u

static int rule_save(struct ctx *c, const struct val *v)
{
	const uint32_t magic = RULE_SAVE_MAGIC;
	struct rule_show s = {.c = c, .v = v, .save = true};
	bool any = false;
	int rc;

	for (size_t i = 0; i < ARRAY_SIZE(rule_args); i++)
		any |= v[i].set;
	/* ip saves every rule of the family: it takes no words */
	if (any && ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_FAIL,
				    "\"ip rule save\" does not take any arguments.");
	if ((rc = err_save_tty(c)) < 0)
		return rc;
	fwrite(&magic, 1, sizeof(magic), stdout);
	rc = rule_dump(c, &s);
	if (rc == 0 && (fflush(stdout) == EOF || ferror(stdout)))
		rc = err_errno(c, errno, "cannot write the rules");
	return rc;
}

/* The dumped rule, sent back whole as its delete (as ip does). */
static void flush_queue(struct ctx *c, struct nl_pipe *p, const struct nlmsghdr *src)
{
	const struct nlattr *prio;
	struct nlattr *tb[FRA_MAX + 1] = {0};
	char label[16];
	struct nlmsghdr *nlh;
	size_t len = mnl_nlmsg_get_payload_len(src);

	nl_parse(src, sizeof(struct fib_rule_hdr), (const struct nlattr **)tb, FRA_MAX);
	prio = tb[FRA_PRIORITY];
	snprintf(label, sizeof(label), "%u", attr_u32(prio, 0));
	nlh = nl_pipe_msg(c, p, RTM_DELRULE, 0, label);
	memcpy(mnl_nlmsg_put_extra_header(nlh, len), mnl_nlmsg_get_payload(src), len);
}

static int rule_flush(struct ctx *c, const struct val *v)
{
	static const int gone[] = {-ENOENT, 0};
	struct rule_show s = {.c = c, .v = v, .flush = true};
	int rc;

	if ((rc = rule_dump(c, &s)) == 0)
		rc = flush_msgs(c, s.found.v, s.found.n, flush_queue, gone);
	nl_msgs_free(&s.found);
	return rc;
}

/* ---- the object --------------------------------------------------------- */

/* In ip rule's order, with its spellings (core.h). */
static const struct verb rule_verbs[] = {
    VERB_ALSO("show", verb_show_aliases, rule_show, rule_args,
	      "list the rules of one family (IPv4 unless -6), in the order they are tried, "
	      "those that have what is given"),
    VERB("save", rule_save, rule_args,
	 "write the rules of one family that have what is given to stdout, in binary, as ip "
	 "rule save"),
    VERB("add", rule_add, rule_args, "add a policy routing rule"),
    VERB_ALSO("del", verb_del_aliases, rule_del, rule_args,
	      "remove the first rule that matches what is given"),
    VERB("flush", rule_flush, rule_args,
	 "remove the rules of one family that have what is given, every one but the local "
	 "table's (priority 0) when nothing is"),
};

VNETCTL_OBJECT_OF(rule, "show", "policy routing rules")
