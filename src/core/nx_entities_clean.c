/*
 * nx_entities_clean.c
 *	  Pass clean of the entities post-processing (nx_entities_int.h):
 *	  the tagger's mentions outside the metadata header, cut into pieces,
 *	  trimmed, with titles taken off persons and types fixed.
 *
 * A mention is cut at a square bracket (an editor's insertion), at a
 * round one it does not close or open, and at a hyphen between two whole
 * place names of the lexicon; each piece is trimmed of punctuation,
 * quotation marks and dashes (and a person of a possessive), loses the
 * titles that lead a person's name, becomes a person after an honorific
 * (Mr. Obama), and a place when a hyphen cut it from another place.
 * Then, over the mentions in order of the text:
 *	 - a party tag after a legislator's name, (R-S.C.) or , R-Ky., and the
 *	   New York Times' Democrat of Vermont, give the party's letter or
 *	   word as MISC and the state as LOC, as the CoNLL guidelines split
 *	   such compounds, in place of what the tagger made of them;
 *	 - an organisation's name cut after its head word and "for" reaches
 *	   back to it (Center for Strategic and International Studies);
 *	 - a name cut at its particle or suffix is whole (Osama bin Laden,
 *	   Joseph R. Biden, Jr.);
 *	 - a mention that is only a title goes when a person's name follows
 *	   it (Rep. | John Culberson);
 *	 - an organisation's acronym of the lexicon is ORG, whatever the
 *	   tagger typed it (GOP: CoNLL-2003's one example is MISC);
 *	 - an organisation's mention loses a leading The unless the lexicon
 *	   has the whole (The Post, but The Washington Post);
 *	 - a named event or law of the lexicon the tagger left out is MISC
 *	   (9/11, Fifth Amendment).
 * Each reads the tokens once: the pass stays linear.
 */
#include <string.h>

#include "nx_entities_int.h"
#include "nx_words.h"

/* Is token i the one-byte punctuation mark c? */
static int
is_mark(const NxDoc *doc, uint32_t i, char c)
{
	const NxToken *t = &doc->tok[i];

	return t->blen == 1 && doc->text[t->b] == c;
}

/* First token in [i, end) that is the mark c, or end. */
static uint32_t
next_mark(const NxDoc *doc, uint32_t i, uint32_t end, char c)
{
	while (i < end && !is_mark(doc, i, c))
		i++;
	return i;
}

/*
 * May a mention end with token i?  paren and square are the first ( and [
 * at or after its first token.
 */
static int
good_end(const NxDoc *doc, uint32_t i, int per, uint32_t paren, uint32_t square)
{
	if (is_content(doc, i))
		return 1;
	if (doc->tok[i].kind == NX_TOK_CLITIC)
		return !per;			/* Lord's is a place; Putin's is not a person */
	/* a closing bracket whose opener is inside: Mladost (BJ) */
	if (is_mark(doc, i, ')'))
		return paren < i;
	if (is_mark(doc, i, ']'))
		return square < i;
	return 0;
}

/* Length in tokens of the longest title lexicon entry at token i, at most n. */
static uint32_t
title_at(const NxModel *m, int cls, const NxDoc *doc, uint32_t i, uint32_t n)
{
	uint64_t	h = NX_FNV_OFFSET;
	uint32_t	best = 0;

	if (cls < 0)
		return 0;
	for (uint32_t k = 0; k < n && k < m->lex.maxlen; k++)
	{
		NxLexSlot	buf;
		const NxLexSlot *slot;

		h = nx_key_add(h, tok_hash(doc, i + k));
		slot = nx_lex_find(&m->lex, nx_key_final(h), &buf);
		if (!slot)
			break;
		if ((slot->flags & NX_LEX_ENTRY) && ((slot->classes >> cls) & 1))
			best = k + 1;
		if (!(slot->flags & NX_LEX_PREFIX))
			break;
	}
	return best;
}

/* Is token i the word w, in lower case (of, not Of)? */
static int
lower_word(const NxDoc *doc, uint32_t i, const char *w)
{
	return !(doc->tok[i].flags & NX_TF_UPPER_INITIAL) && nx_tok_ieq(doc, i, w);
}

