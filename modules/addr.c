// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * addr: IPv4 and IPv6 addresses on devices, as `ip address` handles them.
 *
 * show dumps every address once and every link once and joins them here, so
 * a host with many devices costs two dumps rather than a request per device;
 * the addresses are grouped by device first, so the join is n log n.
 * The printer is addrshow.c.
 * flush deletes a device's addresses through one pipelined batch, because a
 * device may carry thousands of them.
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
/* flush repeats its dump and delete; more rounds mean addresses keep coming. */
#define FLUSH_ROUNDS 8

/* ---- the arguments ------------------------------------------------------ */

/* add, change, replace and del share one table; show and flush share one
 * of selectors. */
enum {
	A_LOCAL,
	A_DEV,
	A_PEER,
	A_BRD,
	A_LABEL,
	A_VALID,
	A_PREFERRED,
	A_NOPREFIXROUTE,
	A_NODAD,
	A_HOME,
	A_METRIC,
};
enum {
	S_DEV,
	S_UP,
	S_SCOPE,
	S_LABEL,
	S_TO,
	S_PERMANENT,
	S_DYNAMIC,
	S_TENTATIVE,
	S_DEPRECATED,
	S_PRIMARY,
	S_SECONDARY,
	S_TYPE,
	S_MASTER,
};

/* The device means the same to every verb; only whether it is required and
 * whether it may be given without its keyword differ. */
#define ARG_DEV_ENTRY(f, h)                                                                        \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .flags = (f), .metavar = "NAME", .help = (h)      \
	}
/* A lifetime: seconds, or forever (the kernel's all ones). */
#define ARG_LIFETIME_ENTRY(k, lo, h)                                                               \
	{                                                                                          \
		.kw = (k), .kind = ARG_U32, .words = forever_words, .values = forever_values,      \
		.min = (lo), .max = LIFETIME_FOREVER - 1, .metavar = "SECONDS", .help = (h)        \
	}

static const char *const forever_words[] = {"forever", NULL};
static const uint32_t forever_values[] = {LIFETIME_FOREVER};

static const struct arg addr_args[] = {
    [A_LOCAL] = {.kw = "local",
		 .kind = ARG_PREFIX,
		 .flags = ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT,
		 .metavar = "ADDR[/PLEN]",
		 .help = "the address and its prefix length (the keyword may be left out)"},
    [A_DEV] = ARG_DEV_ENTRY(ARGF_REQUIRED, "the device"),
    [A_PEER] = {.kw = "peer",
		.kind = ARG_PREFIX,
		.metavar = "ADDR[/PLEN]",
		.help = "the far end of a point-to-point link; the prefix length goes here"},
    [A_BRD] = {.kw = "broadcast",
	       .alias = "brd",
	       .kind = ARG_ADDR,
	       .metavar = "ADDR",
	       .help = "the IPv4 broadcast address (del ignores it)"},
    [A_LABEL] = {.kw = "label",
		 .kind = ARG_STRING,
		 .metavar = "NAME",
		 .help = "an IPv4 address's name, up to 15 bytes (the device's when left out)"},
    [A_VALID] = ARG_LIFETIME_ENTRY("valid_lft", 1,
				   "how long the address lasts, in seconds, or forever (del "
				   "ignores it)"),
    [A_PREFERRED] = ARG_LIFETIME_ENTRY("preferred_lft", 0,
				       "how long new connections may use it, in seconds, or "
				       "forever; at most valid_lft (del ignores it)"),
    [A_NOPREFIXROUTE] = {.kw = "noprefixroute",
			 .kind = ARG_FLAG,
			 .help = "add no route to the address's network (del ignores it)"},
    [A_NODAD] = {.kw = "nodad",
		 .kind = ARG_FLAG,
		 .help = "an IPv6 address usable at once, without duplicate address detection "
			 "(del ignores it)"},
    [A_HOME] = {.kw = "home",
		.kind = ARG_FLAG,
		.help = "an IPv6 home address of Mobile IPv6 (del ignores it)"},
    [A_METRIC] = {.kw = "metric",
		  .kind = ARG_U32,
		  .metavar = "N",
		  .help = "the metric of the route to the address's network (del ignores it)"},
};

