/*
 * nx_quotes_speaker.c
 *	  The speakers pass: the name each quotation's mention refers to, from
 *	  the names and entities of the document (nx_quotes_names.c), in
 *	  document order:
 *	   - a relative pronoun after a comma (Graham, who …) speaks for the
 *		 words before it, and one right after a name for that name (it
 *		 was Obama who …);
 *	   - I outside quotation marks is the writer: the name that signs the
 *		 letter after it, else the person the article's closing line
 *		 describes;
 *	   - a mention holding a name (Sen. Marco Rubio, Jane Roe, an analyst
 *		 at Acme; not a name followed by 's) gives that name's entity;
 *	   - a personal pronoun (he, she, it) gives the entity that agrees
 *		 with it (he a man or a person not known to be a woman, she the
 *		 other way round, it an organisation) and is likeliest in view
 *		 there (nx_quotes_salience.c); they none: most often several
 *		 people;
 *	   - a person's campaign (The Clinton campaign, Trump's campaign, his
 *		 campaign) is the organisation the article calls "NAME campaign";
 *	   - a definite description (the mayor, the Indiana governor, the
 *		 newspaper) gives the entity named before it with that role
 *		 (nx_quotes_roles.c);
 *	   - anything else (a doctor, officials) is its own speaker: no name
 *		 is made up for it.
 *	  The speaker is the entity's fullest name (Vladimir Putin for Putin),
 *	  and its type says which key it gets.  Quotations are resolved in the
 *	  order of their mentions, the salience read up to each.
 */
#include "nx_quotes_int.h"

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

/* The name that starts at token t, or -1. */
static int32_t
name_at(const QCtx *x, uint32_t t)
{
	int32_t		n = t < x->doc->ntok ? x->name_of[t] : -1;

	return n >= 0 && x->name[n].s == t ? n : -1;
}

/* The name that ends right before token t, or -1. */
static int32_t
name_before(const QCtx *x, uint32_t t)
{
	int32_t		n = t > 0 && t <= x->doc->ntok ? x->name_of[t - 1] : -1;

	return n >= 0 && x->name[n].e == t ? n : -1;
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
				last = -1,		/* the last name, a possessive too */
				n;
	uint32_t	t,
				prep = UINT32_MAX;	/* the preposition before, when no head yet */

	if (m.e > m.s + MENTION_READ_MAX)
		m.e = m.s + MENTION_READ_MAX;	/* many quotations may share one long mention */
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
	if (t > m.s && t < m.e && is_punct(doc, t - 1, ',') && name_at(x, t) >= 0)
		return name_at(x, t);
	/* a possessive name alone (Stumpf's) */
	if ((n = name_at(x, m.s)) >= 0 && x->name[n].e + 1 == m.e && x->name[n].possessive)
		return n;
	return -1;
}

/* The bytes [from, to) of q's speaker span its name leaves out (none when equal). */
static void
skip_bytes(NxQuote *q, uint32_t from, uint32_t to)
{
	q->speaker_skip_b = from;
	q->speaker_skip_blen = to - from;
}

