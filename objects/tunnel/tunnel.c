// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tunnel: IP tunnels with iproute2's `ip tunnel` words, made over rtnetlink
 * (never the legacy SIOCADDTUNNEL ioctls), so every kind is reachable and a
 * kernel without the module is told which one to load.  Each mode is a
 * tunnel kind (tunnelkind.c), sometimes with a word of its own set: isatap
 * is a sit with the isatap flag, ip6ip6 and ipip6 are ip6tnl with that mode.
 * What a mode takes is what its kind's table lists, so the usage errors
 * cannot disagree with `link add ... type KIND`, and they come before
 * anything is sent.
 *
 * change: the kernel's changelink for tunnels starts from zero and keeps
 * only what the request carries, so change sends the whole configuration:
 * what the kernel reported, with the command's values over it.
 *
 * del: the kernel acknowledges deleting a module's fallback device (gre0,
 * tunl0...) and keeps it; del looks again and says so.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <linux/if_tunnel.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "link.h"
#include "nl.h"
#include "out.h"
#include "tnl.h"

/* ---- the modes ---------------------------------------------------------------- */

/*
 * One row per mode: its kind, the word of the kind it sets (none, W_N, for
 * a mode that is the kind itself; then the kind's name is the mode's word),
 * and the inner/outer label `show` prints, as ip tunnel show does.
 */
static const struct tnl_mode {
	enum tnl_kind_id kind;
	enum tnl_word word; /* W_ISATAP, W_IP6MODE, or W_N */
	int value;	    /* W_IP6MODE's: which mode */
	const char *label;
} modes[] = {
    {K_IPIP, W_N, 0, "ip/ip"},
    {K_GRE, W_N, 0, "gre/ip"},
    {K_GRETAP, W_N, 0, "gretap/ip"},
    {K_SIT, W_N, 0, "ipv6/ip"},
    {K_SIT, W_ISATAP, 0, "ipv6/ip"},
    {K_VTI, W_N, 0, "vti/ip"},
    {K_IP6TNL, W_IP6MODE, 0, "ipv6/ipv6"},
    {K_IP6TNL, W_IP6MODE, 1, "ip/ipv6"},
    {K_IP6GRE, W_N, 0, "gre/ipv6"},
    {K_IP6GRETAP, W_N, 0, "gretap/ipv6"},
    {K_VTI6, W_N, 0, "vti/ipv6"},
    {K_ERSPAN, W_N, 0, "erspan/ip"},
    {K_IP6ERSPAN, W_N, 0, "erspan/ipv6"},
};
#define NMODES ARRAY_SIZE(modes)

/* `mode`'s words, from the rows before main. */
static const char *mode_words[NMODES + 1];

static const char *mode_word(const struct tnl_mode *m)
{
	if (m->word == W_IP6MODE)
		return tnl_ip6mode_words[m->value];
	if (m->word != W_N)
		return tnl_words[m->word].kw;
	return tnl_kinds[m->kind].link.kind;
}

static const struct tnl_kind *mode_kind(const struct tnl_mode *m)
{
	return &tnl_kinds[m->kind];
}

/* Whether t, of m's kind, carries the word m sets. */
static bool mode_matches(const struct tnl_mode *m, const struct tnl *t)
{
	if (m->word == W_ISATAP)
		return t->v[t->a->flags] & SIT_ISATAP;
	if (m->word == W_IP6MODE)
		return t->v[t->a->proto] == tnl_ip6mode_proto(m->value);
	return true;
}

/* The mode of a tunnel of kind k: a row whose word it carries first, then
 * the kind's own; NULL when no word names it (ip6tnl's "any"). */
static const struct tnl_mode *mode_of(const struct tnl_kind *k, const struct tnl *t)
{
	const struct tnl_mode *plain = NULL;

	for (size_t i = 0; i < NMODES; i++) {
		if (mode_kind(&modes[i]) != k)
			continue;
		if (modes[i].word == W_N && !plain)
			plain = &modes[i];
		else if (modes[i].word != W_N && mode_matches(&modes[i], t))
			return &modes[i];
	}
	return plain;
}

/* ---- the arguments ------------------------------------------------------------- */

/* The name and mode, then the kinds' words (W_0..W_NTUNNEL-1) in order. */
enum { A_NAME, A_MODE, A_WORDS, A_NARGS = A_WORDS + W_NTUNNEL };

