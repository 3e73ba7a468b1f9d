// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * route: show and flush (one table of selectors) and get (the kernel's
 * lookup), as `ip route` has them.  show asks the kernel for one table only
 * (strict dump checking filters it there) and filters again here for
 * kernels that ignore the request, and by the other selectors.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "core.h"
#include "kind.h"
#include "link.h"
#include "flush.h"
#include "nl.h"
#include "rtnames.h"
#include "out.h"
#include "route.h"

/* show and flush: the selectors, each narrowing what is listed or flushed. */
static const int exact_excludes[] = {RS_ROOT + 1, RS_MATCH + 1, 0};

const char *const route_metric_aliases[] = {"priority", NULL};

const struct arg route_show_args[RS_NARGS] = {
    [RS_TABLE] = ARG_TABLE_ENTRY(rt_table_any_words, rt_table_any_values,
				 "a table number, main, local, default or all (main when left "
				 "out)"),
    [RS_EXACT] = {.kw = "exact",
		  .kind = ARG_PREFIX,
		  .flags = ARGF_POSITIONAL | ARGF_DEFAULT,
		  .metavar = "PREFIX",
		  .excludes_more = exact_excludes,
		  .help = "only the routes to exactly this prefix (the keyword may be left out)"},
    [RS_ROOT] = {.kw = "root",
		 .kind = ARG_PREFIX,
		 .flags = ARGF_DEFAULT,
		 .metavar = "PREFIX",
		 .excludes = RS_MATCH + 1,
		 .help = "only the routes to this prefix and to the prefixes inside it"},
    [RS_MATCH] = {.kw = "match",
		  .kind = ARG_PREFIX,
		  .flags = ARGF_DEFAULT,
		  .metavar = "PREFIX",
		  .help = "only the routes whose prefix holds this one (those a lookup could use)"},
    [RS_DEV] = ARG_DEV_ENTRY("only routes through this device"),
    [RS_VIA] = {.kw = "via",
		.kind = ARG_ADDR,
		.metavar = "GW",
		.help = "only routes through this gateway"},
    [RS_PROTO] = RT_PROTO_ENTRY("only routes of this protocol"),
    [RS_SCOPE] = RT_SCOPE_ENTRY("only routes of this scope"),
    [RS_TYPE] = RT_TYPE_ENTRY(0, "only routes of this type"),
    [RS_TOS] = RT_TOS_ENTRY("only routes for this TOS (IPv4)"),
    [RS_VRF] = ARG_VRF_ENTRY(RS_TABLE, "the routes of that vrf's table"),
    [RS_SRC] = {.kw = "src",
		.kind = ARG_PREFIX,
		.metavar = "PREFIX",
		.help = "only routes whose preferred source is inside this prefix"},
    [RS_FROM] = {.kw = "from",
		 .kind = ARG_PREFIX,
		 .flags = ARGF_DEFAULT,
		 .metavar = "PREFIX",
		 .help = "only routes from this source prefix (IPv6 source routing)"},
    [RS_REALM] = {.kw = "realm",
		  .alias = "realms",
		  .kind = ARG_PAIR,
		  .words = rt_realm_words,
		  .values = rt_realm_values,
		  .max = 65535,
		  .metavar = "[FROM/]TO",
		  .help = "only routes of this destination realm (and source realm)"},
    [RS_METRIC] = {.kw = "metric",
		   .alias = "preference",
		   .aliases = route_metric_aliases,
		   .kind = ARG_U32,
		   .metavar = "N",
		   .help = "only routes of this metric (0 for a route without one)"},
    [RS_CACHED] = {.kw = "cached",
		   .alias = "cloned",
		   .kind = ARG_FLAG,
		   .help = "the kernel's cached routes (IPv6 exceptions) instead of the table's; "
			   "flush: the routing cache too"},
};