/* Is token j in the sentence of token i? */
static int
in_sentence(const NxDoc *doc, uint32_t j, uint32_t i)
{
	return j < doc->ntok && doc->tok[j].sentence == doc->tok[i].sentence;
}

/* Lexicon classes of which tokens [i, i + n) are a whole entry (0: none). */
static uint32_t
lex_entry(const NxModel *m, const NxDoc *doc, uint32_t i, uint32_t n)
{
	uint64_t	h = NX_FNV_OFFSET;
	NxLexSlot	buf;
	const NxLexSlot *slot;

	if (!nx_lex_present(&m->lex) || n == 0 || n > m->lex.maxlen)
		return 0;
	for (uint32_t k = 0; k < n; k++)
		h = nx_key_add(h, tok_hash(doc, i + k));
	slot = nx_lex_find(&m->lex, nx_key_final(h), &buf);
	return slot && (slot->flags & NX_LEX_ENTRY) ? slot->classes : 0;
}

/* Is token k a personal honorific (Mr, Mrs., Ms, Dr ...)? */
static int
honorific(const NxDoc *doc, uint32_t k)
{
	static const char *const words[] = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Mister"};

	return nx_word_in(doc->text + doc->tok[k].b, doc->tok[k].blen, words,
					  sizeof(words) / sizeof(words[0]));
}

/*
 * Does a personal honorific begin mention e or stand right before it, in
 * its sentence (Mr. Obama)?
 */
static int
after_honorific(const NxDoc *doc, const Ment *e)
{
	uint32_t	k = e->tok;

	if (honorific(doc, k))
		return 1;
	if (k > 0 && doc->tok[k - 1].sentence == doc->tok[k].sentence)
	{
		if (honorific(doc, k - 1))
			return 1;
		/* Mr . Obama, the period a token of its own */
		if (k > 1 && doc->text[doc->tok[k - 1].b] == '.' && doc->tok[k - 1].blen == 1 &&
			doc->tok[k - 2].sentence == doc->tok[k].sentence && honorific(doc, k - 2))
			return 1;
	}
	return 0;
}

/*
 * Cut points of a mention (tokens that go, ending one piece and starting
 * the next): a square bracket (an editor's insertion: Secretary [Marco]
 * Rubio tagged as one), a round one not closed or opened inside it, and
 * a hyphen written without spaces between two
 * whole place names (the Ukraine-U.S. angle).  Writes at most cap token
 * indexes to cut, returns how many.
 */
static size_t
cuts(const NxModel *m, const NxDoc *doc, const Ment *e, uint32_t places,
	 uint32_t *cut, size_t cap)
{
	size_t		n = 0;
	uint32_t	end = e->tok + e->ntok;
	uint32_t	first[2],		/* first ( and [ of the mention, or end */
				last[2];		/* last ) and ], or end */

	first[0] = next_mark(doc, e->tok, end, '(');
	first[1] = next_mark(doc, e->tok, end, '[');
	last[0] = last[1] = end;
	for (uint32_t i = end; i > e->tok && (last[0] == end || last[1] == end); i--)
	{
		if (last[0] == end && is_mark(doc, i - 1, ')'))
			last[0] = i - 1;
		if (last[1] == end && is_mark(doc, i - 1, ']'))
			last[1] = i - 1;
	}
	for (uint32_t i = e->tok; i < end && n < cap; i++)
	{
		static const char pairs[] = "()[]";
		const char *p;
		const NxToken *t = &doc->tok[i];

		if (t->blen != 1 || !(p = strchr(pairs, doc->text[t->b])) || !*p)
		{
			/* a place, a hyphen, a place */
			if (t->blen == 1 && doc->text[t->b] == '-' && places && i > e->tok && i + 1 < end &&
				!(t->flags & NX_TF_SPACE_BEFORE) &&
				!(doc->tok[i + 1].flags & NX_TF_SPACE_BEFORE))
			{
				uint32_t	s0 = (n > 0) ? cut[n - 1] + 1 : e->tok;
				uint32_t	e1 = i + 1;

				while (e1 < end && !(doc->tok[e1].flags & NX_TF_SPACE_BEFORE) &&
					   !(doc->tok[e1].blen == 1 && doc->text[doc->tok[e1].b] == '-'))
					e1++;
				if ((lex_entry(m, doc, s0, i - s0) & places) &&
					(lex_entry(m, doc, i + 1, e1 - i - 1) & places))
					cut[n++] = i;
			}
			continue;
		}
		{
			int			opener = ((p - pairs) % 2) == 0;
			int			sq = (p - pairs) / 2;
			int			matched;

			/* an opener closed after it, a closer opened before it */
			if (opener)
				matched = last[sq] != end && last[sq] > i;
			else
				matched = first[sq] < i;
			/* square brackets are editorial insertions: always a cut */
			if (!matched || *p == '[' || *p == ']')
				cut[n++] = i;
		}
	}
	return n;
}

