/*
 * nx_model.c
 *	  Validating and reading a model buffer (nx_model_open), lexicon and
 *	  cluster lookups, and laying out model files (nx_model_write and the
 *	  section builders used by the training tool).
 *
 * nx_model_open trusts nothing in the buffer: every count, offset and size
 * is checked against the buffer length, with overflow-safe arithmetic,
 * before anything is read through it.  See nx_model.h for the layout.
 */
#include "nx_model.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HDR_SIZE		64
#define SECT_SIZE		32
#define MAX_SECTIONS	64
#define LEX_HDR			(16 + NX_LEX_MAX_CLASSES * NX_LEX_CLASS_LEN)
#define CLU_HDR			16
#define CLU_PACKED		1		/* layout word of a packed CLUSTERS section */
#define LEX_PACKED		1		/* layout word of a packed LEXICON section */
#define PACKED_LOW_BITS	24		/* path length and path, below the key's tag */
#define PACKED_LOW_MASK	((1U << PACKED_LOW_BITS) - 1)
#define MAX_LOG2		28
#define WEIGHTS_MIN_LOG2 6		/* one index word of 64 buckets at least */

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

/* A WEIGHTS section's cell: NX_CELL_INT16 (dense or sparse) or NX_CELL_INT8. */
#define NX_CELL_INT16	0
#define NX_CELL_INT8	1

/* Is a section of nrows rows of 1 << log2 dense (no index)? */
static int
weights_dense(uint32_t log2, uint32_t nrows)
{
	return (size_t) nrows == (size_t) 1 << log2;
}

/* Bytes of a WEIGHTS section. */
static size_t
weights_size(uint32_t log2, uint32_t nlabels, uint32_t nrows, uint32_t cell)
{
	size_t		idx = weights_dense(log2, nrows) ? 0
		: ((size_t) 1 << log2) / 64 * sizeof(NxWeightIndex);

	if (cell == NX_CELL_INT8)
		return NX_WEIGHTS_HDR + ((size_t) 1 << log2) * NX_INT8_ROW;

	return NX_WEIGHTS_HDR + idx + ((size_t) nrows * nlabels + NX_ROW_PAD) * sizeof(int16_t);
}

static uint32_t
rd32(const unsigned char *p)
{
	uint32_t	v;

	memcpy(&v, p, 4);
	return v;
}

static uint64_t
rd64(const unsigned char *p)
{
	uint64_t	v;

	memcpy(&v, p, 8);
	return v;
}

static int
host_is_little_endian(void)
{
	const uint16_t one = 1;

	return *(const unsigned char *) &one == 1;
}

/*
 * The checksum of a model file's bytes after its header: FNV-1a 64 over
 * little-endian 64-bit words in four interleaved lanes (word i to lane
 * i % 4), then the lanes and any bytes past the last whole word folded in
 * byte-wise FNV-1a.  Four independent multiplications a 32 bytes: about
 * ten times the speed of byte-wise FNV, which every backend paid over the
 * whole file on its first call.
 */
uint64_t
nx_model_checksum(const void *p, size_t n)
{
	const unsigned char *s = (const unsigned char *) p;
	uint64_t	lane[4] = {NX_FNV_OFFSET, NX_FNV_OFFSET ^ 1, NX_FNV_OFFSET ^ 2, NX_FNV_OFFSET ^ 3};
	size_t		nw = n / 8,
				i;
	uint64_t	h = NX_FNV_OFFSET;

	for (i = 0; i < nw; i++)
	{
		lane[i & 3] ^= rd64(s + 8 * i);
		lane[i & 3] *= NX_FNV_PRIME;
	}
	for (int k = 0; k < 4; k++)
		h = nx_fnv1a64_update(h, &lane[k], 8);
	return nx_fnv1a64_update(h, s + 8 * nw, n - 8 * nw);
}

/* Is a NUL within p[0..n)? */
static int
has_nul(const char *p, size_t n)
{
	return memchr(p, '\0', n) != NULL;
}

/* The groups of classes of a parsed lexicon (NxLexicon), by class name. */
static void
lexicon_groups(NxLexicon *lex)
{
	static const char *const context[NX_LEX_NCONTEXT] = NX_LEX_CONTEXT_CLASSES;

	for (uint32_t c = 0; c < lex->nclasses; c++)
	{
		const char *nm = lex->class_name[c];
		uint32_t	bit = UINT32_C(1) << c;

		if (strcmp(nm, "title") == 0)
			lex->title_classes |= bit;
		if (strncmp(nm, "train-", 6) == 0)
			lex->seen_classes |= bit;
		for (int k = 0; k < NX_LEX_NCONTEXT; k++)
			if (strcmp(nm, context[k]) == 0)
				lex->context_classes |= bit;
	}
}

