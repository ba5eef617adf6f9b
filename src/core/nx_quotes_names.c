/*
 * nx_quotes_names.c
 *	  The names of a document and the entities they name, for the speakers
 *	  pass (nx_quotes_speaker.c).
 *
 *	   1. names: runs of capitalised words in a sentence (given names,
 *		  initials, family names, lower-case particles as in Pieter van
 *		  Dam, and "of", "on" or "for" after a word that heads an
 *		  organisation's name), cut at titles, function words and
 *		  possessives; a lone capitalised word opening its sentence is a
 *		  name only when it is a known name or another name of the article
 *		  ends with it;
 *	   2. what each name says of itself: a person's title or honorific
 *		  before it, a given name of a man or a woman, a role word of a
 *		  man or a woman around it, an organisation's or a place's name or
 *		  head word (the name lists are LEXICON rows of nx_wordlist.h);
 *	   3. the entities they name, their types, genders and fullest names
 *		  (nx_quotes_referents.c).
 *	  Linear in the document.
 */
#include "nx_quotes_int.h"

#ifdef NX_NAMES_TRACE
#include <stdio.h>
#endif

/* Tokens of a name, at most (Commission on Presidential Debates, Martin Luther King Jr.). */
#define NAME_TOKENS_MAX		8

/* Tokens before a name that opens its sentence's subject, at most. */
#define SUBJECT_TOKENS_MAX	12

/* Tokens of a title before a name (Secretary of State), at most. */
#define TITLE_TOKENS_MAX	3

/* Tokens after a name's comma searched for a role word of its appositive (, his campaign spokeswoman,). */
#define APPOSITIVE_ROLE_MAX 6

/* Function words that open no name even capitalised (But, The, In, However, Many). */
#define FUNCTION_WORDS	(NX_WB(NOT_NAME) | NX_WB(ARTICLE) | NX_WB(DETERMINER) | \
						 NX_WB(PREPOSITION) | NX_WB(CONJUNCTION) | NX_WB(INTRO) | \
						 NX_WB(SENTENCE_ADVERB) | NX_WB(QUANTIFIER) | NX_WB(PRONOUN))

/* Words of speech that open no name either (Says, Post), and titles (President). */
#define VERB_WORDS		(NX_WB(CUE_VERB) | NX_WB(CUE_NOUN) | NX_WB(SUBORD) | NX_WB(MODAL) | NX_WB(AUX))

/* Is token i a title abbreviation or honorific (Mr., Gov., Sen.)? */
static int
title_abbrev(const QCtx *x, size_t i)
{
	return i < x->doc->ntok && (x->doc->tok[i].flags & NX_TF_ABBREV) && W(x, i, TITLE);
}

/* Is token i a given name (of the tagger's list, or a man's, a woman's or either's)? */
int
q_given_name(const QCtx *x, uint32_t i)
{
	return W(x, i, FIRST_NAME) ||
		(q_lexicon(x, i, i + 1) & (NX_LB(MALE_NAME) | NX_LB(FEMALE_NAME) | NX_LB(EITHER_NAME)));
}

/* Capitalised words after a verb's or title's word to a body's noun, at most (Republican National Committee). */
#define ORG_NAME_AFTER_MAX	3

/* Is token i a capitalised word that can open a name? */
static int
name_token(const QCtx *x, size_t i)
{
	if (W(x, i, TIME_WORD))
		return 0;				/* Monday, November */
	if (!is_cap(x->doc, i) || has_class(x, i, FUNCTION_WORDS))
		return W(x, i, FIRST_NAME) && is_cap(x->doc, i) &&
			!has_class(x, i, NX_WB(PRONOUN) | NX_WB(ARTICLE) | NX_WB(DETERMINER) |
					   NX_WB(PREPOSITION) | NX_WB(CONJUNCTION));	/* Will, May */
	if (!has_class(x, i, VERB_WORDS | NX_WB(TITLE)))
		return 1;
	/* a verb's or title's word before capitalised words to a body's noun
	 * opens that body's name (State Department, Republican National
	 * Committee), unless another such word is nearer it (Document
	 * Reveals State Department) */
	if (q_on(x, NX_QR_NAME_VERB_WORD))
		for (size_t k = i + 1; k < x->doc->ntok && k <= i + ORG_NAME_AFTER_MAX &&
			 is_cap(x->doc, k) && !has_class(x, k, FUNCTION_WORDS) &&
			 x->doc->tok[k].sentence == x->doc->tok[i].sentence; k++)
		{
			if (W(x, k, ORG_HEAD))
				return 1;
			if (has_class(x, k, VERB_WORDS | NX_WB(TITLE)))
				break;
		}
	/* a title after an honorific is a surname (Mr. King, Gov. Earl Ray Tomblin) */
	return i > 0 && W(x, i, TITLE) && title_abbrev(x, i - 1);
}

