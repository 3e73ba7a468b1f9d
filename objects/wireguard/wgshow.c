// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * wireguard show: each device's WG_CMD_GET_DEVICE dump, gathered (a device
 * with many peers comes in several messages, a peer with many allowed ips
 * in several too), then printed as wg show prints it, or as JSON.  The
 * private and preshared keys the kernel sends are never kept: only whether
 * they are set.
 */
#include <errno.h>
#include <net/if.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "link.h"
#include "out.h"
#include "wireguard.h"

struct wg_ip {
	int family;
	uint8_t addr[16];
	uint8_t cidr;
};

struct wg_peer {
	uint8_t key[WG_KEY_LEN];
	bool psk;	     /* a preshared key is set */
	char endpoint[64];   /* "" when none */
	uint16_t keepalive;  /* seconds, 0: off */
	long long handshake; /* seconds since the epoch, 0: never */
	unsigned long long rx, tx;
	struct wg_ip *ips;
	size_t nips, capips;
};

struct wg_dev {
	const char *name;
	uint32_t ifindex;
	uint8_t pub[WG_KEY_LEN];
	bool has_pub, has_priv;
	uint16_t port;
	uint32_t fwmark;
	struct wg_peer *peers;
	size_t npeers, cappeers;
	int err;
};

static bool nonzero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	for (size_t i = 0; i < n; i++)
		acc |= p[i];
	return acc != 0;
}

static bool key_of(const struct nlattr *a, uint8_t key[WG_KEY_LEN])
{
	if (!a || mnl_attr_get_payload_len(a) != WG_KEY_LEN)
		return false;
	memcpy(key, mnl_attr_get_payload(a), WG_KEY_LEN);
	return true;
}

static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t ncap = *cap ? *cap * 2 : 8;
	void *nv = realloc(*v, ncap * size);
	if (!nv)
		return false;
	*v = nv;
	*cap = ncap;
	return true;
}

static void endpoint_text(const struct nlattr *a, char *buf, size_t sz)
{
	const void *p = mnl_attr_get_payload(a);
	size_t len = mnl_attr_get_payload_len(a);
	char addr[INET6_ADDRSTRLEN];
	struct sockaddr_in6 s6;
	struct sockaddr_in s4;

	buf[0] = '\0';
	if (len == sizeof(s4) && ((const struct sockaddr *)p)->sa_family == AF_INET) {
		memcpy(&s4, p, sizeof(s4));
		snprintf(buf, sz, "%s:%u", format_addr(AF_INET, &s4.sin_addr, addr, sizeof(addr)),
			 ntohs(s4.sin_port));
	} else if (len == sizeof(s6) && ((const struct sockaddr *)p)->sa_family == AF_INET6) {
		memcpy(&s6, p, sizeof(s6));
		snprintf(buf, sz, "[%s]:%u",
			 format_addr(AF_INET6, &s6.sin6_addr, addr, sizeof(addr)),
			 ntohs(s6.sin6_port));
	}
}

static int add_ips(struct wg_peer *p, const struct nlattr *list)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, list)
	{
		const struct nlattr *tb[WGALLOWEDIP_A_MAX + 1];
		uint16_t family;
		uint8_t cidr;
		struct wg_ip *ip;

		nl_parse_nested(a, tb, WGALLOWEDIP_A_MAX);
		if (!nl_attr_u16(tb[WGALLOWEDIP_A_FAMILY], &family) ||
		    !nl_attr_u8(tb[WGALLOWEDIP_A_CIDR_MASK], &cidr) || !tb[WGALLOWEDIP_A_IPADDR])
			continue;
		size_t len = mnl_attr_get_payload_len(tb[WGALLOWEDIP_A_IPADDR]);
		if ((family != AF_INET || len != 4) && (family != AF_INET6 || len != 16))
			continue;
		if (!grow((void **)&p->ips, &p->capips, p->nips, sizeof(*p->ips)))
			return -ENOMEM;
		ip = &p->ips[p->nips++];
		*ip = (struct wg_ip){.family = family, .cidr = cidr};
		memcpy(ip->addr, mnl_attr_get_payload(tb[WGALLOWEDIP_A_IPADDR]), len);
	}
	return 0;
}

