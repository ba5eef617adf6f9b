/*
 * nx_quotes.c
 *	  Quotations from tagged chunks (nx_quotes.h, nx_quotes_extract).
 *
 * After the attribution tagger has labelled sources, cues and contents:
 *	 1. every content chunk is linked to a cue: the nearest one in its
 *		sentence that it does not contain, else the nearest in its
 *		paragraph; a cue is linked to the nearest source of its sentence
 *		outside the content (left of the cue first);
 *	 2. block quotes are added: a paragraph ending with a colon after a
 *		cue, followed by a paragraph without quotation marks, reports
 *		that paragraph verbatim;
 *	 3. kinds are told from the quotation marks in the content;
 *	 4. speakers are resolved (see resolve_speaker).
 *
 * Every pass is linear or n log n in the document, however long a
 * paragraph or sentence: chunks, quotation spans and quotations are
 * found by binary search in their sorted lists, never by a scan per item.
 */
#include <string.h>

#include "nx_attrib.h"
#include "nx_quotes.h"

/* Grow an array (a host's realloc need not take NULL, so the first is an alloc). */
static void *
grow(const NxAlloc *a, void *p, size_t old_size, size_t new_size)
{
	return p ? nx_realloc(a, p, old_size, new_size) : nx_alloc(a, new_size);
}

static const char *const kind_names[NX_QK__COUNT] = {"direct", "mixed", "indirect", "block"};

/* Name of a quote kind as SQL shows it. */
const char *
nx_quote_kind_name(NxQuoteKind kind)
{
	return (unsigned) kind < NX_QK__COUNT ? kind_names[kind] : "indirect";
}

/* Check that a model is a quotation model this build can run. */
NxStatus
nx_quotes_check_model(const NxModel *m, char *errbuf, size_t errlen)
{
	return nx_attrib_check_model(m, errbuf, errlen);
}

/* A chunk of one role: tokens [start, end) of the document. */
typedef struct Chunk
{
	uint32_t	start;
	uint32_t	end;
} Chunk;

typedef struct Chunks
{
	Chunk	   *c;
	size_t		n;
	size_t		cap;
} Chunks;

typedef struct Ctx
{
	const NxDoc *doc;
	const NxAlloc *a;
	NxQuoteSpan *spans;
	size_t		nspans;
	Chunks		src,
				cue,
				content;
	uint32_t   *marks;			/* [ntok + 1] quotation marks before each token */
	NxQuote    *q;
	size_t		nq,
				capq;
} Ctx;

static int
chunks_push(const NxAlloc *a, Chunks *cs, uint32_t s, uint32_t e)
{
	if (cs->n == cs->cap)
	{
		size_t		ncap = cs->cap ? 2 * cs->cap : 32;
		Chunk	   *nc = grow(a, cs->c, cs->cap * sizeof(Chunk), ncap * sizeof(Chunk));

		if (!nc)
			return 0;
		cs->c = nc;
		cs->cap = ncap;
	}
	cs->c[cs->n].start = s;
	cs->c[cs->n].end = e;
	cs->n++;
	return 1;
}

static inline uint32_t
para_of(const NxDoc *doc, size_t i)
{
	return doc->sent[doc->tok[i].sentence].paragraph;
}

/*
 * The chunks of one list never overlap and are sorted, so their ends are
 * sorted too: the two searches below find a chunk by token in log time.
 */

