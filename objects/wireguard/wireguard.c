// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * wireguard: the device, made with RTM_NEWLINK (kind wireguard) and
 * configured over its generic netlink family (genl.h), its peers, and its
 * keys (X25519 through libsodium).  One tool where iproute2 needs wg.
 *
 * Private and preshared keys come from files only, never the command line,
 * and are never printed; the buffers that held them are wiped.  show is in
 * wgshow.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keytext.h"
#include "kind.h"
#include "link.h"
#include "out.h"
#include "wireguard.h"

static const struct link_kind wg_kind = {
    .kind = "wireguard",
    .help = "WireGuard devices: encrypted tunnels to peers, configured with wireguard",
    .own_object = true,
};
VNETCTL_LINK_KIND(wg_kind)

/* ---- the words ----------------------------------------------------------- */

enum dev_arg { D_DEV, D_PRIVKEY, D_PORT, D_FWMARK, D_NARGS };
enum peer_arg { P_CMD, P_DEV, P_KEY, P_ENDPOINT, P_ALLOWED, P_KEEPALIVE, P_PSK, P_NARGS };
enum peer_cmd { PEER_ADD, PEER_DEL };

static const char *const off_word[] = {"off", NULL};
static const uint32_t off_value[] = {0};
static const char *const peer_cmds[] = {[PEER_ADD] = "add", [PEER_DEL] = "del", NULL};

#define WG_DEV_WORD(f, lk, h)                                                                      \
	{                                                                                          \
		.kw = "dev", .kind = ARG_IFNAME, .flags = ARGF_POSITIONAL | ARGF_SUBJECT | (f),    \
		.metavar = "DEV", .live_kind = (lk), .help = (h)                                   \
	}
#define WG_DEV_SETTINGS                                                                            \
	[D_PRIVKEY] = {.kw = "private-key",                                                        \
		       .kind = ARG_STRING,                                                         \
		       .metavar = "FILE",                                                          \
		       .help = "the file that holds its private key (base64, as wg genkey "        \
			       "writes it)"},                                                      \
	[D_PORT] = {.kw = "listen-port",                                                           \
		    .kind = ARG_U32,                                                               \
		    .max = 65535,                                                                  \
		    .metavar = "PORT",                                                             \
		    .help = "the UDP port it listens on (0: one the kernel picks)"},               \
	[D_FWMARK] = {.kw = "fwmark",                                                              \
		      .kind = ARG_U32,                                                             \
		      .max = UINT32_MAX,                                                           \
		      .words = off_word,                                                           \
		      .values = off_value,                                                         \
		      .metavar = "MARK",                                                           \
		      .help = "the mark of its outgoing packets (off: none)"}

static const struct arg add_args[D_NARGS] = {
    [D_DEV] = WG_DEV_WORD(ARGF_REQUIRED | ARGF_NEW, NULL, "the new device's name"),
    WG_DEV_SETTINGS,
};
static const struct arg set_args[D_NARGS] = {
    [D_DEV] = WG_DEV_WORD(ARGF_REQUIRED, "wireguard", "the device"),
    WG_DEV_SETTINGS,
};
static const struct arg del_args[] = {
    WG_DEV_WORD(ARGF_REQUIRED, "wireguard", "the device to delete"),
};
static const struct arg show_args[] = {
    WG_DEV_WORD(0, "wireguard", "only this device (default: every wireguard device)"),
};

