// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bridge vlan: the VLANs of a VLAN-filtering bridge's ports, as iproute2's
 * `bridge vlan` adds, deletes and shows them.
 *
 * A port's VLANs travel as IFLA_BRIDGE_VLAN_INFO (a struct bridge_vlan_info:
 * flags and VLAN id) inside IFLA_AF_SPEC of a message of family AF_BRIDGE:
 * RTM_SETLINK adds, RTM_DELLINK deletes, a range goes as two entries marked
 * RANGE_BEGIN and RANGE_END.  IFLA_BRIDGE_FLAGS says whose table it is: the
 * bridge's for the port (master, the default) or the device's own (self:
 * the bridge device's own VLANs).  show is one RTM_GETLINK dump of family
 * AF_BRIDGE with RTEXT_FILTER_BRVLAN, one entry per VLAN; tunnelshow the
 * same dump's IFLA_BRIDGE_VLAN_TUNNEL_INFO (a port with vlan_tunnel on: the
 * tunnel id each VLAN maps to), as bridge(8)'s tunnelshow prints them.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>
#include <errno.h>
#include <string.h>

#include "bridge.h"
#include "nl.h"
#include "out.h"

/* In bridge(8)'s order. */
enum { VLAN_ADD, VLAN_DEL, VLAN_SHOW, VLAN_TUNNELSHOW, VLAN_SET };
static const char *const vlan_cmds[] = {[VLAN_ADD] = "add",   [VLAN_DEL] = "del",
					[VLAN_SHOW] = "show", [VLAN_TUNNELSHOW] = "tunnelshow",
					[VLAN_SET] = "set",   NULL};

static const int tunnel_excludes[] = {V_UNTAGGED + 1, 0};

const struct arg vlan_args[V_NARGS] = {
    [V_CMD] = {.kind = ARG_ENUM,
	       .flags = ARGF_POSITIONAL,
	       .words = vlan_cmds,
	       .metavar = "COMMAND",
	       .help = "add, del: a port's VLANs; show: every port's (the default); tunnelshow: "
		       "the tunnel ids the ports map their VLANs to (vlan_tunnel); set: a VLAN's "
		       "options on a port"},
    [V_DEV] = {.kw = br_dev_word,
	       .kind = ARG_IFNAME,
	       .flags = ARGF_POSITIONAL | ARGF_SUBJECT,
	       .metavar = "DEV",
	       .help = "the port, or the bridge itself with self (show: only this one)"},
    [V_VID] = {.kw = "vid",
	       .kind = ARG_SPAN,
	       .min = 1,
	       .max = 4094,
	       .metavar = "VID[-VID]",
	       .help = "the VLAN, 1..4094, or a range of them"},
    [V_PVID] = {.kw = "pvid",
		.kind = ARG_FLAG,
		.help = "untagged frames coming in belong to this VLAN (one VLAN)"},
    [V_UNTAGGED] = {.kw = "untagged",
		    .kind = ARG_FLAG,
		    .help = "the VLAN's frames leave the port untagged"},
    [V_MASTER] = {.kw = "master",
		  .kind = ARG_FLAG,
		  .excludes = V_SELF + 1,
		  .help = "the port's VLANs in its bridge (the default)"},
    [V_SELF] = {.kw = "self",
		.kind = ARG_FLAG,
		.excludes = V_MASTER + 1,
		.help = "the device's own VLANs: the bridge's, on the bridge device"},
    [V_TUNNEL_INFO] = {.kw = "tunnel_info",
		       .kind = ARG_SPAN,
		       .max = (1u << 24) - 1,
		       .prefix = "id",
		       .metavar = "ID[-ID]",
		       .excludes = V_PVID + 1,
		       .excludes_more = tunnel_excludes,
		       .help = "map the VLAN (or range) to this tunnel id (or range of as many), "
			       "instead of adding it: a port with vlan_tunnel on"},
    [V_STATE] = BR_STATE_ENTRY("the port's STP state in the VLAN (set)"),
    [V_MCAST_ROUTER] = BR_MCAST_ROUTER_ENTRY("multicast router behind the port in the VLAN "
					     "(set): 0 no, 1 learned, 2 always, 3 for a while"),
};