/* route get: the kernel's lookup of one destination. */
const struct arg route_get_args[RG_NARGS] = {
    [RG_DST] = {.kw = "to",
		.kind = ARG_ADDR,
		.flags = ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT,
		.metavar = "ADDR",
		.help = "the destination looked up (the keyword may be left out)"},
    [RG_FROM] = {.kw = "from",
		 .kind = ARG_ADDR,
		 .metavar = "ADDR",
		 .help = "the packet's source address"},
    [RG_IIF] = {.kw = "iif",
		.kind = ARG_IFNAME,
		.metavar = "NAME",
		.help = "the device the packet came in by (a forwarded packet)"},
    [RG_OIF] = {.kw = "oif",
		.kind = ARG_IFNAME,
		.metavar = "NAME",
		.help = "the device the packet must leave by"},
    [RG_MARK] = {.kw = "mark",
		 .kind = ARG_U32,
		 .metavar = "MARK",
		 .help = "the packet's firewall mark"},
    [RG_TOS] = RT_TOS_ENTRY("the packet's TOS (IPv4)"),
    [RG_FIBMATCH] = {.kw = "fibmatch",
		     .kind = ARG_FLAG,
		     .help = "print the route of the table that matched, not the lookup's answer"},
    [RG_VRF] = {.kw = "vrf",
		.kind = ARG_IFNAME,
		.metavar = "NAME",
		.live_kind = "vrf",
		.excludes = RG_OIF + 1,
		.help = "look up in that vrf (the packet leaves by the vrf device)"},
    [RG_UID] = {.kw = "uid",
		.kind = ARG_U32,
		.metavar = "UID",
		.help = "the user id of the packet's socket"},
    [RG_IPPROTO] = {.kw = "ipproto",
		    .kind = ARG_U32,
		    .words = rt_ipproto_words,
		    .values = rt_ipproto_values,
		    .max = 255,
		    .metavar = "PROTO",
		    .help = "the packet's IP protocol, a name or 0 to 255"},
    [RG_SPORT] = {.kw = "sport",
		  .kind = ARG_U32,
		  .min = 1,
		  .max = 65535,
		  .metavar = "PORT",
		  .help = "the packet's source port"},
    [RG_DPORT] = {.kw = "dport",
		  .kind = ARG_U32,
		  .min = 1,
		  .max = 65535,
		  .metavar = "PORT",
		  .help = "the packet's destination port"},
};

/* A vrf's table, from its IFLA_VRF_TABLE; any other kind is an error. */
static int vrf_table_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	const struct nlattr *tb[IFLA_VRF_MAX + 1];
	int rc = kind_check(c, "vrf", m, NULL);

	if (rc < 0)
		return rc;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_VRF_MAX);
	if (!tb[IFLA_VRF_TABLE] || mnl_attr_get_payload_len(tb[IFLA_VRF_TABLE]) != 4)
		return err_fail(c, "the kernel did not say the vrf's table");
	*(uint32_t *)data = mnl_attr_get_u32(tb[IFLA_VRF_TABLE]);
	return 0;
}

/* The table of the vrf device named: "route show lo: not a vrf device". */
int route_vrf_table(struct ctx *c, const char *name, uint32_t *table)
{
	const char *subject = c->subject;
	int rc;

	c->subject = name;
	rc = link_walk(c, name, vrf_table_cb, table);
	if (rc == 0)
		c->subject = subject;
	return rc;
}

/* ---- show and flush ------------------------------------------------------ */

/* A table id that means "any table" to show. */
#define TABLE_ALL RT_TABLE_UNSPEC

/* What show lists and flush removes: every selector given must hold. */
struct route_filter {
	uint32_t table;			 /* TABLE_ALL for every table */
	int oif;			 /* 0 for every device */
	int family;			 /* AF_UNSPEC: both (table all) */
	const struct inet_prefix *root;	 /* the route's prefix inside this one */
	const struct inet_prefix *match; /* the route's prefix holds this one */
	const struct inet_prefix *via;
	int proto, scope, type, tos;	/* -1: any */
	const struct inet_prefix *src;	/* the preferred source inside this one */
	const struct inet_prefix *from; /* the source prefix inside this one */
	bool realm;			/* realm_to (and realm_from when not 0) */
	uint32_t realm_to, realm_from;
	bool metric; /* metric_is, 0 for a route without RTA_PRIORITY */
	uint32_t metric_is;
	bool cached; /* the kernel's clones, not the table's routes */
	bool any4;   /* root and match are not an IPv4 route's */
};

