// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The `netns` object: named network namespaces, as `ip netns` keeps them.
 *
 * A name is only a file under /run/netns with the namespace bind-mounted on
 * it, and both tools follow that convention exactly, so a namespace made by
 * either is seen and used by the other.  The kernel knows nothing of names:
 * its own handles are nsids, which the current namespace gives to others
 * (`set`, `list-id`).
 *
 * A verb that switches namespaces comes back to where it started: batch
 * mode and the shell run more commands in this same process afterwards.
 * Every step that changes something goes through a step_*() helper, which in
 * dry run (-N) prints the shell command that would do it instead.
 *
 * `exec` runs a command in a namespace (objects/netns/netns_exec.c); both take
 * the names, their files and the steps from objects/netns/netns_files.c.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/magic.h>
#include <linux/net_namespace.h>

#include "core.h"
#include "netns.h"
#include "netnsutil.h"
#include "nl.h"
#include "nldecode.h"
#include "out.h"
#include "shell.h"

/* ---- add ----------------------------------------------------------------- */

enum add_arg { ADD_NAME, ADD_NARGS };

static const struct arg add_args[ADD_NARGS] = {
    [ADD_NAME] = NAME_ARG(ARGF_REQUIRED, "the new namespace's name"),
};

/* From a new namespace, back to the one this process was in. */
static int leave_new(struct ctx *c, int home)
{
	int rc = 0;

	if (netns_dry(c, "setns back"))
		return 0;
	if (setns(home, CLONE_NEWNET) < 0)
		rc = netns_step_err(c, errno, "setns back to the original namespace");
	close(home);
	return rc;
}

static int enter_new(struct ctx *c, int *home)
{
	if (netns_dry(c, "unshare --net"))
		return 0;
	*home = open(SELF_NETNS, O_RDONLY | O_CLOEXEC);
	if (*home < 0)
		return netns_step_err(c, errno, "open " SELF_NETNS);
	if (unshare(CLONE_NEWNET) == 0)
		return 0;
	close(*home);
	return netns_step_err(c, errno, "unshare --net");
}

/* The file and the mount on it, signals held.  A new namespace (add) is
 * made and left in between: the mount made from inside it holds it. */
static int make_bound(struct ctx *c, const char *name, const char *path, const char *src,
		      bool fresh)
{
	sigset_t old;
	int home = -1, rc;

	netns_hold_signals(&old);
	if ((rc = netns_step_create(c, name, path)) == 0) {
		if (fresh && (rc = enter_new(c, &home)) < 0) {
			if (!ctx_dryrun(c))
				unlink(path);
		} else {
			rc = netns_bind_name(c, src, path);
			if (fresh && leave_new(c, home) < 0 && rc == 0)
				rc = -VN_EFAIL;
		}
	}
	netns_release_signals(&old);
	return rc;
}

/* The new namespace lives as long as something holds it: the bind mount
 * made from inside it. */
static int netns_add(struct ctx *c, const struct val *v)
{
	char path[PATH_MAX];
	int rc;

	if ((rc = netns_ready_name(c, v[ADD_NAME].str, path, sizeof(path))) < 0)
		return rc;
	return make_bound(c, v[ADD_NAME].str, path, SELF_NETNS, true);
}

/* ---- attach -------------------------------------------------------------- */

enum attach_arg { ATT_NAME, ATT_PID, ATT_NARGS };

static const struct arg attach_args[ATT_NARGS] = {
    [ATT_NAME] = NAME_ARG(ARGF_REQUIRED, "the name to give the process's namespace"),
    [ATT_PID] = {.kind = ARG_U32,
		 .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
		 .min = 1,
		 .max = INT32_MAX,
		 .metavar = "PID",
		 .help = "the process whose network namespace gets the name"},
};

static int netns_attach(struct ctx *c, const struct val *v)
{
	char src[64], path[PATH_MAX];
	int rc;

	if ((rc = netns_proc_netns_path(c, v[ATT_PID].u, src, sizeof(src))) < 0 ||
	    (rc = netns_ready_name(c, v[ATT_NAME].str, path, sizeof(path))) < 0)
		return rc;
	return make_bound(c, v[ATT_NAME].str, path, src, false);
}

