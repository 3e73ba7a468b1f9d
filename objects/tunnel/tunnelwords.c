// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Every word of every IP tunnel kind, each written once (tnl_words[], by
 * enum tnl_word), with the words some values take instead of a number or an
 * address.  A kind's table is a list of these (tunnelkind.c), and the
 * printer shows a value by its word here, so what show prints is what add
 * takes.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <linux/if_tunnel.h>
#include <stdint.h>

#include "tnl.h"

/* Words some values take instead of a number or an address, and show prints. */
static const char *const any_words[] = {"any", NULL};
static const char *const inherit_words[] = {"inherit", NULL};
static const char *const none_words[] = {"none", NULL};
static const uint32_t tos_inherit[] = {1}; /* ttl inherit is 0 */
static const char *const erspan_dir_words[] = {"ingress", "egress", NULL};
/* In TUNNEL_ENCAP_NONE, _FOU, _GUE's order. */
static const char *const encap_words[] = {"none", "fou", "gue", NULL};
static const char *const auto_words[] = {"auto", NULL};

const char tnl_mode_kw[] = "mode";
const char *const tnl_ip6mode_words[] = {"ip6ip6", "ipip6", "any", NULL};

#define FLAG_WORD(k, x, h)                                                                         \
	{                                                                                          \
		.kw = (k), .kind = ARG_FLAG, .excludes = (x) + 1, .help = (h)                      \
	}
#define KEY_WORD(k, x, h)                                                                          \
	{                                                                                          \
		.kw = (k), .kind = ARG_U32, .flags = ARGF_DOTTED, .max = UINT32_MAX,               \
		.metavar = "K", .excludes = (x) + 1, .help = (h)                                   \
	}

/* Every word of every tunnel kind; .excludes is by enum tnl_word (-1 + 1:
 * none). */
