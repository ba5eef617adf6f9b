/*
 * fuzz_entities.c
 *	  libFuzzer target of entity extraction with the shipped model
 *	  (data/ner-en.model, or $NEWSX_MODEL), loaded once: any bytes through
 *	  nx_doc_parse, nx_ner_tag and nx_entities_extract, then the
 *	  invariants of their results (spans inside one sentence and the text,
 *	  character offsets matching the tokens, known types, confidences in
 *	  0..1, canonical forms and keys as terminated strings).  The same
 *	  model with a small cache of token analyses (nx_ner.h), kept across
 *	  inputs, must give the same mentions.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "nx_entities.h"
#include "nx_ner.h"

static NxModel model;
static NxModel cached;			/* model with a cache of 64 entries */

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = fuzz_model_path();
	static void *shared;
	char		err[256];

	(void) argc;
	(void) argv;
	/* the buffers stay allocated for the whole run, like a mapping */
	if (!open_model_file(path, &model, &shared, err, sizeof(err)) ||
		nx_ner_check_model(&model, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "fuzz_entities: %s: %s\n", path, err);
		exit(1);
	}
	cached = model;
	cached.ner_cache = nx_ner_cache_init(malloc(nx_ner_cache_bytes(64)), nx_ner_cache_bytes(64));
	if (!cached.ner_cache)
		exit(1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size ? size : 1);
	const NxAlloc *a = &nx_malloc_alloc;
	NxDoc		doc;
	NxEntity   *ents;
	NxEnt	   *ee;
	size_t		n;

	memcpy(text, data, size);
	FUZZ_CHECK(nx_doc_parse(&doc, text, size, a) == NX_OK);

	/* the tagger's mentions */
	FUZZ_CHECK(nx_ner_tag(&model, &doc, &ents, &n, a) == NX_OK);
	FUZZ_CHECK((n == 0) == (ents == NULL));
	for (size_t i = 0; i < n; i++)
	{
		const NxEntity *e = &ents[i];
		const NxToken *f,
				   *l;

		FUZZ_CHECK(e->ntok >= 1 && e->tok < doc.ntok && e->ntok <= doc.ntok - e->tok);
		f = &doc.tok[e->tok];
		l = &doc.tok[e->tok + e->ntok - 1];
		FUZZ_CHECK(f->sentence == l->sentence);
		FUZZ_CHECK(e->c == f->c && e->clen == nx_tok_cend(l) - f->c);
		FUZZ_CHECK(e->type < model.labels.ntypes);
		FUZZ_CHECK(nx_ner_type_name(&model, e->type)[0] != '\0');
		FUZZ_CHECK(e->conf > 0.0f && e->conf <= 1.0f);
		if (i > 0)
			FUZZ_CHECK(e->tok >= ents[i - 1].tok + ents[i - 1].ntok);
	}
	/* with the cache, whatever earlier inputs left in it */
	{
		NxEntity   *ce;
		size_t		cn;

		FUZZ_CHECK(nx_ner_tag(&cached, &doc, &ce, &cn, a) == NX_OK);
		FUZZ_CHECK(cn == n && (n == 0 || memcmp(ce, ents, n * sizeof(NxEntity)) == 0));
		nx_free(a, ce);
	}
	nx_free(a, ents);

	/* the post-processed entities */
	FUZZ_CHECK(nx_entities_extract(&model, &doc, &ee, &n, a) == NX_OK);
	FUZZ_CHECK((n == 0) == (ee == NULL));
	for (size_t i = 0; i < n; i++)
	{
		const NxEnt *e = &ee[i];
		const NxToken *f,
				   *l;

		FUZZ_CHECK(e->ntok >= 1 && e->tok < doc.ntok && e->ntok <= doc.ntok - e->tok);
		f = &doc.tok[e->tok];
		l = &doc.tok[e->tok + e->ntok - 1];
		FUZZ_CHECK(e->sentence == f->sentence && f->sentence == l->sentence);
		FUZZ_CHECK(e->c == f->c && e->clen == nx_tok_cend(l) - f->c);
		FUZZ_CHECK(e->b == f->b && e->blen == l->b + l->blen - f->b);
		FUZZ_CHECK(e->type != NULL && e->type[0] != '\0');
		FUZZ_CHECK(!isnan(e->conf) && e->conf > 0.0f && e->conf <= 1.0f);
		FUZZ_CHECK(e->canonical != NULL && e->key != NULL);
		FUZZ_CHECK(strlen(e->canonical) <= size);
		FUZZ_CHECK(strchr(e->key, ':') != NULL);
	}
	nx_free(a, ee);
	nx_doc_free(&doc);
	free(text);
	return 0;
}
