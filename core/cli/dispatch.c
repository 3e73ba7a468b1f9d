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
#include "out.h"
#include "persona.h"

/* The global options, described once: parsing, help and completion.  The
 * order each iproute2 program tries them in is its own (persona.c). */
const struct gopt gopts[G_NOPTS] = {
    [G_JSON] = {"-j", "json", NULL, NULL, "JSON output", 0},
    [G_PRETTY] = {"-p", "pretty", NULL, NULL, "indent JSON output", 0},
    [G_DETAILS] = {"-d", "details", NULL, NULL, "show kind-specific details", 0},
    [G_BRIEF] = {"-br", "brief", NULL, NULL, "one line per object", 0},
    [G_NETNS] = {"-n", "netns", NULL, "NAME", "run the command inside namespace NAME", GOPT_VALUE},
    [G_BATCH] = {"-b", "batch", NULL, "FILE", "read commands from FILE (- for stdin)", GOPT_VALUE},
    [G_FORCE] = {NULL, "force", NULL, NULL, "batch: go on after a failing line", 0},
    [G_DRYRUN] = {"-N", "dry-run", NULL, NULL, "print the requests decoded, send nothing", 0},
    [G_COLOR] = {"-c", "color", NULL, "[=auto|always|never]", "colour (default: auto)", 0},
    [G_VERSION] = {"-V", "version", "Version", NULL, "print the version", 0},
    [G_HELP] = {"-h", word_help, NULL, NULL, "this help", 0},
    [G_INET] = {"-4", NULL, NULL, NULL, "IPv4 only", GOPT_IP_EXACT},
    [G_INET6] = {"-6", NULL, NULL, NULL, "IPv6 only", GOPT_IP_EXACT},
    [G_STATS] = {"-s", "statistics", "stats", NULL,
		 "link show: statistics (twice: error details too)", 0},
    [G_ONELINE] = {"-o", "oneline", NULL, NULL, "each record on one line, \\ for its line breaks",
		   0},
    [G_RESOLVE] = {"-r", "resolve", NULL, NULL, "addresses as host names (the resolver's)", 0},
    [G_ALL] = {"-a", "all", NULL, NULL, "netns exec|del: every named namespace", 0},
    [G_TSTAMP] = {"-t", "timestamp", NULL, NULL, "monitor: a line with the time before each event",
		  0},
    [G_TSHORT] = {"-ts", "tshort", NULL, NULL,
		  "monitor: the time in short form, at each event's start", 0},
    [G_LOOPS] = {"-l", "loops", NULL, "N",
		 "ip's bound on a flush's rounds: taken, a flush here is one pass", GOPT_VALUE},
    [G_FAMILY] = {"-f", "family", NULL, "FAMILY",
		  "inet, inet6 (as -4, -6), link (-0), mpls (-M) or bridge (-B)", GOPT_VALUE},
    [G_PACKET] = {"-0", NULL, NULL, NULL, "-family link: devices, no addresses", GOPT_IP_EXACT},
    [G_MPLS] = {"-M", NULL, NULL, NULL, "-family mpls", GOPT_IP_EXACT},
    [G_BRIDGE] = {"-B", NULL, NULL, NULL, "-family bridge", GOPT_IP_EXACT},
    [G_HUMAN] = {NULL, "human", "human-readable", NULL,
		 "-s: counters as 1.50k, 2.30M (ip's -h, -human)", 0},
    [G_IEC] = {NULL, "iec", NULL, NULL, "-human: in powers of 1024 (1.46Ki)", 0},
    [G_RCVBUF] = {NULL, "rcvbuf", NULL, "BYTES", "the netlink sockets' receive buffer", GOPT_VALUE},
    [G_NUMERIC] = {NULL, "Numeric", NULL, NULL,
		   "protocols, scopes, tables and realms as numbers (ip's -N)", 0},
    [G_ECHO] = {NULL, "echo", NULL, NULL, "print each change as the kernel echoes it",
		GOPT_IP_EXACT},
};

