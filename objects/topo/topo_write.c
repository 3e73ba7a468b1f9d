// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A topology (struct topo, topo_parse.h) written back as a file that
 * topo_read() reads as the same topology: what `topo save` prints.  The
 * keys are topo_parse.c's tables, spelled there once.  Every name is
 * written so that YAML reads back its bytes (put_scalar), whatever they
 * are: a name is the kernel's, and the kernel takes any byte but a few.
 */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "topo_parse.h"
#include "topo_yaml.h"

#define B64 sodium_base64_VARIANT_ORIGINAL

/* YAML's escape of character cp in a double-quoted scalar, or NULL when
 * it stands for itself there: every character that is not printable in
 * YAML (C0, DEL, C1, U+FFFE, U+FFFF), a byte-order mark, the line breaks
 * YAML 1.1 folds (NEL, U+2028, U+2029), the backslash and, in a quoted
 * scalar, the quote. */
static const char *escape_of(int32_t cp, bool quoted, char *buf, size_t size)
{
	static const char *const c0[0x20] = {
	    [0] = "\\0",    ['\a'] = "\\a", ['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n",
	    ['\v'] = "\\v", ['\f'] = "\\f", ['\r'] = "\\r", [0x1b] = "\\e"};

	if (cp < 0x20 && c0[cp])
		return c0[cp];
	if ((cp == '"' && quoted) || cp == '\\') {
		snprintf(buf, size, "\\%c", (char)cp);
		return buf;
	}
	if (cp == 0x85)
		return "\\N";
	if (cp == 0x2028)
		return "\\L";
	if (cp == 0x2029)
		return "\\P";
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
		snprintf(buf, size, "\\x%02x", (unsigned)cp);
		return buf;
	}
	if (cp == 0xfeff || cp == 0xfffe || cp == 0xffff) {
		snprintf(buf, size, "\\u%04x", (unsigned)cp);
		return buf;
	}
	return NULL;
}

/* s with YAML's escapes (escape_of); a byte that begins no UTF-8 sequence
 * as \xNN, which only a comment has (a double-quoted scalar would read it
 * as U+00NN). */
static void put_escaped(FILE *f, const char *s, bool quoted)
{
	size_t left = strlen(s), n;

	while (left) {
		char buf[16];
		int32_t cp = topo_utf8(s, left, &n);
		const char *esc =
		    cp < 0 ? (snprintf(buf, sizeof(buf), "\\x%02x", (unsigned char)*s), buf)
			   : escape_of(cp, quoted, buf, sizeof(buf));
		if (esc)
			fputs(esc, f);
		else
			fwrite(s, 1, n, f);
		s += n;
		left -= n;
	}
}

static bool is_utf8(const char *s)
{
	size_t left = strlen(s), n;

	for (; left; s += n, left -= n)
		if (topo_utf8(s, left, &n) < 0)
			return false;
	return true;
}

/* Whether s reads back as itself unquoted: letters, digits and ._/-+@,
 * the first a letter or digit (a letter for a name), and no word another
 * YAML reader takes for a boolean or null (the names "yes", "null"...). */
static bool plain_ok(const char *s, bool name)
{
	static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
				    "._/-+@";
	static const char *const words[] = {"y",   "n",	   "yes",   "no",   "on",
					    "off", "true", "false", "null", NULL};

	if (!(name ? isalpha((unsigned char)*s) : isalnum((unsigned char)*s)) ||
	    strspn(s, plain) != strlen(s))
		return false;
	for (int i = 0; words[i]; i++)
		if (!strcasecmp(s, words[i]))
			return false;
	return true;
}

/* A scalar that reads back as s: as is (plain_ok), double-quoted with
 * escapes, or, when s is not UTF-8 (YAML's strings are Unicode), its bytes
 * as !!binary (base64), which the reader takes as those bytes. */
static void put_scalar(FILE *f, const char *s, bool name)
{
	if (!is_utf8(s)) {
		size_t len = strlen(s), size = sodium_base64_ENCODED_LEN(len, B64);
		char *b64 = malloc(size);
		if (!b64)
			abort();
		sodium_bin2base64(b64, size, (const unsigned char *)s, len, B64);
		fprintf(f, "!!binary \"%s\"", b64);
		free(b64);
	} else if (plain_ok(s, name)) {
		fputs(s, f);
	} else {
		fputc('"', f);
		put_escaped(f, s, true);
		fputc('"', f);
	}
}

