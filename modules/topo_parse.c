// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A topology file read with libyaml into struct topo (topo_parse.h).
 *
 * libyaml loads the whole document as a tree of nodes, each with the mark
 * (line and column) where it starts, so that every error names the place in
 * the file: an unknown key, a value of the wrong type, a name or a prefix
 * that is not one.  Nothing is checked against the kernel here.
 *
 *	namespaces: [NAME...]
 *	bridges: {NAME: {netns: NS, ports: [DEV...], up: BOOL}}
 *	veths: [{a: NS/DEV, b: NS/DEV, up: BOOL}]
 *	addresses: {NS/DEV: [PREFIX...]}
 *	routes: {NS: [{to: PREFIX, via: ADDR}]}
 *	up: [NS/DEV...]
 *
 * A device with no "NS/" (or an empty NS) is in the caller's namespace; so
 * is the routes of the key "" .
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "rtnames.h"
#include "topo_parse.h"

/* The keys of each mapping, spelled here and nowhere else. */
const char *const topo_keys[K_NTOP + 1] = {
    [K_NAMESPACES] = "namespaces", [K_BRIDGES] = "bridges", [K_TUNTAPS] = "tuntaps",
    [K_TUNNELS] = "tunnels",	   [K_VXLANS] = "vxlans",   [K_VLANS] = "vlans",
    [K_BONDS] = "bonds",	   [K_VRFS] = "vrfs",	    [K_VETHS] = "veths",
    [K_ADDRESSES] = "addresses",   [K_ROUTES] = "routes",   [K_UP] = "up",
};
const char *const topo_dev_keys[D_NKEYS + 1] = {
    [D_NETNS] = "netns",     [D_PORTS] = "ports",   [D_UP] = "up", [D_MODE] = "mode",
    [D_LOCAL] = "local",     [D_REMOTE] = "remote", [D_ID] = "id", [D_LINK] = "link",
    [D_DSTPORT] = "dstport", [D_TABLE] = "table"};
const char *const topo_veth_keys[V_NKEYS + 1] = {[V_A] = "a", [V_B] = "b", [V_UP] = "up"};
const char *const topo_route_keys[R_NKEYS + 1] = {
    [R_TO] = "to", [R_VIA] = "via", [R_PROTO] = "proto"};
/* YAML's booleans as topology files spell them: index 0 is false. */
const char *const topo_bool_words[3] = {"false", "true", NULL};

/* Each kind: its section, its name, the keys its devices take (a mask of
 * 1 << D_*) and those they must have.  A section of several kinds tells
 * them by mode, whose value is the kind's name. */
const enum topo_key topo_kind_section[TK_NKINDS] = {
    [TK_BRIDGE] = K_BRIDGES, [TK_TAP] = K_TUNTAPS,  [TK_TUN] = K_TUNTAPS,
    [TK_GRE] = K_TUNNELS,    [TK_IPIP] = K_TUNNELS, [TK_VXLAN] = K_VXLANS,
    [TK_VLAN] = K_VLANS,     [TK_BOND] = K_BONDS,   [TK_VRF] = K_VRFS,
};
const char *const topo_kind_names[TK_NKINDS] = {
    [TK_BRIDGE] = "bridge", [TK_TAP] = "tap",	[TK_TUN] = "tun",
    [TK_GRE] = "gre",	    [TK_IPIP] = "ipip", [TK_VXLAN] = "vxlan",
    [TK_VLAN] = "vlan",	    [TK_BOND] = "bond", [TK_VRF] = "vrf",
};
#define KEY(k) (1u << (k))
#define BASE   (KEY(D_NETNS) | KEY(D_UP))
static const unsigned kind_keys[TK_NKINDS] = {
    [TK_BRIDGE] = BASE | KEY(D_PORTS),
    [TK_TAP] = BASE | KEY(D_MODE),
    [TK_TUN] = BASE | KEY(D_MODE),
    [TK_GRE] = BASE | KEY(D_MODE) | KEY(D_LOCAL) | KEY(D_REMOTE),
    [TK_IPIP] = BASE | KEY(D_MODE) | KEY(D_LOCAL) | KEY(D_REMOTE),
    [TK_VXLAN] = BASE | KEY(D_ID) | KEY(D_LOCAL) | KEY(D_REMOTE) | KEY(D_LINK) | KEY(D_DSTPORT),
    [TK_VLAN] = BASE | KEY(D_ID) | KEY(D_LINK),
    [TK_BOND] = BASE | KEY(D_PORTS),
    [TK_VRF] = BASE | KEY(D_PORTS) | KEY(D_TABLE),
};
static const unsigned kind_needs[TK_NKINDS] = {
    [TK_TAP] = KEY(D_MODE),  [TK_TUN] = KEY(D_MODE), [TK_GRE] = KEY(D_MODE),
    [TK_IPIP] = KEY(D_MODE), [TK_VXLAN] = KEY(D_ID), [TK_VLAN] = KEY(D_ID) | KEY(D_LINK),
    [TK_VRF] = KEY(D_TABLE),
};

