// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qdisc and class: traffic control's queueing disciplines and htb's
 * classes, in tc(8)'s grammar (`qdisc add dev a root netem delay 20ms`),
 * over RTM_NEWQDISC/DELQDISC/GETQDISC and RTM_NEWTCLASS/DELTCLASS/
 * GETTCLASS.  show prints as `tc qdisc show` and `tc -s -j qdisc show` do:
 * the same words, units and JSON keys.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include "args.h"
#include "ifnames.h"
#include "link.h"
#include "out.h"
#include "qdisc.h"

/* ---- the command line ----------------------------------------------------- */

enum {
	Q_DEV,
	Q_ROOT,
	Q_PARENT,
	Q_INGRESS,
	Q_CLSACT,
	Q_HANDLE,
	Q_NETEM,
	Q_TBF,
	Q_HTB,
	Q_FQ_CODEL,
	Q_PFIFO,
	Q_BFIFO,
	Q_PRIO,
	Q_N
};
#define Q_FIRST_KIND Q_NETEM

/* the kinds' arguments, in the table's order */
static const struct qdisc_kind *const q_kinds[] = {
    &qdisc_netem, &qdisc_tbf, &qdisc_htb, &qdisc_fq_codel, &qdisc_pfifo, &qdisc_bfifo, &qdisc_prio};

static const char *const parent_words[] = {"root", "none", NULL};
static const uint32_t parent_values[] = {TC_H_ROOT, TC_H_UNSPEC};

/* where a qdisc goes: one of root, parent, ingress, clsact; ingress and
 * clsact are kinds too, so no other kind goes with them */
static const int x_root[] = {Q_PARENT + 1, Q_INGRESS + 1, Q_CLSACT + 1, 0};
static const int x_parent[] = {Q_INGRESS + 1, Q_CLSACT + 1, 0};
static const int x_special[] = {Q_NETEM + 1,	Q_TBF + 1,    Q_HTB + 1,
				Q_FQ_CODEL + 1, Q_PFIFO + 1,  Q_BFIFO + 1,
				Q_PRIO + 1,	Q_CLSACT + 1, 0};
static const int x_netem[] = {Q_TBF + 1,  Q_HTB + 1, Q_FQ_CODEL + 1, Q_PFIFO + 1, Q_BFIFO + 1,
			      Q_PRIO + 1, 0};
static const int x_tbf[] = {Q_HTB + 1, Q_FQ_CODEL + 1, Q_PFIFO + 1, Q_BFIFO + 1, Q_PRIO + 1, 0};
static const int x_htb[] = {Q_FQ_CODEL + 1, Q_PFIFO + 1, Q_BFIFO + 1, Q_PRIO + 1, 0};
static const int x_fq[] = {Q_PFIFO + 1, Q_BFIFO + 1, Q_PRIO + 1, 0};
static const int x_pfifo[] = {Q_BFIFO + 1, Q_PRIO + 1, 0};

#define Q_KIND(k, t, n, x, h)                                                                      \
	{                                                                                          \
		.kw = (k), .kind = ARG_NEST, .flags = ARGF_NEST_EMPTY, .sub = (t), .nsub = (n),    \
		.excludes_more = (x), .metavar = "OPTIONS...", .help = (h)                         \
	}

