// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bond: Linux bonding, several Ethernet ports as one device.  The mode
 * says how the ports share the traffic (round robin, one active and the
 * others standing by, a hash of each flow, LACP with the switch, ...);
 * miimon or arp_interval say how a dead port is noticed.
 *
 * The settings are IFLA_BOND_* inside IFLA_INFO_DATA: the enumerations
 * are u8 indexes (mode, xmit_hash_policy, lacp_rate, ad_select), the
 * times u32 milliseconds, primary an ifindex, arp_ip_target a nest of
 * IPv4 addresses in network order.  A port joins with IFLA_MASTER as on a
 * bridge, but the kernel takes only a port that is down: addif sets each
 * port down first, and the bond brings it up itself as it joins.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <errno.h>
#include <linux/if.h>
#include <linux/if_bonding.h>
#include <stdlib.h>
#include <string.h>

#include "kind.h"
#include "l2common.h"
#include "out.h"

static const char bond_kind_name[] = "bond";

/* ---- the words add takes ------------------------------------------------ */

/* Each enumeration's words in the kernel's order: a word's index is its
 * value, and ip's number for it (ARGF_NUMBERED). */
static const char *const mode_words[] = {
    "balance-rr", "active-backup", "balance-xor", "broadcast",
    "802.3ad",	  "balance-tlb",   "balance-alb", NULL,
};
static const char *const hash_words[] = {
    "layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac", NULL,
};
static const char *const lacp_words[] = {"slow", "fast", NULL};
static const char *const select_words[] = {"stable", "bandwidth", "count", NULL};

/* The most ARP targets the kernel keeps (BOND_MAX_ARP_TARGETS). */
#define BOND_ARP_TARGETS 16

enum bond_arg {
	B_MODE,
	B_MIIMON,
	B_UPDELAY,
	B_DOWNDELAY,
	B_LACP_RATE,
	B_XMIT_HASH_POLICY,
	B_PRIMARY,
	B_MIN_LINKS,
	B_AD_SELECT,
	B_ARP_INTERVAL,
	B_ARP_IP_TARGET,
	B_NARGS
};

#define BOND_ENUM(w, h) .kind = ARG_ENUM, .flags = ARGF_NUMBERED, .words = (w), .help = (h)
#define BOND_MS(h)	.kind = ARG_U32, .max = INT32_MAX, .metavar = "MS", .help = (h)

static const struct arg bond_args[B_NARGS] = {
    [B_MODE] = {.kw = "mode",
		BOND_ENUM(mode_words, "how the ports share the traffic (default balance-rr)")},
    [B_MIIMON] = {.kw = "miimon", BOND_MS("check each port's carrier every MS milliseconds")},
    [B_UPDELAY] = {.kw = "updelay", BOND_MS("use a port that came up after MS milliseconds")},
    [B_DOWNDELAY] = {.kw = "downdelay",
		     BOND_MS("stop using a port that went down after MS milliseconds")},
    [B_LACP_RATE] = {.kw = "lacp_rate",
		     BOND_ENUM(lacp_words, "802.3ad: ask the partner for LACPDUs every 30 s "
					   "(slow) or every second (fast)")},
    [B_XMIT_HASH_POLICY] = {.kw = "xmit_hash_policy",
			    BOND_ENUM(hash_words, "balance-xor, 802.3ad, balance-tlb: what "
						  "chooses a flow's port")},
    [B_PRIMARY] = {.kw = "primary",
		   .kind = ARG_IFNAME,
		   .metavar = "DEV",
		   .help = "active-backup, balance-tlb, balance-alb: the port to prefer"},
    [B_MIN_LINKS] = {.kw = "min_links",
		     .kind = ARG_U32,
		     .max = INT32_MAX,
		     .metavar = "N",
		     .help = "carrier only while at least N ports are up"},
    [B_AD_SELECT] = {.kw = "ad_select",
		     BOND_ENUM(select_words, "802.3ad: how the active aggregator is chosen")},
    [B_ARP_INTERVAL] = {.kw = "arp_interval",
			BOND_MS("check the ports by ARP every MS milliseconds")},
    [B_ARP_IP_TARGET] = {.kw = "arp_ip_target",
			 .kind = ARG_ADDRS,
			 .flags = ARGF_IPV4,
			 .max = BOND_ARP_TARGETS,
			 .help = "the IPv4 addresses arp_interval asks, up to 16"},
};