/* One peer of a message: a new one, or the last one continued. */
static int add_peer(struct wg_dev *d, const struct nlattr *nest)
{
	const struct nlattr *tb[WGPEER_A_MAX + 1];
	uint8_t key[WG_KEY_LEN];
	struct wg_peer *p;
	const struct nlattr *a;

	nl_parse_nested(nest, tb, WGPEER_A_MAX);
	if (!key_of(tb[WGPEER_A_PUBLIC_KEY], key))
		return 0;
	p = d->npeers ? &d->peers[d->npeers - 1] : NULL;
	if (!p || memcmp(p->key, key, sizeof(key))) {
		if (!grow((void **)&d->peers, &d->cappeers, d->npeers, sizeof(*d->peers)))
			return -ENOMEM;
		p = &d->peers[d->npeers++];
		*p = (struct wg_peer){0};
		memcpy(p->key, key, sizeof(key));
	}
	if ((a = tb[WGPEER_A_PRESHARED_KEY]))
		p->psk = nonzero(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a));
	if ((a = tb[WGPEER_A_ENDPOINT]))
		endpoint_text(a, p->endpoint, sizeof(p->endpoint));
	nl_attr_u16(tb[WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL], &p->keepalive);
	if ((a = tb[WGPEER_A_LAST_HANDSHAKE_TIME]) &&
	    mnl_attr_get_payload_len(a) == sizeof(struct __kernel_timespec)) {
		struct __kernel_timespec ts;
		memcpy(&ts, mnl_attr_get_payload(a), sizeof(ts));
		p->handshake = ts.tv_sec;
	}
	if ((a = tb[WGPEER_A_RX_BYTES]) && mnl_attr_get_payload_len(a) == 8)
		p->rx = mnl_attr_get_u64(a);
	if ((a = tb[WGPEER_A_TX_BYTES]) && mnl_attr_get_payload_len(a) == 8)
		p->tx = mnl_attr_get_u64(a);
	return tb[WGPEER_A_ALLOWEDIPS] ? add_ips(p, tb[WGPEER_A_ALLOWEDIPS]) : 0;
}

static int device_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[WGDEVICE_A_MAX + 1], *a;
	struct wg_dev *d = data;
	uint8_t priv[WG_KEY_LEN];

	nl_parse(nlh, GENL_HDRLEN, tb, WGDEVICE_A_MAX);
	nl_attr_u32(tb[WGDEVICE_A_IFINDEX], &d->ifindex);
	nl_attr_u16(tb[WGDEVICE_A_LISTEN_PORT], &d->port);
	nl_attr_u32(tb[WGDEVICE_A_FWMARK], &d->fwmark);
	if (key_of(tb[WGDEVICE_A_PUBLIC_KEY], d->pub))
		d->has_pub = nonzero(d->pub, sizeof(d->pub));
	if (key_of(tb[WGDEVICE_A_PRIVATE_KEY], priv)) {
		d->has_priv = nonzero(priv, sizeof(priv));
		sodium_memzero(priv, sizeof(priv));
	}
	if (tb[WGDEVICE_A_PEERS]) {
		mnl_attr_for_each_nested(a, tb[WGDEVICE_A_PEERS])
		{
			if ((d->err = add_peer(d, a)) < 0) {
				errno = -d->err;
				return MNL_CB_ERROR;
			}
		}
	}
	return MNL_CB_OK;
}

static void dev_free(struct wg_dev *d)
{
	for (size_t i = 0; i < d->npeers; i++)
		free(d->peers[i].ips);
	free(d->peers);
}

/* The device's state from the kernel's dump (NLM_F_DUMP is required for
 * WG_CMD_GET_DEVICE). */
