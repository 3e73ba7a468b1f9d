// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * neigh: the IPv4 (ARP) and IPv6 (neighbour discovery) neighbour tables, as
 * `ip neigh` handles them.
 *
 * show and flush dump the table once and the links once (for their names);
 * flush deletes what it found through one pipelined batch, as addr flush
 * does.  The kernel keeps proxy entries in a table of their own: show and
 * flush reach them only with `proxy`, as iproute2's do.
 */
#include <errno.h>
#include <linux/if.h>
#include <linux/neighbour.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "core.h"
#include "link.h"
#include "flush.h"
#include "ifnames.h"
#include "neigh.h"
#include "nl.h"
#include "out.h"
#include "rtnames.h"

/* flush repeats its dump and delete while entries keep coming back. */
#define FLUSH_ROUNDS 8

/* ---- the arguments ------------------------------------------------------ */

/* add, change and replace share one table; del has its own, get its own;
 * show and flush share the last. */
enum { N_DST, N_LLADDR, N_DEV, N_NUD, N_PROXY, N_ROUTER, N_USE, N_MANAGED, N_EXTERN, N_PROTO };
enum { D_DST, D_DEV, D_PROXY };
enum { F_TO, F_DEV, F_NUD, F_PROXY, F_MASTER, F_VRF, F_NOMASTER, F_UNUSED };

/* A filter's bit for entries in no state at all (NUD_NONE is 0), as in
 * iproute2. */
#define NUD_FILTER_NONE 0x100
#define NUD_FILTER_ALL	0xffff

/* The states by name, each spelled once: show and flush take every word,
 * add every state (from NUD_SET_FIRST).  "all" and "none" filter. */
static const char *const nud_words[] = {"all",	     "none",   "incomplete", "delay",
					"probe",     "failed", "permanent",  "noarp",
					"reachable", "stale",  NULL};
static const uint16_t nud_states[] = {
    NUD_FILTER_ALL, NUD_NONE,	   NUD_INCOMPLETE, NUD_DELAY,	  NUD_PROBE,
    NUD_FAILED,	    NUD_PERMANENT, NUD_NOARP,	   NUD_REACHABLE, NUD_STALE,
};
#define NUD_SET_FIRST 1

#define ARG_DST_ENTRY                                                                              \
	{                                                                                          \
		.kw = "to", .kind = ARG_ADDR,                                                      \
		.flags = ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT, .metavar = "ADDR",        \
		.help = "the neighbour's IPv4 or IPv6 address (the keyword may be left out)"       \
	}
#define ARG_DEV_ENTRY(f, h)                                                                        \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .flags = (f), .metavar = "NAME", .help = (h)      \
	}
#define ARG_PROXY_ENTRY(x, h)                                                                      \
	{                                                                                          \
		.kw = "proxy", .kind = ARG_FLAG, .excludes_more = (x), .help = (h)                 \
	}

static const int set_proxy_excludes[] = {N_LLADDR + 1, N_NUD + 1, 0};
static const int filter_proxy_excludes[] = {F_NUD + 1, 0};

static const struct arg set_args[] = {
    [N_DST] = ARG_DST_ENTRY,
    [N_LLADDR] = {.kw = "lladdr",
		  .kind = ARG_MAC,
		  .flags = ARGF_IP_LLADDR,
		  .metavar = "MAC",
		  .help = "its link-layer address (needed on a device that has such addresses, "
			  "unless the entry has one already)"},
    [N_DEV] = ARG_DEV_ENTRY(ARGF_REQUIRED, "the device it is reached through"),
    [N_NUD] = {.kw = "nud",
	       .kind = ARG_ENUM,
	       .words = &nud_words[NUD_SET_FIRST],
	       .metavar = "STATE",
	       .help = "the entry's state (permanent when left out)"},
    [N_PROXY] = ARG_PROXY_ENTRY(set_proxy_excludes,
				"a proxy entry: answer for ADDR on DEV (proxy ARP or NDP)"),
    [N_ROUTER] = {.kw = "router",
		  .kind = ARG_FLAG,
		  .help = "the neighbour is a router (IPv6 neighbour discovery)"},
    [N_USE] = {.kw = "use",
	       .kind = ARG_FLAG,
	       .help = "the entry is in use: the kernel resolves it as it would for traffic"},
    [N_MANAGED] = {.kw = "managed",
		   .kind = ARG_FLAG,
		   .help = "the kernel keeps the entry resolved, without traffic"},
    [N_EXTERN] = {.kw = "extern_learn",
		  .kind = ARG_FLAG,
		  .help = "learned outside the kernel (a controller): the kernel's garbage "
			  "collection leaves it"},
    [N_PROTO] = {.kw = "protocol",
		 .kind = ARG_U32,
		 .words = rt_proto_words,
		 .values = rt_proto_values,
		 .max = 255,
		 .metavar = "PROTO",
		 .help = "who made the entry (a name of rt_protos, or a number)"},
};

