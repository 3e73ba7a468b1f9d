// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * addr: IPv4 and IPv6 addresses on devices, as `ip address` handles them.
 *
 * add, change, replace and del here; show and flush are addrlist.c, the
 * printer addrshow.c.
 */
#include <errno.h>
#include <fnmatch.h>
#include <linux/if_addr.h>
#include <linux/if.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "core.h"
#include "link.h"
#include "flush.h"
#include "nl.h"
#include "rtnames.h"
#include "out.h"

/* An address label's longest (IFNAMSIZ less its NUL, as the kernel checks). */
#define LABEL_MAX (IFNAMSIZ - 1)

/* ---- the arguments ------------------------------------------------------ */

/* add, change, replace and del share one table; show and flush share one
 * of selectors (addrlist.c). */
enum {
	A_LOCAL,
	A_DEV,
	A_PEER,
	A_BRD,
	A_ANYCAST,
	A_SCOPE,
	A_LABEL,
	A_VALID,
	A_PREFERRED,
	A_NOPREFIXROUTE,
	A_NODAD,
	A_HOME,
	A_OPTIMISTIC,
	A_MNGTMPADDR,
	A_AUTOJOIN,
	A_METRIC,
};

/* ip's order for add's words (its ipaddr_modify()): the first an
 * abbreviation begins wins, `br` is broadcast. */
enum {
	IPO_PEER = 1,
	IPO_BRD,
	IPO_ANYCAST,
	IPO_SCOPE,
	IPO_DEV,
	IPO_LABEL,
	IPO_METRIC,
	IPO_VALID,
	IPO_PREFERRED,
	IPO_HOME,
	IPO_NODAD,
	IPO_OPTIMISTIC,
	IPO_MNGTMPADDR,
	IPO_NOPREFIXROUTE,
	IPO_AUTOJOIN,
	IPO_LOCAL,
};

/* A lifetime: seconds, or forever (the kernel's all ones). */
#define ARG_LIFETIME_ENTRY(k, lo, o, h)                                                            \
	{                                                                                          \
		.kw = (k), .kind = ARG_U32, .words = forever_words, .values = forever_values,      \
		.min = (lo), .max = LIFETIME_FOREVER - 1, .metavar = "SECONDS", .help = (h),       \
		.ip_order = (o)                                                                    \
	}
/* A flag add sets on the address, spelled whole under ip's name. */
#define ARG_CONFFLAG_ENTRY(k, o, h)                                                                \
	{                                                                                          \
		.kw = (k), .kind = ARG_FLAG, .flags = ARGF_IP_EXACT, .help = (h), .ip_order = (o)  \
	}

static const char *const forever_words[] = {"forever", NULL};
static const uint32_t forever_values[] = {LIFETIME_FOREVER};
/* broadcast + and -: the prefix's host bits all set, or all clear */
static const char *const brd_words[] = {"+", "-", NULL};
enum { BRD_ONES = 1, BRD_ZEROS };

