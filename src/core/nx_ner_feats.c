/*
 * nx_ner_feats.c
 *	  The feature templates of the NER tagger (nx_ner.h) and the decoding
 *	  input of a sentence (nx_ner_doc_seq).
 *
 * Features are 32-bit hashes of (template, value).  Static features depend
 * on the text only; dynamic ones (previous labels, labels already given to
 * the same word in the document) are added while decoding.  A second stage,
 * when the model has one, also sees the first stage's labels of every
 * other mention of the same word in the document.  The first stage's
 * static features are kept for the second, which adds its own.
 */
#include <string.h>

#include "nx_hash.h"
#include "nx_ner_int.h"

/* feature templates */
enum
{
	T_BIAS = 1, T_W, T_L, T_LM1, T_LP1, T_LM2, T_LP2, T_LM1L, T_LLP1,
	T_S, T_SM1, T_SP1, T_S3, T_PRE, T_SUF = T_PRE + 4, T_CAP = T_SUF + 4,
	T_CL, T_CLM1 = T_CL + 4, T_CLP1 = T_CLM1 + 2, T_GAZ = T_CLP1 + 2,
	T_GAZM1, T_GAZP1, T_DOCCASE, T_LM1S, T_SLP1, T_CAPL,
	T_CLM2, T_CLP2, T_CLBI, T_GAZCAP, T_KIND, T_AGL, T_AGR,
	T_RUNPOS, T_RUNEND, T_RUNBEG, T_RUNGAZ, T_RUNGAZB, T_RUNAFT, T_RUNBEF,
	T_VC, T_VCM1 = T_VC + 3, T_VCP1 = T_VCM1 + 2, T_AGCL = T_VCP1 + 2, T_AGCR,
	/* dynamic */
	D_P1 = 64, D_P12, D_P1L, D_P1S, D_HIST, D_P1CAP,
	/* second stage */
	S_SELF = 96, S_M1, S_P1, S_OTHERS, S_OTHERS_CAP
};

/* The first p bits of a token's cluster, with their number (0: none). */
static inline uint64_t
cl_prefix(const TokInfo *t, int p)
{
	return nx_cluster_prefix(t->clbits, t->cllen, p);
}

/* Majority type among other mentions' stage-1 labels (ntypes = O), and agreement. */
static uint64_t
others_value(const NxNerDoc *d, size_t g)
{
	uint32_t	nt = d->res.labels->ntypes + 1;
	const uint16_t *c = d->s1count + (size_t) d->ti[g].wid * nt;
	uint32_t	self = d->res.labels->type[d->stage1[g] < d->res.labels->n ? d->stage1[g] : d->res.labels->outside];
	uint32_t	best = nt,
				total = 0,
				bestc = 0;
	int			selfcounted = !(d->ti[g].cap == CAP_LOWER || d->ti[g].cap == CAP_NONE);

	self = (self == NX_NO_TYPE) ? nt - 1 : self;
	for (uint32_t t = 0; t < nt; t++)
	{
		uint32_t	v = c[t] - ((selfcounted && t == self) ? 1 : 0);

		total += v;
		if (v > bestc)
		{
			bestc = v;
			best = t;
		}
	}
	if (total == 0)
		return 0;
	return 1 + best * 4 + (bestc == total ? 0 : (2 * bestc > total ? 1 : 2));
}

/* The token's neighbours: one before and one after (NULL at the sentence's ends). */
#define PREV(ti, k)		((k) >= 1 ? &(ti)[(k) - 1] : NULL)
#define NEXT(ti, n, k)	((k) + 1 < (n) ? &(ti)[(k) + 1] : NULL)

/* The token's case class and sentence flags as one value. */
static inline uint32_t
cap_value(const TokInfo *t)
{
	return (uint32_t) t->cap | ((uint32_t) t->flags << 4);
}

/* The lowest lexicon class of the non-zero class set m (its classes are read lowest first). */
static inline uint32_t
class_of(uint32_t m)
{
#if defined(__GNUC__)
	return (uint32_t) __builtin_ctz(m);
#else
	uint32_t	c = 0;

	while (!((m >> c) & 1))
		c++;
	return c;
#endif
}

/* Is token g read without its identity (training, nx_ner_doc_drop)? */
static inline int
dropped(const NxNerDoc *d, size_t g)
{
	return d->drop && d->drop[g];
}

/*
 * The words: the token, its neighbours two each way, word bigrams, shapes,
 * affixes, case, and how the document writes the word elsewhere.
 */
