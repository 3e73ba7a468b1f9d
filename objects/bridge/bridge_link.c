// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bridge port set|show, which bridge(8) calls `bridge link`: a port's
 * settings, the words of `link set PORT type bridge_slave` (bridge_kind.c's
 * table, copied after this verb's own two words when the program starts).
 *
 * Under vnetctl's name set sends what link set ... type bridge_slave sends
 * (IFLA_INFO_SLAVE_DATA of an RTM_NEWLINK, by name) and show prints a port a
 * line in those words.  Under bridge(8)'s name, and under any name with
 * self, master or hwmode, set sends what bridge(8) sends: an RTM_SETLINK of
 * family AF_BRIDGE with the settings in IFLA_PROTINFO and the table and mode
 * in IFLA_AF_SPEC, so that the kernel answers as it answers bridge(8); and
 * show prints what bridge(8) prints, from the same one link dump.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>
#include <errno.h>
#include <string.h>

#include "bridge.h"
#include "kind.h"
#include "link.h"
#include "nl.h"
#include "out.h"

enum { PORT_SET, PORT_SHOW, PORT_LIST };
/* BRIDGE_MODE_VEB and BRIDGE_MODE_VEPA, by their values. */
static const char *const hwmode_words[] = {
    [BRIDGE_MODE_VEB] = "veb", [BRIDGE_MODE_VEPA] = "vepa", NULL};
static const char *const port_cmds[] = {
    [PORT_SET] = "set", [PORT_SHOW] = "show", [PORT_LIST] = "list", NULL};

struct arg port_verb_args[PV_NARGS] = {
    [PV_CMD] = {.kind = ARG_ENUM,
		.flags = ARGF_POSITIONAL,
		.words = port_cmds,
		.metavar = "COMMAND",
		.help = "set: change a port's settings; show or list: list the ports and their "
			"settings (the default)"},
    [PV_DEV] = {.kw = br_dev_word,
		.kind = ARG_IFNAME,
		.flags = ARGF_POSITIONAL | ARGF_SUBJECT,
		.metavar = "PORT",
		.help = "the port (show: default every port of every bridge)"},
    [PV_SELF] = {.kw = "self",
		 .kind = ARG_FLAG,
		 .help = "set the device's own settings (a switch's hardware), not the bridge's"},
    [PV_MASTER] = {.kw = "master",
		   .kind = ARG_FLAG,
		   .help = "set the port's settings in its bridge (the default)"},
    [PV_HWMODE] = {.kw = "hwmode",
		   .kind = ARG_ENUM,
		   .words = hwmode_words,
		   .help = "the hardware's forwarding: veb, between its ports, or vepa, through "
			   "the switch it is plugged in"},
};

static void __attribute__((constructor)) port_verb_words(void)
{
	memcpy(&port_verb_args[PV_WORDS], port_words, sizeof(port_words));
	/* an excluded word's index, from the kind's table to this one */
	for (size_t i = PV_WORDS; i < PV_WORDS + PO_NARGS; i++)
		if (port_verb_args[i].excludes)
			port_verb_args[i].excludes += PV_WORDS;
}

/* The kernel's bare refusals of a port's state, explained. */
static int port_set_error(struct ctx *c, int rc, const struct val *w)
{
	if (rc >= 0 || c->reason[0] || !w[PO_STATE].set)
		return rc;
	if (rc == -EBUSY)
		return err_errno(c, EBUSY, "STP is on: it sets the ports' states itself");
	if (rc == -ENETDOWN)
		return err_errno(c, ENETDOWN,
				 "a state is set only while the bridge is up, and the port "
				 "too unless the state is disabled");
	return rc;
}

/* bridge(8)'s request: RTM_SETLINK of family AF_BRIDGE, the settings in
 * IFLA_PROTINFO, the table (self, master) and hwmode in IFLA_AF_SPEC. */
static int port_set_bridge(struct ctx *c, const struct val *v)
{
	const struct val *w = v + PV_WORDS;
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_SETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	struct nlattr *nest;
	int rc, index = link_index(c, v[PV_DEV].str);

	if (index == -ENODEV && ctx_iproute2(c))
		return br_no_bridge_device(c, v[PV_DEV].str);
	if (index < 0)
		return index;
	ifi->ifi_family = AF_BRIDGE;
	ifi->ifi_index = index;
	nest = mnl_attr_nest_start(nlh, IFLA_PROTINFO);
	if ((rc = bridge_link_kind.slave_put(c, &bridge_link_kind, nlh, w)) < 0)
		return rc;
	mnl_attr_nest_end(nlh, nest);
	if (v[PV_SELF].set || v[PV_MASTER].set || v[PV_HWMODE].set) {
		nest = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
		/* the mode is the device's own (self) */
		mnl_attr_put_u16(nlh, IFLA_BRIDGE_FLAGS,
				 (v[PV_SELF].set || v[PV_HWMODE].set ? BRIDGE_FLAGS_SELF : 0) |
				     (v[PV_MASTER].set ? BRIDGE_FLAGS_MASTER : 0));
		if (v[PV_HWMODE].set)
			mnl_attr_put_u16(nlh, IFLA_BRIDGE_MODE, (uint16_t)v[PV_HWMODE].e);
		mnl_attr_nest_end(nlh, nest);
	}
	return port_set_error(c, nl_request(c, nlh, NULL, NULL), w);
}

/* The same request as link set PORT type bridge_slave ...: by name. */
static int port_set(struct ctx *c, const struct val *v)
{
	const struct val *w = v + PV_WORDS;
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	bool any = false;
	int rc;

	for (size_t i = 0; i < PO_NARGS; i++)
		any |= w[i].set;
	if (!v[PV_DEV].set && ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_USAGE, "Device is a required argument.");
	if (!v[PV_DEV].set)
		return err_usage(c, "missing PORT");
	if (ctx_iproute2(c) || v[PV_SELF].set || v[PV_MASTER].set || v[PV_HWMODE].set)
		return port_set_bridge(c, v);
	if (!any)
		return err_usage(c, "nothing to change (see: vnetctl %s %s help)", c->obj->name,
				 c->verb->name);
	nlh = nl_msg(buf, RTM_NEWLINK, 0);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, v[PV_DEV].str);
	if ((rc = kind_put_slave(c, nlh, v[PV_DEV].str, &bridge_link_kind, w)) < 0)
		return rc;
	return port_set_error(c, nl_request(c, nlh, NULL, NULL), w);
}

