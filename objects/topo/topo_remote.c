// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo on several hosts: each host's part (topo_hosts.c) given to
 * `vnetctl topo VERB -` there, through ssh, all hosts at once.
 *
 * ssh is the user's own (their configuration, keys and agent; the program
 * VNETCTL_SSH names, else ssh on PATH), run by fork and exec with its
 * argument vector: no shell here, and the remote command line holds only
 * fixed words (the part goes on the standard input, so nothing of the
 * file is in it).  BatchMode=yes: no password or passphrase is ever asked
 * for, and a host key ssh does not know already fails the connection, as
 * ssh checks it.  One connection per host (ControlMaster=auto, its socket
 * in a directory of the user's alone, ControlPersist) carries the version
 * check and the verb.
 *
 * First every host's vnetctl --version, which must be ours: up, plan and
 * diff do nothing unless every host answers.  up is all or nothing across
 * the hosts: each host's up is all or nothing already, and when one fails
 * (or a signal came) the hosts whose up succeeded run down of their part.
 * down goes as far as it can: a host that cannot be reached fails alone.
 * The ssh processes are in a process group of their own, so that a ^C at
 * the terminal reaches vnetctl alone, which lets each host's run end and
 * then takes back what was made.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "out.h"
#include "topo_hosts.h"
#include "topo_step.h"
#include "version.h"

/* How long a master connection stays after its last use. */
#define CONTROL_PERSIST "ControlPersist=60"
#define REMOTE_PROGRAM	"vnetctl"

struct job {
	const struct topo_part *p;
	pid_t pid;
	int status; /* the exit status; -1: not run, or killed */
	char *out, *err;
	int outfd, errfd;
	bool skip;
};

/* The directory of the control sockets: the user's own, no one else's. */
static int control_dir(char *dir, size_t size)
{
	const char *run = getenv("XDG_RUNTIME_DIR");
	struct stat st;

	if (run && *run)
		snprintf(dir, size, "%s/vnetctl-ssh", run);
	else
		snprintf(dir, size, "/tmp/vnetctl-ssh-%u", (unsigned)getuid());
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return -errno;
	if (lstat(dir, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077))
		return -EPERM;
	return 0;
}

static int memfd_with(const char *name, const char *text, size_t len)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0)
		return -errno;
	for (size_t off = 0; off < len;) {
		ssize_t n = write(fd, text + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -errno;
		}
		off += (size_t)n;
	}
	lseek(fd, 0, SEEK_SET);
	return fd;
}

static char *slurp(int fd)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	ssize_t n;

	if (!buf)
		abort();
	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, buf + len, cap - len - 1)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		len += (size_t)n;
		if (cap - len < 2) {
			char *more = realloc(buf, cap *= 2);
			if (!more)
				abort();
			buf = more;
		}
	}
	buf[len] = '\0';
	close(fd);
	return buf;
}

/* ssh's argument vector for host h running words (NULL-ended). */
static void ssh_argv(const struct topo_host *h, const char *ctl, const char *const *words,
		     const char **argv)
{
	const char *ssh = getenv("VNETCTL_SSH");
	int n = 0;

	argv[n++] = ssh && *ssh ? ssh : "ssh";
	argv[n++] = "-T";
	argv[n++] = "-o";
	argv[n++] = "BatchMode=yes";
	argv[n++] = "-o";
	argv[n++] = "ControlMaster=auto";
	argv[n++] = "-o";
	argv[n++] = ctl;
	argv[n++] = "-o";
	argv[n++] = CONTROL_PERSIST;
	argv[n++] = "--";
	argv[n++] = h->ssh;
	if (h->sudo) {
		argv[n++] = "sudo";
		argv[n++] = "-n";
	}
	argv[n++] = REMOTE_PROGRAM;
	while (*words)
		argv[n++] = *words++;
	argv[n] = NULL;
}

#define ARGV_MAX 64

