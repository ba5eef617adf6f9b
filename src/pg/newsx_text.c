/*
 * newsx_text.c
 *	  SQL functions over the text core: sentences(body) and tokens(body).
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "newsx.h"

PG_FUNCTION_INFO_V1(newsx_sentences);
PG_FUNCTION_INFO_V1(newsx_tokens);

#define SENTENCES_COLS 5
#define TOKENS_COLS 6

/*
 * sentences(body text) -> n, paragraph, pos, len, sentence
 */
Datum
newsx_sentences(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	NewsxText	body;
	NxAlloc		a;
	NxDoc		doc;
	MemoryContext work,
				old;

	newsx_init_srf(fcinfo);
	body = newsx_text_in(PG_GETARG_TEXT_PP(0));

	work = AllocSetContextCreate(CurrentMemoryContext, "newsx sentences",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	newsx_alloc_init(&a);
	newsx_doc_parse(&doc, body, &a);
	MemoryContextSwitchTo(old);

	for (size_t s = 0; s < doc.nsent; s++)
	{
		const NxSentence *se = &doc.sent[s];
		const NxToken *first = &doc.tok[se->tok];
		const NxToken *last = &doc.tok[se->tok + se->ntok - 1];
		Datum		values[SENTENCES_COLS];
		bool		nulls[SENTENCES_COLS] = {0};
		int			i = 0;

		CHECK_FOR_INTERRUPTS();
		values[i++] = Int32GetDatum((int32) s + 1);
		values[i++] = Int32GetDatum((int32) se->paragraph + 1);
		values[i++] = Int32GetDatum(newsx_pos(first->c));
		values[i++] = Int32GetDatum((int32) (nx_tok_cend(last) - first->c));
		values[i++] = PointerGetDatum(newsx_text_out(body.data + first->b,
													 last->b + last->blen - first->b));
		Assert(i == SENTENCES_COLS);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	return (Datum) 0;
}

/*
 * tokens(body text) -> n, sentence, pos, len, token, kind
 */
Datum
newsx_tokens(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	NewsxText	body;
	NxAlloc		a;
	NxDoc		doc;
	MemoryContext work,
				old;
	Datum		kinds[NX_TOK__COUNT];

	newsx_init_srf(fcinfo);
	body = newsx_text_in(PG_GETARG_TEXT_PP(0));
	for (int k = 0; k < NX_TOK__COUNT; k++)
		kinds[k] = CStringGetTextDatum(nx_tok_kind_name((NxTokKind) k));

	work = AllocSetContextCreate(CurrentMemoryContext, "newsx tokens",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	newsx_alloc_init(&a);
	newsx_doc_parse(&doc, body, &a);
	MemoryContextSwitchTo(old);

	for (size_t t = 0; t < doc.ntok; t++)
	{
		const NxToken *tk = &doc.tok[t];
		Datum		values[TOKENS_COLS];
		bool		nulls[TOKENS_COLS] = {0};
		text	   *word;
		int			i = 0;

		if ((t & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		word = newsx_text_out(body.data + tk->b, tk->blen);
		values[i++] = Int32GetDatum((int32) t + 1);
		values[i++] = Int32GetDatum((int32) tk->sentence + 1);
		values[i++] = Int32GetDatum(newsx_pos(tk->c));
		values[i++] = Int32GetDatum((int32) tk->clen);
		values[i++] = PointerGetDatum(word);
		values[i++] = kinds[tk->kind < NX_TOK__COUNT ? tk->kind : NX_TOK_OTHER];
		Assert(i == TOKENS_COLS);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		pfree(word);
	}
	MemoryContextDelete(work);
	return (Datum) 0;
}
