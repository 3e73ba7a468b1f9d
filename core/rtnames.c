// SPDX-License-Identifier: GPL-2.0-or-later
#include <linux/rtnetlink.h>
#include <stdio.h>

#include "core.h"
#include "rtnames.h"

const char *const rt_proto_words[] = {
    "unspec", "redirect", "kernel",   "boot", "static", "gated", "ra",	       "mrt",
    "zebra",  "bird",	  "dnrouted", "xorp", "ntk",	"dhcp",	 "keepalived", "babel",
    "openr",  "bgp",	  "isis",     "ospf", "rip",	"eigrp", NULL,
};
const uint32_t rt_proto_values[] = {
    RTPROT_UNSPEC, RTPROT_REDIRECT, RTPROT_KERNEL,     RTPROT_BOOT,  RTPROT_STATIC,   RTPROT_GATED,
    RTPROT_RA,	   RTPROT_MRT,	    RTPROT_ZEBRA,      RTPROT_BIRD,  RTPROT_DNROUTED, RTPROT_XORP,
    RTPROT_NTK,	   RTPROT_DHCP,	    RTPROT_KEEPALIVED, RTPROT_BABEL, RTPROT_OPENR,    RTPROT_BGP,
    RTPROT_ISIS,   RTPROT_OSPF,	    RTPROT_RIP,	       RTPROT_EIGRP,
};

const char *const rt_scope_words[] = {"global", "site", "link", "host", "nowhere", NULL};
const uint32_t rt_scope_values[] = {RT_SCOPE_UNIVERSE, RT_SCOPE_SITE, RT_SCOPE_LINK, RT_SCOPE_HOST,
				    RT_SCOPE_NOWHERE};

const char *const rt_table_words[] = {"main", "local", "default", NULL};
const uint32_t rt_table_values[] = {RT_TABLE_MAIN, RT_TABLE_LOCAL, RT_TABLE_DEFAULT};
const char *const rt_table_any_words[] = {"main", "local", "default", "all", NULL};
const uint32_t rt_table_any_values[] = {RT_TABLE_MAIN, RT_TABLE_LOCAL, RT_TABLE_DEFAULT,
					RT_TABLE_UNSPEC};

const char *const rt_type_words[] = {"unicast",	  "local",     "broadcast",   "anycast",
				     "multicast", "blackhole", "unreachable", "prohibit",
				     "throw",	  "nat",       "xresolve",    NULL};
const uint32_t rt_type_values[] = {RTN_UNICAST,	  RTN_LOCAL,	 RTN_BROADCAST,	  RTN_ANYCAST,
				   RTN_MULTICAST, RTN_BLACKHOLE, RTN_UNREACHABLE, RTN_PROHIBIT,
				   RTN_THROW,	  RTN_NAT,	 RTN_XRESOLVE};

const char *const rt_dsfield_words[] = {
    "default", "AF11", "AF12", "AF13", "AF21", "AF22", "AF23", "AF31", "AF32", "AF33", "AF41",
    "AF42",    "AF43", "CS1",  "CS2",  "CS3",  "CS4",  "CS5",  "CS6",  "CS7",  "EF",   NULL,
};
const uint32_t rt_dsfield_values[] = {
    0x00, 0x28, 0x30, 0x38, 0x48, 0x50, 0x58, 0x68, 0x70, 0x78, 0x88,
    0x90, 0x98, 0x20, 0x40, 0x60, 0x80, 0xa0, 0xc0, 0xe0, 0xb8,
};

const char *const rt_realm_words[] = {"cosmos", NULL};
const uint32_t rt_realm_values[] = {0};

/* The word of id in a set, or id in decimal. */
/* Whether ip's -Numeric asks for the number rather than the name. */
static bool numeric(const struct ctx *c)
{
	return c && (c->flags & CTX_NUMERIC);
}

static const char *set_word(const struct ctx *c, const char *const *words, const uint32_t *values,
			    uint32_t id, char *buf, size_t sz)
{
	for (size_t i = 0; !numeric(c) && words[i]; i++)
		if (values[i] == id)
			return words[i];
	snprintf(buf, sz, "%u", id);
	return buf;
}

const char *rt_scope_word(const struct ctx *c, uint8_t scope, char *buf, size_t sz)
{
	return set_word(c, rt_scope_words, rt_scope_values, scope, buf, sz);
}

const char *rt_proto_word(const struct ctx *c, uint8_t proto, char *buf, size_t sz)
{
	return set_word(c, rt_proto_words, rt_proto_values, proto, buf, sz);
}

const char *rt_table_word(const struct ctx *c, uint32_t table, char *buf, size_t sz)
{
	return set_word(c, rt_table_words, rt_table_values, table, buf, sz);
}

const char *rt_type_word(const struct ctx *c, uint8_t type, char *buf, size_t sz)
{
	if (type == RTN_UNSPEC && !numeric(c))
		return "none";
	return set_word(c, rt_type_words, rt_type_values, type, buf, sz);
}

const char *rt_realm_word(const struct ctx *c, uint32_t realm, char *buf, size_t sz)
{
	return set_word(c, rt_realm_words, rt_realm_values, realm, buf, sz);
}

const char *rt_dsfield_word(const struct ctx *c, uint8_t tos, char *buf, size_t sz)
{
	for (size_t i = 0; !numeric(c) && rt_dsfield_words[i]; i++)
		if (rt_dsfield_values[i] == tos)
			return rt_dsfield_words[i];
	snprintf(buf, sz, "0x%02x", tos);
	return buf;
}

/* IP protocols by the names ip reads and prints (/etc/protocols'). */
const char *const rt_ipproto_words[] = {"icmp", "igmp",	     "tcp",  "udp",	"gre",	"esp",
					"ah",	"ipv6-icmp", "sctp", "udplite", "dccp", NULL};
const uint32_t rt_ipproto_values[] = {1, 2, 6, 17, 47, 50, 51, 58, 132, 136, 33};

const char *rt_ipproto_word(uint8_t p, char *buf, size_t sz)
{
	for (size_t i = 0; rt_ipproto_words[i]; i++)
		if (rt_ipproto_values[i] == p)
			return rt_ipproto_words[i];
	snprintf(buf, sz, "%u", p);
	return buf;
}
