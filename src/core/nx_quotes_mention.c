/*
 * nx_quotes_mention.c
 *	  The mentions pass: the span of each quotation's source, and the
 *	  auxiliaries of its cue, as PolNeAR marks them, from the spans the
 *	  tagger or the rules found.  The steps are rows of a table run in
 *	  order on every quotation; each says which convention it follows and
 *	  how often PolNeAR's training data keeps to it.  The speakers pass
 *	  then reads the speaker from the mention.
 */
#include "nx_quotes_int.h"

/* The mention of q as tokens. */
static inline QSpan
mention_of(const NxQuote *q)
{
	return span_of(&q->mention);
}

/* Set q's mention to m, marking rule r when it changed. */
static void
set_mention(const NxDoc *doc, NxQuote *q, QSpan m, NxQuoteRule r)
{
	QSpan		old = mention_of(q);

	if (m.s == old.s && m.e == old.e)
		return;
	set_span(doc, &q->mention, m);
	q_mark(q, r);
}

/* Start the mention at token s, before its first token, keeping its end. */
static void
mention_from(const NxDoc *doc, NxQuote *q, uint32_t s, NxQuoteRule r)
{
	if (s < q->mention.tok)
		set_mention(doc, q, QSPAN(s, q->mention.tok + q->mention.ntok), r);
}

/* An interview's "Q:" and "A:" mark turns, not speakers (PolNeAR train has
 * them as sources 16 times, all in a few transcripts). */
static void
qa_turn(const QCtx *x, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint32_t	m = q->mention.tok;

	if (q->mention.ntok != 1 || !is_punct(doc, m + 1, ':') || !is_cap(doc, m) ||
		!(nx_tok_ieq(doc, m, "Q") || nx_tok_ieq(doc, m, "A")))
		return;
	if (q->cue.ntok == 1 && q->cue.tok == m + 1)
		memset(&q->cue, 0, sizeof(q->cue));
	memset(&q->mention, 0, sizeof(q->mention));
	q_mark(q, NX_QR_QA_TURN);
}

/* A relative clause closed before the cue ("McCaskill, who has endorsed
 * Clinton, said"): the cue is the main verb and the words before "who"
 * are the source. */
static void
relative_closed(const QCtx *x, NxQuote *q)
{
	QSpan		m = mention_of(q);
	int			closed = 0;

	if (q->mention.ntok != 1 || q->cue.ntok == 0 || q->cue.tok <= m.s)
		return;
	for (uint32_t k = m.e; k < q->cue.tok && !closed; k++)
		closed = is_punct(x->doc, k, ',') || is_kind(x->doc, k, NX_TOK_DASH);
	if (closed && relative_source(x, &m))
		set_mention(x->doc, q, m, NX_QR_RELATIVE_CLOSED);
}

/* Auxiliaries and adverbs before the verb are part of the cue, as
 * PolNeAR marks them (has said, also said, repeatedly denied). */
static void
cue_auxiliaries(const QCtx *x, NxQuote *q)
{
	uint32_t	mend = q->mention.tok + q->mention.ntok,
				cs;

	if (q->cue.ntok == 0)
		return;
	cs = aux_start(x, q->cue.tok, q->mention.ntok && mend <= q->cue.tok ? mend : 0);
	if (cs < q->cue.tok)
	{
		set_span(x->doc, &q->cue, QSPAN(cs, q->cue.tok + q->cue.ntok));
		q_mark(q, NX_QR_CUE_AUXILIARIES);
	}
}

/* The whole name: Pieter van Dam, not Dam. */
static void
name_particle(const QCtx *x, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint32_t	m = q->mention.tok,
				s;

	if (q->mention.ntok == 0 || m < 2 || !is_cap(doc, m) || !W(x, m - 1, NAME_PARTICLE) ||
		!is_cap(doc, m - 2) || doc->tok[m - 2].sentence != doc->tok[m].sentence)
		return;
	s = m - 2;
	while (s > 0 && is_cap(doc, s - 1) && doc->tok[s - 1].sentence == doc->tok[s].sentence &&
		   m - s < PARTICLE_NAME_MAX)
		s--;
	mention_from(doc, q, s, NX_QR_NAME_PARTICLE);
}

/* The determiner too, as PolNeAR marks it (the economist Jared
 * Bernstein; his critics, some voters: 638 times in 651). */
