/*
 * nx_words.c
 *	  Word classes of tokens (nx_words.h) from the one word list,
 *	  nx_wordlist.h.
 *
 * The RULE words are looked up in an open-addressing table built on first
 * use from the list (a backend is one thread; the table is the same
 * whenever it is built).  A token is looked up when it is at most
 * WORD_MAXLEN ASCII letters: only such tokens can equal a RULE word.
 */
#include <string.h>

#include "nx_hash.h"
#include "nx_fold.h"
#include "nx_words.h"

/* Bytes of the longest RULE word; longer tokens are no RULE word. */
#define WORD_MAXLEN		24

/* Slots of the table: a power of two, over twice the distinct RULE words (601). */
#define WORD_SLOTS		2048

typedef struct WordSlot
{
	uint64_t	hash;			/* 0: empty */
	uint64_t	classes;		/* NX_WB bits */
	char		word[WORD_MAXLEN + 1];
} WordSlot;

static const char *const class_names[NX_W__COUNT] = {
#define NX_WORDCLASS(id, name, kind, file, words) name,
#include "nx_wordlist.h"
#undef NX_WORDCLASS
};

static const char *const class_words[NX_W__COUNT] = {
#define NX_WORDCLASS(id, name, kind, file, words) words,
#include "nx_wordlist.h"
#undef NX_WORDCLASS
};

static const char *const class_files[NX_W__COUNT] = {
#define NX_WORDCLASS(id, name, kind, file, words) file,
#include "nx_wordlist.h"
#undef NX_WORDCLASS
};

static const uint8_t class_trained[NX_W__COUNT] = {
#define NX_WORDCLASS(id, name, kind, file, words) NX_WK_##kind,
#include "nx_wordlist.h"
#undef NX_WORDCLASS
};

/* The word pairs of nx_wordlist.h: two words read together, and a role's abbreviation. */
enum
{
	PAIR_WORDS,					/* NX_WORDPAIR: familiar with */
	PAIR_ROLE					/* NX_ROLEABBREV: gov, governor */
};

static const struct
{
	uint8_t		kind;
	const char *a;
	const char *b;
}			word_pairs[] = {
#define NX_WORDPAIR(a, b) {PAIR_WORDS, a, b},
#define NX_ROLEABBREV(a, r) {PAIR_ROLE, a, r},
#define NX_WORDCLASS(id, name, kind, file, words)
#include "nx_wordlist.h"
#undef NX_WORDCLASS
#undef NX_ROLEABBREV
#undef NX_WORDPAIR
};

/* TRAINED rows, then RULE rows, then LEXICON rows; masks of 64 bits, sections of 32 classes */
typedef char order_ok[NX_W__MASK <= 64 && NX_W__TRAINED <= NX_LEX_MAX_CLASSES &&
					  NX_W__LEXICON <= NX_LEX_MAX_CLASSES ? 1 : -1];

static WordSlot table[WORD_SLOTS];
static int	table_ready;

/* Name of a class. */
const char *
nx_word_class_name(NxWordClass c)
{
	return (unsigned) c < NX_W__COUNT ? class_names[c] : "";
}

/* The data/lexicon file whose words join a TRAINED class, or NULL. */
const char *
nx_word_class_file(NxWordClass c)
{
	return (unsigned) c < NX_W__COUNT ? class_files[c] : NULL;
}

/* Hash of a lower-case word (never 0). */
static inline uint64_t
word_hash(const char *w, size_t n)
{
	return nx_fnv1a64(w, n) | 1;
}

/* The slot of word w[0..n): where it is, or the empty slot where it goes. */
static WordSlot *
word_slot(const char *w, size_t n, uint64_t h)
{
	size_t		i = (size_t) nx_mix64(h) & (WORD_SLOTS - 1);

	while (table[i].hash &&
		   !(table[i].hash == h && strlen(table[i].word) == n && memcmp(table[i].word, w, n) == 0))
		i = (i + 1) & (WORD_SLOTS - 1);
	return &table[i];
}

