// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A topology file read into struct topo (topo_parse.h).
 *
 * The file is a tree of nodes (topo_yaml.c: libyaml's events, within the
 * bounds a file has), each with the line and column where it starts, so
 * that every error names the place in the file: an unknown key, a value of
 * the wrong type, a name or a prefix that is not one, a name given twice
 * (found in a set, whatever the number of names).  Nothing is checked
 * against the kernel here.
 *
 *	namespaces: [NAME...]
 *	bridges: {NAME: {netns: NS, ports: [DEV...], up: BOOL}}
 *	links: {NAME: {kind: KIND, link: DEV, netns: NS, WORD: VALUE..., IMPAIRMENT...}}
 *	veths: [{a: END, b: END, up: BOOL, IMPAIRMENT...}]
 *	  END: NS/DEV, or {dev: NS/DEV, IMPAIRMENT...}
 *	  IMPAIRMENT: delay|jitter|loss|rate|duplicate|corrupt|reorder: VALUE
 *	addresses: {NS/DEV: [PREFIX...]}
 *	routes: {NS: [{to: PREFIX, via: ADDR}]}
 *	up: [NS/DEV...]
 *	hosts: {NAME: {ssh: DEST...}}, host: NAME, overlay: KIND (topo_hostread.c)
 *
 * A device with no "NS/" (or an empty NS) is in the caller's namespace; so
 * is the routes of the key "" .
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rtnames.h"
#include "topo_impair.h"
#include "topo_kinds.h"
#include "topo_parse.h"
#include "topo_read.h"
#include "topo_yaml.h"

/* Each kind: its section, its name, the keys its devices take (a mask of
 * 1 << D_*) and those they must have.  A section of several kinds tells
 * them by mode, whose value is the kind's name. */
const enum topo_key topo_kind_section[TK_NKINDS] = {
    [TK_BRIDGE] = K_BRIDGES, [TK_TAP] = K_TUNTAPS,  [TK_TUN] = K_TUNTAPS, [TK_GRE] = K_TUNNELS,
    [TK_IPIP] = K_TUNNELS,   [TK_VXLAN] = K_VXLANS, [TK_VLAN] = K_VLANS,  [TK_BOND] = K_BONDS,
    [TK_VRF] = K_VRFS,	     [TK_LINK] = K_LINKS,
};
const char *const topo_kind_names[TK_NKINDS] = {
    [TK_BRIDGE] = "bridge", [TK_TAP] = "tap",	  [TK_TUN] = "tun",   [TK_GRE] = "gre",
    [TK_IPIP] = "ipip",	    [TK_VXLAN] = "vxlan", [TK_VLAN] = "vlan", [TK_BOND] = "bond",
    [TK_VRF] = "vrf",	    [TK_LINK] = "link",
};
#define KEY(k) (1u << (k))
#define BASE   (KEY(D_NETNS) | KEY(D_UP) | KEY(D_HOST))
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
    [TK_LINK] = BASE | KEY(D_PORTS) | KEY(D_LINK) | KEY(D_KIND) | KEY(D_MTU) | KEY(D_OUTSIDE),
};
static const unsigned kind_needs[TK_NKINDS] = {
    [TK_TAP] = KEY(D_MODE),  [TK_TUN] = KEY(D_MODE),  [TK_GRE] = KEY(D_MODE),
    [TK_IPIP] = KEY(D_MODE), [TK_VXLAN] = KEY(D_ID),  [TK_VLAN] = KEY(D_ID) | KEY(D_LINK),
    [TK_VRF] = KEY(D_TABLE), [TK_LINK] = KEY(D_KIND),
};

/* ---- the sections -------------------------------------------------------- */

static int read_namespaces(struct parse *p, const struct ynode *seq)
{
	int rc;

	if ((rc = tp_want(p, seq, Y_SEQ, topo_keys[K_NAMESPACES])) < 0)
		return rc;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *n = item(seq, i);
		struct topo_ns ns = {0};
		if ((rc = topo_read_ns_item(p, n, &ns)) < 0)
			return rc;
		if (!tp_once(&p->nss, ns.name, strlen(ns.name)))
			return tp_bad(p, n, "namespace \"%s\" given twice", ns.name);
		*VEC_PUSH(p->t->nss) = ns;
	}
	return 0;
}

