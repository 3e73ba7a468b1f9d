/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Deleting many devices at the kernel's floor (linkdel.c).
 *
 * One RTM_DELLINK waits out the kernel's grace periods for its device;
 * the devices of one interface group go in one pass.  So many devices are
 * moved into a group no device carries (RTM_SETLINKs, pipelined) and that
 * group is deleted with one RTM_DELLINK.  If any step fails, the moved
 * devices get their groups back and go one at a time, in order, as if
 * never gathered: what took effect is what one at a time would have done.
 *
 * A del verb of several names or a pattern (`link del a b 'v*'`) goes so,
 * and a batch's consecutive del lines are gathered into one such deletion,
 * made before any other line runs (the dispatcher calls delq_flush() before
 * every verb that does not gather) and at the batch's end.
 */
#ifndef VNETCTL_LINKDEL_H
#define VNETCTL_LINKDEL_H

#include "core.h"

/* The names (or patterns: a name with *, ? or [ that no device has) of a
 * del verb; kind restricts them to devices of that kind (NULL: any),
 * other_verb is what to use for the rest ("use link del").  Returns 0 when
 * they were deleted (or gathered, in a batch), 1 when there is one device
 * by an exact name and no batch to gather it in (the verb deletes it its
 * own way), or a negative error.  -VN_EREPORTED: an earlier batch line
 * failed, and said so. */
int link_del_names(struct ctx *c, char *const *names, int n, const char *kind,
		   const char *other_verb);

/* -EOPNOTSUPP for lo or a physical device, with a hint saying why. */
int link_undeletable(struct ctx *c);

/* A batch's gathering of del lines: made by the batch, freed by it. */
struct delq *delq_new(void);
void delq_free(struct delq *q);
/* Delete what is gathered.  EXIT_OK, or EXIT_FAIL once a gathered line
 * failed (its one line printed, FILE:LINE first); without --force the
 * lines after it took no effect. */
int delq_flush(struct ctx *c);
/* Forget what is gathered: those lines are not to run (a line before them
 * failed, and the batch runs them again if it goes on). */
void delq_drop(struct delq *q);
/* Whether any gathered line failed (with --force the batch goes on). */
bool delq_failed(const struct delq *q);

#endif