/* Validate a LEXICON section. */
NxStatus
nx_lexicon_parse(const void *p, size_t size, NxLexicon *lex,
				 char *errbuf, size_t errlen)
{
	const unsigned char *b = p;
	uint32_t	log2,
				maxlen,
				ncl,
				layout;

	memset(lex, 0, sizeof(*lex));
	if (size < LEX_HDR)
		goto bad;
	log2 = rd32(b);
	maxlen = rd32(b + 4);
	ncl = rd32(b + 8);
	layout = rd32(b + 12);
	if (log2 > MAX_LOG2 || maxlen == 0 || maxlen > 64 || ncl > NX_LEX_MAX_CLASSES ||
		layout > LEX_PACKED || (layout == LEX_PACKED && ncl > NX_LEX_PACKED_CLASSES))
		goto bad;
	if ((size - LEX_HDR) / (layout == LEX_PACKED ? sizeof(uint64_t) : sizeof(NxLexSlot)) <
		((size_t) 1 << log2))
		goto bad;
	for (uint32_t c = 0; c < ncl; c++)
	{
		const char *nm = (const char *) b + 16 + c * NX_LEX_CLASS_LEN;

		if (!has_nul(nm, NX_LEX_CLASS_LEN))
			goto bad;
		memcpy(lex->class_name[c], nm, NX_LEX_CLASS_LEN);
	}
	if (layout == LEX_PACKED)
		lex->packed = (const uint64_t *) (b + LEX_HDR);
	else
		lex->slot = (const NxLexSlot *) (b + LEX_HDR);
	lex->log2 = log2;
	lex->maxlen = maxlen;
	lex->nclasses = ncl;
	lexicon_groups(lex);
	return NX_OK;
bad:
	snprintf(errbuf, errlen, "newsx model has a malformed lexicon section");
	memset(lex, 0, sizeof(*lex));
	return NX_EBADMODEL;
}

/* Validate a CLUSTERS section. */
NxStatus
nx_clusters_parse(const void *p, size_t size, NxClusters *cl,
				  char *errbuf, size_t errlen)
{
	const unsigned char *b = p;
	uint32_t	log2;

	memset(cl, 0, sizeof(*cl));
	if (size < CLU_HDR)
		goto bad;
	log2 = rd32(b);
	if (log2 > MAX_LOG2)
		goto bad;
	if (rd32(b + 8) == CLU_PACKED)
	{
		if ((size - CLU_HDR) / sizeof(uint64_t) < ((size_t) 1 << log2))
			goto bad;
		cl->packed = (const uint64_t *) (b + CLU_HDR);
	}
	else if (rd32(b + 8) != 0 ||
			 (size - CLU_HDR) / sizeof(NxClusterSlot) < ((size_t) 1 << log2))
		goto bad;
	else
		cl->slot = (const NxClusterSlot *) (b + CLU_HDR);
	cl->log2 = log2;
	cl->n = rd32(b + 4);
	return NX_OK;
bad:
	snprintf(errbuf, errlen, "newsx model has a malformed clusters section");
	return NX_EBADMODEL;
}

/* The key bits a packed slot keeps (never 0): packed lexicons and clusters. */
static inline uint64_t
packed_tag(uint64_t key)
{
	uint64_t	t = key & ~(uint64_t) PACKED_LOW_MASK;

	return t ? t : (uint64_t) 1 << PACKED_LOW_BITS;
}

/* The packed slot of a key in tab (1 << log2 slots), or 0. */
static uint64_t
packed_find(const uint64_t *tab, uint32_t log2, uint64_t key, int max_probe)
{
	size_t		mask = ((size_t) 1 << log2) - 1,
				i = (size_t) key & mask;
	uint64_t	tag = packed_tag(key);

	for (int k = 0; k < max_probe; k++)
	{
		uint64_t	v = tab[i];

		if (v == 0 || (v & ~(uint64_t) PACKED_LOW_MASK) == tag)
			return v;
		i = (i + 1) & mask;
	}
	return 0;
}

