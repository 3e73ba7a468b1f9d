// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo: one topology run at a time.  up and down hold the lock alone;
 * plan, diff, save and a dry run (-N) share it, so they never read a lab
 * half made or half deleted, and never wait for each other.
 *
 * The lock is flock(2) on the directory of named namespaces itself,
 * /run/netns: what a run makes, reads and deletes wholesale are the names
 * there, so the lock's scope is theirs.  Runs that see the same names (the
 * same /run/netns, in whatever mount namespace) take turns; runs that see
 * different ones (a private tmpfs on /run/netns, as tests/run mounts for
 * each suite) cannot touch each other's names and do not wait for each
 * other.  No file is added among the names (ip netns list would show it),
 * and the kernel drops the lock when its holder ends, however it ends.
 * A run waiting says for whom, once, from /proc/locks (the holder's pid
 * and command line), and gives up after a time (wait SECONDS).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "netnsutil.h"
#include "topo_state.h"

/* How often a waiting run tries again: flock() cannot be waited on with a
 * timeout, and a signal's handler must be able to end the wait. */
#define LOCK_POLL_NS (20 * 1000 * 1000)

/* The command line of process pid, its words joined by spaces, in buf
 * (empty when it cannot be read). */
static void cmdline_of(int pid, char *buf, size_t sz)
{
	char path[64];
	ssize_t n = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		n = read(fd, buf, sz - 1);
		close(fd);
	}
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
}

/* Who holds the flock of the file open on fd, as /proc/locks says (the
 * pid that took each lock, in this pid namespace; waiters' lines begin
 * "->"): "pid N (COMMAND LINE)", "and K more" when several share it. */
static void holder(int fd, char *buf, size_t sz)
{
	char line[256], what[16], cmd[200];
	unsigned maj, min;
	unsigned long ino;
	int pid, first = 0, n = 0;
	struct stat st;
	FILE *f;

	snprintf(buf, sz, "another process");
	if (fstat(fd, &st) < 0 || !(f = fopen("/proc/locks", "re")))
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%*d: %15s %*s %*s %d %x:%x:%lu", what, &pid, &maj, &min, &ino) ==
			5 &&
		    !strcmp(what, "FLOCK") && maj == major(st.st_dev) && min == minor(st.st_dev) &&
		    ino == st.st_ino && pid > 0 && n++ == 0)
			first = pid;
	fclose(f);
	if (!first)
		return;
	cmdline_of(first, cmd, sizeof(cmd));
	snprintf(buf, sz, "pid %d%s%s%s", first, *cmd ? " (" : "", cmd, *cmd ? ")" : "");
	if (n > 1)
		snprintf(buf + strlen(buf), sz - strlen(buf), " and %d more", n - 1);
}

static double since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* /run/netns open to be locked; -ENOENT when there is none (a reader has
 * nothing to lock then; a writer makes it, as netns add would). */
static int lock_dir(bool exclusive)
{
	int fd = open(netns_dir(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT && exclusive && mkdir(netns_dir(), 0755) < 0 &&
	    errno != EEXIST)
		return -errno;
	if (fd < 0 && errno == ENOENT && exclusive)
		fd = open(netns_dir(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

int topo_lock(struct run *r, bool exclusive, unsigned wait_s, volatile sig_atomic_t *stop)
{
	const struct timespec poll = {.tv_nsec = LOCK_POLL_NS};
	char who[320], prefix[600], waited[32];
	struct timespec t0;
	bool said = false;
	int fd = lock_dir(exclusive);

	r->lock = -1;
	if (fd == -ENOENT)
		return 0;
	if (fd < 0)
		return err_errno(r->c, -fd, "opening %s, the lock of topology runs", netns_dir());
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) < 0) {
		int err = errno;
		if (err != EWOULDBLOCK && err != EINTR) {
			close(fd);
			return err_errno(r->c, err, "locking %s", netns_dir());
		}
		if (*stop) {
			close(fd);
			return -EINTR;
		}
		if (said && since(&t0) < wait_s) {
			nanosleep(&poll, NULL);
			continue;
		}
		holder(fd, who, sizeof(who));
		topo_run_place(r, prefix, sizeof(prefix), 0, ": ");
		if (since(&t0) >= wait_s) {
			close(fd);
			snprintf(waited, sizeof(waited), " after %u s", wait_s);
			err_line("%s%s, the lock of topology runs, is %sheld by %s%s (wait SECONDS "
				 "waits %s)",
				 prefix, netns_dir(), wait_s ? "still " : "", who,
				 wait_s ? waited : "", wait_s ? "longer" : "for it");
			return -VN_EREPORTED;
		}
		err_line("%swaiting up to %u s for %s, the lock of topology runs, held by %s",
			 prefix, wait_s, netns_dir(), who);
		said = true;
		nanosleep(&poll, NULL);
	}
	r->lock = fd;
	return 0;
}

void topo_unlock(struct run *r)
{
	if (r->lock >= 0)
		close(r->lock); /* the lock goes with the last fd of its file */
	r->lock = -1;
}
