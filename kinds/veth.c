// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * veth: pairs of virtual Ethernet devices, each end the other's wire.
 *
 * A pair is made in ONE RTM_NEWLINK: the peer travels inside it as
 * IFLA_LINKINFO { IFLA_INFO_KIND "veth", IFLA_INFO_DATA { VETH_INFO_PEER:
 * struct ifinfomsg and the peer's own attributes } }.  The kernel makes both
 * ends or neither, so a refused peer name or namespace leaves nothing behind.
 *
 * Deleting either end deletes both.  Reading a pair back, the peer is
 * IFLA_LINK; IFLA_LINK_NETNSID says it lives in another namespace, where its
 * index means something else: it is then asked for there, by nsid
 * (IFLA_TARGET_NETNSID) when that namespace has an id for this one, else
 * read from that namespace's sysfs; the nsid is named through /run/netns.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <linux/if_ether.h>
#include <linux/veth.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "args.h"
#include "core.h"
#include "kind.h"
#include "link.h"
#include "linkdel.h"
#include "netnsutil.h"
#include "nl.h"
#include "out.h"
#include "peer.h"

/* IFLA_INFO_KIND of both ends, as the kernel spells it. */
static const char veth_kind[] = "veth";

/* ---- the arguments ------------------------------------------------------ */

/*
 * `add NAME [netns NS] [mtu N] [address MAC] peer PEER [netns NS] ...`: the
 * words after `peer` describe the other end with the same keywords.  The
 * NAME side's table ends in `peer`, a nested group whose own table is the
 * peer side's.  Both tables share the indexes below and their entries,
 * written once each as a macro.
 */
enum end_arg { E_NAME, E_NETNS, E_MTU, E_ADDRESS, E_NARGS };
enum add_arg { A_PEER = E_NARGS, A_NARGS };

/* ARGF_NEW: a name yet to be made, for which completion offers nothing. */
#define NAME_ENTRY(f, h)                                                                           \
	{                                                                                          \
		.kw = "name", .kind = ARG_IFNAME,                                                  \
		.flags = ARGF_POSITIONAL | ARGF_REQUIRED | ARGF_NEW | (f), .help = (h)             \
	}
#define NETNS_ENTRY LINK_WORD_NETNS("make this end in a named namespace, or in a process's")
/* ETH_MIN_MTU..ETH_MAX_MTU: what a veth accepts */
#define MTU_ENTRY                                                                                  \
	LINK_WORD_MTU(68, 65535, "the largest packet this end sends, in bytes (default 1500)")
#define ADDRESS_ENTRY LINK_WORD_ADDRESS("this end's Ethernet address (default: a random one)")

/* Not the subject: errors keep naming the device being added. */
static const struct arg peer_args[E_NARGS] = {
    [E_NAME] = NAME_ENTRY(0, "the other end (the keyword may be left out)"),
    [E_NETNS] = NETNS_ENTRY,
    [E_MTU] = MTU_ENTRY,
    [E_ADDRESS] = ADDRESS_ENTRY,
};

static const struct arg add_args[A_NARGS] = {
    [E_NAME] = NAME_ENTRY(ARGF_SUBJECT, "the new device (the keyword may be left out)"),
    [E_NETNS] = NETNS_ENTRY,
    [E_MTU] = MTU_ENTRY,
    [E_ADDRESS] = ADDRESS_ENTRY,
    [A_PEER] = {.kw = "peer",
		.kind = ARG_NEST,
		.flags = ARGF_REQUIRED,
		.metavar = "PEER [...]",
		.sub = peer_args,
		.nsub = E_NARGS,
		.help = "the other end: its name, then any keywords above, for it"},
};

/* del and show name an existing device as `link` does: `dev NAME` or NAME;
 * completion offers the veth devices. */
enum dev_arg { D_DEV, D_MORE, D_NARGS };
#define DEV_ENTRY(f, h)                                                                            \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .flags = ARGF_POSITIONAL | ARGF_SUBJECT | (f),    \
		.metavar = "NAME", .help = (h), .live_kind = veth_kind                             \
	}

static const struct arg del_args[D_NARGS] = {
    [D_DEV] = DEV_ENTRY(ARGF_REQUIRED, "either end of the pair, or a pattern (\"va*\": every "
				       "veth so named); both ends go"),
    [D_MORE] = {.kind = ARG_REST,
		.flags = ARGF_POSITIONAL | ARGF_DEVICES,
		.metavar = "NAME...",
		.live_kind = veth_kind,
		.help = "more pairs or patterns: all go together, in one pass of the kernel"},
};

static const struct arg show_args[D_DEV + 1] = {
    [D_DEV] = DEV_ENTRY(0, "only the pair this device is an end of"),
};

/* ---- veth add ----------------------------------------------------------- */

static int add_check(struct ctx *c, const struct val *v, const struct val *pv)
{
	const char *ns = v[E_NETNS].set ? v[E_NETNS].str : "";
	const char *pns = pv[E_NETNS].set ? pv[E_NETNS].str : "";

	if (!strcmp(v[E_NAME].str, pv[E_NAME].str) && !strcmp(ns, pns))
		return err_usage(c, "both ends are named %s in one namespace", v[E_NAME].str);
	return 0;
}

static struct ifinfomsg *put_ifinfo(struct nlmsghdr *nlh)
{
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	return ifi;
}

/* One end's attributes: the same for the device and, nested, its peer. */
static int put_end(struct ctx *c, struct nlmsghdr *nlh, const struct val *e, int *fd)
{
	mnl_attr_put_strz(nlh, IFLA_IFNAME, e[E_NAME].str);
	if (e[E_MTU].set)
		mnl_attr_put_u32(nlh, IFLA_MTU, e[E_MTU].u);
	if (e[E_ADDRESS].set)
		mnl_attr_put(nlh, IFLA_ADDRESS, ETH_ALEN, e[E_ADDRESS].mac);
	if (e[E_NETNS].set)
		return link_put_netns(c, nlh, e[E_NETNS].str, fd);
	return 0;
}

/* IFLA_LINKINFO { KIND "veth", DATA { VETH_INFO_PEER { ifinfomsg, ... } } } */
static int put_peer(struct ctx *c, struct nlmsghdr *nlh, const struct val *pv, int *fd)
{
	struct nlattr *info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	struct nlattr *data, *peer;
	int rc;

	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, veth_kind);
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	peer = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	put_ifinfo(nlh);
	rc = put_end(c, nlh, pv, fd);
	mnl_attr_nest_end(nlh, peer);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return rc;
}

