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
 *		--lexicon data/lexicon --clusters data/clusters.txt \
 *		--out data/quotes-en.model
 *
 * Epochs of each stage are chosen on every 10th training article, held
 * out (--holdout 10); the model is then trained on the other nine tenths.
 * Stage-2 training reads stage-1 labels of each training article from a
 * stage-1 model not trained on it (--folds 5).  The word classes below
 * and title.txt and per-first.txt of --lexicon are the model's LEXICON
 * section.  Other options: --help.
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
#include "nx_attrib.h"
#include "nx_model.h"
#include "nx_quotes.h"
#include "nx_tagger.h"
#include "nx_text.h"
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

/* ---- word classes written to the model's LEXICON section ---- */

/* Reporting verbs, every inflected form. */
static const char cue_verbs[] =
	"say said says saying tell told tells telling add adds added adding write wrote written "
	"writes writing ask asks asked asking note notes noted noting claim claims claimed "
	"claiming argue argues argued arguing explain explains explained explaining announce "
	"announces announced announcing report reports reported reporting suggest suggests "
	"suggested suggesting insist insists insisted insisting warn warns warned warning tweet "
	"tweets tweeted tweeting state states stated stating declare declares declared declaring "
	"acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting deny "
	"denies denied denying answer answers answered answering reply replies replied replying "
	"respond responds responded responding recall recalls recalled recalling continue "
	"continues continued continuing conclude concludes concluded concluding observe observes "
	"observed observing remark remarks remarked remarking comment comments commented "
	"commenting complain complains complained complaining contend contends contended "
	"contending assert asserts asserted asserting maintain maintains maintained maintaining "
	"predict predicts predicted predicting promise promises promised promising vow vows vowed "
	"vowing urge urges urged urging accuse accuses accused accusing describe describes "
	"described describing call calls called calling testify testifies testified testifying "
	"confirm confirms confirmed confirming believe believes believed believing think thought "
	"thinks thinking speak spoke spoken speaks speaking show showed shown shows showing find "
	"found finds finding estimate estimates estimated estimating indicate indicates indicated "
	"indicating reveal reveals revealed revealing point points pointed pointing mention "
	"mentions mentioned mentioning emphasize emphasizes emphasized emphasizing emphasise "
	"emphasises emphasised emphasising stress stresses stressed stressing concede concedes "
	"conceded conceding question questions questioned questioning wonder wonders wondered "
	"wondering joke jokes joked joking quip quips quipped quipping boast boasts boasted "
	"boasting charge charges charged charging allege alleges alleged alleging caution cautions "
	"cautioned cautioning counter counters countered countering disclose discloses disclosed "
	"disclosing elaborate elaborates elaborated elaborating affirm affirms affirmed affirming "
	"proclaim proclaims proclaimed proclaiming pledge pledges pledged pledging propose "
	"proposes proposed proposing recommend recommends recommended recommending demand demands "
	"demanded demanding hope hopes hoped hoping fear fears feared fearing worry worries "
	"worried worrying feel felt feels feeling know knew known knows knowing expect expects "
	"expected expecting agree agrees agreed agreeing disagree disagrees disagreed disagreeing "
	"criticize criticizes criticized criticizing criticise criticises criticised criticising "
	"praise praises praised praising slam slams slammed slamming blast blasts blasted blasting "
	"tout touts touted touting post posts posted posting email emails emailed emailing text "
	"texts texted texting cite cites cited citing read reads reading shout shouts shouted "
	"shouting yell yells yelled yelling whisper whispers whispered whispering exclaim exclaims "
	"exclaimed exclaiming muse muses mused musing reason reasons reasoned reasoning recount "
	"recounts recounted recounting relate relates related relating signal signals signaled "
	"signaling hint hints hinted hinting imply implies implied implying underscore underscores "
	"underscored underscoring posit posits posited positing opine opines opined opining order "
	"orders ordered ordering decline declines declined declining refuse refuses refused "
	"refusing threaten threatens threatened threatening inform informs informed informing "
	"advise advises advised advising assure assures assured assuring remind reminds reminded "
	"reminding forecast forecasts forecasting forecasted project projects projected projecting "
	"determine determines determined determining discover discovers discovered discovering "
	"learn learned learnt learns learning hear heard hears hearing see saw seen sees seeing "
	"consider considers considered considering reckon reckons reckoned reckoning guess guesses "
	"guessed guessing suspect suspects suspected suspecting doubt doubts doubted doubting "
	"regret regrets regretted regretting lament laments lamented lamenting apologize "
	"apologizes apologized apologizing apologise apologises apologised apologising thank "
	"thanks thanked thanking welcome welcomes welcomed welcoming applaud applauds applauded "
	"applauding condemn condemns condemned condemning denounce denounces denounced denouncing "
	"dismiss dismisses dismissed dismissing reject rejects rejected rejecting defend defends "
	"defended defending endorse endorses endorsed endorsing support supports supported "
	"supporting oppose opposes opposed opposing blame blames blamed blaming credit credits "
	"credited crediting attack attacks attacked attacking mock mocks mocked mocking ridicule "
	"ridicules ridiculed ridiculing label labels labeled labeling brand brands branded "
	"branding dub dubs dubbed dubbing term terms termed terming characterize characterizes "
	"characterized characterizing characterise characterises characterised characterising "
	"portray portrays portrayed portraying query queries queried querying interrupt interrupts "
	"interrupted interrupting chime chimes chimed chiming interject interjects interjected "
	"interjecting retort retorts retorted retorting rebut rebuts rebuted rebuting scoff scoffs "
	"scoffed scoffing sneer sneers sneered sneering bemoan bemoans bemoaned bemoaning decry "
	"decries decried decrying grumble grumbles grumbled grumbling concur concurs concured "
	"concuring clarify clarifies clarified clarifying specify specifies specified specifying "
	"detail details detailed detailing outline outlines outlined outlining summarize "
	"summarizes summarized summarizing summarise summarises summarised summarising unveil "
	"unveils unveiled unveiling release releases released releasing publish publishes "
	"published publishing broadcast broadcasts broadcasting air airs aired airing reiterate "
	"reiterates reiterated reiterating repeat repeats repeated repeating echo echos echoed "
	"echoing swear swore sworn swears swearing guarantee guarantees guaranteed guaranteing "
	"confess confesses confessed confessing plead pleads pleaded pleading submit submits "
	"submitted submitting file files filed filing sue sues sued suing advocate advocates "
	"advocated advocating campaign campaigns campaigned campaigning lobby lobbies lobbied "
	"lobbying push pushes pushed pushing press presses pressed pressing pressure pressures "
	"pressured pressuring want wants wanted wanting wish wishes wished wishing prefer prefers "
	"preferred preferring plan plans planned planning intend intends intended intending seem "
	"seems seemed seeming appear appears appeared appearing ";

