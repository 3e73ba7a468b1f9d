// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The reader's words and tools, under both halves of it (topo_parse.c: the
 * file, its namespaces and devices; topo_sections.c: veths, addresses,
 * routes, up), which call here and never each other's: the keys of each
 * mapping, an error at a node, names and references read and checked, the
 * sets that find a name given twice.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rtnames.h"
#include "topo_kinds.h"
#include "topo_parse.h"
#include "topo_read.h"
#include "topo_yaml.h"

/* The keys of each mapping, spelled here and nowhere else. */
const char *const topo_keys[K_NTOP + 1] = {
    [K_NAMESPACES] = "namespaces",
    [K_BRIDGES] = "bridges",
    [K_TUNTAPS] = "tuntaps",
    [K_TUNNELS] = "tunnels",
    [K_VXLANS] = "vxlans",
    [K_VLANS] = "vlans",
    [K_BONDS] = "bonds",
    [K_VRFS] = "vrfs",
    [K_VETHS] = "veths",
    [K_LINKS] = "links",
    [K_ADDRESSES] = "addresses",
    [K_ROUTES] = "routes",
    [K_UP] = "up",
    [K_HOSTS] = "hosts",
    [K_HOST] = "host",
    [K_OVERLAY] = "overlay",
};
const char *const topo_dev_keys[D_NKEYS + 1] = {
    [D_NETNS] = "netns",     [D_PORTS] = "ports",    [D_UP] = "up",	[D_MODE] = "mode",
    [D_LOCAL] = "local",     [D_REMOTE] = "remote",  [D_ID] = "id",	[D_LINK] = "link",
    [D_DSTPORT] = "dstport", [D_TABLE] = "table",    [D_KIND] = "kind", [D_HOST] = "host",
    [D_MTU] = "mtu",	     [D_OUTSIDE] = "outside"};
const char *const topo_veth_keys[V_NKEYS + 1] = {
    [V_A] = "a", [V_B] = "b", [V_UP] = "up", [V_DEV] = "dev"};
const char *const topo_route_keys[R_NKEYS + 1] = {
    [R_TO] = "to", [R_VIA] = "via", [R_PROTO] = "proto"};
const char *const topo_host_keys[H_NKEYS + 1] = {
    [H_SSH] = "ssh", [H_SUDO] = "sudo", [H_UNDERLAY] = "underlay", [H_MTU] = "mtu"};
const char *const topo_ns_keys[N_NKEYS + 1] = {[N_NAME] = "name", [N_HOST] = "host"};
const char *const topo_overlay_kinds[4] = {"vxlan", "geneve", "gretap", NULL};
/* YAML's booleans as topology files spell them: index 0 is false. */
const char *const topo_bool_words[3] = {"false", "true", NULL};

/* The error at node n: FILE:LINE:COLUMN: what. */
int tp_bad(struct parse *p, const struct ynode *n, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(p->c->reason, sizeof(p->c->reason), "%s:%d:%d: %s", p->t->file, n->line, n->col,
		 what);
	return -VN_EUSAGE;
}

static const char *type_name(const struct ynode *n)
{
	return n->type == Y_SCALAR ? "a scalar" : n->type == Y_SEQ ? "a list" : "a mapping";
}

int tp_want(struct parse *p, const struct ynode *n, enum ytype type, const char *what)
{
	static const char *const names[] = {
	    [Y_SCALAR] = "a scalar", [Y_SEQ] = "a list", [Y_MAP] = "a mapping"};

	if (n->type == type)
		return 0;
	return tp_bad(p, n, "%s: %s expected, not %s", what, names[type], type_name(n));
}

/* False when key (of len bytes) was given already in set s. */
bool tp_once(struct tset *s, const void *key, size_t len)
{
	bool found;

	tset_get(s, key, len, 0, &found);
	return !found;
}

static const char *keep_n(struct topo *t, const char *s, size_t len)
{
	char *d = strndup(s, len);

	if (!d)
		abort();
	return *VEC_PUSH(t->strs) = d;
}

const char *topo_keep(struct topo *t, const char *s)
{
	return keep_n(t, s, strlen(s));
}

/* A copy of s (length len) that lives as long as the topology. */
const char *tp_keep(struct parse *p, const char *s, size_t len)
{
	return keep_n(p->t, s, len);
}

/* The key's index in keys, or the error naming the keys there are. */
static int key_of(struct parse *p, const struct ynode *k, const char *const *keys, unsigned mask,
		  const char *in)
{
	char list[200] = "";
	int rc;

	if ((rc = tp_want(p, k, Y_SCALAR, in)) < 0)
		return rc;
	for (int i = 0; keys[i]; i++)
		if ((mask & 1u << i) && !strcmp(scalar(k), keys[i]))
			return i;
	for (int i = 0; keys[i]; i++)
		if (mask & 1u << i)
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
				 *list ? ", " : "", keys[i]);
	return tp_bad(p, k, "%s: unknown key \"%s\" (one of: %s)", in, scalar(k), list);
}