/* show and flush: the selectors, each narrowing what is listed or flushed. */
static const struct arg show_args[] = {
    [S_DEV] = ARG_DEV_ENTRY(ARGF_POSITIONAL, "only this device (the keyword may be left out)"),
    [S_UP] = {.kw = "up", .kind = ARG_FLAG, .help = "only the devices that are up"},
    [S_SCOPE] = RT_SCOPE_ENTRY("only addresses of this scope, a name or 0 to 255"),
    [S_LABEL] = {.kw = "label",
		 .kind = ARG_STRING,
		 .metavar = "PATTERN",
		 .help = "only addresses whose label (the device's name when none) matches this "
			 "shell pattern"},
    [S_TO] = {.kw = "to",
	      .kind = ARG_PREFIX,
	      .metavar = "PREFIX",
	      .help = "only addresses inside this prefix (and of its family)"},
    [S_PERMANENT] = {.kw = "permanent",
		     .kind = ARG_FLAG,
		     .excludes = S_DYNAMIC + 1,
		     .help = "only addresses that never expire"},
    [S_DYNAMIC] = {.kw = "dynamic",
		   .kind = ARG_FLAG,
		   .help = "only addresses with a lifetime (autoconfigured, or given valid_lft)"},
    [S_TENTATIVE] = {.kw = "tentative",
		     .kind = ARG_FLAG,
		     .help = "only IPv6 addresses still in duplicate address detection"},
    [S_DEPRECATED] = {.kw = "deprecated",
		      .kind = ARG_FLAG,
		      .help = "only addresses past their preferred lifetime"},
    [S_PRIMARY] = {.kw = "primary",
		   .kind = ARG_FLAG,
		   .excludes = S_SECONDARY + 1,
		   .help = "only primary addresses"},
    [S_SECONDARY] = {.kw = "secondary",
		     .kind = ARG_FLAG,
		     .help = "only secondary IPv4 addresses (temporary IPv6 ones)"},
    [S_TYPE] = {.kw = "type",
		.kind = ARG_STRING,
		.metavar = "KIND",
		.help = "only devices of that kind (KIND_slave: the ports of that kind)"},
    [S_MASTER] = {.kw = "master",
		  .kind = ARG_IFNAME,
		  .metavar = "DEV",
		  .help = "only the ports of that bridge, bond or vrf"},
};

/* The flag selectors: the flag each looks at, and whether it must be set. */
static const struct {
	int arg;
	uint32_t mask;
	bool set;
} flag_selectors[] = {
    {S_PERMANENT, IFA_F_PERMANENT, true}, {S_DYNAMIC, IFA_F_PERMANENT, false},
    {S_TENTATIVE, IFA_F_TENTATIVE, true}, {S_DEPRECATED, IFA_F_DEPRECATED, true},
    {S_PRIMARY, IFA_F_SECONDARY, false},  {S_SECONDARY, IFA_F_SECONDARY, true},
};

/* ---- the kernel's addresses, kept for joining with the links ----------- */

struct addr_list {
	struct nl_msgs m;
	int ifindex; /* keep only this device's, or 0 for all */
};

/* The dump's buffer is gone once nl_dump() returns, so each message is
 * copied. */
static int addr_keep(const struct nlmsghdr *nlh, void *data)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	struct addr_list *l = data;

	if (nlh->nlmsg_type != RTM_NEWADDR ||
	    (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6) ||
	    (l->ifindex && (int)ifa->ifa_index != l->ifindex))
		return MNL_CB_OK;
	if (nl_msgs_keep(&l->m, nlh) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static void addr_list_free(struct addr_list *l)
{
	nl_msgs_free(&l->m);
	l->ifindex = 0;
}

/* One dump of the addresses of family (AF_UNSPEC: both), of one device when
 * ifindex is set.  The kernel filters by device under strict checking; the
 * copy filters again for kernels without it. */
static int addr_dump(struct ctx *c, int family, int ifindex, struct addr_list *l)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETADDR, 0);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	int rc;

	ifa->ifa_family = (uint8_t)family;
	ifa->ifa_index = (uint32_t)ifindex;
	l->ifindex = ifindex;
	rc = nl_dump(c, nlh, addr_keep, l);
	if (rc < 0)
		addr_list_free(l);
	return rc;
}

/* ---- add and del -------------------------------------------------------- */

/* What add's newer words ask: a label the kernel takes, lifetimes that
 * agree, flags of the address's family. */
