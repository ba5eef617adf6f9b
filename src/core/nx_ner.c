/*
 * nx_ner.c
 *	  NER features and tagging: per-token properties (case, shape, affixes,
 *	  clusters, lexicon matches, the run of capitalised words a token is
 *	  in), per-document word statistics (case seen
 *	  elsewhere, the neighbours of a word's other mentions: Ratinov and
 *	  Roth's context aggregation), the feature templates given to the
 *	  tagger, and nx_ner_tag.
 *
 * Features are 32-bit hashes of (template, value).  Static features depend
 * on the text only; dynamic ones (previous labels, labels already given to
 * the same word in the document) are added while decoding.  A second stage,
 * when the model has one, also sees the first stage's labels of every
 * other mention of the same word in the document.
 */
#include "nx_ner.h"

#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "nx_fold.h"
#include "nx_hash.h"

#define AGG_K		3
#define BOS_L	UINT64_C(0x1111)
#define EOS_L	UINT64_C(0x2222)
#define MAXB		96			/* bytes of a token used for features */
#define MAXCP		64			/* code points of a token tracked for affixes */
#define MAX_STATIC	(72 + 5 * NX_LEX_MAX_CLASSES)

/* cap classes */
enum
{
	CAP_NONE = 0, CAP_LOWER, CAP_INIT, CAP_ALL, CAP_ONE, CAP_MIXED
};

/* TokInfo.flags */
#define TF_SFIRST	0x01		/* first word of its sentence */
#define TF_SCAPS	0x02		/* in an all-caps sentence (headline) */
#define TF_DIGIT	0x04

/* doc case flags per word */
#define DC_LOWER	0x01		/* seen in lower case */
#define DC_INIT		0x02		/* seen capitalised where case is informative */
#define DC_ALLCAP	0x04		/* seen all caps where case is informative */

/* feature templates */
enum
{
	T_BIAS = 1, T_W, T_L, T_LM1, T_LP1, T_LM2, T_LP2, T_LM1L, T_LLP1,
	T_S, T_SM1, T_SP1, T_S3, T_PRE, T_SUF = T_PRE + 4, T_CAP = T_SUF + 4,
	T_CL, T_CLM1 = T_CL + 4, T_CLP1 = T_CLM1 + 2, T_GAZ = T_CLP1 + 2,
	T_GAZM1, T_GAZP1, T_DOCCASE, T_LM1S, T_SLP1, T_CAPL,
	T_CLM2, T_CLP2, T_CLBI, T_GAZCAP, T_KIND, T_AGL, T_AGR,
	T_RUNPOS, T_RUNEND, T_RUNBEG, T_RUNGAZ, T_RUNGAZB, T_RUNAFT, T_RUNBEF,
	/* dynamic */
	D_P1 = 64, D_P12, D_P1L, D_P1S, D_HIST, D_P1CAP,
	/* second stage */
	S_SELF = 96, S_M1, S_P1, S_OTHERS, S_OTHERS_CAP
};

typedef struct TokInfo
{
	uint64_t	hw;				/* word as written (quotes normalised) */
	uint64_t	hl;				/* folded, digits as 0 */
	uint64_t	hf;				/* folded */
	uint64_t	hs;				/* shape */
	uint64_t	hpre[4];
	uint64_t	hsuf[4];
	uint32_t	wid;			/* word id in the document (by hf) */
	uint32_t	gazB;			/* lexicon classes of matches starting here */
	uint32_t	gazI;			/* ... covering but not starting here */
	uint32_t	clbits;
	uint8_t		cllen;
	uint8_t		cap;
	uint8_t		flags;
	uint8_t		conn;			/* a word that joins capitalised words (of, &) */
	uint16_t	rpos;			/* position in its run of capitalised words */
	uint16_t	rlen;			/* length of that run, 0 if in none */
} TokInfo;

struct NxNerDoc
{
	const NxDoc *doc;
	NxNerRes	res;
	const NxAlloc *a;
	TokInfo    *ti;
	size_t		nwords;
	uint8_t    *doccase;		/* [nwords] */
	uint8_t    *easy;			/* [ntok] lower-case word or punctuation, no lexicon match */
	uint64_t   *agg;			/* [nwords][2 * AGG_K] neighbours of a word's first mentions */
	uint32_t   *hist;			/* [nwords] type bits seen so far, bit 31: seen as O */
	size_t		hist_upto;
	uint8_t    *stage1;			/* [ntok] or NULL */
	uint8_t    *fixed;			/* [ntok] labels stage 2 keeps from stage 1, or 0xFF */
	uint16_t   *s1count;		/* [nwords][ntypes + 1] stage-1 counts, last: O */
	uint32_t   *feat;
	uint32_t   *off;
	/*
	 * First-stage static features, kept for the second stage: token g <
	 * base_upto has base_feat[base_off[g] .. base_off[g + 1]).
	 */
	uint32_t   *base_feat;
	size_t		base_cap;		/* entries allocated in base_feat */
	uint32_t   *base_off;		/* [ntok + 1] */
	size_t		base_upto;
	int			base_full;		/* no more room: stop keeping them */
	size_t		maxsent;
	size_t		sent_start;
	size_t		sent_len;
	const TokInfo *cur;			/* tokens of the current sentence */
};

/* ---- token analysis ---- */

static inline size_t
put_utf8(char *buf, size_t n, UChar32 c)
{
	if (n + 4 > MAXB)
		return n;
	U8_APPEND_UNSAFE((uint8_t *) buf, n, c);
	return n;
}

