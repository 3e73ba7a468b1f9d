// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Errors as values: a verb returns a negative value with the reason (and a
 * hint) in the ctx, and the top prints ONE line from them.  The bottom of
 * the core: it depends on nothing but the ctx.
 */
#include <errno.h>
#include <stdarg.h>
#include <unistd.h>
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

int err_iproute2(struct ctx *c, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
	return -code;
}

int err_save_tty(struct ctx *c)
{
	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ctx_iproute2(c))
		return err_iproute2(c, VN_EIP_FAIL, "Not sending a binary stream to stdout");
	return err_usage(c, "not writing a binary dump to a terminal (redirect it to a file)");
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

void err_refused(struct ctx *c, int err, const char *msg, const char *dev, int line)
{
	c->refused.err = -err;
	snprintf(c->refused.msg, sizeof(c->refused.msg), "%s", msg ? msg : "");
	snprintf(c->refused.dev, sizeof(c->refused.dev), "%s", dev ? dev : "");
	c->refused.line = line;
	c->refused.shown = false;
	c->refused.dump = false;
}

int err_nodev(struct ctx *c, const char *name)
{
	err_names_explain(-ENODEV, name, NULL, c->reason, sizeof(c->reason));
	err_refused(c, -ENODEV, NULL, name, c->refused.line);
	return -ENODEV;
}

int err_nodev_shown(struct ctx *c, const char *name)
{
	int rc = err_nodev(c, name);

	c->refused.shown = true;
	return rc;
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

/* vnetctl's one line: "OBJECT VERB NAME: REASON (HINT)". */
static int report_vnetctl(struct ctx *c, int rc, const char *prefix)
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
	if (rc == -VN_EDISAGREE)
		return EXIT_DISAGREE;
	return err == VN_EUSAGE ? EXIT_USAGE : EXIT_FAIL;
}

/* iproute2's words for a kernel's refusal: its message as ip's extended
 * ACK printer gives it ("Error: MSG." with the full stop ip adds where the
 * kernel put none), else lib/libnetlink.c's "RTNETLINK answers: ...". */
void err_refusal_print(const struct refusal *r)
{
	char esc[4 * sizeof(r->msg)];
	size_t n = strlen(r->msg);

	if (r->err == ENODEV && r->dev[0]) {
		text_escape(esc, sizeof(esc), r->dev);
		fprintf(stderr,
			r->shown ? "Device \"%s\" does not exist.\n"
				 : "Cannot find device \"%s\"\n",
			esc);
	} else if (n) {
		text_escape(esc, sizeof(esc), r->msg);
		fprintf(stderr, "Error: %s%s\n", esc, r->msg[n - 1] == '.' ? "" : ".");
	} else {
		fprintf(stderr, "RTNETLINK answers: %s\n", strerror(r->err));
	}
}

int err_refusal_status(const struct refusal *r)
{
	return r->err == ENODEV && r->dev[0] ? EXIT_FAIL : EXIT_IP_KERNEL;
}

/* Under iproute2's names: the kernel's refusal (or a missing device) in
 * ip's words and status; anything else in vnetctl's line, with ip's status
 * for a wrong command line. */
static int report_iproute2(struct ctx *c, int rc, const char *prefix)
{
	int err = rc < -VN_EIP_USAGE ? EPROTO : -rc;
	char esc[4 * sizeof(c->reason)];

	if (rc == -VN_EREPORTED) {
		c->reason[0] = c->hint[0] = '\0';
		return c->refused.err ? err_refusal_status(&c->refused) : EXIT_FAIL;
	}
	if (err == VN_EIP_FAIL || err == VN_EIP_USAGE) {
		text_escape(esc, sizeof(esc), c->reason);
		fprintf(stderr, "%s\n", esc);
		c->reason[0] = c->hint[0] = '\0';
		return err == VN_EIP_FAIL ? EXIT_FAIL : EXIT_IP_USAGE;
	}
	if (err != VN_EUSAGE && err != VN_EFAIL && c->refused.err == err) {
		err_refusal_print(&c->refused);
		if (c->refused.dump)
			fputs("Dump terminated\n", stderr);
		c->reason[0] = c->hint[0] = '\0';
		return err_refusal_status(&c->refused);
	}
	return report_vnetctl(c, rc, prefix) == EXIT_USAGE ? EXIT_IP_USAGE : EXIT_FAIL;
}

int err_report(struct ctx *c, int rc, const char *prefix)
{
	int status =
	    ctx_iproute2(c) ? report_iproute2(c, rc, prefix) : report_vnetctl(c, rc, prefix);

	if (status && ctx_iproute2(c) && c->ip_fail_status && c->refused.err)
		return c->ip_fail_status;
	/* bridge(8)'s commands return -1 for every failure: it exits 255 */
	return c->persona == PERSONA_BRIDGE && status ? EXIT_IP_USAGE : status;
}
