// SPDX-License-Identifier: GPL-2.0-or-later
/* Errors, the object registry and the small parsers every module shares. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"
#include "nl.h"

/* ---- the object registry ------------------------------------------------ */

static const struct object *objects[32];
static size_t nobjects;

void object_register(const struct object *o)
{
	size_t i = nobjects;

	if (nobjects == ARRAY_SIZE(objects))
		abort();
	/* keep them sorted, so help and completion list them in order */
	while (i > 0 && strcmp(objects[i - 1]->name, o->name) > 0) {
		objects[i] = objects[i - 1];
		i--;
	}
	objects[i] = o;
	nobjects++;
}

const struct object *objects_find(const char *name)
{
	for (size_t i = 0; i < nobjects; i++)
		if (!strcmp(objects[i]->name, name))
			return objects[i];
	return NULL;
}

const struct object *const *objects_all(size_t *n)
{
	*n = nobjects;
	return objects;
}

/* ---- errors ------------------------------------------------------------- */

int err_usage(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
	return -VN_EUSAGE;
}

int err_fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
	return -VN_EFAIL;
}

int err_errno(struct ctx *c, int errnum, const char *hint, ...)
{
	va_list ap;

	if (hint) {
		va_start(ap, hint);
		vsnprintf(c->hint, sizeof(c->hint), hint, ap);
		va_end(ap);
	}
	return -errnum;
}

int err_nodev(struct ctx *c, const char *name)
{
	snprintf(c->reason, sizeof(c->reason), "no device named \"%s\"", name);
	return -ENODEV;
}

static const char *default_hint(int err)
{
	switch (err) {
	case EPERM:
	case EACCES:
		return "run as root: CAP_NET_ADMIN is needed";
	default:
		return NULL;
	}
}

int err_report(struct ctx *c, int rc, const char *prefix)
{
	int err = -rc;
	const char *reason = c->reason[0] ? c->reason : strerror(err);
	/* the default hint explains a bare EPERM; a reason the kernel gave
	 * ("Device can not be enslaved while up") says what went wrong */
	const char *hint = c->hint[0] ? c->hint : c->reason[0] ? NULL : default_hint(err);

	fprintf(stderr, "vnetctl: %s", prefix ? prefix : "");
	if (c->obj) {
		fputs(c->obj->name, stderr);
		if (c->verb)
			fprintf(stderr, " %s", c->verb->name);
		if (c->subject)
			fprintf(stderr, " %s", c->subject);
		fputs(": ", stderr);
	}
	fputs(reason, stderr);
	if (hint)
		fprintf(stderr, " (%s)", hint);
	fputc('\n', stderr);
	c->reason[0] = c->hint[0] = '\0';
	return err == VN_EUSAGE ? EXIT_USAGE : EXIT_FAIL;
}

/* ---- names, numbers, addresses ------------------------------------------ */

const char *ifname_invalid(const char *name)
{
	size_t len = strlen(name);

	if (len == 0)
		return "empty";
	if (len >= IFNAMSIZ)
		return "longer than 15 bytes";
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return "reserved name";
	for (const char *p = name; *p; p++) {
		if (*p == '/' || *p == ':')
			return "'/' and ':' are not allowed";
		if (isspace((unsigned char)*p))
			return "white space is not allowed";
	}
	return NULL;
}

int parse_u32(const char *s, uint32_t *v)
{
	char *end;
	unsigned long long n;

	if (!*s || *s == '-' || *s == '+' || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno || *end || n > UINT32_MAX)
		return -EINVAL;
	*v = (uint32_t)n;
	return 0;
}

