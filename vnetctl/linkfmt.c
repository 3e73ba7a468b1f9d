/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Links as `ip link show` prints them, the walk that finds them, and the
 * registry of per-kind detail printers.
 *
 * A kind printer (struct link_kind) prints IFLA_INFO_DATA with out_* calls
 * whose text formats start with a space (" type %s"); the "    KIND" before
 * them and the newline after are printed here, inside the JSON object
 * "linkinfo": { "info_kind": ..., "info_data": { ...the printer's keys... } }.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <net/if_arp.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "netnsutil.h"
#include "nl.h"
#include "out.h"

#ifndef ARPHRD_IP6GRE /* in linux/if_arp.h, which clashes with glibc's */
#define ARPHRD_IP6GRE 823
#endif

/* ---- parsing ------------------------------------------------------------- */

/* RTM_DELLINK carries the same payload, so a monitor can print it too. */
int link_msg_parse(const struct nlmsghdr *nlh, struct link_msg *m)
{
	memset(m, 0, sizeof(*m));
	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return -EINVAL;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct ifinfomsg))
		return -EBADMSG;
	m->ifi = mnl_nlmsg_get_payload(nlh);
	nl_parse(nlh, sizeof(struct ifinfomsg), m->tb, IFLA_MAX);
	m->name = nl_attr_str(m->tb[IFLA_IFNAME]);
	if (!m->name)
		return -EBADMSG;
	if (m->tb[IFLA_LINKINFO]) {
		nl_parse_nested(m->tb[IFLA_LINKINFO], m->info, IFLA_INFO_MAX);
		m->kind = nl_attr_str(m->info[IFLA_INFO_KIND]);
	}
	return 0;
}

/* ---- index -> name, for master and peer ---------------------------------- */

/* What printing one device needs of another (its master, its peer): the
 * name, and whether it is up.  During a dump walk this comes from the dump
 * itself, so printing N devices costs no extra request; outside one, a GET
 * asks the kernel. */
struct link_ref {
	int index;
	unsigned flags;
	char name[IFNAMSIZ];
};

/*
 * The walk of a whole dump (ctx->names while it runs).  Each device is
 * printed as it arrives; its name is kept (24 bytes a device, not the
 * message), so a later device can name it.  A device that names one still
 * to come (a veth's peer, a master made after its ports) reads the dump
 * ahead until that one comes: the messages read ahead wait, copied, and are
 * printed in their turn, so the order is the dump's.
 */
struct walk {
	struct ctx *c;
	struct nl_stream *s;
	int err;  /* of reading ahead: the walk ends with it */
	bool end; /* the dump is read to its end */
	/* the names: an array in arrival order, and an open-addressed table
	 * of positions (0 empty, else position + 1) by index, at most 3/4
	 * full */
	struct link_ref *v;
	size_t n, cap;
	uint32_t *slot;
	size_t nslot;
	/* messages read ahead, in dump order, from head */
	struct nlmsghdr **q;
	size_t qhead, qn, qcap;
};
struct link_refs {
	struct walk *w;
};

static size_t slot_of(const struct walk *w, int index)
{
	/* indexes come nearly consecutive: the index itself spreads them */
	return (size_t)(unsigned)index & (w->nslot - 1);
}

static const struct link_ref *refs_find(const struct walk *w, int index)
{
	if (!w->nslot)
		return NULL;
	for (size_t i = slot_of(w, index);; i = (i + 1) & (w->nslot - 1)) {
		uint32_t pos = w->slot[i];
		if (!pos)
			return NULL;
		if (w->v[pos - 1].index == index)
			return &w->v[pos - 1];
	}
}

static void refs_place(struct walk *w, size_t pos)
{
	size_t i = slot_of(w, w->v[pos].index);

	while (w->slot[i])
		i = (i + 1) & (w->nslot - 1);
	w->slot[i] = (uint32_t)pos + 1;
}

