// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A namespace's nftables ruleset, read with libnftables (nfteval.h says
 * why not libnftnl): `list ruleset` twice in one new context, as JSON with
 * handles and numbers for symbols (protocols, ct states, ICMP types) to
 * evaluate, and as text without counters' values for each rule's words.
 * A new context per read: its netlink socket is opened in the namespace
 * the caller is in then.
 */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <nftables/libnftables.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nftrules.h"

static const char *const hook_names[] = {
    [NFTH_PREROUTING] = "prerouting",	[NFTH_INPUT] = "input",
    [NFTH_FORWARD] = "forward",		[NFTH_OUTPUT] = "output",
    [NFTH_POSTROUTING] = "postrouting",
};

const char *nft_hook_name(enum nft_hook h)
{
	return h <= NFTH_POSTROUTING ? hook_names[h] : "?";
}

static void cpy(char *dst, size_t sz, const char *s)
{
	snprintf(dst, sz, "%s", s ? s : "");
}

static void unread(struct nft_ruleset *rs, const struct nft_chain *c, const char *hook)
{
	if (!rs->unread[0])
		snprintf(rs->unread, sizeof(rs->unread), "%s %s %s (hook %s)", c->family, c->table,
			 c->name, hook);
}

static void chain_add(struct nft_ruleset *rs, const json_t *j)
{
	struct nft_chain *c = VEC_PUSH(rs->chains);
	const char *hook = json_string_value(json_object_get(j, "hook"));
	const char *type = json_string_value(json_object_get(j, "type"));
	const char *policy = json_string_value(json_object_get(j, "policy"));

	cpy(c->family, sizeof(c->family), json_string_value(json_object_get(j, "family")));
	cpy(c->table, sizeof(c->table), json_string_value(json_object_get(j, "table")));
	cpy(c->name, sizeof(c->name), json_string_value(json_object_get(j, "name")));
	c->hook = -1;
	for (int h = 0; hook && h <= NFTH_POSTROUTING; h++)
		if (!strcmp(hook, hook_names[h]))
			c->hook = h;
	if (hook && !strcmp(c->family, "netdev") &&
	    (!strcmp(hook, "ingress") || !strcmp(hook, "egress"))) {
		/* a device's own, before prerouting or after postrouting;
		 * its device is read from the text (texts_read) */
		c->stage = hook[0] == 'i' ? -1 : 1;
		c->hook = hook[0] == 'i' ? NFTH_PREROUTING : NFTH_POSTROUTING;
	} else if (hook && (c->hook < 0 || (strcmp(c->family, "ip") && strcmp(c->family, "ip6") &&
					    strcmp(c->family, "inet")))) {
		c->hook = -1; /* a bridge or arp chain, an inet ingress hook */
		unread(rs, c, hook);
	}
	c->prio = (int)json_integer_value(json_object_get(j, "prio"));
	c->nat = type && !strcmp(type, "nat");
	c->policy_drop = policy && !strcmp(policy, "drop");
}

static struct nft_chain *chain_get(struct nft_ruleset *rs, const char *family, const char *table,
				   const char *name)
{
	return (struct nft_chain *)nft_chain_find(rs, family, table, name);
}

const struct nft_chain *nft_chain_find(const struct nft_ruleset *rs, const char *family,
				       const char *table, const char *name)
{
	for (size_t i = 0; family && table && name && i < rs->chains.n; i++) {
		const struct nft_chain *c = &rs->chains.v[i];
		if (!strcmp(c->family, family) && !strcmp(c->table, table) &&
		    !strcmp(c->name, name))
			return c;
	}
	return NULL;
}

static const char *jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

const json_t *nft_set_elems(const struct nft_ruleset *rs, const char *family, const char *table,
			    const char *name)
{
	const json_t *items = json_object_get(rs->root, "nftables"), *it, *s;
	static const char *const kinds[] = {"set", "map"};
	size_t i;

	json_array_foreach(items, i, it)
	{
		for (size_t k = 0; k < 2; k++) {
			if (!(s = json_object_get(it, kinds[k])))
				continue;
			if (!strcmp(jstr(s, "family") ?: "", family) &&
			    !strcmp(jstr(s, "table") ?: "", table) &&
			    !strcmp(jstr(s, "name") ?: "", name)) {
				const json_t *e = json_object_get(s, "elem");
				return e ? e : json_null(); /* an empty set */
			}
		}
	}
	return NULL;
}

