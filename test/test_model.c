/*
 * test_model.c
 *	  Unit tests of the model file: a written model opens and points into
 *	  the buffer; bad magic, other versions, truncation, corruption and
 *	  malformed sections give errors (never a crash); lexicon and cluster
 *	  tables find what was put in them.
 *
 * Written for the harness in unit.h (CHECK(cond)); each test is a plain
 * function test_model_*(void).  Built alone with -DNX_TEST_MAIN it runs
 * every test and prints "N passed, N failed".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_model.h"
#include "nx_ner.h"

#ifndef CHECK
static int	nx_test_pass,
			nx_test_fail;

#define CHECK(cond) do { if (cond) nx_test_pass++; else { nx_test_fail++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#endif

void		test_model_roundtrip(void);
void		test_model_errors(void);
void		test_model_truncations(void);
void		test_model_tables(void);
void		test_model_packed_clusters(void);
void		test_model_sparse_weights(void);
void		test_model_paired_weights(void);
void		test_model_calib(void);
void		test_model_shared(void);

/*
 * A small valid model (2 stages, lexicon, clusters) in a malloc'd buffer;
 * with shref, a SHARED section of those bytes in place of its clusters
 * (and beside them if clusters_too).
 */
static void *
make_model_shared(size_t *len, const unsigned char *shref, int clusters_too)
{
	static const char *const types[] = {"PER", "LOC"};
	NxLabelSet	ls;
	char		err[128];
	unsigned char info[NX_INFO_SIZE];
	int16_t    *w;
	NxTagger	stage = {0};
	void	   *labsec,
			   *wsec;
	size_t		lablen,
				wlen;
	NxLexSlot	lex[2] = {{nx_key_final(nx_key_add(NX_FNV_OFFSET, nx_fnv1a64("paris", 5))), 2, NX_LEX_ENTRY},
	{0, 0, 0}};
	NxClusterSlot cl[1] = {{nx_key_final(nx_fnv1a64("Paris", 5)), 0x5, 3}};
	const char *cn[2] = {"per-first", "loc-city"};
	void	   *lexsec,
			   *clsec,
			   *out;
	size_t		lexlen,
				cllen,
				outlen;
	NxModelSection sec[8];
	int			ns = 6;

	nx_labels_make(&ls, 1, types, 2, err, sizeof(err));
	nx_info_build(info, NX_NER_FEATSET, 2, "ner");
	nx_labels_build(&ls, &labsec, &lablen, &nx_malloc_alloc);
	w = calloc(NX_DENSE_WEIGHTS(6, ls.n), sizeof(int16_t));
	for (size_t i = 0; i < (1u << 6) * ls.n; i++)
		w[i] = (int16_t) (i % 7);
	stage.w = w;
	stage.log2 = 6;
	stage.nlabels = ls.n;
	stage.scale = 100.0f;
	nx_weights_build(&stage, &wsec, &wlen, &nx_malloc_alloc);
	nx_lexicon_build(lex, 1, 1, cn, 2, &lexsec, &lexlen, &nx_malloc_alloc);
	nx_clusters_build(cl, 1, 0, &clsec, &cllen, &nx_malloc_alloc);
	nx_section(&sec[0], "INFO", info, sizeof(info));
	nx_section(&sec[1], "LABELS", labsec, lablen);
	nx_section(&sec[2], "WEIGHTS0", wsec, wlen);
	nx_section(&sec[3], "WEIGHTS1", wsec, wlen);
	nx_section(&sec[4], "LEXICON", lexsec, lexlen);
	nx_section(&sec[5], "META", "test model", 10);
	if (!shref || clusters_too)
		nx_section(&sec[ns++], "CLUSTERS", clsec, cllen);
	if (shref)
		nx_section(&sec[ns++], "SHARED", shref, NX_SHARED_SIZE);
	if (nx_model_write("tiny", sec, (size_t) ns, &out, &outlen, &nx_malloc_alloc) != NX_OK)
		out = NULL;
	free(w);
	free(wsec);
	free(labsec);
	free(lexsec);
	free(clsec);
	*len = outlen;
	return out;
}

static void *
make_model(size_t *len)
{
	return make_model_shared(len, NULL, 0);
}

/* Rewrite the checksum after editing a buffer (to reach later checks). */
/* The next value of a test's pseudo-random sequence (a 64-bit LCG). */
static uint64_t
lcg(uint64_t *seed)
{
	*seed = *seed * 6364136223846793005u + 1442695040888963407u;
	return *seed;
}

/* n pseudo-random feature hashes. */
static void
random_feats(uint32_t *feat, size_t n, uint64_t *seed)
{
	for (size_t k = 0; k < n; k++)
		feat[k] = (uint32_t) (lcg(seed) >> 32);
}

/* Dynamic features for greedy_alike: up to three a token, from its place and the label before it. */
static size_t
alike_dyn(void *ctx, size_t i, const uint8_t *labels, uint32_t *out, size_t cap)
{
	uint32_t	p = i > 0 ? labels[i - 1] : 0xFF;
	size_t		n = i % 4;

	(void) ctx;
	(void) cap;
	for (size_t k = 0; k < n; k++)
		out[k] = p * 2654435761u + (uint32_t) i * 40503u + (uint32_t) k * 97u;
	return n;
}

/*
 * Do tables t and ref decode eight tokens sharing the features feat[0..n)
 * out alike, t summed with SSE2 and (where the CPU has it) AVX2: the same
 * labels and the same probabilities?  Once with static features alone,
 * once with dynamic features and a bias against the outside label too.
 */
static int
greedy_alike(const NxTagger *ref, const NxTagger *t, const NxLabelSet *ls,
			 const uint32_t *feat, size_t n)
{
	uint32_t	off[9] = {0};
	uint8_t		lr[8],
				lt[8];
	float		pr[8],
				pt[8];
	NxSeq		seq = {0};
	int			alike = 1;

	for (int k = 1; k <= 8; k++)
		off[k] = (uint32_t) (n * (size_t) k / 8);
	seq.ntok = 8;
	seq.off = off;
	seq.feat = feat;
	for (int dyn = 0; dyn <= 1; dyn++)
	{
		seq.dyn = dyn ? alike_dyn : NULL;
		seq.obias = dyn ? 0.5f : 0;
		nx_tagger_greedy(ref, ls, &seq, lr, pr);
		for (int avx2 = 0; avx2 <= 1; avx2++)
		{
			nx_tagger_avx2(avx2);
			nx_tagger_greedy(t, ls, &seq, lt, pt);
			alike = alike && memcmp(lr, lt, sizeof(lr)) == 0 && memcmp(pr, pt, sizeof(pr)) == 0;
		}
		nx_tagger_avx2(1);
	}
	return alike;
}