static int refs_add(struct walk *w, int index, unsigned flags, const char *name)
{
	if (refs_find(w, index))
		return 0; /* the kernel gives each device once; be safe anyway */
	/* grown by half, and the table filled to 3/4: what a dump of
	 * thousands of devices keeps stays near what a few need */
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap + w->cap / 2 : 256;
		struct link_ref *v = realloc(w->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		w->v = v;
		w->cap = cap;
	}
	if (4 * (w->n + 1) > 3 * w->nslot) {
		size_t nslot = w->nslot ? 2 * w->nslot : 512;
		uint32_t *slot = calloc(nslot, sizeof(*slot));
		if (!slot)
			return -ENOMEM;
		free(w->slot);
		w->slot = slot;
		w->nslot = nslot;
		for (size_t i = 0; i < w->n; i++)
			refs_place(w, i);
	}
	w->v[w->n] = (struct link_ref){.index = index, .flags = flags};
	snprintf(w->v[w->n].name, sizeof(w->v[w->n].name), "%s", name);
	refs_place(w, w->n++);
	return 0;
}

static int walk_queue(struct walk *w, const struct nlmsghdr *r)
{
	if (w->qhead + w->qn == w->qcap) {
		if (w->qhead) { /* room at the front: move the waiting ones there */
			memmove(w->q, w->q + w->qhead, w->qn * sizeof(*w->q));
			w->qhead = 0;
		} else {
			size_t cap = w->qcap ? 2 * w->qcap : 16;
			struct nlmsghdr **q = realloc(w->q, cap * sizeof(*q));
			if (!q)
				return -ENOMEM;
			w->q = q;
			w->qcap = cap;
		}
	}
	if (!(w->q[w->qhead + w->qn] = nl_msg_dup(r)))
		return -ENOMEM;
	w->qn++;
	return 0;
}

/* Read the dump ahead until index comes or the dump ends. */
static const struct link_ref *walk_find(struct walk *w, int index)
{
	const struct link_ref *ref = refs_find(w, index);
	const struct nlmsghdr *r;
	struct link_msg m;
	int rc;

	while (!ref && !w->end && !w->err) {
		rc = nl_stream_next(w->s, &r);
		if (rc <= 0) {
			w->end = true;
			w->err = rc;
			break;
		}
		if (link_msg_parse(r, &m) < 0)
			continue;
		if ((rc = walk_queue(w, r)) < 0 ||
		    (rc = refs_add(w, m.ifi->ifi_index, m.ifi->ifi_flags, m.name)) < 0) {
			w->err = rc;
			break;
		}
		if (m.ifi->ifi_index == index)
			ref = refs_find(w, index);
	}
	return ref;
}

static struct nlmsghdr *getlink_msg(void *buf, int ifindex, const char *name, uint32_t ext_mask)
{
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	if (name)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, ext_mask);
	return nlh;
}

struct ref_req {
	char *buf;
	size_t bufsz;
	unsigned flags;
	bool found;
};

static int ref_req_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ref_req *r = data;
	struct link_msg m;

	if (link_msg_parse(nlh, &m) == 0) {
		snprintf(r->buf, r->bufsz, "%s", m.name);
		r->flags = m.ifi->ifi_flags;
		r->found = true;
	}
	return MNL_CB_OK;
}

static bool link_ask(struct ctx *c, int ifindex, char *buf, size_t bufsz, unsigned *flags)
{
	char msg[NL_BUFSZ], reason[sizeof(c->reason)];
	struct ref_req r = {.buf = buf, .bufsz = bufsz};

	/* A name is a nicety: failing to get one must not leave a reason
	 * behind that a later, unrelated error would print. */
	memcpy(reason, c->reason, sizeof(reason));
	nl_request(c, getlink_msg(msg, ifindex, NULL, RTEXT_FILTER_SKIP_STATS), ref_req_cb, &r);
	memcpy(c->reason, reason, sizeof(reason));
	*flags = r.flags;
	return r.found;
}

/* From the walk's names when a whole dump is being walked (a device not in
 * it is not in this namespace), else from the kernel. */
const char *link_name(struct ctx *c, int ifindex, char *buf, size_t bufsz)
{
	const struct link_ref *r = c->names ? walk_find(c->names->w, ifindex) : NULL;
	unsigned flags;

	if (r) {
		snprintf(buf, bufsz, "%s", r->name);
		return buf;
	}
	if (c->names)
		return NULL;
	return link_ask(c, ifindex, buf, bufsz, &flags) ? buf : NULL;
}

