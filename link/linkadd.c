// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Creating a device of a link kind.  When the kernel lacks the kind it only
 * says "Unknown device type"; the user needs to know which module to load,
 * so that is said here, once, for every object.
 */
#include <errno.h>
#include <string.h>

#include "link.h"
#include "nl.h"

/* The module that provides a kind: its descriptor says, where it is not
 * the kind's own name. */
const char *link_kind_module(const char *kind)
{
	const struct link_kind *k = link_kind_find(kind);

	return k && k->module ? k->module : kind;
}

int link_create(struct ctx *c, struct nlmsghdr *nlh, const char *kind)
{
	const char *module = link_kind_module(kind);
	char why[sizeof(c->reason)];
	int rc;

	/* pipelined, the request's answer is worded the same */
	c->req_kind = kind;
	c->req_module = module;
	rc = nl_request(c, nlh, NULL, NULL);
	c->req_kind = c->req_module = NULL;
	/* under ip's name ip's "Error: Unknown device type.", exit 2 */
	if (!ctx_iproute2(c) && err_kind_explain(rc, c->reason, kind, module, why, sizeof(why))) {
		c->reason[0] = '\0';
		rc = err_fail(c, "%s", why);
	}
	return rc;
}
