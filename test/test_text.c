/*
 * test_text.c
 *	  Unit tests of the text core: tokens and their kinds, character
 *	  offsets, sentences and paragraphs of news text, ill-formed input.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_text.h"

void		test_text_tokens(void);
void		test_text_offsets(void);
void		test_text_sentences(void);
void		test_text_paragraphs(void);
void		test_text_bad_input(void);
void		test_text_same(void);

/* Tokens of s joined by '|' with kinds as k:text; into buf. */
static const char *
toks(const char *s, char *buf, size_t len)
{
	NxDoc		d;
	size_t		o = 0;

	buf[0] = '\0';
	if (nx_doc_parse(&d, s, strlen(s), &nx_malloc_alloc) != NX_OK)
		return "(error)";
	for (size_t i = 0; i < d.ntok && o + 64 < len; i++)
	{
		const NxToken *t = &d.tok[i];
		const char *k = nx_tok_kind_name(t->kind);

		o += (size_t) snprintf(buf + o, len - o, "%s%c:%.*s", i ? "|" : "",
							   k[0] == 'c' && k[1] == 'l' && k[2] == 'o' ? 'C' :
							   k[0] == 'c' ? 'c' : k[0],
							   (int) t->blen, s + t->b);
	}
	nx_doc_free(&d);
	return buf;
}

/* Sentences of s joined by " / ". */
static const char *
sents(const char *s, char *buf, size_t len)
{
	NxDoc		d;
	size_t		o = 0;

	buf[0] = '\0';
	if (nx_doc_parse(&d, s, strlen(s), &nx_malloc_alloc) != NX_OK)
		return "(error)";
	for (size_t i = 0; i < d.nsent && o + 8 < len; i++)
	{
		const NxToken *a = &d.tok[d.sent[i].tok];
		const NxToken *b = &d.tok[d.sent[i].tok + d.sent[i].ntok - 1];

		o += (size_t) snprintf(buf + o, len - o, "%s%.*s", i ? " / " : "",
							   (int) (b->b + b->blen - a->b), s + a->b);
	}
	nx_doc_free(&d);
	return buf;
}

#define TOKS(s) toks((s), buf, sizeof buf)
#define SENTS(s) sents((s), buf, sizeof buf)
#define EQ(a, b) (strcmp((a), (b)) == 0 || (fprintf(stderr, "  got:  %s\n  want: %s\n", (a), (b)), 0))

void
test_text_tokens(void)
{
	char		buf[2048];

	CHECK(EQ(TOKS("Russia’s invasion"), "w:Russia|c:’s|w:invasion"));
	CHECK(EQ(TOKS("don't can’t"), "w:do|c:n't|w:ca|c:n’t"));
	CHECK(EQ(TOKS("the ’90s and '80s"), "w:the|n:’90s|w:and|n:'80s"));
	CHECK(EQ(TOKS("O’Brien rock'n'roll"), "w:O’Brien|w:rock'n'roll"));
	CHECK(EQ(TOKS("the Joneses’ house"), "w:the|w:Joneses|a:’|w:house"));
	CHECK(EQ(TOKS("Ukraine-U.S. deal"), "w:Ukraine|p:-|w:U.S.|w:deal"));
	CHECK(EQ(TOKS("F-16 on 1996-08-30 at 13:30, $5.3 or 10,000"),
			 "w:F-16|w:on|n:1996-08-30|w:at|n:13:30|p:,|s:$|n:5.3|w:or|n:10,000"));
	CHECK(EQ(TOKS("Gov. Newsom, Julie A. Eadeh, 5 p.m. Sept. 11"),
			 "w:Gov.|w:Newsom|p:,|w:Julie|w:A.|w:Eadeh|p:,|n:5|w:p.m.|w:Sept.|n:11"));
	CHECK(EQ(TOKS("“Yes,” he said"), "o:“|w:Yes|p:,|C:”|w:he|w:said"));
	CHECK(EQ(TOKS("\"Yes,\" he said"), "o:\"|w:Yes|p:,|C:\"|w:he|w:said"));
	CHECK(EQ(TOKS("'Yes,' he said"), "o:'|w:Yes|p:,|C:'|w:he|w:said"));
	/* two apostrophes or backticks are a double quotation mark (''Yes,'' he said) */
	CHECK(EQ(TOKS("''Yes,'' he said"), "o:''|w:Yes|p:,|C:''|w:he|w:said"));
	CHECK(EQ(TOKS("``Yes,'' he said"), "o:``|w:Yes|p:,|C:''|w:he|w:said"));
	CHECK(EQ(TOKS("‘Hi’ «Oui» „Ja“ ‹non›"),
			 "o:‘|w:Hi|C:’|o:«|w:Oui|C:»|o:„|w:Ja|C:“|o:‹|w:non|C:›"));
	CHECK(EQ(TOKS("talks — an end -- now - here"),
			 "w:talks|d:—|w:an|w:end|d:--|w:now|d:-|w:here"));
	CHECK(EQ(TOKS("Wait... what…"), "w:Wait|p:...|w:what|p:…"));
	CHECK(EQ(TOKS("ok 👍🏽 👨‍👩‍👧 🇺🇦!"), "w:ok|e:👍🏽|e:👨‍👩‍👧|e:🇺🇦|p:!"));
	CHECK(EQ(TOKS("e-mail 50% café"), "w:e|p:-|w:mail|n:50|s:%|w:café"));

	/* nx_tok_ieq ignores the case of both sides, and only matches whole tokens */
	{
		NxDoc		d;
		const char *t = "Q: SAID said";

		CHECK(nx_doc_parse(&d, t, strlen(t), &nx_malloc_alloc) == NX_OK);
		CHECK(nx_tok_ieq(&d, 0, "Q") && nx_tok_ieq(&d, 0, "q"));
		CHECK(nx_tok_ieq(&d, 2, "said") && nx_tok_ieq(&d, 2, "Said") && nx_tok_ieq(&d, 3, "SAID"));
		CHECK(!nx_tok_ieq(&d, 2, "sai") && !nx_tok_ieq(&d, 2, "saids") && !nx_tok_ieq(&d, 4, "said"));
		nx_doc_free(&d);
	}
}

