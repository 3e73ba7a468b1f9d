// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IP tunnel link kinds, each described once for the core: ipip, gre,
 * gretap, sit, vti, ip6tnl, ip6gre, ip6gretap, vti6, erspan and ip6erspan.
 * A kind's table is the list of the words it takes (iproute2's `ip link add
 * ... type KIND` words), each word written once in tnl_words[] (tunnelwords.c); its put
 * applies them over ip's defaults; one printer shows every kind, worded as
 * add takes it.  The tunnel object (tunnel.c) makes the same kinds under
 * `ip tunnel`'s modes, with these words, and this file's checks and printer.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h> /* IPV6_DEFAULT_TNL_ENCAP_LIMIT */
#include <string.h>

#include "nl.h"
#include "out.h"
#include "tnl.h"

/* ip -6 tunnel add's hop limit, where the kernel's default is to inherit. */
#define IP6_DEFAULT_HOPLIMIT 64
/* The ERSPAN session id is the GRE key's low 10 bits. */
#define ERSPAN_MAX_SESSION 1023

/* The IFLA_IPTUN_PROTO of each of tnl_ip6mode_words. */
static const uint8_t ip6mode_protos[] = {IPPROTO_IPV6, IPPROTO_IPIP, 0};

/* The flags of the UDP header outside: a word to set each, one to clear it. */
static const struct {
	uint8_t on, off;
	uint16_t bit;
} encap_flags[] = {
    {W_ENCAP_CSUM, W_NOENCAP_CSUM, TUNNEL_ENCAP_FLAG_CSUM},
    {W_ENCAP_REMCSUM, W_NOENCAP_REMCSUM, TUNNEL_ENCAP_FLAG_REMCSUM},
};

/* The GRE flags: a word for both ways, one for each. */
static const struct {
	uint8_t both, in, out;
	uint16_t bit; /* network order, as the kernel keeps it */
} gre_flags[] = {
    {W_CSUM, W_ICSUM, W_OCSUM, GRE_CSUM},
    {W_SEQ, W_ISEQ, W_OSEQ, GRE_SEQ},
};

/* ---- each kind's words ------------------------------------------------------------- */

/* The outer header: every kind but VTI sets its TTL and TOS. */
#define OUTER	     W_REMOTE, W_LOCAL, W_TTL, W_TOS, W_DEV
#define KEYS	     W_KEY, W_IKEY, W_OKEY
#define SEQS	     W_SEQ, W_ISEQ, W_OSEQ
#define CSUMS	     W_CSUM, W_ICSUM, W_OCSUM
#define DF	     W_PMTUDISC, W_NOPMTUDISC
#define ERSPAN_WORDS W_ERSPAN_VER, W_ERSPAN, W_ERSPAN_DIR, W_ERSPAN_HWID
#define UDP                                                                                        \
	W_ENCAP, W_ENCAP_SPORT, W_ENCAP_DPORT, W_ENCAP_CSUM, W_NOENCAP_CSUM, W_ENCAP_REMCSUM,      \
	    W_NOENCAP_REMCSUM
#define META	  W_FWMARK, W_EXTERNAL
#define IGNORE_DF W_IGNORE_DF, W_NOIGNORE_DF

static const uint8_t ipip_words[] = {OUTER, DF, UDP, META};
static const uint8_t sit_words[] = {OUTER, DF, W_ISATAP, UDP, META};
static const uint8_t gre_words[] = {OUTER, KEYS, CSUMS, SEQS, DF, UDP, META, IGNORE_DF};
static const uint8_t erspan_words[] = {OUTER, KEYS, SEQS, DF, ERSPAN_WORDS, META, IGNORE_DF};
static const uint8_t vti_words[] = {W_REMOTE, W_LOCAL, W_DEV, KEYS, W_FWMARK};
static const uint8_t ip6tnl_words[] = {OUTER, W_ENCAPLIMIT, W_IP6MODE, UDP, META};
static const uint8_t ip6gre_words[] = {OUTER, KEYS, CSUMS, SEQS, W_ENCAPLIMIT, UDP, META};
static const uint8_t ip6erspan_words[] = {OUTER, KEYS, SEQS, W_ENCAPLIMIT, ERSPAN_WORDS, META};

