/*
 * test_quote_rules.c
 *	  One unit test a rule of the quotation pipeline (nx_quotes_rules.h),
 *	  on hand-built tagger output and without the trained model: a text
 *	  whose sources, cues and contents are marked as the tagger would
 *	  label them, the rows the pipeline makes of it, and the check that
 *	  the rows differ with the rule switched off (so the test fails when
 *	  the rule is removed).
 *
 * Markup: {s:...} a source chunk, {c:...} a cue chunk, {q:...} a content
 * chunk; they may nest ({q:...{s:he} {c:said}...}).  Rows print as
 * "content|cue|mention|speaker" (an empty field for none; "|belief"
 * after a row that is no speech), joined by
 * " ## ".  The word classes come from nx_wordlist.h and the name lists of
 * data/lexicon (read from the project root), as the trainer builds them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_model.h"
#include "nx_quotes.h"
#include "nx_tagger.h"
#include "nx_text.h"
#include "nx_words.h"
#include "testlib.h"

void		test_quote_rules(void);
void		test_quote_rule_table(void);
void		test_quote_speakers(void);
void		test_quote_keys(void);

#define MAX_TEXT	2048
#define MAX_CHUNKS	32
#define ROWS_MAX	4096

/* A test: the rule, the marked text, and the rows expected. */
typedef struct RuleCase
{
	NxQuoteRule rule;
	const char *text;
	const char *rows;
} RuleCase;

/* A model without weights: the attribution labels and the word classes. */
typedef struct RuleModel
{
	NxModel		m;
	void	   *lexsec;
	void	   *namesec;
	int			ok;
} RuleModel;

/* The labels (BIO over CONTENT, CUE, SRC) and the lexicon of the trained classes. */
static void
rule_model(RuleModel *rm)
{
	static const char *const types[] = {"CONTENT", "CUE", "SRC"};
	char	   *files[NX_W__COUNT] = {0};
	char		err[200];
	size_t		seclen;

	memset(rm, 0, sizeof(*rm));
	rm->ok = nx_labels_make(&rm->m.labels, 0, types, 3, err, sizeof(err)) == NX_OK;
	for (int c = 0; c < NX_W__COUNT; c++)
	{
		const char *f = nx_word_class_file((NxWordClass) c);
		char		path[256];
		size_t		len = 0;

		if (!f)
			continue;
		snprintf(path, sizeof(path), "data/lexicon/%s", f);
		files[c] = read_all(path, &len);
		if (!files[c])
		{
			fprintf(stderr, "test_quote_rules: cannot read %s (run from the project root)\n", path);
			rm->ok = 0;
			continue;
		}
		files[c][len] = '\0';	/* read_all leaves room */
	}
	rm->ok = rm->ok && nx_words_lexicon((const char *const *) files, NX_WK_TRAINED, &rm->lexsec,
										&seclen, &nx_malloc_alloc) == NX_OK &&
		nx_lexicon_parse(rm->lexsec, seclen, &rm->m.lex, err, sizeof(err)) == NX_OK;
	rm->ok = rm->ok && nx_words_lexicon((const char *const *) files, NX_WK_LEXICON, &rm->namesec,
										&seclen, &nx_malloc_alloc) == NX_OK &&
		nx_lexicon_parse(rm->namesec, seclen, &rm->m.names, err, sizeof(err)) == NX_OK;
	for (int c = 0; c < NX_W__COUNT; c++)
		free(files[c]);
}

/* A marked chunk: bytes [b, e) of the plain text, of type 0 CONTENT, 1 CUE, 2 SRC. */
typedef struct Mark
{
	size_t		b,
				e;
	int			type;
} Mark;

/* Strip the markup of in into out; the chunks into marks.  Returns their number, -1 on bad markup. */
static int
unmark(const char *in, char *out, Mark *marks)
{
	int			stack[MAX_CHUNKS],
				depth = 0,
				n = 0;
	size_t		o = 0;

	for (const char *p = in; *p; p++)
	{
		if (p[0] == '{' && p[1] && p[2] == ':' && strchr("qcs", p[1]) && n < MAX_CHUNKS)
		{
			marks[n].b = o;
			marks[n].type = p[1] == 'q' ? 0 : p[1] == 'c' ? 1 : 2;
			stack[depth++] = n++;
			p += 2;
		}
		else if (*p == '}' && depth > 0)
			marks[stack[--depth]].e = o;
		else if (o + 1 < MAX_TEXT)
			out[o++] = *p;
	}
	out[o] = '\0';
	return depth == 0 ? n : -1;
}

/* Append the text of a span, or nothing. */
static size_t
put_span(char *buf, size_t o, const NxDoc *d, const NxSpan *s)
{
	if (s->ntok && o + s->blen + 1 < ROWS_MAX)
	{
		memcpy(buf + o, d->text + s->b, s->blen);
		o += s->blen;
	}
	return o;
}

/* The rows of a marked text with rules off switched off, into buf; the first row's quote_key in *key. */
static int
run_rows_key(const RuleModel *rm, const char *marked, const NxQuoteRules *off, char *buf,
			 uint64_t *key)
{
	char		text[MAX_TEXT];
	Mark		marks[MAX_CHUNKS];
	NxChunk		ch1[MAX_CHUNKS],
				ch2[MAX_CHUNKS];
	size_t		n1 = 0,
				n2 = 0,
				o = 0;
	int			nm = unmark(marked, text, marks);
	NxDoc		d;
	NxQuote    *q = NULL;
	size_t		nq = 0;
	uint8_t    *lab1,
			   *lab2;
	NxQuoteOptions opt;

	buf[0] = '\0';
	if (nm < 0 || nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) != NX_OK)
		return 0;
	for (int k = 0; k < nm; k++)
	{
		NxChunk		c = {UINT32_MAX, 0, (uint32_t) marks[k].type};

		for (size_t i = 0; i < d.ntok; i++)
			if (d.tok[i].b >= marks[k].b && d.tok[i].b + d.tok[i].blen <= marks[k].e)
			{
				if (c.start == UINT32_MAX)
					c.start = (uint32_t) i;
				c.end = (uint32_t) i + 1;
			}
		if (c.start == UINT32_MAX)
			continue;
		if (marks[k].type == 0)
			ch2[n2++] = c;
		else
			ch1[n1++] = c;
	}
	lab1 = calloc(d.ntok + 1, 1);
	lab2 = calloc(d.ntok + 1, 1);
	/* chunks in token order, as the tagger gives them */
	for (size_t i = 1; i < n1; i++)
		for (size_t j = i; j > 0 && ch1[j].start < ch1[j - 1].start; j--)
		{
			NxChunk		t = ch1[j];

			ch1[j] = ch1[j - 1];
			ch1[j - 1] = t;
		}
	nx_labels_from_chunks(&rm->m.labels, ch1, n1, lab1, d.ntok);
	nx_labels_from_chunks(&rm->m.labels, ch2, n2, lab2, d.ntok);
	memset(&opt, 0, sizeof(opt));
	opt.stage1 = lab1;
	opt.stage2 = lab2;
	if (off)
		opt.off = *off;
	if (nx_quotes_extract_opt(&rm->m, &d, &opt, &q, &nq, &nx_malloc_alloc) != NX_OK)
		nq = 0;
	*key = nq > 0 ? q[0].quote_key : 0;
	for (size_t i = 0; i < nq; i++)
	{
		if (i > 0 && o + 5 < ROWS_MAX)
			o += (size_t) snprintf(buf + o, ROWS_MAX - o, " ## ");
		o = put_span(buf, o, &d, &q[i].content);
		buf[o++] = '|';
		o = put_span(buf, o, &d, &q[i].cue);
		buf[o++] = '|';
		o = put_span(buf, o, &d, &q[i].mention);
		buf[o++] = '|';
		if (q[i].speaker.ntok && o + q[i].speaker.blen + 1 < ROWS_MAX)
		{
			size_t		n;
			const char *name = nx_quote_speaker_name(d.text, &q[i], buf + o, &n);

			memmove(buf + o, name, n);
			o += n;
		}
		if (!q[i].speech && o + 8 < ROWS_MAX)
			o += (size_t) snprintf(buf + o, ROWS_MAX - o, "|belief");
		buf[o] = '\0';
	}
	nx_free(&nx_malloc_alloc, q);
	free(lab1);
	free(lab2);
	nx_doc_free(&d);
	return 1;
}

