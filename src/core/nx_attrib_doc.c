/*
 * nx_attrib_doc.c
 *	  The analysis the attribution tagger's features read (nx_attrib.h):
 *	  each token's word, shape, case, cluster and word classes, its
 *	  context class, paragraphs and which stage tags them, a token's place
 *	  in its sentence and distance to reporting verbs, the quotation spans
 *	  around tokens; and, from stage-1 labels, the stage-2 view of each
 *	  token (nx_attrib_doc_stage).
 */
#include "nx_attrib_int.h"
#include "nx_fold.h"
#include "nx_hash.h"

#define MAXB		64			/* bytes of a token used for its word hash */

/* ---- token analysis ---- */

/* Distance bucket (d >= 1); 0 is kept for "none". */
static inline uint8_t
dbucket(size_t d)
{
	if (d <= 3)
		return (uint8_t) d;
	if (d <= 5)
		return 4;
	if (d <= 9)
		return 5;
	if (d <= 19)
		return 6;
	return 7;
}

/* Bucket of a span's number of words. */
static inline uint8_t
nwbucket(size_t n)
{
	if (n <= 3)
		return (uint8_t) n;
	if (n <= 6)
		return 4;
	if (n <= 15)
		return 5;
	if (n <= 40)
		return 6;
	return 7;
}

/* Word hash, shape and suffix of one token. */
static void
tok_analyse(const NxDoc *doc, const NxToken *t, const NxLexicon *lex, TokInfo *ti)
{
	char		fold[MAXB],
				shape[16];
	size_t		nf = nx_fold(doc->text + t->b, t->blen < 4 * MAXB ? t->blen : 4 * MAXB,
								 fold, sizeof(fold));
	size_t		ns = 0;
	const unsigned char *s = (const unsigned char *) doc->text + t->b;
	size_t		start;

	ti->hl = nx_fnv1a64(fold, nf);
	/* suffix: last three characters (whole UTF-8 sequences) */
	start = nf;
	for (int k = 0; k < 3 && start > 0; k++)
	{
		start--;
		while (start > 0 && ((unsigned char) fold[start] & 0xC0) == 0x80)
			start--;
	}
	ti->hsuf = nx_fnv1a64(fold + start, nf - start);
	/* short shape: runs of X x d and other bytes collapsed, ASCII only */
	for (size_t i = 0; i < t->blen && ns < sizeof(shape); i++)
	{
		unsigned char c = s[i];
		char		sh;

		if (c >= 'A' && c <= 'Z')
			sh = 'X';
		else if (c >= 'a' && c <= 'z')
			sh = 'x';
		else if (c >= '0' && c <= '9')
			sh = 'd';
		else if (c >= 0x80)
		{
			if ((c & 0xC0) == 0x80)
				continue;
			sh = 'u';
		}
		else
			sh = (char) c;
		if (ns == 0 || shape[ns - 1] != sh)
			shape[ns++] = sh;
	}
	ti->hs = nx_fnv1a64(shape, ns);
	if (t->flags & NX_TF_ALL_UPPER)
		ti->cap = (t->kind == NX_TOK_WORD && t->clen > 1) ? 3 : 2;
	else if (t->flags & NX_TF_UPPER_INITIAL)
		ti->cap = 2;
	else
		ti->cap = t->kind == NX_TOK_WORD ? 1 : 0;
	ti->lex = 0;
	if (lex && nx_lex_present(lex) && t->kind == NX_TOK_WORD)
	{
		NxLexSlot	buf;
		const NxLexSlot *sl = nx_lex_find(lex, nx_key_final(nx_key_add(NX_FNV_OFFSET, ti->hl)), &buf);

		if (sl && (sl->flags & NX_LEX_ENTRY))
			ti->lex = sl->classes;
	}
}

/* The context class of a token. */
static uint8_t
cx_class(const NxDoc *doc, const NxToken *t, const TokInfo *ti)
{
	const char *s = doc->text + t->b;

	if (ti->lex & (UINT32_C(1) << LX_CUE_VERB))
		return CX_CUE;
	if (ti->lex & (UINT32_C(1) << LX_PRONOUN))
		return CX_PRONOUN;
	switch (t->kind)
	{
		case NX_TOK_PUNCT:
			if (t->blen == 1 && *s == ':')
				return CX_COLON;
			if (t->blen == 1 && *s == ',')
				return CX_COMMA;
			if (t->blen == 1 && (*s == '.' || *s == '!' || *s == '?'))
				return CX_FINAL;
			if (t->blen == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0)
				return CX_FINAL;
			return CX_OTHER;
		case NX_TOK_DASH:
			return CX_DASH;
		case NX_TOK_WORD:
			if (t->blen == 4 && (memcmp(s, "that", 4) == 0))
				return CX_THAT;
			return (t->flags & NX_TF_UPPER_INITIAL) ? CX_CAP : CX_WORD;
		default:
			return CX_OTHER;
	}
}

