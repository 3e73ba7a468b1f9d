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
/* trace --verify: the kernel's verdict was not the prediction's */
enum { EXIT_DISAGREE = 3 };
/* Under iproute2's names, ip's: the kernel refused (ip returns -2 from the
 * command, negated), the command line was wrong (ip's exit(-1)). */
enum { EXIT_IP_KERNEL = 2, EXIT_IP_USAGE = 255 };

/* Error values beyond errno's range: the reason is already in the ctx. */
#define VN_EUSAGE    4096 /* the command line was wrong; nothing was sent */
#define VN_EFAIL     4097 /* the operation failed; reason set by the module */
#define VN_EREPORTED 4098 /* failed, and its one line is printed already */
/* Under iproute2's names, c->reason is that program's own line for it
 * ("Object "x" is unknown, try "ip help".") and the status ip's: 1, 255. */
#define VN_EIP_FAIL  4099
#define VN_EIP_USAGE 4100
/* trace --verify: the probe contradicted the prediction (exit 3) */
#define VN_EDISAGREE 4101

/* ---- argument tables ---------------------------------------------------- */

enum arg_kind {
	ARG_FLAG,     /* keyword alone: sets .set */
	ARG_IFNAME,   /* an interface name (1..15 bytes, no '/', ':' or space) */
	ARG_STRING,   /* any text */
	ARG_U32,      /* a number within [min, max], or one of .words (.values) */
	ARG_ENUM,     /* one of .words; the value is its index */
	ARG_ADDR,     /* an IPv4 or IPv6 address, or one of .words (no address) */
	ARG_PREFIX,   /* ADDR[/PLEN], or "default" when ARGF_DEFAULT */
	ARG_MAC,      /* six colon-separated hex bytes */
	ARG_USER,     /* user name or number */
	ARG_GROUP,    /* group name or number */
	ARG_NETNS,    /* a named namespace, or a pid */
	ARG_REST,     /* every remaining word, verbatim */
	ARG_ONOFF,    /* on|off: .e is 1 or 0 */
	ARG_KIND,     /* a link kind, then every remaining word: that kind's (.rest) */
	ARG_NEST,     /* every remaining word, parsed against .sub (veth's peer) */
	ARG_RANGE,    /* two numbers MIN MAX within [min, max], MIN <= MAX: .range */
	ARG_SPAN,     /* N or N-M, N <= M, within [min, max]: .u is N, .hi is M (N alone: N) */
	ARG_ADDRS,    /* ADDR[,ADDR...]: up to .max (or ARG_ADDRS_MAX) distinct addresses */
	ARG_MARK,     /* N[/MASK], numbers of 32 bits: .u is N, .hi the mask (all ones alone) */
	ARG_PAIR,     /* [A/]B, each in [min, max] or one of .words: .u is B, .hi A (0 alone) */
	ARG_KEY,      /* a 32-byte key in base64 (44 characters, as wg prints it): .key */
	ARG_ENDPOINT, /* ADDR:PORT or [ADDR6]:PORT, or HOST:PORT resolved: .ip, .hi the port */
	/* route: a time, N[.F] with s|sec|secs|ms|msec|msecs or none (ip's
	 * rtt): .u milliseconds (N, truncated, when no unit), .hi 1 with a unit */
	ARG_MSEC,
	/* nexthop: ID[,WEIGHT][/ID[,WEIGHT]...], ids from 1, weights 1 to .max
	 * (1 when left out): .weights, nrest of them */
	ARG_WEIGHTS,
	/* a keyword that may come again, each time with one word (ip link
	 * property's altname A altname B): .strs, nrest of them, up to .max
	 * (or ARG_STRINGS_MAX) */
	ARG_STRINGS,
	/* tc's measures (qdisc): one word or more, each read by a letter of
	 * .units -- t a time (ns; no unit is microseconds), r a rate (bytes a
	 * second, from tc's bit and byte rates), s a size (bytes), p a
	 * percentage (of UINT32_MAX, as netem takes it), n a number, i a
	 * signed one (its int64_t in .m.n).  The
	 * first word is required; each later one is taken when it begins as a
	 * number does.  A first word among .words (loss's random|state|
	 * gemodel) comes before them: .word is its index + 1.  .m.n, nrest of
	 * them; .m.w the words as typed (the leading word first). */
	ARG_UNITS,
	/* tc's handle, MAJ:MIN in hexadecimal (1:, 1:10, :5, 10), or one of
	 * .words, which stands for its .values (root): .u */
	ARG_TCHANDLE,
	/* a 64-bit number in hexadecimal, 0x optional, up to 16 digits (a
	 * MACsec SCI): .u64 */
	ARG_HEX64,
	/* N[/N...]: up to ARG_WEIGHTS_MAX numbers within [min, max] (an MPLS
	 * label stack): .nums, nrest of them */
	ARG_LABELS,
};