static size_t
word_feats(const NxNerDoc *d, const TokInfo *ti, size_t n, size_t k,
		   size_t g, uint32_t *out)
{
	const TokInfo *t = &ti[k],
			   *m1 = PREV(ti, k),
			   *p1 = NEXT(ti, n, k);
	uint64_t	lm1 = m1 ? m1->hl : BOS_L,
				lp1 = p1 ? p1->hl : EOS_L,
				sm1 = m1 ? m1->hs : BOS_L,
				sp1 = p1 ? p1->hs : EOS_L;
	uint32_t	capv = cap_value(t);
	int			drop = dropped(d, g);
	size_t		nf = 0;

	out[nf++] = nx_feat(T_BIAS, 0);
	if (!drop)
	{
		out[nf++] = nx_feat(T_W, t->hw);
		out[nf++] = nx_feat(T_L, t->hl);
	}
	out[nf++] = nx_feat(T_LM1, lm1);
	out[nf++] = nx_feat(T_LP1, lp1);
	out[nf++] = nx_feat(T_LM2, k >= 2 ? ti[k - 2].hl : BOS_L);
	out[nf++] = nx_feat(T_LP2, k + 2 < n ? ti[k + 2].hl : EOS_L);
	if (!drop)
	{
		out[nf++] = nx_feat2(T_LM1L, lm1, t->hl);
		out[nf++] = nx_feat2(T_LLP1, t->hl, lp1);
	}
	out[nf++] = nx_feat(T_S, t->hs);
	out[nf++] = nx_feat(T_SM1, sm1);
	out[nf++] = nx_feat(T_SP1, sp1);
	out[nf++] = nx_feat(T_S3, nx_hash3(sm1, t->hs, sp1));
	out[nf++] = nx_feat2(T_LM1S, lm1, t->hs);
	out[nf++] = nx_feat2(T_SLP1, t->hs, lp1);
	for (int j = 0; j < 4; j++)
	{
		if (t->hpre[j])
			out[nf++] = nx_feat(T_PRE + j, t->hpre[j]);
		if (t->hsuf[j])
			out[nf++] = nx_feat(T_SUF + j, t->hsuf[j]);
	}
	out[nf++] = nx_feat(T_CAP, capv);
	if (!drop)
		out[nf++] = nx_feat2(T_CAPL, capv, t->hl);
	out[nf++] = nx_feat(T_DOCCASE, (uint64_t) d->doccase[t->wid] | ((uint64_t) capv << 8));
	return nf;
}

/*
 * Word classes: the Brown and word-vector clusters of the token and its
 * neighbours, and the lexicon classes of the matches it is in (without
 * the names seen in training when its identity is dropped).
 */
static size_t
class_feats(const NxNerDoc *d, const TokInfo *ti, size_t n, size_t k,
			size_t g, uint32_t *out)
{
	const TokInfo *t = &ti[k],
			   *m1 = PREV(ti, k),
			   *p1 = NEXT(ti, n, k);
	uint32_t	hide = dropped(d, g) ? d->res.lex->seen_classes : 0,
				gazB = t->gazB & ~hide,
				gazI = t->gazI & ~hide,
				capv = cap_value(t);
	size_t		nf = 0;
	static const int clp[4] = {4, 6, 10, 20},
				clnear[2] = {6, 20},
				vcp[3] = {4, 8, 12},
				vcnear[2] = {8, 12};

	if (t->cllen)
		nf += nx_cluster_feats(out + nf, T_CL, t->clbits, t->cllen, clp, 4);
	if (m1 && m1->cllen)
		nf += nx_cluster_feats(out + nf, T_CLM1, m1->clbits, m1->cllen, clnear, 2);
	if (p1 && p1->cllen)
		nf += nx_cluster_feats(out + nf, T_CLP1, p1->clbits, p1->cllen, clnear, 2);
	for (uint32_t m = gazB | gazI; m; m &= m - 1)
	{
		uint32_t	c = class_of(m),
					next_in = p1 && ((p1->gazI >> c) & 1) ? 1 : 0;

		if ((gazB >> c) & 1)
			out[nf++] = nx_feat(T_GAZ, c * 4 + next_in);
		if ((gazI >> c) & 1)
			out[nf++] = nx_feat(T_GAZ, c * 4 + 2 + next_in);
	}
	for (uint32_t m = m1 ? m1->gazB | m1->gazI : 0; m; m &= m - 1)
		out[nf++] = nx_feat(T_GAZM1, class_of(m));
	for (uint32_t m = p1 ? p1->gazB | p1->gazI : 0; m; m &= m - 1)
		out[nf++] = nx_feat(T_GAZP1, class_of(m));
	if (t->vclen)
		nf += nx_cluster_feats(out + nf, T_VC, t->vcbits, t->vclen, vcp, 3);
	if (m1 && m1->vclen)
		nf += nx_cluster_feats(out + nf, T_VCM1, m1->vcbits, m1->vclen, vcnear, 2);
	if (p1 && p1->vclen)
		nf += nx_cluster_feats(out + nf, T_VCP1, p1->vcbits, p1->vclen, vcnear, 2);
	/* clusters two words away and the cluster bigram */
	if (k >= 2 && ti[k - 2].cllen)
		out[nf++] = nx_feat(T_CLM2, cl_prefix(&ti[k - 2], 10));
	if (k + 2 < n && ti[k + 2].cllen)
		out[nf++] = nx_feat(T_CLP2, cl_prefix(&ti[k + 2], 10));
	out[nf++] = nx_feat2(T_CLBI, m1 ? cl_prefix(m1, 10) : BOS_L, cl_prefix(t, 10));
	/* lexicon classes with the token's case */
	for (uint32_t m = gazB | gazI; m; m &= m - 1)
		out[nf++] = nx_feat(T_GAZCAP, class_of(m) * 64 + capv);
	return nf;
}