/* `bridge vlan show` prints these words for the flags. */
static const struct {
	uint16_t flag;
	const char *word;
} vlan_flags[] = {
    {BRIDGE_VLAN_INFO_PVID, "PVID"},
    {BRIDGE_VLAN_INFO_UNTAGGED, "Egress Untagged"},
};

/* ---- add, del ---------------------------------------------------------------- */

struct vlan_dev {
	int index;
	bool bridge, port;
};

static bool slave_of_bridge(const struct link_msg *m)
{
	const struct nlattr *a = m->info[IFLA_INFO_SLAVE_KIND];

	return a && mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0 &&
	       !strcmp(mnl_attr_get_str(a), bridge_kind);
}

static int dev_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct vlan_dev *d = data;

	(void)c;
	d->index = m->ifi->ifi_index;
	d->bridge = m->kind && !strcmp(m->kind, bridge_kind);
	d->port = slave_of_bridge(m);
	return 0;
}

/* What the parser cannot know, checked before anything is sent. */
static int change_check(struct ctx *c, const struct val *v)
{
	const char *cmd = vlan_cmds[v[V_CMD].e];

	if (!v[V_DEV].set)
		return err_usage(c, "missing %s", vlan_args[V_DEV].kw);
	if (!v[V_VID].set)
		return err_usage(c, "missing %s", vlan_args[V_VID].kw);
	for (int i = V_PVID; v[V_CMD].e == VLAN_DEL && i <= V_UNTAGGED; i++)
		if (v[i].set)
			return err_usage(c, "%s is for %s, not %s", vlan_args[i].kw,
					 vlan_cmds[VLAN_ADD], cmd);
	for (int i = V_STATE; i < V_NARGS; i++)
		if (v[i].set)
			return err_usage(c, "%s is for %s, not %s", vlan_args[i].kw,
					 vlan_cmds[VLAN_SET], cmd);
	if (v[V_PVID].set && v[V_VID].u != v[V_VID].hi)
		return err_usage(c, "%s takes one VLAN, not a range", vlan_args[V_PVID].kw);
	if (v[V_TUNNEL_INFO].set &&
	    v[V_TUNNEL_INFO].hi - v[V_TUNNEL_INFO].u != v[V_VID].hi - v[V_VID].u)
		return err_usage(c, "%s %s maps %u VLANs to %u tunnel ids: give as many of each",
				 vlan_args[V_TUNNEL_INFO].kw, v[V_TUNNEL_INFO].str,
				 v[V_VID].hi - v[V_VID].u + 1,
				 v[V_TUNNEL_INFO].hi - v[V_TUNNEL_INFO].u + 1);
	return 0;
}

/* IFLA_BRIDGE_VLAN_TUNNEL_INFO { ID, VID, FLAGS }: the VLAN's tunnel id, a
 * range as its two ends. */
static void put_tunnel(struct nlmsghdr *nlh, uint16_t vid, uint32_t id, uint16_t flags)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, IFLA_BRIDGE_VLAN_TUNNEL_INFO);

	mnl_attr_put_u32(nlh, IFLA_BRIDGE_VLAN_TUNNEL_ID, id);
	mnl_attr_put_u16(nlh, IFLA_BRIDGE_VLAN_TUNNEL_VID, vid);
	mnl_attr_put_u16(nlh, IFLA_BRIDGE_VLAN_TUNNEL_FLAGS, flags);
	mnl_attr_nest_end(nlh, nest);
}

/* The bridge's table takes the ports' VLANs, the device's own (self) the
 * bridge's: anything else the kernel refuses with a bare EOPNOTSUPP, which
 * under bridge's name is what bridge says ("RTNETLINK answers: Operation
 * not supported"), so it is sent. */
static int dev_check(struct ctx *c, const struct val *v, struct vlan_dev *d)
{
	int rc = link_walk(c, v[V_DEV].str, dev_cb, d);

	if (rc < 0 || v[V_SELF].set || d->port || ctx_iproute2(c))
		return rc;
	if (d->bridge)
		return err_fail(c, "a bridge's own VLANs take %s", vlan_args[V_SELF].kw);
	return err_fail(c, "not a bridge port (make it one: bridge addif BRIDGE %s)", v[V_DEV].str);
}