/* The most measures one ARG_UNITS value holds. */
#define ARG_UNITS_MAX 6

/* The most addresses one ARG_ADDRS value holds. */
#define ARG_ADDRS_MAX 16
/* The most words one ARG_STRINGS value holds. */
#define ARG_STRINGS_MAX 16
/* The most members one ARG_WEIGHTS value holds. */
#define ARG_WEIGHTS_MAX 64

#define ARGF_REQUIRED	0x01   /* must be given */
#define ARGF_POSITIONAL 0x02   /* a word that matches no keyword fills it */
#define ARGF_SUBJECT	0x04   /* names the thing in error messages */
#define ARGF_DEFAULT	0x08   /* ARG_PREFIX also takes "default" */
#define ARGF_NEW	0x10   /* ARG_IFNAME names a device yet to be made */
#define ARGF_DEVICES	0x20   /* ARG_REST words are device names (completion) */
#define ARGF_HEX	0x40   /* ARG_U32 is read in hexadecimal, 0x optional: "10" is 16 */
#define ARGF_DOTTED	0x80   /* ARG_U32 also takes a dotted quad: "1.2.3.4" is 16909060 */
#define ARGF_NUMBERED	0x100  /* ARG_ENUM also takes a word's index, in decimal (mode 4) */
#define ARGF_IPV4	0x200  /* ARG_ADDR, ARG_ADDRS: IPv4 addresses only */
#define ARGF_UNICAST	0x400  /* ARG_MAC: a device's own address, not multicast nor zero */
#define ARGF_ALL	0x800  /* ARG_FLAG that the global -a/--all sets (netns del, exec) */
#define ARGF_PREFIXES	0x1000 /* ARG_ADDRS: each may be a prefix, ADDR/PLEN */
#define ARGF_IP_EXACT                                                                              \
	0x2000		    /* under iproute2's names, taken only spelled in full                  \
			     * (ip reads it with strcmp, not matches) */
#define ARGF_KW_ENDS 0x4000 /* ARG_REST ends at a keyword in full, as ARGF_DEVICES does */
/* route: a positional ARG_ENUM filled only by one of its .words spelled whole,
 * before any positional after it is ("ip route add blackhole 10.0.0.0/8") */
#define ARGF_WORD_POS	0x10000
#define ARGF_NEST_EMPTY 0x80000 /* ARG_NEST may come last, with no words (bridge fdb show) */
/* ARG_ADDR also takes a MAC address (an IP address first, as bridge mdb's
 * grp): .ip.family AF_PACKET, the six bytes in .ip.bytes */
#define ARGF_OR_MAC 0x20000
/* ARGF_REQUIRED under vnetctl's name only: ip sends the request without it,
 * and the kernel answers (ip address del dev X, with no address) */
#define ARGF_IP_OPTIONAL 0x40000
/* ARG_MAC under iproute2's names: what ip reads as a link-layer address
 * (neigh's lladdr): colon-separated hex numbers, as many as typed, or a
 * dotted quad; .lladdr holds .nrest bytes (.nrest 0: .mac, six) */
#define ARGF_IP_LLADDR 0x100000
/* ARG_NEST whose words end at the first that is none of .sub's keywords in
 * full, the line going on after it (route's encap: encap mpls 200 via GW) */
#define ARGF_NEST_OWN 0x200000
/* a word of vnetctl's own that ip has not (link set's impairment): under
 * iproute2's names it is no keyword */
#define ARGF_NOT_IP 0x400000