static const struct arg addr_args[] = {
    [A_LOCAL] = {.kw = "local",
		 .kind = ARG_PREFIX,
		 .flags = ARGF_REQUIRED | ARGF_IP_OPTIONAL | ARGF_POSITIONAL | ARGF_SUBJECT |
			  ARGF_IP_EXACT,
		 .metavar = "ADDR[/PLEN]",
		 .help = "the address and its prefix length, or ADDR/NETMASK for IPv4 (the keyword "
			 "may be left out)",
		 .ip_order = IPO_LOCAL},
    [A_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .flags = ARGF_REQUIRED | ARGF_IP_EXACT,
	       .metavar = "NAME",
	       .help = "the device",
	       .ip_order = IPO_DEV},
    [A_PEER] = {.kw = "peer",
		.alias = "remote",
		.kind = ARG_PREFIX,
		.flags = ARGF_IP_EXACT,
		.metavar = "ADDR[/PLEN]",
		.help = "the far end of a point-to-point link; the prefix length goes here",
		.ip_order = IPO_PEER},
    [A_BRD] = {.kw = "broadcast",
	       .alias = "brd",
	       .kind = ARG_ADDR,
	       .words = brd_words,
	       .metavar = "ADDR",
	       .help = "the IPv4 broadcast address, or + (the prefix's host bits set) or - "
		       "(clear) (del ignores it)",
	       .ip_order = IPO_BRD},
    [A_ANYCAST] = {.kw = "anycast",
		   .kind = ARG_ADDR,
		   .flags = ARGF_IP_EXACT,
		   .metavar = "ADDR",
		   .help = "an anycast address the device answers too (del ignores it)",
		   .ip_order = IPO_ANYCAST},
    [A_SCOPE] = RT_SCOPE_ENTRY("where the address is valid: global, link, host or 0 to 255 "
			       "(global; host for 127.0.0.0/8)"),
    [A_LABEL] = {.kw = "label",
		 .kind = ARG_STRING,
		 .flags = ARGF_IP_EXACT,
		 .metavar = "NAME",
		 .help = "an IPv4 address's name, up to 15 bytes (the device's when left out)",
		 .ip_order = IPO_LABEL},
    [A_VALID] = ARG_LIFETIME_ENTRY("valid_lft", 0, IPO_VALID,
				   "how long the address lasts, in seconds, or forever (del "
				   "ignores it)"),
    [A_PREFERRED] = ARG_LIFETIME_ENTRY("preferred_lft", 0, IPO_PREFERRED,
				       "how long new connections may use it, in seconds, or "
				       "forever; at most valid_lft (del ignores it)"),
    [A_NOPREFIXROUTE] = ARG_CONFFLAG_ENTRY(AW_NOPREFIXROUTE, IPO_NOPREFIXROUTE,
					   "add no route to the address's network (del ignores "
					   "it)"),
    [A_NODAD] = ARG_CONFFLAG_ENTRY(AW_NODAD, IPO_NODAD,
				   "an IPv6 address usable at once, without duplicate address "
				   "detection (del ignores it)"),
    [A_HOME] = ARG_CONFFLAG_ENTRY(AW_HOME, IPO_HOME,
				  "an IPv6 home address of Mobile IPv6 (del ignores it)"),
    [A_OPTIMISTIC] = ARG_CONFFLAG_ENTRY(AW_OPTIMISTIC, IPO_OPTIMISTIC,
					"an IPv6 address usable during duplicate address "
					"detection, RFC 4429 (del ignores it)"),
    [A_MNGTMPADDR] = ARG_CONFFLAG_ENTRY(AW_MNGTMPADDR, IPO_MNGTMPADDR,
					"an IPv6 /64 the kernel makes temporary addresses from "
					"(privacy extensions, with use_tempaddr)"),
    [A_AUTOJOIN] = ARG_CONFFLAG_ENTRY(AW_AUTOJOIN, IPO_AUTOJOIN,
				      "join the multicast group of a multicast address (del "
				      "ignores it)"),
    [A_METRIC] = {.kw = "metric",
		  .alias = "priority",
		  .kind = ARG_U32,
		  .metavar = "N",
		  .help = "the metric of the route to the address's network (del ignores it)",
		  .ip_order = IPO_METRIC},
};

/* ---- add and del -------------------------------------------------------- */

static bool addr_is_multicast(const struct inet_prefix *p)
{
	return p->family == AF_INET ? (p->bytes[0] & 0xf0) == 0xe0 : p->bytes[0] == 0xff;
}

/* What add's newer words ask: a label the kernel takes, lifetimes that
 * agree, flags of the address's family. */
static int addr_check_more(struct ctx *c, const struct val *v)
{
	static const int one_family[] = {A_LABEL, A_NODAD, A_HOME};
	int family = v[A_LOCAL].ip.family;
	uint32_t valid = v[A_VALID].set ? v[A_VALID].u : LIFETIME_FOREVER;
	uint32_t preferred = v[A_PREFERRED].set ? v[A_PREFERRED].u : LIFETIME_FOREVER;

	if (valid == 0)
		return ctx_iproute2(c)
			   ? err_iproute2(c, VN_EIP_FAIL, "%s is zero", addr_args[A_VALID].kw)
			   : err_usage(c, "%s 0: the address would be gone at once",
				       addr_args[A_VALID].kw);
	/* ip leaves the flags and the label to the kernel, and says these */
	if (ctx_iproute2(c) && preferred > valid)
		return err_iproute2(c, VN_EIP_FAIL, "%s is greater than %s",
				    addr_args[A_PREFERRED].kw, addr_args[A_VALID].kw);
	if (ctx_iproute2(c) && v[A_AUTOJOIN].set && !addr_is_multicast(&v[A_LOCAL].ip))
		return err_iproute2(c, VN_EIP_FAIL, "%s needs multicast address",
				    addr_args[A_AUTOJOIN].kw);
	if (ctx_iproute2(c))
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(one_family); i++) {
		int a = one_family[i];
		/* IPv6 has no labels; IPv4 has no duplicate detection nor home */
		if (v[a].set && (family == AF_INET) == (a == A_LABEL))
			continue;
		if (v[a].set)
			return err_usage(c, "%s is for %s addresses only", addr_args[a].kw,
					 a == A_LABEL ? "IPv4" : "IPv6");
	}
	if (v[A_LABEL].set && (!v[A_LABEL].str[0] || strlen(v[A_LABEL].str) > LABEL_MAX))
		return err_usage(c, "invalid %s \"%s\": 1 to %d bytes", addr_args[A_LABEL].kw,
				 v[A_LABEL].str, LABEL_MAX);
	if (preferred > valid)
		return err_usage(
		    c, "%s %s is longer than %s %s (give %s N, at most %u)",
		    addr_args[A_PREFERRED].kw, v[A_PREFERRED].set ? v[A_PREFERRED].str : "forever",
		    addr_args[A_VALID].kw, v[A_VALID].str, addr_args[A_PREFERRED].kw, valid);
	return 0;
}