static int dev_load(struct ctx *c, const char *name, struct wg_dev *d)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	int rc;

	*d = (struct wg_dev){.name = name};
	if ((rc = genl_msg(c, &wg_family, buf, WG_CMD_GET_DEVICE, 0, &nlh)) < 0)
		return rc;
	mnl_attr_put_strz(nlh, WGDEVICE_A_IFNAME, name);
	rc = genl_dump(c, nlh, device_cb, d);
	if (rc == -ENODEV && !c->reason[0])
		rc = err_nodev(c, name);
	else if (rc == -EOPNOTSUPP && !c->reason[0])
		rc = err_fail(c, "%s is not a wireguard device", name);
	if (rc < 0)
		dev_free(d);
	return rc;
}

int wg_has_peer(struct ctx *c, const char *dev, const uint8_t key[WG_KEY_LEN])
{
	struct wg_dev d;
	int rc = dev_load(c, dev, &d);

	for (size_t i = 0; rc == 0 && i < d.npeers; i++)
		if (!memcmp(d.peers[i].key, key, WG_KEY_LEN))
			rc = 1;
	if (rc >= 0)
		dev_free(&d);
	return rc;
}

/* ---- printing ------------------------------------------------------------ */

/* "1 minute, 5 seconds", as wg counts a span of time. */
static void span_text(long long secs, char *buf, size_t sz)
{
	static const struct {
		long long len;
		const char *unit;
	} units[] = {{365LL * 24 * 3600, "year"},
		     {24 * 3600, "day"},
		     {3600, "hour"},
		     {60, "minute"},
		     {1, "second"}};
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(units) && off < sz; i++) {
		long long n = secs / units[i].len;
		if (!n)
			continue;
		secs %= units[i].len;
		off += (size_t)snprintf(buf + off, sz - off, "%s%lld %s%s", off ? ", " : "", n,
					units[i].unit, n == 1 ? "" : "s");
	}
}

/* "1.50 KiB", or "92 B" below a KiB, as wg prints a count of bytes. */
static void bytes_text(unsigned long long n, char *buf, size_t sz)
{
	static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
	double v = (double)n;
	size_t u = 0;

	if (n < 1024) {
		snprintf(buf, sz, "%llu B", n);
		return;
	}
	for (v /= 1024; v >= 1024 && u + 1 < ARRAY_SIZE(units); u++)
		v /= 1024;
	snprintf(buf, sz, "%.2f %s", v, units[u]);
}

static void print_peer(struct ctx *c, const struct wg_peer *p)
{
	struct out *o = c->out;
	char key[WG_KEY_B64], text[128], addr[INET6_ADDRSTRLEN];

	wg_key_text(p->key, key);
	out_obj_open(o, NULL);
	out_text(o, "\n");
	out_str(o, OUT_ANY, "public_key", "peer: %s", key);
	out_nl(o);
	out_bool(o, OUT_JSON, "preshared_key_set", NULL, p->psk);
	if (p->psk) {
		out_text(o, "  preshared key: (hidden)");
		out_nl(o);
	}
	if (p->endpoint[0]) {
		out_str(o, OUT_ANY, "endpoint", "  endpoint: %s", p->endpoint);
		out_nl(o);
	} else {
		out_null(o, "endpoint");
	}
	out_text(o, "  allowed ips: ");
	out_list_open(o, "allowed_ips");
	for (size_t i = 0; i < p->nips; i++) {
		snprintf(text, sizeof(text), "%s/%u",
			 format_addr(p->ips[i].family, p->ips[i].addr, addr, sizeof(addr)),
			 p->ips[i].cidr);
		out_str(o, OUT_ANY, NULL, i ? ", %s" : "%s", text);
	}
	out_list_close(o);
	if (!p->nips)
		out_text(o, "(none)");
	out_nl(o);
	out_u64(o, OUT_JSON, "latest_handshake", NULL, (unsigned long long)p->handshake);
	if (p->handshake) {
		long long ago = (long long)time(NULL) - p->handshake;
		span_text(ago, text, sizeof(text));
		out_text(o, "  latest handshake: %s", ago > 0 ? text : "Now");
		if (ago > 0)
			out_text(o, " ago");
		out_nl(o);
	}
	out_u64(o, OUT_JSON, "rx_bytes", NULL, p->rx);
	out_u64(o, OUT_JSON, "tx_bytes", NULL, p->tx);
	if (p->rx || p->tx) {
		bytes_text(p->rx, text, sizeof(text));
		out_text(o, "  transfer: %s received, ", text);
		bytes_text(p->tx, text, sizeof(text));
		out_text(o, "%s sent", text);
		out_nl(o);
	}
	out_uint(o, OUT_JSON, "persistent_keepalive", NULL, p->keepalive);
	if (p->keepalive) {
		span_text(p->keepalive, text, sizeof(text));
		out_text(o, "  persistent keepalive: every %s", text);
		out_nl(o);
	}
	out_obj_close(o);
}

