// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * addr showdump and restore: a dump `addr save` wrote (or ip's), read from
 * stdin: ip's magic, then RTM_NEWADDR messages as the kernel gave them.
 * Each is checked before use: a dump is a file, and files lie.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "nl.h"
#include "out.h"

/* A dump larger than this is no dump of addresses we would restore. */
#define DUMP_MAX (64u << 20)

static int dump_read(struct ctx *c, char **buf, size_t *len)
{
	size_t cap = 0;
	char *b = NULL;
	ssize_t r;

	*len = 0;
	for (;;) {
		if (*len == cap) {
			char *nb;

			if (cap >= DUMP_MAX) {
				free(b);
				return err_fail(c, "the dump is larger than %u bytes", DUMP_MAX);
			}
			cap = cap ? cap * 2 : 65536;
			if (!(nb = realloc(b, cap))) {
				free(b);
				return -ENOMEM;
			}
			b = nb;
		}
		r = read(STDIN_FILENO, b + *len, cap - *len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(b);
			return err_errno(c, errno, "cannot read the dump");
		}
		if (r == 0)
			break;
		*len += (size_t)r;
	}
	*buf = b;
	return 0;
}

typedef int (*dump_fn)(struct ctx *c, const struct nlmsghdr *nlh);

/* Each address message of the dump on stdin, checked, to fn. */
static int dump_walk(struct ctx *c, dump_fn fn)
{
	uint32_t magic = 0;
	size_t len, off;
	char *buf = NULL;
	int rc, failed = 0;

	if ((rc = dump_read(c, &buf, &len)) < 0)
		return rc;
	if (len >= sizeof(magic))
		memcpy(&magic, buf, sizeof(magic));
	if (magic != ADDR_DUMP_MAGIC) {
		free(buf);
		if (ctx_iproute2(c))
			return err_iproute2(c, VN_EIP_FAIL, "Magic mismatch (%d elems, %x magic)",
					    len >= sizeof(magic), magic);
		return err_fail(c, "stdin is no address dump (it begins with no %#x)",
				ADDR_DUMP_MAGIC);
	}
	for (off = sizeof(magic); off < len;) {
		struct nlmsghdr nlh;
		struct nlmsghdr *copy;

		memcpy(&nlh, buf + off, len - off < sizeof(nlh) ? len - off : sizeof(nlh));
		if (len - off < sizeof(nlh) ||
		    nlh.nlmsg_len < NLMSG_LENGTH(sizeof(struct ifaddrmsg)) ||
		    nlh.nlmsg_len > len - off || nlh.nlmsg_type != RTM_NEWADDR) {
			free(buf);
			return err_fail(c, "the dump is damaged at byte %zu", off);
		}
		/* aligned, as the parser needs it */
		if (!(copy = nl_msg_dup((const struct nlmsghdr *)(buf + off)))) {
			free(buf);
			return -ENOMEM;
		}
		rc = fn(c, copy);
		free(copy);
		if (rc < 0 && rc != -VN_EREPORTED) {
			free(buf);
			return rc;
		}
		failed |= rc < 0;
		off +=
		    NLMSG_ALIGN(nlh.nlmsg_len) < len - off ? NLMSG_ALIGN(nlh.nlmsg_len) : len - off;
	}
	free(buf);
	return failed ? -VN_EREPORTED : 0;
}

/* "if3:" and the address, as ip's showdump prints it */
static int showdump_one(struct ctx *c, const struct nlmsghdr *nlh)
{
	struct addr_msg m;

	addr_msg_parse(nlh, &m);
	if (m.ifa->ifa_family != AF_INET && m.ifa->ifa_family != AF_INET6)
		return 0;
	out_obj_open(c->out, NULL);
	out_uint(c->out, OUT_ANY, "ifindex", "if%u:", m.ifa->ifa_index);
	out_nl(c->out);
	out_list_open(c->out, "addr_info");
	addr_print(c, &m);
	out_list_close(c->out);
	out_obj_close(c->out);
	return 0;
}

int addr_showdump(struct ctx *c, const struct val *v)
{
	int rc;

	(void)v;
	out_list_open(c->out, NULL);
	rc = dump_walk(c, showdump_one);
	out_list_close(c->out);
	return rc;
}

/* The saved message sent back as a new address; a refusal is said and the
 * next one tried, as ip does. */
static int restore_one(struct ctx *c, const struct nlmsghdr *src)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
	size_t plen = src->nlmsg_len - NLMSG_HDRLEN;
	int rc;

	if (NLMSG_HDRLEN + NLMSG_ALIGN(plen) > sizeof(buf))
		return err_fail(c, "an address of the dump is too large");
	memcpy(mnl_nlmsg_put_extra_header(nlh, plen), mnl_nlmsg_get_payload(src), plen);
	rc = nl_request(c, nlh, NULL, NULL);
	if (rc == 0)
		return 0;
	err_report(c, rc, NULL);
	return -VN_EREPORTED;
}

int addr_restore(struct ctx *c, const struct val *v)
{
	(void)v;
	return dump_walk(c, restore_one);
}
