/*
 * nx_tagger.c
 *	  Label sets (BIO/BILOU) and greedy decoding with hashed weights
 *	  (averaged-perceptron training is nx_trainer.c).
 *
 * Tokens a task marks "easy" (NxSeq.easy) take O unscored in decoding
 * when no chunk is open before them: most tokens of running text are
 * lower-case words outside names, and skipping them is most of the speed.
 * Training still learns from them (skipping them there too cost 0.3 F1 on
 * CoNLL-2003 dev: the weights learn less about what is not a name).
 *
 * Weights: bucket b = hash & ((1 << log2) - 1) owns a row of one weight
 * a label (dense, sparse or int8: nx_tagger.h).  A token's score
 * for label l is the sum of row[l] over its features' buckets.
 */
#include "nx_tagger.h"
#include "nx_tagger_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define NX_AVX2_DISPATCH 1
#endif

/* Label position of a name's prefix letter. */
static int
pos_of_prefix(char c)
{
	switch (c)
	{
		case 'B':
			return NX_LP_B;
		case 'I':
			return NX_LP_I;
		case 'L':
		case 'E':
			return NX_LP_L;
		case 'U':
		case 'S':
			return NX_LP_U;
		default:
			return -1;
	}
}

/* Fill the transition masks once positions and types are known. */
static void
labels_finish(NxLabelSet *ls)
{
	uint64_t	all = (ls->n == 64) ? ~UINT64_C(0) : ((UINT64_C(1) << ls->n) - 1);
	uint64_t	opening = 0;	/* O, B, U: may start after a closed chunk */

	for (uint32_t j = 0; j < ls->n; j++)
		if (ls->pos[j] == NX_LP_O || ls->pos[j] == NX_LP_B || ls->pos[j] == NX_LP_U)
			opening |= UINT64_C(1) << j;

	ls->start = opening;
	ls->end = 0;
	for (uint32_t i = 0; i < ls->n; i++)
	{
		int			p = ls->pos[i];
		int			open = (p == NX_LP_B || p == NX_LP_I);
		uint64_t	m = 0;

		if (!open || !ls->bilou)
			m |= opening;
		if (open)
			for (uint32_t j = 0; j < ls->n; j++)
				if (ls->type[j] == ls->type[i] &&
					(ls->pos[j] == NX_LP_I || ls->pos[j] == NX_LP_L))
					m |= UINT64_C(1) << j;
		ls->allowed[i] = m ? m : all;
		if (!ls->bilou || !open)
			ls->end |= UINT64_C(1) << i;
	}
	if (!ls->start)
		ls->start = all;
	if (!ls->end)
		ls->end = all;
}

/* Read label names ("O", "B-PER", ...) into a label set. */
NxStatus
nx_labels_init(NxLabelSet *ls, const char *const *names, size_t n,
			   char *errbuf, size_t errlen)
{
	int			have_o = 0;

	memset(ls, 0, sizeof(*ls));
	memset(ls->label_of, 0xFF, sizeof(ls->label_of));
	if (n == 0 || n > NX_MAX_LABELS)
	{
		snprintf(errbuf, errlen, "label count %zu out of range 1..%d", n, NX_MAX_LABELS);
		return NX_EINVAL;
	}
	ls->n = (uint32_t) n;
	for (size_t i = 0; i < n; i++)
	{
		const char *s = names[i];
		size_t		len = strlen(s);
		int			p;
		uint32_t	t;

		if (len > NX_TYPE_NAME_LEN + 2)
		{
			snprintf(errbuf, errlen, "label name too long: %.40s", s);
			return NX_EINVAL;
		}
		memcpy(ls->name[i], s, len + 1);
		if (strcmp(s, "O") == 0)
		{
			if (have_o)
			{
				snprintf(errbuf, errlen, "label O given twice");
				return NX_EINVAL;
			}
			have_o = 1;
			ls->pos[i] = NX_LP_O;
			ls->type[i] = NX_NO_TYPE;
			ls->outside = (uint8_t) i;
			continue;
		}
		p = (len >= 3 && s[1] == '-') ? pos_of_prefix(s[0]) : -1;
		if (p < 0)
		{
			snprintf(errbuf, errlen, "bad label name \"%s\" (want O or B-, I-, L-, U- and a type)", s);
			return NX_EINVAL;
		}
		for (t = 0; t < ls->ntypes; t++)
			if (strcmp(ls->type_name[t], s + 2) == 0)
				break;
		if (t == ls->ntypes)
		{
			if (t == NX_MAX_TYPES)
			{
				snprintf(errbuf, errlen, "more than %d label types", NX_MAX_TYPES);
				return NX_EINVAL;
			}
			memcpy(ls->type_name[t], s + 2, len - 1);
			ls->ntypes++;
		}
		if (ls->label_of[t][p] != 0xFF)
		{
			snprintf(errbuf, errlen, "label \"%s\" given twice", s);
			return NX_EINVAL;
		}
		ls->pos[i] = (uint8_t) p;
		ls->type[i] = (uint8_t) t;
		ls->label_of[t][p] = (uint8_t) i;
		if (p == NX_LP_L || p == NX_LP_U)
			ls->bilou = 1;
	}
	if (!have_o)
	{
		snprintf(errbuf, errlen, "no O label");
		return NX_EINVAL;
	}
	labels_finish(ls);
	return NX_OK;
}

