/*
 * nx_quotes_subject.c
 *	  Who speaks when the tagger found no source: the subject of a cue
 *	  (before it, or inverted after it), the subject of a sentence, and
 *	  the attributions the tagger does not know the words of (a dash and
 *	  a name after a quotation, a name and a verb right after it, a name
 *	  and a colon before it, a reporting verb near it).  Each returns 1
 *	  and sets its spans when it finds one; every scan is bounded.
 */
#include "nx_quotes_int.h"

/*
 * Token s, or the token after an adverb and its comma opening the
 * sentence before cs (However, …; Separately, …; Ultimately, …).
 */
static uint32_t
after_adverb(const QCtx *x, uint32_t s, uint32_t cs)
{
	const NxDoc *doc = x->doc;

	if (s + 2 < cs && is_word(doc, s) && is_punct(doc, s + 1, ',') &&
		(W(x, s, SENTENCE_ADVERB) || ends_with(doc, s, "ly")))
		return s + 2;
	return s;
}

/*
 * The noun phrase right before a cue, back to the sentence's start or a
 * comma (skipping auxiliaries and -ly adverbs between: "The complaint
 * alleged", "her campaign is planning", "They generally agree").
 */
static int
np_before(QCtx *x, uint32_t cs, QSpan *src)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[cs].sentence,
				e = aux_start(x, cs, 0),
				s;

	if (!q_on(x, NX_QR_SUBJECT_NP_BEFORE))
		return 0;
	for (s = e; s > 0 && s + NP_BEFORE_MAX > e && in_sent(doc, s - 1, sent); s--)
		if (is_phrase_break(doc, s - 1) || W(x, s - 1, NP_STOP))
			break;
	if (s == e || s + NP_BEFORE_MAX <= e || !in_sent(doc, s, sent))
		return 0;
	if (!(is_word(doc, e - 1) || is_punct(doc, e - 1, ')') || is_kind(doc, e - 1, NX_TOK_NUMBER)))
		return 0;
	/* "But", "When" ... open no subject; "The", "A" do */
	if (W(x, s, NOT_NAME) && !W(x, s, ARTICLE))
		return 0;
	*src = QSPAN(s, e);
	q_fire(x, NX_QR_SUBJECT_NP_BEFORE);
	return 1;
}

/* Does token s open a phrase before the subject (In May, …; Arriving on the scene, …)? */
static int
opens_intro(const QCtx *x, uint32_t s)
{
	const NxDoc *doc = x->doc;

	return is_word(doc, s) &&
		(W(x, s, INTRO) ||
		 (!is_cap(doc, s + 1) && (ends_with(doc, s, "ing") || ends_with(doc, s, "ed"))));
}

/* Is token e a verb that ends a subject that opens at s (was, left, alleged, says, includes a)? */
static int
subject_verb(const QCtx *x, uint32_t s, uint32_t e)
{
	const NxDoc *doc = x->doc;

	if (W(x, e, AUX) || W(x, e, PAST_VERB) || ends_with(doc, e, "ed"))
		return 1;
	/* a reporting verb, not a noun after a preposition or determiner */
	if (e > s && W(x, e, CUE_VERB) && !has_class(x, e - 1, NX_WB(PREPOSITION) | NX_WB(DETERMINER)))
		return 1;
	/* a word before an article (The agreement includes a pledge) */
	return e > s && is_word(doc, e + 1) && W(x, e + 1, ARTICLE) && !W(x, e, PREPOSITION);
}

/*
 * The subject of sentence sent when it is not a name: after an opening
 * phrase and its comma (In May, a federal judge sided …; Arriving on the
 * scene, police began …) and a conjunction (But other advisers …), the
 * words up to the first verb (subject_verb), at most NP_SUBJECT_MAX,
 * opened by an article or a capitalised word, with no comma, quotation
 * mark or clause word inside.  On held-out tenths of PolNeAR train it
 * gives 53 participles a source, 35 of them exactly right.
 */