/* Index of the first chunk ending after token t (cs->n if none). */
static size_t
first_ending_after(const Chunks *cs, uint32_t t)
{
	size_t		lo = 0,
				hi = cs->n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (cs->c[mid].end > t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Index of the first chunk starting at or after token t (cs->n if none). */
static size_t
first_starting_from(const Chunks *cs, uint32_t t)
{
	size_t		lo = 0,
				hi = cs->n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (cs->c[mid].start >= t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The span of x->spans opened at token t (the first, outermost), or NULL. */
static const NxQuoteSpan *
span_opened_at(const Ctx *x, uint32_t t)
{
	size_t		lo = 0,
				hi = x->nspans;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (x->spans[mid].open >= t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo < x->nspans && x->spans[lo].open == t ? &x->spans[lo] : NULL;
}

/* Collect chunks of labels per paragraph into the three role lists. */
static NxStatus
collect(Ctx *x, const NxModel *m, const uint8_t *lab, size_t npara, const uint32_t *para_tok)
{
	size_t		maxn = 0;
	NxChunk    *buf;

	for (size_t p = 0; p < npara; p++)
		if (para_tok[p + 1] - para_tok[p] > maxn)
			maxn = para_tok[p + 1] - para_tok[p];
	buf = nx_alloc(x->a, (maxn + 1) * sizeof(NxChunk));
	if (!buf)
		return NX_ENOMEM;
	for (size_t p = 0; p < npara; p++)
	{
		size_t		st = para_tok[p],
					k = nx_labels_chunks(&m->labels, lab + st, para_tok[p + 1] - st, buf, maxn + 1);

		for (size_t j = 0; j < k; j++)
		{
			const char *tn = m->labels.type_name[buf[j].type];
			Chunks	   *cs = strcmp(tn, NX_ATTRIB_SRC) == 0 ? &x->src :
				strcmp(tn, NX_ATTRIB_CUE) == 0 ? &x->cue : &x->content;

			if (!chunks_push(x->a, cs, (uint32_t) (st + buf[j].start), (uint32_t) (st + buf[j].end)))
			{
				nx_free(x->a, buf);
				return NX_ENOMEM;
			}
		}
	}
	nx_free(x->a, buf);
	return NX_OK;
}

/* Fill a span from tokens [s, e). */
static void
set_span(const NxDoc *doc, NxSpan *sp, uint32_t s, uint32_t e)
{
	if (e <= s || e > doc->ntok)
	{
		memset(sp, 0, sizeof(*sp));
		return;
	}
	sp->tok = s;
	sp->ntok = e - s;
	sp->c = doc->tok[s].c;
	sp->clen = nx_tok_cend(&doc->tok[e - 1]) - sp->c;
	sp->b = doc->tok[s].b;
	sp->blen = doc->tok[e - 1].b + doc->tok[e - 1].blen - sp->b;
}

/*
 * How far cue chunk i is from a content [s, e) of paragraph p and
 * sentences ss..se, or UINT64_MAX if it cannot be the content's cue.
 */
static uint64_t
cue_distance(const Ctx *x, size_t i, uint32_t s, uint32_t e, uint32_t p,
			 uint32_t ss, uint32_t se)
{
	const NxDoc *doc = x->doc;
	const Chunk *c = &x->cue.c[i];
	uint32_t	cs = doc->tok[c->start].sentence;
	uint64_t	d;

	if (para_of(doc, c->start) != p)
		return UINT64_MAX;
	if (c->start >= s && c->end <= e)
		return UINT64_MAX;		/* a cue inside the content is another attribution's */
	if (c->end <= s)
		d = s - c->end;
	else
		d = c->start >= e ? c->start - e : 0;
	/* outside the content's sentences: the speaker going on from before (a
	 * quoted sentence after “…,” she said.) rather than the next attribution */
	if (cs < ss || cs > se)
		d += c->end <= s ? 100000 : 200000;
	return d;
}

/*
 * The cue of a content [s, e): the nearest cue chunk outside it in the
 * same sentence as either end, else the nearest in the paragraph.
 * Returns the index or -1.
 *
 * Cue chunks do not overlap and are sorted, so only four can win: the
 * last one ending before the content (nearer, and in a later or the same
 * sentence, than any before it), the first one starting after it, and
 * the first and last of those crossing it (the others lie inside it).
 * They are weighed in list order, the first of equals winning, which
 * gives what weighing every cue of the paragraph would.
 */
static long
find_cue(const Ctx *x, uint32_t s, uint32_t e)
{
	const NxDoc *doc = x->doc;
	uint32_t	p = para_of(doc, s);
	uint32_t	ss = doc->tok[s].sentence,
				se = doc->tok[e - 1].sentence;
	size_t		first = first_ending_after(&x->cue, s),
				after = first_starting_from(&x->cue, e);
	size_t		cand[4];
	int			ncand = 0;
	long		best = -1;
	uint64_t	bestd = UINT64_MAX;

	if (first > 0)
		cand[ncand++] = first - 1;
	if (first < after)
		cand[ncand++] = first;
	if (after > first + 1)
		cand[ncand++] = after - 1;
	if (after < x->cue.n)
		cand[ncand++] = after;
	for (int k = 0; k < ncand; k++)
	{
		uint64_t	d = cue_distance(x, cand[k], s, e, p, ss, se);

		if (d < bestd)
		{
			bestd = d;
			best = (long) cand[k];
		}
	}
	return best;
}

/*
 * How far source chunk i is from a cue, or UINT64_MAX if it is not in
 * the cue's sentence or lies inside [s, e).  Sources on the left are
 * preferred: their distance is even, on the right odd.
 */
static uint64_t
source_distance(const Ctx *x, size_t i, const Chunk *cue, uint32_t s, uint32_t e)
{
	const NxDoc *doc = x->doc;
	const Chunk *c = &x->src.c[i];

	if (doc->tok[c->start].sentence != doc->tok[cue->start].sentence)
		return UINT64_MAX;
	if (c->start >= s && c->end <= e)
		return UINT64_MAX;
	if (c->end <= cue->start)
		return 2 * (uint64_t) (cue->start - c->end);
	return 2 * (uint64_t) (c->start >= cue->end ? c->start - cue->end : 0) + 1;
}

/*
 * The source of a cue: nearest source chunk of its sentence outside [s, e).
 *
 * As for cues, source chunks do not overlap and are sorted, and those
 * inside [s, e) are a run of the list [in, out).  The winner is the last
 * one before the cue, the first crossing it or the first after it, each
 * stepping over that run; they are weighed in list order.
 */
static long
find_source(const Ctx *x, const Chunk *cue, uint32_t s, uint32_t e)
{
	size_t		before = first_ending_after(&x->src, cue->start),
				after = first_starting_from(&x->src, cue->end),
				in = first_starting_from(&x->src, s),
				out = first_ending_after(&x->src, e);
	size_t		cand[3];
	int			ncand = 0;
	long		best = -1;
	uint64_t	bestd = UINT64_MAX;

	if (before > 0)
	{
		size_t		i = before - 1;

		if (i < in || i >= out)
			cand[ncand++] = i;
		else if (in > 0)
			cand[ncand++] = in - 1;
	}
	if (before < after)
	{
		size_t		i = before;

		if (i >= in && i < out)
			i = out;
		if (i < after)
			cand[ncand++] = i;
	}
	{
		size_t		i = after;

		if (i >= in && i < out)
			i = out;
		if (i < x->src.n)
			cand[ncand++] = i;
	}
	for (int k = 0; k < ncand; k++)
	{
		uint64_t	d = source_distance(x, cand[k], cue, s, e);

		if (d < bestd)
		{
			bestd = d;
			best = (long) cand[k];
		}
	}
	return best;
}

static NxQuote *
new_quote(Ctx *x)
{
	if (x->nq == x->capq)
	{
		size_t		ncap = x->capq ? 2 * x->capq : 16;
		NxQuote    *nq = grow(x->a, x->q, x->capq * sizeof(NxQuote), ncap * sizeof(NxQuote));

		if (!nq)
			return NULL;
		x->q = nq;
		x->capq = ncap;
	}
	memset(&x->q[x->nq], 0, sizeof(NxQuote));
	return &x->q[x->nq++];
}

/* Does the content [s, e) hold a quotation mark? */
static inline int
has_marks(const Ctx *x, uint32_t s, uint32_t e)
{
	return x->marks[e] > x->marks[s];
}

/* Kind of a content [s, e) from its quotation marks; text span without outer marks. */
static uint8_t
tell_kind(const Ctx *x, uint32_t s, uint32_t e, uint32_t *ts, uint32_t *te)
{
	const NxDoc *doc = x->doc;
	uint32_t	a = s,
				b = e;
	const NxQuoteSpan *sp;

	*ts = s;
	*te = e;
	if (!has_marks(x, s, e))
		return NX_QK_INDIRECT;
	/* trailing punctuation after the closing mark (”.) does not count */
	while (b > a + 1 && doc->tok[b - 1].kind == NX_TOK_PUNCT)
		b--;
	/* the span opened here: does it close at the end? */
	if (doc->tok[a].kind == NX_TOK_OPEN_QUOTE && (sp = span_opened_at(x, a)) != NULL &&
		(sp->close == b - 1 ||
		 ((sp->flags & (NX_QS_UNCLOSED | NX_QS_CONTINUED)) && sp->close >= b - 1)))
	{
		*ts = a + 1;
		/* its own closing mark (a closed span closes at b - 1), not an
		 * inner quotation's at the end of one that runs to the paragraph's
		 * end (… chanting “U-S-A!”) */
		*te = !(sp->flags & (NX_QS_UNCLOSED | NX_QS_CONTINUED)) &&
			doc->tok[b - 1].kind == NX_TOK_CLOSE_QUOTE ? b - 1 : e;
		return NX_QK_DIRECT;
	}
	return NX_QK_MIXED;
}

/* Is token i one ASCII punctuation character c? */
static inline int
is_punct(const NxDoc *doc, size_t i, char c)
{
	return i < doc->ntok && doc->tok[i].blen == 1 && doc->text[doc->tok[i].b] == c;
}

/* Make a quotation from a content [s, e), cue [cs, ce) and source [ss, se) (empty: none). */
static int
add_quote(Ctx *x, uint32_t s, uint32_t e, uint32_t cs, uint32_t ce,
		  uint32_t ss, uint32_t se, int block)
{
	NxQuote    *q = new_quote(x);
	uint32_t	ts,
				te;

	if (!q)
		return 0;
	set_span(x->doc, &q->content, s, e);
	q->kind = tell_kind(x, s, e, &ts, &te);
	if (block)
		q->kind = NX_QK_BLOCK;
	set_span(x->doc, &q->text, ts, te);
	/* a colon right after the cue belongs to it (PolNeAR: "said:") */
	if (ce > cs && ce < x->doc->ntok && is_punct(x->doc, ce, ':') &&
		x->doc->tok[ce].sentence == x->doc->tok[ce - 1].sentence && ce < s)
		ce++;
	set_span(x->doc, &q->cue, cs, ce);
	set_span(x->doc, &q->mention, ss, se);
	q->paragraph = para_of(x->doc, s);
	q->sentence = x->doc->tok[s].sentence;
	return 1;
}

static inline int
is_word(const NxDoc *doc, size_t i)
{
	return i < doc->ntok && doc->tok[i].kind == NX_TOK_WORD;
}

static inline int
is_cap(const NxDoc *doc, size_t i)
{
	return is_word(doc, i) && (doc->tok[i].flags & NX_TF_UPPER_INITIAL);
}

/* Is token i a word of five bytes or more ending in suffix (-ing, -ed)? */
static inline int
ends_with(const NxDoc *doc, size_t i, const char *suffix)
{
	const NxToken *t = &doc->tok[i];
	size_t		n = strlen(suffix);

	return t->blen > 4 && memcmp(doc->text + t->b + t->blen - n, suffix, n) == 0;
}

static uint32_t count_words(const NxDoc *doc, uint32_t s, uint32_t e, uint32_t max);

/*
 * The end of tokens [first, end) without the punctuation that ends them,
 * closing marks kept (… “Orchid.” stays whole, … said. loses its period).
 */
static inline uint32_t
punct_end(const NxDoc *doc, uint32_t first, uint32_t end)
{
	while (end > first && doc->tok[end - 1].kind == NX_TOK_PUNCT)
		end--;
	return end;
}

static int participle_before(const NxDoc *doc, uint32_t o);

/*
 * A content that begins before the quotation that ends it ("Clinton
 * asking, “Why …”", "a back-handed compliment: “You never …”") starts at
 * that quotation's opening mark when what precedes the mark ends with a
 * colon, or with a comma and a participle of speech (called bigwigs to
 * the stage, singing “It's Our Time.”: the participle is the cue), or
 * ends with a comma and either holds a stage-1 source or cue or a
 * reporting verb, or comes before a quoted sentence of four words or
 * more, or is at most four words right after a cue.  Not inside a
 * quotation that opens the content.  The scan is over the content's own
 * tokens, and contents do not overlap: linear in all.
 */
static uint32_t
trim_start(const Ctx *x, const NxAttribDoc *ad, const uint8_t *role, uint32_t s, uint32_t e)
{
	const NxDoc *doc = x->doc;
	uint32_t	close;
	const NxQuoteSpan *sp;

	/* the closing mark at the end, before punctuation after it (”.) */
	close = e - 1;
	if (doc->tok[close].kind != NX_TOK_CLOSE_QUOTE &&
		!(close > s && doc->tok[close - 1].kind == NX_TOK_CLOSE_QUOTE &&
		  doc->tok[close].kind == NX_TOK_PUNCT))
		return s;
	if (doc->tok[close].kind != NX_TOK_CLOSE_QUOTE)
		close--;
	for (uint32_t o = close; o-- > s + 1;)
	{
		if (doc->tok[o].kind != NX_TOK_OPEN_QUOTE)
			continue;
		if ((sp = span_opened_at(x, o)) == NULL || sp->close != close)
			continue;
		/* the quotation that ends the content opens at o */
		if (is_punct(doc, o - 1, ':') || doc->tok[o - 1].kind == NX_TOK_DASH)
			return o;
		if (o > s + 2 && participle_before(doc, o) && doc->tok[s].kind != NX_TOK_OPEN_QUOTE)
			return o;
		if (!is_punct(doc, o - 1, ','))
			return s;
		for (uint32_t i = s; i < o; i++)
			if (role[i] || (nx_attrib_doc_lex(ad, i) & (1u << NX_LX_CUE_VERB)))
				return o;
		/* a quoted sentence of its own after the comma (…, Hillary shot back,
		 * “I suppose …”), unless a that-clause leads into it */
		if (!nx_tok_ieq(doc, s, "that") && is_cap(doc, o + 1) && count_words(doc, o, close, 4) >= 4)
			return o;
		/* a few words between a cue and the comma (they say about the
		 * storied doctor, “gifted hands …”; wrote on Twitter, “…”) */
		if (s >= 1 && (role[s - 1] == 2 || (s >= 2 && role[s - 2] == 2)) &&
			count_words(doc, s, o, 5) <= 4 && !nx_tok_ieq(doc, s, "that"))
			return o;
		return s;
	}
	return s;
}

/*
 * Does the quotation whose closing mark is token close end in a comma, ?
 * or ! before it, or before the closing marks of quotations inside it
 * (,’”)?  Tokens at or before floor are not looked at.
 */
static int
ends_in_mark(const NxDoc *doc, uint32_t floor, uint32_t close)
{
	uint32_t	last = close - 1;

	while (last > floor + 1 && doc->tok[last].kind == NX_TOK_CLOSE_QUOTE)
		last--;
	return last > floor && (is_punct(doc, last, ',') || is_punct(doc, last, '?') ||
							is_punct(doc, last, '!'));
}

/*
 * A content that starts at an opening mark and runs past its closing
 * mark into the words after it (“…,” Texas delegate Bill Eastland said)
 * ends at the closing mark, unless another quotation follows inside it
 * (“A” and “B”).
 */
static uint32_t
trim_end(const Ctx *x, const uint8_t *role, uint32_t s, uint32_t e)
{
	const NxDoc *doc = x->doc;
	uint32_t	close = UINT32_MAX;
	int			words = 0,
				mark_ends;
	const NxQuoteSpan *sp;

	if (doc->tok[s].kind != NX_TOK_OPEN_QUOTE)
		return e;
	if ((sp = span_opened_at(x, s)) != NULL && !(sp->flags & (NX_QS_UNCLOSED | NX_QS_CONTINUED)))
		close = sp->close;
	if (close == UINT32_MAX || close + 1 >= e)
		return e;
	mark_ends = ends_in_mark(doc, s, close);
	/* “…,” and words after it: almost never one content in PolNeAR (45 of
	 * 2,537 contents that open with a mark), whatever follows but a list
	 * (“A,” and “B.”) */
	if (mark_ends && is_word(doc, close + 1) &&
		!nx_tok_ieq(doc, close + 1, "and") && !nx_tok_ieq(doc, close + 1, "or"))
		return close + 1;
	/* “…”), “…”, “…” — and words after: never one content in PolNeAR */
	if (is_punct(doc, close + 1, ',') || is_punct(doc, close + 1, ')') ||
		is_punct(doc, close + 1, ';') || doc->tok[close + 1].kind == NX_TOK_DASH)
		return close + 1;
	for (uint32_t i = close + 1; i < e; i++)
	{
		if (doc->tok[i].kind == NX_TOK_OPEN_QUOTE)
			return e;
		if (doc->tok[i].kind == NX_TOK_WORD)
			words = 1;
	}
	if (!words)
		return e;
	/* the quotation ends in a comma, ? or !, or an attribution follows */
	if (mark_ends || role[close + 1] || (close + 2 < e && role[close + 2]))
		return close + 1;
	return e;
}

/*
 * A dash attribution after a quotation (“…” — Commissioner X): the dash
 * is the cue and the words after it, to the end of the sentence, the
 * source.  Returns 1 and sets the spans if there is one after token e.
 */
static int
dash_source(const Ctx *x, uint32_t e, uint32_t *cs, uint32_t *ss, uint32_t *se)
{
	const NxDoc *doc = x->doc;
	uint32_t	i = e,
				j;

	/* trailing punctuation after the closing mark (”.) */
	while (i < doc->ntok && i < e + 2 && para_of(doc, i) == para_of(doc, e - 1) &&
		   (is_punct(doc, i, '.') || is_punct(doc, i, ',')))
		i++;
	if (i >= doc->ntok || !(doc->tok[i].kind == NX_TOK_DASH || is_punct(doc, i, '-')))
		return 0;
	/* the dash ends the paragraph, or opens a short one of its own */
	if (para_of(doc, i) != para_of(doc, e - 1))
	{
		uint32_t	p = para_of(doc, i),
					n = 0;

		if (p != para_of(doc, e - 1) + 1 || (i > 0 && para_of(doc, i - 1) == p))
			return 0;
		for (j = i; j < doc->ntok && para_of(doc, j) == p && n <= 10; j++)
			n++;
		if (n > 10)
			return 0;
	}
	if (!is_cap(doc, i + 1))
		return 0;
	for (j = i + 1; j < doc->ntok && j < i + 8 && para_of(doc, j) == para_of(doc, i); j++)
		if (doc->tok[j].kind != NX_TOK_WORD && !(doc->tok[j].flags & NX_TF_ABBREV))
			break;
	*cs = i;
	*ss = i + 1;
	*se = j;
	return 1;
}

/* Is token i in sentence sent? */
static inline int
in_sent(const NxDoc *doc, size_t i, uint32_t sent)
{
	return i < doc->ntok && doc->tok[i].sentence == sent;
}

/* Does token i spell one of the words of list (lower case, NULL-ended)? */
static int
tok_in(const NxDoc *doc, size_t i, const char *const *list)
{
	for (; *list; list++)
		if (nx_tok_ieq(doc, i, *list))
			return 1;
	return 0;
}

/* Verbs of speech that a short quotation right after them reports. */
static const char *const speech_verbs[] = {
	"said", "says", "say", "saying", "chanted", "chanting", "chant", "chants",
	"shouted", "shouting", "shout", "yelled", "yelling", "screamed", "cried", "read",
	"reading", "tweeted", "wrote", "replied", "responded", "answered",
	"declared", "exclaimed", "added", NULL
};

/* Participles of speech that report the quotation after them (…, singing “…”). */
static const char *const speech_participles[] = {
	"saying", "chanting", "shouting", "yelling", "screaming", "singing", "reading",
	"crying", "adding", "declaring", "exclaiming", "tweeting", "writing", NULL
};

/*
 * Does the quotation opening at token o follow a participle of speech
 * after a comma (the band leader called bigwigs to the stage, singing
 * “It's Our Time.”)?  That participle is its cue, nearer than any before.
 */
static int
participle_before(const NxDoc *doc, uint32_t o)
{
	return o >= 2 && tok_in(doc, o - 1, speech_participles) && is_punct(doc, o - 2, ',');
}

static const char *const subject_pronouns[] = {"he", "she", "they", "we", "i", NULL};

/* Words that open a clause inside a source (Friedman, who ...). */
static const char *const clause_words[] = {
	"who", "whose", "whom", "which", "that", NULL
};

/* Conjunctions that may come before a clause opening a sentence (Or, as …). */
static const char *const sentence_conjunctions[] = {"or", "but", "and", "yet", "so", NULL};

static const char *const articles[] = {"the", "a", "an", NULL};

/* Words that open a noun phrase before its noun (the, his campaign manager). */
static const char *const np_openers[] = {"the", "a", "an", "his", "her", "their", "its", "our", NULL};

/* Words before a time that ends a source (on Thursday, last week). */
static const char *const time_openers[] = {"on", "this", "last", "earlier", NULL};

/* Lower-case words inside an organisation's name (University of Michigan). */
static const char *const name_joiners[] = {"of", "for", "and", NULL};

/* Capitalised words that open a sentence without naming anyone. */
static const char *const not_names[] = {
	"but", "and", "as", "after", "by", "when", "while", "even", "if", "what",
	"this", "that", "all", "in", "on", "at", "so", "then", "also", "still",
	"yet", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "the", "a", "an", NULL
};

/* Can token i be part of a speaker's name or title? */
static int
speaker_word(const NxAttribDoc *ad, const NxDoc *doc, size_t i)
{
	uint32_t	lex = nx_attrib_doc_lex(ad, i);

	if (is_cap(doc, i) || (doc->tok[i].flags & NX_TF_ABBREV))
		return !(lex & ((1u << NX_LX_CUE_VERB) | (1u << NX_LX_PRONOUN))) &&
			!tok_in(doc, i, not_names);
	return is_word(doc, i) && (lex & (1u << NX_LX_TITLE));
}

/*
 * The end of a run of at most eight words of a name or title from token
 * s, in sentence sent (s when there is none).
 */
static uint32_t
name_run(const NxAttribDoc *ad, const NxDoc *doc, uint32_t s, uint32_t sent)
{
	uint32_t	e;

	for (e = s; e < s + 8 && in_sent(doc, e, sent) && speaker_word(ad, doc, e); e++)
		;
	return e;
}

/* Verbs whose object is the listener (told reporters ...). */
static const char *const tell_verbs[] = {
	"told", "tell", "tells", "telling", "assured", "reminded", "informed", "warned", NULL
};

/* Listeners: told reporters, told the council. */
static const char *const audience_words[] = {
	"reporters", "journalists", "lawmakers", "supporters", "voters", "crowd",
	"council", "committee", "audience", "us", "me", "him", "them", "you", NULL
};

/* Words that open a phrase after a verb, not a reported clause. */
static const char *const not_clauses[] = {
	"in", "from", "at", "on", "during", "earlier", "for", "into", "over", "after",
	"before", "since", "up", "out", "off", NULL
};

/* Words between a subject and its verb: auxiliaries and some adverbs. */
static const char *const aux_words[] = {
	"is", "was", "are", "were", "has", "have", "had", "will", "would", "also",
	"then", "later", "again", "once", "did", "does", "do", NULL
};

/* Is token i an auxiliary or an -ly adverb, as stand between a subject and its verb? */
static int
aux_or_adverb(const NxDoc *doc, size_t i)
{
	const NxToken *t = &doc->tok[i];

	return tok_in(doc, i, aux_words) ||
		(t->blen > 3 && memcmp(doc->text + t->b + t->blen - 2, "ly", 2) == 0);
}

/*
 * The first of up to three auxiliaries and adverbs right before token t in
 * its sentence, not before token floor (t itself if there are none).
 */
static uint32_t
aux_start(const NxDoc *doc, uint32_t t, uint32_t floor)
{
	uint32_t	sent = doc->tok[t].sentence,
				j = t;

	while (j > floor && t - j < 3 && in_sent(doc, j - 1, sent) && is_word(doc, j - 1) &&
		   !is_cap(doc, j - 1) && aux_or_adverb(doc, j - 1))
		j--;
	return j;
}

/* Words that end a noun phrase on its left. */
static const char *const np_stops[] = {
	"that", "and", "but", "who", "which", "when", "as", "if", "because",
	"while", "after", "before", "where", "so", "or", "than", NULL
};

/*
 * The noun phrase right before a cue, back to the sentence's start or a
 * comma (skipping auxiliaries and -ly adverbs between: "The complaint
 * alleged", "her campaign is planning", "They generally agree").
 */
static int
np_before(const Ctx *x, uint32_t cs, uint32_t *ss, uint32_t *se)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[cs].sentence,
				e = aux_start(doc, cs, 0),
				s;

	for (s = e; s > 0 && s + 12 > e && in_sent(doc, s - 1, sent); s--)
	{
		const NxToken *t = &doc->tok[s - 1];

		if (t->kind == NX_TOK_OPEN_QUOTE || t->kind == NX_TOK_CLOSE_QUOTE ||
			t->kind == NX_TOK_DASH || is_punct(doc, s - 1, ',') ||
			is_punct(doc, s - 1, ';') || is_punct(doc, s - 1, ':') ||
			tok_in(doc, s - 1, np_stops))
			break;
	}
	if (s == e || s + 12 <= e || !in_sent(doc, s, sent) ||
		!(is_word(doc, e - 1) || is_punct(doc, e - 1, ')') ||
		  doc->tok[e - 1].kind == NX_TOK_NUMBER))
		return 0;
	/* "But", "When" ... open no subject; "The", "A" do */
	if (tok_in(doc, s, not_names) && !tok_in(doc, s, articles))
		return 0;
	*ss = s;
	*se = e;
	return 1;
}

/* Words that open a phrase before a sentence's subject (In May, …). */
static const char *const intro_words[] = {
	"in", "on", "at", "for", "after", "before", "during", "since", "with",
	"without", "despite", "amid", "following", "under", "unlike", "like",
	"when", "while", "as", "once", "speaking", NULL
};

/* Adverbs that open a sentence before its subject (However, Adelson …). */
static const char *const sentence_adverbs[] = {
	"however", "meanwhile", "still", "instead", "nevertheless", "nonetheless", "indeed",
	"now", "later", "earlier", "separately", "yet", "also", "then", "finally", "moreover",
	"furthermore", "likewise", "similarly", "otherwise", "previously", "overall", "today",
	"yesterday", "there", "here", "so", "thus", "again", "afterward", "afterwards", NULL
};

/*
 * Token s, or the token after an adverb and its comma opening the
 * sentence before cs (However, …; Separately, …; Ultimately, …).
 */
static uint32_t
after_adverb(const NxDoc *doc, uint32_t s, uint32_t cs)
{
	if (s + 2 < cs && is_word(doc, s) && is_punct(doc, s + 1, ',') &&
		(tok_in(doc, s, sentence_adverbs) || ends_with(doc, s, "ly")))
		return s + 2;
	return s;
}

/* Words that end no subject (The embattled …, This is …). */
static const char *const determiners[] = {
	"the", "a", "an", "this", "that", "these", "those", "it", "its", "his", "her",
	"their", "our", "my", "your", "some", "any", "no", "every", "each", NULL
};

/* Nouns of time that head an opening phrase, not a subject (A month later, …). */
static const char *const time_nouns[] = {
	"day", "days", "week", "weeks", "month", "months", "year", "years", "decade",
	"time", "moment", "hour", "hours", "night", "morning", "evening", NULL
};

/* Prepositions, which an article may follow inside a subject (One employee at a firm). */
static const char *const prepositions[] = {
	"at", "in", "on", "of", "for", "with", "from", "by", "to", "into", "over",
	"about", "after", "before", "like", "than", "as", "inside", "outside", "near",
	"under", "against", "among", "within", "without", "during", "through", "behind", NULL
};

/* Past tenses without -ed that end a subject (The president left no doubt). */
static const char *const past_verbs[] = {
	"left", "took", "made", "went", "came", "gave", "got", "struck", "began",
	"ran", "won", "spoke", "wrote", "sent", "met", "held", "kept", "brought",
	"thought", "found", "stood", "told", "said", "saw", "knew", "led", "lost",
	"paid", "sought", "fought", "felt", "heard", "drew", "threw", "shook",
	"broke", "chose", "rose", "fell", "became", "hit", "put", "set", "cut", NULL
};

/*
 * The subject of sentence sent when it is not a name: after an opening
 * phrase and its comma (In May, a federal judge sided …; Arriving on the
 * scene, police began …) and a conjunction (But other advisers …), the
 * words up to the first verb (an auxiliary, a past tense, a reporting
 * verb, a word before an article), at most twelve, opened by an article
 * or a capitalised word, with no comma, quotation mark or clause word
 * inside.  Used when the subject is no name, as for a participle after
 * its main clause; the scans are bounded.  On held-out tenths of PolNeAR
 * train it gives 53 participles a source, 35 of them exactly right.
 */
static int
np_subject(const NxAttribDoc *ad, const NxDoc *doc, uint32_t sent, uint32_t cs,
		   uint32_t *ss, uint32_t *se)
{
	uint32_t	s = doc->sent[sent].tok,
				e;

	if (is_word(doc, s) && (tok_in(doc, s, sentence_conjunctions) || nx_tok_ieq(doc, s, "even")))
		s++;
	s = after_adverb(doc, s, cs);
	if (is_word(doc, s) && (tok_in(doc, s, intro_words) ||
							(!is_cap(doc, s + 1) && (ends_with(doc, s, "ing") || ends_with(doc, s, "ed")))))
	{
		/* an opening phrase: the subject starts after its comma */
		for (e = s + 1; e < cs && e < s + 20 && !is_punct(doc, e, ','); e++)
			if (doc->tok[e].kind == NX_TOK_OPEN_QUOTE || doc->tok[e].kind == NX_TOK_CLOSE_QUOTE)
				return 0;
		if (e >= cs || e >= s + 20)
			return 0;
		s = e + 1;
	}
	if (!is_word(doc, s) || !(is_cap(doc, s) || tok_in(doc, s, articles)) ||
		(tok_in(doc, s, determiners) && !tok_in(doc, s, articles)))
		return 0;
	for (e = s; e < cs && e < s + 12; e++)
	{
		if (!is_word(doc, e))
		{
			/* a possessive's apostrophe, a hyphen or a number stay inside */
			if (doc->tok[e].kind == NX_TOK_APOSTROPHE || doc->tok[e].kind == NX_TOK_NUMBER ||
				is_punct(doc, e, '-') || is_punct(doc, e, '.'))
				continue;
			return 0;
		}
		if (is_cap(doc, e))
			continue;
		/* a verb: an auxiliary, a past tense, a reporting verb, a word
		 * before an article (The agreement includes a pledge) */
		if (tok_in(doc, e, aux_words) || tok_in(doc, e, past_verbs) || ends_with(doc, e, "ed") ||
			(e > s && (nx_attrib_doc_lex(ad, e) & (1u << NX_LX_CUE_VERB)) &&
			 !tok_in(doc, e - 1, prepositions) && !tok_in(doc, e - 1, determiners)) ||
			(e > s && is_word(doc, e + 1) && tok_in(doc, e + 1, articles) &&
			 !tok_in(doc, e, prepositions)))
			break;
		if (tok_in(doc, e, clause_words) || tok_in(doc, e, np_stops) || tok_in(doc, e, subject_pronouns))
			return 0;
	}
	if (e == s || e >= cs || e >= s + 12 || !is_word(doc, e - 1) || is_cap(doc, e) ||
		tok_in(doc, e - 1, determiners) || tok_in(doc, e - 1, time_nouns))
		return 0;
	*ss = s;
	*se = e;
	return 1;
}

/*
 * Does [s, e) look like a person or a body that speaks, rather than an
 * adverb or a headline's capitals opening a sentence: he, she or they, a
 * phrase opened by an article or possessive, or words with a first name
 * or title in them, none of them all capitals?
 */
static int
person_like(const NxAttribDoc *ad, const NxDoc *doc, uint32_t s, uint32_t e)
{
	int			known = 0;

	if (e == s + 1 && tok_in(doc, s, subject_pronouns) && !nx_tok_ieq(doc, s, "i"))
		return 1;
	for (uint32_t t = s; t < e; t++)
	{
		if (is_word(doc, t) && (doc->tok[t].flags & NX_TF_ALL_UPPER) && doc->tok[t].blen > 1)
			return 0;
		known = known || (nx_attrib_doc_lex(ad, t) & ((1u << NX_LX_FIRST_NAME) | (1u << NX_LX_TITLE)));
	}
	return known || tok_in(doc, s, np_openers);
}

/*
 * The subject that opens sentence sent, before token cs: a pronoun, or a
 * run of names and titles, with its appositive up to the comma that
 * closes it ("Huma Abedin, vice chairwoman for the campaign, emailed
 * ...").  A word that opens no subject ("But", "When") is stepped over.
 * Else np_subject's words (In May, a federal judge sided …).
 */
static int
sentence_subject(const Ctx *x, const NxAttribDoc *ad, uint32_t sent, uint32_t cs,
				 uint32_t *ss, uint32_t *se)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = doc->sent[sent].tok,
				e,
				k;

	/* a dateline before a dash (CLEVELAND - Donald Trump painted ...) */
	for (e = s; e < cs && e < s + 4 && is_word(doc, e) && (doc->tok[e].flags & NX_TF_ALL_UPPER); e++)
		;
	if (e > s && e + 1 < cs && doc->tok[e].kind == NX_TOK_DASH)
		s = e + 1;
	s = after_adverb(doc, s, cs);
	if (tok_in(doc, s, not_names) && s + 1 < cs)
		s++;
	if (is_word(doc, s) && tok_in(doc, s, subject_pronouns))
	{
		*ss = s;
		*se = s + 1;
		return 1;
	}
	for (e = s; e < cs && e < s + 8 && speaker_word(ad, doc, e); e++)
		;
	if (e == s || !is_cap(doc, e - 1))
		return np_subject(ad, doc, sent, cs, ss, se);
	/* a participle opening the sentence (Arriving upon the scene, police ...) */
	if (e == s + 1 && ends_with(doc, s, "ing"))
		return np_subject(ad, doc, sent, cs, ss, se);
	if (!is_punct(doc, e, ','))
	{
		*ss = s;
		*se = e;
		return 1;
	}
	/* an appositive: to the next comma, then a lower-case verb */
	for (k = e + 1; k < cs && k < e + 25 && in_sent(doc, k, sent) && !is_punct(doc, k, ',') &&
		 doc->tok[k].kind != NX_TOK_OPEN_QUOTE && doc->tok[k].kind != NX_TOK_CLOSE_QUOTE; k++)
		;
	if (k > e + 1 && k + 1 < cs && is_punct(doc, k, ',') && is_word(doc, k + 1) && !is_cap(doc, k + 1))
	{
		*ss = s;
		*se = k + 1;
		return 1;
	}
	return np_subject(ad, doc, sent, cs, ss, se);
}

/*
 * The subject of a cue [cs, ce) the tagger gave no source: a pronoun or
 * a run of names and titles right before it ("Smith said"), the same
 * with its appositive ("Robert Shrum, a veteran strategist, said", the
 * appositive included as PolNeAR marks it; a participle clause is not:
 * "Fiorina, speaking to Iowans, said"), or right after it ("said
 * Democratic strategist Simon Rosenberg").  A participle after the main
 * clause ("…, saying") and a second verb ("… and said") take the subject
 * that opens the sentence.  For a content without quotation marks,
 * plain_subject says whether to keep it.  Returns 1 and sets [*ss, *se)
 * when there is one.
 */
static int
cue_subject(const Ctx *x, const NxAttribDoc *ad, const uint8_t *role,
			uint32_t cs, uint32_t ce, uint32_t *ss, uint32_t *se)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[cs].sentence;
	uint32_t	j = cs,
				end;
	int			clause = 0;

	/* auxiliaries and adverbs before the verb (Clinton, exasperated,
	 * famously responded) */
	j = aux_start(doc, cs, 0);
	end = j;
	if (j > 0 && in_sent(doc, j - 1, sent) &&
		(is_punct(doc, j - 1, ',') ||
		 (doc->tok[j - 1].kind == NX_TOK_CLOSE_QUOTE && is_punct(doc, j - 2, ','))) &&
		ends_with(doc, cs, "ing"))
	{
		/* a participle after the main clause (Cruz belittled it, calling it
		 * "a paperwork error"): the name that opens the sentence */
		return sentence_subject(x, ad, sent, cs, ss, se);
	}
	if (j > doc->sent[sent].tok + 2 &&
		(nx_tok_ieq(doc, j - 1, "and") || nx_tok_ieq(doc, j - 1, "but")) &&
		!is_cap(doc, j))
	{
		/* a second verb of the sentence's subject (He walked it back and said ...) */
		return sentence_subject(x, ad, sent, cs, ss, se);
	}
	if (j > 0 && in_sent(doc, j - 1, sent) && is_punct(doc, j - 1, ','))
	{
		/* a comma clause: the words before its opening comma */
		uint32_t	k = j - 1;

		while (k > 0 && k + 40 > j && in_sent(doc, k - 1, sent) &&
			   !is_punct(doc, k - 1, ',') && doc->tok[k - 1].kind != NX_TOK_CLOSE_QUOTE &&
			   doc->tok[k - 1].kind != NX_TOK_OPEN_QUOTE && !role[k - 1])
			k--;
		if (k == 0 || k + 1 >= j || !in_sent(doc, k - 1, sent) || !is_punct(doc, k - 1, ','))
			return 0;
		/* a participle clause (speaking to ...) is not part of the source */
		if (ends_with(doc, k, "ing") || ends_with(doc, k, "ed"))
			end = k - 1;
		j = k - 1;
		clause = 1;
	}
	if (j > 0 && in_sent(doc, j - 1, sent))
	{
		uint32_t	s = j;

		if (j == end && is_word(doc, j - 1) && tok_in(doc, j - 1, subject_pronouns))
		{
			*ss = j - 1;
			*se = j;
			return 1;
		}
		while (s > 0 && j - s < 8 && in_sent(doc, s - 1, sent) && speaker_word(ad, doc, s - 1))
			s--;
		if (s < j && is_cap(doc, j - 1))
		{
			*ss = s;
			*se = end;
			return 1;
		}
		if (clause)
			return np_before(x, j, ss, se);
	}
	/* inverted: said Smith, says a narrator */
	{
		uint32_t	s = ce,
					e;

		if (in_sent(doc, s, sent) && is_word(doc, s) && tok_in(doc, s, subject_pronouns) &&
			!(in_sent(doc, s + 1, sent) && is_word(doc, s + 1)))
		{
			/* said he, not the subject of what is said (said they wanted …) */
			*ss = s;
			*se = s + 1;
			return 1;
		}
		if (in_sent(doc, s, sent) && !is_cap(doc, s) && is_word(doc, s) &&
			doc->tok[s].blen <= 3 && in_sent(doc, s + 1, sent) && speaker_word(ad, doc, s + 1))
			s++;				/* a determiner: "a narrator" */
		e = name_run(ad, doc, s, sent);
		if (e > s && is_cap(doc, e - 1))
		{
			*ss = ce;
			*se = e;
			return 1;
		}
		/* said the boy, asked a neighbour: a determiner and a few words, no
		 * auxiliary among them (not "said the process was fair"), to a comma
		 * or the end */
		s = ce;
		if (in_sent(doc, s, sent) && tok_in(doc, s, articles))
		{
			for (e = s + 1; e < s + 5 && in_sent(doc, e, sent) && is_word(doc, e) && !is_cap(doc, e) &&
				 !(nx_attrib_doc_lex(ad, e) & ((1u << NX_LX_CUE_VERB) | (1u << NX_LX_SUBORD))) &&
				 !tok_in(doc, e, aux_words); e++)
				;
			if (e > s + 1 && (!in_sent(doc, e, sent) || doc->tok[e].kind == NX_TOK_PUNCT))
			{
				*ss = s;
				*se = e;
				return 1;
			}
		}
	}
	return !clause && np_before(x, j, ss, se);
}

/*
 * Whether [ss, se), found by cue_subject for a cue at cs that the tagger
 * did not tag, in a content without quotation marks, is plainly the
 * cue's subject: right before it, opening its sentence or a clause (after
 * a comma or a conjunction), a name, he, she or a phrase opened by an
 * article, and no verb inside ("Bloomberg started publishing").  Other
 * subjects found there are right less than a third of the time on
 * held-out tenths of PolNeAR train ("I", "we", the end of a longer name).
 */
static int
plain_subject(const NxDoc *doc, uint32_t ss, uint32_t se, uint32_t cs)
{
	uint32_t	v = aux_start(doc, cs, 0);

	/* right before it, or the sentence's subject of a participle after
	 * its main clause (Kasich has won endorsements …, supporting …) */
	if (se != v && !(v > 0 && is_punct(doc, v - 1, ',') && ends_with(doc, cs, "ing")))
		return 0;
	if (ss > doc->sent[doc->tok[ss].sentence].tok && !is_punct(doc, ss - 1, ',') &&
		!tok_in(doc, ss - 1, np_stops))
		return 0;
	for (uint32_t i = ss + 1; i < se; i++)
		if (tok_in(doc, i, aux_words) || (is_word(doc, i) && !is_cap(doc, i) && ends_with(doc, i, "ed")))
			return 0;
	return nx_tok_ieq(doc, ss, "he") || nx_tok_ieq(doc, ss, "she") || tok_in(doc, ss, articles) ||
		(is_cap(doc, ss) && !tok_in(doc, ss, subject_pronouns));
}

/* Is there a comma among tokens [s, e) (or are they forty or more apart)? */
static int
comma_between(const NxDoc *doc, uint32_t s, uint32_t e)
{
	/* bounded: forty tokens apart are in different clauses anyway */
	for (uint32_t t = s; t < e && t < s + 40; t++)
		if (is_punct(doc, t, ','))
			return 1;
	return e > s + 40;
}

/*
 * A noun phrase right after an inverted cue at token t, up to a comma or
 * its sentence's end (his campaign manager Jeff Weaver): a determiner or
 * possessive at most, then at most eight words, names and titles or
 * lower-case nouns, one of them capitalised, with no auxiliary, -ed word,
 * preposition or clause word among them.
 */
static int
inverted_np(const NxDoc *doc, const NxAttribDoc *ad, uint32_t t, uint32_t *ss, uint32_t *se)
{
	uint32_t	sent,
				e,
				cap = 0;

	if (t >= doc->ntok || !is_word(doc, t))
		return 0;
	sent = doc->tok[t].sentence;
	e = t;
	if (tok_in(doc, e, np_openers))
		e++;
	for (; e < t + 9 && in_sent(doc, e, sent) && is_word(doc, e); e++)
	{
		if (tok_in(doc, e, aux_words) || tok_in(doc, e, clause_words) || tok_in(doc, e, np_stops) ||
			tok_in(doc, e, prepositions) || (nx_attrib_doc_lex(ad, e) & (1u << NX_LX_SUBORD)) ||
			(!is_cap(doc, e) && ends_with(doc, e, "ed")))
			return 0;
		cap += is_cap(doc, e);
	}
	if (e == t || !cap || (in_sent(doc, e, sent) && !is_punct(doc, e, ',') &&
						   doc->tok[e].kind != NX_TOK_PUNCT))
		return 0;
	*ss = t;
	*se = e;
	return 1;
}

/*
 * The spans of cue chunk cue for a content [s, e), and of its source: the
 * nearest source chunk, else the cue's subject.
 */
static void
cue_and_source(const Ctx *x, const NxAttribDoc *ad, const uint8_t *role, long cue,
			   uint32_t s, uint32_t e, uint32_t *cs, uint32_t *ce, uint32_t *ss, uint32_t *se)
{
	long		src = find_source(x, &x->cue.c[cue], s, e);

	*cs = x->cue.c[cue].start;
	*ce = x->cue.c[cue].end;
	/* an inverted source right after the cue ("…,” added his campaign
	 * manager Jeff Weaver, speaking after the senator spoke) before a
	 * source chunk past a comma */
	if (src >= 0 && x->src.c[src].start > *ce && *ce >= e &&
		comma_between(x->doc, *ce, x->src.c[src].start) &&
		inverted_np(x->doc, ad, *ce, ss, se))
		return;
	if (src >= 0)
	{
		*ss = x->src.c[src].start;
		*se = x->src.c[src].end;
	}
	else
		cue_subject(x, ad, role, *cs, *ce, ss, se);
}

/*
 * The first token of the phrase that ends before token t, in sentence
 * sent: back to a comma, semicolon, colon, quotation mark or dash, or to
 * the sentence's start, and at most limit tokens (t - limit when it runs
 * that far, which callers take as no phrase).
 */
static uint32_t
phrase_start(const NxDoc *doc, uint32_t t, uint32_t sent, uint32_t limit)
{
	uint32_t	k;

	for (k = t; k > 0 && t - k < limit && in_sent(doc, k - 1, sent); k--)
	{
		const NxToken *tk = &doc->tok[k - 1];

		if (is_punct(doc, k - 1, ',') || is_punct(doc, k - 1, ';') || is_punct(doc, k - 1, ':') ||
			tk->kind == NX_TOK_OPEN_QUOTE || tk->kind == NX_TOK_CLOSE_QUOTE || tk->kind == NX_TOK_DASH)
			break;
	}
	return k;
}

/*
 * A mention that is only a relative pronoun after a comma ("McCaskill
 * (D-Mo.), who has endorsed Clinton, said"): the words it refers to, back
 * from the comma to the one before or the sentence's start.  When the
 * cue is the clause's own verb ("Graham, who has vowed that ...") the
 * mention stays "who", as PolNeAR marks it (173 times in 178), and the
 * speaker is read from these words.  Returns 1 and sets [*ss, *se) when
 * there are.
 */
static int
relative_source(const NxDoc *doc, uint32_t *ss, uint32_t *se)
{
	uint32_t	s = *ss,
				k;

	if (*se != s + 1 || s < 2 || !(nx_tok_ieq(doc, s, "who") || nx_tok_ieq(doc, s, "which")) ||
		!is_punct(doc, s - 1, ','))
		return 0;
	k = phrase_start(doc, s - 1, doc->tok[s].sentence, 12);
	if (k + 13 <= s || k + 1 >= s || !is_word(doc, k))
		return 0;
	*ss = k;
	*se = s - 1;
	return 1;
}

/* Words of [s, e), counted up to max. */
static uint32_t
count_words(const NxDoc *doc, uint32_t s, uint32_t e, uint32_t max)
{
	uint32_t	n = 0;

	for (uint32_t i = s; i < e && n < max; i++)
		n += doc->tok[i].kind == NX_TOK_WORD || doc->tok[i].kind == NX_TOK_NUMBER;
	return n;
}

/* Is the content [s, e) a short phrase (four words at most)? */
static int
short_phrase(const NxDoc *doc, uint32_t s, uint32_t e)
{
	uint32_t	words = 0;

	for (uint32_t t = s; t < e && words <= 4; t++)
		words += doc->tok[t].kind == NX_TOK_WORD;
	return words <= 4;
}


/*
 * A reporting verb for a content [s, e) the tagger gave no cue: the
 * nearest word of the cue-verb class within a few tokens of either end,
 * in the same sentence.  Returns its token or -1.
 */
static long
near_cue_verb(const Ctx *x, const NxAttribDoc *ad, uint32_t s, uint32_t e)
{
	const NxDoc *doc = x->doc;
	uint32_t	ls = doc->tok[s].sentence,
				rs = doc->tok[e - 1].sentence;

	for (uint32_t d = 0; d < 6; d++)
	{
		if (e + d < doc->ntok && in_sent(doc, e + d, rs) &&
			(nx_attrib_doc_lex(ad, e + d) & (1u << NX_LX_CUE_VERB)))
			return (long) (e + d);
		if (s >= d + 1 && in_sent(doc, s - d - 1, ls) &&
			(nx_attrib_doc_lex(ad, s - d - 1) & (1u << NX_LX_CUE_VERB)))
			return (long) (s - d - 1);
	}
	return -1;
}

/* Is there an auxiliary among tokens [s, e) (a clause, not a noun phrase)? */
static int
aux_between(const NxDoc *doc, uint32_t s, uint32_t e)
{
	for (uint32_t t = s; t < e; t++)
		if (tok_in(doc, t, aux_words))
			return 1;
	return 0;
}

/*
 * "according to X" (a cue the tagger often leaves): the source runs from
 * "to" to the next comma or the sentence's end, the content is the
 * clause on the other side of the comma ("Clinton leads by 20 points,
 * according to a new poll." / "According to the poll, Clinton leads.").
 * Returns 1 and sets the spans if token i opens one.  *last_sent and
 * *last_end remember the sentence's end without its final punctuation
 * between calls (UINT32_MAX at first), so a sentence is walked once.
 */
static int
according_to(const Ctx *x, uint32_t i, uint32_t *s, uint32_t *e,
			 uint32_t *ss, uint32_t *se, uint32_t *last_sent, uint32_t *last_end)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent,
				first,
				end,
				j,
				before = 0,
				words = 0;

	if (!nx_tok_ieq(doc, i, "according") || !nx_tok_ieq(doc, i + 1, "to"))
		return 0;
	sent = doc->tok[i].sentence;
	first = doc->sent[sent].tok;
	if (*last_sent != sent)
	{
		end = punct_end(doc, first, first + doc->sent[sent].ntok);
		*last_sent = sent;
		*last_end = end;
	}
	end = *last_end;
	for (j = i + 2; j < end && j < i + 27; j++)
		if (is_punct(doc, j, ',') || is_punct(doc, j, ';') || is_punct(doc, j, '('))
			break;
	if (j == i + 2 || j >= i + 27)
		return 0;
	*ss = i + 2;
	*se = j;
	/* the words before it, when more than a conjunction or two (But,
	 * according to …); at most 32 tokens back, so the scan is bounded */
	if (i > first + 32)
		before = 3;
	for (uint32_t t = first; t + 1 < i && before < 3; t++)
		before += doc->tok[t].kind == NX_TOK_WORD;
	if (i > first && is_punct(doc, i - 1, ',') && before >= 3)
	{
		*s = first;
		*e = i - 1;
		/* at the sentence's end, an appositive of at most thirty tokens
		 * is the source's too (according to Brian Wieser, an analyst at
		 * Pivotal Research) */
		if (j + 1 < end && end <= j + 30 && is_punct(doc, j, ',') &&
			(tok_in(doc, j + 1, clause_words) ||
			 (tok_in(doc, j + 1, articles) && !aux_between(doc, j + 1, end))))
			*se = end;
	}
	else if ((i == first || (i > first && is_punct(doc, i - 1, ','))) && j < end && is_punct(doc, j, ','))
	{
		*s = j + 1;
		*e = end;
	}
	else
		return 0;
	for (uint32_t t = *s; t < *e && words < 3; t++)
		words += doc->tok[t].kind == NX_TOK_WORD;
	return words >= 3;
}

/* Words that open an adverbial, not a subject, before a comma (For now, Pantucci said). */
static const char *const not_subjects[] = {
	"for", "throughout", "during", "since", "until", "of", "from", "with", "without",
	"under", "over", "instead", "first", "second", "finally", "recently", "earlier",
	"later", "now", "meanwhile", "however", "still", "speaking", "asked", "here",
	"there", "today", "yesterday", "last", "next", "in", "on", "at", "after", "before",
	"like", "unlike", "despite", "according", "separately", "overall", "similarly", NULL
};

/*
 * Words that open no mention of a speaker: prepositions, conjunctions,
 * auxiliaries and sentence adverbs ("of Republicans", "though the group",
 * "Since", "has drawn attention").  On held-out tenths of PolNeAR train
 * none of the 23 sources the tagger opened with one was right.
 */
static const char *const not_mention_openers[] = {
	"of", "for", "in", "on", "at", "to", "from", "with", "without", "into", "during",
	"though", "although", "like", "only", "meanwhile", "then", "and", "or", "but",
	"than", "as", "if", "so", "because", "since", "while", "when", "where", "after",
	"before", "why", "how", "what", "there", "has", "have", "had", "is", "are", "was",
	"were", NULL
};

/* Determiners and quantifiers that open a source ("his critics", "many voters"). */
static const char *const quantifiers[] = {
	"his", "her", "their", "its", "our", "my", "your", "some", "many", "most",
	"other", "several", "two", "three", "both", "all", NULL
};

/* Verbs that end a source the tagger ran on into its predicate. */
static const char *const source_verbs[] = {
	"is", "was", "are", "were", "has", "have", "had", "will", "would", "could",
	"should", "can", "may", "might", "must", "does", "did", "tried", "wanna", NULL
};

/*
 * Words that open the object of a verb in the past tense (issued a
 * statement, deemed those claims false, rounded out the list), not what
 * follows an adjective in -ed (registered voters, the retired neurosurgeon).
 */
static const char *const object_openers[] = {
	"a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "its",
	"out", "up", "back", "off", "without", NULL
};

/* Words that open an aside after a source's name ("DuPont, only two months later,"). */
static const char *const aside_words[] = {
	"meanwhile", "however", "though", "too", "also", "only", "almost", "for",
	"in", "after", "before", "during", "without", "with", "when", "while", "on",
	"at", "still", "later", "again", "instead", "like", "unlike",
	"despite", "indeed", "apparently", "reportedly", "perhaps", "earlier", "once",
	"last", "this", "today", "yesterday", "speaking", "nonetheless", "therefore", NULL
};

/* Words of time that can end a source. */
static const char *const time_words[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"today", "yesterday", "tonight", "week", "month", "year", "morning", "night", "evening",
	"afternoon", "weekend", NULL
};

/*
 * A source span without what the tagger or cue_subject took in after the
 * name: an aside set off by a comma ("Rush Limbaugh, for one," gives
 * "Rush Limbaugh"), a time right after a name ("Gov. Mike Pence on
 * Thursday") and a verb ("Mr. Trump tried to").  Appositives ("Steve
 * Moody, a small-business owner,"), relative clauses and a time that
 * belongs to the words before it ("a poll released Sunday") stay, as
 * PolNeAR marks them.
 */
static void
trim_source(const NxDoc *doc, uint32_t *ss, uint32_t *se)
{
	uint32_t	s = *ss,
				e = *se;

	if (e - s < 2)
		return;
	/* the agent of a passive (a decision announced by Politico): PolNeAR
	 * train starts 231 sources after "by" and 10 with it */
	if (nx_tok_ieq(doc, s, "by") && !is_cap(doc, s) && is_word(doc, s + 1))
		*ss = ++s;
	/*
	 * the first comma of the span that opens an aside; not one that goes on
	 * describing the speaker (", of Exeter,", ", then 38,", ", now a paid
	 * commentator,": PolNeAR train keeps those in 25 sources of 32)
	 */
	for (uint32_t i = s + 1; i + 1 < e; i++)
		if (is_punct(doc, i, ',') && is_word(doc, i + 1) && !is_cap(doc, i + 1) &&
			(tok_in(doc, i + 1, aside_words) ||
			 (nx_tok_ieq(doc, i + 1, "of") && i + 2 < e && nx_tok_ieq(doc, i + 2, "course"))))
		{
			e = i;
			break;
		}
	/* a time right after a name (Gov. Mike Pence on Thursday, The Republican
	 * National Committee this week), not one that belongs to the words
	 * before it (a poll released Sunday, a WBUR poll last week) */
	if (e - s >= 4 && nx_tok_ieq(doc, e - 1, "time") && nx_tok_ieq(doc, e - 2, "the") &&
		nx_tok_ieq(doc, e - 3, "at") && (is_cap(doc, e - 4) || doc->tok[e - 4].kind == NX_TOK_PUNCT))
		e -= 3;					/* Rep. Bobby Scott (D-Va.) at the time */
	else if (e - s >= 3 && tok_in(doc, e - 1, time_words))
	{
		uint32_t	t = e - 1;

		/* Thursday evening, Tuesday night */
		if (t > s + 1 && tok_in(doc, t - 1, time_words) && is_cap(doc, t - 1))
			t--;
		if (tok_in(doc, t - 1, time_openers))
			t--;
		if (t > s && is_cap(doc, t - 1))
			e = t;
	}
	/* a verb the tagger took in (Mr. Trump tried to, The Iranians wanna,
	 * Black Lives Matter issued a statement): the name before it, unless a
	 * clause or aside opens first */
	for (uint32_t i = s + 1; i < e; i++)
	{
		if (doc->tok[i].kind != NX_TOK_WORD || tok_in(doc, i, clause_words))
			break;
		if (tok_in(doc, i, source_verbs) && is_word(doc, i - 1) && !tok_in(doc, i - 1, not_names))
		{
			e = i;
			break;
		}
		if (i + 1 < e && is_cap(doc, i - 1) && !is_cap(doc, i) && !tok_in(doc, i - 1, not_names) &&
			ends_with(doc, i, "ed") && tok_in(doc, i + 1, object_openers))
		{
			e = i;
			break;
		}
	}
	if (e > s && e < *se)
		*se = e;				/* source_comma drops the comma before the cut */
}

/*
 * A source that runs into a relative clause set off by a comma or dash
 * and not closed before the cue right after it ("Senator Ted Cruz of
 * Texas, who last year threatened"): the cue is the clause's verb, and
 * the source is the words before the clause.  A closed clause ("Levine,
 * who has given money to Rubio, said") and one without a comma ("some
 * who advocate free speech argue") stay.
 */
static void
open_clause(const NxDoc *doc, uint32_t s, uint32_t *se)
{
	uint32_t	e = *se;

	if (e - s < 3 || is_punct(doc, e - 1, ','))
		return;
	for (uint32_t i = s + 1; i + 1 < e; i++)
		if ((is_punct(doc, i, ',') || doc->tok[i].kind == NX_TOK_DASH) &&
			tok_in(doc, i + 1, clause_words) && !nx_tok_ieq(doc, i + 1, "that"))
		{
			*se = i;
			return;
		}
}

/*
 * A mention set off between commas right before its cue, without a comma
 * of its own ("Hicks, his campaign spokeswoman, said"): the words before
 * it from the sentence's start or a comma, up to seven, join it, as
 * PolNeAR marks them 675 times in 685 ("X, Y, said" as against "Y,"),
 * unless they open an adverbial ("For now, Pantucci said", "Instead,
 * ...", a participle) rather than a subject.
 */
static void
before_appositive(const NxDoc *doc, NxQuote *q)
{
	uint32_t	ms = q->mention.tok,
				me = ms + q->mention.ntok,
				sent = doc->tok[ms].sentence,
				xs;

	if (ms < 2 || !is_punct(doc, ms - 1, ','))
		return;
	if (!is_punct(doc, me - 1, ',') && is_punct(doc, me, ','))
		me++;
	if (!is_punct(doc, me - 1, ',') || me > q->cue.tok || aux_start(doc, q->cue.tok, me) != me)
		return;
	for (uint32_t i = ms; i + 1 < me; i++)
		if (is_punct(doc, i, ','))
			return;
	xs = phrase_start(doc, ms - 1, sent, 7);
	if (xs + 1 >= ms || ms - xs >= 8 || !is_cap(doc, xs) ||
		!(xs == doc->sent[sent].tok || is_punct(doc, xs - 1, ',')) ||
		tok_in(doc, xs, not_names) || tok_in(doc, xs, not_subjects) || tok_in(doc, xs, time_words) ||
		ends_with(doc, xs, "ing"))
		return;
	set_span(doc, &q->mention, xs, me);
}

/* The end of sentence [first, end) without its final punctuation and closing marks. */
static uint32_t
words_end(const NxDoc *doc, uint32_t first, uint32_t end)
{
	while (end > first && (doc->tok[end - 1].kind == NX_TOK_PUNCT ||
						   doc->tok[end - 1].kind == NX_TOK_CLOSE_QUOTE))
		end--;
	return end;
}

/* The end of the words of token t's sentence (words_end of all of it). */
static uint32_t
sentence_words_end(const NxDoc *doc, uint32_t t)
{
	const NxSentence *st = &doc->sent[doc->tok[t].sentence];

	return words_end(doc, t, st->tok + st->ntok);
}

/*
 * A source after its cue that takes in a relative clause ("said Eric
 * Woolson, who worked for Scott Walker before he dropped out"): the
 * clause runs to the end of the sentence, as PolNeAR train marks 210 such
 * sources in 236, unless a quotation or a participle clause (", citing
 * ...") comes first.
 */
static void
relative_to_end(const NxDoc *doc, NxQuote *q)
{
	uint32_t	s = q->mention.tok,
				e = s + q->mention.ntok,
				end,
				k;
	int			rel = 0;

	for (k = s + 1; k + 1 < e && !rel; k++)
		rel = nx_tok_ieq(doc, k, "who") || nx_tok_ieq(doc, k, "whose");
	if (!rel || is_punct(doc, e - 1, ','))
		return;					/* none, or closed by its comma */
	end = sentence_words_end(doc, s);
	for (k = e; k < end; k++)
	{
		const NxToken *t = &doc->tok[k];

		if (t->kind == NX_TOK_OPEN_QUOTE || t->kind == NX_TOK_CLOSE_QUOTE || is_punct(doc, k, ';') ||
			is_punct(doc, k, ':') || (is_punct(doc, k, ',') && k + 1 < end && ends_with(doc, k + 1, "ing")))
			return;
	}
	if (end > e)
		set_span(doc, &q->mention, s, end);
}

/*
 * A source followed by the phrase that says how its people know (three
 * people briefed on the discussions, officials familiar with the plan):
 * the phrase is part of it, as PolNeAR train marks it 53 times in 53, up
 * to the cue, a comma or the sentence's end.
 */
static void
knowing_phrase(const NxDoc *doc, NxQuote *q)
{
	static const char *const pairs[][2] = {
		{"briefed", "on"}, {"familiar", "with"}, {"close", "to"}, {"involved", "in"},
		{"with", "knowledge"}, {"knowledgeable", "about"}
	};
	uint32_t	s = q->mention.tok,
				e = s + q->mention.ntok,
				end = sentence_words_end(doc, s),
				k;
	int			found = 0;

	if (q->cue.ntok > 0 && q->cue.tok >= e && q->cue.tok < end)
		end = aux_start(doc, q->cue.tok, e);
	if (e + 2 > end)
		return;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]) && !found; i++)
		found = nx_tok_ieq(doc, e, pairs[i][0]) && nx_tok_ieq(doc, e + 1, pairs[i][1]);
	if (!found)
		return;
	for (k = e + 2; k < end; k++)
	{
		const NxToken *t = &doc->tok[k];

		if (t->kind == NX_TOK_OPEN_QUOTE || t->kind == NX_TOK_CLOSE_QUOTE || t->kind == NX_TOK_DASH ||
			is_punct(doc, k, ',') || is_punct(doc, k, ';') || is_punct(doc, k, ':'))
			break;
	}
	if (k > e + 2)
		set_span(doc, &q->mention, s, k);
}

