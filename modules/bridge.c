// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bridge: Ethernet bridges, their ports and their forwarding databases, with
 * brctl's words (addbr, delbr, stp) for those who know them.
 *
 * A bridge is a link of kind "bridge"; its settings travel as IFLA_BR_*
 * inside IFLA_LINKINFO / IFLA_INFO_DATA, the times in clock_t hundredths of
 * a second (USER_HZ is 100), the unit sysfs shows them in too.  add and set
 * each send ONE RTM_NEWLINK.  The kernel applies the settings in its own
 * order (forward_delay, hello_time, max_age, ageing_time, stp, priority,
 * vlan_filtering) and stops at the first it refuses, keeping those before;
 * a refused add leaves no bridge behind.
 *
 * Ports join and leave with IFLA_MASTER, one RTM_NEWLINK per port, all in
 * one pipelined sendmsg, sent only once one link dump has shown that every
 * device can go; should the kernel still refuse one, those that moved are
 * moved back.
 *
 * show reads everything from ONE link dump: a bridge's settings from its
 * IFLA_INFO_DATA, each port's STP state from its IFLA_INFO_SLAVE_DATA.
 * fdb show is an RTM_GETNEIGH dump of family AF_BRIDGE that the kernel
 * filters by NDA_MASTER.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <netinet/in.h>
#include <linux/if.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/neighbour.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "link.h"
#include "nl.h"
#include "out.h"

#ifndef NTF_EXT_LOCKED /* linux/neighbour.h since 6.2 */
#define NTF_EXT_LOCKED (1 << 1)
#endif

/* IFLA_INFO_KIND of a bridge and of its ports' IFLA_INFO_SLAVE_KIND. */
static const char bridge_kind[] = "bridge";
/* A keyword of add and set, and brctl's verb of the same meaning. */
static const char stp_word[] = "stp";
/* The device acted on: the bridge (set, del...) or a port (fdb show). */
static const char dev_word[] = "dev";

/* ---- the arguments ------------------------------------------------------ */

/* add and set share these indexes; stp, del and show take the first ones. */
enum br_arg {
	A_NAME,
	A_STP,
	A_FORWARD_DELAY,
	A_HELLO_TIME,
	A_MAX_AGE,
	A_AGEING_TIME,
	A_PRIORITY,
	A_VLAN_FILTERING,
	A_MTU,
	A_NARGS
};

#define NAME_ENTRY                                                                                 \
	{                                                                                          \
		.kw = "name", .kind = ARG_IFNAME,                                                  \
		.flags = ARGF_POSITIONAL | ARGF_REQUIRED | ARGF_SUBJECT | ARGF_NEW,                \
		.metavar = "BRIDGE", .help = "the new bridge (the keyword may be left out)"        \
	}
#define DEV_ENTRY(f, h)                                                                            \
	{                                                                                          \
		.kw = dev_word, .kind = ARG_IFNAME, .flags = ARGF_POSITIONAL | ARGF_SUBJECT | (f), \
		.metavar = "BRIDGE", .live_kind = bridge_kind, .help = (h)                         \
	}
#define STP_ENTRY(f)                                                                               \
	{                                                                                          \
		.kw = stp_word, .kind = ARG_ONOFF, .flags = (f),                                   \
		.help = "run the spanning tree protocol (default off)"                             \
	}

/* Each setting written once, for both add and set. */
#define SETTING_ENTRIES                                                                            \
	[A_STP] = STP_ENTRY(0),                                                                    \
	[A_FORWARD_DELAY] = {.kw = "forward_delay",                                                \
			     .kind = ARG_SECONDS,                                                  \
			     .help = "a port listens, then learns, this long before it forwards; " \
				     "2..30 with STP on (default 15)"},                            \
	[A_HELLO_TIME] = {.kw = "hello_time",                                                      \
			  .kind = ARG_SECONDS,                                                     \
			  .help = "between the BPDUs a root bridge sends, 1..10 (default 2)"},     \
	[A_MAX_AGE] = {.kw = "max_age",                                                            \
		       .kind = ARG_SECONDS,                                                        \
		       .help = "how long a received BPDU stays valid, 6..40 (default 20)"},        \
	[A_AGEING_TIME] = {.kw = "ageing_time",                                                    \
			   .kind = ARG_SECONDS,                                                    \
			   .help = "how long an unused learned address is kept (default 300)"},    \
	[A_PRIORITY] = {.kw = "priority",                                                          \
			.kind = ARG_U32,                                                           \
			.max = 65535,                                                              \
			.help = "the bridge's priority, lowest becomes root (default 32768)"},     \
	[A_VLAN_FILTERING] = {.kw = "vlan_filtering",                                              \
			      .kind = ARG_ONOFF,                                                   \
			      .help = "forward by the ports' VLAN membership (default off)"},      \
	[A_MTU] = {.kw = "mtu",                                                                    \
		   .kind = ARG_U32,                                                                \
		   .min = 68,                                                                      \
		   .max = 65535,                                                                   \
		   .metavar = "BYTES",                                                             \
		   .help = "the largest packet the bridge sends, in bytes"}

static const struct arg add_args[A_NARGS] = {
    [A_NAME] = NAME_ENTRY,
    SETTING_ENTRIES,
};

