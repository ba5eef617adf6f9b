/*
 * nx_quotes_content.c
 *	  Quotations and their contents: making a quotation of a content and
 *	  an attribution, the content's bounds (where a tagged content really
 *	  starts and ends around its quotation marks) and its kind (direct,
 *	  mixed or indirect, from the marks it holds).
 */
#include "nx_quotes_int.h"

/* Fill a span from tokens t (none when empty or out of the document). */
void
set_span(const NxDoc *doc, NxSpan *sp, QSpan t)
{
	if (t.e <= t.s || t.e > doc->ntok)
	{
		memset(sp, 0, sizeof(*sp));
		return;
	}
	sp->tok = t.s;
	sp->ntok = t.e - t.s;
	sp->c = doc->tok[t.s].c;
	sp->clen = nx_tok_cend(&doc->tok[t.e - 1]) - sp->c;
	sp->b = doc->tok[t.s].b;
	sp->blen = doc->tok[t.e - 1].b + doc->tok[t.e - 1].blen - sp->b;
}

/* The tokens of a span. */
QSpan
span_of(const NxSpan *sp)
{
	return QSPAN(sp->tok, sp->tok + sp->ntok);
}

static NxQuote *
new_quote(QCtx *x)
{
	if (x->nq == x->capq)
	{
		NxQuote    *nq = nx_grow(x->a, x->q, sizeof(NxQuote), &x->capq, x->capq ? 2 * x->capq : 16);

		if (!nq)
			return NULL;
		x->q = nq;
	}
	memset(&x->q[x->nq], 0, sizeof(NxQuote));
	return &x->q[x->nq++];
}

/* Kind of a content c from its quotation marks; *text: it without outer marks. */
static uint8_t
tell_kind(const QCtx *x, QSpan c, QSpan *text)
{
	const NxDoc *doc = x->doc;
	uint32_t	a = c.s,
				b = c.e;
	const NxQuoteSpan *sp;
	int			runs_on;

	*text = c;
	if (!has_marks(x, c.s, c.e))
		return NX_QK_INDIRECT;
	/* trailing punctuation after the closing mark (”.) does not count */
	while (b > a + 1 && doc->tok[b - 1].kind == NX_TOK_PUNCT)
		b--;
	if (doc->tok[a].kind != NX_TOK_OPEN_QUOTE || (sp = span_opened_at(x, a)) == NULL)
		return NX_QK_MIXED;
	/* the span opened here: does it close at the end? */
	runs_on = (sp->flags & (NX_QS_UNCLOSED | NX_QS_CONTINUED)) != 0;
	if (!(sp->close == b - 1 || (runs_on && sp->close >= b - 1)))
		return NX_QK_MIXED;
	/* its own closing mark (a closed span closes at b - 1), not an inner
	 * quotation's at the end of one that runs to the paragraph's end (…
	 * chanting “U-S-A!”) */
	*text = QSPAN(a + 1, !runs_on && doc->tok[b - 1].kind == NX_TOK_CLOSE_QUOTE ? b - 1 : c.e);
	return NX_QK_DIRECT;
}

/*
 * Make a quotation of content c and attribution at (a block quote when
 * block), made by rule made and shaped by the rules fired since the last
 * one was made.  Returns 0 when out of memory.
 */
int
add_quote(QCtx *x, QSpan c, const QAttr *at, int block, NxQuoteRule made)
{
	const NxDoc *doc = x->doc;
	NxQuote    *q = new_quote(x);
	QSpan		text,
				cue = at->cue;

	if (!q)
		return 0;
	set_span(doc, &q->content, c);
	q->kind = tell_kind(x, c, &text);
	if (block)
		q->kind = NX_QK_BLOCK;
	set_span(doc, &q->text, text);
	/* a colon right after the cue belongs to it (PolNeAR: "said:") */
	if (cue.e > cue.s && cue.e < doc->ntok && is_punct(doc, cue.e, ':') &&
		doc->tok[cue.e].sentence == doc->tok[cue.e - 1].sentence && cue.e < c.s)
		cue.e++;
	set_span(doc, &q->cue, cue);
	set_span(doc, &q->mention, at->src);
	q->paragraph = para_of(doc, c.s);
	q->sentence = doc->tok[c.s].sentence;
	q->rules = x->fired;
	q_mark(q, made);
	q->rule = (uint16_t) made;
	memset(&x->fired, 0, sizeof(x->fired));
	return 1;
}