struct parse {
	struct ctx *c;
	struct topo *t;
	yaml_document_t doc;
};

static int line_of(const yaml_node_t *n)
{
	return (int)n->start_mark.line + 1;
}

/* The error at node n: FILE:LINE:COLUMN: what. */
static int __attribute__((format(printf, 3, 4)))
bad(struct parse *p, const yaml_node_t *n, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(p->c->reason, sizeof(p->c->reason), "%s:%d:%d: %s", p->t->file, line_of(n),
		 (int)n->start_mark.column + 1, what);
	return -VN_EUSAGE;
}

static const char *type_name(const yaml_node_t *n)
{
	return n->type == YAML_SCALAR_NODE     ? "a scalar"
	       : n->type == YAML_SEQUENCE_NODE ? "a list"
					       : "a mapping";
}

static int want(struct parse *p, const yaml_node_t *n, yaml_node_type_t type, const char *what)
{
	static const char *const names[] = {[YAML_SCALAR_NODE] = "a scalar",
					    [YAML_SEQUENCE_NODE] = "a list",
					    [YAML_MAPPING_NODE] = "a mapping"};

	if (n->type == type)
		return 0;
	return bad(p, n, "%s: %s expected, not %s", what, names[type], type_name(n));
}

static const char *scalar(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

static yaml_node_t *node(struct parse *p, int id)
{
	return yaml_document_get_node(&p->doc, id);
}

static const char *keep_n(struct topo *t, const char *s, size_t len)
{
	char *d = strndup(s, len);
	char **v = realloc(t->strs.v, (t->strs.n + 1) * sizeof(*v));

	if (!d || !v)
		abort();
	t->strs.v = v;
	v[t->strs.n++] = d;
	return d;
}

const char *topo_keep(struct topo *t, const char *s)
{
	return keep_n(t, s, strlen(s));
}

/* A copy of s (length len) that lives as long as the topology. */
static const char *keep(struct parse *p, const char *s, size_t len)
{
	return keep_n(p->t, s, len);
}

/* Room for one more element of a list (struct topo's). */
static void *grow(void **v, size_t *n, size_t size)
{
	char *nv = realloc(*v, (*n + 1) * size);

	if (!nv)
		abort();
	*v = nv;
	memset(nv + *n * size, 0, size);
	return nv + (*n)++ * size;
}
#define ADD(list) ((__typeof__((list).v))grow((void **)&(list).v, &(list).n, sizeof(*(list).v)))

/* The key's index in keys, or the error naming the keys there are. */
static int key_of(struct parse *p, const yaml_node_t *k, const char *const *keys, unsigned mask,
		  const char *in)
{
	char list[200] = "";
	int rc;

	if ((rc = want(p, k, YAML_SCALAR_NODE, in)) < 0)
		return rc;
	for (int i = 0; keys[i]; i++)
		if ((mask & 1u << i) && !strcmp(scalar(k), keys[i]))
			return i;
	for (int i = 0; keys[i]; i++)
		if (mask & 1u << i)
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 *list ? ", " : "", keys[i]);
	return bad(p, k, "%s: unknown key \"%s\" (one of: %s)", in, scalar(k), list);
}

