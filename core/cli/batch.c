// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A batch: one command a line, from a file or a pipe.
 *
 * The changes go pipelined (nlpipe.c).  With --force every line runs
 * whatever came before.  Without it the batch is exact: the lines before a
 * failing one took effect and none after it did.  Only changes that can be
 * taken back wait in the pipe; when line K's fails, the pipe takes back
 * what came after, and K runs again alone, so that its error is the one
 * it gives alone.  The lines since every line before was known to have
 * taken effect are kept here for that (the window), and run again should
 * K now succeed.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "batch.h"
#include "dispatch.h"
#include "linkdel.h"
#include "nl.h"
#include "out.h"

/* SIGINT or SIGTERM during a batch: the handler only notes it, and the loop
 * stops at the next line boundary. */
static volatile sig_atomic_t batch_signal;
static const int batch_signals[] = {SIGINT, SIGTERM};

static void on_batch_signal(int sig)
{
	batch_signal = sig;
}

/* Without SA_RESTART, so that a read of the batch waiting on a pipe ends
 * (EINTR) rather than waiting for the next line.  A signal ignored when
 * vnetctl started (a background job of a script) stays ignored. */
static void batch_catch(struct sigaction *old)
{
	struct sigaction sa = {.sa_handler = on_batch_signal};

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < ARRAY_SIZE(batch_signals); i++) {
		sigaction(batch_signals[i], NULL, &old[i]);
		if (old[i].sa_handler != SIG_IGN)
			sigaction(batch_signals[i], &sa, NULL);
	}
}

static void batch_release(const struct sigaction *old)
{
	for (size_t i = 0; i < ARRAY_SIZE(batch_signals); i++)
		sigaction(batch_signals[i], &old[i], NULL);
}

/* The one line an interrupted batch ends with; done is the last line that
 * ran (0: none), eof whether it was the batch's last. */
static int batch_interrupted(const char *name, int done, bool eof)
{
	int sig = batch_signal;
	const char *what = sig == SIGINT ? "SIGINT" : "SIGTERM";

	if (eof)
		err_line("interrupted (%s) after the last line, %s:%d: every line took effect",
			 what, name, done);
	else if (done == 0)
		err_line("interrupted (%s): no line took effect, %s:1 and after did not", what,
			 name);
	else
		err_line("interrupted (%s): lines up to %s:%d took effect, %s:%d and after did not",
			 what, name, done, name, done + 1);
	return 128 + sig;
}

/* A line that cannot be split: vnetctl's line, exit 2, or ip's (which
 * ends the batch at once, exit 1). */
static int split_error(struct ctx *c, int err, const char *where)
{
	if (ctx_iproute2(c)) {
		fprintf(stderr, "%s\n",
			err == -E2BIG ? "Too many arguments to command"
				      : "Unterminated quoted string");
		return EXIT_FAIL;
	}
	err_line("%s%s", where, err == -E2BIG ? "too many words" : "unterminated quote");
	return EXIT_USAGE;
}

/* One line, run; EXIT_USAGE for a line that is not one.  *fatal: the batch
 * ends there, whatever --force says. */
static int batch_line(struct ctx *c, char *line, size_t len, const char *where, bool *fatal)
{
	char *argv[256];
	int argc;

	/* the rest of the line would be lost: a batch is text */
	if (memchr(line, '\0', len)) {
		*fatal = true;
		/* said once the lines before are known to have taken effect */
		if (nl_barrier(c) < 0)
			return EXIT_FAIL;
		err_line("%sa NUL byte in the line (a batch is text)", where);
		return ctx_iproute2(c) ? EXIT_IP_USAGE : EXIT_USAGE;
	}
	argc = ctx_iproute2(c) ? split_words_ip(line, argv, (int)ARRAY_SIZE(argv))
			       : split_words(line, argv, (int)ARRAY_SIZE(argv));
	if (argc < 0) {
		*fatal = ctx_iproute2(c);
		if (nl_barrier(c) < 0)
			return EXIT_FAIL;
		return split_error(c, argc, where);
	}
	argc = argc ? dispatch(c, argc, argv) : EXIT_OK;
	/* ip exits at a wrong line, -force or not */
	*fatal = *fatal || (ctx_iproute2(c) && argc == EXIT_IP_USAGE);
	return argc;
}