static void
reseal(unsigned char *b, size_t len)
{
	uint64_t	sum = nx_model_checksum(b + 64, len - 64);

	memcpy(b + 24, &sum, 8);
}

void
test_model_roundtrip(void)
{
	size_t		len;
	unsigned char *b = make_model(&len);
	NxModel		m;
	char		err[256] = "";

	CHECK(b != NULL);
	CHECK(len % 64 == 0);
	CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
	CHECK(strcmp(m.name, "tiny") == 0);
	CHECK(strcmp(m.task, "ner") == 0);
	CHECK(m.nstages == 2);
	CHECK(m.labels.n == 9 && m.labels.ntypes == 2 && m.labels.bilou);
	CHECK(strcmp(m.labels.type_name[1], "LOC") == 0);
	CHECK(m.stage[0].log2 == 6 && m.stage[0].scale == 100.0f);
	/* weights are not copied, and read back as they were written (dense) */
	CHECK(m.stage[0].w != NULL && m.stage[0].index == NULL);
	CHECK((const unsigned char *) m.stage[0].w > b &&
		  (const unsigned char *) m.stage[0].w < b + len);
	CHECK(m.stage[0].nrows == 64);
	CHECK(nx_tagger_row(&m.stage[0], 0)[8] == 8 % 7);
	CHECK(nx_tagger_row(&m.stage[0], 64 + 3)[1] == (3 * 9 + 1) % 7);
	CHECK(m.metalen == 10 && memcmp(m.meta, "test model", 10) == 0);
	CHECK(m.lex.nclasses == 2 && strcmp(m.lex.class_name[1], "loc-city") == 0);
	CHECK(nx_ner_check_model(&m, err, sizeof(err)) == NX_OK);
	free(b);
}

void
test_model_errors(void)
{
	size_t		len;
	unsigned char *b = make_model(&len);
	unsigned char *c = malloc(len);
	NxModel		m;
	char		err[256];
	uint32_t	v;

	/* not a model */
	CHECK(nx_model_open("hello world, not a model at all....", 32, &m, err, sizeof(err)) == NX_EBADMODEL);
	CHECK(strstr(err, "not a newsx model") != NULL);
	CHECK(nx_model_open(b, 0, &m, err, sizeof(err)) == NX_EBADMODEL);

	/* wrong version */
	memcpy(c, b, len);
	v = 99;
	memcpy(c + 8, &v, 4);
	CHECK(nx_model_open(c, len, &m, err, sizeof(err)) == NX_EBADMODEL);
	CHECK(strstr(err, "version 99") != NULL);
	{
		char		want[32];

		snprintf(want, sizeof(want), "needs version %d", NX_MODEL_VERSION);
		CHECK(strstr(err, want) != NULL);
	}

	/* truncated */
	CHECK(nx_model_open(b, len - 64, &m, err, sizeof(err)) == NX_EBADMODEL);
	CHECK(strstr(err, "truncated") != NULL);

	/* corrupt payload */
	memcpy(c, b, len);
	c[len / 2] ^= 0x40;
	CHECK(nx_model_open(c, len, &m, err, sizeof(err)) == NX_EBADMODEL);
	CHECK(strstr(err, "checksum") != NULL);

	/* a section pointing outside the file, checksum fixed up */
	memcpy(c, b, len);
	{
		uint64_t	off = len + 64;

		memcpy(c + 64 + 8, &off, 8);
	}
	reseal(c, len);
	CHECK(nx_model_open(c, len, &m, err, sizeof(err)) == NX_EBADMODEL);
	CHECK(strstr(err, "outside") != NULL);

	/* a huge label count, checksum fixed up */
	memcpy(c, b, len);
	{
		uint64_t	off;

		memcpy(&off, c + 64 + 32 + 8, 8);	/* LABELS is section 1 */
		v = 0xFFFFFFF0u;
		memcpy(c + off, &v, 4);
	}
	reseal(c, len);
	CHECK(nx_model_open(c, len, &m, err, sizeof(err)) == NX_EBADMODEL);

	/*
	 * a weights scale the trainer never writes (a largest weight near 0)
	 * is refused, since a bias times it would overflow the scores; the
	 * bound itself loads
	 */
	{
		const float scales[4] = {1.0e23f, NX_MAX_SCALE * 2, -1.0f, NX_MAX_SCALE};
		uint64_t	off;

		memcpy(&off, b + 64 + 2 * 32 + 8, 8);	/* WEIGHTS0 is section 2 */
		for (int k = 0; k < 4; k++)
		{
			memcpy(c, b, len);
			memcpy(c + off + 8, &scales[k], 4);
			reseal(c, len);
			if (k < 3)
			{
				CHECK(nx_model_open(c, len, &m, err, sizeof(err)) == NX_EBADMODEL);
				CHECK(strstr(err, "malformed weights") != NULL);
			}
			else
				CHECK(nx_model_open(c, len, &m, err, sizeof(err)) == NX_OK);
		}
	}

	/* unaligned buffer */
	{
		unsigned char *u = malloc(len + 8);

		memcpy(u + 1, b, len);
		CHECK(nx_model_open(u + 1, len, &m, err, sizeof(err)) == NX_EBADMODEL);
		CHECK(strstr(err, "aligned") != NULL);
		free(u);
	}
	free(c);
	free(b);
}

void
test_model_truncations(void)
{
	size_t		len;
	unsigned char *b = make_model(&len);
	unsigned char *c = malloc(len);
	NxModel		m;
	char		err[256];
	int			ok = 1;
	uint64_t	seed = 12345;

	/* every prefix fails */
	for (size_t n = 0; n < len; n++)
		if (nx_model_open(b, n, &m, err, sizeof(err)) != NX_EBADMODEL)
			ok = 0;
	CHECK(ok);

	/* random header and table damage with a valid checksum never crashes */
	for (int r = 0; r < 2000; r++)
	{
		memcpy(c, b, len);
		for (int k = 0; k < 3; k++)
		{
			size_t		pos;

			pos = (size_t) (lcg(&seed) >> 33) % 512;	/* header, table, first sections */
			c[pos] = (unsigned char) (seed >> 13);
		}
		reseal(c, len);
		(void) nx_model_open(c, len, &m, err, sizeof(err));
	}
	CHECK(1);
	free(c);
	free(b);
}