void
test_text_offsets(void)
{
	/* character offsets count code points, ill-formed bytes one each */
	const char *s = "é “ü” 😀x \xff\xfe end";
	NxDoc		d;

	CHECK(nx_doc_parse(&d, s, strlen(s), &nx_malloc_alloc) == NX_OK);
	CHECK(d.nchars == 15);
	CHECK(d.ntok == 9);
	if (d.ntok == 9)
	{
		CHECK(d.tok[0].c == 0 && d.tok[0].clen == 1);
		CHECK(d.tok[1].c == 2 && d.tok[1].kind == NX_TOK_OPEN_QUOTE);
		CHECK(d.tok[2].c == 3 && d.tok[2].b == 6);
		CHECK(d.tok[3].c == 4 && d.tok[3].kind == NX_TOK_CLOSE_QUOTE);
		CHECK(d.tok[4].c == 6 && d.tok[4].kind == NX_TOK_EMOJI);
		CHECK(d.tok[5].c == 7 && d.tok[5].clen == 1);
		CHECK(d.tok[6].c == 9 && d.tok[7].c == 10 && d.tok[7].kind == NX_TOK_OTHER);
		CHECK(d.tok[8].c == 12 && d.tok[8].clen == 3);
	}
	/* every token: byte span decodes to clen code points, in order */
	for (size_t i = 1; i < d.ntok; i++)
		CHECK(d.tok[i].c >= nx_tok_cend(&d.tok[i - 1]) &&
			  d.tok[i].b >= d.tok[i - 1].b + d.tok[i - 1].blen);
	nx_doc_free(&d);
}

void
test_text_sentences(void)
{
	char		buf[2048];

	CHECK(EQ(SENTS("He arrived in the U.S. on Monday. Gov. Smith met Julie A. Eadeh. Then he left."),
			 "He arrived in the U.S. on Monday. / Gov. Smith met Julie A. Eadeh. / Then he left."));
	/* a state delegate's title (Del.) ends no sentence either */
	CHECK(EQ(SENTS("“It is a waste,” said Del. Stacey Plaskett of the Virgin Islands. She left."),
			 "“It is a waste,” said Del. Stacey Plaskett of the Virgin Islands. / She left."));
	CHECK(EQ(SENTS("“We will win,” he said. “Why?” she asked. He left."),
			 "“We will win,” he said. / “Why?” she asked. / He left."));
	CHECK(EQ(SENTS("He said “it is over.” The talks ended."),
			 "He said “it is over.” / The talks ended."));
	CHECK(EQ(SENTS("It came from the U.S. The rest is history."),
			 "It came from the U.S. / The rest is history."));
	CHECK(EQ(SENTS("Apple Inc. said on Sept. 11 that No. 5 was fine."),
			 "Apple Inc. said on Sept. 11 that No. 5 was fine."));
	CHECK(EQ(SENTS("It inspires certain hopes… There is a mutual dedication."),
			 "It inspires certain hopes… / There is a mutual dedication."));
	CHECK(EQ(SENTS("Really?! Yes."), "Really?! / Yes."));
	CHECK(EQ(SENTS("He said no. The end."), "He said no. / The end."));
	/* abbreviations in any case; six letters at most (Messrs.) */
	CHECK(EQ(SENTS("He met MR. Smith, gov. Brown and MESSRS. Lee of ACME INC. in Fla. Then he left."),
			 "He met MR. Smith, gov. Brown and MESSRS. Lee of ACME INC. in Fla. / Then he left."));
	CHECK(EQ(SENTS("He met Mister. Smith was there."), "He met Mister. / Smith was there."));
}

