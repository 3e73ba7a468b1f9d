// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * maddress: the multicast addresses each device listens to, as `ip
 * maddress` shows and changes them.  The kernel tells them in procfs, one
 * file a family (the namespace's own: /proc/net is per network namespace);
 * a device's link-layer group is joined and left with SIOCADDMULTI and
 * SIOCDELMULTI, as ip does.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core.h"
#include "out.h"

enum { M_ADDR, M_DEV };
enum { MS_DEV };

static const struct arg maddr_args[] = {
    [M_ADDR] = {.kw = "address",
		.kind = ARG_MAC,
		.flags = ARGF_REQUIRED | ARGF_POSITIONAL | ARGF_SUBJECT,
		.metavar = "MAC",
		.help = "the link-layer multicast address (the keyword may be left out)",
		.ip_order = 2},
    [M_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .flags = ARGF_REQUIRED | ARGF_IP_EXACT,
	       .metavar = "NAME",
	       .help = "the device",
	       .ip_order = 1},
};

static const struct arg show_args[] = {
    [MS_DEV] = {.kw = "dev",
		.kind = ARG_IFNAME,
		.flags = ARGF_POSITIONAL | ARGF_IP_EXACT,
		.metavar = "NAME",
		.help = "only this device (the keyword may be left out)"},
};

/* ---- add and del ----------------------------------------------------------- */

static int maddr_ioctl(struct ctx *c, const struct val *v, unsigned long req)
{
	struct ifreq ifr = {0};
	int fd, rc;

	if (strlen(v[M_DEV].str) >= sizeof(ifr.ifr_name))
		return err_usage(c, "invalid device name \"%s\"", v[M_DEV].str);
	memcpy(ifr.ifr_name, v[M_DEV].str, strlen(v[M_DEV].str));
	ifr.ifr_hwaddr.sa_family = AF_UNSPEC;
	memcpy(ifr.ifr_hwaddr.sa_data, v[M_ADDR].mac, sizeof(v[M_ADDR].mac));
	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) < 0)
		return -errno;
	rc = ioctl(fd, req, &ifr) < 0 ? -errno : 0;
	close(fd);
	/* ip says only "ioctl: REASON", exit 1 */
	if (rc < 0 && ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_FAIL, "ioctl: %s", strerror(-rc));
	if (rc == -ENODEV)
		return err_nodev(c, v[M_DEV].str);
	if (rc == -ENOENT)
		return err_errno(c, ENOENT, "%s has not joined that group", v[M_DEV].str);
	return rc;
}

static int maddr_add(struct ctx *c, const struct val *v)
{
	return maddr_ioctl(c, v, SIOCADDMULTI);
}

static int maddr_del(struct ctx *c, const struct val *v)
{
	return maddr_ioctl(c, v, SIOCDELMULTI);
}

/* ---- show ----------------------------------------------------------------- */

/* What the three files say, one group each. */
enum { MA_LINK, MA_INET, MA_INET6 };
struct ma {
	int index, kind;
	char dev[IFNAMSIZ];
	unsigned users;
	bool is_static;		/* MA_LINK: added by hand (ip's "static") */
	unsigned char addr[16]; /* 6 bytes for MA_LINK, else an IPv4 or IPv6 address */
};

struct ma_list {
	struct ma *v;
	size_t n, cap;
};

static int ma_push(struct ma_list *l, const struct ma *m)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct ma *nv = realloc(l->v, cap * sizeof(*nv));

		if (!nv)
			return -ENOMEM;
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n++] = *m;
	return 0;
}

/* Hexadecimal digits into n bytes; false unless exactly 2n digits. */
static bool hex_bytes(const char *s, unsigned char *out, size_t n)
{
	if (strlen(s) != 2 * n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned b;

		if (sscanf(s + 2 * i, "%2x", &b) != 1)
			return false;
		out[i] = (unsigned char)b;
	}
	return true;
}

/* /proc/net/dev_mcast: "INDEX NAME USERS STATIC ADDRESS" (a hex MAC) */
static int read_link(FILE *f, struct ma_list *l)
{
	char line[256], hex[64];
	struct ma m;
	int rc = 0;

	while (rc == 0 && fgets(line, sizeof(line), f)) {
		unsigned st;

		m = (struct ma){.kind = MA_LINK};
		if (sscanf(line, "%d %15s %u %u %63s", &m.index, m.dev, &m.users, &st, hex) == 5 &&
		    hex_bytes(hex, m.addr, 6)) {
			m.is_static = st != 0;
			rc = ma_push(l, &m);
		}
	}
	return rc;
}

/* /proc/net/igmp: a device's line "INDEX NAME : COUNT QUERIER", then its
 * groups' "GROUP USERS TIMER REPORTER", the group in the kernel's byte
 * order, printed as a number. */
static int read_inet(FILE *f, struct ma_list *l)
{
	char line[256], name[IFNAMSIZ] = "";
	int index = 0, rc = 0;

	while (rc == 0 && fgets(line, sizeof(line), f)) {
		struct ma m = {.kind = MA_INET, .index = index};
		unsigned group;
		int i;

		if (line[0] != '\t' && sscanf(line, "%d %15s", &i, name) == 2) {
			index = i;
			continue;
		}
		if (line[0] == '\t' && index && sscanf(line, "%x %u", &group, &m.users) == 2) {
			memcpy(m.addr, &group, sizeof(group));
			memcpy(m.dev, name, sizeof(m.dev));
			rc = ma_push(l, &m);
		}
	}
	return rc;
}

/* /proc/net/igmp6: "INDEX NAME GROUP USERS FLAGS TIMER", the group in hex */
static int read_inet6(FILE *f, struct ma_list *l)
{
	char line[256], hex[64];
	int rc = 0;

	while (rc == 0 && fgets(line, sizeof(line), f)) {
		struct ma m = {.kind = MA_INET6};

		if (sscanf(line, "%d %15s %63s %u", &m.index, m.dev, hex, &m.users) == 4 &&
		    hex_bytes(hex, m.addr, 16))
			rc = ma_push(l, &m);
	}
	return rc;
}

static const struct {
	const char *path;
	int (*read)(FILE *f, struct ma_list *l);
	int family; /* the -4/-6/-0 that shows it */
} ma_files[] = {
    [MA_LINK] = {"/proc/net/dev_mcast", read_link, AF_PACKET},
    [MA_INET] = {"/proc/net/igmp", read_inet, AF_INET},
    [MA_INET6] = {"/proc/net/igmp6", read_inet6, AF_INET6},
};

/* Every device's groups: those of each file read in a family asked for. */
static int ma_read(struct ctx *c, struct ma_list *l)
{
	for (size_t i = 0; i < ARRAY_SIZE(ma_files); i++) {
		FILE *f;
		int rc;

		if (c->family != AF_UNSPEC && c->family != ma_files[i].family)
			continue;
		if (!(f = fopen(ma_files[i].path, "re"))) {
			/* a kernel without IPv6 has no igmp6 */
			if (errno == ENOENT)
				continue;
			return err_errno(c, errno, "cannot read %s", ma_files[i].path);
		}
		rc = ma_files[i].read(f, l);
		fclose(f);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* By device, each device's groups in the files' order (a stable sort). */
static int ma_cmp(const void *a, const void *b)
{
	const struct ma *x = a, *y = b;

	if (x->index != y->index)
		return (x->index > y->index) - (x->index < y->index);
	if (x->kind != y->kind)
		return x->kind - y->kind;
	return (x > y) - (x < y);
}

/* "\tlink  01:00:5e:00:00:01 static", "\tinet6 ff02::1 users 3" */
static void ma_print(struct ctx *c, const struct ma *m)
{
	char buf[INET6_ADDRSTRLEN];

	/* -o: every group on its device's line, after a backslash */
	if (out_is_oneline(c->out)) {
		out_int(c->out, OUT_TEXT, NULL, "%d:", m->index);
		out_str(c->out, OUT_TEXT, NULL, "\t%s\\", m->dev);
	}
	out_obj_open(c->out, NULL);
	if (m->kind == MA_LINK) {
		out_str(c->out, OUT_ANY, "link", "\tlink  %s",
			format_mac(m->addr, 6, buf, sizeof(buf)));
		if (m->is_static)
			out_str(c->out, OUT_ANY, "features", " %s", "static");
	} else {
		int family = m->kind == MA_INET ? AF_INET : AF_INET6;

		out_str(c->out, OUT_ANY, "family", "\t%-5s ",
			m->kind == MA_INET ? "inet" : "inet6");
		out_str(c->out, OUT_ANY, "address", "%s",
			format_addr(family, m->addr, buf, sizeof(buf)));
	}
	if (m->users > 1)
		out_uint(c->out, OUT_ANY, "users", " users %u", m->users);
	out_obj_close(c->out);
	out_nl(c->out);
}

static int maddr_show(struct ctx *c, const struct val *v)
{
	struct ma_list l = {0};
	int rc;

	if ((rc = ma_read(c, &l)) < 0) {
		free(l.v);
		return rc;
	}
	if (l.n)
		qsort(l.v, l.n, sizeof(*l.v), ma_cmp);
	out_list_open(c->out, NULL);
	for (size_t i = 0; i < l.n; i++) {
		const struct ma *m = &l.v[i];
		bool first = i == 0 || l.v[i - 1].index != m->index;
		bool last = i + 1 == l.n || l.v[i + 1].index != m->index;

		/* a device that is not asked for, or gone: as ip, nothing */
		if (v[MS_DEV].set && strcmp(m->dev, v[MS_DEV].str))
			continue;
		/* -o prints no device's line: no device object holds its groups,
		 * so each ends its own line */
		if (first && !out_is_oneline(c->out)) {
			out_obj_open(c->out, NULL);
			out_int(c->out, OUT_JSON, "ifindex", "%d", m->index);
			out_str(c->out, OUT_JSON, "ifname", "%s", m->dev);
			out_int(c->out, OUT_TEXT, NULL, "%d:", m->index);
			out_str(c->out, OUT_TEXT, NULL, "\t%s", m->dev);
			out_nl(c->out);
			out_list_open(c->out, "maddr");
		}
		ma_print(c, m);
		if (last && !out_is_oneline(c->out)) {
			out_list_close(c->out);
			out_obj_close(c->out);
		}
	}
	out_list_close(c->out);
	free(l.v);
	return 0;
}

/* In ip maddress's order (core.h). */
static const struct verb maddress_verbs[] = {
    VERB("add", maddr_add, maddr_args, "join a link-layer multicast group (a static one)"),
    VERB_ALSO("del", verb_del_aliases, maddr_del, maddr_args, "leave a group joined by add"),
    VERB_ALSO("show", verb_show_aliases, maddr_show, show_args,
	      "the multicast groups of each device: link layer, IPv4, IPv6"),
};

VNETCTL_OBJECT_OF(maddress, "show", "multicast addresses of devices")
