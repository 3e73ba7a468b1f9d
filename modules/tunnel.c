// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tunnel: IP tunnels with iproute2's `ip tunnel` words, made over rtnetlink
 * (never the legacy SIOCADDTUNNEL ioctls), so every kind is reachable and a
 * kernel without the module is told which one to load.  What each kind's
 * attributes are, and the table of modes, is in tunnelattr.c; here are the
 * verbs, their arguments and the printers.
 *
 * What a mode takes (a key, a ttl, encaplimit...) is read from the
 * attributes its kind has, so the usage errors cannot disagree with what is
 * sent, and they come before anything is.
 *
 * change: the kernel's changelink for tunnels starts from zero and keeps
 * only what the request carries, so change sends the whole configuration:
 * what the kernel reported, with the command's values over it.
 *
 * del: the kernel acknowledges deleting a module's fallback device (gre0,
 * tunl0...) and keeps it; del looks again and says so.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h> /* IPV6_DEFAULT_TNL_ENCAP_LIMIT */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "link.h"
#include "nl.h"
#include "out.h"
#include "tunnel.h"

/* ip -6 tunnel add's hop limit, where the kernel's default is to inherit. */
#define IP6_DEFAULT_HOPLIMIT 64

/* `mode`'s words, from tnl_modes[] before main. */
static const char *mode_words[TNL_NMODES + 1];

/* Words some values take instead of a number, and show prints. */
static const char inherit_word[] = "inherit";
static const char none_word[] = "none";
static const char any_word[] = "any";

/* ---- the arguments ---------------------------------------------------------- */

enum tnl_arg {
	A_NAME,
	A_MODE,
	A_REMOTE,
	A_LOCAL,
	A_TTL,
	A_TOS,
	A_DEV,
	A_KEY,
	A_IKEY,
	A_OKEY,
	A_CSUM,
	A_ICSUM,
	A_OCSUM,
	A_SEQ,
	A_ISEQ,
	A_OSEQ,
	A_PMTUDISC,
	A_NOPMTUDISC,
	A_ENCAPLIMIT,
	A_NARGS
};

/* Completion cannot ask for tunnels only (live_kind names one kind), so it
 * offers every device for an existing tunnel. */
#define NAME_ENTRY(f, h)                                                                           \
	{                                                                                          \
		.kw = "name", .kind = ARG_IFNAME, .flags = ARGF_POSITIONAL | ARGF_SUBJECT | (f),   \
		.metavar = "NAME", .help = (h)                                                     \
	}
#define MODE_ENTRY(f, h)                                                                           \
	{                                                                                          \
		.kw = "mode", .kind = ARG_ENUM, .flags = (f), .words = mode_words, .help = (h)     \
	}
#define FLAG_ENTRY(k, x, h)                                                                        \
	{                                                                                          \
		.kw = (k), .kind = ARG_FLAG, .excludes = (x), .help = (h)                          \
	}

