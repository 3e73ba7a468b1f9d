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
#include "encap.h"
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
	N_ENCAP,
};
enum { NS_ID, NS_DEV, NS_GROUPS, NS_FDB };
/* bucket: a resilient group's buckets, listed or one got */
enum { NB_LIST, NB_GET, NB_ID, NB_NHID, NB_DEV, NB_MASTER, NB_INDEX };

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
    [N_ENCAP] = ENCAP_ENTRY("a lightweight tunnel the nexthop's packets go into: mpls "
			    "LABEL[/LABEL...] [ttl N], or seg6 mode MODE segs ADDR[,ADDR...] "
			    "[hmac KEYID]"),
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

static const char *const bucket_list_aliases[] = {"lst", NULL};
static const int bucket_get_excludes[] = {NB_NHID + 1, NB_DEV + 1, NB_MASTER + 1, 0};

/* ip's "bucket list" and "bucket get": the second word is a flag here,
 * list when neither is given. */
static const struct arg bucket_args[] = {
    [NB_LIST] = {.kw = "list",
		 .alias = "show",
		 .aliases = bucket_list_aliases,
		 .kind = ARG_FLAG,
		 .ip_order = 1,
		 .help = "list the buckets the selectors pick (when get is not given)"},
    [NB_GET] = {.kw = "get",
		.kind = ARG_FLAG,
		.excludes = NB_LIST + 1,
		.excludes_more = bucket_get_excludes,
		.ip_order = 2,
		.help = "the one bucket of id at index"},
    [NB_ID] = {.kw = "id",
	       .kind = ARG_U32,
	       .flags = ARGF_IP_EXACT,
	       .min = 1,
	       .metavar = "ID",
	       .help = "only the buckets of this resilient group"},
    [NB_NHID] = {.kw = "nhid",
		 .kind = ARG_U32,
		 .flags = ARGF_IP_EXACT,
		 .min = 1,
		 .metavar = "ID",
		 .help = "only the buckets that hold this nexthop"},
    [NB_DEV] = {.kw = "dev",
		.kind = ARG_IFNAME,
		.metavar = "NAME",
		.help = "only the buckets whose nexthop goes through this device"},
    [NB_MASTER] = {.kw = "master",
		   .kind = ARG_IFNAME,
		   .metavar = "NAME",
		   .help = "only the buckets whose nexthop's device has this master"},
    [NB_INDEX] = {.kw = "index",
		  .kind = ARG_U32,
		  .flags = ARGF_IP_EXACT,
		  .max = 65535,
		  .metavar = "N",
		  .help = "get: the bucket's index in its group, from 0"},
};

/* ---- add, replace, del -------------------------------------------------- */