static int addr_check_more(struct ctx *c, const struct val *v)
{
	static const int one_family[] = {A_LABEL, A_NODAD, A_HOME};
	int family = v[A_LOCAL].ip.family;
	uint32_t valid = v[A_VALID].set ? v[A_VALID].u : LIFETIME_FOREVER;
	uint32_t preferred = v[A_PREFERRED].set ? v[A_PREFERRED].u : LIFETIME_FOREVER;

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
	if (v[A_PEER].set && local->has_len)
		return err_usage(c, "with %s, the prefix length goes on the peer: %s ADDR/PLEN",
				 addr_args[A_PEER].kw, addr_args[A_PEER].kw);
	if (v[A_BRD].set && v[A_BRD].ip.family != local->family)
		return err_usage(c, "%s %s is %s but the address is %s", addr_args[A_BRD].kw,
				 v[A_BRD].str, addr_family_word(v[A_BRD].ip.family),
				 addr_family_word(local->family));
	if (v[A_BRD].set && local->family != AF_INET)
		return err_usage(c, "%s is IPv4 only", addr_args[A_BRD].kw);
	return addr_check_more(c, v);
}

/* The kernel takes ifa_scope for IPv4 as given; iproute2 gives loopback
 * addresses host scope, and so do we.  IPv6 works the scope out itself. */
static uint8_t addr_scope(const struct inet_prefix *p)
{
	if (p->family == AF_INET && p->bytes[0] == 127)
		return RT_SCOPE_HOST;
	return RT_SCOPE_UNIVERSE;
}

/* The header and attributes add and del share.  With a peer, the prefix
 * length is the peer's (as in iproute2); IFA_ADDRESS is the peer, or the
 * address itself.  match_any_len leaves IFA_ADDRESS out: the IPv4 delete
 * then matches any prefix length. */
static void addr_fill(struct nlmsghdr *nlh, const struct val *v, int ifindex, uint8_t plen,
		      bool match_any_len)
{
	const struct inet_prefix *local = &v[A_LOCAL].ip;
	const struct inet_prefix *addr = v[A_PEER].set ? &v[A_PEER].ip : local;
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	size_t alen = addr_family_len(local->family);

	ifa->ifa_family = (uint8_t)local->family;
	ifa->ifa_prefixlen = plen;
	ifa->ifa_scope = addr_scope(local);
	ifa->ifa_index = (uint32_t)ifindex;
	mnl_attr_put(nlh, IFA_LOCAL, alen, local->bytes);
	if (!match_any_len)
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
		     {A_HOME, IFA_F_HOMEADDRESS}};
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
	addr_fill(nlh, v, ifindex, addr_plen(v), false);
	addr_put_flags(nlh, v);
	if (v[A_BRD].set)
		mnl_attr_put(nlh, IFA_BROADCAST, sizeof(v[A_BRD].ip.v4), &v[A_BRD].ip.v4);
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
	if ((ifindex = link_index(c, v[A_DEV].str)) < 0)
		return ifindex;
	if (!addr_has_len(v) && local->family == AF_INET6 &&
	    (rc = addr6_find_len(c, ifindex, v, &plen)) < 0)
		return rc;
	nlh = nl_msg(buf, RTM_DELADDR, 0);
	addr_fill(nlh, v, ifindex, any_len ? 0 : plen, any_len);
	rc = nl_request(c, nlh, NULL, NULL);
	return rc < 0 ? addr_error(c, rc, v[A_DEV].str) : 0;
}

/* ---- the selectors of show and flush ------------------------------------- */

struct addr_filter {
	const struct val *v;
	int family;	     /* -4 / -6, or that of to's prefix; AF_UNSPEC: both */
	int master;	     /* ifindex of master DEV, 0 for any */
	uint32_t mask, want; /* the flag selectors: (flags & mask) == want */
};

static int filter_setup(struct ctx *c, const struct val *v, struct addr_filter *f)
{
	f->v = v;
	/* under -4 or -6 the parser refused a prefix of the other family */
	f->family = v[S_TO].set ? v[S_TO].ip.family : c->family;
	for (size_t i = 0; i < ARRAY_SIZE(flag_selectors); i++) {
		if (!v[flag_selectors[i].arg].set)
			continue;
		f->mask |= flag_selectors[i].mask;
		if (flag_selectors[i].set)
			f->want |= flag_selectors[i].mask;
	}
	if (v[S_MASTER].set && (f->master = link_index(c, v[S_MASTER].str)) < 0)
		return f->master;
	return 0;
}

/* The selectors that look at the device. */
static bool link_selected(const struct addr_filter *f, const struct link_msg *m)
{
	const struct val *v = f->v;

	if (v[S_UP].set && !(m->ifi->ifi_flags & IFF_UP))
		return false;
	if (v[S_TYPE].set && !link_of_type(m, v[S_TYPE].str))
		return false;
	return !f->master || link_u32(m, IFLA_MASTER) == (uint32_t)f->master;
}

