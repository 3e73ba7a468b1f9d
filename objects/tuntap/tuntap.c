// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tuntap: persistent tun and tap devices, made as `ip tuntap` makes them.
 *
 * The kernel creates these through ioctls on /dev/net/tun, not through
 * rtnetlink: a device is born attached to the file that asked for it and
 * outlives that file only once TUNSETPERSIST is set.  So `add` sets persist
 * last, and a failure at any earlier step leaves nothing behind: closing the
 * file destroys the half-made device.  `del` undoes persist the same way.
 * Reading them back goes through RTM_GETLINK like every other link
 * (IFLA_TUN_* inside IFLA_INFO_DATA).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <linux/capability.h>
#include <linux/if_tun.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core.h"
#include "link.h"
#include "linkdel.h"
#include "nl.h"
#include "nldecode.h"
#include "out.h"
#include "tunholders.h"

#define TUN_PATH "/dev/net/tun"
/* "PID/fdinfo" and the like, PID being a directory entry's name */

/* ---- the arguments ------------------------------------------------------ */

enum { MODE_TUN, MODE_TAP };
static const char *const mode_words[] = {[MODE_TUN] = "tun", [MODE_TAP] = "tap", NULL};
/* TUNSETIFF and IFLA_TUN_TYPE speak of the mode as these bits. */
static const unsigned mode_iff[] = {[MODE_TUN] = IFF_TUN, [MODE_TAP] = IFF_TAP};

/* add takes them all; del and show take the first three (the same indexes). */
enum { A_DEV, A_NAME, A_MODE, A_USER, A_GROUP, A_ONE_QUEUE, A_PI, A_VNET_HDR, A_MULTI_QUEUE };

/* dev, name and mode mean the same to every verb, so they are written once
 * here; only whether mode is required and what it is for differ. */
/* new: add names a device yet to be made; completion offers none (else
 * the existing tun/tap devices) */
#define ARG_DEV_ENTRY(new)                                                                         \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .flags = ARGF_POSITIONAL | ARGF_SUBJECT | (new),  \
		.help = "the device (the keyword may be left out)", .excludes = A_NAME + 1,        \
		.live_kind = "tun"                                                                 \
	}
#define ARG_NAME_ENTRY(new)                                                                        \
	{                                                                                          \
		.kw = "name", .kind = ARG_IFNAME, .flags = ARGF_SUBJECT | (new),                   \
		.help = "the device, as iproute2 also spells it", .live_kind = "tun"               \
	}
#define ARG_MODE_ENTRY(f, h)                                                                       \
	{                                                                                          \
		.kw = "mode", .kind = ARG_ENUM, .flags = (f), .words = mode_words, .help = (h)     \
	}

static const struct arg add_args[] = {
    [A_DEV] = ARG_DEV_ENTRY(ARGF_NEW),
    [A_NAME] = ARG_NAME_ENTRY(ARGF_NEW),
    [A_MODE] = ARG_MODE_ENTRY(ARGF_REQUIRED, "tun carries IP packets, tap Ethernet frames"),
    [A_USER] = {.kw = "user", .kind = ARG_USER, .help = "the user who may attach to it"},
    [A_GROUP] = {.kw = "group", .kind = ARG_GROUP, .help = "the group that may attach to it"},
    [A_ONE_QUEUE] = {.kw = "one_queue",
		     .kind = ARG_FLAG,
		     .help = "accepted for compatibility; the kernel ignores it"},
    [A_PI] = {.kw = "pi",
	      .kind = ARG_FLAG,
	      .help = "prefix each packet with packet information (flags, protocol)"},
    [A_VNET_HDR] = {.kw = "vnet_hdr",
		    .kind = ARG_FLAG,
		    .help = "prefix each packet with a virtio-net header (offloads)"},
    [A_MULTI_QUEUE] = {.kw = "multi_queue",
		       .kind = ARG_FLAG,
		       .help = "let several files attach, one queue each"},
};