void
test_model_tables(void)
{
	size_t		len;
	unsigned char *b = make_model(&len);
	NxModel		m;
	char		err[256];
	const NxLexSlot *ls;
	NxLexSlot	buf;
	const NxClusterSlot *cs;
	NxLexSlot	many[3000];
	void	   *sec;
	size_t		seclen;
	NxLexicon	lex;
	int			found = 1;

	CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
	ls = nx_lex_find(&m.lex, nx_key_final(nx_key_add(NX_FNV_OFFSET, nx_fnv1a64("paris", 5))), &buf);
	CHECK(ls != NULL && ls->classes == 2 && (ls->flags & NX_LEX_ENTRY));
	CHECK(nx_lex_find(&m.lex, nx_key_final(nx_key_add(NX_FNV_OFFSET, nx_fnv1a64("rome", 4))), &buf) == NULL);
	cs = nx_clusters_find(&m.clusters, nx_key_final(nx_fnv1a64("Paris", 5)));
	CHECK(cs != NULL && cs->bits == 5 && cs->len == 3);

	/* many entries, duplicates merged by OR */
	for (int i = 0; i < 3000; i++)
	{
		many[i].key = nx_key_final((uint64_t) (i % 1500) + 1);
		many[i].classes = 1u << (i / 1500);
		many[i].flags = NX_LEX_ENTRY;
	}
	CHECK(nx_lexicon_build(many, 3000, 1, NULL, 0, &sec, &seclen, &nx_malloc_alloc) == NX_OK);
	CHECK(nx_lexicon_parse(sec, seclen, &lex, err, sizeof(err)) == NX_OK);
	for (int i = 0; i < 1500; i++)
	{
		const NxLexSlot *s = nx_lex_find(&lex, nx_key_final((uint64_t) i + 1), &buf);

		if (!s || s->classes != 3)
			found = 0;
	}
	CHECK(found);
	CHECK(lex.packed != NULL && lex.slot == NULL);
	free(sec);

	/*
	 * more classes than a packed slot holds: 16-byte slots, the same
	 * entries found; a packed section claiming such classes is refused
	 */
	{
		const char *names[NX_LEX_PACKED_CLASSES + 1];
		char		nm[NX_LEX_PACKED_CLASSES + 1][8];

		for (int c = 0; c <= NX_LEX_PACKED_CLASSES; c++)
		{
			snprintf(nm[c], sizeof(nm[c]), "c%d", c);
			names[c] = nm[c];
		}
		many[0].classes |= 1u << NX_LEX_PACKED_CLASSES;
		CHECK(nx_lexicon_build(many, 3000, 1, names, NX_LEX_PACKED_CLASSES + 1, &sec, &seclen,
							   &nx_malloc_alloc) == NX_OK);
		CHECK(nx_lexicon_parse(sec, seclen, &lex, err, sizeof(err)) == NX_OK);
		CHECK(lex.slot != NULL && lex.packed == NULL);
		ls = nx_lex_find(&lex, many[0].key, &buf);
		CHECK(ls != NULL && ls->classes == (3u | 1u << NX_LEX_PACKED_CLASSES));
		{
			uint32_t	layout = 1;

			memcpy((unsigned char *) sec + 12, &layout, 4);
			CHECK(nx_lexicon_parse(sec, seclen, &lex, err, sizeof(err)) == NX_EBADMODEL);
		}
		free(sec);
		/* and a class bit past a packed slot's is refused when building */
		CHECK(nx_lexicon_build(many, 3000, 1, NULL, 0, &sec, &seclen, &nx_malloc_alloc) == NX_EINVAL);
	}
	free(b);
}

#ifdef NX_TEST_MAIN
int
main(void)
{
	test_model_roundtrip();
	test_model_errors();
	test_model_truncations();
	test_model_tables();
	printf("%d passed, %d failed\n", nx_test_pass, nx_test_fail);
	return nx_test_fail != 0;
}
#endif

/*
 * The packed cluster layout (VECCLUST): every word of a table of a
 * thousand found with its path, words not in it not found, the first of
 * duplicate keys kept, the table four fifths full at most, a path
 * longer than the layout holds refused, and a bad layout word refused.
 */
void
test_model_packed_clusters(void)
{
	enum
	{
		NW = 1000
	};
	NxClusterSlot *in = calloc(NW + 1, sizeof(NxClusterSlot));
	void	   *sec = NULL;
	size_t		len = 0;
	NxClusters	cl;
	char		err[256];
	int			found = 0,
				right = 0,
				spurious = 0;

	for (uint32_t i = 0; i < NW; i++)
	{
		char		w[16];

		snprintf(w, sizeof(w), "word%u", i);
		in[i].key = nx_key_final(nx_fnv1a64(w, strlen(w)));
		in[i].bits = i & 0xFFF;
		in[i].len = 12;
	}
	in[NW] = in[7];				/* a duplicate: the first wins */
	in[NW].bits = 1;
	CHECK(nx_clusters_build(in, NW + 1, 1, &sec, &len, &nx_malloc_alloc) == NX_OK);
	CHECK(nx_clusters_parse(sec, len, &cl, err, sizeof(err)) == NX_OK);
	CHECK(cl.packed != NULL && cl.slot == NULL);
	CHECK(len == 16 + ((size_t) 1 << cl.log2) * 8);
	CHECK(((size_t) 1 << cl.log2) * 4 >= (size_t) NW * 5);
	for (uint32_t i = 0; i < NW; i++)
	{
		uint32_t	bits = 0,
					n = 0;

		if (nx_clusters_lookup(&cl, in[i].key, &bits, &n))
		{
			found++;
			right += bits == (i & 0xFFF) && n == 12;
		}
	}
	CHECK(found == NW && right == NW);
	for (uint32_t i = 0; i < NW; i++)
	{
		char		w[16];
		uint32_t	bits,
					n;

		snprintf(w, sizeof(w), "other%u", i);
		spurious += nx_clusters_lookup(&cl, nx_key_final(nx_fnv1a64(w, strlen(w))), &bits, &n);
	}
	CHECK(spurious == 0);
	/* a layout word other than 0 and 1 */
	((unsigned char *) sec)[8] = 2;
	CHECK(nx_clusters_parse(sec, len, &cl, err, sizeof(err)) == NX_EBADMODEL);
	free(sec);
	/* a path longer than a packed slot holds */
	in[0].len = NX_PACKED_PATH_MAX + 1;
	CHECK(nx_clusters_build(in, NW, 1, &sec, &len, &nx_malloc_alloc) == NX_EINVAL);
	free(in);
}

