// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * addr: IPv4 and IPv6 addresses on devices, as `ip address` handles them.
 *
 * show dumps every address once and every link once and joins them here, so
 * a host with many devices costs two dumps rather than a request per device.
 * flush deletes a device's addresses through one pipelined batch, because a
 * device may carry thousands of them.
 */
#include <errno.h>
#include <linux/if_addr.h>
#include <linux/if.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "link.h"
#include "nl.h"
#include "rtnames.h"
#include "out.h"

/* The kernel's "forever" for address lifetimes. */
#define LIFETIME_FOREVER 0xffffffffu
/* flush repeats its dump and delete; more rounds mean addresses keep coming. */
#define FLUSH_ROUNDS 8

/* ---- the arguments ------------------------------------------------------ */

/* add and del share one table; show and flush have one each, with the
 * device at the same index. */
enum { A_LOCAL, A_DEV, A_PEER, A_BRD };
enum { S_DEV };

/* The device means the same to every verb; only whether it is required and
 * whether it may be given without its keyword differ. */
#define ARG_DEV_ENTRY(f, h)                                                                        \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .flags = (f), .metavar = "NAME", .help = (h)      \
	}

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
};

static const struct arg show_args[] = {
    [S_DEV] = ARG_DEV_ENTRY(ARGF_POSITIONAL, "only this device (the keyword may be left out)"),
};

static const struct arg flush_args[] = {
    [S_DEV] = ARG_DEV_ENTRY(ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT,
			    "the device to strip (the keyword may be left out)"),
};

/* ---- names the kernel's numbers print as ---------------------------------- */

static size_t family_addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

static const char *family_word(int family)
{
	return family == AF_INET ? "inet" : "inet6";
}

static enum out_color family_color(int family)
{
	return family == AF_INET ? COL_INET : COL_INET6;
}

/* An address attribute as text; buf holds INET6_ADDRSTRLEN. */
static const char *attr_addr(int family, const struct nlattr *a, char *buf, size_t sz)
{
	if (!a || mnl_attr_get_payload_len(a) < family_addr_len(family))
		return "?";
	return format_addr(family, mnl_attr_get_payload(a), buf, sz);
}

/* ---- the kernel's addresses, kept for joining with the links ----------- */

struct addr_list {
	struct nlmsghdr **msg;
	size_t n, cap;
	int ifindex; /* keep only this device's, or 0 for all */
};

/* A parsed RTM_NEWADDR message. */
struct addr_msg {
	const struct ifaddrmsg *ifa;
	const struct nlattr *tb[IFA_MAX + 1];
	const struct nlattr *local; /* IFA_LOCAL, or IFA_ADDRESS when there is none */
	uint32_t flags;		    /* IFA_FLAGS when given: the 8 bits of ifa_flags are too few */
};

static void addr_msg_parse(const struct nlmsghdr *nlh, struct addr_msg *m)
{
	m->ifa = mnl_nlmsg_get_payload(nlh);
	nl_parse(nlh, sizeof(*m->ifa), m->tb, IFA_MAX);
	m->local = m->tb[IFA_LOCAL] ? m->tb[IFA_LOCAL] : m->tb[IFA_ADDRESS];
	m->flags = m->ifa->ifa_flags;
	if (m->tb[IFA_FLAGS] && mnl_attr_get_payload_len(m->tb[IFA_FLAGS]) >= sizeof(uint32_t))
		m->flags = mnl_attr_get_u32(m->tb[IFA_FLAGS]);
}

static bool addr_fits(const struct addr_msg *m, const struct nlattr *a)
{
	return a && mnl_attr_get_payload_len(a) == family_addr_len(m->ifa->ifa_family);
}

static bool addr_msg_is_peer(const struct addr_msg *m)
{
	const struct nlattr *l = m->tb[IFA_LOCAL], *a = m->tb[IFA_ADDRESS];

	return l && a && mnl_attr_get_payload_len(l) == mnl_attr_get_payload_len(a) &&
	       memcmp(mnl_attr_get_payload(l), mnl_attr_get_payload(a),
		      mnl_attr_get_payload_len(l)) != 0;
}

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
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct nlmsghdr **nm = realloc(l->msg, cap * sizeof(*nm));
		if (!nm)
			goto nomem;
		l->msg = nm;
		l->cap = cap;
	}
	l->msg[l->n] = nl_msg_dup(nlh);
	if (!l->msg[l->n++])
		goto nomem;
	return MNL_CB_OK;
nomem:
	errno = ENOMEM;
	return MNL_CB_ERROR;
}

static void addr_list_free(struct addr_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->msg[i]);
	free(l->msg);
	memset(l, 0, sizeof(*l));
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

