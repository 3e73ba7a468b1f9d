// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bridge link kind, in iproute2's words and units: what
 *
 *	vnetctl link add br0 type bridge stp_state 1 forward_delay 400 ...
 *	vnetctl link set p0 type bridge_slave learning off ...
 *	vnetctl -d link show
 *
 * take and print, as ip does: the bridge's times in hundredths of a second
 * (clock_t, USER_HZ 100: forward_delay 1500 is 15 seconds), booleans as 0
 * or 1, a port's as on or off.  The bridge object's own add and set
 * (bridge.c) keep their words in seconds; both put the same attributes,
 * named here once (kind_attrs).
 *
 * A port's words are also the `bridge port set PORT ...` verb's (bridge_link.c).
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <errno.h>
#include <string.h>

#include "bridge.h"
#include "kind.h"
#include "nl.h"
#include "out.h"

/* ---- a bridge's words ------------------------------------------------------ */

static const char *const proto_words[] = {"802.1Q", "802.1ad", NULL};
static const uint16_t proto_values[] = {ETH_P_8021Q, ETH_P_8021AD};

#define TIME_ENTRY BR_TIME_ENTRY
#define BOOL_ENTRY(k, h)                                                                           \
	{                                                                                          \
		.kw = (k), .kind = ARG_U32, .max = 1, .metavar = "0|1", .help = (h)                \
	}
#define NUM_ENTRY(k, lo, hi, h)                                                                    \
	{                                                                                          \
		.kw = (k), .kind = ARG_U32, .min = (lo), .max = (hi), .help = (h)                  \
	}

const struct arg kind_args[K_NARGS] = {
    [K_FORWARD_DELAY] = BR_FORWARD_DELAY_ENTRY("listening, then learning, before forwarding"),
    [K_HELLO_TIME] = BR_HELLO_TIME_ENTRY("between the BPDUs of a root bridge"),
    [K_MAX_AGE] = BR_MAX_AGE_ENTRY("how long a received BPDU stays valid"),
    [K_AGEING_TIME] = BR_AGEING_TIME_ENTRY("how long a learned address is kept"),
    [K_STP_STATE] = BOOL_ENTRY("stp_state", "run the spanning tree protocol"),
    [K_PRIORITY] = NUM_ENTRY("priority", 0, 65535, "the bridge's priority, lowest becomes root"),
    [K_VLAN_FILTERING] = BOOL_ENTRY("vlan_filtering", "forward by the ports' VLAN membership"),
    [K_VLAN_PROTOCOL] = {.kw = "vlan_protocol",
			 .kind = ARG_ENUM,
			 .words = proto_words,
			 .help = "the VLAN tag filtering reads"},
    [K_VLAN_DEFAULT_PVID] =
	NUM_ENTRY("vlan_default_pvid", 0, 4094, "the untagged VLAN of new ports (0: none)"),
    [K_VLAN_STATS_ENABLED] = BOOL_ENTRY("vlan_stats_enabled", "count traffic per VLAN"),
    [K_VLAN_STATS_PER_PORT] = BOOL_ENTRY("vlan_stats_per_port", "count it per VLAN and port"),
    [K_GROUP_ADDRESS] = {.kw = "group_address",
			 .kind = ARG_MAC,
			 .metavar = "MAC",
			 .help = "the STP group address, 01:80:c2:00:00:0X"},
    [K_MCAST_SNOOPING] = BOOL_ENTRY("mcast_snooping", "forward multicast by IGMP/MLD snooping"),
    [K_MCAST_ROUTER] = NUM_ENTRY("mcast_router", 0, 2,
				 "multicast router on the bridge: 0 no, 1 learned, 2 always"),
    [K_MCAST_QUERY_USE_IFADDR] =
	BOOL_ENTRY("mcast_query_use_ifaddr", "queries from the bridge's own address"),
    [K_MCAST_QUERIER] = BOOL_ENTRY("mcast_querier", "send IGMP/MLD queries"),
    [K_MCAST_HASH_MAX] =
	NUM_ENTRY("mcast_hash_max", 1, UINT32_MAX, "the multicast database's size"),
    [K_MCAST_LAST_MEMBER_COUNT] =
	NUM_ENTRY("mcast_last_member_count", 0, UINT32_MAX, "queries after a leave"),
    [K_MCAST_STARTUP_QUERY_COUNT] =
	NUM_ENTRY("mcast_startup_query_count", 0, UINT32_MAX, "queries at startup"),
    [K_MCAST_LAST_MEMBER_INTERVAL] =
	TIME_ENTRY("mcast_last_member_interval", "between the queries after a leave"),
    [K_MCAST_MEMBERSHIP_INTERVAL] =
	TIME_ENTRY("mcast_membership_interval", "how long a group lives without reports"),
    [K_MCAST_QUERIER_INTERVAL] =
	TIME_ENTRY("mcast_querier_interval", "how long another querier is believed"),
    [K_MCAST_QUERY_INTERVAL] = TIME_ENTRY("mcast_query_interval", "between queries"),
    [K_MCAST_QUERY_RESPONSE_INTERVAL] =
	TIME_ENTRY("mcast_query_response_interval", "the longest answer time a query asks"),
    [K_MCAST_STARTUP_QUERY_INTERVAL] =
	TIME_ENTRY("mcast_startup_query_interval", "between queries at startup"),
    [K_MCAST_STATS_ENABLED] = BOOL_ENTRY("mcast_stats_enabled", "count IGMP/MLD messages"),
    [K_MCAST_IGMP_VERSION] = NUM_ENTRY("mcast_igmp_version", 2, 3, "the IGMP version, 2 or 3"),
    [K_MCAST_MLD_VERSION] = NUM_ENTRY("mcast_mld_version", 1, 2, "the MLD version, 1 or 2"),
    [K_NF_CALL_IPTABLES] = BOOL_ENTRY("nf_call_iptables", "bridged IPv4 through iptables"),
    [K_NF_CALL_IP6TABLES] = BOOL_ENTRY("nf_call_ip6tables", "bridged IPv6 through ip6tables"),
    [K_NF_CALL_ARPTABLES] = BOOL_ENTRY("nf_call_arptables", "bridged ARP through arptables"),
};

