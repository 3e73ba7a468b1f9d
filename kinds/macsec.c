// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * macsec: IEEE 802.1AE MACsec devices, authenticated (and optionally
 * encrypted) Ethernet on a lower device.  This is the link kind only: the
 * secure channel's settings in the device's IFLA_INFO_DATA.  The keys
 * (transmit and receive secure associations) live in the macsec generic
 * netlink family, which `ip macsec` or an MKA daemon (wpa_supplicant)
 * fills; until then the device passes nothing.
 *
 * The channel's identifier, the SCI, is the lower device's address and a
 * port: `port N` gives the port (IFLA_MACSEC_PORT, be16), `sci` all 64
 * bits (IFLA_MACSEC_SCI, be64).  The cipher suite is a u64 (IEEE's
 * identifier), the window a u32, the rest u8s.  A change may not touch
 * the SCI, port, cipher or ICV length (the kernel refuses it).
 */
#include <endian.h>
#include <errno.h>
#include <linux/if_macsec.h>
#include <sodium.h>
#include <string.h>

#include "args.h"
#include "genl.h"
#include "keytext.h"
#include "l2common.h"
#include "out.h"

/* ---- the words add takes ------------------------------------------------ */

static const char macsec_name[] = "macsec";

enum macsec_arg {
	A_PORT,
	A_SCI,
	A_CIPHER,
	A_ICVLEN,
	A_ENCRYPT,
	A_SEND_SCI,
	A_END_STATION,
	A_SCB,
	A_PROTECT,
	A_REPLAY,
	A_WINDOW,
	A_VALIDATE,
	A_ENCODINGSA,
	A_OFFLOAD,
	A_NARGS
};

/* The cipher suites by name (ip's words, lowercase), their IEEE ids. */
static const char *const cipher_words[] = {
    "default", "gcm-aes-128", "gcm-aes-256", "gcm-aes-xpn-128", "gcm-aes-xpn-256", NULL,
};
static const uint64_t cipher_ids[] = {
    MACSEC_DEFAULT_CIPHER_ID,	      MACSEC_CIPHER_ID_GCM_AES_128,
    MACSEC_CIPHER_ID_GCM_AES_256,     MACSEC_CIPHER_ID_GCM_AES_XPN_128,
    MACSEC_CIPHER_ID_GCM_AES_XPN_256,
};
/* As ip -j prints them. */
static const char *const cipher_names[] = {
    "GCM-AES-128", "GCM-AES-128", "GCM-AES-256", "GCM-AES-XPN-128", "GCM-AES-XPN-256",
};
/* MACSEC_VALIDATE_* and MACSEC_OFFLOAD_*: a word's index is its value. */
static const char *const validate_words[] = {"disabled", "check", "strict", NULL};
static const char *const offload_words[] = {"off", "phy", "mac", NULL};

/* The words a channel is named by, the device's own (add) and a peer's
 * (rx): each spelled here once. */
#define MACSEC_PORT(excl, h)                                                                       \
	{                                                                                          \
		.kw = "port", .kind = ARG_U32, .min = 1, .max = 65535, .metavar = "PORT",          \
		.excludes = (excl), .help = (h)                                                    \
	}
#define MACSEC_SCI(excl, h)                                                                        \
	{                                                                                          \
		.kw = "sci", .kind = ARG_HEX64, .metavar = "SCI", .excludes = (excl), .help = (h)  \
	}

#define ONOFF(k, h)                                                                                \
	{                                                                                          \
		.kw = (k), .kind = ARG_ONOFF, .metavar = "on|off", .help = (h)                     \
	}

static const struct arg macsec_args[A_NARGS] = {
    [A_PORT] = MACSEC_PORT(A_SCI + 1, "the SCI's port, 1..65535, after the lower device's "
				      "address (default 1)"),
    [A_SCI] = MACSEC_SCI(0, "the whole secure channel identifier, 64 bits in hexadecimal"),
    [A_CIPHER] = {.kw = "cipher",
		  .kind = ARG_ENUM,
		  .words = cipher_words,
		  .help = "the cipher suite (default: gcm-aes-128)"},
    [A_ICVLEN] = {.kw = "icvlen",
		  .kind = ARG_U32,
		  .min = MACSEC_MIN_ICV_LEN,
		  .max = MACSEC_STD_ICV_LEN,
		  .metavar = "BYTES",
		  .help = "the integrity check value's length, 8..16 bytes (default 16)"},
    [A_ENCRYPT] = ONOFF("encrypt", "encrypt the frames, not only authenticate them "
				   "(default off)"),
    [A_SEND_SCI] = ONOFF("send_sci", "put the SCI in every frame (default on)"),
    [A_END_STATION] = ONOFF("end_station", "the ES bit: the SCI is the source address's "
					   "(default off)"),
    [A_SCB] = ONOFF("scb", "the SCB bit: single copy broadcast (default off)"),
    [A_PROTECT] = ONOFF("protect", "protect the frames sent (default on)"),
    [A_REPLAY] = ONOFF("replay", "refuse frames received out of order beyond window "
				 "(default off; on needs window)"),
    [A_WINDOW] = {.kw = "window",
		  .kind = ARG_U32,
		  .max = UINT32_MAX,
		  .metavar = "PACKETS",
		  .help = "how far out of order a frame may arrive under replay protection "
			  "(needs replay)"},
    [A_VALIDATE] = {.kw = "validate",
		    .kind = ARG_ENUM,
		    .words = validate_words,
		    .help = "what is done with frames that fail validation: dropped (strict), "
			    "counted (check) or not checked (disabled; default strict)"},
    [A_ENCODINGSA] = {.kw = "encodingsa",
		      .kind = ARG_U32,
		      .max = 3,
		      .metavar = "AN",
		      .help = "the transmit association frames are sent with, 0..3 (default 0)"},
    [A_OFFLOAD] = {.kw = "offload",
		   .kind = ARG_ENUM,
		   .words = offload_words,
		   .help = "where MACsec is done: off (in software), phy or mac (by the card)"},
};

