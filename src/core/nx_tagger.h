/*
 * nx_tagger.h
 *	  A generic sequence tagger: hashed features, a linear model with one
 *	  weight row per hash bucket (one weight per label), greedy left-to-right
 *	  decoding under BIO/BILOU transition constraints, and the averaged
 *	  perceptron that trains it.
 *
 * The engine knows nothing of words.  A task (NER, quotations) turns each
 * token into "static" feature hashes before decoding, and may supply a
 * callback that adds "dynamic" features depending on the labels already
 * chosen (previous labels, document history).  The label set comes from
 * label names stored in the model ("O", "B-PER", "U-LOC", ...).
 */
#ifndef NX_TAGGER_H
#define NX_TAGGER_H

#include "nx_alloc.h"

#define NX_MAX_LABELS		64
#define NX_MAX_TYPES		32
#define NX_TYPE_NAME_LEN	24
#define NX_MAX_DYN_FEATS	64	/* dynamic features per token, at most */
#define NX_NO_TYPE			0xFF

/* Position of a label inside a chunk. */
typedef enum NxLabelPos
{
	NX_LP_O = 0,				/* outside */
	NX_LP_B,					/* begin (of 2+ tokens in BILOU) */
	NX_LP_I,					/* inside */
	NX_LP_L,					/* last (BILOU; E- is read as L-) */
	NX_LP_U						/* unit: a one-token chunk (BILOU; S- is read as U-) */
} NxLabelPos;

/* Labels and the transitions allowed between them. */
typedef struct NxLabelSet
{
	uint32_t	n;				/* number of labels */
	uint32_t	ntypes;			/* chunk types (PER, ORG ...) */
	int			bilou;			/* true if any L- or U- label exists */
	uint8_t		pos[NX_MAX_LABELS];		/* NxLabelPos */
	uint8_t		type[NX_MAX_LABELS];	/* type index or NX_NO_TYPE */
	char		name[NX_MAX_LABELS][NX_TYPE_NAME_LEN + 3];
	char		type_name[NX_MAX_TYPES][NX_TYPE_NAME_LEN + 1];
	uint64_t	allowed[NX_MAX_LABELS]; /* bit j set: label j may follow label i */
	uint64_t	start;			/* labels allowed first in a sequence */
	uint64_t	end;			/* labels allowed last in a sequence */
	uint8_t		label_of[NX_MAX_TYPES][5];	/* [type][pos] -> label, 0xFF if none */
	uint8_t		outside;		/* index of O */
} NxLabelSet;

/* Read label names ("O", "B-PER", "I-PER", "L-PER", "U-PER" ...). */
extern NxStatus nx_labels_init(NxLabelSet *ls, const char *const *names,
							   size_t n, char *errbuf, size_t errlen);

/* Make a label set of the given scheme ("BIO" or "BILOU") over types. */
extern NxStatus nx_labels_make(NxLabelSet *ls, int bilou,
							   const char *const *types, size_t ntypes,
							   char *errbuf, size_t errlen);

/* A chunk found in a label sequence: tokens [start, end), type index. */
typedef struct NxChunk
{
	uint32_t	start;
	uint32_t	end;
	uint32_t	type;
} NxChunk;

/*
 * Chunks of a label sequence.  Robust to any sequence: an I/L without a
 * matching B opens a chunk, a B/I left open is closed.  Writes at most
 * cap chunks to out (out may be NULL when cap is 0) and returns how many
 * there are.
 */
extern size_t nx_labels_chunks(const NxLabelSet *ls, const uint8_t *labels,
							   size_t n, NxChunk *out, size_t cap);

/* Labels of chunks over n tokens (every other token O). */
extern void nx_labels_from_chunks(const NxLabelSet *ls, const NxChunk *ch,
								  size_t nch, uint8_t *labels, size_t n);

