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
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
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

/* fd, passed over sock (SCM_RIGHTS). */
static int send_fd(int sock, int fd)
{
	char c = 0, ctl[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = {.iov_base = &c, .iov_len = 1};
	struct msghdr mh = {
	    .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof(ctl)};
	struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &mh, 0) == 1 ? 0 : -1;
}

/* The fd passed over sock, or -1 (none came: the sender failed). */
static int recv_fd(int sock)
{
	char c, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {.iov_base = &c, .iov_len = 1};
	struct msghdr mh = {
	    .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof(ctl)};
	struct cmsghdr *cm;
	ssize_t n;
	int fd = -1;

	while ((n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
		;
	cm = n == 1 ? CMSG_FIRSTHDR(&mh) : NULL;
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
	    cm->cmsg_len == CMSG_LEN(sizeof(int)))
		memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

/* The child's part: into the namespace, and a mount namespace of its own
 * (a slave: nothing it mounts is seen outside), where that namespace's
 * sysfs goes over /sys; its class/net goes back over sock. */
_Noreturn static void sysfs_child(int nsfd, int sock)
{
	int dir;

	if (setns(nsfd, CLONE_NEWNET) < 0 || unshare(CLONE_NEWNS) < 0 ||
	    mount(NULL, "/", NULL, MS_SLAVE | MS_REC, NULL) < 0 ||
	    mount("sysfs", "/sys", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) <
		0 ||
	    (dir = open("/sys/class/net", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		_exit(1);
	_exit(send_fd(sock, dir) < 0);
}

/* A child mounts it where only it sees it and hands the directory over
 * before it ends; the mount goes with that last descriptor.  (fsopen()
 * would do it in this process, but valgrind, which the suite runs under,
 * does not know that call.) */
int netns_sysfs_net(int nsfd)
{
	int sv[2], dir = -1, st;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv) < 0)
		return -1;
	if ((pid = fork()) == 0) {
		close(sv[0]);
		sysfs_child(nsfd, sv[1]);
	}
	close(sv[1]);
	if (pid > 0) {
		dir = recv_fd(sv[0]);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	close(sv[0]);
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
