/*
 * nx_article.c
 *	  Article structure over a parsed document: header fields, headline,
 *	  byline, dateline, where the story starts, and live-blog update
 *	  markers.
 *
 * The top of an article is read line by line after the metadata header
 * (which nx_text_sentences.c marks with NX_SF_HEADER): up to one headline
 * and one byline, each a whole line, in either order; then the story,
 * which may open with a dateline.  A dateline is a place in capitals,
 * optionally a comma and a date or region, optionally an agency in
 * brackets, then a dash:
 *
 *	  ISTANBUL (Reuters) -		   GENEVA —
 *	  MILLBROOK, Aug. 8 —		   PORT ALDER (Northwind News) -
 */
#include <string.h>

#include "nx_article.h"

#define MAX_TOP_LINES		4	/* headline, byline, and slack */
#define MAX_HEADLINE_WORDS	25
#define MAX_BYLINE_TOKENS	16
#define MAX_PLACE_TOKENS	5
#define MAX_DATELINE_TOKENS 16
#define MAX_AGENCY_TOKENS	6

/* ASCII case-insensitive comparison of token t with a lower-case word. */
static int
tok_ieq(const NxDoc *d, const NxToken *t, const char *w)
{
	size_t		n = strlen(w);
	const char *s = d->text + t->b;

	if (t->blen != n)
		return 0;
	for (size_t i = 0; i < n; i++)
	{
		char		c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char) (c - 'A' + 'a');
		if (c != w[i])
			return 0;
	}
	return 1;
}

/* Is token t exactly the punctuation s? */
static int
tok_is(const NxDoc *d, const NxToken *t, const char *s)
{
	size_t		n = strlen(s);

	return t->blen == n && memcmp(d->text + t->b, s, n) == 0;
}

/* Does a line start at token i? */
static int
line_start(const NxDoc *d, size_t i)
{
	return i == 0 || (d->tok[i].flags & NX_TF_LINE_BEFORE);
}

/* First token of the next line after token i (d->ntok at the end). */
static size_t
line_end(const NxDoc *d, size_t i)
{
	size_t		j = i + 1;

	while (j < d->ntok && !(d->tok[j].flags & NX_TF_LINE_BEFORE))
		j++;
	return j;
}

/* Final punctuation: . ! ? … */
static int
is_final(const NxDoc *d, const NxToken *t)
{
	return t->kind == NX_TOK_PUNCT &&
		(tok_is(d, t, ".") || tok_is(d, t, "!") || tok_is(d, t, "?") ||
		 tok_is(d, t, "\xE2\x80\xA6") || tok_is(d, t, "..."));
}

static NxRange
range(size_t from, size_t to)
{
	NxRange		r = {(uint32_t) from, (uint32_t) (to - from)};

	return r;
}

/* Does a header key name a field (`Date`, `author`)? ASCII case-folded. */
int
nx_article_key_is(const NxDoc *doc, NxRange key, const char *name)
{
	return key.ntok == 1 && tok_ieq(doc, &doc->tok[key.tok], name);
}

/* ------------------------------------------------------------------------
 * Header
 */

/* First token after the header (0 without one). */
static size_t
header_end(const NxDoc *d)
{
	size_t		s = 0;

	while (s < d->nsent && (d->sent[s].flags & NX_SF_HEADER))
		s++;
	return s == 0 ? 0 : d->sent[s - 1].tok + d->sent[s - 1].ntok;
}

/* The header lines of [0, end) as key and value. */
static NxStatus
read_header(const NxDoc *d, size_t end, NxArticleMeta *m, const NxAlloc *a)
{
	size_t		n = 0,
				i;

	for (i = 0; i < end; i = line_end(d, i))
		n++;
	if (n == 0)
		return NX_OK;
	m->header = nx_alloc(a, n * sizeof(NxHeaderField));
	if (!m->header)
		return NX_ENOMEM;
	for (i = 0; i < end;)
	{
		size_t		e = line_end(d, i),
					v = i + 1;
		NxHeaderField *f = &m->header[m->nheader++];

		if (e > end)
			e = end;
		if (v < e && tok_is(d, &d->tok[v], ":"))
			v++;
		f->key = range(i, i + 1);
		f->value = range(v, e > v ? e : v);
		i = line_end(d, i);
	}
	return NX_OK;
}