/* Fill the table from the RULE rows (once). */
static void
table_build(void)
{
	for (int c = 0; c < NX_W__COUNT; c++)
	{
		const char *p = class_words[c];

		if (class_trained[c] != NX_WK_RULE)
			continue;
		while (*p)
		{
			const char *e;
			WordSlot   *s;

			while (*p == ' ')
				p++;
			for (e = p; *e && *e != ' '; e++)
				;
			if (e > p && e - p <= WORD_MAXLEN)
			{
				uint64_t	h = word_hash(p, (size_t) (e - p));

				s = word_slot(p, (size_t) (e - p), h);
				if (!s->hash)
				{
					s->hash = h;
					memcpy(s->word, p, (size_t) (e - p));
					s->word[e - p] = '\0';
				}
				s->classes |= UINT64_C(1) << c;
			}
			p = e;
		}
	}
	table_ready = 1;
}

/* The RULE classes of the word s[0..n), 0 unless it is ASCII letters. */
static uint64_t
word_classes(const char *s, size_t n)
{
	char		w[WORD_MAXLEN];
	size_t		k;

	if (n == 0 || n > WORD_MAXLEN)
		return 0;
	for (k = 0; k < n; k++)
	{
		char		ch = s[k];

		if (ch >= 'A' && ch <= 'Z')
			ch = (char) (ch + ('a' - 'A'));
		else if (!(ch >= 'a' && ch <= 'z'))
			return 0;
		w[k] = ch;
	}
	return word_slot(w, n, word_hash(w, n))->classes;
}

/* RULE classes of every token. */
void
nx_words_rule_classes(const NxDoc *doc, uint64_t *out, const NxAlloc *a)
{
	if (!table_ready)
		table_build();
	for (size_t i = 0; i < doc->ntok; i++)
	{
		if ((i & 4095) == 0)
			nx_check_interrupts(a);
		out[i] = word_classes(doc->text + doc->tok[i].b, doc->tok[i].blen);
	}
	out[doc->ntok] = 0;
}

/*
 * The RULE classes of a token from its lexicon key: RULE words are lower-case
 * ASCII letters, their own case fold, so a token's key is the hash its
 * RULE word was entered with when its fold is that word (said, SAID; and
 * a word whose fold only is, with the long s or the Kelvin sign), and the
 * slot is found without folding or comparing it again.
 */
uint64_t
nx_words_rule_classes_key(uint64_t key)
{
	uint64_t	h = key | 1;
	size_t		k = (size_t) nx_mix64(h) & (WORD_SLOTS - 1);

	if (!table_ready)
		table_build();
	while (table[k].hash && table[k].hash != h)
		k = (k + 1) & (WORD_SLOTS - 1);
	return table[k].classes;
}

/* The RULE classes of a token with a final period dropped (Mr., Jr.). */
uint64_t
nx_words_abbrev(const NxDoc *doc, size_t i)
{
	const NxToken *t = &doc->tok[i];
	size_t		n = t->blen;

	if (!table_ready)
		table_build();
	if (n > 1 && doc->text[t->b + n - 1] == '.')
		n--;
	return word_classes(doc->text + t->b, n);
}

/* ---- the LEXICON section of the TRAINED and LEXICON classes ---- */

typedef struct LexBuild
{
	NxLexSlot  *s;
	size_t		n,
				cap;
	uint32_t	maxlen;
	const NxAlloc *a;
	int			oom;
} LexBuild;

static void
lex_push(LexBuild *lb, uint64_t key, uint32_t classes, uint32_t flags)
{
	if (lb->oom)
		return;
	if (lb->n == lb->cap)
	{
		NxLexSlot  *ns = nx_grow(lb->a, lb->s, sizeof(NxLexSlot), &lb->cap,
								 lb->cap ? 2 * lb->cap : 1024);

		if (!ns)
		{
			lb->oom = 1;
			return;
		}
		lb->s = ns;
	}
	lb->s[lb->n].key = key;
	lb->s[lb->n].classes = classes;
	lb->s[lb->n].flags = flags;
	lb->n++;
}

/* The key hash of one folded token. */
static uint64_t
fold_hash(const char *p, size_t n)
{
	char		fold[256];
	size_t		fl = nx_fold(p, n, fold, sizeof(fold));

	return nx_fnv1a64(fold, fl);
}