/* The tables the core parses, filled from the lists before main. */
static struct arg ipip_args[ARRAY_SIZE(ipip_words)], sit_args[ARRAY_SIZE(sit_words)],
    gre_args[ARRAY_SIZE(gre_words)], erspan_args[ARRAY_SIZE(erspan_words)],
    vti_args[ARRAY_SIZE(vti_words)], ip6tnl_args[ARRAY_SIZE(ip6tnl_words)],
    ip6gre_args[ARRAY_SIZE(ip6gre_words)], ip6erspan_args[ARRAY_SIZE(ip6erspan_words)];

/* ---- a kind's words over a tunnel -------------------------------------------------- */

static const char *family_name(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

const struct tnl_kind *tnl_kind_of(const char *kind)
{
	for (size_t i = 0; i < K_N; i++)
		if (!strcmp(tnl_kinds[i].link.kind, kind))
			return &tnl_kinds[i];
	return NULL;
}

uint8_t tnl_ip6mode_proto(int mode)
{
	return ip6mode_protos[mode];
}

bool tnl_kind_takes(const struct tnl_kind *k, enum tnl_word w)
{
	return memchr(k->words, w, k->nwords) != NULL;
}

void tnl_fill_args(struct arg *args, const uint8_t *ids, size_t n, size_t base)
{
	for (size_t i = 0; i < n; i++) {
		const struct arg *a = &tnl_words[ids[i]];
		const uint8_t *x = a->excludes ? memchr(ids, a->excludes - 1, n) : NULL;

		args[i] = *a;
		args[i].excludes = x ? (int)(base + (size_t)(x - ids) + 1) : 0;
	}
}

void tnl_init(struct tnl *t, const struct tnl_kind *k)
{
	const struct tnl_attrs *a = k->attrs;

	memset(t, 0, sizeof(*t));
	t->a = a;
	t->family = k->family;
	tnl_set(t, a->ttl, k->family == AF_INET6 ? IP6_DEFAULT_HOPLIMIT : 0);
	tnl_set(t, a->encap_limit, IPV6_DEFAULT_TNL_ENCAP_LIMIT);
	if (tnl_kind_takes(k, W_IP6MODE))
		tnl_set(t, a->proto, ip6mode_protos[0]);
	tnl_set(t, a->erspan_ver, 1);
}

static int family_check(struct ctx *c, const struct tnl *t, const struct val *v, enum tnl_word w,
			const char *what)
{
	const struct inet_prefix *p = &v->ip;

	if (p->family == AF_UNSPEC || p->family == t->family)
		return 0;
	return err_usage(c, "%s %s is an %s address; %s runs over %s", tnl_words[w].kw, v->str,
			 family_name(p->family), what, family_name(t->family));
}

/* A GRE flag word (its bit, one way or both) or one of the UDP header
 * outside (its bit on or off). */
static void apply_flag(struct tnl *t, enum tnl_word w)
{
	for (size_t i = 0; i < ARRAY_SIZE(gre_flags); i++) {
		if (w == gre_flags[i].both || w == gre_flags[i].in)
			tnl_set_bits(t, t->a->iflags, gre_flags[i].bit, true);
		if (w == gre_flags[i].both || w == gre_flags[i].out)
			tnl_set_bits(t, t->a->oflags, gre_flags[i].bit, true);
	}
	for (size_t i = 0; i < ARRAY_SIZE(encap_flags); i++)
		if (w == encap_flags[i].on || w == encap_flags[i].off)
			tnl_set_bits(t, t->a->encap_flags, encap_flags[i].bit,
				     w == encap_flags[i].on);
}

/* One word's value into the kind's attribute (dev is looked up last). */
static void apply_word(struct tnl *t, enum tnl_word w, const struct val *v)
{
	const struct tnl_attrs *a = t->a;

	switch (w) {
	case W_REMOTE:
		tnl_set_addr(t, a->remote, &v->ip);
		break;
	case W_LOCAL:
		tnl_set_addr(t, a->local, &v->ip);
		break;
	case W_TTL:
		tnl_set(t, a->ttl, v->u);
		break;
	case W_TOS:
		tnl_set_tos(t, (uint8_t)v->u, v->word != 0);
		break;
	case W_KEY:
	case W_IKEY:
	case W_OKEY:
		if (w != W_OKEY)
			tnl_set_key(t, false, v->u);
		if (w != W_IKEY)
			tnl_set_key(t, true, v->u);
		break;
	case W_PMTUDISC:
	case W_NOPMTUDISC:
		tnl_set(t, a->pmtudisc, w == W_PMTUDISC);
		break;
	case W_ENCAPLIMIT:
		tnl_set_encap_limit(t, (uint8_t)v->u, v->word != 0);
		break;
	case W_ERSPAN_VER:
		tnl_set(t, a->erspan_ver, v->u);
		break;
	case W_ERSPAN:
		tnl_set(t, a->erspan_index, v->u);
		break;
	case W_ERSPAN_DIR:
		tnl_set(t, a->erspan_dir, (uint32_t)v->e);
		break;
	case W_ERSPAN_HWID:
		tnl_set(t, a->erspan_hwid, v->u);
		break;
	case W_ISATAP:
		tnl_set_bits(t, a->flags, SIT_ISATAP, true);
		break;
	case W_IP6MODE:
		tnl_set(t, a->proto, ip6mode_protos[v->e]);
		break;
	case W_ENCAP:
		tnl_set(t, a->encap_type, (uint32_t)v->e);
		break;
	case W_ENCAP_SPORT:
		tnl_set(t, a->encap_sport, htons((uint16_t)v->u));
		break;
	case W_ENCAP_DPORT:
		tnl_set(t, a->encap_dport, htons((uint16_t)v->u));
		break;
	case W_FWMARK:
		tnl_set(t, a->fwmark, v->u);
		break;
	case W_IGNORE_DF:
	case W_NOIGNORE_DF:
		tnl_set(t, a->ignore_df, w == W_IGNORE_DF);
		break;
	case W_EXTERNAL:
		tnl_set(t, a->external, 1);
		break;
	default:
		apply_flag(t, w);
	}
}

/* As iproute2 refuses it: without DF the outer TTL must be inherited. */
static int pmtudisc_check(struct ctx *c, const struct tnl *t)
{
	const struct tnl_attrs *a = t->a;

	if (!tnl_got(t, a->pmtudisc) || t->v[a->pmtudisc] || !t->v[a->ttl])
		return 0;
	return err_usage(c, "%s needs %s %s (the %s is %u)", tnl_words[W_NOPMTUDISC].kw,
			 tnl_words[W_TTL].kw, tnl_words[W_TTL].words[0], tnl_words[W_TTL].kw,
			 t->v[a->ttl]);
}

static bool given(const uint8_t *ids, const struct val *vals, size_t n, enum tnl_word w)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == w && vals[i].set)
			return true;
	return false;
}

