// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Links found: a device's message parsed, the walk of a link dump (each
 * device handed to a callback as it arrives, a name cache filled from the
 * same dump so a printer names a master or a peer without asking the
 * kernel), a device's name or index asked of the kernel otherwise.  How a
 * device is printed is linkfmt.c's.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "link.h"
#include "nl.h"

/* ---- parsing ------------------------------------------------------------- */

/* RTM_DELLINK carries the same payload, so a monitor can print it too. */
int link_msg_parse(const struct nlmsghdr *nlh, struct link_msg *m)
{
	memset(m, 0, sizeof(*m));
	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return -EINVAL;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(struct ifinfomsg))
		return -EBADMSG;
	m->ifi = mnl_nlmsg_get_payload(nlh);
	nl_parse(nlh, sizeof(struct ifinfomsg), m->tb, IFLA_MAX);
	m->name = nl_attr_str(m->tb[IFLA_IFNAME]);
	if (!m->name)
		return -EBADMSG;
	if (m->tb[IFLA_LINKINFO]) {
		nl_parse_nested(m->tb[IFLA_LINKINFO], m->info, IFLA_INFO_MAX);
		m->kind = nl_attr_str(m->info[IFLA_INFO_KIND]);
	}
	return 0;
}

/* ---- index -> name, for master and peer ---------------------------------- */

/* What printing one device needs of another (its master, its peer): the
 * name, and whether it is up.  During a dump walk this comes from the dump
 * itself, so printing N devices costs no extra request; outside one, a GET
 * asks the kernel. */
struct link_ref {
	int index;
	unsigned flags;
	char name[IFNAMSIZ];
};

/*
 * The walk of a whole dump (ctx->names while it runs).  Each device is
 * printed as it arrives; its name is kept (24 bytes a device, not the
 * message), so a later device can name it.  A device that names one still
 * to come (a veth's peer, a master made after its ports) reads the dump
 * ahead until that one comes: the messages read ahead wait, copied, and are
 * printed in their turn, so the order is the dump's.
 */
struct walk {
	struct ctx *c;
	struct nl_stream *s;
	int err;  /* of reading ahead: the walk ends with it */
	bool end; /* the dump is read to its end */
	/* the names: an array in arrival order, and an open-addressed table
	 * of positions (0 empty, else position + 1) by index, at most 3/4
	 * full */
	struct link_ref *v;
	size_t n, cap;
	uint32_t *slot;
	size_t nslot;
	/* messages read ahead, in dump order, from head */
	struct nlmsghdr **q;
	size_t qhead, qn, qcap;
};
struct link_refs {
	struct walk *w;
};

static size_t slot_of(const struct walk *w, int index)
{
	/* indexes come nearly consecutive: the index itself spreads them */
	return (size_t)(unsigned)index & (w->nslot - 1);
}

static const struct link_ref *refs_find(const struct walk *w, int index)
{
	if (!w->nslot)
		return NULL;
	for (size_t i = slot_of(w, index);; i = (i + 1) & (w->nslot - 1)) {
		uint32_t pos = w->slot[i];
		if (!pos)
			return NULL;
		if (w->v[pos - 1].index == index)
			return &w->v[pos - 1];
	}
}

static void refs_place(struct walk *w, size_t pos)
{
	size_t i = slot_of(w, w->v[pos].index);

	while (w->slot[i])
		i = (i + 1) & (w->nslot - 1);
	w->slot[i] = (uint32_t)pos + 1;
}

static int refs_add(struct walk *w, int index, unsigned flags, const char *name)
{
	if (refs_find(w, index))
		return 0; /* the kernel gives each device once; be safe anyway */
	/* grown by half, and the table filled to 3/4: what a dump of
	 * thousands of devices keeps stays near what a few need */
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap + w->cap / 2 : 256;
		struct link_ref *v = realloc(w->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		w->v = v;
		w->cap = cap;
	}
	if (4 * (w->n + 1) > 3 * w->nslot) {
		size_t nslot = w->nslot ? 2 * w->nslot : 512;
		uint32_t *slot = calloc(nslot, sizeof(*slot));
		if (!slot)
			return -ENOMEM;
		free(w->slot);
		w->slot = slot;
		w->nslot = nslot;
		for (size_t i = 0; i < w->n; i++)
			refs_place(w, i);
	}
	w->v[w->n] = (struct link_ref){.index = index, .flags = flags};
	snprintf(w->v[w->n].name, sizeof(w->v[w->n].name), "%s", name);
	refs_place(w, w->n++);
	return 0;
}

