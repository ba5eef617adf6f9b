/*
 * nx_quotes_contents.c
 *	  The contents pass: every content chunk of the tagger, outside block
 *	  quotes, becomes a quotation, in four steps:
 *	   1. its bounds (content_bounds: nx_quotes_content.c trims it to its
 *		  quotation marks);
 *	   2. its cue: the nearest cue chunk, unless an attribution of its own
 *		  sentence is nearer (content_cue);
 *	   3. with no cue chunk, an attribution the tagger did not tag: a
 *		  reporting verb near it, a name and a colon, a name and a verb
 *		  right after it, or the attribution of the quotation before
 *		  (untagged_attribution);
 *	   4. what the quotation before has to do with it (it may be that
 *		  quotation's inverted source), and whether anything says it was
 *		  said (keep_content).
 *	  x->prev is the last quotation made, which steps 3 and 4 read.
 */
#include "nx_quotes_int.h"

/* Is the content c in the paragraph before a block quote the words that introduce it (told the FSB that:)? */
static int
block_intro(const QCtx *x, QSpan c, uint32_t p)
{
	const NxDoc *doc = x->doc;

	if (x->block[p + 1] < 0 || c.e + 1 < x->para_tok[p + 1] || has_marks(x, c.s, c.e))
		return 0;
	return nx_tok_ieq(doc, c.e - 1, "that") ||
		(c.e >= 2 && is_punct(doc, c.e - 1, ':') && nx_tok_ieq(doc, c.e - 2, "that")) ||
		count_words(doc, c.s, c.e, CLAUSE_MIN_WORDS) < CLAUSE_MIN_WORDS;
}

/* What stands before a content that is its cue (content_bounds). */
#define PART_PARTICIPLE		1	/* a participle of speech after a comma */
#define PART_ABOUT			2	/* a verb and "about" */
#define PART_OWN			3	/* a name and a reporting verb (content_own_attribution) */
#define PART_SHOWN			4	/* a name shown and a participle of speech (cue_shown_participle) */

/* Words between a participle of someone shown and the quotation it reports, at most (saying during the debate last week, “…”). */
#define SHOWN_TO_MARK_WORDS	8

/* Words that are no verb before "about" (a story about, all about). */
#define NOT_ABOUT_VERB	(NX_WB(ARTICLE) | NX_WB(DETERMINER) | NX_WB(PREPOSITION) | \
						 NX_WB(PRONOUN) | NX_WB(CONJUNCTION) | NX_WB(QUANTIFIER) | NX_WB(NOT_NAME))

/*
 * The start of the verb, and its particle, before the "about" at token a
 * that opens a content (as Trump went on about “…”; she talked about …), or
 * UINT32_MAX: on PolNeAR train such a content has its cue before
 * "about", the verb and "about" together, in 56 of 63.
 */
static uint32_t
about_verb(const QCtx *x, uint32_t a)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[a].sentence,
				v = a - 1;

	if (!nx_tok_ieq(doc, a, "about") || a == 0 || !in_sent(doc, v, sent))
		return UINT32_MAX;
	if (W(x, v, ABOUT_PARTICLE) && v > 0 && in_sent(doc, v - 1, sent) && is_word(doc, v - 1))
		v--;
	if (!is_word(doc, v) || is_cap(doc, v) || has_class(x, v, NOT_ABOUT_VERB))
		return UINT32_MAX;
	return v;
}

/*
 * The reporting verb after a name that opens content c, when "that" or a
 * quotation mark follows it and the content goes on (the tagger ran a
 * content over its own attribution: Russia insisted that Pyongyang "stop
 * …"), or UINT32_MAX.
 */
static uint32_t
own_attribution(const QCtx *x, QSpan c)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[c.s].sentence,
				v = c.s;

	while (v < c.e && v < c.s + NAME_RUN_MAX && is_cap(doc, v) && speaker_word(x, v))
		v++;
	if (v == c.s || !ends_cap_word(doc, v - 1) || v + 2 >= c.e || !in_sent(doc, v + 1, sent))
		return UINT32_MAX;
	if (!is_word(doc, v) || is_cap(doc, v) || !W(x, v, CUE_VERB))
		return UINT32_MAX;
	if (!nx_tok_ieq(doc, v + 1, "that") && !is_mark(doc, v + 1))
		return UINT32_MAX;
	return v;
}

