/*
 * nx_quotes_referents.c
 *	  The entities the names of a document refer to, for the speakers pass
 *	  (the names are found by nx_quotes_names.c): a name of a given name
 *	  and a family name, or of several words, is the entity of the last
 *	  name with the same first and last word, else a new one; a one-word
 *	  name (Trump, the Times) is the entity most recently named with that
 *	  last word, or whose initials it spell (IMF), else a new one that a
 *	  fuller name later in the article may complete; a capitalised word
 *	  opening a sentence before any such name (a headline's Trump:) is the
 *	  surname of the one entity named later with it.  Each entity's type
 *	  and gender come from the evidence of all its names, and its name is
 *	  its fullest.  Linear in the document: each name is looked up in a
 *	  table by its last word.
 */
#include "nx_quotes_int.h"

#include "nx_hash.h"

/*
 * How a surname picks among the entities with that last word: each name
 * of an entity counts one, to SURNAME_NAMES_MAX; an entity named in the
 * last SURNAME_RECENT_SENTENCES sentences gains SURNAME_RECENT_BONUS, one
 * whose gender agrees with the surname's honorific SURNAME_GENDER_BONUS
 * (and loses it when it disagrees).
 */
#define SURNAME_NAMES_MAX	5
#define SURNAME_RECENT_SENTENCES 2
#define SURNAME_RECENT_BONUS 3
#define SURNAME_GENDER_BONUS 10

/* Buckets of the last-word table, at least (a power of two). */
#define LAST_BUCKETS_MIN	64

/* Do names a and b spell the same first and last word (Loretta Lynch, Loretta E. Lynch)? */
static int
same_full_name(const QName *a, const QName *b)
{
	return a->first_h == b->first_h && a->last_h == b->last_h;
}

/* Is name n one word (a surname, an acronym, the Times) after its titles, or a surname with its particles (De Blasio)? */
static int
one_word(const QName *n)
{
	return n->last == n->s || n->particled;
}

static int
entities_push(QCtx *x, size_t *cap, int32_t name)
{
	QEntity    *e;

	if (x->nent == *cap)
	{
		QEntity    *ne = nx_grow(x->a, x->ent, sizeof(QEntity), cap, *cap ? 2 * *cap : 32);

		if (!ne)
			return 0;
		x->ent = ne;
	}
	e = &x->ent[x->nent++];
	memset(e, 0, sizeof(*e));
	e->best = name;
	e->latest = name;
	e->first_name = name;
	return 1;
}

/*
 * The table from a last word to the entities named with it, newest last:
 * open addressing of (hash, entity) pairs, chained through prev_same.
 */
typedef struct LastTable
{
	uint64_t   *key;
	int32_t    *ent;			/* the newest entity with that last word, -1 */
	size_t		nb;
} LastTable;

static size_t
last_slot(const LastTable *t, uint64_t h)
{
	size_t		b = (size_t) nx_mix64(h) & (t->nb - 1);

	while (t->ent[b] >= 0 && t->key[b] != h)
		b = (b + 1) & (t->nb - 1);
	return b;
}

/* Entities of one last word a name is weighed against, the newest, at most
 * (a list of a thousand Smiths stays linear). */
#define SAME_LAST_MAX		32

/* Entities looked back at for an acronym or a misspelt surname, at most. */
#define RECENT_ENTITIES		32

/* Bytes of a surname that a misspelling of it may be, at least. */
#define MISSPELT_MIN_BYTES	6

static inline char
ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
}

/*
 * Is token a a misspelling of token b, a surname: one letter added,
 * dropped or changed, the first the same (McLenney, McClenney; Wines,
 * Wimes is too short)?
 */
static int
misspelt(const NxDoc *doc, uint32_t a, uint32_t b)
{
	const char *p = doc->text + doc->tok[a].b,
			   *q = doc->text + doc->tok[b].b;
	size_t		la = doc->tok[a].blen,
				lb = doc->tok[b].blen,
				i = 0,
				j = 0;
	int			edits = 0;

	if (la < MISSPELT_MIN_BYTES || lb < MISSPELT_MIN_BYTES || la > lb + 1 || lb > la + 1 ||
		p[0] != q[0] || (la == lb && memcmp(p, q, la) == 0))
		return 0;
	while (i < la && j < lb && edits <= 1)
	{
		if (ascii_lower(p[i]) == ascii_lower(q[j]))
		{
			i++;
			j++;
			continue;
		}
		edits++;
		if (la > lb)
			i++;
		else if (lb > la)
			j++;
		else
		{
			i++;
			j++;
		}
	}
	return edits + (int) (la - i) + (int) (lb - j) == 1;
}

