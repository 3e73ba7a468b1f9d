// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Link kinds as one core concept (see kind.h): the request that makes a
 * device of any kind, `link add ... type KIND`, and the `KIND add|del|show`
 * objects made from a kind's description.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <linux/if_arp.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "kind.h"
#include "nl.h"
#include "out.h"

static void make_object(const struct link_kind *k);

void kind_object_register(const struct link_kind *k)
{
	if (k->help && !k->own_object)
		make_object(k);
}

/* ---- making a device ----------------------------------------------------- */

int link_put_netns(struct ctx *c, struct nlmsghdr *nlh, const char *ns, int *fd)
{
	uint32_t pid;

	if (netns_is_pid(ns) && parse_u32(ns, &pid) == 0) {
		mnl_attr_put_u32(nlh, IFLA_NET_NS_PID, pid);
		return 0;
	}
	*fd = netns_open(c, ns);
	if (*fd < 0)
		return *fd;
	mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)*fd);
	return 0;
}

/* The devices named by link and master are looked up as the request is
 * built: queries go even in dry run, so the request printed carries their
 * indexes. */
int kind_put_common(struct ctx *c, struct nlmsghdr *nlh, const struct val *v)
{
	static const struct {
		int arg;
		uint16_t type;
	} u32s[] = {
	    {LA_MTU, IFLA_MTU},
	    {LA_TXQUEUELEN, IFLA_TXQLEN},
	    {LA_NUMTXQUEUES, IFLA_NUM_TX_QUEUES},
	    {LA_NUMRXQUEUES, IFLA_NUM_RX_QUEUES},
	    {LA_GROUP, IFLA_GROUP},
	    {LA_GSO_MAX_SIZE, IFLA_GSO_MAX_SIZE},
	    {LA_GSO_MAX_SEGS, IFLA_GSO_MAX_SEGS},
	    {LA_GRO_MAX_SIZE, IFLA_GRO_MAX_SIZE},
	};
	const struct val *alias = &v[LA_ALIAS];
	int index;

	if (v[LA_NAME].set)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, v[LA_NAME].str);
	if (v[LA_LINK].set) {
		if ((index = link_index(c, v[LA_LINK].str)) < 0)
			return index;
		mnl_attr_put_u32(nlh, IFLA_LINK, (uint32_t)index);
	}
	if (v[LA_MASTER].set) {
		if ((index = link_index(c, v[LA_MASTER].str)) < 0)
			return index;
		mnl_attr_put_u32(nlh, IFLA_MASTER, (uint32_t)index);
	}
	if (v[LA_ADDRESS].set)
		mnl_attr_put(nlh, IFLA_ADDRESS, sizeof(v[LA_ADDRESS].mac), v[LA_ADDRESS].mac);
	if (v[LA_BROADCAST].set)
		mnl_attr_put(nlh, IFLA_BROADCAST, sizeof(v[LA_BROADCAST].mac), v[LA_BROADCAST].mac);
	for (size_t i = 0; i < ARRAY_SIZE(u32s); i++)
		if (v[u32s[i].arg].set)
			mnl_attr_put_u32(nlh, u32s[i].type, v[u32s[i].arg].u);
	if (alias->set) { /* without its NUL, as link set puts it */
		if (strlen(alias->str) >= IFALIASZ)
			return err_usage(c, "%s is %zu bytes long, the most is %d",
					 link_add_args[LA_ALIAS].kw, strlen(alias->str),
					 IFALIASZ - 1);
		mnl_attr_put(nlh, IFLA_IFALIAS, strlen(alias->str), alias->str);
	}
	if (v[LA_NETNS].set) {
		int fd = -1, rc = link_put_netns(c, nlh, v[LA_NETNS].str, &fd);
		if (rc < 0)
			return rc;
		if (fd >= 0)
			return ctx_hold_fd(c, fd);
	}
	return 0;
}

/* IFLA_LINKINFO { IFLA_INFO_KIND, IFLA_INFO_DATA { the kind's own } }; no
 * IFLA_INFO_DATA when the kind puts nothing in it. */
static int put_linkinfo(struct ctx *c, struct nlmsghdr *nlh, const struct link_kind *k,
			const struct val *kv)
{
	struct nlattr *info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	int rc = 0;

	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, k->kind);
	if (k->put) {
		struct nlattr *data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
		rc = k->put(c, k, nlh, kv);
		/* nla_len is set only by nest_end: compare the message's tail */
		if ((char *)mnl_nlmsg_get_payload_tail(nlh) == (char *)data + MNL_ATTR_HDRLEN)
			mnl_attr_nest_cancel(nlh, data);
		else
			mnl_attr_nest_end(nlh, data);
	}
	mnl_attr_nest_end(nlh, info);
	return rc;
}

