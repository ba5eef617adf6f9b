/*
 * nx_quotes_recover.c
 *	  The recovery passes: what the tagger left out, after the contents
 *	  and patterns passes, in the text no quotation covers yet.
 *	   missed	  a quotation in marks that no content took, with a
 *				  reporting word near it;
 *	   bare cues  a cue with a source that no content took: the clause it
 *				  reports is a part of its sentence;
 *	   bare said  a sentence the tagger left bare that a name and said,
 *				  says or told open.
 */
#include "nx_quotes_int.h"

/* Tokens of an attribution's tail that still closes it (last week, in a statement), at most. */
#define CLOSING_TAIL_MAX	4

/*
 * Is token c, in the sentence after a quotation ending at e, part of an
 * attribution right after it ("… she's wrong!'' Mr. Trump wrote"): the
 * quotation ends in ! or ? and its closing mark, which split the
 * sentence before a capitalised name, and c is at most
 * ATTRIBUTION_AFTER_MAX tokens on?
 */
static int
attribution_after(const QCtx *x, uint32_t e, uint32_t c)
{
	const NxDoc *doc = x->doc;

	if (e < 2 || c < e || c - e > ATTRIBUTION_AFTER_MAX)
		return 0;
	if (doc->tok[c].sentence != doc->tok[e - 1].sentence + 1 ||
		doc->tok[e].sentence != doc->tok[c].sentence || para_of(doc, c) != para_of(doc, e - 1))
		return 0;
	return doc->tok[e - 1].kind == NX_TOK_CLOSE_QUOTE &&
		(is_punct(doc, e - 2, '!') || is_punct(doc, e - 2, '?'));
}

/* Is no token of [s, e) inside a quotation's content yet? */
static int
uncovered(const QCtx *x, uint32_t s, uint32_t e)
{
	for (uint32_t t = s; t < e; t++)
		if (x->covered[t])
			return 0;
	return 1;
}

/* A quotation-mark span the missed pass looks at: outermost, closed, in its paragraph, no block's. */
static int
plain_span(const QCtx *x, const NxQuoteSpan *sp)
{
	return sp->depth == 0 && !(sp->flags & (NX_QS_UNCLOSED | NX_QS_UNOPENED | NX_QS_CONTINUED)) &&
		sp->close < x->doc->ntok && x->block[para_of(x->doc, sp->open)] < 0;
}

/*
 * The attribution of a quotation c that no content took, or 0 for none:
 * a short one needs a verb of speech right before it (the crowd chanted
 * “Build the wall!”); a longer one takes the cue and source a content
 * there would, or a reporting verb near it.
 */
static int
missed_attribution(QCtx *x, QSpan c, QAttr *at)
{
	const NxDoc *doc = x->doc;
	long		cue,
				v;

	if (count_words(doc, c.s, c.e, MISSED_QUOTATION_WORDS) < MISSED_QUOTATION_WORDS)
	{
		uint32_t	w = c.s;

		if (!q_on(x, NX_QR_MISSED_SHORT_QUOTATION) || w == 0)
			return 0;
		if (is_punct(doc, w - 1, ',') || is_punct(doc, w - 1, ':'))
			w--;
		if (w == 0 || !in_sent(doc, w - 1, doc->tok[c.s].sentence) || !W(x, w - 1, SPEECH_VERB))
			return 0;
		at->cue = QSPAN(w - 1, w);
		cue_subject(x, at->cue, &at->src);
		q_fire(x, NX_QR_MISSED_SHORT_QUOTATION);
		return 1;
	}
	if ((cue = find_cue(x, c)) >= 0)
	{
		uint32_t	ks = doc->tok[x->cue.v[cue].s].sentence;

		if (ks >= doc->tok[c.s].sentence &&
			(ks <= doc->tok[c.e - 1].sentence || attribution_after(x, c.e, x->cue.v[cue].s)))
		{
			cue_and_source(x, cue, c, at);
			return 1;
		}
	}
	if ((v = near_cue_verb(x, c)) < 0)
		return 0;
	at->cue = QSPAN((uint32_t) v, (uint32_t) v + 1);
	cue_subject(x, at->cue, &at->src);
	return 1;
}

