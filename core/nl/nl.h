/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The netlink layer: the one place that owns the rtnetlink socket, sequence
 * numbers, ACKs with extended ACK, dumps and pipelined batches.
 *
 * A message is built top-down in a caller's buffer, as in libmnl's examples:
 *
 *	char buf[NL_BUFSZ];
 *	struct nlmsghdr *nlh = nl_msg(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
 *	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
 *	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
 *	return nl_request(c, nlh, NULL, NULL);
 *
 * nl_msg() always sets NLM_F_REQUEST | NLM_F_ACK.  Sequence numbers are
 * assigned when the message is sent.
 *
 * Dry run (-N): requests that would change something are printed decoded and
 * not sent; queries (RTM_GET*) still go, since they change nothing and the
 * request printed must carry the real interface indexes.
 */
#ifndef VNETCTL_NL_H
#define VNETCTL_NL_H

#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdbool.h>
#include <stdio.h>

#include "core.h"

#define NL_BUFSZ 8192

/* Data callback: MNL_CB_OK to go on, MNL_CB_STOP to stop, MNL_CB_ERROR
 * (with errno set) to fail. */
typedef int (*nl_cb)(const struct nlmsghdr *nlh, void *data);

struct nlmsghdr *nl_msg(void *buf, uint16_t type, uint16_t flags);

/* Send one request and wait for its ACK; replies before the ACK go to cb.
 * Returns 0 or -errno; on error the kernel's extended-ACK message, when it
 * gave one, is in c->reason. */
int nl_request(struct ctx *c, struct nlmsghdr *nlh, nl_cb cb, void *data);

/* A dump (NLM_F_DUMP is added).  The whole dump is read before cb sees any
 * message; a dump interrupted by a concurrent change (NLM_F_DUMP_INTR) is
 * started again, so cb sees one consistent snapshot.  Memory grows with the
 * dump: a printer of many objects streams it instead (below). */
int nl_dump(struct ctx *c, struct nlmsghdr *nlh, nl_cb cb, void *data);

/* nl_request() and nl_dump() on a socket of another netlink protocol
 * (NETLINK_GENERIC: genl.c), in the same chain as rtnetlink's, with the same
 * sequence numbers, ACKs, extended ACK and dump snapshots.  The request is
 * sent at once, after what waits in a batch's pipe: neither dry run nor the
 * pipe knows its messages, so the caller (genl.c) decides. */
int nl_request_on(struct ctx *c, int proto, struct nlmsghdr *nlh, nl_cb cb, void *data);
int nl_dump_on(struct ctx *c, int proto, struct nlmsghdr *nlh, nl_cb cb, void *data);

/* An attribute's value, checked: false (NULL) when it is missing or too
 * short, a string when it is NUL-terminated within its length.  Every
 * printer reads the kernel's attributes through these. */
const char *nl_attr_str(const struct nlattr *a);
bool nl_attr_u8(const struct nlattr *a, uint8_t *v);
bool nl_attr_u16(const struct nlattr *a, uint16_t *v);
bool nl_attr_u32(const struct nlattr *a, uint32_t *v);

/*
 * A streamed dump: each message as it arrives, held in the receive buffer
 * (no copy), so memory stays the same whatever the dump's size.
 *
 *	struct nl_stream *s;
 *	const struct nlmsghdr *r;
 *	rc = nl_stream_open(c, nlh, &s);
 *	while (rc == 0 && (rc = nl_stream_next(s, &r)) > 0)
 *		... use r ...
 *	if (rc == 0 && nl_stream_interrupted(s)) ... the dump may be inconsistent
 *	nl_stream_close(s);
 *
 * nl_stream_next() returns 1 with the next message, 0 at the end of the
 * dump, or -errno.  A message stays valid until the next call, or, once
 * nl_stream_hold() is called, until nl_stream_release(): calls in between
 * (reading ahead, to find a device named by the held one) receive into a
 * second buffer, and their messages are valid until the next call only.
 * While the stream is open, requests and other dumps go through a second
 * socket, so what uses a message may ask the kernel things.
 *
 * A change during the dump cannot be undone by starting again, as nl_dump()
 * does, since what came before is used already: nl_stream_interrupted()
 * tells, once the end is reached, that the kernel flagged the dump
 * (NLM_F_DUMP_INTR).  Closing a stream before its end drops its socket.
 *
 * A thread receives the dump ahead while the caller walks it, so the
 * kernel's work and the caller's overlap; nl_stream_ahead false (the fuzz
 * build's fake, single-threaded socket) keeps it all in the caller.
 */
extern bool nl_stream_ahead;
struct nl_stream;
int nl_stream_open(struct ctx *c, struct nlmsghdr *nlh, struct nl_stream **s);
int nl_stream_next(struct nl_stream *s, const struct nlmsghdr **msg);
void nl_stream_hold(struct nl_stream *s);
void nl_stream_release(struct nl_stream *s);
bool nl_stream_interrupted(const struct nl_stream *s);
void nl_stream_close(struct nl_stream *s);

/*
 * The pipeline: many requests appended to one buffer and sent with one
 * sendmsg; each ACK is matched back to its request by sequence number.
 *
 *	struct nl_pipe *p = nl_pipe_new(on_error, data);
 *	for (...) {
 *		struct nlmsghdr *nlh = nl_pipe_msg(c, p, RTM_DELADDR, 0, "10.0.0.1/24");
 *		... fill it ...
 *	}
 *	rc = nl_pipe_flush(c, p, on_error, data);
 *	nl_pipe_free(p);
 *
 * nl_pipe_msg() may send what is queued already when the buffer is full.
 * on_error (may be NULL) is called for every request the kernel refused, in
 * the order sent, with its label, -errno and extended-ACK message (or NULL);
 * the one given to nl_pipe_new() serves flushes the layer makes itself.
 *
 * A batch sets c->pipe: every change a verb sends through nl_request() then
 * waits in that pipe (labelled c->label), and any query first flushes the
 * pipe, so it sees what came before.
 * nl_pipe_flush() returns 0 when every request succeeded, else the first
 * error.  In dry run the requests are printed and not sent.
 */
typedef void (*nl_pipe_err)(struct ctx *c, const char *label, int err, const char *msg, void *data);
struct nl_pipe *nl_pipe_new(nl_pipe_err on_error, void *data);
struct nlmsghdr *nl_pipe_msg(struct ctx *c, struct nl_pipe *p, uint16_t type, uint16_t flags,
			     const char *label);
int nl_pipe_flush(struct ctx *c, struct nl_pipe *p, nl_pipe_err on_error, void *data);
size_t nl_pipe_pending(const struct nl_pipe *p);
/* Let every change waiting in a batch's pipe land (errors go to the pipe's
 * handler).  A verb that acts outside netlink (ioctls, files) calls it
 * first, so it never overtakes the lines before it.  -VN_EREPORTED when a
 * plain batch's earlier line failed: the verb must stop, doing nothing. */
int nl_barrier(struct ctx *c);

/*
 * A plain batch's pipe is exact (nl_pipe_exact): the lines before a failing
 * one take effect and none after it does, as if each waited for its ACK.
 * Only changes that can be taken back are queued (see nlpipe.c); when line
 * K's fails, the changes after it are taken back and nl_pipe_failed() names
 * K, with rerun set when all was: the batch then runs K again, alone
 * (nl_pipe_line), for its own error.  Otherwise nl_pipe_failed_report()
 * says what the pipe saw.  nl_pipe_held() is 0 when every line so far is
 * known to have taken effect.
 */
void nl_pipe_exact(struct nl_pipe *p);
void nl_pipe_line(struct nl_pipe *p, int line, bool alone);
size_t nl_pipe_held(const struct nl_pipe *p);
int nl_pipe_failed(const struct nl_pipe *p, bool *rerun);
void nl_pipe_failed_report(struct ctx *c, struct nl_pipe *p);
void nl_pipe_failed_clear(struct nl_pipe *p);
void nl_pipe_free(struct nl_pipe *p);

/*
 * Notifications: a socket of its own, bound to rtnetlink multicast groups
 * (RTNLGRP_*), and with all_nsid the events of every namespace the current
 * one has an nsid for (NETLINK_LISTEN_ALL_NSID).
 *
 *	struct nl_listen *l;
 *	rc = nl_listen_open(c, groups, n, false, &l);
 *	while (rc == 0 && (rc = nl_listen_next(c, l, cb, data)) > 0)
 *		;
 *	nl_listen_close(l);
 *
 * nl_listen_next() waits for one datagram and calls cb for each message in
 * it with the nsid it came from (-1: the socket's own namespace).  It returns
 * 1 when it read one, 0 when a signal interrupted the wait (a handler
 * vnetctl installed: the user asked it to end), -ENOBUFS when the kernel
 * dropped events (the socket stays usable), or another -errno (reason set);
 * a negative value cb returns ends it too.
 */
struct nl_listen;
typedef int (*nl_event_cb)(const struct nlmsghdr *nlh, int nsid, void *data);
int nl_listen_open(struct ctx *c, const unsigned *groups, size_t n, bool all_nsid,
		   struct nl_listen **l);
int nl_listen_next(struct ctx *c, struct nl_listen *l, nl_event_cb cb, void *data);
void nl_listen_close(struct nl_listen *l);
/* Its descriptor, for poll(): readable when nl_listen_next() will not wait. */
int nl_listen_fd(const struct nl_listen *l);

void nl_close(struct ctx *c);

/* -echo (CTX_ECHO): a change is sent with NLM_F_ECHO, and each message the
 * kernel echoes is given to fn once the change succeeded.  The module that
 * prints events registers it; without one, -echo prints nothing. */
typedef void (*nl_echo_fn)(struct ctx *c, const struct nlmsghdr *nlh);
void nl_echo_register(nl_echo_fn fn);

/* How dry run prints an attribute: its kernel name and the shape of its
 * value.  Modules give one table for their kind's IFLA_INFO_DATA (struct
 * link_kind's data_names), indexed by attribute type:
 *	static const struct nl_attr_name br_names[IFLA_BR_MAX + 1] = {
 *		NL_ATTR(IFLA_BR_STP_STATE, NL_U32), ...
 *	};
 */
enum nl_shape {
	NL_BIN, /* bytes in hex */
	NL_STR, /* a string */
	NL_U8,
	NL_U16,
	NL_U32,
	NL_BE16,     /* network byte order: ports */
	NL_BE32,     /* network byte order: keys */
	NL_MAC,	     /* a link-layer address */
	NL_IP,	     /* IPv4 or IPv6, by its length */
	NL_FLAG,     /* present or not */
	NL_NEST,     /* nested attributes */
	NL_IFINFO,   /* a struct ifinfomsg and link attributes (veth's peer) */
	NL_SECRET,   /* a key: its length only, never its bytes */
	NL_SOCKADDR, /* a struct sockaddr_in or _in6: ADDR:PORT */
	NL_BASE64,   /* bytes in base64: a public key, as wg writes it */
};
struct nl_attr_name {
	const char *name;
	enum nl_shape shape;
};
#define NL_ATTR(x, s) [x] = {#x, s}
/* A message's attribute names, and how to read those nested in them; a
 * list's attributes are its elements (numbered, not named), each nested
 * and read with .nest (generic netlink's arrays: wireguard's peers). */
struct nl_attr_set {
	const struct nl_attr_name *names;
	int max;
	const struct nl_attr_set *nest;
	bool list;
	/* the set of each nested attribute by type (max + 1 of them), where
	 * they differ (macsec's SA and RX SC configs); NULL: .nest for all */
	const struct nl_attr_set *const *nests;
};

/* A reply kept past its callback (a dump's messages are gone once
 * nl_dump() returns): NLMSG_ALIGN(nlmsg_len) bytes with the padding zeroed,
 * since libmnl walks attributes up to the aligned end.  NULL when out of
 * memory.  Every reply a callback sees was checked: its length holds the
 * fixed header its type needs. */
struct nlmsghdr *nl_msg_dup(const struct nlmsghdr *nlh);
/* Replies kept past their dump, copied, in order; nl_msgs_free() when done. */
struct nl_msgs {
	struct nlmsghdr **v;
	size_t n, cap;
};
/* 0, or -ENOMEM (nothing kept). */
int nl_msgs_keep(struct nl_msgs *l, const struct nlmsghdr *nlh);
void nl_msgs_free(struct nl_msgs *l);

/* Parse a message's attributes after a fixed header of hdrlen bytes into
 * tb[0..max]; tb must have max+1 slots. */
void nl_parse(const struct nlmsghdr *nlh, size_t hdrlen, const struct nlattr **tb, int max);
/* The same for a nested attribute. */
void nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb, int max);

#endif