/* Each setting written once, for both add and change. */
#define SETTING_ENTRIES                                                                            \
	[A_REMOTE] = {.kw = "remote",                                                              \
		      .kind = ARG_STRING,                                                          \
		      .metavar = "ADDR",                                                           \
		      .help = "the far end, the outer destination; any for none (default any)"},   \
	[A_LOCAL] = {.kw = "local",                                                                \
		     .kind = ARG_STRING,                                                           \
		     .metavar = "ADDR",                                                            \
		     .help = "this end, the outer source; any for none (default any)"},            \
	[A_TTL] = {.kw = "ttl",                                                                    \
		   .kind = ARG_STRING,                                                             \
		   .metavar = "N|inherit",                                                         \
		   .help = "the outer TTL or hop limit, 1..255; 0 or inherit copies the inner "    \
			   "packet's (default inherit; 64 over IPv6)"},                            \
	[A_TOS] = {.kw = "tos",                                                                    \
		   .kind = ARG_STRING,                                                             \
		   .metavar = "T|inherit",                                                         \
		   .help = "the outer TOS or traffic class, a hexadecimal byte (10 and 0x10 are "  \
			   "16); inherit copies the inner packet's (default 0)"},                  \
	[A_DEV] = {.kw = "dev",                                                                    \
		   .kind = ARG_IFNAME,                                                             \
		   .metavar = "PHYS",                                                              \
		   .help = "send the outer packets through this device only"},                     \
	[A_KEY] = {.kw = "key",                                                                    \
		   .kind = ARG_STRING,                                                             \
		   .metavar = "K",                                                                 \
		   .excludes = A_IKEY + 1,                                                         \
		   .help = "the key both ways (GRE and VTI): a number or a dotted quad"},          \
	[A_IKEY] = {.kw = "ikey",                                                                  \
		    .kind = ARG_STRING,                                                            \
		    .metavar = "K",                                                                \
		    .help = "the key incoming packets must carry"},                                \
	[A_OKEY] = {.kw = "okey",                                                                  \
		    .kind = ARG_STRING,                                                            \
		    .metavar = "K",                                                                \
		    .excludes = A_KEY + 1,                                                         \
		    .help = "the key outgoing packets carry"},                                     \
	[A_CSUM] = FLAG_ENTRY("csum", A_ICSUM + 1, "checksum GRE packets both ways"),              \
	[A_ICSUM] = FLAG_ENTRY("icsum", 0, "drop incoming GRE packets without a good checksum"),   \
	[A_OCSUM] = FLAG_ENTRY("ocsum", A_CSUM + 1, "checksum outgoing GRE packets"),              \
	[A_SEQ] = FLAG_ENTRY("seq", A_ISEQ + 1, "number GRE packets both ways"),                   \
	[A_ISEQ] = FLAG_ENTRY("iseq", 0, "drop incoming GRE packets out of sequence"),             \
	[A_OSEQ] = FLAG_ENTRY("oseq", A_SEQ + 1, "number outgoing GRE packets"),                   \
	[A_PMTUDISC] = FLAG_ENTRY("pmtudisc", A_NOPMTUDISC + 1,                                    \
				  "set DF on outer packets: path MTU discovery (default)"),        \
	[A_NOPMTUDISC] = FLAG_ENTRY("nopmtudisc", 0, "clear DF; needs ttl inherit"),               \
	[A_ENCAPLIMIT] = {.kw = "encaplimit",                                                      \
			  .kind = ARG_STRING,                                                      \
			  .metavar = "N|none",                                                     \
			  .help = "over IPv6, how often a packet may be encapsulated again, "      \
				  "0..255; none sends no limit (default 4)"}

static const struct arg add_args[A_NARGS] = {
    [A_NAME] = NAME_ENTRY(ARGF_REQUIRED | ARGF_NEW, "the new tunnel (the keyword may be left out)"),
    [A_MODE] = MODE_ENTRY(ARGF_REQUIRED, "what the tunnel carries, over IPv4 or IPv6"),
    SETTING_ENTRIES,
};

static const struct arg change_args[A_NARGS] = {
    [A_NAME] = NAME_ENTRY(ARGF_REQUIRED, "the tunnel to change (the keyword may be left out)"),
    [A_MODE] = MODE_ENTRY(0, "another mode of the same kind (default: the tunnel's)"),
    SETTING_ENTRIES,
};

static const struct arg del_args[A_NAME + 1] = {
    [A_NAME] = NAME_ENTRY(ARGF_REQUIRED, "the tunnel to delete"),
};

static const struct arg show_args[A_MODE + 1] = {
    [A_NAME] = NAME_ENTRY(0, "only this tunnel (default: every tunnel)"),
    [A_MODE] = MODE_ENTRY(0, "only tunnels of this mode"),
};

/* The setting an argument changes, which a mode takes when its layout has
 * it (IPv6 kinds carry tos in F_FLOWINFO). */
static const uint8_t arg_field[A_NARGS] = {
    [A_TTL] = F_TTL,
    [A_TOS] = F_TOS,
    [A_KEY] = F_IKEY,
    [A_IKEY] = F_IKEY,
    [A_OKEY] = F_IKEY,
    [A_CSUM] = F_IFLAGS,
    [A_ICSUM] = F_IFLAGS,
    [A_OCSUM] = F_IFLAGS,
    [A_SEQ] = F_IFLAGS,
    [A_ISEQ] = F_IFLAGS,
    [A_OSEQ] = F_IFLAGS,
    [A_PMTUDISC] = F_PMTUDISC,
    [A_NOPMTUDISC] = F_PMTUDISC,
    [A_ENCAPLIMIT] = F_ENCAP_LIMIT,
};

/* The GRE flags: a keyword for both ways, one for each. */
static const struct {
	size_t both, in, out;
	uint16_t bit; /* network order, as the kernel keeps it */
} gre_flags[] = {
    {A_CSUM, A_ICSUM, A_OCSUM, GRE_CSUM},
    {A_SEQ, A_ISEQ, A_OSEQ, GRE_SEQ},
};

/* ---- modes and their settings ----------------------------------------------- */

static bool mode_takes(const struct tnl_mode *m, size_t arg)
{
	enum field f = arg_field[arg];

	if (f == F_NONE)
		return true;
	return tnl_has(m, f) || (f == F_TOS && tnl_has(m, F_FLOWINFO));
}

static const char *family_name(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}

/* ---- printing, shared by show and `link show -d` -------------------------- */