/* Paragraph of token i. */
static inline uint32_t
para_of(const NxDoc *doc, size_t i)
{
	return doc->sent[doc->tok[i].sentence].paragraph;
}

/*
 * Mark the time stamp that opens a paragraph of a live blog ("Update
 * 1330 GMT:", "UPDATED 9.15am -"): "update" or "updated", then at most
 * six numbers, words and stops, then a colon or dash.  Extraction tags
 * it O: it names no one, and PolNeAR, which the model learns from, has
 * no such lines.
 */
static void
update_prefix(const NxDoc *doc, TokInfo *ti, size_t s, size_t e)
{
	int			num = 0;

	if (s >= e || !(nx_tok_ieq(doc, s, "update") || nx_tok_ieq(doc, s, "updated")))
		return;
	for (size_t i = s + 1; i < e && i <= s + 7; i++)
	{
		const NxToken *t = &doc->tok[i];

		if (t->kind == NX_TOK_NUMBER)
			num = 1;
		else if ((t->kind == NX_TOK_DASH || (t->blen == 1 && doc->text[t->b] == ':')) && num)
		{
			for (size_t k = s; k <= i; k++)
				ti[k].prefix = 1;
			return;
		}
		else if (t->kind != NX_TOK_WORD && t->kind != NX_TOK_PUNCT)
			return;
	}
}

/* Free a document's feature state. */
void
nx_attrib_doc_free(NxAttribDoc *d)
{
	if (!d)
		return;
	nx_free(d->a, d->ti);
	nx_free(d->a, d->si);
	nx_free(d->a, d->para_tok);
	nx_free(d->a, d->active);
	nx_free(d->a, d->easy);
	nx_free(d->a, d->s2);
	nx_free(d->a, d->feat);
	nx_free(d->a, d->off);
	nx_free(d->a, d);
}


/* The B and I label indices of the three roles. */
static void
doc_labels(NxAttribDoc *d, const NxLabelSet *labels)
{
	d->lab_content[0] = label_of(labels, NX_ATTRIB_CONTENT, NX_LP_B);
	d->lab_content[1] = label_of(labels, NX_ATTRIB_CONTENT, NX_LP_I);
	d->lab_cue[0] = label_of(labels, NX_ATTRIB_CUE, NX_LP_B);
	d->lab_cue[1] = label_of(labels, NX_ATTRIB_CUE, NX_LP_I);
	d->lab_src[0] = label_of(labels, NX_ATTRIB_SRC, NX_LP_B);
	d->lab_src[1] = label_of(labels, NX_ATTRIB_SRC, NX_LP_I);
}

/* ---- the cache of token analyses across documents (nx_attrib.h) ---- */

size_t
nx_attrib_cache_bytes(uint32_t entries)
{
	return nx_cache_bytes(sizeof(NxAttribCache), sizeof(NxAttribCacheEntry), entries);
}

NxAttribCache *
nx_attrib_cache_init(void *buf, size_t size)
{
	NxAttribCache *c = buf;
	uint64_t	mask;
	void	   *e = nx_cache_layout(buf, size, sizeof(NxAttribCache), sizeof(NxAttribCacheEntry),
									&mask);

	if (!e)
		return NULL;
	c->e = e;
	c->mask = mask;
	return c;
}

/* A token's flags as the cache and nx_same_text compare them. */
static inline uint8_t
cache_flags(const NxToken *t)
{
	return (uint8_t) (t->flags & ~NX_TF_AROUND);
}

/* Does entry e hold token t's analysis (h: nx_fnv1a64 of its bytes)? */
static inline int
cache_holds(const NxAttribCacheEntry *e, const NxDoc *doc, const NxToken *t, uint64_t h)
{
	return e->h == h && e->len == t->blen && e->kind == t->kind &&
		e->flags == cache_flags(t) && memcmp(e->text, doc->text + t->b, t->blen) == 0;
}

_Static_assert(sizeof(NxAttribCacheEntry) == 64, "an entry is one cache line");

