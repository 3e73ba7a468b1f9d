// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A value back into the words of a command line, through its table: what
 * `topo plan` prints for a step whose values were parsed without one
 * (args_fill).  The parser's inverse: the keyword, the word that may come
 * between it and the value, then the value's words as typed.  And a verb's
 * table as its synopsis: the usage's line and the man page's SYNOPSIS, one
 * walk in two renderings.
 */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "argval.h"

int args_unparse(const struct verb *vb, size_t idx, bool positional, const struct val *v,
		 const char **words, int max, char *buf, size_t sz)
{
	const struct arg *a = &vb->args[idx];
	int n = 0;

#define PUT(w)                                                                                     \
	do {                                                                                       \
		if (n < max)                                                                       \
			words[n++] = (w);                                                          \
	} while (0)
	if (!v->set)
		return 0;
	if (!positional)
		PUT(a->kw);
	switch (a->kind) {
	case ARG_FLAG:
		break;
	case ARG_REST:
	case ARG_KIND:
	case ARG_NEST:
		for (int i = 0; i < v->nrest; i++)
			PUT(v->rest[i]);
		break;
	case ARG_STRINGS:
		for (int i = 0; i < v->nrest; i++) {
			if (i)
				PUT(a->kw);
			PUT(v->strs[i]);
		}
		break;
	case ARG_UNITS:
		for (int i = 0; i < v->nrest + (v->word ? 1 : 0); i++)
			PUT(v->m.w[i]);
		break;
	case ARG_RANGE:
		snprintf(buf, sz, "%u", v->range.high);
		PUT(v->str);
		PUT(buf);
		break;
	case ARG_KEYFILE:
		PUT(v->str);
		PUT(v->file);
		break;
	default:
		if (v->prefixed)
			PUT(a->prefix);
		PUT(v->str);
	}
#undef PUT
	return n;
}

/* ---- the table as a synopsis --------------------------------------------- */

/*
 * One walk of a verb's table puts its synopsis word by word, in three
 * fonts: punctuation ([ ] { } |) roman, keywords and words bold, what the
 * user fills in (metavars) italic.  Two renderings take it: the usage's
 * plain text (fonts dropped) and a man page's roff (usage_verb,
 * args_synopsis), so the help and the page say the same thing.
 */
enum font { F_R, F_B, F_I };

struct seg {
	enum font font;
	char text[128];
};

/* The roff line: alternating fonts (.RB, .IR ...) of at most this many
 * pieces (two more for a closing bracket), and about this long. */
#define LINE_SEGS 6
#define LINE_LEN  60
#define SEGS_MAX  (LINE_SEGS + 2)

struct render {
	FILE *f;
	bool roff;
	bool space; /* a blank before the next piece */
	/* roff: the word being put, and the line it may join */
	struct seg word[SEGS_MAX], line[SEGS_MAX];
	int nword, nline;
};

static size_t segs_len(const struct seg *s, int n)
{
	size_t len = 0;

	for (int i = 0; i < n; i++)
		len += strlen(s[i].text);
	return len;
}

/* Whether s[0..n) and t[0..m) together use at most two fonts. */
static bool two_fonts(const struct seg *s, int n, const struct seg *t, int m)
{
	bool used[3] = {false, false, false};

	for (int i = 0; i < n; i++)
		used[s[i].font] = true;
	for (int i = 0; i < m; i++)
		used[t[i].font] = true;
	return used[F_R] + used[F_B] + used[F_I] <= 2;
}

/* Append text in font to s[0..*n): joined to the last piece when it is in
 * the same font.  false when there is no room. */
static bool seg_add(struct seg *s, int *n, enum font font, const char *text)
{
	if (*n && s[*n - 1].font == font) {
		size_t len = strlen(s[*n - 1].text);
		snprintf(s[*n - 1].text + len, sizeof(s[*n - 1].text) - len, "%s", text);
		return true;
	}
	if (*n == SEGS_MAX)
		return false;
	s[*n].font = font;
	snprintf(s[*n].text, sizeof(s[*n].text), "%s", text);
	(*n)++;
	return true;
}

void args_roff_text(FILE *f, const char *t)
{
	for (; *t; t++) {
		if (*t == '\\')
			fputs("\\e", f);
		else if (*t == '-')
			fputs("\\-", f);
		else
			fputc(*t, f);
	}
}

