// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * addr show and flush: the selectors, and the addresses they pick.
 *
 * show dumps every address once and every link once and joins them here, so
 * a host with many devices costs two dumps rather than a request per device;
 * the addresses are grouped by device first, so the join is n log n.
 * flush deletes a device's addresses through one pipelined batch, because a
 * device may carry thousands of them.
 */
#include <errno.h>
#include <fnmatch.h>
#include <linux/if_addr.h>
#include <linux/if.h>
#include <linux/sockios.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "addr.h"
#include "core.h"
#include "link.h"
#include "flush.h"
#include "nl.h"
#include "rtnames.h"
#include "out.h"

/* flush repeats its dump and delete; more rounds mean addresses keep coming. */
#define FLUSH_ROUNDS 8

/* ---- the arguments ------------------------------------------------------ */

/* A flag selector: only the addresses with the flag, and with "-" before
 * it, only those without (ip's FLAG-LIST); spelled whole under ip's name. */
#define SEL_FLAG(w, h) SEL_FLAG_X(w, 0, h)
/* The same, given with its opposite x (primary secondary) a usage error. */
#define SEL_FLAG_X(w, x, h)                                                                        \
	[S_PERMANENT + SF_##w] = {.kw = AW_##w,                                                    \
				  .kind = ARG_FLAG,                                                \
				  .flags = ARGF_IP_EXACT,                                          \
				  .excludes = (x),                                                 \
				  .help = "only addresses " h},                                    \
		       [S_PERMANENT + S_NFLAGS + SF_##w] = {.kw = "-" AW_##w,                      \
							    .kind = ARG_FLAG,                      \
							    .flags = ARGF_IP_EXACT,                \
							    .help = "leave out those " h}

/* The flags in the order of the selectors (S_PERMANENT...). */
enum {
	SF_PERMANENT,
	SF_DYNAMIC,
	SF_SECONDARY,
	SF_PRIMARY,
	SF_TENTATIVE,
	SF_DEPRECATED,
	SF_DADFAILED,
	SF_TEMPORARY,
	SF_HOME,
	SF_MNGTMPADDR,
	SF_NODAD,
	SF_OPTIMISTIC,
	SF_NOPREFIXROUTE,
	SF_AUTOJOIN,
};

/* show and flush: the selectors, each narrowing what is listed or flushed.
 * ip compares each with strcmp: a word that is none of them is the device. */
const struct arg addr_show_args[S_COUNT] = {
    [S_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .flags = ARGF_POSITIONAL | ARGF_IP_EXACT,
	       .metavar = "NAME",
	       .help = "only this device (the keyword may be left out)"},
    [S_UP] = {.kw = "up",
	      .kind = ARG_FLAG,
	      .flags = ARGF_IP_EXACT,
	      .help = "only the devices that are up"},
    [S_SCOPE] = RT_SCOPE_ENTRY("only addresses of this scope, a name or 0 to 255"),
    [S_LABEL] = {.kw = "label",
		 .kind = ARG_STRING,
		 .flags = ARGF_IP_EXACT,
		 .metavar = "PATTERN",
		 .help = "only addresses whose label (the device's name when none) matches this "
			 "shell pattern"},
    [S_TO] = {.kw = "to",
	      .kind = ARG_PREFIX,
	      .flags = ARGF_IP_EXACT,
	      .metavar = "PREFIX",
	      .help = "only addresses inside this prefix (and of its family)"},
    [S_TYPE] = {.kw = "type",
		.kind = ARG_STRING,
		.flags = ARGF_IP_EXACT,
		.metavar = "KIND",
		.help = "only devices of that kind (KIND_slave: the ports of that kind)"},
    [S_MASTER] = {.kw = "master",
		  .kind = ARG_IFNAME,
		  .flags = ARGF_IP_EXACT,
		  .metavar = "DEV",
		  .help = "only the ports of that bridge, bond or vrf"},
    [S_VRF] = {.kw = "vrf",
	       .kind = ARG_IFNAME,
	       .flags = ARGF_IP_EXACT,
	       .metavar = "NAME",
	       .help = "only the devices of that vrf"},
    [S_NOMASTER] = {.kw = "nomaster",
		    .kind = ARG_FLAG,
		    .flags = ARGF_IP_EXACT,
		    .help = "only the devices that are no device's port"},
    [S_METRIC] = {.kw = "metric",
		  .kind = ARG_U32,
		  .flags = ARGF_IP_EXACT,
		  .metavar = "N",
		  .help = "only addresses whose network's route has this metric"},
    SEL_FLAG_X(PERMANENT, S_PERMANENT + SF_DYNAMIC + 1, "that never expire"),
    SEL_FLAG(DYNAMIC, "with a lifetime (autoconfigured, or given valid_lft)"),
    SEL_FLAG(SECONDARY, "that are secondary (IPv4) or temporary (IPv6)"),
    SEL_FLAG_X(PRIMARY, S_PERMANENT + SF_SECONDARY + 1, "that are primary"),
    SEL_FLAG(TENTATIVE, "still in duplicate address detection"),
    SEL_FLAG(DEPRECATED, "past their preferred lifetime"),
    SEL_FLAG(DADFAILED, "whose duplicate address detection failed"),
    SEL_FLAG(TEMPORARY, "that are temporary (as secondary)"),
    SEL_FLAG(HOME, "that are home addresses"),
    SEL_FLAG(MNGTMPADDR, "that make temporary addresses"),
    SEL_FLAG(NODAD, "added without duplicate address detection"),
    SEL_FLAG(OPTIMISTIC, "in optimistic duplicate address detection"),
    SEL_FLAG(NOPREFIXROUTE, "without a route to their network"),
    SEL_FLAG(AUTOJOIN, "that joined their multicast group"),
};