/* ------------------------------------------------------------------------
 * Headline, byline, dateline
 */

/* Is [i, e) a byline: `By` and a capitalised name? */
static int
is_byline(const NxDoc *d, size_t i, size_t e)
{
	return e - i >= 2 && e - i <= MAX_BYLINE_TOKENS &&
		d->tok[i].kind == NX_TOK_WORD && tok_ieq(d, &d->tok[i], "by") &&
		d->tok[i + 1].kind == NX_TOK_WORD &&
		(d->tok[i + 1].flags & NX_TF_UPPER_INITIAL);
}

/* Last token of [i, e) without a final period or closing punctuation. */
static size_t
trim_end(const NxDoc *d, size_t i, size_t e)
{
	while (e > i + 1 && d->tok[e - 1].kind == NX_TOK_PUNCT &&
		   (tok_is(d, &d->tok[e - 1], ".") || tok_is(d, &d->tok[e - 1], ",") ||
			tok_is(d, &d->tok[e - 1], ";") || tok_is(d, &d->tok[e - 1], ":")))
		e--;
	return e;
}

static int	update_marker(const NxDoc *d, size_t i, size_t e, NxUpdate *u);

/*
 * Parse a dateline at token i of a line ending before e; on success fill
 * m->dateline, place, agency and return the first token after the dash.
 * Returns 0 when there is none.
 */
static size_t
dateline_at(const NxDoc *d, size_t i, size_t e, NxArticleMeta *m)
{
	size_t		j = i,
				lim = e < i + MAX_DATELINE_TOKENS ? e : i + MAX_DATELINE_TOKENS;
	size_t		place_end,
				ag = 0,
				ag_end = 0;

	/* the place: words in capitals, the first of two letters or more */
	if (j >= lim || d->tok[j].kind != NX_TOK_WORD ||
		!(d->tok[j].flags & NX_TF_ALL_UPPER) || d->tok[j].clen < 2)
		return 0;
	while (j < lim && j - i < MAX_PLACE_TOKENS && d->tok[j].kind == NX_TOK_WORD &&
		   (d->tok[j].flags & NX_TF_ALL_UPPER))
		j++;
	place_end = j;

	/* `, Aug. 8`, `, Ukraine`, `, D.C., March 3` */
	if (j < lim && tok_is(d, &d->tok[j], ","))
	{
		j++;
		while (j < lim && (d->tok[j].kind == NX_TOK_WORD ||
						   d->tok[j].kind == NX_TOK_NUMBER ||
						   tok_is(d, &d->tok[j], ",")))
			j++;
		if (tok_is(d, &d->tok[j - 1], ","))
			return 0;
	}

	/* `(Reuters)` */
	if (j < lim && tok_is(d, &d->tok[j], "("))
	{
		ag = ++j;
		while (j < lim && j - ag < MAX_AGENCY_TOKENS && !tok_is(d, &d->tok[j], ")"))
			j++;
		if (j >= lim || !tok_is(d, &d->tok[j], ")") || j == ag)
			return 0;
		ag_end = j++;
	}

	if (j >= lim || d->tok[j].kind != NX_TOK_DASH)
		return 0;
	m->dateline = range(i, j);
	m->place = range(i, place_end);
	if (ag_end)
		m->agency = range(ag, ag_end);
	return j + 1;
}

