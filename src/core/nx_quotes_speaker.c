/*
 * nx_quotes_speaker.c
 *	  The speakers pass: the name each quotation's mention refers to, from
 *	  the names and entities of the document (nx_quotes_names.c), in
 *	  document order:
 *	   - a relative pronoun after a comma (Graham, who …) speaks for the
 *		 words before it;
 *	   - a mention holding a name (Sen. Marco Rubio, Jane Roe, an analyst
 *		 at Acme; not a name followed by 's) gives that name's entity;
 *	   - a personal pronoun (he, she, it, they) gives the entity that
 *		 agrees with it (he a man or a person not known to be a woman,
 *		 she the other way round, it an organisation; they none: most
 *		 often several people) and scores best among those named before it
 *		 (pronoun_score: who spoke the quotation before, who opened a
 *		 sentence, how near and how often named);
 *	   - a definite description (the mayor, the Indiana governor, the
 *		 newspaper) gives the entity named before it with that role
 *		 (nx_quotes_roles.c);
 *	   - anything else (a doctor, officials) is its own speaker: no name
 *		 is made up for it.
 *	  The speaker is the entity's fullest name (Vladimir Putin for Putin),
 *	  and its type says which key it gets.
 */
#include "nx_quotes_int.h"

/* Names before a pronoun weighed as its antecedent, at most. */
#define PRONOUN_CANDIDATES	40

/* Sentences back a pronoun's antecedent is weighed in, at most. */
#define PRONOUN_SENTENCES	12

/* The pronouns that resolve, by what they agree with. */
typedef enum QPronoun
{
	PR_NONE = 0,
	PR_MALE,					/* he, him, his */
	PR_FEMALE,					/* she, her, hers */
	PR_THING,					/* it, its */
	PR_GROUP,					/* they, them, their */
	PR_PERSON					/* a description of an office (the nominee) */
} QPronoun;

/* The features of an antecedent (pronoun_score). */
typedef enum QFeature
{
	F_PREV_SPEAKER = 0,			/* spoke the quotation before */
	F_SAME_SENTENCE,			/* named in the pronoun's sentence */
	F_SUBJECT,					/* its name opens a sentence */
	F_SENTENCES,				/* sentences back to its name (up to 6) */
	F_RANK,						/* antecedents named since (up to 6) */
	F_NAMES,					/* names of it so far (up to 4) */
	F_GENDER,					/* its gender is the pronoun's */
	F_IN_QUOTE,					/* its name is inside a quotation */
	F_QUOTED,					/* it spoke before in the article */
	F_PARAGRAPH,				/* named in the pronoun's paragraph */
	F__COUNT
} QFeature;

/* Weights of the features when the model has none (an explicit ordering). */
static const float default_weights[F__COUNT] = {
	[F_PREV_SPEAKER] = 3.0f,
	[F_SAME_SENTENCE] = 0.5f,
	[F_SUBJECT] = 1.0f,
	[F_SENTENCES] = -0.7f,
	[F_RANK] = -0.3f,
	[F_NAMES] = 0.5f,
	[F_GENDER] = 1.0f,
	[F_IN_QUOTE] = -2.0f,
	[F_QUOTED] = 1.0f,
	[F_PARAGRAPH] = 0.5f,
};

/* The state of the pass: names seen so far, who spoke. */
typedef struct SpeakerState
{
	size_t		next_name;		/* names before this index are behind */
	int32_t    *last_name;		/* [nent] an entity's latest name so far, -1 */
	uint32_t   *names;			/* [nent] its names so far */
	uint32_t   *spoke;			/* [nent] quotations it spoke so far */
	int32_t		prev_speaker;	/* entity of the quotation before, -1 */
	uint32_t	prev_para;
} SpeakerState;

/* What a one-token mention at token t is, as a pronoun. */
static QPronoun
pronoun_kind(const QCtx *x, uint32_t t)
{
	static const struct
	{
		const char *word;
		QPronoun	kind;
	}			pronouns[] = {
		{"he", PR_MALE}, {"him", PR_MALE}, {"his", PR_MALE},
		{"she", PR_FEMALE}, {"her", PR_FEMALE}, {"hers", PR_FEMALE},
		{"it", PR_THING}, {"its", PR_THING},
		{"they", PR_GROUP}, {"them", PR_GROUP}, {"their", PR_GROUP},
	};

	if (!W(x, t, PRONOUN))
		return PR_NONE;
	for (size_t k = 0; k < sizeof(pronouns) / sizeof(pronouns[0]); k++)
		if (nx_tok_ieq(x->doc, t, pronouns[k].word))
			return pronouns[k].kind;
	return PR_NONE;
}