static const struct arg qdisc_args[Q_N] = {
    [Q_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .flags = ARGF_REQUIRED | ARGF_SUBJECT,
	       .metavar = "DEV",
	       .help = "the device (required)"},
    [Q_ROOT] = {.kw = "root",
		.kind = ARG_FLAG,
		.excludes_more = x_root,
		.help = "the device's own qdisc, its egress"},
    [Q_PARENT] = {.kw = "parent",
		  .kind = ARG_TCHANDLE,
		  .words = parent_words,
		  .values = parent_values,
		  .excludes_more = x_parent,
		  .help = "under this class (MAJ:MIN, hexadecimal)"},
    [Q_INGRESS] = {.kw = "ingress",
		   .kind = ARG_FLAG,
		   .excludes_more = x_special,
		   .help = "the ingress qdisc (filters on what arrives)"},
    [Q_CLSACT] = {.kw = "clsact",
		  .kind = ARG_FLAG,
		  .help = "the clsact qdisc (filters both ways, for bpf)"},
    [Q_HANDLE] = {.kw = "handle",
		  .kind = ARG_TCHANDLE,
		  .help = "the qdisc's handle, MAJ: (hexadecimal)"},
    [Q_NETEM] = Q_KIND(qk_netem, netem_args, NETEM_NARGS, x_netem,
		       "delay, loss, duplication, corruption, reordering, rate"),
    [Q_TBF] = Q_KIND(qk_tbf, tbf_args, TBF_NARGS, x_tbf, "a token bucket: a rate"),
    [Q_HTB] = Q_KIND(qk_htb, htb_args, HTB_NARGS, x_htb, "classes that share a rate"),
    [Q_FQ_CODEL] =
	Q_KIND(qk_fq_codel, fq_codel_args, FQC_NARGS, x_fq, "fair queueing with controlled delay"),
    [Q_PFIFO] = Q_KIND(qk_pfifo, pfifo_args, FIFO_NARGS, x_pfifo, "first in, first out; packets"),
    [Q_BFIFO] = Q_KIND(qk_bfifo, bfifo_args, FIFO_NARGS, x_pfifo + 1, "first in, first out; bytes"),
    [Q_PRIO] = Q_KIND(qk_prio, prio_args, PRIO_NARGS, NULL, "bands served by priority"),
};

/* show's filters: one of root, ingress (clsact's too), parent, handle */
enum { QS_DEV, QS_ROOT, QS_INGRESS, QS_PARENT, QS_HANDLE };
static const int qs_x_root[] = {QS_INGRESS + 1, QS_PARENT + 1, QS_HANDLE + 1, 0};
static const int qs_x_ingress[] = {QS_PARENT + 1, QS_HANDLE + 1, 0};
static const struct arg qdisc_show_args[] = {
    [QS_DEV] = {.kw = "dev",
		.kind = ARG_IFNAME,
		.flags = ARGF_SUBJECT,
		.metavar = "DEV",
		.help = "only this device's"},
    [QS_ROOT] = {.kw = "root",
		 .kind = ARG_FLAG,
		 .excludes_more = qs_x_root,
		 .help = "only the root qdiscs"},
    [QS_INGRESS] = {.kw = "ingress",
		    .alias = "clsact",
		    .kind = ARG_FLAG,
		    .excludes_more = qs_x_ingress,
		    .help = "only the ingress and clsact qdiscs"},
    [QS_PARENT] = {.kw = "parent",
		   .kind = ARG_TCHANDLE,
		   .excludes = QS_HANDLE + 1,
		   .help = "only the qdiscs under this class"},
    [QS_HANDLE] = {.kw = "handle", .kind = ARG_TCHANDLE, .help = "only the qdisc of this handle"},
};

enum { C_DEV, C_PARENT, C_CLASSID, C_HTB, C_N };
static const struct arg class_args[C_N] = {
    [C_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .flags = ARGF_REQUIRED | ARGF_SUBJECT,
	       .metavar = "DEV",
	       .help = "the device (required)"},
    [C_PARENT] = {.kw = "parent",
		  .kind = ARG_TCHANDLE,
		  .words = parent_words,
		  .values = parent_values,
		  .help = "the qdisc or class above (MAJ:[MIN])"},
    [C_CLASSID] = {.kw = "classid", .kind = ARG_TCHANDLE, .help = "the class, MAJ:MIN"},
    [C_HTB] = {.kw = qk_htb,
	       .kind = ARG_NEST,
	       .flags = ARGF_NEST_EMPTY,
	       .sub = htb_class_args,
	       .nsub = HTBC_NARGS,
	       .metavar = "OPTIONS...",
	       .help = "an htb class"},
};