/* Make a BIO or BILOU label set over the given types; O is label 0. */
NxStatus
nx_labels_make(NxLabelSet *ls, int bilou, const char *const *types,
			   size_t ntypes, char *errbuf, size_t errlen)
{
	static const char pfx[] = "BILU";
	char		buf[NX_MAX_LABELS][NX_TYPE_NAME_LEN + 3];
	const char *names[NX_MAX_LABELS];
	size_t		n = 0;
	size_t		per = bilou ? 4 : 2;

	if (1 + ntypes * per > NX_MAX_LABELS)
	{
		snprintf(errbuf, errlen, "too many types");
		return NX_EINVAL;
	}
	names[n++] = "O";
	for (size_t t = 0; t < ntypes; t++)
		for (size_t k = 0; k < per; k++)
		{
			if (strlen(types[t]) > NX_TYPE_NAME_LEN)
			{
				snprintf(errbuf, errlen, "type name too long: %.40s", types[t]);
				return NX_EINVAL;
			}
			snprintf(buf[n], sizeof(buf[n]), "%c-%s", pfx[k], types[t]);
			names[n] = buf[n];
			n++;
		}
	return nx_labels_init(ls, names, n, errbuf, errlen);
}

/* Chunks of a label sequence; see nx_tagger.h. */
size_t
nx_labels_chunks(const NxLabelSet *ls, const uint8_t *labels, size_t n,
				 NxChunk *out, size_t cap)
{
	size_t		k = 0;
	long		open = -1;
	uint32_t	otype = 0;

#define EMIT(s, e, ty) do { \
		if (k < cap) { out[k].start = (uint32_t) (s); out[k].end = (uint32_t) (e); out[k].type = (ty); } \
		k++; } while (0)

	for (size_t i = 0; i < n; i++)
	{
		uint8_t		l = labels[i] < ls->n ? labels[i] : ls->outside;
		int			p = ls->pos[l];
		uint32_t	ty = ls->type[l];

		switch (p)
		{
			case NX_LP_O:
				if (open >= 0)
					EMIT(open, i, otype);
				open = -1;
				break;
			case NX_LP_B:
				if (open >= 0)
					EMIT(open, i, otype);
				open = (long) i;
				otype = ty;
				break;
			case NX_LP_U:
				if (open >= 0)
					EMIT(open, i, otype);
				open = -1;
				EMIT(i, i + 1, ty);
				break;
			case NX_LP_I:
				if (open >= 0 && otype == ty)
					break;
				if (open >= 0)
					EMIT(open, i, otype);
				open = (long) i;
				otype = ty;
				break;
			case NX_LP_L:
				if (open >= 0 && otype == ty)
				{
					EMIT(open, i + 1, ty);
					open = -1;
					break;
				}
				if (open >= 0)
					EMIT(open, i, otype);
				open = -1;
				EMIT(i, i + 1, ty);
				break;
		}
	}
	if (open >= 0)
		EMIT(open, n, otype);
#undef EMIT
	return k;
}

/* Labels of chunks over n tokens. */
void
nx_labels_from_chunks(const NxLabelSet *ls, const NxChunk *ch, size_t nch,
					  uint8_t *labels, size_t n)
{
	memset(labels, ls->outside, n);
	for (size_t k = 0; k < nch; k++)
	{
		uint32_t	s = ch[k].start,
					e = ch[k].end,
					t = ch[k].type;

		if (s >= e || e > n || t >= ls->ntypes)
			continue;
		for (uint32_t i = s; i < e; i++)
		{
			int			p;

			if (!ls->bilou)
				p = (i == s) ? NX_LP_B : NX_LP_I;
			else if (e - s == 1)
				p = NX_LP_U;
			else
				p = (i == s) ? NX_LP_B : (i + 1 == e) ? NX_LP_L : NX_LP_I;
			if (ls->label_of[t][p] != 0xFF)
				labels[i] = ls->label_of[t][p];
		}
	}
}

/*
 * Finding a sparse row counts bits (nx_popcount64).  x86-64 before 2008
 * lacks the POPCNT instruction, so builds for any x86-64 do not use it;
 * the decoder is compiled twice, with and without it, and the CPU picks
 * (as pgvector picks its distance functions); TAB_POPCNT, below, is a
 * constant in each.
 */
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define NX_POPCNT_DISPATCH 1
#define NX_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define NX_ALWAYS_INLINE inline
#endif

/*
 * Scoring sums the rows of a token's features.  A sparse table's rows
 * are found first (row_of, below) into a ring of row pointers,
 * rows[(start + k) & rmask] for k < n, so that decoding, which finds each
 * static feature's row once while asking the CPU for it ahead of use,
 * does not look it up again when it scores.  A dense table's row is an
 * address computed from the feature (rows NULL: the row of feat[k]), in
 * one loop with the sums.
 */
/* The bucket of feature hash f. */
static inline size_t
bucket_of(const NxTagger *t, uint32_t f)
{
	return f & ((UINT32_C(1) << t->log2) - 1);
}

static NX_ALWAYS_INLINE const int16_t *
nth_row(const NxTagger *t, const int16_t *const *rows, const uint32_t *feat,
		size_t start, size_t k, size_t rmask)
{
	if (rows)
		return rows[(start + k) & rmask];
	return t->w + bucket_of(t, feat[k]) * t->nlabels;
}