static void put_word(FILE *f, const char *s)
{
	put_scalar(f, s, false);
}

static void put_name(FILE *f, const char *s)
{
	put_scalar(f, s, true);
}

static void put_ref(FILE *f, const struct topo_ref *r)
{
	char buf[600];

	snprintf(buf, sizeof(buf), "%s%s%s", r->ns, *r->ns ? "/" : "", r->dev);
	put_name(f, buf);
}

/* "  KEY:" for a mapping's key, a name or a device; a key longer than
 * libyaml takes before its colon (1024 characters, a namespace's name of
 * control bytes written \xNN) as "? KEY" and ":" on the next line. */
static void put_map_key(FILE *f, int indent, const struct topo_ref *r, const char *ns)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		abort();
	if (r)
		put_ref(m, r);
	else
		put_name(m, ns);
	fclose(m);
	if (len < 1000)
		fprintf(f, "%*s%s:", indent, "", text);
	else
		fprintf(f, "%*s? %s\n%*s:", indent, "", text, indent, "");
	free(text);
}

/* "KEY:" on a line of its own (a section), or "KEY: " before its value. */
static void put_section(FILE *f, enum topo_key k)
{
	fprintf(f, "%s:\n", topo_keys[k]);
}

static void put_key(FILE *f, int indent, const char *dash, const char *key)
{
	fprintf(f, "%*s%s%s: ", indent, "", dash, key);
}

/* What the writer looks up, each in constant time (a saved lab may have
 * 40,000 devices): the devices set up, those whose "up: true" is written
 * with them (a device, both ends of a veth up), and each master's ports,
 * each device's addresses and each namespace's routes as chains in order
 * (head: the first, next[i] the one after i). */
struct index {
	const struct topo *t;
	struct tset ups, with_up;
	struct tset ports, addrs, routes; /* the heads */
	uint32_t *port_next, *addr_next, *route_next;
};
#define NONE UINT32_MAX

static bool in_set(struct tset *s, const char *ns, const char *dev)
{
	char key[TOPO_REF_KEY];

	return tset_find(s, key, topo_ref_key(ns, dev, key)) != NULL;
}

static void add_to(struct tset *s, const char *ns, const char *dev)
{
	char key[TOPO_REF_KEY];
	bool found;

	tset_get(s, key, topo_ref_key(ns, dev, key), 0, &found);
}

/* Element i of a list goes before the chain of (ns, name) (called last
 * first, which leaves each chain in order). */
static void chain(struct tset *heads, uint32_t *next, size_t i, const char *ns, const char *name)
{
	char key[TOPO_REF_KEY];
	bool found;
	uint32_t *head = tset_get(heads, key, topo_ref_key(ns, name, key), (uint32_t)i, &found);

	next[i] = found ? *head : NONE;
	*head = (uint32_t)i;
}

static uint32_t head_of(struct tset *heads, const char *ns, const char *name)
{
	char key[TOPO_REF_KEY];
	const uint32_t *head = tset_find(heads, key, topo_ref_key(ns, name, key));

	return head ? *head : NONE;
}

static uint32_t *nexts(size_t n)
{
	uint32_t *v = calloc(n ? n : 1, sizeof(*v));

	if (!v)
		abort();
	return v;
}

static bool is_up(struct index *ix, const struct topo_ref *r)
{
	return in_set(&ix->ups, r->ns, r->dev);
}

static bool veth_up(struct index *ix, const struct topo_veth *v)
{
	return is_up(ix, &v->a) && is_up(ix, &v->b);
}