/* Set q's speaker to entity e's fullest name. */
static void
speak_entity(QCtx *x, NxQuote *q, int32_t e, NxQuoteRule r)
{
	const QEntity *ent = &x->ent[e];
	const QName *b = &x->name[ent->best];

	set_span(x->doc, &q->speaker, QSPAN(b->s, b->e));
	/* the nickname, its marks and the space after them (Marcia Price) */
	skip_bytes(q, b->nick ? x->doc->tok[b->nick].b : 0, b->nick ? x->doc->tok[b->nick + 3].b : 0);
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
description_speaker(QCtx *x, QSalience *sal, NxQuote *q, QSpan m, size_t before)
{
	uint32_t	role;
	int			antecedent;
	int32_t		e = q_description_entity(x, m, before, &role, &antecedent);

	if (e < 0 && role != UINT32_MAX)
	{
		uint64_t	c = nx_words_abbrev(x->doc, role);

		e = q_salience_resolve(x, sal, c & NX_WB(MALE_WORD) ? QA_MALE :
							   c & NX_WB(FEMALE_WORD) ? QA_FEMALE : QA_PERSON, m.s);
	}
	if (e >= 0)
	{
		speak_entity(x, q, e, NX_QR_SPEAKER_DESCRIPTION);
		if (antecedent)
			q_mark(q, NX_QR_DOCUMENT_ANTECEDENT);
		q_salience_source(x, sal, e, m.s);
	}
	return e;
}

/*
 * A mention that opens with a subject pronoun or "who" and holds no name
 * (she pointed to, It's denouncing, who in 2010): *m becomes the pronoun.
 */
static int
pronoun_head(const QCtx *x, QSpan *m)
{
	const NxDoc *doc = x->doc;

	if (m->e <= m->s + 1 || head_name(x, *m) >= 0)
		return 0;
	if (!W(x, m->s, SUBJECT_PRONOUN) && !nx_tok_ieq(doc, m->s, "it") &&
		!nx_tok_ieq(doc, m->s, "who"))
		return 0;
	*m = QSPAN(m->s, m->s + 1);
	return 1;
}

/*
 * Words m without a name of their own that follow a name and a comma,
 * an appositive (McConnell, now the Senate majority leader, who …): *m
 * becomes that name.
 */
static void
appositive_name(const QCtx *x, QSpan *m)
{
	const NxDoc *doc = x->doc;
	int32_t		k;

	if (m->s < 2 || head_name(x, *m) >= 0 || !is_punct(doc, m->s - 1, ',') ||
		(k = name_before(x, m->s - 1)) < 0)
		return;
	*m = QSPAN(x->name[k].s, x->name[k].e);
}

/* May a name of type t be what "who" (a person or group) or "which" (anything else) refers to? */
static int
relative_agrees(const QCtx *x, uint8_t t, uint32_t r)
{
	return t == QT_UNKNOWN || (t == QT_PERSON || t == QT_GROUP) == nx_tok_ieq(x->doc, r, "who");
}

/*
 * A mention that is only "who" right after the name of a person or a
 * group (Republicans) or "which" right after another's, no comma
 * between (it was Obama who pressed; the Chicago Police Department which
 * reported): *m becomes that name.
 */
static int
relative_after_name(const QCtx *x, QSpan *m)
{
	const NxDoc *doc = x->doc;
	int32_t		n;

	if (m->e != m->s + 1 || m->s == 0 || !is_relative(doc, m->s))
		return 0;
	/* who for a person, which for a body (not Megyn Kelly of Fox News who) */
	if ((n = name_before(x, m->s)) < 0 || !relative_agrees(x, x->ent[x->name[n].entity].type, m->s))
		return 0;
	*m = QSPAN(x->name[n].s, x->name[n].e);
	return 1;
}

/*
 * The name set off by commas after a description with no name of its
 * own that opens mention m (Another Clinton ally, Agriculture Secretary
 * Tom Vilsack,; her husband, former President Bill Clinton,): its index,
 * or -1.  The words between the commas are titles and the name.
 */
static int32_t
appositive_after(const QCtx *x, QSpan m)
{
	const NxDoc *doc = x->doc;
	uint32_t	c,
				e;
	int32_t		n;

	for (c = m.s; c < m.e && !is_punct(doc, c, ','); c++)
		if (!is_word(doc, c) && doc->tok[c].kind != NX_TOK_CLITIC && !is_kind(doc, c, NX_TOK_APOSTROPHE))
			return -1;
	if (c == m.s || c + 2 >= m.e)
		return -1;
	for (e = c + 1; e < m.e;)
		if ((n = name_at(x, e)) >= 0)
			e = x->name[n].e;	/* a name, its nickname too */
		else if (speaker_word(x, e))
			e++;
		else
			break;
	if (e == c + 1 || (e < m.e && !is_punct(doc, e, ',') && !is_punct(doc, e, '(')))
		return -1;
	return name_before(x, e);
}

/* Tokens of the noun phrase a relative pronoun refers to, at most. */
#define RELATIVE_NP_MAX		5


/*
 * The noun phrase that ends right before token e, for the relative
 * pronoun at r: a name that ends there if r may refer to it, past a place
 * or body it is "of" (Marco Rubio of Florida); else the words back to a
 * determiner (included), a preposition, a verb or a phrase break, a few
 * at most.  Returns 0 when there is none.
 */
static int
antecedent(const QCtx *x, uint32_t r, uint32_t e, QSpan *out)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[r].sentence,
				s;
	int32_t		n;

	if (e == 0 || !in_sent(doc, e - 1, sent) || !is_word(doc, e - 1))
		return 0;
	if ((n = name_before(x, e)) >= 0)
	{
		const QName *nm = &x->name[n];

		if (!relative_agrees(x, x->ent[nm->entity].type, r) && nm->s >= 2 &&
			W(x, nm->s - 1, PREPOSITION) && (n = name_before(x, nm->s - 1)) >= 0)
			nm = &x->name[n];
		if (!relative_agrees(x, x->ent[nm->entity].type, r))
			return 0;
		*out = QSPAN(nm->s, nm->e);
		return 1;
	}
	for (s = e; s > 0 && e - s < RELATIVE_NP_MAX && in_sent(doc, s - 1, sent); s--)
	{
		uint32_t	t = s - 1;

		if (W(x, t, DETERMINER) && !W(x, t, PERSONAL_PRONOUN))
		{
			s--;				/* its first word (the voters, those, an impersonator) */
			break;
		}
		if (is_phrase_break(doc, t) || (!is_word(doc, t) && !is_kind(doc, t, NX_TOK_NUMBER)) ||
			has_class(x, t, NX_WB(NP_STOP) | NX_WB(PREPOSITION) | NX_WB(CUE_VERB) | NX_WB(AUX) |
					  NX_WB(BE_FORM) | NX_WB(MODAL) | NX_WB(PAST_VERB) | NX_WB(PRONOUN)) ||
			(!is_cap(doc, t) && (ends_with(doc, t, "ing") || ends_with(doc, t, "ed"))))
			break;
	}
	if (s == e || e - s >= RELATIVE_NP_MAX || (W(x, s, NOT_NAME) && !W(x, s, DETERMINER)))
		return 0;
	*out = QSPAN(s, e);
	return 1;
}

