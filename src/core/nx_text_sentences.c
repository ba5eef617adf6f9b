/*
 * nx_text_sentences.c
 *	  Passes 2 and 3 of the text layer (nx_text.h): paragraphs, the
 *	  leading metadata header, and sentences, over the tokens of pass 1.
 *
 * Paragraphs: a blank line always breaks a paragraph; a single line
 * break does too, unless the line wraps a sentence (the next line starts
 * in lower case after a line without final punctuation).  A leading
 * metadata header (`date 2025-02-27`, `Author: ...`) is a paragraph and
 * a sentence of its own, a sentence a line.
 *
 * Sentences: a final . ! ? … ends a sentence together with any closing
 * quotation marks and brackets after it, when what follows can start a
 * sentence (so `“…,” he said.` and `“Why?” she asked.` stay whole).
 * Titles and initials never end one; U.S., Inc. and the like do only
 * before a word that usually starts a sentence.
 */
#include <string.h>

#include "nx_text_int.h"

/* Longest sentence, in tokens; longer runs are cut (keeps later stages bounded). */
#define MAX_SENT_TOKENS 1024

/* Words that usually start a sentence, for deciding after U.S. or Inc. */
static const char *const starters[] = {
	"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this",
	"that", "these", "those", "there", "but", "and", "or", "so", "yet", "in",
	"on", "at", "for", "as", "if", "when", "while", "after", "before",
	"since", "although", "though", "his", "her", "its", "their", "our", "my",
	"what", "who", "why", "how", "where", "which", "some", "many", "most",
	"all", "no", "not", "meanwhile", "however", "still", "also", "now",
	"then", "today", "yesterday", "earlier", "later", "both", "each", "one",
	"asked", "under", "during", "despite", "with", "by", "from", "to", NULL
};

/* Is s[0..n) one of the starters? */
static int
is_starter(const uint8_t *s, size_t n)
{
	int			k;

	if (n > 9)
		return 0;
	for (k = 0; starters[k]; k++)
		if (ascii_ieq(s, n, starters[k]))
			return 1;
	return 0;
}

/* Is token t the string s, byte for byte? */
static inline int
tok_is(const NxDoc *d, const NxToken *t, const char *s)
{
	size_t		n = strlen(s);

	return t->blen == n && memcmp(d->text + t->b, s, n) == 0;
}

/* Final punctuation: . ! ? … ... and ?! runs. */
static int
is_final(const NxDoc *d, const NxToken *t)
{
	const char *s = d->text + t->b;

	if (t->kind != NX_TOK_PUNCT)
		return 0;
	if (s[0] == '.' || s[0] == '!' || s[0] == '?')
		return 1;
	if (t->blen == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0)	/* … */
		return 1;
	if (t->blen >= 2 && ((uint8_t) s[0] == 0xEF && ((uint8_t) s[1] == 0xBC) &&
						 ((uint8_t) s[2] == 0x81 || (uint8_t) s[2] == 0x9F)))
		return 1;				/* fullwidth ! ? */
	if (t->blen == 3 && memcmp(s, "\xE3\x80\x82", 3) == 0)	/* 。 */
		return 1;
	return 0;
}

/* Closing brackets and quotes that stay with the sentence before them. */
static int
is_closer(const NxDoc *d, const NxToken *t)
{
	if (t->kind == NX_TOK_CLOSE_QUOTE)
		return 1;
	if (t->kind == NX_TOK_PUNCT && t->blen == 1)
	{
		char		c = d->text[t->b];

		return c == ')' || c == ']' || c == '}';
	}
	return 0;
}

/* Can token t start a sentence? */
static int
can_start(const NxDoc *d, const NxToken *t)
{
	if (t->flags & (NX_TF_UPPER_INITIAL))
		return 1;
	switch (t->kind)
	{
		case NX_TOK_NUMBER:
		case NX_TOK_OPEN_QUOTE:
		case NX_TOK_DASH:
		case NX_TOK_SYMBOL:
		case NX_TOK_EMOJI:
			return 1;
		case NX_TOK_PUNCT:
			return d->text[t->b] == '(' || d->text[t->b] == '[';
		case NX_TOK_WORD:
			/* a word in a script without case */
			{
				size_t		nx;
				Scan		sc = {(const uint8_t *) d->text, d->len};
				UChar32		c = cp_at(&sc, t->b, &nx);

				return !is_lower(c) && cls(c) == C_LETTER;
			}
		default:
			return 0;
	}
}

/* Header keys: `date 2025-02-27`, `Author: Jane Roe`. */
static const char *const header_keys[] = {
	"date", "published", "updated", "modified", "author", "authors", "by",
	"byline", "source", "url", "link", "title", "headline", "section",
	"category", "tags", "keywords", "language", "lang", "id", "dateline",
	"location", "publisher", "outlet", "time", "subject", "slug", NULL
};

/* Is token t a header key? */
static int
is_header_key(const NxDoc *d, const NxToken *t)
{
	int			k;

	if (t->kind != NX_TOK_WORD || t->blen > 10)
		return 0;
	for (k = 0; header_keys[k]; k++)
		if (ascii_ieq((const uint8_t *) d->text + t->b, t->blen, header_keys[k]))
			return 1;
	return 0;
}

/*
 * Length in tokens of the leading metadata header, or 0.  A header is one
 * or more lines `key: value` or `key value` (date-like keys followed by a
 * number), where key is a known metadata key; without a colon the value
 * ends after its numbers (the seed's `date 2025-02-27 The Russian ...`).
 */