/* Keep token t's analysis ti (h: nx_fnv1a64 of its bytes) in entry e. */
static inline void
cache_store(NxAttribCacheEntry *e, const NxDoc *doc, const NxToken *t, uint64_t h,
			const TokInfo *ti)
{
	e->h = h;
	e->hl = ti->hl;
	e->hs = ti->hs;
	e->hsuf = ti->hsuf;
	e->lex = ti->lex;
	e->clbits = ti->clbits;
	e->cap = ti->cap;
	e->cllen = ti->cllen;
	e->len = (uint8_t) t->blen;
	e->kind = t->kind;
	e->flags = cache_flags(t);
	memcpy(e->text, doc->text + t->b, t->blen);
}

/* The analysis entry e holds, into ti, as analyse_one makes it. */
static inline void
cache_load(const NxAttribCacheEntry *e, TokInfo *ti)
{
	ti->hl = e->hl;
	ti->hs = e->hs;
	ti->hsuf = e->hsuf;
	ti->lex = e->lex;
	ti->clbits = e->clbits;
	ti->cap = e->cap;
	ti->cllen = e->cllen;
}

/* Analyse token t into ti: the fields nothing but t and the model's word lists decide. */
static void
analyse_one(const NxDoc *doc, const NxToken *t, const NxLexicon *lex,
			const NxClusters *clusters, TokInfo *ti)
{
	uint32_t	l;

	tok_analyse(doc, t, lex, ti);
	nx_fold_cluster(clusters, doc->text + t->b, t->blen, &ti->clbits, &ti->cllen);
	/* remap the model's class bits to LX_* bits */
	l = ti->lex;
	ti->lex = 0;
	if (l)
		for (int c = 0; c < LX__COUNT; c++)
			if (l & lex->word_bits[c])
				ti->lex |= UINT32_C(1) << c;
}

/*
 * Every token's word hash, shape, case, cluster and word classes (as
 * LX_* bits, from the model's bits by lex->word_bits, which is 0 for a
 * class the model lacks), then its context class.  A token is analysed
 * once a document (nx_same_text) and, with a cache, once as long as the
 * cache holds it.
 */
static void
analyse_tokens(NxAttribDoc *d, const NxLexicon *lex, const NxClusters *clusters,
			   NxAttribCache *c)
{
	const NxDoc *doc = d->doc;
	NxSameText	same;

	nx_same_text_init(&same, doc, d->a);
	for (size_t i = 0; i < doc->ntok; i++)
	{
		TokInfo    *ti = &d->ti[i];
		const NxToken *t = &doc->tok[i];
		uint64_t	h = nx_fnv1a64(doc->text + t->b, t->blen);
		size_t		f = nx_same_text_hashed(&same, doc, i, h);
		NxAttribCacheEntry *e;

		if ((i & 1023) == 0)
			nx_check_interrupts(d->a);
		/* the same text, kind and flags: the same analysis (nothing else is set yet) */
		if (f < i)
		{
			*ti = d->ti[f];
			ti->first = (uint32_t) f;
			continue;
		}
		/* a new token: its own fields, then its analysis from the cache or made */
		ti->first = (uint32_t) i;
		ti->kind = t->kind;
		ti->span = -1;			/* the quotation spans' pass sets it */
		e = c && t->blen > 0 && t->blen <= NX_ATTRIB_CACHE_TEXT ?
			&c->e[nx_mix64(h) & c->mask] : NULL;
		if (e && cache_holds(e, doc, t, h))
			cache_load(e, ti);
		else
		{
			analyse_one(doc, t, lex, clusters, ti);
			if (e)
				cache_store(e, doc, t, h, ti);
		}
	}
	nx_same_text_free(&same, d->a);
	for (size_t i = 0; i < doc->ntok; i++)
		d->ti[i].cx = cx_class(doc, &doc->tok[i], &d->ti[i]);
}

/* Does a token make stage 1 tag its paragraph: a cue word, a quotation mark, a dash, a colon? */
static inline int
starts_stage1(const TokInfo *ti)
{
	return (ti->lex & ((1u << LX_CUE_VERB) | (1u << LX_CUE_NOUN) | (1u << LX_CUE_PREP))) ||
		ti->kind == NX_TOK_OPEN_QUOTE || ti->kind == NX_TOK_CLOSE_QUOTE ||
		ti->kind == NX_TOK_DASH || ti->cx == CX_COLON;
}

