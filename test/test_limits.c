/*
 * test_limits.c
 *	  Unit tests of the core's limits: every loop over the text checks for
 *	  interrupts (long words and runs of white space, dashes, marks or
 *	  emoji modifiers included), the token table never grows past one
 *	  token a byte, and texts over NX_MAX_INPUT are refused.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_ner.h"
#include "nx_text.h"

void		test_limits_interrupts(void);
void		test_limits_memory(void);
void		test_limits_too_big(void);

/* A malloc allocator that counts interrupt checks and bytes asked for. */
typedef struct Count
{
	long		interrupts;
	size_t		peak;			/* largest single request */
} Count;

static void *
c_alloc(void *ctx, size_t size)
{
	Count	   *c = ctx;

	if (size > c->peak)
		c->peak = size;
	return malloc(size);
}

static void *
c_realloc(void *ctx, void *p, size_t old_size, size_t new_size)
{
	Count	   *c = ctx;

	(void) old_size;
	if (new_size > c->peak)
		c->peak = new_size;
	return realloc(p, new_size);
}

static void
c_free(void *ctx, void *p)
{
	(void) ctx;
	free(p);
}

static void
c_interrupts(void *ctx)
{
	((Count *) ctx)->interrupts++;
}

/* n copies of a UTF-8 unit, after a prefix. */
static char *
run(const char *prefix, const char *unit, size_t n, size_t *len)
{
	size_t		pl = strlen(prefix),
				ul = strlen(unit);
	char	   *s = malloc(pl + n * ul + 1);

	memcpy(s, prefix, pl);
	for (size_t i = 0; i < n; i++)
		memcpy(s + pl + i * ul, unit, ul);
	*len = pl + n * ul;
	s[*len] = '\0';
	return s;
}

/* Interrupt checks while parsing s: at least one per 64k characters. */
static long
parse_checks(const char *s, size_t len, size_t *ntok)
{
	Count		c = {0, 0};
	NxAlloc		a = {c_alloc, c_realloc, c_free, c_interrupts, &c};
	NxDoc		d;

	if (nx_doc_parse(&d, s, len, &a) != NX_OK)
		return -1;
	*ntok = d.ntok;
	nx_doc_free(&d);
	return c.interrupts;
}

void
test_limits_interrupts(void)
{
	/* runs that make one token or none: each is 1M characters */
	static const struct
	{
		const char *prefix;
		const char *unit;
	}			runs[] = {
		{"", "a"},				/* one word */
		{"", "A"},				/* one word, all capitals */
		{"", "7"},				/* one number */
		{"x", " "},				/* white space after a token */
		{"x", "\n"},
		{"x", "\xe2\x80\x8b"},	/* zero-width spaces */
		{"", "\xe2\x80\x94"},	/* one dash of em dashes */
		{"", "-"},				/* one dash of hyphens */
		{"", "."},				/* one ellipsis */
		{"x", "\xcc\x81"},		/* combining marks on a letter */
		{"!", "\xcc\x81"},		/* combining marks on punctuation */
		{"\xf0\x9f\x91\x8d", "\xf0\x9f\x8f\xbd"},	/* skin-tone modifiers */
		{"O'", "b"},			/* letters after an apostrophe */
		{"A.", "B."},			/* an acronym chain */
	};

	for (size_t r = 0; r < sizeof(runs) / sizeof(runs[0]); r++)
	{
		size_t		len,
					ntok = 0;
		char	   *s = run(runs[r].prefix, runs[r].unit, 1000000, &len);
		long		n = parse_checks(s, len, &ntok);

		if (n < 1000000 / 65536)
			fprintf(stderr, "run %zu (%s%s...): %ld interrupt checks, %zu tokens\n",
					r, runs[r].prefix, runs[r].unit, n, ntok);
		CHECK(n >= 1000000 / 65536);
		free(s);
	}
}

void
test_limits_memory(void)
{
	/* one-character tokens: the token table stays within a token a byte */
	size_t		len;
	char	   *s = run("", "a ", 500000, &len);
	Count		c = {0, 0};
	NxAlloc		a = {c_alloc, c_realloc, c_free, c_interrupts, &c};
	NxDoc		d;

	CHECK(nx_doc_parse(&d, s, len, &a) == NX_OK);
	CHECK(d.ntok == 500000);
	CHECK(c.peak <= (len + 16) * sizeof(NxToken));
	nx_doc_free(&d);
	free(s);

	/* the densest text: a token every byte */
	s = run("", ",", 1000000, &len);
	c.peak = 0;
	CHECK(nx_doc_parse(&d, s, len, &a) == NX_OK);
	CHECK(d.ntok == 1000000);
	CHECK(c.peak <= (len + 16) * sizeof(NxToken));
	nx_doc_free(&d);
	free(s);
}

void
test_limits_too_big(void)
{
	NxDoc		d;
	static const char one[] = "x";

	/* the length is checked before the text is read */
	CHECK(nx_doc_parse(&d, one, (size_t) NX_MAX_INPUT + 1, &nx_malloc_alloc) == NX_ETOOBIG);
	CHECK(d.tok == NULL && d.ntok == 0);
}
