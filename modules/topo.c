// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo: a whole lab from one YAML file (topo_parse.c reads it).
 *
 * The file is compared with the kernel's state first, namespace by
 * namespace (one dump each of links, addresses and routes), and what
 * differs becomes a list of steps, each a vnetctl command line with the
 * command line that undoes it.  plan prints the steps; up runs them through
 * dispatch(), as a batch runs its lines, and when one fails runs the undoing
 * lines of those done, last first, so the system ends as it began; down
 * runs the deletions of what the file describes and the kernel has.
 *
 * A step in a namespace other than the caller's is run from inside it
 * (setns, and a netlink socket opened there), as -n runs a command.
 */
#include <arpa/inet.h> /* before the linux/ headers, which then add only what libc lacks */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>
#include <linux/if_tunnel.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "netnsutil.h"
#include "nl.h"
#include "out.h"
#include "rtnames.h"
#include "topo_parse.h"

/* ---- the command lines steps are made of ---------------------------------- */

/* Each a vnetctl command line; "$N" is the step's Nth word, and a word
 * "?W" stands for W followed by the next word only when that next word's
 * value is not empty (veth's "netns NS" for an end in a namespace). */
enum cmd {
	C_NONE,
	C_NETNS_ADD,
	C_NETNS_DEL,
	C_BRIDGE_ADD,
	C_LINK_DEL,
	C_VETH_ADD,
	C_MASTER,
	C_NOMASTER,
	C_ADDR_ADD,
	C_ADDR_DEL,
	C_UP,
	C_DOWN,
	C_ROUTE_ADD,
	C_ROUTE_DEL,
	C_TUNTAP_ADD,
	C_TUNNEL_ADD,
	C_VXLAN_ADD,
	C_VLAN_ADD,
	C_BOND_ADD,
	C_VRF_ADD,
};
#define CMD_WORDS 13
static const char *const cmds[][CMD_WORDS] = {
    [C_NETNS_ADD] = {"netns", "add", "$1"},
    [C_NETNS_DEL] = {"netns", "del", "$1"},
    [C_BRIDGE_ADD] = {"bridge", "add", "$1"},
    [C_LINK_DEL] = {"link", "del", "$1"},
    [C_VETH_ADD] = {"veth", "add", "$1", "?netns", "$2", "peer", "$3", "?netns", "$4"},
    [C_MASTER] = {"link", "set", "$1", "master", "$2"},
    [C_NOMASTER] = {"link", "set", "$1", "nomaster"},
    [C_ADDR_ADD] = {"addr", "add", "$1", "dev", "$2"},
    [C_ADDR_DEL] = {"addr", "del", "$1", "dev", "$2"},
    [C_UP] = {"link", "set", "$1", "up"},
    [C_DOWN] = {"link", "set", "$1", "down"},
    [C_ROUTE_ADD] = {"route", "add", "$1", "via", "$2", "?proto", "$3"},
    [C_ROUTE_DEL] = {"route", "del", "$1", "via", "$2"},
    [C_TUNTAP_ADD] = {"tuntap", "add", "$1", "mode", "$2"},
    [C_TUNNEL_ADD] = {"tunnel", "add", "$1", "mode", "$2", "?local", "$3", "?remote", "$4"},
    [C_VXLAN_ADD] = {"vxlan", "add", "$1", "id", "$2", "?remote", "$3", "?local", "$4", "?dev",
		     "$5", "?dstport", "$6"},
    [C_VLAN_ADD] = {"vlan", "add", "link", "$2", "name", "$1", "id", "$3"},
    [C_BOND_ADD] = {"bond", "add", "$1"},
    [C_VRF_ADD] = {"vrf", "add", "$1", "table", "$2"},
};

/* One command: where it runs ("" the caller's namespace) and its words. */
struct cmdline {
	enum cmd cmd;
	const char *ns;
	const char *w[6];
};

struct step {
	struct cmdline run, undo;
	int line;
	/* what an addr del or route del takes away, to see it is still there */
	const struct topo_addr *addr;
	const struct topo_route *route;
};

/* The words of a command line; 0 or the count. */
static int cmd_argv(const struct cmdline *l, char **argv)
{
	const char *const *t = cmds[l->cmd];
	int n = 0;

	for (int i = 0; i < CMD_WORDS && t[i]; i++) {
		const char *w = t[i];
		if (w[0] == '?') {
			const char *next = l->w[t[i + 1][1] - '1'];
			if (!*next) {
				i++;
				continue;
			}
			w++;
		} else if (w[0] == '$') {
			w = l->w[w[1] - '1'];
		}
		argv[n++] = (char *)w;
	}
	argv[n] = NULL;
	return n;
}

/* ---- the kernel's state, one namespace at a time -------------------------- */

struct st_link {
	char name[IFNAMSIZ];
	char kind[16];
	int index, master;
	int link;      /* IFLA_LINK: a veth's peer's index (in its namespace) */
	int link_nsid; /* the namespace of the peer (-1: this one) */
	unsigned flags;
	/* the kind's data, as topo files describe it (kind_nl) */
	int tun_type, family; /* IFF_TUN or IFF_TAP; local's and remote's */
	uint8_t local[16], remote[16];
	uint32_t id, table, lower, port;
	/* save: the peer's namespace's name, whether the device is written
	 * and whether its veth is */
	char peer_ns[256];
	bool saved, done;
};
struct st_addr {
	int index, family;
	uint8_t len, bytes[16];
	uint32_t flags; /* IFA_F_* */
};
struct st_route {
	int family;
	uint8_t len, dst[16], gw[16];
	bool has_gw, multipath;
	uint8_t protocol, type;
};

struct nsstate {
	const char *name;
	bool exists;
	TOPO_LIST(struct st_link, links);
	TOPO_LIST(struct st_addr, addrs);
	TOPO_LIST(struct st_route, routes);
};

struct run {
	struct ctx *c;
	const struct topo *t;
	const char *verb;
	int home;			 /* the caller's namespace */
	const char *cur;		 /* the namespace entered, NULL when unknown */
	TOPO_LIST(struct nsstate *, st); /* each apart: pointers to them stay valid */
	TOPO_LIST(struct step, steps);
	size_t differ; /* diff: the things missing or differing */
	bool peers;    /* save: each veth's peer's namespace named, when read */
};

static void *more(void **v, size_t *n, size_t size)
{
	char *nv = realloc(*v, (*n + 1) * size);

	if (!nv)
		abort();
	*v = nv;
	memset(nv + *n * size, 0, size);
	return nv + (*n)++ * size;
}
#define MORE(list) ((__typeof__((list).v))more((void **)&(list).v, &(list).n, sizeof(*(list).v)))

/* Into namespace ns ("" the caller's), with a socket of its own. */
static int enter(struct run *r, const char *ns)
{
	int fd = r->home;

	if (r->cur && !strcmp(r->cur, ns))
		return 0;
	r->cur = NULL;
	if (*ns && (fd = netns_open_named(r->c, ns)) < 0)
		return fd;
	if (setns(fd, CLONE_NEWNET) < 0) {
		int err = errno;
		if (fd != r->home)
			close(fd);
		return err_errno(r->c, err, NULL);
	}
	if (fd != r->home)
		close(fd);
	nl_close(r->c);
	r->cur = ns;
	return 0;
}

/* Each kind of a file as the kernel has it: IFLA_INFO_KIND, and the
 * attributes of its IFLA_INFO_DATA (up to max) that a file describes (0:
 * none); a vlan's lower device is its IFLA_LINK. */
static const struct kind_nl {
	const char *kind;
	int tun_type;
	uint16_t max, local, remote, local6, remote6, id, table, lower, port, type;
	uint8_t id_size;
} kind_nl[TK_NKINDS] = {
    [TK_BRIDGE] = {.kind = "bridge"},
    [TK_TAP] = {.kind = "tun", .tun_type = IFF_TAP, .max = IFLA_TUN_MAX, .type = IFLA_TUN_TYPE},
    [TK_TUN] = {.kind = "tun", .tun_type = IFF_TUN, .max = IFLA_TUN_MAX, .type = IFLA_TUN_TYPE},
    [TK_GRE] = {.kind = "gre",
		.max = IFLA_GRE_MAX,
		.local = IFLA_GRE_LOCAL,
		.remote = IFLA_GRE_REMOTE},
    [TK_IPIP] = {.kind = "ipip",
		 .max = IFLA_IPTUN_MAX,
		 .local = IFLA_IPTUN_LOCAL,
		 .remote = IFLA_IPTUN_REMOTE},
    [TK_VXLAN] = {.kind = "vxlan",
		  .max = IFLA_VXLAN_MAX,
		  .local = IFLA_VXLAN_LOCAL,
		  .remote = IFLA_VXLAN_GROUP,
		  .local6 = IFLA_VXLAN_LOCAL6,
		  .remote6 = IFLA_VXLAN_GROUP6,
		  .id = IFLA_VXLAN_ID,
		  .id_size = 4,
		  .lower = IFLA_VXLAN_LINK,
		  .port = IFLA_VXLAN_PORT},
    [TK_VLAN] = {.kind = "vlan", .max = IFLA_VLAN_MAX, .id = IFLA_VLAN_ID, .id_size = 2},
    [TK_BOND] = {.kind = "bond"},
    [TK_VRF] = {.kind = "vrf", .max = IFLA_VRF_MAX, .table = IFLA_VRF_TABLE},
};

