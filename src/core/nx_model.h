/*
 * nx_model.h
 *	  The model file: one read-only buffer (an mmap of the file) holding a
 *	  tagger's label names, its weights (one or two stages), and the
 *	  lexicons and word clusters its features look up.  nx_model_open
 *	  validates the buffer and points into it; nothing is copied.
 *
 * Layout (little-endian; sections start at multiples of 64 bytes):
 *
 *	 0	char	 magic[8]		"NEWSXMDL"
 *	 8	uint32	 version		NX_MODEL_VERSION
 *	12	uint32	 nsections
 *	16	uint64	 file_size		must equal the buffer length
 *	24	uint64	 checksum		nx_model_checksum of bytes [64, file_size)
 *	32	char	 name[32]		NUL-terminated model name
 *	64	section table: nsections x { char tag[8]; uint64 offset; uint64 size;
 *		uint64 reserved }
 *		then the sections.
 *
 * Sections (tag: contents):
 *	 INFO	   uint32 featset, nstages, flags; float calib (0 or the
 *			   softmax scale of the last stage's probabilities, NxTagger.calib,
 *			   at most NX_MAX_CALIB); uint32 reserved[4]; char task[16]
 *	 LABELS    uint32 n, reserved; n NUL-terminated names
 *	 WEIGHTS0  uint32 log2, nlabels; float scale; uint32 nrows, cell;
 *	 WEIGHTS1	 uint32 reserved[3] (zero); then (stage 1 and 2), cell 0:
 *			   NxWeightIndex index[(1 << log2) / 64] unless nrows is
 *			   1 << log2 (dense: no index);
 *			   int16 rows[nrows][nlabels]; int16 pad[NX_ROW_PAD] (zero)
 *			   the sparse layout of nx_tagger.h: only rows not all zero, in
 *			   bucket order; index[i].rank must count the rows before
 *			   bucket 64 * i (checked when the model is opened);
 *			   cell 1 (int8, dense, at most NX_INT8_MAX_LABELS labels):
 *			   int8 rows[1 << log2][NX_INT8_ROW], nlabels weights and
 *			   the row's shift (at most NX_INT8_MAX_SHIFT, checked) last;
 *			   cell 2 (paired, sparse, two stages of at most
 *			   NX_PAIR_LABELS labels): WEIGHTS0 as cell 0 sparse but each
 *			   row int16 rows[nrows][2 * nlabels], stage 1's weights and
 *			   then stage 2's, rows where either is not all zero;
 *			   WEIGHTS1 only its header (its scale; log2, nlabels and
 *			   nrows those of WEIGHTS0)
 *	 LEXICON   uint32 log2, maxlen, nclasses, layout;
 *			   char class_name[32][24]; then, layout 0: NxLexSlot
 *			   slot[1 << log2]; layout 1 (packed, at most
 *			   NX_LEX_PACKED_CLASSES classes): uint64 slot[1 << log2], each
 *			   the key's tag (as packed clusters), 2 bits of flags and
 *			   NX_LEX_PACKED_CLASSES of classes
 *	 CLUSTERS  uint32 log2, n, layout, reserved; then, layout 0:
 *			   NxClusterSlot slot[1 << log2]; layout 1 (packed): uint64
 *			   slot[1 << log2], each the key's bits 24..63 (a key whose bits
 *			   are all 0 there has bit 24 set), then 5 bits of path length and
 *			   19 of path (NX_PACKED_PATH_MAX bits at most)
 *	 VECCLUST  NER models: clusters as CLUSTERS (packed), of word vectors
 *			   (paths of nested k-means, tools/kmeans.c), beside the Brown ones
 *	 META	   free text (how the model was made)
 *	 SPEAKERS  quotation models: uint32 nfeat, reserved[3]; float w[nfeat],
 *			   the weights of the speakers pass's ranking (nx_quotes.h)
 *	 NAMES	   quotation models: a lexicon as LEXICON, of the name lists the
 *			   speakers pass reads (nx_wordlist.h's LEXICON rows); apart, so
 *			   that the tagger's lookups stay in a table a cache holds
 *	 SHARED    char name[32], NUL-terminated; uint64 checksum; uint64
 *			   reserved (zero): the model reads sections of the shared
 *			   resources file NAME.model (beside it) whose header checksum is
 *			   CHECKSUM, in place of its own: today CLUSTERS
 * Unknown sections are ignored, so later versions may add some.
 *
 * A shared resources file ("shared-en.model") is a file of the same layout
 * whose INFO task is "shared", with no stages, LABELS or WEIGHTS: what
 * more than one model reads, on disk and in the page cache once.  A model
 * with a SHARED section is not ready to use until nx_model_attach has
 * given it that file (nx_model_ready).
 */
