/*
 * nx_ner_doc.c
 *	  The analysis NER features read (nx_ner.h): per-token properties
 *	  (case, shape, affixes, clusters, lexicon matches, the run of
 *	  capitalised words a token is in), per-document word statistics
 *	  (word ids, the case a word is written in elsewhere, the neighbours
 *	  of a word's other mentions: Ratinov and Roth's context aggregation),
 *	  and the first stage's labels the second stage reads.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "nx_fold.h"
#include "nx_ner_int.h"

#define MAXB		96			/* bytes of a token used for features */
#define MAXCP		64			/* code points of a token tracked for affixes */

/* ---- token analysis ---- */

/* Append c to buf[0..n) in UTF-8 unless that would pass MAXB bytes; the new length. */
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
	ti->vcbits = 0;
	ti->vclen = 0;
	ti->gazB = ti->gazI = 0;
	ti->rpos = ti->rlen = 0;
}

/* Bytes of the longest connector word, so that longer tokens are not looked up. */
#define CONNECTOR_MAX_BYTES 3

/* Does a token join the words of a name: a lower-case word, or a hyphen (CONN_*)? */
static uint8_t
connector(const char *s, size_t len)
{
	static const char *const words[] = {"of", "&", "de", "du", "der", "van", "von", "la", "le", "del", "for"};
	static const char *const hyphens[] = {"-", "\xE2\x80\x90", "\xE2\x80\x91"};	/* - U+2010 U+2011 */

	if (len > CONNECTOR_MAX_BYTES)
		return CONN_NONE;
	if (nx_word_in(s, len, words, sizeof(words) / sizeof(words[0])))
		return CONN_WORD;
	if (nx_word_in(s, len, hyphens, sizeof(hyphens) / sizeof(hyphens[0])))
		return CONN_HYPHEN;
	return CONN_NONE;
}

/* TokInfo.lex1f: the token alone has a slot in the lexicon */
#define LEX1_FOUND	0x80

/*
 * Mark lexicon matches (every match, not only the longest) in a
 * sentence.  The slot of a token alone was looked up with its text
 * (analyse_one); longer matches are looked up here.
 */
