// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Where monitor's events come from: a view of each namespace, and the
 * sockets it listens on, read by one poll loop.
 *
 * all-nsid (ip's word) is one socket, this namespace's, with
 * NETLINK_LISTEN_ALL_NSID: the kernel adds the events of every namespace
 * this one has an nsid for, each with that nsid.  A namespace with no nsid
 * here sends nothing.
 *
 * --all-netns is every namespace named under /run/netns, nsid or not: a
 * socket per namespace, each made inside it (setns there, socket, setns
 * back: a socket stays in the namespace it was made in).  The other way,
 * giving each namespace an nsid here as `ip netns set NAME auto` does, would
 * change the system's state, and stay after the monitor ended: a monitor
 * only looks.  /run/netns is watched with inotify: a name added gets its
 * socket, a name deleted has its socket closed (the namespace may live on
 * with no name -- a process in it -- and is no longer watched; one that has
 * another name is watched under that one).  A name is made before its
 * namespace is mounted on it: until then it waits, and every change of the
 * mount table (/proc/self/mountinfo's POLLPRI) tries it again.
 *
 * The signals that end a monitor are blocked, and let in only while the
 * loop waits (ppoll), so that one that comes while an event is printed
 * ends the wait that follows; the handlers (batch, shell) only note it, and
 * run alone the signal ends the process there.
 */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <linux/magic.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "link.h"
#include "monitor.h"
#include "netnsutil.h"
#include "out.h"

/* ---- views ------------------------------------------------------------------ */

static struct view *view_new(struct monitor *mon, int nsid, bool home)
{
	struct view *w = calloc(1, sizeof(*w)), **grown;

	grown = realloc(mon->v, (mon->n + 1) * sizeof(*mon->v));
	if (!w || !grown)
		abort();
	mon->v = grown;
	mon->v[mon->n++] = w;
	w->mon = mon;
	w->id = mon->next_id++;
	w->home = home;
	w->nsid = nsid;
	w->nsfd = -1;
	/* the command's settings, none of its state: a batch's pipe and
	 * gathered deletions stay the command's */
	w->c = *mon->c;
	w->c.nl = NULL;
	w->c.pipe = NULL;
	w->c.delq = NULL;
	w->c.nheld = 0;
	w->stale = home;
	return w;
}

static void view_free(struct view *w)
{
	ifnames_free(&w->names);
	nl_close(&w->c);
	if (w->nsfd >= 0)
		close(w->nsfd);
	free(w);
}

/* all-nsid: a socket inside the named namespace; made there, it stays there. */
static void view_enter(struct monitor *mon, struct view *w)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", netns_dir(), w->name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (setns(fd, CLONE_NEWNET) == 0) {
		ifnames_load(&w->c, &w->names); /* opens the view's socket */
		if (setns(mon->self_fd, CLONE_NEWNET) < 0)
			abort(); /* every later request would go to the wrong place */
	}
	close(fd);
}

struct view *view_of(struct monitor *mon, int nsid)
{
	char name[NAME_MAX + 1];
	struct view *w;

	for (size_t i = 0; i < mon->n; i++)
		if (nsid < 0 ? mon->v[i]->home : mon->v[i]->nsid == nsid)
			return mon->v[i];
	w = view_new(mon, nsid, nsid < 0);
	if (nsid >= 0 && netns_name_of_nsid(mon->c, nsid, name, sizeof(name))) {
		snprintf(w->name, sizeof(w->name), "%s", name);
		view_enter(mon, w);
	}
	return w;
}

void views_free(struct monitor *mon)
{
	for (size_t i = 0; i < mon->n; i++)
		view_free(mon->v[i]);
	free(mon->v);
}

static void view_drop(struct monitor *mon, struct view *w)
{
	for (size_t i = 0; i < mon->n; i++)
		if (mon->v[i] == w) {
			mon->v[i] = mon->v[--mon->n];
			break;
		}
	view_free(w);
}