static const struct arg set_args[A_NARGS] = {
    [A_NAME] = DEV_ENTRY(ARGF_REQUIRED, "the bridge to change (the keyword may be left out)"),
    SETTING_ENTRIES,
};

static const struct arg stp_args[A_STP + 1] = {
    [A_NAME] = DEV_ENTRY(ARGF_REQUIRED, "the bridge"),
    [A_STP] = STP_ENTRY(ARGF_POSITIONAL | ARGF_REQUIRED),
};

static const struct arg del_args[A_NAME + 1] = {
    [A_NAME] = DEV_ENTRY(ARGF_REQUIRED, "the bridge to delete; its ports are released"),
};

static const struct arg show_args[A_NAME + 1] = {
    [A_NAME] = DEV_ENTRY(0, "only this bridge (default: every bridge)"),
};

/* addif, delif and fdb name the bridge by its name alone, as brctl does: a
 * keyword here would be read as one, not as a bridge of that name, when a
 * bridge is called "br" (iproute2's `fdb show br BRIDGE`). */
#define BR_ENTRY(h)                                                                                \
	{                                                                                          \
		.kind = ARG_IFNAME, .flags = ARGF_POSITIONAL | ARGF_REQUIRED | ARGF_SUBJECT,       \
		.metavar = "BRIDGE", .live_kind = bridge_kind, .help = (h)                         \
	}

enum port_arg { P_BR, P_DEVS, P_NARGS };

static const struct arg port_args[P_NARGS] = {
    [P_BR] = BR_ENTRY("the bridge"),
    [P_DEVS] = {.kind = ARG_REST,
		.flags = ARGF_POSITIONAL | ARGF_REQUIRED,
		.metavar = "DEV...",
		.help = "the devices, one or more"},
};

/* `fdb show`: a verb with a subcommand, so `fdb add` and `fdb del` can join
 * the word list later without a new verb. */
enum { FDB_SHOW };
static const char *const fdb_words[] = {[FDB_SHOW] = "show", NULL};
enum fdb_arg { F_CMD, F_BR, F_DEV, F_NARGS };

static const struct arg fdb_args[F_NARGS] = {
    [F_CMD] = {.kind = ARG_ENUM,
	       .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
	       .words = fdb_words,
	       .metavar = "COMMAND",
	       .help = "show: list the addresses the bridge knows"},
    [F_BR] = BR_ENTRY("the bridge"),
    [F_DEV] = {.kw = dev_word,
	       .kind = ARG_IFNAME,
	       .metavar = "PORT",
	       .help = "only the addresses of this port"},
};

/* ---- settings: the keywords and their IFLA_BR_* attributes --------------- */

/* Each setting's attribute and width, in the order show prints them. */
static const struct br_attr {
	int arg;	 /* its keyword, in add_args */
	uint16_t type;	 /* IFLA_BR_* */
	uint8_t width;	 /* bytes */
	const char *key; /* the JSON key, when ip -j names it otherwise */
} br_attrs[] = {
    {A_STP, IFLA_BR_STP_STATE, 4, "stp_state"},
    {A_FORWARD_DELAY, IFLA_BR_FORWARD_DELAY, 4, NULL},
    {A_HELLO_TIME, IFLA_BR_HELLO_TIME, 4, NULL},
    {A_MAX_AGE, IFLA_BR_MAX_AGE, 4, NULL},
    {A_AGEING_TIME, IFLA_BR_AGEING_TIME, 4, NULL},
    {A_PRIORITY, IFLA_BR_PRIORITY, 2, NULL},
    {A_VLAN_FILTERING, IFLA_BR_VLAN_FILTERING, 1, NULL},
};

/* IEEE 802.1D's limits, in hundredths.  The kernel enforces them (the
 * forward delay only while STP is on) with a bare ERANGE that does not say
 * which value it refused; these let the message say it. */
enum { LIM_FORWARD_DELAY, LIM_HELLO_TIME, LIM_MAX_AGE };
static const struct {
	int arg;
	uint32_t min, max;
} stp_limits[] = {
    [LIM_FORWARD_DELAY] = {A_FORWARD_DELAY, 200, 3000},
    [LIM_HELLO_TIME] = {A_HELLO_TIME, 100, 1000},
    [LIM_MAX_AGE] = {A_MAX_AGE, 600, 4000},
};

static uint32_t arg_number(const struct arg *a, const struct val *v)
{
	return a->kind == ARG_ONOFF ? (uint32_t)v->e : v->u;
}

/* "15", "2.5", "0.04": seconds as brctl takes them. */
static const char *format_seconds(uint32_t hundredths, char *buf, size_t sz)
{
	uint32_t s = hundredths / 100, f = hundredths % 100;

	if (f == 0)
		snprintf(buf, sz, "%u", s);
	else if (f % 10 == 0)
		snprintf(buf, sz, "%u.%u", s, f / 10);
	else
		snprintf(buf, sz, "%u.%02u", s, f);
	return buf;
}

static bool out_of_limits(size_t i, uint32_t v)
{
	return v < stp_limits[i].min || v > stp_limits[i].max;
}