static const struct arg del_args[] = {
    [A_DEV] = ARG_DEV_ENTRY(0),
    [A_NAME] = ARG_NAME_ENTRY(0),
    [A_MODE] = ARG_MODE_ENTRY(0, "refuse unless the device has this mode"),
};

static const struct arg show_args[] = {
    [A_DEV] = ARG_DEV_ENTRY(0),
    [A_NAME] = ARG_NAME_ENTRY(0),
    [A_MODE] = ARG_MODE_ENTRY(0, "only devices of this mode"),
};

/* The device named by `dev NAME`, a bare NAME or `name NAME`. */
static const char *arg_ifname(const struct val *v)
{
	return v[A_DEV].set ? v[A_DEV].str : v[A_NAME].set ? v[A_NAME].str : NULL;
}

static int need_ifname(struct ctx *c, const struct arg *args)
{
	return err_usage(c, "missing device: [%s] NAME or %s NAME", args[A_DEV].kw,
			 args[A_NAME].kw);
}

/* ---- a device as the kernel reports it ---------------------------------- */

struct tun_info {
	int mode; /* MODE_TUN, MODE_TAP, or -1 when the kernel did not say */
	bool pi, vnet_hdr, multi_queue, persist;
	bool has_owner, has_group; /* the kernel leaves out an unset owner/group */
	uint32_t owner, group;
	uint32_t numqueues, numdisabled; /* a multi_queue device's queues */
};

static bool attr_flag(const struct nlattr *a)
{
	return a && mnl_attr_get_u8(a);
}