/* Look up a lexicon key. */
const NxLexSlot *
nx_lex_find(const NxLexicon *lex, uint64_t key, NxLexSlot *buf)
{
	size_t		mask,
				i;

	if (lex->packed)
	{
		uint64_t	v = packed_find(lex->packed, lex->log2, key, NX_LEX_MAX_PROBE);

		if (v == 0)
			return NULL;
		buf->key = key;
		buf->classes = (uint32_t) v & ((UINT32_C(1) << NX_LEX_PACKED_CLASSES) - 1);
		buf->flags = (uint32_t) (v >> NX_LEX_PACKED_CLASSES) & 3;
		return buf;
	}
	if (!lex->slot)
		return NULL;
	mask = ((size_t) 1 << lex->log2) - 1;
	i = (size_t) key & mask;
	for (int k = 0; k < NX_LEX_MAX_PROBE; k++)
	{
		const NxLexSlot *s = &lex->slot[i];

		if (s->key == key)
			return s;
		if (s->key == 0)
			return NULL;
		i = (i + 1) & mask;
	}
	return NULL;
}

/* Look up a cluster key. */
const NxClusterSlot *
nx_clusters_find(const NxClusters *cl, uint64_t key)
{
	size_t		mask,
				i;

	if (!cl->slot)
		return NULL;
	mask = ((size_t) 1 << cl->log2) - 1;
	i = (size_t) key & mask;
	for (int k = 0; k < NX_LEX_MAX_PROBE; k++)
	{
		const NxClusterSlot *s = &cl->slot[i];

		if (s->key == key)
			return s;
		if (s->key == 0)
			return NULL;
		i = (i + 1) & mask;
	}
	return NULL;
}

/* Look up a cluster key in either layout. */
int
nx_clusters_lookup(const NxClusters *cl, uint64_t key, uint32_t *bits, uint32_t *len)
{
	uint64_t	v;

	if (cl->slot)
	{
		const NxClusterSlot *s = nx_clusters_find(cl, key);

		if (!s || s->len == 0 || s->len > 32)
			return 0;
		*bits = s->bits;
		*len = s->len;
		return 1;
	}
	if (!cl->packed)
		return 0;
	v = packed_find(cl->packed, cl->log2, key, NX_PACKED_MAX_PROBE);
	if (v == 0)
		return 0;
	*len = (uint32_t) (v >> NX_PACKED_PATH_MAX) & 31;
	*bits = (uint32_t) v & ((1U << NX_PACKED_PATH_MAX) - 1);
	return *len > 0;
}

/*
 * Validate one WEIGHTS section (nx_model.h) against the label count: in
 * the sparse layout every index word's rank must be the rows before it,
 * so that any bucket's row lies inside the section; in the int8 layout
 * every row's shift must be at most NX_INT8_MAX_SHIFT.
 */
static NxStatus
parse_weights(const unsigned char *b, size_t size, uint32_t nlabels,
			  NxTagger *t, int k, char *errbuf, size_t errlen)
{
	uint32_t	log2,
				nl,
				nrows,
				cell;
	float		scale;
	size_t		nidx;
	const NxWeightIndex *idx;
	uint64_t	rank = 0;

	if (size < NX_WEIGHTS_HDR)
		goto bad;
	log2 = rd32(b);
	nl = rd32(b + 4);
	memcpy(&scale, b + 8, 4);
	nrows = rd32(b + 12);
	cell = rd32(b + 16);
	if (log2 < WEIGHTS_MIN_LOG2 || log2 > MAX_LOG2 || nl != nlabels || !isfinite(scale) ||
		scale <= 0 || scale > NX_MAX_SCALE || nrows > ((size_t) 1 << log2))
		goto bad;
	if (cell != NX_CELL_INT16 &&
		(cell != NX_CELL_INT8 || nl > NX_INT8_MAX_LABELS || !weights_dense(log2, nrows)))
		goto bad;
	nidx = ((size_t) 1 << log2) / 64;
	if (size != weights_size(log2, nl, nrows, cell))
		goto bad;
	t->log2 = log2;
	t->nlabels = nl;
	t->scale = scale;
	t->nrows = nrows;
	t->w = NULL;
	t->w8 = NULL;
	t->index = NULL;
	t->rows = NULL;
	if (cell == NX_CELL_INT8)
	{
		const int8_t *w8 = (const int8_t *) (b + NX_WEIGHTS_HDR);

		for (size_t i = 0; i < nrows; i++)
			if ((uint8_t) w8[i * NX_INT8_ROW + NX_INT8_ROW - 1] > NX_INT8_MAX_SHIFT)
				goto bad;
		t->w8 = w8;
		return NX_OK;
	}
	if (weights_dense(log2, nrows))
	{
		t->w = (const int16_t *) (b + NX_WEIGHTS_HDR);
		return NX_OK;
	}
	idx = (const NxWeightIndex *) (b + NX_WEIGHTS_HDR);
	for (size_t i = 0; i < nidx; i++)
	{
		if (idx[i].rank != rank)
			goto bad;
		rank += nx_popcount64(idx[i].bits);
	}
	if (rank != nrows)
		goto bad;
	t->index = idx;
	t->rows = (const int16_t *) (b + NX_WEIGHTS_HDR + nidx * sizeof(NxWeightIndex));
	return NX_OK;
bad:
	snprintf(errbuf, errlen, "newsx model has a malformed weights section (stage %d)", k + 1);
	return NX_EBADMODEL;
}