/* A mapping's keys: each known (of those in mask), none twice; seen[i] is
 * the value of keys[i]. */
static int keys_in(struct parse *p, yaml_node_t *m, const char *const *keys, unsigned mask,
		   const char *in, yaml_node_t **seen)
{
	int rc;

	if ((rc = want(p, m, YAML_MAPPING_NODE, in)) < 0)
		return rc;
	for (yaml_node_pair_t *kv = m->data.mapping.pairs.start; kv < m->data.mapping.pairs.top;
	     kv++) {
		yaml_node_t *k = node(p, kv->key);
		int i = key_of(p, k, keys, mask, in);
		if (i < 0)
			return i;
		if (seen[i])
			return bad(p, k, "%s: key \"%s\" given twice", in, keys[i]);
		seen[i] = node(p, kv->value);
	}
	return 0;
}

static int keys_of(struct parse *p, yaml_node_t *m, const char *const *keys, const char *in,
		   yaml_node_t **seen)
{
	return keys_in(p, m, keys, ~0u, in, seen);
}

static int name_ok(struct parse *p, const yaml_node_t *n, const char *s, size_t len,
		   const char *what)
{
	if (len == 0 || memchr(s, '/', len) || (len == 1 && s[0] == '.') ||
	    (len == 2 && !strncmp(s, "..", 2)) || len >= 256 || memchr(s, '\0', len))
		return bad(p, n, "invalid %s \"%.*s\"", what, (int)len, s);
	return 0;
}

static int ns_name(struct parse *p, const yaml_node_t *n, const char *what, const char **out)
{
	int rc;

	if ((rc = want(p, n, YAML_SCALAR_NODE, what)) < 0)
		return rc;
	if ((rc = name_ok(p, n, scalar(n), n->data.scalar.length, "namespace name")) < 0)
		return rc;
	*out = keep(p, scalar(n), n->data.scalar.length);
	return 0;
}

static int dev_name(struct parse *p, const yaml_node_t *n, const char *s, size_t len,
		    const char **out)
{
	const char *d = keep(p, s, len);
	const char *why = ifname_invalid(d);

	if (why)
		return bad(p, n, "invalid device name \"%s\": %s", d, why);
	*out = d;
	return 0;
}

/* NS/DEV, /DEV or DEV, in scalar node n (or in the text s of a key). */
static int ref_of(struct parse *p, const yaml_node_t *n, const char *what, struct topo_ref *r)
{
	const char *s, *slash;
	int rc;

	if ((rc = want(p, n, YAML_SCALAR_NODE, what)) < 0)
		return rc;
	s = scalar(n);
	r->line = line_of(n);
	slash = strchr(s, '/');
	if (!slash) {
		r->ns = "";
		return dev_name(p, n, s, strlen(s), &r->dev);
	}
	if (slash == s)
		r->ns = "";
	else if ((rc = name_ok(p, n, s, (size_t)(slash - s), "namespace name")) < 0)
		return rc;
	else
		r->ns = keep(p, s, (size_t)(slash - s));
	return dev_name(p, n, slash + 1, strlen(slash + 1), &r->dev);
}

static int bool_of(struct parse *p, const yaml_node_t *n, const char *what, bool *out)
{
	int rc;

	if ((rc = want(p, n, YAML_SCALAR_NODE, what)) < 0)
		return rc;
	for (int i = 0; topo_bool_words[i]; i++)
		if (!strcmp(scalar(n), topo_bool_words[i])) {
			*out = i == 1;
			return 0;
		}
	return bad(p, n, "%s: \"%s\" is not %s or %s", what, scalar(n), topo_bool_words[1],
		   topo_bool_words[0]);
}

static void add_up(struct parse *p, const struct topo_ref *r)
{
	*ADD(p->t->ups) = *r;
}

/* ---- the sections -------------------------------------------------------- */