/* The kernel's name of a veth's kind (a file's veths are no kind_nl's). */
static const char veth_kind[] = "veth";

static bool is_zero(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return false;
	return true;
}

/* An address attribute of the kind's data, when it is set. */
static void kind_addr(const struct nlattr *a, int family, struct st_link *l, uint8_t *to)
{
	size_t n = family == AF_INET ? 4 : 16;

	if (!a || mnl_attr_get_payload_len(a) != n || is_zero(mnl_attr_get_payload(a), n))
		return;
	memcpy(to, mnl_attr_get_payload(a), n);
	l->family = family;
}

/* What of IFLA_INFO_DATA a file describes, for the kind named l->kind. */
static void keep_kind_data(struct st_link *l, const struct nlattr *data)
{
	const struct nlattr *tb[64] = {0};
	const struct kind_nl *k = NULL;
	uint16_t u16;
	uint8_t u8;

	for (int i = 0; i < TK_NKINDS && !k; i++)
		if (!strcmp(kind_nl[i].kind, l->kind) && kind_nl[i].max)
			k = &kind_nl[i];
	if (!k || !data || k->max >= ARRAY_SIZE(tb))
		return;
	nl_parse_nested(data, tb, k->max);
	if (k->type && nl_attr_u8(tb[k->type], &u8))
		l->tun_type = u8;
	kind_addr(k->local ? tb[k->local] : NULL, AF_INET, l, l->local);
	kind_addr(k->remote ? tb[k->remote] : NULL, AF_INET, l, l->remote);
	kind_addr(k->local6 ? tb[k->local6] : NULL, AF_INET6, l, l->local);
	kind_addr(k->remote6 ? tb[k->remote6] : NULL, AF_INET6, l, l->remote);
	if (k->id && k->id_size == 2 && nl_attr_u16(tb[k->id], &u16))
		l->id = u16;
	else if (k->id)
		nl_attr_u32(tb[k->id], &l->id);
	if (k->table)
		nl_attr_u32(tb[k->table], &l->table);
	if (k->lower)
		nl_attr_u32(tb[k->lower], &l->lower);
	if (k->port && nl_attr_u16(tb[k->port], &u16))
		l->port = ntohs(u16);
}

/* Whether the kernel's device l is of the file's kind. */
static bool dev_is(const struct st_link *l, enum topo_kind kind)
{
	return !strcmp(l->kind, kind_nl[kind].kind) &&
	       (!kind_nl[kind].tun_type || l->tun_type == kind_nl[kind].tun_type);
}

static int keep_link(const struct nlmsghdr *nlh, void *data)
{
	struct nsstate *s = data;
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
	struct st_link *l;

	nl_parse(nlh, sizeof(*ifi), tb, IFLA_MAX);
	if (!tb[IFLA_IFNAME])
		return MNL_CB_OK;
	l = MORE(s->links);
	snprintf(l->name, sizeof(l->name), "%s", mnl_attr_get_str(tb[IFLA_IFNAME]));
	l->index = ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	l->master = tb[IFLA_MASTER] ? (int)mnl_attr_get_u32(tb[IFLA_MASTER]) : 0;
	l->link = tb[IFLA_LINK] ? (int)mnl_attr_get_u32(tb[IFLA_LINK]) : 0;
	l->link_nsid =
	    tb[IFLA_LINK_NETNSID] ? (int32_t)mnl_attr_get_u32(tb[IFLA_LINK_NETNSID]) : -1;
	if (tb[IFLA_LINKINFO]) {
		nl_parse_nested(tb[IFLA_LINKINFO], li, IFLA_INFO_MAX);
		if (li[IFLA_INFO_KIND])
			snprintf(l->kind, sizeof(l->kind), "%s",
				 mnl_attr_get_str(li[IFLA_INFO_KIND]));
		keep_kind_data(l, li[IFLA_INFO_DATA]);
	}
	if (!strcmp(l->kind, kind_nl[TK_VLAN].kind))
		l->lower = (uint32_t)l->link;
	return MNL_CB_OK;
}

static void copy_addr(uint8_t *to, const struct nlattr *a)
{
	uint16_t len = mnl_attr_get_payload_len(a);

	memcpy(to, mnl_attr_get_payload(a), len > 16 ? 16 : len);
}

static int keep_addr(const struct nlmsghdr *nlh, void *data)
{
	struct nsstate *s = data;
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFA_MAX + 1], *a;
	struct st_addr *l;

	nl_parse(nlh, sizeof(*ifa), tb, IFA_MAX);
	a = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (!a)
		return MNL_CB_OK;
	l = MORE(s->addrs);
	l->index = (int)ifa->ifa_index;
	l->family = ifa->ifa_family;
	l->len = ifa->ifa_prefixlen;
	l->flags = tb[IFA_FLAGS] ? mnl_attr_get_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
	copy_addr(l->bytes, a);
	return MNL_CB_OK;
}

static int keep_route(const struct nlmsghdr *nlh, void *data)
{
	struct nsstate *s = data;
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[RTA_MAX + 1];
	uint32_t table;
	struct st_route *l;

	nl_parse(nlh, sizeof(*rtm), tb, RTA_MAX);
	table = tb[RTA_TABLE] ? mnl_attr_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
	if (table != RT_TABLE_MAIN)
		return MNL_CB_OK;
	l = MORE(s->routes);
	l->family = rtm->rtm_family;
	l->len = rtm->rtm_dst_len;
	l->protocol = rtm->rtm_protocol;
	l->type = rtm->rtm_type;
	l->multipath = tb[RTA_MULTIPATH] != NULL;
	if (tb[RTA_DST])
		copy_addr(l->dst, tb[RTA_DST]);
	if ((l->has_gw = tb[RTA_GATEWAY] != NULL))
		copy_addr(l->gw, tb[RTA_GATEWAY]);
	return MNL_CB_OK;
}

static int dump(struct ctx *c, uint16_t type, size_t hdrlen, nl_cb cb, void *data)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, type, 0);

	mnl_nlmsg_put_extra_header(nlh, hdrlen);
	return nl_dump(c, nlh, cb, data);
}

static int load_state(struct run *r, struct nsstate *s)
{
	char path[4096];
	int rc;

	snprintf(path, sizeof(path), "%s/%s", netns_dir(), s->name);
	s->exists = !*s->name || access(path, F_OK) == 0;
	if (!s->exists)
		return 0;
	if ((rc = enter(r, s->name)) < 0 ||
	    (rc = dump(r->c, RTM_GETLINK, sizeof(struct ifinfomsg), keep_link, s)) < 0 ||
	    (rc = dump(r->c, RTM_GETADDR, sizeof(struct ifaddrmsg), keep_addr, s)) < 0 ||
	    (rc = dump(r->c, RTM_GETROUTE, sizeof(struct rtmsg), keep_route, s)) < 0)
		return rc;
	for (size_t i = 0; r->peers && i < s->links.n; i++) {
		struct st_link *l = &s->links.v[i];
		if (l->link_nsid >= 0)
			netns_name_of_nsid(r->c, l->link_nsid, l->peer_ns, sizeof(l->peer_ns));
		else
			snprintf(l->peer_ns, sizeof(l->peer_ns), "%s", s->name);
	}
	return 0;
}

static void state_clear(struct nsstate *s)
{
	free(s->links.v);
	free(s->addrs.v);
	free(s->routes.v);
	memset(&s->links, 0, sizeof(s->links));
	memset(&s->addrs, 0, sizeof(s->addrs));
	memset(&s->routes, 0, sizeof(s->routes));
}

/* The state of namespace ns, read once a run, or again when fresh. */
static int state_get(struct run *r, const char *ns, bool fresh, struct nsstate **out)
{
	struct nsstate *s;

	for (size_t i = 0; i < r->st.n; i++)
		if (!strcmp(r->st.v[i]->name, ns)) {
			*out = r->st.v[i];
			if (!fresh)
				return 0;
			state_clear(r->st.v[i]);
			return load_state(r, r->st.v[i]);
		}
	if (!(s = calloc(1, sizeof(*s))))
		abort();
	*MORE(r->st) = s;
	s->name = ns;
	*out = s;
	return load_state(r, s);
}