/*
 * The missed pass: a quotation of MISSED_QUOTATION_WORDS words or more
 * that no content took, with a reporting word in its sentence, is a
 * quotation the tagger missed; it gets the cue and source a content
 * there would.  A shorter one counts right after a verb of speech;
 * taking every short one with a reporting word in its sentence lost 1.2
 * points of quoted speaker accuracy on held-out training articles.
 */
NxStatus
q_pass_missed(QCtx *x)
{
	for (size_t i = 0; i < x->nq; i++)
		memset(x->covered + x->q[i].content.tok, 1, x->q[i].content.ntok);
	if (!q_on(x, NX_QR_MISSED_QUOTATION))
		return NX_OK;
	for (size_t j = 0; j < x->nspans; j++)
	{
		const NxQuoteSpan *sp = &x->spans[j];
		QSpan		c = QSPAN(sp->open, sp->close + 1);
		QAttr		at = {QNONE, QNONE};

		if ((j & (INTERRUPT_EVERY - 1)) == 0)
			nx_check_interrupts(x->a);
		if (!plain_span(x, sp) || !uncovered(x, c.s, c.e))
			continue;
		memset(&x->fired, 0, sizeof(x->fired));
		if (!missed_attribution(x, c, &at))
			continue;
		if (!add_quote(x, c, &at, 0, NX_QR_MISSED_QUOTATION))
			return NX_ENOMEM;
		memset(x->covered + c.s, 1, c.e - c.s);
	}
	return NX_OK;
}

/*
 * Does what follows an attribution from token r to the sentence's end e
 * (its final punctuation left out) close it: nothing, a comma or dash
 * (", adding ..."), or a few words of time or place ("last week", "in a
 * statement")?
 */
static int
closing_tail(const QCtx *x, uint32_t r, uint32_t e)
{
	const NxDoc *doc = x->doc;

	if (r >= e || is_punct(doc, r, ',') || doc->tok[r].kind == NX_TOK_DASH)
		return 1;
	if (e - r > CLOSING_TAIL_MAX)
		return 0;
	return has_class(x, r, NX_WB(NOT_CLAUSE) | NX_WB(TIME_WORD)) ||
		nx_tok_ieq(doc, r, "last") || nx_tok_ieq(doc, r, "this");
}

/*
 * Where the clause a verb v reports starts, before end: right after it,
 * or after its listener (told reporters the port would close).
 */
static uint32_t
after_listener(const QCtx *x, uint32_t v, uint32_t end)
{
	uint32_t	s = v + 1;

	if (!W(x, v, TELL_VERB))
		return s;
	if (s < end && W(x, s, AUDIENCE))
		return s + 1;
	if (s + 1 < end && nx_tok_ieq(x->doc, s, "the") && W(x, s + 1, AUDIENCE))
		return s + 2;
	return s;
}

/* Rule r gives span c. */
static QSpan
rule_span(QCtx *x, NxQuoteRule r, QSpan c)
{
	q_fire(x, r);
	return c;
}

/*
 * The clause of its sentence [first, end) that cue chunk k with source
 * src reports: the sentence before a closing attribution ("The plan
 * will fail, officials said."), before the quoted words' comma (The dam
 * was “under control”, an official told VNR), or the rest after the cue
 * ("X said the plan would fail.").  NONE when none.
 */