/* A word of one ERSPAN version given to a tunnel of the other. */
static int erspan_version_check(struct ctx *c, const struct tnl *t, const uint8_t *ids,
				const struct val *vals, size_t n)
{
	static const uint8_t v2_words[] = {W_ERSPAN_DIR, W_ERSPAN_HWID};
	uint32_t ver = t->v[t->a->erspan_ver];
	const char *vkw = tnl_words[W_ERSPAN_VER].kw;

	if (given(ids, vals, n, W_ERSPAN) && ver != 1)
		return err_usage(c, "%s is for %s 1 (the tunnel's is %u)", tnl_words[W_ERSPAN].kw,
				 vkw, ver);
	for (size_t i = 0; i < ARRAY_SIZE(v2_words); i++)
		if (given(ids, vals, n, v2_words[i]) && ver != 2)
			return err_usage(c, "%s is for %s 2 (the tunnel's is %u)",
					 tnl_words[v2_words[i]].kw, vkw, ver);
	return 0;
}

/* The kernel takes an ERSPAN tunnel with a key (its session id, 10 bits)
 * and sequence numbers, and nothing else in the GRE flags. */
static int erspan_check(struct ctx *c, const struct tnl *t, const uint8_t *ids,
			const struct val *vals, size_t n, const char *what)
{
	const struct tnl_attrs *a = t->a;
	uint16_t flags = (uint16_t)(t->v[a->iflags] | t->v[a->oflags]);
	int rc;

	if (!a->erspan_ver)
		return 0;
	if ((rc = erspan_version_check(c, t, ids, vals, n)) < 0)
		return rc;
	if (!(flags & GRE_KEY) || !(flags & GRE_SEQ))
		return err_usage(c, "%s needs a %s and %s (ERSPAN sends its session id as the key)",
				 what, tnl_words[W_KEY].kw, tnl_words[W_SEQ].kw);
	if ((tnl_key(t, false) && ntohl(t->v[a->ikey]) > ERSPAN_MAX_SESSION) ||
	    (tnl_key(t, true) && ntohl(t->v[a->okey]) > ERSPAN_MAX_SESSION))
		return err_usage(c, "an ERSPAN %s is a session id, 0..%u", tnl_words[W_KEY].kw,
				 ERSPAN_MAX_SESSION);
	return 0;
}

