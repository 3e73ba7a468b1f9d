// SPDX-License-Identifier: GPL-2.0-or-later
/* Flushing: see flush.h. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "flush.h"

struct flush_failure {
	const int *gone;
	int err;
	char label[INET6_ADDRSTRLEN + 8];
	char msg[256];
};

static void on_error(struct ctx *c, const char *label, int err, const char *msg, void *data)
{
	struct flush_failure *f = data;

	(void)c;
	for (const int *g = f->gone; g && *g; g++)
		if (err == *g)
			return;
	if (f->err)
		return;
	f->err = err;
	snprintf(f->label, sizeof(f->label), "%s", label ? label : "?");
	snprintf(f->msg, sizeof(f->msg), "%s", msg ? msg : strerror(-err));
}

int flush_msgs(struct ctx *c, struct nlmsghdr *const *msgs, size_t n, flush_queue_fn queue,
	       const int *gone)
{
	struct flush_failure f = {.gone = gone};
	struct nl_pipe *p;
	int rc;

	if (n == 0)
		return 0;
	if (!(p = nl_pipe_new(on_error, &f)))
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		queue(c, p, msgs[i]);
	rc = nl_pipe_flush(c, p, on_error, &f);
	nl_pipe_free(p);
	/* the pipe answers with the first refusal, which may be a gone one */
	c->reason[0] = '\0';
	if (f.err)
		return err_fail(c, "deleting %s: %s", f.label, f.msg);
	for (const int *g = gone; g && *g; g++)
		if (rc == *g)
			return 0;
	return rc;
}
