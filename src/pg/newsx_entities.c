/*
 * newsx_entities.c
 *	  SQL function extract_entities(body [, model]): the entities of
 *	  nx_entities_extract (tagged, trimmed, linked to a canonical name) as rows.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "newsx.h"
#include "nx_entities.h"

PG_FUNCTION_INFO_V1(newsx_extract_entities);

#define ENTITIES_COLS 8

/*
 * extract_entities(body text, model text DEFAULT 'en')
 *	 -> entity, type, pos, len, canonical, key, sentence, confidence
 */
Datum
newsx_extract_entities(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const NxModel *m;
	NewsxText	body;
	NxAlloc		a;
	NxDoc		doc;
	NxEnt	   *ents;
	size_t		n;
	MemoryContext work,
				old;

	newsx_init_srf(fcinfo);
	m = newsx_model("ner", PG_NARGS() > 1 ? PG_GETARG_TEXT_PP(1) : cstring_to_text("en"));
	body = newsx_text_in(PG_GETARG_TEXT_PP(0));

	work = AllocSetContextCreate(CurrentMemoryContext, "newsx entities",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	newsx_alloc_init(&a);
	newsx_doc_parse(&doc, body, &a);
	newsx_check_status(nx_entities_extract(m, &doc, &ents, &n, &a), "entity tagger");
	MemoryContextSwitchTo(old);

	for (size_t k = 0; k < n; k++)
	{
		const NxEnt *e = &ents[k];
		Datum		values[ENTITIES_COLS];
		bool		nulls[ENTITIES_COLS] = {0};
		int			i = 0;

		CHECK_FOR_INTERRUPTS();
		values[i++] = PointerGetDatum(newsx_text_out(body.data + e->b, e->blen));
		values[i++] = CStringGetTextDatum(e->type);
		values[i++] = Int32GetDatum(newsx_pos(e->c));
		values[i++] = Int32GetDatum((int32) e->clen);
		values[i++] = PointerGetDatum(newsx_text_out(e->canonical, strlen(e->canonical)));
		values[i++] = PointerGetDatum(newsx_text_out(e->key, strlen(e->key)));
		values[i++] = Int32GetDatum((int32) e->sentence + 1);
		values[i++] = Float4GetDatum(e->conf);
		Assert(i == ENTITIES_COLS);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	return (Datum) 0;
}