enum { CS_DEV, CS_PARENT, CS_CLASSID };
static const struct arg class_show_args[] = {
    [CS_DEV] = {.kw = "dev",
		.kind = ARG_IFNAME,
		.flags = ARGF_REQUIRED | ARGF_SUBJECT,
		.metavar = "DEV",
		.help = "the device (required)"},
    [CS_PARENT] = {.kw = "parent",
		   .kind = ARG_TCHANDLE,
		   .words = parent_words,
		   .values = parent_values,
		   .help = "only the classes under this one"},
    [CS_CLASSID] = {.kw = "classid", .kind = ARG_TCHANDLE, .help = "only this class"},
};

/* ---- changes -------------------------------------------------------------- */

#define KIND_VALS 20

static int qdisc_modify(struct ctx *c, const struct val *v, uint16_t type, uint16_t flags)
{
	char buf[NL_BUFSZ * 2];
	struct nlmsghdr *nlh = nl_msg(buf, type, flags);
	struct tcmsg *t = mnl_nlmsg_put_extra_header(nlh, sizeof(*t));
	struct val kv[KIND_VALS];
	const struct qdisc_kind *kind = NULL;
	const char *kname = NULL;
	size_t k = 0;
	int rc, ifindex;

	for (size_t i = 0; i < ARRAY_SIZE(q_kinds); i++)
		if (v[Q_FIRST_KIND + i].set) {
			k = Q_FIRST_KIND + i;
			kind = q_kinds[i];
		}
	if (kind) {
		kname = kind->name;
		if ((rc = parse_group(c, &qdisc_args[k], &v[k], kv)) < 0)
			return rc;
	}
	if (v[Q_INGRESS].set)
		kname = qdisc_args[Q_INGRESS].kw;
	if (v[Q_CLSACT].set)
		kname = qdisc_args[Q_CLSACT].kw;
	if (!v[Q_ROOT].set && !v[Q_PARENT].set && !v[Q_INGRESS].set && !v[Q_CLSACT].set)
		return err_usage(c, "%s needs a parent (%s, %s MAJ:MIN, %s or %s)",
				 kname ? kname : "the qdisc", qdisc_args[Q_ROOT].kw,
				 qdisc_args[Q_PARENT].kw, qdisc_args[Q_INGRESS].kw,
				 qdisc_args[Q_CLSACT].kw);
	if (!kname && type == RTM_NEWQDISC) {
		char kinds[160] = "";

		/* the kinds, ingress and clsact among them */
		for (size_t i = Q_INGRESS; i < Q_N; i++)
			if (i != Q_HANDLE)
				snprintf(kinds + strlen(kinds), sizeof(kinds) - strlen(kinds),
					 "%s%s", kinds[0] ? ", " : "", qdisc_args[i].kw);
		return err_usage(c, "which qdisc? (%s)", kinds);
	}
	if (v[Q_HANDLE].set && (v[Q_HANDLE].u & 0xffff))
		return err_usage(c, "a qdisc's handle is MAJ: (its minor is 0), not %s",
				 v[Q_HANDLE].str);
	t->tcm_family = AF_UNSPEC;
	t->tcm_handle = v[Q_HANDLE].set ? v[Q_HANDLE].u : 0;
	t->tcm_parent = v[Q_ROOT].set ? TC_H_ROOT : v[Q_PARENT].u;
	if (v[Q_INGRESS].set || v[Q_CLSACT].set) {
		t->tcm_parent = v[Q_INGRESS].set ? TC_H_INGRESS : TC_H_CLSACT;
		t->tcm_handle = TC_H_MAKE(TC_H_INGRESS, 0);
	}
	if (kname)
		mnl_attr_put_strz(nlh, TCA_KIND, kname);
	if (kind && type == RTM_NEWQDISC && (rc = kind->put(c, nlh, kv)) < 0)
		return rc;
	if ((ifindex = link_index(c, v[Q_DEV].str)) < 0)
		return ifindex;
	t->tcm_ifindex = ifindex;
	c->req_dev = v[Q_DEV].str;
	rc = nl_request(c, nlh, NULL, NULL);
	c->req_dev = NULL;
	return rc;
}