static void line_flush(struct render *r)
{
	static const char fontc[] = {'R', 'B', 'I'};
	const struct seg *s = r->line;
	int n = r->nline;

	r->nline = 0;
	if (!n)
		return;
	if (!two_fonts(s, n, NULL, 0)) { /* three fonts in one word: escapes */
		fputs("\\&", r->f);
		for (int i = 0; i < n; i++) {
			fprintf(r->f, "\\f%c", fontc[s[i].font]);
			args_roff_text(r->f, s[i].text);
		}
		fputs("\\fR\n", r->f);
		return;
	}
	if (n == 1) {
		if (s[0].font == F_R)
			fputs("\\&", r->f);
		else
			fprintf(r->f, ".%c ", fontc[s[0].font]);
		args_roff_text(r->f, s[0].text);
		fputc('\n', r->f);
		return;
	}
	fprintf(r->f, ".%c%c", fontc[s[0].font], fontc[s[1].font]);
	for (int i = 0; i < n; i++) {
		bool quote = !s[i].text[0] || strchr(s[i].text, ' ');
		fputs(quote ? " \"" : " ", r->f);
		args_roff_text(r->f, s[i].text);
		if (quote)
			fputc('"', r->f);
	}
	fputc('\n', r->f);
}

/* The word put so far joins the line, a blank apart, when the line stays
 * in two fonts and short; else it starts the next line. */
static void word_end(struct render *r)
{
	if (!r->nword)
		return;
	/* a closing bracket or a bar stays on its line, however long */
	bool tail = r->nword == 1 && r->word[0].font == F_R && strlen(r->word[0].text) <= 3;

	if (!r->nline || !two_fonts(r->line, r->nline, r->word, r->nword) ||
	    r->nline + r->nword > (tail ? SEGS_MAX : LINE_SEGS) ||
	    (!tail && segs_len(r->line, r->nline) + segs_len(r->word, r->nword) >= LINE_LEN)) {
		line_flush(r);
	} else if (r->line[r->nline - 1].font != F_R && r->word[0].font == F_R) {
		/* the blank goes to roman, in the word's first piece */
		memmove(r->word[0].text + 1, r->word[0].text, sizeof(r->word[0].text) - 1);
		r->word[0].text[0] = ' ';
		r->word[0].text[sizeof(r->word[0].text) - 1] = '\0';
	} else {
		seg_add(r->line, &r->nline, r->line[r->nline - 1].font, " ");
	}
	for (int i = 0; i < r->nword; i++)
		if (!seg_add(r->line, &r->nline, r->word[i].font, r->word[i].text)) {
			/* a word of more pieces than a line holds: lines of its own */
			line_flush(r);
			seg_add(r->line, &r->nline, r->word[i].font, r->word[i].text);
		}
	r->nword = 0;
}

static void put(struct render *r, enum font font, const char *text)
{
	if (!r->roff) {
		if (r->space)
			fputc(' ', r->f);
		fputs(text, r->f);
	} else {
		if (r->space)
			word_end(r);
		if (!seg_add(r->word, &r->nword, font, text)) {
			word_end(r);
			seg_add(r->word, &r->nword, font, text);
		}
	}
	r->space = false;
}

static void sp(struct render *r)
{
	r->space = true;
}

/* The next piece starts a line of the roff (the plain text runs on). */
static void brk(struct render *r)
{
	if (!r->roff)
		return;
	word_end(r);
	line_flush(r);
}

/* words, a bar between each, in font. */
static void put_list(struct render *r, enum font font, const char *const *words)
{
	for (size_t i = 0; words && words[i]; i++) {
		if (i) {
			sp(r);
			put(r, F_R, "|");
			sp(r);
		}
		put(r, font, words[i]);
	}
}

/* The keyword; in the man page with its other spellings:
 * { broadcast | brd }. */
static void put_kw(struct render *r, const struct arg *a)
{
	const char *all[8] = {a->kw};
	size_t n = 1;

	for (const char *al; n + 1 < ARRAY_SIZE(all) && (al = arg_alias(a, n - 1)); n++)
		all[n] = al;
	if (!r->roff || n == 1) {
		put(r, F_B, a->kw);
		return;
	}
	put(r, F_R, "{");
	sp(r);
	put_list(r, F_B, all);
	sp(r);
	put(r, F_R, "}");
}

/* Whether a's value is a choice of words (with its metavar, for a value
 * that also takes a few words instead). */
static bool value_words(const struct arg *a)
{
	return a->kind == ARG_ONOFF || a->kind == ARG_ENUM ||
	       (a->words && (a->kind == ARG_U32 || a->kind == ARG_ADDR));
}

