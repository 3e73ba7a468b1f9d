// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Dry run: a request printed decoded, header, fixed part and attributes by
 * their kernel names, so the reader sees what would have gone to the kernel.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <jansson.h>
#include <linux/if_addr.h>
#include <linux/if_bridge.h>
#include <linux/fib_rules.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/net_namespace.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "genl.h"
#include "nl.h"
#include "nldecode.h"

#include "link.h"

#define A	  NL_ATTR
#define attr_name nl_attr_name

static const struct attr_name link_attrs[IFLA_MAX + 1] = {
    A(IFLA_ADDRESS, NL_MAC),	    A(IFLA_BROADCAST, NL_MAC),
    A(IFLA_IFNAME, NL_STR),	    A(IFLA_MTU, NL_U32),
    A(IFLA_LINK, NL_U32),	    A(IFLA_QDISC, NL_STR),
    A(IFLA_MASTER, NL_U32),	    A(IFLA_TXQLEN, NL_U32),
    A(IFLA_OPERSTATE, NL_U8),	    A(IFLA_LINKMODE, NL_U8),
    A(IFLA_LINKINFO, NL_NEST),	    A(IFLA_NET_NS_PID, NL_U32),
    A(IFLA_IFALIAS, NL_STR),	    A(IFLA_NET_NS_FD, NL_U32),
    A(IFLA_EXT_MASK, NL_U32),	    A(IFLA_GROUP, NL_U32),
    A(IFLA_LINK_NETNSID, NL_U32),   A(IFLA_NEW_NETNSID, NL_U32),
    A(IFLA_TARGET_NETNSID, NL_U32), A(IFLA_ALT_IFNAME, NL_STR),
    A(IFLA_AF_SPEC, NL_NEST),	    A(IFLA_NUM_TX_QUEUES, NL_U32),
    A(IFLA_NUM_RX_QUEUES, NL_U32),  A(IFLA_PROMISCUITY, NL_U32),
};

static const struct attr_name linkinfo_attrs[IFLA_INFO_MAX + 1] = {
    A(IFLA_INFO_KIND, NL_STR),
    A(IFLA_INFO_DATA, NL_BIN),
    A(IFLA_INFO_SLAVE_KIND, NL_STR),
    A(IFLA_INFO_SLAVE_DATA, NL_BIN),
};

static const struct attr_name addr_attrs[IFA_MAX + 1] = {
    A(IFA_ADDRESS, NL_IP),   A(IFA_LOCAL, NL_IP),	 A(IFA_LABEL, NL_STR),
    A(IFA_BROADCAST, NL_IP), A(IFA_ANYCAST, NL_IP),	 A(IFA_CACHEINFO, NL_BIN),
    A(IFA_FLAGS, NL_U32),    A(IFA_RT_PRIORITY, NL_U32), A(IFA_TARGET_NETNSID, NL_U32),
};

static const struct attr_name route_attrs[RTA_MAX + 1] = {
    A(RTA_DST, NL_IP),	      A(RTA_SRC, NL_IP),	 A(RTA_IIF, NL_U32),
    A(RTA_OIF, NL_U32),	      A(RTA_GATEWAY, NL_IP),	 A(RTA_PRIORITY, NL_U32),
    A(RTA_PREFSRC, NL_IP),    A(RTA_METRICS, NL_NEST),	 A(RTA_TABLE, NL_U32),
    A(RTA_MARK, NL_U32),      A(RTA_PREF, NL_U8),	 A(RTA_VIA, NL_BIN),
    A(RTA_MULTIPATH, NL_BIN), A(RTA_FLOW, NL_U32),	 A(RTA_EXPIRES, NL_U32),
    A(RTA_UID, NL_U32),	      A(RTA_ENCAP_TYPE, NL_U16),
};

