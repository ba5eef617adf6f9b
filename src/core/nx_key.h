/*
 * nx_key.h
 *	  Keys that group and join names across documents: the type in lower
 *	  case, ':', and the name under Unicode NFKC case folding with ’ ‘ ʼ
 *	  read as ' and white space runs as one space (person:vladimir putin),
 *	  the form extract_entities' key column documents.
 */
#ifndef NX_KEY_H
#define NX_KEY_H

#include <stddef.h>

#include "nx_alloc.h"

/*
 * The key of type (ASCII, e.g. "person") and UTF-8 name[0..n), as a
 * NUL-terminated string allocated from a, or NULL when out of memory.
 */
extern char *nx_key_make(const char *type, const char *name, size_t n, const NxAlloc *a);

#endif							/* NX_KEY_H */
