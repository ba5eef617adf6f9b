/*
 * nx_text.c
 *	  Cut UTF-8 text into tokens, sentences and paragraphs (nx_text.h).
 *
 * Three passes, each linear in the input:
 *
 *	 1. tokens: one scan over the code points.  Words keep inner
 *		apostrophes (O’Brien) but give up clitics (Russia ’s, do n’t);
 *		hyphens between letters are tokens of their own (Ukraine - U.S.);
 *		numbers keep inner . , : / - (1996-08-30, 13:30); an abbreviation
 *		or initial keeps its period (U.S., Sept., A.).  Quotation marks are
 *		told open or close by their shape, and straight or single ones by
 *		the characters around them.
 *	 2. lines and paragraphs: a blank line always breaks a paragraph; a
 *		single line break does too, unless the line wraps a sentence (the
 *		next line starts in lower case after a line without final
 *		punctuation).  A leading metadata header (`date 2025-02-27`,
 *		`Author: ...`) is a paragraph and a sentence of its own.
 *	 3. sentences: a final . ! ? … ends a sentence together with any closing
 *		quotation marks and brackets after it, when what follows can start
 *		a sentence (so `“…,” he said.` and `“Why?” she asked.` stay whole).
 *		Titles and initials never end one; U.S., Inc. and the like do only
 *		before a word that usually starts a sentence.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "nx_text.h"

/* Longest sentence, in tokens; longer runs are cut (keeps later stages bounded). */
#define MAX_SENT_TOKENS 1024

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

/* ASCII characters that are symbols, not punctuation: $ + < = > ^ ` | ~ */
static inline int
is_ascii_symbol(UChar32 c)
{
	switch (c)
	{
		case '$':
		case '+':
		case '<':
		case '=':
		case '>':
		case '^':
		case '`':
		case '|':
		case '~':
			return 1;
		default:
			return 0;
	}
}

