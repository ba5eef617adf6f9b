/*
 * nx_words.h
 *	  Word classes (the rows of nx_wordlist.h) as bits of a 64-bit mask a
 *	  token: the classes of every token of a document are computed once,
 *	  so a rule asks "is this token a reporting verb" in constant time.
 *	  Also builds the quotation model's LEXICON section from the TRAINED
 *	  rows, for the trainer and for tests that run without a model.
 */
#ifndef NX_WORDS_H
#define NX_WORDS_H

#include <stdint.h>

#include "nx_alloc.h"
#include "nx_model.h"
#include "nx_text.h"

typedef enum NxWordClass
{
#define NX_WORDCLASS(id, name, kind, file, words) NX_W_##id,
#include "nx_wordlist.h"
#undef NX_WORDCLASS
	NX_W__COUNT
} NxWordClass;

/* The TRAINED rows come first: classes [0, NX_W__TRAINED). */
#define NX_W__TRAINED	(NX_W_FIRST_NAME + 1)

/* The bit of class id in a token's mask. */
#define NX_WB(id)		(UINT64_C(1) << NX_W_##id)

/* Name of a class as the model's LEXICON section spells it ("cue-verb"). */
extern const char *nx_word_class_name(NxWordClass c);

/* The data/lexicon file whose words join a TRAINED class ("title.txt"), or NULL. */
extern const char *nx_word_class_file(NxWordClass c);

/*
 * The RULE classes of every token of doc: out[i] for i < ntok, and
 * out[ntok] = 0.  Linear in the document.
 */
extern void nx_words_rule_classes(const NxDoc *doc, uint64_t *out, const NxAlloc *a);

/*
 * The LEXICON section of the TRAINED classes: the words of their rows,
 * then the lines of the data/lexicon file a row names (files[c]: that
 * file's text for class c, NUL-terminated, or NULL to leave it out; one
 * entry a word, "#" lines skipped).  On NX_OK, *sec is allocated from a.
 */
extern NxStatus nx_words_lexicon(const char *const files[NX_W__TRAINED],
								 void **sec, size_t *seclen, const NxAlloc *a);

#endif							/* NX_WORDS_H */