/*
 * The comma after a source, as PolNeAR marks it: a source with an
 * appositive takes the comma that closes it ("Brian Fallon, a spokesman
 * for Mrs. Clinton, said"), a source without one does not ("Clinton,
 * during ..., said" gives "Clinton").  In its training data 90% of the
 * first kind and 99% of the second are marked so.
 */
static void
source_comma(const NxDoc *doc, uint32_t *ss, uint32_t *se)
{
	uint32_t	s = *ss,
				e = *se;
	int			inner = 0;

	while (e > s + 1 && is_punct(doc, e - 1, ','))
		e--;
	for (uint32_t i = s + 1; i + 1 < e && !inner; i++)
		inner = is_punct(doc, i, ',');
	if (inner && e < doc->ntok && is_punct(doc, e, ',') &&
		doc->tok[e].sentence == doc->tok[e - 1].sentence)
		e++;
	*se = e;
}

/* ---- speaker resolution ---- */

/*
 * A name run: capitalised words in a row, cut at titles ("President",
 * "press secretary"), possessives and punctuation, so that
 * "White House press secretary Karoline Leavitt" gives "White House" and
 * "Karoline Leavitt".  first: the run starts with a known first name.
 */
typedef struct Run
{
	uint32_t	start;
	uint32_t	end;
	uint8_t		first;
} Run;