/*
 * Context aggregation, for a capitalised word: the context classes beside any
 * of its mentions, and the neighbours of its first mentions.
 */
static size_t
aggregation_feats(const NxNerDoc *d, const TokInfo *ti, size_t n, size_t k,
				  uint32_t *out)
{
	const TokInfo *t = &ti[k],
			   *m1 = PREV(ti, k),
			   *p1 = NEXT(ti, n, k);
	uint64_t	lm1 = m1 ? m1->hl : BOS_L,
				lp1 = p1 ? p1->hl : EOS_L;
	const uint64_t *ag = d->agg + (size_t) t->wid * 2 * AGG_K;
	uint32_t	lc = d->aggcls[(size_t) t->wid * 2],
				rc = d->aggcls[(size_t) t->wid * 2 + 1];
	size_t		nf = 0;

	if (t->cap == CAP_LOWER || t->cap == CAP_NONE)
		return 0;
	for (uint32_t m = lc | rc; m; m &= m - 1)
	{
		uint32_t	c = class_of(m);

		if ((lc >> c) & 1)
			out[nf++] = nx_feat(T_AGCL, c);
		if ((rc >> c) & 1)
			out[nf++] = nx_feat(T_AGCR, c);
	}
	for (int j = 0; j < AGG_K; j++)
	{
		if (ag[j] && ag[j] != lm1)
			out[nf++] = nx_feat(T_AGL, ag[j]);
		if (ag[AGG_K + j] && ag[AGG_K + j] != lp1)
			out[nf++] = nx_feat(T_AGR, ag[AGG_K + j]);
	}
	return nf;
}

/* The run of capitalised words the token is in: its ends and neighbours. */
static size_t
run_feats(const TokInfo *ti, size_t n, size_t k, uint32_t *out)
{
	const TokInfo *t = &ti[k];
	uint32_t	pc;
	const TokInfo *first,
			   *last;
	size_t		fk,
				lk,
				nf = 0;

	if (!t->rlen)
		return 0;
	pc = t->rlen == 1 ? 3 : t->rpos == 0 ? 0 : t->rpos + 1 == t->rlen ? 2 : 1;
	first = t - t->rpos;
	last = first + (t->rlen - 1);
	fk = k - t->rpos;
	lk = fk + t->rlen - 1;
	out[nf++] = nx_feat(T_RUNPOS, pc | (uint32_t) (t->rlen < 5 ? t->rlen : 5) << 4 | cap_value(t) << 8);
	if (t->rlen > 1 && pc != 2)
	{
		out[nf++] = nx_feat2(T_RUNEND, pc, last->hl);
		out[nf++] = nx_feat2(T_RUNGAZ, pc, last->gazB | last->gazI);
		out[nf++] = nx_feat2(T_RUNAFT, pc, lk + 1 < n ? ti[lk + 1].hl : EOS_L);
	}
	if (t->rlen > 1 && pc != 0)
	{
		out[nf++] = nx_feat2(T_RUNBEG, pc, first->hl);
		out[nf++] = nx_feat2(T_RUNGAZB, pc, first->gazB | first->gazI);
		out[nf++] = nx_feat2(T_RUNBEF, pc, fk >= 1 ? ti[fk - 1].hl : BOS_L);
	}
	return nf;
}