static int
np_subject(QCtx *x, uint32_t sent, uint32_t cs, QSpan *src)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = doc->sent[sent].tok,
				e;

	if (!q_on(x, NX_QR_SUBJECT_PHRASE))
		return 0;
	if (is_word(doc, s) && (W(x, s, CONJUNCTION) || nx_tok_ieq(doc, s, "even")))
		s++;
	s = after_adverb(x, s, cs);
	if (opens_intro(x, s))
	{
		/* an opening phrase: the subject starts after its comma */
		for (e = s + 1; e < cs && e < s + INTRO_PHRASE_MAX && !is_punct(doc, e, ','); e++)
			if (is_mark(doc, e))
				return 0;
		if (e >= cs || e >= s + INTRO_PHRASE_MAX)
			return 0;
		s = e + 1;
	}
	if (!is_word(doc, s) || !(is_cap(doc, s) || W(x, s, ARTICLE)) ||
		(W(x, s, DETERMINER) && !W(x, s, ARTICLE)))
		return 0;
	for (e = s; e < cs && e < s + NP_SUBJECT_MAX; e++)
	{
		if (!is_word(doc, e))
		{
			/* a possessive's apostrophe, a hyphen or a number stay inside */
			if (is_kind(doc, e, NX_TOK_APOSTROPHE) || is_kind(doc, e, NX_TOK_NUMBER) ||
				is_punct(doc, e, '-') || is_punct(doc, e, '.'))
				continue;
			return 0;
		}
		if (is_cap(doc, e))
			continue;
		if (subject_verb(x, s, e))
			break;
		if (has_class(x, e, NX_WB(CLAUSE_WORD) | NX_WB(NP_STOP) | NX_WB(SUBJECT_PRONOUN)))
			return 0;
	}
	if (e == s || e >= cs || e >= s + NP_SUBJECT_MAX || !is_word(doc, e - 1) || is_cap(doc, e) ||
		has_class(x, e - 1, NX_WB(DETERMINER) | NX_WB(TIME_NOUN)))
		return 0;
	*src = QSPAN(s, e);
	q_fire(x, NX_QR_SUBJECT_PHRASE);
	return 1;
}

/*
 * Does src look like a person or a body that speaks, rather than an
 * adverb or a headline's capitals opening a sentence: he, she or they, a
 * phrase opened by an article or possessive, or words with a first name
 * or title in them, none of them all capitals but a title (CEO)?
 */
int
person_like(const QCtx *x, QSpan src)
{
	const NxDoc *doc = x->doc;
	int			known = 0;

	if (src.e == src.s + 1 && W(x, src.s, SUBJECT_PRONOUN) && !nx_tok_ieq(doc, src.s, "i"))
		return 1;
	for (uint32_t t = src.s; t < src.e; t++)
	{
		if (is_word(doc, t) && (doc->tok[t].flags & NX_TF_ALL_UPPER) && doc->tok[t].blen > 1 &&
			!W(x, t, TITLE))
			return 0;
		known = known || has_class(x, t, NX_WB(FIRST_NAME) | NX_WB(TITLE));
	}
	return known || W(x, src.s, NP_OPENER);
}

/* The first token after a dateline in capitals and its dash opening a sentence at s. */
static uint32_t
after_dateline(QCtx *x, uint32_t s, uint32_t cs)
{
	const NxDoc *doc = x->doc;
	uint32_t	e;

	for (e = s; e < cs && e < s + DATELINE_WORDS_MAX && is_word(doc, e) &&
		 (doc->tok[e].flags & NX_TF_ALL_UPPER); e++)
		;
	if (e > s && e + 1 < cs && doc->tok[e].kind == NX_TOK_DASH && q_on(x, NX_QR_SUBJECT_DATELINE))
	{
		q_fire(x, NX_QR_SUBJECT_DATELINE);
		return e + 1;
	}
	return s;
}

/*
 * The subject that opens sentence sent, before token cs: a pronoun, or a
 * run of names and titles, with its appositive up to the comma that
 * closes it ("Huma Abedin, vice chairwoman for the campaign, emailed
 * ...").  A word that opens no subject ("But", "When") is stepped over.
 * Else np_subject's words (In May, a federal judge sided …).
 */