static uint32_t attr_u32(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

static void tun_info_parse(const struct nlattr *data, struct tun_info *t)
{
	const struct nlattr *tb[IFLA_TUN_MAX + 1] = {0};

	memset(t, 0, sizeof(*t));
	t->mode = -1;
	if (!data)
		return;
	nl_parse_nested(data, tb, IFLA_TUN_MAX);
	for (size_t i = 0; tb[IFLA_TUN_TYPE] && i < ARRAY_SIZE(mode_iff); i++)
		if (mnl_attr_get_u8(tb[IFLA_TUN_TYPE]) == mode_iff[i])
			t->mode = (int)i;
	t->pi = attr_flag(tb[IFLA_TUN_PI]);
	t->vnet_hdr = attr_flag(tb[IFLA_TUN_VNET_HDR]);
	t->multi_queue = attr_flag(tb[IFLA_TUN_MULTI_QUEUE]);
	t->persist = attr_flag(tb[IFLA_TUN_PERSIST]);
	t->has_owner = tb[IFLA_TUN_OWNER] != NULL;
	t->has_group = tb[IFLA_TUN_GROUP] != NULL;
	t->owner = attr_u32(tb[IFLA_TUN_OWNER]);
	t->group = attr_u32(tb[IFLA_TUN_GROUP]);
	t->numqueues = attr_u32(tb[IFLA_TUN_NUM_QUEUES]);
	t->numdisabled = attr_u32(tb[IFLA_TUN_NUM_DISABLED_QUEUES]);
}

static const char *tun_mode_word(const struct tun_info *t)
{
	return t->mode >= 0 ? mode_words[t->mode] : "unknown";
}

struct tun_flag {
	const char *word;
	bool on;
};
#define TUN_NFLAGS 4

/* The flags show prints, in ip tuntap's order, named by add's keywords so
 * that what show prints reads back as the add that made it; persist is not
 * a keyword (add always sets it) but is worth seeing. */
static size_t tun_flags(const struct tun_info *t, struct tun_flag f[TUN_NFLAGS])
{
	f[0] = (struct tun_flag){add_args[A_PI].kw, t->pi};
	f[1] = (struct tun_flag){add_args[A_MULTI_QUEUE].kw, t->multi_queue};
	f[2] = (struct tun_flag){add_args[A_VNET_HDR].kw, t->vnet_hdr};
	f[3] = (struct tun_flag){"persist", t->persist};
	return TUN_NFLAGS;
}

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* `tuntap show`: "user 1000 group 1000" as ip tuntap prints them, the same
 * numbers under "user" and "group" in JSON when set; "owner" is the user,
 * null when unset (vnetctl's own key, beside ip's). */
static void print_owner(struct out *o, const struct tun_info *t)
{
	if (t->has_owner)
		out_uint(o, OUT_ANY, add_args[A_USER].kw, " user %u", t->owner);
	if (t->has_group)
		out_uint(o, OUT_ANY, add_args[A_GROUP].kw, " group %u", t->group);
	if (t->has_owner)
		out_uint(o, OUT_JSON, "owner", NULL, t->owner);
	else
		out_null(o, "owner");
}

/* The mode and the flags that are on, as ip tuntap's "flags": words in
 * text, an array in JSON; the mode is under "mode" as well. */
static void print_flags_on(struct out *o, const struct tun_info *t, const char *modefmt)
{
	struct tun_flag f[TUN_NFLAGS];
	size_t n = tun_flags(t, f);

	out_str(o, OUT_JSON, "mode", NULL, tun_mode_word(t));
	out_list_open(o, "flags");
	out_str(o, OUT_ANY, NULL, modefmt, tun_mode_word(t));
	for (size_t i = 0; i < n; i++)
		if (f[i].on)
			out_str(o, OUT_ANY, NULL, " %s", f[i].word);
	out_list_close(o);
}

/* A user or group as ip -d prints it: the name, or the number without one. */
static void print_id_named(struct out *o, const char *key, uint32_t id, bool user)
{
	struct passwd *pw = user ? getpwuid(id) : NULL;
	struct group *gr = user ? NULL : getgrgid(id);
	const char *name = pw ? pw->pw_name : gr ? gr->gr_name : NULL;
	char fmt[32];

	snprintf(fmt, sizeof(fmt), " %s %%s", key);
	if (name) {
		out_str(o, OUT_ANY, key, fmt, name);
		return;
	}
	snprintf(fmt, sizeof(fmt), " %s %%u", key);
	out_uint(o, OUT_ANY, key, fmt, id);
}

static void print_onoff(struct out *o, const char *word, bool on)
{
	out_str(o, OUT_TEXT, NULL, " %s", word);
	out_str(o, OUT_TEXT, NULL, " %s", onoff_words[on]);
	out_bool(o, OUT_JSON, word, "", on);
}

/* The link kind printer, as ip -d prints a tun: `type tap pi off vnet_hdr
 * on multi_queue numqueues 1 numdisabled 0 persist on user nobody`, the
 * same keys and types in JSON ("owner", the user's number, beside them). */
static void tun_kind_print(struct ctx *c, const struct nlattr *data)
{
	struct out *o = c->out;
	struct tun_info t;

	tun_info_parse(data, &t);
	out_str(o, OUT_ANY, "type", " type %s", tun_mode_word(&t));
	print_onoff(o, add_args[A_PI].kw, t.pi);
	print_onoff(o, add_args[A_VNET_HDR].kw, t.vnet_hdr);
	out_bool(o, OUT_JSON, add_args[A_MULTI_QUEUE].kw, "", t.multi_queue);
	if (t.multi_queue) {
		out_str(o, OUT_TEXT, NULL, " %s", add_args[A_MULTI_QUEUE].kw);
		out_uint(o, OUT_ANY, "numqueues", " numqueues %u", t.numqueues);
		out_uint(o, OUT_ANY, "numdisabled", " numdisabled %u", t.numdisabled);
	}
	print_onoff(o, "persist", t.persist);
	if (t.has_owner)
		print_id_named(o, add_args[A_USER].kw, t.owner, true);
	if (t.has_group)
		print_id_named(o, add_args[A_GROUP].kw, t.group, false);
	if (ctx_iproute2(c)) /* ip has no "owner" key */
		return;
	if (t.has_owner)
		out_uint(o, OUT_JSON, "owner", NULL, t.owner);
	else
		out_null(o, "owner");
}

static const struct link_kind tun_kind = {.kind = "tun", .print = tun_kind_print};
VNETCTL_LINK_KIND(tun_kind)

/* ---- finding the devices ------------------------------------------------ */

struct tun_dev {
	char name[IFNAMSIZ];
	struct tun_info t;
};

struct tun_list {
	struct tun_dev *v;
	size_t n;
	bool other;    /* a named lookup found a device of another kind */
	char kind[32]; /* and that kind, "" when it has none */
};

static int collect_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct tun_list *l = data;
	struct tun_dev *v;

	(void)c;
	if (!m->kind || strcmp(m->kind, tun_kind.kind)) {
		snprintf(l->kind, sizeof(l->kind), "%s", m->kind ? m->kind : "");
		return 0;
	}
	v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	l->v = v;
	snprintf(v[l->n].name, sizeof(v[l->n].name), "%s", m->name ? m->name : "");
	tun_info_parse(m->info[IFLA_INFO_DATA], &v[l->n].t);
	l->n++;
	return 0;
}

