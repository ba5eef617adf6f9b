/*
 * nx_attrib.c
 *	  The attribution tagger (nx_attrib.h): token analysis, the feature
 *	  templates of both stages, and decoding a document paragraph by
 *	  paragraph.
 *
 * Features of a token come from its words (the token and two either side),
 * its shape, the model's word classes, where it stands among quotation
 * marks (inside, on a mark, and what the enclosing span looks like: its
 * length, how it ends, what stands before and after it), and how far the
 * nearest reporting verb is in its sentence.  Stage 2 adds the stage-1
 * chunks: the token's own role, the distance to the nearest cue on
 * either side, whether a source stands between, and whether the quoted
 * span around it touches a cue.
 */
#include <stdio.h>
#include <string.h>

#include "nx_attrib.h"
#include "nx_fold.h"
#include "nx_hash.h"

#define MAXB		64			/* bytes of a token used for its word hash */
#define MAX_FEATS	96			/* static features per token, at most */

/*
 * Extraction lowers stage 1's score for O by this much (in weight units):
 * the tagger finds more sources and cues, at a little precision.  Chosen
 * on three held-out tenths of PolNeAR train with models of two seeds
 * (0.3 to 2 all gain; 1.5: source exact F1 +0.2, cue +0.1, precision
 * -0.3); training does not use it.
 */
#define NX_ATTRIB_O_BIAS 1.5f

/* Token classes (TokInfo.lex bits). */
enum
{
	LX_CUE_VERB = NX_LX_CUE_VERB,
	LX_CUE_NOUN = NX_LX_CUE_NOUN,
	LX_CUE_PREP = NX_LX_CUE_PREP,
	LX_PRONOUN = NX_LX_PRONOUN,
	LX_TITLE = NX_LX_TITLE,
	LX_SOURCE_NOUN = NX_LX_SOURCE_NOUN,
	LX_SPEECH_NOUN = NX_LX_SPEECH_NOUN,
	LX_NEGATION = NX_LX_NEGATION,
	LX_MODAL = NX_LX_MODAL,
	LX_SUBORD = NX_LX_SUBORD,
	LX_FIRST_NAME = NX_LX_FIRST_NAME,
	LX__COUNT = NX_LX__COUNT
};

/* Quotation state bits (TokInfo.q). */
#define Q_IN		0x01		/* between the marks of some span */
#define Q_OPEN		0x02		/* an opening mark (or first token of an unopened span) */
#define Q_CLOSE		0x04		/* a closing mark */
#define Q_NESTED	0x08		/* inside a span inside another */
#define Q_SINGLE	0x10		/* the outermost span uses single marks */

/* Context classes of the tokens around a span. */
enum
{
	CX_NONE = 0,				/* paragraph edge */
	CX_CUE,						/* reporting verb */
	CX_COLON,
	CX_COMMA,
	CX_FINAL,					/* . ! ? */
	CX_THAT,
	CX_PRONOUN,
	CX_CAP,						/* capitalised word */
	CX_WORD,
	CX_DASH,
	CX_OTHER
};

typedef struct TokInfo
{
	uint64_t	hl;				/* folded word */
	uint64_t	hs;				/* short shape */
	uint64_t	hsuf;			/* last three characters of the folded word */
	uint32_t	lex;			/* LX_* bits */
	int32_t		span;			/* outermost quotation span around or on it, -1 */
	uint8_t		kind;
	uint8_t		cap;			/* 0 none, 1 lower, 2 initial upper, 3 all upper */
	uint8_t		q;				/* Q_* */
	uint8_t		cx;				/* CX_* class of the token itself */
	uint8_t		cuel;			/* distance bucket to a reporting verb on the left, same sentence */
	uint8_t		cuer;			/* ... on the right */
	uint8_t		sentpos;		/* position in its sentence: 0, 1, 2, 3+ */
	uint8_t		sentend;		/* tokens to its sentence's end: 0, 1, 2, 3+ */
	uint8_t		cllen;			/* bits of its Brown cluster (0: none) */
	uint8_t		cuercomma;		/* commas between it and the reporting verb on the right: 0, 1, 2+ */
	uint64_t	cuelw;			/* that verb on the left (folded word hash), 0 */
	uint64_t	cuerw;			/* ... on the right */
	uint32_t	clbits;			/* the cluster's bit string, first bit highest */
	uint8_t		prefix;			/* in a live blog's "Update 1330 GMT:" before a paragraph */
} TokInfo;

