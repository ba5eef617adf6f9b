/*
 * nx_quotes_link.c
 *	  The tagger's chunks, and the links between them: the cue of a
 *	  content (the nearest cue chunk in its sentence that it does not
 *	  contain, else in its paragraph) and the source of a cue (the nearest
 *	  source chunk of its sentence outside the content, left first; else
 *	  the cue's subject, nx_quotes_subject.c).
 *
 * The chunks of one role never overlap and are sorted, so their ends are
 * sorted too: a chunk is found by token in log time, and only a few
 * chunks around a content can win, however many the paragraph holds.
 */
#include "nx_quotes_int.h"

static int
chunks_push(const NxAlloc *a, QSpanList *cs, uint32_t s, uint32_t e)
{
	if (cs->n == cs->cap)
	{
		QSpan	   *nc = nx_grow(a, cs->v, sizeof(QSpan), &cs->cap, cs->cap ? 2 * cs->cap : 32);

		if (!nc)
			return 0;
		cs->v = nc;
	}
	cs->v[cs->n++] = QSPAN(s, e);
	return 1;
}

/* Chunks of the labels lab, paragraph by paragraph, into the role lists. */
static NxStatus
collect(QCtx *x, const uint8_t *lab)
{
	const NxLabelSet *ls = &x->m->labels;
	size_t		maxn = 0;
	NxChunk    *buf;

	for (size_t p = 0; p < x->npara; p++)
		if (x->para_tok[p + 1] - x->para_tok[p] > maxn)
			maxn = x->para_tok[p + 1] - x->para_tok[p];
	buf = nx_alloc(x->a, (maxn + 1) * sizeof(NxChunk));
	if (!buf)
		return NX_ENOMEM;
	for (size_t p = 0; p < x->npara; p++)
	{
		size_t		st = x->para_tok[p],
					k = nx_labels_chunks(ls, lab + st, x->para_tok[p + 1] - st, buf, maxn + 1);

		for (size_t j = 0; j < k; j++)
		{
			const char *tn = ls->type_name[buf[j].type];
			QSpanList  *cs = strcmp(tn, NX_ATTRIB_SRC) == 0 ? &x->src :
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

/* The chunks of both stages' labels. */
NxStatus
collect_chunks(QCtx *x)
{
	NxStatus	st = collect(x, x->lab1);

	return st != NX_OK ? st : collect(x, x->lab2);
}

/* Index of the first chunk ending after token t (cs->n if none). */
size_t
first_ending_after(const QSpanList *cs, uint32_t t)
{
	size_t		lo = 0,
				hi = cs->n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (cs->v[mid].e > t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Index of the first chunk starting at or after token t (cs->n if none). */
size_t
first_starting_from(const QSpanList *cs, uint32_t t)
{
	size_t		lo = 0,
				hi = cs->n;

	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (cs->v[mid].s >= t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* The quotation-mark span opened at token t (the first, outermost), or NULL. */
const NxQuoteSpan *
span_opened_at(const QCtx *x, uint32_t t)
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

/*
 * A cue chunk that took in the end of the source before it, leaving the
 * source a bare determiner ("one | shipping agent said"): the words
 * before the reporting verb, when they are neither auxiliaries nor
 * adverbs, go back to the source.  Both lists stay sorted and apart.
 */
void
fix_cue_starts(QCtx *x)
{
	const NxDoc *doc = x->doc;
	size_t		j = 0;

	if (!q_on(x, NX_QR_CUE_START_FIX))
		return;
	for (size_t k = 0; k < x->cue.n; k++)
	{
		QSpan	   *c = &x->cue.v[k];
		QSpan	   *src;
		uint32_t	v;

		while (j < x->src.n && x->src.v[j].e < c->s)
			j++;
		if (j >= x->src.n)
			continue;
		src = &x->src.v[j];
		if (src->e != c->s || src->e - src->s != 1 || !W(x, src->s, BARE_DETERMINER))
			continue;
		for (v = c->s; v < c->e; v++)
			if (W(x, v, CUE_VERB) || !is_word(doc, v) || aux_or_adverb(x, v))
				break;
		if (v > c->s && v < c->e && W(x, v, CUE_VERB))
		{
			src->e = v;
			c->s = v;
		}
	}
}

/*
 * The verb of a cue chunk k that opens with the words of a name
 * (capitalised, none a reporting verb or the sentence's first word)
 * before a lower-case word, or k.s when it does not.
 */
static uint32_t
name_in_cue(const QCtx *x, QSpan k)
{
	const NxDoc *doc = x->doc;
	uint32_t	v = k.s;

	if (k.s == doc->sent[doc->tok[k.s].sentence].tok &&
		!(k.s > 0 && doc->tok[k.s - 1].kind == NX_TOK_CLOSE_QUOTE))
		return k.s;				/* a capital of the sentence's first word, unless after a quotation */
	while (v < k.e && v < k.s + NAME_RUN_MAX && speaker_word(x, v) && !W(x, v, CUE_VERB))
		v++;
	return v > k.s && v < k.e && is_cap(doc, k.s) && is_word(doc, v) && !is_cap(doc, v) ? v : k.s;
}

/* Does a subordinating word (when, as, because) open a clause in [s, e), after a comma or mark? */
static int
subordinate_between(const QCtx *x, uint32_t s, uint32_t e)
{
	for (uint32_t t = s; t < e && t < s + CUE_TO_COMMA_WORDS; t++)
		if (W(x, t, SUBORD) && t > 0 && (is_punct(x->doc, t - 1, ',') || is_mark(x->doc, t - 1)))
			return 1;
	return 0;
}

/*
 * How far cue chunk i is from a content c of paragraph p and sentences
 * ss..se, or UINT64_MAX if it cannot be the content's cue.
 */
static uint64_t
cue_distance(const QCtx *x, size_t i, QSpan c, uint32_t p, uint32_t ss, uint32_t se)
{
	const NxDoc *doc = x->doc;
	QSpan		k = x->cue.v[i];
	uint32_t	ks = doc->tok[k.s].sentence;
	uint64_t	d;

	if (para_of(doc, k.s) != p)
		return UINT64_MAX;
	if (k.s >= c.s && k.e <= c.e)
		return UINT64_MAX;		/* a cue inside the content is another attribution's */
	if (k.e <= c.s)
		d = c.s - k.e;
	else
		d = k.s >= c.e ? k.s - c.e : 0;
	/* outside the content's sentences: the speaker going on from before (a
	 * quoted sentence after “…,” she said.) rather than the next attribution */
	if (ks < ss || ks > se)
		d += k.e <= c.s ? CUE_OTHER_SENTENCE_BEFORE : CUE_OTHER_SENTENCE_AFTER;
	else if (k.s >= c.e && q_on(x, NX_QR_CUE_AFTER_SUBORDINATE) && subordinate_between(x, c.e, k.s))
		d += CUE_OTHER_SENTENCE_AFTER;	/* another clause's, as if in another sentence */
	return d;
}

/*
 * The cue of a content c: the nearest cue chunk outside it in the same
 * sentence as either end, else the nearest in the paragraph.  Returns the
 * index or -1.
 *
 * Only four can win: the last one ending before the content (nearer, and
 * in a later or the same sentence, than any before it), the first one
 * starting after it, and the first and last of those crossing it (the
 * others lie inside it).  They are weighed in list order, the first of
 * equals winning, which gives what weighing every cue of the paragraph
 * would.
 */
long
find_cue(const QCtx *x, QSpan c)
{
	const NxDoc *doc = x->doc;
	uint32_t	p = para_of(doc, c.s);
	uint32_t	ss = doc->tok[c.s].sentence,
				se = doc->tok[c.e - 1].sentence;
	size_t		first = first_ending_after(&x->cue, c.s),
				after = first_starting_from(&x->cue, c.e);
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
		uint64_t	d = cue_distance(x, cand[k], c, p, ss, se);

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
 * the cue's sentence or lies inside c.  Sources on the left are
 * preferred: their distance is even, on the right odd.
 */
static uint64_t
source_distance(const QCtx *x, size_t i, QSpan cue, QSpan c)
{
	const NxDoc *doc = x->doc;
	QSpan		k = x->src.v[i];

	if (doc->tok[k.s].sentence != doc->tok[cue.s].sentence)
		return UINT64_MAX;
	if (k.s >= c.s && k.e <= c.e)
		return UINT64_MAX;
	if (k.e <= cue.s)
		return 2 * (uint64_t) (cue.s - k.e);
	return 2 * (uint64_t) (k.s >= cue.e ? k.s - cue.e : 0) + 1;
}

/*
 * The source of a cue: the nearest source chunk of its sentence outside c.
 *
 * As for cues, the chunks inside c are a run of the list [in, out); the
 * winner is the last one before the cue, the first crossing it or the
 * first after it, each stepping over that run, weighed in list order.
 */
long
find_source(const QCtx *x, QSpan cue, QSpan c)
{
	size_t		before = first_ending_after(&x->src, cue.s),
				after = first_starting_from(&x->src, cue.e),
				in = first_starting_from(&x->src, c.s),
				out = first_ending_after(&x->src, c.e);
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
		uint64_t	d = source_distance(x, cand[k], cue, c);

		if (d < bestd)
		{
			bestd = d;
			best = (long) cand[k];
		}
	}
	return best;
}

/* Is there a comma among tokens [s, e) (or are they COMMA_SCAN_MAX or more apart)? */
static int
comma_between(const NxDoc *doc, uint32_t s, uint32_t e)
{
	/* bounded: that far apart are in different clauses anyway */
	for (uint32_t t = s; t < e && t < s + COMMA_SCAN_MAX; t++)
		if (is_punct(doc, t, ','))
			return 1;
	return e > s + COMMA_SCAN_MAX;
}

/*
 * Is source chunk sc a relative pronoun (who, which) followed by a verb
 * of its own, and cue k a participle after a comma further on (an
 * architect who said he was stiffed …, saying “…”)?
 */
static int
others_relative(const QCtx *x, QSpan sc, QSpan k)
{
	const NxDoc *doc = x->doc;

	int			participle = k.s > 0 && is_punct(doc, k.s - 1, ',') && ends_with(doc, k.s, "ing");
	int			relative = sc.e == sc.s + 1 && is_relative(doc, sc.s);

	return participle && relative && sc.e + 1 < k.s && is_word(doc, sc.e) && !is_cap(doc, sc.e);
}

/*
 * The attribution of a content c with cue chunk cue: the cue, and its
 * source: the nearest source chunk, else the cue's subject.  at->src is
 * left as it is when there is neither.
 */
void
cue_and_source(QCtx *x, long cue, QSpan c, QAttr *at)
{
	QSpan		k = x->cue.v[cue];
	long		src = find_source(x, k, c);
	uint32_t	v;

	at->cue = k;
	q_fire(x, NX_QR_CUE_NEAREST);
	if (q_on(x, NX_QR_CUE_NAME_SPLIT) && (v = name_in_cue(x, k)) > k.s)
	{
		/* the tagger took the name into the cue (Vitter demanded) */
		at->src = QSPAN(k.s, v);
		at->cue = QSPAN(v, k.e);
		q_fire(x, NX_QR_CUE_NAME_SPLIT);
		return;
	}
	/* an inverted source right after the cue ("…,” added his campaign
	 * manager Jeff Weaver, speaking after the senator spoke) before a
	 * source chunk past a comma */
	if (src >= 0 && q_on(x, NX_QR_SOURCE_INVERTED) && x->src.v[src].s > k.e && k.e >= c.e &&
		comma_between(x->doc, k.e, x->src.v[src].s) && inverted_np(x, k.e, &at->src))
	{
		q_fire(x, NX_QR_SOURCE_INVERTED);
		return;
	}
	if (src >= 0 && q_on(x, NX_QR_SOURCE_NOT_RELATIVE) && others_relative(x, x->src.v[src], k))
	{
		q_fire(x, NX_QR_SOURCE_NOT_RELATIVE);
		src = -1;
	}
	if (src >= 0 && q_on(x, NX_QR_SOURCE_NEAREST))
	{
		at->src = x->src.v[src];
		q_fire(x, NX_QR_SOURCE_NEAREST);
	}
	else if (src < 0)
		cue_subject(x, k, &at->src);
}