/*
 * Paragraphs: the first token of each, a live blog's time stamps, the
 * longest (at most a window) and which ones stage 1 tags.
 */
static NxStatus
paragraphs(NxAttribDoc *d)
{
	const NxDoc *doc = d->doc;
	size_t		n = doc->ntok;

	d->npara = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || para_of(doc, i) != para_of(doc, i - 1))
			d->para_tok[d->npara++] = (uint32_t) i;
	d->para_tok[d->npara] = (uint32_t) n;
	d->active = nx_alloc(d->a, d->npara + 1);
	if (!d->active)
		return NX_ENOMEM;
	for (size_t p = 0; p < d->npara; p++)
		update_prefix(doc, d->ti, d->para_tok[p], d->para_tok[p + 1]);
	for (size_t p = 0; p < d->npara; p++)
	{
		uint8_t		act = 0;

		if (d->para_tok[p + 1] - d->para_tok[p] > d->maxpara)
			d->maxpara = d->para_tok[p + 1] - d->para_tok[p];
		if (d->maxpara > NX_ATTRIB_WINDOW)
			d->maxpara = NX_ATTRIB_WINDOW;
		for (size_t i = d->para_tok[p]; i < d->para_tok[p + 1]; i++)
			if (starts_stage1(&d->ti[i]))
			{
				act = 1;
				break;
			}
		d->active[p] = act;
	}
	return NX_OK;
}

/*
 * A sentence's tokens: their position in it, and the distance to the
 * nearest reporting verb on either side (with that verb, and the commas
 * before the one on the right).
 */
static void
sent_cues(NxAttribDoc *d, const NxSentence *se)
{
	size_t		last = SIZE_MAX;
	uint8_t		commas = 0;

	for (size_t k = 0; k < se->ntok; k++)
	{
		TokInfo    *ti = &d->ti[se->tok + k];

		ti->sentpos = (uint8_t) (k < 3 ? k : 3);
		ti->sentend = (uint8_t) (se->ntok - 1 - k < 3 ? se->ntok - 1 - k : 3);
		ti->cuel = last == SIZE_MAX ? 0 : dbucket(k - last);
		ti->cuelw = last == SIZE_MAX ? 0 : d->ti[se->tok + last].hl;
		if (ti->lex & (1u << LX_CUE_VERB))
			last = k;
	}
	last = SIZE_MAX;
	for (size_t k = se->ntok; k-- > 0;)
	{
		TokInfo    *ti = &d->ti[se->tok + k];

		ti->cuer = last == SIZE_MAX ? 0 : dbucket(last - k);
		ti->cuerw = last == SIZE_MAX ? 0 : d->ti[se->tok + last].hl;
		ti->cuercomma = commas;
		if (ti->lex & (1u << LX_CUE_VERB))
		{
			last = k;
			commas = 0;
		}
		else if (ti->cx == CX_COMMA && commas < 2)
			commas++;
	}
}

/*
 * Quotation span j: its tokens (the outermost span over each from *upto
 * on, which moves past it) and what the span looks like.
 */
static void
span_info(NxAttribDoc *d, size_t j, size_t *upto)
{
	const NxDoc *doc = d->doc;
	const NxQuoteSpan *sp = &d->spans[j];
	SpanInfo   *si = &d->si[j];
	size_t		n = doc->ntok;
	size_t		nw = 0;
	size_t		from = sp->open > *upto ? sp->open : *upto;

	memset(si, 0, sizeof(*si));
	si->flags = (uint8_t) sp->flags;
	if (sp->close >= n || sp->open > sp->close)
		return;
	for (size_t i = sp->open; i <= sp->close; i++)
	{
		TokInfo    *ti = &d->ti[i];

		if (i > sp->open && i < sp->close)
		{
			if (sp->depth > 0)
				ti->q |= Q_NESTED;
		}
		if (i >= from)
		{
			ti->span = (int32_t) j;
			if (i > sp->open && i < sp->close)
				ti->q |= Q_IN;
			if (sp->flags & NX_QS_SINGLE)
				ti->q |= Q_SINGLE;
		}
		if (doc->tok[i].kind == NX_TOK_WORD || doc->tok[i].kind == NX_TOK_NUMBER)
			nw++;
		if (i >= from && i >= *upto)
			*upto = i + 1;
	}
	if ((sp->flags & NX_QS_UNOPENED) == 0)
		d->ti[sp->open].q |= Q_OPEN;
	else
		d->ti[sp->open].q |= Q_OPEN | Q_IN;
	if ((sp->flags & (NX_QS_UNCLOSED | NX_QS_CONTINUED)) == 0)
		d->ti[sp->close].q |= Q_CLOSE;
	else
		d->ti[sp->close].q |= Q_IN;
	si->nw = nwbucket(nw);
	si->endp = sp->close > sp->open ? d->ti[sp->close - 1].cx : CX_NONE;
	si->before = (sp->open > 0 && para_of(doc, sp->open - 1) == para_of(doc, sp->open))
		? d->ti[sp->open - 1].cx : CX_NONE;
	si->after = (sp->close + 1 < n && para_of(doc, sp->close + 1) == para_of(doc, sp->close))
		? d->ti[sp->close + 1].cx : CX_NONE;
	si->atstart = d->ti[sp->open].sentpos == 0;
}