static int read_namespaces(struct parse *p, yaml_node_t *seq)
{
	int rc;

	if ((rc = want(p, seq, YAML_SEQUENCE_NODE, topo_keys[K_NAMESPACES])) < 0)
		return rc;
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++) {
		yaml_node_t *n = node(p, *it);
		const char *name;
		if ((rc = ns_name(p, n, topo_keys[K_NAMESPACES], &name)) < 0)
			return rc;
		for (size_t i = 0; i < p->t->nss.n; i++)
			if (!strcmp(p->t->nss.v[i].name, name))
				return bad(p, n, "namespace \"%s\" given twice", name);
		*ADD(p->t->nss) = (struct topo_ns){.name = name, .line = line_of(n)};
	}
	return 0;
}

/* A list of devices in namespace ns that are a master's ports. */
static int read_ports(struct parse *p, yaml_node_t *seq, const struct topo_ref *master)
{
	int rc;

	if ((rc = want(p, seq, YAML_SEQUENCE_NODE, topo_dev_keys[D_PORTS])) < 0)
		return rc;
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++) {
		yaml_node_t *n = node(p, *it);
		struct topo_port port = {.master = master->dev, .dev = {.ns = master->ns}};
		if ((rc = want(p, n, YAML_SCALAR_NODE, topo_dev_keys[D_PORTS])) < 0 ||
		    (rc = dev_name(p, n, scalar(n), n->data.scalar.length, &port.dev.dev)) < 0)
			return rc;
		port.dev.line = line_of(n);
		*ADD(p->t->ports) = port;
	}
	return 0;
}

/* The kind of a device of section sec: the section's one, or the one its
 * mode names. */
static int kind_of(struct parse *p, enum topo_key sec, const yaml_node_t *k,
		   const yaml_node_t *mode, enum topo_kind *out)
{
	char list[200] = "";
	int n = 0, rc;

	for (int i = 0; i < TK_NKINDS; i++)
		if (topo_kind_section[i] == sec) {
			*out = (enum topo_kind)i;
			n++;
		}
	if (n == 1)
		return 0;
	for (int i = 0; i < TK_NKINDS; i++)
		if (topo_kind_section[i] == sec)
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 *list ? ", " : "", topo_kind_names[i]);
	if (!mode)
		return bad(p, k, "%s: \"%s\" is missing (one of: %s)", topo_keys[sec],
			   topo_dev_keys[D_MODE], list);
	if ((rc = want(p, mode, YAML_SCALAR_NODE, topo_dev_keys[D_MODE])) < 0)
		return rc;
	for (int i = 0; i < TK_NKINDS; i++)
		if (topo_kind_section[i] == sec && !strcmp(scalar(mode), topo_kind_names[i])) {
			*out = (enum topo_kind)i;
			return 0;
		}
	return bad(p, mode, "%s: \"%s\" is not one of: %s", topo_dev_keys[D_MODE], scalar(mode),
		   list);
}

/* An address (local, remote) as written and read. */
static int addr_of(struct parse *p, const yaml_node_t *n, const char *what, const char **text,
		   struct inet_prefix *a)
{
	int rc;

	if ((rc = want(p, n, YAML_SCALAR_NODE, what)) < 0)
		return rc;
	if (parse_prefix(scalar(n), false, AF_UNSPEC, a) < 0 || a->has_len)
		return bad(p, n, "%s: invalid address \"%s\"", what, scalar(n));
	*text = keep(p, scalar(n), n->data.scalar.length);
	return 0;
}

/* A number as written and read (the kind's own verb checks its range). */
static int num_of(struct parse *p, const yaml_node_t *n, const char *what, const char **text,
		  uint32_t *v)
{
	int rc;

	if ((rc = want(p, n, YAML_SCALAR_NODE, what)) < 0)
		return rc;
	if (parse_u32(scalar(n), v) < 0)
		return bad(p, n, "%s: \"%s\" is not a number", what, scalar(n));
	*text = keep(p, scalar(n), n->data.scalar.length);
	return 0;
}

