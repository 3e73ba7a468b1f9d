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
#include "core.h"
#include "nl.h"
#include "nldecode.h"
#include "out.h"
#include "shell.h"
#include "version.h"

static const char *const color_words[] = {"auto", "always", "never", NULL};
enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct opts {
	const char *netns;
	const char *batch;
	int color;
};

/* ---- global options ----------------------------------------------------- */

static int match_gopt(const char *w, const char **value)
{
	const char *names[ARRAY_SIZE(gopts)];
	char name[64];
	struct match m;
	const char *eq;
	int i;

	*value = NULL;
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
	for (size_t k = 0; k < ARRAY_SIZE(gopts); k++)
		names[k] = gopts[k].lng;
	i = match_word(name, names, ARRAY_SIZE(gopts), &m);
	if (i == MATCH_NONE && eq == NULL && w[0] == 'c' && w[1] == '=')
		i = G_COLOR;
	return i;
}

static int parse_color(const char *v)
{
	struct match m;

	if (!v)
		return COLOR_ALWAYS;
	return match_word(v, color_words, 3, &m);
}

/* Returns the index of the first non-option word, or -1 when done (exit
 * status in *status). */
static int parse_globals(struct ctx *c, struct opts *o, int argc, char **argv, int *status)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *val;
		int id = match_gopt(argv[i], &val);

		if (!strncmp(argv[i], "-c=", 3)) {
			id = G_COLOR;
			val = argv[i] + 3;
		}
		if (id < 0 || (val && id != G_COLOR)) {
			*status =
			    usage_fail("unknown option \"%s\"%s (see: vnetctl help)", argv[i], "");
			return -1;
		}
		if ((id == G_NETNS || id == G_BATCH) && i + 1 >= argc) {
			*status = usage_fail("%s needs a value (%s)", argv[i], gopts[id].metavar);
			return -1;
		}
		switch (id) {
		case G_JSON:
			c->flags |= CTX_JSON;
			break;
		case G_PRETTY:
			c->flags |= CTX_PRETTY;
			break;
		case G_DETAILS:
			c->flags |= CTX_DETAILS;
			break;
		case G_BRIEF:
			c->flags |= CTX_BRIEF;
			break;
		case G_DRYRUN:
			c->flags |= CTX_DRYRUN;
			break;
		case G_FORCE:
			c->flags |= CTX_FORCE;
			break;
		case G_INET:
			c->family = AF_INET;
			break;
		case G_INET6:
			c->family = AF_INET6;
			break;
		case G_ONELINE:
			c->flags |= CTX_ONELINE;
			break;
		case G_RESOLVE:
			c->flags |= CTX_RESOLVE;
			break;
		case G_ALL:
			c->flags |= CTX_ALL;
			break;
		case G_TSTAMP:
			c->flags |= CTX_TSTAMP;
			break;
		case G_TSHORT:
			c->flags |= CTX_TSTAMP | CTX_TSHORT;
			break;
		case G_STATS:
			/* ip's -s -s: the second adds the error details */
			c->flags |= (c->flags & CTX_STATS) ? CTX_STATS2 : CTX_STATS;
			break;
		case G_NETNS:
			o->netns = argv[++i];
			break;
		case G_BATCH:
			o->batch = argv[++i];
			break;
		case G_COLOR:
			if ((o->color = parse_color(val)) < 0) {
				*status = usage_fail("invalid colour \"%s\"%s (auto|always|never)",
						     val, "");
				return -1;
			}
			break;
		case G_VERSION:
			printf("vnetctl %s\n", VNETCTL_VERSION);
			*status = EXIT_OK;
			return -1;
		case G_HELP:
			help(stdout);
			*status = EXIT_OK;
			return -1;
		}
	}
	return i;
}

static int enter_netns(struct ctx *c, const char *name)
{
	int fd, rc;

	if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return usage_fail("-n: invalid namespace name \"%s\"%s", name, "");
	fd = netns_open_named(c, name);
	if (fd < 0) {
		char prefix[128];
		snprintf(prefix, sizeof(prefix), "-n %s: ", name);
		return err_report(c, fd, prefix);
	}
	rc = setns(fd, CLONE_NEWNET);
	close(fd);
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
		snprintf(buf, sizeof(buf), "--%s", gopts[k].lng ? gopts[k].lng : "");
		if (gopts[k].lng && !strncmp(buf, prefix, strlen(prefix)))
			puts(buf);
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
		int id = match_gopt(w[i], &val);
		if (id == G_NETNS || id == G_BATCH) {
			if (i + 1 == n - 1) {
				if (id == G_NETNS)
					complete_netns(w[n - 1], print_word, NULL);
				return EXIT_OK; /* a file: the shell completes it */
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
		if (g->alias)
			printf("keyword %s %s %s\n", o->name, vn, g->alias);
		for (size_t w = 0; g->kind == ARG_ENUM && g->words[w]; w++)
			printf("word %s %s %s\n", o->name, vn, g->words[w]);
		if (g->kind == ARG_NEST)
			dump_args(o, v, g->sub, g->nsub);
	}
}

/* `vnetctl __dump`: every object, verb, keyword, word and option, one a
 * line, for the test that checks the man pages document them all. */
static int dump_tables(void)
{
	size_t n;
	const struct object *const *objs = objects_all(&n);

	for (size_t k = 0; k < ARRAY_SIZE(gopts); k++)
		printf("option %s %s\n", gopts[k].sh ? gopts[k].sh : "-",
		       gopts[k].lng ? gopts[k].lng : "-");
	for (size_t i = 0; i < n; i++) {
		const struct object *o = objs[i];
		printf("object %s\n", o->name);
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
	struct ctx c = {.family = AF_UNSPEC, .dryrun = print_request};
	struct opts o = {.color = COLOR_AUTO};
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
	first = parse_globals(&c, &o, argc, argv, &status);
	if (first < 0)
		return status;
	tty = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
	if (o.color == COLOR_ALWAYS || (o.color == COLOR_AUTO && tty))
		c.flags |= CTX_COLOR;
	if (o.batch && first < argc)
		return usage_fail("-b takes no command words (\"%s\"%s)", argv[first], "");
	/* no command: a shell on a terminal, a batch from a pipe */
	if (!o.batch && first >= argc && !isatty(STDIN_FILENO))
		o.batch = "-";
	want_shell =
	    !o.batch && (first >= argc || (first == argc - 1 && !strcmp(argv[first], "shell")));
	if (o.netns && (status = enter_netns(&c, o.netns)) != EXIT_OK)
		return status;
	c.netns = o.netns;
	c.out = out_new(stdout, c.flags & CTX_JSON, c.flags & CTX_PRETTY, c.flags & CTX_COLOR);
	out_set_oneline(c.out, c.flags & CTX_ONELINE);
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
