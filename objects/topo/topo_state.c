// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo: the kernel's state as topo reads it, namespace by namespace (one
 * dump each of links, addresses and routes), and what is asked of it: a
 * device of a file's kind, an address, a route.  up, down and plan
 * (topo.c), diff (topo_diff.c) and save (topo_save.c) all look through it.
 */
#include <arpa/inet.h> /* before the linux/ headers, which then add only what libc lacks */
#include <errno.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>
#include <linux/if_tunnel.h>
#include <linux/rtnetlink.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "netnsutil.h"
#include "nl.h"
#include "topo_state.h"

char *topo_place(char *buf, size_t sz, const char *where, const char *verb, const char *file,
		 int line, const char *fmt, ...)
{
	int n = snprintf(buf, sz, "%stopo %s", where ? where : "", verb);
	va_list ap;

	if (file && n >= 0 && (size_t)n < sz)
		n += snprintf(buf + n, sz - (size_t)n, line ? " %s:%d" : " %s", file, line);
	if (n >= 0 && (size_t)n < sz) {
		va_start(ap, fmt);
		vsnprintf(buf + n, sz - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return buf;
}

/* Into namespace ns ("" the caller's), with a socket of its own. */
int topo_enter(struct run *r, const char *ns)
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
const struct kind_nl topo_kind_nl[TK_NKINDS] = {
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

/* The kernel's name of a veth's kind (a file's veths are no topo_kind_nl's). */
const char topo_veth_kind[] = "veth";

bool topo_is_zero(const uint8_t *b, size_t n)
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

	if (!a || mnl_attr_get_payload_len(a) != n || topo_is_zero(mnl_attr_get_payload(a), n))
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
		if (topo_kind_nl[i].kind && !strcmp(topo_kind_nl[i].kind, l->kind) &&
		    topo_kind_nl[i].max)
			k = &topo_kind_nl[i];
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
bool topo_dev_is(const struct st_link *l, enum topo_kind kind)
{
	return topo_kind_nl[kind].kind && !strcmp(l->kind, topo_kind_nl[kind].kind) &&
	       (!topo_kind_nl[kind].tun_type || l->tun_type == topo_kind_nl[kind].tun_type);
}

bool topo_dev_of(const struct st_link *l, const struct topo_dev *d)
{
	return d->kind == TK_LINK ? !strcmp(l->kind, d->kind_name) : topo_dev_is(l, d->kind);
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
	l = VEC_PUSH(s->links);
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
	if (!strcmp(l->kind, topo_kind_nl[TK_VLAN].kind))
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
	l = VEC_PUSH(s->addrs);
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
	l = VEC_PUSH(s->routes);
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

enum ns_kind topo_ns_kind(const char *name, struct ns_id *id)
{
	char path[4096];
	struct statfs sf;
	struct stat st;
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", netns_dir(), name) >= sizeof(path) ||
	    (fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
		return NS_NONE; /* O_NONBLOCK: a FIFO put there is no namespace either */
	if (fstatfs(fd, &sf) < 0 || sf.f_type != NSFS_MAGIC || fstat(fd, &st) < 0) {
		close(fd);
		return NS_LEFTOVER;
	}
	close(fd);
	if (id)
		*id = (struct ns_id){.dev = st.st_dev, .ino = st.st_ino};
	return NS_NAMED;
}

static int load_state(struct run *r, struct nsstate *s)
{
	struct ns_id id = {0};
	enum ns_kind k = *s->name ? topo_ns_kind(s->name, &id) : NS_NAMED;
	int rc;

	s->exists = k == NS_NAMED;
	s->leftover = k == NS_LEFTOVER;
	if (!s->exists)
		return 0;
	if (!s->id.ino) /* the first reading is the namespace this run saw */
		s->id = id;
	if ((rc = topo_enter(r, s->name)) < 0 ||
	    (rc = dump(r->c, RTM_GETLINK, sizeof(struct ifinfomsg), keep_link, s)) < 0 ||
	    (rc = dump(r->c, RTM_GETADDR, sizeof(struct ifaddrmsg), keep_addr, s)) < 0 ||
	    (rc = dump(r->c, RTM_GETROUTE, sizeof(struct rtmsg), keep_route, s)) < 0)
		return rc;
	for (size_t i = 0; r->peers && i < s->links.n; i++) {
		struct st_link *l = &s->links.v[i];
		if (l->link_nsid < 0)
			snprintf(l->peer_ns, sizeof(l->peer_ns), "%s", s->name);
	}
	return 0;
}

/* A link in y that may be l's peer, l being in another namespace: its
 * index is l's peer's and its peer's index is l's. */
static bool peer_candidate(const struct st_link *l, const struct st_link *p)
{
	return p->index == l->link && p->link == l->index && p->link_nsid >= 0;
}

/* Whether x (entered) knows namespace y by nsid. */
static int nsid_is(struct run *r, const struct nsstate *x, const struct nsstate *y, int nsid,
		   bool *yes)
{
	char path[4096];
	int fd, rc;

	*yes = false;
	if ((rc = topo_enter(r, x->name)) < 0)
		return rc;
	snprintf(path, sizeof(path), "%s/%s", netns_dir(), y->name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0; /* gone meanwhile: not the peer's */
	*yes = netns_nsid_of_fd(r->c, fd) == nsid;
	close(fd);
	return 0;
}

/* The namespace of l's peer, in namespace sx, among those read. */
static int resolve_peer(struct run *r, const struct nsstate *sx, struct st_link *l)
{
	bool yes;
	int rc;

	for (size_t y = 0; y < r->st.n; y++) {
		const struct nsstate *sy = r->st.v[y];
		for (size_t k = 0; sy != sx && sy->exists && k < sy->links.n; k++) {
			if (!peer_candidate(l, &sy->links.v[k]))
				continue;
			if ((rc = nsid_is(r, sx, sy, l->link_nsid, &yes)) < 0)
				return rc;
			if (yes) {
				snprintf(l->peer_ns, sizeof(l->peer_ns), "%s", sy->name);
				return 0;
			}
			break; /* one candidate a namespace: indexes are unique there */
		}
	}
	return 0;
}

int topo_resolve_peers(struct run *r)
{
	int rc;

	for (size_t x = 0; x < r->st.n; x++) {
		struct nsstate *sx = r->st.v[x];
		for (size_t i = 0; sx->exists && i < sx->links.n; i++)
			if (sx->links.v[i].link_nsid >= 0 &&
			    (rc = resolve_peer(r, sx, &sx->links.v[i])) < 0)
				return rc;
	}
	return 0;
}

void topo_state_clear(struct nsstate *s)
{
	free(s->links.v);
	free(s->addrs.v);
	free(s->routes.v);
	memset(&s->links, 0, sizeof(s->links));
	memset(&s->addrs, 0, sizeof(s->addrs));
	memset(&s->routes, 0, sizeof(s->routes));
}

struct nsstate *topo_state_find(const struct run *r, const char *ns)
{
	for (size_t i = 0; i < r->st.n; i++)
		if (!strcmp(r->st.v[i]->name, ns))
			return r->st.v[i];
	return NULL;
}

/* The state of namespace ns, read once a run, or again when fresh. */
int topo_state_get(struct run *r, const char *ns, bool fresh, struct nsstate **out)
{
	struct nsstate *s = topo_state_find(r, ns);

	if (s) {
		*out = s;
		if (!fresh)
			return 0;
		topo_state_clear(s);
		return load_state(r, s);
	}
	if (!(s = calloc(1, sizeof(*s))))
		abort();
	*VEC_PUSH(r->st) = s;
	s->name = ns;
	*out = s;
	return load_state(r, s);
}

int topo_state_of(struct run *r, const char *ns, struct nsstate **out)
{
	return topo_state_get(r, ns, false, out);
}

const struct st_link *topo_link_in(const struct nsstate *s, const char *dev)
{
	for (size_t i = 0; i < s->links.n; i++)
		if (!strcmp(s->links.v[i].name, dev))
			return &s->links.v[i];
	return NULL;
}

size_t topo_addr_bytes(int family)
{
	return family == AF_INET ? 4 : 16;
}

bool topo_has_addr(const struct nsstate *s, const struct st_link *l, const struct topo_addr *a)
{
	for (size_t i = 0; l && i < s->addrs.n; i++) {
		const struct st_addr *k = &s->addrs.v[i];
		if (k->index == l->index && k->family == a->p.family && k->len == a->p.len &&
		    !memcmp(k->bytes, a->p.bytes, topo_addr_bytes(k->family)))
			return true;
	}
	return false;
}

bool topo_has_route(const struct nsstate *s, const struct topo_route *rt)
{
	int family = rt->gw.family;
	uint8_t len = rt->dst.family == AF_UNSPEC ? 0 : rt->dst.len;
	size_t n = topo_addr_bytes(family);

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

const char *topo_name_of_index(const struct nsstate *s, int index)
{
	for (size_t i = 0; i < s->links.n; i++)
		if (s->links.v[i].index == index)
			return s->links.v[i].name;
	return "?";
}

bool topo_up_seen(const struct topo *t, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (!strcmp(t->ups.v[k].ns, t->ups.v[i].ns) &&
		    !strcmp(t->ups.v[k].dev, t->ups.v[i].dev))
			return true;
	return false;
}

/* What the kernel gives a loopback device the first time it is set up. */
const struct topo_addr topo_loopback_addr = {
    .text = "127.0.0.1/8",
    .p = {.family = AF_INET, .len = 8, .has_len = true, .bytes = {127, 0, 0, 1}},
};

bool topo_kernel_made(const struct st_link *l)
{
	static const char *const fallbacks[] = {"gre0",	   "gretap0", "erspan0", "tunl0",    "sit0",
						"ip6tnl0", "ip6gre0", "ip_vti0", "ip6_vti0", NULL};

	for (int i = 0; fallbacks[i]; i++)
		if (!strcmp(l->name, fallbacks[i]) && strcmp(l->kind, topo_veth_kind) &&
		    strcmp(l->kind, topo_kind_nl[TK_BRIDGE].kind))
			return true;
	return false;
}

bool topo_user_addr(const struct st_link *l, const struct st_addr *a)
{
	static const uint8_t v6_loopback[16] = {[15] = 1};

	if (!(a->flags & IFA_F_PERMANENT))
		return false;
	if (a->family == AF_INET6 && a->bytes[0] == 0xfe && (a->bytes[1] & 0xc0) == 0x80)
		return false;
	return !((l->flags & IFF_LOOPBACK) &&
		 ((a->family == AF_INET && a->len == topo_loopback_addr.p.len &&
		   !memcmp(a->bytes, topo_loopback_addr.p.bytes, 4)) ||
		  (a->family == AF_INET6 && a->len == 128 && !memcmp(a->bytes, v6_loopback, 16))));
}

bool topo_user_route(const struct st_route *k)
{
	return k->protocol == RTPROT_BOOT || k->protocol == RTPROT_STATIC;
}

const char *topo_route_to(const struct st_route *k, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	if (k->len)
		snprintf(buf, size, "%s/%u", format_addr(k->family, k->dst, a, sizeof(a)), k->len);
	else
		snprintf(buf, size, "%s", prefix_any_words[0]);
	return buf;
}
