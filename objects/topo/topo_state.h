/* SPDX-License-Identifier: GPL-2.0-or-later */
/* topo: what up, down and plan (topo.c), diff (topo_diff.c), save
 * (topo_save.c) and the kernel's state they read (topo_state.c) share. */
#ifndef VNETCTL_TOPO_STATE_H
#define VNETCTL_TOPO_STATE_H

#include <linux/if.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core.h"
#include "topo_parse.h"

/* ---- the kernel's state, one namespace at a time (topo_state.c) ---------- */

struct st_link {
	char name[IFNAMSIZ];
	char kind[16];
	int index, master;
	int link;      /* IFLA_LINK: a veth's peer's index (in its namespace) */
	int link_nsid; /* the namespace of the peer (-1: this one) */
	unsigned flags;
	/* the kind's data, as topo files describe it (topo_kind_nl) */
	int tun_type, family; /* IFF_TUN or IFF_TAP; local's and remote's */
	uint8_t local[16], remote[16];
	uint32_t id, table, lower, port;
	/* save: the peer's namespace's name, whether the device is written
	 * and whether its veth is */
	char peer_ns[256];
	bool saved, done;
};
struct st_addr {
	int index, family;
	uint8_t len, bytes[16];
	uint32_t flags; /* IFA_F_* */
};
struct st_route {
	int family;
	uint8_t len, dst[16], gw[16];
	bool has_gw, multipath;
	uint8_t protocol, type;
};

/* What is under a name in /run/netns. */
enum ns_kind {
	NS_NONE,     /* nothing */
	NS_NAMED,    /* a namespace */
	NS_LEFTOVER, /* a file with no namespace mounted on it: what a killed
		      * run leaves between making the file and mounting */
};

/* Which namespace a name is: nsfs gives each one inode. */
struct ns_id {
	dev_t dev;
	ino_t ino;
};

struct nsstate {
	const char *name;
	bool exists;
	bool leftover; /* a leftover under the name (exists is false) */
	/* the namespace the name was when first read, or when this run made
	 * it (made): a step is undone only where the name is still that one
	 * (else foreign, said once) */
	struct ns_id id;
	bool made, foreign;
	VEC(struct st_link, links);
	VEC(struct st_addr, addrs);
	VEC(struct st_route, routes);
};

struct step; /* topo.c's: one step of up or down */

struct run {
	struct ctx *c;
	const struct topo *t;
	const char *verb;
	int home;		   /* the caller's namespace */
	int lock;		   /* topo_lock's fd, -1 when none is held */
	const char *cur;	   /* the namespace entered, NULL when unknown */
	VEC(struct nsstate *, st); /* each apart: pointers to them stay valid */
	VEC(struct step, steps);
	size_t differ; /* diff: the things missing or differing */
	bool peers;    /* save: a veth's peer in its own namespace named, when read
			* (topo_resolve_peers names the others) */
};

/* Room for a line's place (topo_place) and a few words after it. */
#define TOPO_PLACE_SIZE 4400
/* The place every line of a topo run begins with, built here alone:
 * "[where]topo VERB[ FILE[:LINE]]" (no file: none; line 0: no line), then
 * fmt's text; buf holds sz bytes.  Returns buf. */