/* A list of devices in namespace ns that are a master's ports. */
static int read_ports(struct parse *p, const struct ynode *seq, const struct topo_ref *master)
{
	int rc;

	if ((rc = tp_want(p, seq, Y_SEQ, topo_dev_keys[D_PORTS])) < 0)
		return rc;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *n = item(seq, i);
		struct topo_port port = {.master = master->dev, .dev = {.ns = master->ns}};
		if ((rc = tp_want(p, n, Y_SCALAR, topo_dev_keys[D_PORTS])) < 0 ||
		    (rc = tp_dev_name(p, n, scalar(n), n->n, &port.dev.dev)) < 0)
			return rc;
		port.dev.line = line_of(n);
		*VEC_PUSH(p->t->ports) = port;
	}
	return 0;
}

/* The kind of a device of section sec: the section's one, or the one its
 * mode names. */
static int kind_of(struct parse *p, enum topo_key sec, const struct ynode *k,
		   const struct ynode *mode, enum topo_kind *out)
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
		return tp_bad(p, k, "%s: \"%s\" is missing (one of: %s)", topo_keys[sec],
			      topo_dev_keys[D_MODE], list);
	if ((rc = tp_want(p, mode, Y_SCALAR, topo_dev_keys[D_MODE])) < 0)
		return rc;
	for (int i = 0; i < TK_NKINDS; i++)
		if (topo_kind_section[i] == sec && !strcmp(scalar(mode), topo_kind_names[i])) {
			*out = (enum topo_kind)i;
			return 0;
		}
	return tp_bad(p, mode, "%s: \"%s\" is not one of: %s", topo_dev_keys[D_MODE], scalar(mode),
		      list);
}

/* An address (local, remote) as written and read. */
static int addr_of(struct parse *p, const struct ynode *n, const char *what, const char **text,
		   struct inet_prefix *a)
{
	int rc;

	if ((rc = tp_want(p, n, Y_SCALAR, what)) < 0)
		return rc;
	if (parse_prefix(scalar(n), false, AF_UNSPEC, a) < 0 || a->has_len)
		return tp_bad(p, n, "%s: invalid address \"%s\"", what, scalar(n));
	*text = tp_keep(p, scalar(n), n->n);
	return 0;
}

/* A number as written and read (the kind's own verb checks its range). */
static int num_of(struct parse *p, const struct ynode *n, const char *what, const char **text,
		  uint32_t *v)
{
	int rc;

	if ((rc = tp_want(p, n, Y_SCALAR, what)) < 0)
		return rc;
	if (parse_u32(scalar(n), v) < 0)
		return tp_bad(p, n, "%s: \"%s\" is not a number", what, scalar(n));
	*text = tp_keep(p, scalar(n), n->n);
	return 0;
}

