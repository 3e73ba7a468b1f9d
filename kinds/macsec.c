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
#include <linux/if_macsec.h>

#include "l2common.h"
#include "out.h"

/* ---- the words add takes ------------------------------------------------ */

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

#define ONOFF(k, h)                                                                                \
	{                                                                                          \
		.kw = (k), .kind = ARG_ONOFF, .metavar = "on|off", .help = (h)                     \
	}

static const struct arg macsec_args[A_NARGS] = {
    [A_PORT] = {.kw = "port",
		.kind = ARG_U32,
		.min = 1,
		.max = 65535,
		.metavar = "PORT",
		.excludes = A_SCI + 1,
		.help = "the SCI's port, 1..65535, after the lower device's address (default 1)"},
    [A_SCI] = {.kw = "sci",
	       .kind = ARG_HEX64,
	       .metavar = "SCI",
	       .help = "the whole secure channel identifier, 64 bits in hexadecimal"},
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

static const struct link_kind macsec_kind = {
    .kind = "macsec",
    .help = "MACsec (IEEE 802.1AE): authenticated, optionally encrypted Ethernet on a lower "
	    "device",
    VERB_ARGS(macsec_args),
    .put = macsec_put,
    .show = macsec_show,
    .lower = true,
    KIND_DATA(macsec_attr_names),
};
VNETCTL_LINK_KIND(macsec_kind)
