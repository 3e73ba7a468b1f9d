/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The topo object's own: a topology file, read (modules/topo_parse.c) into
 * what it describes, which modules/topo.c compares with the kernel's state
 * and applies through vnetctl's own verbs.  No other module includes it.
 */
#ifndef VNETCTL_TOPO_PARSE_H
#define VNETCTL_TOPO_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#include "core.h"

/* A device in a namespace: ns is "" for the caller's. */
struct topo_ref {
	const char *ns, *dev;
	int line;
};

struct topo_ns {
	const char *name;
	int line;
};

struct topo_bridge {
	struct topo_ref br;
};

/* A bridge's port: dev, in the bridge's namespace. */
struct topo_port {
	struct topo_ref dev;
	const char *bridge;
};

struct topo_veth {
	struct topo_ref a, b;
	int line;
};

struct topo_addr {
	struct topo_ref dev;
	const char *text; /* as written */
	struct inet_prefix p;
};

struct topo_route {
	const char *ns;
	const char *to, *via; /* as written */
	struct inet_prefix dst, gw;
	int line;
};

#define TOPO_LIST(type, name)                                                                      \
	struct {                                                                                   \
		type *v;                                                                           \
		size_t n;                                                                          \
	} name

/* Everything a file describes, in the order it is applied. */
struct topo {
	const char *file;
	TOPO_LIST(struct topo_ns, nss);
	TOPO_LIST(struct topo_bridge, bridges);
	TOPO_LIST(struct topo_veth, veths);
	TOPO_LIST(struct topo_port, ports);
	TOPO_LIST(struct topo_addr, addrs);
	TOPO_LIST(struct topo_ref, ups); /* devices set up: the up list's and each `up: true` */
	TOPO_LIST(struct topo_route, routes);
	TOPO_LIST(char *, strs); /* the text every name points into */
};

/* Read FILE: 0, or a negative error with the reason (FILE:LINE:COLUMN: what)
 * in c->reason: -VN_EUSAGE for a file that is not a topology, else -errno
 * (the file cannot be read). */
int topo_read(struct ctx *c, const char *file, struct topo *t);
void topo_free(struct topo *t);

#endif