int tnl_apply(struct ctx *c, struct tnl *t, const uint8_t *ids, const struct val *vals, size_t n,
	      const char *what)
{
	const struct val *dev = NULL;
	int index, rc;

	for (size_t i = 0; i < n; i++) {
		if (!vals[i].set)
			continue;
		if ((ids[i] == W_REMOTE || ids[i] == W_LOCAL) &&
		    (rc = family_check(c, t, &vals[i], ids[i], what)) < 0)
			return rc;
		if (ids[i] == W_DEV)
			dev = &vals[i];
		else
			apply_word(t, ids[i], &vals[i]);
	}
	if ((rc = pmtudisc_check(c, t)) < 0 || (rc = erspan_check(c, t, ids, vals, n, what)) < 0)
		return rc;
	/* the lookup goes even in dry run, so the request shows the index */
	if (dev) {
		if ((index = link_index(c, dev->str)) < 0)
			return index;
		tnl_set(t, t->a->link, (uint32_t)index);
	}
	return 0;
}

/* ---- printing, shared by `link show -d` and tunnel show ----------------------------- */

/* " KW" in text: the word, as add takes it, before its value. */
static void print_kw(struct out *o, enum tnl_word w)
{
	out_str(o, OUT_TEXT, NULL, " %s", tnl_words[w].kw);
}

/* An endpoint as add takes it: "any" when unset. */
static const char *endpoint(struct tnl *t, uint16_t attr, char *buf, size_t sz)
{
	static const uint8_t zero[16];
	const uint8_t *a = tnl_addr(t, attr);

	if (!memcmp(a, zero, tnl_addr_len(t->family)))
		return tnl_words[W_REMOTE].words[0];
	return format_addr(t->family, a, buf, sz);
}

/* " remote 10.0.0.2", or in brief only the value, in fmt. */
static void print_endpoint(struct out *o, struct tnl *t, uint16_t attr, enum tnl_word w, bool brief,
			   const char *fmt)
{
	char buf[INET6_ADDRSTRLEN];
	enum out_color col = t->family == AF_INET6 ? COL_INET6 : COL_INET;

	if (!tnl_got(t, attr))
		return;
	if (brief)
		out_str(o, OUT_TEXT, NULL, "%s", " ");
	else
		out_str(o, OUT_TEXT, NULL, " %s ", tnl_words[w].kw);
	out_strc(o, OUT_ANY, col, tnl_words[w].kw, fmt, endpoint(t, attr, buf, sizeof(buf)));
}

