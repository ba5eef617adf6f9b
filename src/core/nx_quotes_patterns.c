/*
 * nx_quotes_patterns.c
 *	  The patterns pass: attributions the tagger often leaves, each a row
 *	  of a table (patterns[] below) with a matcher and a merge policy, run
 *	  by one interpreter (q_pass_patterns).
 *
 * A matcher finds a content and its attribution at a token or a
 * paragraph.  The quotation already made that the content overlaps (a
 * block quote first, then the tagger's contents) decides what happens,
 * by the row's policy:
 *	 MERGE_FILL		 that quotation takes the cue and source when it has
 *					 no cue; when it has another cue the match is a row
 *					 of its own too (according to X, as PolNeAR marks it);
 *	 MERGE_OVERRIDE	 that quotation takes the cue and source over what
 *					 the tagger gave it elsewhere (As X put it, …);
 *	 MERGE_FILL_START that quotation, when it starts where the content
 *					 does, takes them if it has no source (NAME: …); when
 *					 it starts at the paragraph's opening mark ("NAME: …),
 *					 it takes them and starts after the colon.
 * With no quotation overlapping, the match is a quotation of its own.
 */
#include "nx_quotes_int.h"

/* A match: a content, its attribution, and the token the pattern opens at. */
typedef struct QMatch
{
	QSpan		content;
	QAttr		at;
	uint32_t	anchor;
	uint8_t		roundup;		/* a round-up line's name (roundup_line) */
} QMatch;

/* A matcher's state over one document (a sentence's end, walked once). */
typedef struct QPatternState
{
	uint32_t	sent;			/* UINT32_MAX at first */
	uint32_t	end;
} QPatternState;

typedef enum QMerge
{
	MERGE_FILL,
	MERGE_OVERRIDE,
	MERGE_FILL_START
} QMerge;

typedef enum QScope
{
	SCOPE_TOKEN,				/* tried at each pattern opener (nx_wordlist.h) */
	SCOPE_PARAGRAPH				/* tried at each paragraph */
} QScope;

typedef struct QPattern
{
	NxQuoteRule rule;
	QScope		scope;
	uint32_t	tail;			/* tokens it needs after its opener */
	int			(*match) (const QCtx *x, uint32_t at, QPatternState *st, QMatch *m);
	QMerge		merge;
} QPattern;

/* Does the sentence hold ACCORDING_CLAUSE_MIN_WORDS words before token i (not just But, …)? */
static int
words_before(const NxDoc *doc, uint32_t first, uint32_t i)
{
	uint32_t	before = 0;

	/* at most ACCORDING_BEFORE_MAX tokens back, so the scan is bounded */
	if (i > first + ACCORDING_BEFORE_MAX)
		return 1;
	for (uint32_t t = first; t + 1 < i && before < ACCORDING_CLAUSE_MIN_WORDS; t++)
		before += doc->tok[t].kind == NX_TOK_WORD;
	return before >= ACCORDING_CLAUSE_MIN_WORDS;
}

/* The end of a sentence without its final punctuation, cached in st. */
static uint32_t
sentence_end(const NxDoc *doc, uint32_t sent, QPatternState *st)
{
	if (st->sent != sent)
	{
		uint32_t	first = doc->sent[sent].tok;

		st->sent = sent;
		st->end = punct_end(doc, first, first + doc->sent[sent].ntok);
	}
	return st->end;
}

/*
 * "according to X" (a cue the tagger often leaves): the source runs from
 * "to" to the next comma or the sentence's end, the content is the
 * clause on the other side of the comma ("Clinton leads by 20 points,
 * according to a new poll." / "According to the poll, Clinton leads.").
 * At a sentence's end an appositive after X is the source's too
 * (according to Brian Wieser, an analyst at Pivotal Research).
 */
