// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The tunnel kinds' attributes: which attributes each kind has (a layout
 * per kind), reading a tunnel's IFLA_INFO_DATA into struct tnl and writing
 * it back.  Nothing here knows a word of the command line.
 */
#include <arpa/inet.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>
#include <string.h>

#include "nl.h"
#include "tnl.h"

/* ---- which attributes each kind has ------------------------------------------ */

#define W_ADDR 0   /* an address of the kind's family: 4 or 16 bytes */
#define W_FLAG 255 /* a flag: there (1) or not */

struct layout {
	struct {
		uint16_t type; /* the attribute; 0 when the kind has none */
		uint8_t width; /* in bytes, or W_ADDR */
	} f[F_N];
};

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

#define ENDPOINTS(set)                                                                             \
	[F_LINK] = {set##_LINK, 4}, [F_LOCAL] = {set##_LOCAL, W_ADDR},                             \
	[F_REMOTE] = {set##_REMOTE, W_ADDR}

#define ENCAP(set)                                                                                 \
	[F_ENCAP_TYPE] = {set##_ENCAP_TYPE, 2}, [F_ENCAP_FLAGS] = {set##_ENCAP_FLAGS, 2},          \
	[F_ENCAP_SPORT] = {set##_ENCAP_SPORT, 2}, [F_ENCAP_DPORT] = {set##_ENCAP_DPORT, 2},        \
	[F_FWMARK] = {set##_FWMARK, 4}, [F_EXTERNAL] = {set##_COLLECT_METADATA, W_FLAG}

/* ipip and sit: sit's IFLA_IPTUN_FLAGS is 16 bits wide, ip6tnl's 32. */
const struct layout tnl_iptun_layout = {
    .f =
	{
	    ENDPOINTS(IFLA_IPTUN),
	    [F_TTL] = {IFLA_IPTUN_TTL, 1},
	    [F_TOS] = {IFLA_IPTUN_TOS, 1},
	    [F_PMTUDISC] = {IFLA_IPTUN_PMTUDISC, 1},
	    [F_FLAGS] = {IFLA_IPTUN_FLAGS, 2},
	    [F_PROTO] = {IFLA_IPTUN_PROTO, 1},
	    ENCAP(IFLA_IPTUN),
	},
};

const struct layout tnl_ip6tnl_layout = {
    .f =
	{
	    ENDPOINTS(IFLA_IPTUN),
	    [F_TTL] = {IFLA_IPTUN_TTL, 1},
	    [F_ENCAP_LIMIT] = {IFLA_IPTUN_ENCAP_LIMIT, 1},
	    [F_FLOWINFO] = {IFLA_IPTUN_FLOWINFO, 4},
	    [F_FLAGS] = {IFLA_IPTUN_FLAGS, 4},
	    [F_PROTO] = {IFLA_IPTUN_PROTO, 1},
	    ENCAP(IFLA_IPTUN),
	},
};

#define GRE_KEYS                                                                                   \
	[F_IFLAGS] = {IFLA_GRE_IFLAGS, 2}, [F_OFLAGS] = {IFLA_GRE_OFLAGS, 2},                      \
	[F_IKEY] = {IFLA_GRE_IKEY, 4}, [F_OKEY] = {IFLA_GRE_OKEY, 4}, [F_TTL] = {IFLA_GRE_TTL, 1}

#define GRE4                                                                                       \
	ENDPOINTS(IFLA_GRE),                                                                       \
	    GRE_KEYS, [F_TOS] = {IFLA_GRE_TOS, 1}, [F_PMTUDISC] = {IFLA_GRE_PMTUDISC, 1},          \
		      [F_IGNORE_DF] = {IFLA_GRE_IGNORE_DF, 1}, ENCAP(IFLA_GRE)
#define GRE6                                                                                       \
	ENDPOINTS(IFLA_GRE),                                                                       \
	    GRE_KEYS, [F_ENCAP_LIMIT] = {IFLA_GRE_ENCAP_LIMIT, 1},                                 \
		      [F_FLOWINFO] = {IFLA_GRE_FLOWINFO, 4}, [F_FLAGS] = {IFLA_GRE_FLAGS, 4},      \
		      ENCAP(IFLA_GRE)
#define ERSPAN                                                                                     \
	[F_ERSPAN_VER] = {IFLA_GRE_ERSPAN_VER, 1}, [F_ERSPAN_INDEX] = {IFLA_GRE_ERSPAN_INDEX, 4},  \
	[F_ERSPAN_DIR] = {IFLA_GRE_ERSPAN_DIR, 1}, [F_ERSPAN_HWID] = {IFLA_GRE_ERSPAN_HWID, 2}

const struct layout tnl_gre_layout = {.f = {GRE4}};
const struct layout tnl_ip6gre_layout = {.f = {GRE6}};
const struct layout tnl_erspan_layout = {.f = {GRE4, ERSPAN}};
const struct layout tnl_ip6erspan_layout = {.f = {GRE6, ERSPAN}};

const struct layout tnl_vti_layout = {
    .f =
	{
	    ENDPOINTS(IFLA_VTI),
	    [F_IKEY] = {IFLA_VTI_IKEY, 4},
	    [F_OKEY] = {IFLA_VTI_OKEY, 4},
	    [F_FWMARK] = {IFLA_VTI_FWMARK, 4},
	},
};

#define TB_MAX (IFLA_GRE_MAX > IFLA_IPTUN_MAX ? IFLA_GRE_MAX : IFLA_IPTUN_MAX)

/* The traffic class in an IPv6 flow info word (host order). */
#define TCLASS_SHIFT 20
#define TCLASS_MASK  (0xffu << TCLASS_SHIFT)

bool tnl_layout_has(const struct layout *l, enum field f)
{
	return l->f[f].type != 0;
}

bool tnl_has(const struct tnl *t, enum field f)
{
	return tnl_layout_has(t->layout, f);
}

/* ---- reading --------------------------------------------------------------------- */

size_t tnl_addr_len(int family)
{
	return family == AF_INET6 ? 16 : 4;
}

uint8_t *tnl_addr(struct tnl *t, enum field f)
{
	return f == F_LOCAL ? t->local : t->remote;
}

static size_t field_width(const struct tnl *t, enum field f)
{
	uint8_t w = t->layout->f[f].width;

	return w == W_ADDR ? tnl_addr_len(t->family) : w == W_FLAG ? 0 : w;
}

static bool field_read(const struct nlattr *a, enum field f, struct tnl *t)
{
	size_t w = field_width(t, f), len = mnl_attr_get_payload_len(a);

	if (t->layout->f[f].width == W_ADDR) {
		if (len != w)
			return false;
		memcpy(tnl_addr(t, f), mnl_attr_get_payload(a), w);
		return true;
	}
	if (len < w)
		return false;
	if (t->layout->f[f].width == W_FLAG)
		t->v[f] = 1;
	else if (w == 1)
		t->v[f] = mnl_attr_get_u8(a);
	else if (w == 2)
		t->v[f] = mnl_attr_get_u16(a);
	else
		t->v[f] = mnl_attr_get_u32(a);
	return true;
}

void tnl_parse(const struct nlattr *data, const struct layout *l, int family, struct tnl *t)
{
	const struct nlattr *tb[TB_MAX + 1];

	memset(t, 0, sizeof(*t));
	t->layout = l;
	t->family = family;
	nl_parse_nested(data, tb, TB_MAX);
	for (int f = F_NONE + 1; f < F_N; f++) {
		uint16_t type = l->f[f].type;
		if (type && tb[type] && field_read(tb[type], f, t))
			t->has |= FIELD(f);
	}
}

bool tnl_key(const struct tnl *t, enum field flags)
{
	/* VTI keys have no flag: 0 is none */
	if (!tnl_has(t, flags))
		return t->v[flags == F_IFLAGS ? F_IKEY : F_OKEY] != 0;
	return t->v[flags] & GRE_KEY;
}

/* IPv4 kinds keep a TOS byte, 1 inheriting; IPv6 kinds a traffic class in
 * the flow info, inheriting by a flag. */
bool tnl_tos(const struct tnl *t, unsigned *tos)
{
	if (t->has & FIELD(F_TOS)) {
		*tos = t->v[F_TOS];
		return true;
	}
	if (!(t->has & FIELD(F_FLOWINFO)))
		return false;
	if (t->v[F_FLAGS] & IP6_TNL_F_USE_ORIG_TCLASS)
		*tos = 1;
	else
		*tos = (ntohl(t->v[F_FLOWINFO]) & TCLASS_MASK) >> TCLASS_SHIFT;
	return true;
}

bool tnl_same_endpoints(const struct tnl *a, const struct tnl *b)
{
	size_t n = tnl_addr_len(a->family);

	return !memcmp(a->local, b->local, n) && !memcmp(a->remote, b->remote, n) &&
	       a->v[F_LINK] == b->v[F_LINK] && tnl_key(a, F_IFLAGS) == tnl_key(b, F_IFLAGS) &&
	       a->v[F_IKEY] == b->v[F_IKEY];
}

/* ---- setting ------------------------------------------------------------------- */

void tnl_set(struct tnl *t, enum field f, uint32_t v)
{
	t->v[f] = v;
	t->has |= FIELD(f);
}

void tnl_set_bits(struct tnl *t, enum field f, uint32_t bits, bool on)
{
	tnl_set(t, f, on ? t->v[f] | bits : t->v[f] & ~bits);
}

void tnl_set_addr(struct tnl *t, enum field f, const struct inet_prefix *p)
{
	memset(tnl_addr(t, f), 0, sizeof(t->local));
	if (p->family != AF_UNSPEC)
		memcpy(tnl_addr(t, f), p->bytes, tnl_addr_len(p->family));
	t->has |= FIELD(f);
}

void tnl_set_tos(struct tnl *t, uint8_t tos, bool inherit)
{
	uint32_t flowinfo = ntohl(t->v[F_FLOWINFO]) & ~TCLASS_MASK;

	if (tnl_has(t, F_TOS)) {
		tnl_set(t, F_TOS, inherit ? 1 : tos);
		return;
	}
	tnl_set_bits(t, F_FLAGS, IP6_TNL_F_USE_ORIG_TCLASS, inherit);
	if (!inherit)
		tnl_set(t, F_FLOWINFO, htonl(flowinfo | (uint32_t)tos << TCLASS_SHIFT));
}

void tnl_set_encap_limit(struct tnl *t, uint8_t limit, bool none)
{
	tnl_set_bits(t, F_FLAGS, IP6_TNL_F_IGN_ENCAP_LIMIT, none);
	if (!none)
		tnl_set(t, F_ENCAP_LIMIT, limit);
}

/* ---- writing ------------------------------------------------------------------- */

static void put_field(struct nlmsghdr *nlh, const struct tnl *t, enum field f)
{
	uint16_t type = t->layout->f[f].type;
	size_t w = field_width(t, f);

	if (t->layout->f[f].width == W_ADDR)
		mnl_attr_put(nlh, type, w, f == F_LOCAL ? t->local : t->remote);
	else if (t->layout->f[f].width == W_FLAG) {
		if (t->v[f])
			mnl_attr_put(nlh, type, 0, NULL);
	} else if (w == 1)
		mnl_attr_put_u8(nlh, type, (uint8_t)t->v[f]);
	else if (w == 2)
		mnl_attr_put_u16(nlh, type, (uint16_t)t->v[f]);
	else
		mnl_attr_put_u32(nlh, type, t->v[f]);
}

static bool layout_has_type(const struct layout *l, uint16_t type)
{
	for (int f = F_NONE + 1; f < F_N; f++)
		if (l->f[f].type == type)
			return true;
	return false;
}

/* The kernel's changelink for tunnels starts from zero: old's attributes
 * that struct tnl has no field for (fwmark, encapsulation, 6rd...) go back
 * as they came. */
void tnl_put_data(struct nlmsghdr *nlh, const struct tnl *t, const struct nlattr *old)
{
	const struct nlattr *a;

	for (int f = F_NONE + 1; f < F_N; f++)
		if ((t->has & FIELD(f)) && t->layout->f[f].type)
			put_field(nlh, t, f);
	if (!old)
		return;
	mnl_attr_for_each_nested(a, old)
	{
		if (!layout_has_type(t->layout, mnl_attr_get_type(a)))
			mnl_attr_put(nlh, a->nla_type, mnl_attr_get_payload_len(a),
				     mnl_attr_get_payload(a));
	}
}