/* Does entity e agree with a pronoun of kind k? */
static int
agrees(const QEntity *e, QPronoun k)
{
	switch (k)
	{
		case PR_MALE:
			return (e->type == QT_PERSON || e->type == QT_UNKNOWN) && e->gender != QG_FEMALE;
		case PR_FEMALE:
			return (e->type == QT_PERSON || e->type == QT_UNKNOWN) && e->gender != QG_MALE;
		case PR_THING:
			return e->type == QT_ORG;
		case PR_GROUP:
			return 0;			/* they: most often several people, no one named */
		case PR_PERSON:
			return e->type == QT_PERSON;
		default:
			return 0;
	}
}

/* Advance the names seen to those before token t. */
static void
names_before(QCtx *x, SpeakerState *ss, uint32_t t)
{
	for (; ss->next_name < x->nname && x->name[ss->next_name].s < t; ss->next_name++)
	{
		const QName *n = &x->name[ss->next_name];

		if (n->entity < 0)
			continue;
		ss->last_name[n->entity] = (int32_t) ss->next_name;
		ss->names[n->entity]++;
	}
}

static inline float
cap_at(uint32_t v, uint32_t max)
{
	return (float) (v < max ? v : max);
}

/* The features of entity e as the antecedent of a pronoun at token t. */
static void
pronoun_features(const QCtx *x, const SpeakerState *ss, int32_t e, uint32_t rank,
				 QPronoun k, uint32_t t, float *f)
{
	const NxDoc *doc = x->doc;
	const QName *n = &x->name[ss->last_name[e]];
	uint32_t	sent = doc->tok[t].sentence;

	memset(f, 0, F__COUNT * sizeof(float));
	f[F_PREV_SPEAKER] = e == ss->prev_speaker && ss->prev_para + 2 >= para_of(doc, t);
	f[F_SAME_SENTENCE] = n->sent == sent;
	f[F_SUBJECT] = n->subject;
	f[F_SENTENCES] = cap_at(sent - n->sent, 6);
	f[F_RANK] = cap_at(rank, 6);
	f[F_NAMES] = cap_at(ss->names[e], 4);
	f[F_GENDER] = (k == PR_MALE && x->ent[e].gender == QG_MALE) ||
		(k == PR_FEMALE && x->ent[e].gender == QG_FEMALE);
	f[F_IN_QUOTE] = n->inquote;
	f[F_QUOTED] = ss->spoke[e] > 0;
	f[F_PARAGRAPH] = para_of(doc, n->s) == para_of(doc, t);
}

/* The antecedent of a pronoun of kind k at token t, or -1. */
static int32_t
pronoun_antecedent(const QCtx *x, const SpeakerState *ss, QPronoun k, uint32_t t)
{
	const NxDoc *doc = x->doc;
	const float *w = default_weights;
	int32_t		best = -1;
	float		best_score = 0;
	uint32_t	rank = 0,
				seen = 0;

	/* the names before it, newest first: each entity at its latest name */
	for (size_t i = ss->next_name; i-- > 0 && seen < PRONOUN_CANDIDATES;)
	{
		const QName *n = &x->name[i];
		int32_t		e = n->entity;
		float		f[F__COUNT],
					score = 0;

		if (doc->tok[t].sentence - n->sent > PRONOUN_SENTENCES)
			break;
		seen++;
		if (e < 0 || ss->last_name[e] != (int32_t) i)
			continue;			/* not its latest name */
		if (!agrees(&x->ent[e], k))
			continue;
		pronoun_features(x, ss, e, rank++, k, t, f);
		for (int j = 0; j < F__COUNT; j++)
			score += w[j] * f[j];
		if (best < 0 || score > best_score)
		{
			best = e;
			best_score = score;
		}
	}
	return best;
}