static const struct arg peer_args[P_NARGS] = {
    [P_CMD] = {.kind = ARG_ENUM,
	       .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
	       .words = peer_cmds,
	       .metavar = "COMMAND",
	       .help = "add: add a peer, or change one the device has; del: remove it"},
    [P_DEV] = WG_DEV_WORD(ARGF_REQUIRED, "wireguard", "the device"),
    [P_KEY] = {.kw = "public-key",
	       .kind = ARG_KEY,
	       .flags = ARGF_POSITIONAL | ARGF_REQUIRED,
	       .metavar = "PUBKEY",
	       .help = "the peer's public key (base64; the keyword may be left out)"},
    [P_ENDPOINT] = {.kw = "endpoint",
		    .kind = ARG_ENDPOINT,
		    .help = "where the peer is reached, HOST:PORT or [ADDR6]:PORT"},
    [P_ALLOWED] = {.kw = "allowed-ips",
		   .kind = ARG_ADDRS,
		   .flags = ARGF_PREFIXES,
		   .metavar = "PREFIX[,PREFIX...]",
		   .help = "the addresses the peer may send from and is sent to (replaces "
			   "its list)"},
    [P_KEEPALIVE] = {.kw = "persistent-keepalive",
		     .kind = ARG_U32,
		     .max = 65535,
		     .words = off_word,
		     .values = off_value,
		     .metavar = "SECONDS",
		     .help = "send a keepalive this often (off: never)"},
    [P_PSK] = {.kw = "preshared-key",
	       .kind = ARG_STRING,
	       .metavar = "FILE",
	       .help = "the file that holds a preshared key shared with the peer (base64)"},
};

/* ---- keys ---------------------------------------------------------------- */

/* A key's text (base64, 44 characters, blanks around it allowed, as wg
 * writes it) into key: 0, or -EINVAL.  The text is wiped. */
static int key_from_text(char *text, size_t len, uint8_t key[WG_KEY_LEN])
{
	size_t start = 0;
	int rc;

	while (len && strchr(" \t\r\n", text[len - 1]))
		len--;
	while (start < len && strchr(" \t\r\n", text[start]))
		start++;
	rc = key_text_decode(text + start, len - start, key);
	sodium_memzero(text, len);
	return rc;
}

/* Read a key from fd (at most a few hundred bytes are read: a key file is
 * 45). */
static int key_from_fd(int fd, uint8_t key[WG_KEY_LEN])
{
	char text[256];
	size_t len = 0;
	ssize_t r;

	while (len < sizeof(text) && (r = read(fd, text + len, sizeof(text) - len)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int err = errno;
			sodium_memzero(text, sizeof(text));
			return -err;
		}
		len += (size_t)r;
	}
	return key_from_text(text, len, key);
}

/* The key in the file a word names (private-key, preshared-key): a file
 * that cannot be read or holds no key is a usage error: nothing is sent.
 * One that others may read is used, with wg's warning. */
static int key_from_file(struct ctx *c, const struct arg *a, const char *path,
			 uint8_t key[WG_KEY_LEN])
{
	char text[256];
	size_t len;
	int rc = key_file_read(c, a->kw, path, text, sizeof(text), &len);

	if (rc < 0)
		return rc;
	if (key_from_text(text, len, key) < 0)
		return err_usage(c, "%s %s: not a key (expected 32 bytes in base64, 44 characters)",
				 a->kw, path);
	return 0;
}

/* ---- the device ---------------------------------------------------------- */

/* WG_CMD_SET_DEVICE for the device's own settings (add, set), in buf.
 * The private key file is read before anything is asked or sent, so a bad
 * one is a usage error and nothing goes out. */
static int build_settings(struct ctx *c, const struct arg *args, const struct val *v, char *buf,
			  struct nlmsghdr **nlh)
{
	uint8_t key[WG_KEY_LEN];
	int rc;

	if (v[D_PRIVKEY].set &&
	    (rc = key_from_file(c, &args[D_PRIVKEY], v[D_PRIVKEY].str, key)) < 0)
		return rc;
	if ((rc = genl_msg(c, &wg_family, buf, WG_CMD_SET_DEVICE, 0, nlh)) < 0) {
		sodium_memzero(key, sizeof(key));
		return rc;
	}
	mnl_attr_put_strz(*nlh, WGDEVICE_A_IFNAME, v[D_DEV].str);
	if (v[D_PRIVKEY].set)
		mnl_attr_put(*nlh, WGDEVICE_A_PRIVATE_KEY, sizeof(key), key);
	sodium_memzero(key, sizeof(key));
	if (v[D_PORT].set)
		mnl_attr_put_u16(*nlh, WGDEVICE_A_LISTEN_PORT, (uint16_t)v[D_PORT].u);
	if (v[D_FWMARK].set)
		mnl_attr_put_u32(*nlh, WGDEVICE_A_FWMARK, v[D_FWMARK].u);
	return 0;
}

