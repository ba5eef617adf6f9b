/*
 * fuzz_text.c
 *	  libFuzzer target of the text core: any bytes through nx_doc_parse,
 *	  then the document's invariants (fuzz_check_doc: offsets increasing,
 *	  inside the text, character offsets consistent with the bytes,
 *	  sentences tiling the tokens).  The same input is parsed again with
 *	  an allocator that fails at each allocation in turn: the parser must
 *	  return NX_ENOMEM and free what it took (LeakSanitizer checks).  The
 *	  article structure read from the document (nx_article_meta,
 *	  nx_article_updates) must stay inside it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "nx_article.h"
#include "nx_text.h"

/* An allocator over malloc that fails from the n-th allocation on. */
typedef struct FailAlloc
{
	long		left;			/* allocations still allowed; < 0: unlimited */
	long		count;			/* allocations made */
	long		interrupts;		/* interrupt checks seen */
} FailAlloc;

static void *
f_alloc(void *ctx, size_t size)
{
	FailAlloc  *f = ctx;

	f->count++;
	if (f->left == 0)
		return NULL;
	if (f->left > 0)
		f->left--;
	return malloc(size);
}

static void *
f_realloc(void *ctx, void *ptr, size_t old_size, size_t new_size)
{
	FailAlloc  *f = ctx;

	(void) old_size;
	f->count++;
	if (f->left == 0)
		return NULL;
	if (f->left > 0)
		f->left--;
	return realloc(ptr, new_size);
}

static void
f_free(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

static void
f_interrupts(void *ctx)
{
	((FailAlloc *) ctx)->interrupts++;
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A range: absent, or tokens of the document. */
static void
check_range(const NxDoc *doc, NxRange r)
{
	if (r.ntok)
		FUZZ_CHECK(r.tok < doc->ntok && r.ntok <= doc->ntok - r.tok);
}

/* The article structure of a parsed document stays inside it. */
static void
check_article(const NxDoc *doc)
{
	NxArticleMeta m;
	NxUpdate   *u;
	size_t		n;

	FUZZ_CHECK(nx_article_meta(doc, &m, &nx_malloc_alloc) == NX_OK);
	for (size_t i = 0; i < m.nheader; i++)
	{
		check_range(doc, m.header[i].key);
		check_range(doc, m.header[i].value);
	}
	check_range(doc, m.headline);
	check_range(doc, m.byline);
	check_range(doc, m.dateline);
	check_range(doc, m.place);
	check_range(doc, m.agency);
	FUZZ_CHECK(m.lead <= doc->ntok);
	nx_free(&nx_malloc_alloc, m.header);

	FUZZ_CHECK(nx_article_updates(doc, &u, &n, &nx_malloc_alloc) == NX_OK);
	for (size_t i = 0; i < n; i++)
	{
		check_range(doc, u[i].marker);
		check_range(doc, u[i].zone);
		check_range(doc, u[i].text);
		FUZZ_CHECK(u[i].hour >= 0 && u[i].hour <= 23);
		FUZZ_CHECK(u[i].minute >= 0 && u[i].minute <= 59);
	}
	nx_free(&nx_malloc_alloc, u);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* a private copy, so reads past the end are caught exactly */
	char	   *text = malloc(size ? size : 1);
	FailAlloc	fa = {-1, 0, 0};
	NxAlloc		a = {f_alloc, f_realloc, f_free, f_interrupts, &fa};
	NxDoc		doc;
	long		nallocs;

	memcpy(text, data, size);
	FUZZ_CHECK(nx_doc_parse(&doc, text, size, &a) == NX_OK);
	fuzz_check_doc(&doc, text, size);
	/* interrupts are checked at least once per 4096 tokens */
	FUZZ_CHECK((size_t) fa.interrupts >= doc.ntok / 4096);
	check_article(&doc);
	nx_doc_free(&doc);
	nallocs = fa.count;

	for (long k = 0; k < nallocs; k++)
	{
		NxStatus	st;

		fa.left = k;
		fa.count = 0;
		st = nx_doc_parse(&doc, text, size, &a);
		FUZZ_CHECK(st == NX_ENOMEM);
		FUZZ_CHECK(doc.tok == NULL && doc.sent == NULL);
	}
	free(text);
	return 0;
}