/* The values of the kinds' own keys. */
static int read_dev_values(struct parse *p, yaml_node_t **seen, struct topo_dev *d)
{
	int rc;

	if (seen[D_LOCAL] &&
	    (rc = addr_of(p, seen[D_LOCAL], topo_dev_keys[D_LOCAL], &d->local, &d->lp)) < 0)
		return rc;
	if (seen[D_REMOTE] &&
	    (rc = addr_of(p, seen[D_REMOTE], topo_dev_keys[D_REMOTE], &d->remote, &d->rp)) < 0)
		return rc;
	if (d->local && d->remote && d->lp.family != d->rp.family)
		return bad(p, seen[D_REMOTE], "%s: \"%s\" is not of the family of %s \"%s\"",
			   topo_dev_keys[D_REMOTE], d->remote, topo_dev_keys[D_LOCAL], d->local);
	if (seen[D_ID] && (rc = num_of(p, seen[D_ID], topo_dev_keys[D_ID], &d->id, &d->idv)) < 0)
		return rc;
	if (seen[D_TABLE] &&
	    (rc = num_of(p, seen[D_TABLE], topo_dev_keys[D_TABLE], &d->table, &d->tablev)) < 0)
		return rc;
	if (seen[D_DSTPORT] && (rc = num_of(p, seen[D_DSTPORT], topo_dev_keys[D_DSTPORT],
					    &d->dstport, &d->dstportv)) < 0)
		return rc;
	if (seen[D_LINK]) {
		if ((rc = want(p, seen[D_LINK], YAML_SCALAR_NODE, topo_dev_keys[D_LINK])) < 0 ||
		    (rc = dev_name(p, seen[D_LINK], scalar(seen[D_LINK]),
				   seen[D_LINK]->data.scalar.length, &d->link)) < 0)
			return rc;
	}
	return 0;
}

/* NAME: {KEY: VALUE...} of a kind's section sec. */
static int read_dev(struct parse *p, enum topo_key sec, yaml_node_t *k, yaml_node_t *v)
{
	yaml_node_t *seen[D_NKEYS] = {0};
	struct topo_dev d = {.ref = {.ns = "", .line = line_of(k)}};
	unsigned any_keys = 0;
	const char *what;
	bool up = false;
	int rc;

	if ((rc = ref_of(p, k, topo_keys[sec], &d.ref)) < 0)
		return rc;
	/* the keys of the section's kinds, named by the kind when it is one */
	what = topo_keys[sec];
	for (int i = 0, n = 0; i < TK_NKINDS; i++)
		if (topo_kind_section[i] == sec) {
			any_keys |= kind_keys[i];
			what = n++ ? topo_keys[sec] : topo_kind_names[i];
		}
	if (v->type == YAML_SCALAR_NODE && v->data.scalar.length == 0)
		; /* "br0:" alone: a device with nothing more said */
	else if ((rc = keys_in(p, v, topo_dev_keys, any_keys, what, seen)) < 0)
		return rc;
	if ((rc = kind_of(p, sec, k, seen[D_MODE], &d.kind)) < 0)
		return rc;
	what = topo_kind_names[d.kind];
	/* again, with the keys of the kind (for the error naming them) */
	memset(seen, 0, sizeof(seen));
	if (v->type == YAML_MAPPING_NODE &&
	    (rc = keys_in(p, v, topo_dev_keys, kind_keys[d.kind], what, seen)) < 0)
		return rc;
	for (int i = 0; i < D_NKEYS; i++)
		if ((kind_needs[d.kind] & 1u << i) && !seen[i])
			return bad(p, k, "%s: \"%s\" is missing", what, topo_dev_keys[i]);
	if (seen[D_NETNS] && *d.ref.ns)
		return bad(p, seen[D_NETNS], "%s: the namespace given twice (%s/ and %s)", what,
			   d.ref.ns, topo_dev_keys[D_NETNS]);
	if (seen[D_NETNS] &&
	    (rc = ns_name(p, seen[D_NETNS], topo_dev_keys[D_NETNS], &d.ref.ns)) < 0)
		return rc;
	if (seen[D_UP] && (rc = bool_of(p, seen[D_UP], topo_dev_keys[D_UP], &up)) < 0)
		return rc;
	if ((rc = read_dev_values(p, seen, &d)) < 0)
		return rc;
	for (size_t i = 0; i < p->t->devs.n; i++)
		if (!strcmp(p->t->devs.v[i].ref.ns, d.ref.ns) &&
		    !strcmp(p->t->devs.v[i].ref.dev, d.ref.dev))
			return bad(p, k, "device \"%s\" given twice", d.ref.dev);
	*ADD(p->t->devs) = d;
	if (seen[D_PORTS] && (rc = read_ports(p, seen[D_PORTS], &d.ref)) < 0)
		return rc;
	if (up)
		add_up(p, &d.ref);
	return 0;
}