/* Class of a code point (negative: an ill-formed byte sequence). */
static int
cls(UChar32 c)
{
	if (c < 0)
		return C_OTHER;
	if (c < 128)
	{
		if (c == '\n' || c == '\r' || c == '\v' || c == '\f')
			return C_NEWLINE;
		if (c <= ' ' || c == 127)
			return C_SPACE;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			return C_LETTER;
		if (c >= '0' && c <= '9')
			return C_DIGIT;
		if (is_ascii_symbol(c))
			return C_SYMBOL;
		return C_PUNCT;
	}
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

static inline int
is_apos(UChar32 c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static inline int
is_hyphen(UChar32 c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

static inline int
is_dash(UChar32 c)
{
	return c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2E3A;
}

/* Quotation marks: 1 opens, 2 closes, 3 either (decided by context). */
static inline int
quote_shape(UChar32 c)
{
	switch (c)
	{
		case 0x201C:			/* “ */
		case 0x201E:			/* „ */
		case 0x201A:			/* ‚ */
		case 0x2018:			/* ‘ */
		case 0x00AB:			/* « */
		case 0x2039:			/* ‹ */
		case 0x201F:			/* ‟ */
		case 0x300C:			/* 「 */
		case 0x300E:			/* 『 */
		case 0x301D:			/* 〝 */
			return 1;
		case 0x201D:			/* ” */
		case 0x00BB:			/* » */
		case 0x203A:			/* › */
		case 0x300D:			/* 」 */
		case 0x300F:			/* 』 */
		case 0x301E:			/* 〞 */
			return 2;
		case '"':
		case '\'':
		case 0x2019:			/* ’ */
		case 0xFF02:			/* ＂ */
			return 3;
		default:
			return 0;
	}
}

static inline int
is_upper(UChar32 c)
{
	if (c < 128)
		return c >= 'A' && c <= 'Z';
	return c > 0 && (u_isupper(c) || u_istitle(c));
}

static inline int
is_lower(UChar32 c)
{
	if (c < 128)
		return c >= 'a' && c <= 'z';
	return c > 0 && u_islower(c);
}

static inline int
is_emoji(UChar32 c)
{
	return c >= 0x2000 && u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC);
}

/* Regional indicators: two make a flag. */
static inline int
is_regional_indicator(UChar32 c)
{
	return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/*
 * What modifies or joins the emoji before it: variation selectors, the
 * keycap, skin tones, regional indicators, tag characters.
 */
static inline int
is_emoji_modifier(UChar32 c)
{
	if (c == 0xFE0F || c == 0xFE0E || c == 0x20E3)
		return 1;
	return (c >= 0x1F3FB && c <= 0x1F3FF) || is_regional_indicator(c) ||
		(c >= 0xE0020 && c <= 0xE007F);
}

/* Is c a mark that opens (bracket, quotation mark), a dash, a hyphen or a slash? */
static inline int
is_opener(UChar32 c)
{
	return c == '(' || c == '[' || c == '{' || is_dash(c) || c == '-' ||
		quote_shape(c) == 1 || c == '/';
}

/* ------------------------------------------------------------------------
 * Scanner: a cursor over code points with their byte and character offsets.
 */
typedef struct Scan
{
	const uint8_t *s;
	size_t		len;
} Scan;

/* Code point at byte i (i < len); *next gets the byte after it. */
static inline UChar32
cp_at(const Scan *sc, size_t i, size_t *next)
{
	UChar32		c;
	int32_t		j = 0;

	if (sc->s[i] < 0x80)
	{
		*next = i + 1;
		return sc->s[i];
	}
	/* U8_NEXT needs an int32 length: look at most 4 bytes ahead */
	{
		int32_t		n = (int32_t) (sc->len - i < 4 ? sc->len - i : 4);

		U8_NEXT(sc->s + i, j, n, c);
	}
	*next = i + (size_t) j;
	return c;
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

static const char *const ab_title[] = {
	"mr", "mrs", "ms", "dr", "prof", "gov", "sen", "rep", "gen", "lt", "col",
	"maj", "capt", "sgt", "cpl", "pvt", "adm", "cmdr", "brig", "rev", "hon",
	"msgr", "fr", "supt", "det", "insp", "pres", "mt", "messrs", "atty",
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

int
nx_tok_ieq(const NxDoc *doc, size_t i, const char *w)
{
	return i < doc->ntok &&
		ascii_ieq((const uint8_t *) doc->text + doc->tok[i].b, doc->tok[i].blen, w);
}

/* Is s[0..len) one of the n words, byte for byte? */
int
nx_word_in(const char *s, size_t len, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(words[i]) == len && memcmp(words[i], s, len) == 0)
			return 1;
	return 0;
}

/* Is the word s[0..n) (without its period) a known abbreviation? */
static int
abbrev_class(const uint8_t *s, size_t n)
{
	int			k;

	if (n == 0 || n > 6)
		return AB_NONE;
	for (k = 0; ab_title[k]; k++)
		if (ascii_ieq(s, n, ab_title[k]))
			return AB_TITLE;
	for (k = 0; ab_end[k]; k++)
		if (ascii_ieq(s, n, ab_end[k]))
			return AB_END;
	return AB_NONE;
}

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

/* ------------------------------------------------------------------------
 * Pass 1: tokens.
 */
typedef struct Lex
{
	Scan		sc;
	const NxAlloc *a;
	NxToken    *tok;
	size_t		ntok;
	size_t		cap;
	size_t		nchars;
	int			straight_open;	/* a " is open */
	int			single_open;	/* a ‘ or ' is open */
	UChar32		prevc;			/* the code point before the scan, -2 at the start */
	int			prevk;			/* its class */
	int			pend;			/* NX_TF_* flags of the next token, from the gap before it */
	int			newlines;		/* line breaks in that gap */
	size_t		work;			/* characters looked at, for interrupt checks */
} Lex;

/*
 * Count one character looked at; check for interrupts every 64k of them.
 * Every loop over the text calls it, so a long word or a long run of white
 * space, dashes or marks is as interruptible as running text.
 */
static inline void
tick(Lex *lx)
{
	if ((++lx->work & 0xFFFF) == 0)
		nx_check_interrupts(lx->a);
}

/* Append a token; returns 0 on allocation failure. */
static int
push(Lex *lx, size_t b, size_t e, uint32_t c, uint32_t clen, int kind, int flags)
{
	NxToken    *t;

	if (lx->ntok == lx->cap)
	{
		/* at most one token a byte: never more room than that */
		size_t		ncap = lx->cap * 2 < lx->sc.len + 16 ? lx->cap * 2 : lx->sc.len + 16;
		NxToken    *nt = nx_grow(lx->a, lx->tok, sizeof(NxToken), &lx->cap, ncap);

		if (!nt)
			return 0;
		lx->tok = nt;
	}
	t = &lx->tok[lx->ntok++];
	t->b = (uint32_t) b;
	t->blen = (uint32_t) (e - b);
	t->c = c;
	t->clen = clen;
	t->sentence = 0;
	t->kind = (uint8_t) kind;
	t->flags = (uint8_t) flags;
	t->reserved = 0;
	return 1;
}

/* Are the m letters at s after an apostrophe a clitic: s d m re ll ve? */
static int
is_clitic_word(const uint8_t *s, uint32_t m)
{
	if (m == 1)
		return ascii_ieq(s, 1, "s") || ascii_ieq(s, 1, "d") || ascii_ieq(s, 1, "m");
	if (m == 2)
		return ascii_ieq(s, 2, "re") || ascii_ieq(s, 2, "ll") || ascii_ieq(s, 2, "ve");
	return 0;
}

/*
 * Scan a word or number starting at byte i (character ci).  Sets *end,
 * *cend (characters consumed) and returns the kind.  Stops before a
 * clitic, a hyphen between letters, or a period that is not part of it.
 */
static int
scan_word(Lex *lx, size_t i, size_t *end, uint32_t *nch, int *abbrev)
{
	const Scan *sc = &lx->sc;
	size_t		j = i,
				nx;
	uint32_t	n = 0;
	int			first_digit = cls(peek(sc, i)) == C_DIGIT;
	int			kind = first_digit ? NX_TOK_NUMBER : NX_TOK_WORD;
	int			letters_only = 1;	/* for abbreviation and initial checks */
	UChar32		prev = -2;

	*abbrev = 0;
	while (j < sc->len)
	{
		UChar32		c = cp_at(sc, j, &nx);
		int			k = cls(c);

		tick(lx);

		if (k == C_LETTER || k == C_MARK || k == C_DIGIT ||
			(k == C_FORMAT && n > 0 && c != 0xFEFF))
		{
			if (k == C_DIGIT)
				letters_only = 0;
			prev = c;
			j = nx;
			n++;
			continue;
		}
		if (n == 0)
			break;
		/* inner connectors: look at the character after */
		if (is_apos(c) && cls(prev) == C_LETTER)
		{
			size_t		a2,
						e2;
			UChar32		c2 = peek(sc, nx);
			uint32_t	m = 0;

			if (cls(c2) != C_LETTER)
				break;
			/* clitic? letters after the apostrophe, then a non-letter */
			for (e2 = nx; e2 < sc->len; m++)
			{
				UChar32		c3 = cp_at(sc, e2, &a2);

				tick(lx);

				if (cls(c3) != C_LETTER && cls(c3) != C_MARK)
					break;
				e2 = a2;
			}
			if (is_clitic_word(sc->s + nx, m))
				break;			/* word ends here; the clitic follows */
			if (m == 1 && ascii_ieq(sc->s + nx, 1, "t") && n >= 2 &&
				(prev == 'n' || prev == 'N'))
			{
				/* n't: give back the n */
				*end = j - 1;
				*nch = n - 1;
				return kind;
			}
			j = nx;
			n++;
			continue;
		}
		if ((c == '.' || c == ',' || c == ':' || c == '/' || is_hyphen(c)) &&
			cls(prev) == C_DIGIT && cls(peek(sc, nx)) == C_DIGIT)
		{
			j = nx;				/* 1996-08-30, 3.5, 10,000, 13:30, 9/11 */
			n++;
			continue;
		}
		if (is_hyphen(c) && kind == NX_TOK_WORD && cls(prev) == C_LETTER &&
			cls(peek(sc, nx)) == C_DIGIT)
		{
			j = nx;				/* F-16, COVID-19 stay whole */
			n++;
			continue;
		}
		if (c == '.' && letters_only && cls(prev) == C_LETTER)
		{
			/* acronym chain: U.S., a.m., N.Y. -- single letters and periods */
			UChar32		c2 = peek(sc, nx);

			if (cls(c2) == C_LETTER && n == 1)
			{
				size_t		k2 = nx;
				uint32_t	m = 1;
				int			ok = 1;

				/* consume L. L. ... */
				while (ok && k2 < sc->len)
				{
					size_t		a1,
								a2;
					UChar32		l = cp_at(sc, k2, &a1);

					tick(lx);
					if (cls(l) != C_LETTER)
						break;
					if (a1 < sc->len && cp_at(sc, a1, &a2) == '.')
					{
						k2 = a2;
						m += 2;
					}
					else
						ok = 0;
				}
				if (m >= 3)
				{
					*end = k2;
					*nch = n + m;
					*abbrev = 1;
					return kind;
				}
			}
		}
		if (c == '.' && cls(prev) == C_LETTER && n > 0 &&
			cls(peek(sc, nx)) == C_LETTER && is_lower(peek(sc, nx)))
		{
			/* example.com, but not end.Next */
			j = nx;
			n++;
			letters_only = 0;
			continue;
		}
		if ((c == '@' || c == '_') && cls(peek(sc, nx)) == C_LETTER)
		{
			j = nx;
			n++;
			letters_only = 0;
			continue;
		}
		break;
	}
	*end = j;
	*nch = n;
	return kind;
}

/* Set case flags of a word token. */
static int
case_flags(Lex *lx, size_t b, size_t e)
{
	const Scan *sc = &lx->sc;
	size_t		i = b,
				nx;
	int			first = 1,
				f = 0,
				has_letter = 0,
				has_lower = 0;

	while (i < e)
	{
		UChar32		c = cp_at(sc, i, &nx);

		tick(lx);
		if (cls(c) == C_LETTER)
		{
			if (first && is_upper(c))
				f |= NX_TF_UPPER_INITIAL;
			first = 0;
			has_letter = 1;
			if (is_lower(c))
				has_lower = 1;
		}
		i = nx;
		if (has_lower && !first)
			break;
	}
	if (has_letter && !has_lower)
		f |= NX_TF_ALL_UPPER;
	return f;
}

/* Does c end a "word-like" left context (for quote direction)? */
static inline int
left_is_open(int k, UChar32 c)
{
	return k == C_SPACE || k == C_NEWLINE || c == -2 || is_opener(c);
}

static inline int
right_is_open(int k, UChar32 c)
{
	return k == C_SPACE || k == C_NEWLINE || c == -2 || k == C_PUNCT;
}

/* Is the apostrophe at byte i followed by t and then a non-letter (n’t)? */
static int
nt_follows(const Scan *sc, size_t i)
{
	size_t		a1;

	(void) cp_at(sc, i, &a1);
	if (a1 >= sc->len || (sc->s[a1] != 't' && sc->s[a1] != 'T'))
		return 0;
	return cls(peek(sc, a1 + 1)) != C_LETTER;
}

/*
 * Shape of a mark that may open or close (" ' ’): by the context on its
 * left (lo: open) and right (ro: open), else by what is open already.
 */
static int
either_shape(const Lex *lx, UChar32 c, int lo, int ro)
{
	int			shape;

	if (lo && !ro)
		shape = 1;
	else if (!lo && ro)
		shape = 2;
	else if (!lo && !ro)
	{
		/* between two words: an apostrophe (rock'n'roll) */
		shape = 0;
	}
	else if (c == '"')
		shape = lx->straight_open ? 2 : 1;
	else
		shape = lx->single_open ? 2 : 0;
	/* ’ or ' after a word and before space: close a single quote, else apostrophe */
	if (shape == 2 && c != '"' && c != 0xFF02 && !lx->single_open &&
		cls(lx->prevc) == C_LETTER)
		shape = 0;
	return shape;
}

/*
 * Kind of the quotation mark c (open, close, or an apostrophe), by shape
 * and context; f are the token's flags, nx the byte after it.
 */
static int
quote_kind(Lex *lx, UChar32 c, int f, size_t nx)
{
	int			shape = quote_shape(c);
	UChar32		rc = peek(&lx->sc, nx);
	int			lo = left_is_open(lx->prevk, lx->prevc) || (f & NX_TF_SPACE_BEFORE);
	int			ro = right_is_open(cls(rc), rc);

	if (shape == 3)
		shape = either_shape(lx, c, lo, ro);
	if (c == 0x201C && lx->straight_open == 0 && lx->single_open == 0 &&
		!lo && ro)
		shape = 2;				/* German „…“ closes with “ */
	if (shape == 1)
	{
		if (c == '"' || c == 0xFF02)
			lx->straight_open = 1;
		else if (c == 0x2018 || c == '\'' || c == 0x201A || c == 0x2039)
			lx->single_open = 1;
		return NX_TOK_OPEN_QUOTE;
	}
	if (shape == 2)
	{
		if (c == '"' || c == 0xFF02)
			lx->straight_open = 0;
		else if (c == 0x2019 || c == '\'' || c == 0x203A)
			lx->single_open = 0;
		return NX_TOK_CLOSE_QUOTE;
	}
	return NX_TOK_APOSTROPHE;
}

/*
 * The token being scanned: where it starts, its first code point, its
 * flags, and how far it reaches so far.  What stands before it is in
 * Lex (prevc, prevk).
 */
typedef struct Tok
{
	size_t		b;				/* first byte */
	size_t		nx;				/* byte after the first code point */
	UChar32		c;				/* first code point */
	int			k;				/* its class */
	int			f;				/* NX_TF_* */
	size_t		e;				/* byte after the token */
	uint32_t	n;				/* characters in [b, e) */
} Tok;

/* Is t the n of n't split off the word before it (do n't, ca n't)? */
static int
at_nt_clitic(const Lex *lx, const Tok *t)
{
	const Scan *sc = &lx->sc;

	return (t->c == 'n' || t->c == 'N') && !(t->f & NX_TF_SPACE_BEFORE) &&
		cls(lx->prevc) == C_LETTER && t->nx + 1 < sc->len &&
		is_apos(peek(sc, t->nx)) && nt_follows(sc, t->nx);
}

/* n't as one token: the n, the apostrophe, the t. */
static int
scan_nt_clitic(Lex *lx, Tok *t)
{
	(void) cp_at(&lx->sc, t->nx, &t->e);	/* the apostrophe */
	t->e++;						/* the t */
	t->n = 3;
	return NX_TOK_CLITIC;
}

/*
 * Does the period right after the word t belong to it: an abbreviation,
 * an initial, No. 5 (but not the first period of an ellipsis)?
 */
static int
takes_period(const Lex *lx, const Tok *t)
{
	const Scan *sc = &lx->sc;
	const uint8_t *w = sc->s + t->b;
	size_t		wl = t->e - t->b,
				e = t->e;

	if (e + 1 < sc->len && sc->s[e + 1] == '.')
		return 0;
	if (t->n == 1 && is_upper(t->c))
		return 1;				/* an initial */
	if (abbrev_class(w, wl) != AB_NONE)
		return 1;
	/* No. 5 */
	if (!ascii_ieq(w, wl, "no") && !ascii_ieq(w, wl, "nos"))
		return 0;
	return e + 2 < sc->len && sc->s[e + 1] == ' ' &&
		sc->s[e + 2] >= '0' && sc->s[e + 2] <= '9';
}

/* A word or number, with the period of an abbreviation, and its case flags. */
static int
scan_word_token(Lex *lx, Tok *t)
{
	const Scan *sc = &lx->sc;
	int			abbrev;
	int			kind = scan_word(lx, t->b, &t->e, &t->n, &abbrev);

	if (t->e == t->b)
	{
		t->e = t->nx;
		t->n = 1;
		kind = NX_TOK_OTHER;
	}
	else if (!abbrev && t->e < sc->len && sc->s[t->e] == '.' &&
			 kind == NX_TOK_WORD && takes_period(lx, t))
	{
		t->e++;
		t->n++;
		abbrev = 1;
	}
	if (abbrev)
		t->f |= NX_TF_ABBREV;
	if (kind == NX_TOK_WORD || kind == NX_TOK_NUMBER)
		t->f |= case_flags(lx, t->b, t->e);
	return kind;
}

/* Is the apostrophe t a clitic split off the word before it (’s ’re)? */
static int
at_clitic(const Lex *lx, const Tok *t)
{
	return is_apos(t->c) && cls(lx->prevc) == C_LETTER &&
		!(t->f & NX_TF_SPACE_BEFORE) && cls(peek(&lx->sc, t->nx)) == C_LETTER;
}

/* A clitic: the apostrophe and the letters after it. */
static int
scan_clitic(Lex *lx, Tok *t)
{
	const Scan *sc = &lx->sc;
	size_t		a2;

	t->e = t->nx;
	while (t->e < sc->len)
	{
		UChar32		c3 = cp_at(sc, t->e, &a2);

		tick(lx);

		if (cls(c3) != C_LETTER && cls(c3) != C_MARK)
			break;
		t->e = a2;
		t->n++;
	}
	return NX_TOK_CLITIC;
}

/* Is t an apostrophe before a digit, not right after a word or number? */
static int
at_apos_digit(const Lex *lx, const Tok *t)
{
	return (is_apos(t->c) || t->c == 0x2018) && cls(peek(&lx->sc, t->nx)) == C_DIGIT &&
		!(cls(lx->prevc) == C_LETTER || cls(lx->prevc) == C_DIGIT);
}

/* ’90s: a number with its apostrophe if two digits follow, else a quotation mark. */
static int
scan_apos_digit(Lex *lx, Tok *t)
{
	const Scan *sc = &lx->sc;
	size_t		d1;
	int			ab;
	uint32_t	m;

	(void) cp_at(sc, t->nx, &d1);
	if (cls(peek(sc, d1)) != C_DIGIT ||
		(d1 + 1 < sc->len && cls(peek(sc, d1 + 1)) == C_DIGIT))
		return quote_kind(lx, t->c, t->f, t->nx);
	(void) scan_word(lx, t->nx, &t->e, &m, &ab);
	t->n = 1 + m;
	return NX_TOK_NUMBER;
}

/* Are t and the character after it two apostrophes or backticks (not three)? */
static int
at_doubled_quote(const Lex *lx, const Tok *t)
{
	const Scan *sc = &lx->sc;
	size_t		nx = t->nx;

	if ((t->c != '\'' && t->c != '`') || nx >= sc->len || sc->s[nx] != (char) t->c)
		return 0;
	return !(nx + 1 < sc->len && sc->s[nx + 1] == (char) t->c);
}

/*
 * Two apostrophes or backticks: a double quotation mark, as typewritten
 * and in the New York Times archive (''Yes,'' he said).
 */
static int
scan_doubled_quote(Lex *lx, Tok *t)
{
	t->e = t->nx + 1;
	t->n = 2;
	return quote_kind(lx, '"', t->f, t->e);
}

/* A run of dashes (– — ―) as one token. */
static int
scan_dash(Lex *lx, Tok *t)
{
	const Scan *sc = &lx->sc;

	while (t->e < sc->len && is_dash(peek(sc, t->e)))
	{
		tick(lx);
		(void) cp_at(sc, t->e, &t->e);
		t->n++;
	}
	return NX_TOK_DASH;
}

/*
 * A hyphen: -- and longer runs are a dash, and so is a hyphen between
 * spaces (Moscow - The ...); after a space and before a digit it is a
 * number's sign (-5); else punctuation.
 */
static int
scan_hyphen(Lex *lx, Tok *t)
{
	const Scan *sc = &lx->sc;
	UChar32		rc = peek(sc, t->nx);

	if (t->c == '-' && rc == '-')
	{
		while (t->e < sc->len && sc->s[t->e] == '-')
		{
			tick(lx);
			t->e++;
			t->n++;
		}
		return NX_TOK_DASH;
	}
	if ((t->f & NX_TF_SPACE_BEFORE) &&
		(cls(rc) == C_SPACE || cls(rc) == C_NEWLINE || rc == -2))
		return NX_TOK_DASH;		/* Moscow - The ... */
	if ((t->f & NX_TF_SPACE_BEFORE) && cls(rc) == C_DIGIT)
	{
		int			ab;
		uint32_t	m;

		(void) scan_word(lx, t->nx, &t->e, &m, &ab);	/* -5 */
		t->n = 1 + m;
		return NX_TOK_NUMBER;
	}
	return NX_TOK_PUNCT;
}

/* A run of periods (...) as one token. */
static int
scan_dots(Lex *lx, Tok *t)
{
	const Scan *sc = &lx->sc;

	while (t->e < sc->len && sc->s[t->e] == '.')
	{
		tick(lx);
		t->e++;
		t->n++;
	}
	return NX_TOK_PUNCT;
}

/* An emoji with its modifiers, joiners and flags. */
static int
scan_emoji(Lex *lx, Tok *t)
{
	const Scan *sc = &lx->sc;

	while (t->e < sc->len)
	{
		size_t		a1;
		UChar32		c2 = cp_at(sc, t->e, &a1);

		tick(lx);
		if (c2 == 0x200D && a1 < sc->len && is_emoji(peek(sc, a1)))
		{
			size_t		a2;

			(void) cp_at(sc, a1, &a2);
			t->e = a2;
			t->n += 2;
		}
		else if (is_emoji_modifier(c2))
		{
			t->e = a1;
			t->n++;
		}
		else
			break;
	}
	return NX_TOK_EMOJI;
}

/*
 * The kind of the token t starts, setting where it ends: the first of
 * these cases that applies, in this order.
 */
static int
scan_token(Lex *lx, Tok *t)
{
	UChar32		c = t->c;

	if (at_nt_clitic(lx, t))
		return scan_nt_clitic(lx, t);
	if (t->k == C_LETTER || t->k == C_DIGIT || t->k == C_FORMAT)
		return scan_word_token(lx, t);
	if (at_clitic(lx, t))
		return scan_clitic(lx, t);
	if (at_apos_digit(lx, t))
		return scan_apos_digit(lx, t);
	if (at_doubled_quote(lx, t))
		return scan_doubled_quote(lx, t);
	if (quote_shape(c))
		return quote_kind(lx, c, t->f, t->nx);
	if (is_dash(c))
		return scan_dash(lx, t);
	if (is_hyphen(c))
		return scan_hyphen(lx, t);
	if (c == '.' && peek(&lx->sc, t->nx) == '.')
		return scan_dots(lx, t);
	if (t->k == C_PUNCT)
		return NX_TOK_PUNCT;
	if (is_emoji(c) || is_regional_indicator(c))
		return scan_emoji(lx, t);
	if (t->k == C_SYMBOL)
		return NX_TOK_SYMBOL;
	return NX_TOK_OTHER;
}

/* Punctuation that readers take for symbols: % & # @ * \ */
static inline int
is_symbol_punct(UChar32 c)
{
	return c == '%' || c == '&' || c == '#' || c == '@' || c == '*' || c == '\\';
}

/* Combining marks after a non-letter token stay with it. */
static void
scan_marks(Lex *lx, Tok *t)
{
	const Scan *sc = &lx->sc;

	while (t->e < sc->len)
	{
		size_t		a1;
		UChar32		c2 = cp_at(sc, t->e, &a1);

		tick(lx);
		if (cls(c2) != C_MARK)
			break;
		t->e = a1;
		t->n++;
	}
}

/* Is a character of class k, after one of class prevk, a gap between tokens? */
static inline int
is_gap(int k, int prevk)
{
	return k == C_SPACE || k == C_NEWLINE || (k == C_FORMAT && prevk != C_LETTER);
}

/* Note the gap character c (class k) in the flags of the next token. */
static void
gap(Lex *lx, UChar32 c, int k)
{
	if (k == C_NEWLINE)
	{
		/* \r\n counts once */
		if (!(c == '\n' && lx->prevc == '\r'))
			lx->newlines++;
		lx->pend |= NX_TF_LINE_BEFORE;
	}
	lx->pend |= NX_TF_SPACE_BEFORE;
	if (lx->newlines >= 2)
		lx->pend |= NX_TF_PARA_BEFORE;
	lx->prevc = c;
	lx->prevk = k;
}

/* Remember the last code point of the token [b, e): what the next follows. */
static void
set_prev(Lex *lx, size_t b, size_t e)
{
	const Scan *sc = &lx->sc;
	size_t		p = e - 1,
				nx;

	while (p > b && (sc->s[p] & 0xC0) == 0x80)
		p--;
	lx->prevc = cp_at(sc, p, &nx);
	lx->prevk = cls(lx->prevc);
}

/* Pass 1: the tokens of the text, one scan over its code points. */
static NxStatus
tokenize(Lex *lx)
{
	const Scan *sc = &lx->sc;
	size_t		i = 0;
	uint32_t	ci = 0;

	lx->prevc = -2;
	lx->prevk = C_SPACE;
	while (i < sc->len)
	{
		Tok			t;
		int			kind;

		t.b = i;
		t.c = cp_at(sc, i, &t.nx);
		t.k = cls(t.c);
		tick(lx);

		if (is_gap(t.k, lx->prevk))
		{
			gap(lx, t.c, t.k);
			i = t.nx;
			ci++;
			continue;
		}
		t.f = lx->pend;
		t.e = t.nx;
		t.n = 1;
		lx->pend = 0;
		lx->newlines = 0;

		kind = scan_token(lx, &t);
		if (kind == NX_TOK_PUNCT && is_symbol_punct(t.c))
			kind = NX_TOK_SYMBOL;
		scan_marks(lx, &t);

		if (!push(lx, t.b, t.e, ci, t.n, kind, t.f))
			return NX_ENOMEM;
		ci += t.n;
		set_prev(lx, t.b, t.e);
		i = t.e;
	}
	lx->nchars = ci;
	return NX_OK;
}

/* ------------------------------------------------------------------------
 * Passes 2 and 3: paragraphs, header, sentences.
 */

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

static NxStatus
segment(NxDoc *d)
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
					int			ac = abbrev_class(w, wl);

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

/* Cut text into tokens, sentences and paragraphs. */
NxStatus
nx_doc_parse(NxDoc *doc, const char *text, size_t len, const NxAlloc *a)
{
	Lex			lx;
	NxStatus	st;

	memset(doc, 0, sizeof(*doc));
	doc->text = text;
	doc->len = len;
	doc->a = a;
	if (len > NX_MAX_INPUT)
		return NX_ETOOBIG;

	memset(&lx, 0, sizeof(lx));
	lx.sc.s = (const uint8_t *) text;
	lx.sc.len = len;
	lx.a = a;
	lx.cap = len / 5 + 16;
	lx.tok = nx_alloc(a, lx.cap * sizeof(NxToken));
	if (!lx.tok)
		return NX_ENOMEM;
	st = tokenize(&lx);
	if (st != NX_OK)
	{
		nx_free(a, lx.tok);
		return st;
	}
	doc->tok = lx.tok;
	doc->ntok = lx.ntok;
	doc->nchars = lx.nchars;
	st = segment(doc);
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
	if (doc->a)
	{
		nx_free(doc->a, doc->tok);
		nx_free(doc->a, doc->sent);
	}
	doc->tok = NULL;
	doc->sent = NULL;
	doc->ntok = doc->nsent = doc->npara = 0;
}