/* The words on|off put as u8s, each with its attribute. */
static const struct {
	int arg;
	uint16_t type;
} onoff_attrs[] = {
    {A_ENCRYPT, IFLA_MACSEC_ENCRYPT}, {A_SEND_SCI, IFLA_MACSEC_INC_SCI},
    {A_END_STATION, IFLA_MACSEC_ES},  {A_SCB, IFLA_MACSEC_SCB},
    {A_PROTECT, IFLA_MACSEC_PROTECT},
};

static bool on(const struct val *v)
{
	return v->set && v->e;
}

/* What the kernel would refuse, said before anything is sent. */
static int check_words(struct ctx *c, const struct val *v)
{
	if (on(&v[A_END_STATION]) && on(&v[A_SCB]))
		return err_usage(c, "%s on and %s on cannot be used together",
				 macsec_args[A_END_STATION].kw, macsec_args[A_SCB].kw);
	if (on(&v[A_SEND_SCI]) && (on(&v[A_END_STATION]) || on(&v[A_SCB])))
		return err_usage(c, "%s on cannot be used with %s on", macsec_args[A_SEND_SCI].kw,
				 macsec_args[on(&v[A_SCB]) ? A_SCB : A_END_STATION].kw);
	if (v[A_WINDOW].set && !v[A_REPLAY].set)
		return err_usage(c, "%s needs %s", macsec_args[A_WINDOW].kw,
				 macsec_args[A_REPLAY].kw);
	if (on(&v[A_REPLAY]) && !v[A_WINDOW].set)
		return err_usage(c, "%s on needs %s", macsec_args[A_REPLAY].kw,
				 macsec_args[A_WINDOW].kw);
	return 0;
}

static int macsec_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		      const struct val *v)
{
	int rc;

	(void)k;
	if ((rc = check_words(c, v)) < 0)
		return rc;
	if (v[A_SCI].set) {
		uint64_t be = htobe64(v[A_SCI].u64);
		mnl_attr_put(nlh, IFLA_MACSEC_SCI, sizeof(be), &be);
	}
	if (v[A_PORT].set)
		mnl_attr_put_u16(nlh, IFLA_MACSEC_PORT, htobe16((uint16_t)v[A_PORT].u));
	for (size_t i = 0; i < ARRAY_SIZE(onoff_attrs); i++)
		if (v[onoff_attrs[i].arg].set)
			mnl_attr_put_u8(nlh, onoff_attrs[i].type, (uint8_t)v[onoff_attrs[i].arg].e);
	if (v[A_VALIDATE].set)
		mnl_attr_put_u8(nlh, IFLA_MACSEC_VALIDATION, (uint8_t)v[A_VALIDATE].e);
	if (v[A_OFFLOAD].set)
		mnl_attr_put_u8(nlh, IFLA_MACSEC_OFFLOAD, (uint8_t)v[A_OFFLOAD].e);
	if (v[A_CIPHER].set)
		mnl_attr_put_u64(nlh, IFLA_MACSEC_CIPHER_SUITE, cipher_ids[v[A_CIPHER].e]);
	if (v[A_ICVLEN].set)
		mnl_attr_put_u8(nlh, IFLA_MACSEC_ICV_LEN, (uint8_t)v[A_ICVLEN].u);
	if (v[A_REPLAY].set) {
		if (v[A_WINDOW].set)
			mnl_attr_put_u32(nlh, IFLA_MACSEC_WINDOW, v[A_WINDOW].u);
		mnl_attr_put_u8(nlh, IFLA_MACSEC_REPLAY_PROTECT, (uint8_t)v[A_REPLAY].e);
	}
	if (v[A_ENCODINGSA].set)
		mnl_attr_put_u8(nlh, IFLA_MACSEC_ENCODING_SA, (uint8_t)v[A_ENCODINGSA].u);
	return 0;
}

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* " encrypt on"; JSON key: true or false (ip's keys: inc_sci, es,
 * replay_protect for send_sci, end_station, replay). */
static void print_onoff(struct out *o, const struct nlattr *a, int arg, const char *key)
{
	uint8_t u8;

	if (!nl_attr_u8(a, &u8))
		return;
	out_str(o, OUT_TEXT, NULL, " %s", macsec_args[arg].kw);
	out_str(o, OUT_TEXT, NULL, " %s", onoff_words[u8 != 0]);
	out_bool(o, OUT_JSON, key, "", u8 != 0);
}

/* A u8 word of words[] (validate, offload): its number when unknown. */
static void print_u8_word(struct out *o, const struct nlattr *a, int arg, const char *key,
			  const char *const *words, size_t n)
{
	char num[8];
	uint8_t u8;

	if (!nl_attr_u8(a, &u8))
		return;
	snprintf(num, sizeof(num), "%u", u8);
	l2_print_word(o, macsec_args[arg].kw, key, u8 < n ? words[u8] : num);
}

/* " cipher gcm-aes-128": add's word; under ip's name and in JSON
 * ("cipher_suite") ip's, "GCM-AES-128". */
static void print_cipher(struct ctx *c, const struct nlattr *a)
{
	const char *word = "unknown", *name = "unknown";
	uint64_t id;

	if (!a || mnl_attr_get_payload_len(a) != sizeof(id))
		return;
	id = mnl_attr_get_u64(a);
	for (size_t i = 0; i < ARRAY_SIZE(cipher_ids); i++)
		if (cipher_ids[i] == id) {
			word = cipher_words[i == 0 ? 1 : i];
			name = cipher_names[i];
			break;
		}
	out_str(c->out, OUT_TEXT, NULL, " %s", macsec_args[A_CIPHER].kw);
	out_str(c->out, OUT_TEXT, NULL, " %s", ctx_iproute2(c) ? name : word);
	out_str(c->out, OUT_JSON, "cipher_suite", "", name);
}

/* " sci 5254001234560001 protect on cipher gcm-aes-128 icvlen 16
 * encodingsa 0 validate strict encrypt off send_sci on end_station off scb
 * off replay off", in ip's order, with ip -j's keys. */
