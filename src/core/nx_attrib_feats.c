/*
 * nx_attrib_feats.c
 *	  The feature templates of the attribution tagger's two stages
 *	  (nx_attrib.h) and the decoding input of a paragraph's window
 *	  (nx_attrib_doc_seq).
 *
 * Features of a token come from its words (the token and two either side),
 * its shape, the model's word classes, where it stands among quotation
 * marks (inside, on a mark, and what the enclosing span looks like: its
 * length, how it ends, what stands before and after it), and how far the
 * nearest reporting verb is in its sentence.  Stage 2 adds the stage-1
 * chunks: the token's own role, the distance to the nearest cue on
 * either side, whether a source stands between, and whether the quoted
 * span around it touches a cue.
 */
#include "nx_attrib_int.h"
#include "nx_hash.h"

/*
 * Extraction lowers stage 1's score for O by this much (in weight units):
 * the tagger finds more sources and cues, at a little precision.  Chosen
 * on three held-out tenths of PolNeAR train with models of two seeds
 * (0.3 to 2 all gain; 1.5: source exact F1 +0.2, cue +0.1, precision
 * -0.3); training does not use it.
 */
#define NX_ATTRIB_O_BIAS 1.5f

/* ---- feature templates ---- */

/* Templates: stage 1 and shared (T_), stage 2 (U_), dynamic (D_). */
enum
{
	T_BIAS = 1, T_W, T_WM1, T_WP1, T_WM2, T_WP2, T_WM1W, T_WWP1, T_WM2M1, T_WP1P2,
	T_S, T_S3, T_SUF, T_CAPK, T_LEX, T_LEXM1, T_LEXP1, T_LEXM2, T_LEXP2, T_Q, T_QM1P1,
	T_QW, T_SPAN, T_SPANNW, T_SPANCX, T_CUELR, T_CUELRLEX, T_CUELRCAP, T_SENTPOS,
	T_SENTPOSW, T_CX3, T_LEXW, T_SPANPOS, T_CUELW, T_CUERW,
	T_CL, T_CLM1 = T_CL + 4, T_CLP1 = T_CLM1 + 2, T_CLCUE = T_CLP1 + 2,
	T_CUEV = T_CLCUE + 2, T_CUERC = T_CUEV + 2,
	/* stage 2 */
	U_ROLE = 64, U_ROLE3, U_DCL, U_DCR, U_DCLR, U_DCLQ, U_DCRQ, U_DCLW, U_DCRW,
	U_AFTER, U_AFTERW, U_SRCB, U_SENTCUE, U_SPANCUE, U_SPANCUENW, U_SPANCUEQ,
	U_PREV, U_DCLEND, U_DCRSTART, U_ROLEW, U_DCLCX, U_DCRCX, U_CL, U_CLDCL = U_CL + 2,
	/* dynamic */
	D_P1 = 128, D_P12, D_P1W, D_P1Q, D_P1K, D_P1DCL, D_P1DCR, D_P1CX, D_P1SPAN
};

/* The word value before a paragraph's first token and after its last. */
#define BOS_L	UINT64_C(0x1111)
#define EOS_L	UINT64_C(0x2222)

/* The first p bits of a token's cluster, with their number (0: none). */
static inline uint64_t
cl_prefix(const TokInfo *t, int p)
{
	return nx_cluster_prefix(t->clbits, t->cllen, p);
}

/*
 * Static features of stage 2 of token t (document token g), whose
 * neighbours in the paragraph are m1 and p1 (NULL at its edges): the
 * stage-1 chunks around it.
 */
