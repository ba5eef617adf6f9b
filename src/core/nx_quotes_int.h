/*
 * nx_quotes_int.h
 *	  Internals of the quotation pipeline (nx_quotes.h): the passes, the
 *	  context they share (its fields grouped by the pass that fills
 *	  them), spans, the rule switches, the named bounds that keep every
 *	  pass linear, and small token tests.
 *
 * The passes, in the order nx_quotes.c runs them:
 *	 tag		 the attribution tagger labels sources, cues and contents
 *				 (or the labels are given); chunks, roles, word classes
 *				 (nx_quotes.c, nx_quotes_link.c)
 *	 blocks		 a paragraph quoted whole after a colon (nx_quotes_blocks.c)
 *	 contents	 each content chunk: its bounds and kind
 *				 (nx_quotes_content.c), its cue and source
 *				 (nx_quotes_link.c; nx_quotes_subject.c when the tagger
 *				 found no source), drop or keep (nx_quotes_contents.c)
 *	 patterns	 "according to X", "As X put it", "NAME:" as rows of a
 *				 table with a merge policy each (nx_quotes_patterns.c)
 *	 missed, bare cues, bare said
 *				 what the tagger left out (nx_quotes_recover.c)
 *	 sort		 document order
 *	 mentions	 the source's span as PolNeAR marks it (nx_quotes_mention.c)
 *	 speakers	 the name a mention resolves to (nx_quotes_speaker.c)
 *	 keys		 speech or belief, and the quotation's key (nx_quotes_keys.c)
 *
 * A rule is a row of nx_quotes_rules.h: it can be switched off
 * (q_on), and a quotation records the rules that made and changed it.
 */
#ifndef NX_QUOTES_INT_H
#define NX_QUOTES_INT_H

#include <string.h>

#include "nx_attrib.h"
#include "nx_quotes.h"
#include "nx_words.h"

/* ---- bounds: each keeps a scan constant work a token ---- */

/* A cue outside the content's sentences, before it or after it: added to
 * its distance, so one in them always wins (the speaker going on from
 * before is likelier than the next attribution). */
#define CUE_OTHER_SENTENCE_BEFORE	100000
#define CUE_OTHER_SENTENCE_AFTER	200000

