/*
 * nx_entities.c
 *	  From tagged mentions to the entities SQL returns: trimming, titles,
 *	  one type per name in a document, canonical forms and keys
 *	  (nx_entities.h).
 *
 * Mentions are compared by their "signature": FNV-1a of each case-folded
 * token chained with nx_key_add, the way lexicon keys are made.  Mentions
 * with the same signature form a group; a group links to a longer group
 * through "link keys": every proper prefix and suffix of a person's
 * tokens, every proper prefix of an organisation's, and the initials of
 * any multi-word non-person name.  A mention looks up its own signature
 * (or its letters, for an acronym) and takes the best group found;
 * otherwise its group is its own canonical form.
 *
 * Each (link key, group type) is a record that keeps, as the scan goes,
 * the answer to "which group is best here" (the rule of better()) in a
 * few fields: the two largest name lengths among its groups, the earliest
 * groups and the groups seen last at those lengths.  A mention reads one
 * record per key and a type, and updates the records of its own group
 * (at most 2 * LINK_MAX + 1), so the pass is linear in the mentions
 * however many groups share a key (Vladimir Putin, Vladimir Lenin ...,
 * and every Vladimir); walking all the groups of a key was quadratic.
 *
 * Everything returned lives in one block: the NxEnt array, then the
 * strings (one canonical and one key per group used as a canonical form).
 */
#include "nx_entities.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "nx_fold.h"
#include "nx_key.h"

#define FOLD_MAX	256			/* bytes of a folded token hashed */
#define LINK_MAX	16			/* tokens of a name enumerated for link keys */
#define ACRO_MIN	2
#define ACRO_MAX	8

/* A cleaned mention. */
typedef struct Ment
{
	uint32_t	tok;
	uint32_t	ntok;
	uint32_t	type;
	float		conf;
	uint64_t	sig;
	uint32_t	group;
	uint32_t	canon;			/* group whose form is the canonical one */
	uint8_t		caps;			/* no lower-case letter */
} Ment;

#define NONE		UINT32_MAX

/* Mentions with the same signature. */
typedef struct Group
{
	uint64_t	sig;
	uint32_t	first;			/* first mention */
	uint32_t	surface;		/* mention whose text is shown */
	uint32_t	ntok;
	uint32_t	type;
	int64_t		last;			/* last mention seen so far in the scan, -1 */
	uint32_t	str;			/* offset of canonical string in the pool, or UINT32_MAX */
	uint32_t	keystr;
	uint32_t	rec;			/* its records: grec[rec .. rec + nrec) */
	uint32_t	nrec;
} Group;

/*
 * The groups reachable by one link key with one type.  Level 0 is the
 * groups of the largest name length, level 1 those of the next largest
 * (needed only when the mention's own group is alone at level 0: U.S
 * gives the initials of its own words).  Groups are numbered in order of
 * first mention, so the earliest of a level is the first one added.
 */
typedef struct Rec
{
	uint64_t	key;
	uint32_t	type;
	uint32_t	lastg;			/* last group added, to add each once */
	uint32_t	ntok[2];		/* name length of levels 0 and 1; 0: none */
	uint32_t	first[3];		/* two earliest groups of level 0, earliest of level 1 */
	uint32_t	recent[3];		/* two groups seen last at level 0, last at level 1 */
} Rec;

/* The records, found by (key, type). */
typedef struct Recs
{
	Rec		   *r;
	size_t		n,
				cap;
	uint32_t   *slot;			/* record index, NONE: empty */
	size_t		mask;
} Recs;

/* An open-addressing table from 64-bit keys to a uint32 value. */
typedef struct Table
{
	uint64_t   *key;			/* 0: empty */
	uint32_t   *val;
	size_t		mask;
} Table;

static NxStatus
table_init(Table *t, size_t n, const NxAlloc *a)
{
	size_t		size = 16;

	while (size < 2 * n + 2)
		size <<= 1;
	t->key = nx_alloc(a, size * sizeof(uint64_t));
	t->val = nx_alloc(a, size * sizeof(uint32_t));
	t->mask = size - 1;
	if (!t->key || !t->val)
		return NX_ENOMEM;
	memset(t->key, 0, size * sizeof(uint64_t));
	return NX_OK;
}

static void
table_free(Table *t, const NxAlloc *a)
{
	nx_free(a, t->key);
	nx_free(a, t->val);
	t->key = NULL;
	t->val = NULL;
}

/* Slot of key: found (*found = 1) or the empty slot where it goes. */
static size_t
table_slot(const Table *t, uint64_t key, int *found)
{
	size_t		i;

	key |= 1;
	i = (size_t) nx_mix64(key) & t->mask;
	while (t->key[i] && t->key[i] != key)
		i = (i + 1) & t->mask;
	*found = t->key[i] != 0;
	return i;
}

/* ---- tokens ---- */

/* Hash of a token's case-folded text (as lexicon keys use). */
static uint64_t
tok_hash(const NxDoc *doc, uint32_t i)
{
	char		buf[FOLD_MAX];
	const NxToken *t = &doc->tok[i];
	size_t		n = nx_fold(doc->text + t->b, t->blen, buf, sizeof(buf));

	return nx_fnv1a64(buf, n);
}

