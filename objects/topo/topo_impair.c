// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo's impairments: a veth end's (or a links: device's) words of `link
 * set DEV delay 20ms [jitter 5ms] [loss 1%] [rate 10mbit] [duplicate 1%]
 * [corrupt 0.1%] [reorder 25%]`, read when the file is (through the table link set's
 * extension gives, so a wrong word or value is the file's error, with its
 * place, before anything is sent), set by up as that command, and
 * compared with, or saved from, the kernel's root netem.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "link.h"
#include "nl.h"
#include "qdisc.h"
#include "topo_impair.h"

/* The measures of the extension: every word of it but `impair none`. */
static bool measure(const struct arg *a)
{
	return a->kind == ARG_UNITS;
}

/* The extension's table as a verb of its own, for args_fill. */
static bool ext_verb(struct verb *vb)
{
	const struct link_set_ext *e = link_set_ext_get();

	if (!e || e->nargs > TOPO_IMPAIR_MAX)
		return false;
	*vb = (struct verb){.name = topo_veth_kind, .args = e->args, .nargs = e->nargs};
	return true;
}

int topo_impair_fill(struct ctx *c, const char *key, const char *value, struct val *vals, int *idx,
		     const char *others)
{
	char *words[] = {(char *)value, NULL};
	char list[300] = "";
	struct verb vb;
	int i;

	c->reason[0] = '\0';
	if (!ext_verb(&vb)) {
		err_usage(c, "no impairment in this build: unknown key \"%s\"", key);
		return -ENOENT;
	}
	i = args_index(&vb, key);
	if (i < 0 || !measure(&vb.args[i])) {
		for (size_t k = 0; k < vb.nargs; k++)
			if (measure(&vb.args[k]))
				snprintf(list + strlen(list), sizeof(list) - strlen(list), ", %s",
					 vb.args[k].kw);
		err_usage(c, "unknown key \"%s\" (one of: %s%s)", key, others, list);
		return -ENOENT;
	}
	*idx = i;
	return args_fill(c, &vb, key, words, 1, vals) < 0 ? -VN_EUSAGE : 0;
}

/* The words w (n pairs) into vals, read when the file was. */
static int fill_all(struct ctx *c, const char *const *w, size_t n, struct val *vals)
{
	int rc = 0, idx;

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = topo_impair_fill(c, w[2 * i], w[2 * i + 1], vals, &idx, "");
	return rc;
}

int topo_impair_check(struct ctx *c, const char *const *w, size_t n)
{
	const struct link_set_ext *e = link_set_ext_get();
	struct val vals[TOPO_IMPAIR_MAX + 1] = {0};
	int rc = fill_all(c, w, n, vals);

	if (rc == 0 && e->check && e->check(c, vals) < 0)
		return -VN_EUSAGE;
	return rc;
}

const char *topo_impair_text(const char *const *w, size_t n, char *buf, size_t sz)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < 2 * n && len < sz; i++)
		len += (size_t)snprintf(buf + len, sz - len, "%s%s", i ? " " : "", w[i]);
	return buf;
}

/* ---- the kernel's root netem ---------------------------------------------- */

/* What a root netem has of the measures, by netem's rows; jitter apart. */
static const int rows[] = {NE_DELAY, NE_LOSS, NE_RATE, NE_DUP, NE_CORRUPT, NE_REORDER};
struct netem_now {
	bool netem;
	uint64_t v[ARRAY_SIZE(rows)], jitter;
};

/* The options of a netem: its struct, then attributes. */
static void netem_read(const struct nlattr *opt, struct netem_now *k)
{
	const char *p = mnl_attr_get_payload(opt);
	size_t len = mnl_attr_get_payload_len(opt);
	struct tc_netem_qopt q;
	const struct nlattr *a;

	if (len < sizeof(q))
		return;
	memcpy(&q, p, sizeof(q));
	k->netem = true;
	/* the struct's ticks, unless the nanoseconds follow (every kernel
	 * since 4.15) */
	k->v[0] = (uint64_t)(q.latency * QDISC_TICK_NS);
	k->jitter = (uint64_t)(q.jitter * QDISC_TICK_NS);
	k->v[1] = q.loss;
	k->v[3] = q.duplicate;
	for (a = (const void *)(p + MNL_ALIGN(sizeof(q)));
	     mnl_attr_ok(a, (int)((const char *)opt + opt->nla_len - (const char *)a));
	     a = mnl_attr_next(a)) {
		size_t n = mnl_attr_get_payload_len(a);
		switch (mnl_attr_get_type(a)) {
		case TCA_NETEM_LATENCY64:
			if (n >= sizeof(uint64_t))
				k->v[0] = mnl_attr_get_u64(a);
			break;
		case TCA_NETEM_JITTER64:
			if (n >= sizeof(uint64_t))
				k->jitter = mnl_attr_get_u64(a);
			break;
		case TCA_NETEM_RATE:
			if (n >= sizeof(struct tc_netem_rate) && k->v[2] < UINT32_MAX)
				k->v[2] =
				    ((const struct tc_netem_rate *)mnl_attr_get_payload(a))->rate;
			break;
		case TCA_NETEM_RATE64:
			if (n >= sizeof(uint64_t))
				k->v[2] = mnl_attr_get_u64(a);
			break;
		case TCA_NETEM_CORRUPT:
			if (n >= sizeof(struct tc_netem_corrupt))
				k->v[4] = ((const struct tc_netem_corrupt *)mnl_attr_get_payload(a))
					      ->probability;
			break;
		case TCA_NETEM_REORDER:
			if (n >= sizeof(struct tc_netem_reorder))
				k->v[5] = ((const struct tc_netem_reorder *)mnl_attr_get_payload(a))
					      ->probability;
			break;
		default:
			break;
		}
	}
}

/* The root qdisc of ifindex in ns: what a netem there has (k->netem false
 * when the root is none). */
static int netem_now(struct run *r, const char *ns, int ifindex, struct netem_now *k)
{
	struct nl_msgs l = {0};
	int rc;

	memset(k, 0, sizeof(*k));
	if ((rc = topo_enter(r, ns)) < 0 ||
	    (rc = qdisc_dump(r->c, RTM_GETQDISC, ifindex, &l)) < 0) {
		nl_msgs_free(&l);
		return rc;
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct tcmsg *q = mnl_nlmsg_get_payload(l.v[i]);
		const struct nlattr *tb[TCA_MAX + 1] = {0};
		const char *kind;

		if (q->tcm_ifindex != ifindex || q->tcm_parent != TC_H_ROOT)
			continue;
		nl_parse(l.v[i], sizeof(*q), tb, TCA_MAX);
		kind = nl_attr_str(tb[TCA_KIND]);
		if (kind && !strcmp(kind, qdisc_netem.name) && tb[TCA_OPTIONS])
			netem_read(tb[TCA_OPTIONS], k);
		break;
	}
	nl_msgs_free(&l);
	return 0;
}

/* What k has of measure a: its row's, or jitter, the one time of the
 * extension's own (the delay's second). */
static uint64_t now_of(const struct arg *a, const struct netem_now *k)
{
	for (size_t i = 0; i < ARRAY_SIZE(rows); i++)
		if (!strcmp(a->kw, netem_args[rows[i]].kw))
			return k->v[i];
	return a->units && a->units[0] == 't' ? k->jitter : 0;
}

/* k as words (KEY VALUE pairs) into w, their text in buf (room for
 * TOPO_IMPAIR_MAX words of 32 bytes); how many pairs. */
static size_t now_words(const struct verb *vb, const struct netem_now *k, const char **w,
			char (*buf)[32])
{
	size_t n = 0;

	for (size_t i = 0; k->netem && i < vb->nargs; i++) {
		uint64_t v = measure(&vb->args[i]) ? now_of(&vb->args[i], k) : 0;
		if (!v)
			continue;
		w[2 * n] = vb->args[i].kw;
		w[2 * n + 1] = arg_units_text(vb->args[i].units[0], v, buf[n], sizeof(buf[n]));
		n++;
	}
	return n;
}

int topo_impair_cmp(struct run *r, const char *ns, int ifindex, const char *const *w, size_t n,
		    char *buf, size_t sz)
{
	struct val vals[TOPO_IMPAIR_MAX + 1] = {0};
	const char *kw[2 * TOPO_IMPAIR_MAX];
	char text[TOPO_IMPAIR_MAX][32];
	struct netem_now k;
	struct verb vb;
	bool same;
	int rc;

	if (!ext_verb(&vb))
		return -EOPNOTSUPP;
	if ((rc = netem_now(r, ns, ifindex, &k)) < 0)
		return rc;
	if ((rc = fill_all(r->c, w, n, vals)) < 0)
		return rc;
	same = k.netem;
	for (size_t i = 0; same && i < vb.nargs; i++)
		if (measure(&vb.args[i]))
			same = now_of(&vb.args[i], &k) == (vals[i].set ? vals[i].m.n[0] : 0);
	if (same)
		return 1;
	if (!k.netem)
		snprintf(buf, sz, "none");
	else
		topo_impair_text(kw, now_words(&vb, &k, kw, text), buf, sz);
	return 0;
}

int topo_impair_save(struct run *r, struct topo *t, const char *ns, int ifindex, size_t *word0,
		     size_t *n)
{
	const char *kw[2 * TOPO_IMPAIR_MAX];
	char text[TOPO_IMPAIR_MAX][32];
	struct netem_now k;
	struct verb vb;
	int rc;

	*word0 = t->words.n;
	*n = 0;
	if (!ext_verb(&vb))
		return 0;
	if ((rc = netem_now(r, ns, ifindex, &k)) < 0)
		return rc;
	*n = now_words(&vb, &k, kw, text);
	for (size_t i = 0; i < 2 * *n; i++)
		*VEC_PUSH(t->words) = topo_keep(t, kw[i]);
	return 0;
}