static void index_of(struct index *ix, const struct topo *t)
{
	memset(ix, 0, sizeof(*ix));
	ix->t = t;
	for (size_t i = 0; i < t->ups.n; i++)
		add_to(&ix->ups, t->ups.v[i].ns, t->ups.v[i].dev);
	for (size_t i = 0; i < t->devs.n; i++)
		add_to(&ix->with_up, t->devs.v[i].ref.ns, t->devs.v[i].ref.dev);
	for (size_t i = 0; i < t->veths.n; i++)
		if (veth_up(ix, &t->veths.v[i])) {
			add_to(&ix->with_up, t->veths.v[i].a.ns, t->veths.v[i].a.dev);
			add_to(&ix->with_up, t->veths.v[i].b.ns, t->veths.v[i].b.dev);
		}
	ix->port_next = nexts(t->ports.n);
	ix->addr_next = nexts(t->addrs.n);
	ix->route_next = nexts(t->routes.n);
	for (size_t i = t->ports.n; i-- > 0;)
		chain(&ix->ports, ix->port_next, i, t->ports.v[i].dev.ns, t->ports.v[i].master);
	for (size_t i = t->addrs.n; i-- > 0;)
		chain(&ix->addrs, ix->addr_next, i, t->addrs.v[i].dev.ns, t->addrs.v[i].dev.dev);
	for (size_t i = t->routes.n; i-- > 0;)
		chain(&ix->routes, ix->route_next, i, t->routes.v[i].ns, "");
}

static void index_free(struct index *ix)
{
	tset_free(&ix->ups);
	tset_free(&ix->with_up);
	tset_free(&ix->ports);
	tset_free(&ix->addrs);
	tset_free(&ix->routes);
	free(ix->port_next);
	free(ix->addr_next);
	free(ix->route_next);
}

const char *topo_dev_value(const struct topo_dev *d, enum topo_dev_key k)
{
	switch (k) {
	case D_MODE:
		return topo_kind_names[d->kind];
	case D_LOCAL:
		return d->local;
	case D_REMOTE:
		return d->remote;
	case D_ID:
		return d->id;
	case D_LINK:
		return d->link;
	case D_DSTPORT:
		return d->dstport;
	case D_TABLE:
		return d->table;
	case D_KIND:
		return d->kind_name;
	case D_HOST:
		return d->host;
	case D_MTU:
		return d->mtu;
	case D_OUTSIDE:
		return d->outside;
	default:
		return NULL;
	}
}

/* An impairment's words (a veth end's, a link's) as ", KEY: VALUE..." (sep before the
 * first). */
static void put_impair(FILE *f, const struct topo *t, const struct topo_impair *imp,
		       const char *sep)
{
	for (size_t i = 0; i < imp->nwords; i++) {
		const char *const *w = t->words.v + imp->word0 + 2 * i;
		fputs(sep, f);
		put_word(f, w[0]);
		fprintf(f, ": ");
		put_word(f, w[1]);
	}
}

/* NS/NAME: {ports, up, the kind's keys}, in its kind's section. */
static void write_dev(FILE *f, struct index *ix, const struct topo_dev *d)
{
	bool any = false;
	int kinds = 0;

	put_map_key(f, 2, &d->ref, NULL);
	for (int i = 0; i < TK_NKINDS; i++)
		kinds += topo_kind_section[i] == topo_kind_section[d->kind];
	if (kinds > 1) { /* mode first, in a section of several kinds */
		fprintf(f, "\n    %s: ", topo_dev_keys[D_MODE]);
		put_word(f, topo_kind_names[d->kind]);
		any = true;
	}
	for (uint32_t i = head_of(&ix->ports, d->ref.ns, d->ref.dev); i != NONE;
	     i = ix->port_next[i]) {
		if (!any)
			fprintf(f, "\n    %s:", topo_dev_keys[D_PORTS]);
		any = true;
		fprintf(f, "\n      - ");
		put_name(f, ix->t->ports.v[i].dev.dev);
	}
	if (is_up(ix, &d->ref)) {
		fprintf(f, "\n    %s: %s", topo_dev_keys[D_UP], topo_bool_words[1]);
		any = true;
	}
	for (int k = D_MODE + 1; k < D_NKEYS; k++) {
		const char *val = topo_dev_value(d, (enum topo_dev_key)k);
		if (!val)
			continue;
		fprintf(f, "\n    %s: ", topo_dev_keys[k]);
		put_scalar(f, val, k == D_LINK);
		any = true;
	}
	for (size_t i = 0; i < d->nwords; i++) { /* a link's words: KEY: VALUE, a flag's true */
		const char *const *w = ix->t->words.v + d->word0 + 2 * i;
		fprintf(f, "\n    ");
		put_word(f, w[0]);
		fprintf(f, ": ");
		if (w[1])
			put_word(f, w[1]);
		else /* a flag: YAML's true, plain */
			fputs(topo_bool_words[1], f);
	}
	put_impair(f, ix->t, &d->imp, "\n    ");
	fprintf(f, "%s\n", any || d->nwords || d->imp.nwords ? "" : " {}");
}

