// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What wireguard.c (the device, its peers and keys) and wgshow.c (show)
 * both use, so that calls go one way, from them to here: WireGuard's
 * generic netlink family, with its attributes' names for dry run, and a
 * key's text.
 */
#include <sodium.h>

#include "nldecode.h"
#include "wireguard.h"

/* ---- the family, for requests and dry run -------------------------------- */

static const char *const wg_cmds[] = {
    [WG_CMD_GET_DEVICE] = "WG_CMD_GET_DEVICE",
    [WG_CMD_SET_DEVICE] = "WG_CMD_SET_DEVICE",
};

static const struct nl_attr_name allowedip_names[WGALLOWEDIP_A_MAX + 1] = {
    NL_ATTR(WGALLOWEDIP_A_FAMILY, NL_U16),
    NL_ATTR(WGALLOWEDIP_A_IPADDR, NL_IP),
    NL_ATTR(WGALLOWEDIP_A_CIDR_MASK, NL_U8),
};
static const struct nl_attr_set allowedip_set = {allowedip_names, WGALLOWEDIP_A_MAX, NULL, false,
						 NULL};
static const struct nl_attr_set allowedip_list = {NULL, -1, &allowedip_set, true, NULL};

static const struct nl_attr_name peer_names[WGPEER_A_MAX + 1] = {
    NL_ATTR(WGPEER_A_PUBLIC_KEY, NL_BASE64),
    NL_ATTR(WGPEER_A_PRESHARED_KEY, NL_SECRET),
    NL_ATTR(WGPEER_A_FLAGS, NL_U32),
    NL_ATTR(WGPEER_A_ENDPOINT, NL_SOCKADDR),
    NL_ATTR(WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL, NL_U16),
    NL_ATTR(WGPEER_A_LAST_HANDSHAKE_TIME, NL_BIN),
    NL_ATTR(WGPEER_A_RX_BYTES, NL_BIN),
    NL_ATTR(WGPEER_A_TX_BYTES, NL_BIN),
    NL_ATTR(WGPEER_A_ALLOWEDIPS, NL_NEST),
    NL_ATTR(WGPEER_A_PROTOCOL_VERSION, NL_U32),
};
static const struct nl_attr_set peer_set = {peer_names, WGPEER_A_MAX, &allowedip_list, false, NULL};
static const struct nl_attr_set peer_list = {NULL, -1, &peer_set, true, NULL};

static const struct nl_attr_name device_names[WGDEVICE_A_MAX + 1] = {
    NL_ATTR(WGDEVICE_A_IFINDEX, NL_U32),	NL_ATTR(WGDEVICE_A_IFNAME, NL_STR),
    NL_ATTR(WGDEVICE_A_PRIVATE_KEY, NL_SECRET), NL_ATTR(WGDEVICE_A_PUBLIC_KEY, NL_BASE64),
    NL_ATTR(WGDEVICE_A_FLAGS, NL_U32),		NL_ATTR(WGDEVICE_A_LISTEN_PORT, NL_U16),
    NL_ATTR(WGDEVICE_A_FWMARK, NL_U32),		NL_ATTR(WGDEVICE_A_PEERS, NL_NEST),
};
static const struct nl_attr_set device_set = {device_names, WGDEVICE_A_MAX, &peer_list, false,
					      NULL};

const struct genl_family wg_family = {
    .name = WG_GENL_NAME,
    .version = WG_GENL_VERSION,
    GENL_CMDS(wg_cmds),
    .attrs = &device_set,
    .module = "wireguard",
};

void wg_key_text(const uint8_t key[WG_KEY_LEN], char out[WG_KEY_B64])
{
	sodium_bin2base64(out, WG_KEY_B64, key, WG_KEY_LEN, sodium_base64_VARIANT_ORIGINAL);
}