/* Completion cannot ask for tunnels only (live_kind names one kind), so it
 * offers every device for an existing tunnel. */
#define NAME_ENTRY(f, h)                                                                           \
	{                                                                                          \
		.kw = "name", .kind = ARG_IFNAME, .flags = ARGF_POSITIONAL | ARGF_SUBJECT | (f),   \
		.metavar = "NAME", .help = (h)                                                     \
	}
#define MODE_ENTRY(f, h)                                                                           \
	{                                                                                          \
		.kw = tnl_mode_kw, .kind = ARG_ENUM, .flags = (f), .words = mode_words,            \
		.help = (h)                                                                        \
	}

/* add and change: the settings are filled from tnl_words[] before main. */
static struct arg add_args[A_NARGS] = {
    [A_NAME] = NAME_ENTRY(ARGF_REQUIRED | ARGF_NEW, "the new tunnel (the keyword may be left out)"),
    [A_MODE] = MODE_ENTRY(ARGF_REQUIRED, "what the tunnel carries, over IPv4 or IPv6"),
};

static struct arg change_args[A_NARGS] = {
    [A_NAME] = NAME_ENTRY(ARGF_REQUIRED, "the tunnel to change (the keyword may be left out)"),
    [A_MODE] = MODE_ENTRY(0, "another mode of the same kind (default: the tunnel's)"),
};

static const struct arg del_args[A_NAME + 1] = {
    [A_NAME] = NAME_ENTRY(ARGF_REQUIRED, "the tunnel to delete"),
};

static const struct arg show_args[A_MODE + 1] = {
    [A_NAME] = NAME_ENTRY(0, "only this tunnel (default: every tunnel)"),
    [A_MODE] = MODE_ENTRY(0, "only tunnels of this mode"),
};

static void __attribute__((constructor)) fill_tables(void)
{
	uint8_t ids[W_NTUNNEL];

	for (size_t i = 0; i < NMODES; i++)
		mode_words[i] = mode_word(&modes[i]);
	for (size_t i = 0; i < W_NTUNNEL; i++)
		ids[i] = (uint8_t)i;
	tnl_fill_args(add_args + A_WORDS, ids, W_NTUNNEL, A_WORDS);
	tnl_fill_args(change_args + A_WORDS, ids, W_NTUNNEL, A_WORDS);
}

/* ---- the command's words for a mode --------------------------------------------- */

/* "mode ipip takes no key (modes that do: gre, ...)" */
static int not_taken(struct ctx *c, const struct tnl_mode *m, enum tnl_word w)
{
	char list[256] = "";
	size_t off = 0;

	for (size_t i = 0; i < NMODES && off < sizeof(list); i++)
		if (tnl_kind_takes(mode_kind(&modes[i]), w))
			off += (size_t)snprintf(list + off, sizeof(list) - off, "%s%s",
						off ? ", " : "", mode_words[i]);
	return err_usage(c, "%s %s takes no %s (modes that do: %s)", tnl_mode_kw, mode_word(m),
			 tnl_words[w].kw, list);
}

/* The words given, checked against m's kind's table, as n (word, value)
 * pairs; with the word the mode sets when set_mode. */
static int mode_words_of(struct ctx *c, const struct val *v, const struct tnl_mode *m,
			 bool set_mode, uint8_t *ids, struct val *vals, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < W_NTUNNEL; i++) {
		if (!v[A_WORDS + i].set)
			continue;
		if (!tnl_kind_takes(mode_kind(m), (enum tnl_word)i))
			return not_taken(c, m, (enum tnl_word)i);
		ids[*n] = (uint8_t)i;
		vals[(*n)++] = v[A_WORDS + i];
	}
	if (set_mode && m->word != W_N) {
		memset(&vals[*n], 0, sizeof(vals[*n]));
		vals[*n].set = true;
		vals[*n].e = m->value;
		ids[(*n)++] = (uint8_t)m->word;
	}
	return 0;
}

/* "mode gre", as errors name it. */
static const char *mode_what(const struct tnl_mode *m, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s %s", tnl_mode_kw, mode_word(m));
	return buf;
}

/* ---- finding tunnels ---------------------------------------------------------- */

struct tnl_dev {
	int index;
	char name[IFNAMSIZ];
	const struct tnl_kind *k;
	struct tnl t;
	struct nlattr *data; /* IFLA_INFO_DATA as the kernel sent it, or NULL */
};

