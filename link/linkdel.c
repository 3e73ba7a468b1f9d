// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Deleting many devices at the kernel's floor: see linkdel.h.
 *
 * The devices are looked up in one dump (a snapshot: names, indexes,
 * groups, kinds, a veth's peer here), so a name that is missing, of the
 * wrong kind or already going is known before anything is sent.
 */
#include <errno.h>
#include <fnmatch.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "link.h"
#include "linkdel.h"
#include "nl.h"

struct snap_dev {
	char name[IFNAMSIZ];
	char kind[IFNAMSIZ]; /* IFLA_INFO_KIND, "" for a device without one */
	int index;
	int peer; /* a veth's peer, when it is in this namespace; else 0 */
	uint32_t group;
	/* gathered (or the peer of one gathered) by item going - 1; 0: not */
	size_t going;
};

/* One device to delete, and what names it in an error (a batch line). */
struct del_item {
	size_t dev;
	char *where; /* "FILE:LINE: ", or NULL */
	const struct object *obj;
	const struct verb *verb;
	char subject[IFNAMSIZ];
};

struct delq {
	bool failed; /* a gathered line failed (--force went on) */
	struct snap_dev *d;
	size_t nd, capd;
	bool have; /* d is this namespace's devices, but for those going */
	struct del_item *it;
	size_t n, cap;
};

struct delq *delq_new(void)
{
	struct delq *q = calloc(1, sizeof(*q));

	if (!q)
		abort();
	return q;
}

static void items_clear(struct delq *q)
{
	for (size_t i = 0; i < q->n; i++)
		free(q->it[i].where);
	q->n = 0;
	q->nd = 0;
	q->have = false;
}

void delq_free(struct delq *q)
{
	if (!q)
		return;
	items_clear(q);
	free(q->it);
	free(q->d);
	free(q);
}

/* ---- the snapshot ------------------------------------------------------- */

static int snap_cb(const struct nlmsghdr *nlh, void *data)
{
	struct delq *q = data;
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1] = {0};
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct snap_dev *d;

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(*ifi), tb, IFLA_MAX);
	if (!tb[IFLA_IFNAME])
		return MNL_CB_OK;
	if (q->nd == q->capd) {
		size_t cap = q->capd ? q->capd * 2 : 64;
		struct snap_dev *nd = realloc(q->d, cap * sizeof(*nd));
		if (!nd)
			abort();
		q->d = nd;
		q->capd = cap;
	}
	d = &q->d[q->nd++];
	memset(d, 0, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", mnl_attr_get_str(tb[IFLA_IFNAME]));
	d->index = ifi->ifi_index;
	if (tb[IFLA_GROUP])
		d->group = mnl_attr_get_u32(tb[IFLA_GROUP]);
	if (tb[IFLA_LINKINFO])
		nl_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX);
	if (info[IFLA_INFO_KIND])
		snprintf(d->kind, sizeof(d->kind), "%s", mnl_attr_get_str(info[IFLA_INFO_KIND]));
	if (!strcmp(d->kind, "veth") && tb[IFLA_LINK] && !tb[IFLA_LINK_NETNSID])
		d->peer = (int)mnl_attr_get_u32(tb[IFLA_LINK]);
	return MNL_CB_OK;
}

static int snap_take(struct ctx *c, struct delq *q)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	int rc;

	ifi->ifi_family = AF_UNSPEC;
	/* names, groups and kinds: no statistics */
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	q->nd = 0;
	rc = nl_dump(c, nlh, snap_cb, q);
	q->have = rc == 0;
	return rc;
}

static struct snap_dev *snap_index(struct delq *q, int index)
{
	for (size_t i = 0; i < q->nd; i++)
		if (q->d[i].index == index)
			return &q->d[i];
	return NULL;
}

