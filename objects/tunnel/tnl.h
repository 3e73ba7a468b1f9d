/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IP tunnel kinds: their attributes (objects/tunnel/tunnelattr.c), every
 * kind's words (objects/tunnel/tunnelwords.c), their descriptions
 * (objects/tunnel/tunnelkind.c: each kind's list of words, the put and the
 * printer, for `link add ... type KIND` and `link show -d`), and under them
 * the tunnel object (objects/tunnel/tunnel.c), which speaks `ip tunnel`'s modes.
 * Each file uses only those before it.
 *
 * The kinds speak three attribute sets (IFLA_IPTUN_*, IFLA_GRE_*,
 * IFLA_VTI_*), each kind a subset of its set.  A kind's struct tnl_attrs
 * names its attributes by what they carry; struct tnl holds a tunnel's
 * settings under those attributes.  A word's value goes from its slot in
 * the kind's table straight to the kind's attribute (tnl_apply).
 */
#ifndef VNETCTL_TUNNEL_H
#define VNETCTL_TUNNEL_H

#include <libmnl/libmnl.h>
#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "link.h"

/* ---- attributes (tunnelattr.c) -------------------------------------------------- */

/* The largest attribute number of the three sets. */
#define TNL_ATTR_MAX (IFLA_GRE_MAX > IFLA_IPTUN_MAX ? IFLA_GRE_MAX : IFLA_IPTUN_MAX)
#define TNL_NATTRS   25

/* A kind's attributes: each member is the kind's own IFLA_IPTUN_*,
 * IFLA_GRE_* or IFLA_VTI_* number (0: the kind has none), in the order a
 * request carries them; width gives each attribute's size. */
struct tnl_attrs {
	union {
		struct {
			uint16_t link;	      /* the device the outer packets leave by (ifindex) */
			uint16_t local;	      /* the outer source address */
			uint16_t remote;      /* the outer destination address */
			uint16_t ttl;	      /* 0: copy the inner packet's */
			uint16_t tos;	      /* 1: copy the inner packet's */
			uint16_t pmtudisc;    /* 1: set DF on outer packets */
			uint16_t encap_limit; /* the IPv6 tunnel encapsulation limit option */
			uint16_t flowinfo;    /* IPv6 traffic class and flow label, network order */
			uint16_t flags;	      /* SIT_ISATAP on sit; IP6_TNL_F_* on IPv6 kinds */
			uint16_t proto;	      /* what an ipip, sit or ip6tnl carries: IPPROTO_* */
			uint16_t
			    iflags; /* GRE_KEY, GRE_CSUM, GRE_SEQ expected in (network order) */
			uint16_t oflags; /* ... and sent */
			uint16_t ikey;	 /* network order */
			uint16_t okey;
			uint16_t erspan_ver;   /* ERSPAN: 1 (type II) or 2 (type III) */
			uint16_t erspan_index; /* v1: the 20-bit port index */
			uint16_t erspan_dir;   /* v2: 0 ingress, 1 egress */
			uint16_t erspan_hwid;  /* v2: the engine's 6-bit id */
			uint16_t
			    encap_type; /* a UDP header outside: TUNNEL_ENCAP_NONE, _FOU, _GUE */
			uint16_t encap_flags; /* TUNNEL_ENCAP_FLAG_* */
			uint16_t encap_sport; /* network order; 0: from the flow's hash */
			uint16_t encap_dport; /* network order */
			uint16_t fwmark;      /* the mark of the outer packets' route lookup */
			uint16_t ignore_df;   /* 1: send a packet with DF too big, fragmented */
			uint16_t external; /* a flag: the endpoints from each packet's metadata */
		};
		uint16_t all[TNL_NATTRS];
	};
	uint8_t width[TNL_ATTR_MAX + 1]; /* by attribute: bytes, or TNL_ADDR, TNL_FLAG */
};
#define TNL_ADDR 0   /* an address of the kind's family: 4 or 16 bytes */
#define TNL_FLAG 255 /* a flag: there (1) or not */

extern const struct tnl_attrs tnl_iptun_attrs, tnl_ip6tnl_attrs, tnl_gre_attrs, tnl_ip6gre_attrs,
    tnl_erspan_attrs, tnl_ip6erspan_attrs, tnl_vti_attrs;

/* Each attribute set by name, for dry run. */
extern const struct nl_attr_name tnl_iptun_names[IFLA_IPTUN_MAX + 1],
    tnl_gre_names[IFLA_GRE_MAX + 1], tnl_vti_names[IFLA_VTI_MAX + 1];

/* A tunnel's settings, as the kernel reported them or as a request has
 * them, each under its attribute. */
struct tnl {
	const struct tnl_attrs *a;
	int family;		      /* of its outer addresses */
	uint32_t has;		      /* TNL_BIT(attr): attr is set */
	uint32_t v[TNL_ATTR_MAX + 1]; /* each as its attribute holds it */
	uint8_t local[16], remote[16];
};
#define TNL_BIT(attr) (1u << (attr))

/* Whether t has attr set (never for 0, an attribute the kind lacks). */
bool tnl_got(const struct tnl *t, uint16_t attr);
size_t tnl_addr_len(int family);
uint8_t *tnl_addr(struct tnl *t, uint16_t attr);

/* IFLA_INFO_DATA (may be NULL) of a device with those attributes. */
void tnl_parse(const struct nlattr *data, const struct tnl_attrs *a, int family, struct tnl *t);

