// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A topology (struct topo, topo_parse.h) written back as a file that
 * topo_parse() reads as the same topology: what `topo save` prints.  The
 * keys are topo_parse.c's tables, spelled there once.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "topo_parse.h"

/* A scalar as is when YAML reads it back as that text, else double-quoted. */
static void put_word(FILE *f, const char *s)
{
	static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
				    "._/-+@";

	if (isalnum((unsigned char)*s) && strspn(s, plain) == strlen(s)) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++)
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\x%02x", (unsigned char)*s);
		else
			fputc(*s, f);
	fputc('"', f);
}

static void put_ref(FILE *f, const struct topo_ref *r)
{
	char buf[600];

	snprintf(buf, sizeof(buf), "%s%s%s", r->ns, *r->ns ? "/" : "", r->dev);
	put_word(f, buf);
}

/* "KEY:" on a line of its own (a section), or "KEY: " before its value. */
static void put_section(FILE *f, enum topo_key k)
{
	fprintf(f, "%s:\n", topo_keys[k]);
}

static void put_key(FILE *f, int indent, const char *dash, const char *key)
{
	fprintf(f, "%*s%s%s: ", indent, "", dash, key);
}

static bool same_ref(const struct topo_ref *a, const struct topo_ref *b)
{
	return !strcmp(a->ns, b->ns) && !strcmp(a->dev, b->dev);
}

static bool is_up(const struct topo *t, const struct topo_ref *r)
{
	for (size_t i = 0; i < t->ups.n; i++)
		if (same_ref(&t->ups.v[i], r))
			return true;
	return false;
}

static bool veth_up(const struct topo *t, const struct topo_veth *v)
{
	return is_up(t, &v->a) && is_up(t, &v->b);
}

const char *topo_dev_value(const struct topo_dev *d, enum topo_dev_key k)
{
	switch (k) {
	case D_MODE:
		return topo_kind_names[d->kind];
	case D_LOCAL:
		return d->local;
	case D_REMOTE:
		return d->remote;
	case D_ID:
		return d->id;
	case D_LINK:
		return d->link;
	case D_DSTPORT:
		return d->dstport;
	case D_TABLE:
		return d->table;
	default:
		return NULL;
	}
}

/* NS/NAME: {ports, up, the kind's keys}, in its kind's section. */
static void write_dev(FILE *f, const struct topo *t, const struct topo_dev *d)
{
	bool any = false;
	int kinds = 0;

	fprintf(f, "  ");
	put_ref(f, &d->ref);
	fprintf(f, ":");
	for (int i = 0; i < TK_NKINDS; i++)
		kinds += topo_kind_section[i] == topo_kind_section[d->kind];
	if (kinds > 1) { /* mode first, in a section of several kinds */
		fprintf(f, "\n    %s: ", topo_dev_keys[D_MODE]);
		put_word(f, topo_kind_names[d->kind]);
		any = true;
	}
	for (size_t i = 0; i < t->ports.n; i++) {
		const struct topo_port *p = &t->ports.v[i];
		if (strcmp(p->dev.ns, d->ref.ns) || strcmp(p->master, d->ref.dev))
			continue;
		if (!any)
			fprintf(f, "\n    %s:", topo_dev_keys[D_PORTS]);
		any = true;
		fprintf(f, "\n      - ");
		put_word(f, p->dev.dev);
	}
	if (is_up(t, &d->ref)) {
		fprintf(f, "\n    %s: %s", topo_dev_keys[D_UP], topo_bool_words[1]);
		any = true;
	}
	for (int k = D_MODE + 1; k < D_NKEYS; k++) {
		const char *val = topo_dev_value(d, (enum topo_dev_key)k);
		if (!val)
			continue;
		fprintf(f, "\n    %s: ", topo_dev_keys[k]);
		put_word(f, val);
		any = true;
	}
	fprintf(f, "%s\n", any ? "" : " {}");
}

/* Whether a device set up is written so with its device or its veth
 * (else it goes in the up list). */
static bool up_written(const struct topo *t, const struct topo_ref *r)
{
	for (size_t i = 0; i < t->devs.n; i++)
		if (same_ref(&t->devs.v[i].ref, r))
			return true;
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		if ((same_ref(&v->a, r) || same_ref(&v->b, r)) && veth_up(t, v))
			return true;
	}
	return false;
}