static bool is_pattern(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* ---- choosing what goes ------------------------------------------------- */

static void item_add(struct ctx *c, struct delq *q, size_t dev)
{
	struct snap_dev *peer;
	struct del_item *it;

	if (q->n == q->cap) {
		size_t cap = q->cap ? q->cap * 2 : 64;
		struct del_item *ni = realloc(q->it, cap * sizeof(*ni));
		if (!ni)
			abort();
		q->it = ni;
		q->cap = cap;
	}
	it = &q->it[q->n++];
	memset(it, 0, sizeof(*it));
	it->dev = dev;
	if (c->where && !(it->where = strdup(c->where)))
		abort();
	it->obj = c->obj;
	it->verb = c->verb;
	snprintf(it->subject, sizeof(it->subject), "%s", q->d[dev].name);
	q->d[dev].going = q->n;
	/* a veth's peer goes with it */
	if (q->d[dev].peer && (peer = snap_index(q, q->d[dev].peer)) && !peer->going)
		peer->going = q->n;
}

/* Whether a device of the snapshot cannot be gathered for this verb: a
 * device an earlier line takes is gone by this one. */
static int refuse(struct ctx *c, const struct snap_dev *d, const char *kind, const char *other_verb)
{
	/* the error is printed after the snapshot is gone */
	static char subject[IFNAMSIZ];

	snprintf(subject, sizeof(subject), "%s", d->name);
	c->subject = subject;
	if (d->going)
		return err_nodev(c, subject);
	if (!kind && !d->kind[0])
		return link_undeletable(c);
	if (kind && !d->kind[0])
		return err_fail(c, "not %s %s device (%s)", kind_article(kind), kind, other_verb);
	if (kind && strcmp(d->kind, kind) != 0)
		return err_fail(c, "not %s %s device (it is a %s; %s)", kind_article(kind), kind,
				d->kind, other_verb);
	return 0;
}

/* Gather every device the names name; nothing is gathered unless all of
 * them resolve.  A pattern matches the devices of the kind that are not
 * going already, and must match one. */
static int gather(struct ctx *c, struct delq *q, char *const *names, int n, const char *kind,
		  const char *other_verb)
{
	size_t first = q->n;
	int rc = 0;

	for (int i = 0; i < n && rc == 0; i++) {
		size_t k, matched = 0;

		for (k = 0; k < q->nd && strcmp(q->d[k].name, names[i]) != 0; k++)
			;
		if (k < q->nd) {
			/* named twice, or both ends of a pair, in one line */
			if (q->d[k].going > first)
				continue;
			if ((rc = refuse(c, &q->d[k], kind, other_verb)) == 0)
				item_add(c, q, k);
			continue;
		}
		if (!is_pattern(names[i])) {
			c->subject = names[i];
			rc = err_nodev(c, names[i]);
			break;
		}
		for (k = 0; k < q->nd; k++) {
			struct snap_dev *d = &q->d[k];
			/* lo and physical devices go with their namespace or
			 * driver: a pattern never takes them */
			if (d->going || !d->kind[0] || (kind && strcmp(d->kind, kind) != 0) ||
			    fnmatch(names[i], d->name, 0) != 0)
				continue;
			item_add(c, q, k);
			matched++;
		}
		if (!matched) {
			c->subject = names[i];
			rc = err_fail(c, "no %s%sdevice matches \"%s\"", kind ? kind : "",
				      kind ? " " : "", names[i]);
		}
	}
	if (rc < 0) {
		/* none of this line's devices: unmark them */
		for (size_t k = 0; k < q->nd; k++)
			if (q->d[k].going > first)
				q->d[k].going = 0;
		for (size_t i = first; i < q->n; i++)
			free(q->it[i].where);
		q->n = first;
	}
	return rc;
}

/* ---- deleting ----------------------------------------------------------- */

/* A group no device carries. */
static uint32_t free_group(const struct delq *q)
{
	uint32_t g;

	for (;;) {
		if (getrandom(&g, sizeof(g), 0) != sizeof(g))
			g = (uint32_t)rand();
		if (g == 0)
			continue;
		size_t i;
		for (i = 0; i < q->nd && q->d[i].group != g; i++)
			;
		if (i == q->nd)
			return g;
	}
}

static void set_failed(struct ctx *c, const char *label, int err, const char *msg, void *data)
{
	bool *failed = data;

	(void)c;
	(void)err;
	(void)msg;
	failed[strtoul(label, NULL, 10)] = true;
}

/* Move the items from..to into group g (g == 0: back to their own). */
static int move(struct ctx *c, struct delq *q, size_t from, size_t to, uint32_t g, bool *failed)
{
	struct nl_pipe *p = nl_pipe_new(set_failed, failed);
	int rc;

	for (size_t i = from; i < to; i++) {
		const struct snap_dev *d = &q->d[q->it[i].dev];
		char label[24];
		struct nlmsghdr *nlh;
		struct ifinfomsg *ifi;

		if (failed[i])
			continue;
		snprintf(label, sizeof(label), "%zu", i);
		nlh = nl_pipe_msg(c, p, RTM_SETLINK, 0, label);
		ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
		ifi->ifi_family = AF_UNSPEC;
		ifi->ifi_index = d->index;
		mnl_attr_put_u32(nlh, IFLA_GROUP, g ? g : d->group);
	}
	rc = nl_pipe_flush(c, p, set_failed, failed);
	nl_pipe_free(p);
	return rc;
}

static int del_group(struct ctx *c, uint32_t g)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_DELLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, IFLA_GROUP, g);
	return nl_request(c, nlh, NULL, NULL);
}