/* "1..10 seconds" */
static void limits_range(size_t i, char *buf, size_t sz)
{
	char lo[16], hi[16];

	snprintf(buf, sz, "%s..%s seconds", format_seconds(stp_limits[i].min, lo, sizeof(lo)),
		 format_seconds(stp_limits[i].max, hi, sizeof(hi)));
}

/* ---- reading a bridge back ---------------------------------------------- */

struct br_info {
	bool has[A_NARGS];
	uint32_t val[A_NARGS]; /* by keyword index, as add takes them */
	char bridge_id[24], root_id[24];
};

static bool attr_uint(const struct nlattr *a, uint8_t width, uint32_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < width)
		return false;
	if (width == 1)
		*v = mnl_attr_get_u8(a);
	else if (width == 2)
		*v = mnl_attr_get_u16(a);
	else
		*v = mnl_attr_get_u32(a);
	return true;
}

/* "8000.0242ac110002", as brctl and sysfs write a bridge id. */
static void format_id(const struct nlattr *a, char *buf, size_t sz)
{
	const struct ifla_bridge_id *id;

	buf[0] = '\0';
	if (!a || mnl_attr_get_payload_len(a) < sizeof(*id))
		return;
	id = mnl_attr_get_payload(a);
	snprintf(buf, sz, "%02x%02x.%02x%02x%02x%02x%02x%02x", id->prio[0], id->prio[1],
		 id->addr[0], id->addr[1], id->addr[2], id->addr[3], id->addr[4], id->addr[5]);
}

static void br_info_parse(const struct nlattr *data, struct br_info *b)
{
	const struct nlattr *tb[IFLA_BR_MAX + 1];

	memset(b, 0, sizeof(*b));
	nl_parse_nested(data, tb, IFLA_BR_MAX);
	for (size_t i = 0; i < ARRAY_SIZE(br_attrs); i++) {
		const struct br_attr *a = &br_attrs[i];
		b->has[a->arg] = attr_uint(tb[a->type], a->width, &b->val[a->arg]);
	}
	format_id(tb[IFLA_BR_BRIDGE_ID], b->bridge_id, sizeof(b->bridge_id));
	format_id(tb[IFLA_BR_ROOT_ID], b->root_id, sizeof(b->root_id));
}

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* " forward_delay 15" worded as add takes it; JSON has the kernel's number,
 * as ip -j and sysfs give it (hundredths for the times). */
static void print_setting(struct out *o, const struct br_attr *b, uint32_t v)
{
	const struct arg *a = &add_args[b->arg];
	char secs[16];

	out_str(o, OUT_TEXT, NULL, " %s", a->kw);
	if (a->kind == ARG_ONOFF)
		out_str(o, OUT_TEXT, NULL, " %s", onoff_words[v != 0]);
	else if (a->kind == ARG_SECONDS)
		out_str(o, OUT_TEXT, NULL, " %s", format_seconds(v, secs, sizeof(secs)));
	else
		out_uint(o, OUT_TEXT, NULL, " %u", v);
	out_uint(o, OUT_JSON, b->key ? b->key : a->kw, "", v);
}

/* " stp off forward_delay 15 ... vlan_filtering off" */
static void print_settings(struct out *o, const struct br_info *b)
{
	for (size_t i = 0; i < ARRAY_SIZE(br_attrs); i++)
		if (b->has[br_attrs[i].arg])
			print_setting(o, &br_attrs[i], b->val[br_attrs[i].arg]);
}

/* " bridge_id 8000.0242ac110002 root_id 8000.0242ac110002" */
static void print_ids(struct out *o, const struct br_info *b)
{
	if (b->bridge_id[0])
		out_str(o, OUT_ANY, "bridge_id", " bridge_id %s", b->bridge_id);
	if (b->root_id[0])
		out_str(o, OUT_ANY, "root_id", " root_id %s", b->root_id);
}

/* `vnetctl -d link show br0`: "    bridge stp off forward_delay 15 ..." */
static void bridge_kind_print(struct ctx *c, const struct nlattr *data)
{
	struct br_info b;

	br_info_parse(data, &b);
	print_settings(c->out, &b);
	print_ids(c->out, &b);
}

/* What add and set send, by name, for dry run. */
static const struct nl_attr_name bridge_attr_names[IFLA_BR_MAX + 1] = {
    NL_ATTR(IFLA_BR_FORWARD_DELAY, NL_U32), NL_ATTR(IFLA_BR_HELLO_TIME, NL_U32),
    NL_ATTR(IFLA_BR_MAX_AGE, NL_U32),	    NL_ATTR(IFLA_BR_AGEING_TIME, NL_U32),
    NL_ATTR(IFLA_BR_STP_STATE, NL_U32),	    NL_ATTR(IFLA_BR_PRIORITY, NL_U16),
    NL_ATTR(IFLA_BR_VLAN_FILTERING, NL_U8),
};

static const struct link_kind bridge_link_kind = {.kind = bridge_kind,
						  .print = bridge_kind_print,
						  .data_names = bridge_attr_names,
						  .data_max = IFLA_BR_MAX};
VNETCTL_LINK_KIND(bridge_link_kind)

/* ---- the links, from one dump -------------------------------------------- */

