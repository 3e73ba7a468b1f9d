/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the printers of macvlan, macvtap, ipvlan, vlan, vxlan and geneve
 * share.  Each is a kind description (struct link_kind): the core makes,
 * deletes and lists its devices; these helpers read the kind's attributes
 * and print them worded as add takes them.
 */
#ifndef VNETCTL_L2COMMON_H
#define VNETCTL_L2COMMON_H

#include <stdbool.h>
#include <stdint.h>

#include "core.h"
#include "link.h"
#include "nl.h"

/* VXLAN and Geneve network identifiers are 24 bits wide. */
#define L2_VNI_MAX 0xffffffu

/* ---- printing helpers for the kinds' printers ---------------------------- */

/*
 * Each prints " kw value" in text and "key": value in JSON; with kw NULL
 * (-br) the value alone.
 */
void l2_print_uint(struct out *o, const char *kw, const char *key, uint32_t v);
void l2_print_word(struct out *o, const char *kw, const char *key, const char *word);
void l2_print_addr(struct out *o, const char *kw, const char *key, const struct inet_prefix *p);
/* The device of that index (or "ifN" when it has no name here). */
void l2_print_dev(struct ctx *c, const char *kw, const char *key, uint32_t ifindex);

/*
 * What ip -j -d reports of a kind and its add takes no word for: printed in
 * JSON only, under ip's key and in ip's form, so a text line still reads back
 * as the add command.  f[i].type indexes tb (the kind's parsed
 * IFLA_INFO_DATA).
 */
enum l2_fact_form {
	L2_PRESENT,	/* true when the attribute is there (a flag) */
	L2_SET,		/* true when its u8 is not 0, else nothing */
	L2_BOOL,	/* its u8 as true or false */
	L2_U32,		/* its u32 */
	L2_U32_NONZERO, /* its u32 unless 0 */
	L2_LABEL,	/* a flow label (u32, network order) as "0x1f", unless 0 */
	L2_DF,		/* a VXLAN_DF_* / GENEVE_DF_*: "unset", "set" or "inherit" */
};
struct l2_fact {
	uint16_t type;
	enum l2_fact_form form;
	const char *key;
};
void l2_json_facts(struct out *o, const struct nlattr *const *tb, const struct l2_fact *f,
		   size_t n);

/* VXLAN_DF_* and GENEVE_DF_* by name, in their order, NULL-ended. */
extern const char *const l2_df_words[];

/* An address attribute of 4 or 16 bytes; false when missing or neither. */
bool l2_attr_addr(const struct nlattr *a, struct inet_prefix *p);

/* words[i] for the value values[i]; the number when none matches. */
const char *l2_word_of(const char *const *words, const uint32_t *values, uint32_t v, char *buf,
		       size_t sz);

/* IPv4 224.0.0.0/4, IPv6 ff00::/8. */
bool l2_addr_multicast(const struct inet_prefix *p);

/* `KIND show`'s " tap /dev/tapN" of a macvtap or ipvtap (brief: the path). */
void l2_tap_extra(struct ctx *c, const struct link_msg *m, bool brief);

#endif