/* Words of a name or title run (President Vladimir Putin), at most. */
#define NAME_RUN_MAX		8
/* Tokens of a noun phrase before a cue (The complaint alleged), at most. */
#define NP_BEFORE_MAX		12
/* Tokens of a sentence's subject that is no name, at most. */
#define NP_SUBJECT_MAX		12
/* Tokens of an opening phrase before a subject (In May, …), at most. */
#define INTRO_PHRASE_MAX	20
/* Tokens of an appositive after a subject's name, at most. */
#define APPOSITIVE_MAX		25
/* Tokens of a comma clause between a subject and its cue, at most. */
#define COMMA_CLAUSE_MAX	40
/* Auxiliaries and adverbs between a subject and its verb, at most. */
#define AUX_RUN_MAX			3
/* Tokens of a dash attribution's name (— Commissioner X), at most. */
#define DASH_NAME_MAX		7
/* Tokens of a paragraph that is only a dash attribution, at most. */
#define DASH_PARAGRAPH_MAX	10
/* Tokens either side of a content searched for a reporting verb. */
#define NEAR_VERB_WINDOW	6
/* Words of a short phrase (a scare quote, a title), at most. */
#define SHORT_PHRASE_WORDS	4
/* Words of a quoted sentence that starts a content after a comma, at least. */
#define QUOTED_SENTENCE_WORDS 4
/* Words between a cue and a comma before a quotation, at most. */
#define CUE_TO_COMMA_WORDS	4
/* Words of a quotation the tagger missed that needs no verb of speech right before it. */
#define MISSED_QUOTATION_WORDS 5
/* Words of a reported clause, at least. */
#define CLAUSE_MIN_WORDS	3
/* Words of a clause without marks that the tagger found, at least (not "he believes it"). */
#define TAGGED_CLAUSE_MIN_WORDS 2
/* Words of the content of a pattern (As X put it, NAME:), at least. */
#define PATTERN_CONTENT_MIN_WORDS 2
/* Words before "according to" and its comma that make a clause of them, at least (not "But,"). */
#define ACCORDING_CLAUSE_MIN_WORDS 3
/* Tokens before a closing attribution's comma that make a clause of them, at least. */
#define CLOSING_CLAUSE_MIN_TOKENS 4
/* Bytes of a determiner between an inverted cue and a name (a, the), at most. */
#define DETERMINER_MAX_BYTES 3
/* Tokens after "according to" to its comma, at most. */
#define ACCORDING_SOURCE_MAX 27
/* Tokens before "according to" looked at for words of their own. */
#define ACCORDING_BEFORE_MAX 32
/* Tokens of an appositive after an "according to" source, at most. */
#define ACCORDING_APPOSITIVE_MAX 30
/* Tokens from "As" to "put it", and from "put it" to its comma, at most. */
#define AS_PUT_IT_MAX		30
#define PUT_IT_TO_COMMA_MAX 14
/* Tokens from an opening "As" to the sentence's start, at most (Or, as …). */
#define AS_OPENS_MAX		3
/* Words of a paragraph's name before a colon (TAPPER:, Ann Coulter:), at most. */
#define COLON_NAME_MAX		5
/* Tokens of a sentence's name before a colon (Kasich: …), at most. */
#define COLON_SPEAKER_MAX	4
/* Tokens a pronoun looks back for its person. */
#define PRONOUN_WINDOW		400
/* Tokens after a quotation scanned for its attribution. */
#define ATTRIBUTION_AFTER_MAX 6
/* Tokens of an inverted source (said Ohio State University professor Paul Beck), at most. */
#define INVERTED_SOURCE_MAX 16
#define INVERTED_SOURCE_WORDS 12
/* Words of an inverted noun phrase after its cue, at most. */
#define INVERTED_NP_WORDS	8
/* Words of a phrase after an article and a cue (said the boy), at most. */
#define INVERTED_PHRASE_MAX 4
/* Tokens of a relative clause's antecedent (McCaskill (D-Mo.), who …), at most. */
#define RELATIVE_ANTECEDENT_MAX 12
/* Tokens of the words before an appositive mention, at most. */
#define BEFORE_APPOSITIVE_MAX 7
/* Tokens of a name set off after a description, at most. */
#define NAME_AFTER_DESCRIPTION_MAX 5
/* Tokens a comma is looked for between a cue and a source. */
#define COMMA_SCAN_MAX		40
/* Titles before a name, and words of an organisation before a title, at most. */
#define TITLES_BEFORE_MAX	3
#define ORG_BEFORE_TITLE_MAX 5
/* Tokens from a name's first word to its particle's last (Pieter van Dam), at most. */
#define PARTICLE_NAME_MAX	6
/* Tokens of a name run in speaker resolution, at most (fewer than NAME_RUN_MAX). */
#define SPEAKER_RUN_MAX		6
/* Buckets of the fullest-name table, at least. */
#define NAME_BUCKETS_MIN	64
/* Punctuation between a content's end and a closing mark or dash after it (.” or ., —), at most. */
#define TRAILING_PUNCT_MAX	2
/* Words of a dateline in capitals before a dash (CLEVELAND -), at most. */
#define DATELINE_WORDS_MAX	4
/* Tokens of an article's phrase before a name (an angry Hollande), at most. */
#define ARTICLE_PHRASE_MAX	4
/* Closing marks looked at after a quotation (,’”), at most. */
#define CLOSING_MARKS_MAX	5
/* Tokens of a mention read for its name, at most (quotations may share one long mention). */
#define MENTION_READ_MAX	64
/* Tokens a check for interrupts waits, in the passes' loops. */
#define INTERRUPT_EVERY		256

/* ---- spans and roles ---- */

/* Tokens [s, e) of the document; s == e: none. */
typedef struct QSpan
{
	uint32_t	s;
	uint32_t	e;
} QSpan;

#define QSPAN(s_, e_)	((QSpan) {(s_), (e_)})
#define QNONE			QSPAN(0, 0)