/* Does token t show who follows (a video showing, an ad featuring; footage of)? */
static int
shows(const QCtx *x, uint32_t t)
{
	return W(x, t, SHOWING) || (t > 0 && nx_tok_ieq(x->doc, t, "of") && W(x, t - 1, SHOWING));
}

/*
 * The participle of speech before the quotation opening at token o, of a
 * name after what shows it (The ad uses footage of
 * Hillary Clinton asking, “…”; footage of Trump saying during the debate
 * last week, “…”), or UINT32_MAX; *src then holds the name.  The name,
 * not the ad or the footage, is the source: on PolNeAR train such a
 * participle has the name before it as its source in 7 of 7.
 */
static uint32_t
shown_participle(const QCtx *x, uint32_t o, QSpan *src)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[o].sentence,
				first = doc->sent[sent].tok,
				v,
				s;

	for (v = o; v > first && o - v <= SHOWN_TO_MARK_WORDS + 1; v--)
		if (W(x, v - 1, SPEECH_PARTICIPLE) || is_mark(doc, v - 1))
			break;
	if (v <= first + 2 || o - v > SHOWN_TO_MARK_WORDS + 1 || !W(x, --v, SPEECH_PARTICIPLE))
		return UINT32_MAX;
	for (s = v; s > first + 1 && v - s < NAME_RUN_MAX && speaker_word(x, s - 1) && !shows(x, s - 1); s--)
		;
	if (s == v || !ends_cap_word(doc, v - 1) || !shows(x, s - 1))
		return UINT32_MAX;
	*src = QSPAN(s, v);
	return v;
}

/*
 * The bounds of content chunk c (step 1); 0 when it is no quotation of
 * its own.  *part: it starts at a quotation after a participle of speech
 * (…, singing “…”), which is its cue (PART_PARTICIPLE), or after a verb
 * and "about" (PART_ABOUT), or after a name and a reporting verb it
 * opened with (PART_OWN); *at then holds the cue, and for PART_OWN the
 * source.
 */
static int
content_bounds(QCtx *x, QSpan *c, int *part, QAttr *at)
{
	uint32_t	p = para_of(x->doc, c->s),
				start0,
				v;

	if (x->block[p] >= 0)
		return 0;				/* inside a block quote */
	if (q_on(x, NX_QR_BLOCK_INTRO) && block_intro(x, *c, p))
		return 0;
	take_closing_mark(x, c);
	start0 = c->s;
	c->s = trim_start(x, *c);
	c->e = trim_end(x, *c);
	*part = c->s != start0 && participle_before(x, c->s) ? PART_PARTICIPLE : 0;
	if (!*part && q_on(x, NX_QR_CUE_ABOUT) && c->e > c->s + 1 &&
		(v = about_verb(x, c->s)) != UINT32_MAX)
	{
		*part = PART_ABOUT;
		at->cue = QSPAN(v, c->s + 1);	/* "about" is the cue's */
		c->s++;
	}
	if (!*part && q_on(x, NX_QR_CONTENT_OWN_ATTRIBUTION) &&
		(v = own_attribution(x, *c)) != UINT32_MAX)
	{
		*part = PART_OWN;
		at->src = QSPAN(c->s, v);
		at->cue = QSPAN(v, v + 1);
		c->s = v + 1;
	}
	if (!*part && q_on(x, NX_QR_CUE_SHOWN_PARTICIPLE) && is_mark(x->doc, c->s) &&
		(v = shown_participle(x, c->s, &at->src)) != UINT32_MAX)
	{
		*part = PART_SHOWN;
		at->cue = QSPAN(v, v + 1);
	}
	return 1;
}

/* Is the cue chunk k outside the sentences of content c? */
static int
cue_outside(const QCtx *x, long k, QSpan c)
{
	uint32_t	ks = x->doc->tok[x->cue.v[k].s].sentence;

	return ks < x->doc->tok[c.s].sentence || ks > x->doc->tok[c.e - 1].sentence;
}

