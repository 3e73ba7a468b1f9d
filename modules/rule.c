// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * rule: policy routing rules (the FIB rules), as `ip rule` handles them.
 *
 * A rule says which routing table a packet is looked up in, by its source,
 * destination, devices and firewall mark.  Rules are per family; as in
 * iproute2 the family is IPv4 unless a prefix or -6 says otherwise.
 */
#include <errno.h>
#include <linux/fib_rules.h>
#include <linux/if.h>
#include <string.h>

#include "core.h"
#include "nl.h"
#include "out.h"
#include "rtnames.h"

/* ---- the arguments ------------------------------------------------------ */

enum { R_FROM, R_TO, R_IIF, R_OIF, R_FWMARK, R_TABLE, R_PRIO, R_NOT, R_GOTO, R_SUPPRESS };
enum { S_TABLE };

#define ARG_TABLE_ENTRY(x, h)                                                                      \
	{                                                                                          \
		.kw = "table", .alias = "lookup", .kind = ARG_U32, .words = rt_table_words,        \
		.values = rt_table_values, .min = 1, .metavar = "TABLE", .excludes = (x),          \
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
    [R_TABLE] = ARG_TABLE_ENTRY(R_GOTO + 1, "look the packet up in this table: a number "
					    "from 1, main, local or default (main when left "
					    "out)"),
    [R_PRIO] = {.kw = "priority",
		.alias = "preference",
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
};

static const struct arg show_args[] = {
    [S_TABLE] = ARG_TABLE_ENTRY(0, "only the rules that look up this table"),
};

/* ---- add and del -------------------------------------------------------- */

static size_t family_addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

static const char *family_word(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

/* The rule's family: its prefixes' (which must agree), else -6's, else IPv4
 * as in iproute2.  "all" has no family of its own. */
static int rule_family(struct ctx *c, const struct val *v, int *family)
{
	const struct val *from = &v[R_FROM], *to = &v[R_TO];
	int f = from->set ? from->ip.family : AF_UNSPEC;

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
 * one ("all" has none). */
static void put_prefix(struct nlmsghdr *nlh, int type, const struct val *p, int family,
		       uint8_t *len)
{
	if (!p->set || p->ip.len == 0)
		return;
	*len = p->ip.len;
	mnl_attr_put(nlh, type, family_addr_len(family), p->ip.bytes);
}

static void put_table(struct nlmsghdr *nlh, struct fib_rule_hdr *frh, uint32_t table)
{
	/* tables past 255 do not fit the header */
	frh->table = table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC;
	if (table >= 256)
		mnl_attr_put_u32(nlh, FRA_TABLE, table);
}

static void rule_fill(struct nlmsghdr *nlh, const struct val *v, int family, bool add)
{
	struct fib_rule_hdr *frh = mnl_nlmsg_put_extra_header(nlh, sizeof(*frh));

	frh->family = (uint8_t)family;
	put_prefix(nlh, FRA_SRC, &v[R_FROM], family, &frh->src_len);
	put_prefix(nlh, FRA_DST, &v[R_TO], family, &frh->dst_len);
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
	if (v[R_GOTO].set) {
		frh->action = FR_ACT_GOTO;
		mnl_attr_put_u32(nlh, FRA_GOTO, v[R_GOTO].u);
	} else if (v[R_TABLE].set) {
		frh->action = FR_ACT_TO_TBL;
		put_table(nlh, frh, v[R_TABLE].u);
	} else if (add) {
		frh->action = FR_ACT_TO_TBL;
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
	uint32_t table; /* 0: every rule */
};

/* A parsed RTM_NEWRULE message. */
struct rule_msg {
	const struct fib_rule_hdr *frh;
	const struct nlattr *tb[FRA_MAX + 1];
};

static uint32_t rule_table(const struct rule_msg *m)
{
	const struct nlattr *t = m->tb[FRA_TABLE];

	return t && mnl_attr_get_payload_len(t) == 4 ? mnl_attr_get_u32(t) : m->frh->table;
}

static uint32_t attr_u32(const struct nlattr *a, uint32_t dflt)
{
	return a && mnl_attr_get_payload_len(a) == 4 ? mnl_attr_get_u32(a) : dflt;
}

/* "from 10.1.0.0/16", "from all", " to 10.2.0.1": keys src and srclen, dst
 * and dstlen, as ip prints them (the length only when not a host's). */
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
	static const char *const action_words[] = {
	    [FR_ACT_BLACKHOLE] = "blackhole",
	    [FR_ACT_UNREACHABLE] = "unreachable",
	    [FR_ACT_PROHIBIT] = "prohibit",
	};
	uint8_t act = m->frh->action;
	char buf[16];

	if (act == FR_ACT_GOTO) {
		if (m->tb[FRA_GOTO])
			out_uint(o, OUT_ANY, "goto", " goto %u", attr_u32(m->tb[FRA_GOTO], 0));
		else
			out_str(o, OUT_ANY, "goto", " goto %s", "none");
		if (m->frh->flags & FIB_RULE_UNRESOLVED) {
			out_null(o, "unresolved");
			out_text(o, " [unresolved]");
		}
	} else if (act == FR_ACT_NOP) {
		out_null(o, "nop");
		out_text(o, " nop");
	} else if (act != FR_ACT_TO_TBL) {
		snprintf(buf, sizeof(buf), "%u", act);
		out_str(o, OUT_ANY, "action", " %s",
			act < ARRAY_SIZE(action_words) && action_words[act] ? action_words[act]
									    : buf);
	}
}

/* "32765:	from 10.1.0.0/16 lookup 100", with the keys of ip -j rule show. */
static void rule_print(const struct rule_show *s, const struct rule_msg *m)
{
	struct out *o = s->c->out;
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
	if (m->frh->tos) {
		snprintf(buf, sizeof(buf), "0x%02x", m->frh->tos);
		out_str(o, OUT_ANY, "tos", " tos %s", buf);
	}
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
	if (table) {
		out_str(o, OUT_ANY, "table", " lookup %s",
			rt_table_word(s->c, table, buf, sizeof(buf)));
		/* the kernel's "unset" is -1 */
		if (m->tb[FRA_SUPPRESS_PREFIXLEN] &&
		    attr_u32(m->tb[FRA_SUPPRESS_PREFIXLEN], UINT32_MAX) != UINT32_MAX)
			out_int(o, OUT_ANY, "suppress_prefixlen", " suppress_prefixlength %d",
				(int)attr_u32(m->tb[FRA_SUPPRESS_PREFIXLEN], 0));
	}
	rule_print_action(o, m);
	if (m->tb[FRA_PROTOCOL] && mnl_attr_get_payload_len(m->tb[FRA_PROTOCOL]) == 1) {
		uint8_t p = mnl_attr_get_u8(m->tb[FRA_PROTOCOL]);
		/* as ip: the kernel's own and unset ones only with -d */
		if ((p && p != RTPROT_KERNEL) || ctx_details(s->c))
			out_str(o, OUT_ANY, "protocol", " proto %s",
				rt_proto_word(s->c, p, buf, sizeof(buf)));
	}
	out_nl(o);
	out_obj_close(o);
}

static int rule_show_one(const struct nlmsghdr *nlh, void *data)
{
	const struct rule_show *s = data;
	struct rule_msg m;

	if (nlh->nlmsg_type != RTM_NEWRULE)
		return MNL_CB_OK;
	m.frh = mnl_nlmsg_get_payload(nlh);
	if (m.frh->family != s->family)
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(*m.frh), m.tb, FRA_MAX);
	if (s->table && rule_table(&m) != s->table)
		return MNL_CB_OK;
	rule_print(s, &m);
	return MNL_CB_OK;
}

static int rule_show(struct ctx *c, const struct val *v)
{
	struct rule_show s = {.c = c, .family = c->family != AF_UNSPEC ? c->family : AF_INET};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETRULE, 0);
	struct fib_rule_hdr *frh = mnl_nlmsg_put_extra_header(nlh, sizeof(*frh));
	int rc;

	if (v[S_TABLE].set)
		s.table = v[S_TABLE].u;
	frh->family = (uint8_t)s.family;
	out_list_open(c->out, NULL);
	rc = nl_dump(c, nlh, rule_show_one, &s);
	out_list_close(c->out);
	return rc;
}

/* ---- the object --------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", "lst", NULL};

/* In ip rule's order, with its spellings (core.h). */
static const struct verb rule_verbs[] = {
    VERB_ALSO("show", show_aliases, rule_show, show_args,
	      "list the rules of one family (IPv4 unless -6), in the order they are tried"),
    VERB("add", rule_add, rule_args, "add a policy routing rule"),
    VERB_ALSO("del", del_aliases, rule_del, rule_args,
	      "remove the first rule that matches what is given"),
};

VNETCTL_OBJECT_OF(rule, "show", "policy routing rules")
