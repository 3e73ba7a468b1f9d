// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * hsr: High-availability Seamless Redundancy (IEC 62439-3) and, with
 * proto prp, the Parallel Redundancy Protocol: a device over two ports
 * (slave1, slave2) that sends every frame on both, a ring (HSR) or two
 * separate networks (PRP), and drops the second copy it receives, so a
 * broken link loses nothing.  prp is not a kernel kind of its own: it is
 * an hsr device with IFLA_HSR_PROTOCOL 1.
 *
 * IFLA_HSR_SLAVE1/2 are u32 indexes; MULTICAST_SPEC (u8) the last byte
 * of the supervision frames' address 01:15:4e:00:01:XX; VERSION (u8) 0
 * or 1 (HSR only); PROTOCOL (u8) HSR_PROTOCOL_HSR or _PRP.  A dump adds
 * SUPERVISION_ADDR (6 bytes) and SEQ_NR (u16).  No kernel vnetctl's
 * tests boot has the hsr module: its requests are tested by dry run.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <linux/if_ether.h>

#include "l2common.h"
#include "out.h"

enum hsr_arg { A_SLAVE1, A_SLAVE2, A_SUPERVISION, A_VERSION, A_PROTO, A_NARGS };

/* HSR_PROTOCOL_HSR and _PRP by name; the number is taken too, as ip's. */
static const char *const proto_words[] = {"hsr", "prp", NULL};
static const uint32_t proto_values[] = {HSR_PROTOCOL_HSR, HSR_PROTOCOL_PRP};

static const struct arg hsr_args[A_NARGS] = {
    [A_SLAVE1] = {.kw = "slave1",
		  .kind = ARG_IFNAME,
		  .metavar = "DEV",
		  .help = "the first port (required)"},
    [A_SLAVE2] = {.kw = "slave2",
		  .kind = ARG_IFNAME,
		  .metavar = "DEV",
		  .help = "the second port (required)"},
    [A_SUPERVISION] = {.kw = "supervision",
		       .kind = ARG_U32,
		       .max = 255,
		       .metavar = "BYTE",
		       .help = "the last byte of the supervision frames' multicast address "
			       "(default 0)"},
    [A_VERSION] = {.kw = "version",
		   .kind = ARG_U32,
		   .max = 1,
		   .metavar = "VERSION",
		   .help = "the HSR version: 0 (IEC 62439-3:2010, the default) or 1 (2012)"},
    [A_PROTO] = {.kw = "proto",
		 .kind = ARG_ENUM,
		 .flags = ARGF_NUMBERED,
		 .words = proto_words,
		 .help = "the protocol: hsr (0, the default) or prp (1)"},
};

static int hsr_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		   const struct val *v)
{
	int s1, s2;

	(void)k;
	if (!v[A_SLAVE1].set || !v[A_SLAVE2].set)
		return err_usage(c, "missing %s",
				 hsr_args[v[A_SLAVE1].set ? A_SLAVE2 : A_SLAVE1].kw);
	if (v[A_VERSION].set && v[A_PROTO].set && proto_values[v[A_PROTO].e] == HSR_PROTOCOL_PRP)
		return err_usage(c, "%s is HSR's: prp has none", hsr_args[A_VERSION].kw);
	if ((s1 = link_index(c, v[A_SLAVE1].str)) < 0)
		return s1;
	if ((s2 = link_index(c, v[A_SLAVE2].str)) < 0)
		return s2;
	mnl_attr_put_u32(nlh, IFLA_HSR_SLAVE1, (uint32_t)s1);
	mnl_attr_put_u32(nlh, IFLA_HSR_SLAVE2, (uint32_t)s2);
	if (v[A_SUPERVISION].set)
		mnl_attr_put_u8(nlh, IFLA_HSR_MULTICAST_SPEC, (uint8_t)v[A_SUPERVISION].u);
	if (v[A_VERSION].set)
		mnl_attr_put_u8(nlh, IFLA_HSR_VERSION, (uint8_t)v[A_VERSION].u);
	if (v[A_PROTO].set)
		mnl_attr_put_u8(nlh, IFLA_HSR_PROTOCOL, (uint8_t)proto_values[v[A_PROTO].e]);
	return 0;
}

/* A port: its name, or null in JSON (" slave1 <none>") when it has gone. */
static void print_slave(struct ctx *c, const struct nlattr *a, int arg)
{
	uint32_t u32;

	if (nl_attr_u32(a, &u32)) {
		l2_print_dev(c, hsr_args[arg].kw, hsr_args[arg].kw, u32);
		return;
	}
	out_str(c->out, OUT_TEXT, NULL, " %s <none>", hsr_args[arg].kw);
	if (out_is_json(c->out))
		out_null(c->out, hsr_args[arg].kw);
}

/* " slave1 eth1 slave2 eth2 sequence 4 supervision 01:15:4e:00:01:00 proto
 * 0", ip -j's keys (seq_nr, supervision_addr, proto). */
static void hsr_show(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	const struct nlattr *tb[IFLA_HSR_MAX + 1];
	struct out *o = c->out;
	char mac[3 * ETH_ALEN];
	const uint8_t *b;
	uint16_t u16;
	uint8_t u8;

	(void)k;
	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_HSR_MAX);
	print_slave(c, tb[IFLA_HSR_SLAVE1], A_SLAVE1);
	print_slave(c, tb[IFLA_HSR_SLAVE2], A_SLAVE2);
	if (nl_attr_u16(tb[IFLA_HSR_SEQ_NR], &u16)) {
		out_str(o, OUT_TEXT, NULL, " %s", "sequence");
		out_uint(o, OUT_ANY, "seq_nr", " %u", u16);
	}
	if (tb[IFLA_HSR_SUPERVISION_ADDR] &&
	    mnl_attr_get_payload_len(tb[IFLA_HSR_SUPERVISION_ADDR]) >= ETH_ALEN) {
		b = mnl_attr_get_payload(tb[IFLA_HSR_SUPERVISION_ADDR]);
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3],
			 b[4], b[5]);
		l2_print_word(o, hsr_args[A_SUPERVISION].kw, "supervision_addr", mac);
	}
	if (nl_attr_u8(tb[IFLA_HSR_PROTOCOL], &u8))
		l2_print_uint(o, hsr_args[A_PROTO].kw, "proto", u8);
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name hsr_attr_names[IFLA_HSR_MAX + 1] = {
    NL_ATTR(IFLA_HSR_SLAVE1, NL_U32),	     NL_ATTR(IFLA_HSR_SLAVE2, NL_U32),
    NL_ATTR(IFLA_HSR_MULTICAST_SPEC, NL_U8), NL_ATTR(IFLA_HSR_SUPERVISION_ADDR, NL_MAC),
    NL_ATTR(IFLA_HSR_SEQ_NR, NL_U16),	     NL_ATTR(IFLA_HSR_VERSION, NL_U8),
    NL_ATTR(IFLA_HSR_PROTOCOL, NL_U8),
};

static const struct link_kind hsr_kind = {
    .kind = "hsr",
    .help = "HSR and PRP (IEC 62439-3): every frame sent on two ports, the copy dropped",
    VERB_ARGS(hsr_args),
    .put = hsr_put,
    .show = hsr_show,
    KIND_DATA(hsr_attr_names),
};
VNETCTL_LINK_KIND(hsr_kind)
