// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The netlink layer on libmnl: the sockets, sequence numbers, ACKs with
 * extended ACK, one request and one dump sent at once.  What a verb calls
 * (nl_request, nl_dump) is nlpipe.c's front door, which may queue a change
 * in a batch's pipe first.  See nl.h for the interface.
 */
#include <errno.h>
#include <limits.h>
#include <linux/genetlink.h>
#include <linux/if_addr.h>
#include <linux/if_bridge.h>
#include <linux/neighbour.h>
#include <linux/netconf.h>
#include <linux/nexthop.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "nl.h"
#include "nlsock.h"

#define DUMP_RETRIES 10
static void setopt(struct mnl_socket *sk, int opt)
{
	int one = 1;

	/* Older kernels lack some; every one only improves what we get. */
	mnl_socket_setsockopt(sk, opt, &one, sizeof(one));
}

int nl_get(struct ctx *c, struct nl **out)
{
	return nl_get_proto(c, NETLINK_ROUTE, out);
}

/* The first socket of the protocol no streamed dump holds; a new one joins
 * the chain's end. */
int nl_get_proto(struct ctx *c, int proto, struct nl **out)
{
	struct nl **slot = &c->nl, *nl;
	/* -rcvbuf: the user's size, as ip sets it (SO_RCVBUF) */
	int rcvbuf = c->rcvbuf && c->rcvbuf <= INT_MAX ? (int)c->rcvbuf : 4 << 20;

	while (*slot && ((*slot)->busy || (*slot)->proto != proto))
		slot = &(*slot)->side;
	if ((nl = *slot)) {
		*out = nl;
		return 0;
	}
	nl = calloc(1, sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	nl->proto = proto;
	nl->rbuf = malloc(RECV_BUFSZ);
	nl->sk = mnl_socket_open(proto);
	if (!nl->rbuf || !nl->sk || mnl_socket_bind(nl->sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = errno ? errno : ENOMEM;
		if (nl->sk)
			mnl_socket_close(nl->sk);
		free(nl->rbuf);
		free(nl);
		return err_errno(c, err, "cannot open the %s socket",
				 proto == NETLINK_ROUTE ? "rtnetlink" : "generic netlink");
	}
	setopt(nl->sk, NETLINK_EXT_ACK);
	setopt(nl->sk, NETLINK_CAP_ACK);
	setopt(nl->sk, NETLINK_GET_STRICT_CHK);
	/* many ACKs of a pipelined batch may wait on the socket at once */
	if (c->rcvbuf || setsockopt(mnl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
				    sizeof(rcvbuf)) < 0)
		setsockopt(mnl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVBUF, &rcvbuf,
			   sizeof(rcvbuf));
	nl->portid = mnl_socket_get_portid(nl->sk);
	nl->seq = (uint32_t)time(NULL);
	*slot = nl;
	*out = nl;
	return 0;
}

static void nl_free(struct nl *nl)
{
	mnl_socket_close(nl->sk);
	free(nl->rbuf);
	free(nl);
}

/* A socket whose dump was left unread: closing it is cheaper than reading
 * the rest, and the kernel drops the dump with it. */
void nl_drop(struct ctx *c, struct nl *nl)
{
	for (struct nl **slot = &c->nl; *slot; slot = &(*slot)->side) {
		if (*slot == nl) {
			*slot = nl->side;
			nl_free(nl);
			return;
		}
	}
}

void nl_close(struct ctx *c)
{
	while (c->nl) {
		struct nl *side = c->nl->side;
		nl_free(c->nl);
		c->nl = side;
	}
}

struct nlmsghdr *nl_msg(void *buf, uint16_t type, uint16_t flags)
{
	struct nlmsghdr *nlh;

	memset(buf, 0, NL_BUFSZ);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	return nlh;
}

const char *nl_attr_str(const struct nlattr *a)
{
	if (!a || mnl_attr_validate(a, MNL_TYPE_NUL_STRING) < 0)
		return NULL;
	return mnl_attr_get_str(a);
}

bool nl_attr_u8(const struct nlattr *a, uint8_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < sizeof(*v))
		return false;
	*v = mnl_attr_get_u8(a);
	return true;
}

bool nl_attr_u16(const struct nlattr *a, uint16_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < sizeof(*v))
		return false;
	*v = mnl_attr_get_u16(a);
	return true;
}

