/*
 * newsx-train.c
 *	  Train an NER model from CoNLL-format data and write a newsx model file;
 *	  or evaluate / time an existing model on CoNLL-format data.
 *
 * Build (from the project root; links the core only):
 *
 *	 cc -O2 -std=c99 -Isrc/core -o newsx-train tools/newsx-train.c \
 *		src/core/nx_tagger.c src/core/nx_model.c src/core/nx_ner.c \
 *		src/core/nx_entities.c src/core/nx_text.c src/core/nx_alloc.c \
 *		$(pkg-config --cflags --libs icu-uc) -lm
 *
 * The shipped model (data/ner-en.model) is rebuilt with (about 45 s on
 * one core; deterministic):
 *
 *	 ./newsx-train --train ../shared/data/conll2003/train.jsonl \
 *		--dev ../shared/data/conll2003/dev.jsonl --lexicon data/lexicon \
 *		--clusters data/clusters.txt --train-lexicon --epochs 30 \
 *		--out data/ner-en.model
 *
 * train.jsonl and dev.jsonl are eng.train and eng.testa as running text:
 * training on them through nx_text gives the model the tokens it meets at
 * query time (hyphens and clitics split), which was worth 0.9 F1 on dev
 * over training on the CoNLL columns.  --train-lexicon adds the names
 * seen as entities in the training data as four more lexicon classes
 * (train-PER ...); a training document sees only the names of the other
 * folds, so the model learns how far to trust a name seen before (0.8 F1
 * on dev, mean of three seeds).  Options omitted use the defaults
 * printed by --help: BILOU, 2^19 buckets, two stages with 5-fold stage-1
 * labels, seed 1, gold history; each stage keeps its best dev epoch.
 * Evaluate a model (with a .jsonl dev, also nx_entities_extract by exact
 * character spans as ../shared/eval scores it, and --bench times the whole
 * path from text):
 *
 *	 ./newsx-train --model data/ner-en.model --dev FILE [--bench N] [--errors]
 *
 * Input: one token per line, the label in the last column (IOB1 or
 * IOB2), a blank line between sentences, -DOCSTART- between documents;
 * or, for a file named *.jsonl, one document a line, {"id", "text",
 * "entities": [[start, end, "TYPE"], ...]} with code-point offsets: the
 * text is cut by nx_text as at query time and the gold spans are mapped
 * onto its tokens (spans that do not fall on token boundaries are
 * counted).  With --model and a .jsonl --dev the tool also scores
 * nx_entities_extract by exact character spans, as ../shared/eval does.
 * Lexicons: every .txt file in DIR is a class named after the file, one entry a
 * line (tokens separated by spaces).  Clusters: bitstring TAB word [TAB
 * count] per line (Brown clusters).  Training is deterministic (--seed).
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nx_alloc.h"
#include "nx_entities.h"
#include "nx_fold.h"
#include "nx_hash.h"
#include "nx_model.h"
#include "nx_ner.h"
#include "nx_tagger.h"
#include "nx_text.h"

static const NxAlloc *A = &nx_malloc_alloc;

typedef struct Opts
{
	const char *train;
	const char *dev;
	const char *lexdir;
	const char *clusters;
	const char *out;
	const char *model;
	const char *name;
	int			epochs;
	int			bits;
	int			bilou;
	int			stages;
	int			folds;
	int			bench;
	int			gold_history;
	int			errors;
	int			runs;
	int			train_lexicon;
	const char *pred;
	unsigned long seed;
	int			verbose;
} Opts;

/* A gold entity of a JSONL document: code points [s, e), type name. */
typedef struct Span
{
	uint32_t	s,
				e;
	char		type[NX_TYPE_NAME_LEN + 1];
} Span;

/* A document: an NxDoc over its tokens, and gold chunk labels. */
typedef struct CDoc
{
	NxDoc		doc;
	char	   *text;
	char	  **tags;			/* raw tag per token */
	uint8_t    *gold;			/* model labels */
	uint8_t    *pred;
	uint8_t    *stage1;			/* stage-1 labels (jackknifed on training data) */
	NxNerDoc   *nd;
	char	   *id;				/* JSONL only: document id */
	Span	   *spans;			/* JSONL only: gold character spans */
	size_t		nspans;
} CDoc;

typedef struct Corpus
{
	CDoc	   *d;
	size_t		n;
	size_t		ntok;
} Corpus;

