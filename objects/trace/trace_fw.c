// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace's firewall: at each hook the packet crosses, the current
 * namespace's nftables ruleset (nfteval.h) says whether it passes, stops
 * (the table, chain, rule handle and the rule's text named) or may stop
 * (a rule trace cannot evaluate), and what NAT made of it.  The ruleset
 * is read once per namespace the walk is in, in that namespace; tables of
 * iptables-legacy, which nftables does not show, are said to be unread.
 */
#include <errno.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nfteval.h"
#include "out.h"
#include "trace.h"
#include "trace_fw.h"

/* The ruleset of the namespace read last (by its inode). */
static struct {
	bool read, legacy, told;
	dev_t dev;
	ino_t ino;
	struct nft_ruleset *rs;
	int err;
} fw;

/* What NAT did to the packet on its way there, in which namespace: the
 * reply is translated back there, as conntrack does. */
#define NATS_MAX 16
static struct nat_done {
	dev_t dev;
	ino_t ino;
	struct trace_pkt before, after;
} nats[NATS_MAX];
static size_t nnats;

/* The namespaces the request crossed (conntrack saw it there). */
#define CROSSED_MAX 32
static struct {
	dev_t dev;
	ino_t ino;
} crossed[CROSSED_MAX];
static size_t ncrossed;

/* Note the current namespace as crossed by the request, or say whether a
 * reply's request crossed it. */
static bool crossed_here(bool note)
{
	for (size_t i = 0; i < ncrossed; i++)
		if (crossed[i].dev == fw.dev && crossed[i].ino == fw.ino)
			return true;
	if (note && ncrossed < CROSSED_MAX) {
		crossed[ncrossed].dev = fw.dev;
		crossed[ncrossed++].ino = fw.ino;
	}
	return false;
}

static void fw_free(void)
{
	nft_ruleset_free(fw.rs);
	fw = (__typeof__(fw)){.read = false};
}

void trace_fw_end(void)
{
	fw_free();
	nnats = 0;
	ncrossed = 0;
}

static void fw_load(void)
{
	struct stat st;

	if (stat("/proc/thread-self/ns/net", &st) < 0)
		st = (struct stat){.st_ino = 0};
	if (fw.read && st.st_ino && st.st_ino == fw.ino && st.st_dev == fw.dev)
		return;
	fw_free();
	fw.read = true;
	fw.dev = st.st_dev;
	fw.ino = st.st_ino;
	fw.rs = nft_ruleset_read();
	fw.err = fw.rs ? 0 : errno;
	fw.legacy = nft_legacy_present();
}

static int plen(int family)
{
	return family == AF_INET ? 4 : 16;
}

static bool in_net(int family, const void *a, const void *net, const void *mask)
{
	const uint8_t *x = a, *n = net, *m = mask;

	for (int i = 0; i < plen(family); i++)
		if ((x[i] & m[i]) != (n[i] & m[i]))
			return false;
	return true;
}

/* The address of dev masquerade or redirect gives: the one whose subnet
 * has dst, else the first (the kernel's primary). */
static int dev_addr(void *arg, int family, const char *dev, const uint8_t *dst, uint8_t *addr)
{
	struct ifaddrs *all, *i;
	bool found = false;

	(void)arg;
	if (getifaddrs(&all) < 0)
		return -1;
	for (i = all; i; i = i->ifa_next) {
		const void *a, *m;
		if (!i->ifa_addr || i->ifa_addr->sa_family != family || strcmp(i->ifa_name, dev))
			continue;
		a = family == AF_INET
			? (const void *)&((struct sockaddr_in *)i->ifa_addr)->sin_addr
			: (const void *)&((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
		m = !i->ifa_netmask ? a
		    : family == AF_INET
			? (const void *)&((struct sockaddr_in *)i->ifa_netmask)->sin_addr
			: (const void *)&((struct sockaddr_in6 *)i->ifa_netmask)->sin6_addr;
		if (!found || in_net(family, dst, a, m))
			memcpy(addr, a, plen(family));
		found = true;
		if (in_net(family, dst, a, m))
			break;
	}
	freeifaddrs(all);
	return found ? 0 : -1;
}

/* "10.1.0.1" or "10.1.0.1 port 80" when the port changed too. */
static const char *ends(const struct trace *t, const uint8_t *a, uint16_t port, bool ports,
			char *buf, size_t sz)
{
	char x[INET6_ADDRSTRLEN];

	trace_addr_str(t, a, x, sizeof(x));
	if (ports)
		snprintf(buf, sz, "%s port %u", x, port);
	else
		snprintf(buf, sz, "%s", x);
	return buf;
}

/* Hops for what changed between b and p; who: "nftables HOOK", ... */
static void changes(struct trace *t, const char *dev, const char *who, const struct trace_pkt *b,
		    const struct trace_pkt *p)
{
	char was[INET6_ADDRSTRLEN + 16], now[INET6_ADDRSTRLEN + 16];
	bool dp = b->dport != p->dport, sp = b->sport != p->sport;

	if (memcmp(b->daddr, p->daddr, sizeof(p->daddr)) || dp)
		trace_hop(t, dev, "%s: destination %s now %s", who,
			  ends(t, b->daddr, b->dport, dp, was, sizeof(was)),
			  ends(t, p->daddr, p->dport, dp, now, sizeof(now)));
	if (memcmp(b->saddr, p->saddr, sizeof(p->saddr)) || sp)
		trace_hop(t, dev, "%s: source %s now %s", who,
			  ends(t, b->saddr, b->sport, sp, was, sizeof(was)),
			  ends(t, p->saddr, p->sport, sp, now, sizeof(now)));
}

/* A reply at hook h: the NAT its request met in this namespace undone,
 * the destination (what SNAT changed) at prerouting and output, the
 * source (what DNAT changed) at postrouting and input. */
static void unnat(struct trace *t, enum nft_hook h, const char *dev)
{
	struct trace_pkt *p = &t->pkt, b = *p;
	bool dst = h == NFTH_PREROUTING || h == NFTH_OUTPUT;
	size_t n = sizeof(p->saddr);

	for (size_t i = 0; i < nnats; i++) {
		const struct nat_done *d = &nats[i];
		if (d->dev != fw.dev || d->ino != fw.ino)
			continue;
		if (dst && !memcmp(p->daddr, d->after.saddr, n) &&
		    (memcmp(d->before.saddr, d->after.saddr, n) ||
		     d->before.sport != d->after.sport) &&
		    p->dport == d->after.sport) {
			memcpy(p->daddr, d->before.saddr, n);
			p->dport = d->before.sport;
		}
		if (!dst && !memcmp(p->saddr, d->after.daddr, n) &&
		    (memcmp(d->before.daddr, d->after.daddr, n) ||
		     d->before.dport != d->after.dport) &&
		    p->sport == d->after.dport) {
			memcpy(p->saddr, d->before.daddr, n);
			p->sport = d->before.dport;
		}
	}
	changes(t, dev, "conntrack (the request's NAT undone)", &b, p);
}

static int fw_hook(struct trace *t, enum nft_hook h, const char *dev)
{
	struct trace_pkt *p = &t->pkt, before;
	const char *back = t->back ? "the way back: " : "";
	char who[32];
	struct nft_verdict v;

	fw_load();
	if (!fw.told && (fw.legacy || !fw.rs || nft_ruleset_unread(fw.rs))) {
		fw.told = true;
		if (fw.rs && nft_ruleset_unread(fw.rs))
			trace_hop(t, "-",
				  "nftables %s is not evaluated: trace takes the ip, ip6 and inet "
				  "chains of the IP hooks and netdev chains of one device",
				  nft_ruleset_unread(fw.rs));
		if (fw.legacy)
			trace_hop(t, "-",
				  "iptables-legacy tables here are not read (trace reads nftables, "
				  "and iptables-nft's tables in it)");
		if (!fw.rs)
			trace_hop(t, "-", "nftables ruleset not read: %s", strerror(fw.err));
	}
	if (!p->reply)
		crossed_here(true);
	p->stray = p->reply && !crossed_here(false);
	if (p->reply && !p->stray)
		unnat(t, h, dev);
	if (!fw.rs)
		return 0;
	before = *p;
	nft_ruleset_set_addr_fn(fw.rs, dev_addr, NULL);
	switch (nft_eval(fw.rs, h, p, &v)) {
	case NFTR_ACCEPT:
		break;
	case NFTR_DROP:
	case NFTR_REJECT:
		if (!v.handle)
			return trace_stop(t, dev, "nftables %s %s %s: %s", v.family, v.table,
					  v.chain, v.rule);
		return trace_stop(t, dev, "nftables %s %s %s, handle %llu: %s", v.family, v.table,
				  v.chain, (unsigned long long)v.handle, v.rule);
	case NFTR_MAYBE:
		trace_hop(
		    t, dev, "MAY STOP: %snftables %s %s %s, handle %llu: %s (trace cannot read %s)",
		    back, v.family, v.table, v.chain, (unsigned long long)v.handle, v.rule, v.why);
		return err_fail(t->c, "%s: %smay stop at nftables %s %s %s, handle %llu: %s", t->ns,
				back, v.family, v.table, v.chain, (unsigned long long)v.handle,
				v.rule);
	}
	if (!v.changed)
		return 0;
	snprintf(who, sizeof(who), "nftables %s", nft_hook_name(h));
	changes(t, dev, who, &before, p);
	if (nnats < NATS_MAX)
		nats[nnats++] =
		    (struct nat_done){.dev = fw.dev, .ino = fw.ino, .before = before, .after = *p};
	return 0;
}

void trace_fw_sent(struct trace_pkt *p)
{
	const struct trace_pkt *first = NULL;

	for (size_t i = 0; i < nnats && !first; i++)
		if (!nats[i].before.reply)
			first = &nats[i].before;
	if (!first || p->reply)
		return;
	memcpy(p->saddr, first->saddr, sizeof(p->saddr));
	memcpy(p->daddr, first->daddr, sizeof(p->daddr));
	p->sport = first->sport;
	p->dport = first->dport;
}

int trace_fw_in(struct trace *t, const uint8_t *dst, const char *iif)
{
	memmove(t->pkt.daddr, dst, sizeof(t->pkt.daddr));
	snprintf(t->pkt.iif, sizeof(t->pkt.iif), "%s", iif ? iif : "");
	t->pkt.oif[0] = '\0';
	return iif ? fw_hook(t, NFTH_PREROUTING, iif) : 0;
}

int trace_fw_out(struct trace *t, enum nft_hook h, const char *oif)
{
	uint8_t dst[sizeof(t->pkt.daddr)];
	int rc;

	snprintf(t->pkt.oif, sizeof(t->pkt.oif), "%s", oif);
	memcpy(dst, t->pkt.daddr, sizeof(dst));
	if ((rc = fw_hook(t, h, oif)) < 0)
		return rc;
	if (h == NFTH_OUTPUT && memcmp(dst, t->pkt.daddr, sizeof(dst)))
		return 1; /* the kernel routes it again */
	return fw_hook(t, NFTH_POSTROUTING, oif);
}

int trace_fw_local(struct trace *t, const char *iif)
{
	int rc;

	if (!iif) { /* made here for here: out by lo and in again */
		if ((rc = trace_fw_out(t, NFTH_OUTPUT, "lo")) != 0)
			return rc; /* a stop, or 1: DNAT sends it elsewhere */
		snprintf(t->pkt.iif, sizeof(t->pkt.iif), "lo");
		t->pkt.oif[0] = '\0';
		if ((rc = fw_hook(t, NFTH_PREROUTING, "lo")) < 0)
			return rc;
		iif = "lo";
	}
	t->pkt.oif[0] = '\0';
	return fw_hook(t, NFTH_INPUT, iif);
}
