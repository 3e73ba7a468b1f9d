// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * geneve: Ethernet segments carried over UDP to one remote endpoint
 * (Generic Network Virtualization Encapsulation, RFC 8926), tagged with a
 * 24-bit network identifier.  Where VXLAN's header is fixed, Geneve's has
 * room for options; the kernel's device speaks the same unicast tunnel.
 *
 * IFLA_GENEVE_REMOTE holds an IPv4 endpoint, REMOTE6 an IPv6 one; the
 * destination port, IFLA_GENEVE_PORT in network byte order, defaults in
 * the kernel to IANA's 6081, so it is sent only when given.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <arpa/inet.h>
#include <linux/if.h>

#include "l2common.h"
#include "out.h"

static const char geneve_kind[] = "geneve";

/* ---- the arguments ------------------------------------------------------- */

enum add_arg { A_NAME, A_ID, A_REMOTE, A_DSTPORT, A_TTL, A_NARGS };

static const struct arg add_args[A_NARGS] = {
    [A_NAME] = L2_NAME_ENTRY,
    [A_ID] = {.kw = "id",
	      .kind = ARG_U32,
	      .flags = ARGF_REQUIRED,
	      .max = L2_VNI_MAX,
	      .metavar = "VNI",
	      .help = "the network identifier, 0..16777215"},
    [A_REMOTE] = {.kw = "remote",
		  .kind = ARG_ADDR,
		  .flags = ARGF_REQUIRED,
		  .help = "the endpoint frames go to, a unicast IPv4 or IPv6 address"},
    [A_DSTPORT] = {.kw = "dstport",
		   .kind = ARG_U32,
		   .max = 65535,
		   .metavar = "PORT",
		   .help = "the UDP destination port (default 6081, IANA's)"},
    [A_TTL] = {.kw = "ttl",
	       .kind = ARG_U32,
	       .max = 255,
	       .help = "the outer packets' time to live, 0..255 (default 0: the route's)"},
};

enum dev_arg { D_DEV, D_NARGS };

static const struct arg del_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(ARGF_REQUIRED, geneve_kind, "the geneve device to delete"),
};
static const struct arg show_args[D_NARGS] = {
    [D_DEV] = L2_DEV_ENTRY(0, geneve_kind, "only this device (default: every geneve)"),
};

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* " id 42 remote 10.0.0.2 dstport 6081 ttl 0" (brief: " 42 10.0.0.2"),
 * the JSON keys those of ip -j ("port"), one "remote" for either family. */
static void print_opts(struct ctx *c, const struct nlattr *data, bool brief)
{
	const struct nlattr *tb[IFLA_GENEVE_MAX + 1];
	struct out *o = c->out;
	struct inet_prefix p;
	uint32_t id;
	uint16_t port;
	uint8_t ttl;

	nl_parse_nested(data, tb, IFLA_GENEVE_MAX);
	if (l2_attr_u32(tb[IFLA_GENEVE_ID], &id))
		l2_print_uint(o, brief ? NULL : add_args[A_ID].kw, "id", id);
	if (l2_attr_addr(tb[IFLA_GENEVE_REMOTE], &p) || l2_attr_addr(tb[IFLA_GENEVE_REMOTE6], &p))
		l2_print_addr(o, brief ? NULL : add_args[A_REMOTE].kw, add_args[A_REMOTE].kw, &p);
	if (brief)
		return;
	if (l2_attr_u16(tb[IFLA_GENEVE_PORT], &port))
		l2_print_uint(o, add_args[A_DSTPORT].kw, "port", ntohs(port));
	if (l2_attr_u8(tb[IFLA_GENEVE_TTL], &ttl))
		l2_print_uint(o, add_args[A_TTL].kw, "ttl", ttl);
}

static void geneve_kind_print(struct ctx *c, const struct nlattr *data)
{
	print_opts(c, data, false);
}

