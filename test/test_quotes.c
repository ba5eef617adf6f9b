/*
 * test_quotes.c
 *	  Unit tests of the quotations core (nx_quotes.h): quotation-mark
 *	  pairing (styles, nesting, apostrophes, unbalanced marks, quotations
 *	  over paragraphs), and regression tests of the shipped model
 *	  (data/quotes-en.model, or $NEWSX_QUOTES_MODEL) end to end on short
 *	  articles, by theme: quotation marks and bounds, speakers,
 *	  attributions the tagger does not tag, block quotes, scale.  Each
 *	  rule has a test of its own without the model in test_quote_rules.c.
 *
 * Written for the harness in unit.h (CHECK(cond)); built alone with
 * -DNX_TEST_MAIN it runs every test and prints "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_attrib_int.h"
#include "nx_model.h"
#include "nx_quotes.h"
#include "nx_text.h"
#include "testlib.h"

#ifndef CHECK
static int	nx_test_pass,
			nx_test_fail;

#define CHECK(cond) do { if (cond) nx_test_pass++; else { nx_test_fail++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#endif

void		test_quotes_pairing(void);
void		test_quotes_model_marks(void);
void		test_quotes_model_speakers(void);
void		test_quotes_model_attributions(void);
void		test_quotes_model_blocks(void);
void		test_quotes_model_scale(void);
void		test_quotes_cache(void);

/* Quoted spans of s as "text|text|..." with flags u (unclosed) o (unopened) c (continued). */
static const char *
spans(const char *s, char *buf, size_t len)
{
	NxDoc		d;
	NxQuoteSpan *sp;
	size_t		n,
				o = 0;

	buf[0] = '\0';
	if (nx_doc_parse(&d, s, strlen(s), &nx_malloc_alloc) != NX_OK)
		return "(error)";
	if (nx_quote_spans(&d, &sp, &n, &nx_malloc_alloc) != NX_OK)
	{
		nx_doc_free(&d);
		return "(error)";
	}
	for (size_t i = 0; i < n && o + 8 < len; i++)
	{
		const NxToken *a = &d.tok[sp[i].open],
				   *b = &d.tok[sp[i].close];

		o += (size_t) snprintf(buf + o, len - o, "%s%.*s%s%s%s", i ? "|" : "",
							   (int) (b->b + b->blen - a->b), s + a->b,
							   (sp[i].flags & NX_QS_UNCLOSED) ? "~u" : "",
							   (sp[i].flags & NX_QS_UNOPENED) ? "~o" : "",
							   (sp[i].flags & NX_QS_CONTINUED) ? "~c" : "");
	}
	nx_free(&nx_malloc_alloc, sp);
	nx_doc_free(&d);
	return buf;
}

void
test_quotes_pairing(void)
{
	char		buf[1024];

	/* curly, straight, guillemets */
	CHECK(strcmp(spans("He said “yes” and \"no\" and «peut-être».", buf, sizeof buf),
				 "“yes”|\"no\"|«peut-être»") == 0);
	/* nesting, single inside double */
	CHECK(strcmp(spans("“She called it ‘a disgrace’ today,” he said.", buf, sizeof buf),
				 "“She called it ‘a disgrace’ today,”|‘a disgrace’") == 0);
	/* two apostrophes pair as double marks, with single ones inside */
	CHECK(strcmp(spans("''I said 'no' to them,'' she said.", buf, sizeof buf),
				 "''I said 'no' to them,''|'no'") == 0);
	/* apostrophes are not quotation marks */
	CHECK(strcmp(spans("Russia’s talks didn’t start at the Joneses’ house.", buf, sizeof buf), "") == 0);
	/* an unclosed double quotation runs to the paragraph's end */
	CHECK(strcmp(spans("He said “we will win.\n\nNext paragraph.", buf, sizeof buf),
				 "“we will win.~u") == 0);
	/* over two paragraphs: an opening mark on each, one closing mark */
	CHECK(strcmp(spans("“First part.\n\n“Second part,” she said.", buf, sizeof buf),
				 "“First part.~c|“Second part,”") == 0);
	/* a closing mark with nothing to pair starts at the paragraph */
	CHECK(strcmp(spans("We will win,” she said.", buf, sizeof buf),
				 "We will win,”~o") == 0);
	/* unbalanced: a stray opening mark before a pair runs to the paragraph's end */
	CHECK(strcmp(spans("“A “B,” he said.", buf, sizeof buf), "“A “B,” he said.~u|“B,”") == 0);
}

static int
span_is(const NxDoc *d, const NxSpan *s, const char *want)
{
	if (!want)
		return s->ntok == 0;
	return s->ntok > 0 && s->blen == strlen(want) && memcmp(d->text + s->b, want, s->blen) == 0;
}

/* Expected rows: text (without outer marks), kind, mention, speaker, and
 * the cue when given (NULL: not checked). */
