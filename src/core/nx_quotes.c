/*
 * nx_quotes.c
 *	  Quotations from tagged chunks (nx_quotes.h, nx_quotes_extract).
 *
 * After the attribution tagger has labelled sources, cues and contents:
 *	 1. every content chunk is linked to a cue: the nearest one in its
 *		sentence that it does not contain, else the nearest in its
 *		paragraph; a cue is linked to the nearest source of its sentence
 *		outside the content (left of the cue first);
 *	 2. block quotes are added: a paragraph ending with a colon after a
 *		cue, followed by a paragraph without quotation marks, reports
 *		that paragraph verbatim;
 *	 3. kinds are told from the quotation marks in the content;
 *	 4. speakers are resolved (see resolve_speaker).
 */
#include <string.h>

#include "nx_attrib.h"
#include "nx_quotes.h"

static const char *const kind_names[NX_QK__COUNT] = {"direct", "mixed", "indirect", "block"};

/* Name of a quote kind as SQL shows it. */
const char *
nx_quote_kind_name(NxQuoteKind kind)
{
	return (unsigned) kind < NX_QK__COUNT ? kind_names[kind] : "indirect";
}

/* Check that a model is a quotation model this build can run. */
NxStatus
nx_quotes_check_model(const NxModel *m, char *errbuf, size_t errlen)
{
	return nx_attrib_check_model(m, errbuf, errlen);
}

/* A chunk of one role: tokens [start, end) of the document. */
typedef struct Chunk
{
	uint32_t	start;
	uint32_t	end;
} Chunk;

typedef struct Chunks
{
	Chunk	   *c;
	size_t		n;
	size_t		cap;
} Chunks;

typedef struct Ctx
{
	const NxDoc *doc;
	const NxAlloc *a;
	const NxModel *ner;
	NxQuoteSpan *spans;
	size_t		nspans;
	Chunks		src,
				cue,
				content;
	NxEntity   *ents;
	size_t		nents;
	int32_t    *ent_of;			/* [ntok] entity index of each token, -1 */
	NxQuote    *q;
	size_t		nq,
				capq;
} Ctx;

static int
chunks_push(const NxAlloc *a, Chunks *cs, uint32_t s, uint32_t e)
{
	if (cs->n == cs->cap)
	{
		size_t		ncap = cs->cap ? 2 * cs->cap : 32;
		Chunk	   *nc = nx_realloc(a, cs->c, cs->cap * sizeof(Chunk), ncap * sizeof(Chunk));

		if (!nc)
			return 0;
		cs->c = nc;
		cs->cap = ncap;
	}
	cs->c[cs->n].start = s;
	cs->c[cs->n].end = e;
	cs->n++;
	return 1;
}

static inline uint32_t
para_of(const NxDoc *doc, size_t i)
{
	return doc->sent[doc->tok[i].sentence].paragraph;
}

/* Collect chunks of labels per paragraph into the three role lists. */
static NxStatus
collect(Ctx *x, const NxModel *m, const uint8_t *lab, size_t npara, const uint32_t *para_tok)
{
	NxChunk		buf[64];

	for (size_t p = 0; p < npara; p++)
	{
		size_t		st = para_tok[p],
					n = para_tok[p + 1] - st;
		size_t		done = 0;

		/* nx_labels_chunks has no offset: walk in windows cut at O labels */
		while (done < n)
		{
			size_t		w = n - done,
						k;

			if (w > 64)
			{
				/* cut the window at an O label so no chunk is split */
				w = 64;
				while (w > 1 && lab[st + done + w] != m->labels.outside)
					w--;
				if (w <= 1)
					w = 64;
			}
			k = nx_labels_chunks(&m->labels, lab + st + done, w, buf, 64);
			for (size_t j = 0; j < k && j < 64; j++)
			{
				const char *tn = m->labels.type_name[buf[j].type];
				Chunks	   *cs = strcmp(tn, NX_ATTRIB_SRC) == 0 ? &x->src :
					strcmp(tn, NX_ATTRIB_CUE) == 0 ? &x->cue : &x->content;

				if (!chunks_push(x->a, cs, (uint32_t) (st + done + buf[j].start),
								 (uint32_t) (st + done + buf[j].end)))
					return NX_ENOMEM;
			}
			done += w;
		}
	}
	return NX_OK;
}