bool nl_attr_u32(const struct nlattr *a, uint32_t *v)
{
	if (!a || mnl_attr_get_payload_len(a) < sizeof(*v))
		return false;
	*v = mnl_attr_get_u32(a);
	return true;
}

/* Queries change nothing: they are sent even in dry run. */
bool nl_is_query(const struct nlmsghdr *nlh)
{
	return nlh->nlmsg_type >= RTM_BASE && (nlh->nlmsg_type & 3) == 2;
}

/* ---- parsing ------------------------------------------------------------ */

struct parse_tb {
	const struct nlattr **tb;
	int max;
};

static int parse_cb(const struct nlattr *a, void *data)
{
	struct parse_tb *p = data;
	int type = mnl_attr_get_type(a);

	if (type <= p->max)
		p->tb[type] = a;
	return MNL_CB_OK;
}

void nl_parse(const struct nlmsghdr *nlh, size_t hdrlen, const struct nlattr **tb, int max)
{
	struct parse_tb p = {tb, max};

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	mnl_attr_parse(nlh, (unsigned)hdrlen, parse_cb, &p);
}

void nl_parse_nested(const struct nlattr *nest, const struct nlattr **tb, int max)
{
	struct parse_tb p = {tb, max};

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	if (nest)
		mnl_attr_parse_nested(nest, parse_cb, &p);
}

/* ---- every reply, checked in one place ------------------------------------ */

/* The fixed header a message of each rtnetlink family carries before its
 * attributes (a generic family's: its genlmsghdr); 0 for the types nothing
 * here reads. */
static size_t family_hdr_len(int proto, uint16_t type)
{
	static const size_t len[RTM_NR_FAMILIES] = {
	    [RTM_FAM(RTM_NEWLINK)] = sizeof(struct ifinfomsg),
	    [RTM_FAM(RTM_NEWADDR)] = sizeof(struct ifaddrmsg),
	    [RTM_FAM(RTM_NEWROUTE)] = sizeof(struct rtmsg),
	    [RTM_FAM(RTM_NEWNEIGH)] = sizeof(struct ndmsg),
	    [RTM_FAM(RTM_NEWRULE)] = sizeof(struct rtmsg), /* struct fib_rule_hdr's size */
	    [RTM_FAM(RTM_NEWQDISC)] = sizeof(struct tcmsg),
	    [RTM_FAM(RTM_NEWTCLASS)] = sizeof(struct tcmsg),
	    [RTM_FAM(RTM_NEWTFILTER)] = sizeof(struct tcmsg),
	    [RTM_FAM(RTM_NEWNEIGHTBL)] = sizeof(struct ndtmsg),
	    [RTM_FAM(RTM_NEWNETCONF)] = sizeof(struct netconfmsg),
	    [RTM_FAM(RTM_NEWMDB)] = sizeof(struct br_port_msg),
	    [RTM_FAM(RTM_NEWNSID)] = sizeof(struct rtgenmsg),
	    [RTM_FAM(RTM_NEWNEXTHOP)] = sizeof(struct nhmsg),
	    [RTM_FAM(RTM_NEWVLAN)] = sizeof(struct br_vlan_msg),
	};

	if (type == NLMSG_ERROR)
		return sizeof(struct nlmsgerr);
	if (proto == NETLINK_GENERIC)
		return type >= NLMSG_MIN_TYPE ? GENL_HDRLEN : 0;
	if (type < RTM_BASE || RTM_FAM(type) >= RTM_NR_FAMILIES)
		return 0;
	return len[RTM_FAM(type)];
}

int nl_malformed(struct ctx *c)
{
	return err_fail(c, "malformed reply from the kernel");
}

/* Where an NLMSG_ERROR's extended-ACK attributes start: after the request
 * the kernel echoes, unless it capped the echo to the header. */
static size_t ack_tlv_offset(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_flags & NLM_F_CAPPED)
		return sizeof(*e);
	return sizeof(*e) + e->msg.nlmsg_len - sizeof(struct nlmsghdr);
}

