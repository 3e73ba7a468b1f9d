// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A named namespace's files, under the verbs of netns.c and netns_exec.c:
 * the names under /run/netns and their paths, the steps that change them
 * (each done, or in dry run printed as the command that would do it), and
 * the mount mechanics of making a name (the shared /run/netns, the bind
 * mount, signals held meanwhile).  Calls come here from both verb files;
 * this file calls neither.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/magic.h>
#include <linux/net_namespace.h>

#include "core.h"
#include "netns.h"
#include "netnsutil.h"
#include "nl.h"
#include "nldecode.h"
#include "out.h"

/* ---- names and paths ----------------------------------------------------- */

int netns_none(struct ctx *c, const char *name)
{
	return err_fail(c, "no network namespace named \"%s\"", name);
}

/* ip takes a name of any length; only the file system limits it. */
int netns_name_path(struct ctx *c, const char *name, char *buf, size_t sz)
{
	if ((size_t)snprintf(buf, sz, "%s/%s", netns_dir(), name) >= sz)
		return err_errno(c, ENAMETOOLONG, NULL);
	return 0;
}

static bool is_nsfs(int fd)
{
	struct statfs sf;

	return fstatfs(fd, &sf) == 0 && sf.f_type == NSFS_MAGIC;
}

/* The namespace file at path, or -1 with errno (EINVAL: a leftover). */
static int open_ns_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0 && !is_nsfs(fd)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

/* The namespace file of a name.  Unlike netns_open(), a number here is a
 * name like any other, not a process id: `ip netns add 42` is allowed.  A
 * leftover is named for what it is (-EUCLEAN). */
int netns_open_name(struct ctx *c, const char *name)
{
	char path[PATH_MAX];
	int rc;

	if ((rc = netns_name_path(c, name, path, sizeof(path))) < 0)
		return rc;
	if ((rc = netns_open_named(c, name)) == -VN_EFAIL && ctx_iproute2(c) &&
	    access(path, F_OK) < 0 && errno == ENOENT)
		return err_iproute2(c, VN_EIP_FAIL, "Cannot open network namespace \"%s\": %s",
				    name, strerror(ENOENT));
	return rc;
}

/* A file under /run/netns with no namespace mounted on it (see
 * netns_open_named()). */
bool netns_is_leftover(const char *name)
{
	char path[PATH_MAX];
	int fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", netns_dir(), name) >= sizeof(path))
		return false;
	fd = open_ns_file(path);
	if (fd >= 0)
		close(fd);
	return fd < 0 && errno == EINVAL;
}