static size_t
header_len(const NxDoc *d)
{
	size_t		i = 0,
				n = d->ntok;

	while (i < n && is_header_key(d, &d->tok[i]) &&
		   (i == 0 || (d->tok[i].flags & NX_TF_LINE_BEFORE)))
	{
		size_t		j = i + 1;

		if (j < n && tok_is(d, &d->tok[j], ":") &&
			!(d->tok[j].flags & NX_TF_LINE_BEFORE))
		{
			j++;
			while (j < n && !(d->tok[j].flags & NX_TF_LINE_BEFORE))
				j++;
		}
		else if (j < n && d->tok[j].kind == NX_TOK_NUMBER &&
				 !(d->tok[j].flags & NX_TF_LINE_BEFORE) &&
				 !(d->tok[i].flags & NX_TF_UPPER_INITIAL))
		{
			while (j < n && !(d->tok[j].flags & NX_TF_LINE_BEFORE) &&
				   (d->tok[j].kind == NX_TOK_NUMBER ||
					(tok_is(d, &d->tok[j], "UTC") || tok_is(d, &d->tok[j], "GMT"))))
				j++;
		}
		else
			break;
		i = j;
	}
	return i >= n ? 0 : i;		/* a header with nothing after is just text */
}

/* Does the line break before token i wrap a sentence (not a new paragraph)? */
static int
is_wrap(const NxDoc *d, size_t i)
{
	const NxToken *t = &d->tok[i];
	const NxToken *p = &d->tok[i - 1];
	Scan		sc = {(const uint8_t *) d->text, d->len};
	size_t		nx;
	UChar32		c = cp_at(&sc, t->b, &nx);

	if (is_final(d, p) || is_closer(d, p) ||
		(p->kind == NX_TOK_PUNCT && d->text[p->b] == ':'))
		return 0;
	return is_lower(c) || (p->kind == NX_TOK_PUNCT && d->text[p->b] == ',');
}

/* Passes 2 and 3: the sentences and paragraphs of the tokens. */
NxStatus
nx_text_segment(NxDoc *d)
{
	size_t		n = d->ntok,
				cap = n / 8 + 16,
				ns = 0,
				i,
				start = 0,
				lnc = 0,		/* last token of [start, i) not a closer, or start */
				hdr;
	uint32_t	para = 0;
	NxSentence *s = nx_alloc(d->a, cap * sizeof(NxSentence));

	if (!s)
		return NX_ENOMEM;
	hdr = header_len(d);

	for (i = 0; i <= n; i++)
	{
		int			brk = 0,
					pbrk = 0;

		if ((i & 4095) == 0)
			nx_check_interrupts(d->a);
		if (i > start && !is_closer(d, &d->tok[i - 1]))
			lnc = i - 1;
		if (i == n)
			brk = 1;
		else if (i > start)
		{
			const NxToken *t = &d->tok[i];

			if (hdr && i == hdr)
				brk = pbrk = 1;
			else if (i < hdr && (t->flags & NX_TF_LINE_BEFORE))
				brk = 1;		/* each header line a sentence */
			else if (t->flags & NX_TF_PARA_BEFORE)
				brk = pbrk = 1;
			else if ((t->flags & NX_TF_LINE_BEFORE) && !is_wrap(d, i))
				brk = pbrk = 1;
			else if (i - start >= MAX_SENT_TOKENS)
				brk = 1;
			else
			{
				/*
				 * sentence end: final punctuation (+ closers) and a starter;
				 * j skips the closers before i (kept as lnc, so that a run
				 * of closing marks is not walked again at every token)
				 */
				size_t		j = lnc;
				const NxToken *p = &d->tok[j];

				if (is_final(d, p) && !is_final(d, t) && !is_closer(d, t) &&
					can_start(d, t))
				{
					/* "... on Oct. 5" is handled by the abbreviation;
					 * a period after a closing quote only ends if j < i-1 */
					brk = 1;
				}
				else if ((p->flags & NX_TF_ABBREV) && j == i - 1 && can_start(d, t))
				{
					const uint8_t *w = (const uint8_t *) d->text + p->b;
					size_t		wl = p->blen - 1;
					int			ac = nx_text_abbrev_class(w, wl);

					if (ac == AB_TITLE || (p->clen == 2 && ac == AB_NONE))
						brk = 0;	/* Gov. X, A. Eadeh */
					else if (t->kind == NX_TOK_OPEN_QUOTE ||
							 (t->kind == NX_TOK_WORD &&
							  is_starter((const uint8_t *) d->text + t->b, t->blen)))
						brk = 1;	/* ... in the U.S. The next */
				}
			}
		}
		if (!brk)
			continue;
		if (i > start)
		{
			NxSentence *se;
			size_t		k;

			if (ns == cap)
			{
				NxSentence *t2 = nx_grow(d->a, s, sizeof(NxSentence), &cap, cap * 2);

				if (!t2)
				{
					nx_free(d->a, s);
					return NX_ENOMEM;
				}
				s = t2;
			}
			se = &s[ns];
			se->tok = (uint32_t) start;
			se->ntok = (uint32_t) (i - start);
			se->paragraph = para;
			se->flags = 0;
			if (start < hdr)
				se->flags |= NX_SF_HEADER;
			{
				size_t		j = i - 1;

				while (j > start && is_closer(d, &d->tok[j]))
					j--;
				if (!is_final(d, &d->tok[j]))
					se->flags |= NX_SF_NO_FINAL;
			}
			for (k = start; k < i; k++)
				d->tok[k].sentence = (uint32_t) ns;
			ns++;
		}
		if (pbrk)
			para++;
		start = i;
		lnc = i;
	}
	d->sent = s;
	d->nsent = ns;
	d->npara = ns ? s[ns - 1].paragraph + 1 : 0;
	return NX_OK;
}