static const char *const port_states[] = {
    [BR_STATE_DISABLED] = "disabled", [BR_STATE_LISTENING] = "listening",
    [BR_STATE_LEARNING] = "learning", [BR_STATE_FORWARDING] = "forwarding",
    [BR_STATE_BLOCKING] = "blocking",
};

struct br_link {
	int index, master; /* master 0: none */
	char name[IFNAMSIZ];
	char kind[32];	   /* "" when the device has none */
	bool port;	   /* a bridge's port, in STP state `state` */
	uint8_t state;	   /* BR_STATE_* */
	struct br_info br; /* when kind is bridge */
};

struct br_links {
	struct br_link *v;
	size_t n, cap;
};

static bool is_bridge(const struct br_link *k)
{
	return !strcmp(k->kind, bridge_kind);
}

static const char *attr_str(const struct nlattr *a)
{
	if (!a || mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return NULL;
	return mnl_attr_get_str(a);
}

static void port_parse(const struct link_msg *m, struct br_link *k)
{
	const char *slave = attr_str(m->info[IFLA_INFO_SLAVE_KIND]);
	const struct nlattr *tb[IFLA_BRPORT_MAX + 1];
	uint32_t state;

	if (!slave || strcmp(slave, bridge_kind))
		return;
	k->port = true;
	nl_parse_nested(m->info[IFLA_INFO_SLAVE_DATA], tb, IFLA_BRPORT_MAX);
	if (attr_uint(tb[IFLA_BRPORT_STATE], 1, &state))
		k->state = (uint8_t)state;
}

static int collect_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct br_links *l = data;
	struct br_link *k;
	uint32_t master = 0;

	(void)c;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		k = realloc(l->v, cap * sizeof(*k));
		if (!k)
			return -ENOMEM;
		l->v = k;
		l->cap = cap;
	}
	k = &l->v[l->n++];
	memset(k, 0, sizeof(*k));
	k->index = m->ifi->ifi_index;
	snprintf(k->name, sizeof(k->name), "%s", m->name);
	snprintf(k->kind, sizeof(k->kind), "%s", m->kind ? m->kind : "");
	attr_uint(m->tb[IFLA_MASTER], 4, &master);
	k->master = (int)master;
	if (is_bridge(k))
		br_info_parse(m->info[IFLA_INFO_DATA], &k->br);
	port_parse(m, k);
	return 0;
}

/* Every link (one dump), or only the one named (one GET). */
static int links_load(struct ctx *c, const char *name, struct br_links *l)
{
	return link_walk(c, name, collect_cb, l);
}

static const struct br_link *link_by_name(const struct br_links *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

static const struct br_link *link_by_index(const struct br_links *l, int index)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].index == index)
			return &l->v[i];
	return NULL;
}

/* The bridge called name, or why there is none (the name is the command's
 * subject already); hint (may be NULL) says what to do with a device of
 * another kind. */
static int need_bridge(struct ctx *c, const struct br_links *l, const char *name, const char *hint,
		       const struct br_link **out)
{
	const struct br_link *k = link_by_name(l, name);

	if (!k)
		return err_nodev(c, name);
	if (!is_bridge(k) && !k->kind[0])
		return err_fail(c, "not a bridge%s%s%s", hint ? " (" : "", hint ? hint : "",
				hint ? ")" : "");
	if (!is_bridge(k))
		return err_fail(c, "not a bridge (it is a %s%s%s)", k->kind, hint ? "; " : "",
				hint ? hint : "");
	*out = k;
	return 0;
}

/* ---- bridge add, set, stp ------------------------------------------------ */

static struct ifinfomsg *put_ifinfo(struct nlmsghdr *nlh)
{
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	return ifi;
}

static void put_setting(struct nlmsghdr *nlh, const struct br_attr *b, uint32_t v)
{
	if (b->width == 1)
		mnl_attr_put_u8(nlh, b->type, (uint8_t)v);
	else if (b->width == 2)
		mnl_attr_put_u16(nlh, b->type, (uint16_t)v);
	else
		mnl_attr_put_u32(nlh, b->type, v);
}

/* IFLA_IFNAME, IFLA_MTU, IFLA_LINKINFO { KIND "bridge", DATA { IFLA_BR_* } }.
 * DATA goes even when empty: it makes the kernel refuse a device of another
 * kind, with nothing changed, rather than change its mtu. */
static void put_settings(struct nlmsghdr *nlh, const struct val *v)
{
	struct nlattr *info, *data;

	put_ifinfo(nlh);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, v[A_NAME].str);
	if (v[A_MTU].set)
		mnl_attr_put_u32(nlh, IFLA_MTU, v[A_MTU].u);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, bridge_kind);
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	for (size_t i = 0; i < ARRAY_SIZE(br_attrs); i++) {
		const struct br_attr *b = &br_attrs[i];
		if (v[b->arg].set)
			put_setting(nlh, b, arg_number(&add_args[b->arg], &v[b->arg]));
	}
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
}

/* What the parser cannot know, checked before anything is sent.  Turning
 * STP on clamps a forward delay the same request set while it was still
 * off, so the kernel would not refuse one out of range: we do. */