/* Each flag selector's bit; "primary" and "dynamic" are its absence. */
static const struct {
	uint32_t mask;
	bool set;
} flag_selectors[S_NFLAGS] = {
    [SF_PERMANENT] = {IFA_F_PERMANENT, true},
    [SF_DYNAMIC] = {IFA_F_PERMANENT, false},
    [SF_SECONDARY] = {IFA_F_SECONDARY, true},
    [SF_PRIMARY] = {IFA_F_SECONDARY, false},
    [SF_TENTATIVE] = {IFA_F_TENTATIVE, true},
    [SF_DEPRECATED] = {IFA_F_DEPRECATED, true},
    [SF_DADFAILED] = {IFA_F_DADFAILED, true},
    [SF_TEMPORARY] = {IFA_F_TEMPORARY, true},
    [SF_HOME] = {IFA_F_HOMEADDRESS, true},
    [SF_MNGTMPADDR] = {IFA_F_MANAGETEMPADDR, true},
    [SF_NODAD] = {IFA_F_NODAD, true},
    [SF_OPTIMISTIC] = {IFA_F_OPTIMISTIC, true},
    [SF_NOPREFIXROUTE] = {IFA_F_NOPREFIXROUTE, true},
    [SF_AUTOJOIN] = {IFA_F_MCAUTOJOIN, true},
};

/* ---- the kernel's addresses, kept for joining with the links ----------- */

/* The dump's buffer is gone once nl_dump() returns, so each message is
 * copied. */
static int addr_keep(const struct nlmsghdr *nlh, void *data)
{
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	struct addr_list *l = data;

	if (nlh->nlmsg_type != RTM_NEWADDR ||
	    (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6) ||
	    (l->ifindex && (int)ifa->ifa_index != l->ifindex))
		return MNL_CB_OK;
	if (nl_msgs_keep(&l->m, nlh) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

void addr_list_free(struct addr_list *l)
{
	nl_msgs_free(&l->m);
	l->ifindex = 0;
}

/* One dump of the addresses of family (AF_UNSPEC: both), of one device when
 * ifindex is set.  The kernel filters by device under strict checking; the
 * copy filters again for kernels without it. */
int addr_dump(struct ctx *c, int family, int ifindex, struct addr_list *l)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETADDR, 0);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	int rc;

	ifa->ifa_family = (uint8_t)family;
	ifa->ifa_index = (uint32_t)ifindex;
	l->ifindex = ifindex;
	rc = nl_dump(c, nlh, addr_keep, l);
	if (rc < 0)
		addr_list_free(l);
	return rc;
}
/* ---- the selectors of show and flush ------------------------------------- */