static int state_of(struct run *r, const char *ns, struct nsstate **out)
{
	return state_get(r, ns, false, out);
}

static const struct st_link *link_in(const struct nsstate *s, const char *dev)
{
	for (size_t i = 0; i < s->links.n; i++)
		if (!strcmp(s->links.v[i].name, dev))
			return &s->links.v[i];
	return NULL;
}

static const struct st_link *link_of(const struct nsstate *s, const char *dev, const char *kind)
{
	const struct st_link *l = link_in(s, dev);

	return l && (!kind || !strcmp(l->kind, kind)) ? l : NULL;
}

static size_t addr_bytes(int family)
{
	return family == AF_INET ? 4 : 16;
}

static bool has_addr(const struct nsstate *s, const struct st_link *l, const struct topo_addr *a)
{
	for (size_t i = 0; l && i < s->addrs.n; i++) {
		const struct st_addr *k = &s->addrs.v[i];
		if (k->index == l->index && k->family == a->p.family && k->len == a->p.len &&
		    !memcmp(k->bytes, a->p.bytes, addr_bytes(k->family)))
			return true;
	}
	return false;
}

static bool has_route(const struct nsstate *s, const struct topo_route *rt)
{
	int family = rt->gw.family;
	uint8_t len = rt->dst.family == AF_UNSPEC ? 0 : rt->dst.len;
	size_t n = addr_bytes(family);

	for (size_t i = 0; i < s->routes.n; i++) {
		const struct st_route *k = &s->routes.v[i];
		if (k->family == family && k->len == len && k->has_gw &&
		    !memcmp(k->gw, rt->gw.bytes, n) &&
		    (rt->protocol < 0 || k->protocol == rt->protocol) &&
		    (len == 0 || !memcmp(k->dst, rt->dst.bytes, n)))
			return true;
	}
	return false;
}

/* ---- the steps ------------------------------------------------------------- */

static struct step *step(struct run *r, int line, struct cmdline run, struct cmdline undo)
{
	struct step *s = MORE(r->steps);

	s->run = run;
	s->undo = undo;
	s->line = line;
	return s;
}
#define CMD(c_, ns_, ...) ((struct cmdline){.cmd = (c_), .ns = (ns_), .w = {__VA_ARGS__}})
#define NO_UNDO		  ((struct cmdline){.cmd = C_NONE, .ns = ""}) /* nothing to run */

/* The command that makes device d, in its namespace. */
static struct cmdline dev_add(const struct topo_dev *d)
{
	/* each kind's command, and the keys whose values are its $2, $3... */
	static const struct {
		enum cmd cmd;
		int n;
		enum topo_dev_key keys[5];
	} adds[TK_NKINDS] = {
	    [TK_BRIDGE] = {.cmd = C_BRIDGE_ADD},
	    [TK_TAP] = {C_TUNTAP_ADD, 1, {D_MODE}},
	    [TK_TUN] = {C_TUNTAP_ADD, 1, {D_MODE}},
	    [TK_GRE] = {C_TUNNEL_ADD, 3, {D_MODE, D_LOCAL, D_REMOTE}},
	    [TK_IPIP] = {C_TUNNEL_ADD, 3, {D_MODE, D_LOCAL, D_REMOTE}},
	    [TK_VXLAN] = {C_VXLAN_ADD, 5, {D_ID, D_REMOTE, D_LOCAL, D_LINK, D_DSTPORT}},
	    [TK_VLAN] = {C_VLAN_ADD, 2, {D_LINK, D_ID}},
	    [TK_BOND] = {.cmd = C_BOND_ADD},
	    [TK_VRF] = {C_VRF_ADD, 1, {D_TABLE}},
	};
	struct cmdline l = CMD(adds[d->kind].cmd, d->ref.ns, d->ref.dev);

	for (int i = 0; i < adds[d->kind].n; i++) {
		const char *v = topo_dev_value(d, adds[d->kind].keys[i]);
		l.w[i + 1] = v ? v : "";
	}
	return l;
}

/* The devices of the file made on a lower device (a vlan, a vxlan with
 * link) are made after the veths, which may be that device. */
static int plan_devs(struct run *r, bool stacked)
{
	const struct topo *t = r->t;
	struct nsstate *s;
	int rc;

	for (size_t i = 0; i < t->devs.n; i++) {
		const struct topo_dev *d = &t->devs.v[i];
		const struct st_link *l;
		if ((d->link != NULL) != stacked)
			continue;
		if ((rc = state_of(r, d->ref.ns, &s)) < 0)
			return rc;
		if (!(l = link_in(s, d->ref.dev)) || !dev_is(l, d->kind))
			step(r, d->ref.line, dev_add(d), CMD(C_LINK_DEL, d->ref.ns, d->ref.dev));
	}
	return 0;
}

static bool up_seen(const struct topo *t, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (!strcmp(t->ups.v[k].ns, t->ups.v[i].ns) &&
		    !strcmp(t->ups.v[k].dev, t->ups.v[i].dev))
			return true;
	return false;
}

/* What the kernel gives a loopback device the first time it is set up. */
static const struct topo_addr loopback_addr = {
    .text = "127.0.0.1/8",
    .p = {.family = AF_INET, .len = 8, .has_len = true, .bytes = {127, 0, 0, 1}},
};

/* What up does: what the file describes and the kernel has not. */
static int plan_up(struct run *r)
{
	const struct topo *t = r->t;
	struct nsstate *s, *s2;
	int rc;

	for (size_t i = 0; i < t->nss.n; i++) {
		const struct topo_ns *n = &t->nss.v[i];
		if ((rc = state_of(r, n->name, &s)) < 0)
			return rc;
		if (!s->exists)
			step(r, n->line, CMD(C_NETNS_ADD, "", n->name),
			     CMD(C_NETNS_DEL, "", n->name));
	}
	if ((rc = plan_devs(r, false)) < 0)
		return rc;
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		if ((rc = state_of(r, v->a.ns, &s)) < 0 || (rc = state_of(r, v->b.ns, &s2)) < 0)
			return rc;
		if (!link_of(s, v->a.dev, veth_kind) || !link_of(s2, v->b.dev, veth_kind))
			step(r, v->line, CMD(C_VETH_ADD, "", v->a.dev, v->a.ns, v->b.dev, v->b.ns),
			     CMD(C_LINK_DEL, v->a.ns, v->a.dev));
	}
	if ((rc = plan_devs(r, true)) < 0)
		return rc;
	for (size_t i = 0; i < t->ports.n; i++) {
		const struct topo_port *p = &t->ports.v[i];
		const struct st_link *br, *dev;
		if ((rc = state_of(r, p->dev.ns, &s)) < 0)
			return rc;
		br = link_in(s, p->master);
		dev = link_in(s, p->dev.dev);
		if (!br || !dev || dev->master != br->index)
			step(r, p->dev.line, CMD(C_MASTER, p->dev.ns, p->dev.dev, p->master),
			     CMD(C_NOMASTER, p->dev.ns, p->dev.dev));
	}
	for (size_t i = 0; i < t->addrs.n; i++) {
		const struct topo_addr *a = &t->addrs.v[i];
		if ((rc = state_of(r, a->dev.ns, &s)) < 0)
			return rc;
		if (!has_addr(s, link_in(s, a->dev.dev), a))
			step(r, a->dev.line, CMD(C_ADDR_ADD, a->dev.ns, a->text, a->dev.dev),
			     CMD(C_ADDR_DEL, a->dev.ns, a->text, a->dev.dev))
			    ->addr = a;
	}
	for (size_t i = 0; i < t->ups.n; i++) {
		const struct topo_ref *u = &t->ups.v[i];
		const struct st_link *l;
		if (up_seen(t, i))
			continue;
		if ((rc = state_of(r, u->ns, &s)) < 0)
			return rc;
		l = link_in(s, u->dev);
		if (l && (l->flags & IFF_UP))
			continue;
		/* a loopback gets 127.0.0.1/8 when it first goes up, and keeps
		 * it when set down: taking it back is a step of its own, that
		 * does nothing going up */
		if (l && (l->flags & IFF_LOOPBACK) && !has_addr(s, l, &loopback_addr))
			step(r, u->line, NO_UNDO,
			     CMD(C_ADDR_DEL, u->ns, loopback_addr.text, u->dev))
			    ->addr = &loopback_addr;
		step(r, u->line, CMD(C_UP, u->ns, u->dev), CMD(C_DOWN, u->ns, u->dev));
	}
	for (size_t i = 0; i < t->routes.n; i++) {
		const struct topo_route *rt = &t->routes.v[i];
		if ((rc = state_of(r, rt->ns, &s)) < 0)
			return rc;
		if (!has_route(s, rt))
			step(r, rt->line,
			     CMD(C_ROUTE_ADD, rt->ns, rt->to, rt->via, rt->proto ? rt->proto : ""),
			     CMD(C_ROUTE_DEL, rt->ns, rt->to, rt->via))
			    ->route = rt;
	}
	return 0;
}

