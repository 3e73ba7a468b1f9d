// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the bridge object's files share, so that calls among them go one
 * way (bridge.c's verbs and the fdb, link, mdb, vlan and show files call
 * here; this file calls none of them): the kind's name, the words more than
 * one of them reads, add's table and each setting's attribute.
 */
#include "bridge.h"
#include "core.h"
#include "kind.h"
#include "link.h"

/* IFLA_INFO_KIND of a bridge and of its ports' IFLA_INFO_SLAVE_KIND. */
const char bridge_kind[] = "bridge";
const char br_no_vlan_filtering[] =
    "this kernel has no bridge VLAN filtering: CONFIG_BRIDGE_VLAN_FILTERING is off";
/* A keyword of add and set, and brctl's verb of the same meaning. */
const char br_stp_word[] = "stp";
/* The device acted on: the bridge (set, del...) or a port (fdb show). */
const char br_dev_word[] = "dev";

const struct arg add_args[A_NARGS] = {
    [A_NAME] = NAME_ENTRY,
    SETTING_ENTRIES,
};

/* Each setting's attribute, in the order show prints them (stp first). */
const struct br_setting br_settings[BR_NSETTINGS] = {
    {A_STP, K_STP_STATE},
    {A_FORWARD_DELAY, K_FORWARD_DELAY},
    {A_HELLO_TIME, K_HELLO_TIME},
    {A_MAX_AGE, K_MAX_AGE},
    {A_AGEING_TIME, K_AGEING_TIME},
    {A_PRIORITY, K_PRIORITY},
    {A_VLAN_FILTERING, K_VLAN_FILTERING},
};

int br_no_bridge_device(struct ctx *c, const char *name)
{
	return err_iproute2(c, VN_EIP_USAGE, "Cannot find bridge device \"%s\"", name);
}