int
sentence_subject(QCtx *x, uint32_t sent, uint32_t cs, QSpan *src)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = after_dateline(x, doc->sent[sent].tok, cs),
				e,
				k;

	s = after_adverb(x, s, cs);
	if (W(x, s, NOT_NAME) && s + 1 < cs)
		s++;
	if (is_word(doc, s) && W(x, s, SUBJECT_PRONOUN))
	{
		*src = QSPAN(s, s + 1);
		return 1;
	}
	for (e = s; e < cs && e < s + NAME_RUN_MAX && speaker_word(x, e); e++)
		;
	if (e == s || !is_cap(doc, e - 1))
		return np_subject(x, sent, cs, src);
	/* a participle opening the sentence (Arriving upon the scene, police ...) */
	if (e == s + 1 && ends_with(doc, s, "ing"))
		return np_subject(x, sent, cs, src);
	if (!is_punct(doc, e, ','))
	{
		*src = QSPAN(s, e);
		return 1;
	}
	/* an appositive: to the next comma, then a lower-case verb */
	for (k = e + 1; k < cs && k < e + APPOSITIVE_MAX && in_sent(doc, k, sent) &&
		 !is_punct(doc, k, ',') && !is_mark(doc, k); k++)
		;
	if (q_on(x, NX_QR_SUBJECT_APPOSITIVE) && k > e + 1 && k + 1 < cs && is_punct(doc, k, ',') &&
		is_word(doc, k + 1) && !is_cap(doc, k + 1))
	{
		*src = QSPAN(s, k + 1);
		q_fire(x, NX_QR_SUBJECT_APPOSITIVE);
		return 1;
	}
	return np_subject(x, sent, cs, src);
}

/* Does the cue at cs (its auxiliaries from j) follow the comma after a main clause, as a participle? */
static int
participle_after_clause(const QCtx *x, uint32_t j, uint32_t cs, uint32_t sent)
{
	const NxDoc *doc = x->doc;

	if (j == 0 || !in_sent(doc, j - 1, sent) || !ends_with(doc, cs, "ing"))
		return 0;
	return is_punct(doc, j - 1, ',') ||
		(doc->tok[j - 1].kind == NX_TOK_CLOSE_QUOTE && is_punct(doc, j - 2, ','));
}

/*
 * A subject inverted after its cue: said he (not the subject of what is
 * said: said they wanted …), said Democratic strategist Simon Rosenberg,
 * says a narrator, said the boy (a determiner and a few words, no
 * auxiliary among them, to a comma or the end).
 */
static int
inverted_subject(QCtx *x, QSpan cue, uint32_t sent, QSpan *src)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = cue.e,
				e;

	if (q_on(x, NX_QR_SUBJECT_INVERTED_PRONOUN) && in_sent(doc, s, sent) && is_word(doc, s) &&
		W(x, s, SUBJECT_PRONOUN) && !(in_sent(doc, s + 1, sent) && is_word(doc, s + 1)))
	{
		*src = QSPAN(s, s + 1);
		q_fire(x, NX_QR_SUBJECT_INVERTED_PRONOUN);
		return 1;
	}
	/* a determiner: "a narrator" */
	if (in_sent(doc, s, sent) && !is_cap(doc, s) && is_word(doc, s) && doc->tok[s].blen <= DETERMINER_MAX_BYTES &&
		in_sent(doc, s + 1, sent) && speaker_word(x, s + 1))
		s++;
	e = name_run(x, s, sent);
	if (q_on(x, NX_QR_SUBJECT_INVERTED_NAME) && e > s && is_cap(doc, e - 1))
	{
		*src = QSPAN(cue.e, e);
		q_fire(x, NX_QR_SUBJECT_INVERTED_NAME);
		return 1;
	}
	s = cue.e;
	if (!q_on(x, NX_QR_SUBJECT_INVERTED_PHRASE) || !in_sent(doc, s, sent) || !W(x, s, ARTICLE))
		return 0;
	for (e = s + 1; e < s + 1 + INVERTED_PHRASE_MAX && in_sent(doc, e, sent) && is_word(doc, e) &&
		 !is_cap(doc, e) && !has_class(x, e, NX_WB(CUE_VERB) | NX_WB(SUBORD) | NX_WB(AUX)); e++)
		;
	if (e > s + 1 && (!in_sent(doc, e, sent) || doc->tok[e].kind == NX_TOK_PUNCT))
	{
		*src = QSPAN(s, e);
		q_fire(x, NX_QR_SUBJECT_INVERTED_PHRASE);
		return 1;
	}
	return 0;
}

