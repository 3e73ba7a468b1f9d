// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A topology on several hosts split into one part per host: each
 * namespace is on its host (host: NAME, else the file's default), each
 * device on its namespace's host (a device of the caller's namespace on
 * its own host: key), and so are its ports, addresses, routes and its
 * being up.  A veth whose two ends are on two hosts becomes an overlay
 * link: on each side a device of the overlay's kind (vxlan unless the
 * file says overlay: geneve or gretap) with the end's name, in the end's
 * namespace, made in the host's own namespace and moved there (its socket
 * stays on the underlay), sending to the other host's underlay address,
 * with a network identifier taken from the link's two ends (the same run
 * after run) and the MTU of the underlay less the overlay's header; the
 * end's impairment is its overlay device's (a root netem on each side).
 *
 * A part is written by topo_write, so that it is an ordinary one-host
 * topology file: what the remote vnetctl reads on its standard input.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_hosts.h"
#include "topo_yaml.h"

/* The overlays' headers, over IPv4 and over IPv6: the outer IP header,
 * UDP and the VXLAN or Geneve header (8 each, Geneve without options) and
 * the inner Ethernet header; gretap's GRE header is 4 bytes. */
static const struct {
	const char *v6kind;
	unsigned head4, head6;
} overlays[] = {{"vxlan", 50, 70}, {"geneve", 50, 70}, {"ip6gretap", 38, 58}};

#define DEFAULT_MTU 1500
#define VXLAN_PORT  "4789"

static int bad(struct ctx *c, const struct topo *t, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int bad(struct ctx *c, const struct topo *t, int line, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(c->reason, sizeof(c->reason), "%s:%d: %s", t->file, line, what);
	return -VN_EUSAGE;
}

static int host_index(const struct topo *t, const char *name)
{
	for (size_t i = 0; i < t->hosts.n; i++)
		if (!strcmp(t->hosts.v[i].name, name))
			return (int)i;
	return -1;
}

/* What a split looks names up in, each in constant time (a lab may have
 * 100,000 namespaces): the default host, each namespace's (by_ns: its
 * name to its host) and each device of the caller's namespace given one
 * (by_dev). */
struct split {
	struct ctx *c;
	const struct topo *t;
	int def;
	int *ns_host; /* t->nss.n */
	struct tset by_ns, by_dev;
};

static int ns_host(struct split *s, const char *ns)
{
	const uint32_t *h = tset_find(&s->by_ns, ns, strlen(ns));

	return h ? (int)*h : s->def;
}

/* The host of a device: its namespace's, or, in the caller's namespace,
 * its own (host:) when the file makes it with one. */
static int ref_host(struct split *s, const struct topo_ref *r)
{
	const uint32_t *h;

	if (*r->ns)
		return ns_host(s, r->ns);
	h = tset_find(&s->by_dev, r->dev, strlen(r->dev));
	return h ? (int)*h : s->def;
}

static int check_hosts(struct split *s)
{
	const struct topo *t = s->t;
	bool found;

	s->def = 0;
	if (t->host && (s->def = host_index(t, t->host)) < 0)
		return bad(s->c, t, t->host_line, "%s: \"%s\" is not one of %s", topo_keys[K_HOST],
			   t->host, topo_keys[K_HOSTS]);
	if (!(s->ns_host = calloc(t->nss.n + 1, sizeof(int))))
		abort();
	for (size_t i = 0; i < t->nss.n; i++) {
		const struct topo_ns *n = &t->nss.v[i];
		s->ns_host[i] = n->host ? host_index(t, n->host) : s->def;
		if (s->ns_host[i] < 0)
			return bad(s->c, t, n->line,
				   "namespace \"%s\": host \"%s\" is not one of %s", n->name,
				   n->host, topo_keys[K_HOSTS]);
		tset_get(&s->by_ns, n->name, strlen(n->name), (uint32_t)s->ns_host[i], &found);
	}
	for (size_t i = 0; i < t->devs.n; i++) {
		const struct topo_dev *d = &t->devs.v[i];
		if (!d->host)
			continue;
		if (host_index(t, d->host) < 0)
			return bad(s->c, t, d->ref.line, "%s: host \"%s\" is not one of %s",
				   d->ref.dev, d->host, topo_keys[K_HOSTS]);
		if (*d->ref.ns && host_index(t, d->host) != ns_host(s, d->ref.ns))
			return bad(s->c, t, d->ref.line,
				   "%s: on host \"%s\", but its namespace \"%s\" is on \"%s\"",
				   d->ref.dev, d->host, d->ref.ns,
				   t->hosts.v[ns_host(s, d->ref.ns)].name);
		if (!*d->ref.ns)
			tset_get(&s->by_dev, d->ref.dev, strlen(d->ref.dev),
				 (uint32_t)host_index(t, d->host), &found);
	}
	return 0;
}

/* The address the other hosts send host h's overlay traffic to: its
 * underlay, else the address its ssh destination is (the name resolved
 * here), in text. */
static int underlay_of(struct split *s, const struct topo_host *h, char *out, size_t size,
		       int *family)
{
	char name[256];
	const char *at = strrchr(h->ssh, '@');
	struct addrinfo hints = {.ai_socktype = SOCK_DGRAM}, *res = NULL;
	int rc;

	snprintf(name, sizeof(name), "%s", h->underlay ? h->underlay : at ? at + 1 : h->ssh);
	if (!h->underlay && name[0] == '[') { /* [ADDR] */
		memmove(name, name + 1, strlen(name));
		name[strcspn(name, "]")] = '\0';
	}
	if ((rc = getaddrinfo(name, NULL, &hints, &res)) != 0 || !res)
		return bad(s->c, s->t, h->line,
			   "host \"%s\": no address for \"%s\" (%s): give it %s: ADDR", h->name,
			   name, gai_strerror(rc), topo_host_keys[H_UNDERLAY]);
	*family = res->ai_family;
	if (res->ai_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)res->ai_addr)->sin_addr, out,
			  (socklen_t)size);
	else
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)res->ai_addr)->sin6_addr, out,
			  (socklen_t)size);
	freeaddrinfo(res);
	return 0;
}