/* Does the word [p, e) hold a hyphen between two of its characters (African-American)? */
static int
inner_hyphen(const char *p, const char *e)
{
	for (const char *q = p + 1; q + 1 < e; q++)
		if (*q == '-' && q[-1] != ' ' && q[1] != ' ')
			return 1;
	return 0;
}

/*
 * Add the space-separated words of list[0..len) as entries of class bit
 * cls: each word one entry (words), or all of them one entry of several
 * tokens, with its proper prefixes.  With split, a hyphen inside a word
 * is a token of its own, as the tokenizer makes it (African - American).
 */
static void
lex_add(LexBuild *lb, const char *list, size_t len, uint32_t cls, int words, int split)
{
	const char *p = list,
			   *end = list + len;
	uint64_t	h = NX_FNV_OFFSET;
	uint32_t	ntok = 0;

	while (p < end)
	{
		const char *e;

		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		for (e = p; e < end && *e != ' '; e++)
			;
		if (words)
		{
			lex_push(lb, nx_key_final(nx_key_add(NX_FNV_OFFSET, fold_hash(p, (size_t) (e - p)))),
					 cls, NX_LEX_ENTRY);
			p = e;
			continue;
		}
		if (split && e > p + 1 && *p != '-')
		{
			const char *h2 = memchr(p + 1, '-', (size_t) (e - p - 1));

			if (h2 && h2 + 1 < e)
				e = h2;			/* the word before the hyphen; the hyphen next */
		}
		else if (split && *p == '-' && e > p + 1)
			e = p + 1;			/* the hyphen itself; the rest next */
		if (ntok > 0)
			lex_push(lb, nx_key_final(h), 0, NX_LEX_PREFIX);
		h = nx_key_add(h, fold_hash(p, (size_t) (e - p)));
		ntok++;
		p = e;
	}
	if (!words && ntok > 0)
	{
		lex_push(lb, nx_key_final(h), cls, NX_LEX_ENTRY);
		if (ntok > lb->maxlen)
			lb->maxlen = ntok;
	}
}

/* Add every line of a list file's text, but comments, as class bit cls. */
static void
lex_add_file(LexBuild *lb, const char *text, uint32_t cls, int words)
{
	const char *p = text;

	while (*p)
	{
		const char *e = strchr(p, '\n');
		size_t		n = e ? (size_t) (e - p) : strlen(p);
		size_t		k = n;

		while (k > 0 && (p[k - 1] == '\r' || p[k - 1] == '\n'))
			k--;
		if (k > 0 && p[0] != '#')
		{
			lex_add(lb, p, k, cls, words, 0);
			/* and as the tokenizer splits it, when a word has a hyphen inside */
			if (!words && inner_hyphen(p, p + k))
				lex_add(lb, p, k, cls, words, 1);
		}
		p += n + (e != NULL);
	}
}

/* The lexicon section of the TRAINED classes, or of the LEXICON classes. */
NxStatus
nx_words_lexicon(const char *const files[NX_W__COUNT], NxWordKind kind, void **sec,
				 size_t *seclen, const NxAlloc *a)
{
	const char *names[NX_LEX_MAX_CLASSES];
	LexBuild	lb = {0};
	NxStatus	st;
	int			nc = 0,
				first = kind == NX_WK_TRAINED ? 0 : NX_W__MASK;

	lb.a = a;
	lb.maxlen = 1;
	for (int c = 0; c < NX_W__COUNT; c++)
		if (class_trained[c] == kind)
			names[nc++] = class_names[c];
	for (int c = 0; c < NX_W__TRAINED && kind == NX_WK_TRAINED; c++)
		lex_add(&lb, class_words[c], strlen(class_words[c]), UINT32_C(1) << c, 1, 0);
	for (int c = 0; c < NX_W__COUNT; c++)
		if (files && files[c] && class_trained[c] == kind)
			lex_add_file(&lb, files[c], UINT32_C(1) << (c - first), kind == NX_WK_TRAINED);
	if (lb.oom)
		st = NX_ENOMEM;
	else
		st = nx_lexicon_build(lb.s, lb.n, lb.maxlen, names, (size_t) nc, sec, seclen, a);
	nx_free(a, lb.s);
	return st;
}

