/*
 * nx_model_build.c
 *	  Laying out model files (nx_model_write) and the section builders the
 *	  training tools and tests use: INFO, LABELS, WEIGHTS (int16, dense or
 *	  sparse, and int8), LEXICON and CLUSTERS (open-addressing tables, 16-byte
 *	  or packed 8-byte slots).  See nx_model.h for the layout; nx_model.c
 *	  reads what these write.
 */
#include "nx_model.h"
#include "nx_model_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * A stage's rows are stored sparse (an index and the rows not all zero)
 * when at most this share of its buckets has a row, else dense (every
 * row, no index): finding a sparse row costs an index read and a bit
 * count that the next read waits for, which pays only when nearly all
 * rows are zero.  The entity model's stages (10% and 9% of rows) are
 * sparse.  The quotation model's (57% and 26%) are int8 rows
 * (nx_weights_build_int8, its trainer's --int8), dense: sparse, its
 * second stage cost 11% more time (newsx-train-quotes --bench).
 */
#define SPARSE_MAX_SHARE 0.2

static size_t
align_up(size_t n)
{
	return (n + NX_MODEL_ALIGN - 1) & ~(size_t) (NX_MODEL_ALIGN - 1);
}

/* Lay out a model file; see nx_model.h. */
NxStatus
nx_model_write(const char *name, const NxModelSection *sec, size_t nsec,
			   void **out, size_t *outlen, const NxAlloc *a)
{
	size_t		total,
				pos;
	unsigned char *b;
	uint32_t	v32;
	uint64_t	v64;

	if (nsec == 0 || nsec > MAX_SECTIONS || strlen(name) > NX_MODEL_NAME_LEN)
		return NX_EINVAL;
	total = align_up(HDR_SIZE + nsec * SECT_SIZE);
	for (size_t i = 0; i < nsec; i++)
		total = align_up(total + sec[i].size);
	b = nx_alloc(a, total);
	if (!b)
		return NX_ENOMEM;
	memset(b, 0, total);
	memcpy(b, NX_MODEL_MAGIC, 8);
	v32 = NX_MODEL_VERSION;
	memcpy(b + 8, &v32, 4);
	v32 = (uint32_t) nsec;
	memcpy(b + 12, &v32, 4);
	v64 = total;
	memcpy(b + 16, &v64, 8);
	memcpy(b + 32, name, strlen(name));
	pos = align_up(HDR_SIZE + nsec * SECT_SIZE);
	for (size_t i = 0; i < nsec; i++)
	{
		unsigned char *e = b + HDR_SIZE + i * SECT_SIZE;

		memcpy(e, sec[i].tag, 8);
		v64 = pos;
		memcpy(e + 8, &v64, 8);
		v64 = sec[i].size;
		memcpy(e + 16, &v64, 8);
		if (sec[i].size)
			memcpy(b + pos, sec[i].data, sec[i].size);
		pos = align_up(pos + sec[i].size);
	}
	v64 = nx_model_checksum(b + HDR_SIZE, total - HDR_SIZE);
	memcpy(b + 24, &v64, 8);
	*out = b;
	*outlen = total;
	return NX_OK;
}

/* Point a section to write at its data. */
void
nx_section(NxModelSection *s, const char *tag, const void *data, size_t size)
{
	size_t		i;

	for (i = 0; i < sizeof(s->tag) && tag[i]; i++)
		s->tag[i] = tag[i];
	for (; i < sizeof(s->tag); i++)
		s->tag[i] = '\0';
	s->data = data;
	s->size = size;
}

/* Fill an INFO section (flags and reserved words 0). */
void
nx_info_build(unsigned char out[NX_INFO_SIZE], uint32_t featset, uint32_t nstages,
			  const char *task)
{
	size_t		tl = strlen(task);

	memset(out, 0, NX_INFO_SIZE);
	memcpy(out, &featset, 4);
	memcpy(out + 4, &nstages, 4);
	memcpy(out + 32, task, tl < 15 ? tl : 15);
}

/* Set an INFO section's calib. */
void
nx_info_set_calib(unsigned char out[NX_INFO_SIZE], float calib)
{
	memcpy(out + 12, &calib, 4);
}

/* Fill a SHARED section: the shared file's name and checksum. */
void
nx_shared_ref_build(unsigned char out[NX_SHARED_SIZE], const char *name, uint64_t checksum)
{
	size_t		n = strlen(name);

	memset(out, 0, NX_SHARED_SIZE);
	memcpy(out, name, n < NX_MODEL_NAME_LEN ? n : NX_MODEL_NAME_LEN);
	memcpy(out + 32, &checksum, 8);
}

/* Build a LABELS section: count, a reserved word, the names NUL-terminated. */
NxStatus
nx_labels_build(const NxLabelSet *ls, void **out, size_t *outlen, const NxAlloc *a)
{
	size_t		len = 8;
	unsigned char *b;

	for (uint32_t l = 0; l < ls->n; l++)
		len += strlen(ls->name[l]) + 1;
	b = nx_alloc(a, len);
	if (!b)
		return NX_ENOMEM;
	memcpy(b, &ls->n, 4);
	memset(b + 4, 0, 4);
	len = 8;
	for (uint32_t l = 0; l < ls->n; l++)
	{
		size_t		n = strlen(ls->name[l]) + 1;

		memcpy(b + len, ls->name[l], n);
		len += n;
	}
	*out = b;
	*outlen = len;
	return NX_OK;
}

/* A WEIGHTS section's buffer and header (the rest zero), or NULL. */
static unsigned char *
weights_alloc(const NxTagger *t, uint32_t nrows, uint32_t cell, int k, size_t *size,
			  const NxAlloc *a)
{
	uint32_t	hdr[NX_WEIGHTS_HDR / 4] = {t->log2, t->nlabels, 0, nrows, cell};
	unsigned char *b;

	*size = weights_size(t->log2, t->nlabels, nrows, cell, k);
	b = nx_alloc(a, *size);
	if (!b)
		return NULL;
	memset(b, 0, *size);
	memcpy(&hdr[2], &t->scale, 4);
	memcpy(b, hdr, NX_WEIGHTS_HDR);
	return b;
}

/*
 * The weights of bucket i of nt stages side by side into row (nt *
 * nlabels int16); 0 when they are all zero.
 */
static int
stage_rows(const NxTagger *const *t, int nt, size_t i, int16_t *row)
{
	int			nonzero = 0;

	for (int k = 0; k < nt; k++)
		nonzero |= nx_tagger_row_values(t[k], (uint32_t) i, row + (size_t) k * t[k]->nlabels);
	return nonzero;
}

/* Buckets of 1 << log2 where any of nt stages has a row not all zero. */
static uint32_t
stage_rows_count(const NxTagger *const *t, int nt)
{
	int16_t		row[2 * NX_MAX_LABELS];
	uint32_t	n = 0;

	for (size_t i = 0; i < ((size_t) 1 << t[0]->log2); i++)
		n += (uint32_t) stage_rows(t, nt, i, row);
	return n;
}

/*
 * The sparse layout of nt stages (one, or two paired) after a WEIGHTS
 * header at b: the index of the buckets where any has a row not all
 * zero, and those rows, each the stages' weights side by side.
 */
static void
stage_rows_sparse(const NxTagger *const *t, int nt, unsigned char *b)
{
	const size_t nb = (size_t) 1 << t[0]->log2,
				stride = (size_t) nt * t[0]->nlabels;
	NxWeightIndex *idx = (NxWeightIndex *) (b + NX_WEIGHTS_HDR);
	int16_t    *rows = (int16_t *) (idx + nb / 64);
	int16_t		row[2 * NX_MAX_LABELS];
	uint32_t	nrows = 0;

	for (size_t i = 0; i < nb; i++)
	{
		if (i % 64 == 0)
			idx[i / 64].rank = nrows;
		if (!stage_rows(t, nt, i, row))
			continue;
		idx[i / 64].bits |= UINT64_C(1) << (i % 64);
		memcpy(rows + (size_t) nrows++ * stride, row, stride * sizeof(int16_t));
	}
}

/*
 * Build a WEIGHTS section of int16 rows from a tagger of any layout: the
 * header, then every row (dense) or an index and the rows that are not
 * all zero (sparse, when at most SPARSE_MAX_SHARE of them are not).
 */
NxStatus
nx_weights_build(const NxTagger *t, void **out, size_t *outlen, const NxAlloc *a)
{
	const uint32_t L = t->nlabels;
	size_t		nb,
				size;
	uint32_t	nrows;
	unsigned char *b;

	if (t->log2 < WEIGHTS_MIN_LOG2 || t->log2 > MAX_LOG2 || L == 0 || L > NX_MAX_LABELS)
		return NX_EINVAL;
	nb = (size_t) 1 << t->log2;
	nrows = stage_rows_count(&t, 1);
	if (nrows > SPARSE_MAX_SHARE * (double) nb)
		nrows = (uint32_t) nb;
	if (!(b = weights_alloc(t, nrows, NX_CELL_INT16, 0, &size, a)))
		return NX_ENOMEM;
	if (weights_dense(t->log2, nrows))
	{
		int16_t    *rows = (int16_t *) (b + NX_WEIGHTS_HDR);

		for (size_t i = 0; i < nb; i++)
			nx_tagger_row_values(t, (uint32_t) i, rows + i * L);
	}
	else
		stage_rows_sparse(&t, 1, b);
	*out = b;
	*outlen = size;
	return NX_OK;
}

/*
 * Build the WEIGHTS0 and WEIGHTS1 sections of two stages paired
 * (nx_tagger.h): one index of the buckets where either stage's row is
 * not all zero, each row the first stage's weights and then the
 * second's; WEIGHTS1 is its header.  NX_EINVAL when the stages differ in
 * buckets or labels, have more than NX_PAIR_LABELS labels, or have rows
 * in more than SPARSE_MAX_SHARE of the buckets (build them apart).
 */
NxStatus
nx_weights_build_pair(const NxTagger *t1, const NxTagger *t2, void **out0, size_t *len0,
					  void **out1, size_t *len1, const NxAlloc *a)
{
	const uint32_t L = t1->nlabels;
	const NxTagger *const t[2] = {t1, t2};
	size_t		nb,
				size0,
				size1;
	uint32_t	nrows;
	unsigned char *b0,
			   *b1;

	if (t1->log2 < WEIGHTS_MIN_LOG2 || t1->log2 > MAX_LOG2 || t2->log2 != t1->log2 ||
		L == 0 || L > NX_PAIR_LABELS || t2->nlabels != L)
		return NX_EINVAL;
	nb = (size_t) 1 << t1->log2;
	nrows = stage_rows_count(t, 2);
	if (nrows > SPARSE_MAX_SHARE * (double) nb)
		return NX_EINVAL;
	b0 = weights_alloc(t1, nrows, NX_CELL_PAIR, 0, &size0, a);
	b1 = weights_alloc(t2, nrows, NX_CELL_PAIR, 1, &size1, a);
	if (!b0 || !b1)
	{
		nx_free(a, b0);
		nx_free(a, b1);
		return NX_ENOMEM;
	}
	stage_rows_sparse(t, 2, b0);
	*out0 = b0;
	*len0 = size0;
	*out1 = b1;
	*len1 = size1;
	return NX_OK;
}

/* w / 2^s rounded half away from zero, clamped to int8. */
static int8_t
int8_of(int32_t w, int s)
{
	int32_t		half = s > 0 ? INT32_C(1) << (s - 1) : 0;
	int32_t		q = w >= 0 ? (w + half) >> s : -((-w + half) >> s);

	return (int8_t) (q > 127 ? 127 : q < -128 ? -128 : q);
}

/*
 * Build a WEIGHTS section of int8 rows (at most NX_INT8_MAX_LABELS labels)
 * from a tagger of any layout: each row gets the least shift s at which
 * its largest weight, divided by 2^s, is at most 127.
 */
NxStatus
nx_weights_build_int8(const NxTagger *t, void **out, size_t *outlen, const NxAlloc *a)
{
	const uint32_t L = t->nlabels;
	size_t		nb,
				size;
	unsigned char *b;
	int8_t	   *w8;
	int16_t		row[NX_MAX_LABELS];

	if (t->log2 < WEIGHTS_MIN_LOG2 || t->log2 > MAX_LOG2 || L == 0 || L > NX_INT8_MAX_LABELS)
		return NX_EINVAL;
	nb = (size_t) 1 << t->log2;
	if (!(b = weights_alloc(t, (uint32_t) nb, NX_CELL_INT8, 0, &size, a)))
		return NX_ENOMEM;
	w8 = (int8_t *) (b + NX_WEIGHTS_HDR);
	for (size_t i = 0; i < nb; i++)
	{
		int32_t		most = 0;
		int			s = 0;

		if (!nx_tagger_row_values(t, (uint32_t) i, row))
			continue;
		for (uint32_t l = 0; l < L; l++)
			if (abs(row[l]) > most)
				most = abs(row[l]);
		while ((most >> s) > 127)
			s++;
		for (uint32_t l = 0; l < L; l++)
			w8[i * NX_INT8_ROW + l] = int8_of(row[l], s);
		w8[i * NX_INT8_ROW + NX_INT8_ROW - 1] = (int8_t) s;
	}
	*out = b;
	*outlen = size;
	return NX_OK;
}

/* Insert into an open-addressing table of 16-byte slots; -1 if the probe run is too long. */
static int
slot_insert(unsigned char *tab, size_t mask, const void *slot, int merge_or)
{
	uint64_t	key;
	size_t		i;

	memcpy(&key, slot, 8);
	i = (size_t) key & mask;
	for (int k = 0; k < NX_LEX_MAX_PROBE; k++)
	{
		unsigned char *s = tab + i * 16;
		uint64_t	sk;

		memcpy(&sk, s, 8);
		if (sk == 0)
		{
			memcpy(s, slot, 16);
			return 0;
		}
		if (sk == key)
		{
			if (merge_or)
			{
				NxLexSlot	x,
							y;

				memcpy(&x, s, 16);
				memcpy(&y, slot, 16);
				x.classes |= y.classes;
				x.flags |= y.flags;
				memcpy(s, &x, 16);
			}
			return 0;
		}
		i = (i + 1) & mask;
	}
	return -1;
}

static int
cmp_key(const void *x, const void *y)
{
	uint64_t	a = *(const uint64_t *) x,
				b = *(const uint64_t *) y;

	return a < b ? -1 : a > b;
}

/*
 * The distinct nonzero keys of n slots of 16 bytes (a key first), into
 * *distinct; NX_ENOMEM if no room to count them.
 */
static NxStatus
distinct_keys(const void *in, size_t n, size_t *distinct, const NxAlloc *a)
{
	uint64_t   *k = nx_alloc(a, (n ? n : 1) * sizeof(uint64_t));
	size_t		d = 0;

	if (!k)
		return NX_ENOMEM;
	for (size_t i = 0; i < n; i++)
		memcpy(&k[i], (const unsigned char *) in + i * 16, 8);
	qsort(k, n, sizeof(uint64_t), cmp_key);
	for (size_t i = 0; i < n; i++)
		if (k[i] != 0 && (i == 0 || k[i] != k[i - 1]))
			d++;
	nx_free(a, k);
	*distinct = d;
	return NX_OK;
}

/*
 * Build a hashed section of 16-byte slots behind a header: the smallest
 * power of two of at least 5/4 slots a distinct key (duplicates are
 * merged) in which no probe run is too long.
 */
static NxStatus
build_table(const void *in, size_t n, size_t hdr, int merge_or,
			unsigned char **out, size_t *outlen, uint32_t *log2_out,
			const NxAlloc *a)
{
	uint32_t	log2 = 4;
	size_t		distinct;

	if (distinct_keys(in, n, &distinct, a) != NX_OK)
		return NX_ENOMEM;
	while (((size_t) 1 << log2) < distinct + distinct / 4 + 16)
		log2++;
	for (; log2 <= MAX_LOG2; log2++)
	{
		size_t		nslots = (size_t) 1 << log2;
		size_t		size = hdr + nslots * 16;
		unsigned char *b = nx_alloc(a, size);
		size_t		i;

		if (!b)
			return NX_ENOMEM;
		memset(b, 0, size);
		for (i = 0; i < n; i++)
		{
			uint64_t	key;

			memcpy(&key, (const unsigned char *) in + i * 16, 8);
			if (key == 0)
				continue;
			if (slot_insert(b + hdr, nslots - 1, (const unsigned char *) in + i * 16, merge_or) < 0)
				break;
		}
		if (i == n)
		{
			*out = b;
			*outlen = size;
			*log2_out = log2;
			return NX_OK;
		}
		nx_free(a, b);
	}
	return NX_ETOOBIG;
}

/* The bits below the key's tag of a packed slot, for one entry. */
typedef uint64_t (*PackedLowFn) (const void *entry);

/* A lexicon entry's: 2 bits of flags above NX_LEX_PACKED_CLASSES of classes. */
static uint64_t
lex_low(const void *entry)
{
	const NxLexSlot *s = entry;

	return (uint64_t) s->flags << NX_LEX_PACKED_CLASSES | s->classes;
}

/* A word's cluster: 5 bits of path length above NX_PACKED_PATH_MAX of path. */
static uint64_t
cluster_low(const void *entry)
{
	const NxClusterSlot *s = entry;

	return (uint64_t) s->len << NX_PACKED_PATH_MAX | s->bits;
}

/*
 * Build a table of packed 8-byte slots (the key's tag over low(entry))
 * behind a header of hdr bytes, for the n entries of in, stride bytes
 * each, each starting with its uint64 key (0: no entry): the smallest
 * power of two of at least 5/4 slots a key, for want keys, in which no
 * probe run reaches max_probe.  A key met again ORs its low bits into its
 * slot (merge_or) or leaves the first entry's.
 */
static NxStatus
build_packed_table(const void *in, size_t n, size_t stride, PackedLowFn low, size_t want,
				   size_t hdr, int max_probe, int merge_or, unsigned char **out,
				   size_t *outlen, uint32_t *log2_out, const NxAlloc *a)
{
	uint32_t	log2 = 4;

	while (((size_t) 1 << log2) < want + want / 4 + 16)
		log2++;
	for (; log2 <= MAX_LOG2; log2++)
	{
		size_t		nslots = (size_t) 1 << log2,
					mask = nslots - 1,
					size = hdr + nslots * sizeof(uint64_t),
					i;
		unsigned char *b = nx_alloc(a, size);
		uint64_t   *tab = (uint64_t *) (b + hdr);

		if (!b)
			return NX_ENOMEM;
		memset(b, 0, size);
		for (i = 0; i < n; i++)
		{
			const unsigned char *e = (const unsigned char *) in + i * stride;
			uint64_t	key,
						tag;
			size_t		j;
			int			k;

			memcpy(&key, e, 8);
			if (key == 0)
				continue;
			tag = packed_tag(key);
			j = (size_t) key & mask;
			for (k = 0; k < max_probe - 1; k++, j = (j + 1) & mask)
				if (tab[j] == 0 || (tab[j] & ~(uint64_t) PACKED_LOW_MASK) == tag)
					break;
			if (k == max_probe - 1)
				break;
			if (tab[j] == 0 || merge_or)
				tab[j] |= tag | low(e);
		}
		if (i == n)
		{
			*out = b;
			*outlen = size;
			*log2_out = log2;
			return NX_OK;
		}
		nx_free(a, b);
	}
	return NX_ETOOBIG;
}

/*
 * A packed lexicon table behind a header, sized by distinct keys,
 * duplicates merged by OR.
 */
static NxStatus
build_lex_packed(const NxLexSlot *in, size_t n, unsigned char **out, size_t *outlen,
				 uint32_t *log2_out, const NxAlloc *a)
{
	size_t		distinct;

	for (size_t i = 0; i < n; i++)
		if ((in[i].classes >> NX_LEX_PACKED_CLASSES) != 0 || in[i].flags > 3)
			return NX_EINVAL;
	if (distinct_keys(in, n, &distinct, a) != NX_OK)
		return NX_ENOMEM;
	return build_packed_table(in, n, sizeof(NxLexSlot), lex_low, distinct, LEX_HDR,
							  NX_LEX_MAX_PROBE, 1, out, outlen, log2_out, a);
}

/*
 * Build a LEXICON section: packed when its classes fit a packed slot,
 * else of 16-byte slots.
 */
NxStatus
nx_lexicon_build(const NxLexSlot *in, size_t n, uint32_t maxlen,
				 const char *const *class_names, size_t nclasses,
				 void **out, size_t *outlen, const NxAlloc *a)
{
	unsigned char *b;
	uint32_t	log2,
				layout = nclasses <= NX_LEX_PACKED_CLASSES ? LEX_PACKED : 0;
	NxStatus	st;

	if (nclasses > NX_LEX_MAX_CLASSES || maxlen == 0 || maxlen > 64)
		return NX_EINVAL;
	st = layout == LEX_PACKED ? build_lex_packed(in, n, &b, outlen, &log2, a)
		: build_table(in, n, LEX_HDR, 1, &b, outlen, &log2, a);
	if (st != NX_OK)
		return st;
	memcpy(b, &log2, 4);
	memcpy(b + 4, &maxlen, 4);
	{
		uint32_t	nc = (uint32_t) nclasses;

		memcpy(b + 8, &nc, 4);
	}
	memcpy(b + 12, &layout, 4);
	for (size_t c = 0; c < nclasses; c++)
		snprintf((char *) b + 16 + c * NX_LEX_CLASS_LEN, NX_LEX_CLASS_LEN, "%s", class_names[c]);
	*out = b;
	return NX_OK;
}

/* A packed cluster table behind a header: the first of duplicate keys wins. */
static NxStatus
build_packed(const NxClusterSlot *in, size_t n, unsigned char **out,
			 size_t *outlen, uint32_t *log2_out, const NxAlloc *a)
{
	for (size_t i = 0; i < n; i++)
		if (in[i].len > NX_PACKED_PATH_MAX)
			return NX_EINVAL;
	return build_packed_table(in, n, sizeof(NxClusterSlot), cluster_low, n, CLU_HDR,
							  NX_PACKED_MAX_PROBE, 0, out, outlen, log2_out, a);
}

/* Build a CLUSTERS section. */
NxStatus
nx_clusters_build(const NxClusterSlot *in, size_t n, int packed, void **out,
				  size_t *outlen, const NxAlloc *a)
{
	unsigned char *b;
	uint32_t	log2,
				cnt = (uint32_t) n,
				layout = packed ? CLU_PACKED : 0;
	NxStatus	st;

	st = packed ? build_packed(in, n, &b, outlen, &log2, a)
		: build_table(in, n, CLU_HDR, 0, &b, outlen, &log2, a);
	if (st != NX_OK)
		return st;
	memcpy(b + 8, &layout, 4);
	memcpy(b, &log2, 4);
	memcpy(b + 4, &cnt, 4);
	*out = b;
	return NX_OK;
}

/*
 * Build a CLUSTERS section from Brown clusters as text: one word a line,
 * "bits<TAB>word[<TAB>count]" (Liang's wcluster output); lines without a
 * tab are skipped.  *nwords gets the number of words read.
 */
NxStatus
nx_clusters_from_text(const char *text, size_t len, int packed, void **out, size_t *outlen,
					  size_t *nwords, const NxAlloc *a)
{
	NxClusterSlot *s = NULL;
	size_t		n = 0,
				cap = 0;
	NxStatus	st;

	*nwords = 0;
	for (size_t i = 0; i < len;)
	{
		size_t		eol = i,
					t1,
					t2;
		uint32_t	v = 0,
					nb = 0;

		while (eol < len && text[eol] != '\n')
			eol++;
		for (t1 = i; t1 < eol && text[t1] != '\t'; t1++)
			;
		for (t2 = t1 + 1; t2 < eol && text[t2] != '\t' && text[t2] != '\r'; t2++)
			;
		if (t1 < eol && t2 > t1 + 1)
		{
			if (n == cap)
			{
				NxClusterSlot *ns = nx_grow(a, s, sizeof(*s), &cap, cap ? 2 * cap : 65536);

				if (!ns)
				{
					nx_free(a, s);
					return NX_ENOMEM;
				}
				s = ns;
			}
			for (size_t k = i; k < t1 && nb < 32; k++, nb++)
				v = (v << 1) | (text[k] == '1');
			s[n].key = nx_key_final(nx_fnv1a64(text + t1 + 1, t2 - t1 - 1));
			s[n].bits = v;
			s[n].len = nb;
			n++;
		}
		i = eol + 1;
	}
	st = nx_clusters_build(s, n, packed, out, outlen, a);
	nx_free(a, s);
	*nwords = n;
	return st;
}
