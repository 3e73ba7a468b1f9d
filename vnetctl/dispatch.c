// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The dispatcher: OBJECT VERB ARGS against the tables the modules
 * registered.  It knows nothing about what any module does.
 */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "dispatch.h"
#include "linkdel.h"
#include "nl.h"

/* The global options, described once: parsing, help and completion. */
const struct gopt gopts[G_NOPTS] = {
    [G_JSON] = {"-j", "json", NULL, "JSON output"},
    [G_PRETTY] = {"-p", "pretty", NULL, "indent JSON output"},
    [G_DETAILS] = {"-d", "details", NULL, "show kind-specific details"},
    [G_BRIEF] = {"-br", "brief", NULL, "one line per object"},
    [G_NETNS] = {"-n", "netns", "NAME", "run the command inside namespace NAME"},
    [G_BATCH] = {"-b", "batch", "FILE", "read commands from FILE (- for stdin)"},
    [G_FORCE] = {NULL, "force", NULL, "batch: go on after a failing line"},
    [G_DRYRUN] = {"-N", "dry-run", NULL, "print the requests decoded, send nothing"},
    [G_COLOR] = {"-c", "color", "[=auto|always|never]", "colour (default: auto)"},
    [G_VERSION] = {"-V", "version", NULL, "print the version"},
    [G_HELP] = {"-h", "help", NULL, "this help"},
    [G_INET] = {"-4", NULL, NULL, "IPv4 only"},
    [G_INET6] = {"-6", NULL, NULL, "IPv6 only"},
    [G_STATS] = {"-s", "statistics", NULL, "link show: statistics (twice: error details too)"},
    [G_ONELINE] = {"-o", "oneline", NULL, "each record on one line, \\ for its line breaks"},
    [G_RESOLVE] = {"-r", "resolve", NULL, "addresses as host names (the resolver's)"},
    [G_ALL] = {"-a", "all", NULL, "netns exec|del: every named namespace"},
    [G_TSTAMP] = {"-t", "timestamp", NULL, "monitor: a line with the time before each event"},
    [G_TSHORT] = {"-ts", "tshort", NULL, "monitor: the time in short form, at each event's start"},
};

void help(FILE *f)
{
	size_t n;
	const struct object *const *objs = objects_all(&n);

	fputs("Usage: vnetctl [OPTIONS] OBJECT [VERB [ARGS...]]\n"
	      "       vnetctl [OPTIONS] [shell]    (the interactive shell)\n"
	      "       vnetctl help [OBJECT]\n       vnetctl OBJECT help\n\nObjects:\n",
	      f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "  %-10s %s\n", objs[i]->name, objs[i]->help);
	fputs("\nOptions:\n", f);
	for (size_t i = 0; i < ARRAY_SIZE(gopts); i++) {
		char left[64];
		const struct gopt *g = &gopts[i];
		snprintf(left, sizeof(left), "%s%s%s%s%s", g->sh ? g->sh : "",
			 g->sh && g->lng ? ", " : "", g->lng ? "--" : "", g->lng ? g->lng : "",
			 g->metavar ? (g->metavar[0] == '[' ? g->metavar : " ") : "");
		if (g->metavar && g->metavar[0] != '[')
			strncat(left, g->metavar, sizeof(left) - strlen(left) - 1);
		fprintf(f, "  %-28s %s\n", left, g->help);
	}
	fputs("\nExit status: 0 success, 1 the operation failed, 2 the command line was wrong.\n"
	      "See vnetctl(8) and vnetctl-OBJECT(8).\n",
	      f);
}

int usage_fail(const char *fmt, const char *a, const char *b)
{
	char line[1024];

	snprintf(line, sizeof(line), fmt, a, b);
	err_line("%s", line);
	return EXIT_USAGE;
}

const char *const verb_del_aliases[] = {"delete", NULL};

/* ---- OBJECT VERB ARGS --------------------------------------------------- */

static int find_object(struct ctx *c, const char *w, const struct object **out)
{
	size_t n;
	const struct object *const *objs = objects_all(&n);
	const char *names[64];
	char list[256];
	struct match m;
	int i;

	for (size_t k = 0; k < n; k++)
		names[k] = objs[k]->name;
	i = match_word(w, names, n, &m);
	if (i >= 0) {
		*out = objs[i];
		return 0;
	}
	if (i == MATCH_AMBIGUOUS) {
		match_candidates(list, sizeof(list), names, &m);
		return err_usage(c, "ambiguous object \"%s\": %s", w, list);
	}
	if (m.suggest)
		return err_usage(c, "unknown object \"%s\" (did you mean \"%s\"?)", w, m.suggest);
	return err_usage(c, "unknown object \"%s\" (see: vnetctl help)", w);
}

static int find_verb(struct ctx *c, const struct object *o, const char *w, const struct verb **out)
{
	const char *names[64];
	size_t owner[64], n = 0;
	char list[256];
	struct match m;
	int i;

	for (size_t k = 0; k < o->nverbs && n < ARRAY_SIZE(names); k++) {
		names[n] = o->verbs[k].name;
		owner[n++] = k;
		for (size_t a = 0; o->verbs[k].aliases && o->verbs[k].aliases[a]; a++) {
			if (n == ARRAY_SIZE(names))
				break;
			names[n] = o->verbs[k].aliases[a];
			owner[n++] = k;
		}
	}
	i = match_word(w, names, n, &m);
	/* several prefixes of one verb (its name and an alias) are one verb */
	if (i == MATCH_AMBIGUOUS) {
		size_t first = owner[m.found[0]], k;
		for (k = 1; k < m.nfound && owner[m.found[k]] == first; k++)
			;
		if (k == m.nfound)
			i = (int)m.found[0];
	}
	if (i >= 0) {
		*out = &o->verbs[owner[i]];
		return 0;
	}
	if (i == MATCH_AMBIGUOUS) {
		match_candidates(list, sizeof(list), names, &m);
		return err_usage(c, "ambiguous verb \"%s\": %s", w, list);
	}
	if (m.suggest)
		return err_usage(c, "unknown verb \"%s\" (did you mean \"%s\"?)", w, m.suggest);
	return err_usage(c, "unknown verb \"%s\" (see: vnetctl %s help)", w, o->name);
}

