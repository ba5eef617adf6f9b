/*
 * nx_quotes_phrase.c
 *	  Phrases around a token, for the quotation rules: word counts, the
 *	  ends of sentences and phrases, auxiliaries before a verb, runs of
 *	  names and titles, pronouns and relative pronouns, and which
 *	  sentences are headlines.  Every scan is
 *	  bounded by its caller's limit or by a named bound.
 */
#include "nx_quotes_int.h"

/* Words (and numbers) of [s, e), counted up to max. */
uint32_t
count_words(const NxDoc *doc, uint32_t s, uint32_t e, uint32_t max)
{
	uint32_t	n = 0;

	for (uint32_t i = s; i < e && n < max; i++)
		n += doc->tok[i].kind == NX_TOK_WORD || doc->tok[i].kind == NX_TOK_NUMBER;
	return n;
}

/* Words of [s, e), numbers left out, counted up to max. */
uint32_t
count_plain_words(const NxDoc *doc, uint32_t s, uint32_t e, uint32_t max)
{
	uint32_t	n = 0;

	for (uint32_t i = s; i < e && n < max; i++)
		n += doc->tok[i].kind == NX_TOK_WORD;
	return n;
}

/* Is [s, e) a short phrase (SHORT_PHRASE_WORDS words at most)? */
int
short_phrase(const NxDoc *doc, uint32_t s, uint32_t e)
{
	uint32_t	words = 0;

	for (uint32_t t = s; t < e && words <= SHORT_PHRASE_WORDS; t++)
		words += doc->tok[t].kind == NX_TOK_WORD;
	return words <= SHORT_PHRASE_WORDS;
}

/*
 * The end of tokens [first, end) without the punctuation that ends them,
 * closing marks kept (… “Orchid.” stays whole, … said. loses its period).
 */
uint32_t
punct_end(const NxDoc *doc, uint32_t first, uint32_t end)
{
	while (end > first && doc->tok[end - 1].kind == NX_TOK_PUNCT)
		end--;
	return end;
}

/* The end of [first, end) without its final punctuation and closing marks. */
uint32_t
words_end(const NxDoc *doc, uint32_t first, uint32_t end)
{
	while (end > first && (doc->tok[end - 1].kind == NX_TOK_PUNCT ||
						   doc->tok[end - 1].kind == NX_TOK_CLOSE_QUOTE))
		end--;
	return end;
}

/* The end of the words of token t's sentence (words_end of all of it). */
uint32_t
sentence_words_end(const NxDoc *doc, uint32_t t)
{
	const NxSentence *st = &doc->sent[doc->tok[t].sentence];

	return words_end(doc, t, st->tok + st->ntok);
}

/*
 * The first token of the phrase that ends before token t, in sentence
 * sent: back to a comma, semicolon, colon, quotation mark or dash, or to
 * the sentence's start, and at most limit tokens (t - limit when it runs
 * that far, which callers take as no phrase).
 */
uint32_t
phrase_start(const NxDoc *doc, uint32_t t, uint32_t sent, uint32_t limit)
{
	uint32_t	k;

	for (k = t; k > 0 && t - k < limit && in_sent(doc, k - 1, sent); k--)
		if (is_phrase_break(doc, k - 1))
			break;
	return k;
}

/* Is token i an auxiliary or an -ly adverb, as stand between a subject and its verb? */
int
aux_or_adverb(const QCtx *x, size_t i)
{
	const NxToken *t = &x->doc->tok[i];

	return W(x, i, AUX) ||
		(t->blen > 3 && memcmp(x->doc->text + t->b + t->blen - 2, "ly", 2) == 0);
}

/*
 * The first of up to AUX_RUN_MAX auxiliaries and adverbs right before
 * token t in its sentence, not before token floor (t itself if none).
 */
uint32_t
aux_start(const QCtx *x, uint32_t t, uint32_t floor)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[t].sentence,
				j = t;

	while (j > floor && t - j < AUX_RUN_MAX && in_sent(doc, j - 1, sent) &&
		   is_word(doc, j - 1) && !is_cap(doc, j - 1) && aux_or_adverb(x, j - 1))
		j--;
	return j;
}

