/*
 * nx_quotemarks.c
 *	  Pair quotation marks into spans (nx_quotemarks.h, nx_quote_spans).
 *
 * The text layer has already told each mark open or close.  Pairing is one
 * pass with a small stack per paragraph:
 *	 - a closing mark pairs with the nearest open mark of the same family
 *	   (double: “ ” „ " « »; single: ‘ ’ ‚ ' ‹ ›); opening marks left above
 *	   it were stray and are dropped;
 *	 - two straight double marks cannot nest, so a second opening " while
 *	   one is open closes it (the text layer guessed wrong);
 *	 - at a paragraph break, a span still open continues when the next
 *	   paragraph starts with an opening mark of its family (the convention
 *	   for quotations over several paragraphs); otherwise a double span is
 *	   kept as running to the paragraph's end, a single one dropped (an
 *	   apostrophe the text layer could not tell);
 *	 - a closing double mark with nothing to pair makes a span from the
 *	   paragraph's start (or the end of the span before it).
 * The stack holds at most MAX_DEPTH marks, so the pass is linear.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "nx_quotemarks.h"

#define MAX_DEPTH 8

enum
{
	FAM_DOUBLE = 0,
	FAM_SINGLE = 1
};

typedef struct Open
{
	uint32_t	tok;
	uint8_t		fam;
	uint8_t		straight;
} Open;

typedef struct Out
{
	NxQuoteSpan *s;
	size_t		n;
	size_t		cap;
	const NxAlloc *a;
} Out;

/* Family of a quotation-mark token, and whether it is a straight mark. */
static int
mark_family(const NxDoc *doc, const NxToken *t, int *straight)
{
	int32_t		i = 0;
	UChar32		c;

	U8_NEXT((const uint8_t *) doc->text + t->b, i, (int32_t) t->blen, c);
	*straight = (c == '"' || c == '\'' || c == 0xFF02);
	if (t->blen == 2 && (c == '\'' || c == '`'))
		return FAM_DOUBLE;		/* '' or `` */
	switch (c)
	{
		case 0x2018:			/* ‘ */
		case 0x2019:			/* ’ */
		case 0x201A:			/* ‚ */
		case 0x201B:			/* ‛ */
		case 0x2039:			/* ‹ */
		case 0x203A:			/* › */
		case '\'':
		case '`':
			return FAM_SINGLE;
		default:
			return FAM_DOUBLE;
	}
}

static int
emit(Out *o, uint32_t open, uint32_t close, uint32_t depth, uint32_t flags)
{
	if (o->n == o->cap)
	{
		NxQuoteSpan *ns = nx_grow(o->a, o->s, sizeof(NxQuoteSpan), &o->cap,
								  o->cap ? 2 * o->cap : 16);

		if (!ns)
			return 0;
		o->s = ns;
	}
	o->s[o->n].open = open;
	o->s[o->n].close = close;
	o->s[o->n].depth = depth;
	o->s[o->n].flags = flags;
	o->n++;
	return 1;
}

static int
cmp_span(const void *x, const void *y)
{
	const NxQuoteSpan *a = x,
			   *b = y;

	if (a->open != b->open)
		return a->open < b->open ? -1 : 1;
	if (a->close != b->close)
		return a->close > b->close ? -1 : 1;
	return 0;
}

static inline uint32_t
para_of(const NxDoc *doc, size_t i)
{
	return doc->sent[doc->tok[i].sentence].paragraph;
}

/* Pair the quotation marks of a document. */
NxStatus
nx_quote_spans(const NxDoc *doc, NxQuoteSpan **out, size_t *n, const NxAlloc *a)
{
	Out			o = {NULL, 0, 0, a};
	Open		st[MAX_DEPTH];
	size_t		depth = 0;
	size_t		para_start = 0;		/* first token of the current paragraph */
	size_t		free_from = 0;		/* an unopened span may start here */

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i <= doc->ntok; i++)
	{
		const NxToken *t = i < doc->ntok ? &doc->tok[i] : NULL;
		int			newpara = (i == doc->ntok) ||
			(i > 0 && para_of(doc, i) != para_of(doc, i - 1));

		if ((i & 4095) == 0)
			nx_check_interrupts(a);
		if (newpara && i > 0)
		{
			/* close the paragraph: what is still open continues or runs out */
			if (depth > 0)
			{
				int			straight;
				int			cont = t && t->kind == NX_TOK_OPEN_QUOTE &&
					mark_family(doc, t, &straight) == st[0].fam;

				if (cont)
				{
					if (!emit(&o, st[0].tok, (uint32_t) (i - 1), 0,
							  NX_QS_CONTINUED | (st[0].fam == FAM_SINGLE ? NX_QS_SINGLE : 0)))
						goto nomem;
				}
				else if (st[0].fam == FAM_DOUBLE && st[0].tok + 1 < i)
				{
					if (!emit(&o, st[0].tok, (uint32_t) (i - 1), 0, NX_QS_UNCLOSED))
						goto nomem;
				}
			}
			depth = 0;
			para_start = free_from = i;
		}
		if (!t)
			break;
		if (t->kind == NX_TOK_OPEN_QUOTE)
		{
			int			straight;
			int			fam = mark_family(doc, t, &straight);

			if (straight && depth > 0 && st[depth - 1].straight && st[depth - 1].fam == fam)
			{
				/* straight marks do not nest: this one closes */
				depth--;
				if (!emit(&o, st[depth].tok, (uint32_t) i, (uint32_t) depth,
						  fam == FAM_SINGLE ? NX_QS_SINGLE : 0))
					goto nomem;
				free_from = i + 1;
				continue;
			}
			if (depth == MAX_DEPTH)
			{
				/* too deep to be real: forget the innermost */
				depth--;
			}
			st[depth].tok = (uint32_t) i;
			st[depth].fam = (uint8_t) fam;
			st[depth].straight = (uint8_t) straight;
			depth++;
		}
		else if (t->kind == NX_TOK_CLOSE_QUOTE)
		{
			int			straight;
			int			fam = mark_family(doc, t, &straight);
			size_t		j = depth;

			while (j > 0 && st[j - 1].fam != fam)
				j--;
			if (j > 0)
			{
				depth = j - 1;
				if (!emit(&o, st[depth].tok, (uint32_t) i, (uint32_t) depth,
						  fam == FAM_SINGLE ? NX_QS_SINGLE : 0))
					goto nomem;
				free_from = i + 1;
			}
			else if (fam == FAM_DOUBLE && depth == 0 && free_from < i)
			{
				if (!emit(&o, (uint32_t) (free_from > para_start ? free_from : para_start),
						  (uint32_t) i, 0, NX_QS_UNOPENED))
					goto nomem;
				free_from = i + 1;
			}
		}
	}
	if (o.n > 1)
		qsort(o.s, o.n, sizeof(NxQuoteSpan), cmp_span);
	*out = o.s;
	*n = o.n;
	return NX_OK;
nomem:
	nx_free(a, o.s);
	return NX_ENOMEM;
}