#define NAME_BUCKETS_MIN 64

typedef struct Names
{
	Run		   *run;
	size_t		n;
	int32_t    *run_of;			/* [ntok] run index of each token, -1 */
	uint32_t   *first_from;		/* [ntok + 1] first token at or after each in a
								 * run with a first name, ntok if none */
	int32_t    *last_upto;		/* [ntok] last token at or before each in a run, -1 */
	int32_t    *best;			/* [nb] by last word: the fullest run, -1 */
	uint64_t   *bkey;
	size_t		nb;
} Names;

static inline uint64_t
tok_hash(const NxDoc *doc, size_t i)
{
	return nx_fnv1a64(doc->text + doc->tok[i].b, doc->tok[i].blen);
}

/* Lower-case words inside names (Pieter van Dam, Charles de Gaulle). */
static const char *const name_particles[] = {
	"van", "von", "de", "der", "den", "da", "di", "du", "del", "della", "la", "le",
	"bin", "ibn", "al", "el", "dos", "das", "ter", "ten", NULL
};

/* Is token i a word that can be part of a name? */
static int
name_word(const NxAttribDoc *ad, const NxDoc *doc, size_t i)
{
	uint32_t	lex;

	if (!is_cap(doc, i))
		return 0;
	lex = nx_attrib_doc_lex(ad, i);
	if (lex & ((1u << NX_LX_TITLE) | (1u << NX_LX_PRONOUN) | (1u << NX_LX_CUE_VERB) |
			   (1u << NX_LX_SUBORD) | (1u << NX_LX_MODAL)))
		return (lex & (1u << NX_LX_FIRST_NAME)) && !(lex & (1u << NX_LX_PRONOUN)) &&
			!(lex & (1u << NX_LX_TITLE));
	return 1;
}