/* Start job j: ssh to its host with words, its part on stdin when input. */
static int spawn(struct job *j, const char *ctl, const char *const *words, bool input)
{
	const char *argv[ARGV_MAX];
	int in = input ? memfd_with("topo-part", j->p->text, j->p->len)
		       : open("/dev/null", O_RDONLY | O_CLOEXEC);

	j->status = -1;
	j->out = j->err = NULL;
	ssh_argv(j->p->host, ctl, words, argv);
	j->outfd = memfd_create("topo-out", MFD_CLOEXEC);
	j->errfd = memfd_create("topo-err", MFD_CLOEXEC);
	if (in < 0 || j->outfd < 0 || j->errfd < 0)
		return in < 0 ? in : -errno;
	fflush(stdout);
	fflush(stderr);
	if ((j->pid = fork()) < 0)
		return -errno;
	if (j->pid == 0) {
		/* its own process group: a ^C at the terminal is vnetctl's */
		setpgid(0, 0);
		if (dup2(in, 0) < 0 || dup2(j->outfd, 1) < 0 || dup2(j->errfd, 2) < 0)
			_exit(127);
		execvp(argv[0], (char *const *)argv);
		dprintf(2, "ssh: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(255);
	}
	close(in);
	return 0;
}

/* Run words on every job's host at once (those not skipped), and wait
 * for all: the status of each, its output and its error output. */
static int run_all(struct job *jobs, size_t n, const char *const *words, bool input)
{
	char dir[200], ctl[300];
	int rc = control_dir(dir, sizeof(dir));

	if (rc < 0)
		return rc;
	snprintf(ctl, sizeof(ctl), "ControlPath=%s/%%C", dir);
	for (size_t i = 0; i < n; i++)
		if (!jobs[i].skip && (rc = spawn(&jobs[i], ctl, words, input)) < 0) {
			jobs[i].skip = true; /* no process to wait for */
			jobs[i].status = -1;
			jobs[i].out = strdup("");
			if (asprintf(&jobs[i].err, "cannot start ssh: %s\n", strerror(-rc)) < 0)
				abort();
		}
	for (size_t i = 0; i < n; i++) {
		int st;
		if (jobs[i].skip || !jobs[i].pid)
			continue;
		while (waitpid(jobs[i].pid, &st, 0) < 0)
			if (errno != EINTR) {
				st = -1;
				break;
			}
		jobs[i].status = st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		jobs[i].out = slurp(jobs[i].outfd);
		jobs[i].err = slurp(jobs[i].errfd);
		jobs[i].pid = 0;
	}
	return 0;
}

static void jobs_clear(struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(jobs[i].out);
		free(jobs[i].err);
		jobs[i].out = jobs[i].err = NULL;
	}
}

/* The last line of s, without its line break, in buf. */
static const char *last_line(const char *s, char *buf, size_t size)
{
	size_t len = s ? strlen(s) : 0;
	const char *start;

	while (len && s[len - 1] == '\n')
		len--;
	start = s + len;
	while (start > s && start[-1] != '\n')
		start--;
	snprintf(buf, size, "%.*s", (int)(s + len - start), start);
	return buf;
}

/* Job j's failure, its file line when the remote names its part's: the
 * reason in why, the line of the file returned (0 when none). */
static int why_failed(struct ctx *c, const struct job *j, const char *verb, char *why, size_t size)
{
	char line[1024], prefix[64];
	const char *s;
	int part_line = 0, n = 0;

	last_line(j->err, line, sizeof(line));
	if (j->status == 255 || j->status < 0) {
		snprintf(why, size, "cannot reach it: %s", *line ? line : "ssh failed");
		return 0;
	}
	s = line;
	if (!strncmp(s, REMOTE_PROGRAM ": ", strlen(REMOTE_PROGRAM ": ")))
		s += strlen(REMOTE_PROGRAM ": ");
	snprintf(prefix, sizeof(prefix), "topo %s -", verb);
	if (!strncmp(s, prefix, strlen(prefix))) {
		s += strlen(prefix);
		if (sscanf(s, ":%d%n", &part_line, &n) == 1) {
			s += n;
			if (*s == ':') /* the column of a file's own error */
				s += strspn(s + 1, "0123456789") + 1;
		}
		s += strspn(s, ": ");
	}
	snprintf(why, size, "%s", *s ? s : "failed (no reason given)");
	return part_line ? topo_hosts_line(c, j->p, part_line) : 0;
}

static void say_failed(struct ctx *c, const struct topo *t, const struct job *j, const char *verb,
		       const char *after)
{
	char why[1200], where[TOPO_PLACE_SIZE];
	int line = why_failed(c, j, verb, why, sizeof(why));

	err_line("%s",
		 topo_place(where, sizeof(where), c->where, verb, t->file, line,
			    ": host %s (%s): %s%s", j->p->host->name, j->p->host->ssh, why, after));
}

