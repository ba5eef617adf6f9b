/*
 * nx_attrib.h
 *	  The attribution tagger: features and decoding that label each token
 *	  of a paragraph as part of a source, a cue or a content (BIO), with a
 *	  two-stage model read by nx_model.h.
 *
 * Stage 1 labels sources and cues.  Stage 2 labels contents, seeing the
 * stage-1 chunks (where the cue is, whether the token follows it) as
 * features, so a content may contain another attribution's source and
 * cue (nested reported speech).  Both stages share one label set:
 * O, B-/I-CONTENT, B-/I-CUE, B-/I-SRC; stage 1 is trained on source and
 * cue labels only, stage 2 on content labels only.  A sequence is a
 * paragraph: in PolNeAR every role of an attribution but a handful lies
 * in the paragraph of its content.
 *
 * The model's LEXICON section holds small word classes the features
 * look up (reporting verbs, pronouns, titles ...), so the word lists
 * travel with the weights that were trained on them.
 */
#ifndef NX_ATTRIB_H
#define NX_ATTRIB_H

#include "nx_alloc.h"
#include "nx_model.h"
#include "nx_quotemarks.h"
#include "nx_tagger.h"
#include "nx_text.h"
#include "nx_words.h"

/* Feature-set id stored in models; bump when templates change. */
#define NX_ATTRIB_FEATSET	4

/* Model task name. */
#define NX_ATTRIB_TASK		"quotes"

/*
 * Bits of nx_attrib_doc_lex: the TRAINED word classes of nx_wordlist.h,
 * which the features read and the trainer writes into the model's
 * LEXICON section by name (nx_word_class_name).
 */
typedef enum NxAttribLex
{
	NX_LX_CUE_VERB = NX_W_CUE_VERB,
	NX_LX_CUE_NOUN = NX_W_CUE_NOUN,
	NX_LX_CUE_PREP = NX_W_CUE_PREP,
	NX_LX_PRONOUN = NX_W_PRONOUN,
	NX_LX_TITLE = NX_W_TITLE,
	NX_LX_SOURCE_NOUN = NX_W_SOURCE_NOUN,
	NX_LX_SPEECH_NOUN = NX_W_SPEECH_NOUN,
	NX_LX_NEGATION = NX_W_NEGATION,
	NX_LX_MODAL = NX_W_MODAL,
	NX_LX_SUBORD = NX_W_SUBORD,
	NX_LX_FIRST_NAME = NX_W_FIRST_NAME,
	NX_LX__COUNT = NX_W__TRAINED
} NxAttribLex;

/* Type names of the label set. */
#define NX_ATTRIB_CONTENT	"CONTENT"
#define NX_ATTRIB_CUE		"CUE"
#define NX_ATTRIB_SRC		"SRC"

typedef struct NxAttribDoc NxAttribDoc;

/*
 * A cache of token analyses across documents, as the entity tagger's
 * (nx_ner.h): what the attribution tagger first works out of a token (its
 * word's hashes, shape, case, cluster and word classes) depends on its
 * bytes, kind and case flags and the model's word lists alone; a document
 * analyses each distinct token once, and with a cache a token an earlier
 * document had (the, said, “) is copied from it.  The quotations are the
 * same with or without one.  nx_attrib_cache_init lays one out in
 * buf[0..size) (as many entries, a power of two, as fit) and returns it,
 * or NULL if not one entry fits; nx_attrib_cache_bytes(n) is the size
 * that holds n entries wherever buf starts.  Set it as m->attrib_cache
 * once m is ready; a model with a cache must not extract in two threads
 * at once, and buf must outlive its use.
 */
typedef struct NxAttribCache NxAttribCache;

#define NX_ATTRIB_CACHE_ENTRIES	4096

extern size_t nx_attrib_cache_bytes(uint32_t entries);
extern NxAttribCache *nx_attrib_cache_init(void *buf, size_t size);

/* Check that a model is an attribution model this build can run. */
extern NxStatus nx_attrib_check_model(const NxModel *m, char *errbuf, size_t errlen);

/*
 * Per-document feature state.  spans are the document's quotation-mark
 * spans (nx_quote_spans); lex and clusters may have slot == NULL; cache
 * (analyses made with this lex and clusters) may be NULL.
 */
extern NxStatus nx_attrib_doc_init(NxAttribDoc **out, const NxLabelSet *labels,
								   const NxLexicon *lex, const NxClusters *clusters,
								   NxAttribCache *cache, const NxDoc *doc,
								   const NxQuoteSpan *spans, size_t nspans,
								   const NxAlloc *a);
extern void nx_attrib_doc_free(NxAttribDoc *d);

/* Number of paragraphs (sequences) and the first token of each. */
extern size_t nx_attrib_doc_npara(const NxAttribDoc *d);
extern uint32_t nx_attrib_doc_para_tok(const NxAttribDoc *d, size_t p);

/* Word classes of token i (bits 1 << NX_LX_*). */
extern uint32_t nx_attrib_doc_lex(const NxAttribDoc *d, size_t i);

/*
 * Token i's lexicon key (nx_words_key of its text) when the document's
 * analysis made it whole, 0 when the token is too long for that.
 */
extern uint64_t nx_attrib_doc_key(const NxAttribDoc *d, size_t i);

/*
 * The first token of the document with token i's text, kind and flags
 * (nx_same_text): i itself, or an earlier token whose key, word classes
 * and name-list classes are token i's.
 */
extern uint32_t nx_attrib_doc_first(const NxAttribDoc *d, size_t i);

/*
 * Whether stage 1 or 2 tags paragraph p at all.  Stage 1 skips paragraphs
 * without a quotation mark, colon, dash or word of the cue classes;
 * stage 2 those without a quotation mark or stage-1 cue.  Skipped
 * paragraphs are all O, in training as in decoding.
 */
extern int	nx_attrib_doc_active(const NxAttribDoc *d, int stage, size_t p);

/*
 * Give stage-1 labels of every token (copied): stage-2 features read them.
 */
extern NxStatus nx_attrib_doc_stage(NxAttribDoc *d, const uint8_t *stage1);

/* Tokens of a paragraph decoded at once, at most (longer ones go in windows). */
#define NX_ATTRIB_WINDOW	1024

/*
 * The decoding input of paragraph p for stage 1 or 2, from its token from
 * (0, then the previous window's end): a window of at most
 * NX_ATTRIB_WINDOW tokens; returns its length (0 past the paragraph's
 * end).  Valid until the next call.  Labels passed to the tagger point at
 * the window's first token in an array over the whole document.
 */
extern size_t nx_attrib_doc_seq(NxAttribDoc *d, int stage, size_t p, size_t from, NxSeq *seq);

/*
 * Label every token: stage1 gets source and cue labels, stage2 content
 * labels (both arrays of doc->ntok).
 */
extern NxStatus nx_attrib_doc_decode(NxAttribDoc *d, const NxModel *m,
									 uint8_t *stage1, uint8_t *stage2);

#endif							/* NX_ATTRIB_H */