/* Token kinds around (quotation marks, clitics, attached hyphens). */
static uint32_t
kind_feat(const NxNerDoc *d, size_t n, size_t k, size_t g)
{
	const NxToken *tk = &d->doc->tok[g];
	uint32_t	kv = tk->kind | ((tk->flags & 7u) << 4);

	kv |= (k >= 1 ? (uint32_t) d->doc->tok[g - 1].kind : 15u) << 8;
	kv |= (k + 1 < n ? (uint32_t) d->doc->tok[g + 1].kind |
		   ((d->doc->tok[g + 1].flags & 1u) << 4) : 31u) << 12;
	return nx_feat(T_KIND, kv);
}

/*
 * Static features of sentence token k that do not depend on first-stage
 * labels, into out; returns the count.  Their order is part of the model
 * (training sums the weights in it), so the steps keep it.
 */
static size_t
base_feats(const NxNerDoc *d, const TokInfo *ti, size_t n, size_t k,
		   size_t g, uint32_t *out)
{
	size_t		nf = 0;

	nf += word_feats(d, ti, n, k, g, out + nf);
	nf += class_feats(d, ti, n, k, g, out + nf);
	nf += aggregation_feats(d, ti, n, k, out + nf);
	nf += run_feats(ti, n, k, out + nf);
	out[nf++] = kind_feat(d, n, k, g);
	return nf;
}

/* Static features from first-stage labels of sentence token k (stage 2). */
static size_t
stage_feats(const NxNerDoc *d, const TokInfo *ti, size_t n, size_t k,
			size_t g, uint32_t *out)
{
	const TokInfo *t = &ti[k];
	uint32_t	capv = cap_value(t);
	const uint8_t *s1 = d->stage1;
	uint64_t	ov = others_value(d, g);
	size_t		nf = 0;

	out[nf++] = nx_feat(S_SELF, s1[g]);
	out[nf++] = nx_feat(S_M1, k >= 1 ? s1[g - 1] : 0xFF);
	out[nf++] = nx_feat(S_P1, k + 1 < n ? s1[g + 1] : 0xFF);
	out[nf++] = nx_feat(S_OTHERS, ov);
	out[nf++] = nx_feat2(S_OTHERS_CAP, ov, capv);
	return nf;
}

/* Static features of sentence token k into out; returns the count. */
static size_t
static_feats(const NxNerDoc *d, const TokInfo *ti, size_t n, size_t k,
			 size_t g, uint32_t *out)
{
	size_t		nf = base_feats(d, ti, n, k, g, out);

	if (d->stage1)
		nf += stage_feats(d, ti, n, k, g, out + nf);
	return nf;
}

/* Dynamic features: previous labels and the document's label history. */
static size_t
ner_dyn(void *ctx, size_t i, const uint8_t *labels, uint32_t *out, size_t cap)
{
	NxNerDoc   *d = ctx;
	size_t		g = d->sent_start + i;
	const uint8_t *doclab = labels - d->sent_start;
	const TokInfo *t = &d->cur[i];
	const NxLabelSet *ls = d->res.labels;
	uint32_t	p1 = i >= 1 ? labels[i - 1] : 0xFF;
	uint32_t	p2 = i >= 2 ? labels[i - 2] : 0xFF;
	size_t		nf = 0;

	(void) cap;
	while (d->hist_upto < g)
	{
		size_t		j = d->hist_upto++;
		uint8_t		l = doclab[j] < ls->n ? doclab[j] : ls->outside;
		const TokInfo *tj = &d->ti[j];

		if (tj->cap == CAP_LOWER || tj->cap == CAP_NONE)
			continue;
		if (ls->type[l] != NX_NO_TYPE)
			d->hist[tj->wid] |= UINT32_C(1) << (ls->type[l] & 31);
		else
			d->hist[tj->wid] |= UINT32_C(1) << 31;
	}
	out[nf++] = nx_feat(D_P1, p1);
	out[nf++] = nx_feat(D_P12, p1 | (p2 << 8));
	out[nf++] = nx_feat2(D_P1L, p1, t->hl);
	out[nf++] = nx_feat2(D_P1S, p1, t->hs);
	out[nf++] = nx_feat(D_P1CAP, p1 | ((uint32_t) t->cap << 8) | ((uint32_t) t->flags << 12));
	if (t->cap != CAP_LOWER && t->cap != CAP_NONE && d->hist[t->wid])
		out[nf++] = nx_feat(D_HIST, d->hist[t->wid]);
	return nf;
}