static void macsec_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_MACSEC_MAX + 1];
	struct out *o = c->out;
	char sci[24];
	uint32_t u32;
	uint8_t u8;

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_MACSEC_MAX);
	if (tb[IFLA_MACSEC_SCI] && mnl_attr_get_payload_len(tb[IFLA_MACSEC_SCI]) == 8) {
		snprintf(sci, sizeof(sci), "%016llx",
			 (unsigned long long)be64toh(mnl_attr_get_u64(tb[IFLA_MACSEC_SCI])));
		l2_print_word(o, macsec_args[A_SCI].kw, "sci", sci);
	}
	print_onoff(o, tb[IFLA_MACSEC_PROTECT], A_PROTECT, "protect");
	print_cipher(c, tb[IFLA_MACSEC_CIPHER_SUITE]);
	if (nl_attr_u8(tb[IFLA_MACSEC_ICV_LEN], &u8))
		l2_print_uint(o, macsec_args[A_ICVLEN].kw, "icv_len", u8);
	if (nl_attr_u8(tb[IFLA_MACSEC_ENCODING_SA], &u8))
		l2_print_uint(o, macsec_args[A_ENCODINGSA].kw, "encoding_sa", u8);
	print_u8_word(o, tb[IFLA_MACSEC_VALIDATION], A_VALIDATE, "validation", validate_words,
		      ARRAY_SIZE(validate_words) - 1);
	print_u8_word(o, tb[IFLA_MACSEC_OFFLOAD], A_OFFLOAD, "offload", offload_words,
		      ARRAY_SIZE(offload_words) - 1);
	print_onoff(o, tb[IFLA_MACSEC_ENCRYPT], A_ENCRYPT, "encrypt");
	print_onoff(o, tb[IFLA_MACSEC_INC_SCI], A_SEND_SCI, "inc_sci");
	print_onoff(o, tb[IFLA_MACSEC_ES], A_END_STATION, "es");
	print_onoff(o, tb[IFLA_MACSEC_SCB], A_SCB, "scb");
	print_onoff(o, tb[IFLA_MACSEC_REPLAY_PROTECT], A_REPLAY, "replay_protect");
	if (nl_attr_u32(tb[IFLA_MACSEC_WINDOW], &u32))
		l2_print_uint(o, macsec_args[A_WINDOW].kw, "window", u32);
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name macsec_attr_names[IFLA_MACSEC_MAX + 1] = {
    NL_ATTR(IFLA_MACSEC_SCI, NL_BIN),	    NL_ATTR(IFLA_MACSEC_PORT, NL_BE16),
    NL_ATTR(IFLA_MACSEC_ICV_LEN, NL_U8),    NL_ATTR(IFLA_MACSEC_CIPHER_SUITE, NL_BIN),
    NL_ATTR(IFLA_MACSEC_WINDOW, NL_U32),    NL_ATTR(IFLA_MACSEC_ENCODING_SA, NL_U8),
    NL_ATTR(IFLA_MACSEC_ENCRYPT, NL_U8),    NL_ATTR(IFLA_MACSEC_PROTECT, NL_U8),
    NL_ATTR(IFLA_MACSEC_INC_SCI, NL_U8),    NL_ATTR(IFLA_MACSEC_ES, NL_U8),
    NL_ATTR(IFLA_MACSEC_SCB, NL_U8),	    NL_ATTR(IFLA_MACSEC_REPLAY_PROTECT, NL_U8),
    NL_ATTR(IFLA_MACSEC_VALIDATION, NL_U8), NL_ATTR(IFLA_MACSEC_OFFLOAD, NL_U8),
};

/* ---- the secure channels and associations: the macsec family ------------ */

/*
 * `macsec add|set|del DEV tx sa AN ...` and `... DEV rx SCI [sa AN ...]`,
 * ip macsec's grammar: tx and rx after DEV are the kind's dev_words, which
 * kind.c gives add, set and del.  A transmit association (tx sa AN) is the
 * device's own channel's; a receive channel is a peer's, named by its SCI
 * (sci SCI, or port P address MAC), and has associations of its own (rx
 * ... sa AN).  Keys come from files only, in hexadecimal: 16 bytes for the
 * 128-bit cipher suites, 32 for the 256-bit ones.  They are never printed:
 * the kernel never gives them back, and dry run prints their length.
 */

enum tx_word { T_SA, T_PN, T_STATE, T_KEY, T_NWORDS };
enum rx_word { R_PORT, R_ADDRESS, R_SCI, R_SA, R_PN, R_STATE, R_KEY, R_NWORDS };
enum dev_word { D_TX, D_RX, D_NWORDS };
/* An association's words, from its sa on, in both tables. */
enum sa_word { S_AN, S_PN, S_STATE, S_KEY };

/* sa AN [pn PN] [on|off] [key ID FILE], in tx's table and rx's, from
 * index i: each spelled here once. */
#define MACSEC_SA_WORDS(i, f)                                                                      \
	[(i) + S_AN] = {.kw = "sa",                                                                \
			.kind = ARG_U32,                                                           \
			.flags = (f),                                                              \
			.max = 3,                                                                  \
			.metavar = "AN",                                                           \
			.help = "the association's number, 0..3"},                                 \
	       [(i) + S_PN] = {.kw = "pn",                                                         \
			       .kind = ARG_U32,                                                    \
			       .min = 1,                                                           \
			       .max = UINT32_MAX,                                                  \
			       .metavar = "PN",                                                    \
			       .help = "the next packet number, from 1 (add needs it)"},           \
	       [(i) +                                                                              \
		   S_STATE] = {.kind = ARG_ENUM,                                                   \
			       .flags = ARGF_POSITIONAL | ARGF_WORD_POS,                           \
			       .words = onoff_words,                                               \
			       .metavar = "on|off",                                                \
			       .help =                                                             \
				   "whether it is in use (an association made is off unless on "   \
				   "is given; a channel on)"},                                     \
	       [(i) + S_KEY] = {                                                                   \
		   .kw = "key",                                                                    \
		   .kind = ARG_KEYFILE,                                                            \
		   .max = MACSEC_KEYID_LEN,                                                        \
		   .help = "the key's id, up to 16 bytes in hexadecimal, and the file "            \
			   "that holds the key, 16 or 32 bytes in hexadecimal as the cipher "      \
			   "suite takes (add needs it; never the key itself)"}