/*
 * Clean one mention in place: take punctuation, quotation marks and dashes
 * off both ends (and a possessive off a person), and leading titles off a
 * person when a name follows them, with whatever precedes a title inside
 * (a piece of a cut mention that is only a title goes too).  Returns 0 if
 * nothing is left.
 */
static int
clean(const NxModel *m, const NxDoc *doc, int per, int title_cls, int piece,
	  Ment *e)
{
	uint32_t	s = e->tok,
				end = e->tok + e->ntok;
	int			isper = (int) e->type == per;
	uint32_t	paren = next_mark(doc, s, end, '('),
				square = next_mark(doc, s, end, '[');

	for (;;)
	{
		uint32_t	k;

		while (s < end && !is_content(doc, s))
			s++;
		/* the first brackets from s on: s only moves right, so do they */
		if (paren < s)
			paren = next_mark(doc, s, e->tok + e->ntok, '(');
		if (square < s)
			square = next_mark(doc, s, e->tok + e->ntok, '[');
		while (end > s && !good_end(doc, end - 1, isper, paren, square))
			end--;
		if (s == end || !isper)
			break;
		k = title_at(m, title_cls, doc, s, end - s);
		if (k == end - s && piece)
			return 0;			/* the title left of a cut: Secretary [Marco] */
		if (k == 0 || k == end - s)
			break;
		s += k;
	}
	/* a title inside: Koss Prime Minister Amira Nadeem -> Amira Nadeem */
	for (uint32_t j = s + 1; isper && j + 1 < end; j++)
	{
		uint32_t	k;

		if (!(doc->tok[j].flags & NX_TF_UPPER_INITIAL))
			continue;
		k = title_at(m, title_cls, doc, j, end - j - 1);
		if (k > 0 && j + k < end)
		{
			s = j + k;
			j = s;
		}
	}
	if (s == end)
		return 0;
	e->tok = s;
	e->ntok = end - s;
	return 1;
}

/* Tokens of a state in a party tag, at most (Newport News, S.C., Mass .). */
#define PARTY_STATE_MAX		4

/*
 * Do tokens [s, e) name a state as a party tag after a comma may: a place
 * of the lexicon (Utah, New York), an abbreviation (Ky., Wis ., S.C.) or
 * two capitals (IN)?  Not D-Day.
 */
static int
tag_state(const EntCtx *x, uint32_t s, uint32_t e)
{
	const NxDoc *doc = x->doc;
	const NxToken *t = &doc->tok[s];

	if (lex_entry(x->m, doc, s, e - s) & x->places)
		return 1;
	if (e == s + 2 && is_mark(doc, s + 1, '.'))
		return 1;
	return e == s + 1 && ((t->blen > 1 && doc->text[t->b + t->blen - 1] == '.') ||
						  (t->blen == 2 && (t->flags & NX_TF_ALL_UPPER)));
}

/*
 * The token that closes a party tag opened at token i, or 0: "(" or a
 * comma, R, D or I, a hyphen and a state's capitalised words, no space
 * inside but between the state's words, then ")" after "(" (Rep. Trey
 * Gowdy (R-S.C.), Sen. Ted Cruz (R-Tex), Price (D-Newport News)), and
 * after a comma a comma, a semicolon, ")" or the sentence's end, with a
 * state tag_state knows (Mitch McConnell, R-Ky., said).
 */
