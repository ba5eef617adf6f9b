/*
 * newsx.c
 *	  Module magic and the helpers every SQL function uses: the palloc
 *	  allocator behind the core, encoding conversion, status to error.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "newsx.h"

PG_MODULE_MAGIC;

static void *
pg_alloc(void *ctx, size_t size)
{
	return MemoryContextAllocHuge((MemoryContext) ctx, size);
}

static void *
pg_realloc(void *ctx, void *ptr, size_t old_size, size_t new_size)
{
	(void) ctx;
	(void) old_size;
	return repalloc_huge(ptr, new_size);
}

static void
pg_free(void *ctx, void *ptr)
{
	(void) ctx;
	pfree(ptr);
}

static void
pg_interrupts(void *ctx)
{
	(void) ctx;
	CHECK_FOR_INTERRUPTS();
}

/*
 * Scratch memory.  A call's arrays (an article's tokens, features and
 * labels: 2.5 MB for an entity call on a median PolNeAR article) came
 * from palloc, so from malloc, and were freed when the call's work
 * context was deleted; glibc then gave the top of its heap back to the
 * kernel, and the next call took it again, one page fault and one page
 * of zeros a 4 kB page: 18% of extract_entities' time over the sample
 * articles (`make bench`).  So a backend keeps one block of
 * SCRATCH_SIZE bytes, allocated on first use and never freed, and lends
 * it to one work context at a time: the core's allocations are cut from
 * it in order, those that do not fit come from the work context as
 * before.  Freeing the last allocation takes it back, as does growing
 * it in place; other frees wait for the work context's end, when a
 * reset callback (which also runs on error and cancel) returns the whole
 * block.  A work context that finds the block lent to another (two calls
 * interleaved) uses palloc alone.  Only the pages a call touched count
 * in the backend's private memory: one article of the samples touches
 * about 200 kB.
 */
#define SCRATCH_SIZE	((size_t) 1024 * 1024)
#define SCRATCH_ALIGN	16

/*
 * Under valgrind (make valgrind) memcheck is told what of the block is
 * lent and what is not, so that a read past an allocation or of what a
 * call did not write is found as it would be in a palloc'd block.  Each
 * request costs a few dozen instructions (3% of a one-sentence call), so
 * they are made only when the backend runs under valgrind, asked once
 * when the block is made.
 */
#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
static bool scratch_on_valgrind = false;

#define SCRATCH_UNDEFINED(p, n) \
	do { if (unlikely(scratch_on_valgrind)) VALGRIND_MAKE_MEM_UNDEFINED((p), (n)); } while (0)
#define SCRATCH_NOACCESS(p, n) \
	do { if (unlikely(scratch_on_valgrind)) VALGRIND_MAKE_MEM_NOACCESS((p), (n)); } while (0)
#define SCRATCH_ASK_VALGRIND() (scratch_on_valgrind = RUNNING_ON_VALGRIND != 0)
#endif
#endif
#ifndef SCRATCH_UNDEFINED
#define SCRATCH_UNDEFINED(p, n)	((void) 0)
#define SCRATCH_NOACCESS(p, n)	((void) 0)
#define SCRATCH_ASK_VALGRIND()	((void) 0)
#endif

typedef struct Scratch
{
	char	   *base;			/* SCRATCH_SIZE bytes in TopMemoryContext, or NULL */
	size_t		used;			/* bytes cut so far */
	size_t		last;			/* offset of the last allocation, or SIZE_MAX */
	MemoryContext owner;		/* the work context it is lent to, or NULL */
	MemoryContextCallback cb;	/* on owner's reset or deletion: give it back */
} Scratch;

static Scratch scratch = {NULL, 0, SIZE_MAX, NULL, {NULL, NULL, NULL}};

static void
scratch_return(void *arg)
{
	(void) arg;
	SCRATCH_NOACCESS(scratch.base, SCRATCH_SIZE);
	scratch.owner = NULL;
	scratch.used = 0;
	scratch.last = SIZE_MAX;
}

static bool
in_scratch(const void *p)
{
	return scratch.base && (const char *) p >= scratch.base &&
		(const char *) p < scratch.base + SCRATCH_SIZE;
}

static void *
scratch_alloc(void *ctx, size_t size)
{
	size_t		need = TYPEALIGN(SCRATCH_ALIGN, size);

	if (need >= size && need <= SCRATCH_SIZE - scratch.used)
	{
		scratch.last = scratch.used;
		scratch.used += need;
		SCRATCH_UNDEFINED(scratch.base + scratch.last, size);
		return scratch.base + scratch.last;
	}
	return MemoryContextAllocHuge((MemoryContext) ctx, size);
}

static void
scratch_free(void *ctx, void *ptr)
{
	(void) ctx;
	if (!in_scratch(ptr))
		pfree(ptr);
	else if ((char *) ptr == scratch.base + scratch.last)
	{
		SCRATCH_NOACCESS(ptr, scratch.used - scratch.last);
		scratch.used = scratch.last;
		scratch.last = SIZE_MAX;
	}
}

static void *
scratch_realloc(void *ctx, void *ptr, size_t old_size, size_t new_size)
{
	void	   *p;

	if (!in_scratch(ptr))
		return repalloc_huge(ptr, new_size);
	if ((char *) ptr == scratch.base + scratch.last)
	{
		size_t		need = TYPEALIGN(SCRATCH_ALIGN, new_size);

		if (need >= new_size && need <= SCRATCH_SIZE - scratch.last)
		{
			if (new_size > old_size)
				SCRATCH_UNDEFINED((char *) ptr + old_size, new_size - old_size);
			else
				SCRATCH_NOACCESS((char *) ptr + new_size, old_size - new_size);
			scratch.used = scratch.last + need;
			return ptr;
		}
	}
	p = scratch_alloc(ctx, new_size);
	memcpy(p, ptr, Min(old_size, new_size));
	scratch_free(ctx, ptr);
	return p;
}