/* Static features of an easy token of the current sentence, when scored. */
static size_t
ner_lazy(void *ctx, size_t i, uint32_t *out, size_t cap)
{
	NxNerDoc   *d = ctx;

	(void) cap;					/* MAX_STATIC <= NX_MAX_LAZY_FEATS */
	return static_feats(d, d->cur, d->sent_len, i, d->sent_start + i, out);
}

/*
 * Make room in base_feat for the features of n more tokens and give its
 * end; 0 and base_full set if there is none (features are then made
 * again in the second stage).
 */
static int
base_reserve(NxNerDoc *d, size_t n)
{
	size_t		used = d->base_off[d->base_upto];
	size_t		need = used + n * MAX_STATIC;
	size_t		cap = d->base_cap ? d->base_cap : 1024;
	uint32_t   *p;

	if (d->base_full)
		return 0;
	if (need <= d->base_cap)
		return 1;
	while (cap < need)
		cap *= 2;
	if (cap > UINT32_MAX || cap > ((size_t) 1 << 28))
	{
		d->base_full = 1;
		return 0;
	}
	p = nx_grow(d->a, d->base_feat, sizeof(uint32_t), &d->base_cap, cap);
	if (!p)
	{
		d->base_full = 1;
		return 0;
	}
	d->base_feat = p;
	return 1;
}

/* The decoding input of sentence s. */
void
nx_ner_doc_seq(NxNerDoc *d, size_t s, NxSeq *seq)
{
	const NxSentence *se = &d->doc->sent[s];
	const TokInfo *ti = d->ti + se->tok;
	size_t		n = se->ntok;
	size_t		nf = 0;

	d->off[0] = 0;
	seq->feat = d->feat;
	if (!d->stage1 && se->tok >= d->base_upto && base_reserve(d, n))
	{
		/* first stage, in document order: keep the features for the second */
		uint32_t   *bo = d->base_off;
		size_t		base;

		while (d->base_upto < se->tok)
		{
			bo[d->base_upto + 1] = bo[d->base_upto];
			d->base_upto++;
		}
		base = bo[se->tok];
		for (size_t k = 0; k < n; k++)
		{
			if (!d->easy[se->tok + k])
				nf += base_feats(d, ti, n, k, se->tok + k, d->base_feat + base + nf);
			d->off[k + 1] = (uint32_t) nf;
			bo[se->tok + k + 1] = (uint32_t) (base + nf);
		}
		d->base_upto = se->tok + n;
		seq->feat = d->base_feat + base;
	}
	else
		for (size_t k = 0; k < n; k++)
		{
			size_t		g = se->tok + k;

			/* fixed tokens are not scored, easy ones get features if scored */
			if ((!d->fixed || d->fixed[g] == 0xFF) && !d->easy[g])
			{
				if (d->stage1 && d->paired && d->pset[g])
				{
					/* paired: the first stage summed the rest */
					nf += stage_feats(d, ti, n, k, g, d->feat + nf);
				}
				else if (g < d->base_upto)
				{
					size_t		nb = d->base_off[g + 1] - d->base_off[g];

					memcpy(d->feat + nf, d->base_feat + d->base_off[g], nb * sizeof(uint32_t));
					nf += nb;
					if (d->stage1)
						nf += stage_feats(d, ti, n, k, g, d->feat + nf);
				}
				else
					nf += static_feats(d, ti, n, k, g, d->feat + nf);
			}
			d->off[k + 1] = (uint32_t) nf;
		}
	d->sent_start = se->tok;
	d->sent_len = n;
	d->cur = ti;
	seq->ntok = n;
	seq->off = d->off;
	seq->dyn = ner_dyn;
	seq->ctx = d;
	seq->fixed = d->fixed ? d->fixed + se->tok : NULL;
	seq->easy = d->easy + se->tok;
	seq->lazy = ner_lazy;
	seq->obias = 0;
	seq->pair.sum = d->paired ? d->psum : NULL;
	seq->pair.slot = d->paired ? d->pslot + se->tok : NULL;
	seq->pair.set = d->paired ? d->pset + se->tok : NULL;
}