struct arg {
	const char *kw;	   /* the keyword, spelled here and nowhere else */
	const char *alias; /* another accepted spelling (iproute2's "brd") */
	/* more spellings still, NULL-terminated (route's metric is ip's
	 * "priority" too); arg_alias() walks .alias and these */
	const char *const *aliases;
	enum arg_kind kind;
	unsigned flags;
	/* ARG_ENUM: the allowed words; ARG_U32, ARG_ADDR: words taken instead
	 * of a value ("inherit", "any"), exactly as spelled.  NULL-terminated. */
	const char *const *words;
	const uint32_t *values; /* ARG_U32: the number each of .words stands for */
	uint32_t min, max;	/* ARG_U32, ARG_RANGE: the bounds; ARG_ADDRS: max addresses */
	const char *metavar;	/* the value's name in usage, e.g. "NAME" */
	const char *help;
	int excludes;		  /* index+1 of an argument this one conflicts with */
	const int *excludes_more; /* more such index+1 values, ending in 0 */
	const char *live_kind;	  /* ARG_IFNAME: complete only devices of these kinds
				   * (one, or several blank-separated) */
	const struct arg *sub;	  /* ARG_NEST: the nested group's own table */
	size_t nsub;
	/* a word that may come between the keyword and its value ("mtu lock
	 * 1300"; several blank-separated): .prefixed in the value says it was given */
	const char *prefix;
	const char *units; /* ARG_UNITS: a letter for each word, "ttp" */
	/* Under iproute2's names, where ip's parser tries this keyword among
	 * the verb's: 1 first.  An abbreviation several keywords share is the
	 * one with the lowest; 0 (unranked) comes after every ranked one, in
	 * table order.  See "vnetctl under iproute2's names" below. */
	uint8_t ip_order;
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
		uint8_t lladdr[32];    /* ARG_MAC with ARGF_IP_LLADDR: nrest of them */
		char *const *rest;     /* ARG_REST: NULL-terminated */
		struct {
			uint32_t low, high;
		} range;			       /* ARG_RANGE */
		struct inet_prefix ips[ARG_ADDRS_MAX]; /* ARG_ADDRS: nrest of them */
		uint8_t key[32];		       /* ARG_KEY */
		struct {
			uint32_t id;
			uint16_t weight;
		} weights[ARG_WEIGHTS_MAX];	   /* ARG_WEIGHTS: nrest of them */
		const char *strs[ARG_STRINGS_MAX]; /* ARG_STRINGS: nrest of them */
		struct {
			uint64_t n[ARG_UNITS_MAX];
			const char *w[ARG_UNITS_MAX + 1];
		} m;				/* ARG_UNITS: nrest measures and their words */
		uint64_t u64;			/* ARG_HEX64 */
		uint32_t nums[ARG_WEIGHTS_MAX]; /* ARG_LABELS: nrest of them */
	};
	uint32_t hi;   /* ARG_SPAN: the last number (.u the first); ARG_MARK: the mask;
			* ARG_PAIR: the first (.u the second); ARG_ENDPOINT: the port */
	int nrest;     /* ARG_REST's words, ARG_ADDRS's addresses, ARG_WEIGHTS' members,
			* ARG_STRINGS' words */
	int word;      /* ARG_U32, ARG_ADDR: the index + 1 in .words of the word given
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
	/* Under ip's name, `OBJECT help WORD` (ip link help KIND): print WORD's
	 * usage on stdout and return 0, or -1 when WORD is none it knows. */
	int (*help_word)(const char *word);
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
/* show, also spelled list and lst (ip's spellings) */
extern const char *const verb_show_aliases[];
/* The verb of o named exactly w (an alias too), or NULL (core/util.c). */
const struct verb *verb_exact(const struct object *o, const char *w);
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
	    .name = #obj, VERB_TABLE(obj##_verbs), .default_verb = (dflt), .help = (h)};           \
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
#define CTX_STATS   0x80    /* -s: link statistics */
#define CTX_STATS2  0x100   /* -s -s: and the error details */
#define CTX_ONELINE 0x200   /* -o: each record on one line */
#define CTX_RESOLVE 0x400   /* -r: addresses printed as host names */
#define CTX_ALL	    0x800   /* -a: every named namespace (netns exec, del) */
#define CTX_TSTAMP  0x1000  /* -t: monitor events timestamped */
#define CTX_TSHORT  0x2000  /* -ts: in the short form */
#define CTX_HUMAN   0x4000  /* -human: -s counters as 1.50k, 2.30M (ip's print_num) */
#define CTX_IEC	    0x8000  /* -iec: with -human, in powers of 1024 (1.46Ki) */
#define CTX_ECHO    0x10000 /* -echo: print each change as the kernel echoes it */
#define CTX_NUMERIC 0x20000 /* ip's -Numeric: protocols, scopes, tables as numbers */

