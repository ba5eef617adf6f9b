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

/* Slots of the table: a power of two, over twice the distinct RULE words. */
#define WORD_SLOTS		1024

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

#define NX_WK_TRAINED	1
#define NX_WK_RULE		0
static const uint8_t class_trained[NX_W__COUNT] = {
#define NX_WORDCLASS(id, name, kind, file, words) NX_WK_##kind,
#include "nx_wordlist.h"
#undef NX_WORDCLASS
};

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

		if (class_trained[c])
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

/* RULE classes of every token. */
void
nx_words_rule_classes(const NxDoc *doc, uint64_t *out, const NxAlloc *a)
{
	if (!table_ready)
		table_build();
	for (size_t i = 0; i < doc->ntok; i++)
	{
		const NxToken *t = &doc->tok[i];
		const char *s = doc->text + t->b;
		char		w[WORD_MAXLEN];
		size_t		k;

		if ((i & 4095) == 0)
			nx_check_interrupts(a);
		out[i] = 0;
		if (t->blen > WORD_MAXLEN)
			continue;
		for (k = 0; k < t->blen; k++)
		{
			char		ch = s[k];

			if (ch >= 'A' && ch <= 'Z')
				ch = (char) (ch + ('a' - 'A'));
			else if (!(ch >= 'a' && ch <= 'z'))
				break;
			w[k] = ch;
		}
		if (k == t->blen && k > 0)
		{
			uint64_t	h = word_hash(w, k);
			const WordSlot *sl = word_slot(w, k, h);

			out[i] = sl->classes;
		}
	}
	out[doc->ntok] = 0;
}

/* ---- the LEXICON section of the TRAINED classes ---- */

typedef struct LexBuild
{
	NxLexSlot  *s;
	size_t		n,
				cap;
	const NxAlloc *a;
	int			oom;
} LexBuild;

/* Add every space-separated word of list[0..len) as an entry of class c. */
static void
lex_add_words(LexBuild *lb, const char *list, size_t len, uint32_t c)
{
	const char *p = list,
			   *end = list + len;

	while (p < end && !lb->oom)
	{
		const char *e;
		char		fold[256];
		size_t		fl;

		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		for (e = p; e < end && *e != ' '; e++)
			;
		fl = nx_fold(p, (size_t) (e - p), fold, sizeof(fold));
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
		lb->s[lb->n].key = nx_key_final(nx_key_add(NX_FNV_OFFSET, nx_fnv1a64(fold, fl)));
		lb->s[lb->n].classes = UINT32_C(1) << c;
		lb->s[lb->n].flags = NX_LEX_ENTRY;
		lb->n++;
		p = e;
	}
}

/* Add every line of a list file's text, but comments, as class c. */
static void
lex_add_file(LexBuild *lb, const char *text, uint32_t c)
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
			lex_add_words(lb, p, k, c);
		p += n + (e != NULL);
	}
}

/* The LEXICON section of the TRAINED classes. */
NxStatus
nx_words_lexicon(const char *const files[NX_W__TRAINED], void **sec, size_t *seclen,
				 const NxAlloc *a)
{
	LexBuild	lb = {0};
	NxStatus	st;

	lb.a = a;
	for (uint32_t c = 0; c < NX_W__TRAINED; c++)
		lex_add_words(&lb, class_words[c], strlen(class_words[c]), c);
	for (uint32_t c = 0; c < NX_W__TRAINED; c++)
		if (files && files[c])
			lex_add_file(&lb, files[c], c);
	if (lb.oom)
		st = NX_ENOMEM;
	else
		st = nx_lexicon_build(lb.s, lb.n, 1, class_names, NX_W__TRAINED, sec, seclen, a);
	nx_free(a, lb.s);
	return st;
}
