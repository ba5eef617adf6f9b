/*
 * test_tagger.c
 *	  Unit tests of the tagger engine (label sets, chunks, greedy decoding
 *	  under constraints, perceptron training) and of the NER features and
 *	  entry point, trained in-process on a tiny corpus.
 *
 * Written for the harness in unit.h (CHECK(cond)); each test is a plain
 * function test_tagger_*(void), test_fold(void) or test_ner_*(void).
 * Built alone with -DNX_TEST_MAIN it runs every test and prints "N passed,
 * N failed".
 * The training tool runs on test/data/tiny.conll too: make tools-check
 * (part of make test) runs tools/newsx-train --train test/data/tiny.conll
 * --dev test/data/tiny.conll --epochs 3 --bits 12 --folds 2 into a
 * temporary model file, and fails unless that model loads and tags the
 * corpus at an F1 of at least TOOLS_CHECK_MIN (Makefile).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

#include "nx_fold.h"
#include "nx_model.h"
#include "nx_ner.h"
#include "nx_tagger.h"
#include "nx_text.h"

#ifndef CHECK
static int	nx_test_pass,
			nx_test_fail;

#define CHECK(cond) do { if (cond) nx_test_pass++; else { nx_test_fail++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#endif

void		test_tagger_labels(void);
void		test_tagger_chunks(void);
void		test_tagger_greedy(void);
void		test_tagger_train(void);
void		test_fold(void);
void		test_ner_tag(void);

static const char *const TYPES[] = {"LOC", "MISC", "ORG", "PER"};

void
test_tagger_labels(void)
{
	NxLabelSet	ls;
	char		err[128];
	const char *bad[] = {"O", "X-PER"};
	const char *noo[] = {"B-PER", "I-PER"};

	CHECK(nx_labels_make(&ls, 1, TYPES, 4, err, sizeof(err)) == NX_OK);
	CHECK(ls.n == 17 && ls.ntypes == 4 && ls.bilou && ls.outside == 0);
	CHECK(strcmp(ls.name[1], "B-LOC") == 0 && strcmp(ls.name[16], "U-PER") == 0);
	/* after B-PER only I-PER or L-PER */
	{
		int			b = ls.label_of[3][NX_LP_B],
					i = ls.label_of[3][NX_LP_I],
					l = ls.label_of[3][NX_LP_L],
					u = ls.label_of[3][NX_LP_U];

		CHECK(ls.allowed[b] == ((UINT64_C(1) << i) | (UINT64_C(1) << l)));
		CHECK((ls.allowed[l] >> u) & 1);
		CHECK(!((ls.allowed[0] >> i) & 1));
		CHECK((ls.start >> u) & 1 && !((ls.start >> i) & 1));
		CHECK(!((ls.end >> b) & 1) && ((ls.end >> l) & 1));
	}
	CHECK(nx_labels_make(&ls, 0, TYPES, 4, err, sizeof(err)) == NX_OK);
	CHECK(ls.n == 9 && !ls.bilou);
	CHECK(nx_labels_init(&ls, bad, 2, err, sizeof(err)) == NX_EINVAL);
	CHECK(nx_labels_init(&ls, noo, 2, err, sizeof(err)) == NX_EINVAL);
}

void
test_tagger_chunks(void)
{
	NxLabelSet	bio,
				bilou;
	char		err[128];
	NxChunk		ch[8];
	uint8_t		lab[8];
	size_t		n;

	nx_labels_make(&bio, 0, TYPES, 4, err, sizeof(err));
	nx_labels_make(&bilou, 1, TYPES, 4, err, sizeof(err));
	/* IOB1: I-PER I-PER B-PER O I-LOC: PER[0,2) PER[2,3) LOC[4,5) */
	lab[0] = bio.label_of[3][NX_LP_I];
	lab[1] = bio.label_of[3][NX_LP_I];
	lab[2] = bio.label_of[3][NX_LP_B];
	lab[3] = bio.outside;
	lab[4] = bio.label_of[0][NX_LP_I];
	n = nx_labels_chunks(&bio, lab, 5, ch, 8);
	CHECK(n == 3);
	CHECK(ch[0].start == 0 && ch[0].end == 2 && ch[0].type == 3);
	CHECK(ch[1].start == 2 && ch[1].end == 3);
	CHECK(ch[2].start == 4 && ch[2].end == 5 && ch[2].type == 0);
	/* into BILOU and back */
	nx_labels_from_chunks(&bilou, ch, n, lab, 5);
	CHECK(lab[0] == bilou.label_of[3][NX_LP_B] && lab[1] == bilou.label_of[3][NX_LP_L]);
	CHECK(lab[2] == bilou.label_of[3][NX_LP_U] && lab[4] == bilou.label_of[0][NX_LP_U]);
	CHECK(nx_labels_chunks(&bilou, lab, 5, ch, 8) == 3);
	/* robust to ill-formed sequences: B-PER O, I-LOC L-PER, counting only */
	lab[0] = bilou.label_of[3][NX_LP_B];
	lab[1] = bilou.outside;
	lab[2] = bilou.label_of[0][NX_LP_I];
	lab[3] = bilou.label_of[3][NX_LP_L];
	CHECK(nx_labels_chunks(&bilou, lab, 4, NULL, 0) == 3);
	lab[0] = 200;				/* out of range counts as O */
	CHECK(nx_labels_chunks(&bilou, lab, 1, ch, 8) == 0);
}