static int qdisc_add(struct ctx *c, const struct val *v)
{
	return qdisc_modify(c, v, RTM_NEWQDISC, NLM_F_CREATE | NLM_F_EXCL);
}

static int qdisc_change(struct ctx *c, const struct val *v)
{
	return qdisc_modify(c, v, RTM_NEWQDISC, 0);
}

static int qdisc_replace(struct ctx *c, const struct val *v)
{
	return qdisc_modify(c, v, RTM_NEWQDISC, NLM_F_CREATE | NLM_F_REPLACE);
}

static int qdisc_del(struct ctx *c, const struct val *v)
{
	return qdisc_modify(c, v, RTM_DELQDISC, 0);
}

/* ---- show ----------------------------------------------------------------- */

/* A qdisc's or a class's reply kept (the core checked its tcmsg's length);
 * any other is none of a qdisc dump's. */
static int keep(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type != RTM_NEWQDISC && nlh->nlmsg_type != RTM_NEWTCLASS)
		return MNL_CB_OK;
	if (nl_msgs_keep(data, nlh) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

int qdisc_dump(struct ctx *c, uint16_t type, int ifindex, struct nl_msgs *l)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, type, 0);
	struct tcmsg *t = mnl_nlmsg_put_extra_header(nlh, sizeof(*t));

	t->tcm_family = AF_UNSPEC;
	t->tcm_ifindex = ifindex;
	return nl_dump(c, nlh, keep, l);
}

static const struct qdisc_kind *kind_named(const char *name)
{
	static const struct qdisc_kind pfifo_fast = {.name = "pfifo_fast"};

	for (size_t i = 0; name && i < ARRAY_SIZE(q_kinds); i++)
		if (!strcmp(q_kinds[i]->name, name))
			return q_kinds[i];
	/* pfifo_fast's options are prio's */
	if (name && !strcmp(name, pfifo_fast.name))
		return &qdisc_prio;
	return NULL;
}

static const char *classid(uint32_t h, char *buf, size_t sz)
{
	if (h == TC_H_ROOT)
		snprintf(buf, sz, "root");
	else if (h == TC_H_UNSPEC)
		snprintf(buf, sz, "none");
	else if (!TC_H_MAJ(h))
		snprintf(buf, sz, ":%x", TC_H_MIN(h));
	else if (!TC_H_MIN(h))
		snprintf(buf, sz, "%x:", TC_H_MAJ(h) >> 16);
	else
		snprintf(buf, sz, "%x:%x", TC_H_MAJ(h) >> 16, TC_H_MIN(h));
	return buf;
}

/* "dev NAME", from the names read once for the whole show */
static void print_dev(struct ctx *c, const struct ifnames *names, const struct tcmsg *t)
{
	char dev[IF_NAMESIZE + 8];

	out_str(c->out, OUT_ANY, "dev", "dev %s ",
		ifnames_get(names, t->tcm_ifindex, dev, sizeof(dev)));
}

static void print_stats(struct ctx *c, const struct nlattr **tb, const struct qdisc_kind *k)
{
	const struct nlattr *app = NULL;

	if (!ctx_stats(c) || !tb[TCA_STATS2])
		return;
	app = qdisc_print_stats(c, tb[TCA_STATS2]);
	out_nl(c->out);
	if (!app)
		app = tb[TCA_XSTATS];
	if (app && k && k->print_xstats) {
		k->print_xstats(c, app);
		out_nl(c->out);
	}
}

/* names: every device's, when the show is of every device's qdiscs (each
 * line then names its device); NULL for one device's. */