#if defined(__SSE2__)
/* Add the eight int16 of x, widened, to lo (first four) and hi. */
static inline void
add_wide(__m128i x, __m128i *lo, __m128i *hi)
{
	*lo = _mm_add_epi32(*lo, _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
	*hi = _mm_add_epi32(*hi, _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
}

/*
 * Scores of L >= 8 labels, nv = L / 8 vectors of eight a row.  Labels
 * past 8 * nv come from one more load ending at the row's end, which
 * overlaps the last vector; of its sums only the lanes past 8 * nv are
 * kept.  Inlined with a constant nv, the sums stay in registers.
 */
static NX_ALWAYS_INLINE void
score_wide(const NxTagger *t, uint32_t nv, const int16_t *const *rows,
		   const uint32_t *feat, size_t start, size_t n, size_t rmask,
		   int32_t *scores)
{
	const uint32_t L = t->nlabels;
	__m128i		acc[NX_MAX_LABELS / 4];
	__m128i		tlo = _mm_setzero_si128(),
				thi = _mm_setzero_si128();
	int32_t		tail[8];
	const int	has_tail = L > 8 * nv;

	for (uint32_t v = 0; v < 2 * nv; v++)
		acc[v] = _mm_setzero_si128();
	for (size_t k = 0; k < n; k++)
	{
		const int16_t *row = nth_row(t, rows, feat, start, k, rmask);

		for (uint32_t v = 0; v < nv; v++)
			add_wide(_mm_loadu_si128((const __m128i *) (row + 8 * v)),
					 &acc[2 * v], &acc[2 * v + 1]);
		if (has_tail)
			add_wide(_mm_loadu_si128((const __m128i *) (row + L - 8)), &tlo, &thi);
	}
	for (uint32_t v = 0; v < 2 * nv; v++)
		_mm_storeu_si128((__m128i *) (scores + 4 * v), acc[v]);
	if (has_tail)
	{
		_mm_storeu_si128((__m128i *) tail, tlo);
		_mm_storeu_si128((__m128i *) (tail + 4), thi);
		for (uint32_t l = 8 * nv; l < L; l++)
			scores[l] = tail[l - (L - 8)];
	}
}
#endif

/* The row of feature hash f of an int8 table. */
static inline const int8_t *
int8_row(const NxTagger *t, uint32_t f)
{
	return t->w8 + bucket_of(t, f) * NX_INT8_ROW;
}

/*
 * Scores of all labels of the features feat[0..n) of an int8 table: each
 * row is one 8-byte load, its int8 widened to int16, shifted by the row's
 * shift (the last byte, whose own lane is ignored), widened to int32.
 */
static NX_ALWAYS_INLINE void
score_int8(const NxTagger *t, const uint32_t *feat, size_t n, int32_t *scores)
{
	const uint32_t L = t->nlabels;

#if defined(__SSE2__)
	__m128i		lo = _mm_setzero_si128(),
				hi = _mm_setzero_si128();

	(void) L;
	for (size_t k = 0; k < n; k++)
	{
		const int8_t *row = int8_row(t, feat[k]);
		__m128i		x = _mm_loadl_epi64((const __m128i *) row);

		x = _mm_srai_epi16(_mm_unpacklo_epi8(x, x), 8);
		x = _mm_sll_epi16(x, _mm_cvtsi32_si128(row[NX_INT8_ROW - 1]));
		lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
		hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
	}
	/* all eight lanes: scores has room for NX_MAX_LABELS (see score_rows) */
	_mm_storeu_si128((__m128i *) scores, lo);
	_mm_storeu_si128((__m128i *) (scores + 4), hi);
#else
	for (uint32_t l = 0; l < L; l++)
		scores[l] = 0;
	for (size_t k = 0; k < n; k++)
	{
		const int8_t *row = int8_row(t, feat[k]);
		const int	s = row[NX_INT8_ROW - 1];

		for (uint32_t l = 0; l < L; l++)
			scores[l] += row[l] * (1 << s);
	}
#endif
}

#if defined(NX_AVX2_DISPATCH)
/*
 * The int8 rows of the features feat[0..n) added to acc with AVX2: a
 * row's eight bytes widened to int32 at once (its last lane, the shift,
 * is summed too and ignored, as in score_int8), shifted, added.  The
 * same sums as score_int8's, in about half the instructions (a value
 * shifted by at most NX_INT8_MAX_SHIFT, 8, fits the int16 that
 * score_int8 shifts in).
 */
__attribute__((target("avx2"), always_inline))
static inline __m256i
int8_add_avx2(const NxTagger *t, const uint32_t *feat, size_t n, __m256i acc)
{
	for (size_t k = 0; k < n; k++)
	{
		const int8_t *row = int8_row(t, feat[k]);
		__m256i		x = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *) row));

		x = _mm256_sll_epi32(x, _mm_cvtsi32_si128(row[NX_INT8_ROW - 1]));
		acc = _mm256_add_epi32(acc, x);
	}
	return acc;
}

/*
 * score_int8 with AVX2, where the CPU has it; not inlined, so that code
 * for CPUs without AVX2 never runs its instructions.
 */
__attribute__((target("avx2"), noinline))
static void
score_int8_avx2(const NxTagger *t, const uint32_t *feat, size_t n, int32_t *scores)
{
	/* all eight lanes: scores has room for NX_MAX_LABELS (see score_rows) */
	_mm256_storeu_si256((__m256i *) scores, int8_add_avx2(t, feat, n, _mm256_setzero_si256()));
}
#endif

