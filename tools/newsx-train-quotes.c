/*
 * newsx-train-quotes.c
 *	  Train the quotation model (data/quotes-en.model) on PolNeAR-style JSON
 *	  lines; or run a model over JSON lines and print the rows
 *	  extract_quotes would return, for the referee (score.py) and timing.
 *
 * Build (from the project root; links the core only):
 *
 *	 cc -O2 -std=c99 -Isrc/core -o newsx-train-quotes tools/newsx-train-quotes.c \
 *		src/core/nx_quotes.c src/core/nx_quotemarks.c src/core/nx_attrib.c \
 *		src/core/nx_tagger.c src/core/nx_model.c src/core/nx_ner.c \
 *		src/core/nx_text.c src/core/nx_alloc.c \
 *		$(pkg-config --cflags --libs icu-uc) -lm
 *
 * The shipped model is rebuilt with (deterministic; one core, about 30 s):
 *
 *	 ./newsx-train-quotes --train ../shared/data/polnear/train.jsonl \
 *		--clusters data/clusters.txt --out data/quotes-en.model
 *
 * Epochs of each stage are chosen on every 10th training article, held
 * out (--holdout 10); the model is then trained on the other nine tenths.
 * Stage-2 training reads stage-1 labels of each training article from a
 * stage-1 model not trained on it (--folds 5).  Other options: --help.
 *
 * Rows for the referee (TSV: id, pos, len, speaker_pos, speaker_len,
 * cue_pos, cue_len; 1-based character positions as in SQL):
 *
 *	 ./newsx-train-quotes --model data/quotes-en.model \
 *		--predict ../shared/data/polnear/dev.jsonl > pred.tsv
 *	 python3 ../shared/eval/score.py quotes ../shared/data/polnear/dev.jsonl pred.tsv
 *
 * --rows prints every column of extract_quotes instead; --bench N times N
 * passes over the articles (parse and extraction).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nx_alloc.h"
#include "nx_attrib.h"
#include "nx_fold.h"
#include "nx_hash.h"
#include "nx_model.h"
#include "nx_quotes.h"
#include "nx_tagger.h"
#include "nx_text.h"

static const NxAlloc *A = &nx_malloc_alloc;

static void *
xalloc(size_t n)
{
	void	   *p = calloc(1, n ? n : 1);

	if (!p)
	{
		fprintf(stderr, "newsx-train-quotes: out of memory\n");
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
		fprintf(stderr, "newsx-train-quotes: out of memory\n");
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

/* ---- a reader for the gold JSON lines (just what the corpus uses) ---- */

enum
{
	R_SOURCE, R_CUE, R_CONTENT, R__COUNT
};

typedef struct JAttr
{
	int			kind;			/* 0 direct, 1 mixed, 2 indirect */
	size_t		nspan[R__COUNT];
	uint32_t	(*span[R__COUNT])[2];	/* code-point offsets [s, e) */
} JAttr;

typedef struct JDoc
{
	char	   *id;
	char	   *text;
	size_t		textlen;
	JAttr	   *attr;
	size_t		nattr;
} JDoc;

typedef struct JP
{
	const char *s;
	const char *e;
	int			err;
} JP;

static void
jws(JP *p)
{
	while (p->s < p->e && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r'))
		p->s++;
}

static int
jeat(JP *p, char c)
{
	jws(p);
	if (p->s < p->e && *p->s == c)
	{
		p->s++;
		return 1;
	}
	return 0;
}

static unsigned
jhex4(JP *p)
{
	unsigned	v = 0;

	for (int i = 0; i < 4; i++)
	{
		char		c = p->s < p->e ? *p->s++ : 0;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned) (c - '0');
		else if ((c | 32) >= 'a' && (c | 32) <= 'f')
			v |= (unsigned) ((c | 32) - 'a' + 10);
		else
			p->err = 1;
	}
	return v;
}

