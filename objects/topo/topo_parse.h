/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The topo object's own: a topology file, read (objects/topo/topo_parse.c) into
 * what it describes, which objects/topo/topo.c compares with the kernel's state
 * and applies through vnetctl's own verbs.  No other module includes it.
 */
#ifndef VNETCTL_TOPO_PARSE_H
#define VNETCTL_TOPO_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core.h"
#include "vec.h"

/* A device in a namespace: ns is "" for the caller's. */
struct topo_ref {
	const char *ns, *dev;
	int line;
};

struct topo_ns {
	const char *name;
	const char *host; /* hosts: the one it is on, NULL for the default */
	int line;
};

/* A host of a lab larger than one machine (hosts: {NAME: {ssh: DEST...}}):
 * what ssh connects to, whether the remote vnetctl runs under sudo, the
 * address the other hosts' overlay devices send to (underlay, or the
 * address ssh connects to) and the underlay's MTU as written. */
struct topo_host {
	const char *name, *ssh, *underlay, *mtu;
	uint32_t mtuv;
	bool sudo;
	int line;
};

/* The kinds of device a file makes besides veth pairs, each a section of
 * the file (topo_sections) of NAME: {KEY: VALUE} mappings. */
enum topo_kind {
	TK_BRIDGE,
	TK_TAP,
	TK_TUN,
	TK_GRE,
	TK_IPIP,
	TK_VXLAN,
	TK_VLAN,
	TK_BOND,
	TK_VRF,
	TK_LINK, /* any kind of the registry link add makes: links: {NAME: {kind: KIND}} */
	TK_NKINDS
};

/* An impairment, a veth end's or a link's: nwords KEY VALUE pairs of the
 * topology's words from word0, each a word of `link set DEV delay ...`
 * (a veth end's own, then the veth's it does not give); none when nwords
 * is 0. */
struct topo_impair {
	size_t word0, nwords;
};

/* A device of a kind; what a kind does not take stays NULL or 0. */
struct topo_dev {
	struct topo_ref ref;
	enum topo_kind kind;
	const char *local, *remote; /* tunnels, vxlan: addresses as written */
	struct inet_prefix lp, rp;
	const char *link;		  /* vlan, vxlan: the lower device, in ref.ns */
	const char *id, *table, *dstport; /* numbers as written */
	uint32_t idv, tablev, dstportv;
	/* TK_LINK: the registry's kind, and its own words as the file gives
	 * them: nwords KEY, VALUE pairs of the topology's words from word0 (a
	 * flag's VALUE NULL), each read through the kind's table */
	const char *kind_name;
	size_t word0, nwords;
	/* hosts: the host of a device of the caller's namespace (NULL: the
	 * default); TK_LINK: its mtu as written, and "true" when it is made
	 * in the caller's namespace and moved into ref.ns (outside: a
	 * tunnel's socket stays in the caller's namespace) */
	const char *host, *mtu, *outside;
	uint32_t mtuv;
	/* TK_LINK: its impairment, the keys of its mapping that are
	 * impairment's words (an overlay link's: its veth end's) */
	struct topo_impair imp;
};

/* A port of a bridge (or another master): dev, in the master's namespace. */
struct topo_port {
	struct topo_ref dev;
	const char *master;
};

struct topo_veth {
	struct topo_ref a, b;
	struct topo_impair imp[2]; /* a's, b's */
	int line;
};

struct topo_addr {
	struct topo_ref dev;
	const char *text; /* as written */
	struct inet_prefix p;
};

struct topo_route {
	const char *ns;
	const char *to, *via; /* as written */
	const char *proto;    /* as written, NULL when not */
	int protocol;	      /* RTPROT_*, -1 when not given */
	struct inet_prefix dst, gw;
	int line;
};

/* Everything a file describes, in the order it is applied. */
struct topo {
	const char *file;
	VEC(struct topo_ns, nss);
	VEC(struct topo_dev, devs); /* bridges and the other kinds */
	VEC(struct topo_veth, veths);
	VEC(struct topo_port, ports);
	VEC(struct topo_addr, addrs);
	VEC(struct topo_ref, ups); /* devices set up: the up list's and each `up: true` */
	VEC(struct topo_route, routes);
	VEC(const char *, words); /* the TK_LINK devices' words (topo_dev.word0) */
	VEC(const char *, notes); /* written as comments first (topo save) */
	VEC(char *, strs);	  /* the text every name points into */
	/* a lab on several hosts: the hosts, the default one (host: NAME,
	 * else the first) and the overlay's kind (overlay: KIND) */
	VEC(struct topo_host, hosts);
	const char *host, *overlay;
	int host_line, overlay_line;
};