/* The name of ifindex in buf ("ifN" when it cannot be known) and its flags;
 * false when unknown. */
static bool index_ref(struct ctx *c, int ifindex, char *buf, size_t bufsz, unsigned *flags)
{
	const struct link_ref *r = c->names ? walk_find(c->names->w, ifindex) : NULL;

	if (r) {
		snprintf(buf, bufsz, "%s", r->name);
		*flags = r->flags;
		return true;
	}
	if (!c->names && link_ask(c, ifindex, buf, bufsz, flags))
		return true;
	snprintf(buf, bufsz, "if%d", ifindex);
	return false;
}

/* ---- printing ------------------------------------------------------------ */

static const struct {
	unsigned flag;
	const char *name;
} iff_names[] = {
    /* iproute2's order, which readers of `ip link` know. */
    {IFF_LOOPBACK, "LOOPBACK"},	  {IFF_BROADCAST, "BROADCAST"},	  {IFF_POINTOPOINT, "POINTOPOINT"},
    {IFF_MULTICAST, "MULTICAST"}, {IFF_NOARP, "NOARP"},		  {IFF_ALLMULTI, "ALLMULTI"},
    {IFF_PROMISC, "PROMISC"},	  {IFF_MASTER, "MASTER"},	  {IFF_SLAVE, "SLAVE"},
    {IFF_DEBUG, "DEBUG"},	  {IFF_DYNAMIC, "DYNAMIC"},	  {IFF_AUTOMEDIA, "AUTOMEDIA"},
    {IFF_PORTSEL, "PORTSEL"},	  {IFF_NOTRAILERS, "NOTRAILERS"}, {IFF_UP, "UP"},
    {IFF_LOWER_UP, "LOWER_UP"},	  {IFF_DORMANT, "DORMANT"},	  {IFF_ECHO, "ECHO"},
};

static const char *const operstates[] = {
    [IF_OPER_UNKNOWN] = "UNKNOWN", [IF_OPER_NOTPRESENT] = "NOTPRESENT",
    [IF_OPER_DOWN] = "DOWN",	   [IF_OPER_LOWERLAYERDOWN] = "LOWERLAYERDOWN",
    [IF_OPER_TESTING] = "TESTING", [IF_OPER_DORMANT] = "DORMANT",
    [IF_OPER_UP] = "UP",
};

const char *link_operstate_name(uint8_t state, char *buf, size_t sz)
{
	if (state < ARRAY_SIZE(operstates) && operstates[state])
		return operstates[state];
	snprintf(buf, sz, "%#x", state);
	return buf;
}

static const char *const linkmodes[] = {"DEFAULT", "DORMANT", "TESTING"};

static const struct {
	unsigned short type;
	const char *name;
} arphrd_names[] = {
    {ARPHRD_ETHER, "ether"},
    {ARPHRD_LOOPBACK, "loopback"},
    {ARPHRD_NONE, "none"},
    {ARPHRD_VOID, "void"},
    {ARPHRD_TUNNEL, "ipip"},
    {ARPHRD_TUNNEL6, "tunnel6"},
    {ARPHRD_SIT, "sit"},
    {ARPHRD_IPGRE, "gre"},
    {ARPHRD_IP6GRE, "gre6"},
    {ARPHRD_PPP, "ppp"},
    {ARPHRD_INFINIBAND, "infiniband"},
    {ARPHRD_IEEE80211, "ieee802.11"},
    {ARPHRD_CAN, "can"},
};

/* Details for -d, all plain numbers: JSON key, then ip's text.  ip prints
 * the first on the link-layer line, the rest after the kind's lines. */