const struct br_attr kind_attrs[K_NARGS] = {
    [K_FORWARD_DELAY] = {IFLA_BR_FORWARD_DELAY, 4, NULL},
    [K_HELLO_TIME] = {IFLA_BR_HELLO_TIME, 4, NULL},
    [K_MAX_AGE] = {IFLA_BR_MAX_AGE, 4, NULL},
    [K_AGEING_TIME] = {IFLA_BR_AGEING_TIME, 4, NULL},
    [K_STP_STATE] = {IFLA_BR_STP_STATE, 4, NULL},
    [K_PRIORITY] = {IFLA_BR_PRIORITY, 2, NULL},
    [K_VLAN_FILTERING] = {IFLA_BR_VLAN_FILTERING, 1, NULL},
    [K_VLAN_PROTOCOL] = {IFLA_BR_VLAN_PROTOCOL, 2, NULL},
    [K_VLAN_DEFAULT_PVID] = {IFLA_BR_VLAN_DEFAULT_PVID, 2, NULL},
    [K_VLAN_STATS_ENABLED] = {IFLA_BR_VLAN_STATS_ENABLED, 1, NULL},
    [K_VLAN_STATS_PER_PORT] = {IFLA_BR_VLAN_STATS_PER_PORT, 1, NULL},
    [K_GROUP_ADDRESS] = {IFLA_BR_GROUP_ADDR, ETH_ALEN, "group_addr"},
    [K_MCAST_SNOOPING] = {IFLA_BR_MCAST_SNOOPING, 1, NULL},
    [K_MCAST_ROUTER] = {IFLA_BR_MCAST_ROUTER, 1, NULL},
    [K_MCAST_QUERY_USE_IFADDR] = {IFLA_BR_MCAST_QUERY_USE_IFADDR, 1, NULL},
    [K_MCAST_QUERIER] = {IFLA_BR_MCAST_QUERIER, 1, NULL},
    [K_MCAST_HASH_MAX] = {IFLA_BR_MCAST_HASH_MAX, 4, NULL},
    [K_MCAST_LAST_MEMBER_COUNT] = {IFLA_BR_MCAST_LAST_MEMBER_CNT, 4, "mcast_last_member_cnt"},
    [K_MCAST_STARTUP_QUERY_COUNT] = {IFLA_BR_MCAST_STARTUP_QUERY_CNT, 4, "mcast_startup_query_cnt"},
    [K_MCAST_LAST_MEMBER_INTERVAL] = {IFLA_BR_MCAST_LAST_MEMBER_INTVL, 8,
				      "mcast_last_member_intvl"},
    [K_MCAST_MEMBERSHIP_INTERVAL] = {IFLA_BR_MCAST_MEMBERSHIP_INTVL, 8, "mcast_membership_intvl"},
    [K_MCAST_QUERIER_INTERVAL] = {IFLA_BR_MCAST_QUERIER_INTVL, 8, "mcast_querier_intvl"},
    [K_MCAST_QUERY_INTERVAL] = {IFLA_BR_MCAST_QUERY_INTVL, 8, "mcast_query_intvl"},
    [K_MCAST_QUERY_RESPONSE_INTERVAL] = {IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, 8,
					 "mcast_query_response_intvl"},
    [K_MCAST_STARTUP_QUERY_INTERVAL] = {IFLA_BR_MCAST_STARTUP_QUERY_INTVL, 8,
					"mcast_startup_query_intvl"},
    [K_MCAST_STATS_ENABLED] = {IFLA_BR_MCAST_STATS_ENABLED, 1, NULL},
    [K_MCAST_IGMP_VERSION] = {IFLA_BR_MCAST_IGMP_VERSION, 1, NULL},
    [K_MCAST_MLD_VERSION] = {IFLA_BR_MCAST_MLD_VERSION, 1, NULL},
    [K_NF_CALL_IPTABLES] = {IFLA_BR_NF_CALL_IPTABLES, 1, NULL},
    [K_NF_CALL_IP6TABLES] = {IFLA_BR_NF_CALL_IP6TABLES, 1, NULL},
    [K_NF_CALL_ARPTABLES] = {IFLA_BR_NF_CALL_ARPTABLES, 1, NULL},
};

bool br_attr_get(const struct nlattr *a, const struct br_attr *b, uint64_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < b->width)
		return false;
	if (b->width == 1)
		*v = mnl_attr_get_u8(a);
	else if (b->width == 2)
		*v = mnl_attr_get_u16(a);
	else if (b->width == 4)
		*v = mnl_attr_get_u32(a);
	else
		*v = mnl_attr_get_u64(a);
	return true;
}

/* ---- ids and port states, as ip words them (bridge show's too) ---------- */