/* The rows of a marked text with rules off switched off, into buf. */
static int
run_rows(const RuleModel *rm, const char *marked, const NxQuoteRules *off, char *buf)
{
	uint64_t	key;

	return run_rows_key(rm, marked, off, buf, &key);
}

/* Run one case: the rows with every rule, and that they differ without its rule. */
static void
run_case(const RuleModel *rm, const RuleCase *rc)
{
	char		with[ROWS_MAX],
				without[ROWS_MAX];
	NxQuoteRules off = {{0}};
	int			ok;

	off.w[rc->rule / 64] |= UINT64_C(1) << (rc->rule % 64);
	CHECK(run_rows(rm, rc->text, NULL, with));
	CHECK(run_rows(rm, rc->text, &off, without));
	ok = strcmp(with, rc->rows) == 0;
	CHECK(ok);
	if (!ok)
		fprintf(stderr, "  rule %s: rows\n    [%s]\n  expected\n    [%s]\n",
				nx_quote_rule_name(rc->rule), with, rc->rows);
	ok = strcmp(with, without) != 0;
	CHECK(ok);
	if (!ok)
		fprintf(stderr, "  rule %s: the same rows without it: [%s]\n",
				nx_quote_rule_name(rc->rule), without);
}

/* The cases, one a rule at least. */
static const RuleCase rule_cases[] = {
	{NX_QR_CUE_START_FIX,
		"{s:One} {c:shipping agent said} {q:the port would close}.",
		"the port would close|said|One shipping agent|One shipping agent"},
	{NX_QR_BLOCK_QUOTE,
		"{s:The minister} {c:said} in a statement:\n\nThe port will reopen on Monday and the strike is over.",
		"The port will reopen on Monday and the strike is over.|said|The minister|The minister"},
	{NX_QR_BLOCK_SUBJECT,
		"She wrote:\n\nThe port will reopen on Monday and the strike is over.",
		"The port will reopen on Monday and the strike is over.|wrote:|She|She"},
	{NX_QR_BLOCK_NEEDS_SPEAKER,
		"The results were reported:\n\nThe polls close at six and the count begins.",
		""},
	{NX_QR_TAGGED_CONTENT,
		"{s:Putin} {c:predicted} {q:“a big win”}.",
		"“a big win”|predicted|Putin|Putin"},
	{NX_QR_BLOCK_INTRO,
		"{s:The minister} {c:told} the FSB {q:in a letter that:}\n\nThe port will reopen on Monday and the strike is over.",
		"The port will reopen on Monday and the strike is over.|told|The minister|The minister"},
	{NX_QR_CLOSING_MARK,
		"{s:Putin} {c:said} the talks were {q:“a success}.”",
		"“a success.”|said|Putin|Putin"},
	{NX_QR_START_AT_COLON,
		"{s:Clinton} {c:gave} {q:a back-handed compliment: “You never give up.”}",
		"“You never give up.”|gave|Clinton|Clinton"},
	{NX_QR_START_AT_PARTICIPLE,
		"{s:The band leader} {c:called} bigwigs {q:to the stage, singing “It's Our Time.”}",
		"“It's Our Time.”|singing|The band leader|The band leader"},
	{NX_QR_START_AFTER_ATTRIBUTION,
		"{q:{s:Hillary} {c:shot back}, “I suppose so.”}",
		"“I suppose so.”|shot back|Hillary|Hillary"},
	{NX_QR_START_QUOTED_SENTENCE,
		"{q:Hillary shot back, “I suppose that is so.”}",
		"“I suppose that is so.”||Hillary|Hillary"},
	{NX_QR_START_AFTER_CUE,
		"{s:They} {c:say} {q:about the doctor, “gifted hands and a big heart.”}",
		"“gifted hands and a big heart.”|say|They|They"},
	{NX_QR_END_AFTER_MARK,
		"{q:“We will win,” Texas delegate Bill Eastland} {c:said}.",
		"“We will win,”|said|Bill Eastland|Bill Eastland"},
	{NX_QR_END_BEFORE_PUNCT,
		"{q:“We will win”, and the crowd cheered} {s:he} {c:said}.",
		"“We will win”|said|he|he"},
	{NX_QR_END_BEFORE_ATTRIBUTION,
		"{q:“We will win” {s:Putin} {c:said}}.",
		"“We will win”|said|Putin|Putin"},
	{NX_QR_CUE_NEAREST,
		"{s:Putin} {c:made clear} in a long speech to the nation {q:that the port would reopen}.",
		"that the port would reopen|made clear|Putin|Putin"},
	{NX_QR_CUE_AFTER_BEATS_BEFORE,
		"{s:Trump} {c:said} the talks failed. {q:“We lost the vote today,”} Clinton went on.",
		"the talks failed|said|Trump|Trump ## “We lost the vote today,”|went on|Clinton|Clinton"},
	{NX_QR_CUE_NAME_SPLIT,
		"Sen. David Vitter spoke next. {q:“Why is this not proof that the bank is too big?”} {c:Vitter demanded}.",
		"“Why is this not proof that the bank is too big?”|demanded|Vitter|David Vitter"},
	{NX_QR_CUE_AFTER_SUBORDINATE,
		"The ad has {s:Trump} {c:saying} at the debate, {q:“That makes me smart,”} when {s:Clinton} {c:blasted} him.",
		"“That makes me smart,”|saying|Trump|Trump"},
	{NX_QR_CUE_OWN_SENTENCE,
		"{s:Trump} {c:said} the talks failed. Clinton added {q:“We lost the vote today.”}",
		"the talks failed|said|Trump|Trump ## “We lost the vote today.”|added|Clinton|Clinton"},
	{NX_QR_CUE_UNMARKED_SENTENCE,
		"{s:Trump} {c:said} nothing. {q:The talks failed in the end}.",
		""},
	{NX_QR_CUE_PARTICIPLE,
		"{s:The band leader} {c:called} bigwigs {q:to the stage, singing “It's Our Time.”}",
		"“It's Our Time.”|singing|The band leader|The band leader"},
	{NX_QR_CUE_DASH,
		"{q:“We will win the vote.”} — Commissioner Ana Costa",
		"“We will win the vote.”|—|Commissioner Ana Costa|Ana Costa"},
	/* a paragraph signed with a dash: its quotation before other words
	 * and marks is the name's, not the paragraph before's */
	{NX_QR_DASH_SIGNED_PARAGRAPH,
		"{q:“The port must stay open.”} — Ana Costa\n\n"
		"{q:“No one asked us.”} And that is all they have, “the last word.” — Jonas Eklund.",
		"“The port must stay open.”|—|Ana Costa|Ana Costa ## “No one asked us.”|—|Jonas Eklund|Jonas Eklund"},
	{NX_QR_CUE_PARAGRAPH_BEFORE,
		"{s:The minister} {c:said}:\n\n{q:“We will win the vote.”}",
		"“We will win the vote.”|said:|The minister|The minister"},
	{NX_QR_CUE_WORD_PARAGRAPH_BEFORE,
		"The minister issued the following statement:\n\n{q:“We will win the vote.”}",
		"“We will win the vote.”|statement:|The minister issued the following|The minister issued the following"},
	{NX_QR_CONTINUED_PARAGRAPH,
		"{s:Putin} {c:said}: {q:“We will win the vote.}\n\n{q:“We will win the war.”}",
		"“We will win the vote.|said:|Putin|Putin ## “We will win the war.”|said:|Putin|Putin"},
	{NX_QR_CUE_NEAR_VERB,
		"Putin said {q:“we will win the vote.”}",
		"“we will win the vote.”|said|Putin|Putin"},
	{NX_QR_PLAIN_SUBJECT,
		"We believe {q:the race was close in every state}.",
		"the race was close in every state|believe|||belief"},
	{NX_QR_COLON_SPEAKER,
		"Kasich: {q:‘We Are Going to Win This Thing’}",
		"‘We Are Going to Win This Thing’|:|Kasich|Kasich"},
	{NX_QR_CLOSING_ATTRIBUTION,
		"{q:“We will win the vote,”} Trump went on.",
		"“We will win the vote,”|went on|Trump|Trump"},
	{NX_QR_NEXT_SENTENCE,
		"{q:“We will win,”} Keidis went on. {q:“He is like a brother to me.”}",
		"“We will win,”|went on|Keidis|Keidis ## “He is like a brother to me.”|went on|Keidis|Keidis"},
	{NX_QR_INVERTED_CONTENT,
		"{q:“The plan is a disaster,”} {c:says} {q:the ad's narrator}.",
		"“The plan is a disaster,”|says|the ad's narrator|the ad's narrator"},
	{NX_QR_SOURCE_NOT_RELATIVE,
		"Trump was defensive about an architect {s:who} {c:said} {q:he was never paid}, {c:saying} {q:“Maybe he did a bad job.”}",
		"he was never paid|said|who|an architect ## “Maybe he did a bad job.”|saying|Trump|Trump"},
	{NX_QR_INVERTED_CLAUSE,
		"However debates are not likely to alter the race, {c:noted} {q:NBC’s Dante Chinni}.",
		"debates are not likely to alter the race|noted|NBC’s Dante Chinni|Dante Chinni"},
	{NX_QR_SAME_CUE_SOURCE,
		"{q:“The plan is a disaster,”} {c:says} {q:the ad's narrator}, {q:“and it will fail.”}",
		"“The plan is a disaster,”|says|the ad's narrator|the ad's narrator ## “and it will fail.”|says|the ad's narrator|the ad's narrator"},
	{NX_QR_DROP_SCARE_QUOTE,
		"The port is a {q:“success”} for the city.",
		""},
	{NX_QR_DROP_UNATTRIBUTED,
		"{q:The port will reopen on Monday morning}.",
		""},
	{NX_QR_DROP_ONE_WORD,
		"{s:He} {c:believes} {q:it}.",
		""},
	{NX_QR_SENTENCE_SUBJECT,
		"Mrs. Costa went on the offensive against the council and its {q:“endless delays and broken promises”}.",
		"“endless delays and broken promises”||Mrs. Costa|Costa"},
	/* a headline's subject may hold a title in capitals (CEO) */
	{NX_QR_SENTENCE_SUBJECT,
		"Elizabeth Warren Hammers Wells Fargo CEO: {q:‘You Should Be Criminally Investigated.’}",
		"‘You Should Be Criminally Investigated.’||Elizabeth Warren Hammers Wells Fargo CEO|Elizabeth Warren"},
	{NX_QR_SOURCE_NEAREST,
		"{s:Putin} {c:said} {q:the port would reopen}.",
		"the port would reopen|said|Putin|Putin"},
	{NX_QR_SOURCE_INVERTED,
		"{q:“We will win,”} {c:added} his campaign manager Jeff Weaver, speaking after {s:the senator} spoke.",
		"“We will win,”|added|his campaign manager Jeff Weaver|Jeff Weaver"},
	{NX_QR_SUBJECT_PARTICIPLE,
		"Cruz belittled the claim, {c:calling} it {q:“a paperwork error”}.",
		"“a paperwork error”|calling|Cruz|Cruz"},
	{NX_QR_SUBJECT_RELATIVE,
		"They turned to the Chicago Police Department which {c:reported} {q:“2,521 shooting incidents”} in the city.",
		"“2,521 shooting incidents”|reported|which|Chicago Police Department"},
	{NX_QR_SUBJECT_PASSIVE,
		"Smith {c:was told} {q:the plan would work}.",
		"the plan would work|was told||"},
	{NX_QR_SUBJECT_OPENING_PARTICIPLE,
		"After {c:saying} {q:her foot was “so swollen,” she was “whisked off”} for tests.",
		"her foot was “so swollen,” she was “whisked off”|saying|she|she"},
	{NX_QR_CONTENT_OWN_ATTRIBUTION,
		"Japan {c:branded} {q:it an “outlaw nation.”} {q:Russia insisted that Pyongyang “stop its escapades.”}",
		"it an “outlaw nation.”|branded|Japan|Japan ## that Pyongyang “stop its escapades.”|insisted|Russia|Russia"},
	{NX_QR_CUE_ABOUT,
		"And as Trump went on {q:about “how the system is rigged,”} Melanie {c:said} yes.",
		"“how the system is rigged,”|went on about|Trump|Trump"},
	{NX_QR_SUBJECT_BY_PARTICIPLE,
		"Dean then appeared on MSNBC and began by {c:saying} {q:he would “never” do that}.",
		"he would “never” do that|saying|Dean|Dean"},
	{NX_QR_SUBJECT_SECOND_VERB,
		"He walked it back and {c:said} {q:the plan would work}.",
		"the plan would work|said|He|He"},
	{NX_QR_SUBJECT_COMMA_CLAUSE,
		"Fiorina, speaking to Iowans, {c:said} {q:the plan would work}.",
		"the plan would work|said|Fiorina|Fiorina"},
	{NX_QR_SUBJECT_PRONOUN,
		"Asked about the plan she {c:said} {q:it would work}.",
		"it would work|said|she|she"},
	{NX_QR_SUBJECT_NAME,
		"Asked about the plan Smith {c:said} {q:it would work}.",
		"it would work|said|Smith|Smith"},
	{NX_QR_SUBJECT_INVERTED_PRONOUN,
		"{q:“We will win,”} {c:said} he.",
		"“We will win,”|said|he|he"},
	{NX_QR_SUBJECT_INVERTED_NAME,
		"{q:“We will win,”} {c:said} Democratic strategist Simon Rosenberg.",
		"“We will win,”|said|Democratic strategist Simon Rosenberg|Simon Rosenberg"},
	{NX_QR_SUBJECT_INVERTED_PHRASE,
		"{q:“We will win,”} {c:said} the boy.",
		"“We will win,”|said|the boy|the boy"},
	{NX_QR_SUBJECT_NP_BEFORE,
		"The complaint {c:alleged} {q:that the port was unsafe}.",
		"that the port was unsafe|alleged|The complaint|The complaint"},
	{NX_QR_SUBJECT_DATELINE,
		"CLEVELAND — Donald Trump painted a dark picture, {c:saying} {q:“the country is in crisis.”}",
		"“the country is in crisis.”|saying|Donald Trump|Donald Trump"},
	{NX_QR_SUBJECT_APPOSITIVE,
		"Huma Abedin, vice chairwoman for the campaign, emailed staff, {c:saying} {q:“we will win.”}",
		"“we will win.”|saying|Huma Abedin, vice chairwoman for the campaign,|Huma Abedin"},
	{NX_QR_SUBJECT_PHRASE,
		"In May, a federal judge sided with the city, {c:saying} {q:“the law is clear.”}",
		"“the law is clear.”|saying|a federal judge|a federal judge"},
	{NX_QR_ACCORDING_TO,
		"The port will reopen next week, according to port officials.",
		"The port will reopen next week|according to|port officials|port officials"},
	{NX_QR_AS_PUT_IT,
		"As the mayor put it in her memo to staff, the port will stay closed until the spring.",
		"the port will stay closed until the spring|put it|the mayor|the mayor"},
	{NX_QR_NAME_COLON,
		"Ana Costa: We will reopen the port on Monday.",
		"We will reopen the port on Monday|:|Ana Costa|Ana Costa"},
	{NX_QR_MISSED_QUOTATION,
		"{s:Putin} {c:said} “we will meet again next week.”",
		"“we will meet again next week.”|said|Putin|Putin"},
	{NX_QR_MISSED_SHORT_QUOTATION,
		"The crowd chanted “Build the wall!”",
		"“Build the wall!”|chanted|The crowd|The crowd"},
	{NX_QR_CUE_WITHOUT_CONTENT,
		"The plan will fail, {s:officials} {c:said} last week.",
		"The plan will fail|said|officials|officials"},
	{NX_QR_CLAUSE_QUOTED_BEFORE,
		"The dam was “under control”, {s:an official} {c:told} VNR.",
		"The dam was “under control”|told|an official|an official"},
	{NX_QR_CLAUSE_MARK_COMMA,
		"The failure was “heartbreaking,” {s:she} {c:said}.",
		"The failure was “heartbreaking,”|said|she|she"},
	{NX_QR_CLAUSE_BEFORE_ATTRIBUTION,
		"The plan will fail, {s:officials} {c:said} last week.",
		"The plan will fail|said|officials|officials"},
	{NX_QR_CLAUSE_AFTER_CUE,
		"{s:Putin} {c:said} the talks would go on.",
		"the talks would go on|said|Putin|Putin"},
	{NX_QR_BARE_SAID,
		"Secretary of State John Kerry said the talks would go on.",
		"the talks would go on|said|Secretary of State John Kerry|John Kerry"},
	{NX_QR_QA_TURN,
		"{s:Q}{c::} {q:Will the port reopen on Monday and when?}",
		"Will the port reopen on Monday and when?|||"},
	{NX_QR_RELATIVE_CLOSED,
		"McCaskill, {s:who} has endorsed Clinton, {c:said} {q:the plan would work}.",
		"the plan would work|said|McCaskill|McCaskill"},
	{NX_QR_CUE_AUXILIARIES,
		"{s:Putin} has {c:said} {q:the talks would go on}.",
		"the talks would go on|has said|Putin|Putin"},
	{NX_QR_NAME_PARTICLE,
		"Pieter van {s:Dam} {c:said} {q:the dike would hold}.",
		"the dike would hold|said|Pieter van Dam|Pieter van Dam"},
	{NX_QR_MENTION_DETERMINER,
		"The {s:economist Jared Bernstein} {c:said} {q:the plan would work}.",
		"the plan would work|said|The economist Jared Bernstein|Jared Bernstein"},
	{NX_QR_MENTION_TITLE,
		"Sen. {s:Marco Rubio} {c:said} {q:the plan would work}.",
		"the plan would work|said|Sen. Marco Rubio|Marco Rubio"},
	{NX_QR_TITLE_ORGANISATION,
		"Amnesty International {s:spokesman Eric Ferrero} {c:said} {q:the plan would work}.",
		"the plan would work|said|Amnesty International spokesman Eric Ferrero|Eric Ferrero"},
	{NX_QR_BEFORE_APPOSITIVE,
		"Hicks, {s:his campaign spokeswoman,} {c:said} {q:the plan would work}.",
		"the plan would work|said|Hicks, his campaign spokeswoman,|Hicks"},
	{NX_QR_NAME_AFTER_DESCRIPTION,
		"{s:Her campaign manager}, Robby Mook, {c:said} {q:the plan would work}.",
		"the plan would work|said|Her campaign manager, Robby Mook,|Robby Mook"},
	{NX_QR_TRIM_BY,
		"It was {c:reported} {s:by Politico} {q:that the port would close}.",
		"that the port would close|was reported|Politico|Politico"},
	{NX_QR_TRIM_ASIDE,
		"{s:Rush Limbaugh, for one,} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Rush Limbaugh|Rush Limbaugh"},
	{NX_QR_TRIM_TIME,
		"{s:Gov. Mike Pence on Thursday} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Gov. Mike Pence|Mike Pence"},
	{NX_QR_TRIM_VERB,
		"{s:Mr. Trump tried to} {c:say} {q:the plan would fail}.",
		"the plan would fail|say|Mr. Trump|Trump"},
	{NX_QR_TRIM_VERB,
		"The bill prompted {s:Senator Hillary Clinton to make a} {c:comment} {q:that the plan would fail}.",
		"that the plan would fail|comment|Senator Hillary Clinton|Hillary Clinton"},
	{NX_QR_OPEN_CLAUSE,
		"{s:Senator Ted Cruz of Texas, who last year} {c:threatened} {q:that the plan would fail}.",
		"that the plan would fail|threatened|Senator Ted Cruz of Texas|Ted Cruz"},
	{NX_QR_SOURCE_COMMA,
		"{s:Brian Fallon, a spokesman for Mrs. Clinton}, {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Brian Fallon, a spokesman for Mrs. Clinton,|Brian Fallon"},
	{NX_QR_DROP_NON_MENTION,
		"{s:of Republicans} {c:said} {q:the plan would fail}.",
		"the plan would fail|said||"},
	{NX_QR_DROP_MENTION_IN_CONTENT,
		"{c:Said} {q:Putin: we will win the vote}.",
		"Putin: we will win the vote|Said||"},
	{NX_QR_RELATIVE_TO_END,
		"{q:“We will win,”} {c:said} {s:Eric Woolson, who worked for Scott Walker} before he dropped out.",
		"“We will win,”|said|Eric Woolson, who worked for Scott Walker before he dropped out|Eric Woolson"},
	{NX_QR_KNOWING_PHRASE,
		"{s:Three people} familiar with the plan {c:said} {q:the port would close}.",
		"the port would close|said|Three people familiar with the plan|Three people familiar with the plan"},
	{NX_QR_SPEAKER_RELATIVE,
		"Graham, {s:who} has {c:vowed} {q:that the plan would fail}.",
		"that the plan would fail|has vowed|who|Graham"},
	{NX_QR_CAMPAIGN_POSSESSIVE,
		"Hillary Clinton spoke in Ohio. {s:Hillary Clinton’s campaign} {c:said} {q:the debate would be fair}.",
		"the debate would be fair|said|Hillary Clinton’s campaign|Clinton campaign"},
	{NX_QR_NAME_NICKNAME,
		"{s:His niece, state Del. Marcia \"Cia\" Price (D-Newport News),} {c:said} {q:the plan would work}. "
		"Robert C. \"Bobby\" Scott spoke. Bobby Scott won. {s:Scott} {c:said} {q:he was glad}.",
		"the plan would work|said|His niece, state Del. Marcia \"Cia\" Price (D-Newport News),|Marcia Price ## "
		"he was glad|said|Scott|Bobby Scott"},
	{NX_QR_NAME_LATER_SURNAME,
		"{s:Tshisekedi} {c:says} {q:the plan will fail}.\n\nFelix Tshisekedi spoke on Monday in Kinshasa.",
		"the plan will fail|says|Tshisekedi|Felix Tshisekedi"},
	{NX_QR_NAME_VERB_WORD,
		"{s:The State Department} {c:said} {q:the plan would work}.",
		"the plan would work|said|The State Department|State Department"},
	/* a document named before by another noun: its author, past definite namings of it */
	{NX_QR_DOCUMENT_ANTECEDENT,
		"Connie Mariano wrote a memoir of her years in the White House. Her patients were presidents. "
		"{s:The book} {c:said} {q:the clot was hidden}.",
		"the clot was hidden|said|The book|Connie Mariano"},
	{NX_QR_DOCUMENT_ANTECEDENT,
		"A web video by the Republican National Committee names four cases. The ad also mentions a fifth. "
		"{s:The clip} {c:says} {q:the senator erred}.",
		"the senator erred|says|The clip|Republican National Committee"},
	{NX_QR_NAME_VERB_WORD,
		"{s:The Republican National Committee} {c:said} {q:the plan would work}.",
		"the plan would work|said|The Republican National Committee|Republican National Committee"},
	{NX_QR_SPEAKER_APPOSITIVE_NAME,
		"{s:Another Clinton ally, Agriculture Secretary Tom Vilsack,} {c:said} {q:the plan would work}.",
		"the plan would work|said|Another Clinton ally, Agriculture Secretary Tom Vilsack,|Tom Vilsack"},
	{NX_QR_SPEAKER_RELATIVE_NP,
		"The ruling set off a wave of alarm among legal experts, {s:who} {c:worry} {q:that it will stand}.",
		"that it will stand|worry|who|legal experts|belief"},
	{NX_QR_SPEAKER_AUTHOR,
		"{s:I} {c:said} {q:that the law will change}.\n\nChris Smith.",
		"that the law will change|said|I|Chris Smith"},
	{NX_QR_SPEAKER_PRONOUN,
		"Ana Costa spoke first. {s:She} {c:said} {q:the port would reopen}.",
		"the port would reopen|said|She|Ana Costa"},
	{NX_QR_SPEAKER_NAME,
		"{s:President Putin} {c:said} {q:the talks would go on}.",
		"the talks would go on|said|President Putin|Putin"},
	{NX_QR_SPEAKER_DESCRIPTION,
		"Bill de Blasio, the mayor of New York, spoke first. {s:The mayor} {c:said} {q:the port would reopen}.",
		"the port would reopen|said|The mayor|Bill de Blasio"},
	{NX_QR_SPEAKER_PRONOUN_HEAD,
		"Ana Costa spoke first. {s:she pointed to} {c:said} {q:the port would reopen}.",
		"the port would reopen|said|she pointed to|Ana Costa"},
	{NX_QR_NAME_COLON,
		"Partial transcript:\n\n{q:\"PENCE: Well, look, this is serious business.}\n\n\"WALLACE: But why would he do that?",
		"Well, look, this is serious business.|:|PENCE|PENCE ## But why would he do that|:|WALLACE|WALLACE"},
	{NX_QR_ROUNDUP_LINE,
		"Reactions to the vote:\n\nAna Costa, Northwind News: “The port will never be the same.”\n\nJonas Eklund, Harbour Radio: “A sad day for the city.”",
		"“The port will never be the same.”|:|Ana Costa|Ana Costa ## “A sad day for the city.”|:|Jonas Eklund|Jonas Eklund"},
	/* the tagger's content takes the round-up line's name */
	{NX_QR_ROUNDUP_LINE,
		"Ana Costa, Northwind News: {q:“The port will never be the same.”}",
		"“The port will never be the same.”|:|Ana Costa|Ana Costa"},
	{NX_QR_BELIEF_CUE,
		"{s:Costa} {c:fears} {q:the port will close for good}.",
		"the port will close for good|fears|Costa|Costa|belief"},
	/* a participle of speech after a name shown is the cue, the name the
	 * source, though the tagger took the footage's subject; not after
	 * another "of" (the share of Republicans saying) */
	{NX_QR_CUE_SHOWN_PARTICIPLE,
		"{s:The ad} {c:uses footage of} Hillary Clinton asking, {q:“Why am I not ahead?”} "
		"{s:The poll} {c:found} the share of Republicans saying {q:“guns matter”} rose.",
		"“Why am I not ahead?”|asking|Hillary Clinton|Hillary Clinton ## "
		"“guns matter”|found|The poll|The poll"},
	/* a lone word that opens an organisation's longer name is that
	 * organisation; not a given name (Hillary) */
	{NX_QR_ORG_FIRST_WORD,
		"The Pew Research Center ran the poll. {s:Pew} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Pew|Pew Research Center"},
	/* a person's campaign speaks as "NAME campaign", its own words or the
	 * article's for a possessive or a pronoun; not with another after "and" */
	{NX_QR_SPEAKER_CAMPAIGN,
		"Bernie Sanders spoke in Iowa. {s:The Sanders campaign} {c:said} {q:the plan would fail}. "
		"{s:Sanders' campaign} {c:said} {q:it would win}. {s:His campaign} {c:added} {q:that it had won}. "
		"{s:The Sanders campaign and the party} {c:said} {q:they agreed}.",
		"the plan would fail|said|The Sanders campaign|Sanders campaign ## "
		"it would win|said|Sanders' campaign|Sanders campaign ## "
		"that it had won|added|His campaign|Sanders campaign ## "
		"they agreed|said|The Sanders campaign and the party|The Sanders campaign and the party"},
	/* a possessive takes "NAME campaign" wherever the article writes it;
	 * where it never does, its own words without the 's (campaign_possessive) */
	{NX_QR_SPEAKER_CAMPAIGN,
		"Hillary Clinton spoke. {s:Clinton's campaign} {c:said} {q:the plan would fail}. "
		"The Clinton campaign met. Donald Trump spoke. {s:Trump's campaign} {c:said} {q:it would win}.",
		"the plan would fail|said|Clinton's campaign|Clinton campaign ## "
		"it would win|said|Trump's campaign|Trump campaign"},
};