struct port_walk {
	const char *only;
	bool listed; /* the JSON list is open */
};

static bool is_bridge_port(const struct link_msg *m)
{
	const struct nlattr *a = m->info[IFLA_INFO_SLAVE_KIND];

	return a && mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0 &&
	       !strcmp(mnl_attr_get_str(a), bridge_kind);
}

/* `p0 master br0 state forwarding priority 32 cost 2 hairpin off ...` */
static int port_line(struct ctx *c, const struct link_msg *m, void *data)
{
	struct port_walk *w = data;
	struct out *o = c->out;
	char master[IFNAMSIZ + 8];
	uint32_t index = 0;

	if (!is_bridge_port(m))
		return w->only ? err_fail(c, "not a bridge port (%s)",
					  m->tb[IFLA_MASTER] ? "its master is not a bridge"
							     : "it has no master")
			       : 0;
	if (!w->listed)
		out_list_open(o, NULL);
	w->listed = true;
	if (m->tb[IFLA_MASTER])
		index = mnl_attr_get_u32(m->tb[IFLA_MASTER]);
	if (!link_name(c, (int)index, master, sizeof(master)))
		snprintf(master, sizeof(master), "if%u", index);
	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s", m->name);
	out_str(o, OUT_TEXT, NULL, " %s ", "master");
	out_strc(o, OUT_ANY, COL_IFNAME, "master", "%s", master);
	br_print_port_words(c, m->info[IFLA_INFO_SLAVE_DATA]);
	out_nl(o);
	out_obj_close(o);
	return 0;
}

/* bridge(8)'s -d words, in its order. */
static const int bridge_details[] = {
    PO_HAIRPIN,	       PO_GUARD,       PO_ROOT_BLOCK,  PO_FASTLEAVE,	PO_LEARNING,
    PO_FLOOD,	       PO_MCAST_FLOOD, PO_BCAST_FLOOD, PO_MCAST_ROUTER, PO_MCAST_TO_UNICAST,
    PO_NEIGH_SUPPRESS, PO_VLAN_TUNNEL, PO_BACKUP_PORT, PO_ISOLATED,	PO_LOCKED,
};

