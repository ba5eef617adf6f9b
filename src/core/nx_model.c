/*
 * nx_model.c
 *	  Validating and reading a model buffer (nx_model_open), lexicon and
 *	  cluster lookups.  Laying out model files and their sections (for
 *	  the training tools and tests) is nx_model_build.c.
 *
 * nx_model_open trusts nothing in the buffer: every count, offset and size
 * is checked against the buffer length, with overflow-safe arithmetic,
 * before anything is read through it.  See nx_model.h for the layout.
 */
#include "nx_model.h"
#include "nx_model_int.h"
#include "nx_words.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Is nm one of the n class names names? */
static int
named(const char *nm, const char *const *names, int n)
{
	for (int k = 0; k < n; k++)
		if (strcmp(nm, names[k]) == 0)
			return 1;
	return 0;
}

/* The groups of classes of a parsed lexicon (NxLexicon), by class name. */
static void
lexicon_groups(NxLexicon *lex)
{
	static const char *const context[NX_LEX_NCONTEXT] = NX_LEX_CONTEXT_CLASSES;
	static const char *const place[NX_LEX_NPLACE] = NX_LEX_PLACE_CLASSES;
	static const char *const org[NX_LEX_NORG] = NX_LEX_ORG_CLASSES;

	for (uint32_t c = 0; c < lex->nclasses; c++)
	{
		const char *nm = lex->class_name[c];
		uint32_t	bit = UINT32_C(1) << c;

		if (strcmp(nm, "title") == 0)
			lex->title_classes |= bit;
		if (strncmp(nm, "train-", 6) == 0)
			lex->seen_classes |= bit;
		if (named(nm, context, NX_LEX_NCONTEXT))
			lex->context_classes |= bit;
		if (named(nm, place, NX_LEX_NPLACE))
			lex->place_classes |= bit;
		if (strcmp(nm, "misc-event") == 0)
			lex->event_classes |= bit;
		if (named(nm, org, NX_LEX_NORG))
			lex->org_classes |= bit;
	}
	nx_words_class_bits(lex);
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

/*
 * Ask the CPU for the slot where a cluster key's probe starts, ahead of
 * its lookup: a word's first lookup in a table of megabytes is a cache
 * miss, and asked for a few words ahead the misses overlap.
 */
void
nx_clusters_prefetch(const NxClusters *cl, uint64_t key)
{
	size_t		i;

	if (!cl)
		return;
	i = (size_t) key & (((size_t) 1 << cl->log2) - 1);
#if defined(__GNUC__)
	if (cl->packed)
		__builtin_prefetch(&cl->packed[i]);
	else if (cl->slot)
		__builtin_prefetch(&cl->slot[i]);
#else
	(void) i;
#endif
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
 * every row's shift must be at most NX_INT8_MAX_SHIFT.  A paired first
 * stage holds both stages' rows; its second stage (first: the first
 * stage's tagger, NULL for stage 1) is a header that must match it.
 */
static NxStatus
parse_weights(const unsigned char *b, size_t size, uint32_t nlabels,
			  const NxTagger *first, NxTagger *t, int k, char *errbuf, size_t errlen)
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
		(cell != NX_CELL_INT8 || nl > NX_INT8_MAX_LABELS || !weights_dense(log2, nrows)) &&
		(cell != NX_CELL_PAIR || nl > NX_PAIR_LABELS || weights_dense(log2, nrows)))
		goto bad;
	/* a paired first stage needs its second, and a paired second its first */
	if ((first && first->pair) != (k == 1 && cell == NX_CELL_PAIR))
		goto bad;
	nidx = ((size_t) 1 << log2) / 64;
	if (size != weights_size(log2, nl, nrows, cell, k))
		goto bad;
	memset(t, 0, sizeof(*t));
	t->log2 = log2;
	t->nlabels = nl;
	t->stride = nl;
	t->scale = scale;
	t->nrows = nrows;
	if (cell == NX_CELL_PAIR && k == 1)
	{
		if (log2 != first->log2 || nrows != first->nrows)
			goto bad;
		t->index = first->index;
		t->rows = first->rows + nl;
		t->stride = first->stride;
		return NX_OK;
	}
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
	if (cell == NX_CELL_PAIR)
	{
		t->stride = 2 * nl;
		t->pair = 1;
	}
	return NX_OK;
bad:
	snprintf(errbuf, errlen, "newsx model has a malformed weights section (stage %d)", k + 1);
	return NX_EBADMODEL;
}

/* Known sections, by tag; a model may hold others, which are ignored. */
enum
{
	S_INFO, S_LABELS, S_W0, S_W1, S_LEX, S_CLU, S_META, S_SPEAKERS, S_NAMES, S_VCLU,
	S_SHARED, S__COUNT
};

