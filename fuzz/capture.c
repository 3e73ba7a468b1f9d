// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The seed corpus's recorder, preloaded into the real build/vnetctl by
 * fuzz/capture: every datagram the kernel answers is appended to the file
 * $VNETCTL_CAPTURE in the script format of fake.h (16-bit little-endian
 * length, the bytes, nlmsg_seq made relative to the latest send).
 */
#include <dlfcn.h>
#include <libmnl/libmnl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t base_seq;

ssize_t mnl_socket_sendto(const struct mnl_socket *nl, const void *req, size_t siz)
{
	static ssize_t (*real)(const struct mnl_socket *, const void *, size_t);

	if (!real)
		real = (ssize_t(*)(const struct mnl_socket *, const void *, size_t))dlsym(
		    RTLD_NEXT, "mnl_socket_sendto");
	if (siz >= sizeof(struct nlmsghdr))
		base_seq = ((const struct nlmsghdr *)req)->nlmsg_seq;
	return real(nl, req, siz);
}

ssize_t mnl_socket_recvfrom(const struct mnl_socket *nl, void *buf, size_t siz)
{
	static ssize_t (*real)(const struct mnl_socket *, void *, size_t);
	const char *path = getenv("VNETCTL_CAPTURE");
	ssize_t n;

	if (!real)
		real = (ssize_t(*)(const struct mnl_socket *, void *, size_t))dlsym(
		    RTLD_NEXT, "mnl_socket_recvfrom");
	n = real(nl, buf, siz);
	if (n > 0 && n <= 0xffff && path) {
		char *copy = malloc((size_t)n);
		struct nlmsghdr *nlh = (struct nlmsghdr *)copy;
		int len = (int)n;
		FILE *f = fopen(path, "a");
		if (copy && f) {
			memcpy(copy, buf, (size_t)n);
			for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len))
				nlh->nlmsg_seq -= base_seq;
			fputc((int)(n & 0xff), f);
			fputc((int)(n >> 8), f);
			fwrite(copy, 1, (size_t)n, f);
		} else if (n > 0xffff) {
			fprintf(stderr, "capture: a %zd-byte datagram does not fit the script\n",
				n);
		}
		if (f)
			fclose(f);
		free(copy);
	}
	return n;
}