static const char cue_nouns[] =
	"statement statements interview interviews remarks speech speeches tweet tweets "
	"post posts letter email emails memo report reports release testimony op-ed "
	"editorial column essay book video message appearance briefing conference "
	"announcement declaration comments comment";

static const char cue_preps[] = "according per via citing";

static const char pronouns[] =
	"he she they i we you it him her them his their its who which that this "
	"himself herself themselves one";

static const char titles[] =
	"president senator sen. rep. gov. governor secretary spokesman spokeswoman "
	"spokesperson mayor chairman chairwoman chair director leader minister "
	"candidate nominee congressman congresswoman representative ambassador "
	"attorney general judge justice commissioner adviser advisor aide manager "
	"strategist analyst professor dr. mr. mrs. ms. gen. lt. col. speaker "
	"chief executive ceo founder head official officials press deputy vice "
	"former democrat republican democratic gop chancellor premier king queen "
	"prince pope sheriff chancellor coach";

static const char source_nouns[] =
	"official officials spokesman spokeswoman spokesperson source sources aide "
	"aides analyst analysts expert experts critic critics supporter supporters "
	"voter voters poll polls survey surveys study studies report reports "
	"campaign administration government police prosecutors lawyer lawyers "
	"attorney attorneys observers people residents witnesses democrats "
	"republicans lawmakers leaders members staff team group committee "
	"department agency office spokespeople statement data figures";

static const char speech_nouns[] =
	"words quote quotes phrase slogan claim claims argument message comment "
	"remark question answer response reply promise pledge vow warning accusation "
	"allegation assertion suggestion belief view views opinion position stance";

static const char negation[] = "not n't never no neither nor nothing nobody";

static const char modals[] =
	"will would can could may might must shall should 'll 'd";

static const char subord[] =
	"that whether if because although though while when where how why what "
	"as since unless";


/* Add every space-separated word of a list as a one-token entry of class cls. */
static void
lex_add_words(LexBuild *lb, const char *list, uint32_t cls)
{
	const char *p = list;

	while (*p)
	{
		const char *e;
		char		word[256];
		char	   *tok = word;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		for (e = p; *e && *e != ' '; e++)
			;
		snprintf(word, sizeof(word), "%.*s", (int) (e - p), p);
		lex_add(lb, &tok, 1, cls);
		p = e;
	}
}