/* The values of the kinds' own keys. */
static int read_dev_values(struct parse *p, const struct ynode **seen, struct topo_dev *d)
{
	int rc;

	if (seen[D_LOCAL] &&
	    (rc = addr_of(p, seen[D_LOCAL], topo_dev_keys[D_LOCAL], &d->local, &d->lp)) < 0)
		return rc;
	if (seen[D_REMOTE] &&
	    (rc = addr_of(p, seen[D_REMOTE], topo_dev_keys[D_REMOTE], &d->remote, &d->rp)) < 0)
		return rc;
	if (d->local && d->remote && d->lp.family != d->rp.family)
		return tp_bad(p, seen[D_REMOTE], "%s: \"%s\" is not of the family of %s \"%s\"",
			      topo_dev_keys[D_REMOTE], d->remote, topo_dev_keys[D_LOCAL], d->local);
	if (seen[D_ID] && (rc = num_of(p, seen[D_ID], topo_dev_keys[D_ID], &d->id, &d->idv)) < 0)
		return rc;
	if (seen[D_TABLE] &&
	    (rc = num_of(p, seen[D_TABLE], topo_dev_keys[D_TABLE], &d->table, &d->tablev)) < 0)
		return rc;
	if (seen[D_DSTPORT] && (rc = num_of(p, seen[D_DSTPORT], topo_dev_keys[D_DSTPORT],
					    &d->dstport, &d->dstportv)) < 0)
		return rc;
	if (seen[D_HOST] && (rc = tp_ns_name(p, seen[D_HOST], topo_dev_keys[D_HOST], &d->host)) < 0)
		return rc;
	if (seen[D_MTU] &&
	    (rc = num_of(p, seen[D_MTU], topo_dev_keys[D_MTU], &d->mtu, &d->mtuv)) < 0)
		return rc;
	if (seen[D_OUTSIDE]) {
		bool out;
		if ((rc = tp_bool_of(p, seen[D_OUTSIDE], topo_dev_keys[D_OUTSIDE], &out)) < 0)
			return rc;
		d->outside = out ? topo_bool_words[1] : NULL;
	}
	if (seen[D_LINK]) {
		if ((rc = tp_want(p, seen[D_LINK], Y_SCALAR, topo_dev_keys[D_LINK])) < 0 ||
		    (rc = tp_dev_name(p, seen[D_LINK], scalar(seen[D_LINK]), seen[D_LINK]->n,
				      &d->link)) < 0)
			return rc;
	}
	return 0;
}

/* A link's kind (the registry's) and its own words, each read through
 * the kind's table: what `link add NAME type KIND KEY VALUE...` takes;
 * those of its keys that are an impairment's words (delay: 20ms), read
 * through link set's table as a veth end's are, its impairment. */
static int read_link(struct parse *p, const struct ynode *v, const struct ynode *kind,
		     struct topo_dev *d)
{
	struct val vals[TOPO_IMPAIR_MAX + 1] = {0};
	size_t at[TOPO_LINK_WORDS];
	bool imp[TOPO_LINK_WORDS] = {0};
	const struct link_kind *lk;
	char why[300];
	int rc;

	if (!kind)
		return 0; /* said missing by read_dev */
	if ((rc = tp_want(p, kind, Y_SCALAR, topo_dev_keys[D_KIND])) < 0)
		return rc;
	if (!(lk = topo_kind_find(scalar(kind), why, sizeof(why))))
		return tp_bad(p, kind, "%s: %s", topo_dev_keys[D_KIND], why);
	d->kind_name = lk->kind;
	d->word0 = p->t->words.n;
	p->words = at;
	p->nwords = 0;
	rc = tp_keys_in(p, v, topo_dev_keys,
			KEY(D_NETNS) | KEY(D_UP) | KEY(D_PORTS) | KEY(D_LINK) | KEY(D_KIND) |
			    KEY(D_HOST) | KEY(D_MTU) | KEY(D_OUTSIDE),
			lk->kind, (const struct ynode *[D_NKEYS]){0});
	p->words = NULL;
	for (size_t i = 0; rc == 0 && i < p->nwords; i++) {
		const struct ynode *key = item(v, 2 * at[i]), *val = item(v, 2 * at[i] + 1);
		bool flag, given = true;
		int idx;
		if ((rc = tp_want(p, val, Y_SCALAR, scalar(key))) < 0)
			return rc;
		/* an impairment's word (link set's table) is no kind's */
		rc = topo_impair_fill(p->c, scalar(key), scalar(val), vals, &idx, "");
		if (rc == -VN_EUSAGE)
			return tp_bad(p, val, "%s: %s", lk->kind, p->c->reason);
		if ((imp[i] = rc == 0)) {
			rc = 0;
			continue;
		}
		if ((rc = topo_kind_word(p->c, lk, scalar(key), scalar(val), &flag)) < 0)
			return tp_bad(p, rc == -ENOENT ? key : val, "%s: %s", lk->kind,
				      p->c->reason);
		if (flag && (rc = tp_bool_of(p, val, scalar(key), &given)) < 0)
			return rc;
		if (!given)
			continue;
		*VEC_PUSH(p->t->words) = tp_keep(p, scalar(key), key->n);
		*VEC_PUSH(p->t->words) = flag ? NULL : tp_keep(p, scalar(val), val->n);
		d->nwords++;
	}
	/* the impairment's words after the kind's, checked together */
	d->imp.word0 = p->t->words.n;
	for (size_t i = 0; rc == 0 && i < p->nwords; i++) {
		const struct ynode *key = item(v, 2 * at[i]), *val = item(v, 2 * at[i] + 1);
		if (!imp[i])
			continue;
		*VEC_PUSH(p->t->words) = tp_keep(p, scalar(key), key->n);
		*VEC_PUSH(p->t->words) = tp_keep(p, scalar(val), val->n);
		d->imp.nwords++;
	}
	if (rc == 0 && d->imp.nwords &&
	    topo_impair_check(p->c, p->t->words.v + d->imp.word0, d->imp.nwords) < 0)
		return tp_bad(p, v, "%s: %s", lk->kind, p->c->reason);
	return rc;
}

