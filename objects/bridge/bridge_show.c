// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bridge's reading side: show, in vnetctl's words with ip's
 * units (the times in hundredths of a second, as ip -d and link show -d
 * print them; add and set take seconds).  The verbs that change things are in
 * bridge.c, the link kind's printers for `vnetctl -d link show` (ip's words)
 * in bridge_kind.c; bridge.h is what the files share.
 *
 * show reads everything from ONE link dump: a bridge's settings from its
 * IFLA_INFO_DATA, each port's STP state from its IFLA_INFO_SLAVE_DATA.
 * del, addif and delif read the same dump.  fdb is in bridge_fdb.c.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <netinet/in.h>
#include <linux/if.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/neighbour.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bridge.h"
#include "core.h"
#include "link.h"
#include "nl.h"
#include "out.h"

/* ---- reading a bridge back ---------------------------------------------- */

static bool attr_uint(const struct nlattr *a, uint8_t width, uint32_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < width)
		return false;
	if (width == 1)
		*v = mnl_attr_get_u8(a);
	else if (width == 2)
		*v = mnl_attr_get_u16(a);
	else
		*v = mnl_attr_get_u32(a);
	return true;
}

static void br_info_parse(const struct nlattr *data, struct br_info *b)
{
	const struct nlattr *tb[IFLA_BR_MAX + 1];

	memset(b, 0, sizeof(*b));
	nl_parse_nested(data, tb, IFLA_BR_MAX);
	for (size_t i = 0; i < ARRAY_SIZE(br_settings); i++) {
		const struct br_attr *a = &kind_attrs[br_settings[i].row];
		uint64_t v;
		int arg = br_settings[i].arg;

		b->has[arg] = br_attr_get(tb[a->type], a, &v);
		b->val[arg] = (uint32_t)v;
	}
	br_format_id(tb[IFLA_BR_BRIDGE_ID], b->bridge_id, sizeof(b->bridge_id));
	br_format_id(tb[IFLA_BR_ROOT_ID], b->root_id, sizeof(b->root_id));
}

/* ---- printing, for show ---------------------------------------------------- */

/* " forward_delay 1500": the setting by add's keyword, the number in ip's
 * unit under it, as link show -d and ip -d print it (the times in hundredths
 * of a second, not the seconds add and set take), ip -j's key in JSON. */
static void print_setting(struct out *o, const struct br_setting *b, uint32_t v)
{
	const struct arg *a = &add_args[b->arg];
	const struct br_attr *attr = &kind_attrs[b->row];

	out_str(o, OUT_TEXT, NULL, " %s", a->kw);
	if (a->kind == ARG_ONOFF)
		out_str(o, OUT_TEXT, NULL, " %s", onoff_words[v != 0]);
	else
		out_uint(o, OUT_TEXT, NULL, " %u", v);
	out_uint(o, OUT_JSON, attr->key ? attr->key : kind_args[b->row].kw, "", v);
}

/* " stp off forward_delay 1500 ... vlan_filtering off" */
static void print_settings(struct out *o, const struct br_info *b)
{
	for (size_t i = 0; i < ARRAY_SIZE(br_settings); i++)
		if (b->has[br_settings[i].arg])
			print_setting(o, &br_settings[i], b->val[br_settings[i].arg]);
}

/* " bridge_id 8000.2:42:ac:11:0:2 root_id 8000.2:42:ac:11:0:2" */
static void print_ids(struct out *o, const struct br_info *b)
{
	if (b->bridge_id[0])
		out_str(o, OUT_ANY, "bridge_id", " bridge_id %s", b->bridge_id);
	if (b->root_id[0])
		out_str(o, OUT_ANY, "root_id", " root_id %s", b->root_id);
}

/* ---- the links, from one dump -------------------------------------------- */

static bool is_bridge(const struct br_link *k)
{
	return !strcmp(k->kind, bridge_kind);
}

static void port_parse(const struct link_msg *m, struct br_link *k)
{
	const char *slave = nl_attr_str(m->info[IFLA_INFO_SLAVE_KIND]);
	const struct nlattr *tb[IFLA_BRPORT_MAX + 1];
	uint32_t state;

	if (!slave || strcmp(slave, bridge_kind))
		return;
	k->port = true;
	nl_parse_nested(m->info[IFLA_INFO_SLAVE_DATA], tb, IFLA_BRPORT_MAX);
	if (attr_uint(tb[IFLA_BRPORT_STATE], 1, &state))
		k->state = (uint8_t)state;
}

