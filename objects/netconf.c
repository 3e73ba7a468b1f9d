// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * netconf: each device's IPv4 and IPv6 configuration as the kernel tells it
 * over netlink (RTM_GETNETCONF: forwarding, rp_filter, ...), and the "all"
 * and "default" sets, as `ip netconf show` prints them.
 */
#include <errno.h>
#include <linux/netconf.h>
#include <net/if.h>

#include "core.h"
#include "netconf.h"
#include "link.h"
#include "nl.h"
#include "out.h"

enum { N_DEV };

static const struct arg netconf_args[] = {
    [N_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .flags = ARGF_IP_EXACT,
	       .metavar = "NAME",
	       .help = "only this device"},
};

/* The values the kernel sends, in ip's order; rp_filter is a word; input
 * (MPLS's) is printed by monitor's events only. */
static const struct {
	int type;
	const char *key;
	bool words;	 /* rp_filter_words, not on/off */
	bool event_only; /* not in show */
} netconf_values[] = {
    {NETCONFA_FORWARDING, "forwarding", false, false},
    {NETCONFA_RP_FILTER, "rp_filter", true, false},
    {NETCONFA_MC_FORWARDING, "mc_forwarding", false, false},
    {NETCONFA_PROXY_NEIGH, "proxy_neigh", false, false},
    {NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, "ignore_routes_with_linkdown", false, false},
    {NETCONFA_INPUT, "input", false, true},
};
static const char *const rp_filter_words[] = {"off", "strict", "loose"};

/* Each reply copied, to be printed once the request is done: naming a
 * device may ask the kernel, which a callback must not. */
static int netconf_keep(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type == RTM_NEWNETCONF && nl_msgs_keep(data, nlh) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/* "inet v0 forwarding off rp_filter loose ... ", ending in a blank as ip's */
static void netconf_print(struct ctx *c, const struct nlmsghdr *nlh)
{
	const struct netconfmsg *ncm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NETCONFA_MAX + 1];
	char name[IFNAMSIZ + 8];
	uint32_t u;

	if (ncm->ncm_family != AF_INET && ncm->ncm_family != AF_INET6)
		return;
	nl_parse(nlh, sizeof(*ncm), tb, NETCONFA_MAX);
	if (!nl_attr_u32(tb[NETCONFA_IFINDEX], &u))
		return;
	if ((int32_t)u == NETCONFA_IFINDEX_ALL)
		snprintf(name, sizeof(name), "all");
	else if ((int32_t)u == NETCONFA_IFINDEX_DEFAULT)
		snprintf(name, sizeof(name), "default");
	else if (!link_name(c, (int)u, name, sizeof(name)))
		snprintf(name, sizeof(name), "if%u", u);
	out_obj_open(c->out, NULL);
	out_str(c->out, OUT_ANY, "family", "%s ", ncm->ncm_family == AF_INET ? "inet" : "inet6");
	out_str(c->out, OUT_ANY, "interface", "%s ", name);
	for (size_t i = 0; i < ARRAY_SIZE(netconf_values); i++) {
		const char *key = netconf_values[i].key;

		if (netconf_values[i].event_only || !nl_attr_u32(tb[netconf_values[i].type], &u))
			continue;
		out_str(c->out, OUT_TEXT, NULL, "%s ", key);
		if (netconf_values[i].words && u < ARRAY_SIZE(rp_filter_words))
			out_str(c->out, OUT_ANY, key, "%s ", rp_filter_words[u]);
		else if (netconf_values[i].words)
			out_uint(c->out, OUT_ANY, key, "%u ", u);
		else {
			out_bool(c->out, OUT_JSON, key, "", u != 0);
			out_str(c->out, OUT_TEXT, NULL, "%s ", u ? "on" : "off");
		}
	}
	out_nl(c->out);
	out_obj_close(c->out);
}

