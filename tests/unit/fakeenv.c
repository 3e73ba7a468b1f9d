// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The unit tier's vnetctl (build/unit/vnetctl): the real main() and every
 * module, with libmnl's socket calls answered by fuzz/fakemnl.c instead of
 * the kernel, so that parsing, dry run and the printers run without root
 * and without a network.
 *
 * VNETCTL_FAKE_KERNEL names a file in the fuzz corpus's form (fuzz/fake.h):
 * a batch, a NUL, then the kernel's replies as datagrams; only the replies
 * are read here.  Without it every request gets a quiet kernel's answer.
 * The calls that would reach outside netlink (namespaces, mounts, exec)
 * fail with EPERM, as in the fuzz build, so a unit test cannot change the
 * machine whatever it runs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../fuzz/fake.h"
#include "nl.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#define REFUSE(ret, name, ...)                                                                     \
	ret name(__VA_ARGS__)                                                                      \
	{                                                                                          \
		errno = EPERM;                                                                     \
		return -1;                                                                         \
	}
REFUSE(int, unshare, int flags)
REFUSE(int, mount, const char *src, const char *dst, const char *type, unsigned long flags,
       const void *data)
REFUSE(int, umount2, const char *target, int flags)
REFUSE(int, execve, const char *path, char *const argv[], char *const envp[])
REFUSE(int, execvp, const char *file, char *const argv[])
REFUSE(pid_t, fork, void)
#pragma GCC diagnostic pop

/* Entering the namespace the process is in already is a no-op (topo reads
 * "its own" namespace that way); any other is refused. */
int setns(int fd, int nstype)
{
	struct stat want, self;

	if (nstype == CLONE_NEWNET && fstat(fd, &want) == 0 &&
	    stat("/proc/self/ns/net", &self) == 0 && want.st_dev == self.st_dev &&
	    want.st_ino == self.st_ino)
		return 0;
	errno = EPERM;
	return -1;
}

static uint8_t *replies;

static void __attribute__((constructor)) fake_kernel_from_env(void)
{
	const char *path = getenv("VNETCTL_FAKE_KERNEL");
	FILE *f;
	long size;
	uint8_t *nul;

	/* the fake socket serves one thread */
	nl_stream_ahead = false;
	if (!path || !*path)
		return;
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		perror(path);
		exit(99);
	}
	replies = malloc((size_t)size + 1);
	if (!replies || fread(replies, 1, (size_t)size, f) != (size_t)size) {
		perror(path);
		exit(99);
	}
	fclose(f);
	nul = memchr(replies, 0, (size_t)size);
	if (nul)
		fake_kernel_script(nul + 1, (size_t)(replies + size - nul - 1));
}