static NxStatus
names_build(Names *nm, const NxAttribDoc *ad, const NxDoc *doc, const NxAlloc *a)
{
	size_t		cap = 0;

	memset(nm, 0, sizeof(*nm));
	nm->run_of = nx_alloc(a, doc->ntok * sizeof(int32_t));
	if (!nm->run_of)
		return NX_ENOMEM;
	for (size_t i = 0; i < doc->ntok; i++)
		nm->run_of[i] = -1;
	for (size_t i = 0; i < doc->ntok;)
	{
		size_t		j = i;

		if ((i & 4095) == 0)
			nx_check_interrupts(a);
		while (j < doc->ntok && j < i + 6 &&
			   (name_word(ad, doc, j) ||
				(j > i && j + 1 < doc->ntok && tok_in(doc, j, name_particles) &&
				 name_word(ad, doc, j + 1))) &&
			   (j == i || doc->tok[j].sentence == doc->tok[i].sentence))
			j++;
		if (j == i)
		{
			i++;
			continue;
		}
		/* a lone sentence-initial word is usually not a name */
		if (!(j == i + 1 && doc->sent[doc->tok[i].sentence].tok == i &&
			  !(nx_attrib_doc_lex(ad, i) & (1u << NX_LX_FIRST_NAME))))
		{
			if (nm->n == cap)
			{
				size_t		ncap = cap ? 2 * cap : 64;
				Run		   *nr = grow(a, nm->run, cap * sizeof(Run), ncap * sizeof(Run));

				if (!nr)
					return NX_ENOMEM;
				nm->run = nr;
				cap = ncap;
			}
			nm->run[nm->n].start = (uint32_t) i;
			nm->run[nm->n].end = (uint32_t) j;
			nm->run[nm->n].first = (nx_attrib_doc_lex(ad, i) & (1u << NX_LX_FIRST_NAME)) != 0 && j > i + 1;
			for (size_t k = i; k < j; k++)
				nm->run_of[k] = (int32_t) nm->n;
			nm->n++;
		}
		i = j;
	}
	/* the fullest run by last word: open addressing over twice the runs */
	for (nm->nb = NAME_BUCKETS_MIN; nm->nb < 2 * nm->n; nm->nb *= 2)
		;
	nm->best = nx_alloc(a, nm->nb * sizeof(int32_t));
	nm->bkey = nx_alloc(a, nm->nb * sizeof(uint64_t));
	if (!nm->best || !nm->bkey)
		return NX_ENOMEM;
	for (size_t b = 0; b < nm->nb; b++)
		nm->best[b] = -1;
	/* a mention's name in constant time, however long the mention */
	nm->first_from = nx_alloc(a, (doc->ntok + 1) * sizeof(uint32_t));
	nm->last_upto = nx_alloc(a, doc->ntok * sizeof(int32_t));
	if (!nm->first_from || !nm->last_upto)
		return NX_ENOMEM;
	nm->first_from[doc->ntok] = (uint32_t) doc->ntok;
	for (size_t i = doc->ntok; i-- > 0;)
		nm->first_from[i] = nm->run_of[i] >= 0 && nm->run[nm->run_of[i]].first ?
			(uint32_t) i : nm->first_from[i + 1];
	for (size_t i = 0; i < doc->ntok; i++)
		nm->last_upto[i] = nm->run_of[i] >= 0 ? (int32_t) i : i > 0 ? nm->last_upto[i - 1] : -1;
	for (size_t r = 0; r < nm->n; r++)
	{
		const Run  *run = &nm->run[r];
		uint64_t	h = tok_hash(doc, run->end - 1) | 1;
		size_t		b = h & (nm->nb - 1);

		while (nm->best[b] >= 0 && nm->bkey[b] != h)
			b = (b + 1) & (nm->nb - 1);
		if (nm->best[b] < 0)
		{
			nm->best[b] = (int32_t) r;
			nm->bkey[b] = h;
		}
		else
		{
			const Run  *o = &nm->run[nm->best[b]];

			if (run->first > o->first ||
				(run->first == o->first && run->end - run->start > o->end - o->start))
				nm->best[b] = (int32_t) r;
		}
	}
	return NX_OK;
}

static void
names_free(Names *nm, const NxAlloc *a)
{
	nx_free(a, nm->run);
	nx_free(a, nm->run_of);
	nx_free(a, nm->best);
	nx_free(a, nm->bkey);
	nx_free(a, nm->first_from);
	nx_free(a, nm->last_upto);
}

/* The fullest run of the document ending with the same word as run r. */
static const Run *
fullest(const Names *nm, const NxDoc *doc, const Run *r)
{
	uint64_t	h = tok_hash(doc, r->end - 1) | 1;
	size_t		b = h & (nm->nb - 1);

	while (nm->best[b] >= 0)
	{
		if (nm->bkey[b] == h)
		{
			const Run  *o = &nm->run[nm->best[b]];

			/* the longer run must end with the shorter one */
			if (o->end - o->start > r->end - r->start)
			{
				uint32_t	k = r->end - r->start;

				for (uint32_t i = 0; i < k; i++)
					if (tok_hash(doc, o->end - 1 - i) != tok_hash(doc, r->end - 1 - i))
						return r;
				return o;
			}
			return r;
		}
		b = (b + 1) & (nm->nb - 1);
	}
	return r;
}

/* Is the mention [s, e) a personal pronoun (he, she ...)? */
static int
is_pronoun(const NxAttribDoc *ad, const NxDoc *doc, uint32_t s, uint32_t e)
{
	static const char *const p[] = {"he", "she", "him", "her", "his", "hers"};
	const NxToken *t = &doc->tok[s];

	if (e != s + 1 || !(nx_attrib_doc_lex(ad, s) & (1u << NX_LX_PRONOUN)))
		return 0;
	for (size_t k = 0; k < sizeof(p) / sizeof(p[0]); k++)
		if (t->blen == strlen(p[k]))
		{
			size_t		j;

			for (j = 0; j < t->blen; j++)
				if ((doc->text[t->b + j] | 32) != p[k][j])
					break;
			if (j == t->blen)
				return 1;
		}
	return 0;
}

/* How far back (in tokens) a pronoun looks for its person. */
#define PRONOUN_WINDOW 400

/*
 * Resolve the speaker of a quotation from its mention:
 *	 - a personal pronoun gives the nearest person name before it (a run
 *	   that starts with a known first name), within PRONOUN_WINDOW tokens,
 *	   outside quotations;
 *	 - a mention holding a name run (after titles: "President Putin")
 *	   gives the document's fullest name ending with the same words
 *	   ("Vladimir Putin");
 *	 - anything else ("A Kremlin spokesman") is its own speaker.
 */
static void
resolve_speaker(const Ctx *x, const NxAttribDoc *ad, const Names *nm,
				const uint8_t *inquote, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = q->mention.tok,
				e = s + q->mention.ntok;
	const Run  *r = NULL;

	q->speaker = q->mention;
	if (q->mention.ntok == 0)
		return;
	if (relative_source(doc, &s, &e))
		set_span(doc, &q->speaker, s, e);	/* who: the words before it */
	if (is_pronoun(ad, doc, s, e))
	{
		uint32_t	lo = s > PRONOUN_WINDOW ? s - PRONOUN_WINDOW : 0;

		for (uint32_t i = s; i-- > lo;)
		{
			int32_t		ri = nm->run_of[i];

			if (ri >= 0 && nm->run[ri].first && !inquote[i])
			{
				r = &nm->run[ri];
				break;
			}
		}
		if (!r)
			return;
	}
	else
	{
		/* the run with a first name, else the last run of the mention */
		if (nm->first_from[s] < e)
			r = &nm->run[nm->run_of[nm->first_from[s]]];
		else if (nm->last_upto[e - 1] >= (int32_t) s)
			r = &nm->run[nm->run_of[nm->last_upto[e - 1]]];
		if (!r && e > s + 2 && is_cap(doc, s) && is_punct(doc, s + 1, ','))
		{
			/* a surname and its appositive (Hicks, his campaign spokeswoman,) */
			set_span(doc, &q->speaker, s, s + 1);
			return;
		}
		if (!r || r->start < s)
			return;
		/* a name that leads a longer mention ("Ivana Trump's brief") is kept whole */
		if (r->end < e && !is_punct(doc, r->end, ',') && !is_punct(doc, r->end, '('))
			return;
		/* the end of an organisation's name (the University of Michigan,
		 * The U.S. State Department): the name, without its article */
		if (!r->first && r->start > s && r->end == e)
		{
			uint32_t	b = s;
			int			name = 1;

			if (nx_tok_ieq(doc, b, "the") && b + 1 < r->start)
				b++;
			for (uint32_t i = b; i < r->start && name; i++)
				name = is_cap(doc, i) || (doc->tok[i].flags & NX_TF_ABBREV) ||
					(i > b && tok_in(doc, i, name_joiners));
			/* not a title before a name (President Putin) */
			if (name && is_cap(doc, b) &&
				!(is_cap(doc, r->start - 1) && (nx_attrib_doc_lex(ad, r->start - 1) & (1u << NX_LX_TITLE))))
			{
				set_span(doc, &q->speaker, b, r->end);
				return;
			}
		}
	}
	r = fullest(nm, doc, r);
	set_span(doc, &q->speaker, r->start, r->end);
	q->person = r->first;
}

/*
 * The first of quotations q[lo, hi) whose content overlaps [s, e), or
 * NULL.  Their contents must be sorted and apart (the block quotes are;
 * so are the quotations of content chunks).
 */
static NxQuote *
overlapping(NxQuote *q, size_t lo, size_t hi, uint32_t s, uint32_t e)
{
	size_t		end = hi;

	/* the first ending after s */
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (q[mid].content.tok + q[mid].content.ntok > s)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo < end && q[lo].content.tok < e ? &q[lo] : NULL;
}

/*
 * Sort quotations by content start, keeping the order of equals (a merge
 * sort: quotations of many block quotes or "according to" clauses would
 * make an insertion sort quadratic).  Returns 0 when out of memory.
 */
static int
sort_quotes(NxQuote *q, size_t n, const NxAlloc *a)
{
	NxQuote    *tmp;
	size_t		i;

	for (i = 1; i < n && q[i - 1].content.tok <= q[i].content.tok; i++)
		;
	if (i >= n)
		return 1;
	tmp = nx_alloc(a, n * sizeof(NxQuote));
	if (!tmp)
		return 0;
	for (size_t w = 1; w < n; w *= 2)
	{
		for (size_t l = 0; l < n; l += 2 * w)
		{
			size_t		m = l + w < n ? l + w : n,
						r = l + 2 * w < n ? l + 2 * w : n,
						x = l,
						y = m,
						k = l;

			while (x < m && y < r)
				tmp[k++] = q[y].content.tok < q[x].content.tok ? q[y++] : q[x++];
			while (x < m)
				tmp[k++] = q[x++];
			while (y < r)
				tmp[k++] = q[y++];
		}
		memcpy(q, tmp, n * sizeof(NxQuote));
	}
	nx_free(a, tmp);
	return 1;
}

/*
 * A cue chunk that took in the end of the source before it, leaving the
 * source a bare determiner ("one | shipping agent said"): the words
 * before the reporting verb, when they are neither auxiliaries nor
 * adverbs, go back to the source.  Both lists stay sorted and apart.
 */
static const char *const bare_determiners[] = {
	"one", "a", "an", "the", "another", "some", "many", "several", "two", "three", NULL
};

static void
fix_cue_starts(Ctx *x, const NxAttribDoc *ad)
{
	const NxDoc *doc = x->doc;
	size_t		j = 0;

	for (size_t k = 0; k < x->cue.n; k++)
	{
		Chunk	   *c = &x->cue.c[k];
		uint32_t	v;

		while (j < x->src.n && x->src.c[j].end < c->start)
			j++;
		if (j >= x->src.n || x->src.c[j].end != c->start ||
			x->src.c[j].end - x->src.c[j].start != 1 ||
			!tok_in(doc, x->src.c[j].start, bare_determiners))
			continue;
		for (v = c->start; v < c->end; v++)
			if ((nx_attrib_doc_lex(ad, v) & (1u << NX_LX_CUE_VERB)) ||
				!is_word(doc, v) || aux_or_adverb(doc, v))
				break;
		if (v > c->start && v < c->end && (nx_attrib_doc_lex(ad, v) & (1u << NX_LX_CUE_VERB)))
		{
			x->src.c[j].end = v;
			c->start = v;
		}
	}
}

/* The cue and mention of quotation q, for a quotation that goes on with it. */
static void
same_attribution(const NxQuote *q, uint32_t *cs, uint32_t *ce, uint32_t *ss, uint32_t *se)
{
	*cs = q->cue.tok;
	*ce = *cs + q->cue.ntok;
	*ss = q->mention.tok;
	*se = *ss + q->mention.ntok;
}

/*
 * After a quotation that ends in a comma, ? or ! inside its closing mark,
 * the attribution the tagger did not know the verb of, right after it in
 * its paragraph: a name, he, she or they, or an article's short phrase up to a
 * capitalised word (an angry Hollande), then a lower-case verb (“…,”
 * Trump went on; “…!” she retaliated), or the verb first and then a name
 * (“…!” beamed Donald Hartley).  What follows is the sentence's end or a
 * comma, or a particle (went on).  Returns 1 and sets the cue and the
 * source when there is one; scans at most a dozen tokens.
 */