static uint32_t
party_tag(const EntCtx *x, uint32_t i)
{
	const NxDoc *doc = x->doc;
	const NxToken *t = doc->tok;
	int			paren = is_mark(doc, i, '(');
	uint32_t	j;

	if (i + 3 >= doc->ntok || !(paren || is_mark(doc, i, ',')) || t[i + 1].blen != 1 ||
		!strchr("RDI", doc->text[t[i + 1].b]) || (paren && (t[i + 1].flags & NX_TF_SPACE_BEFORE)))
		return 0;				/* ( or a comma, and the party's letter */
	if (!is_mark(doc, i + 2, '-') || (t[i + 2].flags & NX_TF_SPACE_BEFORE) ||
		(t[i + 3].flags & NX_TF_SPACE_BEFORE))
		return 0;				/* a hyphen, and the state right after it */
	for (j = i + 3; j < doc->ntok && j < i + 3 + PARTY_STATE_MAX && in_sentence(doc, j, i) &&
		 !is_mark(doc, j, ')') && !is_mark(doc, j, ','); j++)
	{
		char		c = doc->text[t[j].b];

		if (is_mark(doc, j, '.') && !(t[j].flags & NX_TF_SPACE_BEFORE))
			continue;			/* Mass . */
		if (t[j].kind != NX_TOK_WORD || c < 'A' || c > 'Z')
			return 0;
	}
	if (j == i + 3 || (j < doc->ntok && (t[j].flags & NX_TF_SPACE_BEFORE) && in_sentence(doc, j, i)))
		return 0;
	if (paren)
		return j < doc->ntok && is_mark(doc, j, ')') ? j : 0;
	if (j < doc->ntok && in_sentence(doc, j, i) && !is_mark(doc, j, ',') && !is_mark(doc, j, ';') &&
		!is_mark(doc, j, ')'))
		return 0;
	return tag_state(x, i + 3, j) ? j : 0;
}

/* A party tag: its "(" or comma, and the token after its state. */
typedef struct PartyTag
{
	uint32_t	open;
	uint32_t	close;
} PartyTag;

/*
 * The party tags of the document, in order, into *tags (NULL when none):
 * one scan.  Returns how many, or -1 when out of memory.
 */
static long
party_tags(EntCtx *x, PartyTag **tags)
{
	const NxDoc *doc = x->doc;
	size_t		n = 0,
				cap = 0;

	*tags = NULL;
	for (uint32_t i = 0; i < doc->ntok; i++)
	{
		uint32_t	j;

		if ((i & 4095) == 0)
			nx_check_interrupts(x->a);
		if (doc->tok[i].blen == 1 && (doc->text[doc->tok[i].b] == '(' || doc->text[doc->tok[i].b] == ',') &&
			(j = party_tag(x, i)) > 0 && !(doc->sent[doc->tok[i].sentence].flags & NX_SF_HEADER))
		{
			if (n == cap)
			{
				PartyTag   *g = nx_grow(x->a, *tags, sizeof(PartyTag), &cap, cap ? 2 * cap : 8);

				if (!g)
				{
					nx_free(x->a, *tags);
					*tags = NULL;
					return -1;
				}
				*tags = g;
			}
			(*tags)[n].open = i;
			(*tags)[n].close = j;
			n++;
			i = j - 1;			/* a comma that closes one may open the next */
		}
	}
	return (long) n;
}

/*
 * The "of" of a mention [s, s + n) that is a party member's word and a
 * state, the New York Times' party tag (Senator Chris Coons, Democrat of
 * Delaware), or 0.
 */
static uint32_t
party_of(const NxDoc *doc, uint32_t s, uint32_t n)
{
	if (n < 3 || !lower_word(doc, s + 1, "of") || !(doc->tok[s].flags & NX_TF_UPPER_INITIAL))
		return 0;
	return nx_tok_ieq(doc, s, "Democrat") || nx_tok_ieq(doc, s, "Republican") ||
		nx_tok_ieq(doc, s, "Independent") ? s + 1 : 0;
}

/*
 * A party's word or letter at token w (MISC) and its state [st, st + n)
 * (LOC), written at the end of x->me but not counted yet.
 */
