// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Dry run: a request printed decoded, header, fixed part and attributes by
 * their kernel names, so the reader sees what would have gone to the kernel.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <linux/if_addr.h>
#include <linux/if_bridge.h>
#include <linux/fib_rules.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <string.h>

#include "nl.h"
#include "nldecode.h"

#include "link.h"

#define A	  NL_ATTR
#define attr_name nl_attr_name

static const struct attr_name link_attrs[IFLA_MAX + 1] = {
    A(IFLA_ADDRESS, NL_MAC),	    A(IFLA_BROADCAST, NL_MAC),
    A(IFLA_IFNAME, NL_STR),	    A(IFLA_MTU, NL_U32),
    A(IFLA_LINK, NL_U32),	    A(IFLA_QDISC, NL_STR),
    A(IFLA_MASTER, NL_U32),	    A(IFLA_TXQLEN, NL_U32),
    A(IFLA_OPERSTATE, NL_U8),	    A(IFLA_LINKMODE, NL_U8),
    A(IFLA_LINKINFO, NL_NEST),	    A(IFLA_NET_NS_PID, NL_U32),
    A(IFLA_IFALIAS, NL_STR),	    A(IFLA_NET_NS_FD, NL_U32),
    A(IFLA_EXT_MASK, NL_U32),	    A(IFLA_GROUP, NL_U32),
    A(IFLA_LINK_NETNSID, NL_U32),   A(IFLA_NEW_NETNSID, NL_U32),
    A(IFLA_TARGET_NETNSID, NL_U32), A(IFLA_ALT_IFNAME, NL_STR),
    A(IFLA_AF_SPEC, NL_NEST),	    A(IFLA_NUM_TX_QUEUES, NL_U32),
    A(IFLA_NUM_RX_QUEUES, NL_U32),  A(IFLA_PROMISCUITY, NL_U32),
};

static const struct attr_name linkinfo_attrs[IFLA_INFO_MAX + 1] = {
    A(IFLA_INFO_KIND, NL_STR),
    A(IFLA_INFO_DATA, NL_BIN),
    A(IFLA_INFO_SLAVE_KIND, NL_STR),
    A(IFLA_INFO_SLAVE_DATA, NL_BIN),
};

static const struct attr_name addr_attrs[IFA_MAX + 1] = {
    A(IFA_ADDRESS, NL_IP),   A(IFA_LOCAL, NL_IP),	 A(IFA_LABEL, NL_STR),
    A(IFA_BROADCAST, NL_IP), A(IFA_ANYCAST, NL_IP),	 A(IFA_CACHEINFO, NL_BIN),
    A(IFA_FLAGS, NL_U32),    A(IFA_RT_PRIORITY, NL_U32), A(IFA_TARGET_NETNSID, NL_U32),
};

static const struct attr_name route_attrs[RTA_MAX + 1] = {
    A(RTA_DST, NL_IP),	   A(RTA_SRC, NL_IP),	    A(RTA_IIF, NL_U32),	   A(RTA_OIF, NL_U32),
    A(RTA_GATEWAY, NL_IP), A(RTA_PRIORITY, NL_U32), A(RTA_PREFSRC, NL_IP), A(RTA_METRICS, NL_NEST),
    A(RTA_TABLE, NL_U32),  A(RTA_MARK, NL_U32),	    A(RTA_PREF, NL_U8),	   A(RTA_VIA, NL_BIN),
};

static const struct attr_name neigh_attrs[NDA_MAX + 1] = {
    A(NDA_DST, NL_IP),
    A(NDA_LLADDR, NL_MAC),
    A(NDA_IFINDEX, NL_U32),
};

static const struct attr_name rule_attrs[FRA_MAX + 1] = {
    A(FRA_DST, NL_IP),	      A(FRA_SRC, NL_IP),	  A(FRA_IFNAME, NL_STR),
    A(FRA_GOTO, NL_U32),      A(FRA_PRIORITY, NL_U32),	  A(FRA_FWMARK, NL_U32),
    A(FRA_TABLE, NL_U32),     A(FRA_FWMASK, NL_U32),	  A(FRA_OIFNAME, NL_STR),
    A(FRA_SUPPRESS_PREFIXLEN, NL_U32),
};

static const struct attr_name nsid_attrs[NETNSA_MAX + 1] = {
    A(NETNSA_NSID, NL_U32),	   A(NETNSA_PID, NL_U32),	   A(NETNSA_FD, NL_U32),
    A(NETNSA_TARGET_NSID, NL_U32), A(NETNSA_CURRENT_NSID, NL_U32),
};

struct attr_set {
	const struct attr_name *names;
	int max;
	const struct attr_set *nest; /* how to read nested attributes */
};