/*
 * A model of one stage over labels ls with the weights of dense, as int16
 * rows or (int8) int8 rows; NULL on failure.
 */
static unsigned char *
model_of_weights(const NxLabelSet *ls, const NxTagger *dense, int int8, size_t *len)
{
	unsigned char info[NX_INFO_SIZE];
	void	   *labsec = NULL,
			   *wsec = NULL,
			   *out = NULL;
	size_t		lablen,
				wlen;
	NxModelSection sec[3];

	nx_info_build(info, 1, 1, "test");
	if (nx_labels_build(ls, &labsec, &lablen, &nx_malloc_alloc) != NX_OK ||
		(int8 ? nx_weights_build_int8 : nx_weights_build) (dense, &wsec, &wlen,
															 &nx_malloc_alloc) != NX_OK)
		goto done;
	nx_section(&sec[0], "INFO", info, sizeof(info));
	nx_section(&sec[1], "LABELS", labsec, lablen);
	nx_section(&sec[2], "WEIGHTS0", wsec, wlen);
	if (nx_model_write(int8 ? "int8" : "sparse", sec, 3, &out, len, &nx_malloc_alloc) != NX_OK)
		out = NULL;
done:
	free(labsec);
	free(wsec);
	return out;
}

/*
 * Sparse weights (model format 2): for 17 labels (the entity model) and
 * 7 (the quotation model), with nine rows in ten all zero as in the
 * shipped entity model, the weights read from a file score every feature
 * list exactly as the dense weights they were built from; only the rows
 * not all zero are stored; a rank that does not count the rows before
 * it, or a row count past the section, is refused.  With six rows in ten
 * not zero (c = 2) the stage is stored dense, and scores the same.  The
 * last table's weights are -1, 0 and 1, so that labels tie for the best
 * score and greedy decoding must choose the first of them as the dense
 * table's does.
 */
void
test_model_sparse_weights(void)
{
	static const char *const types[] = {"PER", "LOC", "ORG", "MISC"};
	const int	nty[4] = {4, 3, 3, 4};
	const int	bilou[4] = {1, 0, 0, 1};
	const int	tenths[4] = {1, 1, 6, 1};	/* rows not all zero, in tenths */

	for (int c = 0; c < 4; c++)
	{
		NxLabelSet	ls;
		char		err[256];
		NxTagger	dense = {0};
		int16_t    *w;
		size_t		nb = (size_t) 1 << 10,
					len = 0,
					nonzero = 0;
		uint64_t	seed = 99 + (uint64_t) c;
		unsigned char *b;
		NxModel		m;
		int			same = 1;

		CHECK(nx_labels_make(&ls, bilou[c], types, (size_t) nty[c], err, sizeof(err)) == NX_OK);
		w = calloc(nb * ls.n + NX_ROW_PAD, sizeof(int16_t));
		for (size_t i = 0; i < nb; i++)
		{
			int			any = 0;

			if ((int) ((lcg(&seed) >> 40) % 10) >= tenths[c])
				continue;
			/* the last: weights of -1, 0 and 1, so that scores tie */
			for (uint32_t l = 0; l < ls.n; l++)
			{
				w[i * ls.n + l] = c == 3 ? (int16_t) ((int) ((lcg(&seed) >> 33) % 3) - 1)
					: (int16_t) ((int) ((lcg(&seed) >> 33) % 20001) - 10000);
				any |= w[i * ls.n + l] != 0;
			}
			nonzero += any;
		}
		dense.w = w;
		dense.log2 = 10;
		dense.nlabels = ls.n;
		dense.scale = 1000.0f;
		b = model_of_weights(&ls, &dense, 0, &len);
		CHECK(b != NULL);
		if (!b)
		{
			free(w);
			continue;
		}
		CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
		if (c != 2)
			CHECK(m.stage[0].nrows == nonzero && m.stage[0].index != NULL);
		else
			CHECK(m.stage[0].nrows == nb && m.stage[0].w != NULL && m.stage[0].index == NULL);
		for (int r = 0; r < 2000; r++)
		{
			uint32_t	feat[40];
			int32_t		sd[NX_MAX_LABELS],
						ss[NX_MAX_LABELS];
			size_t		n = (size_t) r % 40;

			random_feats(feat, n, &seed);
			nx_tagger_score(&dense, feat, n, sd);
			nx_tagger_score(&m.stage[0], feat, n, ss);
			same = same && memcmp(sd, ss, ls.n * sizeof(int32_t)) == 0;
		}
		CHECK(same);
		/* greedy decoding sums the same rows, sparse (with SSE2 and, where
		 * the CPU has it, AVX2) as dense */
		for (int r = 0; r < 300; r++)
		{
			uint32_t	feat[64];
			size_t		n = (size_t) r % 64;

			random_feats(feat, n, &seed);
			same = same && greedy_alike(&dense, &m.stage[0], &ls, feat, n);
		}
		CHECK(same);

		/* a rank off by one, and a row count past the rows, are refused */
		if (c != 2)
		{
			uint64_t	off;
			uint32_t	v;

			memcpy(&off, b + 64 + 2 * 32 + 8, 8);	/* WEIGHTS0 is section 2 */
			memcpy(&v, b + off + NX_WEIGHTS_HDR + 5 * 16 + 8, 4);	/* index word 5's rank */
			v++;
			memcpy(b + off + NX_WEIGHTS_HDR + 5 * 16 + 8, &v, 4);
			reseal(b, len);
			CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_EBADMODEL);
			CHECK(strstr(err, "malformed weights") != NULL);
			v--;
			memcpy(b + off + NX_WEIGHTS_HDR + 5 * 16 + 8, &v, 4);
			memcpy(&v, b + off + 12, 4);	/* nrows */
			v += 1000;
			memcpy(b + off + 12, &v, 4);
			reseal(b, len);
			CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_EBADMODEL);
		}
		free(b);
		free(w);
	}
}