struct detail {
	int attr;
	const char *key;
	const char *fmt;
};
static const struct detail detail_head[] = {
    {IFLA_PROMISCUITY, "promiscuity", " promiscuity %u"},
    {IFLA_ALLMULTI, "allmulti", " allmulti %u"},
    {IFLA_MIN_MTU, "min_mtu", " minmtu %u"},
    {IFLA_MAX_MTU, "max_mtu", " maxmtu %u"},
};
static const struct detail detail_tail[] = {
    {IFLA_NUM_TX_QUEUES, "num_tx_queues", " numtxqueues %u"},
    {IFLA_NUM_RX_QUEUES, "num_rx_queues", " numrxqueues %u"},
    {IFLA_GSO_MAX_SIZE, "gso_max_size", " gso_max_size %u"},
    {IFLA_GSO_MAX_SEGS, "gso_max_segs", " gso_max_segs %u"},
    {IFLA_TSO_MAX_SIZE, "tso_max_size", " tso_max_size %u"},
    {IFLA_TSO_MAX_SEGS, "tso_max_segs", " tso_max_segs %u"},
    {IFLA_GRO_MAX_SIZE, "gro_max_size", " gro_max_size %u"},
};

/* IN6_ADDR_GEN_MODE_*, as ip names them ("addrgenmode" in text). */
static const char *const addrgenmodes[] = {"eui64", "none", "stable_secret", "random"};

/* A value after a text-only label: colour marks the value, not the words. */
static void print_labelled(struct out *o, const char *label, enum out_color col, const char *key,
			   const char *fmt, const char *s)
{
	out_str(o, OUT_TEXT, NULL, "%s", label);
	out_strc(o, OUT_ANY, col, key, fmt, s);
}

static void print_flag(struct out *o, const char *name, bool *first)
{
	out_str(o, OUT_ANY, NULL, *first ? "%s" : ",%s", name);
	*first = false;
}

/* mdown: the device's peer or lower device is down (ip's M-DOWN). */
static void print_flags(struct out *o, unsigned flags, bool mdown)
{
	bool first = true;
	char rest[16];

	out_str(o, OUT_TEXT, NULL, "%s", "<");
	out_list_open(o, "flags");
	/* Up without a carrier is the state people look for first. */
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		print_flag(o, "NO-CARRIER", &first);
	flags &= ~IFF_RUNNING;
	for (size_t i = 0; i < ARRAY_SIZE(iff_names); i++) {
		if (flags & iff_names[i].flag) {
			print_flag(o, iff_names[i].name, &first);
			flags &= ~iff_names[i].flag;
		}
	}
	if (flags) {
		snprintf(rest, sizeof(rest), "%x", flags);
		print_flag(o, rest, &first);
	}
	if (mdown)
		print_flag(o, "M-DOWN", &first);
	out_list_close(o);
	out_str(o, OUT_TEXT, NULL, "%s", ">");
}

/* The name, with "@peer" in text for devices that have a lower or peer
 * device (veth, macvlan, vxlan...); JSON keeps them apart as "link".
 * Returns true when that device is known to be down. */
static bool print_name(struct ctx *c, const struct link_msg *m, const char *textfmt)
{
	struct out *o = c->out;
	char peer[IFNAMSIZ + 16], full[2 * sizeof(peer)];
	unsigned peer_flags = IFF_UP;
	uint32_t link;

	full[0] = '\0';
	if (nl_attr_u32(m->tb[IFLA_LINK], &link)) {
		if (link == 0) {
			snprintf(full, sizeof(full), "%s@NONE", m->name);
			if (out_is_json(o))
				out_null(o, "link");
		} else if (m->tb[IFLA_LINK_NETNSID]) {
			/* The peer's index is in another namespace's space. */
			snprintf(full, sizeof(full), "%s@if%u", m->name, link);
			out_uint(o, OUT_JSON, "link_index", "%u", link);
		} else {
			index_ref(c, (int)link, peer, sizeof(peer), &peer_flags);
			snprintf(full, sizeof(full), "%s@%s", m->name, peer);
			out_str(o, OUT_JSON, "link", "%s", peer);
		}
	}
	out_strc(o, OUT_JSON, COL_IFNAME, "ifname", "%s", m->name);
	out_strc(o, OUT_TEXT, COL_IFNAME, NULL, textfmt, full[0] ? full : m->name);
	return !(peer_flags & IFF_UP);
}