/*
 * The words before the comma clause that ends right before token j (the
 * cue's auxiliaries): *j becomes the clause's opening comma, *end the
 * subject's end (before a participle clause: "Fiorina, speaking to
 * Iowans, said").  Returns 0 when the clause has no opening comma.
 */
static int
comma_clause(QCtx *x, uint32_t sent, uint32_t *j, uint32_t *end)
{
	const NxDoc *doc = x->doc;
	uint32_t	k = *j - 1;

	while (k > 0 && k + COMMA_CLAUSE_MAX > *j && in_sent(doc, k - 1, sent) &&
		   !is_punct(doc, k - 1, ',') && !is_mark(doc, k - 1) && !x->role[k - 1])
		k--;
	if (k == 0 || k + 1 >= *j || !in_sent(doc, k - 1, sent) || !is_punct(doc, k - 1, ','))
		return 0;
	/* a participle clause (speaking to ...) is not part of the source */
	if (ends_with(doc, k, "ing") || ends_with(doc, k, "ed"))
		*end = k - 1;
	*j = k - 1;
	return 1;
}

/* Words between a form of "be" and its participle, at most (was widely reported). */
#define PASSIVE_GAP_MAX		2

/*
 * Is the cue passive, a form of "be" before its past participle (were
 * admitted, was widely reported, had been told)?  Its subject is the one
 * told or named, not who speaks: on PolNeAR train the source of such a
 * cue is never its subject but for feelings (are concerned, were
 * shocked), which the tagger marks itself.  Not so when a participle of
 * speech follows (was quoted as saying, was heard saying).
 */
static int
passive_cue(const QCtx *x, QSpan cue)
{
	const NxDoc *doc = x->doc;
	uint32_t	v = cue.e - 1,
				sent = doc->tok[v].sentence,
				a = v + 1;

	if (!is_word(doc, v) || !(ends_with(doc, v, "ed") || W(x, v, PAST_VERB)))
		return 0;
	if (in_sent(doc, a, sent) && nx_tok_ieq(doc, a, "as"))
		a++;
	if (in_sent(doc, a, sent) && ends_with(doc, a, "ing"))
		return 0;
	for (uint32_t k = v; k > 0 && v - k <= PASSIVE_GAP_MAX && in_sent(doc, k - 1, sent) &&
		 is_word(doc, k - 1); k--)
	{
		if (W(x, k - 1, BE_FORM))
			return 1;
		if (!aux_or_adverb(x, k - 1))
			break;
	}
	return 0;
}

/* Tokens from an opening participle to its clause's comma, at most. */
#define OPENING_CLAUSE_MAX	60

/*
 * The subject of the main clause after a participle that opens the
 * sentence (After saying "…," she was whisked off; By offering …, Trump
 * won): a subject pronoun or a name right after the first comma whose
 * next word is outside quotation marks.  On PolNeAR train the source of
 * such a participle is that subject in 19 of 20.
 */
static int
opening_participle(QCtx *x, QSpan cue, uint32_t sent, QSpan *src)
{
	const NxDoc *doc = x->doc;
	uint32_t	first = doc->sent[sent].tok;

	if (cue.s != first + 1 || cue.e != cue.s + 1 || !ends_with(doc, cue.s, "ing") ||
		!W(x, first, PARTICIPLE_OPENER))
		return 0;
	for (uint32_t t = cue.e; t < cue.e + OPENING_CLAUSE_MAX && in_sent(doc, t, sent); t++)
	{
		uint32_t	s = t + 1,
					e;

		if (!is_punct(doc, t, ','))
			continue;
		while (in_sent(doc, s, sent) && is_kind(doc, s, NX_TOK_CLOSE_QUOTE))
			s++;
		if (!in_sent(doc, s, sent) || x->inquote[s] || !is_word(doc, s))
			continue;
		if (W(x, s, SUBJECT_PRONOUN))
		{
			*src = QSPAN(s, s + 1);
			return 1;
		}
		e = name_run(x, s, sent);
		if (e > s && ends_cap_word(doc, e - 1))
		{
			*src = QSPAN(s, e);
			return 1;
		}
		return 0;
	}
	return 0;
}

