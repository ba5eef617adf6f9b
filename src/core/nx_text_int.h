/*
 * nx_text_int.h
 *	  Internals of the text layer (nx_text.h) shared by its passes: the
 *	  character classes, the scanner over code points, ASCII word
 *	  comparison and the abbreviation lists' lookup.
 *
 * nx_text.c parses a document with the two files of its passes:
 * nx_text_tokens.c (pass 1, tokens) and nx_text_sentences.c (passes 2 and
 * 3, paragraphs and sentences).
 */
#ifndef NX_TEXT_INT_H
#define NX_TEXT_INT_H

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "nx_text.h"

/* Character classes. */
enum
{
	C_SPACE,					/* white space and controls */
	C_NEWLINE,					/* \n, \r, U+2028, U+2029, \v, \f */
	C_FORMAT,					/* zero-width and other format characters */
	C_LETTER,
	C_MARK,						/* combining marks */
	C_DIGIT,
	C_PUNCT,
	C_SYMBOL,
	C_OTHER
};

/*
 * Classes of the ASCII code points, for cls: white space and controls
 * (S), line breaks (N: \n \v \f \r), letters, digits, the symbols $ + <
 * = > ^ ` | ~ (Y), other punctuation (P).  Sixteen a row.
 */
#define S C_SPACE
#define N C_NEWLINE
#define L C_LETTER
#define D C_DIGIT
#define P C_PUNCT
#define Y C_SYMBOL
static const uint8_t ascii_class[128] = {
	S, S, S, S, S, S, S, S, S, S, N, N, N, N, S, S,
	S, S, S, S, S, S, S, S, S, S, S, S, S, S, S, S,
	S, P, P, P, Y, P, P, P, P, P, P, Y, P, P, P, P,
	D, D, D, D, D, D, D, D, D, D, P, P, Y, Y, Y, P,
	P, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, P, P, P, Y, P,
	Y, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,
	L, L, L, L, L, L, L, L, L, L, L, P, Y, P, Y, S,
};
#undef S
#undef N
#undef L
#undef D
#undef P
#undef Y

/* Class of a code point (negative: an ill-formed byte sequence). */
static inline int
cls(UChar32 c)
{
	if (c < 0)
		return C_OTHER;
	if (c < 128)
		return ascii_class[c];
	if (c == 0x2028 || c == 0x2029 || c == 0x85)
		return C_NEWLINE;
	switch (u_charType(c))
	{
		case U_UPPERCASE_LETTER:
		case U_LOWERCASE_LETTER:
		case U_TITLECASE_LETTER:
		case U_MODIFIER_LETTER:
		case U_OTHER_LETTER:
			return C_LETTER;
		case U_NON_SPACING_MARK:
		case U_ENCLOSING_MARK:
		case U_COMBINING_SPACING_MARK:
			return C_MARK;
		case U_DECIMAL_DIGIT_NUMBER:
		case U_LETTER_NUMBER:
		case U_OTHER_NUMBER:
			return C_DIGIT;
		case U_SPACE_SEPARATOR:
		case U_LINE_SEPARATOR:
		case U_PARAGRAPH_SEPARATOR:
		case U_CONTROL_CHAR:
			return C_SPACE;
		case U_FORMAT_CHAR:
			return C_FORMAT;
		case U_DASH_PUNCTUATION:
		case U_START_PUNCTUATION:
		case U_END_PUNCTUATION:
		case U_CONNECTOR_PUNCTUATION:
		case U_OTHER_PUNCTUATION:
		case U_INITIAL_PUNCTUATION:
		case U_FINAL_PUNCTUATION:
			return C_PUNCT;
		case U_MATH_SYMBOL:
		case U_CURRENCY_SYMBOL:
		case U_MODIFIER_SYMBOL:
		case U_OTHER_SYMBOL:
			return C_SYMBOL;
		default:
			return C_OTHER;
	}
}

/* Is c an upper-case or title-case letter? */
static inline int
is_upper(UChar32 c)
{
	if (c < 128)
		return c >= 'A' && c <= 'Z';
	return c > 0 && (u_isupper(c) || u_istitle(c));
}

/* Is c a lower-case letter? */
static inline int
is_lower(UChar32 c)
{
	if (c < 128)
		return c >= 'a' && c <= 'z';
	return c > 0 && u_islower(c);
}

/* ------------------------------------------------------------------------
 * Scanner: a cursor over code points with their byte and character offsets.
 */
typedef struct Scan
{
	const uint8_t *s;
	size_t		len;
} Scan;

/* cp_at past ASCII (nx_text.c): a multi-byte or ill-formed sequence. */
extern UChar32 nx_text_cp_decode(const Scan *sc, size_t i, size_t *next);

/*
 * Code point at byte i (i < len); *next gets the byte after it.  ASCII
 * inline, the rest out of line: whole, the decoding was too large for
 * the compiler to inline into the scanners' loops, and most characters
 * of news are ASCII.
 */
static inline UChar32
cp_at(const Scan *sc, size_t i, size_t *next)
{
	if (sc->s[i] < 0x80)
	{
		*next = i + 1;
		return sc->s[i];
	}
	return nx_text_cp_decode(sc, i, next);
}

/* Code point at byte i, or -2 at the end of the text. */
static inline UChar32
peek(const Scan *sc, size_t i)
{
	size_t		n;

	return i < sc->len ? cp_at(sc, i, &n) : -2;
}

/* ------------------------------------------------------------------------
 * Abbreviations.
 */
enum
{
	AB_NONE,
	AB_TITLE,					/* never ends a sentence (Mr., Gov., Sept.) */
	AB_END						/* may end one (Inc., Jr., Calif.) */
};

/* Is the word s[0..n) (without its period) a known abbreviation? AB_*. */
extern int	nx_text_abbrev_class(const uint8_t *s, size_t n);

/* Lower case of an ASCII letter; any other byte as it is. */
static inline int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/*
 * Case-insensitive ASCII comparison of s[0..n) with a NUL-terminated word,
 * both sides folded: a token "Q" matches "Q" and "q" alike.
 */
static inline int
ascii_ieq(const uint8_t *s, size_t n, const char *w)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		int			c = ascii_lower(s[i]),
					wc = (unsigned char) w[i];

		/* word lists are lower case: test that first */
		if (wc == '\0' || (c != wc && c != ascii_lower(wc)))
			return 0;
	}
	return w[i] == '\0';
}

/* Pass 1 (nx_text_tokens.c): doc->tok, ntok and nchars from doc->text. */
extern NxStatus nx_text_tokenize(NxDoc *doc);

/* Passes 2 and 3 (nx_text_sentences.c): doc->sent, nsent and npara. */
extern NxStatus nx_text_segment(NxDoc *doc);

#endif							/* NX_TEXT_INT_H */