/* The settings' attributes, in the order ip -d prints them, with ip -j's
 * keys.  An enumeration is a u8, a number or device a u32. */
static const struct {
	int arg;
	uint16_t type;
	const char *key;
} bond_attrs[] = {
    {B_MODE, IFLA_BOND_MODE, "mode"},
    {B_MIIMON, IFLA_BOND_MIIMON, "miimon"},
    {B_UPDELAY, IFLA_BOND_UPDELAY, "updelay"},
    {B_DOWNDELAY, IFLA_BOND_DOWNDELAY, "downdelay"},
    {B_ARP_INTERVAL, IFLA_BOND_ARP_INTERVAL, "arp_interval"},
    {B_ARP_IP_TARGET, IFLA_BOND_ARP_IP_TARGET, "arp_ip_target"},
    {B_PRIMARY, IFLA_BOND_PRIMARY, "primary"},
    {B_XMIT_HASH_POLICY, IFLA_BOND_XMIT_HASH_POLICY, "xmit_hash_policy"},
    {B_MIN_LINKS, IFLA_BOND_MIN_LINKS, "min_links"},
    {B_LACP_RATE, IFLA_BOND_AD_LACP_RATE, "ad_lacp_rate"},
    {B_AD_SELECT, IFLA_BOND_AD_SELECT, "ad_select"},
};

/* The modes, by their words' indexes. */
enum { M_RR, M_AB, M_XOR, M_BCAST, M_8023AD, M_TLB, M_ALB };
#define MODE(m) (1u << (m))

/* Settings the kernel takes in some modes only; it refuses the others with
 * "option not supported in mode", without saying which option. */
static const struct {
	int arg;
	unsigned modes;
} mode_only[] = {
    {B_PRIMARY, MODE(M_AB) | MODE(M_TLB) | MODE(M_ALB)},
    {B_LACP_RATE, MODE(M_8023AD)},
    {B_ARP_INTERVAL, MODE(M_RR) | MODE(M_AB) | MODE(M_XOR) | MODE(M_BCAST)},
};

/* "active-backup, balance-tlb or balance-alb" */
static const char *mode_list(unsigned modes, char *buf, size_t sz)
{
	size_t off = 0, left = 0;

	for (int m = 0; mode_words[m]; m++)
		left += (modes & MODE(m)) != 0;
	buf[0] = '\0';
	for (int m = 0; mode_words[m] && off < sz; m++) {
		const char *sep;

		if (!(modes & MODE(m)))
			continue;
		left--;
		sep = left > 1 ? ", " : left == 1 ? " or " : "";
		off += (size_t)snprintf(buf + off, sz - off, "%s%s", mode_words[m], sep);
	}
	return buf;
}

/* What the kernel would refuse without a word of why (a bare EPERM for a
 * delay without miimon, EINVAL for a target that is no host), or change
 * behind the user's back (a delay rounded down to a multiple of miimon,
 * miimon dropped for arp_interval): said here, before anything is sent. */
static int bond_check(struct ctx *c, const struct val *v)
{
	uint32_t miimon = v[B_MIIMON].set ? v[B_MIIMON].u : 0;
	int mode = v[B_MODE].set ? v[B_MODE].e : M_RR;
	char list[128];

	for (size_t i = 0; i < ARRAY_SIZE(mode_only); i++) {
		const struct arg *a = &bond_args[mode_only[i].arg];

		if (v[mode_only[i].arg].set && !(mode_only[i].modes & MODE(mode)))
			return err_usage(c, "%s is for mode %s (the mode is %s)", a->kw,
					 mode_list(mode_only[i].modes, list, sizeof(list)),
					 mode_words[mode]);
	}
	if (miimon && v[B_ARP_INTERVAL].set && v[B_ARP_INTERVAL].u)
		return err_usage(c, "%s and %s cannot be used together (%s)",
				 bond_args[B_MIIMON].kw, bond_args[B_ARP_INTERVAL].kw,
				 "a bond checks its ports one way");
	for (int d = B_UPDELAY; d <= B_DOWNDELAY; d++) {
		if (!v[d].set)
			continue;
		if (!miimon)
			return err_usage(c, "%s needs %s (the delays count its checks)",
					 bond_args[d].kw, bond_args[B_MIIMON].kw);
		if (v[d].u % miimon)
			return err_usage(c, "%s %u is not a multiple of %s %u", bond_args[d].kw,
					 v[d].u, bond_args[B_MIIMON].kw, miimon);
	}
	for (int i = 0; i < v[B_ARP_IP_TARGET].nrest; i++) {
		const struct in_addr *a = &v[B_ARP_IP_TARGET].ips[i].v4;
		char buf[INET_ADDRSTRLEN];

		if (a->s_addr == 0 || a->s_addr == 0xffffffffu)
			return err_usage(c, "%s %s is not a host to ask",
					 bond_args[B_ARP_IP_TARGET].kw,
					 format_addr(AF_INET, a, buf, sizeof(buf)));
	}
	return 0;
}

