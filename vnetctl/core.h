/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The interface between the core and the object modules.
 *
 * A module describes its object once: the verbs, and for each verb a table of
 * arguments.  The core parses the command line against that table, prints
 * usage and errors from it, and later completes from it.  A module never
 * walks argv, opens a netlink socket or prints JSON by hand.
 */
#ifndef VNETCTL_CORE_H
#define VNETCTL_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <netinet/in.h>

struct nl;
struct nlmsghdr;
struct link_refs;
struct out;
struct nl_pipe;
struct delq;

/* Exit statuses. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* Error values beyond errno's range: the reason is already in the ctx. */
#define VN_EUSAGE 4096 /* the command line was wrong; nothing was sent */
#define VN_EFAIL  4097 /* the operation failed; reason set by the module */
#define VN_EREPORTED 4098 /* failed, and its one line is printed already */

/* ---- argument tables ---------------------------------------------------- */

enum arg_kind {
	ARG_FLAG,    /* keyword alone: sets .set */
	ARG_IFNAME,  /* an interface name (1..15 bytes, no '/', ':' or space) */
	ARG_STRING,  /* any text */
	ARG_U32,     /* a number within [min, max], or one of .words (.values) */
	ARG_ENUM,    /* one of .words; the value is its index */
	ARG_ADDR,    /* an IPv4 or IPv6 address, or one of .words (no address) */
	ARG_PREFIX,  /* ADDR[/PLEN], or "default" when ARGF_DEFAULT */
	ARG_MAC,     /* six colon-separated hex bytes */
	ARG_USER,    /* user name or number */
	ARG_GROUP,   /* group name or number */
	ARG_NETNS,   /* a named namespace, or a pid */
	ARG_REST,    /* every remaining word, verbatim */
	ARG_ONOFF,   /* on|off: .e is 1 or 0 */
	ARG_KIND,    /* a link kind, then every remaining word: that kind's (.rest) */
	ARG_NEST,    /* every remaining word, parsed against .sub (veth's peer) */
	ARG_RANGE,   /* two numbers MIN MAX within [min, max], MIN <= MAX: .range */
	ARG_SPAN,    /* N or N-M, N <= M, within [min, max]: .u is N, .hi is M (N alone: N) */
	ARG_ADDRS,   /* ADDR[,ADDR...]: up to .max (or ARG_ADDRS_MAX) distinct addresses */
	ARG_MARK,    /* N[/MASK], numbers of 32 bits: .u is N, .hi the mask (all ones alone) */
	ARG_PAIR,    /* [A/]B, each in [min, max] or one of .words: .u is B, .hi A (0 alone) */
	ARG_KEY,     /* a 32-byte key in base64 (44 characters, as wg prints it): .key */
	ARG_ENDPOINT, /* ADDR:PORT or [ADDR6]:PORT, or HOST:PORT resolved: .ip, .hi the port */
};

/* The most addresses one ARG_ADDRS value holds. */
#define ARG_ADDRS_MAX 16

#define ARGF_REQUIRED	0x01 /* must be given */
#define ARGF_POSITIONAL 0x02 /* a word that matches no keyword fills it */
#define ARGF_SUBJECT	0x04 /* names the thing in error messages */
#define ARGF_DEFAULT	0x08 /* ARG_PREFIX also takes "default" */
#define ARGF_NEW	0x10 /* ARG_IFNAME names a device yet to be made */
#define ARGF_DEVICES	0x20 /* ARG_REST words are device names (completion) */
#define ARGF_HEX	0x40 /* ARG_U32 is read in hexadecimal, 0x optional: "10" is 16 */
#define ARGF_DOTTED	0x80 /* ARG_U32 also takes a dotted quad: "1.2.3.4" is 16909060 */
#define ARGF_NUMBERED	0x100 /* ARG_ENUM also takes a word's index, in decimal (mode 4) */
#define ARGF_IPV4	0x200 /* ARG_ADDR, ARG_ADDRS: IPv4 addresses only */
#define ARGF_UNICAST	0x400 /* ARG_MAC: a device's own address, not multicast nor zero */
#define ARGF_ALL	0x800 /* ARG_FLAG that the global -a/--all sets (netns del, exec) */
#define ARGF_PREFIXES	0x1000 /* ARG_ADDRS: each may be a prefix, ADDR/PLEN */
#define ARGF_KW_ENDS	0x4000 /* ARG_REST ends at a keyword in full, as ARGF_DEVICES does */