/* ---- del ----------------------------------------------------------------- */

enum del_arg { DEL_ALL, DEL_NAME, DEL_MORE, DEL_NARGS };

static const struct arg del_args[DEL_NARGS] = {
    [DEL_ALL] = ALL_ARG(DEL_NAME, NULL, "delete every named namespace"),
    [DEL_NAME] = NAME_ARG(0, "the namespace to delete, or a pattern (\"lab*\": every name "
			     "it matches)"),
    [DEL_MORE] = {.kind = ARG_REST,
		  .flags = ARGF_POSITIONAL,
		  .metavar = "NAME...",
		  .help = "more namespaces or patterns: every one is checked before any goes"},
};

/* The name goes; the namespace itself goes when nothing else holds it
 * (a process inside, another mount).  The name was looked up already. */
static int del_path(struct ctx *c, const char *name)
{
	char path[PATH_MAX];
	int rc;

	if ((rc = netns_name_path(c, name, path, sizeof(path))) < 0 ||
	    (rc = netns_step_umount(c, path)) < 0)
		return rc;
	return netns_step_unlink(c, path);
}

/* Each one in turn, on past a failure; the first failure is the answer. */
static int del_all(struct ctx *c)
{
	char reason[sizeof(c->reason)] = "";
	struct names l;
	int first = 0, rc;

	if ((rc = netns_names_read(c, &l)) < 0)
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		rc = del_path(c, l.v[i]);
		if (rc < 0 && first == 0) {
			first = rc;
			snprintf(reason, sizeof(reason), "%.200s: %.300s", l.v[i],
				 c->reason[0] ? c->reason : strerror(-rc));
		}
		c->reason[0] = '\0';
	}
	netns_names_free(&l);
	if (first < 0)
		snprintf(c->reason, sizeof(c->reason), "%s", reason);
	return first;
}

/* As link del reads its names: a word with *, ? or [ that no namespace is
 * named is a pattern. */
static bool is_pattern(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

/* In a list in the order given. */
static bool in_order(const struct names *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], name))
			return true;
	return false;
}

/* Whether /run/netns/NAME exists (a namespace or a leftover): one lstat,
 * not a read of the whole directory per name (a batch of 200 del lines
 * would read it 200 times). */
static int name_exists(struct ctx *c, const char *name, bool *yes)
{
	char path[PATH_MAX];
	struct stat st;
	int rc;

	if ((rc = netns_name_path(c, name, path, sizeof(path))) < 0)
		return rc;
	*yes = lstat(path, &st) == 0;
	if (!*yes && errno != ENOENT)
		return netns_step_err(c, errno, path);
	return 0;
}

/* Every name under /run/netns a pattern matches, added to go; the
 * directory is read once, by the first pattern. */
static int del_match(struct ctx *c, const char *pat, struct names *have, bool *read,
		     struct names *go)
{
	size_t matched = 0;
	int rc = 0;

	if (!*read && (rc = netns_names_read(c, have)) < 0)
		return rc;
	*read = true;
	for (size_t k = 0; k < have->n && rc == 0; k++) {
		if (fnmatch(pat, have->v[k], 0) != 0)
			continue;
		matched++;
		if (!in_order(go, have->v[k]))
			rc = netns_names_add(go, have->v[k]);
	}
	if (rc == 0 && !matched)
		rc = err_fail(c, "no network namespace matches \"%s\"", pat);
	return rc;
}

/* The words, each a name or a pattern, resolved into the list to delete
 * (each once, in the order given).  Nothing is deleted unless every word
 * resolves. */
static int del_resolve(struct ctx *c, char *const *words, int n, struct names *go)
{
	struct names have = {0};
	bool read = false, yes;
	int rc = 0;

	for (int i = 0; i < n && rc == 0; i++) {
		c->subject = words[i];
		if (!*words[i] || strchr(words[i], '/') || !strcmp(words[i], ".") ||
		    !strcmp(words[i], "..")) {
			rc = err_usage(c, "invalid namespace name \"%s\"", words[i]);
			break;
		}
		if ((rc = name_exists(c, words[i], &yes)) < 0)
			break;
		if (yes)
			rc = in_order(go, words[i]) ? 0 : netns_names_add(go, words[i]);
		else if (is_pattern(words[i]))
			rc = del_match(c, words[i], &have, &read, go);
		else
			rc = netns_none(c, words[i]);
	}
	netns_names_free(&have);
	return rc;
}