static const struct arg tx_words[T_NWORDS] = {
    MACSEC_SA_WORDS(T_SA, ARGF_REQUIRED),
};
static const struct arg rx_words[R_NWORDS] = {
    [R_PORT] = MACSEC_PORT(R_SCI + 1, "the peer's port, with its address: its SCI"),
    [R_ADDRESS] = {.kw = "address",
		   .kind = ARG_MAC,
		   .metavar = "MAC",
		   .excludes = R_SCI + 1,
		   .help = "the peer's address, with its port"},
    [R_SCI] = MACSEC_SCI(0, "the peer's SCI whole, 64 bits in hexadecimal"),
    MACSEC_SA_WORDS(R_SA, 0),
};
/* ip macsec compares tx and rx whole, before any word of a device's
 * (under ip's name "tx" is never txqueuelen's abbreviation). */
static const struct arg macsec_dev_words[D_NWORDS] = {
    [D_TX] = {.kw = "tx",
	      .kind = ARG_NEST,
	      .flags = ARGF_IP_EXACT,
	      .ip_order = 1,
	      .sub = tx_words,
	      .nsub = T_NWORDS,
	      .metavar = "sa AN ...",
	      .help = "the device's transmit association AN (sa AN ...)"},
    [D_RX] = {.kw = "rx",
	      .kind = ARG_NEST,
	      .flags = ARGF_IP_EXACT,
	      .ip_order = 1,
	      .sub = rx_words,
	      .nsub = R_NWORDS,
	      .metavar = "SCI ...",
	      .help = "a peer's receive channel (sci SCI, or port P address MAC), and with sa "
		      "AN its association"},
};

/* What a command changes, and its request for each of add, set and del. */
enum sa_what { TXSA, RXSC, RXSA };
static const uint8_t sa_cmds[3][3] = {
    [TXSA] = {MACSEC_CMD_ADD_TXSA, MACSEC_CMD_UPD_TXSA, MACSEC_CMD_DEL_TXSA},
    [RXSC] = {MACSEC_CMD_ADD_RXSC, MACSEC_CMD_UPD_RXSC, MACSEC_CMD_DEL_RXSC},
    [RXSA] = {MACSEC_CMD_ADD_RXSA, MACSEC_CMD_UPD_RXSA, MACSEC_CMD_DEL_RXSA},
};

static const char *const macsec_cmds[] = {
    [MACSEC_CMD_GET_TXSC] = "MACSEC_CMD_GET_TXSC",
    [MACSEC_CMD_ADD_RXSC] = "MACSEC_CMD_ADD_RXSC",
    [MACSEC_CMD_DEL_RXSC] = "MACSEC_CMD_DEL_RXSC",
    [MACSEC_CMD_UPD_RXSC] = "MACSEC_CMD_UPD_RXSC",
    [MACSEC_CMD_ADD_TXSA] = "MACSEC_CMD_ADD_TXSA",
    [MACSEC_CMD_DEL_TXSA] = "MACSEC_CMD_DEL_TXSA",
    [MACSEC_CMD_UPD_TXSA] = "MACSEC_CMD_UPD_TXSA",
    [MACSEC_CMD_ADD_RXSA] = "MACSEC_CMD_ADD_RXSA",
    [MACSEC_CMD_DEL_RXSA] = "MACSEC_CMD_DEL_RXSA",
    [MACSEC_CMD_UPD_RXSA] = "MACSEC_CMD_UPD_RXSA",
    [MACSEC_CMD_UPD_OFFLOAD] = "MACSEC_CMD_UPD_OFFLOAD",
};
static const struct nl_attr_name sa_names[MACSEC_SA_ATTR_MAX + 1] = {
    NL_ATTR(MACSEC_SA_ATTR_AN, NL_U8),	     NL_ATTR(MACSEC_SA_ATTR_ACTIVE, NL_U8),
    NL_ATTR(MACSEC_SA_ATTR_PN, NL_U32),	     NL_ATTR(MACSEC_SA_ATTR_KEY, NL_SECRET),
    NL_ATTR(MACSEC_SA_ATTR_KEYID, NL_BIN),   NL_ATTR(MACSEC_SA_ATTR_SSCI, NL_U32),
    NL_ATTR(MACSEC_SA_ATTR_SALT, NL_SECRET),
};
static const struct nl_attr_name rxsc_names[MACSEC_RXSC_ATTR_MAX + 1] = {
    NL_ATTR(MACSEC_RXSC_ATTR_SCI, NL_BIN),
    NL_ATTR(MACSEC_RXSC_ATTR_ACTIVE, NL_U8),
};
static const struct nl_attr_name config_names[MACSEC_ATTR_MAX + 1] = {
    NL_ATTR(MACSEC_ATTR_IFINDEX, NL_U32),
    NL_ATTR(MACSEC_ATTR_RXSC_CONFIG, NL_NEST),
    NL_ATTR(MACSEC_ATTR_SA_CONFIG, NL_NEST),
    NL_ATTR(MACSEC_ATTR_OFFLOAD, NL_NEST),
};
static const struct nl_attr_set sa_set = {sa_names, MACSEC_SA_ATTR_MAX, NULL, false, NULL};
static const struct nl_attr_set rxsc_set = {rxsc_names, MACSEC_RXSC_ATTR_MAX, NULL, false, NULL};
static const struct nl_attr_set *const config_nests[MACSEC_ATTR_MAX + 1] = {
    [MACSEC_ATTR_RXSC_CONFIG] = &rxsc_set,
    [MACSEC_ATTR_SA_CONFIG] = &sa_set,
};
static const struct nl_attr_set config_set = {config_names, MACSEC_ATTR_MAX, NULL, false,
					      config_nests};
static const struct genl_family macsec_family = {
    .name = MACSEC_GENL_NAME,
    .version = MACSEC_GENL_VERSION,
    GENL_CMDS(macsec_cmds),
    .attrs = &config_set,
    .module = "macsec",
};

/* The key's length a cipher suite takes, 0 for one unknown. */
static size_t cipher_key_len(uint64_t id)
{
	if (id == MACSEC_DEFAULT_CIPHER_ID || id == MACSEC_CIPHER_ID_GCM_AES_128 ||
	    id == MACSEC_CIPHER_ID_GCM_AES_XPN_128)
		return 16;
	if (id == MACSEC_CIPHER_ID_GCM_AES_256 || id == MACSEC_CIPHER_ID_GCM_AES_XPN_256)
		return 32;
	return 0;
}

static bool cipher_xpn(uint64_t id)
{
	return id == MACSEC_CIPHER_ID_GCM_AES_XPN_128 || id == MACSEC_CIPHER_ID_GCM_AES_XPN_256;
}