/* Is [i, e) a headline: a short line without final punctuation? */
static int
is_headline(const NxDoc *d, size_t i, size_t e)
{
	size_t		words = 0,
				last = e - 1;
	NxArticleMeta scratch = {0};
	NxUpdate	u;

	while (last > i && (d->tok[last].kind == NX_TOK_CLOSE_QUOTE ||
						tok_is(d, &d->tok[last], ")")))
		last--;
	if (is_final(d, &d->tok[last]) || tok_is(d, &d->tok[last], ":") ||
		tok_is(d, &d->tok[last], ","))
		return 0;
	for (size_t k = i; k < e; k++)
		if (d->tok[k].kind == NX_TOK_WORD || d->tok[k].kind == NX_TOK_NUMBER)
			words++;
	if (words == 0 || words > MAX_HEADLINE_WORDS)
		return 0;
	/* it starts as a sentence does, and is no dateline or update marker */
	if (!(d->tok[i].flags & NX_TF_UPPER_INITIAL) &&
		d->tok[i].kind != NX_TOK_NUMBER && d->tok[i].kind != NX_TOK_OPEN_QUOTE)
		return 0;
	return dateline_at(d, i, e, &scratch) == 0 && !update_marker(d, i, e, &u);
}

/* Read the metadata of an article. */
NxStatus
nx_article_meta(const NxDoc *doc, NxArticleMeta *m, const NxAlloc *a)
{
	size_t		i = header_end(doc),
				after;
	NxStatus	st;

	memset(m, 0, sizeof(*m));
	m->lead = (uint32_t) doc->ntok;
	if ((st = read_header(doc, i, m, a)) != NX_OK)
		return st;

	/* headline and byline: whole lines, at most one of each */
	for (int k = 0; k < MAX_TOP_LINES && i < doc->ntok && line_start(doc, i); k++)
	{
		size_t		e = line_end(doc, i);

		if (!m->byline.ntok && is_byline(doc, i, e))
			m->byline = range(i + 1, trim_end(doc, i + 1, e));
		else if (!m->headline.ntok && is_headline(doc, i, e))
			m->headline = range(i, e);
		else
			break;
		i = e;
	}

	/* the story, after its dateline */
	if (i < doc->ntok &&
		(after = dateline_at(doc, i, line_end(doc, i), m)) != 0)
		i = after;
	m->lead = (uint32_t) i;
	return NX_OK;
}

/* ------------------------------------------------------------------------
 * Dates in header values
 */

static const char *const months[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/* Month 1..12 of a month name or its abbreviation (`Feb`, `Sept`), or 0. */
static int
month_of(const char *s, size_t n)
{
	char		w[16];

	if (n < 3 || n >= sizeof(w))
		return 0;
	for (size_t i = 0; i < n; i++)
		w[i] = (char) ((s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i]);
	w[n] = '\0';
	if (strcmp(w, "sept") == 0)
		return 9;
	for (int k = 0; k < 12; k++)
		if (strncmp(months[k], w, n) == 0 && (n == 3 || n == strlen(months[k])))
			return k + 1;
	return 0;
}

static int
valid_date(int y, int m, int d)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 0;
	return 1;
}

/* Read up to max digits at s[*p] into *v; returns the number read. */
static int
digits(const char *s, size_t n, size_t *p, int max, int *v)
{
	int			k = 0;

	*v = 0;
	while (*p < n && k < max && s[*p] >= '0' && s[*p] <= '9')
	{
		*v = *v * 10 + (s[*p] - '0');
		(*p)++;
		k++;
	}
	return k;
}

/* Read a word of ASCII letters at s[*p], skipping a period after it. */
static int
month_word(const char *s, size_t n, size_t *p)
{
	size_t		b = *p;
	int			mo;

	while (*p < n && ((s[*p] >= 'A' && s[*p] <= 'Z') || (s[*p] >= 'a' && s[*p] <= 'z')))
		(*p)++;
	mo = month_of(s + b, *p - b);
	if (mo && *p < n && s[*p] == '.')
		(*p)++;
	return mo;
}

static void
spaces(const char *s, size_t n, size_t *p)
{
	while (*p < n && (s[*p] == ' ' || s[*p] == ','))
		(*p)++;
}