static Ment *
party_pair(EntCtx *x, uint32_t w, uint32_t st, uint32_t n, float conf)
{
	Ment	   *p = &x->me[x->nm];

	memset(p, 0, 2 * sizeof(Ment));
	p[0].tok = w;
	p[0].ntok = 1;
	p[0].type = (uint32_t) x->misc;
	p[0].conf = conf;
	p[1].tok = st;
	p[1].ntok = n;
	p[1].type = (uint32_t) x->loc;
	p[1].conf = conf;
	return p;
}

/* Append party tag g's letter and state to x->me. */
static void
add_party_tag(EntCtx *x, const PartyTag *g)
{
	party_pair(x, g->open + 1, g->open + 3, g->close - g->open - 3, 1);
	x->nm += 2;
}

/* Is a tagged mention inside the document and of a type of the model? */
static int
mention_ok(const EntCtx *x, const NxEntity *in)
{
	const NxDoc *doc = x->doc;

	return in->ntok > 0 && in->tok < doc->ntok && in->ntok <= doc->ntok - in->tok &&
		in->type < x->nt;
}

/*
 * The pieces of one tagged mention (cut at brackets and between place
 * names), each with its type fixed and cleaned, appended to x->me while
 * fewer than cap.
 */
static void
add_pieces(EntCtx *x, const NxEntity *in, size_t cap)
{
	const NxDoc *doc = x->doc;
	Ment		e;
	uint32_t	cut[8];
	size_t		nc;
	uint32_t	s0;

	e.tok = in->tok;
	e.ntok = in->ntok;
	e.type = in->type;
	e.conf = in->conf;
	if (x->misc >= 0 && x->loc >= 0 && party_of(doc, e.tok, e.ntok))
	{
		/* Democrat of Vermont: the member's word and the state */
		Ment	   *p = party_pair(x, e.tok, e.tok + 2, e.ntok - 2, e.conf);

		if (x->nm + 2 <= cap && clean(x->m, doc, x->per, x->title_cls, 1, &p[1]))
			x->nm += 2;
		return;
	}
	nc = cuts(x->m, doc, &e, (int) e.type == x->per ? 0 : x->places, cut, 8);
	s0 = e.tok;
	for (size_t k = 0; k <= nc; k++)
	{
		uint32_t	e0 = k < nc ? cut[k] : e.tok + e.ntok;
		Ment	   *p = &x->me[x->nm];

		if (e0 <= s0)
		{
			s0 = e0 + 1;
			continue;
		}
		*p = e;
		p->tok = s0;
		p->ntok = e0 - s0;
		if (k < nc && cut[k] < e.tok + e.ntok && doc->text[doc->tok[cut[k]].b] == '-' && x->loc >= 0)
			p->type = (uint32_t) x->loc;
		if (k > 0 && doc->text[doc->tok[cut[k - 1]].b] == '-' && x->loc >= 0)
			p->type = (uint32_t) x->loc;
		/* a name after Mr or Mrs is a person's, whatever the tagger says */
		if (x->per >= 0 && (int) p->type != x->per && after_honorific(doc, p))
			p->type = (uint32_t) x->per;
		if (clean(x->m, doc, x->per, x->title_cls, nc > 0, p) && x->nm < cap)
			x->nm++;
		s0 = e0 + 1;
	}
}

/* Tokens an organisation's name reaches back to its head word, at most (Committee for a Responsible …). */
#define ORG_BACK_MAX		6

/* Is token i a lower-case word that joins an organisation's name (of, for, on, and, a, the)? */
static int
org_joiner(const NxDoc *doc, uint32_t i)
{
	return lower_word(doc, i, "of") || lower_word(doc, i, "for") || lower_word(doc, i, "on") ||
		lower_word(doc, i, "and") || lower_word(doc, i, "a") || lower_word(doc, i, "the");
}

/*
 * The head word an organisation's mention at token s reaches back to, or
 * s: the tagger cut a name after its head and "of", "for" or "on" (Center
 * for Strategic and International Studies, Committee for a Responsible
 * Federal Budget, Center for Transatlantic Relations); back over
 * capitalised words and joiners, in its sentence.
 */