/* The version check: every host not skipped answers with our version. */
static size_t check_versions(struct ctx *c, const struct topo *t, struct job *jobs, size_t n,
			     const char *verb)
{
	static const char *const words[] = {"--version", NULL};
	const char *ours = REMOTE_PROGRAM " " VNETCTL_VERSION "\n";
	size_t bad = 0;
	int rc = run_all(jobs, n, words, false);

	for (size_t i = 0; i < n; i++) {
		struct job *j = &jobs[i];
		char where[TOPO_PLACE_SIZE], theirs[200];
		if (rc < 0 || (j->status == 0 && !strcmp(j->out, ours)))
			continue;
		bad++;
		j->skip = true;
		if (j->status != 0) {
			say_failed(c, t, j, verb, "");
			continue;
		}
		err_line("%s",
			 topo_place(where, sizeof(where), c->where, verb, t->file, 0,
				    ": host %s (%s): its vnetctl is \"%s\", not %s",
				    j->p->host->name, j->p->host->ssh,
				    last_line(j->out, theirs, sizeof(theirs)), VNETCTL_VERSION));
	}
	if (rc < 0) {
		char where[TOPO_PLACE_SIZE];
		err_line("%s",
			 topo_place(where, sizeof(where), c->where, verb, t->file, 0,
				    ": the directory of ssh's control sockets: %s", strerror(-rc)));
		bad = n;
	}
	jobs_clear(jobs, n);
	return bad;
}

/* down of the part of each host whose up succeeded (ok[i]). */
static void take_back(struct ctx *c, const struct topo *t, struct job *jobs, size_t n,
		      const bool *ok)
{
	static const char *const words[] = {"topo", "down", "-", NULL};

	for (size_t i = 0; i < n; i++)
		jobs[i].skip = !ok[i];
	run_all(jobs, n, words, true);
	for (size_t i = 0; i < n; i++)
		if (ok[i] && jobs[i].status != 0)
			say_failed(c, t, &jobs[i], "down", " (taking back its up)");
	jobs_clear(jobs, n);
}

/* s escaped for the terminal (text_escape, into a buffer of its own size
 * four times over), printed, then end. */
static void put_escaped(const char *s, size_t len, const char *end)
{
	char *line = strndup(s, len), *esc = malloc(4 * len + 1);

	if (!line || !esc)
		abort();
	text_escape(esc, 4 * len + 1, line);
	printf("%s%s", esc, end);
	free(line);
	free(esc);
}

/* plan and diff: each host's output under its name, line by line escaped
 * as our own output is (a host's vnetctl did; one that did not passes no
 * control byte on). */
static void print_parts(const struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *l = jobs[i].out ? jobs[i].out : "", *e;
		const struct topo_host *h = jobs[i].p->host;

		if (jobs[i].skip)
			continue;
		fputs("# host ", stdout);
		put_escaped(h->name, strlen(h->name), " (");
		put_escaped(h->ssh, strlen(h->ssh), ")\n");
		for (; *l; l = *e ? e + 1 : e) {
			e = strchrnul(l, '\n');
			put_escaped(l, (size_t)(e - l), *e ? "\n" : "");
		}
	}
	fflush(stdout);
}