/*
 * A content c that opens its paragraph after a paragraph ending in a
 * colon (He said:): the last cue chunk of that paragraph's last sentence,
 * else a reporting word there (issued the following statement:), which
 * *at takes with its subject.  Returns the cue chunk or -1.
 */
static long
cue_paragraph_before(QCtx *x, QSpan c, QAttr *at)
{
	const NxDoc *doc = x->doc;
	uint32_t	p = para_of(doc, c.s),
				last = doc->tok[x->para_tok[p] - 1].sentence;
	size_t		k = first_ending_after(&x->cue, c.s);

	/* the last cue before the content */
	if (k > 0 && para_of(doc, x->cue.v[k - 1].s) == p - 1 &&
		doc->tok[x->cue.v[k - 1].s].sentence == last)
	{
		q_fire(x, NX_QR_CUE_PARAGRAPH_BEFORE);
		return (long) (k - 1);
	}
	if (!q_on(x, NX_QR_CUE_WORD_PARAGRAPH_BEFORE))
		return -1;
	for (uint32_t t = x->para_tok[p] - 1; t-- > doc->sent[last].tok;)
		if (has_class(x, t, NX_WB(CUE_VERB) | NX_WB(CUE_NOUN)))
		{
			at->cue = QSPAN(t, t + 1);
			if (!cue_subject(x, at->cue, &at->src))
				at->src = QNONE;
			q_fire(x, NX_QR_CUE_WORD_PARAGRAPH_BEFORE);
			break;
		}
	return -1;
}

/*
 * The cue chunk of content c (step 2), or -1; *at may take an attribution
 * that is nearer than any cue chunk (after the quotation, a participle
 * before it, a dash after it, a reporting word closing the paragraph
 * before).
 */
static long
content_cue(QCtx *x, QSpan c, int part, QAttr *at)
{
	const NxDoc *doc = x->doc;
	int			marks = has_marks(x, c.s, c.e);
	uint32_t	p = para_of(doc, c.s),
				sig;
	long		cue = part || !q_on(x, NX_QR_CUE_NEAREST) ? -1 : find_cue(x, c);

	if (cue >= 0 && marks && !short_phrase(doc, c.s, c.e))
	{
		uint32_t	ks = doc->tok[x->cue.v[cue].s].sentence;

		if (q_on(x, NX_QR_CUE_AFTER_BEATS_BEFORE) && ks < doc->tok[c.s].sentence &&
			closing_attribution(x, c.e, at))
		{
			/* an attribution after it is nearer than a cue before */
			q_fire(x, NX_QR_CUE_AFTER_BEATS_BEFORE);
			cue = -1;
		}
		else if (q_on(x, NX_QR_CUE_OWN_SENTENCE) && cue_outside(x, cue, c) &&
				 near_cue_verb(x, c) >= 0)
		{
			/* a reporting verb of its own sentence is nearer */
			q_fire(x, NX_QR_CUE_OWN_SENTENCE);
			cue = -1;
		}
	}
	/* reported speech without marks has its cue in its sentence */
	if (cue >= 0 && !marks && q_on(x, NX_QR_CUE_UNMARKED_SENTENCE) && cue_outside(x, cue, c))
	{
		q_fire(x, NX_QR_CUE_UNMARKED_SENTENCE);
		cue = -1;
	}
	if (part == PART_OWN)
		q_fire(x, NX_QR_CONTENT_OWN_ATTRIBUTION);	/* the name and verb it opened with */
	else if (part == PART_SHOWN)
		q_fire(x, NX_QR_CUE_SHOWN_PARTICIPLE);	/* the name shown and its participle */
	else if (part == PART_ABOUT)
	{
		/* the verb and "about" before it (went on about “…”): its subject */
		cue_subject(x, at->cue, &at->src);
		q_fire(x, NX_QR_CUE_ABOUT);
	}
	else if (part && q_on(x, NX_QR_CUE_PARTICIPLE))
	{
		/* the participle before it (…, singing “…”) and its subject */
		at->cue = QSPAN(c.s - 1, c.s);
		cue_subject(x, at->cue, &at->src);
		q_fire(x, NX_QR_CUE_PARTICIPLE);
	}
	else if (q_on(x, NX_QR_CUE_DASH) && dash_source(x, c.e, at) &&
			 (cue < 0 || doc->tok[x->cue.v[cue].s].sentence != doc->tok[c.e - 1].sentence))
	{
		q_fire(x, NX_QR_CUE_DASH);
		cue = -1;
	}
	else if (q_on(x, NX_QR_DASH_SIGNED_PARAGRAPH) && cue < 0 && marks &&
			 (sig = signed_paragraph(x, c.e)) > 0 && dash_source(x, sig, at))
	{
		q_fire(x, NX_QR_DASH_SIGNED_PARAGRAPH);
	}
	else if (cue < 0 && q_on(x, NX_QR_CUE_PARAGRAPH_BEFORE) && c.s == x->para_tok[p] && p > 0 &&
			 is_punct(doc, x->para_tok[p] - 1, ':'))
		cue = cue_paragraph_before(x, c, at);
	return cue;
}

