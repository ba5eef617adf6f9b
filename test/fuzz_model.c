/*
 * fuzz_model.c
 *	  libFuzzer target of the model loader: nx_model_open,
 *	  nx_ner_check_model and nx_quotes_check_model on hostile buffers.  A
 *	  model that validates must also be safe to run, so one that passes is
 *	  used on a short article (nx_ner_tag and nx_entities_extract, or
 *	  nx_quotes_extract).
 *
 * The first input byte chooses how the rest is read:
 *	 bit 0 clear: the rest is the model file itself;
 *	 bit 0 set:	  the rest patches a small model built at start-up from a
 *				  shipped model's header sections (INFO, LABELS, META, its
 *				  lexicon's class names and first entries) with tiny weight
 *				  tables: bytes 1-2 give a length to cut it to when bit 3 is
 *				  set, then every 3 bytes (offset low, offset high, value)
 *				  overwrite one byte;
 *	 bit 4:		  the template is the entity model (clear) or the
 *				  attribution model (set; its second stage in int8 rows,
 *				  its clusters those of a small shared resources file it
 *				  names in its SHARED section);
 *	 bit 5:		  the template is that shared resources file itself;
 *	 bit 1 set:	  the header's file size is set to the buffer's length;
 *	 bit 2 set:	  the header's checksum is recomputed,
 * so that mutations get past the size and checksum checks to the section
 * table and the sections themselves.  A model that validates and names a
 * shared file is given the small one (nx_model_attach) and used if that
 * succeeds; a shared file that validates has its clusters looked up.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "nx_entities.h"
#include "nx_ner.h"
#include "nx_quotes.h"
#include "nx_words.h"

#define MINI_LOG2	6			/* weight buckets of the small model */
#define MINI_LEX	48			/* lexicon entries taken from the real model */

static unsigned char *mini[3];	/* the small models: entities, quotes, shared */
static size_t minilen[3];
static NxModel minishared;		/* mini[2] opened */
static unsigned char *work;		/* a buffer of at least the largest input */
static size_t worklen;

static const char article[] =
"MOSCOW (Reuters) - President Vladimir Putin met Marco Rubio in Istanbul on "
"Thursday. “Talks went well,” Kremlin spokesman Dmitry Peskov said. The "
"U.S. State Department and Gazprom Inc. declined to comment.\n\n"
"Putin later flew to Ankara.";

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A copy of a section of a validated model, or NULL. */
static const unsigned char *
find_section(const unsigned char *b, size_t len, const char *tag, size_t *size)
{
	uint32_t	nsec;

	memcpy(&nsec, b + 12, 4);
	for (uint32_t i = 0; i < nsec && 64 + (i + 1) * 32 <= len; i++)
	{
		const unsigned char *e = b + 64 + i * 32;
		uint64_t	off,
					sz;

		if (strncmp((const char *) e, tag, 8) != 0)
			continue;
		memcpy(&off, e + 8, 8);
		memcpy(&sz, e + 16, 8);
		*size = (size_t) sz;
		return b + off;
	}
	return NULL;
}