typedef struct SpanInfo
{
	uint8_t		nw;				/* word-count bucket */
	uint8_t		endp;			/* class of the token before the closing mark */
	uint8_t		before;			/* CX_* before the opening mark */
	uint8_t		after;			/* CX_* after the closing mark */
	uint8_t		flags;			/* NX_QS_* */
	uint8_t		atstart;		/* opens its sentence */
	uint8_t		cue;			/* stage 2: 1 cue before, 2 cue after, 3 both */
	uint8_t		cuesent;		/* stage 2: a cue in the span's sentence(s) */
} SpanInfo;

/* Stage-2 view of a token. */
typedef struct Stage2Info
{
	uint8_t		role;			/* 0 O, 1 source, 2 cue */
	uint8_t		dcl;			/* distance bucket from a cue on the left, same sentence */
	uint8_t		dcr;			/* to a cue on the right */
	uint8_t		srcbetween;		/* a source lies between the left cue and the token */
	uint8_t		aftercue;		/* 1 right after a cue, 2 after cue + that/: /, */
	uint8_t		sentcue;		/* the sentence has a cue: 0 no, 1 yes */
	uint8_t		prevsent;		/* a cue in the previous sentence of the paragraph */
} Stage2Info;

struct NxAttribDoc
{
	const NxDoc *doc;
	const NxLabelSet *labels;
	const NxAlloc *a;
	TokInfo    *ti;
	SpanInfo   *si;
	const NxQuoteSpan *spans;
	size_t		nspans;
	uint32_t   *para_tok;		/* [npara + 1] */
	size_t		npara;
	size_t		maxpara;		/* tokens of the longest paragraph, at most a window */
	Stage2Info *s2;				/* [ntok] once stage-1 labels are given */
	uint8_t		lab_content[2], lab_cue[2], lab_src[2];	/* B, I label indices */
	uint8_t    *active;			/* [npara] bit 1: stage 1 tags it, bit 2: stage 2 */
	uint32_t   *feat;
	uint32_t   *off;
	const TokInfo *cur;
	const Stage2Info *cur2;
	int			stage;
	uint8_t    *easy;			/* [maxpara] stage 1: tokens O unscored when no chunk is open */
	int			shortcut;		/* use easy tokens (extraction; training decodes all) */
	size_t		cur_start;		/* the paragraph being decoded: first token, length, */
	size_t		cur_n;
	size_t		cur_from;		/* and the window's first token in it */
};

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
	ti->kind = t->kind;
	if (t->flags & NX_TF_ALL_UPPER)
		ti->cap = (t->kind == NX_TOK_WORD && t->clen > 1) ? 3 : 2;
	else if (t->flags & NX_TF_UPPER_INITIAL)
		ti->cap = 2;
	else
		ti->cap = t->kind == NX_TOK_WORD ? 1 : 0;
	ti->lex = 0;
	if (lex && lex->slot && t->kind == NX_TOK_WORD)
	{
		const NxLexSlot *sl = nx_lex_find(lex, nx_key_final(nx_key_add(NX_FNV_OFFSET, ti->hl)));

		if (sl && (sl->flags & NX_LEX_ENTRY))
			ti->lex = sl->classes;
	}
	ti->span = -1;
	ti->q = 0;
}

