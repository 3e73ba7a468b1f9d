// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Generic netlink: families' ids from nlctrl, and their requests and dumps
 * through the netlink layer.  See genl.h.
 */
#include <errno.h>
#include <string.h>

#include "genl.h"

/* Ids asked once a process: a family keeps its id while its module is
 * loaded.  A family not found is not kept: it may be loaded later (the
 * shell, a batch). */
#define GENL_CACHE 8
static struct genl_id {
	const struct genl_family *fam;
	uint16_t id;
} cache[GENL_CACHE];
static size_t ncache;

/* The request dry run is printing, and its family. */
static const struct nlmsghdr *dry_msg;
static const struct genl_family *dry_fam;

static int family_id_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	uint16_t *id = data;

	nl_parse(nlh, GENL_HDRLEN, tb, CTRL_ATTR_MAX);
	if (!nl_attr_u16(tb[CTRL_ATTR_FAMILY_ID], id) || *id < NLMSG_MIN_TYPE) {
		errno = EPROTO;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

int genl_family_id(struct ctx *c, const struct genl_family *fam, uint16_t *id)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct genlmsghdr *g;
	int rc;

	for (size_t i = 0; i < ncache; i++) {
		if (cache[i].fam == fam) {
			*id = cache[i].id;
			return 0;
		}
	}
	nlh = nl_msg(buf, GENL_ID_CTRL, 0);
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->cmd = CTRL_CMD_GETFAMILY;
	g->version = 1;
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, fam->name);
	*id = 0;
	rc = nl_request_on(c, NETLINK_GENERIC, nlh, family_id_cb, id);
	if (rc == -ENOENT) {
		c->reason[0] = '\0';
		err_fail(c, "the kernel has no %s support", fam->name);
		return err_errno(c, ENOENT, "load the module: modprobe %s",
				 fam->module ? fam->module : fam->name);
	}
	if (rc < 0)
		return rc;
	if (!*id)
		return err_fail(c, "malformed reply from the kernel");
	if (ncache < GENL_CACHE)
		cache[ncache++] = (struct genl_id){fam, *id};
	return 0;
}

int genl_msg(struct ctx *c, const struct genl_family *fam, void *buf, uint8_t cmd, uint16_t flags,
	     struct nlmsghdr **out)
{
	struct genlmsghdr *g;
	uint16_t id = 0;
	int rc = genl_family_id(c, fam, &id);

	/* a dry run prints what would be sent, known family or not */
	if (rc < 0 && !(ctx_dryrun(c) && rc == -ENOENT))
		return rc;
	c->reason[0] = c->hint[0] = '\0';
	*out = nl_msg(buf, id, flags);
	g = mnl_nlmsg_put_extra_header(*out, sizeof(*g));
	g->cmd = cmd;
	g->version = fam->version;
	return 0;
}

int genl_request(struct ctx *c, const struct genl_family *fam, struct nlmsghdr *nlh)
{
	if (ctx_dryrun(c)) {
		(void)nl_barrier(c);
		dry_msg = nlh;
		dry_fam = fam;
		if (c->dryrun)
			c->dryrun(nlh);
		dry_msg = NULL;
		return 0;
	}
	return nl_request_on(c, NETLINK_GENERIC, nlh, NULL, NULL);
}

int genl_dump(struct ctx *c, struct nlmsghdr *nlh, nl_cb cb, void *data)
{
	/* a dry run's message of a family the kernel lacks has no id: the
	 * kernel would never answer it */
	if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
		return err_fail(c, "the kernel has no such generic netlink family");
	return nl_dump_on(c, NETLINK_GENERIC, nlh, cb, data);
}

const struct genl_family *genl_family_of(const struct nlmsghdr *nlh)
{
	return nlh && nlh == dry_msg ? dry_fam : NULL;
}