/* Each rule's text from `nft -a -s list ruleset`: in "table F T {", in
 * "\tchain C {", a line "\t\tRULE # handle N". */
static void texts_read(struct nft_ruleset *rs, char *text)
{
	char fam[8] = "", tbl[64] = "", chn[64] = "", *line, *save = NULL;
	struct nft_chain *c = NULL;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *h;
		unsigned long long handle;
		if (sscanf(line, "table %7s %63s {", fam, tbl) == 2) {
			c = NULL;
			continue;
		}
		if (sscanf(line, "\tchain %63s {", chn) == 1 && line[1] == 'c') {
			c = chain_get(rs, fam, tbl, chn);
			continue;
		}
		if (c && c->stage && (h = strstr(line, " device ")) && !strstr(line, "# handle")) {
			/* type filter hook ingress device "eth0" priority 0; */
			if (sscanf(h, " device \"%15[^\"]\"", c->dev) != 1 &&
			    sscanf(h, " device %15[^ ;]", c->dev) != 1)
				c->dev[0] = '\0';
			continue;
		}
		if (line[0] == '\t' && line[1] != '\t') {
			c = NULL; /* a set, a map, the end of the chain */
			continue;
		}
		if (!c || !(h = strstr(line, " # handle ")) ||
		    sscanf(h, " # handle %llu", &handle) != 1)
			continue;
		*h = '\0';
		line += strspn(line, "\t ");
		for (size_t i = 0; i < c->rules.n; i++)
			if (c->rules.v[i].handle == handle)
				cpy(c->rules.v[i].text, sizeof(c->rules.v[i].text), line);
	}
}

static int index_json(struct nft_ruleset *rs)
{
	const json_t *items = json_object_get(rs->root, "nftables"), *it, *j;
	size_t i;

	if (!json_is_array(items))
		return -1;
	json_array_foreach(items, i, it) if ((j = json_object_get(it, "chain"))) chain_add(rs, j);
	json_array_foreach(items, i, it)
	{
		struct nft_chain *c;
		struct nft_rule *r;
		if (!(j = json_object_get(it, "rule")) ||
		    !(c = chain_get(rs, jstr(j, "family"), jstr(j, "table"), jstr(j, "chain"))))
			continue;
		r = VEC_PUSH(c->rules);
		r->handle = (uint64_t)json_integer_value(json_object_get(j, "handle"));
		r->expr = json_object_get(j, "expr");
		snprintf(r->text, sizeof(r->text), "handle %llu", (unsigned long long)r->handle);
	}
	return 0;
}

/* `list ruleset` in ctx with these output flags; its output, or NULL
 * with errno (libnftables gives its error only as text). */
static char *list(struct nft_ctx *ctx, unsigned flags)
{
	const char *o, *e;

	nft_ctx_output_set_flags(ctx, flags);
	if (nft_run_cmd_from_buffer(ctx, "list ruleset") != 0) {
		e = nft_ctx_get_error_buffer(ctx);
		errno = e && strstr(e, strerror(EPERM)) ? EPERM : EIO;
		return NULL;
	}
	o = nft_ctx_get_output_buffer(ctx);
	return strdup(o ? o : "");
}

/* Whether nf_tables answers this process here: 0, or the errno of its
 * answer to a request for the ruleset's generation. */