static void *
xalloc(size_t n)
{
	void	   *p = calloc(1, n ? n : 1);

	if (!p)
	{
		fprintf(stderr, "newsx-train: out of memory\n");
		exit(1);
	}
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
	{
		fprintf(stderr, "newsx-train: out of memory\n");
		exit(1);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t		n = strlen(s) + 1;
	char	   *p = xalloc(n);

	memcpy(p, s, n);
	return p;
}

/* Count code points of UTF-8 bytes (lead bytes). */
static uint32_t
nchars(const char *s, size_t n)
{
	uint32_t	c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

/* Rough token kind for CoNLL tokens (the NER features do not use it). */
static uint8_t
guess_kind(const char *s)
{
	unsigned char c = (unsigned char) s[0];

	if (c >= '0' && c <= '9')
		return NX_TOK_NUMBER;
	if (c < 0x80 && !((c | 32) >= 'a' && (c | 32) <= 'z'))
		return NX_TOK_PUNCT;
	return NX_TOK_WORD;
}

typedef struct Tok
{
	char	   *word;
	char	   *tag;
	int			sent_end;
} Tok;

/* Make a CDoc from tokens (sentence ends marked). */
static void
cdoc_make(CDoc *cd, Tok *t, size_t n)
{
	size_t		len = 0,
				nsent = 0,
				b = 0;
	uint32_t	c = 0;
	NxDoc	   *d = &cd->doc;

	for (size_t i = 0; i < n; i++)
	{
		len += strlen(t[i].word) + 1;
		nsent += t[i].sent_end;
	}
	memset(cd, 0, sizeof(*cd));
	cd->text = xalloc(len + 1);
	d->tok = xalloc(n * sizeof(NxToken));
	d->sent = xalloc((nsent + 1) * sizeof(NxSentence));
	cd->tags = xalloc(n * sizeof(char *));
	d->ntok = n;
	d->nsent = 0;
	for (size_t i = 0; i < n; i++)
	{
		size_t		wl = strlen(t[i].word);
		NxToken    *tk = &d->tok[i];

		memcpy(cd->text + b, t[i].word, wl);
		tk->b = (uint32_t) b;
		tk->blen = (uint32_t) wl;
		tk->c = c;
		tk->clen = nchars(t[i].word, wl);
		tk->kind = guess_kind(t[i].word);
		tk->sentence = (uint32_t) d->nsent;
		tk->flags = i > 0 ? NX_TF_SPACE_BEFORE : 0;
		c += tk->clen + 1;
		b += wl;
		cd->text[b++] = t[i].sent_end ? '\n' : ' ';
		cd->tags[i] = t[i].tag;
		free(t[i].word);
		if (t[i].sent_end)
		{
			NxSentence *se = &d->sent[d->nsent];
			uint32_t	start = d->nsent ? d->sent[d->nsent - 1].tok + d->sent[d->nsent - 1].ntok : 0;

			se->tok = start;
			se->ntok = (uint32_t) (i + 1 - start);
			d->nsent++;
		}
	}
	d->text = cd->text;
	d->len = b;
	d->nchars = c;
	d->a = A;
}

/* Read a CoNLL file into documents. */
static void
read_conll(const char *path, Corpus *co)
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		r;
	Tok		   *t = NULL;
	size_t		nt = 0,
				tcap = 0,
				dcap = 0;

	if (!f)
	{
		fprintf(stderr, "newsx-train: cannot open %s: %s\n", path, strerror(errno));
		exit(1);
	}
	memset(co, 0, sizeof(*co));
	for (;;)
	{
		int			docstart = 0,
					eof;

		r = getline(&line, &cap, f);
		eof = (r < 0);
		if (!eof)
		{
			while (r > 0 && (line[r - 1] == '\n' || line[r - 1] == '\r'))
				line[--r] = '\0';
			docstart = strncmp(line, "-DOCSTART-", 10) == 0;
		}
		if (eof || r == 0 || docstart)
		{
			if (nt > 0)
				t[nt - 1].sent_end = 1;
		}
		if ((eof || docstart) && nt > 0)
		{
			if (co->n == dcap)
			{
				dcap = dcap ? 2 * dcap : 256;
				co->d = xrealloc(co->d, dcap * sizeof(CDoc));
			}
			cdoc_make(&co->d[co->n++], t, nt);
			co->ntok += nt;
			nt = 0;
		}
		if (eof)
			break;
		if (r == 0 || docstart)
			continue;
		{
			char	   *first = strtok(line, " \t");
			char	   *last = first,
					   *x;

			while ((x = strtok(NULL, " \t")) != NULL)
				last = x;
			if (!first)
				continue;
			if (nt == tcap)
			{
				tcap = tcap ? 2 * tcap : 1024;
				t = xrealloc(t, tcap * sizeof(Tok));
			}
			t[nt].word = xstrdup(first);
			t[nt].tag = xstrdup(last == first ? "O" : last);
			t[nt].sent_end = 0;
			nt++;
		}
	}
	free(t);
	free(line);
	fclose(f);
}

/* ---- JSONL: running text cut by nx_text, gold character spans ---- */

/* A cursor over one line of JSON. */
typedef struct Js
{
	const char *p;
	const char *end;
} Js;

static void
js_ws(Js *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int
js_hex4(Js *j, uint32_t *v)
{
	*v = 0;
	if (j->end - j->p < 4)
		return 0;
	for (int k = 0; k < 4; k++)
	{
		char		c = *j->p++;

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (uint32_t) (c - '0');
		else if ((c | 32) >= 'a' && (c | 32) <= 'f')
			*v |= (uint32_t) ((c | 32) - 'a' + 10);
		else
			return 0;
	}
	return 1;
}

/* A JSON string as UTF-8 (malloc'd, NUL-terminated), or NULL. */
static char *
js_string(Js *j, size_t *len)
{
	char	   *buf;
	size_t		n = 0;

	js_ws(j);
	if (j->p >= j->end || *j->p != '"')
		return NULL;
	j->p++;
	buf = xalloc((size_t) (j->end - j->p) + 1);
	while (j->p < j->end && *j->p != '"')
	{
		char		c = *j->p++;
		uint32_t	u,
					lo;

		if (c != '\\')
		{
			buf[n++] = c;
			continue;
		}
		if (j->p >= j->end)
			break;
		c = *j->p++;
		switch (c)
		{
			case 'n':
				buf[n++] = '\n';
				break;
			case 't':
				buf[n++] = '\t';
				break;
			case 'r':
				buf[n++] = '\r';
				break;
			case 'b':
				buf[n++] = '\b';
				break;
			case 'f':
				buf[n++] = '\f';
				break;
			case 'u':
				if (!js_hex4(j, &u))
				{
					free(buf);
					return NULL;
				}
				if (u >= 0xD800 && u < 0xDC00 && j->end - j->p >= 6 &&
					j->p[0] == '\\' && j->p[1] == 'u')
				{
					Js			k = {j->p + 2, j->end};

					if (js_hex4(&k, &lo) && lo >= 0xDC00 && lo < 0xE000)
					{
						u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
						j->p = k.p;
					}
				}
				if (u >= 0xD800 && u < 0xE000)
					u = 0xFFFD;
				if (u < 0x80)
					buf[n++] = (char) u;
				else if (u < 0x800)
				{
					buf[n++] = (char) (0xC0 | (u >> 6));
					buf[n++] = (char) (0x80 | (u & 63));
				}
				else if (u < 0x10000)
				{
					buf[n++] = (char) (0xE0 | (u >> 12));
					buf[n++] = (char) (0x80 | ((u >> 6) & 63));
					buf[n++] = (char) (0x80 | (u & 63));
				}
				else
				{
					buf[n++] = (char) (0xF0 | (u >> 18));
					buf[n++] = (char) (0x80 | ((u >> 12) & 63));
					buf[n++] = (char) (0x80 | ((u >> 6) & 63));
					buf[n++] = (char) (0x80 | (u & 63));
				}
				break;
			default:
				buf[n++] = c;
		}
	}
	if (j->p >= j->end)
	{
		free(buf);
		return NULL;
	}
	j->p++;
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* Skip one JSON value. */
static int
js_skip(Js *j)
{
	char		c,
				close;

	js_ws(j);
	if (j->p >= j->end)
		return 0;
	c = *j->p;
	if (c == '"')
	{
		char	   *s = js_string(j, NULL);

		free(s);
		return s != NULL;
	}
	if (c != '{' && c != '[')
	{
		while (j->p < j->end && !strchr(",]} \t\r\n", *j->p))
			j->p++;
		return 1;
	}
	close = (c == '{') ? '}' : ']';
	j->p++;
	js_ws(j);
	if (j->p < j->end && *j->p == close)
	{
		j->p++;
		return 1;
	}
	for (;;)
	{
		if (c == '{')
		{
			char	   *k = js_string(j, NULL);

			if (!k)
				return 0;
			free(k);
			js_ws(j);
			if (j->p >= j->end || *j->p++ != ':')
				return 0;
		}
		if (!js_skip(j))
			return 0;
		js_ws(j);
		if (j->p < j->end && *j->p == ',')
		{
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close)
		{
			j->p++;
			return 1;
		}
		return 0;
	}
}

static int
js_expect(Js *j, char c)
{
	js_ws(j);
	if (j->p < j->end && *j->p == c)
	{
		j->p++;
		return 1;
	}
	return 0;
}

/* The "entities" array: [[start, end, "TYPE"], ...]. */
static int
js_spans(Js *j, Span **out, size_t *n)
{
	size_t		cap = 0;

	*out = NULL;
	*n = 0;
	if (!js_expect(j, '['))
		return 0;
	if (js_expect(j, ']'))
		return 1;
	for (;;)
	{
		Span		sp;
		char	   *t;
		char	   *e;

		if (!js_expect(j, '['))
			return 0;
		js_ws(j);
		sp.s = (uint32_t) strtoul(j->p, &e, 10);
		j->p = e;
		if (!js_expect(j, ','))
			return 0;
		js_ws(j);
		sp.e = (uint32_t) strtoul(j->p, &e, 10);
		j->p = e;
		if (!js_expect(j, ',') || !(t = js_string(j, NULL)))
			return 0;
		snprintf(sp.type, sizeof(sp.type), "%s", t);
		free(t);
		while (js_expect(j, ','))
			if (!js_skip(j))
				return 0;
		if (!js_expect(j, ']'))
			return 0;
		if (*n == cap)
		{
			cap = cap ? 2 * cap : 64;
			*out = xrealloc(*out, cap * sizeof(Span));
		}
		(*out)[(*n)++] = sp;
		if (js_expect(j, ','))
			continue;
		return js_expect(j, ']');
	}
}

/* Byte offset of code point cp in text (for messages). */
static size_t
cp_byte(const char *text, size_t len, uint32_t cp)
{
	size_t		b = 0;

	for (uint32_t c = 0; b < len; b++)
		if (((unsigned char) text[b] & 0xC0) != 0x80 && c++ == cp)
			break;
	return b;
}

static size_t align_bad,
			align_total;

/* Tags (IOB2) of nx_text tokens from gold character spans. */
static void
cdoc_tags(CDoc *cd)
{
	NxDoc	   *d = &cd->doc;
	size_t		i = 0;

	cd->tags = xalloc((d->ntok + 1) * sizeof(char *));
	for (size_t t = 0; t < d->ntok; t++)
		cd->tags[t] = "O";
	for (size_t k = 0; k < cd->nspans; k++)
	{
		const Span *sp = &cd->spans[k];
		int			first = 1,
					starts = 0,
					ends = 0;
		size_t		t;

		while (i > 0 && d->tok[i - 1].c >= sp->s)
			i--;
		while (i < d->ntok && d->tok[i].c < sp->s)
			i++;
		for (t = i; t < d->ntok && d->tok[t].c < sp->e; t++)
		{
			char		buf[NX_TYPE_NAME_LEN + 3];

			if (nx_tok_cend(&d->tok[t]) > sp->e)
				break;
			starts |= d->tok[t].c == sp->s;
			ends |= nx_tok_cend(&d->tok[t]) == sp->e;
			snprintf(buf, sizeof(buf), "%c-%s", first ? 'B' : 'I', sp->type);
			cd->tags[t] = xstrdup(buf);
			first = 0;
		}
		align_total++;
		if (!starts || !ends || (t > i && d->tok[i].sentence != d->tok[t - 1].sentence))
		{
			align_bad++;
			if (getenv("NX_SHOW_ALIGN"))
			{
				size_t		b = cp_byte(cd->text, strlen(cd->text), sp->s),
							be = cp_byte(cd->text, strlen(cd->text), sp->e);

				fprintf(stderr, "align: %s %s \"%.*s\"\n", cd->id, sp->type,
						(int) (be - b), cd->text + b);
			}
		}
	}
}

/* Read a JSONL file ({"id", "text", "entities"} per line) into documents. */
static void
read_jsonl(const char *path, Corpus *co)
{
	FILE	   *f = fopen(path, "r");
	char	   *line = NULL;
	size_t		cap = 0,
				dcap = 0;
	ssize_t		r;
	size_t		lineno = 0;

	if (!f)
	{
		fprintf(stderr, "newsx-train: cannot open %s: %s\n", path, strerror(errno));
		exit(1);
	}
	memset(co, 0, sizeof(*co));
	while ((r = getline(&line, &cap, f)) >= 0)
	{
		Js			j = {line, line + r};
		CDoc		cd;
		size_t		tlen = 0;

		lineno++;
		memset(&cd, 0, sizeof(cd));
		if (!js_expect(&j, '{'))
			continue;
		if (!js_expect(&j, '}'))
			for (;;)
			{
				char	   *k = js_string(&j, NULL);
				int			ok;

				if (!k || !js_expect(&j, ':'))
				{
					fprintf(stderr, "newsx-train: %s:%zu: bad JSON\n", path, lineno);
					exit(1);
				}
				if (strcmp(k, "id") == 0)
					ok = (cd.id = js_string(&j, NULL)) != NULL;
				else if (strcmp(k, "text") == 0)
					ok = (cd.text = js_string(&j, &tlen)) != NULL;
				else if (strcmp(k, "entities") == 0)
					ok = js_spans(&j, &cd.spans, &cd.nspans);
				else
					ok = js_skip(&j);
				free(k);
				if (!ok)
				{
					fprintf(stderr, "newsx-train: %s:%zu: bad JSON\n", path, lineno);
					exit(1);
				}
				if (js_expect(&j, ','))
					continue;
				if (js_expect(&j, '}'))
					break;
				fprintf(stderr, "newsx-train: %s:%zu: bad JSON\n", path, lineno);
				exit(1);
			}
		if (!cd.text)
			continue;
		if (!cd.id)
			cd.id = xstrdup("");
		if (nx_doc_parse(&cd.doc, cd.text, tlen, A) != NX_OK)
		{
			fprintf(stderr, "newsx-train: %s:%zu: cannot parse the text\n", path, lineno);
			exit(1);
		}
		cdoc_tags(&cd);
		if (co->n == dcap)
		{
			dcap = dcap ? 2 * dcap : 256;
			co->d = xrealloc(co->d, dcap * sizeof(CDoc));
		}
		co->d[co->n++] = cd;
		co->ntok += cd.doc.ntok;
	}
	free(line);
	fclose(f);
	if (align_total)
		fprintf(stderr, "%s: %zu of %zu gold spans not on token boundaries\n", path, align_bad, align_total);
	align_bad = align_total = 0;
}

/* Read CoNLL columns, or JSONL if the name ends in .jsonl. */
static void
read_corpus(const char *path, Corpus *co)
{
	size_t		l = strlen(path);

	if (l > 6 && strcmp(path + l - 6, ".jsonl") == 0)
		read_jsonl(path, co);
	else
		read_conll(path, co);
}

/* Types named in the tags of a corpus, sorted. */
static size_t
corpus_types(const Corpus *co, char types[][NX_TYPE_NAME_LEN + 1], size_t max)
{
	size_t		n = 0;

	for (size_t i = 0; i < co->n; i++)
		for (size_t j = 0; j < co->d[i].doc.ntok; j++)
		{
			const char *tg = co->d[i].tags[j];
			size_t		k;

			if (strlen(tg) < 3 || tg[1] != '-' || strlen(tg + 2) > NX_TYPE_NAME_LEN)
				continue;
			for (k = 0; k < n; k++)
				if (strcmp(types[k], tg + 2) == 0)
					break;
			if (k == n && n < max)
				strcpy(types[n++], tg + 2);
		}
	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++)
			if (strcmp(types[a], types[b]) > 0)
			{
				char		tmp[NX_TYPE_NAME_LEN + 1];

				strcpy(tmp, types[a]);
				strcpy(types[a], types[b]);
				strcpy(types[b], tmp);
			}
	return n;
}

/* Gold labels of the model label set from raw IOB1/IOB2 tags. */
static void
corpus_gold(Corpus *co, const NxLabelSet *ls)
{
	NxLabelSet	bio;
	char		err[200];
	const char *tn[NX_MAX_TYPES];

	for (uint32_t t = 0; t < ls->ntypes; t++)
		tn[t] = ls->type_name[t];
	if (nx_labels_make(&bio, 0, tn, ls->ntypes, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "newsx-train: %s\n", err);
		exit(1);
	}
	for (size_t i = 0; i < co->n; i++)
	{
		CDoc	   *cd = &co->d[i];
		size_t		n = cd->doc.ntok;
		uint8_t    *raw = xalloc(n);

		cd->gold = xalloc(n);
		cd->pred = xalloc(n);
		cd->stage1 = xalloc(n);
		for (size_t j = 0; j < n; j++)
		{
			const char *tg = cd->tags[j];

			raw[j] = bio.outside;
			for (uint32_t l = 0; l < bio.n; l++)
				if (strcmp(bio.name[l], tg) == 0)
					raw[j] = (uint8_t) l;
		}
		for (size_t s = 0; s < cd->doc.nsent; s++)
		{
			const NxSentence *se = &cd->doc.sent[s];
			NxChunk    *ch = xalloc((se->ntok + 1) * sizeof(NxChunk));
			size_t		k = nx_labels_chunks(&bio, raw + se->tok, se->ntok, ch, se->ntok + 1);

			nx_labels_from_chunks(ls, ch, k, cd->gold + se->tok, se->ntok);
			free(ch);
		}
		free(raw);
	}
}

/* ---- lexicons and clusters ---- */

typedef struct LexBuild
{
	NxLexSlot  *s;
	size_t		n,
				cap;
	uint32_t	maxlen;
} LexBuild;

static void
lex_push(LexBuild *lb, uint64_t key, uint32_t classes, uint32_t flags)
{
	if (lb->n == lb->cap)
	{
		lb->cap = lb->cap ? 2 * lb->cap : 4096;
		lb->s = xrealloc(lb->s, lb->cap * sizeof(NxLexSlot));
	}
	lb->s[lb->n].key = key;
	lb->s[lb->n].classes = classes;
	lb->s[lb->n].flags = flags;
	lb->n++;
}

/* Add one entry given as tokens. */
static void
lex_add_tokens(LexBuild *lb, char **tok, size_t n, uint32_t cls)
{
	uint64_t	h = NX_FNV_OFFSET;

	if (n == 0 || n > 16)
		return;
	for (size_t k = 0; k < n; k++)
	{
		char		buf[256];
		size_t		fl = nx_fold(tok[k], strlen(tok[k]), buf, sizeof(buf));

		h = nx_key_add(h, nx_fnv1a64(buf, fl));
		lex_push(lb, nx_key_final(h), k + 1 == n ? (UINT32_C(1) << cls) : 0,
				 k + 1 == n ? NX_LEX_ENTRY : NX_LEX_PREFIX);
	}
	if (n > lb->maxlen)
		lb->maxlen = (uint32_t) n;
}

/* Add an entry line: split on spaces; also a variant with hyphens split off. */
static void
lex_add_line(LexBuild *lb, char *line, uint32_t cls)
{
	char	   *tok[64],
				buf[1024],
			   *p;
	size_t		n = 0;
	int			hyphen = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (p = strtok(buf, " \t\r\n"); p && n < 64; p = strtok(NULL, " \t\r\n"))
	{
		tok[n++] = p;
		if (strchr(p + 1, '-'))
			hyphen = 1;
	}
	lex_add_tokens(lb, tok, n, cls);
	if (hyphen)
	{
		char		buf2[2048];
		size_t		m = 0,
					k = 0;

		for (size_t i = 0; i < n && k < sizeof(buf2) - 8; i++)
		{
			const char *s = tok[i];

			if (i > 0)
				buf2[k++] = ' ';
			for (size_t j = 0; s[j] && k < sizeof(buf2) - 8; j++)
			{
				if (s[j] == '-' && j > 0 && s[j + 1])
				{
					buf2[k++] = ' ';
					buf2[k++] = '-';
					buf2[k++] = ' ';
				}
				else
					buf2[k++] = s[j];
			}
		}
		buf2[k] = '\0';
		n = 0;
		for (p = strtok(buf2, " "); p && n < 64; p = strtok(NULL, " "))
			tok[n++] = p;
		(void) m;
		lex_add_tokens(lb, tok, n, cls);
	}
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Lexicon entries and class names read so far. */
typedef struct LexSrc
{
	LexBuild	lb;
	const char *names[NX_LEX_MAX_CLASSES];
	size_t		nclasses;
} LexSrc;

/* Build a LEXICON section from entries. */
static void
build_lexicon(const LexSrc *src, void **sec, size_t *seclen, NxLexicon *lex)
{
	char		err[200];

	if (nx_lexicon_build(src->lb.s, src->lb.n, src->lb.maxlen ? src->lb.maxlen : 1,
						 src->names, src->nclasses, sec, seclen, A) != NX_OK ||
		nx_lexicon_parse(*sec, *seclen, lex, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "newsx-train: cannot build the lexicon table\n");
		exit(1);
	}
}

/* Read the .txt lexicons of a directory into src. */
static void
load_lexicons(const char *dir, LexSrc *src)
{
	DIR		   *dh = opendir(dir);
	struct dirent *de;
	char	   *files[NX_LEX_MAX_CLASSES * 4];
	size_t		nf = 0;
	LexBuild	lb = {0};
	const char **names = src->names;

	if (!dh)
	{
		fprintf(stderr, "newsx-train: cannot open lexicon directory %s: %s\n", dir, strerror(errno));
		exit(1);
	}
	while ((de = readdir(dh)) != NULL)
	{
		size_t		l = strlen(de->d_name);

		if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0 && nf < NX_LEX_MAX_CLASSES)
			files[nf++] = xstrdup(de->d_name);
	}
	closedir(dh);
	qsort(files, nf, sizeof(char *), cmpstr);
	for (size_t c = 0; c < nf; c++)
	{
		char		path[4096];
		FILE	   *f;
		char	   *line = NULL;
		size_t		cap = 0;
		size_t		cnt = 0;

		snprintf(path, sizeof(path), "%s/%s", dir, files[c]);
		files[c][strlen(files[c]) - 4] = '\0';
		if (strlen(files[c]) >= NX_LEX_CLASS_LEN)
			files[c][NX_LEX_CLASS_LEN - 1] = '\0';
		names[c] = files[c];
		f = fopen(path, "r");
		if (!f)
		{
			fprintf(stderr, "newsx-train: cannot open %s\n", path);
			exit(1);
		}
		while (getline(&line, &cap, f) >= 0)
		{
			if (line[0] == '#' || line[0] == '\n')
				continue;
			lex_add_line(&lb, line, (uint32_t) c);
			cnt++;
		}
		free(line);
		fclose(f);
		fprintf(stderr, "lexicon %-24s %zu entries\n", files[c], cnt);
	}
	src->lb = lb;
	src->nclasses = nf;
}

/* Is a token all lower case (letters, none upper case; ASCII test)? */
static int
lower_word(const char *s, size_t len)
{
	int			low = 0;

	for (size_t i = 0; i < len; i++)
	{
		if (s[i] >= 'A' && s[i] <= 'Z')
			return 0;
		if (s[i] >= 'a' && s[i] <= 'z')
			low = 1;
	}
	return low;
}

/* Does a word have a capital letter (or a letter outside ASCII)? */
static int
name_word(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'A' && *s <= 'Z') || (unsigned char) *s >= 0x80)
			return 1;
	return 0;
}