static void qdisc_print(struct ctx *c, const struct nlmsghdr *nlh, const struct ifnames *names)
{
	const struct tcmsg *t = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[TCA_MAX + 1] = {0};
	const char *kname;
	const struct qdisc_kind *k;
	char b[32];

	nl_parse(nlh, sizeof(*t), tb, TCA_MAX);
	if (!(kname = nl_attr_str(tb[TCA_KIND])))
		return;
	k = kind_named(kname);
	out_obj_open(c->out, NULL);
	out_str(c->out, OUT_ANY, "kind", "qdisc %s", kname);
	snprintf(b, sizeof(b), "%x:", t->tcm_handle >> 16);
	out_str(c->out, OUT_ANY, "handle", " %s ", b);
	if (names)
		print_dev(c, names, t);
	if (t->tcm_parent == TC_H_ROOT)
		out_bool(c->out, OUT_ANY, "root", "root ", true);
	else if (t->tcm_parent)
		out_str(c->out, OUT_ANY, "parent", "parent %s ",
			classid(t->tcm_parent, b, sizeof(b)));
	if (t->tcm_info != 1)
		out_uint(c->out, OUT_ANY, "refcnt", "refcnt %u ", t->tcm_info);
	out_obj_open(c->out, "options");
	if (!strcmp(kname, qdisc_args[Q_INGRESS].kw))
		out_text(c->out, "---------------- ");
	else if (tb[TCA_OPTIONS] && k && k->print)
		k->print(c, tb[TCA_OPTIONS]);
	out_obj_close(c->out);
	out_nl(c->out);
	print_stats(c, tb, k);
	out_obj_close(c->out);
}

static int qdisc_show(struct ctx *c, const struct val *v)
{
	struct nl_msgs l = {0};
	struct ifnames names = {0};
	int rc, ifindex = 0;

	if (v[QS_DEV].set && (ifindex = link_index(c, v[QS_DEV].str)) < 0)
		return ifindex;
	/* every device's: their names in one dump, not a request a line */
	if ((!ifindex && (rc = ifnames_load(c, &names)) < 0) ||
	    (rc = qdisc_dump(c, RTM_GETQDISC, ifindex, &l)) < 0) {
		ifnames_free(&names);
		nl_msgs_free(&l);
		return rc;
	}
	out_list_open(c->out, NULL);
	for (size_t i = 0; i < l.n; i++) {
		const struct tcmsg *t = mnl_nlmsg_get_payload(l.v[i]);

		if (l.v[i]->nlmsg_type != RTM_NEWQDISC || (ifindex && t->tcm_ifindex != ifindex))
			continue;
		if ((v[QS_ROOT].set && t->tcm_parent != TC_H_ROOT) ||
		    (v[QS_INGRESS].set && t->tcm_parent != TC_H_INGRESS) ||
		    (v[QS_PARENT].set && t->tcm_parent != v[QS_PARENT].u) ||
		    (v[QS_HANDLE].set && t->tcm_handle != v[QS_HANDLE].u))
			continue;
		qdisc_print(c, l.v[i], ifindex ? NULL : &names);
	}
	out_list_close(c->out);
	ifnames_free(&names);
	nl_msgs_free(&l);
	return 0;
}

/* ---- class ---------------------------------------------------------------- */

/* The kind of dev's qdisc whose handle's major is maj, in buf; "" when
 * there is none. */
static int qdisc_kind_of(struct ctx *c, int ifindex, uint32_t maj, char *buf, size_t sz)
{
	struct nl_msgs l = {0};
	int rc = qdisc_dump(c, RTM_GETQDISC, ifindex, &l);

	buf[0] = '\0';
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		const struct tcmsg *t = mnl_nlmsg_get_payload(l.v[i]);
		const struct nlattr *tb[TCA_MAX + 1] = {0};

		if (t->tcm_ifindex != ifindex || TC_H_MAJ(t->tcm_handle) != maj)
			continue;
		nl_parse(l.v[i], sizeof(*t), tb, TCA_MAX);
		if (nl_attr_str(tb[TCA_KIND]))
			snprintf(buf, sz, "%s", nl_attr_str(tb[TCA_KIND]));
	}
	nl_msgs_free(&l);
	return rc;
}

