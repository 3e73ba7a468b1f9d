// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A key's text: 32 bytes in base64 (libsodium's strict decoder: padded, the
 * bits past the key zero), as wg genkey writes it.
 */
#include <errno.h>
#include <sodium.h>
#include <string.h>

#include "keytext.h"

int key_text_decode(const char *s, size_t len, uint8_t key[KEY_LEN])
{
	size_t n = 0;
	const char *end;

	if (len == KEY_TEXT_LEN &&
	    sodium_base642bin(key, KEY_LEN, s, len, NULL, &n, &end,
			      sodium_base64_VARIANT_ORIGINAL) == 0 &&
	    n == KEY_LEN && end == s + len)
		return 0;
	sodium_memzero(key, KEY_LEN);
	return -EINVAL;
}

static bool is_base64(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '+' || ch == '/';
}

/* Each run of base64 characters and the padding after it is tried: a key
 * quoted, or glued to a word ("key=KEY"), is found as well as one alone. */
bool text_holds_key(const char *s)
{
	uint8_t key[KEY_LEN];
	bool found = false;

	while (*s && !found) {
		size_t run = 0;
		while (is_base64(s[run]))
			run++;
		while (run && s[run] == '=')
			run++;
		found = run && key_text_decode(s, run, key) == 0;
		s += run ? run : 1;
	}
	sodium_memzero(key, sizeof(key));
	return found;
}
