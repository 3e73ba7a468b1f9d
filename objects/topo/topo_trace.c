// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * topo trace FILE, for a lab on several hosts: `vnetctl -j trace` run on
 * the host of the namespace the packet sets out from (ssh, topo_remote.c),
 * its JSON read; when the packet leaves by one end of an overlay link (the
 * split's, topo_hosts.c: trace stops there, as it follows no vxlan), the
 * trace goes on at the link's other end, on that end's host, as
 * `vnetctl -j -n NS trace ADDR from SRC iif DEV oneway`, and so on, host
 * after host (at most TRACE_HOSTS).  One trace is printed of them all,
 * each hop with its host, each overlay crossing a hop; the verdict is the
 * last host's.  The way back is not traced (each host's trace is oneway).
 * trace's words are read here by trace's own table first, so a wrong one
 * is this command's error; the remote command lines hold the fixed words
 * below and values (trace's words, a namespace, a device, the source),
 * each a plain word, since ssh gives the line to the remote shell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "out.h"
#include "topo_hosts.h"
#include "topo_state.h"
#include "topo_yaml.h"

/* The hosts one trace may cross. */
#define TRACE_HOSTS 8
/* trace's words the user may give, at most (the table has 11). */
#define TRACE_WORDS 24

/* The remote command's fixed words; those of trace's table are found in
 * it by args_index, and the user may not give iif and --verify, which
 * each host's run sets or cannot do. */
enum remote_word { W_JSON, W_NETNS, W_TRACE, W_FROM, W_IIF, W_ONEWAY, W_VERIFY, W_N };
static const char *const remote_words[W_N] = {
    [W_JSON] = "-j", [W_NETNS] = "-n",	    [W_TRACE] = "trace",     [W_FROM] = "from",
    [W_IIF] = "iif", [W_ONEWAY] = "oneway", [W_VERIFY] = "--verify",
};
/* How trace says the packet leaves by a device it does not follow. */
#define LEAVES_BY "STOP: leaves by "
/* trace's name of its starting namespace when no -n names it */
#define START_NS "(start)"
/* What begins the remote vnetctl's error line. */
#define REMOTE_PREFIX "vnetctl: "

struct walk {
	struct ctx *c;
	const struct topo *t;
	struct topo_part *parts;
	bool has_from, has_oneway;
	char src[64];
	bool listed; /* the hops' list is open */
	char reason[sizeof(((struct ctx *)0)->reason)];
};

static const struct ynode *yget(const struct ydoc *d, const struct ynode *m, const char *key)
{
	if (!m || m->type != Y_MAP)
		return NULL;
	for (uint32_t i = 0; i < m->n; i++) {
		const struct ynode *k = ykid(d, m, 2 * (size_t)i);
		if (k->type == Y_SCALAR && !strcmp(ytext(d, k), key))
			return ykid(d, m, 2 * (size_t)i + 1);
	}
	return NULL;
}

static const char *ystr(const struct ydoc *d, const struct ynode *m, const char *key)
{
	const struct ynode *n = yget(d, m, key);

	return n && n->type == Y_SCALAR ? ytext(d, n) : "";
}

static bool ytrue(const struct ydoc *d, const struct ynode *m, const char *key)
{
	return !strcmp(ystr(d, m, key), "true");
}

/* ssh hands its command line to the remote user's shell as one string:
 * every value in it must be a plain word, which no shell reads otherwise
 * (a namespace's name may hold any byte but / and NUL). */
static const char *plain(const char *const *v, int n)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				 "0123456789._:%+@=,-";

	for (int i = 0; i < n; i++)
		if (!*v[i] || *v[i] == '-' || v[i][strspn(v[i], ok)])
			return v[i];
	return NULL;
}

/* The last line of the remote's error output, without "vnetctl: ". */
static void last_line(const char *err, char *line, size_t size)
{
	const char *l = err ? err : "", *start;
	size_t len = strlen(l);

	while (len && l[len - 1] == '\n')
		len--;
	start = l + len;
	while (start > l && start[-1] != '\n')
		start--;
	if (!strncmp(start, REMOTE_PREFIX, strlen(REMOTE_PREFIX)) &&
	    (size_t)(l + len - start) >= strlen(REMOTE_PREFIX))
		start += strlen(REMOTE_PREFIX);
	snprintf(line, size, "%.*s", (int)(l + len - start), start);
}

