/*
 * newsx-train-quotes.c
 *	  Train the quotation model (data/quotes-en.model) on PolNeAR-style JSON
 *	  lines; or run a model over JSON lines and print the rows
 *	  extract_quotes would return, for the referee (score.py) and timing.
 *
 * Build from the project root (links the core and tools/trainlib.c only):
 *
 *	 make tools
 *
 * The shipped model is rebuilt by `make models` (deterministic; one core,
 * about 20 s), which runs:
 *
 *	 tools/newsx-train-quotes --train ../shared/data/polnear/train.jsonl \
 *		--lexicon data/lexicon --shared data/shared-en.model --int8 \
 *		--out data/quotes-en.model
 *
 * (its Brown clusters are those of the shared resources file, as the
 * entity model's).
 *
 * Epochs of each stage are chosen on every 10th training article, held
 * out (--holdout 10); the model is then trained on the other nine tenths.
 * Stage-2 training reads stage-1 labels of each training article from a
 * stage-1 model not trained on it (--folds 5).  The TRAINED word classes
 * of nx_wordlist.h and the files of --lexicon they name are the model's
 * LEXICON section, the name lists of its LEXICON rows its NAMES section.
 * Other options: --help.
 *
 * Rows for the referee (TSV: id, pos, len, speaker_pos, speaker_len,
 * cue_pos, cue_len; 1-based character positions as in SQL):
 *
 *	 tools/newsx-train-quotes --model data/quotes-en.model \
 *		--dev ../shared/data/polnear/dev.jsonl > pred.tsv
 *	 python3 ../shared/eval/score.py quotes ../shared/data/polnear/dev.jsonl pred.tsv
 *
 * --rows prints every column of extract_quotes instead; --bench N times N
 * passes over the articles (parse and extraction).
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_alloc.h"
#include "nx_key.h"
#include "nx_attrib.h"
#include "nx_model.h"
#include "nx_quotes.h"
#include "nx_tagger.h"
#include "nx_text.h"
#include "nx_words.h"
#include "trainlib.h"

const char *progname = "newsx-train-quotes";

static const NxAlloc *A = &nx_malloc_alloc;

/* ---- the gold JSON lines ---- */

enum
{
	R_SOURCE, R_CUE, R_CONTENT, R__COUNT
};

/* An attribution: the spans of its roles, in code points. */
typedef struct JAttr
{
	size_t		nspan[R__COUNT];
	JsonSpan   *span[R__COUNT];
} JAttr;

/* An article: {"id", "text", "attributions": [...], ...}. */
typedef struct JDoc
{
	JsonDoc		d;
	JAttr	   *attr;
	size_t		nattr;
	size_t		cap;
} JDoc;

/* A member of an attribution: its source, cue and content spans. */
static int
attr_member(void *ctx, const char *key, Json *j)
{
	JAttr	   *a = ctx;
	int			r = strcmp(key, "source") == 0 ? R_SOURCE :
		strcmp(key, "cue") == 0 ? R_CUE :
		strcmp(key, "content") == 0 ? R_CONTENT : -1;

	if (r < 0)
		return 0;
	a->nspan[r] = json_spans(j, &a->span[r]);
	return 1;
}

/* One attribution of an article. */
static void
attr_elem(void *ctx, Json *j)
{
	JDoc	   *d = ctx;
	JAttr	   *a;

	if (d->nattr == d->cap)
		d->attr = xrealloc(d->attr, (d->cap = d->cap ? 2 * d->cap : 16) * sizeof(JAttr));
	a = &d->attr[d->nattr++];
	memset(a, 0, sizeof(*a));
	json_object(j, attr_member, a);
}

/* The attributions of an article. */
static int
attributions_member(void *ctx, const char *key, Json *j)
{
	if (strcmp(key, "attributions") != 0)
		return 0;
	json_array(j, attr_elem, ctx);
	return 1;
}

