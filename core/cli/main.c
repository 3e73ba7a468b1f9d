// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The program: global options, then one command (dispatch.c), a batch, the
 * shell, or completion's and the man check's answers.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "batch.h"
#include "complete.h"
#include "dispatch.h"
#include "kind.h"
#include "link.h"
#include "core.h"
#include "nl.h"
#include "nldecode.h"
#include "out.h"
#include "persona.h"
#include "shell.h"
#include "version.h"

static const char *const color_words[] = {"auto", "always", "never", NULL};
enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* -family's words, as iproute2's read_family() takes them, and the family
 * each stands for. */
static const char *const family_words[] = {"inet", "inet6", "link", "mpls", "bridge", NULL};
static const int family_values[] = {AF_INET, AF_INET6, AF_PACKET, AF_MPLS, AF_BRIDGE};

struct opts {
	const char *netns;
	const char *batch;
	int color;
};

/* ---- global options ----------------------------------------------------- */

/* vnetctl's rule: a short spelling exactly, else a unique prefix of a long
 * one after - or -- (a name and its other spelling are one option). */
static int match_gopt_vnetctl(const char *w, const char **value)
{
	const char *names[2 * G_NOPTS];
	int owner[2 * G_NOPTS];
	char name[64];
	struct match m;
	const char *eq;
	size_t n = 0;
	int i;

	for (size_t k = 0; k < ARRAY_SIZE(gopts); k++)
		if (gopts[k].sh && !strcmp(gopts[k].sh, w))
			return (int)k;
	if (w[0] != '-' || !w[1])
		return MATCH_NONE;
	w += (w[1] == '-') ? 2 : 1; /* --json, and iproute2's -json */
	eq = strchr(w, '=');
	snprintf(name, sizeof(name), "%.*s", eq ? (int)(eq - w) : (int)strlen(w), w);
	if (eq)
		*value = eq + 1;
	for (int k = 0; k < G_NOPTS; k++) {
		if (gopts[k].lng) {
			names[n] = gopts[k].lng;
			owner[n++] = k;
		}
		if (gopts[k].lng2) {
			names[n] = gopts[k].lng2;
			owner[n++] = k;
		}
	}
	i = match_word(name, names, n, &m);
	for (size_t k = 1; i == MATCH_AMBIGUOUS && k < m.nfound; k++)
		if (owner[m.found[k]] != owner[m.found[0]])
			return MATCH_AMBIGUOUS;
	if (i == MATCH_AMBIGUOUS)
		i = (int)m.found[0];
	if (i == MATCH_NONE && eq == NULL && w[0] == 'c' && w[1] == '=')
		return G_COLOR;
	return i < 0 ? i : owner[i];
}

/* iproute2's rule: the first of the program's options, in its order, whose
 * -LONG the word begins (-- counts as -), or whose whole spelling it is for
 * one ip compares whole; -color=WHEN with one of color_words. */
static bool is_color_word(const char *v)
{
	for (size_t i = 0; color_words[i]; i++)
		if (!strcmp(color_words[i], v))
			return true;
	return false;
}

static int match_gopt_iproute2(const struct program *pg, const char *w, const char **value)
{
	const char *o = w[1] == '-' ? w + 2 : w + 1;
	const char *eq = strchr(o, '=');

	for (size_t k = 0; k < pg->nopts; k++) {
		const struct gopt *g = &gopts[pg->opts[k]];
		if (pg->opts[k] == G_COLOR && eq) {
			char name[64];
			snprintf(name, sizeof(name), "%.*s", (int)(eq - o), o);
			if (ip_matches(name, g->lng) && (!eq[1] || is_color_word(eq + 1))) {
				*value = eq[1] ? eq + 1 : NULL;
				return G_COLOR;
			}
			continue;
		}
		if (g->flags & GOPT_IP_EXACT) {
			if ((g->sh && !strcmp(w, g->sh)) || (g->lng && !strcmp(o, g->lng)))
				return pg->opts[k];
			continue;
		}
		if (ip_matches(o, g->lng) || ip_matches(o, g->lng2))
			return pg->opts[k];
	}
	return MATCH_NONE;
}

