/*
 * nx_text_tokens.c
 *	  Pass 1 of the text layer: the tokens of a UTF-8 text (nx_text.h),
 *	  one scan over its code points.
 *
 * Words keep inner apostrophes (O’Brien) but give up clitics (Russia ’s,
 * do n’t); hyphens between letters are tokens of their own (Ukraine -
 * U.S.); numbers keep inner . , : / - (1996-08-30, 13:30); an
 * abbreviation or initial keeps its period (U.S., Sept., A.).  Quotation
 * marks are told open or close by their shape, and straight or single
 * ones by the characters around them.
 *
 * tokenize() skips the gaps between tokens, noting line and paragraph
 * breaks in the next token's flags, and scan_token() tries the kinds of
 * token in a fixed order, each a scan_* function.
 */
#include <string.h>

#include "nx_text_int.h"

/* Is c an apostrophe (' ’ ʼ)? */
static inline int
is_apos(UChar32 c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* Is c a hyphen (- ‐ ‑)? */
static inline int
is_hyphen(UChar32 c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

/* Is c a dash (‒ – — ― ⸺)? */
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

/* Is c a pictograph (an emoji)? */
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

/* The scan of pass 1: the text, the tokens so far, what is open. */
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

#define RUN_TICKS 4096			/* characters a loop counts at once, at most */

/* Count n characters looked at, as n ticks would. */
static inline void
tick_n(Lex *lx, size_t n)
{
	size_t		before = lx->work;

	lx->work += n;
	if ((before >> 16) != (lx->work >> 16))
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
 * The end of the run of ASCII letters and digits (ascii_class's C_LETTER
 * and C_DIGIT) from byte j, most of a word of news, counted at once: at
 * most RUN_TICKS, so that a long one still checks for interrupts.  A
 * digit in it clears *letters_only.
 */
static inline size_t
ascii_run(Lex *lx, size_t j, int *letters_only)
{
	const Scan *sc = &lx->sc;
	size_t		r = j,
				lim = sc->len - j > RUN_TICKS ? j + RUN_TICKS : sc->len;

	for (; r < lim; r++)
	{
		unsigned	b = sc->s[r];

		if ((unsigned) ((b | 32) - 'a') < 26)
			continue;
		if ((unsigned) (b - '0') >= 10)
			break;
		*letters_only = 0;
	}
	if (r > j)
		tick_n(lx, r - j);
	return r;
}

/* Letters (and marks on them) from byte i: how many, for is_clitic_word. */
static uint32_t
letters_from(Lex *lx, size_t i)
{
	const Scan *sc = &lx->sc;
	uint32_t	m = 0;

	for (size_t nx; i < sc->len; m++)
	{
		UChar32		c = cp_at(sc, i, &nx);

		tick(lx);
		if (cls(c) != C_LETTER && cls(c) != C_MARK)
			break;
		i = nx;
	}
	return m;
}

/*
 * An acronym chain after a single letter and its period, the next letter
 * at byte i (U.S., a.m., N.Y.: single letters and periods): the
 * characters after the first letter it takes (3 or more, *end set to the
 * byte after it), or 0 for none (*end untouched).
 */
static uint32_t
acronym_chain(Lex *lx, size_t i, size_t *end)
{
	const Scan *sc = &lx->sc;
	uint32_t	m = 1;

	while (i < sc->len)
	{
		size_t		a1,
					a2;
		UChar32		l = cp_at(sc, i, &a1);

		tick(lx);
		if (cls(l) != C_LETTER)
			break;
		if (a1 < sc->len && cp_at(sc, a1, &a2) == '.')
		{
			i = a2;
			m += 2;
		}
		else
			break;
	}
	if (m < 3)
		return 0;
	*end = i;
	return m;
}

/*
 * Does a word of the kind, its last character prev, go on over the
 * connector c, the byte after it nx?  1 over 1996-08-30, 3.5, 10,000,
 * 13:30, 9/11 and F-16, COVID-19; 2 (no longer letters only) over
 * example.com (not end.Next), @ and _; 0 where the word ends.
 */
static int
connector_joins(const Scan *sc, UChar32 c, UChar32 prev, int kind, size_t nx)
{
	UChar32		next;

	if (c != '.' && c != ',' && c != ':' && c != '/' && c != '@' && c != '_' && !is_hyphen(c))
		return 0;
	next = peek(sc, nx);
	if ((c == '.' || c == ',' || c == ':' || c == '/' || is_hyphen(c)) &&
		cls(prev) == C_DIGIT && cls(next) == C_DIGIT)
		return 1;
	if (is_hyphen(c) && kind == NX_TOK_WORD && cls(prev) == C_LETTER && cls(next) == C_DIGIT)
		return 1;
	if (c == '.' && cls(prev) == C_LETTER && cls(next) == C_LETTER && is_lower(next))
		return 2;
	if ((c == '@' || c == '_') && cls(next) == C_LETTER)
		return 2;
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
	int			kind = cls(peek(sc, i)) == C_DIGIT ? NX_TOK_NUMBER : NX_TOK_WORD;
	int			letters_only = 1;	/* for abbreviation and initial checks */
	UChar32		prev = -2;

	*abbrev = 0;
	while (j < sc->len)
	{
		size_t		r = ascii_run(lx, j, &letters_only);
		UChar32		c;
		int			k,
					join;

		if (r > j)
		{
			prev = sc->s[r - 1];
			n += (uint32_t) (r - j);
			j = r;
			if (j == sc->len)
				break;
		}
		c = cp_at(sc, j, &nx);
		k = cls(c);
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
			uint32_t	m;

			if (cls(peek(sc, nx)) != C_LETTER)
				break;
			/* clitic? letters after the apostrophe, then a non-letter */
			m = letters_from(lx, nx);
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
		if (c == '.' && letters_only && cls(prev) == C_LETTER && n == 1 &&
			cls(peek(sc, nx)) == C_LETTER)
		{
			uint32_t	m = acronym_chain(lx, nx, end);

			if (m > 0)
			{
				*nch = n + m;
				*abbrev = 1;
				return kind;
			}
		}
		join = connector_joins(sc, c, prev, kind, nx);
		if (join == 0)
			break;
		if (join == 2)
			letters_only = 0;
		j = nx;
		n++;
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

/* Does c begin a right context that is not a word (for quote direction)? */
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
	if (nx_text_abbrev_class(w, wl) != AB_NONE)
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

/* Pass 1: doc->tok, ntok and nchars from doc->text, len and a. */
NxStatus
nx_text_tokenize(NxDoc *doc)
{
	Lex			lx;
	NxStatus	st;

	memset(&lx, 0, sizeof(lx));
	lx.sc.s = (const uint8_t *) doc->text;
	lx.sc.len = doc->len;
	lx.a = doc->a;
	lx.cap = doc->len / 5 + 16;
	lx.tok = nx_alloc(doc->a, lx.cap * sizeof(NxToken));
	if (!lx.tok)
		return NX_ENOMEM;
	st = tokenize(&lx);
	if (st != NX_OK)
	{
		nx_free(doc->a, lx.tok);
		return st;
	}
	doc->tok = lx.tok;
	doc->ntok = lx.ntok;
	doc->nchars = lx.nchars;
	return NX_OK;
}