static int nexthop_send(struct ctx *c, const struct val *v, uint16_t flags)
{
	struct nexthop_grp grp[ARG_WEIGHTS_MAX];
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct nhmsg *nhm;
	size_t ngrp = 0;
	int oif = 0, rc;
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
	if (v[N_ENCAP].set && (rc = encap_put(c, nlh, &add_args[N_ENCAP], &v[N_ENCAP],
					      NHA_ENCAP_TYPE, NHA_ENCAP)) < 0)
		return rc;
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

/* The flags of a nexthop (or a bucket's), "flags": [] in JSON. */
static void print_nh_flags(struct out *o, unsigned flags)
{
	out_list_open(o, "flags");
	if (flags & RTNH_F_ONLINK)
		out_str(o, OUT_ANY, NULL, "%s ", add_args[N_ONLINK].kw);
	if (flags & RTNH_F_DEAD)
		out_str(o, OUT_ANY, NULL, "%s ", "dead");
	if (flags & RTNH_F_LINKDOWN)
		out_str(o, OUT_ANY, NULL, "%s ", "linkdown");
	out_list_close(o);
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
	print_nh_flags(o, nhm->nh_flags);
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

/* ---- bucket: a resilient group's buckets ---------------------------------- */

/* One bucket, as ip prints it: "id 10 index 0 idle_time 0.5 nhid 2 ", its
 * idle time in seconds (the kernel's clock ticks). */
static int bucket_one(const struct nlmsghdr *nlh, void *data)
{
	struct ctx *c = data;
	const struct nhmsg *nhm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NHA_MAX + 1], *bt[NHA_RES_BUCKET_MAX + 1];
	struct out *o = c->out;
	long hz = sysconf(_SC_CLK_TCK);

	if (nlh->nlmsg_type != RTM_NEWNEXTHOPBUCKET)
		return MNL_CB_OK;
	if (c->family != AF_UNSPEC && nhm->nh_family != c->family)
		return MNL_CB_OK;
	if (hz <= 0)
		hz = 100;
	nl_parse(nlh, sizeof(*nhm), tb, NHA_MAX);
	out_obj_open(o, NULL);
	if (tb[NHA_ID])
		out_uint(o, OUT_ANY, "id", "id %u ", mnl_attr_get_u32(tb[NHA_ID]));
	if (tb[NHA_RES_BUCKET]) {
		nl_parse_nested(tb[NHA_RES_BUCKET], bt, NHA_RES_BUCKET_MAX);
		out_obj_open(o, "bucket");
		if (bt[NHA_RES_BUCKET_INDEX])
			out_uint(o, OUT_ANY, "index", "index %u ",
				 mnl_attr_get_u16(bt[NHA_RES_BUCKET_INDEX]));
		if (bt[NHA_RES_BUCKET_IDLE_TIME])
			out_double(o, OUT_ANY, "idle_time", "idle_time %g ",
				   (double)mnl_attr_get_u64(bt[NHA_RES_BUCKET_IDLE_TIME]) /
				       (double)hz);
		if (bt[NHA_RES_BUCKET_NH_ID])
			out_uint(o, OUT_ANY, "nhid", "nhid %u ",
				 mnl_attr_get_u32(bt[NHA_RES_BUCKET_NH_ID]));
		out_obj_close(o);
	}
	print_nh_flags(o, nhm->nh_flags);
	out_nl(o);
	out_obj_close(o);
	return MNL_CB_OK;
}

/* list: the kernel's dump, filtered there by group, nexthop and device;
 * get: the one bucket of id at index. */
static int nexthop_bucket(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNEXTHOPBUCKET, 0);
	struct nhmsg *nhm = mnl_nlmsg_put_extra_header(nlh, sizeof(*nhm));
	struct nlattr *nest;
	int oif = 0, master = 0, rc;

	if (v[NB_GET].set && (!v[NB_ID].set || !v[NB_INDEX].set))
		return err_usage(c, "%s needs %s ID and %s N", bucket_args[NB_GET].kw,
				 bucket_args[NB_ID].kw, bucket_args[NB_INDEX].kw);
	if (!v[NB_GET].set && v[NB_INDEX].set)
		return err_usage(c, "%s is for %s", bucket_args[NB_INDEX].kw,
				 bucket_args[NB_GET].kw);
	if (v[NB_DEV].set && (oif = link_index(c, v[NB_DEV].str)) < 0)
		return oif;
	if (v[NB_MASTER].set && (master = link_index(c, v[NB_MASTER].str)) < 0)
		return master;
	nhm->nh_family = (uint8_t)c->family;
	if (v[NB_ID].set)
		mnl_attr_put_u32(nlh, NHA_ID, v[NB_ID].u);
	if (oif)
		mnl_attr_put_u32(nlh, NHA_OIF, (uint32_t)oif);
	if (master)
		mnl_attr_put_u32(nlh, NHA_MASTER, (uint32_t)master);
	if (v[NB_NHID].set || v[NB_GET].set) {
		nest = mnl_attr_nest_start(nlh, NHA_RES_BUCKET);
		if (v[NB_NHID].set)
			mnl_attr_put_u32(nlh, NHA_RES_BUCKET_NH_ID, v[NB_NHID].u);
		if (v[NB_GET].set)
			mnl_attr_put_u16(nlh, NHA_RES_BUCKET_INDEX, (uint16_t)v[NB_INDEX].u);
		mnl_attr_nest_end(nlh, nest);
	}
	out_list_open(c->out, NULL);
	rc = v[NB_GET].set ? nl_request(c, nlh, bucket_one, c) : nl_dump(c, nlh, bucket_one, c);
	out_list_close(c->out);
	/* ip words a dump the kernel refused (a group not resilient) so */
	if (rc < 0 && !v[NB_GET].set && ctx_iproute2(c) && c->refused.err) {
		/* ip says nothing of these two but that the dump ended */
		if (c->refused.err != ENOENT && c->refused.err != EOPNOTSUPP)
			err_refusal_print(&c->refused);
		fputs("Dump terminated\n", stderr);
		return -VN_EREPORTED;
	}
	return rc;
}

/* ---- the object --------------------------------------------------------- */

/* In ip nexthop's order (ip/ipnexthop.c). */
static const struct verb nexthop_verbs[] = {
    VERB("add", nexthop_add, add_args, "add a nexthop"),
    VERB("replace", nexthop_replace, add_args, "change a nexthop, or add it when it is new"),
    VERB_ALSO("del", verb_del_aliases, nexthop_del, del_args,
	      "remove a nexthop (and the routes that use it)"),
    VERB_ALSO("show", verb_show_aliases, nexthop_show, show_args, "list the nexthops"),
    VERB("flush", nexthop_flush, show_args, "remove every nexthop the selectors pick"),
    VERB("get", nexthop_get, del_args, "show one nexthop"),
    VERB("bucket", nexthop_bucket, bucket_args,
	 "list a resilient group's buckets, or get one (list when neither is given)"),
};

VNETCTL_OBJECT_OF(nexthop, "show", "the kernel's nexthop objects, which routes use by id")
