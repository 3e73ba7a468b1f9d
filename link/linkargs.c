// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The words `ip link add` takes for a device of any kind, spelled once: the
 * table link add, every KIND add and veth's peer read (see kind.h).
 */
#include <stdint.h>

#include "kind.h"

/* Group 0's name, as ip's /etc/iproute2/group has it. */
const char *const link_group_words[] = {"default", NULL};
const uint32_t link_group_values[] = {0};

const struct arg link_add_args[LA_NARGS] = {
    [LA_LINK] = {.kw = "link",
		 .kind = ARG_IFNAME,
		 .metavar = "DEV",
		 .help = "the lower device (kinds made on another device)",
		 .ip_order = IPO_LINK},
    [LA_NAME] = {.kw = "name",
		 .alias = "dev",
		 .kind = ARG_IFNAME,
		 .flags = ARGF_POSITIONAL | ARGF_SUBJECT | ARGF_NEW | ARGF_IP_EXACT,
		 .metavar = "NAME",
		 .help = "the new device (the keyword may be left out; none: the kernel names it)",
		 .ip_order = IPO_NAME},
    [LA_ADDRESS] = LINK_WORD_ADDRESS("the link-layer address"),
    [LA_BROADCAST] = LINK_WORD_BROADCAST("the link-layer broadcast address"),
    [LA_MTU] = LINK_WORD_MTU(1, INT32_MAX, "the largest packet the device sends, in bytes"),
    [LA_TXQUEUELEN] = LINK_WORD_TXQUEUELEN,
    [LA_NUMTXQUEUES] = {.kw = "numtxqueues",
			.kind = ARG_U32,
			.min = 1,
			.max = 4096,
			.metavar = "N",
			.help = "how many transmit queues",
			.ip_order = IPO_NUMTXQUEUES},
    [LA_NUMRXQUEUES] = {.kw = "numrxqueues",
			.kind = ARG_U32,
			.min = 1,
			.max = 4096,
			.metavar = "N",
			.help = "how many receive queues",
			.ip_order = IPO_NUMRXQUEUES},
    [LA_NETNS] = LINK_WORD_NETNS("make it in a named namespace, or in a process's"),
    [LA_GROUP] =
	LINK_WORD_GROUP(0, "the interface group (a number; 0, the default group, by default)"),
    [LA_MASTER] = LINK_WORD_MASTER(0, "enslave it to a bridge, bond or vrf at once"),
    [LA_UP] = LINK_WORD_UP(0, "bring it up at once"),
    [LA_INDEX] = {.kw = "index",
		  .kind = ARG_U32,
		  .flags = ARGF_IP_EXACT,
		  .min = 1,
		  .max = INT32_MAX,
		  .metavar = "N",
		  .help = "the interface index it gets (none: the kernel's next free one)",
		  .ip_order = IPO_INDEX},
    [LA_ALIAS] = LINK_WORD_ALIAS("a description, up to 255 bytes"),
    [LA_GSO_MAX_SIZE] =
	LINK_WORD_SIZE("gso_max_size", UINT32_MAX, "the largest GSO packet, in bytes"),
    [LA_GSO_MAX_SEGS] =
	LINK_WORD_SIZE("gso_max_segs", LINK_GSO_MAX_SEGS, "the most segments of a GSO packet"),
    [LA_GRO_MAX_SIZE] =
	LINK_WORD_SIZE("gro_max_size", UINT32_MAX, "the largest GRO packet, in bytes"),
    [LA_TYPE] =
	{.kw = "type",
	 .kind = ARG_KIND,
	 .flags = ARGF_REQUIRED,
	 .ip_order = IPO_TYPE,
	 .metavar = "KIND",
	 .help = "the kind, then its own words (type help: the kinds; type KIND help: its words)"},
};