/* The command line's mistakes the parser cannot see, caught before anything
 * is sent. */
static int addr_check(struct ctx *c, const struct val *v)
{
	const struct inet_prefix *local = &v[A_LOCAL].ip;

	if (v[A_PEER].set && v[A_PEER].ip.family != local->family)
		return err_usage(c, "%s %s is %s but the address is %s", addr_args[A_PEER].kw,
				 v[A_PEER].str, family_word(v[A_PEER].ip.family),
				 family_word(local->family));
	/* iproute2 silently drops the local length then; say so instead */
	if (v[A_PEER].set && local->has_len)
		return err_usage(c, "with %s, the prefix length goes on the peer: %s ADDR/PLEN",
				 addr_args[A_PEER].kw, addr_args[A_PEER].kw);
	if (v[A_BRD].set && v[A_BRD].ip.family != local->family)
		return err_usage(c, "%s %s is %s but the address is %s", addr_args[A_BRD].kw,
				 v[A_BRD].str, family_word(v[A_BRD].ip.family),
				 family_word(local->family));
	if (v[A_BRD].set && local->family != AF_INET)
		return err_usage(c, "%s is IPv4 only", addr_args[A_BRD].kw);
	return 0;
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
	size_t alen = family_addr_len(local->family);

	ifa->ifa_family = (uint8_t)local->family;
	ifa->ifa_prefixlen = plen;
	ifa->ifa_scope = addr_scope(local);
	ifa->ifa_index = (uint32_t)ifindex;
	mnl_attr_put(nlh, IFA_LOCAL, alen, local->bytes);
	if (!match_any_len)
		mnl_attr_put(nlh, IFA_ADDRESS, alen, addr->bytes);
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

static int addr_add(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	int ifindex, rc;

	if ((rc = addr_check(c, v)) < 0)
		return rc;
	if ((ifindex = link_index(c, v[A_DEV].str)) < 0)
		return ifindex;
	nlh = nl_msg(buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
	addr_fill(nlh, v, ifindex, addr_plen(v), false);
	if (v[A_BRD].set)
		mnl_attr_put(nlh, IFA_BROADCAST, sizeof(v[A_BRD].ip.v4), &v[A_BRD].ip.v4);
	rc = nl_request(c, nlh, NULL, NULL);
	return rc < 0 ? addr_error(c, rc, v[A_DEV].str) : 0;
}

/* IPv6 deletes only on an exact prefix length, so when none was given it
 * is looked up among the device's addresses. */
static int addr6_find_len(struct ctx *c, int ifindex, const struct val *v, uint8_t *plen)
{
	struct addr_list l = {0};
	int rc = addr_dump(c, AF_INET6, ifindex, &l);

	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		struct addr_msg m;

		addr_msg_parse(l.msg[i], &m);
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

/* ---- show --------------------------------------------------------------- */

static const struct {
	uint32_t mask;
	const char *v4, *v6; /* NULL: not shown for that family */
} addr_flag_words[] = {
    {IFA_F_SECONDARY, "secondary", "temporary"},
    {IFA_F_NODAD, NULL, "nodad"},
    {IFA_F_OPTIMISTIC, NULL, "optimistic"},
    {IFA_F_DADFAILED, NULL, "dadfailed"},
    {IFA_F_HOMEADDRESS, NULL, "home"},
    {IFA_F_DEPRECATED, NULL, "deprecated"},
    {IFA_F_TENTATIVE, NULL, "tentative"},
    {IFA_F_MANAGETEMPADDR, NULL, "mngtmpaddr"},
    {IFA_F_NOPREFIXROUTE, "noprefixroute", "noprefixroute"},
    {IFA_F_MCAUTOJOIN, "autojoin", "autojoin"},
    {IFA_F_STABLE_PRIVACY, NULL, "stable-privacy"},
};

/* Flags as iproute2 shows them: words in text, true booleans in JSON.
 * "dynamic" is the absence of IFA_F_PERMANENT. */
static void addr_print_flags(struct out *o, const struct addr_msg *m)
{
	bool v4 = m->ifa->ifa_family == AF_INET;
	char fmt[32];

	if (!(m->flags & IFA_F_PERMANENT))
		out_bool(o, OUT_ANY, "dynamic", " dynamic", true);
	for (size_t i = 0; i < ARRAY_SIZE(addr_flag_words); i++) {
		const char *w = v4 ? addr_flag_words[i].v4 : addr_flag_words[i].v6;

		if (!w || !(m->flags & addr_flag_words[i].mask))
			continue;
		snprintf(fmt, sizeof(fmt), " %s", w);
		out_bool(o, OUT_ANY, w, fmt, true);
	}
}

/* "valid_lft forever" in text, the raw seconds in JSON (as iproute2). */
static void addr_print_lifetime(struct out *o, const char *key, const char *fmt, uint32_t secs)
{
	char text[16];

	out_uint(o, OUT_JSON, key, "%u", secs);
	if (secs == LIFETIME_FOREVER)
		snprintf(text, sizeof(text), "forever");
	else
		snprintf(text, sizeof(text), "%usec", secs);
	out_str(o, OUT_TEXT, NULL, fmt, text);
}

static void addr_print_cacheinfo(struct out *o, const struct nlattr *a)
{
	const struct ifa_cacheinfo *ci;

	out_nl(o);
	if (!a || mnl_attr_get_payload_len(a) < sizeof(*ci))
		return;
	ci = mnl_attr_get_payload(a);
	addr_print_lifetime(o, "valid_life_time", "       valid_lft %s", ci->ifa_valid);
	addr_print_lifetime(o, "preferred_life_time", " preferred_lft %s", ci->ifa_prefered);
	out_nl(o);
}

/* "10.0.0.1/24", or "10.8.0.1 peer 10.8.0.2/32": what both the full and
 * the brief forms start with; fmt puts the text before the address. */
static void addr_print_local(struct out *o, const struct addr_msg *m, const char *fmt)
{
	int family = m->ifa->ifa_family;
	enum out_color col = family_color(family);
	char a[INET6_ADDRSTRLEN];

	out_strc(o, OUT_ANY, col, "local", fmt, attr_addr(family, m->local, a, sizeof(a)));
	if (addr_msg_is_peer(m)) {
		out_str(o, OUT_TEXT, NULL, "%s", " peer ");
		out_strc(o, OUT_ANY, col, "address", "%s",
			 attr_addr(family, m->tb[IFA_ADDRESS], a, sizeof(a)));
	}
	out_uint(o, OUT_ANY, "prefixlen", "/%u", m->ifa->ifa_prefixlen);
}

/* "inet 10.0.0.1/24 brd 10.0.0.255 scope global tun0", then the lifetimes. */
static void addr_print(struct ctx *c, const struct addr_msg *m)
{
	int family = m->ifa->ifa_family;
	struct out *o = c->out;
	char a[INET6_ADDRSTRLEN], s[8];

	out_obj_open(o, NULL);
	out_str(o, OUT_ANY, "family", "    %s ", family_word(family));
	addr_print_local(o, m, "%s");
	if (m->tb[IFA_BROADCAST])
		out_strc(o, OUT_ANY, family_color(family), "broadcast", " brd %s",
			 attr_addr(family, m->tb[IFA_BROADCAST], a, sizeof(a)));
	out_str(o, OUT_ANY, "scope", " scope %s", rt_scope_word(m->ifa->ifa_scope, s, sizeof(s)));
	addr_print_flags(o, m);
	if (m->tb[IFA_LABEL] && mnl_attr_validate(m->tb[IFA_LABEL], MNL_TYPE_NUL_STRING) == 0)
		out_str(o, OUT_ANY, "label", " %s", mnl_attr_get_str(m->tb[IFA_LABEL]));
	addr_print_cacheinfo(o, m->tb[IFA_CACHEINFO]);
	out_obj_close(o);
}

/* "10.0.0.1/24 " inside a -br line, as ip -br addr. */
static void addr_print_brief(struct ctx *c, const struct addr_msg *m)
{
	out_obj_open(c->out, NULL);
	addr_print_local(c->out, m, "%s");
	out_text(c->out, " ");
	out_obj_close(c->out);
}

struct addr_show {
	struct addr_list addrs;
	int family;  /* -4 / -6 */
	bool opened; /* the list: opened at the first link, so an error prints none */
};

/* The link's addresses, in the order the kernel gave them. */
static size_t addr_print_link_addrs(struct ctx *c, const struct addr_show *s, int ifindex)
{
	size_t n = 0;

	out_list_open(c->out, "addr_info");
	for (size_t i = 0; i < s->addrs.n; i++) {
		struct addr_msg m;

		addr_msg_parse(s->addrs.msg[i], &m);
		if ((int)m.ifa->ifa_index != ifindex)
			continue;
		if (ctx_brief(c))
			addr_print_brief(c, &m);
		else
			addr_print(c, &m);
		n++;
	}
	out_list_close(c->out);
	return n;
}

static bool addr_link_has_addrs(const struct addr_show *s, int ifindex)
{
	for (size_t i = 0; i < s->addrs.n; i++) {
		const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(s->addrs.msg[i]);
		if ((int)ifa->ifa_index == ifindex)
			return true;
	}
	return false;
}

static int addr_show_link(struct ctx *c, const struct link_msg *m, void *data)
{
	struct addr_show *s = data;
	int ifindex = m->ifi->ifi_index;

	/* as in iproute2: with -4 or -6, links without such addresses are left out */
	if (s->family != AF_UNSPEC && !addr_link_has_addrs(s, ifindex))
		return 0;
	if (!s->opened)
		out_list_open(c->out, NULL);
	s->opened = true;
	if (ctx_brief(c)) {
		link_print_brief_open(c, m);
		addr_print_link_addrs(c, s, ifindex);
		out_nl(c->out);
		out_obj_close(c->out);
		return 0;
	}
	link_print_open(c, m);
	addr_print_link_addrs(c, s, ifindex);
	link_print_close(c);
	return 0;
}

static int addr_show(struct ctx *c, const struct val *v)
{
	struct addr_show s = {.family = c->family};
	int rc;

	if ((rc = addr_dump(c, c->family, 0, &s.addrs)) < 0)
		return rc;
	rc = link_walk(c, v[S_DEV].set ? v[S_DEV].str : NULL, addr_show_link, &s);
	if (rc == 0 && !s.opened)
		out_list_open(c->out, NULL);
	if (rc == 0 || s.opened)
		out_list_close(c->out);
	addr_list_free(&s.addrs);
	return rc;
}

/* ---- flush -------------------------------------------------------------- */

struct flush_failure {
	int err;
	char label[INET6_ADDRSTRLEN + 8];
	char msg[256];
};

/* An IPv4 secondary goes with its primary, so its own delete may find it
 * gone: that is what was wanted. */
static void flush_on_error(struct ctx *c, const char *label, int err, const char *msg, void *data)
{
	struct flush_failure *f = data;

	(void)c;
	if (err == -EADDRNOTAVAIL || f->err)
		return;
	f->err = err;
	snprintf(f->label, sizeof(f->label), "%s", label ? label : "?");
	snprintf(f->msg, sizeof(f->msg), "%s", msg ? msg : strerror(-err));
}

/* The dumped address, sent back as its own delete. */
static void flush_queue(struct ctx *c, struct nl_pipe *p, const struct nlmsghdr *src)
{
	struct addr_msg m;
	char a[INET6_ADDRSTRLEN], label[sizeof(a) + 8];
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;

	addr_msg_parse(src, &m);
	snprintf(label, sizeof(label), "%s/%u", attr_addr(m.ifa->ifa_family, m.local, a, sizeof(a)),
		 m.ifa->ifa_prefixlen);
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

/* One dump, and one batch deleting all it found; *found says how many. */
static int flush_round(struct ctx *c, int ifindex, size_t *found)
{
	struct flush_failure f = {0};
	struct addr_list l = {0};
	struct nl_pipe *p;
	int rc;

	if ((rc = addr_dump(c, c->family, ifindex, &l)) < 0)
		return rc;
	*found = l.n;
	if (l.n == 0)
		return 0;
	if (!(p = nl_pipe_new(flush_on_error, &f))) {
		addr_list_free(&l);
		return -ENOMEM;
	}
	for (size_t i = 0; i < l.n; i++)
		flush_queue(c, p, l.msg[i]);
	rc = nl_pipe_flush(c, p, flush_on_error, &f);
	nl_pipe_free(p);
	addr_list_free(&l);
	/* the pipe reports the first refusal, which may be an ignored one */
	c->reason[0] = '\0';
	if (f.err)
		return err_fail(c, "deleting %s: %s", f.label, f.msg);
	return rc == -EADDRNOTAVAIL ? 0 : rc;
}

static int addr_flush(struct ctx *c, const struct val *v)
{
	int ifindex = link_index(c, v[S_DEV].str);
	size_t found;
	int rc;

	if (ifindex < 0)
		return ifindex;
	/* Deleting may bring addresses back into view (a promoted secondary
	 * the dump had not listed yet), so go again until none are left. */
	for (int round = 0; round < FLUSH_ROUNDS; round++) {
		rc = flush_round(c, ifindex, &found);
		if (rc < 0 || found == 0 || ctx_dryrun(c))
			return rc;
	}
	return err_fail(c, "addresses keep appearing on %s", v[S_DEV].str);
}

/* ---- the object --------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", "lst", NULL};

static const struct verb addr_verbs[] = {
    VERB("add", addr_add, addr_args, "add an address to a device"),
    VERB_ALSO("del", del_aliases, addr_del, addr_args, "remove an address from a device"),
    VERB_ALSO("show", show_aliases, addr_show, show_args, "list devices with their addresses"),
    VERB("flush", addr_flush, flush_args, "remove every address from a device"),
};

VNETCTL_OBJECT_OF(addr, "show", "IPv4 and IPv6 addresses")