static bool key_known(struct parse *p, const struct ynode *k, const char *const *keys,
		      unsigned mask)
{
	for (int i = 0; keys[i]; i++)
		if ((mask & 1u << i) && !strcmp(scalar(k), keys[i]))
			return true;
	return false;
}

/* A mapping's keys: each known (of those in mask), none twice; seen[i] is
 * the value of keys[i]. */
int tp_keys_in(struct parse *p, const struct ynode *m, const char *const *keys, unsigned mask,
	       const char *in, const struct ynode **seen)
{
	int rc;

	if ((rc = tp_want(p, m, Y_MAP, in)) < 0)
		return rc;
	for (size_t j = 0; j < m->n; j++) {
		const struct ynode *k = item(m, 2 * j);
		int i;
		if (p->in_link && k->type == Y_SCALAR && !key_known(p, k, keys, mask)) {
			if (p->words && p->nwords == TOPO_LINK_WORDS)
				return tp_bad(p, k, "%s: more than %d words", in, TOPO_LINK_WORDS);
			if (p->words)
				p->words[p->nwords++] = j; /* a kind's word: read_link's */
			continue;
		}
		i = key_of(p, k, keys, mask, in);
		if (i < 0)
			return i;
		if (seen[i])
			return tp_bad(p, k, "%s: key \"%s\" given twice", in, keys[i]);
		seen[i] = item(m, 2 * j + 1);
	}
	return 0;
}

int tp_keys_of(struct parse *p, const struct ynode *m, const char *const *keys, const char *in,
	       const struct ynode **seen)
{
	return tp_keys_in(p, m, keys, ~0u, in, seen);
}

static int name_ok(struct parse *p, const struct ynode *n, const char *s, size_t len,
		   const char *what)
{
	if (len == 0 || memchr(s, '/', len) || (len == 1 && s[0] == '.') ||
	    (len == 2 && !strncmp(s, "..", 2)) || len >= 256 || memchr(s, '\0', len))
		return tp_bad(p, n, "invalid %s \"%.*s\"", what, (int)len, s);
	return 0;
}

int tp_ns_name(struct parse *p, const struct ynode *n, const char *what, const char **out)
{
	int rc;

	if ((rc = tp_want(p, n, Y_SCALAR, what)) < 0)
		return rc;
	if ((rc = name_ok(p, n, scalar(n), n->n, "namespace name")) < 0)
		return rc;
	*out = tp_keep(p, scalar(n), n->n);
	return 0;
}

int tp_dev_name(struct parse *p, const struct ynode *n, const char *s, size_t len, const char **out)
{
	const char *d = tp_keep(p, s, len);
	const char *why = ifname_invalid(d);

	if (why)
		return tp_bad(p, n, "invalid device name \"%s\": %s", d, why);
	*out = d;
	return 0;
}

/* NS/DEV, /DEV or DEV, in scalar node n (or in the text s of a key). */
int tp_ref_of(struct parse *p, const struct ynode *n, const char *what, struct topo_ref *r)
{
	const char *s, *slash;
	int rc;

	if ((rc = tp_want(p, n, Y_SCALAR, what)) < 0)
		return rc;
	s = scalar(n);
	r->line = line_of(n);
	slash = strchr(s, '/');
	if (!slash) {
		r->ns = "";
		return tp_dev_name(p, n, s, strlen(s), &r->dev);
	}
	if (slash == s)
		r->ns = "";
	else if ((rc = name_ok(p, n, s, (size_t)(slash - s), "namespace name")) < 0)
		return rc;
	else
		r->ns = tp_keep(p, s, (size_t)(slash - s));
	return tp_dev_name(p, n, slash + 1, strlen(slash + 1), &r->dev);
}

int tp_bool_of(struct parse *p, const struct ynode *n, const char *what, bool *out)
{
	int rc;

	if ((rc = tp_want(p, n, Y_SCALAR, what)) < 0)
		return rc;
	for (int i = 0; topo_bool_words[i]; i++)
		if (!strcmp(scalar(n), topo_bool_words[i])) {
			*out = i == 1;
			return 0;
		}
	return tp_bad(p, n, "%s: \"%s\" is not %s or %s", what, scalar(n), topo_bool_words[1],
		      topo_bool_words[0]);
}

void tp_add_up(struct parse *p, const struct topo_ref *r)
{
	*VEC_PUSH(p->t->ups) = *r;
}