/* The context class of a token. */
static uint8_t
cx_class(const NxDoc *doc, const NxToken *t, const TokInfo *ti, const uint32_t *lexmap)
{
	const char *s = doc->text + t->b;

	if (ti->lex & lexmap[LX_CUE_VERB])
		return CX_CUE;
	if (ti->lex & lexmap[LX_PRONOUN])
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

/* Label index of a type's B or I label, or 0xFF. */
static uint8_t
label_of(const NxLabelSet *ls, const char *type, int pos)
{
	for (uint32_t t = 0; t < ls->ntypes; t++)
		if (strcmp(ls->type_name[t], type) == 0)
			return ls->label_of[t][pos];
	return 0xFF;
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

/* The model's class bit of each of this build's classes (0: not in the model). */
static void
lex_map(const NxLexicon *lex, uint32_t lexmap[LX__COUNT])
{
	for (int c = 0; c < LX__COUNT; c++)
	{
		lexmap[c] = 0;
		if (lex && lex->slot)
			for (uint32_t k = 0; k < lex->nclasses; k++)
				if (strcmp(lex->class_name[k], nx_word_class_name((NxWordClass) c)) == 0)
					lexmap[c] = UINT32_C(1) << k;
	}
}

/*
 * Every token's word hash, shape, case, cluster and word classes (as
 * LX_* bits, from the model's bits by lexmap), then its context class.
 */
static void
analyse_tokens(NxAttribDoc *d, const NxLexicon *lex, const NxClusters *clusters,
			   const uint32_t *lexmap)
{
	const NxDoc *doc = d->doc;
	uint32_t	own[LX__COUNT];

	for (size_t i = 0; i < doc->ntok; i++)
	{
		TokInfo    *ti = &d->ti[i];
		uint32_t	l;

		if ((i & 1023) == 0)
			nx_check_interrupts(d->a);
		tok_analyse(doc, &doc->tok[i], lex, ti);
		nx_fold_cluster(clusters, doc->text + doc->tok[i].b, doc->tok[i].blen,
						&ti->clbits, &ti->cllen);
		/* remap the model's class bits to LX_* bits */
		l = ti->lex;
		ti->lex = 0;
		if (l)
			for (int c = 0; c < LX__COUNT; c++)
				if (l & lexmap[c])
					ti->lex |= UINT32_C(1) << c;
	}
	for (int c = 0; c < LX__COUNT; c++)
		own[c] = UINT32_C(1) << c;
	for (size_t i = 0; i < doc->ntok; i++)
		d->ti[i].cx = cx_class(doc, &doc->tok[i], &d->ti[i], own);
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
				   const NxLexicon *lex, const NxClusters *clusters, const NxDoc *doc,
				   const NxQuoteSpan *spans, size_t nspans, const NxAlloc *a)
{
	NxAttribDoc *d = nx_alloc(a, sizeof(NxAttribDoc));
	uint32_t	lexmap[LX__COUNT];
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
	lex_map(lex, lexmap);
	d->ti = nx_alloc(a, (n ? n : 1) * sizeof(TokInfo));
	d->si = nx_alloc(a, (nspans ? nspans : 1) * sizeof(SpanInfo));
	d->para_tok = nx_alloc(a, (doc->npara + 2) * sizeof(uint32_t));
	if (!d->ti || !d->si || !d->para_tok)
		goto nomem;
	memset(d->ti, 0, (n ? n : 1) * sizeof(TokInfo));
	analyse_tokens(d, lex, clusters, lexmap);
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

/* Whether a stage tags paragraph p. */
int
nx_attrib_doc_active(const NxAttribDoc *d, int stage, size_t p)
{
	if (stage == 1)
		return (d->active[p] & 1) != 0;
	return (d->active[p] & 2) != 0;
}

size_t
nx_attrib_doc_npara(const NxAttribDoc *d)
{
	return d->npara;
}

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

/* ---- feature templates ---- */

enum
{
	T_BIAS = 1, T_W, T_WM1, T_WP1, T_WM2, T_WP2, T_WM1W, T_WWP1, T_WM2M1, T_WP1P2,
	T_S, T_S3, T_SUF, T_CAPK, T_LEX, T_LEXM1, T_LEXP1, T_LEXM2, T_LEXP2, T_Q, T_QM1P1,
	T_QW, T_SPAN, T_SPANNW, T_SPANCX, T_CUELR, T_CUELRLEX, T_CUELRCAP, T_SENTPOS,
	T_SENTPOSW, T_CX3, T_LEXW, T_SPANPOS, T_CUELW, T_CUERW,
	T_CL, T_CLM1 = T_CL + 4, T_CLP1 = T_CLM1 + 2, T_CLCUE = T_CLP1 + 2,
	T_CUEV = T_CLCUE + 2, T_CUERC = T_CUEV + 2,
	/* stage 2 */
	U_ROLE = 64, U_ROLE3, U_DCL, U_DCR, U_DCLR, U_DCLQ, U_DCRQ, U_DCLW, U_DCRW,
	U_AFTER, U_AFTERW, U_SRCB, U_SENTCUE, U_SPANCUE, U_SPANCUENW, U_SPANCUEQ,
	U_PREV, U_DCLEND, U_DCRSTART, U_ROLEW, U_DCLCX, U_DCRCX, U_CL, U_CLDCL = U_CL + 2,
	/* dynamic */
	D_P1 = 128, D_P12, D_P1W, D_P1Q, D_P1K, D_P1DCL, D_P1DCR, D_P1CX, D_P1SPAN
};

#define BOS_L	UINT64_C(0x1111)
#define EOS_L	UINT64_C(0x2222)

/* The first p bits of a token's cluster, with their number (0: none). */
static inline uint64_t
cl_prefix(const TokInfo *t, int p)
{
	return nx_cluster_prefix(t->clbits, t->cllen, p);
}

/*
 * Static features of stage 2 of token t (document token g), whose
 * neighbours in the paragraph are m1 and p1 (NULL at its edges): the
 * stage-1 chunks around it.
 */
static size_t
stage2_feats(const NxAttribDoc *d, const TokInfo *t, const TokInfo *m1,
			 const TokInfo *p1, size_t g, uint32_t *out)
{
	const Stage2Info *x = &d->s2[g];
	const Stage2Info *xm1 = m1 ? &d->s2[g - 1] : NULL;
	const Stage2Info *xp1 = p1 ? &d->s2[g + 1] : NULL;
	uint64_t	dl = x->dcl | ((uint64_t) x->srcbetween << 4);
	uint32_t	q = t->q;
	size_t		nf = 0;
	static const int clnear[2] = {6, 10};

	out[nf++] = nx_feat(U_ROLE, x->role);
	out[nf++] = nx_feat(U_ROLE3, (uint64_t) x->role | ((uint64_t) (xm1 ? xm1->role : 7) << 4) |
				   ((uint64_t) (xp1 ? xp1->role : 7) << 8));
	out[nf++] = nx_feat(U_DCL, dl);
	out[nf++] = nx_feat(U_DCR, x->dcr);
	out[nf++] = nx_feat(U_DCLR, dl | ((uint64_t) x->dcr << 8) | ((uint64_t) x->role << 12));
	out[nf++] = nx_feat(U_DCLQ, dl | ((uint64_t) q << 8) | ((uint64_t) t->sentend << 16));
	out[nf++] = nx_feat(U_DCRQ, (uint64_t) x->dcr | ((uint64_t) q << 8) | ((uint64_t) t->sentpos << 16));
	out[nf++] = nx_feat2(U_DCLW, dl, t->hl);
	out[nf++] = nx_feat2(U_DCRW, x->dcr, t->hl);
	out[nf++] = nx_feat(U_DCLCX, dl | ((uint64_t) t->cx << 8) | ((uint64_t) (p1 ? p1->cx : 15) << 12));
	out[nf++] = nx_feat(U_DCRCX, (uint64_t) x->dcr | ((uint64_t) t->cx << 8) |
				   ((uint64_t) (m1 ? m1->cx : 15) << 12) | ((uint64_t) (xp1 ? xp1->role : 7) << 16));
	out[nf++] = nx_feat(U_AFTER, (uint64_t) x->aftercue | ((uint64_t) t->cx << 4) | ((uint64_t) q << 8));
	if (x->aftercue)
		out[nf++] = nx_feat2(U_AFTERW, x->aftercue, t->hl);
	out[nf++] = nx_feat(U_SENTCUE, (uint64_t) x->sentcue | ((uint64_t) x->prevsent << 1) |
				   ((uint64_t) t->sentpos << 4) | ((uint64_t) q << 8));
	out[nf++] = nx_feat2(U_ROLEW, x->role, t->hl);
	if (t->cllen)
	{
		nf += nx_cluster_feats(out + nf, U_CL, t->clbits, t->cllen, clnear, 2);
		out[nf++] = nx_feat(U_CLDCL, cl_prefix(t, 6) ^ (dl << 40));
	}
	if (t->span >= 0)
	{
		const SpanInfo *si = &d->si[t->span];

		out[nf++] = nx_feat(U_SPANCUE, (uint64_t) si->cue | ((uint64_t) si->cuesent << 2) |
					   ((uint64_t) q << 4));
		out[nf++] = nx_feat(U_SPANCUENW, (uint64_t) si->cue | ((uint64_t) si->cuesent << 2) |
					   ((uint64_t) si->nw << 4) | ((uint64_t) si->endp << 8) |
					   ((uint64_t) si->before << 12) | ((uint64_t) si->after << 16));
		out[nf++] = nx_feat(U_SPANCUEQ, (uint64_t) si->cue | ((uint64_t) x->dcl << 4) |
					   ((uint64_t) x->dcr << 8) | ((uint64_t) q << 12));
	}
	return nf;
}

/* Static features of paragraph token k (document token g) into out. */
static size_t
static_feats(const NxAttribDoc *d, int stage, const TokInfo *ti, size_t n,
			 size_t k, size_t g, uint32_t *out)
{
	const TokInfo *t = &ti[k];
	const TokInfo *m1 = k >= 1 ? &ti[k - 1] : NULL;
	const TokInfo *p1 = k + 1 < n ? &ti[k + 1] : NULL;
	uint64_t	lm1 = m1 ? m1->hl : BOS_L,
				lp1 = p1 ? p1->hl : EOS_L;
	uint32_t	lex = t->lex;
	uint32_t	q = t->q;
	uint64_t	spanv = 0;
	uint32_t	cuelr = (uint32_t) t->cuel | ((uint32_t) t->cuer << 4);
	size_t		nf = 0;
	static const int clp[4] = {4, 6, 10, 20},
				clnear[2] = {6, 10};

	if (t->span >= 0)
	{
		const SpanInfo *si = &d->si[t->span];

		spanv = 1 | ((uint64_t) si->nw << 4) | ((uint64_t) si->endp << 8) |
			((uint64_t) si->before << 12) | ((uint64_t) si->after << 16) |
			((uint64_t) (si->flags & 7) << 20) | ((uint64_t) si->atstart << 24);
	}
	out[nf++] = nx_feat(T_BIAS, (uint64_t) stage);
	out[nf++] = nx_feat(T_W, t->hl);
	out[nf++] = nx_feat(T_WM1, lm1);
	out[nf++] = nx_feat(T_WP1, lp1);
	out[nf++] = nx_feat2(T_WM1W, lm1, t->hl);
	out[nf++] = nx_feat2(T_WWP1, t->hl, lp1);
	if (stage == 1)
	{
		/* wider context for sources and cues; stage 2 reads stage 1's chunks */
		uint64_t	lm2 = k >= 2 ? ti[k - 2].hl : BOS_L,
					lp2 = k + 2 < n ? ti[k + 2].hl : EOS_L;

		out[nf++] = nx_feat(T_WM2, lm2);
		out[nf++] = nx_feat(T_WP2, lp2);
		out[nf++] = nx_feat2(T_WM2M1, lm2, lm1);
		out[nf++] = nx_feat2(T_WP1P2, lp1, lp2);
		out[nf++] = nx_feat(T_S3, nx_hash3(m1 ? m1->hs : BOS_L, t->hs, p1 ? p1->hs : EOS_L));
		out[nf++] = nx_feat(T_SUF, t->hsuf);
		out[nf++] = nx_feat(T_LEXM2, k >= 2 ? ti[k - 2].lex | ((uint64_t) ti[k - 2].cx << 16) : 0xFFFF);
		out[nf++] = nx_feat(T_LEXP2, k + 2 < n ? ti[k + 2].lex | ((uint64_t) ti[k + 2].cx << 16) : 0xFFFF);
	}
	out[nf++] = nx_feat(T_S, t->hs);
	out[nf++] = nx_feat(T_CAPK, (uint64_t) t->cap | ((uint64_t) t->kind << 4));
	out[nf++] = nx_feat(T_LEX, lex);
	out[nf++] = nx_feat(T_LEXM1, m1 ? m1->lex | ((uint64_t) m1->cx << 16) : 0xFFFF);
	out[nf++] = nx_feat(T_LEXP1, p1 ? p1->lex | ((uint64_t) p1->cx << 16) : 0xFFFF);
	out[nf++] = nx_feat(T_CX3, (uint64_t) (m1 ? m1->cx : 15) | ((uint64_t) t->cx << 4) |
				   ((uint64_t) (p1 ? p1->cx : 15) << 8));
	out[nf++] = nx_feat(T_Q, q);
	out[nf++] = nx_feat(T_QM1P1, (uint64_t) q | ((uint64_t) (m1 ? m1->q : 0xFF) << 8) |
				   ((uint64_t) (p1 ? p1->q : 0xFF) << 16));
	out[nf++] = nx_feat2(T_QW, q, t->hl);
	if (spanv)
	{
		const SpanInfo *si = &d->si[t->span];

		out[nf++] = nx_feat(T_SPAN, spanv);
		out[nf++] = nx_feat(T_SPANNW, (uint64_t) si->nw | ((uint64_t) q << 8));
		out[nf++] = nx_feat(T_SPANCX, (uint64_t) si->before | ((uint64_t) si->after << 4) |
					   ((uint64_t) q << 8));
		out[nf++] = nx_feat(T_SPANPOS, (uint64_t) si->endp | ((uint64_t) si->atstart << 4) |
					   ((uint64_t) q << 8) | ((uint64_t) t->sentend << 16));
	}
	out[nf++] = nx_feat(T_SENTPOS, (uint64_t) t->sentpos | ((uint64_t) t->sentend << 4) |
				   ((uint64_t) t->cx << 8) | ((uint64_t) (k == 0) << 12));
	if (stage == 1)
	{
		out[nf++] = nx_feat(T_CUELR, cuelr);
		out[nf++] = nx_feat(T_CUELRLEX, (uint64_t) cuelr | ((uint64_t) t->cx << 8) | ((uint64_t) q << 12));
		out[nf++] = nx_feat(T_CUELRCAP, (uint64_t) cuelr | ((uint64_t) t->cap << 8) | ((uint64_t) t->sentpos << 12));
		out[nf++] = nx_feat2(T_SENTPOSW, (uint64_t) t->sentpos | ((uint64_t) t->sentend << 4), t->hl);
		if (t->cuel)
			out[nf++] = nx_feat2(T_CUELW, t->cuel, t->hl);
		if (t->cuer)
		{
			out[nf++] = nx_feat2(T_CUERW, t->cuer, t->hl);
			out[nf++] = nx_feat2(T_CUEV, t->cuerw, (uint64_t) t->cuer | ((uint64_t) t->cap << 4));
			out[nf++] = nx_feat(T_CUERC, (uint64_t) t->cuer | ((uint64_t) t->cuercomma << 4) |
						   ((uint64_t) t->cx << 8) | ((uint64_t) t->cap << 12) |
						   ((uint64_t) (m1 ? m1->cx : 15) << 16));
		}
		if (t->cuel)
			out[nf++] = nx_feat2(T_CUEV + 1, t->cuelw, (uint64_t) t->cuel | ((uint64_t) t->cap << 4));
		for (int c = 0; c < LX__COUNT; c++)
			if (lex & (1u << c))
				out[nf++] = nx_feat(T_LEXW, (uint64_t) c | ((uint64_t) t->cap << 8) | ((uint64_t) q << 12));
		/* word clusters: the word, its neighbours, and the word near a reporting verb */
		if (t->cllen)
		{
			nf += nx_cluster_feats(out + nf, T_CL, t->clbits, t->cllen, clp, 4);
			out[nf++] = nx_feat(T_CLCUE, cl_prefix(t, 10) ^ ((uint64_t) cuelr << 40) ^ ((uint64_t) q << 52));
			out[nf++] = nx_feat(T_CLCUE + 1, cl_prefix(t, 6) ^ ((uint64_t) t->sentpos << 40) ^
						   ((uint64_t) (m1 ? m1->cx : 15) << 44));
		}
		if (m1 && m1->cllen)
			nf += nx_cluster_feats(out + nf, T_CLM1, m1->clbits, m1->cllen, clnear, 2);
		if (p1 && p1->cllen)
			nf += nx_cluster_feats(out + nf, T_CLP1, p1->clbits, p1->cllen, clnear, 2);
	}

	if (stage == 2 && d->s2)
		nf += stage2_feats(d, t, m1, p1, g, out + nf);
	return nf;
}

/* Dynamic features: the previous labels. */
static size_t
attrib_dyn(void *ctx, size_t i, const uint8_t *labels, uint32_t *out, size_t cap)
{
	NxAttribDoc *d = ctx;
	const TokInfo *t = &d->cur[i];
	uint32_t	p1 = i >= 1 ? labels[i - 1] : 0xFF;
	uint32_t	p2 = i >= 2 ? labels[i - 2] : 0xFF;
	size_t		nf = 0;

	(void) cap;
	out[nf++] = nx_feat(D_P1, p1);
	out[nf++] = nx_feat(D_P12, p1 | (p2 << 8));
	out[nf++] = nx_feat2(D_P1W, p1, t->hl);
	out[nf++] = nx_feat(D_P1Q, p1 | ((uint32_t) t->q << 8) | ((uint32_t) t->sentpos << 16));
	out[nf++] = nx_feat(D_P1K, p1 | ((uint32_t) t->cx << 8) | ((uint32_t) t->sentend << 16));
	if (t->span >= 0)
		out[nf++] = nx_feat(D_P1SPAN, p1 | ((uint32_t) d->si[t->span].nw << 8) |
					   ((uint32_t) t->q << 12) | ((uint32_t) d->si[t->span].cue << 20));
	if (d->stage == 2 && d->cur2)
	{
		const Stage2Info *x = &d->cur2[i];

		out[nf++] = nx_feat(D_P1DCL, p1 | ((uint32_t) x->dcl << 8) | ((uint32_t) x->role << 12));
		out[nf++] = nx_feat(D_P1DCR, p1 | ((uint32_t) x->dcr << 8) | ((uint32_t) t->q << 12));
		out[nf++] = nx_feat(D_P1CX, p1 | ((uint32_t) t->cx << 8) | ((uint32_t) x->aftercue << 12) |
					   ((uint32_t) x->sentcue << 16));
	}
	return nf;
}

/* Static features of an easy token i of the paragraph being decoded. */
static size_t
attrib_lazy(void *ctx, size_t i, uint32_t *out, size_t cap)
{
	NxAttribDoc *d = ctx;

	(void) cap;					/* MAX_FEATS <= NX_MAX_LAZY_FEATS */
	return static_feats(d, d->stage, d->ti + d->cur_start, d->cur_n, d->cur_from + i,
						d->cur_start + d->cur_from + i, out);
}

/*
 * In extraction (nx_attrib_doc_decode; training decodes every token, so
 * that the model does not depend on this), stage 1 gives words inside
 * quotation marks O unscored when no chunk is open before them: they are
 * never a source or cue.  (Taking lower-case
 * words of no word class too cost 0.6 points of quoted speaker accuracy
 * on held-out training articles; easy tokens in stage 2, outside
 * quotations in sentences far from a cue, saved nothing measurable.)
 */
static int
is_easy(const NxAttribDoc *d, size_t g)
{
	const TokInfo *t = &d->ti[g];

	return t->prefix ||
		((t->q & Q_IN) && t->kind != NX_TOK_OPEN_QUOTE && t->kind != NX_TOK_CLOSE_QUOTE);
}

/*
 * The decoding input of paragraph p from its token from: a window of at
 * most NX_ATTRIB_WINDOW tokens, ending at a sentence's start where one
 * is in its second half, so that the feature buffer stays small however
 * long a paragraph is.  Features are those of the whole paragraph (the
 * words either side of a window's edge are seen); only the previous
 * labels start again at a window.  Returns the window's length.
 */
size_t
nx_attrib_doc_seq(NxAttribDoc *d, int stage, size_t p, size_t from, NxSeq *seq)
{
	size_t		start = d->para_tok[p];
	size_t		n = d->para_tok[p + 1] - start;
	size_t		w = n > from ? n - from : 0;
	const TokInfo *ti = d->ti + start;
	size_t		nf = 0;
	int			useeasy = stage == 1 && d->shortcut;

	if (w > NX_ATTRIB_WINDOW)
	{
		/* end the window at a sentence's start, where no chunk is open as a rule */
		const NxToken *tok = d->doc->tok + start + from;

		w = NX_ATTRIB_WINDOW;
		for (size_t k = w; k > NX_ATTRIB_WINDOW / 2; k--)
			if (tok[k].sentence != tok[k - 1].sentence)
			{
				w = k;
				break;
			}
	}
	d->off[0] = 0;
	for (size_t k = 0; k < w; k++)
	{
		d->easy[k] = (uint8_t) (useeasy && is_easy(d, start + from + k));
		if (!d->easy[k])
			nf += static_feats(d, stage, ti, n, from + k, start + from + k, d->feat + nf);
		d->off[k + 1] = (uint32_t) nf;
	}
	d->cur_start = start;
	d->cur_n = n;
	d->cur_from = from;
	d->cur = ti + from;
	d->cur2 = (stage == 2 && d->s2) ? d->s2 + start + from : NULL;
	d->stage = stage;
	memset(seq, 0, sizeof(*seq));	/* fields this task does not use stay off */
	seq->ntok = w;
	seq->off = d->off;
	seq->feat = d->feat;
	seq->dyn = attrib_dyn;
	seq->ctx = d;
	seq->fixed = NULL;
	seq->easy = useeasy ? d->easy : NULL;
	seq->lazy = attrib_lazy;
	if (d->shortcut && stage == 1)
		seq->obias = NX_ATTRIB_O_BIAS;
	return w;
}

/* Check that a model is an attribution model this build can run. */
NxStatus
nx_attrib_check_model(const NxModel *m, char *errbuf, size_t errlen)
{
	if (strcmp(m->task, NX_ATTRIB_TASK) != 0 || m->featset != NX_ATTRIB_FEATSET ||
		m->nstages != 2)
	{
		snprintf(errbuf, errlen, "model \"%s\" is not a quotation model of feature set %d",
				 m->name, NX_ATTRIB_FEATSET);
		return NX_EBADMODEL;
	}
	if (label_of(&m->labels, NX_ATTRIB_CONTENT, NX_LP_B) == 0xFF ||
		label_of(&m->labels, NX_ATTRIB_CUE, NX_LP_B) == 0xFF ||
		label_of(&m->labels, NX_ATTRIB_SRC, NX_LP_B) == 0xFF)
	{
		snprintf(errbuf, errlen, "model \"%s\" lacks the CONTENT, CUE or SRC labels", m->name);
		return NX_EBADMODEL;
	}
	return NX_OK;
}

/* Keep only the labels of one stage's roles (others become O). */
static void
keep_roles(const NxAttribDoc *d, uint8_t *lab, size_t n, int stage)
{
	for (size_t i = 0; i < n; i++)
	{
		int			is_content = lab[i] == d->lab_content[0] || lab[i] == d->lab_content[1];

		if ((stage == 1) == is_content)
			lab[i] = d->labels->outside;
	}
}

/* Label every token with both stages. */
NxStatus
nx_attrib_doc_decode(NxAttribDoc *d, const NxModel *m, uint8_t *stage1, uint8_t *stage2)
{
	NxStatus	st;
	size_t		n = d->doc->ntok;

	memset(stage1, d->labels->outside, n);
	memset(stage2, d->labels->outside, n);
	d->shortcut = 1;
	for (size_t p = 0; p < d->npara; p++)
	{
		NxSeq		seq;

		nx_check_interrupts(d->a);
		if (!nx_attrib_doc_active(d, 1, p))
			continue;
		for (size_t k = 0; nx_attrib_doc_seq(d, 1, p, k, &seq) > 0; k += seq.ntok)
		{
			nx_check_interrupts(d->a);
			nx_tagger_greedy(&m->stage[0], &m->labels, &seq, stage1 + d->para_tok[p] + k, NULL);
		}
	}
	keep_roles(d, stage1, n, 1);
	st = nx_attrib_doc_stage(d, stage1);
	if (st != NX_OK)
		return st;
	for (size_t p = 0; p < d->npara; p++)
	{
		NxSeq		seq;

		nx_check_interrupts(d->a);
		if (!nx_attrib_doc_active(d, 2, p))
			continue;
		for (size_t k = 0; nx_attrib_doc_seq(d, 2, p, k, &seq) > 0; k += seq.ntok)
		{
			nx_check_interrupts(d->a);
			nx_tagger_greedy(&m->stage[1], &m->labels, &seq, stage2 + d->para_tok[p] + k, NULL);
		}
	}
	keep_roles(d, stage2, n, 2);
	return NX_OK;
}
