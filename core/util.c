// SPDX-License-Identifier: GPL-2.0-or-later
/* The object registry and the small parsers every module shares. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core.h"

/* ---- the object registry ------------------------------------------------ */

static const struct object *objects[64];
static size_t nobjects;

void object_register(const struct object *o)
{
	size_t i = nobjects;

	if (nobjects == ARRAY_SIZE(objects))
		abort();
	/* keep them sorted, so help and completion list them in order */
	while (i > 0 && strcmp(objects[i - 1]->name, o->name) > 0) {
		objects[i] = objects[i - 1];
		i--;
	}
	objects[i] = o;
	nobjects++;
}

const struct object *objects_find(const char *name)
{
	for (size_t i = 0; i < nobjects; i++)
		if (!strcmp(objects[i]->name, name))
			return objects[i];
	return NULL;
}

const struct object *const *objects_all(size_t *n)
{
	*n = nobjects;
	return objects;
}

/* ---- names, numbers, addresses ------------------------------------------ */

/* Every object's "del" answers to "delete" too, as ip's do, and its
 * "show" to "list" and "lst". */
const char *const verb_del_aliases[] = {"delete", NULL};
const char *const verb_show_aliases[] = {"list", "lst", NULL};

const char *arg_alias(const struct arg *a, size_t n)
{
	if (a->alias && n-- == 0)
		return a->alias;
	for (size_t i = 0; a->aliases && a->aliases[i]; i++)
		if (n-- == 0)
			return a->aliases[i];
	return NULL;
}

/* The verb of o named exactly w (an alias too), or NULL. */
const struct verb *verb_exact(const struct object *o, const char *w)
{
	for (size_t i = 0; i < o->nverbs; i++) {
		const struct verb *v = &o->verbs[i];
		if (!strcmp(v->name, w))
			return v;
		for (size_t a = 0; v->aliases && v->aliases[a]; a++)
			if (!strcmp(v->aliases[a], w))
				return v;
	}
	return NULL;
}

const char *ifname_invalid(const char *name)
{
	size_t len = strlen(name);

	if (len == 0)
		return "empty";
	if (len >= IFNAMSIZ)
		return "longer than 15 bytes";
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return "reserved name";
	for (const char *p = name; *p; p++) {
		if (*p == '/' || *p == ':')
			return "'/' and ':' are not allowed";
		if (isspace((unsigned char)*p))
			return "white space is not allowed";
	}
	return NULL;
}