void help(FILE *f, enum persona p)
{
	const struct program *pg = program_of(p);
	const char *prog = pg ? pg->name : "vnetctl";
	size_t n;
	const struct object *const *objs = objects_all(&n);

	fprintf(f, "Usage: %s [OPTIONS] OBJECT [VERB [ARGS...]]\n", prog);
	/* ip and bridge have no shell */
	if (!pg)
		fprintf(f, "       vnetctl [OPTIONS] [%s]    (the interactive shell)\n",
			word_shell);
	fprintf(f, "       %s help [OBJECT]\n       %s OBJECT help\n\nObjects:\n", prog, prog);
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
	if (pg)
		fprintf(f,
			"\nvnetctl as %s: %s's exit statuses (2 the kernel refused, 255 the "
			"command line was wrong).\n",
			prog, prog);
	else
		fputs("\nExit status: 0 success, 1 the operation failed, 2 the command line was "
		      "wrong.\n",
		      f);
	fputs("See vnetctl(8) and vnetctl-OBJECT(8).\n", f);
}

const char word_shell[] = "shell";

/* In roff: "\%\fBword\fR", minus signs escaped, never hyphenated. */
static void roff_font(FILE *f, char font, const char *t)
{
	fprintf(f, "\\%%\\f%c", font);
	args_roff_text(f, t);
	fputs("\\fR", f);
}

/* One option of the OPTIONS := list: its spellings ("-j, --json"), then
 * its value; a bar after it but the last. */
static void synopsis_gopt(FILE *f, const struct gopt *g, bool last)
{
	const char *spell[3] = {g->sh, g->lng, g->lng2};
	bool first = true;
	char buf[64];

	fputs("\\&", f);
	for (size_t i = 0; i < ARRAY_SIZE(spell); i++) {
		if (!spell[i])
			continue;
		snprintf(buf, sizeof(buf), "%s%s", i ? "--" : "", spell[i]);
		if (!first)
			fputs(",\\ ", f);
		first = false;
		roff_font(f, 'B', buf);
	}
	/* a value of its own word, or words that join the option (--color=) */
	if (g->metavar && g->metavar[0] == '[')
		roff_font(f, 'B', g->metavar);
	else if (g->metavar) {
		fputs("\\ ", f);
		roff_font(f, 'I', g->metavar);
	}
	fputs(last ? " }\n" : " |\n", f);
}

void synopsis_global(FILE *f)
{
	size_t n;
	const struct object *const *objs = objects_all(&n);
	const struct gopt *b = &gopts[G_BATCH];

	/* the lines of help(), and -b */
	fputs(".B vnetctl\n.RI [ OPTIONS ]\n.I OBJECT\n.RI [ VERB\n.RI [ ARGS ...]]\n.br\n", f);
	fputs(".B vnetctl\n.RI [ OPTIONS ]\n.B ", f);
	args_roff_text(f, b->sh);
	fputs("\n.I ", f);
	args_roff_text(f, b->metavar);
	fprintf(f, "\n.br\n.B vnetctl\n.RI [ OPTIONS ]\n.RB [ %s ]\n.br\n", word_shell);
	fprintf(f, ".B vnetctl %s\n.RI [ OBJECT ]\n.br\n", word_help);
	fprintf(f, ".B vnetctl\n.I OBJECT\n.B %s\n", word_help);
	fputs(".PP\n.IR OPTIONS \" := {\"\n", f);
	for (size_t i = 0; i < ARRAY_SIZE(gopts); i++)
		synopsis_gopt(f, &gopts[i], i + 1 == ARRAY_SIZE(gopts));
	fputs(".PP\n.IR OBJECT \" := {\"\n", f);
	for (size_t i = 0; i < n; i++) {
		fputs("\\&", f);
		roff_font(f, 'B', objs[i]->name);
		fputs(i + 1 == n ? " }\n" : " |\n", f);
	}
}

int usage_fail(const char *fmt, const char *a, const char *b)
{
	char line[1024];

	snprintf(line, sizeof(line), fmt, a, b);
	err_line("%s", line);
	return EXIT_USAGE;
}

/* ---- OBJECT VERB ARGS --------------------------------------------------- */

/* The names an object answers to: its own, and those a program's table
 * gives it (ip's address for addr), each mapped back to its object. */