/* Every tun/tap device, or the one named (an error when it is missing or of
 * another kind).  The list is copied out so that nothing is printed before
 * we know the command succeeds. */
static int tun_collect(struct ctx *c, const char *name, struct tun_list *l)
{
	int rc = link_walk(c, name, collect_cb, l);

	if (rc < 0)
		return rc;
	if (name && l->n == 0 && l->kind[0])
		return err_fail(c, "not a tun/tap device (it is a %s; use link del)", l->kind);
	if (name && l->n == 0)
		return err_fail(c, "not a tun/tap device");
	return 0;
}

/* ---- the tun file ------------------------------------------------------- */

/* In dry run every step is printed and none is taken. */
struct tun_file {
	int fd;
	const char *step; /* the step that failed, for the message */
};

static const struct {
	unsigned bit;
	const char *name;
} iff_names[] = {
    {IFF_TUN, "TUN"},		{IFF_TAP, "TAP"},
    {IFF_NO_PI, "NO_PI"},	{IFF_ONE_QUEUE, "ONE_QUEUE"},
    {IFF_VNET_HDR, "VNET_HDR"}, {IFF_MULTI_QUEUE, "MULTI_QUEUE"},
    {IFF_TUN_EXCL, "TUN_EXCL"},
};

/* "TAP|NO_PI|TUN_EXCL" */
static const char *iff_text(unsigned flags, char *buf, size_t sz)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(iff_names); i++)
		if (flags & iff_names[i].bit && o < sz)
			o += (size_t)snprintf(buf + o, sz - o, "%s%s", o ? "|" : "",
					      iff_names[i].name);
	return buf;
}

static int tf_open(struct ctx *c, struct tun_file *f)
{
	f->step = "open " TUN_PATH;
	f->fd = -1;
	if (ctx_dryrun(c)) {
		dry_step(c, "%s", f->step);
		return 0;
	}
	f->fd = open(TUN_PATH, O_RDWR | O_CLOEXEC);
	return f->fd < 0 ? -errno : 0;
}

/* Attaching to a name makes the device when it does not exist yet (add) and
 * opens it when it does (del). */