/* Signature of tokens [s, s + n). */
static uint64_t
span_sig(const uint64_t *th, uint32_t s, uint32_t n)
{
	uint64_t	h = NX_FNV_OFFSET;

	for (uint32_t k = 0; k < n; k++)
		h = nx_key_add(h, th[s + k]);
	return nx_key_final(h);
}

/* Is token i the one-byte punctuation mark c? */
static int
is_mark(const NxDoc *doc, uint32_t i, char c)
{
	const NxToken *t = &doc->tok[i];

	return t->blen == 1 && doc->text[t->b] == c;
}

/* Is token i a name's content (words, numbers, symbols: C$, AT&T)? */
static int
is_content(const NxDoc *doc, uint32_t i)
{
	int			k = doc->tok[i].kind;

	return k == NX_TOK_WORD || k == NX_TOK_NUMBER || k == NX_TOK_SYMBOL;
}

/* First token in [i, end) that is the mark c, or end. */
static uint32_t
next_mark(const NxDoc *doc, uint32_t i, uint32_t end, char c)
{
	while (i < end && !is_mark(doc, i, c))
		i++;
	return i;
}

/*
 * May a mention end with token i?  paren and square are the first ( and [
 * at or after its first token.
 */
static int
good_end(const NxDoc *doc, uint32_t i, int per, uint32_t paren, uint32_t square)
{
	if (is_content(doc, i))
		return 1;
	if (doc->tok[i].kind == NX_TOK_CLITIC)
		return !per;			/* Lord's is a place; Putin's is not a person */
	/* a closing bracket whose opener is inside: Mladost (BJ) */
	if (is_mark(doc, i, ')'))
		return paren < i;
	if (is_mark(doc, i, ']'))
		return square < i;
	return 0;
}

/* Does the token have a lower-case letter? */
static int
has_lower(const char *s, size_t len)
{
	int32_t		i = 0;

	while (i < (int32_t) len)
	{
		UChar32		c;

		U8_NEXT((const uint8_t *) s, i, (int32_t) len, c);
		if (c >= 0 && u_islower(c))
			return 1;
	}
	return 0;
}

/* Length in tokens of the longest title lexicon entry at token i, at most n. */
static uint32_t
title_at(const NxModel *m, int cls, const NxDoc *doc, uint32_t i, uint32_t n)
{
	uint64_t	h = NX_FNV_OFFSET;
	uint32_t	best = 0;

	if (cls < 0)
		return 0;
	for (uint32_t k = 0; k < n && k < m->lex.maxlen; k++)
	{
		const NxLexSlot *slot;

		h = nx_key_add(h, tok_hash(doc, i + k));
		slot = nx_lex_find(&m->lex, nx_key_final(h));
		if (!slot)
			break;
		if ((slot->flags & NX_LEX_ENTRY) && ((slot->classes >> cls) & 1))
			best = k + 1;
		if (!(slot->flags & NX_LEX_PREFIX))
			break;
	}
	return best;
}

/* Lexicon classes of which tokens [i, i + n) are a whole entry (0: none). */
static uint32_t
lex_entry(const NxModel *m, const NxDoc *doc, uint32_t i, uint32_t n)
{
	uint64_t	h = NX_FNV_OFFSET;
	const NxLexSlot *slot;

	if (!m->lex.slot || n == 0 || n > m->lex.maxlen)
		return 0;
	for (uint32_t k = 0; k < n; k++)
		h = nx_key_add(h, tok_hash(doc, i + k));
	slot = nx_lex_find(&m->lex, nx_key_final(h));
	return slot && (slot->flags & NX_LEX_ENTRY) ? slot->classes : 0;
}

/*
 * Seats of government named for the institution: read as organisations
 * (the Kremlin said, a White House spokesman), as modern news annotation
 * does; CoNLL-2003 marks them as places, so the tagger learnt LOC.
 */
static const char *const seats[] = {
	"Kremlin", "White House", "Pentagon", "Downing Street", "Whitehall",
	"Elysee", "\xC3\x89lys\xC3\xA9\x65", "Quai d'Orsay", "Zhongnanhai", "Foggy Bottom",
	"Blue House"
};

/* Signature of a space-separated phrase, as span_sig gives for its tokens. */
static uint64_t
phrase_sig(const char *p)
{
	uint64_t	h = NX_FNV_OFFSET;

	while (*p)
	{
		const char *e = strchr(p, ' ');
		size_t		len = e ? (size_t) (e - p) : strlen(p);
		char		buf[FOLD_MAX];
		size_t		n = nx_fold(p, len, buf, sizeof(buf));

		h = nx_key_add(h, nx_fnv1a64(buf, n));
		p += len;
		while (*p == ' ')
			p++;
	}
	return nx_key_final(h);
}

/* Is a signature one of the seats of government? */
static int
is_seat(uint64_t sig)
{
	for (size_t i = 0; i < sizeof(seats) / sizeof(seats[0]); i++)
		if (phrase_sig(seats[i]) == sig)
			return 1;
	return 0;
}

/* Is token k a personal honorific (Mr, Mrs., Ms, Dr ...)? */
static int
honorific(const NxDoc *doc, uint32_t k)
{
	static const char *const words[] = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Mister"};

	return nx_word_in(doc->text + doc->tok[k].b, doc->tok[k].blen, words,
					  sizeof(words) / sizeof(words[0]));
}