/* The bit of the class called name in lex (nx_words.h). */
uint32_t
nx_words_class_bit(const NxLexicon *lex, uint32_t hint, const char *name)
{
	uint32_t	bit = 0;

	if (!lex || !nx_lex_present(lex))
		return 0;
	if (hint < lex->nclasses && strcmp(lex->class_name[hint], name) == 0)
		return UINT32_C(1) << hint;
	for (uint32_t j = 0; j < lex->nclasses; j++)
		if (strcmp(lex->class_name[j], name) == 0)
			bit = UINT32_C(1) << j;
	return bit;
}

/* NxLexicon.word_bits has a bit for every class (fails to compile if not) */
typedef char nx_word_bits_fit[NX_W__COUNT <= NX_LEX_MAX_WORD_CLASSES ? 1 : -1];

/* Every word class's bit in a lexicon being parsed. */
void
nx_words_class_bits(NxLexicon *lex)
{
	for (int c = 0; c < NX_W__COUNT; c++)
	{
		/* a NAMES section has the LEXICON rows' classes in their order */
		uint32_t	hint = (uint32_t) (c < NX_W__MASK ? c : c - NX_W__MASK);

		lex->word_bits[c] = nx_words_class_bit(lex, hint, class_names[c]);
	}
}

/* A token's lexicon key. */
uint64_t
nx_words_key(const char *p, size_t n)
{
	return fold_hash(p, n);
}

/* The LEXICON classes of an entry's slot of lex (NULL: none). */
static uint32_t
slot_classes(const NxLexicon *lex, const NxLexSlot *sl)
{
	const uint32_t *map = lex->word_bits + NX_W__MASK;
	uint32_t	out = 0;

	if (!sl || !(sl->flags & NX_LEX_ENTRY))
		return 0;
	for (int c = 0; c < NX_W__LEXICON; c++)
		if (sl->classes & map[c])
			out |= UINT32_C(1) << c;
	return out;
}

/* The classes of one token's entry, and whether any entry starts with it. */
uint32_t
nx_words_token_keys(const NxLexicon *lex, uint64_t key, int *starts)
{
	NxLexSlot	buf;
	const NxLexSlot *sl;

	*starts = 0;
	if (!nx_lex_present(lex) || lex->maxlen == 0)
		return 0;
	sl = nx_lex_find(lex, nx_key_final(nx_key_add(NX_FNV_OFFSET, key)), &buf);
	*starts = sl != NULL;
	return slot_classes(lex, sl);
}

/* The LEXICON classes of which tokens [s, e) are an entry, from their keys. */
uint32_t
nx_words_span_keys(const NxLexicon *lex, const uint64_t *key, uint32_t s, uint32_t e)
{
	uint64_t	h = NX_FNV_OFFSET;
	NxLexSlot	buf;
	const NxLexSlot *sl = NULL;

	if (!nx_lex_present(lex) || e <= s || e - s > lex->maxlen)
		return 0;
	for (uint32_t i = s; i < e; i++)
	{
		h = nx_key_add(h, key[i]);
		if ((sl = nx_lex_find(lex, nx_key_final(h), &buf)) == NULL)
			return 0;
	}
	return slot_classes(lex, sl);
}

/* The role the abbreviation w (folded, no final period) stands for (gov: governor), or NULL. */
const char *
nx_words_role_of(const char *w)
{
	for (size_t k = 0; k < sizeof(word_pairs) / sizeof(word_pairs[0]); k++)
		if (word_pairs[k].kind == PAIR_ROLE && strcmp(w, word_pairs[k].a) == 0)
			return word_pairs[k].b;
	return NULL;
}

/* Do tokens i and i + 1 of doc spell a word pair (familiar with, briefed on)? */
int
nx_words_pair(const NxDoc *doc, size_t i)
{
	for (size_t k = 0; k < sizeof(word_pairs) / sizeof(word_pairs[0]); k++)
		if (word_pairs[k].kind == PAIR_WORDS && nx_tok_ieq(doc, i, word_pairs[k].a) &&
			nx_tok_ieq(doc, i + 1, word_pairs[k].b))
			return 1;
	return 0;
}