void tnl_print_endpoints_brief(struct ctx *c, struct tnl *t)
{
	print_endpoint(c->out, t, t->a->remote, W_REMOTE, true, "%-15s");
	print_endpoint(c->out, t, t->a->local, W_LOCAL, true, "%s");
}

/* sit's flag; ip6tnl's bit 0 means another thing. */
static void print_isatap(struct out *o, const struct tnl *t)
{
	if (t->a != &tnl_iptun_attrs || !(t->v[t->a->flags] & SIT_ISATAP))
		return;
	print_kw(o, W_ISATAP);
	out_bool(o, OUT_JSON, tnl_words[W_ISATAP].kw, "", true);
}

static void print_link(struct ctx *c, const struct tnl *t)
{
	char name[IFNAMSIZ + 16];

	if (!tnl_got(t, t->a->link) || !t->v[t->a->link])
		return;
	if (!link_name(c, (int)t->v[t->a->link], name, sizeof(name)))
		snprintf(name, sizeof(name), "if%u", t->v[t->a->link]);
	out_str(c->out, OUT_TEXT, NULL, " %s ", tnl_words[W_DEV].kw);
	out_strc(c->out, OUT_ANY, COL_IFNAME, "link", "%s", name);
}

/* " ttl 64" or " ttl inherit"; JSON has the kernel's number, 0 inherits. */
static void print_ttl(struct out *o, const struct tnl *t)
{
	if (!tnl_got(t, t->a->ttl))
		return;
	print_kw(o, W_TTL);
	if (t->v[t->a->ttl])
		out_uint(o, OUT_TEXT, NULL, " %u", t->v[t->a->ttl]);
	else
		out_str(o, OUT_TEXT, NULL, " %s", tnl_words[W_TTL].words[0]);
	out_uint(o, OUT_JSON, tnl_words[W_TTL].kw, "", t->v[t->a->ttl]);
}

/* " tos 0x10", " tos inherit", nothing for 0, as ip tunnel show. */
static void print_tos(struct out *o, const struct tnl *t)
{
	unsigned tos;

	if (!tnl_tos(t, &tos))
		return;
	out_uint(o, OUT_JSON, tnl_words[W_TOS].kw, "", tos);
	if (!tos)
		return;
	print_kw(o, W_TOS);
	if (tos == 1)
		out_str(o, OUT_TEXT, NULL, " %s", tnl_words[W_TOS].words[0]);
	else
		out_uint(o, OUT_TEXT, NULL, " 0x%02x", tos);
}

static void print_pmtudisc(struct out *o, const struct tnl *t)
{
	if (!tnl_got(t, t->a->pmtudisc))
		return;
	out_bool(o, OUT_JSON, tnl_words[W_PMTUDISC].kw, "", t->v[t->a->pmtudisc] != 0);
	if (!t->v[t->a->pmtudisc])
		print_kw(o, W_NOPMTUDISC);
}

/* " encaplimit 4" or " encaplimit none" (JSON null). */
static void print_encap_limit(struct out *o, const struct tnl *t)
{
	if (!tnl_got(t, t->a->encap_limit))
		return;
	print_kw(o, W_ENCAPLIMIT);
	if (t->v[t->a->flags] & IP6_TNL_F_IGN_ENCAP_LIMIT) {
		out_str(o, OUT_TEXT, NULL, " %s", tnl_words[W_ENCAPLIMIT].words[0]);
		out_null(o, "encap_limit");
	} else {
		out_uint(o, OUT_ANY, "encap_limit", " %u", t->v[t->a->encap_limit]);
	}
}

/* " key 5" when both ways have the same, else " ikey 5 okey 6"; JSON has
 * each way's. */