int parse_u32(const char *s, uint32_t *v)
{
	char *end;
	unsigned long long n;

	if (!*s || *s == '-' || *s == '+' || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	n = strtoull(s, &end, 0);
	if (errno || *end || n > UINT32_MAX)
		return -EINVAL;
	*v = (uint32_t)n;
	return 0;
}

const char *const prefix_any_words[] = {"default", "all", "any", NULL};

int parse_prefix(const char *s, bool allow_default, int want_family, struct inet_prefix *p)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	uint32_t len;
	int max;

	memset(p, 0, sizeof(*p));
	for (int i = 0; allow_default && prefix_any_words[i]; i++)
		if (!strcmp(s, prefix_any_words[i])) {
			p->family = want_family;
			p->has_len = true;
			return 0;
		}
	if (strlen(s) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	if (inet_pton(AF_INET, buf, &p->v4) == 1) {
		p->family = AF_INET;
		max = 32;
	} else if (inet_pton(AF_INET6, buf, &p->v6) == 1) {
		p->family = AF_INET6;
		max = 128;
	} else {
		return -EINVAL;
	}
	if (want_family != AF_UNSPEC && want_family != p->family)
		return -EAFNOSUPPORT;
	p->len = (uint8_t)max;
	/* an IPv4 netmask, as ifupdown and dhclient-script write it: ones
	 * then zeros, "255.255.255.0" for 24 */
	if (slash && p->family == AF_INET && strchr(slash + 1, '.')) {
		struct in_addr mask;
		uint32_t m;

		if (inet_pton(AF_INET, slash + 1, &mask) != 1)
			return -EINVAL;
		m = ~ntohl(mask.s_addr); /* the host bits: ones only at the end */
		if (m & (m + 1))
			return -EINVAL;
		p->len = (uint8_t)(32 - __builtin_popcount(m));
		p->has_len = true;
		return 0;
	}
	if (slash) {
		const char *d = slash + 1;
		if (!*d || strspn(d, "0123456789") != strlen(d) || strlen(d) > 3)
			return -EINVAL;
		len = (uint32_t)strtoul(d, NULL, 10);
		if (len > (uint32_t)max)
			return -EINVAL;
		p->len = (uint8_t)len;
		p->has_len = true;
	}
	return 0;
}

int parse_mac(const char *s, uint8_t mac[6])
{
	for (int i = 0; i < 6; i++) {
		if (!isxdigit((unsigned char)s[0]))
			return -EINVAL;
		unsigned v = (unsigned)strtoul(s, NULL, 16);
		s += isxdigit((unsigned char)s[1]) ? 2 : 1;
		if (v > 0xff)
			return -EINVAL;
		mac[i] = (uint8_t)v;
		if (i < 5 && *s++ != ':')
			return -EINVAL;
	}
	return *s ? -EINVAL : 0;
}

const char *format_mac(const uint8_t *mac, size_t len, char *buf, size_t bufsz)
{
	static const char hex[] = "0123456789abcdef";
	size_t off = 0;

	/* by hand: a link dump formats one or two per device */
	for (size_t i = 0; i < len && off + 4 <= bufsz; i++) {
		if (i)
			buf[off++] = ':';
		buf[off++] = hex[mac[i] >> 4];
		buf[off++] = hex[mac[i] & 15];
	}
	buf[off] = '\0';
	return buf;
}

const char *format_addr(int family, const void *addr, char *buf, size_t bufsz)
{
	if (!inet_ntop(family, addr, buf, (socklen_t)bufsz))
		snprintf(buf, bufsz, "?");
	return buf;
}

/* -r's answers, names and misses alike: a listing names the same gateway on
 * many lines, and a miss through DNS takes its time (ip keeps them too).
 * They live as long as the process (a shell session's commands share them). */
struct host_name {
	struct host_name *next;
	int family;
	uint8_t addr[16];
	char name[]; /* "" for an address without a name */
};

static struct host_name *host_names[64];

static unsigned host_hash(const uint8_t *addr, size_t len)
{
	unsigned h = 0;

	for (size_t i = 0; i < len; i++)
		h = h * 31 + addr[i];
	return h % ARRAY_SIZE(host_names);
}

/* The resolver's name for the address, "" for none; NULL without memory. */
static const char *host_lookup(int family, const void *addr)
{
	size_t alen = family == AF_INET ? 4 : 16;
	struct host_name **head = &host_names[host_hash(addr, alen)], *n;
	struct sockaddr_in sin = {.sin_family = AF_INET};
	struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6};
	const struct sockaddr *sa = (const struct sockaddr *)&sin;
	socklen_t len = sizeof(sin);
	char name[NI_MAXHOST];

	for (n = *head; n; n = n->next)
		if (n->family == family && !memcmp(n->addr, addr, alen))
			return n->name;
	if (family == AF_INET) {
		memcpy(&sin.sin_addr, addr, alen);
	} else {
		memcpy(&sin6.sin6_addr, addr, alen);
		sa = (const struct sockaddr *)&sin6;
		len = sizeof(sin6);
	}
	if (getnameinfo(sa, len, name, sizeof(name), NULL, 0, NI_NAMEREQD) != 0)
		name[0] = '\0';
	if (!(n = malloc(sizeof(*n) + strlen(name) + 1)))
		return NULL;
	n->family = family;
	memset(n->addr, 0, sizeof(n->addr));
	memcpy(n->addr, addr, alen);
	strcpy(n->name, name);
	n->next = *head;
	*head = n;
	return n->name;
}

/* iproute2's -resolve: a reverse lookup through the resolver (hosts file,
 * then DNS as nsswitch.conf says); an address without a name is its
 * number. */
const char *format_host(const struct ctx *c, int family, const void *addr, char *buf, size_t bufsz)
{
	const char *name;

	if (!(c->flags & CTX_RESOLVE) || (family != AF_INET && family != AF_INET6))
		return format_addr(family, addr, buf, bufsz);
	name = host_lookup(family, addr);
	if (!name || !*name)
		return format_addr(family, addr, buf, bufsz);
	snprintf(buf, bufsz, "%s", name);
	return buf;
}