/* In the order given; the first failure stops the rest, as one del at a
 * time would have. */
static int del_names(struct ctx *c, char *const *words, int n)
{
	struct names go = {0};
	int rc = del_resolve(c, words, n, &go);

	for (size_t i = 0; i < go.n && rc == 0; i++) {
		c->subject = go.v[i];
		rc = del_path(c, go.v[i]);
	}
	netns_names_free(&go);
	return rc;
}

static int all_and_name(struct ctx *c)
{
	return err_usage(c, "%s and %s cannot be used together", del_args[DEL_ALL].kw,
			 del_args[DEL_NAME].metavar);
}

static int netns_del(struct ctx *c, const struct val *v)
{
	char **words;
	int n = 0, rc;

	if (!v[DEL_ALL].set && !v[DEL_NAME].set)
		return netns_missing_name(c, &del_args[DEL_ALL]);
	/* NAME... takes every word after NAME (and with -a, which excludes
	 * NAME, every word): -all among them is the keyword misplaced */
	for (int i = 0; i < v[DEL_MORE].nrest; i++)
		if (!strcmp(v[DEL_MORE].rest[i], del_args[DEL_ALL].kw))
			return v[DEL_ALL].set ? err_usage(c, "%s given twice", del_args[DEL_ALL].kw)
					      : all_and_name(c);
	if (v[DEL_ALL].set && v[DEL_MORE].set)
		return all_and_name(c);
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	if (v[DEL_ALL].set)
		return del_all(c);
	if (!(words = calloc((size_t)v[DEL_MORE].nrest + 1, sizeof(*words))))
		return -ENOMEM;
	words[n++] = (char *)v[DEL_NAME].str;
	for (int i = 0; i < v[DEL_MORE].nrest; i++)
		words[n++] = v[DEL_MORE].rest[i];
	rc = del_names(c, words, n);
	free(words);
	return rc;
}

/* ---- list ---------------------------------------------------------------- */

/* A leftover is listed, marked: hidden, it would still take its name
 * (`netns add` refuses it) with nothing saying why or how to clear it. */
static void list_one(struct ctx *c, const char *name, int nsid)
{
	bool brief = ctx_brief(c), left = nsid < 0 && netns_is_leftover(name);

	out_obj_open(c->out, NULL);
	out_str(c->out, OUT_ANY, "name", brief && (nsid >= 0 || left) ? "%-16s" : "%s", name);
	if (nsid >= 0)
		out_int(c->out, OUT_ANY, "id", brief ? " %d" : " (id: %d)", nsid);
	if (left)
		out_bool(c->out, OUT_ANY, "leftover",
			 brief ? " leftover" : " (leftover, not a namespace: netns del removes it)",
			 true);
	out_nl(c->out);
	out_obj_close(c->out);
}

static int netns_list(struct ctx *c, const struct val *v)
{
	struct names l;
	int rc;

	(void)v;
	if ((rc = netns_names_read(c, &l)) < 0)
		return rc;
	out_list_open(c->out, NULL);
	for (size_t i = 0; i < l.n; i++)
		list_one(c, l.v[i], netns_nsid_of_name(c, l.v[i]));
	out_list_close(c->out);
	netns_names_free(&l);
	return 0;
}

/* ---- list-id ------------------------------------------------------------- */

enum list_id_arg { LID_TARGET, LID_NSID, LID_NARGS };

static const struct arg list_id_args[LID_NARGS] = {
    [LID_TARGET] = {.kw = "target-nsid",
		    .kind = ARG_U32,
		    .max = INT32_MAX,
		    .metavar = "NSID",
		    .help = "the ids the namespace of this nsid has given, each with its id "
			    "here (current-nsid)"},
    [LID_NSID] = {.kw = "nsid",
		  .kind = ARG_U32,
		  .max = INT32_MAX,
		  .metavar = "NSID",
		  .help = "only this id (the kernel's refusal when there is none)"},
};

struct nsids {
	int v[1024];
	int cur[1024]; /* with target-nsid: the same namespace's id here, or -1 */
	size_t n;
};