static QSpan
bare_clause(QCtx *x, QSpan k, QSpan src, uint32_t first, uint32_t end)
{
	const NxDoc *doc = x->doc;
	uint32_t	lo = src.s < k.s ? src.s : k.s,
				hi = src.e > k.e ? src.e : k.e;
	int			comma = lo > first && is_punct(doc, lo - 1, ',');

	if (q_on(x, NX_QR_CLAUSE_QUOTED_BEFORE) && comma && has_marks(x, first, lo - 1))
		return rule_span(x, NX_QR_CLAUSE_QUOTED_BEFORE, QSPAN(first, lo - 1));
	if (q_on(x, NX_QR_CLAUSE_MARK_COMMA) && lo > first + 1 &&
		doc->tok[lo - 1].kind == NX_TOK_CLOSE_QUOTE && is_punct(doc, lo - 2, ','))
		return rule_span(x, NX_QR_CLAUSE_MARK_COMMA, QSPAN(first, lo));
	if (q_on(x, NX_QR_CLAUSE_BEFORE_ATTRIBUTION) && lo >= first + CLOSING_CLAUSE_MIN_TOKENS && comma &&
		closing_tail(x, hi, end))
		return rule_span(x, NX_QR_CLAUSE_BEFORE_ATTRIBUTION, QSPAN(first, lo - 1));
	if (q_on(x, NX_QR_CLAUSE_AFTER_CUE) && src.e <= k.s && k.e < end)
		return rule_span(x, NX_QR_CLAUSE_AFTER_CUE, QSPAN(after_listener(x, k.e - 1, end), end));
	/* the source or cue ends the sentence: the words before their comma */
	if (q_on(x, NX_QR_CLAUSE_BEFORE_ATTRIBUTION) && (src.e >= end || k.e >= end) && comma)
		return rule_span(x, NX_QR_CLAUSE_BEFORE_ATTRIBUTION, QSPAN(first, lo - 1));
	return QNONE;
}

/* Is a clause c free (no quotation, source or cue in it), of CLAUSE_MIN_WORDS words and no phrase? */
static int
free_clause(const QCtx *x, QSpan c)
{
	uint32_t	words = 0;

	for (uint32_t t = c.s; t < c.e; t++)
	{
		words += x->doc->tok[t].kind == NX_TOK_WORD;
		if (x->covered[t] || x->role[t])
			return 0;
	}
	return words >= CLAUSE_MIN_WORDS && !W(x, c.s, NOT_CLAUSE);
}

/*
 * The bare cues pass: a cue with a source that no content took: the
 * tagger found who says, not what.  The clause it reports is a part of
 * its sentence (bare_clause).
 */
NxStatus
q_pass_bare_cues(QCtx *x)
{
	const NxDoc *doc = x->doc;

	if (!q_on(x, NX_QR_CUE_WITHOUT_CONTENT))
		return NX_OK;
	for (size_t k = 0; k < x->cue.n; k++)
	{
		QSpan		cc = x->cue.v[k],
					c;
		uint32_t	sent = doc->tok[cc.s].sentence,
					first = doc->sent[sent].tok,
					end = first + doc->sent[sent].ntok;
		long		src;
		QAttr		at;

		if ((k & (INTERRUPT_EVERY - 1)) == 0)
			nx_check_interrupts(x->a);
		if (x->used[k] || x->inquote[cc.s] || doc->tok[cc.e - 1].sentence != sent ||
			(src = find_source(x, cc, QSPAN(cc.s, cc.s))) < 0)
			continue;
		if (is_punct(doc, end - 1, ':'))
			continue;			/* it introduces a quotation or block quote */
		memset(&x->fired, 0, sizeof(x->fired));
		c = bare_clause(x, cc, x->src.v[src], first, words_end(doc, first, end));
		/* a cue chunk with a reporting word ("has consolidated support"
		 * reports nothing) */
		if (span_none(c) || !free_clause(x, c) ||
			!span_has_class(x, cc.s, cc.e, NX_WB(CUE_VERB) | NX_WB(CUE_NOUN)))
			continue;
		at.cue = cc;
		at.src = x->src.v[src];
		if (!add_quote(x, c, &at, 0, NX_QR_CUE_WITHOUT_CONTENT))
			return NX_ENOMEM;
		memset(x->covered + c.s, 1, c.e - c.s);
	}
	return NX_OK;
}