/* Properties of one token's text. */
static void
tok_analyse(const char *s, size_t len, TokInfo *ti)
{
	char		word[MAXB],
				low[MAXB],
				fold[MAXB],
				shape[MAXB];
	size_t		nw = 0,
				nl = 0,
				nf = 0,
				ns = 0;
	uint16_t	cpend[MAXCP];
	int			ncp = 0;
	int			nup = 0,
				nlow = 0,
				nalpha = 0,
				ndig = 0,
				first_upper = 0;
	int32_t		i = 0;

	if (len > 4 * MAXB)
		len = 4 * MAXB;
	while (i < (int32_t) len)
	{
		UChar32		c,
					f,
					lc;
		char		sh;

		U8_NEXT((const uint8_t *) s, i, (int32_t) len, c);
		if (c < 0)
			c = 0xFFFD;
		if (c < 0x80)
		{
			if (c >= 'A' && c <= 'Z')
			{
				sh = 'X';
				f = c + 32;
				nup++;
				nalpha++;
				if (nalpha == 1)
					first_upper = 1;
			}
			else if (c >= 'a' && c <= 'z')
			{
				sh = 'x';
				f = c;
				nlow++;
				nalpha++;
			}
			else if (c >= '0' && c <= '9')
			{
				sh = 'd';
				f = c;
				ndig++;
			}
			else
			{
				sh = (char) c;
				f = c;
			}
		}
		else
		{
			if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
				c = '\'';
			else if (c == 0x201C || c == 0x201D || c == 0x201E)
				c = '"';
			f = (c < 0x80) ? c : u_foldCase(c, U_FOLD_CASE_DEFAULT);
			if (u_isupper(c) || u_istitle(c))
			{
				sh = 'X';
				nup++;
				nalpha++;
				if (nalpha == 1)
					first_upper = 1;
			}
			else if (u_islower(c))
			{
				sh = 'x';
				nlow++;
				nalpha++;
			}
			else if (u_isdigit(c))
			{
				sh = 'd';
				ndig++;
			}
			else if (u_isalpha(c))
			{
				sh = 'a';
				nalpha++;
			}
			else if (c < 0x80)
				sh = (char) c;
			else
				sh = '*';
		}
		lc = (sh == 'd') ? '0' : f;
		nw = put_utf8(word, nw, c);
		nl = put_utf8(low, nl, lc);
		nf = put_utf8(fold, nf, f);
		if (ncp < MAXCP)
			cpend[ncp++] = (uint16_t) nf;
		if (ns < 12 && (ns == 0 || shape[ns - 1] != sh || ns == 1))
		{
			/* collapse runs, but keep the first two so Xx and XX differ */
			if (!(ns >= 2 && shape[ns - 1] == sh))
				shape[ns++] = sh;
		}
	}
	ti->hw = nx_fnv1a64(word, nw);
	ti->hl = nx_fnv1a64(low, nl);
	ti->hf = nx_fnv1a64(fold, nf);
	ti->hs = nx_fnv1a64(shape, ns);
	for (int k = 0; k < 4; k++)
	{
		if (ncp > k + 1)
		{
			size_t		pe = cpend[k];
			size_t		ss = cpend[ncp - k - 2];

			ti->hpre[k] = nx_fnv1a64(fold, pe);
			ti->hsuf[k] = nx_fnv1a64(fold + ss, nf - ss);
		}
		else
			ti->hpre[k] = ti->hsuf[k] = 0;
	}
	if (nalpha == 0)
		ti->cap = CAP_NONE;
	else if (nup == 0)
		ti->cap = CAP_LOWER;
	else if (nalpha == 1)
		ti->cap = CAP_ONE;
	else if (nlow == 0)
		ti->cap = CAP_ALL;
	else if (first_upper && nup == 1)
		ti->cap = CAP_INIT;
	else
		ti->cap = CAP_MIXED;
	ti->flags = ndig ? TF_DIGIT : 0;
	ti->clbits = 0;
	ti->cllen = 0;
	ti->gazB = ti->gazI = 0;
	ti->rpos = ti->rlen = 0;
}

/* Is a token a lower-case word that joins the words of a name? */
static int
is_connector(const char *s, size_t len)
{
	static const char *const words[] = {"of", "&", "de", "du", "der", "van", "von", "la", "le", "del", "for"};

	return nx_word_in(s, len, words, sizeof(words) / sizeof(words[0]));
}

/* Mark lexicon matches (every match, not only the longest) in a sentence. */
static void
sent_lexicon(const NxLexicon *lex, TokInfo *ti, size_t n)
{
	if (!lex->slot)
		return;
	for (size_t i = 0; i < n; i++)
	{
		uint64_t	h = NX_FNV_OFFSET;

		for (size_t k = 0; k < lex->maxlen && i + k < n; k++)
		{
			const NxLexSlot *slot;

			h = nx_key_add(h, ti[i + k].hf);
			slot = nx_lex_find(lex, nx_key_final(h));
			if (!slot)
				break;
			if (slot->flags & NX_LEX_ENTRY)
			{
				ti[i].gazB |= slot->classes;
				for (size_t j = 1; j <= k; j++)
					ti[i + j].gazI |= slot->classes;
			}
			if (!(slot->flags & NX_LEX_PREFIX))
				break;
		}
	}
}

/* Can a token be part of a run of capitalised words? */
static inline int
run_word(const TokInfo *t, uint32_t title)
{
	return t->cap != CAP_LOWER && t->cap != CAP_NONE && !((t->gazB | t->gazI) & title);
}

/*
 * Runs of capitalised words in a sentence (Bank of England, Deutsche
 * Bank): capitalised tokens, joined by a single connector (of, &, de ...)
 * between two of them.  Words of a title (lexicon class "title") are in
 * none, so that Koss Prime Minister Amira Nadeem gives Koss and Amira
 * Nadeem.  Not in all-caps sentences.
 */
