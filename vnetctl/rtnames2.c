// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/rtnetlink.h>
#include <stdio.h>

#include "core.h"
#include "rtnames2.h"

/* iproute2's rt_tables. */
const char *const rt_table_words[] = {"default", "main", "local", NULL};
const uint32_t rt_table_values[] = {RT_TABLE_DEFAULT, RT_TABLE_MAIN, RT_TABLE_LOCAL};

const char *rt_table_word(uint32_t id, char *buf, size_t sz)
{
	for (size_t i = 0; i < ARRAY_SIZE(rt_table_values); i++)
		if (rt_table_values[i] == id)
			return rt_table_words[i];
	snprintf(buf, sz, "%u", id);
	return buf;
}

/* iproute2's rt_protos. */
static const char *const proto_words[256] = {
    [RTPROT_UNSPEC] = "unspec",
    [RTPROT_REDIRECT] = "redirect",
    [RTPROT_KERNEL] = "kernel",
    [RTPROT_BOOT] = "boot",
    [RTPROT_STATIC] = "static",
    [RTPROT_GATED] = "gated",
    [RTPROT_RA] = "ra",
    [RTPROT_MRT] = "mrt",
    [RTPROT_ZEBRA] = "zebra",
    [RTPROT_BIRD] = "bird",
    [RTPROT_DNROUTED] = "dnrouted",
    [RTPROT_XORP] = "xorp",
    [RTPROT_NTK] = "ntk",
    [RTPROT_DHCP] = "dhcp",
    [RTPROT_MROUTED] = "mrouted",
    [RTPROT_KEEPALIVED] = "keepalived",
    [RTPROT_BABEL] = "babel",
    [RTPROT_BGP] = "bgp",
    [RTPROT_ISIS] = "isis",
    [RTPROT_OSPF] = "ospf",
    [RTPROT_RIP] = "rip",
    [RTPROT_EIGRP] = "eigrp",
};

const char *rt_proto_word(uint8_t proto, char *buf, size_t sz)
{
	if (proto_words[proto])
		return proto_words[proto];
	snprintf(buf, sz, "%u", proto);
	return buf;
}