/* Free what reading an article allocated. */
static void
jdoc_free(JDoc *d)
{
	for (size_t i = 0; i < d->nattr; i++)
		for (int r = 0; r < R__COUNT; r++)
			json_spans_free(d->attr[i].span[r], d->attr[i].nspan[r]);
	free(d->attr);
	free(d->d.id);
	free(d->d.text);
}

/* ---- word classes written to the model's LEXICON and NAMES sections ---- */

/*
 * The LEXICON section of the TRAINED word classes of nx_wordlist.h, and
 * the NAMES section of its LEXICON rows, with the lists of the lexicon
 * directory the rows name (title.txt, per-first.txt, per-last.txt ...).
 */
static void
word_class_lexicon(const char *lexdir, Blob *sec, NxLexicon *lex, Blob *namesec,
				   NxLexicon *names)
{
	char	   *files[NX_W__COUNT] = {0};
	char		err[200];

	for (int c = 0; c < NX_W__COUNT; c++)
	{
		const char *f = nx_word_class_file((NxWordClass) c);
		char		path[4096];
		size_t		len;

		if (!f)
			continue;
		snprintf(path, sizeof(path), "%s/%s", lexdir, f);
		files[c] = read_file(path, &len);	/* zero-filled past its end */
	}
	if (nx_words_lexicon((const char *const *) files, NX_WK_TRAINED, &sec->p, &sec->len, A) != NX_OK ||
		nx_lexicon_parse(sec->p, sec->len, lex, err, sizeof(err)) != NX_OK)
		die("cannot build the lexicon table");
	if (nx_words_lexicon((const char *const *) files, NX_WK_LEXICON, &namesec->p, &namesec->len,
						 A) != NX_OK ||
		nx_lexicon_parse(namesec->p, namesec->len, names, err, sizeof(err)) != NX_OK)
		die("cannot build the names table");
	for (int c = 0; c < NX_W__COUNT; c++)
		free(files[c]);
}

/* ---- corpus ---- */

typedef struct QDoc
{
	JDoc		j;
	NxDoc		doc;
	NxQuoteSpan *spans;
	size_t		nspans;
	NxAttribDoc *ad;
	uint8_t    *gold1;			/* source and cue labels */
	uint8_t    *gold2;			/* content labels */
	uint8_t    *pred1;
	uint8_t    *pred2;
	uint8_t    *s1;				/* stage-1 labels stage 2 trains on */
} QDoc;

typedef struct Corpus
{
	QDoc	   *d;
	size_t		n;
	size_t		cap;
	size_t		ntok;
	size_t		nbytes;
} Corpus;

/* Add the articles of a JSON lines file, cut by nx_text, to a corpus. */
static void
read_articles(const char *path, Corpus *co)
{
	Lines		l;

	lines_open(&l, path);
	for (;;)
	{
		QDoc	   *q;

		if (co->n == co->cap)
			co->d = xrealloc(co->d, (co->cap = co->cap ? 2 * co->cap : 256) * sizeof(QDoc));
		q = &co->d[co->n];
		memset(q, 0, sizeof(*q));
		if (!jsonl_doc(&l, &q->j.d, attributions_member, &q->j))
			break;
		if (!q->j.d.text)
			die("%s:%zu: no text", path, l.lineno);
		if (nx_doc_parse(&q->doc, q->j.d.text, q->j.d.textlen, A) != NX_OK ||
			nx_quote_spans(&q->doc, &q->spans, &q->nspans, A) != NX_OK)
			die("%s:%zu: cannot parse the text", path, l.lineno);
		co->ntok += q->doc.ntok;
		co->nbytes += q->j.d.textlen;
		co->n++;
	}
	lines_close(&l);
}

/* Token range [*t0, *t1) covering characters [s, e); 0 if none. */
static int
span_tokens(const NxDoc *doc, uint32_t s, uint32_t e, size_t *t0, size_t *t1)
{
	size_t		lo = 0,
				hi = doc->ntok;

	/* first token ending after s */
	while (lo < hi)
	{
		size_t		mid = (lo + hi) / 2;

		if (nx_tok_cend(&doc->tok[mid]) <= s)
			lo = mid + 1;
		else
			hi = mid;
	}
	*t0 = lo;
	while (hi < doc->ntok && doc->tok[hi].c < e)
		hi++;
	*t1 = hi;
	return *t1 > *t0;
}

