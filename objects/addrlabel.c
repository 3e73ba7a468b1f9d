// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * addrlabel: the kernel's IPv6 address labels (RFC 6724's policy table),
 * which pick the source address whose label matches the destination's.  As
 * `ip addrlabel`: add, del, list, flush; over RTM_*ADDRLABEL.
 */
#include <errno.h>
#include <linux/if_addrlabel.h>
#include <net/if.h>
#include <stdlib.h>

#include "core.h"
#include "link.h"
#include "nl.h"
#include "out.h"

enum { L_PREFIX, L_DEV, L_LABEL };

/* ip's order for add's and del's words (its ipaddrlabel_modify()), each
 * spelled whole there */
static const struct arg label_args[] = {
    [L_PREFIX] = {.kw = "prefix",
		  .kind = ARG_PREFIX,
		  .flags = ARGF_SUBJECT | ARGF_IP_EXACT,
		  .metavar = "PREFIX",
		  .help = "the addresses the label is for (required)",
		  .ip_order = 1},
    [L_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .flags = ARGF_IP_EXACT,
	       .metavar = "DEV",
	       .help = "only for addresses on this device",
	       .ip_order = 2},
    [L_LABEL] = {.kw = "label",
		 .kind = ARG_U32,
		 .flags = ARGF_IP_EXACT,
		 .max = UINT32_MAX - 1,
		 .metavar = "NUMBER",
		 .help = "the label, 0 to 4294967294 (required)",
		 .ip_order = 3},
};

/* prefix and label are required: ip says so in its words, exit 1 */
static int label_required(struct ctx *c, const struct val *v)
{
	static const int required[] = {L_PREFIX, L_LABEL};

	for (size_t i = 0; i < ARRAY_SIZE(required); i++) {
		const char *kw = label_args[required[i]].kw;

		if (v[required[i]].set)
			continue;
		if (ctx_iproute2(c))
			return err_iproute2(c, VN_EIP_FAIL,
					    "Not enough information: \"%s\" argument is required.",
					    kw);
		return err_usage(c, "%s is required", kw);
	}
	return 0;
}

static int label_modify(struct ctx *c, const struct val *v, uint16_t type, uint16_t flags)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, type, flags);
	struct ifaddrlblmsg *ifal = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifal));
	const struct inet_prefix *p = &v[L_PREFIX].ip;
	int rc, ifindex = 0;

	if ((rc = label_required(c, v)) < 0)
		return rc;
	if (v[L_DEV].set && (ifindex = link_index(c, v[L_DEV].str)) < 0)
		return ifindex;
	/* the labels are IPv6's: an IPv4 prefix is the kernel's to refuse */
	ifal->ifal_family = AF_INET6;
	ifal->ifal_prefixlen = p->len;
	ifal->ifal_index = (uint32_t)ifindex;
	mnl_attr_put(nlh, IFAL_ADDRESS, p->family == AF_INET ? 4 : 16, p->bytes);
	mnl_attr_put_u32(nlh, IFAL_LABEL, v[L_LABEL].u);
	return nl_request(c, nlh, NULL, NULL);
}

static int label_add(struct ctx *c, const struct val *v)
{
	return label_modify(c, v, RTM_NEWADDRLABEL, NLM_F_CREATE | NLM_F_EXCL);
}

static int label_del(struct ctx *c, const struct val *v)
{
	return label_modify(c, v, RTM_DELADDRLABEL, 0);
}

/* ---- list and flush ------------------------------------------------------ */

static int label_keep(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type == RTM_NEWADDRLABEL && nl_msgs_keep(data, nlh) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static int label_dump(struct ctx *c, struct nl_msgs *l)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETADDRLABEL, 0);
	struct ifaddrlblmsg *ifal = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifal));

	/* IPv6's unless -4 asks for IPv4's, which the kernel has not: its
	 * refusal, as ip */
	ifal->ifal_family = (uint8_t)(c->family == AF_UNSPEC ? AF_INET6 : c->family);
	return nl_dump(c, nlh, label_keep, l);
}