static int
closing_attribution(const NxAttribDoc *ad, const NxDoc *doc, uint32_t e,
					uint32_t *cs, uint32_t *ce, uint32_t *ss, uint32_t *se)
{
	uint32_t	sent,
				s,
				t,
				v;

	/* bounded: a run of closing marks is looked at to four back */
	if (e < 3 || e >= doc->ntok || doc->tok[e - 1].kind != NX_TOK_CLOSE_QUOTE ||
		!ends_in_mark(doc, e > 5 ? e - 5 : 0, e - 1))
		return 0;
	/* in the quotation's paragraph; its sentence may end at ?” or !” */
	if (para_of(doc, e) != para_of(doc, e - 1))
		return 0;
	sent = doc->tok[e].sentence;
	s = e;
	if (!is_word(doc, s))
		return 0;
	/* the source first: a pronoun, a name, or an article's phrase to a name */
	t = s;
	if (tok_in(doc, t, subject_pronouns) && !nx_tok_ieq(doc, t, "i") && !nx_tok_ieq(doc, t, "we"))
		t++;
	else
	{
		if (tok_in(doc, t, articles))
			for (t++; t < s + 4 && is_word(doc, t) && !is_cap(doc, t) && !tok_in(doc, t, aux_words); t++)
				;
		t = name_run(ad, doc, t, sent);
		if (t == s || !is_cap(doc, t - 1))
			t = s;
	}
	if (t > s)
	{
		v = t;
		if (!in_sent(doc, v, sent) || !is_word(doc, v) || is_cap(doc, v) || tok_in(doc, v, aux_words) ||
			tok_in(doc, v, clause_words) || tok_in(doc, v, np_stops))
			return 0;
		t = v + 1;
		if (is_word(doc, t) && (nx_tok_ieq(doc, t, "on") || nx_tok_ieq(doc, t, "back")))
			t++;
		if (in_sent(doc, t, sent) && is_word(doc, t))
			return 0;
		*ss = s;
		*se = v;
		*cs = v;
		*ce = t;
		return 1;
	}
	/* the verb first, then a name */
	v = s;
	if (is_cap(doc, v) || tok_in(doc, v, aux_words) || tok_in(doc, v, clause_words) ||
		tok_in(doc, v, np_stops) || !ends_with(doc, v, "ed"))
		return 0;
	t = name_run(ad, doc, v + 1, sent);
	if (t == v + 1 || !is_cap(doc, t - 1) || (in_sent(doc, t, sent) && is_word(doc, t) &&
											 !nx_tok_ieq(doc, t, "of")))
		return 0;
	*cs = v;
	*ce = v + 1;
	*ss = v + 1;
	*se = t;
	return 1;
}

/*
 * A name and a colon before a content, at the start of its sentence: the
 * headline's and the transcript's attribution (Kasich: ‘We Are Going …’,
 * Matthews: Well, speculation is bad).  The colon is the cue.
 */
static void
colon_speaker(const Ctx *x, const NxAttribDoc *ad, uint32_t s, uint32_t *cs, uint32_t *ce,
			  uint32_t *ss, uint32_t *se)
{
	const NxDoc *doc = x->doc;
	uint32_t	colon = s,
				first;

	if (colon == 0 || !is_punct(doc, colon - 1, ':'))
		return;
	colon--;
	first = doc->sent[doc->tok[colon].sentence].tok;
	if (colon == first || colon - first > 4)
		return;
	for (uint32_t i = first; i < colon; i++)
		if (!speaker_word(ad, doc, i) || (nx_attrib_doc_lex(ad, i) & (1u << NX_LX_TITLE)))
			return;
	if (!is_cap(doc, colon - 1))
		return;
	*cs = colon;
	*ce = colon + 1;
	*ss = first;
	*se = colon;
}

/*
 * "As X put it, …" ("As The Post's Dana Milbank puts it, “…”", "As
 * Professor Foner put it: …", "as the chief executive put it in his memo
 * to employees, …"): an as-clause opening its sentence whose verb is
 * "put(s) it", with a comma or colon a few words after it; inside a
 * sentence, after a comma, when a quotation follows that comma.  X is the
 * source, "put it" the cue (its first token *c), and the content what
 * follows: the quotation right after the comma, or the rest of the
 * sentence when words follow that quotation or none opens it.  X has no
 * verb ("As the deadline approached, officials put it bluntly:" is no
 * attribution to "the deadline").  The scans are bounded: constant work a
 * token.
 */
static int
as_put_it(const Ctx *x, uint32_t i, uint32_t *s, uint32_t *e, uint32_t *c,
		  uint32_t *ss, uint32_t *se)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[i].sentence,
				first = doc->sent[sent].tok,
				end = first + doc->sent[sent].ntok,
				j,
				k;
	const NxQuoteSpan *sp;
	int			opens;			/* the as-clause opens its sentence */

	if (!nx_tok_ieq(doc, i, "as"))
		return 0;
	/* after a conjunction and punctuation at most (Or, as …) */
	opens = i - first <= 3;
	for (j = first; j < i && opens; j++)
		opens = !is_word(doc, j) || tok_in(doc, j, sentence_conjunctions);
	/* inside a sentence, after a comma, only before a quotation (But at
	 * the time, as the prosecutor put it, “…”) */
	if (!opens && !(i > first && is_punct(doc, i - 1, ',')))
		return 0;
	for (j = i + 1; j < end && j < i + 30; j++)
	{
		if ((nx_tok_ieq(doc, j, "put") || nx_tok_ieq(doc, j, "puts")) && nx_tok_ieq(doc, j + 1, "it"))
			break;
		if (is_word(doc, j) && !is_cap(doc, j) && (ends_with(doc, j, "ed") || tok_in(doc, j, aux_words)))
			return 0;
	}
	if (j == i + 1 || j >= end || j >= i + 30 || j + 2 >= end)
		return 0;
	/* the comma or colon after it */
	for (k = j + 2; k < end && k < j + 14; k++)
		if (is_punct(doc, k, ',') || is_punct(doc, k, ':'))
			break;
	if (k + 1 >= end || k >= j + 14 || !(is_punct(doc, k, ',') || is_punct(doc, k, ':')))
		return 0;
	*s = k + 1;
	*e = punct_end(doc, *s, end);
	sp = doc->tok[*s].kind == NX_TOK_OPEN_QUOTE ? span_opened_at(x, *s) : NULL;
	if (sp && (sp->depth > 0 || (sp->flags & (NX_QS_UNCLOSED | NX_QS_CONTINUED)) ||
			   sp->close >= doc->ntok || para_of(doc, sp->close) != para_of(doc, *s)))
		sp = NULL;
	if (!opens && !sp)
		return 0;
	if (sp)
	{
		uint32_t	a = sp->close + 1;

		*e = a;
		/* words after the closing mark: a mixed quotation to its sentence's end */
		if (is_word(doc, a) && doc->tok[a].sentence == doc->tok[sp->close].sentence)
		{
			const NxSentence *st = &doc->sent[doc->tok[a].sentence];

			*e = punct_end(doc, a, st->tok + st->ntok);
		}
	}
	if (count_words(doc, *s, *e, 2) < 2)
		return 0;
	*c = j;
	*ss = i + 1;
	*se = j;
	return 1;
}

/* Words of a paragraph's label before a colon that name no speaker (The Latest:, Breaking:). */
static const char *const label_words[] = {
	"the", "latest", "breaking", "contributing", "revealed", "note", "byline",
	"correction", "update", "wow", "look", "boom", "busted", "bombshell",
	"exclusive", "poll", "watch", "read", "related", "transcript", "name",
	"so", "continued", "leaked", "photos", "video", "source", "sources", NULL
};

/*
 * A paragraph opening with a name and a colon (a headline "De Blasio:
 * Trust Bratton on security", a transcript's "TAPPER: And obviously, …"):
 * the name, at most four capitalised words, none a preposition or article
 * ("Stealth Over Health:"), all capitals or with a first name in it, is
 * the source, the colon the cue and the rest
 * of the paragraph, with a lower-case word in it (not a list of names),
 * the content; a headline's question ("Ted Cruz: Conservative or career
 * politician?") is not one.  Labels (The Latest:,
 * Breaking:, Contributing:) and an interview's Q: and A: are no names.  Sets
 * [*s, *e), the colon *c and [*ss, *se) for the paragraph starting at t0
 * and ending before pe; the scan is over the paragraph once.
 */
static int
paragraph_speaker(const NxAttribDoc *ad, const NxDoc *doc, uint32_t t0, uint32_t pe,
				  uint32_t *s, uint32_t *e, uint32_t *c, uint32_t *ss, uint32_t *se)
{
	uint32_t	k,
				lower = 0;
	int			upper = 1,
				first_name = 0;

	for (k = t0; k < pe && k < t0 + 5 && (is_cap(doc, k) || (doc->tok[k].flags & NX_TF_ABBREV) ||
										  doc->tok[k].kind == NX_TOK_APOSTROPHE); k++)
	{
		if (tok_in(doc, k, label_words) || tok_in(doc, k, subject_pronouns) ||
			tok_in(doc, k, prepositions) || tok_in(doc, k, not_names))
			return 0;
		upper = upper && (doc->tok[k].flags & NX_TF_ALL_UPPER);
		first_name = first_name || (nx_attrib_doc_lex(ad, k) & (1u << NX_LX_FIRST_NAME));
	}
	/* a transcript's capitals (TAPPER:) or a person's first name (Ann Coulter:) */
	if (!upper && !first_name)
		return 0;
	if (k == t0 || k + 2 >= pe || !is_punct(doc, k, ':') ||
		(k == t0 + 1 && (nx_tok_ieq(doc, t0, "Q") || nx_tok_ieq(doc, t0, "A"))) ||
		(!upper && is_punct(doc, pe - 1, '?')))
		return 0;
	*e = punct_end(doc, k + 1, pe);	/* a closing mark stays (… ‘Like an Open Orchid.’) */
	for (uint32_t t = k + 1; t < *e && !lower; t++)
		lower = is_word(doc, t) && !is_cap(doc, t);
	if (!lower || count_words(doc, k + 1, *e, 2) < 2)
		return 0;
	*s = k + 1;
	*c = k;
	*ss = t0;
	*se = k;
	return 1;
}

/*
 * Does what follows an attribution from token r to the sentence's end e
 * (its final punctuation left out) close it: nothing, a comma or dash
 * (", adding ..."), or a few words of time or place ("last week", "in a
 * statement")?
 */
static int
closing_tail(const NxDoc *doc, uint32_t r, uint32_t e)
{
	if (r >= e || is_punct(doc, r, ',') || doc->tok[r].kind == NX_TOK_DASH)
		return 1;
	if (e - r > 4)
		return 0;
	return tok_in(doc, r, not_clauses) || tok_in(doc, r, time_words) ||
		nx_tok_ieq(doc, r, "last") || nx_tok_ieq(doc, r, "this");
}

/*
 * Is token c, in the sentence after a quotation ending at e, part of an
 * attribution right after it ("… she's wrong!'' Mr. Trump wrote"): the
 * quotation ends in ! or ? and its closing mark, which split the
 * sentence before a capitalised name, and c is at most six tokens on?
 */
static int
attribution_after(const Ctx *x, uint32_t e, uint32_t c)
{
	const NxDoc *doc = x->doc;

	return e >= 2 && c >= e && c - e <= 6 &&
		doc->tok[c].sentence == doc->tok[e - 1].sentence + 1 &&
		doc->tok[e].sentence == doc->tok[c].sentence &&
		para_of(doc, c) == para_of(doc, e - 1) &&
		doc->tok[e - 1].kind == NX_TOK_CLOSE_QUOTE &&
		(is_punct(doc, e - 2, '!') || is_punct(doc, e - 2, '?'));
}

/* Verbs that come before their source after a quotation (…,” says the narrator). */
static const char *const inverting_verbs[] = {
	"said", "says", "say", "wrote", "writes", "read", "reads", "opined", "added", "adds",
	"noted", "notes", "asked", "asks", "concluded", "explained", NULL
};

/*
 * Is the content [s, e) that the tagger found right after the cue at cs
 * the quotation's source after all, inverted after it (“…,” says the
 * ad's narrator; … in the 2008 primary, said Ohio State University
 * professor Paul Beck.)?  The cue is a verb that inverts, after a comma
 * or a closing mark, right after the content before it (prev_end); the
 * words are a noun phrase: at most twelve, no pronoun first, no
 * auxiliary, clause word, or lower-case word in -ed or -ing, up to a
 * comma or the sentence's end.  On held-out tenths of PolNeAR train all
 * four such contents are sources.
 */
static int
inverted_content(const NxDoc *doc, uint32_t cs, uint32_t s, uint32_t e, uint32_t prev_end)
{
	uint32_t	sent = doc->tok[cs].sentence;

	if (s != cs + 1 || cs == 0 || !tok_in(doc, cs, inverting_verbs) ||
		!(is_punct(doc, cs - 1, ',') || doc->tok[cs - 1].kind == NX_TOK_CLOSE_QUOTE) ||
		prev_end + 2 < cs || prev_end > cs || !in_sent(doc, prev_end - 1, sent) ||
		e > s + 16 || count_words(doc, s, e, 13) > 12 ||
		(in_sent(doc, e, sent) && is_word(doc, e)) || tok_in(doc, s, subject_pronouns))
		return 0;
	for (uint32_t t = s; t < e; t++)
	{
		if (doc->tok[t].kind == NX_TOK_OPEN_QUOTE || doc->tok[t].kind == NX_TOK_CLOSE_QUOTE)
			return 0;
		if (is_word(doc, t) && (tok_in(doc, t, aux_words) || tok_in(doc, t, clause_words) ||
								tok_in(doc, t, np_stops) ||
								(!is_cap(doc, t) && (ends_with(doc, t, "ed") || ends_with(doc, t, "ing")))))
			return 0;
	}
	return 1;
}

/* Verbs of speech that report the rest of their sentence (X said the plan would fail). */
static const char *const bare_speech_verbs[] = {
	"said", "says", "told", NULL
};

/*
 * Where the clause a verb v reports starts, before end: right after it,
 * or after its listener (told reporters the port would close).
 */
static uint32_t
after_listener(const NxDoc *doc, uint32_t v, uint32_t end)
{
	uint32_t	s = v + 1;

	if (!tok_in(doc, v, tell_verbs))
		return s;
	if (s < end && tok_in(doc, s, audience_words))
		return s + 1;
	if (s + 1 < end && nx_tok_ieq(doc, s, "the") && tok_in(doc, s + 1, audience_words))
		return s + 2;
	return s;
}

/* No span: ntok 0 and no text. */
static inline void
clear_span(NxSpan *sp)
{
	memset(sp, 0, sizeof(*sp));
}

/* Start the mention at token s, before its first token, keeping its end. */
static inline void
mention_from(const NxDoc *doc, NxQuote *q, uint32_t s)
{
	if (s < q->mention.tok)
		set_span(doc, &q->mention, s, q->mention.tok + q->mention.ntok);
}

/*
 * The mention of a quotation's source, and the auxiliaries of its cue, as
 * PolNeAR marks them, from the spans the tagger or the rules above found:
 * each step says which convention it follows.  resolve_speaker then reads
 * the speaker from the mention.
 */
