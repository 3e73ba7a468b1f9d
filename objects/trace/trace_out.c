// SPDX-License-Identifier: GPL-2.0-or-later
/* trace: a hop and a stop, as text or JSON. */
#include "trace.h"

#include <stdarg.h>
#include <stdio.h>

#include "out.h"

/* ---- what is printed ------------------------------------------------------- */

void trace_hop(struct trace *t, const char *dev, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	out_obj_open(t->c->out, NULL);
	out_str(t->c->out, OUT_ANY, "netns", "%-12s ", t->ns);
	out_str(t->c->out, OUT_ANY, "ifname", "%-16s ", dev);
	out_str(t->c->out, OUT_ANY, "decision", "%s", what);
	out_nl(t->c->out);
	out_obj_close(t->c->out);
	t->hops++;
}

const char *trace_addr_str(const struct trace *t, const uint8_t *a, char *buf, size_t sz)
{
	return format_addr(t->family, a, buf, sz);
}

/* The stop: the hop's reason printed, and the error line's. */
int trace_stop(struct trace *t, const char *dev, const char *fmt, ...)
{
	char why[sizeof(t->c->reason)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	trace_hop(t, dev, "STOP: %s", why);
	return err_fail(t->c, "%s: %s", t->ns, why);
}