/*
 * Does a personal honorific begin mention e or stand right before it, in
 * its sentence (Mr. Obama)?
 */
static int
after_honorific(const NxDoc *doc, const Ment *e)
{
	uint32_t	k = e->tok;

	if (honorific(doc, k))
		return 1;
	if (k > 0 && doc->tok[k - 1].sentence == doc->tok[k].sentence)
	{
		if (honorific(doc, k - 1))
			return 1;
		/* Mr . Obama, the period a token of its own */
		if (k > 1 && doc->text[doc->tok[k - 1].b] == '.' && doc->tok[k - 1].blen == 1 &&
			doc->tok[k - 2].sentence == doc->tok[k].sentence && honorific(doc, k - 2))
			return 1;
	}
	return 0;
}

/* Index of the lexicon class named name, or -1. */
static int
lex_class(const NxModel *m, const char *name)
{
	if (!m->lex.slot)
		return -1;
	for (uint32_t c = 0; c < m->lex.nclasses && c < NX_LEX_MAX_CLASSES; c++)
		if (strncmp(m->lex.class_name[c], name, NX_LEX_CLASS_LEN) == 0)
			return (int) c;
	return -1;
}

/* Model type index of a name, or -1. */
static int
model_type(const NxModel *m, const char *name)
{
	for (uint32_t t = 0; t < m->labels.ntypes; t++)
		if (strcmp(m->labels.type_name[t], name) == 0)
			return (int) t;
	return -1;
}

/* Reader's name of a model type. */
const char *
nx_entity_type_name(const NxModel *m, uint32_t type)
{
	static const char *const map[][2] = {
		{"PER", "PERSON"}, {"PERSON", "PERSON"}, {"ORG", "ORG"},
		{"LOC", "LOC"}, {"MISC", "MISC"}
	};
	const char *n = nx_ner_type_name(m, type);

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(n, map[i][0]) == 0)
			return map[i][1];
	return n;
}

/*
 * Cut points of a mention (tokens that go, ending one piece and starting
 * the next): a square bracket (an editor's insertion: Secretary [Marco]
 * Rubio tagged as one), a round one not closed or opened inside it, and
 * a hyphen written without spaces between two
 * whole place names (the Ukraine-U.S. angle).  Writes at most cap token
 * indexes to cut, returns how many.
 */
static size_t
cuts(const NxModel *m, const NxDoc *doc, const Ment *e, uint32_t places,
	 uint32_t *cut, size_t cap)
{
	size_t		n = 0;
	uint32_t	end = e->tok + e->ntok;
	uint32_t	first[2],		/* first ( and [ of the mention, or end */
				last[2];		/* last ) and ], or end */

	first[0] = next_mark(doc, e->tok, end, '(');
	first[1] = next_mark(doc, e->tok, end, '[');
	last[0] = last[1] = end;
	for (uint32_t i = end; i > e->tok && (last[0] == end || last[1] == end); i--)
	{
		if (last[0] == end && is_mark(doc, i - 1, ')'))
			last[0] = i - 1;
		if (last[1] == end && is_mark(doc, i - 1, ']'))
			last[1] = i - 1;
	}
	for (uint32_t i = e->tok; i < end && n < cap; i++)
	{
		static const char pairs[] = "()[]";
		const char *p;
		const NxToken *t = &doc->tok[i];

		if (t->blen != 1 || !(p = strchr(pairs, doc->text[t->b])) || !*p)
		{
			/* a place, a hyphen, a place */
			if (t->blen == 1 && doc->text[t->b] == '-' && places && i > e->tok && i + 1 < end &&
				!(t->flags & NX_TF_SPACE_BEFORE) &&
				!(doc->tok[i + 1].flags & NX_TF_SPACE_BEFORE))
			{
				uint32_t	s0 = (n > 0) ? cut[n - 1] + 1 : e->tok;
				uint32_t	e1 = i + 1;

				while (e1 < end && !(doc->tok[e1].flags & NX_TF_SPACE_BEFORE) &&
					   !(doc->tok[e1].blen == 1 && doc->text[doc->tok[e1].b] == '-'))
					e1++;
				if ((lex_entry(m, doc, s0, i - s0) & places) &&
					(lex_entry(m, doc, i + 1, e1 - i - 1) & places))
					cut[n++] = i;
			}
			continue;
		}
		{
			int			opener = ((p - pairs) % 2) == 0;
			int			sq = (p - pairs) / 2;
			int			matched;

			/* an opener closed after it, a closer opened before it */
			if (opener)
				matched = last[sq] != end && last[sq] > i;
			else
				matched = first[sq] < i;
			/* square brackets are editorial insertions: always a cut */
			if (!matched || *p == '[' || *p == ']')
				cut[n++] = i;
		}
	}
	return n;
}

/*
 * Clean one mention in place: take punctuation, quotation marks and dashes
 * off both ends (and a possessive off a person), and leading titles off a
 * person when a name follows them, with whatever precedes a title inside
 * (a piece of a cut mention that is only a title goes too).  Returns 0 if
 * nothing is left.
 */
