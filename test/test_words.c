/*
 * test_words.c
 *	  Unit tests of the word classes (nx_words.h, nx_wordlist.h): the
 *	  classes of tokens, and that the shipped quotation model was trained
 *	  with the TRAINED rows as they stand (a word added to such a row
 *	  fails this test until the model is rebuilt: make models).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_attrib.h"
#include "nx_model.h"
#include "nx_text.h"
#include "nx_words.h"
#include "testlib.h"

void		test_words_classes(void);
void		test_words_model_lexicon(void);
void		test_words_keys(void);
void		test_words_hyphen_entries(void);

/* The classes of the tokens of text. */
static uint64_t *
classes_of(const char *text, NxDoc *d)
{
	uint64_t   *wc;

	if (nx_doc_parse(d, text, strlen(text), &nx_malloc_alloc) != NX_OK)
		return NULL;
	wc = malloc((d->ntok + 1) * sizeof(uint64_t));
	nx_words_rule_classes(d, wc, &nx_malloc_alloc);
	return wc;
}

void
test_words_classes(void)
{
	NxDoc		d;
	uint64_t   *wc = classes_of("SAID said Saidx according As « said» élan ZEBRA The", &d);

	CHECK(wc != NULL);
	if (!wc)
		return;
	/* a word in several RULE rows, in any case */
	CHECK(wc[0] & NX_WB(SPEECH_VERB));
	CHECK(wc[0] & NX_WB(INVERTING_VERB));
	CHECK(wc[0] & NX_WB(BARE_SPEECH_VERB));
	CHECK(wc[0] & NX_WB(PAST_VERB));
	CHECK(wc[1] == wc[0]);
	/* not a prefix, not a TRAINED row (those come from the model) */
	CHECK(wc[2] == 0);
	CHECK(!(wc[1] & NX_WB(CUE_VERB)));
	CHECK((wc[3] & NX_WB(PATTERN_OPENER)) && (wc[3] & NX_WB(NOT_SUBJECT)));
	CHECK(wc[4] & NX_WB(PATTERN_OPENER));
	/* punctuation, letters outside ASCII, a word of no row */
	CHECK(wc[5] == 0);
	CHECK(wc[8] == 0);
	CHECK(wc[9] == 0);
	CHECK(wc[10] & NX_WB(ARTICLE));
	CHECK(wc[d.ntok] == 0);
	free(wc);
	nx_doc_free(&d);

	/* the TRAINED rows come first: the tagger's classes */
	CHECK(NX_LX__COUNT == NX_W__TRAINED);
	CHECK(strcmp(nx_word_class_name(NX_W_CUE_VERB), "cue-verb") == 0);
	CHECK(nx_word_class_file(NX_W_FIRST_NAME) != NULL);
	CHECK(nx_word_class_file(NX_W_ARTICLE) == NULL);
}

void
test_words_model_lexicon(void)
{
	const char *path = getenv("NEWSX_QUOTES_MODEL") ? getenv("NEWSX_QUOTES_MODEL")
		: "data/quotes-en.model";
	size_t		len = 0,
				seclen = 0;
	void	   *buf = read_all(path, &len),
			   *sec = NULL;
	char	   *files[NX_W__COUNT] = {0};
	NxModel		m;
	NxLexicon	lex;
	char		err[256];
	int			same;

	CHECK(buf != NULL);
	if (!buf)
		return;
	CHECK(nx_model_open(buf, len, &m, err, sizeof(err)) == NX_OK);
	for (int c = 0; c < NX_W__COUNT; c++)
	{
		char		p[256];
		size_t		n = 0;

		if (!nx_word_class_file((NxWordClass) c))
			continue;
		snprintf(p, sizeof(p), "data/lexicon/%s", nx_word_class_file((NxWordClass) c));
		files[c] = read_all(p, &n);
		CHECK(files[c] != NULL);
		if (files[c])
			files[c][n] = '\0';
	}
	/* the same entries with the same classes as the model's, in both sections */
	same = 1;
	for (int kind = NX_WK_TRAINED; kind <= NX_WK_LEXICON; kind++)
	{
		const NxLexicon *ml = kind == NX_WK_TRAINED ? &m.lex : &m.names;

		CHECK(nx_words_lexicon((const char *const *) files, (NxWordKind) kind, &sec, &seclen,
							   &nx_malloc_alloc) == NX_OK);
		CHECK(nx_lexicon_parse(sec, seclen, &lex, err, sizeof(err)) == NX_OK);
		same = same && nx_lex_present(ml) && lex.log2 == ml->log2 && lex.maxlen == ml->maxlen &&
			lex.nclasses == ml->nclasses && !lex.packed == !ml->packed;
		for (uint32_t k = 0; same && k < lex.nclasses; k++)
			same = strcmp(lex.class_name[k], ml->class_name[k]) == 0;
		if (same && lex.packed)
			same = memcmp(lex.packed, ml->packed, ((size_t) 1 << lex.log2) * sizeof(uint64_t)) == 0;
		for (size_t i = 0; same && lex.slot && i < ((size_t) 1 << lex.log2); i++)
			same = lex.slot[i].key == ml->slot[i].key && lex.slot[i].classes == ml->slot[i].classes;
		nx_free(&nx_malloc_alloc, sec);
		sec = NULL;
	}
	CHECK(same);
	if (!same)
		fprintf(stderr, "  the TRAINED and LEXICON rows of nx_wordlist.h are not those %s was built with: "
				"rebuild it (make models)\n", path);
	for (int c = 0; c < NX_W__COUNT; c++)
		free(files[c]);
	nx_free(&nx_malloc_alloc, sec);
	free(buf);
}

