// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the fuzz targets share: one input run as a batch through the real
 * dispatcher (fake.h), and the guards that keep a fuzzed command from
 * touching the machine.
 *
 * The fuzz build never talks to the kernel's rtnetlink (fakemnl.c); the
 * few verbs that act outside netlink are kept off by the guards below,
 * which fail every namespace, mount, exec and inotify call, and (outside dry
 * run) by running only the verbs that are pure netlink.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <unistd.h>

#include "args.h"
#include "core.h"
#include "dispatch.h"
#include "fake.h"
#include "nl.h"
#include "nldecode.h"
#include "out.h"
#include "persona.h"

#define MAX_INPUT 65536

/* ---- the guards: these win over libc's in the fuzz executables ------------ */

#pragma GCC diagnostic ignored "-Wunused-parameter"
#define REFUSE(ret, name, ...)                                                                     \
	ret name(__VA_ARGS__)                                                                      \
	{                                                                                          \
		errno = EPERM;                                                                     \
		return -1;                                                                         \
	}
REFUSE(int, unshare, int flags)
REFUSE(int, setns, int fd, int nstype)
REFUSE(int, mount, const char *src, const char *dst, const char *type, unsigned long flags,
       const void *data)
REFUSE(int, umount2, const char *target, int flags)
REFUSE(int, execve, const char *path, char *const argv[], char *const envp[])
REFUSE(int, execvp, const char *file, char *const argv[])
REFUSE(pid_t, fork, void)
REFUSE(int, inotify_init1, int flags)

/* ---- one input ---------------------------------------------------------- */

static FILE *devnull;

/* both forms of the dry run: text, and JSON */
static void decode_quietly(const struct nlmsghdr *nlh)
{
	nl_decode(devnull, nlh, false, false);
	nl_decode(devnull, nlh, true, false);
}

static void pipe_error(struct ctx *c, const char *label, int err, const char *msg, void *data)
{
	(void)c, (void)label, (void)err, (void)msg, (void)data;
}

/* The global options a batch's first line may give, by the real table;
 * --as=ip or --as=bridge runs the batch under that program's name
 * (persona.c), as a link of that name would. */
static bool apply_option(struct ctx *c, const char *w)
{
	if (!strncmp(w, "--as=", 5)) {
		c->persona = persona_of_argv0(w + 5);
		return true;
	}
	static const unsigned flag_of[G_NOPTS] = {
	    [G_JSON] = CTX_JSON,       [G_PRETTY] = CTX_PRETTY, [G_DETAILS] = CTX_DETAILS,
	    [G_BRIEF] = CTX_BRIEF,     [G_FORCE] = CTX_FORCE,	[G_STATS] = CTX_STATS,
	    [G_ONELINE] = CTX_ONELINE,
	};

	for (size_t k = 0; k < G_NOPTS; k++) {
		bool is =
		    (gopts[k].sh && !strcmp(w, gopts[k].sh)) ||
		    (gopts[k].lng && w[0] == '-' && w[1] == '-' && !strcmp(w + 2, gopts[k].lng));
		if (!is)
			continue;
		c->flags |= flag_of[k];
		if (k == G_INET || k == G_INET6)
			c->family = k == G_INET ? AF_INET : AF_INET6;
		return true;
	}
	return false;
}

/* Outside dry run: only the verbs that do nothing but netlink. */
static bool netlink_only(char **argv, int argc)
{
	static const char *const verbs[] = {"show", "list", "list-id", "flush", "del"};
	const struct object *o = argc >= 2 ? objects_find(argv[0]) : NULL;

	if (!o)
		return false;
	for (size_t i = 0; i < o->nverbs; i++) {
		const struct verb *v = &o->verbs[i];
		bool named = !strcmp(v->name, argv[1]);
		for (size_t a = 0; !named && v->aliases && v->aliases[a]; a++)
			named = !strcmp(v->aliases[a], argv[1]);
		if (!named)
			continue;
		for (size_t k = 0; k < ARRAY_SIZE(verbs); k++)
			if (!strcmp(v->name, verbs[k]))
				/* these two del through files, not netlink */
				return !(!strcmp(v->name, "del") &&
					 (!strcmp(o->name, "netns") || !strcmp(o->name, "tuntap")));
		return false;
	}
	return false;
}

void fuzz_run(const uint8_t *data, size_t size, int dryrun)
{
	static char text[MAX_INPUT + 1];
	struct ctx c = {.family = AF_UNSPEC, .dryrun = decode_quietly};
	const uint8_t *nul = memchr(data, 0, size);
	size_t tlen = nul ? (size_t)(nul - data) : size;
	char *line, *next;
	bool first = true;
	int lineno = 0;

	if (!devnull) {
		/* the fake socket serves one thread: streams are received in
		 * the caller */
		nl_stream_ahead = false;
		devnull = fopen("/dev/null", "w");
		/* what the printers write goes nowhere */
		int fd = open("/dev/null", O_WRONLY);
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	if (tlen > MAX_INPUT)
		return;
	memcpy(text, data, tlen);
	text[tlen] = '\0';
	fake_kernel_script(nul ? nul + 1 : NULL, nul ? size - tlen - 1 : 0);
	if (dryrun)
		c.flags |= CTX_DRYRUN;

	for (line = text; line; line = next, first = false) {
		char *argv[256];
		char where[64];
		int argc;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		argc = ctx_iproute2(&c) ? split_words_ip(line, argv, (int)ARRAY_SIZE(argv))
					: split_words(line, argv, (int)ARRAY_SIZE(argv));
		if (argc <= 0)
			continue;
		if (first && argv[0][0] == '-') {
			for (int i = 0; i < argc; i++)
				apply_option(&c, argv[i]);
			continue;
		}
		if (!c.out) {
			c.out = out_new(stdout, ctx_json(&c), c.flags & CTX_PRETTY, false);
			if (c.flags & CTX_FORCE)
				c.pipe = nl_pipe_new(pipe_error, NULL);
		}
		if (!dryrun && !netlink_only(argv, argc))
			continue;
		snprintf(where, sizeof(where), "fuzz:%d: ", lineno);
		c.where = where;
		if (dispatch(&c, argc, argv) != EXIT_OK && !(c.flags & CTX_FORCE))
			break;
	}
	c.where = NULL;
	if (c.pipe) {
		nl_pipe_flush(&c, c.pipe, pipe_error, NULL);
		nl_pipe_free(c.pipe);
	}
	if (c.out)
		out_free(c.out);
	nl_close(&c);
	fflush(stdout);
}