/* "8000.2:42:ac:11:0:2", as ip prints a bridge id: the priority in four hex
 * digits, the address in unpadded hex bytes (ether_ntoa's form). */
void br_format_id(const struct nlattr *a, char *buf, size_t sz)
{
	const struct ifla_bridge_id *id;

	buf[0] = '\0';
	if (!a || mnl_attr_get_payload_len(a) < sizeof(*id))
		return;
	id = mnl_attr_get_payload(a);
	snprintf(buf, sz, "%02x%02x.%x:%x:%x:%x:%x:%x", id->prio[0], id->prio[1], id->addr[0],
		 id->addr[1], id->addr[2], id->addr[3], id->addr[4], id->addr[5]);
}

const char *const br_port_states[] = {
    [BR_STATE_DISABLED] = "disabled", [BR_STATE_LISTENING] = "listening",
    [BR_STATE_LEARNING] = "learning", [BR_STATE_FORWARDING] = "forwarding",
    [BR_STATE_BLOCKING] = "blocking", NULL,
};

const char *br_port_state_word(uint8_t state)
{
	return state <= BR_STATE_BLOCKING ? br_port_states[state] : "unknown";
}

void br_attr_put(struct nlmsghdr *nlh, const struct br_attr *b, uint64_t v)
{
	if (b->width == 0)
		mnl_attr_put(nlh, b->type, 0, NULL);
	else if (b->width == 1)
		mnl_attr_put_u8(nlh, b->type, (uint8_t)v);
	else if (b->width == 2)
		mnl_attr_put_u16(nlh, b->type, (uint16_t)v);
	else if (b->width == 4)
		mnl_attr_put_u32(nlh, b->type, (uint32_t)v);
	else
		mnl_attr_put_u64(nlh, b->type, v);
}

/* IFLA_INFO_DATA { IFLA_BR_* }, each as the kernel takes it: the tag's
 * protocol in network order, the group address as six bytes. */
static int bridge_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		      const struct val *v)
{
	(void)k;
	(void)c;
	for (size_t i = 0; i < K_NARGS; i++) {
		const struct br_attr *b = &kind_attrs[i];
		if (!v[i].set)
			continue;
		if (kind_args[i].kind == ARG_MAC)
			mnl_attr_put(nlh, b->type, sizeof(v[i].mac), v[i].mac);
		else if (kind_args[i].kind == ARG_ENUM)
			mnl_attr_put_u16(nlh, b->type, htons(proto_values[v[i].e]));
		else
			br_attr_put(nlh, b, v[i].u);
	}
	return 0;
}

/* ---- a bridge's details, for link show -d ---------------------------------- */

/* " forward_delay 1500": the keyword in text, the value in both. */
static void print_kind_value(struct out *o, size_t i, const struct nlattr *a)
{
	const struct arg *k = &kind_args[i];
	const struct br_attr *b = &kind_attrs[i];
	const char *key = b->key ? b->key : k->kw;
	char buf[3 * ETH_ALEN];
	uint64_t v;

	if (k->kind == ARG_MAC && (!a || mnl_attr_get_payload_len(a) != ETH_ALEN))
		return;
	if (k->kind != ARG_MAC && !br_attr_get(a, b, &v))
		return;
	out_str(o, OUT_TEXT, NULL, " %s", k->kw);
	if (k->kind == ARG_MAC) {
		format_mac(mnl_attr_get_payload(a), ETH_ALEN, buf, sizeof(buf));
		out_str(o, OUT_ANY, key, " %s", buf);
	} else if (k->kind == ARG_ENUM) {
		const char *word = NULL;
		for (size_t j = 0; j < ARRAY_SIZE(proto_values); j++)
			if (proto_values[j] == ntohs((uint16_t)v))
				word = proto_words[j];
		snprintf(buf, sizeof(buf), "%#06x", ntohs((uint16_t)v));
		out_str(o, OUT_ANY, key, " %s", word ? word : buf);
	} else {
		out_u64(o, OUT_ANY, key, " %llu", (unsigned long long)v);
	}
}

/* ---- what a bridge or a port reports and no word sets ---------------------- */

/* How ip prints a fact: a number; "0x8001" (a string in JSON); a timer, in
 * seconds with two decimals (a number in JSON); a bridge id; a group
 * forwarding mask, then its bits by name (group_fwd_mask_str). */
enum fact_form { F_NUM, F_HEX, F_TIMER, F_ID, F_MASK };

struct br_fact {
	struct br_attr a; /* a.key: ip -j's key */
	const char *word; /* ip's word in text */
	enum fact_form form;
};

#define FACT(t, w, k, word_, f)                                                                    \
	{                                                                                          \
		{(t), (w), (k)}, (word_), (f)                                                      \
	}