static void print_operstate(struct out *o, const struct link_msg *m, const char *label,
			    const char *fmt)
{
	uint8_t state;
	char num[8];
	const char *name = num;
	enum out_color col = COL_NONE;

	if (!nl_attr_u8(m->tb[IFLA_OPERSTATE], &state))
		return;
	name = link_operstate_name(state, num, sizeof(num));
	if (state == IF_OPER_UP)
		col = COL_UP;
	else if (state == IF_OPER_DOWN)
		col = COL_DOWN;
	print_labelled(o, label, col, "operstate", fmt, name);
}

static void print_linkmode(struct out *o, const struct link_msg *m)
{
	uint8_t mode;
	char num[8];
	const char *name = num;

	if (!nl_attr_u8(m->tb[IFLA_LINKMODE], &mode))
		return;
	if (mode < ARRAY_SIZE(linkmodes))
		name = linkmodes[mode];
	else
		snprintf(num, sizeof(num), "%#x", mode);
	out_str(o, OUT_ANY, "linkmode", " mode %s", name);
}

static void print_group(struct out *o, const struct link_msg *m)
{
	uint32_t group;
	char num[12];

	if (!nl_attr_u32(m->tb[IFLA_GROUP], &group))
		return;
	/* ip names group 0 "default", and JSON consumers expect a string. */
	if (group)
		snprintf(num, sizeof(num), "%u", group);
	out_str(o, OUT_ANY, "group", " group %s", group ? num : "default");
}

/* `3: a@b: <FLAGS> mtu 1500 qdisc noqueue master br0 state UP ... qlen 1000` */
static void print_header(struct ctx *c, const struct link_msg *m)
{
	struct out *o = c->out;
	const char *qdisc = nl_attr_str(m->tb[IFLA_QDISC]);
	char buf[IFNAMSIZ + 16];
	unsigned flags;
	bool mdown;
	uint32_t v;

	out_uint(o, OUT_ANY, "ifindex", "%u: ", (uint32_t)m->ifi->ifi_index);
	mdown = print_name(c, m, "%s");
	out_str(o, OUT_TEXT, NULL, "%s", ": ");
	print_flags(o, m->ifi->ifi_flags, mdown);
	if (nl_attr_u32(m->tb[IFLA_MTU], &v))
		out_uint(o, OUT_ANY, "mtu", " mtu %u", v);
	if (qdisc)
		out_str(o, OUT_ANY, "qdisc", " qdisc %s", qdisc);
	if (nl_attr_u32(m->tb[IFLA_MASTER], &v)) {
		index_ref(c, (int)v, buf, sizeof(buf), &flags);
		print_labelled(o, " master ", COL_IFNAME, "master", "%s", buf);
	}
	print_operstate(o, m, " state ", "%s");
	print_linkmode(o, m);
	print_group(o, m);
	if (nl_attr_u32(m->tb[IFLA_TXQLEN], &v))
		out_uint(o, OUT_ANY, "txqlen", " qlen %u", v);
	out_nl(o);
}

static const char *arphrd_name(unsigned short type, char *buf, size_t bufsz)
{
	for (size_t i = 0; i < ARRAY_SIZE(arphrd_names); i++)
		if (arphrd_names[i].type == type)
			return arphrd_names[i].name;
	snprintf(buf, bufsz, "[%u]", type);
	return buf;
}

static void print_hwaddr(struct out *o, const struct nlattr *a, const char *key, const char *label,
			 const char *fmt)
{
	char buf[3 * 32 + 1];

	if (!a)
		return;
	format_mac(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a), buf, sizeof(buf));
	print_labelled(o, label, COL_MAC, key, fmt, buf);
}

static void print_detail_u32(struct out *o, const struct link_msg *m, const struct detail *d,
			     size_t n)
{
	uint32_t v;

	for (size_t i = 0; i < n; i++)
		if (nl_attr_u32(m->tb[d[i].attr], &v))
			out_uint(o, OUT_ANY, d[i].key, d[i].fmt, v);
}

