/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Named network namespaces (bind mounts under /run/netns, as `ip netns`
 * makes them) and their ids (nsids), shared by the netns object and every
 * object that shows where a device's peer lives (veth, later tunnels).
 * Implemented in vnetctl/netnsutil.c.
 */
#ifndef VNETCTL_NETNSUTIL_H
#define VNETCTL_NETNSUTIL_H

#include <stddef.h>

#include "core.h"

/* The nsid the current namespace has given the namespace open on fd, or
 * -1 when it has none (RTM_GETNSID with NETNSA_FD). */
int netns_nsid_of_fd(struct ctx *c, int fd);

/* The name under /run/netns of the namespace the current namespace knows as
 * nsid, copied into buf; NULL when no named namespace has that id. */
const char *netns_name_of_nsid(struct ctx *c, int nsid, char *buf, size_t sz);

#endif
