/*
 * nx_quotes_roles.c
 *	  Descriptions for the speakers pass: a definite description names the
 *	  entity named before it that the article described so.
 *	   - a person's description (the mayor, The Indiana governor, the New
 *		 York businessman, The former secretary of state) names the last
 *		 person before it whose title or appositive holds its head noun
 *		 and every word before it (Mayor Bill de Blasio; Indiana Gov. Mike
 *		 Pence, an abbreviation read as its role; Donald Trump, a New York
 *		 businessman,);
 *	   - an organisation's (the commission, the agency, the newspaper)
 *		 names the last organisation before it whose name holds its head
 *		 noun, or the last news medium for a medium's noun.
 *	  An indefinite description (a doctor, officials) names no one, nor
 *	  one whose words the article never gave anyone (the band leader):
 *	  the speaker then stays the description.
 */
#include "nx_quotes_int.h"

#include "nx_fold.h"
#include "nx_hash.h"

/* Tokens before a name read as its title (Republican presidential nominee), at most. */
#define ROLE_BEFORE_MAX		4

/* Tokens of an appositive after a name's comma read as its role, at most. */
#define ROLE_AFTER_MAX		8

/* Names back a description looks for its entity, at most. */
#define DESCRIPTION_NAMES	60

/* Tokens back a document's description looks for the document named first, at most. */
#define DOCUMENT_BACK_MAX	400

/* Sentences back a document's description, or a definite naming of one, looks for another noun of it, at most. */
#define DOCUMENT_SENTENCES_MAX	3

/* Words between a document's author and its noun, at most (Mariano wrote a memoir). */
#define AUTHOR_GAP_MAX		3

/* Words of a description read, at most (the former Republican presidential nominee). */
#define DESCRIPTION_WORDS	6

/* The key of a word: folded, a final period dropped, an abbreviation read as its role. */
static uint64_t
word_key(const NxDoc *doc, uint32_t t)
{
	const char *role;
	char		buf[64];
	size_t		n = nx_fold(doc->text + doc->tok[t].b, doc->tok[t].blen, buf, sizeof(buf) - 1);

	if (n > 1 && buf[n - 1] == '.')
		n--;
	buf[n] = '\0';
	if ((role = nx_words_role_of(buf)) != NULL)
		return nx_fnv1a64(role, strlen(role));
	return nx_fnv1a64(buf, n);
}

/* A description: its article's token, its head noun, and the keys of its words. */
typedef struct Description
{
	uint32_t	head;
	uint64_t	key[DESCRIPTION_WORDS];
	int			nkey;
	int			org;			/* its head names a body (the commission) */
	int			media;			/* its head names a news medium (the newspaper) */
} Description;

/*
 * Read mention m as a definite description (The Indiana governor, the
 * former secretary of state and …): "the", then words to its head, the
 * last lower-case word before "of", a comma, "and" or the mention's end.
 * Returns 0 when it is none.
 */
static int
read_description(const QCtx *x, QSpan m, Description *d)
{
	const NxDoc *doc = x->doc;
	uint32_t	t;

	memset(d, 0, sizeof(*d));
	if (m.e <= m.s + 1 || !nx_tok_ieq(doc, m.s, "the"))
		return 0;
	d->head = UINT32_MAX;
	for (t = m.s + 1; t < m.e; t++)
	{
		if (is_kind(doc, t, NX_TOK_CLITIC) || is_kind(doc, t, NX_TOK_APOSTROPHE))
			return 0;			/* a possessor (the ad's narrator) */
		if (t + 1 < m.e && after_hyphen(doc, t + 1) && is_word(doc, t + 1))
			continue;			/* a compound's words are the description's (the GOP front-runner) */
		if (!is_word(doc, t) || nx_tok_ieq(doc, t, "of") || nx_tok_ieq(doc, t, "and") ||
			W(x, t, CLAUSE_WORD) || d->nkey == DESCRIPTION_WORDS)
			break;
		d->key[d->nkey++] = word_key(doc, t);
		if (!is_cap(doc, t))
			d->head = t;
	}
	if (d->head == UINT32_MAX || d->key[d->nkey - 1] != word_key(doc, d->head))
		return 0;				/* no noun last (the first), a name last (the Times) */
	d->org = W(x, d->head, ORG_HEAD);
	d->media = W(x, d->head, MEDIA_NOUN);
	return 1;
}