/* IFLA_AF_SPEC's IPv6 part: how the link-local address is made. */
static void print_addrgenmode(struct out *o, const struct link_msg *m)
{
	const struct nlattr *fam, *a;
	char num[8];
	uint8_t mode;

	if (!m->tb[IFLA_AF_SPEC])
		return;
	mnl_attr_for_each_nested(fam, m->tb[IFLA_AF_SPEC])
	{
		if (mnl_attr_get_type(fam) != AF_INET6)
			continue;
		mnl_attr_for_each_nested(a, fam)
		{
			if (mnl_attr_get_type(a) != IFLA_INET6_ADDR_GEN_MODE || !nl_attr_u8(a, &mode))
				continue;
			if (mode >= ARRAY_SIZE(addrgenmodes))
				snprintf(num, sizeof(num), "%#.2x", mode);
			out_str(o, OUT_TEXT, NULL, "%s", " addrgenmode ");
			out_str(o, OUT_ANY, "inet6_addr_gen_mode", "%s",
				mode < ARRAY_SIZE(addrgenmodes) ? addrgenmodes[mode] : num);
		}
	}
}

/* " link-netns NAME" where the peer's namespace has a name here, as ip
 * prints it, else " link-netnsid N"; JSON has the number either way. */
static void print_link_netns(struct ctx *c, const struct link_msg *m)
{
	char reason[sizeof(c->reason)], name[NAME_MAX + 1];
	const char *found;
	uint32_t nsid;

	if (!nl_attr_u32(m->tb[IFLA_LINK_NETNSID], &nsid))
		return;
	out_int(c->out, OUT_JSON, "link_netnsid", "", (int32_t)nsid);
	if (out_is_json(c->out))
		return;
	/* a name is a nicety: failing to find one leaves no reason behind */
	memcpy(reason, c->reason, sizeof(reason));
	found = netns_name_of_nsid(c, (int32_t)nsid, name, sizeof(name));
	memcpy(c->reason, reason, sizeof(reason));
	if (found)
		out_str(c->out, OUT_TEXT, NULL, " link-netns %s", found);
	else
		out_int(c->out, OUT_TEXT, NULL, " link-netnsid %d", (int32_t)nsid);
}

/* `    link/ether 02:...:01 brd ff:ff:ff:ff:ff:ff link-netns blue [details]` */
static void print_link_layer(struct ctx *c, const struct link_msg *m)
{
	struct out *o = c->out;
	char type[16];

	out_str(o, OUT_ANY, "link_type", "    link/%s",
		arphrd_name(m->ifi->ifi_type, type, sizeof(type)));
	print_hwaddr(o, m->tb[IFLA_ADDRESS], "address", " ", "%s");
	if (m->ifi->ifi_flags & IFF_POINTOPOINT) {
		/* On a point-to-point link the "broadcast" is the peer. */
		if (m->tb[IFLA_BROADCAST])
			out_bool(o, OUT_JSON, "link_pointtopoint", "", true);
		print_hwaddr(o, m->tb[IFLA_BROADCAST], "broadcast", " peer ", "%s");
	} else {
		print_hwaddr(o, m->tb[IFLA_BROADCAST], "broadcast", " brd ", "%s");
	}
	print_link_netns(c, m);
	if (ctx_details(c))
		print_detail_u32(o, m, detail_head, ARRAY_SIZE(detail_head));
}

/* `    veth` or `    tun type tun pi off ...`, then `    bridge_slave ...`,
 * each on a line of its own; the last is left open for the details after. */
static void print_linkinfo(struct ctx *c, const struct link_msg *m)
{
	struct out *o = c->out;
	const char *slave = nl_attr_str(m->info[IFLA_INFO_SLAVE_KIND]);
	const struct link_kind *k;

	if (!m->kind && !slave)
		return;
	out_obj_open(o, "linkinfo");
	if (m->kind) {
		out_nl(o);
		out_str(o, OUT_ANY, "info_kind", "    %s", m->kind);
		k = link_kind_find(m->kind);
		if (k && (k->show || k->print)) {
			out_obj_open(o, "info_data");
			if (k->show)
				k->show(c, k, m);
			else
				k->print(c, m->info[IFLA_INFO_DATA]);
			out_obj_close(o);
		}
	}
	if (slave) {
		out_nl(o);
		out_str(o, OUT_ANY, "info_slave_kind", "    %s_slave", slave);
		k = link_kind_find(slave);
		if (k && k->slave_show) {
			out_obj_open(o, "info_slave_data");
			k->slave_show(c, k, m);
			out_obj_close(o);
		}
	}
	out_obj_close(o);
}

