// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The interactive shell: readline, Tab completion from the argument tables
 * with live names, history kept across sessions, and a current namespace
 * (`netns enter NAME`) that later commands run in.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "args.h"
#include "complete.h"
#include "keytext.h"
#include "nl.h"
#include "shell.h"

#define HISTORY_LINES	 1000
#define HISTORY_LINE_MAX 4096 /* bytes; a longer line is not kept */

static struct ctx *shell_ctx;
static char history_path[PATH_MAX];
static int home_netns = -1; /* where the shell started, for `netns leave` */
static char cur_netns[NAME_MAX + 1];

/* ---- readline, loaded when the shell starts ------------------------------ */

/* Linked, readline (and libtinfo, bound at once) would cost every vnetctl
 * command its loading: about half the instructions of `link show lo`.  So
 * the shell opens it, and reaches each function and variable it uses
 * through rl, by the library's own name. */
#define READLINE_SONAME "libreadline.so.8"
#define READLINE_SYMBOLS(X)                                                                        \
	X(rl_callback_handler_install)                                                             \
	X(rl_callback_handler_remove)                                                              \
	X(rl_callback_read_char)                                                                   \
	X(rl_callback_sigcleanup)                                                                  \
	X(rl_completion_matches)                                                                   \
	X(rl_crlf)                                                                                 \
	X(rl_free_line_state)                                                                      \
	X(rl_on_new_line)                                                                          \
	X(rl_redisplay)                                                                            \
	X(rl_replace_line)                                                                         \
	X(add_history)                                                                             \
	X(append_history)                                                                          \
	X(free_history_entry)                                                                      \
	X(history_get)                                                                             \
	X(history_truncate_file)                                                                   \
	X(read_history)                                                                            \
	X(remove_history)                                                                          \
	X(stifle_history)                                                                          \
	X(using_history)                                                                           \
	X(write_history)                                                                           \
	X(rl_attempted_completion_function)                                                        \
	X(rl_attempted_completion_over)                                                            \
	X(rl_catch_signals)                                                                        \
	X(rl_instream)                                                                             \
	X(rl_line_buffer)                                                                          \
	X(rl_readline_name)                                                                        \
	X(history_base)                                                                            \
	X(history_length)

static struct {
#define RL_FIELD(sym) __typeof__(&sym) sym;
	READLINE_SYMBOLS(RL_FIELD)
#undef RL_FIELD
} rl;

static int readline_open(void)
{
	static const struct {
		const char *name;
		size_t off;
	} syms[] = {
#define RL_ENTRY(sym) {#sym, offsetof(__typeof__(rl), sym)},
	    READLINE_SYMBOLS(RL_ENTRY)
#undef RL_ENTRY
	};
	static void *lib;

	if (lib)
		return 0;
	if (!(lib = dlopen(READLINE_SONAME, RTLD_NOW | RTLD_LOCAL))) {
		err_line("shell: %s (install libreadline8)", dlerror());
		return -1;
	}
	for (size_t i = 0; i < ARRAY_SIZE(syms); i++) {
		void *p = dlsym(lib, syms[i].name);
		if (!p) {
			err_line("shell: %s has no %s", READLINE_SONAME, syms[i].name);
			dlclose(lib);
			lib = NULL;
			return -1;
		}
		memcpy((char *)&rl + syms[i].off, &p, sizeof(p));
	}
	return 0;
}

/* ---- the current namespace ---------------------------------------------- */

bool shell_active(void)
{
	return shell_ctx != NULL;
}

static int switch_to(struct ctx *c, int fd, const char *name)
{
	if (setns(fd, CLONE_NEWNET) < 0)
		return err_errno(c, errno, NULL);
	/* a netlink socket stays in the namespace it was opened in */
	nl_close(c);
	snprintf(cur_netns, sizeof(cur_netns), "%s", name ? name : "");
	return 0;
}