/* The first verb of speech of sentence [first, end) when no quotation, source or cue is in it, or UINT32_MAX. */
static uint32_t
bare_verb(const QCtx *x, uint32_t first, uint32_t end)
{
	const NxDoc *doc = x->doc;
	uint32_t	v = UINT32_MAX;

	for (uint32_t t = first; t < end; t++)
	{
		if (x->covered[t] || x->role[t])
			return UINT32_MAX;
		if (v == UINT32_MAX && !x->inquote[t] && is_word(doc, t) && !is_cap(doc, t) &&
			W(x, t, BARE_SPEECH_VERB))
			v = t;
	}
	return v;
}

/*
 * The name or pronoun right before verb v that opens sentence first or a
 * clause after a comma (not "a probe the agency said was ..."), with a
 * title with "of" in it (Secretary of State John Kerry).
 */
static int
bare_subject(QCtx *x, uint32_t v, uint32_t first, QSpan *src)
{
	const NxDoc *doc = x->doc;

	if (!cue_subject(x, QSPAN(v, v + 1), src) || src->e != aux_start(x, v, 0) ||
		!(is_cap(doc, src->e - 1) || W(x, src->e - 1, SUBJECT_PRONOUN)))
		return 0;
	while (src->s > first)
	{
		if (src->s >= first + 2 && nx_tok_ieq(doc, src->s - 1, "of") && is_cap(doc, src->s - 2))
			src->s -= 2;
		else if (is_cap(doc, src->s - 1) && !W(x, src->s - 1, NOT_NAME))
			src->s--;
		else
			break;
	}
	return src->s == first || is_punct(doc, src->s - 1, ',') || W(x, src->s - 1, NOT_NAME);
}

/*
 * The bare said pass: a sentence the tagger left bare that a verb of
 * speech holds ("Secretary of State John Kerry said the talks would go
 * on."): the verb is the cue, the name or pronoun right before it that
 * opens the sentence the source, the rest of the sentence the content.
 * The greedy tagger can miss such a sentence whole when it misreads its
 * first word; on held-out PolNeAR articles this adds no row (the tagger
 * reads them all), on such sentences after another it does.
 */
NxStatus
q_pass_bare_said(QCtx *x)
{
	const NxDoc *doc = x->doc;

	if (!q_on(x, NX_QR_BARE_SAID))
		return NX_OK;
	for (size_t sn = 0; sn < doc->nsent; sn++)
	{
		uint32_t	first = doc->sent[sn].tok,
					end = first + doc->sent[sn].ntok,
					v,
					e;
		QAttr		at = {QNONE, QNONE};
		QSpan		c;

		if ((sn & (INTERRUPT_EVERY - 1)) == 0)
			nx_check_interrupts(x->a);
		v = bare_verb(x, first, end);
		if (v == UINT32_MAX || x->block[para_of(doc, first)] >= 0)
			continue;
		memset(&x->fired, 0, sizeof(x->fired));
		if (!bare_subject(x, v, first, &at.src))
			continue;
		e = words_end(doc, first, end);
		c = QSPAN(after_listener(x, v, e), e);
		if (count_plain_words(doc, c.s, c.e, CLAUSE_MIN_WORDS) < CLAUSE_MIN_WORDS || c.s >= e ||
			W(x, c.s, NOT_CLAUSE) || is_punct(doc, c.s, ',') || is_punct(doc, c.s, ':'))
			continue;
		at.cue = QSPAN(v, v + 1);
		if (!add_quote(x, c, &at, 0, NX_QR_BARE_SAID))
			return NX_ENOMEM;
		memset(x->covered + c.s, 1, c.e - c.s);
	}
	return NX_OK;
}