static void
sent_runs(TokInfo *ti, size_t n, uint32_t title)
{
	size_t		k = 0;

	while (k < n)
	{
		size_t		e = k;

		if (!run_word(&ti[k], title) || (ti[k].flags & TF_SCAPS))
		{
			k++;
			continue;
		}
		for (;;)
		{
			if (e + 1 < n && run_word(&ti[e + 1], title))
				e++;
			else if (e + 2 < n && ti[e + 1].conn && run_word(&ti[e + 2], title))
				e += 2;
			else
				break;
		}
		for (size_t j = k; j <= e; j++)
		{
			ti[j].rpos = (uint16_t) (j - k < UINT16_MAX ? j - k : UINT16_MAX);
			ti[j].rlen = (uint16_t) (e + 1 - k < UINT16_MAX ? e + 1 - k : UINT16_MAX);
		}
		k = e + 1;
	}
}

/* ---- document state ---- */

void
nx_ner_doc_free(NxNerDoc *d)
{
	const NxAlloc *a;

	if (!d)
		return;
	a = d->a;
	nx_free(a, d->ti);
	nx_free(a, d->doccase);
	nx_free(a, d->easy);
	nx_free(a, d->agg);
	nx_free(a, d->hist);
	nx_free(a, d->stage1);
	nx_free(a, d->fixed);
	nx_free(a, d->s1count);
	nx_free(a, d->feat);
	nx_free(a, d->off);
	nx_free(a, d->base_feat);
	nx_free(a, d->base_off);
	nx_free(a, d);
}

/* The arrays sized by the document: token properties, a sentence's features. */
static NxStatus
doc_buffers(NxNerDoc *d)
{
	const NxDoc *doc = d->doc;
	size_t		ntok = doc->ntok;

	d->ti = nx_alloc(d->a, ntok * sizeof(TokInfo));
	if (!d->ti)
		return NX_ENOMEM;
	for (size_t s = 0; s < doc->nsent; s++)
		if (doc->sent[s].ntok > d->maxsent)
			d->maxsent = doc->sent[s].ntok;
	d->feat = nx_alloc(d->a, (d->maxsent + 1) * MAX_STATIC * sizeof(uint32_t));
	d->off = nx_alloc(d->a, (d->maxsent + 2) * sizeof(uint32_t));
	d->base_off = nx_alloc(d->a, (ntok + 1) * sizeof(uint32_t));
	if (!d->feat || !d->off || !d->base_off)
		return NX_ENOMEM;
	d->base_off[0] = 0;
	return NX_OK;
}

/* Properties of every token: its text's hashes, case and shape, its cluster. */
static void
analyse_tokens(NxNerDoc *d)
{
	const NxDoc *doc = d->doc;

	for (size_t i = 0; i < doc->ntok; i++)
	{
		const NxToken *t = &doc->tok[i];
		const char *s = doc->text + t->b;

		if ((i & 1023) == 0)
			nx_check_interrupts(d->a);
		tok_analyse(s, t->blen, &d->ti[i]);
		nx_fold_cluster(d->res.clusters, s, t->blen, &d->ti[i].clbits, &d->ti[i].cllen);
		d->ti[i].conn = is_connector(s, t->blen);
	}
}

/* The lexicon class of titles as a bit (0: none), which runs of capitalised words leave out. */
static uint32_t
title_class(const NxLexicon *lex)
{
	uint32_t	title = 0;

	for (uint32_t c = 0; lex->slot && c < lex->nclasses && c < 32; c++)
		if (strcmp(lex->class_name[c], "title") == 0)
			title = UINT32_C(1) << c;
	return title;
}

/* Flags of a sentence's tokens: its first word, and all of them in a headline in capitals. */
static void
sent_case(TokInfo *ti, size_t n)
{
	int			nup = 0,
				nlow = 0;
	size_t		k;

	for (k = 0; k < n; k++)
	{
		if (ti[k].cap == CAP_LOWER || ti[k].cap == CAP_INIT || ti[k].cap == CAP_MIXED)
			nlow++;
		else if (ti[k].cap == CAP_ALL || ti[k].cap == CAP_ONE)
			nup++;
	}
	for (k = 0; k < n && ti[k].cap == CAP_NONE && !(ti[k].flags & TF_DIGIT); k++)
		;
	if (k < n)
		ti[k].flags |= TF_SFIRST;
	if (nup >= 2 && nlow * 4 <= nup)
		for (k = 0; k < n; k++)
			ti[k].flags |= TF_SCAPS;
}

/* Sentences: first word, headline case, lexicon matches, runs of capitalised words. */
static void
analyse_sentences(NxNerDoc *d, uint32_t title)
{
	const NxDoc *doc = d->doc;
	size_t		ntok = doc->ntok;

	for (size_t s = 0; s < doc->nsent; s++)
	{
		const NxSentence *se = &doc->sent[s];
		TokInfo    *ti;

		/* every 4096 sentences, and before any long one */
		if ((s & 4095) == 0 || se->ntok > 4096)
			nx_check_interrupts(d->a);
		if (se->tok > ntok || se->ntok > ntok - se->tok)
			continue;
		ti = d->ti + se->tok;
		sent_case(ti, se->ntok);
		sent_lexicon(d->res.lex, ti, se->ntok);
		sent_runs(ti, se->ntok, title);
	}
}