static uint32_t
org_head_before(const NxDoc *doc, uint32_t s)
{
	uint32_t	sent = doc->tok[s].sentence;

	if (s < 2 || !org_joiner(doc, s - 1))
		return s;
	for (uint32_t j = s - 1; j > 0 && s - j < ORG_BACK_MAX && doc->tok[j - 1].sentence == sent; j--)
	{
		uint32_t	h = j - 1;

		if (doc->tok[h].kind != NX_TOK_WORD)
			return s;
		if ((doc->tok[h].flags & NX_TF_UPPER_INITIAL) && (nx_words_abbrev(doc, h) & NX_WB(ORG_HEAD)))
			return lower_word(doc, h + 1, "of") || lower_word(doc, h + 1, "for") ||
				lower_word(doc, h + 1, "on") ?
				h : s;
		if (!(doc->tok[h].flags & NX_TF_UPPER_INITIAL) && !org_joiner(doc, h))
			return s;
	}
	return s;
}

/*
 * Organisations' mentions reach back to their head word (org_head_before),
 * taking in the mentions they cover; x->me in order of the text.
 */
static void
org_heads(EntCtx *x)
{
	const NxDoc *doc = x->doc;
	size_t		n = 0;

	for (size_t k = 0; k < x->nm; k++)
	{
		Ment	   *e = &x->me[k];
		uint32_t	h;

		if ((int) e->type == x->org && (h = org_head_before(doc, e->tok)) < e->tok)
		{
			/* drop the mentions kept so far that it now covers */
			while (n > 0 && x->me[n - 1].tok + x->me[n - 1].ntok > h)
				n--;
			e->ntok += e->tok - h;
			e->tok = h;
		}
		x->me[n++] = *e;
	}
	x->nm = n;
}

/* Particles between two mentions that make them one person's name, at most (van der). */
#define PARTICLES_MAX		2

/*
 * Does a person's name ending before token e go on with a comma and a
 * suffix (Joseph R. Biden, Jr.), all in the name's sentence?
 */
static int
comma_suffix(const NxDoc *doc, uint32_t e)
{
	return e + 1 < doc->ntok && is_mark(doc, e, ',') && in_sentence(doc, e + 1, e - 1) &&
		(nx_words_abbrev(doc, e + 1) & NX_WB(NAME_SUFFIX)) &&
		(doc->tok[e + 1].flags & NX_TF_UPPER_INITIAL);
}

/* Are tokens [s, e) lower-case particles of a name (bin, van der), at most PARTICLES_MAX? */
static int
particles(const NxDoc *doc, uint32_t s, uint32_t e)
{
	if (e <= s || e - s > PARTICLES_MAX)
		return 0;
	for (uint32_t i = s; i < e; i++)
		if (doc->tok[i].kind != NX_TOK_WORD || (doc->tok[i].flags & NX_TF_UPPER_INITIAL) ||
			!(nx_words_abbrev(doc, i) & NX_WB(NAME_PARTICLE)))
			return 0;
	return 1;
}

/*
 * Names the tagger cut at their particle or suffix made whole: two
 * mentions with only particles between are one person's (Osama | bin |
 * Laden), and a person's name takes a comma and a suffix after it
 * (Joseph R. Biden, Jr.), with what the tagger made of the suffix.
 */
static void
name_joins(EntCtx *x)
{
	const NxDoc *doc = x->doc;
	size_t		n = 0;

	for (size_t k = 0; k < x->nm; k++)
	{
		Ment		e = x->me[k];

		if (n > 0 && x->per >= 0)
		{
			Ment	   *p = &x->me[n - 1];
			uint32_t	pe = p->tok + p->ntok;

			if (e.tok < pe)
				continue;		/* the suffix a person took in */
			/* from the name's last word to the next name, all in one sentence */
			if (particles(doc, pe, e.tok) && in_sentence(doc, pe - 1, e.tok))
			{
				p->ntok = e.tok + e.ntok - p->tok;
				p->type = (uint32_t) x->per;
				continue;
			}
		}
		if ((int) e.type == x->per && comma_suffix(doc, e.tok + e.ntok))
			e.ntok += 2;
		x->me[n++] = e;
	}
	x->nm = n;
}

/*
 * A mention that is only a title, right before a person's name, goes:
 * the tagger gave Rep. in Rep. John Culberson a mention of its own (as
 * MISC: Czech Rep in its training data), and a title is no part of a
 * name (clean takes it off when it leads the person's mention).
 */