/* Does the one-word name n spell the initials of entity e's fullest name (IMF)? */
static int
acronym_of(const QCtx *x, const QName *n, const QEntity *e)
{
	const NxDoc *doc = x->doc;
	const QName *b = &x->name[e->best];
	const NxToken *t = &doc->tok[n->s];
	size_t		k = 0;

	if (!(t->flags & NX_TF_ALL_UPPER) || t->blen < 2 || b->e - b->s < 2)
		return 0;
	for (uint32_t i = b->s; i < b->e; i++)
	{
		char		c = doc->text[doc->tok[i].b];

		if (!is_cap(doc, i))
			continue;
		if (k >= t->blen || doc->text[t->b + k] != c)
			return 0;
		k++;
	}
	return k == t->blen;
}

/*
 * How likely entity e is the one a surname n names: not of the other
 * gender than its honorific says (Mr. Obama), of the same, named in the
 * last sentences, named often.
 */
static int
surname_score(const QCtx *x, const QName *n, int32_t e)
{
	const QEntity *ent = &x->ent[e];
	uint32_t	latest_sent = x->name[ent->latest].sent;
	int			score = ent->nnames < SURNAME_NAMES_MAX ? (int) ent->nnames : SURNAME_NAMES_MAX;

	if (n->gender != QG_UNKNOWN && ent->gender != QG_UNKNOWN)
		score += ent->gender == n->gender ? SURNAME_GENDER_BONUS : -SURNAME_GENDER_BONUS;
	if (n->sent - latest_sent <= SURNAME_RECENT_SENTENCES)
		score += SURNAME_RECENT_BONUS;
	return score;
}

/*
 * Is name n, not a person's full name, the last words of a longer name b
 * (Security Council, United Nations Security Council)?
 */
static int
name_suffix(const QCtx *x, const QName *n, const QName *b)
{
	uint32_t	len = n->e - n->s;

	if (b->e - b->s <= len || n->given)
		return 0;
	for (uint32_t k = 0; k < len; k++)
		if (x->key[n->s + k] != x->key[b->e - len + k])
			return 0;
	return 1;
}

/* Do name n and entity e's names so far say different genders (Michelle Obama, Mr. Obama)? */
static int
gender_clash(const QName *n, const QEntity *e)
{
	return n->gender != QG_UNKNOWN && e->gender_votes[n->gender] == 0 &&
		e->gender_votes[n->gender == QG_MALE ? QG_FEMALE : QG_MALE] > 0;
}

/* Is name b its nickname and last word of name a (Bobby Scott: Robert C. "Bobby" Scott)? */
static int
nickname_of(const QCtx *x, const QName *a, const QName *b)
{
	return a->nick && b->e == b->s + 2 && b->last_h == a->last_h &&
		q_folded_hash(x, a->nick + 1) == b->first_h;
}

/* The entity a name links to among those named before it, or -1. */
static int32_t
link_name(QCtx *x, const LastTable *t, const QName *n)
{
	int32_t		e = t->ent[last_slot(t, n->last_h)],
				best = -1;
	int			best_score = 0;

	/*
	 * a surname goes to the entity of that last word it likeliest names
	 * (surname_score; of equals, the one named last); a fuller name to the
	 * one whose first word agrees, or that has only a surname so far
	 */
	for (int seen = 0; e >= 0 && seen < SAME_LAST_MAX; e = x->ent[e].prev_same, seen++)
	{
		const QName *b = &x->name[x->ent[e].best];

		if (one_word(n))
		{
			int			score = surname_score(x, n, e);

			if (best < 0 || score > best_score ||
				(score == best_score && x->ent[e].latest > x->ent[best].latest))
			{
				best = e;
				best_score = score;
			}
		}
		else if ((one_word(b) && !gender_clash(n, &x->ent[e])) || same_full_name(n, b) ||
				 name_suffix(x, n, b) || nickname_of(x, n, b) || nickname_of(x, b, n))
			return e;
	}
	if (best >= 0)
		return best;
	/* an acronym of a name before it, or a person's surname misspelt */
	if (one_word(n))
		for (int32_t k = (int32_t) x->nent - 1; k >= 0 && k >= (int32_t) x->nent - RECENT_ENTITIES; k--)
		{
			if (x->ent[k].type_votes[QT_ORG] > 0 && acronym_of(x, n, &x->ent[k]))
				return k;
			if (x->ent[k].type == QT_PERSON && misspelt(x->doc, n->s, x->name[x->ent[k].best].last))
				return k;
		}
	return -1;
}