/* Known sections, by tag; a model may hold others, which are ignored. */
enum
{
	S_INFO, S_LABELS, S_W0, S_W1, S_LEX, S_CLU, S_META, S_SPEAKERS, S_NAMES, S_VCLU, S__COUNT
};

static const char *const section_tag[S__COUNT] = {
	"INFO", "LABELS", "WEIGHTS0", "WEIGHTS1", "LEXICON", "CLUSTERS", "META", "SPEAKERS",
	"NAMES", "VECCLUST"
};

/* Where the known sections of a buffer are (NULL: absent). */
typedef struct Sections
{
	const unsigned char *p[S__COUNT];
	size_t		size[S__COUNT];
} Sections;

#if defined(__GNUC__)
static NxStatus bad_model(char *errbuf, size_t errlen, const char *fmt,...)
			__attribute__((format(printf, 3, 4)));
#endif

/* Write why a model is bad into errbuf; returns NX_EBADMODEL. */
static NxStatus
bad_model(char *errbuf, size_t errlen, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(errbuf, errlen, fmt, ap);
	va_end(ap);
	return NX_EBADMODEL;
}

/*
 * The file header: magic number, alignment, format version, size,
 * checksum, section count (*nsec) and the model's name.
 */
static NxStatus
open_header(const unsigned char *b, size_t len, NxModel *out, uint32_t *nsec,
			char *errbuf, size_t errlen)
{
	uint32_t	version;
	uint64_t	fsize;

	if (!host_is_little_endian())
		return bad_model(errbuf, errlen, "newsx models can only be read on little-endian hosts");
	if (b == NULL || len < 8 || memcmp(b, NX_MODEL_MAGIC, 8) != 0)
		return bad_model(errbuf, errlen, "not a newsx model file (bad magic number)");
	if (((uintptr_t) b & 7) != 0)
		return bad_model(errbuf, errlen, "newsx model buffer is not 8-byte aligned");
	if (len < HDR_SIZE)
		return bad_model(errbuf, errlen, "newsx model file is truncated (%zu bytes, header needs %d)",
						 len, HDR_SIZE);
	version = rd32(b + 8);
	if (version != NX_MODEL_VERSION)
		return bad_model(errbuf, errlen, "newsx model file is format version %u, and this build of newsx needs version %d (rebuild the model with make models, or install the models of this release)",
						 version, NX_MODEL_VERSION);
	*nsec = rd32(b + 12);
	fsize = rd64(b + 16);
	if (fsize > len)
		return bad_model(errbuf, errlen, "newsx model file is truncated (%zu of %llu bytes)",
						 len, (unsigned long long) fsize);
	if (fsize != len)
		return bad_model(errbuf, errlen, "newsx model file has the wrong size (%zu bytes, header says %llu)",
						 len, (unsigned long long) fsize);
	if (nx_model_checksum(b + HDR_SIZE, len - HDR_SIZE) != rd64(b + 24))
		return bad_model(errbuf, errlen, "newsx model checksum mismatch (file is corrupt)");
	if (*nsec == 0 || *nsec > MAX_SECTIONS || (len - HDR_SIZE) / SECT_SIZE < *nsec)
		return bad_model(errbuf, errlen, "newsx model has a bad section count (%u)", *nsec);
	if (!has_nul((const char *) b + 32, 32))
		return bad_model(errbuf, errlen, "newsx model name is not terminated");
	memcpy(out->name, b + 32, 32);
	out->version = version;
	return NX_OK;
}