struct tnl_list {
	struct tnl_dev *v;
	size_t n;
	char other[32]; /* a named lookup found a device of this kind instead */
	bool kindless;	/* or one of no kind at all */
};

static int collect_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct tnl_list *l = data;
	const struct tnl_kind *k = m->kind ? tnl_kind_of(m->kind) : NULL;
	const struct nlattr *info = m->info[IFLA_INFO_DATA];
	struct tnl_dev *d;

	(void)c;
	if (!k) {
		snprintf(l->other, sizeof(l->other), "%s", m->kind ? m->kind : "");
		l->kindless = !m->kind;
		return 0;
	}
	d = realloc(l->v, (l->n + 1) * sizeof(*d));
	if (!d)
		return -ENOMEM;
	l->v = d;
	d = &l->v[l->n++];
	memset(d, 0, sizeof(*d));
	d->index = m->ifi->ifi_index;
	d->k = k;
	snprintf(d->name, sizeof(d->name), "%s", m->name);
	tnl_parse(info, k->attrs, k->family, &d->t);
	if (info && (d->data = malloc(info->nla_len)))
		memcpy(d->data, info, info->nla_len);
	return info && !d->data ? -ENOMEM : 0;
}

static void list_free(struct tnl_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].data);
	free(l->v);
}

/* Every tunnel (one dump), or the device `name` (one GET), which must be a
 * tunnel; hint (may be NULL) says what to do with one that is not. */
static int tnl_collect(struct ctx *c, const char *name, struct tnl_list *l, const char *hint)
{
	int rc = link_walk(c, name, collect_cb, l);

	if (rc < 0 || !name || l->n > 0)
		return rc;
	if (l->kindless)
		return err_fail(c, "not a tunnel%s%s%s", hint ? " (" : "", hint ? hint : "",
				hint ? ")" : "");
	return err_fail(c, "not a tunnel (it is a %s%s%s)", l->other, hint ? "; " : "",
			hint ? hint : "");
}

/* ---- tunnel add, change ----------------------------------------------------- */

static struct ifinfomsg *put_ifinfo(struct nlmsghdr *nlh)
{
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	return ifi;
}

/* IFLA_LINKINFO { KIND, DATA { t's settings, then old's others } }. */
static void put_linkinfo(struct nlmsghdr *nlh, const struct tnl_kind *k, const struct tnl *t,
			 const struct nlattr *old)
{
	struct nlattr *info = mnl_attr_nest_start(nlh, IFLA_LINKINFO), *data;

	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, k->link.kind);
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	tnl_put_data(nlh, t, old);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
}

/* The kernel's bare EEXIST: the name is taken, or another tunnel of the
 * kind would receive the same packets (a module's fallback device, with no
 * remote, local or key, often would). */
static int exists_error(struct ctx *c, const char *name, const struct tnl_kind *k,
			const struct tnl *t)
{
	struct tnl_list l = {0};
	const struct tnl_dev *twin = NULL;
	bool keys = tnl_kind_takes(k, W_KEY);
	int rc = -EEXIST;

	if (if_nametoindex(name))
		return err_errno(c, EEXIST, "a device named %s exists already", name);
	if (tnl_collect(c, NULL, &l, NULL) == 0)
		for (size_t i = 0; i < l.n && !twin; i++)
			if (l.v[i].k == k && tnl_same_endpoints(&l.v[i].t, t))
				twin = &l.v[i];
	c->reason[0] = '\0';
	if (twin) {
		rc = err_fail(c, "%s is a %s tunnel with the same %s, %s%s", twin->name,
			      k->link.kind, tnl_words[W_REMOTE].kw, tnl_words[W_LOCAL].kw,
			      keys ? " and key" : "");
		err_errno(c, 0, "give this one another %s, %s%s", tnl_words[W_REMOTE].kw,
			  tnl_words[W_LOCAL].kw, keys ? " or key" : "");
	}
	list_free(&l);
	return rc;
}

/* ip tunnel asks the kind's fallback device (its ioctls go through it):
 * without it, ip says "add tunnel "tunl0" failed: No such device", exit 1.
 * Under ip's name the same, for the kinds ip tunnel knows. */