static void
mention_determiner(const QCtx *x, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint32_t	m = q->mention.tok;

	if (q->mention.ntok == 0 || m == 0 || doc->tok[m - 1].sentence != doc->tok[m].sentence)
		return;
	if (!(W(x, m - 1, ARTICLE) ||
		  (!is_cap(doc, m) && !W(x, m, SUBJECT_PRONOUN) && W(x, m - 1, QUANTIFIER))))
		return;
	if (!is_pronoun(x, mention_of(q)))
		mention_from(doc, q, m - 1, NX_QR_MENTION_DETERMINER);
}

/* A title right before a name (Sen. Marco Rubio): PolNeAR takes titles
 * in, 1,216 times in 1,233. */
static void
mention_title(const QCtx *x, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint32_t	m = q->mention.tok,
				s = m,
				sent;

	if (q->mention.ntok == 0 || !is_cap(doc, m))
		return;
	sent = doc->tok[m].sentence;
	while (s > 0 && m - s < TITLES_BEFORE_MAX && in_sent(doc, s - 1, sent) && is_cap(doc, s - 1) &&
		   W(x, s - 1, TITLE))
		s--;
	mention_from(doc, q, s, NX_QR_MENTION_TITLE);
}

/* The name of the title's organisation before it (Amnesty International
 * spokesman Eric Ferrero), as PolNeAR marks it 602 times in 612. */
static void
title_organisation(const QCtx *x, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint32_t	m = q->mention.tok,
				s = m,
				sent;

	if (q->mention.ntok <= 1 || m == 0 || !is_word(doc, m) || is_cap(doc, m) || !is_cap(doc, m + 1) ||
		is_pronoun(x, mention_of(q)))
		return;
	sent = doc->tok[m].sentence;
	while (s > 0 && m - s < ORG_BEFORE_TITLE_MAX && in_sent(doc, s - 1, sent) && is_cap(doc, s - 1) &&
		   !has_class(x, s - 1, NX_WB(NOT_NAME) | NX_WB(TIME_WORD)))
		s--;
	mention_from(doc, q, s, NX_QR_TITLE_ORGANISATION);
}

/* Can xs open a subject before an appositive (not For now, Instead, a participle)? */
static int
subject_opener(const QCtx *x, uint32_t xs, uint32_t sent)
{
	const NxDoc *doc = x->doc;

	if (!is_cap(doc, xs) || !(xs == doc->sent[sent].tok || is_punct(doc, xs - 1, ',')))
		return 0;
	return !has_class(x, xs, NX_WB(NOT_NAME) | NX_WB(NOT_SUBJECT) | NX_WB(TIME_WORD)) &&
		!ends_with(doc, xs, "ing");
}

/*
 * A mention set off between commas right before its cue, without a comma
 * of its own ("Hicks, his campaign spokeswoman, said"): the words before
 * it from the sentence's start or a comma, up to BEFORE_APPOSITIVE_MAX,
 * join it, as PolNeAR marks them 675 times in 685 ("X, Y, said" as
 * against "Y,"), unless they open an adverbial ("For now, Pantucci
 * said", "Instead, ...", a participle) rather than a subject.
 */
static void
before_appositive(const QCtx *x, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint32_t	ms = q->mention.tok,
				me = ms + q->mention.ntok,
				sent = doc->tok[ms].sentence,
				xs;

	if (q->mention.ntok == 0 || q->cue.ntok == 0 || ms < 2 || !is_punct(doc, ms - 1, ','))
		return;
	if (!is_punct(doc, me - 1, ',') && is_punct(doc, me, ','))
		me++;
	if (!is_punct(doc, me - 1, ',') || me > q->cue.tok || aux_start(x, q->cue.tok, me) != me)
		return;
	for (uint32_t i = ms; i + 1 < me; i++)
		if (is_punct(doc, i, ','))
			return;
	xs = phrase_start(doc, ms - 1, sent, BEFORE_APPOSITIVE_MAX);
	if (xs + 1 >= ms || ms - xs > BEFORE_APPOSITIVE_MAX || !subject_opener(x, xs, sent))
		return;
	set_mention(doc, q, QSPAN(xs, me), NX_QR_BEFORE_APPOSITIVE);
}

/* The name set off after a description (Her campaign manager, Robby
 * Mook, said): PolNeAR takes it in, 103 times in 104. */
static void
name_after_description(const QCtx *x, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint32_t	se = q->mention.tok + q->mention.ntok,
				k;

	if (q->mention.ntok == 0 || !is_word(doc, se - 1) || is_cap(doc, se - 1) ||
		!is_punct(doc, se, ',') || is_pronoun(x, mention_of(q)))
		return;
	for (k = se + 1; k < se + 1 + NAME_AFTER_DESCRIPTION_MAX && k < doc->ntok && speaker_word(x, k) &&
		 doc->tok[k].sentence == doc->tok[se].sentence; k++)
		;
	if (k > se + 1 && is_cap(doc, k - 1) && is_punct(doc, k, ',') &&
		doc->tok[k].sentence == doc->tok[se].sentence)
		set_mention(doc, q, QSPAN(q->mention.tok, k + 1), NX_QR_NAME_AFTER_DESCRIPTION);
}