static int walk_queue(struct walk *w, const struct nlmsghdr *r)
{
	if (w->qhead + w->qn == w->qcap) {
		if (w->qhead) { /* room at the front: move the waiting ones there */
			memmove(w->q, w->q + w->qhead, w->qn * sizeof(*w->q));
			w->qhead = 0;
		} else {
			size_t cap = w->qcap ? 2 * w->qcap : 16;
			struct nlmsghdr **q = realloc(w->q, cap * sizeof(*q));
			if (!q)
				return -ENOMEM;
			w->q = q;
			w->qcap = cap;
		}
	}
	if (!(w->q[w->qhead + w->qn] = nl_msg_dup(r)))
		return -ENOMEM;
	w->qn++;
	return 0;
}

/* Read the dump ahead until index comes or the dump ends. */
static const struct link_ref *walk_find(struct walk *w, int index)
{
	const struct link_ref *ref = refs_find(w, index);
	const struct nlmsghdr *r;
	struct link_msg m;
	int rc;

	while (!ref && !w->end && !w->err) {
		rc = nl_stream_next(w->s, &r);
		if (rc <= 0) {
			w->end = true;
			w->err = rc;
			break;
		}
		if (link_msg_parse(r, &m) < 0)
			continue;
		if ((rc = walk_queue(w, r)) < 0 ||
		    (rc = refs_add(w, m.ifi->ifi_index, m.ifi->ifi_flags, m.name)) < 0) {
			w->err = rc;
			break;
		}
		if (m.ifi->ifi_index == index)
			ref = refs_find(w, index);
	}
	return ref;
}

static struct nlmsghdr *getlink_msg(void *buf, int ifindex, const char *name, uint32_t ext_mask)
{
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = ifindex;
	if (name)
		mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	/* none is the kernel's 0; and the IPv6 layer's dump takes none */
	if (ext_mask)
		mnl_attr_put_u32(nlh, IFLA_EXT_MASK, ext_mask);
	return nlh;
}

struct ref_req {
	char *buf;
	size_t bufsz;
	unsigned flags;
	bool found;
};

static int ref_req_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ref_req *r = data;
	struct link_msg m;

	if (link_msg_parse(nlh, &m) == 0) {
		snprintf(r->buf, r->bufsz, "%s", m.name);
		r->flags = m.ifi->ifi_flags;
		r->found = true;
	}
	return MNL_CB_OK;
}

static bool link_ask(struct ctx *c, int ifindex, char *buf, size_t bufsz, unsigned *flags)
{
	char msg[NL_BUFSZ], reason[sizeof(c->reason)];
	struct ref_req r = {.buf = buf, .bufsz = bufsz};

	/* A name is a nicety: failing to get one must not leave a reason
	 * behind that a later, unrelated error would print. */
	memcpy(reason, c->reason, sizeof(reason));
	nl_request(c, getlink_msg(msg, ifindex, NULL, RTEXT_FILTER_SKIP_STATS), ref_req_cb, &r);
	memcpy(c->reason, reason, sizeof(reason));
	if (flags)
		*flags = r.flags;
	return r.found;
}

/* From the walk's names when a whole dump is being walked (a device not in
 * it is not in this namespace), else from the kernel. */
const char *link_name(struct ctx *c, int ifindex, char *buf, size_t bufsz)
{
	const struct link_ref *r = c->names ? walk_find(c->names->w, ifindex) : NULL;
	unsigned flags;

	if (r) {
		snprintf(buf, bufsz, "%s", r->name);
		return buf;
	}
	if (c->names)
		return NULL;
	return link_ask(c, ifindex, buf, bufsz, &flags) ? buf : NULL;
}

/* The name of ifindex in buf ("ifN" when it cannot be known) and its flags;
 * false when unknown. */
bool link_ref_name(struct ctx *c, int ifindex, char *buf, size_t bufsz, unsigned *flags)
{
	const struct link_ref *r = c->names ? walk_find(c->names->w, ifindex) : NULL;

	if (r) {
		snprintf(buf, bufsz, "%s", r->name);
		if (flags)
			*flags = r->flags;
		return true;
	}
	if (!c->names && link_ask(c, ifindex, buf, bufsz, flags))
		return true;
	snprintf(buf, bufsz, "if%d", ifindex);
	return false;
}

/* ---- the walk ------------------------------------------------------------ */

/* A single device's message is copied out of the netlink layer's buffer, so
 * the callback runs after the request is finished. */
