/*
 * nx_entities_int.h
 *	  Internals of the entities post-processing (nx_entities.h): the
 *	  mentions, groups and link records its passes work on, the context
 *	  they share, and the passes of the other files.
 *
 * The passes, in the order nx_entities_from_mentions runs them:
 *	 clean		  the mentions outside the header, cut into pieces,
 *				  trimmed, titles off, types fixed (nx_entities_clean.c)
 *	 group		  one group per signature and type; seats of government
 *				  become organisations (nx_entities_group.c)
 *	 link keys	  each group's keys to longer forms of its name
 *				  (nx_entities_group.c)
 *	 canonical	  each mention's canonical group (nx_entities_group.c)
 *	 strings	  the canonical forms and keys (nx_entities.c)
 *	 result		  the block returned (nx_entities.c)
 */
#ifndef NX_ENTITIES_INT_H
#define NX_ENTITIES_INT_H

#include "nx_entities.h"
#include "nx_fold.h"

#define FOLD_MAX	256			/* bytes of a folded token hashed */
#define LINK_MAX	16			/* tokens of a name enumerated for link keys */
#define ACRO_MIN	2			/* letters of an acronym or initials, at least */
#define ACRO_MAX	8			/* and at most */

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

/* A growable byte buffer. */
typedef struct Buf
{
	char	   *p;
	size_t		len,
				cap;
	const NxAlloc *a;
} Buf;

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
	int			misc;
	int			title_cls;		/* lexicon class of titles, -1 */
	int			event_cls;		/* lexicon class of named events and laws, -1 */
	uint32_t	places;			/* lexicon classes of places, as bits */
	uint32_t	orgs;			/* lexicon classes of organisations, as bits */
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

/* Hash of a token's case-folded text (as lexicon keys use). */
static inline uint64_t
tok_hash(const NxDoc *doc, uint32_t i)
{
	char		buf[FOLD_MAX];
	const NxToken *t = &doc->tok[i];
	size_t		n = nx_fold(doc->text + t->b, t->blen, buf, sizeof(buf));

	return nx_fnv1a64(buf, n);
}

/* Is token i a name's content (words, numbers, symbols: C$, AT&T)? */
static inline int
is_content(const NxDoc *doc, uint32_t i)
{
	int			k = doc->tok[i].kind;

	return k == NX_TOK_WORD || k == NX_TOK_NUMBER || k == NX_TOK_SYMBOL;
}

/* Pass clean (nx_entities_clean.c): x->me and x->nm from the tagged mentions. */
extern NxStatus nx_ents_clean(EntCtx *x, const NxEntity *in, size_t nin);

/* Passes group, link keys and canonical (nx_entities_group.c). */
extern NxStatus nx_ents_group(EntCtx *x);
extern NxStatus nx_ents_link_keys(EntCtx *x);
extern void nx_ents_canonical(EntCtx *x);

/* Release what those three passes allocated. */
extern void nx_ents_groups_free(EntCtx *x);

#endif							/* NX_ENTITIES_INT_H */