/* Can token i be part of a speaker's name or title? */
int
speaker_word(const QCtx *x, size_t i)
{
	const NxDoc *doc = x->doc;

	if (is_cap(doc, i) || (doc->tok[i].flags & NX_TF_ABBREV))
		return !has_class(x, i, NX_WB(CUE_VERB) | NX_WB(PRONOUN) | NX_WB(NOT_NAME));
	/* the hyphen and the part after it of a capitalised word (Park Geun-hye) */
	if (ends_cap_word(doc, i) || (i + 1 < doc->ntok && !is_cap(doc, i + 1) && ends_cap_word(doc, i + 1)))
		return 1;
	return is_word(doc, i) && W(x, i, TITLE);
}

/*
 * The end of a run of at most NAME_RUN_MAX words of a name or title from
 * token s, in sentence sent (s when there is none).
 */
uint32_t
name_run(const QCtx *x, uint32_t s, uint32_t sent)
{
	uint32_t	e;

	for (e = s; e < s + NAME_RUN_MAX && in_sent(x->doc, e, sent) && speaker_word(x, e); e++)
		;
	return e;
}

/*
 * Does the quotation whose closing mark is token close end in a comma, ?
 * or ! before it, or before the closing marks of quotations inside it
 * (,’”)?  Tokens at or before floor are not looked at.
 */
int
ends_in_mark(const NxDoc *doc, uint32_t floor, uint32_t close)
{
	uint32_t	last = close - 1;

	while (last > floor + 1 && doc->tok[last].kind == NX_TOK_CLOSE_QUOTE)
		last--;
	return last > floor && (is_punct(doc, last, ',') || is_punct(doc, last, '?') ||
							is_punct(doc, last, '!'));
}

/*
 * Does the quotation opening at token o follow a participle of speech
 * after a comma (the band leader called bigwigs to the stage, singing
 * “It's Our Time.”)?  That participle is its cue, nearer than any before.
 */
int
participle_before(const QCtx *x, uint32_t o)
{
	return o >= 2 && W(x, o - 1, SPEECH_PARTICIPLE) && is_punct(x->doc, o - 2, ',');
}

/* Is the mention m a personal pronoun of one person (he, she, him ...)? */
int
is_pronoun(const QCtx *x, QSpan m)
{
	return m.e == m.s + 1 && W(x, m.s, PRONOUN) && W(x, m.s, PERSONAL_PRONOUN);
}

/*
 * A mention that is only a relative pronoun after a comma ("McCaskill
 * (D-Mo.), who has endorsed Clinton, said"): the words it refers to, back
 * from the comma to the one before or the sentence's start.  When the
 * cue is the clause's own verb ("Graham, who has vowed that ...") the
 * mention stays "who", as PolNeAR marks it (173 times in 178), and the
 * speaker is read from these words.  Returns 1 and sets *m when there are.
 */
int
relative_source(const QCtx *x, QSpan *m)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = m->s,
				k;

	if (m->e != s + 1 || s < 2 || !is_relative(doc, s) || !is_punct(doc, s - 1, ','))
		return 0;
	k = phrase_start(doc, s - 1, doc->tok[s].sentence, RELATIVE_ANTECEDENT_MAX);
	if (k + RELATIVE_ANTECEDENT_MAX + 1 <= s || k + 1 >= s || !is_word(doc, k))
		return 0;
	*m = QSPAN(k, s - 1);
	return 1;
}

/* Words of a headline, at least, and the share of them capitalised, in percent. */
#define HEADLINE_MIN_WORDS	6
#define HEADLINE_CAP_PERCENT 80

/* Which sentences are headlines, their words capitalised (Hillary Clinton Goes After Trump). */
void
q_find_headlines(QCtx *x)
{
	const NxDoc *doc = x->doc;

	for (size_t k = 0; k < doc->nsent; k++)
	{
		const NxSentence *sn = &doc->sent[k];
		uint32_t	words = 0,
					caps = 0;

		for (uint32_t t = sn->tok; t < sn->tok + sn->ntok; t++)
		{
			if ((t & 4095) == 0)
				nx_check_interrupts(x->a);
			if (is_word(doc, t))
			{
				words++;
				caps += is_cap(doc, t);
			}
		}
		x->headline[k] = words >= HEADLINE_MIN_WORDS && caps * 100 >= words * HEADLINE_CAP_PERCENT;
	}
}