const struct ifnames *view_names(struct view *w)
{
	if (w->stale && (w->home || w->c.nl)) {
		ifnames_free(&w->names);
		w->c.reason[0] = '\0';
		ifnames_load(&w->c, &w->names);
		w->stale = false;
	}
	return &w->names;
}

/* A device made while its link events were not watched is asked of the
 * kernel and kept, as ip keeps it: the device's deletion names it too. */
const char *view_name(struct view *w, int index, char *buf, size_t sz)
{
	const struct ifnames *t = view_names(w);

	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].index == index)
			return t->v[i].name;
	if ((w->home || w->c.nl) && link_name(&w->c, index, buf, sz)) {
		w->c.reason[0] = '\0';
		if (ifnames_set(&w->names, index, buf) < 0)
			abort();
		return buf;
	}
	w->c.reason[0] = '\0';
	memset(&w->c.refused, 0, sizeof(w->c.refused));
	snprintf(buf, sz, "if%d", index);
	return buf;
}

/* Asked of this namespace (RTM_GETNSID by its descriptor: a lookup, which
 * gives no id). */
int view_nsid(struct view *w)
{
	if (w->nsid_stale && w->nsfd >= 0) {
		w->nsid = netns_nsid_of_fd(w->mon->c, w->nsfd);
		w->nsid_stale = false;
	}
	return w->nsid;
}

/* An nsid given or taken back here: any view's may be the one. */
void views_renumber(struct monitor *mon)
{
	for (size_t i = 0; i < mon->n; i++)
		mon->v[i]->nsid_stale = true;
}

/* ---- the named namespaces (--all-netns) ------------------------------------- */

/* A name under /run/netns: watched (w and l), another name of a namespace
 * watched, or this one's, or one that cannot be (ino, no w), or waiting
 * for its namespace to be mounted on it (no ino). */
struct ns_name {
	char name[NAME_MAX + 1];
	dev_t dev;
	ino_t ino;
	struct view *w;
	struct nl_listen *l;
};

struct mon_netns {
	int inotify, mounts;
	const unsigned *groups;
	size_t ngroups;
	struct ns_name *v;
	size_t n;
};

/* Inside the namespace (nsfd): its socket joined to the groups, then its
 * devices' names, so that a device made meanwhile has its event.  The view
 * keeps the namespace open through /proc, not through its name's mount,
 * which would make a plain umount of the name fail (busy). */
static int ns_attach(struct monitor *mon, struct ns_name *e, int nsfd)
{
	struct view *w;
	int rc;

	if (setns(nsfd, CLONE_NEWNET) < 0)
		return -errno;
	w = view_new(mon, -1, false);
	snprintf(w->name, sizeof(w->name), "%s", e->name);
	rc = nl_listen_open(&w->c, mon->netns->groups, mon->netns->ngroups, false, &e->l);
	if (rc == 0 && (w->nsfd = open(SELF_NETNS, O_RDONLY | O_CLOEXEC)) < 0)
		rc = -errno;
	if (rc == 0)
		ifnames_load(&w->c, &w->names); /* opens the view's socket */
	if (setns(mon->self_fd, CLONE_NEWNET) < 0)
		abort(); /* every later request would go to the wrong place */
	if (rc < 0) {
		nl_listen_close(e->l);
		e->l = NULL;
		view_drop(mon, w);
		return rc;
	}
	w->c.reason[0] = '\0';
	w->nsid_stale = true;
	e->w = w;
	return 0;
}

static bool same_ns(struct stat *st, int fd)
{
	struct stat o;

	return fstat(fd, &o) == 0 && o.st_dev == st->st_dev && o.st_ino == st->st_ino;
}