/* RTA_METRICS' attributes. */
static const struct attr_name metric_attrs[RTAX_MAX + 1] = {
    A(RTAX_LOCK, NL_U32),
    A(RTAX_MTU, NL_U32),
    A(RTAX_WINDOW, NL_U32),
    A(RTAX_RTT, NL_U32),
    A(RTAX_RTTVAR, NL_U32),
    A(RTAX_SSTHRESH, NL_U32),
    A(RTAX_CWND, NL_U32),
    A(RTAX_ADVMSS, NL_U32),
    A(RTAX_REORDERING, NL_U32),
    A(RTAX_HOPLIMIT, NL_U32),
    A(RTAX_INITCWND, NL_U32),
    A(RTAX_FEATURES, NL_U32),
    A(RTAX_RTO_MIN, NL_U32),
    A(RTAX_INITRWND, NL_U32),
    A(RTAX_QUICKACK, NL_U32),
    A(RTAX_CC_ALGO, NL_STR),
    A(RTAX_FASTOPEN_NO_COOKIE, NL_U32),
};

static const struct attr_name neigh_attrs[NDA_MAX + 1] = {
    A(NDA_DST, NL_IP),
    A(NDA_LLADDR, NL_MAC),
    A(NDA_IFINDEX, NL_U32),
};

static const struct attr_name rule_attrs[FRA_MAX + 1] = {
    A(FRA_DST, NL_IP),	     A(FRA_SRC, NL_IP),
    A(FRA_IFNAME, NL_STR),   A(FRA_GOTO, NL_U32),
    A(FRA_PRIORITY, NL_U32), A(FRA_FWMARK, NL_U32),
    A(FRA_TABLE, NL_U32),    A(FRA_FWMASK, NL_U32),
    A(FRA_OIFNAME, NL_STR),  A(FRA_SUPPRESS_PREFIXLEN, NL_U32),
};

static const struct attr_name nsid_attrs[NETNSA_MAX + 1] = {
    A(NETNSA_NSID, NL_U32),	   A(NETNSA_PID, NL_U32),	   A(NETNSA_FD, NL_U32),
    A(NETNSA_TARGET_NSID, NL_U32), A(NETNSA_CURRENT_NSID, NL_U32),
};

#define attr_set nl_attr_set

/* IFLA_AF_SPEC of a message of family AF_BRIDGE (bridge vlan). */
static const struct attr_name bridge_spec_attrs[IFLA_BRIDGE_MAX + 1] = {
    A(IFLA_BRIDGE_FLAGS, NL_U16),
    A(IFLA_BRIDGE_MODE, NL_U16),
    A(IFLA_BRIDGE_VLAN_INFO, NL_BIN),
};

static const struct attr_set bridge_spec_set = {bridge_spec_attrs, IFLA_BRIDGE_MAX, NULL, false,
						NULL};
/* IFLA_LINKINFO is read by print_linkinfo(), with the kind's names. */
static const struct attr_set link_set = {link_attrs, IFLA_MAX, NULL, false, NULL};
static const struct attr_set bridge_link_set = {link_attrs, IFLA_MAX, &bridge_spec_set, false,
						NULL};
static const struct attr_set addr_set = {addr_attrs, IFA_MAX, NULL, false, NULL};
static const struct attr_set metric_set = {metric_attrs, RTAX_MAX, NULL, false, NULL};
static const struct attr_set route_set = {route_attrs, RTA_MAX, &metric_set, false, NULL};
static const struct attr_set nsid_set = {nsid_attrs, NETNSA_MAX, NULL, false, NULL};
static const struct attr_set neigh_set = {neigh_attrs, NDA_MAX, NULL, false, NULL};
static const struct attr_set rule_set = {rule_attrs, FRA_MAX, NULL, false, NULL};

static const char *const msg_types[] = {
    [RTM_NEWLINK] = "RTM_NEWLINK",     [RTM_DELLINK] = "RTM_DELLINK",
    [RTM_GETLINK] = "RTM_GETLINK",     [RTM_SETLINK] = "RTM_SETLINK",
    [RTM_NEWADDR] = "RTM_NEWADDR",     [RTM_DELADDR] = "RTM_DELADDR",
    [RTM_GETADDR] = "RTM_GETADDR",     [RTM_NEWROUTE] = "RTM_NEWROUTE",
    [RTM_DELROUTE] = "RTM_DELROUTE",   [RTM_GETROUTE] = "RTM_GETROUTE",
    [RTM_NEWNSID] = "RTM_NEWNSID",     [RTM_GETNSID] = "RTM_GETNSID",
    [RTM_NEWNEIGH] = "RTM_NEWNEIGH",   [RTM_DELNEIGH] = "RTM_DELNEIGH",
    [RTM_GETNEIGH] = "RTM_GETNEIGH",   [RTM_NEWRULE] = "RTM_NEWRULE",
    [RTM_DELRULE] = "RTM_DELRULE",     [RTM_GETRULE] = "RTM_GETRULE",
    [RTM_NEWQDISC] = "RTM_NEWQDISC",   [RTM_DELQDISC] = "RTM_DELQDISC",
    [RTM_GETQDISC] = "RTM_GETQDISC",   [RTM_NEWTCLASS] = "RTM_NEWTCLASS",
    [RTM_DELTCLASS] = "RTM_DELTCLASS", [RTM_GETTCLASS] = "RTM_GETTCLASS",
};