/* Every rule has a case, every case runs. */
void
test_quote_rules(void)
{
	RuleModel	rm;
	int			tested[NX_QR__COUNT] = {0};

	rule_model(&rm);
	CHECK(rm.ok);
	if (!rm.ok)
		return;
	for (size_t i = 0; i < sizeof(rule_cases) / sizeof(rule_cases[0]); i++)
	{
		if (getenv("NEWSX_RULE") && strcmp(getenv("NEWSX_RULE"),
										   nx_quote_rule_name(rule_cases[i].rule)) != 0)
			continue;
		run_case(&rm, &rule_cases[i]);
		tested[rule_cases[i].rule] = 1;
	}
	for (int r = 0; r < NX_QR__COUNT && !getenv("NEWSX_RULE"); r++)
	{
		CHECK(tested[r]);
		if (!tested[r])
			fprintf(stderr, "  rule %s has no test\n", nx_quote_rule_name((NxQuoteRule) r));
	}
	nx_free(&nx_malloc_alloc, rm.lexsec);
	nx_free(&nx_malloc_alloc, rm.namesec);
}

/* The rule table: names unique and set, passes named. */
void
test_quote_rule_table(void)
{
	int			named = 1,
				unique = 1;

	for (int r = 0; r < NX_QR__COUNT; r++)
	{
		named = named && nx_quote_rule_name((NxQuoteRule) r)[0] != '\0' &&
			nx_quote_rule_pass((NxQuoteRule) r)[0] != '\0';
		for (int s = 0; s < r; s++)
			unique = unique &&
				strcmp(nx_quote_rule_name((NxQuoteRule) r), nx_quote_rule_name((NxQuoteRule) s)) != 0;
	}
	CHECK(named);
	CHECK(unique);
	CHECK(strcmp(nx_quote_rule_name(NX_QR__COUNT), "") == 0);
}