/*
 * The section table: every entry inside the file, each known section
 * once, and the required ones there.
 */
static NxStatus
open_sections(const unsigned char *b, size_t len, uint32_t nsec, Sections *sec,
			  char *errbuf, size_t errlen)
{
	for (uint32_t i = 0; i < nsec; i++)
	{
		const unsigned char *e = b + HDR_SIZE + (size_t) i * SECT_SIZE;
		uint64_t	off = rd64(e + 8),
					size = rd64(e + 16);
		char		tag[9];

		memcpy(tag, e, 8);
		tag[8] = '\0';
		if (off % NX_MODEL_ALIGN != 0 || off > len || size > len - off ||
			off < HDR_SIZE + (uint64_t) nsec * SECT_SIZE)
			return bad_model(errbuf, errlen, "newsx model section \"%s\" lies outside the file", tag);
		for (int k = 0; k < S__COUNT; k++)
			if (strncmp(tag, section_tag[k], 8) == 0)
			{
				if (sec->p[k])
					return bad_model(errbuf, errlen, "newsx model has section \"%s\" twice", tag);
				sec->p[k] = b + off;
				sec->size[k] = (size_t) size;
			}
	}
	if (!sec->p[S_INFO] || !sec->p[S_LABELS] || !sec->p[S_W0])
		return bad_model(errbuf, errlen, "newsx model lacks a required section (INFO, LABELS, WEIGHTS0)");
	return NX_OK;
}

/* The INFO section: feature set, stages, flags and task. */
static NxStatus
open_info(const Sections *sec, NxModel *out, char *errbuf, size_t errlen)
{
	const unsigned char *p = sec->p[S_INFO];

	if (sec->size[S_INFO] < NX_INFO_SIZE || !has_nul((const char *) p + 32, 16))
		return bad_model(errbuf, errlen, "newsx model has a malformed info section");
	out->featset = rd32(p);
	out->nstages = rd32(p + 4);
	out->flags = rd32(p + 8);
	memcpy(out->task, p + 32, 16);
	if (out->nstages < 1 || out->nstages > NX_MODEL_MAX_STAGES ||
		(out->nstages == 2 && !sec->p[S_W1]))
		return bad_model(errbuf, errlen, "newsx model has a bad stage count (%u)", out->nstages);
	return NX_OK;
}

/* The LABELS section: the label names, made the model's label set. */
static NxStatus
open_labels(const Sections *sec, NxModel *out, char *errbuf, size_t errlen)
{
	const char *p = (const char *) sec->p[S_LABELS];
	size_t		size = sec->size[S_LABELS],
				pos = 8;
	const char *names[NX_MAX_LABELS];
	uint32_t	n;
	char		tmp[160];

	if (size < 8 || (n = rd32(sec->p[S_LABELS])) == 0 || n > NX_MAX_LABELS)
		return bad_model(errbuf, errlen, "newsx model has a malformed label section");
	for (uint32_t i = 0; i < n; i++)
	{
		const char *z = pos < size ? memchr(p + pos, '\0', size - pos) : NULL;

		if (!z)
			return bad_model(errbuf, errlen, "newsx model has a malformed label section");
		names[i] = p + pos;
		pos = (size_t) (z - p) + 1;
	}
	if (nx_labels_init(&out->labels, names, n, errbuf, errlen) == NX_OK)
		return NX_OK;
	snprintf(tmp, sizeof(tmp), "%s", errbuf);
	return bad_model(errbuf, errlen, "newsx model has bad labels: %s", tmp);
}

/* The sections a model may lack: lexicon, clusters, how it was made. */
static NxStatus
open_optional(const Sections *sec, NxModel *out, char *errbuf, size_t errlen)
{
	if (sec->p[S_LEX] &&
		nx_lexicon_parse(sec->p[S_LEX], sec->size[S_LEX], &out->lex, errbuf, errlen) != NX_OK)
		return NX_EBADMODEL;
	if (sec->p[S_NAMES] &&
		nx_lexicon_parse(sec->p[S_NAMES], sec->size[S_NAMES], &out->names, errbuf, errlen) != NX_OK)
		return NX_EBADMODEL;
	out->namessec = sec->p[S_NAMES];
	out->namesseclen = sec->size[S_NAMES];
	if (sec->p[S_CLU] &&
		nx_clusters_parse(sec->p[S_CLU], sec->size[S_CLU], &out->clusters, errbuf, errlen) != NX_OK)
		return NX_EBADMODEL;
	if (sec->p[S_VCLU] &&
		nx_clusters_parse(sec->p[S_VCLU], sec->size[S_VCLU], &out->vclusters, errbuf, errlen) != NX_OK)
		return NX_EBADMODEL;
	out->vclustsec = sec->p[S_VCLU];
	out->vclustseclen = sec->size[S_VCLU];
	if (sec->p[S_META])
	{
		out->meta = (const char *) sec->p[S_META];
		out->metalen = sec->size[S_META];
	}
	out->speakers = sec->p[S_SPEAKERS];
	out->speakerslen = sec->size[S_SPEAKERS];
	return NX_OK;
}