/* ---- the emitter: text and JSON from the same calls ------------------------ */

/* Text goes to f; JSON is built in attrs (the array of the attributes
 * being read) and printed when the message is done. */
struct dec {
	FILE *f;
	json_t *attrs;
	int depth;
};

static void put(json_t *obj, const char *key, json_t *v)
{
	json_object_set_new(obj, key, v ? v : json_null());
}

/* A value formatted as text: printed (f), or the JSON object's "value". */
static void put_text(FILE *f, json_t *obj, const char *text)
{
	if (f)
		fputs(text, f);
	else
		put(obj, "value", json_string(text));
}

/* A string from the kernel or the user: as it is when it is UTF-8, else
 * with the other bytes written \xNN, as text shows it. */
static json_t *jstr(const uint8_t *p, size_t len)
{
	size_t n = strnlen((const char *)p, len);
	json_t *s = json_stringn((const char *)p, n);
	char buf[4 * 256 + 1];
	size_t o = 0;

	if (s)
		return s;
	for (size_t i = 0; i < n && o + 5 < sizeof(buf); i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, isprint(p[i]) ? "%c" : "\\x%02x",
				      p[i]);
	return json_string(buf);
}

static json_t *jhex(const uint8_t *p, size_t len)
{
	char *buf = malloc(2 * len + 1);
	json_t *s;

	if (!buf)
		abort();
	for (size_t i = 0; i < len; i++)
		snprintf(buf + 2 * i, 3, "%02x", p[i]);
	buf[2 * len] = '\0';
	s = json_string(buf);
	free(buf);
	return s;
}

static void print_flags(FILE *f, json_t *list, uint16_t flags)
{
	static const struct {
		uint16_t bit;
		const char *name;
	} names[] = {
	    {NLM_F_REQUEST, "REQUEST"}, {NLM_F_ACK, "ACK"},	    {NLM_F_CREATE, "CREATE"},
	    {NLM_F_EXCL, "EXCL"},	{NLM_F_REPLACE, "REPLACE"}, {NLM_F_APPEND, "APPEND"},
	};
	const char *sep = "";

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		if (!(flags & names[i].bit))
			continue;
		if (f)
			fprintf(f, "%s%s", sep, names[i].name);
		else
			json_array_append_new(list, json_string(names[i].name));
		sep = "|";
	}
}

/* An attribute's value: text after its name, or "value" (and "length"
 * for bytes) in its JSON object. */
/* A struct sockaddr_in or sockaddr_in6 as ADDR:PORT or [ADDR]:PORT. */
static bool sockaddr_text(const uint8_t *p, size_t len, char *buf, size_t sz)
{
	char a[INET6_ADDRSTRLEN];
	struct sockaddr_in6 s6;
	struct sockaddr_in s4;
	sa_family_t fam;

	if (len < sizeof(fam))
		return false;
	memcpy(&fam, p, sizeof(fam));
	if (fam == AF_INET && len == sizeof(s4)) {
		memcpy(&s4, p, sizeof(s4));
		snprintf(buf, sz, "%s:%u", format_addr(AF_INET, &s4.sin_addr, a, sizeof(a)),
			 ntohs(s4.sin_port));
		return true;
	}
	if (fam == AF_INET6 && len == sizeof(s6)) {
		memcpy(&s6, p, sizeof(s6));
		snprintf(buf, sz, "[%s]:%u", format_addr(AF_INET6, &s6.sin6_addr, a, sizeof(a)),
			 ntohs(s6.sin6_port));
		return true;
	}
	return false;
}