struct route_show {
	struct ctx *c;
	struct ifnames names;
	struct route_filter f;
	unsigned hide;
	int family; /* of the dump under way */
	/* flush: the routes to delete, copied from the dump */
	bool flush;
	bool save; /* each route written to stdout as the kernel sent it */
	struct nl_msgs found;
};

/* Whether the first bits of a and b agree. */
static bool bits_equal(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, whole))
		return false;
	return !rest || !((a[whole] ^ b[whole]) & (uint8_t)(0xff << (8 - rest)));
}

/* Whether address attribute a (of alen bytes) is inside prefix p. */
static bool attr_inside(const struct nlattr *a, size_t alen, const struct inet_prefix *p)
{
	return a && mnl_attr_get_payload_len(a) >= alen &&
	       bits_equal(mnl_attr_get_payload(a), p->bytes, p->len);
}

/* The selectors of the source side: preferred source, source prefix, realms. */
static bool source_selected(const struct route_filter *f, const struct route_msg *m, size_t alen)
{
	const struct nlattr *flow = m->tb[RTA_FLOW];
	uint32_t realms;

	if (f->src && !attr_inside(m->tb[RTA_PREFSRC], alen, f->src))
		return false;
	if (f->from && (m->rtm->rtm_src_len < f->from->len ||
			(f->from->len && !attr_inside(m->tb[RTA_SRC], alen, f->from))))
		return false;
	if (f->metric &&
	    (m->tb[RTA_PRIORITY] ? mnl_attr_get_u32(m->tb[RTA_PRIORITY]) : 0) != f->metric_is)
		return false;
	if (!f->realm)
		return true;
	if (!flow || mnl_attr_get_payload_len(flow) < 4)
		return false;
	realms = mnl_attr_get_u32(flow);
	return (realms & 0xffff) == f->realm_to &&
	       (!f->realm_from || realms >> 16 == f->realm_from);
}

static bool route_selected(const struct route_filter *f, const struct route_msg *m)
{
	const struct rtmsg *rtm = m->rtm;
	size_t alen = route_addr_len(rtm->rtm_family);
	bool any4 = f->any4 && rtm->rtm_family == AF_INET;
	uint8_t dst[16] = {0};

	if (f->table != TABLE_ALL && m->table != f->table)
		return false;
	if (f->oif && (!m->tb[RTA_OIF] || (int)mnl_attr_get_u32(m->tb[RTA_OIF]) != f->oif))
		return false;
	if ((f->proto >= 0 && rtm->rtm_protocol != f->proto) ||
	    (f->scope >= 0 && rtm->rtm_scope != f->scope) ||
	    (f->type >= 0 && rtm->rtm_type != f->type) || (f->tos >= 0 && rtm->rtm_tos != f->tos))
		return false;
	if (m->tb[RTA_DST] && mnl_attr_get_payload_len(m->tb[RTA_DST]) >= alen)
		memcpy(dst, mnl_attr_get_payload(m->tb[RTA_DST]), alen);
	if (f->root && !any4 &&
	    (rtm->rtm_dst_len < f->root->len || !bits_equal(dst, f->root->bytes, f->root->len)))
		return false;
	if (f->match && !any4 &&
	    (rtm->rtm_dst_len > f->match->len ||
	     !bits_equal(dst, f->match->bytes, rtm->rtm_dst_len)))
		return false;
	if (f->via) {
		const struct nlattr *gw = m->tb[RTA_GATEWAY];
		if (!gw || mnl_attr_get_payload_len(gw) < alen ||
		    memcmp(mnl_attr_get_payload(gw), f->via->bytes, alen))
			return false;
	}
	return source_selected(f, m, alen);
}

