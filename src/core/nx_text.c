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
		if (c == '$' || c == '+' || c == '<' || c == '=' || c == '>' ||
			c == '^' || c == '`' || c == '|' || c == '~')
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
			if ((m == 1 && (ascii_ieq(sc->s + nx, 1, "s") ||
							ascii_ieq(sc->s + nx, 1, "d") ||
							ascii_ieq(sc->s + nx, 1, "m"))) ||
				(m == 2 && (ascii_ieq(sc->s + nx, 2, "re") ||
							ascii_ieq(sc->s + nx, 2, "ll") ||
							ascii_ieq(sc->s + nx, 2, "ve"))))
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
	return k == C_SPACE || k == C_NEWLINE || c == -2 || c == '(' || c == '[' ||
		c == '{' || is_dash(c) || c == '-' || quote_shape(c) == 1 || c == '/';
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

/* Kind of the quotation mark c (open, close, or an apostrophe), by shape and context. */
static int
quote_kind(Lex *lx, UChar32 c, UChar32 prevc, int prevk, int f, size_t nx)
{
	const Scan *sc = &lx->sc;
	int			kind;

		int			shape;
		UChar32		rc;
		int			lo,
					ro;

		shape = quote_shape(c);
		rc = peek(sc, nx);
		lo = left_is_open(prevk, prevc) || (f & NX_TF_SPACE_BEFORE);
		ro = right_is_open(cls(rc), rc);
		if (shape == 3)
		{
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
				cls(prevc) == C_LETTER)
				shape = 0;
		}
		if (c == 0x201C && lx->straight_open == 0 && lx->single_open == 0 &&
			!lo && ro)
			shape = 2;		/* German „…“ closes with “ */
		if (shape == 1)
		{
			kind = NX_TOK_OPEN_QUOTE;
			if (c == '"' || c == 0xFF02)
				lx->straight_open = 1;
			else if (c == 0x2018 || c == '\'' || c == 0x201A || c == 0x2039)
				lx->single_open = 1;
		}
		else if (shape == 2)
		{
			kind = NX_TOK_CLOSE_QUOTE;
			if (c == '"' || c == 0xFF02)
				lx->straight_open = 0;
			else if (c == 0x2019 || c == '\'' || c == 0x203A)
				lx->single_open = 0;
		}
		else
			kind = NX_TOK_APOSTROPHE;
	return kind;
}