static void print_keys(struct out *o, const struct tnl *t)
{
	bool in = tnl_key(t, false), out = tnl_key(t, true);
	uint32_t ikey = ntohl(t->v[t->a->ikey]), okey = ntohl(t->v[t->a->okey]);
	bool same = in && out && ikey == okey;

	if (!t->a->ikey)
		return;
	if (same) {
		print_kw(o, W_KEY);
		out_uint(o, OUT_TEXT, NULL, " %u", ikey);
	}
	if (in && !same)
		print_kw(o, W_IKEY);
	if (in)
		out_uint(o, same ? OUT_JSON : OUT_ANY, "ikey", " %u", ikey);
	if (out && !same)
		print_kw(o, W_OKEY);
	if (out)
		out_uint(o, same ? OUT_JSON : OUT_ANY, "okey", " %u", okey);
}

/* " csum" when both ways, else " icsum" or " ocsum"; JSON lists each way. */
static void print_gre_flags(struct out *o, const struct tnl *t)
{
	if (!t->a->iflags)
		return;
	out_list_open(o, "flags");
	for (size_t i = 0; i < ARRAY_SIZE(gre_flags); i++) {
		bool in = t->v[t->a->iflags] & gre_flags[i].bit,
		     out = t->v[t->a->oflags] & gre_flags[i].bit;
		if (in && out)
			print_kw(o, gre_flags[i].both);
		if (in)
			out_str(o, out ? OUT_JSON : OUT_ANY, NULL, " %s",
				tnl_words[gre_flags[i].in].kw);
		if (out)
			out_str(o, in ? OUT_JSON : OUT_ANY, NULL, " %s",
				tnl_words[gre_flags[i].out].kw);
	}
	out_list_close(o);
}

/* " erspan_ver 1 erspan 7" or " erspan_ver 2 erspan_dir egress erspan_hwid 3". */
static void print_erspan(struct out *o, const struct tnl *t)
{
	uint32_t ver = t->v[t->a->erspan_ver], dir = t->v[t->a->erspan_dir];
	const char *dirw;

	if (!tnl_got(t, t->a->erspan_ver))
		return;
	print_kw(o, W_ERSPAN_VER);
	out_uint(o, OUT_ANY, "erspan_ver", " %u", ver);
	if (ver == 1 && tnl_got(t, t->a->erspan_index)) {
		print_kw(o, W_ERSPAN);
		out_uint(o, OUT_ANY, "erspan_index", " %u", t->v[t->a->erspan_index]);
	}
	if (ver != 2)
		return;
	if (tnl_got(t, t->a->erspan_dir) && (dirw = tnl_word_value(W_ERSPAN_DIR, dir))) {
		print_kw(o, W_ERSPAN_DIR);
		out_str(o, OUT_ANY, "erspan_dir", " %s", dirw);
	}
	if (tnl_got(t, t->a->erspan_hwid)) {
		print_kw(o, W_ERSPAN_HWID);
		out_uint(o, OUT_ANY, "erspan_hwid", " %u", t->v[t->a->erspan_hwid]);
	}
}

/* " external" first, as ip prints it; " fwmark 0x5" and " ignore-df" after
 * the rest (print_meta_tail). */
static void print_external(struct out *o, const struct tnl *t)
{
	if (!tnl_got(t, t->a->external) || !t->v[t->a->external])
		return;
	print_kw(o, W_EXTERNAL);
	out_bool(o, OUT_JSON, tnl_words[W_EXTERNAL].kw, "", true);
}

static void print_meta_tail(struct out *o, const struct tnl *t)
{
	if (tnl_got(t, t->a->fwmark) && t->v[t->a->fwmark]) {
		char hex[16];

		snprintf(hex, sizeof(hex), "%#x", t->v[t->a->fwmark]);
		print_kw(o, W_FWMARK); /* in hex, a string in JSON, as ip */
		out_str(o, OUT_ANY, tnl_words[W_FWMARK].kw, " %s", hex);
	}
	if (tnl_got(t, t->a->ignore_df) && t->v[t->a->ignore_df]) {
		print_kw(o, W_IGNORE_DF);
		out_bool(o, OUT_JSON, "ignore_df", "", true);
	}
}

