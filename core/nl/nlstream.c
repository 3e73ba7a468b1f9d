// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What comes from the kernel on its own pace rather than as one answer:
 * a dump streamed as it arrives, received ahead by a thread, and the
 * notifications of a socket bound to multicast groups.  Requests, whole
 * dumps and the pipeline are nl.c's; see nl.h for the interface.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nl.h"
#include "nlsock.h"

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
 * stream is closed, which joins it.  Without a thread (it could not be
 * made, or nl_stream_ahead is off) the caller receives itself, into two
 * buffers.
 *
 * The thread runs on a stack of the stream's own, unmapped once it is
 * joined: glibc keeps a stack it made in a cache, and the thread's TLS
 * with it, which only a normal exit frees; a process that then ends by a
 * signal (monitor's Ctrl-C) would leave them behind.  A stack given to it
 * glibc frees the TLS of at the join.
 */
bool nl_stream_ahead = true;

#define STREAM_BUFS  3
#define STREAM_STACK (256 * 1024) /* receiving needs little: a guard page below */
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
	char *stack; /* its mapping, STREAM_STACK bytes */
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
		if (!nl_reply_fits(r, left))
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
		rc = nl_recv_into(s->nl, s->bufs[i], &n);
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

/* The thread's stack, its lowest page a guard; NULL when none is made. */
static char *stack_new(pthread_attr_t *attr)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	char *stack = mmap(NULL, STREAM_STACK, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);

	if (stack == MAP_FAILED)
		return NULL;
	if (mprotect(stack, page, PROT_NONE) < 0 || pthread_attr_init(attr)) {
		munmap(stack, STREAM_STACK);
		return NULL;
	}
	if (pthread_attr_setstack(attr, stack + page, STREAM_STACK - page)) {
		pthread_attr_destroy(attr);
		munmap(stack, STREAM_STACK);
		return NULL;
	}
	return stack;
}

static bool stream_start_ahead(struct nl_stream *s)
{
	pthread_attr_t attr;
	sigset_t all, old;
	int i, rc;

	if (!nl_stream_ahead)
		return false;
	for (i = 0; i < STREAM_BUFS; i++)
		if (!(s->bufs[i] = malloc(RECV_BUFSZ)))
			return false;
	s->walked = -1;
	if (!(s->stack = stack_new(&attr)))
		return false;
	if (pthread_mutex_init(&s->mu, NULL))
		goto no_mutex;
	if (pthread_cond_init(&s->cv, NULL))
		goto no_cond;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&s->tid, &attr, stream_receiver, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (rc == 0)
		return s->ahead = true;
	pthread_cond_destroy(&s->cv);
no_cond:
	pthread_mutex_destroy(&s->mu);
no_mutex:
	munmap(s->stack, STREAM_STACK);
	s->stack = NULL;
	return false;
}

int nl_stream_open(struct ctx *c, struct nlmsghdr *nlh, struct nl_stream **out)
{
	struct nl_stream *s;
	struct nl *nl;
	int rc;

	*out = NULL;
	/* a dump sees the batch lines before it */
	if ((rc = nl_barrier(c)) < 0 || (rc = nl_get(c, &nl)) < 0)
		return rc;
	if (!(s = calloc(1, sizeof(*s))))
		return -ENOMEM;
	nlh->nlmsg_flags = (uint16_t)((nlh->nlmsg_flags | NLM_F_DUMP) & ~NLM_F_ACK);
	nlh->nlmsg_seq = s->seq = ++nl->seq;
	if ((rc = nl_send(nl, nlh, nlh->nlmsg_len)) < 0) {
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
	if ((rc = nl_recv_into(s->nl, buf, &n)) < 0)
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
		if (!s->r || !nl_reply_fits(s->r, s->left)) {
			if (s->r && s->left > 0) /* a message cut short */
				return nl_malformed(c);
			if ((rc = stream_recv(s)) < 0)
				return rc;
			continue;
		}
		const struct nlmsghdr *r = s->r;
		s->r = mnl_nlmsg_next(r, &s->left);
		if ((rc = nl_reply_check(c, r)) < 0)
			return rc;
		if (r->nlmsg_seq != s->seq)
			continue; /* a late ACK of something given up on */
		if (r->nlmsg_flags & NLM_F_DUMP_INTR)
			s->intr = true;
		if (r->nlmsg_type == NLMSG_DONE)
			s->done = true;
		if (r->nlmsg_type == NLMSG_DONE || r->nlmsg_type == NLMSG_ERROR) {
			if ((rc = nl_ack_error(r, why, sizeof(why))) < 0) {
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
		munmap(s->stack, STREAM_STACK);
	}
	s->nl->busy = false;
	if (!s->done)
		nl_drop(s->c, s->nl);
	for (int i = 0; i < STREAM_BUFS; i++)
		free(s->bufs[i]);
	free(s->spare);
	free(s);
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

int nl_listen_fd(const struct nl_listen *l)
{
	return mnl_socket_get_fd(l->sk);
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
