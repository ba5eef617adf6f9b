/*
 * nx_entities_group.c
 *	  Passes group, link keys and canonical of the entities
 *	  post-processing (nx_entities_int.h): which mentions name the same
 *	  entity, and which form of it is the canonical one.
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
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "nx_entities_int.h"

/* A table of at least 2n + 2 slots, all empty. */
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

/* Release a table's arrays. */
static void
table_free(Table *t, const NxAlloc *a)
{
	NX_FREE_CLEAR(a, t->key);
	NX_FREE_CLEAR(a, t->val);
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

/* Signature of tokens [s, s + n). */
static uint64_t
span_sig(const uint64_t *th, uint32_t s, uint32_t n)
{
	uint64_t	h = NX_FNV_OFFSET;

	for (uint32_t k = 0; k < n; k++)
		h = nx_key_add(h, th[s + k]);
	return nx_key_final(h);
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

#define NSEATS (sizeof(seats) / sizeof(seats[0]))

/*
 * Is a signature one of the seats of government?  Their signatures are
 * made on the first call (they are constants; every call made them once
 * for each place name it saw before).
 */
static int
is_seat(uint64_t sig)
{
	static uint64_t seat_sig[NSEATS];
	static int	known = 0;

	if (!known)
	{
		for (size_t i = 0; i < NSEATS; i++)
			seat_sig[i] = phrase_sig(seats[i]);
		known = 1;
	}
	for (size_t i = 0; i < NSEATS; i++)
		if (seat_sig[i] == sig)
			return 1;
	return 0;
}

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

/* The key of a name's or an acronym's signature (LK_*) with a type. */
static uint64_t
link_key(uint64_t sig, uint32_t type, uint32_t kind)
{
	return nx_hash3(sig, type, kind);
}

/* Kinds of link key. */
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
NxStatus
nx_ents_group(EntCtx *x)
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
NxStatus
nx_ents_link_keys(EntCtx *x)
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
void
nx_ents_canonical(EntCtx *x)
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

/* Release what the passes group, link keys and canonical allocated. */
void
nx_ents_groups_free(EntCtx *x)
{
	table_free(&x->bysig, x->a);
	nx_free(x->a, x->recs.r);
	nx_free(x->a, x->recs.slot);
	nx_free(x->a, x->grec);
	nx_free(x->a, x->th);
	nx_free(x->a, x->gr);
}