static int may_read(struct mnl_socket *nl)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nfgenmsg *nfg;
	unsigned portid;
	ssize_t n;
	int rc = MNL_CB_OK;

	nlh->nlmsg_type = (NFNL_SUBSYS_NFTABLES << 8) | NFT_MSG_GETGEN;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 1;
	nfg = mnl_nlmsg_put_extra_header(nlh, sizeof(*nfg));
	nfg->nfgen_family = AF_UNSPEC;
	nfg->version = NFNETLINK_V0;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return errno;
	portid = mnl_socket_get_portid(nl);
	while (rc > MNL_CB_STOP && (n = mnl_socket_recvfrom(nl, buf, sizeof(buf))) > 0)
		rc = mnl_cb_run(buf, (size_t)n, 1, portid, NULL, NULL);
	return rc < 0 ? errno : 0;
}

static struct nft_ruleset *empty(void)
{
	struct nft_ruleset *rs = calloc(1, sizeof(*rs));

	if (!rs || !(rs->root = json_object()))
		abort();
	return rs;
}

struct nft_ruleset *nft_ruleset_read(void)
{
	struct nft_ruleset *rs;
	struct mnl_socket *probe;
	struct nft_ctx *ctx;
	char *js, *text;
	json_error_t jerr;
	int err;

	/* libnftables ends the process when it cannot open its socket, and
	 * writes to stderr when it may not read: both are tried here first */
	if (!(probe = mnl_socket_open(NETLINK_NETFILTER)))
		return errno == EPROTONOSUPPORT ? empty() : NULL;
	err = may_read(probe);
	mnl_socket_close(probe);
	if (err == EOPNOTSUPP)
		return empty(); /* a kernel without nf_tables has no rules */
	if (err) {
		errno = err;
		return NULL;
	}
	if (!(ctx = nft_ctx_new(NFT_CTX_DEFAULT))) {
		errno = ENOMEM;
		return NULL;
	}
	nft_ctx_buffer_output(ctx);
	nft_ctx_buffer_error(ctx);
	js = list(ctx, NFT_CTX_OUTPUT_JSON | NFT_CTX_OUTPUT_HANDLE | NFT_CTX_OUTPUT_NUMERIC_ALL |
			   NFT_CTX_OUTPUT_STATELESS);
	text = js ? list(ctx, NFT_CTX_OUTPUT_HANDLE | NFT_CTX_OUTPUT_STATELESS) : NULL;
	err = errno;
	nft_ctx_free(ctx);
	if (!js || !text) {
		free(js);
		free(text);
		errno = err;
		return NULL;
	}
	if (!(rs = calloc(1, sizeof(*rs))))
		abort();
	rs->root = json_loads(js, 0, &jerr);
	free(js);
	if (!rs->root || index_json(rs) < 0) {
		free(text);
		nft_ruleset_free(rs);
		errno = EPROTO;
		return NULL;
	}
	texts_read(rs, text);
	free(text);
	for (size_t i = 0; i < rs->chains.n; i++) {
		struct nft_chain *c = &rs->chains.v[i];
		if (c->stage && !c->dev[0]) { /* several devices: not taken */
			unread(rs, c, c->stage < 0 ? "ingress" : "egress");
			c->hook = -1;
		}
	}
	return rs;
}

const char *nft_ruleset_unread(const struct nft_ruleset *rs)
{
	return rs->unread[0] ? rs->unread : NULL;
}

void nft_ruleset_set_addr_fn(struct nft_ruleset *rs, nft_addr_fn fn, void *arg)
{
	rs->addr_fn = fn;
	rs->addr_arg = arg;
}

void nft_ruleset_free(struct nft_ruleset *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->chains.n; i++)
		free(rs->chains.v[i].rules.v);
	free(rs->chains.v);
	json_decref(rs->root);
	free(rs);
}

/* A names file of /proc/net (the current namespace's) with a line in it. */
static bool names_in(const char *path)
{
	FILE *f = fopen(path, "re");
	char line[64];
	bool any = false;

	if (f) {
		any = fgets(line, sizeof(line), f) != NULL;
		fclose(f);
	}
	return any;
}

bool nft_legacy_present(void)
{
	/* the thread's: /proc/net is the process's first thread's namespace */
	return names_in("/proc/thread-self/net/ip_tables_names") ||
	       names_in("/proc/thread-self/net/ip6_tables_names");
}
