// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nexthop: the kernel's nexthop objects (since Linux 5.3), as `ip nexthop`
 * handles them: a gateway and device, a blackhole, or a group of other
 * nexthops (multipath or resilient), each with an id that routes name
 * (`route add PREFIX nhid ID`).  add, replace, del, show, flush and get
 * over RTM_NEWNEXTHOP, RTM_DELNEXTHOP and RTM_GETNEXTHOP; printed as
 * ip nexthop show prints them, in text and JSON.
 */
#include <errno.h>
#include <linux/if.h>
#include <linux/nexthop.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "core.h"
#include "flush.h"
#include "ifnames.h"
#include "nl.h"
#include "out.h"
#include "rtnames.h"

/* ---- the arguments ------------------------------------------------------ */

enum {
	N_ID,
	N_VIA,
	N_DEV,
	N_BLACKHOLE,
	N_ONLINK,
	N_GROUP,
	N_TYPE,
	N_BUCKETS,
	N_IDLE,
	N_UNBALANCED,
	N_FDB,
	N_PROTO,
};
enum { NS_ID, NS_DEV, NS_GROUPS, NS_FDB };

/* A group's types, in the order of NEXTHOP_GRP_TYPE_*. */
static const char *const group_type_words[] = {"mpath", "resilient", NULL};

static const struct arg add_args[] = {
    [N_ID] = {.kw = "id",
	      .kind = ARG_U32,
	      .flags = ARGF_SUBJECT,
	      .min = 1,
	      .metavar = "ID",
	      .help = "the nexthop's id (the kernel picks one when left out)"},
    [N_VIA] = {.kw = "via", .kind = ARG_ADDR, .metavar = "GW", .help = "the gateway"},
    [N_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .help = "the device the packets leave through"},
    [N_BLACKHOLE] = {.kw = "blackhole",
		     .kind = ARG_FLAG,
		     .excludes = N_VIA + 1,
		     .help = "drop the packets silently"},
    [N_ONLINK] = {.kw = "onlink",
		  .kind = ARG_FLAG,
		  .help = "the gateway is on the device's link, whatever its addresses say"},
    [N_GROUP] = {.kw = "group",
		 .kind = ARG_WEIGHTS,
		 .max = 256,
		 .excludes = N_VIA + 1,
		 .help = "a group of other nexthops, each with its weight, 1 to 256 (1 when left "
			 "out)"},
    [N_TYPE] = {.kw = "type",
		.kind = ARG_ENUM,
		.words = group_type_words,
		.metavar = "TYPE",
		.help = "the group's type: mpath (hash-threshold, the default) or resilient"},
    [N_BUCKETS] = {.kw = "buckets",
		   .kind = ARG_U32,
		   .min = 1,
		   .max = 65535,
		   .metavar = "N",
		   .help = "a resilient group's number of buckets"},
    [N_IDLE] = {.kw = "idle_timer",
		.kind = ARG_U32,
		.metavar = "SECONDS",
		.help = "a resilient group's time before an idle bucket may move"},
    [N_UNBALANCED] = {.kw = "unbalanced_timer",
		      .kind = ARG_U32,
		      .metavar = "SECONDS",
		      .help = "a resilient group's longest time out of balance"},
    [N_FDB] = {.kw = "fdb",
	       .kind = ARG_FLAG,
	       .help = "a nexthop of the bridge's forwarding database (vxlan), not of routes"},
    [N_PROTO] = RT_PROTO_ENTRY("who added the nexthop, a name or 0 to 255 (unspec when left out)"),
};

static const struct arg del_args[] = {
    {.kw = "id",
     .kind = ARG_U32,
     .flags = ARGF_REQUIRED | ARGF_SUBJECT,
     .min = 1,
     .metavar = "ID",
     .help = "the nexthop's id"},
};