static int settings_check(struct ctx *c, const struct val *v, bool change)
{
	const struct val *fd = &v[A_FORWARD_DELAY];
	char why[96];
	bool any = false;

	for (size_t i = A_NAME + 1; i < A_NARGS; i++)
		any |= v[i].set;
	if (change && !any)
		return err_usage(c, "nothing to change (see: vnetctl %s %s help)", c->obj->name,
				 c->verb->name);
	if (v[A_STP].set && v[A_STP].e && fd->set && out_of_limits(LIM_FORWARD_DELAY, fd->u)) {
		limits_range(LIM_FORWARD_DELAY, why, sizeof(why));
		return err_usage(c, "%s %s is out of range with %s on (%s)",
				 add_args[A_FORWARD_DELAY].kw, fd->str, stp_word, why);
	}
	return 0;
}

/* The kernel's bare ERANGE: name the given values outside 802.1D's limits. */
static int range_error(struct ctx *c, const struct val *v)
{
	char hint[sizeof(c->hint)] = "", range[48];
	size_t off = 0;

	for (size_t i = 0; i < ARRAY_SIZE(stp_limits) && off < sizeof(hint); i++) {
		const struct val *x = &v[stp_limits[i].arg];
		if (!x->set || !out_of_limits(i, x->u))
			continue;
		limits_range(i, range, sizeof(range));
		off += (size_t)snprintf(hint + off, sizeof(hint) - off, "%s%s takes %s%s",
					off ? "; " : "", add_args[stp_limits[i].arg].kw, range,
					i == LIM_FORWARD_DELAY ? " while STP is on" : "");
	}
	return err_errno(c, ERANGE, hint[0] ? "%s" : NULL, hint);
}

/* The kernel's bare EOPNOTSUPP means bridge settings sent to a device of
 * another kind, or vlan_filtering on a kernel built without it. */
static int unsupported_error(struct ctx *c, const struct val *v, bool exists)
{
	struct br_links l = {0};
	const struct br_link *br;
	int rc = 0;

	if (exists && (rc = links_load(c, v[A_NAME].str, &l)) == 0)
		rc = need_bridge(c, &l, v[A_NAME].str, NULL, &br);
	free(l.v);
	if (rc < 0)
		return rc;
	if (v[A_VLAN_FILTERING].set)
		return err_errno(c, EOPNOTSUPP,
				 "this kernel has no bridge VLAN filtering: "
				 "CONFIG_BRIDGE_VLAN_FILTERING is off");
	return -EOPNOTSUPP;
}

/* The kernel's own message stands when it gave one. */
static int settings_error(struct ctx *c, int rc, const struct val *v, bool exists)
{
	if (rc >= 0 || c->reason[0])
		return rc;
	if (rc == -ENODEV)
		return err_nodev(c, v[A_NAME].str);
	if (rc == -EEXIST)
		return err_errno(c, EEXIST, "a device named %s exists already", v[A_NAME].str);
	if (rc == -ERANGE)
		return range_error(c, v);
	if (rc == -EOPNOTSUPP)
		return unsupported_error(c, v, exists);
	return rc;
}

static int bridge_add(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	int rc = settings_check(c, v, false);

	if (rc < 0)
		return rc;
	put_settings(nlh, v);
	return settings_error(c, link_create(c, nlh, bridge_kind), v, false);
}

/* By name, so that a batch's changes need no lookup and stay pipelined. */
static int bridge_set(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_NEWLINK, 0);
	int rc = settings_check(c, v, true);

	if (rc < 0)
		return rc;
	put_settings(nlh, v);
	return settings_error(c, nl_request(c, nlh, NULL, NULL), v, true);
}

/* brctl's `stp BRIDGE on|off`: set, with that one setting. */
static int bridge_stp(struct ctx *c, const struct val *v)
{
	struct val all[A_NARGS] = {[A_NAME] = v[A_NAME], [A_STP] = v[A_STP]};

	return bridge_set(c, all);
}

/* ---- bridge del ---------------------------------------------------------- */

/* By index, so what goes is the device just checked to be a bridge. */
static int bridge_del(struct ctx *c, const struct val *v)
{
	struct br_links l = {0};
	const struct br_link *br;
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_DELLINK, 0);
	int rc = links_load(c, v[A_NAME].str, &l);

	if (rc == 0)
		rc = need_bridge(c, &l, v[A_NAME].str, "use link del", &br);
	if (rc == 0) {
		put_ifinfo(nlh)->ifi_index = br->index;
		rc = nl_request(c, nlh, NULL, NULL);
	}
	free(l.v);
	return rc;
}

/* ---- bridge addif, delif ------------------------------------------------- */

struct port_req {
	const char *name;
	int index;
	bool refused;
};

struct port_batch {
	struct port_req *v;
	size_t n;
	int err; /* the first refusal, its device and the kernel's words */
	char label[IFNAMSIZ];
	char msg[256];
};

static void port_refused(struct ctx *c, const char *label, int err, const char *msg, void *data)
{
	struct port_batch *b = data;

	(void)c;
	for (size_t i = 0; label && i < b->n; i++)
		if (!strcmp(b->v[i].name, label))
			b->v[i].refused = true;
	if (b->err)
		return;
	b->err = err;
	snprintf(b->label, sizeof(b->label), "%s", label ? label : "?");
	snprintf(b->msg, sizeof(b->msg), "%s", msg ? msg : strerror(-err));
}