static int match_gopt(const struct ctx *c, const char *w, const char **value)
{
	const struct program *pg = program_of(c->persona);

	*value = NULL;
	return pg ? match_gopt_iproute2(pg, w, value) : match_gopt_vnetctl(w, value);
}

static int parse_color(const char *v)
{
	struct match m;

	if (!v)
		return COLOR_ALWAYS;
	return match_word(v, color_words, 3, &m);
}

/* A wrong option: vnetctl's line, or the program's own (exit 255). */
static int bad_option(const struct ctx *c, const char *w)
{
	const struct program *pg = program_of(c->persona);
	char esc[1024];

	if (!pg)
		return usage_fail("unknown option \"%s\"%s (see: vnetctl help)", w, "");
	text_escape(esc, sizeof(esc), w);
	fprintf(stderr, "Option \"%s\" is unknown, try \"%s %shelp\".\n", esc, pg->name,
		pg->cmds_are_verbs ? "" : "-");
	return EXIT_IP_USAGE;
}

/* A wrong option's value: vnetctl's line, exit 2 (255 under ip's name). */
static int bad_value(const struct ctx *c, const char *fmt, const char *a, const char *b)
{
	int status = usage_fail(fmt, a, b);

	return ctx_iproute2(c) ? EXIT_IP_USAGE : status;
}

static int take_family(struct ctx *c, const char *v)
{
	for (size_t i = 0; family_words[i]; i++)
		if (!strcmp(family_words[i], v)) {
			c->family = family_values[i];
			return 0;
		}
	return -1;
}

/* ip: "ip utility, iproute2-6.1.0"; under its name vnetctl says what it is
 * and whose grammar it speaks. */
static void print_version(const struct ctx *c)
{
	const struct program *pg = program_of(c->persona);

	if (pg)
		printf("%s utility, vnetctl-%s (iproute2 6.1's grammar)\n", pg->name,
		       VNETCTL_VERSION);
	else
		printf("vnetctl %s\n", VNETCTL_VERSION);
}

/* One option that takes no value. */
static void take_flag(struct ctx *c, int id)
{
	static const struct {
		int id;
		unsigned flags;
	} flags[] = {
	    {G_JSON, CTX_JSON},
	    {G_PRETTY, CTX_PRETTY},
	    {G_DETAILS, CTX_DETAILS},
	    {G_BRIEF, CTX_BRIEF},
	    {G_DRYRUN, CTX_DRYRUN},
	    {G_FORCE, CTX_FORCE},
	    {G_ONELINE, CTX_ONELINE},
	    {G_RESOLVE, CTX_RESOLVE},
	    {G_ALL, CTX_ALL},
	    {G_TSTAMP, CTX_TSTAMP},
	    {G_TSHORT, CTX_TSTAMP | CTX_TSHORT},
	    {G_HUMAN, CTX_HUMAN},
	    {G_IEC, CTX_IEC},
	    {G_NUMERIC, CTX_NUMERIC},
	    {G_ECHO, CTX_ECHO},
	};
	static const struct {
		int id, family;
	} families[] = {
	    {G_INET, AF_INET}, {G_INET6, AF_INET6},   {G_PACKET, AF_PACKET},
	    {G_MPLS, AF_MPLS}, {G_BRIDGE, AF_BRIDGE},
	};

	for (size_t k = 0; k < ARRAY_SIZE(flags); k++)
		if (flags[k].id == id)
			c->flags |= flags[k].flags;
	for (size_t k = 0; k < ARRAY_SIZE(families); k++)
		if (families[k].id == id)
			c->family = families[k].family;
	/* ip's -s -s: the second adds the error details */
	if (id == G_STATS)
		c->flags |= (c->flags & CTX_STATS) ? CTX_STATS2 : CTX_STATS;
}