/* -d's lines in ip's order: the kind's lines, then the IPv6 address mode,
 * the queues and the offload limits on the last of them (on the link-layer
 * line when the device has no kind). */
static void print_details(struct ctx *c, const struct link_msg *m)
{
	print_linkinfo(c, m);
	print_addrgenmode(c->out, m);
	print_detail_u32(c->out, m, detail_tail, ARRAY_SIZE(detail_tail));
}

void link_print_open(struct ctx *c, const struct link_msg *m)
{
	const char *alias = nl_attr_str(m->tb[IFLA_IFALIAS]);

	out_obj_open(c->out, NULL);
	print_header(c, m);
	print_link_layer(c, m);
	if (ctx_details(c))
		print_details(c, m);
	out_nl(c->out);
	if (alias) {
		out_str(c->out, OUT_ANY, "ifalias", "    alias %s", alias);
		out_nl(c->out);
	}
}

void link_print_close(struct ctx *c)
{
	out_obj_close(c->out);
}

/* `a@b              UP             02:...:01 <BROADCAST,MULTICAST,UP,LOWER_UP>` */
static bool brief_open(struct ctx *c, const struct link_msg *m)
{
	bool mdown;

	out_obj_open(c->out, NULL);
	mdown = print_name(c, m, "%-16s ");
	print_operstate(c->out, m, "", "%-14s ");
	return mdown;
}

void link_print_brief_open(struct ctx *c, const struct link_msg *m)
{
	brief_open(c, m);
}

void link_print_brief(struct ctx *c, const struct link_msg *m)
{
	struct out *o = c->out;
	bool mdown = brief_open(c, m);

	print_hwaddr(o, m->tb[IFLA_ADDRESS], "address", "", "%s ");
	print_flags(o, m->ifi->ifi_flags, mdown);
	out_nl(o);
	out_obj_close(o);
}

/* `    altname NAME`, a line each; "altnames": [...] in JSON. */
static void print_altnames(struct out *o, const struct link_msg *m)
{
	const struct nlattr *a;
	bool listed = false;

	if (!m->tb[IFLA_PROP_LIST])
		return;
	mnl_attr_for_each_nested(a, m->tb[IFLA_PROP_LIST])
	{
		const char *name = mnl_attr_get_type(a) == IFLA_ALT_IFNAME ? nl_attr_str(a) : NULL;

		if (!name)
			continue;
		if (!listed)
			out_list_open(o, "altnames");
		listed = true;
		out_str(o, OUT_TEXT, NULL, "%s", "    altname ");
		out_strc(o, OUT_ANY, COL_IFNAME, NULL, "%s", name);
		out_nl(o);
	}
	if (listed)
		out_list_close(o);
}

void link_print_tail(struct ctx *c, const struct link_msg *m)
{
	if (ctx_stats(c))
		link_print_stats(c, m);
	print_altnames(c->out, m);
}

/* ---- the walk ------------------------------------------------------------ */

/* A single device's message is copied out of the netlink layer's buffer, so
 * the callback runs after the request is finished. */
