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

/* Then the RULE rows: classes [NX_W__TRAINED, NX_W__MASK), the last in a mask. */
#define NX_W__MASK		NX_W_MALE_NAME

/* Then the LEXICON rows: classes [NX_W__MASK, NX_W__COUNT). */
#define NX_W__LEXICON	(NX_W__COUNT - NX_W__MASK)

/* The bit of a TRAINED or RULE class id in a token's mask. */
#define NX_WB(id)		(UINT64_C(1) << NX_W_##id)

/* The bit of a LEXICON class id in what nx_words_span_keys returns. */
#define NX_LB(id)		(UINT32_C(1) << (NX_W_##id - NX_W__MASK))

/* Name of a class as the model's LEXICON section spells it ("cue-verb"). */
extern const char *nx_word_class_name(NxWordClass c);

/* The data/lexicon file whose words join a TRAINED class ("title.txt"), or NULL. */
extern const char *nx_word_class_file(NxWordClass c);

/*
 * The RULE classes of every token of doc: out[i] for i < ntok, and
 * out[ntok] = 0.  Linear in the document.
 */
extern void nx_words_rule_classes(const NxDoc *doc, uint64_t *out, const NxAlloc *a);

/* The RULE classes of one token from its lexicon key (nx_words_key of its text). */
extern uint64_t nx_words_rule_classes_key(uint64_t key);

/* The RULE classes of token i of doc with a final period dropped (Mr., Jr.). */
extern uint64_t nx_words_abbrev(const NxDoc *doc, size_t i);

/* The kinds of rows of nx_wordlist.h. */
typedef enum NxWordKind
{
	NX_WK_RULE = 0,
	NX_WK_TRAINED,
	NX_WK_LEXICON
} NxWordKind;

/*
 * A lexicon section of the rows of one kind: for NX_WK_TRAINED (a
 * model's LEXICON section) the words of the TRAINED rows and of the
 * data/lexicon file each names, every word of every line an entry; for
 * NX_WK_LEXICON (a quotation model's NAMES section) the lines of the
 * files of the LEXICON rows, each line an entry.  files[c] is that
 * file's text for class c, NUL-terminated, or NULL to leave it out; "#"
 * lines are skipped.  On NX_OK, *sec is allocated from a.
 */
extern NxStatus nx_words_lexicon(const char *const files[NX_W__COUNT], NxWordKind kind,
								 void **sec, size_t *seclen, const NxAlloc *a);

/*
 * The bit of the class called name in a model's lexicon, 0 when it has
 * none (or no lexicon): looked for at position hint first, where the
 * trainers write a class of this build's word list, then anywhere.
 */
extern uint32_t nx_words_class_bit(const NxLexicon *lex, uint32_t hint, const char *name);

/*
 * Find the bit of every word class in a lexicon being parsed
 * (lex->word_bits[c], by nx_words_class_bit; the hint of a LEXICON class
 * is its position among them).
 */
extern void nx_words_class_bits(NxLexicon *lex);

/*
 * The LEXICON classes (NX_LB bits) of which tokens [s, e) are an entry,
 * from the tokens' keys (key[i] = nx_words_key of token i), as
 * lex->word_bits maps the lexicon's classes to them.  Linear in e - s.
 */
extern uint32_t nx_words_span_keys(const NxLexicon *lex, const uint64_t *key, uint32_t s,
								   uint32_t e);

/*
 * The LEXICON classes of the one-token entry of key, and in *starts
 * whether any entry starts with that token (itself, or a longer one).
 */
extern uint32_t nx_words_token_keys(const NxLexicon *lex, uint64_t key, int *starts);

/* A token's lexicon key: FNV-1a 64 of its case fold (nx_fold). */
extern uint64_t nx_words_key(const char *p, size_t n);

/*
 * The word pairs of nx_wordlist.h: the role an abbreviation stands for in
 * a description (w folded, without its final period: gov gives governor;
 * NULL for none), and whether tokens i and i + 1 spell a pair read
 * together (familiar with).
 */
extern const char *nx_words_role_of(const char *w);
extern int	nx_words_pair(const NxDoc *doc, size_t i);

#endif							/* NX_WORDS_H */
