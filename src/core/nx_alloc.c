/*
 * nx_alloc.c
 *	  The malloc-backed allocator used by unit tests, fuzzers and tools,
 *	  nx_grow, and the layout of the taggers' caches (nx_cache_layout).
 */
#include <stdlib.h>
#include <string.h>

#include "nx_alloc.h"

static void *
m_alloc(void *ctx, size_t size)
{
	(void) ctx;
	return malloc(size);
}

static void *
m_realloc(void *ctx, void *ptr, size_t old_size, size_t new_size)
{
	(void) ctx;
	(void) old_size;
	return realloc(ptr, new_size);
}

static void
m_free(void *ctx, void *ptr)
{
	(void) ctx;
	free(ptr);
}

const NxAlloc nx_malloc_alloc = {m_alloc, m_realloc, m_free, NULL, NULL};

/* Lay out a cache's entries after its header (nx_alloc.h). */
void *
nx_cache_layout(void *buf, size_t size, size_t hdr, size_t entry, uint64_t *mask)
{
	uintptr_t	at = ((uintptr_t) buf + hdr + 63) & ~(uintptr_t) 63;
	size_t		off = (size_t) (at - (uintptr_t) buf),
				room = off <= size ? (size - off) / entry : 0,
				n = 1;

	if (!buf || room == 0)
		return NULL;
	while (n * 2 <= room)
		n *= 2;
	memset((void *) at, 0, n * entry);
	*mask = n - 1;
	return (void *) at;
}

/* Grow an array, allocating it the first time. */
void *
nx_grow(const NxAlloc *a, void *p, size_t elem_size, size_t *cap, size_t new_cap)
{
	void	   *q;

	if (new_cap > SIZE_MAX / elem_size)
		return NULL;
	q = p ? nx_realloc(a, p, *cap * elem_size, new_cap * elem_size)
		: nx_alloc(a, new_cap * elem_size);
	if (q)
		*cap = new_cap;
	return q;
}
