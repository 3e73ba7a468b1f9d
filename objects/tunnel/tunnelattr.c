// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The tunnel kinds' attributes: which attributes each kind has (its struct
 * tnl_attrs), reading a tunnel's IFLA_INFO_DATA into struct tnl and writing
 * it back.  Nothing here knows a word of the command line.
 */
#include <arpa/inet.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>
#include <stddef.h>
#include <string.h>

#include "nl.h"
#include "tnl.h"

/* ---- which attributes each kind has ------------------------------------------ */

_Static_assert(sizeof(((struct tnl_attrs *)0)->all) ==
		   offsetof(struct tnl_attrs, external) + sizeof(uint16_t),
	       "all[] covers every member");
_Static_assert(TNL_ATTR_MAX < 32, "struct tnl's has holds a bit per attribute");

/* Each set's attributes by name, for dry run: those vnetctl sends, and
 * those change sends back as they came. */
const struct nl_attr_name tnl_iptun_names[IFLA_IPTUN_MAX + 1] = {
    NL_ATTR(IFLA_IPTUN_LINK, NL_U32),
    NL_ATTR(IFLA_IPTUN_LOCAL, NL_IP),
    NL_ATTR(IFLA_IPTUN_REMOTE, NL_IP),
    NL_ATTR(IFLA_IPTUN_TTL, NL_U8),
    NL_ATTR(IFLA_IPTUN_TOS, NL_U8),
    NL_ATTR(IFLA_IPTUN_ENCAP_LIMIT, NL_U8),
    NL_ATTR(IFLA_IPTUN_FLOWINFO, NL_BE32),
    NL_ATTR(IFLA_IPTUN_FLAGS, NL_U32), /* sit's 16 bits print in hex */
    NL_ATTR(IFLA_IPTUN_PROTO, NL_U8),
    NL_ATTR(IFLA_IPTUN_PMTUDISC, NL_U8),
    NL_ATTR(IFLA_IPTUN_6RD_PREFIX, NL_IP),
    NL_ATTR(IFLA_IPTUN_6RD_RELAY_PREFIX, NL_IP),
    NL_ATTR(IFLA_IPTUN_6RD_PREFIXLEN, NL_U16),
    NL_ATTR(IFLA_IPTUN_6RD_RELAY_PREFIXLEN, NL_U16),
    NL_ATTR(IFLA_IPTUN_ENCAP_TYPE, NL_U16),
    NL_ATTR(IFLA_IPTUN_ENCAP_FLAGS, NL_U16),
    NL_ATTR(IFLA_IPTUN_ENCAP_SPORT, NL_BE16),
    NL_ATTR(IFLA_IPTUN_ENCAP_DPORT, NL_BE16),
    NL_ATTR(IFLA_IPTUN_COLLECT_METADATA, NL_FLAG),
    NL_ATTR(IFLA_IPTUN_FWMARK, NL_U32),
};

const struct nl_attr_name tnl_gre_names[IFLA_GRE_MAX + 1] = {
    NL_ATTR(IFLA_GRE_LINK, NL_U32),	    NL_ATTR(IFLA_GRE_IFLAGS, NL_BE16),
    NL_ATTR(IFLA_GRE_OFLAGS, NL_BE16),	    NL_ATTR(IFLA_GRE_IKEY, NL_BE32),
    NL_ATTR(IFLA_GRE_OKEY, NL_BE32),	    NL_ATTR(IFLA_GRE_LOCAL, NL_IP),
    NL_ATTR(IFLA_GRE_REMOTE, NL_IP),	    NL_ATTR(IFLA_GRE_TTL, NL_U8),
    NL_ATTR(IFLA_GRE_TOS, NL_U8),	    NL_ATTR(IFLA_GRE_PMTUDISC, NL_U8),
    NL_ATTR(IFLA_GRE_ENCAP_LIMIT, NL_U8),   NL_ATTR(IFLA_GRE_FLOWINFO, NL_BE32),
    NL_ATTR(IFLA_GRE_FLAGS, NL_U32),	    NL_ATTR(IFLA_GRE_ENCAP_TYPE, NL_U16),
    NL_ATTR(IFLA_GRE_ENCAP_FLAGS, NL_U16),  NL_ATTR(IFLA_GRE_ENCAP_SPORT, NL_BE16),
    NL_ATTR(IFLA_GRE_ENCAP_DPORT, NL_BE16), NL_ATTR(IFLA_GRE_COLLECT_METADATA, NL_FLAG),
    NL_ATTR(IFLA_GRE_IGNORE_DF, NL_U8),	    NL_ATTR(IFLA_GRE_FWMARK, NL_U32),
    NL_ATTR(IFLA_GRE_ERSPAN_INDEX, NL_U32), NL_ATTR(IFLA_GRE_ERSPAN_VER, NL_U8),
    NL_ATTR(IFLA_GRE_ERSPAN_DIR, NL_U8),    NL_ATTR(IFLA_GRE_ERSPAN_HWID, NL_U16),
};