/* IFLA_BOND_ARP_IP_TARGET { 0: addr, 1: addr, ... } */
static void put_targets(struct nlmsghdr *nlh, const struct val *v)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, IFLA_BOND_ARP_IP_TARGET);

	for (int i = 0; i < v->nrest; i++)
		mnl_attr_put(nlh, (uint16_t)i, sizeof(v->ips[i].v4), &v->ips[i].v4);
	mnl_attr_nest_end(nlh, nest);
}

static int bond_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		    const struct val *v)
{
	(void)k;
	int rc, index;

	if ((rc = bond_check(c, v)) < 0)
		return rc;
	for (size_t i = 0; i < ARRAY_SIZE(bond_attrs); i++) {
		const struct val *x = &v[bond_attrs[i].arg];
		uint16_t type = bond_attrs[i].type;

		if (!x->set)
			continue;
		switch (bond_args[bond_attrs[i].arg].kind) {
		case ARG_ENUM:
			mnl_attr_put_u8(nlh, type, (uint8_t)x->e);
			break;
		case ARG_IFNAME:
			if ((index = link_index(c, x->str)) < 0)
				return index;
			mnl_attr_put_u32(nlh, type, (uint32_t)index);
			break;
		case ARG_ADDRS:
			put_targets(nlh, x);
			break;
		default:
			mnl_attr_put_u32(nlh, type, x->u);
			break;
		}
	}
	return 0;
}

/* ---- printing, shared by bond show and `link show -d` --------------------- */

/* words[v], or the number when the kernel knows a value this table lacks. */
static const char *word_at(const char *const *words, uint32_t v, char *buf, size_t sz)
{
	for (uint32_t i = 0; words[i]; i++)
		if (i == v)
			return words[i];
	snprintf(buf, sz, "%u", v);
	return buf;
}

/* " arp_ip_target 10.0.0.1,10.0.0.2"; JSON a list of strings, as ip's. */
static void print_targets(struct out *o, const char *kw, const char *key, const struct nlattr *nest)
{
	const struct nlattr *a;
	char buf[INET_ADDRSTRLEN];
	int n = 0;

	mnl_attr_for_each_nested(a, nest)
	{
		if (mnl_attr_get_payload_len(a) != sizeof(struct in_addr))
			continue;
		if (n == 0) {
			if (kw)
				out_str(o, OUT_TEXT, NULL, " %s", kw);
			out_list_open(o, key);
		}
		out_str(o, OUT_ANY, NULL, n ? ",%s" : " %s",
			format_addr(AF_INET, mnl_attr_get_payload(a), buf, sizeof(buf)));
		n++;
	}
	if (n)
		out_list_close(o);
}

/* " mode active-backup miimon 100 ... ad_select stable", worded as add
 * takes them; with kw false (-br) the values alone. */
static void print_attr(struct ctx *c, size_t i, const struct nlattr *a, bool kw)
{
	const struct arg *g = &bond_args[bond_attrs[i].arg];
	const char *word = kw ? g->kw : NULL;
	const char *key = bond_attrs[i].key;
	char num[12];
	uint8_t u8;
	uint32_t u32;

	switch (g->kind) {
	case ARG_ENUM:
		if (nl_attr_u8(a, &u8))
			l2_print_word(c->out, word, key, word_at(g->words, u8, num, sizeof(num)));
		break;
	case ARG_IFNAME:
		/* the kernel says 0, or nothing, while no port is the primary */
		if (nl_attr_u32(a, &u32) && u32)
			l2_print_dev(c, word, key, u32);
		break;
	case ARG_ADDRS:
		print_targets(c->out, word, key, a);
		break;
	default:
		if (nl_attr_u32(a, &u32))
			l2_print_uint(c->out, word, key, u32);
		break;
	}
}