/* One hop, with its host; an overlay crossing's far end when over. */
static void put_hop(struct walk *w, const struct topo_host *h, const char *ns, const char *dev,
		    const char *decision, const struct ydoc *d, const struct ynode *hop)
{
	struct out *o = w->c->out;
	const struct ynode *im = hop ? yget(d, hop, "impair") : NULL;

	out_obj_open(o, NULL);
	out_str(o, OUT_ANY, "host", "%-8s ", h->name);
	out_str(o, OUT_ANY, "netns", "%-12s ", ns);
	out_str(o, OUT_ANY, "ifname", "%-16s ", dev);
	out_str(o, OUT_ANY, "decision", "%s", decision);
	if (hop && ytrue(d, hop, "stop"))
		out_bool(o, OUT_JSON, "stop", NULL, true);
	if (hop && ytrue(d, hop, "may_stop"))
		out_bool(o, OUT_JSON, "may_stop", NULL, true);
	if (im && im->type == Y_MAP) {
		out_obj_open(o, "impair");
		out_u64(o, OUT_JSON, "delay_us", NULL, strtoull(ystr(d, im, "delay_us"), NULL, 10));
		out_u64(o, OUT_JSON, "jitter_us", NULL,
			strtoull(ystr(d, im, "jitter_us"), NULL, 10));
		out_double(o, OUT_JSON, "loss", NULL, strtod(ystr(d, im, "loss"), NULL));
		out_obj_close(o);
	}
	out_nl(o);
	out_obj_close(o);
}

/* The overlay link whose end on host h is ns/dev: its other end and that
 * end's host, the kind and identifier; -1 when it is none. */
static int far_end(struct walk *w, int h, const char *ns, const char *dev, struct topo_ref *far,
		   const char **kind, const char **id)
{
	const struct topo *t = w->t;
	const char *k2, *i2;

	for (size_t i = 0; i < t->veths.n; i++) {
		const struct topo_veth *v = &t->veths.v[i];
		const struct topo_ref *here = NULL, *there = NULL;
		int hh, ht;
		if (!strcmp(v->a.ns, ns) && !strcmp(v->a.dev, dev)) {
			here = &v->a;
			there = &v->b;
		} else if (!strcmp(v->b.ns, ns) && !strcmp(v->b.dev, dev)) {
			here = &v->b;
			there = &v->a;
		} else
			continue;
		hh = topo_hosts_overlay(w->parts, t->hosts.n, here, kind, id);
		ht = topo_hosts_overlay(w->parts, t->hosts.n, there, &k2, &i2);
		if (hh != h || ht < 0 || ht == h)
			continue;
		*far = *there;
		return ht;
	}
	return -1;
}

/* trace on host h from namespace ns (NULL: the caller's), in by iif when
 * given: its hops printed; the next host + 1 (its namespace and device in
 * *next) when the packet crosses an overlay link, else 0 when it arrived,
 * -1 when it stops or the host fails (the reason in w->reason), -2 when
 * trace there refused its words (status 2). */