/* Each section of devices, in the order of the keys. */
static void write_devs(FILE *f, struct index *ix)
{
	const struct topo *t = ix->t;

	for (int k = 0; k < K_NTOP; k++) {
		bool any = false;
		for (size_t i = 0; i < t->devs.n; i++) {
			if (topo_kind_section[t->devs.v[i].kind] != (enum topo_key)k)
				continue;
			if (!any)
				put_section(f, (enum topo_key)k);
			any = true;
			write_dev(f, ix, &t->devs.v[i]);
		}
	}
}

static bool same_impair(const struct topo *t, const struct topo_impair *a,
			const struct topo_impair *b)
{
	if (a->nwords != b->nwords)
		return false;
	for (size_t i = 0; i < 2 * a->nwords; i++)
		if (strcmp(t->words.v[a->word0 + i], t->words.v[b->word0 + i]))
			return false;
	return true;
}

/* A veth's end: NS/DEV, or {dev: NS/DEV, KEY: VALUE...} with an
 * impairment of its own. */
static void put_end(FILE *f, const struct topo *t, const struct topo_ref *r,
		    const struct topo_impair *imp, bool own)
{
	if (!own || !imp->nwords) {
		put_ref(f, r);
		return;
	}
	fprintf(f, "{%s: ", topo_veth_keys[V_DEV]);
	put_ref(f, r);
	put_impair(f, t, imp, ", ");
	fputs("}", f);
}

static void write_veths(FILE *f, struct index *ix)
{
	const struct topo *t = ix->t;

	if (t->veths.n)
		put_section(f, K_VETHS);
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		/* an impairment both ends have is the veth's */
		bool own = !same_impair(t, &v->imp[0], &v->imp[1]);
		put_key(f, 2, "- ", topo_veth_keys[V_A]);
		put_end(f, t, &v->a, &v->imp[0], own);
		put_key(f, 0, "\n    ", topo_veth_keys[V_B]);
		put_end(f, t, &v->b, &v->imp[1], own);
		if (veth_up(ix, v))
			fprintf(f, "\n    %s: %s", topo_veth_keys[V_UP], topo_bool_words[1]);
		if (!own)
			put_impair(f, t, &v->imp[0], "\n    ");
		fprintf(f, "\n");
	}
}

/* Each device's addresses together, in the order of its first. */
static void write_addrs(FILE *f, struct index *ix)
{
	const struct topo *t = ix->t;

	if (t->addrs.n)
		put_section(f, K_ADDRESSES);
	for (size_t i = 0; i < t->addrs.n; i++) {
		const struct topo_ref *dev = &t->addrs.v[i].dev;
		if (head_of(&ix->addrs, dev->ns, dev->dev) != i)
			continue;
		put_map_key(f, 2, dev, NULL);
		for (uint32_t k = (uint32_t)i; k != NONE; k = ix->addr_next[k]) {
			fprintf(f, "\n    - ");
			put_word(f, t->addrs.v[k].text);
		}
		fprintf(f, "\n");
	}
}

/* The devices set up that no device or veth says so of. */
static void write_ups(FILE *f, struct index *ix)
{
	const struct topo *t = ix->t;
	struct tset done = {0};
	bool any = false;

	for (size_t i = 0; i < t->ups.n; i++) {
		const struct topo_ref *r = &t->ups.v[i];
		if (in_set(&ix->with_up, r->ns, r->dev) || in_set(&done, r->ns, r->dev))
			continue;
		add_to(&done, r->ns, r->dev);
		if (!any)
			put_section(f, K_UP);
		any = true;
		fprintf(f, "  - ");
		put_ref(f, r);
		fprintf(f, "\n");
	}
	tset_free(&done);
}