/* Whether the first bits of a and b agree. */
static bool bits_equal(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, whole))
		return false;
	return !rest || !((a[whole] ^ b[whole]) & (uint8_t)(0xff << (8 - rest)));
}

/* The selectors that look at the address; ifname is its device's. */
static bool addr_selected(const struct addr_filter *f, const struct addr_msg *m, const char *ifname)
{
	const struct val *v = f->v;
	const struct nlattr *label = m->tb[IFA_LABEL];

	if (f->family != AF_UNSPEC && m->ifa->ifa_family != f->family)
		return false;
	if (v[S_SCOPE].set && m->ifa->ifa_scope != v[S_SCOPE].u)
		return false;
	if ((m->flags & f->mask) != f->want)
		return false;
	if (v[S_TO].set &&
	    (!addr_fits(m, m->local) ||
	     !bits_equal(mnl_attr_get_payload(m->local), v[S_TO].ip.bytes, v[S_TO].ip.len)))
		return false;
	if (v[S_LABEL].set) {
		/* as ip: an address without a label (IPv6) goes by its device's name */
		const char *name = label && mnl_attr_validate(label, MNL_TYPE_NUL_STRING) == 0
				       ? mnl_attr_get_str(label)
				       : ifname;
		return fnmatch(v[S_LABEL].str, name, 0) == 0;
	}
	return true;
}

/* ---- show --------------------------------------------------------------- */

struct addr_show {
	struct addr_list addrs;
	struct addr_filter f;
	bool opened; /* the list: opened at the first link, so an error prints none */
};

static int addr_index(const struct nlmsghdr *nlh)
{
	return (int)((const struct ifaddrmsg *)mnl_nlmsg_get_payload(nlh))->ifa_index;
}

/* A dumped address and where the kernel put it, for a stable sort. */
struct addr_slot {
	struct nlmsghdr *msg;
	size_t pos;
};