static int run_host(struct walk *w, int h, const char *ns, const char *iif, char *const *words,
		    int nwords, bool first, struct topo_ref *next)
{
	const struct topo_host *host = &w->t->hosts.v[h];
	const char *argv[2 * TRACE_WORDS];
	char *out = NULL, *err = NULL, line[300], json_err[200];
	struct ydoc d = {0};
	const struct ynode *hops;
	const char *bad, *src = w->src;
	int n = 0, status, rc = -1;

	argv[n++] = remote_words[W_JSON];
	if (ns && *ns) {
		argv[n++] = remote_words[W_NETNS];
		argv[n++] = ns;
	}
	argv[n++] = remote_words[W_TRACE];
	for (int i = 0; i < nwords; i++)
		argv[n++] = words[i];
	if (iif && !w->has_from) {
		argv[n++] = remote_words[W_FROM];
		argv[n++] = w->src;
	}
	if (iif) {
		argv[n++] = remote_words[W_IIF];
		argv[n++] = iif;
	}
	if (!w->has_oneway)
		argv[n++] = remote_words[W_ONEWAY];
	argv[n] = NULL;
	if (iif && !w->has_from && !*src) {
		snprintf(w->reason, sizeof(w->reason),
			 "to go on at host %s, the packet's source is needed, and the first "
			 "host's kernel picked none: give %s ADDR",
			 host->name, remote_words[W_FROM]);
		return -1;
	}
	/* the values in it: trace's words, the namespace, the device, the source */
	if ((bad = plain((const char *const *)words, nwords)) ||
	    (ns && *ns && (bad = plain(&ns, 1))) || (iif && (bad = plain(&iif, 1))) ||
	    (iif && !w->has_from && (bad = plain(&src, 1)))) {
		snprintf(w->reason, sizeof(w->reason),
			 "\"%.100s\" is not a plain word (letters, digits, ._:%%+@=,-), "
			 "and ssh would give it to the shell on host %s",
			 bad, host->name);
		return -2;
	}
	status = topo_remote_one(&w->parts[h], argv, &out, &err);
	last_line(err, line, sizeof(line));
	if (status != 0 && status != 1) {
		snprintf(w->reason, sizeof(w->reason), "host %s (%s): %s%s", host->name, host->ssh,
			 status == 255 || status < 0 ? "cannot reach it: " : "",
			 *line ? line : "trace failed (no reason given)");
		/* trace's own usage error there is this command's */
		rc = status == 2 ? -2 : -1;
		goto out;
	}
	if (ydoc_load(&d, "-", out, strlen(out), json_err, sizeof(json_err)) < 0 || !d.root ||
	    d.root->type != Y_MAP || !(hops = yget(&d, d.root, "hops")) || hops->type != Y_SEQ) {
		/* (a trace that could not start, in a namespace gone: its line) */
		snprintf(w->reason, sizeof(w->reason), "host %s (%s): %s", host->name, host->ssh,
			 *line ? line : "trace's output is not its JSON");
		goto out;
	}
	if (first) {
		const struct ynode *pkt = yget(&d, d.root, "packet");
		snprintf(w->src, sizeof(w->src), "%s", ystr(&d, pkt, "src"));
		out_str(w->c->out, OUT_ANY, "dst", "trace to %s", ystr(&d, d.root, "dst"));
		out_str(w->c->out, OUT_ANY, "src", " from %s", w->src);
		out_str(w->c->out, OUT_TEXT, NULL, " over the hosts of %s, one way\n", w->t->file);
		out_list_open(w->c->out, "hops");
		w->listed = true;
	}
	for (uint32_t i = 0; i < hops->n; i++) {
		const struct ynode *hop = ykid(&d, hops, i);
		const char *hns = ystr(&d, hop, "netns"), *dev = ystr(&d, hop, "ifname");
		const char *dec = ystr(&d, hop, "decision"), *kind, *id;
		char what[600];
		int far;
		if (!strcmp(hns, START_NS) && !(ns && *ns))
			hns = "";
		if (i + 1 == hops->n && ytrue(&d, hop, "stop") &&
		    !strncmp(dec, LEAVES_BY, strlen(LEAVES_BY)) &&
		    (far = far_end(w, h, hns, dev, next, &kind, &id)) >= 0) {
			snprintf(what, sizeof(what), "-> %s %s -> host %s %s/%s", kind, id,
				 w->t->hosts.v[far].name, *next->ns ? next->ns : START_NS,
				 next->dev);
			out_obj_open(w->c->out, NULL);
			out_str(w->c->out, OUT_ANY, "host", "%-8s ", host->name);
			out_str(w->c->out, OUT_ANY, "netns", "%-12s ", *hns ? hns : START_NS);
			out_str(w->c->out, OUT_ANY, "ifname", "%-16s ", dev);
			out_str(w->c->out, OUT_ANY, "decision", "%s", what);
			out_obj_open(w->c->out, "overlay");
			out_str(w->c->out, OUT_JSON, "kind", NULL, kind);
			out_uint(w->c->out, OUT_JSON, "id", NULL, (unsigned)strtoul(id, NULL, 10));
			out_str(w->c->out, OUT_JSON, "host", NULL, w->t->hosts.v[far].name);
			out_str(w->c->out, OUT_JSON, "netns", NULL, next->ns);
			out_str(w->c->out, OUT_JSON, "ifname", NULL, next->dev);
			out_obj_close(w->c->out);
			out_nl(w->c->out);
			out_obj_close(w->c->out);
			rc = far + 1;
			goto out;
		}
		put_hop(w, host, *hns ? hns : START_NS, dev, dec, &d, hop);
	}
	if (status == 0 && ytrue(&d, d.root, "reached"))
		rc = 0;
	else
		snprintf(w->reason, sizeof(w->reason), "host %s (%s): %s", host->name, host->ssh,
			 *ystr(&d, d.root, "reason") ? ystr(&d, d.root, "reason") : "it stops");
out:
	ydoc_free(&d);
	free(out);
	free(err);
	return rc;
}

/* The host of namespace ns (NULL: the caller's, on the default host), or
 * -1 when the file has no such namespace. */