/* The command line's mistakes the parser cannot see, caught before anything
 * is sent. */
static int addr_check(struct ctx *c, const struct val *v)
{
	const struct inet_prefix *local = &v[A_LOCAL].ip;

	if (v[A_PEER].set && v[A_PEER].ip.family != local->family)
		return err_usage(c, "%s %s is %s but the address is %s", addr_args[A_PEER].kw,
				 v[A_PEER].str, addr_family_word(v[A_PEER].ip.family),
				 addr_family_word(local->family));
	/* iproute2 silently drops the local length then; say so instead */
	if (v[A_PEER].set && local->has_len && !ctx_iproute2(c))
		return err_usage(c, "with %s, the prefix length goes on the peer: %s ADDR/PLEN",
				 addr_args[A_PEER].kw, addr_args[A_PEER].kw);
	if (v[A_BRD].set && ctx_iproute2(c) && local->family != AF_INET)
		return err_iproute2(c, VN_EIP_FAIL, "Broadcast can be set only for IPv4 addresses");
	if (v[A_BRD].set && !v[A_BRD].word && v[A_BRD].ip.family != local->family)
		return err_usage(c, "%s %s is %s but the address is %s", addr_args[A_BRD].kw,
				 v[A_BRD].str, addr_family_word(v[A_BRD].ip.family),
				 addr_family_word(local->family));
	if (v[A_BRD].set && local->family != AF_INET)
		return err_usage(c, "%s is IPv4 only", addr_args[A_BRD].kw);
	if (v[A_ANYCAST].set && v[A_ANYCAST].ip.family != local->family)
		return err_usage(c, "%s %s is %s but the address is %s", addr_args[A_ANYCAST].kw,
				 v[A_ANYCAST].str, addr_family_word(v[A_ANYCAST].ip.family),
				 addr_family_word(local->family));
	return addr_check_more(c, v);
}

/* The scope given, else: the kernel takes ifa_scope for IPv4 as given;
 * iproute2 gives loopback addresses host scope, and so do we.  IPv6 works
 * the scope out itself. */
static uint8_t addr_scope(const struct val *v)
{
	const struct inet_prefix *p = &v[A_LOCAL].ip;

	if (v[A_SCOPE].set)
		return (uint8_t)v[A_SCOPE].u;
	if (p->family == AF_INET && p->bytes[0] == 127)
		return RT_SCOPE_HOST;
	return RT_SCOPE_UNIVERSE;
}

/* The header and attributes add and del share.  With a peer, the prefix
 * length is the peer's (as in iproute2); IFA_ADDRESS is the peer, or the
 * address itself.  match_any_len leaves IFA_ADDRESS out: the IPv4 delete
 * then matches any prefix length.  With no address (under ip's name), the
 * family is -4's or -6's, else none: the kernel deletes the family's first
 * address, or refuses. */
static void addr_fill(const struct ctx *c, struct nlmsghdr *nlh, const struct val *v, int ifindex,
		      uint8_t plen, bool match_any_len)
{
	const struct inet_prefix *local = &v[A_LOCAL].ip;
	const struct inet_prefix *addr = v[A_PEER].set ? &v[A_PEER].ip : local;
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	size_t alen = addr_family_len(local->family);

	ifa->ifa_family = (uint8_t)(v[A_LOCAL].set ? local->family : c->family);
	ifa->ifa_prefixlen = plen;
	ifa->ifa_scope = addr_scope(v);
	ifa->ifa_index = (uint32_t)ifindex;
	if (v[A_LOCAL].set)
		mnl_attr_put(nlh, IFA_LOCAL, alen, local->bytes);
	if (v[A_LOCAL].set && !match_any_len)
		mnl_attr_put(nlh, IFA_ADDRESS, alen, addr->bytes);
	/* del too: the kernel then deletes only the address of that label */
	if (v[A_LABEL].set)
		mnl_attr_put_strz(nlh, IFA_LABEL, v[A_LABEL].str);
}