/* "prefix 2001:db8::/32 dev eth0 label 9 ", as ip prints it */
static void label_print(struct ctx *c, const struct nlmsghdr *nlh)
{
	const struct ifaddrlblmsg *ifal = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFAL_MAX + 1];
	char a[INET6_ADDRSTRLEN], dev[IFNAMSIZ + 8];
	size_t alen = ifal->ifal_family == AF_INET ? 4 : 16;

	nl_parse(nlh, sizeof(*ifal), tb, IFAL_MAX);
	out_obj_open(c->out, NULL);
	if (tb[IFAL_ADDRESS] && mnl_attr_get_payload_len(tb[IFAL_ADDRESS]) == alen) {
		out_str(c->out, OUT_ANY, "address", "prefix %s",
			format_addr(ifal->ifal_family, mnl_attr_get_payload(tb[IFAL_ADDRESS]), a,
				    sizeof(a)));
		out_uint(c->out, OUT_ANY, "prefixlen", "/%u ", ifal->ifal_prefixlen);
	}
	if (ifal->ifal_index) {
		if (!link_name(c, (int)ifal->ifal_index, dev, sizeof(dev)))
			snprintf(dev, sizeof(dev), "if%u", ifal->ifal_index);
		out_str(c->out, OUT_ANY, "ifname", "dev %s ", dev);
	}
	if (tb[IFAL_LABEL] && mnl_attr_get_payload_len(tb[IFAL_LABEL]) == sizeof(uint32_t))
		out_uint(c->out, OUT_ANY, "label", "label %u ", mnl_attr_get_u32(tb[IFAL_LABEL]));
	out_nl(c->out);
	out_obj_close(c->out);
}

static int label_list(struct ctx *c, const struct val *v)
{
	struct nl_msgs l = {0};
	int rc;

	(void)v;
	if ((rc = label_dump(c, &l)) < 0) {
		nl_msgs_free(&l);
		return rc;
	}
	out_list_open(c->out, NULL);
	for (size_t i = 0; i < l.n; i++)
		label_print(c, l.v[i]);
	out_list_close(c->out);
	nl_msgs_free(&l);
	return 0;
}

/* Every label, the kernel's defaults too (as ip flush). */
static int label_flush(struct ctx *c, const struct val *v)
{
	struct nl_msgs l = {0};
	int rc;

	(void)v;
	rc = label_dump(c, &l);
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		char buf[NL_BUFSZ];
		const struct ifaddrlblmsg *src = mnl_nlmsg_get_payload(l.v[i]);
		const struct nlattr *tb[IFAL_MAX + 1];
		struct nlmsghdr *nlh = nl_msg(buf, RTM_DELADDRLABEL, 0);
		struct ifaddrlblmsg *ifal = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifal));

		nl_parse(l.v[i], sizeof(*src), tb, IFAL_MAX);
		*ifal = *src;
		if (tb[IFAL_ADDRESS] && mnl_attr_get_payload_len(tb[IFAL_ADDRESS]) <= 16)
			mnl_attr_put(nlh, IFAL_ADDRESS, mnl_attr_get_payload_len(tb[IFAL_ADDRESS]),
				     mnl_attr_get_payload(tb[IFAL_ADDRESS]));
		if (tb[IFAL_LABEL] && mnl_attr_get_payload_len(tb[IFAL_LABEL]) == sizeof(uint32_t))
			mnl_attr_put_u32(nlh, IFAL_LABEL, mnl_attr_get_u32(tb[IFAL_LABEL]));
		rc = nl_request(c, nlh, NULL, NULL);
	}
	nl_msgs_free(&l);
	return rc;
}

static const char *const list_aliases[] = {"lst", "show", NULL};

/* In ip addrlabel's order (core.h). */
static const struct verb addrlabel_verbs[] = {
    VERB("add", label_add, label_args, "add a label for a prefix"),
    VERB_DEL(label_del, label_args, "remove a prefix's label"),
    {.name = "list", .aliases = list_aliases, .run = label_list, .help = "list the labels"},
    {.name = "flush", .run = label_flush, .help = "remove every label, the kernel's defaults too"},
};

VNETCTL_OBJECT_OF(addrlabel, "list", "IPv6 address labels (source address selection)")