/* IFLA_AF_SPEC { [IFLA_BRIDGE_FLAGS], IFLA_BRIDGE_VLAN_INFO [, the range's end] }, or
 * with tunnel_info the VLANs' tunnel ids in its place */
static void put_vlans(struct nlmsghdr *nlh, const struct val *v)
{
	struct bridge_vlan_info info = {.vid = (uint16_t)v[V_VID].u};
	struct nlattr *spec = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);

	if (v[V_MASTER].set || v[V_SELF].set)
		mnl_attr_put_u16(nlh, IFLA_BRIDGE_FLAGS,
				 v[V_SELF].set ? BRIDGE_FLAGS_SELF : BRIDGE_FLAGS_MASTER);
	if (v[V_PVID].set)
		info.flags |= BRIDGE_VLAN_INFO_PVID;
	if (v[V_UNTAGGED].set)
		info.flags |= BRIDGE_VLAN_INFO_UNTAGGED;
	if (v[V_TUNNEL_INFO].set && v[V_VID].hi == v[V_VID].u) {
		put_tunnel(nlh, info.vid, v[V_TUNNEL_INFO].u, 0);
	} else if (v[V_TUNNEL_INFO].set) {
		put_tunnel(nlh, info.vid, v[V_TUNNEL_INFO].u, BRIDGE_VLAN_INFO_RANGE_BEGIN);
		put_tunnel(nlh, (uint16_t)v[V_VID].hi, v[V_TUNNEL_INFO].hi,
			   BRIDGE_VLAN_INFO_RANGE_END);
	} else if (v[V_VID].hi == v[V_VID].u) {
		mnl_attr_put(nlh, IFLA_BRIDGE_VLAN_INFO, sizeof(info), &info);
	} else {
		info.flags |= BRIDGE_VLAN_INFO_RANGE_BEGIN;
		mnl_attr_put(nlh, IFLA_BRIDGE_VLAN_INFO, sizeof(info), &info);
		info.flags &= (uint16_t)~BRIDGE_VLAN_INFO_RANGE_BEGIN;
		info.flags |= BRIDGE_VLAN_INFO_RANGE_END;
		info.vid = (uint16_t)v[V_VID].hi;
		mnl_attr_put(nlh, IFLA_BRIDGE_VLAN_INFO, sizeof(info), &info);
	}
	mnl_attr_nest_end(nlh, spec);
}

/* The kernel's bare refusals, explained (its own message stands). */
static int change_error(struct ctx *c, int rc, const struct val *v, const struct vlan_dev *d)
{
	if (rc >= 0 || c->reason[0])
		return rc;
	if (rc == -EOPNOTSUPP && (!v[V_SELF].set || d->bridge))
		return err_errno(c, EOPNOTSUPP, "%s", br_no_vlan_filtering);
	if (rc == -EOPNOTSUPP)
		return err_errno(c, EOPNOTSUPP, "%s keeps no VLANs of its own (self)",
				 v[V_DEV].str);
	return rc;
}

static int vlan_change(struct ctx *c, const struct val *v)
{
	struct vlan_dev d = {0};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	int rc;

	if ((rc = change_check(c, v)) < 0 || (rc = dev_check(c, v, &d)) < 0)
		return rc;
	nlh = nl_msg(buf, v[V_CMD].e == VLAN_ADD ? RTM_SETLINK : RTM_DELLINK, 0);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_BRIDGE;
	ifi->ifi_index = d.index;
	put_vlans(nlh, v);
	return change_error(c, nl_request(c, nlh, NULL, NULL), v, &d);
}

/* ---- set ------------------------------------------------------------------------ */

/* One VLAN's (or range's) options on a port: RTM_NEWVLAN, a struct
 * br_vlan_msg, then BRIDGE_VLANDB_ENTRY { INFO (the VLAN, ONLY_OPTS: no
 * VLAN made or deleted), [RANGE: the last VLAN], STATE, MCAST_ROUTER }. */