int topo_remote_run(struct ctx *c, const struct topo *t, const char *verb, unsigned wait,
		    bool wait_set)
{
	const bool up = !strcmp(verb, "up"), down = !strcmp(verb, "down");
	const bool diff = !strcmp(verb, "diff");
	struct topo_part *parts;
	struct sigaction old[TOPO_NSIGNALS];
	const size_t n = t->hosts.n;
	char waits[16];
	const char *words[] = {"topo", verb, "-", wait_set ? "wait" : NULL, waits, NULL};
	struct job *jobs;
	bool *ok, failed = false, differ = false;
	int rc;

	snprintf(waits, sizeof(waits), "%u", wait);
	if ((rc = topo_hosts_split(c, t, &parts)) < 0)
		return rc;
	jobs = calloc(n, sizeof(*jobs));
	ok = calloc(n, sizeof(*ok));
	if (!jobs || !ok)
		abort();
	for (size_t i = 0; i < n; i++)
		jobs[i].p = &parts[i];
	topo_catch_signals(old);
	if (check_versions(c, t, jobs, n, verb) && !down) {
		char where[TOPO_PLACE_SIZE];
		err_line("%s", topo_place(where, sizeof(where), c->where, verb, t->file, 0,
					  ": nothing was done on any host"));
		rc = -VN_EREPORTED;
		goto out;
	}
	if (topo_signal)
		goto out; /* nothing done yet: the signal is raised again below */
	if ((rc = run_all(jobs, n, words, true)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		const struct job *j = &jobs[i];
		if (j->skip) {
			failed = true;
			continue;
		}
		ok[i] = j->status == 0;
		if (diff && j->status == 1 && !*j->err) {
			differ = true; /* diff's "they differ", no error */
			continue;
		}
		if (!ok[i]) {
			failed = true;
			if (!up)
				say_failed(c, t, j, verb, "");
		}
	}
	if (!strcmp(verb, "plan") || diff)
		print_parts(jobs, n);
	if (up && (failed || topo_signal)) {
		for (size_t i = 0; i < n; i++)
			if (!jobs[i].skip && !ok[i])
				say_failed(c, t, &jobs[i], verb,
					   "; the other hosts' parts are taken back");
		jobs_clear(jobs, n);
		take_back(c, t, jobs, n, ok);
		if (topo_signal && !failed) {
			char where[TOPO_PLACE_SIZE];
			err_line("%s",
				 topo_place(where, sizeof(where), c->where, verb, t->file, 0,
					    ": interrupted (%s): every host's part is taken back",
					    topo_signal == SIGINT ? "SIGINT" : "SIGTERM"));
		}
		failed = true;
	}
	rc = failed ? -VN_EREPORTED : differ ? -VN_EREPORTED : 0;
out:
	jobs_clear(jobs, n);
	topo_release_signals(old);
	free(jobs);
	free(ok);
	topo_hosts_free(parts, n);
	return rc;
}

int topo_remote_outputs(struct ctx *c, const struct topo *t, const struct topo_part *parts,
			const char *verb, const char *const *words, char **outs)
{
	const size_t n = t->hosts.n;
	struct job *jobs = calloc(n, sizeof(*jobs));
	bool failed = false;
	int rc;

	if (!jobs)
		abort();
	for (size_t i = 0; i < n; i++)
		jobs[i].p = &parts[i];
	if (check_versions(c, t, jobs, n, verb)) {
		char where[TOPO_PLACE_SIZE];
		err_line("%s", topo_place(where, sizeof(where), c->where, verb, t->file, 0,
					  ": nothing was done on any host"));
		free(jobs);
		return -VN_EREPORTED;
	}
	if ((rc = run_all(jobs, n, words, false)) == 0)
		for (size_t i = 0; i < n; i++) {
			if (jobs[i].status != 0) {
				say_failed(c, t, &jobs[i], verb, "");
				failed = true;
				continue;
			}
			outs[i] = jobs[i].out;
			jobs[i].out = NULL;
		}
	jobs_clear(jobs, n);
	free(jobs);
	return rc < 0 ? rc : failed ? -VN_EREPORTED : 0;
}

int topo_remote_check(struct ctx *c, const struct topo *t, const struct topo_part *parts,
		      const char *verb)
{
	const size_t n = t->hosts.n;
	struct job *jobs = calloc(n, sizeof(*jobs));
	size_t bad;

	if (!jobs)
		abort();
	for (size_t i = 0; i < n; i++)
		jobs[i].p = &parts[i];
	bad = check_versions(c, t, jobs, n, verb);
	free(jobs);
	if (bad) {
		char where[TOPO_PLACE_SIZE];
		err_line("%s", topo_place(where, sizeof(where), c->where, verb, t->file, 0,
					  ": nothing was done on any host"));
		return -VN_EREPORTED;
	}
	return 0;
}

int topo_remote_one(const struct topo_part *p, const char *const *words, char **out, char **err)
{
	struct job j = {.p = p};
	int rc = run_all(&j, 1, words, false);

	if (rc < 0) {
		*out = strdup("");
		if (asprintf(err, "cannot start ssh: %s\n", strerror(-rc)) < 0)
			abort();
		return -1;
	}
	*out = j.out;
	*err = j.err;
	return j.status;
}
