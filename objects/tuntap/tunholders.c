// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The processes holding tun and tap devices open (see tunholders.h): each
 * process of this network namespace whose open files include /dev/net/tun,
 * read from /proc/PID/fdinfo (its iff: line names the device).
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"
#include "tunholders.h"

#define PIDPATH_MAX (sizeof(((struct dirent *)0)->d_name) + 16)

/* ---- the processes holding a device open -------------------------------- */

void holders_free(struct holders *h)
{
	free(h->v);
	*h = (struct holders){0};
}

static void holders_add(struct holders *h, int pid, const char *comm, const char *ifname)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].pid == pid && !strcmp(h->v[i].ifname, ifname))
			return; /* a multi_queue device: one process, many files */
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 8;
		struct holder *v = realloc(h->v, cap * sizeof(*v));
		if (!v)
			return; /* the list is a courtesy; a short one is no error */
		h->v = v;
		h->cap = cap;
	}
	h->v[h->n].pid = pid;
	snprintf(h->v[h->n].comm, sizeof(h->v[h->n].comm), "%s", comm);
	snprintf(h->v[h->n].ifname, sizeof(h->v[h->n].ifname), "%s", ifname);
	h->n++;
}

/* Read a small /proc file into buf, NUL-terminated; false when unreadable. */
static bool read_small(int dirfd, const char *path, char *buf, size_t sz)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sz - 1);
	close(fd);
	if (n < 0)
		return false;
	buf[n] = '\0';
	return true;
}

/* The tun driver names the device an open file is attached to in the file's
 * fdinfo, as a line "iff:\tNAME". */
static bool fdinfo_iff(int dirfd, const char *fd, char ifname[IFNAMSIZ])
{
	char buf[4096];
	const char *p;
	size_t len;

	if (!read_small(dirfd, fd, buf, sizeof(buf)))
		return false;
	p = strstr(buf, "\niff:\t");
	if (!p)
		return false;
	p += strlen("\niff:\t");
	len = strcspn(p, "\n");
	if (len == 0 || len >= IFNAMSIZ)
		return false;
	memcpy(ifname, p, len);
	ifname[len] = '\0';
	return true;
}

static void comm_of(int procfd, const char *pid, char comm[COMM_SZ])
{
	char path[PIDPATH_MAX];

	snprintf(path, sizeof(path), "%s/comm", pid);
	if (!read_small(procfd, path, comm, COMM_SZ))
		snprintf(comm, COMM_SZ, "?");
	comm[strcspn(comm, "\n")] = '\0';
}

/* fdinfo names the device but not its namespace, so a process counts only
 * when it lives in ours: otherwise every host process holding a "tun0" would
 * show up against this namespace's tun0. */
static bool in_our_netns(int procfd, const char *pid, const struct stat *ours)
{
	char path[PIDPATH_MAX];
	struct stat st;

	snprintf(path, sizeof(path), "%s/ns/net", pid);
	return fstatat(procfd, path, &st, 0) == 0 && st.st_ino == ours->st_ino &&
	       st.st_dev == ours->st_dev;
}

static void scan_pid(struct holders *h, int procfd, const char *pid)
{
	char path[PIDPATH_MAX], ifname[IFNAMSIZ], comm[COMM_SZ] = "";
	struct dirent *e;
	DIR *d;
	int fd;

	snprintf(path, sizeof(path), "%s/fdinfo", pid);
	fd = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !fdinfo_iff(dirfd(d), e->d_name, ifname))
			continue;
		if (!comm[0])
			comm_of(procfd, pid, comm);
		holders_add(h, atoi(pid), comm, ifname);
	}
	closedir(d);
}

/* Every process in this network namespace with a tun file open, scanned once
 * per command however many devices are shown. */
void holders_scan(struct holders *h)
{
	struct stat ours;
	struct dirent *e;
	DIR *proc = opendir("/proc");

	if (!proc)
		return;
	if (stat("/proc/self/ns/net", &ours) < 0) {
		closedir(proc);
		return;
	}
	while ((e = readdir(proc))) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		if (in_our_netns(dirfd(proc), e->d_name, &ours))
			scan_pid(h, dirfd(proc), e->d_name);
	}
	closedir(proc);
}

/* "python3(3601) cat(123)" for messages. */
void holders_format(const struct holders *h, const char *ifname, char *buf, size_t sz)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < h->n; i++) {
		int r;

		if (strcmp(h->v[i].ifname, ifname))
			continue;
		r = snprintf(buf + off, sz - off, "%s%s(%d)", off ? " " : "", h->v[i].comm,
			     h->v[i].pid);
		if (r < 0 || (size_t)r >= sz - off)
			break;
		off += (size_t)r;
	}
}

void print_holders(struct out *o, const struct holders *h, const char *ifname, bool label)
{
	bool any = false;

	out_list_open(o, "processes");
	for (size_t i = 0; i < h->n; i++) {
		if (strcmp(h->v[i].ifname, ifname))
			continue;
		if (!any && label)
			out_str(o, OUT_TEXT, NULL, " %s", "Attached to processes:");
		any = true;
		out_obj_open(o, NULL);
		out_uint(o, OUT_JSON, "pid", "", (unsigned)h->v[i].pid);
		out_str(o, OUT_ANY, "comm", " %s", h->v[i].comm);
		out_uint(o, OUT_TEXT, NULL, "(%u)", (unsigned)h->v[i].pid);
		out_obj_close(o);
	}
	out_list_close(o);
}