static bool name_here(const struct val *e)
{
	return !e[E_NETNS].set && if_nametoindex(e[E_NAME].str) != 0;
}

/* The kernel answers a taken name with a bare EEXIST, for either end: say
 * which, when it is one in this namespace. */
static int add_error(struct ctx *c, int rc, const struct val *v, const struct val *pv)
{
	if (rc != -EEXIST || c->reason[0])
		return rc;
	if (name_here(v))
		return err_errno(c, EEXIST, "a device named %s exists already", v[E_NAME].str);
	if (name_here(pv))
		return err_errno(c, EEXIST, "a device named %s exists already", pv[E_NAME].str);
	return err_errno(c, EEXIST, "%s or %s is taken in its namespace", v[E_NAME].str,
			 pv[E_NAME].str);
}

static int veth_add(struct ctx *c, const struct val *v)
{
	struct val pv[E_NARGS] = {0};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	int fds[2] = {-1, -1}, rc, rc2;

	if ((rc = parse_group(c, &add_args[A_PEER], &v[A_PEER], pv)) < 0 ||
	    (rc = add_check(c, v, pv)) < 0)
		return rc;
	put_ifinfo(nlh);
	/* the namespaces' fds stay open until the kernel has read the
	 * request (in a batch, the pipe closes them once it is sent) */
	rc = put_end(c, nlh, v, &fds[0]);
	if (fds[0] >= 0 && (rc2 = ctx_hold_fd(c, fds[0])) < 0 && rc == 0)
		rc = rc2;
	if (rc == 0)
		rc = put_peer(c, nlh, pv, &fds[1]);
	if (fds[1] >= 0 && (rc2 = ctx_hold_fd(c, fds[1])) < 0 && rc == 0)
		rc = rc2;
	if (rc == 0)
		rc = add_error(c, link_create(c, nlh, veth_kind), v, pv);
	ctx_release_fds(c);
	return rc;
}

/* ---- finding pairs ------------------------------------------------------ */

struct veth_end {
	int index;
	char name[IFNAMSIZ];
	uint8_t state; /* IF_OPER_* */
	uint32_t mtu;
	uint8_t addr[ETH_ALEN];
	bool known; /* the kernel told us about this end */
};

struct veth_pair {
	struct veth_end self, peer;
	int nsid;		  /* the peer's namespace, -1 when it is this one */
	char netns[NAME_MAX + 1]; /* the peer namespace's name, "" when it has none */
};