static size_t object_names(const char **names, const struct object **owner, size_t max)
{
	size_t n, k = 0;
	const struct object *const *objs = objects_all(&n);

	for (size_t i = 0; i < n && k < max; i++) {
		names[k] = objs[i]->name;
		owner[k++] = objs[i];
	}
	for (int p = PERSONA_VNETCTL; p <= PERSONA_BRIDGE; p++) {
		const struct program *pg = program_of((enum persona)p);
		const struct object *o;
		for (size_t i = 0; pg && !pg->cmds_are_verbs && i < pg->ncmds && k < max; i++)
			if (pg->cmds[i].target && (o = objects_find(pg->cmds[i].target))) {
				names[k] = pg->cmds[i].name;
				owner[k++] = o;
			}
	}
	return k;
}

/* Prefixes that all name one thing (a name and its alias) are one match. */
static int one_owner(int i, const struct match *m, const void *const *owner)
{
	for (size_t k = 1; i == MATCH_AMBIGUOUS && k < m->nfound; k++)
		if (owner[m->found[k]] != owner[m->found[0]])
			return i;
	return i == MATCH_AMBIGUOUS ? (int)m->found[0] : i;
}

/* vnetctl's rule: the exact name, else a unique prefix; names[] and m say
 * what matched for the error. */
static int object_match(const char *w, const char **names, const struct object **owner,
			struct match *m)
{
	size_t n = object_names(names, owner, 96);

	return one_owner(match_word(w, names, n, m), m, (const void *const *)owner);
}

const struct object *object_lookup(const char *w)
{
	const char *names[96];
	const struct object *owner[96];
	struct match m;
	int i = object_match(w, names, owner, &m);

	return i >= 0 ? owner[i] : NULL;
}

static int object_by_prefix(struct ctx *c, const char *w, const struct object **out)
{
	const char *names[96];
	const struct object *owner[96];
	char list[256];
	struct match m;
	int i = object_match(w, names, owner, &m);

	if (i >= 0) {
		*out = owner[i];
		return 0;
	}
	if (ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_FAIL, "Object \"%s\" is unknown, try \"%s help\".", w,
				    program_of(c->persona)->name);
	if (i == MATCH_AMBIGUOUS) {
		match_candidates(list, sizeof(list), names, &m);
		return err_usage(c, "ambiguous object \"%s\": %s", w, list);
	}
	if (m.suggest)
		return err_usage(c, "unknown object \"%s\" (did you mean \"%s\"?)", w, m.suggest);
	return err_usage(c, "unknown object \"%s\" (see: vnetctl help)", w);
}

/* A command of an iproute2 program that vnetctl has nothing for. */
static int lacking(struct ctx *c, const char *what)
{
	return err_iproute2(c, VN_EIP_FAIL,
			    "vnetctl: %s %s: iproute2's %s has it, vnetctl has not (run iproute2's "
			    "own %s for it)",
			    program_of(c->persona)->name, what, program_of(c->persona)->name,
			    program_of(c->persona)->name);
}

/* *out the object w names; *helped when it is the help command.  Under ip's
 * name ip's table decides first (`ip a` is address, never ambiguous). */
static int find_object(struct ctx *c, const char *w, const struct object **out, bool *helped)
{
	const struct program *pg = program_of(c->persona);
	const struct prog_cmd *cmd = pg && !pg->cmds_are_verbs ? program_cmd(pg, w) : NULL;

	*helped = false;
	if (!cmd)
		return object_by_prefix(c, w, out);
	if ((*out = objects_find(prog_cmd_target(cmd))))
		return 0;
	if (cmd->name == word_help) {
		*helped = true;
		return 0;
	}
	return lacking(c, cmd->name);
}

/* The verbs' names and aliases, and the names a program whose commands are
 * o's verbs gives them (bridge's link for port), each mapped to its verb. */
static size_t verb_names(const struct object *o, const char **names, const struct verb **owner,
			 size_t max)
{
	const struct program *pg = program_of_root(o);
	size_t n = 0;

	for (size_t k = 0; k < o->nverbs && n < max; k++) {
		names[n] = o->verbs[k].name;
		owner[n++] = &o->verbs[k];
		for (size_t a = 0; o->verbs[k].aliases && o->verbs[k].aliases[a] && n < max; a++) {
			names[n] = o->verbs[k].aliases[a];
			owner[n++] = &o->verbs[k];
		}
	}
	for (size_t i = 0; pg && i < pg->ncmds && n < max; i++)
		for (size_t k = 0; pg->cmds[i].target && k < o->nverbs; k++)
			if (!strcmp(o->verbs[k].name, pg->cmds[i].target)) {
				names[n] = pg->cmds[i].name;
				owner[n++] = &o->verbs[k];
			}
	return n;
}

