// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace: what a packet meets below the route -- the size a device takes
 * (fragmented where it is routed, dropped where it is bridged or crosses a
 * veth), the next hop's neighbour entry, the modes that keep macvlan and
 * ipvlan devices apart, and a device's impairment (its root netem, read
 * with the qdisc object's reader).
 */
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "netns.h"
#include "netnsutil.h"
#include "nl.h"
#include "qdisc.h"
#include "route.h"

/* A frame may exceed a device's MTU by a VLAN tag's 4 bytes before a veth
 * or a bridge drops it (the kernel's is_skb_forwardable). */
#define VLAN_HLEN 4

int trace_fits(struct trace *t, const struct dev *d, unsigned route_mtu, enum trace_fit how)
{
	const char *whose = "the MTU of";
	unsigned mtu = d->mtu;

	if (how != FIT_L2 && route_mtu && route_mtu < mtu) {
		mtu = route_mtu; /* a path's MTU learnt, or the route's own */
		whose = "the route's MTU on";
	}
	if (!mtu || t->cur_len <= mtu + (how == FIT_L2 ? VLAN_HLEN : 0))
		return 0;
	if (how == FIT_L2)
		return trace_stop(t, d->name,
				  "the packet (%u bytes) is larger than the MTU of %s (%u): "
				  "dropped there",
				  t->cur_len, d->name, mtu);
	if (t->df)
		return trace_stop(t, d->name,
				  "the packet (%u bytes) is larger than %s %s (%u), and df forbids "
				  "fragmenting it",
				  t->cur_len, whose, d->name, mtu);
	if (t->pkt.family == AF_INET6 && how == FIT_FORWARDED)
		return trace_stop(t, d->name,
				  "the packet (%u bytes) is larger than %s %s (%u), and IPv6 "
				  "routers do not fragment",
				  t->cur_len, whose, d->name, mtu);
	trace_hop(t, d->name, "fragmented: %u bytes into pieces of at most %u (%s %s)", t->cur_len,
		  mtu, whose, d->name);
	t->cur_len = mtu;
	return 0;
}

int trace_neigh_check(struct trace *t, const struct dev *d, const struct neigh_find *mac)
{
	char a[INET6_ADDRSTRLEN];

	if (!mac->found || (d->flags & IFF_NOARP))
		return 0;
	trace_addr_str(t, mac->key, a, sizeof(a));
	if (mac->state & NUD_FAILED)
		return trace_stop(t, d->name,
				  "the neighbour %s on %s is FAILED: it was asked for and never "
				  "answered",
				  a, d->name);
	if (mac->state & NUD_INCOMPLETE)
		trace_warn(t, d->name,
			   "may stop: the neighbour %s on %s is INCOMPLETE (asked for, no answer "
			   "yet)",
			   a, d->name);
	return 0;
}

int trace_impair_hop(struct trace *t, const struct dev *d)
{
	struct qdisc_impair im;
	int rc = qdisc_impair_read(&t->wc, d->index, &im);

	t->wc.reason[0] = t->wc.hint[0] = '\0';
	if (rc == 1)
		trace_impair_put(t, d->name, &im);
	return 0; /* a device whose qdiscs cannot be read is not impaired by trace's word */
}

/* ---- macvlan and ipvlan ---------------------------------------------------------- */

/* The namespace file's inode of the namespace that nsid names from here
 * (-1: here), 0 when it has no name. */
static ino_t ns_ino(struct trace *t, int nsid)
{
	char name[NAME_MAX + 1], path[PATH_MAX];
	struct stat st;

	if (nsid < 0)
		return stat("/proc/self/ns/net", &st) == 0 ? st.st_ino : 0;
	if (netns_nsid_of_fd(&t->wc, t->home) == nsid)
		return fstat(t->home, &st) == 0 ? st.st_ino : 0;
	if (!netns_name_of_nsid(&t->wc, nsid, name, sizeof(name)))
		return 0;
	snprintf(path, sizeof(path), "/run/netns/%s", name);
	return stat(path, &st) == 0 ? st.st_ino : 0;
}

static bool private_of(const struct dev *d)
{
	return !strcmp(d->kind, "macvlan") ? d->mode == MACVLAN_MODE_PRIVATE
					   : (d->ipv_flags & IPVLAN_F_PRIVATE) != 0;
}

static bool vepa_of(const struct dev *d)
{
	return !strcmp(d->kind, "macvlan") ? d->mode == MACVLAN_MODE_VEPA
					   : (d->ipv_flags & IPVLAN_F_VEPA) != 0;
}

/* Among the devices of the current namespace, a sibling of kind on the
 * lower device (lns, lower) that owns nh: its index, 0 none. */