int shell_netns_enter(struct ctx *c, const char *name)
{
	int fd, rc;

	if (!shell_active())
		return err_usage(c, "only the interactive shell can enter a namespace "
				    "(use -n NAME or netns exec)");
	fd = netns_open(c, name);
	if (fd < 0)
		return fd;
	rc = switch_to(c, fd, name);
	close(fd);
	return rc;
}

int shell_netns_leave(struct ctx *c)
{
	if (!shell_active())
		return err_usage(c, "only the interactive shell can leave a namespace");
	return switch_to(c, home_netns, NULL);
}

/* ---- completion --------------------------------------------------------- */

struct matches {
	char **v;
	size_t n, cap;
};

static void collect(const char *w, void *data)
{
	struct matches *m = data;

	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->v[i], w))
			return;
	if (m->n + 2 > m->cap) {
		m->cap = m->cap ? m->cap * 2 : 32;
		m->v = realloc(m->v, m->cap * sizeof(*m->v));
		if (!m->v)
			abort();
	}
	m->v[m->n++] = strdup(w);
	m->v[m->n] = NULL;
}

static struct matches pending;
static size_t pending_next;

static char *next_match(const char *text, int state)
{
	(void)text;
	if (state == 0)
		pending_next = 0;
	if (pending_next < pending.n)
		return pending.v[pending_next++]; /* readline frees it */
	free(pending.v);
	pending = (struct matches){0};
	return NULL;
}

static char **shell_complete(const char *text, int start, int end)
{
	char *line = strndup(*rl.rl_line_buffer, (size_t)start);
	char *words[256];
	int n;

	(void)end;
	*rl.rl_attempted_completion_over = 1; /* never fall back to file names */
	if (!line)
		return NULL;
	n = split_words(line, words, (int)ARRAY_SIZE(words) - 1);
	if (n >= 0) {
		words[n++] = (char *)text;
		free(pending.v);
		pending = (struct matches){0};
		complete_command(shell_ctx, n, words, collect, &pending);
	}
	free(line);
	if (n < 0 || pending.n == 0) {
		free(pending.v);
		pending = (struct matches){0};
		return NULL;
	}
	return rl.rl_completion_matches(text, next_match);
}

/* ---- history ------------------------------------------------------------ */

static void mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0700);
		*p = '/';
	}
}

/* A line too long to keep (a paste gone wrong) is not kept. */
static bool history_worthy(const char *line)
{
	return strlen(line) < HISTORY_LINE_MAX;
}

/* Lines too long for a file written before the cap, or by hand, go too. */
static void history_drop_long(void)
{
	bool dropped = false;

	for (int i = *rl.history_length - 1; i >= 0; i--) {
		HIST_ENTRY *e = rl.history_get(*rl.history_base + i);
		if (e && !history_worthy(e->line)) {
			rl.free_history_entry(rl.remove_history(i));
			dropped = true;
		}
	}
	if (dropped)
		rl.write_history(history_path);
}

static void history_open(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	rl.using_history();
	rl.stifle_history(HISTORY_LINES);
	if (state && *state)
		snprintf(history_path, sizeof(history_path), "%s/vnetctl/history", state);
	else if (home && *home)
		snprintf(history_path, sizeof(history_path), "%s/.local/state/vnetctl/history",
			 home);
	else
		return;
	mkdirs(history_path);
	rl.read_history(history_path);
	history_drop_long();
	rl.history_truncate_file(history_path, HISTORY_LINES);
}

static void history_keep(const char *line)
{
	if (!history_worthy(line))
		return;
	rl.add_history(line);
	if (!history_path[0])
		return;
	/* append as we go, so a killed shell loses nothing */
	if (rl.append_history(1, history_path) != 0)
		rl.write_history(history_path);
	rl.history_truncate_file(history_path, HISTORY_LINES);
}

/* ---- the loop ----------------------------------------------------------- */

