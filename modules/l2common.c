// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The plumbing macvlan, macvtap, ipvlan, vlan, vxlan and geneve share (see
 * l2common.h): the RTM_NEWLINK that makes a device on a lower one, the
 * delete that first checks the kind, and show, which lists the devices of
 * one kind from one link dump and prints each with the kind's own printer,
 * the one `vnetctl -d link show` calls too.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/if.h>
#include <linux/if_ether.h>
#include <errno.h>
#include <string.h>

#include "l2common.h"
#include "out.h"

const char l2_name_word[] = "name";
const char l2_link_word[] = "link";
const char l2_dev_word[] = "dev";
const char l2_address_word[] = "address";

/* ---- add ----------------------------------------------------------------- */

int l2_msg_start(struct ctx *c, struct l2_msg *msg, const char *name, const char *lower)
{
	struct ifinfomsg *ifi;
	int index = 0;

	/* A query: it goes even in dry run, so the request shows the index. */
	if (lower && (index = link_index(c, lower)) < 0)
		return index;
	msg->nlh = nl_msg(msg->buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	ifi = mnl_nlmsg_put_extra_header(msg->nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(msg->nlh, IFLA_IFNAME, name);
	if (index > 0)
		mnl_attr_put_u32(msg->nlh, IFLA_LINK, (uint32_t)index);
	return 0;
}

void l2_data_start(struct l2_msg *msg, const char *kind)
{
	msg->info = mnl_attr_nest_start(msg->nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(msg->nlh, IFLA_INFO_KIND, kind);
	msg->data = mnl_attr_nest_start(msg->nlh, IFLA_INFO_DATA);
}

/* The kernel answers a taken name with a bare EEXIST, and some kinds a
 * taken id too (a VLAN id on its lower device): say which when we can. */
int l2_msg_send(struct ctx *c, struct l2_msg *msg, const char *kind, const char *name)
{
	int rc;

	mnl_attr_nest_end(msg->nlh, msg->data);
	mnl_attr_nest_end(msg->nlh, msg->info);
	rc = link_create(c, msg->nlh, kind);
	if (rc == -EEXIST && !c->reason[0] && if_nametoindex(name))
		return err_errno(c, EEXIST, "a device named %s exists already", name);
	return rc;
}

int l2_check_mac(struct ctx *c, const char *kw, const struct val *v)
{
	static const uint8_t zero[ETH_ALEN];

	if (v->set && ((v->mac[0] & 1) || !memcmp(v->mac, zero, ETH_ALEN)))
		return err_usage(c, "%s %s is not a usable device address (multicast or zero)", kw,
				 v->str);
	return 0;
}

/* ---- the kind of a device ------------------------------------------------ */

static bool of_kind(const struct link_msg *m, const struct l2_kind *k)
{
	return m->kind && !strcmp(m->kind, k->link->kind);
}

/* "an ipvlan", "a vxlan": the kinds are read as words. */
static const char *article(const char *word)
{
	return word[0] && strchr("aeiou", word[0]) ? "an" : "a";
}

/* A device looked up by name is of another kind; hint (may be NULL) says
 * what to do with it. */
static int other_kind(struct ctx *c, const struct link_msg *m, const struct l2_kind *k,
		      const char *hint)
{
	const char *kind = k->link->kind;
	const char *sep = hint ? "; " : "";

	if (!m->kind)
		return err_fail(c, "not %s %s device%s%s%s", article(kind), kind, hint ? " (" : "",
				hint ? hint : "", hint ? ")" : "");
	return err_fail(c, "not %s %s device (it is %s %s%s%s)", article(kind), kind,
			article(m->kind), m->kind, sep, hint ? hint : "");
}

/* ---- del ----------------------------------------------------------------- */

struct l2_del {
	const struct l2_kind *k;
	int index;
};

static int del_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct l2_del *d = data;

	if (!of_kind(m, d->k))
		return other_kind(c, m, d->k, "use link del");
	d->index = m->ifi->ifi_index;
	return 0;
}

/* By index, so what goes is the device just checked to be of the kind. */
int l2_del(struct ctx *c, const struct l2_kind *k, const char *name)
{
	struct l2_del d = {.k = k};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_DELLINK, 0);
	struct ifinfomsg *ifi;
	int rc = link_walk(c, name, del_cb, &d);

	if (rc < 0)
		return rc;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = d.index;
	rc = nl_request(c, nlh, NULL, NULL);
	/* gone between the lookup and the request */
	if (rc == -ENODEV && !c->reason[0])
		return err_nodev(c, name);
	return rc;
}

/* ---- show ---------------------------------------------------------------- */

bool l2_attr_u8(const struct nlattr *a, uint8_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < sizeof(*v))
		return false;
	*v = mnl_attr_get_u8(a);
	return true;
}