static size_t
stage2_feats(const NxAttribDoc *d, const TokInfo *t, const TokInfo *m1,
			 const TokInfo *p1, size_t g, uint32_t *out)
{
	const Stage2Info *x = &d->s2[g];
	const Stage2Info *xm1 = m1 ? &d->s2[g - 1] : NULL;
	const Stage2Info *xp1 = p1 ? &d->s2[g + 1] : NULL;
	uint64_t	dl = x->dcl | ((uint64_t) x->srcbetween << 4);
	uint32_t	q = t->q;
	size_t		nf = 0;
	static const int clnear[2] = {6, 10};

	out[nf++] = nx_feat(U_ROLE, x->role);
	out[nf++] = nx_feat(U_ROLE3, (uint64_t) x->role | ((uint64_t) (xm1 ? xm1->role : 7) << 4) |
				   ((uint64_t) (xp1 ? xp1->role : 7) << 8));
	out[nf++] = nx_feat(U_DCL, dl);
	out[nf++] = nx_feat(U_DCR, x->dcr);
	out[nf++] = nx_feat(U_DCLR, dl | ((uint64_t) x->dcr << 8) | ((uint64_t) x->role << 12));
	out[nf++] = nx_feat(U_DCLQ, dl | ((uint64_t) q << 8) | ((uint64_t) t->sentend << 16));
	out[nf++] = nx_feat(U_DCRQ, (uint64_t) x->dcr | ((uint64_t) q << 8) | ((uint64_t) t->sentpos << 16));
	out[nf++] = nx_feat2(U_DCLW, dl, t->hl);
	out[nf++] = nx_feat2(U_DCRW, x->dcr, t->hl);
	out[nf++] = nx_feat(U_DCLCX, dl | ((uint64_t) t->cx << 8) | ((uint64_t) (p1 ? p1->cx : 15) << 12));
	out[nf++] = nx_feat(U_DCRCX, (uint64_t) x->dcr | ((uint64_t) t->cx << 8) |
				   ((uint64_t) (m1 ? m1->cx : 15) << 12) | ((uint64_t) (xp1 ? xp1->role : 7) << 16));
	out[nf++] = nx_feat(U_AFTER, (uint64_t) x->aftercue | ((uint64_t) t->cx << 4) | ((uint64_t) q << 8));
	if (x->aftercue)
		out[nf++] = nx_feat2(U_AFTERW, x->aftercue, t->hl);
	out[nf++] = nx_feat(U_SENTCUE, (uint64_t) x->sentcue | ((uint64_t) x->prevsent << 1) |
				   ((uint64_t) t->sentpos << 4) | ((uint64_t) q << 8));
	out[nf++] = nx_feat2(U_ROLEW, x->role, t->hl);
	if (t->cllen)
	{
		nf += nx_cluster_feats(out + nf, U_CL, t->clbits, t->cllen, clnear, 2);
		out[nf++] = nx_feat(U_CLDCL, cl_prefix(t, 6) ^ (dl << 40));
	}
	if (t->span >= 0)
	{
		const SpanInfo *si = &d->si[t->span];

		out[nf++] = nx_feat(U_SPANCUE, (uint64_t) si->cue | ((uint64_t) si->cuesent << 2) |
					   ((uint64_t) q << 4));
		out[nf++] = nx_feat(U_SPANCUENW, (uint64_t) si->cue | ((uint64_t) si->cuesent << 2) |
					   ((uint64_t) si->nw << 4) | ((uint64_t) si->endp << 8) |
					   ((uint64_t) si->before << 12) | ((uint64_t) si->after << 16));
		out[nf++] = nx_feat(U_SPANCUEQ, (uint64_t) si->cue | ((uint64_t) x->dcl << 4) |
					   ((uint64_t) x->dcr << 8) | ((uint64_t) q << 12));
	}
	return nf;
}

/* Token k of a paragraph ti of n tokens, with its neighbours (NULL past the paragraph's ends). */
typedef struct Around
{
	const TokInfo *ti;
	size_t		n;
	size_t		k;
	const TokInfo *t;
	const TokInfo *m1;
	const TokInfo *p1;
	uint64_t	lm1;			/* the words either side, BOS_L and EOS_L past the ends */
	uint64_t	lp1;
} Around;

/*
 * The features of token k of a paragraph ti of n tokens (document token
 * g) in four parts: the words (the token's and its neighbours') and the
 * context (shape, case, word classes, quotation marks, place in the
 * sentence), which both stages read, and stage 1's wider words and its
 * cues and clusters.  They are emitted in the order the models were
 * trained with (stage 1: words, wider words, context, cues; stage 2:
 * words, context, then stage2_feats).
 */
static size_t
word_feats(const Around *a, uint32_t *out)
{
	const TokInfo *t = a->t;
	uint64_t	lm1 = a->lm1,
				lp1 = a->lp1;
	size_t		nf = 0;

	out[nf++] = nx_feat(T_W, t->hl);
	out[nf++] = nx_feat(T_WM1, lm1);
	out[nf++] = nx_feat(T_WP1, lp1);
	out[nf++] = nx_feat2(T_WM1W, lm1, t->hl);
	out[nf++] = nx_feat2(T_WWP1, t->hl, lp1);
	return nf;
}