/* Each section of devices, in the order of the keys. */
static void write_devs(FILE *f, const struct topo *t)
{
	for (int k = 0; k < K_NTOP; k++) {
		bool any = false;
		for (size_t i = 0; i < t->devs.n; i++) {
			if (topo_kind_section[t->devs.v[i].kind] != (enum topo_key)k)
				continue;
			if (!any)
				put_section(f, (enum topo_key)k);
			any = true;
			write_dev(f, t, &t->devs.v[i]);
		}
	}
}

static void write_veths(FILE *f, const struct topo *t)
{
	if (t->veths.n)
		put_section(f, K_VETHS);
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		put_key(f, 2, "- ", topo_veth_keys[V_A]);
		put_ref(f, &v->a);
		put_key(f, 0, "\n    ", topo_veth_keys[V_B]);
		put_ref(f, &v->b);
		if (veth_up(t, v))
			fprintf(f, "\n    %s: %s", topo_veth_keys[V_UP], topo_bool_words[1]);
		fprintf(f, "\n");
	}
}

/* Each device's addresses together, in the order of its first. */
static void write_addrs(FILE *f, const struct topo *t)
{
	if (t->addrs.n)
		put_section(f, K_ADDRESSES);
	for (size_t i = 0; i < t->addrs.n; i++) {
		const struct topo_ref *dev = &t->addrs.v[i].dev;
		size_t k;
		for (k = 0; k < i && !same_ref(&t->addrs.v[k].dev, dev); k++)
			;
		if (k < i)
			continue;
		fprintf(f, "  ");
		put_ref(f, dev);
		fprintf(f, ":");
		for (k = i; k < t->addrs.n; k++)
			if (same_ref(&t->addrs.v[k].dev, dev)) {
				fprintf(f, "\n    - ");
				put_word(f, t->addrs.v[k].text);
			}
		fprintf(f, "\n");
	}
}

static void write_ups(FILE *f, const struct topo *t)
{
	bool any = false;

	for (size_t i = 0; i < t->ups.n; i++) {
		if (up_written(t, &t->ups.v[i]))
			continue;
		if (!any)
			put_section(f, K_UP);
		any = true;
		fprintf(f, "  - ");
		put_ref(f, &t->ups.v[i]);
		fprintf(f, "\n");
	}
}

/* Each namespace's routes together, in the order of its first. */
static void write_routes(FILE *f, const struct topo *t)
{
	if (t->routes.n)
		put_section(f, K_ROUTES);
	for (size_t i = 0; i < t->routes.n; i++) {
		const char *ns = t->routes.v[i].ns;
		size_t k;
		for (k = 0; k < i && strcmp(t->routes.v[k].ns, ns); k++)
			;
		if (k < i)
			continue;
		fprintf(f, "  ");
		put_word(f, ns);
		fprintf(f, ":\n");
		for (k = i; k < t->routes.n; k++) {
			const struct topo_route *r = &t->routes.v[k];
			if (strcmp(r->ns, ns))
				continue;
			put_key(f, 4, "- ", topo_route_keys[R_TO]);
			put_word(f, r->to);
			put_key(f, 0, "\n      ", topo_route_keys[R_VIA]);
			put_word(f, r->via);
			if (r->proto) {
				put_key(f, 0, "\n      ", topo_route_keys[R_PROTO]);
				put_word(f, r->proto);
			}
			fprintf(f, "\n");
		}
	}
}

void topo_write(FILE *f, const struct topo *t)
{
	for (size_t i = 0; i < t->notes.n; i++)
		fprintf(f, "# %s\n", t->notes.v[i]);
	if (t->nss.n)
		put_section(f, K_NAMESPACES);
	for (size_t i = 0; i < t->nss.n; i++) {
		fprintf(f, "  - ");
		put_word(f, t->nss.v[i].name);
		fprintf(f, "\n");
	}
	write_devs(f, t);
	write_veths(f, t);
	write_addrs(f, t);
	write_ups(f, t);
	write_routes(f, t);
}