/* The device a command names: its index, whether it is a macsec device,
 * and its cipher suite. */
struct secy_dev {
	int ifindex;
	bool macsec;
	uint64_t cipher;
};

static int secy_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	const struct nlattr *tb[IFLA_MACSEC_MAX + 1];
	struct secy_dev *d = data;

	(void)c;
	d->ifindex = m->ifi->ifi_index;
	d->macsec = m->kind && !strcmp(m->kind, macsec_name);
	d->cipher = MACSEC_DEFAULT_CIPHER_ID;
	if (d->macsec && m->info[IFLA_INFO_DATA]) {
		nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_MACSEC_MAX);
		if (tb[IFLA_MACSEC_CIPHER_SUITE] &&
		    mnl_attr_get_payload_len(tb[IFLA_MACSEC_CIPHER_SUITE]) == sizeof(uint64_t))
			d->cipher = mnl_attr_get_u64(tb[IFLA_MACSEC_CIPHER_SUITE]);
	}
	return 1;
}

static int secy_find(struct ctx *c, const char *dev, struct secy_dev *d)
{
	int rc = link_walk(c, dev, secy_cb, d);

	if (rc == -ENODEV && !c->reason[0])
		return err_nodev(c, dev);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return err_nodev(c, dev);
	if (!d->macsec)
		return err_fail(c, "%s is not a macsec device", dev);
	return 0;
}

/* The words an association's command may not have, refused before
 * anything is asked or sent (a: the table from sa on, v its values). */
static int sa_check(struct ctx *c, enum kind_cmd cmd, const struct arg *a, const struct val *v)
{
	if (cmd == KIND_CMD_DEL) {
		for (int i = S_PN; i <= S_KEY; i++)
			if (v[i].set)
				return err_usage(c, "%s is for add and set, not del",
						 arg_label(&a[i]));
		return 0;
	}
	if (cmd == KIND_CMD_ADD && !v[S_KEY].set)
		return err_usage(c, "missing %s (an association is made with its key)",
				 a[S_KEY].kw);
	if (cmd == KIND_CMD_ADD && !v[S_PN].set)
		return err_usage(c, "missing %s (the packet number the association starts from)",
				 a[S_PN].kw);
	if (cmd == KIND_CMD_SET && v[S_KEY].set)
		return err_usage(c, "%s cannot be changed: delete the association and add it again",
				 a[S_KEY].kw);
	if (cmd == KIND_CMD_SET && !v[S_PN].set && !v[S_STATE].set)
		return err_usage(c, "nothing to change: give %s or %s", a[S_PN].kw,
				 arg_label(&a[S_STATE]));
	return 0;
}

/* A receive channel alone: its on|off, nothing of an association's. */
static int rxsc_check(struct ctx *c, enum kind_cmd cmd, const struct val *v)
{
	for (int i = R_PN; i <= R_KEY; i++)
		if (i != R_STATE && v[i].set)
			return err_usage(c, "%s needs %s (it is an association's)", rx_words[i].kw,
					 rx_words[R_SA].kw);
	if (cmd == KIND_CMD_DEL && v[R_STATE].set)
		return err_usage(c, "%s is for add and set, not del",
				 arg_label(&rx_words[R_STATE]));
	if (cmd == KIND_CMD_SET && !v[R_STATE].set)
		return err_usage(c, "nothing to change: give %s", arg_label(&rx_words[R_STATE]));
	return 0;
}

/* The peer's SCI in network order: sci SCI, or its address and port. */
static int rx_sci(struct ctx *c, const struct val *v, uint8_t sci[8])
{
	if (v[R_SCI].set) {
		uint64_t be = htobe64(v[R_SCI].u64);
		memcpy(sci, &be, 8);
		return 0;
	}
	if (v[R_PORT].set && v[R_ADDRESS].set) {
		memcpy(sci, v[R_ADDRESS].mac, 6);
		sci[6] = (uint8_t)(v[R_PORT].u >> 8);
		sci[7] = (uint8_t)v[R_PORT].u;
		return 0;
	}
	if (v[R_PORT].set || v[R_ADDRESS].set)
		return err_usage(c, "%s needs %s", rx_words[v[R_PORT].set ? R_PORT : R_ADDRESS].kw,
				 rx_words[v[R_PORT].set ? R_ADDRESS : R_PORT].kw);
	return err_usage(c, "missing the peer's channel (%s SCI, or %s PORT %s MAC)",
			 rx_words[R_SCI].kw, rx_words[R_PORT].kw, rx_words[R_ADDRESS].kw);
}

/* The key in the file key names: its length, or a usage error before
 * anything is sent (the length the cipher suite takes is checked once the
 * device is known). */
static int key_read(struct ctx *c, const struct arg *a, const struct val *v, uint8_t key[32])
{
	char text[160];
	size_t len;
	int n, rc = key_file_read(c, a->kw, v->file, text, sizeof(text), &len);

	if (rc < 0)
		return rc;
	n = hex_key_decode(text, len, key, 32);
	if (n != 16 && n != 32) {
		sodium_memzero(key, 32);
		return err_usage(c, "%s %s: not a key (expected 16 or 32 bytes in hexadecimal)",
				 a->kw, v->file);
	}
	return n;
}

/* The kernel's "no such", "exists" and "in use" of an association or
 * channel, said so: the device is there (it was looked up). */
static int sa_error(struct ctx *c, int rc, enum kind_cmd cmd, const char *dev, const char *what)
{
	if (c->reason[0])
		return rc;
	if (rc == -ENODEV || rc == -ENOENT)
		return err_fail(c, "%s has no %s", dev, what);
	if (rc == -EBUSY && cmd == KIND_CMD_DEL)
		return err_fail(c, "%s's %s is on: set it off first", dev, what);
	if (rc == -EEXIST || rc == -EBUSY)
		return err_fail(c, "%s has %s already", dev, what);
	return rc;
}

/* The device, a macsec device whose cipher suite takes the key given
 * (keylen bytes, 0: none) and the association's words (sa, NULL: none). */