static int
clean(const NxModel *m, const NxDoc *doc, int per, int title_cls, int piece,
	  Ment *e)
{
	uint32_t	s = e->tok,
				end = e->tok + e->ntok;
	int			isper = (int) e->type == per;
	uint32_t	paren = next_mark(doc, s, end, '('),
				square = next_mark(doc, s, end, '[');

	for (;;)
	{
		uint32_t	k;

		while (s < end && !is_content(doc, s))
			s++;
		/* the first brackets from s on: s only moves right, so do they */
		if (paren < s)
			paren = next_mark(doc, s, e->tok + e->ntok, '(');
		if (square < s)
			square = next_mark(doc, s, e->tok + e->ntok, '[');
		while (end > s && !good_end(doc, end - 1, isper, paren, square))
			end--;
		if (s == end || !isper)
			break;
		k = title_at(m, title_cls, doc, s, end - s);
		if (k == end - s && piece)
			return 0;			/* the title left of a cut: Secretary [Marco] */
		if (k == 0 || k == end - s)
			break;
		s += k;
	}
	/* a title inside: Koss Prime Minister Amira Nadeem -> Amira Nadeem */
	for (uint32_t j = s + 1; isper && j + 1 < end; j++)
	{
		uint32_t	k;

		if (!(doc->tok[j].flags & NX_TF_UPPER_INITIAL))
			continue;
		k = title_at(m, title_cls, doc, j, end - j - 1);
		if (k > 0 && j + k < end)
		{
			s = j + k;
			j = s;
		}
	}
	if (s == end)
		return 0;
	e->tok = s;
	e->ntok = end - s;
	return 1;
}

/* ---- strings ---- */

/* A growable byte buffer. */
typedef struct Buf
{
	char	   *p;
	size_t		len,
				cap;
	const NxAlloc *a;
} Buf;

static int
buf_reserve(Buf *b, size_t more)
{
	size_t		cap = b->cap ? b->cap : 256;
	char	   *p;

	if (more > NX_MAX_INPUT || b->len > NX_MAX_INPUT - more)
		return 0;
	if (b->len + more <= b->cap)
		return 1;
	while (cap < b->len + more)
		cap *= 2;
	p = nx_grow(b->a, b->p, 1, &b->cap, cap);
	if (!p)
		return 0;
	b->p = p;
	return 1;
}

static int
buf_put(Buf *b, const void *s, size_t n)
{
	if (!buf_reserve(b, n))
		return 0;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	return 1;
}

/* Append tokens [s, s + n) with one space where the text has white space. */
static int
put_surface(Buf *b, const NxDoc *doc, uint32_t s, uint32_t n)
{
	for (uint32_t i = s; i < s + n; i++)
	{
		const NxToken *t = &doc->tok[i];

		if (i > s && (t->flags & (NX_TF_SPACE_BEFORE | NX_TF_LINE_BEFORE | NX_TF_PARA_BEFORE)))
			if (!buf_put(b, " ", 1))
				return 0;
		if (!buf_put(b, doc->text + t->b, t->blen))
			return 0;
	}
	return 1;
}

/* ---- names: initials, acronyms, link records ---- */

/* Initials of a name's capitalised words (skipping of, the, and ...), or 0. */
static size_t
initials(const NxDoc *doc, uint32_t s, uint32_t n, char *out)
{
	size_t		k = 0;
	uint32_t	words = 0;

	for (uint32_t i = s; i < s + n; i++)
	{
		const NxToken *t = &doc->tok[i];
		unsigned char c = (unsigned char) doc->text[t->b];

		if (t->kind != NX_TOK_WORD)
			continue;
		if (c >= 'A' && c <= 'Z')
		{
			if (k == ACRO_MAX)
				return 0;
			out[k++] = (char) c;
			words++;
		}
		else if (!(t->blen <= 3 && c >= 'a' && c <= 'z'))
			return 0;			/* a long lower-case or non-ASCII word */
	}
	return words >= ACRO_MIN ? k : 0;
}

/* Letters of a mention written as an acronym (US, U.S., FSB), or 0. */
static size_t
acronym(const NxDoc *doc, uint32_t s, uint32_t n, char *out)
{
	size_t		k = 0;

	for (uint32_t i = s; i < s + n; i++)
	{
		const NxToken *t = &doc->tok[i];

		if (i > s && (t->flags & NX_TF_SPACE_BEFORE))
			return 0;
		for (uint32_t j = 0; j < t->blen; j++)
		{
			char		c = doc->text[t->b + j];

			if (c >= 'A' && c <= 'Z')
			{
				if (k == ACRO_MAX)
					return 0;
				out[k++] = c;
			}
			else if (c != '.')
				return 0;
		}
	}
	return k >= ACRO_MIN ? k : 0;
}

static uint64_t
link_key(uint64_t sig, uint32_t type, uint32_t kind)
{
	return nx_hash3(sig, type, kind);
}

enum
{
	LK_NAME = 1, LK_ACRO
};

/* Table slot of (key, type): its record or the empty slot where it goes. */
static size_t
rec_slot(const Recs *rs, uint64_t key, uint32_t type)
{
	size_t		i = (size_t) nx_hash2(key, type) & rs->mask;

	while (rs->slot[i] != NONE &&
		   (rs->r[rs->slot[i]].key != key || rs->r[rs->slot[i]].type != type))
		i = (i + 1) & rs->mask;
	return i;
}

/* Record of (key, type), or NULL. */
static Rec *
rec_find(const Recs *rs, uint64_t key, uint32_t type)
{
	size_t		i = rec_slot(rs, key, type);

	return rs->slot[i] == NONE ? NULL : &rs->r[rs->slot[i]];
}