static int vlan_set(struct ctx *c, const struct val *v)
{
	struct bridge_vlan_info info = {.flags = BRIDGE_VLAN_INFO_ONLY_OPTS,
					.vid = (uint16_t)v[V_VID].u};
	struct vlan_dev d = {0};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct br_vlan_msg *bvm;
	struct nlattr *entry;
	int index;

	if (ctx_iproute2(c) && (!v[V_DEV].set || !v[V_VID].set))
		return err_iproute2(c, VN_EIP_USAGE, "%s",
				    "Device and VLAN ID are required arguments.");
	for (int i = V_PVID; i <= V_TUNNEL_INFO; i++)
		if (v[i].set)
			return err_usage(c, "%s is not for %s", vlan_args[i].kw,
					 vlan_cmds[VLAN_SET]);
	if (!v[V_DEV].set || !v[V_VID].set)
		return err_usage(c, "missing %s", vlan_args[v[V_DEV].set ? V_VID : V_DEV].kw);
	if (!ctx_iproute2(c) && !v[V_STATE].set && !v[V_MCAST_ROUTER].set)
		return err_usage(c, "nothing to set (%s, %s)", vlan_args[V_STATE].kw,
				 vlan_args[V_MCAST_ROUTER].kw);
	if ((index = link_index(c, v[V_DEV].str)) == -ENODEV && ctx_iproute2(c)) {
		c->reason[0] = '\0';
		return err_iproute2(c, VN_EIP_USAGE, "Cannot find network device \"%s\"",
				    v[V_DEV].str);
	}
	if (index < 0)
		return index;
	nlh = nl_msg(buf, RTM_NEWVLAN, 0);
	bvm = mnl_nlmsg_put_extra_header(nlh, sizeof(*bvm));
	bvm->family = AF_BRIDGE;
	bvm->ifindex = (uint32_t)index;
	entry = mnl_attr_nest_start(nlh, BRIDGE_VLANDB_ENTRY);
	entry->nla_type |= NLA_F_NESTED; /* the kernel parses it strictly */
	mnl_attr_put(nlh, BRIDGE_VLANDB_ENTRY_INFO, sizeof(info), &info);
	if (v[V_VID].hi != v[V_VID].u)
		mnl_attr_put_u16(nlh, BRIDGE_VLANDB_ENTRY_RANGE, (uint16_t)v[V_VID].hi);
	if (v[V_STATE].set)
		mnl_attr_put_u8(nlh, BRIDGE_VLANDB_ENTRY_STATE, (uint8_t)v[V_STATE].e);
	if (v[V_MCAST_ROUTER].set)
		mnl_attr_put_u8(nlh, BRIDGE_VLANDB_ENTRY_MCAST_ROUTER,
				(uint8_t)v[V_MCAST_ROUTER].u);
	mnl_attr_nest_end(nlh, entry);
	d.index = index;
	d.bridge = true; /* EOPNOTSUPP: the bridge filters no VLANs */
	return change_error(c, nl_request(c, nlh, NULL, NULL), v, &d);
}

/* ---- show ---------------------------------------------------------------------- */

struct vlan_walk {
	struct ctx *c;
	int only;	 /* ifindex, 0 for every port */
	uint32_t lo, hi; /* the VLANs shown */
	bool tunnels;	 /* tunnelshow: each VLAN's tunnel id */
	bool started;	 /* the header is printed, the JSON list open */
};

/* The header, once the dump has come whole: a failed one prints only the
 * error. */
static void vlan_start(struct vlan_walk *w)
{
	if (w->started)
		return;
	w->started = true;
	out_list_open(w->c->out, NULL);
	/* bridge(8) pads the second column too */
	if (w->tunnels)
		out_text(w->c->out, "%-16s  %-9s  %s\n", "port", "vlan-id", "tunnel-id");
	else
		out_text(w->c->out, ctx_iproute2(w->c) ? "%-16s  %-9s\n" : "%-16s  %s\n", "port",
			 "vlan-id");
}