/*
 * The subject of a cue the tagger gave no source: a pronoun or a run of
 * names and titles right before it ("Smith said"), the same with its
 * appositive ("Robert Shrum, a veteran strategist, said", as PolNeAR
 * marks it; a participle clause is not part of it: "Fiorina, speaking to
 * Iowans, said"), or right after it ("said Democratic strategist Simon
 * Rosenberg").  A participle after the main clause ("…, saying") and a
 * second verb ("… and said") take the subject that opens the sentence.
 * For a content without marks, plain_subject says whether to keep it.
 */
int
cue_subject(QCtx *x, QSpan cue, QSpan *src)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[cue.s].sentence;
	uint32_t	j = aux_start(x, cue.s, 0), /* auxiliaries and adverbs before the
											 * verb (Clinton, exasperated,
											 * famously responded) */
				end = j;
	int			clause = 0;

	if (q_on(x, NX_QR_SUBJECT_PASSIVE) && passive_cue(x, cue))
	{
		q_fire(x, NX_QR_SUBJECT_PASSIVE);
		return 0;
	}
	if (q_on(x, NX_QR_SUBJECT_OPENING_PARTICIPLE) && opening_participle(x, cue, sent, src))
	{
		q_fire(x, NX_QR_SUBJECT_OPENING_PARTICIPLE);
		return 1;
	}
	if (q_on(x, NX_QR_SUBJECT_BY_PARTICIPLE) && j > doc->sent[sent].tok + 1 &&
		nx_tok_ieq(doc, j - 1, "by") && ends_with(doc, cue.s, "ing"))
	{
		/* a participle after "by" (Dean began by saying …; Obama ended his
		 * list by noting): the sentence's subject, as on PolNeAR train in
		 * 58 of 76 */
		q_fire(x, NX_QR_SUBJECT_BY_PARTICIPLE);
		return sentence_subject(x, sent, cue.s, src);
	}
	if (q_on(x, NX_QR_SUBJECT_PARTICIPLE) && participle_after_clause(x, j, cue.s, sent))
	{
		/* a participle after the main clause (Cruz belittled it, calling it
		 * "a paperwork error"): the name that opens the sentence */
		q_fire(x, NX_QR_SUBJECT_PARTICIPLE);
		return sentence_subject(x, sent, cue.s, src);
	}
	if (q_on(x, NX_QR_SUBJECT_SECOND_VERB) && j > doc->sent[sent].tok + 2 &&
		(nx_tok_ieq(doc, j - 1, "and") || nx_tok_ieq(doc, j - 1, "but")) && !is_cap(doc, j))
	{
		/* a second verb of the sentence's subject (He walked it back and said ...) */
		q_fire(x, NX_QR_SUBJECT_SECOND_VERB);
		return sentence_subject(x, sent, cue.s, src);
	}
	if (q_on(x, NX_QR_SUBJECT_COMMA_CLAUSE) && j > 0 && in_sent(doc, j - 1, sent) &&
		is_punct(doc, j - 1, ','))
	{
		/* a comma clause: the words before its opening comma */
		if (!comma_clause(x, sent, &j, &end))
			return 0;
		clause = 1;
		q_fire(x, NX_QR_SUBJECT_COMMA_CLAUSE);
	}
	if (j > 0 && in_sent(doc, j - 1, sent))
	{
		uint32_t	s = j;

		if (q_on(x, NX_QR_SUBJECT_RELATIVE) && j == end && !clause && is_relative(doc, j - 1))
		{
			/* a relative clause's verb (the police department which
			 * reported): PolNeAR marks the pronoun its source */
			*src = QSPAN(j - 1, j);
			q_fire(x, NX_QR_SUBJECT_RELATIVE);
			return 1;
		}
		if (q_on(x, NX_QR_SUBJECT_PRONOUN) && j == end && is_word(doc, j - 1) &&
			W(x, j - 1, SUBJECT_PRONOUN))
		{
			*src = QSPAN(j - 1, j);
			q_fire(x, NX_QR_SUBJECT_PRONOUN);
			return 1;
		}
		while (s > 0 && j - s < NAME_RUN_MAX && in_sent(doc, s - 1, sent) && speaker_word(x, s - 1))
			s--;
		if (q_on(x, NX_QR_SUBJECT_NAME) && s < j && ends_cap_word(doc, j - 1))
		{
			*src = QSPAN(s, end);
			q_fire(x, NX_QR_SUBJECT_NAME);
			return 1;
		}
		if (clause)
			return np_before(x, j, src);
	}
	if (inverted_subject(x, cue, sent, src))
		return 1;
	return !clause && np_before(x, j, src);
}