struct addr_filter {
	const struct val *v;
	int family;	     /* -4 / -6, or that of to's prefix; AF_UNSPEC: both */
	int master;	     /* ifindex of master DEV (or vrf NAME), 0 for any */
	uint32_t mask, want; /* the flag selectors: (flags & mask) == want */
};

static int vrf_check(struct ctx *c, const struct link_msg *m, void *data)
{
	(void)c;
	*(bool *)data = link_of_type(m, "vrf");
	return 0;
}

/* master DEV, or vrf NAME: a device of that kind.  ip says so in its words
 * (exit 255). */
static int master_setup(struct ctx *c, const struct val *dev, const char *kind,
			struct addr_filter *f)
{
	bool is_kind = false;
	int rc;

	f->master = link_index(c, dev->str);
	if (f->master == -ENODEV && ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_USAGE,
				    "Error: argument \"%s\" is wrong: Device does not exist",
				    dev->str);
	if (f->master < 0 || !kind)
		return f->master < 0 ? f->master : 0;
	if ((rc = link_walk(c, dev->str, vrf_check, &is_kind)) < 0)
		return rc;
	if (is_kind)
		return 0;
	if (ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_USAGE,
				    "Error: argument \"%s\" is wrong: Not a valid VRF name",
				    dev->str);
	return err_usage(c, "%s is no %s", dev->str, kind);
}

static int filter_setup(struct ctx *c, const struct val *v, struct addr_filter *f)
{
	f->v = v;
	/* under -4 or -6 the parser refused a prefix of the other family */
	f->family = v[S_TO].set ? v[S_TO].ip.family : c->family;
	for (size_t i = 0; i < 2 * S_NFLAGS; i++) {
		size_t k = i % S_NFLAGS;
		/* the flag's absence for its "-" form, as ip reads it */
		bool set = flag_selectors[k].set == (i < S_NFLAGS);

		if (!v[S_PERMANENT + i].set)
			continue;
		f->mask |= flag_selectors[k].mask;
		f->want =
		    set ? f->want | flag_selectors[k].mask : f->want & ~flag_selectors[k].mask;
	}
	/* ip 6.1's parser has no metric, whatever its page says */
	if (v[S_METRIC].set && ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_USAGE,
				    "Error: either \"dev\" is duplicate, or \"%s\" is a garbage.",
				    addr_show_args[S_METRIC].kw);
	if (v[S_MASTER].set)
		return master_setup(c, &v[S_MASTER], NULL, f);
	if (v[S_VRF].set)
		return master_setup(c, &v[S_VRF], "vrf", f);
	return 0;
}

/* The selectors that look at the device. */
static bool link_selected(const struct addr_filter *f, const struct link_msg *m)
{
	const struct val *v = f->v;

	if (v[S_UP].set && !(m->ifi->ifi_flags & IFF_UP))
		return false;
	if (v[S_TYPE].set && !link_of_type(m, v[S_TYPE].str))
		return false;
	if (v[S_NOMASTER].set && m->tb[IFLA_MASTER])
		return false;
	return !f->master || link_u32(m, IFLA_MASTER) == (uint32_t)f->master;
}

/* Whether the first bits of a and b agree. */
static bool bits_equal(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned whole = bits / 8, rest = bits % 8;

	if (memcmp(a, b, whole))
		return false;
	return !rest || !((a[whole] ^ b[whole]) & (uint8_t)(0xff << (8 - rest)));
}

/* The selectors that look at the address; ifname is its device's. */
static bool addr_selected(const struct addr_filter *f, const struct addr_msg *m, const char *ifname)
{
	const struct val *v = f->v;
	const struct nlattr *label = m->tb[IFA_LABEL];

	if (f->family != AF_UNSPEC && m->ifa->ifa_family != f->family)
		return false;
	if (v[S_SCOPE].set && m->ifa->ifa_scope != v[S_SCOPE].u)
		return false;
	if ((m->flags & f->mask) != f->want)
		return false;
	if (v[S_METRIC].set) {
		uint32_t metric = 0;

		nl_attr_u32(m->tb[IFA_RT_PRIORITY], &metric);
		if (metric != v[S_METRIC].u)
			return false;
	}
	if (v[S_TO].set &&
	    (!addr_fits(m, m->local) ||
	     !bits_equal(mnl_attr_get_payload(m->local), v[S_TO].ip.bytes, v[S_TO].ip.len)))
		return false;
	if (v[S_LABEL].set) {
		/* as ip: an address without a label (IPv6) goes by its device's name */
		const char *name = label && mnl_attr_validate(label, MNL_TYPE_NUL_STRING) == 0
				       ? mnl_attr_get_str(label)
				       : ifname;
		return fnmatch(v[S_LABEL].str, name, 0) == 0;
	}
	return true;
}

