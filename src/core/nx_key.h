/*
 * nx_key.h
 *	  Keys that group and join names across documents: the type in lower
 *	  case, ':', and the name under Unicode NFKC case folding with ’ ‘ ʼ
 *	  read as ' and white space runs as one space (person:vladimir putin),
 *	  the form the key columns of extract_entities and extract_quotes
 *	  document.  Both are made by nx_key_make.
 */
#ifndef NX_KEY_H
#define NX_KEY_H

#include <stddef.h>
#include <stdint.h>

#include "nx_alloc.h"

/*
 * The key of type (ASCII, e.g. "person" or "PERSON": written in lower
 * case) and UTF-8 name[0..n), as a NUL-terminated string allocated from
 * a, or NULL when out of memory (or n is over NX_MAX_INPUT).  Where ICU
 * cannot normalise (its normalisation data missing, a name over
 * NX_KEY_NFKC_MAX bytes), the name is folded by nx_fold's Unicode simple
 * case folding instead.
 */
extern char *nx_key_make(const char *type, const char *name, size_t n, const NxAlloc *a);

/* Longest name, in bytes, that nx_key_make normalises with ICU. */
#define NX_KEY_NFKC_MAX ((size_t) INT32_MAX / 8)

#endif							/* NX_KEY_H */
