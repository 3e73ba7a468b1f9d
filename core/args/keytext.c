// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A key's text: 32 bytes in base64 (libsodium's strict decoder: padded, the
 * bits past the key zero), as wg genkey writes it; a key in hexadecimal (as
 * MACsec's are written); and the files keys are read from, never the
 * command line.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"
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

size_t hex_key_len(const char *s)
{
	size_t n = strlen(s);

	return (n == 32 || n == 64) && strspn(s, "0123456789abcdefABCDEF") == n ? n / 2 : 0;
}

int hex_key_decode(char *text, size_t len, uint8_t *key, size_t max)
{
	size_t start = 0, end = len, n;
	int rc = -EINVAL;

	while (end > start && strchr(" \t\r\n", text[end - 1]))
		end--;
	while (start < end && strchr(" \t\r\n", text[start]))
		start++;
	n = end - start;
	if (n && n % 2 == 0 && n / 2 <= max &&
	    sodium_hex2bin(key, max, text + start, n, NULL, NULL, NULL) == 0) {
		rc = (int)(n / 2);
	}
	sodium_memzero(text, len);
	if (rc < 0)
		sodium_memzero(key, max);
	return rc;
}

const char *key_file_reach(unsigned mode)
{
	if (mode & S_IRWXO)
		return "world accessible";
	if (mode & S_IRGRP)
		return "readable by its group";
	return NULL;
}

static int not_regular(struct ctx *c, const char *kw, const char *path, mode_t mode)
{
	static const struct {
		mode_t type;
		const char *what;
	} types[] = {
	    {S_IFIFO, "a FIFO"},	 {S_IFDIR, "a directory"}, {S_IFCHR, "a character device"},
	    {S_IFBLK, "a block device"}, {S_IFSOCK, "a socket"},
	};
	const char *what = "a special file";

	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		if ((mode & S_IFMT) == types[i].type)
			what = types[i].what;
	return err_usage(c, "%s %s: %s, not a regular file", kw, path, what);
}

/* A key file opened for reading, a regular file only (its mode in st).
 * stat() refuses anything else before it is opened (a FIFO would wait
 * for a writer, a device may act on being opened); O_NONBLOCK and fstat()
 * after, in case the name was changed in between. */
static int key_file_open(struct ctx *c, const char *kw, const char *path, struct stat *st)
{
	int fd, err;

	if (stat(path, st) == 0 && !S_ISREG(st->st_mode))
		return not_regular(c, kw, path, st->st_mode);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && (text_holds_key(path) || hex_key_len(path)))
		/* said without the word: it may be a secret */
		return err_usage(c,
				 "%s takes the name of a file that holds the key, never the key "
				 "itself",
				 kw);
	if (fd < 0)
		return err_usage(c, "%s %s: %s", kw, path, strerror(errno));
	if (fstat(fd, st) < 0) {
		err = errno;
		close(fd);
		return err_usage(c, "%s %s: %s", kw, path, strerror(err));
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return not_regular(c, kw, path, st->st_mode);
	}
	return fd;
}

int key_file_read(struct ctx *c, const char *kw, const char *path, char *text, size_t sz,
		  size_t *len)
{
	struct stat st;
	const char *reach;
	int fd = key_file_open(c, kw, path, &st), err = 0;
	ssize_t r;

	if (fd < 0)
		return fd;
	*len = 0;
	while (*len < sz && (r = read(fd, text + *len, sz - *len)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = errno;
			break;
		}
		*len += (size_t)r;
	}
	close(fd);
	if (err) {
		sodium_memzero(text, sz);
		return err_usage(c, "%s %s: %s", kw, path, strerror(err));
	}
	if ((reach = key_file_reach(st.st_mode)))
		err_warn(c, "%s `%s' is %s (only its owner should read it: chmod 600)", kw, path,
			 reach);
	return 0;
}
