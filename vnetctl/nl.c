// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The netlink layer on libmnl: the socket, sequence numbers, ACKs with
 * extended ACK, dumps and the pipeline.  See nl.h for the interface.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
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

#define RECV_BUFSZ	65536
#define DUMP_RETRIES	10
#define PIPE_CHUNK_MSGS 128 /* ACKs a chunk may queue on our socket */
#define PIPE_BUFSZ	(64 * 1024)

struct nl {
	struct mnl_socket *sk;
	unsigned portid;
	uint32_t seq;
	char *rbuf;
	/* A dump being streamed owns the socket until it ends; what is asked
	 * meanwhile (a printer's request, a nested dump) goes to the next
	 * socket of the chain, opened when first needed. */
	bool busy;
	struct nl *side;
};

struct pipe_req {
	uint32_t seq;
	int err;
	char *label;
	char *msg;
	char *dev, *made; /* ctx's req_dev and req_new when it was queued */
};

struct nl_pipe {
	char *buf;
	size_t used;	       /* bytes of complete messages in buf */
	struct nlmsghdr *open; /* the message being filled, not counted yet */
	struct pipe_req *req;
	size_t nreq, capreq;
	size_t first_unsent; /* requests before it have been sent */
	int send_err;
	nl_pipe_err on_error;
	void *on_error_data;
};

static void setopt(struct mnl_socket *sk, int opt)
{
	int one = 1;

	/* Older kernels lack some; every one only improves what we get. */
	mnl_socket_setsockopt(sk, opt, &one, sizeof(one));
}