static int
match_according_to(const QCtx *x, uint32_t i, QPatternState *st, QMatch *m)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent,
				first,
				end,
				j;

	if (!nx_tok_ieq(doc, i, "according") || !nx_tok_ieq(doc, i + 1, "to"))
		return 0;
	sent = doc->tok[i].sentence;
	first = doc->sent[sent].tok;
	end = sentence_end(doc, sent, st);
	for (j = i + 2; j < end && j < i + ACCORDING_SOURCE_MAX; j++)
		if (is_punct(doc, j, ',') || is_punct(doc, j, ';') || is_punct(doc, j, '('))
			break;
	if (j == i + 2 || j >= i + ACCORDING_SOURCE_MAX)
		return 0;
	m->anchor = i;
	m->at.cue = QSPAN(i, i + 2);
	m->at.src = QSPAN(i + 2, j);
	if (i > first && is_punct(doc, i - 1, ',') && words_before(doc, first, i))
	{
		m->content = QSPAN(first, i - 1);
		if (j + 1 < end && end <= j + ACCORDING_APPOSITIVE_MAX && is_punct(doc, j, ',') &&
			(W(x, j + 1, CLAUSE_WORD) || (W(x, j + 1, ARTICLE) && !span_has_class(x, j + 1, end, NX_WB(AUX)))))
			m->at.src.e = end;
	}
	else if ((i == first || (i > first && is_punct(doc, i - 1, ','))) && j < end &&
			 is_punct(doc, j, ','))
		m->content = QSPAN(j + 1, end);
	else
		return 0;
	return count_plain_words(doc, m->content.s, m->content.e, CLAUSE_MIN_WORDS) >= CLAUSE_MIN_WORDS;
}

/* Does an as-clause at token i open its sentence (after a conjunction and punctuation at most: Or, as …)? */
static int
as_opens(const QCtx *x, uint32_t i, uint32_t first)
{
	if (i - first > AS_OPENS_MAX)
		return 0;
	for (uint32_t j = first; j < i; j++)
		if (is_word(x->doc, j) && !W(x, j, CONJUNCTION))
			return 0;
	return 1;
}

/*
 * The quotation right after an as-clause's comma at s, when it is one
 * closed in its paragraph and not inside another; else NULL.
 */
static const NxQuoteSpan *
quotation_at(const QCtx *x, uint32_t s)
{
	const NxDoc *doc = x->doc;
	const NxQuoteSpan *sp = doc->tok[s].kind == NX_TOK_OPEN_QUOTE ? span_opened_at(x, s) : NULL;

	if (sp && (sp->depth > 0 || (sp->flags & (NX_QS_UNCLOSED | NX_QS_CONTINUED)) ||
			   sp->close >= doc->ntok || para_of(doc, sp->close) != para_of(doc, s)))
		return NULL;
	return sp;
}

/*
 * "As X put it, …" ("As The Post's Dana Milbank puts it, “…”", "As
 * Professor Foner put it: …", "as the chief executive put it in his memo
 * to employees, …"): an as-clause opening its sentence whose verb is
 * "put(s) it", with a comma or colon a few words after it; inside a
 * sentence, after a comma, when a quotation follows that comma.  X is the
 * source, "put it" the cue, and the content what follows: the quotation
 * right after the comma, or the rest of the sentence when words follow
 * that quotation or none opens it.  X has no verb ("As the deadline
 * approached, officials put it bluntly:" is no attribution to "the
 * deadline").
 */