/*
 * ---- vnetctl under iproute2's names ----------------------------------------
 *
 * Called `ip` or `bridge` (argv[0]'s basename: the links the package puts in
 * /usr/lib/vnetctl/ip/), vnetctl is that program, so that a script run with
 * that directory first on PATH runs unchanged.  main sets c->persona once;
 * under vnetctl's name nothing differs.
 *
 * The core does, for every object (a module does nothing for these):
 *  - objects: ip's command table (persona.c, in ip/ip.c's order) resolves
 *    `ip a` to address, `ip n` to neighbor, `ip m` to maddress (which
 *    vnetctl lacks: said so) -- an abbreviation is the first name of the
 *    table it begins, never ambiguous.  The table's names that are not an
 *    object's own (address, neighbour, tunl, tap) are aliases under every
 *    name: `vnetctl address show` works too.  A new object named as ip
 *    names it (nexthop, maddress) is found there with nothing to change.  Under bridge's name,
 *bridge(8)'s table names verbs of vnetctl's `bridge` object (`bridge fdb show` is `vnetctl bridge
 *fdb show`, `bridge link` is `vnetctl bridge port`).
 *  - verbs: an object's verb table is read in its order, and a verb word is
 *    the first verb whose name or alias it begins (`ip link s` is set).
 *  - keywords, and the words of an ARG_ENUM value: the first match in ip's
 *    order (below), never "ambiguous".
 *  - options: ip's spellings by ip's rules (dispatch.c, gopts).
 *  - errors: the kernel's refusal as ip words it, "RTNETLINK answers: File
 *    exists" or "Error: <its extended ACK message>.", exit 2; a device that
 *    does not exist "Cannot find device "X"", exit 1; a wrong command line,
 *    vnetctl's line, exit 255 (ip's invarg and usage); another failure,
 *    vnetctl's line, exit 1.  err_report does it from c->refused, which the
 *    netlink layer and err_nodev fill: a verb needs no code for it.
 *  - `-batch FILE` reads ip's grammar (ip's makeargs: quotes only around a
 *    whole word, no backslash escapes, `#` anywhere begins a comment, a
 *    line ending in a backslash goes on), and after a failing line says
 *    "Command failed FILE:LINE"; a wrong line ends the batch, exit 255.
 *
 * A module that is one of ip's objects does three things:
 *  1. Verb order and spellings: list the verbs in ip's order (the order of
 *     the if-chain of do_ipX() in iproute2's ip/ipX.c), ip's other spellings
 *     as aliases (VERB_ALSO with {"list", "lst", NULL}); verbs ip has not come
 *     after ip's.  ip link: add, set (change), replace, delete, show (lst,
 *     list): `ip link s` is set.
 *  2. Keyword order: .ip_order in each struct arg, from the order of the
 *     matches()/strcmp() chain of ip's parser for that verb (1 first), so
 *     that `br` is broadcast in `ip addr add`; ARGF_IP_EXACT for a keyword
 *     ip compares with strcmp() ("dev" in ip addr add).  Unranked keywords
 *     come after the ranked ones, in table order.  The words of an ARG_ENUM
 *     value go in their list's order: list them in ip's.  kind.h's
 *     enum link_word_ip_order is the worked example (iplink_parse(): `ip
 *     link set dev x m br0` is master, mtu only spelled whole).  A name
 *     still expected is a name, as under vnetctl's name: `ip link add a
 *     type veth` makes a, where ip would read a as address.
 *  3. Behaviour that must differ (ip's defaults where vnetctl chose better
 *     ones): test the personality,
 *
 *	if (ctx_iproute2(c)) ... as ip does ...     (ip or bridge)
 *	if (c->persona == PERSONA_IP) ...           (ip only)
 *
 *     (vxlan.c: no dstport is the kernel's port, with ip's warning), and say
 *     so in vnetctl(8)'s UNDER IP'S NAME and the object's page: under
 *     vnetctl's name vnetctl keeps its own behaviour.  ip's other wordings
 *     have their calls: err_nodev_shown() for a show's missing device ("Device
 *     "X" does not exist."), err_iproute2() for a line ip prints as it is,
 *     with ip's status (1 or 255).
 */
enum persona {
	PERSONA_VNETCTL, /* vnetctl's own grammar, messages and exit statuses */
	PERSONA_IP,	 /* iproute2's ip */
	PERSONA_BRIDGE,	 /* iproute2's bridge(8) */
};

/* The kernel's refusal of the request that failed last, for ip's wording:
 * set by the netlink layer from the NLMSG_ERROR (err_refused), and by
 * err_nodev for a device that does not exist. */
struct refusal {
	int err;       /* positive errno; 0: none */
	char msg[256]; /* its extended ACK message, "" without one */
	char dev[64];  /* the device the request named, "" for none */
	bool shown;    /* ENODEV of a show's device: ip's "Device "X" does not exist." */
	int line;      /* a batch's line it came from, 0 when unknown */
	bool dump;     /* it ended a dump: ip says "Dump terminated" after it */
};