/* Add every word of every line of a list file as class cls. */
static void
lex_add_file(LexBuild *lb, const char *dir, const char *file, uint32_t cls)
{
	char		path[4096];
	Lines		l;
	ssize_t		r;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	lines_open(&l, path);
	while ((r = lines_next(&l)) >= 0)
		if (r > 0 && l.line[0] != '#')
			lex_add_words(lb, l.line, cls);
	lines_close(&l);
}

/*
 * The LEXICON section of the word classes: class c is names[c], with the
 * words of lists[c] (n of each); the words of title.txt and per-first.txt
 * of the lexicon directory are added to the title and first-name classes.
 */
static void
word_class_lexicon(const char *const *lists, const char *const *names, size_t n,
				   const char *lexdir, Blob *sec, NxLexicon *lex)
{
	LexBuild	lb = {0};

	for (size_t c = 0; c < n; c++)
		lex_add_words(&lb, lists[c], (uint32_t) c);
	lex_add_file(&lb, lexdir, "title.txt", NX_LX_TITLE);
	lex_add_file(&lb, lexdir, "per-first.txt", NX_LX_FIRST_NAME);
	lexicon_section(&lb, names, n, sec, lex);
	free(lb.s);
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

		if (nx_attrib_doc_init(&q->ad, &m->labels, &m->lex, &m->clusters, &q->doc, q->spans, q->nspans, A) != NX_OK)
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

/* --model: rows for the referee, or every column with --rows. */
static int
run_predict(const TrainOpts *o, int rows)
{
	NxModel		m;
	Corpus		co = {NULL, 0, 0, 0, 0};
	double		t0;
	size_t		nq = 0,
				len;
	void	   *buf = open_model(o->model, &m, &len, nx_quotes_check_model);

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

			fputs(q->j.d.id, stdout);
			if (rows)
			{
				putchar('\t');
				put_field(&q->doc, &x->text);
				printf("\t%s\t", nx_quote_kind_name((NxQuoteKind) x->kind));
				put_field(&q->doc, &x->speaker);
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

/* Train the model, or with --model run one. */
int
main(int argc, char **argv)
{
	static const char *const types[3] = {NX_ATTRIB_CONTENT, NX_ATTRIB_CUE, NX_ATTRIB_SRC};
	static const char *const class_names[] = {NX_ATTRIB_LEX_CLASSES};
	static const char *const class_words[] = {cue_verbs, cue_nouns, cue_preps, pronouns, titles,
		source_nouns, speech_nouns, negation, modals, subord, ""};
	TrainOpts	o = {0};
	int			holdout = 10,
				rows = 0;
	const Opt	own[] = {
		{"--holdout", OPT_INT, &holdout, "K", "without --dev: hold every K-th article out to\n"
		"choose epochs on, 0 for none"},
		{"--rows", OPT_FLAG, &rows, NULL, "with --model: every column of extract_quotes"},
		{"--names", OPT_STR, &o.lexicon, "DIR", NULL},
		{"--predict", OPT_STR, &o.dev, "FILE", NULL},
		{NULL}
	};
	Corpus		co = {NULL, 0, 0, 0, 0};
	NxModel		m;
	char		err[256],
				meta[1024];
	Blob		lexsec = {NULL, 0},
				clsec = {NULL, 0};
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
				  "       newsx-train-quotes --model MODEL --dev FILE [--rows] [--bench N]\n");
	if (o.model)
	{
		if (!o.dev)
			usage();
		return run_predict(&o, rows);
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
	word_class_lexicon(class_words, class_names, sizeof(class_names) / sizeof(class_names[0]),
					   o.lexicon, &lexsec, &m.lex);
	if (o.clusters)
		clusters_section(o.clusters, &clsec, &m.clusters);
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
	ts.gold_history = 1;
	ts.verbose = o.verbose;
	ts.ctx = &data;
	ts.learn = learn_article;
	ts.score = nhold ? score_held_out : NULL;
	ts.held_out = o.dev ? "dev" : "held out";
	ts.label1 = label_stage1;

	/* stage 1 */
	m.nstages = 2;
	s1 = train_stage(&ts, &m, 1, idx, nidx, o.epochs, "stage 1");

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
	s2 = train_stage(&ts, &m, 2, idx, nidx, o.epochs, "stage 2");

	snprintf(meta, sizeof(meta),
			 "trained by newsx-train-quotes: featset=%d bits=%d folds=%d holdout=%d seed=%lu "
			 "epochs=%d best-epochs=%d,%d clusters=%s train-articles=%zu train-tokens=%zu\n",
			 NX_ATTRIB_FEATSET, o.bits, o.folds, holdout, o.seed, o.epochs,
			 s1.epoch, s2.epoch, clsec.len ? "yes" : "no", nidx, ntok);
	write_model(o.out, &m, &lexsec, &clsec, meta);
	return 0;
}