/* Is token j a hyphen inside a word split by the tokenizer (Jean-Marc, Ki-moon)? */
static int
inner_hyphen(const NxDoc *doc, size_t j)
{
	return is_punct(doc, j, '-') && !(doc->tok[j].flags & NX_TF_SPACE_BEFORE) &&
		is_word(doc, j + 1) && !(doc->tok[j + 1].flags & NX_TF_SPACE_BEFORE);
}

/*
 * Does capitalised token j, a title or a word of speech, go on the name
 * [i, j): a title after a lone given name (Charlie King), a noun of a
 * newspaper's name after its city (New York Post)?
 */
static int
name_word_goes_on(const QCtx *x, size_t i, size_t j)
{
	if (!is_cap(x->doc, j) || has_class(x, j, FUNCTION_WORDS))
		return 0;
	/* a body's name after its place, the noun of a newspaper's name (New
	 * York Post, U.S. State Department) */
	if ((q_lexicon(x, (uint32_t) i, (uint32_t) j + 1) & (NX_LB(ORG_NAME) | NX_LB(MEDIA_NAME))) ||
		((q_lexicon(x, (uint32_t) i, (uint32_t) j) & (NX_LB(CITY) | NX_LB(REGION) | NX_LB(COUNTRY))) &&
		 !(q_lexicon(x, (uint32_t) j, (uint32_t) j + 1) & NX_LB(PERSON_TITLE))))
		return 1;
	/* a title ending a name after a given name (Charlie King said; not
	 * Charlotte Mayor Jennifer Roberts) */
	return W(x, j, TITLE) && j == i + 1 && q_given_name(x, (uint32_t) i) &&
		!name_token(x, j + 1) && !(q_lexicon(x, (uint32_t) i, (uint32_t) j) & NX_LB(DEMONYM));
}

/* Does token j go on the name that starts at token i (a name word, a particle or joiner before one)? */
static int
name_goes_on(const QCtx *x, size_t i, size_t j)
{
	const NxDoc *doc = x->doc;

	if (j >= doc->ntok || j >= i + NAME_TOKENS_MAX)
		return 0;
	if (j == i)
		return name_token(x, j);
	if (doc->tok[j].sentence != doc->tok[i].sentence)
		return 0;
	if (name_token(x, j) || inner_hyphen(doc, j) || (inner_hyphen(doc, j - 1) && is_word(doc, j)))
		return 1;
	/* a plural's apostrophe (Koss Farmers’ Federation) */
	if (is_kind(doc, j, NX_TOK_APOSTROPHE) && !(doc->tok[j].flags & NX_TF_SPACE_BEFORE) &&
		name_token(x, j + 1))
		return 1;
	if (name_word_goes_on(x, i, j))
		return 1;
	if (j + 1 >= doc->ntok || !name_token(x, j + 1))
		return 0;
	/* Pieter van Dam; University of Michigan, Commission on Presidential
	 * Debates, Committee to Protect Journalists */
	if (W(x, j, NAME_PARTICLE) ||
		(W(x, j - 1, ORG_HEAD) &&
		 (nx_tok_ieq(doc, j, "of") || nx_tok_ieq(doc, j, "on") || nx_tok_ieq(doc, j, "for") ||
		  nx_tok_ieq(doc, j, "to"))))
		return 1;
	/* a capitalised function word inside an organisation's name (Alliance
	 * to Reclaim Our Schools, Church of Jesus Christ of Latter-day Saints) */
	return is_cap(doc, j) && has_class(x, j, FUNCTION_WORDS) &&
		span_has_class(x, i, j, NX_WB(ORG_HEAD));
}



/* Is token i an initial (J.) or a suffix (Jr., II)? */
int
q_initial_or_suffix(const QCtx *x, uint32_t i)
{
	const NxToken *t = &x->doc->tok[i];

	return (t->blen == 2 && x->doc->text[t->b + 1] == '.') ||
		(nx_words_abbrev(x->doc, i) & NX_WB(NAME_SUFFIX));
}