void tnl_print_params(struct ctx *c, struct tnl *t)
{
	print_external(c->out, t);
	print_endpoint(c->out, t, t->a->remote, W_REMOTE, false, "%s");
	print_endpoint(c->out, t, t->a->local, W_LOCAL, false, "%s");
	print_isatap(c->out, t);
	print_link(c, t);
	print_ttl(c->out, t);
	print_tos(c->out, t);
	print_pmtudisc(c->out, t);
	print_encap_limit(c->out, t);
	print_keys(c->out, t);
	print_gre_flags(c->out, t);
	print_erspan(c->out, t);
	print_meta_tail(c->out, t);
}

/* " encap gue encap-sport auto encap-dport 5555 encap-csum": the UDP
 * header outside, when there is one. */
static void print_encap(struct out *o, const struct tnl *t)
{
	uint32_t type = t->v[t->a->encap_type], sport = ntohs((uint16_t)t->v[t->a->encap_sport]);
	const char *typew;

	if (!type || !(typew = tnl_word_value(W_ENCAP, type)))
		return;
	print_kw(o, W_ENCAP);
	out_str(o, OUT_ANY, "encap", " %s", typew);
	print_kw(o, W_ENCAP_SPORT);
	if (sport)
		out_uint(o, OUT_TEXT, NULL, " %u", sport);
	else
		out_str(o, OUT_TEXT, NULL, " %s", tnl_words[W_ENCAP_SPORT].words[0]);
	out_uint(o, OUT_JSON, "encap_sport", "", sport);
	print_kw(o, W_ENCAP_DPORT);
	out_uint(o, OUT_ANY, "encap_dport", " %u", ntohs((uint16_t)t->v[t->a->encap_dport]));
	for (size_t i = 0; i < ARRAY_SIZE(encap_flags); i++) {
		bool on = t->v[t->a->encap_flags] & encap_flags[i].bit;
		const char *kw = tnl_words[encap_flags[i].on].kw;
		char key[32];

		snprintf(key, sizeof(key), "%s", kw);
		for (char *p = key; *p; p++)
			*p = *p == '-' ? '_' : *p;
		out_bool(o, OUT_JSON, key, "", on);
		if (on)
			print_kw(o, encap_flags[i].on);
	}
}

/* `vnetctl -d link show t1`: "    ip6tnl mode ipip6 remote ...". */
static void tnl_show(struct ctx *c, const struct link_kind *lk, const struct link_msg *m)
{
	const struct tnl_kind *k = (const struct tnl_kind *)lk;
	struct tnl t;

	tnl_parse(m->info[IFLA_INFO_DATA], k->attrs, k->family, &t);
	if (tnl_kind_takes(k, W_IP6MODE) && tnl_got(&t, t.a->proto)) {
		const uint8_t *p =
		    memchr(ip6mode_protos, (int)t.v[t.a->proto], sizeof(ip6mode_protos));
		char num[8];

		snprintf(num, sizeof(num), "%u", t.v[t.a->proto]);
		print_kw(c->out, W_IP6MODE);
		out_str(c->out, OUT_ANY, "mode", " %s",
			p ? tnl_ip6mode_words[p - ip6mode_protos] : num);
	}
	tnl_print_params(c, &t);
	print_encap(c->out, &t);
	tnl_print_json_extra(c->out, k, &t, m->info[IFLA_INFO_DATA]);
}

/* ---- the kinds ---------------------------------------------------------------------- */