/* The verb argv[1] names, or the default one without a word; an object
 * whose default verb takes every word hands it the words that are none of
 * its verbs (`monitor link addr`).  *first: where the verb's words begin. */
static int pick_verb(struct ctx *c, const struct object *o, int argc, char **argv,
		     const struct verb **out, int *first)
{
	*first = argc > 1 ? 2 : 1;
	if (argc > 1 && !o->words_to_default)
		return find_verb(c, o, argv[1], out);
	for (size_t k = 0; argc > 1 && k < o->nverbs; k++) {
		const struct verb *v = &o->verbs[k];
		bool named = verb_named(v) && !strcmp(v->name, argv[1]);
		for (size_t a = 0; !named && v->aliases && v->aliases[a]; a++)
			named = !strcmp(v->aliases[a], argv[1]);
		if (named) {
			*out = v;
			return 0;
		}
	}
	*first = 1;
	return find_verb(c, o, o->default_verb, out);
}

/* The verbs -a applies to, from the tables: those with an ARGF_ALL word. */
static void all_verbs(char *buf, size_t sz)
{
	size_t n, off = 0;
	const struct object *const *objs = objects_all(&n);

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < objs[i]->nverbs; k++) {
			const struct verb *vb = &objs[i]->verbs[k];
			for (size_t a = 0; a < vb->nargs && off < sz; a++)
				if (vb->args[a].flags & ARGF_ALL)
					off += (size_t)snprintf(buf + off, sz - off, "%s%s %s",
								off ? ", " : "", objs[i]->name,
								vb->name);
		}
}

/* -a sets the verb's ARGF_ALL word before the others are read, as if it
 * came first: a word it excludes (a NAME) is then refused by the parser. */
static int take_all(struct ctx *c, const struct verb *v, struct val *vals)
{
	char list[256];

	for (size_t a = 0; a < v->nargs; a++)
		if (v->args[a].flags & ARGF_ALL) {
			vals[a].set = true;
			return 0;
		}
	all_verbs(list, sizeof(list));
	return err_usage(c, "-a/--all applies to %s only", list);
}

static void reset(struct ctx *c)
{
	c->obj = NULL;
	c->verb = NULL;
	c->subject = NULL;
	c->reason[0] = c->hint[0] = '\0';
}

/* A batch line's error is said once the lines before it are known to have
 * taken effect; if one of them failed, that is the batch's error instead. */
static int line_error(struct ctx *c, int rc)
{
	if (rc != -VN_EREPORTED && nl_barrier(c) < 0)
		rc = -VN_EREPORTED;
	return err_report(c, rc, c->where);
}

int dispatch(struct ctx *c, int argc, char **argv)
{
	const struct object *o;
	const struct verb *v = NULL;
	struct val *vals;
	char label[512];
	int rc, first;

	reset(c);
	if (argc == 0)
		return usage_fail("no object given%s%s (see: vnetctl help)", "", "");
	if (!strcmp(argv[0], "help")) {
		if (argc == 1) {
			help(stdout);
			return EXIT_OK;
		}
		if ((rc = find_object(c, argv[1], &o)) < 0)
			return line_error(c, rc);
		usage_object(stdout, o);
		return EXIT_OK;
	}
	if ((rc = find_object(c, argv[0], &o)) < 0)
		return line_error(c, rc);
	c->obj = o;
	if (argc > 1 && !strcmp(argv[1], "help")) {
		usage_object(stdout, o);
		return EXIT_OK;
	}
	rc = pick_verb(c, o, argc, argv, &v, &first);
	if (rc < 0)
		return line_error(c, rc);
	c->verb = v;
	if (argc == first + 1 && !strcmp(argv[first], "help")) {
		usage_verb(stdout, o, v);
		return EXIT_OK;
	}
	vals = calloc(v->nargs + 1, sizeof(*vals));
	if (!vals)
		abort();
	rc = (c->flags & CTX_ALL) ? take_all(c, v, vals) : 0;
	if (rc == 0)
		rc = parse_args(c, v, argc - first, argv + first, vals);
	/* a batch's gathered del lines take effect before any other line */
	if (rc == 0 && c->delq && !v->gathers && delq_flush(c) != EXIT_OK &&
	    !(c->flags & CTX_FORCE)) {
		free(vals);
		return EXIT_FAIL;
	}
	if (rc == 0) {
		snprintf(label, sizeof(label), "%s%s%s%s%s%s", c->where ? c->where : "", o->name,
			 verb_named(v) ? " " : "", v->name, c->subject ? " " : "",
			 c->subject ? c->subject : "");
		c->label = label;
		rc = v->run(c, vals);
		c->label = NULL;
	}
	free(vals);
	return rc < 0 ? line_error(c, rc) : EXIT_OK;
}
