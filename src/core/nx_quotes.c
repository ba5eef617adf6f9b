/*
 * nx_quotes.c
 *	  The quotation pipeline's driver (nx_quotes.h): the passes, as a table
 *	  run in order over one context, the tag pass that sets the context
 *	  up, and the names of rules and passes.
 *
 * The passes (nx_quotes_int.h says where each lives):
 *	 tag		 label sources, cues and contents; their chunks
 *	 blocks		 paragraphs quoted whole after a colon
 *	 contents	 the tagger's contents with their cues and sources
 *	 patterns	 according to X, As X put it, NAME: (a table of rows)
 *	 missed		 quotations in marks the tagger missed
 *	 bare cues	 cues with a source and no content
 *	 bare said	 sentences the tagger left bare that a name and said open
 *	 sort		 document order
 *	 mentions	 the source's span as PolNeAR marks it
 *	 speakers	 the name each mention resolves to
 *	 keys		 speech or belief, and a key of the quoted words
 *
 * Each pass is linear or n log n in the document, however long a
 * paragraph or sentence: chunks, quotation spans and quotations are found
 * by binary search in their sorted lists, never by a scan per item, and
 * every scan of a rule is bounded by a named constant.
 */
#include <string.h>

#include "nx_quotes_int.h"

typedef struct QPassDef
{
	const char *name;
	NxStatus	(*run) (QCtx *x);
} QPassDef;

static NxStatus q_pass_tag(QCtx *x);
static NxStatus q_pass_sort(QCtx *x);

/* The pipeline, in order: one row a pass. */
static const QPassDef passes[QP__COUNT] = {
	[QP_TAG] = {"tag", q_pass_tag},
	[QP_BLOCKS] = {"blocks", q_pass_blocks},
	[QP_CONTENTS] = {"contents", q_pass_contents},
	[QP_PATTERNS] = {"patterns", q_pass_patterns},
	[QP_MISSED] = {"missed", q_pass_missed},
	[QP_BARE_CUES] = {"bare_cues", q_pass_bare_cues},
	[QP_BARE_SAID] = {"bare_said", q_pass_bare_said},
	[QP_SORT] = {"sort", q_pass_sort},
	[QP_MENTIONS] = {"mentions", q_pass_mentions},
	[QP_SPEAKERS] = {"speakers", q_pass_speakers},
	[QP_KEYS] = {"keys", q_pass_keys},
};

static const char *const rule_names[NX_QR__COUNT] = {
#define NX_QRULE(id, pass, name, what) name,
#include "nx_quotes_rules.h"
#undef NX_QRULE
};

static const uint8_t rule_pass[NX_QR__COUNT] = {
#define NX_QRULE(id, pass, name, what) QP_##pass,
#include "nx_quotes_rules.h"
#undef NX_QRULE
};

/* A set of rules is two words of bits. */
typedef char rules_fit[NX_QR__COUNT <= 64 * NX_QR_WORDS ? 1 : -1];

/* A token's TRAINED and RULE classes are one word of bits. */
typedef char classes_fit[NX_W__MASK <= 64 ? 1 : -1];

static const char *const kind_names[NX_QK__COUNT] = {"direct", "mixed", "indirect", "block"};

/* Name of a quote kind as SQL shows it. */
const char *
nx_quote_kind_name(NxQuoteKind kind)
{
	return (unsigned) kind < NX_QK__COUNT ? kind_names[kind] : "indirect";
}

/* See nx_quotes.h. */
const char *
nx_quote_speaker_name(const char *text, const NxQuote *q, char *buf, size_t *len)
{
	uint32_t	b = q->speaker.b,
				skip = q->speaker_skip_b - b;	/* where the bytes left out start */

	*len = q->speaker.ntok ? q->speaker.blen : 0;
	if (q->speaker_skip_blen == 0 || *len == 0)
		return text + b;
	memcpy(buf, text + b, skip);
	memcpy(buf + skip, text + q->speaker_skip_b + q->speaker_skip_blen,
		   q->speaker.blen - skip - q->speaker_skip_blen);
	*len = q->speaker.blen - q->speaker_skip_blen;
	return buf;
}

/* Name of a rule as quotes_debug() shows it. */
const char *
nx_quote_rule_name(NxQuoteRule r)
{
	return (unsigned) r < NX_QR__COUNT ? rule_names[r] : "";
}

/* Name of the pass that runs a rule. */
const char *
nx_quote_rule_pass(NxQuoteRule r)
{
	return (unsigned) r < NX_QR__COUNT ? passes[rule_pass[r]].name : "";
}