static int
cmpu64(const void *a, const void *b)
{
	uint64_t	x = *(const uint64_t *) a,
				y = *(const uint64_t *) b;

	return x < y ? -1 : x > y;
}

/*
 * Add the gold entities of the training documents i with i % folds != skip
 * (skip < 0: all of them) to src as classes first_class + type ("names seen
 * in training", Ratinov and Roth's gazetteers from the training data).  A
 * one-word name that the training text also writes in lower case is left
 * out (May, Bank), and so is one without a capital letter (a stray full
 * stop).
 */
static void
lex_add_training(LexSrc *src, const Corpus *co, const NxLabelSet *ls,
				 size_t first_class, int folds, int skip)
{
	static uint64_t *lower = NULL;
	static size_t nlower = 0;

	if (!lower)
	{
		size_t		cap = 0;

		for (size_t i = 0; i < co->n; i++)
			cap += co->d[i].doc.ntok;
		lower = xalloc((cap + 1) * sizeof(uint64_t));
		for (size_t i = 0; i < co->n; i++)
			for (size_t j = 0; j < co->d[i].doc.ntok; j++)
			{
				const NxToken *t = &co->d[i].doc.tok[j];
				const char *w = co->d[i].doc.text + t->b;

				if (lower_word(w, t->blen))
					lower[nlower++] = nx_fnv1a64(w, t->blen);
			}
		qsort(lower, nlower, sizeof(uint64_t), cmpu64);
	}
	for (size_t i = 0; i < co->n; i++)
	{
		const CDoc *cd = &co->d[i];

		if (skip >= 0 && (int) (i % (size_t) folds) == skip)
			continue;
		for (size_t s = 0; s < cd->doc.nsent; s++)
		{
			const NxSentence *se = &cd->doc.sent[s];
			NxChunk		ch[256];
			size_t		k = nx_labels_chunks(ls, cd->gold + se->tok, se->ntok, ch, 256);

			for (size_t c = 0; c < k && c < 256; c++)
			{
				size_t		n = ch[c].end - ch[c].start;
				char		buf[16][128];
				char	   *tok[16];

				if (n == 0 || n > 16)
					continue;
				for (size_t j = 0; j < n; j++)
				{
					const NxToken *t = &cd->doc.tok[se->tok + ch[c].start + j];
					size_t		len = t->blen < 127 ? t->blen : 127;

					memcpy(buf[j], cd->doc.text + t->b, len);
					buf[j][len] = '\0';
					tok[j] = buf[j];
				}
				if (n == 1 && !name_word(tok[0]))
					continue;
				if (n == 1)
				{
					char		fb[256];
					size_t		fl = nx_fold(tok[0], strlen(tok[0]), fb, sizeof(fb));
					uint64_t	h = nx_fnv1a64(fb, fl);

					if (bsearch(&h, lower, nlower, sizeof(uint64_t), cmpu64))
						continue;
				}
				lex_add_tokens(&src->lb, tok, n, (uint32_t) (first_class + ch[c].type));
			}
		}
	}
}