/* The gender a role word or honorific at token i says (Mr., spokeswoman, widow). */
static uint8_t
word_gender(const QCtx *x, uint32_t i)
{
	uint64_t	c = nx_words_abbrev(x->doc, i);

	return (c & NX_WB(MALE_WORD)) ? QG_MALE : (c & NX_WB(FEMALE_WORD)) ? QG_FEMALE : QG_UNKNOWN;
}

/* The role word of an appositive after a name ending at e (, his campaign spokeswoman,). */
static uint8_t
appositive_gender(const QCtx *x, uint32_t e)
{
	const NxDoc *doc = x->doc;

	if (!is_punct(doc, e, ','))
		return QG_UNKNOWN;
	for (uint32_t k = e + 1; k < e + 1 + APPOSITIVE_ROLE_MAX && in_sent(doc, k, doc->tok[e].sentence); k++)
	{
		if (is_punct(doc, k, ',') || is_mark(doc, k))
			break;
		if (word_gender(x, k) != QG_UNKNOWN)
			return word_gender(x, k);
	}
	return QG_UNKNOWN;
}

/* Does a person's title or a role word end right before token s (Gov., Secretary of State, his wife)? */
static int
person_title_before(const QCtx *x, uint32_t s, uint32_t sent)
{
	if (s == 0 || !in_sent(x->doc, s - 1, sent) || !is_word(x->doc, s - 1))
		return 0;
	if (word_gender(x, s - 1) != QG_UNKNOWN)
		return 1;
	for (uint32_t k = 1; k <= TITLE_TOKENS_MAX && k <= s && in_sent(x->doc, s - k, sent); k++)
		if (q_lexicon(x, s - k, s) & NX_LB(PERSON_TITLE))
			return 1;
	return 0;
}

/* What a name [s, e) says of its type and gender, and what stands before and after it. */
static void
name_evidence(const QCtx *x, QName *n)
{
	uint32_t	s = n->s,
				e = n->e,
				lex = q_lexicon(x, s, e),
				last = q_lexicon(x, e - 1, e);

	n->given = e - s >= 2 && q_given_name(x, s);
	if (person_title_before(x, s, n->sent))
	{
		n->title = 1;
		n->gender = word_gender(x, s - 1);
	}
	/* a given name's sex: before a family name, or alone when it is no family name (Melanie) */
	if (n->gender == QG_UNKNOWN && (n->given || (e == s + 1 && !(lex & NX_LB(LAST_NAME)))))
	{
		uint32_t	g = q_lexicon(x, s, s + 1);

		n->gender = (g & NX_LB(MALE_NAME)) ? QG_MALE : (g & NX_LB(FEMALE_NAME)) ? QG_FEMALE : QG_UNKNOWN;
	}
	if (n->gender == QG_UNKNOWN)
		n->gender = appositive_gender(x, e);
	if ((lex & (NX_LB(ORG_NAME) | NX_LB(MEDIA_NAME))) ||
		(e - s >= 2 && ((last & NX_LB(ORG_SUFFIX)) || W(x, e - 1, ORG_HEAD))) || n->joined)
		n->type = QT_ORG;		/* Christopher Newport University, Koss Farmers’ Federation */
	else if (n->title)
		n->type = QT_PERSON;
	else if ((lex & (NX_LB(COUNTRY) | NX_LB(REGION) | NX_LB(CITY))) || W(x, e - 1, PLACE_HEAD))
		n->type = QT_PLACE;		/* Washington D.C., Coral Springs */
	else if ((lex | (e - s >= 2 ? last : 0)) & NX_LB(AFFILIATION))
		n->type = QT_GROUP;		/* Democrats; Nevada Democrats, a given name first */
	else if (n->given)
		n->type = QT_PERSON;
	else if (e - s == 1 && (lex & NX_LB(LAST_NAME)))
		n->type = QT_PERSON;
}

/*
 * The start of a name run [s, e) without the capitalised words before a
 * given name inside it (Rival Hillary Clinton, Sens. Jon Tester): a name
 * of a man or a woman, as the births or the tagger's list know it; one
 * given to either sex (San, Jordan) is too weak a sign that a person's
 * name starts there (Aung San Suu Kyi).
 */