static inline int
span_none(QSpan sp)
{
	return sp.e <= sp.s;
}

/* An attribution: its cue and its source (either may be none). */
typedef struct QAttr
{
	QSpan		cue;
	QSpan		src;
} QAttr;

/* No cue and no source. */
static inline int
attr_none(const QAttr *at)
{
	return at->cue.e == at->cue.s && at->src.e == at->src.s;
}

/* Chunks of one role, sorted and apart. */
typedef struct QSpanList
{
	QSpan	   *v;
	size_t		n;
	size_t		cap;
} QSpanList;

/* Stage-1 role of a token. */
typedef enum QRole
{
	ROLE_NONE = 0,
	ROLE_SOURCE = 1,
	ROLE_CUE = 2
} QRole;

/* The passes (the order they run in). */
typedef enum QPass
{
	QP_TAG = 0,
	QP_BLOCKS,
	QP_CONTENTS,
	QP_PATTERNS,
	QP_MISSED,
	QP_BARE_CUES,
	QP_BARE_SAID,
	QP_SORT,
	QP_MENTIONS,
	QP_SPEAKERS,
	QP_KEYS,
	QP__COUNT
} QPass;

/* What a name or entity is (nx_quotes_names.c). */
typedef enum QType
{
	QT_UNKNOWN = 0,
	QT_PERSON,
	QT_ORG,
	QT_PLACE,
	QT_GROUP,
	QT__COUNT
} QType;

typedef enum QGender
{
	QG_UNKNOWN = 0,
	QG_MALE,
	QG_FEMALE,
	QG__COUNT
} QGender;

/* A name in the text: tokens [s, e), titles and articles left out. */
typedef struct QName
{
	uint32_t	s;
	uint32_t	e;
	uint32_t	last;			/* its last word (before Jr., II) */
	uint32_t	sent;
	int32_t		entity;			/* the entity it names, -1 (a weak name left out) */
	uint64_t	first_h;		/* case-folded hashes of its first and last word */
	uint64_t	last_h;
	uint8_t		type;			/* QType it says of itself */
	uint8_t		gender;			/* QGender it says of itself */
	uint8_t		given;			/* starts with a given name, a family name after it */
	uint8_t		title;			/* a person's title or honorific right before it */
	uint8_t		subject;		/* opens its sentence */
	uint8_t		possessive;		/* followed by 's */
	uint8_t		inquote;		/* inside a quotation */
	uint8_t		weak;			/* a lone capitalised word opening its sentence */
	uint8_t		joined;			/* has "of", "on" or "for" inside after an organisation's word */
	uint8_t		particled;		/* a surname with its particles only (De Blasio, van Dam) */
	uint32_t	nick;			/* the opening mark of a nickname inside it
								 * (Marcia "Cia" Price), 0 for none */
} QName;

/* An entity: the names of one person, organisation or place. */
typedef struct QEntity
{
	int32_t		best;			/* its fullest name */
	int32_t		first_name;		/* its first name in the text */
	int32_t		latest;			/* its latest name (while linking: so far) */
	int32_t		prev_same;		/* the entity made before with the same last word */
	uint32_t	nnames;
	uint32_t	type_votes[QT__COUNT];
	uint32_t	gender_votes[QG__COUNT];
	uint8_t		type;			/* QType */
	uint8_t		gender;			/* QGender */
} QEntity;

/* What a pronoun or a description agrees with (nx_quotes_salience.c). */
typedef enum QAgree
{
	QA_NONE = 0,
	QA_MALE,					/* he, him, his; a man's office */
	QA_FEMALE,					/* she, her, hers */
	QA_THING,					/* it, its: an organisation */
	QA_PERSON					/* a description of an office (the nominee) */
} QAgree;