/* Does the comma at i open an aside (, for one; , meanwhile; , of course)? */
static int
opens_aside(const QCtx *x, uint32_t i, uint32_t e)
{
	const NxDoc *doc = x->doc;

	if (!is_punct(doc, i, ',') || !is_word(doc, i + 1) || is_cap(doc, i + 1))
		return 0;
	return W(x, i + 1, ASIDE) ||
		(nx_tok_ieq(doc, i + 1, "of") && i + 2 < e && nx_tok_ieq(doc, i + 2, "course"));
}

/* The end of m without a time after its name (Gov. Mike Pence on Thursday), or m.e. */
static uint32_t
time_end(const QCtx *x, QSpan m)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = m.s,
				e = m.e,
				t;

	if (e - s >= 4 && nx_tok_ieq(doc, e - 1, "time") && nx_tok_ieq(doc, e - 2, "the") &&
		nx_tok_ieq(doc, e - 3, "at") && (is_cap(doc, e - 4) || doc->tok[e - 4].kind == NX_TOK_PUNCT))
		return e - 3;			/* Rep. Bobby Scott (D-Va.) at the time */
	if (e - s < 3 || !W(x, e - 1, TIME_WORD))
		return e;
	t = e - 1;
	/* Thursday evening, Tuesday night */
	if (t > s + 1 && W(x, t - 1, TIME_WORD) && is_cap(doc, t - 1))
		t--;
	if (W(x, t - 1, TIME_OPENER))
		t--;
	return t > s && is_cap(doc, t - 1) ? t : e;
}

/*
 * The first verb the tagger took into m (Mr. Trump tried to, Black Lives
 * Matter issued a statement, Hillary Clinton to make), or m.e.
 */
static uint32_t
verb_end(const QCtx *x, QSpan m)
{
	const NxDoc *doc = x->doc;

	for (uint32_t i = m.s + 1; i < m.e; i++)
	{
		if (doc->tok[i].kind != NX_TOK_WORD || W(x, i, CLAUSE_WORD))
			break;
		if (W(x, i, SOURCE_VERB) && is_word(doc, i - 1) && !W(x, i - 1, NOT_NAME))
			return i;
		/* an infinitive after a name (prompted Hillary Clinton to make a …) */
		if (nx_tok_ieq(doc, i, "to") && is_cap(doc, i - 1) && !W(x, i - 1, NOT_NAME) && i + 1 < m.e &&
			is_word(doc, i + 1) && !is_cap(doc, i + 1) &&
			!has_class(x, i + 1, NX_WB(ARTICLE) | NX_WB(DETERMINER) | NX_WB(PRONOUN)))
			return i;
		if (i + 1 < m.e && is_cap(doc, i - 1) && !is_cap(doc, i) && !W(x, i - 1, NOT_NAME) &&
			ends_with(doc, i, "ed") && W(x, i + 1, OBJECT_OPENER))
			return i;
	}
	return m.e;
}

/*
 * A source span without what the tagger or cue_subject took in after the
 * name: an aside set off by a comma ("Rush Limbaugh, for one," gives
 * "Rush Limbaugh"), a time right after a name ("Gov. Mike Pence on
 * Thursday") and a verb ("Mr. Trump tried to").  Appositives ("Steve
 * Moody, a small-business owner,"), relative clauses and a time that
 * belongs to the words before it ("a poll released Sunday") stay, as
 * PolNeAR marks them.  Returns the span, and marks q's rules.
 */