/* Dense weights of 1 << 10 buckets, about percent / 100 of the rows not zero. */
static int16_t *
random_dense(NxTagger *t, uint32_t nlabels, int percent, uint64_t *seed)
{
	size_t		nb = (size_t) 1 << 10;
	int16_t    *w = calloc(NX_DENSE_WEIGHTS(10, nlabels), sizeof(int16_t));

	for (size_t i = 0; w && i < nb; i++)
	{
		if ((int) ((lcg(seed) >> 40) % 100) >= percent)
			continue;
		for (uint32_t l = 0; l < nlabels; l++)
			w[i * nlabels + l] = (int16_t) ((int) ((lcg(seed) >> 33) % 20001) - 10000);
	}
	memset(t, 0, sizeof(*t));
	t->w = w;
	t->log2 = 10;
	t->nlabels = nlabels;
	t->scale = 1000.0f;
	return w;
}

/* A model of two stages from sections w0 and w1 (NULL on failure). */
static unsigned char *
model_of_stages(const NxLabelSet *ls, int nstages, const void *w0, size_t l0,
				const void *w1, size_t l1, size_t *len)
{
	unsigned char info[NX_INFO_SIZE];
	void	   *labsec = NULL,
			   *out = NULL;
	size_t		lablen;
	NxModelSection sec[4];

	nx_info_build(info, 1, (uint32_t) nstages, "test");
	if (nx_labels_build(ls, &labsec, &lablen, &nx_malloc_alloc) != NX_OK)
		return NULL;
	nx_section(&sec[0], "INFO", info, sizeof(info));
	nx_section(&sec[1], "LABELS", labsec, lablen);
	nx_section(&sec[2], "WEIGHTS0", w0, l0);
	nx_section(&sec[3], "WEIGHTS1", w1, l1);
	if (nx_model_write("paired", sec, 4, &out, len, &nx_malloc_alloc) != NX_OK)
		out = NULL;
	free(labsec);
	return out;
}

/*
 * Does a paired model m (stages of the dense d1 and d2) decode as d1 and
 * d2 do, with SSE2 and AVX2 (test_model_paired_weights)?  Clears *same1
 * or *same2 where the first or second stage does not.
 */
static void
paired_decoding_alike(const NxTagger *d1, const NxTagger *d2, const NxModel *m,
					  const NxLabelSet *ls, uint64_t *seed, int *same1, int *same2)
{
	for (int r = 0; r < 300; r++)
	{
		uint32_t	feat[64],
					off[9] = {0},
					none[9] = {0},
					slot[8];
		size_t		n = (size_t) r % 64;
		uint8_t		ld[8],
					lp[8],
					set[8];
		float		pd[8],
					pp[8];
		int32_t		sums[8 * NX_MAX_LABELS];
		NxSeq		seq = {0};

		random_feats(feat, n, seed);
		for (int k = 1; k <= 8; k++)
			off[k] = (uint32_t) (n * (size_t) k / 8);
		for (int k = 0; k < 8; k++)
			slot[k] = (uint32_t) (7 - k);	/* any slot order */
		seq.ntok = 8;
		seq.off = off;
		seq.feat = feat;
		for (int avx2 = 0; avx2 <= 1; avx2++)
		{
			nx_tagger_avx2(avx2);
			nx_tagger_greedy(d1, ls, &seq, ld, pd);
			seq.pair.sum = sums;
			seq.pair.slot = slot;
			seq.pair.set = set;
			memset(set, 0, sizeof(set));
			nx_tagger_greedy(&m->stage[0], ls, &seq, lp, pp);
			*same1 = *same1 && memcmp(ld, lp, 8) == 0 && memcmp(pd, pp, sizeof(pd)) == 0;
			for (int k = 0; k < 8; k++)
			{
				int32_t		want[NX_MAX_LABELS];

				nx_tagger_score(d2, feat + off[k], off[k + 1] - off[k], want);
				*same1 = *same1 && set[k] &&
					memcmp(want, sums + slot[k] * ls->n, ls->n * sizeof(int32_t)) == 0;
			}
			/* the second stage: the full features unpaired, none paired */
			seq.pair.sum = NULL;
			seq.pair.slot = NULL;
			seq.pair.set = NULL;
			nx_tagger_greedy(d2, ls, &seq, ld, pd);
			seq.pair.sum = sums;
			seq.pair.slot = slot;
			seq.pair.set = set;
			seq.off = none;
			nx_tagger_greedy(&m->stage[1], ls, &seq, lp, pp);
			seq.off = off;
			seq.pair.sum = NULL;
			seq.pair.slot = NULL;
			seq.pair.set = NULL;
			*same2 = *same2 && memcmp(ld, lp, 8) == 0 && memcmp(pd, pp, sizeof(pd)) == 0;
		}
		nx_tagger_avx2(1);
	}
}

/*
 * Paired stages (model format 5, the entity model): one index over the
 * buckets where either stage has a row, each row both stages' weights.
 * Every bucket reads as the dense weights it came from, in both stages;
 * greedy decoding of the first stage gives the dense first stage's labels
 * and probabilities and leaves each token the dense second stage's sums
 * of its static rows, with which the second stage, given no static
 * features for those tokens, decodes as the dense second stage does with
 * all of them (SSE2 and AVX2), with 17 labels and with 21.  Stages of
 * other label counts or buckets, or too dense, are not paired; a paired
 * WEIGHTS1 after an unpaired WEIGHTS0, a paired WEIGHTS0 alone or with a
 * WEIGHTS1 of other rows are refused.
 */