/* In the order ip -d prints them. */
static const struct br_fact bridge_facts[] = {
    FACT(IFLA_BR_BRIDGE_ID, 0, "bridge_id", "bridge_id", F_ID),
    FACT(IFLA_BR_ROOT_ID, 0, "root_id", "designated_root", F_ID),
    FACT(IFLA_BR_ROOT_PORT, 2, "root_port", "root_port", F_NUM),
    FACT(IFLA_BR_ROOT_PATH_COST, 4, "root_path_cost", "root_path_cost", F_NUM),
    FACT(IFLA_BR_TOPOLOGY_CHANGE, 1, "topology_change", "topology_change", F_NUM),
    FACT(IFLA_BR_TOPOLOGY_CHANGE_DETECTED, 1, "topology_change_detected",
	 "topology_change_detected", F_NUM),
    FACT(IFLA_BR_HELLO_TIMER, 8, "hello_timer", "hello_timer", F_TIMER),
    FACT(IFLA_BR_TCN_TIMER, 8, "tcn_timer", "tcn_timer", F_TIMER),
    FACT(IFLA_BR_TOPOLOGY_CHANGE_TIMER, 8, "topology_change_timer", "topology_change_timer",
	 F_TIMER),
    FACT(IFLA_BR_GC_TIMER, 8, "gc_timer", "gc_timer", F_TIMER),
    FACT(IFLA_BR_GROUP_FWD_MASK, 2, "group_fwd_mask", "group_fwd_mask", F_HEX),
    FACT(IFLA_BR_MCAST_HASH_ELASTICITY, 4, "mcast_hash_elasticity", "mcast_hash_elasticity", F_NUM),
};

static const struct br_fact port_facts[] = {
    FACT(IFLA_BRPORT_ID, 2, "id", "port_id", F_HEX),
    FACT(IFLA_BRPORT_NO, 2, "no", "port_no", F_HEX),
    FACT(IFLA_BRPORT_DESIGNATED_PORT, 2, "designated_port", "designated_port", F_NUM),
    FACT(IFLA_BRPORT_DESIGNATED_COST, 2, "designated_cost", "designated_cost", F_NUM),
    FACT(IFLA_BRPORT_BRIDGE_ID, 0, "bridge_id", "designated_bridge", F_ID),
    FACT(IFLA_BRPORT_ROOT_ID, 0, "root_id", "designated_root", F_ID),
    FACT(IFLA_BRPORT_HOLD_TIMER, 8, "hold_timer", "hold_timer", F_TIMER),
    FACT(IFLA_BRPORT_MESSAGE_AGE_TIMER, 8, "message_age_timer", "message_age_timer", F_TIMER),
    FACT(IFLA_BRPORT_FORWARD_DELAY_TIMER, 8, "forward_delay_timer", "forward_delay_timer", F_TIMER),
    FACT(IFLA_BRPORT_TOPOLOGY_CHANGE_ACK, 1, "topology_change_ack", "topology_change_ack", F_NUM),
    FACT(IFLA_BRPORT_CONFIG_PENDING, 1, "config_pending", "config_pending", F_NUM),
    FACT(IFLA_BRPORT_GROUP_FWD_MASK, 2, "group_fwd_mask", "group_fwd_mask", F_MASK),
};

/* The bits of a group forwarding mask ip names (802.1D's reserved group
 * addresses 01:80:c2:00:00:0X, by X). */
static const char *const fwd_mask_bits[16] = {[0] = "stp", [2] = "lacp", [14] = "lldp"};

/* "stp,0x2,lldp", or "0x0" */
static void format_fwd_mask(uint16_t mask, char *buf, size_t sz)
{
	size_t len = 0;

	buf[0] = '\0';
	for (unsigned i = 0; i < 16 && len < sz; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (fwd_mask_bits[i])
			len += (size_t)snprintf(buf + len, sz - len, "%s%s", len ? "," : "",
						fwd_mask_bits[i]);
		else
			len +=
			    (size_t)snprintf(buf + len, sz - len, "%s%#x", len ? "," : "", 1u << i);
	}
	if (!len)
		snprintf(buf, sz, "0x0");
}

static void print_fact(struct out *o, const struct br_fact *f, const struct nlattr *a)
{
	char buf[128]; /* a mask of 16 bits, each named: "stp,0x2,lacp,0x8,...,0x8000" */
	uint64_t v;

	if (f->form == F_ID) {
		br_format_id(a, buf, sizeof(buf));
		if (!buf[0])
			return;
		out_str(o, OUT_TEXT, NULL, " %s", f->word);
		out_str(o, OUT_ANY, f->a.key, " %s", buf);
		return;
	}
	if (!br_attr_get(a, &f->a, &v))
		return;
	out_str(o, OUT_TEXT, NULL, " %s", f->word);
	switch (f->form) {
	case F_TIMER:
		/* clock_t, in hundredths: ip's seconds */
		snprintf(buf, sizeof(buf), "%llu.%02llu", (unsigned long long)(v / 100),
			 (unsigned long long)(v % 100));
		out_digits(o, OUT_ANY, f->a.key, " %7s", buf);
		break;
	case F_HEX:
	case F_MASK:
		snprintf(buf, sizeof(buf), "%#llx", (unsigned long long)v);
		out_str(o, OUT_ANY, f->a.key, " %s", buf);
		if (f->form == F_MASK) {
			format_fwd_mask((uint16_t)v, buf, sizeof(buf));
			out_str(o, OUT_ANY, "group_fwd_mask_str", " group_fwd_mask_str %s", buf);
		}
		break;
	default:
		out_u64(o, OUT_ANY, f->a.key, " %llu", (unsigned long long)v);
	}
}

/* " no_linklocal_learn 0 mcast_vlan_snooping 0": the options of
 * IFLA_BR_MULTI_BOOLOPT the kernel says it knows (optmask). */