const struct arg tnl_words[W_N] = {
    [W_REMOTE] = {.kw = "remote",
		  .kind = ARG_ADDR,
		  .words = any_words,
		  .metavar = "ADDR",
		  .help = "the far end, the outer destination; any for none (default any)"},
    [W_LOCAL] = {.kw = "local",
		 .kind = ARG_ADDR,
		 .words = any_words,
		 .metavar = "ADDR",
		 .help = "this end, the outer source; any for none (default any)"},
    [W_TTL] = {.kw = "ttl",
	       .alias = "hoplimit",
	       .kind = ARG_U32,
	       .max = 255,
	       .words = inherit_words,
	       .metavar = "N",
	       .help = "the outer TTL or hop limit, 1..255; 0 or inherit copies the inner "
		       "packet's (default inherit; 64 over IPv6)"},
    [W_TOS] = {.kw = "tos",
	       .alias = "tclass",
	       .kind = ARG_U32,
	       .flags = ARGF_HEX,
	       .max = 255,
	       .words = inherit_words,
	       .values = tos_inherit,
	       .metavar = "T",
	       .help = "the outer TOS or traffic class, a hexadecimal byte (10 and 0x10 are 16); "
		       "inherit copies the inner packet's (default 0)"},
    [W_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .metavar = "PHYS",
	       .help = "send the outer packets through this device only"},
    [W_KEY] = KEY_WORD("key", W_IKEY, "the key both ways (GRE and VTI): a number or a dotted quad"),
    [W_IKEY] = KEY_WORD("ikey", -1, "the key incoming packets must carry"),
    [W_OKEY] = KEY_WORD("okey", W_KEY, "the key outgoing packets carry"),
    [W_CSUM] = FLAG_WORD("csum", W_ICSUM, "checksum GRE packets both ways"),
    [W_ICSUM] = FLAG_WORD("icsum", -1, "drop incoming GRE packets without a good checksum"),
    [W_OCSUM] = FLAG_WORD("ocsum", W_CSUM, "checksum outgoing GRE packets"),
    [W_SEQ] = FLAG_WORD("seq", W_ISEQ, "number GRE packets both ways"),
    [W_ISEQ] = FLAG_WORD("iseq", -1, "drop incoming GRE packets out of sequence"),
    [W_OSEQ] = FLAG_WORD("oseq", W_SEQ, "number outgoing GRE packets"),
    [W_PMTUDISC] = FLAG_WORD("pmtudisc", W_NOPMTUDISC,
			     "set DF on outer packets: path MTU discovery (default)"),
    [W_NOPMTUDISC] = {.kw = "nopmtudisc", .kind = ARG_FLAG, .help = "clear DF; needs ttl inherit"},
    [W_ENCAPLIMIT] = {.kw = "encaplimit",
		      .kind = ARG_U32,
		      .max = 255,
		      .words = none_words,
		      .metavar = "N",
		      .help = "over IPv6, how often a packet may be encapsulated again, 0..255; "
			      "none sends no limit (default 4)"},
    [W_ERSPAN_VER] = {.kw = "erspan_ver",
		      .kind = ARG_U32,
		      .min = 1,
		      .max = 2,
		      .metavar = "1|2",
		      .help = "ERSPAN's version: 1 (type II, the default) or 2 (type III)"},
    [W_ERSPAN] = {.kw = "erspan",
		  .kind = ARG_U32,
		  .max = 0xfffff,
		  .metavar = "IDX",
		  .help = "ERSPAN 1: the port index sent with the mirrored packets, 20 bits"},
    [W_ERSPAN_DIR] = {.kw = "erspan_dir",
		      .kind = ARG_ENUM,
		      .words = erspan_dir_words,
		      .help = "ERSPAN 2: the direction of the mirrored traffic"},
    [W_ERSPAN_HWID] = {.kw = "erspan_hwid",
		       .kind = ARG_U32,
		       .max = 63,
		       .metavar = "ID",
		       .help = "ERSPAN 2: the mirroring engine's id, 0..63"},
    [W_ISATAP] = {.kw = "isatap", .kind = ARG_FLAG, .help = "ISATAP's addressing"},
    [W_IP6MODE] = {.kw = tnl_mode_kw,
		   .kind = ARG_ENUM,
		   .words = tnl_ip6mode_words,
		   .help = "what it carries: ip6ip6 (IPv6, the default), ipip6 (IPv4) or any"},
    [W_ENCAP] = {.kw = "encap",
		 .kind = ARG_ENUM,
		 .words = encap_words,
		 .help = "a UDP header outside: Foo-over-UDP or Generic UDP Encapsulation (needs "
			 "the fou module)"},
    [W_ENCAP_SPORT] = {.kw = "encap-sport",
		       .kind = ARG_U32,
		       .max = 65535,
		       .words = auto_words,
		       .metavar = "PORT",
		       .help = "its source port; auto picks one by the flow (default)"},
    [W_ENCAP_DPORT] = {.kw = "encap-dport",
		       .kind = ARG_U32,
		       .max = 65535,
		       .metavar = "PORT",
		       .help = "its destination port"},
    [W_ENCAP_CSUM] = FLAG_WORD("encap-csum", W_NOENCAP_CSUM, "checksum the UDP header"),
    [W_NOENCAP_CSUM] = FLAG_WORD("noencap-csum", -1, "do not (the default)"),
    [W_ENCAP_REMCSUM] =
	FLAG_WORD("encap-remcsum", W_NOENCAP_REMCSUM, "remote checksum offload (GUE)"),
    [W_NOENCAP_REMCSUM] = FLAG_WORD("noencap-remcsum", -1, "no remote checksum offload"),
    [W_FWMARK] = {.kw = "fwmark",
		  .kind = ARG_U32,
		  .max = UINT32_MAX,
		  .metavar = "MARK",
		  .help = "the mark the outer packets' route is looked up with (default 0)"},
    [W_IGNORE_DF] = FLAG_WORD("ignore-df", W_NOIGNORE_DF,
			      "fragment a packet with DF the path is too small for, over IPv4"),
    [W_NOIGNORE_DF] = FLAG_WORD("noignore-df", -1, "do not (the default)"),
    [W_EXTERNAL] = {.kw = "external",
		    .kind = ARG_FLAG,
		    .help = "the endpoints and keys come from each packet's metadata (routes with "
			    "encap, tc, eBPF): one device serves them all"},
};

const char *tnl_word_value(enum tnl_word w, uint32_t i)
{
	const char *const *words = tnl_words[w].words;

	for (uint32_t k = 0; words && words[k]; k++)
		if (k == i)
			return words[k];
	return NULL;
}
