/*
 * newsx_entities.c
 *	  SQL function extract_entities(body [, model]): named entities from
 *	  the NER model as rows.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "newsx.h"
#include "nx_ner.h"

PG_FUNCTION_INFO_V1(newsx_extract_entities);

#define ENTITIES_COLS 8

/* Reader's name of a model type (PER -> PERSON). */
static const char *
type_name(const NxModel *m, uint32_t type)
{
	const char *t = nx_ner_type_name(m, type);

	return strcmp(t, "PER") == 0 ? "PERSON" : t;
}

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
	NxEntity   *ents;
	size_t		n;
	MemoryContext work,
				old;

	InitMaterializedSRF(fcinfo, 0);
	m = newsx_model("ner", PG_NARGS() > 1 ? PG_GETARG_TEXT_PP(1) : cstring_to_text("en"));
	body = newsx_text_in(PG_GETARG_TEXT_PP(0));

	work = AllocSetContextCreate(CurrentMemoryContext, "newsx entities",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	newsx_alloc_init(&a);
	newsx_doc_parse(&doc, body, &a);
	newsx_check_status(nx_ner_tag(m, &doc, &ents, &n, &a), "entity tagger");
	MemoryContextSwitchTo(old);

	for (size_t k = 0; k < n; k++)
	{
		const NxEntity *e = &ents[k];
		const NxToken *first = &doc.tok[e->tok];
		const NxToken *last = &doc.tok[e->tok + e->ntok - 1];
		Datum		values[ENTITIES_COLS];
		bool		nulls[ENTITIES_COLS] = {0};
		int			i = 0;

		CHECK_FOR_INTERRUPTS();
		values[i++] = PointerGetDatum(newsx_text_out(body.data + first->b,
													 last->b + last->blen - first->b));
		values[i++] = CStringGetTextDatum(type_name(m, e->type));
		values[i++] = Int32GetDatum(newsx_pos(e->c));
		values[i++] = Int32GetDatum((int32) e->clen);
		nulls[i++] = true;		/* canonical: not computed yet */
		nulls[i++] = true;		/* key: not computed yet */
		values[i++] = Int32GetDatum((int32) first->sentence + 1);
		values[i++] = Float4GetDatum(e->conf);
		Assert(i == ENTITIES_COLS);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	return (Datum) 0;
}