/* The kernel's answer about a device it cannot configure, worded. */
static int config_error(struct ctx *c, int rc, const char *dev)
{
	if (rc == -ENODEV && !c->reason[0])
		return err_nodev(c, dev);
	if (rc == -EOPNOTSUPP && !c->reason[0])
		return err_fail(c, "%s is not a wireguard device", dev);
	return rc;
}

/* Send one SET_DEVICE; the message is wiped after (it may hold keys). */
static int send_set(struct ctx *c, struct nlmsghdr *nlh, const char *dev)
{
	int rc = genl_request(c, &wg_family, nlh);

	sodium_memzero(nlh, nlh->nlmsg_len);
	return rc < 0 ? config_error(c, rc, dev) : rc;
}

static int wg_set(struct ctx *c, const struct val *v)
{
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	int rc;

	if (!v[D_PRIVKEY].set && !v[D_PORT].set && !v[D_FWMARK].set)
		return err_usage(c, "nothing to change: give %s, %s or %s", set_args[D_PRIVKEY].kw,
				 set_args[D_PORT].kw, set_args[D_FWMARK].kw);
	if ((rc = build_settings(c, set_args, v, buf, &nlh)) < 0)
		return rc;
	return send_set(c, nlh, v[D_DEV].str);
}

/* The device made, then configured; when configuring fails it is deleted
 * again, so a failed add leaves nothing behind. */