/* What ip -j -d gives beside the settings add takes: JSON only, ip's keys,
 * an enumeration by ip's words, a number as it is (size: its bytes). */
static const char *const arp_validate_words[] = {"none",   "active",	    "backup",	     "all",
						 "filter", "filter_active", "filter_backup", NULL};
static const char *const arp_all_targets_words[] = {"any", "all", NULL};
static const char *const primary_reselect_words[] = {"always", "better", "failure", NULL};
static const char *const fail_over_mac_words[] = {"none", "active", "follow", NULL};
static const char *const lacp_active_words[] = {"off", "on", NULL};
static const struct {
	uint16_t type;
	const char *key;
	const char *const *words;
	uint8_t size;
} bond_facts[] = {
    {IFLA_BOND_ARP_VALIDATE, "arp_validate", arp_validate_words, 4},
    {IFLA_BOND_ARP_ALL_TARGETS, "arp_all_targets", arp_all_targets_words, 4},
    {IFLA_BOND_PRIMARY_RESELECT, "primary_reselect", primary_reselect_words, 1},
    {IFLA_BOND_FAIL_OVER_MAC, "fail_over_mac", fail_over_mac_words, 1},
    {IFLA_BOND_USE_CARRIER, "use_carrier", NULL, 1},
    {IFLA_BOND_RESEND_IGMP, "resend_igmp", NULL, 4},
    {IFLA_BOND_NUM_PEER_NOTIF, "num_peer_notif", NULL, 1},
    {IFLA_BOND_ALL_SLAVES_ACTIVE, "all_slaves_active", NULL, 1},
    {IFLA_BOND_LP_INTERVAL, "lp_interval", NULL, 4},
    {IFLA_BOND_PACKETS_PER_SLAVE, "packets_per_slave", NULL, 4},
    {IFLA_BOND_TLB_DYNAMIC_LB, "tlb_dynamic_lb", NULL, 1},
    {IFLA_BOND_AD_LACP_ACTIVE, "ad_lacp_active", lacp_active_words, 1},
    {IFLA_BOND_MISSED_MAX, "arp_missed_max", NULL, 1},
    {IFLA_BOND_PEER_NOTIF_DELAY, "peer_notify_delay", NULL, 4},
    {IFLA_BOND_AD_ACTOR_SYS_PRIO, "ad_actor_sys_prio", NULL, 2},
    {IFLA_BOND_AD_USER_PORT_KEY, "ad_user_port_key", NULL, 2},
};

static void print_facts(struct out *o, const struct nlattr *const *tb)
{
	for (size_t i = 0; i < ARRAY_SIZE(bond_facts); i++) {
		const struct nlattr *a = tb[bond_facts[i].type];
		const uint8_t *p = a ? mnl_attr_get_payload(a) : NULL;
		uint32_t v;
		char num[12];

		if (!a || mnl_attr_get_payload_len(a) != bond_facts[i].size)
			continue;
		v = bond_facts[i].size == 1   ? p[0]
		    : bond_facts[i].size == 2 ? mnl_attr_get_u16(a)
					      : mnl_attr_get_u32(a);
		if (bond_facts[i].words)
			out_str(o, OUT_JSON, bond_facts[i].key, NULL,
				word_at(bond_facts[i].words, v, num, sizeof(num)));
		else
			out_uint(o, OUT_JSON, bond_facts[i].key, NULL, v);
	}
}

static void bond_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_BOND_MAX + 1];

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_BOND_MAX);
	for (size_t i = 0; i < ARRAY_SIZE(bond_attrs); i++)
		if (tb[bond_attrs[i].type])
			print_attr(c, i, tb[bond_attrs[i].type], true);
	print_facts(c->out, tb);
}

/* -br: the mode alone (" active-backup"), bond_attrs[0]. */
static void bond_brief(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_BOND_MAX + 1];

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_BOND_MAX);
	if (tb[IFLA_BOND_MODE])
		print_attr(c, 0, tb[IFLA_BOND_MODE], false);
}