int netns_proc_netns_path(struct ctx *c, uint32_t pid, char *buf, size_t sz)
{
	struct stat st;

	snprintf(buf, sz, "/proc/%u/ns/net", pid);
	if (stat(buf, &st) < 0)
		return errno == ENOENT ? err_fail(c, "no process with id %u", pid)
				       : err_errno(c, errno, "reading %s", buf);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void netns_names_free(struct names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	*l = (struct names){0};
}

int netns_names_add(struct names *l, const char *name)
{
	char **v = realloc(l->v, (l->n + 1) * sizeof(*v));

	if (!v)
		return -ENOMEM;
	l->v = v;
	if (!(v[l->n] = strdup(name)))
		return -ENOMEM;
	l->n++;
	return 0;
}

int netns_names_read(struct ctx *c, struct names *l)
{
	DIR *d = opendir(netns_dir());
	struct dirent *e;
	int rc = 0;

	*l = (struct names){0};
	if (!d)
		return errno == ENOENT ? 0 : err_errno(c, errno, "reading %s", netns_dir());
	while (rc == 0 && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			rc = netns_names_add(l, e->d_name);
	closedir(d);
	if (rc < 0) {
		netns_names_free(l);
		return rc;
	}
	/* by name; under ip's name in the directory's order, as ip lists them */
	if (l->n > 1 && !ctx_iproute2(c)) /* v is NULL when there are none */
		qsort(l->v, l->n, sizeof(*l->v), cmp_names);
	return 0;
}

/* The nsid the current namespace gave the named one, or -1. */
int netns_nsid_of_name(struct ctx *c, const char *name)
{
	char path[PATH_MAX];
	int fd = -1, nsid = NETNSA_NSID_NOT_ASSIGNED;

	/* a name that vanished meanwhile, or a leftover, simply has no id */
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", netns_dir(), name) < sizeof(path))
		fd = open_ns_file(path);
	if (fd >= 0) {
		nsid = netns_nsid_of_fd(c, fd);
		close(fd);
	}
	return nsid;
}

/* Whether two paths are the same namespace: nsfs gives each one inode. */
bool netns_same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* ---- steps: done, or in dry run printed as the command that would do them */

int netns_step_err(struct ctx *c, int err, const char *step)
{
	snprintf(c->reason, sizeof(c->reason), "%s: %s", step, strerror(err));
	if (err == EPERM || err == EACCES)
		return err_errno(c, err, "run as root: CAP_SYS_ADMIN is needed");
	return -err;
}

/* Returns true when it only printed the step (dry run). */
bool netns_dry(struct ctx *c, const char *step)
{
	if (ctx_dryrun(c))
		dry_step(c, "%s", step);
	return ctx_dryrun(c);
}

static void describe_mount(char *buf, size_t sz, const char *src, const char *dst, const char *type,
			   unsigned long flags)
{
	const char *r = (flags & MS_REC) ? "r" : "";

	if (flags & MS_BIND)
		snprintf(buf, sz, "mount --%sbind %s %s", r, src, dst);
	else if (flags & MS_SHARED)
		snprintf(buf, sz, "mount --make-%sshared %s", r, dst);
	else if (flags & MS_SLAVE)
		snprintf(buf, sz, "mount --make-%sslave %s", r, dst);
	else
		snprintf(buf, sz, "mount -t %s%s %s %s", type, (flags & MS_RDONLY) ? " -o ro" : "",
			 src, dst);
}

int netns_step_mount(struct ctx *c, const char *src, const char *dst, const char *type,
		     unsigned long flags)
{
	char step[2 * PATH_MAX + 64];

	describe_mount(step, sizeof(step), src, dst, type, flags);
	if (netns_dry(c, step) || mount(src, dst, type ? type : "none", flags, NULL) == 0)
		return 0;
	return netns_step_err(c, errno, step);
}

/* Not a mount point (a file left half made) is not an error: the file
 * still has to go. */
int netns_step_umount(struct ctx *c, const char *path)
{
	char step[PATH_MAX + 16];

	snprintf(step, sizeof(step), "umount -l %s", path);
	if (netns_dry(c, step) || umount2(path, MNT_DETACH) == 0 || errno == EINVAL)
		return 0;
	return netns_step_err(c, errno, step);
}

int netns_step_unlink(struct ctx *c, const char *path)
{
	char step[PATH_MAX + 16];

	snprintf(step, sizeof(step), "rm %s", path);
	if (netns_dry(c, step) || unlink(path) == 0)
		return 0;
	return netns_step_err(c, errno, step);
}

static int step_mkdir(struct ctx *c, const char *dir)
{
	char step[PATH_MAX + 16];

	snprintf(step, sizeof(step), "mkdir -p %s", dir);
	if (netns_dry(c, step) || mkdir(dir, 0755) == 0 || errno == EEXIST)
		return 0;
	return netns_step_err(c, errno, step);
}

/* The file a namespace is mounted on, created empty; never an existing one. */
int netns_step_create(struct ctx *c, const char *name, const char *path)
{
	char step[PATH_MAX + 16];
	int fd;

	snprintf(step, sizeof(step), "touch %s", path);
	if (netns_dry(c, step))
		return 0;
	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	if (errno == EEXIST && netns_is_leftover(name)) {
		fd = netns_open_name(c, name); /* says what it is */
		if (fd < 0)
			return fd;
		close(fd); /* made whole meanwhile: taken */
	}
	if ((errno == EEXIST || fd >= 0) && ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_FAIL, "Cannot create namespace file \"%s\": %s", path,
				    strerror(EEXIST));
	if (errno == EEXIST || fd >= 0) {
		snprintf(c->reason, sizeof(c->reason), "%s: %s", path, strerror(EEXIST));
		return err_errno(c, EEXIST, "the name is taken");
	}
	return netns_step_err(c, errno, step);
}

/* ---- making a name --------------------------------------------------------- */

/* As ip does: /run/netns becomes a shared mount point (bound onto itself
 * first when it is not a mount point at all), so that unmounting a name in
 * one mount namespace (netns exec makes them) unmounts it in all, and the
 * namespace can be freed. */
static int share_dir(struct ctx *c)
{
	const char *dir = netns_dir();
	int rc;

	if ((rc = step_mkdir(c, dir)) < 0)
		return rc;
	rc = netns_step_mount(c, "none", dir, NULL, MS_SHARED | MS_REC);
	if (rc != -EINVAL)
		return rc;
	c->reason[0] = '\0';
	if ((rc = netns_step_mount(c, dir, dir, "none", MS_BIND | MS_REC)) < 0)
		return rc;
	return netns_step_mount(c, "none", dir, NULL, MS_SHARED | MS_REC);
}

/* The path of a new name, in a shared /run/netns. */
int netns_ready_name(struct ctx *c, const char *name, char *path, size_t sz)
{
	int rc;

	/* changes waiting in a batch's pipe land first */
	if ((rc = nl_barrier(c)) < 0 || (rc = netns_name_path(c, name, path, sz)) < 0)
		return rc;
	return share_dir(c);
}

/* A name is made in two steps, the file and then the mount on it, and no
 * signal may fall between them: a file without its mount is a leftover.
 * The mount cannot be made on a hidden name and renamed into place (the
 * kernel refuses to rename a mount point: EBUSY), so the signals that end
 * a process wait until both steps are done or undone; a batch's handler
 * then stops at the next line.  Only SIGKILL can still leave a leftover,
 * which every verb names and `netns del` removes. */
static const int held_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void netns_hold_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < ARRAY_SIZE(held_signals); i++)
		sigaddset(&set, held_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

void netns_release_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* A failed add or attach leaves no file behind. */
int netns_bind_name(struct ctx *c, const char *src, const char *path)
{
	int rc = netns_step_mount(c, src, path, "none", MS_BIND);

	if (rc < 0 && !ctx_dryrun(c))
		unlink(path);
	return rc;
}

int netns_missing_name(struct ctx *c, const struct arg *all)
{
	return err_usage(c, "missing NAME (or %s)", all->kw);
}