/* " KW" in text: the keyword, as add takes it, before its value. */
static void print_kw(struct out *o, size_t arg)
{
	out_str(o, OUT_TEXT, NULL, " %s", add_args[arg].kw);
}

/* An endpoint as add takes it: "any" when unset. */
static const char *endpoint(struct tnl *t, enum field f, char *buf, size_t sz)
{
	static const uint8_t zero[16];
	const uint8_t *a = tnl_addr(t, f);

	if (!memcmp(a, zero, tnl_addr_len(t->k->family)))
		return any_word;
	return format_addr(t->k->family, a, buf, sz);
}

/* " remote 10.0.0.2", or in brief only the value, in fmt. */
static void print_endpoint(struct out *o, struct tnl *t, enum field f, size_t arg, bool brief,
			   const char *fmt)
{
	char buf[INET6_ADDRSTRLEN];
	enum out_color col = t->k->family == AF_INET6 ? COL_INET6 : COL_INET;

	if (!(t->has & FIELD(f)))
		return;
	if (brief)
		out_str(o, OUT_TEXT, NULL, "%s", " ");
	else
		out_str(o, OUT_TEXT, NULL, " %s ", add_args[arg].kw);
	out_strc(o, OUT_ANY, col, add_args[arg].kw, fmt, endpoint(t, f, buf, sizeof(buf)));
}

static void print_link(struct ctx *c, const struct tnl *t)
{
	char name[IFNAMSIZ + 16];

	if (!(t->has & FIELD(F_LINK)) || !t->v[F_LINK])
		return;
	if (!link_name(c, (int)t->v[F_LINK], name, sizeof(name)))
		snprintf(name, sizeof(name), "if%u", t->v[F_LINK]);
	out_str(c->out, OUT_TEXT, NULL, " %s ", add_args[A_DEV].kw);
	out_strc(c->out, OUT_ANY, COL_IFNAME, "link", "%s", name);
}

/* " ttl 64" or " ttl inherit"; JSON has the kernel's number, 0 inherits. */
static void print_ttl(struct out *o, const struct tnl *t)
{
	if (!(t->has & FIELD(F_TTL)))
		return;
	print_kw(o, A_TTL);
	if (t->v[F_TTL])
		out_uint(o, OUT_TEXT, NULL, " %u", t->v[F_TTL]);
	else
		out_str(o, OUT_TEXT, NULL, " %s", inherit_word);
	out_uint(o, OUT_JSON, add_args[A_TTL].kw, "", t->v[F_TTL]);
}

/* " tos 0x10", " tos inherit", nothing for 0, as ip tunnel show. */
static void print_tos(struct out *o, const struct tnl *t)
{
	unsigned tos;

	if (!tnl_tos(t, &tos))
		return;
	out_uint(o, OUT_JSON, add_args[A_TOS].kw, "", tos);
	if (!tos)
		return;
	print_kw(o, A_TOS);
	if (tos == 1)
		out_str(o, OUT_TEXT, NULL, " %s", inherit_word);
	else
		out_uint(o, OUT_TEXT, NULL, " 0x%02x", tos);
}

static void print_pmtudisc(struct out *o, const struct tnl *t)
{
	if (!(t->has & FIELD(F_PMTUDISC)))
		return;
	out_bool(o, OUT_JSON, add_args[A_PMTUDISC].kw, "", t->v[F_PMTUDISC] != 0);
	if (!t->v[F_PMTUDISC])
		print_kw(o, A_NOPMTUDISC);
}

/* " encaplimit 4" or " encaplimit none" (JSON null). */
static void print_encap_limit(struct out *o, const struct tnl *t)
{
	if (!(t->has & FIELD(F_ENCAP_LIMIT)))
		return;
	print_kw(o, A_ENCAPLIMIT);
	if (t->v[F_FLAGS] & IP6_TNL_F_IGN_ENCAP_LIMIT) {
		out_str(o, OUT_TEXT, NULL, " %s", none_word);
		out_null(o, "encap_limit");
	} else {
		out_uint(o, OUT_ANY, "encap_limit", " %u", t->v[F_ENCAP_LIMIT]);
	}
}

/* " key 5" when both ways have the same, else " ikey 5 okey 6"; JSON has
 * each way's. */
static void print_keys(struct out *o, const struct tnl *t)
{
	bool in = tnl_key(t, F_IFLAGS), out = tnl_key(t, F_OFLAGS);
	uint32_t ikey = ntohl(t->v[F_IKEY]), okey = ntohl(t->v[F_OKEY]);
	bool same = in && out && ikey == okey;

	if (!tnl_has(t->k, F_IKEY))
		return;
	if (same) {
		print_kw(o, A_KEY);
		out_uint(o, OUT_TEXT, NULL, " %u", ikey);
	}
	if (in && !same)
		print_kw(o, A_IKEY);
	if (in)
		out_uint(o, same ? OUT_JSON : OUT_ANY, "ikey", " %u", ikey);
	if (out && !same)
		print_kw(o, A_OKEY);
	if (out)
		out_uint(o, same ? OUT_JSON : OUT_ANY, "okey", " %u", okey);
}