static int read_devs(struct parse *p, enum topo_key sec, yaml_node_t *m)
{
	int rc;

	if ((rc = want(p, m, YAML_MAPPING_NODE, topo_keys[sec])) < 0)
		return rc;
	for (yaml_node_pair_t *kv = m->data.mapping.pairs.start; kv < m->data.mapping.pairs.top;
	     kv++)
		if ((rc = read_dev(p, sec, node(p, kv->key), node(p, kv->value))) < 0)
			return rc;
	return 0;
}

static int read_veths(struct parse *p, yaml_node_t *seq)
{
	int rc;

	if ((rc = want(p, seq, YAML_SEQUENCE_NODE, topo_keys[K_VETHS])) < 0)
		return rc;
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++) {
		yaml_node_t *n = node(p, *it), *seen[V_NKEYS] = {0};
		struct topo_veth vt = {.line = line_of(n)};
		bool up = false;

		if ((rc = keys_of(p, n, topo_veth_keys, "veth", seen)) < 0)
			return rc;
		for (int e = V_A; e <= V_B; e++)
			if (!seen[e])
				return bad(p, n, "veth: \"%s\" is missing (both ends are named)",
					   topo_veth_keys[e]);
		if ((rc = ref_of(p, seen[V_A], topo_veth_keys[V_A], &vt.a)) < 0 ||
		    (rc = ref_of(p, seen[V_B], topo_veth_keys[V_B], &vt.b)) < 0)
			return rc;
		if (!strcmp(vt.a.ns, vt.b.ns) && !strcmp(vt.a.dev, vt.b.dev))
			return bad(p, seen[V_B], "veth: both ends are %s%s%s", vt.a.ns,
				   *vt.a.ns ? "/" : "", vt.a.dev);
		if (seen[V_UP] && (rc = bool_of(p, seen[V_UP], topo_veth_keys[V_UP], &up)) < 0)
			return rc;
		*ADD(p->t->veths) = vt;
		if (up) {
			add_up(p, &vt.a);
			add_up(p, &vt.b);
		}
	}
	return 0;
}

static int read_addresses(struct parse *p, yaml_node_t *m)
{
	int rc;

	if ((rc = want(p, m, YAML_MAPPING_NODE, topo_keys[K_ADDRESSES])) < 0)
		return rc;
	for (yaml_node_pair_t *kv = m->data.mapping.pairs.start; kv < m->data.mapping.pairs.top;
	     kv++) {
		yaml_node_t *k = node(p, kv->key), *seq = node(p, kv->value);
		struct topo_ref dev;

		if ((rc = ref_of(p, k, topo_keys[K_ADDRESSES], &dev)) < 0 ||
		    (rc = want(p, seq, YAML_SEQUENCE_NODE, topo_keys[K_ADDRESSES])) < 0)
			return rc;
		for (yaml_node_item_t *it = seq->data.sequence.items.start;
		     it < seq->data.sequence.items.top; it++) {
			yaml_node_t *n = node(p, *it);
			struct topo_addr a = {.dev = dev};
			if ((rc = want(p, n, YAML_SCALAR_NODE, "address")) < 0)
				return rc;
			if (parse_prefix(scalar(n), false, AF_UNSPEC, &a.p) < 0)
				return bad(p, n, "invalid prefix \"%s\" (ADDR/LEN)", scalar(n));
			a.text = keep(p, scalar(n), n->data.scalar.length);
			a.dev.line = line_of(n);
			for (size_t i = 0; i < p->t->addrs.n; i++) {
				const struct topo_addr *o = &p->t->addrs.v[i];
				if (!strcmp(o->dev.ns, dev.ns) && !strcmp(o->dev.dev, dev.dev) &&
				    o->p.family == a.p.family &&
				    !memcmp(o->p.bytes, a.p.bytes, a.p.family == AF_INET ? 4 : 16))
					return bad(p, n, "address %s given twice for %s", a.text,
						   dev.dev);
			}
			*ADD(p->t->addrs) = a;
		}
	}
	return 0;
}

