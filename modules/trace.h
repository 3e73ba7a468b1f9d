/* SPDX-License-Identifier: GPL-2.0-or-later */
/* trace: what the walk and its printing (trace.c) and the steps beyond a
 * device (trace_dev.c: veth peers, bridges, tunnels) share. */
#ifndef VNETCTL_TRACE_H
#define VNETCTL_TRACE_H

#include <net/if.h> /* before the kernel's headers, which then leave it be */

#include <limits.h>
#include <linux/if_tunnel.h> /* tnl.h's */
#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "tnl.h"

/* A device as the trace needs it, read inside the namespace it is in. */
struct dev {
	int index, link, link_nsid, master;
	unsigned flags;
	char name[IFNAMSIZ], kind[32], slave_kind[32];
	int port_state; /* a bridge port's, else -1 */
	struct tnl tnl; /* a gre or ipip tunnel's outer addresses */
	bool tunnel;
};

struct trace {
	struct ctx *c;
	struct ctx wc; /* requests go to a socket made in the current namespace */
	int home;      /* the namespace trace started in */
	char ns[NAME_MAX + 1];
	int family;
	uint8_t dst[16], src[16];
	bool has_src;
	int hops;
};

struct lookup {
	int err; /* the kernel's answer: 0, or its errno */
	uint8_t type, table_ok;
	uint32_t table;
	int oif;
	bool has_gw, has_src;
	uint8_t gw[16], prefsrc[16];
};

/* ---- trace.c ---------------------------------------------------------------- */

/* The kernel's route to dst in the current namespace, for a packet that
 * came in by iif (0: made here). */
void trace_lookup(struct trace *t, const uint8_t *dst, int iif, struct lookup *l);

/* One hop printed; stop: the last, with its reason, and the error line's. */
void trace_hop(struct trace *t, const char *dev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int trace_stop(struct trace *t, const char *dev, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *trace_addr_str(const struct trace *t, const uint8_t *a, char *buf, size_t sz);

/* Whether addr is the current namespace's own; dev (0: none), a device
 * whose vrf's table is asked too. */
bool trace_owns(struct trace *t, const uint8_t *addr, int dev);

/* A lookup for dst in the current namespace, for a packet in by iif (0:
 * made here), and on from the device it picks. */
int trace_walk(struct trace *t, const uint8_t *dst, int iif, int depth);

/* ---- trace_dev.c ------------------------------------------------------------ */

/* The device of that index in the current namespace. */
int trace_dev_read(struct trace *t, int index, struct dev *d);

/* Out of device d (in the current namespace) towards next hop nh. */
int trace_leave_by(struct trace *t, struct dev *d, const uint8_t *dst, const uint8_t *nh,
		   int depth);

/* A gre or ipip tunnel: its remote traced in the underlay first. */
int trace_tunnel_cross(struct trace *t, const struct dev *d, const uint8_t *dst, int depth);

#endif