void
test_model_paired_weights(void)
{
	static const char *const types[] = {"PER", "LOC", "ORG", "MISC"};
	NxLabelSet	ls;
	char		err[256];
	NxTagger	d1,
				d2,
				d3;
	int16_t    *w1,
			   *w2,
			   *w3;
	uint64_t	seed = 5;
	void	   *s0 = NULL,
			   *s1 = NULL,
			   *u0 = NULL,
			   *u1 = NULL;
	size_t		l0,
				l1,
				ul0,
				ul1,
				len = 0,
				nunion = 0;
	unsigned char *b;
	NxModel		m;
	int			rows_same = 1,
				stage1_same = 1,
				stage2_same = 1;

	CHECK(nx_labels_make(&ls, 1, types, 4, err, sizeof(err)) == NX_OK);
	CHECK(ls.n == 17);
	w1 = random_dense(&d1, ls.n, 8, &seed);
	w2 = random_dense(&d2, ls.n, 8, &seed);
	CHECK(w1 && w2);
	CHECK(nx_weights_build_pair(&d1, &d2, &s0, &l0, &s1, &l1, &nx_malloc_alloc) == NX_OK);
	b = model_of_stages(&ls, 2, s0, l0, s1, l1, &len);
	CHECK(b != NULL);
	CHECK(b && nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
	if (!b)
		return;
	for (uint32_t f = 0; f < 1024; f++)
	{
		int16_t		a[NX_MAX_LABELS],
					c[NX_MAX_LABELS];
		int			z1 = nx_tagger_row_values(&d1, f, a);

		nx_tagger_row_values(&m.stage[0], f, c);
		rows_same = rows_same && memcmp(a, c, ls.n * sizeof(int16_t)) == 0;
		nunion += (z1 | nx_tagger_row_values(&d2, f, a)) != 0;
		nx_tagger_row_values(&m.stage[1], f, c);
		rows_same = rows_same && memcmp(a, c, ls.n * sizeof(int16_t)) == 0;
	}
	CHECK(rows_same);
	CHECK(m.stage[0].pair && !m.stage[1].pair && m.stage[0].nrows == nunion);
	CHECK(m.stage[0].stride == 2 * ls.n && m.stage[1].index == m.stage[0].index);
	CHECK(l1 == NX_WEIGHTS_HDR);

	paired_decoding_alike(&d1, &d2, &m, &ls, &seed, &stage1_same, &stage2_same);
	{
		/* 21 labels: the decoder's general sums of a paired row (17 have their own) */
		static const char *const five[] = {"PER", "LOC", "ORG", "MISC", "EVENT"};
		NxLabelSet	ls21;
		NxTagger	e1,
					e2;
		int16_t    *v1,
				   *v2;
		void	   *t0 = NULL,
				   *t1 = NULL;
		size_t		tl0 = 0,
					tl1 = 0,
					len21 = 0;
		unsigned char *b21;
		NxModel		m21;

		CHECK(nx_labels_make(&ls21, 1, five, 5, err, sizeof(err)) == NX_OK);
		CHECK(ls21.n == 21);
		v1 = random_dense(&e1, ls21.n, 8, &seed);
		v2 = random_dense(&e2, ls21.n, 8, &seed);
		CHECK(v1 && v2 && nx_weights_build_pair(&e1, &e2, &t0, &tl0, &t1, &tl1, &nx_malloc_alloc) == NX_OK);
		b21 = model_of_stages(&ls21, 2, t0, tl0, t1, tl1, &len21);
		CHECK(b21 && nx_model_open(b21, len21, &m21, err, sizeof(err)) == NX_OK);
		if (b21)
			paired_decoding_alike(&e1, &e2, &m21, &ls21, &seed, &stage1_same, &stage2_same);
		free(b21);
		free(t0);
		free(t1);
		free(v1);
		free(v2);
	}
	CHECK(stage1_same);
	CHECK(stage2_same);

	/* what is not paired */
	w3 = random_dense(&d3, 7, 8, &seed);
	CHECK(nx_weights_build_pair(&d1, &d3, &u0, &ul0, &u1, &ul1, &nx_malloc_alloc) == NX_EINVAL);
	d3.nlabels = ls.n;
	d3.log2 = 9;
	CHECK(nx_weights_build_pair(&d1, &d3, &u0, &ul0, &u1, &ul1, &nx_malloc_alloc) == NX_EINVAL);
	free(w3);
	w3 = random_dense(&d3, ls.n, 30, &seed);
	CHECK(nx_weights_build_pair(&d1, &d3, &u0, &ul0, &u1, &ul1, &nx_malloc_alloc) == NX_EINVAL);
	free(b);

	/* a paired WEIGHTS1 after an unpaired WEIGHTS0; a paired WEIGHTS0 alone */
	CHECK(nx_weights_build(&d1, &u0, &ul0, &nx_malloc_alloc) == NX_OK);
	b = model_of_stages(&ls, 2, u0, ul0, s1, l1, &len);
	CHECK(b && nx_model_open(b, len, &m, err, sizeof(err)) == NX_EBADMODEL);
	CHECK(strstr(err, "malformed weights section (stage 2)") != NULL);
	free(b);
	b = model_of_stages(&ls, 1, s0, l0, s1, l1, &len);
	CHECK(b && nx_model_open(b, len, &m, err, sizeof(err)) == NX_EBADMODEL);
	free(b);
	/* a paired WEIGHTS1 of another row count */
	{
		uint32_t	v;

		memcpy(&v, (unsigned char *) s1 + 12, 4);
		v--;
		memcpy((unsigned char *) s1 + 12, &v, 4);
		b = model_of_stages(&ls, 2, s0, l0, s1, l1, &len);
		CHECK(b && nx_model_open(b, len, &m, err, sizeof(err)) == NX_EBADMODEL);
		free(b);
	}
	free(u0);
	free(s0);
	free(s1);
	free(w1);
	free(w2);
	free(w3);
}

/*
 * The INFO section's calib (model format 5): every stage of an opened
 * model gets it, and the probability greedy decoding gives the chosen
 * label is the softmax of the allowed labels' scores in weight units
 * times calib; a calib that is not a number, negative or past
 * NX_MAX_CALIB is refused.
 */
void
test_model_calib(void)
{
	static const char *const types[] = {"PER", "LOC"};
	const float bad[] = {-1.0f, 2000.0f, NAN};
	NxLabelSet	ls;
	char		err[256];
	NxTagger	d1,
				d2;
	int16_t    *w1,
			   *w2;
	uint64_t	seed = 11;
	void	   *s0 = NULL,
			   *s1 = NULL;
	size_t		l0,
				l1,
				len = 0;
	unsigned char *b;
	NxModel		m;
	uint64_t	off;
	const float calib = 0.25f;
	int			near = 1;

	CHECK(nx_labels_make(&ls, 0, types, 2, err, sizeof(err)) == NX_OK);
	w1 = random_dense(&d1, ls.n, 8, &seed);
	w2 = random_dense(&d2, ls.n, 8, &seed);
	CHECK(nx_weights_build_pair(&d1, &d2, &s0, &l0, &s1, &l1, &nx_malloc_alloc) == NX_OK);
	b = model_of_stages(&ls, 2, s0, l0, s1, l1, &len);
	CHECK(b != NULL);
	if (!b)
		return;
	CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
	CHECK(m.calib == 0 && m.stage[0].calib == 0 && m.stage[1].calib == 0);
	memcpy(&off, b + 64 + 8, 8);	/* INFO is section 0 */
	nx_info_set_calib(b + off, calib);
	reseal(b, len);
	CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
	CHECK(m.calib == calib && m.stage[0].calib == calib && m.stage[1].calib == calib);
	for (int r = 0; r < 200; r++)
	{
		uint32_t	feat[16],
					off1[2] = {0, 16};
		uint8_t		lab;
		float		prob;
		int32_t		sc[NX_MAX_LABELS];
		double		z = 0;
		NxSeq		seq = {0};

		random_feats(feat, 16, &seed);
		seq.ntok = 1;
		seq.off = off1;
		seq.feat = feat;
		nx_tagger_greedy(&m.stage[1], &ls, &seq, &lab, &prob);
		nx_tagger_score(&m.stage[1], feat, 16, sc);
		/* the first token may take B or O (BIO): labels allowed there */
		for (uint32_t l = 0; l < ls.n; l++)
			if (ls.pos[l] != NX_LP_I)
				z += exp((double) (sc[l] - sc[lab]) / m.stage[1].scale * calib);
		if (lab != ls.outside)
			near = near && fabs(prob - 1.0 / z) < 1e-6;
		else
			near = near && prob == 1.0f;
	}
	CHECK(near);
	for (int k = 0; k < 3; k++)
	{
		nx_info_set_calib(b + off, bad[k]);
		reseal(b, len);
		CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_EBADMODEL);
		CHECK(strstr(err, "malformed info") != NULL);
	}
	free(b);
	free(s0);
	free(s1);
	free(w1);
	free(w2);
}