/* A port's state, as ip -d prints it under "bond_slave" (the kernel's
 * BOND_STATE_* and BOND_LINK_* values index these). */
static const char *const port_states[] = {"ACTIVE", "BACKUP", NULL};
static const char *const mii_states[] = {"UP", "GOING_DOWN", "DOWN", "GOING_BACK", NULL};

/* `bond_slave state ACTIVE mii_status UP link_failure_count 0 perm_hwaddr
 * ... queue_id 0`, ip -j's keys; 802.3ad adds the aggregator and the
 * ports' LACP states. */
static void bond_slave_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	static const struct {
		uint16_t type;
		const char *key; /* also the text's word */
		const char *const *words;
		uint8_t width; /* bytes; 5: a signed 32-bit number */
	} fields[] = {
	    {IFLA_BOND_SLAVE_STATE, "state", port_states, 1},
	    {IFLA_BOND_SLAVE_MII_STATUS, "mii_status", mii_states, 1},
	    {IFLA_BOND_SLAVE_LINK_FAILURE_COUNT, "link_failure_count", NULL, 4},
	    {IFLA_BOND_SLAVE_PERM_HWADDR, "perm_hwaddr", NULL, 0},
	    {IFLA_BOND_SLAVE_QUEUE_ID, "queue_id", NULL, 2},
	    /* the port's priority among the others (kernels from 6.0), signed */
	    {IFLA_BOND_SLAVE_PRIO, "prio", NULL, 5},
	    {IFLA_BOND_SLAVE_AD_AGGREGATOR_ID, "ad_aggregator_id", NULL, 2},
	    {IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE, "ad_actor_oper_port_state", NULL, 1},
	    {IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE, "ad_partner_oper_port_state", NULL, 2},
	};
	const struct nlattr *tb[IFLA_BOND_SLAVE_MAX + 1];
	struct out *o = c->out;
	char buf[3 * 32];
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_SLAVE_DATA], tb, IFLA_BOND_SLAVE_MAX);
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++) {
		const struct nlattr *a = tb[fields[i].type];
		const char *key = fields[i].key;

		if (!a)
			continue;
		if (fields[i].width == 0) {
			format_mac(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), buf,
				   sizeof(buf));
			l2_print_word(o, key, key, buf);
		} else if (fields[i].width == 1 && nl_attr_u8(a, &u8)) {
			if (fields[i].words)
				l2_print_word(o, key, key,
					      word_at(fields[i].words, u8, buf, sizeof(buf)));
			else
				l2_print_uint(o, key, key, u8);
		} else if (fields[i].width == 2 && nl_attr_u16(a, &u16)) {
			l2_print_uint(o, key, key, u16);
		} else if (fields[i].width == 4 && nl_attr_u32(a, &u32)) {
			l2_print_uint(o, key, key, u32);
		} else if (fields[i].width == 5 && nl_attr_u32(a, &u32)) {
			out_int(o, OUT_ANY, key, " prio %d", (int32_t)u32);
		}
	}
}

/* ---- bond addif, delif ---------------------------------------------------- */

/* What addif and delif need of each device, from one dump. */
struct port {
	char name[IFNAMSIZ];
	int index, master;
	bool up;
	bool refused; /* the kernel refused one of its requests */
};

struct ports {
	const char *bond_name;
	int bond; /* its index, once found and checked to be a bond */
	struct port *v;
	size_t n;
	int err; /* the first refusal, its port and the kernel's words */
	char label[IFNAMSIZ];
	char msg[256];
};

static int load_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct ports *p = data;
	const struct nlattr *master = m->tb[IFLA_MASTER];
	struct port *x;
	int rc;

	if (!strcmp(m->name, p->bond_name)) {
		if ((rc = kind_check(c, bond_kind_name, m, NULL)) < 0)
			return rc;
		p->bond = m->ifi->ifi_index;
	}
	x = realloc(p->v, (p->n + 1) * sizeof(*p->v));
	if (!x)
		return -ENOMEM;
	p->v = x;
	x = &p->v[p->n++];
	memset(x, 0, sizeof(*x));
	snprintf(x->name, sizeof(x->name), "%s", m->name);
	x->index = m->ifi->ifi_index;
	x->master =
	    master && mnl_attr_get_payload_len(master) == 4 ? (int)mnl_attr_get_u32(master) : 0;
	x->up = m->ifi->ifi_flags & IFF_UP;
	return 0;
}