/* Does quotation q's cue stand in the sentence before content c, which opens its sentence with a mark? */
static int
next_sentence(const QCtx *x, const NxQuote *q, QSpan c)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[c.s].sentence;

	if (q->paragraph != para_of(doc, c.s) || !q->cue.ntok || !q->mention.ntok)
		return 0;
	return doc->tok[c.s].kind == NX_TOK_OPEN_QUOTE && c.s == doc->sent[sent].tok &&
		doc->tok[q->cue.tok].sentence + 1 == sent;
}

/* The cue and source of quotation q, for one that goes on with it. */
static void
same_attribution(const NxQuote *q, QAttr *at)
{
	at->cue = span_of(&q->cue);
	at->src = span_of(&q->mention);
}

/*
 * The attribution of a content c that has no cue chunk (step 3): the
 * quotation before going on from the paragraph before, a reporting verb
 * near it, a name and a colon before it, a name and a verb right after
 * it, or the quotation before whose sentence attributes it.
 */
static void
untagged_attribution(QCtx *x, QSpan c, QAttr *at)
{
	const NxDoc *doc = x->doc;
	const NxQuote *prev = x->prev >= 0 ? &x->q[x->prev] : NULL;
	uint32_t	p = para_of(doc, c.s);
	long		v;

	if (q_on(x, NX_QR_CONTINUED_PARAGRAPH) && prev && prev->paragraph + 1 == p &&
		c.s == x->para_tok[p] && doc->tok[c.s].kind == NX_TOK_OPEN_QUOTE && prev->cue.ntok)
	{
		/* a quotation going on from the paragraph before: its speaker */
		same_attribution(prev, at);
		q_fire(x, NX_QR_CONTINUED_PARAGRAPH);
	}
	else if (q_on(x, NX_QR_CUE_NEAR_VERB) && !short_phrase(doc, c.s, c.e) &&
			 (v = near_cue_verb(x, c)) >= 0)
	{
		at->cue = QSPAN((uint32_t) v, (uint32_t) v + 1);
		q_fire(x, NX_QR_CUE_NEAR_VERB);
		if (cue_subject(x, at->cue, &at->src) && !has_marks(x, c.s, c.e) &&
			q_on(x, NX_QR_PLAIN_SUBJECT) && !plain_subject(x, at->src, at->cue.s))
		{
			at->src = QNONE;
			q_fire(x, NX_QR_PLAIN_SUBJECT);
		}
	}
	else if (q_on(x, NX_QR_COLON_SPEAKER) && colon_speaker(x, c.s, at))
		q_fire(x, NX_QR_COLON_SPEAKER);
	if (attr_none(at) && q_on(x, NX_QR_CLOSING_ATTRIBUTION) && closing_attribution(x, c.e, at))
		q_fire(x, NX_QR_CLOSING_ATTRIBUTION);
	if (attr_none(at) && prev && q_on(x, NX_QR_NEXT_SENTENCE) && next_sentence(x, prev, c))
	{
		/* a quoted sentence right after the sentence that attributes the
		 * quotation before it (… Keidis continued. “He's like …”) */
		same_attribution(prev, at);
		q_fire(x, NX_QR_NEXT_SENTENCE);
	}
}

