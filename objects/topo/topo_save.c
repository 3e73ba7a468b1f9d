// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo save: the running state of named namespaces as a topology file
 * (topo_write) that up rebuilds, with a note for each thing left out.
 */
#include <arpa/inet.h> /* before the linux/ headers, which then add only what libc lacks */
#include <dirent.h>
#include <errno.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netnsutil.h"
#include "out.h"
#include "rtnames.h"
#include "topo_impair.h"
#include "topo_state.h"

static bool ns_listed(const struct topo *t, const char *ns)
{
	for (size_t i = 0; i < t->nss.n; i++)
		if (!strcmp(t->nss.v[i].name, ns))
			return true;
	return false;
}

static void __attribute__((format(printf, 2, 3))) note(struct topo *t, const char *fmt, ...)
{
	char buf[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	*VEC_PUSH(t->notes) = topo_keep(t, buf);
}

static struct st_link *link_by_index(struct nsstate *s, int index)
{
	for (size_t i = 0; i < s->links.n; i++)
		if (s->links.v[i].index == index)
			return &s->links.v[i];
	return NULL;
}

static struct topo_ref ref_in(struct topo *t, const struct nsstate *s, const char *dev)
{
	return (struct topo_ref){.ns = topo_keep(t, s->name), .dev = topo_keep(t, dev)};
}

/* A veth end: the pair, once, when its peer is in a namespace saved. */
static int save_veth(struct run *r, struct topo *t, struct nsstate *s, struct st_link *l)
{
	struct nsstate *ps;
	struct st_link *peer;
	int rc;

	if (!*l->peer_ns || !ns_listed(t, l->peer_ns)) {
		note(t, "not saved: %s/%s, a veth whose peer is in a namespace not saved", s->name,
		     l->name);
		return 0;
	}
	if ((rc = topo_state_of(r, l->peer_ns, &ps)) < 0)
		return rc;
	if (!(peer = link_by_index(ps, l->link))) {
		note(t, "not saved: %s/%s, a veth whose peer was not found", s->name, l->name);
		return 0;
	}
	l->saved = l->done = true;
	if (!peer->done) {
		struct topo_veth v = {.a = ref_in(t, s, l->name), .b = ref_in(t, ps, peer->name)};
		/* each end's root netem, as the words that make it */
		if ((rc = topo_impair_save(r, t, s->name, l->index, &v.imp[0].word0,
					   &v.imp[0].nwords)) < 0 ||
		    (rc = topo_impair_save(r, t, ps->name, peer->index, &v.imp[1].word0,
					   &v.imp[1].nwords)) < 0)
			return rc;
		*VEC_PUSH(t->veths) = v;
	}
	return 0;
}

/* A number of the kind's data, as text that lives as long as t. */
static const char *num_text(struct topo *t, uint32_t v)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", v);
	return topo_keep(t, buf);
}

/* A device of a kind a file describes, with what the file says of its data. */
static void save_dev(struct topo *t, const struct nsstate *s, const struct st_link *l,
		     enum topo_kind kind)
{
	const struct kind_nl *k = &topo_kind_nl[kind];
	struct topo_dev *d = VEC_PUSH(t->devs);
	char buf[INET6_ADDRSTRLEN];
	size_t n = topo_addr_bytes(l->family);

	d->ref = ref_in(t, s, l->name);
	d->kind = kind;
	if (l->family && (k->local || k->local6) && !topo_is_zero(l->local, n)) {
		d->local = topo_keep(t, format_addr(l->family, l->local, buf, sizeof(buf)));
		d->lp = (struct inet_prefix){.family = l->family, .len = (uint8_t)(n * 8)};
		memcpy(d->lp.bytes, l->local, n);
	}
	if (l->family && (k->remote || k->remote6) && !topo_is_zero(l->remote, n)) {
		d->remote = topo_keep(t, format_addr(l->family, l->remote, buf, sizeof(buf)));
		d->rp = (struct inet_prefix){.family = l->family, .len = (uint8_t)(n * 8)};
		memcpy(d->rp.bytes, l->remote, n);
	}
	if (k->id)
		d->id = num_text(t, d->idv = l->id);
	if (k->table)
		d->table = num_text(t, d->tablev = l->table);
	if (k->port)
		d->dstport = num_text(t, d->dstportv = l->port);
	if ((k->lower || kind == TK_VLAN) && l->lower)
		d->link = topo_keep(t, topo_name_of_index(s, (int)l->lower));
}