/* One option that takes the next word (GOPT_VALUE); 0, or the status. */
static int take_value(struct ctx *c, struct opts *o, int id, const char *w, const char *v)
{
	uint32_t n;

	switch (id) {
	case G_NETNS:
		o->netns = v;
		return 0;
	case G_BATCH:
		o->batch = v;
		return 0;
	case G_FAMILY:
		if (take_family(c, v) == 0)
			return 0;
		if (strcmp(v, word_help) != 0)
			return bad_value(
			    c, "%s: invalid protocol family \"%s\" (inet|inet6|link|mpls|bridge)",
			    w, v);
		help(ctx_iproute2(c) ? stderr : stdout, c->persona);
		return ctx_iproute2(c) ? EXIT_IP_USAGE : EXIT_OK;
	case G_LOOPS:
	case G_RCVBUF:
		if (parse_u32(v, &n) < 0)
			return bad_value(c, "%s: \"%s\" is not a number", w, v);
		if (id == G_RCVBUF)
			c->rcvbuf = n;
		return 0;
	}
	return 0;
}

/* Returns the index of the first non-option word, or -1 when done (exit
 * status in *status). */
static int parse_globals(struct ctx *c, struct opts *o, int argc, char **argv, int *status)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *val;
		int id;

		if (!strcmp(argv[i], "--"))
			return i + 1;
		id = match_gopt(c, argv[i], &val);
		if (!ctx_iproute2(c) && !strncmp(argv[i], "-c=", 3)) {
			id = G_COLOR;
			val = argv[i] + 3;
		}
		if (id < 0 || (val && id != G_COLOR)) {
			*status = bad_option(c, argv[i]);
			return -1;
		}
		if ((gopts[id].flags & GOPT_VALUE) && i + 1 >= argc) {
			*status = bad_value(c, "%s needs a value (%s)", argv[i], gopts[id].metavar);
			return -1;
		}
		if (gopts[id].flags & GOPT_VALUE) {
			if ((*status = take_value(c, o, id, argv[i], argv[i + 1])) != 0)
				return -1;
			i++;
			continue;
		}
		switch (id) {
		case G_COLOR:
			if ((o->color = parse_color(val)) < 0) {
				*status = usage_fail("invalid colour \"%s\"%s (auto|always|never)",
						     val, "");
				return -1;
			}
			break;
		case G_VERSION:
			print_version(c);
			*status = EXIT_OK;
			return -1;
		case G_HELP:
			help(ctx_iproute2(c) ? stderr : stdout, c->persona);
			*status = ctx_iproute2(c) ? EXIT_IP_USAGE : EXIT_OK;
			return -1;
		default:
			take_flag(c, id);
		}
	}
	return i;
}

/* Under ip's name, ip's netns_switch() words for a namespace it cannot
 * enter, exit 255: the file is missing (netns_open_named's own failure), is
 * no namespace (setns refuses it), or cannot be opened. */
static int netns_failed_iproute2(struct ctx *c, const char *name, int fd)
{
	if (fd == -EUCLEAN)
		fd =
		    err_iproute2(c, VN_EIP_USAGE, "setting the network namespace \"%s\" failed: %s",
				 name, strerror(EINVAL));
	else
		fd = err_iproute2(c, VN_EIP_USAGE, "Cannot open network namespace \"%s\": %s", name,
				  strerror(fd == -VN_EFAIL ? ENOENT : -fd));
	return err_report(c, fd, NULL);
}

static int enter_netns(struct ctx *c, const char *name)
{
	int fd, rc;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return usage_fail("-n: invalid namespace name \"%s\"%s", name, "");
	fd = netns_open_named(c, name);
	if (fd < 0 && ctx_iproute2(c))
		return netns_failed_iproute2(c, name, fd);
	if (fd < 0) {
		char prefix[128];
		snprintf(prefix, sizeof(prefix), "-n %s: ", name);
		return err_report(c, fd, prefix);
	}
	rc = setns(fd, CLONE_NEWNET);
	close(fd);
	if (rc < 0 && ctx_iproute2(c))
		return err_report(c,
				  err_iproute2(c, VN_EIP_USAGE,
					       "setting the network namespace \"%s\" failed: %s",
					       name, strerror(errno)),
				  NULL);
	if (rc < 0) {
		char prefix[128];
		int err = errno;

		if (err == EPERM)
			snprintf(c->hint, sizeof(c->hint),
				 "run as root: entering a namespace needs CAP_SYS_ADMIN");
		snprintf(prefix, sizeof(prefix), "-n %s: ", name);
		return err_report(c, -err, prefix);
	}
	return EXIT_OK;
}