/*
 * Add group g (groups come in increasing order) to the record of
 * (key, its type), and the record to g's list grec.
 */
static NxStatus
rec_add(Recs *rs, uint32_t *grec, Group *gr, uint64_t key, uint32_t g,
		const NxAlloc *a)
{
	size_t		i = rec_slot(rs, key, gr[g].type);
	uint32_t	n = gr[g].ntok;
	Rec		   *r;

	if (rs->slot[i] == NONE)
	{
		if (rs->n == rs->cap)
		{
			Rec		   *p = nx_grow(a, rs->r, sizeof(Rec), &rs->cap, rs->cap ? 2 * rs->cap : 64);

			if (!p)
				return NX_ENOMEM;
			rs->r = p;
		}
		r = &rs->r[rs->n];
		r->key = key;
		r->type = gr[g].type;
		r->lastg = NONE;
		r->ntok[0] = r->ntok[1] = 0;
		for (int k = 0; k < 3; k++)
			r->first[k] = r->recent[k] = NONE;
		rs->slot[i] = (uint32_t) rs->n++;
	}
	r = &rs->r[rs->slot[i]];
	if (r->lastg == g)
		return NX_OK;
	r->lastg = g;
	grec[gr[g].rec + gr[g].nrec++] = (uint32_t) (r - rs->r);
	if (n > r->ntok[0])
	{
		r->ntok[1] = r->ntok[0];
		r->first[2] = r->first[0];
		r->ntok[0] = n;
		r->first[0] = g;
		r->first[1] = NONE;
	}
	else if (n == r->ntok[0])
	{
		if (r->first[1] == NONE)
			r->first[1] = g;
	}
	else if (n > r->ntok[1])
	{
		r->ntok[1] = n;
		r->first[2] = g;
	}
	return NX_OK;
}

/*
 * The best group of a record for a mention of group g0, by the rule of
 * better(): the longest name, then the one seen last, then the earliest
 * one; never g0 itself.  NONE if g0 is its only group.
 */
static uint32_t
rec_best(const Rec *r, uint32_t g0)
{
	if (r->recent[0] != NONE && r->recent[0] != g0)
		return r->recent[0];
	if (r->recent[0] == g0 && r->recent[1] != NONE)
		return r->recent[1];
	/* no group of level 0 but g0 seen yet */
	if (r->first[0] != g0)
		return r->first[0];
	if (r->first[1] != NONE)
		return r->first[1];
	/* g0 alone at level 0 */
	return r->recent[2] != NONE ? r->recent[2] : r->first[2];
}

/* Group g has just been seen: it is now the last seen of its records. */
static void
rec_seen(Recs *rs, const uint32_t *grec, const Group *gr, uint32_t g)
{
	for (uint32_t k = 0; k < gr[g].nrec; k++)
	{
		Rec		   *r = &rs->r[grec[gr[g].rec + k]];

		if (gr[g].ntok == r->ntok[0])
		{
			if (r->recent[0] != g)
			{
				r->recent[1] = r->recent[0];
				r->recent[0] = g;
			}
		}
		else if (gr[g].ntok == r->ntok[1])
			r->recent[2] = g;
	}
}

/* Is group c a better canonical form than group b for the current mention? */
static int
better(const Group *gr, uint32_t c, uint32_t b)
{
	const Group *x = &gr[c],
			   *y = &gr[b];

	if (x->ntok != y->ntok)
		return x->ntok > y->ntok;
	/* the one seen last before i, else the first seen after it */
	if ((x->last >= 0) != (y->last >= 0))
		return x->last >= 0;
	if (x->last >= 0)
		return x->last > y->last;
	return x->first < y->first;
}

/* ---- the passes ---- */

/*
 * What the passes of nx_entities_from_mentions share, each group of
 * fields filled by the pass that names it.
 */
typedef struct EntCtx
{
	const NxModel *m;
	const NxDoc *doc;
	const NxAlloc *a;
	int			per;			/* model types, -1 where the model has none */
	int			org;
	int			loc;
	int			title_cls;		/* lexicon class of titles, -1 */
	uint32_t	places;			/* lexicon classes of places, as bits */
	uint32_t	nt;				/* number of model types */
	/* clean: the mentions cut into pieces and cleaned */
	Ment	   *me;
	size_t		nm;
	/* group: the mentions of one signature and type */
	Table		bysig;
	Group	   *gr;
	size_t		ng;
	/* link keys: records of the longer forms of names */
	Recs		recs;
	uint32_t   *grec;
	uint64_t   *th;				/* token hashes of one name */
	/* strings: canonical forms and keys */
	Buf			pool;
} EntCtx;

/* Is a tagged mention inside the document and of a type of the model? */
static int
mention_ok(const EntCtx *x, const NxEntity *in)
{
	const NxDoc *doc = x->doc;

	return in->ntok > 0 && in->tok < doc->ntok && in->ntok <= doc->ntok - in->tok &&
		in->type < x->nt;
}

/*
 * The pieces of one tagged mention (cut at brackets and between place
 * names), each with its type fixed and cleaned, appended to x->me while
 * fewer than cap.
 */