/* IFLA_AF_SPEC of a message of family AF_BRIDGE (bridge vlan). */
static const struct attr_name bridge_spec_attrs[IFLA_BRIDGE_MAX + 1] = {
    A(IFLA_BRIDGE_FLAGS, NL_U16),
    A(IFLA_BRIDGE_MODE, NL_U16),
    A(IFLA_BRIDGE_VLAN_INFO, NL_BIN),
};

static const struct attr_set bridge_spec_set = {bridge_spec_attrs, IFLA_BRIDGE_MAX, NULL};
/* IFLA_LINKINFO is read by print_linkinfo(), with the kind's names. */
static const struct attr_set link_set = {link_attrs, IFLA_MAX, NULL};
static const struct attr_set bridge_link_set = {link_attrs, IFLA_MAX, &bridge_spec_set};
static const struct attr_set addr_set = {addr_attrs, IFA_MAX, NULL};
static const struct attr_set route_set = {route_attrs, RTA_MAX, NULL};
static const struct attr_set nsid_set = {nsid_attrs, NETNSA_MAX, NULL};
static const struct attr_set neigh_set = {neigh_attrs, NDA_MAX, NULL};
static const struct attr_set rule_set = {rule_attrs, FRA_MAX, NULL};

static const char *const msg_types[] = {
    [RTM_NEWLINK] = "RTM_NEWLINK",   [RTM_DELLINK] = "RTM_DELLINK",
    [RTM_GETLINK] = "RTM_GETLINK",   [RTM_SETLINK] = "RTM_SETLINK",
    [RTM_NEWADDR] = "RTM_NEWADDR",   [RTM_DELADDR] = "RTM_DELADDR",
    [RTM_GETADDR] = "RTM_GETADDR",   [RTM_NEWROUTE] = "RTM_NEWROUTE",
    [RTM_DELROUTE] = "RTM_DELROUTE", [RTM_GETROUTE] = "RTM_GETROUTE",
    [RTM_NEWNSID] = "RTM_NEWNSID",   [RTM_GETNSID] = "RTM_GETNSID",
    [RTM_NEWNEIGH] = "RTM_NEWNEIGH", [RTM_DELNEIGH] = "RTM_DELNEIGH",
    [RTM_GETNEIGH] = "RTM_GETNEIGH", [RTM_NEWRULE] = "RTM_NEWRULE",
    [RTM_DELRULE] = "RTM_DELRULE",   [RTM_GETRULE] = "RTM_GETRULE",
};

static void print_flags(FILE *f, uint16_t flags)
{
	static const struct {
		uint16_t bit;
		const char *name;
	} names[] = {
	    {NLM_F_REQUEST, "REQUEST"}, {NLM_F_ACK, "ACK"},	    {NLM_F_CREATE, "CREATE"},
	    {NLM_F_EXCL, "EXCL"},	{NLM_F_REPLACE, "REPLACE"}, {NLM_F_APPEND, "APPEND"},
	};
	const char *sep = "";

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (flags & names[i].bit) {
			fprintf(f, "%s%s", sep, names[i].name);
			sep = "|";
		}
	}
}

static void print_value(FILE *f, const struct nlattr *a, enum nl_shape shape)
{
	const uint8_t *p = mnl_attr_get_payload(a);
	uint16_t len = mnl_attr_get_payload_len(a);
	char buf[INET6_ADDRSTRLEN];

	switch (shape) {
	case NL_STR:
		fputc('"', f);
		for (uint16_t i = 0; i < len && p[i]; i++)
			fprintf(f, isprint(p[i]) && p[i] != '"' ? "%c" : "\\x%02x", p[i]);
		fputc('"', f);
		return;
	case NL_U8:
		if (len == 1) {
			fprintf(f, "%u", p[0]);
			return;
		}
		break;
	case NL_U16:
		if (len == 2) {
			fprintf(f, "%u", mnl_attr_get_u16(a));
			return;
		}
		break;
	case NL_U32:
		if (len == 4) {
			fprintf(f, "%u", mnl_attr_get_u32(a));
			return;
		}
		break;
	case NL_MAC:
		fputs(format_mac(p, len, buf, sizeof(buf)), f);
		return;
	case NL_IP:
		/* link messages carry no family: the length tells */
		if (len == 4 || len == 16) {
			fputs(format_addr(len == 4 ? AF_INET : AF_INET6, p, buf, sizeof(buf)), f);
			return;
		}
		break;
	case NL_BE16:
		if (len == 2) {
			fprintf(f, "%u", ntohs(mnl_attr_get_u16(a)));
			return;
		}
		break;
	case NL_BE32:
		if (len == 4) {
			fprintf(f, "%u", ntohl(mnl_attr_get_u32(a)));
			return;
		}
		break;
	case NL_FLAG:
		if (len == 0)
			return;
		break;
	default:
		break;
	}
	fprintf(f, "(%u bytes)", len);
	for (uint16_t i = 0; i < len && i < 32; i++)
		fprintf(f, " %02x", p[i]);
}