/* True when the file makes the device: a bridge, a veth's end, or anything
 * in a namespace it makes. */
static bool file_makes(const struct topo *t, const struct topo_ref *d)
{
	for (size_t i = 0; i < t->nss.n; i++)
		if (!strcmp(t->nss.v[i].name, d->ns))
			return true;
	for (size_t i = 0; i < t->devs.n; i++)
		if (!strcmp(t->devs.v[i].ref.ns, d->ns) && !strcmp(t->devs.v[i].ref.dev, d->dev))
			return true;
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		if ((!strcmp(v->a.ns, d->ns) && !strcmp(v->a.dev, d->dev)) ||
		    (!strcmp(v->b.ns, d->ns) && !strcmp(v->b.dev, d->dev)))
			return true;
	}
	return false;
}

/* What down does: the deletion of what the file describes and the kernel
 * has, last first; a device the file only sets up is set down (after its
 * addresses are deleted: IPv6 takes them away itself on down). */
static int plan_down(struct run *r)
{
	const struct topo *t = r->t;
	struct nsstate *s, *s2;
	int rc;

	for (size_t i = t->routes.n; i-- > 0;) {
		const struct topo_route *rt = &t->routes.v[i];
		if ((rc = state_of(r, rt->ns, &s)) < 0)
			return rc;
		if (has_route(s, rt))
			step(r, rt->line, CMD(C_ROUTE_DEL, rt->ns, rt->to, rt->via), NO_UNDO)
			    ->route = rt;
	}
	for (size_t i = t->addrs.n; i-- > 0;) {
		const struct topo_addr *a = &t->addrs.v[i];
		if ((rc = state_of(r, a->dev.ns, &s)) < 0)
			return rc;
		if (has_addr(s, link_in(s, a->dev.dev), a))
			step(r, a->dev.line, CMD(C_ADDR_DEL, a->dev.ns, a->text, a->dev.dev),
			     NO_UNDO)
			    ->addr = a;
	}
	for (size_t i = t->ups.n; i-- > 0;) {
		const struct topo_ref *u = &t->ups.v[i];
		const struct st_link *l;
		if (up_seen(t, i) || file_makes(t, u))
			continue;
		if ((rc = state_of(r, u->ns, &s)) < 0)
			return rc;
		if ((l = link_in(s, u->dev)) && (l->flags & IFF_UP))
			step(r, u->line, CMD(C_DOWN, u->ns, u->dev), NO_UNDO);
	}
	for (size_t i = t->veths.n; i-- > 0;) {
		const struct topo_veth *v = &t->veths.v[i];
		if ((rc = state_of(r, v->a.ns, &s)) < 0 || (rc = state_of(r, v->b.ns, &s2)) < 0)
			return rc;
		if (link_of(s, v->a.dev, veth_kind))
			step(r, v->line, CMD(C_LINK_DEL, v->a.ns, v->a.dev), NO_UNDO);
		else if (link_of(s2, v->b.dev, veth_kind))
			step(r, v->line, CMD(C_LINK_DEL, v->b.ns, v->b.dev), NO_UNDO);
	}
	for (size_t i = t->devs.n; i-- > 0;) {
		const struct topo_dev *d = &t->devs.v[i];
		if ((rc = state_of(r, d->ref.ns, &s)) < 0)
			return rc;
		const struct st_link *l = link_in(s, d->ref.dev);
		if (l && dev_is(l, d->kind))
			step(r, d->ref.line, CMD(C_LINK_DEL, d->ref.ns, d->ref.dev), NO_UNDO);
	}
	for (size_t i = t->nss.n; i-- > 0;) {
		const struct topo_ns *n = &t->nss.v[i];
		if ((rc = state_of(r, n->name, &s)) < 0)
			return rc;
		if (s->exists)
			step(r, n->line, CMD(C_NETNS_DEL, "", n->name), NO_UNDO);
	}
	return 0;
}

/* ---- diff: the kernel against the file ----------------------------------- */

/* What the kernel has of one thing the file describes. */
enum dstate { ST_OK, ST_MISSING, ST_DIFFERS, ST_N };
static const char *const dstate_names[ST_N] = {
    [ST_OK] = "ok", [ST_MISSING] = "missing", [ST_DIFFERS] = "differs"};
/* The things compared, as diff names them (a device is its kind's name). */
enum ditem { I_NETNS, I_VETH, I_PORT, I_ADDR, I_UP, I_ROUTE, I_N };
static const char *const ditem_names[I_N] = {
    [I_NETNS] = "netns",  [I_VETH] = "veth", [I_PORT] = "port",
    [I_ADDR] = "address", [I_UP] = "up",     [I_ROUTE] = "route"};

/* A field of a row besides line, state and item: its JSON key, its text
 * (a format of the value, NULL: " KEY VALUE") and the value. */
struct dfield {
	const char *key, *text, *val;
};

struct drow {
	int line;
	enum dstate state;
	const char *item, *ns;
	bool ns_alone; /* the text says "NS: ...", not "NS/DEV" */
	struct dfield f[3];
	char kernel[128]; /* when it differs: what the kernel has */
};

/* One line: STATE ITEM [NS/]NAME [KEY VALUE...][: what the kernel has];
 * with -j an object of the same (netns only when not the caller's). */
static void diff_row(struct run *r, const struct drow *d)
{
	struct out *o = r->c->out;

	r->differ += d->state != ST_OK;
	out_obj_open(o, NULL);
	out_int(o, OUT_JSON, "line", "%d", d->line);
	out_str(o, OUT_ANY, "state", "%-8s", dstate_names[d->state]);
	out_str(o, OUT_ANY, "item", "%s", d->item);
	if (*d->ns)
		out_str(o, OUT_ANY, "netns", d->ns_alone ? " %s:" : " %s/", d->ns);
	else
		out_text(o, " ");
	for (size_t i = 0; i < ARRAY_SIZE(d->f) && d->f[i].key; i++) {
		if (!d->f[i].text)
			out_text(o, " %s", d->f[i].key);
		out_str(o, OUT_ANY, d->f[i].key, d->f[i].text ? d->f[i].text : " %s", d->f[i].val);
	}
	if (d->state == ST_DIFFERS)
		out_str(o, OUT_ANY, "kernel", ": %s", d->kernel);
	out_nl(o);
	out_obj_close(o);
}

/* The state and what the kernel has (printf-like) of a row. */
static bool __attribute__((format(printf, 3, 4)))
differs(struct drow *d, bool cond, const char *fmt, ...)
{
	va_list ap;

	if (!cond)
		return false;
	d->state = ST_DIFFERS;
	va_start(ap, fmt);
	vsnprintf(d->kernel, sizeof(d->kernel), fmt, ap);
	va_end(ap);
	return true;
}

static const char *name_of_index(const struct nsstate *s, int index)
{
	for (size_t i = 0; i < s->links.n; i++)
		if (s->links.v[i].index == index)
			return s->links.v[i].name;
	return "?";
}

/* The kind of l as a file names it (tun devices by their type). */
static const char *kind_label(const struct st_link *l)
{
	for (int k = 0; k < TK_NKINDS; k++)
		if (dev_is(l, (enum topo_kind)k))
			return topo_kind_names[k];
	return *l->kind ? l->kind : "none";
}

/* An address of l (local, remote) as text, "none" when not set. */
static const char *st_addr_text(const struct st_link *l, const uint8_t *a, char *buf, size_t sz)
{
	if (!l->family)
		return "none";
	return format_addr(l->family, a, buf, sz);
}

static bool addr_differs(const struct st_link *l, const uint8_t *a, const struct inet_prefix *p)
{
	return l->family != p->family || memcmp(a, p->bytes, addr_bytes(p->family));
}