/* IFLA_MASTER = master for every port not refused yet, in one sendmsg. */
static int ports_send(struct ctx *c, struct port_batch *b, int master)
{
	struct nl_pipe *p = nl_pipe_new(port_refused, b);
	int rc;

	if (!p)
		return -ENOMEM;
	for (size_t i = 0; i < b->n; i++) {
		if (b->v[i].refused)
			continue;
		struct nlmsghdr *nlh = nl_pipe_msg(c, p, RTM_NEWLINK, 0, b->v[i].name);
		put_ifinfo(nlh)->ifi_index = b->v[i].index;
		mnl_attr_put_u32(nlh, IFLA_MASTER, (uint32_t)master);
	}
	rc = nl_pipe_flush(c, p, port_refused, b);
	nl_pipe_free(p);
	return rc;
}

/* Move the ports to master `to`; when the kernel refuses one, move those
 * that went back to `back`, so a failed command changes nothing. */
static int ports_move(struct ctx *c, struct port_batch *b, int to, int back)
{
	struct port_batch undo = {.v = b->v, .n = b->n};
	int rc = ports_send(c, b, to);
	bool undone;

	if (!b->err)
		return rc;
	/* the refused ones are marked: only those that moved go back */
	undone = ports_send(c, &undo, back) == 0;
	c->reason[0] = '\0';
	rc = err_fail(c, "%s: %s", b->label, b->msg);
	if (undone)
		err_errno(c, 0, "no port was changed");
	return rc;
}

/* Every name valid and given once: checked before anything is sent. */
static int devs_check(struct ctx *c, const struct val *devs)
{
	for (int i = 0; i < devs->nrest; i++) {
		const char *why = ifname_invalid(devs->rest[i]);
		if (why)
			return err_usage(c, "invalid interface name \"%s\": %s", devs->rest[i],
					 why);
		for (int j = 0; j < i; j++)
			if (!strcmp(devs->rest[i], devs->rest[j]))
				return err_usage(c, "%s given twice", devs->rest[i]);
	}
	return 0;
}

/* addif: each device exists and has no other master; one already a port
 * of this bridge has nothing to do. */
static int addif_plan(struct ctx *c, const struct br_links *l, const struct br_link *br,
		      const struct val *devs, struct port_batch *b)
{
	for (int i = 0; i < devs->nrest; i++) {
		const struct br_link *k = link_by_name(l, devs->rest[i]);
		const struct br_link *m;

		if (!k)
			return err_nodev(c, devs->rest[i]);
		if (k->master == br->index)
			continue;
		if (k->master) {
			m = link_by_index(l, k->master);
			return err_fail(c, "%s is a port of %s already (release it there first)",
					k->name, m ? m->name : "another device");
		}
		b->v[b->n++] = (struct port_req){.name = k->name, .index = k->index};
	}
	return 0;
}

/* delif: each device exists and is a port of this bridge. */
static int delif_plan(struct ctx *c, const struct br_links *l, const struct br_link *br,
		      const struct val *devs, struct port_batch *b)
{
	for (int i = 0; i < devs->nrest; i++) {
		const struct br_link *k = link_by_name(l, devs->rest[i]);

		if (!k)
			return err_nodev(c, devs->rest[i]);
		if (k->master != br->index)
			return err_fail(c, "%s is not a port of %s", k->name, br->name);
		b->v[b->n++] = (struct port_req){.name = k->name, .index = k->index};
	}
	return 0;
}

typedef int (*port_plan)(struct ctx *c, const struct br_links *l, const struct br_link *br,
			 const struct val *devs, struct port_batch *b);

static int ports_change(struct ctx *c, const struct val *v, port_plan plan, bool join)
{
	struct br_links l = {0};
	struct port_batch b = {0};
	const struct br_link *br;
	int rc = devs_check(c, &v[P_DEVS]);

	if (rc < 0)
		return rc;
	b.v = calloc((size_t)v[P_DEVS].nrest, sizeof(*b.v));
	if (!b.v)
		return -ENOMEM;
	if ((rc = links_load(c, NULL, &l)) == 0 &&
	    (rc = need_bridge(c, &l, v[P_BR].str, NULL, &br)) == 0 &&
	    (rc = plan(c, &l, br, &v[P_DEVS], &b)) == 0 && b.n > 0)
		rc = join ? ports_move(c, &b, br->index, 0) : ports_move(c, &b, 0, br->index);
	free(b.v);
	free(l.v);
	return rc;
}

static int bridge_addif(struct ctx *c, const struct val *v)
{
	return ports_change(c, v, addif_plan, true);
}

static int bridge_delif(struct ctx *c, const struct val *v)
{
	return ports_change(c, v, delif_plan, false);
}

/* ---- bridge show ---------------------------------------------------------- */

static const char *port_state_word(uint8_t state)
{
	return state < ARRAY_SIZE(port_states) ? port_states[state] : "unknown";
}

static bool port_of(const struct br_link *k, const struct br_link *br)
{
	return k->port && k->master == br->index;
}