/* attr 0 (the kind has none): nothing. */
void tnl_set(struct tnl *t, uint16_t attr, uint32_t v);
void tnl_set_bits(struct tnl *t, uint16_t attr, uint32_t bits, bool on);
/* family AF_UNSPEC: any. */
void tnl_set_addr(struct tnl *t, uint16_t attr, const struct inet_prefix *p);
void tnl_set_tos(struct tnl *t, uint8_t tos, bool inherit);
void tnl_set_encap_limit(struct tnl *t, uint8_t limit, bool none);
/* The key one way (out: outgoing), in host order; GRE marks it in the flags. */
void tnl_set_key(struct tnl *t, bool out, uint32_t key);

/* Whether a key goes in or (out) out. */
bool tnl_key(const struct tnl *t, bool out);
/* The TOS, 1 for inherit, whichever way the kind keeps it; false if none. */
bool tnl_tos(const struct tnl *t, unsigned *tos);
/* The kernel refuses two tunnels of a kind that receive the same packets
 * (a and b are of the same kind). */
bool tnl_same_endpoints(const struct tnl *a, const struct tnl *b);

/* IFLA_INFO_DATA's attributes: t's settings, then old's others (may be NULL). */
void tnl_put_data(struct nlmsghdr *nlh, const struct tnl *t, const struct nlattr *old);

/* ---- the kinds (tunnelkind.c) ------------------------------------------------------ */

/* The words of the tunnel kinds, by meaning.  Each kind's table lists those
 * it takes; the tunnel object takes those before W_NTUNNEL. */
enum tnl_word {
	W_REMOTE,
	W_LOCAL,
	W_TTL,
	W_TOS,
	W_DEV,
	W_KEY,
	W_IKEY,
	W_OKEY,
	W_CSUM,
	W_ICSUM,
	W_OCSUM,
	W_SEQ,
	W_ISEQ,
	W_OSEQ,
	W_PMTUDISC,
	W_NOPMTUDISC,
	W_ENCAPLIMIT,
	W_ERSPAN_VER,
	W_ERSPAN,
	W_ERSPAN_DIR,
	W_ERSPAN_HWID,
	W_NTUNNEL,
	W_ISATAP = W_NTUNNEL, /* sit: what the tunnel object calls mode isatap */
	W_IP6MODE,	      /* ip6tnl's mode: what it carries */
	W_ENCAP,
	W_ENCAP_SPORT,
	W_ENCAP_DPORT,
	W_ENCAP_CSUM,
	W_NOENCAP_CSUM,
	W_ENCAP_REMCSUM,
	W_NOENCAP_REMCSUM,
	W_FWMARK,
	W_IGNORE_DF,
	W_NOIGNORE_DF,
	W_EXTERNAL,
	W_N
};
extern const struct arg tnl_words[W_N];
/* The i-th of the words word w's value takes instead of a number
 * (erspan_dir's ingress, encap's fou), NULL past its last (tunnelwords.c). */
const char *tnl_word_value(enum tnl_word w, uint32_t i);

/* "mode": ip6tnl's word, and the tunnel object's. */
extern const char tnl_mode_kw[];
/* ip6tnl's modes, as W_IP6MODE takes them: ip6ip6, ipip6, any. */
extern const char *const tnl_ip6mode_words[];
/* The IFLA_IPTUN_PROTO of each. */
uint8_t tnl_ip6mode_proto(int mode);

/* A tunnel kind: the core's description, and what the tunnel code adds. */
struct tnl_kind {
	struct link_kind link; /* first: the core hands printers this */
	int family;	       /* of the outer addresses */
	const struct tnl_attrs *attrs;
	const uint8_t *words; /* its words (enum tnl_word), in link.args' order */
	size_t nwords;
};

enum tnl_kind_id {
	K_IPIP,
	K_GRE,
	K_GRETAP,
	K_SIT,
	K_VTI,
	K_IP6TNL,
	K_IP6GRE,
	K_IP6GRETAP,
	K_VTI6,
	K_ERSPAN,
	K_IP6ERSPAN,
	K_N
};
extern const struct tnl_kind tnl_kinds[K_N];

/* The tunnel kind of a link kind, or NULL. */
const struct tnl_kind *tnl_kind_of(const char *kind);
/* Whether kind k takes the word. */
bool tnl_kind_takes(const struct tnl_kind *k, enum tnl_word w);

/* args[i] = tnl_words[ids[i]], each exclusion pointed at its word's place
 * in the table args begin at index base of (none when it is not there). */
void tnl_fill_args(struct arg *args, const uint8_t *ids, size_t n, size_t base);

/* A new tunnel of kind k with ip's defaults (ttl inherit over IPv4, hop
 * limit 64 and encapsulation limit 4 over IPv6). */
void tnl_init(struct tnl *t, const struct tnl_kind *k);
/* The values given (vals[i], of the word ids[i]; those not set are skipped)
 * over t's settings, each into its attribute, checked: an address of the
 * other family, nopmtudisc with a fixed ttl, ERSPAN's rules.  what names
 * the kind in errors ("mode gre", "type gre"). */
int tnl_apply(struct ctx *c, struct tnl *t, const uint8_t *ids, const struct val *vals, size_t n,
	      const char *what);

/* " remote R local L [isatap] [dev D] ttl T ...", as add takes it (JSON:
 * the same keys); brief: remote and local alone, in columns. */
void tnl_print_params(struct ctx *c, struct tnl *t);
/* JSON only, what ip -j -d gives besides (tunneljson.c): "proto",
 * "tclass", "flowlabel", a sit's 6rd prefixes; data its IFLA_INFO_DATA. */
void tnl_print_json_extra(struct out *o, const struct tnl_kind *k, const struct tnl *t,
			  const struct nlattr *data);
void tnl_print_endpoints_brief(struct ctx *c, struct tnl *t);

#endif
