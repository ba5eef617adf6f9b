/*
 * nx_article.h
 *	  The structure of a news article around its story: the leading
 *	  metadata header (`date 2025-02-27`, `Title: ...`), the headline, the
 *	  byline (`By Samuel Osei`), the dateline (`ISTANBUL (Reuters) -`) and
 *	  the live-blog update markers (`Update 1330 GMT: ...`).
 *
 * Everything here reads a parsed NxDoc and returns pieces of it as token
 * ranges, so a caller gets byte and character offsets from doc->tok.
 */
#ifndef NX_ARTICLE_H
#define NX_ARTICLE_H

#include "nx_alloc.h"
#include "nx_text.h"

/* Tokens [tok, tok + ntok) of a document; ntok 0 means absent. */
typedef struct NxRange
{
	uint32_t	tok;
	uint32_t	ntok;
} NxRange;

/* One header line: `date 2025-02-27` or `Author: Jane Roe`. */
typedef struct NxHeaderField
{
	NxRange		key;			/* the key as written (`Author`) */
	NxRange		value;			/* the value, or ntok 0 (`Tags:` alone) */
} NxHeaderField;

typedef struct NxArticleMeta
{
	NxHeaderField *header;		/* the header lines in order (from the
								 * allocator), NULL when nheader is 0 */
	size_t		nheader;
	NxRange		headline;		/* first short line without final
								 * punctuation, before the story */
	NxRange		byline;			/* the names after `By` */
	NxRange		dateline;		/* `ISTANBUL (Reuters)`, without the dash */
	NxRange		place;			/* `ISTANBUL` */
	NxRange		agency;			/* `Reuters`, inside the brackets */
	uint32_t	lead;			/* first token of the story itself; ntok
								 * of the document when there is none */
} NxArticleMeta;

/*
 * Read the metadata of an article.  On NX_OK, m->header comes from a
 * (release it with nx_free).  Linear in the first lines of the document.
 */
extern NxStatus nx_article_meta(const NxDoc *doc, NxArticleMeta *m,
								const NxAlloc *a);

/* Does a header key name a field (`Date`, `author`)? ASCII case-folded. */
extern int	nx_article_key_is(const NxDoc *doc, NxRange key, const char *name);

/*
 * The calendar date written in a header value: `2025-02-27` (also with a
 * time after it, or slashes), `27 February 2025`, `Feb. 27, 2025`.
 * Returns 1 and sets *y, *m, *d for a valid date, else 0.
 */
extern int	nx_article_date(const NxDoc *doc, NxRange value,
							int *y, int *m, int *d);

/* A live-blog update marker and its text. */
typedef struct NxUpdate
{
	NxRange		marker;			/* `Update 1330 GMT` */
	int			hour;			/* 0..23 */
	int			minute;			/* 0..59 */
	NxRange		zone;			/* `GMT`, or ntok 0 */
	NxRange		text;			/* the rest of the marker's line (or the
								 * next line when the marker stands alone) */
} NxUpdate;

/*
 * Find the update markers of a live blog: a line starting `Update 1330
 * GMT:`, `UPDATE, 13:30 BST -`, `Updated at 9.45am:`, or a time and zone
 * alone (`13:30 GMT: ...`).  On NX_OK, *out holds *n updates in text order,
 * allocated from a (NULL when *n is 0).
 */
extern NxStatus nx_article_updates(const NxDoc *doc, NxUpdate **out, size_t *n,
								   const NxAlloc *a);

/* Character offset and length of a range (0-based; 0, 0 when absent). */
static inline uint32_t
nx_range_c(const NxDoc *doc, NxRange r)
{
	return r.ntok ? doc->tok[r.tok].c : 0;
}

static inline uint32_t
nx_range_clen(const NxDoc *doc, NxRange r)
{
	return r.ntok ? nx_tok_cend(&doc->tok[r.tok + r.ntok - 1]) - doc->tok[r.tok].c : 0;
}

/* Byte offset and length of a range. */
static inline uint32_t
nx_range_b(const NxDoc *doc, NxRange r)
{
	return r.ntok ? doc->tok[r.tok].b : 0;
}

static inline uint32_t
nx_range_blen(const NxDoc *doc, NxRange r)
{
	const NxToken *l;

	if (!r.ntok)
		return 0;
	l = &doc->tok[r.tok + r.ntok - 1];
	return l->b + l->blen - doc->tok[r.tok].b;
}

#endif							/* NX_ARTICLE_H */