static const struct arg show_args[] = {
    [NS_ID] = {.kw = "id", .kind = ARG_U32, .min = 1, .metavar = "ID", .help = "only this nexthop"},
    [NS_DEV] = {.kw = "dev",
		.kind = ARG_IFNAME,
		.metavar = "NAME",
		.help = "only the nexthops through this device"},
    [NS_GROUPS] = {.kw = "groups", .kind = ARG_FLAG, .help = "only the groups"},
    [NS_FDB] = {.kw = "fdb", .kind = ARG_FLAG, .help = "only the fdb nexthops"},
};

/* ---- add, replace, del -------------------------------------------------- */

static int nexthop_send(struct ctx *c, const struct val *v, uint16_t flags)
{
	struct nexthop_grp grp[ARG_WEIGHTS_MAX];
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct nhmsg *nhm;
	size_t ngrp = 0;
	int oif = 0;
	long hz = sysconf(_SC_CLK_TCK);

	/* the kernel counts a weight from 0 */
	for (int i = 0; v[N_GROUP].set && i < v[N_GROUP].nrest; i++, ngrp++) {
		memset(&grp[ngrp], 0, sizeof(grp[ngrp]));
		grp[ngrp].id = v[N_GROUP].weights[i].id;
		grp[ngrp].weight = (uint8_t)(v[N_GROUP].weights[i].weight - 1);
	}
	if (!v[N_GROUP].set &&
	    (v[N_TYPE].set || v[N_BUCKETS].set || v[N_IDLE].set || v[N_UNBALANCED].set))
		return err_usage(c, "type, buckets and the timers are a group's");
	if ((v[N_BUCKETS].set || v[N_IDLE].set || v[N_UNBALANCED].set) &&
	    !(v[N_TYPE].set && v[N_TYPE].e == NEXTHOP_GRP_TYPE_RES))
		return err_usage(c, "buckets and the timers are a resilient group's");
	if (v[N_DEV].set && (oif = link_index(c, v[N_DEV].str)) < 0)
		return oif;
	if (hz <= 0)
		hz = 100;
	nlh = nl_msg(buf, RTM_NEWNEXTHOP, flags);
	nhm = mnl_nlmsg_put_extra_header(nlh, sizeof(*nhm));
	/* the gateway's family; a group's is none; a device or blackhole
	 * alone is IPv4 unless -6 (the kernel wants one, ip says IPv4) */
	nhm->nh_family = (uint8_t)(v[N_VIA].set			 ? v[N_VIA].ip.family
				   : v[N_GROUP].set || c->family ? c->family
								 : AF_INET);
	if (v[N_ONLINK].set)
		nhm->nh_flags |= RTNH_F_ONLINK;
	if (v[N_PROTO].set)
		nhm->nh_protocol = (uint8_t)v[N_PROTO].u;
	if (v[N_ID].set)
		mnl_attr_put_u32(nlh, NHA_ID, v[N_ID].u);
	if (v[N_VIA].set)
		mnl_attr_put(nlh, NHA_GATEWAY, v[N_VIA].ip.family == AF_INET ? 4 : 16,
			     v[N_VIA].ip.bytes);
	if (oif)
		mnl_attr_put_u32(nlh, NHA_OIF, (uint32_t)oif);
	if (v[N_BLACKHOLE].set)
		mnl_attr_put(nlh, NHA_BLACKHOLE, 0, NULL);
	if (v[N_FDB].set)
		mnl_attr_put(nlh, NHA_FDB, 0, NULL);
	if (ngrp) {
		mnl_attr_put(nlh, NHA_GROUP, ngrp * sizeof(grp[0]), grp);
		if (v[N_TYPE].set)
			mnl_attr_put_u16(nlh, NHA_GROUP_TYPE, (uint16_t)v[N_TYPE].e);
	}
	if (v[N_BUCKETS].set || v[N_IDLE].set || v[N_UNBALANCED].set) {
		struct nlattr *res = mnl_attr_nest_start(nlh, NHA_RES_GROUP);

		if (v[N_BUCKETS].set)
			mnl_attr_put_u16(nlh, NHA_RES_GROUP_BUCKETS, (uint16_t)v[N_BUCKETS].u);
		if (v[N_IDLE].set)
			mnl_attr_put_u32(nlh, NHA_RES_GROUP_IDLE_TIMER,
					 (uint32_t)(v[N_IDLE].u * hz));
		if (v[N_UNBALANCED].set)
			mnl_attr_put_u32(nlh, NHA_RES_GROUP_UNBALANCED_TIMER,
					 (uint32_t)(v[N_UNBALANCED].u * hz));
		mnl_attr_nest_end(nlh, res);
	}
	return nl_request(c, nlh, NULL, NULL);
}