static int addr_slot_cmp(const void *a, const void *b)
{
	const struct addr_slot *x = a, *y = b;
	int i = addr_index(x->msg), j = addr_index(y->msg);

	if (i != j)
		return (i > j) - (i < j);
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* The addresses grouped by device, each device's in the kernel's order, so
 * that each link finds its own by a binary search, not a pass over all. */
static int addr_list_group(struct addr_list *l)
{
	struct addr_slot *slot = calloc(l->m.n ? l->m.n : 1, sizeof(*slot));

	if (!slot)
		return -ENOMEM;
	for (size_t i = 0; i < l->m.n; i++)
		slot[i] = (struct addr_slot){l->m.v[i], i};
	qsort(slot, l->m.n, sizeof(*slot), addr_slot_cmp);
	for (size_t i = 0; i < l->m.n; i++)
		l->m.v[i] = slot[i].msg;
	free(slot);
	return 0;
}

/* The first of the device's addresses in a grouped list (n when none). */
static size_t addr_first(const struct addr_list *l, int ifindex)
{
	size_t lo = 0, hi = l->m.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (addr_index(l->m.v[mid]) < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* How many of the link's addresses there are, and how many are selected. */
static size_t addr_count(const struct addr_show *s, const struct link_msg *lm, size_t *all)
{
	int ifindex = lm->ifi->ifi_index;
	size_t n = 0;

	*all = 0;
	for (size_t i = addr_first(&s->addrs, ifindex);
	     i < s->addrs.m.n && addr_index(s->addrs.m.v[i]) == ifindex; i++) {
		struct addr_msg m;

		addr_msg_parse(s->addrs.m.v[i], &m);
		++*all;
		n += addr_selected(&s->f, &m, lm->name);
	}
	return n;
}

/* The link's selected addresses, in the order the kernel gave them. */
static void addr_print_link_addrs(struct ctx *c, const struct addr_show *s,
				  const struct link_msg *lm)
{
	int ifindex = lm->ifi->ifi_index;

	out_list_open(c->out, "addr_info");
	for (size_t i = addr_first(&s->addrs, ifindex);
	     i < s->addrs.m.n && addr_index(s->addrs.m.v[i]) == ifindex; i++) {
		struct addr_msg m;

		addr_msg_parse(s->addrs.m.v[i], &m);
		if (!addr_selected(&s->f, &m, lm->name))
			continue;
		/* -o, as ip -o: each address on a line of its own, after its
		 * device's index and name */
		if (out_is_oneline(c->out) && !ctx_brief(c)) {
			out_int(c->out, OUT_TEXT, NULL, "%d: ", ifindex);
			out_str(c->out, OUT_TEXT, NULL, "%s", lm->name);
		}
		if (ctx_brief(c))
			addr_print_brief(c, &m);
		else
			addr_print(c, &m);
	}
	out_list_close(c->out);
}

static int addr_show_link(struct ctx *c, const struct link_msg *m, void *data)
{
	struct addr_show *s = data;
	bool label = s->f.v[S_LABEL].set;
	size_t all, n;

	if (!link_selected(&s->f, m))
		return 0;
	n = addr_count(s, m, &all);
	/* as ip: a device whose addresses are all left out is left out, and so
	 * is one without addresses once a family or a label is asked for (-0,
	 * -family link, asks for the devices alone) */
	if (!n && (all || (s->f.family != AF_UNSPEC && s->f.family != AF_PACKET) || label))
		return 0;
	if (!s->opened)
		out_list_open(c->out, NULL);
	s->opened = true;
	if (ctx_brief(c)) {
		link_print_brief_open(c, m);
		addr_print_link_addrs(c, s, m);
		out_nl(c->out);
		out_obj_close(c->out);
		return 0;
	}
	/* as ip: asked by label, or with -o, the address lines alone (JSON
	 * keeps the device) */
	if ((label || out_is_oneline(c->out)) && !ctx_json(c)) {
		addr_print_link_addrs(c, s, m);
		return 0;
	}
	link_print_open(c, m);
	addr_print_link_addrs(c, s, m);
	link_print_close(c);
	return 0;
}

static int addr_show(struct ctx *c, const struct val *v)
{
	struct addr_show s = {0};
	int rc;

	if ((rc = filter_setup(c, v, &s.f)) < 0)
		return rc;
	/* -0 (-family link): the devices, none of their addresses */
	if (s.f.family != AF_PACKET && (rc = addr_dump(c, s.f.family, 0, &s.addrs)) < 0)
		return rc;
	if ((rc = addr_list_group(&s.addrs)) < 0) {
		addr_list_free(&s.addrs);
		return rc;
	}
	rc = link_walk(c, v[S_DEV].set ? v[S_DEV].str : NULL, addr_show_link, &s);
	if (rc == -ENODEV && v[S_DEV].set)
		rc = err_nodev_shown(c, v[S_DEV].str);
	if (rc == 0 && !s.opened)
		out_list_open(c->out, NULL);
	if (rc == 0 || s.opened)
		out_list_close(c->out);
	addr_list_free(&s.addrs);
	return rc;
}

/* ---- flush -------------------------------------------------------------- */

/* The devices the selectors pick, by index, for the rounds of a flush. */
struct flush_link {
	int index;
	char name[IFNAMSIZ];
};

struct flush_links {
	const struct addr_filter *f;
	struct flush_link *l;
	size_t n, cap;
};

static int flush_link_keep(struct ctx *c, const struct link_msg *m, void *data)
{
	struct flush_links *fl = data;

	(void)c;
	if (!link_selected(fl->f, m))
		return 0;
	if (fl->n == fl->cap) {
		size_t cap = fl->cap ? fl->cap * 2 : 32;
		struct flush_link *nl = realloc(fl->l, cap * sizeof(*nl));
		if (!nl)
			return -ENOMEM;
		fl->l = nl;
		fl->cap = cap;
	}
	fl->l[fl->n].index = m->ifi->ifi_index;
	snprintf(fl->l[fl->n].name, sizeof(fl->l[fl->n].name), "%s", m->name ? m->name : "");
	fl->n++;
	return 0;
}

static int flush_link_cmp(const void *a, const void *b)
{
	const struct flush_link *x = a, *y = b;
	return (x->index > y->index) - (x->index < y->index);
}

static const struct flush_link *flush_link_find(const struct flush_links *fl, int index)
{
	struct flush_link key = {.index = index};
	return bsearch(&key, fl->l, fl->n, sizeof(*fl->l), flush_link_cmp);
}

/* The dumped address, sent back as its own delete. */
static void flush_queue(struct ctx *c, struct nl_pipe *p, const struct nlmsghdr *src)
{
	char a[INET6_ADDRSTRLEN], label[sizeof(a) + 8];
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	struct addr_msg m;

	addr_msg_parse(src, &m);
	snprintf(label, sizeof(label), "%s/%u",
		 addr_attr_text(m.ifa->ifa_family, m.local, a, sizeof(a)), m.ifa->ifa_prefixlen);
	nlh = nl_pipe_msg(c, p, RTM_DELADDR, 0, label);
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	*ifa = *m.ifa;
	/* an address of its family's length: the request has room for no more */
	if (addr_fits(&m, m.tb[IFA_LOCAL]))
		mnl_attr_put(nlh, IFA_LOCAL, mnl_attr_get_payload_len(m.tb[IFA_LOCAL]),
			     mnl_attr_get_payload(m.tb[IFA_LOCAL]));
	if (addr_fits(&m, m.tb[IFA_ADDRESS]))
		mnl_attr_put(nlh, IFA_ADDRESS, mnl_attr_get_payload_len(m.tb[IFA_ADDRESS]),
			     mnl_attr_get_payload(m.tb[IFA_ADDRESS]));
}

/* One dump, and one batch deleting every address selected; *found says
 * how many.  ifindex: the one device named, or 0.  An IPv4 secondary goes
 * with its primary, so its own delete may find it gone: that is what was
 * wanted. */
static int flush_round(struct ctx *c, const struct flush_links *fl, int ifindex, size_t *found)
{
	static const int gone[] = {-EADDRNOTAVAIL, 0};
	struct addr_list l = {0};
	struct nlmsghdr **sel;
	int rc;

	*found = 0;
	if ((rc = addr_dump(c, fl->f->family, ifindex, &l)) < 0)
		return rc;
	if (!(sel = calloc(l.m.n ? l.m.n : 1, sizeof(*sel)))) {
		addr_list_free(&l);
		return -ENOMEM;
	}
	for (size_t i = 0; i < l.m.n; i++) {
		const struct flush_link *link;
		struct addr_msg m;

		addr_msg_parse(l.m.v[i], &m);
		link = flush_link_find(fl, (int)m.ifa->ifa_index);
		if (link && addr_selected(fl->f, &m, link->name))
			sel[(*found)++] = l.m.v[i];
	}
	rc = flush_msgs(c, sel, *found, flush_queue, gone);
	free(sel);
	addr_list_free(&l);
	return rc;
}

/* Remove every address the selectors pick; at least one must be given, as
 * ip asks (a bare flush would strip every device, lo too). */
static int addr_flush(struct ctx *c, const struct val *v)
{
	struct addr_filter f = {0};
	struct flush_links fl = {.f = &f};
	const char *dev = v[S_DEV].set ? v[S_DEV].str : NULL;
	bool any = false;
	size_t found;
	int rc;

	for (size_t i = 0; i < ARRAY_SIZE(show_args); i++)
		any |= v[i].set;
	if (!any)
		return err_usage(c, "flush needs a selector (dev NAME strips one device)");
	if ((rc = filter_setup(c, v, &f)) < 0 || (rc = link_walk(c, dev, flush_link_keep, &fl)) < 0)
		goto out;
	/* the device named is not of the type, master or state asked for */
	if (dev && !fl.n)
		goto out;
	if (fl.n > 1) /* none matched: fl.l is NULL, which qsort may not be given */
		qsort(fl.l, fl.n, sizeof(*fl.l), flush_link_cmp);
	/* Deleting may bring addresses back into view (a promoted secondary
	 * the dump had not listed yet), so go again until none are left. */
	for (int round = 0; round < FLUSH_ROUNDS; round++) {
		rc = flush_round(c, &fl, dev ? fl.l[0].index : 0, &found);
		if (rc < 0 || found == 0 || ctx_dryrun(c))
			goto out;
	}
	rc = err_fail(c, "addresses keep appearing%s%s", dev ? " on " : "", dev ? dev : "");
out:
	free(fl.l);
	return rc;
}

/* ---- the object --------------------------------------------------------- */

static const char *const change_aliases[] = {"chg", NULL};
static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", "lst", NULL};

/* In ip address's order, with its spellings (core.h). */
static const struct verb addr_verbs[] = {
    VERB("add", addr_add, addr_args, "add an address to a device"),
    VERB_ALSO("change", change_aliases, addr_change, addr_args,
	      "change an address's lifetimes, flags and metric (the kernel adds a missing one)"),
    VERB("replace", addr_replace, addr_args, "change an address, or add it when it is new"),
    VERB_ALSO("del", del_aliases, addr_del, addr_args, "remove an address from a device"),
    VERB_ALSO("show", show_aliases, addr_show, show_args, "list devices with their addresses"),
    VERB("flush", addr_flush, show_args, "remove every address the selectors pick"),
};

VNETCTL_OBJECT_OF(addr, "show", "IPv4 and IPv6 addresses")