/* "10" or "10-20" (JSON: name, and nameEnd for a range): the width printed. */
static int print_span(struct out *o, const char *name, const char *end, uint32_t first,
		      uint32_t last)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), first == last ? "%u" : "%u-%u", first, last);

	out_uint(o, OUT_ANY, name, "%u", first);
	if (first != last)
		out_uint(o, OUT_ANY, end, "-%u", last);
	return n;
}

/* A port's first row opens its object and its list (named key) under its
 * name; the rows after it are indented where the name stood. */
static void port_row(struct out *o, const char *name, bool *opened, const char *key)
{
	if (!*opened) {
		out_obj_open(o, NULL);
		out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%-16s  ", name);
		out_list_open(o, key);
		*opened = true;
	} else {
		out_text(o, "%-16s  ", "");
	}
}

/*
 * port              vlan-id    tunnel-id
 * vx0               10         1000
 *                   20-30      2000-2010
 */
static void print_tunnel(struct vlan_walk *w, const char *name, bool *opened, uint32_t vid[2],
			 uint32_t id[2])
{
	struct out *o = w->c->out;
	int width;

	port_row(o, name, opened, "tunnels");
	out_obj_open(o, NULL);
	width = print_span(o, "vlan", "vlanEnd", vid[0], vid[1]);
	out_text(o, "%*s  ", width < 9 ? 9 - width : 0, "");
	print_span(o, "tunid", "tunidEnd", id[0], id[1]);
	out_nl(o);
	out_obj_close(o);
}

/* IFLA_BRIDGE_VLAN_TUNNEL_INFO { VID, ID, FLAGS }: one VLAN, or a range as
 * its two ends (RANGE_BEGIN, RANGE_END).  A range is shown whole when it
 * holds a VLAN asked for. */
static void tunnels_of(struct vlan_walk *w, const char *name, const struct nlattr *spec,
		       bool *opened)
{
	const struct nlattr *a;
	uint32_t vid[2] = {0}, id[2] = {0};

	mnl_attr_for_each_nested(a, spec)
	{
		const struct nlattr *tb[IFLA_BRIDGE_VLAN_TUNNEL_MAX + 1] = {0};
		uint16_t flags = 0;

		if (mnl_attr_get_type(a) != IFLA_BRIDGE_VLAN_TUNNEL_INFO)
			continue;
		nl_parse_nested(a, tb, IFLA_BRIDGE_VLAN_TUNNEL_MAX);
		if (!tb[IFLA_BRIDGE_VLAN_TUNNEL_VID] ||
		    mnl_attr_get_payload_len(tb[IFLA_BRIDGE_VLAN_TUNNEL_VID]) < 2)
			continue;
		if (tb[IFLA_BRIDGE_VLAN_TUNNEL_FLAGS] &&
		    mnl_attr_get_payload_len(tb[IFLA_BRIDGE_VLAN_TUNNEL_FLAGS]) >= 2)
			flags = mnl_attr_get_u16(tb[IFLA_BRIDGE_VLAN_TUNNEL_FLAGS]);
		vid[1] = mnl_attr_get_u16(tb[IFLA_BRIDGE_VLAN_TUNNEL_VID]);
		id[1] = 0;
		if (tb[IFLA_BRIDGE_VLAN_TUNNEL_ID] &&
		    mnl_attr_get_payload_len(tb[IFLA_BRIDGE_VLAN_TUNNEL_ID]) >= 4)
			id[1] = mnl_attr_get_u32(tb[IFLA_BRIDGE_VLAN_TUNNEL_ID]);
		if (!(flags & BRIDGE_VLAN_INFO_RANGE_END)) {
			vid[0] = vid[1];
			id[0] = id[1];
		}
		if ((flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) || vid[1] < w->lo || vid[0] > w->hi)
			continue;
		print_tunnel(w, name, opened, vid, id);
	}
}

/*
 * port              vlan-id
 * br0               1 PVID Egress Untagged
 *                   30
 */