/* A link's network identifier from its two ends, whichever is a: FNV-1a
 * of both, 1..2^24-1; the next free one when two overlay links' meet (used:
 * those given, in the file's order). */
static uint32_t vni_of(const struct topo_veth *v, struct tset *used)
{
	const struct topo_ref *e[2] = {&v->a, &v->b};
	uint32_t h = 2166136261u, vni;
	bool found;

	if (strcmp(v->a.ns, v->b.ns) > 0 ||
	    (!strcmp(v->a.ns, v->b.ns) && strcmp(v->a.dev, v->b.dev) > 0)) {
		e[0] = &v->b;
		e[1] = &v->a;
	}
	for (int k = 0; k < 2; k++)
		for (int f = 0; f < 2; f++) {
			const char *p = f ? e[k]->dev : e[k]->ns;
			do
				h = (h ^ (unsigned char)*p) * 16777619u;
			while (*p++);
		}
	vni = h % 16777215u + 1;
	while (tset_find(used, &vni, sizeof(vni)))
		vni = vni % 16777215u + 1;
	tset_get(used, &vni, sizeof(vni), 0, &found);
	return vni;
}

static void push_word(struct topo *p, const char *w)
{
	*VEC_PUSH(p->words) = topo_keep(p, w);
}

/* Impairment imp's words of t, into part p's: the part's impairment. */
static struct topo_impair copy_impair(struct topo *p, const struct topo *t,
				      const struct topo_impair *imp)
{
	struct topo_impair w = {.word0 = p->words.n, .nwords = imp->nwords};

	for (size_t k = 0; k < 2 * imp->nwords; k++)
		*VEC_PUSH(p->words) = t->words.v[imp->word0 + k];
	return w;
}

/* End e of v (0: a, 1: b), on host `me`, as an overlay device to the
 * other host, with the end's impairment. */
