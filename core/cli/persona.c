// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vnetctl under iproute2's names: the programs it can be, each with its
 * command table and its options in the order its own main() tries them
 * (iproute2 6.1's ip/ip.c and bridge/bridge.c), so that an abbreviation
 * means what it means there: `ip a` address, `ip m` maddress, `bridge m`
 * mdb.  Only data, and the lookups the dispatcher and main make in it.
 */
#include <string.h>

#include "args.h"
#include "dispatch.h"
#include "persona.h"

/* The word that asks for help, for every program: dispatch.c compares
 * words with this array's address.  Defined here, the lowest of the three
 * files that use it, so that calls go one way (persona <- args <- dispatch). */
const char word_help[] = "help";

/* A target that is no object: the command is none of vnetctl's. */
const char PROG_UNLIKE[] = "";

/* ip/ip.c's cmds[], in its order.  A name vnetctl has no object for is kept
 * all the same: `ip m` is maddress, never monitor or macvlan; and one whose
 * namesake object is another thing: `ip x` is ip's xfrm, not the kind. */
static const struct prog_cmd ip_cmds[] = {
    {"address", "addr"},    {"addrlabel", NULL},   {"maddress", NULL},
    {"route", NULL},	    {"rule", NULL},	   {"neighbor", "neigh"},
    {"neighbour", "neigh"}, {"ntable", NULL},	   {"ntbl", "ntable"},
    {"link", NULL},	    {"l2tp", NULL},	   {"fou", NULL},
    {"ila", NULL},	    {"macsec", NULL},	   {"tunnel", NULL},
    {"tunl", "tunnel"},	    {"tuntap", NULL},	   {"tap", "tuntap"},
    {"token", NULL},	    {"tcpmetrics", NULL},  {"tcp_metrics", "tcpmetrics"},
    {"monitor", NULL},	    {"xfrm", PROG_UNLIKE}, {"mroute", NULL},
    {"mrule", NULL},	    {"netns", NULL},	   {"netconf", NULL},
    {"vrf", NULL},	    {"sr", NULL},	   {"nexthop", NULL},
    {"mptcp", NULL},	    {"ioam", NULL},	   {word_help, NULL},
    {"stats", NULL},
};

/* ip's main(): the options in the order it tries them. */
static const unsigned char ip_opts[] = {
    G_LOOPS,  G_FAMILY,	 G_INET,  G_INET6,   G_PACKET,	G_MPLS,	   G_BRIDGE,
    G_HUMAN,  G_IEC,	 G_STATS, G_DETAILS, G_RESOLVE, G_ONELINE, G_TSTAMP,
    G_TSHORT, G_VERSION, G_FORCE, G_BATCH,   G_BRIEF,	G_JSON,	   G_PRETTY,
    G_RCVBUF, G_COLOR,	 G_HELP,  G_NETNS,   G_NUMERIC, G_ALL,	   G_ECHO,
};

/* bridge/bridge.c's cmds[]: its objects are verbs of vnetctl's bridge. */
static const struct prog_cmd bridge_cmds[] = {
    {"link", "port"}, {"fdb", NULL},	 {"mdb", NULL},	    {"vlan", NULL},
    {"vni", NULL},    {"monitor", NULL}, {word_help, NULL},
};

static const unsigned char bridge_opts[] = {
    G_HELP,  G_VERSION, G_STATS, G_DETAILS, G_ONELINE, G_TSTAMP, G_FAMILY, G_INET,
    G_INET6, G_NETNS,	G_COLOR, G_FORCE,   G_JSON,    G_PRETTY, G_BATCH,
};

static const struct program programs[] = {
    [PERSONA_IP] = {.name = "ip",
		    .cmds = ip_cmds,
		    .ncmds = ARRAY_SIZE(ip_cmds),
		    .opts = ip_opts,
		    .nopts = ARRAY_SIZE(ip_opts)},
    [PERSONA_BRIDGE] = {.name = "bridge",
			.cmds = bridge_cmds,
			.ncmds = ARRAY_SIZE(bridge_cmds),
			.cmds_are_verbs = true,
			.opts = bridge_opts,
			.nopts = ARRAY_SIZE(bridge_opts)},
};

enum persona persona_of_argv0(const char *argv0)
{
	const char *base = strrchr(argv0, '/');

	base = base ? base + 1 : argv0;
	for (size_t p = 0; p < ARRAY_SIZE(programs); p++)
		if (programs[p].name && !strcmp(programs[p].name, base))
			return (enum persona)p;
	return PERSONA_VNETCTL;
}

const struct program *program_of(enum persona p)
{
	return (size_t)p < ARRAY_SIZE(programs) && programs[p].name ? &programs[p] : NULL;
}

const struct prog_cmd *program_cmd(const struct program *p, const char *w)
{
	for (size_t i = 0; i < p->ncmds; i++)
		if (ip_matches(w, p->cmds[i].name))
			return &p->cmds[i];
	return NULL;
}

const char *prog_cmd_target(const struct prog_cmd *cmd)
{
	return cmd->target ? cmd->target : cmd->name;
}

const struct program *program_of_root(const struct object *o)
{
	for (size_t p = 0; p < ARRAY_SIZE(programs); p++)
		if (programs[p].cmds_are_verbs && !strcmp(programs[p].name, o->name))
			return &programs[p];
	return NULL;
}
