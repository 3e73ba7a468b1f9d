// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A topology file's YAML read from libyaml's events into a tree of nodes
 * (topo_yaml.h), with bounds a hostile file cannot pass.
 *
 * libyaml's own loader (yaml_parser_load) builds the document whole and
 * knows no bound: an alias is a pointer to its anchor's node, so the
 * reader that walks the tree walks each alias's nodes again (1,000 devices
 * sharing one list of 1,000 addresses: a million addresses from 31 KB),
 * and nesting has no end.  Here each event is taken as it comes: a
 * collection opened deeper than TOPO_MAX_DEPTH stops the reading there,
 * before libyaml's scanner goes any further; a list or a mapping grown past
 * TOPO_MAX_ITEMS stops it; every node counts, and an alias counts the nodes
 * it stands for, so that the nodes the reader will walk stay under
 * TOPO_MAX_NODES, of which aliases may add TOPO_MAX_ALIASED.  An anchor
 * is known once its node is complete, so an alias cannot stand for a node
 * that holds it.
 *
 * One document a file: a second, even one libyaml cannot read, is an error
 * at its line.  A scalar tagged !!binary is the bytes its base64 gives
 * (YAML's binary type): how a name that is not UTF-8 is written (YAML's
 * strings are Unicode).  No scalar holds a NUL: no name or value can.
 */
#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "core.h"
#include "topo_parse.h"
#include "topo_yaml.h"

static const char binary_tag[] = "tag:yaml.org,2002:binary";

/* An open collection: its node, where its items start on the stack of
 * nodes not yet placed, and its anchor (given when it is complete). */
struct open {
	uint32_t node;
	size_t start;
	char *anchor;
};

struct loader {
	struct ydoc *d;
	const char *file, *buf;
	size_t len;
	char *reason;
	size_t reasonsz;
	yaml_parser_t parser;
	uint32_t *pend; /* complete nodes not yet placed in their collection */
	size_t npend, cappend;
	struct open *open;
	size_t nopen, capopen;
	struct tset anchors;
	size_t nodes, aliased;
	int docs;
};