static void print_value(FILE *f, json_t *obj, const struct nlattr *a, enum nl_shape shape)
{
	const uint8_t *p = mnl_attr_get_payload(a);
	uint16_t len = mnl_attr_get_payload_len(a);
	char buf[INET6_ADDRSTRLEN + 8];
	long long n = -1;

	switch (shape) {
	case NL_STR:
		if (!f) {
			put(obj, "value", jstr(p, len));
			return;
		}
		fputc('"', f);
		for (uint16_t i = 0; i < len && p[i]; i++)
			fprintf(f, isprint(p[i]) && p[i] != '"' ? "%c" : "\\x%02x", p[i]);
		fputc('"', f);
		return;
	case NL_U8:
		n = len == 1 ? p[0] : -1;
		break;
	case NL_U16:
		n = len == 2 ? mnl_attr_get_u16(a) : -1;
		break;
	case NL_U32:
		n = len == 4 ? (long long)mnl_attr_get_u32(a) : -1;
		break;
	case NL_BE16:
		n = len == 2 ? ntohs(mnl_attr_get_u16(a)) : -1;
		break;
	case NL_BE32:
		n = len == 4 ? (long long)ntohl(mnl_attr_get_u32(a)) : -1;
		break;
	case NL_MAC:
		format_mac(p, len, buf, sizeof(buf));
		put_text(f, obj, buf);
		return;
	case NL_IP:
		/* link messages carry no family: the length tells */
		if (len == 4 || len == 16) {
			format_addr(len == 4 ? AF_INET : AF_INET6, p, buf, sizeof(buf));
			put_text(f, obj, buf);
			return;
		}
		break;
	case NL_SECRET:
		/* keys are never printed, not even in a dry run */
		if (f)
			fprintf(f, "(%u bytes, hidden)", len);
		else
			put(obj, "length", json_integer(len));
		return;
	case NL_BASE64: {
		char b64[sodium_base64_ENCODED_LEN(64, sodium_base64_VARIANT_ORIGINAL)];
		if (len <= 64) {
			sodium_bin2base64(b64, sizeof(b64), p, len, sodium_base64_VARIANT_ORIGINAL);
			put_text(f, obj, b64);
			return;
		}
		break;
	}
	case NL_SOCKADDR:
		if (sockaddr_text(p, len, buf, sizeof(buf))) {
			put_text(f, obj, buf);
			return;
		}
		break;
	case NL_FLAG:
		if (len == 0) {
			if (!f)
				put(obj, "value", json_true());
			return;
		}
		break;
	default:
		break;
	}
	if (n >= 0) {
		if (f)
			fprintf(f, "%lld", n);
		else
			put(obj, "value", json_integer(n));
		return;
	}
	if (!f) {
		put(obj, "length", json_integer(len));
		put(obj, "value", jhex(p, len));
		return;
	}
	fprintf(f, "(%u bytes)", len);
	for (uint16_t i = 0; i < len && i < 32; i++)
		fprintf(f, " %02x", p[i]);
}

/* An attribute's name: "NAME " (or "attr N ") after the indent in text,
 * "type" in its JSON object, which is added to the list and returned. */
static json_t *attr_open(const struct dec *d, const char *name, uint16_t type)
{
	json_t *obj;

	if (d->f) {
		fprintf(d->f, "%*s", 2 * d->depth, "");
		if (name)
			fprintf(d->f, "%s ", name);
		else
			fprintf(d->f, "attr %u ", type);
		return NULL;
	}
	obj = json_object();
	put(obj, "type", name ? json_string(name) : json_integer(type));
	json_array_append_new(d->attrs, obj);
	return obj;
}

/* The attributes nested in one: "{" and a deeper indent in text, an
 * "attributes" array in JSON. */
static struct dec nest_open(const struct dec *d, json_t *obj)
{
	struct dec in = {d->f, NULL, d->depth + 1};

	if (d->f) {
		fputs("{\n", d->f);
	} else {
		in.attrs = json_array();
		put(obj, "attributes", in.attrs);
	}
	return in;
}

static void nest_close(const struct dec *d)
{
	if (d->f)
		fprintf(d->f, "%*s}\n", 2 * d->depth, "");
}

static void print_attrs(const struct dec *d, json_t *obj, const struct nlattr *first, size_t len,
			const struct attr_set *set);
