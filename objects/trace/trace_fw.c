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

void trace_fw_end(void)
{
	nft_ruleset_free(fw.rs);
	fw = (__typeof__(fw)){.read = false};
}

static void fw_load(void)
{
	struct stat st;

	if (stat("/proc/thread-self/ns/net", &st) < 0)
		st = (struct stat){.st_ino = 0};
	if (fw.read && st.st_ino && st.st_ino == fw.ino && st.st_dev == fw.dev)
		return;
	trace_fw_end();
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

void trace_fw_pkt(const struct trace *t, struct trace_pkt *p, const uint8_t *dst, const char *iif)
{
	*p = (struct trace_pkt){.family = t->family,
				.proto = t->family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6,
				.icmp_type = t->family == AF_INET ? 8 : 128, /* echo request */
				.len = 84};
	memcpy(p->saddr, t->src, sizeof(p->saddr));
	memcpy(p->daddr, dst, sizeof(p->daddr));
	snprintf(p->iif, sizeof(p->iif), "%s", iif ? iif : "");
}

int trace_fw(struct trace *t, enum nft_hook h, struct trace_pkt *p, const char *dev)
{
	char was[INET6_ADDRSTRLEN], now[INET6_ADDRSTRLEN];
	struct trace_pkt before = *p;
	struct nft_verdict v;

	fw_load();
	if (!fw.told && (fw.legacy || !fw.rs)) {
		fw.told = true;
		if (fw.legacy)
			trace_hop(t, "-",
				  "iptables-legacy tables here are not read (trace reads nftables, "
				  "and iptables-nft's tables in it)");
		if (!fw.rs)
			trace_hop(t, "-", "nftables ruleset not read: %s", strerror(fw.err));
	}
	if (!fw.rs)
		return 0;
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
		trace_hop(t, dev,
			  "MAY STOP: nftables %s %s %s, handle %llu: %s (trace cannot read %s)",
			  v.family, v.table, v.chain, (unsigned long long)v.handle, v.rule, v.why);
		return err_fail(t->c, "%s: may stop at nftables %s %s %s, handle %llu: %s", t->ns,
				v.family, v.table, v.chain, (unsigned long long)v.handle, v.rule);
	}
	if (memcmp(before.daddr, p->daddr, sizeof(p->daddr)) || before.dport != p->dport)
		trace_hop(t, dev, "nftables %s: destination %s now %s", nft_hook_name(h),
			  trace_addr_str(t, before.daddr, was, sizeof(was)),
			  trace_addr_str(t, p->daddr, now, sizeof(now)));
	if (memcmp(before.saddr, p->saddr, sizeof(p->saddr)) || before.sport != p->sport) {
		trace_hop(t, dev, "nftables %s: source %s now %s", nft_hook_name(h),
			  trace_addr_str(t, before.saddr, was, sizeof(was)),
			  trace_addr_str(t, p->saddr, now, sizeof(now)));
		memcpy(t->src, p->saddr, sizeof(t->src));
	}
	return 0;
}

int trace_fw_out(struct trace *t, struct trace_pkt *p, enum nft_hook h, const char *oif)
{
	int rc;

	snprintf(p->oif, sizeof(p->oif), "%s", oif);
	if ((rc = trace_fw(t, h, p, oif)) != 0)
		return rc;
	return trace_fw(t, NFTH_POSTROUTING, p, oif);
}

int trace_fw_local(struct trace *t, struct trace_pkt *p, const char *iif)
{
	int rc;

	if (!iif) { /* made here for here: out by lo and in again */
		if ((rc = trace_fw_out(t, p, NFTH_OUTPUT, "lo")) != 0)
			return rc;
		snprintf(p->iif, sizeof(p->iif), "lo");
		p->oif[0] = '\0';
		if ((rc = trace_fw(t, NFTH_PREROUTING, p, "lo")) != 0)
			return rc;
		iif = "lo";
	}
	return trace_fw(t, NFTH_INPUT, p, iif);
}