/*
 * Speakers from names and entities (nx_quotes_names.c, nx_quotes_speaker.c):
 * fullest names, organisations, agreement of pronouns with gender and
 * type, surname antecedents, the name a source phrase is about.
 */
static const RuleCase speaker_cases[] = {
	/* the words before a given name of either sex stay in the name (Aung
	 * San Suu Kyi); before a man's or a woman's they go (Rival Hillary
	 * Clinton) */
	{NX_QR_SPEAKER_PRONOUN,
		"Aung San Suu Kyi visited the White House. {q:“Unity matters,”} {s:she} {c:said}.\n\n"
		"{s:Rival Hillary Clinton} {c:said} {q:the plan would work}.",
		"“Unity matters,”|said|she|Aung San Suu Kyi ## the plan would work|said|Rival Hillary Clinton|Hillary Clinton"},
	/* a newspaper's name whose first words are another name's (Wall Street) stays whole */
	{NX_QR_SPEAKER_NAME,
		"{s:The Wall Street Journal} {c:reported} {q:that the port would close}.",
		"that the port would close|reported|The Wall Street Journal|Wall Street Journal"},
	/* a compound's words are the description's (the two-term president) */
	{NX_QR_SPEAKER_DESCRIPTION,
		"Barack Obama spoke in Ohio. {q:“It is hard,”} {s:the two-term president} {c:said}.",
		"“It is hard,”|said|the two-term president|Barack Obama"},
	/* a surname gives the fullest name of the article */
	{NX_QR_SPEAKER_NAME,
		"Vladimir Putin arrived on Monday. Later, {s:Putin} {c:said} {q:the talks would go on}.",
		"the talks would go on|said|Putin|Vladimir Putin"},
	/* an organisation's name without its article */
	{NX_QR_SPEAKER_NAME,
		"{s:The University of Michigan} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|The University of Michigan|University of Michigan"},
	/* the name of a source phrase, not another name in it or around it */
	{NX_QR_SPEAKER_NAME,
		"{s:Jane Roe, an analyst at Acme Research,} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Jane Roe, an analyst at Acme Research,|Jane Roe"},
	{NX_QR_SPEAKER_NAME,
		"{s:White House press secretary Josh Earnest} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|White House press secretary Josh Earnest|Josh Earnest"},
	{NX_QR_SPEAKER_NAME,
		"{s:Rival Hillary Clinton} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Rival Hillary Clinton|Hillary Clinton"},
	/* a description of no office the article gave anyone names no one */
	{NX_QR_SPEAKER_DESCRIPTION,
		"Mike Pence spoke in Indiana. {s:The band leader} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|The band leader|The band leader"},
	/* an office's description names the person most in view */
	{NX_QR_SPEAKER_DESCRIPTION,
		"Mike Pence spoke in Indiana. {s:The Indiana governor} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|The Indiana governor|Mike Pence"},
	/* an organisation's description, the organisation named so */
	{NX_QR_SPEAKER_DESCRIPTION,
		"The Commission on Presidential Debates met on Monday. {s:The commission} {c:said} "
		"{q:the debate would go on}.",
		"the debate would go on|said|The commission|Commission on Presidential Debates"},
	/* a person's description needs a person's noun and a closed appositive */
	{NX_QR_SPEAKER_DESCRIPTION,
		"Urban voters were turned off by Donald J. Trump, the Clinton campaign has refocused its efforts to a "
		"turnout push. Minyon Moore, a senior adviser to the Clinton campaign, spoke later. "
		"{s:The Clinton campaign} {c:plans} {q:to employ Mr. Obama}.",
		"to employ Mr. Obama|plans|The Clinton campaign|The Clinton campaign|belief"},
	/* a document's description is its author's, where it was first named */
	{NX_QR_SPEAKER_DESCRIPTION,
		"The Security Council issued a statement on Monday. Ana Costa spoke later. {s:The statement} {c:said} "
		"{q:the test was a violation}.",
		"the test was a violation|said|The statement|Security Council"},
	/* a document's author is a name just before it, not any name of its sentence */
	{NX_QR_SPEAKER_DESCRIPTION,
		"Hillary Clinton leads Bernie Sanders in California in a new poll. "
		"{s:The poll} {c:found} {q:that voters were split}.",
		"that voters were split|found|The poll|The poll"},
	/* a document's author speaks through it */
	{NX_QR_SPEAKER_NAME,
		"{s:A Government Accountability Office report} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|A Government Accountability Office report|Government Accountability Office"},
	/* an honorific's gender picks the surname's entity (Mr. Obama) */
	{NX_QR_SPEAKER_NAME,
		"Barack Obama met Michelle Obama in Chicago. {s:Mr. Obama} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Mr. Obama|Barack Obama"},
	/* he and she agree in gender */
	{NX_QR_SPEAKER_PRONOUN,
		"Hillary Clinton met Donald Trump on Monday. {s:He} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|He|Donald Trump"},
	{NX_QR_SPEAKER_PRONOUN,
		"Donald Trump met Hillary Clinton on Monday. {s:She} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|She|Hillary Clinton"},
	/* a surname named after a full name is the nearer antecedent */
	{NX_QR_SPEAKER_PRONOUN,
		"Ana Costa spoke first. Reyes disagreed with the mayor. {q:“The plan will fail,”} {s:he} {c:said}.",
		"“The plan will fail,”|said|he|Reyes"},
	/* never a place for he or she, an organisation for it */
	{NX_QR_SPEAKER_PRONOUN,
		"Ana Costa visited Coral Springs on Monday. {s:He} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|He|He"},
	{NX_QR_SPEAKER_PRONOUN,
		"Ana Costa sued the Acme Corporation on Monday. {s:It} {c:said} {q:the suit would fail}.",
		"the suit would fail|said|It|Acme Corporation"},
	/* a lone given name is the entity named with it first */
	{NX_QR_SPEAKER_NAME,
		"Hillary Clinton spoke in Ohio. Later, {s:Hillary} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Hillary|Hillary Clinton"},
	/* a full name of a woman is not the entity a man's honorific named (Mr. Obama) */
	{NX_QR_SPEAKER_NAME,
		"Mr. Obama spoke first. Michelle Obama spoke next. {s:Mr. Obama} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Mr. Obama|Obama"},
	/* a title word after a given name ends the name (Charlie King) */
	{NX_QR_SPEAKER_NAME,
		"{s:Charlie King, a New York Democrat,} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Charlie King, a New York Democrat,|Charlie King"},
	/* a month is no name, and no one a pronoun names */
	{NX_QR_SPEAKER_PRONOUN,
		"Ana Costa spoke in November. {s:She} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|She|Ana Costa"},
	/* a relative pronoun after an appositive speaks for the name before it */
	{NX_QR_SPEAKER_RELATIVE,
		"Mitch McConnell spoke first. Obama met McConnell, now the majority leader, {s:who} {c:said} "
		"{q:the plan would fail}.",
		"the plan would fail|said|who|Mitch McConnell"},
	/* right after a person's name, no comma: that name; not a body's name, but the person "of" it */
	{NX_QR_SPEAKER_RELATIVE,
		"It was Barack Obama {s:who} {c:pressed} {q:for a deal}. Megyn Kelly of Fox News {s:who} "
		"{c:questioned} {q:his respect for women}.",
		"for a deal|pressed|who|Barack Obama ## his respect for women|questioned|who|Megyn Kelly"},
	/* a relative pronoun after a long phrase: the noun phrase or name right before it */
	{NX_QR_SPEAKER_RELATIVE_NP,
		"The strategy could open Ana Costa up to further attacks by Mr. Reyes, {s:who} {c:said} "
		"{q:the plan would fail}. It won support from superdelegates {s:who} {c:said} {q:they liked it}.",
		"the plan would fail|said|who|Reyes ## they liked it|said|who|superdelegates"},
	/* past a time, and past a place and its preposition */
	{NX_QR_SPEAKER_RELATIVE_NP,
		"Voters are pumped to re-elect Sen. Rob Portman this year, {s:who} {c:said} {q:the plan would work}. "
		"Attacks were echoed by Democrats across the country, {s:who} {c:said} {q:the plan would fail}.",
		"the plan would work|said|who|Rob Portman ## the plan would fail|said|who|Democrats"},
	/* a determiner opens the phrase; a number is part of it */
	{NX_QR_SPEAKER_RELATIVE_NP,
		"That is a sharp rise from the 12 percent {s:who} {c:said} {q:they liked it}. The ad stars an "
		"Abraham Lincoln impersonator {s:who} {c:promises} {q:that Johnson will win}.",
		"they liked it|said|who|the 12 percent ## that Johnson will win|promises|who|an Abraham Lincoln impersonator"},
	/* I outside quotation marks: the letter's signature after it, else the
	 * person the article's closing line describes */
	{NX_QR_SPEAKER_AUTHOR,
		"{s:I} {c:hope} {q:that the law will change}.\n\nChris Smith.\n\n"
		"Her record is long. {s:I} {c:think} {q:that she will win}.\n\nToni Williams.",
		"that the law will change|hope|I|Chris Smith|belief ## that she will win|think|I|Toni Williams|belief"},
	{NX_QR_SPEAKER_AUTHOR,
		"{s:I} {c:believe} {q:that the law will change}.\n\nCharlotte Meehan is a playwright in Boston.",
		"that the law will change|believe|I|Charlotte Meehan|belief"},
	/* a pronoun that opens a mention and resolves to no one is the speaker, not the whole mention */
	{NX_QR_SPEAKER_PRONOUN_HEAD,
		"The sun rose. {s:It's denouncing what it} {c:calls} {q:“the biggest attack in history.”}",
		"“the biggest attack in history.”|calls|It's denouncing what it|It"},
	/* a surname misspelt by a letter is the person's (McLenney, McClenney) */
	{NX_QR_SPEAKER_NAME,
		"Tyresha McClenney and Bryan Anderson went to the rally. {s:McLenney} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|McLenney|Tyresha McClenney"},
	/* a title's word alone is the surname of a person named with it (Shah) */
	{NX_QR_SPEAKER_NAME,
		"Research Director Raj Shah spoke first. {q:“The ratings are unfair,”} {s:Shah} {c:told} reporters.",
		"“The ratings are unfair,”|told|Shah|Raj Shah"},
	/* an organisation's name goes on through "to" (Committee to Protect Journalists) */
	{NX_QR_SPEAKER_NAME,
		"{s:The Committee to Protect Journalists} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|The Committee to Protect Journalists|Committee to Protect Journalists"},
	/* and through a capitalised function word; its acronym names it too */
	{NX_QR_SPEAKER_NAME,
		"{s:The Alliance to Reclaim Our Schools (AROS)} {c:said} {q:the plan would fail}. "
		"{s:AROS} {c:said} {q:the schools would close}.",
		"the plan would fail|said|The Alliance to Reclaim Our Schools (AROS)|Alliance to Reclaim Our Schools"
		" ## the schools would close|said|AROS|Alliance to Reclaim Our Schools"},
	/* a person's name that opens the name of a day is the person's; not a
	 * hyphenated surname (Eva Resnick-Day) */
	{NX_QR_SPEAKER_NAME,
		"Groups joined “Barack Obama Election Day.” {s:Mr. Obama} {c:said} {q:the plan would fail}. "
		"{s:Eva Resnick-Day} {c:said} {q:it would not}.",
		"the plan would fail|said|Mr. Obama|Barack Obama ## it would not|said|Eva Resnick-Day|Eva Resnick-Day"},
	/* a hyphenated name is the subject before its cue (Park Geun-hye) */
	{NX_QR_SUBJECT_NAME,
		"South Korean President Park Geun-hye {c:said} {q:Kim's state is “spiraling out of control.”}",
		"Kim's state is “spiraling out of control.”|said|South Korean President Park Geun-hye|Park Geun-hye"},
	/* a surname with its particle is a surname (De Blasio, Bill de Blasio) */
	{NX_QR_SPEAKER_NAME,
		"{s:De Blasio} {c:says} {q:the explosion was intentional}.\n\nMayor Bill de Blasio spoke on Sunday.",
		"the explosion was intentional|says|De Blasio|Bill de Blasio"},
	/* a headline's verb is no part of the name before it */
	{NX_QR_SPEAKER_NAME,
		"Hillary Clinton Goes After Trump As The Debate Opens.\n\n{s:Clinton} {c:said} {q:the plan would fail}.",
		"the plan would fail|said|Clinton|Hillary Clinton"},
	/* a name inside the quotation is not what the story is about now */
	{NX_QR_SPEAKER_PRONOUN,
		"Bob Smith thanked Tina Houchins at a Gold Star event. The council met later. "
		"{q:“As a Gold Star mother, I will fight,”} {s:she} {c:said}.",
		"“As a Gold Star mother, I will fight,”|said|she|Tina Houchins"},
	/* a name that modifies a title is no subject; the titled name after it is */
	{NX_QR_SPEAKER_PRONOUN,
		"Hillary Clinton spoke in Ohio. Clinton communication director Jennifer Palmieri said the ad was unfair. "
		"{q:“It is a smear,”} {s:she} {c:said}.",
		"“It is a smear,”|said|she|Jennifer Palmieri"},
	/* an organisation's name runs through a title's word to its head (Energy) */
	{NX_QR_SPEAKER_NAME,
		"{s:The International Atomic Energy Agency} {c:said} {q:the test was a violation}.",
		"the test was a violation|said|The International Atomic Energy Agency|International Atomic Energy Agency"},
	/* the last words of an organisation's name are that organisation */
	{NX_QR_SPEAKER_NAME,
		"The United Nations Security Council met on Friday. {s:The Security Council} {c:said} "
		"{q:the test was a violation}.",
		"the test was a violation|said|The Security Council|United Nations Security Council"},
	/* an inverted attribution gives the name after the cue, without its role */
	{NX_QR_SPEAKER_NAME,
		"{q:“Most people sleep badly,”} {c:says} {s:psychologist John Doe}.",
		"“Most people sleep badly,”|says|psychologist John Doe|John Doe"},
	/* speech or belief: a verb of speech in the cue, a quotation, are speech */
	{NX_QR_BELIEF_CUE,
		"{s:Costa} {c:said she believes} {q:the port will close for good}.",
		"the port will close for good|said she believes|Costa|Costa"},
	{NX_QR_BELIEF_CUE,
		"{s:Costa} {c:wants} {q:“the port closed for good.”}",
		"“the port closed for good.”|wants|Costa|Costa"},
	{NX_QR_BELIEF_CUE,
		"{c:According to} {s:Costa}, {q:the port will close for good}.",
		"the port will close for good|According to|Costa|Costa"},
	{NX_QR_BELIEF_CUE,
		"{s:Costa} {c:hopes} {q:the port will close for good}.",
		"the port will close for good|hopes|Costa|Costa|belief"},
};