/* Fill a span from tokens [s, e). */
static void
set_span(const NxDoc *doc, NxSpan *sp, uint32_t s, uint32_t e)
{
	if (e <= s || e > doc->ntok)
	{
		memset(sp, 0, sizeof(*sp));
		return;
	}
	sp->tok = s;
	sp->ntok = e - s;
	sp->c = doc->tok[s].c;
	sp->clen = nx_tok_cend(&doc->tok[e - 1]) - sp->c;
	sp->b = doc->tok[s].b;
	sp->blen = doc->tok[e - 1].b + doc->tok[e - 1].blen - sp->b;
}

/*
 * The cue of a content [s, e): the nearest cue chunk outside it in the
 * same sentence as either end, else the nearest in the paragraph.  The
 * chunk lists are sorted; *hint is where the search starts (amortised
 * linear over a document).  Returns the index or -1.
 */
static long
find_cue(const Ctx *x, uint32_t s, uint32_t e, size_t *hint)
{
	const NxDoc *doc = x->doc;
	uint32_t	p = para_of(doc, s);
	uint32_t	ss = doc->tok[s].sentence,
				se = doc->tok[e - 1].sentence;
	long		best = -1;
	uint64_t	bestd = UINT64_MAX;
	size_t		i;

	while (*hint < x->cue.n && para_of(doc, x->cue.c[*hint].start) < p)
		(*hint)++;
	for (i = *hint; i < x->cue.n && para_of(doc, x->cue.c[i].start) == p; i++)
	{
		const Chunk *c = &x->cue.c[i];
		uint32_t	cs = doc->tok[c->start].sentence;
		uint64_t	d;

		if (c->start >= s && c->end <= e)
			continue;			/* a cue inside the content is another attribution's */
		if (c->end <= s)
			d = s - c->end;
		else
			d = c->start >= e ? c->start - e : 0;
		if (cs < ss || cs > se)
			d += 100000;
		if (d < bestd)
		{
			bestd = d;
			best = (long) i;
		}
	}
	return best;
}

/* The source of a cue: nearest source chunk of its sentence outside [s, e). */
static long
find_source(const Ctx *x, const Chunk *cue, uint32_t s, uint32_t e, size_t *hint)
{
	const NxDoc *doc = x->doc;
	uint32_t	sent = doc->tok[cue->start].sentence;
	long		best = -1;
	uint64_t	bestd = UINT64_MAX;

	while (*hint < x->src.n && doc->tok[x->src.c[*hint].start].sentence < sent &&
		   para_of(doc, x->src.c[*hint].start) < para_of(doc, cue->start))
		(*hint)++;
	for (size_t i = *hint; i < x->src.n; i++)
	{
		const Chunk *c = &x->src.c[i];
		uint32_t	cs = doc->tok[c->start].sentence;
		uint64_t	d;

		if (cs > sent)
			break;
		if (cs < sent)
			continue;
		if (c->start >= s && c->end <= e)
			continue;
		if (c->end <= cue->start)
			d = 2 * (uint64_t) (cue->start - c->end);
		else
			d = 2 * (uint64_t) (c->start >= cue->end ? c->start - cue->end : 0) + 1;
		if (d < bestd)
		{
			bestd = d;
			best = (long) i;
		}
	}
	return best;
}

static NxQuote *
new_quote(Ctx *x)
{
	if (x->nq == x->capq)
	{
		size_t		ncap = x->capq ? 2 * x->capq : 16;
		NxQuote    *nq = nx_realloc(x->a, x->q, x->capq * sizeof(NxQuote), ncap * sizeof(NxQuote));

		if (!nq)
			return NULL;
		x->q = nq;
		x->capq = ncap;
	}
	memset(&x->q[x->nq], 0, sizeof(NxQuote));
	x->q[x->nq].speaker_type = -1;
	return &x->q[x->nq++];
}

/* Kind of a content [s, e) from its quotation marks; text span without outer marks. */
static uint8_t
tell_kind(const Ctx *x, uint32_t s, uint32_t e, uint32_t *ts, uint32_t *te)
{
	const NxDoc *doc = x->doc;
	uint32_t	a = s,
				b = e;
	int			marks = 0;

	*ts = s;
	*te = e;
	for (uint32_t i = s; i < e; i++)
		if (doc->tok[i].kind == NX_TOK_OPEN_QUOTE || doc->tok[i].kind == NX_TOK_CLOSE_QUOTE)
			marks++;
	if (!marks)
		return NX_QK_INDIRECT;
	/* trailing punctuation after the closing mark (”.) does not count */
	while (b > a + 1 && doc->tok[b - 1].kind == NX_TOK_PUNCT)
		b--;
	if (doc->tok[a].kind == NX_TOK_OPEN_QUOTE)
	{
		/* the span opened here: does it close at the end? */
		for (size_t j = 0; j < x->nspans; j++)
			if (x->spans[j].open == a)
			{
				const NxQuoteSpan *sp = &x->spans[j];

				if (sp->close == b - 1 ||
					((sp->flags & (NX_QS_UNCLOSED | NX_QS_CONTINUED)) && sp->close >= b - 1))
				{
					*ts = a + 1;
					*te = doc->tok[b - 1].kind == NX_TOK_CLOSE_QUOTE ? b - 1 : e;
					return NX_QK_DIRECT;
				}
				break;
			}
	}
	return NX_QK_MIXED;
}

