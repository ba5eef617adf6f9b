/*
 * nx_tagger_int.h
 *	  What greedy decoding (nx_tagger.c) and perceptron training
 *	  (nx_trainer.c) both read: the labels allowed at a token and a
 *	  token's static features.
 */
#ifndef NX_TAGGER_INT_H
#define NX_TAGGER_INT_H

#include "nx_tagger.h"

/* Labels allowed at position i given the previous label. */
static inline uint64_t
allowed_mask(const NxLabelSet *ls, size_t i, size_t n, const uint8_t *hist)
{
	uint64_t	m = (i == 0) ? ls->start : ls->allowed[hist[i - 1]];

	if (i + 1 == n && (m & ls->end))
		m &= ls->end;
	return m;
}

/* Static features of token i: precomputed, or made now for an easy token. */
static inline const uint32_t *
static_of(const NxSeq *seq, size_t i, uint32_t *buf, size_t *n)
{
	if (seq->easy && seq->easy[i] && seq->lazy)
	{
		*n = seq->lazy(seq->ctx, i, buf, NX_MAX_LAZY_FEATS);
		return buf;
	}
	*n = seq->off[i + 1] - seq->off[i];
	return seq->feat + seq->off[i];
}

#endif							/* NX_TAGGER_INT_H */