typedef struct Want
{
	const char *text;
	NxQuoteKind kind;
	const char *mention;
	const char *speaker;
	const char *cue;
} Want;

/* Extract from text and compare with want[0..n); report differences. */
static void
expect(const NxModel *m, const char *text, const Want *want, size_t nwant)
{
	NxDoc		d;
	NxQuote    *q = NULL;
	size_t		n = 0;

	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	CHECK(nx_quotes_extract(m, &d, &q, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == nwant);
	if (n != nwant)
		fprintf(stderr, "  %zu quotations, %zu expected in: %s\n", n, nwant, text);
	for (size_t i = 0; i < n; i++)
	{
		const NxQuote *x = &q[i];
		int			ok = i < nwant && span_is(&d, &x->text, want[i].text) &&
			x->kind == want[i].kind && span_is(&d, &x->mention, want[i].mention) &&
			span_is(&d, &x->speaker, want[i].speaker) &&
			(!want[i].cue || span_is(&d, &x->cue, want[i].cue));

		/* character offsets agree with byte offsets */
		CHECK(x->content.c == d.tok[x->content.tok].c);
		CHECK(x->content.b + x->content.blen <= d.len);
		CHECK(ok);
		if (!ok || n != nwant)
			fprintf(stderr, "  quote %zu: [%.*s] %s mention [%.*s] speaker [%.*s] cue [%.*s]\n", i,
					(int) x->text.blen, d.text + x->text.b, nx_quote_kind_name(x->kind),
					(int) x->mention.blen, d.text + x->mention.b,
					(int) x->speaker.blen, d.text + x->speaker.b,
					(int) x->cue.blen, d.text + x->cue.b);
	}
	nx_free(&nx_malloc_alloc, q);
	nx_doc_free(&d);
}

/* expect() with the number of rows taken from the array of wanted rows */
#define EXPECT(m, text, w) expect((m), (text), (w), sizeof(w) / sizeof((w)[0]))

/*
 * The shipped quotation model (or $NEWSX_QUOTES_MODEL), read once; NULL
 * (and a failed check) when it cannot be read.
 */
static const NxModel *
quotes_model(void)
{
	static NxModel m;
	static void *buf,
			   *shared;
	static int	tried;
	const char *path = getenv("NEWSX_QUOTES_MODEL") ? getenv("NEWSX_QUOTES_MODEL")
		: "data/quotes-en.model";
	char		err[256];

	if (!tried)
	{
		tried = 1;
		buf = open_model_file(path, &m, &shared, err, sizeof(err));
		if (!buf)
			fprintf(stderr, "test_quotes: %s (run from the project root)\n", err);
		else if (nx_quotes_check_model(&m, err, sizeof(err)) != NX_OK)
		{
			fprintf(stderr, "test_quotes: %s: %s\n", path, err);
			free(buf);
			free(shared);
			buf = NULL;
		}
	}
	CHECK(buf != NULL);
	return buf ? &m : NULL;
}

/* The shipped model end to end: quotation marks and the bounds of contents: interrupted quotations, typewriter marks, a quotation ending in another, scare quotes and titles, short quotations after a verb of speech. */
void
test_quotes_model_marks(void)
{
	const NxModel *m = quotes_model();

	if (!m)
		return;

	/* interrupted by its attribution: two rows, one speaker */
	{
		static const Want w[] = {
			{"We will win,", NX_QK_DIRECT, "he", "he"},
			{"and we will win big.", NX_QK_DIRECT, "he", "he"},
		};

		EXPECT(m, "“We will win,” he said, “and we will win big.”", w);
	}
	/* typewriter marks, as in the New York Times archive: '' for a double mark */
	{
		static const Want w[] = {
			{"We will win,", NX_QK_DIRECT, "Mr. Trump", "Trump"},
		};

		EXPECT(m, "''We will win,'' Mr. Trump said on Monday.", w);
	}
	/*
	 * a quotation running to its paragraph's end (no closing mark of its
	 * own) keeps the closing mark of the inner quotation it ends with
	 */
	{
		static const Want w[] = {
			{"Trump walked onto the stage, and the crowd began chanting \xE2\x80\x9cU-S-A! U-S-A!\xE2\x80\x9d",
			NX_QK_DIRECT, NULL, NULL},
		};

		EXPECT(m, "The rally went on for hours.\n\n"
			   "\"Trump walked onto the stage, and the crowd began chanting \xE2\x80\x9cU-S-A! U-S-A!\xE2\x80\x9d", w);
	}
	/* scare quotes and titles without a cue are not quotations */
	expect(m, "The so-called “deal” was signed after the film “Dune” opened in Paris.", NULL, 0);
	/* the content ends at its closing mark, the appositive is in the mention */
	{
		static const Want w[] = {
			{"We treated forty people overnight and we will open again tomorrow,", NX_QK_DIRECT,
			"Hugh Hill, a doctor at the harbour clinic,", "Hugh Hill"},
		};

		EXPECT(m, "“We treated forty people overnight and we will open again tomorrow,” "
			   "Hugh Hill, a doctor at the harbour clinic, said on Monday.", w);
	}
	/* a short quotation right after a verb of speech is speech, not a scare quote */
	{
		static const Want w[] = {
			{"Open the port!", NX_QK_DIRECT, "the crowd", "the crowd"},
		};

		EXPECT(m, "The mayor spoke for an hour. At the end, the crowd chanted “Open the port!” "
			   "and went home.", w);
	}
	/* a quotation ending in a quotation of its own (,’”) ends at its closing
	 * marks, and the words after it are its attribution */
	{
		static const Want w[] = {
			{"Leaders honored Trump for what they called ‘the comeback of the decade,’", NX_QK_DIRECT,
			"the article", "the article"},
		};

		EXPECT(m, "“Leaders honored Trump for what they called ‘the comeback of the decade,’” "
			   "the article read.", w);
	}
	/* a quoted sentence with no cue of its own keeps the speaker before it */
	{
		static const Want w[] = {
			{"It was a very sad day,", NX_QK_DIRECT, "Costa", "Costa"},
			{"This is the consequence of years of neglect at the harbour.", NX_QK_DIRECT, "Costa", "Costa"},
		};

		EXPECT(m, "“It was a very sad day,” Costa told reporters. "
			   "“This is the consequence of years of neglect at the harbour.”", w);
	}
}

/* The shipped model end to end: speakers resolved to names: pronouns, titles, short names, appositives, relative clauses, particles, organisations. */
void
test_quotes_model_speakers(void)
{
	const NxModel *m = quotes_model();

	if (!m)
		return;
	/* update line, title, short name resolved to the fullest name later on */
	{
		static const Want w[] = {
			{"progress in talks “raises certain hopes”", NX_QK_MIXED, "President Putin", "Vladimir Putin"},
		};

		EXPECT(m, "Update 1330 GMT: President Putin says progress in talks \xE2\x80\x9craises certain hopes\xE2\x80\x9d\n\n"
			   "Russian President Vladimir Putin met officials on Thursday.", w);
	}
	/* a pronoun across sentences and paragraphs */
	{
		static const Want w[] = {
			{"that Putin sees “plenty of room for cooperation”", NX_QK_MIXED, "He", "Dmitry Peskov"},
		};

		EXPECT(m, "President Vladimir Putin’s spokesman Dmitry Peskov spoke out on trade.\n\n"
			   "He said on Thursday that Putin sees “plenty of room for cooperation”.", w);
	}
	/* a title before the name */
	{
		static const Want w[] = {
			{"no plans were set", NX_QK_INDIRECT, "Washington", "Washington"},
			{"“on the books yet” but that “Steve Witkoff had continued to be engaged with the Russians”",
			NX_QK_MIXED, "White House press secretary Karoline Leavitt", "Karoline Leavitt"},
		};

		EXPECT(m, "Washington said no plans were set. White House press secretary Karoline Leavitt "
			   "told Fox News there was nothing “on the books yet” but that “Steve Witkoff had "
			   "continued to be engaged with the Russians”.", w);
	}
	/* a closing attribution after a time; an organisation's name is its speaker */
	{
		static const Want w[] = {
			{"Consumer sentiment has been higher than in any year since 2004", NX_QK_INDIRECT,
			"the University of Michigan", "University of Michigan"},
		};

		EXPECT(m, "Consumer sentiment has been higher than in any year since 2004, the University "
			   "of Michigan reported last week.", w);
	}
	/* a plain "Title Name said ..." after another sentence */
	{
		static const Want w[] = {
			{"the talks would go on until Friday", NX_QK_INDIRECT, "Secretary of State John Kerry",
			"John Kerry"},
		};

		EXPECT(m, "The minister arrived late. Secretary of State John Kerry said the talks would go "
			   "on until Friday.", w);
	}
	/* a name set off after a description is part of the source, and the speaker */
	{
		static const Want w[] = {
			{"the campaign would appeal", NX_QK_INDIRECT, "Her campaign manager, Robby Mook,",
			"Robby Mook"},
		};

		EXPECT(m, "Her campaign manager, Robby Mook, said the campaign would appeal.", w);
	}
	/* the words before an appositive the tagger took alone (Hicks, his campaign spokeswoman, said) */
	{
		static const Want w[] = {
			{"the report was false", NX_QK_INDIRECT, "Hicks, his campaign spokeswoman,", "Hicks"},
		};

		EXPECT(m, "The campaign answered on Monday. Hicks, his campaign spokeswoman, said the "
			   "report was false.", w);
	}
	/* an appositive opened by "then" or "of" still describes the speaker */
	{
		static const Want w[] = {
			{"We have work to do,", NX_QK_DIRECT, "James Cunningham, then ambassador to Israel",
			"James Cunningham"},
			{"the race was close", NX_QK_INDIRECT, "Karen Janes, of Exeter,", "Karen Janes"},
		};

		EXPECT(m, "“We have work to do,” said James Cunningham, then ambassador to Israel. "
			   "The talks went on. Karen Janes, of Exeter, said the race was close.", w);
	}
	/* a relative clause after an inverted source runs to the sentence's end */
	{
		static const Want w[] = {
			{"It might have written his obituary,", NX_QK_DIRECT,
			"Eric Woolson, who worked for Gov. Scott Walker before he dropped out", "Eric Woolson"},
		};

		EXPECT(m, "“It might have written his obituary,” said Eric Woolson, who worked for "
			   "Gov. Scott Walker before he dropped out. The race went on.", w);
	}
	/* "who": the source of the verb of its own clause, the speaker its antecedent;
	 * a clause closed before the cue leaves the antecedent the source */
	{
		static const Want w[] = {
			{"He is scary.", NX_QK_DIRECT, "Sen. Claire McCaskill", "Claire McCaskill"},
			{"Franklin Graham", NX_QK_INDIRECT, "Swanson", "Swanson"},
			{"that he would not buy the cookies", NX_QK_INDIRECT, "who", "Franklin Graham"},
		};

		EXPECT(m, "The meeting ended. Sen. Claire McCaskill, who has endorsed Clinton, said, "
			   "“He is scary.” Swanson praised Franklin Graham, who has publicly vowed "
			   "that he would not buy the cookies.", w);
	}
	/* a pronoun right after the cue opens the clause reported; it is no
	 * inverted source (said he.), and the words before the cue speak */
	{
		static const Want w[] = {
			{"he cannot win the vote", NX_QK_INDIRECT, "Roughly a third of the dockers here",
			"Roughly a third of the dockers here"},
		};

		EXPECT(m, "The port stayed shut all winter. Roughly a third of the dockers here predicted "
			   "he cannot win the vote.", w);
	}
	/* an adverb and its comma opening the sentence are not its subject
	 * (However, Lena Fisk met … and declared …) */
	{
		static const Want w1[] = {
			{"that the port would close", NX_QK_INDIRECT, "Lena Fisk", "Lena Fisk"},
		};
		static const Want w2[] = {
			{"the port would close", NX_QK_INDIRECT, "the harbour master", "the harbour master"},
		};

		EXPECT(m, "The port stayed shut all winter. However, Lena Fisk met the crews on Monday and "
			   "declared that the port would close.", w1);
		EXPECT(m, "The port stayed shut all winter. Separately, the harbour master met the crews, "
			   "saying the port would close.", w2);
	}
	/* quoted words later in a sentence with no reporting verb the model knows:
	 * the sentence's subject when it is a person's name */
	{
		static const Want w[] = {
			{"the council and its “endless delays on every single project in this city.”", NX_QK_MIXED,
			"Mrs. Costa", "Costa"},
		};

		EXPECT(m, "Mrs. Costa then went on the offensive against the council and its “endless "
			   "delays on every single project in this city.”", w);
	}
	/* a name with a lower-case particle is one name, for pronouns and short names */
	{
		static const Want w1[] = {
			{"We need more beds,", NX_QK_DIRECT, "he", "Pieter van Dam"},
		};
		static const Want w2[] = {
			{"We need more beds,", NX_QK_DIRECT, "van Dam", "Pieter van Dam"},
		};

		EXPECT(m, "Pieter van Dam visited the shelter on Monday. “We need more beds,” he said.", w1);
		EXPECT(m, "The Red Cross spokesman Pieter van Dam visited the shelter. "
			   "“We need more beds,” van Dam said.", w2);
	}
}

/* The shipped model end to end: attributions the tagger does not tag: dashes, according to X, As X put it, names and colons, closing and inverted attributions, participles. */
void
test_quotes_model_attributions(void)
{
	const NxModel *m = quotes_model();

	if (!m)
		return;
	/* a dash attribution */
	{
		static const Want w[] = {
			{"We will rebuild every road before winter.", NX_QK_DIRECT, "Commissioner Jane Smith", "Jane Smith"},
		};

		EXPECT(m, "“We will rebuild every road before winter.” — Commissioner Jane Smith", w);
	}
	/* according to X, after the clause and before it */
	{
		static const Want w[] = {
			{"Repairs will cost about $40 million", NX_QK_INDIRECT, "a council report", "a council report"},
		};

		EXPECT(m, "Repairs will cost about $40 million, according to a council report.", w);
	}
	{
		static const Want w[] = {
			{"the port will stay closed until Friday", NX_QK_INDIRECT,
			"the harbour master Lena Fisk", "Lena Fisk"},
		};

		EXPECT(m, "According to the harbour master Lena Fisk, the port will stay closed until Friday.", w);
	}
	/* a headline's attribution: a name and a colon */
	{
		static const Want w[] = {
			{"The port will reopen on Monday.", NX_QK_DIRECT, "Costa", "Costa"},
		};

		EXPECT(m, "Costa: “The port will reopen on Monday.”\n\nThe mayor visited the harbour on Tuesday.", w);
	}
	/* a participle after the main clause: the subject after a dateline, not the dateline */
	{
		static const Want w[] = {
			{"that more storms were coming", NX_QK_INDIRECT, "Ana Costa", "Ana Costa"},
		};

		EXPECT(m, "CLEVELAND - Ana Costa inspected the docks on Friday, warning that more storms "
			   "were coming.", w);
	}
	/* "As X put it, …": X is the source of what follows, "put it" the cue;
	 * not when the as-clause has a verb of its own */
	{
		static const Want w[] = {
			{"The port will not reopen this winter.", NX_QK_DIRECT, "the harbour master, Lena Fisk,",
			"Lena Fisk"},
		};
		static const Want w2[] = {
			{"Nobody will sail before March.", NX_QK_DIRECT, "the harbour master Lena Fisk", "Lena Fisk"},
		};
		static const Want none[] = {{NULL, NX_QK_DIRECT, NULL, NULL}};

		EXPECT(m, "The storm closed the docks. As the harbour master, Lena Fisk, put it: "
			   "“The port will not reopen this winter.”", w);
		/* inside a sentence, before a quotation */
		EXPECT(m, "The port stayed shut all winter. But at the time, as the harbour master "
			   "Lena Fisk put it, “Nobody will sail before March.”", w2);
		expect(m, "As the storm passed, the crew put it back on its moorings, and the boats left.",
			   none, 0);
		/* inside a sentence with no quotation after it: what it reports is before it */
		expect(m, "The port stayed shut all winter, as the harbour master put it in March, and "
			   "the boats stayed home.", none, 0);
	}
	/* a noun phrase the tagger read as a content right after an inverting
	 * cue, after a quotation, is that quotation's source; no row of its own */
	{
		static const Want w[] = {
			{"It was the night before the vote, and the ballots were all counted: a recount, a mouse,",
			NX_QK_DIRECT, "the harbour’s night watchman", "the harbour’s night watchman"},
		};

		EXPECT(m, "The port stayed shut all winter. “It was the night before the vote, and the ballots "
			   "were all counted: a recount, a mouse,” says the harbour’s night watchman.", w);
	}
	/* after a quotation ending in a comma, ? or ! inside its marks, a name
	 * and a verb the model does not know (went on, retaliated), or the verb
	 * and then a name, are its attribution; not a name and an auxiliary */
	{
		static const Want w1[] = {
			{"Is this the end of the harbour?", NX_QK_DIRECT, "Lena Fisk", "Lena Fisk"},
		};
		static const Want w2[] = {
			{"We did it!", NX_QK_DIRECT, "an angry Lena Fisk", "Lena Fisk"},
		};
		static const Want w3[] = {
			{"The port will never close,", NX_QK_DIRECT, "Mayor Ana Costa", "Ana Costa"},
		};
		static const Want w4[] = {
			{"Is this the end of the harbour?", NX_QK_DIRECT, "Lena Fisk", "Lena Fisk"},
			{"It is not. The ferries will run again in March.", NX_QK_DIRECT, "Lena Fisk", "Lena Fisk"},
		};
		static const Want none[] = {{NULL, NX_QK_DIRECT, NULL, NULL}};

		EXPECT(m, "The council met on Monday. “Is this the end of the harbour?” Lena Fisk went on.", w1);
		/* a quoted sentence right after the attribution goes on with it */
		EXPECT(m, "The council met on Monday. “Is this the end of the harbour?” Lena Fisk went on. "
			   "“It is not. The ferries will run again in March.”", w4);
		EXPECT(m, "The council met on Monday. “We did it!” an angry Lena Fisk retaliated.", w2);
		EXPECT(m, "The council met on Monday. “The port will never close,” Mayor Ana Costa deadpanned, "
			   "looking at the boats.", w3);
		expect(m, "The council met on Monday. “We did it!” Lena Fisk is the mayor.", none, 0);
	}
	/* a participle of speech before the quotation that ends a content is its
	 * cue: the content is the quotation, not the object of the verb before
	 * (called volunteers to the front), and the sentence's subject speaks */
	{
		static const Want w[] = {
			{"We Are Ready.", NX_QK_DIRECT, "the drummer", "the drummer", "singing"},
		};

		EXPECT(m, "At the rally, the drummer called Democratic volunteers to the front, singing "
			   "\"We Are Ready.\"", w);
	}
	/* a participle after its main clause: the clause's subject is the source,
	 * after an opening phrase and whatever its words (a federal judge) */
	{
		static const Want w1[] = {
			{"the law was unfair to renters", NX_QK_INDIRECT, "a federal judge", "a federal judge"},
		};
		static const Want w2[] = {
			{"the port would stay closed until spring", NX_QK_INDIRECT, "The harbour master",
			"The harbour master"},
		};

		EXPECT(m, "In May, a federal judge sided with the city, saying the law was unfair to renters.", w1);
		EXPECT(m, "The harbour master left no doubt on Monday, saying the port would stay closed "
			   "until spring.", w2);
	}
	/* "said the boy" is an inverted source, "said the process was fair" not */
	{
		static const Want w[] = {
			{"the process was fair", NX_QK_INDIRECT, "The state’s Republican party leader",
			"The state’s Republican party leader"},
		};

		EXPECT(m, "The state’s Republican party leader said the process was fair.", w);
	}
	/* "according to X" over a clause with an attribution of its own: two rows;
	 * the clause after it when only a conjunction is before it; an appositive
	 * at the sentence's end is the source's */
	{
		static const Want w[] = {
			{"the mayor said the port would reopen on Monday", NX_QK_INDIRECT, "the Tribune", "Tribune"},
			{"the port would reopen on Monday", NX_QK_INDIRECT, "the mayor", "the mayor"},
		};

		static const Want w2[] = {
			{"most voters in the state remain undecided", NX_QK_INDIRECT, "the poll", "the poll"},
		};
		static const Want w3[] = {
			{"Advertising costs rose sharply last year", NX_QK_INDIRECT,
			"Brian Wieser, an analyst at Pivotal Research", "Brian Wieser"},
		};

		EXPECT(m, "According to the Tribune, the mayor said the port would reopen on Monday.", w);
		/* after a conjunction, the clause after it; at the end, with an appositive */
		EXPECT(m, "But, according to the poll, most voters in the state remain undecided.", w2);
		EXPECT(m, "Advertising costs rose sharply last year, according to Brian Wieser, an analyst "
			   "at Pivotal Research.", w3);
	}
	/* a name and a colon opening a paragraph; not a label */
	{
		static const Want w[] = {
			{"Donald Trump is a proven failure in business", NX_QK_INDIRECT, "Elizabeth Warren",
			"Elizabeth Warren"},
		};
		static const Want w2[] = {
			{"This is a man who never ran a negative ad, ever", NX_QK_INDIRECT, "JOEL BENENSON",
			"JOEL BENENSON"},
		};
		static const Want w3[] = {
			{"Impeach AG Lynch, ‘Stop DC at the Bathroom Door.’", NX_QK_MIXED,
			"McCain Challenger Kelli Ward", "Kelli Ward"},
			{"Stop DC at the Bathroom Door.", NX_QK_DIRECT, "McCain Challenger Kelli Ward", "Kelli Ward"},
		};
		static const Want none[] = {{NULL, NX_QK_DIRECT, NULL, NULL}};

		EXPECT(m, "Elizabeth Warren: Donald Trump is a proven failure in business.", w);
		EXPECT(m, "JOEL BENENSON: This is a man who never ran a negative ad, ever.", w2);
		/* the content keeps its closing mark */
		EXPECT(m, "McCain Challenger Kelli Ward: Impeach AG Lynch, ‘Stop DC at the Bathroom Door.’", w3);
		expect(m, "The Latest: Kasich scores all 66 delegates after Ohio win.", none, 0);
	}
	/* a closing attribution after a comma inside the closing mark */
	{
		static const Want w[] = {
			{"The convention is likely to be “overrun with social conservatives,”", NX_QK_MIXED,
			"Hoover", "Hoover"},
		};

		EXPECT(m, "The convention is likely to be “overrun with social conservatives,” Hoover said.", w);
	}
	/* an inverted source right after the cue, before a clause with a name of its own */
	{
		static const Want w[] = {
			{"We are going to win this state,", NX_QK_DIRECT, "his campaign manager Jeff Weaver",
			"Jeff Weaver"},
		};

		EXPECT(m, "“We are going to win this state,” added his campaign manager Jeff Weaver, "
			   "speaking to reporters after the senator spoke.", w);
	}
}

/* The shipped model end to end: block quotes and interviews. */
void
test_quotes_model_blocks(void)
{
	const NxModel *m = quotes_model();

	if (!m)
		return;
	/* a block quote after a colon and a paragraph break */
	{
		static const Want w[] = {
			{"We all see how rapidly the world is changing. There is a mutual dedication to work.",
			NX_QK_BLOCK, "he", "Vladimir Putin"},
		};

		EXPECT(m, "Russian President Vladimir Putin spoke on Thursday. TASS relates he told "
			   "a meeting of the FSB that:\n\n"
			   "We all see how rapidly the world is changing. There is a mutual dedication to work.", w);
	}
	/*
	 * no block after a colon whose reporting word the tagger did not take
	 * and nobody says: a noun ("States", "plan"), not a cue
	 */
	expect(m, "WASHINGTON (AP) \xE2\x80\x94 The latest on the executive actions to tighten gun "
		   "control in the United States (all times EST):\n\n6:01 p.m.\n\n"
		   "The White House has released a new video on the rules.", NULL, 0);
	expect(m, "Here are three reasons the plan failed:\n\n1. Nobody funded it. But they did in Utah.",
		   NULL, 0);
	/* an interview's "A:" marks a turn, not a speaker */
	{
		static const Want w[] = {
			{"I think they had been taken away by Immigration", NX_QK_INDIRECT, NULL, NULL},
		};

		EXPECT(m, "Q: But he is a socialist. Do you think a socialist can win a general election?\n\n"
			   "A: I think they had been taken away by Immigration, and nobody told us.", w);
	}
}

/* The shipped model end to end: long paragraphs and hostile input: every row in place, memory bounded. */
void
test_quotes_model_scale(void)
{
	const NxModel *m = quotes_model();

	if (!m)
		return;
	/*
	 * a long paragraph of attributed quotations, then block quotes between
	 * quotations: each keeps the cue and speaker of its own sentence (cues
	 * and sources are searched in the middle of long lists) and the rows
	 * come in document order
	 */
	{
		static const char rep[] = "“Yes,” said Putin. ";
		static const char blk[] = "The minister told the FSB that:\n\nWe will act soon.\n\n"
			"“No,” Smith said.\n\n";
		size_t		nrep = 400,
					nblk = 40,
					len = nrep * (sizeof(rep) - 1) + 2 + nblk * (sizeof(blk) - 1);
		char	   *text = malloc(len + 1),
				   *o = text;
		NxDoc		d;
		NxQuote    *q = NULL;
		size_t		n = 0,
					bad = 0;

		CHECK(text != NULL);
		if (text)
		{
			for (size_t i = 0; i < nrep; i++, o += sizeof(rep) - 1)
				memcpy(o, rep, sizeof(rep) - 1);
			memcpy(o, "\n\n", 2);
			o += 2;
			for (size_t i = 0; i < nblk; i++, o += sizeof(blk) - 1)
				memcpy(o, blk, sizeof(blk) - 1);
			*o = '\0';
			CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
			CHECK(nx_quotes_extract(m, &d, &q, &n, &nx_malloc_alloc) == NX_OK);
			CHECK(n == nrep + 2 * nblk);
			for (size_t i = 0; i < n && i < nrep + 2 * nblk; i++)
			{
				const char *ment = i < nrep ? "Putin" : (i - nrep) % 2 ? "Smith" : NULL;
				int			kind = i < nrep ? NX_QK_DIRECT : (i - nrep) % 2 ? NX_QK_DIRECT : NX_QK_BLOCK;

				if ((ment && !span_is(&d, &q[i].mention, ment)) || q[i].kind != kind ||
					(i > 0 && q[i - 1].content.tok >= q[i].content.tok))
					bad++;
			}
			CHECK(bad == 0);
			if (bad)
				fprintf(stderr, "  long paragraph: %zu of %zu rows unexpected\n", bad, n);
			nx_free(&nx_malloc_alloc, q);
			nx_doc_free(&d);
			free(text);
		}
	}
	/*
	 * one paragraph of 200,000 colons (each makes the paragraph one the
	 * tagger reads, each is a token): memory stays within 150 bytes a
	 * byte, the tagger's features made a window at a time
	 */
	{
		size_t		len = 200000;
		char	   *text = malloc(len);
		Held		h = {0, 0};
		NxAlloc		a = {h_alloc, h_realloc, h_free, h_interrupts, &h};
		NxDoc		d;
		NxQuote    *q = NULL;
		size_t		n = 0;

		CHECK(text != NULL);
		if (text)
		{
			memset(text, ':', len);
			CHECK(nx_doc_parse(&d, text, len, &a) == NX_OK);
			CHECK(nx_quotes_extract(m, &d, &q, &n, &a) == NX_OK);
			CHECK(h.peak <= 150 * len);
			if (h.peak > 150 * len)
				fprintf(stderr, "  %zu bytes held for %zu bytes of colons\n", h.peak, len);
			nx_free(&a, q);
			nx_doc_free(&d);
			CHECK(h.now == 0);
			free(text);
		}
	}
}

/*
 * The cache of token analyses (nx_attrib.h): the same quotations with a
 * cache as without, filled and then read, and with one too small to hold
 * a document's tokens; and every token's analysis the same with the
 * filled cache as without it.
 */
void
test_quotes_cache(void)
{
	static const char *const texts[] = {
		"\xE2\x80\x9CWe will rebuild,\xE2\x80\x9D said the mayor, Jonas Eklund. He added: "
		"\"We always have.\" The MAYOR said so.",
		/* a token past NX_ATTRIB_CACHE_TEXT, case variants, straight marks */
		"Senator Bernie Sanders told reporters that Angela Merkel was right. "
		"\"Counterrevolutionaries,\" SAID Sanders, \"are everywhere.\"",
		"Merkel said the talks would go on. 'Yes,' said Sanders.",
	};
	const size_t ntexts = sizeof(texts) / sizeof(texts[0]);
	const NxModel *qm = quotes_model();
	NxModel		m;
	size_t		bigsize = nx_attrib_cache_bytes(NX_ATTRIB_CACHE_ENTRIES);
	char	   *big = malloc(bigsize + 64);
	void	   *small = malloc(300);
	NxAttribCache *cbig,
			   *csmall;
	NxQuote    *want[3];
	size_t		nwant[3];
	int			same = 1,
				held = 1,
				found = 0;

	CHECK(big != NULL && small != NULL);
	if (!qm || !big || !small)
	{
		free(big);
		free(small);
		return;
	}
	m = *qm;
	/* the room: none, too little, and 4096 entries wherever the buffer starts */
	CHECK(nx_attrib_cache_init(NULL, 4096) == NULL);
	CHECK(nx_attrib_cache_init(small, sizeof(NxAttribCache)) == NULL);
	for (int k = 0; k < 64; k += 8)
	{
		cbig = nx_attrib_cache_init(big + k, bigsize);
		CHECK(cbig != NULL && cbig->mask + 1 == NX_ATTRIB_CACHE_ENTRIES);
	}
	cbig = nx_attrib_cache_init(big, bigsize);
	csmall = nx_attrib_cache_init(small, 300);
	CHECK(cbig != NULL && csmall != NULL && csmall->mask < 3);
	CHECK(cbig && ((uintptr_t) cbig->e & 63) == 0);
	if (!cbig || !csmall)
	{
		free(big);
		free(small);
		return;
	}

	/* the same quotations every way */
	for (size_t t = 0; t < ntexts; t++)
	{
		NxDoc		d;

		CHECK(nx_doc_parse(&d, texts[t], strlen(texts[t]), &nx_malloc_alloc) == NX_OK);
		m.attrib_cache = NULL;
		CHECK(nx_quotes_extract(&m, &d, &want[t], &nwant[t], &nx_malloc_alloc) == NX_OK);
		CHECK(nwant[t] > 0);
		nx_doc_free(&d);
	}
	for (int pass = 0; pass < 3; pass++)
		for (size_t t = 0; t < ntexts; t++)
		{
			NxDoc		d;
			NxQuote    *q;
			size_t		n;

			m.attrib_cache = pass == 2 ? csmall : cbig;
			CHECK(nx_doc_parse(&d, texts[t], strlen(texts[t]), &nx_malloc_alloc) == NX_OK);
			CHECK(nx_quotes_extract(&m, &d, &q, &n, &nx_malloc_alloc) == NX_OK);
			same = same && n == nwant[t] && same_quotes(q, want[t], n);
			nx_free(&nx_malloc_alloc, q);
			nx_doc_free(&d);
		}
	CHECK(same);

	/*
	 * a document analysed with the filled cache has every token's analysis
	 * as without it (an opening and a closing " are one text of two kinds)
	 */
	for (size_t t = 0; t < ntexts; t++)
	{
		NxDoc		d;
		NxAttribDoc *plain = NULL,
				   *withc = NULL;

		CHECK(nx_doc_parse(&d, texts[t], strlen(texts[t]), &nx_malloc_alloc) == NX_OK);
		CHECK(nx_attrib_doc_init(&plain, &m.labels, &m.lex, &m.clusters, NULL, &d, NULL, 0,
								 &nx_malloc_alloc) == NX_OK);
		CHECK(nx_attrib_doc_init(&withc, &m.labels, &m.lex, &m.clusters, cbig, &d, NULL, 0,
								 &nx_malloc_alloc) == NX_OK);
		for (size_t i = 0; plain && withc && i < d.ntok; i++)
		{
			const TokInfo *a = &plain->ti[i],
					   *b = &withc->ti[i];

			held = held && a->hl == b->hl && a->hs == b->hs && a->hsuf == b->hsuf &&
				a->lex == b->lex && a->span == b->span && a->kind == b->kind &&
				a->cap == b->cap && a->q == b->q && a->cx == b->cx &&
				a->clbits == b->clbits && a->cllen == b->cllen && a->first == b->first;
			found++;
		}
		nx_attrib_doc_free(plain);
		nx_attrib_doc_free(withc);
		nx_doc_free(&d);
	}
	CHECK(held);
	CHECK(found > 60);
	for (size_t t = 0; t < ntexts; t++)
		nx_free(&nx_malloc_alloc, want[t]);
	free(big);
	free(small);
}

#ifdef NX_TEST_MAIN
int
main(void)
{
	test_quotes_pairing();
	test_quotes_model_marks();
	test_quotes_model_speakers();
	test_quotes_model_attributions();
	test_quotes_model_blocks();
	test_quotes_model_scale();
	test_quotes_cache();
	printf("%d passed, %d failed\n", nx_test_pass, nx_test_fail);
	return nx_test_fail != 0;
}
#endif