/* Build a small model from a shipped one (which must validate). */
static void
build_mini(int k, const char *path)
{
	size_t		len,
				sz;
	unsigned char *real = read_all(path, &len);
	NxModel		m;
	char		err[256];
	NxModelSection sec[8];
	unsigned char shref[NX_SHARED_SIZE];
	int			ns = 0;
	size_t		nw,
				wlen;
	int16_t    *w;
	void	   *wsec,
			   *w1sec = NULL;
	size_t		w1len = 0;
	const unsigned char *data;
	NxTagger	stage = {0};
	NxLexSlot	lex[MINI_LEX];
	size_t		nlex = 0;
	NxDoc		doc;
	const char *cn[NX_LEX_MAX_CLASSES];
	void	   *lexsec = NULL,
			   *clsec = NULL,
			   *vcsec = NULL;
	size_t		lexlen = 0,
				cllen = 0,
				vclen = 0;
	NxClusterSlot cl[3] = {
		{nx_key_final(nx_fnv1a64("Putin", 5)), 0x2D, 6},
		{nx_key_final(nx_fnv1a64("Istanbul", 8)), 0x5, 3},
		{nx_key_final(nx_fnv1a64("said", 4)), 0x1, 1}
	};
	void	   *out;

	if (!real || nx_model_open(real, len, &m, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "fuzz_model: cannot use %s as a template\n", path);
		exit(1);
	}

	data = find_section(real, len, "INFO", &sz);
	nx_section(&sec[ns++], "INFO", data, sz);
	data = find_section(real, len, "LABELS", &sz);
	nx_section(&sec[ns++], "LABELS", data, sz);

	/* tiny weights: the real label count, pseudo-random values */
	nw = ((size_t) 1 << MINI_LOG2) * m.labels.n;
	w = calloc(nw + NX_ROW_PAD, sizeof(int16_t));
	for (size_t i = 0; i < nw; i++)
		w[i] = (int16_t) ((i * 2654435761u >> 7) % 4001) - 2000;
	stage.w = w;
	stage.log2 = MINI_LOG2;
	stage.nlabels = m.labels.n;
	stage.scale = 1000.0f;
	if (k == 0)
	{
		/*
		 * the entity model's two stages paired, as the shipped one: nine
		 * rows in ten zero in the first, and the second has a few more
		 * (rows in a fifth of the buckets at most, or they are not paired)
		 */
		NxTagger	two = stage;
		int16_t    *w2 = malloc((nw + NX_ROW_PAD) * sizeof(int16_t));

		memcpy(w2, w, (nw + NX_ROW_PAD) * sizeof(int16_t));
		for (size_t i = 0; i < nw; i++)
		{
			if ((i / m.labels.n) % 10 != 0)
				w[i] = 0;
			if ((i / m.labels.n) % 10 != 0 && (i / m.labels.n) % 20 != 5)
				w2[i] = 0;
		}
		two.w = w2;
		if (nx_weights_build_pair(&stage, &two, &wsec, &wlen, &w1sec, &w1len,
								  &nx_malloc_alloc) != NX_OK)
		{
			fprintf(stderr, "fuzz_model: cannot pair the small model's stages\n");
			exit(1);
		}
		free(w2);
		nx_section(&sec[ns++], "WEIGHTS0", wsec, wlen);
		nx_section(&sec[ns++], "WEIGHTS1", w1sec, w1len);
	}
	else if (nx_weights_build(&stage, &wsec, &wlen, &nx_malloc_alloc) != NX_OK)
		exit(1);
	else
		nx_section(&sec[ns++], "WEIGHTS0", wsec, wlen);
	/* the attribution model's second stage in int8 rows, as the shipped one */
	if (k == 1)
	{
		if (nx_weights_build_int8(&stage, &w1sec, &w1len, &nx_malloc_alloc) != NX_OK)
			exit(1);
		nx_section(&sec[ns++], "WEIGHTS1", w1sec, w1len);
	}

	/*
	 * the real lexicon's entries for the article's tokens and two-token
	 * prefixes (a packed lexicon keeps no whole keys to copy), and its
	 * class names
	 */
	if (nx_lex_present(&m.lex) && nx_doc_parse(&doc, article, sizeof(article) - 1,
											   &nx_malloc_alloc) == NX_OK)
	{
		for (size_t i = 0; i < doc.ntok && nlex < MINI_LEX; i++)
		{
			uint64_t	h = NX_FNV_OFFSET;

			for (size_t j = i; j <= i + 1 && j < doc.ntok && nlex < MINI_LEX; j++)
			{
				NxLexSlot	buf;
				const NxLexSlot *sl;

				h = nx_key_add(h, nx_words_key(article + doc.tok[j].b, doc.tok[j].blen));
				sl = nx_lex_find(&m.lex, nx_key_final(h), &buf);
				if (sl)
				{
					lex[nlex] = *sl;
					lex[nlex++].key = nx_key_final(h);
				}
			}
		}
		nx_doc_free(&doc);
		for (uint32_t c = 0; c < m.lex.nclasses; c++)
			cn[c] = m.lex.class_name[c];
		if (nx_lexicon_build(lex, nlex, m.lex.maxlen, cn, m.lex.nclasses,
							 &lexsec, &lexlen, &nx_malloc_alloc) == NX_OK)
			nx_section(&sec[ns++], "LEXICON", lexsec, lexlen);
	}
	if (nx_clusters_build(cl, 3, k == 1, &clsec, &cllen, &nx_malloc_alloc) != NX_OK)
		exit(1);
	if (k == 1)
	{
		/* a shared file of these clusters, which the model names */
		NxModelSection ssec[2];
		unsigned char sinfo[NX_INFO_SIZE];

		nx_info_build(sinfo, 0, 0, NX_SHARED_TASK);
		nx_section(&ssec[0], "INFO", sinfo, sizeof(sinfo));
		nx_section(&ssec[1], "CLUSTERS", clsec, cllen);
		if (nx_model_write("shared-mini", ssec, 2, &out, &minilen[2], &nx_malloc_alloc) != NX_OK ||
			nx_model_open(out, minilen[2], &minishared, err, sizeof(err)) != NX_OK)
		{
			fprintf(stderr, "fuzz_model: the small shared file does not validate\n");
			exit(1);
		}
		mini[2] = out;
		nx_shared_ref_build(shref, minishared.name, minishared.checksum);
		nx_section(&sec[ns++], "SHARED", shref, sizeof(shref));
	}
	else
		nx_section(&sec[ns++], "CLUSTERS", clsec, cllen);
	/* the entity model's word-vector clusters, in the packed layout */
	if (k == 0 && nx_clusters_build(cl, 3, 1, &vcsec, &vclen, &nx_malloc_alloc) == NX_OK)
		nx_section(&sec[ns++], "VECCLUST", vcsec, vclen);
	if ((data = find_section(real, len, "META", &sz)) != NULL)
		nx_section(&sec[ns++], "META", data, sz);
	if (nx_model_write(m.name, sec, (size_t) ns, &out, &minilen[k], &nx_malloc_alloc) != NX_OK ||
		nx_model_open(out, minilen[k], &m, err, sizeof(err)) != NX_OK ||
		(k == 1 && nx_model_attach(&m, &minishared, err, sizeof(err)) != NX_OK) ||
		(k == 0 ? nx_ner_check_model(&m, err, sizeof(err))
		 : nx_quotes_check_model(&m, err, sizeof(err))) != NX_OK)
	{
		fprintf(stderr, "fuzz_model: the small model made from %s does not validate\n", path);
		exit(1);
	}
	mini[k] = out;
	free(w);
	free(wsec);
	free(w1sec);
	free(lexsec);
	free(clsec);
	free(vcsec);
	free(real);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void) argc;
	(void) argv;
	build_mini(0, fuzz_model_path());
	build_mini(1, getenv("NEWSX_QUOTES_MODEL") && *getenv("NEWSX_QUOTES_MODEL") ?
			   getenv("NEWSX_QUOTES_MODEL") : "data/quotes-en.model");
	return 0;
}

