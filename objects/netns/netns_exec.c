// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * `netns exec`: a command run in a named network namespace, as `ip netns
 * exec` runs it: in that namespace and in a mount namespace of its own, with
 * the namespace's /sys and the files of /etc/netns/NAME.
 *
 * Alone on the command line vnetctl becomes the command, as ip does; in
 * batch mode, in the shell and with -all the command runs in a child while
 * vnetctl waits, passing on the signals sent to it, and goes on afterwards.
 * exec's arguments are in netns.c with the other verbs' tables; the steps,
 * which dry run (-N) prints instead, and the names come from there too,
 * through netns.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core.h"
#include "netns.h"
#include "netnsutil.h"
#include "nl.h"
#include "nldecode.h"
#include "shell.h"

#define ETC_NETNS_DIR "/etc/netns"

/* Remounted so that /sys/class/net shows the namespace's devices.  When the
 * old /sys cannot be unmounted, the new one is laid over it, read-only if
 * it was: a read-only mount cannot be shadowed by a writable one. */
static int remount_sys(struct ctx *c, const char *name)
{
	unsigned long flags = 0;
	struct statvfs fs;

	if (netns_dry(c, "umount -l /sys"))
		return netns_step_mount(c, name, "/sys", "sysfs", 0);
	if (umount2("/sys", MNT_DETACH) < 0 && statvfs("/sys", &fs) == 0 && (fs.f_flag & ST_RDONLY))
		flags = MS_RDONLY;
	return netns_step_mount(c, name, "/sys", "sysfs", flags);
}

/* Each file under /etc/netns/NAME/ over the one of the same name under
 * /etc (resolv.conf, hosts ...).  As with ip, one that cannot be bound is
 * a warning, not the end: the command still runs. */
static void bind_etc(struct ctx *c, const char *name)
{
	char dir[PATH_MAX], src[2 * PATH_MAX], dst[PATH_MAX + 8];
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/%s", ETC_NETNS_DIR, name);
	if (!(d = opendir(dir)))
		return;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(src, sizeof(src), "%s/%s", dir, e->d_name);
		snprintf(dst, sizeof(dst), "/etc/%s", e->d_name);
		if (netns_step_mount(c, src, dst, "none", MS_BIND) < 0) {
			err_warn(c, "%s", c->reason);
			c->reason[0] = c->hint[0] = '\0';
		}
	}
	closedir(d);
}

/* What `ip netns exec` gives the command: the network namespace, and a
 * mount namespace of its own (a slave of ours, so nothing it mounts leaks
 * back) with that namespace's /sys and /etc/netns/NAME files. */
static int enter_for_exec(struct ctx *c, int fd, const char *name)
{
	char step[PATH_MAX + 16];
	int rc;

	snprintf(step, sizeof(step), "setns --net %s/%s", netns_dir(), name);
	if (!netns_dry(c, step) && setns(fd, CLONE_NEWNET) < 0)
		return netns_step_err(c, errno, step);
	if (!netns_dry(c, "unshare --mount") && unshare(CLONE_NEWNS) < 0)
		return netns_step_err(c, errno, "unshare --mount");
	if ((rc = netns_step_mount(c, "none", "/", NULL, MS_SLAVE | MS_REC)) < 0 ||
	    (rc = remount_sys(c, name)) < 0)
		return rc;
	bind_etc(c, name);
	return 0;
}

/* A shell's statuses: 127 when there is no such command, 126 when it
 * cannot be run. */
static int exec_status(struct ctx *c, int err, const char *cmd)
{
	if (err == ENOENT) {
		snprintf(c->reason, sizeof(c->reason), "%s: command not found", cmd);
		return 127;
	}
	snprintf(c->reason, sizeof(c->reason), "%s: %s", cmd, strerror(err));
	return 126;
}

static void print_argv(const struct ctx *c, char *const *argv)
{
	char line[1024];
	size_t o = snprintf(line, sizeof(line), "exec");

	for (size_t i = 0; argv[i] && o < sizeof(line); i++)
		o += (size_t)snprintf(line + o, sizeof(line) - o, " %s", argv[i]);
	dry_step(c, "%s", line);
}

/* Why the command did not start: on stderr when vnetctl became the
 * command, else through errfd to the parent, which reports it as its one
 * line. */
_Noreturn static void fail_exec(struct ctx *c, int rc, int status, int errfd)
{
	if (errfd < 0) {
		err_report(c, rc, c->where);
	} else {
		const char *why = c->reason[0] ? c->reason : strerror(-rc);
		dprintf(errfd, "%s%s%s%s", why, c->hint[0] ? " (" : "", c->hint,
			c->hint[0] ? ")" : "");
	}
	_exit(status);
}

/* Becomes the command; returns only in dry run.  errfd: see fail_exec(). */
static int become(struct ctx *c, int fd, const char *name, char *const *argv, int errfd)
{
	int rc;

	fflush(stdout); /* exec would lose what waits in the buffer */
	rc = enter_for_exec(c, fd, name);
	if (rc < 0)
		fail_exec(c, rc, EXIT_FAIL, errfd);
	if (ctx_dryrun(c)) {
		print_argv(c, argv);
		return 0;
	}
	nl_close(c); /* its socket is no fd the command should inherit */
	execvp(argv[0], argv);
	fail_exec(c, -VN_EFAIL, exec_status(c, errno, argv[0]), errfd);
}

/* While the parent waits, a signal sent to it (kill, a supervisor) is
 * passed on.  One from the terminal is not: it went to the whole process
 * group, the command included.  Either way, what vnetctl itself does with
 * the signal still happens (prior: the handler before): a batch notes
 * SIGINT and SIGTERM and stops after the line, with its report; the shell
 * notes Ctrl-C.  noted: the signal such a handler took. */
static volatile sig_atomic_t child, noted;
static const int forwarded[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static struct sigaction prior[ARRAY_SIZE(forwarded)];

static void forward(int sig, siginfo_t *si, void *uc)
{
	if (si->si_code <= 0 && child > 0)
		kill((pid_t)child, sig);
	for (size_t i = 0; i < ARRAY_SIZE(forwarded); i++) {
		const struct sigaction *p = &prior[i];
		if (forwarded[i] != sig)
			continue;
		if (p->sa_flags & SA_SIGINFO)
			p->sa_sigaction(sig, si, uc);
		else if (p->sa_handler != SIG_DFL && p->sa_handler != SIG_IGN)
			p->sa_handler(sig);
		else
			continue;
		noted = sig;
	}
}

static void forward_signals(void)
{
	struct sigaction sa = {.sa_sigaction = forward, .sa_flags = SA_SIGINFO | SA_RESTART};

	sigemptyset(&sa.sa_mask);
	noted = 0;
	for (size_t i = 0; i < ARRAY_SIZE(forwarded); i++)
		sigaction(forwarded[i], &sa, &prior[i]);
}

static void restore_signals(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(forwarded); i++)
		sigaction(forwarded[i], &prior[i], NULL);
}

/* The command's status as a shell gives it: 128+N when signal N ended it
 * (*killed then says so: a command may also exit with 128+N itself). */
static int wait_child(pid_t pid, bool *killed)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return EXIT_FAIL;
	*killed = WIFSIGNALED(st);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The child's report of why the command did not start; none (EOF) once
 * exec closed the pipe. */
static bool child_failed(struct ctx *c, int fd)
{
	ssize_t n;

	while ((n = read(fd, c->reason, sizeof(c->reason) - 1)) < 0 && errno == EINTR)
		;
	c->reason[n > 0 ? n : 0] = '\0';
	return n > 0;
}

static int fork_failed(struct ctx *c, int errpipe[2])
{
	int err = errno;

	close(errpipe[0]);
	close(errpipe[1]);
	return err_errno(c, err, "cannot fork");
}

/* Runs the command in a child and waits: batch mode, the shell and -all go
 * on afterwards.  *status is the command's; *killed whether a signal ended
 * it.  -VN_EFAIL: it did not start (*status 126 or 127: the command could
 * not be run; else the namespace could not be entered). */
static int run_forked(struct ctx *c, int fd, const char *name, char *const *argv, int *status,
		      bool *killed)
{
	int errpipe[2];
	bool failed;
	pid_t pid;

	*status = 0;
	*killed = false;
	if (ctx_dryrun(c))
		return become(c, fd, name, argv, -1);
	if (pipe2(errpipe, O_CLOEXEC) < 0)
		return err_errno(c, errno, "cannot make a pipe");
	fflush(stdout); /* or the child would write it a second time */
	forward_signals();
	pid = fork();
	if (pid == 0) {
		restore_signals();
		close(errpipe[0]);
		become(c, fd, name, argv, errpipe[1]);
	}
	if (pid < 0) {
		restore_signals();
		return fork_failed(c, errpipe);
	}
	child = pid;
	close(errpipe[1]);
	failed = child_failed(c, errpipe[0]);
	close(errpipe[0]);
	*status = wait_child(pid, killed);
	child = 0;
	restore_signals();
	return failed ? -VN_EFAIL : 0;
}

static int status_err(struct ctx *c, const char *cmd, int status, bool killed)
{
	if (killed)
		return err_fail(c, "%s was killed by signal %d (%s)", cmd, status - 128,
				strsignal(status - 128));
	return err_fail(c, "%s exited with status %d", cmd, status);
}

static int exec_in(struct ctx *c, const char *name, char *const *argv)
{
	int fd = netns_open_name(c, name), status = 0, rc = fd;
	bool killed = false;

	if (fd >= 0) {
		rc = run_forked(c, fd, name, argv, &status, &killed);
		close(fd);
	}
	/* ended by the signal that interrupts vnetctl too: the user asked it
	 * to end, as netns monitor's read ends (a batch stops after it) */
	if (rc == 0 && killed && status - 128 == noted)
		return 0;
	if (rc == 0 && status != 0)
		rc = status_err(c, argv[0], status, killed);
	return rc;
}

static int exec_one(struct ctx *c, const char *name, char *const *argv)
{
	/* Alone on the command line, vnetctl becomes the command, as ip does:
	 * its status, signals and pid are the command's own. */
	if (!c->where && !shell_active() && !ctx_dryrun(c)) {
		int fd = netns_open_name(c, name);
		/* ip's exec exits 255 when the name opens no namespace */
		if (fd == -VN_EIP_FAIL)
			return -VN_EIP_USAGE;
		if (fd < 0)
			return fd;
		become(c, fd, name, argv, -1);
	}
	return exec_in(c, name, argv);
}

/* One run of -all: 1 when it ends the walk (a signal ended the command:
 * ip stops there too), else 0 with *failed set when vnetctl could not enter
 * the namespace.  What the command exits with is its own, as with ip. */
static int exec_each(struct ctx *c, const char *name, char *const *argv, bool *failed)
{
	int fd = netns_open_name(c, name), status = 0, rc = fd;
	bool killed = false;

	if (fd >= 0) {
		rc = run_forked(c, fd, name, argv, &status, &killed);
		close(fd);
	}
	if (rc == 0 && killed) {
		err_report(c, status_err(c, argv[0], status, true), c->where);
		return 1;
	}
	if (rc < 0) {
		/* the command could not be run (ip too says so and goes on),
		 * or vnetctl could not enter the namespace: its own failure */
		if (fd < 0 || (status != 126 && status != 127))
			*failed = true;
		err_report(c, rc, c->where);
	}
	c->reason[0] = c->hint[0] = '\0';
	return 0;
}

/* In each namespace in turn, headed as ip heads them, with ip's statuses:
 * 0 whatever the commands exit with; 1 when a signal ended one (the walk
 * stops there) or a namespace could not be entered (the walk goes on).
 * Each failure is one line, naming its namespace. */
static int exec_all(struct ctx *c, char *const *argv)
{
	bool failed = false;
	int rc, stop = 0;
	struct names l;

	if ((rc = netns_names_read(c, &l)) < 0)
		return rc;
	for (size_t i = 0; i < l.n && !stop; i++) {
		/* a header of the commands' own output, which is never JSON */
		printf("\nnetns: %s\n", l.v[i]);
		fflush(stdout); /* before any error line of its own */
		c->subject = l.v[i];
		stop = exec_each(c, l.v[i], argv, &failed);
	}
	netns_names_free(&l);
	return stop || failed ? -VN_EREPORTED : 0;
}

/* CMD is ARG_REST: once reached, the command's words are taken as they
 * are, never as vnetctl keywords. */
const struct arg exec_args[EXEC_NARGS] = {
    [EXEC_ALL] = ALL_ARG(EXEC_NAME, NULL, "run it in every named namespace in turn"),
    [EXEC_NAME] = NAME_ARG(0, "the namespace to run it in"),
    [EXEC_CMD] = {.kind = ARG_REST,
		  .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
		  .metavar = "CMD",
		  .help = "the command and its arguments, taken as they are"},
};

int netns_exec(struct ctx *c, const struct val *v)
{
	const struct val *cmd = &v[EXEC_CMD];
	char **argv;
	int rc;

	if (!v[EXEC_ALL].set && !v[EXEC_NAME].set)
		return netns_missing_name(c, &exec_args[EXEC_ALL]);
	/* execvp wants a NULL after the last word, which a line split by
	 * batch mode or the shell does not have */
	if (!(argv = calloc((size_t)cmd->nrest + 1, sizeof(*argv))))
		return -ENOMEM;
	memcpy(argv, cmd->rest, (size_t)cmd->nrest * sizeof(*argv));
	if ((rc = nl_barrier(c)) < 0) {
		free(argv);
		return rc;
	}
	rc = v[EXEC_ALL].set ? exec_all(c, argv) : exec_one(c, v[EXEC_NAME].str, argv);
	free(argv);
	return rc;
}