static const char *const fallback_devs[K_N] = {
    [K_IPIP] = "tunl0",	    [K_GRE] = "gre0",	    [K_SIT] = "sit0",	   [K_VTI] = "ip_vti0",
    [K_IP6TNL] = "ip6tnl0", [K_IP6GRE] = "ip6gre0", [K_VTI6] = "ip6_vti0",
};

static int ip_fallback_check(struct ctx *c, const struct tnl_kind *k, const char *op)
{
	const char *fb = fallback_devs[k - tnl_kinds];

	if (!ctx_iproute2(c) || !fb || if_nametoindex(fb))
		return 0;
	return err_iproute2(c, VN_EIP_FAIL, "%s tunnel \"%s\" failed: %s", op, fb,
			    strerror(ENODEV));
}

/* A tunnel that does not exist, as ip words it ("get tunnel ...", exit 1). */
static int ip_missing(struct ctx *c, int rc, const char *op, const char *name)
{
	if (rc != -ENODEV || !ctx_iproute2(c))
		return rc;
	return err_iproute2(c, VN_EIP_FAIL, "%s tunnel \"%s\" failed: %s", op, name,
			    strerror(ENODEV));
}

static int tunnel_add(struct ctx *c, const struct val *v)
{
	const struct tnl_mode *m = &modes[v[A_MODE].e];
	const struct tnl_kind *k = mode_kind(m);
	char buf[NL_BUFSZ], what[32];
	struct nlmsghdr *nlh;
	struct val vals[W_NTUNNEL + 1];
	uint8_t ids[W_NTUNNEL + 1];
	size_t n;
	struct tnl t;
	int rc;

	if ((rc = mode_words_of(c, v, m, true, ids, vals, &n)) < 0 ||
	    (rc = ip_fallback_check(c, k, "add")) < 0)
		return rc;
	tnl_init(&t, k);
	if ((rc = tnl_apply(c, &t, ids, vals, n, mode_what(m, what, sizeof(what)))) < 0)
		return rc;
	/* the message is started after the lookups, which use the socket */
	nlh = nl_msg(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	put_ifinfo(nlh);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, v[A_NAME].str);
	put_linkinfo(nlh, k, &t, NULL);
	rc = link_create(c, nlh, k->link.kind);
	if (rc == -EEXIST && !c->reason[0])
		rc = exists_error(c, v[A_NAME].str, k, &t);
	return rc;
}

/* The command's values over the tunnel's, sent whole.  The kind is the
 * device's; sit's changelink keeps the isatap flag as it was made. */
static int change_one(struct ctx *c, const struct val *v, struct tnl_dev *d)
{
	const struct tnl_mode *cur = mode_of(d->k, &d->t);
	const struct tnl_mode *m = v[A_MODE].set ? &modes[v[A_MODE].e] : cur;
	char buf[NL_BUFSZ], what[32];
	struct nlmsghdr *nlh;
	struct val vals[W_NTUNNEL + 1];
	uint8_t ids[W_NTUNNEL + 1];
	size_t n;
	int rc;

	if (!m) /* a mode no word names: its kind's first */
		for (size_t i = 0; i < NMODES && !m; i++)
			if (mode_kind(&modes[i]) == d->k)
				m = &modes[i];
	if (mode_kind(m) != d->k || (m != cur && m->word != W_IP6MODE))
		return err_fail(c,
				"the tunnel is %s and cannot become %s (del it and add it again)",
				cur ? mode_word(cur) : d->k->link.kind, mode_word(m));
	if ((rc = mode_words_of(c, v, m, v[A_MODE].set, ids, vals, &n)) < 0 ||
	    (rc = tnl_apply(c, &d->t, ids, vals, n, mode_what(m, what, sizeof(what)))) < 0)
		return rc;
	nlh = nl_msg(buf, RTM_NEWLINK, 0);
	put_ifinfo(nlh)->ifi_index = d->index;
	put_linkinfo(nlh, d->k, &d->t, d->data);
	return nl_request(c, nlh, NULL, NULL);
}

static int tunnel_change(struct ctx *c, const struct val *v)
{
	struct tnl_list l = {0};
	bool any = false;
	int rc;

	for (size_t i = A_NAME + 1; i < A_NARGS; i++)
		any |= v[i].set;
	if (!any)
		return err_usage(c, "nothing to change (see: vnetctl %s %s help)", c->obj->name,
				 c->verb->name);
	rc = ip_missing(c, tnl_collect(c, v[A_NAME].str, &l, NULL), "get", v[A_NAME].str);
	if (rc == 0)
		rc = change_one(c, v, &l.v[0]);
	list_free(&l);
	return rc;
}