/* Stage 1's wider context for sources and cues: two words each side, shapes, suffix. */
static size_t
wide_word_feats(const Around *a, uint32_t *out)
{
	const TokInfo *ti = a->ti,
			   *t = a->t,
			   *m1 = a->m1,
			   *p1 = a->p1;
	size_t		n = a->n,
				k = a->k;
	uint64_t	lm1 = a->lm1,
				lp1 = a->lp1,
				lm2 = k >= 2 ? ti[k - 2].hl : BOS_L,
				lp2 = k + 2 < n ? ti[k + 2].hl : EOS_L;
	size_t		nf = 0;

	out[nf++] = nx_feat(T_WM2, lm2);
	out[nf++] = nx_feat(T_WP2, lp2);
	out[nf++] = nx_feat2(T_WM2M1, lm2, lm1);
	out[nf++] = nx_feat2(T_WP1P2, lp1, lp2);
	out[nf++] = nx_feat(T_S3, nx_hash3(m1 ? m1->hs : BOS_L, t->hs, p1 ? p1->hs : EOS_L));
	out[nf++] = nx_feat(T_SUF, t->hsuf);
	out[nf++] = nx_feat(T_LEXM2, k >= 2 ? ti[k - 2].lex | ((uint64_t) ti[k - 2].cx << 16) : 0xFFFF);
	out[nf++] = nx_feat(T_LEXP2, k + 2 < n ? ti[k + 2].lex | ((uint64_t) ti[k + 2].cx << 16) : 0xFFFF);
	return nf;
}

/* Shape, case, word classes, quotation marks and place in the sentence. */
static size_t
context_feats(const NxAttribDoc *d, const Around *a, uint32_t *out)
{
	const TokInfo *t = a->t,
			   *m1 = a->m1,
			   *p1 = a->p1;
	uint32_t	q = t->q;
	size_t		nf = 0;

	out[nf++] = nx_feat(T_S, t->hs);
	out[nf++] = nx_feat(T_CAPK, (uint64_t) t->cap | ((uint64_t) t->kind << 4));
	out[nf++] = nx_feat(T_LEX, t->lex);
	out[nf++] = nx_feat(T_LEXM1, m1 ? m1->lex | ((uint64_t) m1->cx << 16) : 0xFFFF);
	out[nf++] = nx_feat(T_LEXP1, p1 ? p1->lex | ((uint64_t) p1->cx << 16) : 0xFFFF);
	out[nf++] = nx_feat(T_CX3, (uint64_t) (m1 ? m1->cx : 15) | ((uint64_t) t->cx << 4) |
				   ((uint64_t) (p1 ? p1->cx : 15) << 8));
	out[nf++] = nx_feat(T_Q, q);
	out[nf++] = nx_feat(T_QM1P1, (uint64_t) q | ((uint64_t) (m1 ? m1->q : 0xFF) << 8) |
				   ((uint64_t) (p1 ? p1->q : 0xFF) << 16));
	out[nf++] = nx_feat2(T_QW, q, t->hl);
	if (t->span >= 0)
	{
		const SpanInfo *si = &d->si[t->span];
		uint64_t	spanv = 1 | ((uint64_t) si->nw << 4) | ((uint64_t) si->endp << 8) |
			((uint64_t) si->before << 12) | ((uint64_t) si->after << 16) |
			((uint64_t) (si->flags & 7) << 20) | ((uint64_t) si->atstart << 24);

		out[nf++] = nx_feat(T_SPAN, spanv);
		out[nf++] = nx_feat(T_SPANNW, (uint64_t) si->nw | ((uint64_t) q << 8));
		out[nf++] = nx_feat(T_SPANCX, (uint64_t) si->before | ((uint64_t) si->after << 4) |
					   ((uint64_t) q << 8));
		out[nf++] = nx_feat(T_SPANPOS, (uint64_t) si->endp | ((uint64_t) si->atstart << 4) |
					   ((uint64_t) q << 8) | ((uint64_t) t->sentend << 16));
	}
	out[nf++] = nx_feat(T_SENTPOS, (uint64_t) t->sentpos | ((uint64_t) t->sentend << 4) |
				   ((uint64_t) t->cx << 8) | ((uint64_t) (a->k == 0) << 12));
	return nf;
}