int parse_seconds(const char *s, uint32_t *hundredths)
{
	const char *dot = strchr(s, '.');
	size_t whole = dot ? (size_t)(dot - s) : strlen(s);
	size_t frac = dot ? strlen(dot + 1) : 0;
	unsigned long long v = 0;

	if (whole == 0 || whole > 7 || frac > 2 || (dot && frac == 0))
		return -EINVAL;
	for (size_t i = 0; i < whole; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -EINVAL;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	v *= 100;
	for (size_t i = 0; i < frac; i++) {
		if (!isdigit((unsigned char)dot[1 + i]))
			return -EINVAL;
		v += (unsigned)(dot[1 + i] - '0') * (i == 0 ? 10u : 1u);
	}
	*hundredths = (uint32_t)v;
	return 0;
}

int parse_prefix(const char *s, bool allow_default, int want_family, struct inet_prefix *p)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	uint32_t len;
	int max;

	memset(p, 0, sizeof(*p));
	if (allow_default && (!strcmp(s, "default") || !strcmp(s, "all") || !strcmp(s, "any"))) {
		p->family = want_family;
		p->has_len = true;
		return 0;
	}
	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	if (inet_pton(AF_INET, buf, &p->v4) == 1) {
		p->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, buf, &p->v6) == 1) {
		p->family = AF_INET6;
		max = 128;
	} else {
		return -EINVAL;
	}
	if (want_family != AF_UNSPEC && want_family != p->family)
		return -EAFNOSUPPORT;
	p->len = (uint8_t)max;
	if (slash) {
		const char *d = slash + 1;
		if (!*d || strspn(d, "0123456789") != strlen(d) || strlen(d) > 3)
			return -EINVAL;
		len = (uint32_t)strtoul(d, NULL, 10);
		if (len > (uint32_t)max)
			return -EINVAL;
		p->len = (uint8_t)len;
		p->has_len = true;
	}
	return 0;
}

int parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		if (!isxdigit((unsigned char)s[0]))
			return -EINVAL;
		unsigned v = (unsigned)strtoul(s, NULL, 16);
		s += isxdigit((unsigned char)s[1]) ? 2 : 1;
		if (v > 0xff)
			return -EINVAL;
		mac[i] = (uint8_t)v;
		if (i < 5 && *s++ != ':')
			return -EINVAL;
	}
	return *s ? -EINVAL : 0;
}

const char *format_mac(const uint8_t *mac, size_t len, char *buf, size_t bufsz)
{
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < len && off + 4 <= bufsz; i++)
		off += (size_t)snprintf(buf + off, bufsz - off, "%s%02x", i ? ":" : "", mac[i]);
	return buf;
}

const char *format_addr(int family, const void *addr, char *buf, size_t bufsz)
{
	if (!inet_ntop(family, addr, buf, (socklen_t)bufsz))
		snprintf(buf, bufsz, "?");
	return buf;
}

/* ---- devices and namespaces --------------------------------------------- */

static int getlink_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type == RTM_NEWLINK)
		*(int *)data = ifi->ifi_index;
	return MNL_CB_OK;
}

int link_index(struct ctx *c, const char *name)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	int index = 0;
	int rc;

	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	rc = nl_request(c, nlh, getlink_cb, &index);
	if (rc == -ENODEV)
		return err_nodev(c, name);
	if (rc < 0)
		return rc;
	return index ? index : -ENODEV;
}

const char *netns_dir(void)
{
	return "/run/netns";
}

static int netns_open_path(struct ctx *c, const char *name, bool is_pid);

int netns_open(struct ctx *c, const char *name)
{
	uint32_t pid;

	return netns_open_path(c, name, parse_u32(name, &pid) == 0);
}

int netns_open_named(struct ctx *c, const char *name)
{
	return netns_open_path(c, name, false);
}

static int netns_open_path(struct ctx *c, const char *name, bool is_pid)
{
	char path[PATH_MAX];
	int fd;

	if (is_pid)
		snprintf(path, sizeof(path), "/proc/%s/ns/net", name);
	else
		snprintf(path, sizeof(path), "%s/%s", netns_dir(), name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;
		if (err == ENOENT && is_pid)
			return err_fail(c, "no process with pid %s", name);
		if (err == ENOENT)
			return err_fail(c, "no network namespace named \"%s\"", name);
		return err_errno(c, err, "opening %s", path);
	}
	return fd;
}