/* NAME: {KEY: VALUE...} of a kind's section sec. */
static int read_dev(struct parse *p, enum topo_key sec, const struct ynode *k,
		    const struct ynode *v)
{
	const struct ynode *seen[D_NKEYS] = {0};
	struct topo_dev d = {.ref = {.ns = "", .line = line_of(k)}};
	unsigned any_keys = 0;
	const char *what;
	char key[TOPO_REF_KEY];
	bool up = false;
	int rc;

	if ((rc = tp_ref_of(p, k, topo_keys[sec], &d.ref)) < 0)
		return rc;
	/* the keys of the section's kinds, named by the kind when it is one */
	what = topo_keys[sec];
	for (int i = 0, n = 0; i < TK_NKINDS; i++)
		if (topo_kind_section[i] == sec) {
			any_keys |= kind_keys[i];
			what = n++ ? topo_keys[sec] : topo_kind_names[i];
		}
	if (v->type == Y_SCALAR && v->n == 0)
		; /* "br0:" alone: a device with nothing more said */
	else if ((rc = tp_keys_in(p, v, topo_dev_keys, any_keys, what, seen)) < 0)
		return rc;
	if (p->in_link && (rc = read_link(p, v, seen[D_KIND], &d)) < 0)
		return rc;
	if ((rc = kind_of(p, sec, k, seen[D_MODE], &d.kind)) < 0)
		return rc;
	what = topo_kind_names[d.kind];
	/* again, with the keys of the kind (for the error naming them) */
	memset(seen, 0, sizeof(seen));
	if (v->type == Y_MAP &&
	    (rc = tp_keys_in(p, v, topo_dev_keys, kind_keys[d.kind], what, seen)) < 0)
		return rc;
	for (int i = 0; i < D_NKEYS; i++)
		if ((kind_needs[d.kind] & 1u << i) && !seen[i])
			return tp_bad(p, k, "%s: \"%s\" is missing", what, topo_dev_keys[i]);
	if (seen[D_NETNS] && *d.ref.ns)
		return tp_bad(p, seen[D_NETNS], "%s: the namespace given twice (%s/ and %s)", what,
			      d.ref.ns, topo_dev_keys[D_NETNS]);
	if (seen[D_NETNS] &&
	    (rc = tp_ns_name(p, seen[D_NETNS], topo_dev_keys[D_NETNS], &d.ref.ns)) < 0)
		return rc;
	if (seen[D_UP] && (rc = tp_bool_of(p, seen[D_UP], topo_dev_keys[D_UP], &up)) < 0)
		return rc;
	if ((rc = read_dev_values(p, seen, &d)) < 0)
		return rc;
	if (!tp_once(&p->devs, key, topo_ref_key(d.ref.ns, d.ref.dev, key)))
		return tp_bad(p, k, "device \"%s\" given twice", d.ref.dev);
	*VEC_PUSH(p->t->devs) = d;
	if (seen[D_PORTS] && (rc = read_ports(p, seen[D_PORTS], &d.ref)) < 0)
		return rc;
	if (up)
		tp_add_up(p, &d.ref);
	return 0;
}

