/*
 * newsx_article.c
 *	  SQL functions over article structure (src/core/nx_article.c):
 *	  article_meta(body), one row of header fields, headline, byline and
 *	  dateline; updates(body), the live-blog update markers as rows.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "newsx.h"
#include "nx_article.h"

PG_FUNCTION_INFO_V1(newsx_article_meta);
PG_FUNCTION_INFO_V1(newsx_updates);

#define ARTICLE_META_COLS 9
#define UPDATES_COLS 7

/* The text of a range as a datum; *isnull when absent. */
static Datum
range_text(const NxDoc *doc, NxRange r, bool *isnull)
{
	*isnull = r.ntok == 0;
	if (*isnull)
		return (Datum) 0;
	return PointerGetDatum(newsx_text_out(doc->text + nx_range_b(doc, r),
										  nx_range_blen(doc, r)));
}

/* The value of the first header field named by one of keys, or NULL. */
static const NxHeaderField *
header_field(const NxDoc *doc, const NxArticleMeta *m, const char *const *keys)
{
	for (; *keys; keys++)
		for (size_t f = 0; f < m->nheader; f++)
			if (m->header[f].value.ntok &&
				nx_article_key_is(doc, m->header[f].key, *keys))
				return &m->header[f];
	return NULL;
}

/* The header as a jsonb object: lower-case key -> value (null if empty). */
static Datum
header_jsonb(const NxDoc *doc, const NxArticleMeta *m)
{
	JsonbParseState *st = NULL;
	JsonbValue *res;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	for (size_t f = 0; f < m->nheader; f++)
	{
		const NxHeaderField *h = &m->header[f];
		JsonbValue	k,
					v;
		char	   *key;
		size_t		klen = nx_range_blen(doc, h->key);

		/* header keys are ASCII words (nx_text_sentences.c's list) */
		key = pnstrdup(doc->text + nx_range_b(doc, h->key), klen);
		for (size_t c = 0; c < klen; c++)
			if (key[c] >= 'A' && key[c] <= 'Z')
				key[c] = (char) (key[c] - 'A' + 'a');
		k.type = jbvString;
		k.val.string.val = key;
		k.val.string.len = (int) klen;
		pushJsonbValue(&st, WJB_KEY, &k);
		if (h->value.ntok)
		{
			text	   *t = newsx_text_out(doc->text + nx_range_b(doc, h->value),
										   nx_range_blen(doc, h->value));

			v.type = jbvString;
			v.val.string.val = VARDATA_ANY(t);
			v.val.string.len = (int) VARSIZE_ANY_EXHDR(t);
		}
		else
			v.type = jbvNull;
		pushJsonbValue(&st, WJB_VALUE, &v);
	}
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	return JsonbPGetDatum(JsonbValueToJsonb(res));
}

/*
 * article_meta(body text)
 *	 -> headline, dateline, place, agency, byline, author, date, header, lead_pos
 */
