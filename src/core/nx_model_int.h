/*
 * nx_model_int.h
 *	  What reading model files (nx_model.c) and writing them
 *	  (nx_model_build.c) share: header and section sizes, layout words,
 *	  the size of a WEIGHTS section, the tag a packed slot keeps.
 */
#ifndef NX_MODEL_INT_H
#define NX_MODEL_INT_H

#include "nx_model.h"

#define HDR_SIZE		64
#define SECT_SIZE		32
#define MAX_SECTIONS	64
#define LEX_HDR			(16 + NX_LEX_MAX_CLASSES * NX_LEX_CLASS_LEN)
#define CLU_HDR			16
#define CLU_PACKED		1		/* layout word of a packed CLUSTERS section */
#define LEX_PACKED		1		/* layout word of a packed LEXICON section */
#define PACKED_LOW_BITS	24		/* path length and path, below the key's tag */
#define PACKED_LOW_MASK	((1U << PACKED_LOW_BITS) - 1)
#define MAX_LOG2		28
#define WEIGHTS_MIN_LOG2 6		/* one index word of 64 buckets at least */

/*
 * A WEIGHTS section's cell: NX_CELL_INT16 (dense or sparse), NX_CELL_INT8,
 * or NX_CELL_PAIR (sparse rows of both stages in WEIGHTS0, a header only
 * in WEIGHTS1).
 */
#define NX_CELL_INT16	0
#define NX_CELL_INT8	1
#define NX_CELL_PAIR	2

/* Is a section of nrows rows of 1 << log2 dense (no index)? */
static inline int
weights_dense(uint32_t log2, uint32_t nrows)
{
	return (size_t) nrows == (size_t) 1 << log2;
}

/* Bytes of the WEIGHTS section of stage k + 1. */
static inline size_t
weights_size(uint32_t log2, uint32_t nlabels, uint32_t nrows, uint32_t cell, int k)
{
	size_t		idx = weights_dense(log2, nrows) ? 0
		: ((size_t) 1 << log2) / 64 * sizeof(NxWeightIndex);

	if (cell == NX_CELL_INT8)
		return NX_WEIGHTS_HDR + ((size_t) 1 << log2) * NX_INT8_ROW;
	if (cell == NX_CELL_PAIR && k == 1)
		return NX_WEIGHTS_HDR;
	if (cell == NX_CELL_PAIR)
		nlabels *= 2;
	return NX_WEIGHTS_HDR + idx + ((size_t) nrows * nlabels + NX_ROW_PAD) * sizeof(int16_t);
}

/* The key bits a packed slot keeps (never 0): packed lexicons and clusters. */
static inline uint64_t
packed_tag(uint64_t key)
{
	uint64_t	t = key & ~(uint64_t) PACKED_LOW_MASK;

	return t ? t : (uint64_t) 1 << PACKED_LOW_BITS;
}

#endif							/* NX_MODEL_INT_H */