static int nsid_dump_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NETNSA_MAX + 1];
	struct nsids *ids = data;

	if (nlh->nlmsg_type != RTM_NEWNSID || ids->n == ARRAY_SIZE(ids->v))
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX);
	if (!tb[NETNSA_NSID] || mnl_attr_get_payload_len(tb[NETNSA_NSID]) != sizeof(int32_t))
		return MNL_CB_OK;
	ids->cur[ids->n] = -1;
	if (tb[NETNSA_CURRENT_NSID] &&
	    mnl_attr_get_payload_len(tb[NETNSA_CURRENT_NSID]) == sizeof(int32_t))
		ids->cur[ids->n] = (int32_t)mnl_attr_get_u32(tb[NETNSA_CURRENT_NSID]);
	ids->v[ids->n++] = (int32_t)mnl_attr_get_u32(tb[NETNSA_NSID]);
	return MNL_CB_OK;
}

/* ip's words, so that scripts reading `ip netns list-id` read this too:
 * the name is that of the namespace's id here (cur, or nsid itself). */
static void list_id_one(struct ctx *c, int nsid, int cur, const struct names *l, const int *of)
{
	const char *name = NULL;
	int here = cur >= 0 ? cur : nsid;

	for (size_t i = 0; i < l->n && !name; i++)
		if (of[i] == here)
			name = l->v[i];
	out_obj_open(c->out, NULL);
	out_int(c->out, OUT_ANY, "nsid", "nsid %d", nsid);
	if (cur >= 0)
		out_int(c->out, OUT_ANY, "current-nsid", " current-nsid %d", cur);
	if (name)
		out_str(c->out, OUT_ANY, "name", " (iproute2 netns name: %s)", name);
	out_nl(c->out);
	out_obj_close(c->out);
}

static int list_ids(struct ctx *c, const struct nsids *ids)
{
	struct names l;
	int *of, rc;

	/* each name's nsid once, rather than every name once per nsid */
	if ((rc = netns_names_read(c, &l)) < 0)
		return rc;
	of = calloc(l.n + 1, sizeof(*of));
	if (!of) {
		netns_names_free(&l);
		return -ENOMEM;
	}
	for (size_t i = 0; i < l.n; i++)
		of[i] = netns_nsid_of_name(c, l.v[i]);
	out_list_open(c->out, NULL);
	for (size_t i = 0; i < ids->n; i++)
		list_id_one(c, ids->v[i], ids->cur[i], &l, of);
	out_list_close(c->out);
	free(of);
	netns_names_free(&l);
	return 0;
}

/* Every id (a dump), or the one nsid names (a GET, as ip asks it); the
 * target's with target-nsid. */
static int netns_list_id(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETNSID, 0);
	struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	struct nsids *ids = calloc(1, sizeof(*ids));
	int rc;

	if (!ids)
		return -ENOMEM;
	g->rtgen_family = AF_UNSPEC;
	if (v[LID_TARGET].set)
		mnl_attr_put_u32(nlh, NETNSA_TARGET_NSID, v[LID_TARGET].u);
	if (v[LID_NSID].set) {
		mnl_attr_put_u32(nlh, NETNSA_NSID, v[LID_NSID].u);
		rc = nl_request(c, nlh, nsid_dump_cb, ids);
	} else {
		rc = nl_dump(c, nlh, nsid_dump_cb, ids);
	}
	if (rc == 0)
		rc = list_ids(c, ids);
	free(ids);
	return rc;
}

/* ---- set ----------------------------------------------------------------- */

enum set_arg { SET_NAME, SET_NSID, SET_NARGS };

/* `set NAME auto`: NETNSA_NSID_NOT_ASSIGNED asks the kernel to choose */
static const char *const nsid_words[] = {"auto", NULL};
static const uint32_t nsid_auto[] = {(uint32_t)NETNSA_NSID_NOT_ASSIGNED};

static const struct arg set_args[SET_NARGS] = {
    [SET_NAME] = NAME_ARG(ARGF_REQUIRED, "the namespace to give an id"),
    [SET_NSID] = {.kind = ARG_U32,
		  .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
		  .max = INT32_MAX,
		  .words = nsid_words,
		  .values = nsid_auto,
		  .metavar = "NSID",
		  .help = "its id here (0 or more), or auto for the next free one"},
};