/* Each route the kernel sent, filtered again in case it did not filter. */
static int route_show_one(const struct nlmsghdr *nlh, void *data)
{
	struct route_show *s = data;
	struct route_msg m;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	route_msg_parse(nlh, &m);
	if (m.rtm->rtm_family != s->family || !(m.rtm->rtm_flags & RTM_F_CLONED) != !s->f.cached ||
	    !route_selected(&s->f, &m))
		return MNL_CB_OK;
	if (s->save) {
		/* a short write is seen by ferror at the end */
		fwrite(nlh, 1, nlh->nlmsg_len, stdout);
		return MNL_CB_OK;
	}
	if (s->flush) {
		if (nl_msgs_keep(&s->found, nlh) < 0) {
			errno = ENOMEM;
			return MNL_CB_ERROR;
		}
		return MNL_CB_OK;
	}
	route_print(&(struct route_print){.c = s->c,
					  .names = &s->names,
					  .all_tables = s->f.table == TABLE_ALL,
					  .hide = s->hide},
		    &m);
	return MNL_CB_OK;
}

/* One family's routes.  Under strict checking the kernel filters by table
 * and device; it answers ENOENT for a table that has never held a route,
 * which to a listing is just an empty table.  Under ip's name it is what ip
 * says: the kernel's message, then "Dump terminated" (the core's, for every
 * dump) or "Flush terminated", exit 2 (wg-quick reads that status); -j's
 * "[" left open, as ip leaves it. */
static int route_show_family(struct ctx *c, struct route_show *s, int family)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETROUTE, 0);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	int rc;

	rtm->rtm_family = (uint8_t)family;
	/* the kernel's clones (IPv6 exceptions) are dumped when asked for */
	if (s->f.cached)
		rtm->rtm_flags = RTM_F_CLONED;
	if (s->f.table != TABLE_ALL) {
		rtm->rtm_table = s->f.table < 256 ? (uint8_t)s->f.table : RT_TABLE_UNSPEC;
		mnl_attr_put_u32(nlh, RTA_TABLE, s->f.table);
	}
	if (s->f.oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)s->f.oif);
	s->family = family;
	rc = nl_dump(c, nlh, route_show_one, s);
	if (rc == -ENOENT && s->f.table != TABLE_ALL) {
		c->reason[0] = '\0';
		if (!ctx_iproute2(c) || c->refused.err != ENOENT)
			return 0;
		/* ip's -j has written "[" and goes no further */
		out_abandon(c->out);
		if (!s->flush)
			return rc; /* the core says it, with "Dump terminated" */
		err_refusal_print(&c->refused);
		fputs("Flush terminated\n", stderr);
		return -VN_EREPORTED;
	}
	return rc;
}

/* The family the selectors' addresses name, the same for all of them. */
static int selectors_family(struct ctx *c, const struct val *v, int *family)
{
	static const int addrs[] = {RS_EXACT, RS_ROOT, RS_MATCH, RS_VIA, RS_SRC, RS_FROM};
	int first = -1;

	*family = c->family;
	for (size_t i = 0; i < ARRAY_SIZE(addrs); i++) {
		const struct val *a = &v[addrs[i]];
		if (!a->set || a->ip.family == AF_UNSPEC)
			continue;
		if (first >= 0 && a->ip.family != *family)
			return err_usage(c, "%s %s is %s but %s %s is %s",
					 route_show_args[addrs[i]].kw, a->str,
					 route_family_word(a->ip.family), route_show_args[first].kw,
					 v[first].str, route_family_word(*family));
		*family = a->ip.family;
		first = addrs[i];
	}
	return 0;
}