static const struct arg del_args[] = {
    [D_DST] = ARG_DST_ENTRY,
    [D_DEV] = ARG_DEV_ENTRY(ARGF_REQUIRED, "the device the entry is on"),
    [D_PROXY] = ARG_PROXY_ENTRY(NULL, "a proxy entry"),
};

/* get: the device is checked by the verb, as ip words its absence. */
static const struct arg get_args[] = {
    [D_DST] = ARG_DST_ENTRY,
    [D_DEV] = ARG_DEV_ENTRY(0, "the device the entry is on (needed)"),
    [D_PROXY] = ARG_PROXY_ENTRY(NULL, "a proxy entry"),
};

static const int master_excludes[] = {F_VRF + 1, F_NOMASTER + 1, 0};

static const struct arg filter_args[] = {
    [F_TO] = {.kw = "to",
	      .kind = ARG_PREFIX,
	      .flags = ARGF_POSITIONAL | ARGF_DEFAULT,
	      .metavar = "PREFIX",
	      .help = "only the entries whose address is in PREFIX (all: every one; the "
		      "keyword may be left out)"},
    [F_DEV] = ARG_DEV_ENTRY(0, "only the entries on this device"),
    [F_NUD] = {.kw = "nud",
	       .kind = ARG_ENUM,
	       .words = nud_words,
	       .metavar = "STATE",
	       .help = "only entries in this state (all: any state, none: no state)"},
    [F_PROXY] = ARG_PROXY_ENTRY(filter_proxy_excludes, "the proxy entries instead"),
    [F_MASTER] = {.kw = "master",
		  .kind = ARG_IFNAME,
		  .metavar = "NAME",
		  .excludes_more = master_excludes,
		  .help = "only the entries on the ports of this master (a bridge, a vrf)"},
    [F_VRF] = {.kw = "vrf",
	       .kind = ARG_IFNAME,
	       .metavar = "NAME",
	       .live_kind = "vrf",
	       .excludes = F_NOMASTER + 1,
	       .help = "only the entries on the devices of this vrf"},
    [F_NOMASTER] = {.kw = "nomaster",
		    .kind = ARG_FLAG,
		    .help = "only the entries on devices without a master"},
    [F_UNUSED] = {.kw = "unused",
		  .kind = ARG_FLAG,
		  .help = "only the entries nothing holds (no references)"},
};

/* ---- names -------------------------------------------------------------- */

static size_t family_addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* The states as iproute2 prints them, in its order. */
static const struct {
	uint16_t state;
	const char *word;
} state_names[] = {
    {NUD_INCOMPLETE, "INCOMPLETE"}, {NUD_REACHABLE, "REACHABLE"}, {NUD_STALE, "STALE"},
    {NUD_DELAY, "DELAY"},	    {NUD_PROBE, "PROBE"},	  {NUD_FAILED, "FAILED"},
    {NUD_NOARP, "NOARP"},	    {NUD_PERMANENT, "PERMANENT"},
};

/* The entry's flags iproute2 prints, in its order, as words and JSON keys. */
static const struct {
	uint8_t flag;
	const char *word;
} flag_names[] = {
    {NTF_ROUTER, "router"},
    {NTF_PROXY, "proxy"},
    {NTF_EXT_LEARNED, "extern_learn"},
    {NTF_OFFLOADED, "offload"},
};

/* ---- add, change, replace and del --------------------------------------- */

/* What the request needs to know of the device. */
struct dev_info {
	int index;
	bool has_lladdr; /* its link-layer addresses are not empty (not a tun) */
};