/* " csum" when both ways, else " icsum" or " ocsum"; JSON lists each way. */
static void print_gre_flags(struct out *o, const struct tnl *t)
{
	if (!tnl_has(t->k, F_IFLAGS))
		return;
	out_list_open(o, "flags");
	for (size_t i = 0; i < ARRAY_SIZE(gre_flags); i++) {
		bool in = t->v[F_IFLAGS] & gre_flags[i].bit,
		     out = t->v[F_OFLAGS] & gre_flags[i].bit;
		if (in && out)
			print_kw(o, gre_flags[i].both);
		if (in)
			out_str(o, out ? OUT_JSON : OUT_ANY, NULL, " %s",
				add_args[gre_flags[i].in].kw);
		if (out)
			out_str(o, in ? OUT_JSON : OUT_ANY, NULL, " %s",
				add_args[gre_flags[i].out].kw);
	}
	out_list_close(o);
}

/* " remote R local L [isatap] [dev D] ttl T ...", as `tunnel add` takes it. */
static void print_params(struct ctx *c, struct tnl *t)
{
	print_endpoint(c->out, t, F_REMOTE, A_REMOTE, false, "%s");
	print_endpoint(c->out, t, F_LOCAL, A_LOCAL, false, "%s");
	if (t->mode && t->mode->flags)
		out_str(c->out, OUT_TEXT, NULL, " %s", t->mode->word);
	print_link(c, t);
	print_ttl(c->out, t);
	print_tos(c->out, t);
	print_pmtudisc(c->out, t);
	print_encap_limit(c->out, t);
	print_keys(c->out, t);
	print_gre_flags(c->out, t);
}

static void print_mode_json(struct out *o, const struct tnl *t)
{
	if (t->mode)
		out_str(o, OUT_JSON, "mode", "", t->mode->word);
	else
		out_null(o, "mode");
}

/* `vnetctl -d link show t1`: "    ip6tnl mode ipip6 remote ..."; the mode
 * only where the kind alone does not say it. */
void tunnel_kind_print(struct ctx *c, const struct nlattr *data, const struct tnl_mode *k)
{
	struct tnl t;

	tnl_parse(data, k, &t);
	if (t.mode && strcmp(t.mode->word, t.k->kind)) {
		print_kw(c->out, A_MODE);
		out_str(c->out, OUT_TEXT, NULL, " %s", t.mode->word);
	}
	print_mode_json(c->out, &t);
	print_params(c, &t);
}

static void __attribute__((constructor)) fill_mode_words(void)
{
	for (size_t i = 0; i < TNL_NMODES; i++)
		mode_words[i] = tnl_modes[i].word;
}

/* ---- the command's values ----------------------------------------------------- */

/* What the command line says, converted and checked for form. */
struct tnl_opts {
	struct inet_prefix remote, local; /* AF_UNSPEC: any */
	uint8_t ttl, tos, encap_limit;
	bool tos_inherit, encap_none;
	uint32_t ikey, okey; /* network order */
};

/* N in 0..255, or word (*special set). */
static int parse_byte(struct ctx *c, size_t arg, const char *s, const char *word, uint8_t *v,
		      bool *special)
{
	uint32_t n;

	if (!strcmp(s, word)) {
		*v = 0;
		*special = true;
		return 0;
	}
	if (parse_u32(s, &n) < 0)
		return err_usage(c, "invalid %s \"%s\" (expected a number or %s)", add_args[arg].kw,
				 s, word);
	if (n > 255)
		return err_usage(c, "%s %s is out of range (0..255, or %s)", add_args[arg].kw, s,
				 word);
	*v = (uint8_t)n;
	return 0;
}

/* iproute2 reads a TOS in hexadecimal, with or without 0x. */
static int parse_tos(struct ctx *c, const char *s, struct tnl_opts *o)
{
	unsigned long n;
	char *end;

	if (!strcmp(s, inherit_word)) {
		o->tos_inherit = true;
		return 0;
	}
	errno = 0;
	n = isxdigit((unsigned char)*s) ? strtoul(s, &end, 16) : 256;
	if (n > 255 || errno || *end)
		return err_usage(c,
				 "invalid %s \"%s\" (expected a hexadecimal byte, 00..ff, or %s)",
				 add_args[A_TOS].kw, s, inherit_word);
	o->tos = (uint8_t)n;
	return 0;
}

