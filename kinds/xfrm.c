// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * xfrm: IPsec interfaces.  Packets routed into an xfrm device are matched
 * against the IPsec policies whose if_id is the device's, and encrypted
 * by their states; what those states decrypt comes out of the device.
 * Routes, not policy selectors, then decide what is protected.
 *
 * IFLA_XFRM_IF_ID (u32, not 0) ties the device to its policies;
 * IFLA_XFRM_LINK (u32) is the device the encrypted packets leave by (0:
 * the route's); IFLA_XFRM_COLLECT_METADATA (a flag) makes the one
 * device of a namespace whose if_id each packet's metadata carries
 * (`external`, for BPF), which takes neither if_id nor dev.  The kernel
 * changes if_id and dev on a made device, never external.
 */
#include <net/if.h> /* before linux/if.h, which then adds only what libc lacks */
#include <linux/if.h>

#include "l2common.h"
#include "out.h"

/* ---- the words add takes ------------------------------------------------ */

enum xfrm_arg { A_DEV, A_IF_ID, A_EXTERNAL, A_NARGS };

static const struct arg xfrm_args[A_NARGS] = {
    [A_DEV] = {.kw = "dev",
	       .kind = ARG_IFNAME,
	       .metavar = "PHYS",
	       .help = "the device the encrypted packets leave by (default: the route's)"},
    [A_IF_ID] = {.kw = "if_id",
		 .kind = ARG_U32,
		 .min = 1,
		 .max = UINT32_MAX,
		 .metavar = "ID",
		 .excludes = A_EXTERNAL + 1,
		 .help = "the interface id of the policies and states the device uses, "
			 "1..0xffffffff (required unless external)"},
    [A_EXTERNAL] = {.kw = "external",
		    .kind = ARG_FLAG,
		    .excludes = A_DEV + 1,
		    .help = "the namespace's one metadata device: each packet carries its "
			    "if_id (no dev nor if_id)"},
};

/* IFLA_INFO_DATA: a new device needs if_id or external; a change sends
 * only what it is given. */
static int xfrm_put(struct ctx *c, const struct link_kind *k, struct nlmsghdr *nlh,
		    const struct val *v)
{
	bool create = nlh->nlmsg_flags & NLM_F_CREATE;
	int dev = 0;

	(void)k;
	if (create && !v[A_IF_ID].set && !v[A_EXTERNAL].set)
		return err_usage(c, "missing %s (or %s)", xfrm_args[A_IF_ID].kw,
				 xfrm_args[A_EXTERNAL].kw);
	if (v[A_EXTERNAL].set) {
		mnl_attr_put(nlh, IFLA_XFRM_COLLECT_METADATA, 0, NULL);
		return 0;
	}
	if (v[A_DEV].set && (dev = link_index(c, v[A_DEV].str)) < 0)
		return dev;
	if (v[A_IF_ID].set)
		mnl_attr_put_u32(nlh, IFLA_XFRM_IF_ID, v[A_IF_ID].u);
	if (dev > 0)
		mnl_attr_put_u32(nlh, IFLA_XFRM_LINK, (uint32_t)dev);
	return 0;
}

/* ---- printing, shared by show and `link show -d` ------------------------- */

/* " external", or " if_id 0x5" (JSON "if_id": "0x5", ip's string) and,
 * under vnetctl's name, " dev eth0" in text so the line reads back as add
 * (ip prints no device, and -j has no key for it: ip's keys alone). */
static void xfrm_values(struct ctx *c, const struct link_msg *m, bool brief)
{
	const struct nlattr *tb[IFLA_XFRM_MAX + 1];
	struct out *o = c->out;
	char hex[16], name[IFNAMSIZ + 16];
	uint32_t u32;

	nl_parse_nested(m->info[IFLA_INFO_DATA], tb, IFLA_XFRM_MAX);
	if (tb[IFLA_XFRM_COLLECT_METADATA]) {
		out_str(o, OUT_TEXT, NULL, " %s", xfrm_args[A_EXTERNAL].kw);
		out_bool(o, OUT_JSON, xfrm_args[A_EXTERNAL].kw, "", true);
		return;
	}
	if (nl_attr_u32(tb[IFLA_XFRM_IF_ID], &u32)) {
		snprintf(hex, sizeof(hex), "%#x", u32);
		l2_print_word(o, brief ? NULL : xfrm_args[A_IF_ID].kw, "if_id", hex);
	}
	if (!brief && !ctx_iproute2(c) && nl_attr_u32(tb[IFLA_XFRM_LINK], &u32) && u32) {
		if (!link_name(c, (int)u32, name, sizeof(name)))
			snprintf(name, sizeof(name), "if%u", u32);
		out_str(o, OUT_TEXT, NULL, " %s", xfrm_args[A_DEV].kw);
		out_str(o, OUT_TEXT, NULL, " %s", name);
	}
}

/* What add sends, by name, for dry run. */
static const struct nl_attr_name xfrm_attr_names[IFLA_XFRM_MAX + 1] = {
    NL_ATTR(IFLA_XFRM_LINK, NL_U32),
    NL_ATTR(IFLA_XFRM_IF_ID, NL_U32),
    NL_ATTR(IFLA_XFRM_COLLECT_METADATA, NL_FLAG),
};

static const struct link_kind xfrm_kind = {
    .kind = "xfrm",
    .module = "xfrm_interface",
    .help = "IPsec interfaces: what is routed in is protected by the policies of its if_id",
    VERB_ARGS(xfrm_args),
    .put = xfrm_put,
    .values = xfrm_values,
    KIND_DATA(xfrm_attr_names),
};
VNETCTL_LINK_KIND(xfrm_kind)
