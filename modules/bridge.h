/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bridge object's own: what its changing verbs (modules/bridge.c) and
 * its reading side (modules/bridge_show.c) share.  No other module
 * includes it.
 */
#ifndef VNETCTL_BRIDGE_H
#define VNETCTL_BRIDGE_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>

#include "core.h"

/* ---- in bridge.c: the words and the arguments ---------------------------- */

/* IFLA_INFO_KIND of a bridge and of its ports' IFLA_INFO_SLAVE_KIND. */
extern const char bridge_kind[];

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

/* show prints each setting by its keyword in add's table. */
extern const struct arg add_args[A_NARGS];

enum fdb_arg { F_CMD, F_BR, F_DEV, F_NARGS };

/* ---- in bridge.c: the settings' IFLA_BR_* attributes --------------------- */

struct br_attr {
	int arg;	 /* its keyword, in add_args */
	uint16_t type;	 /* IFLA_BR_* */
	uint8_t width;	 /* bytes */
	const char *key; /* the JSON key, when ip -j names it otherwise */
};

/* One row per setting, in the order show prints them; bridge.c fills each. */
#define BR_NATTRS 7
extern const struct br_attr br_attrs[BR_NATTRS];

/* "15", "2.5", "0.04": seconds as brctl takes them. */
const char *br_format_seconds(uint32_t hundredths, char *buf, size_t sz);

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

/* ---- in bridge_show.c: the verbs ----------------------------------------- */

int bridge_show(struct ctx *c, const struct val *v);
int bridge_fdb(struct ctx *c, const struct val *v);

#endif
