/*
 * newsx-train.c
 *	  Train an NER model from CoNLL-format data and write a newsx model file;
 *	  or evaluate / time an existing model on CoNLL-format data.
 *
 * Build from the project root (links the core and tools/trainlib.c only):
 *
 *	 make tools
 *
 * The shipped model (data/ner-en.model) is rebuilt by `make models`
 * (about 80 s on one core; deterministic), which runs:
 *
 *	 tools/newsx-train --train ../shared/data/conll2003/train.jsonl \
 *		--dev ../shared/data/conll2003/dev.jsonl --lexicon data/lexicon \
 *		--shared data/shared-en.model --vclusters data/vecclusters.txt \
 *		--title-headlines --drop-names 20 --train-lexicon --epochs 30 \
 *		--runs 3 --out data/ner-en.model
 *
 * (data/MANIFEST holds the exact command.)  --shared names the shared
 * resources file (tools/newsx-shared) whose Brown clusters the model
 * reads; --clusters FILE instead stores clusters in the model itself.
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
 *	 tools/newsx-train --model data/ner-en.model --dev FILE [--bench N] [--errors]
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

#include "nx_alloc.h"
#include "nx_entities.h"
#include "nx_fold.h"
#include "nx_hash.h"
#include "nx_model.h"
#include "nx_ner.h"
#include "nx_tagger.h"
#include "nx_text.h"
#include "trainlib.h"

const char *progname = "newsx-train";

static const NxAlloc *A = &nx_malloc_alloc;

/* The options: those of both trainers, then this one's own. */
typedef struct Opts
{
	TrainOpts	c;
	const char *scheme;			/* --scheme: bilou or bio */
	int			stages;
	int			runs;
	int			pred_history;
	int			train_lexicon;
	const char *pred;
	const char *vclusters;
	int			title_headlines;
	int			drop_names;
	int			errors;
} Opts;

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
	JsonSpan   *spans;			/* JSONL only: gold character spans, label the type */
	uint8_t    *drop;			/* training: tokens read without their identity */
	size_t		nspans;
} CDoc;

typedef struct Corpus
{
	CDoc	   *d;
	size_t		n;
	size_t		cap;
	size_t		ntok;
} Corpus;

/* A new document at the end of a corpus. */
static CDoc *
corpus_push(Corpus *co)
{
	if (co->n == co->cap)
		co->d = xrealloc(co->d, (co->cap = co->cap ? 2 * co->cap : 256) * sizeof(CDoc));
	return &co->d[co->n++];
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
	Lines		l;
	ssize_t		r;
	Tok		   *t = NULL;
	size_t		nt = 0,
				tcap = 0;

	lines_open(&l, path);
	memset(co, 0, sizeof(*co));
	for (;;)
	{
		int			docstart = 0,
					eof;

		r = lines_next(&l);
		eof = (r < 0);
		if (!eof)
			docstart = strncmp(l.line, "-DOCSTART-", 10) == 0;
		if (eof || r == 0 || docstart)
		{
			if (nt > 0)
				t[nt - 1].sent_end = 1;
		}
		if ((eof || docstart) && nt > 0)
		{
			cdoc_make(corpus_push(co), t, nt);
			co->ntok += nt;
			nt = 0;
		}
		if (eof)
			break;
		if (r == 0 || docstart)
			continue;
		{
			char	   *first = strtok(l.line, " \t");
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
	lines_close(&l);
}

/* ---- JSONL: running text cut by nx_text, gold character spans ---- */

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
		const JsonSpan *sp = &cd->spans[k];
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
			snprintf(buf, sizeof(buf), "%c-%s", first ? 'B' : 'I', sp->label);
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

				fprintf(stderr, "align: %s %s \"%.*s\"\n", cd->id, sp->label,
						(int) (be - b), cd->text + b);
			}
		}
	}
}

/* The gold entities of a document: [[start, end, "TYPE"], ...]. */
static int
entities_member(void *ctx, const char *key, Json *j)
{
	CDoc	   *cd = ctx;

	if (strcmp(key, "entities") != 0)
		return 0;
	cd->nspans = json_spans(j, &cd->spans);
	for (size_t k = 0; k < cd->nspans; k++)
		if (!cd->spans[k].label)
			j->err = 1;
	return 1;
}

