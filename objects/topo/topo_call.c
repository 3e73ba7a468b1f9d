// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo: a step as a call of a vnetctl verb.  Each command is a verb of an
 * object and the words of the file that are its values; the values are
 * parsed once, through that verb's own table (args_fill), and the verb
 * runs on them through the dispatcher (dispatch_parsed): no command line
 * is printed to be parsed again.  plan turns the values back into words
 * through the same table (args_unparse).
 */
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "dispatch.h"
#include "out.h"
#include "topo_step.h"

/* Each a vnetctl command line; "$N" is the step's Nth word, and a word
 * "?W" stands for W followed by the next word only when that next word's
 * value is not empty (veth's "netns NS" for an end in a namespace). */
const char *const topo_cmds[][CMD_WORDS] = {
    [C_NETNS_ADD] = {"netns", "add", "$1"},
    [C_NETNS_DEL] = {"netns", "del", "$1"},
    [C_BRIDGE_ADD] = {"bridge", "add", "$1"},
    [C_LINK_DEL] = {"link", "del", "$1"},
    [C_VETH_ADD] = {"veth", "add", "$1", "?netns", "$2", "peer", "$3", "?netns", "$4"},
    [C_MASTER] = {"link", "set", "$1", "master", "$2"},
    [C_NOMASTER] = {"link", "set", "$1", "nomaster"},
    [C_ADDR_ADD] = {"addr", "add", "$1", "dev", "$2"},
    [C_ADDR_DEL] = {"addr", "del", "$1", "dev", "$2"},
    [C_UP] = {"link", "set", "$1", "up"},
    [C_DOWN] = {"link", "set", "$1", "down"},
    [C_ROUTE_ADD] = {"route", "add", "$1", "via", "$2", "?proto", "$3"},
    [C_ROUTE_DEL] = {"route", "del", "$1", "via", "$2"},
    [C_TUNTAP_ADD] = {"tuntap", "add", "$1", "mode", "$2"},
    [C_TUNNEL_ADD] = {"tunnel", "add", "$1", "mode", "$2", "?local", "$3", "?remote", "$4"},
    [C_VXLAN_ADD] = {"vxlan", "add", "$1", "id", "$2", "?remote", "$3", "?local", "$4", "?dev",
		     "$5", "?dstport", "$6"},
    [C_VLAN_ADD] = {"vlan", "add", "link", "$2", "name", "$1", "id", "$3"},
    [C_BOND_ADD] = {"bond", "add", "$1"},
    [C_VRF_ADD] = {"vrf", "add", "$1", "table", "$2"},
    [C_LINK_ADD] = {"link", "add", "$1", "?link", "$2", "?mtu", "$4", "?netns", "$5", "type", "$3",
		    "$*"},
    [C_IMPAIR] = {"link", "set", "$1", "$*"},
    [C_IMPAIR_NONE] = {"link", "set", "$1", "impair", "none"},
};

int topo_cmd_argv(const struct cmdline *l, char **argv, bool *value)
{
	const char *const *t = topo_cmds[l->cmd];
	int n = 0;

	for (int i = 0; i < CMD_WORDS && t[i]; i++) {
		const char *w = t[i];
		value[n] = w[0] == '$';
		if (!strcmp(w, "$*")) {
			/* a KEY is a keyword of the verb, its VALUE a value */
			for (size_t k = 0; k < 2 * l->nmore; k++)
				if (l->more[k]) {
					value[n] = k % 2;
					argv[n++] = (char *)l->more[k];
				}
			continue;
		}
		if (w[0] == '?') {
			const char *next = l->w[t[i + 1][1] - '1'];
			if (!*next) {
				i++;
				continue;
			}
			w++;
		} else if (w[0] == '$') {
			w = l->w[w[1] - '1'];
		}
		argv[n++] = (char *)w;
	}
	argv[n] = NULL;
	return n;
}

/* The call of argv[0] argv[1] (an object and its verb) with the words
 * after: a keyword of the verb's table with its value's words, or values
 * in place (value[i], or every word after the verb when value is NULL).
 * argv must outlive the call: a list's values point into it.  0 or the
 * usage error, said in c (c->obj and c->verb are the call's). */