/* A number, or a dotted quad read as four bytes in network order. */
static int parse_key(struct ctx *c, size_t arg, const char *s, uint32_t *key)
{
	struct in_addr a;
	uint32_t n;

	if (strchr(s, '.') && inet_pton(AF_INET, s, &a) == 1) {
		*key = a.s_addr;
		return 0;
	}
	if (!strchr(s, '.') && parse_u32(s, &n) == 0) {
		*key = htonl(n);
		return 0;
	}
	return err_usage(c, "invalid %s \"%s\" (expected a number or a dotted quad)",
			 add_args[arg].kw, s);
}

static int parse_endpoint(struct ctx *c, size_t arg, const char *s, struct inet_prefix *p)
{
	memset(p, 0, sizeof(*p));
	if (!strcmp(s, any_word))
		return 0;
	if (parse_prefix(s, false, AF_UNSPEC, p) < 0 || p->has_len)
		return err_usage(c, "invalid %s address \"%s\"", add_args[arg].kw, s);
	return 0;
}

static int parse_keys(struct ctx *c, const struct val *v, struct tnl_opts *o)
{
	int rc = 0;

	if (v[A_KEY].set && (rc = parse_key(c, A_KEY, v[A_KEY].str, &o->ikey)) == 0)
		o->okey = o->ikey;
	if (rc == 0 && v[A_IKEY].set)
		rc = parse_key(c, A_IKEY, v[A_IKEY].str, &o->ikey);
	if (rc == 0 && v[A_OKEY].set)
		rc = parse_key(c, A_OKEY, v[A_OKEY].str, &o->okey);
	return rc;
}

/* The form of each value; whether the mode takes it comes later. */
static int opts_parse(struct ctx *c, const struct val *v, struct tnl_opts *o)
{
	bool inherit = false;
	int rc = 0;

	memset(o, 0, sizeof(*o));
	if (v[A_REMOTE].set)
		rc = parse_endpoint(c, A_REMOTE, v[A_REMOTE].str, &o->remote);
	if (rc == 0 && v[A_LOCAL].set)
		rc = parse_endpoint(c, A_LOCAL, v[A_LOCAL].str, &o->local);
	if (rc == 0 && v[A_TTL].set)
		rc = parse_byte(c, A_TTL, v[A_TTL].str, inherit_word, &o->ttl, &inherit);
	if (rc == 0 && v[A_TOS].set)
		rc = parse_tos(c, v[A_TOS].str, o);
	if (rc == 0 && v[A_ENCAPLIMIT].set)
		rc = parse_byte(c, A_ENCAPLIMIT, v[A_ENCAPLIMIT].str, none_word, &o->encap_limit,
				&o->encap_none);
	if (rc == 0)
		rc = parse_keys(c, v, o);
	return rc;
}

/* "mode ipip takes no key (modes that do: gre, ...)" */
static int not_taken(struct ctx *c, const struct tnl_mode *m, size_t arg)
{
	char list[128] = "";
	size_t off = 0;

	for (size_t i = 0; i < TNL_NMODES && off < sizeof(list); i++)
		if (mode_takes(&tnl_modes[i], arg))
			off += (size_t)snprintf(list + off, sizeof(list) - off, "%s%s",
						off ? ", " : "", tnl_modes[i].word);
	return err_usage(c, "%s %s takes no %s (modes that do: %s)", add_args[A_MODE].kw, m->word,
			 add_args[arg].kw, list);
}

static int family_check(struct ctx *c, const struct tnl_mode *m, const struct val *v, size_t arg,
			const struct inet_prefix *p)
{
	if (!v[arg].set || p->family == AF_UNSPEC || p->family == m->family)
		return 0;
	return err_usage(c, "%s %s is an %s address; %s %s runs over %s", add_args[arg].kw,
			 v[arg].str, family_name(p->family), add_args[A_MODE].kw, m->word,
			 family_name(m->family));
}

/* What m does not take, and endpoints of the other family. */
static int opts_check(struct ctx *c, const struct val *v, const struct tnl_opts *o,
		      const struct tnl_mode *m)
{
	int rc;

	for (size_t i = 0; i < A_NARGS; i++)
		if (v[i].set && !mode_takes(m, i))
			return not_taken(c, m, i);
	if ((rc = family_check(c, m, v, A_REMOTE, &o->remote)) < 0)
		return rc;
	return family_check(c, m, v, A_LOCAL, &o->local);
}

/* ---- the command's values over a tunnel's ----------------------------------- */

