// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A bridge's extended counters, and its ports' (link xstats type bridge,
 * type bridge_slave): the multicast counters the bridge keeps (IGMP and MLD
 * by message and version, each received and sent) and, for a port, its STP
 * counters, as ip link xstats prints them.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if_bridge.h>
#include <libmnl/libmnl.h>
#include <string.h>

#include "bridge.h"
#include "out.h"

/* Every line is under the device's name, this far in. */
#define IND "                    "

/* "IGMP queries:" and its RX and TX lines of n versions ("v1 0 v2 0"),
 * {rx_v1, ..., tx_v1, ...} in JSON; v[i][dir] the counter of version i+1. */
static void by_version(struct out *o, const char *title, const char *key, const __u64 *const v[],
		       int n)
{
	static const char *const keys[2][3] = {{"rx_v1", "rx_v2", "rx_v3"},
					       {"tx_v1", "tx_v2", "tx_v3"}};

	out_text(o, IND "%s:\n", title);
	out_obj_open(o, key);
	for (int dir = BR_MCAST_DIR_RX; dir <= BR_MCAST_DIR_TX; dir++) {
		out_text(o, IND "  %s:", dir == BR_MCAST_DIR_RX ? "RX" : "TX");
		for (int i = 0; i < n; i++) {
			out_text(o, " v%d", i + 1);
			out_u64(o, OUT_ANY, keys[dir][i], " %llu", v[i][dir]);
		}
		out_text(o, "\n");
	}
	out_obj_close(o);
}

/* "IGMP leaves: RX: 0 TX: 0", {rx, tx} in JSON. */
static void rx_tx(struct out *o, const char *title, const char *key, const __u64 v[])
{
	out_text(o, IND "%s:", title);
	out_obj_open(o, key);
	out_u64(o, OUT_ANY, "rx", " RX: %llu", v[BR_MCAST_DIR_RX]);
	out_u64(o, OUT_ANY, "tx", " TX: %llu", v[BR_MCAST_DIR_TX]);
	out_obj_close(o);
	out_text(o, "\n");
}

static void print_mcast(struct out *o, const struct nlattr *a)
{
	struct br_mcast_stats m = {0};
	size_t len = mnl_attr_get_payload_len(a);

	memcpy(&m, mnl_attr_get_payload(a), len < sizeof(m) ? len : sizeof(m));
	const __u64 *const igmp_q[] = {m.igmp_v1queries, m.igmp_v2queries, m.igmp_v3queries};
	const __u64 *const igmp_r[] = {m.igmp_v1reports, m.igmp_v2reports, m.igmp_v3reports};
	const __u64 *const mld_q[] = {m.mld_v1queries, m.mld_v2queries};
	const __u64 *const mld_r[] = {m.mld_v1reports, m.mld_v2reports};

	out_obj_open(o, "multicast");
	by_version(o, "IGMP queries", "igmp_queries", igmp_q, 3);
	by_version(o, "IGMP reports", "igmp_reports", igmp_r, 3);
	rx_tx(o, "IGMP leaves", "igmp_leaves", m.igmp_leaves);
	out_u64(o, OUT_ANY, "igmp_parse_errors", IND "IGMP parse errors: %llu\n",
		m.igmp_parse_errors);
	by_version(o, "MLD queries", "mld_queries", mld_q, 2);
	by_version(o, "MLD reports", "mld_reports", mld_r, 2);
	rx_tx(o, "MLD leaves", "mld_leaves", m.mld_leaves);
	out_u64(o, OUT_ANY, "mld_parse_errors", IND "MLD parse errors: %llu\n", m.mld_parse_errors);
	out_obj_close(o);
}

static void print_stp(struct out *o, const struct nlattr *a)
{
	struct bridge_stp_xstats s = {0};
	size_t len = mnl_attr_get_payload_len(a);

	memcpy(&s, mnl_attr_get_payload(a), len < sizeof(s) ? len : sizeof(s));
	out_obj_open(o, "stp");
	out_u64(o, OUT_ANY, "rx_bpdu", IND "STP BPDU:  RX: %llu", s.rx_bpdu);
	out_u64(o, OUT_ANY, "tx_bpdu", " TX: %llu\n", s.tx_bpdu);
	out_u64(o, OUT_ANY, "rx_tcn", IND "STP TCN:   RX: %llu", s.rx_tcn);
	out_u64(o, OUT_ANY, "tx_tcn", " TX: %llu\n", s.tx_tcn);
	out_u64(o, OUT_ANY, "transition_blk", IND "STP Transitions: Blocked: %llu",
		s.transition_blk);
	out_u64(o, OUT_ANY, "transition_fwd", " Forwarding: %llu\n", s.transition_fwd);
	out_obj_close(o);
}

void bridge_xstats(struct ctx *c, const struct nlattr *nest, bool igmp)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, nest)
	{
		if (mnl_attr_get_type(a) == BRIDGE_XSTATS_MCAST)
			print_mcast(c->out, a);
		else if (mnl_attr_get_type(a) == BRIDGE_XSTATS_STP && !igmp)
			print_stp(c->out, a);
	}
}
