/*
 * nx_text.c
 *	  Cut UTF-8 text into tokens, sentences and paragraphs (nx_text.h):
 *	  the entry point, the names of token kinds, the word lists the
 *	  passes share, and token comparisons for the other modules.
 *
 * Three passes, each linear in the input:
 *
 *	 1. tokens (nx_text_tokens.c): one scan over the code points.  Words
 *		keep inner apostrophes (O’Brien) but give up clitics (Russia ’s,
 *		do n’t); hyphens between letters are tokens of their own
 *		(Ukraine - U.S.); numbers keep inner . , : / - (1996-08-30,
 *		13:30); an abbreviation or initial keeps its period (U.S., Sept.,
 *		A.).  Quotation marks are told open or close by their shape, and
 *		straight or single ones by the characters around them.
 *	 2. lines and paragraphs (nx_text_sentences.c): a blank line always
 *		breaks a paragraph; a single line break does too, unless the line
 *		wraps a sentence (the next line starts in lower case after a line
 *		without final punctuation).  A leading metadata header
 *		(`date 2025-02-27`, `Author: ...`) is a paragraph and a sentence
 *		of its own.
 *	 3. sentences (nx_text_sentences.c): a final . ! ? … ends a sentence
 *		together with any closing quotation marks and brackets after it,
 *		when what follows can start a sentence (so `“…,” he said.` and
 *		`“Why?” she asked.` stay whole).  Titles and initials never end
 *		one; U.S., Inc. and the like do only before a word that usually
 *		starts a sentence.
 *
 * What the passes share (character classes, the scanner, the
 * abbreviations) is in nx_text_int.h.
 */
#include <string.h>

#include "nx_hash.h"
#include "nx_text_int.h"

static const char *const kind_names[NX_TOK__COUNT] = {
	"word", "number", "punct", "open_quote", "close_quote", "apostrophe",
	"clitic", "dash", "symbol", "emoji", "other"
};

/* Name of a token kind as SQL shows it. */
const char *
nx_tok_kind_name(NxTokKind kind)
{
	return (unsigned) kind < NX_TOK__COUNT ? kind_names[kind] : "other";
}

/*
 * Abbreviations: titles never end a sentence (Mr., Gov., Sept.), others
 * may (Inc., Jr., Calif.).
 */
static const char *const ab_title[] = {
	"mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen", "lt", "col",
	"maj", "capt", "sgt", "cpl", "pvt", "adm", "cmdr", "brig", "rev", "hon",
	"msgr", "fr", "supt", "det", "insp", "pres", "mt", "messrs", "atty", "del",
	"amb", "gens", "sens", "reps", "govs", "lts", "cmdt", "mme", "mlle",
	"vs", "approx", "cf", "dept", "sgts", "drs", "profs", NULL
};

static const char *const ab_end[] = {
	"inc", "corp", "ltd", "co", "bros", "jr", "sr", "etc", "esq", "ave",
	"blvd", "rd", "st", "ft", "univ", "assn", "al", "plc", "llc", "cos",
	"calif", "ariz", "colo", "conn", "fla", "kan", "ky", "md", "mich",
	"minn", "mont", "neb", "nev", "okla", "tenn", "tex", "va", "vt", "wis",
	"wyo", "ala", "jan", "feb", "apr", "aug", "sept", "oct", "nov", "dec",
	NULL
};

/* Is token i of doc the ASCII word w, ignoring the case of both? */
int
nx_tok_ieq(const NxDoc *doc, size_t i, const char *w)
{
	return i < doc->ntok &&
		ascii_ieq((const uint8_t *) doc->text + doc->tok[i].b, doc->tok[i].blen, w);
}

/*
 * Is s[0..len) one of the n words, byte for byte?  The first byte is
 * compared before the word's length is counted: most tokens of a text
 * ask and match none.
 */