static void geneve_brief(struct ctx *c, const struct nlattr *data)
{
	print_opts(c, data, true);
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name geneve_attr_names[IFLA_GENEVE_MAX + 1] = {
    NL_ATTR(IFLA_GENEVE_ID, NL_U32),	 NL_ATTR(IFLA_GENEVE_REMOTE, NL_IP),
    NL_ATTR(IFLA_GENEVE_REMOTE6, NL_IP), NL_ATTR(IFLA_GENEVE_PORT, NL_BE16),
    NL_ATTR(IFLA_GENEVE_TTL, NL_U8),
};
static const struct link_kind geneve_link_kind = {.kind = geneve_kind,
						  .print = geneve_kind_print,
						  .data_names = geneve_attr_names,
						  .data_max = IFLA_GENEVE_MAX};
VNETCTL_LINK_KIND(geneve_link_kind)

static const struct l2_kind geneve_l2 = {.link = &geneve_link_kind, .brief = geneve_brief};

/* ---- the verbs ----------------------------------------------------------- */

/* The kernel refuses a multicast remote too, but only once asked. */
static int add_check(struct ctx *c, const struct val *v)
{
	if (l2_addr_multicast(&v[A_REMOTE].ip))
		return err_usage(c, "%s %s is a multicast address: geneve needs a unicast one",
				 add_args[A_REMOTE].kw, v[A_REMOTE].str);
	return 0;
}

/* IFLA_LINKINFO { KIND, DATA { IFLA_GENEVE_ID, REMOTE|REMOTE6, PORT, TTL } } */
static int geneve_add(struct ctx *c, const struct val *v)
{
	const struct inet_prefix *r = &v[A_REMOTE].ip;
	struct l2_msg msg;
	int rc = add_check(c, v);

	if (rc == 0)
		rc = l2_msg_start(c, &msg, v[A_NAME].str, NULL);
	if (rc < 0)
		return rc;
	l2_data_start(&msg, geneve_kind);
	mnl_attr_put_u32(msg.nlh, IFLA_GENEVE_ID, v[A_ID].u);
	if (r->family == AF_INET)
		mnl_attr_put(msg.nlh, IFLA_GENEVE_REMOTE, sizeof(r->v4), &r->v4);
	else
		mnl_attr_put(msg.nlh, IFLA_GENEVE_REMOTE6, sizeof(r->v6), &r->v6);
	if (v[A_DSTPORT].set)
		mnl_attr_put_u16(msg.nlh, IFLA_GENEVE_PORT, htons((uint16_t)v[A_DSTPORT].u));
	if (v[A_TTL].set)
		mnl_attr_put_u8(msg.nlh, IFLA_GENEVE_TTL, (uint8_t)v[A_TTL].u);
	return l2_msg_send(c, &msg, geneve_kind, v[A_NAME].str);
}

static int geneve_del(struct ctx *c, const struct val *v)
{
	return l2_del(c, &geneve_l2, v[D_DEV].str);
}

static int geneve_show(struct ctx *c, const struct val *v)
{
	return l2_show(c, &geneve_l2, v[D_DEV].set ? v[D_DEV].str : NULL);
}

/* ---- the object ---------------------------------------------------------- */

static const char *const del_aliases[] = {"delete", NULL};
static const char *const show_aliases[] = {"list", NULL};

static const struct verb geneve_verbs[] = {
    {.name = "add",
     VERB_ARGS(add_args),
     .run = geneve_add,
     .help = "make a geneve device, in one request"},
    {.name = "del",
     .aliases = del_aliases,
     VERB_ARGS(del_args),
     .run = geneve_del,
     .help = "delete a geneve device; a device of another kind is refused"},
    {.name = "show",
     .aliases = show_aliases,
     VERB_ARGS(show_args),
     .run = geneve_show,
     .help = "list the geneve devices: VNI, remote, port and ttl (-br, -j)"},
};

static const struct object geneve_object = {
    .name = geneve_kind,
    .verbs = geneve_verbs,
    .nverbs = ARRAY_SIZE(geneve_verbs),
    .default_verb = "show",
    .help = "Ethernet segments over UDP to one remote endpoint (Geneve, RFC 8926)",
};
VNETCTL_OBJECT(geneve_object)
