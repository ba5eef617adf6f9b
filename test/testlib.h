/*
 * testlib.h
 *	  Helpers of the C tests, fuzz targets and measuring programs (test/):
 *	  reading a file whole, and an allocator that tracks the bytes held at
 *	  once.
 */
#ifndef NX_TESTLIB_H
#define NX_TESTLIB_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_model.h"
#include "nx_quotes.h"

/*
 * Read a file whole into a 64-byte aligned buffer (as mmap would give a
 * model file); NULL if it cannot be read or is empty.
 */
static inline void *
read_all(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	void	   *buf = NULL;
	long		n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0 ||
		fseek(f, 0, SEEK_SET) != 0 ||
		posix_memalign(&buf, 64, (size_t) n + 8) != 0 ||
		fread(buf, 1, (size_t) n, f) != (size_t) n)
	{
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	*len = (size_t) n;
	return buf;
}

/*
 * Read a model file and open it (nx_model_open), with the shared resources
 * file it names, beside it (nx_model_attach).  Returns the model's buffer
 * and sets *shared to the shared file's (NULL if none); both stay
 * allocated while m is used, as a mapping would, and are the caller's to
 * free.  On failure NULL, with a message in err.
 */
static inline void *
open_model_file(const char *path, NxModel *m, void **shared, char *err, size_t errlen)
{
	size_t		len,
				slen;
	void	   *buf = read_all(path, &len);
	NxModel		sh;
	char		spath[1024];

	*shared = NULL;
	if (!buf)
	{
		snprintf(err, errlen, "cannot read %s", path);
		return NULL;
	}
	if (nx_model_open(buf, len, m, err, errlen) != NX_OK)
		goto fail;
	if (!m->shared_name[0])
		return buf;
	if (!nx_model_shared_path(path, m, spath, sizeof(spath)) ||
		!(*shared = read_all(spath, &slen)))
	{
		snprintf(err, errlen, "cannot read the shared resources file of %s", path);
		goto fail;
	}
	if (nx_model_open(*shared, slen, &sh, err, errlen) == NX_OK &&
		nx_model_attach(m, &sh, err, errlen) == NX_OK)
		return buf;
fail:
	free(*shared);
	*shared = NULL;
	free(buf);
	return NULL;
}

/*
 * A malloc allocator (NxAlloc, ctx a Held) that tracks the bytes held at
 * once; each block keeps its size in a header before it.
 */
#define HELD_HDR 16

typedef struct Held
{
	size_t		now;
	size_t		peak;
} Held;

static inline void *
h_alloc(void *ctx, size_t size)
{
	Held	   *h = ctx;
	size_t	   *p = malloc(size + HELD_HDR);

	if (!p)
		return NULL;
	*p = size;
	h->now += size;
	if (h->now > h->peak)
		h->peak = h->now;
	return (char *) p + HELD_HDR;
}

static inline void
h_free(void *ctx, void *ptr)
{
	if (!ptr)
		return;
	((Held *) ctx)->now -= *(size_t *) ((char *) ptr - HELD_HDR);
	free((char *) ptr - HELD_HDR);
}

static inline void *
h_realloc(void *ctx, void *ptr, size_t old_size, size_t new_size)
{
	void	   *n = h_alloc(ctx, new_size);

	if (n && ptr)
	{
		memcpy(n, ptr, old_size < new_size ? old_size : new_size);
		h_free(ctx, ptr);
	}
	return n;
}

static inline void
h_interrupts(void *ctx)
{
	(void) ctx;
}

/* Are two spans of quotations the same? */
static inline int
same_span(const NxSpan *a, const NxSpan *b)
{
	return a->tok == b->tok && a->ntok == b->ntok && a->c == b->c &&
		a->clen == b->clen && a->b == b->b && a->blen == b->blen;
}

/* Are two arrays of n quotations the same in every field (padding aside)? */
static inline int
same_quotes(const NxQuote *a, const NxQuote *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!same_span(&a[i].content, &b[i].content) || !same_span(&a[i].text, &b[i].text) ||
			!same_span(&a[i].cue, &b[i].cue) || !same_span(&a[i].mention, &b[i].mention) ||
			!same_span(&a[i].speaker, &b[i].speaker) ||
			a[i].speaker_skip_b != b[i].speaker_skip_b ||
			a[i].speaker_skip_blen != b[i].speaker_skip_blen ||
			a[i].speaker_type != b[i].speaker_type || a[i].paragraph != b[i].paragraph ||
			a[i].sentence != b[i].sentence || a[i].kind != b[i].kind ||
			a[i].speech != b[i].speech || a[i].quote_key != b[i].quote_key ||
			a[i].rule != b[i].rule || a[i].last != b[i].last ||
			memcmp(&a[i].rules, &b[i].rules, sizeof(a[i].rules)) != 0)
			return 0;
	return 1;
}

#endif							/* NX_TESTLIB_H */
