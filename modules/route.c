// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * route: IPv4 and IPv6 unicast routes, as `ip route` handles them.
 *
 * A route's family comes from what was typed: the prefix, else the gateway
 * (so `default via 2001:db8::1` is an IPv6 default), else -6, else IPv4.
 * show asks the kernel for one table only (strict dump checking filters it
 * there) and filters again here for kernels that ignore the request.
 */
#include <errno.h>
#include <linux/if.h>
#include <linux/icmpv6.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "kind.h"
#include "link.h"
#include "nl.h"
#include "rtnames.h"
#include "out.h"
#include "route.h"

/* ---- the arguments ------------------------------------------------------ */

/* add and del share one table; show has its own. */
enum { R_DST, R_VIA, R_DEV, R_METRIC, R_TABLE };
enum { S_TABLE, S_DEV, S_VRF };

/* The table and the device mean the same to every verb. */
#define ARG_TABLE_ENTRY(w, vals, h)                                                                \
	{                                                                                          \
		.kw = "table", .kind = ARG_U32, .words = (w), .values = (vals), .min = 1,          \
		.max = UINT32_MAX, .metavar = "TABLE", .help = (h)                                 \
	}
#define ARG_DEV_ENTRY(h)                                                                           \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .metavar = "NAME", .help = (h)                    \
	}

static const struct arg route_args[] = {
    [R_DST] = {.kw = "to",
	       .kind = ARG_PREFIX,
	       .flags = ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT | ARGF_DEFAULT,
	       .metavar = "PREFIX",
	       .help = "the destination, ADDR[/PLEN] or default (the keyword may be left out)"},
    [R_VIA] = {.kw = "via", .kind = ARG_ADDR, .metavar = "GW", .help = "the next hop's address"},
    [R_DEV] = ARG_DEV_ENTRY("the device the route leaves through"),
    [R_METRIC] = {.kw = "metric",
		  .kind = ARG_U32,
		  .metavar = "N",
		  .help = "the route's priority: the lowest metric wins"},
    [R_TABLE] = ARG_TABLE_ENTRY(rt_table_words, rt_table_values,
				"a table number, main, local or default (main when left out)"),
};

static const struct arg show_args[] = {
    [S_TABLE] = ARG_TABLE_ENTRY(rt_table_any_words, rt_table_any_values,
				"a table number, main, local, default or all (main when left "
				"out)"),
    [S_DEV] = ARG_DEV_ENTRY("only routes through this device"),
    [S_VRF] = {.kw = "vrf",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .live_kind = "vrf",
	       .excludes = S_TABLE + 1,
	       .help = "the routes of that vrf's table"},
};

static const char *family_word(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

/* ---- add and del -------------------------------------------------------- */

struct route_req {
	int family;
	uint32_t table;
	int oif; /* 0: none given */
};

/* The family of the route, and the mistakes the parser cannot see, caught
 * before anything is sent. */
static int route_check(struct ctx *c, const struct val *v, struct route_req *r)
{
	const struct inet_prefix *dst = &v[R_DST].ip, *gw = &v[R_VIA].ip;

	r->family = dst->family;
	if (v[R_VIA].set && r->family != AF_UNSPEC && gw->family != r->family)
		return err_usage(c, "%s %s is %s but %s is %s", route_args[R_VIA].kw, v[R_VIA].str,
				 family_word(gw->family), v[R_DST].str, family_word(r->family));
	if (r->family == AF_UNSPEC)
		r->family = v[R_VIA].set	     ? gw->family
			    : c->family != AF_UNSPEC ? c->family
						     : AF_INET;
	r->table = v[R_TABLE].set ? v[R_TABLE].u : RT_TABLE_MAIN;
	return 0;
}

/* The header and attributes add and del share.  Tables past 255 do not fit
 * rtm_table and go in RTA_TABLE. */
static void route_fill(struct nlmsghdr *nlh, const struct val *v, const struct route_req *r)
{
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	size_t alen = route_addr_len(r->family);

	rtm->rtm_family = (uint8_t)r->family;
	rtm->rtm_dst_len = v[R_DST].ip.len;
	rtm->rtm_table = r->table < 256 ? (uint8_t)r->table : RT_TABLE_UNSPEC;
	if (v[R_DST].ip.len)
		mnl_attr_put(nlh, RTA_DST, alen, v[R_DST].ip.bytes);
	if (r->table >= 256)
		mnl_attr_put_u32(nlh, RTA_TABLE, r->table);
	if (v[R_VIA].set)
		mnl_attr_put(nlh, RTA_GATEWAY, alen, v[R_VIA].ip.bytes);
	if (r->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)r->oif);
	if (v[R_METRIC].set)
		mnl_attr_put_u32(nlh, RTA_PRIORITY, v[R_METRIC].u);
}

/* When the kernel explains nothing, its bare errno says little here. */
static int route_error(struct ctx *c, int rc)
{
	if (c->reason[0])
		return rc;
	if (rc == -EEXIST)
		return err_errno(c, EEXIST, "the route exists already");
	if (rc == -ESRCH)
		return err_errno(c, ESRCH, "no such route");
	if (rc == -ENETUNREACH)
		return err_errno(c, ENETUNREACH, "the gateway is not on a connected network");
	return rc;
}

