// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * addr's printer: an address as `ip address show` prints it, text and JSON
 * from the same calls, flags in ip's order and words.
 */
#include <linux/if_addr.h>
#include <string.h>

#include "addr.h"
#include "nl.h"
#include "out.h"
#include "rtnames.h"

size_t addr_family_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

const char *addr_family_word(int family)
{
	return family == AF_INET ? "inet" : "inet6";
}

static enum out_color family_color(int family)
{
	return family == AF_INET ? COL_INET : COL_INET6;
}

/* An address attribute as text; buf holds INET6_ADDRSTRLEN. */
const char *addr_attr_text(int family, const struct nlattr *a, char *buf, size_t sz)
{
	if (!a || mnl_attr_get_payload_len(a) < addr_family_len(family))
		return "?";
	return format_addr(family, mnl_attr_get_payload(a), buf, sz);
}

/* The same, as a host name under -r (as ip -r prints the local, peer and
 * broadcast addresses); buf holds HOST_STRLEN. */
static const char *addr_attr_host(const struct ctx *c, int family, const struct nlattr *a,
				  char *buf, size_t sz)
{
	if (!a || mnl_attr_get_payload_len(a) < addr_family_len(family))
		return "?";
	return format_host(c, family, mnl_attr_get_payload(a), buf, sz);
}

void addr_msg_parse(const struct nlmsghdr *nlh, struct addr_msg *m)
{
	m->ifa = mnl_nlmsg_get_payload(nlh);
	nl_parse(nlh, sizeof(*m->ifa), m->tb, IFA_MAX);
	m->local = m->tb[IFA_LOCAL] ? m->tb[IFA_LOCAL] : m->tb[IFA_ADDRESS];
	m->flags = m->ifa->ifa_flags;
	if (m->tb[IFA_FLAGS] && mnl_attr_get_payload_len(m->tb[IFA_FLAGS]) >= sizeof(uint32_t))
		m->flags = mnl_attr_get_u32(m->tb[IFA_FLAGS]);
}

bool addr_fits(const struct addr_msg *m, const struct nlattr *a)
{
	return a && mnl_attr_get_payload_len(a) == addr_family_len(m->ifa->ifa_family);
}

static bool addr_msg_is_peer(const struct addr_msg *m)
{
	const struct nlattr *l = m->tb[IFA_LOCAL], *a = m->tb[IFA_ADDRESS];

	return l && a && mnl_attr_get_payload_len(l) == mnl_attr_get_payload_len(a) &&
	       memcmp(mnl_attr_get_payload(l), mnl_attr_get_payload(a),
		      mnl_attr_get_payload_len(l)) != 0;
}

/* In iproute2's order; IFA_F_PERMANENT prints, inverted, as "dynamic". */
static const struct {
	uint32_t mask;
	const char *word;
} addr_flag_words[] = {
    {IFA_F_SECONDARY, AW_SECONDARY}, /* "temporary" for IPv6 */
    {IFA_F_NODAD, AW_NODAD},
    {IFA_F_OPTIMISTIC, AW_OPTIMISTIC},
    {IFA_F_DADFAILED, AW_DADFAILED},
    {IFA_F_HOMEADDRESS, AW_HOME},
    {IFA_F_DEPRECATED, AW_DEPRECATED},
    {IFA_F_TENTATIVE, AW_TENTATIVE},
    {IFA_F_PERMANENT, AW_DYNAMIC},
    {IFA_F_MANAGETEMPADDR, AW_MNGTMPADDR},
    {IFA_F_NOPREFIXROUTE, AW_NOPREFIXROUTE},
    {IFA_F_MCAUTOJOIN, AW_AUTOJOIN},
    {IFA_F_STABLE_PRIVACY, "stable-privacy"},
};

/* Flags as iproute2 shows them: words in text, true booleans in JSON. */
static void addr_print_flags(struct out *o, const struct addr_msg *m)
{
	char fmt[32];

	for (size_t i = 0; i < ARRAY_SIZE(addr_flag_words); i++) {
		uint32_t mask = addr_flag_words[i].mask;
		const char *w = addr_flag_words[i].word;

		if (mask == IFA_F_PERMANENT ? (m->flags & mask) : !(m->flags & mask))
			continue;
		if (mask == IFA_F_SECONDARY && m->ifa->ifa_family == AF_INET6)
			w = AW_TEMPORARY;
		snprintf(fmt, sizeof(fmt), " %s", w);
		out_bool(o, OUT_ANY, w, fmt, true);
	}
}