/* The features of a candidate referent (q_salience_features). */
typedef enum QFeature
{
	QF_BIAS = 0,
	QF_PREV_SPEAKER,			/* spoke the quotation before, a paragraph or two back */
	QF_SAME_SENTENCE,			/* mentioned in the pronoun's sentence */
	QF_SUBJECT,					/* its latest mention opened a sentence or clause */
	QF_SENTENCES_0,				/* its latest mention 0, 1, 2, 3-4, 5+ sentences back */
	QF_SENTENCES_1,
	QF_SENTENCES_2,
	QF_SENTENCES_4,
	QF_SENTENCES_FAR,
	QF_RANK_0,					/* 0, 1, 2, 3+ agreeing entities mentioned since */
	QF_RANK_1,
	QF_RANK_2,
	QF_RANK_3,
	QF_NAMES_1,					/* mentioned once, 2-3, 4+ times */
	QF_NAMES_2,
	QF_NAMES_4,
	QF_GENDER,					/* its gender is the pronoun's, known */
	QF_IN_QUOTE,				/* its latest mention is inside a quotation */
	QF_QUOTED,					/* it spoke before in the article */
	QF_PARAGRAPH,				/* mentioned in the pronoun's paragraph */
	QF_POSSESSIVE,				/* its latest mention is a possessive (Crutcher's) */
	QF_PRONOUN,					/* its latest mention is a pronoun resolved to it */
	QF_TITLE,					/* its latest mention followed a person's title */
	QF_TOPIC,					/* the first person the article names */
	QF__COUNT
} QFeature;

typedef struct QSalience QSalience;

/* ---- the context of one document ---- */

typedef struct QCtx
{
	/* input */
	const NxModel *m;
	const NxDoc *doc;
	const NxAlloc *a;
	const NxQuoteOptions *opt;	/* rules switched off, given labels */

	/* tag */
	NxAttribDoc *ad;
	NxQuoteSpan *spans;			/* quotation-mark spans, sorted by opening */
	size_t		nspans;
	uint32_t   *marks;			/* [ntok + 1] quotation marks before each token */
	uint32_t   *para_tok;		/* [npara + 1] first token of each paragraph */
	size_t		npara;
	uint64_t   *wc;				/* [ntok + 1] word classes (NX_WB bits) */
	uint64_t   *key;			/* [ntok] lexicon keys (nx_words_key) */
	uint32_t   *lex1;			/* [ntok] its name lists, once looked up (q_lexicon) */
	uint8_t    *lab1,			/* [ntok] stage-1 and stage-2 labels */
			   *lab2;
	QSpanList	src,			/* the tagger's chunks */
				cue,
				content;
	uint8_t    *role;			/* [ntok] QRole of the chunks */
	uint8_t    *inquote;		/* [ntok] inside an outermost closed quotation */

	/* blocks */
	int32_t    *block;			/* [npara + 1] cue token of a block paragraph, -1 */

	/* contents */
	uint8_t    *used;			/* [cue chunks] taken by a quotation */
	long		prev;			/* the last quotation made, -1 */
	size_t		nblock;			/* quotations [0, nblock) are block quotes, */
	size_t		ncontent;		/* [nblock, ncontent) content chunks' */

	/* missed, bare cues, bare said */
	uint8_t    *covered;		/* [ntok] inside a quotation's content */

	/* speakers */
	const NxLexicon *names;		/* the model's name lists (NAMES, else LEXICON) */
	QName	   *name;			/* the names of the document, in order */
	size_t		nname;
	int32_t    *name_of;		/* [ntok + 1] the name of each token, -1 */
	uint8_t    *headline;		/* [nsent] its words are capitalised, as a headline's */
	QEntity    *ent;
	size_t		nent;

	/* the quotations, and the rules of the one being made */
	NxQuote    *q;
	size_t		nq;
	size_t		capq;
	NxQuoteRules fired;
} QCtx;

/* ---- rules ---- */

/* Is rule r on (not switched off by the caller)? */
static inline int
q_on(const QCtx *x, NxQuoteRule r)
{
	return !x->opt || !(x->opt->off.w[r / 64] & (UINT64_C(1) << (r % 64)));
}

static inline void
rules_add(NxQuoteRules *rs, NxQuoteRule r)
{
	rs->w[r / 64] |= UINT64_C(1) << (r % 64);
}

/* Rule r shapes the quotation being made. */
static inline void
q_fire(QCtx *x, NxQuoteRule r)
{
	rules_add(&x->fired, r);
}