static void
add_pieces(EntCtx *x, const NxEntity *in, size_t cap)
{
	const NxDoc *doc = x->doc;
	Ment		e;
	uint32_t	cut[8];
	size_t		nc;
	uint32_t	s0;

	e.tok = in->tok;
	e.ntok = in->ntok;
	e.type = in->type;
	e.conf = in->conf;
	nc = cuts(x->m, doc, &e, (int) e.type == x->per ? 0 : x->places, cut, 8);
	s0 = e.tok;
	for (size_t k = 0; k <= nc; k++)
	{
		uint32_t	e0 = k < nc ? cut[k] : e.tok + e.ntok;
		Ment	   *p = &x->me[x->nm];

		if (e0 <= s0)
		{
			s0 = e0 + 1;
			continue;
		}
		*p = e;
		p->tok = s0;
		p->ntok = e0 - s0;
		if (k < nc && cut[k] < e.tok + e.ntok && doc->text[doc->tok[cut[k]].b] == '-' && x->loc >= 0)
			p->type = (uint32_t) x->loc;
		if (k > 0 && doc->text[doc->tok[cut[k - 1]].b] == '-' && x->loc >= 0)
			p->type = (uint32_t) x->loc;
		/* a name after Mr or Mrs is a person's, whatever the tagger says */
		if (x->per >= 0 && (int) p->type != x->per && after_honorific(doc, p))
			p->type = (uint32_t) x->per;
		if (clean(x->m, doc, x->per, x->title_cls, nc > 0, p) && x->nm < cap)
			x->nm++;
		s0 = e0 + 1;
	}
}

/* Pass clean: the mentions outside the header, cut into pieces and cleaned. */
static NxStatus
ents_clean(EntCtx *x, const NxEntity *in, size_t nin)
{
	const NxDoc *doc = x->doc;
	size_t		cap = 0;

	/* pieces are at most one per token */
	for (size_t i = 0; i < nin; i++)
		if (in[i].tok < doc->ntok && in[i].ntok <= doc->ntok - in[i].tok)
			cap += in[i].ntok;
	x->me = nx_alloc(x->a, (cap + 1) * sizeof(Ment));
	if (!x->me)
		return NX_ENOMEM;
	for (size_t i = 0; i < nin; i++)
	{
		if ((i & 1023) == 0)
			nx_check_interrupts(x->a);
		if (!mention_ok(x, &in[i]))
			continue;
		if (doc->sent[doc->tok[in[i].tok].sentence].flags & NX_SF_HEADER)
			continue;
		add_pieces(x, &in[i], cap);
	}
	return NX_OK;
}

/* The signature of mention e, and whether it has no lower-case letter. */
static void
ment_sig(const NxDoc *doc, Ment *e)
{
	uint64_t	h = NX_FNV_OFFSET;
	int			caps = 1;

	for (uint32_t k = 0; k < e->ntok; k++)
	{
		const NxToken *t = &doc->tok[e->tok + k];

		h = nx_key_add(h, tok_hash(doc, e->tok + k));
		if (caps && has_lower(doc->text + t->b, t->blen))
			caps = 0;
	}
	e->sig = nx_key_final(h);
	e->caps = (uint8_t) caps;
}

/* A new group of mention i, at slot of the table by signature. */
static void
new_group(EntCtx *x, size_t slot, size_t i)
{
	const Ment *e = &x->me[i];
	Group	   *g = &x->gr[x->ng];

	x->bysig.key[slot] = nx_hash2(e->sig, e->type) | 1;
	x->bysig.val[slot] = (uint32_t) x->ng;
	g->sig = e->sig;
	g->first = g->surface = (uint32_t) i;
	g->ntok = e->ntok;
	g->type = e->type;
	g->last = -1;
	g->str = g->keystr = UINT32_MAX;
	x->ng++;
}

/*
 * Pass group: the signature of each mention, seats of government as
 * organisations, and the group of each (signature, type).
 */
static NxStatus
ents_group(EntCtx *x)
{
	if (table_init(&x->bysig, x->nm, x->a) != NX_OK)
		return NX_ENOMEM;
	x->gr = nx_alloc(x->a, x->nm * sizeof(Group));
	if (!x->gr)
		return NX_ENOMEM;
	for (size_t i = 0; i < x->nm; i++)
	{
		Ment	   *e = &x->me[i];
		size_t		slot;
		int			found;

		ment_sig(x->doc, e);
		if ((int) e->type == x->loc && x->org >= 0 && e->ntok <= 3 && is_seat(e->sig))
			e->type = (uint32_t) x->org;
		slot = table_slot(&x->bysig, nx_hash2(e->sig, e->type), &found);
		if (!found)
			new_group(x, slot, i);
		e->group = x->bysig.val[slot];
		if (x->me[x->gr[e->group].surface].caps && !e->caps)
			x->gr[e->group].surface = (uint32_t) i;
	}
	return NX_OK;
}

/*
 * Room for the link keys' records: a group adds at most two names per
 * token boundary and an acronym, so size the records and the table for
 * that (a table sized for fewer filled up and the probe never returned).
 */