const struct nl_attr_name tnl_vti_names[IFLA_VTI_MAX + 1] = {
    NL_ATTR(IFLA_VTI_LINK, NL_U32),  NL_ATTR(IFLA_VTI_IKEY, NL_BE32),
    NL_ATTR(IFLA_VTI_OKEY, NL_BE32), NL_ATTR(IFLA_VTI_LOCAL, NL_IP),
    NL_ATTR(IFLA_VTI_REMOTE, NL_IP), NL_ATTR(IFLA_VTI_FWMARK, NL_U32),
};

/* The member m is the attribute attr, width w bytes wide. */
#define AT(m, attr, w) .m = (attr), .width[attr] = (w)

#define ENDPOINTS(set)                                                                             \
	AT(link, set##_LINK, 4), AT(local, set##_LOCAL, TNL_ADDR),                                 \
	    AT(remote, set##_REMOTE, TNL_ADDR)

#define ENCAP(set)                                                                                 \
	AT(encap_type, set##_ENCAP_TYPE, 2), AT(encap_flags, set##_ENCAP_FLAGS, 2),                \
	    AT(encap_sport, set##_ENCAP_SPORT, 2), AT(encap_dport, set##_ENCAP_DPORT, 2),          \
	    AT(fwmark, set##_FWMARK, 4), AT(external, set##_COLLECT_METADATA, TNL_FLAG)

/* ipip and sit: sit's IFLA_IPTUN_FLAGS is 16 bits wide, ip6tnl's 32. */
const struct tnl_attrs tnl_iptun_attrs = {
    ENDPOINTS(IFLA_IPTUN),
    AT(ttl, IFLA_IPTUN_TTL, 1),
    AT(tos, IFLA_IPTUN_TOS, 1),
    AT(pmtudisc, IFLA_IPTUN_PMTUDISC, 1),
    AT(flags, IFLA_IPTUN_FLAGS, 2),
    AT(proto, IFLA_IPTUN_PROTO, 1),
    ENCAP(IFLA_IPTUN),
};

const struct tnl_attrs tnl_ip6tnl_attrs = {
    ENDPOINTS(IFLA_IPTUN),
    AT(ttl, IFLA_IPTUN_TTL, 1),
    AT(encap_limit, IFLA_IPTUN_ENCAP_LIMIT, 1),
    AT(flowinfo, IFLA_IPTUN_FLOWINFO, 4),
    AT(flags, IFLA_IPTUN_FLAGS, 4),
    AT(proto, IFLA_IPTUN_PROTO, 1),
    ENCAP(IFLA_IPTUN),
};

#define GRE_KEYS                                                                                   \
	AT(iflags, IFLA_GRE_IFLAGS, 2), AT(oflags, IFLA_GRE_OFLAGS, 2),                            \
	    AT(ikey, IFLA_GRE_IKEY, 4), AT(okey, IFLA_GRE_OKEY, 4), AT(ttl, IFLA_GRE_TTL, 1)

#define GRE4                                                                                       \
	ENDPOINTS(IFLA_GRE), GRE_KEYS, AT(tos, IFLA_GRE_TOS, 1),                                   \
	    AT(pmtudisc, IFLA_GRE_PMTUDISC, 1), AT(ignore_df, IFLA_GRE_IGNORE_DF, 1),              \
	    ENCAP(IFLA_GRE)
#define GRE6                                                                                       \
	ENDPOINTS(IFLA_GRE), GRE_KEYS, AT(encap_limit, IFLA_GRE_ENCAP_LIMIT, 1),                   \
	    AT(flowinfo, IFLA_GRE_FLOWINFO, 4), AT(flags, IFLA_GRE_FLAGS, 4), ENCAP(IFLA_GRE)
#define ERSPAN                                                                                     \
	AT(erspan_ver, IFLA_GRE_ERSPAN_VER, 1), AT(erspan_index, IFLA_GRE_ERSPAN_INDEX, 4),        \
	    AT(erspan_dir, IFLA_GRE_ERSPAN_DIR, 1), AT(erspan_hwid, IFLA_GRE_ERSPAN_HWID, 2)

const struct tnl_attrs tnl_gre_attrs = {GRE4};
const struct tnl_attrs tnl_ip6gre_attrs = {GRE6};
const struct tnl_attrs tnl_erspan_attrs = {GRE4, ERSPAN};
const struct tnl_attrs tnl_ip6erspan_attrs = {GRE6, ERSPAN};

const struct tnl_attrs tnl_vti_attrs = {
    ENDPOINTS(IFLA_VTI),
    AT(ikey, IFLA_VTI_IKEY, 4),
    AT(okey, IFLA_VTI_OKEY, 4),
    AT(fwmark, IFLA_VTI_FWMARK, 4),
};

/* The traffic class in an IPv6 flow info word (host order). */
#define TCLASS_SHIFT 20
#define TCLASS_MASK  (0xffu << TCLASS_SHIFT)

bool tnl_got(const struct tnl *t, uint16_t attr)
{
	return attr && (t->has & TNL_BIT(attr));
}

/* ---- reading --------------------------------------------------------------------- */

size_t tnl_addr_len(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

uint8_t *tnl_addr(struct tnl *t, uint16_t attr)
{
	return attr == t->a->local ? t->local : t->remote;
}

static size_t attr_width(const struct tnl *t, uint16_t attr)
{
	uint8_t w = t->a->width[attr];

	return w == TNL_ADDR ? tnl_addr_len(t->family) : w == TNL_FLAG ? 0 : w;
}

static bool attr_read(const struct nlattr *nla, uint16_t attr, struct tnl *t)
{
	size_t w = attr_width(t, attr), len = mnl_attr_get_payload_len(nla);

	if (t->a->width[attr] == TNL_ADDR) {
		if (len != w)
			return false;
		memcpy(tnl_addr(t, attr), mnl_attr_get_payload(nla), w);
		return true;
	}
	if (len < w)
		return false;
	if (t->a->width[attr] == TNL_FLAG)
		t->v[attr] = 1;
	else if (w == 1)
		t->v[attr] = mnl_attr_get_u8(nla);
	else if (w == 2)
		t->v[attr] = mnl_attr_get_u16(nla);
	else
		t->v[attr] = mnl_attr_get_u32(nla);
	return true;
}

void tnl_parse(const struct nlattr *data, const struct tnl_attrs *a, int family, struct tnl *t)
{
	const struct nlattr *tb[TNL_ATTR_MAX + 1];

	memset(t, 0, sizeof(*t));
	t->a = a;
	t->family = family;
	nl_parse_nested(data, tb, TNL_ATTR_MAX);
	for (size_t i = 0; i < TNL_NATTRS; i++) {
		uint16_t attr = a->all[i];
		if (attr && tb[attr] && attr_read(tb[attr], attr, t))
			t->has |= TNL_BIT(attr);
	}
}

bool tnl_key(const struct tnl *t, bool out)
{
	uint16_t flags = out ? t->a->oflags : t->a->iflags;

	/* VTI keys have no flag: 0 is none */
	if (!flags)
		return t->v[out ? t->a->okey : t->a->ikey] != 0;
	return t->v[flags] & GRE_KEY;
}

/* IPv4 kinds keep a TOS byte, 1 inheriting; IPv6 kinds a traffic class in
 * the flow info, inheriting by a flag. */
bool tnl_tos(const struct tnl *t, unsigned *tos)
{
	const struct tnl_attrs *a = t->a;

	if (tnl_got(t, a->tos)) {
		*tos = t->v[a->tos];
		return true;
	}
	if (!tnl_got(t, a->flowinfo))
		return false;
	if (t->v[a->flags] & IP6_TNL_F_USE_ORIG_TCLASS)
		*tos = 1;
	else
		*tos = (ntohl(t->v[a->flowinfo]) & TCLASS_MASK) >> TCLASS_SHIFT;
	return true;
}

bool tnl_same_endpoints(const struct tnl *a, const struct tnl *b)
{
	size_t n = tnl_addr_len(a->family);

	return !memcmp(a->local, b->local, n) && !memcmp(a->remote, b->remote, n) &&
	       a->v[a->a->link] == b->v[b->a->link] && tnl_key(a, false) == tnl_key(b, false) &&
	       a->v[a->a->ikey] == b->v[b->a->ikey];
}

/* ---- setting ------------------------------------------------------------------- */

void tnl_set(struct tnl *t, uint16_t attr, uint32_t v)
{
	if (!attr)
		return;
	t->v[attr] = v;
	t->has |= TNL_BIT(attr);
}

void tnl_set_bits(struct tnl *t, uint16_t attr, uint32_t bits, bool on)
{
	tnl_set(t, attr, on ? t->v[attr] | bits : t->v[attr] & ~bits);
}

void tnl_set_addr(struct tnl *t, uint16_t attr, const struct inet_prefix *p)
{
	if (!attr)
		return;
	memset(tnl_addr(t, attr), 0, sizeof(t->local));
	if (p->family != AF_UNSPEC)
		memcpy(tnl_addr(t, attr), p->bytes, tnl_addr_len(p->family));
	t->has |= TNL_BIT(attr);
}

void tnl_set_tos(struct tnl *t, uint8_t tos, bool inherit)
{
	const struct tnl_attrs *a = t->a;
	uint32_t flowinfo = ntohl(t->v[a->flowinfo]) & ~TCLASS_MASK;

	if (a->tos) {
		tnl_set(t, a->tos, inherit ? 1 : tos);
		return;
	}
	tnl_set_bits(t, a->flags, IP6_TNL_F_USE_ORIG_TCLASS, inherit);
	if (!inherit)
		tnl_set(t, a->flowinfo, htonl(flowinfo | (uint32_t)tos << TCLASS_SHIFT));
}

void tnl_set_encap_limit(struct tnl *t, uint8_t limit, bool none)
{
	tnl_set_bits(t, t->a->flags, IP6_TNL_F_IGN_ENCAP_LIMIT, none);
	if (!none)
		tnl_set(t, t->a->encap_limit, limit);
}

/* GRE marks each way's key with GRE_KEY; VTI has no flags to mark. */
void tnl_set_key(struct tnl *t, bool out, uint32_t key)
{
	tnl_set(t, out ? t->a->okey : t->a->ikey, htonl(key));
	tnl_set_bits(t, out ? t->a->oflags : t->a->iflags, GRE_KEY, true);
}

/* ---- writing ------------------------------------------------------------------- */

static void put_attr(struct nlmsghdr *nlh, const struct tnl *t, uint16_t attr)
{
	size_t w = attr_width(t, attr);

	if (t->a->width[attr] == TNL_ADDR)
		mnl_attr_put(nlh, attr, w, attr == t->a->local ? t->local : t->remote);
	else if (t->a->width[attr] == TNL_FLAG) {
		if (t->v[attr])
			mnl_attr_put(nlh, attr, 0, NULL);
	} else if (w == 1)
		mnl_attr_put_u8(nlh, attr, (uint8_t)t->v[attr]);
	else if (w == 2)
		mnl_attr_put_u16(nlh, attr, (uint16_t)t->v[attr]);
	else
		mnl_attr_put_u32(nlh, attr, t->v[attr]);
}

static bool attrs_have(const struct tnl_attrs *a, uint16_t attr)
{
	for (size_t i = 0; i < TNL_NATTRS; i++)
		if (a->all[i] == attr)
			return true;
	return false;
}

/* The kernel's changelink for tunnels starts from zero: old's attributes
 * that the kind's struct tnl_attrs does not name (6rd...) go back as they
 * came. */
void tnl_put_data(struct nlmsghdr *nlh, const struct tnl *t, const struct nlattr *old)
{
	const struct nlattr *a;

	for (size_t i = 0; i < TNL_NATTRS; i++)
		if (tnl_got(t, t->a->all[i]))
			put_attr(nlh, t, t->a->all[i]);
	if (!old)
		return;
	mnl_attr_for_each_nested(a, old)
	{
		if (!attrs_have(t->a, mnl_attr_get_type(a)))
			mnl_attr_put(nlh, a->nla_type, mnl_attr_get_payload_len(a),
				     mnl_attr_get_payload(a));
	}
}