/* "    port p0 state forwarding" a line each; only the names with -br. */
static void print_ports(struct out *o, const struct br_links *l, const struct br_link *br,
			bool brief)
{
	out_list_open(o, "ports");
	for (size_t i = 0; i < l->n; i++) {
		const struct br_link *k = &l->v[i];
		if (!port_of(k, br))
			continue;
		out_obj_open(o, NULL);
		out_str(o, OUT_TEXT, NULL, "%s", brief ? " " : "    port ");
		out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s", k->name);
		out_str(o, brief ? OUT_JSON : OUT_ANY, "state", " state %s",
			port_state_word(k->state));
		if (!brief)
			out_nl(o);
		out_obj_close(o);
	}
	out_list_close(o);
}

/*
 * br0: bridge_id 8000.0242ac110002 root_id 8000.0242ac110002
 *     stp off forward_delay 15 hello_time 2 max_age 20 ageing_time 300 ...
 *     port p0 state forwarding
 */
static void print_full(struct ctx *c, const struct br_links *l, const struct br_link *br)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_uint(o, OUT_JSON, "ifindex", "", (unsigned)br->index);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s:", br->name);
	print_ids(o, &br->br);
	out_nl(o);
	out_text(o, "   ");
	print_settings(o, &br->br);
	out_nl(o);
	print_ports(o, l, br, false);
	out_obj_close(o);
}

/* `br0              8000.0242ac110002 stp off p0 p1` */
static void print_brief(struct ctx *c, const struct br_links *l, const struct br_link *br)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%-16s", br->name);
	out_str(o, OUT_ANY, "bridge_id", " %-17s", br->br.bridge_id);
	if (br->br.has[A_STP])
		print_setting(o, &br_attrs[0], br->br.val[A_STP]);
	print_ports(o, l, br, true);
	out_nl(o);
	out_obj_close(o);
}

static int bridge_show(struct ctx *c, const struct val *v)
{
	struct br_links l = {0};
	const struct br_link *only = NULL;
	int rc = links_load(c, NULL, &l);

	if (rc == 0 && v[A_NAME].set)
		rc = need_bridge(c, &l, v[A_NAME].str, NULL, &only);
	if (rc == 0) {
		out_list_open(c->out, NULL);
		for (size_t i = 0; i < l.n; i++) {
			const struct br_link *k = &l.v[i];
			if (!is_bridge(k) || (only && k != only))
				continue;
			if (ctx_brief(c))
				print_brief(c, &l, k);
			else
				print_full(c, &l, k);
		}
		out_list_close(c->out);
	}
	free(l.v);
	return rc;
}

/* ---- bridge fdb show ----------------------------------------------------- */

/* The flags and states of an entry, worded as `bridge fdb show` words them. */
static const struct {
	uint8_t flag;
	const char *word;
} fdb_flags[] = {
    {NTF_SELF, "self"},		{NTF_ROUTER, "router"}, {NTF_EXT_LEARNED, "extern_learn"},
    {NTF_OFFLOADED, "offload"}, {NTF_MASTER, "master"}, {NTF_STICKY, "sticky"},
};

static const struct {
	uint16_t state;
	const char *word;
} fdb_states[] = {
    {NUD_PERMANENT, "permanent"},
    {NUD_NOARP, "static"},
    {NUD_STALE, "stale"},
};

struct fdb_walk {
	struct ctx *c;
	const struct br_links *links;
	bool listed; /* the JSON list is open */
};

static void print_ifname(struct out *o, const struct br_links *l, int index, const char *key,
			 const char *fmt)
{
	const struct br_link *k = link_by_index(l, index);
	char name[IFNAMSIZ + 8];

	snprintf(name, sizeof(name), "if%d", index);
	out_strc(o, OUT_ANY, COL_IFNAME, key, fmt, k ? k->name : name);
}

static void print_fdb_flags(struct out *o, const struct ndmsg *ndm, const struct nlattr *ext)
{
	uint32_t ext_flags = 0;

	attr_uint(ext, 4, &ext_flags);
	out_list_open(o, "flags");
	for (size_t i = 0; i < ARRAY_SIZE(fdb_flags); i++)
		if (ndm->ndm_flags & fdb_flags[i].flag)
			out_str(o, OUT_ANY, NULL, " %s", fdb_flags[i].word);
	if (ext_flags & NTF_EXT_LOCKED)
		out_str(o, OUT_ANY, NULL, " %s", "locked");
	out_list_close(o);
}

/* A learned, live entry has no word, in text as in `bridge fdb show`. */
static void print_fdb_state(struct out *o, uint16_t state)
{
	const char *word = "";

	for (size_t i = 0; i < ARRAY_SIZE(fdb_states) && !word[0]; i++)
		if (state & fdb_states[i].state)
			word = fdb_states[i].word;
	out_str(o, OUT_ANY, "state", word[0] ? " %s" : "%s", word);
}

