/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * topo's impairments (objects/topo/topo_impair.c): a veth end's or a
 * link's delay, jitter, loss, rate, duplicate, corrupt and reorder, the
 * words of `link set DEV delay ...` (the qdisc object's extension of link
 * set, a netem at the root), read through that extension's table and
 * compared with the kernel's root netem.
 */
#ifndef VNETCTL_TOPO_IMPAIR_H
#define VNETCTL_TOPO_IMPAIR_H

#include "topo_state.h"

/* The most words of the extension's table. */
#define TOPO_IMPAIR_MAX 16

/* key: value of a file as one of the impairment's words (a measure of link
 * set's extension, not its `impair none`), into vals (room for
 * TOPO_IMPAIR_MAX), the word's row in *idx: 0, or with the reason in
 * c->reason -ENOENT (no such word; others names the keys the mapping takes
 * besides) or -VN_EUSAGE (the value is not one). */
int topo_impair_fill(struct ctx *c, const char *key, const char *value, struct val *vals, int *idx,
		     const char *others);

/* The words w (n KEY VALUE pairs, each read by topo_impair_fill) checked
 * together as link set checks them (jitter needs delay...), nothing sent:
 * 0, or -VN_EUSAGE with the reason in c->reason. */
int topo_impair_check(struct ctx *c, const char *const *w, size_t n);

/* The words w (n KEY VALUE pairs) joined by spaces into buf. */
const char *topo_impair_text(const char *const *w, size_t n, char *buf, size_t sz);

/* The kernel's root qdisc of device ifindex in namespace ns against the
 * words w (n pairs): 1 when it is a netem of those measures (the others
 * zero), 0 when not, and then what it has in buf ("none": no netem at
 * the root); or -errno. */
int topo_impair_cmp(struct run *r, const char *ns, int ifindex, const char *const *w, size_t n,
		    char *buf, size_t sz);

/* save: the root netem of ifindex in ns as words pushed to t->words from
 * *word0 (KEY VALUE pairs, each read back the same), their count in *n (0:
 * none); 0 or -errno. */
int topo_impair_save(struct run *r, struct topo *t, const char *ns, int ifindex, size_t *word0,
		     size_t *n);

#endif