/* Gold labels of both stages. */
static void
corpus_gold(Corpus *co, const NxLabelSet *ls)
{
	uint8_t		b[3],
				in[3];
	static const char *const tn[3] = {NX_ATTRIB_SRC, NX_ATTRIB_CUE, NX_ATTRIB_CONTENT};

	for (int r = 0; r < 3; r++)
		for (uint32_t t = 0; t < ls->ntypes; t++)
			if (strcmp(ls->type_name[t], tn[r]) == 0)
			{
				b[r] = ls->label_of[t][NX_LP_B];
				in[r] = ls->label_of[t][NX_LP_I];
			}
	for (size_t i = 0; i < co->n; i++)
	{
		QDoc	   *q = &co->d[i];
		size_t		n = q->doc.ntok;

		q->gold1 = xalloc(n);
		q->gold2 = xalloc(n);
		q->pred1 = xalloc(n);
		q->pred2 = xalloc(n);
		q->s1 = xalloc(n);
		memset(q->s1, ls->outside, n);
		memset(q->gold1, ls->outside, n);
		memset(q->gold2, ls->outside, n);
		/* cues first, then sources where free; contents on their own layer */
		for (int r = 1; r >= 0; r--)
			for (size_t k = 0; k < q->j.nattr; k++)
				for (size_t m = 0; m < q->j.attr[k].nspan[r]; m++)
				{
					size_t		t0,
								t1;

					if (!span_tokens(&q->doc, q->j.attr[k].span[r][m].s, q->j.attr[k].span[r][m].e, &t0, &t1))
						continue;
					if (q->gold1[t0] != ls->outside)
						continue;
					for (size_t t = t0; t < t1 && q->gold1[t] == ls->outside; t++)
						q->gold1[t] = t == t0 ? b[r] : in[r];
				}
		for (size_t k = 0; k < q->j.nattr; k++)
			for (size_t m = 0; m < q->j.attr[k].nspan[R_CONTENT]; m++)
			{
				size_t		t0,
							t1;

				if (!span_tokens(&q->doc, q->j.attr[k].span[R_CONTENT][m].s,
								 q->j.attr[k].span[R_CONTENT][m].e, &t0, &t1))
					continue;
				if (q->gold2[t0] != ls->outside)
					continue;
				for (size_t t = t0; t < t1; t++)
					q->gold2[t] = t == t0 ? b[2] : in[2];
			}
	}
}

/* Per-article feature state of the attribution tagger. */
static void
corpus_prepare(Corpus *co, const NxModel *m)
{
	for (size_t i = 0; i < co->n; i++)
	{
		QDoc	   *q = &co->d[i];

		if (nx_attrib_doc_init(&q->ad, &m->labels, &m->lex, &m->clusters, NULL, &q->doc,
							   q->spans, q->nspans, A) != NX_OK)
			die("out of memory");
	}
}

/* Labels of paragraph p from stage's tagger t (window by window) into the document's labels. */
static void
tag_paragraph(const QDoc *q, const NxTagger *t, const NxLabelSet *ls, int stage, size_t p,
			  uint8_t *labels)
{
	NxSeq		seq;
	uint8_t    *out = labels + nx_attrib_doc_para_tok(q->ad, p);

	for (size_t w = 0; nx_attrib_doc_seq(q->ad, stage, p, w, &seq) > 0; w += seq.ntok)
		nx_tagger_greedy(t, ls, &seq, out + w, NULL);
}

/* Stage-1 labels of an article's active paragraphs from tagger t. */
static void
tag_stage1(QDoc *q, const NxTagger *t, const NxLabelSet *ls)
{
	for (size_t p = 0; p < nx_attrib_doc_npara(q->ad); p++)
		if (nx_attrib_doc_active(q->ad, 1, p))
			tag_paragraph(q, t, ls, 1, p, q->s1);
}

/* ---- training ---- */