/* Read a JSONL file ({"id", "text", "entities"} per line) into documents. */
static void
read_jsonl(const char *path, Corpus *co)
{
	Lines		l;
	JsonDoc		jd;
	CDoc		cd;

	memset(co, 0, sizeof(*co));
	lines_open(&l, path);
	for (;;)
	{
		memset(&cd, 0, sizeof(cd));
		if (!jsonl_doc(&l, &jd, entities_member, &cd))
			break;
		if (!jd.text)
		{
			free(jd.id);
			json_spans_free(cd.spans, cd.nspans);
			continue;
		}
		cd.id = jd.id;
		cd.text = jd.text;
		if (nx_doc_parse(&cd.doc, cd.text, jd.textlen, A) != NX_OK)
			die("%s:%zu: cannot parse the text", path, l.lineno);
		cdoc_tags(&cd);
		*corpus_push(co) = cd;
		co->ntok += cd.doc.ntok;
	}
	lines_close(&l);
	if (align_total)
		fprintf(stderr, "%s: %zu of %zu gold spans not on token boundaries\n", path, align_bad, align_total);
	align_bad = align_total = 0;
}

/*
 * Headlines of today's news are in title case (Trump Breaks With Obama on
 * Trade), those of the training data in sentence case.  title_case_headline
 * writes the first line of a document as such a headline: a word (ASCII
 * letters after a non-letter) gets a capital unless it is one of the short
 * words below and not the first.  Only ASCII letters change, so offsets
 * and lengths stay; the document is parsed again.
 */
static const char *const title_small_words[] = {
	"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "nor",
	"of", "on", "or", "the", "to", "via", "vs", "with"
};

static void
title_case_headline(CDoc *cd)
{
	char	   *s = cd->text;
	int			first = 1;

	for (size_t i = 0; s[i] && s[i] != '\n';)
	{
		int			starts = ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') &&
			(i == 0 || !(((s[i - 1] | 32) >= 'a' && (s[i - 1] | 32) <= 'z') ||
						 s[i - 1] == '\'' || (unsigned char) s[i - 1] >= 0x80));
		size_t		e = i + 1;

		if (!starts)
		{
			i++;
			continue;
		}
		while ((s[e] | 32) >= 'a' && (s[e] | 32) <= 'z')
			e++;
		if (s[i] >= 'a' && s[i] <= 'z' &&
			(first || !nx_word_in(s + i, e - i, title_small_words,
								  sizeof(title_small_words) / sizeof(title_small_words[0]))))
			s[i] -= 32;
		first = 0;
		i = e;
	}
	nx_doc_free(&cd->doc);
	if (nx_doc_parse(&cd->doc, cd->text, strlen(cd->text), A) != NX_OK)
		die("%s: cannot parse the text", cd->id ? cd->id : "document");
	cdoc_tags(cd);
}

/*
 * Context over memory (--drop-names PCT): each capitalised token of a
 * training document, with probability PCT %, is read without its
 * identity (nx_ner_doc_drop), drawn from a hash of the seed, document and
 * token, so the same tokens for every epoch and run.
 */
static void
cdoc_drop(CDoc *cd, size_t docno, unsigned long seed, int pct)
{
	const NxDoc *d = &cd->doc;

	cd->drop = xalloc(d->ntok + 1);
	for (size_t i = 0; i < d->ntok; i++)
	{
		unsigned char c = (unsigned char) d->text[d->tok[i].b];
		uint64_t	h = nx_hash2(nx_hash2(seed, docno), i);

		cd->drop[i] = c >= 'A' && c <= 'Z' && (int) (h % 100) < pct;
	}
	nx_ner_doc_drop(cd->nd, cd->drop);
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
	lex_add(lb, tok, n, cls);
	if (hyphen)
	{
		char		buf2[2048];
		size_t		k = 0;

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
		lex_add(lb, tok, n, cls);
	}
}

/* qsort order of strings. */
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
		die("cannot open lexicon directory %s: %s", dir, strerror(errno));
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
		Lines		l;
		ssize_t		r;
		size_t		cnt = 0;

		snprintf(path, sizeof(path), "%s/%s", dir, files[c]);
		files[c][strlen(files[c]) - 4] = '\0';
		if (strlen(files[c]) >= NX_LEX_CLASS_LEN)
			files[c][NX_LEX_CLASS_LEN - 1] = '\0';
		names[c] = files[c];
		lines_open(&l, path);
		while ((r = lines_next(&l)) >= 0)
		{
			if (r == 0 || l.line[0] == '#')
				continue;
			lex_add_line(&lb, l.line, (uint32_t) c);
			cnt++;
		}
		lines_close(&l);
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