static int collect_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct br_links *l = data;
	struct br_link *k;
	uint32_t master = 0;

	(void)c;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		k = realloc(l->v, cap * sizeof(*k));
		if (!k)
			return -ENOMEM;
		l->v = k;
		l->cap = cap;
	}
	k = &l->v[l->n++];
	memset(k, 0, sizeof(*k));
	k->index = m->ifi->ifi_index;
	snprintf(k->name, sizeof(k->name), "%s", m->name);
	snprintf(k->kind, sizeof(k->kind), "%s", m->kind ? m->kind : "");
	attr_uint(m->tb[IFLA_MASTER], 4, &master);
	k->master = (int)master;
	if (is_bridge(k))
		br_info_parse(m->info[IFLA_INFO_DATA], &k->br);
	port_parse(m, k);
	return 0;
}

/* Every link (one dump), or only the one named (one GET). */
int br_links_load(struct ctx *c, const char *name, struct br_links *l)
{
	return link_walk(c, name, collect_cb, l);
}

const struct br_link *br_link_by_name(const struct br_links *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	return NULL;
}

const struct br_link *br_link_by_index(const struct br_links *l, int index)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].index == index)
			return &l->v[i];
	return NULL;
}

/* The bridge called name, or why there is none (the name is the command's
 * subject already); hint (may be NULL) says what to do with a device of
 * another kind. */
int br_need_bridge(struct ctx *c, const struct br_links *l, const char *name, const char *hint,
		   const struct br_link **out)
{
	const struct br_link *k = br_link_by_name(l, name);

	if (!k)
		return err_nodev(c, name);
	if (!is_bridge(k) && !k->kind[0])
		return err_fail(c, "not a bridge%s%s%s", hint ? " (" : "", hint ? hint : "",
				hint ? ")" : "");
	if (!is_bridge(k))
		return err_fail(c, "not a bridge (it is a %s%s%s)", k->kind, hint ? "; " : "",
				hint ? hint : "");
	*out = k;
	return 0;
}
/* ---- bridge show ---------------------------------------------------------- */

static bool port_of(const struct br_link *k, const struct br_link *br)
{
	return k->port && k->master == br->index;
}

/* "    port p0 state forwarding" a line each; only the names with -br. */
static void print_ports(struct out *o, const struct br_links *l, const struct br_link *br,
			bool brief)
{
	out_list_open(o, "ports");
	for (size_t i = 0; i < l->n; i++) {
		const struct br_link *k = &l->v[i];
		if (!port_of(k, br))
			continue;
		out_obj_open(o, NULL);
		out_str(o, OUT_TEXT, NULL, "%s", brief ? " " : "    port ");
		out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s", k->name);
		out_str(o, brief ? OUT_JSON : OUT_ANY, "state", " state %s",
			br_port_state_word(k->state));
		if (!brief)
			out_nl(o);
		out_obj_close(o);
	}
	out_list_close(o);
}

/*
 * br0: bridge_id 8000.2:42:ac:11:0:2 root_id 8000.2:42:ac:11:0:2
 *     stp off forward_delay 1500 hello_time 200 max_age 2000 ageing_time 30000 ...
 *     port p0 state forwarding
 */
static void print_full(struct ctx *c, const struct br_links *l, const struct br_link *br)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_uint(o, OUT_JSON, "ifindex", "", (unsigned)br->index);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s:", br->name);
	print_ids(o, &br->br);
	out_nl(o);
	out_text(o, "   ");
	print_settings(o, &br->br);
	out_nl(o);
	print_ports(o, l, br, false);
	out_obj_close(o);
}

/* `br0              8000.2:42:ac:11:0:2    stp off p0 p1` */
static void print_brief(struct ctx *c, const struct br_links *l, const struct br_link *br)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%-16s", br->name);
	out_str(o, OUT_ANY, "bridge_id", " %-22s", br->br.bridge_id);
	if (br->br.has[A_STP])
		print_setting(o, &br_settings[0], br->br.val[A_STP]);
	print_ports(o, l, br, true);
	out_nl(o);
	out_obj_close(o);
}

int bridge_show(struct ctx *c, const struct val *v)
{
	struct br_links l = {0};
	const struct br_link *only = NULL;
	int rc = br_links_load(c, NULL, &l);

	if (rc == 0 && v[A_NAME].set)
		rc = br_need_bridge(c, &l, v[A_NAME].str, NULL, &only);
	if (rc == 0) {
		out_list_open(c->out, NULL);
		for (size_t i = 0; i < l.n; i++) {
			const struct br_link *k = &l.v[i];
			if (!is_bridge(k) || (only && k != only))
				continue;
			if (ctx_brief(c))
				print_brief(c, &l, k);
			else
				print_full(c, &l, k);
		}
		out_list_close(c->out);
	}
	free(l.v);
	return rc;
}
