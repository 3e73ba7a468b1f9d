/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What wireguard.c (the device, its peers and keys) and wgshow.c (show)
 * share: the generic netlink family and the keys' text.
 */
#ifndef VNETCTL_WIREGUARD_H
#define VNETCTL_WIREGUARD_H

#include <linux/time_types.h>
#include <linux/wireguard.h>
#include <stdbool.h>

#include "core.h"
#include "genl.h"

#define WG_KEY_LEN 32
/* base64 of 32 bytes, padded, and its NUL */
#define WG_KEY_B64 45

extern const struct genl_family wg_family;

/* A key as wg prints it (base64, 44 characters). */
void wg_key_text(const uint8_t key[WG_KEY_LEN], char out[WG_KEY_B64]);

/* wireguard show [DEV] (wgshow.c). */
int wg_show(struct ctx *c, const struct val *v);
/* Whether DEV has a peer with that public key: 1, 0, or -errno (said). */
int wg_has_peer(struct ctx *c, const char *dev, const uint8_t key[WG_KEY_LEN]);

#endif