/* A kind's words over ip's defaults: IFLA_INFO_DATA whole. */
static int tnl_put(struct ctx *c, const struct link_kind *lk, struct nlmsghdr *nlh,
		   const struct val *v)
{
	const struct tnl_kind *k = (const struct tnl_kind *)lk; /* its first member */
	struct tnl t;
	int rc;

	tnl_init(&t, k);
	/* ip sends IFLA_IPTUN_PROTO 0, any (IPv6, IPv4 and MPLS in IPv4), for
	 * the kinds of IFLA_IPTUN's IPv4 set (ipip, sit), where the kernel's
	 * default is the kind's one protocol: ip's name gets ip's, vnetctl's
	 * the kernel's. */
	if (ctx_iproute2(c) && k->attrs == &tnl_iptun_attrs)
		tnl_set(&t, t.a->proto, 0);
	if ((rc = tnl_apply(c, &t, k->words, v, k->nwords, "the tunnel")) < 0)
		return rc;
	tnl_put_data(nlh, &t, NULL);
	return 0;
}

#define TNL_KIND(name, mod, h, tbl, fam, lay, names)                                               \
	{                                                                                          \
		.link = {.kind = (name),                                                           \
			 .module = (mod),                                                          \
			 .help = (h),                                                              \
			 .own_object = true,                                                       \
			 .args = tbl##_args,                                                       \
			 .nargs = ARRAY_SIZE(tbl##_words),                                         \
			 .put = tnl_put,                                                           \
			 .show = tnl_show,                                                         \
			 KIND_DATA(names)},                                                        \
		.family = (fam), .attrs = &(lay), .words = tbl##_words,                            \
		.nwords = ARRAY_SIZE(tbl##_words)                                                  \
	}

const struct tnl_kind tnl_kinds[K_N] = {
    [K_IPIP] =
	TNL_KIND("ipip", NULL, "IPv4 in IPv4", ipip, AF_INET, tnl_iptun_attrs, tnl_iptun_names),
    [K_GRE] = TNL_KIND("gre", "ip_gre", "any protocol in GRE over IPv4", gre, AF_INET,
		       tnl_gre_attrs, tnl_gre_names),
    [K_GRETAP] = TNL_KIND("gretap", "ip_gre", "Ethernet in GRE over IPv4", gre, AF_INET,
			  tnl_gre_attrs, tnl_gre_names),
    [K_SIT] = TNL_KIND("sit", NULL, "IPv6 in IPv4 (6in4, ISATAP)", sit, AF_INET, tnl_iptun_attrs,
		       tnl_iptun_names),
    [K_VTI] = TNL_KIND("vti", "ip_vti", "IPsec's traffic over IPv4", vti, AF_INET, tnl_vti_attrs,
		       tnl_vti_names),
    [K_IP6TNL] = TNL_KIND("ip6tnl", "ip6_tunnel", "IPv6 or IPv4 in IPv6", ip6tnl, AF_INET6,
			  tnl_ip6tnl_attrs, tnl_iptun_names),
    [K_IP6GRE] = TNL_KIND("ip6gre", "ip6_gre", "any protocol in GRE over IPv6", ip6gre, AF_INET6,
			  tnl_ip6gre_attrs, tnl_gre_names),
    [K_IP6GRETAP] = TNL_KIND("ip6gretap", "ip6_gre", "Ethernet in GRE over IPv6", ip6gre, AF_INET6,
			     tnl_ip6gre_attrs, tnl_gre_names),
    [K_VTI6] = TNL_KIND("vti6", "ip6_vti", "IPsec's traffic over IPv6", vti, AF_INET6,
			tnl_vti_attrs, tnl_vti_names),
    [K_ERSPAN] = TNL_KIND("erspan", "ip_gre", "mirrored Ethernet in ERSPAN over IPv4", erspan,
			  AF_INET, tnl_erspan_attrs, tnl_gre_names),
    [K_IP6ERSPAN] = TNL_KIND("ip6erspan", "ip6_gre", "mirrored Ethernet in ERSPAN over IPv6",
			     ip6erspan, AF_INET6, tnl_ip6erspan_attrs, tnl_gre_names),
};

static void __attribute__((constructor)) register_kinds(void)
{
	for (size_t i = 0; i < K_N; i++) {
		const struct tnl_kind *k = &tnl_kinds[i];
		tnl_fill_args((struct arg *)k->link.args, k->words, k->nwords, 0);
		link_kind_register(&k->link);
	}
}
