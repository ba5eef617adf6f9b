/*
 * nx_alloc.h
 *	  Allocator and host hooks through which the core gets memory and checks
 *	  for cancellation.  The SQL layer backs them with palloc and
 *	  CHECK_FOR_INTERRUPTS(); unit tests, fuzzers and tools with malloc.
 *
 * The core never holds memory it did not get from an NxAlloc, so a host
 * that frees by context (PostgreSQL) loses nothing on error or cancel.
 */
#ifndef NX_ALLOC_H
#define NX_ALLOC_H

#include <stddef.h>
#include <stdint.h>

/* Status codes returned by core entry points. */
typedef enum NxStatus
{
	NX_OK = 0,
	NX_ENOMEM,					/* an allocation failed */
	NX_ETOOBIG,					/* input beyond the documented limits */
	NX_EBADMODEL,				/* a model or lexicon file failed validation */
	NX_EINVAL					/* bad argument (can't-happen in callers) */
} NxStatus;

typedef struct NxAlloc
{
	/* returns NULL on failure (hosts that throw need not return at all) */
	void	   *(*alloc) (void *ctx, size_t size);
	void	   *(*realloc) (void *ctx, void *ptr, size_t old_size, size_t new_size);
	void		(*free) (void *ctx, void *ptr);
	/* called every few thousand units of work; may not return (longjmp) */
	void		(*check_interrupts) (void *ctx);
	void	   *ctx;
} NxAlloc;

/* The malloc-backed allocator used by tests, fuzzers and tools. */
extern const NxAlloc nx_malloc_alloc;

static inline void *
nx_alloc(const NxAlloc *a, size_t size)
{
	return a->alloc(a->ctx, size ? size : 1);
}

static inline void *
nx_realloc(const NxAlloc *a, void *p, size_t old_size, size_t new_size)
{
	return a->realloc(a->ctx, p, old_size, new_size ? new_size : 1);
}

static inline void
nx_free(const NxAlloc *a, void *p)
{
	if (p)
		a->free(a->ctx, p);
}

/*
 * Free the array p through a and set p to NULL: what a destructor or an
 * error path does with each array a struct owns, so that freeing the
 * struct again frees nothing twice.  a may be NULL: the allocator of a
 * struct that was zeroed but never filled, which owns nothing.  A macro,
 * to clear pointers of any type; a and p are evaluated more than once.
 */
#define NX_FREE_CLEAR(a, p) \
	do { \
		if (a) \
			nx_free((a), (p)); \
		(p) = NULL; \
	} while (0)

/*
 * Resize the array p of *cap elements of elem_size bytes to new_cap
 * elements, or allocate it when p is NULL (a host's realloc need not take
 * NULL), and set *cap.  NULL when out of memory (or the size overflows):
 * then p and *cap are as they were.
 */
extern void *nx_grow(const NxAlloc *a, void *p, size_t elem_size, size_t *cap,
					 size_t new_cap);

/*
 * The taggers' caches of token analyses across documents (nx_ner.h,
 * nx_attrib.h) in a caller's buffer: a header of hdr bytes at buf, then,
 * from the first 64-byte boundary after it, as many entries of entry
 * bytes as fit, a power of two.  nx_cache_layout zeroes the entries and
 * returns them with *mask (their number - 1), or NULL if not one fits;
 * nx_cache_bytes is the size that holds n entries wherever buf starts.
 */
extern void *nx_cache_layout(void *buf, size_t size, size_t hdr, size_t entry,
							 uint64_t *mask);

static inline size_t
nx_cache_bytes(size_t hdr, size_t entry, uint32_t n)
{
	return hdr + 63 + (size_t) n * entry;
}

static inline void
nx_check_interrupts(const NxAlloc *a)
{
	if (a->check_interrupts)
		a->check_interrupts(a->ctx);
}

/* Largest input the core accepts, in bytes (PostgreSQL's text limit). */
#define NX_MAX_INPUT ((size_t) 0x3FFFFFFF)

#endif							/* NX_ALLOC_H */