/* A JSON string, decoded to UTF-8 (malloc'd, NUL-terminated). */
static char *
jstring(JP *p, size_t *lenp)
{
	size_t		cap = 64,
				n = 0;
	char	   *out;

	if (!jeat(p, '"'))
	{
		p->err = 1;
		return NULL;
	}
	out = xalloc(cap);
	while (p->s < p->e && *p->s != '"')
	{
		unsigned	c = (unsigned char) *p->s++;

		if (n + 8 > cap)
			out = xrealloc(out, cap *= 2);
		if (c != '\\')
		{
			out[n++] = (char) c;
			continue;
		}
		c = p->s < p->e ? (unsigned char) *p->s++ : 0;
		switch (c)
		{
			case 'n': out[n++] = '\n'; break;
			case 't': out[n++] = '\t'; break;
			case 'r': out[n++] = '\r'; break;
			case 'b': out[n++] = '\b'; break;
			case 'f': out[n++] = '\f'; break;
			case 'u':
				{
					unsigned	u = jhex4(p);

					if (u >= 0xD800 && u < 0xDC00 && p->e - p->s >= 6 && p->s[0] == '\\' && p->s[1] == 'u')
					{
						unsigned	lo;

						p->s += 2;
						lo = jhex4(p);
						u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
					}
					if (u < 0x80)
						out[n++] = (char) u;
					else if (u < 0x800)
					{
						out[n++] = (char) (0xC0 | (u >> 6));
						out[n++] = (char) (0x80 | (u & 0x3F));
					}
					else if (u < 0x10000)
					{
						out[n++] = (char) (0xE0 | (u >> 12));
						out[n++] = (char) (0x80 | ((u >> 6) & 0x3F));
						out[n++] = (char) (0x80 | (u & 0x3F));
					}
					else
					{
						out[n++] = (char) (0xF0 | (u >> 18));
						out[n++] = (char) (0x80 | ((u >> 12) & 0x3F));
						out[n++] = (char) (0x80 | ((u >> 6) & 0x3F));
						out[n++] = (char) (0x80 | (u & 0x3F));
					}
					break;
				}
			default: out[n++] = (char) c; break;
		}
	}
	if (!jeat(p, '"'))
		p->err = 1;
	out[n] = '\0';
	if (lenp)
		*lenp = n;
	return out;
}

/* Skip any JSON value. */
static void
jskip(JP *p)
{
	jws(p);
	if (p->s >= p->e)
	{
		p->err = 1;
		return;
	}
	if (*p->s == '"')
		free(jstring(p, NULL));
	else if (*p->s == '[' || *p->s == '{')
	{
		char		close = *p->s == '[' ? ']' : '}';

		p->s++;
		if (jeat(p, close))
			return;
		do
		{
			if (close == '}')
			{
				free(jstring(p, NULL));
				if (!jeat(p, ':'))
					p->err = 1;
			}
			jskip(p);
		} while (!p->err && jeat(p, ','));
		if (!jeat(p, close))
			p->err = 1;
	}
	else
		while (p->s < p->e && *p->s != ',' && *p->s != ']' && *p->s != '}')
			p->s++;
}

/* [[s, e], ...] */
static size_t
jspans(JP *p, uint32_t (**out)[2])
{
	size_t		n = 0,
				cap = 0;

	*out = NULL;
	if (!jeat(p, '['))
	{
		p->err = 1;
		return 0;
	}
	if (jeat(p, ']'))
		return 0;
	do
	{
		long		s,
					e;
		char	   *end;

		if (!jeat(p, '['))
		{
			p->err = 1;
			return n;
		}
		jws(p);
		s = strtol(p->s, &end, 10);
		p->s = end;
		if (!jeat(p, ','))
			p->err = 1;
		jws(p);
		e = strtol(p->s, &end, 10);
		p->s = end;
		if (!jeat(p, ']'))
			p->err = 1;
		if (n == cap)
			*out = xrealloc(*out, (cap = cap ? 2 * cap : 4) * sizeof(**out));
		(*out)[n][0] = (uint32_t) s;
		(*out)[n][1] = (uint32_t) e;
		n++;
	} while (!p->err && jeat(p, ','));
	if (!jeat(p, ']'))
		p->err = 1;
	return n;
}