/* Word ids: the tokens of one folded form share one, d->nwords in all. */
static NxStatus
word_ids(NxNerDoc *d)
{
	size_t		ntok = d->doc->ntok;
	size_t		tabsize = 16;
	uint64_t   *keys;
	uint32_t   *ids;

	while (tabsize < 2 * ntok)
		tabsize <<= 1;
	keys = nx_alloc(d->a, tabsize * sizeof(uint64_t));
	ids = nx_alloc(d->a, tabsize * sizeof(uint32_t));
	if (!keys || !ids)
	{
		nx_free(d->a, keys);
		nx_free(d->a, ids);
		return NX_ENOMEM;
	}
	memset(keys, 0, tabsize * sizeof(uint64_t));
	for (size_t i = 0; i < ntok; i++)
	{
		uint64_t	k = d->ti[i].hf | 1;
		size_t		j = (size_t) nx_mix64(k) & (tabsize - 1);

		if ((i & 4095) == 0)
			nx_check_interrupts(d->a);
		while (keys[j] && keys[j] != k)
			j = (j + 1) & (tabsize - 1);
		if (!keys[j])
		{
			keys[j] = k;
			ids[j] = (uint32_t) d->nwords++;
		}
		d->ti[i].wid = ids[j];
	}
	nx_free(d->a, keys);
	nx_free(d->a, ids);
	return NX_OK;
}

/*
 * Per word: how it is written where case tells (doccase), and room for
 * the labels it is given as the document is decoded (hist).
 */