static int secy_check(struct ctx *c, const char *dev, struct secy_dev *d, const struct val *sa,
		      size_t keylen)
{
	size_t want;
	int rc;

	if ((rc = secy_find(c, dev, d)) < 0)
		return rc;
	if (sa && cipher_xpn(d->cipher) && (sa[S_PN].set || keylen))
		return err_fail(c,
				"%s uses an XPN cipher suite, whose 64-bit packet numbers, salt "
				"and ssci vnetctl does not set yet",
				dev);
	want = cipher_key_len(d->cipher);
	if (keylen && want && keylen != want)
		return err_usage(c, "%s: the key is %zu bytes, %s's cipher suite takes %zu",
				 tx_words[T_KEY].kw, keylen, dev, want);
	return 0;
}

static void sa_put(struct nlmsghdr *nlh, enum kind_cmd cmd, const struct val *v, const uint8_t *key,
		   size_t keylen)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, MACSEC_ATTR_SA_CONFIG);

	mnl_attr_put_u8(nlh, MACSEC_SA_ATTR_AN, (uint8_t)v[S_AN].u);
	if (cmd != KIND_CMD_DEL) {
		if (v[S_PN].set)
			mnl_attr_put_u32(nlh, MACSEC_SA_ATTR_PN, v[S_PN].u);
		if (v[S_KEY].set) {
			uint8_t id[MACSEC_KEYID_LEN] = {0};
			memcpy(id, v[S_KEY].key, (size_t)v[S_KEY].nrest);
			mnl_attr_put(nlh, MACSEC_SA_ATTR_KEYID, sizeof(id), id);
			mnl_attr_put(nlh, MACSEC_SA_ATTR_KEY, keylen, key);
		}
		if (v[S_STATE].set)
			mnl_attr_put_u8(nlh, MACSEC_SA_ATTR_ACTIVE, (uint8_t)v[S_STATE].e);
	}
	mnl_attr_nest_end(nlh, nest);
}

static int macsec_dev_run(struct ctx *c, const struct link_kind *k, enum kind_cmd cmd,
			  const char *dev, const struct val *v)
{
	bool tx = v[D_TX].set;
	const struct arg *word = &macsec_dev_words[tx ? D_TX : D_RX];
	const struct arg *sa_args = tx ? &tx_words[T_SA] : &rx_words[R_SA];
	struct val w[R_NWORDS];
	const struct val *sa;
	enum sa_what what;
	uint8_t sci[8] = {0}, key[32];
	char buf[NL_BUFSZ], name[64];
	uint64_t be;
	struct secy_dev d = {0};
	struct nlmsghdr *nlh;
	size_t keylen = 0;
	int rc;

	(void)k;
	if ((rc = parse_group(c, word, &v[tx ? D_TX : D_RX], w)) < 0)
		return rc;
	sa = tx ? &w[T_SA] : &w[R_SA];
	what = tx ? TXSA : sa->set ? RXSA : RXSC;
	if (!tx && (rc = rx_sci(c, w, sci)) < 0)
		return rc;
	if ((rc = what == RXSC ? rxsc_check(c, cmd, w) : sa_check(c, cmd, sa_args, sa)) < 0)
		return rc;
	if (what != RXSC && sa[S_KEY].set) {
		if ((rc = key_read(c, &sa_args[S_KEY], &sa[S_KEY], key)) < 0)
			return rc;
		keylen = (size_t)rc;
	}
	if ((rc = secy_check(c, dev, &d, what != RXSC && cmd != KIND_CMD_DEL ? sa : NULL, keylen)) <
		0 ||
	    (rc = genl_msg(c, &macsec_family, buf, sa_cmds[what][cmd], 0, &nlh)) < 0) {
		sodium_memzero(key, sizeof(key));
		return rc;
	}
	mnl_attr_put_u32(nlh, MACSEC_ATTR_IFINDEX, (uint32_t)d.ifindex);
	if (!tx) {
		struct nlattr *nest = mnl_attr_nest_start(nlh, MACSEC_ATTR_RXSC_CONFIG);
		mnl_attr_put(nlh, MACSEC_RXSC_ATTR_SCI, sizeof(sci), sci);
		if (what == RXSC && cmd != KIND_CMD_DEL && w[R_STATE].set)
			mnl_attr_put_u8(nlh, MACSEC_RXSC_ATTR_ACTIVE, (uint8_t)w[R_STATE].e);
		mnl_attr_nest_end(nlh, nest);
	}
	if (what != RXSC)
		sa_put(nlh, cmd, sa, key, keylen);
	sodium_memzero(key, sizeof(key));
	rc = genl_request(c, &macsec_family, nlh);
	sodium_memzero(buf, sizeof(buf));
	if (rc >= 0)
		return rc;
	memcpy(&be, sci, sizeof(be));
	if (tx)
		snprintf(name, sizeof(name), "%s %s %u", word->kw, sa_args[S_AN].kw, sa->u);
	else if (what == RXSC)
		snprintf(name, sizeof(name), "%s channel %016llx", word->kw,
			 (unsigned long long)be64toh(be));
	else
		snprintf(name, sizeof(name), "%s %s %u on channel %016llx", word->kw,
			 sa_args[S_AN].kw, sa->u, (unsigned long long)be64toh(be));
	return sa_error(c, rc, cmd, dev, name);
}

/* ---- macsec show: the devices' channels and associations -------------- */

/* ip macsec show's names of the flags it prints of the SecY, in its order
 * (its JSON keys too). */
static const struct {
	uint16_t type;
	int arg;
} secy_flags[] = {
    {MACSEC_SECY_ATTR_ENCRYPT, A_ENCRYPT}, {MACSEC_SECY_ATTR_INC_SCI, A_SEND_SCI},
    {MACSEC_SECY_ATTR_ES, A_END_STATION},  {MACSEC_SECY_ATTR_SCB, A_SCB},
    {MACSEC_SECY_ATTR_REPLAY, A_REPLAY},
};

static void show_flag(struct out *o, const struct nlattr *a, const char *word)
{
	uint8_t u8;

	if (!nl_attr_u8(a, &u8))
		return;
	out_bool(o, OUT_JSON, word, "", u8 != 0);
	out_str(o, OUT_TEXT, NULL, "%s ", word);
	out_str(o, OUT_TEXT, NULL, "%s ", onoff_words[u8 != 0]);
}

