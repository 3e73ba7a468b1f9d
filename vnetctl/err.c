// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Errors as values: a verb returns a negative value with the reason (and a
 * hint) in the ctx, and the top prints ONE line from them.  The bottom of
 * the core: it depends on nothing but the ctx.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "out.h"

/* err_usage and err_fail: the reason from fmt, and the status. */
#define ERR_WITH_STATUS(fn, status)                                                                \
	int fn(struct ctx *c, const char *fmt, ...)                                                \
	{                                                                                          \
		va_list ap;                                                                        \
		va_start(ap, fmt);                                                                 \
		vsnprintf(c->reason, sizeof(c->reason), fmt, ap);                                  \
		va_end(ap);                                                                        \
		return -(status);                                                                  \
	}
ERR_WITH_STATUS(err_usage, VN_EUSAGE)
ERR_WITH_STATUS(err_fail, VN_EFAIL)

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

const char *err_names_explain(int err, const char *dev, const char *made, char *buf, size_t sz)
{
	if (err == -ENODEV && dev)
		snprintf(buf, sz, "no device named \"%s\"", dev);
	else if (err == -EEXIST && made)
		snprintf(buf, sz, "%s (a device named %s exists already)", strerror(EEXIST), made);
	else
		return NULL;
	return buf;
}

const char *err_kind_explain(int err, const char *msg, const char *kind, const char *module,
			     char *buf, size_t sz)
{
	/* all the kernel says when it lacks the kind */
	if (err != -EOPNOTSUPP || !kind || !module || !msg || strcmp(msg, "Unknown device type"))
		return NULL;
	snprintf(buf, sz, "the kernel has no %s support (load the module: modprobe %s)", kind,
		 module);
	return buf;
}

int err_nodev(struct ctx *c, const char *name)
{
	err_names_explain(-ENODEV, name, NULL, c->reason, sizeof(c->reason));
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

/* One error line on stderr, escaped for the terminal: names and reasons
 * come from the user and the kernel. */
void err_line(const char *fmt, ...)
{
	char line[1024], esc[4 * sizeof(line)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	text_escape(esc, sizeof(esc), line);
	fprintf(stderr, "vnetctl: %s\n", esc);
}

/* "object verb subject: " of the command c runs, or "" before there is one. */
static void err_who(const struct ctx *c, char *who, size_t sz)
{
	who[0] = '\0';
	if (c->obj)
		snprintf(who, sz, "%s%s%s%s%s: ", c->obj->name, verb_named(c->verb) ? " " : "",
			 c->verb ? c->verb->name : "", c->subject ? " " : "",
			 c->subject ? c->subject : "");
}

void err_warn(const struct ctx *c, const char *fmt, ...)
{
	char what[512], who[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	err_who(c, who, sizeof(who));
	err_line("%s%swarning: %s", c->where ? c->where : "", who, what);
}

int err_report(struct ctx *c, int rc, const char *prefix)
{
	/* beyond VN_EFAIL is no errno (and -INT_MIN no int): a protocol error */
	int err = rc < -VN_EFAIL ? EPROTO : -rc;
	const char *reason = c->reason[0] ? c->reason : strerror(err);
	/* the default hint explains a bare EPERM; a reason the kernel gave
	 * ("Device can not be enslaved while up") says what went wrong */
	const char *hint = c->hint[0] ? c->hint : c->reason[0] ? NULL : default_hint(err);
	char who[512];

	if (rc == -VN_EREPORTED) {
		c->reason[0] = c->hint[0] = '\0';
		return EXIT_FAIL;
	}
	err_who(c, who, sizeof(who));
	err_line("%s%s%s%s%s%s", prefix ? prefix : "", who, reason, hint ? " (" : "",
		 hint ? hint : "", hint ? ")" : "");
	c->reason[0] = c->hint[0] = '\0';
	return err == VN_EUSAGE ? EXIT_USAGE : EXIT_FAIL;
}
