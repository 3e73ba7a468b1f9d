// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `KIND del` and `KIND show` for every kind the core makes an object of:
 * "delete or show the devices of kind K", written once.  show lists the
 * devices of one kind from one link dump, each on one line worded as add
 * takes it, with the kind's own printer (the one `link show -d` calls too).
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kind.h"
#include "nl.h"
#include "out.h"

static bool of_kind(const struct link_msg *m, const struct link_kind *k)
{
	return m->kind && !strcmp(m->kind, k->kind);
}

int kind_check(struct ctx *c, const char *kind, const struct link_msg *m, const char *hint)
{
	const char *sep = hint ? "; " : "";

	if (m->kind && !strcmp(m->kind, kind))
		return 0;
	if (!m->kind)
		return err_fail(c, "not %s %s device%s%s%s", kind_article(kind), kind,
				hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
	return err_fail(c, "not %s %s device (it is %s %s%s%s)", kind_article(kind), kind,
			kind_article(m->kind), m->kind, sep, hint ? hint : "");
}

/* ---- del ----------------------------------------------------------------- */

struct kind_dev {
	const struct link_kind *k;
	int index;
};

static int del_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct kind_dev *d = data;
	int rc = kind_check(c, d->k->kind, m, "use link del");

	if (rc == 0)
		d->index = m->ifi->ifi_index;
	return rc;
}

/* By index, so what goes is the device just checked to be of the kind. */
int kind_del(struct ctx *c, const struct link_kind *k, const char *name)
{
	struct kind_dev d = {.k = k};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	int rc = link_walk(c, name, del_cb, &d);

	if (rc < 0)
		return rc;
	nlh = nl_msg(buf, RTM_DELLINK, 0);
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

static void print_state(struct out *o, const struct link_msg *m, const char *fmt)
{
	const struct nlattr *a = m->tb[IFLA_OPERSTATE];
	uint8_t state =
	    a && mnl_attr_get_payload_len(a) >= 1 ? mnl_attr_get_u8(a) : IF_OPER_UNKNOWN;
	enum out_color col = COL_NONE;
	char num[8];

	if (state == IF_OPER_UP)
		col = COL_UP;
	else if (state == IF_OPER_DOWN)
		col = COL_DOWN;
	out_strc(o, OUT_ANY, col, "operstate", fmt, link_operstate_name(state, num, sizeof(num)));
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

	nl_attr_u32(m->tb[IFLA_LINK], &index);
	if (index && !m->tb[IFLA_LINK_NETNSID])
		known = link_name(c, (int)index, name, sizeof(name)) != NULL;
	if (!known)
		snprintf(name, sizeof(name), "if%u", index);
	if (!brief)
		out_str(o, OUT_TEXT, NULL, " %s", link_add_args[LA_LINK].kw);
	out_strc(o, OUT_TEXT, COL_IFNAME, NULL, fmt, name);
	if (known) {
		out_str(o, OUT_JSON, "link", "", name);
		return;
	}
	out_null(o, "link");
	if (index)
		out_uint(o, OUT_JSON, "link_index", "", index);
	if (nl_attr_u32(m->tb[IFLA_LINK_NETNSID], &nsid))
		out_int(o, OUT_JSON, "link_netnsid", "", (int32_t)nsid);
}

static void print_address(struct out *o, const struct link_msg *m)
{
	const struct nlattr *a = m->tb[IFLA_ADDRESS];
	char mac[3 * 32];

	if (!a)
		return;
	format_mac(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), mac, sizeof(mac));
	out_str(o, OUT_TEXT, NULL, " %s ", link_add_args[LA_ADDRESS].kw);
	out_strc(o, OUT_ANY, COL_MAC, "address", "%s", mac);
}

/* `mv0 state DOWN link l0 mode bridge address 02:00:00:00:00:01`: the
 * details worded as add takes them, so a line reads back as the command. */
static void print_full(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_uint(o, OUT_JSON, "ifindex", "", (unsigned)m->ifi->ifi_index);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s", m->name);
	print_state(o, m, " state %s");
	if (k->lower)
		print_lower(c, m, false);
	link_kind_show(c, k, m);
	if (k->extra)
		k->extra(c, m, false);
	print_address(o, m);
	out_nl(o);
	out_obj_close(o);
}

/* `mt0              DOWN           l0               bridge /dev/tap7` */
static void print_brief(struct ctx *c, const struct link_kind *k, const struct link_msg *m)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%-16s", m->name);
	print_state(o, m, " %-14s");
	if (k->lower)
		print_lower(c, m, true);
	link_kind_brief(c, k, m);
	if (k->extra)
		k->extra(c, m, true);
	out_nl(o);
	out_obj_close(o);
}

struct kind_show {
	const struct link_kind *k;
	const char *name;
	bool listed; /* the JSON list is open */
};

/* The list opens with the first device, so a failed lookup prints only the
 * error.  The dump is read whole before this runs: nothing after the first
 * line printed can fail. */
static int show_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct kind_show *s = data;

	if (!of_kind(m, s->k))
		return s->name ? kind_check(c, s->k->kind, m, NULL) : 0;
	if (!s->listed)
		out_list_open(c->out, NULL);
	s->listed = true;
	if (ctx_brief(c))
		print_brief(c, s->k, m);
	else
		print_full(c, s->k, m);
	return 0;
}

int kind_show(struct ctx *c, const struct link_kind *k, const char *name)
{
	struct kind_show s = {.k = k, .name = name};
	int rc = link_walk(c, name, show_cb, &s);

	if (rc == 0 && !s.listed)
		out_list_open(c->out, NULL);
	if (rc == 0 || s.listed)
		out_list_close(c->out);
	return rc;
}