static int msg_keep(const struct nlmsghdr *nlh, void *data)
{
	struct nlmsghdr **keep = data;

	if (nlh->nlmsg_type != RTM_NEWLINK || *keep)
		return MNL_CB_OK;
	if (!(*keep = nl_msg_dup(nlh))) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static int walk_one(struct ctx *c, const char *name, struct nlmsghdr *nlh, link_cb cb, void *data)
{
	const struct link_refs *outer = c->names;
	struct nlmsghdr *keep = NULL;
	struct link_msg m;
	int rc = nl_request(c, nlh, msg_keep, &keep);

	if (rc == -ENODEV)
		rc = err_nodev(c, name);
	c->names = NULL; /* names come from the kernel: no dump is walked */
	if (rc == 0 && keep && link_msg_parse(keep, &m) == 0)
		rc = cb(c, &m, data);
	c->names = outer;
	free(keep);
	return rc;
}

/* The next message: one read ahead first, else the dump's next.  *copy is
 * set when it is a copy, to be freed after use. */
static int walk_next(struct walk *w, const struct nlmsghdr **r, struct nlmsghdr **copy)
{
	int rc;

	*copy = NULL;
	if (w->qn) {
		*r = *copy = w->q[w->qhead++];
		w->qn--;
		return 1;
	}
	if (w->end || w->err)
		return w->err;
	rc = nl_stream_next(w->s, r);
	if (rc <= 0)
		w->end = true;
	return rc;
}

/* Each device as the dump brings it: the callback may print it at once. */
static int walk_dump(struct ctx *c, struct walk *w, link_cb cb, void *data)
{
	const struct nlmsghdr *r;
	struct nlmsghdr *copy;
	struct link_msg m;
	int rc;

	while ((rc = walk_next(w, &r, &copy)) > 0) {
		if (link_msg_parse(r, &m) < 0) {
			free(copy);
			continue;
		}
		/* read-ahead ones were named when they were read */
		if (!copy && (rc = refs_add(w, m.ifi->ifi_index, m.ifi->ifi_flags, m.name)) < 0)
			break;
		nl_stream_hold(w->s);
		rc = cb(c, &m, data);
		nl_stream_release(w->s);
		free(copy);
		if (rc)
			break;
	}
	if (rc == 0 && w->err)
		rc = w->err;
	if (rc == 0 && nl_stream_interrupted(w->s))
		rc = err_fail(c, "the devices changed while they were listed, the list may be "
				 "inconsistent (run it again)");
	return rc;
}

/* cb returns 0 to go on; anything else ends the walk and is returned. */
int link_walk(struct ctx *c, const char *name, link_cb cb, void *data)
{
	char buf[NL_BUFSZ];
	/* Statistics only for -s; VF details only matter with -d. */
	uint32_t mask =
	    (ctx_stats(c) ? 0 : RTEXT_FILTER_SKIP_STATS) | (ctx_details(c) ? RTEXT_FILTER_VF : 0);
	struct nlmsghdr *nlh = getlink_msg(buf, 0, name, mask);
	const struct link_refs *outer = c->names;
	struct walk w = {.c = c};
	struct link_refs refs = {&w};
	int rc;

	if (name)
		return walk_one(c, name, nlh, cb, data);
	if ((rc = nl_stream_open(c, nlh, &w.s)) < 0)
		return rc;
	c->names = &refs;
	rc = walk_dump(c, &w, cb, data);
	c->names = outer;
	nl_stream_close(w.s);
	while (w.qn)
		free(w.q[w.qhead + --w.qn]);
	free(w.q);
	free(w.slot);
	free(w.v);
	return rc;
}

/* ---- a device's index by name ------------------------------------------- */

static int getlink_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type == RTM_NEWLINK)
		*(int *)data = ifi->ifi_index;
	return MNL_CB_OK;
}

int link_index(struct ctx *c, const char *name)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	int index = 0;
	int rc;

	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	rc = nl_request(c, nlh, getlink_cb, &index);
	if (rc == -ENODEV)
		return err_nodev(c, name);
	if (rc < 0)
		return rc;
	return index ? index : -ENODEV;
}

uint32_t link_u32(const struct link_msg *m, int type)
{
	const struct nlattr *a = m->tb[type];
	return a && mnl_attr_get_payload_len(a) == 4 ? mnl_attr_get_u32(a) : 0;
}

bool link_of_type(const struct link_msg *m, const char *type)
{
	const char *slave = strstr(type, "_slave");
	const struct nlattr *sk = m->info[IFLA_INFO_SLAVE_KIND];

	if (slave && !slave[6])
		return sk && mnl_attr_validate(sk, MNL_TYPE_NUL_STRING) == 0 &&
		       strlen(mnl_attr_get_str(sk)) == (size_t)(slave - type) &&
		       !strncmp(mnl_attr_get_str(sk), type, (size_t)(slave - type));
	return m->kind && !strcmp(m->kind, type);
}