static void print_attrs(FILE *f, const struct nlattr *first, size_t len, const struct attr_set *set,
			int depth);

static void print_ifinfo(FILE *f, const struct ifinfomsg *ifi, int depth);

/* The names a kind's module registered for IFLA_INFO_DATA (slave false) or
 * IFLA_INFO_SLAVE_DATA, found by the kind attribute beside it. */
static struct attr_set kind_names(const struct nlattr *kind, bool slave)
{
	const struct link_kind *k = NULL;
	struct attr_set set = {NULL, -1, NULL};

	if (kind && mnl_attr_validate(kind, MNL_TYPE_NUL_STRING) == 0)
		k = link_kind_find(mnl_attr_get_str(kind));
	if (k && !slave && k->data_names)
		set = (struct attr_set){k->data_names, k->data_max, NULL};
	if (k && slave && k->slave_data_names)
		set = (struct attr_set){k->slave_data_names, k->slave_data_max, NULL};
	return set;
}

/* IFLA_LINKINFO: IFLA_INFO_DATA and IFLA_INFO_SLAVE_DATA are read with the
 * names the kind's module registered. */
static void print_linkinfo(FILE *f, const struct nlattr *nest, int depth)
{
	const struct nlattr *tb[IFLA_INFO_MAX + 1];
	struct attr_set data, slave;

	nl_parse_nested(nest, tb, IFLA_INFO_MAX);
	data = kind_names(tb[IFLA_INFO_KIND], false);
	slave = kind_names(tb[IFLA_INFO_SLAVE_KIND], true);
	for (const struct nlattr *a = mnl_attr_get_payload(nest);
	     mnl_attr_ok(a, (int)((const char *)nest + nest->nla_len - (const char *)a));
	     a = mnl_attr_next(a)) {
		uint16_t type = mnl_attr_get_type(a);
		const struct attr_set *inner = type == IFLA_INFO_DATA	      ? &data
					       : type == IFLA_INFO_SLAVE_DATA ? &slave
									      : NULL;
		fprintf(f, "%*s", 2 * depth, "");
		if (inner && inner->names) {
			fprintf(f, "%s {\n", linkinfo_attrs[type].name);
			print_attrs(f, mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), inner,
				    depth + 1);
			fprintf(f, "%*s}\n", 2 * depth, "");
			continue;
		}
		if (type <= IFLA_INFO_MAX && linkinfo_attrs[type].name)
			fprintf(f, "%s ", linkinfo_attrs[type].name);
		else
			fprintf(f, "attr %u ", type);
		print_value(f, a, type <= IFLA_INFO_MAX ? linkinfo_attrs[type].shape : NL_BIN);
		fputc('\n', f);
	}
}

static void print_attrs(FILE *f, const struct nlattr *first, size_t len, const struct attr_set *set,
			int depth)
{
	const struct nlattr *a;

	for (a = first; mnl_attr_ok(a, (int)len); a = mnl_attr_next(a)) {
		uint16_t type = mnl_attr_get_type(a);
		const struct attr_name *n = type <= set->max ? &set->names[type] : NULL;
		enum nl_shape shape = n && n->name ? n->shape : NL_BIN;

		len -= MNL_ALIGN(a->nla_len);
		fprintf(f, "%*s", 2 * depth, "");
		if (n && n->name)
			fprintf(f, "%s ", n->name);
		else
			fprintf(f, "attr %u ", type);
		if (shape == NL_NEST && set == &link_set && type == IFLA_LINKINFO) {
			fputs("{\n", f);
			print_linkinfo(f, a, depth + 1);
		} else if (shape == NL_NEST) {
			fputs("{\n", f);
			const struct attr_set *inner =
			    set->nest ? set->nest : &(struct attr_set){NULL, -1, NULL};
			print_attrs(f, mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), inner,
				    depth + 1);
		} else if (shape == NL_IFINFO &&
			   mnl_attr_get_payload_len(a) >= sizeof(struct ifinfomsg)) {
			/* a link inside a link: veth's peer */
			fputs("{\n", f);
			print_ifinfo(f, mnl_attr_get_payload(a), depth + 1);
			size_t hl = MNL_ALIGN(sizeof(struct ifinfomsg));
			print_attrs(
			    f, (const struct nlattr *)((const char *)mnl_attr_get_payload(a) + hl),
			    mnl_attr_get_payload_len(a) - hl, &link_set, depth + 1);
		} else {
			print_value(f, a, shape);
			fputc('\n', f);
			continue;
		}
		fprintf(f, "%*s}\n", 2 * depth, "");
	}
}

