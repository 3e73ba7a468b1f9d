/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the netlink layer's files share, and nothing outside them reads: the
 * chain of rtnetlink sockets and the one place replies are received and
 * checked (nl.c), which the streamed dumps (nlstream.c) and the pipeline
 * (nlpipe.c) receive through.
 */
#ifndef VNETCTL_NLSOCK_H
#define VNETCTL_NLSOCK_H

#include <sys/types.h>

#include "nl.h"

#define RECV_BUFSZ 65536

struct nl {
	struct mnl_socket *sk;
	int proto; /* NETLINK_ROUTE, or NETLINK_GENERIC (nl_request_on) */
	unsigned portid;
	uint32_t seq;
	char *rbuf;
	/* A dump being streamed owns the socket until it ends; what is asked
	 * meanwhile (a printer's request, a nested dump) goes to the next
	 * socket of the chain, opened when first needed. */
	bool busy;
	struct nl *side;
};

/* The first rtnetlink socket of the chain no streamed dump holds. */
int nl_get(struct ctx *c, struct nl **out);
/* The same for another netlink protocol's socket, in the same chain. */
int nl_get_proto(struct ctx *c, int proto, struct nl **out);
/* A socket whose dump was left unread, closed and taken out of the chain. */
void nl_drop(struct ctx *c, struct nl *nl);
int nl_send(struct nl *nl, const void *buf, size_t len);
/* One datagram into buf (RECV_BUFSZ), its tail up to the aligned end zeroed. */
int nl_recv_into(struct nl *nl, char *buf, ssize_t *len);
/* Whether the message at r lies whole within len bytes. */
bool nl_reply_fits(const struct nlmsghdr *r, int len);
/* A reply checked before use: 0, or the error it is (malformed, ...). */
int nl_reply_check(struct ctx *c, const struct nlmsghdr *nlh);
/* An NLMSG_ERROR's error, and its extended ACK's message in msg. */
int nl_ack_error(const struct nlmsghdr *nlh, char *msg, size_t msgsz);
/* A reply that cannot be read: said once, -EPROTO. */
int nl_malformed(struct ctx *c);
/* Whether a request only reads (RTM_GET*). */
bool nl_is_query(const struct nlmsghdr *nlh);

/* Called for each reply, checked: 1 to read on, 0 when the exchange is
 * complete, or a negative error. */
typedef int (*reply_fn)(struct ctx *c, const struct nlmsghdr *r, void *arg);
/* The one place replies are read: every request, dump and pipelined batch
 * receives through it, so every reply is checked before it is used. */
int nl_recv_replies(struct ctx *c, struct nl *nl, reply_fn each, void *arg);

/* A request sent at once on a socket of that protocol, and its answer (no
 * batch's pipe: the front door, nlpipe.c, decides). */
int nl_request_now(struct ctx *c, int proto, struct nlmsghdr *nlh, nl_cb cb, void *data);
/* A dump, read whole and walked (restarted when interrupted). */
int nl_dump_now(struct ctx *c, int proto, struct nlmsghdr *nlh, nl_cb cb, void *data);

#endif