static NxStatus
recs_alloc(EntCtx *x)
{
	size_t		nkeys = 0,
				size = 16;

	for (size_t g = 0; g < x->ng; g++)
	{
		uint32_t	len = x->me[x->gr[g].surface].ntok;

		x->gr[g].rec = (uint32_t) nkeys;
		x->gr[g].nrec = 0;
		nkeys += 2 * (size_t) (len < LINK_MAX ? len : LINK_MAX) + 1;
	}
	if (nkeys >= UINT32_MAX / 2)
		return NX_ETOOBIG;
	while (size < 2 * nkeys + 2)
		size <<= 1;
	x->recs.slot = nx_alloc(x->a, size * sizeof(uint32_t));
	x->grec = nx_alloc(x->a, nkeys * sizeof(uint32_t));
	if (!x->recs.slot || !x->grec)
		return NX_ENOMEM;
	memset(x->recs.slot, 0xFF, size * sizeof(uint32_t));
	x->recs.mask = size - 1;
	return NX_OK;
}

/*
 * The link keys of group g: the prefixes of a person's or organisation's
 * name, the suffixes of a person's, and the initials of any other name.
 */
static NxStatus
add_link_keys(EntCtx *x, uint32_t g)
{
	const NxDoc *doc = x->doc;
	const Ment *e = &x->me[x->gr[g].surface];
	uint32_t	type = x->gr[g].type;
	uint32_t	len = e->ntok < LINK_MAX ? e->ntok : LINK_MAX;
	uint64_t   *th = x->th;
	char		ini[ACRO_MAX];
	size_t		ni;
	NxStatus	st;

	if ((int) type == x->per || (int) type == x->org)
	{
		for (uint32_t k = 0; k < len; k++)
			th[k] = tok_hash(doc, e->tok + k);
		for (uint32_t k = 1; k < len && e->ntok <= LINK_MAX; k++)
		{
			if (!is_content(doc, e->tok + k - 1))
				continue;
			st = rec_add(&x->recs, x->grec, x->gr,
						 link_key(span_sig(th, 0, k), type, LK_NAME), g, x->a);
			if (st != NX_OK)
				return st;
			if ((int) type != x->per || !is_content(doc, e->tok + k))
				continue;
			st = rec_add(&x->recs, x->grec, x->gr,
						 link_key(span_sig(th, k, len - k), type, LK_NAME), g, x->a);
			if (st != NX_OK)
				return st;
		}
	}
	if ((int) type != x->per && (ni = initials(doc, e->tok, e->ntok, ini)) > 0)
		return rec_add(&x->recs, x->grec, x->gr,
					   link_key(nx_fnv1a64(ini, ni), 0, LK_ACRO), g, x->a);
	return NX_OK;
}

/* Pass link keys: every group's keys to the longer forms of its name. */
static NxStatus
ents_link_keys(EntCtx *x)
{
	NxStatus	st = recs_alloc(x);

	if (st != NX_OK)
		return st;
	x->th = nx_alloc(x->a, LINK_MAX * sizeof(uint64_t));
	if (!x->th)
		return NX_ENOMEM;
	for (size_t g = 0; g < x->ng; g++)
	{
		if ((g & 255) == 0)
			nx_check_interrupts(x->a);
		st = add_link_keys(x, (uint32_t) g);
		if (st != NX_OK)
			return st;
	}
	return NX_OK;
}

/*
 * The canonical group of mention e: the best group its name (and its
 * letters, for an acronym) links to, or its own.
 */
static uint32_t
best_group(const EntCtx *x, const Ment *e)
{
	uint32_t	best = e->group;
	uint64_t	keys[2];
	int			nkeys = 0;
	char		ac[ACRO_MAX];
	size_t		na;

	keys[nkeys++] = link_key(e->sig, e->type, LK_NAME);
	if ((int) e->type != x->per && (na = acronym(x->doc, e->tok, e->ntok, ac)) > 0)
		keys[nkeys++] = link_key(nx_fnv1a64(ac, na), 0, LK_ACRO);
	/* a name: groups of its type; an acronym: of any type but person */
	for (int k = 0; k < nkeys; k++)
		for (uint32_t t = 0; t < x->nt; t++)
		{
			const Rec  *r;
			uint32_t	c;

			if (k == 0 ? t != e->type : (int) t == x->per)
				continue;
			r = rec_find(&x->recs, keys[k], t);
			if (!r || (c = rec_best(r, e->group)) == NONE)
				continue;
			if (best == e->group || better(x->gr, c, best))
				best = c;
		}
	return best;
}

/* Pass canonical: the canonical group of each mention, in document order. */
static void
ents_canonical(EntCtx *x)
{
	for (size_t i = 0; i < x->nm; i++)
	{
		Ment	   *e = &x->me[i];

		if ((i & 4095) == 0)
			nx_check_interrupts(x->a);
		e->canon = best_group(x, e);
		e->type = x->gr[e->canon].type; /* an acronym takes its full name's type */
		x->gr[e->group].last = (int64_t) i;
		rec_seen(&x->recs, x->grec, x->gr, e->group);
	}
}

/* The canonical form and key of group c, appended to the pool. */
static NxStatus
group_strings(EntCtx *x, Group *c)
{
	const Ment *s = &x->me[c->surface];
	const char *tn = nx_entity_type_name(x->m, c->type);
	size_t		start = x->pool.len;
	char	   *key;
	int			ok;

	if (!put_surface(&x->pool, x->doc, s->tok, s->ntok) || !buf_put(&x->pool, "", 1))
		return NX_ENOMEM;
	c->str = (uint32_t) start;
	c->keystr = (uint32_t) x->pool.len;
	key = nx_key_make(tn, x->pool.p + start, c->keystr - start - 1, x->a);
	ok = key && buf_put(&x->pool, key, strlen(key) + 1);
	nx_free(x->a, key);
	if (!ok)
		return NX_ENOMEM;
	if (x->pool.len > UINT32_MAX)
		return NX_ETOOBIG;
	return NX_OK;
}