static void print_ifinfo(const struct dec *d, json_t *obj, const struct ifinfomsg *ifi);

/* The names a kind's module registered for IFLA_INFO_DATA (slave false) or
 * IFLA_INFO_SLAVE_DATA, found by the kind attribute beside it. */
static struct attr_set kind_names(const struct nlattr *kind, bool slave)
{
	const struct link_kind *k = NULL;
	struct attr_set set = {NULL, -1, NULL, false, NULL};

	if (kind && mnl_attr_validate(kind, MNL_TYPE_NUL_STRING) == 0)
		k = link_kind_find(mnl_attr_get_str(kind));
	if (k && !slave && k->data_names)
		set = (struct attr_set){k->data_names, k->data_max, NULL, false, NULL};
	if (k && slave && k->slave_data_names)
		set = (struct attr_set){k->slave_data_names, k->slave_data_max, NULL, false, NULL};
	return set;
}

/* IFLA_LINKINFO: IFLA_INFO_DATA and IFLA_INFO_SLAVE_DATA are read with the
 * names the kind's module registered. */
static void print_linkinfo(const struct dec *d, const struct nlattr *nest)
{
	const struct nlattr *tb[IFLA_INFO_MAX + 1];
	struct attr_set data, slave;

	nl_parse_nested(nest, tb, IFLA_INFO_MAX);
	data = kind_names(tb[IFLA_INFO_KIND], false);
	slave = kind_names(tb[IFLA_INFO_SLAVE_KIND], true);
	for (const struct nlattr *a = mnl_attr_get_payload(nest);
	     mnl_attr_ok(a, (int)((const char *)nest + nest->nla_len - (const char *)a));
	     a = mnl_attr_next(a)) {
		uint16_t type = mnl_attr_get_type(a);
		const struct attr_set *inner = type == IFLA_INFO_DATA	      ? &data
					       : type == IFLA_INFO_SLAVE_DATA ? &slave
									      : NULL;
		const char *name = type <= IFLA_INFO_MAX ? linkinfo_attrs[type].name : NULL;
		json_t *obj = attr_open(d, name, type);

		if (inner && inner->names) {
			struct dec in = nest_open(d, obj);
			print_attrs(&in, NULL, mnl_attr_get_payload(a), mnl_attr_get_payload_len(a),
				    inner);
			nest_close(d);
			continue;
		}
		print_value(d->f, obj, a, name ? linkinfo_attrs[type].shape : NL_BIN);
		if (d->f)
			fputc('\n', d->f);
	}
}

/* TCA_OPTIONS by its kind (TCA_KIND among the attributes from first, len
 * bytes): the kind's struct in hex, then its attributes, nested; false
 * when it was printed as bytes (a kind whose options are a struct). */