static int dev_info_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct dev_info *d = data;
	const struct nlattr *a = m->tb[IFLA_ADDRESS];

	(void)c;
	d->index = m->ifi->ifi_index;
	d->has_lladdr = a && mnl_attr_get_payload_len(a) > 0;
	return 0;
}

/* When the kernel explains nothing, its bare errno says little here. */
static int neigh_error(struct ctx *c, int rc, const char *dev)
{
	if (c->reason[0])
		return rc;
	if (rc == -EEXIST)
		return err_errno(c, EEXIST, "the entry exists already; neigh replace changes it");
	if (rc == -ENOENT)
		return err_errno(c, ENOENT, "no such entry on %s", dev);
	return rc;
}

/* Whether the kernel has an entry for the address on the device (a GET of
 * that one entry): 1, 0 or -errno. */
static int neigh_exists(struct ctx *c, const struct inet_prefix *ip, int ifindex)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNEIGH, 0);
	struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	int rc;

	ndm->ndm_family = (uint8_t)ip->family;
	ndm->ndm_ifindex = ifindex;
	mnl_attr_put(nlh, NDA_DST, family_addr_len(ip->family), ip->bytes);
	rc = nl_request(c, nlh, NULL, NULL);
	if (rc == -ENOENT) {
		c->reason[0] = '\0';
		return 0;
	}
	return rc < 0 ? rc : 1;
}

/* The request add, change, replace (set true) and del send. */
static int neigh_send(struct ctx *c, const struct val *v, bool set, uint16_t type, uint16_t flags)
{
	int dst = set ? N_DST : D_DST, dev = set ? N_DEV : D_DEV, proxy = set ? N_PROXY : D_PROXY;
	const struct inet_prefix *ip = &v[dst].ip;
	struct dev_info d = {0};
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;
	int rc;

	if ((rc = link_walk(c, v[dev].str, dev_info_cb, &d)) < 0)
		return rc;
	/* Asked for a new entry without an address, the kernel makes it,
	 * refuses it for want of one and leaves it behind in no state: say
	 * so before anything is sent. */
	if (!ctx_iproute2(c) && set && (flags & NLM_F_CREATE) && !v[N_LLADDR].set &&
	    !v[N_PROXY].set && !v[N_MANAGED].set && d.has_lladdr) {
		if ((rc = neigh_exists(c, ip, d.index)) < 0)
			return rc;
		if (rc == 0)
			return err_fail(c, "a new entry on %s needs %s MAC", v[dev].str,
					set_args[N_LLADDR].kw);
	}
	nlh = nl_msg(buf, type, flags);
	ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	ndm->ndm_family = (uint8_t)ip->family;
	ndm->ndm_ifindex = d.index;
	ndm->ndm_state = NUD_PERMANENT;
	if (set && v[N_NUD].set)
		ndm->ndm_state = nud_states[NUD_SET_FIRST + v[N_NUD].e];
	if (v[proxy].set)
		ndm->ndm_flags |= NTF_PROXY;
	mnl_attr_put(nlh, NDA_DST, family_addr_len(ip->family), ip->bytes);
	if (set) {
		if (v[N_ROUTER].set)
			ndm->ndm_flags |= NTF_ROUTER;
		if (v[N_USE].set)
			ndm->ndm_flags |= NTF_USE;
		if (v[N_EXTERN].set)
			ndm->ndm_flags |= NTF_EXT_LEARNED;
		/* as ip: a managed entry without a state is to be resolved */
		if (v[N_MANAGED].set) {
			mnl_attr_put_u32(nlh, NDA_FLAGS_EXT, NTF_EXT_MANAGED);
			if (!v[N_NUD].set)
				ndm->ndm_state = NUD_NONE;
		}
		if (v[N_LLADDR].set)
			mnl_attr_put(nlh, NDA_LLADDR,
				     v[N_LLADDR].nrest ? (size_t)v[N_LLADDR].nrest
						       : sizeof(v[N_LLADDR].mac),
				     v[N_LLADDR].lladdr);
		if (v[N_PROTO].set)
			mnl_attr_put_u8(nlh, NDA_PROTOCOL, (uint8_t)v[N_PROTO].u);
	}
	rc = nl_request(c, nlh, NULL, NULL);
	return rc < 0 ? neigh_error(c, rc, v[dev].str) : 0;
}

