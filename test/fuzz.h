/*
 * fuzz.h
 *	  Helpers shared by the libFuzzer targets test/fuzz_*.c: an invariant
 *	  check that aborts (so libFuzzer records the input), the invariants
 *	  of a parsed document, and the paths of the shipped models (files
 *	  are read with read_all of testlib.h).  Header-only: each target is
 *	  one translation unit.
 *
 * Built and run by `make fuzz` (test/fuzz.mk, test/fuzz-run).
 */
#ifndef NX_FUZZ_H
#define NX_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "nx_model.h"
#include "nx_text.h"
#include "testlib.h"

/* An invariant that must hold for every input: abort with a message if not. */
#define FUZZ_CHECK(cond) do { \
	if (!(cond)) \
	{ \
		fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/*
 * Character index of every code-point boundary of text, computed apart
 * from the tokenizer (ICU's U8_NEXT over the whole text: one character per
 * code point or maximal ill-formed subpart).  map[b] is the index of the
 * character starting at byte b, (uint32_t) -1 inside a character;
 * map[len] is the number of characters.
 */
static inline uint32_t *
fuzz_char_map(const char *text, size_t len)
{
	uint32_t   *map = malloc((len + 1) * sizeof(uint32_t));
	int32_t		i = 0;
	uint32_t	n = 0;

	FUZZ_CHECK(map != NULL);
	memset(map, 0xFF, (len + 1) * sizeof(uint32_t));
	while ((size_t) i < len)
	{
		UChar32		c;

		map[i] = n++;
		U8_NEXT((const uint8_t *) text, i, (int32_t) len, c);
		(void) c;
	}
	map[len] = n;
	return map;
}

/*
 * The contract of nx_doc_parse (nx_text.h), checked on one document:
 * tokens in order, non-empty, inside the text, on character boundaries,
 * with character offsets and lengths that agree with the bytes; sentences
 * that tile the tokens in order, each of 1..1024 tokens, with paragraph
 * numbers that start at 0 and never decrease.
 */
static inline void
fuzz_check_doc(const NxDoc *d, const char *text, size_t len)
{
	uint32_t   *map = fuzz_char_map(text, len);
	size_t		next_tok = 0;

	FUZZ_CHECK(d->text == text && d->len == len);
	FUZZ_CHECK(d->nchars == map[len]);
	FUZZ_CHECK((d->ntok == 0) == (d->nsent == 0));
	for (size_t i = 0; i < d->ntok; i++)
	{
		const NxToken *t = &d->tok[i];

		FUZZ_CHECK(t->blen > 0 && t->clen > 0 && t->clen <= t->blen);
		FUZZ_CHECK((size_t) t->b + t->blen <= len);
		FUZZ_CHECK(t->kind < NX_TOK__COUNT);
		FUZZ_CHECK(map[t->b] == t->c);
		FUZZ_CHECK(map[t->b + t->blen] == t->c + t->clen);
		if (i > 0)
		{
			FUZZ_CHECK(t->b >= d->tok[i - 1].b + d->tok[i - 1].blen);
			FUZZ_CHECK(t->c >= nx_tok_cend(&d->tok[i - 1]));
		}
		FUZZ_CHECK(t->sentence < d->nsent);
		FUZZ_CHECK(strcmp(nx_tok_kind_name((NxTokKind) t->kind), "") != 0);
	}
	for (size_t s = 0; s < d->nsent; s++)
	{
		const NxSentence *se = &d->sent[s];

		FUZZ_CHECK(se->tok == next_tok);
		FUZZ_CHECK(se->ntok >= 1 && se->ntok <= 1024);
		FUZZ_CHECK((size_t) se->tok + se->ntok <= d->ntok);
		for (size_t k = se->tok; k < se->tok + se->ntok; k++)
			FUZZ_CHECK(d->tok[k].sentence == s);
		if (s == 0)
			FUZZ_CHECK(se->paragraph == 0);
		else
			FUZZ_CHECK(se->paragraph >= d->sent[s - 1].paragraph);
		next_tok = se->tok + se->ntok;
	}
	FUZZ_CHECK(next_tok == d->ntok);
	FUZZ_CHECK(d->npara == (d->nsent ? d->sent[d->nsent - 1].paragraph + 1 : 0));
	free(map);
}

/* The shipped entity model's path: $NEWSX_MODEL, else data/ner-en.model. */
static inline const char *
fuzz_model_path(void)
{
	const char *p = getenv("NEWSX_MODEL");

	return p && *p ? p : "data/ner-en.model";
}

#endif							/* NX_FUZZ_H */