#if defined(NX_AVX2_DISPATCH) && defined(__SSE2__)
/*
 * score_wide with AVX2 for 17 to 23 int16 labels (the entity model's
 * 17): eight int16 of a row widened to int32 and added in one
 * instruction each, the labels past 16 from one more eight ending at the
 * row's end, as score_wide does.  The same sums; other label counts keep
 * score_wide.
 */
/* Sums of 17 to 23 int16 labels: two vectors of eight and one ending at the row's end. */
typedef struct Wide2
{
	__m256i		a0,
				a1,
				at;
} Wide2;

/* Add the L weights of row to w (L from 17 to 23). */
__attribute__((target("avx2"), always_inline))
static inline void
wide2_add(Wide2 *w, const int16_t *row, uint32_t L)
{
	w->a0 = _mm256_add_epi32(w->a0, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *) row)));
	w->a1 = _mm256_add_epi32(w->a1, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *) (row + 8))));
	w->at = _mm256_add_epi32(w->at, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *) (row + L - 8))));
}

/* Store the L sums of w into scores (exactly L int32). */
__attribute__((target("avx2"), always_inline))
static inline void
wide2_store(const Wide2 *w, uint32_t L, int32_t *scores)
{
	int32_t		tail[8];

	_mm256_storeu_si256((__m256i *) scores, w->a0);
	_mm256_storeu_si256((__m256i *) (scores + 8), w->a1);
	_mm256_storeu_si256((__m256i *) tail, w->at);
	for (uint32_t l = 16; l < L; l++)
		scores[l] = tail[l - (L - 8)];
}

__attribute__((target("avx2"), noinline))
static void
score_wide2_avx2(const NxTagger *t, const int16_t *const *rows, const uint32_t *feat,
				 size_t start, size_t n, size_t rmask, int32_t *scores)
{
	const uint32_t L = t->nlabels;
	Wide2		w = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};

	for (size_t k = 0; k < n; k++)
		wide2_add(&w, nth_row(t, rows, feat, start, k, rmask), L);
	wide2_store(&w, L, scores);
}
#endif

/* What the CPU can do, asked once: POPCNT, and AVX2 with the system's support for its registers. */
typedef struct CpuFeatures
{
	int			popcnt;
	int			avx2;
} CpuFeatures;

static const CpuFeatures *
cpu_features(void)
{
	static CpuFeatures f;
	static int	known = 0;

	if (!known)
	{
#if defined(NX_POPCNT_DISPATCH)
		__builtin_cpu_init();
		f.popcnt = __builtin_cpu_supports("popcnt") ? 1 : 0;
#endif
#if defined(NX_AVX2_DISPATCH)
		f.avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
#endif
		known = 1;
	}
	return &f;
}

/* Has a test switched the AVX2 sums off (nx_tagger_avx2(0))? */
static int	avx2_off = 0;

int
nx_tagger_avx2(int use)
{
	if (use >= 0)
		avx2_off = !use;
	return cpu_features()->avx2 && !avx2_off;
}

/* Does score_wide2_avx2 take rows of L labels (17 to 23: two vectors and a tail)? */
static inline int
wide2_labels(uint32_t L)
{
	return L > 16 && L < 24;
}

/*
 * How the scoring functions read a table: a constant in each copy of the
 * decoder (nx_tagger_greedy), so that the kind of table is not tested
 * again for every feature; tab_mode(t) where speed does not matter.
 */
#define TAB_POPCNT	1			/* count bits with the POPCNT instruction */
#define TAB_SPARSE	2			/* rows behind an index (t->index) */
#define TAB_INT8	4			/* int8 rows (t->w8) */
#define TAB_AVX2	8			/* rows summed with AVX2 (int8, or 17 to 23 int16 labels) */

static inline int
tab_mode(const NxTagger *t)
{
	return t->w8 ? TAB_INT8 : t->index ? TAB_SPARSE : 0;
}

/*
 * Scores of all labels from the rows of a ring, or (rows NULL) of the
 * features feat[0..n) of a dense or int8 table.  scores has room for
 * NX_MAX_LABELS: fewer than eight labels are stored as eight lanes at
 * once, the lanes past nlabels meaningless.
 */
static NX_ALWAYS_INLINE void
score_rows(const NxTagger *t, const int16_t *const *rows, const uint32_t *feat,
		   size_t start, size_t n, size_t rmask, int32_t *scores, int mode)
{
	const uint32_t L = t->nlabels;

	if (mode & TAB_INT8)
	{
#if defined(NX_AVX2_DISPATCH)
		if (mode & TAB_AVX2)
		{
			score_int8_avx2(t, feat, n, scores);
			return;
		}
#endif
		score_int8(t, feat, n, scores);
		return;
	}
#if defined(__SSE2__)
	/*
	 * Fewer than eight labels (the attribution model has seven): one
	 * 16-byte load a row, its lanes past L ignored.  The load reads past
	 * the row, at worst into the NX_ROW_PAD int16 after the last one.
	 */
	if (L < 8)
	{
		__m128i		lo = _mm_setzero_si128(),
					hi = _mm_setzero_si128();

		for (size_t k = 0; k < n; k++)
		{
			__m128i		x = _mm_loadu_si128((const __m128i *) nth_row(t, rows, feat, start, k, rmask));

			lo = _mm_add_epi32(lo, _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16));
			hi = _mm_add_epi32(hi, _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16));
		}
		_mm_storeu_si128((__m128i *) scores, lo);
		_mm_storeu_si128((__m128i *) (scores + 4), hi);
		return;
	}
	/* eight labels at a time, widened to int32 (two vectors: the NER model) */