/* Stage 1's reporting verbs either side, word classes with case, and word clusters. */
static size_t
cue_feats(const Around *a, uint32_t *out)
{
	const TokInfo *t = a->t,
			   *m1 = a->m1,
			   *p1 = a->p1;
	uint32_t	lex = t->lex;
	uint32_t	q = t->q;
	uint32_t	cuelr = (uint32_t) t->cuel | ((uint32_t) t->cuer << 4);
	size_t		nf = 0;
	static const int clp[4] = {4, 6, 10, 20},
				clnear[2] = {6, 10};

	out[nf++] = nx_feat(T_CUELR, cuelr);
	out[nf++] = nx_feat(T_CUELRLEX, (uint64_t) cuelr | ((uint64_t) t->cx << 8) | ((uint64_t) q << 12));
	out[nf++] = nx_feat(T_CUELRCAP, (uint64_t) cuelr | ((uint64_t) t->cap << 8) | ((uint64_t) t->sentpos << 12));
	out[nf++] = nx_feat2(T_SENTPOSW, (uint64_t) t->sentpos | ((uint64_t) t->sentend << 4), t->hl);
	if (t->cuel)
		out[nf++] = nx_feat2(T_CUELW, t->cuel, t->hl);
	if (t->cuer)
	{
		out[nf++] = nx_feat2(T_CUERW, t->cuer, t->hl);
		out[nf++] = nx_feat2(T_CUEV, t->cuerw, (uint64_t) t->cuer | ((uint64_t) t->cap << 4));
		out[nf++] = nx_feat(T_CUERC, (uint64_t) t->cuer | ((uint64_t) t->cuercomma << 4) |
					   ((uint64_t) t->cx << 8) | ((uint64_t) t->cap << 12) |
					   ((uint64_t) (m1 ? m1->cx : 15) << 16));
	}
	if (t->cuel)
		out[nf++] = nx_feat2(T_CUEV + 1, t->cuelw, (uint64_t) t->cuel | ((uint64_t) t->cap << 4));
	for (int c = 0; c < LX__COUNT; c++)
		if (lex & (1u << c))
			out[nf++] = nx_feat(T_LEXW, (uint64_t) c | ((uint64_t) t->cap << 8) | ((uint64_t) q << 12));
	/* word clusters: the word, its neighbours, and the word near a reporting verb */
	if (t->cllen)
	{
		nf += nx_cluster_feats(out + nf, T_CL, t->clbits, t->cllen, clp, 4);
		out[nf++] = nx_feat(T_CLCUE, cl_prefix(t, 10) ^ ((uint64_t) cuelr << 40) ^ ((uint64_t) q << 52));
		out[nf++] = nx_feat(T_CLCUE + 1, cl_prefix(t, 6) ^ ((uint64_t) t->sentpos << 40) ^
					   ((uint64_t) (m1 ? m1->cx : 15) << 44));
	}
	if (m1 && m1->cllen)
		nf += nx_cluster_feats(out + nf, T_CLM1, m1->clbits, m1->cllen, clnear, 2);
	if (p1 && p1->cllen)
		nf += nx_cluster_feats(out + nf, T_CLP1, p1->clbits, p1->cllen, clnear, 2);
	return nf;
}

/* Static features of paragraph token k (document token g) into out. */
static size_t
static_feats(const NxAttribDoc *d, int stage, const TokInfo *ti, size_t n,
			 size_t k, size_t g, uint32_t *out)
{
	Around		a;
	size_t		nf = 0;

	a.ti = ti;
	a.n = n;
	a.k = k;
	a.t = &ti[k];
	a.m1 = k >= 1 ? &ti[k - 1] : NULL;
	a.p1 = k + 1 < n ? &ti[k + 1] : NULL;
	a.lm1 = a.m1 ? a.m1->hl : BOS_L;
	a.lp1 = a.p1 ? a.p1->hl : EOS_L;
	out[nf++] = nx_feat(T_BIAS, (uint64_t) stage);
	nf += word_feats(&a, out + nf);
	if (stage == 1)
		nf += wide_word_feats(&a, out + nf);
	nf += context_feats(d, &a, out + nf);
	if (stage == 1)
		nf += cue_feats(&a, out + nf);
	if (stage == 2 && d->s2)
		nf += stage2_feats(d, a.t, a.m1, a.p1, g, out + nf);
	return nf;
}