static void print_boolopts(struct out *o, const struct nlattr *a)
{
	static const struct {
		unsigned bit;
		const char *key;
	} opts[] = {{BR_BOOLOPT_NO_LL_LEARN, "no_linklocal_learn"},
		    {BR_BOOLOPT_MCAST_VLAN_SNOOPING, "mcast_vlan_snooping"}};
	const struct br_boolopt_multi *bm;

	if (!a || mnl_attr_get_payload_len(a) < sizeof(*bm))
		return;
	bm = mnl_attr_get_payload(a);
	for (size_t i = 0; i < ARRAY_SIZE(opts); i++) {
		if (!(bm->optmask & (1u << opts[i].bit)))
			continue;
		out_str(o, OUT_TEXT, NULL, " %s", opts[i].key);
		out_uint(o, OUT_ANY, opts[i].key, " %u", !!(bm->optval & (1u << opts[i].bit)));
	}
}

/* What ip -d prints of a bridge or a port, in its order: a word's value
 * (kind_args, port_words), a fact (bridge_facts, port_facts), the bridge's
 * boolean options, or a port's fast leave again under ip's other name. */
enum item_what { IT_WORD, IT_FACT, IT_BOOLOPTS, IT_FASTLEAVE_AGAIN, IT_BACKUP };
struct show_item {
	uint8_t what; /* enum item_what */
	uint8_t i;
};
#define W(i)                                                                                       \
	{                                                                                          \
		IT_WORD, (i)                                                                       \
	}
#define F(i)                                                                                       \
	{                                                                                          \
		IT_FACT, (i)                                                                       \
	}

/* bridge_facts' rows, by name, for the order below. */
enum {
	BF_BRIDGE_ID,
	BF_ROOT_ID,
	BF_ROOT_PORT,
	BF_ROOT_PATH_COST,
	BF_TOPOLOGY_CHANGE,
	BF_TOPOLOGY_CHANGE_DETECTED,
	BF_HELLO_TIMER,
	BF_TCN_TIMER,
	BF_TOPOLOGY_CHANGE_TIMER,
	BF_GC_TIMER,
	BF_GROUP_FWD_MASK,
	BF_MCAST_HASH_ELASTICITY,
};

static const struct show_item bridge_order[] = {
    W(K_FORWARD_DELAY),
    W(K_HELLO_TIME),
    W(K_MAX_AGE),
    W(K_AGEING_TIME),
    W(K_STP_STATE),
    W(K_PRIORITY),
    W(K_VLAN_FILTERING),
    W(K_VLAN_PROTOCOL),
    F(BF_BRIDGE_ID),
    F(BF_ROOT_ID),
    F(BF_ROOT_PORT),
    F(BF_ROOT_PATH_COST),
    F(BF_TOPOLOGY_CHANGE),
    F(BF_TOPOLOGY_CHANGE_DETECTED),
    F(BF_HELLO_TIMER),
    F(BF_TCN_TIMER),
    F(BF_TOPOLOGY_CHANGE_TIMER),
    F(BF_GC_TIMER),
    W(K_VLAN_DEFAULT_PVID),
    W(K_VLAN_STATS_ENABLED),
    W(K_VLAN_STATS_PER_PORT),
    F(BF_GROUP_FWD_MASK),
    W(K_GROUP_ADDRESS),
    W(K_MCAST_SNOOPING),
    {IT_BOOLOPTS, 0},
    W(K_MCAST_ROUTER),
    W(K_MCAST_QUERY_USE_IFADDR),
    W(K_MCAST_QUERIER),
    F(BF_MCAST_HASH_ELASTICITY),
    W(K_MCAST_HASH_MAX),
    W(K_MCAST_LAST_MEMBER_COUNT),
    W(K_MCAST_STARTUP_QUERY_COUNT),
    W(K_MCAST_LAST_MEMBER_INTERVAL),
    W(K_MCAST_MEMBERSHIP_INTERVAL),
    W(K_MCAST_QUERIER_INTERVAL),
    W(K_MCAST_QUERY_INTERVAL),
    W(K_MCAST_QUERY_RESPONSE_INTERVAL),
    W(K_MCAST_STARTUP_QUERY_INTERVAL),
    W(K_MCAST_STATS_ENABLED),
    W(K_MCAST_IGMP_VERSION),
    W(K_MCAST_MLD_VERSION),
    W(K_NF_CALL_IPTABLES),
    W(K_NF_CALL_IP6TABLES),
    W(K_NF_CALL_ARPTABLES),
};

/* port_facts' rows: port_id ... config_pending, then the mask. */
enum { PF_CONFIG_PENDING = 10, PF_GROUP_FWD_MASK };

static const struct show_item port_order[] = {
    W(PO_STATE),
    W(PO_PRIORITY),
    W(PO_COST),
    W(PO_HAIRPIN),
    W(PO_GUARD),
    W(PO_ROOT_BLOCK),
    W(PO_FASTLEAVE),
    W(PO_LEARNING),
    W(PO_FLOOD),
    F(0),
    F(1),
    F(2),
    F(3),
    F(4),
    F(5),
    F(6),
    F(7),
    F(8),
    F(9),
    F(PF_CONFIG_PENDING),
    W(PO_PROXY_ARP),
    W(PO_PROXY_ARP_WIFI),
    W(PO_MCAST_ROUTER),
    {IT_FASTLEAVE_AGAIN, PO_FASTLEAVE},
    W(PO_MCAST_FLOOD),
    W(PO_BCAST_FLOOD),
    W(PO_MCAST_TO_UNICAST),
    W(PO_NEIGH_SUPPRESS),
    F(PF_GROUP_FWD_MASK),
    W(PO_VLAN_TUNNEL),
    W(PO_ISOLATED),
    W(PO_LOCKED),
    {IT_BACKUP, PO_BACKUP_PORT},
};
#undef W
#undef F