/* ---- hidden entry points for completion and the docs check ------------ */

static void print_word(const char *w, void *data)
{
	(void)data;
	puts(w);
}

static void offer_options(const char *prefix)
{
	char buf[64];

	for (size_t k = 0; k < ARRAY_SIZE(gopts); k++) {
		if (gopts[k].sh && !strncmp(gopts[k].sh, prefix, strlen(prefix)))
			puts(gopts[k].sh);
		for (int l = 0; l < 2; l++) {
			const char *lng = l ? gopts[k].lng2 : gopts[k].lng;
			snprintf(buf, sizeof(buf), "--%s", lng ? lng : "");
			if (lng && !strncmp(buf, prefix, strlen(prefix)))
				puts(buf);
		}
	}
}

/* `vnetctl __complete [OPTIONS] WORDS... CURRENT`: one candidate a line. */
static int run_complete(struct ctx *c, int n, char **w)
{
	char *empty[] = {(char *)""};
	const char *val;
	int i = 0;

	if (n == 0) {
		complete_command(c, 1, empty, print_word, NULL);
		return EXIT_OK;
	}
	while (i < n - 1 && w[i][0] == '-') {
		int id = match_gopt(c, w[i], &val);
		if (id >= 0 && (gopts[id].flags & GOPT_VALUE)) {
			if (i + 1 == n - 1) {
				if (id == G_NETNS)
					complete_netns(w[n - 1], print_word, NULL);
				for (size_t k = 0; id == G_FAMILY && family_words[k]; k++)
					if (!strncmp(family_words[k], w[n - 1], strlen(w[n - 1])))
						puts(family_words[k]);
				return EXIT_OK; /* a file, a number: the shell's, or none */
			}
			if (id == G_NETNS) {
				int fd = netns_open_named(c, w[i + 1]);
				if (fd >= 0) {
					/* live names come from that namespace */
					if (setns(fd, CLONE_NEWNET) < 0)
						c->reason[0] = '\0';
					close(fd);
				}
			}
			i += 2;
			continue;
		}
		i++;
	}
	if (i == n - 1 && w[i][0] == '-') {
		offer_options(w[i]);
		return EXIT_OK;
	}
	complete_command(c, n - i, w + i, print_word, NULL);
	return EXIT_OK;
}

/* A verb's keywords, aliases and words, a group's own with them. */
static void dump_args(const struct object *o, const struct verb *v, const struct arg *args,
		      size_t n)
{
	/* "-": the verb of an object whose words are all arguments */
	const char *vn = verb_named(v) ? v->name : "-";

	for (size_t a = 0; a < n; a++) {
		const struct arg *g = &args[a];
		if (g->kw)
			printf("keyword %s %s %s\n", o->name, vn, g->kw);
		const char *al;
		for (size_t s = 0; (al = arg_alias(g, s)); s++)
			printf("keyword %s %s %s\n", o->name, vn, al);
		for (size_t w = 0; g->kind == ARG_ENUM && g->words[w]; w++)
			printf("word %s %s %s\n", o->name, vn, g->words[w]);
		if (g->kind == ARG_NEST)
			dump_args(o, v, g->sub, g->nsub);
	}
}

/* `vnetctl __dump`: every object, verb, keyword, word and option, one a
 * line, for the test that checks the man pages document them all; and for
 * an object that is a link kind, "kind NAME MODULE ARTICLE" (the module
 * its descriptor names, the article its messages use), which scripts/mkman
 * puts in the page's shared words. */