static struct port *port_named(struct ports *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].name, name))
			return &p->v[i];
	return NULL;
}

static const char *name_of(struct ports *p, int index)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].index == index)
			return p->v[i].name;
	return "another device";
}

static void port_refused(struct ctx *c, const char *label, int err, const char *msg, void *data)
{
	struct ports *p = data;
	struct port *x = label ? port_named(p, label) : NULL;

	(void)c;
	if (x)
		x->refused = true;
	if (p->err)
		return;
	p->err = err;
	snprintf(p->label, sizeof(p->label), "%s", label ? label : "?");
	snprintf(p->msg, sizeof(p->msg), "%s", msg ? msg : strerror(-err));
}

/* RTM_NEWLINK's header for the port: by index, the device just checked. */
static struct ifinfomsg *put_port(struct nlmsghdr *nlh, const struct port *x)
{
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = x->index;
	return ifi;
}

/* The steps of a change, for each chosen port, in one sendmsg: down (a
 * port that is up), IFLA_MASTER = master (join, or leave with 0), up (a
 * port that was up, when undoing a join).  A port the kernel refused
 * anything takes no further step but up. */
enum step { S_DOWN = 1, S_MASTER = 2, S_UP = 4 };

static int ports_send(struct ctx *c, struct ports *p, const bool *chosen, unsigned steps,
		      int master)
{
	struct nl_pipe *pipe = nl_pipe_new(port_refused, p);
	struct ifinfomsg *ifi;
	int rc;

	if (!pipe)
		return -ENOMEM;
	for (size_t i = 0; i < p->n; i++) {
		struct port *x = &p->v[i];

		if (!chosen[i])
			continue;
		if ((steps & S_DOWN) && x->up && !x->refused)
			put_port(nl_pipe_msg(c, pipe, RTM_NEWLINK, 0, x->name), x)->ifi_change =
			    IFF_UP;
		if ((steps & S_MASTER) && !x->refused) {
			struct nlmsghdr *nlh = nl_pipe_msg(c, pipe, RTM_NEWLINK, 0, x->name);
			put_port(nlh, x);
			mnl_attr_put_u32(nlh, IFLA_MASTER, (uint32_t)master);
		}
		if ((steps & S_UP) && x->up) {
			ifi = put_port(nl_pipe_msg(c, pipe, RTM_NEWLINK, 0, x->name), x);
			ifi->ifi_change = ifi->ifi_flags = IFF_UP;
		}
	}
	rc = nl_pipe_flush(c, pipe, port_refused, p);
	nl_pipe_free(pipe);
	return rc;
}

/* Not the bond's own name (the parser checked each is valid, given once). */
static int devs_check(struct ctx *c, const char *bond, const struct val *devs)
{
	for (int i = 0; i < devs->nrest; i++)
		if (!strcmp(devs->rest[i], bond))
			return err_usage(c, "a bond cannot be a port of itself");
	return 0;
}

/* addif: each device exists and has no other master; one already a port
 * of this bond has nothing to do. */
static int plan_join(struct ctx *c, struct ports *p, const struct val *devs, bool *chosen)
{
	for (int i = 0; i < devs->nrest; i++) {
		struct port *x = port_named(p, devs->rest[i]);

		if (!x)
			return err_nodev(c, devs->rest[i]);
		if (x->master == p->bond)
			continue;
		if (x->master)
			return err_fail(c, "%s is a port of %s already (release it there first)",
					x->name, name_of(p, x->master));
		chosen[x - p->v] = true;
	}
	return 0;
}

/* delif: each device exists and is a port of this bond. */
static int plan_leave(struct ctx *c, struct ports *p, const struct val *devs, bool *chosen)
{
	for (int i = 0; i < devs->nrest; i++) {
		struct port *x = port_named(p, devs->rest[i]);

		if (!x)
			return err_nodev(c, devs->rest[i]);
		if (x->master != p->bond)
			return err_fail(c, "%s is not a port of %s", x->name, p->bond_name);
		chosen[x - p->v] = true;
	}
	return 0;
}

enum port_arg { P_BOND, P_DEVS, P_NARGS };

/* Join: down, then IFLA_MASTER; undone by leaving and up again.  Leave:
 * IFLA_MASTER 0; undone by joining again.  So a command the kernel
 * refuses for one port changes none. */