/* GRE marks each way's key with GRE_KEY; VTI has no flags to mark. */
static void apply_keys(struct tnl *t, const struct val *v, const struct tnl_opts *o)
{
	if (v[A_KEY].set || v[A_IKEY].set) {
		tnl_set(t, F_IKEY, o->ikey);
		if (tnl_has(t->k, F_IFLAGS))
			tnl_set_bits(t, F_IFLAGS, GRE_KEY, true);
	}
	if (v[A_KEY].set || v[A_OKEY].set) {
		tnl_set(t, F_OKEY, o->okey);
		if (tnl_has(t->k, F_OFLAGS))
			tnl_set_bits(t, F_OFLAGS, GRE_KEY, true);
	}
}

static void apply_gre_flags(struct tnl *t, const struct val *v)
{
	for (size_t i = 0; i < ARRAY_SIZE(gre_flags); i++) {
		bool both = v[gre_flags[i].both].set;
		if (both || v[gre_flags[i].in].set)
			tnl_set_bits(t, F_IFLAGS, gre_flags[i].bit, true);
		if (both || v[gre_flags[i].out].set)
			tnl_set_bits(t, F_OFLAGS, gre_flags[i].bit, true);
	}
}

static void apply_opts(struct tnl *t, const struct val *v, const struct tnl_opts *o)
{
	if (v[A_REMOTE].set)
		tnl_set_addr(t, F_REMOTE, &o->remote);
	if (v[A_LOCAL].set)
		tnl_set_addr(t, F_LOCAL, &o->local);
	if (v[A_TTL].set)
		tnl_set(t, F_TTL, o->ttl);
	if (v[A_TOS].set)
		tnl_set_tos(t, o->tos, o->tos_inherit);
	if (v[A_PMTUDISC].set || v[A_NOPMTUDISC].set)
		tnl_set(t, F_PMTUDISC, v[A_PMTUDISC].set);
	if (v[A_ENCAPLIMIT].set)
		tnl_set_encap_limit(t, o->encap_limit, o->encap_none);
	apply_keys(t, v, o);
	apply_gre_flags(t, v);
}

/* As iproute2 refuses it: without DF the outer TTL must be inherited. */
static int merged_check(struct ctx *c, const struct tnl *t)
{
	if (!(t->has & FIELD(F_PMTUDISC)) || t->v[F_PMTUDISC] || !t->v[F_TTL])
		return 0;
	return err_usage(c, "%s needs %s %s (the %s is %u)", add_args[A_NOPMTUDISC].kw,
			 add_args[A_TTL].kw, inherit_word, add_args[A_TTL].kw, t->v[F_TTL]);
}

static int apply_dev(struct ctx *c, const struct val *v, struct tnl *t)
{
	int index;

	if (!v[A_DEV].set)
		return 0;
	index = link_index(c, v[A_DEV].str);
	if (index < 0)
		return index;
	tnl_set(t, F_LINK, (uint32_t)index);
	return 0;
}

/* ---- finding tunnels ---------------------------------------------------------- */

struct tnl_dev {
	int index;
	char name[IFNAMSIZ];
	struct tnl t;
	struct nlattr *data; /* IFLA_INFO_DATA as the kernel sent it, or NULL */
};

struct tnl_list {
	struct tnl_dev *v;
	size_t n;
	char other[32]; /* a named lookup found a device of this kind instead */
	bool kindless;	/* or one of no kind at all */
};

static int collect_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct tnl_list *l = data;
	const struct tnl_mode *k = m->kind ? tnl_kind_row(m->kind) : NULL;
	const struct nlattr *info = m->info[IFLA_INFO_DATA];
	struct tnl_dev *d;

	(void)c;
	if (!k) {
		snprintf(l->other, sizeof(l->other), "%s", m->kind ? m->kind : "");
		l->kindless = !m->kind;
		return 0;
	}
	d = realloc(l->v, (l->n + 1) * sizeof(*d));
	if (!d)
		return -ENOMEM;
	l->v = d;
	d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->index = m->ifi->ifi_index;
	snprintf(d->name, sizeof(d->name), "%s", m->name);
	tnl_parse(info, k, &d->t);
	if (info && (d->data = malloc(info->nla_len)))
		memcpy(d->data, info, info->nla_len);
	return info && !d->data ? -ENOMEM : 0;
}

static void list_free(struct tnl_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].data);
	free(l->v);
}

/* Every tunnel (one dump), or the device `name` (one GET), which must be a
 * tunnel; hint (may be NULL) says what to do with one that is not. */
static int tnl_collect(struct ctx *c, const char *name, struct tnl_list *l, const char *hint)
{
	int rc = link_walk(c, name, collect_cb, l);

	if (rc < 0 || !name || l->n > 0)
		return rc;
	if (l->kindless)
		return err_fail(c, "not a tunnel%s%s%s", hint ? " (" : "", hint ? hint : "",
				hint ? ")" : "");
	return err_fail(c, "not a tunnel (it is a %s%s%s)", l->other, hint ? "; " : "",
			hint ? hint : "");
}