/* A reply is used only when its length holds the header its type needs,
 * and an error is one the kernel can give (-4095..0): anything else, from a
 * broken kernel or a hostile one, is refused before anyone parses it. */
static int reply_check(struct ctx *c, int proto, const struct nlmsghdr *nlh)
{
	if (mnl_nlmsg_get_payload_len(nlh) < family_hdr_len(proto, nlh->nlmsg_type))
		return nl_malformed(c);
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
		if (e->error > 0 || e->error < -4095)
			return nl_malformed(c);
		bool echoed = !(nlh->nlmsg_flags & NLM_F_CAPPED);
		/* the attributes follow the echoed request, inside the message */
		if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
		    ((echoed && e->msg.nlmsg_len < NLMSG_HDRLEN) ||
		     mnl_nlmsg_size(ack_tlv_offset(nlh)) > nlh->nlmsg_len))
			return nl_malformed(c);
	}
	if (nlh->nlmsg_type == NLMSG_DONE && mnl_nlmsg_get_payload_len(nlh) >= sizeof(int)) {
		int err;
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
		if (err < -4095)
			return nl_malformed(c);
	}
	return 0;
}

int nl_reply_check(struct ctx *c, const struct nlmsghdr *nlh)
{
	return reply_check(c, NETLINK_ROUTE, nlh);
}

/* The kernel's extended-ACK text of a checked message whose attributes
 * start off bytes into its payload, copied into msg (empty when it gave
 * none). */
static void ack_msg(const struct nlmsghdr *nlh, size_t off, char *msg, size_t msgsz)
{
	const struct nlattr *a;

	msg[0] = '\0';
	if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) && mnl_nlmsg_size(off) < nlh->nlmsg_len) {
		mnl_attr_for_each(a, nlh, off)
		{
			if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
			    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0) {
				snprintf(msg, msgsz, "%s", mnl_attr_get_str(a));
				/* the kernel's sentences end in a full stop, ours don't */
				size_t n = strlen(msg);
				while (n && (msg[n - 1] == '.' || msg[n - 1] == '\n'))
					msg[--n] = '\0';
			}
		}
	}
}

/* The error of a checked NLMSG_ERROR message (0 for an ACK), or of a
 * dump's NLMSG_DONE (a dump the kernel stopped: ip's "Dump terminated"),
 * with the kernel's extended-ACK text copied into msg. */
int nl_ack_error(const struct nlmsghdr *nlh, char *msg, size_t msgsz)
{
	if (nlh->nlmsg_type == NLMSG_DONE) {
		int err = 0;
		msg[0] = '\0';
		if (mnl_nlmsg_get_payload_len(nlh) < sizeof(err))
			return 0; /* a DONE with no status says the dump ended well */
		memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
		if (err < 0)
			ack_msg(nlh, sizeof(err), msg, msgsz);
		return err < 0 ? err : 0;
	}
	ack_msg(nlh, ack_tlv_offset(nlh), msg, msgsz);
	return ((const struct nlmsgerr *)mnl_nlmsg_get_payload(nlh))->error;
}

struct nlmsghdr *nl_msg_dup(const struct nlmsghdr *nlh)
{
	size_t n = NLMSG_ALIGN(nlh->nlmsg_len);
	char *copy = malloc(n);

	if (copy) {
		memcpy(copy, nlh, nlh->nlmsg_len);
		memset(copy + nlh->nlmsg_len, 0, n - nlh->nlmsg_len);
	}
	return (struct nlmsghdr *)copy;
}

int nl_msgs_keep(struct nl_msgs *l, const struct nlmsghdr *nlh)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct nlmsghdr **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	if (!(l->v[l->n] = nl_msg_dup(nlh)))
		return -ENOMEM;
	l->n++;
	return 0;
}

