/*
 * nx_hash.h
 *	  Small non-cryptographic hashes shared by the tagger, the feature
 *	  extractors and the model file: FNV-1a 64 (strings, the model
 *	  checksum), a 64-bit finaliser to combine feature parts, and the
 *	  feature hashes of the taggers.
 *
 * These values are stored in model files (lexicon and cluster keys) and
 * decide which weight bucket a feature uses, so changing any of them
 * changes the model format: bump NX_MODEL_VERSION or the feature-set id.
 */
#ifndef NX_HASH_H
#define NX_HASH_H

#include <stddef.h>
#include <stdint.h>

#define NX_FNV_OFFSET	UINT64_C(0xcbf29ce484222325)
#define NX_FNV_PRIME	UINT64_C(0x100000001b3)

/* FNV-1a 64 of n bytes, continuing from h (start with NX_FNV_OFFSET). */
static inline uint64_t
nx_fnv1a64_update(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = (const unsigned char *) p;

	for (size_t i = 0; i < n; i++)
	{
		h ^= s[i];
		h *= NX_FNV_PRIME;
	}
	return h;
}

/* FNV-1a 64 of n bytes. */
static inline uint64_t
nx_fnv1a64(const void *p, size_t n)
{
	return nx_fnv1a64_update(NX_FNV_OFFSET, p, n);
}

/* MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
static inline uint64_t
nx_mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	x ^= x >> 33;
	return x;
}

/* Combine two hashes (order matters). */
static inline uint64_t
nx_hash2(uint64_t a, uint64_t b)
{
	return nx_mix64(a * UINT64_C(0x9e3779b97f4a7c15) + b);
}

/* Combine three hashes. */
static inline uint64_t
nx_hash3(uint64_t a, uint64_t b, uint64_t c)
{
	return nx_hash2(nx_hash2(a, b), c);
}

/*
 * ---- feature hashes ----
 *
 * A tagger feature is the 32-bit hash of its template number t and its
 * value; the tagger reduces it to a weight bucket.  These two functions
 * define the model format of every tagger (nx_ner_feats.c,
 * nx_attrib_feats.c): a model's weights are only valid for the features
 * they were trained with, so changing either needs every model retrained
 * (and a new feature-set id).
 */

/* Feature of template t with value v. */
static inline uint32_t
nx_feat(uint32_t t, uint64_t v)
{
	uint64_t	h = (v ^ ((uint64_t) t << 48 ^ t)) * UINT64_C(0x9e3779b97f4a7c15);

	return (uint32_t) (h >> 32);
}

/* Feature of template t with the pair of values (a, b). */
static inline uint32_t
nx_feat2(uint32_t t, uint64_t a, uint64_t b)
{
	return nx_feat(t, nx_hash2(a, b));
}

#endif							/* NX_HASH_H */