/*
 * Int8 rows (model format 3, the quotation model): each row keeps the
 * least shift s at which its largest weight over 2^s is at most 127, and
 * its weights rounded half away from zero; scores and greedy labels of
 * the int8 stage equal those of int16 weights holding exactly those
 * rounded values, each within 2^(s-1) of the weight it came from.  A
 * shift past NX_INT8_MAX_SHIFT, a cell type other than 0, 1 and 2, and more
 * labels than an int8 row holds are refused.
 */
void
test_model_int8_weights(void)
{
	static const char *const types[] = {"SRC", "CUE", "CONTENT"};
	NxLabelSet	ls;
	char		err[256];
	NxTagger	dense = {0},
				rounded = {0};
	int16_t    *w,
			   *r;
	size_t		nb = (size_t) 1 << 10,
				len = 0;
	uint64_t	seed = 7;
	unsigned char *b;
	NxModel		m;
	int			same = 1,
				near = 1,
				labels_same = 1;
	uint64_t	off;

	CHECK(nx_labels_make(&ls, 0, types, 3, err, sizeof(err)) == NX_OK);
	CHECK(ls.n == 7);
	w = calloc(NX_DENSE_WEIGHTS(10, ls.n), sizeof(int16_t));
	r = calloc(NX_DENSE_WEIGHTS(10, ls.n), sizeof(int16_t));
	for (size_t i = 0; i < nb; i++)
	{
		/* rows of every magnitude: all zero, small (shift 0), up to 32767 */
		int			mag = (int) (i % 17);
		int32_t		most = 0;
		int			s = 0;

		for (uint32_t l = 0; l < ls.n && mag > 0; l++)
		{
			int32_t		range = mag >= 16 ? 32767 : (1 << mag) - 1;

			w[i * ls.n + l] = (int16_t) ((int32_t) ((lcg(&seed) >> 33) % (uint64_t) (2 * range + 1)) - range);
		}
		if (i == 5)
			w[i * ls.n] = -32767;
		for (uint32_t l = 0; l < ls.n; l++)
			if (abs(w[i * ls.n + l]) > most)
				most = abs(w[i * ls.n + l]);
		while ((most >> s) > 127)
			s++;
		for (uint32_t l = 0; l < ls.n; l++)
		{
			int32_t		v = w[i * ls.n + l],
						half = s ? 1 << (s - 1) : 0,
						q = v >= 0 ? (v + half) >> s : -((-v + half) >> s);

			q = q > 127 ? 127 : q < -128 ? -128 : q;
			r[i * ls.n + l] = (int16_t) (q * (1 << s));
			near = near && abs(r[i * ls.n + l] - v) <= (s ? 1 << (s - 1) : 0) + (q == 127 ? (1 << s) : 0);
		}
	}
	CHECK(near);
	dense.w = w;
	rounded.w = r;
	dense.log2 = rounded.log2 = 10;
	dense.nlabels = rounded.nlabels = ls.n;
	dense.scale = rounded.scale = 1000.0f;
	b = model_of_weights(&ls, &dense, 1, &len);
	CHECK(b != NULL);
	if (!b)
	{
		free(w);
		free(r);
		return;
	}
	CHECK(len < nb * ls.n * sizeof(int16_t));
	CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
	CHECK(m.stage[0].w8 != NULL && m.stage[0].w == NULL && m.stage[0].index == NULL);
	CHECK(nx_tagger_row(&m.stage[0], 5) == NULL);
	for (uint32_t f = 0; f < nb; f++)
	{
		int16_t		v[NX_MAX_LABELS];

		nx_tagger_row_values(&m.stage[0], f, v);
		same = same && memcmp(v, r + f * ls.n, ls.n * sizeof(int16_t)) == 0;
	}
	CHECK(same);
	for (int k = 0; k < 500; k++)
	{
		uint32_t	feat[64];
		int32_t		sr[NX_MAX_LABELS],
					s8[NX_MAX_LABELS];
		size_t		n = (size_t) k % 64;

		random_feats(feat, n, &seed);
		nx_tagger_score(&rounded, feat, n, sr);
		nx_tagger_score(&m.stage[0], feat, n, s8);
		same = same && memcmp(sr, s8, ls.n * sizeof(int32_t)) == 0;
		/* eight tokens sharing the features out, decoded greedily */
		labels_same = labels_same && greedy_alike(&rounded, &m.stage[0], &ls, feat, n);
	}
	CHECK(same);
	CHECK(labels_same);

	/* a shift past the bound, an unknown cell type: refused */
	memcpy(&off, b + 64 + 2 * 32 + 8, 8);	/* WEIGHTS0 is section 2 */
	b[off + NX_WEIGHTS_HDR + 3 * NX_INT8_ROW + NX_INT8_ROW - 1] = NX_INT8_MAX_SHIFT + 1;
	reseal(b, len);
	CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_EBADMODEL);
	CHECK(strstr(err, "malformed weights") != NULL);
	b[off + NX_WEIGHTS_HDR + 3 * NX_INT8_ROW + NX_INT8_ROW - 1] = 0;
	b[off + 16] = 3;			/* the cell type */
	reseal(b, len);
	CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_EBADMODEL);
	b[off + 16] = 1;
	reseal(b, len);
	CHECK(nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
	free(b);

	/* more labels than an int8 row holds */
	{
		static const char *const four[] = {"PER", "LOC", "ORG", "MISC"};
		NxLabelSet	ls17;
		NxTagger	big = {0};
		void	   *sec;
		size_t		slen;

		CHECK(nx_labels_make(&ls17, 1, four, 4, err, sizeof(err)) == NX_OK);
		big.w = w;
		big.log2 = 6;
		big.nlabels = ls17.n;
		big.scale = 1.0f;
		CHECK(nx_weights_build_int8(&big, &sec, &slen, &nx_malloc_alloc) == NX_EINVAL);
	}
	free(w);
	free(r);
}