/* Rule r gives value v (a rule that returns where something starts or ends). */
static inline uint32_t
q_take(QCtx *x, NxQuoteRule r, uint32_t v)
{
	q_fire(x, r);
	return v;
}

/* Rule r changes quotation q, made before. */
static inline void
q_mark(NxQuote *q, NxQuoteRule r)
{
	rules_add(&q->rules, r);
	q->last = (uint16_t) r;
}

/* ---- token tests ---- */

static inline uint32_t
para_of(const NxDoc *doc, size_t i)
{
	return doc->sent[doc->tok[i].sentence].paragraph;
}

/* Is token i in sentence sent? */
static inline int
in_sent(const NxDoc *doc, size_t i, uint32_t sent)
{
	return i < doc->ntok && doc->tok[i].sentence == sent;
}

static inline int
is_word(const NxDoc *doc, size_t i)
{
	return i < doc->ntok && doc->tok[i].kind == NX_TOK_WORD;
}

static inline int
is_cap(const NxDoc *doc, size_t i)
{
	return is_word(doc, i) && (doc->tok[i].flags & NX_TF_UPPER_INITIAL);
}

/* Does token i (not the first) follow a hyphen with no space either side (Geun-hye)? */
static inline int
after_hyphen(const NxDoc *doc, size_t i)
{
	const NxToken *h = &doc->tok[i - 1];

	return !(doc->tok[i].flags & NX_TF_SPACE_BEFORE) && h->kind == NX_TOK_PUNCT &&
		doc->text[h->b] == '-' && !(h->flags & NX_TF_SPACE_BEFORE);
}

/*
 * Does token i end a capitalised word: capitalised itself, or the part
 * after a hyphen of one whose first part is (Park Geun-hye, Ban Ki-moon)?
 */
static inline int
ends_cap_word(const NxDoc *doc, size_t i)
{
	return is_cap(doc, i) ||
		(i >= 2 && is_word(doc, i) && after_hyphen(doc, i) && is_cap(doc, i - 2));
}

static inline int
is_kind(const NxDoc *doc, size_t i, NxTokKind k)
{
	return i < doc->ntok && doc->tok[i].kind == k;
}

/* Is token i one ASCII punctuation character c? */
static inline int
is_punct(const NxDoc *doc, size_t i, char c)
{
	return i < doc->ntok && doc->tok[i].blen == 1 && doc->text[doc->tok[i].b] == c;
}

/* Is token i a quotation mark, opening or closing? */
static inline int
is_mark(const NxDoc *doc, size_t i)
{
	return is_kind(doc, i, NX_TOK_OPEN_QUOTE) || is_kind(doc, i, NX_TOK_CLOSE_QUOTE);
}

/* Does token i end a phrase: a comma, semicolon, colon, mark or dash? */
static inline int
is_phrase_break(const NxDoc *doc, size_t i)
{
	return is_punct(doc, i, ',') || is_punct(doc, i, ';') || is_punct(doc, i, ':') ||
		is_mark(doc, i) || is_kind(doc, i, NX_TOK_DASH);
}

/* Is token i the relative pronoun "who" or "which" (a source's stand-in)? */
static inline int
is_relative(const NxDoc *doc, size_t i)
{
	return nx_tok_ieq(doc, i, "who") || nx_tok_ieq(doc, i, "which");
}

/* Is token i a word of five bytes or more ending in suffix (-ing, -ed)? */
static inline int
ends_with(const NxDoc *doc, size_t i, const char *suffix)
{
	const NxToken *t = &doc->tok[i];
	size_t		n = strlen(suffix);

	return t->blen > 4 && memcmp(doc->text + t->b + t->blen - n, suffix, n) == 0;
}

/* Is token i of word class (NX_WB bits) any of bits? */
static inline int
has_class(const QCtx *x, size_t i, uint64_t bits)
{
	return i < x->doc->ntok && (x->wc[i] & bits) != 0;
}

/* Shorthand: is token i in class id (CUE_VERB, ARTICLE ...)? */
#define W(x, i, id)		has_class((x), (i), NX_WB(id))