static int
match_as_put_it(const QCtx *x, uint32_t i, QPatternState *st, QMatch *m)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[i].sentence,
				first = doc->sent[sent].tok,
				end = first + doc->sent[sent].ntok,
				j,
				k,
				s,
				e;
	const NxQuoteSpan *sp;
	int			opens;

	if (!nx_tok_ieq(doc, i, "as"))
		return 0;
	opens = as_opens(x, i, first);
	/* inside a sentence, after a comma, only before a quotation (But at
	 * the time, as the prosecutor put it, “…”) */
	if (!opens && !(i > first && is_punct(doc, i - 1, ',')))
		return 0;
	for (j = i + 1; j < end && j < i + AS_PUT_IT_MAX; j++)
	{
		if ((nx_tok_ieq(doc, j, "put") || nx_tok_ieq(doc, j, "puts")) && nx_tok_ieq(doc, j + 1, "it"))
			break;
		if (is_word(doc, j) && !is_cap(doc, j) && (ends_with(doc, j, "ed") || W(x, j, AUX)))
			return 0;
	}
	if (j == i + 1 || j >= end || j >= i + AS_PUT_IT_MAX || j + 2 >= end)
		return 0;
	/* the comma or colon after it */
	for (k = j + 2; k < end && k < j + PUT_IT_TO_COMMA_MAX; k++)
		if (is_punct(doc, k, ',') || is_punct(doc, k, ':'))
			break;
	if (k + 1 >= end || k >= j + PUT_IT_TO_COMMA_MAX || !(is_punct(doc, k, ',') || is_punct(doc, k, ':')))
		return 0;
	s = k + 1;
	e = punct_end(doc, s, end);
	sp = quotation_at(x, s);
	if (!opens && !sp)
		return 0;
	if (sp)
	{
		uint32_t	a = sp->close + 1;

		e = a;
		/* words after the closing mark: a mixed quotation to its sentence's end */
		if (is_word(doc, a) && doc->tok[a].sentence == doc->tok[sp->close].sentence)
		{
			const NxSentence *as = &doc->sent[doc->tok[a].sentence];

			e = punct_end(doc, a, as->tok + as->ntok);
		}
	}
	if (count_words(doc, s, e, PATTERN_CONTENT_MIN_WORDS) < PATTERN_CONTENT_MIN_WORDS)
		return 0;
	m->anchor = i;
	m->content = QSPAN(s, e);
	m->at.cue = QSPAN(j, j + 2);
	m->at.src = QSPAN(i + 1, j);
	return 1;
}

/*
 * Is the name of a paragraph, t0 to its colon at k, a speaker's: at most
 * COLON_NAME_MAX capitalised words, none a label, pronoun, preposition
 * or article, all capitals (TAPPER:) or with a first name in it (Ann
 * Coulter:)?  Sets *k to the token after the name.
 */
static int
paragraph_name(const QCtx *x, uint32_t t0, uint32_t pe, uint32_t *k, int *upper)
{
	const NxDoc *doc = x->doc;
	int			first_name = 0;
	const uint64_t no_name = NX_WB(LABEL) | NX_WB(SUBJECT_PRONOUN) | NX_WB(PREPOSITION) | NX_WB(NOT_NAME);

	*upper = 1;
	for (*k = t0; *k < pe && *k < t0 + COLON_NAME_MAX &&
		 (is_cap(doc, *k) || (doc->tok[*k].flags & NX_TF_ABBREV) ||
		  doc->tok[*k].kind == NX_TOK_APOSTROPHE); (*k)++)
	{
		if (has_class(x, *k, no_name))
			return 0;
		*upper = *upper && (doc->tok[*k].flags & NX_TF_ALL_UPPER);
		first_name = first_name || W(x, *k, FIRST_NAME);
	}
	return *upper || first_name;
}

/*
 * A paragraph opening with a name and a colon (a headline "De Blasio:
 * Trust Bratton on security", a transcript's "TAPPER: And obviously, …"):
 * the name is the source, the colon the cue and the rest of the
 * paragraph, with a lower-case word in it (not a list of names), the
 * content; a headline's question ("Ted Cruz: Conservative or career
 * politician?") is not one; an opening quotation mark may come first (a
 * transcript quoted a paragraph at a time: "PENCE: Well, …).  Labels (The Latest:, Breaking:,
 * Contributing:) and an interview's Q: and A: are no names.  Not a
 * paragraph quoted whole as a block.
 */