bool l2_attr_u16(const struct nlattr *a, uint16_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < sizeof(*v))
		return false;
	*v = mnl_attr_get_u16(a);
	return true;
}

bool l2_attr_u32(const struct nlattr *a, uint32_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < sizeof(*v))
		return false;
	*v = mnl_attr_get_u32(a);
	return true;
}

static void print_state(struct out *o, const struct link_msg *m, const char *fmt)
{
	uint8_t state = IF_OPER_UNKNOWN;
	enum out_color col = COL_NONE;
	char num[8];
	const char *word = num;

	l2_attr_u8(m->tb[IFLA_OPERSTATE], &state);
	word = link_operstate_name(state, num, sizeof(num));
	if (state == IF_OPER_UP)
		col = COL_UP;
	else if (state == IF_OPER_DOWN)
		col = COL_DOWN;
	out_strc(o, OUT_ANY, col, "state", fmt, word);
}

/*
 * " link l0" (fmt " %-16s" in -br: the value alone).  A lower device in
 * another namespace (the device was moved, its lower stayed) has an index
 * that means nothing here: "if3", with the index and the namespace's id in
 * JSON; "link" is null then, as when the lower is gone.
 */
static void print_lower(struct ctx *c, const struct link_msg *m, bool brief)
{
	struct out *o = c->out;
	const char *fmt = brief ? " %-16s" : " %s";
	char name[IFNAMSIZ + 16];
	uint32_t index = 0, nsid;
	bool known = false;

	l2_attr_u32(m->tb[IFLA_LINK], &index);
	if (index && !m->tb[IFLA_LINK_NETNSID])
		known = link_name(c, (int)index, name, sizeof(name)) != NULL;
	if (!known)
		snprintf(name, sizeof(name), "if%u", index);
	if (!brief)
		out_str(o, OUT_TEXT, NULL, " %s", l2_link_word);
	out_strc(o, OUT_TEXT, COL_IFNAME, NULL, fmt, name);
	if (known) {
		out_str(o, OUT_JSON, "link", "", name);
		return;
	}
	out_null(o, "link");
	if (index)
		out_uint(o, OUT_JSON, "link_index", "", index);
	if (l2_attr_u32(m->tb[IFLA_LINK_NETNSID], &nsid))
		out_int(o, OUT_JSON, "link_netnsid", "", (int32_t)nsid);
}

static void print_address(struct out *o, const struct link_msg *m)
{
	const struct nlattr *a = m->tb[IFLA_ADDRESS];
	char mac[3 * 32];

	if (!a)
		return;
	format_mac(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), mac, sizeof(mac));
	out_str(o, OUT_TEXT, NULL, " %s ", l2_address_word);
	out_strc(o, OUT_ANY, COL_MAC, "address", "%s", mac);
}

/* `mv0 state DOWN link l0 mode bridge address 02:00:00:00:00:01`: the
 * details worded as add takes them, so a line reads back as the command. */
static void print_full(struct ctx *c, const struct l2_kind *k, const struct link_msg *m)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_uint(o, OUT_JSON, "ifindex", "", (unsigned)m->ifi->ifi_index);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s", m->name);
	print_state(o, m, " state %s");
	if (k->has_lower)
		print_lower(c, m, false);
	k->link->print(c, m->info[IFLA_INFO_DATA]);
	if (k->extra)
		k->extra(c, m, false);
	print_address(o, m);
	out_nl(o);
	out_obj_close(o);
}

/* `mt0              DOWN           l0               bridge /dev/tap7` */
static void print_brief(struct ctx *c, const struct l2_kind *k, const struct link_msg *m)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%-16s", m->name);
	print_state(o, m, " %-14s");
	if (k->has_lower)
		print_lower(c, m, true);
	k->brief(c, m->info[IFLA_INFO_DATA]);
	if (k->extra)
		k->extra(c, m, true);
	out_nl(o);
	out_obj_close(o);
}

struct l2_show {
	const struct l2_kind *k;
	const char *name;
	bool listed; /* the JSON list is open */
};

/* The list opens with the first device, so a failed lookup prints only the
 * error.  The dump is read whole before this runs: nothing after the first
 * line printed can fail. */
static int show_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct l2_show *s = data;

	if (!of_kind(m, s->k))
		return s->name ? other_kind(c, m, s->k, NULL) : 0;
	if (!s->listed)
		out_list_open(c->out, NULL);
	s->listed = true;
	if (ctx_brief(c))
		print_brief(c, s->k, m);
	else
		print_full(c, s->k, m);
	return 0;
}

int l2_show(struct ctx *c, const struct l2_kind *k, const char *name)
{
	struct l2_show s = {.k = k, .name = name};
	int rc = link_walk(c, name, show_cb, &s);

	if (rc == 0 && !s.listed)
		out_list_open(c->out, NULL);
	if (rc == 0 || s.listed)
		out_list_close(c->out);
	return rc;
}

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