/* What of the kind's data the file gives and the kernel has otherwise. */
static void dev_differs(struct drow *row, const struct topo_dev *d, const struct st_link *l,
			const struct nsstate *s)
{
	char buf[INET6_ADDRSTRLEN];

	if ((d->local &&
	     differs(row, addr_differs(l, l->local, &d->lp), "%s %s", topo_dev_keys[D_LOCAL],
		     st_addr_text(l, l->local, buf, sizeof(buf)))) ||
	    (d->remote &&
	     differs(row, addr_differs(l, l->remote, &d->rp), "%s %s", topo_dev_keys[D_REMOTE],
		     st_addr_text(l, l->remote, buf, sizeof(buf)))) ||
	    (d->id && differs(row, l->id != d->idv, "%s %u", topo_dev_keys[D_ID], l->id)) ||
	    (d->table &&
	     differs(row, l->table != d->tablev, "%s %u", topo_dev_keys[D_TABLE], l->table)) ||
	    (d->dstport &&
	     differs(row, l->port != d->dstportv, "%s %u", topo_dev_keys[D_DSTPORT], l->port)))
		return;
	if (d->link)
		differs(row, strcmp(name_of_index(s, (int)l->lower), d->link), "%s %s",
			topo_dev_keys[D_LINK], l->lower ? name_of_index(s, (int)l->lower) : "none");
}

static void diff_dev(struct run *r, const struct topo_dev *d, const struct nsstate *s)
{
	const struct st_link *l = link_in(s, d->ref.dev);
	struct drow row = {.line = d->ref.line,
			   .item = topo_kind_names[d->kind],
			   .ns = d->ref.ns,
			   .f = {{"dev", "%s", d->ref.dev}}};

	row.state = l ? ST_OK : ST_MISSING;
	if (l && !differs(&row, !dev_is(l, d->kind), "a device of kind %s", kind_label(l)))
		dev_differs(&row, d, l, s);
	diff_row(r, &row);
}

static void diff_veth(struct run *r, const struct topo_veth *v, const struct nsstate *sa,
		      const struct nsstate *sb)
{
	const struct st_link *a = link_in(sa, v->a.dev), *b = link_in(sb, v->b.dev);
	struct drow row = {.line = v->line,
			   .item = ditem_names[I_VETH],
			   .ns = v->a.ns,
			   .f = {{"a", "%s", v->a.dev}, {"b", " %s", v->b.dev}}};
	char bname[300];

	/* the far end in the text as the file names it */
	snprintf(bname, sizeof(bname), "%s%s%s", v->b.ns, *v->b.ns ? "/" : "", v->b.dev);
	row.f[1].val = bname;
	row.state = a || b ? ST_OK : ST_MISSING;
	if (row.state == ST_MISSING)
		;
	else if (differs(&row, !a, "no end %s", v->a.dev) ||
		 differs(&row, !b, "no end %s", v->b.dev) ||
		 differs(&row, strcmp(a->kind, veth_kind), "%s is of kind %s", a->name,
			 *a->kind ? a->kind : "none") ||
		 differs(&row, strcmp(b->kind, veth_kind), "%s is of kind %s", b->name,
			 *b->kind ? b->kind : "none"))
		;
	else
		differs(&row, a->link != b->index || b->link != a->index,
			"the ends are not each other's peers");
	diff_row(r, &row);
}

static void diff_port(struct run *r, const struct topo_port *p, const struct nsstate *s)
{
	const struct st_link *dev = link_in(s, p->dev.dev), *m = link_in(s, p->master);
	struct drow row = {.line = p->dev.line,
			   .item = ditem_names[I_PORT],
			   .ns = p->dev.ns,
			   .f = {{"dev", "%s", p->dev.dev}, {"master", NULL, p->master}}};

	row.state = dev && m ? ST_OK : ST_MISSING;
	if (row.state == ST_OK && !differs(&row, !dev->master, "no master"))
		differs(&row, dev->master != m->index, "master %s", name_of_index(s, dev->master));
	diff_row(r, &row);
}

static void diff_addr(struct run *r, const struct topo_addr *a, const struct nsstate *s)
{
	struct drow row = {.line = a->dev.line,
			   .item = ditem_names[I_ADDR],
			   .ns = a->dev.ns,
			   .f = {{"dev", "%s", a->dev.dev}, {"address", " %s", a->text}}};

	row.state = has_addr(s, link_in(s, a->dev.dev), a) ? ST_OK : ST_MISSING;
	diff_row(r, &row);
}

static void diff_up(struct run *r, const struct topo_ref *u, const struct nsstate *s)
{
	const struct st_link *l = link_in(s, u->dev);
	struct drow row = {
	    .line = u->line, .item = ditem_names[I_UP], .ns = u->ns, .f = {{"dev", "%s", u->dev}}};

	row.state = l ? ST_OK : ST_MISSING;
	if (l)
		differs(&row, !(l->flags & IFF_UP), "down");
	diff_row(r, &row);
}

/* The route the kernel has to rt's destination, through whatever gateway. */
static const struct st_route *route_to(const struct nsstate *s, const struct topo_route *rt)
{
	uint8_t len = rt->dst.family == AF_UNSPEC ? 0 : rt->dst.len;
	size_t n = addr_bytes(rt->gw.family);

	for (size_t i = 0; i < s->routes.n; i++) {
		const struct st_route *k = &s->routes.v[i];
		if (k->family == rt->gw.family && k->len == len &&
		    (len == 0 || !memcmp(k->dst, rt->dst.bytes, n)))
			return k;
	}
	return NULL;
}

static void diff_route(struct run *r, const struct topo_route *rt, const struct nsstate *s)
{
	const struct st_route *k;
	struct drow row = {.line = rt->line,
			   .item = ditem_names[I_ROUTE],
			   .ns = rt->ns,
			   .ns_alone = true,
			   .f = {{"to", *rt->ns ? " %s" : "%s", rt->to}, {"via", NULL, rt->via}}};
	char gw[INET6_ADDRSTRLEN];

	row.state = has_route(s, rt) ? ST_OK : ST_MISSING;
	if (row.state == ST_MISSING && (k = route_to(s, rt)) &&
	    !differs(&row, !k->has_gw, "a route with no gateway") &&
	    !differs(&row, memcmp(k->gw, rt->gw.bytes, addr_bytes(k->family)), "a route via %s",
		     format_addr(k->family, k->gw, gw, sizeof(gw))))
		differs(&row, true, "a route of protocol %u", k->protocol);
	diff_row(r, &row);
}

/* Each thing the file describes, in up's order, with what the kernel has
 * (r->differ counts those missing or differing). */
static int diff_all(struct run *r)
{
	const struct topo *t = r->t;
	struct out *o = r->c->out;
	struct nsstate *s, *s2;
	int rc;

	out_list_open(o, NULL);
	for (size_t i = 0; i < t->nss.n; i++) {
		const struct topo_ns *n = &t->nss.v[i];
		struct drow row = {.line = n->line,
				   .item = ditem_names[I_NETNS],
				   .ns = "",
				   .f = {{"name", "%s", n->name}}};
		if ((rc = state_of(r, n->name, &s)) < 0)
			goto out;
		row.state = s->exists ? ST_OK : ST_MISSING;
		diff_row(r, &row);
	}
	/* in a namespace that is missing, the state read is empty: what is
	 * in it is missing */
	for (size_t i = 0; i < t->devs.n; i++) {
		if ((rc = state_of(r, t->devs.v[i].ref.ns, &s)) < 0)
			goto out;
		diff_dev(r, &t->devs.v[i], s);
	}
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		if ((rc = state_of(r, v->a.ns, &s)) < 0 || (rc = state_of(r, v->b.ns, &s2)) < 0)
			goto out;
		diff_veth(r, v, s, s2);
	}
	for (size_t i = 0; i < t->ports.n; i++) {
		if ((rc = state_of(r, t->ports.v[i].dev.ns, &s)) < 0)
			goto out;
		diff_port(r, &t->ports.v[i], s);
	}
	for (size_t i = 0; i < t->addrs.n; i++) {
		if ((rc = state_of(r, t->addrs.v[i].dev.ns, &s)) < 0)
			goto out;
		diff_addr(r, &t->addrs.v[i], s);
	}
	for (size_t i = 0; i < t->ups.n; i++) {
		if (up_seen(t, i))
			continue;
		if ((rc = state_of(r, t->ups.v[i].ns, &s)) < 0)
			goto out;
		diff_up(r, &t->ups.v[i], s);
	}
	for (size_t i = 0; i < t->routes.n; i++) {
		if ((rc = state_of(r, t->routes.v[i].ns, &s)) < 0)
			goto out;
		diff_route(r, &t->routes.v[i], s);
	}
	rc = 0;
out:
	out_list_close(o);
	return rc;
}

/* ---- save: the running state as a topology file ------------------------- */

static bool ns_listed(const struct topo *t, const char *ns)
{
	for (size_t i = 0; i < t->nss.n; i++)
		if (!strcmp(t->nss.v[i].name, ns))
			return true;
	return false;
}