static int dump_tables(void)
{
	size_t n;
	const struct object *const *objs = objects_all(&n);

	for (size_t k = 0; k < ARRAY_SIZE(gopts); k++) {
		printf("option %s %s\n", gopts[k].sh ? gopts[k].sh : "-",
		       gopts[k].lng ? gopts[k].lng : "-");
		if (gopts[k].lng2)
			printf("option - %s\n", gopts[k].lng2);
	}
	/* the programs vnetctl can be, and the names their tables give
	 * objects and verbs (ip's address for addr, bridge's link for port) */
	for (int p = PERSONA_VNETCTL; p <= PERSONA_BRIDGE; p++) {
		const struct program *pg = program_of((enum persona)p);
		if (!pg)
			continue;
		printf("program %s\n", pg->name);
		for (size_t i = 0; i < pg->ncmds; i++) {
			const char *t = pg->cmds[i].target;
			const struct object *o = !t		      ? NULL
						 : pg->cmds_are_verbs ? objects_find(pg->name)
								      : objects_find(t);
			/* only those that stand for something vnetctl has */
			if (o && (!pg->cmds_are_verbs || verb_exact(o, t)))
				printf("alias %s %s %s\n", pg->name, pg->cmds[i].name, t);
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct object *o = objs[i];
		printf("object %s\n", o->name);
		if (link_kind_find(o->name))
			printf("kind %s %s %s\n", o->name, link_kind_module(o->name),
			       kind_article(o->name));
		for (size_t j = 0; j < o->nverbs; j++) {
			const struct verb *v = &o->verbs[j];
			printf("verb %s %s\n", o->name, verb_named(v) ? v->name : "-");
			for (size_t a = 0; v->aliases && v->aliases[a]; a++)
				printf("verb %s %s\n", o->name, v->aliases[a]);
			dump_args(o, v, v->args, v->nargs);
		}
	}
	return EXIT_OK;
}

/* The link object, found by its add verb's table (link_add_args), and
 * that verb. */
static const struct object *link_object(const struct verb **add)
{
	size_t n;
	const struct object *const *objs = objects_all(&n);

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < objs[i]->nverbs; j++)
			if (objs[i]->verbs[j].args == link_add_args) {
				*add = &objs[i]->verbs[j];
				return objs[i];
			}
	return NULL;
}

/* Whether verb v's table has a `type KIND` argument (ARG_KIND). */
static bool takes_kind(const struct verb *v)
{
	for (size_t i = 0; i < v->nargs; i++)
		if (v->args[i].kind == ARG_KIND)
			return true;
	return false;
}

/* The synopses of `link add ... type KIND` and, for a kind with port
 * words, of `link set ... type KIND_slave` (the other link verb with a
 * type: set). */
static void synopsis_link_kind(const struct link_kind *k)
{
	const struct verb *add, *set = NULL, *words;
	const struct object *link = link_object(&add);
	struct verb vb;
	char slave[64];

	if (!link || !(words = kind_words(k->kind, &vb)))
		return;
	fputs(".br\n", stdout);
	args_synopsis_kind(stdout, link, add, k->kind, words);
	for (size_t j = 0; j < link->nverbs && !set; j++)
		if (&link->verbs[j] != add && takes_kind(&link->verbs[j]))
			set = &link->verbs[j];
	snprintf(slave, sizeof(slave), "%s_slave", k->kind);
	if (!set || !k->slave_args || !(words = kind_words(slave, &vb)))
		return;
	fputs(".br\n", stdout);
	args_synopsis_kind(stdout, link, set, slave, words);
}

/* `vnetctl __synopsis OBJECT`: the roff SYNOPSIS of OBJECT's page, from
 * its tables; the build puts it in man/vnetctl-OBJECT.8.in's marker (and
 * `vnetctl __synopsis` vnetctl(8)'s, synopsis_global). */
static int print_synopsis(const char *name)
{
	const struct object *o = objects_find(name);
	const struct link_kind *k = link_kind_find(name);

	if (!o)
		return usage_fail("no object \"%s\"%s", name, "");
	args_synopsis(stdout, o);
	/* a kind whose object is its module's own (bridge), not the KIND
	 * add|del|show made from its descriptor: the kind's words are link
	 * add's (and a port's link set's), said in that object's page */
	if (k && !k->help)
		synopsis_link_kind(k);
	return EXIT_OK;
}