/* Is a token of [s, e) of word class any of bits (an auxiliary, an organisation's head)? */
static inline int
span_has_class(const QCtx *x, size_t s, size_t e, uint64_t bits)
{
	for (size_t i = s; i < e; i++)
		if (has_class(x, i, bits))
			return 1;
	return 0;
}

/* x->lex1 bits: looked up; an entry starts with the token; its classes */
#define LEX1_DONE		UINT32_C(0x80000000)
#define LEX1_STARTS		UINT32_C(0x40000000)
#define LEX1_CLASSES	((UINT32_C(1) << NX_W__LEXICON) - 1)

/*
 * The LEXICON classes of tokens [s, e) (NX_LB bits).  The name lists are
 * a table larger than a cache: each text is looked up once (by its first
 * token, nx_attrib_doc_first), and a span only when an entry starts with
 * its first token.
 */
static inline uint32_t
q_lexicon(const QCtx *x, uint32_t s, uint32_t e)
{
	uint32_t	c = x->lex1[s];

	if (e <= s)
		return 0;
	if (!(c & LEX1_DONE))
	{
		uint32_t	f = nx_attrib_doc_first(x->ad, s);	/* its text's first token */

		c = x->lex1[f];
		if (!(c & LEX1_DONE))
		{
			int			starts;

			c = nx_words_token_keys(x->names, x->key[s], &starts) | LEX1_DONE |
				(starts ? LEX1_STARTS : 0);
			x->lex1[f] = c;
		}
		x->lex1[s] = c;
	}
	if (!(c & LEX1_STARTS))
		return 0;
	return e == s + 1 ? c & LEX1_CLASSES : nx_words_span_keys(x->names, x->key, s, e);
}

/* Does the content [s, e) hold a quotation mark? */
static inline int
has_marks(const QCtx *x, uint32_t s, uint32_t e)
{
	return x->marks[e] > x->marks[s];
}

/* ---- nx_quotes_phrase.c: phrases around a token ---- */
extern uint32_t count_words(const NxDoc *doc, uint32_t s, uint32_t e, uint32_t max);
extern uint32_t count_plain_words(const NxDoc *doc, uint32_t s, uint32_t e, uint32_t max);
extern int	short_phrase(const NxDoc *doc, uint32_t s, uint32_t e);
extern uint32_t punct_end(const NxDoc *doc, uint32_t first, uint32_t end);
extern uint32_t words_end(const NxDoc *doc, uint32_t first, uint32_t end);
extern uint32_t sentence_words_end(const NxDoc *doc, uint32_t t);
extern uint32_t phrase_start(const NxDoc *doc, uint32_t t, uint32_t sent, uint32_t limit);
extern int	aux_or_adverb(const QCtx *x, size_t i);
extern uint32_t aux_start(const QCtx *x, uint32_t t, uint32_t floor);
extern int	speaker_word(const QCtx *x, size_t i);
extern uint32_t name_run(const QCtx *x, uint32_t s, uint32_t sent);
extern void q_find_headlines(QCtx *x);	/* x->headline: sentences of capitalised words */
extern int	ends_in_mark(const NxDoc *doc, uint32_t floor, uint32_t close);
extern int	participle_before(const QCtx *x, uint32_t o);
extern int	is_pronoun(const QCtx *x, QSpan m);
extern int	relative_source(const QCtx *x, QSpan *m);

/* ---- nx_quotes_link.c: chunks, and the cue and source of a content ---- */
extern NxStatus collect_chunks(QCtx *x);
extern void fix_cue_starts(QCtx *x);
extern size_t first_ending_after(const QSpanList *cs, uint32_t t);
extern size_t first_starting_from(const QSpanList *cs, uint32_t t);
extern const NxQuoteSpan *span_opened_at(const QCtx *x, uint32_t t);
extern long find_cue(const QCtx *x, QSpan c);
extern long find_source(const QCtx *x, QSpan cue, QSpan c);
extern void cue_and_source(QCtx *x, long cue, QSpan c, QAttr *at);