/* Is name a fuller than name b (more words; as many and no middle initial)? */
static int
fuller(const QCtx *x, const QName *a, const QName *b)
{
	uint32_t	la = a->e - a->s,
				lb = b->e - b->s;
	int			ia = 0,
				ib = 0;

	/* a name as written before one with a nickname to leave out (Bobby
	 * Scott before Robert C. "Bobby" Scott) */
	if ((a->nick != 0) != (b->nick != 0) && (a->nick ? b : a)->e - (a->nick ? b : a)->s >= 2)
		return b->nick != 0;
	if (a->given != b->given)
		return a->given > b->given;
	if (same_full_name(a, b) && a->given)
	{
		for (uint32_t i = a->s + 1; i < a->last; i++)
			ia += q_initial_or_suffix(x, i);
		for (uint32_t i = b->s + 1; i < b->last; i++)
			ib += q_initial_or_suffix(x, i);
		if (ia != ib)
			return ia < ib;
	}
	return la > lb;
}

/* Attach name k to entity e. */
static void
attach(QCtx *x, int32_t e, int32_t k)
{
	QEntity    *ent = &x->ent[e];
	QName	   *n = &x->name[k];

	n->entity = e;
	ent->latest = k;
	ent->nnames++;
	ent->type_votes[n->type]++;
	if (n->gender != QG_UNKNOWN)
		ent->gender_votes[n->gender]++;
	if (fuller(x, n, &x->name[ent->best]))
		ent->best = k;
}

/* An entity's type and gender from its names' evidence. */
static void
settle(QEntity *e)
{
	if (e->type_votes[QT_PERSON] > 0)
		e->type = QT_PERSON;
	else if (e->type_votes[QT_ORG] > 0)
		e->type = QT_ORG;
	else if (e->type_votes[QT_PLACE] > 0)
		e->type = QT_PLACE;
	else if (e->type_votes[QT_GROUP] > 0)
		e->type = QT_GROUP;
	else
		e->type = QT_UNKNOWN;
	if (e->gender_votes[QG_MALE] > 0 && e->gender_votes[QG_FEMALE] == 0)
		e->gender = QG_MALE;
	else if (e->gender_votes[QG_FEMALE] > 0 && e->gender_votes[QG_MALE] == 0)
		e->gender = QG_FEMALE;
	else
		e->gender = QG_UNKNOWN;
}

/* An empty table of as many buckets as twice the names, at least. */
static NxStatus
table_init(QCtx *x, LastTable *t)
{
	for (t->nb = LAST_BUCKETS_MIN; t->nb < 2 * x->nname; t->nb *= 2)
		;
	t->key = nx_alloc(x->a, t->nb * sizeof(uint64_t));
	t->ent = nx_alloc(x->a, t->nb * sizeof(int32_t));
	if (!t->key || !t->ent)
		return NX_ENOMEM;
	for (size_t b = 0; b < t->nb; b++)
		t->ent[b] = -1;
	return NX_OK;
}

/* Entity e was named with given name n first (Hillary Clinton): -2 once two were. */
static void
first_name_add(LastTable *f, const QName *n, int32_t e)
{
	size_t		b = last_slot(f, n->first_h);

	if (f->ent[b] >= 0 && f->ent[b] != e)
		e = -2;
	f->key[b] = n->first_h;
	f->ent[b] = e;
}

/*
 * The entity a lone given name names, when one entity only was named
 * with it first (Hillary: Hillary Clinton; Michelle: Michelle Obama), or -1.
 */
static int32_t
first_name_entity(const QCtx *x, const LastTable *f, const QName *n)
{
	size_t		b;

	if (!one_word(n) || n->title || !q_given_name(x, n->s))
		return -1;
	b = last_slot(f, n->last_h);
	return f->ent[b] >= 0 ? f->ent[b] : -1;
}