static int tf_setiff(struct ctx *c, struct tun_file *f, const char *name, unsigned flags)
{
	struct ifreq ifr;

	f->step = "ioctl TUNSETIFF";
	if (ctx_dryrun(c)) {
		char iff[128];
		dry_step(c, "%s name %s flags %s", f->step, name,
			 iff_text(flags, iff, sizeof(iff)));
		return 0;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	ifr.ifr_flags = (short)flags;
	return ioctl(f->fd, TUNSETIFF, &ifr) < 0 ? -errno : 0;
}

static int tf_set(struct ctx *c, struct tun_file *f, unsigned long req, const char *step,
		  unsigned long arg)
{
	f->step = step;
	if (ctx_dryrun(c)) {
		dry_step(c, "%s %lu", step, arg);
		return 0;
	}
	return ioctl(f->fd, req, arg) < 0 ? -errno : 0;
}
#define TF_SET(c, f, req, arg) tf_set(c, f, req, "ioctl " #req, arg)

/* Closing is the step that destroys a device that is not persistent. */
static void tf_close(struct ctx *c, struct tun_file *f)
{
	if (ctx_dryrun(c))
		dry_step(c, "close");
	else if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
}

static int tf_error(struct ctx *c, const struct tun_file *f, int err)
{
	if (err == -EPERM || err == -EACCES)
		return err_errno(c, -err, "run as root: CAP_NET_ADMIN is needed");
	if (err == -ENOENT || err == -ENODEV)
		return err_errno(c, -err, "%s is missing: load the tun module", TUN_PATH);
	return err_fail(c, "%s: %s", f->step, strerror(-err));
}

/* ---- the verbs ---------------------------------------------------------- */

static unsigned add_iff(const struct val *v)
{
	unsigned flags = mode_iff[v[A_MODE].e] | IFF_TUN_EXCL;

	if (!v[A_PI].set)
		flags |= IFF_NO_PI;
	if (v[A_ONE_QUEUE].set)
		flags |= IFF_ONE_QUEUE;
	if (v[A_VNET_HDR].set)
		flags |= IFF_VNET_HDR;
	if (v[A_MULTI_QUEUE].set)
		flags |= IFF_MULTI_QUEUE;
	return flags;
}

/* Attach, set owner and group, and only then persist. */
static int add_steps(struct ctx *c, struct tun_file *f, const char *name, const struct val *v)
{
	int rc = tf_setiff(c, f, name, add_iff(v));

	/* IFF_TUN_EXCL turns "attach to the existing one" into EBUSY */
	if (rc == -EBUSY)
		return err_errno(c, EEXIST, "a device named %s exists already", name);
	if (!rc && v[A_USER].set)
		rc = TF_SET(c, f, TUNSETOWNER, v[A_USER].u);
	if (!rc && v[A_GROUP].set)
		rc = TF_SET(c, f, TUNSETGROUP, v[A_GROUP].u);
	if (!rc)
		rc = TF_SET(c, f, TUNSETPERSIST, 1);
	return rc < 0 ? tf_error(c, f, rc) : 0;
}

/* The ioctls bypass netlink: in a --force batch, changes earlier lines left
 * waiting in the pipe must land first, and any query flushes them (nl.h).
 * "lo" exists in every namespace, so the query itself cannot fail. */
static int tuntap_add(struct ctx *c, const struct val *v)
{
	const char *name = arg_ifname(v);
	struct tun_file f;
	int rc;

	/* ip lets the kernel name it (tun0, tap0) */
	if (!name && !ctx_iproute2(c))
		return need_ifname(c, add_args);
	if (!name)
		name = "";
	c->subject = name;
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	rc = tf_open(c, &f);
	if (rc < 0)
		return tf_error(c, &f, rc);
	rc = add_steps(c, &f, name, v);
	tf_close(c, &f);
	return rc;
}

/* Attaching to an existing device must repeat its mode and multi_queue, or
 * the kernel refuses; the other flags are repeated so that nothing changes
 * even if a later step fails. */
static unsigned dev_iff(const struct tun_info *t)
{
	unsigned flags = mode_iff[t->mode];

	if (!t->pi)
		flags |= IFF_NO_PI;
	if (t->vnet_hdr)
		flags |= IFF_VNET_HDR;
	if (t->multi_queue)
		flags |= IFF_MULTI_QUEUE;
	return flags;
}

/* Refuse, before touching anything, a device some process holds: a single
 * queue device cannot be attached twice, and a multi_queue one would only
 * lose persist and live on. */
static int del_check(struct ctx *c, const struct tun_dev *d, const struct val *v)
{
	struct holders h = {0};
	char who[256];

	if (d->t.mode < 0)
		return err_fail(c, "the kernel did not report the device's mode");
	if (v[A_MODE].set && v[A_MODE].e != d->t.mode)
		return err_fail(c, "it is a %s device, not a %s one", mode_words[d->t.mode],
				mode_words[v[A_MODE].e]);
	holders_scan(&h);
	holders_format(&h, d->name, who, sizeof(who));
	holders_free(&h);
	if (who[0])
		return err_errno(c, EBUSY, "held open by %s; stop it, or force with link del", who);
	return 0;
}

static int del_steps(struct ctx *c, const struct tun_dev *d)
{
	struct tun_file f;
	int rc = tf_open(c, &f);

	if (rc < 0)
		return tf_error(c, &f, rc);
	rc = tf_setiff(c, &f, d->name, dev_iff(&d->t));
	if (!rc)
		rc = TF_SET(c, &f, TUNSETPERSIST, 0);
	tf_close(c, &f);
	/* a single queue device already attached to someone we could not see */
	if (rc == -EBUSY)
		return err_errno(c, EBUSY, "held open by another process");
	return rc < 0 ? tf_error(c, &f, rc) : 0;
}

/* Whether this process may delete any device (RTM_DELLINK); a device's
 * owner without it deletes through the tun file. */
static bool net_admin(void)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3] = {0};

	if (syscall(SYS_capget, &h, d) < 0)
		return false;
	return d[CAP_NET_ADMIN / 32].effective & (1U << (CAP_NET_ADMIN % 32));
}