/* "    bridge forward_delay 1500 hello_time 200 ... bridge_id 8000.2:a1:b2:c3:d4:e5
 * designated_root ... gc_timer 12.34 ...": the settings worded as link add
 * ... type bridge takes them, then what the bridge reports; ip -j's keys,
 * numbers and units (the timers in seconds, as ip prints them). */
static void bridge_show_kind(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_BR_MAX + 1];

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_BR_MAX);
	for (size_t i = 0; i < ARRAY_SIZE(bridge_order); i++) {
		const struct show_item *it = &bridge_order[i];
		if (it->what == IT_WORD)
			print_kind_value(c->out, it->i, tb[kind_attrs[it->i].type]);
		else if (it->what == IT_FACT)
			print_fact(c->out, &bridge_facts[it->i], tb[bridge_facts[it->i].a.type]);
		else
			print_boolopts(c->out, tb[IFLA_BR_MULTI_BOOLOPT]);
	}
}

/* ---- a port's words --------------------------------------------------------- */

#define ONOFF_ENTRY(k, h)                                                                          \
	{                                                                                          \
		.kw = (k), .kind = ARG_ONOFF, .help = (h)                                          \
	}

const struct arg port_words[PO_NARGS] = {
    [PO_STATE] = BR_STATE_ENTRY("the port's STP state, set by hand (STP off, the bridge up)"),
    [PO_PRIORITY] = {.kw = "priority",
		     .kind = ARG_U32,
		     .max = 63,
		     .help = "the port's STP priority, 0..63"},
    [PO_COST] = {.kw = "cost",
		 .kind = ARG_U32,
		 .min = 1,
		 .max = 65535,
		 .help = "the port's STP path cost, 1..65535"},
    [PO_HAIRPIN] = ONOFF_ENTRY("hairpin", "send frames back out the port they came in on"),
    [PO_GUARD] = ONOFF_ENTRY("guard", "drop the BPDUs that come in on the port"),
    [PO_ROOT_BLOCK] = ONOFF_ENTRY("root_block", "never make the port the root port"),
    [PO_FASTLEAVE] = {.kw = "fastleave",
		      .alias = "mcast_fast_leave",
		      .kind = ARG_ONOFF,
		      .help = "stop a multicast group at once on a leave"},
    [PO_LEARNING] = ONOFF_ENTRY("learning", "learn the addresses behind the port"),
    [PO_FLOOD] = ONOFF_ENTRY("flood", "flood unknown unicast out of the port"),
    [PO_PROXY_ARP] = ONOFF_ENTRY("proxy_arp", "answer ARP for the hosts behind the port"),
    [PO_PROXY_ARP_WIFI] = ONOFF_ENTRY("proxy_arp_wifi", "proxy ARP as 802.11 wants it"),
    [PO_MCAST_ROUTER] = BR_MCAST_ROUTER_ENTRY("multicast router behind the port: 0 no, 1 "
					      "learned, 2 always, 3 for a while"),
    [PO_MCAST_FLOOD] = ONOFF_ENTRY("mcast_flood", "flood unknown multicast out of the port"),
    [PO_BCAST_FLOOD] = ONOFF_ENTRY("bcast_flood", "flood broadcast out of the port"),
    [PO_MCAST_TO_UNICAST] = ONOFF_ENTRY("mcast_to_unicast", "send multicast as unicast copies"),
    [PO_NEIGH_SUPPRESS] = ONOFF_ENTRY("neigh_suppress", "answer ARP and ND for the port"),
    [PO_VLAN_TUNNEL] = ONOFF_ENTRY("vlan_tunnel", "map VLANs to tunnel ids"),
    [PO_ISOLATED] = ONOFF_ENTRY("isolated", "forward only to ports that are not isolated"),
    [PO_LOCKED] = ONOFF_ENTRY("locked", "forward only from addresses in the fdb"),
    [PO_BACKUP_PORT] = {.kw = "backup_port",
			.kind = ARG_IFNAME,
			.metavar = "DEVICE",
			.excludes = PO_NOBACKUP_PORT + 1,
			.help = "the port that takes the traffic when this one's carrier is lost"},
    [PO_NOBACKUP_PORT] = {.kw = "nobackup_port", .kind = ARG_FLAG, .help = "no backup port"},
    [PO_LEARNING_SYNC] =
	ONOFF_ENTRY("learning_sync", "the device's own addresses learned into the bridge's fdb"),
    [PO_FDB_FLUSH] = {.kw = "fdb_flush",
		      .kind = ARG_FLAG,
		      .help = "forget the addresses learned on the port"},
};