static void print_dev(struct ctx *c, const struct wg_dev *d, bool first)
{
	struct out *o = c->out;
	char key[WG_KEY_B64];

	out_obj_open(o, NULL);
	if (!first)
		out_text(o, "\n");
	out_strc(o, OUT_ANY, COL_IFNAME, "ifname", "interface: %s", d->name);
	out_nl(o);
	out_uint(o, OUT_JSON, "ifindex", NULL, d->ifindex);
	if (d->has_pub) {
		wg_key_text(d->pub, key);
		out_str(o, OUT_ANY, "public_key", "  public key: %s", key);
		out_nl(o);
	} else {
		out_null(o, "public_key");
	}
	/* never the private key itself: whether there is one */
	out_bool(o, OUT_JSON, "private_key_set", NULL, d->has_priv);
	if (d->has_priv) {
		out_text(o, "  private key: (hidden)");
		out_nl(o);
	}
	out_uint(o, OUT_JSON, "listen_port", NULL, d->port);
	if (d->port) {
		out_uint(o, OUT_TEXT, NULL, "  listening port: %u", d->port);
		out_nl(o);
	}
	out_uint(o, OUT_JSON, "fwmark", NULL, d->fwmark);
	if (d->fwmark) {
		out_uint(o, OUT_TEXT, NULL, "  fwmark: 0x%x", d->fwmark);
		out_nl(o);
	}
	out_list_open(o, "peers");
	for (size_t i = 0; i < d->npeers; i++)
		print_peer(c, &d->peers[i]);
	out_list_close(o);
	out_obj_close(o);
}

struct wg_names {
	char (*v)[IFNAMSIZ];
	size_t n, cap;
};

static int names_cb(struct ctx *c, const struct link_msg *m, void *data)
{
	struct wg_names *l = data;

	(void)c;
	if (!m->kind || strcmp(m->kind, wg_family.name) || !m->name)
		return 0;
	if (!grow((void **)&l->v, &l->cap, l->n, sizeof(*l->v)))
		return -ENOMEM;
	snprintf(l->v[l->n++], IFNAMSIZ, "%s", m->name);
	return 0;
}

int wg_show(struct ctx *c, const struct val *v)
{
	struct wg_names names = {0};
	struct wg_dev d;
	int rc = 0;

	if (v[0].set) {
		if ((rc = dev_load(c, v[0].str, &d)) < 0)
			return rc;
		out_list_open(c->out, NULL);
		print_dev(c, &d, true);
		out_list_close(c->out);
		dev_free(&d);
		return 0;
	}
	if ((rc = link_walk(c, NULL, names_cb, &names)) < 0)
		goto out;
	out_list_open(c->out, NULL);
	for (size_t i = 0; i < names.n; i++) {
		/* gone since the walk: not shown */
		if ((rc = dev_load(c, names.v[i], &d)) == -ENODEV) {
			c->reason[0] = '\0';
			rc = 0;
			continue;
		}
		if (rc < 0)
			break;
		print_dev(c, &d, i == 0);
		dev_free(&d);
	}
	out_list_close(c->out);
out:
	free(names.v);
	return rc;
}