void
test_tagger_greedy(void)
{
	/* labels O B-X I-X; feature 1 votes B-X, feature 2 votes I-X strongly */
	static const char *const names[] = {"O", "B-X", "I-X"};
	NxLabelSet	ls;
	char		err[128];
	int16_t		w[16 * 3 + NX_ROW_PAD] = {0};
	NxTagger	t = {.w = w, .log2 = 4, .nlabels = 3, .scale = 10.0f};
	uint32_t	feat[] = {1, 2, 2, 3};
	uint32_t	off[] = {0, 1, 2, 3, 4};
	uint8_t		lab[4];
	float		prob[4];
	NxSeq		seq = {4, off, feat, NULL, NULL, NULL, NULL, NULL, 0};
	int32_t		sc[3];

	CHECK(nx_labels_init(&ls, names, 3, err, sizeof(err)) == NX_OK);
	w[1 * 3 + 1] = 50;			/* feature 1 -> B-X */
	w[2 * 3 + 2] = 50;			/* feature 2 -> I-X */
	w[2 * 3 + 0] = 10;
	w[3 * 3 + 0] = 5;			/* feature 3 -> O */
	nx_tagger_score(&t, feat, 2, sc);
	CHECK(sc[0] == 10 && sc[1] == 50 && sc[2] == 50);
	/* token 0: B-X; 1: I-X; 2: I-X; 3: O */
	nx_tagger_greedy(&t, &ls, &seq, lab, prob);
	CHECK(lab[0] == 1 && lab[1] == 2 && lab[2] == 2 && lab[3] == 0);
	CHECK(prob[0] > 0.9f && prob[0] <= 1.0f);
	/* I-X cannot follow O: a lone feature 2 first gives O */
	seq.ntok = 1;
	seq.off = off + 1;
	nx_tagger_greedy(&t, &ls, &seq, lab, NULL);
	CHECK(lab[0] == 0);
	/* fixed labels are taken as they are */
	{
		uint8_t		fixed[4] = {0xFF, 0, 0xFF, 0xFF};

		seq.ntok = 4;
		seq.off = off;
		seq.fixed = fixed;
		nx_tagger_greedy(&t, &ls, &seq, lab, NULL);
		CHECK(lab[0] == 1 && lab[1] == 0 && lab[2] == 0);
	}
}