/* Does key k stand among tokens [s, e)? */
static int
key_in(const NxDoc *doc, uint32_t s, uint32_t e, uint64_t k)
{
	for (uint32_t t = s; t < e; t++)
		if (is_word(doc, t) && word_key(doc, t) == k)
			return 1;
	return 0;
}

/* The title before name n and the appositive after it: [*bs, n->s) and [*as, *ae). */
static void
name_context(const QCtx *x, const QName *n, uint32_t *bs, uint32_t *as, uint32_t *ae)
{
	const NxDoc *doc = x->doc;
	uint32_t	t;

	for (t = n->s; t > 0 && n->s - t < ROLE_BEFORE_MAX && in_sent(doc, t - 1, n->sent) &&
		 is_word(doc, t - 1); t--)
		;
	*bs = t;
	*as = *ae = n->e;
	if (!is_punct(doc, n->e, ','))
		return;
	*as = n->e + 1;
	for (t = *as; t < *as + ROLE_AFTER_MAX && in_sent(doc, t, n->sent) && !is_punct(doc, t, ','); t++)
		;
	/* closed by a comma or the sentence's end, else no appositive (Mr.
	 * Trump, the Clinton campaign has refocused its efforts …) */
	*ae = is_punct(doc, t, ',') || !in_sent(doc, t, n->sent) ||
		(t + 1 >= doc->ntok || !in_sent(doc, t + 1, n->sent)) ? t : *as;
}

/* Does name n's title or appositive hold every word of description d? */
static int
described(const QCtx *x, const QName *n, const Description *d)
{
	uint32_t	bs,
				as,
				ae;

	name_context(x, n, &bs, &as, &ae);
	for (int k = 0; k < d->nkey; k++)
		if (!key_in(x->doc, bs, n->s, d->key[k]) && !key_in(x->doc, as, ae, d->key[k]))
			return 0;
	return 1;
}

/* Is token t a noun of a person (a title, an office, a man or a woman: the strategist, the mayor, the widow)? */
static int
person_noun(const QCtx *x, uint32_t t)
{
	return has_class(x, t, NX_WB(TITLE) | NX_WB(ROLE_NOUN) | NX_WB(MALE_WORD) | NX_WB(FEMALE_WORD)) ||
		(nx_words_abbrev(x->doc, t) & (NX_WB(MALE_WORD) | NX_WB(FEMALE_WORD)));
}

/* Does organisation n's name hold the head noun of d (the commission: Commission on Presidential Debates)? */
static int
named_so(const QCtx *x, const QName *n, const Description *d)
{
	return key_in(x->doc, n->s, n->e, d->key[d->nkey - 1]);
}

/* The entity of name n (-1: none) when it is a person or organisation, else -1. */
static int32_t
person_or_org(const QCtx *x, int32_t n)
{
	uint8_t		type;

	if (n < 0)
		return -1;
	type = x->ent[x->name[n].entity].type;
	return type == QT_PERSON || type == QT_ORG ? x->name[n].entity : -1;
}

/* Can token k stand between a document's author and its noun: a word, a number, a possessive or an inner mark (a 50-state poll, CNN/ORC)? */
static int
in_author_gap(const NxDoc *doc, uint32_t k)
{
	return is_word(doc, k) || is_kind(doc, k, NX_TOK_NUMBER) || is_kind(doc, k, NX_TOK_APOSTROPHE) ||
		is_kind(doc, k, NX_TOK_CLITIC) || is_punct(doc, k, '/') || is_punct(doc, k, '-');
}

/*
 * The author of the document named at token t: a person or organisation
 * whose name ends at most AUTHOR_GAP_MAX words before it (the Security
 * Council issued a statement; Mariano wrote a memoir; a Homeland
 * Security memo; a CNN/ORC poll), else the name right after a "by" that
 * follows it (a web video by the Republican National Committee); -1
 * when neither is.
 */