/*
 * The weights a tagger decodes with: int16 rows, weight = w / scale.  The
 * trainer writes a scale of at most NX_MAX_SCALE (a largest weight of at
 * least 32000 / NX_MAX_SCALE), and the model loader refuses a larger one.
 *
 * Three layouts.  Dense (w set; the training tools):
 * bucket b = hash & ((1 << log2) - 1) owns w[b * nlabels ..].  Sparse
 * (index set; model files): only the buckets whose row is not all zero
 * keep a row (one in ten of the entity model's), in bucket order; a bit
 * per bucket says whether it has one, and its row is the number of set
 * bits before it: index[b / 64].rank plus the bits of index[b / 64].bits
 * below b % 64.  The index (16 bytes a 64 buckets: 128 kB for 2^19
 * buckets) stays in a CPU cache; a bucket without a row costs no read of
 * the rows at all.  Int8 (w8 set; the quotation model, whose rows are
 * mostly not zero): every bucket's row in NX_INT8_ROW bytes, one int8 a
 * label and then the row's shift s (at most NX_INT8_MAX_SHIFT), weight
 * w << s: half the bytes of dense int16 rows of seven labels, and a row
 * never straddles two cache lines.  Rounding each row to its own scale
 * changed 7 of 1,906 rows of extract_quotes on PolNeAR dev.
 *
 * Paired (sparse; the entity model's two stages): both stages behind one
 * index, a bucket's row holding the first stage's nlabels weights and
 * then the second's (stride 2 * nlabels).  The first stage's tagger has
 * pair set: decoding sums the second half of a token's static rows as it
 * sums the first, and the second stage (rows + nlabels, pair 0) reads
 * those sums (NxSeq.pair) instead of finding the same rows again.
 */
#define NX_MAX_SCALE 1.0e6f
#define NX_ROW_PAD	8			/* int16 after the last row (zero in a model
								 * file): a 16-byte load of a row of fewer than
								 * eight labels stays inside */

#define NX_INT8_ROW 8			/* bytes of an int8 row: labels, then the shift */
#define NX_INT8_MAX_LABELS (NX_INT8_ROW - 1)
#define NX_INT8_MAX_SHIFT 8		/* 127 << 8 and -128 << 8 fit int16 */

/* int16 to allocate for dense weights of 1 << log2 buckets, pad included. */
#define NX_DENSE_WEIGHTS(log2, nlabels) (((size_t) 1 << (log2)) * (nlabels) + NX_ROW_PAD)

typedef struct NxWeightIndex
{
	uint64_t	bits;			/* bit j: bucket 64 * i + j has a row */
	uint32_t	rank;			/* rows of the buckets before 64 * i */
	uint32_t	reserved;
} NxWeightIndex;

typedef struct NxTagger
{
	const int16_t *w;			/* dense: [1 << log2][nlabels], then NX_ROW_PAD
								 * readable int16 (NX_DENSE_WEIGHTS), or NULL */
	const NxWeightIndex *index; /* sparse: [(1 << log2) / 64], or NULL */
	const int16_t *rows;		/* sparse: [nrows][stride], then NX_ROW_PAD */
	const int8_t *w8;			/* int8: [1 << log2][NX_INT8_ROW], or NULL */
	uint32_t	nrows;
	uint32_t	log2;			/* log2 of the number of buckets */
	uint32_t	nlabels;
	uint32_t	stride;			/* sparse: int16 from a row to the next
								 * (nlabels, or 2 * nlabels when paired) */
	uint32_t	pair;			/* paired, first stage: the next stage's
								 * weights follow each row's own */
	float		scale;
	float		calib;			/* probabilities are the softmax of the scores
								 * in weight units times calib (0: 1), fitted
								 * so that they are as often right as they say */
} NxTagger;

/* Bits set in x. */
static inline uint32_t
nx_popcount64(uint64_t x)
{
#if defined(__GNUC__) && defined(__POPCNT__)
	return (uint32_t) __builtin_popcountll(x);
#else
	x = x - ((x >> 1) & UINT64_C(0x5555555555555555));
	x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
	x = (x + (x >> 4)) & UINT64_C(0x0f0f0f0f0f0f0f0f);
	return (uint32_t) ((x * UINT64_C(0x0101010101010101)) >> 56);
#endif
}

/*
 * The int16 weight row of a feature hash, or NULL when it is all zero
 * (sparse) or the tagger's rows are int8 (use nx_tagger_row_values).
 */
extern const int16_t *nx_tagger_row(const NxTagger *t, uint32_t f);

/*
 * The weights of a feature hash's row as int16, in any layout, into
 * out[0 .. nlabels); returns 0 when they are all zero.
 */
extern int	nx_tagger_row_values(const NxTagger *t, uint32_t f, int16_t *out);

/*
 * Dynamic features of token i of the current sequence, given the labels
 * of tokens 0..i-1 (labels[0..i-1]).  Writes at most cap hashes to out
 * and returns how many.
 */
typedef size_t (*NxDynFeatFn) (void *ctx, size_t i, const uint8_t *labels,
							   uint32_t *out, size_t cap);

/* Static features of an "easy" token i, made only when it is scored. */
typedef size_t (*NxLazyFeatFn) (void *ctx, size_t i, uint32_t *out, size_t cap);

