// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace --verify: one probe, as the command line describes it, sent from
 * the namespace the trace starts in (an ICMP echo or a TCP SYN on a raw
 * socket, a UDP datagram on an ordinary one), while a raw socket in each
 * namespace that owns the destination listens for it and the sending side
 * for the reply, for about a second.  The kernel agrees when the probe
 * arrives (and its reply comes back) exactly where the prediction said it
 * would.
 */
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "netns.h"
#include "out.h"
#include "trace_fw.h"

#define LISTEN_MAX 8
#define WAIT_MS	   1000
/* what is expected is waited for longer: a neighbour asked for a second
 * time (IPv6's first solicitation on a new link is often lost) */
#define WAIT_EXPECTED_MS 3000
#define UDP_PORT	 33434 /* traceroute's, when no dport is given */
#define TCP_PORT	 80

struct probe {
	struct trace_pkt p;   /* as it leaves the starting namespace: sent, its reply heard */
	struct trace_pkt got; /* as it arrives, NAT on the way applied: listened for */
	uint16_t id;	      /* the echo's id, or the source port */
	int listen[LISTEN_MAX];
	char where[LISTEN_MAX][NAME_MAX + 1];
	int nlisten;
	int tx; /* the sending socket, which hears the reply too */
	bool arrived, replied;
	char at[NAME_MAX + 1];
	int send_err;
};

static socklen_t sa_fill(int family, const uint8_t *a, uint16_t port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		memcpy(&s6->sin6_addr, a, 16);
		return sizeof(*s6);
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;
	s4->sin_family = AF_INET;
	s4->sin_port = htons(port);
	memcpy(&s4->sin_addr, a, 4);
	return sizeof(*s4);
}