/* Only a kind whose devices keep an address of their own may be given one
 * (the table refuses multicast and zero addresses). */
static int check_address(struct ctx *c, const struct link_kind *k, const struct val *v)
{
	if (v->set && k->lower_address)
		return err_usage(c, "%s cannot be used: %s %s device has its lower device's %s",
				 link_add_args[LA_ADDRESS].kw, kind_article(k->kind), k->kind,
				 link_add_args[LA_ADDRESS].kw);
	return 0;
}

static int type_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	(void)c;
	*(unsigned short *)data = m->ifi->ifi_type;
	return 1;
}

/* The kernel's bare EINVAL when the lower device is no Ethernet device
 * (macvlan, vlan, ipvlan on lo): say so. */
static void lower_hint(struct ctx *c, const struct link_kind *k, const char *lower)
{
	unsigned short type = ARPHRD_ETHER;

	if (link_walk(c, lower, type_cb, &type) == 1 && type != ARPHRD_ETHER)
		snprintf(c->hint, sizeof(c->hint), "%s is not an Ethernet device: %s %s needs one",
			 lower, kind_article(k->kind), k->kind);
	c->reason[0] = '\0';
}

/* The kernel keeps no alias given with a new device (only a change sets
 * one), though ip sends it so.  Under vnetctl's name the alias is set by a
 * second request, by the name: the device must be named here and made here. */
static int alias_check(struct ctx *c, const struct val *v)
{
	if (!v[LA_ALIAS].set || ctx_iproute2(c))
		return 0;
	if (!v[LA_NAME].set)
		return err_usage(c, "%s needs %s NAME: it is set once the device is made",
				 link_add_args[LA_ALIAS].kw, link_add_args[LA_NAME].kw);
	if (v[LA_NETNS].set)
		return err_usage(c, "%s cannot be used with %s: set it there with link set",
				 link_add_args[LA_ALIAS].kw, link_add_args[LA_NETNS].kw);
	return 0;
}

static int alias_set(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_NEWLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, v[LA_NAME].str);
	mnl_attr_put(nlh, IFLA_IFALIAS, strlen(v[LA_ALIAS].str), v[LA_ALIAS].str);
	return nl_request(c, nlh, NULL, NULL);
}

/* One RTM_NEWLINK with everything in it: the kernel makes the device whole
 * or not at all (an alias, under vnetctl's name, follows). */
static int kind_add(struct ctx *c, const struct link_kind *k, const struct val *v,
		    const struct val *kv)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifi;
	const char *name = v[LA_NAME].set ? v[LA_NAME].str : NULL;
	int rc;

	if ((rc = check_address(c, k, &v[LA_ADDRESS])) < 0 || (rc = alias_check(c, v)) < 0)
		return rc;
	/* the message is started after the lookups, which use the socket */
	nlh = nl_msg(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	if (v[LA_UP].set) {
		ifi->ifi_flags |= IFF_UP;
		ifi->ifi_change |= IFF_UP;
	}
	if (v[LA_INDEX].set)
		ifi->ifi_index = (int)v[LA_INDEX].u;
	c->req_new = name; /* pipelined, its EEXIST is worded the same */
	if ((rc = kind_put_common(c, nlh, v)) == 0 && (rc = put_linkinfo(c, nlh, k, kv)) == 0)
		rc = link_create(c, nlh, k->kind);
	c->req_new = NULL;
	ctx_release_fds(c);
	if (rc == -EEXIST && !c->reason[0] && name && if_nametoindex(name)) {
		err_names_explain(rc, NULL, name, c->reason, sizeof(c->reason));
		return rc;
	}
	if (rc == -EINVAL && !c->reason[0] && k->lower && v[LA_LINK].set)
		lower_hint(c, k, v[LA_LINK].str);
	if (rc == 0 && v[LA_ALIAS].set && !ctx_iproute2(c))
		rc = alias_set(c, v);
	return rc;
}

/* ---- link add ... type KIND ---------------------------------------------- */

/* Under ip's name a kind vnetctl does not know, with no words of its own,
 * goes to the kernel as ip sends it: the kernel makes it or says "Unknown
 * device type". */