/*
 * quote_key: the same quoted words give the same key whatever their
 * marks, case, punctuation and spacing; other words another; a mixed
 * quotation's key is its quoted words'.
 */
static const struct
{
	const char *a;
	const char *b;
	int			same;
}			key_cases[] = {
	{"{s:Costa} {c:said}: {q:“We will NOT close the port.”}",
	 "{q:\"We will not close   the port!\"} {s:Ana Costa} {c:told} reporters.", 1},
	{"{s:Costa} {c:said}: {q:“We will not close the port.”}",
	 "{s:Costa} {c:said}: {q:“We will not close the ports.”}", 0},
	{"{s:Costa} {c:said} {q:the port was “a disgrace to the city”}.",
	 "{s:Reyes} {c:called} {q:it “a disgrace to the city.”}", 1},
	{"{s:Costa} {c:said} {q:the port was “a disgrace to the city”}.",
	 "{s:Costa} {c:said}: {q:“the port was a disgrace to the city.”}", 0},
	{"{s:Costa} {c:said}: {q:“It’s over.”}",
	 "{s:Costa} {c:said}: {q:“It's over.”}", 1},
};

void
test_quote_keys(void)
{
	RuleModel	rm;

	rule_model(&rm);
	CHECK(rm.ok);
	if (!rm.ok)
		return;
	for (size_t i = 0; i < sizeof(key_cases) / sizeof(key_cases[0]); i++)
	{
		char		rows[ROWS_MAX];
		uint64_t	ka = 0,
					kb = 0;
		int			ok;

		CHECK(run_rows_key(&rm, key_cases[i].a, NULL, rows, &ka) && rows[0]);
		CHECK(run_rows_key(&rm, key_cases[i].b, NULL, rows, &kb) && rows[0]);
		ok = (ka == kb) == key_cases[i].same && ka != 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  quote_key case %zu: %016llx %016llx\n", i,
					(unsigned long long) ka, (unsigned long long) kb);
	}
	nx_free(&nx_malloc_alloc, rm.lexsec);
	nx_free(&nx_malloc_alloc, rm.namesec);
}

void
test_quote_speakers(void)
{
	RuleModel	rm;

	rule_model(&rm);
	CHECK(rm.ok);
	if (!rm.ok)
		return;
	for (size_t i = 0; i < sizeof(speaker_cases) / sizeof(speaker_cases[0]); i++)
	{
		char		rows[ROWS_MAX];
		const RuleCase *rc = &speaker_cases[i];
		int			ok;

		CHECK(run_rows(&rm, rc->text, NULL, rows));
		ok = strcmp(rows, rc->rows) == 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  speaker (%s): rows\n    [%s]\n  expected\n    [%s]\n",
					nx_quote_rule_name(rc->rule), rows, rc->rows);
	}
	nx_free(&nx_malloc_alloc, rm.lexsec);
	nx_free(&nx_malloc_alloc, rm.namesec);
}