/* A device saved in its kind's section, whose root netem no word of that
 * section writes (a links: device's impairment is, but save writes no
 * links: device): said in a note, with the words that would make it. */
static int save_dev_impair(struct run *r, struct topo *t, const struct nsstate *s,
			   const struct st_link *l)
{
	char words[200];
	size_t w0, n;
	int rc;

	if ((rc = topo_impair_save(r, t, s->name, l->index, &w0, &n)) < 0 || !n)
		return rc;
	topo_impair_text(t->words.v + w0, n, words, sizeof(words));
	t->words.n = w0;
	note(t, "not saved: the impairment of %s/%s, a %s (%s)", s->name, l->name, l->kind, words);
	return 0;
}

/* The devices of s that a file describes, and which are up. */
static int save_links(struct run *r, struct topo *t, struct nsstate *s)
{
	int rc;

	for (size_t i = 0; i < s->links.n; i++) {
		struct st_link *l = &s->links.v[i];
		int k;
		for (k = 0; k < TK_NKINDS && !topo_dev_is(l, (enum topo_kind)k); k++)
			;
		if (l->flags & IFF_LOOPBACK) {
			l->saved = true;
		} else if (topo_kernel_made(l)) {
			continue;
		} else if (k < TK_NKINDS) {
			l->saved = true;
			save_dev(t, s, l, (enum topo_kind)k);
			if ((rc = save_dev_impair(r, t, s, l)) < 0)
				return rc;
		} else if (!strcmp(l->kind, topo_veth_kind)) {
			if ((rc = save_veth(r, t, s, l)) < 0)
				return rc;
		} else {
			note(t, "not saved: %s/%s, a device of %s%s", s->name, l->name,
			     *l->kind ? "kind " : "no kind", l->kind);
		}
		if (l->saved && (l->flags & IFF_UP))
			*VEC_PUSH(t->ups) = ref_in(t, s, l->name);
	}
	return 0;
}

/* An address the user gave a device saved. */
static void save_addr(struct topo *t, const struct nsstate *s, const struct st_link *l,
		      const struct st_addr *a)
{
	char text[INET6_ADDRSTRLEN + 8], buf[INET6_ADDRSTRLEN];
	struct topo_addr *ta;

	if (a->index != l->index || !l->saved || !topo_user_addr(l, a))
		return;
	snprintf(text, sizeof(text), "%s/%u", format_addr(a->family, a->bytes, buf, sizeof(buf)),
		 a->len);
	ta = VEC_PUSH(t->addrs);
	ta->dev = ref_in(t, s, l->name);
	ta->text = topo_keep(t, text);
	ta->p = (struct inet_prefix){.family = a->family, .len = a->len, .has_len = true};
	memcpy(ta->p.bytes, a->bytes, topo_addr_bytes(a->family));
}

/* The ports of masters saved, and the addresses of devices saved, device
 * by device. */
static void save_ports_addrs(struct topo *t, struct nsstate *s)
{
	for (size_t i = 0; i < s->links.n; i++) {
		struct st_link *l = &s->links.v[i], *m;
		if (l->saved && l->master && (m = link_by_index(s, l->master)) && m->saved)
			*VEC_PUSH(t->ports) = (struct topo_port){.dev = ref_in(t, s, l->name),
								 .master = topo_keep(t, m->name)};
	}
	for (size_t j = 0; j < s->links.n; j++)
		for (size_t i = 0; i < s->addrs.n; i++)
			save_addr(t, s, &s->links.v[j], &s->addrs.v[i]);
}

