/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A topology file's YAML as a tree of nodes (objects/topo/topo_yaml.c), read
 * from libyaml's events within bounds a hostile file cannot pass, and a
 * set of byte strings that finds a name given twice in constant time.
 * Only the topology reader (topo_parse.c) and its fuzz target use it.
 */
#ifndef VNETCTL_TOPO_YAML_H
#define VNETCTL_TOPO_YAML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The bounds of a file: its bytes; the collections open at once; a list's
 * items or a mapping's keys; the nodes of the document, each alias counting
 * the nodes it stands for ("billion laughs" stops there); and the nodes
 * all the aliases stand for, together. */
#define TOPO_MAX_BYTES	 (64u << 20)
#define TOPO_MAX_DEPTH	 32
#define TOPO_MAX_ITEMS	 100000
#define TOPO_MAX_NODES	 1000000
#define TOPO_MAX_ALIASED 100000

enum ytype { Y_SCALAR, Y_SEQ, Y_MAP };

/* A node where the file has it (line and column from 1); a scalar's bytes
 * (n of them, NUL-terminated, never holding a NUL) or a collection's n
 * items (a mapping's n keys, each followed by its value). */
struct ynode {
	enum ytype type;
	int line, col;
	uint32_t n;
	uint32_t size; /* the nodes it stands for: itself and all below */
	size_t at;     /* its text in ydoc.text, or its first item in ydoc.kids */
};

struct ydoc {
	struct ynode *v;
	size_t n, cap;
	uint32_t *kids;
	size_t nkids, capkids;
	char *text;
	size_t ntext, captext;
	const struct ynode *root; /* NULL for a file of no document */
};

/* The one document of buf (len bytes, of FILE): 0, or -VN_EUSAGE with
 * "FILE:LINE:COLUMN: what" in reason (reasonsz bytes). */
int ydoc_load(struct ydoc *d, const char *file, const char *buf, size_t len, char *reason,
	      size_t reasonsz);
void ydoc_free(struct ydoc *d);

static inline const char *ytext(const struct ydoc *d, const struct ynode *n)
{
	return d->text + n->at;
}

/* Item i of a list; of a mapping, key i / 2's (even i) or its value (odd). */
static inline const struct ynode *ykid(const struct ydoc *d, const struct ynode *n, size_t i)
{
	return &d->v[d->kids[n->at + i]];
}

/* ---- a set of byte strings ---------------------------------------------- */

/* Keyed by a random key a process picks (SipHash, libsodium's
 * crypto_shorthash), so that a file cannot choose names that collide. */
struct tset {
	struct tslot *slots;
	size_t cap, n;
	char *keys;
	size_t nkeys, capkeys;
	unsigned char hkey[16];
};

/* The value kept for key (len bytes); when there is none, key is added with
 * value val and *found is false.  The pointer lives until the next call. */
uint32_t *tset_get(struct tset *s, const void *key, size_t len, uint32_t val, bool *found);
/* The value kept for key, NULL when there is none. */
uint32_t *tset_find(struct tset *s, const void *key, size_t len);
void tset_free(struct tset *s);

/* A device's identity as a key of a set: its namespace, a NUL, its name and
 * a NUL (in key, of TOPO_REF_KEY bytes); the key's length. */
#define TOPO_REF_KEY (256 + 1 + 256)
size_t topo_ref_key(const char *ns, const char *dev, char *key);

#endif