/* "TXSC: 5254001234560001" and ip -j's "sci": "0x5254001234560001". */
static void show_sci(struct out *o, const char *fmt, uint64_t be)
{
	unsigned long long sci = be64toh(be);
	char hex[24];

	out_text(o, fmt, sci);
	snprintf(hex, sizeof(hex), "%#llx", sci);
	out_str(o, OUT_JSON, "sci", "", hex);
}

static const char *cipher_ip_name(uint64_t id)
{
	for (size_t i = 0; i < ARRAY_SIZE(cipher_ids); i++)
		if (cipher_ids[i] == id)
			return cipher_names[i];
	return "(unknown)";
}

/* The SecY's settings, as ip prints them first: "protect on validate
 * strict ... replay off" and the cipher suite's line. */
static void show_secy(struct ctx *c, const struct nlattr **tb)
{
	struct out *o = c->out;
	uint32_t u32;
	uint8_t u8;

	show_flag(o, tb[MACSEC_SECY_ATTR_PROTECT], macsec_args[A_PROTECT].kw);
	if (nl_attr_u8(tb[MACSEC_SECY_ATTR_VALIDATE], &u8)) {
		out_str(o, OUT_TEXT, NULL, "%s ", macsec_args[A_VALIDATE].kw);
		out_str(o, OUT_ANY, macsec_args[A_VALIDATE].kw, "%s ",
			u8 < ARRAY_SIZE(validate_words) - 1 ? validate_words[u8] : "(unknown)");
	}
	/* ip prints these two from the encoding SA's attribute (its numbers
	 * are the RX SC's and SA's "active"): under its name, as it does */
	if (ctx_iproute2(c)) {
		show_flag(o, tb[MACSEC_SECY_ATTR_ENCODING_SA], "sc");
		show_flag(o, tb[MACSEC_SECY_ATTR_ENCODING_SA], "sa");
	}
	for (size_t i = 0; i < ARRAY_SIZE(secy_flags); i++)
		show_flag(o, tb[secy_flags[i].type], macsec_args[secy_flags[i].arg].kw);
	if (nl_attr_u32(tb[MACSEC_SECY_ATTR_WINDOW], &u32))
		out_uint(o, OUT_ANY, macsec_args[A_WINDOW].kw, "window %u ", u32);
	if (tb[MACSEC_SECY_ATTR_CIPHER_SUITE] &&
	    mnl_attr_get_payload_len(tb[MACSEC_SECY_ATTR_CIPHER_SUITE]) == sizeof(uint64_t)) {
		out_nl(o);
		out_str(o, OUT_ANY, "cipher_suite", "    cipher suite: %s,",
			cipher_ip_name(mnl_attr_get_u64(tb[MACSEC_SECY_ATTR_CIPHER_SUITE])));
	}
	if (nl_attr_u8(tb[MACSEC_SECY_ATTR_ICV_LEN], &u8))
		out_uint(o, OUT_ANY, "icv_length", " using ICV length %u\n", u8);
}

/* "        0: PN 5, state on, key 01000000000000000000000000000000", each
 * association of a list; the key's id, never the key (the kernel keeps
 * it to itself). */
static void show_sas(struct ctx *c, const struct nlattr *list, bool xpn)
{
	struct out *o = c->out;
	const struct nlattr *a;

	out_list_open(o, "sa_list");
	mnl_attr_for_each_nested(a, list)
	{
		const struct nlattr *tb[MACSEC_SA_ATTR_MAX + 1];
		char id[2 * MACSEC_KEYID_LEN + 1] = "";
		const uint8_t *b;
		uint8_t an = 0, on = 0;
		uint32_t u32 = 0;

		nl_parse_nested(a, tb, MACSEC_SA_ATTR_MAX);
		nl_attr_u8(tb[MACSEC_SA_ATTR_AN], &an);
		nl_attr_u8(tb[MACSEC_SA_ATTR_ACTIVE], &on);
		out_obj_open(o, NULL);
		out_uint(o, OUT_ANY, "an", "        %u:", an);
		if (xpn && tb[MACSEC_SA_ATTR_PN] &&
		    mnl_attr_get_payload_len(tb[MACSEC_SA_ATTR_PN]) == sizeof(uint64_t)) {
			out_u64(o, OUT_ANY, "pn", " PN %llu,",
				(unsigned long long)mnl_attr_get_u64(tb[MACSEC_SA_ATTR_PN]));
			if (nl_attr_u32(tb[MACSEC_SA_ATTR_SSCI], &u32)) {
				char hex[16];
				out_text(o, "SSCI %08x", be32toh(u32));
				snprintf(hex, sizeof(hex), "%#x", be32toh(u32));
				out_str(o, OUT_JSON, "ssci", "", hex);
			}
		} else {
			nl_attr_u32(tb[MACSEC_SA_ATTR_PN], &u32);
			out_uint(o, OUT_ANY, "pn", " PN %u,", u32);
		}
		out_bool(o, OUT_JSON, "active", "", on != 0);
		out_str(o, OUT_TEXT, NULL, " state %s,", onoff_words[on != 0]);
		if (tb[MACSEC_SA_ATTR_KEYID]) {
			b = mnl_attr_get_payload(tb[MACSEC_SA_ATTR_KEYID]);
			for (uint16_t i = 0;
			     i < mnl_attr_get_payload_len(tb[MACSEC_SA_ATTR_KEYID]) &&
			     i < MACSEC_KEYID_LEN;
			     i++)
				snprintf(id + 2 * i, 3, "%02x", b[i]);
		}
		out_str(o, OUT_ANY, tx_words[T_KEY].kw, " key %s\n", id);
		out_obj_close(o);
	}
	out_list_close(o);
}

struct show_filter {
	int ifindex; /* 0: every device */
};

