/*
 * nx_entities.h
 *	  Named entities of a document as readers see them: the tagger's
 *	  mentions (nx_ner_tag) cleaned up, made consistent across the
 *	  document, and linked to the fullest form of the same entity.
 *
 * Consistency of labels across the document is the tagger's own second
 * stage (nx_ner.h): a vote over mentions here was tried and lost F1 on
 * CoNLL, where the same words are often two types (NEW YORK the city in a
 * dateline, the team in a table).
 *
 * What nx_entities_extract does after tagging:
 *	 - drops mentions in a metadata header (NX_SF_HEADER sentences);
 *	 - trims quotation marks, punctuation, apostrophes and dashes from
 *	   both ends, but keeps symbols (C$) and a closing bracket opened
 *	   inside (Mladost (BJ)); a possessive clitic goes from a person
 *	   (Putin’s gives Putin) while other types keep one the tagger gave
 *	   them (Lord's, the cricket ground);
 *	 - cuts a mention at a square bracket (an editor's insertion:
 *	   Secretary [Marco] Rubio tagged as one name gives Marco and Rubio),
 *	   at a round one it does not close or open, and at a
 *	   hyphen between two whole place names of the lexicon (the
 *	   Ukraine-U.S. angle gives Ukraine and U.S., both LOC);
 *	 - makes a mention a person when a personal honorific (Mr, Mrs, Ms,
 *	   Dr, Mister) begins it or stands right before it: the tagger's
 *	   document consistency can carry an ORG reading of a headline
 *	   (Obama Power Plant Rules ...) to every Mr. Obama of the article;
 *	 - takes leading titles off persons, using the model's "title" lexicon
 *	   class (President Putin gives Putin, press secretary Karoline Leavitt
 *	   gives Karoline Leavitt), unless nothing would be left (a piece of
 *	   a cut mention that is only a title is dropped);
 *	 - reads seats of government named for the institution (Kremlin,
 *	   White House, Pentagon, Downing Street ...) as ORG where the tagger
 *	   says LOC: CoNLL-2003 marks them LOC, modern news annotation ORG;
 *	 - canonical: the fullest form of the entity in the document.  A
 *	   person is linked to a longer person whose names begin or end with
 *	   its names (Putin, Vladimir -> Vladimir Putin), an organisation to a
 *	   longer one it begins (Fox -> Fox News), and any non-person acronym
 *	   to the longer name of the same type whose capitalised words give
 *	   it (FSB -> Federal Security Service, U.S. -> United States), and
 *	   the acronym takes that name's type (US tagged MISC in "the US
 *	   administration" becomes LOC when United States is LOC).  When
 *	   several longer forms qualify, the longest wins, then the one seen
 *	   last before the mention, then the first after it.  A form written
 *	   in mixed case is preferred to the same words in capitals.
 *	 - key: the type in lower case, ':', and the canonical form under
 *	   Unicode NFKC case folding with ’ read as ' (person:vladimir putin),
 *	   for grouping and joining across documents: nx_key_make (nx_key.h),
 *	   which makes the speaker keys of quotations too.
 */
#ifndef NX_ENTITIES_H
#define NX_ENTITIES_H

#include "nx_alloc.h"
#include "nx_model.h"
#include "nx_ner.h"
#include "nx_text.h"

/* One entity mention. */
typedef struct NxEnt
{
	uint32_t	c;				/* character offset in the text, 0-based */
	uint32_t	clen;			/* length in characters */
	uint32_t	b;				/* byte offset */
	uint32_t	blen;			/* length in bytes */
	uint32_t	tok;			/* first token (NxDoc.tok index) */
	uint32_t	ntok;			/* number of tokens */
	uint32_t	sentence;		/* NxDoc.sent index, 0-based */
	float		conf;			/* lowest label probability of its tokens, 0..1 */
	const char *type;			/* "PERSON", "ORG", "LOC", "MISC" (static) */
	const char *canonical;		/* NUL-terminated UTF-8, white space runs as one space */
	const char *key;			/* NUL-terminated UTF-8, e.g. "person:vladimir putin" */
} NxEnt;

/*
 * Tag a parsed document with an NER model and post-process the mentions
 * as described above.  On NX_OK, *out holds *n mentions in document order
 * and the strings they point to, in one allocation from a: release it
 * with nx_free(a, *out).  *out is NULL when *n is 0.
 */
extern NxStatus nx_entities_extract(const NxModel *m, const NxDoc *doc,
									NxEnt **out, size_t *n, const NxAlloc *a);

/*
 * The post-processing alone, over mentions already found (nx_ner_tag's
 * output, in document order, type indexes into m's labels).  The model
 * gives type names and the title lexicon.  Used by nx_entities_extract
 * and by tests.
 */
extern NxStatus nx_entities_from_mentions(const NxModel *m, const NxDoc *doc,
										  const NxEntity *in, size_t nin,
										  NxEnt **out, size_t *n,
										  const NxAlloc *a);

/* Reader's name of a model type: PER -> "PERSON"; ORG, LOC, MISC as is. */
extern const char *nx_entity_type_name(const NxModel *m, uint32_t type);

#endif							/* NX_ENTITIES_H */