/* "inet va forwarding off rp_filter off ...", as ip monitor netconf: the
 * family, the device (all, default, or name: the caller's) and each setting
 * the event has (netconf.h). */
void netconf_print_event(struct ctx *c, const struct nlmsghdr *nlh, const char *name)
{
	const struct netconfmsg *ncm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NETCONFA_MAX + 1];
	struct out *o = c->out;
	char fmt[48];

	nl_parse(nlh, sizeof(*ncm), tb, NETCONFA_MAX);
	out_obj_open(o, NULL);
	out_str(o, OUT_ANY, "family", "%s",
		ncm->ncm_family == AF_INET    ? "inet"
		: ncm->ncm_family == AF_INET6 ? "inet6"
		: ncm->ncm_family == AF_MPLS  ? "mpls"
					      : "unknown");
	if (tb[NETCONFA_IFINDEX] && mnl_attr_get_payload_len(tb[NETCONFA_IFINDEX]) == 4) {
		int index = (int)mnl_attr_get_u32(tb[NETCONFA_IFINDEX]);

		out_strc(o, OUT_ANY, COL_IFNAME, "ifname", " %s",
			 index == NETCONFA_IFINDEX_ALL	     ? "all"
			 : index == NETCONFA_IFINDEX_DEFAULT ? "default"
			 : name				     ? name
							     : "?");
	}
	for (size_t i = 0; i < ARRAY_SIZE(netconf_values); i++) {
		const char *key = netconf_values[i].key;
		uint32_t u;

		if (!nl_attr_u32(tb[netconf_values[i].type], &u))
			continue;
		snprintf(fmt, sizeof(fmt), " %s %%s", key);
		if (netconf_values[i].words)
			out_str(o, OUT_ANY, key, fmt,
				u < ARRAY_SIZE(rp_filter_words) ? rp_filter_words[u] : "unknown");
		else
			out_str(o, OUT_ANY, key, fmt, onoff_words[!!u]);
	}
	if (ctx_iproute2(c))
		out_text(o, " ");
	out_nl(o);
	out_obj_close(o);
}

/* One family's: every device's (a dump), or one's (ifindex > 0). */
static int netconf_family(struct ctx *c, int family, int ifindex)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNETCONF, 0);
	struct netconfmsg *ncm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ncm));
	struct nl_msgs l = {0};
	int rc;

	ncm->ncm_family = (uint8_t)family;
	if (ifindex)
		mnl_attr_put_u32(nlh, NETCONFA_IFINDEX, (uint32_t)ifindex);
	rc = ifindex ? nl_request(c, nlh, netconf_keep, &l) : nl_dump(c, nlh, netconf_keep, &l);
	for (size_t i = 0; rc == 0 && i < l.n; i++)
		netconf_print(c, l.v[i]);
	nl_msgs_free(&l);
	return rc;
}

static int netconf_show(struct ctx *c, const struct val *v)
{
	static const int families[] = {AF_INET, AF_INET6};
	int ifindex = 0, rc = 0;

	if (v[N_DEV].set && (ifindex = link_index(c, v[N_DEV].str)) < 0)
		return ifindex == -ENODEV ? err_nodev_shown(c, v[N_DEV].str) : ifindex;
	out_list_open(c->out, NULL);
	/* -0 (or another family than these) asks for none, as ip */
	for (size_t i = 0; rc == 0 && i < ARRAY_SIZE(families); i++)
		if (c->family == AF_UNSPEC || c->family == families[i])
			rc = netconf_family(c, families[i], ifindex);
	out_list_close(c->out);
	return rc;
}

static const struct verb netconf_verbs[] = {
    VERB_ALSO("show", verb_show_aliases, netconf_show, netconf_args,
	      "each device's IPv4 and IPv6 configuration (forwarding, rp_filter...)"),
};

VNETCTL_OBJECT_OF(netconf, "show", "the kernel's per-device IPv4 and IPv6 configuration")