/* The corpus as the epoch loop sees it. */
typedef struct Train
{
	Corpus	   *co;
	const size_t *hold;			/* held-out articles, to choose epochs on */
	size_t		nhold;
} Train;

/* Learn one article once. */
static size_t
learn_article(void *ctx, NxTrainer *tr, const NxLabelSet *ls, int stage, size_t d, size_t *ntok)
{
	QDoc	   *q = &((Train *) ctx)->co->d[d];
	size_t		mistakes = 0;

	if (stage == 2)
		nx_attrib_doc_stage(q->ad, q->s1);
	for (size_t p = 0; p < nx_attrib_doc_npara(q->ad); p++)
	{
		NxSeq		seq;
		uint32_t	st = nx_attrib_doc_para_tok(q->ad, p);

		if (!nx_attrib_doc_active(q->ad, stage, p))
			continue;
		for (size_t w = 0; nx_attrib_doc_seq(q->ad, stage, p, w, &seq) > 0; w += seq.ntok)
		{
			mistakes += nx_trainer_learn(tr, ls, &seq,
										 (stage == 1 ? q->gold1 : q->gold2) + st + w,
										 (stage == 1 ? q->pred1 : q->pred2) + st + w);
			*ntok += seq.ntok;
		}
	}
	return mistakes;
}

/* Decode the held-out articles with a stage; print its F1 per role; return their mean. */
static double
score_held_out(void *ctx, const NxModel *m, int stage, const char *label)
{
	Train	   *t = ctx;
	Score		sc;
	double		sum = 0;
	int			nt = 0;

	memset(&sc, 0, sizeof(sc));
	for (size_t k = 0; k < t->nhold; k++)
	{
		QDoc	   *q = &t->co->d[t->hold[k]];
		uint8_t    *pred = stage == 1 ? q->pred1 : q->pred2;

		for (size_t p = 0; p < nx_attrib_doc_npara(q->ad); p++)
		{
			uint32_t	st = nx_attrib_doc_para_tok(q->ad, p);
			uint32_t	len = nx_attrib_doc_para_tok(q->ad, p + 1) - st;

			if (nx_attrib_doc_active(q->ad, stage, p))
				tag_paragraph(q, &m->stage[stage - 1], &m->labels, stage, p, pred);
			else
				memset(pred + st, m->labels.outside, len);
			score_seq(&sc, &m->labels, (stage == 1 ? q->gold1 : q->gold2) + st, pred + st, len);
		}
	}
	fprintf(stderr, "%s:", label);
	for (uint32_t r = 0; r < m->labels.ntypes; r++)
		if (sc.ng[r])
		{
			double		f = f1(sc.tp[r], sc.np[r], sc.ng[r]);

			fprintf(stderr, " %s=%.2f", m->labels.type_name[r], 100 * f);
			sum += f;
			nt++;
		}
	fprintf(stderr, "\n");
	return nt ? sum / nt : 0;
}

/* Stage-1 labels of an article from a fold's model. */
static void
label_stage1(void *ctx, const NxModel *m, size_t d)
{
	tag_stage1(&((Train *) ctx)->co->d[d], &m->stage[0], &m->labels);
}

/* ---- running a model ---- */

/* Print a text span as a TSV field (tabs and newlines as spaces). */
static void
put_field(const NxDoc *doc, const NxSpan *s)
{
	if (s->ntok == 0)
	{
		fputs("\\N", stdout);
		return;
	}
	for (uint32_t i = 0; i < s->blen; i++)
	{
		char		c = doc->text[s->b + i];

		putchar(c == '\t' || c == '\n' || c == '\r' ? ' ' : c);
	}
}

/* Print a span's 1-based position and length as two TSV fields. */
static void
put_pos(const NxSpan *s)
{
	if (s->ntok == 0)
		fputs("\t\\N\t\\N", stdout);
	else
		printf("\t%u\t%u", s->c + 1, s->clen);
}

