/*
 * nx_attrib_int.h
 *	  Internals of the attribution tagger (nx_attrib.h): what is known of
 *	  each token (TokInfo), quotation span (SpanInfo) and, once stage 1
 *	  has labelled the document, of each token's stage-1 surroundings
 *	  (Stage2Info), in the per-document state that nx_attrib_doc.c fills
 *	  and the feature templates of nx_attrib_feats.c read.
 */
#ifndef NX_ATTRIB_INT_H
#define NX_ATTRIB_INT_H

#include <string.h>

#include "nx_attrib.h"

#define MAX_FEATS	96			/* static features per token, at most */

/* Token classes (TokInfo.lex bits). */
enum
{
	LX_CUE_VERB = NX_LX_CUE_VERB,
	LX_CUE_NOUN = NX_LX_CUE_NOUN,
	LX_CUE_PREP = NX_LX_CUE_PREP,
	LX_PRONOUN = NX_LX_PRONOUN,
	LX_TITLE = NX_LX_TITLE,
	LX_SOURCE_NOUN = NX_LX_SOURCE_NOUN,
	LX_SPEECH_NOUN = NX_LX_SPEECH_NOUN,
	LX_NEGATION = NX_LX_NEGATION,
	LX_MODAL = NX_LX_MODAL,
	LX_SUBORD = NX_LX_SUBORD,
	LX_FIRST_NAME = NX_LX_FIRST_NAME,
	LX__COUNT = NX_LX__COUNT
};

/* Quotation state bits (TokInfo.q). */
#define Q_IN		0x01		/* between the marks of some span */
#define Q_OPEN		0x02		/* an opening mark (or first token of an unopened span) */
#define Q_CLOSE		0x04		/* a closing mark */
#define Q_NESTED	0x08		/* inside a span inside another */
#define Q_SINGLE	0x10		/* the outermost span uses single marks */

/* Context classes of the tokens around a span. */
enum
{
	CX_NONE = 0,				/* paragraph edge */
	CX_CUE,						/* reporting verb */
	CX_COLON,
	CX_COMMA,
	CX_FINAL,					/* . ! ? */
	CX_THAT,
	CX_PRONOUN,
	CX_CAP,						/* capitalised word */
	CX_WORD,
	CX_DASH,
	CX_OTHER
};

/* What the features read of one token. */
typedef struct TokInfo
{
	uint64_t	hl;				/* folded word */
	uint64_t	hs;				/* short shape */
	uint64_t	hsuf;			/* last three characters of the folded word */
	uint32_t	lex;			/* LX_* bits */
	int32_t		span;			/* outermost quotation span around or on it, -1 */
	uint8_t		kind;
	uint8_t		cap;			/* 0 none, 1 lower, 2 initial upper, 3 all upper */
	uint8_t		q;				/* Q_* */
	uint8_t		cx;				/* CX_* class of the token itself */
	uint8_t		cuel;			/* distance bucket to a reporting verb on the left, same sentence */
	uint8_t		cuer;			/* ... on the right */
	uint8_t		sentpos;		/* position in its sentence: 0, 1, 2, 3+ */
	uint8_t		sentend;		/* tokens to its sentence's end: 0, 1, 2, 3+ */
	uint8_t		cllen;			/* bits of its Brown cluster (0: none) */
	uint8_t		cuercomma;		/* commas between it and the reporting verb on the right: 0, 1, 2+ */
	uint32_t	first;			/* the first token of its text (nx_same_text), in what was padding */
	uint64_t	cuelw;			/* that verb on the left (folded word hash), 0 */
	uint64_t	cuerw;			/* ... on the right */
	uint32_t	clbits;			/* the cluster's bit string, first bit highest */
	uint8_t		prefix;			/* in a live blog's "Update 1330 GMT:" before a paragraph */
} TokInfo;