static void
titles_alone(EntCtx *x)
{
	size_t		n = 0;

	for (size_t k = 0; k < x->nm; k++)
	{
		const Ment *e = &x->me[k];

		if (k + 1 < x->nm && (int) e->type != x->per && (int) x->me[k + 1].type == x->per &&
			x->me[k + 1].tok == e->tok + e->ntok &&
			title_at(x->m, x->title_cls, x->doc, e->tok, e->ntok) == e->ntok)
			continue;
		x->me[n++] = *e;
	}
	x->nm = n;
}

/*
 * Is a mention one word in capitals that is an organisation of the
 * lexicon (GOP, G.O.P., NATO, CNN)?  Such an acronym is the
 * organisation's name also before a noun (GOP nominee, EU officials),
 * not an adjective made from it (Republican), and both the CoNLL-2003
 * training data (EU, NATO) and the 2016 news (GOP "in every use") type
 * it ORG.  The tagger learnt GOP as MISC from CoNLL-2003's one example.
 */
static int
org_acronym(const EntCtx *x, const Ment *e)
{
	const NxToken *t = &x->doc->tok[e->tok];

	return e->ntok == 1 && t->blen >= 2 && (t->flags & NX_TF_ALL_UPPER) &&
		(lex_entry(x->m, x->doc, e->tok, 1) & x->orgs);
}

/*
 * The first token of an organisation's name after a leading "The" that
 * is no part of it (a mark after the The goes too: The "Post"), or the
 * mention's own first token.  "The" belongs to an organisation's name
 * only in an official title, which the lexicon's organisations hold
 * whole (The Washington Post), not to other papers' names and short
 * forms (The New York Post, The Post) nor to bodies and parties (The
 * State Department), as both CoNLL-2003 and the 2016 news annotate them.
 */
static uint32_t
org_start(const EntCtx *x, const Ment *e)
{
	static const char *const the[] = {"The"};
	const NxDoc *doc = x->doc;
	const NxToken *t = &doc->tok[e->tok];
	uint32_t	s = e->tok + 1,
				end = e->tok + e->ntok;

	if (e->ntok < 2 || !nx_word_in(doc->text + t->b, t->blen, the, 1) ||
		(lex_entry(x->m, doc, e->tok, e->ntok) & x->orgs))
		return e->tok;
	while (s < end && !is_content(doc, s))
		s++;
	return s < end ? s : e->tok;
}

/* The organisations' mentions: acronyms ORG, a leading The off. */
static void
org_mentions(EntCtx *x)
{
	for (size_t k = 0; k < x->nm; k++)
	{
		Ment	   *e = &x->me[k];

		if ((int) e->type != x->org && org_acronym(x, e))
			e->type = (uint32_t) x->org;
		else if ((int) e->type == x->org)
		{
			uint32_t	s = org_start(x, e);

			e->ntok -= s - e->tok;
			e->tok = s;
		}
	}
}

/* Tokens of a named event of the lexicon, at most (Second Battle of the Marne). */
#define EVENT_TOKENS_MAX	6

/*
 * The tokens of the longest named event or law of the lexicon that starts
 * at token i (9/11, Fifth Amendment, Tour de France), or 0: a
 * capitalised word or a number to start, in one sentence.
 */
static uint32_t
event_at(const EntCtx *x, uint32_t i)
{
	const NxDoc *doc = x->doc;
	const NxModel *m = x->m;
	uint64_t	h = NX_FNV_OFFSET;
	uint32_t	best = 0;

	if (!(doc->tok[i].flags & NX_TF_UPPER_INITIAL) && doc->tok[i].kind != NX_TOK_NUMBER)
		return 0;
	for (uint32_t k = 0; k < EVENT_TOKENS_MAX && k < m->lex.maxlen && in_sentence(doc, i + k, i); k++)
	{
		NxLexSlot	buf;
		const NxLexSlot *slot;

		h = nx_key_add(h, tok_hash(doc, i + k));
		if (!(slot = nx_lex_find(&m->lex, nx_key_final(h), &buf)))
			break;
		if ((slot->flags & NX_LEX_ENTRY) && ((slot->classes >> x->event_cls) & 1))
			best = k + 1;
	}
	return best;
}