/* Under iproute2's names: the first verb, in the table's order, whose name
 * or alias w begins; a program whose commands are o's verbs (bridge) tries
 * its own table before. */
static int verb_first(struct ctx *c, const struct object *o, const char *w, const struct verb **out,
		      bool *helped)
{
	const struct program *pg = program_of(c->persona), *root = program_of_root(o);
	const struct prog_cmd *cmd = root == pg ? program_cmd(pg, w) : NULL;
	const char *names[64];
	const struct verb *owner[64];
	size_t n = verb_names(o, names, owner, ARRAY_SIZE(names));

	if (cmd) {
		for (size_t k = 0; k < n; k++)
			if (!strcmp(names[k], prog_cmd_target(cmd))) {
				*out = owner[k];
				return 0;
			}
		if (cmd->name != word_help)
			return lacking(c, cmd->name);
		*helped = true;
		return 0;
	}
	for (size_t k = 0; k < n; k++)
		if (ip_matches(w, names[k])) {
			*out = owner[k];
			return 0;
		}
	if (ip_matches(w, word_help)) {
		*helped = true;
		return 0;
	}
	if (root == pg)
		return err_iproute2(c, VN_EIP_USAGE, "Object \"%s\" is unknown, try \"%s help\".",
				    w, pg->name);
	return err_iproute2(c, VN_EIP_USAGE, "Command \"%s\" is unknown, try \"%s %s help\".", w,
			    pg->name, o->name);
}

static int verb_match(const struct object *o, const char *w, const char **names,
		      const struct verb **owner, struct match *m)
{
	size_t n = verb_names(o, names, owner, 64);

	return one_owner(match_word(w, names, n, m), m, (const void *const *)owner);
}

const struct verb *verb_lookup(const struct object *o, const char *w)
{
	const char *names[64];
	const struct verb *owner[64];
	struct match m;
	int i = verb_match(o, w, names, owner, &m);

	return i >= 0 ? owner[i] : NULL;
}

