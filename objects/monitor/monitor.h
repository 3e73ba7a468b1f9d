/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What monitor's files share: monitor.c reads the words and prints each
 * event; monitor_ns.c is where events come from -- a view of each namespace
 * (a socket inside it for the printers' questions, its devices' names) and
 * the sockets listened on, read by one poll loop.
 */
#ifndef VNETCTL_MONITOR_H
#define VNETCTL_MONITOR_H

#include <limits.h>
#include <signal.h>
#include <stdbool.h>

#include "core.h"
#include "ifnames.h"
#include "nl.h"

struct monitor;

/* A namespace events came from, and a context whose requests go to a
 * socket inside it. */
struct view {
	struct monitor *mon;
	unsigned id;		 /* its number in this run, never reused */
	bool home;		 /* the namespace the monitor runs in */
	int nsid;		 /* its nsid here; -1 for none */
	bool nsid_stale;	 /* --all-netns: to be asked again (nsids changed) */
	int nsfd;		 /* --all-netns: the namespace, open; -1 else */
	char name[NAME_MAX + 1]; /* under /run/netns; "" when it has none */
	struct ctx c;
	/* its devices' names: read when the view is made, then kept by the
	 * link events (a deleted device's stays: its routes' deletions come
	 * after it went) */
	struct ifnames names;
	bool stale; /* to be read again (the kernel dropped events) */
};

struct nsid_name;
struct mon_netns;

struct monitor {
	struct ctx *c;
	struct nsid_name *names;
	size_t nnames;
	unsigned objects;
	bool all_nsid, all_netns, label;
	int ifindex;	     /* dev: only this device's events; 0 for all */
	char saved_time[64]; /* monitor file, -j: the next event's "timestamp" */
	int self_fd;	     /* this namespace, to come back to; -1 without either */
	struct view **v;
	size_t n;
	unsigned next_id;
	struct mon_netns *netns; /* --all-netns: the named namespaces watched */
};

/* The view of the namespace this one knows as nsid (-1: this one), made
 * the first time it is asked for. */
struct view *view_of(struct monitor *mon, int nsid);
void views_free(struct monitor *mon);
/* The view's devices' names, read again after events were lost. */
const struct ifnames *view_names(struct view *w);
/* A device's name: as its events gave it, else asked of the kernel, else
 * "ifN", as ip names it. */
const char *view_name(struct view *w, int index, char *buf, size_t sz);
/* --all-netns: the nsid this namespace has for the view's, asked again
 * once views_renumber() said the nsids changed. */
int view_nsid(struct view *w);
void views_renumber(struct monitor *mon);

/* An event and the view it came from (NULL: from this namespace's socket,
 * its nsid's view, which the callee makes when it wants it). */
typedef void (*mon_event_fn)(struct monitor *mon, struct view *w, int nsid,
			     const struct nlmsghdr *nlh);

/* --all-netns: watch /run/netns and open a socket joined to groups in each
 * namespace named there.  Before the monitor's own socket is open, so that
 * once that one listens, so do these. */
int mon_netns_open(struct monitor *mon, const unsigned *groups, size_t n);
/* Until a signal ends it (0) or a socket fails (-errno): every socket's
 * events to fn, and names as they come and go.  The signals that end it
 * are blocked by the caller; waiting is the mask it waits with. */
int mon_listen(struct monitor *mon, struct nl_listen *home, mon_event_fn fn,
	       const sigset_t *waiting);
void mon_netns_close(struct monitor *mon);

#endif