static int secy_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct show_filter *f = ((void **)data)[0];
	struct ctx *c = ((void **)data)[1];
	const struct nlattr *tb[MACSEC_ATTR_MAX + 1], *secy[MACSEC_SECY_ATTR_MAX + 1];
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	struct out *o = c->out;
	const struct nlattr *a;
	uint32_t ifindex;
	uint64_t sci = 0, cipher = 0;
	uint8_t esa = 0, u8;
	char name[64];

	if (g->cmd != MACSEC_CMD_GET_TXSC)
		return MNL_CB_OK;
	nl_parse(nlh, GENL_HDRLEN, tb, MACSEC_ATTR_MAX);
	if (!nl_attr_u32(tb[MACSEC_ATTR_IFINDEX], &ifindex) || !tb[MACSEC_ATTR_SECY])
		return MNL_CB_OK;
	if (f->ifindex && (int)ifindex != f->ifindex)
		return MNL_CB_OK;
	nl_parse_nested(tb[MACSEC_ATTR_SECY], secy, MACSEC_SECY_ATTR_MAX);
	if (secy[MACSEC_SECY_ATTR_SCI] &&
	    mnl_attr_get_payload_len(secy[MACSEC_SECY_ATTR_SCI]) == sizeof(sci))
		memcpy(&sci, mnl_attr_get_payload(secy[MACSEC_SECY_ATTR_SCI]), sizeof(sci));
	if (secy[MACSEC_SECY_ATTR_CIPHER_SUITE] &&
	    mnl_attr_get_payload_len(secy[MACSEC_SECY_ATTR_CIPHER_SUITE]) == sizeof(cipher))
		cipher = mnl_attr_get_u64(secy[MACSEC_SECY_ATTR_CIPHER_SUITE]);
	nl_attr_u8(secy[MACSEC_SECY_ATTR_ENCODING_SA], &esa);

	out_obj_open(o, NULL);
	out_uint(o, OUT_ANY, "ifindex", "%u: ", ifindex);
	if (!link_ref_name(c, (int)ifindex, name, sizeof(name), NULL))
		snprintf(name, sizeof(name), "if%u", ifindex);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s: ", name);
	show_secy(c, secy);
	show_sci(o, "    TXSC: %016llx", sci);
	out_uint(o, OUT_ANY, "encoding_sa", " on SA %u\n", esa);
	if (tb[MACSEC_ATTR_TXSA_LIST])
		show_sas(c, tb[MACSEC_ATTR_TXSA_LIST], cipher_xpn(cipher));
	if (tb[MACSEC_ATTR_RXSC_LIST]) {
		out_list_open(o, "rx_sc");
		mnl_attr_for_each_nested(a, tb[MACSEC_ATTR_RXSC_LIST])
		{
			const struct nlattr *sc[MACSEC_RXSC_ATTR_MAX + 1];
			uint64_t rsci = 0;
			uint8_t on = 0;

			nl_parse_nested(a, sc, MACSEC_RXSC_ATTR_MAX);
			if (sc[MACSEC_RXSC_ATTR_SCI] &&
			    mnl_attr_get_payload_len(sc[MACSEC_RXSC_ATTR_SCI]) == sizeof(rsci))
				memcpy(&rsci, mnl_attr_get_payload(sc[MACSEC_RXSC_ATTR_SCI]),
				       sizeof(rsci));
			nl_attr_u8(sc[MACSEC_RXSC_ATTR_ACTIVE], &on);
			out_obj_open(o, NULL);
			show_sci(o, "    RXSC: %016llx,", rsci);
			out_bool(o, OUT_JSON, "active", "", on != 0);
			out_str(o, OUT_TEXT, NULL, " state %s\n", onoff_words[on != 0]);
			if (sc[MACSEC_RXSC_ATTR_SA_LIST])
				show_sas(c, sc[MACSEC_RXSC_ATTR_SA_LIST], cipher_xpn(cipher));
			out_obj_close(o);
		}
		out_list_close(o);
	}
	if (tb[MACSEC_ATTR_OFFLOAD]) {
		const struct nlattr *off[MACSEC_OFFLOAD_ATTR_MAX + 1];

		nl_parse_nested(tb[MACSEC_ATTR_OFFLOAD], off, MACSEC_OFFLOAD_ATTR_MAX);
		if (nl_attr_u8(off[MACSEC_OFFLOAD_ATTR_TYPE], &u8))
			out_str(o, OUT_ANY, macsec_args[A_OFFLOAD].kw, "    offload: %s \n",
				u8 < ARRAY_SIZE(offload_words) - 1 ? offload_words[u8]
								   : "(unknown)");
	}
	out_obj_close(o);
	return MNL_CB_OK;
}

/* `macsec show [DEV]`: ip macsec show's layout, text and -j. */
static int macsec_show_run(struct ctx *c, const struct link_kind *k, const char *dev)
{
	struct show_filter f = {0};
	void *data[2] = {&f, c};
	char buf[NL_BUFSZ];
	uint16_t id;
	struct nlmsghdr *nlh;
	int rc;

	(void)k;
	if (dev && ctx_iproute2(c)) {
		/* ip: any device, shown when it is a macsec one; no device is
		 * do_show's -1, which ip's do_cmd negates: exit 1 */
		struct secy_dev d = {0};
		if (link_walk(c, dev, secy_cb, &d) != 1) {
			c->reason[0] = '\0';
			return err_iproute2(c, VN_EIP_FAIL, "Device \"%s\" does not exist.", dev);
		}
		f.ifindex = d.ifindex;
	} else if (dev) {
		struct secy_dev d = {0};
		if ((rc = secy_find(c, dev, &d)) < 0)
			return rc;
		f.ifindex = d.ifindex;
	}
	/* the family first, dry run or not: a show sends its dump */
	if ((rc = genl_family_id(c, &macsec_family, &id)) < 0 ||
	    (rc = genl_msg(c, &macsec_family, buf, MACSEC_CMD_GET_TXSC, 0, &nlh)) < 0)
		return rc;
	out_list_open(c->out, NULL);
	rc = genl_dump(c, nlh, secy_dump_cb, data);
	out_list_close(c->out);
	return rc;
}

static const struct link_kind macsec_kind = {
    .kind = macsec_name,
    .help = "MACsec (IEEE 802.1AE): authenticated, optionally encrypted Ethernet on a lower "
	    "device",
    VERB_ARGS(macsec_args),
    .put = macsec_put,
    .show = macsec_show,
    .lower = true,
    KIND_DATA(macsec_attr_names),
    .dev_words = macsec_dev_words,
    .ndev_words = D_NWORDS,
    .dev_run = macsec_dev_run,
    .show_run = macsec_show_run,
};
VNETCTL_LINK_KIND(macsec_kind)