const struct br_attr port_attrs[PO_NARGS] = {
    [PO_STATE] = {IFLA_BRPORT_STATE, 1, NULL},
    [PO_PRIORITY] = {IFLA_BRPORT_PRIORITY, 2, NULL},
    [PO_COST] = {IFLA_BRPORT_COST, 4, NULL},
    [PO_HAIRPIN] = {IFLA_BRPORT_MODE, 1, NULL},
    [PO_GUARD] = {IFLA_BRPORT_GUARD, 1, NULL},
    [PO_ROOT_BLOCK] = {IFLA_BRPORT_PROTECT, 1, NULL},
    [PO_FASTLEAVE] = {IFLA_BRPORT_FAST_LEAVE, 1, NULL},
    [PO_LEARNING] = {IFLA_BRPORT_LEARNING, 1, NULL},
    [PO_FLOOD] = {IFLA_BRPORT_UNICAST_FLOOD, 1, NULL},
    [PO_PROXY_ARP] = {IFLA_BRPORT_PROXYARP, 1, NULL},
    [PO_PROXY_ARP_WIFI] = {IFLA_BRPORT_PROXYARP_WIFI, 1, NULL},
    [PO_MCAST_ROUTER] = {IFLA_BRPORT_MULTICAST_ROUTER, 1, "multicast_router"},
    [PO_MCAST_FLOOD] = {IFLA_BRPORT_MCAST_FLOOD, 1, NULL},
    [PO_BCAST_FLOOD] = {IFLA_BRPORT_BCAST_FLOOD, 1, NULL},
    [PO_MCAST_TO_UNICAST] = {IFLA_BRPORT_MCAST_TO_UCAST, 1, NULL},
    [PO_NEIGH_SUPPRESS] = {IFLA_BRPORT_NEIGH_SUPPRESS, 1, NULL},
    [PO_VLAN_TUNNEL] = {IFLA_BRPORT_VLAN_TUNNEL, 1, NULL},
    [PO_ISOLATED] = {IFLA_BRPORT_ISOLATED, 1, NULL},
    [PO_LOCKED] = {IFLA_BRPORT_LOCKED, 1, NULL},
    [PO_BACKUP_PORT] = {IFLA_BRPORT_BACKUP_PORT, 4, NULL},
    [PO_NOBACKUP_PORT] = {IFLA_BRPORT_BACKUP_PORT, 4, NULL},
    [PO_LEARNING_SYNC] = {IFLA_BRPORT_LEARNING_SYNC, 1, NULL},
    [PO_FDB_FLUSH] = {IFLA_BRPORT_FLUSH, 0, NULL},
};

/* IFLA_INFO_SLAVE_DATA { IFLA_BRPORT_* } */
static int port_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		    const struct val *v)
{
	int backup = 0;

	(void)k;
	if (v[PO_BACKUP_PORT].set && (backup = link_index(c, v[PO_BACKUP_PORT].str)) < 0)
		return backup;
	for (size_t i = 0; i < PO_NARGS; i++) {
		const struct arg *a = &port_words[i];
		if (!v[i].set)
			continue;
		if (i == PO_BACKUP_PORT || i == PO_NOBACKUP_PORT)
			br_attr_put(nlh, &port_attrs[i], (uint64_t)backup);
		else
			br_attr_put(nlh, &port_attrs[i],
				    a->kind == ARG_ONOFF || a->kind == ARG_ENUM ? (uint64_t)v[i].e
										: v[i].u);
	}
	return 0;
}

/* " state forwarding priority 32 cost 2 hairpin off ... port_id 0x8001 ...
 * backup_port p1": the words as link set ... type bridge_slave takes them
 * (on/off as true/false in JSON) and what the port reports, in ip -d's
 * order (port_order), with ip -j's keys. */
void br_print_port_words(struct ctx *c, const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_BRPORT_MAX + 1];
	struct out *o = c->out;
	char name[IF_NAMESIZE + 16];
	uint64_t v;

	nl_parse_nested(data, tb, IFLA_BRPORT_MAX);
	for (size_t k = 0; k < ARRAY_SIZE(port_order); k++) {
		size_t i = port_order[k].i;
		const struct arg *a = &port_words[i];
		const char *key = port_attrs[i].key ? port_attrs[i].key : a->kw;

		if (port_order[k].what == IT_FACT) {
			print_fact(o, &port_facts[i], tb[port_facts[i].a.type]);
			continue;
		}
		if (!br_attr_get(tb[port_attrs[i].type], &port_attrs[i], &v))
			continue;
		if (port_order[k].what == IT_FASTLEAVE_AGAIN) {
			/* ip says it twice; JSON has it once */
			out_str(o, OUT_TEXT, NULL, " %s", a->alias);
			out_str(o, OUT_TEXT, NULL, " %s", onoff_words[v != 0]);
		} else if (port_order[k].what == IT_BACKUP) {
			if (!link_name(c, (int)v, name, sizeof(name)))
				snprintf(name, sizeof(name), "if%u", (unsigned)v);
			out_str(o, OUT_TEXT, NULL, " %s", a->kw);
			out_strc(o, OUT_ANY, COL_IFNAME, key, " %s", name);
		} else if (a->kind == ARG_ONOFF) {
			out_str(o, OUT_TEXT, NULL, " %s", a->kw);
			out_str(o, OUT_TEXT, NULL, " %s", onoff_words[v != 0]);
			out_bool(o, OUT_JSON, key, "", v != 0);
		} else if (a->kind == ARG_ENUM) {
			out_str(o, OUT_TEXT, NULL, " %s", a->kw);
			out_str(o, OUT_ANY, key, " %s", br_port_state_word((uint8_t)v));
		} else {
			out_str(o, OUT_TEXT, NULL, " %s", a->kw);
			out_u64(o, OUT_ANY, key, " %llu", (unsigned long long)v);
		}
	}
}

static void port_show_kind(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	(void)k;
	br_print_port_words(c, m->info[IFLA_INFO_SLAVE_DATA]);
}

/* ---- the kind ---------------------------------------------------------------- */

/* What link add and set, bridge add and set, and port words send, by name,
 * for dry run. */