static const char *const section_tag[S__COUNT] = {
	"INFO", "LABELS", "WEIGHTS0", "WEIGHTS1", "LEXICON", "CLUSTERS", "META", "SPEAKERS",
	"NAMES", "VECCLUST", "SHARED"
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
	out->checksum = rd64(b + 24);
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
	if (!sec->p[S_INFO])
		return bad_model(errbuf, errlen, "newsx model lacks a required section (INFO)");
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
	memcpy(&out->calib, p + 12, 4);
	if (!isfinite(out->calib) || out->calib < 0 || out->calib > NX_MAX_CALIB)
		return bad_model(errbuf, errlen, "newsx model has a malformed info section");
	memcpy(out->task, p + 32, 16);
	if (strcmp(out->task, NX_SHARED_TASK) == 0)
	{
		/* a shared resources file: no tagger, and no file of its own */
		if (out->nstages != 0 || sec->p[S_LABELS] || sec->p[S_W0] || sec->p[S_W1] ||
			sec->p[S_SHARED])
			return bad_model(errbuf, errlen, "newsx shared resources file holds a tagger's sections");
		return NX_OK;
	}
	if (!sec->p[S_LABELS] || !sec->p[S_W0])
		return bad_model(errbuf, errlen, "newsx model lacks a required section (INFO, LABELS, WEIGHTS0)");
	if (out->nstages < 1 || out->nstages > NX_MODEL_MAX_STAGES ||
		(out->nstages == 2 && !sec->p[S_W1]))
		return bad_model(errbuf, errlen, "newsx model has a bad stage count (%u)", out->nstages);
	return NX_OK;
}

/* The SHARED section: the shared resources file the model reads. */
static NxStatus
open_shared_ref(const Sections *sec, NxModel *out, char *errbuf, size_t errlen)
{
	const unsigned char *p = sec->p[S_SHARED];

	if (!p)
		return NX_OK;
	if (sec->size[S_SHARED] < NX_SHARED_SIZE || !has_nul((const char *) p, 32) || p[0] == '\0' ||
		rd64(p + 40) != 0)
		return bad_model(errbuf, errlen, "newsx model has a malformed shared section");
	if (sec->p[S_CLU])
		return bad_model(errbuf, errlen, "newsx model has both its own clusters and a shared file's");
	memcpy(out->shared_name, p, 32);
	out->shared_checksum = rd64(p + 32);
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
	if (strcmp(out->task, NX_SHARED_TASK) != 0 &&
		(st = open_labels(&sec, out, errbuf, errlen)) != NX_OK)
		return st;
	if ((st = open_shared_ref(&sec, out, errbuf, errlen)) != NX_OK)
		return st;
	for (uint32_t k = 0; k < out->nstages; k++)
	{
		st = parse_weights(sec.p[S_W0 + k], sec.size[S_W0 + k], out->labels.n,
						   k ? &out->stage[0] : NULL, &out->stage[k], (int) k, errbuf, errlen);
		if (st != NX_OK)
			return st;
	}
	if (out->nstages == 1 && out->stage[0].pair)
		return bad_model(errbuf, errlen, "newsx model has a malformed weights section (stage 2)");
	for (uint32_t k = 0; k < out->nstages; k++)
		out->stage[k].calib = out->calib;
	return open_optional(&sec, out, errbuf, errlen);
}


/* Give a model its shared resources file; see nx_model.h. */
NxStatus
nx_model_attach(NxModel *m, const NxModel *shared, char *errbuf, size_t errlen)
{
	if (m->shared_name[0] == '\0')
		return bad_model(errbuf, errlen, "newsx model \"%s\" reads no shared resources file", m->name);
	if (shared == NULL || strcmp(shared->task, NX_SHARED_TASK) != 0)
		return bad_model(errbuf, errlen, "newsx model \"%s\" needs the shared resources file \"%s\", not a \"%s\" model",
						 m->name, m->shared_name, shared ? shared->task : "missing");
	if (strcmp(shared->name, m->shared_name) != 0 || shared->checksum != m->shared_checksum)
		return bad_model(errbuf, errlen, "newsx model \"%s\" was built with the shared resources file \"%s\" of checksum %016llx, and the one given is \"%s\" of checksum %016llx (install the models and shared file of one release together)",
						 m->name, m->shared_name, (unsigned long long) m->shared_checksum,
						 shared->name, (unsigned long long) shared->checksum);
	if (!shared->clusters.slot && !shared->clusters.packed)
		return bad_model(errbuf, errlen, "newsx shared resources file \"%s\" has no clusters", shared->name);
	m->clusters = shared->clusters;
	m->shared_attached = 1;
	return NX_OK;
}

/* The shared file beside a model file; see nx_model.h. */
int
nx_model_shared_path(const char *model_path, const NxModel *m, char *out, size_t outlen)
{
	const char *slash = strrchr(model_path, '/');
	int			dirlen = slash ? (int) (slash - model_path + 1) : 0;
	int			n = snprintf(out, outlen, "%.*s%s.model", dirlen, model_path, m->shared_name);

	return n >= 0 && (size_t) n < outlen;
}

/* Can the model be used (its shared file, if it needs one, given)? */
NxStatus
nx_model_ready(const NxModel *m, char *errbuf, size_t errlen)
{
	if (m->shared_name[0] != '\0' && !m->shared_attached)
		return bad_model(errbuf, errlen, "newsx model \"%s\" needs its shared resources file \"%s\" (nx_model_attach)",
						 m->name, m->shared_name);
	return NX_OK;
}
