/*
 * nx_text.h
 *	  The text layer: a UTF-8 document cut into tokens, sentences and
 *	  paragraphs, each with byte offsets (for the core) and character
 *	  offsets (for SQL: 0-based here, 1-based once they reach SQL).
 *
 * A "character" is a Unicode code point, which is what PostgreSQL's
 * length() and substr() count in a UTF-8 database.  An ill-formed UTF-8
 * sequence counts as one character per maximal ill-formed subpart.
 */
#ifndef NX_TEXT_H
#define NX_TEXT_H

#include "nx_alloc.h"

typedef enum NxTokKind
{
	NX_TOK_WORD = 0,			/* letters (and marks, digits, inner hyphens...) */
	NX_TOK_NUMBER,				/* digits, with inner . , : / - and a leading ’ (’90s) */
	NX_TOK_PUNCT,				/* . , ; : ! ? ( ) … and the like */
	NX_TOK_OPEN_QUOTE,			/* a quotation mark that opens: “ « „ ‹ and " ‘ ' by context */
	NX_TOK_CLOSE_QUOTE,			/* a quotation mark that closes: ” » › and " ’ ' by context */
	NX_TOK_APOSTROPHE,			/* an apostrophe alone (the Joneses’ house) */
	NX_TOK_CLITIC,				/* ’s n’t ’re ’ll ’ve ’d ’m split off a word */
	NX_TOK_DASH,				/* – — ― and -- */
	NX_TOK_SYMBOL,				/* $ % & @ # + = and other symbols */
	NX_TOK_EMOJI,				/* pictographs */
	NX_TOK_OTHER,				/* anything else that is not white space */
	NX_TOK__COUNT
} NxTokKind;

/* NxToken.flags */
#define NX_TF_SPACE_BEFORE	0x01	/* white space right before the token */
#define NX_TF_LINE_BEFORE	0x02	/* a line break before it */
#define NX_TF_PARA_BEFORE	0x04	/* a paragraph break before it */
#define NX_TF_UPPER_INITIAL	0x08	/* first letter is upper or title case */
#define NX_TF_ALL_UPPER		0x10	/* has letters, none lower case */
#define NX_TF_ABBREV		0x20	/* ends with a period that belongs to it (U.S., Sept.) */
/* the flags that tell what is around a token, not the token itself */
#define NX_TF_AROUND		(NX_TF_SPACE_BEFORE | NX_TF_LINE_BEFORE | NX_TF_PARA_BEFORE)

typedef struct NxToken
{
	uint32_t	b;				/* byte offset in the text */
	uint32_t	blen;			/* length in bytes */
	uint32_t	c;				/* character offset, 0-based */
	uint32_t	clen;			/* length in characters */
	uint32_t	sentence;		/* index into NxDoc.sent */
	uint8_t		kind;			/* NxTokKind */
	uint8_t		flags;			/* NX_TF_* */
	uint16_t	reserved;
} NxToken;

/* NxSentence.flags */
#define NX_SF_HEADER		0x01	/* a leading metadata line (date 2025-02-27) */
#define NX_SF_NO_FINAL		0x02	/* ends without final punctuation (headline, dateline) */

typedef struct NxSentence
{
	uint32_t	tok;			/* first token */
	uint32_t	ntok;			/* number of tokens (>= 1) */
	uint32_t	paragraph;		/* paragraph index, 0-based */
	uint32_t	flags;			/* NX_SF_* */
} NxSentence;

typedef struct NxDoc
{
	const char *text;			/* not owned */
	size_t		len;			/* bytes */
	size_t		nchars;			/* characters */
	NxToken    *tok;
	size_t		ntok;
	NxSentence *sent;
	size_t		nsent;
	size_t		npara;
	const NxAlloc *a;
} NxDoc;

/* Cut text into tokens, sentences and paragraphs.  On NX_OK, doc owns
 * arrays from a; release them with nx_doc_free.  Any byte string is valid
 * input; texts over NX_MAX_INPUT bytes give NX_ETOOBIG. */
extern NxStatus nx_doc_parse(NxDoc *doc, const char *text, size_t len,
							 const NxAlloc *a);
extern void nx_doc_free(NxDoc *doc);

/* Name of a token kind as SQL shows it ("word", "open_quote", ...). */
extern const char *nx_tok_kind_name(NxTokKind kind);

/* Is token i of doc the ASCII word w, ignoring the case of both? */
extern int	nx_tok_ieq(const NxDoc *doc, size_t i, const char *w);

/* Is s[0..len) one of the n words (compared byte for byte)? */
extern int	nx_word_in(const char *s, size_t len, const char *const *words, size_t n);

/*
 * Same texts: the first token of each distinct token in a document
 * (bytes, kind and flags but NX_TF_AROUND alike), for taggers whose
 * per-token analysis depends on those alone and is done once a text.  An open-addressing
 * table of first tokens, at most half full, 4 bytes a slot; first is
 * NULL where it could not be had (then every token is new).
 */
typedef struct NxSameText
{
	uint32_t   *first;			/* token index + 1, 0: empty */
	size_t		mask;
} NxSameText;

extern void nx_same_text_init(NxSameText *st, const NxDoc *doc, const NxAlloc *a);
extern void nx_same_text_free(NxSameText *st, const NxAlloc *a);

/*
 * The index of the first earlier token i is the same text as, or i
 * itself (recorded as the first of its text) when it is new.  Tokens
 * must be asked for in order.
 */
extern size_t nx_same_text(NxSameText *st, const NxDoc *doc, size_t i);

/* The same, given h = nx_fnv1a64 of token i's bytes (computed once by the caller). */
extern size_t nx_same_text_hashed(NxSameText *st, const NxDoc *doc, size_t i, uint64_t h);

/* Character offset one past the end of a token / sentence. */
static inline uint32_t
nx_tok_cend(const NxToken *t)
{
	return t->c + t->clen;
}

#endif							/* NX_TEXT_H */