/* Are words m more than a noun phrase: longer than one, or with a verb (were echoed, set off)? */
static int
clause_words(const QCtx *x, QSpan m)
{
	if (m.e - m.s >= RELATIVE_NP_MAX)
		return 1;
	for (uint32_t t = m.s; t < m.e; t++)
		if (has_class(x, t, NX_WB(AUX) | NX_WB(MODAL) | NX_WB(PAST_VERB) | NX_WB(CUE_VERB)) ||
			(!is_cap(x->doc, t) && ends_with(x->doc, t, "ed")))
			return 1;
	return 0;
}

/*
 * A mention that is only a relative pronoun whose words before are no
 * phrase relative_source reads (longer than a subject) nor a name right
 * before it: the noun phrase right before its comma or dash, or right
 * before it (antecedent: legal experts, who worry; superdelegates who've
 * said; Sen. Rob Portman this year, who), or for "who" the one before a
 * place and its preposition (Democrats across the country, who).  *m
 * becomes it; returns 0 when there is none.
 */
static int
relative_np(const QCtx *x, QSpan *m)
{
	const NxDoc *doc = x->doc;
	uint32_t	r = m->s,
				e = r;
	QSpan		a;

	if (m->e != r + 1 || r < 2 || !is_relative(doc, r))
		return 0;
	if (is_punct(doc, r - 1, ',') || is_kind(doc, r - 1, NX_TOK_DASH))
		e = r - 1;
	/* a time between (this year, last week) */
	if (e >= 3 && has_class(x, e - 1, NX_WB(TIME_WORD) | NX_WB(TIME_NOUN)) &&
		W(x, e - 2, TIME_OPENER))
		e -= 2;
	if (!antecedent(x, r, e, &a))
		return 0;
	if (nx_tok_ieq(doc, r, "who") && has_class(x, a.e - 1, NX_WB(PLACE_HEAD) | NX_WB(PLACE_NOUN)) &&
		a.s >= 2 && W(x, a.s - 1, PREPOSITION) && !antecedent(x, r, a.s - 1, &a))
		return 0;
	*m = a;
	return 1;
}

/* Paragraphs from the article's end read for its author's line, at most. */
#define AUTHOR_LINE_PARAGRAPHS 2

/*
 * Who writes the article, for a first person outside quotation marks:
 * the person whose name alone signs a paragraph (a letter: Chris Smith.),
 * for the text before it; else the person a line at the article's end
 * opens with and describes (an op-ed: Charlotte Meehan is
 * playwright-in-residence at …).
 */
typedef struct QAuthors
{
	int32_t    *signer;			/* [npara] the entity signing the paragraphs after p, -1 */
	int32_t		described;		/* the entity of the closing line, -1 */
} QAuthors;

/* The person whose name alone, and a period, is paragraph p (Chris Smith.), or -1. */
static int32_t
signature(const QCtx *x, uint32_t p)
{
	const NxDoc *doc = x->doc;
	uint32_t	s = x->para_tok[p],
				e = x->para_tok[p + 1];
	int32_t		n;

	if (e > s && is_punct(doc, e - 1, '.'))
		e--;
	if (e <= s || (n = name_at(x, s)) < 0 || x->name[n].e != e || !x->name[n].given ||
		x->name[n].entity < 0)
		return -1;
	return x->name[n].entity;
}

