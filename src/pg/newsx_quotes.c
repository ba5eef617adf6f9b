/*
 * newsx_quotes.c
 *	  SQL functions extract_quotes(body [, model]): quotations with their
 *	  speaker, cue and kind as rows; and quotes_debug(body [, model]): the
 *	  same quotations with the rules that made and changed each.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "newsx.h"
#include "nx_key.h"
#include "nx_quotes.h"

PG_FUNCTION_INFO_V1(newsx_extract_quotes);
PG_FUNCTION_INFO_V1(newsx_quotes_debug);

#define QUOTES_COLS 15
/* Columns of extract_quotes before version 0.3 (no speech, quote_key). */
#define QUOTES_COLS_0_2 13
#define DEBUG_COLS	11

/* The text of a core span as a text datum (NULL flag when empty). */
static Datum
span_text(NewsxText body, const NxSpan *s, bool *isnull)
{
	if (s->ntok == 0)
	{
		*isnull = true;
		return (Datum) 0;
	}
	return PointerGetDatum(newsx_text_out(body.data + s->b, s->blen));
}

/*
 * The speaker's name of a row (nx_quote_speaker_name), made once for its
 * speaker and speaker_key columns: in the body itself, or in own
 * (palloc'd, released by speaker_name_free) for a name that leaves bytes
 * out.
 */
typedef struct SpeakerName
{
	const char *s;
	size_t		len;
	char	   *own;
} SpeakerName;

static void
speaker_name(NewsxText body, const NxQuote *q, SpeakerName *sn)
{
	sn->own = q->speaker.ntok && q->speaker_skip_blen ? palloc(q->speaker.blen) : NULL;
	sn->s = nx_quote_speaker_name(body.data, q, sn->own, &sn->len);
}

static void
speaker_name_free(SpeakerName *sn)
{
	if (sn->own)
		pfree(sn->own);
}

/* The speaker's name of q as a text datum (NULL flag when none). */
static Datum
speaker_text(const NxQuote *q, const SpeakerName *sn, bool *isnull)
{
	if (q->speaker.ntok == 0)
	{
		*isnull = true;
		return (Datum) 0;
	}
	return PointerGetDatum(newsx_text_out(sn->s, sn->len));
}

/*
 * The key of a speaker that names a person or an organisation, as
 * extract_entities writes keys (person:vladimir putin, org:new york
 * times): nx_key_make's NFKC case fold; NULL for other speakers.
 */
static Datum
speaker_key(const NxQuote *q, const SpeakerName *sn, const NxAlloc *a, bool *isnull)
{
	char	   *key;
	Datum		d;

	if (q->speaker.ntok == 0 || q->speaker_type == NX_ST_NONE)
	{
		*isnull = true;
		return (Datum) 0;
	}
	key = nx_key_make(q->speaker_type == NX_ST_PERSON ? "person" : "org", sn->s, sn->len, a);
	if (!key)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory")));
	d = PointerGetDatum(newsx_text_out(key, strlen(key)));
	nx_free(a, key);
	return d;
}

/* A quotation's key as 16 lower-case hex digits. */
static Datum
quote_key(uint64_t key)
{
	char		hex[17];

	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long) key);
	return CStringGetTextDatum(hex);
}

/*
 * The quotations of the SRF's body argument with the model argument, in a
 * memory context of their own (*work, the caller deletes it).
 */