#if defined(NX_AVX2_DISPATCH)
	if ((mode & TAB_AVX2) && wide2_labels(L))
	{
		score_wide2_avx2(t, rows, feat, start, n, rmask, scores);
		return;
	}
#endif
	if (L / 8 == 2)
		score_wide(t, 2, rows, feat, start, n, rmask, scores);
	else
		score_wide(t, L / 8, rows, feat, start, n, rmask, scores);
	return;
#endif
	for (uint32_t l = 0; l < L; l++)
		scores[l] = 0;
	for (size_t k = 0; k < n; k++)
	{
		const int16_t *row = nth_row(t, rows, feat, start, k, rmask);

		for (uint32_t l = 0; l < L; l++)
			scores[l] += row[l];
	}
}

#define SCORE_CHUNK 256			/* rows score_feats finds at a time */

/*
 * Where an all-zero sparse row reads from (its loads hit the L1 cache):
 * room for a paired row and its pad too.
 */
static const int16_t zero_row[NX_MAX_LABELS + NX_ROW_PAD];

#if NX_MAX_LABELS < 2 * NX_PAIR_LABELS
#error "zero_row must hold a paired row"
#endif

/*
 * The row of feature hash f, zero_row for an all-zero sparse row: no
 * branch on whether a bucket has a row, which the CPU could not predict.
 */
static NX_ALWAYS_INLINE const int16_t *
row_of(const NxTagger *t, uint32_t f, int mode)
{
	const size_t b = bucket_of(t, f);

	if (mode & TAB_SPARSE)
	{
		const NxWeightIndex *x = &t->index[b >> 6];
		const uint64_t bit = UINT64_C(1) << (b & 63);
		uint32_t	r;

#if defined(NX_POPCNT_DISPATCH)
		r = (mode & TAB_POPCNT) ? (uint32_t) __builtin_popcountll(x->bits & (bit - 1))
			: nx_popcount64(x->bits & (bit - 1));
#else
		r = nx_popcount64(x->bits & (bit - 1));
#endif
		return (x->bits & bit) ? t->rows + (size_t) (x->rank + r) * t->stride : zero_row;
	}
	return t->w + (size_t) b * t->nlabels;
}

const int16_t *
nx_tagger_row(const NxTagger *t, uint32_t f)
{
	const int16_t *row;

	if (t->w8)
		return NULL;
	row = row_of(t, f, tab_mode(t));
	return row == zero_row ? NULL : row;
}

int
nx_tagger_row_values(const NxTagger *t, uint32_t f, int16_t *out)
{
	const int8_t *r8 = t->w8 ? int8_row(t, f) : NULL;
	const int16_t *row = t->w8 ? NULL : row_of(t, f, tab_mode(t));
	int			nonzero = 0;

	for (uint32_t l = 0; l < t->nlabels; l++)
	{
		out[l] = r8 ? (int16_t) (r8[l] * (1 << r8[NX_INT8_ROW - 1])) : row[l];
		nonzero |= out[l] != 0;
	}
	return nonzero;
}

/*
 * Weight rows (random reads in tens of megabytes) are asked for this
 * many static features ahead of the one scored; 64 to 256 did about as
 * well on news text.  The loop is written out where it is used: as a
 * helper function GCC found it free of side effects and dropped the call.
 */
#define ROWS_AHEAD	96
#define ROW_RING	512			/* rows found and not yet scored, at most */

#if defined(NX_AVX2_DISPATCH) && defined(__SSE2__)
/*
 * The first of the labels allowed by m (bit l: label l) with the highest
 * of the L scores sc (at most 8 in one vector, or 17 to 23 in three: two
 * of eight and one ending at the last), as greedy's loop chooses; -1 if
 * m allows none.  sc has room for eight at least.  Scores of labels not
 * allowed read as INT32_MIN for the maximum, and only allowed labels can
 * be equal to it.
 */
__attribute__((target("avx2"), always_inline))
static inline int
best_avx2(const int32_t *sc, uint64_t m, uint32_t L)
{
	const __m256i bit = _mm256_setr_epi32(1, 2, 4, 8, 16, 32, 64, 128),
				lowest = _mm256_set1_epi32(INT32_MIN);
	__m256i		v[3],
				ok[3],
				top;
	const uint32_t first[3] = {0, 8, L - 8};
	const int	nv = L <= 8 ? 1 : 3;

	m &= (UINT64_C(1) << L) - 1;
	if (m == 0)
		return -1;
	for (int j = 0; j < nv; j++)
	{
		__m256i		b = _mm256_set1_epi32((int) ((m >> first[j]) & 0xFF));

		v[j] = _mm256_loadu_si256((const __m256i *) (sc + first[j]));
		ok[j] = _mm256_cmpeq_epi32(_mm256_and_si256(b, bit), bit);
		v[j] = _mm256_blendv_epi8(lowest, v[j], ok[j]);
	}
	top = v[0];
	for (int j = 1; j < nv; j++)
		top = _mm256_max_epi32(top, v[j]);
	top = _mm256_max_epi32(top, _mm256_permute2x128_si256(top, top, 1));
	top = _mm256_max_epi32(top, _mm256_shuffle_epi32(top, _MM_SHUFFLE(1, 0, 3, 2)));
	top = _mm256_max_epi32(top, _mm256_shuffle_epi32(top, _MM_SHUFFLE(2, 3, 0, 1)));
	for (int j = 0; j < nv; j++)
	{
		int			at = _mm256_movemask_ps(_mm256_castsi256_ps(
			_mm256_and_si256(_mm256_cmpeq_epi32(v[j], top), ok[j])));

		if (at)
			return (int) first[j] + __builtin_ctz((unsigned) at);
	}
	return -1;					/* not reached */
}

