/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bridge object's own: what its files share.  bridge.c is the object,
 * with vnetctl's words (add, set, del, addif, delif, stp) in seconds;
 * bridge_kind.c the bridge link kind in iproute2's words and units (link add
 * ... type bridge, link set ... type bridge_slave, link show -d) and the
 * port verb; bridge_show.c show; bridge_fdb.c fdb (bridge_fdb_show.c its show and get);
 * bridge_vlan.c the VLAN verb; bridge_vni.c a vxlan's VNIs. No other module includes it.
 */
#ifndef VNETCTL_BRIDGE_H
#define VNETCTL_BRIDGE_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "link.h"

/* IFLA_INFO_KIND of a bridge and of its ports' IFLA_INFO_SLAVE_KIND. */
extern const char bridge_kind[];
/* The device acted on: the bridge (set, del...) or a port (fdb show). */
extern const char br_dev_word[];

/* ---- in bridge_kind.c: a bridge's attributes, by ip's words -------------- */

/* ip link add ... type bridge's words, in the order ip -d prints them; the
 * times in hundredths of a second, as ip takes them (forward_delay 1500 is
 * 15 seconds). */
enum kind_arg {
	K_FORWARD_DELAY,
	K_HELLO_TIME,
	K_MAX_AGE,
	K_AGEING_TIME,
	K_STP_STATE,
	K_PRIORITY,
	K_VLAN_FILTERING,
	K_VLAN_PROTOCOL,
	K_VLAN_DEFAULT_PVID,
	K_VLAN_STATS_ENABLED,
	K_VLAN_STATS_PER_PORT,
	K_GROUP_ADDRESS,
	K_MCAST_SNOOPING,
	K_MCAST_ROUTER,
	K_MCAST_QUERY_USE_IFADDR,
	K_MCAST_QUERIER,
	K_MCAST_HASH_MAX,
	K_MCAST_LAST_MEMBER_COUNT,
	K_MCAST_STARTUP_QUERY_COUNT,
	K_MCAST_LAST_MEMBER_INTERVAL,
	K_MCAST_MEMBERSHIP_INTERVAL,
	K_MCAST_QUERIER_INTERVAL,
	K_MCAST_QUERY_INTERVAL,
	K_MCAST_QUERY_RESPONSE_INTERVAL,
	K_MCAST_STARTUP_QUERY_INTERVAL,
	K_MCAST_STATS_ENABLED,
	K_MCAST_IGMP_VERSION,
	K_MCAST_MLD_VERSION,
	K_NF_CALL_IPTABLES,
	K_NF_CALL_IP6TABLES,
	K_NF_CALL_ARPTABLES,
	K_NARGS
};

extern const struct arg kind_args[K_NARGS];

/* An attribute of a bridge (IFLA_BR_*) or of a port (IFLA_BRPORT_*). */
struct br_attr {
	uint16_t type;
	uint8_t width;	 /* bytes of a number */
	const char *key; /* the JSON key, when ip -j names it otherwise */
};

/* kind_attrs[K_X] is the attribute of kind_args[K_X]. */
extern const struct br_attr kind_attrs[K_NARGS];

/* A number of the attribute's width; false when missing or short. */
bool br_attr_get(const struct nlattr *a, const struct br_attr *b, uint64_t *v);
void br_attr_put(struct nlmsghdr *nlh, const struct br_attr *b, uint64_t v);

/* ip link set ... type bridge_slave's words: a port's settings. */
enum port_word {
	PO_STATE,
	PO_PRIORITY,
	PO_COST,
	PO_HAIRPIN,
	PO_GUARD,
	PO_ROOT_BLOCK,
	PO_FASTLEAVE,
	PO_LEARNING,
	PO_FLOOD,
	PO_PROXY_ARP,
	PO_PROXY_ARP_WIFI,
	PO_MCAST_ROUTER,
	PO_MCAST_FLOOD,
	PO_BCAST_FLOOD,
	PO_MCAST_TO_UNICAST,
	PO_NEIGH_SUPPRESS,
	PO_VLAN_TUNNEL,
	PO_ISOLATED,
	PO_LOCKED,
	PO_BACKUP_PORT,
	PO_NOBACKUP_PORT,
	PO_LEARNING_SYNC,
	PO_FDB_FLUSH,
	PO_NARGS
};

/* A port's STP state and multicast router mode: a port setting (port_words)
 * and one VLAN's of a port (bridge vlan set), each written once. */