static int overlay_dev(struct split *s, struct topo *p, const struct topo_veth *v, int e, int other,
		       uint32_t vni, int me)
{
	const struct topo_ref *end = e ? &v->b : &v->a;
	const struct topo *t = s->t;
	const char *kind = t->overlay ? t->overlay : topo_overlay_kinds[0];
	const struct topo_host *h = &t->hosts.v[other], *mine = &t->hosts.v[me];
	char addr[INET6_ADDRSTRLEN], num[16];
	struct topo_dev d = {.ref = *end, .kind = TK_LINK};
	unsigned mtu, k = 0;
	int family = AF_INET, rc;

	if ((rc = underlay_of(s, h, addr, sizeof(addr), &family)) < 0)
		return rc;
	while (strcmp(topo_overlay_kinds[k], kind))
		k++;
	mtu = h->mtu ? h->mtuv : DEFAULT_MTU;
	if ((mine->mtu ? mine->mtuv : DEFAULT_MTU) < mtu)
		mtu = mine->mtu ? mine->mtuv : DEFAULT_MTU;
	mtu -= family == AF_INET6 ? overlays[k].head6 : overlays[k].head4;
	d.ref.line = v->line;
	d.kind_name = family == AF_INET6 ? overlays[k].v6kind : kind;
	snprintf(num, sizeof(num), "%u", mtu);
	d.mtu = topo_keep(p, num);
	d.mtuv = mtu;
	d.outside = *end->ns ? topo_bool_words[1] : NULL;
	d.word0 = p->words.n;
	snprintf(num, sizeof(num), "%u", vni);
	/* gretap's identifier is its key */
	push_word(p, k == 2 ? "key" : "id");
	push_word(p, num);
	push_word(p, "remote");
	push_word(p, addr);
	d.nwords = 2;
	if (k == 0) {
		push_word(p, "dstport");
		push_word(p, VXLAN_PORT);
		d.nwords++;
	}
	d.imp = copy_impair(p, t, &v->imp[e]);
	*VEC_PUSH(p->devs) = d;
	return 0;
}

/* Host h's part of s->t into p. */
static int part_of(struct split *s, int h, struct topo *p, uint32_t *vnis)
{
	const struct topo *t = s->t;
	char note[300];
	int rc;

	p->file = t->file;
	snprintf(note, sizeof(note), "host %s's part of %s", t->hosts.v[h].name, t->file);
	*VEC_PUSH(p->notes) = topo_keep(p, note);
	for (size_t i = 0; i < t->nss.n; i++)
		if (s->ns_host[i] == h)
			*VEC_PUSH(p->nss) =
			    (struct topo_ns){.name = t->nss.v[i].name, .line = t->nss.v[i].line};
	for (size_t i = 0; i < t->devs.n; i++) {
		struct topo_dev d = t->devs.v[i];
		if (ref_host(s, &d.ref) != h)
			continue;
		d.host = NULL;
		if (d.kind == TK_LINK) { /* its words, into the part's */
			size_t w0 = p->words.n;
			for (size_t k = 0; k < 2 * d.nwords; k++)
				*VEC_PUSH(p->words) = t->words.v[d.word0 + k];
			d.word0 = w0;
			d.imp = copy_impair(p, t, &d.imp);
		}
		*VEC_PUSH(p->devs) = d;
	}
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		int ha = ref_host(s, &v->a), hb = ref_host(s, &v->b);
		if (ha == h && hb == h) {
			struct topo_veth w = *v;
			/* its impairments' words, into the part's */
			for (int e = 0; e < 2; e++)
				w.imp[e] = copy_impair(p, t, &v->imp[e]);
			*VEC_PUSH(p->veths) = w;
		} else if (ha == h && (rc = overlay_dev(s, p, v, 0, hb, vnis[i], h)) < 0)
			return rc;
		else if (hb == h && (rc = overlay_dev(s, p, v, 1, ha, vnis[i], h)) < 0)
			return rc;
	}
	for (size_t i = 0; i < t->ports.n; i++) {
		const struct topo_ref m = {.ns = t->ports.v[i].dev.ns, .dev = t->ports.v[i].master};
		if (ref_host(s, &m) == h)
			*VEC_PUSH(p->ports) = t->ports.v[i];
	}
	for (size_t i = 0; i < t->addrs.n; i++)
		if (ref_host(s, &t->addrs.v[i].dev) == h)
			*VEC_PUSH(p->addrs) = t->addrs.v[i];
	for (size_t i = 0; i < t->ups.n; i++)
		if (ref_host(s, &t->ups.v[i]) == h)
			*VEC_PUSH(p->ups) = t->ups.v[i];
	for (size_t i = 0; i < t->routes.n; i++)
		if (ns_host(s, t->routes.v[i].ns) == h)
			*VEC_PUSH(p->routes) = t->routes.v[i];
	return 0;
}

int topo_hosts_split(struct ctx *c, const struct topo *t, struct topo_part **parts)
{
	struct split s = {.c = c, .t = t};
	struct tset used = {0};
	uint32_t *vnis;
	int rc;

	*parts = calloc(t->hosts.n, sizeof(**parts));
	vnis = calloc(t->veths.n + 1, sizeof(*vnis));
	if (!*parts || !vnis)
		abort();
	if ((rc = check_hosts(&s)) < 0)
		goto out;
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		if (ref_host(&s, &v->a) != ref_host(&s, &v->b))
			vnis[i] = vni_of(v, &used);
	}
	for (size_t h = 0; h < t->hosts.n; h++) {
		struct topo_part *p = &(*parts)[h];
		FILE *f;
		p->host = &t->hosts.v[h];
		if ((rc = part_of(&s, (int)h, &p->t, vnis)) < 0)
			goto out;
		if (!(f = open_memstream(&p->text, &p->len)))
			abort();
		topo_write(f, &p->t);
		fclose(f);
	}