/* ---- tunnel add, change ----------------------------------------------------- */

static struct ifinfomsg *put_ifinfo(struct nlmsghdr *nlh)
{
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	return ifi;
}

/* The kernel's bare EEXIST: the name is taken, or another tunnel of the
 * kind would receive the same packets (a module's fallback device, with no
 * remote, local or key, often would). */
static int exists_error(struct ctx *c, const char *name, const struct tnl *t)
{
	struct tnl_list l = {0};
	const struct tnl_dev *twin = NULL;
	int rc = -EEXIST;

	if (if_nametoindex(name))
		return err_errno(c, EEXIST, "a device named %s exists already", name);
	if (tnl_collect(c, NULL, &l, NULL) == 0)
		for (size_t i = 0; i < l.n && !twin; i++)
			if (tnl_same_endpoints(&l.v[i].t, t))
				twin = &l.v[i];
	c->reason[0] = '\0';
	if (twin) {
		rc = err_fail(c, "%s is a %s tunnel with the same %s, %s%s", twin->name, t->k->kind,
			      add_args[A_REMOTE].kw, add_args[A_LOCAL].kw,
			      tnl_has(t->k, F_IKEY) ? " and key" : "");
		err_errno(c, 0, "give this one another %s, %s%s", add_args[A_REMOTE].kw,
			  add_args[A_LOCAL].kw, tnl_has(t->k, F_IKEY) ? " or key" : "");
	}
	list_free(&l);
	return rc;
}

static int tunnel_add(struct ctx *c, const struct val *v)
{
	const struct tnl_mode *m = &tnl_modes[v[A_MODE].e];
	struct tnl t = {.k = m};
	struct tnl_opts o;
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	int rc;

	if ((rc = opts_parse(c, v, &o)) < 0 || (rc = opts_check(c, v, &o, m)) < 0)
		return rc;
	/* ip tunnel add's defaults, where the kernel's differ: ttl inherit
	 * (sit's would be 64); over IPv6 hop limit 64, encapsulation limit 4 */
	if (tnl_has(m, F_TTL))
		tnl_set(&t, F_TTL, m->family == AF_INET6 ? IP6_DEFAULT_HOPLIMIT : 0);
	if (tnl_has(m, F_ENCAP_LIMIT))
		tnl_set(&t, F_ENCAP_LIMIT, IPV6_DEFAULT_TNL_ENCAP_LIMIT);
	tnl_set_mode(&t, m);
	apply_opts(&t, v, &o);
	if ((rc = merged_check(c, &t)) < 0 || (rc = apply_dev(c, v, &t)) < 0)
		return rc;
	put_ifinfo(nlh);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, v[A_NAME].str);
	tnl_put_linkinfo(nlh, &t, NULL);
	rc = link_create(c, nlh, m->kind);
	if (rc == -EEXIST && !c->reason[0])
		rc = exists_error(c, v[A_NAME].str, &t);
	return rc;
}

/* The command's values over the tunnel's, sent whole. */
static int change_one(struct ctx *c, const struct val *v, const struct tnl_opts *o,
		      struct tnl_dev *d)
{
	struct tnl *t = &d->t;
	const struct tnl_mode *m = v[A_MODE].set ? &tnl_modes[v[A_MODE].e]
				   : t->mode	 ? t->mode
						 : t->k;
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_NEWLINK, 0);
	int rc;

	/* The kind is the device's; sit's changelink keeps SIT_ISATAP as it is. */
	if (strcmp(m->kind, t->k->kind) || (t->mode && m->flags != t->mode->flags))
		return err_fail(c,
				"the tunnel is %s and cannot become %s (del it and add it again)",
				t->mode ? t->mode->word : t->k->kind, m->word);
	if ((rc = opts_check(c, v, o, m)) < 0)
		return rc;
	if (v[A_MODE].set)
		tnl_set_mode(t, m);
	apply_opts(t, v, o);
	if ((rc = merged_check(c, t)) < 0 || (rc = apply_dev(c, v, t)) < 0)
		return rc;
	put_ifinfo(nlh)->ifi_index = d->index;
	tnl_put_linkinfo(nlh, t, d->data);
	return nl_request(c, nlh, NULL, NULL);
}