static bool print_tc_options(const struct dec *d, json_t *obj, const struct nlattr *opt,
			     const struct nlattr *first, size_t len)
{
	const char *kind = NULL;
	const struct attr_set *set;
	const struct nlattr *a;
	size_t skip = 0, plen = mnl_attr_get_payload_len(opt);
	struct dec in;

	for (a = first; mnl_attr_ok(a, (int)len); a = mnl_attr_next(a)) {
		if (mnl_attr_get_type(a) == TCA_KIND &&
		    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			kind = mnl_attr_get_str(a);
		len -= MNL_ALIGN(a->nla_len);
	}
	set = nl_tc_options(kind, &skip);
	if (!set || plen < skip) {
		print_value(d->f, obj, opt, NL_BIN);
		if (d->f)
			fputc('\n', d->f);
		return false;
	}
	in = nest_open(d, obj);
	if (skip) {
		json_t *o = attr_open(&in, "struct", 0);
		if (in.f)
			fprintf(in.f, "(%zu bytes)", skip);
		for (size_t i = 0; in.f && i < skip; i++)
			fprintf(in.f, " %02x", ((const uint8_t *)mnl_attr_get_payload(opt))[i]);
		if (in.f)
			fputc('\n', in.f);
		else
			put(o, "value", jhex(mnl_attr_get_payload(opt), skip));
	}
	skip = MNL_ALIGN(skip);
	if (plen > skip)
		print_attrs(&in, NULL,
			    (const struct nlattr *)((const char *)mnl_attr_get_payload(opt) + skip),
			    plen - skip, set);
	return true;
}

static void print_attrs(const struct dec *d, json_t *unused, const struct nlattr *first, size_t len,
			const struct attr_set *set)
{
	const struct nlattr *a;
	size_t total = len;

	(void)unused;
	for (a = first; mnl_attr_ok(a, (int)len); a = mnl_attr_next(a)) {
		uint16_t type = mnl_attr_get_type(a);
		const struct attr_name *n = type <= set->max ? &set->names[type] : NULL;
		enum nl_shape shape = n && n->name ? n->shape : NL_BIN;
		json_t *obj = attr_open(d, n && n->name ? n->name : NULL, type);
		struct dec in;

		len -= MNL_ALIGN(a->nla_len);
		if (set->list) {
			/* an element of a list: nested, read with the list's set */
			const struct attr_set none = {NULL, -1, NULL, false, NULL};
			in = nest_open(d, obj);
			print_attrs(&in, NULL, mnl_attr_get_payload(a), mnl_attr_get_payload_len(a),
				    set->nest ? set->nest : &none);
		} else if (shape == NL_NEST && set == &link_set && type == IFLA_LINKINFO) {
			in = nest_open(d, obj);
			print_linkinfo(&in, a);
		} else if (set == &nl_tc_set && type == TCA_OPTIONS) {
			if (!print_tc_options(d, obj, a, first, total))
				continue;
			in = *d;
		} else if (shape == NL_NEST) {
			const struct attr_set *inner =
			    set->nests && set->nests[type] ? set->nests[type]
			    : set->nest			   ? set->nest
					: &(struct attr_set){NULL, -1, NULL, false, NULL};
			in = nest_open(d, obj);
			print_attrs(&in, NULL, mnl_attr_get_payload(a), mnl_attr_get_payload_len(a),
				    inner);
		} else if (shape == NL_IFINFO &&
			   mnl_attr_get_payload_len(a) >= sizeof(struct ifinfomsg)) {
			/* a link inside a link: veth's peer */
			size_t hl = MNL_ALIGN(sizeof(struct ifinfomsg));
			in = nest_open(d, obj);
			print_ifinfo(&in, obj, mnl_attr_get_payload(a));
			print_attrs(
			    &in, NULL,
			    (const struct nlattr *)((const char *)mnl_attr_get_payload(a) + hl),
			    mnl_attr_get_payload_len(a) - hl, &link_set);
		} else {
			print_value(d->f, obj, a, shape);
			if (d->f)
				fputc('\n', d->f);
			continue;
		}
		nest_close(d);
	}
}

static const char *family_name(int family)
{
	switch (family) {
	case AF_INET:
		return "inet";
	case AF_INET6:
		return "inet6";
	case AF_UNSPEC:
		return "unspec";
	case AF_BRIDGE:
		return "bridge";
	default:
		return "?";
	}
}

/* A fixed header's field: "name value" in text (hex: 0x%x), a number in
 * JSON ("family" by its name in both). */
struct hfield {
	const char *name;
	long long v;
	bool hex;
};

static void print_header(const struct dec *d, json_t *obj, const char *what, int family,
			 const struct hfield *fl, size_t n)
{
	json_t *h;

	if (d->f) {
		fprintf(d->f, "%*s%s family %s", 2 * d->depth, "", what, family_name(family));
		for (size_t i = 0; i < n; i++)
			fprintf(d->f, fl[i].hex ? " %s 0x%llx" : " %s %lld", fl[i].name, fl[i].v);
		fputc('\n', d->f);
		return;
	}
	h = json_object();
	put(h, "struct", json_string(what));
	put(h, "family", json_string(family_name(family)));
	for (size_t i = 0; i < n; i++)
		put(h, fl[i].name, json_integer(fl[i].v));
	put(obj, "header", h);
}

static void print_ifinfo(const struct dec *d, json_t *obj, const struct ifinfomsg *ifi)
{
	const struct hfield fl[] = {{"index", ifi->ifi_index, false},
				    {"flags", ifi->ifi_flags, true},
				    {"change", ifi->ifi_change, true}};

	print_header(d, obj, "ifinfomsg", ifi->ifi_family, fl, ARRAY_SIZE(fl));
}

/* A generic family's request (genl.c tells its family): the command by
 * name, its genlmsghdr, and the attributes by the family's names.  The id
 * is printed once resolved (a dry run on a kernel without the family has
 * none). */
static void decode_genl(FILE *f, json_t *msg, const struct nlmsghdr *nlh,
			const struct genl_family *fam)
{
	const struct genlmsghdr *g = mnl_nlmsg_get_payload(nlh);
	const char *cmd = g->cmd < fam->ncmds ? fam->cmds[g->cmd] : NULL;
	struct dec d = {f, NULL, 1};

	if (f) {
		if (cmd)
			fputs(cmd, f);
		else
			fprintf(f, "%s command %u", fam->name, g->cmd);
		fputs(" flags ", f);
		print_flags(f, NULL, nlh->nlmsg_flags);
		fprintf(f, "\n  genlmsghdr family %s", fam->name);
		if (nlh->nlmsg_type)
			fprintf(f, " id %u", nlh->nlmsg_type);
		fprintf(f, " cmd %u version %u\n", g->cmd, g->version);
	} else {
		json_t *fl = json_array(), *h = json_object();
		put(msg, "type", cmd ? json_string(cmd) : json_integer(g->cmd));
		print_flags(NULL, fl, nlh->nlmsg_flags);
		put(msg, "flags", fl);
		put(h, "struct", json_string("genlmsghdr"));
		put(h, "family", json_string(fam->name));
		if (nlh->nlmsg_type)
			put(h, "id", json_integer(nlh->nlmsg_type));
		put(h, "cmd", json_integer(g->cmd));
		put(h, "version", json_integer(g->version));
		put(msg, "header", h);
		d.attrs = json_array();
		put(msg, "attributes", d.attrs);
	}
	if (mnl_nlmsg_get_payload_len(nlh) > GENL_HDRLEN)
		print_attrs(&d, NULL, mnl_nlmsg_get_payload_offset(nlh, GENL_HDRLEN),
			    mnl_nlmsg_get_payload_len(nlh) - GENL_HDRLEN, fam->attrs);
}

static void decode(FILE *f, json_t *msg, const struct nlmsghdr *nlh)
{
	uint16_t t = nlh->nlmsg_type;
	const struct attr_set *set = NULL;
	const struct genl_family *fam = genl_family_of(nlh);
	struct dec d = {f, NULL, 1};
	size_t hdr = 0;

	if (fam && mnl_nlmsg_get_payload_len(nlh) >= GENL_HDRLEN) {
		decode_genl(f, msg, nlh, fam);
		return;
	}

	if (f && t < ARRAY_SIZE(msg_types) && msg_types[t])
		fputs(msg_types[t], f);
	else if (f)
		fprintf(f, "message type %u", t);
	else
		put(msg, "type",
		    t < ARRAY_SIZE(msg_types) && msg_types[t] ? json_string(msg_types[t])
							      : json_integer(t));
	if (f) {
		fputs(" flags ", f);
		print_flags(f, NULL, nlh->nlmsg_flags);
		fputc('\n', f);
	} else {
		json_t *fl = json_array();
		print_flags(NULL, fl, nlh->nlmsg_flags);
		put(msg, "flags", fl);
	}

	if (t >= RTM_NEWLINK && t <= RTM_SETLINK) {
		const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
		print_ifinfo(&d, msg, ifi);
		hdr = sizeof(*ifi);
		set = ifi->ifi_family == AF_BRIDGE ? &bridge_link_set : &link_set;
	} else if (t >= RTM_NEWADDR && t <= RTM_GETADDR) {
		const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
		const struct hfield fl[] = {{"prefixlen", ifa->ifa_prefixlen, false},
					    {"index", ifa->ifa_index, false},
					    {"scope", ifa->ifa_scope, false}};
		print_header(&d, msg, "ifaddrmsg", ifa->ifa_family, fl, ARRAY_SIZE(fl));
		hdr = sizeof(*ifa);
		set = &addr_set;
	} else if (t >= RTM_NEWROUTE && t <= RTM_GETROUTE) {
		const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
		const struct hfield fl[] = {{"dst_len", rtm->rtm_dst_len, false},
					    {"src_len", rtm->rtm_src_len, false},
					    {"tos", rtm->rtm_tos, true},
					    {"table", rtm->rtm_table, false},
					    {"protocol", rtm->rtm_protocol, false},
					    {"scope", rtm->rtm_scope, false},
					    {"type", rtm->rtm_type, false},
					    {"flags", rtm->rtm_flags, true}};
		print_header(&d, msg, "rtmsg", rtm->rtm_family, fl, ARRAY_SIZE(fl));
		hdr = sizeof(*rtm);
		set = &route_set;
	} else if (t >= RTM_NEWNEIGH && t <= RTM_GETNEIGH) {
		const struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
		const struct hfield fl[] = {{"index", ndm->ndm_ifindex, false},
					    {"state", ndm->ndm_state, true},
					    {"flags", ndm->ndm_flags, true}};
		print_header(&d, msg, "ndmsg", ndm->ndm_family, fl, ARRAY_SIZE(fl));
		hdr = sizeof(*ndm);
		set = &neigh_set;
	} else if (t >= RTM_NEWRULE && t <= RTM_GETRULE) {
		const struct fib_rule_hdr *frh = mnl_nlmsg_get_payload(nlh);
		const struct hfield fl[] = {{"dst_len", frh->dst_len, false},
					    {"src_len", frh->src_len, false},
					    {"table", frh->table, false},
					    {"action", frh->action, false},
					    {"flags", frh->flags, true}};
		print_header(&d, msg, "fib_rule_hdr", frh->family, fl, ARRAY_SIZE(fl));
		hdr = sizeof(*frh);
		set = &rule_set;
	} else if (t >= RTM_NEWQDISC && t <= RTM_GETTCLASS) {
		const struct tcmsg *tcm = mnl_nlmsg_get_payload(nlh);
		const struct hfield fl[] = {{"index", tcm->tcm_ifindex, false},
					    {"handle", tcm->tcm_handle, true},
					    {"parent", tcm->tcm_parent, true},
					    {"info", tcm->tcm_info, false}};
		print_header(&d, msg, "tcmsg", tcm->tcm_family, fl, ARRAY_SIZE(fl));
		hdr = sizeof(*tcm);
		set = &nl_tc_set;
	} else if (t >= RTM_NEWNSID && t <= RTM_GETNSID) {
		const struct rtgenmsg *g = mnl_nlmsg_get_payload(nlh);
		print_header(&d, msg, "rtgenmsg", g->rtgen_family, NULL, 0);
		hdr = sizeof(struct rtgenmsg);
		set = &nsid_set;
	}
	if (!set) {
		const uint8_t *p = mnl_nlmsg_get_payload(nlh);
		size_t len = mnl_nlmsg_get_payload_len(nlh);
		if (!f) {
			put(msg, "length", json_integer((json_int_t)len));
			put(msg, "payload", jhex(p, len));
			return;
		}
		fprintf(f, "  (%zu bytes)", len);
		for (size_t i = 0; i < len; i++)
			fprintf(f, "%s%02x", i % 16 ? " " : "\n   ", p[i]);
		fputc('\n', f);
		return;
	}
	if (!f) {
		d.attrs = json_array();
		put(msg, "attributes", d.attrs);
	}
	size_t off = MNL_ALIGN(hdr);
	if (mnl_nlmsg_get_payload_len(nlh) > off)
		print_attrs(&d, NULL, mnl_nlmsg_get_payload_offset(nlh, off),
			    mnl_nlmsg_get_payload_len(nlh) - off, set);
}

/* One JSON object on a line of its own (-p: indented). */
static void json_line(FILE *f, json_t *obj, bool pretty)
{
	json_dumpf(obj, f,
		   pretty ? JSON_INDENT(2) | JSON_PRESERVE_ORDER
			  : JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', f);
	json_decref(obj);
}

void nl_decode(FILE *f, const struct nlmsghdr *nlh, bool json, bool pretty)
{
	json_t *msg;

	if (!json) {
		decode(f, NULL, nlh);
		return;
	}
	msg = json_object();
	decode(NULL, msg, nlh);
	json_line(f, msg, pretty);
}

void dry_step(const struct ctx *c, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	json_t *obj;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (!ctx_json(c)) {
		printf("%s\n", line);
		return;
	}
	obj = json_object();
	put(obj, "step", jstr((const uint8_t *)line, strlen(line)));
	json_line(stdout, obj, c->flags & CTX_PRETTY);
}