/*
 * Is the content c that the tagger found right after the cue at cs the
 * quotation's source after all, inverted after it (“…,” says the ad's
 * narrator; … in the 2008 primary, said Ohio State University professor
 * Paul Beck.)?  The cue is a verb that inverts, after a comma or a
 * closing mark, right after the content before it (prev_end); the words
 * are a noun phrase: at most INVERTED_SOURCE_WORDS, no pronoun first, no
 * auxiliary, clause word, or lower-case word in -ed or -ing, up to a
 * comma or the sentence's end.  On held-out tenths of PolNeAR train all
 * four such contents are sources.
 */
static int
inverted_content(const QCtx *x, uint32_t cs, QSpan c, uint32_t prev_end)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[cs].sentence;

	if (c.s != cs + 1 || cs == 0 || !W(x, cs, INVERTING_VERB) ||
		!(is_punct(doc, cs - 1, ',') || doc->tok[cs - 1].kind == NX_TOK_CLOSE_QUOTE))
		return 0;
	if (prev_end + 2 < cs || prev_end > cs || !in_sent(doc, prev_end - 1, sent))
		return 0;
	if (c.e > c.s + INVERTED_SOURCE_MAX ||
		count_words(doc, c.s, c.e, INVERTED_SOURCE_WORDS + 1) > INVERTED_SOURCE_WORDS ||
		(in_sent(doc, c.e, sent) && is_word(doc, c.e)) || W(x, c.s, SUBJECT_PRONOUN))
		return 0;
	for (uint32_t t = c.s; t < c.e; t++)
	{
		if (is_mark(doc, t))
			return 0;
		if (is_word(doc, t) &&
			(has_class(x, t, NX_WB(AUX) | NX_WB(CLAUSE_WORD) | NX_WB(NP_STOP)) ||
			 (!is_cap(doc, t) && (ends_with(doc, t, "ed") || ends_with(doc, t, "ing")))))
			return 0;
	}
	return 1;
}

/*
 * A content c the tagger found right after an inverting cue, after a
 * comma that ends a clause no quotation holds, and that reads as a
 * source (inverted_content): the clause, from its sentence's start past
 * opening adverbs, is the content and c its source (However debates are
 * not likely to alter the campaign, noted NBC's Dante Chinni.).  Returns
 * 1 when *c and *at were changed.
 */
static int
inverted_clause(QCtx *x, QSpan *c, QAttr *at)
{
	const NxDoc *doc = x->doc;
	uint32_t	cs = at->cue.s,
				s;
	QSpan		src = QSPAN(c->s, punct_end(doc, c->s, c->e));

	if (at->cue.e != cs + 1 || at->src.e != at->src.s || cs < 2 || has_marks(x, c->s, c->e) ||
		!is_punct(doc, cs - 1, ',') || !inverted_content(x, cs, src, cs - 1))
		return 0;
	if (x->prev >= 0 && x->q[x->prev].content.tok + x->q[x->prev].content.ntok >= cs - 1 &&
		in_sent(doc, x->q[x->prev].content.tok, doc->tok[cs].sentence))
		return 0;				/* the quotation before holds the clause */
	s = doc->sent[doc->tok[cs].sentence].tok;
	for (uint32_t k = 0; s < cs - 1 && k < INTRO_PHRASE_MAX &&
		 (has_class(x, s, NX_WB(INTRO) | NX_WB(SENTENCE_ADVERB) | NX_WB(CONJUNCTION)) ||
		  is_punct(doc, s, ',')); k++)
		s++;
	if (count_words(doc, s, cs - 1, CLAUSE_MIN_WORDS) < CLAUSE_MIN_WORDS || has_marks(x, s, cs - 1))
		return 0;
	*c = QSPAN(s, cs - 1);
	at->src = src;
	return 1;
}

/*
 * Step 4: whether content c with attribution at is a quotation; the
 * attribution may take the source of the quotation before.  Returns 0
 * when it is not (a scare quote, nothing saying it was said, the
 * quotation before's inverted source).
 */