/*
 * A token's lexicon key from the tagger's analysis is nx_words_key of its
 * text, or 0: on words that fold to longer (Ⱥ: 28 of them fold to 84
 * bytes, more than the analysis keeps), shorter
 * (the Kelvin sign), curly apostrophes, and long tokens.
 */
void
test_words_keys(void)
{
	static const char text[] =
		"O’Brien and O'Brien met KELVIN \xe2\x84\xaa and \xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba "
		"\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba"
		"\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba\xc8\xba and "
		"in Stra\xc3\x9f" "e \xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff\xfe\xff "
		"Supercalifragilisticexpialidocious-and-then-some-more-words-joined-up said.";
	NxDoc		d;
	NxAttribDoc *ad = NULL;
	NxLabelSet	labels;
	NxLexicon	lex;
	NxClusters	cl;
	char		err[100];
	static const char *const types[] = {"CONTENT", "CUE", "SRC"};
	int			agree = 1,
				made = 0;

	memset(&lex, 0, sizeof(lex));
	memset(&cl, 0, sizeof(cl));
	CHECK(nx_labels_make(&labels, 0, types, 3, err, sizeof(err)) == NX_OK);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	CHECK(nx_attrib_doc_init(&ad, &labels, &lex, &cl, NULL, &d, NULL, 0, &nx_malloc_alloc) == NX_OK);
	for (size_t i = 0; ad && i < d.ntok; i++)
	{
		uint64_t	k = nx_attrib_doc_key(ad, i);

		made += k != 0;
		agree &= k == 0 || k == nx_words_key(d.text + d.tok[i].b, d.tok[i].blen);
	}
	CHECK(agree);
	CHECK(made > 10);
	/* the RULE classes from the keys are those from the text */
	{
		static const char words[] = "He SAID the Mayor told reporters, according to officials; "
			"Mr. Costa believes it.";
		NxDoc		d2;
		uint64_t   *by_text,
				   *by_key,
				   *key;

		CHECK(nx_doc_parse(&d2, words, strlen(words), &nx_malloc_alloc) == NX_OK);
		by_text = malloc((d2.ntok + 1) * sizeof(uint64_t));
		by_key = malloc((d2.ntok + 1) * sizeof(uint64_t));
		key = malloc((d2.ntok + 1) * sizeof(uint64_t));
		for (size_t i = 0; i < d2.ntok; i++)
			key[i] = nx_words_key(d2.text + d2.tok[i].b, d2.tok[i].blen);
		nx_words_rule_classes(&d2, by_text, &nx_malloc_alloc);
		for (size_t i = 0; i < d2.ntok; i++)
			by_key[i] = nx_words_rule_classes_key(key[i]);
		by_key[d2.ntok] = 0;
		CHECK(memcmp(by_text, by_key, (d2.ntok + 1) * sizeof(uint64_t)) == 0);
		CHECK(by_key[1] & NX_WB(SPEECH_VERB));
		free(by_text);
		free(by_key);
		free(key);
		nx_doc_free(&d2);
	}
	/* one key whatever the apostrophe */
	CHECK(nx_words_key("O’Brien", strlen("O’Brien")) == nx_words_key("o'brien", 7));
	nx_attrib_doc_free(ad);
	nx_doc_free(&d);
}

/*
 * A name list's entry with a hyphen inside a word (African-American,
 * Wilkes-Barre) matches the tokens the tokenizer makes of it (African,
 * -, American), as the one without does; a spaced dash is no inner
 * hyphen, and a one-word entry is one token still.
 */
void
test_words_hyphen_entries(void)
{
	static char demonyms[] = "African-American\nItalian\n";
	static char cities[] = "Wilkes-Barre\nRome\n";
	static const char text[] = "An African-American from Wilkes-Barre met an Italian in Rome.";
	char	   *files[NX_W__COUNT] = {0};
	void	   *sec = NULL;
	size_t		seclen = 0;
	NxLexicon	lex;
	NxDoc		d;
	uint64_t   *key;
	char		err[200];

	files[NX_W_DEMONYM] = demonyms;
	files[NX_W_CITY] = cities;
	CHECK(nx_words_lexicon((const char *const *) files, NX_WK_LEXICON, &sec, &seclen,
						   &nx_malloc_alloc) == NX_OK);
	CHECK(nx_lexicon_parse(sec, seclen, &lex, err, sizeof(err)) == NX_OK);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	key = malloc((d.ntok + 1) * sizeof(uint64_t));
	CHECK(key != NULL);
	if (key)
	{
		for (size_t i = 0; i < d.ntok; i++)
			key[i] = nx_words_key(d.text + d.tok[i].b, d.tok[i].blen);
		/* An African - American from Wilkes - Barre met an Italian in Rome . */
		CHECK(d.ntok == 14);
		CHECK(nx_words_span_keys(&lex, key, 1, 4) == NX_LB(DEMONYM));
		CHECK(nx_words_span_keys(&lex, key, 5, 8) == NX_LB(CITY));
		CHECK(nx_words_span_keys(&lex, key, 10, 11) == NX_LB(DEMONYM));
		CHECK(nx_words_span_keys(&lex, key, 12, 13) == NX_LB(CITY));
		/* a prefix is no entry */
		CHECK(nx_words_span_keys(&lex, key, 1, 3) == 0);
		CHECK(nx_words_span_keys(&lex, key, 1, 2) == 0);
	}
	free(key);
	nx_doc_free(&d);
	nx_free(&nx_malloc_alloc, sec);
}