/*
 * A content that stops just short of a closing mark (… “Football Life.”)
 * takes the mark.  Returns 1 when it did.
 */
int
take_closing_mark(QCtx *x, QSpan *c)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[c->e - 1].sentence;

	if (!q_on(x, NX_QR_CLOSING_MARK))
		return 0;
	for (uint32_t k = c->e; k < doc->ntok && k < c->e + TRAILING_PUNCT_MAX &&
		 doc->tok[k].kind == NX_TOK_PUNCT && doc->tok[k].sentence == sent; k++)
		if (is_kind(doc, k + 1, NX_TOK_CLOSE_QUOTE) && x->marks[k + 1] - x->marks[c->s] == 1 &&
			doc->tok[k + 1].sentence == doc->tok[k].sentence)
		{
			c->e = k + 2;
			q_fire(x, NX_QR_CLOSING_MARK);
			return 1;
		}
	return 0;
}

/* The closing mark that ends content c, before punctuation after it (”.), or 0. */
static uint32_t
ending_mark(const NxDoc *doc, QSpan c)
{
	uint32_t	close = c.e - 1;

	if (doc->tok[close].kind == NX_TOK_CLOSE_QUOTE)
		return close;
	if (close > c.s && doc->tok[close - 1].kind == NX_TOK_CLOSE_QUOTE &&
		doc->tok[close].kind == NX_TOK_PUNCT)
		return close - 1;
	return 0;
}

/* Do the words [s, o) before a comma and a quotation hold a source, cue or reporting verb? */
static int
attribution_in(const QCtx *x, uint32_t s, uint32_t o)
{
	for (uint32_t i = s; i < o; i++)
		if (x->role[i] || W(x, i, CUE_VERB))
			return 1;
	return 0;
}

/* Is there a cue right before s, or one token before it? */
static int
cue_before(const QCtx *x, uint32_t s)
{
	return s >= 1 && (x->role[s - 1] == ROLE_CUE || (s >= 2 && x->role[s - 2] == ROLE_CUE));
}

/*
 * Where a content starts that begins before the quotation that ends it
 * ("Clinton asking, “Why …”", "a back-handed compliment: “You never …”"):
 * at that quotation's opening mark o after a colon or dash, or a comma
 * and a participle of speech (the participle is the cue), or a comma
 * when the words before it hold a source, cue or reporting verb, or a
 * quoted sentence follows, or they are a few words right after a cue.
 * Not inside a quotation that opens the content.  The scan is over the
 * content's own tokens, and contents do not overlap: linear in all.
 */