/* ---- nx_quotes_content.c: quotations, their bounds and kind ---- */
extern int	add_quote(QCtx *x, QSpan c, const QAttr *at, int block, NxQuoteRule made);
extern void set_span(const NxDoc *doc, NxSpan *sp, QSpan t);
extern QSpan span_of(const NxSpan *sp);
extern uint32_t trim_start(QCtx *x, QSpan c);
extern uint32_t trim_end(QCtx *x, QSpan c);
extern int	take_closing_mark(QCtx *x, QSpan *c);

/* ---- nx_quotes_subject.c: who speaks when the tagger found no source ---- */
extern int	cue_subject(QCtx *x, QSpan cue, QSpan *src);
extern int	sentence_subject(QCtx *x, uint32_t sent, uint32_t cs, QSpan *src);
extern int	plain_subject(const QCtx *x, QSpan src, uint32_t cs);
extern int	person_like(const QCtx *x, QSpan src);
extern int	inverted_np(const QCtx *x, uint32_t t, QSpan *src);
extern long near_cue_verb(const QCtx *x, QSpan c);
extern int	dash_source(const QCtx *x, uint32_t e, QAttr *at);
extern uint32_t signed_paragraph(const QCtx *x, uint32_t e);
extern int	closing_attribution(const QCtx *x, uint32_t e, QAttr *at);
extern int	colon_speaker(const QCtx *x, uint32_t s, QAttr *at);

/* ---- the passes ---- */
extern NxStatus q_pass_blocks(QCtx *x);			/* nx_quotes_blocks.c */
extern NxStatus q_pass_contents(QCtx *x);		/* nx_quotes_contents.c */
extern NxStatus q_pass_patterns(QCtx *x);		/* nx_quotes_patterns.c */
extern NxStatus q_pass_missed(QCtx *x);			/* nx_quotes_recover.c */
extern NxStatus q_pass_bare_cues(QCtx *x);
extern NxStatus q_pass_bare_said(QCtx *x);
extern NxStatus q_pass_mentions(QCtx *x);		/* nx_quotes_mention.c */
extern NxStatus q_pass_speakers(QCtx *x);		/* nx_quotes_speaker.c */
extern NxStatus q_pass_keys(QCtx *x);			/* nx_quotes_keys.c */
extern NxStatus q_names_build(QCtx *x);			/* nx_quotes_names.c */
/* nx_quotes_salience.c: who is in view */
extern NxStatus q_salience_init(QCtx *x, QSalience **out);
extern void q_salience_free(QCtx *x, QSalience *s);
extern void q_salience_advance(QCtx *x, QSalience *s, uint32_t t);
extern void q_salience_spoke(QSalience *s, int32_t e, uint32_t para);
extern size_t q_salience_names_read(const QSalience *s);
extern NxStatus q_speakers_check(const NxModel *m, char *errbuf, size_t errlen);
extern void q_salience_source(QCtx *x, QSalience *s, int32_t e, uint32_t t);
extern int	q_agrees(const QEntity *e, QAgree k);
extern QAgree q_pronoun_kind(const QCtx *x, uint32_t t);
extern int	q_salience_candidates(const QCtx *x, const QSalience *s, QAgree k, uint32_t t,
								  int32_t *cand, int max);
extern void q_salience_features(const QCtx *x, const QSalience *s, int32_t e, int rank,
								QAgree k, uint32_t t, float *f);
extern int32_t q_salience_resolve(const QCtx *x, const QSalience *s, QAgree k, uint32_t t);
extern int32_t q_description_entity(const QCtx *x, QSpan m, size_t before,
									uint32_t *role, int *antecedent);	/* nx_quotes_roles.c */
extern void q_names_free(QCtx *x);

/* Hash of token i case-folded, never 0: QName's first_h and last_h. */
static inline uint64_t
q_folded_hash(const QCtx *x, size_t i)
{
	return x->key[i] | 1;
}

/* Is token i a given name; an initial (J.) or a suffix (Jr., II)? (nx_quotes_names.c) */
extern int	q_given_name(const QCtx *x, uint32_t i);
extern int	q_initial_or_suffix(const QCtx *x, uint32_t i);

/* Link the names of x into entities (nx_quotes_referents.c), after they are found. */
extern NxStatus q_link_names(QCtx *x);

#endif							/* NX_QUOTES_INT_H */