struct arg {
	const char *kw;	   /* the keyword, spelled here and nowhere else */
	const char *alias; /* another accepted spelling (iproute2's "brd") */
	enum arg_kind kind;
	unsigned flags;
	/* ARG_ENUM: the allowed words; ARG_U32, ARG_ADDR: words taken instead
	 * of a value ("inherit", "any"), exactly as spelled.  NULL-terminated. */
	const char *const *words;
	const uint32_t *values; /* ARG_U32: the number each of .words stands for */
	uint32_t min, max;	/* ARG_U32, ARG_RANGE: the bounds; ARG_ADDRS: max addresses */
	const char *metavar;	/* the value's name in usage, e.g. "NAME" */
	const char *help;
	int excludes;	       /* index+1 of an argument this one conflicts with */
	const int *excludes_more; /* more such index+1 values, ending in 0 */
	const char *live_kind; /* ARG_IFNAME: complete only devices of these kinds
				* (one, or several blank-separated) */
	const struct arg *sub; /* ARG_NEST: the nested group's own table */
	size_t nsub;
	/* a word that may come between the keyword and its value ("mtu lock
	 * 1300"): .prefixed in the value says it was given */
	const char *prefix;
};

struct inet_prefix {
	int family;  /* AF_INET, AF_INET6; AF_UNSPEC for "default" */
	uint8_t len; /* prefix length; the full length when none was given */
	bool has_len;
	union {
		struct in_addr v4;
		struct in6_addr v6;
		uint8_t bytes[16];
	};
};

struct val {
	bool set;
	const char *str; /* the word as typed (every kind but ARG_FLAG; ARG_RANGE's first) */
	union {
		uint32_t u;	       /* ARG_U32, ARG_USER, ARG_GROUP */
		int e;		       /* ARG_ENUM: index into words */
		struct inet_prefix ip; /* ARG_ADDR, ARG_PREFIX */
		uint8_t mac[6];	       /* ARG_MAC */
		char *const *rest;     /* ARG_REST: NULL-terminated */
		struct {
			uint32_t low, high;
		} range; /* ARG_RANGE */
		struct inet_prefix ips[ARG_ADDRS_MAX]; /* ARG_ADDRS: nrest of them */
		uint8_t key[32];		       /* ARG_KEY */
	};
	uint32_t hi; /* ARG_SPAN: the last number (.u the first); ARG_MARK: the mask;
		      * ARG_PAIR: the first (.u the second); ARG_ENDPOINT: the port */
	int nrest;   /* ARG_REST's words, ARG_ADDRS's addresses */
	int word; /* ARG_U32, ARG_ADDR: the index + 1 in .words of the word given
		   * instead of a value (.u is its .values'); 0 for a value */
	bool prefixed; /* the argument's .prefix word came before the value */
};

struct ctx;
typedef int (*verb_fn)(struct ctx *c, const struct val *v);

struct verb {
	const char *name;
	const char *const *aliases; /* other accepted spellings, or NULL */
	const struct arg *args;
	size_t nargs;
	verb_fn run;
	const char *help;
	/* A batch gathers consecutive lines of this verb (del: linkdel.h);
	 * before any other verb runs, what was gathered is done. */
	bool gathers;
};

struct object {
	const char *name;
	const struct verb *verbs;
	size_t nverbs;
	const char *default_verb; /* run when no verb is given */
	const char *help;
	/* The default verb's table takes every word: a word after the object
	 * that is none of its verbs is the default verb's first argument. */
	bool words_to_default;
};

/* A verb is typed by name, except an object's words-only verb (name ""). */
static inline bool verb_named(const struct verb *v)
{
	return v && v->name[0];
}

#define ARRAY_SIZE(a)  (sizeof(a) / sizeof((a)[0]))
#define VERB_ARGS(tbl) .args = (tbl), .nargs = ARRAY_SIZE(tbl)
/* One verb of an object: its name, the function that runs it, its words
 * and what it does; VERB_ALSO with other spellings (a NULL-ended list). */