static int msg_keep(const struct nlmsghdr *nlh, void *data)
{
	struct nlmsghdr **keep = data;

	if (nlh->nlmsg_type != RTM_NEWLINK || *keep)
		return MNL_CB_OK;
	if (!(*keep = nl_msg_dup(nlh))) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static int walk_one(struct ctx *c, const char *name, struct nlmsghdr *nlh, link_cb cb, void *data)
{
	const struct link_refs *outer = c->names;
	struct nlmsghdr *keep = NULL;
	struct link_msg m;
	int rc = nl_request(c, nlh, msg_keep, &keep);

	if (rc == -ENODEV)
		rc = err_nodev(c, name);
	c->names = NULL; /* names come from the kernel: no dump is walked */
	if (rc == 0 && keep && link_msg_parse(keep, &m) == 0)
		rc = cb(c, &m, data);
	c->names = outer;
	free(keep);
	return rc;
}

/* The next message: one read ahead first, else the dump's next.  *copy is
 * set when it is a copy, to be freed after use. */
static int walk_next(struct walk *w, const struct nlmsghdr **r, struct nlmsghdr **copy)
{
	int rc;

	*copy = NULL;
	if (w->qn) {
		*r = *copy = w->q[w->qhead++];
		w->qn--;
		return 1;
	}
	if (w->end || w->err)
		return w->err;
	rc = nl_stream_next(w->s, r);
	if (rc <= 0)
		w->end = true;
	return rc;
}

/* Each device as the dump brings it: the callback may print it at once. */
static int walk_dump(struct ctx *c, struct walk *w, link_cb cb, void *data)
{
	const struct nlmsghdr *r;
	struct nlmsghdr *copy;
	struct link_msg m;
	int rc;

	while ((rc = walk_next(w, &r, &copy)) > 0) {
		if (link_msg_parse(r, &m) < 0) {
			free(copy);
			continue;
		}
		/* read-ahead ones were named when they were read */
		if (!copy && (rc = refs_add(w, m.ifi->ifi_index, m.ifi->ifi_flags, m.name)) < 0)
			break;
		nl_stream_hold(w->s);
		rc = cb(c, &m, data);
		nl_stream_release(w->s);
		free(copy);
		if (rc)
			break;
	}
	if (rc == 0 && w->err)
		rc = w->err;
	if (rc == 0 && nl_stream_interrupted(w->s))
		rc = err_fail(c, "the devices changed while they were listed, the list may be "
				 "inconsistent (run it again)");
	return rc;
}

/* cb returns 0 to go on; anything else ends the walk and is returned. */
int link_walk(struct ctx *c, const char *name, link_cb cb, void *data)
{
	return link_walk_family(c, name, AF_UNSPEC, cb, data);
}

int link_walk_family(struct ctx *c, const char *name, int family, link_cb cb, void *data)
{
	char buf[NL_BUFSZ];
	/* Statistics only for -s; VF details only matter with -d. */
	uint32_t mask =
	    (ctx_stats(c) ? 0 : RTEXT_FILTER_SKIP_STATS) | (ctx_details(c) ? RTEXT_FILTER_VF : 0);
	struct nlmsghdr *nlh = getlink_msg(buf, 0, name, family == AF_UNSPEC ? mask : 0);
	const struct link_refs *outer = c->names;
	struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	struct walk w = {.c = c};
	struct link_refs refs = {&w};
	int rc;

	ifi->ifi_family = (uint8_t)family;
	if (name)
		return walk_one(c, name, nlh, cb, data);
	if ((rc = nl_stream_open(c, nlh, &w.s)) < 0)
		return rc;
	c->names = &refs;
	rc = walk_dump(c, &w, cb, data);
	c->names = outer;
	nl_stream_close(w.s);
	while (w.qn)
		free(w.q[w.qhead + --w.qn]);
	free(w.q);
	free(w.slot);
	free(w.v);
	return rc;
}

/* ---- a device's index by name ------------------------------------------- */

static int getlink_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type == RTM_NEWLINK)
		*(int *)data = ifi->ifi_index;
	return MNL_CB_OK;
}

int link_index(struct ctx *c, const char *name)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	int index = 0;
	int rc;

	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	rc = nl_request(c, nlh, getlink_cb, &index);
	if (rc == -ENODEV)
		return err_nodev(c, name);
	if (rc < 0)
		return rc;
	return index ? index : -ENODEV;
}

uint32_t link_u32(const struct link_msg *m, int type)
{
	const struct nlattr *a = m->tb[type];
	return a && mnl_attr_get_payload_len(a) == 4 ? mnl_attr_get_u32(a) : 0;
}

bool link_of_type(const struct link_msg *m, const char *type)
{
	const char *slave = strstr(type, "_slave");
	const struct nlattr *sk = m->info[IFLA_INFO_SLAVE_KIND];

	if (slave && !slave[6])
		return sk && mnl_attr_validate(sk, MNL_TYPE_NUL_STRING) == 0 &&
		       strlen(mnl_attr_get_str(sk)) == (size_t)(slave - type) &&
		       !strncmp(mnl_attr_get_str(sk), type, (size_t)(slave - type));
	return m->kind && !strcmp(m->kind, type);
}