struct veth_list {
	struct veth_pair *v;
	size_t n;
	char other[32]; /* a named lookup found a device of this kind instead */
	bool kindless;	/* or one of no kind at all */
	int own_id;	/* this namespace has an id for itself: 1, 0, -1 not asked */
};

static uint32_t attr_u32_or(const struct nlattr *a, uint32_t dflt)
{
	return a && mnl_attr_get_payload_len(a) >= sizeof(uint32_t) ? mnl_attr_get_u32(a) : dflt;
}

static void end_from_msg(const struct link_msg *m, struct veth_end *e)
{
	const struct nlattr *addr = m->tb[IFLA_ADDRESS];

	memset(e, 0, sizeof(*e));
	e->index = m->ifi->ifi_index;
	snprintf(e->name, sizeof(e->name), "%s", m->name);
	if (m->tb[IFLA_OPERSTATE] && mnl_attr_get_payload_len(m->tb[IFLA_OPERSTATE]) >= 1)
		e->state = mnl_attr_get_u8(m->tb[IFLA_OPERSTATE]);
	e->mtu = attr_u32_or(m->tb[IFLA_MTU], 0);
	if (addr && mnl_attr_get_payload_len(addr) == ETH_ALEN)
		memcpy(e->addr, mnl_attr_get_payload(addr), ETH_ALEN);
	e->known = true;
}

static int collect_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct veth_list *l = data;
	struct veth_pair *p;

	(void)c;
	if (!m->kind || strcmp(m->kind, veth_kind)) {
		snprintf(l->other, sizeof(l->other), "%s", m->kind ? m->kind : "");
		l->kindless = !m->kind;
		return 0;
	}
	p = realloc(l->v, (l->n + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	l->v = p;
	p = &l->v[l->n++];
	memset(p, 0, sizeof(*p));
	end_from_msg(m, &p->self);
	p->peer.index = (int)attr_u32_or(m->tb[IFLA_LINK], 0);
	p->nsid = (int32_t)attr_u32_or(m->tb[IFLA_LINK_NETNSID], (uint32_t)-1);
	return 0;
}

static int end_cb(const struct nlmsghdr *nlh, void *data)
{
	struct link_msg m;

	if (link_msg_parse(nlh, &m) == 0)
		end_from_msg(&m, data);
	return MNL_CB_OK;
}

/* Ask for an end by index, in another namespace when nsid >= 0.  A name is
 * a nicety: failing leaves e unknown and no reason behind. */
static void ask_end(struct ctx *c, int index, int nsid, struct veth_end *e)
{
	char buf[NL_BUFSZ], reason[sizeof(c->reason)];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETLINK, 0);

	put_ifinfo(nlh)->ifi_index = index;
	if (nsid >= 0)
		mnl_attr_put_u32(nlh, IFLA_TARGET_NETNSID, (uint32_t)nsid);
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	memcpy(reason, c->reason, sizeof(reason));
	nl_request(c, nlh, end_cb, e);
	memcpy(c->reason, reason, sizeof(reason));
}

static const struct veth_pair *find_self(const struct veth_list *l, int index)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].self.index == index)
			return &l->v[i];
	return NULL;
}

/* The name of the peer's namespace; pairs often share one, asked once. */
static void resolve_netns(struct ctx *c, struct veth_list *l, struct veth_pair *p)
{
	for (struct veth_pair *q = l->v; q < p; q++) {
		if (q->nsid == p->nsid) {
			memcpy(p->netns, q->netns, sizeof(p->netns));
			return;
		}
	}
	if (!netns_name_of_nsid(c, p->nsid, p->netns, sizeof(p->netns)))
		p->netns[0] = '\0';
}

/* Whether this namespace has an id for itself, asked once per show. */
static bool own_id(struct ctx *c, struct veth_list *l)
{
	if (l->own_id < 0)
		l->own_id = netns_has_own_id(c);
	return l->own_id > 0;
}