/* ---- the window ------------------------------------------------------- */

/* A plain batch keeps its lines until every one before is known to have
 * taken effect; a barrier every WINDOW_LINES lines bounds them. */
#define WINDOW_LINES 1024

struct held {
	int no;
	char *text;
	size_t len;
};

struct window {
	struct held *v;
	size_t n, cap;
	size_t next; /* v[next..n) are to run again */
};

static void window_add(struct window *w, int no, const char *text, size_t len)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct held *v = realloc(w->v, cap * sizeof(*v));
		if (!v)
			abort();
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n] = (struct held){no, malloc(len + 1), len};
	if (!w->v[w->n].text)
		abort();
	memcpy(w->v[w->n].text, text, len + 1);
	w->n++;
	w->next = w->n;
}

/* Forget v[0..upto): those lines took effect. */
static void window_forget(struct window *w, size_t upto)
{
	if (upto == 0)
		return; /* nothing kept yet: v may be NULL */
	for (size_t i = 0; i < upto; i++)
		free(w->v[i].text);
	memmove(w->v, w->v + upto, (w->n - upto) * sizeof(*w->v));
	w->n -= upto;
	w->next = w->next > upto ? w->next - upto : 0;
}

/* ---- running lines ------------------------------------------------------ */

struct batch {
	struct ctx *c;
	FILE *f;
	const char *name;
	const char *path; /* as given: iproute2's "Command failed PATH:LINE" */
	bool exact;
	char *line, *scratch;
	size_t cap, scap;
	char where[4200];
	struct window w;
	int lineno; /* lines read */
	int done;   /* the last line that ran */
	bool eof;
	int status;
	int pipe_status; /* EXIT_FAIL once the pipe reported a failure */
};

/* Under iproute2's names, after a failing line's own error: ip's line
 * naming it. */
static void line_failed(const struct batch *b, int no)
{
	char esc[4200];

	if (!ctx_iproute2(b->c))
		return;
	text_escape(esc, sizeof(esc), b->path);
	fprintf(stderr, "Command failed %s:%d\n", esc, no);
}

static void pipe_error(struct ctx *c, const char *label, int err, const char *msg, void *data)
{
	struct batch *b = data;

	b->pipe_status = EXIT_FAIL;
	if (!ctx_iproute2(c)) {
		err_line("%s: %s", label ? label : "batch", msg ? msg : strerror(-err));
		return;
	}
	err_refusal_print(&c->refused);
	line_failed(b, c->refused.line);
}

/* A failing line's status in the batch's: its own, or ip's 1 (255 for a
 * wrong line, which ends ip's batch). */
static int batch_status(const struct batch *b, int rc)
{
	if (!ctx_iproute2(b->c))
		return rc;
	return rc == EXIT_IP_USAGE ? EXIT_IP_USAGE : EXIT_FAIL;
}

enum { GO_ON, STOP, END, RUN_AGAIN };

/* One line, split in a copy (the window keeps the text); alone: every
 * change it makes goes on its own.  *fatal: the batch ends there. */
static int run_line(struct batch *b, int no, const char *text, size_t len, bool alone, bool *fatal)
{
	struct ctx *c = b->c;

	if (len + 1 > b->scap) {
		char *s = realloc(b->scratch, len + 1);
		if (!s)
			abort();
		b->scratch = s;
		b->scap = len + 1;
	}
	memcpy(b->scratch, text, len + 1);
	*fatal = false;
	snprintf(b->where, sizeof(b->where), "%s:%d: ", b->name, no);
	c->where = b->where;
	/* the pipe notes each request's line: "Command failed FILE:LINE" */
	nl_pipe_line(c->pipe, no, alone);
	return batch_line(c, b->scratch, len, b->where, fatal);
}

/* The pipe refused line K's change and took back what came after it.  K
 * runs again alone, for its own error; should it now succeed (the kernel
 * changed meanwhile), the lines after it run again. */