static NxQuote *
extract(FunctionCallInfo fcinfo, NewsxText *body, size_t *n, MemoryContext *work)
{
	const NxModel *m;
	NxAlloc		a;
	NxDoc		doc;
	NxQuote    *qs;
	MemoryContext old;

	newsx_init_srf(fcinfo);
	m = newsx_model("quotes", PG_NARGS() > 1 ? PG_GETARG_TEXT_PP(1) : cstring_to_text("en"));
	*body = newsx_text_in(PG_GETARG_TEXT_PP(0));
	*work = AllocSetContextCreate(CurrentMemoryContext, "newsx quotes",
								  ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(*work);
	newsx_alloc_init(&a);
	newsx_doc_parse(&doc, *body, &a);
	newsx_check_status(nx_quotes_extract(m, &doc, &qs, n, &a), "quotation extractor");
	MemoryContextSwitchTo(old);
	return qs;
}

/*
 * extract_quotes(body text, model text DEFAULT 'en')
 *	 -> quote, kind, speaker, speaker_pos, speaker_len, cue, cue_pos, cue_len,
 *		pos, len, paragraph, sentence, speaker_key, speech, quote_key
 *
 * A library newer than the extension's SQL (ALTER EXTENSION not yet run)
 * fills the columns the function declares: the new ones come last.
 */
Datum
newsx_extract_quotes(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	NewsxText	body;
	NxQuote    *qs;
	size_t		n;
	MemoryContext work,
				old;
	NxAlloc		a;

	qs = extract(fcinfo, &body, &n, &work);
	if (rsinfo->setDesc->natts != QUOTES_COLS &&
		rsinfo->setDesc->natts != QUOTES_COLS_0_2)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("extract_quotes is declared with %d columns, the library returns %d",
						rsinfo->setDesc->natts, QUOTES_COLS),
				 errhint("Run ALTER EXTENSION newsx UPDATE.")));
	old = MemoryContextSwitchTo(work);
	newsx_alloc_init(&a);		/* speaker keys: work memory */
	MemoryContextSwitchTo(old);
	for (size_t k = 0; k < n; k++)
	{
		const NxQuote *q = &qs[k];
		Datum		values[QUOTES_COLS];
		bool		nulls[QUOTES_COLS] = {0};
		int			i = 0;
		SpeakerName sn;

		CHECK_FOR_INTERRUPTS();
		speaker_name(body, q, &sn);
		values[i] = span_text(body, &q->text, &nulls[i]);
		i++;
		values[i++] = CStringGetTextDatum(nx_quote_kind_name((NxQuoteKind) q->kind));
		values[i] = speaker_text(q, &sn, &nulls[i]);
		i++;
		if (q->mention.ntok)
		{
			values[i++] = Int32GetDatum(newsx_pos(q->mention.c));
			values[i++] = Int32GetDatum((int32) q->mention.clen);
		}
		else
		{
			nulls[i++] = true;
			nulls[i++] = true;
		}
		values[i] = span_text(body, &q->cue, &nulls[i]);
		i++;
		if (q->cue.ntok)
		{
			values[i++] = Int32GetDatum(newsx_pos(q->cue.c));
			values[i++] = Int32GetDatum((int32) q->cue.clen);
		}
		else
		{
			nulls[i++] = true;
			nulls[i++] = true;
		}
		values[i++] = Int32GetDatum(newsx_pos(q->content.c));
		values[i++] = Int32GetDatum((int32) q->content.clen);
		values[i++] = Int32GetDatum((int32) q->paragraph + 1);
		values[i++] = Int32GetDatum((int32) q->sentence + 1);
		values[i] = speaker_key(q, &sn, &a, &nulls[i]);
		i++;
		speaker_name_free(&sn);
		values[i++] = BoolGetDatum(q->speech != 0);
		values[i++] = quote_key(q->quote_key);
		Assert(i == QUOTES_COLS);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	return (Datum) 0;
}

/* The names of the rules of a quotation, in the order of the pipeline, as text[]. */
static Datum
rule_names(const NxQuote *q)
{
	Datum		names[NX_QR__COUNT];
	int			k = 0;

	for (int r = 0; r < NX_QR__COUNT; r++)
		if (nx_quote_rules_has(&q->rules, (NxQuoteRule) r))
			names[k++] = CStringGetTextDatum(nx_quote_rule_name((NxQuoteRule) r));
	return PointerGetDatum(construct_array(names, k, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * quotes_debug(body text [, model text])
 *	 -> n, quote, kind, speaker, cue, pos, len, pass, rule, last_rule, rules
 *
 * The rows of extract_quotes in the same order, with the pass and rule
 * that made each, the rule that last changed it, and every rule that made
 * or changed it, as ts_debug explains a parse.
 */
Datum
newsx_quotes_debug(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	NewsxText	body;
	NxQuote    *qs;
	size_t		n;
	MemoryContext work;

	qs = extract(fcinfo, &body, &n, &work);
	for (size_t k = 0; k < n; k++)
	{
		const NxQuote *q = &qs[k];
		Datum		values[DEBUG_COLS];
		bool		nulls[DEBUG_COLS] = {0};
		int			i = 0;
		SpeakerName sn;

		CHECK_FOR_INTERRUPTS();
		values[i++] = Int32GetDatum((int32) k + 1);
		values[i] = span_text(body, &q->text, &nulls[i]);
		i++;
		values[i++] = CStringGetTextDatum(nx_quote_kind_name((NxQuoteKind) q->kind));
		speaker_name(body, q, &sn);
		values[i] = speaker_text(q, &sn, &nulls[i]);
		speaker_name_free(&sn);
		i++;
		values[i] = span_text(body, &q->cue, &nulls[i]);
		i++;
		values[i++] = Int32GetDatum(newsx_pos(q->content.c));
		values[i++] = Int32GetDatum((int32) q->content.clen);
		values[i++] = CStringGetTextDatum(nx_quote_rule_pass((NxQuoteRule) q->rule));
		values[i++] = CStringGetTextDatum(nx_quote_rule_name((NxQuoteRule) q->rule));
		values[i++] = CStringGetTextDatum(nx_quote_rule_name((NxQuoteRule) q->last));
		values[i++] = rule_names(q);
		Assert(i == DEBUG_COLS);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	MemoryContextDelete(work);
	return (Datum) 0;
}