static void
shape_mention(const NxDoc *doc, const NxAttribDoc *ad, NxQuote *q)
{
	if (q->mention.ntok == 1 && is_punct(doc, q->mention.tok + 1, ':') &&
		(nx_tok_ieq(doc, q->mention.tok, "Q") || nx_tok_ieq(doc, q->mention.tok, "A")) &&
		is_cap(doc, q->mention.tok))
	{
		/* an interview's "Q:" and "A:" mark turns, not speakers (PolNeAR
		 * train has them as sources 16 times, all in a few transcripts) */
		if (q->cue.ntok == 1 && q->cue.tok == q->mention.tok + 1)
			clear_span(&q->cue);
		clear_span(&q->mention);
	}
	if (q->mention.ntok == 1 && q->cue.ntok > 0 && q->cue.tok > q->mention.tok)
	{
		/* a relative clause closed before the cue ("McCaskill, who has
		 * endorsed Clinton, said"): the cue is the main verb and the
		 * words before "who" are the source */
		uint32_t	ss = q->mention.tok,
					se = ss + 1;
		int			closed = 0;

		for (uint32_t k = se; k < q->cue.tok && !closed; k++)
			closed = is_punct(doc, k, ',') || doc->tok[k].kind == NX_TOK_DASH;
		if (closed && relative_source(doc, &ss, &se))
			set_span(doc, &q->mention, ss, se);
	}
	if (q->cue.ntok > 0)
	{
		/* auxiliaries and adverbs before the verb are part of the cue, as
		 * PolNeAR marks them (has said, also said, repeatedly denied) */
		uint32_t	mend = q->mention.tok + q->mention.ntok;
		uint32_t	cs = aux_start(doc, q->cue.tok,
								   q->mention.ntok && mend <= q->cue.tok ? mend : 0);

		if (cs < q->cue.tok)
			set_span(doc, &q->cue, cs, q->cue.tok + q->cue.ntok);
	}
	if (q->mention.ntok > 0 && q->mention.tok >= 2 && is_cap(doc, q->mention.tok) &&
		tok_in(doc, q->mention.tok - 1, name_particles) && is_cap(doc, q->mention.tok - 2) &&
		doc->tok[q->mention.tok - 2].sentence == doc->tok[q->mention.tok].sentence)
	{
		/* the whole name: Pieter van Dam, not Dam */
		uint32_t	s = q->mention.tok - 2;

		while (s > 0 && is_cap(doc, s - 1) && doc->tok[s - 1].sentence == doc->tok[s].sentence &&
			   q->mention.tok - s < 6)
			s--;
		mention_from(doc, q, s);
	}
	if (q->mention.ntok > 0 && q->mention.tok > 0 &&
		doc->tok[q->mention.tok - 1].sentence == doc->tok[q->mention.tok].sentence &&
		(tok_in(doc, q->mention.tok - 1, articles) ||
		 (!is_cap(doc, q->mention.tok) && !tok_in(doc, q->mention.tok, subject_pronouns) &&
		  tok_in(doc, q->mention.tok - 1, quantifiers))) &&
		!is_pronoun(ad, doc, q->mention.tok, q->mention.tok + q->mention.ntok))
	{
		/* the determiner too, as PolNeAR marks it (the economist Jared
		 * Bernstein; his critics, some voters: 638 times in 651) */
		mention_from(doc, q, q->mention.tok - 1);
	}
	if (q->mention.ntok > 0 && is_cap(doc, q->mention.tok))
	{
		/* a title right before a name (Sen. Marco Rubio): PolNeAR
		 * takes titles in, 1,216 times in 1,233 */
		uint32_t	s = q->mention.tok,
					sent = doc->tok[s].sentence;

		while (s > 0 && q->mention.tok - s < 3 && in_sent(doc, s - 1, sent) && is_cap(doc, s - 1) &&
			   (nx_attrib_doc_lex(ad, s - 1) & (1u << NX_LX_TITLE)))
			s--;
		mention_from(doc, q, s);
	}
	if (q->mention.ntok > 1 && q->mention.tok > 0 && is_word(doc, q->mention.tok) &&
		!is_cap(doc, q->mention.tok) && is_cap(doc, q->mention.tok + 1) &&
		!is_pronoun(ad, doc, q->mention.tok, q->mention.tok + q->mention.ntok))
	{
		/* the name of the title's organisation before it (Amnesty
		 * International spokesman Eric Ferrero), as PolNeAR marks it
		 * 602 times in 612 */
		uint32_t	s = q->mention.tok,
					sent = doc->tok[s].sentence;

		while (s > 0 && q->mention.tok - s < 5 && in_sent(doc, s - 1, sent) && is_cap(doc, s - 1) &&
			   !tok_in(doc, s - 1, not_names) && !tok_in(doc, s - 1, time_words))
			s--;
		mention_from(doc, q, s);
	}
	if (q->mention.ntok > 0 && q->cue.ntok > 0)
		before_appositive(doc, q);
	if (q->mention.ntok > 0)
	{
		/* the name set off after a description (Her campaign manager,
		 * Robby Mook, said): PolNeAR takes it in, 103 times in 104 */
		uint32_t	se = q->mention.tok + q->mention.ntok,
					k;

		if (is_word(doc, se - 1) && !is_cap(doc, se - 1) && is_punct(doc, se, ',') &&
			!is_pronoun(ad, doc, q->mention.tok, se))
		{
			for (k = se + 1; k < se + 6 && k < doc->ntok && speaker_word(ad, doc, k) &&
				 doc->tok[k].sentence == doc->tok[se].sentence; k++)
				;
			if (k > se + 1 && is_cap(doc, k - 1) && is_punct(doc, k, ',') &&
				doc->tok[k].sentence == doc->tok[se].sentence)
				set_span(doc, &q->mention, q->mention.tok, k + 1);
		}
	}
	if (q->mention.ntok > 1)
	{
		uint32_t	ss = q->mention.tok,
					se = ss + q->mention.ntok;

		trim_source(doc, &ss, &se);
		if (q->cue.ntok && q->cue.tok == se)
			open_clause(doc, ss, &se);
		source_comma(doc, &ss, &se);
		set_span(doc, &q->mention, ss, se);
	}
	if (q->mention.ntok > 0 && tok_in(doc, q->mention.tok, not_mention_openers))
		clear_span(&q->mention);
	if (q->mention.ntok > 0 && q->mention.tok >= q->content.tok &&
		q->mention.tok < q->content.tok + q->content.ntok)
		clear_span(&q->mention);
	if (q->mention.ntok > 0 && q->cue.ntok > 0 && q->mention.tok >= q->cue.tok + q->cue.ntok)
		relative_to_end(doc, q);
	if (q->mention.ntok > 0)
		knowing_phrase(doc, q);
}

/*
 * The quotation already made that a clause [s, e) found by a rule after
 * the contents overlaps: the first block quote, else the first of the
 * contents (quotations [nblock, ncontent), in document order).
 */
static NxQuote *
taken_by(const Ctx *x, size_t nblock, size_t ncontent, uint32_t s, uint32_t e)
{
	NxQuote    *q = overlapping(x->q, 0, nblock, s, e);

	return q ? q : overlapping(x->q, nblock, ncontent, s, e);
}