/*
 * Whether src, found by cue_subject for a cue at cs that the tagger did
 * not tag, in a content without quotation marks, is plainly the cue's
 * subject: right before it, opening its sentence or a clause (after a
 * comma or a conjunction), a name, he, she or a phrase opened by an
 * article, and no verb inside ("Bloomberg started publishing").  Other
 * subjects found there are right less than a third of the time on
 * held-out tenths of PolNeAR train ("I", "we", the end of a longer name).
 */
int
plain_subject(const QCtx *x, QSpan src, uint32_t cs)
{
	const NxDoc *doc = x->doc;
	uint32_t	v = aux_start(x, cs, 0);

	/* right before it, or the sentence's subject of a participle after
	 * its main clause (Kasich has won endorsements …, supporting …) */
	if (src.e != v && !(v > 0 && is_punct(doc, v - 1, ',') && ends_with(doc, cs, "ing")))
		return 0;
	if (src.s > doc->sent[doc->tok[src.s].sentence].tok && !is_punct(doc, src.s - 1, ',') &&
		!W(x, src.s - 1, NP_STOP))
		return 0;
	for (uint32_t i = src.s + 1; i < src.e; i++)
		if (W(x, i, AUX) || (is_word(doc, i) && !is_cap(doc, i) && ends_with(doc, i, "ed")))
			return 0;
	return nx_tok_ieq(doc, src.s, "he") || nx_tok_ieq(doc, src.s, "she") || W(x, src.s, ARTICLE) ||
		(is_cap(doc, src.s) && !W(x, src.s, SUBJECT_PRONOUN));
}

/* Is token e a word that ends no inverted noun phrase (an auxiliary, a clause word, a participle)? */
static int
breaks_np(const QCtx *x, uint32_t e)
{
	const NxDoc *doc = x->doc;

	return has_class(x, e, NX_WB(AUX) | NX_WB(CLAUSE_WORD) | NX_WB(NP_STOP) |
					 NX_WB(PREPOSITION) | NX_WB(SUBORD)) ||
		(!is_cap(doc, e) && ends_with(doc, e, "ed"));
}

/*
 * A noun phrase right after an inverted cue at token t, up to a comma or
 * its sentence's end (his campaign manager Jeff Weaver): a determiner or
 * possessive at most, then at most INVERTED_NP_WORDS words, names and
 * titles or lower-case nouns, one of them capitalised, with no auxiliary,
 * -ed word, preposition or clause word among them.
 */
int
inverted_np(const QCtx *x, uint32_t t, QSpan *src)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent,
				e,
				cap = 0;

	if (t >= doc->ntok || !is_word(doc, t))
		return 0;
	sent = doc->tok[t].sentence;
	e = t;
	if (W(x, e, NP_OPENER))
		e++;
	for (; e < t + INVERTED_NP_WORDS + 1 && in_sent(doc, e, sent) && is_word(doc, e); e++)
	{
		if (breaks_np(x, e))
			return 0;
		cap += is_cap(doc, e);
	}
	if (e == t || !cap)
		return 0;
	if (in_sent(doc, e, sent) && !is_punct(doc, e, ',') && doc->tok[e].kind != NX_TOK_PUNCT)
		return 0;
	*src = QSPAN(t, e);
	return 1;
}

/*
 * A reporting verb for a content c the tagger gave no cue: the nearest
 * word of the cue-verb class within NEAR_VERB_WINDOW tokens of either
 * end, in the same sentence.  Returns its token or -1.
 */