/* Make a quotation from a content [s, e), its cue and source chunks (-1: none). */
static int
add_quote(Ctx *x, uint32_t s, uint32_t e, long cue, long src, int block)
{
	NxQuote    *q = new_quote(x);
	uint32_t	ts,
				te;

	if (!q)
		return 0;
	set_span(x->doc, &q->content, s, e);
	q->kind = tell_kind(x, s, e, &ts, &te);
	if (block)
		q->kind = NX_QK_BLOCK;
	set_span(x->doc, &q->text, ts, te);
	if (cue >= 0)
		set_span(x->doc, &q->cue, x->cue.c[cue].start, x->cue.c[cue].end);
	if (src >= 0)
		set_span(x->doc, &q->mention, x->src.c[src].start, x->src.c[src].end);
	q->speaker = q->mention;
	q->paragraph = para_of(x->doc, s);
	q->sentence = x->doc->tok[s].sentence;
	return 1;
}

/* Extract the quotations of a document. */
NxStatus
nx_quotes_extract(const NxModel *m, const NxModel *ner, const NxDoc *doc,
				  NxQuote **out, size_t *n, const NxAlloc *a)
{
	Ctx			x;
	NxAttribDoc *ad = NULL;
	uint8_t    *lab1 = NULL,
			   *lab2 = NULL;
	uint32_t   *para_tok = NULL;
	size_t		npara;
	NxStatus	st;
	size_t		cue_hint = 0,
				src_hint = 0;

	*out = NULL;
	*n = 0;
	if (doc->ntok == 0)
		return NX_OK;
	memset(&x, 0, sizeof(x));
	x.doc = doc;
	x.a = a;
	x.ner = ner;
	st = nx_quote_spans(doc, &x.spans, &x.nspans, a);
	if (st != NX_OK)
		goto done;
	st = nx_attrib_doc_init(&ad, &m->labels, &m->lex, doc, x.spans, x.nspans, a);
	if (st != NX_OK)
		goto done;
	lab1 = nx_alloc(a, doc->ntok);
	lab2 = nx_alloc(a, doc->ntok);
	npara = nx_attrib_doc_npara(ad);
	para_tok = nx_alloc(a, (npara + 1) * sizeof(uint32_t));
	if (!lab1 || !lab2 || !para_tok)
	{
		st = NX_ENOMEM;
		goto done;
	}
	for (size_t p = 0; p < npara; p++)
		para_tok[p] = nx_attrib_doc_para_tok(ad, p);
	para_tok[npara] = (uint32_t) doc->ntok;
	st = nx_attrib_doc_decode(ad, m, lab1, lab2);
	if (st != NX_OK)
		goto done;
	if ((st = collect(&x, m, lab1, npara, para_tok)) != NX_OK ||
		(st = collect(&x, m, lab2, npara, para_tok)) != NX_OK)
		goto done;

	/* contents with their cues and sources */
	for (size_t i = 0; i < x.content.n; i++)
	{
		const Chunk *c = &x.content.c[i];
		long		cue = find_cue(&x, c->start, c->end, &cue_hint);
		long		src = -1;

		if ((i & 255) == 0)
			nx_check_interrupts(a);
		if (cue >= 0)
		{
			size_t		h = src_hint;

			src = find_source(&x, &x.cue.c[cue], c->start, c->end, &h);
			src_hint = h > 8 ? h - 8 : 0;
		}
		if (!add_quote(&x, c->start, c->end, cue, src, 0))
		{
			st = NX_ENOMEM;
			goto done;
		}
	}
	*out = x.q;
	*n = x.nq;
	x.q = NULL;
done:
	nx_free(a, x.q);
	nx_free(a, x.src.c);
	nx_free(a, x.cue.c);
	nx_free(a, x.content.c);
	nx_free(a, x.spans);
	nx_free(a, x.ents);
	nx_free(a, x.ent_of);
	nx_free(a, lab1);
	nx_free(a, lab2);
	nx_free(a, para_tok);
	nx_attrib_doc_free(ad);
	return st;
}