void nl_msgs_free(struct nl_msgs *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* ---- one request -------------------------------------------------------- */

int nl_send(struct nl *nl, const void *buf, size_t len)
{
	if (mnl_socket_sendto(nl->sk, buf, len) < 0)
		return -errno;
	return 0;
}

/* A reply always comes: a signal (a batch's or the shell's Ctrl-C, whose
 * handlers do not restart) must not lose the ACK of a request the kernel
 * has, or the request's fate would be unknown.  The batch stops after it. */
int nl_recv_into(struct nl *nl, char *buf, ssize_t *len)
{
	do
		*len = mnl_socket_recvfrom(nl->sk, buf, RECV_BUFSZ);
	while (*len < 0 && errno == EINTR);
	if (*len < 0)
		return errno == ENOBUFS ? -ENOBUFS : -errno;
	/* libmnl walks a message's attributes up to its aligned end */
	memset(buf + *len, 0, NLMSG_ALIGN((size_t)*len) - (size_t)*len);
	return 0;
}

static int recv_some(struct nl *nl, ssize_t *len)
{
	return nl_recv_into(nl, nl->rbuf, len);
}

/* libmnl's mnl_nlmsg_ok() compares nlmsg_len as an int: a length of 2 GiB
 * or more would pass it and take the walk far outside the buffer. */
bool nl_reply_fits(const struct nlmsghdr *r, int len)
{
	return len >= (int)NLMSG_HDRLEN && r->nlmsg_len >= NLMSG_HDRLEN &&
	       r->nlmsg_len <= (unsigned)len;
}

int nl_recv_replies(struct ctx *c, struct nl *nl, reply_fn each, void *arg)
{
	for (;;) {
		const struct nlmsghdr *r;
		ssize_t n;
		int len, rc;

		if ((rc = recv_some(nl, &n)) < 0)
			return rc;
		r = (const struct nlmsghdr *)nl->rbuf;
		for (len = (int)n; nl_reply_fits(r, len); r = mnl_nlmsg_next(r, &len)) {
			if ((rc = reply_check(c, nl->proto, r)) < 0 || (rc = each(c, r, arg)) <= 0)
				return rc;
		}
		if (len > 0) /* a message cut short, or shorter than its header */
			return nl_malformed(c);
	}
}

/* The kernel refused a request: its message is the reason, and the refusal
 * is noted for ip's wording (err_report). */
static void refused(struct ctx *c, int err, const char *msg)
{
	if (msg[0])
		snprintf(c->reason, sizeof(c->reason), "%s", msg);
	err_refused(c, err, msg, c->req_dev, 0);
}

struct request {
	uint32_t seq;
	nl_cb cb;
	void *data;
	struct nl_msgs echoed; /* -echo: what the kernel echoed, kept */
};

/* -echo's printer of an echoed message: the module that prints events
 * registers it (the netlink layer prints nothing itself). */
static nl_echo_fn echo_printer;

void nl_echo_register(nl_echo_fn fn)
{
	echo_printer = fn;
}

static int request_reply(struct ctx *c, const struct nlmsghdr *r, void *arg)
{
	struct request *q = arg;
	char msg[sizeof(c->reason)];
	int rc;

	if (r->nlmsg_seq != q->seq)
		return 1; /* a late ACK of something we gave up on */
	if (r->nlmsg_type == NLMSG_ERROR) {
		rc = nl_ack_error(r, msg, sizeof(msg));
		if (rc < 0)
			refused(c, rc, msg);
		return rc;
	}
	if (r->nlmsg_type == NLMSG_DONE)
		return 0;
	/* an echo is printed once the request is known to have succeeded */
	if (!q->cb && (c->flags & CTX_ECHO))
		return nl_msgs_keep(&q->echoed, r) < 0 ? -ENOMEM : 1;
	if (q->cb && q->cb(r, q->data) <= MNL_CB_ERROR)
		return errno ? -errno : -EIO;
	return 1;
}

int nl_request_now(struct ctx *c, int proto, struct nlmsghdr *nlh, nl_cb cb, void *data)
{
	struct request q = {.cb = cb, .data = data};
	struct nl *nl;
	int rc;

	if ((rc = nl_get_proto(c, proto, &nl)) < 0)
		return rc;
	nlh->nlmsg_seq = q.seq = ++nl->seq;
	nlh->nlmsg_pid = 0;
	/* -echo: the kernel sends the change back as it made it (ip's
	 * rtnl_echo_talk) */
	if ((c->flags & CTX_ECHO) && echo_printer && !nl_is_query(nlh))
		nlh->nlmsg_flags |= NLM_F_ECHO;
	if ((rc = nl_send(nl, nlh, nlh->nlmsg_len)) < 0)
		return rc;
	rc = nl_recv_replies(c, nl, request_reply, &q);
	for (size_t i = 0; rc == 0 && i < q.echoed.n; i++)
		echo_printer(c, q.echoed.v[i]);
	nl_msgs_free(&q.echoed);
	return rc;
}

/* ---- dumps -------------------------------------------------------------- */

struct dump {
	char *buf;
	size_t len, cap;
	uint32_t seq;
	bool intr;
};

/* Kept with its padding zeroed: libmnl reads attributes up to the aligned
 * end. */
static int dump_keep(struct dump *d, const struct nlmsghdr *r)
{
	size_t n = NLMSG_ALIGN(r->nlmsg_len);

	if (d->len + n > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 65536;
		while (cap < d->len + n)
			cap *= 2;
		char *nb = realloc(d->buf, cap);
		if (!nb)
			return -ENOMEM;
		d->buf = nb;
		d->cap = cap;
	}
	memcpy(d->buf + d->len, r, r->nlmsg_len);
	memset(d->buf + d->len + r->nlmsg_len, 0, n - r->nlmsg_len);
	d->len += n;
	return 0;
}

static int dump_reply(struct ctx *c, const struct nlmsghdr *r, void *arg)
{
	struct dump *d = arg;
	char msg[sizeof(c->reason)];
	int rc;

	if (r->nlmsg_seq != d->seq)
		return 1;
	if (r->nlmsg_flags & NLM_F_DUMP_INTR)
		d->intr = true;
	if (r->nlmsg_type == NLMSG_DONE || r->nlmsg_type == NLMSG_ERROR) {
		rc = nl_ack_error(r, msg, sizeof(msg));
		if (rc < 0)
			refused(c, rc, msg);
		/* a DONE ends the dump; an ACK inside one does not */
		return rc < 0 ? rc : r->nlmsg_type == NLMSG_ERROR;
	}
	rc = dump_keep(d, r);
	return rc < 0 ? rc : 1;
}

static int dump_once(struct ctx *c, struct nl *nl, struct nlmsghdr *nlh, struct dump *d)
{
	int rc;

	d->len = 0;
	d->intr = false;
	nlh->nlmsg_seq = d->seq = ++nl->seq;
	if ((rc = nl_send(nl, nlh, nlh->nlmsg_len)) < 0)
		return rc;
	return nl_recv_replies(c, nl, dump_reply, d);
}

int nl_dump_now(struct ctx *c, int proto, struct nlmsghdr *nlh, nl_cb cb, void *data)
{
	struct dump d = {0};
	struct nl *nl;
	int rc, tries = 0;

	if ((rc = nl_get_proto(c, proto, &nl)) < 0)
		return rc;
	nlh->nlmsg_flags = (uint16_t)((nlh->nlmsg_flags | NLM_F_DUMP) & ~NLM_F_ACK);
	do {
		rc = dump_once(c, nl, nlh, &d);
	} while (rc == 0 && d.intr && ++tries < DUMP_RETRIES);
	if (rc == 0 && d.intr)
		rc = err_fail(c, "the kernel's tables kept changing during the dump; try again");
	/* the kernel ended the dump with an error: under ip's name its line
	 * is followed by ip's "Dump terminated" (err_report) */
	if (rc < 0 && c->refused.err == -rc)
		c->refused.dump = true;
	for (size_t off = 0; rc == 0 && off < d.len;) {
		const struct nlmsghdr *r = (const struct nlmsghdr *)(d.buf + off);
		int cr = cb(r, data);
		if (cr <= MNL_CB_ERROR)
			rc = errno ? -errno : -EIO;
		else if (cr == MNL_CB_STOP)
			break;
		off += NLMSG_ALIGN(r->nlmsg_len);
	}
	/* a generic family's dump may hold secrets (wireguard's private
	 * keys): nothing of it stays in freed memory */
	if (proto == NETLINK_GENERIC) {
		if (d.buf)
			explicit_bzero(d.buf, d.cap);
		explicit_bzero(nl->rbuf, RECV_BUFSZ);
	}
	free(d.buf);
	return rc;
}