static int neigh_add(struct ctx *c, const struct val *v)
{
	return neigh_send(c, v, true, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL);
}

static int neigh_change(struct ctx *c, const struct val *v)
{
	return neigh_send(c, v, true, RTM_NEWNEIGH, NLM_F_REPLACE);
}

static int neigh_replace(struct ctx *c, const struct val *v)
{
	return neigh_send(c, v, true, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE);
}

static int neigh_del(struct ctx *c, const struct val *v)
{
	return neigh_send(c, v, false, RTM_DELNEIGH, 0);
}

/* ---- show, flush and get ------------------------------------------------ */

/* What show and flush select. */
struct neigh_filter {
	int family;	       /* AF_UNSPEC: both */
	int ifindex;	       /* 0: every device */
	int master;	       /* NDA_MASTER of the dump: 0 any, -1 none (the kernel filters) */
	bool proxy;	       /* the proxy entries, whatever their state */
	bool unused;	       /* only those without references */
	unsigned states;       /* NUD_* bits, and NUD_FILTER_NONE for entries in none */
	struct inet_prefix to; /* len 0: every address */
};

/* A parsed RTM_NEWNEIGH message. */
struct neigh_msg {
	const struct ndmsg *ndm;
	const struct nlattr *tb[NDA_MAX + 1];
};

/* Whether the first p->len bits of addr are p's. */
static bool prefix_has(const struct inet_prefix *p, int family, const uint8_t *addr)
{
	unsigned full = p->len / 8, rest = p->len % 8;

	if (p->len == 0)
		return true;
	if (p->family != family || memcmp(p->bytes, addr, full))
		return false;
	return !rest || !((p->bytes[full] ^ addr[full]) & (0xff00 >> rest));
}

/* As ip: proxy entries and entries learned outside the kernel whatever
 * their state, others in a state asked for. */
static bool neigh_selected(const struct neigh_filter *f, const struct nlmsghdr *nlh,
			   struct neigh_msg *m)
{
	const struct nlattr *dst;
	unsigned state;

	if (nlh->nlmsg_type != RTM_NEWNEIGH)
		return false;
	m->ndm = mnl_nlmsg_get_payload(nlh);
	if ((m->ndm->ndm_family != AF_INET && m->ndm->ndm_family != AF_INET6) ||
	    (f->family != AF_UNSPEC && m->ndm->ndm_family != f->family) ||
	    (f->ifindex && m->ndm->ndm_ifindex != f->ifindex) ||
	    f->proxy != !!(m->ndm->ndm_flags & NTF_PROXY))
		return false;
	nl_parse(nlh, sizeof(*m->ndm), m->tb, NDA_MAX);
	dst = m->tb[NDA_DST];
	if (!dst || mnl_attr_get_payload_len(dst) != family_addr_len(m->ndm->ndm_family) ||
	    !prefix_has(&f->to, m->ndm->ndm_family, mnl_attr_get_payload(dst)))
		return false;
	if (f->unused && m->tb[NDA_CACHEINFO] &&
	    mnl_attr_get_payload_len(m->tb[NDA_CACHEINFO]) >= sizeof(struct nda_cacheinfo) &&
	    ((const struct nda_cacheinfo *)mnl_attr_get_payload(m->tb[NDA_CACHEINFO]))->ndm_refcnt)
		return false;
	if (f->proxy || (m->ndm->ndm_flags & NTF_EXT_LEARNED))
		return true;
	state = m->ndm->ndm_state ? m->ndm->ndm_state : NUD_FILTER_NONE;
	return (f->states & state) != 0;
}

/* The entries selected, copied (a dump's messages are gone once it ends). */
struct neigh_list {
	const struct neigh_filter *f;
	struct nl_msgs m;
};