static int recover(struct batch *b)
{
	struct ctx *c = b->c;
	bool rerun, fatal;
	int k = nl_pipe_failed(c->pipe, &rerun), rc;
	size_t i;

	delq_drop(c->delq); /* gathered after K: they did not run */
	for (i = 0; i < b->w.next && b->w.v[i].no != k; i++)
		;
	b->done = k - 1;
	if (!rerun || i == b->w.next) {
		nl_pipe_failed_report(c, c->pipe);
		nl_pipe_failed_clear(c->pipe);
		if (b->status == EXIT_OK)
			b->status = EXIT_FAIL;
		return STOP;
	}
	nl_pipe_failed_clear(c->pipe);
	rc = run_line(b, k, b->w.v[i].text, b->w.v[i].len, true, &fatal);
	if (rc != EXIT_OK) {
		if (rc != EXIT_IP_USAGE)
			line_failed(b, k);
		if (b->status == EXIT_OK)
			b->status = batch_status(b, rc);
		return STOP;
	}
	b->done = k;
	window_forget(&b->w, i + 1);
	b->w.next = 0;
	return batch_signal ? STOP : RUN_AGAIN;
}

/* What a line leaves: go on, or stop the batch. */
static int after_line(struct batch *b, int no, int rc, bool fatal)
{
	struct ctx *c = b->c;

	if (b->exact && nl_pipe_failed(c->pipe, NULL))
		return recover(b) == RUN_AGAIN ? GO_ON : STOP;
	if (rc != EXIT_OK) {
		if (rc != EXIT_IP_USAGE && !(fatal && rc == EXIT_FAIL))
			line_failed(b, no);
		if (b->status == EXIT_OK || batch_status(b, rc) == EXIT_IP_USAGE)
			b->status = batch_status(b, rc);
		if (!(c->flags & CTX_FORCE) || fatal)
			return STOP;
	}
	b->done = no;
	if (!b->exact)
		return GO_ON;
	if (nl_pipe_held(c->pipe) == 0)
		window_forget(&b->w, b->w.next);
	else if (b->w.next >= WINDOW_LINES && nl_barrier(c) < 0)
		return recover(b) == RUN_AGAIN ? GO_ON : STOP;
	else if (b->w.next >= WINDOW_LINES)
		window_forget(&b->w, b->w.next);
	return GO_ON;
}

/* Whether reading a line would not wait on a writer (a regular file is
 * always ready, and so is a pipe at its end). */
static bool input_ready(FILE *f)
{
	struct pollfd p = {.fd = fileno(f), .events = POLLIN};

	return poll(&p, 1, 0) > 0;
}

/* Whether no line follows the last one read, known without waiting: a
 * file at its end, a pipe whose writer is done.  A writer still at work
 * may yet write one. */
static bool at_end(FILE *f)
{
	int ch;

	if (!input_ready(f))
		return false;
	if ((ch = getc(f)) == EOF)
		return !ferror(f);
	ungetc(ch, f);
	return false;
}

/* A line of iproute2's batch grammar: '#' anywhere begins a comment, and
 * a line ending in a backslash goes on in the next (lib/utils.c's
 * getcmdline()).  Cut to its comment here, so that the window keeps what
 * runs. */
static void cut_comment(char *line, ssize_t *len)
{
	char *hash = memchr(line, '#', (size_t)*len);

	if (hash) {
		*hash = '\0';
		*len = hash - line;
	}
}

/* The next line into b->line (its length, or -1 at the end or on an
 * error); b->lineno is its number, the last for a continued line. */
static ssize_t read_line(struct batch *b)
{
	char *more = NULL;
	size_t cap = 0;
	ssize_t len = getline(&b->line, &b->cap, b->f), n;

	if (len < 0)
		return len;
	b->lineno++;
	if (!ctx_iproute2(b->c))
		return len;
	cut_comment(b->line, &len);
	while (len >= 2 && !strcmp(b->line + len - 2, "\\\n")) {
		if ((n = getline(&more, &cap, b->f)) < 0) {
			fprintf(stderr, "Missing continuation line\n");
			break;
		}
		b->lineno++;
		cut_comment(more, &n);
		len -= 2;
		if ((size_t)(len + n + 1) > b->cap) {
			char *grown = realloc(b->line, (size_t)(len + n + 1));
			if (!grown)
				abort();
			b->line = grown;
			b->cap = (size_t)(len + n + 1);
		}
		memcpy(b->line + len, more, (size_t)n + 1);
		len += n;
	}
	free(more);
	return len;
}