static int route_show_setup(struct ctx *c, const struct val *v, struct route_show *s)
{
	struct route_filter *f = &s->f;
	int rc;

	s->c = c;
	f->table = v[RS_TABLE].set ? v[RS_TABLE].u : RT_TABLE_MAIN;
	f->proto = v[RS_PROTO].set ? (int)v[RS_PROTO].u : -1;
	f->scope = v[RS_SCOPE].set ? (int)v[RS_SCOPE].u : -1;
	f->type = v[RS_TYPE].set ? (int)rt_type_values[v[RS_TYPE].e] : -1;
	f->tos = v[RS_TOS].set ? (int)v[RS_TOS].u : -1;
	/* a bare or exact prefix is both a root and a match: that prefix only;
	 * but all and any, ip's words for every prefix, select every IPv4
	 * route (IPv6's default only, as ip) */
	if (v[RS_EXACT].set)
		f->root = f->match = &v[RS_EXACT].ip;
	f->any4 = v[RS_EXACT].set && !v[RS_EXACT].ip.len &&
		  strcmp(v[RS_EXACT].str, prefix_any_words[0]) != 0;
	if (v[RS_SRC].set)
		f->src = &v[RS_SRC].ip;
	if (v[RS_FROM].set)
		f->from = &v[RS_FROM].ip;
	f->realm = v[RS_REALM].set;
	f->realm_to = v[RS_REALM].u;
	f->realm_from = v[RS_REALM].hi;
	f->metric = v[RS_METRIC].set;
	f->metric_is = v[RS_METRIC].u;
	f->cached = v[RS_CACHED].set;
	if (v[RS_ROOT].set)
		f->root = &v[RS_ROOT].ip;
	if (v[RS_MATCH].set)
		f->match = &v[RS_MATCH].ip;
	if (v[RS_VIA].set)
		f->via = &v[RS_VIA].ip;
	s->hide = (v[RS_DEV].set ? ROUTE_HIDE_DEV : 0) | (v[RS_VIA].set ? ROUTE_HIDE_VIA : 0) |
		  (v[RS_PROTO].set ? ROUTE_HIDE_PROTO : 0) |
		  (v[RS_SCOPE].set ? ROUTE_HIDE_SCOPE : 0) | (v[RS_TOS].set ? ROUTE_HIDE_TOS : 0) |
		  (v[RS_METRIC].set ? ROUTE_HIDE_METRIC : 0);
	/* a source address given whole is the same on every line */
	if (v[RS_SRC].set && v[RS_SRC].ip.len == route_addr_len(v[RS_SRC].ip.family) * 8)
		s->hide |= ROUTE_HIDE_SRC;
	/* FROM/TO makes the realms the same on every line: left out (as ip) */
	if (v[RS_REALM].set && strchr(v[RS_REALM].str, '/'))
		s->hide |= ROUTE_HIDE_FLOW;
	if ((rc = selectors_family(c, v, &f->family)) < 0)
		return rc;
	/* as ip: one table without -4, -6 or an address to say the family is
	 * IPv4's; every table is both families' */
	if (f->family == AF_UNSPEC && f->table != TABLE_ALL)
		f->family = AF_INET;
	if (v[RS_VRF].set && (rc = route_vrf_table(c, v[RS_VRF].str, &f->table)) < 0)
		return rc;
	if (v[RS_DEV].set && (f->oif = link_index(c, v[RS_DEV].str)) < 0)
		return f->oif;
	return s->flush ? 0 : ifnames_load(c, &s->names);
}

/* Each family the selectors allow, IPv4 first. */
static int route_walk(struct ctx *c, struct route_show *s)
{
	static const int families[] = {AF_INET, AF_INET6};
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < ARRAY_SIZE(families); i++)
		if (s->f.family == AF_UNSPEC || s->f.family == families[i])
			rc = route_show_family(c, s, families[i]);
	return rc;
}

int route_show(struct ctx *c, const struct val *v)
{
	struct route_show s = {0};
	int rc;

	if ((rc = route_show_setup(c, v, &s)) < 0)
		goto out;
	out_list_open(c->out, NULL);
	rc = route_walk(c, &s);
	out_list_close(c->out);
out:
	ifnames_free(&s.names);
	return rc;
}

/* One dumped route, sent back as its own delete: the kernel's message names
 * it exactly (as ip route flush does). */