char *topo_place(char *buf, size_t sz, const char *where, const char *verb, const char *file,
		 int line, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* The same for run r: its batch's place, verb and file. */
#define topo_run_place(r, buf, sz, line, ...)                                                      \
	topo_place((buf), (sz), (r)->c->where, (r)->verb, (r)->t->file, (line), __VA_ARGS__)

/* Into namespace ns ("" the caller's), with a socket of its own. */
int topo_enter(struct run *r, const char *ns);

/* What is under name in /run/netns, and with id (may be NULL) which
 * namespace it is. */
enum ns_kind topo_ns_kind(const char *name, struct ns_id *id);

/* The lock of topology runs (topo_lock.c), held alone (exclusive) or
 * shared, waiting up to wait_s seconds, or until *stop (a signal's flag)
 * is set: 0 (r->lock the lock's fd, or -1 when there is no /run/netns to
 * lock and the run only reads), -VN_EREPORTED when it is still held (a
 * line said by whom), -EINTR when stopped, or another -errno.  A wait
 * says for whom in one line. */
int topo_lock(struct run *r, bool exclusive, unsigned wait_s, volatile sig_atomic_t *stop);
void topo_unlock(struct run *r);

/* A kind of a file as the kernel has it (the table topo_kind_nl, topo_state.c). */
struct kind_nl {
	const char *kind;
	int tun_type;
	uint16_t max, local, remote, local6, remote6, id, table, lower, port, type;
	uint8_t id_size;
};
extern const struct kind_nl topo_kind_nl[TK_NKINDS];

/* The kernel's name of a veth's kind (a file's veths are no topo_kind_nl's). */
extern const char topo_veth_kind[];

bool topo_is_zero(const uint8_t *b, size_t n);
/* Whether the kernel's device l is of the file's kind. */
bool topo_dev_is(const struct st_link *l, enum topo_kind kind);
/* Whether it is of the kind of the file's device d (a link's: the
 * registry's kind by name). */
bool topo_dev_of(const struct st_link *l, const struct topo_dev *d);
size_t topo_addr_bytes(int family);

void topo_state_clear(struct nsstate *s);
/* The state of namespace ns, read once a run, or again when fresh. */
int topo_state_get(struct run *r, const char *ns, bool fresh, struct nsstate **out);
int topo_state_of(struct run *r, const char *ns, struct nsstate **out);
/* save: each link's peer's namespace (peer_ns) among those read, when it
 * is in another: no nsid is looked up by name in every namespace (a lab of
 * 200 namespaces took 40,000 requests so); the candidates are the links
 * read whose index is the link's peer's and whose peer is the link, and
 * the nsid the link's namespace gives a candidate's (one request) tells. */
int topo_resolve_peers(struct run *r);
/* The state of ns as read so far, NULL when it was not. */
struct nsstate *topo_state_find(const struct run *r, const char *ns);

const struct st_link *topo_link_in(const struct nsstate *s, const char *dev);
/* The name of the device of that index, "?" when there is none. */
const char *topo_name_of_index(const struct nsstate *s, int index);
bool topo_has_addr(const struct nsstate *s, const struct st_link *l, const struct topo_addr *a);
bool topo_has_route(const struct nsstate *s, const struct topo_route *rt);

/* What the user made, not the kernel: a device that is no tunnel module's
 * fallback device (gre0 where ip_gre is loaded, made in every namespace);
 * an address of l that is permanent, not IPv6 link-local, nor a loopback's
 * own; a route added by hand (protocol boot or static). */
bool topo_kernel_made(const struct st_link *l);
bool topo_user_addr(const struct st_link *l, const struct st_addr *a);
bool topo_user_route(const struct st_route *k);
/* A route's destination as a file writes it: ADDR/LEN, or default. */
const char *topo_route_to(const struct st_route *k, char *buf, size_t size);

/* ---- up, down and plan (topo.c) ------------------------------------------- */

/* Whether the file sets up the device of t->ups.v[i] at an earlier i. */
bool topo_up_seen(const struct topo *t, size_t i);
/* What the kernel gives a loopback device the first time it is set up. */
extern const struct topo_addr topo_loopback_addr;

/* ---- the verbs of their own ----------------------------------------------- */

/* diff (topo_diff.c): each thing the file describes with what the kernel
 * has, r->differ counting those missing or differing. */
int topo_diff_all(struct run *r);
/* save (topo_save.c): the running state of the namespaces named in v (every
 * named one when none) as a topology file, on stdout. */
int topo_save_run(struct run *r, struct topo *t, const struct val *v);

#endif
