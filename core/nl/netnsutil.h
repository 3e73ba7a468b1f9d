/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Named network namespaces (bind mounts under /run/netns, as `ip netns`
 * makes them) and their ids (nsids), shared by the netns object and every
 * object that shows where a device's peer lives (veth, later tunnels).
 * Implemented in core/nl/netnsutil.c.
 */
#ifndef VNETCTL_NETNSUTIL_H
#define VNETCTL_NETNSUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "core.h"

/* The calling thread's own network namespace. */
#define SELF_NETNS "/proc/thread-self/ns/net"

/* The nsid the current namespace has given the namespace open on fd, or
 * -1 when it has none (RTM_GETNSID with NETNSA_FD). */
int netns_nsid_of_fd(struct ctx *c, int fd);

/* The name under /run/netns of the namespace the current namespace knows as
 * nsid, copied into buf; NULL when no named namespace has that id. */
const char *netns_name_of_nsid(struct ctx *c, int nsid, char *buf, size_t sz);
/* Whether the current namespace has an id for itself.  Until it has, any
 * request that makes the kernel describe to it a device elsewhere whose
 * link is here (RTM_GETLINK of a veth's peer by IFLA_TARGET_NETNSID) gives
 * it one (peernet2id_alloc): a show must not. */
bool netns_has_own_id(struct ctx *c);
/* The namespace the current one knows as nsid, open (O_RDONLY), found
 * through a process in it (/proc/PID/ns/net); -1 when no process is. */
int netns_open_nsid(struct ctx *c, int nsid);
/* The class/net directory of the sysfs of the namespace open on nsfd, a
 * sysfs mounted where no one else sees it, gone with the descriptor.  -1
 * when it cannot be made (CAP_SYS_ADMIN is needed). */
int netns_sysfs_net(int nsfd);

#endif