/* Does token t end the first noun phrase of a mention (, ( ; : dash who and or)? */
static int
phrase_end(const QCtx *x, uint32_t t)
{
	static const char *const words[] = {"who", "whose", "which", "and", "or"};
	const NxDoc *doc = x->doc;

	if (is_punct(doc, t, ',') || is_punct(doc, t, '(') || is_punct(doc, t, ';') ||
		is_punct(doc, t, ':') || is_kind(doc, t, NX_TOK_DASH))
		return 1;
	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (nx_tok_ieq(doc, t, words[k]))
			return 1;
	return 0;
}

/* Is token t a preposition that opens a phrase after the head (of, at, from, for, with, in, on)? */
static int
head_preposition(const QCtx *x, uint32_t t)
{
	static const char *const words[] = {"of", "at", "from", "for", "with", "in", "on"};

	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (nx_tok_ieq(x->doc, t, words[k]))
			return 1;
	return 0;
}

/*
 * The name a mention m is about, or -1: in its first noun phrase, the last
 * name no lower-case word of the phrase follows (White House press
 * secretary Josh Earnest, Jane Roe, an analyst at Acme; not The Indiana
 * governor, whose head is a noun), ending at a preposition after it (John
 * Doe of the Institute) and not the object of one (a partner at Lenox;
 * but Secretary of State John Kerry); else a name set off right after
 * that phrase (His former partner at Lenox, Lawrence Cummings); else a
 * lone possessive name (Stumpf's).
 */
static int32_t
head_name(const QCtx *x, QSpan m)
{
	const NxDoc *doc = x->doc;
	int32_t		head = -1,
				last = -1;		/* the last name, a possessive too */
	uint32_t	t,
				prep = UINT32_MAX;	/* the preposition before, when no head yet */

	for (t = m.s; t < m.e && !phrase_end(x, t); t++)
	{
		int32_t		k = x->name_of[t];

		if (k >= 0)
		{
			/* the object of a preposition (at Lenox, of the Times) is no head */
			int			object = prep != UINT32_MAX &&
				(t == prep + 1 || (t == prep + 2 && W(x, prep + 1, ARTICLE)));

			head = x->name[k].possessive || object ? -1 : k;
			last = object ? -1 : k;
			t = x->name[k].e - 1;
		}
		else if (head_preposition(x, t))
		{
			if (head >= 0)
				break;
			prep = t;
		}
		else if (is_word(doc, t) && !is_cap(doc, t))
		{
			/* a document's author speaks through it (an IMF report, Ivana
			 * Trump's brief); else the name modifies a noun after it */
			if (last >= 0 && W(x, t, DOCUMENT_NOUN) && x->name[last].e + 1 + x->name[last].possessive >= t)
				return last;
			head = last = -1;
		}
	}
	if (head >= 0)
		return head;
	/* a name set off after a description */
	for (; t < m.e && (is_punct(doc, t, ',') || !is_word(doc, t)); t++)
		;
	if (t > m.s && t < m.e && is_punct(doc, t - 1, ',') && x->name_of[t] >= 0 &&
		x->name[x->name_of[t]].s == t)
		return x->name_of[t];
	/* a possessive name alone (Stumpf's) */
	if (x->name_of[m.s] >= 0 && x->name[x->name_of[m.s]].s == m.s &&
		x->name[x->name_of[m.s]].e + 1 == m.e && x->name[x->name_of[m.s]].possessive)
		return x->name_of[m.s];
	return -1;
}

/* Set q's speaker to entity e's fullest name. */
static void
speak_entity(QCtx *x, NxQuote *q, int32_t e, NxQuoteRule r)
{
	const QEntity *ent = &x->ent[e];
	const QName *b = &x->name[ent->best];

	set_span(x->doc, &q->speaker, QSPAN(b->s, b->e));
	q->speaker_type = ent->type == QT_PERSON ? NX_ST_PERSON :
		ent->type == QT_ORG || ent->type == QT_PLACE ? NX_ST_ORG : NX_ST_NONE;
	q_mark(q, r);
}

/*
 * The speaker of a description m: the entity the article described so
 * before, else, for an office one person holds (the nominee, The New
 * York businessman), the person most in view, as for a pronoun of the
 * role's gender.  Returns the entity or -1.
 */