static uint32_t
name_start(const QCtx *x, uint32_t s, uint32_t e)
{
	const uint32_t named = NX_LB(CITY) | NX_LB(REGION) | NX_LB(COUNTRY) | NX_LB(ORG_NAME) |
		NX_LB(MEDIA_NAME);

	if (e - s < 3 || q_given_name(x, s) || q_initial_or_suffix(x, s) || W(x, e - 1, ORG_HEAD))
		return s;
	for (uint32_t k = s + 1; k + 1 < e; k++)
		if (W(x, k, FIRST_NAME) || (q_lexicon(x, k, k + 1) & (NX_LB(MALE_NAME) | NX_LB(FEMALE_NAME))))
			/* not the name of a place or body before it (New York Times) */
			return (q_lexicon(x, s, k) | q_lexicon(x, s, k + 1)) & named ? s : k;
	return s;
}

/*
 * The opening mark of a nickname in quotation marks right after the
 * given name (and initial) that is name run [i, j), before the rest of
 * the name (Marcia "Cia" Price, Robert C. "Bobby" Scott): one
 * capitalised word between the marks, a name's word after them; or 0.
 */
static uint32_t
nickname(const QCtx *x, uint32_t i, uint32_t j)
{
	const NxDoc *doc = x->doc;

	/* a given name alone before it, or with an initial (Robert C.) */
	if (j - i > 2 || (j - i == 2 && !q_initial_or_suffix(x, i + 1)))
		return 0;
	if (!q_on(x, NX_QR_NAME_NICKNAME) || j + 3 >= doc->ntok || !q_given_name(x, i) ||
		doc->tok[j + 3].sentence != doc->tok[i].sentence)
		return 0;
	/* "Cia": a mark, one capitalised word, a mark */
	if (!is_kind(doc, j, NX_TOK_OPEN_QUOTE) || !is_word(doc, j + 1) || !is_cap(doc, j + 1) ||
		!is_kind(doc, j + 2, NX_TOK_CLOSE_QUOTE))
		return 0;
	return name_token(x, j + 3) ? j : 0;
}

/*
 * The end of a person's name [s, e) in a headline (a sentence whose
 * words are capitalised) that opens with a given name:
 * after its last family name when words that are none follow it
 * (Hillary Clinton Goes After Trump), else e.
 */
static uint32_t
person_name_end(const QCtx *x, uint32_t s, uint32_t e)
{
	const NxDoc *doc = x->doc;
	uint32_t	end = e;

	if (e - s < 3 || !q_given_name(x, s) || !x->headline[doc->tok[s].sentence])
		return e;
	for (uint32_t k = e; k-- > s + 1;)
	{
		if (q_lexicon(x, k, k + 1) & NX_LB(LAST_NAME))
			return end;
		if (!q_initial_or_suffix(x, k))
			end = k;
	}
	return e;
}

/*
 * The end of a person's name [s, e) that opens the name of a day (Barack
 * Obama Election Day, Martin Luther King Jr. Day): after the last family
 * name of the lists before the day's words, else after the word that
 * follows the given name; e when the run is no such name.
 */
static uint32_t
day_name_end(const QCtx *x, uint32_t s, uint32_t e)
{
	uint32_t	k;

	if (e - s < 3 || !q_given_name(x, s) || !W(x, e - 1, TIME_NOUN) ||
		!(x->doc->tok[e - 1].flags & NX_TF_SPACE_BEFORE))
		return e;				/* not Eva Resnick-Day */
	for (k = e - 1; k-- > s + 1;)
		if (q_lexicon(x, k, k + 1) & NX_LB(LAST_NAME))
			break;
	if (k <= s)
		k = s + 1;
	for (k++; k < e - 1 && q_initial_or_suffix(x, k); k++)
		;
	return k < e - 1 ? k : e;
}

/*
 * Is the name [s, e) weak, a name only when another names the same: a
 * lone capitalised word opening its sentence that is no known name, or a
 * nationality (Italian)?
 */
static int
weak_name(const QCtx *x, uint32_t s, uint32_t e)
{
	const NxDoc *doc = x->doc;

	if (q_lexicon(x, s, e) & NX_LB(DEMONYM))
		return 1;				/* Italian, Americans: no name */
	if (e != s + 1 || doc->sent[doc->tok[s].sentence].tok != s)
		return 0;
	if ((doc->tok[s].flags & NX_TF_ALL_UPPER) && doc->tok[s].blen > 1)
		return 0;
	return !(q_lexicon(x, s, e) & (NX_LB(LAST_NAME) | NX_LB(MALE_NAME) | NX_LB(FEMALE_NAME))) &&
		!W(x, s, FIRST_NAME);
}