/* "hairpin off " (a blank after each, as bridge(8) prints them), JSON's
 * true and false; a number; the backup port by name. */
static void print_word(struct ctx *c, const struct nlattr **tb, int i)
{
	const struct arg *a = &port_words[i];
	char name[IFNAMSIZ + 16];
	unsigned flags;
	uint64_t v;

	if (!br_attr_get(tb[port_attrs[i].type], &port_attrs[i], &v))
		return;
	if (a->kind == ARG_IFNAME) {
		link_ref_name(c, (int)v, name, sizeof(name), &flags);
		out_str(c->out, OUT_TEXT, NULL, "%s ", a->kw);
		out_strc(c->out, OUT_ANY, COL_IFNAME, a->kw, "%s ", name);
	} else if (a->kind == ARG_ONOFF) {
		out_str(c->out, OUT_TEXT, NULL, "%s ", a->kw);
		out_str(c->out, OUT_TEXT, NULL, "%s ", onoff_words[v != 0]);
		out_bool(c->out, OUT_JSON, a->kw, "", v != 0);
	} else if (a->kind == ARG_ENUM) {
		out_str(c->out, OUT_TEXT, NULL, "%s ", a->kw);
		out_str(c->out, OUT_ANY, a->kw, "%s ", br_port_state_word((uint8_t)v));
	} else {
		out_str(c->out, OUT_TEXT, NULL, "%s ", a->kw);
		out_u64(c->out, OUT_ANY, a->kw, "%llu ", (unsigned long long)v);
	}
}

/*
 * 4: p0@q0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 master br0 state forwarding priority 32 cost
 * 2 hairpin off guard off root_block off ... locked off          (-d)
 */
static int bridge_line(struct ctx *c, const struct link_msg *m, void *data)
{
	static const int head[] = {PO_STATE, PO_PRIORITY, PO_COST};
	const struct nlattr *tb[IFLA_BRPORT_MAX + 1];
	struct out *o = c->out;
	struct port_walk *w = data;
	char master[IFNAMSIZ + 16];
	unsigned flags;
	uint32_t index;

	if (!is_bridge_port(m))
		return 0;
	if (!w->listed)
		out_list_open(o, NULL);
	w->listed = true;
	nl_parse_nested(m->info[IFLA_INFO_SLAVE_DATA], tb, IFLA_BRPORT_MAX);
	out_obj_open(o, NULL);
	link_print_lead(c, m);
	out_text(o, " ");
	if (nl_attr_u32(m->tb[IFLA_MASTER], &index)) {
		link_ref_name(c, (int)index, master, sizeof(master), &flags);
		out_str(o, OUT_TEXT, NULL, "%s ", "master");
		out_strc(o, OUT_ANY, COL_IFNAME, "master", "%s ", master);
	}
	for (size_t i = 0; i < ARRAY_SIZE(head); i++)
		print_word(c, tb, head[i]);
	if (ctx_details(c)) {
		out_nl(o);
		out_text(o, "    ");
	}
	for (size_t i = 0; ctx_details(c) && i < ARRAY_SIZE(bridge_details); i++)
		print_word(c, tb, bridge_details[i]);
	out_nl(o);
	out_obj_close(o);
	return 0;
}

static int port_show(struct ctx *c, const struct val *v)
{
	struct port_walk w = {.only = v[PV_DEV].set ? v[PV_DEV].str : NULL};
	int rc;

	for (size_t i = 0; i < PO_NARGS; i++)
		if (v[PV_WORDS + i].set)
			return err_usage(c, "%s is for %s, not %s", port_words[i].kw,
					 port_cmds[PORT_SET], port_cmds[PORT_SHOW]);
	for (size_t i = PV_SELF; i < PV_NARGS; i++)
		if (v[i].set)
			return err_usage(c, "%s is for %s, not %s", port_verb_args[i].kw,
					 port_cmds[PORT_SET], port_cmds[PORT_SHOW]);
	rc = link_walk(c, w.only, ctx_iproute2(c) ? bridge_line : port_line, &w);
	if (rc == 0 && !w.listed)
		out_list_open(c->out, NULL);
	if (rc == 0 || w.listed)
		out_list_close(c->out);
	return rc;
}

int bridge_port(struct ctx *c, const struct val *v)
{
	return v[PV_CMD].set && v[PV_CMD].e == PORT_SET ? port_set(c, v) : port_show(c, v);
}