static int __attribute__((format(printf, 4, 5)))
fail(struct loader *L, size_t line, size_t col, const char *fmt, ...)
{
	char what[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(L->reason, L->reasonsz, "%s:%zu:%zu: %s", L->file, line, col, what);
	return -VN_EUSAGE;
}

/* The error at libyaml's mark m (from 0). */
#define FAIL_AT(L, m, ...) fail((L), (m).line + 1, (m).column + 1, __VA_ARGS__)

/* The line and column of byte off of the file, as libyaml counts them (a
 * line ends at \n, \r\n or \r; a column is a character, not a byte). */
static void place_of(const struct loader *L, size_t off, size_t *line, size_t *col)
{
	*line = *col = 1;
	for (size_t i = 0; i < off && i < L->len; i++) {
		unsigned char b = (unsigned char)L->buf[i];
		if (b == '\n' || (b == '\r' && (i + 1 >= L->len || L->buf[i + 1] != '\n'))) {
			++*line;
			*col = 1;
		} else if ((b & 0xc0) != 0x80 && b != '\r') {
			++*col;
		}
	}
}

/* libyaml's error: a reader's (bytes that are not text) at the byte it
 * names, the others at their mark. */
static int yaml_error(struct loader *L)
{
	const yaml_parser_t *p = &L->parser;
	const yaml_mark_t *m = p->context ? &p->context_mark : &p->problem_mark;
	size_t line, col;

	if (p->error == YAML_MEMORY_ERROR)
		abort();
	if (p->error == YAML_READER_ERROR) {
		place_of(L, p->problem_offset, &line, &col);
		/* the value is a byte of a sequence that is not UTF-8, or a
		 * character that is not allowed */
		const char *what = p->problem ? p->problem : "not text";
		if (p->problem_value < 0) /* a sequence of a length UTF-8 has not */
			return fail(L, line, col, "%s", what);
		return fail(L, line, col,
			    strstr(what, "octet") ? "%s (byte 0x%02x)" : "%s (U+%04X)", what,
			    (unsigned)p->problem_value);
	}
	if (p->problem_mark.line || p->problem_mark.column)
		m = &p->problem_mark;
	return FAIL_AT(L, *m, "%s%s%s", p->problem ? p->problem : "not YAML", p->context ? " " : "",
		       p->context ? p->context : "");
}

static uint32_t new_node(struct loader *L, enum ytype type, const yaml_mark_t *m)
{
	struct ydoc *d = L->d;

	VEC_ROOM(d->v, d->n, d->cap);
	d->v[d->n] = (struct ynode){
	    .type = type, .line = (int)m->line + 1, .col = (int)m->column + 1, .size = 1};
	return (uint32_t)d->n++;
}

/* count more nodes for the reader to walk: those of one node, or those an
 * alias stands for (aliased) */
static int count(struct loader *L, size_t more, bool aliased, const yaml_mark_t *m)
{
	L->nodes += more;
	if (L->nodes > TOPO_MAX_NODES)
		return FAIL_AT(L, *m, "more than %u nodes, aliases expanded (the limit of a file)",
			       TOPO_MAX_NODES);
	if (aliased && (L->aliased += more) > TOPO_MAX_ALIASED)
		return FAIL_AT(L, *m,
			       "aliases stand for more than %u nodes in all (the limit of a file)",
			       TOPO_MAX_ALIASED);
	return 0;
}

/* Node i complete: the next item of the collection open, if any. */
static int place(struct loader *L, uint32_t i, const yaml_mark_t *m)
{
	VEC_ROOM(L->pend, L->npend, L->cappend);
	L->pend[L->npend++] = i;
	if (L->nopen) {
		const struct open *o = &L->open[L->nopen - 1];
		bool map = L->d->v[o->node].type == Y_MAP;
		if ((L->npend - o->start) > (map ? 2 : 1) * (size_t)TOPO_MAX_ITEMS)
			return FAIL_AT(L, *m, "%s of more than %u %s (the limit of a file)",
				       map ? "a mapping" : "a list", TOPO_MAX_ITEMS,
				       map ? "keys" : "items");
	}
	return 0;
}

static void anchor(struct loader *L, const yaml_char_t *name, uint32_t node)
{
	bool found;

	if (name)
		*tset_get(&L->anchors, name, strlen((const char *)name), node, &found) = node;
}

/* A scalar's bytes into the text: a !!binary one's decoded. */
static int scalar_text(struct loader *L, const yaml_event_t *e, size_t *at, size_t *n)
{
	const char *v = (const char *)e->data.scalar.value;
	size_t len = e->data.scalar.length;
	struct ydoc *d = L->d;
	bool binary = e->data.scalar.tag && !strcmp((const char *)e->data.scalar.tag, binary_tag);

	while (d->ntext + len + 1 > d->captext)
		VEC_ROOM(d->text, d->captext, d->captext);
	*at = d->ntext;
	if (!binary) {
		memcpy(d->text + *at, v, len);
		*n = len;
	} else if (sodium_base642bin((unsigned char *)d->text + *at, len, v, len, " \t\r\n", n,
				     NULL, sodium_base64_VARIANT_ORIGINAL) < 0) {
		return FAIL_AT(L, e->start_mark, "!!binary: not base64");
	}
	d->text[*at + *n] = '\0';
	if (memchr(d->text + *at, '\0', *n))
		return FAIL_AT(L, e->start_mark,
			       "a NUL byte in a scalar (no name or value holds one)");
	d->ntext += *n + 1;
	return 0;
}

static int on_scalar(struct loader *L, const yaml_event_t *e)
{
	size_t at, n;
	uint32_t i;
	int rc;

	if ((rc = count(L, 1, false, &e->start_mark)) < 0 || (rc = scalar_text(L, e, &at, &n)) < 0)
		return rc;
	i = new_node(L, Y_SCALAR, &e->start_mark);
	L->d->v[i].at = at;
	L->d->v[i].n = (uint32_t)n;
	anchor(L, e->data.scalar.anchor, i);
	return place(L, i, &e->start_mark);
}

static int on_open(struct loader *L, const yaml_event_t *e, enum ytype type)
{
	const yaml_char_t *name =
	    type == Y_MAP ? e->data.mapping_start.anchor : e->data.sequence_start.anchor;
	int rc;

	if (type == Y_MAP && e->data.mapping_start.tag &&
	    !strcmp((const char *)e->data.mapping_start.tag, binary_tag))
		return FAIL_AT(L, e->start_mark, "!!binary: a scalar is, not a mapping");
	if (type == Y_SEQ && e->data.sequence_start.tag &&
	    !strcmp((const char *)e->data.sequence_start.tag, binary_tag))
		return FAIL_AT(L, e->start_mark, "!!binary: a scalar is, not a list");
	if (L->nopen >= TOPO_MAX_DEPTH)
		return FAIL_AT(L, e->start_mark,
			       "nested deeper than %d levels (the limit of a file)",
			       TOPO_MAX_DEPTH);
	if ((rc = count(L, 1, false, &e->start_mark)) < 0)
		return rc;
	VEC_ROOM(L->open, L->nopen, L->capopen);
	L->open[L->nopen++] = (struct open){.node = new_node(L, type, &e->start_mark),
					    .start = L->npend,
					    .anchor = name ? strdup((const char *)name) : NULL};
	return 0;
}

/* The collection open is complete: its items move from the stack to the
 * document's list of items, and it is an item itself. */
static int on_close(struct loader *L, const yaml_event_t *e)
{
	struct open o = L->open[--L->nopen];
	struct ydoc *d = L->d;
	struct ynode *n = &d->v[o.node];
	size_t items = L->npend - o.start;
	yaml_mark_t mark = {0};

	(void)e;
	while (d->nkids + items > d->capkids)
		VEC_ROOM(d->kids, d->capkids, d->capkids);
	n->at = d->nkids;
	n->n = (uint32_t)(n->type == Y_MAP ? items / 2 : items);
	for (size_t k = o.start; k < L->npend; k++) {
		d->kids[d->nkids++] = L->pend[k];
		n->size += d->v[L->pend[k]].size; /* each under TOPO_MAX_NODES (count) */
	}
	L->npend = o.start;
	anchor(L, (const yaml_char_t *)o.anchor, o.node);
	free(o.anchor);
	mark.line = (size_t)n->line - 1;
	mark.column = (size_t)n->col - 1;
	return place(L, o.node, &mark);
}

static int on_alias(struct loader *L, const yaml_event_t *e)
{
	const char *name = (const char *)e->data.alias.anchor;
	const uint32_t *i = tset_find(&L->anchors, name, strlen(name));
	int rc;

	if (!i)
		return FAIL_AT(L, e->start_mark, "alias *%s: no anchor &%s before it", name, name);
	if ((rc = count(L, L->d->v[*i].size, true, &e->start_mark)) < 0)
		return rc;
	return place(L, *i, &e->start_mark);
}

static int on_event(struct loader *L, const yaml_event_t *e)
{
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (L->docs++)
			return FAIL_AT(L, e->start_mark,
				       "a second document (a topology file holds one)");
		return 0;
	case YAML_SCALAR_EVENT:
		return on_scalar(L, e);
	case YAML_SEQUENCE_START_EVENT:
		return on_open(L, e, Y_SEQ);
	case YAML_MAPPING_START_EVENT:
		return on_open(L, e, Y_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_close(L, e);
	case YAML_ALIAS_EVENT:
		return on_alias(L, e);
	default:
		return 0;
	}
}

static int load_events(struct loader *L)
{
	for (;;) {
		yaml_event_t e;
		yaml_event_type_t type;
		int rc;

		if (!yaml_parser_parse(&L->parser, &e))
			return yaml_error(L);
		type = e.type;
		rc = on_event(L, &e);
		yaml_event_delete(&e);
		if (rc < 0)
			return rc;
		if (type == YAML_STREAM_END_EVENT)
			return 0;
	}
}

int ydoc_load(struct ydoc *d, const char *file, const char *buf, size_t len, char *reason,
	      size_t reasonsz)
{
	struct loader L = {
	    .d = d, .file = file, .buf = buf, .len = len, .reason = reason, .reasonsz = reasonsz};
	int rc;

	memset(d, 0, sizeof(*d));
	if (len > TOPO_MAX_BYTES) {
		size_t line, col;
		place_of(&L, TOPO_MAX_BYTES, &line, &col);
		return fail(&L, line, col, "longer than %u bytes (the limit of a file)",
			    TOPO_MAX_BYTES);
	}
	if (!yaml_parser_initialize(&L.parser))
		abort();
	yaml_parser_set_input_string(&L.parser, (const unsigned char *)buf, len);
	rc = load_events(&L);
	if (rc == 0 && L.npend)
		d->root = &d->v[L.pend[0]];
	yaml_parser_delete(&L.parser);
	while (L.nopen)
		free(L.open[--L.nopen].anchor);
	free(L.open);
	free(L.pend);
	tset_free(&L.anchors);
	if (rc < 0)
		ydoc_free(d);
	return rc;
}

void ydoc_free(struct ydoc *d)
{
	free(d->v);
	free(d->kids);
	free(d->text);
	memset(d, 0, sizeof(*d));
}

/* ---- the set ------------------------------------------------------------- */

struct tslot {
	uint64_t hash; /* 0: empty */
	size_t key, len;
	uint32_t val;
};

static uint64_t hash_of(struct tset *s, const void *key, size_t len)
{
	uint64_t h;

	if (!s->cap) {
		if (sodium_init() < 0)
			abort();
		randombytes_buf(s->hkey, sizeof(s->hkey));
	}
	crypto_shorthash((unsigned char *)&h, key, len, s->hkey);
	return h ? h : 1;
}

static struct tslot *slot_of(struct tset *s, uint64_t h, const void *key, size_t len)
{
	for (size_t i = h & (s->cap - 1);; i = (i + 1) & (s->cap - 1)) {
		struct tslot *t = &s->slots[i];
		if (!t->hash ||
		    (t->hash == h && t->len == len && !memcmp(s->keys + t->key, key, len)))
			return t;
	}
}

/* Twice the slots, each key where its hash puts it. */
static void grow_set(struct tset *s)
{
	struct tslot *old = s->slots;
	size_t n = s->cap;

	s->cap = n ? n * 2 : 64;
	if (!(s->slots = calloc(s->cap, sizeof(*s->slots))))
		abort();
	for (size_t i = 0; i < n; i++)
		if (old[i].hash)
			*slot_of(s, old[i].hash, s->keys + old[i].key, old[i].len) = old[i];
	free(old);
}

uint32_t *tset_get(struct tset *s, const void *key, size_t len, uint32_t val, bool *found)
{
	uint64_t h = hash_of(s, key, len);
	struct tslot *t;

	if ((s->n + 1) * 2 > s->cap)
		grow_set(s);
	t = slot_of(s, h, key, len);
	*found = t->hash != 0;
	if (*found)
		return &t->val;
	while (s->nkeys + len > s->capkeys)
		VEC_ROOM(s->keys, s->capkeys, s->capkeys);
	if (len)
		memcpy(s->keys + s->nkeys, key, len);
	*t = (struct tslot){.hash = h, .key = s->nkeys, .len = len, .val = val};
	s->nkeys += len;
	s->n++;
	return &t->val;
}

uint32_t *tset_find(struct tset *s, const void *key, size_t len)
{
	struct tslot *t;

	if (!s->n)
		return NULL;
	t = slot_of(s, hash_of(s, key, len), key, len);
	return t->hash ? &t->val : NULL;
}

size_t topo_ref_key(const char *ns, const char *dev, char *key)
{
	int n = snprintf(key, TOPO_REF_KEY, "%s%c%s", ns, 0, dev);

	return n >= 0 && n < TOPO_REF_KEY ? (size_t)n + 1 : TOPO_REF_KEY;
}

void tset_free(struct tset *s)
{
	free(s->slots);
	free(s->keys);
	memset(s, 0, sizeof(*s));
}

/* ---- UTF-8 --------------------------------------------------------------- */

int32_t topo_utf8(const char *s, size_t left, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	static const int32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n;
	int32_t cp;

	*len = 1;
	if (u[0] < 0x80)
		return u[0];
	n = u[0] >= 0xc2 && u[0] <= 0xdf   ? 2
	    : u[0] >= 0xe0 && u[0] <= 0xef ? 3
	    : u[0] >= 0xf0 && u[0] <= 0xf4 ? 4
					   : 0;
	if (!n || n > left)
		return -1;
	cp = u[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		cp = cp << 6 | (u[i] & 0x3f);
	}
	if (cp < least[n] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return -1;
	*len = n;
	return cp;
}