static int sibling_here(struct trace *t, const char *kind, ino_t lns, int lower, int self,
			const uint8_t *nh, struct dev *out)
{
	struct devs *l = calloc(1, sizeof(*l));
	int found = 0;

	if (!l)
		abort();
	if (trace_devs_read(t, l) < 0) {
		free(l);
		t->wc.reason[0] = t->wc.hint[0] = '\0';
		return 0;
	}
	for (size_t i = 0; i < l->n && !found; i++) {
		const struct dev *s = &l->d[i];
		if (strcmp(s->kind, kind) || s->link != lower || s->index == self ||
		    ns_ino(t, s->link_nsid) != lns)
			continue;
		if (trace_owns(t, nh, s->index)) {
			*out = *s;
			found = s->index;
		}
	}
	free(l);
	return found;
}

/* Every named namespace searched for a sibling of d that owns nh; found,
 * the walk is in its namespace. */
static int sibling(struct trace *t, const struct dev *d, ino_t lns, const uint8_t *nh,
		   struct dev *out)
{
	struct stat here_st;
	struct names names = {0};
	char from[sizeof(t->ns)];
	int back, rc, fd;

	if (stat("/proc/self/ns/net", &here_st) < 0)
		return 0;
	if (sibling_here(t, d->kind, lns, d->link, d->index, nh, out))
		return 1;
	if ((rc = netns_names_read(t->c, &names)) < 0) {
		t->c->reason[0] = t->c->hint[0] = '\0';
		return 0;
	}
	if ((back = trace_here(t)) < 0) {
		netns_names_free(&names);
		return back;
	}
	memcpy(from, t->ns, sizeof(from));
	for (size_t i = 0; i < names.n; i++) {
		char path[PATH_MAX];
		struct stat st;

		snprintf(path, sizeof(path), "/run/netns/%s", names.v[i]);
		if (stat(path, &st) < 0 || st.st_ino == here_st.st_ino)
			continue;
		if ((fd = netns_open_named(&t->wc, names.v[i])) < 0) {
			t->wc.reason[0] = t->wc.hint[0] = '\0';
			continue;
		}
		if ((rc = trace_ns_go(t, fd, names.v[i])) < 0)
			break;
		if (sibling_here(t, d->kind, lns, d->link, 0, nh, out)) {
			close(back);
			netns_names_free(&names);
			return 1;
		}
	}
	netns_names_free(&names);
	if ((rc = trace_ns_go(t, back, from)) < 0)
		return rc;
	return 0;
}

int trace_mvlan(struct trace *t, const struct dev *d, const uint8_t *nh, struct dev *next)
{
	char a[INET6_ADDRSTRLEN], lname[sizeof(t->ns)];
	ino_t lns = ns_ino(t, d->link_nsid);
	struct dev self = *d, s;
	int rc, fd;

	trace_addr_str(t, nh, a, sizeof(a));
	if (!d->link || !lns)
		return trace_stop(t, d->name, "%s has no lower device trace can find", d->name);
	if ((rc = sibling(t, d, lns, nh, &s)) < 0)
		return rc;
	if (rc == 1) {
		if (private_of(&self) || private_of(&s))
			return trace_stop(t, s.name,
					  "%s %s and %s share a lower device, and %s is private: "
					  "they never reach each other",
					  self.kind, self.name, s.name,
					  private_of(&self) ? self.name : s.name);
		if (vepa_of(&self) || vepa_of(&s))
			return trace_stop(t, s.name,
					  "%s %s and %s share a lower device in vepa mode: a frame "
					  "between them comes back only through a switch that "
					  "hairpins, which trace does not follow",
					  self.kind, self.name, s.name);
		trace_hop(t, s.name, "%s: from sibling %s on the same lower device, in", s.kind,
			  self.name);
		*next = s;
		return 1;
	}
	/* out by the lower device, in its namespace */
	if (d->link_nsid >= 0) {
		if (netns_nsid_of_fd(&t->wc, t->home) == d->link_nsid) {
			if ((fd = dup(t->home)) < 0)
				return err_errno(t->c, errno, NULL);
			snprintf(lname, sizeof(lname), "%s", t->c->netns ? t->c->netns : "(start)");
		} else {
			if (!netns_name_of_nsid(&t->wc, d->link_nsid, lname, sizeof(lname)) ||
			    (fd = netns_open_named(&t->wc, lname)) < 0)
				return trace_stop(t, d->name,
						  "its lower device's namespace has no name");
		}
		if ((rc = trace_ns_go(t, fd, lname)) < 0)
			return rc;
	}
	if ((rc = trace_dev_read(t, self.link, next)) < 0)
		return trace_stop(t, self.name, "its lower device is gone");
	if (trace_owns(t, nh, 0))
		return trace_stop(
		    t, next->name,
		    "%s is the lower device %s's own: a %s never reaches the stack of "
		    "its lower device",
		    a, next->name, self.kind);
	trace_hop(t, next->name, "%s %s: out by its lower device", self.kind, self.name);
	return 0;
}