static void
jattr(JP *p, JAttr *a)
{
	memset(a, 0, sizeof(*a));
	a->kind = 2;
	if (!jeat(p, '{'))
	{
		p->err = 1;
		return;
	}
	if (jeat(p, '}'))
		return;
	do
	{
		char	   *k = jstring(p, NULL);

		if (!k || !jeat(p, ':'))
		{
			p->err = 1;
			free(k);
			return;
		}
		if (strcmp(k, "kind") == 0)
		{
			char	   *v = jstring(p, NULL);

			a->kind = v && strcmp(v, "direct") == 0 ? 0 : v && strcmp(v, "mixed") == 0 ? 1 : 2;
			free(v);
		}
		else if (strcmp(k, "source") == 0)
			a->nspan[R_SOURCE] = jspans(p, &a->span[R_SOURCE]);
		else if (strcmp(k, "cue") == 0)
			a->nspan[R_CUE] = jspans(p, &a->span[R_CUE]);
		else if (strcmp(k, "content") == 0)
			a->nspan[R_CONTENT] = jspans(p, &a->span[R_CONTENT]);
		else
			jskip(p);
		free(k);
	} while (!p->err && jeat(p, ','));
	if (!jeat(p, '}'))
		p->err = 1;
}

/* Parse one line {"id", "text", "attributions": [...], ...}; 0 on success. */
static int
jdoc_parse(const char *line, size_t len, JDoc *d)
{
	JP			p = {line, line + len, 0};
	size_t		cap = 0;

	memset(d, 0, sizeof(*d));
	if (!jeat(&p, '{'))
		return -1;
	do
	{
		char	   *k = jstring(&p, NULL);

		if (!k || !jeat(&p, ':'))
		{
			free(k);
			return -1;
		}
		if (strcmp(k, "id") == 0)
			d->id = jstring(&p, NULL);
		else if (strcmp(k, "text") == 0)
			d->text = jstring(&p, &d->textlen);
		else if (strcmp(k, "attributions") == 0)
		{
			if (!jeat(&p, '['))
				p.err = 1;
			else if (!jeat(&p, ']'))
			{
				do
				{
					if (d->nattr == cap)
						d->attr = xrealloc(d->attr, (cap = cap ? 2 * cap : 16) * sizeof(JAttr));
					jattr(&p, &d->attr[d->nattr++]);
				} while (!p.err && jeat(&p, ','));
				if (!jeat(&p, ']'))
					p.err = 1;
			}
		}
		else
			jskip(&p);
		free(k);
	} while (!p.err && jeat(&p, ','));
	if (p.err || !jeat(&p, '}') || !d->text)
		return -1;
	if (!d->id)
		d->id = xstrdup("");
	return 0;
}