static int read_devs(struct parse *p, enum topo_key sec, const struct ynode *m)
{
	int rc;

	if ((rc = tp_want(p, m, Y_MAP, topo_keys[sec])) < 0)
		return rc;
	p->in_link = sec == K_LINKS;
	for (size_t i = 0; i < m->n; i++)
		if ((rc = read_dev(p, sec, item(m, 2 * i), item(m, 2 * i + 1))) < 0)
			return rc;
	p->in_link = false;
	return 0;
}

/* The sections that are not a kind's devices (topo_kind_section). */
static int (*const readers[K_NTOP])(struct parse *, const struct ynode *) = {
    [K_NAMESPACES] = read_namespaces, [K_VETHS] = read_veths,
    [K_ADDRESSES] = read_addresses,   [K_UP] = read_ups,
    [K_ROUTES] = read_routes,	      [K_HOSTS] = topo_read_hosts,
    [K_HOST] = topo_read_host,	      [K_OVERLAY] = topo_read_overlay,
};

static int read_doc(struct parse *p)
{
	const struct ynode *root = p->doc.root, *seen[K_NTOP] = {0};
	int rc;

	if (!root) {
		snprintf(p->c->reason, sizeof(p->c->reason), "%s: an empty file (no topology)",
			 p->t->file);
		return -VN_EUSAGE;
	}
	if ((rc = tp_keys_of(p, root, topo_keys, "topology", seen)) < 0)
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

int topo_parse(struct ctx *c, const char *file, const char *buf, size_t len, struct topo *t)
{
	struct parse p = {.c = c, .t = t};
	int rc;

	memset(t, 0, sizeof(*t));
	t->file = file;
	if ((rc = ydoc_load(&p.doc, file, buf, len, c->reason, sizeof(c->reason))) < 0)
		return rc;
	rc = read_doc(&p);
	ydoc_free(&p.doc);
	tset_free(&p.nss);
	tset_free(&p.devs);
	tset_free(&p.addrs);
	tset_free(&p.keys);
	if (rc < 0)
		topo_free(t);
	return rc;
}

/* The file whole, up to one byte past the limit a file has (ydoc_load
 * names the place): reading it costs no more than that, whatever it is. */
static int read_file(struct ctx *c, const char *file, char **buf, size_t *len)
{
	size_t cap = 0, got;
	/* "-": the standard input (what a remote host's part comes on) */
	FILE *f = strcmp(file, "-") ? fopen(file, "r") : stdin;

	*buf = NULL;
	*len = 0;
	if (!f)
		return err_errno(c, errno, NULL);
	do {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > TOPO_MAX_BYTES + 1ul)
				cap = TOPO_MAX_BYTES + 1ul;
			if (!(*buf = realloc(*buf, cap)))
				abort();
		}
		got = fread(*buf + *len, 1, cap - *len, f);
		*len += got;
	} while (got && *len <= TOPO_MAX_BYTES);
	if (ferror(f)) {
		int e = errno;
		if (f != stdin)
			fclose(f);
		free(*buf);
		*buf = NULL;
		return err_errno(c, e, NULL);
	}
	if (f != stdin)
		fclose(f);
	return 0;
}

int topo_read(struct ctx *c, const char *file, struct topo *t)
{
	char *buf;
	size_t len;
	int rc;

	memset(t, 0, sizeof(*t));
	t->file = file;
	if ((rc = read_file(c, file, &buf, &len)) < 0)
		return rc;
	rc = topo_parse(c, file, buf, len, t);
	free(buf);
	return rc;
}

void topo_free(struct topo *t)
{
	for (size_t i = 0; i < t->strs.n; i++)
		free(t->strs.v[i]);
	free(t->strs.v);
	free(t->notes.v);
	free(t->words.v);
	free(t->nss.v);
	free(t->devs.v);
	free(t->veths.v);
	free(t->ports.v);
	free(t->addrs.v);
	free(t->ups.v);
	free(t->routes.v);
	free(t->hosts.v);
	memset(t, 0, sizeof(*t));
}
