// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Named namespaces and their ids: see netnsutil.h.
 *
 * A name is only a bind mount under /run/netns; the kernel knows nothing of
 * it.  So the name of an nsid is found as ip finds it: open every file
 * there and ask which nsid the current namespace has given it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/magic.h>
#include <linux/net_namespace.h>

#include "netnsutil.h"
#include "nl.h"

static int nsid_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NETNSA_MAX + 1];

	if (nlh->nlmsg_type != RTM_NEWNSID)
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX);
	if (tb[NETNSA_NSID] && mnl_attr_get_payload_len(tb[NETNSA_NSID]) == sizeof(int32_t))
		*(int *)data = (int32_t)mnl_attr_get_u32(tb[NETNSA_NSID]);
	return MNL_CB_OK;
}

int netns_nsid_of_fd(struct ctx *c, int fd)
{
	char buf[NL_BUFSZ];
	char reason[sizeof(c->reason)];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNSID, 0);
	struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	int nsid = NETNSA_NSID_NOT_ASSIGNED;

	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)fd);
	/* Only a lookup: a failure means "no id known", and must not leave
	 * its reason behind for the caller's own error. */
	memcpy(reason, c->reason, sizeof(reason));
	if (nl_request(c, nlh, nsid_cb, &nsid) < 0)
		nsid = NETNSA_NSID_NOT_ASSIGNED;
	memcpy(c->reason, reason, sizeof(reason));
	return nsid < 0 ? NETNSA_NSID_NOT_ASSIGNED : nsid;
}

/* The nsid of the namespace bound at /run/netns/name, or -1. */
static int nsid_of_name(struct ctx *c, const char *name)
{
	char path[PATH_MAX];
	int fd, nsid;

	snprintf(path, sizeof(path), "%s/%s", netns_dir(), name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NETNSA_NSID_NOT_ASSIGNED;
	nsid = netns_nsid_of_fd(c, fd);
	close(fd);
	return nsid;
}

const char *netns_name_of_nsid(struct ctx *c, int nsid, char *buf, size_t sz)
{
	DIR *d;
	struct dirent *e;
	const char *found = NULL;

	if (nsid < 0 || !(d = opendir(netns_dir())))
		return NULL;
	while (!found && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (nsid_of_name(c, e->d_name) == nsid) {
			snprintf(buf, sz, "%s", e->d_name);
			found = buf;
		}
	}
	closedir(d);
	return found;
}

/* ---- opening a namespace -------------------------------------------------- */

const char *netns_dir(void)
{
	return "/run/netns";
}

static int netns_open_path(struct ctx *c, const char *name, bool is_pid);

/* A file under /run/netns with no namespace mounted on it: what an add
 * killed outright (SIGKILL, a crash) between making the file and mounting
 * leaves, or, for that instant, another process's add under way.  setns()
 * would only say "Invalid argument". */
static int leftover(struct ctx *c, int fd, const char *name)
{
	close(fd);
	snprintf(c->reason, sizeof(c->reason), "%s is a leftover, not a namespace", name);
	snprintf(c->hint, sizeof(c->hint), "vnetctl netns del %s removes it", name);
	return -EUCLEAN;
}

bool netns_is_pid(const char *name)
{
	char path[PATH_MAX];
	uint32_t pid;

	snprintf(path, sizeof(path), "%s/%s", netns_dir(), name);
	return parse_u32(name, &pid) == 0 && access(path, F_OK) < 0;
}

int netns_open(struct ctx *c, const char *name)
{
	return netns_open_path(c, name, netns_is_pid(name));
}

int netns_open_named(struct ctx *c, const char *name)
{
	return netns_open_path(c, name, false);
}

static int netns_open_path(struct ctx *c, const char *name, bool is_pid)
{
	char path[PATH_MAX];
	struct statfs sf;
	int fd;

	if (is_pid)
		snprintf(path, sizeof(path), "/proc/%s/ns/net", name);
	else
		snprintf(path, sizeof(path), "%s/%s", netns_dir(), name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;
		if (err == ENOENT && is_pid)
			return err_fail(c, "no process with pid %s", name);
		if (err == ENOENT)
			return err_fail(c, "no network namespace named \"%s\"", name);
		return err_errno(c, err, "opening %s", path);
	}
	if (!is_pid && (fstatfs(fd, &sf) < 0 || sf.f_type != NSFS_MAGIC))
		return leftover(c, fd, name);
	return fd;
}