/* A name's namespace watched, unless it is one already or not mounted yet. */
static void ns_try(struct monitor *mon, struct ns_name *e)
{
	struct mon_netns *s = mon->netns;
	char path[PATH_MAX];
	struct statfs sf;
	struct stat st;
	int fd, rc;

	snprintf(path, sizeof(path), "%s/%s", netns_dir(), e->name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	if (fstatfs(fd, &sf) < 0 || sf.f_type != NSFS_MAGIC || fstat(fd, &st) < 0) {
		close(fd);
		return;
	}
	e->dev = st.st_dev;
	e->ino = st.st_ino;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].w && s->v[i].ino == st.st_ino && s->v[i].dev == st.st_dev) {
			close(fd);
			return;
		}
	if (same_ns(&st, mon->self_fd)) {
		close(fd);
		return;
	}
	if ((rc = ns_attach(mon, e, fd)) < 0)
		err_line("%smonitor: not watching namespace %s: %s",
			 mon->c->where ? mon->c->where : "", e->name, strerror(-rc));
	close(fd);
}

static void ns_add(struct monitor *mon, const char *name)
{
	struct mon_netns *s = mon->netns;
	struct ns_name *grown;

	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].name, name))
			return;
	if (!(grown = realloc(s->v, (s->n + 1) * sizeof(*grown))))
		abort();
	s->v = grown;
	grown[s->n] = (struct ns_name){0};
	snprintf(grown[s->n].name, sizeof(grown[s->n].name), "%s", name);
	ns_try(mon, &grown[s->n++]);
}

static void ns_del(struct monitor *mon, const char *name)
{
	struct mon_netns *s = mon->netns;
	struct ns_name gone;

	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->v[i].name, name))
			continue;
		gone = s->v[i];
		s->v[i] = s->v[--s->n];
		if (!gone.w)
			return;
		nl_listen_close(gone.l);
		view_drop(mon, gone.w);
		/* the namespace's other name, if it has one, watches it now */
		for (size_t j = 0; j < s->n; j++)
			if (s->v[j].ino == gone.ino && s->v[j].dev == gone.dev) {
				ns_try(mon, &s->v[j]);
				break;
			}
		return;
	}
}

/* Every name there now: after the watch is set, and when its queue overflowed. */
static void ns_scan(struct monitor *mon)
{
	struct mon_netns *s = mon->netns;
	char path[PATH_MAX];
	struct dirent *d;
	DIR *dir;

	for (size_t i = s->n; i-- > 0;) {
		snprintf(path, sizeof(path), "%s/%s", netns_dir(), s->v[i].name);
		if (access(path, F_OK) < 0)
			ns_del(mon, s->v[i].name);
	}
	if (!(dir = opendir(netns_dir())))
		return;
	while ((d = readdir(dir)))
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
			ns_add(mon, d->d_name);
	closedir(dir);
}

/* Names waiting for their namespace, tried again: the mount table changed. */
static void ns_retry(struct monitor *mon)
{
	for (size_t i = 0; i < mon->netns->n; i++)
		if (!mon->netns->v[i].ino)
			ns_try(mon, &mon->netns->v[i]);
}

int mon_netns_open(struct monitor *mon, const unsigned *groups, size_t n)
{
	struct mon_netns *s = calloc(1, sizeof(*s));
	struct ctx *c = mon->c;

	if (!s)
		abort();
	mon->netns = s;
	s->groups = groups;
	s->ngroups = n;
	s->mounts = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
	mkdir(netns_dir(), 0755); /* as netns monitor: one may watch before the first add */
	if ((s->inotify = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) < 0)
		return err_errno(c, errno, "inotify");
	if (inotify_add_watch(s->inotify, netns_dir(),
			      IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO) < 0)
		return err_errno(c, errno, "watching %s", netns_dir());
	ns_scan(mon);
	return 0;
}

void mon_netns_close(struct monitor *mon)
{
	struct mon_netns *s = mon->netns;

	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		nl_listen_close(s->v[i].l); /* the views are freed with the others */
	free(s->v);
	if (s->inotify >= 0)
		close(s->inotify);
	if (s->mounts >= 0)
		close(s->mounts);
	free(s);
	mon->netns = NULL;
}