static void *read_file(const char *path, size_t *len);

/* Read Brown clusters into a CLUSTERS section. */
static void
load_clusters(const char *path, void **sec, size_t *seclen, NxClusters *cl)
{
	size_t		len,
				n;
	char	   *text = read_file(path, &len);
	char		err[200];

	if (nx_clusters_from_text(text, len, sec, seclen, &n, A) != NX_OK ||
		nx_clusters_parse(*sec, *seclen, cl, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "newsx-train: cannot build the cluster table\n");
		exit(1);
	}
	fprintf(stderr, "clusters: %zu words\n", n);
	free(text);
}

/* ---- evaluation (conlleval: exact chunks, micro-averaged) ---- */

typedef struct Score
{
	size_t		tp[NX_MAX_TYPES + 1],
				np[NX_MAX_TYPES + 1],
				ng[NX_MAX_TYPES + 1];
} Score;

static void
score_seq(Score *sc, const NxLabelSet *ls, const uint8_t *gold, const uint8_t *pred, size_t n)
{
	NxChunk    *g = xalloc((n + 1) * sizeof(NxChunk)),
			   *p = xalloc((n + 1) * sizeof(NxChunk));
	size_t		ng = nx_labels_chunks(ls, gold, n, g, n + 1),
				np = nx_labels_chunks(ls, pred, n, p, n + 1);
	size_t		T = ls->ntypes;

	for (size_t i = 0; i < ng; i++)
	{
		sc->ng[g[i].type]++;
		sc->ng[T]++;
	}
	for (size_t j = 0; j < np; j++)
	{
		sc->np[p[j].type]++;
		sc->np[T]++;
		for (size_t i = 0; i < ng; i++)
			if (g[i].start == p[j].start && g[i].end == p[j].end && g[i].type == p[j].type)
			{
				sc->tp[p[j].type]++;
				sc->tp[T]++;
				break;
			}
	}
	free(g);
	free(p);
}