#ifndef NX_MODEL_H
#define NX_MODEL_H

#include "nx_alloc.h"
#include "nx_hash.h"
#include "nx_tagger.h"

#define NX_MODEL_MAGIC		"NEWSXMDL"
/*
 * Version 2: sparse weights, a word-wise checksum, lexicon tables filled
 * to four fifths.  Version 3: a WEIGHTS header of 32 bytes with its cell
 * type, int8 rows.  Version 4: the SHARED section and shared resources
 * files (the Brown clusters, once for both models).  Version 5: paired
 * stages (cell 2).  A file of another version is refused with a message
 * naming both versions (rebuild it with `make models`).
 */
#define NX_MODEL_VERSION	5
#define NX_MODEL_ALIGN		64
#define NX_MODEL_NAME_LEN	31
#define NX_MODEL_MAX_STAGES 2
#define NX_LEX_MAX_CLASSES	32
#define NX_LEX_CLASS_LEN	24
#define NX_LEX_MAX_WORD_CLASSES 96	/* NX_W__COUNT at most (nx_words.c checks) */
#define NX_LEX_MAX_PROBE	256 /* builders guarantee shorter probe runs */
#define NX_SHARED_SIZE		48	/* bytes of a SHARED section */
#define NX_SHARED_TASK		"shared"	/* the INFO task of a shared resources file */

/* A lexicon slot: a token sequence's key (0 = empty slot). */
typedef struct NxLexSlot
{
	uint64_t	key;
	uint32_t	classes;		/* bit c: an entry of class c */
	uint32_t	flags;			/* NX_LEX_* */
} NxLexSlot;

#define NX_LEX_ENTRY	0x1		/* a whole entry */
#define NX_LEX_PREFIX	0x2		/* a proper prefix of some longer entry */

#define NX_LEX_PACKED_CLASSES 22	/* class bits of a packed lexicon slot */

typedef struct NxLexicon
{
	const NxLexSlot *slot;		/* 16-byte slots, or NULL */
	const uint64_t *packed;		/* packed slots, or NULL (both NULL: no lexicon) */
	uint32_t	log2;
	uint32_t	maxlen;			/* tokens in the longest entry */
	uint32_t	nclasses;
	char		class_name[NX_LEX_MAX_CLASSES][NX_LEX_CLASS_LEN];
	/*
	 * Groups of classes the entity tagger reads, found by name once when
	 * the lexicon is parsed (bit c: class c): titles ("title"), the
	 * classes whose words beside a capitalised word tell what it names
	 * (NX_LEX_CONTEXT_CLASSES), names seen in training ("train-*"), and
	 * (for the passes after tagging, without comparing names every call)
	 * places, named events and organisations.
	 */
	uint32_t	title_classes;
	uint32_t	context_classes;
	uint32_t	seen_classes;
	/* and the classes the entities' passes read: places, named events, organisations */
	uint32_t	place_classes;	/* NX_LEX_PLACE_CLASSES */
	uint32_t	event_classes;	/* "misc-event" */
	uint32_t	org_classes;	/* NX_LEX_ORG_CLASSES */
	/*
	 * The bit of each word class of the quotation pipeline (NX_W_* of
	 * nx_wordlist.h) in this lexicon, 0 where it has none: found by name
	 * once, when the lexicon is parsed (nx_words_class_bits), not on every
	 * document.
	 */
	uint32_t	word_bits[NX_LEX_MAX_WORD_CLASSES];
} NxLexicon;

#define NX_LEX_CONTEXT_CLASSES	{"per-first", "per-last", "title", "org-suffix"}
#define NX_LEX_NCONTEXT			4
#define NX_LEX_PLACE_CLASSES	{"loc-country", "loc-region", "loc-city", "loc-geo"}
#define NX_LEX_NPLACE			4
#define NX_LEX_ORG_CLASSES		{"org", "org-media"}
#define NX_LEX_NORG				2

/* A word-cluster slot: a word's key and its bit string. */
typedef struct NxClusterSlot
{
	uint64_t	key;			/* 0 = empty */
	uint32_t	bits;			/* the path, first bit in the highest used bit */
	uint32_t	len;			/* number of bits (<= 32) */
} NxClusterSlot;

/*
 * The first p bits of a cluster path of len bits (len 0: no cluster), with
 * their number, as one feature value.
 */
static inline uint64_t
nx_cluster_prefix(uint32_t bits, uint32_t len, int p)
{
	if (len == 0)
		return 0;
	if (len <= (uint32_t) p)
		return ((uint64_t) len << 32) | bits;
	return ((uint64_t) p << 32) | (bits >> (len - p));
}

