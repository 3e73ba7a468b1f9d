/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Flushing (core/nl/flush.c): dumped entries sent back as their deletes,
 * all in one pipelined batch.  An entry that went by itself between the
 * dump and its delete (a secondary address with its primary, an IPv6 route
 * with another) is what was wanted; the first other refusal is the answer:
 * "deleting LABEL: why".
 */
#ifndef VNETCTL_FLUSH_H
#define VNETCTL_FLUSH_H

#include "nl.h"

/* Queue the delete of one dumped message in p (nl_pipe_msg, labelled with
 * what names the entry). */
typedef void (*flush_queue_fn)(struct ctx *c, struct nl_pipe *p, const struct nlmsghdr *m);

/* Delete msgs[0..n) through queue; gone lists the errors (negative errno,
 * 0-ended) that mean the entry is gone already.  0, or the first other
 * refusal with the reason set. */
int flush_msgs(struct ctx *c, struct nlmsghdr *const *msgs, size_t n, flush_queue_fn queue,
	       const int *gone);

#endif