static int
match_name_colon(const QCtx *x, uint32_t p, QPatternState *st, QMatch *m)
{
	const NxDoc *doc = x->doc;
	uint32_t	t0 = x->para_tok[p],
				pe = x->para_tok[p + 1],
				k,
				src_end,
				e;
	int			upper,
				lower = 0;

	m->anchor = t0;
	/* a transcript quoted a paragraph at a time ("PENCE: Well, …) */
	if (t0 + 1 < pe && doc->tok[t0].kind == NX_TOK_OPEN_QUOTE)
		t0++;
	if (x->block[p] >= 0 || !paragraph_name(x, t0, pe, &k, &upper))
		return 0;
	src_end = k;
	/* a round-up line: the name, a comma, where the words appeared (Jane Roe, Acme News: “…”) */
	if (k > t0 && is_punct(doc, k, ',') && q_on(x, NX_QR_ROUNDUP_LINE))
	{
		uint32_t	j = k + 1;

		while (j < pe && j < k + 1 + COLON_NAME_MAX && (is_cap(doc, j) || W(x, j, NAME_PARTICLE)))
			j++;
		if (j > k + 1 && is_punct(doc, j, ':') && j + 1 < pe && is_mark(doc, j + 1))
		{
			k = j;
			m->roundup = 1;
		}
	}
	if (k == t0 || k + 2 >= pe || !is_punct(doc, k, ':'))
		return 0;
	/* an interview's Q: and A:, a headline's question */
	if ((k == t0 + 1 && (nx_tok_ieq(doc, t0, "Q") || nx_tok_ieq(doc, t0, "A"))) ||
		(!upper && is_punct(doc, pe - 1, '?')))
		return 0;
	e = punct_end(doc, k + 1, pe);	/* a closing mark stays (… ‘Like an Open Orchid.’) */
	for (uint32_t t = k + 1; t < e && !lower; t++)
		lower = is_word(doc, t) && !is_cap(doc, t);
	if (!lower || count_words(doc, k + 1, e, PATTERN_CONTENT_MIN_WORDS) < PATTERN_CONTENT_MIN_WORDS)
		return 0;
	m->content = QSPAN(k + 1, e);
	m->at.cue = QSPAN(k, k + 1);
	m->at.src = QSPAN(t0, src_end);
	return 1;
}

/* The table: the rows run in this order, each over the whole document. */
static const QPattern patterns[] = {
	{NX_QR_ACCORDING_TO, SCOPE_TOKEN, 1, match_according_to, MERGE_FILL},
	{NX_QR_AS_PUT_IT, SCOPE_TOKEN, 3, match_as_put_it, MERGE_OVERRIDE},
	{NX_QR_NAME_COLON, SCOPE_PARAGRAPH, 0, match_name_colon, MERGE_FILL_START},
};

/*
 * The first of quotations q[lo, hi) whose content overlaps c, or NULL.
 * Their contents must be sorted and apart (the block quotes are; so are
 * the quotations of content chunks).
 */
static NxQuote *
overlapping(NxQuote *q, size_t lo, size_t hi, QSpan c)
{
	size_t		end = hi;

	/* the first ending after c.s */
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;

		if (q[mid].content.tok + q[mid].content.ntok > c.s)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo < end && q[lo].content.tok < c.e ? &q[lo] : NULL;
}

/* The quotation a match's content overlaps: a block quote, else a tagged content. */
static NxQuote *
taken_by(const QCtx *x, QSpan c)
{
	NxQuote    *q = overlapping(x->q, 0, x->nblock, c);

	return q ? q : overlapping(x->q, x->nblock, x->ncontent, c);
}

/* Do spans a (of the document) and b overlap? */
static int
overlaps(const NxSpan *a, QSpan b)
{
	return a->ntok && a->tok < b.e && b.s < a->tok + a->ntok;
}

/* Row rule changes quotation q, with the rules that shaped the match. */
static void
mark_rule(QCtx *x, NxQuote *q, NxQuoteRule r)
{
	for (int w = 0; w < NX_QR_WORDS; w++)
		q->rules.w[w] |= x->fired.w[w];
	q_mark(q, r);
}