/* Lines until the end (END), a stop, or a signal (STOP). */
static int run_lines(struct batch *b)
{
	while (!batch_signal) {
		const char *text;
		ssize_t len = 0;
		bool fatal;
		int no, rc;

		if (b->w.next < b->w.n) {
			struct held *h = &b->w.v[b->w.next++];
			no = h->no;
			text = h->text;
			len = (ssize_t)h->len;
		} else {
			/* Changes do not wait in the pipe for a line a writer has
			 * not written yet: whoever feeds the batch may be waiting
			 * to see them take effect. */
			if (nl_pipe_held(b->c->pipe) && !b->eof && !input_ready(b->f)) {
				if (nl_barrier(b->c) < 0 || nl_pipe_failed(b->c->pipe, NULL)) {
					if (recover(b) == RUN_AGAIN)
						continue;
					return STOP;
				}
				window_forget(&b->w, b->w.next);
			}
			len = b->eof ? -1 : read_line(b);
			/* a line cut short by a signal (EINTR) is never run */
			if (len < 0 || batch_signal) {
				if (len >= 0 || b->eof)
					return batch_signal ? STOP : END;
				if (ferror(b->f) && !batch_signal) {
					err_line("batch %s: %s", b->name, strerror(errno));
					b->status = EXIT_FAIL;
					return STOP;
				}
				b->eof = !ferror(b->f);
				return batch_signal ? STOP : END;
			}
			no = b->lineno;
			text = b->line;
			if (b->exact)
				window_add(&b->w, no, text, (size_t)len);
		}
		rc = run_line(b, no, text, (size_t)len, false, &fatal);
		if (after_line(b, no, rc, fatal) == STOP)
			return STOP;
	}
	return STOP;
}

int run_batch(struct ctx *c, const char *path)
{
	struct batch b = {.c = c, .name = strcmp(path, "-") ? path : "<stdin>", .path = path};
	struct sigaction old[ARRAY_SIZE(batch_signals)];
	int how;

	b.f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!b.f && ctx_iproute2(c)) {
		char esc[4200];
		text_escape(esc, sizeof(esc), path);
		fprintf(stderr, "Cannot open file \"%s\" for reading: %s\n", esc, strerror(errno));
		return EXIT_FAIL;
	}
	if (!b.f) {
		err_line("batch %s: %s", path, strerror(errno));
		return EXIT_FAIL;
	}
	b.exact = !(c->flags & CTX_FORCE);
	c->pipe = nl_pipe_new(pipe_error, &b);
	if (!c->pipe)
		abort();
	if (b.exact)
		nl_pipe_exact(c->pipe);
	/* consecutive del lines are gathered into one deletion */
	c->delq = delq_new();
	batch_catch(old);
	do {
		how = run_lines(&b);
		/* Stopped, ended or interrupted, the lines that ran take effect
		 * (the gathered deletions, the queued changes), and their
		 * failures are reported, before the batch ends. */
		if (delq_flush(c) != EXIT_OK && !nl_pipe_failed(c->pipe, NULL) &&
		    b.status == EXIT_OK)
			b.status = EXIT_FAIL;
		if (!b.exact) {
			nl_pipe_flush(c, c->pipe, pipe_error, &b);
		} else if (nl_barrier(c) < 0 || nl_pipe_failed(c->pipe, NULL)) {
			if (recover(&b) == RUN_AGAIN && how == END)
				continue;
		}
		break;
	} while (1);
	if (delq_failed(c->delq) && b.status == EXIT_OK)
		b.status = EXIT_FAIL;
	if (b.status == EXIT_OK)
		b.status = b.pipe_status;
	delq_free(c->delq);
	c->delq = NULL;
	c->where = NULL;
	nl_pipe_free(c->pipe);
	c->pipe = NULL;
	/* the signal may come after the last line ran, before its end was
	 * read: no line after it is then said not to have taken effect */
	if (batch_signal && !b.eof && b.done == b.lineno && b.w.next == b.w.n)
		b.eof = at_end(b.f);
	if (batch_signal)
		b.status = batch_interrupted(b.name, b.done, b.eof);
	batch_release(old);
	free(b.line);
	free(b.scratch);
	window_forget(&b.w, b.w.n);
	free(b.w.v);
	if (b.f != stdin)
		fclose(b.f);
	return b.status;
}
