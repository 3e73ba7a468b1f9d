// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A packet through the base chains of one hook: every table of the
 * packet's family (ip or ip6) and of inet, the chains in the order of their
 * priority.  A rule's matches are nftmatch.c's; its statements are read
 * here: counter, log and nftrace do nothing to the packet, meta mark set
 * sets its mark, dnat/snat/masquerade/redirect change it (the kernel's NAT
 * statement then accepts for its chain), and a verdict ends the rule:
 * accept (this chain; the next base chain goes on), drop, reject, jump,
 * goto, return, continue, or at a base chain's end its policy.
 *
 * A match trace cannot evaluate is not guessed: the hook is evaluated
 * again for each way it could go (the rule matching and not), and only
 * when every way ends alike is the verdict known; else it is NFTR_MAYBE,
 * naming that rule.  A statement trace does not know ends in NFTR_MAYBE.
 * NAT chains see only a connection's first packet: a reply skips them.
 */
#include <stdio.h>
#include <string.h>

#include "nftrules.h"

#define MAX_DEPTH   16 /* the kernel's jump stack */
#define MAX_UNKNOWN 6

enum step { S_NEXT, S_CONTINUE, S_ACCEPT, S_DROP, S_REJECT, S_JUMP, S_GOTO, S_RETURN, S_MAYBE };

/* One evaluation of the hook, with the unknown matches decided by dec. */
struct run {
	const struct nft_ruleset *rs;
	enum nft_hook hook;
	struct trace_pkt p;
	uint8_t dec[MAX_UNKNOWN];
	int ndec, used;
	bool overflow, natted;
	struct nft_verdict v;		       /* the run's */
	struct nft_verdict named[MAX_UNKNOWN]; /* the rule of each decision */
};

static void name_rule(struct nft_verdict *v, const struct nft_chain *c, const struct nft_rule *r)
{
	snprintf(v->family, sizeof(v->family), "%s", c->family);
	snprintf(v->table, sizeof(v->table), "%s", c->table);
	snprintf(v->chain, sizeof(v->chain), "%s", c->name);
	v->handle = r ? r->handle : 0;
	snprintf(v->rule, sizeof(v->rule), "%s",
		 r		  ? r->text
		 : c->policy_drop ? "policy drop"
				  : "policy accept");
}

static bool decide(struct run *u, const struct nft_chain *c, const struct nft_rule *r,
		   const char *why)
{
	if (u->used >= MAX_UNKNOWN) {
		u->overflow = true;
		return false;
	}
	name_rule(&u->named[u->used], c, r);
	snprintf(u->named[u->used].why, sizeof(u->named[u->used].why), "%s", why);
	if (u->used >= u->ndec)
		u->dec[u->ndec++] = 0;
	return u->dec[u->used++];
}

static enum step maybe(struct run *u, const struct nft_chain *c, const struct nft_rule *r,
		       const char *why)
{
	name_rule(&u->v, c, r);
	snprintf(u->v.why, sizeof(u->v.why), "%s", why);
	return S_MAYBE;
}