void
test_tagger_train(void)
{
	/* learn word -> label on a toy sequence; previous label as dynamic feature */
	static const char *const types[] = {"X"};
	NxLabelSet	ls;
	char		err[128];
	NxTrainer	tr;
	uint32_t	feat[6] = {101, 102, 103, 101, 104, 103};
	uint32_t	off[7] = {0, 1, 2, 3, 4, 5, 6};
	uint8_t		gold[6],
				pred[6];
	int16_t    *w;
	float		scale;
	NxSeq		seq = {6, off, feat, NULL, NULL, NULL, NULL, NULL, 0};
	size_t		mistakes = 0;

	nx_labels_make(&ls, 1, types, 1, err, sizeof(err));
	/* O B-X L-X O U-X O */
	gold[0] = 0;
	gold[1] = ls.label_of[0][NX_LP_B];
	gold[2] = ls.label_of[0][NX_LP_L];
	gold[3] = 0;
	gold[4] = ls.label_of[0][NX_LP_U];
	gold[5] = 0;
	CHECK(nx_trainer_init(&tr, 8, ls.n, &nx_malloc_alloc) == NX_OK);
	for (int ep = 0; ep < 10; ep++)
		mistakes = nx_trainer_learn(&tr, &ls, &seq, gold, pred);
	CHECK(mistakes == 0);
	w = calloc(NX_DENSE_WEIGHTS(8, ls.n), sizeof(int16_t));
	nx_trainer_export(&tr, w, &scale);
	CHECK(scale > 0);
	{
		NxTagger	t = {.w = w, .log2 = 8, .nlabels = ls.n, .scale = scale};

		nx_tagger_greedy(&t, &ls, &seq, pred, NULL);
		CHECK(memcmp(pred, gold, 6) == 0);
	}
	free(w);
	nx_trainer_free(&tr);
	CHECK(nx_trainer_init(&tr, 2, ls.n, &nx_malloc_alloc) == NX_EINVAL);

	/*
	 * Learning from predicted history: the labels allowed at a token come
	 * from the gold labels before it.  Token 101 opens a chunk in one
	 * sequence and is O in the other, so it is often missed; the chunk's
	 * L-X (token 105 alone says it) is still predicted, where a predicted
	 * O before it used to forbid it and count a mistake every time.
	 */
	{
		uint32_t	f2[4] = {101, 105, 101, 106};
		uint8_t		g2[4];
		NxSeq		sa = {2, off, f2, NULL, NULL, NULL, NULL, NULL, 0},
					sb = {2, off, f2 + 2, NULL, NULL, NULL, NULL, NULL, 0};
		int			second_wrong = 0;

		g2[0] = ls.label_of[0][NX_LP_B];
		g2[1] = ls.label_of[0][NX_LP_L];
		g2[2] = g2[3] = ls.outside;
		CHECK(nx_trainer_init(&tr, 8, ls.n, &nx_malloc_alloc) == NX_OK);
		tr.gold_history = 0;
		for (int ep = 0; ep < 20; ep++)
		{
			nx_trainer_learn(&tr, &ls, &sb, g2 + 2, pred);
			nx_trainer_learn(&tr, &ls, &sa, g2, pred);
			second_wrong += ep >= 5 && pred[1] != g2[1];
		}
		CHECK(second_wrong == 0);
		nx_trainer_free(&tr);
	}
}

void
test_fold(void)
{
	char		buf[64];
	size_t		n;

	n = nx_fold("Paris", 5, buf, sizeof(buf));
	CHECK(n == 5 && memcmp(buf, "paris", 5) == 0);
	n = nx_fold("\xC3\x89LYS\xC3\x89\x45", 8, buf, sizeof(buf));	/* ÉLYSÉE */
	CHECK(n == 8 && memcmp(buf, "\xC3\xA9lys\xC3\xA9\x65", 8) == 0);
	n = nx_fold("O\xE2\x80\x99Neill", 9, buf, sizeof(buf));	/* O’Neill */
	CHECK(n == 7 && memcmp(buf, "o'neill", 7) == 0);
	n = nx_fold("\xFF\xFE", 2, buf, sizeof(buf));	/* ill-formed: U+FFFD each */
	CHECK(n == 6);
	n = nx_fold("ABCDEFGH", 8, buf, 4);	/* capacity respected */
	CHECK(n == 4);
	/* every ASCII byte (the bytes-first path) folds as ICU folds it */
	{
		int			same = 1;

		for (int c = 0; c < 128; c++)
		{
			char		in = (char) c;
			UChar32		want = u_foldCase(c, U_FOLD_CASE_DEFAULT);

			n = nx_fold(&in, 1, buf, sizeof(buf));
			same = same && n == 1 && (unsigned char) buf[0] == (unsigned char) want;
		}
		CHECK(same);
	}
	/* ASCII, then a letter past it, then ASCII; and a capacity inside the ASCII start */
	n = nx_fold("AbC\xC3\x89" "dE\xE2\x80\x9C" "X", 11, buf, sizeof(buf));	/* AbCÉdE“X */
	CHECK(n == 9 && memcmp(buf, "abc\xC3\xA9" "de\"x", 9) == 0);
	n = nx_fold("AbC\xC3\x89", 5, buf, 2);
	CHECK(n == 2 && memcmp(buf, "ab", 2) == 0);
	n = nx_fold("AbC\xC3\x89", 5, buf, 4);	/* É does not fit after abc */
	CHECK(n == 3 && memcmp(buf, "abc", 3) == 0);
}