static QSpan
trim_source(const QCtx *x, NxQuote *q, QSpan m)
{
	const NxDoc *doc = x->doc;
	uint32_t	e = m.e,
				t;

	if (m.e - m.s < 2)
		return m;
	/* the agent of a passive (a decision announced by Politico): PolNeAR
	 * train starts 231 sources after "by" and 10 with it */
	if (q_on(x, NX_QR_TRIM_BY) && nx_tok_ieq(doc, m.s, "by") && !is_cap(doc, m.s) && is_word(doc, m.s + 1))
	{
		m.s++;
		q_mark(q, NX_QR_TRIM_BY);
	}
	/* the first comma that opens an aside; not one that goes on describing
	 * the speaker (", of Exeter,", ", then 38,", ", now a paid commentator,":
	 * PolNeAR train keeps those in 25 sources of 32) */
	for (uint32_t i = m.s + 1; q_on(x, NX_QR_TRIM_ASIDE) && i + 1 < e; i++)
		if (opens_aside(x, i, e))
		{
			e = i;
			q_mark(q, NX_QR_TRIM_ASIDE);
			break;
		}
	/* a time right after a name, not one that belongs to the words before
	 * it (a poll released Sunday, a WBUR poll last week) */
	if (q_on(x, NX_QR_TRIM_TIME) && (t = time_end(x, QSPAN(m.s, e))) < e)
	{
		e = t;
		q_mark(q, NX_QR_TRIM_TIME);
	}
	/* a verb the tagger took in: the name before it, unless a clause or
	 * aside opens first */
	if (q_on(x, NX_QR_TRIM_VERB) && (t = verb_end(x, QSPAN(m.s, e))) < e)
	{
		e = t;
		q_mark(q, NX_QR_TRIM_VERB);
	}
	if (e > m.s && e < m.e)
		m.e = e;				/* source_comma drops the comma before the cut */
	return m;
}

/*
 * A source that runs into a relative clause set off by a comma or dash
 * and not closed before the cue right after it ("Senator Ted Cruz of
 * Texas, who last year threatened"): the cue is the clause's verb, and
 * the source is the words before the clause.  A closed clause ("Levine,
 * who has given money to Rubio, said") and one without a comma ("some
 * who advocate free speech argue") stay.
 */
static uint32_t
open_clause(const QCtx *x, QSpan m)
{
	const NxDoc *doc = x->doc;

	if (m.e - m.s < 3 || is_punct(doc, m.e - 1, ','))
		return m.e;
	for (uint32_t i = m.s + 1; i + 1 < m.e; i++)
		if ((is_punct(doc, i, ',') || doc->tok[i].kind == NX_TOK_DASH) &&
			W(x, i + 1, CLAUSE_WORD) && !nx_tok_ieq(doc, i + 1, "that"))
			return i;
	return m.e;
}

/*
 * The comma after a source, as PolNeAR marks it: a source with an
 * appositive takes the comma that closes it ("Brian Fallon, a spokesman
 * for Mrs. Clinton, said"), a source without one does not ("Clinton,
 * during ..., said" gives "Clinton").  In its training data 90% of the
 * first kind and 99% of the second are marked so.
 */
static uint32_t
source_comma(const NxDoc *doc, QSpan m)
{
	uint32_t	e = m.e;
	int			inner = 0;

	while (e > m.s + 1 && is_punct(doc, e - 1, ','))
		e--;
	for (uint32_t i = m.s + 1; i + 1 < e && !inner; i++)
		inner = is_punct(doc, i, ',');
	if (inner && e < doc->ntok && is_punct(doc, e, ',') &&
		doc->tok[e].sentence == doc->tok[e - 1].sentence)
		e++;
	return e;
}

/* Trim the mention (trim_source, open_clause, source_comma). */
static void
trim_mention(const QCtx *x, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	QSpan		m;
	uint32_t	e;

	if (q->mention.ntok <= 1)
		return;
	m = trim_source(x, q, mention_of(q));
	if (q_on(x, NX_QR_OPEN_CLAUSE) && q->cue.ntok && q->cue.tok == m.e && (e = open_clause(x, m)) < m.e)
	{
		m.e = e;
		q_mark(q, NX_QR_OPEN_CLAUSE);
	}
	if (q_on(x, NX_QR_SOURCE_COMMA) && (e = source_comma(doc, m)) != m.e)
	{
		m.e = e;
		q_mark(q, NX_QR_SOURCE_COMMA);
	}
	set_span(doc, &q->mention, m);
}

/* Words that open no mention of a speaker (of Republicans, though the
 * group, Since, has drawn attention): on held-out tenths of PolNeAR
 * train none of the 23 sources the tagger opened with one was right. */
static void
drop_non_mention(const QCtx *x, NxQuote *q)
{
	if (q->mention.ntok > 0 && W(x, q->mention.tok, NOT_MENTION_OPENER))
	{
		memset(&q->mention, 0, sizeof(q->mention));
		q_mark(q, NX_QR_DROP_NON_MENTION);
	}
}

/*
 * A mention inside its own content is none, but the main clause's subject
 * after a participle opening the sentence, which the tagger's content
 * may run past (After saying “…,” she was whisked off).
 */