/* Per-document feature state. */
NxStatus
nx_attrib_doc_init(NxAttribDoc **out, const NxLabelSet *labels,
				   const NxLexicon *lex, const NxClusters *clusters,
				   NxAttribCache *cache, const NxDoc *doc,
				   const NxQuoteSpan *spans, size_t nspans, const NxAlloc *a)
{
	NxAttribDoc *d = nx_alloc(a, sizeof(NxAttribDoc));
	size_t		n = doc->ntok;
	size_t		upto = 0;

	*out = NULL;
	if (!d)
		return NX_ENOMEM;
	memset(d, 0, sizeof(*d));
	d->doc = doc;
	d->labels = labels;
	d->a = a;
	d->spans = spans;
	d->nspans = nspans;
	doc_labels(d, labels);
	d->ti = nx_alloc(a, (n ? n : 1) * sizeof(TokInfo));
	d->si = nx_alloc(a, (nspans ? nspans : 1) * sizeof(SpanInfo));
	d->para_tok = nx_alloc(a, (doc->npara + 2) * sizeof(uint32_t));
	if (!d->ti || !d->si || !d->para_tok)
		goto nomem;
	memset(d->ti, 0, (n ? n : 1) * sizeof(TokInfo));
	analyse_tokens(d, lex, clusters, cache);
	if (paragraphs(d) != NX_OK)
		goto nomem;
	for (size_t s = 0; s < doc->nsent; s++)
		sent_cues(d, &doc->sent[s]);
	/* quotation spans: the outermost span over each token, and what it looks like */
	for (size_t j = 0; j < nspans; j++)
		span_info(d, j, &upto);

	d->easy = nx_alloc(a, d->maxpara ? d->maxpara : 1);
	d->feat = nx_alloc(a, (d->maxpara ? d->maxpara : 1) * MAX_FEATS * sizeof(uint32_t));
	d->off = nx_alloc(a, (d->maxpara + 1) * sizeof(uint32_t));
	if (!d->feat || !d->off || !d->easy)
		goto nomem;
	*out = d;
	return NX_OK;
nomem:
	nx_attrib_doc_free(d);
	return NX_ENOMEM;
}

/* Word classes of token i. */
uint32_t
nx_attrib_doc_lex(const NxAttribDoc *d, size_t i)
{
	return d->ti[i].lex;
}

/*
 * Token i's lexicon key, 0 when its fold may not fit the analysis'
 * buffer (a case fold makes at most three bytes of one: a token of
 * fewer than MAXB / 3 bytes always fits).
 */
uint64_t
nx_attrib_doc_key(const NxAttribDoc *d, size_t i)
{
	return d->doc->tok[i].blen < MAXB / 3 ? d->ti[i].hl : 0;
}

/* The first token of token i's text (nx_same_text): i, or an earlier token. */
uint32_t
nx_attrib_doc_first(const NxAttribDoc *d, size_t i)
{
	return d->ti[i].first;
}

/* Whether a stage tags paragraph p. */
int
nx_attrib_doc_active(const NxAttribDoc *d, int stage, size_t p)
{
	if (stage == 1)
		return (d->active[p] & 1) != 0;
	return (d->active[p] & 2) != 0;
}

/* Number of paragraphs. */
size_t
nx_attrib_doc_npara(const NxAttribDoc *d)
{
	return d->npara;
}

/* First token of paragraph p. */
uint32_t
nx_attrib_doc_para_tok(const NxAttribDoc *d, size_t p)
{
	return d->para_tok[p];
}