int
nx_word_in(const char *s, size_t len, const char *const *words, size_t n)
{
	if (len == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (words[i][0] == s[0] && strlen(words[i]) == len && memcmp(words[i], s, len) == 0)
			return 1;
	return 0;
}

/* See nx_text_int.h (cp_at). */
UChar32
nx_text_cp_decode(const Scan *sc, size_t i, size_t *next)
{
	UChar32		c;
	int32_t		j = 0;
	/* U8_NEXT needs an int32 length: look at most 4 bytes ahead */
	int32_t		n = (int32_t) (sc->len - i < 4 ? sc->len - i : 4);

	U8_NEXT(sc->s + i, j, n, c);
	*next = i + (size_t) j;
	return c;
}

/*
 * Is the word s[0..n) (without its period) a known abbreviation?  The
 * lists are in lower case, so the word is lowered once and compared byte
 * for byte (nx_word_in: the first byte first), as ascii_ieq would
 * compare it with each.
 */
int
nx_text_abbrev_class(const uint8_t *s, size_t n)
{
	char		low[6];

	if (n == 0 || n > sizeof(low))
		return AB_NONE;
	for (size_t i = 0; i < n; i++)
		low[i] = (char) ascii_lower(s[i]);
	if (nx_word_in(low, n, ab_title, sizeof(ab_title) / sizeof(ab_title[0]) - 1))
		return AB_TITLE;
	if (nx_word_in(low, n, ab_end, sizeof(ab_end) / sizeof(ab_end[0]) - 1))
		return AB_END;
	return AB_NONE;
}

/* Cut text into tokens, sentences and paragraphs. */
NxStatus
nx_doc_parse(NxDoc *doc, const char *text, size_t len, const NxAlloc *a)
{
	NxStatus	st;

	memset(doc, 0, sizeof(*doc));
	doc->text = text;
	doc->len = len;
	doc->a = a;
	if (len > NX_MAX_INPUT)
		return NX_ETOOBIG;
	st = nx_text_tokenize(doc);
	if (st != NX_OK)
		return st;
	st = nx_text_segment(doc);
	if (st != NX_OK)
	{
		nx_doc_free(doc);
		return st;
	}
	return NX_OK;
}

/* Release what nx_doc_parse allocated. */
void
nx_doc_free(NxDoc *doc)
{
	NX_FREE_CLEAR(doc->a, doc->tok);
	NX_FREE_CLEAR(doc->a, doc->sent);
	doc->ntok = doc->nsent = doc->npara = 0;
}

/* A table of first tokens for a document (nx_text.h). */
void
nx_same_text_init(NxSameText *st, const NxDoc *doc, const NxAlloc *a)
{
	size_t		tabsize = 16;

	while (tabsize < 2 * doc->ntok)
		tabsize <<= 1;
	st->mask = tabsize - 1;
	st->first = doc->ntok < UINT32_MAX ? nx_alloc(a, tabsize * sizeof(uint32_t)) : NULL;
	if (st->first)
		memset(st->first, 0, tabsize * sizeof(uint32_t));
}

void
nx_same_text_free(NxSameText *st, const NxAlloc *a)
{
	NX_FREE_CLEAR(a, st->first);
}

/* The first token of token i's text. */
size_t
nx_same_text(NxSameText *st, const NxDoc *doc, size_t i)
{
	return nx_same_text_hashed(st, doc, i, nx_fnv1a64(doc->text + doc->tok[i].b, doc->tok[i].blen));
}

size_t
nx_same_text_hashed(NxSameText *st, const NxDoc *doc, size_t i, uint64_t h)
{
	const NxToken *t = &doc->tok[i];
	const char *s = doc->text + t->b;
	size_t		j;

	if (!st->first)
		return i;
	for (j = (size_t) nx_mix64(h) & st->mask; st->first[j];
		 j = (j + 1) & st->mask)
	{
		const NxToken *u = &doc->tok[st->first[j] - 1];

		if (u->blen == t->blen && u->kind == t->kind &&
			((u->flags ^ t->flags) & ~NX_TF_AROUND) == 0 &&
			memcmp(doc->text + u->b, s, t->blen) == 0)
			return st->first[j] - 1;
	}
	st->first[j] = (uint32_t) i + 1;
	return i;
}