/* Each namespace's routes together, in the order of its first. */
static void write_routes(FILE *f, struct index *ix)
{
	const struct topo *t = ix->t;

	if (t->routes.n)
		put_section(f, K_ROUTES);
	for (size_t i = 0; i < t->routes.n; i++) {
		const char *ns = t->routes.v[i].ns;
		if (head_of(&ix->routes, ns, "") != i)
			continue;
		put_map_key(f, 2, NULL, ns);
		fprintf(f, "\n");
		for (uint32_t k = (uint32_t)i; k != NONE; k = ix->route_next[k]) {
			const struct topo_route *r = &t->routes.v[k];
			put_key(f, 4, "- ", topo_route_keys[R_TO]);
			put_word(f, r->to);
			put_key(f, 0, "\n      ", topo_route_keys[R_VIA]);
			put_word(f, r->via);
			if (r->proto) {
				put_key(f, 0, "\n      ", topo_route_keys[R_PROTO]);
				put_word(f, r->proto);
			}
			fprintf(f, "\n");
		}
	}
}

/* A lab on several hosts: its hosts, the default one and the overlay. */
static void write_hosts(FILE *f, const struct topo *t)
{
	if (t->hosts.n)
		put_section(f, K_HOSTS);
	for (size_t i = 0; i < t->hosts.n; i++) {
		const struct topo_host *h = &t->hosts.v[i];
		put_map_key(f, 2, NULL, h->name);
		put_key(f, 1, "{", topo_host_keys[H_SSH]);
		put_word(f, h->ssh);
		if (h->sudo)
			fprintf(f, ", %s: %s", topo_host_keys[H_SUDO], topo_bool_words[1]);
		if (h->underlay) {
			put_key(f, 0, ", ", topo_host_keys[H_UNDERLAY]);
			put_word(f, h->underlay);
		}
		if (h->mtu) {
			put_key(f, 0, ", ", topo_host_keys[H_MTU]);
			put_word(f, h->mtu);
		}
		fprintf(f, "}\n");
	}
	if (t->host) {
		put_key(f, 0, "", topo_keys[K_HOST]);
		put_name(f, t->host);
		fprintf(f, "\n");
	}
	if (t->overlay)
		fprintf(f, "%s: %s\n", topo_keys[K_OVERLAY], t->overlay);
}

void topo_write(FILE *f, const struct topo *t)
{
	struct index ix;

	index_of(&ix, t);
	/* escaped: a comment ends at a line break (and NEL, U+2028,
	 * U+2029), and the file may go to a terminal */
	for (size_t i = 0; i < t->notes.n; i++) {
		fputs("# ", f);
		put_escaped(f, t->notes.v[i], false);
		fputc('\n', f);
	}
	if (t->nss.n)
		put_section(f, K_NAMESPACES);
	for (size_t i = 0; i < t->nss.n; i++) {
		fprintf(f, "  - ");
		if (t->nss.v[i].host) /* {name: NS, host: HOST} */
			put_key(f, 0, "{", topo_ns_keys[N_NAME]);
		put_name(f, t->nss.v[i].name);
		if (t->nss.v[i].host) {
			put_key(f, 0, ", ", topo_ns_keys[N_HOST]);
			put_name(f, t->nss.v[i].host);
			fprintf(f, "}");
		}
		fprintf(f, "\n");
	}
	write_devs(f, &ix);
	write_veths(f, &ix);
	write_addrs(f, &ix);
	write_ups(f, &ix);
	write_routes(f, &ix);
	write_hosts(f, t);
	/* nothing: a file of no topology is an error, "{}" is a topology
	 * of nothing */
	if (!t->nss.n && !t->devs.n && !t->veths.n && !t->addrs.n && !t->ups.n && !t->routes.n &&
	    !t->hosts.n && !t->host && !t->overlay)
		fprintf(f, "{}\n");
	index_free(&ix);
}
