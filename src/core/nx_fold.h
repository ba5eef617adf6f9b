/*
 * nx_fold.h
 *	  How a word is looked up in a model's tables: its simple case fold
 *	  (the form lexicon keys are made of) and its Brown cluster (as
 *	  written, else folded, else with a capital first letter).
 *
 * Both decide which lexicon and cluster slots a word finds, so they are
 * part of the model format: changing them needs retrained models.
 */
#ifndef NX_FOLD_H
#define NX_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "nx_model.h"
#include "nx_text.h"

/*
 * Case-fold UTF-8 s[0..len) into out (at most cap bytes, whole characters
 * only) and return the bytes written: Unicode simple case folding, ’ ‘ ʼ
 * as ', “ ” as ", ill-formed bytes as U+FFFD.
 */
extern size_t nx_fold(const char *s, size_t len, char *out, size_t cap);

/*
 * The Brown cluster of a word (as written, else folded, else capitalised):
 * its bit string in *bits, first bit highest, and its length (0: none).
 */
extern void nx_fold_cluster(const NxClusters *cl, const char *s, size_t len,
							uint32_t *bits, uint8_t *nbits);

/* The key a word as written is looked up with (nx_clusters_prefetch). */
extern uint64_t nx_cluster_key(const char *s, size_t len);

/*
 * For the tokens of doc in order (i = 0, 1, ...): the hash of token i's
 * bytes (nx_fnv1a64: nx_key_final of it is its cluster key, and
 * nx_same_text_hashed takes it, so the bytes are hashed once), having
 * asked the CPU for the cluster slots of token i + NX_CLUSTER_AHEAD in
 * cl1 and cl2 (either may be NULL).  A word's first lookup in tables of
 * megabytes is a cache miss; asked for ahead, the misses overlap (the
 * entity tagger, with its 2 MB of word-vector clusters: 4% less time a
 * token; the attribution tagger's 0.5 MB of Brown clusters mostly stay
 * in cache, and there the hashing cost more than it saved).  ring keeps
 * the hashes between calls.
 */
#define NX_CLUSTER_AHEAD 8
extern uint64_t nx_cluster_hash_ahead(const NxDoc *doc, size_t i, const NxClusters *cl1,
									  const NxClusters *cl2, uint64_t ring[NX_CLUSTER_AHEAD]);

/* nx_fold_cluster given that key (computed once for a prefetch and the lookup). */
extern void nx_fold_cluster_key(const NxClusters *cl, uint64_t key, const char *s,
								size_t len, uint32_t *bits, uint8_t *nbits);

#endif							/* NX_FOLD_H */