/* "valid_lft forever" in text, the raw seconds in JSON (as iproute2). */
static void addr_print_lifetime(struct out *o, const char *key, const char *fmt, uint32_t secs)
{
	char text[16];

	out_uint(o, OUT_JSON, key, "%u", secs);
	if (secs == LIFETIME_FOREVER)
		snprintf(text, sizeof(text), "forever");
	else
		snprintf(text, sizeof(text), "%usec", secs);
	out_str(o, OUT_TEXT, NULL, fmt, text);
}

static void addr_print_cacheinfo(struct out *o, const struct nlattr *a)
{
	const struct ifa_cacheinfo *ci;

	out_nl(o);
	if (!a || mnl_attr_get_payload_len(a) < sizeof(*ci))
		return;
	ci = mnl_attr_get_payload(a);
	addr_print_lifetime(o, "valid_life_time", "       valid_lft %s", ci->ifa_valid);
	addr_print_lifetime(o, "preferred_life_time", " preferred_lft %s", ci->ifa_prefered);
	out_nl(o);
}

/* "10.0.0.1/24 metric 5", or "10.8.0.1 peer 10.8.0.2/32": what both the
 * full and the brief forms start with; fmt puts the text before the
 * address. */
static void addr_print_local(const struct ctx *c, const struct addr_msg *m, const char *fmt)
{
	int family = m->ifa->ifa_family;
	enum out_color col = family_color(family);
	const struct nlattr *metric = m->tb[IFA_RT_PRIORITY];
	struct out *o = c->out;
	char a[HOST_STRLEN];

	out_strc(o, OUT_ANY, col, "local", fmt, addr_attr_host(c, family, m->local, a, sizeof(a)));
	if (addr_msg_is_peer(m)) {
		out_str(o, OUT_TEXT, NULL, "%s", " peer ");
		out_strc(o, OUT_ANY, col, "address", "%s",
			 addr_attr_host(c, family, m->tb[IFA_ADDRESS], a, sizeof(a)));
	}
	out_uint(o, OUT_ANY, "prefixlen", "/%u", m->ifa->ifa_prefixlen);
	if (metric && mnl_attr_get_payload_len(metric) == sizeof(uint32_t))
		out_uint(o, OUT_ANY, "metric", " metric %u", mnl_attr_get_u32(metric));
}

/* "inet 10.0.0.1/24 brd 10.0.0.255 scope global tun0", then the lifetimes.
 * Without a label (IPv6) the line ends in a blank, as ip's does. */
void addr_print(struct ctx *c, const struct addr_msg *m)
{
	const struct nlattr *label = m->tb[IFA_LABEL];
	int family = m->ifa->ifa_family;
	struct out *o = c->out;
	char a[HOST_STRLEN], s[8];

	out_obj_open(o, NULL);
	out_str(o, OUT_ANY, "family", "    %s ", addr_family_word(family));
	addr_print_local(c, m, "%s");
	if (m->tb[IFA_BROADCAST])
		out_strc(o, OUT_ANY, family_color(family), "broadcast", " brd %s",
			 addr_attr_host(c, family, m->tb[IFA_BROADCAST], a, sizeof(a)));
	out_str(o, OUT_ANY, "scope", " scope %s",
		rt_scope_word(c, m->ifa->ifa_scope, s, sizeof(s)));
	addr_print_flags(o, m);
	if (label && mnl_attr_validate(label, MNL_TYPE_NUL_STRING) == 0)
		out_str(o, OUT_ANY, "label", " %s", mnl_attr_get_str(label));
	else
		out_text(o, " ");
	addr_print_cacheinfo(o, m->tb[IFA_CACHEINFO]);
	out_obj_close(o);
}

/* "10.0.0.1/24 " inside a -br line, as ip -br addr. */
void addr_print_brief(struct ctx *c, const struct addr_msg *m)
{
	out_obj_open(c->out, NULL);
	addr_print_local(c, m, "%s");
	out_text(c->out, " ");
	out_obj_close(c->out);
}