static void __attribute__((format(printf, 2, 3))) note(struct topo *t, const char *fmt, ...)
{
	char buf[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	*MORE(t->notes) = topo_keep(t, buf);
}

static struct st_link *link_by_index(struct nsstate *s, int index)
{
	for (size_t i = 0; i < s->links.n; i++)
		if (s->links.v[i].index == index)
			return &s->links.v[i];
	return NULL;
}

static struct topo_ref ref_in(struct topo *t, const struct nsstate *s, const char *dev)
{
	return (struct topo_ref){.ns = topo_keep(t, s->name), .dev = topo_keep(t, dev)};
}

/* A veth end: the pair, once, when its peer is in a namespace saved. */
static int save_veth(struct run *r, struct topo *t, struct nsstate *s, struct st_link *l)
{
	struct nsstate *ps;
	struct st_link *peer;
	int rc;

	if (!*l->peer_ns || !ns_listed(t, l->peer_ns)) {
		note(t, "not saved: %s/%s, a veth whose peer is in a namespace not saved", s->name,
		     l->name);
		return 0;
	}
	if ((rc = state_of(r, l->peer_ns, &ps)) < 0)
		return rc;
	if (!(peer = link_by_index(ps, l->link))) {
		note(t, "not saved: %s/%s, a veth whose peer was not found", s->name, l->name);
		return 0;
	}
	l->saved = l->done = true;
	if (!peer->done)
		*MORE(t->veths) =
		    (struct topo_veth){.a = ref_in(t, s, l->name), .b = ref_in(t, ps, peer->name)};
	return 0;
}

/* A number of the kind's data, as text that lives as long as t. */
static const char *num_text(struct topo *t, uint32_t v)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", v);
	return topo_keep(t, buf);
}

/* A device of a kind a file describes, with what the file says of its data. */
static void save_dev(struct topo *t, const struct nsstate *s, const struct st_link *l,
		     enum topo_kind kind)
{
	const struct kind_nl *k = &kind_nl[kind];
	struct topo_dev *d = MORE(t->devs);
	char buf[INET6_ADDRSTRLEN];
	size_t n = addr_bytes(l->family);

	d->ref = ref_in(t, s, l->name);
	d->kind = kind;
	if (l->family && (k->local || k->local6) && !is_zero(l->local, n)) {
		d->local = topo_keep(t, format_addr(l->family, l->local, buf, sizeof(buf)));
		d->lp = (struct inet_prefix){.family = l->family, .len = (uint8_t)(n * 8)};
		memcpy(d->lp.bytes, l->local, n);
	}
	if (l->family && (k->remote || k->remote6) && !is_zero(l->remote, n)) {
		d->remote = topo_keep(t, format_addr(l->family, l->remote, buf, sizeof(buf)));
		d->rp = (struct inet_prefix){.family = l->family, .len = (uint8_t)(n * 8)};
		memcpy(d->rp.bytes, l->remote, n);
	}
	if (k->id)
		d->id = num_text(t, d->idv = l->id);
	if (k->table)
		d->table = num_text(t, d->tablev = l->table);
	if (k->port)
		d->dstport = num_text(t, d->dstportv = l->port);
	if ((k->lower || kind == TK_VLAN) && l->lower)
		d->link = topo_keep(t, name_of_index(s, (int)l->lower));
}

/* A tunnel module's fallback device, which the kernel makes in every
 * namespace (gre0 where ip_gre is loaded...): not the user's. */
static bool kernel_made(const struct st_link *l)
{
	static const char *const fallbacks[] = {"gre0",	   "gretap0", "erspan0", "tunl0",    "sit0",
						"ip6tnl0", "ip6gre0", "ip_vti0", "ip6_vti0", NULL};

	for (int i = 0; fallbacks[i]; i++)
		if (!strcmp(l->name, fallbacks[i]) && strcmp(l->kind, veth_kind) &&
		    strcmp(l->kind, kind_nl[TK_BRIDGE].kind))
			return true;
	return false;
}

/* The devices of s that a file describes, and which are up. */
static int save_links(struct run *r, struct topo *t, struct nsstate *s)
{
	int rc;

	for (size_t i = 0; i < s->links.n; i++) {
		struct st_link *l = &s->links.v[i];
		int k;
		for (k = 0; k < TK_NKINDS && !dev_is(l, (enum topo_kind)k); k++)
			;
		if (l->flags & IFF_LOOPBACK) {
			l->saved = true;
		} else if (kernel_made(l)) {
			continue;
		} else if (k < TK_NKINDS) {
			l->saved = true;
			save_dev(t, s, l, (enum topo_kind)k);
		} else if (!strcmp(l->kind, veth_kind)) {
			if ((rc = save_veth(r, t, s, l)) < 0)
				return rc;
		} else {
			note(t, "not saved: %s/%s, a device of %s%s", s->name, l->name,
			     *l->kind ? "kind " : "no kind", l->kind);
		}
		if (l->saved && (l->flags & IFF_UP))
			*MORE(t->ups) = ref_in(t, s, l->name);
	}
	return 0;
}

/* An address the user gave a device saved (not an IPv6 link-local one, nor
 * one the kernel made: a loopback's, or one not permanent, as
 * autoconfiguration makes). */
static void save_addr(struct topo *t, const struct nsstate *s, const struct st_link *l,
		      const struct st_addr *a)
{
	static const uint8_t v6_loopback[16] = {[15] = 1};
	char text[INET6_ADDRSTRLEN + 8], buf[INET6_ADDRSTRLEN];
	struct topo_addr *ta;

	if (a->index != l->index || !l->saved || !(a->flags & IFA_F_PERMANENT))
		return;
	if (a->family == AF_INET6 && a->bytes[0] == 0xfe && (a->bytes[1] & 0xc0) == 0x80)
		return;
	if ((l->flags & IFF_LOOPBACK) &&
	    ((a->family == AF_INET && a->len == loopback_addr.p.len &&
	      !memcmp(a->bytes, loopback_addr.p.bytes, 4)) ||
	     (a->family == AF_INET6 && a->len == 128 && !memcmp(a->bytes, v6_loopback, 16))))
		return;
	snprintf(text, sizeof(text), "%s/%u", format_addr(a->family, a->bytes, buf, sizeof(buf)),
		 a->len);
	ta = MORE(t->addrs);
	ta->dev = ref_in(t, s, l->name);
	ta->text = topo_keep(t, text);
	ta->p = (struct inet_prefix){.family = a->family, .len = a->len, .has_len = true};
	memcpy(ta->p.bytes, a->bytes, addr_bytes(a->family));
}

/* The ports of masters saved, and the addresses of devices saved, device
 * by device. */
static void save_ports_addrs(struct topo *t, struct nsstate *s)
{
	for (size_t i = 0; i < s->links.n; i++) {
		struct st_link *l = &s->links.v[i], *m;
		if (l->saved && l->master && (m = link_by_index(s, l->master)) && m->saved)
			*MORE(t->ports) = (struct topo_port){.dev = ref_in(t, s, l->name),
							     .master = topo_keep(t, m->name)};
	}
	for (size_t j = 0; j < s->links.n; j++)
		for (size_t i = 0; i < s->addrs.n; i++)
			save_addr(t, s, &s->links.v[j], &s->addrs.v[i]);
}

/* The routes the user added (boot or static), through one gateway. */
static void save_routes(struct topo *t, struct nsstate *s)
{
	for (size_t i = 0; i < s->routes.n; i++) {
		const struct st_route *k = &s->routes.v[i];
		struct topo_route *tr;
		char to[INET6_ADDRSTRLEN + 8], via[INET6_ADDRSTRLEN], buf[INET6_ADDRSTRLEN];
		if (k->protocol != RTPROT_BOOT && k->protocol != RTPROT_STATIC)
			continue;
		snprintf(to, sizeof(to), "%s/%u", format_addr(k->family, k->dst, buf, sizeof(buf)),
			 k->len);
		if (k->type != RTN_UNICAST || !k->has_gw || k->multipath) {
			note(t, "not saved: a route to %s in %s, not through one gateway", to,
			     s->name);
			continue;
		}
		format_addr(k->family, k->gw, via, sizeof(via));
		tr = MORE(t->routes);
		tr->protocol = -1;
		for (int w = 0; k->protocol != RTPROT_BOOT && rt_proto_words[w]; w++)
			if (rt_proto_values[w] == k->protocol) {
				tr->proto = rt_proto_words[w];
				tr->protocol = k->protocol;
			}
		tr->ns = topo_keep(t, s->name);
		tr->to = topo_keep(t, to);
		tr->via = topo_keep(t, via);
		tr->dst = (struct inet_prefix){.family = k->family, .len = k->len, .has_len = true};
		memcpy(tr->dst.bytes, k->dst, addr_bytes(k->family));
		tr->gw = (struct inet_prefix){.family = k->family, .len = 0};
		memcpy(tr->gw.bytes, k->gw, addr_bytes(k->family));
	}
}

