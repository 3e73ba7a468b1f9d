// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The front door of the netlink layer (nl_request, nl_dump: a change may
 * wait in a batch's pipe, a query lets what waits land first) and the
 * pipeline: many requests in one sendmsg, their ACKs matched back by
 * sequence number; a plain batch's pipe is kept exact by taking back what
 * came after a failing line.  See nl.h for the interface.
 *
 * The kernel handles the messages of one sendmsg in order and goes on after
 * one fails.  So in a plain batch a change is queued only if it can be taken
 * back: an exclusive create (deleted again), or a change of a device's
 * flags, mtu, master, name, address, group, queue length or alias (set back
 * to what a GET queued just before it read, the device exactly as the
 * change found it).  Any other change goes on its own, once every line
 * before it is known to have taken effect.  When line K fails, what the
 * lines after it did (and K's own earlier requests) is taken back, newest
 * first, and the batch runs K again alone, so that its error is the one it
 * gives alone.
 */
#include <errno.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nl.h"
#include "nlsock.h"

#define PIPE_CHUNK_MSGS 128 /* ACKs a chunk may queue on our socket */
#define PIPE_BUFSZ	(64 * 1024)
#define PIPE_DIRECT	1 /* pipe_append: send it on its own */

/* How a plain batch takes a queued change back. */
enum undo {
	UNDO_NONE,    /* it cannot be: the change goes on its own */
	UNDO_DEL,     /* an exclusive create of an address, route, neighbour or
		       * rule: the same message as a delete */
	UNDO_DELLINK, /* a device made here, by name: deleted by that name */
	UNDO_RESTORE, /* a device changed: set back to its snapshot */
};

struct pipe_req {
	uint32_t seq;
	int err;
	bool answered;	    /* its ACK (or a snapshot's reply) came */
	bool unsent;	    /* its sendmsg failed: the kernel never saw it */
	bool snap;	    /* exact: a GET of the device the next request changes */
	unsigned char undo; /* exact: enum undo */
	int line;	    /* exact: the batch line it came from */
	char *label;
	char *msg;
	char *dev, *made;    /* ctx's req_dev and req_new when it was queued */
	char *kind, *module; /* and its req_kind and req_module */
	int fds[4];	     /* namespaces' fds it names: closed once sent */
	unsigned nfds;
	struct nlmsghdr *keep; /* exact: the request, or a snapshot's reply */
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
	/* a plain batch's pipe (nl_pipe_exact) */
	bool exact;
	bool alone; /* the line being run sends on its own from here on */
	int line;   /* the line being run */
	struct {
		int line;   /* 0, or the line whose change the kernel refused */
		bool rerun; /* all after it was taken back: it may run again */
		char *label, *msg;
		char *dev;  /* the device it named */
		char *kmsg; /* the kernel's extended ACK, as ip prints it */
		int err;
	} failed;
};

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

static void req_close_fds(struct pipe_req *q)
{
	while (q->nfds)
		close(q->fds[--q->nfds]);
}

static void reqs_clear(struct nl_pipe *p)
{
	for (size_t i = 0; i < p->nreq; i++) {
		req_close_fds(&p->req[i]);
		free(p->req[i].label);
		free(p->req[i].msg);
		free(p->req[i].dev);
		free(p->req[i].made);
		free(p->req[i].kind);
		free(p->req[i].module);
		free(p->req[i].keep);
	}
	p->nreq = p->first_unsent = 0;
}

static void failed_clear(struct nl_pipe *p)
{
	free(p->failed.label);
	free(p->failed.msg);
	free(p->failed.dev);
	free(p->failed.kmsg);
	memset(&p->failed, 0, sizeof(p->failed));
}

void nl_pipe_free(struct nl_pipe *p)
{
	if (!p)
		return;
	reqs_clear(p);
	failed_clear(p);
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

/* A refused request's reason worded as the same failure answered at once
 * (the kernel's own words where there is nothing better to say), or NULL. */
static const char *req_reason(const struct pipe_req *q, int err, char *buf, size_t sz)
{
	const char *why = err_kind_explain(err, q->msg, q->kind, q->module, buf, sz);

	if (!why && !q->msg)
		why = err_names_explain(err, q->dev, q->made, buf, sz);
	return why ? why : q->msg;
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

	if (i >= a->n)
		return 1;
	struct pipe_req *q = &a->p->req[a->first + i];
	if (q->answered)
		return 1;
	if (r->nlmsg_type != NLMSG_ERROR) {
		/* a snapshot's one reply: the device as the change found it */
		if (!q->snap)
			return 1;
		if (!(q->keep = nl_msg_dup(r)))
			return -ENOMEM;
	} else {
		q->err = nl_ack_error(r, msg, sizeof(msg));
		if (q->err < 0 && msg[0])
			q->msg = strdup(msg);
	}
	q->answered = true;
	return ++a->acked < a->n;
}

static int exact_check(struct ctx *c, struct nl_pipe *p, int io_err);

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
	/* The kernel handles the messages in order, so the ACK of the last
	 * one is the last to come. */
	struct pipe_acks acks = {p, first, n, 0};
	rc = nl_send(nl, p->buf, p->used);
	/* a sendmsg is taken whole or not at all */
	for (size_t i = first; rc < 0 && i < p->nreq; i++)
		p->req[i].unsent = true;
	/* the kernel has read the namespaces' fds the requests name */
	for (size_t i = first; i < p->nreq; i++)
		req_close_fds(&p->req[i]);
	if (rc == 0)
		rc = nl_recv_replies(c, nl, pipe_reply, &acks);
	if (rc < 0)
		return p->exact ? exact_check(c, p, rc) : rc;
sent:
	p->first_unsent = p->nreq;
	p->used = 0;
	return p->exact && !ctx_dryrun(c) ? exact_check(c, p, 0) : 0;
}

struct nlmsghdr *nl_pipe_msg(struct ctx *c, struct nl_pipe *p, uint16_t type, uint16_t flags,
			     const char *label)
{
	struct nlmsghdr *nlh;

	pipe_close_open(p);
	if (PIPE_BUFSZ - p->used < NL_BUFSZ || nl_pipe_pending(p) >= PIPE_CHUNK_MSGS) {
		int rc = pipe_send(c, p);
		if (rc < 0 && p->exact)
			return NULL; /* an earlier line failed: said by the batch */
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
	p->req[p->nreq++] =
	    (struct pipe_req){.label = label ? strdup(label) : NULL, .line = p->line};
	nlh = nl_msg(p->buf + p->used, type, flags);
	p->open = nlh;
	return nlh;
}

int nl_pipe_flush(struct ctx *c, struct nl_pipe *p, nl_pipe_err on_error, void *data)
{
	struct refusal first_refused = {0};
	int rc = pipe_send(c, p);
	int first = 0;

	if (rc == 0)
		rc = p->send_err;
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < p->nreq; i++) {
		struct pipe_req *q = &p->req[i];
		char why[sizeof(c->reason)];
		const char *reason;
		if (q->err >= 0 || q->snap)
			continue;
		/* each as ip words it, for on_error; the first's stays */
		err_refused(c, q->err, q->msg, q->dev, q->line);
		if (!first)
			first_refused = c->refused;
		/* worded as the same failure answered at once */
		if ((reason = req_reason(q, q->err, why, sizeof(why))) && reason != q->msg) {
			free(q->msg);
			if (!(q->msg = strdup(reason)))
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
	if (first)
		c->refused = first_refused;
	reqs_clear(p);
	return first;
}

/* ---- a batch's pipe ------------------------------------------------------ */

void nl_pipe_exact(struct nl_pipe *p)
{
	p->exact = true;
}

void nl_pipe_line(struct nl_pipe *p, int line, bool alone)
{
	p->line = line;
	p->alone = alone;
}

size_t nl_pipe_held(const struct nl_pipe *p)
{
	return p->nreq;
}

int nl_pipe_failed(const struct nl_pipe *p, bool *rerun)
{
	if (rerun)
		*rerun = p->failed.rerun;
	return p->failed.line;
}

void nl_pipe_failed_report(struct ctx *c, struct nl_pipe *p)
{
	if (!p->failed.line || !p->on_error)
		return;
	err_refused(c, p->failed.err, p->failed.kmsg, p->failed.dev, p->failed.line);
	p->on_error(c, p->failed.label, p->failed.err, p->failed.msg, p->on_error_data);
}

void nl_pipe_failed_clear(struct nl_pipe *p)
{
	failed_clear(p);
}

/* The device attributes a snapshot can set back. */
static bool restorable(int type)
{
	switch (type) {
	case IFLA_IFNAME:
	case IFLA_MTU:
	case IFLA_MASTER:
	case IFLA_TXQLEN:
	case IFLA_ADDRESS:
	case IFLA_GROUP:
	case IFLA_IFALIAS:
		return true;
	}
	return false;
}

#define RESTORABLE_FLAGS (IFF_UP | IFF_NOARP | IFF_MULTICAST)

static enum undo undo_of(const struct nlmsghdr *nlh)
{
	const uint16_t f = nlh->nlmsg_flags, mk = NLM_F_CREATE | NLM_F_EXCL;
	const bool excl = (f & mk) == mk && !(f & (NLM_F_REPLACE | NLM_F_APPEND));
	const struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi;

	switch (nlh->nlmsg_type) {
	case RTM_NEWADDR:
	case RTM_NEWROUTE:
	case RTM_NEWNEIGH:
	case RTM_NEWRULE:
		return excl ? UNDO_DEL : UNDO_NONE;
	case RTM_NEWLINK:
	case RTM_SETLINK:
		break;
	default:
		return UNDO_NONE;
	}
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return UNDO_NONE;
	ifi = mnl_nlmsg_get_payload(nlh);
	nl_parse(nlh, sizeof(*ifi), tb, IFLA_MAX);
	if (f & NLM_F_CREATE) {
		/* made in this namespace, with a name to delete it by */
		bool here = !tb[IFLA_NET_NS_PID] && !tb[IFLA_NET_NS_FD] && !tb[IFLA_TARGET_NETNSID];
		return excl && nlh->nlmsg_type == RTM_NEWLINK && here && tb[IFLA_IFNAME]
			   ? UNDO_DELLINK
			   : UNDO_NONE;
	}
	if ((ifi->ifi_change & ~(unsigned)RESTORABLE_FLAGS) || (!ifi->ifi_change && ifi->ifi_flags))
		return UNDO_NONE;
	if (!ifi->ifi_index && !tb[IFLA_IFNAME])
		return UNDO_NONE;
	for (int t = 0; t <= IFLA_MAX; t++)
		if (tb[t] && !restorable(t))
			return UNDO_NONE;
	return UNDO_RESTORE;
}

/* A GET of the device the change names, queued just before it: its reply
 * is the device as the change finds it. */
static int snap_queue(struct ctx *c, struct nl_pipe *p, const struct nlmsghdr *change)
{
	const struct ifinfomsg *ci = mnl_nlmsg_get_payload(change);
	const struct nlattr *tb[IFLA_MAX + 1];
	struct nlmsghdr *nlh = nl_pipe_msg(c, p, RTM_GETLINK, 0, c->label);
	struct ifinfomsg *ifi;

	if (!nlh)
		return -VN_EREPORTED;
	nlh->nlmsg_flags = NLM_F_REQUEST; /* one answer: the device, or an error */
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = ci->ifi_index;
	if (!ci->ifi_index) {
		nl_parse(change, sizeof(*ci), tb, IFLA_MAX);
		mnl_attr_put_strz(nlh, IFLA_IFNAME, mnl_attr_get_str(tb[IFLA_IFNAME]));
	}
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	p->req[p->nreq - 1].snap = true;
	return 0;
}

/* A change nl_request() was given while a batch's pipe is open: queued
 * (0), refused because an earlier line failed (-VN_EREPORTED), or
 * PIPE_DIRECT: it cannot be taken back, so it goes on its own once every
 * earlier line is known to have taken effect. */
static int pipe_append(struct ctx *c, const struct nlmsghdr *nlh)
{
	struct nl_pipe *p = c->pipe;
	enum undo how = UNDO_NONE;
	struct nlmsghdr *m;
	struct pipe_req *q;

	if (p->exact) {
		if (p->failed.line)
			return -VN_EREPORTED;
		if (p->alone || (how = undo_of(nlh)) == UNDO_NONE)
			return PIPE_DIRECT;
		if (how == UNDO_RESTORE && snap_queue(c, p, nlh) < 0)
			return -VN_EREPORTED;
	}
	if (!(m = nl_pipe_msg(c, p, nlh->nlmsg_type, 0, c->label)))
		return -VN_EREPORTED;
	q = &p->req[p->nreq - 1];
	memcpy(m, nlh, nlh->nlmsg_len);
	q->dev = c->req_dev ? strdup(c->req_dev) : NULL;
	q->made = c->req_new ? strdup(c->req_new) : NULL;
	q->kind = c->req_kind ? strdup(c->req_kind) : NULL;
	q->module = c->req_module ? strdup(c->req_module) : NULL;
	/* the fds it names go with it, closed once it is sent */
	memcpy(q->fds, c->held_fds, c->nheld * sizeof(*q->fds));
	q->nfds = c->nheld;
	c->nheld = 0;
	if (p->exact) {
		q->undo = (unsigned char)how;
		if (!(q->keep = nl_msg_dup(nlh)))
			abort();
	}
	return 0;
}

int nl_barrier(struct ctx *c)
{
	struct nl_pipe *p = c->pipe;
	char reason[sizeof(c->reason)];
	struct refusal refused;
	int rc;

	if (!p)
		return 0;
	if (p->exact) {
		p->alone = true; /* the rest of the line goes on its own */
		if (p->failed.line)
			return -VN_EREPORTED;
	}
	if (!p->nreq)
		return 0;
	/* the failures belong to earlier lines and are reported as theirs */
	memcpy(reason, c->reason, sizeof(reason));
	refused = c->refused;
	rc = nl_pipe_flush(c, p, p->on_error, p->on_error_data);
	memcpy(c->reason, reason, sizeof(reason));
	c->refused = refused;
	return p->exact && rc < 0 ? -VN_EREPORTED : 0;
}

/* ---- taking back ---------------------------------------------------------- */

struct undo_state {
	int refused;
};

static void undo_refused(struct ctx *c, const char *label, int err, const char *msg, void *data)
{
	(void)c;
	((struct undo_state *)data)->refused++;
	err_line("%s: could not be taken back after a line before it failed: %s",
		 label ? label : "batch", msg ? msg : strerror(-err));
}

static void copy_body(struct nlmsghdr *to, const struct nlmsghdr *from)
{
	memcpy((char *)to + NLMSG_HDRLEN, (const char *)from + NLMSG_HDRLEN,
	       from->nlmsg_len - NLMSG_HDRLEN);
	to->nlmsg_len = from->nlmsg_len;
}

/* The device set back to the snapshot in what the change altered. */
static bool restore_put(struct ctx *c, struct nl_pipe *u, const struct pipe_req *q,
			const struct pipe_req *snap)
{
	const struct nlattr *was[IFLA_MAX + 1], *set[IFLA_MAX + 1];
	const struct ifinfomsg *wi, *si = mnl_nlmsg_get_payload(q->keep);
	struct ifinfomsg *ifi;
	struct nlmsghdr *nlh;

	if (!snap || !snap->snap || !snap->keep || snap->keep->nlmsg_type != RTM_NEWLINK ||
	    snap->keep->nlmsg_len < NLMSG_LENGTH(sizeof(*wi)))
		return false;
	wi = mnl_nlmsg_get_payload(snap->keep);
	nl_parse(snap->keep, sizeof(*wi), was, IFLA_MAX);
	nl_parse(q->keep, sizeof(*si), set, IFLA_MAX);
	nlh = nl_pipe_msg(c, u, RTM_NEWLINK, 0, q->label);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = wi->ifi_index;
	ifi->ifi_change = si->ifi_change;
	ifi->ifi_flags = wi->ifi_flags & si->ifi_change;
	for (int t = 0; t <= IFLA_MAX; t++) {
		if (!set[t] || (t == IFLA_IFNAME && !si->ifi_index))
			continue; /* a name with no index only named the device */
		if (t == IFLA_MASTER && !was[t])
			mnl_attr_put_u32(nlh, IFLA_MASTER, 0);
		else if (t == IFLA_IFALIAS && !was[t])
			mnl_attr_put(nlh, IFLA_IFALIAS, 0, "");
		else if (was[t])
			mnl_attr_put(nlh, (uint16_t)t, mnl_attr_get_payload_len(was[t]),
				     mnl_attr_get_payload(was[t]));
		else
			return false;
	}
	return true;
}

static bool undo_put(struct ctx *c, struct nl_pipe *u, const struct pipe_req *q,
		     const struct pipe_req *before)
{
	const struct nlattr *tb[IFLA_MAX + 1];
	struct nlmsghdr *nlh;

	switch (q->undo) {
	case UNDO_DEL:
		/* RTM_NEWADDR + 1 is RTM_DELADDR, and so for each */
		nlh = nl_pipe_msg(c, u, (uint16_t)(q->keep->nlmsg_type + 1), 0, q->label);
		copy_body(nlh, q->keep);
		return true;
	case UNDO_DELLINK:
		nl_parse(q->keep, sizeof(struct ifinfomsg), tb, IFLA_MAX);
		nlh = nl_pipe_msg(c, u, RTM_DELLINK, 0, q->label);
		mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
		mnl_attr_put_strz(nlh, IFLA_IFNAME, mnl_attr_get_str(tb[IFLA_IFNAME]));
		return true;
	case UNDO_RESTORE:
		return restore_put(c, u, q, before);
	}
	return false;
}

/* Take back, newest first, what the requests from start on did, but the
 * one that failed (f).  Whether all of it was. */
static bool undo_after(struct ctx *c, struct nl_pipe *p, size_t start, size_t f)
{
	struct undo_state st = {0};
	struct nl_pipe *u = nl_pipe_new(undo_refused, &st);
	bool all = true;

	if (!u)
		abort();
	for (size_t i = p->nreq; i-- > start;) {
		const struct pipe_req *q = &p->req[i];

		if (i == f || q->snap || q->unsent || (q->answered && q->err < 0))
			continue; /* nothing of it to take back */
		if (q->answered && undo_put(c, u, q, i ? &p->req[i - 1] : NULL))
			continue;
		/* its fate unknown (no answer), or no way back */
		all = false;
		err_line("%s: could not be taken back after a line before it failed",
			 q->label ? q->label : "batch");
	}
	if (nl_pipe_flush(c, u, undo_refused, &st) < 0 || st.refused)
		all = false;
	nl_pipe_free(u);
	return all;
}

/* After a send: 0 when every change so far took effect; else the first
 * failing line is noted (the batch reports it), all after it is taken
 * back, and -VN_EREPORTED. */
static int exact_check(struct ctx *c, struct nl_pipe *p, int io_err)
{
	char why[sizeof(c->reason)];
	const char *reason;
	size_t f, start;
	struct pipe_req *q;

	for (f = 0; f < p->nreq; f++) {
		q = &p->req[f];
		if (!q->snap && (!q->answered || q->err < 0))
			break;
	}
	if (f == p->nreq)
		return io_err;
	q = &p->req[f];
	for (start = f; start > 0 && p->req[start - 1].line == q->line;)
		start--;
	p->failed.line = q->line;
	p->failed.err = q->answered ? q->err : io_err ? io_err : -EIO;
	p->failed.label = q->label ? strdup(q->label) : NULL;
	p->failed.dev = q->dev ? strdup(q->dev) : NULL;
	if (q->msg)
		p->failed.kmsg = strdup(q->msg);
	if ((reason = req_reason(q, p->failed.err, why, sizeof(why))))
		p->failed.msg = strdup(reason);
	p->failed.rerun = undo_after(c, p, start, f) && q->answered;
	reqs_clear(p);
	p->used = 0;
	p->open = NULL;
	return -VN_EREPORTED;
}

/* ---- requests and dumps: the front door ----------------------------------- */

int nl_request(struct ctx *c, struct nlmsghdr *nlh, nl_cb cb, void *data)
{
	int rc;

	if (ctx_dryrun(c) && !nl_is_query(nlh)) {
		if (c->dryrun)
			c->dryrun(nlh);
		return 0;
	}
	if (c->pipe) {
		/* In a pipelined batch a change waits in the pipe; a query,
		 * a change that could not be taken back and one whose echo
		 * is printed (-echo) first let what waits land, so they see
		 * it. */
		if (!nl_is_query(nlh) && !cb && !(c->flags & CTX_ECHO) &&
		    (rc = pipe_append(c, nlh)) != PIPE_DIRECT)
			return rc;
		if ((rc = nl_barrier(c)) < 0)
			return rc;
	}
	return nl_request_now(c, NETLINK_ROUTE, nlh, cb, data);
}

int nl_request_on(struct ctx *c, int proto, struct nlmsghdr *nlh, nl_cb cb, void *data)
{
	int rc;

	/* it comes after the batch lines before it */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	return nl_request_now(c, proto, nlh, cb, data);
}

int nl_dump(struct ctx *c, struct nlmsghdr *nlh, nl_cb cb, void *data)
{
	return nl_dump_on(c, NETLINK_ROUTE, nlh, cb, data);
}

int nl_dump_on(struct ctx *c, int proto, struct nlmsghdr *nlh, nl_cb cb, void *data)
{
	int rc;

	/* a dump sees the batch lines before it */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	return nl_dump_now(c, proto, nlh, cb, data);
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
	/* In a batch the request was only queued: the kernel must have read
	 * the namespaces' fds before they are closed.  A failure is the
	 * pipe's to report (nl_pipe_failed). */
	(void)nl_barrier(c);
	while (c->nheld)
		close(c->held_fds[--c->nheld]);
}
