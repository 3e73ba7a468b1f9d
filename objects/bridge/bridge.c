// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bridge: Ethernet bridges, their ports, their VLANs and their forwarding
 * databases, with brctl's words (addbr, delbr, stp) for those who know them.
 *
 * A bridge is a link of kind "bridge"; its settings travel as IFLA_BR_*
 * inside IFLA_LINKINFO / IFLA_INFO_DATA, the times in clock_t hundredths of
 * a second (USER_HZ is 100), the unit sysfs shows them in too.  This
 * object's add and set take them so, as `link add ... type bridge` and ip
 * do, under the same words (bridge.h), and show prints them so.
 * add and set each send ONE RTM_NEWLINK.  The kernel applies the settings in
 * its own order (forward_delay, hello_time, max_age, ageing_time, stp,
 * priority, vlan_filtering) and stops at the first it refuses, keeping those
 * before; a refused add leaves no bridge behind.
 *
 * Ports join and leave with IFLA_MASTER, one RTM_NEWLINK per port, all in
 * one pipelined sendmsg, sent only once one link dump has shown that every
 * device can go; should the kernel still refuse one, those that moved are
 * moved back.
 *
 * show is in bridge_show.c, with the link dump that del, addif and delif
 * read too; fdb in bridge_fdb.c; port set|show in bridge_kind.c, vlan in
 * bridge_vlan.c; bridge.h is what the files share.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <netinet/in.h>
#include <linux/if.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bridge.h"
#include "core.h"
#include "kind.h"
#include "link.h"
#include "nl.h"

/* ---- the arguments ------------------------------------------------------ */

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

/* addif and delif name the bridge by its name alone, as brctl does. */
#define BR_ENTRY(h)                                                                                \
	{                                                                                          \
		.kind = ARG_IFNAME, .flags = ARGF_POSITIONAL | ARGF_REQUIRED | ARGF_SUBJECT,       \
		.metavar = "BRIDGE", .live_kind = bridge_kind, .help = (h)                         \
	}

enum port_arg { P_BR, P_DEVS, P_NARGS };

static const struct arg port_args[P_NARGS] = {
    [P_BR] = BR_ENTRY("the bridge"),
    [P_DEVS] = {.kind = ARG_REST,
		.flags = ARGF_POSITIONAL | ARGF_REQUIRED | ARGF_DEVICES,
		.metavar = "DEV...",
		.help = "the devices, one or more"},
};

/* ---- settings: the keywords and their IFLA_BR_* attributes --------------- */

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

static bool out_of_limits(size_t i, uint32_t v)
{
	return v < stp_limits[i].min || v > stp_limits[i].max;
}

/* "100..1000" (hundredths of a second, as the words take them) */
static void limits_range(size_t i, char *buf, size_t sz)
{
	snprintf(buf, sz, "%u..%u", stp_limits[i].min, stp_limits[i].max);
}

/* ---- bridge add, set, stp ------------------------------------------------ */

static struct ifinfomsg *put_ifinfo(struct nlmsghdr *nlh)
{
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	return ifi;
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
	for (size_t i = 0; i < ARRAY_SIZE(br_settings); i++) {
		const struct br_setting *b = &br_settings[i];
		if (v[b->arg].set)
			br_attr_put(nlh, &kind_attrs[b->row],
				    arg_number(&add_args[b->arg], &v[b->arg]));
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
				 add_args[A_FORWARD_DELAY].kw, fd->str, br_stp_word, why);
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

	if (exists && (rc = br_links_load(c, v[A_NAME].str, &l)) == 0)
		rc = br_need_bridge(c, &l, v[A_NAME].str, NULL, &br);
	free(l.v);
	if (rc < 0)
		return rc;
	if (v[A_VLAN_FILTERING].set)
		return err_errno(c, EOPNOTSUPP, "%s", br_no_vlan_filtering);
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
	int rc = br_links_load(c, v[A_NAME].str, &l);

	if (rc == 0)
		rc = br_need_bridge(c, &l, v[A_NAME].str, "use link del", &br);
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

/* addif: each device exists and has no other master; one already a port
 * of this bridge has nothing to do. */
static int addif_plan(struct ctx *c, const struct br_links *l, const struct br_link *br,
		      const struct val *devs, struct port_batch *b)
{
	for (int i = 0; i < devs->nrest; i++) {
		const struct br_link *k = br_link_by_name(l, devs->rest[i]);
		const struct br_link *m;

		if (!k)
			return err_nodev(c, devs->rest[i]);
		if (k->master == br->index)
			continue;
		if (k->master) {
			m = br_link_by_index(l, k->master);
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
		const struct br_link *k = br_link_by_name(l, devs->rest[i]);

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
	int rc;

	b.v = calloc((size_t)v[P_DEVS].nrest, sizeof(*b.v));
	if (!b.v)
		return -ENOMEM;
	if ((rc = br_links_load(c, NULL, &l)) == 0 &&
	    (rc = br_need_bridge(c, &l, v[P_BR].str, NULL, &br)) == 0 &&
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

/* ---- the object --------------------------------------------------------- */

static const char *const add_aliases[] = {"addbr", NULL};
static const char *const del_aliases[] = {"delete", "delbr", NULL};

static const struct verb bridge_verbs[] = {
    VERB_ALSO("add", add_aliases, bridge_add, add_args,
	      "make a bridge with these settings, in one request"),
    VERB("set", bridge_set, set_args, "change a bridge's settings, in one request"),
    VERB_ALSO("del", del_aliases, bridge_del, del_args, "delete a bridge; its ports are released"),
    VERB("addif", bridge_addif, port_args,
	 "make devices ports of a bridge: all of them or, on failure, none"),
    VERB("delif", bridge_delif, port_args,
	 "release ports from a bridge: all of them or, on failure, none"),
    VERB_ALSO("show", verb_show_aliases, bridge_show, show_args,
	      "list bridges, their settings and their ports' STP states (-br, -j)"),
    {.name = br_stp_word,
     VERB_ARGS(stp_args),
     .run = bridge_stp,
     .help = "turn the spanning tree protocol on or off, as brctl does"},
    VERB("fdb", bridge_fdb, fdb_args,
	 "show, add, delete or flush the entries of forwarding databases, as bridge(8)"),
    VERB("mdb", bridge_mdb, mdb_args,
	 "show, add or delete the multicast groups a bridge forwards to its ports, as bridge(8)"),
    VERB("port", bridge_port, port_verb_args,
	 "change or show a port's settings, as link set ... type bridge_slave"),
    VERB("vlan", bridge_vlan, vlan_args,
	 "add, delete or show the VLANs of ports of VLAN-filtering bridges"),
    VERB("vni", bridge_vni, vni_args,
	 "add, delete or show the VNIs of vxlan devices that carry several (vnifilter)"),
};

VNETCTL_OBJECT_OF(bridge, "show", "Ethernet bridges, their ports, VLANs and forwarding databases")