static uint16_t csum(const void *data, size_t len, uint32_t sum)
{
	const uint8_t *b = data;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (len & 1)
		sum += (uint32_t)b[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The L4 header and payload of the probe in buf, of n bytes. */
static size_t probe_build(const struct probe *pr, uint8_t *buf, size_t n)
{
	const struct trace_pkt *p = &pr->p;

	memset(buf, 0, n);
	if (p->proto == IPPROTO_ICMP || p->proto == IPPROTO_ICMPV6) {
		buf[0] = p->icmp_type;
		buf[4] = (uint8_t)(pr->id >> 8);
		buf[5] = (uint8_t)pr->id;
		buf[7] = 1; /* seq */
		if (p->proto == IPPROTO_ICMP) {
			uint16_t c = csum(buf, n, 0);
			buf[2] = (uint8_t)(c >> 8);
			buf[3] = (uint8_t)c;
		}
	} else if (p->proto == IPPROTO_TCP) {
		uint32_t sum = 0;
		buf[0] = (uint8_t)(p->sport >> 8);
		buf[1] = (uint8_t)p->sport;
		buf[2] = (uint8_t)(p->dport >> 8);
		buf[3] = (uint8_t)p->dport;
		buf[7] = 1;	  /* seq */
		buf[12] = 5 << 4; /* 20 bytes of header */
		buf[13] = TH_SYN; /* flags */
		buf[14] = 0xfa;	  /* window */
		if (p->family == AF_INET) {
			for (int i = 0; i < 4; i += 2) {
				sum += (uint32_t)(p->saddr[i] << 8 | p->saddr[i + 1]);
				sum += (uint32_t)(p->daddr[i] << 8 | p->daddr[i + 1]);
			}
			sum += IPPROTO_TCP + (uint32_t)n;
			uint16_t c = csum(buf, n, sum);
			buf[16] = (uint8_t)(c >> 8);
			buf[17] = (uint8_t)c;
		}
	}
	return n;
}

/* Whether the packet in buf (n bytes; IPv4's with its header) is the
 * probe (reply false) or its reply, from src. */
static bool probe_match(const struct probe *pr, const uint8_t *buf, size_t n, const uint8_t *src,
			bool reply)
{
	const struct trace_pkt *p = reply ? &pr->p : &pr->got;
	const uint8_t *from = reply ? p->daddr : p->saddr;
	size_t alen = p->family == AF_INET6 ? 16 : 4;
	const uint8_t *l4 = buf;

	if (p->family == AF_INET) {
		size_t ihl;
		if (n < 20 || buf[9] != p->proto)
			return false;
		ihl = (size_t)(buf[0] & 0xf) * 4;
		if (n < ihl + 8 || memcmp(buf + 12, from, 4))
			return false;
		l4 = buf + ihl;
		n -= ihl;
	} else if (n < 8 || memcmp(src, from, alen)) {
		return false;
	}
	if (p->proto == IPPROTO_ICMP || p->proto == IPPROTO_ICMPV6) {
		uint8_t want = reply ? (p->proto == IPPROTO_ICMP ? 0 : 129) : p->icmp_type;
		return l4[0] == want && (uint16_t)(l4[4] << 8 | l4[5]) == pr->id;
	}
	uint16_t s = (uint16_t)(l4[0] << 8 | l4[1]), d = (uint16_t)(l4[2] << 8 | l4[3]);
	return reply ? s == p->dport && d == p->sport : s == p->sport && d == p->dport;
}

static bool sock_hears(const struct probe *pr, int fd, bool reply)
{
	uint8_t buf[70000];
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	ssize_t n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&ss, &sl);
	const uint8_t *src;

	if (n < 0)
		return reply && pr->p.proto == IPPROTO_UDP && errno == ECONNREFUSED;
	if (pr->p.proto == IPPROTO_UDP && reply)
		return true; /* a connected socket hears only its peer */
	src = ss.ss_family == AF_INET6 ? (const uint8_t *)&((struct sockaddr_in6 *)&ss)->sin6_addr
				       : (const uint8_t *)&((struct sockaddr_in *)&ss)->sin_addr;
	return probe_match(pr, buf, (size_t)n, src, reply);
}

/* A raw socket for the probe in the starting namespace and every named
 * one that owns its destination; the walk comes back to where it was. */
static int listeners(struct trace *t, struct probe *pr)
{
	struct names names = {0};
	char from[sizeof(t->ns)];
	const char *name;
	struct stat home, st;
	int back, rc = 0, fd;

	if (netns_names_read(t->c, &names) < 0)
		t->c->reason[0] = t->c->hint[0] = '\0';
	if (fstat(t->home, &home) < 0 || (back = trace_here(t)) < 0) {
		netns_names_free(&names);
		return err_errno(t->c, errno, "the namespace the trace started in");
	}
	memcpy(from, t->ns, sizeof(from));
	/* i == names.n: the starting namespace */
	for (size_t i = 0; i <= names.n && pr->nlisten < LISTEN_MAX; i++) {
		char path[PATH_MAX];

		if (i == names.n) {
			name = t->c->netns ? t->c->netns : "(start)";
			fd = dup(t->home);
		} else {
			name = names.v[i];
			snprintf(path, sizeof(path), "/run/netns/%s", name);
			if (stat(path, &st) == 0 && st.st_ino == home.st_ino)
				continue; /* the starting one, named */
			fd = netns_open_named(&t->wc, name);
		}
		if (fd < 0) {
			t->wc.reason[0] = t->wc.hint[0] = '\0';
			continue;
		}
		if ((rc = trace_ns_go(t, fd, name)) < 0)
			break;
		if (!trace_owns(t, pr->got.daddr, 0))
			continue;
		fd = socket(pr->p.family, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
			    pr->p.proto != IPPROTO_ICMP ? pr->p.proto
			    : pr->p.family == AF_INET6	? IPPROTO_ICMPV6
							: IPPROTO_ICMP);
		if (fd < 0) {
			rc = err_errno(t->c, errno, "a raw socket to hear the probe");
			break;
		}
		snprintf(pr->where[pr->nlisten], sizeof(pr->where[0]), "%s", name);
		pr->listen[pr->nlisten++] = fd;
	}
	netns_names_free(&names);
	if (rc < 0) {
		close(back);
		return rc;
	}
	return trace_ns_go(t, back, from);
}

/* The probe sent from the starting namespace. */
static int probe_send(struct trace *t, struct probe *pr)
{
	const struct trace_pkt *p = &pr->p;
	bool v6 = p->family == AF_INET6;
	unsigned hdr = v6 ? 40 : 20;
	int fd, rc, type = p->proto == IPPROTO_UDP ? SOCK_DGRAM : SOCK_RAW;
	int pmtu = t->df ? IP_PMTUDISC_DO : IP_PMTUDISC_DONT, on = 1;
	struct sockaddr_storage ss;
	socklen_t sl;
	size_t n = p->len > hdr ? p->len - hdr : 0;
	uint8_t *buf;

	if ((fd = dup(t->home)) < 0)
		return err_errno(t->c, errno, NULL);
	if ((rc = trace_ns_go(t, fd, t->c->netns ? t->c->netns : "(start)")) < 0)
		return rc;
	if ((pr->tx = socket(p->family, type | SOCK_CLOEXEC | SOCK_NONBLOCK,
			     type == SOCK_DGRAM ? 0 : p->proto)) < 0)
		return err_errno(t->c, errno, "the probe's socket");
	if (v6) {
		setsockopt(pr->tx, IPPROTO_IPV6, IPV6_MTU_DISCOVER, &pmtu, sizeof(pmtu));
		if (t->df)
			setsockopt(pr->tx, IPPROTO_IPV6, IPV6_DONTFRAG, &on, sizeof(on));
		if (p->proto == IPPROTO_TCP) {
			int off = 16;
			setsockopt(pr->tx, IPPROTO_IPV6, IPV6_CHECKSUM, &off, sizeof(off));
		}
	} else {
		setsockopt(pr->tx, IPPROTO_IP, IP_MTU_DISCOVER, &pmtu, sizeof(pmtu));
	}
	if (p->mark && setsockopt(pr->tx, SOL_SOCKET, SO_MARK, &p->mark, sizeof(p->mark)) < 0)
		return err_errno(t->c, errno, "the probe's mark");
	sl = sa_fill(p->family, p->saddr, type == SOCK_DGRAM ? p->sport : 0, &ss);
	if (bind(pr->tx, (struct sockaddr *)&ss, sl) < 0)
		return err_errno(t->c, errno, "binding the probe to its source");
	sl = sa_fill(p->family, p->daddr, type == SOCK_DGRAM ? p->dport : 0, &ss);
	if (type == SOCK_DGRAM) {
		n = n > 8 ? n - 8 : 0;
		if (connect(pr->tx, (struct sockaddr *)&ss, sl) < 0) {
			pr->send_err = errno;
			return 0;
		}
	}
	if (!(buf = calloc(1, n + 1)))
		abort();
	if (type == SOCK_RAW)
		probe_build(pr, buf, n);
	if (sendto(pr->tx, buf, n, 0, type == SOCK_DGRAM ? NULL : (struct sockaddr *)&ss,
		   type == SOCK_DGRAM ? 0 : sl) < 0)
		pr->send_err = errno;
	free(buf);
	return 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Up to a second for the probe to arrive and its reply to come back,
 * three when they are expected. */
static void probe_wait(struct probe *pr, bool want_reply, bool expected)
{
	long end = now_ms() + (expected ? WAIT_EXPECTED_MS : WAIT_MS);
	struct pollfd fds[LISTEN_MAX + 1];

	while (!(pr->arrived && (pr->replied || !want_reply)) && now_ms() < end) {
		int n = 0;
		for (int i = 0; i < pr->nlisten; i++)
			fds[n++] = (struct pollfd){.fd = pr->listen[i], .events = POLLIN};
		fds[n++] = (struct pollfd){.fd = pr->tx, .events = POLLIN};
		if (poll(fds, (nfds_t)n, (int)(end - now_ms())) <= 0)
			continue;
		for (int i = 0; i < pr->nlisten; i++) {
			char drop[64];
			if (!(fds[i].revents & (POLLIN | POLLERR)))
				continue;
			if (pr->arrived) /* heard: what comes after is not asked for */
				(void)!recv(pr->listen[i], drop, sizeof(drop), MSG_DONTWAIT);
			else if (sock_hears(pr, pr->listen[i], false)) {
				pr->arrived = true;
				snprintf(pr->at, sizeof(pr->at), "%s", pr->where[i]);
			}
		}
		if ((fds[n - 1].revents & (POLLIN | POLLERR)) && sock_hears(pr, pr->tx, true))
			pr->replied = true;
	}
}

int trace_verify(struct trace *t, const struct trace_verdict *v)
{
	struct probe pr = {.p = v->pkt, .got = v->pkt, .tx = -1};
	struct out *o = t->c->out;
	char why[192];
	bool agree, oneway = v->oneway;
	int rc;

	/* a packet of another protocol has no reply to wait for */
	if (pr.p.proto != IPPROTO_TCP && pr.p.proto != IPPROTO_UDP && pr.p.proto != IPPROTO_ICMP &&
	    pr.p.proto != IPPROTO_ICMPV6)
		oneway = true;

	/* NAT on the way: the walk's packet is the one that arrives; the
	 * probe is sent as it left, and its reply comes back to that */
	trace_fw_sent(&pr.p);
	pr.id = (uint16_t)(getpid() ^ 0x5a5a);
	if (pr.p.proto == IPPROTO_TCP || pr.p.proto == IPPROTO_UDP) {
		if (!pr.p.sport)
			pr.p.sport = (uint16_t)(40000 + getpid() % 20000);
		if (!pr.p.dport)
			pr.p.dport = pr.p.proto == IPPROTO_TCP ? TCP_PORT : UDP_PORT;
		if (!pr.got.sport)
			pr.got.sport = pr.p.sport;
		if (!pr.got.dport)
			pr.got.dport = pr.p.dport;
		pr.id = pr.p.sport;
	}
	rc = listeners(t, &pr);
	if (rc == 0)
		rc = probe_send(t, &pr);
	if (rc == 0 && !pr.send_err)
		probe_wait(&pr, !oneway, v->reached);
	for (int i = 0; i < pr.nlisten; i++)
		close(pr.listen[i]);
	if (pr.tx >= 0)
		close(pr.tx);
	if (rc < 0)
		return rc;
	if (!v->reached)
		agree = !pr.arrived;
	else
		agree = pr.arrived && (oneway || pr.replied == v->back_reached);
	if (pr.send_err)
		snprintf(why, sizeof(why), "the probe was not sent (%s)", strerror(pr.send_err));
	else if (!pr.arrived)
		snprintf(why, sizeof(why), "the probe did not arrive");
	else if (oneway)
		snprintf(why, sizeof(why), "the probe arrived in %.64s", pr.at);
	else
		snprintf(why, sizeof(why), "the probe arrived in %.64s, its reply %s", pr.at,
			 pr.replied ? "came back" : "did not come back");
	out_obj_open(o, "verify");
	out_str(o, OUT_TEXT, NULL, "%s", "verify: ");
	out_bool(o, OUT_JSON, "sent", NULL, !pr.send_err);
	out_bool(o, OUT_JSON, "arrived", NULL, pr.arrived);
	if (pr.arrived)
		out_str(o, OUT_JSON, "netns", NULL, pr.at);
	if (!oneway)
		out_bool(o, OUT_JSON, "replied", NULL, pr.replied);
	out_bool(o, OUT_JSON, "agrees", NULL, agree);
	out_str(o, OUT_TEXT, NULL, "%s", why);
	out_str(o, OUT_TEXT, NULL, "%s\n", agree ? ": as predicted" : ": NOT as predicted");
	out_obj_close(o);
	if (agree)
		return 0;
	err_fail(t->c, "the kernel disagrees with the prediction: %s", why);
	return -VN_EDISAGREE;
}