/*
 * nx_cluster_hash_ahead gives every token's hash in order, whatever the
 * document's length against NX_CLUSTER_AHEAD, with or without tables to
 * ask for; a lookup by the key made of it finds what nx_fold_cluster
 * finds.
 */
void
test_cluster_hash_ahead(void)
{
	static const char *const texts[] = {
		"", "Paris", "Paris and Rome said", "one two three four five six seven eight",
		"one two three four five six seven eight nine",
		("In Paris , the mayor of Paris said on Monday that Rome and Paris would talk again , "
		 "and Rome agreed : Paris , Rome , Paris .")
	};
	NxClusterSlot in[2] = {
		{nx_key_final(nx_fnv1a64("Paris", 5)), 0x5, 3},
		{nx_key_final(nx_fnv1a64("rome", 4)), 0x2, 2}
	};
	void	   *sec = NULL;
	size_t		seclen = 0;
	NxClusters	cl;
	char		err[128];
	int			same = 1,
				found = 0;

	CHECK(nx_clusters_build(in, 2, 1, &sec, &seclen, &nx_malloc_alloc) == NX_OK);
	CHECK(nx_clusters_parse(sec, seclen, &cl, err, sizeof(err)) == NX_OK);
	for (size_t t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
		for (int with = 0; with < 2; with++)
		{
			NxDoc		doc;
			uint64_t	ring[NX_CLUSTER_AHEAD];

			if (nx_doc_parse(&doc, texts[t], strlen(texts[t]), &nx_malloc_alloc) != NX_OK)
			{
				CHECK(0);
				continue;
			}
			for (size_t i = 0; i < doc.ntok; i++)
			{
				const char *w = texts[t] + doc.tok[i].b;
				uint64_t	h = nx_cluster_hash_ahead(&doc, i, with ? &cl : NULL,
														  with ? &cl : NULL, ring),
							key = nx_key_final(h);
				uint32_t	b1,
							b2;
				uint8_t		n1,
							n2;

				same = same && h == nx_fnv1a64(w, doc.tok[i].blen) &&
					key == nx_cluster_key(w, doc.tok[i].blen);
				nx_fold_cluster(&cl, w, doc.tok[i].blen, &b1, &n1);
				nx_fold_cluster_key(&cl, key, w, doc.tok[i].blen, &b2, &n2);
				same = same && b1 == b2 && n1 == n2;
				found += n1 > 0;
			}
			nx_doc_free(&doc);
		}
	CHECK(same);
	CHECK(found == 2 * (1 + 2 + 8));	/* each Paris (as written) and Rome (folded) */
	free(sec);
}

/* A document from sentences of space-separated words (tokens only). */
typedef struct TDoc
{
	NxDoc		doc;
	char		text[2048];
	NxToken		tok[256];
	NxSentence	sent[32];
} TDoc;

static void
tdoc_make(TDoc *t, const char *const *sents, size_t nsents)
{
	size_t		b = 0;

	memset(t, 0, sizeof(*t));
	for (size_t s = 0; s < nsents; s++)
	{
		const char *p = sents[s];

		t->sent[s].tok = (uint32_t) t->doc.ntok;
		while (*p)
		{
			const char *e = strchr(p, ' ');
			size_t		len = e ? (size_t) (e - p) : strlen(p);
			NxToken    *k = &t->tok[t->doc.ntok++];

			memcpy(t->text + b, p, len);
			k->b = k->c = (uint32_t) b;
			k->blen = k->clen = (uint32_t) len;
			k->sentence = (uint32_t) s;
			b += len;
			t->text[b++] = ' ';
			p += len;
			while (*p == ' ')
				p++;
		}
		t->sent[s].ntok = (uint32_t) t->doc.ntok - t->sent[s].tok;
	}
	t->doc.text = t->text;
	t->doc.len = b;
	t->doc.nchars = b;
	t->doc.tok = t->tok;
	t->doc.sent = t->sent;
	t->doc.nsent = nsents;
	t->doc.a = &nx_malloc_alloc;
}

void
test_ner_tag(void)
{
	static const char *const s1[] = {
		"Alice Smith visited Paris on Monday .",
		"Smith said Acme Corp would open in Berlin .",
		"Bob Jones left London for Rome ."
	};
	/* gold chunks per sentence: start, end, type (LOC=0 MISC=1 ORG=2 PER=3) */
	static const NxChunk g1[] = {{0, 2, 3}, {3, 4, 0}};
	static const NxChunk g2[] = {{0, 1, 3}, {2, 4, 2}, {7, 8, 0}};
	static const NxChunk g3[] = {{0, 2, 3}, {3, 4, 0}, {5, 6, 0}};
	static const NxChunk *gs[] = {g1, g2, g3};
	static const size_t ng[] = {2, 3, 3};
	TDoc	   *td = malloc(sizeof(TDoc));
	NxModel		m;
	NxNerRes	res = {0};
	NxNerDoc   *nd;
	NxTrainer	tr;
	uint8_t		gold[64],
				pred[64];
	int16_t    *w;
	char		err[128];
	NxEntity   *ents;
	size_t		nents;

	tdoc_make(td, s1, 3);
	memset(&m, 0, sizeof(m));
	CHECK(nx_labels_make(&m.labels, 1, TYPES, 4, err, sizeof(err)) == NX_OK);
	strcpy(m.task, "ner");
	m.featset = NX_NER_FEATSET;
	m.nstages = 1;
	for (size_t s = 0; s < 3; s++)
		nx_labels_from_chunks(&m.labels, gs[s], ng[s], gold + td->sent[s].tok, td->sent[s].ntok);
	res.labels = &m.labels;
	res.lex = &m.lex;
	res.clusters = &m.clusters;
	CHECK(nx_ner_doc_init(&nd, &res, &td->doc, &nx_malloc_alloc) == NX_OK);
	/* 2^16 buckets: at 2^14 two features of this tiny corpus share a bucket and Rome comes out ORG */
	CHECK(nx_trainer_init(&tr, 16, m.labels.n, &nx_malloc_alloc) == NX_OK);
	for (int ep = 0; ep < 10; ep++)
	{
		nx_ner_doc_reset(nd);
		for (size_t s = 0; s < 3; s++)
		{
			NxSeq		seq;

			nx_ner_doc_seq(nd, s, &seq);
			CHECK(seq.ntok == td->sent[s].ntok);
			nx_trainer_learn(&tr, &m.labels, &seq, gold + td->sent[s].tok, pred + td->sent[s].tok);
		}
	}
	w = malloc(sizeof(int16_t) * ((size_t) 1 << 16) * m.labels.n);
	nx_trainer_export(&tr, w, &m.stage[0].scale);
	m.stage[0].w = w;
	m.stage[0].index = NULL;
	m.stage[0].log2 = 16;
	m.stage[0].nlabels = m.labels.n;
	CHECK(nx_ner_doc_decode(nd, &m, 1, pred, NULL) == NX_OK);
	CHECK(memcmp(pred, gold, td->doc.ntok) == 0);
	nx_ner_doc_free(nd);

	/* the entry point: entities as token and character spans */
	CHECK(nx_ner_tag(&m, &td->doc, &ents, &nents, &nx_malloc_alloc) == NX_OK);
	CHECK(nents == 8);
	if (nents == 8)
	{
		CHECK(ents[0].tok == 0 && ents[0].ntok == 2);
		CHECK(strcmp(nx_ner_type_name(&m, ents[0].type), "PER") == 0);
		CHECK(ents[0].c == 0 && ents[0].clen == 11);	/* "Alice Smith" */
		CHECK(ents[0].conf > 0 && ents[0].conf <= 1);
		CHECK(strcmp(nx_ner_type_name(&m, ents[3].type), "ORG") == 0);
	}
	nx_free(&nx_malloc_alloc, ents);
	/* an empty document has no entities */
	{
		NxDoc		empty = {0};

		CHECK(nx_ner_tag(&m, &empty, &ents, &nents, &nx_malloc_alloc) == NX_OK && nents == 0);
	}
	nx_trainer_free(&tr);
	free(w);
	free(td);
}

#ifdef NX_TEST_MAIN
int
main(void)
{
	test_tagger_labels();
	test_tagger_chunks();
	test_tagger_greedy();
	test_tagger_train();
	test_fold();
	test_ner_tag();
	printf("%d passed, %d failed\n", nx_test_pass, nx_test_fail);
	return nx_test_fail != 0;
}
#endif