#define NX_MAX_LAZY_FEATS	256	/* static features of one easy token, at most */

/*
 * The second stage's sums of a token's static rows, made by the first
 * stage of a paired table (NxTagger.pair) and read by the second.  Token
 * i of a sequence has room for them at sum[slot[i] * nlabels] unless
 * slot[i] is NX_NO_SLOT; set[i] says whether they are there.  The first
 * stage sets them for the tokens with a slot that it scores from feat[]
 * (not an easy token, whose features are made lazily); a task that uses
 * them gives the second stage, for a token whose set[i] is 1, only the
 * static features that the first stage did not have.
 */
#define NX_PAIR_LABELS 24		/* labels of a paired table, at most */
#define NX_NO_SLOT UINT32_MAX
typedef struct NxPairSums
{
	int32_t    *sum;			/* the document's: [slots][nlabels] */
	const uint32_t *slot;		/* [ntok] of the sequence */
	uint8_t    *set;			/* [ntok] of the sequence */
} NxPairSums;

/*
 * A sequence to decode: ntok tokens; token i has the static feature hashes
 * feat[off[i] .. off[i+1]).  dyn and fixed may be NULL.
 */
typedef struct NxSeq
{
	size_t		ntok;
	const uint32_t *off;		/* ntok + 1 entries */
	const uint32_t *feat;
	NxDynFeatFn dyn;
	void	   *ctx;
	const uint8_t *fixed;		/* NULL, or per token a label to take without
								 * scoring (no update in training), 0xFF: none */
	const uint8_t *easy;		/* NULL, or per token 1 if decoding gives it O
								 * without scoring when no chunk is open before
								 * it (a lower-case word after O); its static
								 * features are made by lazy when it is scored
								 * (always in training) */
	NxLazyFeatFn lazy;
	float		obias;			/* subtracted from the outside label's score, in
								 * units of the tagger's scale (0: none) */
	NxPairSums	pair;			/* sums of paired rows (all NULL: none) */
} NxSeq;

/*
 * Greedy left-to-right decoding of one sequence into labels[0..ntok).
 * If prob is not NULL, prob[i] gets the softmax probability of the
 * chosen label among the allowed ones, for a token given a label other
 * than outside; an outside token gets 1 (a chunk, for whose confidence
 * they are asked, has none).
 */
extern void nx_tagger_greedy(const NxTagger *t, const NxLabelSet *ls,
							 const NxSeq *seq, uint8_t *labels, float *prob);

/*
 * Whether decoding sums weight rows with AVX2 instructions (int8 rows,
 * and int16 rows of 17 to 23 labels): where the CPU has them, unless
 * switched off.  use 0 switches them off (SSE2 only), 1 on again, -1
 * only asks.  Both give the same sums (tests compare them).  Returns
 * whether AVX2 is used now.
 */
extern int	nx_tagger_avx2(int use);

/* Scores of all labels for one token's features (int32, w units). */
extern void nx_tagger_score(const NxTagger *t, const uint32_t *feat, size_t n,
							int32_t *scores);

/*
 * Averaged perceptron training with float weights.  A NxTrainer holds
 * 2 * (1 << log2) * nlabels floats.
 */
typedef struct NxTrainer
{
	float	   *w;				/* current weights */
	float	   *acc;			/* sum over updates of (time * delta) */
	uint32_t	log2;
	uint32_t	nlabels;
	uint64_t	time;			/* tokens seen */
	int			gold_history;	/* decode dynamic features from gold labels */
	const NxAlloc *a;
} NxTrainer;

extern NxStatus nx_trainer_init(NxTrainer *tr, uint32_t log2, uint32_t nlabels,
								const NxAlloc *a);
extern void nx_trainer_free(NxTrainer *tr);

/*
 * Decode one sequence with the current weights and update on every token
 * whose predicted label differs from gold.  pred gets the predictions
 * (used as history by dyn unless gold_history).  The labels allowed at a
 * token follow the gold labels before it either way, so that the gold
 * label can always win (after a predicted O where the gold chunk goes
 * on, its I- label would be forbidden).  Returns the number of mistakes.
 */
extern size_t nx_trainer_learn(NxTrainer *tr, const NxLabelSet *ls,
							   const NxSeq *seq, const uint8_t *gold,
							   uint8_t *pred);

/*
 * The averaged weights quantised to int16 into out[(1 << log2) * nlabels];
 * sets *scale.  Values beyond the clip quantile are clipped.
 */
extern void nx_trainer_export(const NxTrainer *tr, int16_t *out, float *scale);

#endif							/* NX_TAGGER_H */