out:
	free(vnis);
	free(s.ns_host);
	tset_free(&s.by_ns);
	tset_free(&s.by_dev);
	tset_free(&used);
	if (rc < 0)
		topo_hosts_free(*parts, t->hosts.n);
	return rc;
}

void topo_hosts_free(struct topo_part *parts, size_t n)
{
	for (size_t i = 0; parts && i < n; i++) {
		free(parts[i].text);
		topo_free(&parts[i].t);
	}
	free(parts);
}

static bool same_ref(const struct topo_ref *a, const struct topo_ref *b)
{
	return !strcmp(a->ns, b->ns) && !strcmp(a->dev, b->dev);
}

int topo_hosts_line(struct ctx *c, const struct topo_part *p, int line)
{
	char reason[sizeof(c->reason)];
	struct topo q;
	int at = 0;

	memcpy(reason, c->reason, sizeof(reason));
	if (topo_parse(c, "-", p->text, p->len, &q) < 0) {
		memcpy(c->reason, reason, sizeof(reason));
		return 0;
	}
	memcpy(c->reason, reason, sizeof(reason));
	/* the element the part has at that line, and where the file has it */
	for (size_t i = 0; !at && i < q.nss.n; i++)
		if (q.nss.v[i].line == line)
			for (size_t k = 0; k < p->t.nss.n; k++)
				if (!strcmp(p->t.nss.v[k].name, q.nss.v[i].name))
					at = p->t.nss.v[k].line;
	for (size_t i = 0; !at && i < q.devs.n; i++)
		if (q.devs.v[i].ref.line == line)
			for (size_t k = 0; k < p->t.devs.n; k++)
				if (same_ref(&p->t.devs.v[k].ref, &q.devs.v[i].ref))
					at = p->t.devs.v[k].ref.line;
	for (size_t i = 0; !at && i < q.veths.n; i++)
		if (q.veths.v[i].line == line)
			for (size_t k = 0; k < p->t.veths.n; k++)
				if (same_ref(&p->t.veths.v[k].a, &q.veths.v[i].a))
					at = p->t.veths.v[k].line;
	for (size_t i = 0; !at && i < q.ports.n; i++)
		if (q.ports.v[i].dev.line == line)
			for (size_t k = 0; k < p->t.ports.n; k++)
				if (same_ref(&p->t.ports.v[k].dev, &q.ports.v[i].dev))
					at = p->t.ports.v[k].dev.line;
	for (size_t i = 0; !at && i < q.addrs.n; i++)
		if (q.addrs.v[i].dev.line == line)
			for (size_t k = 0; k < p->t.addrs.n; k++)
				if (same_ref(&p->t.addrs.v[k].dev, &q.addrs.v[i].dev) &&
				    !strcmp(p->t.addrs.v[k].text, q.addrs.v[i].text))
					at = p->t.addrs.v[k].dev.line;
	for (size_t i = 0; !at && i < q.routes.n; i++)
		if (q.routes.v[i].line == line)
			for (size_t k = 0; k < p->t.routes.n; k++)
				if (!strcmp(p->t.routes.v[k].ns, q.routes.v[i].ns) &&
				    !strcmp(p->t.routes.v[k].to, q.routes.v[i].to))
					at = p->t.routes.v[k].line;
	topo_free(&q);
	return at;
}

int topo_hosts_overlay(const struct topo_part *parts, size_t n, const struct topo_ref *r,
		       const char **kind, const char **id)
{
	for (size_t k = 0; k < n; k++) {
		const struct topo *p = &parts[k].t;
		for (size_t i = 0; i < p->devs.n; i++) {
			const struct topo_dev *d = &p->devs.v[i];
			const char *w = d->nwords ? p->words.v[d->word0] : "";
			if (d->kind != TK_LINK || strcmp(d->ref.ns, r->ns) ||
			    strcmp(d->ref.dev, r->dev) || (strcmp(w, "id") && strcmp(w, "key")))
				continue;
			*kind = d->kind_name;
			*id = p->words.v[d->word0 + 1];
			return (int)k;
		}
	}
	return -1;
}