static void put_value(struct render *r, const struct arg *a)
{
	char num[32];
	size_t n = 0;

	if (a->kind == ARG_ONOFF) {
		put_list(r, F_B, onoff_words);
		return;
	}
	if (a->kind != ARG_ENUM) {
		put(r, F_I, arg_metavar(a));
		if (!value_words(a))
			return;
		sp(r);
		put(r, F_R, "|");
		sp(r);
	}
	put_list(r, F_B, a->words);
	while (a->kind == ARG_ENUM && a->words && a->words[n])
		n++;
	if (a->kind == ARG_ENUM && (a->flags & ARGF_NUMBERED) && n) {
		snprintf(num, sizeof(num), "0..%zu", n - 1);
		sp(r);
		put(r, F_R, "|");
		sp(r);
		put(r, F_I, num);
	}
}

/* The words of a blank-separated list (an argument's .prefix) in font. */
static void put_blanked(struct render *r, enum font font, const char *s)
{
	char w[64];

	while (*s) {
		size_t len = strcspn(s, " ");
		if (len) {
			snprintf(w, sizeof(w), "%.*s", (int)len, s);
			put(r, font, w);
		}
		s += len;
		s += strspn(s, " ");
		if (*s)
			sp(r);
	}
}

static void walk_arg(struct render *r, const struct arg *a)
{
	bool opt = !(a->flags & ARGF_REQUIRED);

	brk(r);
	sp(r);
	if (opt)
		put(r, F_R, "[");
	if (a->kind == ARG_FLAG) {
		put_kw(r, a);
	} else if (a->flags & ARGF_POSITIONAL) {
		if (a->kw) {
			put(r, F_R, "[");
			put_kw(r, a);
			put(r, F_R, "]");
			sp(r);
		}
		if (a->flags & ARGF_DEFAULT) {
			put(r, F_R, "{");
			sp(r);
			put(r, F_B, "default");
			sp(r);
			put(r, F_R, "|");
			sp(r);
			put_value(r, a);
			sp(r);
			put(r, F_R, "}");
		} else if (!opt && (a->kind == ARG_ONOFF || a->kind == ARG_ENUM)) {
			/* a choice that must be made: { off | on } */
			put(r, F_R, "{");
			sp(r);
			put_value(r, a);
			sp(r);
			put(r, F_R, "}");
		} else {
			put_value(r, a);
		}
	} else if (value_words(a)) {
		put_kw(r, a);
		sp(r);
		put(r, F_R, "{");
		sp(r);
		put_value(r, a);
		sp(r);
		put(r, F_R, "}");
	} else if (a->kind == ARG_KIND) {
		put_kw(r, a);
		sp(r);
		put_value(r, a);
		sp(r);
		put(r, F_R, "[");
		put(r, F_I, "ARGS...");
		put(r, F_R, "]");
	} else if (a->kind == ARG_NEST) {
		put_kw(r, a);
		for (size_t i = 0; i < a->nsub; i++)
			walk_arg(r, &a->sub[i]);
	} else {
		put_kw(r, a);
		sp(r);
		if (a->prefix) {
			put(r, F_R, "[");
			put_blanked(r, F_B, a->prefix);
			put(r, F_R, "]");
			sp(r);
		}
		put_value(r, a);
	}
	if (opt)
		put(r, F_R, "]");
}

void usage_verb(FILE *f, const struct object *o, const struct verb *v)
{
	struct render r = {.f = f};

	fprintf(f, "vnetctl %s%s%s", o->name, verb_named(v) ? " " : "", v->name);
	for (size_t i = 0; i < v->nargs; i++)
		walk_arg(&r, &v->args[i]);
	fputc('\n', f);
}

/* Whether verbs a and b read the same table (route's add, change ...). */
static bool same_table(const struct verb *a, const struct verb *b)
{
	return a->args == b->args && a->nargs == b->nargs;
}

/* names as one choice: a name alone, { a | b }, or [ a | b ] when it may
 * be left out (opt). */
static void put_choice(struct render *r, const char *const *names, size_t n, bool opt)
{
	if (n == 1 && !opt) {
		sp(r);
		put(r, F_B, names[0]);
	} else if (n) {
		brk(r);
		put(r, F_R, opt ? "[" : "{");
		sp(r);
		put_list(r, F_B, names);
		sp(r);
		put(r, F_R, opt ? "]" : "}");
	}
}

/* Whether name is o's default verb (run when none is given). */
static bool is_default(const struct object *o, const char *name)
{
	return o->default_verb && !strcmp(o->default_verb, name);
}

/* Whether v's table is a choice of commands, each a keyword whose words
 * are its own table (bridge fdb add|del|show ...: ARG_NEST, with nothing
 * after it when it has none): a synopsis for each command's table. */
static bool commands_table(const struct verb *v)
{
	for (size_t i = 0; i < v->nargs; i++)
		if (v->args[i].kind != ARG_NEST || !(v->args[i].flags & ARGF_NEST_EMPTY))
			return false;
	return v->nargs > 0;
}

