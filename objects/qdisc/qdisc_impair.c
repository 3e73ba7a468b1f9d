// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Impairment where users think of links: `link set DEV delay 20ms [jitter
 * 5ms] [loss 1%] [rate 10mbit] [duplicate 1%] [corrupt 0.1%] [reorder 25%]`
 * replaces the device's root qdisc by a netem made from netem's own rows
 * and options; `link set DEV impair none` deletes a root netem (and only a
 * netem); `link show -d` prints the root netem of each link, from one
 * dump.  link/ knows none of it: this file fills its extension (link.h).
 */
#include <string.h>

#include "link.h"
#include "out.h"
#include "qdisc.h"

enum { IM_DELAY, IM_JITTER, IM_LOSS, IM_RATE, IM_DUP, IM_CORRUPT, IM_REORDER, IM_IMPAIR, IM_N };

static const char *const impair_words[] = {"none", NULL};

/* each of link set's words and the netem row it is (-1: its own) */
static const int im_netem[IM_N] = {
    [IM_DELAY] = NE_DELAY,     [IM_JITTER] = -1,  [IM_LOSS] = NE_LOSS,
    [IM_RATE] = NE_RATE,       [IM_DUP] = NE_DUP, [IM_CORRUPT] = NE_CORRUPT,
    [IM_REORDER] = NE_REORDER, [IM_IMPAIR] = -1,
};

/* filled from netem's rows by the constructor below */
static struct arg im_args[IM_N] = {
    [IM_JITTER] = {.kw = "jitter",
		   .kind = ARG_UNITS,
		   .units = "t",
		   .metavar = "TIME",
		   .help = "with delay: each packet's delay varied by up to TIME (netem)"},
    [IM_IMPAIR] = {.kw = "impair",
		   .kind = ARG_ENUM,
		   .words = impair_words,
		   .metavar = "none",
		   .help = "take the impairment away: delete the root netem qdisc"},
};

static int im_del(struct ctx *c, const char *dev, int ifindex)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct tcmsg *t;
	struct nl_msgs l = {0};
	const char *kind = NULL;
	uint32_t handle = 0;
	int rc = qdisc_dump(c, RTM_GETQDISC, ifindex, &l);

	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		const struct tcmsg *q = mnl_nlmsg_get_payload(l.v[i]);
		const struct nlattr *tb[TCA_MAX + 1] = {0};

		if (q->tcm_ifindex != ifindex || q->tcm_parent != TC_H_ROOT)
			continue;
		nl_parse(l.v[i], sizeof(*q), tb, TCA_MAX);
		kind = nl_attr_str(tb[TCA_KIND]) ? nl_attr_str(tb[TCA_KIND]) : "";
		handle = q->tcm_handle;
		break;
	}
	if (rc == 0 && kind && strcmp(kind, qdisc_netem.name) && handle)
		rc = err_fail(c,
			      "%s's root qdisc is %s, not %s: not deleted (qdisc del dev %s root)",
			      dev, kind, qdisc_netem.name, dev);
	/* a default root (handle 0:) carries no impairment: nothing to do; a
	 * dry run reads no root and prints the delete */
	if (rc == 0 && (ctx_dryrun(c) || (kind && !strcmp(kind, qdisc_netem.name)))) {
		nlh = nl_msg(buf, RTM_DELQDISC, 0);
		t = mnl_nlmsg_put_extra_header(nlh, sizeof(*t));
		t->tcm_family = AF_UNSPEC;
		t->tcm_ifindex = ifindex;
		t->tcm_parent = TC_H_ROOT;
		c->req_dev = dev;
		rc = nl_request(c, nlh, NULL, NULL);
		c->req_dev = NULL;
	}
	nl_msgs_free(&l);
	return rc;
}

static int im_set(struct ctx *c, const char *dev, const struct val *v)
{
	char buf[NL_BUFSZ * 2];
	struct val nv[NETEM_NARGS];
	struct nlmsghdr *nlh;
	struct tcmsg *t;
	bool any = false;
	int rc, ifindex;

	for (size_t i = 0; i < IM_N; i++)
		any |= i != IM_IMPAIR && v[i].set;
	if (v[IM_IMPAIR].set && any)
		return err_usage(c, "%s %s goes alone", im_args[IM_IMPAIR].kw,
				 impair_words[v[IM_IMPAIR].e]);
	if (v[IM_JITTER].set && !v[IM_DELAY].set)
		return err_usage(c, "%s needs %s", im_args[IM_JITTER].kw, im_args[IM_DELAY].kw);
	if (v[IM_JITTER].set && v[IM_DELAY].nrest > 1)
		return err_usage(c, "%s given twice (after %s and as %s)", im_args[IM_JITTER].kw,
				 im_args[IM_DELAY].kw, im_args[IM_JITTER].kw);
	memset(nv, 0, sizeof(nv));
	for (size_t i = 0; i < IM_N; i++)
		if (im_netem[i] >= 0)
			nv[im_netem[i]] = v[i];
	if (v[IM_JITTER].set) {
		nv[NE_DELAY].m.n[1] = v[IM_JITTER].m.n[0];
		nv[NE_DELAY].nrest = 2;
	}
	nlh = nl_msg(buf, RTM_NEWQDISC, NLM_F_CREATE | NLM_F_REPLACE);
	t = mnl_nlmsg_put_extra_header(nlh, sizeof(*t));
	t->tcm_family = AF_UNSPEC;
	t->tcm_parent = TC_H_ROOT;
	mnl_attr_put_strz(nlh, TCA_KIND, qdisc_netem.name);
	if (!v[IM_IMPAIR].set && (rc = qdisc_netem.put(c, nlh, nv)) < 0)
		return rc;
	if ((ifindex = link_index(c, dev)) < 0)
		return ifindex;
	if (v[IM_IMPAIR].set)
		return im_del(c, dev, ifindex);
	t->tcm_ifindex = ifindex;
	c->req_dev = dev;
	rc = nl_request(c, nlh, NULL, NULL);
	c->req_dev = NULL;
	return rc;
}

/* link show -d: every root qdisc, dumped once */
static struct nl_msgs roots;

static int im_show_begin(struct ctx *c)
{
	return qdisc_dump(c, RTM_GETQDISC, 0, &roots);
}

/* The options of the root netem of ifindex among the root qdiscs in l, or
 * NULL when its root is no netem. */
static const struct nlattr *root_netem(const struct nl_msgs *l, int ifindex)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct tcmsg *q = mnl_nlmsg_get_payload(l->v[i]);
		const struct nlattr *tb[TCA_MAX + 1] = {0};
		const char *kind;

		if (q->tcm_ifindex != ifindex || q->tcm_parent != TC_H_ROOT)
			continue;
		nl_parse(l->v[i], sizeof(*q), tb, TCA_MAX);
		kind = nl_attr_str(tb[TCA_KIND]);
		if (!kind || strcmp(kind, qdisc_netem.name) || !tb[TCA_OPTIONS])
			return NULL;
		return tb[TCA_OPTIONS];
	}
	return NULL;
}

static void im_show(struct ctx *c, const struct link_msg *m)
{
	const struct nlattr *opt = root_netem(&roots, m->ifi->ifi_index);

	if (!opt)
		return;
	/* a line of its own after the details: "    impair netem limit ..." */
	out_str(c->out, OUT_TEXT, NULL, "    %s ", im_args[IM_IMPAIR].kw);
	out_obj_open(c->out, im_args[IM_IMPAIR].kw);
	out_str(c->out, OUT_ANY, "kind", "%s ", qdisc_netem.name);
	qdisc_netem.print(c, opt);
	out_obj_close(c->out);
	out_nl(c->out);
}

int qdisc_impair_read(struct ctx *c, int ifindex, struct qdisc_impair *im)
{
	struct nl_msgs l = {0};
	const struct nlattr *opt;
	struct tc_netem_qopt q;
	int rc;

	*im = (struct qdisc_impair){0};
	if ((rc = qdisc_dump(c, RTM_GETQDISC, ifindex, &l)) < 0)
		return rc;
	opt = root_netem(&l, ifindex);
	rc = opt && mnl_attr_get_payload_len(opt) >= sizeof(q);
	if (rc) {
		memcpy(&q, mnl_attr_get_payload(opt), sizeof(q));
		im->delay_us = qdisc_tick2usec(q.latency);
		im->jitter_us = qdisc_tick2usec(q.jitter);
		im->loss = q.loss;
	}
	nl_msgs_free(&l);
	return rc;
}

static void im_show_end(struct ctx *c)
{
	(void)c;
	nl_msgs_free(&roots);
}

static const struct link_set_ext impair_ext = {
    .args = im_args,
    .nargs = IM_N,
    .set = im_set,
    .show_begin = im_show_begin,
    .show = im_show,
    .show_end = im_show_end,
};

static void __attribute__((constructor)) impair_register(void)
{
	for (size_t i = 0; i < IM_N; i++)
		if (im_netem[i] >= 0)
			im_args[i] = netem_args[im_netem[i]];
	link_set_ext_register(&impair_ext);
}
