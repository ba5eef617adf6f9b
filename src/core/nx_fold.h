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

#endif							/* NX_FOLD_H */
