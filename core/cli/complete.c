// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Completion: what may come next on a command line, read from the same
 * tables the parser uses, with live names from the kernel where a device or
 * namespace is expected.  The shell's Tab and the bash, zsh and fish
 * completions (through `vnetctl __complete WORDS...`) all ask this file.
 */
#include <dirent.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "complete.h"
#include "dispatch.h"
#include "kind.h"
#include "link.h"

struct sink {
	const char *prefix;
	complete_emit emit;
	void *data;
};

static void offer(struct sink *s, const char *word)
{
	if (word && !strncmp(word, s->prefix, strlen(s->prefix)))
		s->emit(word, s->data);
}

/* Live names arrive in the kernel's or the directory's order; they are
 * offered sorted. */
struct names {
	char **v;
	size_t n, cap;
};

static void names_add(struct names *l, const char *w)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	if (!(l->v[l->n++] = strdup(w)))
		abort();
}

static int names_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void names_offer(struct sink *s, struct names *l)
{
	if (l->n > 1) /* v is NULL when there are none */
		qsort(l->v, l->n, sizeof(*l->v), names_cmp);
	for (size_t i = 0; i < l->n; i++) {
		offer(s, l->v[i]);
		free(l->v[i]);
	}
	free(l->v);
}

/* ---- live names --------------------------------------------------------- */

struct dev_filter {
	struct names l;
	const char *kind;
};

