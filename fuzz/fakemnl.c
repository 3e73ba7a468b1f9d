// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libmnl's socket calls answered from a script instead of the kernel; see
 * fake.h.  Defined in the fuzz executables, these win over libmnl's own.
 */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/if.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <string.h>
#include <sys/types.h>

#include "fake.h"

#define MAX_PENDING 512 /* more than a pipeline's chunk */

struct mnl_socket {
	bool open;
};

struct pending {
	uint32_t seq;
	uint16_t type, flags;
	char name[IFNAMSIZ];
};

static struct mnl_socket sock;
static const uint8_t *script;
static size_t script_left;
static uint32_t base_seq;
static struct pending pend[MAX_PENDING];
static size_t npend;

void fake_kernel_script(const uint8_t *data, size_t size)
{
	script = data;
	script_left = size;
	npend = 0;
	base_seq = 0;
}

struct mnl_socket *mnl_socket_open(int bus)
{
	(void)bus;
	sock.open = true;
	return &sock;
}

struct mnl_socket *mnl_socket_open2(int bus, int flags)
{
	(void)flags;
	return mnl_socket_open(bus);
}

int mnl_socket_bind(struct mnl_socket *nl, unsigned int groups, pid_t pid)
{
	(void)nl, (void)groups, (void)pid;
	return 0;
}

int mnl_socket_setsockopt(const struct mnl_socket *nl, int type, void *buf, socklen_t len)
{
	(void)nl, (void)type, (void)buf, (void)len;
	return 0;
}

int mnl_socket_get_fd(const struct mnl_socket *nl)
{
	(void)nl;
	return -1; /* setsockopt on it fails with EBADF, which nl.c tolerates */
}

unsigned int mnl_socket_get_portid(const struct mnl_socket *nl)
{
	(void)nl;
	return 4242;
}

int mnl_socket_close(struct mnl_socket *nl)
{
	nl->open = false;
	return 0;
}

/* mnl_nlmsg_ok() without its int overflow: a fuzzed length of 2 GiB or
 * more must not take the walk outside the buffer. */
static bool msg_fits(const struct nlmsghdr *nlh, int len)
{
	return len >= (int)NLMSG_HDRLEN && nlh->nlmsg_len >= NLMSG_HDRLEN &&
	       nlh->nlmsg_len <= (unsigned)len;
}

/* What a request asked about, to answer it once the script is spent. */
static void remember(const struct nlmsghdr *nlh)
{
	struct pending *p;
	struct nlattr *a;

	if (npend == MAX_PENDING)
		return;
	p = &pend[npend++];
	*p = (struct pending){
	    .seq = nlh->nlmsg_seq, .type = nlh->nlmsg_type, .flags = nlh->nlmsg_flags};
	if (nlh->nlmsg_type != RTM_GETLINK ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(struct ifinfomsg)))
		return;
	mnl_attr_for_each(a, nlh, sizeof(struct ifinfomsg))
	{
		if (mnl_attr_get_type(a) == IFLA_IFNAME &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			snprintf(p->name, sizeof(p->name), "%s", mnl_attr_get_str(a));
	}
}

ssize_t mnl_socket_sendto(const struct mnl_socket *nl, const void *req, size_t siz)
{
	const struct nlmsghdr *nlh = req;
	int len = (int)siz;

	(void)nl;
	if (msg_fits(nlh, len))
		base_seq = nlh->nlmsg_seq;
	for (; msg_fits(nlh, len); nlh = mnl_nlmsg_next(nlh, &len))
		remember(nlh);
	return (ssize_t)siz;
}

static struct nlmsghdr *put_msg(char **at, char *end, uint16_t type, uint16_t flags, uint32_t seq)
{
	struct nlmsghdr *nlh;

	if (end - *at < 256)
		return NULL;
	nlh = mnl_nlmsg_put_header(*at);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = 4242;
	return nlh;
}

/* A quiet kernel's answer to one request. */
static void answer(const struct pending *p, char **at, char *end)
{
	struct nlmsghdr *nlh;

	if (p->type == RTM_GETLINK && (nlh = put_msg(at, end, RTM_NEWLINK, 0, p->seq))) {
		struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
		ifi->ifi_index = 7;
		ifi->ifi_flags = IFF_UP;
		mnl_attr_put_strz(nlh, IFLA_IFNAME, p->name[0] ? p->name : "fuzz0");
		mnl_attr_put_u32(nlh, IFLA_MTU, 1500);
		*at += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	if (p->flags & NLM_F_DUMP) {
		if ((nlh = put_msg(at, end, NLMSG_DONE, NLM_F_MULTI, p->seq)))
			*(int *)mnl_nlmsg_put_extra_header(nlh, sizeof(int)) = 0;
		*at += nlh ? nlh->nlmsg_len : 0;
		return;
	}
	if ((nlh = put_msg(at, end, NLMSG_ERROR, NLM_F_CAPPED, p->seq))) {
		struct nlmsgerr *e = mnl_nlmsg_put_extra_header(nlh, sizeof(*e));
		e->error = 0;
		e->msg.nlmsg_type = p->type;
		e->msg.nlmsg_seq = p->seq;
		*at += NLMSG_ALIGN(nlh->nlmsg_len);
	}
}

ssize_t mnl_socket_recvfrom(const struct mnl_socket *nl, void *buf, size_t siz)
{
	char *at = buf, *end = at + siz;

	(void)nl;
	if (script_left >= 2) {
		size_t n = (size_t)script[0] | (size_t)script[1] << 8;
		struct nlmsghdr *nlh = buf;
		int len;

		script += 2;
		script_left -= 2;
		if (n > script_left)
			n = script_left;
		if (n > siz)
			n = siz;
		memcpy(buf, script, n);
		script += n;
		script_left -= n;
		for (len = (int)n; msg_fits(nlh, len); nlh = mnl_nlmsg_next(nlh, &len))
			nlh->nlmsg_seq += base_seq;
		return (ssize_t)n;
	}
	script_left = 0;
	if (npend == 0) {
		errno = EAGAIN;
		return -1;
	}
	for (size_t i = 0; i < npend; i++)
		answer(&pend[i], &at, end);
	npend = 0;
	return at - (char *)buf;
}