/*
 * Named events and laws of the lexicon the tagger left out (9/11, the
 * Fifth Amendment: 1996 Reuters never named them) become MISC mentions,
 * where no mention covers any of their tokens; x->me stays in order of
 * the text.  The mentions are read once, the tokens between them once.
 */
static NxStatus
lexicon_events(EntCtx *x)
{
	const NxDoc *doc = x->doc;
	Ment	   *out;
	size_t		n = 0,
				cap = x->nm + 1,
				k = 0;

	if (x->event_cls < 0 || x->misc < 0 || !nx_lex_present(&x->m->lex))
		return NX_OK;
	out = nx_alloc(x->a, cap * sizeof(Ment));
	if (!out)
		return NX_ENOMEM;
	for (uint32_t i = 0; i < doc->ntok;)
	{
		uint32_t	len;

		if ((i & 4095) == 0)
			nx_check_interrupts(x->a);
		if (k < x->nm && i >= x->me[k].tok)
		{
			i = x->me[k].tok + x->me[k].ntok;	/* inside a mention: none */
			out[n++] = x->me[k++];
			continue;
		}
		len = event_at(x, i);
		if (len > 0 && (k == x->nm || i + len <= x->me[k].tok) &&
			!(doc->sent[doc->tok[i].sentence].flags & NX_SF_HEADER))
		{
			/* room for it and every mention still to come */
			if (n + 1 + (x->nm - k) >= cap)
			{
				Ment	   *g = nx_grow(x->a, out, sizeof(Ment), &cap, 2 * cap + (x->nm - k));

				if (!g)
				{
					nx_free(x->a, out);
					return NX_ENOMEM;
				}
				out = g;
			}
			memset(&out[n], 0, sizeof(Ment));
			out[n].tok = i;
			out[n].ntok = len;
			out[n].type = (uint32_t) x->misc;
			out[n].conf = 1;
			n++;
			i += len;
			continue;
		}
		i++;
	}
	while (k < x->nm)
		out[n++] = x->me[k++];
	nx_free(x->a, x->me);
	x->me = out;
	x->nm = n;
	return NX_OK;
}

/*
 * Pass clean: the mentions outside the header, cut into pieces and
 * cleaned, with the party tags in place of what overlaps them, in the
 * order of the text.
 */
NxStatus
nx_ents_clean(EntCtx *x, const NxEntity *in, size_t nin)
{
	const NxDoc *doc = x->doc;
	PartyTag   *tag = NULL;
	long		ntag = x->misc >= 0 && x->loc >= 0 ? party_tags(x, &tag) : 0;
	size_t		cap = 0,
				t = 0;

	if (ntag < 0)
		return NX_ENOMEM;
	/* pieces are at most one per token; a tag gives two */
	for (size_t i = 0; i < nin; i++)
		if (in[i].tok < doc->ntok && in[i].ntok <= doc->ntok - in[i].tok)
			cap += in[i].ntok;
	cap += 2 * (size_t) ntag;
	x->me = nx_alloc(x->a, (cap + 1) * sizeof(Ment));
	if (!x->me)
	{
		nx_free(x->a, tag);
		return NX_ENOMEM;
	}
	for (size_t i = 0; i < nin; i++)
	{
		if ((i & 1023) == 0)
			nx_check_interrupts(x->a);
		if (!mention_ok(x, &in[i]))
			continue;
		for (; t < (size_t) ntag && tag[t].open < in[i].tok; t++)
			add_party_tag(x, &tag[t]);
		/* a mention overlapping a tag gives way to it */
		if ((t > 0 && tag[t - 1].close >= in[i].tok) ||
			(t < (size_t) ntag && tag[t].open < in[i].tok + in[i].ntok))
			continue;
		if (doc->sent[doc->tok[in[i].tok].sentence].flags & NX_SF_HEADER)
			continue;
		add_pieces(x, &in[i], cap);
	}
	for (; t < (size_t) ntag; t++)
		add_party_tag(x, &tag[t]);
	nx_free(x->a, tag);
	if (x->org >= 0)
		org_heads(x);
	name_joins(x);
	if (x->per >= 0)
		titles_alone(x);
	if (x->org >= 0 && x->orgs)
		org_mentions(x);
	return lexicon_events(x);
}