/*
 * A shared resources file and a model that names it: the model is refused
 * until given that very file; a malformed SHARED section, one beside the
 * model's own clusters, and a shared file with a tagger's sections are
 * refused when opened.
 */
void
test_model_shared(void)
{
	NxClusterSlot cl[1] = {{nx_key_final(nx_fnv1a64("Paris", 5)), 0x5, 3}};
	unsigned char info[NX_INFO_SIZE],
				shref[NX_SHARED_SIZE],
				bad[NX_SHARED_SIZE];
	NxModelSection sec[3];
	void	   *clsec,
			   *shb,
			   *other;
	size_t		cllen,
				shlen,
				len,
				olen;
	unsigned char *b;
	NxModel		sh,
				m;
	char		err[256];
	uint32_t	bits,
				nbits;

	CHECK(nx_clusters_build(cl, 1, 1, &clsec, &cllen, &nx_malloc_alloc) == NX_OK);
	nx_info_build(info, 0, 0, NX_SHARED_TASK);
	nx_section(&sec[0], "INFO", info, sizeof(info));
	nx_section(&sec[1], "CLUSTERS", clsec, cllen);
	CHECK(nx_model_write("shared-tiny", sec, 2, &shb, &shlen, &nx_malloc_alloc) == NX_OK);
	CHECK(nx_model_open(shb, shlen, &sh, err, sizeof(err)) == NX_OK);
	CHECK(strcmp(sh.task, NX_SHARED_TASK) == 0 && sh.nstages == 0 && sh.clusters.n == 1);
	CHECK(nx_ner_check_model(&sh, err, sizeof(err)) == NX_EBADMODEL);

	/* the model names it, and is not ready until given it */
	nx_shared_ref_build(shref, sh.name, sh.checksum);
	b = make_model_shared(&len, shref, 0);
	CHECK(b && nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
	CHECK(strcmp(m.shared_name, "shared-tiny") == 0 && m.shared_checksum == sh.checksum);
	CHECK(!nx_clusters_lookup(&m.clusters, cl[0].key, &bits, &nbits));
	CHECK(nx_ner_check_model(&m, err, sizeof(err)) == NX_EBADMODEL &&
		  strstr(err, "shared-tiny") != NULL);
	CHECK(nx_model_attach(&m, &m, err, sizeof(err)) == NX_EBADMODEL);
	CHECK(nx_model_attach(&m, &sh, err, sizeof(err)) == NX_OK);
	CHECK(nx_clusters_lookup(&m.clusters, cl[0].key, &bits, &nbits) && bits == 0x5 && nbits == 3);
	CHECK(nx_ner_check_model(&m, err, sizeof(err)) == NX_OK);
	free(b);

	/* a shared file of the same name and other bytes is another build */
	nx_section(&sec[2], "META", "rebuilt", 7);
	CHECK(nx_model_write("shared-tiny", sec, 3, &other, &olen, &nx_malloc_alloc) == NX_OK);
	{
		NxModel		sh2;

		b = make_model_shared(&len, shref, 0);
		CHECK(nx_model_open(other, olen, &sh2, err, sizeof(err)) == NX_OK);
		CHECK(b && nx_model_open(b, len, &m, err, sizeof(err)) == NX_OK);
		CHECK(nx_model_attach(&m, &sh2, err, sizeof(err)) == NX_EBADMODEL &&
			  strstr(err, "checksum") != NULL);
		CHECK(nx_model_ready(&m, err, sizeof(err)) == NX_EBADMODEL);
		free(b);
	}
	free(other);

	/* malformed SHARED sections: reserved bytes set, no name, no NUL */
	for (int k = 0; k < 3; k++)
	{
		memcpy(bad, shref, sizeof(bad));
		if (k == 0)
			bad[40] = 1;
		else if (k == 1)
			bad[0] = '\0';
		else
			memset(bad, 'a', 32);
		b = make_model_shared(&len, bad, 0);
		CHECK(b && nx_model_open(b, len, &m, err, sizeof(err)) == NX_EBADMODEL &&
			  strstr(err, "malformed shared section") != NULL);
		free(b);
	}
	/* its own clusters and a shared file's */
	b = make_model_shared(&len, shref, 1);
	CHECK(b && nx_model_open(b, len, &m, err, sizeof(err)) == NX_EBADMODEL &&
		  strstr(err, "both") != NULL);
	free(b);

	/* a shared file with a tagger's sections */
	{
		size_t		tlen;
		unsigned char *t = make_model(&tlen);
		const unsigned char *labels = NULL;
		size_t		lsize = 0;
		uint32_t	nsec;
		void	   *withlab;
		size_t		wlen;

		memcpy(&nsec, t + 12, 4);
		for (uint32_t i = 0; i < nsec; i++)
			if (strncmp((const char *) t + 64 + 32 * i, "LABELS", 8) == 0)
			{
				uint64_t	off,
							sz;

				memcpy(&off, t + 64 + 32 * i + 8, 8);
				memcpy(&sz, t + 64 + 32 * i + 16, 8);
				labels = t + off;
				lsize = (size_t) sz;
			}
		CHECK(labels != NULL);
		nx_section(&sec[2], "LABELS", labels, lsize);
		CHECK(nx_model_write("shared-tiny", sec, 3, &withlab, &wlen, &nx_malloc_alloc) == NX_OK);
		CHECK(nx_model_open(withlab, wlen, &m, err, sizeof(err)) == NX_EBADMODEL &&
			  strstr(err, "tagger's sections") != NULL);
		free(withlab);
		free(t);
	}
	free(shb);
	free(clsec);
}
