// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What bridge fdb's two files share: bridge_fdb.c (the commands' table, the
 * changes, flush and the dispatch) calls bridge_fdb_show.c (show and get,
 * their words and the printer), never the other way.
 */
#ifndef VNETCTL_BRIDGE_FDB_H
#define VNETCTL_BRIDGE_FDB_H

#include "core.h"

/* Words more than one command takes, written once (bridge_fdb_show.c). */
extern const char fdb_word_dynamic[], fdb_word_static[], fdb_word_permanent[],
    fdb_word_extern_learn[], fdb_word_sticky[], fdb_word_self[], fdb_word_master[],
    fdb_word_router[], fdb_word_vlan[];

#define PORT_ENTRY(h)                                                                              \
	{                                                                                          \
		.kw = "brport", .alias = br_dev_word, .kind = ARG_IFNAME, .metavar = "PORT",       \
		.help = (h)                                                                        \
	}
#define VLAN_ENTRY(h)                                                                              \
	{                                                                                          \
		.kw = fdb_word_vlan, .kind = ARG_U32, .max = 4095, .metavar = "VID", .help = (h)   \
	}
#define FLAG_ENTRY(k, h)                                                                           \
	{                                                                                          \
		.kw = (k), .kind = ARG_FLAG, .help = (h)                                           \
	}
#define SELF_ENTRY(h)	FLAG_ENTRY(fdb_word_self, h)
#define MASTER_ENTRY(h) FLAG_ENTRY(fdb_word_master, h)

enum { FS_BR, FS_BR_KW, FS_PORT, FS_VLAN, FS_STATE, FS_DYNAMIC, FS_NARGS };
extern const struct arg fdb_show_words[FS_NARGS];
/* get's words: the entry's address and where to look it up, the bridge
 * (br) or a port (its bridge's table; self: the device's own). */
enum { FG_LLADDR, FG_BR, FG_PORT, FG_VNI, FG_SELF, FG_MASTER, FG_VLAN, FG_DYNAMIC, FG_NARGS };
extern const struct arg fdb_get_words[FG_NARGS];

/* The entries the words select, or the one get finds, printed as bridge(8)
 * prints them (w: the command's parsed words). */
int fdb_show(struct ctx *c, const struct val *w);
int fdb_get(struct ctx *c, const struct val *w);

#endif