static void
jdoc_free(JDoc *d)
{
	for (size_t i = 0; i < d->nattr; i++)
		for (int r = 0; r < R__COUNT; r++)
			free(d->attr[i].span[r]);
	free(d->attr);
	free(d->id);
	free(d->text);
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

typedef struct LexBuild
{
	NxLexSlot  *s;
	size_t		n,
				cap;
} LexBuild;

/* Add every space-separated word of a list as a one-token entry of class cls. */
static void
lex_add_words(LexBuild *lb, const char *list, uint32_t cls)
{
	const char *p = list;

	while (*p)
	{
		const char *e;
		char		fold[128];
		size_t		fl;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		for (e = p; *e && *e != ' '; e++)
			;
		fl = nx_fold(p, (size_t) (e - p), fold, sizeof(fold));
		if (lb->n == lb->cap)
			lb->s = xrealloc(lb->s, (lb->cap = lb->cap ? 2 * lb->cap : 1024) * sizeof(NxLexSlot));
		lb->s[lb->n].key = nx_key_final(nx_key_add(NX_FNV_OFFSET, nx_fnv1a64(fold, fl)));
		lb->s[lb->n].classes = UINT32_C(1) << cls;
		lb->s[lb->n].flags = NX_LEX_ENTRY;
		lb->n++;
		p = e;
	}
}

/* Add every word of every line of a list file as class cls. */
static void
lex_add_file(LexBuild *lb, const char *dir, const char *file, uint32_t cls)
{
	char		path[4096];
	FILE	   *f;
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		r;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (!(f = fopen(path, "r")))
	{
		fprintf(stderr, "newsx-train-quotes: cannot open %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while ((r = getline(&line, &cap, f)) > 0)
	{
		while (r > 0 && (line[r - 1] == '\n' || line[r - 1] == '\r'))
			line[--r] = '\0';
		if (line[0] == '#' || r == 0)
			continue;
		lex_add_words(lb, line, cls);
	}
	free(line);
	fclose(f);
}

/* The LEXICON section of the word classes (names: the entity lexicon directory). */
static void
build_lexicon(const char *names_dir, void **sec, size_t *seclen, NxLexicon *lex)
{
	static const char *const names[] = {NX_ATTRIB_LEX_CLASSES};
	const char *lists[] = {cue_verbs, cue_nouns, cue_preps, pronouns, titles,
		source_nouns, speech_nouns, negation, modals, subord, ""};
	size_t		nc = sizeof(names) / sizeof(names[0]);
	LexBuild	lb = {0};
	char		err[200];

	for (size_t c = 0; c < nc; c++)
		lex_add_words(&lb, lists[c], (uint32_t) c);
	lex_add_file(&lb, names_dir, "title.txt", NX_LX_TITLE);
	lex_add_file(&lb, names_dir, "per-first.txt", NX_LX_FIRST_NAME);
	if (nx_lexicon_build(lb.s, lb.n, 1, names, nc, sec, seclen, A) != NX_OK ||
		nx_lexicon_parse(*sec, *seclen, lex, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "newsx-train-quotes: cannot build the lexicon\n");
		exit(1);
	}
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
	size_t		ntok;
	size_t		nbytes;
} Corpus;

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
		fprintf(stderr, "newsx-train-quotes: cannot open %s: %s\n", path, strerror(errno));
		exit(1);
	}
	memset(co, 0, sizeof(*co));
	while ((r = getline(&line, &cap, f)) > 0)
	{
		QDoc	   *q;

		lineno++;
		if (r <= 1)
			continue;
		if (co->n == dcap)
			co->d = xrealloc(co->d, (dcap = dcap ? 2 * dcap : 256) * sizeof(QDoc));
		q = &co->d[co->n];
		memset(q, 0, sizeof(*q));
		if (jdoc_parse(line, (size_t) r, &q->j) != 0)
		{
			fprintf(stderr, "newsx-train-quotes: %s:%zu: cannot read the JSON line\n", path, lineno);
			exit(1);
		}
		if (nx_doc_parse(&q->doc, q->j.text, q->j.textlen, A) != NX_OK ||
			nx_quote_spans(&q->doc, &q->spans, &q->nspans, A) != NX_OK)
		{
			fprintf(stderr, "newsx-train-quotes: %s:%zu: cannot parse the text\n", path, lineno);
			exit(1);
		}
		co->ntok += q->doc.ntok;
		co->nbytes += q->j.textlen;
		co->n++;
	}
	free(line);
	fclose(f);
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

					if (!span_tokens(&q->doc, q->j.attr[k].span[r][m][0], q->j.attr[k].span[r][m][1], &t0, &t1))
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

				if (!span_tokens(&q->doc, q->j.attr[k].span[R_CONTENT][m][0],
								 q->j.attr[k].span[R_CONTENT][m][1], &t0, &t1))
					continue;
				if (q->gold2[t0] != ls->outside)
					continue;
				for (size_t t = t0; t < t1; t++)
					q->gold2[t] = t == t0 ? b[2] : in[2];
			}
	}
}

static void
corpus_prepare(Corpus *co, const NxModel *m)
{
	for (size_t i = 0; i < co->n; i++)
	{
		QDoc	   *q = &co->d[i];

		if (nx_attrib_doc_init(&q->ad, &m->labels, &m->lex, &m->clusters, &q->doc, q->spans, q->nspans, A) != NX_OK)
		{
			fprintf(stderr, "newsx-train-quotes: out of memory\n");
			exit(1);
		}
	}
}

/* ---- chunk scores ---- */

typedef struct Score
{
	size_t		tp[NX_MAX_TYPES],
				np[NX_MAX_TYPES],
				ng[NX_MAX_TYPES];
} Score;