static int kind_add_unknown(struct ctx *c, const char *kind, const struct val *v)
{
	const struct link_kind k = {.kind = kind};

	if (ifname_invalid(kind))
		return err_usage(c, "invalid kind \"%s\"", kind);
	return kind_add(c, &k, v, NULL);
}

bool kind_makeable(const struct link_kind *k)
{
	return k->help || k->put;
}

/* The kinds the core can make (those with a description of their words). */
static int find_makeable(struct ctx *c, const char *word, const struct link_kind **out)
{
	size_t nkinds;
	const struct link_kind *const *kinds = link_kinds_all(&nkinds);
	const char *names[64];
	const struct link_kind *made[64];
	char list[512] = "";
	size_t n = 0, len = 0;
	struct match m;
	int i;

	for (size_t j = 0; j < nkinds && n < ARRAY_SIZE(names); j++) {
		if (!kind_makeable(kinds[j]))
			continue;
		made[n] = kinds[j];
		names[n++] = kinds[j]->kind;
		len += (size_t)snprintf(list + len, len < sizeof(list) ? sizeof(list) - len : 0,
					"%s%s", len ? ", " : "", kinds[j]->kind);
	}
	i = match_word(word, names, n, &m);
	if (i >= 0) {
		*out = made[i];
		return 0;
	}
	if (link_kind_find(word) && objects_find(word))
		return err_usage(c,
				 "link add does not make %s devices yet: use vnetctl %s add "
				 "(kinds link add makes: %s)",
				 word, word, list);
	if (i == MATCH_AMBIGUOUS) {
		char cand[256];
		match_candidates(cand, sizeof(cand), names, &m);
		return err_usage(c, "ambiguous kind \"%s\": %s", word, cand);
	}
	if (m.suggest)
		return err_usage(c, "unknown kind \"%s\" (did you mean \"%s\"?)", word, m.suggest);
	return err_usage(c, "unknown kind \"%s\" (kinds: %s)", word, list);
}

/* The kind's words as a verb of their own, for the parser and completion. */
static void kind_verb(const struct link_kind *k, struct verb *vb)
{
	memset(vb, 0, sizeof(*vb));
	vb->name = "add";
	vb->args = k->args;
	vb->nargs = k->nargs;
}

/* `link add type help`: the kinds link add makes, as `vnetctl help` lists
 * the objects. */
static int kinds_help(void)
{
	size_t n;
	const struct link_kind *const *kinds = link_kinds_all(&n);

	printf("vnetctl link add [COMMON...] type KIND [ARGS...]\n\nKinds:\n");
	for (size_t i = 0; i < n; i++) {
		const struct object *o = objects_find(kinds[i]->kind);
		const char *h = kinds[i]->help ? kinds[i]->help : o ? o->help : "";

		if (kind_makeable(kinds[i]))
			printf("  %-10s %s\n", kinds[i]->kind, h);
	}
	printf("\nvnetctl link add type KIND help: the words of that kind\n");
	return 0;
}

/* `link add ... type KIND help`: the kind's words, as ip prints them. */
static int kind_help(const struct link_kind *k, struct verb *vb)
{
	const struct object o = {.name = "link add [COMMON...] type"};

	vb->name = k->kind;
	vb->help = k->help;
	usage_verb(stdout, &o, vb);
	usage_words(stdout, &o, vb);
	return 0;
}

int kind_usage(const char *kind)
{
	const struct link_kind *k = link_kind_find(kind);
	struct verb vb;

	if (!k || !kind_makeable(k))
		return -1;
	kind_verb(k, &vb);
	return kind_help(k, &vb);
}