int topo_call_fill(struct ctx *c, struct call *k, int argc, char **argv, const bool *value)
{
	bool was[64];
	int rc = 0;

	k->ngiven = 0;
	k->o = objects_find(argv[0]);
	k->v = k->o ? verb_exact(k->o, argv[1]) : NULL;
	k->vals = NULL;
	if (!k->v || k->v->nargs > ARRAY_SIZE(was)) /* a build bug */
		return err_fail(c, "no verb %s %s to run", argv[0], argv[1]);
	if (!(k->vals = calloc(k->v->nargs + 1, sizeof(*k->vals))))
		abort();
	c->obj = k->o;
	c->verb = k->v;
	c->subject = NULL;
	c->reason[0] = c->hint[0] = '\0';
	for (int i = 2, n; i < argc && rc == 0; i += n) {
		const char *kw = NULL;
		int a;
		if (!value || value[i]) {
			for (n = 0; i + n < argc && (!value || value[i + n]);)
				n++;
		} else {
			kw = argv[i++];
			a = args_index(k->v, kw);
			n = a < 0 || k->v->args[a].kind == ARG_FLAG ? 0
			    : k->v->args[a].kind == ARG_NEST || k->v->args[a].kind == ARG_REST ||
				    k->v->args[a].kind == ARG_KIND
				? argc - i
				: 1;
		}
		for (size_t j = 0; j < k->v->nargs; j++)
			was[j] = k->vals[j].set;
		rc = args_fill(c, k->v, kw, &argv[i], n, k->vals);
		for (size_t j = 0; j < k->v->nargs && k->ngiven < (int)ARRAY_SIZE(k->given); j++)
			if (!was[j] && k->vals[j].set) {
				k->given[k->ngiven].idx = j;
				k->given[k->ngiven++].positional = !kw;
			}
	}
	return rc < 0 ? rc : args_required(c, k->v, k->vals);
}

/* Whether code point cp (topo_utf8's) is one a terminal acts on: a control
 * (C0, DEL), a C1 control, or -1, a byte that begins no UTF-8 sequence. */
static bool word_unsafe(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/* A word as bash (and zsh, ksh) reads it back: as is when it holds only
 * plain characters; else in '...', or in $'...' with \xNN for each byte
 * of a character a terminal acts on (word_unsafe), so that no byte of a
 * name reaches the terminal raw and the line still runs as it reads. */
static void print_word(struct out *o, const char *w, bool json)
{
	static const char plain[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
				    "@%+=:,./-_";
	size_t left = strlen(w), n;
	bool ansi = false;

	if (json)
		out_str(o, OUT_JSON, NULL, "%s", w);
	if (*w && strspn(w, plain) == left) {
		out_text(o, " %s", w);
		return;
	}
	for (const char *s = w; *s; s += n)
		ansi |= word_unsafe(topo_utf8(s, (size_t)(w + left - s), &n));
	out_text(o, ansi ? " $'" : " '");
	for (const char *s = w; *s; s += n) {
		int32_t cp = topo_utf8(s, (size_t)(w + left - s), &n);
		if (cp == '\'' && !ansi)
			out_text(o, "'\\''");
		else if ((cp == '\'' || cp == '\\') && ansi)
			out_text(o, "\\%c", *s);
		else if (word_unsafe(cp))
			for (size_t i = 0; i < n; i++)
				out_text(o, "\\x%02x", (unsigned char)s[i]);
		else
			out_text(o, "%.*s", (int)n, s);
	}
	out_text(o, "'");
}

/* The words of step command l as its verb's table gives its values back
 * (args_unparse), into words (room for CMD_ARGV); how many.  A value the
 * verb refuses (a number out of its range) is printed as the file gives
 * it: up runs the step and says why it is refused. */
static int step_words(struct ctx *c, const struct cmdline *l, const char **words, char *num,
		      size_t sz)
{
	char *argv[CMD_ARGV + 1];
	bool value[CMD_ARGV + 1];
	int argc = topo_cmd_argv(l, argv, value), n = 2;
	struct call k;

	if (topo_call_fill(c, &k, argc, argv, value) < 0) {
		free(k.vals);
		memcpy(words, argv, (size_t)argc * sizeof(*words));
		return argc;
	}
	words[0] = k.o->name;
	words[1] = k.v->name;
	for (int g = 0; g < k.ngiven; g++)
		n += args_unparse(k.v, k.given[g].idx, k.given[g].positional,
				  &k.vals[k.given[g].idx], words + n, CMD_ARGV - n, num, sz);
	free(k.vals);
	return n;
}

/* plan: each step as the command line that does it, its values turned
 * back into words through its verb's table; with -j, a list of {"line",
 * "netns" when not the caller's, "argv"}. */
int topo_print_steps(struct run *r)
{
	struct out *o = r->c->out;

	out_list_open(o, NULL);
	for (size_t i = 0; i < r->steps.n; i++) {
		const struct cmdline *l = &r->steps.v[i].run;
		const char *words[CMD_ARGV];
		char num[16];
		int n;

		if (l->cmd == C_NONE)
			continue;
		n = step_words(r->c, l, words, num, sizeof(num));
		out_obj_open(o, NULL);
		out_int(o, OUT_JSON, "line", "%d", r->steps.v[i].line);
		out_text(o, "vnetctl");
		if (*l->ns) {
			out_str(o, OUT_JSON, "netns", "%s", l->ns);
			out_text(o, " -n");
			print_word(o, l->ns, false);
		}
		out_list_open(o, "argv");
		for (int w = 0; w < n; w++)
			print_word(o, words[w], true);
		out_list_close(o);
		out_nl(o);
		out_obj_close(o);
	}
	out_list_close(o);
	return 0;
}