static int
keep_content(QCtx *x, QSpan c, QAttr *at)
{
	const NxDoc *doc = x->doc;
	NxQuote    *prev = x->prev >= 0 ? &x->q[x->prev] : NULL;
	int			marks = has_marks(x, c.s, c.e),
				cue = at->cue.e > at->cue.s,
				src = at->src.e != at->src.s;

	if (cue && !src && prev && prev->mention.ntok == 0 && !marks &&
		q_on(x, NX_QR_INVERTED_CONTENT) &&
		inverted_content(x, at->cue.s, QSPAN(c.s, punct_end(doc, c.s, c.e)),
						 prev->content.tok + prev->content.ntok))
	{
		/* the source of the quotation before, inverted after its cue */
		set_span(doc, &prev->mention, QSPAN(c.s, punct_end(doc, c.s, c.e)));
		if (prev->cue.ntok == 0)
			set_span(doc, &prev->cue, at->cue);
		q_mark(prev, NX_QR_INVERTED_CONTENT);
		return 0;
	}
	if (cue && !src && prev && prev->cue.ntok && prev->cue.tok == at->cue.s &&
		q_on(x, NX_QR_SAME_CUE_SOURCE))
	{
		/* a quotation going on with the cue of the one before: its source */
		at->src = span_of(&prev->mention);
		q_fire(x, NX_QR_SAME_CUE_SOURCE);
	}
	if (attr_none(at) && short_phrase(doc, c.s, c.e) && q_on(x, NX_QR_DROP_SCARE_QUOTE))
		return 0;				/* no cue, no source: a scare quote or title */
	if (attr_none(at) && !marks && q_on(x, NX_QR_DROP_UNATTRIBUTED))
		return 0;				/* no marks, no cue, no source: nothing says it was said */
	if (!marks && count_words(doc, c.s, c.e, TAGGED_CLAUSE_MIN_WORDS) < TAGGED_CLAUSE_MIN_WORDS && q_on(x, NX_QR_DROP_ONE_WORD))
		return 0;				/* a reported clause of one word ("he believes it") */
	if (attr_none(at) && q_on(x, NX_QR_SENTENCE_SUBJECT))
	{
		/* quoted words later in a sentence with no reporting verb the
		 * model knows (Clinton fired back that the "people …"): the
		 * sentence's subject, when it looks like a person or body */
		uint32_t	sent = doc->tok[c.s].sentence;

		if (c.s > doc->sent[sent].tok + 1)
		{
			if (sentence_subject(x, sent, c.s, &at->src) && at->src.e <= c.s &&
				person_like(x, at->src))
				q_fire(x, NX_QR_SENTENCE_SUBJECT);
			else
				at->src = QNONE;
		}
	}
	return 1;
}

/* The contents pass. */
NxStatus
q_pass_contents(QCtx *x)
{
	x->nblock = x->nq;
	x->prev = -1;
	for (size_t i = 0; i < x->content.n && q_on(x, NX_QR_TAGGED_CONTENT); i++)
	{
		QSpan		c = x->content.v[i];
		QAttr		at = {QNONE, QNONE};
		int			part;
		long		cue;

		if ((i & (INTERRUPT_EVERY - 1)) == 0)
			nx_check_interrupts(x->a);
		memset(&x->fired, 0, sizeof(x->fired));
		if (!content_bounds(x, &c, &part, &at))
			continue;
		cue = content_cue(x, c, part, &at);
		if (cue >= 0)
		{
			x->used[cue] = 1;
			cue_and_source(x, cue, c, &at);
		}
		else if (at.cue.e == at.cue.s)
			untagged_attribution(x, c, &at);
		if (q_on(x, NX_QR_INVERTED_CLAUSE) && inverted_clause(x, &c, &at))
			q_fire(x, NX_QR_INVERTED_CLAUSE);
		else if (!keep_content(x, c, &at))
			continue;
		if (!add_quote(x, c, &at, 0, NX_QR_TAGGED_CONTENT))
			return NX_ENOMEM;
		x->prev = (long) x->nq - 1;
	}
	x->ncontent = x->nq;
	return NX_OK;
}