#define BR_STATE_ENTRY(h)                                                                          \
	{                                                                                          \
		.kw = "state", .kind = ARG_ENUM, .flags = ARGF_NUMBERED, .words = br_port_states,  \
		.help = (h)                                                                        \
	}
#define BR_MCAST_ROUTER_ENTRY(h)                                                                   \
	{                                                                                          \
		.kw = "mcast_router", .kind = ARG_U32, .max = 3, .help = (h)                       \
	}

/* The port words and each one's IFLA_BRPORT_* attribute. */
extern const struct arg port_words[PO_NARGS];
extern const struct br_attr port_attrs[PO_NARGS];
/* " state forwarding priority 32 cost 2 ...": a port's words and what it
 * reports, from IFLA_INFO_SLAVE_DATA, as ip -d prints them. */
void br_print_port_words(struct ctx *c, const struct nlattr *data);
extern const struct link_kind bridge_link_kind;

/* `bridge port set|show` (bridge(8)'s `bridge link`, in bridge_link.c):
 * COMMAND, PORT, then the port words, copied from the kind's table when the
 * program starts (one table for both spellings), then bridge(8)'s words
 * that are no port setting: which table (self, master) and the hardware's
 * forwarding mode. */
enum { PV_CMD, PV_DEV, PV_WORDS, PV_SELF = PV_WORDS + PO_NARGS, PV_MASTER, PV_HWMODE, PV_NARGS };
extern struct arg port_verb_args[PV_NARGS];
int bridge_port(struct ctx *c, const struct val *v);
/* bridge(8)'s line for a bridge device that does not exist (exit 255). */
int br_no_bridge_device(struct ctx *c, const char *name);

/* ---- in bridge.c: vnetctl's words ---------------------------------------- */

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

/* The entries add and set share (bridge_words.c holds add's table). */
extern const char br_stp_word[];
#define NAME_ENTRY                                                                                 \
	{                                                                                          \
		.kw = "name", .kind = ARG_IFNAME,                                                  \
		.flags = ARGF_POSITIONAL | ARGF_REQUIRED | ARGF_SUBJECT | ARGF_NEW,                \
		.metavar = "BRIDGE", .help = "the new bridge (the keyword may be left out)"        \
	}
#define DEV_ENTRY(f, h)                                                                            \
	{                                                                                          \
		.kw = br_dev_word, .kind = ARG_IFNAME,                                             \
		.flags = ARGF_POSITIONAL | ARGF_SUBJECT | (f), .metavar = "BRIDGE",                \
		.live_kind = bridge_kind, .help = (h)                                              \
	}
#define STP_ENTRY(f)                                                                               \
	{                                                                                          \
		.kw = br_stp_word, .kind = ARG_ONOFF, .flags = (f),                                \
		.help = "run the spanning tree protocol (default off)"                             \
	}

/* Each setting written once, for both add and set. */
#define SETTING_ENTRIES                                                                            \
	[A_STP] = STP_ENTRY(0),                                                                    \
	[A_FORWARD_DELAY] =                                                                        \
	    BR_FORWARD_DELAY_ENTRY("a port listens, then learns, this long before "                \
				   "it forwards; 200..3000 with STP on (default "                  \
				   "1500)"),                                                       \
	[A_HELLO_TIME] = BR_HELLO_TIME_ENTRY("between the BPDUs a root bridge sends, 100..1000 "   \
					     "(default 200)"),                                     \
	[A_MAX_AGE] = BR_MAX_AGE_ENTRY("how long a received BPDU stays valid, 600..4000 (default " \
				       "2000)"),                                                   \
	[A_AGEING_TIME] = BR_AGEING_TIME_ENTRY("how long an unused learned address is kept "       \
					       "(default 30000)"),                                 \
	[A_PRIORITY] = {.kw = "priority",                                                          \
			.kind = ARG_U32,                                                           \
			.max = 65535,                                                              \
			.help = "the bridge's priority, lowest becomes root (default 32768)"},     \
	[A_VLAN_FILTERING] = {.kw = "vlan_filtering",                                              \
			      .kind = ARG_ONOFF,                                                   \
			      .help = "forward by the ports' VLAN membership (default off)"},      \
	[A_MTU] = LINK_WORD_MTU(68, 65535, "the largest packet the bridge sends, in bytes")