/*
 * The organisation a lone word names when it opens the longer name of one
 * organisation only named before (Peabody: Peabody Energy; Patriot:
 * Patriot Coal), or -1.  Not a given name (Hillary), nor a person's.
 */
static int32_t
org_first_entity(const QCtx *x, const LastTable *o, const QName *n)
{
	size_t		b;

	/* not a titled name or a group's; a given or family name only when no
	 * person of that name came first (Fox: Fox News) */
	if (n->e != n->s + 1 || n->title || n->type == QT_GROUP)
		return -1;
	b = last_slot(o, n->last_h);
	return o->ent[b] >= 0 && o->key[b] == n->last_h ? o->ent[b] : -1;
}

/*
 * A capitalised word opening a sentence that no name before it explains
 * (a headline's "Trump: We are going to win") is the surname of the one
 * entity of the article whose name ends with it, named later (Donald
 * Trump): a person or organisation, the only one that ends so; not a
 * demonym.
 * t holds every entity by its last word.
 */
static void
link_later_surnames(QCtx *x, const LastTable *t)
{
	for (size_t k = 0; k < x->nname; k++)
	{
		QName	   *n = &x->name[k];
		int32_t		e = -1;
		int			count = 0;

		if (!n->weak || n->entity >= 0 || (q_lexicon(x, n->s, n->e) & NX_LB(DEMONYM)))
			continue;
		for (int32_t c = t->ent[last_slot(t, n->last_h)]; c >= 0 && count < 2; c = x->ent[c].prev_same)
		{
			const QName *b = &x->name[x->ent[c].best];

			if (b->last_h == n->last_h && b->e > b->s + 1)
			{
				e = c;
				count++;
			}
		}
		if (count != 1 || (x->ent[e].type != QT_PERSON && x->ent[e].type != QT_ORG))
			continue;
		attach(x, e, (int32_t) k);
		settle(&x->ent[e]);
	}
}

/* Link the names to entities, in document order. */
NxStatus
q_link_names(QCtx *x)
{
	LastTable	t,
				f,				/* entities by given name */
				o;				/* organisations by the first word of a longer name */
	size_t		cap = 0;
	NxStatus	st = NX_OK;

	memset(&f, 0, sizeof(f));
	memset(&o, 0, sizeof(o));
	if ((st = table_init(x, &t)) == NX_OK && (st = table_init(x, &f)) == NX_OK)
		st = table_init(x, &o);
	for (size_t k = 0; st == NX_OK && k < x->nname; k++)
	{
		QName	   *n = &x->name[k];
		int32_t		e;
		size_t		b;

		if ((k & 4095) == 0)
			nx_check_interrupts(x->a);
		e = link_name(x, &t, n);
		if (e < 0 && q_on(x, NX_QR_SPEAKER_NAME))
			e = first_name_entity(x, &f, n);
		if (e < 0 && q_on(x, NX_QR_ORG_FIRST_WORD) && (e = org_first_entity(x, &o, n)) >= 0)
		{
			/* the word stands for the organisation, not a given name (Fox: Fox News) */
			n->type = QT_ORG;
			n->gender = QG_UNKNOWN;
			q_fire(x, NX_QR_ORG_FIRST_WORD);
		}

		if (e < 0 && n->weak)
			continue;			/* a capitalised word opening a sentence, no name known */
		if (e < 0)
		{
			if (!entities_push(x, &cap, (int32_t) k))
			{
				st = NX_ENOMEM;
				break;
			}
			e = (int32_t) x->nent - 1;
			b = last_slot(&t, n->last_h);
			x->ent[e].prev_same = t.ent[b];
			t.key[b] = n->last_h;
			t.ent[b] = e;
		}
		attach(x, e, (int32_t) k);
		settle(&x->ent[e]);
		/* an organisation's first word is no given name (Fox News: Fox) */
		if (n->given && x->ent[e].type != QT_ORG)
			first_name_add(&f, n, e);
		if (x->ent[e].type == QT_ORG && n->e > n->s + 1)
			first_name_add(&o, n, e);
	}
	if (st == NX_OK && q_on(x, NX_QR_NAME_LATER_SURNAME))
		link_later_surnames(x, &t);
	nx_free(x->a, t.key);
	nx_free(x->a, t.ent);
	nx_free(x->a, f.key);
	nx_free(x->a, f.ent);
	nx_free(x->a, o.key);
	nx_free(x->a, o.ent);
	return st;
}