static const struct nl_attr_name bridge_attr_names[IFLA_BR_MAX + 1] = {
    NL_ATTR(IFLA_BR_FORWARD_DELAY, NL_U32),
    NL_ATTR(IFLA_BR_HELLO_TIME, NL_U32),
    NL_ATTR(IFLA_BR_MAX_AGE, NL_U32),
    NL_ATTR(IFLA_BR_AGEING_TIME, NL_U32),
    NL_ATTR(IFLA_BR_STP_STATE, NL_U32),
    NL_ATTR(IFLA_BR_PRIORITY, NL_U16),
    NL_ATTR(IFLA_BR_VLAN_FILTERING, NL_U8),
    NL_ATTR(IFLA_BR_VLAN_PROTOCOL, NL_BE16),
    NL_ATTR(IFLA_BR_VLAN_DEFAULT_PVID, NL_U16),
    NL_ATTR(IFLA_BR_VLAN_STATS_ENABLED, NL_U8),
    NL_ATTR(IFLA_BR_VLAN_STATS_PER_PORT, NL_U8),
    NL_ATTR(IFLA_BR_GROUP_ADDR, NL_MAC),
    NL_ATTR(IFLA_BR_MCAST_SNOOPING, NL_U8),
    NL_ATTR(IFLA_BR_MCAST_ROUTER, NL_U8),
    NL_ATTR(IFLA_BR_MCAST_QUERY_USE_IFADDR, NL_U8),
    NL_ATTR(IFLA_BR_MCAST_QUERIER, NL_U8),
    NL_ATTR(IFLA_BR_MCAST_HASH_MAX, NL_U32),
    NL_ATTR(IFLA_BR_MCAST_LAST_MEMBER_CNT, NL_U32),
    NL_ATTR(IFLA_BR_MCAST_STARTUP_QUERY_CNT, NL_U32),
    NL_ATTR(IFLA_BR_MCAST_LAST_MEMBER_INTVL, NL_BIN),
    NL_ATTR(IFLA_BR_MCAST_MEMBERSHIP_INTVL, NL_BIN),
    NL_ATTR(IFLA_BR_MCAST_QUERIER_INTVL, NL_BIN),
    NL_ATTR(IFLA_BR_MCAST_QUERY_INTVL, NL_BIN),
    NL_ATTR(IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, NL_BIN),
    NL_ATTR(IFLA_BR_MCAST_STARTUP_QUERY_INTVL, NL_BIN),
    NL_ATTR(IFLA_BR_MCAST_STATS_ENABLED, NL_U8),
    NL_ATTR(IFLA_BR_MCAST_IGMP_VERSION, NL_U8),
    NL_ATTR(IFLA_BR_MCAST_MLD_VERSION, NL_U8),
    NL_ATTR(IFLA_BR_NF_CALL_IPTABLES, NL_U8),
    NL_ATTR(IFLA_BR_NF_CALL_IP6TABLES, NL_U8),
    NL_ATTR(IFLA_BR_NF_CALL_ARPTABLES, NL_U8),
};

static const struct nl_attr_name port_attr_names[IFLA_BRPORT_MAX + 1] = {
    NL_ATTR(IFLA_BRPORT_STATE, NL_U8),		NL_ATTR(IFLA_BRPORT_PRIORITY, NL_U16),
    NL_ATTR(IFLA_BRPORT_COST, NL_U32),		NL_ATTR(IFLA_BRPORT_MODE, NL_U8),
    NL_ATTR(IFLA_BRPORT_GUARD, NL_U8),		NL_ATTR(IFLA_BRPORT_PROTECT, NL_U8),
    NL_ATTR(IFLA_BRPORT_FAST_LEAVE, NL_U8),	NL_ATTR(IFLA_BRPORT_LEARNING, NL_U8),
    NL_ATTR(IFLA_BRPORT_UNICAST_FLOOD, NL_U8),	NL_ATTR(IFLA_BRPORT_PROXYARP, NL_U8),
    NL_ATTR(IFLA_BRPORT_PROXYARP_WIFI, NL_U8),	NL_ATTR(IFLA_BRPORT_MULTICAST_ROUTER, NL_U8),
    NL_ATTR(IFLA_BRPORT_MCAST_FLOOD, NL_U8),	NL_ATTR(IFLA_BRPORT_BCAST_FLOOD, NL_U8),
    NL_ATTR(IFLA_BRPORT_MCAST_TO_UCAST, NL_U8), NL_ATTR(IFLA_BRPORT_NEIGH_SUPPRESS, NL_U8),
    NL_ATTR(IFLA_BRPORT_VLAN_TUNNEL, NL_U8),	NL_ATTR(IFLA_BRPORT_ISOLATED, NL_U8),
    NL_ATTR(IFLA_BRPORT_LOCKED, NL_U8),		NL_ATTR(IFLA_BRPORT_FLUSH, NL_FLAG),
    NL_ATTR(IFLA_BRPORT_BACKUP_PORT, NL_U32),	NL_ATTR(IFLA_BRPORT_LEARNING_SYNC, NL_U8),
};

/* No .help: the bridge object (bridge.c) is the module's own, with its
 * words in seconds; link add makes a bridge from .args and .put. */
const struct link_kind bridge_link_kind = {
    .kind = bridge_kind,
    VERB_ARGS(kind_args),
    .put = bridge_put,
    .show = bridge_show_kind,
    KIND_DATA(bridge_attr_names),
    .slave_show = port_show_kind,
    KIND_SLAVE_ARGS(port_words),
    .slave_put = port_put,
    KIND_SLAVE_DATA(port_attr_names),
    .xstats_type = LINK_XSTATS_TYPE_BRIDGE,
    .xstats = bridge_xstats,
};
VNETCTL_LINK_KIND(bridge_link_kind)