int kind_link_add(struct ctx *c, const struct val *v)
{
	const struct val *t = &v[LA_TYPE];
	const struct link_kind *k = NULL;
	struct val kv[64];
	struct verb vb;
	int rc;

	if (t->nrest == 1 && !strcmp(t->rest[0], "help"))
		return kinds_help();
	if (ctx_iproute2(c) && !link_kind_find(t->rest[0]))
		return t->nrest == 1 ? kind_add_unknown(c, t->rest[0], v)
				     : err_iproute2(c, VN_EIP_FAIL,
						    "Garbage instead of arguments \"%s ...\". Try "
						    "\"ip link help\".",
						    t->rest[1]);
	if ((rc = find_makeable(c, t->rest[0], &k)) < 0)
		return rc;
	kind_verb(k, &vb);
	if (t->nrest == 2 && !strcmp(t->rest[1], "help"))
		return kind_help(k, &vb);
	memset(kv, 0, sizeof(kv));
	if (vb.nargs > ARRAY_SIZE(kv))
		return err_fail(c, "kind %s has too many words", k->kind);
	if ((rc = parse_args(c, &vb, t->nrest - 1, (char **)t->rest + 1, kv)) < 0)
		return rc;
	/* ip sends it, and the kernel refuses it */
	if (k->lower && !v[LA_LINK].set && !ctx_iproute2(c))
		return err_usage(c, "missing %s (%s %s device is made on a lower device)",
				 link_add_args[LA_LINK].kw, kind_article(k->kind), k->kind);
	return kind_add(c, k, v, kv);
}

/* "bridge_slave": the kind of master whose port words follow, when it has
 * some. */
static const struct link_kind *slave_kind(const char *word)
{
	static const char suffix[] = "_slave";
	size_t n = strlen(word), sn = sizeof(suffix) - 1;
	const struct link_kind *k;
	char kind[IFNAMSIZ];

	if (n <= sn || n - sn >= sizeof(kind) || strcmp(word + n - sn, suffix))
		return NULL;
	memcpy(kind, word, n - sn);
	kind[n - sn] = '\0';
	k = link_kind_find(kind);
	return k && k->slave_args ? k : NULL;
}

static void slave_verb(const struct link_kind *k, struct verb *vb)
{
	memset(vb, 0, sizeof(*vb));
	vb->name = "set";
	vb->args = k->slave_args;
	vb->nargs = k->nslave_args;
}

/* Completion reads `type` of link add and of link set alike: a kind's words,
 * or a port's (KIND_slave). */
const struct verb *kind_words(const char *word, struct verb *vb)
{
	const struct link_kind *k = link_kind_find(word);

	if (k && kind_makeable(k)) {
		kind_verb(k, vb);
		return vb;
	}
	if ((k = slave_kind(word))) {
		slave_verb(k, vb);
		return vb;
	}
	return NULL;
}

/* ---- link set ... type KIND[_slave] ---------------------------------------- */

int kind_type_parse(struct ctx *c, const struct val *t, const struct link_kind **out, bool *slave,
		    struct val *kv, size_t nkv)
{
	const struct link_kind *k = slave_kind(t->rest[0]), *own = link_kind_find(t->rest[0]);
	size_t nkinds;
	const struct link_kind *const *kinds = link_kinds_all(&nkinds);
	char list[256] = "";
	size_t len = 0;
	struct verb vb;
	size_t i;
	int rc;

	for (size_t j = 0; j < nkinds && !k; j++)
		if (kinds[j]->slave_args)
			len += (size_t)snprintf(list + len,
						len < sizeof(list) ? sizeof(list) - len : 0,
						"%s%s_slave", len ? ", " : "", kinds[j]->kind);
	*slave = k != NULL;
	if (!k && own && kind_makeable(own))
		kind_verb(k = own, &vb);
	else if (k)
		slave_verb(k, &vb);
	else
		return err_usage(c,
				 "unknown kind \"%s\" (a kind link add makes, or a port "
				 "kind: %s)",
				 t->rest[0], list);
	memset(kv, 0, nkv * sizeof(*kv));
	if (vb.nargs > nkv)
		return err_fail(c, "kind %s has too many words", k->kind);
	if ((rc = parse_args(c, &vb, t->nrest - 1, (char **)t->rest + 1, kv)) < 0)
		return rc;
	/* ip sends the kind alone, which the kernel takes for a no-op */
	for (i = 0; i < vb.nargs && !ctx_iproute2(c); i++)
		if (kv[i].set)
			break;
	if (ctx_iproute2(c) || i < vb.nargs) {
		*out = k;
		return 0;
	}
	return err_usage(c, "nothing to change after %s", t->rest[0]);
}

/* The kernel refuses a kind other than the device's (EOPNOTSUPP). */
int kind_put_own(struct ctx *c, struct nlmsghdr *nlh, const struct link_kind *k,
		 const struct val *kv)
{
	return put_linkinfo(c, nlh, k, kv);
}

struct port_of {
	const struct link_kind *k;
};

/* The device's master must be of kind k: another kind of master would read
 * the attributes as its own numbers (a bond's IFLA_BOND_SLAVE_*). */