static int plen(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* dnat, snat, masquerade, redirect: the packet changed, the chain's
 * verdict accept; S_MAYBE for what trace cannot know (a range, a map). */
static enum step nat(struct run *u, const struct nft_chain *c, const struct nft_rule *r,
		     const char *kind, const json_t *o)
{
	const json_t *addr = json_object_get(o, "addr"), *port = json_object_get(o, "port");
	const char *fam = json_string_value(json_object_get(o, "family"));
	struct trace_pkt *p = &u->p;
	bool src = kind[0] == 's' || kind[0] == 'm';
	uint8_t a[16] = {0};

	if (fam && strcmp(fam, p->family == AF_INET ? "ip" : "ip6"))
		return S_NEXT; /* for the other family */
	if (u->natted)
		return S_ACCEPT; /* the connection has its binding */
	if (port && !json_is_integer(port))
		return maybe(u, c, r, "a port range or map of NAT");
	if (!strcmp(kind, "masquerade") || !strcmp(kind, "redirect")) {
		const char *dev = src ? p->oif : u->hook == NFTH_OUTPUT ? NULL : p->iif;
		if (json_object_get(o, "to") || addr)
			return maybe(u, c, r, "NAT to a range");
		if (!dev) { /* redirect of a packet made here: to the host itself */
			if (p->family == AF_INET)
				a[0] = 127, a[3] = 1;
			else
				a[15] = 1;
		} else if (!u->rs->addr_fn ||
			   u->rs->addr_fn(u->rs->addr_arg, p->family, dev, p->daddr, a) < 0) {
			return maybe(u, c, r, "the address of the device");
		}
	} else if (!addr || !nft_addr_parse(p->family, addr, a)) {
		return maybe(u, c, r, "NAT to a range or a map");
	}
	memcpy(src ? p->saddr : p->daddr, a, plen(p->family));
	if (port && (p->proto == 6 || p->proto == 17)) {
		if (src)
			p->sport = (uint16_t)json_integer_value(port);
		else
			p->dport = (uint16_t)json_integer_value(port);
	}
	u->natted = true;
	u->v.changed = true;
	return S_ACCEPT;
}

/* A statement that is not a match. */
static enum step statement(struct run *u, const struct nft_chain *c, const struct nft_rule *r,
			   const json_t *st, const char **target)
{
	static const char *const nats[] = {"dnat", "snat", "masquerade", "redirect"};
	const char *key = json_object_iter_key(json_object_iter((json_t *)st)) ?: "?";
	const json_t *o = json_object_get(st, key), *k;

	if (!strcmp(key, "counter") || !strcmp(key, "log") ||
	    (!strcmp(key, "xt") &&
	     !strcmp(json_string_value(json_object_get(o, "name")) ?: "", "comment")))
		return S_NEXT;
	if (!strcmp(key, "accept"))
		return S_ACCEPT;
	if (!strcmp(key, "drop"))
		return S_DROP;
	if (!strcmp(key, "reject"))
		return S_REJECT;
	if (!strcmp(key, "continue"))
		return S_CONTINUE;
	if (!strcmp(key, "return"))
		return S_RETURN;
	if (!strcmp(key, "jump") || !strcmp(key, "goto")) {
		*target = json_string_value(json_object_get(o, "target"));
		return key[0] == 'j' ? S_JUMP : S_GOTO;
	}
	for (size_t i = 0; i < sizeof(nats) / sizeof(nats[0]); i++)
		if (!strcmp(key, nats[i]))
			return nat(u, c, r, key, o);
	if (!strcmp(key, "mangle") && (k = json_object_get(json_object_get(o, "key"), "meta"))) {
		const char *mk = json_string_value(json_object_get(k, "key")) ?: "";
		if (!strcmp(mk, "nftrace"))
			return S_NEXT;
		if (!strcmp(mk, "mark") && json_is_integer(json_object_get(o, "value"))) {
			u->p.mark = (uint32_t)json_integer_value(json_object_get(o, "value"));
			return S_NEXT;
		}
	}
	char why[64];
	snprintf(why, sizeof(why), "the statement %s", key);
	return maybe(u, c, r, why);
}

/* A statement that matches or not by what trace does not know of the
 * packet (a limit, a quota, an iptables match through xtables), as an
 * unknown match; NULL for others.  xtables' comment match always matches:
 * it is not asked. */
static const json_t *unknown_match(const json_t *e, char *why, size_t wsz)
{
	const json_t *o;
	const char *name;

	if ((o = json_object_get(e, "limit")) || (o = json_object_get(e, "quota"))) {
		snprintf(why, wsz, "%s", json_object_get(e, "limit") ? "a limit" : "a quota");
		return o;
	}
	if ((o = json_object_get(e, "xt")) &&
	    !strcmp(json_string_value(json_object_get(o, "type")) ?: "", "match")) {
		name = json_string_value(json_object_get(o, "name")) ?: "?";
		if (!strcmp(name, "comment"))
			return NULL;
		snprintf(why, wsz, "the iptables match %s", name);
		return o;
	}
	return NULL;
}

/* One rule: S_NEXT when it does not match or ends without a verdict. */
static enum step rule_eval(struct run *u, const struct nft_chain *c, const struct nft_rule *r,
			   const char **target)
{
	const json_t *e, *m;
	char why[96];
	size_t i;

	json_array_foreach(r->expr, i, e)
	{
		enum step s;
		if ((m = json_object_get(e, "match"))) {
			enum nft_m res = nft_match(u->rs, c, m, &u->p, why, sizeof(why));
			if (res == NFTM_NO || (res == NFTM_UNKNOWN && !decide(u, c, r, why)))
				return S_NEXT;
			continue;
		}
		if ((m = unknown_match(e, why, sizeof(why)))) {
			if (!decide(u, c, r, why))
				return S_NEXT;
			continue;
		}
		if ((m = json_object_get(e, "vmap"))) {
			const json_t *verdict;
			enum nft_m res = nft_vmap(u->rs, c, m, &u->p, &verdict, why, sizeof(why));
			if (res == NFTM_UNKNOWN) /* which verdict, if any, is not known */
				return maybe(u, c, r, why);
			if (res == NFTM_NO)
				return S_NEXT; /* no element: the rule ends there */
			e = verdict;
		}
		if ((s = statement(u, c, r, e, target)) != S_NEXT)
			return s == S_CONTINUE ? S_NEXT : s;
	}
	return S_NEXT;
}

/* A base chain and what it jumps to: S_ACCEPT, S_DROP, S_REJECT, S_MAYBE. */
static enum step chain_eval(struct run *u, const struct nft_chain *base)
{
	struct {
		const struct nft_chain *c;
		size_t i;
	} stack[MAX_DEPTH];
	const struct nft_chain *c = base;
	size_t i = 0, sp = 0;

	for (;;) {
		const struct nft_rule *r;
		const char *target = NULL;
		enum step s;

		if (i >= c->rules.n)
			s = S_RETURN;
		else
			s = rule_eval(u, c, r = &c->rules.v[i++], &target);
		switch (s) {
		case S_NEXT:
		case S_CONTINUE:
			continue;
		case S_JUMP:
		case S_GOTO: {
			const struct nft_chain *t =
			    nft_chain_find(u->rs, c->family, c->table, target);
			if (!t || sp >= MAX_DEPTH)
				return maybe(u, c, r, "a jump trace cannot follow");
			if (s == S_JUMP) {
				stack[sp].c = c;
				stack[sp++].i = i;
			}
			c = t;
			i = 0;
			continue;
		}
		case S_RETURN:
			if (sp) {
				c = stack[--sp].c;
				i = stack[sp].i;
				continue;
			}
			name_rule(&u->v, base, NULL);
			return base->policy_drop ? S_DROP : S_ACCEPT;
		case S_ACCEPT:
		case S_DROP:
		case S_REJECT:
			name_rule(&u->v, c, r);
			return s;
		case S_MAYBE:
			return s;
		}
	}
}

/* Whether chain c sees p at its hook: its family's, and a netdev chain's
 * device the one p comes in (ingress) or leaves (egress) by. */
static bool sees(const struct nft_chain *c, const struct trace_pkt *p)
{
	if (c->stage)
		return !strcmp(c->dev, c->stage < 0 ? p->iif : p->oif);
	return !strcmp(c->family, "inet") ||
	       !strcmp(c->family, p->family == AF_INET ? "ip" : "ip6");
}

/* c before d: a netdev ingress chain before the hook's, egress after. */
static bool before(const struct nft_chain *c, const struct nft_chain *d)
{
	return c->stage != d->stage ? c->stage < d->stage : c->prio < d->prio;
}

/* The hook's base chains in order of priority, then each in turn. */
static void run_hook(struct run *u, const struct trace_pkt *p)
{
	const struct nft_chain *order[256];
	size_t n = 0;

	u->p = *p;
	u->used = 0;
	u->overflow = u->natted = false;
	u->v = (struct nft_verdict){.r = NFTR_ACCEPT};
	for (size_t i = 0; i < u->rs->chains.n && n < 256; i++) {
		const struct nft_chain *c = &u->rs->chains.v[i];
		size_t k = n++;
		if (c->hook != (int)u->hook || !sees(c, p) || (c->nat && p->reply)) {
			n--;
			continue;
		}
		for (; k > 0 && before(c, order[k - 1]); k--)
			order[k] = order[k - 1];
		order[k] = c;
	}
	for (size_t i = 0; i < n; i++) {
		bool changed = u->v.changed;
		enum step s;
		/* a NAT chain's binding holds for the hook: later NAT
		 * chains of this hook are not asked */
		if (order[i]->nat && u->natted)
			continue;
		s = chain_eval(u, order[i]);
		u->v.changed = changed || u->v.changed;
		if (s == S_ACCEPT)
			continue;
		u->v.r = s == S_DROP ? NFTR_DROP : s == S_REJECT ? NFTR_REJECT : NFTR_MAYBE;
		return;
	}
	u->v = (struct nft_verdict){.r = NFTR_ACCEPT, .changed = u->v.changed};
}

int nft_eval(const struct nft_ruleset *rs, enum nft_hook h, struct trace_pkt *p,
	     struct nft_verdict *v)
{
	struct run u = {.rs = rs, .hook = h};
	struct nft_verdict v1;
	struct trace_pkt p1;
	int flipped = 0;

	for (int runs = 0;; runs++) {
		int i;
		run_hook(&u, p);
		if (runs == 0) {
			v1 = u.v;
			p1 = u.p;
		} else if (u.v.r != v1.r ||
			   (u.v.r == NFTR_ACCEPT && memcmp(&u.p, &p1, sizeof(p1)))) {
			break; /* the rule that decision was of decides */
		}
		if (u.overflow) {
			flipped = MAX_UNKNOWN - 1;
			break;
		}
		/* the next way: the last undecided match that did not match
		 * now matches, and what follows it is decided anew */
		for (i = u.used - 1; i >= 0 && u.dec[i]; i--)
			;
		if (i < 0 || v1.r == NFTR_MAYBE) {
			*v = v1;
			if (v->r == NFTR_ACCEPT)
				*p = p1;
			return (int)v->r;
		}
		u.dec[i] = 1;
		u.ndec = i + 1;
		flipped = i;
	}
	*v = u.named[flipped];
	v->r = NFTR_MAYBE;
	return (int)v->r;
}