/* Item i alone, by index: what was looked up is what goes.  Its failure is
 * reported as its line's. */
static int del_one(struct ctx *c, struct delq *q, size_t i)
{
	struct del_item *it = &q->it[i];
	const struct snap_dev *d = &q->d[it->dev];
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_DELLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	int rc;

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = d->index;
	rc = nl_request(c, nlh, NULL, NULL);
	if (rc == -ENODEV && !c->reason[0])
		rc = err_nodev(c, d->name);
	if (rc < 0 && it->where) {
		c->obj = it->obj;
		c->verb = it->verb;
		c->subject = it->subject;
		err_report(c, rc, it->where);
		return -VN_EREPORTED;
	}
	if (rc < 0)
		c->subject = it->subject;
	return rc;
}

/* Delete what q gathered.  0, or the first failure (a batch's reported
 * already: -VN_EREPORTED); with --force every item is tried. */
static int del_items(struct ctx *c, struct delq *q)
{
	struct nl_pipe *pipe = c->pipe;
	bool *failed;
	uint32_t g;
	int rc = 0, first = 0;

	if (q->n == 0)
		return 0;
	/* the queued changes of earlier lines land first, then these go
	 * straight to the kernel, not into the batch's pipe */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	c->pipe = NULL;
	failed = calloc(q->n, sizeof(*failed));
	if (!failed)
		abort();
	if (q->n == 1)
		goto one_by_one;
	g = free_group(q);
	if (move(c, q, 0, q->n, g, failed) == 0 && del_group(c, g) == 0)
		goto done;
	/* back to their groups, and one at a time: exactly what that would
	 * have done */
	c->reason[0] = c->hint[0] = '\0';
	move(c, q, 0, q->n, 0, failed);
	c->reason[0] = c->hint[0] = '\0';
one_by_one:
	for (size_t i = 0; i < q->n; i++) {
		rc = del_one(c, q, i);
		if (rc < 0 && !first)
			first = rc;
		if (rc < 0 && !(c->flags & CTX_FORCE))
			break;
	}
done:
	free(failed);
	c->pipe = pipe;
	return first;
}

/* ---- the verbs' side ---------------------------------------------------- */

int link_undeletable(struct ctx *c)
{
	return err_errno(
	    c, EOPNOTSUPP,
	    "the kernel cannot delete this kind of device: lo goes with its namespace, "
	    "a physical device with its driver");
}

int delq_flush(struct ctx *c)
{
	struct delq *q = c->delq;
	int rc;

	if (!q || (q->n == 0 && !q->have))
		return EXIT_OK;
	/* the changes of the lines before land first; should one fail, the
	 * gathered lines never run (the batch says which failed) */
	if (nl_barrier(c) < 0) {
		items_clear(q);
		return EXIT_FAIL;
	}
	rc = del_items(c, q);
	items_clear(q);
	if (rc < 0)
		q->failed = true;
	return rc < 0 ? EXIT_FAIL : EXIT_OK;
}

void delq_drop(struct delq *q)
{
	if (q)
		items_clear(q);
}

bool delq_failed(const struct delq *q)
{
	return q && q->failed;
}

int link_del_names(struct ctx *c, char *const *names, int n, const char *kind,
		   const char *other_verb)
{
	struct delq *q = c->delq, mine = {0};
	int rc;

	/* A batch gathers its del lines: the snapshot is this namespace as
	 * the lines before left it. */
	if (q && !ctx_dryrun(c)) {
		if (!q->have && (rc = snap_take(c, q)) < 0)
			return rc;
		if (gather(c, q, names, n, kind, other_verb) == 0)
			return 0;
		/* this line fails: the gathered ones go first, then it
		 * fails as it would alone */
		c->reason[0] = c->hint[0] = '\0';
		if (delq_flush(c) != EXIT_OK && !(c->flags & CTX_FORCE))
			return -VN_EREPORTED;
	} else if (q && delq_flush(c) != EXIT_OK && !(c->flags & CTX_FORCE)) {
		return -VN_EREPORTED;
	}
	if (n == 1 && !is_pattern(names[0]))
		return 1;
	if ((rc = snap_take(c, &mine)) == 0)
		rc = gather(c, &mine, names, n, kind, other_verb);
	if (rc == 0)
		rc = del_items(c, &mine);
	items_clear(&mine);
	free(mine.it);
	free(mine.d);
	return rc;
}