static uint8_t addr_plen(const struct val *v)
{
	return v[A_PEER].set ? v[A_PEER].ip.len : v[A_LOCAL].ip.len;
}

static bool addr_has_len(const struct val *v)
{
	return v[A_PEER].set ? v[A_PEER].ip.has_len : v[A_LOCAL].ip.has_len;
}

/* When the kernel explains nothing, its bare errno says little here. */
static int addr_error(struct ctx *c, int rc, const char *dev)
{
	if (c->reason[0])
		return rc;
	if (rc == -EEXIST)
		return err_errno(c, EEXIST, "%s has this address already", dev);
	if (rc == -EADDRNOTAVAIL)
		return err_errno(c, EADDRNOTAVAIL, "%s has no such address", dev);
	return rc;
}

/* IFA_FLAGS holds them all; ifa_flags the 8 bits that fit, as iproute2
 * sends them. */
static void addr_put_flags(struct nlmsghdr *nlh, const struct val *v)
{
	static const struct {
		int arg;
		uint32_t flag;
	} flags[] = {{A_NOPREFIXROUTE, IFA_F_NOPREFIXROUTE},
		     {A_NODAD, IFA_F_NODAD},
		     {A_HOME, IFA_F_HOMEADDRESS},
		     {A_OPTIMISTIC, IFA_F_OPTIMISTIC},
		     {A_MNGTMPADDR, IFA_F_MANAGETEMPADDR},
		     {A_AUTOJOIN, IFA_F_MCAUTOJOIN}};
	struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	uint32_t f = 0;

	for (size_t i = 0; i < ARRAY_SIZE(flags); i++)
		if (v[flags[i].arg].set)
			f |= flags[i].flag;
	if (!f)
		return;
	ifa->ifa_flags = (uint8_t)(f & 0xff);
	mnl_attr_put_u32(nlh, IFA_FLAGS, f);
}

/* The broadcast address given, or + and -: the address with the host bits
 * of its prefix set or cleared. */
static void addr_put_brd(struct nlmsghdr *nlh, const struct val *v)
{
	struct in_addr brd = v[A_BRD].ip.v4;
	uint8_t plen = addr_plen(v);
	uint32_t host = plen >= 32 ? 0 : 0xffffffffu >> plen;

	if (v[A_BRD].word == BRD_ONES)
		brd.s_addr = v[A_LOCAL].ip.v4.s_addr | htonl(host);
	else if (v[A_BRD].word == BRD_ZEROS)
		brd.s_addr = v[A_LOCAL].ip.v4.s_addr & ~htonl(host);
	mnl_attr_put(nlh, IFA_BROADCAST, sizeof(brd), &brd);
}

/* add, change and replace: the same words, other netlink flags. */
static int addr_new(struct ctx *c, const struct val *v, uint16_t nlflags)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	int ifindex, rc;

	if ((rc = addr_check(c, v)) < 0)
		return rc;
	if ((ifindex = link_index(c, v[A_DEV].str)) < 0)
		return ifindex;
	nlh = nl_msg(buf, RTM_NEWADDR, nlflags);
	addr_fill(c, nlh, v, ifindex, addr_plen(v), false);
	addr_put_flags(nlh, v);
	if (v[A_BRD].set)
		addr_put_brd(nlh, v);
	if (v[A_ANYCAST].set)
		mnl_attr_put(nlh, IFA_ANYCAST, addr_family_len(v[A_ANYCAST].ip.family),
			     v[A_ANYCAST].ip.bytes);
	if (v[A_VALID].set || v[A_PREFERRED].set) {
		struct ifa_cacheinfo ci = {
		    .ifa_valid = v[A_VALID].set ? v[A_VALID].u : LIFETIME_FOREVER,
		    .ifa_prefered = v[A_PREFERRED].set ? v[A_PREFERRED].u : LIFETIME_FOREVER};
		mnl_attr_put(nlh, IFA_CACHEINFO, sizeof(ci), &ci);
	}
	if (v[A_METRIC].set)
		mnl_attr_put_u32(nlh, IFA_RT_PRIORITY, v[A_METRIC].u);
	rc = nl_request(c, nlh, NULL, NULL);
	return rc < 0 ? addr_error(c, rc, v[A_DEV].str) : 0;
}