/* The keys of the file's top mapping, spelled in topo_parse.c alone: the
 * writer of a file (topo save) uses the same. */
/* In the order the sections are read, which is the order their devices
 * are set up in: a vxlan or vlan (on a lower device, maybe a veth) after
 * the veths. */
enum topo_key {
	K_NAMESPACES,
	K_BRIDGES,
	K_TUNTAPS,
	K_TUNNELS,
	K_BONDS,
	K_VRFS,
	K_VETHS,
	K_VXLANS,
	K_VLANS,
	K_LINKS,
	K_ADDRESSES,
	K_ROUTES,
	K_UP,
	K_HOSTS,
	K_HOST,
	K_OVERLAY,
	K_NTOP
};
extern const char *const topo_keys[K_NTOP + 1];
/* The keys of a device's mapping, of a veth's and of a route's. */
enum topo_dev_key {
	D_NETNS,
	D_PORTS,
	D_UP,
	D_MODE,
	D_LOCAL,
	D_REMOTE,
	D_ID,
	D_LINK,
	D_DSTPORT,
	D_TABLE,
	D_KIND,
	D_HOST,
	D_MTU,
	D_OUTSIDE,
	D_NKEYS
};
extern const char *const topo_dev_keys[D_NKEYS + 1];
/* V_DEV: an end's device when the end is a mapping, {dev: NS/DEV, delay:
 * ...}; the impairment's words are no key of these (topo_impair.c). */
enum topo_veth_key { V_A, V_B, V_UP, V_DEV, V_NKEYS };
extern const char *const topo_veth_keys[V_NKEYS + 1];
enum topo_route_key { R_TO, R_VIA, R_PROTO, R_NKEYS };
extern const char *const topo_route_keys[R_NKEYS + 1];
/* The keys of a host's mapping, and of a namespace given as a mapping. */
enum topo_host_key { H_SSH, H_SUDO, H_UNDERLAY, H_MTU, H_NKEYS };
extern const char *const topo_host_keys[H_NKEYS + 1];
enum topo_ns_key { N_NAME, N_HOST, N_NKEYS };
extern const char *const topo_ns_keys[N_NKEYS + 1];
/* The kinds an overlay link may be (overlay:), the first the default. */
extern const char *const topo_overlay_kinds[4];
/* The section of each kind (a top key) and the kind's name: its mode's
 * value in a section of several kinds (tuntaps, tunnels). */
extern const enum topo_key topo_kind_section[TK_NKINDS];
extern const char *const topo_kind_names[TK_NKINDS];
/* The words of YAML's booleans: [0] false, [1] true. */
extern const char *const topo_bool_words[3];

/* Read FILE: 0, or a negative error with the reason (FILE:LINE:COLUMN: what)
 * in c->reason: -VN_EUSAGE for a file that is not a topology, else -errno
 * (the file cannot be read). */
int topo_read(struct ctx *c, const char *file, struct topo *t);
/* The same of the file's len bytes at buf, read already. */
int topo_parse(struct ctx *c, const char *file, const char *buf, size_t len, struct topo *t);
void topo_free(struct topo *t);

/* A link's words (TK_LINK) at most, KEY VALUE pairs. */
#define TOPO_LINK_WORDS 32
/* The text of key k of d (mode: its kind's name), NULL when it has none. */
const char *topo_dev_value(const struct topo_dev *d, enum topo_dev_key k);

/* The code point of the well-formed UTF-8 sequence at s (of at most left
 * bytes) and its length in *len; -1 with *len 1 for a byte that begins none
 * (overlong forms, surrogates and code points above U+10FFFF are none).
 * Names are bytes: the writer and the printers look at them so. */
int32_t topo_utf8(const char *s, size_t left, size_t *len);

/* A copy of s that lives as long as t (its names point into such). */
const char *topo_keep(struct topo *t, const char *s);
/* t as a topology file that topo_read reads back the same: a device's or a
 * veth's "up: true" where it is set up (both ends, for a veth), the other
 * devices set up in the up list; every name as YAML reads back its bytes
 * (double-quoted with escapes, or !!binary when they are not UTF-8); the
 * notes as comments, escaped; "{}" when t is empty. */
void topo_write(FILE *f, const struct topo *t);

#endif