static void
drop_mention_in_content(const QCtx *x, NxQuote *q)
{
	if (q->mention.ntok > 0 && q->mention.tok >= q->content.tok &&
		!nx_quote_rules_has(&q->rules, NX_QR_SUBJECT_OPENING_PARTICIPLE) &&
		q->mention.tok < q->content.tok + q->content.ntok)
	{
		memset(&q->mention, 0, sizeof(q->mention));
		q_mark(q, NX_QR_DROP_MENTION_IN_CONTENT);
	}
}

/*
 * A source after its cue that takes in a relative clause ("said Eric
 * Woolson, who worked for Scott Walker before he dropped out"): the
 * clause runs to the end of the sentence, as PolNeAR train marks 210 such
 * sources in 236, unless a quotation or a participle clause (", citing
 * ...") comes first.
 */
static void
relative_to_end(const QCtx *x, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = q->mention.tok,
				e = s + q->mention.ntok,
				end,
				k;
	int			rel = 0;

	if (q->mention.ntok == 0 || q->cue.ntok == 0 || s < q->cue.tok + q->cue.ntok)
		return;
	for (k = s + 1; k + 1 < e && !rel; k++)
		rel = nx_tok_ieq(doc, k, "who") || nx_tok_ieq(doc, k, "whose");
	if (!rel || is_punct(doc, e - 1, ','))
		return;					/* none, or closed by its comma */
	end = sentence_words_end(doc, s);
	for (k = e; k < end; k++)
		if (is_mark(doc, k) || is_punct(doc, k, ';') || is_punct(doc, k, ':') ||
			(is_punct(doc, k, ',') && k + 1 < end && ends_with(doc, k + 1, "ing")))
			return;
	if (end > e)
		set_mention(doc, q, QSPAN(s, end), NX_QR_RELATIVE_TO_END);
}

/*
 * A source followed by the phrase that says how its people know (three
 * people briefed on the discussions, officials familiar with the plan):
 * the phrase is part of it, as PolNeAR train marks it 53 times in 53, up
 * to the cue, a comma or the sentence's end.
 */
static void
knowing_phrase(const QCtx *x, NxQuote *q)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = q->mention.tok,
				e = s + q->mention.ntok,
				end,
				k;

	if (q->mention.ntok == 0)
		return;
	end = sentence_words_end(doc, s);
	if (q->cue.ntok > 0 && q->cue.tok >= e && q->cue.tok < end)
		end = aux_start(x, q->cue.tok, e);
	if (e + 2 > end || !nx_words_pair(doc, e))
		return;
	for (k = e + 2; k < end; k++)
		if (is_phrase_break(doc, k))
			break;
	if (k > e + 2)
		set_mention(doc, q, QSPAN(s, k), NX_QR_KNOWING_PHRASE);
}

/* A step of the mentions pass, run when its rule is on; NX_QR__COUNT: a
 * step that asks for each of its rules itself. */
typedef struct QMentionStep
{
	NxQuoteRule rule;
	void		(*step) (const QCtx *x, NxQuote *q);
} QMentionStep;

/* The steps, in the order they run on each quotation. */
static const QMentionStep mention_steps[] = {
	{NX_QR_QA_TURN, qa_turn},
	{NX_QR_RELATIVE_CLOSED, relative_closed},
	{NX_QR_CUE_AUXILIARIES, cue_auxiliaries},
	{NX_QR_NAME_PARTICLE, name_particle},
	{NX_QR_MENTION_DETERMINER, mention_determiner},
	{NX_QR_MENTION_TITLE, mention_title},
	{NX_QR_TITLE_ORGANISATION, title_organisation},
	{NX_QR_BEFORE_APPOSITIVE, before_appositive},
	{NX_QR_NAME_AFTER_DESCRIPTION, name_after_description},
	{NX_QR__COUNT, trim_mention},	/* trim_*, open_clause, source_comma */
	{NX_QR_DROP_NON_MENTION, drop_non_mention},
	{NX_QR_DROP_MENTION_IN_CONTENT, drop_mention_in_content},
	{NX_QR_RELATIVE_TO_END, relative_to_end},
	{NX_QR_KNOWING_PHRASE, knowing_phrase},
};

/* The mentions pass. */
NxStatus
q_pass_mentions(QCtx *x)
{
	for (size_t i = 0; i < x->nq; i++)
	{
		if ((i & (INTERRUPT_EVERY - 1)) == 0)
			nx_check_interrupts(x->a);
		for (size_t k = 0; k < sizeof(mention_steps) / sizeof(mention_steps[0]); k++)
			if (mention_steps[k].rule == NX_QR__COUNT || q_on(x, mention_steps[k].rule))
				mention_steps[k].step(x, &x->q[i]);
	}
	return NX_OK;
}