static int netns_set(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_NEWNSID, 0);
	struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	int fd, rc, barrier;

	if ((fd = netns_open_name(c, v[SET_NAME].str)) < 0)
		return fd;
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)fd);
	mnl_attr_put_u32(nlh, NETNSA_NSID, v[SET_NSID].u); /* auto: NOT_ASSIGNED */
	rc = nl_request(c, nlh, NULL, NULL);
	/* a batch only queued it: the kernel must read the fd first */
	barrier = nl_barrier(c);
	close(fd);
	return rc < 0 ? rc : barrier;
}

/* ---- identify and pids --------------------------------------------------- */

enum identify_arg { ID_PID, ID_NARGS };

static const struct arg identify_args[ID_NARGS] = {
    [ID_PID] = {.kind = ARG_U32,
		.flags = ARGF_POSITIONAL,
		.min = 1,
		.max = INT32_MAX,
		.metavar = "PID",
		.help = "the process to look at (default: this one)"},
};

static void print_name(struct ctx *c, const char *name)
{
	out_obj_open(c->out, NULL);
	out_str(c->out, OUT_ANY, "name", "%s", name);
	out_nl(c->out);
	out_obj_close(c->out);
}

/* Every name bound to the namespace of the file at ns. */
static int netns_identify(struct ctx *c, const struct val *v)
{
	char ns[64];
	struct stat want, st;
	struct names l;
	const char *last = NULL;
	int rc;

	if (!v[ID_PID].set)
		snprintf(ns, sizeof(ns), "%s", SELF_NETNS);
	else if ((rc = netns_proc_netns_path(c, v[ID_PID].u, ns, sizeof(ns))) < 0)
		return rc;
	if (stat(ns, &want) < 0)
		return err_errno(c, errno, "reading %s", ns);
	if ((rc = netns_names_read(c, &l)) < 0)
		return rc;
	out_list_open(c->out, NULL);
	for (size_t i = 0; i < l.n; i++) {
		char path[PATH_MAX];
		if (netns_name_path(c, l.v[i], path, sizeof(path)) == 0 && stat(path, &st) == 0 &&
		    netns_same_file(&st, &want)) {
			last = l.v[i];
			if (!ctx_iproute2(c))
				print_name(c, l.v[i]);
		}
	}
	/* ip prints one name, the last in the directory's order ("" for none) */
	if (ctx_iproute2(c))
		print_name(c, last ? last : "");
	out_list_close(c->out);
	netns_names_free(&l);
	return 0;
}

enum pids_arg { PIDS_NAME, PIDS_NARGS };

static const struct arg pids_args[PIDS_NARGS] = {
    [PIDS_NAME] = NAME_ARG(ARGF_REQUIRED, "the namespace whose processes to list"),
};