/* show prints each setting by its keyword in add's table. */
extern const struct arg add_args[A_NARGS];

/* `bridge fdb`'s commands, in bridge(8)'s order (bridge_fdb.c); none is show. */
enum fdb_arg { F_ADD, F_APPEND, F_REPLACE, F_DEL, F_GET, F_SHOW, F_LST, F_FLUSH, F_NARGS };
extern const struct arg fdb_args[F_NARGS];
/* `bridge mdb`'s (bridge_mdb.c); none is show. */
enum mdb_arg { M_ADD, M_DEL, M_SHOW, M_NARGS };
extern const struct arg mdb_args[M_NARGS];
/* `bridge vni`'s (bridge_vni.c): a vxlan's VNIs (vnifilter). */
enum vni_arg { N_ADD, N_DEL, N_SHOW, N_LST, N_NARGS };
extern const struct arg vni_args[N_NARGS];

/* Each of add's settings and its attribute (kind_attrs[row]), in the order
 * show prints them. */
struct br_setting {
	int arg; /* in add_args */
	int row; /* in kind_args and kind_attrs */
};
#define BR_NSETTINGS 7
extern const struct br_setting br_settings[BR_NSETTINGS];

/* Why the kernel refuses VLAN filtering, or a port's VLANs, with a bare
 * EOPNOTSUPP. */
extern const char br_no_vlan_filtering[];

/* "15", "2.5", "0.04": seconds as brctl takes them. */

/* ---- in bridge_show.c: the links, from one dump -------------------------- */

struct br_info {
	bool has[A_NARGS];
	uint32_t val[A_NARGS]; /* by keyword index, as add takes them */
	char bridge_id[24], root_id[24];
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

/* Every link (one dump), or only the one named (one GET). */
int br_links_load(struct ctx *c, const char *name, struct br_links *l);
const struct br_link *br_link_by_name(const struct br_links *l, const char *name);
const struct br_link *br_link_by_index(const struct br_links *l, int index);
/* The bridge called name, or why there is none; hint (may be NULL) says
 * what to do with a device of another kind. */
int br_need_bridge(struct ctx *c, const struct br_links *l, const char *name, const char *hint,
		   const struct br_link **out);
/* "8000.2:42:ac:11:0:2", as ip prints a bridge id (br_format_id). */
void br_format_id(const struct nlattr *a, char *buf, size_t sz);
/* A port's STP state by name ("forwarding"). */
const char *br_port_state_word(uint8_t state);
extern const char *const br_port_states[];

/* ---- the verbs in bridge_show.c and bridge_vlan.c ------------------------- */

int bridge_show(struct ctx *c, const struct val *v);
int bridge_fdb(struct ctx *c, const struct val *v);
int bridge_mdb(struct ctx *c, const struct val *v);
int bridge_vni(struct ctx *c, const struct val *v);

enum {
	V_CMD,
	V_DEV,
	V_VID,
	V_PVID,
	V_UNTAGGED,
	V_MASTER,
	V_SELF,
	V_TUNNEL_INFO,
	V_STATE,
	V_MCAST_ROUTER,
	V_NARGS
};
extern const struct arg vlan_args[V_NARGS];
int bridge_vlan(struct ctx *c, const struct val *v);

/* A bridge time as ip takes it, in hundredths of a second (forward_delay
 * 1500 is 15 seconds), for `link add ... type bridge` and `bridge add|set`:
 * each keyword written once. */
#define BR_TIME_ENTRY(k, h)                                                                        \
	{                                                                                          \
		.kw = (k), .kind = ARG_U32, .max = UINT32_MAX, .metavar = "CENTISECONDS",          \
		.help = (h " (in hundredths of a second)")                                         \
	}
#define BR_FORWARD_DELAY_ENTRY(h) BR_TIME_ENTRY("forward_delay", h)
#define BR_HELLO_TIME_ENTRY(h)	  BR_TIME_ENTRY("hello_time", h)
#define BR_MAX_AGE_ENTRY(h)	  BR_TIME_ENTRY("max_age", h)
#define BR_AGEING_TIME_ENTRY(h)	  BR_TIME_ENTRY("ageing_time", h)

/* link xstats type bridge|bridge_slave: a LINK_XSTATS_TYPE_BRIDGE nest's
 * counters, as ip link xstats prints them (bridge_xstats.c). */
void bridge_xstats(struct ctx *c, const struct nlattr *nest, bool igmp);

#endif