static int nexthop_add(struct ctx *c, const struct val *v)
{
	return nexthop_send(c, v, NLM_F_CREATE | NLM_F_EXCL);
}

static int nexthop_replace(struct ctx *c, const struct val *v)
{
	return nexthop_send(c, v, NLM_F_CREATE | NLM_F_REPLACE);
}

/* A request naming one nexthop by id: del, get. */
static struct nlmsghdr *nexthop_id_msg(char *buf, uint16_t type, uint32_t id)
{
	struct nlmsghdr *nlh = nl_msg(buf, type, 0);

	mnl_nlmsg_put_extra_header(nlh, sizeof(struct nhmsg));
	mnl_attr_put_u32(nlh, NHA_ID, id);
	return nlh;
}

static int nexthop_del(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];

	return nl_request(c, nexthop_id_msg(buf, RTM_DELNEXTHOP, v[0].u), NULL, NULL);
}

/* ---- the printer ---------------------------------------------------------- */

struct nh_show {
	struct ctx *c;
	struct ifnames names;
	int family; /* AF_UNSPEC: every family */
	bool flush;
	struct nl_msgs found;
};

/* "group 1/2,5": the members, a weight after a comma when not 1; JSON
 * "group": [{"id": 1}, {"id": 2, "weight": 5}]. */
static void print_group(struct out *o, const struct nlattr *a)
{
	const struct nexthop_grp *g = mnl_attr_get_payload(a);
	size_t n = mnl_attr_get_payload_len(a) / sizeof(*g);

	out_text(o, "group ");
	out_list_open(o, "group");
	for (size_t i = 0; i < n; i++) {
		out_obj_open(o, NULL);
		out_uint(o, OUT_ANY, "id", i ? "/%u" : "%u", g[i].id);
		if (g[i].weight)
			out_uint(o, OUT_ANY, "weight", ",%u", g[i].weight + 1u);
		out_obj_close(o);
	}
	out_list_close(o);
	out_text(o, " ");
}

/* A resilient group's settings, its timers in seconds. */
static void print_resilient(struct out *o, const struct nlattr *a)
{
	const struct nlattr *tb[NHA_RES_GROUP_MAX + 1];
	long hz = sysconf(_SC_CLK_TCK);

	if (hz <= 0)
		hz = 100;
	nl_parse_nested(a, tb, NHA_RES_GROUP_MAX);
	out_obj_open(o, "resilient_args");
	if (tb[NHA_RES_GROUP_BUCKETS])
		out_uint(o, OUT_ANY, "buckets", "buckets %u ",
			 mnl_attr_get_u16(tb[NHA_RES_GROUP_BUCKETS]));
	if (tb[NHA_RES_GROUP_IDLE_TIMER])
		out_uint(o, OUT_ANY, "idle_timer", "idle_timer %u ",
			 (unsigned)(mnl_attr_get_u32(tb[NHA_RES_GROUP_IDLE_TIMER]) / hz));
	if (tb[NHA_RES_GROUP_UNBALANCED_TIMER])
		out_uint(o, OUT_ANY, "unbalanced_timer", "unbalanced_timer %u ",
			 (unsigned)(mnl_attr_get_u32(tb[NHA_RES_GROUP_UNBALANCED_TIMER]) / hz));
	if (tb[NHA_RES_GROUP_UNBALANCED_TIME])
		out_u64(o, OUT_ANY, "unbalanced_time", "unbalanced_time %llu ",
			(unsigned long long)(mnl_attr_get_u64(tb[NHA_RES_GROUP_UNBALANCED_TIME]) /
					     (unsigned long long)hz));
	out_obj_close(o);
}

