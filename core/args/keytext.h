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

/* Whether s looks like a MACsec key in hexadecimal (16 or 32 bytes): its
 * length in bytes, else 0. */
size_t hex_key_len(const char *s);
/* text[0..len), blanks around it allowed, as a key in hexadecimal of at
 * most max bytes: its length, or -EINVAL (key wiped).  text is wiped. */
int hex_key_decode(char *text, size_t len, uint8_t *key, size_t max);

struct ctx;
/* The text of the key file path that word kw names, up to sz bytes, into
 * text (*len of them): a regular file only (a FIFO or device is refused
 * before it is opened), one others may read used with wg's warning.  0, or
 * the usage error (said; a path that looks like a key is not repeated). */
int key_file_read(struct ctx *c, const char *kw, const char *path, char *text, size_t sz,
		  size_t *len);
/* How far beyond its owner a file of that mode reaches, in wg's words;
 * NULL when its owner alone can read it. */
const char *key_file_reach(unsigned mode);

#endif