void
test_text_paragraphs(void)
{
	char		buf[2048];
	const char *seed = " date 2025-02-27 The Russian delegation arrived.\n\nUpdate 1330 GMT: Putin says talks “raise hopes”\n\nNext.";
	const char *conll = "SOCCER - JAPAN GET LUCKY WIN\nLONDON 1996-08-30\nJapan won on Friday .\n";
	NxDoc		d;

	CHECK(EQ(SENTS(seed), "date 2025-02-27 / The Russian delegation arrived. / "
			 "Update 1330 GMT: Putin says talks “raise hopes” / Next."));
	CHECK(nx_doc_parse(&d, seed, strlen(seed), &nx_malloc_alloc) == NX_OK);
	CHECK(d.nsent == 4 && d.npara == 4);
	if (d.nsent == 4)
	{
		CHECK(d.sent[0].flags & NX_SF_HEADER);
		CHECK(d.sent[1].paragraph == 1 && d.sent[2].paragraph == 2);
		CHECK(d.sent[2].flags & NX_SF_NO_FINAL);
	}
	nx_doc_free(&d);

	/* one sentence a line: every line its own paragraph */
	CHECK(EQ(SENTS(conll), "SOCCER - JAPAN GET LUCKY WIN / LONDON 1996-08-30 / Japan won on Friday ."));
	/* wrapped lines in a blank-line document join */
	CHECK(nx_doc_parse(&d, "The talks\ncontinued today.\n\nA new one.", 39, &nx_malloc_alloc) == NX_OK);
	CHECK(d.nsent == 2 && d.npara == 2);
	nx_doc_free(&d);
	/* `key: value` header lines */
	CHECK(EQ(SENTS("Title: Talks go on\nAuthor: Jane Roe\nThe talks went on."),
			 "Title: Talks go on / Author: Jane Roe / The talks went on."));
}

void
test_text_bad_input(void)
{
	NxDoc		d;
	size_t		n = 1 << 20;
	char	   *big = malloc(n);

	CHECK(nx_doc_parse(&d, "", 0, &nx_malloc_alloc) == NX_OK && d.ntok == 0 && d.nsent == 0);
	nx_doc_free(&d);
	CHECK(nx_doc_parse(&d, " \n\t\r\n ", 6, &nx_malloc_alloc) == NX_OK && d.ntok == 0);
	nx_doc_free(&d);
	CHECK(nx_doc_parse(&d, "x", NX_MAX_INPUT + 1, &nx_malloc_alloc) == NX_ETOOBIG);

	/* a megabyte of quotation marks, of one word, of lone continuation bytes */
	memset(big, '"', n);
	CHECK(nx_doc_parse(&d, big, n, &nx_malloc_alloc) == NX_OK && d.ntok == n);
	nx_doc_free(&d);
	memset(big, 'a', n);
	CHECK(nx_doc_parse(&d, big, n, &nx_malloc_alloc) == NX_OK && d.ntok == 1 &&
		  d.tok[0].clen == n);
	nx_doc_free(&d);
	memset(big, 0x80, n);
	CHECK(nx_doc_parse(&d, big, n, &nx_malloc_alloc) == NX_OK && d.nchars == n);
	nx_doc_free(&d);
	/* sentences stay bounded without punctuation */
	for (size_t i = 0; i < n; i += 2)
	{
		big[i] = 'a';
		big[i + 1] = ' ';
	}
	CHECK(nx_doc_parse(&d, big, n, &nx_malloc_alloc) == NX_OK && d.ntok == n / 2);
	for (size_t s = 0; s < d.nsent; s++)
		if (d.sent[s].ntok > 1024)
		{
			CHECK(0);
			break;
		}
	nx_doc_free(&d);
	free(big);
}

/*
 * nx_same_text: a token's first earlier token of the same bytes, kind
 * and flags (but the white space before it), else itself; without a
 * table (NULL), always itself.
 */
void
test_text_same(void)
{
	const char *s = "Putin said. PUTIN said \"Putin\" putin, said Putin.";
	NxDoc		d;
	NxSameText	st;
	size_t		first_putin = 0,
				first_said = 1,
				got[16];
	int			ok = 1;

	CHECK(nx_doc_parse(&d, s, strlen(s), &nx_malloc_alloc) == NX_OK);
	nx_same_text_init(&st, &d, &nx_malloc_alloc);
	CHECK(st.first != NULL);
	for (size_t i = 0; i < d.ntok && i < 16; i++)
		got[i] = nx_same_text(&st, &d, i);
	for (size_t i = 0; i < d.ntok && i < 16; i++)
	{
		const NxToken *t = &d.tok[i];
		size_t		want = i;

		/* the first token of equal bytes, kind and flags before i */
		for (size_t k = 0; k < i; k++)
			if (d.tok[k].blen == t->blen && d.tok[k].kind == t->kind &&
				((d.tok[k].flags ^ t->flags) & ~NX_TF_AROUND) == 0 &&
				memcmp(s + d.tok[k].b, s + t->b, t->blen) == 0)
			{
				want = k;
				break;
			}
		ok = ok && got[i] == want;
	}
	CHECK(ok);
	/* Putin and said repeat; PUTIN and putin are other texts */
	CHECK(got[0] == first_putin && got[1] == first_said);
	CHECK(got[d.ntok - 2] == first_putin);
	nx_same_text_free(&st, &nx_malloc_alloc);
	CHECK(st.first == NULL);
	st.first = NULL;
	CHECK(nx_same_text(&st, &d, 3) == 3);
	nx_doc_free(&d);
}