static int32_t
written_by(const QCtx *x, uint32_t t)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[t].sentence;
	int32_t		a;

	for (uint32_t k = t, words = 0; k-- > 0 && words <= AUTHOR_GAP_MAX && in_sent(doc, k, sent) &&
		 in_author_gap(doc, k);)
	{
		if (x->name_of[k] >= 0)
			return person_or_org(x, x->name_of[k]);
		words += is_word(doc, k) && !(k + 1 < doc->ntok && is_punct(doc, k + 1, '-'));
	}
	if (t + 2 < doc->ntok && in_sent(doc, t + 2, sent) && nx_tok_ieq(doc, t + 1, "by"))
	{
		uint32_t	k = t + 2 + (nx_tok_ieq(doc, t + 2, "the") && t + 3 < doc->ntok);

		if ((a = person_or_org(x, x->name_of[k])) >= 0)
			return a;
	}
	return -1;
}

/*
 * The author of a document's description d in mention m (the statement,
 * the clip), written_by where the document was named before it: by the
 * same noun (the Security Council issued a statement), else by the
 * latest document's noun outside quotations, at most
 * DOCUMENT_SENTENCES_MAX sentences back (Mariano wrote a memoir … the
 * book said), and then *antecedent is set.  A definite naming with no
 * author of its own (The ad also mentions …) refers further back in
 * turn (A web video by the Republican National Committee … The ad … The
 * clip says).  Returns -1 when the naming found tells no author.
 */
static int32_t
document_author(const QCtx *x, QSpan m, const Description *d, int *antecedent)
{
	const NxDoc *doc = x->doc;
	uint64_t	head = d->key[d->nkey - 1];
	int32_t		a;

	/* the same noun: its latest naming tells */
	for (uint32_t t = m.s; t-- > 0 && m.s - t < DOCUMENT_BACK_MAX;)
		if (is_word(doc, t) && word_key(doc, t) == head)
			return written_by(x, t);
	if (!q_on(x, NX_QR_DOCUMENT_ANTECEDENT))
		return -1;
	/* else the latest document named a few sentences back, back through definite namings */
	for (uint32_t t = m.s, from = doc->tok[m.s].sentence;
		 t-- > 0 && from - doc->tok[t].sentence <= DOCUMENT_SENTENCES_MAX;)
	{
		if (!is_word(doc, t) || is_cap(doc, t) || x->inquote[t] || !W(x, t, DOCUMENT_NOUN))
			continue;
		if ((a = written_by(x, t)) >= 0 || t == 0 || !nx_tok_ieq(doc, t - 1, "the"))
		{
			*antecedent = a >= 0;
			return a;
		}
		from = doc->tok[t].sentence;
	}
	return -1;
}

/*
 * The entity description m names among the names before name index
 * before, or -1; then *role is its head noun when that is an office one
 * person holds (a ROLE_NOUN: the governor, the nominee), else UINT32_MAX.
 */
int32_t
q_description_entity(const QCtx *x, QSpan m, size_t before, uint32_t *role, int *antecedent)
{
	Description d;
	size_t		seen = 0;

	*role = UINT32_MAX;
	*antecedent = 0;
	if (!read_description(x, m, &d))
		return -1;
	if (W(x, d.head, ROLE_NOUN) && !d.org && !d.media)
		*role = d.head;
	if (W(x, d.head, DOCUMENT_NOUN))
		return document_author(x, m, &d, antecedent);
	for (size_t i = before; i-- > 0 && seen < DESCRIPTION_NAMES; seen++)
	{
		const QName *n = &x->name[i];
		const QEntity *e;

		if (n->entity < 0 || n->s >= m.s)
			continue;
		e = &x->ent[n->entity];
		if (d.media && (q_lexicon(x, n->s, n->e) & NX_LB(MEDIA_NAME)))
			return n->entity;
		if (d.org && e->type == QT_ORG && named_so(x, n, &d))
			return n->entity;
		if (!d.org && !d.media && person_noun(x, d.head) && e->type == QT_PERSON &&
			described(x, n, &d))
			return n->entity;
	}
	return -1;
}