/* ---- show --------------------------------------------------------------- */

struct addr_show {
	struct addr_list addrs;
	struct addr_filter f;
	bool opened; /* the list: opened at the first link, so an error prints none */
};

static int addr_index(const struct nlmsghdr *nlh)
{
	return (int)((const struct ifaddrmsg *)mnl_nlmsg_get_payload(nlh))->ifa_index;
}

/* A dumped address and where the kernel put it, for a stable sort. */
struct addr_slot {
	struct nlmsghdr *msg;
	size_t pos;
};

static int addr_slot_cmp(const void *a, const void *b)
{
	const struct addr_slot *x = a, *y = b;
	int i = addr_index(x->msg), j = addr_index(y->msg);

	if (i != j)
		return (i > j) - (i < j);
	return (x->pos > y->pos) - (x->pos < y->pos);
}

/* The addresses grouped by device, each device's in the kernel's order, so
 * that each link finds its own by a binary search, not a pass over all. */
static int addr_list_group(struct addr_list *l)
{
	struct addr_slot *slot = calloc(l->m.n ? l->m.n : 1, sizeof(*slot));

	if (!slot)
		return -ENOMEM;
	for (size_t i = 0; i < l->m.n; i++)
		slot[i] = (struct addr_slot){l->m.v[i], i};
	qsort(slot, l->m.n, sizeof(*slot), addr_slot_cmp);
	for (size_t i = 0; i < l->m.n; i++)
		l->m.v[i] = slot[i].msg;
	free(slot);
	return 0;
}