static int port_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	const struct link_kind *k = ((struct port_of *)data)->k;
	const struct nlattr *a = m->info[IFLA_INFO_SLAVE_KIND];
	const char *master =
	    a && mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0 ? mnl_attr_get_str(a) : NULL;

	if (master && !strcmp(master, k->kind))
		return 0;
	if (!m->tb[IFLA_MASTER])
		return err_fail(c, "not %s %s port (it has no master)", kind_article(k->kind),
				k->kind);
	return err_fail(c, "not %s %s port (its master is %s %s)", kind_article(k->kind), k->kind,
			master ? kind_article(master) : "of", master ? master : "another kind");
}

int kind_put_slave(struct ctx *c, struct nlmsghdr *nlh, const char *dev, const struct link_kind *k,
		   const struct val *kv)
{
	struct port_of p = {k};
	struct nlattr *info, *data;
	int rc = link_walk(c, dev, port_cb, &p);

	if (rc < 0)
		return rc;
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_SLAVE_KIND, k->kind);
	data = mnl_attr_nest_start(nlh, IFLA_INFO_SLAVE_DATA);
	rc = k->slave_put(c, k, nlh, kv);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return rc;
}

/* ---- KIND add|del|show, made from the description -------------------------- */

static const struct link_kind *kind_of_object(const struct ctx *c)
{
	return link_kind_find(c->obj->name);
}

/* A common word that one of the kind's words spells too (vxlan's group
 * ADDR, the multicast group, against the interface group): `KIND add` has
 * the kind's; the common one stays with `link add ... group N type KIND`. */
static bool shadowed(const struct link_kind *k, size_t common)
{
	const char *kw = link_add_args[common].kw;

	for (size_t i = 0; i < k->nargs; i++)
		if ((k->args[i].kw && !strcmp(k->args[i].kw, kw)) ||
		    (k->args[i].alias && !strcmp(k->args[i].alias, kw)))
			return true;
	return false;
}

/* The dev_words given (v: their values), or -1 when none is. */
static int dev_word_given(const struct link_kind *k, const struct val *v)
{
	for (size_t i = 0; i < k->ndev_words; i++)
		if (v[i].set)
			return (int)i;
	return -1;
}

/* `KIND add DEV WORD ...` (macsec add DEV tx ...): the device named, and
 * nothing of a new device's but its name. */
static int obj_add_dev(struct ctx *c, const struct link_kind *k, const struct val *v, size_t n,
		       int word)
{
	const struct val *name = NULL;
	size_t ncommon = 0;

	for (size_t i = 0; i < LA_NCOMMON; i++) {
		if (shadowed(k, i))
			continue;
		if (i == LA_NAME)
			name = &v[ncommon];
		else if (v[ncommon].set)
			return err_usage(c, "%s cannot be used with %s", link_add_args[i].kw,
					 k->dev_words[word].kw);
		ncommon++;
	}
	for (size_t i = ncommon; i < n; i++)
		if (v[i].set)
			return err_usage(c, "%s cannot be used with %s", k->args[i - ncommon].kw,
					 k->dev_words[word].kw);
	if (!name || !name->set)
		return err_usage(c, "%s needs the device (%s DEV %s ...)", k->dev_words[word].kw,
				 c->verb->name, k->dev_words[word].kw);
	return k->dev_run(c, k, KIND_CMD_ADD, name->str, v + n);
}

/* add's values: the common words not shadowed, then the kind's, then its
 * dev_words. */
static int obj_add(struct ctx *c, const struct val *v)
{
	const struct link_kind *k = kind_of_object(c);
	struct val common[LA_NCOMMON] = {0};
	size_t n = 0;
	int word;

	for (size_t i = 0; i < LA_NCOMMON; i++)
		if (!shadowed(k, i))
			common[i] = v[n++];
	if ((word = dev_word_given(k, v + n + k->nargs)) >= 0)
		return obj_add_dev(c, k, v, n + k->nargs, word);
	/* required in the table unless the kind has dev_words */
	if (k->lower && !common[LA_LINK].set)
		return err_usage(c, "missing %s (%s %s device is made on a lower device)",
				 link_add_args[LA_LINK].kw, kind_article(k->kind), k->kind);
	return kind_add(c, k, common, v + n);
}