static int neigh_keep(const struct nlmsghdr *nlh, void *data)
{
	struct neigh_list *l = data;
	struct neigh_msg m;

	if (!neigh_selected(l->f, nlh, &m))
		return MNL_CB_OK;
	if (nl_msgs_keep(&l->m, nlh) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/* One dump of the table (the proxy table with f->proxy), filtered by the
 * kernel to one device or master where it can, and again here. */
static int neigh_dump(struct ctx *c, const struct neigh_filter *f, struct neigh_list *l)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNEIGH, 0);
	struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	int rc;

	ndm->ndm_family = (uint8_t)f->family;
	if (f->proxy)
		ndm->ndm_flags = NTF_PROXY;
	if (f->ifindex)
		mnl_attr_put_u32(nlh, NDA_IFINDEX, (uint32_t)f->ifindex);
	if (f->master)
		mnl_attr_put_u32(nlh, NDA_MASTER, (uint32_t)f->master);
	l->f = f;
	rc = nl_dump(c, nlh, neigh_keep, l);
	if (rc < 0)
		nl_msgs_free(&l->m);
	return rc;
}

/* A master's index; for vrf, one of kind vrf. */
struct master_info {
	int index;
	bool vrf;
};

static int master_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct master_info *mi = data;

	(void)c;
	mi->index = m->ifi->ifi_index;
	mi->vrf = m->kind && !strcmp(m->kind, "vrf");
	return 0;
}

static int master_index(struct ctx *c, const struct val *v, int *index)
{
	bool vrf = v[F_VRF].set;
	const char *name = vrf ? v[F_VRF].str : v[F_MASTER].str;
	struct master_info mi = {0};
	int rc = link_walk(c, name, master_cb, &mi);

	if (rc == -ENODEV && ctx_iproute2(c)) {
		memset(&c->refused, 0, sizeof(c->refused));
		return err_iproute2(c, VN_EIP_USAGE,
				    "Error: argument \"%s\" is wrong: Device does not exist", name);
	}
	if (rc < 0)
		return rc;
	if (vrf && !mi.vrf) {
		if (ctx_iproute2(c))
			return err_iproute2(c, VN_EIP_USAGE,
					    "Error: argument \"%s\" is wrong: Not a valid VRF name",
					    name);
		return err_usage(c, "%s is not a vrf", name);
	}
	*index = mi.index;
	return 0;
}

static int filter_setup(struct ctx *c, const struct val *v, bool flush, struct neigh_filter *f)
{
	int rc;

	f->family = c->family;
	f->proxy = v[F_PROXY].set;
	f->unused = v[F_UNUSED].set;
	/* as ip: show leaves noarp entries out, flush permanent ones too,
	 * and flush's "all" is every state but noarp */
	if (!v[F_NUD].set)
		f->states = flush ? ~(unsigned)(NUD_PERMANENT | NUD_NOARP) : 0xff & ~NUD_NOARP;
	else if (nud_states[v[F_NUD].e] == NUD_FILTER_ALL)
		f->states = flush ? ~(unsigned)NUD_NOARP : ~0u;
	else
		f->states = nud_states[v[F_NUD].e] ? nud_states[v[F_NUD].e] : NUD_FILTER_NONE;
	if (v[F_TO].set) {
		f->to = v[F_TO].ip;
		if (f->family == AF_UNSPEC)
			f->family = f->to.family;
	}
	if (v[F_NOMASTER].set)
		f->master = -1;
	else if ((v[F_MASTER].set || v[F_VRF].set) && (rc = master_index(c, v, &f->master)) < 0)
		return rc;
	if (v[F_DEV].set && (f->ifindex = link_index(c, v[F_DEV].str)) < 0)
		return f->ifindex;
	return 0;
}

/* -s: how long ago the entry was used, confirmed and updated, in seconds,
 * and how many probes it sent, as ip prints them. */