static int
names_push(QCtx *x, size_t *cap, const QName *n)
{
	if (x->nname == *cap)
	{
		QName	   *nn = nx_grow(x->a, x->name, sizeof(QName), cap, *cap ? 2 * *cap : 64);

		if (!nn)
			return 0;
		x->name = nn;
	}
	x->name[x->nname++] = *n;
	return 1;
}

/* Tokens after a name read for the title it modifies (Clinton communication director), at most. */
#define MODIFIED_TITLE_MAX	3

/*
 * Does the name ending at token e modify a title after it, lower-case
 * words and then a title's word (Clinton communication director
 * Jennifer Palmieri said): then it is no subject.
 */
static int
modifies_noun(const QCtx *x, uint32_t e)
{
	const NxDoc *doc = x->doc;

	for (uint32_t t = e; t < e + MODIFIED_TITLE_MAX && t < doc->ntok && is_word(doc, t) &&
		 !is_cap(doc, t); t++)
	{
		if (has_class(x, t, VERB_WORDS | NX_WB(PAST_VERB) | NX_WB(SPEECH_VERB) |
					  FUNCTION_WORDS))
			return 0;
		if (W(x, t, TITLE) || W(x, t, ROLE_NOUN))
			return 1;
	}
	return 0;
}

/*
 * Does the name [s, n_end) open the subject of its sentence: only
 * capitalised words, titles and possessives before it, after an adverb
 * or conjunction (But Trump …; President Vladimir Putin's spokesman
 * Dmitry Peskov …; Clinton communication director Jennifer Palmieri),
 * and no title after it that it modifies?
 */
static int
opens_sentence(const QCtx *x, uint32_t s, uint32_t n_end)
{
	const NxDoc *doc = x->doc;
	uint32_t	first = doc->sent[doc->tok[s].sentence].tok;

	int			title_after = 0;	/* a title's word comes later */

	if (s - first > SUBJECT_TOKENS_MAX)
		return 0;
	/* read backwards: a lower-case word of a title's phrase (communication
	 * director Jennifer Palmieri) passes when a title's word follows it */
	for (uint32_t t = s; t-- > first;)
	{
		title_after = title_after || W(x, t, TITLE);
		if (is_word(doc, t) && !is_cap(doc, t) && !title_after &&
			!has_class(x, t, NX_WB(CONJUNCTION) | NX_WB(SENTENCE_ADVERB) | NX_WB(ARTICLE)))
			return 0;
	}
	return !modifies_noun(x, n_end);
}

/*
 * The end of a name run [i, j) that goes on, through capitalised title
 * words, to an organisation's word (International Atomic Energy Agency:
 * Energy is a title's word), or j.
 */
static uint32_t
org_run_end(const QCtx *x, uint32_t i, uint32_t j)
{
	const NxDoc *doc = x->doc;
	uint32_t	k = j;

	while (k < doc->ntok && k < i + NAME_TOKENS_MAX && in_sent(doc, k, doc->tok[i].sentence) &&
		   is_cap(doc, k) && !has_class(x, k, FUNCTION_WORDS) &&
		   (name_token(x, k) || W(x, k, TITLE)))
	{
		k++;
		if (W(x, k - 1, ORG_HEAD) && k > j + 1)
			return k;
	}
	return j;
}

/*
 * Is token i a title's word standing alone as a surname, a name only when
 * a person named before has it (Raj Shah, then Shah told; not the
 * President said, President Obama)?
 */
static int
title_surname(const QCtx *x, uint32_t i)
{
	const NxDoc *doc = x->doc;

	return is_cap(doc, i) && W(x, i, TITLE) && !(doc->tok[i].flags & NX_TF_ABBREV) &&
		!(i > 0 && has_class(x, i - 1, NX_WB(ARTICLE) | NX_WB(DETERMINER) | NX_WB(TITLE))) &&
		!(i + 1 < doc->ntok && is_cap(doc, i + 1));
}