/* The names that came and went since the last read. */
static int ns_events(struct monitor *mon)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t len;

	while ((len = read(mon->netns->inotify, buf, sizeof(buf))) > 0)
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;

			if (ev->mask & (IN_DELETE_SELF | IN_UNMOUNT | IN_IGNORED))
				return err_fail(mon->c, "%s went away", netns_dir());
			if (ev->mask & IN_Q_OVERFLOW)
				ns_scan(mon);
			else if (ev->len && (ev->mask & (IN_CREATE | IN_MOVED_TO)))
				ns_add(mon, ev->name);
			else if (ev->len && (ev->mask & (IN_DELETE | IN_MOVED_FROM)))
				ns_del(mon, ev->name);
			p += sizeof(*ev) + ev->len;
		}
	if (len < 0 && errno != EAGAIN)
		return err_errno(mon->c, errno, "reading inotify events");
	return 0;
}

/* ---- the loop ------------------------------------------------------------------- */

struct feed {
	struct monitor *mon;
	struct view *w;
	mon_event_fn fn;
};

static int feed_one(const struct nlmsghdr *nlh, int nsid, void *data)
{
	struct feed *f = data;

	f->fn(f->mon, f->w, nsid, nlh);
	return 0;
}

/* One datagram of the socket; the kernel's dropping events is said, and the
 * names it may have taken away read again. */
static int feed(struct monitor *mon, struct nl_listen *l, struct view *w, mon_event_fn fn)
{
	struct feed f = {mon, w, fn};
	int rc = nl_listen_next(mon->c, l, feed_one, &f);

	if (rc != -ENOBUFS)
		return rc;
	err_line("%smonitor: the kernel dropped events%s%s (its queue overflowed)",
		 mon->c->where ? mon->c->where : "", w ? " of namespace " : "", w ? w->name : "");
	for (size_t i = 0; i < mon->n; i++)
		if (!w || mon->v[i] == w)
			mon->v[i]->stale = true;
	return 1;
}

int mon_listen(struct monitor *mon, struct nl_listen *home, mon_event_fn fn,
	       const sigset_t *waiting)
{
	struct mon_netns *s = mon->netns;
	struct pollfd *fds = NULL;
	struct source {
		struct nl_listen *l;
		struct view *w; /* NULL: this namespace's socket */
	} *from = NULL;
	int rc = 1;

	while (rc > 0) {
		size_t n = 0, nsocks, cap = 3 + (s ? s->n : 0);
		struct pollfd *grown_fds = realloc(fds, cap * sizeof(*fds));
		struct source *grown_from = grown_fds ? realloc(from, cap * sizeof(*from)) : NULL;

		if (!grown_fds || !grown_from)
			abort();
		fds = grown_fds;
		from = grown_from;
		from[n] = (struct source){home, NULL};
		fds[n++] = (struct pollfd){.fd = nl_listen_fd(home), .events = POLLIN};
		for (size_t i = 0; s && i < s->n; i++)
			if (s->v[i].w) {
				from[n] = (struct source){s->v[i].l, s->v[i].w};
				fds[n++] = (struct pollfd){.fd = nl_listen_fd(s->v[i].l),
							   .events = POLLIN};
			}
		nsocks = n;
		if (s) {
			fds[n++] = (struct pollfd){.fd = s->inotify, .events = POLLIN};
			fds[n++] = (struct pollfd){.fd = s->mounts, .events = POLLPRI};
		}
		/* the only place the signals that end it come in */
		if (ppoll(fds, n, NULL, waiting) < 0) {
			rc = errno == EINTR ? 0 : err_errno(mon->c, errno, "waiting for events");
			break;
		}
		/* the sockets first: the names' changes below close some */
		for (size_t i = 0; i < nsocks && rc > 0; i++)
			if (fds[i].revents)
				rc = feed(mon, from[i].l, from[i].w, fn);
		if (rc > 0 && s && (fds[nsocks].revents & POLLIN)) {
			int err = ns_events(mon);
			rc = err < 0 ? err : rc;
		}
		if (rc > 0 && s && (fds[nsocks + 1].revents & (POLLPRI | POLLERR)))
			ns_retry(mon);
	}
	free(fds);
	free(from);
	return rc < 0 ? rc : 0;
}