static void print_stats(struct ctx *c, const struct neigh_msg *m)
{
	struct out *o = c->out;
	const struct nlattr *a = m->tb[NDA_CACHEINFO];
	bool ip = ctx_iproute2(c);
	long hz = sysconf(_SC_CLK_TCK);

	if (hz <= 0)
		hz = 100;
	if (a && mnl_attr_get_payload_len(a) >= sizeof(struct nda_cacheinfo)) {
		const struct nda_cacheinfo *ci = mnl_attr_get_payload(a);

		if (ip)
			out_text(o, " ");
		if (ci->ndm_refcnt)
			out_uint(o, OUT_ANY, "refcnt", " ref %u", ci->ndm_refcnt);
		out_uint(o, OUT_ANY, "used", " used %u", (unsigned)(ci->ndm_used / hz));
		out_uint(o, OUT_ANY, "confirmed", "/%u", (unsigned)(ci->ndm_confirmed / hz));
		out_uint(o, OUT_ANY, "updated", "/%u", (unsigned)(ci->ndm_updated / hz));
	}
	a = m->tb[NDA_PROBES];
	if (a && mnl_attr_get_payload_len(a) >= sizeof(uint32_t))
		out_uint(o, OUT_ANY, "probes", ip ? "probes %u" : " probes %u",
			 mnl_attr_get_u32(a));
}

/* `-br`: the address, the device and the link-layer address in columns. */
static void print_brief(struct ctx *c, const struct ifnames *names, const struct neigh_msg *m,
			const char *dst)
{
	struct out *o = c->out;
	const struct nlattr *ll = m->tb[NDA_LLADDR];
	char buf[IFNAMSIZ + 16];

	out_strc(o, OUT_ANY, m->ndm->ndm_family == AF_INET ? COL_INET : COL_INET6, "dst", "%-39s ",
		 dst);
	if (names)
		out_strc(o, OUT_ANY, COL_IFNAME, "dev", "%-16s ",
			 ifnames_get(names, m->ndm->ndm_ifindex, buf, sizeof(buf)));
	if (ll && mnl_attr_get_payload_len(ll) > 0)
		out_strc(o, OUT_ANY, COL_MAC, "lladdr", "%s",
			 format_mac(mnl_attr_get_payload(ll), mnl_attr_get_payload_len(ll), buf,
				    sizeof(buf)));
}

/* "10.0.0.5 dev va lladdr 02:00:00:00:00:05 router REACHABLE", and the keys
 * of `ip -j neigh show`: the device is left out when show names it.  Under
 * ip's name each word is followed by a blank, as ip prints it. */
void neigh_print(struct ctx *c, const struct ifnames *names, const struct nlmsghdr *nlh)
{
	struct out *o = c->out;
	struct neigh_msg m;
	char a[HOST_STRLEN], dev[IFNAMSIZ + 16];
	const struct nlattr *ll;

	m.ndm = mnl_nlmsg_get_payload(nlh);
	nl_parse(nlh, sizeof(*m.ndm), m.tb, NDA_MAX);
	out_obj_open(o, NULL);
	/* a host name under -r, as ip -r prints it */
	format_host(c, m.ndm->ndm_family, mnl_attr_get_payload(m.tb[NDA_DST]), a, sizeof(a));
	if (ctx_brief(c)) {
		print_brief(c, names, &m, a);
		goto end;
	}
	out_strc(o, OUT_ANY, m.ndm->ndm_family == AF_INET ? COL_INET : COL_INET6, "dst", "%s", a);
	if (names)
		out_strc(o, OUT_ANY, COL_IFNAME, "dev", " dev %s",
			 ifnames_get(names, m.ndm->ndm_ifindex, dev, sizeof(dev)));
	/* a device without addresses (tun) gives an empty one: no address */
	ll = m.tb[NDA_LLADDR];
	if (ll && mnl_attr_get_payload_len(ll) > 0)
		out_strc(o, OUT_ANY, COL_MAC, "lladdr", " lladdr %s",
			 format_mac(mnl_attr_get_payload(ll), mnl_attr_get_payload_len(ll), a,
				    sizeof(a)));
	for (size_t i = 0; i < ARRAY_SIZE(flag_names); i++) {
		if (!(m.ndm->ndm_flags & flag_names[i].flag))
			continue;
		out_null(o, flag_names[i].word);
		out_str(o, OUT_TEXT, NULL, " %s", flag_names[i].word);
	}
	if (m.tb[NDA_FLAGS_EXT] && (mnl_attr_get_u32(m.tb[NDA_FLAGS_EXT]) & NTF_EXT_MANAGED)) {
		out_null(o, set_args[N_MANAGED].kw);
		out_str(o, OUT_TEXT, NULL, " %s", set_args[N_MANAGED].kw);
	}
	if (ctx_stats(c))
		print_stats(c, &m);
	if (m.ndm->ndm_state) {
		out_list_open(o, "state");
		for (size_t i = 0; i < ARRAY_SIZE(state_names); i++)
			if (m.ndm->ndm_state & state_names[i].state)
				out_str(o, OUT_ANY, NULL, " %s", state_names[i].word);
		out_list_close(o);
	}
	if (m.tb[NDA_PROTOCOL])
		out_str(o, OUT_ANY, set_args[N_PROTO].kw, " proto %s",
			rt_proto_word(c, mnl_attr_get_u8(m.tb[NDA_PROTOCOL]), a, sizeof(a)));
	if (ctx_iproute2(c))
		out_text(o, " ");
end:
	out_nl(o);
	out_obj_close(o);
}