/* The commands of v from the i-th on that read its table, with their
 * other spellings, into names (room for max, NULL-terminated); whether o's
 * default verb is among them, then the command run when none is given. */
static bool command_names(const struct object *o, const struct verb *v, size_t i,
			  const char **names, size_t max)
{
	const struct arg *a = &v->args[i];
	bool dflt = false;
	size_t n = 0;

	for (size_t k = i; k < v->nargs; k++) {
		const struct arg *b = &v->args[k];
		if (b->sub != a->sub || b->nsub != a->nsub)
			continue;
		for (size_t al = 0; n < max - 1; al++) {
			const char *w = al ? arg_alias(b, al - 1) : b->kw;
			if (!w)
				break;
			dflt |= is_default(o, w);
			names[n++] = w;
		}
	}
	names[n] = NULL;
	return dflt;
}

static void synopsis_head(struct render *r, const struct object *o, const char *const *names,
			  size_t n, bool dflt)
{
	fputs(".B vnetctl\n.RI [ OPTIONS ]\n", r->f);
	put(r, F_B, o->name);
	put_choice(r, names, n, dflt);
}

/* One synopsis: the verbs of o from the j-th on that read its table, their
 * names and aliases as one choice ([ ] when the object's default verb is
 * among them), then the table; for a table of commands, one synopsis for
 * each command's table, the commands that read it as one choice ([ ] when
 * they are the default verb's names: show). */
static void synopsis_verbs(struct render *r, const struct object *o, size_t j)
{
	const struct verb *v = &o->verbs[j];
	const char *names[64], *cmds[64];
	size_t n = 0;
	bool dflt = false;

	for (size_t k = j; k < o->nverbs; k++) {
		const struct verb *w = &o->verbs[k];
		if (!same_table(v, w) || !verb_named(w))
			continue;
		dflt |= is_default(o, w->name);
		if (n < ARRAY_SIZE(names) - 1)
			names[n++] = w->name;
		for (size_t a = 0; w->aliases && w->aliases[a]; a++)
			if (n < ARRAY_SIZE(names) - 1)
				names[n++] = w->aliases[a];
	}
	names[n] = NULL;
	if (!commands_table(v)) {
		synopsis_head(r, o, names, n, dflt);
		for (size_t i = 0; i < v->nargs; i++)
			walk_arg(r, &v->args[i]);
		brk(r);
		return;
	}
	for (size_t i = 0; i < v->nargs; i++) {
		const struct arg *a = &v->args[i];
		size_t nc = 0;
		bool seen = false, cdflt;

		for (size_t k = 0; k < i; k++)
			seen |= v->args[k].sub == a->sub && v->args[k].nsub == a->nsub;
		if (seen)
			continue;
		if (i)
			fputs(".br\n", r->f);
		cdflt = command_names(o, v, i, cmds, ARRAY_SIZE(cmds));
		while (cmds[nc])
			nc++;
		synopsis_head(r, o, names, n, dflt);
		put_choice(r, cmds, nc, cdflt);
		for (size_t k = 0; k < a->nsub; k++)
			walk_arg(r, &a->sub[k]);
		brk(r);
	}
}

void args_synopsis_kind(FILE *f, const struct object *o, const struct verb *v, const char *kind,
			const struct verb *words)
{
	struct render r = {.f = f, .roff = true};
	const char *names[] = {v->name, NULL};

	synopsis_head(&r, o, names, 1, false);
	for (size_t i = 0; i < v->nargs; i++)
		if (v->args[i].kind != ARG_KIND)
			walk_arg(&r, &v->args[i]);
	/* last, as the kind's words are the rest of the line */
	for (size_t i = 0; i < v->nargs; i++) {
		if (v->args[i].kind != ARG_KIND)
			continue;
		brk(&r);
		sp(&r);
		put_kw(&r, &v->args[i]);
		sp(&r);
		put(&r, F_B, kind);
		for (size_t k = 0; k < words->nargs; k++)
			walk_arg(&r, &words->args[k]);
	}
	brk(&r);
}

void args_synopsis(FILE *f, const struct object *o)
{
	struct render r = {.f = f, .roff = true};
	bool first = true;

	for (size_t j = 0; j < o->nverbs; j++) {
		bool seen = false;
		for (size_t k = 0; k < j; k++)
			seen |= same_table(&o->verbs[k], &o->verbs[j]);
		if (seen)
			continue;
		if (!first)
			fputs(".br\n", f);
		first = false;
		synopsis_verbs(&r, o, j);
	}
}