/* kinds: one kind or several, blank-separated ("gre gretap ipip"). */
static bool kind_listed(const char *kinds, const char *kind)
{
	size_t n = strlen(kind);

	for (const char *p = kinds; (p = strstr(p, kind)); p += n)
		if ((p == kinds || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

static int offer_dev(struct ctx *c, const struct link_msg *m, void *data)
{
	struct dev_filter *f = data;

	(void)c;
	if (!f->kind || (m->kind && kind_listed(f->kind, m->kind)))
		names_add(&f->l, m->name);
	return 0;
}

static void offer_devices(struct ctx *c, struct sink *s, const char *kind)
{
	struct dev_filter f = {{0}, kind};

	link_walk(c, NULL, offer_dev, &f);
	c->reason[0] = c->hint[0] = '\0';
	names_offer(s, &f.l);
}

static void offer_netns(struct sink *s)
{
	DIR *d = opendir(netns_dir());
	struct names l = {0};
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			names_add(&l, e->d_name);
	closedir(d);
	names_offer(s, &l);
}

static void offer_users(struct sink *s)
{
	struct passwd *pw;

	setpwent();
	while ((pw = getpwent()))
		offer(s, pw->pw_name);
	endpwent();
}

static void offer_groups(struct sink *s)
{
	struct group *gr;

	setgrent();
	while ((gr = getgrent()))
		offer(s, gr->gr_name);
	endgrent();
}

/* The kinds link add makes. */
static void offer_kinds(struct sink *s)
{
	size_t n;
	const struct link_kind *const *k = link_kinds_all(&n);

	for (size_t i = 0; i < n; i++)
		if (kind_makeable(k[i]))
			offer(s, k[i]->kind);
}

/* The values an argument takes, as far as they can be listed. */
static void offer_values(struct ctx *c, struct sink *s, const struct arg *a)
{
	switch (a->kind) {
	case ARG_ENUM:
	case ARG_U32: /* the words it takes instead of a number ("inherit") */
	case ARG_ADDR:
		for (size_t i = 0; a->words && a->words[i]; i++)
			offer(s, a->words[i]);
		break;
	case ARG_ONOFF:
		offer(s, onoff_words[1]);
		offer(s, onoff_words[0]);
		break;
	case ARG_IFNAME:
		if (!(a->flags & ARGF_NEW))
			offer_devices(c, s, a->live_kind);
		break;
	case ARG_NETNS:
		offer_netns(s);
		break;
	case ARG_USER:
		offer_users(s);
		break;
	case ARG_GROUP:
		offer_groups(s);
		break;
	case ARG_PREFIX:
		if (a->flags & ARGF_DEFAULT)
			offer(s, prefix_any_words[0]);
		break;
	case ARG_REST:
		if (a->flags & ARGF_DEVICES)
			offer_devices(c, s, a->live_kind);
		break;
	default:
		break;
	}
}

/* ---- walking the words typed so far ------------------------------------- */

static int find_kw(const struct verb *vb, const char *w, bool exact_only)
{
	int found = -1;

	for (size_t i = 0; i < vb->nargs; i++) {
		const char *names[8] = {vb->args[i].kw};
		for (size_t s = 0; s + 1 < ARRAY_SIZE(names); s++)
			names[s + 1] = arg_alias(&vb->args[i], s);
		for (size_t k = 0; k < ARRAY_SIZE(names); k++) {
			if (!names[k])
				continue;
			if (!strcmp(names[k], w))
				return (int)i;
			if (!exact_only && !strncmp(names[k], w, strlen(w))) {
				if (found >= 0 && found != (int)i)
					return -2;
				found = (int)i;
			}
		}
	}
	return found;
}

static bool excluded(const struct verb *vb, const bool *used, size_t i)
{
	return args_excluder(vb->args, vb->nargs, i, used) >= 0;
}

/* The parser's rule: a positional not given yet, nor made moot. */
static int next_positional(const struct verb *vb, const bool *used)
{
	for (size_t i = 0; i < vb->nargs; i++)
		if ((vb->args[i].flags & ARGF_POSITIONAL) && !used[i] && !excluded(vb, used, i))
			return (int)i;
	return -1;
}

static void complete_args(struct ctx *c, const struct verb *vb, int n, char **w, struct sink *s)
{
	bool used[64] = {false};
	int expect = -1, values = 0; /* the keyword whose values come next, how many */

	if (vb->nargs > ARRAY_SIZE(used))
		return;
	for (int i = 0; i < n; i++) {
		int pos = next_positional(vb, used);
		int k;

		if (expect >= 0) {
			if (--values == 0) {
				used[expect] = true;
				expect = -1;
			}
			continue;
		}
		if (pos >= 0 && vb->args[pos].kind == ARG_REST) {
			/* a list of devices, or a command's own words */
			offer_values(c, s, &vb->args[pos]);
			return;
		}
		k = find_kw(vb, w[i], pos >= 0);
		if (k >= 0 && vb->args[k].kind == ARG_REST)
			return;
		if (k >= 0 && vb->args[k].kind == ARG_NEST) {
			/* the rest is the group's */
			const struct verb gvb = {
			    .name = vb->name, .args = vb->args[k].sub, .nargs = vb->args[k].nsub};
			complete_args(c, &gvb, n - i - 1, w + i + 1, s);
			return;
		}
		if (k >= 0 && vb->args[k].kind == ARG_KIND) {
			/* the kind, then the kind's own words */
			struct verb kvb;
			if (i + 1 == n)
				offer_kinds(s);
			else if (kind_words(w[i + 1], &kvb) && n - i - 2 > 0)
				complete_args(c, &kvb, n - i - 2, w + i + 2, s);
			else if (kind_words(w[i + 1], &kvb))
				for (size_t j = 0; j < kvb.nargs; j++) /* no "help" here */
					offer(s, kvb.args[j].kw);
			return;
		}
		if (k >= 0 && vb->args[k].kind == ARG_FLAG) {
			used[k] = true;
		} else if (k >= 0) {
			expect = k;
			values = vb->args[k].kind == ARG_RANGE || vb->args[k].kind == ARG_KEYFILE
				     ? 2
				     : 1;
		} else if (pos >= 0) {
			used[pos] = true;
		}
	}
	if (expect >= 0) {
		offer_values(c, s, &vb->args[expect]);
		return;
	}
	for (size_t i = 0; i < vb->nargs; i++) {
		const struct arg *a = &vb->args[i];
		if (used[i] || excluded(vb, used, i))
			continue;
		if (a->kw && !(a->flags & ARGF_POSITIONAL && a->kind == ARG_REST))
			offer(s, a->kw);
	}
	int pos = next_positional(vb, used);
	if (pos >= 0)
		offer_values(c, s, &vb->args[pos]);
	else if (n == 0)
		offer(s, "help");
}

/* ---- objects and verbs -------------------------------------------------- */

void complete_command(struct ctx *c, int n, char **w, complete_emit emit, void *data)
{
	struct sink s = {n > 0 ? w[n - 1] : "", emit, data};
	const struct object *o;
	const struct verb *v;

	if (n <= 1) {
		size_t nobj;
		const struct object *const *objs = objects_all(&nobj);
		for (size_t i = 0; i < nobj; i++)
			offer(&s, objs[i]->name);
		offer(&s, "help");
		return;
	}
	if (!strcmp(w[0], "help")) {
		if (n == 2)
			complete_command(c, 1, w + 1, emit, data);
		return;
	}
	if (!(o = object_lookup(w[0])))
		return;
	/* an object whose default verb takes every word: its words from the
	 * first, unless that names one of its verbs */
	if (o->words_to_default && !verb_named(verb_exact(o, w[1]))) {
		for (size_t i = 0; n == 2 && i < o->nverbs; i++)
			if (verb_named(&o->verbs[i]))
				offer(&s, o->verbs[i].name);
		if ((v = verb_exact(o, o->default_verb)))
			complete_args(c, v, n - 2, w + 1, &s);
		return;
	}
	if (n == 2) {
		for (size_t i = 0; i < o->nverbs; i++) {
			offer(&s, o->verbs[i].name);
			for (size_t a = 0; o->verbs[i].aliases && o->verbs[i].aliases[a]; a++)
				offer(&s, o->verbs[i].aliases[a]);
		}
		offer(&s, "help");
		return;
	}
	if ((v = verb_lookup(o, w[1])))
		complete_args(c, v, n - 3, w + 2, &s);
}

void complete_netns(const char *prefix, complete_emit emit, void *data)
{
	struct sink s = {prefix, emit, data};

	offer_netns(&s);
}