static int route_send(struct ctx *c, const struct val *v, bool add)
{
	struct route_req r = {0};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;
	int rc;

	if ((rc = route_check(c, v, &r)) < 0)
		return rc;
	if (add && !v[R_VIA].set && !v[R_DEV].set)
		return err_usage(c, "a route needs %s GW or %s NAME", route_args[R_VIA].kw,
				 route_args[R_DEV].kw);
	if (v[R_DEV].set && (r.oif = link_index(c, v[R_DEV].str)) < 0)
		return r.oif;
	nlh = nl_msg(buf, add ? RTM_NEWROUTE : RTM_DELROUTE, add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	route_fill(nlh, v, &r);
	rtm = mnl_nlmsg_get_payload(nlh);
	if (add) {
		rtm->rtm_protocol = RTPROT_BOOT;
		rtm->rtm_type = RTN_UNICAST;
		/* without a gateway the destination is on the link itself */
		rtm->rtm_scope = v[R_VIA].set ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	} else {
		/* the kernel takes RT_SCOPE_NOWHERE on delete as "any scope" */
		rtm->rtm_scope = RT_SCOPE_NOWHERE;
	}
	rc = nl_request(c, nlh, NULL, NULL);
	return rc < 0 ? route_error(c, rc) : 0;
}

static int route_add(struct ctx *c, const struct val *v)
{
	return route_send(c, v, true);
}

static int route_del(struct ctx *c, const struct val *v)
{
	return route_send(c, v, false);
}

/* ---- show --------------------------------------------------------------- */

/* A table id that means "any table" to show. */
#define TABLE_ALL RT_TABLE_UNSPEC

struct route_show {
	struct ctx *c;
	struct ifnames names;
	uint32_t table; /* TABLE_ALL for every table */
	int oif;	/* 0 for every device */
	int family;
};

/* Each route the kernel sent, filtered again in case it did not filter. */
static int route_show_one(const struct nlmsghdr *nlh, void *data)
{
	const struct route_show *s = data;
	struct route_msg m;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	route_msg_parse(nlh, &m);
	if (m.rtm->rtm_family != s->family || (m.rtm->rtm_flags & RTM_F_CLONED))
		return MNL_CB_OK;
	if (s->table != TABLE_ALL && m.table != s->table)
		return MNL_CB_OK;
	if (s->oif && (!m.tb[RTA_OIF] || (int)mnl_attr_get_u32(m.tb[RTA_OIF]) != s->oif))
		return MNL_CB_OK;
	route_print(&(struct route_print){.c = s->c,
					  .names = &s->names,
					  .all_tables = s->table == TABLE_ALL},
		    &m);
	return MNL_CB_OK;
}

/* One family's routes.  Under strict checking the kernel filters by table
 * and device; it answers ENOENT for a table that has never held a route,
 * which to a listing is just an empty table. */
static int route_show_family(struct ctx *c, struct route_show *s, int family)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETROUTE, 0);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	int rc;

	rtm->rtm_family = (uint8_t)family;
	if (s->table != TABLE_ALL) {
		rtm->rtm_table = s->table < 256 ? (uint8_t)s->table : RT_TABLE_UNSPEC;
		mnl_attr_put_u32(nlh, RTA_TABLE, s->table);
	}
	if (s->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)s->oif);
	s->family = family;
	rc = nl_dump(c, nlh, route_show_one, s);
	if (rc == -ENOENT && s->table != TABLE_ALL) {
		c->reason[0] = '\0';
		return 0;
	}
	return rc;
}

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

static int route_show_setup(struct ctx *c, const struct val *v, struct route_show *s)
{
	int rc;

	s->c = c;
	s->table = v[S_TABLE].set ? v[S_TABLE].u : RT_TABLE_MAIN;
	if (v[S_VRF].set) {
		c->subject = v[S_VRF].str; /* "route show lo: not a vrf device" */
		if ((rc = link_walk(c, v[S_VRF].str, vrf_table_cb, &s->table)) < 0)
			return rc;
	}
	if (v[S_DEV].set && (s->oif = link_index(c, v[S_DEV].str)) < 0)
		return s->oif;
	return route_names_load(c, &s->names);
}

static int route_show(struct ctx *c, const struct val *v)
{
	static const int families[] = {AF_INET, AF_INET6};
	struct route_show s = {0};
	int rc;

	if ((rc = route_show_setup(c, v, &s)) < 0)
		goto out;
	out_list_open(c->out, NULL);
	for (size_t i = 0; rc == 0 && i < ARRAY_SIZE(families); i++)
		if (c->family == AF_UNSPEC || c->family == families[i])
			rc = route_show_family(c, &s, families[i]);
	out_list_close(c->out);
out:
	route_names_free(&s.names);
	return rc;
}

/* ---- the object --------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", "lst", NULL};

static const struct verb route_verbs[] = {
    VERB("add", route_add, route_args, "add a route"),
    VERB_ALSO("del", del_aliases, route_del, route_args, "remove a route"),
    VERB_ALSO("show", show_aliases, route_show, show_args,
	      "list the routes of a table, IPv4 then IPv6"),
};

VNETCTL_OBJECT_OF(route, "show", "IPv4 and IPv6 routes")