static int wg_add(struct ctx *c, const struct val *v)
{
	char lbuf[NL_BUFSZ], buf[NL_BUFSZ];
	struct nlmsghdr *lnlh, *nlh = NULL;
	struct ifinfomsg *ifi;
	struct nlattr *info;
	struct nl_pipe *pipe = c->pipe;
	bool configure = v[D_PRIVKEY].set || v[D_PORT].set || v[D_FWMARK].set;
	int rc;

	/* everything read and checked before anything is sent */
	if (configure && (rc = build_settings(c, add_args, v, buf, &nlh)) < 0)
		return rc;
	lnlh = nl_msg(lbuf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	ifi = mnl_nlmsg_put_extra_header(lnlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_strz(lnlh, IFLA_IFNAME, v[D_DEV].str);
	info = mnl_attr_nest_start(lnlh, IFLA_LINKINFO);
	mnl_attr_put_strz(lnlh, IFLA_INFO_KIND, wg_kind.kind);
	mnl_attr_nest_end(lnlh, info);

	/* The configuration needs the device made: in a pipelined batch the
	 * lines before land first, then this one goes at once. */
	if ((rc = nl_barrier(c)) < 0)
		return rc;
	c->pipe = NULL;
	c->req_new = v[D_DEV].str;
	rc = link_create(c, lnlh, wg_kind.kind);
	c->req_new = NULL;
	if (rc == -EEXIST && !c->reason[0])
		err_names_explain(rc, NULL, v[D_DEV].str, c->reason, sizeof(c->reason));
	if (rc == 0 && nlh && (rc = send_set(c, nlh, v[D_DEV].str)) < 0 && !ctx_dryrun(c)) {
		char reason[sizeof(c->reason)], hint[sizeof(c->hint)];
		memcpy(reason, c->reason, sizeof(reason));
		memcpy(hint, c->hint, sizeof(hint));
		kind_del(c, &wg_kind, v[D_DEV].str);
		memcpy(c->reason, reason, sizeof(reason));
		memcpy(c->hint, hint, sizeof(hint));
	}
	c->pipe = pipe;
	if (nlh)
		sodium_memzero(buf, sizeof(buf));
	return rc;
}

static int wg_del(struct ctx *c, const struct val *v)
{
	return kind_del(c, &wg_kind, v[0].str);
}

/* ---- peers --------------------------------------------------------------- */

/* The peer's allowed ips, the list replacing what it had. */
static void put_allowed(struct nlmsghdr *nlh, const struct val *a)
{
	struct nlattr *list = mnl_attr_nest_start(nlh, WGPEER_A_ALLOWEDIPS);

	for (int i = 0; i < a->nrest; i++) {
		const struct inet_prefix *p = &a->ips[i];
		struct nlattr *one = mnl_attr_nest_start(nlh, (uint16_t)i);
		mnl_attr_put_u16(nlh, WGALLOWEDIP_A_FAMILY, (uint16_t)p->family);
		mnl_attr_put(nlh, WGALLOWEDIP_A_IPADDR, p->family == AF_INET ? 4 : 16, p->bytes);
		mnl_attr_put_u8(nlh, WGALLOWEDIP_A_CIDR_MASK, p->len);
		mnl_attr_nest_end(nlh, one);
	}
	mnl_attr_nest_end(nlh, list);
}

static void put_endpoint(struct nlmsghdr *nlh, const struct val *e)
{
	if (e->ip.family == AF_INET) {
		struct sockaddr_in s = {.sin_family = AF_INET, .sin_port = htons((uint16_t)e->hi)};
		s.sin_addr = e->ip.v4;
		mnl_attr_put(nlh, WGPEER_A_ENDPOINT, sizeof(s), &s);
	} else {
		struct sockaddr_in6 s = {.sin6_family = AF_INET6,
					 .sin6_port = htons((uint16_t)e->hi)};
		s.sin6_addr = e->ip.v6;
		mnl_attr_put(nlh, WGPEER_A_ENDPOINT, sizeof(s), &s);
	}
}

/* What add's words del does not take, refused before anything is sent. */
static int peer_check(struct ctx *c, const struct val *v)
{
	if (v[P_CMD].e != PEER_DEL)
		return 0;
	for (int i = P_ENDPOINT; i < P_NARGS; i++)
		if (v[i].set)
			return err_usage(c, "%s is for peer %s, not %s", peer_args[i].kw,
					 peer_cmds[PEER_ADD], peer_cmds[PEER_DEL]);
	return 0;
}

static int wg_peer(struct ctx *c, const struct val *v)
{
	const char *dev = v[P_DEV].str;
	uint8_t psk[WG_KEY_LEN];
	char buf[NL_BUFSZ];
	struct nlmsghdr *nlh;
	struct nlattr *peers, *peer;
	int rc;

	if ((rc = peer_check(c, v)) < 0)
		return rc;
	if (v[P_PSK].set && (rc = key_from_file(c, &peer_args[P_PSK], v[P_PSK].str, psk)) < 0)
		return rc;
	/* the kernel takes the removal of a peer it lacks as done */
	if (v[P_CMD].e == PEER_DEL && !ctx_dryrun(c)) {
		char text[WG_KEY_B64];
		if ((rc = wg_has_peer(c, dev, v[P_KEY].key)) < 0)
			return config_error(c, rc, dev);
		wg_key_text(v[P_KEY].key, text);
		if (rc == 0)
			return err_fail(c, "%s has no peer %s", dev, text);
	}
	if ((rc = genl_msg(c, &wg_family, buf, WG_CMD_SET_DEVICE, 0, &nlh)) < 0) {
		sodium_memzero(psk, sizeof(psk));
		return rc;
	}
	mnl_attr_put_strz(nlh, WGDEVICE_A_IFNAME, dev);
	peers = mnl_attr_nest_start(nlh, WGDEVICE_A_PEERS);
	peer = mnl_attr_nest_start(nlh, 0);
	mnl_attr_put(nlh, WGPEER_A_PUBLIC_KEY, WG_KEY_LEN, v[P_KEY].key);
	if (v[P_CMD].e == PEER_DEL) {
		mnl_attr_put_u32(nlh, WGPEER_A_FLAGS, WGPEER_F_REMOVE_ME);
	} else {
		if (v[P_ALLOWED].set)
			mnl_attr_put_u32(nlh, WGPEER_A_FLAGS, WGPEER_F_REPLACE_ALLOWEDIPS);
		if (v[P_PSK].set) {
			mnl_attr_put(nlh, WGPEER_A_PRESHARED_KEY, sizeof(psk), psk);
			sodium_memzero(psk, sizeof(psk));
		}
		if (v[P_ENDPOINT].set)
			put_endpoint(nlh, &v[P_ENDPOINT]);
		if (v[P_KEEPALIVE].set)
			mnl_attr_put_u16(nlh, WGPEER_A_PERSISTENT_KEEPALIVE_INTERVAL,
					 (uint16_t)v[P_KEEPALIVE].u);
		if (v[P_ALLOWED].set)
			put_allowed(nlh, &v[P_ALLOWED]);
	}
	mnl_attr_nest_end(nlh, peer);
	mnl_attr_nest_end(nlh, peers);
	return send_set(c, nlh, dev);
}

/* ---- keys on their own --------------------------------------------------- */

static int sodium_ready(struct ctx *c)
{
	if (sodium_init() < 0)
		return err_fail(c, "libsodium could not be initialised");
	return 0;
}

/* Standard output as the file the key goes to (`genkey > FILE`): one made
 * or emptied for it is made its owner's alone, whatever the umask let the
 * shell make; one that holds something already keeps its mode, with wg
 * genkey's warning. */
static void genkey_file(struct ctx *c)
{
	const char *reach;
	struct stat st;

	fflush(stdout); /* what a batch printed before counts as the file's */
	if (fstat(STDOUT_FILENO, &st) < 0 || !S_ISREG(st.st_mode) ||
	    !(reach = key_file_reach(st.st_mode)))
		return;
	if (st.st_size == 0 && fchmod(STDOUT_FILENO, st.st_mode & S_IRWXU) == 0)
		return;
	err_warn(c, "writing to a file that is %s (set the umask to 077 and try again)", reach);
}

/* A new private key, clamped as X25519 uses it (wg genkey's form). */
static int wg_genkey(struct ctx *c, const struct val *v)
{
	uint8_t key[WG_KEY_LEN];
	char text[WG_KEY_B64];
	int rc;

	(void)v;
	if ((rc = sodium_ready(c)) < 0)
		return rc;
	randombytes_buf(key, sizeof(key));
	key[0] &= 248;
	key[31] = (uint8_t)((key[31] & 127) | 64);
	wg_key_text(key, text);
	sodium_memzero(key, sizeof(key));
	genkey_file(c);
	printf("%s\n", text);
	sodium_memzero(text, sizeof(text));
	return 0;
}

/* The public key of the private key on standard input. */
static int wg_pubkey(struct ctx *c, const struct val *v)
{
	uint8_t priv[WG_KEY_LEN], pub[WG_KEY_LEN];
	char text[WG_KEY_B64];
	int rc;

	(void)v;
	if ((rc = sodium_ready(c)) < 0)
		return rc;
	rc = key_from_fd(STDIN_FILENO, priv);
	if (rc == -EINVAL)
		return err_usage(c, "standard input holds no private key (expected 32 bytes in "
				    "base64, 44 characters)");
	if (rc < 0)
		return err_errno(c, -rc, "reading standard input");
	rc = crypto_scalarmult_base(pub, priv);
	sodium_memzero(priv, sizeof(priv));
	if (rc != 0)
		return err_fail(c, "no public key for that private key");
	wg_key_text(pub, text);
	printf("%s\n", text);
	return 0;
}

/* ---- the object ---------------------------------------------------------- */

static const struct verb wireguard_verbs[] = {
    VERB("add", wg_add, add_args, "make a wireguard device, and configure it"),
    VERB("set", wg_set, set_args, "change a device's private key, port or mark"),
    VERB_ALSO("del", verb_del_aliases, wg_del, del_args, "delete a wireguard device"),
    VERB("peer", wg_peer, peer_args, "add, change or remove a device's peer"),
    VERB_ALSO("show", verb_show_aliases, wg_show, show_args,
	      "the devices and their peers: keys (public only), endpoints, handshakes, transfer"),
    {.name = "genkey", .run = wg_genkey, .help = "print a new private key (base64)"},
    {.name = "pubkey",
     .run = wg_pubkey,
     .help = "print the public key of the private key read from standard input"},
};

VNETCTL_OBJECT_OF(wireguard, "show", "WireGuard devices, their peers and keys, in one tool")