static int host_of(const struct topo *t, const struct topo_part *parts, const char *ns)
{
	if (!ns) {
		for (size_t k = 0; t->host && k < t->hosts.n; k++)
			if (!strcmp(t->hosts.v[k].name, t->host))
				return (int)k;
		return 0;
	}
	for (size_t k = 0; k < t->hosts.n; k++)
		for (size_t i = 0; i < parts[k].t.nss.n; i++)
			if (!strcmp(parts[k].t.nss.v[i].name, ns))
				return (int)k;
	return -1;
}

/* trace's words read by its own table: the usage error, or 0 with what
 * was given of from and oneway. */
static int read_words(struct ctx *c, struct walk *w, char *const *words, int nwords)
{
	const struct object *o = objects_find(remote_words[W_TRACE]);
	const struct verb *vb = o ? verb_exact(o, "") : NULL;
	struct val *vals;
	int rc, k;

	if (!vb)
		return err_fail(c, "this vnetctl has no %s", remote_words[W_TRACE]);
	if (nwords > TRACE_WORDS)
		return err_usage(c, "%s: more than %d words", remote_words[W_TRACE], TRACE_WORDS);
	if (!(vals = calloc(vb->nargs, sizeof(*vals))))
		abort();
	rc = parse_args(c, vb, nwords, (char **)words, vals);
	if (rc == 0 && (rc = args_required(c, vb, vals)) == 0) {
		static const enum remote_word refused[] = {W_IIF, W_VERIFY};
		for (size_t i = 0; i < ARRAY_SIZE(refused); i++)
			if ((k = args_index(vb, remote_words[refused[i]])) >= 0 && vals[k].set) {
				rc = err_usage(c, "%s: each host's trace sets it, or cannot",
					       remote_words[refused[i]]);
				break;
			}
		w->has_from = (k = args_index(vb, remote_words[W_FROM])) >= 0 && vals[k].set;
		w->has_oneway = (k = args_index(vb, remote_words[W_ONEWAY])) >= 0 && vals[k].set;
	}
	free(vals);
	return rc < 0 ? -VN_EUSAGE : 0;
}

int topo_trace_hosts(struct ctx *c, const struct topo *t, const char *ns, char *const *words,
		     int nwords)
{
	struct walk w = {.c = c, .t = t};
	struct topo_ref at = {0};
	char iif[64] = "", here[256] = "";
	int h, rc, hosts = 0;

	if ((rc = read_words(c, &w, words, nwords)) < 0) {
		char why[sizeof(c->reason)];
		snprintf(why, sizeof(why), "%s", c->reason);
		snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s", t->file, why);
		return rc;
	}
	if ((rc = topo_hosts_split(c, t, &w.parts)) < 0)
		return rc;
	if ((h = host_of(t, w.parts, ns)) < 0) {
		snprintf(c->reason, sizeof(c->reason), "%s: namespace \"%s\" is not one of %s",
			 t->file, ns, topo_keys[K_NAMESPACES]);
		rc = -VN_EUSAGE;
		goto out;
	}
	if ((rc = topo_remote_check(c, t, w.parts, remote_words[W_TRACE])) < 0)
		goto out;
	snprintf(here, sizeof(here), "%s", ns ? ns : "");
	out_obj_open(c->out, NULL);
	for (;;) {
		rc = run_host(&w, h, here, iif[0] ? iif : NULL, words, nwords, !hosts, &at);
		hosts++;
		if (rc <= 0)
			break;
		if (hosts == TRACE_HOSTS) {
			snprintf(w.reason, sizeof(w.reason), "more than %d hosts: a loop?",
				 TRACE_HOSTS);
			rc = -1;
			break;
		}
		h = rc - 1;
		snprintf(here, sizeof(here), "%s", at.ns);
		snprintf(iif, sizeof(iif), "%s", at.dev);
	}
	if (w.listed)
		out_list_close(c->out);
	out_bool(c->out, OUT_JSON, "reached", NULL, rc == 0);
	if (rc < 0)
		out_str(c->out, OUT_JSON, "reason", NULL, w.reason);
	out_obj_close(c->out);
	if (rc == -2) { /* a usage error: its place */
		snprintf(c->reason, sizeof(c->reason), "%.200s: %.300s", t->file, w.reason);
		rc = -VN_EUSAGE;
	} else if (rc < 0) {
		snprintf(c->reason, sizeof(c->reason), "%s", w.reason);
		rc = -VN_EFAIL;
	}
out:
	topo_hosts_free(w.parts, t->hosts.n);
	return rc;
}