static void flush_queue(struct ctx *c, struct nl_pipe *p, const struct nlmsghdr *route)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(route);
	const struct nlattr *tb[RTA_MAX + 1];
	char a[INET6_ADDRSTRLEN], label[sizeof(a) + 8];
	struct nlmsghdr *nlh;

	nl_parse(route, sizeof(*rtm), tb, RTA_MAX);
	if (tb[RTA_DST] && mnl_attr_get_payload_len(tb[RTA_DST]) >= route_addr_len(rtm->rtm_family))
		snprintf(
		    label, sizeof(label), "%s/%u",
		    format_addr(rtm->rtm_family, mnl_attr_get_payload(tb[RTA_DST]), a, sizeof(a)),
		    rtm->rtm_dst_len);
	else
		snprintf(label, sizeof(label), "%s", prefix_any_words[0]);
	nlh = nl_pipe_msg(c, p, RTM_DELROUTE, 0, label);
	memcpy(mnl_nlmsg_get_payload(nlh), mnl_nlmsg_get_payload(route),
	       mnl_nlmsg_get_payload_len(route));
	nlh->nlmsg_len += (uint32_t)MNL_ALIGN(mnl_nlmsg_get_payload_len(route));
}

/* Remove every route the selectors pick, in one batch of deletes; at least
 * one selector must be given, as ip asks (a bare flush would empty table
 * main). */
/* The routing cache of one family emptied, as ip route flush cache does:
 * its sysctl file, written. */
static int flush_cache(struct ctx *c, int family)
{
	const char *path = family == AF_INET6 ? "/proc/sys/net/ipv6/route/flush"
					      : "/proc/sys/net/ipv4/route/flush";
	int fd, rc = 0;

	if (ctx_dryrun(c))
		return 0;
	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) < 0)
		return err_errno(c, errno, "cannot open %s", path);
	if (write(fd, "-1", 2) != 2)
		rc = err_errno(c, errno, "cannot write %s", path);
	close(fd);
	return rc;
}

int route_flush(struct ctx *c, const struct val *v)
{
	/* a route gone meanwhile (an IPv6 route that went with another) is
	 * what was wanted */
	static const int gone[] = {-ESRCH, -ENOENT, 0};
	struct route_show s = {.flush = true};
	bool any = false;
	int rc;

	for (size_t i = 0; i < ARRAY_SIZE(route_show_args); i++)
		any |= v[i].set;
	if (!any)
		return err_usage(c, "flush needs a selector (table main flushes table main)");
	if ((rc = route_show_setup(c, v, &s)) < 0)
		goto out;
	for (int fam = AF_INET; s.f.cached && rc == 0 && fam; fam = fam == AF_INET ? AF_INET6 : 0)
		if (s.f.family == AF_UNSPEC || s.f.family == fam)
			rc = flush_cache(c, fam);
	if (rc == 0 && (rc = route_walk(c, &s)) == 0)
		rc = flush_msgs(c, s.found.v, s.found.n, flush_queue, gone);
out:
	nl_msgs_free(&s.found);
	return rc;
}

/* ip route save's stream: its magic number, in the host's order, then each
 * route the selectors pick, the kernel's message as it came (ip route
 * restore and showdump read it). */
#define ROUTE_SAVE_MAGIC 0x45311224u

int route_save(struct ctx *c, const struct val *v)
{
	const uint32_t magic = ROUTE_SAVE_MAGIC;
	struct route_show s = {.save = true};
	int rc;

	if ((rc = err_save_tty(c)) < 0 || (rc = route_show_setup(c, v, &s)) < 0)
		goto out;
	fwrite(&magic, 1, sizeof(magic), stdout);
	rc = route_walk(c, &s);
	if (rc == 0 && (fflush(stdout) == EOF || ferror(stdout)))
		rc = err_errno(c, errno, "cannot write the routes");
out:
	ifnames_free(&s.names);
	return rc;
}

/* ---- get ------------------------------------------------------------------ */

struct route_get {
	struct ctx *c;
	struct ifnames names;
};

static int route_get_one(const struct nlmsghdr *nlh, void *data)
{
	struct route_get *g = data;
	struct route_msg m;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	route_msg_parse(nlh, &m);
	route_print(&(struct route_print){.c = g->c, .names = &g->names, .all_tables = true}, &m);
	return MNL_CB_OK;
}

/* The vrf device's index, refusing a device of another kind. */
static int vrf_index_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	int rc = kind_check(c, "vrf", m, NULL);

	if (rc < 0)
		return rc;
	*(int *)data = m->ifi->ifi_index;
	return 0;
}

