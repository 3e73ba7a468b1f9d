/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A key's text as wg writes it (core/args/keytext.c): 32 bytes in base64, 44
 * characters, padded.  The argument parser reads public keys with it,
 * wireguard its key files, and the shell looks for it in a line before
 * keeping that line.
 */
#ifndef VNETCTL_KEYTEXT_H
#define VNETCTL_KEYTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEY_LEN	     32
#define KEY_TEXT_LEN 44

/* s[0..len) as a key's text into key: 0, or -EINVAL (key wiped). */
int key_text_decode(const char *s, size_t len, uint8_t key[KEY_LEN]);
/* Whether a run of base64 in s (a word, a line) is a key's text. */
bool text_holds_key(const char *s);

#endif