/* The routes the user added (boot or static), through one gateway. */
static void save_routes(struct topo *t, struct nsstate *s)
{
	for (size_t i = 0; i < s->routes.n; i++) {
		const struct st_route *k = &s->routes.v[i];
		struct topo_route *tr;
		char to[INET6_ADDRSTRLEN + 8], via[INET6_ADDRSTRLEN];
		if (!topo_user_route(k))
			continue;
		topo_route_to(k, to, sizeof(to));
		if (k->type != RTN_UNICAST || !k->has_gw || k->multipath) {
			note(t, "not saved: a route to %s in %s, not through one gateway", to,
			     s->name);
			continue;
		}
		format_addr(k->family, k->gw, via, sizeof(via));
		tr = VEC_PUSH(t->routes);
		tr->protocol = -1;
		for (int w = 0; k->protocol != RTPROT_BOOT && rt_proto_words[w]; w++)
			if (rt_proto_values[w] == k->protocol) {
				tr->proto = rt_proto_words[w];
				tr->protocol = k->protocol;
			}
		tr->ns = topo_keep(t, s->name);
		tr->to = topo_keep(t, to);
		tr->via = topo_keep(t, via);
		tr->dst = (struct inet_prefix){.family = k->family, .len = k->len, .has_len = true};
		memcpy(tr->dst.bytes, k->dst, topo_addr_bytes(k->family));
		tr->gw = (struct inet_prefix){.family = k->family, .len = 0};
		memcpy(tr->gw.bytes, k->gw, topo_addr_bytes(k->family));
	}
}

static int cmp_links(const void *a, const void *b)
{
	return strcmp(((const struct st_link *)a)->name, ((const struct st_link *)b)->name);
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The namespaces to save: those named, each checked, or every named one. */
static int save_names(struct run *r, struct topo *t, const struct val *v)
{
	char path[4096];

	if (v[0].nrest) {
		for (int i = 0; i < v[0].nrest; i++) {
			const char *n = v[0].rest[i];
			snprintf(path, sizeof(path), "%s/%s", netns_dir(), n);
			if (strchr(n, '/') || access(path, F_OK) < 0) {
				snprintf(r->c->reason, sizeof(r->c->reason),
					 "%s: no namespace of that name", n);
				return -ENOENT;
			}
			if (topo_ns_kind(n, NULL) == NS_LEFTOVER) {
				snprintf(r->c->reason, sizeof(r->c->reason),
					 "%s: a leftover of a killed run, no namespace", n);
				snprintf(r->c->hint, sizeof(r->c->hint),
					 "vnetctl netns del %s removes it", n);
				return -EUCLEAN;
			}
			if (!ns_listed(t, n))
				*VEC_PUSH(t->nss) = (struct topo_ns){.name = topo_keep(t, n)};
		}
		return 0;
	}
	DIR *d = opendir(netns_dir());
	struct dirent *e;
	if (!d)
		return errno == ENOENT ? 0 : err_errno(r->c, errno, NULL);
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (topo_ns_kind(e->d_name, NULL) == NS_LEFTOVER)
			note(t,
			     "not saved: %s, a leftover of a killed run (no namespace behind the "
			     "file)",
			     e->d_name);
		else
			*VEC_PUSH(t->nss) = (struct topo_ns){.name = topo_keep(t, e->d_name)};
	}
	closedir(d);
	if (t->nss.n) /* qsort of NULL is undefined, even of none */
		qsort(t->nss.v, t->nss.n, sizeof(*t->nss.v), cmp_names);
	return 0;
}

/* The running state of the namespaces as a topology file, on stdout. */
int topo_save_run(struct run *r, struct topo *t, const struct val *v)
{
	struct nsstate *s;
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if ((rc = save_names(r, t, v)) < 0)
		return rc;
	/* devices by name: the file is the same whatever order they were
	 * made in (a veth's first end is the first by namespace and name) */
	for (size_t i = 0; i < t->nss.n; i++) {
		if ((rc = topo_state_of(r, t->nss.v[i].name, &s)) < 0)
			return rc;
		if (s->links.n)
			qsort(s->links.v, s->links.n, sizeof(*s->links.v), cmp_links);
	}
	if ((rc = topo_resolve_peers(r)) < 0)
		return rc;
	for (size_t i = 0; i < t->nss.n; i++) {
		if ((rc = topo_state_of(r, t->nss.v[i].name, &s)) < 0 ||
		    (rc = save_links(r, t, s)) < 0)
			return rc;
	}
	for (size_t i = 0; i < t->nss.n; i++) {
		if ((rc = topo_state_of(r, t->nss.v[i].name, &s)) < 0)
			return rc;
		save_ports_addrs(t, s);
		save_routes(t, s);
	}
	if (!(f = open_memstream(&text, &len)))
		abort();
	topo_write(f, t);
	fclose(f);
	out_text(r->c->out, "%s", text);
	free(text);
	return 0;
}