/* Check that a model is a quotation model this build can run. */
NxStatus
nx_quotes_check_model(const NxModel *m, char *errbuf, size_t errlen)
{
	NxStatus	st = nx_attrib_check_model(m, errbuf, errlen);

	return st != NX_OK ? st : q_speakers_check(m, errbuf, errlen);
}

/*
 * Word classes of every token: the rules' from the word list, the trained
 * ones from the model; and its lexicon key, from the tagger's analysis
 * where it made it.
 */
static void
word_classes(QCtx *x)
{
	const NxDoc *doc = x->doc;

	x->names = nx_lex_present(&x->m->names) ? &x->m->names : &x->m->lex;
	for (size_t i = 0; i < doc->ntok; i++)
	{
		uint32_t	f = nx_attrib_doc_first(x->ad, i);

		if ((i & 4095) == 0)
			nx_check_interrupts(x->a);
		/* a text seen before: its key and classes */
		if (f < i)
		{
			x->key[i] = x->key[f];
			x->wc[i] = x->wc[f];
			continue;
		}
		x->key[i] = nx_attrib_doc_key(x->ad, i);
		if (x->key[i] == 0)
			x->key[i] = nx_words_key(doc->text + doc->tok[i].b, doc->tok[i].blen);
		x->wc[i] = nx_words_rule_classes_key(x->key[i]);
	}
	x->wc[doc->ntok] = 0;
	for (size_t i = 0; i < doc->ntok; i++)
		x->wc[i] |= nx_attrib_doc_lex(x->ad, i);
}

/* Roles of the chunks' tokens, and the tokens inside an outermost closed quotation. */
static void
roles(QCtx *x)
{
	const NxDoc *doc = x->doc;

	memset(x->role, 0, doc->ntok);
	for (size_t i = 0; i < x->src.n; i++)
		memset(x->role + x->src.v[i].s, ROLE_SOURCE, x->src.v[i].e - x->src.v[i].s);
	for (size_t i = 0; i < x->cue.n; i++)
		memset(x->role + x->cue.v[i].s, ROLE_CUE, x->cue.v[i].e - x->cue.v[i].s);
	memset(x->inquote, 0, doc->ntok);
	for (size_t j = 0; j < x->nspans; j++)
		if (x->spans[j].depth == 0 && x->spans[j].close < doc->ntok)
			memset(x->inquote + x->spans[j].open, 1, x->spans[j].close + 1 - x->spans[j].open);
}

/* The per-token and per-paragraph arrays of the context. */
static NxStatus
tag_alloc(QCtx *x)
{
	const NxDoc *doc = x->doc;
	const NxAlloc *a = x->a;

	x->npara = nx_attrib_doc_npara(x->ad);
	x->lab1 = nx_alloc(a, doc->ntok);
	x->lab2 = nx_alloc(a, doc->ntok);
	x->role = nx_alloc(a, doc->ntok);
	x->inquote = nx_alloc(a, doc->ntok);
	x->covered = nx_alloc(a, doc->ntok);
	x->marks = nx_alloc(a, (doc->ntok + 1) * sizeof(uint32_t));
	x->wc = nx_alloc(a, (doc->ntok + 1) * sizeof(uint64_t));
	x->key = nx_alloc(a, (doc->ntok + 1) * sizeof(uint64_t));
	x->lex1 = nx_alloc(a, (doc->ntok + 1) * sizeof(uint32_t));
	x->para_tok = nx_alloc(a, (x->npara + 1) * sizeof(uint32_t));
	x->block = nx_alloc(a, (x->npara + 1) * sizeof(int32_t));
	if (!x->lab1 || !x->lab2 || !x->role || !x->inquote || !x->covered)
		return NX_ENOMEM;
	if (!x->marks || !x->wc || !x->key || !x->lex1 || !x->para_tok || !x->block)
		return NX_ENOMEM;
	memset(x->lex1, 0, (doc->ntok + 1) * sizeof(uint32_t));
	memset(x->covered, 0, doc->ntok);
	return NX_OK;
}

/*
 * The tag pass: the quotation-mark spans, the tagger's labels (decoded,
 * or given by the caller), their chunks, the word classes and roles of
 * every token.
 */
