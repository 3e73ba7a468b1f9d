// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target: the topology reader and writer (objects/topo/topo_parse.c,
 * topo_yaml.c, topo_write.c).  The input is a topology file's bytes.  When
 * it reads, it is written back (with a comment naming each namespace and
 * device, as topo save notes what it leaves out), the text read again, and
 * the two must be the same topology: abort() otherwise.  The writer must
 * make a file the reader reads whatever the names hold, and a comment must
 * stay a comment.
 *
 * The same means: the namespaces, devices, veths and ports in their order;
 * each device's addresses and each namespace's routes in their order (the
 * writer groups them by device and namespace); the devices set up as a set
 * (the writer says "up: true" with a device where it can); the hosts, the
 * default host, the overlay and each namespace's host.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "topo_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same_ref(const struct topo_ref *a, const struct topo_ref *b)
{
	return !strcmp(a->ns, b->ns) && !strcmp(a->dev, b->dev);
}

static bool same_prefix(const struct inet_prefix *a, const struct inet_prefix *b)
{
	return a->family == b->family && a->len == b->len && a->has_len == b->has_len &&
	       !memcmp(a->bytes, b->bytes, sizeof(a->bytes));
}

static bool same_dev(const struct topo_dev *a, const struct topo_dev *b)
{
	for (int k = 0; k < D_NKEYS; k++)
		if (!same_str(topo_dev_value(a, (enum topo_dev_key)k),
			      topo_dev_value(b, (enum topo_dev_key)k)))
			return false;
	return same_ref(&a->ref, &b->ref) && a->kind == b->kind && a->nwords == b->nwords &&
	       same_prefix(&a->lp, &b->lp) && same_prefix(&a->rp, &b->rp) && a->idv == b->idv &&
	       a->tablev == b->tablev && a->dstportv == b->dstportv;
}

static bool same_addr(const struct topo_addr *a, const struct topo_addr *b)
{
	return same_ref(&a->dev, &b->dev) && !strcmp(a->text, b->text) && same_prefix(&a->p, &b->p);
}

static bool same_route(const struct topo_route *a, const struct topo_route *b)
{
	return !strcmp(a->ns, b->ns) && !strcmp(a->to, b->to) && !strcmp(a->via, b->via) &&
	       same_str(a->proto, b->proto) && a->protocol == b->protocol &&
	       same_prefix(&a->dst, &b->dst) && same_prefix(&a->gw, &b->gw);
}

/* The k-th address of a, counting a device's addresses together, devices
 * in the order of their first (as the writer writes them). */
static const struct topo_addr *grouped_addr(const struct topo *t, size_t k)
{
	for (size_t i = 0; i < t->addrs.n; i++) {
		size_t first = 0;
		while (!same_ref(&t->addrs.v[first].dev, &t->addrs.v[i].dev))
			first++;
		if (first < i)
			continue;
		for (size_t j = i; j < t->addrs.n; j++)
			if (same_ref(&t->addrs.v[j].dev, &t->addrs.v[i].dev) && k-- == 0)
				return &t->addrs.v[j];
	}
	return NULL;
}

static const struct topo_route *grouped_route(const struct topo *t, size_t k)
{
	for (size_t i = 0; i < t->routes.n; i++) {
		size_t first = 0;
		while (strcmp(t->routes.v[first].ns, t->routes.v[i].ns))
			first++;
		if (first < i)
			continue;
		for (size_t j = i; j < t->routes.n; j++)
			if (!strcmp(t->routes.v[j].ns, t->routes.v[i].ns) && k-- == 0)
				return &t->routes.v[j];
	}
	return NULL;
}

/* Every device a sets up, b sets up. */
static bool ups_in(const struct topo *a, const struct topo *b)
{
	for (size_t i = 0; i < a->ups.n; i++) {
		size_t j = 0;
		while (j < b->ups.n && !same_ref(&a->ups.v[i], &b->ups.v[j]))
			j++;
		if (j == b->ups.n)
			return false;
	}
	return true;
}

static bool same_topo(const struct topo *a, const struct topo *b)
{
	if (a->nss.n != b->nss.n || a->devs.n != b->devs.n || a->veths.n != b->veths.n ||
	    a->ports.n != b->ports.n || a->addrs.n != b->addrs.n || a->routes.n != b->routes.n)
		return false;
	for (size_t i = 0; i < a->nss.n; i++)
		if (strcmp(a->nss.v[i].name, b->nss.v[i].name) ||
		    !same_str(a->nss.v[i].host, b->nss.v[i].host))
			return false;
	for (size_t i = 0; i < a->devs.n; i++)
		if (!same_dev(&a->devs.v[i], &b->devs.v[i]))
			return false;
	/* a lab on several hosts: its hosts in their order, the default, the overlay */
	if (a->hosts.n != b->hosts.n || !same_str(a->host, b->host) ||
	    !same_str(a->overlay, b->overlay))
		return false;
	for (size_t i = 0; i < a->hosts.n; i++) {
		const struct topo_host *x = &a->hosts.v[i], *y = &b->hosts.v[i];
		if (strcmp(x->name, y->name) || strcmp(x->ssh, y->ssh) || x->sudo != y->sudo ||
		    !same_str(x->underlay, y->underlay) || !same_str(x->mtu, y->mtu) ||
		    x->mtuv != y->mtuv)
			return false;
	}
	/* a link's words, KEY VALUE pairs, in their order */
	if (a->words.n != b->words.n)
		return false;
	for (size_t i = 0; i < a->words.n; i++)
		if (!same_str(a->words.v[i], b->words.v[i]))
			return false;
	for (size_t i = 0; i < a->veths.n; i++)
		if (!same_ref(&a->veths.v[i].a, &b->veths.v[i].a) ||
		    !same_ref(&a->veths.v[i].b, &b->veths.v[i].b))
			return false;
	for (size_t i = 0; i < a->ports.n; i++)
		if (!same_ref(&a->ports.v[i].dev, &b->ports.v[i].dev) ||
		    strcmp(a->ports.v[i].master, b->ports.v[i].master))
			return false;
	for (size_t i = 0; i < a->addrs.n; i++)
		if (!same_addr(grouped_addr(a, i), grouped_addr(b, i)))
			return false;
	for (size_t i = 0; i < a->routes.n; i++)
		if (!same_route(grouped_route(a, i), grouped_route(b, i)))
			return false;
	return ups_in(a, b) && ups_in(b, a);
}

/* A comment for each namespace and device: names in comments, as topo
 * save writes them. */
static void add_notes(struct topo *t)
{
	size_t n = t->nss.n + t->devs.n;

	if (!n || !(t->notes.v = calloc(n, sizeof(*t->notes.v))))
		return;
	for (size_t i = 0; i < t->nss.n; i++)
		t->notes.v[t->notes.n++] = t->nss.v[i].name;
	for (size_t i = 0; i < t->devs.n; i++)
		t->notes.v[t->notes.n++] = t->devs.v[i].ref.dev;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctx c = {0};
	struct topo a, b;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (topo_parse(&c, "in", (const char *)data, size, &a) < 0)
		return 0;
	add_notes(&a);
	if (!(f = open_memstream(&text, &len)))
		abort();
	topo_write(f, &a);
	fclose(f);
	if (topo_parse(&c, "written", text, len, &b) < 0) {
		fprintf(stderr, "the file written does not read: %s\n%s", c.reason, text);
		abort();
	}
	if (!same_topo(&a, &b)) {
		fprintf(stderr, "the file written reads as another topology:\n%s", text);
		abort();
	}
	topo_free(&a);
	topo_free(&b);
	free(text);
	return 0;
}
