/*
 * nx_trainer.c
 *	  Averaged-perceptron training of a tagger's hashed weights, for the
 *	  training tools (the extension only decodes, nx_tagger.c).
 */
#include "nx_tagger.h"
#include "nx_tagger_int.h"

#include <math.h>
#include <string.h>

/* Allocate zeroed float weights for training. */
NxStatus
nx_trainer_init(NxTrainer *tr, uint32_t log2, uint32_t nlabels,
				const NxAlloc *a)
{
	size_t		n;

	memset(tr, 0, sizeof(*tr));
	if (log2 < 4 || log2 > 26 || nlabels == 0 || nlabels > NX_MAX_LABELS)
		return NX_EINVAL;
	n = ((size_t) 1 << log2) * nlabels;
	tr->w = nx_alloc(a, n * sizeof(float));
	tr->acc = nx_alloc(a, n * sizeof(float));
	if (!tr->w || !tr->acc)
	{
		NX_FREE_CLEAR(a, tr->w);
		NX_FREE_CLEAR(a, tr->acc);
		return NX_ENOMEM;
	}
	memset(tr->w, 0, n * sizeof(float));
	memset(tr->acc, 0, n * sizeof(float));
	tr->log2 = log2;
	tr->nlabels = nlabels;
	tr->time = 1;
	tr->a = a;
	return NX_OK;
}

/* Release a trainer's weights (a trainer zeroed and never initialised has none). */
void
nx_trainer_free(NxTrainer *tr)
{
	NX_FREE_CLEAR(tr->a, tr->w);
	NX_FREE_CLEAR(tr->a, tr->acc);
}

/* Add weight rows of features to float scores. */
static void
train_score(const NxTrainer *tr, const uint32_t *feat, size_t n, float *sc)
{
	const uint32_t mask = (UINT32_C(1) << tr->log2) - 1;
	const uint32_t L = tr->nlabels;

	for (size_t k = 0; k < n; k++)
	{
		const float *row = tr->w + (size_t) (feat[k] & mask) * L;

		for (uint32_t l = 0; l < L; l++)
			sc[l] += row[l];
	}
}

/* Perceptron update: +1 for gold, -1 for the wrong guess. */
static void
train_update(NxTrainer *tr, const uint32_t *feat, size_t n, int gold, int guess)
{
	const uint32_t mask = (UINT32_C(1) << tr->log2) - 1;
	const uint32_t L = tr->nlabels;
	const float t = (float) tr->time;

	for (size_t k = 0; k < n; k++)
	{
		size_t		b = (size_t) (feat[k] & mask) * L;

		tr->w[b + gold] += 1.0f;
		tr->acc[b + gold] += t;
		tr->w[b + guess] -= 1.0f;
		tr->acc[b + guess] -= t;
	}
}

/* One training pass over a sequence; see nx_tagger.h. */
size_t
nx_trainer_learn(NxTrainer *tr, const NxLabelSet *ls, const NxSeq *seq,
				 const uint8_t *gold, uint8_t *pred)
{
	float		sc[NX_MAX_LABELS];
	uint32_t	dyn[NX_MAX_DYN_FEATS];
	uint32_t	lazy[NX_MAX_LAZY_FEATS];
	const uint8_t *hist = tr->gold_history ? gold : pred;
	size_t		mistakes = 0;

	for (size_t i = 0; i < seq->ntok; i++)
	{
		uint64_t	m = allowed_mask(ls, i, seq->ntok, gold);
		const uint32_t *sf;
		size_t		ns;
		size_t		nd = 0;
		int			best = -1;

		if (seq->fixed && seq->fixed[i] != 0xFF)
		{
			pred[i] = seq->fixed[i];
			continue;
		}
		sf = static_of(seq, i, lazy, &ns);
		memset(sc, 0, sizeof(float) * tr->nlabels);
		train_score(tr, sf, ns, sc);
		if (seq->dyn)
		{
			nd = seq->dyn(seq->ctx, i, hist, dyn, NX_MAX_DYN_FEATS);
			train_score(tr, dyn, nd, sc);
		}
		for (uint32_t l = 0; l < tr->nlabels; l++)
			if ((m >> l) & 1)
				if (best < 0 || sc[l] > sc[best])
					best = (int) l;
		if (best < 0)
			best = ls->outside;
		pred[i] = (uint8_t) best;
		if (best != gold[i])
		{
			train_update(tr, sf, ns, gold[i], best);
			train_update(tr, dyn, nd, gold[i], best);
			mistakes++;
		}
		tr->time++;
	}
	return mistakes;
}

/* Averaged weights quantised to int16. */
void
nx_trainer_export(const NxTrainer *tr, int16_t *out, float *scale)
{
	size_t		n = ((size_t) 1 << tr->log2) * tr->nlabels;
	double		t = (double) tr->time;
	float		maxabs = 0;
	float		s;

	for (size_t i = 0; i < n; i++)
	{
		float		v = (float) (tr->w[i] - tr->acc[i] / t);

		if (fabsf(v) > maxabs)
			maxabs = fabsf(v);
	}
	s = maxabs > 0 ? 32000.0f / maxabs : 1.0f;
	if (s > NX_MAX_SCALE)
		s = NX_MAX_SCALE;
	for (size_t i = 0; i < n; i++)
	{
		float		v = (float) (tr->w[i] - tr->acc[i] / t);

		out[i] = (int16_t) lrintf(v * s);
	}
	*scale = s;
}