/* The first socket of the chain no streamed dump holds. */
static int nl_get(struct ctx *c, struct nl **out)
{
	struct nl **slot = &c->nl, *nl;
	int rcvbuf = 4 << 20;

	while (*slot && (*slot)->busy)
		slot = &(*slot)->side;
	if ((nl = *slot)) {
		*out = nl;
		return 0;
	}
	nl = calloc(1, sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	nl->rbuf = malloc(RECV_BUFSZ);
	nl->sk = mnl_socket_open(NETLINK_ROUTE);
	if (!nl->rbuf || !nl->sk || mnl_socket_bind(nl->sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = errno ? errno : ENOMEM;
		if (nl->sk)
			mnl_socket_close(nl->sk);
		free(nl->rbuf);
		free(nl);
		return err_errno(c, err, "cannot open the rtnetlink socket");
	}
	setopt(nl->sk, NETLINK_EXT_ACK);
	setopt(nl->sk, NETLINK_CAP_ACK);
	setopt(nl->sk, NETLINK_GET_STRICT_CHK);
	/* many ACKs of a pipelined batch may wait on the socket at once */
	if (setsockopt(mnl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf,
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
static void nl_drop(struct ctx *c, struct nl *nl)
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

/* Queries change nothing: they are sent even in dry run. */
static bool is_query(const struct nlmsghdr *nlh)
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
 * attributes; 0 for the types nothing here reads. */
static size_t family_hdr_len(uint16_t type)
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
	if (type < RTM_BASE || RTM_FAM(type) >= RTM_NR_FAMILIES)
		return 0;
	return len[RTM_FAM(type)];
}

static int malformed(struct ctx *c)
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
static int reply_check(struct ctx *c, const struct nlmsghdr *nlh)
{
	if (mnl_nlmsg_get_payload_len(nlh) < family_hdr_len(nlh->nlmsg_type))
		return malformed(c);
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
		if (e->error > 0 || e->error < -4095)
			return malformed(c);
		bool echoed = !(nlh->nlmsg_flags & NLM_F_CAPPED);
		/* the attributes follow the echoed request, inside the message */
		if ((nlh->nlmsg_flags & NLM_F_ACK_TLVS) &&
		    ((echoed && e->msg.nlmsg_len < NLMSG_HDRLEN) ||
		     mnl_nlmsg_size(ack_tlv_offset(nlh)) > nlh->nlmsg_len))
			return malformed(c);
	}
	return 0;
}

/* The error of a checked NLMSG_ERROR message (0 for an ACK), with the
 * kernel's extended-ACK text copied into msg (empty when it gave none). */
static int ack_error(const struct nlmsghdr *nlh, char *msg, size_t msgsz)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	size_t off = ack_tlv_offset(nlh);
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
	return e->error;
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

static int pipe_append(struct ctx *c, const struct nlmsghdr *nlh);

static int send_msgs(struct nl *nl, const void *buf, size_t len)
{
	if (mnl_socket_sendto(nl->sk, buf, len) < 0)
		return -errno;
	return 0;
}

/* A reply always comes: a signal (a batch's or the shell's Ctrl-C, whose
 * handlers do not restart) must not lose the ACK of a request the kernel
 * has, or the request's fate would be unknown.  The batch stops after it. */
static int recv_into(struct nl *nl, char *buf, ssize_t *len)
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
	return recv_into(nl, nl->rbuf, len);
}

/* libmnl's mnl_nlmsg_ok() compares nlmsg_len as an int: a length of 2 GiB
 * or more would pass it and take the walk far outside the buffer. */
static bool reply_fits(const struct nlmsghdr *r, int len)
{
	return len >= (int)NLMSG_HDRLEN && r->nlmsg_len >= NLMSG_HDRLEN &&
	       r->nlmsg_len <= (unsigned)len;
}

/* Called for each reply, checked: 1 to read on, 0 when the exchange is
 * complete, or a negative error. */
typedef int (*reply_fn)(struct ctx *c, const struct nlmsghdr *r, void *arg);

/* The one place replies are read: every request, dump and pipelined batch
 * receives through it, so every reply is checked before it is used. */
static int recv_replies(struct ctx *c, struct nl *nl, reply_fn each, void *arg)
{
	for (;;) {
		const struct nlmsghdr *r;
		ssize_t n;
		int len, rc;

		if ((rc = recv_some(nl, &n)) < 0)
			return rc;
		r = (const struct nlmsghdr *)nl->rbuf;
		for (len = (int)n; reply_fits(r, len); r = mnl_nlmsg_next(r, &len)) {
			if ((rc = reply_check(c, r)) < 0 || (rc = each(c, r, arg)) <= 0)
				return rc;
		}
		if (len > 0) /* a message cut short, or shorter than its header */
			return malformed(c);
	}
}

struct request {
	uint32_t seq;
	nl_cb cb;
	void *data;
};

static int request_reply(struct ctx *c, const struct nlmsghdr *r, void *arg)
{
	struct request *q = arg;
	char msg[sizeof(c->reason)];
	int rc;

	if (r->nlmsg_seq != q->seq)
		return 1; /* a late ACK of something we gave up on */
	if (r->nlmsg_type == NLMSG_ERROR) {
		rc = ack_error(r, msg, sizeof(msg));
		if (rc < 0 && msg[0])
			snprintf(c->reason, sizeof(c->reason), "%s", msg);
		return rc;
	}
	if (r->nlmsg_type == NLMSG_DONE)
		return 0;
	if (q->cb && q->cb(r, q->data) <= MNL_CB_ERROR)
		return errno ? -errno : -EIO;
	return 1;
}

int nl_request(struct ctx *c, struct nlmsghdr *nlh, nl_cb cb, void *data)
{
	struct request q = {.cb = cb, .data = data};
	struct nl *nl;
	int rc;

	if (ctx_dryrun(c) && !is_query(nlh)) {
		if (c->dryrun)
			c->dryrun(nlh);
		return 0;
	}
	if (c->pipe) {
		/* In a pipelined batch a change waits in the pipe; a query
		 * first lets what waits land, so it sees it. */
		if (!is_query(nlh) && !cb)
			return pipe_append(c, nlh);
		nl_barrier(c);
	}
	if ((rc = nl_get(c, &nl)) < 0)
		return rc;
	nlh->nlmsg_seq = q.seq = ++nl->seq;
	nlh->nlmsg_pid = 0;
	if ((rc = send_msgs(nl, nlh, nlh->nlmsg_len)) < 0)
		return rc;
	return recv_replies(c, nl, request_reply, &q);
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
	if (r->nlmsg_type == NLMSG_DONE)
		return 0;
	if (r->nlmsg_type == NLMSG_ERROR) {
		rc = ack_error(r, msg, sizeof(msg));
		if (rc < 0 && msg[0])
			snprintf(c->reason, sizeof(c->reason), "%s", msg);
		return rc < 0 ? rc : 1;
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
	if ((rc = send_msgs(nl, nlh, nlh->nlmsg_len)) < 0)
		return rc;
	return recv_replies(c, nl, dump_reply, d);
}

int nl_dump(struct ctx *c, struct nlmsghdr *nlh, nl_cb cb, void *data)
{
	struct dump d = {0};
	struct nl *nl;
	int rc, tries = 0;

	nl_barrier(c); /* a dump sees the batch lines before it */
	if ((rc = nl_get(c, &nl)) < 0)
		return rc;
	nlh->nlmsg_flags = (uint16_t)((nlh->nlmsg_flags | NLM_F_DUMP) & ~NLM_F_ACK);
	do {
		rc = dump_once(c, nl, nlh, &d);
	} while (rc == 0 && d.intr && ++tries < DUMP_RETRIES);
	if (rc == 0 && d.intr)
		rc = err_fail(c, "the kernel's tables kept changing during the dump; try again");
	for (size_t off = 0; rc == 0 && off < d.len;) {
		const struct nlmsghdr *r = (const struct nlmsghdr *)(d.buf + off);
		int cr = cb(r, data);
		if (cr <= MNL_CB_ERROR)
			rc = errno ? -errno : -EIO;
		else if (cr == MNL_CB_STOP)
			break;
		off += NLMSG_ALIGN(r->nlmsg_len);
	}
	free(d.buf);
	return rc;
}

/* ---- streamed dumps ------------------------------------------------------ */

/*
 * The kernel fills a dump's next batch only when it is asked for it, so a
 * stream read in one thread waits on the kernel and on its own printing in
 * turn.  A receiver thread asks ahead instead: it receives into a few
 * buffers while the caller walks the one it has, which takes the kernel's
 * half of a large show off the wall time on a machine with two processors.
 * Buffers go around: free, filled (in order, in a queue), walked, held.
 * The thread touches only the socket and the buffers it is given, blocks
 * every signal (the handlers run in the main thread, as before), and stops
 * after the batch that ends the dump, at a receive error, or when the
 * stream is closed.  Without a thread (it could not be made, or
 * nl_stream_ahead is off) the caller receives itself, into two buffers.
 */
bool nl_stream_ahead = true;

#define STREAM_BUFS 3
enum buf_state { BUF_FREE, BUF_FILLING, BUF_QUEUED, BUF_WALKED, BUF_HELD };

struct nl_stream {
	struct ctx *c;
	struct nl *nl;
	uint32_t seq;
	char *buf;   /* the buffer of the batch being walked */
	char *spare; /* without a thread: the other one, for receiving while held */
	char *held;  /* the buffer nothing may be received into, or NULL */
	const struct nlmsghdr *r;
	int left;
	bool done, intr;
	/* with the receiver thread: all below under mu */
	bool ahead;
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *bufs[STREAM_BUFS];
	ssize_t len[STREAM_BUFS];
	enum buf_state state[STREAM_BUFS];
	int queue[STREAM_BUFS], qhead, qn; /* filled, in the order received */
	int walked;			   /* the index of buf, or -1 */
	bool stop, ended;		   /* asked to stop; the thread is done */
	int err;			   /* the thread's receive error */
};

/* Whether a received batch ends the dump for seq (or cannot be read on). */
static bool batch_ends(uint32_t seq, const char *buf, ssize_t n)
{
	int left = (int)n;

	for (const struct nlmsghdr *r = (const struct nlmsghdr *)buf; left > 0;
	     r = mnl_nlmsg_next(r, &left)) {
		if (!reply_fits(r, left))
			return true;
		if (r->nlmsg_seq == seq &&
		    (r->nlmsg_type == NLMSG_DONE || r->nlmsg_type == NLMSG_ERROR))
			return true;
	}
	return false;
}

static void *stream_receiver(void *arg)
{
	struct nl_stream *s = arg;

	pthread_mutex_lock(&s->mu);
	while (!s->stop) {
		int i, rc;
		ssize_t n = 0;
		bool end;

		for (i = 0; i < STREAM_BUFS && s->state[i] != BUF_FREE; i++)
			;
		if (i == STREAM_BUFS) {
			pthread_cond_wait(&s->cv, &s->mu);
			continue;
		}
		s->state[i] = BUF_FILLING;
		pthread_mutex_unlock(&s->mu);
		rc = recv_into(s->nl, s->bufs[i], &n);
		end = rc < 0 || batch_ends(s->seq, s->bufs[i], n);
		pthread_mutex_lock(&s->mu);
		if (rc < 0) {
			s->state[i] = BUF_FREE;
			s->err = rc;
		} else {
			s->len[i] = n;
			s->state[i] = BUF_QUEUED;
			s->queue[(s->qhead + s->qn++) % STREAM_BUFS] = i;
		}
		pthread_cond_broadcast(&s->cv);
		if (end)
			break;
	}
	s->ended = true;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

static bool stream_start_ahead(struct nl_stream *s)
{
	sigset_t all, old;
	int i, rc;

	if (!nl_stream_ahead)
		return false;
	for (i = 0; i < STREAM_BUFS; i++)
		if (!(s->bufs[i] = malloc(RECV_BUFSZ)))
			return false;
	s->walked = -1;
	if (pthread_mutex_init(&s->mu, NULL))
		return false;
	if (pthread_cond_init(&s->cv, NULL)) {
		pthread_mutex_destroy(&s->mu);
		return false;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&s->tid, NULL, stream_receiver, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		pthread_cond_destroy(&s->cv);
		pthread_mutex_destroy(&s->mu);
		return false;
	}
	return s->ahead = true;
}

int nl_stream_open(struct ctx *c, struct nlmsghdr *nlh, struct nl_stream **out)
{
	struct nl_stream *s;
	struct nl *nl;
	int rc;

	*out = NULL;
	nl_barrier(c); /* a dump sees the batch lines before it */
	if ((rc = nl_get(c, &nl)) < 0)
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return -ENOMEM;
	nlh->nlmsg_flags = (uint16_t)((nlh->nlmsg_flags | NLM_F_DUMP) & ~NLM_F_ACK);
	nlh->nlmsg_seq = s->seq = ++nl->seq;
	if ((rc = send_msgs(nl, nlh, nlh->nlmsg_len)) < 0) {
		free(s);
		return rc;
	}
	s->c = c;
	s->nl = nl;
	s->buf = nl->rbuf;
	nl->busy = true;
	if (!stream_start_ahead(s))
		for (int i = 0; i < STREAM_BUFS; i++) {
			free(s->bufs[i]);
			s->bufs[i] = NULL;
		}
	*out = s;
	return 0;
}

/* The next batch from the receiver thread; the one walked so far is
 * given back unless it is held. */
static int stream_take(struct nl_stream *s)
{
	int i, rc = 0;

	pthread_mutex_lock(&s->mu);
	if (s->walked >= 0 && s->state[s->walked] == BUF_WALKED) {
		s->state[s->walked] = BUF_FREE;
		pthread_cond_broadcast(&s->cv);
	}
	s->walked = -1;
	while (!s->qn && !s->ended)
		pthread_cond_wait(&s->cv, &s->mu);
	if (s->qn) {
		i = s->queue[s->qhead];
		s->qhead = (s->qhead + 1) % STREAM_BUFS;
		s->qn--;
		s->state[i] = BUF_WALKED;
		s->walked = i;
		s->buf = s->bufs[i];
		s->r = (const struct nlmsghdr *)s->buf;
		s->left = (int)s->len[i];
	} else {
		/* the thread ended before the dump did: its receive failed */
		rc = s->err ? s->err : -EPROTO;
	}
	pthread_mutex_unlock(&s->mu);
	return rc;
}

/* Receive the next batch, never into the held buffer. */
static int stream_recv(struct nl_stream *s)
{
	char *buf = s->buf;
	ssize_t n;
	int rc;

	if (s->ahead)
		return stream_take(s);
	if (buf == s->held) {
		buf = buf == s->nl->rbuf ? s->spare : s->nl->rbuf;
		if (!buf && !(buf = s->spare = malloc(RECV_BUFSZ)))
			return -ENOMEM;
	}
	if ((rc = recv_into(s->nl, buf, &n)) < 0)
		return rc;
	s->buf = buf;
	s->r = (const struct nlmsghdr *)buf;
	s->left = (int)n;
	return 0;
}

int nl_stream_next(struct nl_stream *s, const struct nlmsghdr **msg)
{
	struct ctx *c = s->c;
	char why[sizeof(c->reason)];
	int rc;

	while (!s->done) {
		if (!s->r || !reply_fits(s->r, s->left)) {
			if (s->r && s->left > 0) /* a message cut short */
				return malformed(c);
			if ((rc = stream_recv(s)) < 0)
				return rc;
			continue;
		}
		const struct nlmsghdr *r = s->r;
		s->r = mnl_nlmsg_next(r, &s->left);
		if ((rc = reply_check(c, r)) < 0)
			return rc;
		if (r->nlmsg_seq != s->seq)
			continue; /* a late ACK of something given up on */
		if (r->nlmsg_flags & NLM_F_DUMP_INTR)
			s->intr = true;
		if (r->nlmsg_type == NLMSG_DONE) {
			s->done = true;
			break;
		}
		if (r->nlmsg_type == NLMSG_ERROR) {
			if ((rc = ack_error(r, why, sizeof(why))) < 0) {
				if (why[0])
					snprintf(c->reason, sizeof(c->reason), "%s", why);
				return rc;
			}
			continue;
		}
		*msg = r;
		return 1;
	}
	return 0;
}

void nl_stream_hold(struct nl_stream *s)
{
	s->held = s->buf;
	if (s->ahead) {
		pthread_mutex_lock(&s->mu);
		if (s->walked >= 0)
			s->state[s->walked] = BUF_HELD;
		pthread_mutex_unlock(&s->mu);
	}
}

void nl_stream_release(struct nl_stream *s)
{
	s->held = NULL;
	if (!s->ahead)
		return;
	pthread_mutex_lock(&s->mu);
	for (int i = 0; i < STREAM_BUFS; i++)
		if (s->state[i] == BUF_HELD) {
			s->state[i] = i == s->walked ? BUF_WALKED : BUF_FREE;
			pthread_cond_broadcast(&s->cv);
		}
	pthread_mutex_unlock(&s->mu);
}

bool nl_stream_interrupted(const struct nl_stream *s)
{
	return s->intr;
}

void nl_stream_close(struct nl_stream *s)
{
	if (!s)
		return;
	if (s->ahead) {
		pthread_mutex_lock(&s->mu);
		s->stop = true;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->tid, NULL);
		pthread_cond_destroy(&s->cv);
		pthread_mutex_destroy(&s->mu);
	}
	s->nl->busy = false;
	if (!s->done)
		nl_drop(s->c, s->nl);
	for (int i = 0; i < STREAM_BUFS; i++)
		free(s->bufs[i]);
	free(s->spare);
	free(s);
}

/* ---- the pipeline ------------------------------------------------------- */

struct nl_pipe *nl_pipe_new(nl_pipe_err on_error, void *data)
{
	struct nl_pipe *p = calloc(1, sizeof(*p));

	if (p) {
		p->on_error = on_error;
		p->on_error_data = data;
	}

	if (p && !(p->buf = malloc(PIPE_BUFSZ))) {
		free(p);
		return NULL;
	}
	return p;
}

void nl_pipe_free(struct nl_pipe *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nreq; i++) {
		free(p->req[i].label);
		free(p->req[i].msg);
		free(p->req[i].dev);
		free(p->req[i].made);
	}
	free(p->req);
	free(p->buf);
	free(p);
}

size_t nl_pipe_pending(const struct nl_pipe *p)
{
	return p->nreq - p->first_unsent;
}

static void pipe_close_open(struct nl_pipe *p)
{
	if (p->open) {
		p->used += NLMSG_ALIGN(p->open->nlmsg_len);
		p->open = NULL;
	}
}

struct pipe_acks {
	struct nl_pipe *p;
	size_t first, n, acked;
};

static int pipe_reply(struct ctx *c, const struct nlmsghdr *r, void *arg)
{
	struct pipe_acks *a = arg;
	char msg[sizeof(c->reason)];
	uint32_t i = r->nlmsg_seq - a->p->req[a->first].seq;

	if (r->nlmsg_type != NLMSG_ERROR || i >= a->n)
		return 1;
	struct pipe_req *q = &a->p->req[a->first + i];
	q->err = ack_error(r, msg, sizeof(msg));
	if (q->err < 0 && msg[0])
		q->msg = strdup(msg);
	return ++a->acked < a->n;
}

/* Send every queued request in one sendmsg and collect their ACKs. */
static int pipe_send(struct ctx *c, struct nl_pipe *p)
{
	size_t first = p->first_unsent, n = p->nreq - first;
	struct nl *nl;
	int rc;

	pipe_close_open(p);
	if (n == 0)
		return 0;
	if (ctx_dryrun(c)) {
		for (size_t off = 0; off < p->used;) {
			const struct nlmsghdr *m = (const struct nlmsghdr *)(p->buf + off);
			if (c->dryrun)
				c->dryrun(m);
			off += NLMSG_ALIGN(m->nlmsg_len);
		}
		goto sent;
	}
	if ((rc = nl_get(c, &nl)) < 0)
		return rc;
	for (size_t off = 0, i = first; off < p->used; i++) {
		struct nlmsghdr *m = (struct nlmsghdr *)(p->buf + off);
		m->nlmsg_seq = p->req[i].seq = ++nl->seq;
		off += NLMSG_ALIGN(m->nlmsg_len);
	}
	if ((rc = send_msgs(nl, p->buf, p->used)) < 0)
		return rc;
	/* The kernel handles the messages in order, so the ACK of the last
	 * one is the last to come. */
	struct pipe_acks acks = {p, first, n, 0};
	if ((rc = recv_replies(c, nl, pipe_reply, &acks)) < 0)
		return rc;
sent:
	p->first_unsent = p->nreq;
	p->used = 0;
	return 0;
}

struct nlmsghdr *nl_pipe_msg(struct ctx *c, struct nl_pipe *p, uint16_t type, uint16_t flags,
			     const char *label)
{
	struct nlmsghdr *nlh;

	pipe_close_open(p);
	if (PIPE_BUFSZ - p->used < NL_BUFSZ || nl_pipe_pending(p) >= PIPE_CHUNK_MSGS) {
		int rc = pipe_send(c, p);
		if (rc < 0 && !p->send_err)
			p->send_err = rc;
	}
	if (p->nreq == p->capreq) {
		size_t cap = p->capreq ? p->capreq * 2 : 64;
		struct pipe_req *nr = realloc(p->req, cap * sizeof(*nr));
		if (!nr)
			abort();
		p->req = nr;
		p->capreq = cap;
	}
	p->req[p->nreq++] = (struct pipe_req){.label = label ? strdup(label) : NULL};
	nlh = nl_msg(p->buf + p->used, type, flags);
	p->open = nlh;
	return nlh;
}

void nl_barrier(struct ctx *c)
{
	char reason[sizeof(c->reason)];

	if (!c->pipe || !nl_pipe_pending(c->pipe))
		return;
	/* the failures belong to earlier lines and are reported as theirs */
	memcpy(reason, c->reason, sizeof(reason));
	nl_pipe_flush(c, c->pipe, c->pipe->on_error, c->pipe->on_error_data);
	memcpy(c->reason, reason, sizeof(reason));
}

/* A request built for nl_request() joins the batch's pipe, labelled with
 * the batch line it came from. */
static int pipe_append(struct ctx *c, const struct nlmsghdr *nlh)
{
	struct nlmsghdr *m = nl_pipe_msg(c, c->pipe, nlh->nlmsg_type, 0, c->label);
	struct pipe_req *q = &c->pipe->req[c->pipe->nreq - 1];

	memcpy(m, nlh, nlh->nlmsg_len);
	q->dev = c->req_dev ? strdup(c->req_dev) : NULL;
	q->made = c->req_new ? strdup(c->req_new) : NULL;
	return 0;
}

int nl_pipe_flush(struct ctx *c, struct nl_pipe *p, nl_pipe_err on_error, void *data)
{
	int rc = pipe_send(c, p);
	int first = 0;

	if (rc == 0)
		rc = p->send_err;
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < p->nreq; i++) {
		struct pipe_req *q = &p->req[i];
		char why[sizeof(c->reason)];
		if (q->err >= 0)
			continue;
		/* worded as the same failure answered at once */
		if (!q->msg && err_names_explain(q->err, q->dev, q->made, why, sizeof(why))) {
			if (!(q->msg = strdup(why)))
				abort();
		}
		if (on_error)
			on_error(c, q->label, q->err, q->msg, data);
		if (!first) {
			first = q->err;
			if (q->msg)
				snprintf(c->reason, sizeof(c->reason), "%s", q->msg);
		}
	}
	for (size_t i = 0; i < p->nreq; i++) {
		free(p->req[i].label);
		free(p->req[i].msg);
		free(p->req[i].dev);
		free(p->req[i].made);
	}
	p->nreq = p->first_unsent = 0;
	return first;
}

/* ---- namespaces' fds a request refers to ---------------------------------- */

int ctx_hold_fd(struct ctx *c, int fd)
{
	if (c->nheld == ARRAY_SIZE(c->held_fds)) {
		close(fd);
		return err_errno(c, EMFILE, "too many namespaces in one request");
	}
	c->held_fds[c->nheld++] = fd;
	return 0;
}

void ctx_release_fds(struct ctx *c)
{
	if (!c->nheld)
		return;
	/* In a --force batch the request was only queued: the kernel must
	 * have read the namespaces' fds before they are closed. */
	nl_barrier(c);
	while (c->nheld)
		close(c->held_fds[--c->nheld]);
}

/* ---- notifications: a socket bound to multicast groups ------------------ */

struct nl_listen {
	struct mnl_socket *sk;
	char *buf;
};

int nl_listen_open(struct ctx *c, const unsigned *groups, size_t n, bool all_nsid,
		   struct nl_listen **out)
{
	struct nl_listen *l = calloc(1, sizeof(*l));
	int rcvbuf = 4 << 20, one = 1, fd;

	if (!l)
		return -ENOMEM;
	l->buf = malloc(RECV_BUFSZ);
	l->sk = mnl_socket_open(NETLINK_ROUTE);
	if (!l->buf || !l->sk || mnl_socket_bind(l->sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		int err = errno ? errno : ENOMEM;
		nl_listen_close(l);
		return err_errno(c, err, "cannot open the rtnetlink socket");
	}
	fd = mnl_socket_get_fd(l->sk);
	/* a burst of events (a namespace's devices going at once) must fit */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	for (size_t i = 0; i < n; i++) {
		unsigned group = groups[i];
		if (mnl_socket_setsockopt(l->sk, NETLINK_ADD_MEMBERSHIP, &group, sizeof(group)) <
		    0) {
			int err = errno;
			nl_listen_close(l);
			return err_errno(c, err, "joining rtnetlink group %u", groups[i]);
		}
	}
	if (all_nsid &&
	    mnl_socket_setsockopt(l->sk, NETLINK_LISTEN_ALL_NSID, &one, sizeof(one)) < 0) {
		int err = errno;
		nl_listen_close(l);
		return err_errno(c, err,
				 "listening to every namespace's events (NETLINK_LISTEN_ALL_NSID)");
	}
	*out = l;
	return 0;
}

/* The nsid a notification came from, in its control message; -1 for the
 * socket's own namespace (the kernel adds none then). */
static int msg_nsid(struct msghdr *mh)
{
	for (struct cmsghdr *cm = CMSG_FIRSTHDR(mh); cm; cm = CMSG_NXTHDR(mh, cm)) {
		int nsid;

		if (cm->cmsg_level != SOL_NETLINK || cm->cmsg_type != NETLINK_LISTEN_ALL_NSID ||
		    cm->cmsg_len < CMSG_LEN(sizeof(nsid)))
			continue;
		memcpy(&nsid, CMSG_DATA(cm), sizeof(nsid));
		return nsid;
	}
	return -1;
}

int nl_listen_next(struct ctx *c, struct nl_listen *l, nl_event_cb cb, void *data)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct sockaddr_nl sa;
	struct iovec iov = {.iov_base = l->buf, .iov_len = RECV_BUFSZ};
	struct msghdr mh = {.msg_name = &sa,
			    .msg_namelen = sizeof(sa),
			    .msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf)};
	const struct nlmsghdr *nlh;
	ssize_t got;
	int len, nsid, rc;

	got = recvmsg(mnl_socket_get_fd(l->sk), &mh, 0);
	if (got < 0 && errno == EINTR)
		return 0;
	if (got < 0 && errno == ENOBUFS)
		return -ENOBUFS; /* the kernel dropped events; the socket goes on */
	if (got < 0)
		return err_errno(c, errno, "reading rtnetlink events");
	len = (int)got;
	/* only the kernel speaks on these groups */
	if (mh.msg_namelen != sizeof(sa) || sa.nl_pid != 0)
		return 1;
	nsid = msg_nsid(&mh);
	for (nlh = (const struct nlmsghdr *)l->buf; mnl_nlmsg_ok(nlh, len);
	     nlh = mnl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
			continue;
		if ((rc = cb(nlh, nsid, data)) < 0)
			return rc;
	}
	return 1;
}

void nl_listen_close(struct nl_listen *l)
{
	if (!l)
		return;
	if (l->sk)
		mnl_socket_close(l->sk);
	free(l->buf);
	free(l);
}
