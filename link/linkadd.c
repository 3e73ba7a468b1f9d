// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Creating a device of a link kind.  When the kernel lacks the kind it only
 * says "Unknown device type"; the user needs to know which module to load,
 * so that is said here, once, for every object.
 */
#include <errno.h>
#include <string.h>

#include "link.h"
#include "nl.h"

/* The module that provides each kind, where its name differs or matters. */
static const struct {
	const char *kind;
	const char *module;
} kind_modules[] = {
    {"ipip", "ipip"},	      {"gre", "ip_gre"},      {"gretap", "ip_gre"},
    {"erspan", "ip_gre"},     {"sit", "sit"},	      {"vti", "ip_vti"},
    {"ip6tnl", "ip6_tunnel"}, {"ip6gre", "ip6_gre"},  {"ip6gretap", "ip6_gre"},
    {"vti6", "ip6_vti"},      {"vlan", "8021q"},      {"ipvlan", "ipvlan"},
    {"macvlan", "macvlan"},   {"macvtap", "macvtap"}, {"vxlan", "vxlan"},
    {"geneve", "geneve"},     {"veth", "veth"},	      {"bridge", "bridge"},
    {"dummy", "dummy"},	      {"bond", "bonding"},    {"vrf", "vrf"},
    {"ifb", "ifb"},	      {"nlmon", "nlmon"},
};

const char *link_kind_module(const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(kind_modules); i++)
		if (!strcmp(kind_modules[i].kind, kind))
			return kind_modules[i].module;
	return kind;
}

int link_create(struct ctx *c, struct nlmsghdr *nlh, const char *kind)
{
	const char *module = link_kind_module(kind);
	char why[sizeof(c->reason)];
	int rc;

	/* pipelined, the request's answer is worded the same */
	c->req_kind = kind;
	c->req_module = module;
	rc = nl_request(c, nlh, NULL, NULL);
	c->req_kind = c->req_module = NULL;
	/* under ip's name ip's "Error: Unknown device type.", exit 2 */
	if (!ctx_iproute2(c) && err_kind_explain(rc, c->reason, kind, module, why, sizeof(why))) {
		c->reason[0] = '\0';
		rc = err_fail(c, "%s", why);
	}
	return rc;
}
