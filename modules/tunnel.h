/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tunnel kinds' attributes (modules/tunnelattr.c), under the tunnel
 * object's verbs and printers (modules/tunnel.c).
 *
 * The kinds speak three attribute sets (IFLA_IPTUN_*, IFLA_GRE_*,
 * IFLA_VTI_*), each kind a subset of its set.  struct tnl holds a tunnel's
 * settings by meaning (enum field), whichever attribute carries them; a
 * layout per kind maps one onto the other, so what a mode takes is known
 * from the attributes its kind has.
 */
#ifndef VNETCTL_TUNNEL_H
#define VNETCTL_TUNNEL_H

#include <libmnl/libmnl.h>
#include <stdbool.h>
#include <stdint.h>

#include "core.h"

/* A tunnel's settings, whichever attribute carries them. */
enum field {
	F_NONE,
	F_LINK,	       /* the device the outer packets leave by (ifindex) */
	F_LOCAL,       /* the outer source address */
	F_REMOTE,      /* the outer destination address */
	F_TTL,	       /* 0: copy the inner packet's */
	F_TOS,	       /* 1: copy the inner packet's */
	F_PMTUDISC,    /* 1: set DF on outer packets */
	F_ENCAP_LIMIT, /* the IPv6 tunnel encapsulation limit option */
	F_FLOWINFO,    /* IPv6 traffic class and flow label, network order */
	F_FLAGS,       /* SIT_ISATAP on sit; IP6_TNL_F_* on IPv6 kinds */
	F_PROTO,       /* what an ipip, sit or ip6tnl carries: IPPROTO_* */
	F_IFLAGS,      /* GRE_KEY, GRE_CSUM, GRE_SEQ expected in (network order) */
	F_OFLAGS,      /* ... and sent */
	F_IKEY,	       /* network order */
	F_OKEY,
	F_N
};

#define FIELD(f) (1u << (f))

struct layout;

/*
 * One row per mode: the word `mode` takes, the link kind it makes, the
 * family of its outer addresses, its kind's attributes (and so what it
 * takes), what tells it from the other modes of its kind, and the
 * inner/outer label `show` prints, as ip tunnel show does.
 */
struct tnl_mode {
	const char *word;
	const char *kind;
	int family;
	const struct layout *layout;
	uint8_t proto;	   /* F_PROTO it sends and is known by; 0: the kind's default */
	uint16_t flags;	   /* F_FLAGS bits it sets and is known by */
	const char *label; /* "gre/ip" */
};

#define TNL_NMODES 11
extern const struct tnl_mode tnl_modes[TNL_NMODES];

/* A tunnel's settings, as the kernel reported them or as a request has them. */
struct tnl {
	const struct tnl_mode *k;    /* a row of its kind: layout and family */
	const struct tnl_mode *mode; /* NULL when no word names it (ip6tnl's "any") */
	unsigned has;		     /* FIELD(f): f is set */
	uint32_t v[F_N];	     /* each as its attribute holds it */
	uint8_t local[16], remote[16];
};

/* Whether m's kind has an attribute for f. */
bool tnl_has(const struct tnl_mode *m, enum field f);
/* The first row of a kind; NULL when it is no tunnel kind. */
const struct tnl_mode *tnl_kind_row(const char *kind);
size_t tnl_addr_len(int family);
uint8_t *tnl_addr(struct tnl *t, enum field f);

/* IFLA_INFO_DATA (may be NULL) of a device of k's kind. */
void tnl_parse(const struct nlattr *data, const struct tnl_mode *k, struct tnl *t);

void tnl_set(struct tnl *t, enum field f, uint32_t v);
void tnl_set_bits(struct tnl *t, enum field f, uint32_t bits, bool on);
/* The proto and flags that make the tunnel m. */
void tnl_set_mode(struct tnl *t, const struct tnl_mode *m);
/* family AF_UNSPEC: any. */
void tnl_set_addr(struct tnl *t, enum field f, const struct inet_prefix *p);
void tnl_set_tos(struct tnl *t, uint8_t tos, bool inherit);
void tnl_set_encap_limit(struct tnl *t, uint8_t limit, bool none);

/* Whether a key goes in (F_IFLAGS) or out (F_OFLAGS). */
bool tnl_key(const struct tnl *t, enum field flags);
/* The TOS, 1 for inherit, whichever way the kind keeps it; false if none. */
bool tnl_tos(const struct tnl *t, unsigned *tos);
/* Whether the kernel's changelink can turn t into m. */
bool tnl_can_become(const struct tnl *t, const struct tnl_mode *m);
/* The kernel refuses two tunnels of a kind that receive the same packets. */
bool tnl_same_endpoints(const struct tnl *a, const struct tnl *b);

/* IFLA_LINKINFO { KIND, DATA { t's settings, then old's others } }. */
void tnl_put_linkinfo(struct nlmsghdr *nlh, struct tnl *t, const struct nlattr *old);

/* In modules/tunnel.c: the kind printer, `-d link show`'s details. */
void tunnel_kind_print(struct ctx *c, const struct nlattr *data, const struct tnl_mode *k);

#endif