/*
 * All of a token's scores in one pass, for a sparse table of 17 to 23
 * labels with AVX2 (the entity model): the ns static rows of the ring
 * from start (a paired table's second halves into pout, if not NULL),
 * the second stage's sums a paired first stage left (pin, if not NULL)
 * and the rows of the nd dynamic features, kept in registers until the
 * L scores are stored into sc.  The same integers as score_pair,
 * score_feats and the adds of greedy's other path.
 */
__attribute__((target("avx2,popcnt"), noinline))
static int
score_token_avx2(const NxTagger *t, const int16_t *const *ring, size_t start, size_t ns,
				 size_t rmask, int32_t *pout, const int32_t *pin,
				 const uint32_t *dyn, size_t nd, int32_t *sc,
				 uint64_t m, uint32_t outside, int32_t obias)
{
	const uint32_t L = t->nlabels;
	Wide2		a = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256()};

	if (pout && L == 17)
	{
		/*
		 * A paired row of 17 labels is 34 int16: four vectors of eight
		 * and one more ending at the row's end, where each stage's rows
		 * apart take three.  sum[j] is the sum of the rows' j-th int16.
		 */
		__m256i		v0 = a.a0,
					v1 = a.a0,
					v2 = a.a0,
					v3 = a.a0,
					v4 = a.a0;
		int32_t		sum[34];

		for (size_t k = 0; k < ns; k++)
		{
			const int16_t *row = ring[(start + k) & rmask];

			v0 = _mm256_add_epi32(v0, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *) row)));
			v1 = _mm256_add_epi32(v1, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *) (row + 8))));
			v2 = _mm256_add_epi32(v2, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *) (row + 16))));
			v3 = _mm256_add_epi32(v3, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *) (row + 24))));
			v4 = _mm256_add_epi32(v4, _mm256_cvtepi16_epi32(_mm_loadu_si128((const __m128i *) (row + 26))));
		}
		_mm256_storeu_si256((__m256i *) sum, v0);
		_mm256_storeu_si256((__m256i *) (sum + 8), v1);
		_mm256_storeu_si256((__m256i *) (sum + 16), v2);
		_mm256_storeu_si256((__m256i *) (sum + 24), v3);
		_mm256_storeu_si256((__m256i *) (sum + 26), v4);
		a.a0 = v0;
		a.a1 = v1;
		a.at = _mm256_loadu_si256((const __m256i *) (sum + 9));
		_mm256_storeu_si256((__m256i *) pout, _mm256_loadu_si256((const __m256i *) (sum + 17)));
		_mm256_storeu_si256((__m256i *) (pout + 8), _mm256_loadu_si256((const __m256i *) (sum + 25)));
		pout[16] = sum[33];
	}
	else if (pout)
	{
		Wide2		b = a;

		for (size_t k = 0; k < ns; k++)
		{
			const int16_t *row = ring[(start + k) & rmask];

			wide2_add(&a, row, L);
			wide2_add(&b, row + L, L);
		}
		wide2_store(&b, L, pout);
	}
	else
		for (size_t k = 0; k < ns; k++)
			wide2_add(&a, ring[(start + k) & rmask], L);
	if (pin)
	{
		a.a0 = _mm256_add_epi32(a.a0, _mm256_loadu_si256((const __m256i *) pin));
		a.a1 = _mm256_add_epi32(a.a1, _mm256_loadu_si256((const __m256i *) (pin + 8)));
		a.at = _mm256_add_epi32(a.at, _mm256_loadu_si256((const __m256i *) (pin + L - 8)));
	}
	for (size_t k = 0; k < nd; k++)
		wide2_add(&a, row_of(t, dyn[k], TAB_SPARSE | TAB_POPCNT), L);
	wide2_store(&a, L, sc);
	sc[outside] -= obias;
	return best_avx2(sc, m, L);
}

/*
 * The same for an int8 table (the quotation model: at most eight
 * labels): the rows of the ns static and nd dynamic features in one
 * vector, the L scores into sc (eight lanes: sc has room), the best
 * allowed label chosen.  The same integers as score_feats and the adds
 * of greedy's other path.
 */
__attribute__((target("avx2"), noinline))
static int
score_token_int8_avx2(const NxTagger *t, const uint32_t *sf, size_t ns,
					  const uint32_t *dyn, size_t nd, int32_t *sc,
					  uint64_t m, uint32_t outside, int32_t obias)
{
	__m256i		acc = int8_add_avx2(t, sf, ns, _mm256_setzero_si256());

	acc = int8_add_avx2(t, dyn, nd, acc);
	_mm256_storeu_si256((__m256i *) sc, acc);
	sc[outside] -= obias;
	return best_avx2(sc, m, t->nlabels);
}
#endif

/*
 * Scores of both stages of a paired table from the n rows of a ring
 * (n + ROWS_AHEAD <= ROW_RING): the first stage's into s1, the second's
 * into s2 (nlabels of room).  Where the CPU has AVX2, a paired table of
 * 17 to 23 labels is scored by score_token_avx2 instead.
 */