/* Is [p, p + n) inside [b, b + len)? */
static int
inside(const void *p, size_t n, const unsigned char *b, size_t len)
{
	const unsigned char *q = p;

	return q >= b && q <= b + len && n <= (size_t) (b + len - q);
}

/* Use a model that validated: every pointer inside the buffer, tagging works. */
static void
use_model(const NxModel *m, const unsigned char *b, size_t len)
{
	/* clusters: the model's own, or those of the shared file it was given */
	const unsigned char *cb = m->shared_name[0] ? mini[2] : b;
	size_t		clen = m->shared_name[0] ? minilen[2] : len;
	char		err[256];
	NxDoc		doc;
	NxEntity   *ents;
	NxEnt	   *ee;
	NxQuote    *q;
	size_t		n;

	if (strcmp(m->task, NX_SHARED_TASK) == 0)
	{
		/* a shared resources file: no tagger, clusters inside it */
		FUZZ_CHECK(m->nstages == 0 && m->shared_name[0] == '\0');
		if (m->clusters.slot)
			FUZZ_CHECK(inside(m->clusters.slot, ((size_t) 1 << m->clusters.log2) * sizeof(NxClusterSlot), b, len));
		if (m->clusters.packed)
			FUZZ_CHECK(inside(m->clusters.packed, ((size_t) 1 << m->clusters.log2) * sizeof(uint64_t), b, len));
		(void) nx_clusters_find(&m->clusters, nx_key_final(nx_fnv1a64("Putin", 5)));
		FUZZ_CHECK(nx_ner_check_model(m, err, sizeof(err)) == NX_EBADMODEL);
		FUZZ_CHECK(nx_quotes_check_model(m, err, sizeof(err)) == NX_EBADMODEL);
		return;
	}
	FUZZ_CHECK(m->labels.n >= 1 && m->labels.n <= NX_MAX_LABELS);
	FUZZ_CHECK(m->nstages >= 1 && m->nstages <= NX_MODEL_MAX_STAGES);
	for (uint32_t k = 0; k < m->nstages; k++)
	{
		const NxTagger *t = &m->stage[k];

		FUZZ_CHECK(t->nlabels == m->labels.n);
		if (t->w8)				/* int8 rows: every row, its shift in bounds */
		{
			FUZZ_CHECK(!t->w && !t->index && t->nlabels <= NX_INT8_MAX_LABELS &&
					   inside(t->w8, ((size_t) 1 << t->log2) * NX_INT8_ROW, b, len));
			for (size_t i = 0; i < ((size_t) 1 << t->log2); i++)
				FUZZ_CHECK((uint8_t) t->w8[i * NX_INT8_ROW + NX_INT8_ROW - 1] <= NX_INT8_MAX_SHIFT);
		}
		else if (t->w)			/* a dense stage: every row, no index */
			FUZZ_CHECK(!t->index && inside(t->w, (((size_t) 1 << t->log2) * t->nlabels + NX_ROW_PAD) * 2, b, len));
		else
		{
			FUZZ_CHECK(inside(t->index, ((size_t) 1 << t->log2) / 64 * sizeof(NxWeightIndex), b, len));
			/* rows of stride int16, of which a paired first stage reads both halves */
			if (t->nrows > 0)
				FUZZ_CHECK(inside(t->rows, ((size_t) (t->nrows - 1) * t->stride +
											(t->pair ? 2 : 1) * t->nlabels + NX_ROW_PAD) * 2, b, len));
		}
		/* every bucket's row, where there is one, lies inside the file */
		for (uint32_t f = 0; f < (UINT32_C(1) << t->log2); f++)
		{
			const int16_t *row = nx_tagger_row(t, f);

			FUZZ_CHECK(!row || inside(row, (t->pair ? 2 : 1) * t->nlabels * 2, b, len));
		}
	}
	if (m->lex.slot)
		FUZZ_CHECK(inside(m->lex.slot, ((size_t) 1 << m->lex.log2) * sizeof(NxLexSlot), b, len));
	if (m->lex.packed)
		FUZZ_CHECK(inside(m->lex.packed, ((size_t) 1 << m->lex.log2) * sizeof(uint64_t), b, len));
	if (m->names.packed)
		FUZZ_CHECK(inside(m->names.packed, ((size_t) 1 << m->names.log2) * sizeof(uint64_t), b, len));
	if (m->clusters.slot)
		FUZZ_CHECK(inside(m->clusters.slot, ((size_t) 1 << m->clusters.log2) * sizeof(NxClusterSlot), cb, clen));
	if (m->clusters.packed)
		FUZZ_CHECK(inside(m->clusters.packed, ((size_t) 1 << m->clusters.log2) * sizeof(uint64_t), cb, clen));
	if (m->vclusters.packed)
		FUZZ_CHECK(inside(m->vclusters.packed, ((size_t) 1 << m->vclusters.log2) * sizeof(uint64_t), b, len));
	if (m->meta)
		FUZZ_CHECK(inside(m->meta, m->metalen, b, len));
	FUZZ_CHECK(memchr(m->name, '\0', sizeof(m->name)) != NULL);
	FUZZ_CHECK(memchr(m->task, '\0', sizeof(m->task)) != NULL);
	{
		NxLexSlot	buf;

		(void) nx_lex_find(&m->lex, nx_key_final(nx_key_add(NX_FNV_OFFSET, nx_fnv1a64("paris", 5))), &buf);
		(void) nx_lex_find(&m->names, nx_key_final(nx_key_add(NX_FNV_OFFSET, nx_fnv1a64("paris", 5))), &buf);
	}
	(void) nx_clusters_find(&m->clusters, nx_key_final(nx_fnv1a64("Putin", 5)));
	{
		uint32_t	bits,
					nb;

		(void) nx_clusters_lookup(&m->vclusters, nx_key_final(nx_fnv1a64("Putin", 5)), &bits, &nb);
	}

	FUZZ_CHECK(nx_doc_parse(&doc, article, sizeof(article) - 1, &nx_malloc_alloc) == NX_OK);
	if (nx_quotes_check_model(m, err, sizeof(err)) == NX_OK)
	{
		FUZZ_CHECK(nx_quotes_extract(m, &doc, &q, &n, &nx_malloc_alloc) == NX_OK);
		for (size_t i = 0; i < n; i++)
			FUZZ_CHECK(q[i].content.ntok >= 1 && q[i].kind < NX_QK__COUNT);
		nx_free(&nx_malloc_alloc, q);
	}
	if (nx_ner_check_model(m, err, sizeof(err)) != NX_OK)
	{
		nx_doc_free(&doc);
		return;
	}
	FUZZ_CHECK(nx_ner_tag(m, &doc, &ents, &n, &nx_malloc_alloc) == NX_OK);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(ents[i].type < m->labels.ntypes && ents[i].ntok >= 1);
	nx_free(&nx_malloc_alloc, ents);
	FUZZ_CHECK(nx_entities_extract(m, &doc, &ee, &n, &nx_malloc_alloc) == NX_OK);
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(ee[i].type != NULL && ee[i].canonical != NULL && ee[i].key != NULL);
	nx_free(&nx_malloc_alloc, ee);
	nx_doc_free(&doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char flags;
	size_t		len;
	unsigned char *b;
	NxModel		m;
	char		err[256];
	NxStatus	st;

	if (size < 1)
		return 0;
	flags = data[0];
	data++;
	size--;
	if (worklen < size + minilen[0] + minilen[1] + minilen[2] + 64)
	{
		free(work);
		worklen = size + minilen[0] + minilen[1] + minilen[2] + 64;
		if (posix_memalign((void **) &work, 64, worklen) != 0)
			abort();
	}
	b = work;
	if (flags & 1)
	{
		size_t		p = 0;
		int			k = (flags & 32) ? 2 : (flags & 16) ? 1 : 0;

		len = minilen[k];
		memcpy(b, mini[k], len);
		if ((flags & 8) && size >= 2)
		{
			len = (data[0] | (size_t) data[1] << 8) % (minilen[k] + 1);
			p = 2;
		}
		for (; p + 3 <= size; p += 3)
		{
			size_t		off = data[p] | (size_t) data[p + 1] << 8;

			if (off < len)
				b[off] = data[p + 2];
		}
	}
	else
	{
		len = size;
		memcpy(b, data, size);
	}
	if ((flags & 2) && len >= 24)
	{
		uint64_t	v = len;

		memcpy(b + 16, &v, 8);
	}
	if ((flags & 4) && len >= 64)
	{
		uint64_t	v = nx_model_checksum(b + 64, len - 64);

		memcpy(b + 24, &v, 8);
	}

	/* a copy of exactly len bytes, so any read past the end is caught */
	{
		unsigned char *c = NULL;

		if (posix_memalign((void **) &c, 64, len ? len : 1) != 0)
			abort();
		memcpy(c, b, len);
		err[0] = '\0';
		st = nx_model_open(c, len, &m, err, sizeof(err));
		FUZZ_CHECK(st == NX_OK || st == NX_EBADMODEL);
		FUZZ_CHECK(st == NX_OK || err[0] != '\0');
		FUZZ_CHECK(memchr(err, '\0', sizeof(err)) != NULL);
		if (st == NX_OK && m.shared_name[0])
		{
			/* it names a shared file: given the small one, used if it is the one */
			st = nx_model_attach(&m, &minishared, err, sizeof(err));
			FUZZ_CHECK(st == NX_OK || err[0] != '\0');
			if (st != NX_OK)
				FUZZ_CHECK(nx_ner_check_model(&m, err, sizeof(err)) == NX_EBADMODEL &&
						   nx_quotes_check_model(&m, err, sizeof(err)) == NX_EBADMODEL);
		}
		if (st == NX_OK)
			use_model(&m, c, len);
		free(c);
	}
	return 0;
}