/* The person a paragraph at the article's end opens with and describes (NAME is, NAME was), or -1. */
static int32_t
author_line(const QCtx *x)
{
	const NxDoc *doc = x->doc;

	for (uint32_t p = (uint32_t) x->npara; p-- > 0 && p + AUTHOR_LINE_PARAGRAPHS >= x->npara;)
	{
		int32_t		n = name_at(x, x->para_tok[p]);

		if (n >= 0 && x->name[n].given && x->name[n].entity >= 0 &&
			x->name[n].e < doc->ntok && W(x, x->name[n].e, BE_FORM))
			return x->name[n].entity;
	}
	return -1;
}

static NxStatus
authors_init(QCtx *x, QAuthors *au)
{
	au->signer = nx_alloc(x->a, (x->npara + 1) * sizeof(int32_t));
	if (!au->signer)
		return NX_ENOMEM;
	au->signer[x->npara] = -1;
	for (uint32_t p = (uint32_t) x->npara; p-- > 0;)
	{
		int32_t		e = p + 1 < x->npara ? signature(x, p + 1) : -1;

		au->signer[p] = e >= 0 ? e : au->signer[p + 1];
	}
	au->described = author_line(x);
	return NX_OK;
}

/* The writer a mention "I" at token t outside quotation marks stands for, or -1. */
static int32_t
author_of(const QCtx *x, const QAuthors *au, uint32_t t)
{
	const NxDoc *doc = x->doc;
	int32_t		e;

	if (x->inquote[t] || doc->tok[t].blen != 1 || doc->text[doc->tok[t].b] != 'I')
		return -1;
	e = au->signer[para_of(doc, t)];
	return e >= 0 ? e : au->described;
}

/*
 * For each entity, the first name of it the article follows with
 * "campaign" as an organisation's (the Clinton campaign), or -1; one scan
 * of the names, so that each quotation looks it up in O(1).
 */
static NxStatus
campaigns_init(QCtx *x, int32_t **out)
{
	int32_t    *c = nx_alloc(x->a, (x->nent + 1) * sizeof(int32_t));

	*out = c;
	if (!c)
		return NX_ENOMEM;
	for (size_t e = 0; e <= x->nent; e++)
		c[e] = -1;
	for (size_t i = 0; i < x->nname; i++)
	{
		const QName *n = &x->name[i];

		if (n->entity < 0 || n->possessive || n->e >= x->doc->ntok ||
			!nx_tok_ieq(x->doc, n->e, "campaign"))
			continue;
		/* the first, but one in running text before a headline's (Clinton Campaign Wants) */
		if (c[n->entity] < 0 || (is_cap(x->doc, x->name[c[n->entity]].e) && !is_cap(x->doc, n->e)))
			c[n->entity] = (int32_t) i;
	}
	return NX_OK;
}

/* May entity e run a campaign: a person, or a name of no known type (Trump)? */
static int
campaigner(const QCtx *x, int32_t e)
{
	return e >= 0 && (x->ent[e].type == QT_PERSON || x->ent[e].type == QT_UNKNOWN);
}

/* The speakers pass's state over a document, made once before its quotations. */
typedef struct QSpeakers
{
	QSalience  *sal;			/* who is in view */
	QAuthors	au;				/* who writes */
	int32_t    *campaign;		/* [nent] the name of entity e before "campaign", -1 */
} QSpeakers;

/*
 * A mention whose first noun phrase is a person's campaign: [the] NAME
 * campaign, NAME's campaign or his/her campaign, "campaign" ending the
 * phrase.  The speaker is the organisation "NAME campaign": those words
 * of the mention, or for a possessive the first place the article writes
 * the same person's name before "campaign" (none: the mention stays its
 * own speaker).  Returns 1 when q's speaker is set.
 */