static void
score_seq(Score *sc, const NxLabelSet *ls, const uint8_t *gold, const uint8_t *pred, size_t n)
{
	NxChunk    *g = xalloc((n + 1) * sizeof(NxChunk)),
			   *p = xalloc((n + 1) * sizeof(NxChunk));
	size_t		ng = nx_labels_chunks(ls, gold, n, g, n + 1),
				np = nx_labels_chunks(ls, pred, n, p, n + 1);

	for (size_t i = 0; i < ng; i++)
		sc->ng[g[i].type]++;
	for (size_t j = 0, i = 0; j < np; j++)
	{
		sc->np[p[j].type]++;
		while (i < ng && g[i].end <= p[j].start)
			i++;
		for (size_t k = i; k < ng && g[k].start <= p[j].start; k++)
			if (g[k].start == p[j].start && g[k].end == p[j].end && g[k].type == p[j].type)
				sc->tp[p[j].type]++;
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

/* Decode documents idx[0..n) with a stage; score its roles; return the mean F1. */
static double
evaluate(Corpus *co, const size_t *idx, size_t n, const NxModel *m, int stage, int verbose,
		 const char *what)
{
	Score		sc;
	double		sum = 0;
	int			nt = 0;

	memset(&sc, 0, sizeof(sc));
	for (size_t k = 0; k < n; k++)
	{
		QDoc	   *q = &co->d[idx[k]];
		NxAttribDoc *ad = q->ad;

		for (size_t p = 0; p < nx_attrib_doc_npara(ad); p++)
		{
			NxSeq		seq;
			uint32_t	st = nx_attrib_doc_para_tok(ad, p);
			uint32_t	len = nx_attrib_doc_para_tok(ad, p + 1) - st;
			uint8_t    *pred = (stage == 1 ? q->pred1 : q->pred2) + st;

			if (nx_attrib_doc_active(ad, stage, p))
				for (size_t w = 0; nx_attrib_doc_seq(ad, stage, p, w, &seq) > 0; w += seq.ntok)
					nx_tagger_greedy(&m->stage[stage - 1], &m->labels, &seq, pred + w, NULL);
			else
				memset(pred, m->labels.outside, len);
			score_seq(&sc, &m->labels, (stage == 1 ? q->gold1 : q->gold2) + st,
					  (stage == 1 ? q->pred1 : q->pred2) + st, len);
		}
	}
	if (verbose)
		fprintf(stderr, "%s:", what);
	for (uint32_t t = 0; t < m->labels.ntypes; t++)
		if (sc.ng[t])
		{
			double		f = f1(sc.tp[t], sc.np[t], sc.ng[t]);

			if (verbose)
				fprintf(stderr, " %s=%.2f", m->labels.type_name[t], 100 * f);
			sum += f;
			nt++;
		}
	if (verbose)
		fprintf(stderr, "\n");
	return nt ? sum / nt : 0;
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

typedef struct Opts
{
	const char *train;
	const char *out;
	const char *model;
	const char *predict;
	const char *name;
	const char *names;
	const char *clusters;
	int			epochs;
	int			bits;
	int			folds;
	int			holdout;
	int			bench;
	int			rows;
	unsigned long seed;
	int			verbose;
} Opts;

/*
 * Train one stage on documents idx[0..n) for o->epochs epochs, or exactly
 * *best_epoch when it is set; with held-out documents, keep the best epoch.
 */
static int16_t *
train_stage(const Opts *o, Corpus *co, size_t *idx, size_t n, const size_t *hold, size_t nhold,
			NxModel *m, int stage, float *scale_out, int *best_epoch, const char *what)
{
	NxTrainer	tr;
	size_t		nw = ((size_t) 1 << o->bits) * m->labels.n;
	int16_t    *w = xalloc(nw * sizeof(int16_t)),
			   *best = NULL;
	double		bestf = -1;
	float		scale = 1;
	int			epochs = *best_epoch > 0 ? *best_epoch : o->epochs;

	if (nx_trainer_init(&tr, (uint32_t) o->bits, m->labels.n, A) != NX_OK)
	{
		fprintf(stderr, "newsx-train-quotes: out of memory\n");
		exit(1);
	}
	tr.gold_history = 1;
	for (int ep = 1; ep <= epochs; ep++)
	{
		size_t		mistakes = 0,
					ntok = 0;

		for (size_t i = n; i > 1; i--)
		{
			size_t		j = rng() % i,
						x = idx[i - 1];

			idx[i - 1] = idx[j];
			idx[j] = x;
		}
		for (size_t k = 0; k < n; k++)
		{
			QDoc	   *q = &co->d[idx[k]];

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
					mistakes += nx_trainer_learn(&tr, &m->labels, &seq,
												 (stage == 1 ? q->gold1 : q->gold2) + st + w,
												 (stage == 1 ? q->pred1 : q->pred2) + st + w);
					ntok += seq.ntok;
				}
			}
		}
		nx_trainer_export(&tr, w, &scale);
		m->stage[stage - 1].w = w;
		m->stage[stage - 1].log2 = (uint32_t) o->bits;
		m->stage[stage - 1].nlabels = m->labels.n;
		m->stage[stage - 1].scale = scale;
		if (o->verbose)
			fprintf(stderr, "%s epoch %d: %.2f%% mistakes\n", what, ep, 100.0 * mistakes / (ntok ? ntok : 1));
		if (nhold)
		{
			char		lab[64];
			double		f;

			snprintf(lab, sizeof(lab), "%s epoch %2d held out", what, ep);
			f = evaluate(co, hold, nhold, m, stage, 1, lab);
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
	*best_epoch = epochs;
	return w;
}

static void
usage(void)
{
	fprintf(stderr,
			"usage: newsx-train-quotes --train FILE --out MODEL [options]\n"
			"       newsx-train-quotes --model MODEL --predict FILE [--rows] [--bench N]\n"
			"options:\n"
			"  --epochs N     most training epochs per stage (default 10)\n"
			"  --holdout K    hold every K-th article out to choose epochs (default 10)\n"
			"  --bits B       log2 of weight buckets (default 18)\n"
			"  --folds K      folds for the stage-1 labels stage 2 trains on (default 5)\n"
			"  --seed N       shuffling seed (default 1)\n"
			"  --name NAME    model name (default quotes-en)\n"
			"  --names DIR    title.txt and per-first.txt word lists (default data/lexicon)\n"
			"  --clusters F   Brown clusters (bits TAB word [TAB count]) for the features\n"
			"  -v             progress per epoch\n");
	exit(2);
}

static void
write_file(const char *path, const void *buf, size_t len)
{
	FILE	   *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f) != 0)
	{
		fprintf(stderr, "newsx-train-quotes: cannot write %s: %s\n", path, strerror(errno));
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
		fprintf(stderr, "newsx-train-quotes: cannot read %s\n", path);
		exit(1);
	}
	buf = xalloc((size_t) n + 8);
	if (fread(buf, 1, (size_t) n, f) != (size_t) n)
	{
		fprintf(stderr, "newsx-train-quotes: cannot read %s\n", path);
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

/* Open a model file or exit. */
static void
open_model(const char *path, NxModel *m)
{
	size_t		len;
	void	   *buf = read_file(path, &len);
	char		err[256];

	if (nx_model_open(buf, len, m, err, sizeof(err)) != NX_OK ||
		nx_quotes_check_model(m, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "newsx-train-quotes: %s: %s\n", path, err);
		exit(1);
	}
}

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

static void
put_pos(const NxSpan *s)
{
	if (s->ntok == 0)
		fputs("\t\\N\t\\N", stdout);
	else
		printf("\t%u\t%u", s->c + 1, s->clen);
}

/* --predict: rows for the referee, or every column with --rows. */
static int
run_predict(const Opts *o)
{
	NxModel		m;
	Corpus		co;
	double		t0;
	size_t		nq = 0;

	open_model(o->model, &m);
	read_jsonl(o->predict, &co);
	for (size_t i = 0; i < co.n; i++)
	{
		QDoc	   *q = &co.d[i];
		NxQuote    *qs;
		size_t		n;

		if (nx_quotes_extract(&m, &q->doc, &qs, &n, A) != NX_OK)
		{
			fprintf(stderr, "newsx-train-quotes: extraction failed on %s\n", q->j.id);
			return 1;
		}
		for (size_t k = 0; k < n; k++)
		{
			const NxQuote *x = &qs[k];

			if (o->rows)
			{
				fputs(q->j.id, stdout);
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
				fputs(q->j.id, stdout);
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

				if (nx_doc_parse(&doc, co.d[i].j.text, co.d[i].j.textlen, A) != NX_OK ||
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
	return 0;
}

int
main(int argc, char **argv)
{
	Opts		o = {0};
	Corpus		co;
	NxModel		m;
	char		err[256];
	static const char *const types[3] = {NX_ATTRIB_CONTENT, NX_ATTRIB_CUE, NX_ATTRIB_SRC};
	void	   *lexsec = NULL,
			   *clsec = NULL;
	size_t		lexlen = 0,
				cllen = 0;
	size_t	   *idx,
			   *hold,
				nidx = 0,
				nhold = 0;
	int16_t    *w[2];
	float		scale[2] = {1, 1};
	int			best_ep[2] = {0, 0};

	o.epochs = 10;
	o.bits = 18;
	o.folds = 5;
	o.holdout = 10;
	o.seed = 1;
	o.name = "quotes-en";
	o.names = "data/lexicon";
	for (int i = 1; i < argc; i++)
	{
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

#define ARG(s) (strcmp(a, s) == 0 && v && (i++, 1))
		if (ARG("--train"))
			o.train = v;
		else if (ARG("--out"))
			o.out = v;
		else if (ARG("--model"))
			o.model = v;
		else if (ARG("--predict"))
			o.predict = v;
		else if (ARG("--names"))
			o.names = v;
		else if (ARG("--clusters"))
			o.clusters = v;
		else if (ARG("--name"))
			o.name = v;
		else if (ARG("--epochs"))
			o.epochs = atoi(v);
		else if (ARG("--bits"))
			o.bits = atoi(v);
		else if (ARG("--folds"))
			o.folds = atoi(v);
		else if (ARG("--holdout"))
			o.holdout = atoi(v);
		else if (ARG("--bench"))
			o.bench = atoi(v);
		else if (ARG("--seed"))
			o.seed = strtoul(v, NULL, 10);
		else if (strcmp(a, "--rows") == 0)
			o.rows = 1;
		else if (strcmp(a, "-v") == 0)
			o.verbose = 1;
		else
			usage();
#undef ARG
	}
	if (o.model && o.predict)
		return run_predict(&o);
	if (!o.train || !o.out || o.epochs < 1 || o.bits < 10 || o.bits > 24 || o.folds < 2 ||
		o.holdout < 0 || o.holdout == 1)
		usage();
	rng_state = o.seed * UINT64_C(0x9E3779B97F4A7C15) + 1;

	memset(&m, 0, sizeof(m));
	if (nx_labels_make(&m.labels, 0, types, 3, err, sizeof(err)) != NX_OK)
	{
		fprintf(stderr, "newsx-train-quotes: %s\n", err);
		return 1;
	}
	snprintf(m.name, sizeof(m.name), "%s", o.name);
	strcpy(m.task, NX_ATTRIB_TASK);
	m.featset = NX_ATTRIB_FEATSET;
	build_lexicon(o.names, &lexsec, &lexlen, &m.lex);
	if (o.clusters)
	{
		size_t		len,
					nw;
		char	   *text = read_file(o.clusters, &len);

		if (nx_clusters_from_text(text, len, &clsec, &cllen, &nw, A) != NX_OK ||
			nx_clusters_parse(clsec, cllen, &m.clusters, err, sizeof(err)) != NX_OK)
		{
			fprintf(stderr, "newsx-train-quotes: cannot build the cluster table\n");
			return 1;
		}
		fprintf(stderr, "clusters: %zu words\n", nw);
		free(text);
	}
	read_jsonl(o.train, &co);
	fprintf(stderr, "train: %zu articles, %zu tokens\n", co.n, co.ntok);
	corpus_gold(&co, &m.labels);
	corpus_prepare(&co, &m);
	idx = xalloc(co.n * sizeof(size_t));
	hold = xalloc(co.n * sizeof(size_t));
	for (size_t i = 0; i < co.n; i++)
	{
		if (o.holdout && i % (size_t) o.holdout == 0)
			hold[nhold++] = i;
		else
			idx[nidx++] = i;
	}

	/* stage 1 */
	m.nstages = 2;
	w[0] = train_stage(&o, &co, idx, nidx, hold, nhold, &m, 1, &scale[0], &best_ep[0], "stage 1");
	m.stage[0].w = w[0];
	m.stage[0].scale = scale[0];

	/* stage-1 labels of the held-out articles from the stage-1 model */
	for (size_t k = 0; k < nhold; k++)
	{
		QDoc	   *q = &co.d[hold[k]];

		for (size_t p = 0; p < nx_attrib_doc_npara(q->ad); p++)
		{
			NxSeq		seq;

			if (!nx_attrib_doc_active(q->ad, 1, p))
				continue;
			for (size_t w = 0; nx_attrib_doc_seq(q->ad, 1, p, w, &seq) > 0; w += seq.ntok)
				nx_tagger_greedy(&m.stage[0], &m.labels, &seq,
								 q->s1 + nx_attrib_doc_para_tok(q->ad, p) + w, NULL);
		}
		nx_attrib_doc_stage(q->ad, q->s1);
	}
	/* ... and of the training articles from models not trained on them */
	{
		Opts		fo = o;
		NxModel		fm = m;

		fo.verbose = 0;
		for (int f = 0; f < o.folds; f++)
		{
			size_t		nin = 0;
			size_t	   *in = xalloc(nidx * sizeof(size_t));
			float		fs;
			int			fe = best_ep[0];
			int16_t    *fw;

			for (size_t i = 0; i < nidx; i++)
				if ((int) (idx[i] % (size_t) o.folds) != f)
					in[nin++] = idx[i];
			fw = train_stage(&fo, &co, in, nin, NULL, 0, &fm, 1, &fs, &fe, "fold");
			fm.stage[0].w = fw;
			fm.stage[0].scale = fs;
			for (size_t i = 0; i < nidx; i++)
			{
				QDoc	   *q = &co.d[idx[i]];

				if ((int) (idx[i] % (size_t) o.folds) != f)
					continue;
				for (size_t p = 0; p < nx_attrib_doc_npara(q->ad); p++)
				{
					NxSeq		seq;

					if (!nx_attrib_doc_active(q->ad, 1, p))
						continue;
					for (size_t w = 0; nx_attrib_doc_seq(q->ad, 1, p, w, &seq) > 0; w += seq.ntok)
						nx_tagger_greedy(&fm.stage[0], &m.labels, &seq,
										 q->s1 + nx_attrib_doc_para_tok(q->ad, p) + w, NULL);
				}
			}
			fprintf(stderr, "fold %d/%d done\n", f + 1, o.folds);
			free(fw);
			free(in);
		}
	}
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
	w[1] = train_stage(&o, &co, idx, nidx, hold, nhold, &m, 2, &scale[1], &best_ep[1], "stage 2");
	m.stage[1].w = w[1];
	m.stage[1].scale = scale[1];

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

		v = NX_ATTRIB_FEATSET;
		memcpy(info, &v, 4);
		v = m.nstages;
		memcpy(info + 4, &v, 4);
		strcpy((char *) info + 32, NX_ATTRIB_TASK);
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
		for (uint32_t k = 0; k < 2; k++)
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
		memcpy(sec[ns].tag, "LEXICON\0", 8);
		sec[ns].data = lexsec;
		sec[ns++].size = lexlen;
		if (clsec)
		{
			memcpy(sec[ns].tag, "CLUSTERS", 8);
			sec[ns].data = clsec;
			sec[ns++].size = cllen;
		}
		snprintf(meta, sizeof(meta),
				 "trained by newsx-train-quotes: featset=%d bits=%d folds=%d holdout=%d seed=%lu "
				 "epochs=%d best-epochs=%d,%d clusters=%s train-articles=%zu train-tokens=%zu\n",
				 NX_ATTRIB_FEATSET, o.bits, o.folds, o.holdout, o.seed, o.epochs,
				 best_ep[0], best_ep[1], clsec ? "yes" : "no", nidx, co.ntok);
		memcpy(sec[ns].tag, "META\0\0\0\0", 8);
		sec[ns].data = meta;
		sec[ns++].size = strlen(meta);
		if (nx_model_write(o.name, sec, ns, &file, &flen, A) != NX_OK)
		{
			fprintf(stderr, "newsx-train-quotes: cannot lay out the model\n");
			return 1;
		}
		write_file(o.out, file, flen);
		fprintf(stderr, "wrote %s (%zu bytes): %s", o.out, flen, meta);
	}
	return 0;
}