/* One nexthop, as ip nexthop show prints it: each word with a blank after
 * it (but fdb, ip's last). */
static void nexthop_print(struct nh_show *s, const struct nlmsghdr *nlh)
{
	const struct nhmsg *nhm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NHA_MAX + 1];
	bool details = ctx_details(s->c);
	struct out *o = s->c->out;
	char buf[INET6_ADDRSTRLEN + IFNAMSIZ];

	nl_parse(nlh, sizeof(*nhm), tb, NHA_MAX);
	out_obj_open(o, NULL);
	if (tb[NHA_ID])
		out_uint(o, OUT_ANY, "id", "id %u ", mnl_attr_get_u32(tb[NHA_ID]));
	if (tb[NHA_GROUP]) {
		print_group(o, tb[NHA_GROUP]);
		if (tb[NHA_GROUP_TYPE] &&
		    mnl_attr_get_u16(tb[NHA_GROUP_TYPE]) == NEXTHOP_GRP_TYPE_RES) {
			out_str(o, OUT_ANY, "type", "type %s ",
				group_type_words[NEXTHOP_GRP_TYPE_RES]);
			if (tb[NHA_RES_GROUP])
				print_resilient(o, tb[NHA_RES_GROUP]);
		}
	}
	if (tb[NHA_GATEWAY] &&
	    mnl_attr_get_payload_len(tb[NHA_GATEWAY]) >= (nhm->nh_family == AF_INET ? 4u : 16u))
		out_str(o, OUT_ANY, "gateway", "via %s ",
			format_addr(nhm->nh_family, mnl_attr_get_payload(tb[NHA_GATEWAY]), buf,
				    sizeof(buf)));
	if (tb[NHA_OIF])
		out_str(
		    o, OUT_ANY, "dev", "dev %s ",
		    ifnames_get(&s->names, (int)mnl_attr_get_u32(tb[NHA_OIF]), buf, sizeof(buf)));
	if (nhm->nh_scope != RT_SCOPE_UNIVERSE || details)
		out_str(o, OUT_ANY, "scope", "scope %s ",
			rt_scope_word(s->c, nhm->nh_scope, buf, sizeof(buf)));
	if (tb[NHA_BLACKHOLE]) {
		out_null(o, "blackhole");
		out_text(o, "blackhole ");
	}
	if (nhm->nh_protocol != RTPROT_UNSPEC || details)
		out_str(o, OUT_ANY, "protocol", "proto %s ",
			rt_proto_word(s->c, nhm->nh_protocol, buf, sizeof(buf)));
	out_list_open(o, "flags");
	if (nhm->nh_flags & RTNH_F_ONLINK)
		out_str(o, OUT_ANY, NULL, "%s ", add_args[N_ONLINK].kw);
	if (nhm->nh_flags & RTNH_F_DEAD)
		out_str(o, OUT_ANY, NULL, "%s ", "dead");
	if (nhm->nh_flags & RTNH_F_LINKDOWN)
		out_str(o, OUT_ANY, NULL, "%s ", "linkdown");
	out_list_close(o);
	if (tb[NHA_FDB]) {
		out_null(o, "fdb");
		out_text(o, "%s", add_args[N_FDB].kw);
	}
	out_nl(o);
	out_obj_close(o);
}

static int nexthop_one(const struct nlmsghdr *nlh, void *data)
{
	struct nh_show *s = data;
	const struct nhmsg *nhm = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWNEXTHOP)
		return MNL_CB_OK;
	if (s->family != AF_UNSPEC && nhm->nh_family != s->family)
		return MNL_CB_OK;
	if (s->flush) {
		if (nl_msgs_keep(&s->found, nlh) < 0) {
			errno = ENOMEM;
			return MNL_CB_ERROR;
		}
		return MNL_CB_OK;
	}
	nexthop_print(s, nlh);
	return MNL_CB_OK;
}

/* Every nexthop the selectors pick (the kernel filters the dump by
 * device, groups and fdb), or the one of id. */