/* The names of the document, in order. */
static NxStatus
find_names(QCtx *x)
{
	const NxDoc *doc = x->doc;
	size_t		cap = 0;

	for (uint32_t i = 0; i < doc->ntok;)
	{
		uint32_t	j = i,
					nick = 0;
		QName		n;

		if ((i & 4095) == 0)
			nx_check_interrupts(x->a);
		while (name_goes_on(x, i, j))
			j++;
		if (j > i && (nick = nickname(x, i, j)) != 0)
			for (j = nick + 3; name_goes_on(x, i, j); j++)
				;				/* Marcia "Cia" Price */
		if (j == i && title_surname(x, i))
			j = i + 1;			/* a weak name, below */
		if (j == i)
		{
			i++;
			continue;
		}
		j = org_run_end(x, i, j);
		/* a newspaper's name before another name (The Washington Post Trump
		 * said), unless the whole run is one (Wall Street Journal) */
		if (!W(x, j - 1, ORG_HEAD) && !(q_lexicon(x, i, j) & (NX_LB(ORG_NAME) | NX_LB(MEDIA_NAME))))
			for (uint32_t k = j - 1; k > i + 1; k--)
				if (q_lexicon(x, i, k) & (NX_LB(ORG_NAME) | NX_LB(MEDIA_NAME)))
				{
					j = k;
					break;
				}
		memset(&n, 0, sizeof(n));
		n.s = name_start(x, i, j);
		n.e = day_name_end(x, n.s, person_name_end(x, n.s, j));
		/* a surname's suffix (Jr., II) stays, but is no last word */
		n.sent = doc->tok[i].sentence;
		n.entity = -1;
		n.weak = weak_name(x, n.s, n.e) || (n.e == n.s + 1 && title_surname(x, n.s));
		n.possessive = is_kind(doc, j, NX_TOK_CLITIC);
		n.nick = nick > n.s && nick + 3 < n.e ? nick : 0;
		n.inquote = x->inquote[i];
		n.subject = opens_sentence(x, n.s, n.e);
		for (uint32_t k = n.s + 1; k < n.e; k++)
			n.joined = n.joined || (is_word(doc, k) && !is_cap(doc, k) && W(x, k - 1, ORG_HEAD));
		n.first_h = q_folded_hash(x, n.s);
		n.last = n.e - 1;
		while (n.last > n.s && q_initial_or_suffix(x, n.last))
			n.last--;
		n.last_h = q_folded_hash(x, n.last);
		n.particled = n.last > n.s;
		for (uint32_t k = n.s; k < n.last; k++)
			n.particled = n.particled && W(x, k, NAME_PARTICLE);
		name_evidence(x, &n);
		if (!names_push(x, &cap, &n))
			return NX_ENOMEM;
		i = j;
	}
	return NX_OK;
}

/* The names and entities of the document. */
NxStatus
q_names_build(QCtx *x)
{
	const NxDoc *doc = x->doc;
	NxStatus	st;

	x->name_of = nx_alloc(x->a, (doc->ntok + 1) * sizeof(int32_t));
	x->headline = nx_alloc(x->a, doc->nsent + 1);
	if (!x->name_of || !x->headline)
		return NX_ENOMEM;
	q_find_headlines(x);
	for (size_t i = 0; i <= doc->ntok; i++)
		x->name_of[i] = -1;
	if ((st = find_names(x)) != NX_OK || (st = q_link_names(x)) != NX_OK)
		return st;
	for (size_t k = 0; k < x->nname; k++)
		if (x->name[k].entity >= 0)
			for (uint32_t i = x->name[k].s; i < x->name[k].e; i++)
				x->name_of[i] = (int32_t) k;
#ifdef NX_NAMES_TRACE
	for (size_t k = 0; k < x->nname; k++)
	{
		const QName *n = &x->name[k];
		const NxToken *a = &doc->tok[n->s], *b = &doc->tok[n->e - 1];

		fprintf(stderr, "name %zu [%.*s] ent %d type %d gender %d given %d title %d weak %d subj %d\n", k,
				(int) (b->b + b->blen - a->b), doc->text + a->b, n->entity, n->type, n->gender,
				n->given, n->title, n->weak, n->subject);
	}
	for (size_t e = 0; e < x->nent; e++)
	{
		const QName *n = &x->name[x->ent[e].best];
		const NxToken *a = &doc->tok[n->s], *b = &doc->tok[n->e - 1];

		fprintf(stderr, "entity %zu [%.*s] type %d gender %d names %u\n", e,
				(int) (b->b + b->blen - a->b), doc->text + a->b, x->ent[e].type, x->ent[e].gender,
				x->ent[e].nnames);
	}
#endif
	return NX_OK;
}

/* Release the names and entities. */
void
q_names_free(QCtx *x)
{
	nx_free(x->a, x->name);
	nx_free(x->a, x->ent);
	nx_free(x->a, x->name_of);
	nx_free(x->a, x->headline);
}