/* Apply a row's merge policy to match m.  Returns 0 when out of memory. */
static int
merge(QCtx *x, const QPattern *row, const QMatch *m)
{
	const NxDoc *doc = x->doc;
	NxQuote    *q = taken_by(x, m->content);

	if (m->roundup)
		q_fire(x, NX_QR_ROUNDUP_LINE);

	if (row->merge == MERGE_FILL_START && q && q->content.tok == m->anchor &&
		m->anchor < m->at.src.s)
	{
		/* the quotation of a marked paragraph: its words are after the name and colon */
		uint32_t	text_end = q->text.tok + q->text.ntok;

		set_span(doc, &q->content, QSPAN(m->content.s, q->content.tok + q->content.ntok));
		set_span(doc, &q->text, QSPAN(m->content.s, text_end > m->content.s ? text_end : m->content.e));
		set_span(doc, &q->cue, m->at.cue);
		set_span(doc, &q->mention, m->at.src);
		mark_rule(x, q, row->rule);
		return 1;
	}
	if (!q || (row->merge == MERGE_FILL_START && q->content.tok != m->content.s))
		return add_quote(x, m->content, &m->at, 0, row->rule);
	if (row->merge == MERGE_FILL)
	{
		if (q->cue.ntok == 0)
		{
			set_span(doc, &q->cue, m->at.cue);
			set_span(doc, &q->mention, m->at.src);
			mark_rule(x, q, row->rule);
		}
		else if (!(q->cue.tok <= m->anchor && m->anchor < q->cue.tok + q->cue.ntok))
			return add_quote(x, m->content, &m->at, 0, row->rule);
	}
	else if (row->merge == MERGE_OVERRIDE && q->content.tok > m->anchor)
	{
		/* its cue and source, unless the tagger found them there (put it in a memo,) */
		QSpan		cue = m->at.cue;

		cue.e += is_punct(doc, cue.e, ':');
		if (!overlaps(&q->cue, cue))
		{
			set_span(doc, &q->cue, cue);
			mark_rule(x, q, row->rule);
		}
		if (!overlaps(&q->mention, m->at.src))
		{
			set_span(doc, &q->mention, m->at.src);
			mark_rule(x, q, row->rule);
		}
	}
	else if (row->merge == MERGE_FILL_START && q->mention.ntok == 0)
	{
		set_span(doc, &q->cue, m->at.cue);
		set_span(doc, &q->mention, m->at.src);
		mark_rule(x, q, row->rule);
	}
	return 1;
}

/* Run one row over the document. */
static NxStatus
run_pattern(QCtx *x, const QPattern *row)
{
	const NxDoc *doc = x->doc;
	QPatternState st = {UINT32_MAX, 0};
	QMatch		m;
	size_t		n = row->scope == SCOPE_TOKEN ? doc->ntok : x->npara;

	for (uint32_t i = 0; i + row->tail < n; i++)
	{
		if ((i & (INTERRUPT_EVERY - 1)) == 0)
			nx_check_interrupts(x->a);
		if (row->scope == SCOPE_TOKEN && !W(x, i, PATTERN_OPENER))
			continue;
		memset(&m, 0, sizeof(m));
		memset(&x->fired, 0, sizeof(x->fired));
		if (row->match(x, i, &st, &m) && !merge(x, row, &m))
			return NX_ENOMEM;
	}
	return NX_OK;
}

/* The patterns pass: every row of the table, in order. */
NxStatus
q_pass_patterns(QCtx *x)
{
	for (size_t r = 0; r < sizeof(patterns) / sizeof(patterns[0]); r++)
	{
		NxStatus	st;

		if (!q_on(x, patterns[r].rule))
			continue;
		if ((st = run_pattern(x, &patterns[r])) != NX_OK)
			return st;
	}
	return NX_OK;
}
