// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The peer a paired kind nests in its own request (see peer.h).
 */
#include "peer.h"
#include "args.h"
#include "nl.h"

int peer_put(struct ctx *c, struct nlmsghdr *nlh, uint16_t type, const struct arg *peer,
	     const struct val *v)
{
	struct val pv[LA_NCOMMON];
	struct ifinfomsg *ifi;
	struct nlattr *nest;
	int rc;

	/* ip sends no peer without `peer`: the kernel then gives the peer the
	 * device's own settings (txqueuelen, group, mtu...) */
	if (!v->set && ctx_iproute2(c))
		return 0;
	nest = mnl_attr_nest_start(nlh, type);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	if (v->set) {
		if ((rc = parse_group(c, peer, v, pv)) < 0)
			return rc;
		if (pv[LA_INDEX].set)
			ifi->ifi_index = (int)pv[LA_INDEX].u;
		/* the kernel drops it; ip sends it all the same */
		if (pv[LA_ALIAS].set && !ctx_iproute2(c))
			return err_usage(c,
					 "the peer's %s is not kept by the kernel: set it "
					 "with link set once made",
					 link_add_args[LA_ALIAS].kw);
		if ((rc = kind_put_common(c, nlh, pv)) < 0)
			return rc;
	}
	mnl_attr_nest_end(nlh, nest);
	return 0;
}