/* The speaker's key (person:..., org:...) or nothing, as extract_quotes gives it. */
static void
put_key(const NxQuote *q, const char *name, size_t n)
{
	char	   *key;

	putchar('\t');
	if (q->speaker.ntok == 0 || q->speaker_type == NX_ST_NONE)
		return;
	key = nx_key_make(q->speaker_type == NX_ST_PERSON ? "person" : "org", name, n, A);
	if (key)
		fputs(key, stdout);
	nx_free(A, key);
}

/* The speaker's name (nx_quote_speaker_name) with tabs and line breaks as spaces. */
static void
put_name(const char *name, size_t n)
{
	for (size_t i = 0; i < n; i++)
		putchar(name[i] == '\t' || name[i] == '\n' || name[i] == '\r' ? ' ' : name[i]);
}

/* --model: rows for the referee, every column with --rows, the speakers referee's with --speakers. */
static int
run_predict(const TrainOpts *o, int rows, int speakers)
{
	NxModel		m;
	Corpus		co = {NULL, 0, 0, 0, 0};
	double		t0;
	size_t		nq = 0,
				len;
	void	   *buf = open_model(o->model, &m, &len, nx_quotes_check_model);

	/* as the extension runs it: analyses kept across documents */
	m.attrib_cache = nx_attrib_cache_init(xalloc(nx_attrib_cache_bytes(NX_ATTRIB_CACHE_ENTRIES)),
										  nx_attrib_cache_bytes(NX_ATTRIB_CACHE_ENTRIES));
	read_articles(o->dev, &co);
	for (size_t i = 0; i < co.n; i++)
	{
		QDoc	   *q = &co.d[i];
		NxQuote    *qs;
		size_t		n;

		if (nx_quotes_extract(&m, &q->doc, &qs, &n, A) != NX_OK)
			die("extraction failed on %s", q->j.d.id);
		for (size_t k = 0; k < n; k++)
		{
			const NxQuote *x = &qs[k];
			char	   *own = x->speaker_skip_blen ? xalloc(x->speaker.blen + 1) : NULL;
			size_t		nn;
			const char *name = nx_quote_speaker_name(q->doc.text, x, own, &nn);

			fputs(q->j.d.id, stdout);
			if (speakers)
			{
				put_pos(&x->content);
				put_pos(&x->mention);
				put_pos(&x->cue);
				putchar('\t');
				put_name(name, nn);
				put_key(x, name, nn);
				printf("\t%s\n", nx_quote_kind_name((NxQuoteKind) x->kind));
			}
			else if (rows)
			{
				putchar('\t');
				put_field(&q->doc, &x->text);
				printf("\t%s\t", nx_quote_kind_name((NxQuoteKind) x->kind));
				if (x->speaker.ntok == 0)
					fputs("\\N", stdout);
				else
					put_name(name, nn);
				put_pos(&x->mention);
				putchar('\t');
				put_field(&q->doc, &x->cue);
				put_pos(&x->cue);
				put_pos(&x->content);
				printf("\t%u\t%u\n", x->paragraph + 1, x->sentence + 1);
			}
			else
			{
				put_pos(&x->content);
				put_pos(&x->mention);
				put_pos(&x->cue);
				putchar('\n');
			}
			free(own);
		}
		nq += n;
		nx_free(A, qs);
	}
	if (o->bench > 0)
	{
		t0 = now();
		for (int r = 0; r < o->bench; r++)
			for (size_t i = 0; i < co.n; i++)
			{
				NxDoc		doc;
				NxQuote    *qs;
				size_t		n;

				if (nx_doc_parse(&doc, co.d[i].j.d.text, co.d[i].j.d.textlen, A) != NX_OK ||
					nx_quotes_extract(&m, &doc, &qs, &n, A) != NX_OK)
					return 1;
				nx_free(A, qs);
				nx_doc_free(&doc);
			}
		t0 = now() - t0;
		fprintf(stderr, "parse + extract: %zu bytes x %d in %.3fs: %.2f MB/s, %.0f ns/token (%zu quotations)\n",
				co.nbytes, o->bench, t0, co.nbytes * (double) o->bench / t0 / 1e6,
				1e9 * t0 / ((double) co.ntok * o->bench), nq);
	}
	for (size_t i = 0; i < co.n; i++)
	{
		nx_doc_free(&co.d[i].doc);
		nx_free(A, co.d[i].spans);
		jdoc_free(&co.d[i].j);
	}
	free(co.d);
	free(buf);
	return 0;
}