#define VERB(nm, fn, tbl, h)                                                                       \
	{                                                                                          \
		.name = (nm), VERB_ARGS(tbl), .run = (fn), .help = (h)                             \
	}
#define VERB_ALSO(nm, also, fn, tbl, h)                                                            \
	{                                                                                          \
		.name = (nm), .aliases = (also), VERB_ARGS(tbl), .run = (fn), .help = (h)          \
	}
/* del (also spelled delete), whose consecutive lines a batch gathers into
 * one deletion (linkdel.h). */
extern const char *const verb_del_aliases[];
#define VERB_DEL(fn, tbl, h)                                                                       \
	{                                                                                          \
		.name = "del", .aliases = verb_del_aliases, VERB_ARGS(tbl), .run = (fn),           \
		.help = (h), .gathers = true                                                       \
	}
/* An object's (or a kind's) verbs and how many. */
#define VERB_TABLE(tbl) .verbs = (tbl), .nverbs = ARRAY_SIZE(tbl)

void object_register(const struct object *o);
#define VNETCTL_OBJECT(o)                                                                          \
	static void __attribute__((constructor)) register_##o(void)                                \
	{                                                                                          \
		object_register(&(o));                                                             \
	}

/* The object NAME made of its verbs, the table NAME_verbs: one line a module. */
#define VNETCTL_OBJECT_OF(obj, dflt, h)                                                            \
	static const struct object obj##_object = {                                                \
	    .name = #obj, VERB_TABLE(obj##_verbs), .default_verb = (dflt), .help = (h)};            \
	VNETCTL_OBJECT(obj##_object)

/* The object NAME whose words are all its one verb's arguments (monitor
 * link addr, graph dot): fn runs with the table tbl; vh is its help. */
#define VNETCTL_OBJECT_WORDS(obj, fn, tbl, vh, h)                                                  \
	static const struct verb obj##_verbs[] = {VERB("", fn, tbl, vh)};                          \
	static const struct object obj##_object = {.name = #obj,                                   \
						   VERB_TABLE(obj##_verbs),                        \
						   .default_verb = "",                             \
						   .help = (h),                                    \
						   .words_to_default = true};                      \
	VNETCTL_OBJECT(obj##_object)

const struct object *const *objects_all(size_t *n);
/* The object of exactly that name, or NULL. */
const struct object *objects_find(const char *name);

/* ---- the context of one command ----------------------------------------- */

#define CTX_JSON    0x01
#define CTX_PRETTY  0x02
#define CTX_DETAILS 0x04
#define CTX_BRIEF   0x08
#define CTX_DRYRUN  0x10
#define CTX_COLOR   0x20
#define CTX_FORCE   0x40
#define CTX_STATS   0x80  /* -s: link statistics */
#define CTX_STATS2  0x100 /* -s -s: and the error details */
#define CTX_ONELINE 0x200 /* -o: each record on one line */
#define CTX_RESOLVE 0x400 /* -r: addresses printed as host names */
#define CTX_ALL     0x800 /* -a: every named namespace (netns exec, del) */
#define CTX_TSTAMP  0x1000 /* -t: monitor events timestamped */
#define CTX_TSHORT  0x2000 /* -ts: in the short form */

struct ctx {
	unsigned flags;
	int family; /* -4 / -6, AF_UNSPEC when neither */
	const struct object *obj;
	const struct verb *verb;
	const char *subject;
	struct nl *nl;	      /* opened on first use */
	struct nl_pipe *pipe; /* batch mode with --force: requests are pipelined */
	struct delq *delq;    /* batch mode: del lines gathered (linkdel.h) */
	struct out *out;
	const char *netns; /* -n NAME, for messages */
	const char *where; /* batch mode: "FILE:LINE: ", before every error */
	const char *label; /* where + "object verb name": names a pipelined request */
	/* The device a request names and the one it makes, so that its
	 * ENODEV or EEXIST reads the same answered at once or pipelined
	 * (err_names_explain); set around nl_request by the verbs. */
	const char *req_dev, *req_new;
	char reason[512];
	char hint[256];
	/* namespaces' fds a request being built refers to (IFLA_NET_NS_FD):
	 * closed once it has been sent (ctx_hold_fd) */
	int held_fds[4];
	unsigned nheld;
	/* while a whole link dump is walked: every device's name by index,
	 * so printers name devices without asking the kernel (linkfmt.c) */
	const struct link_refs *names;
	/* dry run: what prints a request instead of sending it (set by the
	 * dispatcher to the decoder, so netlink needs no decoder) */
	void (*dryrun)(const struct nlmsghdr *nlh);
};

/* Keep fd open until the request being built has been sent; -EMFILE when
 * too many are held already (fd is then closed). */
int ctx_hold_fd(struct ctx *c, int fd);
/* Close the held fds, once the kernel has read every queued request. */
void ctx_release_fds(struct ctx *c);

static inline bool ctx_json(const struct ctx *c)
{
	return c->flags & CTX_JSON;
}
static inline bool ctx_details(const struct ctx *c)
{
	return c->flags & CTX_DETAILS;
}
static inline bool ctx_brief(const struct ctx *c)
{
	return c->flags & CTX_BRIEF;
}
static inline bool ctx_dryrun(const struct ctx *c)
{
	return c->flags & CTX_DRYRUN;
}
static inline bool ctx_stats(const struct ctx *c)
{
	return c->flags & CTX_STATS;
}

/* Errors: each returns the negative value a verb returns. */
int err_usage(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int err_fail(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* -errnum, with a hint for the user (may be NULL). */
int err_errno(struct ctx *c, int errnum, const char *hint, ...)
    __attribute__((format(printf, 3, 4)));
/* -ENODEV, saying no device has that name. */
int err_nodev(struct ctx *c, const char *name);
/* Print the one error line for rc (<0) and return the exit status. */
/* "vnetctl: " and the line, escaped for the terminal (text_escape). */
void err_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A failed request's reason from the devices it names: "no device named
 * \"X\"" for ENODEV, "File exists (a device named X exists already)" for
 * EEXIST; NULL when the kernel's answer says it better. */
const char *err_names_explain(int err, const char *dev, const char *made, char *buf, size_t sz);
int err_report(struct ctx *c, int rc, const char *prefix);

/* ---- helpers shared by modules ------------------------------------------ */

/* NULL when name is a valid interface name, else why not. */
const char *ifname_invalid(const char *name);
/* Look a device up by name with a kernel-filtered RTM_GETLINK.  Returns the
 * ifindex (>0) or a negative error with the reason set. */
int link_index(struct ctx *c, const char *name);
/* Enter the named namespace (or pid); the fd is returned, or -errno. */
int netns_open(struct ctx *c, const char *name);
/* The same for a name only, even one of digits (-n, as ip -n). */
int netns_open_named(struct ctx *c, const char *name);
const char *netns_dir(void);

/* The words of ARG_ONOFF, for printers: onoff_words[0] is "off". */
extern const char *const onoff_words[];

/* Parse helpers used by the argument parser and by modules. */
int parse_prefix(const char *s, bool allow_default, int want_family, struct inet_prefix *p);
/* What parse_prefix() takes for the prefix of length 0 (allow_default);
 * the first is the one printed, as ip prints it. */
extern const char *const prefix_any_words[];
int parse_mac(const char *s, uint8_t mac[6]);
int parse_u32(const char *s, uint32_t *v);
const char *format_mac(const uint8_t *mac, size_t len, char *buf, size_t bufsz);
const char *format_addr(int family, const void *addr, char *buf, size_t bufsz);
/* An address as -r (CTX_RESOLVE) prints it: the host name the resolver has
 * for it, else the number (as format_addr); buf holds HOST_STRLEN. */
#define HOST_STRLEN 1025 /* NI_MAXHOST */
const char *format_host(const struct ctx *c, int family, const void *addr, char *buf, size_t bufsz);

/* Run one command line (argv without the program name); used by main and
 * batch mode.  Returns an exit status. */
int dispatch(struct ctx *c, int argc, char **argv);
/* Usage of one verb, or of every verb of an object, on stream f. */
void usage_verb(FILE *f, const struct object *o, const struct verb *v);
void usage_object(FILE *f, const struct object *o);
/* The help of each of a verb's words (usage_object prints every verb's). */
void usage_words(FILE *f, const struct object *o, const struct verb *v);

#endif
