/*
 * nx_quotemarks.h
 *	  Quotation-mark spans: the document's quotation marks paired into
 *	  spans (every style, nesting, unbalanced marks, quotations running
 *	  over paragraphs with an opening mark on each one).  Read by the
 *	  attribution tagger's features (nx_attrib.h) and by the quotation
 *	  pipeline (nx_quotes.h); it depends on neither.
 */
#ifndef NX_QUOTEMARKS_H
#define NX_QUOTEMARKS_H

#include "nx_alloc.h"
#include "nx_text.h"

/* NxQuoteSpan.flags */
#define NX_QS_UNCLOSED	0x01	/* no closing mark: runs to the paragraph's end */
#define NX_QS_UNOPENED	0x02	/* no opening mark: runs from the paragraph's start */
#define NX_QS_CONTINUED 0x04	/* continues in the next paragraph (its opening
								 * mark there reopens it) */
#define NX_QS_SINGLE	0x08	/* single marks (‘ ’ ' ‹ ›) rather than double */

/* A quoted span: tokens [open, close], the marks included when present. */
typedef struct NxQuoteSpan
{
	uint32_t	open;			/* the opening mark, or first token (UNOPENED) */
	uint32_t	close;			/* the closing mark, or last token (UNCLOSED) */
	uint32_t	depth;			/* 0 outermost, 1 inside another span ... */
	uint32_t	flags;			/* NX_QS_* */
} NxQuoteSpan;

/*
 * Pair the quotation marks of a document.  On NX_OK, *out holds *n spans
 * sorted by opening token (outer before inner), allocated from a (NULL
 * when *n is 0).  Linear in the number of tokens.
 */
extern NxStatus nx_quote_spans(const NxDoc *doc, NxQuoteSpan **out, size_t *n,
							   const NxAlloc *a);

#endif							/* NX_QUOTEMARKS_H */