static NxStatus
q_pass_tag(QCtx *x)
{
	const NxDoc *doc = x->doc;
	NxStatus	st;

	if ((st = nx_quote_spans(doc, &x->spans, &x->nspans, x->a)) != NX_OK ||
		(st = nx_attrib_doc_init(&x->ad, &x->m->labels, &x->m->lex, &x->m->clusters,
								 x->m->attrib_cache, doc, x->spans, x->nspans, x->a)) != NX_OK ||
		(st = tag_alloc(x)) != NX_OK)
		return st;
	x->marks[0] = 0;
	for (size_t i = 0; i < doc->ntok; i++)
		x->marks[i + 1] = x->marks[i] + is_mark(doc, i);
	for (size_t p = 0; p < x->npara; p++)
		x->para_tok[p] = nx_attrib_doc_para_tok(x->ad, p);
	x->para_tok[x->npara] = (uint32_t) doc->ntok;
	word_classes(x);
	if (x->opt && x->opt->stage1 && x->opt->stage2)
	{
		memcpy(x->lab1, x->opt->stage1, doc->ntok);
		memcpy(x->lab2, x->opt->stage2, doc->ntok);
	}
	else if ((st = nx_attrib_doc_decode(x->ad, x->m, x->lab1, x->lab2)) != NX_OK)
		return st;
	if ((st = collect_chunks(x)) != NX_OK)
		return st;
	x->used = nx_alloc(x->a, x->cue.n + 1);
	if (!x->used)
		return NX_ENOMEM;
	memset(x->used, 0, x->cue.n + 1);
	fix_cue_starts(x);
	roles(x);
	return NX_OK;
}

/*
 * The sort pass: quotations by content start, keeping the order of equals
 * (a merge sort: quotations of many block quotes or "according to"
 * clauses would make an insertion sort quadratic).
 */
static NxStatus
q_pass_sort(QCtx *x)
{
	NxQuote    *q = x->q,
			   *tmp;
	size_t		n = x->nq,
				i;

	for (i = 1; i < n && q[i - 1].content.tok <= q[i].content.tok; i++)
		;
	if (i >= n)
		return NX_OK;
	tmp = nx_alloc(x->a, n * sizeof(NxQuote));
	if (!tmp)
		return NX_ENOMEM;
	for (size_t w = 1; w < n; w *= 2)
	{
		for (size_t l = 0; l < n; l += 2 * w)
		{
			size_t		m = l + w < n ? l + w : n,
						r = l + 2 * w < n ? l + 2 * w : n,
						a = l,
						b = m,
						k = l;

			while (a < m && b < r)
				tmp[k++] = q[b].content.tok < q[a].content.tok ? q[b++] : q[a++];
			while (a < m)
				tmp[k++] = q[a++];
			while (b < r)
				tmp[k++] = q[b++];
		}
		memcpy(q, tmp, n * sizeof(NxQuote));
	}
	nx_free(x->a, tmp);
	return NX_OK;
}

/* Release the context (the quotations too, unless handed out). */
static void
ctx_free(QCtx *x)
{
	const NxAlloc *a = x->a;

	q_names_free(x);
	nx_free(a, x->q);
	nx_free(a, x->src.v);
	nx_free(a, x->cue.v);
	nx_free(a, x->content.v);
	nx_free(a, x->spans);
	nx_free(a, x->lab1);
	nx_free(a, x->lab2);
	nx_free(a, x->role);
	nx_free(a, x->inquote);
	nx_free(a, x->used);
	nx_free(a, x->covered);
	nx_free(a, x->marks);
	nx_free(a, x->wc);
	nx_free(a, x->key);
	nx_free(a, x->lex1);
	nx_free(a, x->para_tok);
	nx_free(a, x->block);
	nx_attrib_doc_free(x->ad);
}

/* Extract the quotations of a document, with options. */
NxStatus
nx_quotes_extract_opt(const NxModel *m, const NxDoc *doc, const NxQuoteOptions *opt,
					  NxQuote **out, size_t *n, const NxAlloc *a)
{
	QCtx		x;
	NxStatus	st = NX_OK;

	*out = NULL;
	*n = 0;
	if (doc->ntok == 0)
		return NX_OK;
	memset(&x, 0, sizeof(x));
	x.m = m;
	x.doc = doc;
	x.a = a;
	x.opt = opt;
	for (int p = 0; p < QP__COUNT && st == NX_OK; p++)
		st = passes[p].run(&x);
	if (st == NX_OK)
	{
		*out = x.q;
		*n = x.nq;
		x.q = NULL;
	}
	ctx_free(&x);
	return st;
}

/* Extract the quotations of a document. */
NxStatus
nx_quotes_extract(const NxModel *m, const NxDoc *doc, NxQuote **out, size_t *n,
				  const NxAlloc *a)
{
	return nx_quotes_extract_opt(m, doc, NULL, out, n, a);
}