/* Dry run's hook: the request decoded on stdout, in JSON with -j. */
static const struct ctx *the_ctx;
static void print_request(const struct nlmsghdr *nlh)
{
	nl_decode(stdout, nlh, ctx_json(the_ctx), the_ctx->flags & CTX_PRETTY);
}

/* A setuid or setgid copy would hand root's powers to whoever runs it
 * (netns exec, files named by -b): refuse before opening anything.  File
 * capabilities leave the ids alone, and are the way to grant vnetctl. */
static bool refuse_setid(void)
{
	uid_t uid = getuid(), euid = geteuid();
	gid_t gid = getgid(), egid = getegid();

	if (uid == euid && gid == egid)
		return false;
	fprintf(stderr,
		"vnetctl: refusing to run setuid or setgid (uid %u, euid %u, gid %u, egid %u): "
		"grant capabilities instead (setcap cap_net_admin+ep)\n",
		(unsigned)uid, (unsigned)euid, (unsigned)gid, (unsigned)egid);
	return true;
}

int main(int argc, char **argv)
{
	struct ctx c = {.family = AF_UNSPEC,
			.dryrun = print_request,
			.persona = argc > 0 ? persona_of_argv0(argv[0]) : PERSONA_VNETCTL};
	/* iproute2 colours only when asked to */
	struct opts o = {.color = ctx_iproute2(&c) ? COLOR_NEVER : COLOR_AUTO};
	int status = EXIT_OK;
	int first;
	bool tty, want_shell;

	the_ctx = &c;
	if (refuse_setid())
		return EXIT_FAIL;
	/* a long show to a file or a pipe: 32 KiB writes rather than 4 KiB */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 1 << 15);
	if (argc >= 2 && !strcmp(argv[1], "__complete")) {
		c.out = out_new(stdout, false, false, false);
		status = run_complete(&c, argc - 2, argv + 2);
		out_free(c.out);
		nl_close(&c);
		return status;
	}
	if (argc == 2 && !strcmp(argv[1], "__dump"))
		return dump_tables();
	if (argc == 2 && !strcmp(argv[1], "__synopsis")) {
		synopsis_global(stdout);
		return EXIT_OK;
	}
	if (argc == 3 && !strcmp(argv[1], "__synopsis"))
		return print_synopsis(argv[2]);
	first = parse_globals(&c, &o, argc, argv, &status);
	if (first < 0)
		return status;
	tty = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	/* iproute2: never in JSON */
	if ((o.color == COLOR_ALWAYS || (o.color == COLOR_AUTO && tty)) &&
	    !(ctx_iproute2(&c) && ctx_json(&c)))
		c.flags |= CTX_COLOR;
	/* ip -batch FILE ignores the words after it */
	if (o.batch && first < argc && !ctx_iproute2(&c))
		return usage_fail("-b takes no command words (\"%s\"%s)", argv[first], "");
	/* no command: a shell on a terminal, a batch from a pipe (ip and
	 * bridge print their usage) */
	if (!o.batch && first >= argc && !isatty(STDIN_FILENO) && !ctx_iproute2(&c))
		o.batch = "-";
	want_shell = !o.batch && !ctx_iproute2(&c) &&
		     (first >= argc || (first == argc - 1 && !strcmp(argv[first], word_shell)));
	if (o.netns && (status = enter_netns(&c, o.netns)) != EXIT_OK)
		return status;
	c.netns = o.netns;
	c.out = out_new(stdout, c.flags & CTX_JSON, c.flags & CTX_PRETTY, c.flags & CTX_COLOR);
	out_set_oneline(c.out, c.flags & CTX_ONELINE);
	if (ctx_iproute2(&c))
		out_set_ip_layout(c.out);
	if (o.batch)
		status = run_batch(&c, o.batch);
	else if (want_shell)
		status = shell_run(&c);
	else
		status = dispatch(&c, argc - first, argv + first);
	out_free(c.out);
	nl_close(&c);
	if (fflush(stdout) != 0 && status == EXIT_OK) {
		fprintf(stderr, "vnetctl: writing output: %s\n", strerror(errno));
		status = EXIT_FAIL;
	}
	return status;
}