/* Role of a stage-1 label: 0 O, 1 source, 2 cue. */
static inline uint8_t
role_of(const NxAttribDoc *d, uint8_t l)
{
	if (l == d->lab_src[0] || l == d->lab_src[1])
		return 1;
	if (l == d->lab_cue[0] || l == d->lab_cue[1])
		return 2;
	return 0;
}

/* Stage-2 view of every token from stage-1 labels. */
NxStatus
nx_attrib_doc_stage(NxAttribDoc *d, const uint8_t *stage1)
{
	const NxDoc *doc = d->doc;
	size_t		n = doc->ntok;

	if (!d->s2)
	{
		d->s2 = nx_alloc(d->a, (n ? n : 1) * sizeof(Stage2Info));
		if (!d->s2)
			return NX_ENOMEM;
	}
	memset(d->s2, 0, (n ? n : 1) * sizeof(Stage2Info));
	for (size_t i = 0; i < n; i++)
		d->s2[i].role = role_of(d, stage1[i]);
	for (size_t s = 0; s < doc->nsent; s++)
	{
		const NxSentence *se = &doc->sent[s];
		size_t		lastcue = SIZE_MAX;
		int			src = 0,
					any = 0;
		uint8_t		prev = 0;

		if (s > 0 && doc->sent[s - 1].paragraph == se->paragraph)
		{
			const NxSentence *ps = &doc->sent[s - 1];

			for (size_t k = 0; k < ps->ntok; k++)
				if (d->s2[ps->tok + k].role == 2)
					prev = 1;
		}
		for (size_t k = 0; k < se->ntok; k++)
		{
			Stage2Info *x = &d->s2[se->tok + k];

			x->prevsent = prev;
			if (x->role == 2)
			{
				any = 1;
				if (k + 1 < se->ntok && d->s2[se->tok + k + 1].role == 2)
					continue;
				lastcue = k;
				src = 0;
				continue;
			}
			if (lastcue != SIZE_MAX)
			{
				x->dcl = dbucket(k - lastcue);
				x->srcbetween = (uint8_t) src;
				if (k == lastcue + 1)
					x->aftercue = 1;
				else if (k == lastcue + 2)
				{
					uint8_t		cx = d->ti[se->tok + k - 1].cx;

					if (cx == CX_THAT || cx == CX_COLON || cx == CX_COMMA)
						x->aftercue = 2;
				}
			}
			if (x->role == 1)
				src = 1;
		}
		lastcue = SIZE_MAX;
		for (size_t k = se->ntok; k-- > 0;)
		{
			Stage2Info *x = &d->s2[se->tok + k];

			x->sentcue = (uint8_t) any;
			if (x->role == 2)
			{
				lastcue = k;
				continue;
			}
			if (lastcue != SIZE_MAX)
				x->dcr = dbucket(lastcue - k);
		}
	}
	/* stage 2 tags paragraphs with a quotation mark or a stage-1 cue */
	for (size_t p = 0; p < d->npara; p++)
	{
		uint8_t		act = 0;

		for (size_t i = d->para_tok[p]; i < d->para_tok[p + 1] && !act; i++)
			if (d->s2[i].role == 2 || d->ti[i].kind == NX_TOK_OPEN_QUOTE ||
				d->ti[i].kind == NX_TOK_CLOSE_QUOTE)
				act = 2;
		d->active[p] = (uint8_t) ((d->active[p] & 1) | act);
	}
	/* does a cue touch each quotation span (within three tokens, same paragraph)? */
	for (size_t j = 0; j < d->nspans; j++)
	{
		const NxQuoteSpan *sp = &d->spans[j];
		SpanInfo   *si = &d->si[j];
		uint32_t	p;

		si->cue = 0;
		si->cuesent = 0;
		if (sp->close >= n || sp->open > sp->close)
			continue;
		p = para_of(doc, sp->open);
		for (size_t k = 1; k <= 3 && k <= sp->open; k++)
		{
			size_t		i = sp->open - k;

			if (para_of(doc, i) != p)
				break;
			if (d->s2[i].role == 2)
				si->cue |= 1;
		}
		for (size_t k = 1; k <= 4 && sp->close + k < n; k++)
		{
			size_t		i = sp->close + k;

			if (para_of(doc, i) != p)
				break;
			if (d->s2[i].role == 2)
				si->cue |= 2;
		}
		si->cuesent = d->s2[sp->open].sentcue | d->s2[sp->close].sentcue;
	}
	return NX_OK;
}
