// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo graph FILE, for a lab on several hosts: `vnetctl graph dot` run on
 * each host through ssh (topo_remote.c), the hosts' graphs joined into one
 * Graphviz DOT graph, each host a cluster holding its namespaces' clusters
 * (their node names given the host's prefix, hK_), and an edge for each
 * overlay link between its two devices, labelled with the overlay's kind
 * and network identifier (the split's, topo_hosts.c).  The hosts' text is
 * already escaped by the vnetctl that printed it (a control byte from a
 * host that did not is written as \xHH all the same); the host's own
 * names are escaped here the same way (for the terminal, then as a DOT
 * string).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "topo_hosts.h"

#define CURRENT_LABEL "(current)" /* graph's name of the caller's namespace */

/* s for a terminal, then as a DOT string's body, into buf. */
static const char *dot_escape(char *buf, size_t size, const char *s)
{
	size_t need = 4 * strlen(s) + 1, n = 0;
	char *esc = malloc(need);

	if (!esc)
		abort();
	text_escape(esc, need, s);
	for (const char *p = esc; *p && n + 2 < size; p++) {
		if (*p == '"' || *p == '\\')
			buf[n++] = '\\';
		buf[n++] = *p;
	}
	buf[n] = '\0';
	free(esc);
	return buf;
}

/* A node of a host's graph: its namespace's label, its device's name (as
 * escaped in the text) and its id ("nI_J"). */
struct gnode {
	char ns[300], dev[80], id[40];
};

struct ghost {
	struct gnode *v;
	size_t n, cap;
};

static void node_add(struct ghost *g, const char *ns, const char *dev, size_t devlen,
		     const char *id, size_t idlen)
{
	struct gnode *x;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		if (!(g->v = realloc(g->v, g->cap * sizeof(*g->v))))
			abort();
	}
	x = &g->v[g->n++];
	snprintf(x->ns, sizeof(x->ns), "%s", ns);
	snprintf(x->dev, sizeof(x->dev), "%.*s", (int)devlen, dev);
	snprintf(x->id, sizeof(x->id), "%.*s", (int)idlen, id);
}

/* The length of a node id "nI_J" or a cluster's "cluster_I" at s (after
 * its opening quote), 0 when s is neither. */
static size_t id_len(const char *s)
{
	const char *p = s;

	if (!strncmp(p, "cluster_", 8))
		p += 8;
	else if (*p == 'n')
		p++;
	else
		return 0;
	p += strspn(p, "0123456789");
	if (*p == '_' && p > s + 1) {
		p++;
		p += strspn(p, "-0123456789");
	}
	return *p == '"' ? (size_t)(p - s) : 0;
}

/* One line of host k's graph, its ids prefixed (a cluster's after its
 * "cluster_", which makes a subgraph a cluster), one tab deeper. */
static void put_line(const char *l, size_t len, size_t k)
{
	putchar('\t');
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)l[i];
		/* a host's vnetctl escaped its text; a control byte from a host
		 * that did not is never passed to the terminal */
		if ((b < 0x20 && b != '\t') || b == 0x7f) {
			printf("\\x%02x", b);
			continue;
		}
		putchar(l[i]);
		if (l[i] != '"' || (i && l[i - 1] != '\t' && l[i - 1] != ' ') || !id_len(l + i + 1))
			continue;
		if (!strncmp(l + i + 1, "cluster_", 8)) {
			fputs("cluster_", stdout);
			i += 8;
		}
		printf("h%zu_", k);
	}
	putchar('\n');
}

/* Host k's graph (graph dot's output) into the joined one; its nodes into g. */
static void put_host(const struct topo_part *p, size_t k, const char *dot, struct ghost *g)
{
	char esc[600], ns[300] = "";
	const char *l = dot, *end;

	printf("\tsubgraph \"cluster_h%zu\" {\n\t\tlabel=\"host %s", k,
	       dot_escape(esc, sizeof(esc), p->host->name));
	printf(" (%s)\";\n", dot_escape(esc, sizeof(esc), p->host->ssh));
	for (; *l; l = *end ? end + 1 : end) {
		size_t len, idl;
		end = strchrnul(l, '\n');
		len = (size_t)(end - l);
		if (!len || !strncmp(l, "digraph ", 8) || !strncmp(l, "\tnode [", 7) ||
		    (len == 1 && *l == '}'))
			continue;
		if (!strncmp(l, "\t\tlabel=\"", 9) && len > 11) /* a namespace's cluster */
			snprintf(ns, sizeof(ns), "%.*s", (int)(len - 11), l + 9);
		else if (!strncmp(l, "\t\t\"", 3) && (idl = id_len(l + 3)) &&
			 !strncmp(l + 3 + idl, "\" [label=\"", 10)) {
			const char *name = l + 3 + idl + 10;
			const char *nl = strstr(name, "\\n");
			if (nl && nl < end)
				node_add(g, ns, name, (size_t)(nl - name), l + 3, idl);
		}
		put_line(l, len, k);
	}
	printf("\t}\n");
}

static const struct gnode *node_of(const struct ghost *g, const struct topo_ref *r)
{
	char ns[300], dev[80];

	dot_escape(ns, sizeof(ns), *r->ns ? r->ns : CURRENT_LABEL);
	dot_escape(dev, sizeof(dev), r->dev);
	for (size_t i = 0; i < g->n; i++)
		if (!strcmp(g->v[i].ns, ns) && !strcmp(g->v[i].dev, dev))
			return &g->v[i];
	return NULL;
}

static void put_overlays(const struct topo *t, const struct topo_part *parts, const struct ghost *g)
{
	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		const char *kind, *id, *kind2, *id2;
		int ha = topo_hosts_overlay(parts, t->hosts.n, &v->a, &kind, &id);
		int hb = topo_hosts_overlay(parts, t->hosts.n, &v->b, &kind2, &id2);
		const struct gnode *a, *b;
		if (ha < 0 || hb < 0 || ha == hb || !(a = node_of(&g[ha], &v->a)) ||
		    !(b = node_of(&g[hb], &v->b)))
			continue;
		printf("\t\"h%d_%s\" -> \"h%d_%s\" [label=\"%s %s\", dir=none, penwidth=2, "
		       "style=bold];\n",
		       ha, a->id, hb, b->id, kind, id);
	}
}

int topo_graph_hosts(struct ctx *c, const struct topo *t)
{
	static const char *const words[] = {"graph", "dot", NULL};
	const size_t n = t->hosts.n;
	struct topo_part *parts;
	struct ghost *g;
	char **outs;
	int rc;

	if ((rc = topo_hosts_split(c, t, &parts)) < 0)
		return rc;
	outs = calloc(n, sizeof(*outs));
	g = calloc(n, sizeof(*g));
	if (!outs || !g)
		abort();
	if ((rc = topo_remote_outputs(c, t, parts, "graph", words, outs)) == 0) {
		printf("digraph vnetctl {\n\tnode [shape=box];\n");
		for (size_t k = 0; k < n; k++)
			put_host(&parts[k], k, outs[k], &g[k]);
		put_overlays(t, parts, g);
		printf("}\n");
		fflush(stdout);
	}
	for (size_t k = 0; k < n; k++) {
		free(outs[k]);
		free(g[k].v);
	}
	free(outs);
	free(g);
	topo_hosts_free(parts, n);
	return rc;
}
