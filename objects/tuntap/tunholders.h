/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The processes that hold tun and tap devices open (objects/tuntap/tunholders.c),
 * found through /proc for `tuntap show` and `tuntap del`'s messages.
 */
#ifndef VNETCTL_TUNHOLDERS_H
#define VNETCTL_TUNHOLDERS_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "out.h"

#define COMM_SZ 17 /* /proc/PID/comm: up to 15 bytes and a newline */

struct holder {
	int pid;
	char comm[COMM_SZ];
	char ifname[IFNAMSIZ];
};

struct holders {
	struct holder *v;
	size_t n, cap;
};

void holders_free(struct holders *h);
/* Every process in this network namespace with a tun file open, scanned
 * once per command however many devices are shown. */
void holders_scan(struct holders *h);
/* "python3(3601) cat(123)": those holding ifname, for messages. */
void holders_format(const struct holders *h, const char *ifname, char *buf, size_t sz);
/* " Attached to processes: cat(123)" (without label: " cat(123)"); JSON
 * "processes": [{pid, comm}]. */
void print_holders(struct out *o, const struct holders *h, const char *ifname, bool label);

#endif