static int addr_add(struct ctx *c, const struct val *v)
{
	return addr_new(c, v, NLM_F_CREATE | NLM_F_EXCL);
}

/* As ip: the kernel adds the address when the device lacks it. */
static int addr_change(struct ctx *c, const struct val *v)
{
	return addr_new(c, v, NLM_F_REPLACE);
}

static int addr_replace(struct ctx *c, const struct val *v)
{
	return addr_new(c, v, NLM_F_CREATE | NLM_F_REPLACE);
}

/* IPv6 deletes only on an exact prefix length, so when none was given it
 * is looked up among the device's addresses. */
static int addr6_find_len(struct ctx *c, int ifindex, const struct val *v, uint8_t *plen)
{
	struct addr_list l = {0};
	int rc = addr_dump(c, AF_INET6, ifindex, &l);

	for (size_t i = 0; rc == 0 && i < l.m.n; i++) {
		struct addr_msg m;

		addr_msg_parse(l.m.v[i], &m);
		if (m.ifa->ifa_family == AF_INET6 && m.local &&
		    mnl_attr_get_payload_len(m.local) == 16 &&
		    !memcmp(mnl_attr_get_payload(m.local), v[A_LOCAL].ip.bytes, 16)) {
			*plen = m.ifa->ifa_prefixlen;
			addr_list_free(&l);
			return 0;
		}
	}
	addr_list_free(&l);
	if (rc < 0)
		return rc;
	return err_fail(c, "%s has no such address", v[A_DEV].str);
}

static int addr_del(struct ctx *c, const struct val *v)
{
	const struct inet_prefix *local = &v[A_LOCAL].ip;
	bool any_len = !addr_has_len(v) && local->family == AF_INET;
	uint8_t plen = addr_plen(v);
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	int ifindex, rc;

	if ((rc = addr_check(c, v)) < 0)
		return rc;
	/* ip's warning for the IPv4 delete of any prefix length, before it
	 * looks the device up */
	if (any_len && !v[A_PEER].set && c->persona == PERSONA_IP)
		fprintf(
		    stderr,
		    "Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
		    "         Explicitly specify the prefix length (%s/%d) to avoid this "
		    "warning.\n"
		    "         This special behaviour is likely to disappear in further "
		    "releases,\n"
		    "         fix your scripts!\n",
		    v[A_LOCAL].str, 32);
	if ((ifindex = link_index(c, v[A_DEV].str)) < 0)
		return ifindex;
	/* ip deletes the /128 then, which the device seldom has */
	if (!addr_has_len(v) && local->family == AF_INET6 && !ctx_iproute2(c) &&
	    (rc = addr6_find_len(c, ifindex, v, &plen)) < 0)
		return rc;
	nlh = nl_msg(buf, RTM_DELADDR, 0);
	addr_fill(c, nlh, v, ifindex, any_len ? 0 : plen, any_len);
	rc = nl_request(c, nlh, NULL, NULL);
	return rc < 0 ? addr_error(c, rc, v[A_DEV].str) : 0;
}

/* ---- the object --------------------------------------------------------- */

static const char *const change_aliases[] = {"chg", NULL};

/* In ip address's order, with its spellings (core.h). */
static const struct verb addr_verbs[] = {
    VERB("add", addr_add, addr_args, "add an address to a device"),
    VERB_ALSO("change", change_aliases, addr_change, addr_args,
	      "change an address's lifetimes, flags and metric (the kernel adds a missing one)"),
    VERB("replace", addr_replace, addr_args, "change an address, or add it when it is new"),
    VERB_ALSO("del", verb_del_aliases, addr_del, addr_args, "remove an address from a device"),
    VERB_ALSO("show", verb_show_aliases, addr_show, addr_show_args,
	      "list devices with their addresses"),
    VERB("flush", addr_flush, addr_show_args, "remove every address the selectors pick"),
    VERB("save", addr_save, addr_show_args,
	 "write the addresses the selectors pick to stdout, as ip's binary dump"),
    {.name = "showdump", .run = addr_showdump, .help = "print the addresses of a dump on stdin"},
    {.name = "restore", .run = addr_restore, .help = "add the addresses of a dump on stdin"},
};

VNETCTL_OBJECT_OF(addr, "show", "IPv4 and IPv6 addresses")