/*
 * Features of the first p[0], p[1] ... p[n - 1] bits of a cluster path
 * (nx_cluster_prefix), of templates t, t + 1 ... t + n - 1, into out;
 * returns n.  The Ratinov and Roth cluster features of both taggers.
 */
static inline size_t
nx_cluster_feats(uint32_t *out, uint32_t t, uint32_t bits, uint32_t len,
				 const int *p, size_t n)
{
	for (size_t j = 0; j < n; j++)
		out[j] = nx_feat(t + (uint32_t) j, nx_cluster_prefix(bits, len, p[j]));
	return n;
}

typedef struct NxClusters
{
	const NxClusterSlot *slot;	/* NULL: no clusters (or packed) */
	const uint64_t *packed;		/* the packed layout's slots, or NULL */
	uint32_t	log2;
	uint32_t	n;
} NxClusters;

#define NX_PACKED_PATH_MAX	19	/* path bits a packed cluster slot holds */
#define NX_PACKED_MAX_PROBE 256 /* builders guarantee shorter probe runs */

typedef struct NxModel
{
	char		name[NX_MODEL_NAME_LEN + 1];
	char		task[16];		/* "ner", ... */
	uint32_t	version;
	uint32_t	featset;		/* feature templates the weights were trained with */
	uint32_t	flags;
	uint32_t	nstages;
	float		calib;			/* INFO's calib (0: none); the stages' NxTagger.calib */
	NxLabelSet	labels;
	NxTagger	stage[NX_MODEL_MAX_STAGES];
	NxLexicon	lex;
	NxClusters	clusters;
	NxClusters	vclusters;		/* the VECCLUST section (slot NULL: none) */
	const void *vclustsec;		/* its bytes, for a trainer writing it */
	size_t		vclustseclen;
	const char *meta;			/* not NUL-terminated */
	size_t		metalen;
	const void *speakers;		/* the SPEAKERS section, or NULL */
	size_t		speakerslen;
	NxLexicon	names;			/* the NAMES section (slot NULL: none) */
	const void *namessec;		/* its bytes, for a trainer writing it again */
	size_t		namesseclen;
	uint64_t	checksum;		/* of the file (its header's) */
	char		shared_name[NX_MODEL_NAME_LEN + 1];	/* the SHARED section: "" if none */
	uint64_t	shared_checksum;
	int			shared_attached;	/* nx_model_attach has given it the file */
	struct NxNerCache *ner_cache;	/* token analyses kept across documents
									 * (nx_ner_cache_init), or NULL; set by
									 * the model's user, never by the file */
	struct NxAttribCache *attrib_cache;	/* the same for an attribution model
										 * (nx_attrib_cache_init) */
} NxModel;

/*
 * Validate buf[0..len) as a model and fill *out with pointers into it.
 * buf must stay mapped while *out is used and be 8-byte aligned.  On
 * failure returns NX_EBADMODEL with a message in errbuf.
 */
extern NxStatus nx_model_open(const void *buf, size_t len, NxModel *out,
							  char *errbuf, size_t errlen);

/*
 * Give a model with a SHARED section its shared resources file (opened by
 * nx_model_open, and mapped as long as m is used): checks that it is a
 * shared file of the name and checksum the model was built with and takes
 * its sections.  NX_EBADMODEL with a message otherwise.
 */
extern NxStatus nx_model_attach(NxModel *m, const NxModel *shared,
								char *errbuf, size_t errlen);

/*
 * The path of the shared resources file a model file names: beside it,
 * NAME.model, into out (outlen bytes); 0 if it does not fit.
 */
extern int	nx_model_shared_path(const char *model_path, const NxModel *m,
								 char *out, size_t outlen);

/*
 * NX_OK if m can be used: it needs no shared file or has been given it.
 * The taggers' model checks call it.
 */
extern NxStatus nx_model_ready(const NxModel *m, char *errbuf, size_t errlen);

/*
 * Slot keys.  A lexicon key chains the hashes of an entry's case-folded
 * tokens (nx_key_add per token, from NX_FNV_OFFSET, each token hashed
 * with nx_fnv1a64 after nx_fold); a cluster key is the FNV-1a 64 of
 * one word.  nx_key_final makes the stored value from either.
 */
static inline uint64_t
nx_key_add(uint64_t h, uint64_t token_hash)
{
	return nx_hash2(h, token_hash);
}

static inline uint64_t
nx_key_final(uint64_t h)
{
	uint64_t	k = nx_mix64(h);

	return k ? k : 1;
}

/* The checksum of a model file's bytes after its header (see nx_model.c). */
extern uint64_t nx_model_checksum(const void *p, size_t n);

/* Is there a lexicon (a section was read)? */
static inline int
nx_lex_present(const NxLexicon *lex)
{
	return lex->slot != NULL || lex->packed != NULL;
}