static NxStatus
tokenize(Lex *lx)
{
	const Scan *sc = &lx->sc;
	size_t		i = 0,
				nx;
	uint32_t	ci = 0;
	int			pend = 0;		/* flags for the next token */
	int			newlines = 0;
	UChar32		prevc = -2;		/* last code point before i */
	int			prevk = C_SPACE;

	while (i < sc->len)
	{
		UChar32		c = cp_at(sc, i, &nx);
		int			k = cls(c);
		size_t		b = i,
					e;
		uint32_t	n = 1;
		int			kind;
		int			f;

		tick(lx);

		if (k == C_SPACE || k == C_NEWLINE || (k == C_FORMAT && prevk != C_LETTER))
		{
			if (k == C_NEWLINE)
			{
				/* \r\n counts once */
				if (!(c == '\n' && prevc == '\r'))
					newlines++;
				pend |= NX_TF_LINE_BEFORE;
			}
			pend |= NX_TF_SPACE_BEFORE;
			if (newlines >= 2)
				pend |= NX_TF_PARA_BEFORE;
			prevc = c;
			prevk = k;
			i = nx;
			ci++;
			continue;
		}
		f = pend;
		pend = 0;
		newlines = 0;
		e = nx;

		if ((c == 'n' || c == 'N') && !(f & NX_TF_SPACE_BEFORE) &&
				 cls(prevc) == C_LETTER && nx + 1 < sc->len &&
				 is_apos(peek(sc, nx)) && nt_follows(sc, nx))
		{
			/* n't split off the previous word (do n't, ca n't) */
			kind = NX_TOK_CLITIC;
			(void) cp_at(sc, nx, &e);	/* the apostrophe */
			e++;				/* the t */
			n = 3;
		}
		else if (k == C_LETTER || k == C_DIGIT || k == C_FORMAT)
		{
			int			abbrev;

			kind = scan_word(lx, i, &e, &n, &abbrev);
			if (e == i)
			{
				e = nx;
				n = 1;
				kind = NX_TOK_OTHER;
			}
			else if (!abbrev && e < sc->len && sc->s[e] == '.' && kind == NX_TOK_WORD)
			{
				/* does the period belong to the word? */
				size_t		wl = e - i;
				int			ac = abbrev_class(sc->s + i, wl);
				int			initial = (n == 1 && is_upper(c));

				/* No. 5 */
				if ((ascii_ieq(sc->s + i, wl, "no") || ascii_ieq(sc->s + i, wl, "nos")) &&
					e + 2 < sc->len && sc->s[e + 1] == ' ' &&
					sc->s[e + 2] >= '0' && sc->s[e + 2] <= '9')
					ac = AB_TITLE;

				if (ac != AB_NONE || initial)
				{
					/* not when followed by more periods (an ellipsis) */
					if (!(e + 1 < sc->len && sc->s[e + 1] == '.'))
					{
						e++;
						n++;
						abbrev = 1;
					}
				}
			}
			if (abbrev)
				f |= NX_TF_ABBREV;
			if (kind == NX_TOK_WORD || kind == NX_TOK_NUMBER)
				f |= case_flags(lx, i, e);
		}
		else if (is_apos(c) && cls(prevc) == C_LETTER && !(f & NX_TF_SPACE_BEFORE) &&
				 cls(peek(sc, nx)) == C_LETTER)
		{
			/* a clitic split off the previous word: ’s ’re ... */
			size_t		a2;

			e = nx;
			while (e < sc->len)
			{
				UChar32		c3 = cp_at(sc, e, &a2);

				tick(lx);

				if (cls(c3) != C_LETTER && cls(c3) != C_MARK)
					break;
				e = a2;
				n++;
			}
			kind = NX_TOK_CLITIC;
		}
		else if ((is_apos(c) || c == 0x2018) && cls(peek(sc, nx)) == C_DIGIT &&
				 !(cls(prevc) == C_LETTER || cls(prevc) == C_DIGIT))
		{
			/* ’90s: a number with its apostrophe, if two digits follow */
			size_t		d1,
						d2;
			int			ab;
			uint32_t	m;

			(void) cp_at(sc, nx, &d1);
			if (cls(peek(sc, d1)) == C_DIGIT &&
				(d1 + 1 >= sc->len || cls(peek(sc, d1 + 1)) != C_DIGIT))
			{
				(void) d2;
				(void) scan_word(lx, nx, &e, &m, &ab);
				n = 1 + m;
				kind = NX_TOK_NUMBER;
			}
			else
				kind = quote_kind(lx, c, prevc, prevk, f, nx);
		}
		else if ((c == '\'' || c == '`') && nx < sc->len && sc->s[nx] == (char) c &&
				 !(nx + 1 < sc->len && sc->s[nx + 1] == (char) c))
		{
			/* two apostrophes or backticks: a double quotation mark, as
			 * typewritten and in the New York Times archive (''Yes,'' he said) */
			e = nx + 1;
			n = 2;
			kind = quote_kind(lx, '"', prevc, prevk, f, e);
		}
		else if (quote_shape(c))
			kind = quote_kind(lx, c, prevc, prevk, f, nx);
		else if (is_dash(c))
		{
			kind = NX_TOK_DASH;
			while (e < sc->len && is_dash(peek(sc, e)))
			{
				tick(lx);
				(void) cp_at(sc, e, &e);
				n++;
			}
		}
		else if (is_hyphen(c))
		{
			UChar32		rc = peek(sc, nx);

			if (c == '-' && rc == '-')
			{
				kind = NX_TOK_DASH;
				while (e < sc->len && sc->s[e] == '-')
				{
					tick(lx);
					e++;
					n++;
				}
			}
			else if ((f & NX_TF_SPACE_BEFORE) &&
					 (cls(rc) == C_SPACE || cls(rc) == C_NEWLINE || rc == -2))
				kind = NX_TOK_DASH; /* Moscow - The ... */
			else if ((f & NX_TF_SPACE_BEFORE) && cls(rc) == C_DIGIT)
			{
				int			ab;
				uint32_t	m;

				kind = scan_word(lx, nx, &e, &m, &ab);	/* -5 */
				n = 1 + m;
				kind = NX_TOK_NUMBER;
			}
			else
				kind = NX_TOK_PUNCT;
		}
		else if (c == '.' && peek(sc, nx) == '.')
		{
			kind = NX_TOK_PUNCT;	/* ... as one token */
			while (e < sc->len && sc->s[e] == '.')
			{
				tick(lx);
				e++;
				n++;
			}
		}
		else if (k == C_PUNCT)
			kind = NX_TOK_PUNCT;
		else if (is_emoji(c) || (c >= 0x1F1E6 && c <= 0x1F1FF))
		{
			/* an emoji with its modifiers, joiners and flags */
			kind = NX_TOK_EMOJI;
			while (e < sc->len)
			{
				size_t		a1;
				UChar32		c2 = cp_at(sc, e, &a1);

				tick(lx);
				if (c2 == 0x200D && a1 < sc->len && is_emoji(peek(sc, a1)))
				{
					size_t		a2;

					(void) cp_at(sc, a1, &a2);
					e = a2;
					n += 2;
				}
				else if (c2 == 0xFE0F || c2 == 0xFE0E || (c2 >= 0x1F3FB && c2 <= 0x1F3FF) ||
						 (c2 >= 0x1F1E6 && c2 <= 0x1F1FF) || c2 == 0x20E3 ||
						 (c2 >= 0xE0020 && c2 <= 0xE007F))
				{
					e = a1;
					n++;
				}
				else
					break;
			}
		}
		else if (k == C_SYMBOL)
			kind = (c == '$' || c == '%' || c == '&' || c == '@' || c == '#') ?
				NX_TOK_SYMBOL : NX_TOK_SYMBOL;
		else
			kind = NX_TOK_OTHER;

		/* punctuation like % & # @ are symbols to readers */
		if (kind == NX_TOK_PUNCT && (c == '%' || c == '&' || c == '#' || c == '@' ||
									 c == '*' || c == '\\'))
			kind = NX_TOK_SYMBOL;

		/* combining marks after a non-letter token stay with it */
		while (e < sc->len)
		{
			size_t		a1;
			UChar32		c2 = cp_at(sc, e, &a1);

			tick(lx);
			if (cls(c2) != C_MARK)
				break;
			e = a1;
			n++;
		}

		if (!push(lx, b, e, ci, n, kind, f))
			return NX_ENOMEM;
		ci += n;
		/* remember the last code point of the token */
		{
			size_t		p = e - 1;

			while (p > b && (sc->s[p] & 0xC0) == 0x80)
				p--;
			prevc = cp_at(sc, p, &nx);
			prevk = cls(prevc);
		}
		i = e;
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