static void
sent_lexicon(const NxLexicon *lex, TokInfo *ti, size_t n)
{
	if (!nx_lex_present(lex))
		return;
	for (size_t i = 0; i < n; i++)
	{
		uint64_t	h = NX_FNV_OFFSET;

		for (size_t k = 0; k < lex->maxlen && i + k < n; k++)
		{
			NxLexSlot	buf;
			const NxLexSlot *slot;

			h = nx_key_add(h, ti[i + k].hf);
			if (k == 0)
			{
				buf.classes = ti[i].lex1;
				buf.flags = ti[i].lex1f;
				slot = (ti[i].lex1f & LEX1_FOUND) ? &buf : NULL;
			}
			else
				slot = nx_lex_find(lex, nx_key_final(h), &buf);
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
 * Does sentence token k join the capitalised words either side of it: a
 * connector word, or a hyphen with no space either side (Lopez-Cantera)?
 */
static inline int
joins(const TokInfo *ti, const NxToken *tok, size_t k)
{
	if (ti[k].conn == CONN_WORD)
		return 1;
	return ti[k].conn == CONN_HYPHEN &&
		!((tok[k].flags | tok[k + 1].flags) & NX_TF_AROUND);
}

/*
 * Runs of capitalised words in a sentence (Bank of England, Deutsche
 * Bank, Hewlett-Packard): capitalised tokens, joined by a single
 * connector (of, &, de ..., or a hyphen written without spaces) between
 * two of them.  Words of a title (lexicon class "title") are in none, so
 * that Koss Prime Minister Amira Nadeem gives Koss and Amira Nadeem.  Not
 * in headlines (all caps or title case).
 */
static void
sent_runs(TokInfo *ti, const NxToken *tok, size_t n, uint32_t title)
{
	size_t		k = 0;

	while (k < n)
	{
		size_t		e = k;

		if (!run_word(&ti[k], title) || (ti[k].flags & (TF_SCAPS | TF_STITLE)))
		{
			k++;
			continue;
		}
		for (;;)
		{
			if (e + 1 < n && run_word(&ti[e + 1], title))
				e++;
			else if (e + 2 < n && joins(ti, tok, e + 1) && run_word(&ti[e + 2], title))
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

/* Free a document's feature state. */
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
	nx_free(a, d->aggcls);
	nx_free(a, d->hist);
	nx_free(a, d->stage1);
	nx_free(a, d->fixed);
	nx_free(a, d->s1count);
	nx_free(a, d->feat);
	nx_free(a, d->off);
	nx_free(a, d->base_feat);
	nx_free(a, d->base_off);
	nx_free(a, d->psum);
	nx_free(a, d->pslot);
	nx_free(a, d->pset);
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

/* Analyse one token (every TokInfo field but wid); key: nx_cluster_key of it. */
static void
analyse_one(NxNerDoc *d, const char *s, size_t blen, uint64_t key, TokInfo *ti)
{
	tok_analyse(s, blen, ti);
	nx_fold_cluster_key(d->res.clusters, key, s, blen, &ti->clbits, &ti->cllen);
	nx_fold_cluster_key(d->res.vclusters, key, s, blen, &ti->vcbits, &ti->vclen);
	ti->conn = connector(s, blen);
	ti->lex1f = 0;
	ti->lex1 = 0;
	if (nx_lex_present(d->res.lex))
	{
		NxLexSlot	buf;
		const NxLexSlot *slot = nx_lex_find(d->res.lex,
											nx_key_final(nx_key_add(NX_FNV_OFFSET, ti->hf)), &buf);

		if (slot)
		{
			ti->lex1f = (uint8_t) (slot->flags & (NX_LEX_ENTRY | NX_LEX_PREFIX)) | LEX1_FOUND;
			ti->lex1 = slot->classes;
		}
	}
}

/* ---- the cache of token analyses across documents (nx_ner.h) ---- */

size_t
nx_ner_cache_bytes(uint32_t entries)
{
	return nx_cache_bytes(sizeof(NxNerCache), sizeof(NxCacheEntry), entries);
}

NxNerCache *
nx_ner_cache_init(void *buf, size_t size)
{
	NxNerCache *c = buf;
	uint64_t	mask;
	void	   *e = nx_cache_layout(buf, size, sizeof(NxNerCache), sizeof(NxCacheEntry), &mask);

	if (!e)
		return NULL;
	c->e = e;
	c->mask = mask;
	return c;
}

/* The entry a text of hash h has its place in. */
static inline NxCacheEntry *
cache_entry(const NxNerCache *c, uint64_t h)
{
	return &c->e[nx_mix64(h) & c->mask];
}

/* Ask the CPU for the entry of a text of hash h (it spans up to three cache lines). */
static inline void
cache_prefetch(const NxNerCache *c, uint64_t h)
{
#if defined(__GNUC__)
	const char *p = (const char *) cache_entry(c, h);

	__builtin_prefetch(p);
	__builtin_prefetch(p + 64);
	__builtin_prefetch(p + sizeof(NxCacheEntry) - 1);
#else
	(void) c;
	(void) h;
#endif
}

/*
 * Properties of every token: its text's hashes, case and shape, its
 * clusters.  They depend on the token's bytes alone, so a text seen
 * before in the document (most tokens of news: the, said, the names) is
 * copied from its first token (nx_same_text) instead of analysed again,
 * and a text an earlier document analysed from the cache, if there is
 * one and it still holds the text.
 */
static void
analyse_tokens(NxNerDoc *d)
{
	const NxDoc *doc = d->doc;
	NxNerCache *c = d->res.cache;
	NxSameText	same;
	uint64_t	ahead[NX_CLUSTER_AHEAD];

	nx_same_text_init(&same, doc, d->a);
	for (size_t i = 0; i < doc->ntok; i++)
	{
		uint64_t	h = nx_cluster_hash_ahead(doc, i, d->res.clusters, d->res.vclusters, ahead);
		size_t		f = nx_same_text_hashed(&same, doc, i, h);
		const char *s = doc->text + doc->tok[i].b;
		size_t		blen = doc->tok[i].blen;
		NxCacheEntry *e;

		if ((i & 1023) == 0)
			nx_check_interrupts(d->a);
		/* ahead[] now holds the hash of token i + NX_CLUSTER_AHEAD */
		if (c && i + NX_CLUSTER_AHEAD < doc->ntok)
			cache_prefetch(c, ahead[i % NX_CLUSTER_AHEAD]);
		if (f < i)
		{
			d->ti[i] = d->ti[f];
			continue;
		}
		if (!c || blen == 0 || blen > NX_CACHE_TEXT)
		{
			analyse_one(d, s, blen, nx_key_final(h), &d->ti[i]);
			continue;
		}
		e = cache_entry(c, h);
		if (e->h == h && e->len == blen && memcmp(e->text, s, blen) == 0)
		{
			d->ti[i] = e->ti;
			continue;
		}
		analyse_one(d, s, blen, nx_key_final(h), &d->ti[i]);
		e->h = h;
		e->len = (uint8_t) blen;
		memcpy(e->text, s, blen);
		e->ti = d->ti[i];
		e->ti.wid = 0;
	}
	nx_same_text_free(&same, d->a);
}

/*
 * Flags of a sentence's tokens: its first word, and all of them in a
 * headline in capitals or in title case (of its words of four letters or
 * more, TITLE_MIN_WORDS or more capitalised and at most one in
 * TITLE_LOWER_SHARE in lower case).
 */
#define TITLE_MIN_WORDS		3
#define TITLE_LOWER_SHARE	5
#define TITLE_WORD_BYTES	4

static void
sent_case(TokInfo *ti, const NxToken *tok, size_t n)
{
	int			nup = 0,
				nlow = 0,
				ninit_long = 0,
				nlow_long = 0;
	size_t		k;

	for (k = 0; k < n; k++)
	{
		if (ti[k].cap == CAP_LOWER || ti[k].cap == CAP_INIT || ti[k].cap == CAP_MIXED)
			nlow++;
		else if (ti[k].cap == CAP_ALL || ti[k].cap == CAP_ONE)
			nup++;
		if (tok[k].blen >= TITLE_WORD_BYTES && ti[k].cap == CAP_INIT)
			ninit_long++;
		else if (tok[k].blen >= TITLE_WORD_BYTES && ti[k].cap == CAP_LOWER)
			nlow_long++;
	}
	for (k = 0; k < n && ti[k].cap == CAP_NONE && !(ti[k].flags & TF_DIGIT); k++)
		;
	if (k < n)
		ti[k].flags |= TF_SFIRST;
	if (nup >= 2 && nlow * 4 <= nup)
		for (k = 0; k < n; k++)
			ti[k].flags |= TF_SCAPS;
	else if (ninit_long >= TITLE_MIN_WORDS && nlow_long * TITLE_LOWER_SHARE <= ninit_long)
		for (k = 0; k < n; k++)
			ti[k].flags |= TF_STITLE;
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
		sent_case(ti, doc->tok + se->tok, se->ntok);
		sent_lexicon(d->res.lex, ti, se->ntok);
		sent_runs(ti, doc->tok + se->tok, se->ntok, title);
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
		int			informative = !(t->flags & (TF_SFIRST | TF_SCAPS | TF_STITLE));

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
	d->nhard = 0;
	for (size_t i = 0; i < ntok; i++)
	{
		const TokInfo *t = &d->ti[i];

		d->easy[i] = (t->cap == CAP_LOWER || t->cap == CAP_NONE) &&
			!(t->flags & TF_DIGIT) && !t->gazB;
		d->nhard += !d->easy[i];
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

/*
 * Left and right neighbours (folded) of the first mentions of capitalised
 * words, and the context classes (NxLexicon) of the neighbours of all
 * their mentions: Donald before one Trump makes every Trump a person's
 * name, Inc after one Acme a company's.
 */
static NxStatus
context_aggregation(NxNerDoc *d)
{
	const NxDoc *doc = d->doc;
	uint32_t	mask = d->res.lex->context_classes;

	d->agg = nx_alloc(d->a, (d->nwords + 1) * 2 * AGG_K * sizeof(uint64_t));
	d->aggcls = nx_alloc(d->a, (d->nwords + 1) * 2 * sizeof(uint32_t));
	if (!d->agg || !d->aggcls)
		return NX_ENOMEM;
	memset(d->agg, 0, (d->nwords + 1) * 2 * AGG_K * sizeof(uint64_t));
	memset(d->aggcls, 0, (d->nwords + 1) * 2 * sizeof(uint32_t));
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
			if (k > 0)
				d->aggcls[(size_t) ti[k].wid * 2] |= (ti[k - 1].gazB | ti[k - 1].gazI) & mask;
			if (k + 1 < se->ntok)
				d->aggcls[(size_t) ti[k].wid * 2 + 1] |= (ti[k + 1].gazB | ti[k + 1].gazI) & mask;
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
	analyse_sentences(d, res->lex->title_classes);
	if (word_ids(d) != NX_OK || word_case(d) != NX_OK ||
		easy_tokens(d) != NX_OK || context_aggregation(d) != NX_OK)
		goto nomem;
	*out = d;
	return NX_OK;

nomem:
	nx_ner_doc_free(d);
	return NX_ENOMEM;
}

/*
 * Room for the second stage's sums of a paired model (nx_tagger.h's
 * NxPairSums): a slot of nlabels for every token that is not easy (the
 * tokens whose static features the first stage has), none set.  The
 * slots are the document's; the sums are made again for a model of
 * another label count.
 */
NxStatus
nx_ner_doc_pair(NxNerDoc *d, uint32_t nlabels)
{
	size_t		ntok = d->doc->ntok,
				nslot = 0;

	if (!d->pslot)
	{
		d->pslot = nx_alloc(d->a, (ntok + 1) * sizeof(uint32_t));
		d->pset = nx_alloc(d->a, ntok + 1);
		if (!d->pslot || !d->pset)
			return NX_ENOMEM;
		for (size_t i = 0; i < ntok; i++)
			d->pslot[i] = d->easy[i] ? NX_NO_SLOT : (uint32_t) nslot++;
	}
	if (!d->psum || d->pnl != nlabels)
	{
		NX_FREE_CLEAR(d->a, d->psum);
		d->psum = nx_alloc(d->a, (d->nhard + 1) * nlabels * sizeof(int32_t));
		if (!d->psum)
			return NX_ENOMEM;
		d->pnl = nlabels;
	}
	memset(d->pset, 0, ntok + 1);
	return NX_OK;
}

/* Tokens to read without their identity (training). */
void
nx_ner_doc_drop(NxNerDoc *d, const uint8_t *drop)
{
	d->drop = drop;
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
	NX_FREE_CLEAR(d->a, d->stage1);
	NX_FREE_CLEAR(d->a, d->fixed);
	NX_FREE_CLEAR(d->a, d->s1count);
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