long
near_cue_verb(const QCtx *x, QSpan c)
{
	const NxDoc *doc = x->doc;
	uint32_t	ls = doc->tok[c.s].sentence,
				rs = doc->tok[c.e - 1].sentence;

	for (uint32_t d = 0; d < NEAR_VERB_WINDOW; d++)
	{
		if (in_sent(doc, c.e + d, rs) && W(x, c.e + d, CUE_VERB))
			return (long) (c.e + d);
		if (c.s >= d + 1 && in_sent(doc, c.s - d - 1, ls) && W(x, c.s - d - 1, CUE_VERB))
			return (long) (c.s - d - 1);
	}
	return -1;
}

/* Is the paragraph of token i one short one right after that of token e - 1, opened by i? */
static int
dash_paragraph(const NxDoc *doc, uint32_t i, uint32_t e)
{
	uint32_t	p = para_of(doc, i),
				n = 0;

	if (p != para_of(doc, e - 1) + 1 || (i > 0 && para_of(doc, i - 1) == p))
		return 0;
	for (uint32_t j = i; j < doc->ntok && para_of(doc, j) == p && n <= DASH_PARAGRAPH_MAX; j++)
		n++;
	return n <= DASH_PARAGRAPH_MAX;
}

/*
 * A dash attribution after a quotation ending at e (“…” — Commissioner
 * X): the dash is the cue and the words after it, to the end of the
 * sentence, the source.  The dash ends the paragraph or opens a short
 * one of its own.
 */
int
dash_source(const QCtx *x, uint32_t e, QAttr *at)
{
	const NxDoc *doc = x->doc;
	uint32_t	i = e,
				j;

	/* trailing punctuation after the closing mark (”.) */
	while (i < doc->ntok && i < e + TRAILING_PUNCT_MAX && para_of(doc, i) == para_of(doc, e - 1) &&
		   (is_punct(doc, i, '.') || is_punct(doc, i, ',')))
		i++;
	if (i >= doc->ntok || !(doc->tok[i].kind == NX_TOK_DASH || is_punct(doc, i, '-')))
		return 0;
	if (para_of(doc, i) != para_of(doc, e - 1) && !dash_paragraph(doc, i, e))
		return 0;
	if (!is_cap(doc, i + 1))
		return 0;
	for (j = i + 1; j < doc->ntok && j < i + 1 + DASH_NAME_MAX && para_of(doc, j) == para_of(doc, i); j++)
		if (doc->tok[j].kind != NX_TOK_WORD && !(doc->tok[j].flags & NX_TF_ABBREV))
			break;
	at->cue = QSPAN(i, i + 1);
	at->src = QSPAN(i + 1, j);
	return 1;
}

/*
 * A round-up paragraph signed at its end (“…” And that's all he has
 * “…” ― Christina Lastra.): the token after the closing mark before the
 * paragraph's closing dash and name, when words stand between e (the
 * end of a content of the paragraph) and that mark; else 0.
 */
uint32_t
signed_paragraph(const QCtx *x, uint32_t e)
{
	const NxDoc *doc = x->doc;
	uint32_t	p = para_of(doc, e - 1),
				t = x->para_tok[p + 1],
				words = 0;

	/* the name and its period, back to the dash */
	while (t > e && is_punct(doc, t - 1, '.'))
		t--;
	while (t > e && words <= DASH_NAME_MAX &&
		   (is_word(doc, t - 1) || (doc->tok[t - 1].flags & NX_TF_ABBREV)))
		t--, words++;
	if (words == 0 || t <= e || !(is_kind(doc, t - 1, NX_TOK_DASH) || is_punct(doc, t - 1, '-')))
		return 0;
	/* the closing mark before it, past its trailing punctuation (”.) */
	for (t--; t > e && (is_punct(doc, t - 1, '.') || is_punct(doc, t - 1, ',')); t--)
		;
	if (t <= e || !is_kind(doc, t - 1, NX_TOK_CLOSE_QUOTE))
		return 0;
	/* words between the content and that mark: not the content's own (cue_dash) */
	for (uint32_t k = e; k + 1 < t; k++)
		if (is_word(doc, k))
			return t;
	return 0;
}

