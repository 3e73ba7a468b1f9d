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
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
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

bool netns_has_own_id(struct ctx *c)
{
	int self = open(SELF_NETNS, O_RDONLY | O_CLOEXEC);
	bool has;

	if (self < 0)
		return false;
	has = netns_nsid_of_fd(c, self) >= 0;
	close(self);
	return has;
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

static bool ino_seen(const ino_t *seen, size_t n, ino_t ino)
{
	for (size_t i = 0; i < n; i++)
		if (seen[i] == ino)
			return true;
	return false;
}

/* /proc/PID/ns/net of each process, each namespace asked about once. */
int netns_open_nsid(struct ctx *c, int nsid)
{
	char path[64];
	struct stat self, st;
	ino_t *seen = NULL;
	size_t n = 0;
	struct dirent *e;
	int found = -1;
	DIR *d;

	if (nsid < 0 || stat(SELF_NETNS, &self) < 0 || !(d = opendir("/proc")))
		return -1;
	while (found < 0 && (e = readdir(d))) {
		ino_t *grown;
		int fd;
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%.20s/ns/net", e->d_name);
		if (stat(path, &st) < 0 || st.st_ino == self.st_ino || ino_seen(seen, n, st.st_ino))
			continue;
		if (!(grown = realloc(seen, (n + 1) * sizeof(*seen))))
			break;
		seen = grown;
		seen[n++] = st.st_ino;
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue; /* gone meanwhile */
		if (netns_nsid_of_fd(c, fd) == nsid)
			found = fd;
		else
			close(fd);
	}
	free(seen);
	closedir(d);
	return found;
}

/* fsopen() takes the network namespace of the caller for the sysfs it
 * makes: the thread goes there for that call alone. */
int netns_sysfs_net(int nsfd)
{
	int home = open(SELF_NETNS, O_RDONLY | O_CLOEXEC), fs = -1, mnt, dir, err = EPERM;

	if (home < 0)
		return -1;
	if (setns(nsfd, CLONE_NEWNET) == 0) {
		fs = fsopen("sysfs", FSOPEN_CLOEXEC);
		err = errno;
		if (setns(home, CLONE_NEWNET) < 0)
			abort(); /* every later request would go to the wrong place */
	}
	close(home);
	if (fs < 0) {
		errno = err;
		return -1;
	}
	mnt = fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0
		  ? -1
		  : fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOEXEC);
	close(fs);
	if (mnt < 0)
		return -1;
	/* the directory holds the mount, which goes with its last fd */
	dir = openat(mnt, "class/net", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	close(mnt);
	return dir;
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

int netns_open(struct ctx *c, const char *name)
{
	uint32_t pid;

	return netns_open_path(c, name, parse_u32(name, &pid) == 0);
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