static int find_verb(struct ctx *c, const struct object *o, const char *w, const struct verb **out,
		     bool *helped)
{
	const char *names[64];
	const struct verb *owner[64];
	char list[256];
	struct match m;
	int i;

	*helped = false;
	if (ctx_iproute2(c))
		return verb_first(c, o, w, out, helped);
	i = verb_match(o, w, names, owner, &m);
	if (i >= 0) {
		*out = owner[i];
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

/* The verb argv[at] names, or the default one without a word; an object
 * whose default verb takes every word hands it the words that are none of
 * its verbs (`monitor link addr`).  *first: where the verb's words begin. */
static int pick_verb(struct ctx *c, const struct object *o, int argc, char **argv, int at,
		     const struct verb **out, int *first, bool *helped)
{
	*helped = false;
	*first = argc > at ? at + 1 : at;
	if (argc > at && !o->words_to_default)
		return find_verb(c, o, argv[at], out, helped);
	if (argc > at && verb_named(*out = verb_exact(o, argv[at])))
		return 0;
	*first = at;
	if (!(*out = verb_exact(o, o->default_verb)))
		return err_fail(c, "%s has no verb %s", o->name, o->default_verb);
	return 0;
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
	/* ip reads -all where it means something, and ignores it elsewhere
	 * (wg-quick's ip -all -brief address show) */
	if (ctx_iproute2(c))
		return 0;
	all_verbs(list, sizeof(list));
	return err_usage(c, "-a/--all applies to %s only", list);
}

static void reset(struct ctx *c)
{
	c->obj = NULL;
	c->verb = NULL;
	c->subject = NULL;
	c->reason[0] = c->hint[0] = '\0';
	memset(&c->refused, 0, sizeof(c->refused));
	c->ip_fail_status = 0;
}

/* A batch line's error is said once the lines before it are known to have
 * taken effect; if one of them failed, that is the batch's error instead. */
static int line_error(struct ctx *c, int rc)
{
	if (rc != -VN_EREPORTED && nl_barrier(c) < 0)
		rc = -VN_EREPORTED;
	return err_report(c, rc, c->where);
}

/* Help asked for: vnetctl's on stdout; iproute2's programs print their
 * usage on stderr and exit 255.  v: one verb's, else o: an object's, else
 * the program's. */
static int say_help(const struct ctx *c, const struct object *o, const struct verb *v)
{
	FILE *f = ctx_iproute2(c) ? stderr : stdout;

	if (v)
		usage_verb(f, o, v);
	else if (o)
		usage_object(f, o);
	else
		help(f, c->persona);
	return ctx_iproute2(c) ? EXIT_IP_USAGE : EXIT_OK;
}

/* The object and where its verb's word is: argv[1], or argv[0] under a
 * program whose commands are an object's verbs (`bridge fdb show` is
 * `vnetctl bridge fdb show`). */
static int pick_object(struct ctx *c, int argc, char **argv, const struct object **o, int *at,
		       bool *helped)
{
	const struct program *pg = program_of(c->persona);

	*helped = false;
	*at = 1;
	if (pg && pg->cmds_are_verbs) {
		*at = 0;
		*o = objects_find(pg->name);
		return *o ? 0 : err_fail(c, "no object %s", pg->name);
	}
	if (!ctx_iproute2(c) && !strcmp(argv[0], word_help)) {
		bool again;
		*o = NULL;
		*helped = true;
		return argc > 1 ? find_object(c, argv[1], o, &again) : 0;
	}
	return find_object(c, argv[0], o, helped);
}

/* The verb v of o with its values: an exit status, its error said. */
static int run_verb(struct ctx *c, const struct object *o, const struct verb *v,
		    const struct val *vals)
{
	char label[512];
	int rc;

	/* a batch's gathered del lines take effect before any other line */
	if (c->delq && !v->gathers && delq_flush(c) != EXIT_OK && !(c->flags & CTX_FORCE))
		return EXIT_FAIL;
	snprintf(label, sizeof(label), "%s%s%s%s%s%s", c->where ? c->where : "", o->name,
		 verb_named(v) ? " " : "", v->name, c->subject ? " " : "",
		 c->subject ? c->subject : "");
	c->label = label;
	rc = v->run(c, vals);
	c->label = NULL;
	return rc < 0 ? line_error(c, rc) : EXIT_OK;
}

int dispatch(struct ctx *c, int argc, char **argv)
{
	const struct object *o;
	const struct verb *v = NULL;
	struct val *vals;
	int rc, at, first;
	bool helped;

	reset(c);
	if (argc == 0 && ctx_iproute2(c))
		return say_help(c, NULL, NULL);
	if (argc == 0)
		return usage_fail("no object given%s%s (see: vnetctl help)", "", "");
	if ((rc = pick_object(c, argc, argv, &o, &at, &helped)) < 0)
		return line_error(c, rc);
	if (helped)
		return say_help(c, o, NULL);
	c->obj = o;
	/* ip link help KIND: the kind's usage, exit 0 (an unknown one: ip's
	 * usage of link, as help alone) */
	if (c->persona == PERSONA_IP && argc == at + 2 && !strcmp(argv[at], word_help) &&
	    o->help_word && o->help_word(argv[at + 1]) == 0)
		return EXIT_OK;
	if (argc > at && !strcmp(argv[at], word_help))
		return say_help(c, o, NULL);
	if ((rc = pick_verb(c, o, argc, argv, at, &v, &first, &helped)) < 0)
		return line_error(c, rc);
	if (helped)
		return say_help(c, o, NULL);
	c->verb = v;
	if (argc == first + 1 && !strcmp(argv[first], word_help))
		return say_help(c, o, v);
	vals = calloc(v->nargs + 1, sizeof(*vals));
	if (!vals)
		abort();
	rc = (c->flags & CTX_ALL) ? take_all(c, v, vals) : 0;
	if (rc == 0)
		rc = parse_args(c, v, argc - first, argv + first, vals);
	rc = rc == 0 ? run_verb(c, o, v, vals) : line_error(c, rc);
	free(vals);
	return rc;
}

int dispatch_parsed(struct ctx *c, const struct object *o, const struct verb *v,
		    const struct val *vals)
{
	reset(c);
	c->obj = o;
	c->verb = v;
	for (size_t i = 0; i < v->nargs; i++)
		if ((v->args[i].flags & ARGF_SUBJECT) && vals[i].set && vals[i].str)
			c->subject = vals[i].str;
	return run_verb(c, o, v, vals);
}