static void print_list(struct ctx *c, const struct neigh_filter *f, const struct ifnames *names,
		       const struct neigh_list *l)
{
	for (size_t i = 0; i < l->m.n; i++)
		neigh_print(c, f->ifindex ? NULL : names, l->m.v[i]);
}

static int neigh_show(struct ctx *c, const struct val *v)
{
	struct neigh_filter f = {0};
	struct neigh_list l = {0};
	struct ifnames names = {0};
	int rc;

	if ((rc = filter_setup(c, v, false, &f)) < 0)
		return rc;
	if (!f.ifindex && (rc = ifnames_load(c, &names)) < 0)
		goto out;
	if ((rc = neigh_dump(c, &f, &l)) < 0)
		goto out;
	out_list_open(c->out, NULL);
	print_list(c, &f, &names, &l);
	out_list_close(c->out);
out:
	nl_msgs_free(&l.m);
	ifnames_free(&names);
	return rc;
}

static int get_keep(const struct nlmsghdr *nlh, void *data)
{
	if (nl_msgs_keep(data, nlh) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/* get: the kernel's one entry for the address on the device. */
static int neigh_get(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNEIGH, 0);
	struct ndmsg *ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	struct ifnames names = {0};
	struct nl_msgs got = {0};
	int index, rc;

	if (!v[D_DEV].set) {
		if (ctx_iproute2(c))
			return err_iproute2(c, VN_EIP_FAIL,
					    "Device and address are required arguments.");
		return err_usage(c, "%s NAME is needed", get_args[D_DEV].kw);
	}
	if ((index = link_index(c, v[D_DEV].str)) < 0)
		return index;
	ndm->ndm_family = (uint8_t)v[D_DST].ip.family;
	ndm->ndm_ifindex = index;
	if (v[D_PROXY].set)
		ndm->ndm_flags = NTF_PROXY;
	mnl_attr_put(nlh, NDA_DST, family_addr_len(v[D_DST].ip.family), v[D_DST].ip.bytes);
	if ((rc = nl_request(c, nlh, get_keep, &got)) < 0)
		return neigh_error(c, rc, v[D_DEV].str);
	if ((rc = ifnames_set(&names, index, v[D_DEV].str)) == 0) {
		struct out *json = c->out;
		unsigned flags = c->flags;

		/* ip's get prints text even under -j */
		if (ctx_iproute2(c) && ctx_json(c)) {
			c->out = out_new(stdout, false, false, flags & CTX_COLOR);
			c->flags &= ~(unsigned)CTX_JSON;
		}
		out_list_open(c->out, NULL);
		for (size_t i = 0; i < got.n; i++)
			neigh_print(c, &names, got.v[i]);
		out_list_close(c->out);
		if (c->out != json) {
			out_free(c->out);
			c->out = json;
			c->flags = flags;
		}
	}
	nl_msgs_free(&got);
	ifnames_free(&names);
	return rc;
}

/* The dumped entry, sent back as its own delete. */
static void flush_queue(struct ctx *c, struct nl_pipe *p, const struct nlmsghdr *src)
{
	const struct ndmsg *from = mnl_nlmsg_get_payload(src);
	const struct nlattr *tb[NDA_MAX + 1];
	char label[INET6_ADDRSTRLEN];
	struct nlmsghdr *nlh;
	struct ndmsg *ndm;

	nl_parse(src, sizeof(*from), tb, NDA_MAX);
	format_addr(from->ndm_family, mnl_attr_get_payload(tb[NDA_DST]), label, sizeof(label));
	nlh = nl_pipe_msg(c, p, RTM_DELNEIGH, 0, label);
	ndm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ndm));
	ndm->ndm_family = from->ndm_family;
	ndm->ndm_ifindex = from->ndm_ifindex;
	ndm->ndm_flags = from->ndm_flags & NTF_PROXY;
	mnl_attr_put(nlh, NDA_DST, mnl_attr_get_payload_len(tb[NDA_DST]),
		     mnl_attr_get_payload(tb[NDA_DST]));
}