/* Extract the quotations of a document. */
NxStatus
nx_quotes_extract(const NxModel *m, const NxDoc *doc, NxQuote **out, size_t *n,
				  const NxAlloc *a)
{
	Ctx			x;
	NxAttribDoc *ad = NULL;
	uint8_t    *lab1 = NULL,
			   *lab2 = NULL,
			   *used = NULL,	/* [cue chunks] taken by a quotation */
			   *covered = NULL, /* [ntok] inside a quotation's content */
			   *role = NULL,
			   *inquote = NULL;
	uint32_t   *para_tok = NULL;
	int32_t    *block = NULL;		/* [npara] cue token of a block paragraph, -1 */
	size_t		npara;
	NxStatus	st;
	size_t		nblock,
				ncontent;
	long		prev;
	Names		nm;

	*out = NULL;
	*n = 0;
	memset(&nm, 0, sizeof(nm));
	if (doc->ntok == 0)
		return NX_OK;
	memset(&x, 0, sizeof(x));
	x.doc = doc;
	x.a = a;
	st = nx_quote_spans(doc, &x.spans, &x.nspans, a);
	if (st != NX_OK)
		goto done;
	st = nx_attrib_doc_init(&ad, &m->labels, &m->lex, &m->clusters, doc, x.spans, x.nspans, a);
	if (st != NX_OK)
		goto done;
	lab1 = nx_alloc(a, doc->ntok);
	lab2 = nx_alloc(a, doc->ntok);
	role = nx_alloc(a, doc->ntok);
	inquote = nx_alloc(a, doc->ntok);
	x.marks = nx_alloc(a, (doc->ntok + 1) * sizeof(uint32_t));
	npara = nx_attrib_doc_npara(ad);
	para_tok = nx_alloc(a, (npara + 1) * sizeof(uint32_t));
	if (!lab1 || !lab2 || !para_tok || !role || !inquote || !x.marks)
	{
		st = NX_ENOMEM;
		goto done;
	}
	x.marks[0] = 0;
	for (size_t i = 0; i < doc->ntok; i++)
		x.marks[i + 1] = x.marks[i] + (doc->tok[i].kind == NX_TOK_OPEN_QUOTE ||
									   doc->tok[i].kind == NX_TOK_CLOSE_QUOTE);
	for (size_t p = 0; p < npara; p++)
		para_tok[p] = nx_attrib_doc_para_tok(ad, p);
	para_tok[npara] = (uint32_t) doc->ntok;
	st = nx_attrib_doc_decode(ad, m, lab1, lab2);
	if (st != NX_OK)
		goto done;
	if ((st = collect(&x, m, lab1, npara, para_tok)) != NX_OK ||
		(st = collect(&x, m, lab2, npara, para_tok)) != NX_OK)
		goto done;
	fix_cue_starts(&x, ad);
	memset(role, 0, doc->ntok);
	for (size_t i = 0; i < x.src.n; i++)
		memset(role + x.src.c[i].start, 1, x.src.c[i].end - x.src.c[i].start);
	for (size_t i = 0; i < x.cue.n; i++)
		memset(role + x.cue.c[i].start, 2, x.cue.c[i].end - x.cue.c[i].start);
	memset(inquote, 0, doc->ntok);
	for (size_t j = 0; j < x.nspans; j++)
		if (x.spans[j].depth == 0 && x.spans[j].close < doc->ntok)
			memset(inquote + x.spans[j].open, 1, x.spans[j].close + 1 - x.spans[j].open);

	/*
	 * Block quotes: a paragraph ending "…he told the FSB that:" with a cue
	 * in its last sentence (a stage-1 cue, else a reporting verb), then a
	 * paragraph without quotation marks: that paragraph is the content,
	 * whatever the tagger found inside it.
	 */
	block = nx_alloc(a, (npara + 1) * sizeof(int32_t));
	used = nx_alloc(a, x.cue.n + 1);
	covered = nx_alloc(a, doc->ntok);
	if (!block || !used || !covered)
	{
		st = NX_ENOMEM;
		goto done;
	}
	memset(used, 0, x.cue.n + 1);
	memset(covered, 0, doc->ntok);
	for (size_t p = 0; p <= npara; p++)
		block[p] = -1;
	for (size_t p = 0, k = 0; p + 1 < npara; p++)
	{
		uint32_t	last = para_tok[p + 1] - 1;
		uint32_t	sent = doc->tok[last].sentence;
		int32_t		cue = -1;
		int			marks = 0;

		while (k < x.cue.n && x.cue.c[k].end <= last)
		{
			if (doc->tok[x.cue.c[k].start].sentence == sent)
				cue = (int32_t) x.cue.c[k].start;
			k++;
		}
		if (!is_punct(doc, last, ':'))
			continue;
		/* a reporting verb after the last stage-1 cue is nearer the colon */
		for (uint32_t i = last; i-- > doc->sent[sent].tok && (cue < 0 || i > (uint32_t) cue);)
			if ((nx_attrib_doc_lex(ad, i) & (1u << NX_LX_CUE_VERB)) && role[i] != 2)
			{
				cue = (int32_t) i;
				break;
			}
		if (cue < 0)
			continue;
		for (uint32_t i = para_tok[p + 1]; i < para_tok[p + 2] && !marks; i++)
			if (doc->tok[i].kind == NX_TOK_OPEN_QUOTE || doc->tok[i].kind == NX_TOK_CLOSE_QUOTE)
				marks = 1;
		if (!marks)
			block[p + 1] = cue;
	}
	for (size_t p = 1; p < npara; p++)
		if (block[p] >= 0)
		{
			uint32_t	cs = (uint32_t) block[p],
						ce = cs + 1,
						ss = 0,
						se = 0;
			size_t		k = first_starting_from(&x.cue, cs);
			Chunk		cc;
			long		src;

			/* the whole stage-1 chunk if the verb is in one */
			if (k < x.cue.n && x.cue.c[k].start == cs)
			{
				ce = x.cue.c[k].end;
				used[k] = 1;
			}
			cc.start = cs;
			cc.end = ce;
			if (role[cs] != 2 && cs > 0 &&
				((nx_attrib_doc_lex(ad, cs - 1) & (1u << NX_LX_PRONOUN)) || role[cs - 1] == 1))
			{
				/* a verb the tagger missed: its subject right before it */
				ss = cs - 1;
				while (ss > 0 && role[ss] == 1 && role[ss - 1] == 1)
					ss--;
				se = cs;
			}
			else if ((src = find_source(&x, &cc, para_tok[p], para_tok[p])) >= 0)
			{
				ss = x.src.c[src].start;
				se = x.src.c[src].end;
			}
			if (role[cs] != 2 && se == 0)
			{
				/*
				 * a reporting word the tagger did not take as a cue, and
				 * nobody saying it, is more often a noun ("in the United
				 * States (all times EST):", "three reasons ...:") than a
				 * block's cue: the paragraph is read as any other
				 */
				block[p] = -1;
				continue;
			}
			if (!add_quote(&x, para_tok[p], para_tok[p + 1], cs, ce, ss, se, 1))
			{
				st = NX_ENOMEM;
				goto done;
			}
		}

	/* contents with their cues and sources; prev: the last one made */
	nblock = x.nq;
	prev = -1;
	for (size_t i = 0; i < x.content.n; i++)
	{
		Chunk		c = x.content.c[i];
		long		cue;
		int			part;
		uint32_t	start0,
					cs = 0,
					ce = 0,
					ss = 0,
					se = 0;
		uint32_t	p = para_of(doc, c.start);

		if ((i & 255) == 0)
			nx_check_interrupts(a);
		if (block[p] >= 0)
			continue;			/* inside a block quote */
		if (block[p + 1] >= 0 && c.end + 1 >= para_tok[p + 1] && !has_marks(&x, c.start, c.end) &&
			(nx_tok_ieq(doc, c.end - 1, "that") ||
			 (c.end >= 2 && is_punct(doc, c.end - 1, ':') && nx_tok_ieq(doc, c.end - 2, "that")) ||
			 count_words(doc, c.start, c.end, 3) < 3))
			continue;			/* the words that introduce a block quote (told the FSB that:) */
		/* a content that stops just short of a closing mark (… “Football
		 * Life.”) takes the mark */
		for (uint32_t k = c.end; k < doc->ntok && k < c.end + 2 && doc->tok[k].kind == NX_TOK_PUNCT &&
			 doc->tok[k].sentence == doc->tok[c.end - 1].sentence; k++)
			if (k + 1 < doc->ntok && doc->tok[k + 1].kind == NX_TOK_CLOSE_QUOTE &&
				x.marks[k + 1] - x.marks[c.start] == 1 && doc->tok[k + 1].sentence == doc->tok[k].sentence)
			{
				c.end = k + 2;
				break;
			}
		start0 = c.start;
		c.start = trim_start(&x, ad, role, c.start, c.end);
		c.end = trim_end(&x, role, c.start, c.end);
		part = c.start != start0 && participle_before(doc, c.start);
		cue = part ? -1 : find_cue(&x, c.start, c.end);
		if (cue >= 0 && has_marks(&x, c.start, c.end) &&
			doc->tok[x.cue.c[cue].start].sentence < doc->tok[c.start].sentence &&
			!short_phrase(doc, c.start, c.end) &&
			closing_attribution(ad, doc, c.end, &cs, &ce, &ss, &se))
			cue = -1;			/* an attribution after it is nearer than a cue before */
		else if (cue >= 0 && has_marks(&x, c.start, c.end) &&
				 (doc->tok[x.cue.c[cue].start].sentence < doc->tok[c.start].sentence ||
				  doc->tok[x.cue.c[cue].start].sentence > doc->tok[c.end - 1].sentence) &&
				 !short_phrase(doc, c.start, c.end) && near_cue_verb(&x, ad, c.start, c.end) >= 0)
			cue = -1;			/* a reporting verb of its own sentence is nearer */
		if (cue >= 0 && !has_marks(&x, c.start, c.end) &&
			(doc->tok[x.cue.c[cue].start].sentence < doc->tok[c.start].sentence ||
			 doc->tok[x.cue.c[cue].start].sentence > doc->tok[c.end - 1].sentence))
			cue = -1;			/* reported speech without marks has its cue in its sentence */
		if (part)
		{
			/* the participle before it (…, singing “…”) and its subject */
			cs = c.start - 1;
			ce = c.start;
			cue_subject(&x, ad, role, cs, ce, &ss, &se);
		}
		else if (dash_source(&x, c.end, &cs, &ss, &se) &&
				 (cue < 0 || doc->tok[x.cue.c[cue].start].sentence != doc->tok[c.end - 1].sentence))
		{
			ce = cs + 1;
			cue = -1;
		}
		else if (cue < 0 && c.start == para_tok[p] && p > 0 &&
				 is_punct(doc, para_tok[p] - 1, ':'))
		{
			/* a cue at the end of the paragraph before (He said:) */
			uint32_t	last = doc->tok[para_tok[p] - 1].sentence;
			size_t		k = first_ending_after(&x.cue, c.start);

			/* the last cue before the content */
			if (k > 0 && para_of(doc, x.cue.c[k - 1].start) == p - 1 &&
				doc->tok[x.cue.c[k - 1].start].sentence == last)
				cue = (long) (k - 1);
			/* else a reporting word there (issued the following statement:) */
			for (uint32_t t = para_tok[p] - 1; cue < 0 && t-- > doc->sent[last].tok;)
				if (nx_attrib_doc_lex(ad, t) & ((1u << NX_LX_CUE_VERB) | (1u << NX_LX_CUE_NOUN)))
				{
					cs = t;
					ce = t + 1;
					if (!cue_subject(&x, ad, role, cs, ce, &ss, &se))
						ss = se = 0;
					break;
				}
		}
		if (cue >= 0)
		{
			used[cue] = 1;
			cue_and_source(&x, ad, role, cue, c.start, c.end, &cs, &ce, &ss, &se);
		}
		else if (ce == cs)
		{
			long		v;

			if (prev >= 0 && x.q[prev].paragraph + 1 == p && c.start == para_tok[p] &&
				doc->tok[c.start].kind == NX_TOK_OPEN_QUOTE && x.q[prev].cue.ntok)
			{
				/* a quotation going on from the paragraph before: its speaker */
				same_attribution(&x.q[prev], &cs, &ce, &ss, &se);
			}
			else if (!short_phrase(doc, c.start, c.end) &&
					 (v = near_cue_verb(&x, ad, c.start, c.end)) >= 0)
			{
				cs = (uint32_t) v;
				ce = cs + 1;
				if (has_marks(&x, c.start, c.end))
					cue_subject(&x, ad, role, cs, ce, &ss, &se);
				else if (cue_subject(&x, ad, role, cs, ce, &ss, &se) &&
						 !plain_subject(doc, ss, se, cs))
					ss = se = 0;
			}
			else
				colon_speaker(&x, ad, c.start, &cs, &ce, &ss, &se);
			if (ce == cs && se == ss)
				closing_attribution(ad, doc, c.end, &cs, &ce, &ss, &se);
			if (ce == cs && se == ss && prev >= 0 && x.q[prev].paragraph == p && x.q[prev].cue.ntok &&
				x.q[prev].mention.ntok && doc->tok[c.start].kind == NX_TOK_OPEN_QUOTE &&
				c.start == doc->sent[doc->tok[c.start].sentence].tok &&
				doc->tok[x.q[prev].cue.tok].sentence + 1 == doc->tok[c.start].sentence)
			{
				/* a quoted sentence right after the sentence that attributes
				 * the quotation before it (… Keidis continued. “He's like …”) */
				same_attribution(&x.q[prev], &cs, &ce, &ss, &se);
			}
		}
		if (ce > cs && se == ss && prev >= 0 && x.q[prev].mention.ntok == 0 &&
			!has_marks(&x, c.start, c.end) &&
			inverted_content(doc, cs, c.start, punct_end(doc, c.start, c.end),
							 x.q[prev].content.tok + x.q[prev].content.ntok))
		{
			/* the source of the quotation before, inverted after its cue */
			set_span(doc, &x.q[prev].mention, c.start, punct_end(doc, c.start, c.end));
			if (x.q[prev].cue.ntok == 0)
				set_span(doc, &x.q[prev].cue, cs, ce);
			continue;
		}
		if (ce > cs && se == ss && prev >= 0 && x.q[prev].cue.ntok && x.q[prev].cue.tok == cs)
		{
			/* a quotation going on with the cue of the one before: its source */
			ss = x.q[prev].mention.tok;
			se = ss + x.q[prev].mention.ntok;
		}
		if (ce == cs && se == ss && short_phrase(doc, c.start, c.end))
			continue;			/* no cue, no source: a scare quote or title */
		if (ce == cs && se == ss && !has_marks(&x, c.start, c.end))
			continue;			/* no marks, no cue, no source: nothing says it was said */
		if (!has_marks(&x, c.start, c.end) && count_words(doc, c.start, c.end, 2) < 2)
			continue;			/* a reported clause of one word ("he believes it") */
		if (ce == cs && se == ss)
		{
			/* quoted words later in a sentence with no reporting verb the
			 * model knows (Clinton fired back that the "people …"): the
			 * sentence's subject */
			uint32_t	sent = doc->tok[c.start].sentence;

			if (c.start > doc->sent[sent].tok + 1 &&
				!(sentence_subject(&x, ad, sent, c.start, &ss, &se) && se <= c.start &&
				  person_like(ad, doc, ss, se)))
				ss = se = 0;
		}
		if (!add_quote(&x, c.start, c.end, cs, ce, ss, se, 0))
		{
			st = NX_ENOMEM;
			goto done;
		}
		prev = (long) x.nq - 1;
	}

	/*
	 * according to X: the clause is taken by the first quotation it
	 * overlaps, block quotes first, when that has no cue; when it has one
	 * (The mayor said …, according to audio obtained by the Tribune) the
	 * clause is a quotation of its own as well, as it is when none
	 * overlaps.  On held-out tenths of PolNeAR train the second row adds
	 * 0.2 points of exact F1 to sources and cues.
	 */
	ncontent = x.nq;
	for (uint32_t i = 0, asent = UINT32_MAX, aend = 0; i + 1 < doc->ntok; i++)
	{
		uint32_t	s,
					e,
					ss,
					se;
		NxQuote    *q;

		if ((i & 1023) == 0)
			nx_check_interrupts(a);
		if (doc->tok[i].blen != 9 || !according_to(&x, i, &s, &e, &ss, &se, &asent, &aend))
			continue;
		q = taken_by(&x, nblock, ncontent, s, e);
		if (q && q->cue.ntok == 0)
		{
			set_span(doc, &q->cue, i, i + 2);
			set_span(doc, &q->mention, ss, se);
		}
		else if (q && q->cue.tok <= i && i < q->cue.tok + q->cue.ntok)
			;
		else if (!add_quote(&x, s, e, i, i + 2, ss, se, 0))
		{
			st = NX_ENOMEM;
			goto done;
		}
	}

	/*
	 * As X put it, …: what follows is X's, whatever cue and source the
	 * tagger gave the quotation there; else it is a quotation of its own
	 */
	for (uint32_t i = 0; i + 3 < doc->ntok; i++)
	{
		uint32_t	s,
					e,
					c,
					ss,
					se;
		NxQuote    *q;

		if ((i & 1023) == 0)
			nx_check_interrupts(a);
		if (doc->tok[i].blen != 2 || !as_put_it(&x, i, &s, &e, &c, &ss, &se))
			continue;
		q = taken_by(&x, nblock, ncontent, s, e);
		if (q)
		{
			/* its cue and source, unless the tagger found them there (put
			 * it in a memo,) */
			uint32_t	ce = c + 2 + is_punct(doc, c + 2, ':');

			if (q->content.tok > i &&
				!(q->cue.ntok && q->cue.tok < ce && c < q->cue.tok + q->cue.ntok))
				set_span(doc, &q->cue, c, ce);
			if (q->content.tok > i &&
				!(q->mention.ntok && q->mention.tok < se && ss < q->mention.tok + q->mention.ntok))
				set_span(doc, &q->mention, ss, se);
		}
		else if (!add_quote(&x, s, e, c, c + 2, ss, se, 0))
		{
			st = NX_ENOMEM;
			goto done;
		}
	}

	/*
	 * A name and a colon opening a paragraph: the rest is the name's, given
	 * to a quotation starting right after the colon without a source, else
	 * a quotation of its own (around any inside it)
	 */
	for (size_t p = 0; p < npara; p++)
	{
		uint32_t	s,
					e,
					c,
					ss,
					se;
		NxQuote    *q;

		if (block[p] >= 0 ||
			!paragraph_speaker(ad, doc, para_tok[p], para_tok[p + 1], &s, &e, &c, &ss, &se))
			continue;
		q = taken_by(&x, nblock, ncontent, s, e);
		if (q && q->content.tok == s)
		{
			if (q->mention.ntok == 0)
			{
				set_span(doc, &q->cue, c, c + 1);
				set_span(doc, &q->mention, ss, se);
			}
		}
		else if (!add_quote(&x, s, e, c, c + 1, ss, se, 0))
		{
			st = NX_ENOMEM;
			goto done;
		}
	}

	/*
	 * A quotation of five words or more that no content took, with a
	 * reporting word in its sentence: a quotation the tagger missed.  It
	 * gets the cue and source a content there would.  A shorter one
	 * counts right after a verb of speech (the crowd chanted “Build the
	 * wall!”); taking every short one with a reporting word in its
	 * sentence lost 1.2 points of quoted speaker accuracy on held-out
	 * training articles.
	 */
	for (size_t i = 0; i < x.nq; i++)
		memset(covered + x.q[i].content.tok, 1, x.q[i].content.ntok);
	for (size_t j = 0; j < x.nspans; j++)
	{
		const NxQuoteSpan *sp = &x.spans[j];
		uint32_t	s = sp->open,
					e = sp->close + 1,
					cs = 0,
					ce = 0,
					ss = 0,
					se = 0;
		long		cue;
		int			free_span = 1;

		if ((j & 255) == 0)
			nx_check_interrupts(a);
		if (sp->depth > 0 || (sp->flags & (NX_QS_UNCLOSED | NX_QS_UNOPENED | NX_QS_CONTINUED)) ||
			sp->close >= doc->ntok || block[para_of(doc, s)] >= 0)
			continue;
		for (uint32_t t = s; t < e && free_span; t++)
			free_span = !covered[t];
		if (!free_span)
			continue;
		if (count_words(doc, s, e, 5) < 5)
		{
			/* a short one right after a verb of speech (chanted “Build the wall!”) */
			uint32_t	v = s;

			if (v == 0)
				continue;
			if (is_punct(doc, v - 1, ',') || is_punct(doc, v - 1, ':'))
				v--;
			if (v == 0 || !in_sent(doc, v - 1, doc->tok[s].sentence) || !tok_in(doc, v - 1, speech_verbs))
				continue;
			cs = v - 1;
			ce = v;
			cue_subject(&x, ad, role, cs, ce, &ss, &se);
		}
		else if ((cue = find_cue(&x, s, e)) >= 0 &&
			doc->tok[x.cue.c[cue].start].sentence >= doc->tok[s].sentence &&
			(doc->tok[x.cue.c[cue].start].sentence <= doc->tok[e - 1].sentence ||
			 attribution_after(&x, e, x.cue.c[cue].start)))
			cue_and_source(&x, ad, role, cue, s, e, &cs, &ce, &ss, &se);
		else
		{
			long		v = near_cue_verb(&x, ad, s, e);

			if (v < 0)
				continue;
			cs = (uint32_t) v;
			ce = cs + 1;
			cue_subject(&x, ad, role, cs, ce, &ss, &se);
		}
		if (!add_quote(&x, s, e, cs, ce, ss, se, 0))
		{
			st = NX_ENOMEM;
			goto done;
		}
		memset(covered + s, 1, e - s);
	}

	/*
	 * A cue with a source that no content took: the tagger found who
	 * says, not what.  The clause it reports is the rest of the sentence
	 * after the cue ("X said the plan would fail."), or the sentence
	 * before a closing attribution ("The plan will fail, officials
	 * said.").
	 */
	for (size_t k = 0; k < x.cue.n; k++)
	{
		Chunk		cc = x.cue.c[k];
		uint32_t	sent = doc->tok[cc.start].sentence,
					first = doc->sent[sent].tok,
					end = first + doc->sent[sent].ntok,
					s = 0,
					e = 0,
					lo,
					words = 0;
		long		src;
		int			free_span = 1,
					reporting = 0;

		if ((k & 255) == 0)
			nx_check_interrupts(a);
		if (used[k] || inquote[cc.start] || doc->tok[cc.end - 1].sentence != sent ||
			(src = find_source(&x, &cc, cc.start, cc.start)) < 0)
			continue;
		if (is_punct(doc, end - 1, ':'))
			continue;			/* it introduces a quotation or block quote */
		end = words_end(doc, first, end);
		lo = x.src.c[src].start < cc.start ? x.src.c[src].start : cc.start;
		if (lo > first && is_punct(doc, lo - 1, ',') && has_marks(&x, first, lo - 1))
		{
			/* “…” quoted before it: The dam was “under control”, an official told VNR */
			s = first;
			e = lo - 1;
		}
		else if (lo > first + 1 && doc->tok[lo - 1].kind == NX_TOK_CLOSE_QUOTE &&
				 is_punct(doc, lo - 2, ','))
		{
			/* the comma inside the closing mark: The failure was “heartbreaking,” she said */
			s = first;
			e = lo;
		}
		else if (lo > first + 3 && is_punct(doc, lo - 1, ',') &&
				 closing_tail(doc, x.src.c[src].end > cc.end ? x.src.c[src].end : cc.end, end))
		{
			/* a closing attribution: The plan will fail, officials said last week. */
			s = first;
			e = lo - 1;
		}
		else if (x.src.c[src].end <= cc.start && cc.end < end)
		{
			s = after_listener(doc, cc.end - 1, end);
			e = end;
		}
		else if ((x.src.c[src].end >= end || cc.end >= end) && lo > first &&
				 is_punct(doc, lo - 1, ','))
		{
			s = first;
			e = lo - 1;
		}
		for (uint32_t t = s; t < e && free_span; t++)
		{
			words += doc->tok[t].kind == NX_TOK_WORD;
			free_span = !covered[t] && !role[t];
		}
		if (words < 3 || !free_span || tok_in(doc, s, not_clauses))
			continue;
		/* a reporting word in the cue: "has consolidated support" reports nothing */
		for (uint32_t t = cc.start; t < cc.end && !reporting; t++)
			reporting = (nx_attrib_doc_lex(ad, t) &
						 ((1u << NX_LX_CUE_VERB) | (1u << NX_LX_CUE_NOUN))) != 0;
		if (!reporting)
			continue;
		if (!add_quote(&x, s, e, cc.start, cc.end, x.src.c[src].start, x.src.c[src].end, 0))
		{
			st = NX_ENOMEM;
			goto done;
		}
		memset(covered + s, 1, e - s);
	}

	/*
	 * A sentence the tagger left bare that a verb of speech holds
	 * ("Secretary of State John Kerry said the talks would go on."): the
	 * verb is the cue, the name or pronoun right before it that opens the
	 * sentence the source, the rest of the sentence the content.  The
	 * greedy tagger can miss such a sentence whole when it misreads its
	 * first word; on held-out PolNeAR articles this adds no row (the
	 * tagger reads them all), on such sentences after another it does.
	 */
	for (size_t sn = 0; sn < doc->nsent; sn++)
	{
		uint32_t	first = doc->sent[sn].tok,
					end = first + doc->sent[sn].ntok,
					v = UINT32_MAX,
					ss = 0,
					se = 0,
					s,
					e,
					words = 0;
		int			bare = 1;

		if ((sn & 255) == 0)
			nx_check_interrupts(a);
		for (uint32_t t = first; t < end && bare; t++)
		{
			bare = !covered[t] && !role[t];
			if (bare && v == UINT32_MAX && !inquote[t] && is_word(doc, t) && !is_cap(doc, t) &&
				tok_in(doc, t, bare_speech_verbs))
				v = t;
		}
		if (!bare || v == UINT32_MAX || block[para_of(doc, first)] >= 0)
			continue;
		/* a name or pronoun right before it that opens the sentence or a
		 * clause after a comma (not "a probe the agency said was ...") */
		if (!cue_subject(&x, ad, role, v, v + 1, &ss, &se) || se != aux_start(doc, v, 0) ||
			!(is_cap(doc, se - 1) || tok_in(doc, se - 1, subject_pronouns)))
			continue;
		/* a title with "of" in it (Secretary of State John Kerry) */
		while (ss > first)
		{
			if (ss >= first + 2 && nx_tok_ieq(doc, ss - 1, "of") && is_cap(doc, ss - 2))
				ss -= 2;
			else if (is_cap(doc, ss - 1) && !tok_in(doc, ss - 1, not_names))
				ss--;
			else
				break;
		}
		if (!(ss == first || is_punct(doc, ss - 1, ',') || tok_in(doc, ss - 1, not_names)))
			continue;
		e = words_end(doc, first, end);
		s = after_listener(doc, v, e);
		for (uint32_t t = s; t < e; t++)
			words += doc->tok[t].kind == NX_TOK_WORD;
		if (words < 3 || s >= e || tok_in(doc, s, not_clauses) || is_punct(doc, s, ',') ||
			is_punct(doc, s, ':'))
			continue;
		if (!add_quote(&x, s, e, v, v + 1, ss, se, 0))
		{
			st = NX_ENOMEM;
			goto done;
		}
		memset(covered + s, 1, e - s);
	}

	/* document order (block quotes were added first) */
	if (!sort_quotes(x.q, x.nq, a))
	{
		st = NX_ENOMEM;
		goto done;
	}

	/* speakers */
	st = names_build(&nm, ad, doc, a);
	if (st != NX_OK)
		goto done;
	for (size_t i = 0; i < x.nq; i++)
	{
		shape_mention(doc, ad, &x.q[i]);
		resolve_speaker(&x, ad, &nm, inquote, &x.q[i]);
	}

	*out = x.q;
	*n = x.nq;
	x.q = NULL;
done:
	names_free(&nm, a);
	nx_free(a, x.q);
	nx_free(a, x.src.c);
	nx_free(a, x.cue.c);
	nx_free(a, x.content.c);
	nx_free(a, x.spans);
	nx_free(a, lab1);
	nx_free(a, lab2);
	nx_free(a, role);
	nx_free(a, inquote);
	nx_free(a, used);
	nx_free(a, covered);
	nx_free(a, x.marks);
	nx_free(a, para_tok);
	nx_free(a, block);
	nx_attrib_doc_free(ad);
	return st;
}