/* ---- the speakers pass's ranking ---- */

/* Epochs, rate and L2 of the ranking's softmax regression. */
#define SPEAKER_EPOCHS		20
#define SPEAKER_RATE		0.05f
#define SPEAKER_L2			1e-2f

/* Collect a ranking example of the speakers pass (NxSpeakerExampleFn). */
static void
collect_example(void *arg, const float *feat, int ncand, int right)
{
	rank_add((RankSet *) arg, feat, ncand, right);
}

/*
 * Learn the weights of the speakers pass's ranking from the examples the
 * extraction gives on articles idx[0..n) with model m (a surname that
 * opens a sentence or a source, hidden, its entity to recover); return
 * them (nx_quotes_speaker_nfeat() floats, malloc'd).  Every tenth example
 * is held out to report the accuracy; the weights are then learned on all.
 */
static float *
learn_speakers(Corpus *co, const size_t *idx, size_t n, const NxModel *m)
{
	RankSet		rs = {0};
	NxQuoteOptions opt;
	int			nf = nx_quotes_speaker_nfeat();
	float	   *w = xalloc((size_t) nf * sizeof(float)),
			   *w0 = xalloc((size_t) nf * sizeof(float)),
			   *prior = xalloc((size_t) nf * sizeof(float));
	size_t	   *train,
			   *test,
				ntrain = 0,
				ntest = 0;

	rs.nfeat = nf;
	memset(&opt, 0, sizeof(opt));
	opt.speaker_example = collect_example;
	opt.example_arg = &rs;
	for (size_t i = 0; i < n; i++)
	{
		NxQuote    *qs;
		size_t		nq;

		if (nx_quotes_extract_opt(m, &co->d[idx[i]].doc, &opt, &qs, &nq, A) != NX_OK)
			die("extraction failed on %s", co->d[idx[i]].j.d.id);
		nx_free(A, qs);
	}
	train = xalloc((rs.n + 1) * sizeof(size_t));
	test = xalloc((rs.n + 1) * sizeof(size_t));
	for (size_t i = 0; i < rs.n; i++)
		if (i % 10 == 0)
			test[ntest++] = i;
		else
			train[ntrain++] = i;
	nx_quotes_speaker_default_weights(prior);
	fprintf(stderr, "speakers: %zu examples; the explicit ordering gets %.4f of the held-out tenth right\n",
			rs.n, rank_accuracy(&rs, prior, test, ntest));
	memcpy(w0, prior, (size_t) nf * sizeof(float));
	rank_learn(&rs, w0, prior, train, ntrain, SPEAKER_EPOCHS, SPEAKER_RATE, SPEAKER_L2);
	fprintf(stderr, "speakers: learned on the rest, %.4f\n", rank_accuracy(&rs, w0, test, ntest));
	for (size_t i = 0; i < rs.n; i++)
		train[i] = i;
	memcpy(w, prior, (size_t) nf * sizeof(float));
	rank_learn(&rs, w, prior, train, rs.n, SPEAKER_EPOCHS, SPEAKER_RATE, SPEAKER_L2);
	rank_free(&rs);
	free(w0);
	free(prior);
	free(train);
	free(test);
	return w;
}

/*
 * With --model and --learn-speakers: the ranking examples of the --dev
 * articles, how often the explicit ordering and a ranking learned on
 * nine tenths of them get the other tenth right, and the weights
 * learned on all, for the explicit ordering to be checked against.
 */