static int tunnel_change(struct ctx *c, const struct val *v)
{
	struct tnl_list l = {0};
	struct tnl_opts o;
	bool any = false;
	int rc;

	for (size_t i = A_NAME + 1; i < A_NARGS; i++)
		any |= v[i].set;
	if (!any)
		return err_usage(c, "nothing to change (see: vnetctl %s %s help)", c->obj->name,
				 c->verb->name);
	if ((rc = opts_parse(c, v, &o)) < 0)
		return rc;
	rc = tnl_collect(c, v[A_NAME].str, &l, NULL);
	if (rc == 0)
		rc = change_one(c, v, &o, &l.v[0]);
	list_free(&l);
	return rc;
}

/* ---- tunnel del ------------------------------------------------------------- */

/* By index, so what goes is the device just checked to be a tunnel. */
static int tunnel_del(struct ctx *c, const struct val *v)
{
	struct tnl_list l = {0};
	char buf[NL_BUFSZ], name[IFNAMSIZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_DELLINK, 0);
	int rc = tnl_collect(c, v[A_NAME].str, &l, "use link del");

	if (rc == 0) {
		put_ifinfo(nlh)->ifi_index = l.v[0].index;
		rc = nl_request(c, nlh, NULL, NULL);
	}
	/* The kernel acknowledges deleting a module's own device, and keeps it. */
	if (rc == 0 && !ctx_dryrun(c) && !c->pipe &&
	    link_name(c, l.v[0].index, name, sizeof(name))) {
		rc = err_fail(c, "the kernel keeps %s: it is the %s module's fallback device", name,
			      link_kind_module(l.v[0].t.k->kind));
		err_errno(c, 0, "it goes with the module: modprobe -r %s",
			  link_kind_module(l.v[0].t.k->kind));
	}
	list_free(&l);
	return rc;
}

/* ---- tunnel show -------------------------------------------------------------- */

/* `gre1: gre/ip remote 10.0.0.2 local 10.0.0.1 ttl 64 key 5` */
static void print_full(struct ctx *c, struct tnl_dev *d)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_uint(o, OUT_JSON, "ifindex", "", (unsigned)d->index);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s:", d->name);
	out_str(o, OUT_TEXT, NULL, " %s", d->t.mode ? d->t.mode->label : d->t.k->kind);
	print_mode_json(o, &d->t);
	out_str(o, OUT_JSON, "kind", "", d->t.k->kind);
	print_params(c, &d->t);
	out_nl(o);
	out_obj_close(o);
}

/* `gre1             gre        10.0.0.2        10.0.0.1` */
static void print_brief(struct ctx *c, struct tnl_dev *d)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%-16s", d->name);
	out_str(o, OUT_TEXT, NULL, " %-10s", d->t.mode ? d->t.mode->word : d->t.k->kind);
	print_mode_json(o, &d->t);
	print_endpoint(o, &d->t, F_REMOTE, A_REMOTE, true, "%-15s");
	print_endpoint(o, &d->t, F_LOCAL, A_LOCAL, true, "%s");
	out_nl(o);
	out_obj_close(o);
}

static int tunnel_show(struct ctx *c, const struct val *v)
{
	const char *name = v[A_NAME].set ? v[A_NAME].str : NULL;
	const struct tnl_mode *only = v[A_MODE].set ? &tnl_modes[v[A_MODE].e] : NULL;
	struct tnl_list l = {0};
	int rc = tnl_collect(c, name, &l, NULL);

	if (rc == 0) {
		out_list_open(c->out, NULL);
		for (size_t i = 0; i < l.n; i++) {
			if (only && l.v[i].t.mode != only)
				continue;
			if (ctx_brief(c))
				print_brief(c, &l.v[i]);
			else
				print_full(c, &l.v[i]);
		}
		out_list_close(c->out);
	}
	list_free(&l);
	return rc;
}

/* ---- the object --------------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", NULL};

static const struct verb tunnel_verbs[] = {
    {.name = "add",
     VERB_ARGS(add_args),
     .run = tunnel_add,
     .help = "make a tunnel, in one request"},
    {.name = "change",
     VERB_ARGS(change_args),
     .run = tunnel_change,
     .help = "change a tunnel in place; what is not given stays as it is"},
    {.name = "del",
     .aliases = del_aliases,
     VERB_ARGS(del_args),
     .run = tunnel_del,
     .help = "delete a tunnel"},
    {.name = "show",
     .aliases = show_aliases,
     VERB_ARGS(show_args),
     .run = tunnel_show,
     .help = "list tunnels, whichever tool made them (-br, -j)"},
};

static const struct object tunnel_object = {
    .name = "tunnel",
    .verbs = tunnel_verbs,
    .nverbs = ARRAY_SIZE(tunnel_verbs),
    .default_verb = "show",
    .help = "IP tunnels: ipip, GRE, sit, ISATAP, VTI and their IPv6 kin",
};
VNETCTL_OBJECT(tunnel_object)