/* qsort order of 64-bit values. */
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
				lex_add(&src->lb, tok, n, (uint32_t) (first_class + ch[c].type));
			}
		}
	}
}


/* ---- evaluation (conlleval: exact chunks, micro-averaged) ---- */

/* Print F1 per type and overall, precision and recall, after what. */
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

/* The gold span entity e of document cd matches (exact span and type), or -1. */
static long
gold_of(const CDoc *cd, const NxEnt *e)
{
	const char *ty = fold_type(e->type);

	for (size_t g = 0; g < cd->nspans; g++)
		if (cd->spans[g].s == e->c && cd->spans[g].e == e->c + e->clen &&
			strcmp(cd->spans[g].label, ty) == 0)
			return (long) g;
	return -1;
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
			long		g = gold_of(cd, &e[k]);
			int			ok = g >= 0;

			for (int t = 0; t < 4; t++)
				if (strcmp(ty, T[t]) == 0)
				{
					np[t]++, np[4]++;
					if (ok)
						tp[t]++, tp[4]++;
				}
			if (ok)
				hit[g] = 1;
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
				if (strcmp(cd->spans[g].label, T[t]) == 0)
					ng[t]++, ng[4]++;
			if (errors && !hit[g])
			{
				size_t		b = cp_byte(cd->text, strlen(cd->text), cd->spans[g].s);
				size_t		be = cp_byte(cd->text, strlen(cd->text), cd->spans[g].e);

				printf("missed   %s %s \"%.*s\"\n", cd->id, cd->spans[g].label,
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

/*
 * Confidence against correctness over a corpus with gold spans: the log
 * loss of the entities' confidences as the probability that they are
 * right (exact span and type), and with table set, the count and the
 * share right of entities by confidence.
 */
#define CONF_BINS 5
static const double conf_edge[CONF_BINS] = {0.5, 0.8, 0.95, 0.99, 1.01};

static double
confidence_loss(Corpus *co, const NxModel *m, int table)
{
	size_t		n[CONF_BINS] = {0},
				right[CONF_BINS] = {0},
				all = 0;
	double		loss = 0;

	for (size_t i = 0; i < co->n; i++)
	{
		NxEnt	   *e;
		size_t		ne;

		if (nx_entities_extract(m, &co->d[i].doc, &e, &ne, A) != NX_OK)
		{
			fprintf(stderr, "newsx-train: nx_entities_extract failed\n");
			exit(1);
		}
		for (size_t k = 0; k < ne; k++)
		{
			int			ok = gold_of(&co->d[i], &e[k]) >= 0;
			double		p = e[k].conf < 1e-4 ? 1e-4 : e[k].conf > 1 - 1e-4 ? 1 - 1e-4 : e[k].conf;
			int			b = 0;

			loss -= ok ? log(p) : log(1 - p);
			while (b < CONF_BINS - 1 && e[k].conf >= conf_edge[b])
				b++;
			n[b]++;
			right[b] += ok;
			all++;
		}
		nx_free(A, e);
	}
	if (table)
		for (int b = 0; b < CONF_BINS; b++)
			printf("confidence %s %.2f: %zu entities, %.4f right\n",
				   b == CONF_BINS - 1 ? ">=" : "<", b == CONF_BINS - 1 ? conf_edge[b - 1] : conf_edge[b],
				   n[b], n[b] ? (double) right[b] / n[b] : 0);
	return all ? loss / all : 0;
}

/*
 * The calib of the model's stages (NxTagger.calib) under which its
 * entities' confidences over a held-out corpus with gold spans best say
 * whether they are right (the least log loss, over powers of 2^(1/4)
 * from 1 to 2^-12).  The labels, and so the entities, do not change.
 */
static float
fit_calib(Corpus *co, NxModel *m)
{
	float		best = 0;
	double		bestloss = 0;

	for (int k = 0; k <= 48; k++)
	{
		float		c = powf(2.0f, -k / 4.0f);
		double		loss;

		for (uint32_t s = 0; s < m->nstages; s++)
			m->stage[s].calib = c;
		loss = confidence_loss(co, m, 0);
		if (best == 0 || loss < bestloss)
		{
			best = c;
			bestloss = loss;
		}
	}
	for (uint32_t s = 0; s < m->nstages; s++)
		m->stage[s].calib = best;
	fprintf(stderr, "confidence: calib %g, log loss %.4f a dev entity\n", best, bestloss);
	return best;
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

/* The corpora as the epoch loop sees them. */
typedef struct Train
{
	Corpus	   *tr;
	Corpus	   *dev;			/* NULL: no dev set */
} Train;

/* Learn one training document once. */
static size_t
learn_doc(void *ctx, NxTrainer *t, const NxLabelSet *ls, int stage, size_t d, size_t *ntok)
{
	CDoc	   *cd = &((Train *) ctx)->tr->d[d];
	size_t		mistakes = 0;

	nx_ner_doc_stage(cd->nd, stage == 2 ? cd->stage1 : NULL);
	for (size_t s = 0; s < cd->doc.nsent; s++)
	{
		NxSeq		seq;
		size_t		st = cd->doc.sent[s].tok;

		nx_ner_doc_seq(cd->nd, s, &seq);
		mistakes += nx_trainer_learn(t, ls, &seq, cd->gold + st, cd->pred + st);
		*ntok += seq.ntok;
	}
	return mistakes;
}

/* Score a stage on the dev set and print it. */
static double
score_dev(void *ctx, const NxModel *m, int stage, const char *label)
{
	Score		sc;
	double		f = evaluate(((Train *) ctx)->dev, m, stage, &sc);

	score_print(&sc, &m->labels, label);
	return f;
}

/* Stage-1 labels of a training document from a fold's model. */
static void
label_stage1(void *ctx, const NxModel *m, size_t d)
{
	CDoc	   *cd = &((Train *) ctx)->tr->d[d];

	nx_ner_doc_decode(cd->nd, m, 1, cd->stage1, NULL);
}

/* --model: evaluate and time a model file. */
static int
run_eval(const Opts *o)
{
	size_t		len;
	NxModel		m;
	Corpus		dev;
	Score		sc;
	NxNerRes	res;

	open_model(o->c.model, &m, &len, nx_ner_check_model);
	/* as the extension runs it: analyses kept across documents */
	m.ner_cache = nx_ner_cache_init(xalloc(nx_ner_cache_bytes(NX_NER_CACHE_ENTRIES)),
									nx_ner_cache_bytes(NX_NER_CACHE_ENTRIES));
	printf("model %s: %u labels, %u stages, 2^%u buckets, %zu bytes\n",
		   m.name, m.labels.n, m.nstages, m.stage[0].log2, len);
	if (!o->c.dev)
		return 0;
	read_corpus(o->c.dev, &dev);
	corpus_gold(&dev, &m.labels);
	res = nx_ner_res(&m);
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
			die("cannot write %s", o->pred);
		printf("nx_entities_extract, exact character spans:\n");
		eval_spans(&dev, &m, pf, o->errors);
		printf("confidence: log loss %.4f an entity (calib %g)\n",
			   confidence_loss(&dev, &m, 1), m.calib);
		if (pf)
			fclose(pf);
	}
	if (o->c.bench > 0)
	{
		double		t0 = now();
		size_t		ntok = 0;
		size_t		nent = 0;

		for (int r = 0; r < o->c.bench; r++)
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
	if (o->c.bench > 0 && dev.n > 0 && dev.d[0].id)
	{
		/* the whole path from text, as extract_entities runs it */
		double		t0 = now();
		size_t		ntok = 0,
					nent = 0,
					nbytes = 0;

		for (int r = 0; r < o->c.bench; r++)
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

/* Train a model, or with --model run one. */
int
main(int argc, char **argv)
{
	Opts		o;
	const Opt	own[] = {
		{"--scheme", OPT_STR, &o.scheme, "S", "label scheme: bilou or bio"},
		{"--stages", OPT_INT, &o.stages, "N", "stages: 1, or 2 for a document-level second stage"},
		{"--runs", OPT_INT, &o.runs, "K", "average the weights of K shuffles per stage"},
		{"--pred-history", OPT_FLAG, &o.pred_history, NULL, "train with predicted (not gold) previous labels"},
		{"--train-lexicon", OPT_FLAG, &o.train_lexicon, NULL, "add lexicon classes train-TYPE: names seen in training\n"
		"(for a training document, in the other folds)"},
		{"--title-headlines", OPT_FLAG, &o.title_headlines, NULL, "write the first line of every other training document\n"
		"in title case, as today's headlines are"},
		{"--drop-names", OPT_INT, &o.drop_names, "PCT", "read PCT % of capitalised training tokens without\n"
		"their identity (word, bigrams, names seen in training)"},
		{"--vclusters", OPT_STR, &o.vclusters, "FILE", "word-vector clusters (bits TAB word), as --clusters"},
		{"--pred", OPT_STR, &o.pred, "FILE", "with --model and a .jsonl --dev: write the entities found"},
		{"--errors", OPT_FLAG, &o.errors, NULL, "with --model and a .jsonl --dev: print missed and\n"
		"spurious spans"},
		{NULL}
	};
	Corpus		tr,
				dev,
			   *devp = NULL;
	char		types[NX_MAX_TYPES][NX_TYPE_NAME_LEN + 1];
	const char *tn[NX_MAX_TYPES];
	size_t		ntypes;
	NxModel		m;
	char		err[256],
				meta[1024];
	Blob		lexsec = {NULL, 0},
				clsec = {NULL, 0},
				vclsec = {NULL, 0};
	NxNerRes	res;
	LexSrc		lexsrc = {0};
	NxLexicon  *fold_lex = NULL;
	NxNerRes   *fold_res = NULL;
	size_t	   *idx;
	Stage		st[2] = {{NULL, 1, 0}, {NULL, 1, 0}};
	Train		data;
	TrainSet	ts;
	int			bilou;

	memset(&o, 0, sizeof(o));
	o.c.epochs = 15;
	o.c.bits = 19;
	o.c.folds = 5;
	o.c.seed = 1;
	o.c.name = "ner-en";
	o.scheme = "bilou";
	o.stages = 2;
	o.runs = 1;
	parse_options(argc, argv, &o.c, own,
				  "usage: newsx-train --train FILE[,FILE...] [--dev FILE] --out MODEL [options]\n"
				  "       newsx-train --model MODEL --dev FILE [--pred FILE] [--errors] [--bench N]\n");
	bilou = strcmp(o.scheme, "bio") != 0;
	if (o.c.model)
		return run_eval(&o);
	if (!o.c.train || !o.c.out || o.c.epochs < 1 || o.c.bits < 10 || o.c.bits > 24 ||
		o.stages < 1 || o.stages > 2 || o.c.folds < 2)
		usage();
	rng_seed(o.c.seed);

	/* several training files may be given, separated by commas */
	{
		char	   *list = xstrdup(o.c.train),
				   *save = NULL;

		memset(&tr, 0, sizeof(tr));
		for (char *f = strtok_r(list, ",", &save); f; f = strtok_r(NULL, ",", &save))
		{
			Corpus		part;

			read_corpus(f, &part);
			for (size_t i = 0; i < part.n; i++)
			{
				CDoc	   *cd = corpus_push(&tr);

				*cd = part.d[i];
				if (o.title_headlines && (tr.n & 1) == 0 && cd->text)
					title_case_headline(cd);
			}
			tr.ntok += part.ntok;
			free(part.d);
		}
		free(list);
		align_bad = align_total = 0;	/* counted again by title_case_headline */
	}
	fprintf(stderr, "train: %zu documents, %zu tokens\n", tr.n, tr.ntok);
	ntypes = corpus_types(&tr, types, NX_MAX_TYPES);
	for (size_t t = 0; t < ntypes; t++)
		tn[t] = types[t];
	memset(&m, 0, sizeof(m));
	if (nx_labels_make(&m.labels, bilou, tn, ntypes, err, sizeof(err)) != NX_OK)
		die("%s", err);
	snprintf(m.name, sizeof(m.name), "%s", o.c.name);
	strcpy(m.task, "ner");
	m.featset = NX_NER_FEATSET;
	corpus_gold(&tr, &m.labels);
	if (o.c.dev)
	{
		read_corpus(o.c.dev, &dev);
		corpus_gold(&dev, &m.labels);
		devp = &dev;
		fprintf(stderr, "dev: %zu documents, %zu tokens\n", dev.n, dev.ntok);
	}
	if (o.c.lexicon)
		load_lexicons(o.c.lexicon, &lexsrc);
	if (o.train_lexicon)
	{
		/* names seen in the other folds for training documents, in all for the model */
		size_t		first = lexsrc.nclasses;
		static char cname[NX_MAX_TYPES][NX_LEX_CLASS_LEN];

		if (first + m.labels.ntypes > NX_LEX_MAX_CLASSES)
			die("too many lexicon classes");
		for (uint32_t t = 0; t < m.labels.ntypes; t++)
		{
			snprintf(cname[t], sizeof(cname[t]), "train-%s", m.labels.type_name[t]);
			lexsrc.names[lexsrc.nclasses++] = cname[t];
		}
		fold_lex = xalloc((size_t) o.c.folds * sizeof(NxLexicon));
		fold_res = xalloc((size_t) o.c.folds * sizeof(NxNerRes));
		for (int f = 0; f < o.c.folds; f++)
		{
			LexSrc		ls = lexsrc;
			Blob		fsec;

			ls.lb.s = xalloc((lexsrc.lb.n + 1) * sizeof(NxLexSlot));
			memcpy(ls.lb.s, lexsrc.lb.s, lexsrc.lb.n * sizeof(NxLexSlot));
			ls.lb.cap = lexsrc.lb.n + 1;
			lex_add_training(&ls, &tr, &m.labels, first, o.c.folds, f);
			lexicon_section(&ls.lb, ls.names, ls.nclasses, &fsec, &fold_lex[f]);
			free(ls.lb.s);
		}
		lex_add_training(&lexsrc, &tr, &m.labels, first, o.c.folds, -1);
	}
	if (o.c.lexicon || o.train_lexicon)
		lexicon_section(&lexsrc.lb, lexsrc.names, lexsrc.nclasses, &lexsec, &m.lex);
	model_clusters(&o.c, &m, &clsec);
	if (o.vclusters)
	{
		clusters_section(o.vclusters, 1, &vclsec, &m.vclusters);
		m.vclustsec = vclsec.p;
		m.vclustseclen = vclsec.len;
	}
	res = nx_ner_res(&m);
	if (fold_res)
		for (int f = 0; f < o.c.folds; f++)
		{
			fold_res[f] = res;
			fold_res[f].lex = &fold_lex[f];
		}
	corpus_prepare(&tr, &res, fold_res, o.c.folds);
	if (o.drop_names > 0)
		for (size_t i = 0; i < tr.n; i++)
			cdoc_drop(&tr.d[i], i, o.c.seed, o.drop_names);
	if (devp)
		corpus_prepare(devp, &res, NULL, 0);

	idx = xalloc(tr.n * sizeof(size_t));
	for (size_t i = 0; i < tr.n; i++)
		idx[i] = i;
	data.tr = &tr;
	data.dev = devp;
	ts.bits = o.c.bits;
	ts.gold_history = !o.pred_history;
	ts.verbose = o.c.verbose;
	ts.ctx = &data;
	ts.learn = learn_doc;
	ts.score = devp ? score_dev : NULL;
	ts.held_out = "dev";
	ts.label1 = label_stage1;

	/* stage 1 on all training data */
	m.nstages = 1;
	st[0] = train_runs(&ts, &m, 1, idx, tr.n, o.c.epochs, o.runs, o.c.seed, "stage 1");

	if (o.stages == 2)
	{
		size_t	   *all = xalloc(tr.n * sizeof(size_t));

		/* stage-1 labels of training data from models not trained on them */
		for (size_t i = 0; i < tr.n; i++)
			all[i] = i;
		train_folds(&ts, &m, all, tr.n, o.c.folds, st[0].epoch);
		free(all);
		m.nstages = 2;
		st[1] = train_runs(&ts, &m, 2, idx, tr.n, o.c.epochs, o.runs, o.c.seed, "stage 2");
	}

	snprintf(meta, sizeof(meta),
			 "trained by newsx-train: scheme=%s bits=%d stages=%d folds=%d seed=%lu runs=%d history=%s "
			 "epochs=%d best-epochs=%d,%d lexicon=%s%s clusters=%s vclusters=%s title-headlines=%s drop-names=%d train-tokens=%zu\n",
			 bilou ? "bilou" : "bio", o.c.bits, o.stages, o.c.folds, o.c.seed, o.runs,
			 o.pred_history ? "predicted" : "gold", o.c.epochs,
			 st[0].epoch, st[1].epoch, o.c.lexicon ? "yes" : "no", o.train_lexicon ? "+training" : "",
			 clusters_meta(&m, &clsec), o.vclusters ? "yes" : "no", o.title_headlines ? "yes" : "no", o.drop_names, tr.ntok);
	/* confidences that say how often they are right, fitted on the dev spans */
	if (devp && devp->n > 0 && devp->d[0].id)
		m.calib = fit_calib(devp, &m);
	write_model(o.c.out, &m, &lexsec, &clsec, meta, 0);
	if (devp)
	{
		Score		sc;

		evaluate(devp, &m, (int) m.nstages, &sc);
		score_print(&sc, &m.labels, "final dev");
	}
	return 0;
}