/* Pass strings: the canonical form and key of every group used as one. */
static NxStatus
ents_strings(EntCtx *x)
{
	for (size_t i = 0; i < x->nm; i++)
	{
		Group	   *c = &x->gr[x->me[i].canon];
		NxStatus	st;

		if (c->str != UINT32_MAX)
			continue;
		st = group_strings(x, c);
		if (st != NX_OK)
			return st;
	}
	return NX_OK;
}

/* Pass result: one block, the NxEnt array and then the strings. */
static NxStatus
ents_result(EntCtx *x, NxEnt **out, size_t *n)
{
	const NxDoc *doc = x->doc;
	NxEnt	   *res = nx_alloc(x->a, x->nm * sizeof(NxEnt) + x->pool.len);
	char	   *strs;

	if (!res)
		return NX_ENOMEM;
	strs = (char *) (res + x->nm);
	memcpy(strs, x->pool.p, x->pool.len);
	for (size_t i = 0; i < x->nm; i++)
	{
		const Ment *e = &x->me[i];
		const NxToken *f = &doc->tok[e->tok];
		const NxToken *l = &doc->tok[e->tok + e->ntok - 1];
		const Group *c = &x->gr[e->canon];
		NxEnt	   *r = &res[i];

		r->c = f->c;
		r->clen = nx_tok_cend(l) - f->c;
		r->b = f->b;
		r->blen = l->b + l->blen - f->b;
		r->tok = e->tok;
		r->ntok = e->ntok;
		r->sentence = f->sentence;
		r->conf = e->conf;
		r->type = nx_entity_type_name(x->m, e->type);
		r->canonical = strs + c->str;
		r->key = strs + c->keystr;
	}
	*out = res;
	*n = x->nm;
	return NX_OK;
}

/*
 * The passes after clean, over the mentions it left: groups, link keys,
 * canonical groups, their strings, the result.
 */
static NxStatus
ents_resolve(EntCtx *x, NxEnt **out, size_t *n)
{
	NxStatus	st;

	if ((st = ents_group(x)) != NX_OK)
		return st;
	if ((st = ents_link_keys(x)) != NX_OK)
		return st;
	ents_canonical(x);
	if ((st = ents_strings(x)) != NX_OK)
		return st;
	return ents_result(x, out, n);
}

/* A context for the passes: the model's types and lexicon classes they read. */
static void
ctx_init(EntCtx *x, const NxModel *m, const NxDoc *doc, const NxAlloc *a)
{
	static const char *const pl[] = {"loc-country", "loc-region", "loc-city", "loc-geo"};

	memset(x, 0, sizeof(*x));
	x->m = m;
	x->doc = doc;
	x->a = a;
	x->per = model_type(m, "PER");
	x->org = model_type(m, "ORG");
	x->loc = model_type(m, "LOC");
	x->title_cls = lex_class(m, "title");
	x->nt = m->labels.ntypes;
	for (size_t k = 0; k < 4; k++)
		if (lex_class(m, pl[k]) >= 0)
			x->places |= UINT32_C(1) << lex_class(m, pl[k]);
	x->pool.a = a;
}

/* Release what the passes allocated (not the result). */
static void
ctx_free(EntCtx *x)
{
	nx_free(x->a, x->pool.p);
	table_free(&x->bysig, x->a);
	nx_free(x->a, x->recs.r);
	nx_free(x->a, x->recs.slot);
	nx_free(x->a, x->grec);
	nx_free(x->a, x->th);
	nx_free(x->a, x->gr);
	nx_free(x->a, x->me);
}

/* The post-processing; see nx_entities.h. */
NxStatus
nx_entities_from_mentions(const NxModel *m, const NxDoc *doc,
						  const NxEntity *in, size_t nin,
						  NxEnt **out, size_t *n, const NxAlloc *a)
{
	EntCtx		x;
	NxStatus	st;

	*out = NULL;
	*n = 0;
	if (nin == 0)
		return NX_OK;
	ctx_init(&x, m, doc, a);
	if (nin > UINT32_MAX / 4 || x.nt == 0)
		return NX_ETOOBIG;
	st = ents_clean(&x, in, nin);
	if (st == NX_OK && x.nm > 0)
		st = ents_resolve(&x, out, n);
	ctx_free(&x);
	return st;
}

/* Tag a document and post-process its mentions. */
NxStatus
nx_entities_extract(const NxModel *m, const NxDoc *doc, NxEnt **out,
					size_t *n, const NxAlloc *a)
{
	NxEntity   *ments = NULL;
	size_t		nments = 0;
	NxStatus	st;

	*out = NULL;
	*n = 0;
	st = nx_ner_tag(m, doc, &ments, &nments, a);
	if (st != NX_OK)
		return st;
	st = nx_entities_from_mentions(m, doc, ments, nments, out, n, a);
	nx_free(a, ments);
	return st;
}