/* `02:00:00:00:00:01 dev p0 vlan 1 self master br0 permanent` */
static void print_fdb(struct fdb_walk *w, const struct ndmsg *ndm, const struct nlattr **tb)
{
	struct out *o = w->c->out;
	char mac[3 * ETH_ALEN];
	uint32_t vlan, master;

	out_obj_open(o, NULL);
	format_mac(mnl_attr_get_payload(tb[NDA_LLADDR]), ETH_ALEN, mac, sizeof(mac));
	out_strc(o, OUT_ANY, COL_MAC, "mac", "%s", mac);
	print_ifname(o, w->links, ndm->ndm_ifindex, "ifname", " dev %s");
	if (attr_uint(tb[NDA_VLAN], 2, &vlan))
		out_uint(o, OUT_ANY, "vlan", " vlan %u", vlan);
	print_fdb_flags(o, ndm, tb[NDA_FLAGS_EXT]);
	if (attr_uint(tb[NDA_MASTER], 4, &master))
		print_ifname(o, w->links, (int)master, "master", " master %s");
	print_fdb_state(o, ndm->ndm_state);
	out_nl(o);
	out_obj_close(o);
}

static int fdb_cb(const struct nlmsghdr *nlh, void *data)
{
	struct fdb_walk *w = data;
	const struct nlattr *tb[NDA_MAX + 1];
	const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWNEIGH || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ndm) ||
	    ndm->ndm_family != AF_BRIDGE)
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(*ndm), tb, NDA_MAX);
	if (!tb[NDA_LLADDR] || mnl_attr_get_payload_len(tb[NDA_LLADDR]) != ETH_ALEN)
		return MNL_CB_OK;
	if (!w->listed)
		out_list_open(w->c->out, NULL);
	w->listed = true;
	print_fdb(w, ndm, tb);
	return MNL_CB_OK;
}

/* The kernel filters the dump: the bridge's own entries and its ports'
 * (NDA_MASTER), or one port's (NDA_IFINDEX). */
static int fdb_dump(struct ctx *c, struct fdb_walk *w, int br, int port)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNEIGH, 0);
	struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));

	ndm->ndm_family = AF_BRIDGE;
	mnl_attr_put_u32(nlh, NDA_MASTER, (uint32_t)br);
	if (port)
		mnl_attr_put_u32(nlh, NDA_IFINDEX, (uint32_t)port);
	return nl_dump(c, nlh, fdb_cb, w);
}

/* The port named by `dev`, which must be one of this bridge's. */
static int fdb_port(struct ctx *c, const struct br_links *l, const struct br_link *br,
		    const char *name, int *index)
{
	const struct br_link *k = link_by_name(l, name);

	if (!k)
		return err_nodev(c, name);
	if (k != br && !port_of(k, br))
		return err_fail(c, "%s is not a port of %s", name, br->name);
	*index = k->index;
	return 0;
}

static int bridge_fdb(struct ctx *c, const struct val *v)
{
	struct br_links l = {0};
	struct fdb_walk w = {.c = c, .links = &l};
	const struct br_link *br;
	int port = 0;
	int rc = links_load(c, NULL, &l);

	if (rc == 0)
		rc = need_bridge(c, &l, v[F_BR].str, NULL, &br);
	if (rc == 0 && v[F_DEV].set)
		rc = fdb_port(c, &l, br, v[F_DEV].str, &port);
	if (rc == 0)
		rc = fdb_dump(c, &w, br->index, port);
	if (rc == 0 && !w.listed)
		out_list_open(c->out, NULL);
	if (rc == 0 || w.listed)
		out_list_close(c->out);
	free(l.v);
	return rc;
}

/* ---- the object --------------------------------------------------------- */

static const char *const add_aliases[] = {"addbr", NULL};
static const char *const del_aliases[] = {"delete", "delbr", NULL};
static const char *const show_aliases[] = {"list", NULL};

static const struct verb bridge_verbs[] = {
    {.name = "add",
     .aliases = add_aliases,
     VERB_ARGS(add_args),
     .run = bridge_add,
     .help = "make a bridge with these settings, in one request"},
    {.name = "set",
     VERB_ARGS(set_args),
     .run = bridge_set,
     .help = "change a bridge's settings, in one request"},
    {.name = "del",
     .aliases = del_aliases,
     VERB_ARGS(del_args),
     .run = bridge_del,
     .help = "delete a bridge; its ports are released"},
    {.name = "addif",
     VERB_ARGS(port_args),
     .run = bridge_addif,
     .help = "make devices ports of a bridge: all of them or, on failure, none"},
    {.name = "delif",
     VERB_ARGS(port_args),
     .run = bridge_delif,
     .help = "release ports from a bridge: all of them or, on failure, none"},
    {.name = "show",
     .aliases = show_aliases,
     VERB_ARGS(show_args),
     .run = bridge_show,
     .help = "list bridges, their settings and their ports' STP states (-br, -j)"},
    {.name = stp_word,
     VERB_ARGS(stp_args),
     .run = bridge_stp,
     .help = "turn the spanning tree protocol on or off, as brctl does"},
    {.name = "fdb",
     VERB_ARGS(fdb_args),
     .run = bridge_fdb,
     .help = "show the addresses a bridge has learned, per port"},
};

static const struct object bridge_object = {
    .name = "bridge",
    .verbs = bridge_verbs,
    .nverbs = ARRAY_SIZE(bridge_verbs),
    .default_verb = "show",
    .help = "Ethernet bridges, their ports and forwarding databases",
};
VNETCTL_OBJECT(bridge_object)