/* Validate a model buffer; see nx_model.h. */
NxStatus
nx_model_open(const void *buf, size_t len, NxModel *out, char *errbuf,
			  size_t errlen)
{
	const unsigned char *b = buf;
	Sections	sec;
	uint32_t	nsec = 0;
	NxStatus	st;

	memset(out, 0, sizeof(*out));
	memset(&sec, 0, sizeof(sec));
	if ((st = open_header(b, len, out, &nsec, errbuf, errlen)) != NX_OK)
		return st;
	if ((st = open_sections(b, len, nsec, &sec, errbuf, errlen)) != NX_OK)
		return st;
	if ((st = open_info(&sec, out, errbuf, errlen)) != NX_OK)
		return st;
	if ((st = open_labels(&sec, out, errbuf, errlen)) != NX_OK)
		return st;
	for (uint32_t k = 0; k < out->nstages; k++)
	{
		st = parse_weights(sec.p[S_W0 + k], sec.size[S_W0 + k], out->labels.n,
						   &out->stage[k], (int) k, errbuf, errlen);
		if (st != NX_OK)
			return st;
	}
	return open_optional(&sec, out, errbuf, errlen);
}

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
weights_alloc(const NxTagger *t, uint32_t nrows, uint32_t cell, size_t *size,
			  const NxAlloc *a)
{
	uint32_t	hdr[NX_WEIGHTS_HDR / 4] = {t->log2, t->nlabels, 0, nrows, cell};
	unsigned char *b;

	*size = weights_size(t->log2, t->nlabels, nrows, cell);
	b = nx_alloc(a, *size);
	if (!b)
		return NULL;
	memset(b, 0, *size);
	memcpy(&hdr[2], &t->scale, 4);
	memcpy(b, hdr, NX_WEIGHTS_HDR);
	return b;
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
	uint32_t	nrows = 0;
	unsigned char *b;
	NxWeightIndex *idx;
	int16_t    *rows;
	int16_t		row[NX_MAX_LABELS];

	if (t->log2 < WEIGHTS_MIN_LOG2 || t->log2 > MAX_LOG2 || L == 0 || L > NX_MAX_LABELS)
		return NX_EINVAL;
	nb = (size_t) 1 << t->log2;
	for (size_t i = 0; i < nb; i++)
		nrows += nx_tagger_row_values(t, (uint32_t) i, row);
	if (nrows > SPARSE_MAX_SHARE * (double) nb)
		nrows = (uint32_t) nb;
	if (!(b = weights_alloc(t, nrows, NX_CELL_INT16, &size, a)))
		return NX_ENOMEM;
	if (weights_dense(t->log2, nrows))
	{
		rows = (int16_t *) (b + NX_WEIGHTS_HDR);
		for (size_t i = 0; i < nb; i++)
			if (nx_tagger_row_values(t, (uint32_t) i, row)) /* else the zeros of the memset */
				memcpy(rows + i * L, row, L * sizeof(int16_t));
		*out = b;
		*outlen = size;
		return NX_OK;
	}
	idx = (NxWeightIndex *) (b + NX_WEIGHTS_HDR);
	rows = (int16_t *) (idx + nb / 64);
	nrows = 0;
	for (size_t i = 0; i < nb; i++)
	{
		if (i % 64 == 0)
			idx[i / 64].rank = nrows;
		if (!nx_tagger_row_values(t, (uint32_t) i, row))
			continue;
		idx[i / 64].bits |= UINT64_C(1) << (i % 64);
		memcpy(rows + (size_t) nrows++ * L, row, L * sizeof(int16_t));
	}
	*out = b;
	*outlen = size;
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
	if (!(b = weights_alloc(t, (uint32_t) nb, NX_CELL_INT8, &size, a)))
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