static int
campaign_speaker(QCtx *x, const QSpeakers *sp, NxQuote *q, QSpan m)
{
	const NxDoc *doc = x->doc;
	uint32_t	t = m.s,
				c;
	int32_t		k,
				e = -1;
	QSpan		own = QNONE;	/* the words "NAME campaign" */
	uint32_t	clitic = UINT32_MAX;	/* the 's of NAME's campaign */
	NxQuoteRule rule = NX_QR_SPEAKER_CAMPAIGN;
	QAgree		pk;

	if (t < m.e && W(x, t, ARTICLE))
		t++;
	if (t >= m.e)
		return 0;
	if ((k = name_at(x, t)) >= 0)
	{
		e = x->name[k].entity;
		c = x->name[k].e;
		if (c < m.e && (is_kind(doc, c, NX_TOK_CLITIC) || is_kind(doc, c, NX_TOK_APOSTROPHE)))
			clitic = c++;		/* Clinton's, Sanders' */
		else
			own = QSPAN(t, c + 1);	/* the Clinton campaign: its own words */
	}
	else if ((pk = q_pronoun_kind(x, t)) == QA_MALE || pk == QA_FEMALE)
	{
		if (!nx_tok_ieq(doc, t, "his") && !nx_tok_ieq(doc, t, "her"))
			return 0;
		e = q_salience_resolve(x, sp->sal, pk, t);
		c = t + 1;
	}
	else
		return 0;
	if (!campaigner(x, e) || c >= m.e || !nx_tok_ieq(doc, c, "campaign"))
		return 0;
	/* the phrase ends at "campaign"; not with "and" after it (The Clinton campaign and DNC: two) */
	if (c + 1 < m.e && (!phrase_end(x, c + 1) || nx_tok_ieq(doc, c + 1, "and") ||
						nx_tok_ieq(doc, c + 1, "or")))
		return 0;
	if (own.e == own.s && sp->campaign[e] >= 0)
		own = QSPAN(x->name[sp->campaign[e]].s, x->name[sp->campaign[e]].e + 1);
	else if (own.e == own.s)
	{
		/* never written so: the surname and "campaign", without the 's
		 * (Hillary Clinton’s campaign: Clinton campaign) */
		if (clitic == UINT32_MAX || !q_on(x, NX_QR_CAMPAIGN_POSSESSIVE))
			return 0;
		own = QSPAN(clitic - 1, c + 1);
		rule = NX_QR_CAMPAIGN_POSSESSIVE;
	}
	set_span(doc, &q->speaker, own);
	if (rule == NX_QR_CAMPAIGN_POSSESSIVE)
		skip_bytes(q, doc->tok[clitic].b, doc->tok[clitic].b + doc->tok[clitic].blen);
	q->speaker_type = NX_ST_ORG;
	q_mark(q, rule);
	return 1;
}

/* Resolve the speaker of quotation q; returns its entity, or -1. */
static int32_t
resolve_speaker(QCtx *x, QSpeakers *sp, NxQuote *q, size_t before)
{
	QSpan		m = span_of(&q->mention);
	QAgree		k;
	int32_t		e = -1,
				n;

	q->speaker = q->mention;
	skip_bytes(q, 0, 0);
	q->speaker_type = NX_ST_NONE;
	if (q->mention.ntok == 0)
		return -1;
	if (q_on(x, NX_QR_SPEAKER_PRONOUN_HEAD) && pronoun_head(x, &m))
	{
		/* the pronoun, when nothing it refers to is found */
		set_span(x->doc, &q->speaker, m);
		q_mark(q, NX_QR_SPEAKER_PRONOUN_HEAD);
	}
	if (q_on(x, NX_QR_SPEAKER_RELATIVE) && (relative_source(x, &m) || relative_after_name(x, &m)))
	{
		QSpan		np = span_of(&q->mention);

		/* who: the words before it, or the name an appositive there is about;
		 * words with no name that are a clause, the noun phrase before "who" */
		appositive_name(x, &m);
		if (q_on(x, NX_QR_SPEAKER_RELATIVE_NP) && head_name(x, m) < 0 && clause_words(x, m) &&
			relative_np(x, &np))
		{
			m = np;
			q_mark(q, NX_QR_SPEAKER_RELATIVE_NP);
		}
		else
			q_mark(q, NX_QR_SPEAKER_RELATIVE);
		set_span(x->doc, &q->speaker, m);
	}
	else if (q_on(x, NX_QR_SPEAKER_RELATIVE) && q_on(x, NX_QR_SPEAKER_RELATIVE_NP) &&
			 relative_np(x, &m))
	{
		set_span(x->doc, &q->speaker, m);
		q_mark(q, NX_QR_SPEAKER_RELATIVE_NP);
	}
	if (m.e == m.s + 1 && q_on(x, NX_QR_SPEAKER_AUTHOR) && (e = author_of(x, &sp->au, m.s)) >= 0)
		speak_entity(x, q, e, NX_QR_SPEAKER_AUTHOR);
	else if (m.e == m.s + 1 && (k = q_pronoun_kind(x, m.s)) != QA_NONE)
	{
		if (q_on(x, NX_QR_SPEAKER_PRONOUN) && (e = q_salience_resolve(x, sp->sal, k, m.s)) >= 0)
		{
			/* he or she says what a name of no known type is: a person */
			if ((k == QA_MALE || k == QA_FEMALE) && x->ent[e].type == QT_UNKNOWN)
				x->ent[e].type = QT_PERSON;
			speak_entity(x, q, e, NX_QR_SPEAKER_PRONOUN);
		}
	}
	else if (q_on(x, NX_QR_SPEAKER_CAMPAIGN) && campaign_speaker(x, sp, q, m))
		;						/* an organisation not among the entities */
	else if (((n = head_name(x, m)) >= 0 ||
			  (q_on(x, NX_QR_SPEAKER_APPOSITIVE_NAME) && (n = appositive_after(x, m)) >= 0)) &&
			 q_on(x, NX_QR_SPEAKER_NAME))
	{
		e = x->name[n].entity;
		speak_entity(x, q, e, NX_QR_SPEAKER_NAME);
	}
	else if (n < 0 && q_on(x, NX_QR_SPEAKER_DESCRIPTION))
		e = description_speaker(x, sp->sal, q, m, before);
	return e;
}