static int class_modify(struct ctx *c, const struct val *v, uint16_t type, uint16_t flags)
{
	char buf[NL_BUFSZ], kind[32];
	struct nlmsghdr *nlh = nl_msg(buf, type, flags);
	struct tcmsg *t = mnl_nlmsg_put_extra_header(nlh, sizeof(*t));
	struct val kv[KIND_VALS];
	int rc, ifindex;

	if (!v[C_PARENT].set && !v[C_CLASSID].set)
		return err_usage(c, "a class needs its %s (MAJ:[MIN]) or its %s",
				 class_args[C_PARENT].kw, class_args[C_CLASSID].kw);
	if (type == RTM_NEWTCLASS && !v[C_HTB].set)
		return err_usage(c, "which class? (%s RATE...)", class_args[C_HTB].kw);
	if (v[C_HTB].set && (rc = parse_group(c, &class_args[C_HTB], &v[C_HTB], kv)) < 0)
		return rc;
	if (type == RTM_NEWTCLASS && !v[C_CLASSID].set)
		return err_usage(c, "a class needs its %s MAJ:MIN", class_args[C_CLASSID].kw);
	if (v[C_CLASSID].set && !TC_H_MIN(v[C_CLASSID].u))
		return err_usage(c, "%s %s names a qdisc, not a class (MAJ:MIN)",
				 class_args[C_CLASSID].kw, v[C_CLASSID].str);
	t->tcm_family = AF_UNSPEC;
	t->tcm_parent = v[C_PARENT].set ? v[C_PARENT].u : 0;
	t->tcm_handle = v[C_CLASSID].u;
	if (v[C_HTB].set) {
		mnl_attr_put_strz(nlh, TCA_KIND, qdisc_htb_class.name);
		if ((rc = qdisc_htb_class.put(c, nlh, kv)) < 0)
			return rc;
	}
	if ((ifindex = link_index(c, v[C_DEV].str)) < 0)
		return ifindex;
	t->tcm_ifindex = ifindex;
	/* a class belongs to a classful qdisc: say so before anything is sent */
	if (type == RTM_NEWTCLASS &&
	    (rc = qdisc_kind_of(c, ifindex,
				TC_H_MAJ(v[C_CLASSID].set ? v[C_CLASSID].u : v[C_PARENT].u), kind,
				sizeof(kind))) < 0)
		return rc;
	if (type == RTM_NEWTCLASS && !kind[0])
		return err_usage(c,
				 "no qdisc %x: on %s (add it first: qdisc add dev %s root "
				 "handle %x: htb)",
				 TC_H_MAJ(v[C_CLASSID].u) >> 16, v[C_DEV].str, v[C_DEV].str,
				 TC_H_MAJ(v[C_CLASSID].u) >> 16);
	if (type == RTM_NEWTCLASS && strcmp(kind, qdisc_htb_class.name))
		return err_usage(c, "qdisc %x: is %s, which has no htb classes (%s)",
				 TC_H_MAJ(v[C_CLASSID].u) >> 16, kind,
				 kind_named(kind) && kind_named(kind)->classful
				     ? "its classes are its own"
				     : "a classless qdisc");
	c->req_dev = v[C_DEV].str;
	rc = nl_request(c, nlh, NULL, NULL);
	c->req_dev = NULL;
	return rc;
}

static int class_add(struct ctx *c, const struct val *v)
{
	return class_modify(c, v, RTM_NEWTCLASS, NLM_F_CREATE | NLM_F_EXCL);
}

static int class_change(struct ctx *c, const struct val *v)
{
	return class_modify(c, v, RTM_NEWTCLASS, 0);
}

static int class_replace(struct ctx *c, const struct val *v)
{
	return class_modify(c, v, RTM_NEWTCLASS, NLM_F_CREATE);
}

static int class_del(struct ctx *c, const struct val *v)
{
	return class_modify(c, v, RTM_DELTCLASS, 0);
}