static int
report_speakers(const TrainOpts *o)
{
	NxModel		m;
	Corpus		co = {NULL, 0, 0, 0, 0};
	size_t		len,
			   *idx;
	void	   *buf = open_model(o->model, &m, &len, nx_quotes_check_model);
	float	   *w;

	read_articles(o->dev, &co);
	idx = xalloc((co.n + 1) * sizeof(size_t));
	for (size_t i = 0; i < co.n; i++)
		idx[i] = i;
	w = learn_speakers(&co, idx, co.n, &m);
	for (int k = 0; k < nx_quotes_speaker_nfeat(); k++)
		printf("weight %d %.3f\n", k, w[k]);
	free(w);
	free(idx);
	free(buf);
	return 0;
}

/* Train the model, or with --model run one. */
int
main(int argc, char **argv)
{
	static const char *const types[3] = {NX_ATTRIB_CONTENT, NX_ATTRIB_CUE, NX_ATTRIB_SRC};
	TrainOpts	o = {0};
	int			holdout = 10,
				rows = 0,
				speakers = 0,
				learn = 0,
				int8 = 0,
				runs = 1,
				pred_history = 0;
	const Opt	own[] = {
		{"--holdout", OPT_INT, &holdout, "K", "without --dev: hold every K-th article out to\n"
		"choose epochs on, 0 for none"},
		{"--rows", OPT_FLAG, &rows, NULL, "with --model: every column of extract_quotes"},
		{"--speakers", OPT_FLAG, &speakers, NULL, "with --model: the columns of the speakers\n"
		"referee (../shared/eval/score_speakers.py)"},
		{"--learn-speakers", OPT_FLAG, &learn, NULL, "learn the speakers pass's ranking (a SPEAKERS\n"
		"section) instead of its explicit ordering; with\n"
		"--model: report both on the examples of --dev"},
		{"--runs", OPT_INT, &runs, "K", "average the weights of K shuffles per stage\n"
		"(seeds seed, seed + 1, ...)"},
		{"--pred-history", OPT_FLAG, &pred_history, NULL, "learn with the labels the model predicts\n"
		"before each token (as it decodes) instead of the gold ones"},
		{"--int8", OPT_FLAG, &int8, NULL, "write the weights as int8 rows, each with its\n"
		"own shift (half the size of int16)"},
		{"--names", OPT_STR, &o.lexicon, "DIR", NULL},
		{"--predict", OPT_STR, &o.dev, "FILE", NULL},
		{NULL}
	};
	Corpus		co = {NULL, 0, 0, 0, 0};
	NxModel		m;
	char		err[256],
				meta[1024],
				runsbuf[32];
	Blob		lexsec = {NULL, 0},
				namesec = {NULL, 0},
				clsec = {NULL, 0},
				spsec = {NULL, 0};
	size_t	   *idx,
			   *hold,
				nidx = 0,
				nhold = 0,
				ntrain,
				ntok;
	Train		data;
	TrainSet	ts;
	Stage		s1,
				s2;

	o.epochs = 10;
	o.bits = 18;
	o.folds = 5;
	o.seed = 1;
	o.name = "quotes-en";
	o.lexicon = "data/lexicon";
	parse_options(argc, argv, &o, own,
				  "usage: newsx-train-quotes --train FILE --out MODEL [options]\n"
				  "       newsx-train-quotes --model MODEL --dev FILE [--rows] [--bench N]\n"
				  "       newsx-train-quotes --model MODEL --dev FILE --learn-speakers\n");
	if (o.model)
	{
		if (!o.dev)
			usage();
		return learn ? report_speakers(&o) : run_predict(&o, rows, speakers);
	}
	if (!o.train || !o.out || o.epochs < 1 || o.bits < 10 || o.bits > 24 || o.folds < 2 ||
		holdout < 0 || holdout == 1)
		usage();
	rng_seed(o.seed);

	memset(&m, 0, sizeof(m));
	if (nx_labels_make(&m.labels, 0, types, 3, err, sizeof(err)) != NX_OK)
		die("%s", err);
	snprintf(m.name, sizeof(m.name), "%s", o.name);
	strcpy(m.task, NX_ATTRIB_TASK);
	m.featset = NX_ATTRIB_FEATSET;
	word_class_lexicon(o.lexicon, &lexsec, &m.lex, &namesec, &m.names);
	m.namessec = namesec.p;
	m.namesseclen = namesec.len;
	model_clusters(&o, &m, &clsec);
	read_articles(o.train, &co);
	ntrain = co.n;
	ntok = co.ntok;
	fprintf(stderr, "train: %zu articles, %zu tokens\n", co.n, co.ntok);
	if (o.dev)
	{
		/* epochs are chosen on --dev instead of held-out training articles */
		read_articles(o.dev, &co);
		fprintf(stderr, "dev: %zu articles\n", co.n - ntrain);
		holdout = 0;
	}
	corpus_gold(&co, &m.labels);
	corpus_prepare(&co, &m);
	idx = xalloc(co.n * sizeof(size_t));
	hold = xalloc(co.n * sizeof(size_t));
	for (size_t i = 0; i < co.n; i++)
	{
		if (i >= ntrain || (holdout && i % (size_t) holdout == 0))
			hold[nhold++] = i;
		else
			idx[nidx++] = i;
	}
	data.co = &co;
	data.hold = hold;
	data.nhold = nhold;
	ts.bits = o.bits;
	ts.gold_history = !pred_history;
	ts.verbose = o.verbose;
	ts.ctx = &data;
	ts.learn = learn_article;
	ts.score = nhold ? score_held_out : NULL;
	ts.held_out = o.dev ? "dev" : "held out";
	ts.label1 = label_stage1;

	/* stage 1 */
	m.nstages = 2;
	s1 = train_runs(&ts, &m, 1, idx, nidx, o.epochs, runs, o.seed, "stage 1");

	/* stage-1 labels of the held-out articles from the stage-1 model */
	for (size_t k = 0; k < nhold; k++)
	{
		QDoc	   *q = &co.d[hold[k]];

		tag_stage1(q, &m.stage[0], &m.labels);
		nx_attrib_doc_stage(q->ad, q->s1);
	}
	/* ... and of the training articles from models not trained on them */
	train_folds(&ts, &m, idx, nidx, o.folds, s1.epoch);
	for (size_t i = 0; i < nidx; i++)
	{
		QDoc	   *q = &co.d[idx[i]];

		/* stage 1 is trained on sources and cues only; drop anything else */
		for (size_t t = 0; t < q->doc.ntok; t++)
			if (q->s1[t] == m.labels.label_of[0][NX_LP_B] || q->s1[t] == m.labels.label_of[0][NX_LP_I])
				q->s1[t] = m.labels.outside;
	}
	for (size_t k = 0; k < nhold; k++)
		nx_attrib_doc_stage(co.d[hold[k]].ad, co.d[hold[k]].s1);

	/* stage 2 */
	s2 = train_runs(&ts, &m, 2, idx, nidx, o.epochs, runs, o.seed, "stage 2");

	/* the speakers pass's ranking, on the training articles read by this model */
	if (learn)
	{
		float	   *w = learn_speakers(&co, idx, nidx, &m);

		if (nx_quotes_speakers_section(w, nx_quotes_speaker_nfeat(), &spsec.p, &spsec.len, A) != NX_OK)
			die("out of memory");
		m.speakers = spsec.p;
		m.speakerslen = spsec.len;
		free(w);
	}

	/* the defaults (one run, gold history) leave the line as it was */
	runsbuf[0] = '\0';
	if (runs > 1)
		snprintf(runsbuf, sizeof(runsbuf), " runs=%d", runs);
	snprintf(meta, sizeof(meta),
			 "trained by newsx-train-quotes: featset=%d bits=%d folds=%d holdout=%d seed=%lu "
			 "epochs=%d best-epochs=%d,%d%s%s clusters=%s int8=%s train-articles=%zu train-tokens=%zu\n",
			 NX_ATTRIB_FEATSET, o.bits, o.folds, holdout, o.seed, o.epochs,
			 s1.epoch, s2.epoch, runsbuf, pred_history ? " history=predicted" : "",
			 clusters_meta(&m, &clsec), int8 ? "yes" : "no", nidx, ntok);
	write_model(o.out, &m, &lexsec, &clsec, meta, int8);
	return 0;
}