/* Dynamic features: the previous labels. */
static size_t
attrib_dyn(void *ctx, size_t i, const uint8_t *labels, uint32_t *out, size_t cap)
{
	NxAttribDoc *d = ctx;
	const TokInfo *t = &d->cur[i];
	uint32_t	p1 = i >= 1 ? labels[i - 1] : 0xFF;
	uint32_t	p2 = i >= 2 ? labels[i - 2] : 0xFF;
	size_t		nf = 0;

	(void) cap;
	out[nf++] = nx_feat(D_P1, p1);
	out[nf++] = nx_feat(D_P12, p1 | (p2 << 8));
	out[nf++] = nx_feat2(D_P1W, p1, t->hl);
	out[nf++] = nx_feat(D_P1Q, p1 | ((uint32_t) t->q << 8) | ((uint32_t) t->sentpos << 16));
	out[nf++] = nx_feat(D_P1K, p1 | ((uint32_t) t->cx << 8) | ((uint32_t) t->sentend << 16));
	if (t->span >= 0)
		out[nf++] = nx_feat(D_P1SPAN, p1 | ((uint32_t) d->si[t->span].nw << 8) |
					   ((uint32_t) t->q << 12) | ((uint32_t) d->si[t->span].cue << 20));
	if (d->stage == 2 && d->cur2)
	{
		const Stage2Info *x = &d->cur2[i];

		out[nf++] = nx_feat(D_P1DCL, p1 | ((uint32_t) x->dcl << 8) | ((uint32_t) x->role << 12));
		out[nf++] = nx_feat(D_P1DCR, p1 | ((uint32_t) x->dcr << 8) | ((uint32_t) t->q << 12));
		out[nf++] = nx_feat(D_P1CX, p1 | ((uint32_t) t->cx << 8) | ((uint32_t) x->aftercue << 12) |
					   ((uint32_t) x->sentcue << 16));
	}
	return nf;
}

/* Static features of an easy token i of the paragraph being decoded. */
static size_t
attrib_lazy(void *ctx, size_t i, uint32_t *out, size_t cap)
{
	NxAttribDoc *d = ctx;

	(void) cap;					/* MAX_FEATS <= NX_MAX_LAZY_FEATS */
	return static_feats(d, d->stage, d->ti + d->cur_start, d->cur_n, d->cur_from + i,
						d->cur_start + d->cur_from + i, out);
}

/*
 * In extraction (nx_attrib_doc_decode; training decodes every token, so
 * that the model does not depend on this), stage 1 gives words inside
 * quotation marks O unscored when no chunk is open before them: they are
 * never a source or cue.  (Taking lower-case
 * words of no word class too cost 0.6 points of quoted speaker accuracy
 * on held-out training articles; easy tokens in stage 2, outside
 * quotations in sentences far from a cue, saved nothing measurable.)
 */
static int
is_easy(const NxAttribDoc *d, size_t g)
{
	const TokInfo *t = &d->ti[g];

	return t->prefix ||
		((t->q & Q_IN) && t->kind != NX_TOK_OPEN_QUOTE && t->kind != NX_TOK_CLOSE_QUOTE);
}

/*
 * The decoding input of paragraph p from its token from: a window of at
 * most NX_ATTRIB_WINDOW tokens, ending at a sentence's start where one
 * is in its second half, so that the feature buffer stays small however
 * long a paragraph is.  Features are those of the whole paragraph (the
 * words either side of a window's edge are seen); only the previous
 * labels start again at a window.  Returns the window's length.
 */
size_t
nx_attrib_doc_seq(NxAttribDoc *d, int stage, size_t p, size_t from, NxSeq *seq)
{
	size_t		start = d->para_tok[p];
	size_t		n = d->para_tok[p + 1] - start;
	size_t		w = n > from ? n - from : 0;
	const TokInfo *ti = d->ti + start;
	size_t		nf = 0;
	int			useeasy = stage == 1 && d->shortcut;

	if (w > NX_ATTRIB_WINDOW)
	{
		/* end the window at a sentence's start, where no chunk is open as a rule */
		const NxToken *tok = d->doc->tok + start + from;

		w = NX_ATTRIB_WINDOW;
		for (size_t k = w; k > NX_ATTRIB_WINDOW / 2; k--)
			if (tok[k].sentence != tok[k - 1].sentence)
			{
				w = k;
				break;
			}
	}
	d->off[0] = 0;
	for (size_t k = 0; k < w; k++)
	{
		d->easy[k] = (uint8_t) (useeasy && is_easy(d, start + from + k));
		if (!d->easy[k])
			nf += static_feats(d, stage, ti, n, from + k, start + from + k, d->feat + nf);
		d->off[k + 1] = (uint32_t) nf;
	}
	d->cur_start = start;
	d->cur_n = n;
	d->cur_from = from;
	d->cur = ti + from;
	d->cur2 = (stage == 2 && d->s2) ? d->s2 + start + from : NULL;
	d->stage = stage;
	memset(seq, 0, sizeof(*seq));	/* fields this task does not use stay off */
	seq->ntok = w;
	seq->off = d->off;
	seq->feat = d->feat;
	seq->dyn = attrib_dyn;
	seq->ctx = d;
	seq->fixed = NULL;
	seq->easy = useeasy ? d->easy : NULL;
	seq->lazy = attrib_lazy;
	if (d->shortcut && stage == 1)
		seq->obias = NX_ATTRIB_O_BIAS;
	return w;
}