static int obj_del(struct ctx *c, const struct val *v)
{
	const struct link_kind *k = kind_of_object(c);

	if (dev_word_given(k, v + 1) >= 0)
		return k->dev_run(c, k, KIND_CMD_DEL, v[0].str, v + 1);
	return kind_del(c, k, v[0].str);
}

static int obj_set(struct ctx *c, const struct val *v)
{
	const struct link_kind *k = kind_of_object(c);

	if (dev_word_given(k, v + 1) < 0)
		return err_usage(c, "nothing to change: give %s", k->dev_words[0].kw);
	return k->dev_run(c, k, KIND_CMD_SET, v[0].str, v + 1);
}

static int obj_show(struct ctx *c, const struct val *v)
{
	const struct link_kind *k = kind_of_object(c);
	const char *dev = v[0].set ? v[0].str : NULL;

	return k->show_run ? k->show_run(c, k, dev) : kind_show(c, k, dev);
}

/* add's table: the common words not shadowed, with the kind's after them
 * (an exclusion among the kind's words moves with them), then its
 * dev_words, which del and set take after the device too. */
static void make_object(const struct link_kind *k)
{
	size_t n = k->nargs, ncommon = 0, nd = k->ndev_words, nverbs = 3 + (nd ? 1 : 0);
	struct arg *add = calloc(LA_NCOMMON + n + nd, sizeof(*add));
	struct arg *dev = calloc(3 + 2 * nd, sizeof(*dev));
	struct verb *verbs = calloc(nverbs + k->nverbs, sizeof(*verbs));
	struct object *o = calloc(1, sizeof(*o));

	if (!add || !dev || !verbs || !o)
		abort();
	for (size_t i = 0; i < LA_NCOMMON; i++) {
		if (shadowed(k, i))
			continue;
		add[ncommon] = link_add_args[i];
		if (i == LA_NAME) /* `dev NAME` is ip link add's spelling */
			add[ncommon].alias = NULL;
		if (i == LA_LINK && k->lower && !nd)
			add[ncommon].flags |= ARGF_REQUIRED;
		ncommon++;
	}
	for (size_t i = 0; i < k->nargs; i++) {
		add[ncommon + i] = k->args[i];
		if (add[ncommon + i].excludes)
			add[ncommon + i].excludes += (int)ncommon;
	}
	n += ncommon;
	for (size_t i = 0; i < nd; i++)
		add[n + i] = k->dev_words[i];
	dev[0] = (struct arg){.kw = "dev",
			      .kind = ARG_IFNAME,
			      .flags = ARGF_POSITIONAL | ARGF_SUBJECT | ARGF_REQUIRED,
			      .metavar = "NAME",
			      .live_kind = k->kind,
			      .help = "the device"};
	for (size_t i = 0; i < nd; i++)
		dev[1 + i] = k->dev_words[i];
	dev[1 + nd] = dev[0];
	dev[1 + nd].flags &= ~(unsigned)ARGF_REQUIRED;
	dev[1 + nd].help = "only this device (default: every one of the kind)";
	dev[2 + nd] = dev[0];
	dev[2 + nd].help = "the device whose words change";
	for (size_t i = 0; i < nd; i++)
		dev[3 + nd + i] = k->dev_words[i];
	verbs[0] = (struct verb){.name = "add",
				 .args = add,
				 .nargs = n + nd,
				 .run = obj_add,
				 .help = "make a device of this kind, in one request"};
	verbs[1] = (struct verb){.name = "del",
				 .aliases = verb_del_aliases,
				 .args = &dev[0],
				 .nargs = 1 + nd,
				 .run = obj_del,
				 .help = "delete a device; a device of another kind is refused"};
	verbs[2] = (struct verb){
	    .name = "show",
	    .aliases = verb_show_aliases,
	    .args = &dev[1 + nd],
	    .nargs = 1,
	    .run = obj_show,
	    .help = k->show_run ? "the devices' own settings and what their words added"
				: "list the devices of this kind (-d details, -br, -j)"};
	if (nd)
		verbs[3] =
		    (struct verb){.name = "set",
				  .args = &dev[2 + nd],
				  .nargs = 1 + nd,
				  .run = obj_set,
				  .help = "change what add put on a device (its words after DEV)"};
	for (size_t i = 0; i < k->nverbs; i++)
		verbs[nverbs + i] = k->verbs[i];
	*o = (struct object){.name = k->kind,
			     .verbs = verbs,
			     .nverbs = nverbs + k->nverbs,
			     .default_verb = "show",
			     .help = k->help};
	object_register(o);
}