/*
 * The month and day after an ISO date's year, which ends at s[*p]: -MM-DD
 * or /MM/DD (one or two digits each, the same separator twice), and no
 * digit after them.  Returns 1 and sets *mo and *d, else 0.
 */
static int
iso_month_day(const char *s, size_t n, size_t *p, int *mo, int *d)
{
	char		sep;

	if (*p >= n || (s[*p] != '-' && s[*p] != '/'))
		return 0;
	sep = s[(*p)++];
	if (!digits(s, n, p, 2, mo) || *p >= n || s[*p] != sep)
		return 0;
	(*p)++;
	if (!digits(s, n, p, 2, d))
		return 0;
	return *p == n || !(s[*p] >= '0' && s[*p] <= '9');
}

/* The calendar date written in a header value. */
int
nx_article_date(const NxDoc *doc, NxRange value, int *y, int *m, int *d)
{
	const char *s = doc->text + nx_range_b(doc, value);
	size_t		n = nx_range_blen(doc, value),
				p = 0;
	int			a,
				b,
				c;

	if (!value.ntok)
		return 0;
	if (digits(s, n, &p, 4, &a) == 4)
	{
		/* 2025-02-27, 2025/02/27, with anything after (a time) */
		if (iso_month_day(s, n, &p, &b, &c) && valid_date(a, b, c))
		{
			*y = a, *m = b, *d = c;
			return 1;
		}
		return 0;
	}
	p = 0;
	if (digits(s, n, &p, 2, &c))
	{
		/* 27 February 2025 */
		spaces(s, n, &p);
		if ((b = month_word(s, n, &p)) == 0)
			return 0;
		spaces(s, n, &p);
		if (digits(s, n, &p, 4, &a) == 4 && valid_date(a, b, c))
		{
			*y = a, *m = b, *d = c;
			return 1;
		}
		return 0;
	}
	/* February 27, 2025 */
	if ((b = month_word(s, n, &p)) == 0)
		return 0;
	spaces(s, n, &p);
	if (!digits(s, n, &p, 2, &c))
		return 0;
	spaces(s, n, &p);
	if (digits(s, n, &p, 4, &a) == 4 && valid_date(a, b, c))
	{
		*y = a, *m = b, *d = c;
		return 1;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * Live-blog updates
 */

/* Is s[0, n) "am" or "pm" (any case, with or without periods)? 1 am, 2 pm. */
static int
ampm(const char *s, size_t n)
{
	char		c0,
				c1;
	size_t		k = 0;

	if (n < 2)
		return 0;
	c0 = (char) (s[k++] | 0x20);
	if (k < n && s[k] == '.')
		k++;
	if (k >= n)
		return 0;
	c1 = (char) (s[k++] | 0x20);
	if (k < n && s[k] == '.')
		k++;
	if (k != n || c1 != 'm' || (c0 != 'a' && c0 != 'p'))
		return 0;
	return c0 == 'a' ? 1 : 2;
}

/*
 * Read a clock time from a number token: 1330, 13:30, 9.45, 9.45pm; the
 * am or pm may be the next token (9.45 a.m.), which *used is set for.
 * Returns 1 for a valid time.
 */
static int
clock_time(const NxDoc *d, size_t i, size_t e, int *h, int *mi, int *used)
{
	const NxToken *t = &d->tok[i];
	const char *s = d->text + t->b;
	size_t		n = t->blen,
				p = 0;
	int			a,
				b,
				k,
				ap = 0;

	*used = 0;
	if (t->kind != NX_TOK_NUMBER)
		return 0;
	k = digits(s, n, &p, 4, &a);
	if (k == 4 && (p == n || ampm(s + p, n - p) == 0))
	{
		if (p != n)
			return 0;
		b = a % 100;
		a /= 100;
	}
	else if ((k == 1 || k == 2) && p < n && (s[p] == ':' || s[p] == '.'))
	{
		p++;
		if (digits(s, n, &p, 2, &b) != 2)
			return 0;
		if (p < n && (ap = ampm(s + p, n - p)) == 0)
			return 0;
	}
	else
		return 0;
	if (!ap && i + 1 < e && d->tok[i + 1].kind == NX_TOK_WORD &&
		(ap = ampm(d->text + d->tok[i + 1].b, d->tok[i + 1].blen)) != 0)
		*used = 1;
	if (ap)
	{
		if (a < 1 || a > 12)
			return 0;
		a = a % 12 + (ap == 2 ? 12 : 0);
	}
	if (a > 23 || b > 59)
		return 0;
	*h = a;
	*mi = b;
	return 1;
}

/* Is t a time zone abbreviation (GMT, UTC, BST, CEST, ET)? */
static int
is_zone(const NxDoc *d, const NxToken *t)
{
	return t->kind == NX_TOK_WORD && (t->flags & NX_TF_ALL_UPPER) &&
		t->blen >= 2 && t->blen <= 5 && t->clen == t->blen &&
		!(t->flags & NX_TF_ABBREV);
}

/*
 * Parse an update marker at the start of line [i, e); fills u->marker,
 * hour, minute, zone and returns the first token after its colon or dash,
 * or 0 when the line does not start with one.
 */
static int
update_marker(const NxDoc *d, size_t i, size_t e, NxUpdate *u)
{
	size_t		j = i;
	int			word = 0,
				paren = 0,
				used;

	memset(u, 0, sizeof(*u));
	if (j < e && (tok_ieq(d, &d->tok[j], "update") || tok_ieq(d, &d->tok[j], "updated")))
	{
		word = 1;
		j++;
		if (j < e && tok_is(d, &d->tok[j], ","))
			j++;
		if (j < e && tok_ieq(d, &d->tok[j], "at"))
			j++;
	}
	if (j < e && tok_is(d, &d->tok[j], "("))
	{
		paren = 1;
		j++;
	}
	if (j >= e || !clock_time(d, j, e, &u->hour, &u->minute, &used))
		return 0;
	j += 1 + used;
	if (j < e && is_zone(d, &d->tok[j]))
		u->zone = range(j, j + 1), j++;
	if (paren)
	{
		if (j >= e || !tok_is(d, &d->tok[j], ")"))
			return 0;
		j++;
	}
	/* `Update 1330 GMT:` or `13:30 GMT -`; a bare `2024:` is no marker */
	if (j >= e || !(tok_is(d, &d->tok[j], ":") || d->tok[j].kind == NX_TOK_DASH))
		return 0;
	if (!word && !u->zone.ntok)
		return 0;
	u->marker = range(i, j);
	return (int) (j + 1);
}

/* Find the update markers of a live blog. */
NxStatus
nx_article_updates(const NxDoc *doc, NxUpdate **out, size_t *n, const NxAlloc *a)
{
	size_t		cap = 0,
				i = header_end(doc);
	NxUpdate   *u = NULL;

	*out = NULL;
	*n = 0;
	while (i < doc->ntok)
	{
		size_t		e = line_end(doc, i);
		NxUpdate	cur;
		int			after;

		nx_check_interrupts(a);
		if (line_start(doc, i) && (after = update_marker(doc, i, e, &cur)) != 0)
		{
			size_t		t = (size_t) after,
						te = e;

			if (t >= e && e < doc->ntok)
			{
				/* `Update 1330 GMT:` alone on its line: the next line */
				t = e;
				te = line_end(doc, e);
			}
			cur.text = range(t, te > t ? te : t);
			if (*n == cap)
			{
				NxUpdate   *g = nx_grow(a, u, sizeof(NxUpdate), &cap, cap ? cap * 2 : 8);

				if (!g)
				{
					nx_free(a, u);
					return NX_ENOMEM;
				}
				u = g;
			}
			u[(*n)++] = cur;
		}
		i = e;
	}
	*out = u;
	return NX_OK;
}