static int cmp_links(const void *a, const void *b)
{
	return strcmp(((const struct st_link *)a)->name, ((const struct st_link *)b)->name);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The namespaces to save: those named, each checked, or every named one. */
static int save_names(struct run *r, struct topo *t, const struct val *v)
{
	char path[4096];

	if (v[0].nrest) {
		for (int i = 0; i < v[0].nrest; i++) {
			const char *n = v[0].rest[i];
			snprintf(path, sizeof(path), "%s/%s", netns_dir(), n);
			if (strchr(n, '/') || access(path, F_OK) < 0) {
				snprintf(r->c->reason, sizeof(r->c->reason),
					 "%s: no namespace of that name", n);
				return -ENOENT;
			}
			if (!ns_listed(t, n))
				*MORE(t->nss) = (struct topo_ns){.name = topo_keep(t, n)};
		}
		return 0;
	}
	DIR *d = opendir(netns_dir());
	struct dirent *e;
	if (!d)
		return errno == ENOENT ? 0 : err_errno(r->c, errno, NULL);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			*MORE(t->nss) = (struct topo_ns){.name = topo_keep(t, e->d_name)};
	closedir(d);
	if (t->nss.n) /* qsort of NULL is undefined, even of none */
		qsort(t->nss.v, t->nss.n, sizeof(*t->nss.v), cmp_names);
	return 0;
}

/* The running state of the namespaces as a topology file, on stdout. */
static int save_run(struct run *r, struct topo *t, const struct val *v)
{
	struct nsstate *s;
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if ((rc = save_names(r, t, v)) < 0)
		return rc;
	/* devices by name: the file is the same whatever order they were
	 * made in (a veth's first end is the first by namespace and name) */
	for (size_t i = 0; i < t->nss.n; i++) {
		if ((rc = state_of(r, t->nss.v[i].name, &s)) < 0)
			return rc;
		if (s->links.n)
			qsort(s->links.v, s->links.n, sizeof(*s->links.v), cmp_links);
	}
	for (size_t i = 0; i < t->nss.n; i++) {
		if ((rc = state_of(r, t->nss.v[i].name, &s)) < 0 || (rc = save_links(r, t, s)) < 0)
			return rc;
	}
	for (size_t i = 0; i < t->nss.n; i++) {
		if ((rc = state_of(r, t->nss.v[i].name, &s)) < 0)
			return rc;
		save_ports_addrs(t, s);
		save_routes(t, s);
	}
	if (!(f = open_memstream(&text, &len)))
		abort();
	topo_write(f, t);
	fclose(f);
	out_text(r->c->out, "%s", text);
	free(text);
	return 0;
}

/* ---- running them ---------------------------------------------------------- */

/* One command line, in its namespace, through the dispatcher; its error,
 * when it fails, is printed after "topo VERB FILE:LINE: " (and what). */
static int run_words(struct run *r, const char *ns, int argc, char **argv, int line,
		     const char *what)
{
	struct ctx *c = r->c;
	const char *saved_where = c->where, *saved_ns = c->netns;
	char where[4400];
	int rc;

	snprintf(where, sizeof(where), "%stopo %s %s:%d: %s%s%s%s", saved_where ? saved_where : "",
		 r->verb, r->t->file, line, what, *ns ? "-n " : "", ns, *ns ? ": " : "");
	if ((rc = enter(r, ns)) < 0) {
		c->obj = NULL;
		return err_report(c, rc, where);
	}
	snprintf(where, sizeof(where), "%stopo %s %s:%d: %s", saved_where ? saved_where : "",
		 r->verb, r->t->file, line, what);
	c->where = where;
	c->netns = *ns ? ns : saved_ns;
	rc = dispatch(c, argc, argv);
	c->where = saved_where;
	c->netns = saved_ns;
	return rc;
}

static int run_cmd(struct run *r, const struct cmdline *l, int line, const char *what)
{
	char *argv[CMD_WORDS + 1];
	int argc = cmd_argv(l, argv), rc;

	rc = run_words(r, l->ns, argc, argv, line, what);
	/* a namespace made or deleted: the name may be another's now */
	if (l->cmd == C_NETNS_ADD || l->cmd == C_NETNS_DEL)
		r->cur = NULL;
	return rc;
}

/* 1 when what l takes away (a deletion, a down, a nomaster) is still
 * there, as the kernel says now: a namespace deleted takes its devices, a
 * device set down its IPv6 addresses, a device deleted its routes. */
static int still_there(struct run *r, const struct step *s, const struct cmdline *l)
{
	const struct st_link *k;
	struct nsstate *st;
	char path[4096];
	int rc;

	if (l->cmd == C_NETNS_DEL) {
		snprintf(path, sizeof(path), "%s/%s", netns_dir(), l->w[0]);
		return access(path, F_OK) == 0;
	}
	if ((rc = state_get(r, l->ns, true, &st)) < 0)
		return rc;
	if (!st->exists)
		return 0;
	k = link_in(st, l->w[l->cmd == C_ADDR_DEL ? 1 : 0]);
	switch (l->cmd) {
	case C_LINK_DEL:
		return k != NULL;
	case C_NOMASTER:
		return k && k->master;
	case C_DOWN:
		return k && (k->flags & IFF_UP);
	case C_ADDR_DEL:
		return has_addr(st, k, s->addr);
	case C_ROUTE_DEL:
		return has_route(st, s->route);
	default:
		return 1;
	}
}

/* Run l when what it takes away is still there. */
static int run_if_there(struct run *r, const struct step *s, const struct cmdline *l,
			const char *what)
{
	int rc = still_there(r, s, l);

	if (rc < 0) {
		char where[4400];
		snprintf(where, sizeof(where), "%stopo %s %s:%d: %s",
			 r->c->where ? r->c->where : "", r->verb, r->t->file, s->line, what);
		r->c->obj = NULL;
		return err_report(r->c, rc, where);
	}
	return rc ? run_cmd(r, l, s->line, what) : EXIT_OK;
}

/* down's device deletions from step *i on, consecutive: those of one
 * namespace still there go in one `link del A B...`, which the link
 * object makes one gathered deletion (linkdel.h: a pass of the kernel
 * rather than a grace period per device).  *i is left at the last. */
static int del_gathered(struct run *r, size_t *i)
{
	size_t end = *i, n = 0;
	char **argv;
	int rc = EXIT_OK;

	while (end < r->steps.n && r->steps.v[end].run.cmd == C_LINK_DEL)
		end++;
	if (!(argv = calloc(end - *i + 3, sizeof(*argv))))
		abort();
	argv[n++] = (char *)cmds[C_LINK_DEL][0];
	argv[n++] = (char *)cmds[C_LINK_DEL][1];
	for (size_t k = *i; k < end && rc == EXIT_OK; k++) {
		const char *ns = r->steps.v[k].run.ns;
		struct nsstate *st;
		int first = 0, got;
		bool seen = false;
		/* a namespace whose deletions were gathered at an earlier k */
		for (size_t j = *i; j < k && !seen; j++)
			seen = !strcmp(r->steps.v[j].run.ns, ns);
		if (seen)
			continue;
		if ((got = state_get(r, ns, true, &st)) < 0) {
			char where[4400];
			snprintf(where, sizeof(where),
				 "%stopo %s %s:%d: ", r->c->where ? r->c->where : "", r->verb,
				 r->t->file, r->steps.v[k].line);
			r->c->obj = NULL;
			rc = err_report(r->c, got, where);
			break;
		}
		n = 2;
		for (size_t j = k; j < end; j++) {
			const struct cmdline *l = &r->steps.v[j].run;
			if (strcmp(l->ns, ns) || !st->exists || !link_in(st, l->w[0]))
				continue;
			if (!first)
				first = r->steps.v[j].line;
			argv[n++] = (char *)l->w[0];
		}
		argv[n] = NULL;
		if (n > 2)
			rc = run_words(r, ns, (int)n, argv, first, "");
	}
	free(argv);
	*i = end - 1;
	return rc;
}

/* SIGINT or SIGTERM while steps run: the handler only notes it; before the
 * next step, up undoes what it made and down stops, and the signal is
 * raised again once the handlers before are back (a batch's, the shell's,
 * or the default: the process ends by it, the system as it began). */
static volatile sig_atomic_t topo_signal;
static const int topo_signals[] = {SIGINT, SIGTERM};

static void on_topo_signal(int sig)
{
	topo_signal = sig;
}

/* With SA_RESTART: a step under way completes, answered, before the stop. */
static void catch_signals(struct sigaction *old)
{
	struct sigaction sa = {.sa_handler = on_topo_signal, .sa_flags = SA_RESTART};

	sigemptyset(&sa.sa_mask);
	topo_signal = 0;
	for (size_t i = 0; i < ARRAY_SIZE(topo_signals); i++) {
		sigaction(topo_signals[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(topo_signals[i], &sa, NULL);
	}
}

static void release_signals(const struct sigaction *old)
{
	for (size_t i = 0; i < ARRAY_SIZE(topo_signals); i++)
		sigaction(topo_signals[i], &old[i], NULL);
	if (topo_signal)
		raise(topo_signal);
}

/* The one line of a run a signal stopped before step s. */
static void interrupted(struct run *r, const struct step *s, bool deleting)
{
	const char *where = r->c->where ? r->c->where : "";

	err_line("%stopo %s %s:%d: interrupted (%s) before this step: %s", where, r->verb,
		 r->t->file, s->line, topo_signal == SIGINT ? "SIGINT" : "SIGTERM",
		 deleting ? "the steps before it took effect" : "what this run made is undone");
}

/* The steps in order; at a failure, the undoing of those done, last first.
 * up's steps run as planned; down's, and the undoing, only where what they
 * take away is still there. */
static int apply(struct run *r, bool deleting)
{
	for (size_t i = 0; i < r->steps.n; i++) {
		const struct step *s = &r->steps.v[i];
		int rc = EXIT_OK;

		if (topo_signal) {
			interrupted(r, s, deleting);
			rc = EXIT_FAIL;
		} else if (deleting && s->run.cmd == C_LINK_DEL) {
			rc = del_gathered(r, &i);
		} else if (s->run.cmd != C_NONE) {
			rc = deleting ? run_if_there(r, s, &s->run, "")
				      : run_cmd(r, &s->run, s->line, "");
		}
		if (rc == EXIT_OK)
			continue;
		while (!deleting && i-- > 0) {
			s = &r->steps.v[i];
			if (s->undo.cmd != C_NONE)
				run_if_there(r, s, &s->undo, "undoing: ");
		}
		return -VN_EREPORTED;
	}
	if (topo_signal && r->steps.n)
		err_line(
		    "%stopo %s %s:%d: interrupted (%s) after the last step: every step took effect",
		    r->c->where ? r->c->where : "", r->verb, r->t->file,
		    r->steps.v[r->steps.n - 1].line, topo_signal == SIGINT ? "SIGINT" : "SIGTERM");
	return 0;
}

/* A word as a shell reads it back: quoted when it holds more than plain
 * characters. */
static void print_word(struct out *o, const char *w, bool json)
{
	static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
				    "@%+=:,./-_";

	if (json)
		out_str(o, OUT_JSON, NULL, "%s", w);
	if (*w && strspn(w, plain) == strlen(w)) {
		out_text(o, " %s", w);
		return;
	}
	out_text(o, " '");
	for (; *w; w++)
		if (*w == '\'')
			out_text(o, "'\\''");
		else
			out_text(o, "%c", *w);
	out_text(o, "'");
}

/* plan: each step as the command line that does it; with -j, a list of
 * {"line", "netns" when not the caller's, "argv"}. */
static void print_steps(struct run *r)
{
	struct out *o = r->c->out;

	out_list_open(o, NULL);
	for (size_t i = 0; i < r->steps.n; i++) {
		const struct cmdline *l = &r->steps.v[i].run;
		char *argv[CMD_WORDS + 1];
		int argc;

		if (l->cmd == C_NONE)
			continue;
		argc = cmd_argv(l, argv);
		out_obj_open(o, NULL);
		out_int(o, OUT_JSON, "line", "%d", r->steps.v[i].line);
		out_text(o, "vnetctl");
		if (*l->ns) {
			out_str(o, OUT_JSON, "netns", "%s", l->ns);
			out_text(o, " -n");
			print_word(o, l->ns, false);
		}
		out_list_open(o, "argv");
		for (int k = 0; k < argc; k++)
			print_word(o, argv[k], true);
		out_list_close(o);
		out_nl(o);
		out_obj_close(o);
	}
	out_list_close(o);
}

/* The one error line of a topo verb: "topo VERB [FILE: ]reason"; the file's
 * own errors carry their place already. */
static int topo_fail(struct ctx *c, int rc, const char *verb, const char *file)
{
	char reason[sizeof(c->reason)];

	snprintf(reason, sizeof(reason), "%s",
		 c->reason[0] ? c->reason : strerror(rc < -VN_EFAIL ? EPROTO : -rc));
	/* a reason cut short at the buffer's end is still the line */
	if (snprintf(c->reason, sizeof(c->reason), "topo %s %s%s%s", verb, file ? file : "",
		     file ? ": " : "", reason) < 0)
		c->reason[0] = '\0';
	c->obj = NULL; /* the line names the object itself */
	return rc == -VN_EUSAGE ? rc : -VN_EFAIL;
}

enum topo_verb { T_UP, T_DOWN, T_PLAN, T_DIFF, T_SAVE };

static int topo_run(struct ctx *c, const struct val *v, enum topo_verb which)
{
	static const char *const names[] = {[T_UP] = "up",
					    [T_DOWN] = "down",
					    [T_PLAN] = "plan",
					    [T_DIFF] = "diff",
					    [T_SAVE] = "save"};
	struct topo t = {0};
	struct run r = {
	    .c = c, .t = &t, .verb = names[which], .home = -1, .peers = which == T_SAVE};
	struct nl_pipe *pipe = c->pipe;
	struct delq *delq = c->delq;
	int rc, rc2;

	if (which != T_SAVE && (rc = topo_read(c, v[0].str, &t)) < 0)
		return topo_fail(c, rc, r.verb, rc == -VN_EUSAGE ? NULL : v[0].str);
	/* a batch's changes land before the steps look at the kernel; the
	 * steps themselves are run one by one, each answered */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	c->pipe = NULL;
	c->delq = NULL;
	r.home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (r.home < 0) {
		rc = err_errno(c, errno, NULL);
	} else {
		if (which == T_SAVE)
			rc = save_run(&r, &t, v);
		else if (which == T_DIFF)
			rc = diff_all(&r);
		else
			rc = which == T_DOWN ? plan_down(&r) : plan_up(&r);
		/* dry run: a namespace up would make cannot be entered to
		 * show a request in it, so up and down print their steps */
		if (which == T_SAVE) {
			; /* written */
		} else if (rc == 0 && which == T_DIFF) {
			/* like diff(1): 1 when they differ, with no line of error */
			if (r.differ)
				rc = -VN_EREPORTED;
		} else if (rc == 0 && (which == T_PLAN || ctx_dryrun(c))) {
			print_steps(&r);
		} else if (rc == 0) {
			struct sigaction old[ARRAY_SIZE(topo_signals)];
			catch_signals(old);
			rc = apply(&r, which == T_DOWN);
			/* home first: a handler before may end the process */
			r.cur = NULL;
			if ((rc2 = enter(&r, "")) < 0 && rc == 0)
				rc = rc2;
			release_signals(old);
		}
		/* home, and a socket there, whatever happened */
		r.cur = NULL;
		if ((rc2 = enter(&r, "")) < 0 && rc == 0)
			rc = rc2;
		close(r.home);
	}
	c->pipe = pipe;
	c->delq = delq;
	for (size_t i = 0; i < r.st.n; i++) {
		state_clear(r.st.v[i]);
		free(r.st.v[i]);
	}
	free(r.st.v);
	free(r.steps.v);
	if (rc < 0 && rc != -VN_EREPORTED)
		rc = topo_fail(c, rc, r.verb, t.file);
	topo_free(&t);
	return rc;
}

static int topo_up(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_UP);
}

static int topo_down(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_DOWN);
}

static int topo_plan(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_PLAN);
}

static int topo_diff(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_DIFF);
}

static int topo_save(struct ctx *c, const struct val *v)
{
	return topo_run(c, v, T_SAVE);
}

static const struct arg save_args[] = {
    {.kind = ARG_REST,
     .flags = ARGF_POSITIONAL,
     .metavar = "NS...",
     .help = "the namespaces to save (default: every named one)"},
};

static const struct arg file_args[] = {
    {.kind = ARG_STRING,
     .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
     .metavar = "FILE",
     .help = "the topology file (YAML; see vnetctl-topo(8))"},
};

static const struct verb topo_verbs[] = {
    VERB("up", topo_up, file_args, "make what FILE describes and the kernel lacks; all or nothing"),
    VERB("down", topo_down, file_args, "delete what FILE describes, last first"),
    VERB("plan", topo_plan, file_args, "print the vnetctl commands up would run"),
    VERB("diff", topo_diff, file_args,
	 "the kernel against FILE: what matches, is missing or differs (exit 1 unless equal)"),
    VERB("save", topo_save, save_args,
	 "the namespaces' running state as a topology file that up rebuilds, on stdout"),
};

VNETCTL_OBJECT_OF(topo, "plan", "a whole lab from a YAML topology file")