static int nexthop_walk(struct ctx *c, const struct val *v, struct nh_show *s)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	int oif = 0;

	s->c = c;
	s->family = c->family;
	if (v[NS_DEV].set && (oif = link_index(c, v[NS_DEV].str)) < 0)
		return oif;
	if (v[NS_ID].set)
		return nl_request(c, nexthop_id_msg(buf, RTM_GETNEXTHOP, v[NS_ID].u), nexthop_one,
				  s);
	nlh = nl_msg(buf, RTM_GETNEXTHOP, 0);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct nhmsg));
	if (oif)
		mnl_attr_put_u32(nlh, NHA_OIF, (uint32_t)oif);
	if (v[NS_GROUPS].set)
		mnl_attr_put(nlh, NHA_GROUPS, 0, NULL);
	if (v[NS_FDB].set)
		mnl_attr_put(nlh, NHA_FDB, 0, NULL);
	return nl_dump(c, nlh, nexthop_one, s);
}

static int nexthop_show(struct ctx *c, const struct val *v)
{
	struct nh_show s = {0};
	int rc;

	if ((rc = ifnames_load(c, &s.names)) < 0)
		return rc;
	out_list_open(c->out, NULL);
	rc = nexthop_walk(c, v, &s);
	out_list_close(c->out);
	ifnames_free(&s.names);
	return rc;
}

/* get: the one nexthop of id, as show id prints it. */
static int nexthop_get(struct ctx *c, const struct val *v)
{
	struct val sv[ARRAY_SIZE(show_args)] = {[NS_ID] = v[0]};

	return nexthop_show(c, sv);
}

static void flush_queue(struct ctx *c, struct nl_pipe *p, const struct nlmsghdr *m)
{
	const struct nlattr *tb[NHA_MAX + 1];
	char label[16] = "";
	struct nlmsghdr *nlh;

	nl_parse(m, sizeof(struct nhmsg), tb, NHA_MAX);
	if (tb[NHA_ID])
		snprintf(label, sizeof(label), "%u", mnl_attr_get_u32(tb[NHA_ID]));
	nlh = nl_pipe_msg(c, p, RTM_DELNEXTHOP, 0, label);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct nhmsg));
	if (tb[NHA_ID])
		mnl_attr_put_u32(nlh, NHA_ID, mnl_attr_get_u32(tb[NHA_ID]));
}

/* Every nexthop the selectors pick, deleted; under ip's name, ip's count. */
static int nexthop_flush(struct ctx *c, const struct val *v)
{
	/* a group goes with its last member: gone meanwhile is what was wanted */
	static const int gone[] = {-ENOENT, 0};
	struct nh_show s = {.flush = true};
	int rc;

	if ((rc = nexthop_walk(c, v, &s)) == 0)
		rc = flush_msgs(c, s.found.v, s.found.n, flush_queue, gone);
	if (rc == 0 && ctx_iproute2(c) && !ctx_json(c) && !v[NS_ID].set) {
		if (s.found.n)
			printf("Flushed %zu nexthops\n", s.found.n);
		else
			printf("Nothing to flush\n");
	}
	nl_msgs_free(&s.found);
	return rc;
}

/* ---- the object --------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", "lst", NULL};

/* In ip nexthop's order (ip/ipnexthop.c). */
static const struct verb nexthop_verbs[] = {
    VERB("add", nexthop_add, add_args, "add a nexthop"),
    VERB("replace", nexthop_replace, add_args, "change a nexthop, or add it when it is new"),
    VERB_ALSO("del", del_aliases, nexthop_del, del_args,
	      "remove a nexthop (and the routes that use it)"),
    VERB_ALSO("show", show_aliases, nexthop_show, show_args, "list the nexthops"),
    VERB("flush", nexthop_flush, show_args, "remove every nexthop the selectors pick"),
    VERB("get", nexthop_get, del_args, "show one nexthop"),
};

VNETCTL_OBJECT_OF(nexthop, "show", "the kernel's nexthop objects, which routes use by id")