/*
 * Look up a lexicon key: its slot, or NULL.  A packed lexicon's slot is
 * decoded into *buf, and buf returned.
 */
extern const NxLexSlot *nx_lex_find(const NxLexicon *lex, uint64_t key, NxLexSlot *buf);
extern const NxClusterSlot *nx_clusters_find(const NxClusters *cl, uint64_t key);

/* Look up a cluster key in either layout: 1 and its path, or 0. */
/* Ask the CPU for a cluster key's first slot ahead of nx_clusters_lookup (cl may be NULL). */
extern void nx_clusters_prefetch(const NxClusters *cl, uint64_t key);

extern int	nx_clusters_lookup(const NxClusters *cl, uint64_t key, uint32_t *bits,
							   uint32_t *len);

/* ---- building (training tools, tests) ---- */

/* Sizes of section headers, for callers laying out sections. */
#define NX_WEIGHTS_HDR	32
#define NX_INFO_SIZE	48
#define NX_MAX_CALIB	1000.0f	/* INFO's calib, at most */

/* A section to write. */
typedef struct NxModelSection
{
	char		tag[8];
	const void *data;
	size_t		size;
} NxModelSection;

/* Point s at a section: tag (at most 8 characters, NUL-padded), data, size. */
extern void nx_section(NxModelSection *s, const char *tag, const void *data, size_t size);

/* Fill a SHARED section naming a shared resources file: its name and checksum. */
extern void nx_shared_ref_build(unsigned char out[NX_SHARED_SIZE], const char *name,
								uint64_t checksum);

/* Fill an INFO section: feature-set id, number of stages, task name. */
extern void nx_info_build(unsigned char out[NX_INFO_SIZE], uint32_t featset,
						  uint32_t nstages, const char *task);

/* Set an INFO section's calib (NxTagger.calib; 0: none). */
extern void nx_info_set_calib(unsigned char out[NX_INFO_SIZE], float calib);

/* Build a LABELS section from a label set. */
extern NxStatus nx_labels_build(const NxLabelSet *ls, void **out, size_t *outlen,
								const NxAlloc *a);

/* Build a WEIGHTS0 / WEIGHTS1 section of int16 rows from a stage's weights. */
extern NxStatus nx_weights_build(const NxTagger *t, void **out, size_t *outlen,
								 const NxAlloc *a);

/*
 * The WEIGHTS0 and WEIGHTS1 sections of two stages paired (nx_tagger.h;
 * the entity model); NX_EINVAL when they cannot be (build them apart).
 */
extern NxStatus nx_weights_build_pair(const NxTagger *t1, const NxTagger *t2,
									  void **out0, size_t *len0, void **out1,
									  size_t *len1, const NxAlloc *a);

/* The same of int8 rows (at most NX_INT8_MAX_LABELS labels: the quotation model). */
extern NxStatus nx_weights_build_int8(const NxTagger *t, void **out, size_t *outlen,
									  const NxAlloc *a);

/* Lay out a model file into a new buffer from a (size in *outlen). */
extern NxStatus nx_model_write(const char *name, const NxModelSection *sec,
							   size_t nsec, void **out, size_t *outlen,
							   const NxAlloc *a);

/*
 * Build a LEXICON section from slots (duplicates merged by OR).  The
 * caller adds prefix slots (NX_LEX_PREFIX) for multi-token entries.
 */
extern NxStatus nx_lexicon_build(const NxLexSlot *in, size_t n, uint32_t maxlen,
								 const char *const *class_names, size_t nclasses,
								 void **out, size_t *outlen, const NxAlloc *a);

/*
 * Build a CLUSTERS section (first of duplicate keys wins), in the packed
 * layout when packed is set (paths of NX_PACKED_PATH_MAX bits at most,
 * else NX_EINVAL): half the bytes a slot, and the table filled to four
 * fifths, not half.
 */
extern NxStatus nx_clusters_build(const NxClusterSlot *in, size_t n, int packed,
								  void **out, size_t *outlen, const NxAlloc *a);

/*
 * Build a CLUSTERS section from Brown clusters as text, one word a line:
 * "bits<TAB>word[<TAB>count]" (Liang's wcluster output).
 */
extern NxStatus nx_clusters_from_text(const char *text, size_t len, int packed, void **out,
									  size_t *outlen, size_t *nwords, const NxAlloc *a);

/* Parse a built LEXICON / CLUSTERS section (for use before writing). */
extern NxStatus nx_lexicon_parse(const void *p, size_t size, NxLexicon *lex,
								 char *errbuf, size_t errlen);
extern NxStatus nx_clusters_parse(const void *p, size_t size, NxClusters *cl,
								  char *errbuf, size_t errlen);

#endif							/* NX_MODEL_H */