static bool is_pid(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

/* A process that exits while we look is simply not listed. */
static void pids_in(struct ctx *c, DIR *proc, const struct stat *want)
{
	char path[PATH_MAX];
	struct dirent *e;
	struct stat st;

	while ((e = readdir(proc))) {
		if (!is_pid(e->d_name))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/ns/net", e->d_name);
		if (stat(path, &st) < 0 || !netns_same_file(&st, want))
			continue;
		out_obj_open(c->out, NULL);
		out_uint(c->out, OUT_ANY, "pid", "%u", (unsigned)strtoul(e->d_name, NULL, 10));
		out_nl(c->out);
		out_obj_close(c->out);
	}
}

static int netns_pids(struct ctx *c, const struct val *v)
{
	struct stat want;
	DIR *proc;
	int fd, rc = 0;

	if ((fd = netns_open_name(c, v[PIDS_NAME].str)) < 0)
		return fd;
	if (fstat(fd, &want) < 0)
		rc = err_errno(c, errno, "reading %s/%s", netns_dir(), v[PIDS_NAME].str);
	close(fd);
	if (rc < 0)
		return rc;
	if (!(proc = opendir("/proc")))
		return err_errno(c, errno, "reading /proc");
	out_list_open(c->out, NULL);
	pids_in(c, proc, &want);
	out_list_close(c->out);
	closedir(proc);
	return 0;
}

/* ---- monitor ------------------------------------------------------------- */

static void print_event(struct ctx *c, const struct inotify_event *ev)
{
	out_obj_open(c->out, NULL);
	out_str(c->out, OUT_ANY, "event", "%s ", (ev->mask & IN_CREATE) ? "add" : "delete");
	out_str(c->out, OUT_ANY, "name", "%s", ev->name);
	out_nl(c->out);
	out_obj_close(c->out);
	fflush(stdout); /* whoever reads it sees each event as it happens */
}

static int watch_events(struct ctx *c, int fd)
{
	char buf[sizeof(struct inotify_event) + NAME_MAX + 1]
	    __attribute__((aligned(__alignof__(struct inotify_event))));

	for (;;) {
		ssize_t len = read(fd, buf, sizeof(buf));
		/* only a handler vnetctl installs (the shell's, a batch's Ctrl-C)
		 * interrupts the read: the user asked it to end */
		if (len < 0 && errno == EINTR)
			return 0;
		if (len <= 0)
			return err_errno(c, len < 0 ? errno : EIO, "reading inotify events");
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			if (ev->mask & (IN_DELETE_SELF | IN_UNMOUNT | IN_IGNORED))
				return err_fail(c, "%s went away", netns_dir());
			if (ev->len && (ev->mask & (IN_CREATE | IN_DELETE)))
				print_event(c, ev);
			p += sizeof(*ev) + ev->len;
		}
	}
}

/* Until interrupted: names as they come and go under /run/netns. */
static int netns_monitor(struct ctx *c, const struct val *v)
{
	int fd, rc;

	(void)v;
	if (!ctx_dryrun(c))
		mkdir(netns_dir(), 0755); /* as ip does: one may watch before the first add */
	fd = inotify_init1(IN_CLOEXEC);
	if (fd < 0)
		return err_errno(c, errno, "inotify");
	if (inotify_add_watch(fd, netns_dir(), IN_CREATE | IN_DELETE) < 0)
		rc = err_errno(c, errno, "watching %s", netns_dir());
	else
		rc = watch_events(c, fd);
	close(fd);
	return rc;
}

/* ---- enter and leave: the shell's current namespace ------------------------ */

enum enter_arg { ENTER_NAME, ENTER_NARGS };

static const struct arg enter_args[ENTER_NARGS] = {
    [ENTER_NAME] = NAME_ARG(ARGF_REQUIRED, "the namespace later commands run in"),
};

static int netns_enter(struct ctx *c, const struct val *v)
{
	return shell_netns_enter(c, v[ENTER_NAME].str);
}

static int netns_leave(struct ctx *c, const struct val *v)
{
	(void)v;
	return shell_netns_leave(c);
}

/* ---- the object ---------------------------------------------------------- */

static const char *const list_aliases[] = {"show", "lst", NULL};

/* In ip netns's order, with its spellings (core.h). */
static const struct verb netns_verbs[] = {
    {.name = "list",
     .aliases = list_aliases,
     .run = netns_list,
     .help = "the named namespaces, with the id this one gave each"},
    VERB("list-id", netns_list_id, list_id_args, "the nsids this namespace has given"),
    VERB("add", netns_add, add_args, "make a named namespace"),
    VERB("set", netns_set, set_args, "give a namespace an id (nsid) in this one"),
    VERB_ALSO("del", verb_del_aliases, netns_del, del_args,
	      "remove a name; the namespace goes when nothing else holds it"),
    VERB("identify", netns_identify, identify_args, "the names of a process's namespace"),
    VERB("pids", netns_pids, pids_args, "the processes in a namespace"),
    VERB("exec", netns_exec, exec_args, "run a command in a namespace, as ip netns exec does"),
    {.name = "monitor",
     .run = netns_monitor,
     .help = "print names as they are added and deleted, until interrupted"},
    VERB("attach", netns_attach, attach_args, "name the network namespace of a running process"),
    VERB("enter", netns_enter, enter_args, "shell only: run later commands in a namespace"),
    {.name = "leave", .run = netns_leave, .help = "shell only: back to where the shell started"},
};

VNETCTL_OBJECT_OF(netns, "list", "named network namespaces, shared with ip netns")