/* The end of a name, pronoun or an article's phrase to a name opening at s, or s. */
static uint32_t
closing_source(const QCtx *x, uint32_t s, uint32_t sent)
{
	const NxDoc *doc = x->doc;
	uint32_t	t = s;

	if (W(x, t, SUBJECT_PRONOUN) && !nx_tok_ieq(doc, t, "i") && !nx_tok_ieq(doc, t, "we"))
		return t + 1;
	if (W(x, t, ARTICLE))
		for (t++; t < s + ARTICLE_PHRASE_MAX && is_word(doc, t) && !is_cap(doc, t) && !W(x, t, AUX); t++)
			;
	t = name_run(x, t, sent);
	return t == s || !is_cap(doc, t - 1) ? s : t;
}

/* Is token v a lower-case verb that can follow a quotation's source (went on, retaliated)? */
static int
closing_verb(const QCtx *x, uint32_t v, uint32_t sent)
{
	const NxDoc *doc = x->doc;

	return in_sent(doc, v, sent) && is_word(doc, v) && !is_cap(doc, v) &&
		!has_class(x, v, NX_WB(AUX) | NX_WB(CLAUSE_WORD) | NX_WB(NP_STOP));
}

/*
 * After a quotation that ends in a comma, ? or ! inside its closing mark
 * at e - 1, the attribution the tagger did not know the verb of, right
 * after it in its paragraph: a name, he, she or they, or an article's
 * short phrase up to a capitalised word (an angry Hollande), then a
 * lower-case verb (“…,” Trump went on; “…!” she retaliated), or the verb
 * in -ed first and then a name (“…!” beamed Donald Hartley).  What
 * follows is the sentence's end or a comma, or a particle (went on).
 */
int
closing_attribution(const QCtx *x, uint32_t e, QAttr *at)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent,
				t,
				v;

	/* bounded: a run of closing marks is looked at to CLOSING_MARKS_MAX back */
	if (e < 3 || e >= doc->ntok || doc->tok[e - 1].kind != NX_TOK_CLOSE_QUOTE ||
		!ends_in_mark(doc, e > CLOSING_MARKS_MAX ? e - CLOSING_MARKS_MAX : 0, e - 1))
		return 0;
	/* in the quotation's paragraph; its sentence may end at ?” or !” */
	if (para_of(doc, e) != para_of(doc, e - 1) || !is_word(doc, e))
		return 0;
	sent = doc->tok[e].sentence;
	/* the source first */
	v = closing_source(x, e, sent);
	if (v > e)
	{
		if (!closing_verb(x, v, sent))
			return 0;
		t = v + 1;
		if (is_word(doc, t) && (nx_tok_ieq(doc, t, "on") || nx_tok_ieq(doc, t, "back")))
			t++;
		if (in_sent(doc, t, sent) && is_word(doc, t))
			return 0;
		at->src = QSPAN(e, v);
		at->cue = QSPAN(v, t);
		return 1;
	}
	/* the verb first, then a name */
	v = e;
	if (is_cap(doc, v) || has_class(x, v, NX_WB(AUX) | NX_WB(CLAUSE_WORD) | NX_WB(NP_STOP)) ||
		!ends_with(doc, v, "ed"))
		return 0;
	t = name_run(x, v + 1, sent);
	if (t == v + 1 || !is_cap(doc, t - 1) ||
		(in_sent(doc, t, sent) && is_word(doc, t) && !nx_tok_ieq(doc, t, "of")))
		return 0;
	at->cue = QSPAN(v, v + 1);
	at->src = QSPAN(v + 1, t);
	return 1;
}

/*
 * A name and a colon before a content at s, at the start of its
 * sentence: the headline's and the transcript's attribution (Kasich:
 * ‘We Are Going …’, Matthews: Well, speculation is bad).  The colon is
 * the cue.
 */
int
colon_speaker(const QCtx *x, uint32_t s, QAttr *at)
{
	const NxDoc *doc = x->doc;
	uint32_t	colon = s,
				first;

	if (colon == 0 || !is_punct(doc, colon - 1, ':'))
		return 0;
	colon--;
	first = doc->sent[doc->tok[colon].sentence].tok;
	if (colon == first || colon - first > COLON_SPEAKER_MAX)
		return 0;
	for (uint32_t i = first; i < colon; i++)
		if (!speaker_word(x, i) || W(x, i, TITLE))
			return 0;
	if (!is_cap(doc, colon - 1))
		return 0;
	at->cue = QSPAN(colon, colon + 1);
	at->src = QSPAN(first, colon);
	return 1;
}
