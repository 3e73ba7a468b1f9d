// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trace: a bridge's VLAN filtering.  An untagged frame takes the PVID of
 * the port it comes in by (none: dropped there); it leaves only by a port
 * that is a member of that VLAN, untagged where the port says so, else
 * tagged, and a tagged frame is taken in on the far side by the vlan
 * device of that VLAN.  The ports' VLANs are the kernel's AF_BRIDGE link
 * dump with RTEXT_FILTER_BRVLAN, one entry per VLAN.
 */
#include "trace.h"

#include <linux/if_bridge.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nl.h"

struct port_vlans {
	int ifindex, vid; /* asked: the port, the VLAN (0: only the pvid) */
	int pvid;	  /* 0: none */
	bool member, untagged;
};

static int pv_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFLA_MAX + 1], *a;
	struct port_vlans *pv = data;

	if (ifi->ifi_index != pv->ifindex)
		return MNL_CB_OK;
	nl_parse(nlh, sizeof(*ifi), tb, IFLA_MAX);
	if (!tb[IFLA_AF_SPEC])
		return MNL_CB_OK;
	mnl_attr_for_each_nested(a, tb[IFLA_AF_SPEC])
	{
		const struct bridge_vlan_info *vi;
		if (mnl_attr_get_type(a) != IFLA_BRIDGE_VLAN_INFO ||
		    mnl_attr_get_payload_len(a) < sizeof(*vi))
			continue;
		vi = mnl_attr_get_payload(a);
		if (vi->flags & BRIDGE_VLAN_INFO_PVID)
			pv->pvid = vi->vid;
		if (pv->vid && vi->vid == pv->vid) {
			pv->member = true;
			pv->untagged = (vi->flags & BRIDGE_VLAN_INFO_UNTAGGED) != 0;
		}
	}
	return MNL_CB_OK;
}

static int port_vlans(struct trace *t, struct port_vlans *pv)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh = nl_msg(buf, RTM_GETLINK, 0);
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));

	ifi->ifi_family = AF_BRIDGE;
	mnl_attr_put_u32(nlh, IFLA_EXT_MASK, RTEXT_FILTER_BRVLAN);
	return nl_dump(&t->wc, nlh, pv_cb, pv);
}

int trace_vlan(struct trace *t, const struct dev *br, int in, const struct dev *out, int *tag)
{
	struct port_vlans pin = {.ifindex = in ? in : br->index, .vid = *tag}, pout;
	char inname[IFNAMSIZ];
	struct dev d;
	int rc, vid;

	if (!br->vlan_filtering)
		return 0;
	if ((rc = port_vlans(t, &pin)) < 0)
		return rc;
	snprintf(inname, sizeof(inname), "%s", br->name);
	if (in && trace_dev_read(t, in, &d) == 0)
		snprintf(inname, sizeof(inname), "%s", d.name);
	if (*tag && !pin.member)
		return trace_stop(
		    t, inname,
		    "%s is not in VLAN %d: bridge %s drops the tagged frame as it comes "
		    "in (VLAN filtering)",
		    inname, *tag, br->name);
	if (!*tag && !pin.pvid)
		return trace_stop(t, inname,
				  "%s has no PVID on bridge %s: an untagged frame is dropped as it "
				  "comes in (VLAN filtering)",
				  inname, br->name);
	vid = *tag ? *tag : pin.pvid;
	pout = (struct port_vlans){.ifindex = out->index, .vid = vid};
	if ((rc = port_vlans(t, &pout)) < 0)
		return rc;
	if (!pout.member)
		return trace_stop(
		    t, out->name,
		    "%s is not in VLAN %d: bridge %s does not forward the frame from %s "
		    "there",
		    out->name, vid, br->name, inname);
	trace_hop(t, out->name, "VLAN %d (%s %s), out %s", vid,
		  *tag ? "tagged, in by" : "the PVID of", inname,
		  pout.untagged ? "untagged" : "tagged");
	*tag = pout.untagged ? 0 : vid;
	return 0;
}

int trace_vlan_in(struct trace *t, const struct dev *d, int vid, struct dev *vdev)
{
	struct devs *l = calloc(1, sizeof(*l));
	int rc;

	if (!l)
		abort();
	rc = trace_devs_read(t, l);
	for (size_t i = 0; rc >= 0 && i < l->n; i++)
		if (!strcmp(l->d[i].kind, "vlan") && l->d[i].link == d->index &&
		    l->d[i].vlan_id == vid) {
			*vdev = l->d[i];
			free(l);
			if (!(vdev->flags & IFF_UP))
				return trace_stop(t, vdev->name, "%s (VLAN %d on %s) is down",
						  vdev->name, vid, d->name);
			trace_hop(t, vdev->name, "VLAN %d: in by vlan device %s", vid, vdev->name);
			return 0;
		}
	free(l);
	if (rc < 0)
		return rc;
	return trace_stop(t, d->name,
			  "the frame comes in tagged with VLAN %d, and no vlan device on %s takes "
			  "it",
			  vid, d->name);
}