/* The token a quotation's speaker is read at: its mention, else its content. */
static uint32_t
speaker_token(const NxQuote *q)
{
	return q->mention.ntok ? q->mention.tok : q->content.tok;
}

/* Quotation indexes in the order of their speaker tokens (stable), into order. */
static NxStatus
mention_order(QCtx *x, size_t **order)
{
	size_t	   *o = nx_alloc(x->a, (x->nq + 1) * sizeof(size_t)),
			   *tmp = nx_alloc(x->a, (x->nq + 1) * sizeof(size_t));

	*order = o;
	if (!o || !tmp)
	{
		nx_free(x->a, tmp);
		return NX_ENOMEM;
	}
	for (size_t i = 0; i < x->nq; i++)
		o[i] = i;
	/* a merge sort: n log n however the mentions lie */
	for (size_t w = 1; w < x->nq; w *= 2)
	{
		for (size_t l = 0; l < x->nq; l += 2 * w)
		{
			size_t		m = l + w < x->nq ? l + w : x->nq,
						r = l + 2 * w < x->nq ? l + 2 * w : x->nq,
						a = l,
						b = m,
						k = l;

			while (a < m && b < r)
				tmp[k++] = speaker_token(&x->q[o[b]]) < speaker_token(&x->q[o[a]]) ? o[b++] : o[a++];
			while (a < m)
				tmp[k++] = o[a++];
			while (b < r)
				tmp[k++] = o[b++];
		}
		memcpy(o, tmp, x->nq * sizeof(size_t));
	}
	nx_free(x->a, tmp);
	return NX_OK;
}

/*
 * The speakers pass.  Its names, entities and salience serve only the
 * quotations: a document without any (a headline, most one-sentence
 * calls) does not build them.
 */
NxStatus
q_pass_speakers(QCtx *x)
{
	QSpeakers	sp = {NULL, {NULL, -1}, NULL};
	size_t	   *order = NULL;
	NxStatus	st;

	if (x->nq == 0)
		return NX_OK;
	if ((st = q_names_build(x)) != NX_OK || (st = q_salience_init(x, &sp.sal)) != NX_OK ||
		(st = mention_order(x, &order)) != NX_OK || (st = authors_init(x, &sp.au)) != NX_OK ||
		(st = campaigns_init(x, &sp.campaign)) != NX_OK)
		goto done;
	for (size_t i = 0; i < x->nq; i++)
	{
		NxQuote    *q = &x->q[order[i]];
		uint32_t	t = speaker_token(q);
		int32_t		e;

		if ((i & (INTERRUPT_EVERY - 1)) == 0)
			nx_check_interrupts(x->a);
		q_salience_advance(x, sp.sal, t);
		e = resolve_speaker(x, &sp, q, q_salience_names_read(sp.sal));
		q_salience_advance(x, sp.sal, t + (q->mention.ntok ? q->mention.ntok : 0));
		if (e >= 0)
			q_salience_spoke(sp.sal, e, q->paragraph);
	}
done:
	nx_free(x->a, order);
	nx_free(x->a, sp.au.signer);
	nx_free(x->a, sp.campaign);
	q_salience_free(x, sp.sal);
	return st;
}
