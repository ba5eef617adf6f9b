/*
 * fuzz_quotes.c
 *	  libFuzzer target of quotations with the shipped attribution model
 *	  (data/quotes-en.model, or $NEWSX_QUOTES_MODEL), loaded once: any bytes
 *	  through nx_doc_parse, nx_quote_spans and nx_quotes_extract, then the
 *	  invariants of their results (mark spans in order and inside the
 *	  document; every quotation span inside the document with character
 *	  and byte offsets matching its tokens; known kinds), and the same
 *	  quotations again with a small cache of token analyses kept across
 *	  inputs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "nx_attrib.h"
#include "nx_quotes.h"

static NxModel model;
static NxModel cached;			/* model with a cache of 64 entries */

int			LLVMFuzzerInitialize(int *argc, char ***argv);
int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *path = getenv("NEWSX_QUOTES_MODEL");
	static void *shared;
	char		err[256];

	(void) argc;
	(void) argv;
	if (!path || !*path)
		path = "data/quotes-en.model";
	/* the buffers stay allocated for the whole run, like a mapping */
	if (!open_model_file(path, &model, &shared, err, sizeof(err)) ||
		nx_quotes_check_model(&model, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "fuzz_quotes: %s: %s\n", path, err);
		exit(1);
	}
	cached = model;
	cached.attrib_cache = nx_attrib_cache_init(malloc(nx_attrib_cache_bytes(64)),
											   nx_attrib_cache_bytes(64));
	if (!cached.attrib_cache)
		exit(1);
	return 0;
}

/* A span of a quotation: absent, or tokens of the document with matching offsets. */
static void
check_span(const NxDoc *doc, const NxSpan *s)
{
	const NxToken *f,
			   *l;

	if (s->ntok == 0)
		return;
	FUZZ_CHECK(s->tok < doc->ntok && s->ntok <= doc->ntok - s->tok);
	f = &doc->tok[s->tok];
	l = &doc->tok[s->tok + s->ntok - 1];
	FUZZ_CHECK(s->c == f->c && s->clen == nx_tok_cend(l) - f->c);
	FUZZ_CHECK(s->b == f->b && s->blen == l->b + l->blen - f->b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size ? size : 1);
	const NxAlloc *a = &nx_malloc_alloc;
	NxDoc		doc;
	NxQuoteSpan *sp;
	NxQuote    *q;
	size_t		n;

	memcpy(text, data, size);
	FUZZ_CHECK(nx_doc_parse(&doc, text, size, a) == NX_OK);

	/* quotation-mark spans */
	FUZZ_CHECK(nx_quote_spans(&doc, &sp, &n, a) == NX_OK);
	FUZZ_CHECK((n == 0) == (sp == NULL));
	for (size_t i = 0; i < n; i++)
	{
		FUZZ_CHECK(sp[i].open <= sp[i].close && sp[i].close < doc.ntok);
		if (i > 0)
			FUZZ_CHECK(sp[i].open >= sp[i - 1].open);
	}
	nx_free(a, sp);

	/* quotations */
	FUZZ_CHECK(nx_quotes_extract(&model, &doc, &q, &n, a) == NX_OK);
	FUZZ_CHECK((n == 0) == (q == NULL));
	for (size_t i = 0; i < n; i++)
	{
		FUZZ_CHECK(q[i].content.ntok >= 1);
		check_span(&doc, &q[i].content);
		check_span(&doc, &q[i].text);
		check_span(&doc, &q[i].cue);
		check_span(&doc, &q[i].mention);
		check_span(&doc, &q[i].speaker);
		/* the bytes a speaker's name leaves out lie inside its span */
		FUZZ_CHECK(q[i].speaker_skip_blen == 0 ||
				   (q[i].speaker.ntok && q[i].speaker_skip_b >= q[i].speaker.b &&
					q[i].speaker_skip_b + q[i].speaker_skip_blen <= q[i].speaker.b + q[i].speaker.blen));
		if (q[i].speaker.ntok)
		{
			char	   *buf = malloc(q[i].speaker.blen + 1);
			size_t		n;

			FUZZ_CHECK(buf != NULL);
			FUZZ_CHECK(nx_quote_speaker_name(doc.text, &q[i], buf, &n) != NULL);
			FUZZ_CHECK(n == q[i].speaker.blen - q[i].speaker_skip_blen);
			free(buf);
		}
		FUZZ_CHECK(q[i].kind < NX_QK__COUNT);
		FUZZ_CHECK(nx_quote_kind_name((NxQuoteKind) q[i].kind) != NULL);
		FUZZ_CHECK(q[i].sentence < doc.nsent);
		FUZZ_CHECK(q[i].paragraph < doc.npara);
	}
	/* the same with token analyses taken from earlier inputs */
	{
		NxQuote    *cq;
		size_t		cn;

		FUZZ_CHECK(nx_quotes_extract(&cached, &doc, &cq, &cn, a) == NX_OK);
		FUZZ_CHECK(cn == n && same_quotes(cq, q, n));
		nx_free(a, cq);
	}
	nx_free(a, q);
	nx_doc_free(&doc);
	free(text);
	return 0;
}