/* True when p has bits set beyond its prefix length. */
static bool host_bits(const struct inet_prefix *p)
{
	size_t bytes = p->family == AF_INET ? 4 : 16;

	for (size_t i = 0; i < bytes; i++) {
		unsigned keep_bits = p->len >= (i + 1) * 8 ? 8
				     : p->len > i * 8	   ? p->len - i * 8
							   : 0;
		uint8_t mask = (uint8_t)(0xff00u >> keep_bits);
		if (p->bytes[i] & (uint8_t)~mask)
			return true;
	}
	return false;
}

/* A route's protocol: a name of rt_proto_words (as route add reads it) or
 * a number to 255. */
static int proto_of(struct parse *p, const yaml_node_t *n, struct topo_route *r)
{
	uint32_t v;

	r->proto = keep(p, scalar(n), n->data.scalar.length);
	for (int i = 0; rt_proto_words[i]; i++)
		if (!strcmp(r->proto, rt_proto_words[i])) {
			r->protocol = (int)rt_proto_values[i];
			return 0;
		}
	if (parse_u32(r->proto, &v) == 0 && v <= 255) {
		r->protocol = (int)v;
		return 0;
	}
	return bad(p, n, "route: invalid %s \"%s\" (a name as route add takes, or 0..255)",
		   topo_route_keys[R_PROTO], r->proto);
}

static int read_route(struct parse *p, const char *ns, yaml_node_t *n)
{
	yaml_node_t *seen[R_NKEYS] = {0};
	struct topo_route r = {.ns = ns, .line = line_of(n), .protocol = -1};
	int rc;

	if ((rc = keys_of(p, n, topo_route_keys, "route", seen)) < 0)
		return rc;
	for (int i = 0; i < R_NKEYS; i++) {
		if (!seen[i] && i == R_PROTO)
			continue;
		if (!seen[i])
			return bad(p, n, "route: \"%s\" is missing", topo_route_keys[i]);
		if ((rc = want(p, seen[i], YAML_SCALAR_NODE, topo_route_keys[i])) < 0)
			return rc;
	}
	r.via = keep(p, scalar(seen[R_VIA]), seen[R_VIA]->data.scalar.length);
	if (parse_prefix(r.via, false, AF_UNSPEC, &r.gw) < 0 || r.gw.has_len)
		return bad(p, seen[R_VIA], "invalid gateway \"%s\" (an address)", r.via);
	r.to = keep(p, scalar(seen[R_TO]), seen[R_TO]->data.scalar.length);
	if (parse_prefix(r.to, true, r.gw.family, &r.dst) < 0)
		return bad(p, seen[R_TO], "invalid prefix \"%s\" (ADDR/LEN or default, of %s)",
			   r.to,
			   r.gw.family == AF_INET ? "IPv4 as the gateway" : "IPv6 as the gateway");
	if (r.dst.family != AF_UNSPEC && host_bits(&r.dst))
		return bad(p, seen[R_TO], "invalid prefix \"%s\": bits set beyond /%u", r.to,
			   r.dst.len);
	if (seen[R_PROTO] && (rc = proto_of(p, seen[R_PROTO], &r)) < 0)
		return rc;
	*ADD(p->t->routes) = r;
	return 0;
}