struct ctx {
	unsigned flags;
	enum persona persona; /* the program's name: set once, by main */
	/* Under iproute2's names, the status its program exits with when this
	 * verb's request fails, where that is not its usual one (bridge fdb
	 * get returns -2: 254); 0: the usual. */
	int ip_fail_status;
	/* -4 / -6, AF_UNSPEC when neither; ip's -0 (-f link) AF_PACKET, -M
	 * AF_MPLS, -B AF_BRIDGE: a verb of IPv4 and IPv6 only refuses those */
	int family;
	unsigned rcvbuf; /* -rcvbuf: the sockets' receive buffer in bytes, 0: default */
	struct refusal refused;
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
	 * (err_names_explain); set around nl_request by the verbs.  The kind
	 * it makes and that kind's module, likewise for a kernel without the
	 * kind (err_kind_explain); set by link_create. */
	const char *req_dev, *req_new;
	const char *req_kind, *req_module;
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
/* Called ip or bridge: iproute2's grammar, wording and exit statuses. */
static inline bool ctx_iproute2(const struct ctx *c)
{
	return c->persona != PERSONA_VNETCTL;
}

/* Errors: each returns the negative value a verb returns. */
int err_usage(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int err_fail(struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A save's binary stream goes to stdout, never to a terminal: 0, or the
 * refusal in ip's words under its name, in vnetctl's under its own. */
int err_save_tty(struct ctx *c);
/* -errnum, with a hint for the user (may be NULL). */
int err_errno(struct ctx *c, int errnum, const char *hint, ...)
    __attribute__((format(printf, 3, 4)));
/* -ENODEV, saying no device has that name (under ip's name: "Cannot find
 * device "NAME"", exit 1). */
int err_nodev(struct ctx *c, const char *name);
/* The same for the device a show names: ip's show says "Device "NAME" does
 * not exist." (ip/ipaddress.c), exit 1. */
int err_nodev_shown(struct ctx *c, const char *name);
/* Under iproute2's names: the program's own line (VN_EIP_FAIL or
 * VN_EIP_USAGE, its exit status 1 or 255), printed as it is. */
int err_iproute2(struct ctx *c, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Note the kernel's refusal (err < 0, its extended ACK message or NULL, the
 * device the request named or NULL, a batch's line or 0) in c->refused. */
void err_refused(struct ctx *c, int err, const char *msg, const char *dev, int line);
/* Under iproute2's names: a refusal's line as ip prints it (on stderr), and
 * the status ip exits with for it (2; 1 for a device that does not exist). */
void err_refusal_print(const struct refusal *r);
int err_refusal_status(const struct refusal *r);
/* Print the one error line for rc (<0) and return the exit status. */
/* "vnetctl: " and the line, escaped for the terminal (text_escape). */
void err_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A failed request's reason from the devices it names: "no device named
 * \"X\"" for ENODEV, "File exists (a device named X exists already)" for
 * EEXIST; NULL when the kernel's answer says it better. */
const char *err_names_explain(int err, const char *dev, const char *made, char *buf, size_t sz);
/* A request to make a device of kind refused with only "Unknown device
 * type": "the kernel has no KIND support (load the module: modprobe
 * MODULE)"; NULL when that was not the answer (msg: the kernel's). */
const char *err_kind_explain(int err, const char *msg, const char *kind, const char *module,
			     char *buf, size_t sz);
int err_report(struct ctx *c, int rc, const char *prefix);
/* A line that does not stop the command: "vnetctl: [where]object verb
 * subject: warning: " and fmt's text, escaped as err_line's. */
void err_warn(const struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- helpers shared by modules ------------------------------------------ */

/* NULL when name is a valid interface name, else why not. */
const char *ifname_invalid(const char *name);
/* Look a device up by name with a kernel-filtered RTM_GETLINK.  Returns the
 * ifindex (>0) or a negative error with the reason set. */
int link_index(struct ctx *c, const char *name);
/* Whether name stands for a process's id: a number no namespace is named
 * (ip takes a name first, and `netns add 42` is allowed). */
bool netns_is_pid(const char *name);
/* Enter the named namespace (or pid: netns_is_pid); the fd is returned, or
 * -errno. */
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
/* Run verb v of object o with values parsed already (args_fill, args.h):
 * as dispatch does once the line is parsed, with no second parse. */
int dispatch_parsed(struct ctx *c, const struct object *o, const struct verb *v,
		    const struct val *vals);
/* Usage of one verb, or of every verb of an object, on stream f. */
void usage_verb(FILE *f, const struct object *o, const struct verb *v);
void usage_object(FILE *f, const struct object *o);
/* The help of each of a verb's words (usage_object prints every verb's). */
void usage_words(FILE *f, const struct object *o, const struct verb *v);

#endif
