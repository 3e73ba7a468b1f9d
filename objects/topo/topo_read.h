/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The reader of topology files, inside: what topo_parse.c (the file, its
 * devices) and topo_sections.c (veths, addresses, routes, up) share, kept
 * in topo_read.c, which calls neither.  No other file includes it.
 */
#ifndef VNETCTL_TOPO_READ_H
#define VNETCTL_TOPO_READ_H

#include "topo_parse.h"
#include "topo_yaml.h"

struct parse {
	struct ctx *c;
	struct topo *t;
	struct ydoc doc;
	/* what is given once: namespaces, devices, addresses of a device,
	 * the devices and namespaces keys of addresses and routes */
	struct tset nss, devs, addrs, keys;
	/* while a link's mapping is read (in_link): its keys that are none
	 * of a device's are the kind's words, and where they are (words) */
	bool in_link;
	size_t *words, nwords;
};

static inline int line_of(const struct ynode *n)
{
	return n->line;
}

/* A scalar node's text; item i of list or mapping n (a mapping's key
 * i / 2, or its value). */
#define scalar(n)  ytext(&p->doc, (n))
#define item(n, i) ykid(&p->doc, (n), (i))

/* The error at node n: FILE:LINE:COLUMN: what (-VN_EUSAGE). */
int tp_bad(struct parse *p, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* 0 when n is of type, else the error naming what. */
int tp_want(struct parse *p, const struct ynode *n, enum ytype type, const char *what);
/* False when key (of len bytes) was given already in set s. */
bool tp_once(struct tset *s, const void *key, size_t len);
/* A copy of s (length len) that lives as long as the topology. */
const char *tp_keep(struct parse *p, const char *s, size_t len);
/* A mapping's keys: each one of keys, none twice; seen[i] is keys[i]'s value. */
int tp_keys_of(struct parse *p, const struct ynode *m, const char *const *keys, const char *in,
	       const struct ynode **seen);
int tp_ns_name(struct parse *p, const struct ynode *n, const char *what, const char **out);
/* NS/DEV, /DEV or DEV, in scalar node n. */
int tp_ref_of(struct parse *p, const struct ynode *n, const char *what, struct topo_ref *r);
int tp_bool_of(struct parse *p, const struct ynode *n, const char *what, bool *out);
/* The device r is set up. */
void tp_add_up(struct parse *p, const struct topo_ref *r);

/* The sections that are no kind's devices (topo_sections.c). */
int read_veths(struct parse *p, const struct ynode *seq);
int read_addresses(struct parse *p, const struct ynode *m);
int read_routes(struct parse *p, const struct ynode *m);
int read_ups(struct parse *p, const struct ynode *seq);
/* A lab on several hosts: hosts, host, overlay and a namespace's item
 * (NAME or {name: NAME, host: HOST}), in topo_hostread.c. */
int topo_read_hosts(struct parse *p, const struct ynode *m);
int topo_read_host(struct parse *p, const struct ynode *n);
int topo_read_overlay(struct parse *p, const struct ynode *n);
int topo_read_ns_item(struct parse *p, const struct ynode *n, struct topo_ns *ns);

/* A mapping's keys: each known (of those in mask), none twice; seen[i] is
 * the value of keys[i]. */
int tp_keys_in(struct parse *p, const struct ynode *m, const char *const *keys, unsigned mask,
	       const char *in, const struct ynode **seen);
int tp_dev_name(struct parse *p, const struct ynode *n, const char *s, size_t len,
		const char **out);

#endif