static void print_vlan(struct out *o, const char *name, bool *opened, uint16_t vid, uint16_t flags)
{
	port_row(o, name, opened, "vlans");
	out_obj_open(o, NULL);
	out_uint(o, OUT_ANY, "vlan", "%u", vid);
	if (flags & (BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED)) {
		out_list_open(o, "flags");
		for (size_t i = 0; i < ARRAY_SIZE(vlan_flags); i++)
			if (flags & vlan_flags[i].flag)
				out_str(o, OUT_ANY, NULL, " %s", vlan_flags[i].word);
		out_list_close(o);
	}
	out_nl(o);
	out_obj_close(o);
}

/* Each VLAN of the port, a range (should the kernel send one) one by one. */
static int vlan_cb(const struct nlmsghdr *nlh, void *data)
{
	struct vlan_walk *w = data;
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFLA_MAX + 1], *a;
	const char *name;
	bool opened = false;
	uint16_t begin = 0;

	vlan_start(w);
	if (nlh->nlmsg_type != RTM_NEWLINK || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifi) ||
	    ifi->ifi_family != AF_BRIDGE || (w->only && ifi->ifi_index != w->only))
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(*ifi), tb, IFLA_MAX);
	if (!tb[IFLA_AF_SPEC] || !tb[IFLA_IFNAME] ||
	    mnl_attr_validate(tb[IFLA_IFNAME], MNL_TYPE_NUL_STRING) < 0)
		return MNL_CB_OK;
	name = mnl_attr_get_str(tb[IFLA_IFNAME]);
	if (w->tunnels)
		tunnels_of(w, name, tb[IFLA_AF_SPEC], &opened);
	mnl_attr_for_each_nested(a, tb[IFLA_AF_SPEC])
	{
		const struct bridge_vlan_info *info;

		if (w->tunnels || mnl_attr_get_type(a) != IFLA_BRIDGE_VLAN_INFO ||
		    mnl_attr_get_payload_len(a) < sizeof(*info))
			continue;
		info = mnl_attr_get_payload(a);
		if (info->flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) {
			begin = info->vid;
			continue;
		}
		if (!(info->flags & BRIDGE_VLAN_INFO_RANGE_END))
			begin = info->vid;
		for (uint32_t vid = begin; vid <= info->vid; vid++)
			if (vid >= w->lo && vid <= w->hi)
				print_vlan(w->c->out, name, &opened, (uint16_t)vid, info->flags);
	}
	if (opened) {
		out_list_close(w->c->out);
		out_obj_close(w->c->out);
	}
	return MNL_CB_OK;
}

static int vlan_show(struct ctx *c, const struct val *v, bool tunnels)
{
	struct vlan_walk w = {
	    .c = c, .lo = vlan_args[V_VID].min, .hi = vlan_args[V_VID].max, .tunnels = tunnels};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	int rc;

	for (int i = V_PVID; i < V_NARGS; i++)
		if (v[i].set)
			return err_usage(c, "%s is for %s, not %s", vlan_args[i].kw,
					 i >= V_STATE ? vlan_cmds[VLAN_SET] : "add and del",
					 vlan_cmds[tunnels ? VLAN_TUNNELSHOW : VLAN_SHOW]);
	if (v[V_DEV].set && (w.only = link_index(c, v[V_DEV].str)) < 0)
		return w.only;
	if (v[V_VID].set) {
		w.lo = v[V_VID].u;
		w.hi = v[V_VID].hi;
	}
	nlh = nl_msg(buf, RTM_GETLINK, 0);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_BRIDGE;
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_BRVLAN);
	rc = nl_dump(c, nlh, vlan_cb, &w);
	if (rc == 0)
		vlan_start(&w);
	if (w.started)
		out_list_close(c->out);
	return rc;
}

int bridge_vlan(struct ctx *c, const struct val *v)
{
	if (v[V_CMD].set && v[V_CMD].e == VLAN_TUNNELSHOW)
		return vlan_show(c, v, true);
	if (v[V_CMD].set && v[V_CMD].e == VLAN_SET)
		return vlan_set(c, v);
	return !v[V_CMD].set || v[V_CMD].e == VLAN_SHOW ? vlan_show(c, v, false)
							: vlan_change(c, v);
}