static double
f1(size_t tp, size_t np, size_t ng)
{
	double		p = np ? (double) tp / np : 0,
				r = ng ? (double) tp / ng : 0;

	return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static void
score_print(const Score *sc, const NxLabelSet *ls, const char *what)
{
	size_t		T = ls->ntypes;

	printf("%s:", what);
	for (size_t t = 0; t <= T; t++)
		printf(" %s=%.2f", t < T ? ls->type_name[t] : "all",
			   100 * f1(sc->tp[t], sc->np[t], sc->ng[t]));
	printf(" (p=%.2f r=%.2f)\n",
		   100.0 * (sc->np[T] ? (double) sc->tp[T] / sc->np[T] : 0),
		   100.0 * (sc->ng[T] ? (double) sc->tp[T] / sc->ng[T] : 0));
	fflush(stdout);
}

/* Decode a corpus with a model; fill pred; return the score. */
static double
evaluate(Corpus *co, const NxModel *m, int stages, Score *sc)
{
	memset(sc, 0, sizeof(*sc));
	for (size_t i = 0; i < co->n; i++)
	{
		CDoc	   *cd = &co->d[i];

		nx_ner_doc_decode(cd->nd, m, stages, cd->pred, NULL);
		for (size_t s = 0; s < cd->doc.nsent; s++)
		{
			const NxSentence *se = &cd->doc.sent[s];

			score_seq(sc, &m->labels, cd->gold + se->tok, cd->pred + se->tok, se->ntok);
		}
	}
	return f1(sc->tp[m->labels.ntypes], sc->np[m->labels.ntypes], sc->ng[m->labels.ntypes]);
}

/* Type names folded as the referee folds them (PERSON -> PER). */
static const char *
fold_type(const char *t)
{
	return strcmp(t, "PERSON") == 0 ? "PER" : t;
}

/*
 * Score nx_entities_extract on a JSONL corpus by exact character spans and
 * type, micro-averaged, as ../shared/eval/score.py does.  With pred, write
 * id, pos (1-based), len, type, entity, canonical, key per row; with
 * errors, print missed and spurious spans.
 */
static void
eval_spans(Corpus *co, const NxModel *m, FILE *pred, int errors)
{
	static const char *const T[] = {"PER", "ORG", "LOC", "MISC"};
	size_t		tp[5] = {0},
				np[5] = {0},
				ng[5] = {0};

	for (size_t i = 0; i < co->n; i++)
	{
		CDoc	   *cd = &co->d[i];
		NxEnt	   *e;
		size_t		ne;
		char	   *hit;

		if (nx_entities_extract(m, &cd->doc, &e, &ne, A) != NX_OK)
		{
			fprintf(stderr, "newsx-train: nx_entities_extract failed\n");
			exit(1);
		}
		hit = xalloc(cd->nspans + 1);
		for (size_t k = 0; k < ne; k++)
		{
			const char *ty = fold_type(e[k].type);
			int			ok = 0;

			for (int t = 0; t < 4; t++)
				if (strcmp(ty, T[t]) == 0)
					np[t]++, np[4]++;
			for (size_t g = 0; g < cd->nspans; g++)
				if (cd->spans[g].s == e[k].c && cd->spans[g].e == e[k].c + e[k].clen &&
					strcmp(cd->spans[g].type, ty) == 0)
				{
					ok = 1;
					hit[g] = 1;
					for (int t = 0; t < 4; t++)
						if (strcmp(ty, T[t]) == 0)
							tp[t]++, tp[4]++;
				}
			if (pred)
				fprintf(pred, "%s\t%u\t%u\t%s\t%.*s\t%s\t%s\n", cd->id, e[k].c + 1, e[k].clen,
						e[k].type, (int) e[k].blen, cd->text + e[k].b, e[k].canonical, e[k].key);
			if (errors && !ok)
				printf("spurious %s %s \"%.*s\" (conf %.2f)\n", cd->id, ty,
					   (int) e[k].blen, cd->text + e[k].b, e[k].conf);
		}
		for (size_t g = 0; g < cd->nspans; g++)
		{
			for (int t = 0; t < 4; t++)
				if (strcmp(cd->spans[g].type, T[t]) == 0)
					ng[t]++, ng[4]++;
			if (errors && !hit[g])
			{
				size_t		b = cp_byte(cd->text, strlen(cd->text), cd->spans[g].s);
				size_t		be = cp_byte(cd->text, strlen(cd->text), cd->spans[g].e);

				printf("missed   %s %s \"%.*s\"\n", cd->id, cd->spans[g].type,
					   (int) (be - b), cd->text + b);
			}
		}
		free(hit);
		nx_free(A, e);
	}
	for (int t = 0; t < 5; t++)
	{
		double		p = np[t] ? (double) tp[t] / np[t] : 0,
					r = ng[t] ? (double) tp[t] / ng[t] : 0;

		printf("%-5s p=%.4f r=%.4f f1=%.4f gold=%zu pred=%zu\n", t < 4 ? T[t] : "all",
			   p, r, p + r > 0 ? 2 * p * r / (p + r) : 0, ng[t], np[t]);
	}
}

/* Per-document feature state for every document of a corpus. */
static void
corpus_prepare(Corpus *co, const NxNerRes *res, const NxNerRes *fold_res, int folds)
{
	for (size_t i = 0; i < co->n; i++)
		if (nx_ner_doc_init(&co->d[i].nd, fold_res ? &fold_res[i % (size_t) folds] : res,
							&co->d[i].doc, A) != NX_OK)
		{
			fprintf(stderr, "newsx-train: out of memory\n");
			exit(1);
		}
}

/* ---- training ---- */

static uint64_t rng_state;

static uint64_t
rng(void)
{
	uint64_t	x = rng_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

/*
 * Train one stage on the documents idx[0..n) for the given epochs; if dev
 * is given, evaluate after each epoch and keep the best weights.  stage 2
 * uses each document's stage1 labels.  Returns the int16 weights.
 */
static int16_t *
train_stage(const Opts *o, Corpus *co, size_t *idx, size_t n, Corpus *dev,
			NxModel *m, int stage, float *scale_out, int *best_epoch, const char *what)
{
	NxTrainer	tr;
	size_t		nw = ((size_t) 1 << o->bits) * m->labels.n;
	int16_t    *w = xalloc(nw * sizeof(int16_t));
	int16_t    *best = NULL;
	double		bestf = -1;
	float		scale = 1;

	if (nx_trainer_init(&tr, (uint32_t) o->bits, m->labels.n, A) != NX_OK)
	{
		fprintf(stderr, "newsx-train: out of memory\n");
		exit(1);
	}
	tr.gold_history = o->gold_history;
	for (int ep = 1; ep <= o->epochs; ep++)
	{
		size_t		mistakes = 0,
					ntok = 0;
		clock_t		t0 = clock();

		for (size_t i = n; i > 1; i--)
		{
			size_t		j = rng() % i,
						x = idx[i - 1];

			idx[i - 1] = idx[j];
			idx[j] = x;
		}
		for (size_t k = 0; k < n; k++)
		{
			CDoc	   *cd = &co->d[idx[k]];

			nx_ner_doc_stage(cd->nd, stage == 2 ? cd->stage1 : NULL);
			for (size_t s = 0; s < cd->doc.nsent; s++)
			{
				NxSeq		seq;
				size_t		st = cd->doc.sent[s].tok;

				nx_ner_doc_seq(cd->nd, s, &seq);
				mistakes += nx_trainer_learn(&tr, &m->labels, &seq, cd->gold + st, cd->pred + st);
				ntok += seq.ntok;
			}
		}
		nx_trainer_export(&tr, w, &scale);
		m->stage[stage - 1].w = w;
		m->stage[stage - 1].log2 = (uint32_t) o->bits;
		m->stage[stage - 1].nlabels = m->labels.n;
		m->stage[stage - 1].scale = scale;
		if (o->verbose)
			fprintf(stderr, "%s epoch %d: %zu tokens, %.2f%% mistakes, %.1fs\n", what, ep, ntok,
					100.0 * mistakes / (ntok ? ntok : 1), (double) (clock() - t0) / CLOCKS_PER_SEC);
		if (dev)
		{
			Score		sc;
			double		f = evaluate(dev, m, stage, &sc);
			char		lab[64];

			snprintf(lab, sizeof(lab), "%s epoch %2d dev", what, ep);
			score_print(&sc, &m->labels, lab);
			if (f > bestf)
			{
				bestf = f;
				if (!best)
					best = xalloc(nw * sizeof(int16_t));
				memcpy(best, w, nw * sizeof(int16_t));
				*scale_out = scale;
				*best_epoch = ep;
			}
		}
	}
	nx_trainer_free(&tr);
	if (best)
	{
		free(w);
		return best;
	}
	*scale_out = scale;
	*best_epoch = o->epochs;
	return w;
}

/*
 * train_stage over o->runs shuffles (seeds seed, seed + 1, ...), each
 * stopped at its best dev epoch, and the weights averaged: the average of
 * several perceptrons varies less from one seed to the next than one.
 */
static int16_t *
train_runs(const Opts *o, Corpus *co, size_t *idx, size_t n, Corpus *dev,
		   NxModel *m, int stage, float *scale_out, int *best_epoch, const char *what)
{
	size_t		nw = ((size_t) 1 << o->bits) * m->labels.n;
	float	   *sum;
	int16_t    *w = NULL;
	float		maxabs = 0,
				sc;
	int			ep_sum = 0;

	if (o->runs <= 1)
		return train_stage(o, co, idx, n, dev, m, stage, scale_out, best_epoch, what);
	sum = xalloc(nw * sizeof(float));
	for (int r = 0; r < o->runs; r++)
	{
		int			ep;

		rng_state = (o->seed + (unsigned long) r) * UINT64_C(0x9E3779B97F4A7C15) + 1;
		w = train_stage(o, co, idx, n, dev, m, stage, &sc, &ep, what);
		for (size_t i = 0; i < nw; i++)
			sum[i] += (float) w[i] / sc;
		ep_sum += ep;
		free(w);
	}
	for (size_t i = 0; i < nw; i++)
		if (fabsf(sum[i]) > maxabs)
			maxabs = fabsf(sum[i]);
	sc = maxabs > 0 ? 32000.0f / maxabs : 1.0f;
	w = xalloc(nw * sizeof(int16_t));
	for (size_t i = 0; i < nw; i++)
		w[i] = (int16_t) lrintf(sum[i] * sc);
	free(sum);
	*scale_out = sc;
	*best_epoch = (ep_sum + o->runs / 2) / o->runs;
	m->stage[stage - 1].w = w;
	m->stage[stage - 1].scale = sc;
	if (dev)
	{
		Score		scr;
		char		lab[64];

		evaluate(dev, m, stage, &scr);
		snprintf(lab, sizeof(lab), "%s average of %d runs dev", what, o->runs);
		score_print(&scr, &m->labels, lab);
	}
	return w;
}

static void
usage(void)
{
	fprintf(stderr,
			"usage: newsx-train --train FILE[,FILE...] [--dev FILE] --out MODEL [options]\n"
			"       newsx-train --model MODEL --dev FILE [--bench N]\n"
			"options:\n"
			"  --lexicon DIR     lexicons: DIR holds one .txt per class\n"
			"  --clusters FILE   Brown clusters (bits TAB word [TAB count])\n"
			"  --epochs N        training epochs (default 15); with --dev the best is kept\n"
			"  --bits B          log2 of weight buckets (default 19)\n"
			"  --scheme S        bilou (default) or bio\n"
			"  --stages N        1 or 2 (default 2: document-level second stage)\n"
			"  --folds K         folds for stage-1 labels of training data (default 5)\n"
			"  --seed N          shuffling seed (default 1)\n"
			"  --runs K          average the weights of K shuffles per stage (default 1)\n"
			"  --pred-history    train with predicted (not gold) previous labels\n"
			"  --train-lexicon   add lexicon classes train-TYPE: names seen in training\n"
			"                    (for a training document, in the other folds)\n"
			"  --name NAME       model name (default ner-en)\n"
			"  --bench N         time N passes of tagging over --dev\n"
			"  --pred FILE       with --model and a .jsonl --dev: write the entities found\n"
			"  --errors          with --model and a .jsonl --dev: print missed and spurious spans\n"
			"  -v                progress per epoch\n");
	exit(2);
}

static void
write_file(const char *path, const void *buf, size_t len)
{
	FILE	   *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
	{
		fprintf(stderr, "newsx-train: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static void *
read_file(const char *path, size_t *len)
{
	FILE	   *f = fopen(path, "rb");
	void	   *buf;
	long		n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
	{
		fprintf(stderr, "newsx-train: cannot read %s\n", path);
		exit(1);
	}
	buf = xalloc((size_t) n + 8);
	if (fread(buf, 1, (size_t) n, f) != (size_t) n)
	{
		fprintf(stderr, "newsx-train: cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	*len = (size_t) n;
	return buf;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* --model: evaluate and time a model file. */
static int
run_eval(const Opts *o)
{
	size_t		len;
	void	   *buf = read_file(o->model, &len);
	NxModel		m;
	char		err[256];
	Corpus		dev;
	Score		sc;
	NxNerRes	res;

	if (nx_model_open(buf, len, &m, err, sizeof(err)) != NX_OK ||
		nx_ner_check_model(&m, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "newsx-train: %s: %s\n", o->model, err);
		return 1;
	}
	printf("model %s: %u labels, %u stages, 2^%u buckets, %zu bytes\n",
		   m.name, m.labels.n, m.nstages, m.stage[0].log2, len);
	if (!o->dev)
		return 0;
	read_corpus(o->dev, &dev);
	corpus_gold(&dev, &m.labels);
	res.labels = &m.labels;
	res.lex = &m.lex;
	res.clusters = &m.clusters;
	corpus_prepare(&dev, &res, NULL, 0);
	for (int k = 1; k <= (int) m.nstages; k++)
	{
		char		lab[32];

		evaluate(&dev, &m, k, &sc);
		snprintf(lab, sizeof(lab), "stage %d", k);
		score_print(&sc, &m.labels, lab);
	}
	if (dev.n > 0 && dev.d[0].id)
	{
		FILE	   *pf = o->pred ? fopen(o->pred, "w") : NULL;

		if (o->pred && !pf)
		{
			fprintf(stderr, "newsx-train: cannot write %s\n", o->pred);
			return 1;
		}
		printf("nx_entities_extract, exact character spans:\n");
		eval_spans(&dev, &m, pf, o->errors);
		if (pf)
			fclose(pf);
	}
	if (o->bench > 0)
	{
		double		t0 = now();
		size_t		ntok = 0;
		size_t		nent = 0;

		for (int r = 0; r < o->bench; r++)
			for (size_t i = 0; i < dev.n; i++)
			{
				NxEntity   *e;
				size_t		ne;

				if (nx_ner_tag(&m, &dev.d[i].doc, &e, &ne, A) != NX_OK)
					return 1;
				nx_free(A, e);
				nent += ne;
				ntok += dev.d[i].doc.ntok;
			}
		t0 = now() - t0;
		printf("nx_ner_tag: %zu tokens in %.3fs: %.0f tokens/s, %.0f ns/token (%zu entities)\n",
			   ntok, t0, ntok / t0, 1e9 * t0 / ntok, nent);
	}
	if (o->bench > 0 && dev.n > 0 && dev.d[0].id)
	{
		/* the whole path from text, as extract_entities runs it */
		double		t0 = now();
		size_t		ntok = 0,
					nent = 0,
					nbytes = 0;

		for (int r = 0; r < o->bench; r++)
			for (size_t i = 0; i < dev.n; i++)
			{
				NxDoc		d;
				NxEnt	   *e;
				size_t		ne;

				if (nx_doc_parse(&d, dev.d[i].text, strlen(dev.d[i].text), A) != NX_OK ||
					nx_entities_extract(&m, &d, &e, &ne, A) != NX_OK)
					return 1;
				nx_free(A, e);
				nent += ne;
				ntok += d.ntok;
				nbytes += d.len;
				nx_doc_free(&d);
			}
		t0 = now() - t0;
		printf("nx_doc_parse + nx_entities_extract: %zu tokens, %zu bytes in %.3fs: "
			   "%.0f tokens/s, %.0f ns/token, %.2f MB/s (%zu entities)\n",
			   ntok, nbytes, t0, ntok / t0, 1e9 * t0 / ntok, nbytes / t0 / 1e6, nent);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	Opts		o = {0};
	Corpus		tr,
				dev,
			   *devp = NULL;
	char		types[NX_MAX_TYPES][NX_TYPE_NAME_LEN + 1];
	const char *tn[NX_MAX_TYPES];
	size_t		ntypes;
	NxModel		m;
	char		err[256];
	void	   *lexsec = NULL,
			   *clsec = NULL;
	size_t		lexlen = 0,
				cllen = 0;
	NxNerRes	res;
	LexSrc		lexsrc = {0};
	NxLexicon  *fold_lex = NULL;
	NxNerRes   *fold_res = NULL;
	size_t	   *idx;
	int16_t    *w[2] = {NULL, NULL};
	float		scale[2] = {1, 1};
	int			best_ep[2] = {0, 0};

	o.epochs = 15;
	o.bits = 19;
	o.bilou = 1;
	o.stages = 2;
	o.folds = 5;
	o.seed = 1;
	o.name = "ner-en";
	o.gold_history = 1;
	o.runs = 1;
	for (int i = 1; i < argc; i++)
	{
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

#define ARG(s) (strcmp(a, s) == 0 && v && (i++, 1))
		if (ARG("--train"))
			o.train = v;
		else if (ARG("--dev"))
			o.dev = v;
		else if (ARG("--lexicon"))
			o.lexdir = v;
		else if (ARG("--clusters"))
			o.clusters = v;
		else if (ARG("--out"))
			o.out = v;
		else if (ARG("--model"))
			o.model = v;
		else if (ARG("--name"))
			o.name = v;
		else if (ARG("--epochs"))
			o.epochs = atoi(v);
		else if (ARG("--bits"))
			o.bits = atoi(v);
		else if (ARG("--stages"))
			o.stages = atoi(v);
		else if (ARG("--folds"))
			o.folds = atoi(v);
		else if (ARG("--bench"))
			o.bench = atoi(v);
		else if (ARG("--seed"))
			o.seed = strtoul(v, NULL, 10);
		else if (ARG("--scheme"))
			o.bilou = strcmp(v, "bio") != 0;
		else if (strcmp(a, "--pred-history") == 0)
			o.gold_history = 0;
		else if (ARG("--runs"))
			o.runs = atoi(v);
		else if (strcmp(a, "--train-lexicon") == 0)
			o.train_lexicon = 1;
		else if (ARG("--pred"))
			o.pred = v;
		else if (strcmp(a, "--errors") == 0)
			o.errors = 1;
		else if (strcmp(a, "-v") == 0)
			o.verbose = 1;
		else
			usage();
#undef ARG
	}
	if (o.model)
		return run_eval(&o);
	if (!o.train || !o.out || o.epochs < 1 || o.bits < 10 || o.bits > 24 ||
		o.stages < 1 || o.stages > 2 || o.folds < 2)
		usage();
	rng_state = o.seed * UINT64_C(0x9E3779B97F4A7C15) + 1;

	/* several training files may be given, separated by commas */
	{
		char	   *list = xstrdup(o.train),
				   *save = NULL;

		memset(&tr, 0, sizeof(tr));
		for (char *f = strtok_r(list, ",", &save); f; f = strtok_r(NULL, ",", &save))
		{
			Corpus		part;

			read_corpus(f, &part);
			tr.d = xrealloc(tr.d, (tr.n + part.n) * sizeof(CDoc));
			memcpy(tr.d + tr.n, part.d, part.n * sizeof(CDoc));
			tr.n += part.n;
			tr.ntok += part.ntok;
			free(part.d);
		}
		free(list);
	}
	fprintf(stderr, "train: %zu documents, %zu tokens\n", tr.n, tr.ntok);
	ntypes = corpus_types(&tr, types, NX_MAX_TYPES);
	for (size_t t = 0; t < ntypes; t++)
		tn[t] = types[t];
	memset(&m, 0, sizeof(m));
	if (nx_labels_make(&m.labels, o.bilou, tn, ntypes, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "newsx-train: %s\n", err);
		return 1;
	}
	snprintf(m.name, sizeof(m.name), "%s", o.name);
	strcpy(m.task, "ner");
	m.featset = NX_NER_FEATSET;
	corpus_gold(&tr, &m.labels);
	if (o.dev)
	{
		read_corpus(o.dev, &dev);
		corpus_gold(&dev, &m.labels);
		devp = &dev;
		fprintf(stderr, "dev: %zu documents, %zu tokens\n", dev.n, dev.ntok);
	}
	if (o.lexdir)
		load_lexicons(o.lexdir, &lexsrc);
	if (o.train_lexicon)
	{
		/* names seen in the other folds for training documents, in all for the model */
		size_t		first = lexsrc.nclasses;
		static char cname[NX_MAX_TYPES][NX_LEX_CLASS_LEN];

		if (first + m.labels.ntypes > NX_LEX_MAX_CLASSES)
		{
			fprintf(stderr, "newsx-train: too many lexicon classes\n");
			return 1;
		}
		for (uint32_t t = 0; t < m.labels.ntypes; t++)
		{
			snprintf(cname[t], sizeof(cname[t]), "train-%s", m.labels.type_name[t]);
			lexsrc.names[lexsrc.nclasses++] = cname[t];
		}
		fold_lex = xalloc((size_t) o.folds * sizeof(NxLexicon));
		fold_res = xalloc((size_t) o.folds * sizeof(NxNerRes));
		for (int f = 0; f < o.folds; f++)
		{
			LexSrc		ls = lexsrc;
			void	   *fsec;
			size_t		flen;

			ls.lb.s = xalloc((lexsrc.lb.n + 1) * sizeof(NxLexSlot));
			memcpy(ls.lb.s, lexsrc.lb.s, lexsrc.lb.n * sizeof(NxLexSlot));
			ls.lb.cap = lexsrc.lb.n + 1;
			lex_add_training(&ls, &tr, &m.labels, first, o.folds, f);
			build_lexicon(&ls, &fsec, &flen, &fold_lex[f]);
			free(ls.lb.s);
		}
		lex_add_training(&lexsrc, &tr, &m.labels, first, o.folds, -1);
	}
	if (o.lexdir || o.train_lexicon)
		build_lexicon(&lexsrc, &lexsec, &lexlen, &m.lex);
	if (o.clusters)
		load_clusters(o.clusters, &clsec, &cllen, &m.clusters);
	res.labels = &m.labels;
	res.lex = &m.lex;
	res.clusters = &m.clusters;
	if (fold_res)
		for (int f = 0; f < o.folds; f++)
		{
			fold_res[f] = res;
			fold_res[f].lex = &fold_lex[f];
		}
	corpus_prepare(&tr, &res, fold_res, o.folds);
	if (devp)
		corpus_prepare(devp, &res, NULL, 0);

	idx = xalloc(tr.n * sizeof(size_t));
	for (size_t i = 0; i < tr.n; i++)
		idx[i] = i;

	/* stage 1 on all training data */
	m.nstages = 1;
	w[0] = train_runs(&o, &tr, idx, tr.n, devp, &m, 1, &scale[0], &best_ep[0], "stage 1");
	m.stage[0].w = w[0];
	m.stage[0].scale = scale[0];

	if (o.stages == 2)
	{
		Opts		fo = o;

		/* stage-1 labels of training data from models not trained on them */
		fo.epochs = best_ep[0];
		for (int f = 0; f < o.folds; f++)
		{
			size_t		nin = 0;
			size_t	   *in = xalloc(tr.n * sizeof(size_t));
			NxModel		fm = m;
			float		fs;
			int			fe;
			int16_t    *fw;

			for (size_t i = 0; i < tr.n; i++)
				if ((int) (i % o.folds) != f)
					in[nin++] = i;
			fw = train_stage(&fo, &tr, in, nin, NULL, &fm, 1, &fs, &fe, "fold");
			fm.stage[0].w = fw;
			fm.stage[0].scale = fs;
			for (size_t i = f; i < tr.n; i += o.folds)
			{
				CDoc	   *cd = &tr.d[i];

				nx_ner_doc_decode(cd->nd, &fm, 1, cd->stage1, NULL);
			}
			fprintf(stderr, "fold %d/%d done (%d epochs)\n", f + 1, o.folds, fo.epochs);
			free(fw);
			free(in);
		}
		m.nstages = 2;
		w[1] = train_runs(&o, &tr, idx, tr.n, devp, &m, 2, &scale[1], &best_ep[1], "stage 2");
		m.stage[1].w = w[1];
		m.stage[1].scale = scale[1];
	}

	/* write */
	{
		NxModelSection sec[8];
		size_t		ns = 0;
		unsigned char info[NX_INFO_SIZE] = {0};
		uint32_t	v;
		char	   *labsec;
		size_t		lablen = 8;
		unsigned char *wsec[2];
		size_t		wlen = NX_WEIGHTS_HDR + ((size_t) 1 << o.bits) * m.labels.n * 2;
		char		meta[1024];
		void	   *file;
		size_t		flen;
		Score		sc;

		v = NX_NER_FEATSET;
		memcpy(info, &v, 4);
		v = m.nstages;
		memcpy(info + 4, &v, 4);
		strcpy((char *) info + 32, "ner");
		for (uint32_t l = 0; l < m.labels.n; l++)
			lablen += strlen(m.labels.name[l]) + 1;
		labsec = xalloc(lablen);
		v = m.labels.n;
		memcpy(labsec, &v, 4);
		lablen = 8;
		for (uint32_t l = 0; l < m.labels.n; l++)
		{
			strcpy(labsec + lablen, m.labels.name[l]);
			lablen += strlen(m.labels.name[l]) + 1;
		}
		memcpy(sec[ns].tag, "INFO\0\0\0\0", 8);
		sec[ns].data = info;
		sec[ns++].size = sizeof(info);
		memcpy(sec[ns].tag, "LABELS\0\0", 8);
		sec[ns].data = labsec;
		sec[ns++].size = lablen;
		for (uint32_t k = 0; k < m.nstages; k++)
		{
			uint32_t	hdr[4] = {(uint32_t) o.bits, m.labels.n, 0, 0};

			memcpy(&hdr[2], &scale[k], 4);
			wsec[k] = xalloc(wlen);
			memcpy(wsec[k], hdr, 16);
			memcpy(wsec[k] + 16, w[k], wlen - 16);
			memcpy(sec[ns].tag, k ? "WEIGHTS1" : "WEIGHTS0", 8);
			sec[ns].data = wsec[k];
			sec[ns++].size = wlen;
		}
		if (lexsec)
		{
			memcpy(sec[ns].tag, "LEXICON\0", 8);
			sec[ns].data = lexsec;
			sec[ns++].size = lexlen;
		}
		if (clsec)
		{
			memcpy(sec[ns].tag, "CLUSTERS", 8);
			sec[ns].data = clsec;
			sec[ns++].size = cllen;
		}
		snprintf(meta, sizeof(meta),
				 "trained by newsx-train: scheme=%s bits=%d stages=%d folds=%d seed=%lu runs=%d history=%s "
				 "epochs=%d best-epochs=%d,%d lexicon=%s%s clusters=%s train-tokens=%zu\n",
				 o.bilou ? "bilou" : "bio", o.bits, o.stages, o.folds, o.seed, o.runs,
				 o.gold_history ? "gold" : "predicted", o.epochs,
				 best_ep[0], best_ep[1], o.lexdir ? "yes" : "no", o.train_lexicon ? "+training" : "", o.clusters ? "yes" : "no", tr.ntok);
		memcpy(sec[ns].tag, "META\0\0\0\0", 8);
		sec[ns].data = meta;
		sec[ns++].size = strlen(meta);
		if (nx_model_write(o.name, sec, ns, &file, &flen, A) != NX_OK)
		{
			fprintf(stderr, "newsx-train: cannot lay out the model\n");
			return 1;
		}
		write_file(o.out, file, flen);
		fprintf(stderr, "wrote %s (%zu bytes)\n", o.out, flen);
		if (devp)
		{
			evaluate(devp, &m, (int) m.nstages, &sc);
			score_print(&sc, &m.labels, "final dev");
		}
	}
	return 0;
}