/* Ctrl-C only sets the flag.  It is installed without SA_RESTART: a read
 * the running command waits in (netns monitor's) returns, the command ends
 * and the prompt comes back; at the prompt, select() returns and the line
 * being typed is abandoned.  No readline call runs in the handler. */
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* readline's callback interface, so that the loop, not a handler, sees
 * Ctrl-C at the prompt. */
static char *got_line;
static bool got;

static void on_line(char *line)
{
	got_line = line;
	got = true;
	rl.rl_callback_handler_remove();
}

static void abandon_line(void)
{
	rl.rl_free_line_state();
	rl.rl_callback_sigcleanup();
	rl.rl_replace_line("", 0);
	rl.rl_crlf();
	rl.rl_on_new_line();
	rl.rl_redisplay();
}

/* One line typed at the prompt (NULL at end of input), as readline() gives. */
static char *read_line(const char *prompt_text)
{
	int fd = fileno(*rl.rl_instream ? *rl.rl_instream : stdin);

	got = false;
	got_line = NULL;
	interrupted = 0;
	rl.rl_callback_handler_install(prompt_text, on_line);
	while (!got) {
		fd_set in;
		int n;

		FD_ZERO(&in);
		FD_SET(fd, &in);
		n = select(fd + 1, &in, NULL, NULL, NULL);
		if (interrupted) {
			interrupted = 0;
			abandon_line();
		}
		if (n < 0 && errno != EINTR) {
			rl.rl_callback_handler_remove();
			return NULL;
		}
		if (n > 0)
			rl.rl_callback_read_char();
	}
	return got_line;
}

static const char *prompt(char *buf, size_t sz)
{
	if (cur_netns[0])
		snprintf(buf, sz, "vnetctl[%s]> ", cur_netns);
	else if (shell_ctx->netns)
		snprintf(buf, sz, "vnetctl[%s]> ", shell_ctx->netns);
	else
		snprintf(buf, sz, "vnetctl> ");
	return buf;
}

static bool is_exit(char **argv, int argc)
{
	return argc == 1 && (!strcmp(argv[0], "exit") || !strcmp(argv[0], "quit"));
}

int shell_run(struct ctx *c)
{
	struct sigaction sa = {.sa_handler = on_sigint};
	char promptbuf[NAME_MAX + 16];
	char *line;

	if (readline_open() < 0)
		return EXIT_FAIL;
	shell_ctx = c;
	home_netns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	*rl.rl_readline_name = "vnetctl";
	*rl.rl_attempted_completion_function = shell_complete;
	*rl.rl_catch_signals = 0;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	history_open();

	while ((line = read_line(prompt(promptbuf, sizeof(promptbuf))))) {
		char *copy = strdup(line), *argv[256];
		int argc = copy ? split_words(copy, argv, (int)ARRAY_SIZE(argv)) : -ENOMEM;
		/* A line that holds a key's text is kept once the command took
		 * it: a refused one may hold a private key typed where its
		 * file's name belongs (the text cannot tell it from a peer's
		 * public key), and the history file outlives the session. */
		bool secret = argc != 0 && text_holds_key(line);

		if (argc != 0 && !secret)
			history_keep(line);
		if (argc < 0)
			fprintf(stderr, "vnetctl: %s\n",
				argc == -EINVAL ? "unterminated quote" : "too many words");
		else if (is_exit(argv, argc)) {
			free(copy);
			free(line);
			break;
		} else if (argc > 0) {
			int rc = dispatch(c, argc, argv);
			fflush(stdout);
			if (secret && rc != EXIT_USAGE)
				history_keep(line);
		}
		if (interrupted) /* the terminal echoed ^C: the prompt on a line of its own */
			putchar('\n');
		interrupted = 0; /* what Ctrl-C ended is over */
		free(copy);
		free(line);
	}
	if (!line)
		putchar('\n'); /* Ctrl-D: end the prompt's line */
	if (home_netns >= 0)
		close(home_netns);
	shell_ctx = NULL;
	return EXIT_OK;
}