/* The first of the device's addresses in a grouped list (n when none). */
static size_t addr_first(const struct addr_list *l, int ifindex)
{
	size_t lo = 0, hi = l->m.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (addr_index(l->m.v[mid]) < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* How many of the link's addresses there are, and how many are selected. */
static size_t addr_count(const struct addr_show *s, const struct link_msg *lm, size_t *all)
{
	int ifindex = lm->ifi->ifi_index;
	size_t n = 0;

	*all = 0;
	for (size_t i = addr_first(&s->addrs, ifindex);
	     i < s->addrs.m.n && addr_index(s->addrs.m.v[i]) == ifindex; i++) {
		struct addr_msg m;

		addr_msg_parse(s->addrs.m.v[i], &m);
		++*all;
		n += addr_selected(&s->f, &m, lm->name);
	}
	return n;
}

/* The link's selected addresses, in the order the kernel gave them. */
static void addr_print_link_addrs(struct ctx *c, const struct addr_show *s,
				  const struct link_msg *lm)
{
	int ifindex = lm->ifi->ifi_index;

	if (s->f.family == AF_PACKET) /* -0: the devices alone, as ip */
		return;
	out_list_open(c->out, "addr_info");
	for (size_t i = addr_first(&s->addrs, ifindex);
	     i < s->addrs.m.n && addr_index(s->addrs.m.v[i]) == ifindex; i++) {
		struct addr_msg m;

		addr_msg_parse(s->addrs.m.v[i], &m);
		if (!addr_selected(&s->f, &m, lm->name)) {
			/* ip -j: an empty object for each address of the family
			 * that another selector left out */
			if (ctx_iproute2(c) &&
			    (s->f.family == AF_UNSPEC || m.ifa->ifa_family == s->f.family)) {
				out_obj_open(c->out, NULL);
				out_obj_close(c->out);
			}
			continue;
		}
		/* -o, as ip -o: each address on a line of its own, after its
		 * device's index and name */
		if (out_is_oneline(c->out) && !ctx_brief(c)) {
			out_int(c->out, OUT_TEXT, NULL, "%d: ", ifindex);
			out_str(c->out, OUT_TEXT, NULL, "%s", lm->name);
		}
		if (ctx_brief(c))
			addr_print_brief(c, &m);
		else
			addr_print(c, &m);
	}
	out_list_close(c->out);
}

/* The IPv6 layer's links have no IFLA_TXQLEN; ip asks the device for its
 * queue length then (SIOCGIFTXQLEN), and so do we.  a holds the attribute
 * made of it. */
static const struct nlattr *txqlen_of(const char *name, struct nlattr a[2])
{
	struct ifreq ifr = {0};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	uint32_t qlen;
	int rc;

	if (fd < 0)
		return NULL;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	rc = ioctl(fd, SIOCGIFTXQLEN, &ifr);
	close(fd);
	if (rc < 0)
		return NULL;
	a[0].nla_len = NLA_HDRLEN + sizeof(uint32_t);
	a[0].nla_type = IFLA_TXQLEN;
	qlen = (uint32_t)ifr.ifr_qlen;
	memcpy(&a[1], &qlen, sizeof(qlen));
	return a;
}

static int addr_show_link(struct ctx *c, const struct link_msg *lm, void *data)
{
	struct link_msg with_qlen = *lm;
	const struct link_msg *m = &with_qlen;
	struct nlattr qlen[2];
	struct addr_show *s = data;
	bool label = s->f.v[S_LABEL].set;
	size_t all, n;

	if (!link_selected(&s->f, m))
		return 0;
	n = addr_count(s, m, &all);
	/* as ip: a device whose addresses are all left out is left out, and so
	 * is one without addresses once a family or a label is asked for (-0,
	 * -family link, asks for the devices alone) */
	if (!n && (all || (s->f.family != AF_UNSPEC && s->f.family != AF_PACKET) || label))
		return 0;
	if (!s->opened)
		out_list_open(c->out, NULL);
	s->opened = true;
	/* ip address prints a link's per-family settings (addrgenmode) only
	 * for ip link: none of IFLA_AF_SPEC here */
	with_qlen.tb[IFLA_AF_SPEC] = NULL;
	if (!m->tb[IFLA_TXQLEN] && lm->ifi->ifi_family == AF_INET6)
		with_qlen.tb[IFLA_TXQLEN] = txqlen_of(m->name, qlen);
	/* -0: the devices alone, as link show -br would print them */
	if (ctx_brief(c) && s->f.family == AF_PACKET) {
		link_print_brief(c, m);
		return 0;
	}
	if (ctx_brief(c)) {
		link_print_brief_open(c, m);
		addr_print_link_addrs(c, s, m);
		out_nl(c->out);
		out_obj_close(c->out);
		return 0;
	}
	/* as ip: asked by label, or with -o, the address lines alone (JSON
	 * keeps the device) */
	if ((label || out_is_oneline(c->out)) && !ctx_json(c) && s->f.family != AF_PACKET) {
		addr_print_link_addrs(c, s, m);
		return 0;
	}
	/* as ip: with a family asked for, no link-layer line */
	link_print_addr_open(c, m, s->f.family == AF_UNSPEC || s->f.family == AF_PACKET);
	addr_print_link_addrs(c, s, m);
	if (ctx_stats(c))
		link_print_stats(c, m);
	link_print_close(c);
	return 0;
}

int addr_show(struct ctx *c, const struct val *v)
{
	struct addr_show s = {0};
	int link_family, rc;

	if ((rc = filter_setup(c, v, &s.f)) < 0)
		return rc;
	/* -0 (-family link): the devices, none of their addresses */
	if (s.f.family != AF_PACKET && (rc = addr_dump(c, s.f.family, 0, &s.addrs)) < 0)
		return rc;
	if ((rc = addr_list_group(&s.addrs)) < 0) {
		addr_list_free(&s.addrs);
		return rc;
	}
	/* as ip -6: every device as the IPv6 layer has it, a shorter header
	 * (with -s the whole links, for their counters) */
	link_family = ctx_iproute2(c) && c->family == AF_INET6 && !v[S_DEV].set && !ctx_stats(c)
			  ? AF_INET6
			  : AF_UNSPEC;
	rc = link_walk_family(c, v[S_DEV].set ? v[S_DEV].str : NULL, link_family, addr_show_link,
			      &s);
	if (rc == -ENODEV && v[S_DEV].set)
		rc = err_nodev_shown(c, v[S_DEV].str);
	if (rc == 0 && !s.opened)
		out_list_open(c->out, NULL);
	if (rc == 0 || s.opened)
		out_list_close(c->out);
	addr_list_free(&s.addrs);
	return rc;
}

/* ---- flush -------------------------------------------------------------- */

/* The devices the selectors pick, by index, for the rounds of a flush. */
struct flush_link {
	int index;
	char name[IFNAMSIZ];
};

struct flush_links {
	const struct addr_filter *f;
	struct flush_link *l;
	size_t n, cap;
};

static int flush_link_keep(struct ctx *c, const struct link_msg *m, void *data)
{
	struct flush_links *fl = data;

	(void)c;
	if (!link_selected(fl->f, m))
		return 0;
	if (fl->n == fl->cap) {
		size_t cap = fl->cap ? fl->cap * 2 : 32;
		struct flush_link *nl = realloc(fl->l, cap * sizeof(*nl));
		if (!nl)
			return -ENOMEM;
		fl->l = nl;
		fl->cap = cap;
	}
	fl->l[fl->n].index = m->ifi->ifi_index;
	snprintf(fl->l[fl->n].name, sizeof(fl->l[fl->n].name), "%s", m->name ? m->name : "");
	fl->n++;
	return 0;
}

static int flush_link_cmp(const void *a, const void *b)
{
	const struct flush_link *x = a, *y = b;
	return (x->index > y->index) - (x->index < y->index);
}

static const struct flush_link *flush_link_find(const struct flush_links *fl, int index)
{
	struct flush_link key = {.index = index};
	return bsearch(&key, fl->l, fl->n, sizeof(*fl->l), flush_link_cmp);
}

/* The dumped address, sent back as its own delete. */
static void flush_queue(struct ctx *c, struct nl_pipe *p, const struct nlmsghdr *src)
{
	char a[INET6_ADDRSTRLEN], label[sizeof(a) + 8];
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	struct addr_msg m;

	addr_msg_parse(src, &m);
	snprintf(label, sizeof(label), "%s/%u",
		 addr_attr_text(m.ifa->ifa_family, m.local, a, sizeof(a)), m.ifa->ifa_prefixlen);
	nlh = nl_pipe_msg(c, p, RTM_DELADDR, 0, label);
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	*ifa = *m.ifa;
	/* an address of its family's length: the request has room for no more */
	if (addr_fits(&m, m.tb[IFA_LOCAL]))
		mnl_attr_put(nlh, IFA_LOCAL, mnl_attr_get_payload_len(m.tb[IFA_LOCAL]),
			     mnl_attr_get_payload(m.tb[IFA_LOCAL]));
	if (addr_fits(&m, m.tb[IFA_ADDRESS]))
		mnl_attr_put(nlh, IFA_ADDRESS, mnl_attr_get_payload_len(m.tb[IFA_ADDRESS]),
			     mnl_attr_get_payload(m.tb[IFA_ADDRESS]));
}

/* One dump, and one batch deleting every address selected; *found says
 * how many.  ifindex: the one device named, or 0.  An IPv4 secondary goes
 * with its primary, so its own delete may find it gone: that is what was
 * wanted. */
static int flush_round(struct ctx *c, const struct flush_links *fl, int ifindex, size_t *found)
{
	static const int gone[] = {-EADDRNOTAVAIL, 0};
	struct addr_list l = {0};
	struct nlmsghdr **sel;
	int rc;

	*found = 0;
	if ((rc = addr_dump(c, fl->f->family, ifindex, &l)) < 0)
		return rc;
	if (!(sel = calloc(l.m.n ? l.m.n : 1, sizeof(*sel)))) {
		addr_list_free(&l);
		return -ENOMEM;
	}
	for (size_t i = 0; i < l.m.n; i++) {
		const struct flush_link *link;
		struct addr_msg m;

		addr_msg_parse(l.m.v[i], &m);
		link = flush_link_find(fl, (int)m.ifa->ifa_index);
		if (!link || !addr_selected(fl->f, &m, link->name))
			continue;
		sel[(*found)++] = l.m.v[i];
		/* ip -s -s: each address deleted, after its device */
		if (ctx_iproute2(c) && (c->flags & CTX_STATS2) && !ctx_json(c)) {
			out_text(c->out, "%u: %s", m.ifa->ifa_index, link->name);
			addr_print(c, &m);
		}
	}
	rc = flush_msgs(c, sel, *found, flush_queue, gone);
	free(sel);
	addr_list_free(&l);
	return rc;
}

/* Remove every address the selectors pick; at least one must be given, as
 * ip asks (a bare flush would strip every device, lo too). */
int addr_flush(struct ctx *c, const struct val *v)
{
	struct addr_filter f = {0};
	struct flush_links fl = {.f = &f};
	const char *dev = v[S_DEV].set ? v[S_DEV].str : NULL;
	bool any = false;
	size_t found;
	int rc;

	for (size_t i = 0; i < ARRAY_SIZE(addr_show_args); i++)
		any |= v[i].set;
	if (!any && ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_FAIL, "Flush requires arguments.");
	if (!any)
		return err_usage(c, "flush needs a selector (dev NAME strips one device)");
	if ((rc = filter_setup(c, v, &f)) < 0 || (rc = link_walk(c, dev, flush_link_keep, &fl)) < 0)
		goto out;
	/* the device named is not of the type, master or state asked for */
	if (dev && !fl.n)
		goto out;
	if (fl.n > 1) /* none matched: fl.l is NULL, which qsort may not be given */
		qsort(fl.l, fl.n, sizeof(*fl.l), flush_link_cmp);
	/* Deleting may bring addresses back into view (a promoted secondary
	 * the dump had not listed yet), so go again until none are left. */
	for (int round = 0; round < FLUSH_ROUNDS; round++) {
		rc = flush_round(c, &fl, dev ? fl.l[0].index : 0, &found);
		if (rc < 0 || ctx_dryrun(c))
			goto out;
		/* ip -s: the rounds counted */
		if (found == 0 && ctx_iproute2(c) && ctx_stats(c) && !ctx_json(c)) {
			if (round == 0)
				out_text(c->out, "Nothing to flush.\n");
			else
				out_text(c->out, "*** Flush is complete after %d round%s ***\n",
					 round, round > 1 ? "s" : "");
		}
		if (found == 0)
			goto out;
		if (ctx_iproute2(c) && ctx_stats(c) && !ctx_json(c))
			out_text(c->out, "\n*** Round %d, deleting %zu addresses ***\n", round + 1,
				 found);
	}
	rc = err_fail(c, "addresses keep appearing%s%s", dev ? " on " : "", dev ? dev : "");
out:
	free(fl.l);
	return rc;
}

/* ---- save ----------------------------------------------------------------- */

/* The addresses the selectors pick, written to stdout as the kernel gave
 * them, after ip's magic: what `addr restore` and `addr showdump` read
 * (and ip's do).  Never to a terminal. */
int addr_save(struct ctx *c, const struct val *v)
{
	const uint32_t magic = ADDR_DUMP_MAGIC;
	/* ip 6.1's save takes the device and the family, and no other
	 * selector: under its name, neither do we */
	const struct val none[S_COUNT] = {0};
	struct addr_filter f = {0};
	struct flush_links fl = {.f = &f};
	struct addr_list l = {0};
	int rc;

	if ((rc = err_save_tty(c)) < 0 ||
	    (rc = filter_setup(c, ctx_iproute2(c) ? none : v, &f)) < 0 ||
	    (rc = link_walk(c, v[S_DEV].set ? v[S_DEV].str : NULL, flush_link_keep, &fl)) < 0 ||
	    (rc = addr_dump(c, f.family, 0, &l)) < 0)
		goto out;
	if (fl.n > 1)
		qsort(fl.l, fl.n, sizeof(*fl.l), flush_link_cmp);
	fwrite(&magic, sizeof(magic), 1, stdout);
	for (size_t i = 0; i < l.m.n; i++) {
		const struct flush_link *link;
		struct addr_msg m;

		addr_msg_parse(l.m.v[i], &m);
		link = flush_link_find(&fl, (int)m.ifa->ifa_index);
		if (link && addr_selected(&f, &m, link->name))
			fwrite(l.m.v[i], l.m.v[i]->nlmsg_len, 1, stdout);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = err_errno(c, errno, "cannot write the dump");
out:
	addr_list_free(&l);
	free(fl.l);
	return rc;
}