struct nlmsghdr *route_query_msg(char *buf, const struct route_query *q)
{
	size_t alen = route_addr_len(q->family);
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETROUTE, 0);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));

	rtm->rtm_family = (uint8_t)q->family;
	rtm->rtm_dst_len = (uint8_t)(alen * 8);
	/* IPv4: the table the lookup found, as ip asks (else the kernel says
	 * main); IPv6 always says it, and refuses the flag */
	if (q->family == AF_INET)
		rtm->rtm_flags = RTM_F_LOOKUP_TABLE;
	/* the table's route itself, printed as show prints it */
	if (q->fibmatch)
		rtm->rtm_flags |= RTM_F_FIB_MATCH;
	if (q->has_tos)
		rtm->rtm_tos = q->tos;
	mnl_attr_put(nlh, RTA_DST, alen, q->dst);
	if (q->src) {
		rtm->rtm_src_len = (uint8_t)(alen * 8);
		mnl_attr_put(nlh, RTA_SRC, alen, q->src);
	}
	if (q->iif)
		mnl_attr_put_u32(nlh, RTA_IIF, (uint32_t)q->iif);
	if (q->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)q->oif);
	if (q->has_mark)
		mnl_attr_put_u32(nlh, RTA_MARK, q->mark);
	if (q->has_uid)
		mnl_attr_put_u32(nlh, RTA_UID, q->uid);
	if (q->has_ipproto)
		mnl_attr_put_u8(nlh, RTA_IP_PROTO, q->ipproto);
	if (q->sport)
		mnl_attr_put_u16(nlh, RTA_SPORT, htons(q->sport));
	if (q->dport)
		mnl_attr_put_u16(nlh, RTA_DPORT, htons(q->dport));
	return nlh;
}

int route_get(struct ctx *c, const struct val *v)
{
	struct route_get g = {.c = c};
	int family = v[RG_DST].ip.family, iif = 0, oif = 0, rc;
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct route_query q = {.family = family,
				.dst = v[RG_DST].ip.bytes,
				.src = v[RG_FROM].set ? v[RG_FROM].ip.bytes : NULL,
				.has_mark = v[RG_MARK].set,
				.mark = v[RG_MARK].u,
				.has_tos = v[RG_TOS].set,
				.tos = (uint8_t)v[RG_TOS].u,
				.fibmatch = v[RG_FIBMATCH].set,
				.has_uid = v[RG_UID].set,
				.uid = v[RG_UID].u,
				.has_ipproto = v[RG_IPPROTO].set,
				.ipproto = (uint8_t)v[RG_IPPROTO].u,
				.sport = (uint16_t)v[RG_SPORT].u,
				.dport = (uint16_t)v[RG_DPORT].u};

	if (v[RG_FROM].set && v[RG_FROM].ip.family != family)
		return err_usage(c, "%s %s is %s but %s is %s", route_get_args[RG_FROM].kw,
				 v[RG_FROM].str, route_family_word(v[RG_FROM].ip.family),
				 v[RG_DST].str, route_family_word(family));
	if (v[RG_TOS].set && family != AF_INET)
		return err_usage(c, "%s is for IPv4 only", route_get_args[RG_TOS].kw);
	if (v[RG_IIF].set && (iif = link_index(c, v[RG_IIF].str)) < 0)
		return iif;
	if (v[RG_OIF].set && (oif = link_index(c, v[RG_OIF].str)) < 0)
		return oif;
	if (v[RG_VRF].set && (rc = link_walk(c, v[RG_VRF].str, vrf_index_cb, &oif)) < 0)
		return rc;
	if ((rc = ifnames_load(c, &g.names)) < 0)
		goto out;
	q.iif = iif;
	q.oif = oif;
	nlh = route_query_msg(buf, &q);
	out_list_open(c->out, NULL);
	rc = nl_request(c, nlh, route_get_one, &g);
	out_list_close(c->out);
	if (rc == -ENETUNREACH && !c->reason[0])
		rc = err_errno(c, ENETUNREACH, "no route to it");
out:
	ifnames_free(&g.names);
	return rc;
}