static const char *family_name(int family)
{
	switch (family) {
	case AF_INET:
		return "inet";
	case AF_INET6:
		return "inet6";
	case AF_UNSPEC:
		return "unspec";
	case AF_BRIDGE:
		return "bridge";
	default:
		return "?";
	}
}

static void print_ifinfo(FILE *f, const struct ifinfomsg *ifi, int depth)
{
	fprintf(f, "%*sifinfomsg family %s index %d flags 0x%x change 0x%x\n", 2 * depth, "",
		family_name(ifi->ifi_family), ifi->ifi_index, ifi->ifi_flags, ifi->ifi_change);
}

void nl_decode(FILE *f, const struct nlmsghdr *nlh)
{
	uint16_t t = nlh->nlmsg_type;
	const struct attr_set *set = NULL;
	size_t hdr = 0;
	int family = AF_UNSPEC;

	if (t < ARRAY_SIZE(msg_types) && msg_types[t])
		fputs(msg_types[t], f);
	else
		fprintf(f, "message type %u", t);
	fputs(" flags ", f);
	print_flags(f, nlh->nlmsg_flags);
	fputc('\n', f);

	if (t >= RTM_NEWLINK && t <= RTM_SETLINK) {
		const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
		print_ifinfo(f, ifi, 1);
		hdr = sizeof(*ifi);
		set = ifi->ifi_family == AF_BRIDGE ? &bridge_link_set : &link_set;
	} else if (t >= RTM_NEWADDR && t <= RTM_GETADDR) {
		const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
		family = ifa->ifa_family;
		fprintf(f, "  ifaddrmsg family %s prefixlen %u index %u scope %u\n",
			family_name(family), ifa->ifa_prefixlen, ifa->ifa_index, ifa->ifa_scope);
		hdr = sizeof(*ifa);
		set = &addr_set;
	} else if (t >= RTM_NEWROUTE && t <= RTM_GETROUTE) {
		const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
		family = rtm->rtm_family;
		fprintf(f, "  rtmsg family %s dst_len %u table %u protocol %u scope %u type %u\n",
			family_name(family), rtm->rtm_dst_len, rtm->rtm_table, rtm->rtm_protocol,
			rtm->rtm_scope, rtm->rtm_type);
		hdr = sizeof(*rtm);
		set = &route_set;
	} else if (t >= RTM_NEWNEIGH && t <= RTM_GETNEIGH) {
		const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
		family = ndm->ndm_family;
		fprintf(f, "  ndmsg family %s index %d state 0x%x flags 0x%x\n",
			family_name(family), ndm->ndm_ifindex, ndm->ndm_state, ndm->ndm_flags);
		hdr = sizeof(*ndm);
		set = &neigh_set;
	} else if (t >= RTM_NEWRULE && t <= RTM_GETRULE) {
		const struct fib_rule_hdr *frh = mnl_nlmsg_get_payload(nlh);
		family = frh->family;
		fprintf(f,
			"  fib_rule_hdr family %s dst_len %u src_len %u table %u action %u flags "
			"0x%x\n",
			family_name(family), frh->dst_len, frh->src_len, frh->table, frh->action,
			frh->flags);
		hdr = sizeof(*frh);
		set = &rule_set;
	} else if (t >= RTM_NEWNSID && t <= RTM_GETNSID) {
		const struct rtgenmsg *g = mnl_nlmsg_get_payload(nlh);
		fprintf(f, "  rtgenmsg family %s\n", family_name(g->rtgen_family));
		hdr = sizeof(struct rtgenmsg);
		set = &nsid_set;
	}
	if (!set) {
		const uint8_t *p = mnl_nlmsg_get_payload(nlh);
		size_t len = mnl_nlmsg_get_payload_len(nlh);
		fprintf(f, "  (%zu bytes)", len);
		for (size_t i = 0; i < len; i++)
			fprintf(f, "%s%02x", i % 16 ? " " : "\n   ", p[i]);
		fputc('\n', f);
		return;
	}
	size_t off = MNL_ALIGN(hdr);
	if (mnl_nlmsg_get_payload_len(nlh) > off)
		print_attrs(f, mnl_nlmsg_get_payload_offset(nlh, off),
			    mnl_nlmsg_get_payload_len(nlh) - off, set, 1);
}