static NxStatus
word_case(NxNerDoc *d)
{
	size_t		ntok = d->doc->ntok;

	d->doccase = nx_alloc(d->a, d->nwords + 1);
	d->hist = nx_alloc(d->a, (d->nwords + 1) * sizeof(uint32_t));
	if (!d->doccase || !d->hist)
		return NX_ENOMEM;
	memset(d->doccase, 0, d->nwords + 1);
	memset(d->hist, 0, (d->nwords + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < ntok; i++)
	{
		const TokInfo *t = &d->ti[i];
		int			informative = !(t->flags & (TF_SFIRST | TF_SCAPS));

		if ((i & 4095) == 0)
			nx_check_interrupts(d->a);
		if (t->cap == CAP_LOWER)
			d->doccase[t->wid] |= DC_LOWER;
		else if (informative && (t->cap == CAP_INIT || t->cap == CAP_MIXED))
			d->doccase[t->wid] |= DC_INIT;
		else if (informative && (t->cap == CAP_ALL || t->cap == CAP_ONE))
			d->doccase[t->wid] |= DC_ALLCAP;
	}
	return NX_OK;
}

/*
 * Easy tokens: no upper-case letter, no digit, no lexicon match.  One
 * takes O unscored after O (nx_tagger.h); a name starting with one (a
 * lower-case particle, ex-England) is out of reach, one inside a name
 * (Bank of England) is scored as usual.
 */
static NxStatus
easy_tokens(NxNerDoc *d)
{
	size_t		ntok = d->doc->ntok;

	d->easy = nx_alloc(d->a, ntok + 1);
	if (!d->easy)
		return NX_ENOMEM;
	for (size_t i = 0; i < ntok; i++)
	{
		const TokInfo *t = &d->ti[i];

		d->easy[i] = (t->cap == CAP_LOWER || t->cap == CAP_NONE) &&
			!(t->flags & TF_DIGIT) && !t->gazB;
	}
	return NX_OK;
}

/* Keep v among a word's AGG_K neighbours on one side, if it is new and there is room. */
static inline void
agg_note(uint64_t *ag, uint64_t v)
{
	for (int j = 0; j < AGG_K; j++)
		if (!ag[j] || ag[j] == v)
		{
			ag[j] = v;
			break;
		}
}

/* Left and right neighbours (folded) of the first mentions of capitalised words. */
static NxStatus
context_aggregation(NxNerDoc *d)
{
	const NxDoc *doc = d->doc;

	d->agg = nx_alloc(d->a, (d->nwords + 1) * 2 * AGG_K * sizeof(uint64_t));
	if (!d->agg)
		return NX_ENOMEM;
	memset(d->agg, 0, (d->nwords + 1) * 2 * AGG_K * sizeof(uint64_t));
	for (size_t s = 0; s < doc->nsent; s++)
	{
		const NxSentence *se = &doc->sent[s];
		const TokInfo *ti = d->ti + se->tok;

		for (size_t k = 0; k < se->ntok; k++)
		{
			uint64_t   *ag = d->agg + (size_t) ti[k].wid * 2 * AGG_K;
			uint64_t	l = k > 0 ? ti[k - 1].hl : BOS_L,
						r = k + 1 < se->ntok ? ti[k + 1].hl : EOS_L;

			if (((se->tok + k) & 4095) == 0)
				nx_check_interrupts(d->a);
			if (ti[k].cap == CAP_LOWER || ti[k].cap == CAP_NONE)
				continue;
			agg_note(ag, l);
			agg_note(ag + AGG_K, r);
		}
	}
	return NX_OK;
}

/* Per-document feature state. */
NxStatus
nx_ner_doc_init(NxNerDoc **out, const NxNerRes *res, const NxDoc *doc,
				const NxAlloc *a)
{
	NxNerDoc   *d;

	*out = NULL;
	if (doc->ntok > (SIZE_MAX / 4) / sizeof(TokInfo))
		return NX_ETOOBIG;
	d = nx_alloc(a, sizeof(*d));
	if (!d)
		return NX_ENOMEM;
	memset(d, 0, sizeof(*d));
	d->doc = doc;
	d->res = *res;
	d->a = a;
	if (doc_buffers(d) != NX_OK)
		goto nomem;
	analyse_tokens(d);
	analyse_sentences(d, title_class(res->lex));
	if (word_ids(d) != NX_OK || word_case(d) != NX_OK ||
		easy_tokens(d) != NX_OK || context_aggregation(d) != NX_OK)
		goto nomem;
	*out = d;
	return NX_OK;

nomem:
	nx_ner_doc_free(d);
	return NX_ENOMEM;
}

/* Forget labels seen so far. */
void
nx_ner_doc_reset(NxNerDoc *d)
{
	memset(d->hist, 0, (d->nwords + 1) * sizeof(uint32_t));
	d->hist_upto = 0;
}

/* Give first-stage labels. */
NxStatus
nx_ner_doc_stage(NxNerDoc *d, const uint8_t *stage1)
{
	size_t		ntok = d->doc->ntok;
	uint32_t	nt = d->res.labels->ntypes + 1;

	nx_ner_doc_reset(d);
	nx_free(d->a, d->stage1);
	nx_free(d->a, d->fixed);
	nx_free(d->a, d->s1count);
	d->stage1 = NULL;
	d->fixed = NULL;
	d->s1count = NULL;
	if (!stage1)
		return NX_OK;
	d->stage1 = nx_alloc(d->a, ntok);
	d->fixed = nx_alloc(d->a, ntok);
	d->s1count = nx_alloc(d->a, (d->nwords + 1) * nt * sizeof(uint16_t));
	if (!d->stage1 || !d->fixed || !d->s1count)
		return NX_ENOMEM;
	memcpy(d->stage1, stage1, ntok);
	/* stage 2 rescores only tokens with letters in upper case or inside a stage-1 entity */
	for (size_t i = 0; i < ntok; i++)
		d->fixed[i] = (stage1[i] == d->res.labels->outside &&
					   (d->ti[i].cap == CAP_LOWER || d->ti[i].cap == CAP_NONE))
			? stage1[i] : 0xFF;
	memset(d->s1count, 0, (d->nwords + 1) * nt * sizeof(uint16_t));
	for (size_t i = 0; i < ntok; i++)
	{
		uint8_t		l = stage1[i] < d->res.labels->n ? stage1[i] : d->res.labels->outside;
		uint32_t	t = d->res.labels->type[l];
		uint16_t   *c = d->s1count + (size_t) d->ti[i].wid * nt;

		if (d->ti[i].cap == CAP_LOWER || d->ti[i].cap == CAP_NONE)
			continue;
		t = (t == NX_NO_TYPE) ? nt - 1 : t;
		if (c[t] < UINT16_MAX)
			c[t]++;
	}
	return NX_OK;
}

/* ---- features ---- */

/* The first p bits of a token's cluster, with their number (0: none). */
static inline uint64_t
cl_prefix(const TokInfo *t, int p)
{
	return nx_cluster_prefix(t->clbits, t->cllen, p);
}

/* Majority type among other mentions' stage-1 labels (ntypes = O), and agreement. */
static uint64_t
others_value(const NxNerDoc *d, size_t g)
{
	uint32_t	nt = d->res.labels->ntypes + 1;
	const uint16_t *c = d->s1count + (size_t) d->ti[g].wid * nt;
	uint32_t	self = d->res.labels->type[d->stage1[g] < d->res.labels->n ? d->stage1[g] : d->res.labels->outside];
	uint32_t	best = nt,
				total = 0,
				bestc = 0;
	int			selfcounted = !(d->ti[g].cap == CAP_LOWER || d->ti[g].cap == CAP_NONE);

	self = (self == NX_NO_TYPE) ? nt - 1 : self;
	for (uint32_t t = 0; t < nt; t++)
	{
		uint32_t	v = c[t] - ((selfcounted && t == self) ? 1 : 0);

		total += v;
		if (v > bestc)
		{
			bestc = v;
			best = t;
		}
	}
	if (total == 0)
		return 0;
	return 1 + best * 4 + (bestc == total ? 0 : (2 * bestc > total ? 1 : 2));
}

/*
 * Static features of sentence token k that do not depend on first-stage
 * labels, into out; returns the count.
 */
static size_t
base_feats(const NxNerDoc *d, const TokInfo *ti, size_t n, size_t k,
		   size_t g, uint32_t *out)
{
	const TokInfo *t = &ti[k];
	const TokInfo *m1 = k >= 1 ? &ti[k - 1] : NULL;
	const TokInfo *p1 = k + 1 < n ? &ti[k + 1] : NULL;
	uint64_t	lm1 = m1 ? m1->hl : BOS_L,
				lp1 = p1 ? p1->hl : EOS_L,
				lm2 = k >= 2 ? ti[k - 2].hl : BOS_L,
				lp2 = k + 2 < n ? ti[k + 2].hl : EOS_L,
				sm1 = m1 ? m1->hs : BOS_L,
				sp1 = p1 ? p1->hs : EOS_L;
	uint32_t	capv = (uint32_t) t->cap | ((uint32_t) t->flags << 4);
	size_t		nf = 0;
	static const int clp[4] = {4, 6, 10, 20},
				clnear[2] = {6, 20};

	out[nf++] = nx_feat(T_BIAS, 0);
	out[nf++] = nx_feat(T_W, t->hw);
	out[nf++] = nx_feat(T_L, t->hl);
	out[nf++] = nx_feat(T_LM1, lm1);
	out[nf++] = nx_feat(T_LP1, lp1);
	out[nf++] = nx_feat(T_LM2, lm2);
	out[nf++] = nx_feat(T_LP2, lp2);
	out[nf++] = nx_feat2(T_LM1L, lm1, t->hl);
	out[nf++] = nx_feat2(T_LLP1, t->hl, lp1);
	out[nf++] = nx_feat(T_S, t->hs);
	out[nf++] = nx_feat(T_SM1, sm1);
	out[nf++] = nx_feat(T_SP1, sp1);
	out[nf++] = nx_feat(T_S3, nx_hash3(sm1, t->hs, sp1));
	out[nf++] = nx_feat2(T_LM1S, lm1, t->hs);
	out[nf++] = nx_feat2(T_SLP1, t->hs, lp1);
	for (int j = 0; j < 4; j++)
	{
		if (t->hpre[j])
			out[nf++] = nx_feat(T_PRE + j, t->hpre[j]);
		if (t->hsuf[j])
			out[nf++] = nx_feat(T_SUF + j, t->hsuf[j]);
	}
	out[nf++] = nx_feat(T_CAP, capv);
	out[nf++] = nx_feat2(T_CAPL, capv, t->hl);
	out[nf++] = nx_feat(T_DOCCASE, (uint64_t) d->doccase[t->wid] | ((uint64_t) capv << 8));
	if (t->cllen)
		nf += nx_cluster_feats(out + nf, T_CL, t->clbits, t->cllen, clp, 4);
	if (m1 && m1->cllen)
		nf += nx_cluster_feats(out + nf, T_CLM1, m1->clbits, m1->cllen, clnear, 2);
	if (p1 && p1->cllen)
		nf += nx_cluster_feats(out + nf, T_CLP1, p1->clbits, p1->cllen, clnear, 2);
	if (t->gazB | t->gazI)
		for (uint32_t c = 0; c < NX_LEX_MAX_CLASSES; c++)
		{
			if ((t->gazB >> c) & 1)
				out[nf++] = nx_feat(T_GAZ, c * 4 + (p1 && ((p1->gazI >> c) & 1) ? 1 : 0));
			if ((t->gazI >> c) & 1)
				out[nf++] = nx_feat(T_GAZ, c * 4 + 2 + (p1 && ((p1->gazI >> c) & 1) ? 1 : 0));
		}
	if (m1 && (m1->gazB | m1->gazI))
		for (uint32_t c = 0; c < NX_LEX_MAX_CLASSES; c++)
			if (((m1->gazB | m1->gazI) >> c) & 1)
				out[nf++] = nx_feat(T_GAZM1, c);
	if (p1 && (p1->gazB | p1->gazI))
		for (uint32_t c = 0; c < NX_LEX_MAX_CLASSES; c++)
			if (((p1->gazB | p1->gazI) >> c) & 1)
				out[nf++] = nx_feat(T_GAZP1, c);

	/* clusters two words away and the cluster bigram */
	if (k >= 2 && ti[k - 2].cllen)
		out[nf++] = nx_feat(T_CLM2, cl_prefix(&ti[k - 2], 10));
	if (k + 2 < n && ti[k + 2].cllen)
		out[nf++] = nx_feat(T_CLP2, cl_prefix(&ti[k + 2], 10));
	out[nf++] = nx_feat2(T_CLBI, m1 ? cl_prefix(m1, 10) : BOS_L, cl_prefix(t, 10));
	/* lexicon classes with the token's case */
	if (t->gazB | t->gazI)
		for (uint32_t c = 0; c < NX_LEX_MAX_CLASSES; c++)
			if (((t->gazB | t->gazI) >> c) & 1)
				out[nf++] = nx_feat(T_GAZCAP, c * 64 + capv);
	/* context aggregation: neighbours of the word's other mentions */
	if (t->cap != CAP_LOWER && t->cap != CAP_NONE)
	{
		const uint64_t *ag = d->agg + (size_t) t->wid * 2 * AGG_K;

		for (int j = 0; j < AGG_K; j++)
		{
			if (ag[j] && ag[j] != lm1)
				out[nf++] = nx_feat(T_AGL, ag[j]);
			if (ag[AGG_K + j] && ag[AGG_K + j] != lp1)
				out[nf++] = nx_feat(T_AGR, ag[AGG_K + j]);
		}
	}
	/* the run of capitalised words the token is in: its ends and neighbours */
	if (t->rlen)
	{
		uint32_t	pc = t->rlen == 1 ? 3 : t->rpos == 0 ? 0 : t->rpos + 1 == t->rlen ? 2 : 1;
		const TokInfo *first = t - t->rpos;
		const TokInfo *last = first + (t->rlen - 1);
		size_t		fk = k - t->rpos;
		size_t		lk = fk + t->rlen - 1;

		out[nf++] = nx_feat(T_RUNPOS, pc | (uint32_t) (t->rlen < 5 ? t->rlen : 5) << 4 | capv << 8);
		if (t->rlen > 1)
		{
			if (pc != 2)
			{
				out[nf++] = nx_feat2(T_RUNEND, pc, last->hl);
				out[nf++] = nx_feat2(T_RUNGAZ, pc, last->gazB | last->gazI);
				out[nf++] = nx_feat2(T_RUNAFT, pc, lk + 1 < n ? ti[lk + 1].hl : EOS_L);
			}
			if (pc != 0)
			{
				out[nf++] = nx_feat2(T_RUNBEG, pc, first->hl);
				out[nf++] = nx_feat2(T_RUNGAZB, pc, first->gazB | first->gazI);
				out[nf++] = nx_feat2(T_RUNBEF, pc, fk >= 1 ? ti[fk - 1].hl : BOS_L);
			}
		}
	}
	/* token kinds around (quotation marks, clitics, attached hyphens) */
	{
		const NxToken *tk = &d->doc->tok[g];
		uint32_t	kv = tk->kind | ((tk->flags & 7u) << 4);

		kv |= (k >= 1 ? (uint32_t) d->doc->tok[g - 1].kind : 15u) << 8;
		kv |= (k + 1 < n ? (uint32_t) d->doc->tok[g + 1].kind |
			   ((d->doc->tok[g + 1].flags & 1u) << 4) : 31u) << 12;
		out[nf++] = nx_feat(T_KIND, kv);
	}
	return nf;
}

/* Static features from first-stage labels of sentence token k (stage 2). */
static size_t
stage_feats(const NxNerDoc *d, const TokInfo *ti, size_t n, size_t k,
			size_t g, uint32_t *out)
{
	const TokInfo *t = &ti[k];
	uint32_t	capv = (uint32_t) t->cap | ((uint32_t) t->flags << 4);
	const uint8_t *s1 = d->stage1;
	uint64_t	ov = others_value(d, g);
	size_t		nf = 0;

	out[nf++] = nx_feat(S_SELF, s1[g]);
	out[nf++] = nx_feat(S_M1, k >= 1 ? s1[g - 1] : 0xFF);
	out[nf++] = nx_feat(S_P1, k + 1 < n ? s1[g + 1] : 0xFF);
	out[nf++] = nx_feat(S_OTHERS, ov);
	out[nf++] = nx_feat2(S_OTHERS_CAP, ov, capv);
	return nf;
}

/* Static features of sentence token k into out; returns the count. */
static size_t
static_feats(const NxNerDoc *d, const TokInfo *ti, size_t n, size_t k,
			 size_t g, uint32_t *out)
{
	size_t		nf = base_feats(d, ti, n, k, g, out);

	if (d->stage1)
		nf += stage_feats(d, ti, n, k, g, out + nf);
	return nf;
}

/* Dynamic features: previous labels and the document's label history. */
static size_t
ner_dyn(void *ctx, size_t i, const uint8_t *labels, uint32_t *out, size_t cap)
{
	NxNerDoc   *d = ctx;
	size_t		g = d->sent_start + i;
	const uint8_t *doclab = labels - d->sent_start;
	const TokInfo *t = &d->cur[i];
	const NxLabelSet *ls = d->res.labels;
	uint32_t	p1 = i >= 1 ? labels[i - 1] : 0xFF;
	uint32_t	p2 = i >= 2 ? labels[i - 2] : 0xFF;
	size_t		nf = 0;

	(void) cap;
	while (d->hist_upto < g)
	{
		size_t		j = d->hist_upto++;
		uint8_t		l = doclab[j] < ls->n ? doclab[j] : ls->outside;
		const TokInfo *tj = &d->ti[j];

		if (tj->cap == CAP_LOWER || tj->cap == CAP_NONE)
			continue;
		if (ls->type[l] != NX_NO_TYPE)
			d->hist[tj->wid] |= UINT32_C(1) << (ls->type[l] & 31);
		else
			d->hist[tj->wid] |= UINT32_C(1) << 31;
	}
	out[nf++] = nx_feat(D_P1, p1);
	out[nf++] = nx_feat(D_P12, p1 | (p2 << 8));
	out[nf++] = nx_feat2(D_P1L, p1, t->hl);
	out[nf++] = nx_feat2(D_P1S, p1, t->hs);
	out[nf++] = nx_feat(D_P1CAP, p1 | ((uint32_t) t->cap << 8) | ((uint32_t) t->flags << 12));
	if (t->cap != CAP_LOWER && t->cap != CAP_NONE && d->hist[t->wid])
		out[nf++] = nx_feat(D_HIST, d->hist[t->wid]);
	return nf;
}

/* Static features of an easy token of the current sentence, when scored. */
static size_t
ner_lazy(void *ctx, size_t i, uint32_t *out, size_t cap)
{
	NxNerDoc   *d = ctx;

	(void) cap;					/* MAX_STATIC <= NX_MAX_LAZY_FEATS */
	return static_feats(d, d->cur, d->sent_len, i, d->sent_start + i, out);
}

/*
 * Make room in base_feat for the features of n more tokens and give its
 * end; 0 and base_full set if there is none (features are then made
 * again in the second stage).
 */
static int
base_reserve(NxNerDoc *d, size_t n)
{
	size_t		used = d->base_off[d->base_upto];
	size_t		need = used + n * MAX_STATIC;
	size_t		cap = d->base_cap ? d->base_cap : 1024;
	uint32_t   *p;

	if (d->base_full)
		return 0;
	if (need <= d->base_cap)
		return 1;
	while (cap < need)
		cap *= 2;
	if (cap > UINT32_MAX || cap > ((size_t) 1 << 28))
	{
		d->base_full = 1;
		return 0;
	}
	p = nx_grow(d->a, d->base_feat, sizeof(uint32_t), &d->base_cap, cap);
	if (!p)
	{
		d->base_full = 1;
		return 0;
	}
	d->base_feat = p;
	return 1;
}

/* The decoding input of sentence s. */
void
nx_ner_doc_seq(NxNerDoc *d, size_t s, NxSeq *seq)
{
	const NxSentence *se = &d->doc->sent[s];
	const TokInfo *ti = d->ti + se->tok;
	size_t		n = se->ntok;
	size_t		nf = 0;

	d->off[0] = 0;
	seq->feat = d->feat;
	if (!d->stage1 && se->tok >= d->base_upto && base_reserve(d, n))
	{
		/* first stage, in document order: keep the features for the second */
		uint32_t   *bo = d->base_off;
		size_t		base;

		while (d->base_upto < se->tok)
		{
			bo[d->base_upto + 1] = bo[d->base_upto];
			d->base_upto++;
		}
		base = bo[se->tok];
		for (size_t k = 0; k < n; k++)
		{
			if (!d->easy[se->tok + k])
				nf += base_feats(d, ti, n, k, se->tok + k, d->base_feat + base + nf);
			d->off[k + 1] = (uint32_t) nf;
			bo[se->tok + k + 1] = (uint32_t) (base + nf);
		}
		d->base_upto = se->tok + n;
		seq->feat = d->base_feat + base;
	}
	else
		for (size_t k = 0; k < n; k++)
		{
			size_t		g = se->tok + k;

			/* fixed tokens are not scored, easy ones get features if scored */
			if ((!d->fixed || d->fixed[g] == 0xFF) && !d->easy[g])
			{
				if (g < d->base_upto)
				{
					size_t		nb = d->base_off[g + 1] - d->base_off[g];

					memcpy(d->feat + nf, d->base_feat + d->base_off[g], nb * sizeof(uint32_t));
					nf += nb;
					if (d->stage1)
						nf += stage_feats(d, ti, n, k, g, d->feat + nf);
				}
				else
					nf += static_feats(d, ti, n, k, g, d->feat + nf);
			}
			d->off[k + 1] = (uint32_t) nf;
		}
	d->sent_start = se->tok;
	d->sent_len = n;
	d->cur = ti;
	seq->ntok = n;
	seq->off = d->off;
	seq->dyn = ner_dyn;
	seq->ctx = d;
	seq->fixed = d->fixed ? d->fixed + se->tok : NULL;
	seq->easy = d->easy + se->tok;
	seq->lazy = ner_lazy;
	seq->obias = 0;
}

/* Labels of every token with the model. */
NxStatus
nx_ner_doc_decode(NxNerDoc *d, const NxModel *m, int stages, uint8_t *labels,
				  float *prob)
{
	const NxDoc *doc = d->doc;
	NxStatus	st;

	if (stages > (int) m->nstages)
		stages = (int) m->nstages;
	for (int k = 0; k < stages; k++)
	{
		if (k > 0)
		{
			st = nx_ner_doc_stage(d, labels);
			if (st != NX_OK)
				return st;
		}
		else if ((st = nx_ner_doc_stage(d, NULL)) != NX_OK)
			return st;
		for (size_t s = 0; s < doc->nsent; s++)
		{
			NxSeq		seq;

			if ((s & 63) == 0)
				nx_check_interrupts(d->a);
			nx_ner_doc_seq(d, s, &seq);
			/* the last stage gives every token its probability */
			nx_tagger_greedy(&m->stage[k], &m->labels, &seq,
							 labels + doc->sent[s].tok,
							 prob && k + 1 == stages ? prob + doc->sent[s].tok : NULL);
		}
	}
	return NX_OK;
}

/* ---- entry points ---- */

NxStatus
nx_ner_check_model(const NxModel *m, char *errbuf, size_t errlen)
{
	if (strcmp(m->task, "ner") != 0)
	{
		snprintf(errbuf, errlen, "model \"%s\" is a \"%s\" model, not an NER model", m->name, m->task);
		return NX_EBADMODEL;
	}
	if (m->featset != NX_NER_FEATSET)
	{
		snprintf(errbuf, errlen, "model \"%s\" was trained with NER feature set %u, this build has %d",
				 m->name, m->featset, NX_NER_FEATSET);
		return NX_EBADMODEL;
	}
	return NX_OK;
}

const char *
nx_ner_type_name(const NxModel *m, uint32_t type)
{
	return type < m->labels.ntypes ? m->labels.type_name[type] : "";
}

/* Tag a parsed document. */
NxStatus
nx_ner_tag(const NxModel *m, const NxDoc *doc, NxEntity **out, size_t *n,
		   const NxAlloc *a)
{
	NxNerRes	res = {&m->labels, &m->lex, &m->clusters};
	NxNerDoc   *d = NULL;
	uint8_t    *labels = NULL;
	float	   *prob = NULL;
	NxChunk    *ch = NULL;
	NxEntity   *ents = NULL;
	size_t		nch = 0;
	NxStatus	st;

	*out = NULL;
	*n = 0;
	if (doc->ntok == 0)
		return NX_OK;
	st = nx_ner_doc_init(&d, &res, doc, a);
	if (st != NX_OK)
		return st;
	labels = nx_alloc(a, doc->ntok);
	prob = nx_alloc(a, doc->ntok * sizeof(float));
	if (!labels || !prob)
	{
		st = NX_ENOMEM;
		goto done;
	}
	memset(labels, m->labels.outside, doc->ntok);
	st = nx_ner_doc_decode(d, m, (int) m->nstages, labels, prob);
	if (st != NX_OK)
		goto done;

	/* chunks, sentence by sentence (a chunk never crosses a sentence) */
	for (size_t s = 0; s < doc->nsent; s++)
	{
		if ((s & 4095) == 0 || doc->sent[s].ntok > 4096)
			nx_check_interrupts(a);
		nch += nx_labels_chunks(&m->labels, labels + doc->sent[s].tok,
								doc->sent[s].ntok, NULL, 0);
	}
	if (nch == 0)
		goto done;
	ch = nx_alloc(a, nch * sizeof(NxChunk));
	ents = nx_alloc(a, nch * sizeof(NxEntity));
	if (!ch || !ents)
	{
		st = NX_ENOMEM;
		goto done;
	}
	nch = 0;
	for (size_t s = 0; s < doc->nsent; s++)
	{
		const NxSentence *se = &doc->sent[s];
		size_t		k;

		if ((s & 4095) == 0 || se->ntok > 4096)
			nx_check_interrupts(a);
		k = nx_labels_chunks(&m->labels, labels + se->tok, se->ntok,
							 ch + nch, SIZE_MAX);
		for (size_t j = nch; j < nch + k; j++)
		{
			NxEntity   *e = &ents[j];
			const NxToken *first = &doc->tok[se->tok + ch[j].start];
			const NxToken *last = &doc->tok[se->tok + ch[j].end - 1];
			float		conf = 1.0f;

			if ((j & 4095) == 0)
				nx_check_interrupts(a);
			for (uint32_t i = ch[j].start; i < ch[j].end; i++)
				if (prob[se->tok + i] < conf)
					conf = prob[se->tok + i];
			e->tok = se->tok + ch[j].start;
			e->ntok = ch[j].end - ch[j].start;
			e->c = first->c;
			e->clen = nx_tok_cend(last) - first->c;
			e->type = ch[j].type;
			e->conf = conf;
		}
		nch += k;
	}
	*out = ents;
	*n = nch;
	ents = NULL;
done:
	nx_free(a, ents);
	nx_free(a, ch);
	nx_free(a, prob);
	nx_free(a, labels);
	nx_ner_doc_free(d);
	return st;
}
