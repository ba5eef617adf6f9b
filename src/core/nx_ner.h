/*
 * nx_ner.h
 *	  Named-entity recognition over an NxDoc: the feature templates (word,
 *	  case, shape, affixes, context, runs of capitalised words, lexicons,
 *	  word clusters, document history) and the entry point that tags a
 *	  document with a model.
 *
 * Decoding is per sentence, left to right, in document order: features
 * of a token may look at labels given earlier in the same document.
 * With a two-stage model, the second stage also sees the first stage's
 * labels of the whole document (other mentions of the same word).
 */
#ifndef NX_NER_H
#define NX_NER_H

#include "nx_alloc.h"
#include "nx_model.h"
#include "nx_tagger.h"
#include "nx_text.h"

/* Feature-set id stored in models; bump when templates or what they read change. */
#define NX_NER_FEATSET	7

/* An entity: tokens [tok, tok + ntok) of the document. */
typedef struct NxEntity
{
	uint32_t	tok;
	uint32_t	ntok;
	uint32_t	c;				/* character offset, 0-based */
	uint32_t	clen;			/* length in characters */
	uint32_t	type;			/* index into the model's types: nx_ner_type_name */
	float		conf;			/* lowest per-token label probability, 0..1 */
} NxEntity;

/* Check that a model is an NER model this build can run. */
extern NxStatus nx_ner_check_model(const NxModel *m, char *errbuf, size_t errlen);

/*
 * Tag a parsed document.  On NX_OK, *out is an array of *n entities in
 * document order, allocated from a (free with nx_free; NULL when *n is 0).
 */
extern NxStatus nx_ner_tag(const NxModel *m, const NxDoc *doc,
						   NxEntity **out, size_t *n, const NxAlloc *a);

/* Type name of an entity ("PER", "ORG", "LOC", "MISC"). */
extern const char *nx_ner_type_name(const NxModel *m, uint32_t type);

/*
 * A cache of token analyses across documents.  What the tagger first
 * works out of a token (hashes of its forms, shape, case, affixes, its
 * clusters and lexicon classes) depends on the token's bytes and the
 * model's word lists alone; a document analyses each distinct text once,
 * and with a cache a text seen in an earlier document (the, said,
 * President) is copied from it.  The entities are the same with or
 * without one.
 *
 * nx_ner_cache_init lays a cache out in buf[0..size) (as many entries,
 * a power of two, as fit) and returns it, or NULL if not one entry fits;
 * nx_ner_cache_bytes(n) is the size that holds n entries wherever buf
 * starts (the extension gives NX_NER_CACHE_ENTRIES).  Set it as
 * m->ner_cache once m is ready (nx_ner_check_model): nx_ner_tag then
 * reads and fills it.  A model with a cache must not decode in two
 * threads at once; buf must outlive its use.
 */
typedef struct NxNerCache NxNerCache;

#define NX_NER_CACHE_ENTRIES	4096

extern size_t nx_ner_cache_bytes(uint32_t entries);
extern NxNerCache *nx_ner_cache_init(void *buf, size_t size);

/* ---- lower level: used by nx_ner_tag, the training tool and tests ---- */

/* What the features look up. */
typedef struct NxNerRes
{
	const NxLabelSet *labels;
	const NxLexicon *lex;		/* may have slot == NULL */
	const NxClusters *clusters; /* may have slot == NULL */
	const NxClusters *vclusters;	/* word-vector clusters; may be NULL */
	NxNerCache *cache;			/* analyses of earlier documents made with these
								 * word lists (nx_ner_cache_init); may be NULL */
} NxNerRes;

/* What the features of m's documents look up: its word lists and its cache. */
static inline NxNerRes
nx_ner_res(const NxModel *m)
{
	NxNerRes	res = {&m->labels, &m->lex, &m->clusters, &m->vclusters, m->ner_cache};

	return res;
}

typedef struct NxNerDoc NxNerDoc;

/* Per-document feature state (token properties, lexicon matches). */
extern NxStatus nx_ner_doc_init(NxNerDoc **out, const NxNerRes *res,
								const NxDoc *doc, const NxAlloc *a);
extern void nx_ner_doc_free(NxNerDoc *d);

/*
 * Give first-stage labels of all tokens (copied), enabling the second-stage
 * features; NULL disables them again.  Also resets the label history.
 */
extern NxStatus nx_ner_doc_stage(NxNerDoc *d, const uint8_t *stage1);

/*
 * Training only: tokens i with drop[i] set are read without their
 * identity (the word, its bigrams, and lexicon classes of names seen in
 * training), so that context and clusters learn to carry the decision;
 * drop (not copied, NULL: none) must outlive the document's decoding.
 */
extern void nx_ner_doc_drop(NxNerDoc *d, const uint8_t *drop);

/* Forget labels seen so far (call before decoding the document again). */
extern void nx_ner_doc_reset(NxNerDoc *d);

/*
 * The decoding input of sentence s: static features and the dynamic
 * feature callback.  Valid until the next call.  The labels passed to
 * the tagger for this sequence must point into an array over the whole
 * document, at the sentence's first token, with earlier sentences'
 * labels already in place.
 */
extern void nx_ner_doc_seq(NxNerDoc *d, size_t s, NxSeq *seq);

/* Labels of every token with the model (stage given: 1 or 2 = all). */
extern NxStatus nx_ner_doc_decode(NxNerDoc *d, const NxModel *m, int stages,
								  uint8_t *labels, float *prob);

#endif							/* NX_NER_H */