/* In a batch, a device that passes the checks is gathered with the batch's
 * other del lines and deleted with them in one pass of the kernel
 * (linkdel.h): with no process holding it, that is what turning persist off
 * does.  That needs CAP_NET_ADMIN, which a device's owner may lack.  Otherwise, or when it fails a
 * check (after the gathered lines took effect), it is looked up again and goes alone. */
static int tuntap_del(struct ctx *c, const struct val *v)
{
	const char *name = arg_ifname(v);
	struct tun_list l = {0};
	int rc;

	if (!name)
		return need_ifname(c, del_args);
	c->subject = name;
	if (c->delq && !ctx_dryrun(c) && net_admin()) {
		char *names[] = {(char *)name};

		rc = tun_collect(c, name, &l);
		if (rc == 0)
			rc = del_check(c, &l.v[0], v);
		free(l.v);
		l = (struct tun_list){0};
		if (rc == 0)
			rc = link_del_names(c, names, 1, "tun", "use link del");
		else if (delq_flush(c) != EXIT_OK && !(c->flags & CTX_FORCE))
			rc = -VN_EREPORTED;
		else
			rc = 1;
		if (rc <= 0)
			return rc;
		c->reason[0] = c->hint[0] = '\0';
	}
	rc = tun_collect(c, name, &l);
	if (rc == 0)
		rc = del_check(c, &l.v[0], v);
	if (rc == 0)
		rc = del_steps(c, &l.v[0]);
	free(l.v);
	if (rc == 0 && !ctx_dryrun(c) && if_nametoindex(name))
		return err_fail(c, "persist is off, but something still holds it open");
	return rc;
}

static void print_brief(struct out *o, const struct tun_dev *d)
{
	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%-16s", d->name);
	print_flags_on(o, &d->t, " %-4s");
	out_nl(o);
	out_obj_close(o);
}

/* tun0: tun pi persist user 1000 group 1000 Attached to processes: cat(123) */
static void print_full(struct out *o, const struct tun_dev *d, const struct holders *h)
{
	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s:", d->name);
	print_flags_on(o, &d->t, " %s");
	print_owner(o, &d->t);
	print_holders(o, h, d->name, true);
	out_nl(o);
	out_obj_close(o);
}

/* Under ip's name, ip tuntap show's line: the flags as ip reads them, from
 * sysfs's tun_flags (where the kernel keeps one_queue, which netlink does
 * not report), "filter" where IFF_NOFILTER (IFF_NO_PI's bit) is clear, as
 * ip prints it; the owner and group as numbers; with -d the processes on a
 * line of their own.  A device whose flags cannot be read is skipped with
 * ip's line. */