uint32_t
trim_start(QCtx *x, QSpan c)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = c.s,
				close = ending_mark(doc, c);
	const NxQuoteSpan *sp;

	if (close == 0)
		return s;
	for (uint32_t o = close; o-- > s + 1;)
	{
		if (doc->tok[o].kind != NX_TOK_OPEN_QUOTE)
			continue;
		if ((sp = span_opened_at(x, o)) == NULL || sp->close != close)
			continue;
		/* the quotation that ends the content opens at o */
		if (q_on(x, NX_QR_START_AT_COLON) &&
			(is_punct(doc, o - 1, ':') || doc->tok[o - 1].kind == NX_TOK_DASH))
			return q_take(x, NX_QR_START_AT_COLON, o);
		if (q_on(x, NX_QR_START_AT_PARTICIPLE) && o > s + 2 && participle_before(x, o) &&
			doc->tok[s].kind != NX_TOK_OPEN_QUOTE)
			return q_take(x, NX_QR_START_AT_PARTICIPLE, o);
		if (!is_punct(doc, o - 1, ','))
			return s;
		if (q_on(x, NX_QR_START_AFTER_ATTRIBUTION) && attribution_in(x, s, o))
			return q_take(x, NX_QR_START_AFTER_ATTRIBUTION, o);
		/* a quoted sentence of its own after the comma (…, Hillary shot back,
		 * “I suppose …”), unless a that-clause leads into it */
		if (q_on(x, NX_QR_START_QUOTED_SENTENCE) && !nx_tok_ieq(doc, s, "that") &&
			is_cap(doc, o + 1) &&
			count_words(doc, o, close, QUOTED_SENTENCE_WORDS) >= QUOTED_SENTENCE_WORDS)
			return q_take(x, NX_QR_START_QUOTED_SENTENCE, o);
		/* a few words between a cue and the comma (they say about the
		 * storied doctor, “gifted hands …”; wrote on Twitter, “…”) */
		if (q_on(x, NX_QR_START_AFTER_CUE) && cue_before(x, s) &&
			count_words(doc, s, o, CUE_TO_COMMA_WORDS + 1) <= CUE_TO_COMMA_WORDS &&
			!nx_tok_ieq(doc, s, "that"))
			return q_take(x, NX_QR_START_AFTER_CUE, o);
		return s;
	}
	return s;
}

/* Do words follow the closing mark close inside content c, and no other quotation? */
static int
words_after(const NxDoc *doc, uint32_t close, QSpan c)
{
	int			words = 0;

	for (uint32_t i = close + 1; i < c.e; i++)
	{
		if (doc->tok[i].kind == NX_TOK_OPEN_QUOTE)
			return 0;
		if (doc->tok[i].kind == NX_TOK_WORD)
			words = 1;
	}
	return words;
}

/*
 * A content that starts at an opening mark and runs past its closing
 * mark into the words after it (“…,” Texas delegate Bill Eastland said)
 * ends at the closing mark, unless another quotation follows inside it
 * (“A” and “B”).
 */
uint32_t
trim_end(QCtx *x, QSpan c)
{
	const NxDoc *doc = x->doc;
	uint32_t	close = UINT32_MAX;
	int			mark_ends;
	const NxQuoteSpan *sp;

	if (doc->tok[c.s].kind != NX_TOK_OPEN_QUOTE)
		return c.e;
	if ((sp = span_opened_at(x, c.s)) != NULL && !(sp->flags & (NX_QS_UNCLOSED | NX_QS_CONTINUED)))
		close = sp->close;
	if (close == UINT32_MAX || close + 1 >= c.e)
		return c.e;
	mark_ends = ends_in_mark(doc, c.s, close);
	/* “…,” and words after it: almost never one content in PolNeAR (45 of
	 * 2,537 contents that open with a mark), whatever follows but a list
	 * (“A,” and “B.”) */
	if (q_on(x, NX_QR_END_AFTER_MARK) && mark_ends && is_word(doc, close + 1) &&
		!nx_tok_ieq(doc, close + 1, "and") && !nx_tok_ieq(doc, close + 1, "or"))
		return q_take(x, NX_QR_END_AFTER_MARK, close + 1);
	/* “…”), “…”, “…” — and words after: never one content in PolNeAR */
	if (q_on(x, NX_QR_END_BEFORE_PUNCT) &&
		(is_punct(doc, close + 1, ',') || is_punct(doc, close + 1, ')') ||
		 is_punct(doc, close + 1, ';') || doc->tok[close + 1].kind == NX_TOK_DASH))
		return q_take(x, NX_QR_END_BEFORE_PUNCT, close + 1);
	if (!words_after(doc, close, c))
		return c.e;
	/* the quotation ends in a comma, ? or !, or an attribution follows */
	if (q_on(x, NX_QR_END_AFTER_MARK) && mark_ends)
		return q_take(x, NX_QR_END_AFTER_MARK, close + 1);
	if (q_on(x, NX_QR_END_BEFORE_ATTRIBUTION) &&
		(x->role[close + 1] || (close + 2 < c.e && x->role[close + 2])))
		return q_take(x, NX_QR_END_BEFORE_ATTRIBUTION, close + 1);
	return c.e;
}