static NX_ALWAYS_INLINE void
score_pair(const NxTagger *t, const int16_t *const *rows, size_t start, size_t n,
		   size_t rmask, int32_t *s1, int32_t *s2, int mode)
{
	const int16_t *two[ROW_RING];
	int32_t		all[NX_MAX_LABELS];

	score_rows(t, rows, NULL, start, n, rmask, s1, mode);
	for (size_t k = 0; k < n; k++)
		two[k] = rows[(start + k) & rmask] + t->nlabels;
	score_rows(t, two, NULL, 0, n, SIZE_MAX, all, mode);
	memcpy(s2, all, t->nlabels * sizeof(int32_t));
}

/* Scores of all labels for one token's features. */
static NX_ALWAYS_INLINE void
score_feats(const NxTagger *t, const uint32_t *feat, size_t n, int32_t *scores, int mode)
{
	const int16_t *rows[SCORE_CHUNK];
	int32_t		part[NX_MAX_LABELS];
	size_t		done = 0;

	if (!(mode & TAB_SPARSE))
	{
		score_rows(t, NULL, feat, 0, n, 0, scores, mode);
		return;
	}
	do
	{
		size_t		m = n - done < SCORE_CHUNK ? n - done : SCORE_CHUNK;

		for (size_t k = 0; k < m; k++)
			rows[k] = row_of(t, feat[done + k], mode);
		if (done == 0)
			score_rows(t, rows, NULL, 0, m, SIZE_MAX, scores, mode);
		else
		{
			score_rows(t, rows, NULL, 0, m, SIZE_MAX, part, mode);
			for (uint32_t l = 0; l < t->nlabels; l++)
				scores[l] += part[l];
		}
		done += m;
	} while (done < n);
}

void
nx_tagger_score(const NxTagger *t, const uint32_t *feat, size_t n,
				int32_t *scores)
{
	int32_t		all[NX_MAX_LABELS];

	score_feats(t, feat, n, all, tab_mode(t));
	memcpy(scores, all, t->nlabels * sizeof(int32_t));
}

#if defined(__GNUC__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void) 0)
#endif

/* Where token i's second-stage sums of a paired table are (NxPairSums). */
static inline int32_t *
pair_sums(const NxSeq *seq, size_t i, uint32_t L)
{
	return seq->pair.sum + (size_t) seq->pair.slot[i] * L;
}

/* Is token i easy and no chunk open before it: O without scoring? */
static inline int
take_o(const NxLabelSet *ls, const NxSeq *seq, size_t i, const uint8_t *hist)
{
	int			p;

	if (!seq->easy || !seq->easy[i])
		return 0;
	if (i == 0)
		return 1;
	p = ls->pos[hist[i - 1] < ls->n ? hist[i - 1] : ls->outside];
	return p == NX_LP_O || (ls->bilou && (p == NX_LP_L || p == NX_LP_U));
}

/*
 * A token's scores by the general path: its static rows from the ring
 * (ring not NULL) or found now, the second stage's sums of a paired
 * first stage, the rows of its nd dynamic features dyn.
 */
static NX_ALWAYS_INLINE void
score_other(const NxTagger *t, const NxSeq *seq, size_t i, const uint32_t *dyn, size_t nd,
			const uint32_t *sf, size_t ns, const int16_t *const *ring, int32_t *sc, int mode)
{
	const uint32_t L = t->nlabels;
	int32_t		dsc[NX_MAX_LABELS];

	if (ring)
	{
		if (t->pair && seq->pair.sum && seq->pair.slot[i] != NX_NO_SLOT)
		{
			score_pair(t, ring, seq->off[i], ns, ROW_RING - 1, sc, pair_sums(seq, i, L), mode);
			seq->pair.set[i] = 1;
		}
		else
			score_rows(t, ring, NULL, seq->off[i], ns, ROW_RING - 1, sc, mode);
	}
	else
		score_feats(t, sf, ns, sc, mode);
	/* the second stage of a paired table: the first stage summed its static rows */
	if (!t->pair && seq->pair.set && seq->pair.set[i])
	{
		const int32_t *ps = pair_sums(seq, i, L);

		for (uint32_t l = 0; l < L; l++)
			sc[l] += ps[l];
	}
	if (nd > 0)
	{
		score_feats(t, dyn, nd, dsc, mode);
		for (uint32_t l = 0; l < L; l++)
			sc[l] += dsc[l];
	}
}