/* name/attr under dir (a namespace's class/net), its first line. */
static int sysfs_attr(int dir, const char *name, const char *attr, char *buf, size_t sz)
{
	char path[IFNAMSIZ + 16];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", name, attr);
	if ((fd = openat(dir, path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sz - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* sysfs's word for an operstate ("lowerlayerdown") as its number. */
static uint8_t operstate_of(const char *word)
{
	char num[8];

	for (uint8_t st = IF_OPER_UNKNOWN; st <= IF_OPER_UP; st++)
		if (!strcasecmp(word, link_operstate_name(st, num, sizeof(num))))
			return st;
	return IF_OPER_UNKNOWN;
}

/* The end at index, from dir, the class/net of its namespace's sysfs: the
 * facts RTM_GETLINK gives, in the kernel's own words. */
static void end_from_sysfs(int dir, int index, struct veth_end *e)
{
	int fd = dup(dir);
	char buf[64];
	struct dirent *d;
	uint32_t found;
	DIR *list;

	if (fd < 0 || !(list = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((d = readdir(list))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..") ||
		    sysfs_attr(dir, d->d_name, "ifindex", buf, sizeof(buf)) < 0 ||
		    parse_u32(buf, &found) < 0 || found != (uint32_t)index)
			continue;
		memset(e, 0, sizeof(*e));
		snprintf(e->name, sizeof(e->name), "%.*s", IFNAMSIZ - 1, d->d_name);
		if (sysfs_attr(dir, d->d_name, "operstate", buf, sizeof(buf)) == 0)
			e->state = operstate_of(buf);
		if (sysfs_attr(dir, d->d_name, "mtu", buf, sizeof(buf)) == 0 &&
		    parse_u32(buf, &e->mtu) < 0)
			e->mtu = 0;
		if (sysfs_attr(dir, d->d_name, "address", buf, sizeof(buf)) == 0 &&
		    parse_mac(buf, e->addr) < 0)
			memset(e->addr, 0, sizeof(e->addr));
		e->known = true;
		break;
	}
	closedir(list);
}

/* The peer from its namespace's sysfs, found by name or through a process
 * in it.  A name is a nicety: failing leaves it unknown, no reason behind. */
static void ask_sysfs(struct ctx *c, const struct veth_pair *p, struct veth_end *e)
{
	char reason[sizeof(c->reason)], hint[sizeof(c->hint)];
	int ns, dir = -1;

	memcpy(reason, c->reason, sizeof(reason));
	memcpy(hint, c->hint, sizeof(hint));
	ns = p->netns[0] ? netns_open_named(c, p->netns) : netns_open_nsid(c, p->nsid);
	memcpy(c->reason, reason, sizeof(reason));
	memcpy(c->hint, hint, sizeof(hint));
	if (ns >= 0) {
		dir = netns_sysfs_net(ns);
		close(ns);
	}
	if (dir >= 0) {
		end_from_sysfs(dir, e->index, e);
		close(dir);
	}
}

/* The peer's facts: from the dump when it is here.  In another namespace,
 * from the kernel when this namespace has an id for itself already, else
 * from the peer's sysfs: asked for there, the peer would be described
 * with its link's nsid, this namespace's own, which the kernel would give
 * it then and there (see netns_has_own_id); a show changes nothing. */
static void resolve_peer(struct ctx *c, struct veth_list *l, struct veth_pair *p)
{
	const struct veth_pair *here = p->nsid < 0 ? find_self(l, p->peer.index) : NULL;
	int index = p->peer.index;

	if (index == 0)
		return; /* the peer is going away */
	if (p->nsid >= 0)
		resolve_netns(c, l, p);
	if (here)
		p->peer = here->self;
	else if (p->nsid < 0 || own_id(c, l))
		ask_end(c, index, p->nsid, &p->peer);
	else
		ask_sysfs(c, p, &p->peer);
	p->peer.index = index;
}

/* A device looked up by name must be a veth; `hint` says what to do with
 * one that is not (may be NULL). */
static int need_veth(struct ctx *c, const struct veth_list *l, const char *hint)
{
	if (l->n > 0)
		return 0;
	if (l->kindless)
		return err_fail(c, "not a veth device%s%s%s", hint ? " (" : "", hint ? hint : "",
				hint ? ")" : "");
	return err_fail(c, "not a veth device (it is a %s%s%s)", l->other, hint ? "; " : "",
			hint ? hint : "");
}

/* Every pair, or the one `name` is an end of.  Collected first, so nothing
 * is printed before we know the command succeeds. */
static int veth_collect(struct ctx *c, const char *name, struct veth_list *l)
{
	int rc = link_walk(c, name, collect_cb, l);

	if (rc == 0 && name)
		rc = need_veth(c, l, NULL);
	for (size_t i = 0; rc == 0 && i < l->n; i++)
		resolve_peer(c, l, &l->v[i]);
	return rc;
}

/* Both ends here: the pair is listed once, at its higher index.  The kernel
 * registers the peer first, so that is the end the pair was made as (`veth
 * add v0 peer v1` lists as "v0 peer v1", whichever tool made it). */
static bool listed_at_peer(const struct veth_list *l, const struct veth_pair *p)
{
	return p->nsid < 0 && p->peer.index > p->self.index && find_self(l, p->peer.index);
}

/* ---- veth show ---------------------------------------------------------- */

static const char *state_word(const struct veth_end *e, char *buf, size_t sz)
{
	return link_operstate_name(e->state, buf, sz);
}

static void print_state(struct out *o, const struct veth_end *e, const char *key, const char *fmt)
{
	char num[8];
	enum out_color col = e->state == IF_OPER_UP ? COL_UP : COL_NONE;

	if (e->state == IF_OPER_DOWN)
		col = COL_DOWN;
	out_strc(o, OUT_ANY, col, key, fmt, state_word(e, num, sizeof(num)));
}

/* "v1", or "if7" when the kernel would not say; JSON null then. */
static void print_peer_name(struct out *o, const struct veth_end *e, const char *fmt)
{
	char name[IFNAMSIZ + 16];

	snprintf(name, sizeof(name), "if%d", e->index);
	out_strc(o, OUT_TEXT, COL_IFNAME, NULL, fmt, e->known ? e->name : name);
	if (e->known)
		out_str(o, OUT_JSON, "peer", "", e->name);
	else
		out_null(o, "peer");
}

/* " netns brns" (or " brns" unlabelled), " netnsid 3" when the namespace has
 * no name, nothing when the peer is here. */
static void print_peer_netns(struct out *o, const struct veth_pair *p, bool labelled)
{
	if (p->nsid < 0) {
		out_null(o, "peer_netns");
		return;
	}
	if (p->netns[0]) {
		if (labelled)
			out_str(o, OUT_TEXT, NULL, " %s", add_args[E_NETNS].kw);
		out_str(o, OUT_ANY, "peer_netns", " %s", p->netns);
	} else {
		out_null(o, "peer_netns");
		out_int(o, OUT_TEXT, NULL, " netnsid %d", p->nsid);
	}
	out_int(o, OUT_JSON, "peer_netnsid", "", p->nsid);
}

/* "state UP mtu 1500 address 02:..", each key prefixed for the peer; the
 * state under ip's key, "operstate". */
static void print_facts(struct out *o, const struct veth_end *e, bool peer)
{
	char mac[3 * ETH_ALEN];

	if (!e->known)
		return;
	print_state(o, e, peer ? "peer_operstate" : "operstate", " state %s");
	out_str(o, OUT_TEXT, NULL, " %s", add_args[E_MTU].kw);
	out_uint(o, OUT_ANY, peer ? "peer_mtu" : "mtu", " %u", e->mtu);
	out_str(o, OUT_TEXT, NULL, " %s ", add_args[E_ADDRESS].kw);
	format_mac(e->addr, ETH_ALEN, mac, sizeof(mac));
	out_strc(o, OUT_ANY, COL_MAC, peer ? "peer_address" : "address", "%s", mac);
}

/*
 * v0 state UP mtu 1500 address 02:00:00:00:00:01
 *     peer v1 netns brns state UP mtu 1500 address 02:00:00:00:00:02
 * (worded as `veth add` takes it, so what show prints reads back).
 */
static void print_full(struct ctx *c, const struct veth_pair *p)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_uint(o, OUT_JSON, "ifindex", "", (unsigned)p->self.index);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s", p->self.name);
	if (c->netns) {
		out_str(o, OUT_TEXT, NULL, " %s", add_args[E_NETNS].kw);
		out_str(o, OUT_ANY, "netns", " %s", c->netns);
	}
	print_facts(o, &p->self, false);
	out_nl(o);
	out_str(o, OUT_TEXT, NULL, "    %s ", add_args[A_PEER].kw);
	out_uint(o, OUT_JSON, "peer_ifindex", "", (unsigned)p->peer.index);
	/* the same facts under ip -j link show's keys */
	out_uint(o, OUT_JSON, "link_index", "", (unsigned)p->peer.index);
	if (p->nsid >= 0)
		out_int(o, OUT_JSON, "link_netnsid", "", p->nsid);
	print_peer_name(o, &p->peer, "%s");
	print_peer_netns(o, p, true);
	print_facts(o, &p->peer, true);
	out_nl(o);
	out_obj_close(o);
}

/* `v0               UP             v1               UP             brns` */
static void print_brief(struct ctx *c, const struct veth_pair *p)
{
	struct out *o = c->out;
	/* pad the last column only when another follows it */
	const char *last = p->nsid >= 0 ? " %-14s" : " %s";

	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%-16s", p->self.name);
	print_state(o, &p->self, "operstate", " %-14s");
	print_peer_name(o, &p->peer, " %-16s");
	if (p->peer.known) {
		print_state(o, &p->peer, "peer_operstate", last);
	} else {
		out_str(o, OUT_TEXT, NULL, last, "?");
		out_null(o, "peer_operstate");
	}
	print_peer_netns(o, p, false);
	out_nl(o);
	out_obj_close(o);
}

static int veth_show(struct ctx *c, const struct val *v)
{
	const char *name = v[D_DEV].set ? v[D_DEV].str : NULL;
	struct veth_list l = {.own_id = -1};
	int rc = veth_collect(c, name, &l);

	if (rc == 0) {
		out_list_open(c->out, NULL);
		for (size_t i = 0; i < l.n; i++) {
			if (listed_at_peer(&l, &l.v[i]))
				continue;
			if (ctx_brief(c))
				print_brief(c, &l.v[i]);
			else
				print_full(c, &l.v[i]);
		}
		out_list_close(c->out);
	}
	free(l.v);
	return rc;
}

/* ---- veth del ----------------------------------------------------------- */

/* One pair by index, so what goes is the device just checked to be a
 * veth; several in one pass of the kernel (linkdel.h). */
static int veth_del(struct ctx *c, const struct val *v)
{
	struct veth_list l = {.own_id = -1};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_DELLINK, 0);
	char **names = calloc((size_t)v[D_MORE].nrest + 1, sizeof(*names));
	int rc, n = 0;

	if (!names)
		abort();
	names[n++] = (char *)v[D_DEV].str;
	for (int i = 0; i < v[D_MORE].nrest; i++)
		names[n++] = v[D_MORE].rest[i];
	rc = link_del_names(c, names, n, veth_kind, "use link del");
	free(names);
	if (rc <= 0)
		return rc;
	rc = link_walk(c, v[D_DEV].str, collect_cb, &l);
	if (rc == 0)
		rc = need_veth(c, &l, "use link del");
	if (rc == 0) {
		put_ifinfo(nlh)->ifi_index = l.v[0].self.index;
		rc = nl_request(c, nlh, NULL, NULL);
	}
	free(l.v);
	return rc;
}

/* ---- the object --------------------------------------------------------- */

static const struct verb veth_verbs[] = {
    VERB("add", veth_add, add_args,
	 "make a pair, both ends in one request: both are made or neither"),
    VERB_DEL(veth_del, del_args,
	     "delete pairs, each named by either end: many go in one pass of the kernel"),
    VERB_ALSO("show", verb_show_aliases, veth_show, show_args,
	      "list pairs: both ends and the namespace of each (-br, -j)"),
};

VNETCTL_OBJECT_OF(veth, "show", "virtual Ethernet pairs, across namespaces")

/* No details to print with -d (dumps carry no veth data), but dry run reads
 * the peer nested in IFLA_INFO_DATA as the link it is. */
static const struct nl_attr_name veth_attr_names[VETH_INFO_MAX + 1] = {
    NL_ATTR(VETH_INFO_PEER, NL_IFINFO),
};

/* ---- link add ... type veth [peer [name] NAME ...] ------------------------- */

/* ip's grammar: after `peer`, every word link add takes, for the peer. */
enum kind_arg { K_PEER, K_NARGS };
static const struct arg kind_args[K_NARGS] = {
    [K_PEER] = PEER_WORD("the other end: link add's words, for it (none: the kernel names it)"),
};

/* DATA { VETH_INFO_PEER { ifinfomsg, the peer's attributes } }; without
 * peer words the kernel names the peer too. */
static int veth_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		    const struct val *v)
{
	(void)k;
	return peer_put(c, nlh, VETH_INFO_PEER, &kind_args[K_PEER], &v[K_PEER]);
}

static const struct link_kind veth_link_kind = {
    .kind = veth_kind,
    .help = "virtual Ethernet pairs, across namespaces",
    .own_object = true,
    VERB_ARGS(kind_args),
    .put = veth_put,
    KIND_DATA(veth_attr_names),
};
VNETCTL_LINK_KIND(veth_link_kind)