static const struct {
	unsigned bit;
	int arg;    /* the keyword that names it; -1: persist, -2: filter */
	bool clear; /* printed when the bit is clear */
} ip_tun_flags[] = {
    {IFF_NO_PI, A_PI, true},	       {IFF_ONE_QUEUE, A_ONE_QUEUE, false},
    {IFF_VNET_HDR, A_VNET_HDR, false}, {IFF_MULTI_QUEUE, A_MULTI_QUEUE, false},
    {IFF_PERSIST, -1, false},	       {IFF_NOFILTER, -2, true},
};

static void print_ip_line(struct ctx *c, const struct tun_dev *d, const struct holders *h)
{
	struct out *o = c->out;
	char path[64], buf[32];
	unsigned long flags;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/net/%s/tun_flags", d->name);
	if (!(f = fopen(path, "r")) || !fgets(buf, sizeof(buf), f)) {
		fprintf(stderr, "fopen %s: %s\n", path, strerror(f ? EIO : errno));
		if (f)
			fclose(f);
		return;
	}
	fclose(f);
	flags = strtoul(buf, NULL, 16);
	out_obj_open(o, NULL);
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "%s:", d->name);
	out_list_open(o, "flags");
	out_str(o, OUT_ANY, NULL, " %s", mode_words[flags & IFF_TAP ? MODE_TAP : MODE_TUN]);
	for (size_t i = 0; i < ARRAY_SIZE(ip_tun_flags); i++)
		if (!(flags & ip_tun_flags[i].bit) == ip_tun_flags[i].clear)
			out_str(o, OUT_ANY, NULL, " %s",
				ip_tun_flags[i].arg >= 0    ? add_args[ip_tun_flags[i].arg].kw
				: ip_tun_flags[i].arg == -1 ? "persist"
							    : "filter");
	out_list_close(o);
	if (d->t.has_owner)
		out_uint(o, OUT_ANY, add_args[A_USER].kw, " user %u", d->t.owner);
	if (d->t.has_group)
		out_uint(o, OUT_ANY, add_args[A_GROUP].kw, " group %u", d->t.group);
	if (ctx_details(c)) {
		out_nl(o);
		out_text(o, "\t%s", "Attached to processes:");
		print_holders(o, h, d->name, false);
	}
	out_nl(o);
	out_obj_close(o);
}

static int tuntap_show(struct ctx *c, const struct val *v)
{
	const char *name = arg_ifname(v);
	struct tun_list l = {0};
	struct holders h = {0};
	int rc;

	if (name)
		c->subject = name;
	rc = tun_collect(c, ctx_iproute2(c) ? NULL : name, &l);
	if (rc == 0) {
		if (!ctx_brief(c) || ctx_iproute2(c))
			holders_scan(&h);
		out_list_open(c->out, NULL);
		for (size_t i = 0; i < l.n; i++) {
			if (ctx_iproute2(c)) { /* ip shows every device, whatever the filter */
				print_ip_line(c, &l.v[i], &h);
				continue;
			}
			if (v[A_MODE].set && l.v[i].t.mode != v[A_MODE].e)
				continue;
			if (ctx_brief(c))
				print_brief(c->out, &l.v[i]);
			else
				print_full(c->out, &l.v[i], &h);
		}
		out_list_close(c->out);
	}
	holders_free(&h);
	free(l.v);
	return rc;
}

/* In ip tuntap's order, with its spellings (core.h). */
static const struct verb tuntap_verbs[] = {
    VERB("add", tuntap_add, add_args, "make a persistent tun or tap device"),
    VERB_DEL(tuntap_del, del_args,
	     "delete a tun or tap device (a batch's del lines go in one pass of the kernel)"),
    VERB_ALSO("show", verb_show_aliases, tuntap_show, show_args,
	      "list tun and tap devices, their flags, owners and users"),
};

VNETCTL_OBJECT_OF(tuntap, "show", "tun and tap devices")