Datum
newsx_article_meta(PG_FUNCTION_ARGS)
{
	static const char *const title_keys[] = {"headline", "title", NULL};
	static const char *const author_keys[] = {"author", "authors", "byline", "by", NULL};
	static const char *const date_keys[] = {"date", "published", "updated", "modified", NULL};
	TupleDesc	tupdesc;
	NewsxText	body;
	NxAlloc		a;
	NxDoc		doc;
	NxArticleMeta m;
	const NxHeaderField *h;
	MemoryContext work,
				old;
	Datum		values[ARTICLE_META_COLS];
	bool		nulls[ARTICLE_META_COLS] = {0};
	HeapTuple	tuple;
	int			i = 0,
				y,
				mo,
				d;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "article_meta must return a composite type");
	tupdesc = BlessTupleDesc(tupdesc);
	body = newsx_text_in(PG_GETARG_TEXT_PP(0));

	work = AllocSetContextCreate(CurrentMemoryContext, "newsx article_meta",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	newsx_alloc_init(&a);
	newsx_doc_parse(&doc, body, &a);
	newsx_check_status(nx_article_meta(&doc, &m, &a), "article reader");
	MemoryContextSwitchTo(old);

	/* headline: the header's, else the first short line */
	h = header_field(&doc, &m, title_keys);
	values[i] = range_text(&doc, h ? h->value : m.headline, &nulls[i]);
	i++;
	values[i] = range_text(&doc, m.dateline, &nulls[i]);
	i++;
	values[i] = range_text(&doc, m.place, &nulls[i]);
	i++;
	values[i] = range_text(&doc, m.agency, &nulls[i]);
	i++;
	values[i] = range_text(&doc, m.byline, &nulls[i]);
	i++;
	/* author: the header's, else the byline */
	h = header_field(&doc, &m, author_keys);
	values[i] = range_text(&doc, h ? h->value : m.byline, &nulls[i]);
	i++;
	/* date: the first header date that reads as a calendar date */
	nulls[i] = true;
	for (const char *const *k = date_keys; *k && nulls[i]; k++)
		for (size_t f = 0; f < m.nheader && nulls[i]; f++)
			if (nx_article_key_is(&doc, m.header[f].key, *k) &&
				nx_article_date(&doc, m.header[f].value, &y, &mo, &d))
			{
				values[i] = DateADTGetDatum(date2j(y, mo, d) - POSTGRES_EPOCH_JDATE);
				nulls[i] = false;
			}
	i++;
	values[i++] = header_jsonb(&doc, &m);
	nulls[i] = m.lead >= doc.ntok;
	values[i] = nulls[i] ? (Datum) 0 : Int32GetDatum(newsx_pos(doc.tok[m.lead].c));
	i++;
	Assert(i == ARTICLE_META_COLS);

	tuple = heap_form_tuple(tupdesc, values, nulls);
	MemoryContextDelete(work);
	PG_RETURN_DATUM(HeapTupleGetDatum(tuple));
}

/*
 * updates(body text) -> n, time, zone, pos, len, text, paragraph
 */
Datum
newsx_updates(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	NewsxText	body;
	NxAlloc		a;
	NxDoc		doc;
	NxUpdate   *u;
	size_t		n;
	MemoryContext work,
				old;

	newsx_init_srf(fcinfo);
	body = newsx_text_in(PG_GETARG_TEXT_PP(0));

	work = AllocSetContextCreate(CurrentMemoryContext, "newsx updates",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	newsx_alloc_init(&a);
	newsx_doc_parse(&doc, body, &a);
	newsx_check_status(nx_article_updates(&doc, &u, &n, &a), "article reader");
	MemoryContextSwitchTo(old);

	for (size_t k = 0; k < n; k++)
	{
		Datum		values[UPDATES_COLS];
		bool		nulls[UPDATES_COLS] = {0};
		int			i = 0;

		CHECK_FOR_INTERRUPTS();
		values[i++] = Int32GetDatum((int32) k + 1);
		values[i++] = TimeADTGetDatum(((TimeADT) u[k].hour * MINS_PER_HOUR + u[k].minute) *
									  SECS_PER_MINUTE * USECS_PER_SEC);
		values[i] = range_text(&doc, u[k].zone, &nulls[i]);
		i++;
		nulls[i] = u[k].text.ntok == 0;
		values[i] = Int32GetDatum(newsx_pos(nx_range_c(&doc, u[k].text)));
		i++;
		nulls[i] = u[k].text.ntok == 0;
		values[i] = Int32GetDatum((int32) nx_range_clen(&doc, u[k].text));
		i++;
		values[i] = range_text(&doc, u[k].text, &nulls[i]);
		i++;
		values[i++] = Int32GetDatum((int32) doc.sent[doc.tok[u[k].marker.tok].sentence].paragraph + 1);
		Assert(i == UPDATES_COLS);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	return (Datum) 0;
}