/* One dump, and one batch deleting all it found; *found says how many
 * (with -s -s, each is printed as it goes, as ip does).  An entry may go
 * by itself between the dump and its delete: that is what was wanted. */
static int flush_round(struct ctx *c, const struct neigh_filter *f, const struct ifnames *names,
		       size_t *found)
{
	static const int gone[] = {-ENOENT, 0};
	struct neigh_list l = {0};
	int rc;

	if ((rc = neigh_dump(c, f, &l)) < 0)
		return rc;
	*found = l.m.n;
	if (l.m.n && (c->flags & CTX_STATS2))
		print_list(c, f, names, &l);
	rc = flush_msgs(c, l.m.v, l.m.n, flush_queue, gone);
	nl_msgs_free(&l.m);
	return rc;
}

static bool flush_has_words(const struct val *v)
{
	for (size_t i = 0; i < ARRAY_SIZE(filter_args); i++)
		if (v[i].set)
			return true;
	return false;
}

/* -s: ip's account of the rounds. */
static void flush_said(struct ctx *c, int round, size_t found)
{
	if (!ctx_stats(c) || ctx_json(c))
		return;
	if (found)
		out_text(c->out, "\n*** Round %d, deleting %zu entries ***\n", round, found);
	else if (round == 1)
		out_text(c->out, "Nothing to flush.\n");
	else
		out_text(c->out, "*** Flush is complete after %d round%s ***\n", round - 1,
			 round > 2 ? "s" : "");
}

static int neigh_flush(struct ctx *c, const struct val *v)
{
	struct neigh_filter f = {0};
	struct ifnames names = {0};
	size_t found;
	int rc;

	if (ctx_iproute2(c) && !flush_has_words(v))
		return err_iproute2(c, VN_EIP_FAIL, "Flush requires arguments.");
	if ((rc = filter_setup(c, v, true, &f)) < 0)
		return rc;
	if (!f.ifindex && (c->flags & CTX_STATS2) && (rc = ifnames_load(c, &names)) < 0)
		return rc;
	/* Traffic may bring entries back while they go: go again until the
	 * dump finds none; as ip, failed entries only in the first round. */
	for (int round = 1; round <= FLUSH_ROUNDS; round++) {
		rc = flush_round(c, &f, &names, &found);
		if (rc < 0)
			break;
		flush_said(c, round, found);
		if (found == 0 || ctx_dryrun(c))
			break;
		f.states &= ~(unsigned)NUD_FAILED;
	}
	ifnames_free(&names);
	if (rc == 0 && found && !ctx_dryrun(c))
		return err_fail(c, "entries keep appearing");
	return rc;
}

/* ---- the object --------------------------------------------------------- */

static const char *const change_aliases[] = {"chg", NULL};

/* In ip neighbour's order, with its spellings (core.h). */
static const struct verb neigh_verbs[] = {
    VERB("add", neigh_add, set_args, "add a neighbour entry"),
    VERB_ALSO("change", change_aliases, neigh_change, set_args, "change an entry that exists"),
    VERB("replace", neigh_replace, set_args, "add an entry, or change it if it exists"),
    VERB_ALSO("del", verb_del_aliases, neigh_del, del_args, "remove a neighbour entry"),
    VERB_ALSO("show", verb_show_aliases, neigh_show, filter_args,
	      "list the neighbour entries (not noarp ones unless asked for)"),
    VERB("flush", neigh_flush, filter_args,
	 "remove neighbour entries (not permanent nor noarp ones unless asked for)"),
    VERB("get", neigh_get, get_args, "show the entry of an address on a device"),
};

VNETCTL_OBJECT_OF(neigh, "show", "the IPv4 (ARP) and IPv6 neighbour tables")