static int ports_change(struct ctx *c, const struct val *v, bool join)
{
	struct ports p = {.bond_name = v[P_BOND].str};
	bool *chosen = NULL, any = false;
	int rc = devs_check(c, p.bond_name, &v[P_DEVS]);

	if (rc == 0 && (rc = link_walk(c, NULL, load_cb, &p)) == 0 && !p.bond)
		rc = err_nodev(c, p.bond_name);
	if (rc == 0 && !(chosen = calloc(p.n, sizeof(*chosen))))
		rc = -ENOMEM;
	if (rc == 0)
		rc = join ? plan_join(c, &p, &v[P_DEVS], chosen)
			  : plan_leave(c, &p, &v[P_DEVS], chosen);
	for (size_t i = 0; rc == 0 && i < p.n; i++)
		any |= chosen[i];
	if (rc == 0 && any) {
		rc = join ? ports_send(c, &p, chosen, S_DOWN | S_MASTER, p.bond)
			  : ports_send(c, &p, chosen, S_MASTER, 0);
		if (p.err) {
			bool undone =
			    (join ? ports_send(c, &p, chosen, S_MASTER | S_UP, 0)
				  : ports_send(c, &p, chosen, S_DOWN | S_MASTER, p.bond)) == 0;
			c->reason[0] = '\0';
			rc = err_fail(c, "%s: %s", p.label, p.msg);
			if (undone)
				err_errno(c, 0, "no port was changed");
		}
	}
	free(chosen);
	free(p.v);
	return rc;
}

static int bond_addif(struct ctx *c, const struct val *v)
{
	return ports_change(c, v, true);
}

static int bond_delif(struct ctx *c, const struct val *v)
{
	return ports_change(c, v, false);
}

/* ---- the kind ------------------------------------------------------------ */

static const struct arg port_args[P_NARGS] = {
    [P_BOND] = {.kind = ARG_IFNAME,
		.flags = ARGF_POSITIONAL | ARGF_REQUIRED | ARGF_SUBJECT,
		.metavar = "BOND",
		.live_kind = bond_kind_name,
		.help = "the bond"},
    [P_DEVS] = {.kind = ARG_REST,
		.flags = ARGF_POSITIONAL | ARGF_REQUIRED | ARGF_DEVICES,
		.metavar = "DEV...",
		.help = "the devices, one or more"},
};

static const struct verb bond_verbs[] = {
    VERB("addif", bond_addif, port_args,
	 "make devices ports of a bond, each set down first as the kernel requires: all "
	 "of them or, on failure, none"),
    VERB("delif", bond_delif, port_args,
	 "release ports from a bond (the kernel leaves them down): all of them or, on "
	 "failure, none"),
};

/* What add sends, by name, for dry run. */
static const struct nl_attr_name bond_attr_names[IFLA_BOND_MAX + 1] = {
    NL_ATTR(IFLA_BOND_MODE, NL_U8),	     NL_ATTR(IFLA_BOND_MIIMON, NL_U32),
    NL_ATTR(IFLA_BOND_UPDELAY, NL_U32),	     NL_ATTR(IFLA_BOND_DOWNDELAY, NL_U32),
    NL_ATTR(IFLA_BOND_ARP_INTERVAL, NL_U32), NL_ATTR(IFLA_BOND_ARP_IP_TARGET, NL_NEST),
    NL_ATTR(IFLA_BOND_PRIMARY, NL_U32),	     NL_ATTR(IFLA_BOND_XMIT_HASH_POLICY, NL_U8),
    NL_ATTR(IFLA_BOND_MIN_LINKS, NL_U32),    NL_ATTR(IFLA_BOND_AD_LACP_RATE, NL_U8),
    NL_ATTR(IFLA_BOND_AD_SELECT, NL_U8),
};

static const struct link_kind bond_kind = {
    .kind = bond_kind_name,
    .module = "bonding",
    .help = "bonding: several Ethernet ports as one device, shared or standing by",
    VERB_ARGS(bond_args),
    .put = bond_put,
    .show = bond_show,
    .brief = bond_brief,
    VERB_TABLE(bond_verbs),
    .slave_show = bond_slave_show,
    KIND_DATA(bond_attr_names),
};
VNETCTL_LINK_KIND(bond_kind)
