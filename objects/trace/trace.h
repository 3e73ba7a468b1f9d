/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * trace: what the files of objects/trace/ share.  trace.c is the object
 * (its table, the packet read from it, the run), trace_ask.c what is asked
 * of the kernel in one namespace (devices, the route lookup, neighbours,
 * settings, a device's impairment), trace_walk.c the walk from hop to hop,
 * trace_l2.c what a frame meets below the route (sizes, neighbours,
 * macvlan and ipvlan, a bridge's VLANs), trace_verify.c the probe that
 * checks a prediction against the kernel, trace_out.c what is printed.
 * struct trace_pkt is the packet traced, as every file (and the nftables
 * evaluator) sees it.
 */
#ifndef VNETCTL_TRACE_H
#define VNETCTL_TRACE_H

#include <net/if.h> /* before the kernel's headers, which then leave it be */

#include <limits.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core.h"
#include "tnl.h"

/* The packet: its addresses, protocol and ports, as it is at a hook. */
struct trace_pkt {
	int family;
	uint8_t saddr[16], daddr[16];
	uint8_t proto;
	uint16_t sport, dport;
	uint8_t icmp_type;
	uint32_t mark;
	char iif[IFNAMSIZ], oif[IFNAMSIZ];
	unsigned len;
	bool reply; /* ct state established when true, new when false */
	bool stray; /* a reply in a namespace its request never crossed: no
		     * connection there (conntrack finds it invalid, or new) */
};

#define TRACE_MAX_HOPS 32

/* A device as the trace needs it, read inside the namespace it is in. */
struct dev {
	int index, link, link_nsid, master;
	unsigned flags;
	char name[IFNAMSIZ], kind[32], slave_kind[32];
	int port_state; /* a bridge port's, else -1 */
	unsigned mtu;
	uint32_t mode;	     /* macvlan's or ipvlan's mode */
	uint16_t ipv_flags;  /* ipvlan's flags (private, vepa) */
	bool vlan_filtering; /* a bridge's */
	int vlan_id;	     /* a vlan device's */
	struct tnl tnl;	     /* a gre or ipip tunnel's outer addresses */
	bool tunnel;
};

/* A path's impairment: the delays added, the chance a packet survives
 * each loss multiplied. */
struct trace_impair {
	uint64_t delay_us, jitter_us;
	double pass; /* 1 - loss */
	int n;	     /* impaired hops */
};

struct trace {
	struct ctx *c;
	struct ctx wc; /* requests go to a socket made in the current namespace */
	int home;      /* the namespace trace started in */
	char ns[NAME_MAX + 1];
	struct trace_pkt pkt; /* the packet as it is now */
	bool has_src;
	bool df, back;	  /* don't fragment; tracing the reply */
	unsigned cur_len; /* the packet's size here (fragments: each piece) */
	int hops;
	struct trace_impair imp;    /* this direction's */
	char imp_list[512];	    /* "r2/to-r3: delay 20ms loss 1%; ..." */
	char dest_ns[NAME_MAX + 1]; /* where the packet was delivered */
};

/* Every device of the current namespace, up to DEVS_MAX. */
#define DEVS_MAX 256
struct devs {
	struct dev d[DEVS_MAX];
	size_t n;
};

/* The kernel's answer to a route lookup. */
struct lookup {
	int err; /* the kernel's answer: 0, or its errno */
	uint8_t type, table_ok;
	uint32_t table;
	int oif;
	bool has_gw, has_src;
	uint8_t gw[16], prefsrc[16];
	unsigned mtu; /* the route's mtu metric, 0 none */
};

struct neigh_find {
	int family, ifindex, nda; /* NDA_DST on a device, or NDA_LLADDR under a bridge */
	const uint8_t *key;
	size_t klen;
	bool found;
	uint16_t state;
	int port;
	uint8_t mac[6];
};

/* trace_ask.c: the current namespace asked */
int trace_ns_go(struct trace *t, int fd, const char *name);
int trace_here(struct trace *t);
int trace_devs_read(struct trace *t, struct devs *l);
int trace_dev_read(struct trace *t, int index, struct dev *d);
void trace_lookup(struct trace *t, const uint8_t *dst, int iif, struct lookup *l);
int trace_neigh_find(struct trace *t, struct neigh_find *f);
bool trace_owns(struct trace *t, const uint8_t *addr, int dev);
int trace_conf_read(const char *dev, const char *key);
bool trace_rp_strict(const char *dev);

/* trace_l2.c: below the route */
/* the packet out of d fits its MTU (or route_mtu, the route's, when
 * smaller): routed, it is fragmented without df (IPv6's only where it is
 * made); else the stop */
enum trace_fit { FIT_L2, FIT_MADE, FIT_FORWARDED };
int trace_fits(struct trace *t, const struct dev *d, unsigned route_mtu, enum trace_fit how);
/* the neighbour entry of nh on d: FAILED stops, INCOMPLETE may */
int trace_neigh_check(struct trace *t, const struct dev *d, const struct neigh_find *mac);
/* out of macvlan or ipvlan d towards nh: the sibling or lower device that
 * takes it (entered), *next filled; 1 when delivered to a sibling's stack */
int trace_mvlan(struct trace *t, const struct dev *d, const uint8_t *nh, struct dev *next);
/* the impairment of d, the device the packet leaves by: a hop and the sum */
int trace_impair_hop(struct trace *t, const struct dev *d);

/* trace_out.c: what is printed */
void trace_hop(struct trace *t, const char *dev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int trace_stop(struct trace *t, const char *dev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *trace_addr_str(const struct trace *t, const uint8_t *a, char *buf, size_t sz);
/* a hop that may stop the packet, which goes on */
void trace_warn(struct trace *t, const char *dev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* an impaired device's hop, added to the direction's sum */
struct qdisc_impair;
void trace_impair_put(struct trace *t, const char *dev, const struct qdisc_impair *im);
/* the direction's impairment summed, after its hops */
void trace_impair_sum(struct trace *t);
/* the packet, described once before the hops */
void trace_pkt_print(struct trace *t);

/* trace_verify.c: the probe sent as described; 1 the kernel agreed */
struct trace_verdict {
	struct trace_pkt pkt;	    /* the packet as it set out, its source found */
	bool reached, back_reached; /* the prediction */
	bool oneway;
};
int trace_verify(struct trace *t, const struct trace_verdict *p);

/* trace_vlan.c: through bridge br from port in (0: the bridge itself) to
 * port out (br: the bridge itself) under VLAN filtering: the stop, or 0
 * and *tagged the VLAN the frame leaves out with (0: untagged) */
int trace_vlan(struct trace *t, const struct dev *br, int in, const struct dev *out, int *tagged);
/* the vlan device on d (here) of VLAN vid that takes a tagged frame in, or
 * the stop */
int trace_vlan_in(struct trace *t, const struct dev *d, int vid, struct dev *vdev);

/* trace_walk.c: from the current namespace on to where the packet stops */
int trace_walk(struct trace *t, const uint8_t *dst, int iif, int depth);

#endif
