/*
 * nx_ner_int.h
 *	  Internals of NER tagging (nx_ner.h): what is known of each token
 *	  (TokInfo) and the per-document state (NxNerDoc) that
 *	  nx_ner_doc.c fills and the feature templates of nx_ner_feats.c read.
 */
#ifndef NX_NER_INT_H
#define NX_NER_INT_H

#include "nx_ner.h"

/* Neighbours kept on each side of a word's first mentions (context aggregation). */
#define AGG_K		3
/* The word value before a sentence's first token and after its last. */
#define BOS_L	UINT64_C(0x1111)
#define EOS_L	UINT64_C(0x2222)
/* Static features of one token, at most. */
#define MAX_STATIC	(80 + 2 * NX_LEX_NCONTEXT + 5 * NX_LEX_MAX_CLASSES)

/* cap classes */
enum
{
	CAP_NONE = 0, CAP_LOWER, CAP_INIT, CAP_ALL, CAP_ONE, CAP_MIXED
};

/* TokInfo.flags */
#define TF_SFIRST	0x01		/* first word of its sentence */
#define TF_SCAPS	0x02		/* in an all-caps sentence (headline) */
#define TF_DIGIT	0x04
#define TF_STITLE	0x08		/* in a sentence in title case (headline) */

/* doc case flags per word */
#define DC_LOWER	0x01		/* seen in lower case */
#define DC_INIT		0x02		/* seen capitalised where case is informative */
#define DC_ALLCAP	0x04		/* seen all caps where case is informative */

/* TokInfo.conn: how a token joins the capitalised words either side of it */
#define CONN_NONE	0
#define CONN_WORD	1			/* of, &, de ...: with or without spaces */
#define CONN_HYPHEN	2			/* - U+2010 U+2011: only with no space either side */

/* What the features read of one token. */
typedef struct TokInfo
{
	uint64_t	hw;				/* word as written (quotes normalised) */
	uint64_t	hl;				/* folded, digits as 0 */
	uint64_t	hf;				/* folded */
	uint64_t	hs;				/* shape */
	uint64_t	hpre[4];
	uint64_t	hsuf[4];
	uint32_t	wid;			/* word id in the document (by hf) */
	uint32_t	gazB;			/* lexicon classes of matches starting here */
	uint32_t	gazI;			/* ... covering but not starting here */
	uint32_t	clbits;
	uint32_t	vcbits;			/* word-vector cluster path */
	uint8_t		cllen;
	uint8_t		vclen;
	uint8_t		cap;
	uint8_t		flags;
	uint8_t		conn;			/* how it joins capitalised words: CONN_* */
	uint8_t		lex1f;			/* the lexicon's slot of the token alone: NX_LEX_* flags, 0 none */
	uint32_t	lex1;			/* ... and its classes */
	uint16_t	rpos;			/* position in its run of capitalised words */
	uint16_t	rlen;			/* length of that run, 0 if in none */
} TokInfo;

/*
 * The cache of token analyses (nx_ner.h): an entry holds a text of at
 * most NX_CACHE_TEXT bytes and its TokInfo as analyse_one left it (the
 * fields of the sentence and document passes zero); one entry a place,
 * a new text taking the place of the one before.
 */
#define NX_CACHE_TEXT	15

typedef struct NxCacheEntry
{
	uint64_t	h;				/* nx_fnv1a64 of the text */
	uint8_t		len;			/* its bytes; 0: empty */
	char		text[NX_CACHE_TEXT];
	TokInfo		ti;
} NxCacheEntry;

struct NxNerCache
{
	NxCacheEntry *e;			/* [mask + 1], 64-byte aligned */
	uint64_t	mask;
};

/* The per-document feature state (nx_ner.h). */
struct NxNerDoc
{
	const NxDoc *doc;
	NxNerRes	res;
	const NxAlloc *a;
	TokInfo    *ti;
	size_t		nwords;
	uint8_t    *doccase;		/* [nwords] */
	uint8_t    *easy;			/* [ntok] lower-case word or punctuation, no lexicon match */
	size_t		nhard;			/* tokens that are not easy */
	uint64_t   *agg;			/* [nwords][2 * AGG_K] neighbours of a word's first mentions */
	uint32_t   *aggcls;			/* [nwords][2] context classes (NxLexicon) of its mentions' neighbours */
	uint32_t   *hist;			/* [nwords] type bits seen so far, bit 31: seen as O */
	size_t		hist_upto;
	uint8_t    *stage1;			/* [ntok] or NULL */
	uint8_t    *fixed;			/* [ntok] labels stage 2 keeps from stage 1, or 0xFF */
	uint16_t   *s1count;		/* [nwords][ntypes + 1] stage-1 counts, last: O */
	const uint8_t *drop;		/* [ntok] training only: tokens read without their identity */
	uint32_t   *feat;
	uint32_t   *off;
	/*
	 * First-stage static features, kept for the second stage: token g <
	 * base_upto has base_feat[base_off[g] .. base_off[g + 1]).
	 */
	uint32_t   *base_feat;
	size_t		base_cap;		/* entries allocated in base_feat */
	uint32_t   *base_off;		/* [ntok + 1] */
	size_t		base_upto;
	int			base_full;		/* no more room: stop keeping them */
	/*
	 * A paired model (NxTagger.pair): the second stage's sums of the
	 * first stage's static rows, a slot for each token that is not easy.
	 */
	int			paired;			/* this decoding uses them */
	int32_t    *psum;			/* [slots][pnl], or NULL */
	uint32_t	pnl;			/* the labels psum has room for */
	uint32_t   *pslot;			/* [ntok] */
	uint8_t    *pset;			/* [ntok] */
	size_t		maxsent;
	size_t		sent_start;
	size_t		sent_len;
	const TokInfo *cur;			/* tokens of the current sentence */
};

/* Room for a paired model's second-stage sums, none set (nx_ner_doc.c). */
extern NxStatus nx_ner_doc_pair(NxNerDoc *d, uint32_t nlabels);

#endif							/* NX_NER_INT_H */