static int read_routes(struct parse *p, yaml_node_t *m)
{
	int rc;

	if ((rc = want(p, m, YAML_MAPPING_NODE, topo_keys[K_ROUTES])) < 0)
		return rc;
	for (yaml_node_pair_t *kv = m->data.mapping.pairs.start; kv < m->data.mapping.pairs.top;
	     kv++) {
		yaml_node_t *k = node(p, kv->key), *seq = node(p, kv->value);
		const char *ns = "";

		if ((rc = want(p, k, YAML_SCALAR_NODE, topo_keys[K_ROUTES])) < 0)
			return rc;
		if (k->data.scalar.length && (rc = ns_name(p, k, topo_keys[K_ROUTES], &ns)) < 0)
			return rc;
		if ((rc = want(p, seq, YAML_SEQUENCE_NODE, topo_keys[K_ROUTES])) < 0)
			return rc;
		for (yaml_node_item_t *it = seq->data.sequence.items.start;
		     it < seq->data.sequence.items.top; it++)
			if ((rc = read_route(p, ns, node(p, *it))) < 0)
				return rc;
	}
	return 0;
}

static int read_ups(struct parse *p, yaml_node_t *seq)
{
	int rc;

	if ((rc = want(p, seq, YAML_SEQUENCE_NODE, topo_keys[K_UP])) < 0)
		return rc;
	for (yaml_node_item_t *it = seq->data.sequence.items.start;
	     it < seq->data.sequence.items.top; it++) {
		struct topo_ref r;
		if ((rc = ref_of(p, node(p, *it), topo_keys[K_UP], &r)) < 0)
			return rc;
		add_up(p, &r);
	}
	return 0;
}

/* The sections that are not a kind's devices (topo_kind_section). */
static int (*const readers[K_NTOP])(struct parse *, yaml_node_t *) = {
    [K_NAMESPACES] = read_namespaces, [K_VETHS] = read_veths,
    [K_ADDRESSES] = read_addresses,   [K_UP] = read_ups,
    [K_ROUTES] = read_routes,
};

static int read_doc(struct parse *p)
{
	yaml_node_t *root = yaml_document_get_root_node(&p->doc), *seen[K_NTOP] = {0};
	int rc;

	if (!root) {
		snprintf(p->c->reason, sizeof(p->c->reason), "%s: an empty file (no topology)",
			 p->t->file);
		return -VN_EUSAGE;
	}
	if ((rc = keys_of(p, root, topo_keys, "topology", seen)) < 0)
		return rc;
	/* in the keys' order, whatever theirs in the file */
	for (int i = 0; i < K_NTOP; i++) {
		if (!seen[i])
			continue;
		if (readers[i] ? (rc = readers[i](p, seen[i])) < 0
			       : (rc = read_devs(p, (enum topo_key)i, seen[i])) < 0)
			return rc;
	}
	return 0;
}

int topo_read(struct ctx *c, const char *file, struct topo *t)
{
	struct parse p = {.c = c, .t = t};
	yaml_parser_t parser;
	FILE *f;
	int rc;

	memset(t, 0, sizeof(*t));
	t->file = file;
	if (!(f = fopen(file, "r")))
		return err_errno(c, errno, NULL);
	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &p.doc)) {
		const yaml_mark_t *m = parser.context ? &parser.context_mark : &parser.problem_mark;
		if (parser.problem_mark.line || parser.problem_mark.column)
			m = &parser.problem_mark;
		snprintf(c->reason, sizeof(c->reason), "%s:%d:%d: %s%s%s", file, (int)m->line + 1,
			 (int)m->column + 1, parser.problem ? parser.problem : "not YAML",
			 parser.context ? " " : "", parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		fclose(f);
		return -VN_EUSAGE;
	}
	rc = read_doc(&p);
	yaml_document_delete(&p.doc);
	yaml_parser_delete(&parser);
	fclose(f);
	if (rc < 0)
		topo_free(t);
	return rc;
}

void topo_free(struct topo *t)
{
	for (size_t i = 0; i < t->strs.n; i++)
		free(t->strs.v[i]);
	free(t->strs.v);
	free(t->notes.v);
	free(t->nss.v);
	free(t->devs.v);
	free(t->veths.v);
	free(t->ports.v);
	free(t->addrs.v);
	free(t->ups.v);
	free(t->routes.v);
	memset(t, 0, sizeof(*t));
}