/* Greedy decoding of one sequence (mode: TAB_*, a constant where it is inlined). */
static NX_ALWAYS_INLINE void
greedy(const NxTagger *t, const NxLabelSet *ls, const NxSeq *seq,
	   uint8_t *labels, float *prob, int mode)
{
	int32_t		sc[NX_MAX_LABELS];
	uint32_t	lazy[NX_MAX_LAZY_FEATS];
	uint32_t	dyn[NX_MAX_DYN_FEATS];
	const int16_t *ring[ROW_RING];	/* rows of static features [pf - ROW_RING, pf) */
	const uint32_t L = t->nlabels;
	const size_t row_last = (t->pair ? 2 * L : L) - 1;	/* a row's last int16 read */
	const double inv = (t->scale > 0 ? 1.0 / t->scale : 1.0) *
		(t->calib > 0 ? (double) t->calib : 1.0);	/* scores to softmax units */
	size_t		pf = 0;			/* static features whose rows were asked for */
	const int32_t obias = seq->obias != 0 ? (int32_t) (seq->obias * t->scale) : 0;

	for (size_t i = 0; i < seq->ntok; i++)
	{
		uint64_t	m = allowed_mask(ls, i, seq->ntok, labels);
		int			best = -1;
		const uint32_t *sf;
		size_t		ns,
					nd;
		int			in_ring;

		if (seq->fixed && seq->fixed[i] != 0xFF)
		{
			labels[i] = seq->fixed[i];
			if (prob)
				prob[i] = 1.0f;
			continue;
		}
		if (take_o(ls, seq, i, labels))
		{
			labels[i] = ls->outside;
			if (prob)
				prob[i] = 1.0f;
			continue;
		}
		/* rows of the static features up to ROWS_AHEAD past this token's */
		if (pf < seq->off[seq->ntok])
		{
			size_t		to = seq->off[i + 1] + ROWS_AHEAD;

			if (to > seq->off[seq->ntok])
				to = seq->off[seq->ntok];
			for (; pf < to; pf++)
			{
				const int16_t *row;

				if (mode & TAB_INT8)
				{
					PREFETCH(int8_row(t, seq->feat[pf]));
					continue;
				}
				row = row_of(t, seq->feat[pf], mode);
				if (mode & TAB_SPARSE)
					ring[pf % ROW_RING] = row;
				PREFETCH(row);
				PREFETCH(row + row_last);
			}
		}
		sf = static_of(seq, i, lazy, &ns);
		in_ring = (mode & TAB_SPARSE) && sf == seq->feat + seq->off[i] && ns + ROWS_AHEAD <= ROW_RING;
		nd = seq->dyn ? seq->dyn(seq->ctx, i, labels, dyn, NX_MAX_DYN_FEATS) : 0;
#if defined(NX_AVX2_DISPATCH) && defined(__SSE2__)
		if (in_ring && (mode & TAB_AVX2) && wide2_labels(L))
		{
			int32_t    *pout = NULL;
			const int32_t *pin = NULL;

			if (t->pair && seq->pair.sum && seq->pair.slot[i] != NX_NO_SLOT)
			{
				pout = pair_sums(seq, i, L);
				seq->pair.set[i] = 1;
			}
			else if (!t->pair && seq->pair.set && seq->pair.set[i])
				pin = pair_sums(seq, i, L);
			best = score_token_avx2(t, ring, seq->off[i], ns, ROW_RING - 1, pout, pin,
									dyn, nd, sc, m, ls->outside, obias);
		}
		else if ((mode & TAB_INT8) && (mode & TAB_AVX2) && !seq->pair.set)
			best = score_token_int8_avx2(t, sf, ns, dyn, nd, sc, m, ls->outside, obias);
		else
#endif
		{
			score_other(t, seq, i, dyn, nd, sf, ns, in_ring ? ring : NULL, sc, mode);
			sc[ls->outside] -= obias;
			for (uint32_t l = 0; l < L; l++)
				if ((m >> l) & 1)
					if (best < 0 || sc[l] > sc[best])
						best = (int) l;
		}
		if (best < 0)
			best = ls->outside;
		labels[i] = (uint8_t) best;
		if (prob && best == (int) ls->outside)
			prob[i] = 1.0f;
		else if (prob)
		{
			double		z = 0;

			for (uint32_t l = 0; l < L; l++)
				if ((m >> l) & 1)
					z += exp((double) (sc[l] - sc[best]) * inv);
			prob[i] = (float) (1.0 / z);
		}
	}
}

#if defined(NX_POPCNT_DISPATCH)
__attribute__((target("popcnt")))
static void
greedy_popcnt(const NxTagger *t, const NxLabelSet *ls, const NxSeq *seq,
			  uint8_t *labels, float *prob)
{
	greedy(t, ls, seq, labels, prob, TAB_SPARSE | TAB_POPCNT);
}
#endif

#if defined(NX_AVX2_DISPATCH)
__attribute__((target("popcnt")))
static void
greedy_popcnt_avx2(const NxTagger *t, const NxLabelSet *ls, const NxSeq *seq,
				   uint8_t *labels, float *prob)
{
	greedy(t, ls, seq, labels, prob, TAB_SPARSE | TAB_POPCNT | TAB_AVX2);
}
#endif

void
nx_tagger_greedy(const NxTagger *t, const NxLabelSet *ls, const NxSeq *seq,
				 uint8_t *labels, float *prob)
{
#if defined(NX_POPCNT_DISPATCH)
	if (cpu_features()->popcnt && tab_mode(t) == TAB_SPARSE)
	{
#if defined(NX_AVX2_DISPATCH)
		/* every CPU with AVX2 has POPCNT */
		if (nx_tagger_avx2(-1) && wide2_labels(t->nlabels))
		{
			greedy_popcnt_avx2(t, ls, seq, labels, prob);
			return;
		}
#endif
		greedy_popcnt(t, ls, seq, labels, prob);
		return;
	}
#endif
	/* one copy of the decoder for each kind of table */
	switch (tab_mode(t))
	{
		case TAB_INT8:
#if defined(NX_AVX2_DISPATCH)
			if (nx_tagger_avx2(-1))
			{
				greedy(t, ls, seq, labels, prob, TAB_INT8 | TAB_AVX2);
				break;
			}
#endif
			greedy(t, ls, seq, labels, prob, TAB_INT8);
			break;
		case TAB_SPARSE:
			greedy(t, ls, seq, labels, prob, TAB_SPARSE);
			break;
		default:
			greedy(t, ls, seq, labels, prob, 0);
			break;
	}
}