static int32_t
description_speaker(QCtx *x, SpeakerState *ss, NxQuote *q, QSpan m)
{
	uint32_t	role;
	int32_t		e = q_description_entity(x, m, ss->next_name, &role);

	if (e < 0 && role != UINT32_MAX)
	{
		uint8_t		g = nx_words_abbrev(x->doc, role) & NX_WB(MALE_WORD) ? QG_MALE :
			nx_words_abbrev(x->doc, role) & NX_WB(FEMALE_WORD) ? QG_FEMALE : QG_UNKNOWN;

		e = pronoun_antecedent(x, ss, g == QG_MALE ? PR_MALE : g == QG_FEMALE ? PR_FEMALE : PR_PERSON,
							   m.s);
		if (e >= 0 && x->ent[e].type != QT_PERSON)
			e = -1;
	}
	if (e >= 0)
		speak_entity(x, q, e, NX_QR_SPEAKER_DESCRIPTION);
	return e;
}

/* Resolve the speaker of quotation q; returns its entity, or -1. */
static int32_t
resolve_speaker(QCtx *x, SpeakerState *ss, NxQuote *q)
{
	QSpan		m = span_of(&q->mention);
	QPronoun	k;
	int32_t		e = -1,
				n;

	q->speaker = q->mention;
	q->speaker_type = NX_ST_NONE;
	if (q->mention.ntok == 0)
		return -1;
	if (q_on(x, NX_QR_SPEAKER_RELATIVE) && relative_source(x, &m))
	{
		/* who: the words before it */
		set_span(x->doc, &q->speaker, m);
		q_mark(q, NX_QR_SPEAKER_RELATIVE);
	}
	if (m.e == m.s + 1 && (k = pronoun_kind(x, m.s)) != PR_NONE)
	{
		if (q_on(x, NX_QR_SPEAKER_PRONOUN) && (e = pronoun_antecedent(x, ss, k, m.s)) >= 0)
			speak_entity(x, q, e, NX_QR_SPEAKER_PRONOUN);
	}
	else if ((n = head_name(x, m)) >= 0 && q_on(x, NX_QR_SPEAKER_NAME))
	{
		e = x->name[n].entity;
		speak_entity(x, q, e, NX_QR_SPEAKER_NAME);
	}
	else if (n < 0 && q_on(x, NX_QR_SPEAKER_DESCRIPTION))
		e = description_speaker(x, ss, q, m);
	return e;
}

/* The speakers pass. */
NxStatus
q_pass_speakers(QCtx *x)
{
	SpeakerState ss;
	NxStatus	st = q_names_build(x);

	if (st != NX_OK)
		return st;
	memset(&ss, 0, sizeof(ss));
	ss.prev_speaker = -1;
	ss.last_name = nx_alloc(x->a, (x->nent + 1) * sizeof(int32_t));
	ss.names = nx_alloc(x->a, (x->nent + 1) * sizeof(uint32_t));
	ss.spoke = nx_alloc(x->a, (x->nent + 1) * sizeof(uint32_t));
	if (!ss.last_name || !ss.names || !ss.spoke)
		st = NX_ENOMEM;
	else
	{
		for (size_t e = 0; e < x->nent; e++)
			ss.last_name[e] = -1;
		memset(ss.names, 0, (x->nent + 1) * sizeof(uint32_t));
		memset(ss.spoke, 0, (x->nent + 1) * sizeof(uint32_t));
		for (size_t i = 0; i < x->nq; i++)
		{
			NxQuote    *q = &x->q[i];
			int32_t		e;

			if ((i & (INTERRUPT_EVERY - 1)) == 0)
				nx_check_interrupts(x->a);
			names_before(x, &ss, q->mention.ntok ? q->mention.tok : q->content.tok);
			e = resolve_speaker(x, &ss, q);
			if (e >= 0)
			{
				ss.spoke[e]++;
				ss.prev_speaker = e;
				ss.prev_para = q->paragraph;
			}
		}
	}
	nx_free(x->a, ss.last_name);
	nx_free(x->a, ss.names);
	nx_free(x->a, ss.spoke);
	return st;
}