static void class_print(struct ctx *c, const struct nlmsghdr *nlh)
{
	const struct tcmsg *t = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[TCA_MAX + 1] = {0};
	const struct qdisc_kind *k;
	const char *kname;
	char b[32];

	nl_parse(nlh, sizeof(*t), tb, TCA_MAX);
	if (!(kname = nl_attr_str(tb[TCA_KIND])))
		return;
	k = !strcmp(kname, qdisc_htb_class.name) ? &qdisc_htb_class : NULL;
	out_obj_open(c->out, NULL);
	out_str(c->out, OUT_ANY, "class", "class %s ", kname);
	out_str(c->out, OUT_ANY, "handle", "%s ",
		t->tcm_handle ? classid(t->tcm_handle, b, sizeof(b)) : "");
	if (t->tcm_parent == TC_H_ROOT)
		out_bool(c->out, OUT_ANY, "root", "root ", true);
	else
		out_str(c->out, OUT_ANY, "parent", "parent %s ",
			classid(t->tcm_parent, b, sizeof(b)));
	if (t->tcm_info) {
		snprintf(b, sizeof(b), "%x", t->tcm_info >> 16);
		out_str(c->out, OUT_ANY, "leaf", "leaf %s: ", b);
	}
	if (tb[TCA_OPTIONS] && k)
		k->print(c, tb[TCA_OPTIONS]);
	out_nl(c->out);
	if (ctx_stats(c)) {
		out_obj_open(c->out, "stats");
		print_stats(c, tb, k);
		out_obj_close(c->out);
	}
	out_obj_close(c->out);
}

static int class_show(struct ctx *c, const struct val *v)
{
	struct nl_msgs l = {0};
	int rc, ifindex;

	if ((ifindex = link_index(c, v[CS_DEV].str)) < 0)
		return ifindex;
	if ((rc = qdisc_dump(c, RTM_GETTCLASS, ifindex, &l)) < 0) {
		nl_msgs_free(&l);
		return rc;
	}
	out_list_open(c->out, NULL);
	for (size_t i = 0; i < l.n; i++) {
		const struct tcmsg *t = mnl_nlmsg_get_payload(l.v[i]);

		if (l.v[i]->nlmsg_type != RTM_NEWTCLASS || t->tcm_ifindex != ifindex)
			continue;
		if (v[CS_PARENT].set && t->tcm_parent != v[CS_PARENT].u)
			continue;
		if (v[CS_CLASSID].set && t->tcm_handle != v[CS_CLASSID].u)
			continue;
		class_print(c, l.v[i]);
	}
	out_list_close(c->out);
	nl_msgs_free(&l);
	return 0;
}

/* tc's order: add, del, change, replace, show */
static const struct verb qdisc_verbs[] = {
    VERB("add", qdisc_add, qdisc_args, "add a qdisc"),
    VERB_DEL(qdisc_del, qdisc_args, "remove a qdisc"),
    VERB("change", qdisc_change, qdisc_args, "change a qdisc's options"),
    VERB("replace", qdisc_replace, qdisc_args, "add a qdisc, or replace the one there"),
    VERB_ALSO("show", verb_show_aliases, qdisc_show, qdisc_show_args,
	      "show the qdiscs (-s: and their counters)"),
};

VNETCTL_OBJECT_OF(qdisc, "show", "queueing disciplines: delay, loss, rate (tc qdisc)")

static const struct verb class_verbs[] = {
    VERB("add", class_add, class_args, "add a class"),
    VERB_DEL(class_del, class_args, "remove a class"),
    VERB("change", class_change, class_args, "change a class's rates"),
    VERB("replace", class_replace, class_args, "add a class, or change it"),
    VERB_ALSO("show", verb_show_aliases, class_show, class_show_args,
	      "show a device's classes (-s: and their counters)"),
};

VNETCTL_OBJECT_OF(class, "show", "htb's classes of traffic (tc class)")
