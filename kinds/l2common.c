// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the printers of macvlan, macvtap, ipvlan, vlan, vxlan and geneve
 * share (see l2common.h): reading attributes and printing " keyword value"
 * pairs worded as add takes them.  Making, deleting and listing devices of
 * a kind is the core's (link/kind.c, kindshow.c).
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_ether.h>
#include <errno.h>
#include <string.h>

#include "l2common.h"
#include "out.h"

/* ---- printing helpers ---------------------------------------------------- */

static void print_kw(struct out *o, const char *kw)
{
	if (kw)
		out_str(o, OUT_TEXT, NULL, " %s", kw);
}

void l2_print_uint(struct out *o, const char *kw, const char *key, uint32_t v)
{
	print_kw(o, kw);
	out_uint(o, OUT_ANY, key, " %u", v);
}

void l2_print_word(struct out *o, const char *kw, const char *key, const char *word)
{
	print_kw(o, kw);
	out_str(o, OUT_ANY, key, " %s", word);
}

void l2_print_addr(struct out *o, const char *kw, const char *key, const struct inet_prefix *p)
{
	char buf[INET6_ADDRSTRLEN];

	print_kw(o, kw);
	out_strc(o, OUT_ANY, p->family == AF_INET ? COL_INET : COL_INET6, key, " %s",
		 format_addr(p->family, p->bytes, buf, sizeof(buf)));
}

void l2_print_dev(struct ctx *c, const char *kw, const char *key, uint32_t ifindex)
{
	char name[IFNAMSIZ + 16];

	if (!link_name(c, (int)ifindex, name, sizeof(name)))
		snprintf(name, sizeof(name), "if%u", ifindex);
	print_kw(c->out, kw);
	out_strc(c->out, OUT_ANY, COL_IFNAME, key, " %s", name);
}

bool l2_attr_addr(const struct nlattr *a, struct inet_prefix *p)
{
	uint16_t len = a ? mnl_attr_get_payload_len(a) : 0;

	memset(p, 0, sizeof(*p));
	if (len == sizeof(p->v4))
		p->family = AF_INET;
	else if (len == sizeof(p->v6))
		p->family = AF_INET6;
	else
		return false;
	memcpy(p->bytes, mnl_attr_get_payload(a), len);
	p->len = (uint8_t)(8 * len);
	return true;
}

const char *l2_word_of(const char *const *words, const uint32_t *values, uint32_t v, char *buf,
		       size_t sz)
{
	for (size_t i = 0; words[i]; i++)
		if (values[i] == v)
			return words[i];
	snprintf(buf, sz, "%u", v);
	return buf;
}

bool l2_addr_multicast(const struct inet_prefix *p)
{
	if (p->family == AF_INET)
		return (ntohl(p->v4.s_addr) & 0xf0000000u) == 0xe0000000u;
	return IN6_IS_ADDR_MULTICAST(&p->v6);
}

/* ---- what ip -j reports and add takes no word for ------------------------- */

const char *const l2_df_words[] = {"unset", "set", "inherit", NULL};

void l2_json_facts(struct out *o, const struct nlattr *const *tb, const struct l2_fact *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct nlattr *a = tb[f[i].type];
		char buf[16];
		uint32_t u32;
		uint8_t u8;

		switch (f[i].form) {
		case L2_PRESENT:
			if (a)
				out_bool(o, OUT_JSON, f[i].key, "", true);
			break;
		case L2_SET:
			if (nl_attr_u8(a, &u8) && u8)
				out_bool(o, OUT_JSON, f[i].key, "", true);
			break;
		case L2_BOOL:
			if (nl_attr_u8(a, &u8))
				out_bool(o, OUT_JSON, f[i].key, "", u8);
			break;
		case L2_U32:
			if (nl_attr_u32(a, &u32))
				out_uint(o, OUT_JSON, f[i].key, "", u32);
			break;
		case L2_U32_NONZERO:
			if (nl_attr_u32(a, &u32) && u32)
				out_uint(o, OUT_JSON, f[i].key, "", u32);
			break;
		case L2_LABEL:
			if (!nl_attr_u32(a, &u32) || !u32)
				break;
			snprintf(buf, sizeof(buf), "%#x", ntohl(u32));
			out_str(o, OUT_JSON, f[i].key, "", buf);
			break;
		case L2_DF:
			if (nl_attr_u8(a, &u8) && u8 < ARRAY_SIZE(l2_df_words) - 1)
				out_str(o, OUT_JSON, f[i].key, "", l2_df_words[u8]);
			break;
		}
	}
}

/* " tap /dev/tap7" (brief: " /dev/tap7"), macvtap's and ipvtap's: the kernel names the character
 * device after the ifindex.  Read from that rather than from
 * /sys/class/net/NAME/macvtap/, which with -n would be the sysfs of the
 * namespace vnetctl started in. */
void l2_tap_extra(struct ctx *c, const struct link_msg *m, bool brief)
{
	char path[32];

	snprintf(path, sizeof(path), "/dev/tap%d", m->ifi->ifi_index);
	l2_print_word(c->out, brief ? NULL : "tap", "tap_device", path);
}