/* ---- tunnel del ------------------------------------------------------------- */

/* By index, so what goes is the device just checked to be a tunnel. */
static int tunnel_del(struct ctx *c, const struct val *v)
{
	struct tnl_list l = {0};
	char buf[NL_BUFSZ], name[IFNAMSIZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_DELLINK, 0);
	int rc = ip_missing(c, tnl_collect(c, v[A_NAME].str, &l, "use link del"), "delete",
			    v[A_NAME].str);

	if (rc == 0) {
		put_ifinfo(nlh)->ifi_index = l.v[0].index;
		rc = nl_request(c, nlh, NULL, NULL);
	}
	/* The kernel acknowledges deleting a module's own device, and keeps it. */
	if (rc == 0 && !ctx_dryrun(c) && !c->pipe &&
	    link_name(c, l.v[0].index, name, sizeof(name))) {
		const char *mod = link_kind_module(l.v[0].k->link.kind);
		rc = err_fail(c, "the kernel keeps %s: it is the %s module's fallback device", name,
			      mod);
		err_errno(c, 0, "it goes with the module: modprobe -r %s", mod);
	}
	list_free(&l);
	return rc;
}

/* ---- tunnel show -------------------------------------------------------------- */

static void print_mode_json(struct out *o, const struct tnl_mode *m)
{
	if (m)
		out_str(o, OUT_JSON, tnl_mode_kw, "", mode_word(m));
	else
		out_null(o, tnl_mode_kw);
}

/* `gre1: gre/ip remote 10.0.0.2 local 10.0.0.1 ttl 64 key 5` */
static void print_full(struct ctx *c, struct tnl_dev *d, const struct tnl_mode *m)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_uint(o, OUT_JSON, "ifindex", "", (unsigned)d->index);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s:", d->name);
	out_str(o, OUT_TEXT, NULL, " %s", m ? m->label : d->k->link.kind);
	print_mode_json(o, m);
	out_str(o, OUT_JSON, "kind", "", d->k->link.kind);
	tnl_print_params(c, &d->t);
	out_nl(o);
	out_obj_close(o);
}

/* `gre1             gre        10.0.0.2        10.0.0.1` */
static void print_brief(struct ctx *c, struct tnl_dev *d, const struct tnl_mode *m)
{
	struct out *o = c->out;

	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%-16s", d->name);
	out_str(o, OUT_TEXT, NULL, " %-10s", m ? mode_word(m) : d->k->link.kind);
	print_mode_json(o, m);
	tnl_print_endpoints_brief(c, &d->t);
	out_nl(o);
	out_obj_close(o);
}

static int tunnel_show(struct ctx *c, const struct val *v)
{
	const char *name = v[A_NAME].set ? v[A_NAME].str : NULL;
	const struct tnl_mode *only = v[A_MODE].set ? &modes[v[A_MODE].e] : NULL;
	struct tnl_list l = {0};
	int rc = tnl_collect(c, name, &l, NULL);

	if (rc == 0) {
		out_list_open(c->out, NULL);
		for (size_t i = 0; i < l.n; i++) {
			const struct tnl_mode *m = mode_of(l.v[i].k, &l.v[i].t);
			if (only && m != only)
				continue;
			if (ctx_brief(c))
				print_brief(c, &l.v[i], m);
			else
				print_full(c, &l.v[i], m);
		}
		out_list_close(c->out);
	}
	list_free(&l);
	return rc;
}

/* ---- the object --------------------------------------------------------------- */

/* In ip tunnel's order, with its spellings (core.h). */
static const struct verb tunnel_verbs[] = {
    VERB("add", tunnel_add, add_args, "make a tunnel, in one request"),
    VERB("change", tunnel_change, change_args,
	 "change a tunnel in place; what is not given stays as it is"),
    VERB_ALSO("del", verb_del_aliases, tunnel_del, del_args, "delete a tunnel"),
    VERB_ALSO("show", verb_show_aliases, tunnel_show, show_args,
	      "list tunnels, whichever tool made them (-br, -j)"),
};

VNETCTL_OBJECT_OF(tunnel, "show",
		  "IP tunnels: ipip, GRE, sit, ISATAP, VTI, ERSPAN and their IPv6 kin")