/*
 * An NxAlloc over CurrentMemoryContext, with CHECK_FOR_INTERRUPTS: the
 * backend's scratch block first when it is free or already lent to this
 * context (see Scratch).  CurrentMemoryContext must be a context of the
 * call's own, deleted when the call is done with the core's memory.
 */
void
newsx_alloc_init(NxAlloc *a)
{
	a->alloc = pg_alloc;
	a->realloc = pg_realloc;
	a->free = pg_free;
	a->check_interrupts = pg_interrupts;
	a->ctx = CurrentMemoryContext;
	if (!scratch.base)
	{
		scratch.base = MemoryContextAllocHuge(TopMemoryContext, SCRATCH_SIZE);
		SCRATCH_ASK_VALGRIND();
		SCRATCH_NOACCESS(scratch.base, SCRATCH_SIZE);
	}
	if (scratch.owner == NULL)
	{
		scratch.owner = CurrentMemoryContext;
		scratch.cb.func = scratch_return;
		scratch.cb.arg = NULL;
		MemoryContextRegisterResetCallback(CurrentMemoryContext, &scratch.cb);
	}
	if (scratch.owner == CurrentMemoryContext)
	{
		a->alloc = scratch_alloc;
		a->realloc = scratch_realloc;
		a->free = scratch_free;
	}
}

/* Read a text datum as UTF-8; raises a clear error where that is impossible. */
NewsxText
newsx_text_in(text *t)
{
	NewsxText	r;
	const char *s = VARDATA_ANY(t);
	size_t		len = VARSIZE_ANY_EXHDR(t);
	int			enc = GetDatabaseEncoding();

	if (len > NX_MAX_INPUT)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("text of %zu bytes is too long for newsx", len),
				 errhint("Split the text into parts of at most %zu bytes.",
						 (size_t) NX_MAX_INPUT)));
	if (enc == PG_UTF8)
	{
		r.data = s;
		r.len = len;
		return r;
	}
	if (enc == PG_SQL_ASCII)
	{
		for (size_t i = 0; i < len; i++)
			if ((unsigned char) s[i] >= 0x80)
				ereport(ERROR,
						(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
						 errmsg("newsx cannot read non-ASCII text in a SQL_ASCII database"),
						 errdetail("A SQL_ASCII database does not say how its bytes above 127 encode characters."),
						 errhint("Create the database with ENCODING 'UTF8', or pass convert_from(convert_to(body, 'SQL_ASCII'), 'the real encoding') through a UTF8 database.")));
		r.data = s;
		r.len = len;
		return r;
	}
	r.data = pg_server_to_any(s, (int) len, PG_UTF8);
	r.len = (r.data == s) ? len : strlen(r.data);
	return r;
}

/* Make a text datum from UTF-8 bytes (converted to the server encoding). */
text *
newsx_text_out(const char *utf8, size_t len)
{
	int			enc = GetDatabaseEncoding();
	char	   *conv;

	if (enc == PG_UTF8 || enc == PG_SQL_ASCII)
		return cstring_to_text_with_len(utf8, (int) len);
	conv = pg_any_to_server(utf8, (int) len, PG_UTF8);
	if (conv == utf8)
		return cstring_to_text_with_len(utf8, (int) len);
	return cstring_to_text(conv);
}

/* Raise the error for a core status (never returns for status != NX_OK). */
void
newsx_check_status(NxStatus st, const char *what)
{
	switch (st)
	{
		case NX_OK:
			return;
		case NX_ENOMEM:
			ereport(ERROR,
					(errcode(ERRCODE_OUT_OF_MEMORY),
					 errmsg("out of memory in newsx %s", what)));
			break;
		case NX_ETOOBIG:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("text is too long for newsx %s", what),
					 errhint("Split the text into parts of at most %zu bytes.",
							 (size_t) NX_MAX_INPUT)));
			break;
		case NX_EBADMODEL:
			ereport(ERROR,
					(errcode(ERRCODE_CONFIG_FILE_ERROR),
					 errmsg("newsx %s: the model failed validation", what),
					 errhint("Reinstall newsx to restore its model files.")));
			break;
		default:
			elog(ERROR, "newsx %s failed with status %d", what, (int) st);
	}
}

/* Parse a document, raising an error on failure. */
void
newsx_doc_parse(NxDoc *doc, NewsxText body, const NxAlloc *a)
{
	newsx_check_status(nx_doc_parse(doc, body.data, body.len, a), "text parser");
}

/*
 * InitMaterializedSRF taking the executor's expected row type where it
 * passes one (a call in FROM, LATERAL included) instead of building it
 * from the function's OUT parameters in the catalog on every call, which
 * was about 3% of a one-sentence call; elsewhere the usual way.
 */
void
newsx_init_srf(FunctionCallInfo fcinfo)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bits32		flags = 0;

	if (rsinfo && IsA(rsinfo, ReturnSetInfo) && rsinfo->expectedDesc)
		flags |= MAT_SRF_USE_EXPECTED_DESC;
	InitMaterializedSRF(fcinfo, flags);
}