/*
 * The cache of token analyses (nx_attrib.h): an entry, one cache line,
 * holds a token of at most NX_ATTRIB_CACHE_TEXT bytes, its kind and
 * flags (NX_TF_AROUND aside, as nx_same_text compares them) and the
 * TokInfo fields its analysis sets.
 */
#define NX_ATTRIB_CACHE_TEXT	19

typedef struct NxAttribCacheEntry
{
	uint64_t	h;				/* nx_fnv1a64 of the text */
	uint64_t	hl,				/* TokInfo's */
				hs,
				hsuf;
	uint32_t	lex,
				clbits;
	uint8_t		cap,
				cllen;
	uint8_t		len;			/* the text's bytes; 0: empty */
	uint8_t		kind;
	uint8_t		flags;
	char		text[NX_ATTRIB_CACHE_TEXT];
} NxAttribCacheEntry;

struct NxAttribCache
{
	NxAttribCacheEntry *e;		/* [mask + 1], 64-byte aligned */
	uint64_t	mask;
};

/* What the features read of one quotation span. */
typedef struct SpanInfo
{
	uint8_t		nw;				/* word-count bucket */
	uint8_t		endp;			/* class of the token before the closing mark */
	uint8_t		before;			/* CX_* before the opening mark */
	uint8_t		after;			/* CX_* after the closing mark */
	uint8_t		flags;			/* NX_QS_* */
	uint8_t		atstart;		/* opens its sentence */
	uint8_t		cue;			/* stage 2: 1 cue before, 2 cue after, 3 both */
	uint8_t		cuesent;		/* stage 2: a cue in the span's sentence(s) */
} SpanInfo;

/* Stage-2 view of a token. */
typedef struct Stage2Info
{
	uint8_t		role;			/* 0 O, 1 source, 2 cue */
	uint8_t		dcl;			/* distance bucket from a cue on the left, same sentence */
	uint8_t		dcr;			/* to a cue on the right */
	uint8_t		srcbetween;		/* a source lies between the left cue and the token */
	uint8_t		aftercue;		/* 1 right after a cue, 2 after cue + that/: /, */
	uint8_t		sentcue;		/* the sentence has a cue: 0 no, 1 yes */
	uint8_t		prevsent;		/* a cue in the previous sentence of the paragraph */
} Stage2Info;

/* The per-document feature state (nx_attrib.h). */
struct NxAttribDoc
{
	const NxDoc *doc;
	const NxLabelSet *labels;
	const NxAlloc *a;
	TokInfo    *ti;
	SpanInfo   *si;
	const NxQuoteSpan *spans;
	size_t		nspans;
	uint32_t   *para_tok;		/* [npara + 1] */
	size_t		npara;
	size_t		maxpara;		/* tokens of the longest paragraph, at most a window */
	Stage2Info *s2;				/* [ntok] once stage-1 labels are given */
	uint8_t		lab_content[2], lab_cue[2], lab_src[2];	/* B, I label indices */
	uint8_t    *active;			/* [npara] bit 1: stage 1 tags it, bit 2: stage 2 */
	uint32_t   *feat;
	uint32_t   *off;
	const TokInfo *cur;
	const Stage2Info *cur2;
	int			stage;
	uint8_t    *easy;			/* [maxpara] stage 1: tokens O unscored when no chunk is open */
	int			shortcut;		/* use easy tokens (extraction; training decodes all) */
	size_t		cur_start;		/* the paragraph being decoded: first token, length, */
	size_t		cur_n;
	size_t		cur_from;		/* and the window's first token in it */
};

/* Label index of a type's B or I label, or 0xFF. */
static inline uint8_t
label_of(const NxLabelSet *ls, const char *type, int pos)
{
	for (uint32_t t = 0; t < ls->ntypes; t++)
		if (strcmp(ls->type_name[t], type) == 0)
			return ls->label_of[t][pos];
	return 0xFF;
}

#endif							/* NX_ATTRIB_INT_H */
