/*
 * test_entities.c
 *	  Unit tests of the entity post-processing (nx_entities.h): titles,
 *	  possessives, brackets and hyphens, seats of government, canonical
 *	  forms (longest, nearest, acronyms), keys (NFKC case folding), header
 *	  lines, character offsets; a regression test of the shipped model
 *	  (data/ner-en.model, or $NEWSX_MODEL) on a sample article, and the
 *	  cache of token analyses with it.
 *
 * Mentions are given by hand to nx_entities_from_mentions over text cut by
 * nx_text, with a model that has labels and a small lexicon but no
 * weights.  Written for the harness in unit.h (CHECK(cond)); built alone
 * with -DNX_TEST_MAIN it runs every test and prints "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nx_entities.h"
#include "nx_fold.h"
#include "nx_model.h"
#include "nx_ner.h"
#include "nx_ner_int.h"
#include "nx_text.h"
#include "testlib.h"

#ifndef CHECK
static int	nx_test_pass,
			nx_test_fail;

#define CHECK(cond) do { if (cond) nx_test_pass++; else { nx_test_fail++; \
	fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#endif

void		test_entities_types(void);
void		test_entities_titles(void);
void		test_entities_title_alone(void);
void		test_entities_cuts(void);
void		test_entities_party_tags(void);
void		test_entities_org_heads(void);
void		test_entities_name_joins(void);
void		test_entities_lexicon_events(void);
void		test_entities_org_mentions(void);
void		test_entities_canonical(void);
void		test_entities_keys(void);
void		test_entities_header(void);
void		test_entities_model(void);
void		test_entities_runs(void);

enum
{
	LOC = 0, MISC, ORG, PER			/* type indexes of nx_labels_make below */
};

static const char *const TYPES[] = {"LOC", "MISC", "ORG", "PER"};

/* A model with labels and a lexicon (classes loc-country, title, misc-event, org). */
typedef struct TModel
{
	NxModel		m;
	void	   *lexsec;
} TModel;

/* Add the slots of one space-separated lexicon entry. */
static size_t
lex_entry(NxLexSlot *s, const char *entry, uint32_t cls)
{
	uint64_t	h = NX_FNV_OFFSET;
	size_t		n = 0;
	const char *p = entry;

	while (*p)
	{
		const char *e = strchr(p, ' ');
		size_t		len = e ? (size_t) (e - p) : strlen(p);
		char		buf[64];
		size_t		fl = nx_fold(p, len, buf, sizeof(buf));

		h = nx_key_add(h, nx_fnv1a64(buf, fl));
		p += len;
		while (*p == ' ')
			p++;
		s[n].key = nx_key_final(h);
		s[n].classes = *p ? 0 : UINT32_C(1) << cls;
		s[n].flags = *p ? NX_LEX_PREFIX : NX_LEX_ENTRY;
		n++;
	}
	return n;
}

static void
tmodel_make(TModel *t)
{
	static const char *const classes[] = {"loc-country", "title", "misc-event", "org"};
	static const char *const countries[] = {"Ukraine", "U.S.", "Russia", "United States"};
	static const char *const titles[] = {"President", "Secretary", "press secretary"};
	static const char *const events[] = {"9/11", "Fifth Amendment", "Tour de France"};
	static const char *const orgs[] = {"GOP", "G.O.P.", "NATO", "Acme", "The Washington Post"};
	NxLexSlot	s[40];
	size_t		n = 0,
				len;
	char		err[128];

	memset(t, 0, sizeof(*t));
	CHECK(nx_labels_make(&t->m.labels, 1, TYPES, 4, err, sizeof(err)) == NX_OK);
	strcpy(t->m.task, "ner");
	for (size_t i = 0; i < sizeof(countries) / sizeof(countries[0]); i++)
		n += lex_entry(s + n, countries[i], 0);
	for (size_t i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		n += lex_entry(s + n, titles[i], 1);
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		n += lex_entry(s + n, events[i], 2);
	for (size_t i = 0; i < sizeof(orgs) / sizeof(orgs[0]); i++)
		n += lex_entry(s + n, orgs[i], 3);
	CHECK(nx_lexicon_build(s, n, 4, classes, 4, &t->lexsec, &len, &nx_malloc_alloc) == NX_OK);
	CHECK(nx_lexicon_parse(t->lexsec, len, &t->m.lex, err, sizeof(err)) == NX_OK);
}

static void
tmodel_free(TModel *t)
{
	nx_free(&nx_malloc_alloc, t->lexsec);
}

/* Token index of the first token starting at byte offset of needle in text. */
static uint32_t
tok_at(const NxDoc *d, const char *needle)
{
	const char *p = strstr(d->text, needle);

	for (uint32_t i = 0; p && i < d->ntok; i++)
		if (d->text + d->tok[i].b == p)
			return i;
	return UINT32_MAX;
}

/* A mention of n tokens from the token at needle. */
static NxEntity
ment(const NxDoc *d, const char *needle, uint32_t n, uint32_t type)
{
	NxEntity	e = {0};

	e.tok = tok_at(d, needle);
	e.ntok = n;
	e.type = type;
	e.conf = 0.9f;
	return e;
}

/* Text of an entity. */
static int
ent_is(const NxDoc *d, const NxEnt *e, const char *text, const char *type)
{
	return e->blen == strlen(text) && memcmp(d->text + e->b, text, e->blen) == 0 &&
		strcmp(e->type, type) == 0;
}

void
test_entities_types(void)
{
	TModel		t;

	tmodel_make(&t);
	CHECK(strcmp(nx_entity_type_name(&t.m, PER), "PERSON") == 0);
	CHECK(strcmp(nx_entity_type_name(&t.m, ORG), "ORG") == 0);
	CHECK(strcmp(nx_entity_type_name(&t.m, LOC), "LOC") == 0);
	CHECK(strcmp(nx_entity_type_name(&t.m, MISC), "MISC") == 0);
	CHECK(strcmp(nx_entity_type_name(&t.m, 99), "") == 0);
	tmodel_free(&t);
}

void
test_entities_titles(void)
{
	static const char text[] =
		"President Vladimir Putin met aides. Putin\xE2\x80\x99s spokesman spoke, "
		"and press secretary Karoline Leavitt did too. President said so. "
		"Lord\xE2\x80\x99s was full.";
	TModel		t;
	NxDoc		d;
	NxEntity	in[5];
	NxEnt	   *e;
	size_t		n;

	tmodel_make(&t);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	in[0] = ment(&d, "President Vladimir", 3, PER);
	in[1] = ment(&d, "Putin\xE2\x80\x99s", 2, PER);	/* Putin ’s */
	in[2] = ment(&d, "press secretary", 4, PER);
	in[3] = ment(&d, "President said", 1, PER);	/* only a title: kept */
	in[4] = ment(&d, "Lord", 2, LOC);	/* a place keeps its clitic */
	CHECK(nx_entities_from_mentions(&t.m, &d, in, 5, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 5);
	if (n == 5)
	{
		CHECK(ent_is(&d, &e[0], "Vladimir Putin", "PERSON"));
		CHECK(e[0].c == 10 && e[0].clen == 14 && e[0].ntok == 2 && e[0].sentence == 0);
		CHECK(ent_is(&d, &e[1], "Putin", "PERSON"));
		CHECK(e[1].sentence == 1);
		CHECK(strcmp(e[1].canonical, "Vladimir Putin") == 0);
		CHECK(strcmp(e[1].key, "person:vladimir putin") == 0);
		CHECK(ent_is(&d, &e[2], "Karoline Leavitt", "PERSON"));
		CHECK(ent_is(&d, &e[3], "President", "PERSON"));
		CHECK(ent_is(&d, &e[4], "Lord\xE2\x80\x99s", "LOC"));
		CHECK(e[4].clen == 6);	/* characters, not bytes */
		CHECK(e[0].conf > 0.89f && e[0].conf < 0.91f);
	}
	nx_free(&nx_malloc_alloc, e);
	nx_doc_free(&d);
	tmodel_free(&t);
}

/* A mention that is only a title goes when a person's name follows it. */
void
test_entities_title_alone(void)
{
	static const char text[] =
		"Secretary John Kerry spoke. Secretary Kerry agreed with President. "
		"Secretary Ukraine met.";
	TModel		t;
	NxDoc		d;
	NxEntity	in[7];
	NxEnt	   *e;
	size_t		n;

	tmodel_make(&t);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	in[0] = ment(&d, "Secretary John", 1, MISC);	/* a title before a person: goes */
	in[1] = ment(&d, "John Kerry", 2, PER);
	in[2] = ment(&d, "Secretary Kerry", 1, ORG);	/* the same, one word after */
	in[3] = ment(&d, "Kerry agreed", 1, PER);
	in[4] = ment(&d, "President.", 1, MISC);	/* no person after: kept */
	in[5] = ment(&d, "Secretary Ukraine", 1, MISC);	/* a place after: kept */
	in[6] = ment(&d, "Ukraine", 1, LOC);
	CHECK(nx_entities_from_mentions(&t.m, &d, in, 7, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 5);
	if (n == 5)
	{
		CHECK(ent_is(&d, &e[0], "John Kerry", "PERSON"));
		CHECK(ent_is(&d, &e[1], "Kerry", "PERSON"));
		CHECK(ent_is(&d, &e[2], "President", "MISC"));
		CHECK(ent_is(&d, &e[3], "Secretary", "MISC"));
		CHECK(ent_is(&d, &e[4], "Ukraine", "LOC"));
	}
	nx_free(&nx_malloc_alloc, e);
	nx_doc_free(&d);
	tmodel_free(&t);
}

void
test_entities_honorific(void)
{
	static const char text[] =
		"Mr. Obama spoke. Obama Power Plant Rules were read. Mrs Clinton too. "
		"Ms. Rice. Oxford met.";
	TModel		t;
	NxDoc		d;
	NxEntity	in[5];
	NxEnt	   *e;
	size_t		n;

	tmodel_make(&t);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	in[0] = ment(&d, "Obama spoke", 1, ORG);	/* after Mr.: a person */
	in[1] = ment(&d, "Obama Power", 4, ORG);	/* no honorific: kept */
	in[2] = ment(&d, "Clinton", 1, LOC);	/* after Mrs */
	in[3] = ment(&d, "Ms. Rice", 3, ORG);	/* begins with one: a person, Ms. trimmed */
	in[4] = ment(&d, "Oxford", 1, ORG);	/* after a full stop, not Mr.: kept */
	CHECK(nx_entities_from_mentions(&t.m, &d, in, 5, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 5);
	if (n == 5)
	{
		CHECK(ent_is(&d, &e[0], "Obama", "PERSON"));
		CHECK(strcmp(e[1].type, "ORG") == 0);
		CHECK(ent_is(&d, &e[2], "Clinton", "PERSON"));
		CHECK(strcmp(e[3].type, "PERSON") == 0);
		CHECK(ent_is(&d, &e[4], "Oxford", "ORG"));
	}
	nx_free(&nx_malloc_alloc, e);
	nx_doc_free(&d);
	tmodel_free(&t);
}

/* A tagged mention for check_entities: its first words, tokens and type. */
typedef struct MentSpec
{
	const char *at;
	uint32_t	ntok;
	uint32_t	type;
} MentSpec;

/*
 * The entities post-processing of text makes of the mentions spec
 * exactly want (text and type), in order.
 */
static void
check_entities(const char *text, const MentSpec *spec, size_t nspec,
			   const char *const want[][2], size_t nwant)
{
	TModel		t;
	NxDoc		d;
	NxEntity	in[16];
	NxEnt	   *e = NULL;
	size_t		n = 0;

	CHECK(nspec <= sizeof(in) / sizeof(in[0]));
	tmodel_make(&t);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	for (size_t i = 0; i < nspec && i < sizeof(in) / sizeof(in[0]); i++)
		in[i] = ment(&d, spec[i].at, spec[i].ntok, spec[i].type);
	CHECK(nx_entities_from_mentions(&t.m, &d, in, nspec, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == nwant);
	for (size_t i = 0; i < n && i < nwant; i++)
		CHECK(ent_is(&d, &e[i], want[i][0], want[i][1]));
	nx_free(&nx_malloc_alloc, e);
	nx_doc_free(&d);
	tmodel_free(&t);
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * A party tag, in parentheses or after a comma, gives its letter as MISC
 * and its state as LOC, in place of a mention the tagger made over it;
 * not with a space inside, nor a state in lower case, nor a lone letter,
 * nor after a comma a word no state (R-Day); and the New York Times'
 * "Democrat of Delaware" the same way.
 */
void
test_entities_party_tags(void)
{
	static const char text[] =
		"Rep. Trey Gowdy (R-S.C.) said. Lynch (D-Mass.) said. Price (D-Newport News) left. "
		"Smith (R) and Jones (R - Ohio) and Lee (R-ohio) stayed. "
		"Mitch McConnell, R-Ky., said so; Paul Ryan, R-Wis., did not. "
		"Troops landed on D-Day, R-Day, in Normandy. Chris Coons, Democrat of Delaware, agreed.";
	static const MentSpec in[] = {
		{"Trey Gowdy", 2, PER},
		{"S.C.", 1, ORG},		/* over the tag: gives way */
		{"Lynch", 1, PER},
		{"Smith", 1, PER},
		{"Democrat of", 3, ORG},	/* the New York Times' tag */
	};
	static const char *const want[][2] = {
		{"Trey Gowdy", "PERSON"}, {"R", "MISC"}, {"S.C.", "LOC"}, {"Lynch", "PERSON"},
		{"D", "MISC"}, {"Mass.", "LOC"}, {"D", "MISC"}, {"Newport News", "LOC"},
		{"Smith", "PERSON"}, {"R", "MISC"}, {"Ky.", "LOC"}, {"R", "MISC"}, {"Wis.", "LOC"},
		{"Democrat", "MISC"}, {"Delaware", "LOC"},
	};

	check_entities(text, in, NELEM(in), want, NELEM(want));
}

/*
 * An organisation's mention the tagger cut after its head word and "for"
 * reaches back to it, taking in the mentions it covers; not over "and"
 * right after the head (the University and Harvard), nor across a comma.
 */
void
test_entities_org_heads(void)
{
	static const char text[] =
		"He spoke at the Center for Strategic and International Studies and the "
		"Committee for a Responsible Federal Budget. The University and Harvard met. "
		"The Center, for Transatlantic Relations, spoke.";
	static const MentSpec in[] = {
		{"Center for Strategic", 3, LOC}, {"International Studies", 2, ORG},
		{"Committee", 1, ORG}, {"Responsible", 3, ORG}, {"University", 1, ORG},
		{"Harvard", 1, ORG}, {"Center,", 1, ORG}, {"Transatlantic", 2, ORG},
	};
	static const char *const want[][2] = {
		{"Center for Strategic and International Studies", "ORG"},
		{"Committee for a Responsible Federal Budget", "ORG"},
		{"University", "ORG"}, {"Harvard", "ORG"}, {"Center", "ORG"}, {"Transatlantic Relations", "ORG"},
	};

	check_entities(text, in, NELEM(in), want, NELEM(want));
}

/*
 * Two mentions with only a name's particles between are one person's;
 * a person's name takes a comma and a suffix after it, and what the
 * tagger made of the suffix goes.  Not a suffix in lower case, nor
 * particles across a sentence.
 */
void
test_entities_name_joins(void)
{
	static const char text[] =
		"Joseph R. Biden, Jr. spoke. Osama bin Laden left. Ludwig van der Rohe came. "
		"Ana Costa, jr. left. Ana de. Costa stayed. Rosa Lind\n\nvan Dijk came. "
		"Rui Sousa\n\n, Jr. read.";
	static const MentSpec in[] = {
		{"Joseph", 3, PER}, {"Jr.", 1, LOC}, {"Osama", 1, MISC}, {"Laden", 1, ORG},
		{"Ludwig", 1, PER}, {"Rohe", 1, PER}, {"Ana Costa", 2, PER}, {"Ana de", 1, PER},
		{"Costa stayed", 1, PER},
		{"Rosa", 2, PER}, {"Dijk", 1, PER},	/* the particle opens the next sentence */
		{"Rui", 2, PER},		/* so does the comma */
	};
	static const char *const want[][2] = {
		{"Joseph R. Biden, Jr.", "PERSON"}, {"Osama bin Laden", "PERSON"},
		{"Ludwig van der Rohe", "PERSON"}, {"Ana Costa", "PERSON"}, {"Ana", "PERSON"},
		{"Costa", "PERSON"}, {"Rosa Lind", "PERSON"}, {"Dijk", "PERSON"},
		{"Rui Sousa", "PERSON"},
	};

	check_entities(text, in, NELEM(in), want, NELEM(want));
}

/*
 * A named event or law of the lexicon the tagger left out is a MISC
 * mention (9/11, Fifth Amendment); not one a mention covers in part,
 * nor the entry's words out of case or across sentences.
 */
void
test_entities_lexicon_events(void)
{
	static const char text[] =
		"Families of 9/11 victims sued. He took the Fifth Amendment on 9/11/2016. "
		"The Tour de France ended. Riders of the tour de france rested. The Fifth. Amendment.";
	static const MentSpec in[] = {
		{"Tour de", 2, ORG},	/* a mention over part of an entry: it stays */
	};
	static const char *const want[][2] = {
		{"9/11", "MISC"}, {"Fifth Amendment", "MISC"}, {"Tour de", "ORG"},
	};

	check_entities(text, in, NELEM(in), want, NELEM(want));
}

/*
 * The organisations' mentions: one word in capitals that is an
 * organisation of the lexicon is ORG, whatever the tagger typed it (GOP,
 * G.O.P., NATO); not the same word out of capitals (Gop), an
 * organisation of the lexicon that is no acronym (Acme), nor a mention of
 * which the acronym is only a part (NATO Summit).  An organisation's
 * mention opening with The loses it unless the lexicon's organisations
 * have the whole (The Washington Post); not a place's (The Hague), nor a
 * the in lower case; a mark after the The goes with it (The "Times").
 */
void
test_entities_org_mentions(void)
{
	static const char text[] =
		"The GOP nominee met G.O.P. donors. NATO spoke. Gop and Acme did not. "
		"The NATO Summit ended. The Washington Post and The New York Post wrote. "
		"The Post agreed. The Hague ruled. Readers of the Sun Times left. "
		"The \"Times\" wrote.";
	static const MentSpec in[] = {
		{"GOP", 1, MISC}, {"G.O.P.", 1, LOC}, {"NATO spoke", 1, PER},
		{"Gop", 1, MISC}, {"Acme", 1, PER}, {"NATO Summit", 2, MISC},
		{"The Washington", 3, ORG}, {"The New York", 4, ORG}, {"The Post agreed", 2, ORG},
		{"The Hague", 2, LOC}, {"the Sun", 3, ORG}, {"The \"Times", 4, ORG},
	};
	static const char *const want[][2] = {
		{"GOP", "ORG"}, {"G.O.P.", "ORG"}, {"NATO", "ORG"},
		{"Gop", "MISC"}, {"Acme", "PERSON"}, {"NATO Summit", "MISC"},
		{"The Washington Post", "ORG"}, {"New York Post", "ORG"}, {"Post", "ORG"},
		{"The Hague", "LOC"}, {"the Sun Times", "ORG"}, {"Times", "ORG"},
	};

	check_entities(text, in, NELEM(in), want, NELEM(want));
}

void
test_entities_cuts(void)
{
	static const char text[] =
		"Secretary [Marco] Rubio spoke of the Ukraine-U.S. angle. "
		"The Kremlin said \xE2\x80\x9CRussia\xE2\x80\x9D twice. "
		"Mladost (BJ) won. Austro-Hungarian troops left.";
	TModel		t;
	NxDoc		d;
	NxEntity	in[5];
	NxEnt	   *e;
	size_t		n;

	tmodel_make(&t);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	in[0] = ment(&d, "Secretary [", 5, PER);	/* Secretary [ Marco ] Rubio */
	in[1] = ment(&d, "Ukraine-", 3, MISC);	/* Ukraine - U.S. */
	in[2] = ment(&d, "Kremlin", 1, LOC);
	in[3] = ment(&d, "\xE2\x80\x9CRussia", 3, LOC);	/* “ Russia ” */
	in[4] = ment(&d, "Mladost", 4, ORG);	/* Mladost ( BJ ) */
	CHECK(nx_entities_from_mentions(&t.m, &d, in, 5, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 7);
	for (size_t i = 0; i < n && getenv("NX_TEST_VERBOSE"); i++)
		fprintf(stderr, "  %.*s %s\n", (int) e[i].blen, d.text + e[i].b, e[i].type);
	if (n == 7)
	{
		CHECK(ent_is(&d, &e[0], "Marco", "PERSON"));
		CHECK(ent_is(&d, &e[1], "Rubio", "PERSON"));
		CHECK(ent_is(&d, &e[2], "Ukraine", "LOC"));
		CHECK(ent_is(&d, &e[3], "U.S.", "LOC"));
		CHECK(ent_is(&d, &e[4], "Kremlin", "ORG"));
		CHECK(strcmp(e[4].key, "org:kremlin") == 0);
		CHECK(ent_is(&d, &e[5], "Russia", "LOC"));
		CHECK(ent_is(&d, &e[6], "Mladost (BJ)", "ORG"));
	}
	nx_free(&nx_malloc_alloc, e);
	/* a hyphen between words that are not both places is kept */
	in[0] = ment(&d, "Austro-", 3, MISC);
	CHECK(nx_entities_from_mentions(&t.m, &d, in, 1, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 1 && ent_is(&d, &e[0], "Austro-Hungarian", "MISC"));
	nx_free(&nx_malloc_alloc, e);
	/* punctuation alone is no entity */
	in[0] = ment(&d, "[", 1, PER);
	CHECK(nx_entities_from_mentions(&t.m, &d, in, 1, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 0 && e == NULL);
	nx_doc_free(&d);
	tmodel_free(&t);
}

void
test_entities_canonical(void)
{
	static const char text[] =
		"SMITH WINS. John Smith met Jane Smith in the United States. "
		"Smith said the US team and the Federal Bureau of Investigation (FBI) agreed. "
		"Fox News and Fox spoke. John Smith left; Smith stayed. Vladimir was there.";
	TModel		t;
	NxDoc		d;
	NxEntity	in[13];
	NxEnt	   *e;
	size_t		n,
				k = 0;

	tmodel_make(&t);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	in[k++] = ment(&d, "SMITH", 1, PER);
	in[k++] = ment(&d, "John Smith met", 2, PER);
	in[k++] = ment(&d, "Jane", 2, PER);
	in[k++] = ment(&d, "United", 2, LOC);
	in[k++] = ment(&d, "Smith said", 1, PER);
	in[k++] = ment(&d, "US", 1, MISC);
	in[k++] = ment(&d, "Federal", 4, ORG);
	in[k++] = ment(&d, "FBI", 1, ORG);
	in[k++] = ment(&d, "Fox News", 2, ORG);
	in[k++] = ment(&d, "Fox spoke", 1, ORG);
	in[k++] = ment(&d, "John Smith left", 2, PER);
	in[k++] = ment(&d, "Smith stayed", 1, PER);
	in[k++] = ment(&d, "Vladimir", 1, PER);
	CHECK(nx_entities_from_mentions(&t.m, &d, in, k, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == k);
	if (n == k)
	{
		/* before any full form: the first one after it */
		CHECK(strcmp(e[0].canonical, "John Smith") == 0);
		CHECK(strcmp(e[0].key, "person:john smith") == 0);
		/* the nearest full form before it */
		CHECK(strcmp(e[4].canonical, "Jane Smith") == 0);
		CHECK(strcmp(e[11].canonical, "John Smith") == 0);
		/* an acronym: the full name and its type */
		CHECK(ent_is(&d, &e[5], "US", "LOC"));
		CHECK(strcmp(e[5].canonical, "United States") == 0);
		CHECK(strcmp(e[5].key, "loc:united states") == 0);
		CHECK(strcmp(e[7].canonical, "Federal Bureau of Investigation") == 0);
		/* an organisation it begins */
		CHECK(strcmp(e[9].canonical, "Fox News") == 0);
		/* itself when nothing longer */
		CHECK(strcmp(e[3].canonical, "United States") == 0);
		CHECK(strcmp(e[12].canonical, "Vladimir") == 0);
		/* same group, same string */
		CHECK(e[1].canonical == e[10].canonical);
	}
	nx_free(&nx_malloc_alloc, e);
	nx_doc_free(&d);
	tmodel_free(&t);
}

void
test_entities_keys(void)
{
	static const char text[] =
		"M\xC3\xBCnster met MÜNSTER. O\xE2\x80\x99Neill and "
		"\xEF\xBC\xB4\xEF\xBD\x8F\xEF\xBD\x8B\xEF\xBD\x99\xEF\xBD\x8F came to Stra\xC3\x9F" "e AG "
		"in\nNew   York.";
	TModel		t;
	NxDoc		d;
	NxEntity	in[6];
	NxEnt	   *e;
	size_t		n;

	tmodel_make(&t);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	in[0] = ment(&d, "M\xC3\xBCnster met", 1, LOC);
	in[1] = ment(&d, "MÜNSTER", 1, LOC);
	in[2] = ment(&d, "O\xE2\x80\x99Neill", 1, PER);
	in[3] = ment(&d, "\xEF\xBC\xB4", 1, LOC);	/* fullwidth Tokyo */
	in[4] = ment(&d, "Stra", 2, ORG);
	in[5] = ment(&d, "New", 2, LOC);
	CHECK(nx_entities_from_mentions(&t.m, &d, in, 6, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 6);
	if (n == 6)
	{
		CHECK(strcmp(e[0].key, "loc:m\xC3\xBCnster") == 0);
		/* the capitals take the mixed-case form as canonical */
		CHECK(strcmp(e[1].canonical, "M\xC3\xBCnster") == 0);
		CHECK(strcmp(e[2].key, "person:o'neill") == 0);
		CHECK(strcmp(e[2].canonical, "O\xE2\x80\x99Neill") == 0);
		CHECK(strcmp(e[3].key, "loc:tokyo") == 0);
		CHECK(strcmp(e[4].key, "org:strasse ag") == 0);
		/* white space runs as one space in canonical forms and keys */
		CHECK(strcmp(e[5].canonical, "New York") == 0);
		CHECK(strcmp(e[5].key, "loc:new york") == 0);
		CHECK(e[5].clen == 10);
	}
	nx_free(&nx_malloc_alloc, e);
	nx_doc_free(&d);
	tmodel_free(&t);
}

void
test_entities_header(void)
{
	static const char text[] = "date 2025-02-27\nRussia spoke.";
	TModel		t;
	NxDoc		d;
	NxEntity	in[2];
	NxEnt	   *e;
	size_t		n;

	tmodel_make(&t);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	CHECK(d.nsent >= 2 && (d.sent[0].flags & NX_SF_HEADER));
	in[0] = ment(&d, "date", 1, MISC);	/* in the header line: dropped */
	in[1] = ment(&d, "Russia", 1, LOC);
	CHECK(nx_entities_from_mentions(&t.m, &d, in, 2, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 1 && ent_is(&d, &e[0], "Russia", "LOC") && e[0].c == 16);
	nx_free(&nx_malloc_alloc, e);
	/* no mentions, no entities */
	CHECK(nx_entities_from_mentions(&t.m, &d, in, 0, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 0 && e == NULL);
	nx_doc_free(&d);
	tmodel_free(&t);
}

void
test_entities_model(void)
{
	/* a regression test: the shipped model on a short article */
	static const char text[] =
		"Russian President Vladimir Putin met U.S. envoy Steve Witkoff in Moscow on "
		"Thursday, the Kremlin said.\n\n"
		"Putin\xE2\x80\x99s spokesman Dmitry Peskov told Reuters that talks with the "
		"United States would continue in Istanbul.";
	static const struct
	{
		const char *text;
		const char *type;
		const char *key;
	}			want[] = {
		{"Russian", "MISC", "misc:russian"},
		{"Vladimir Putin", "PERSON", "person:vladimir putin"},
		{"U.S.", "LOC", "loc:united states"},
		{"Steve Witkoff", "PERSON", "person:steve witkoff"},
		{"Moscow", "LOC", "loc:moscow"},
		{"Kremlin", "ORG", "org:kremlin"},
		{"Putin", "PERSON", "person:vladimir putin"},
		{"Dmitry Peskov", "PERSON", "person:dmitry peskov"},
		{"Reuters", "ORG", "org:reuters"},
		{"United States", "LOC", "loc:united states"},
		{"Istanbul", "LOC", "loc:istanbul"},
	};
	const char *path = getenv("NEWSX_MODEL") ? getenv("NEWSX_MODEL") : "data/ner-en.model";
	size_t		n;
	NxModel		m;
	char		err[256];
	void	   *shared,
			   *buf = open_model_file(path, &m, &shared, err, sizeof(err));
	NxDoc		d;
	NxEnt	   *e;
	size_t		nwant = sizeof(want) / sizeof(want[0]);

	CHECK(buf != NULL);
	if (!buf)
	{
		fprintf(stderr, "test_entities_model: %s (run from the project root)\n", err);
		return;
	}
	CHECK(nx_ner_check_model(&m, err, sizeof(err)) == NX_OK);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	CHECK(nx_entities_extract(&m, &d, &e, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == nwant);
	for (size_t i = 0; i < n && i < nwant; i++)
	{
		int			ok = ent_is(&d, &e[i], want[i].text, want[i].type) &&
			strcmp(e[i].key, want[i].key) == 0;

		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  entity %zu: %.*s %s %s\n", i, (int) e[i].blen,
					d.text + e[i].b, e[i].type, e[i].key);
	}
	nx_free(&nx_malloc_alloc, e);
	nx_doc_free(&d);
	free(buf);
	free(shared);
}

/*
 * The shipped model's stages are paired (nx_tagger.h): its decoding
 * leaves the second stage's sums of shared rows and gives the second
 * stage only its own features.  That is for the decoding alone: the
 * second-stage sequences a trainer builds of the same document afterwards
 * (nx_ner_doc_stage, nx_ner_doc_seq) have every feature and no sums,
 * exactly those of a document never decoded; and the room for the sums
 * follows the label count of the model that asks for it.
 */
void
test_entities_paired_decode(void)
{
	static const char text[] =
		"Senator Bernie Sanders met Angela Merkel in Berlin on Friday.\n\n"
		"Sanders told the Associated Press that Merkel was right.";
	const char *path = getenv("NEWSX_MODEL") ? getenv("NEWSX_MODEL") : "data/ner-en.model";
	NxModel		m;
	char		err[256];
	void	   *shared,
			   *buf = open_model_file(path, &m, &shared, err, sizeof(err));
	NxDoc		d;
	NxNerDoc   *used = NULL,
			   *fresh = NULL;
	uint8_t    *labels;
	int			same = 1;

	CHECK(buf != NULL);
	if (!buf)
		return;
	CHECK(m.nstages == 2 && m.stage[0].pair);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	{
		NxNerRes	res = nx_ner_res(&m);

		CHECK(nx_ner_doc_init(&used, &res, &d, &nx_malloc_alloc) == NX_OK);
		CHECK(nx_ner_doc_init(&fresh, &res, &d, &nx_malloc_alloc) == NX_OK);
	}
	labels = malloc(d.ntok);
	CHECK(used && fresh && labels);
	if (!used || !fresh || !labels)
		return;
	CHECK(nx_ner_doc_decode(used, &m, 2, labels, NULL) == NX_OK);
	CHECK(nx_ner_doc_stage(used, labels) == NX_OK);
	CHECK(nx_ner_doc_stage(fresh, labels) == NX_OK);
	for (size_t s = 0; s < d.nsent; s++)
	{
		NxSeq		a,
					b;
		uint32_t   *fa;
		size_t		na;

		nx_ner_doc_seq(used, s, &a);
		na = a.off[a.ntok];
		fa = malloc((na + 1) * sizeof(uint32_t));
		memcpy(fa, a.feat, na * sizeof(uint32_t));
		same = same && a.pair.sum == NULL && a.pair.set == NULL;
		nx_ner_doc_seq(fresh, s, &b);
		same = same && a.ntok == b.ntok && b.off[b.ntok] == na &&
			memcmp(fa, b.feat, na * sizeof(uint32_t)) == 0;
		free(fa);
	}
	CHECK(same);
	/* the sums have room for the labels of the model decoding, whichever */
	CHECK(nx_ner_doc_pair(used, NX_PAIR_LABELS) == NX_OK);
	CHECK(used->pnl == NX_PAIR_LABELS);
	memset(used->psum, 0xAB, (used->nhard + 1) * NX_PAIR_LABELS * sizeof(int32_t));
	CHECK(nx_ner_doc_pair(used, m.labels.n) == NX_OK && used->pnl == m.labels.n);
	free(labels);
	nx_ner_doc_free(used);
	nx_ner_doc_free(fresh);
	nx_doc_free(&d);
	free(buf);
	free(shared);
}

/* Do two entity lists say the same, field by field? */
static int
same_ents(const NxEnt *a, size_t na, const NxEnt *b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (a[i].tok != b[i].tok || a[i].ntok != b[i].ntok || a[i].b != b[i].b ||
			a[i].blen != b[i].blen || a[i].c != b[i].c || a[i].clen != b[i].clen ||
			a[i].sentence != b[i].sentence || strcmp(a[i].type, b[i].type) != 0 ||
			a[i].conf != b[i].conf || strcmp(a[i].canonical, b[i].canonical) != 0 ||
			strcmp(a[i].key, b[i].key) != 0)
			return 0;
	return 1;
}

/*
 * The cache of token analyses (nx_ner.h): the shipped model gives the
 * same entities without a cache, with one of NX_NER_CACHE_ENTRIES (first
 * filled, then read), and with one of a single entry (every text takes
 * the place of the one before); an entry holds what a document's own
 * analysis of the text is, and a document reads it from there.
 */
void
test_entities_cache(void)
{
	static const char *const texts[] = {
		"Senator Bernie Sanders met Angela Merkel in Berlin on Friday.\n\n"
		"Sanders told the Associated Press that Merkel was right.",
		/* case variants of one folded word, a text past NX_CACHE_TEXT, accents */
		"APPLE said Apple would sell apple juice in S\xC3\xA3o Paulo, the "
		"counterrevolutionaries said.",
		"Merkel and Sanders spoke again in Berlin, the Associated Press said.",
	};
	const size_t ntexts = sizeof(texts) / sizeof(texts[0]);
	const char *path = getenv("NEWSX_MODEL") ? getenv("NEWSX_MODEL") : "data/ner-en.model";
	NxModel		m;
	char		err[256];
	void	   *shared,
			   *buf = open_model_file(path, &m, &shared, err, sizeof(err));
	size_t		bigsize = nx_ner_cache_bytes(NX_NER_CACHE_ENTRIES);
	char	   *big = malloc(bigsize + 64);
	void	   *small = malloc(300);
	NxNerCache *cbig,
			   *csmall;
	NxEnt	   *want[3];
	size_t		nwant[3];
	int			same = 1,
				held = 1,
				found = 0;

	CHECK(buf != NULL && big != NULL && small != NULL);
	if (!buf || !big || !small)
		return;
	/* the room */
	CHECK(nx_ner_cache_init(NULL, 4096) == NULL);
	CHECK(nx_ner_cache_init(small, sizeof(NxNerCache)) == NULL);
	/* 4096 entries wherever the buffer starts (palloc aligns to 8 bytes) */
	for (int k = 0; k < 64; k += 8)
	{
		cbig = nx_ner_cache_init(big + k, bigsize);
		CHECK(cbig != NULL && cbig->mask + 1 == 4096);
	}
	cbig = nx_ner_cache_init(big, bigsize);
	csmall = nx_ner_cache_init(small, 300);
	CHECK(cbig != NULL && cbig->mask + 1 == 4096);
	CHECK(csmall != NULL && csmall->mask == 0);
	CHECK(cbig && ((uintptr_t) cbig->e & 63) == 0);
	if (!cbig || !csmall)
		return;

	/* the same entities every way, the big cache filled and then read */
	for (size_t t = 0; t < ntexts; t++)
	{
		NxDoc		d;

		CHECK(nx_doc_parse(&d, texts[t], strlen(texts[t]), &nx_malloc_alloc) == NX_OK);
		m.ner_cache = NULL;
		CHECK(nx_entities_extract(&m, &d, &want[t], &nwant[t], &nx_malloc_alloc) == NX_OK);
		nx_doc_free(&d);
	}
	for (int pass = 0; pass < 3; pass++)
		for (size_t t = 0; t < ntexts; t++)
		{
			NxDoc		d;
			NxEnt	   *e;
			size_t		n;

			m.ner_cache = pass == 2 ? csmall : cbig;
			CHECK(nx_doc_parse(&d, texts[t], strlen(texts[t]), &nx_malloc_alloc) == NX_OK);
			CHECK(nx_entities_extract(&m, &d, &e, &n, &nx_malloc_alloc) == NX_OK);
			same = same && same_ents(want[t], nwant[t], e, n);
			nx_free(&nx_malloc_alloc, e);
			nx_doc_free(&d);
		}
	CHECK(same);

	/* an entry holds the document's own analysis of its text (made without it) */
	m.ner_cache = NULL;
	for (size_t t = 0; t < ntexts; t++)
	{
		NxDoc		d;
		NxNerDoc   *nd = NULL;
		NxNerRes	res = nx_ner_res(&m);

		CHECK(nx_doc_parse(&d, texts[t], strlen(texts[t]), &nx_malloc_alloc) == NX_OK);
		CHECK(nx_ner_doc_init(&nd, &res, &d, &nx_malloc_alloc) == NX_OK);
		for (size_t i = 0; nd && i < d.ntok; i++)
		{
			const NxToken *tk = &d.tok[i];
			uint64_t	h = nx_fnv1a64(d.text + tk->b, tk->blen);
			const NxCacheEntry *e = &cbig->e[nx_mix64(h) & cbig->mask];
			const TokInfo *a = &nd->ti[i],
					   *b = &e->ti;

			if (e->len != tk->blen || memcmp(e->text, d.text + tk->b, tk->blen) != 0)
			{
				/* only a text too long for an entry, or one a later text displaced */
				held = held && (tk->blen > NX_CACHE_TEXT || e->len != 0);
				continue;
			}
			found++;
			held = held && e->h == h && a->hw == b->hw && a->hl == b->hl && a->hf == b->hf &&
				a->hs == b->hs && memcmp(a->hpre, b->hpre, sizeof(a->hpre)) == 0 &&
				memcmp(a->hsuf, b->hsuf, sizeof(a->hsuf)) == 0 && a->clbits == b->clbits &&
				a->cllen == b->cllen && a->vcbits == b->vcbits && a->vclen == b->vclen &&
				a->cap == b->cap && a->conn == b->conn && a->lex1f == b->lex1f &&
				a->lex1 == b->lex1 && (a->flags & TF_DIGIT) == b->flags &&
				b->gazB == 0 && b->gazI == 0 && b->rlen == 0 && b->wid == 0;
		}
		nx_ner_doc_free(nd);
		nx_doc_free(&d);
	}
	CHECK(held);
	CHECK(found > 30);

	/* and a document reads its analyses from there */
	m.ner_cache = cbig;
	{
		NxDoc		d;
		NxNerDoc   *nd = NULL;
		NxNerRes	res = nx_ner_res(&m);
		NxCacheEntry *e = &cbig->e[nx_mix64(nx_fnv1a64("Merkel", 6)) & cbig->mask];

		CHECK(e->len == 6 && memcmp(e->text, "Merkel", 6) == 0);
		e->ti.hw ^= 1;
		CHECK(nx_doc_parse(&d, texts[2], strlen(texts[2]), &nx_malloc_alloc) == NX_OK);
		CHECK(nx_ner_doc_init(&nd, &res, &d, &nx_malloc_alloc) == NX_OK);
		CHECK(nd && d.ntok > 0 && d.tok[0].blen == 6 && nd->ti[0].hw == e->ti.hw);
		nx_ner_doc_free(nd);
		nx_doc_free(&d);
	}
	for (size_t t = 0; t < ntexts; t++)
		nx_free(&nx_malloc_alloc, want[t]);
	free(big);
	free(small);
	free(buf);
	free(shared);
}

/*
 * Runs of capitalised words (the features of nx_ner_feats.c read their
 * ends): a connector word or a hyphen written without spaces joins two
 * capitalised words, a hyphen between spaces does not, and neither does
 * a lower-case word after the hyphen.
 */
void
test_entities_runs(void)
{
	static const char text[] =
		"Henry Campbell-Bannerman, the leader of the party, went to the Bank of "
		"England on the day. Clinton - Trump talks, Cruz -Rubio ones and Hong "
		"Kong-based firms went on without them, as did Holtz\xE2\x80\x91" "Eakin.";
	static const struct
	{
		const char *tok;
		int			nth;		/* its nth occurrence (0 = first) */
		uint16_t	rpos,
					rlen;
	}			want[] = {
		{"Henry", 0, 0, 4}, {"-", 0, 2, 4}, {"Bannerman", 0, 3, 4},
		{"Bank", 0, 0, 3}, {"England", 0, 2, 3},
		{"Clinton", 0, 0, 1}, {"-", 1, 0, 0}, {"Trump", 0, 0, 1},
		{"Cruz", 0, 0, 1}, {"-", 2, 0, 0}, {"Rubio", 0, 0, 1},
		{"Kong", 0, 1, 2}, {"-", 3, 0, 0}, {"based", 0, 0, 0},
		{"Holtz", 0, 0, 3}, {"Eakin", 0, 2, 3},
	};
	const char *path = getenv("NEWSX_MODEL") ? getenv("NEWSX_MODEL") : "data/ner-en.model";
	NxModel		m;
	char		err[256];
	void	   *shared,
			   *buf = open_model_file(path, &m, &shared, err, sizeof(err));
	NxDoc		d;
	NxNerDoc   *nd = NULL;
	NxNerRes	res;

	CHECK(buf != NULL);
	if (!buf)
		return;
	res = nx_ner_res(&m);
	CHECK(nx_doc_parse(&d, text, strlen(text), &nx_malloc_alloc) == NX_OK);
	CHECK(nx_ner_doc_init(&nd, &res, &d, &nx_malloc_alloc) == NX_OK);
	for (size_t w = 0; nd && w < sizeof(want) / sizeof(want[0]); w++)
	{
		int			seen = 0,
					found = 0;

		for (size_t i = 0; i < d.ntok && !found; i++)
		{
			const NxToken *tk = &d.tok[i];

			if (tk->blen != strlen(want[w].tok) || memcmp(d.text + tk->b, want[w].tok, tk->blen) != 0 ||
				seen++ != want[w].nth)
				continue;
			found = 1;
			if (nd->ti[i].rpos != want[w].rpos || nd->ti[i].rlen != want[w].rlen)
				fprintf(stderr, "test_entities_runs: %s #%d: run %u of %u, want %u of %u\n",
						want[w].tok, want[w].nth, nd->ti[i].rpos, nd->ti[i].rlen,
						want[w].rpos, want[w].rlen);
			CHECK(nd->ti[i].rpos == want[w].rpos && nd->ti[i].rlen == want[w].rlen);
		}
		CHECK(found);
	}
	nx_ner_doc_free(nd);
	nx_doc_free(&d);
	free(buf);
	free(shared);
}

#ifdef NX_TEST_MAIN
int
main(void)
{
	test_entities_types();
	test_entities_titles();
	test_entities_title_alone();
	test_entities_cuts();
	test_entities_canonical();
	test_entities_keys();
	test_entities_header();
	test_entities_model();
	test_entities_paired_decode();
	test_entities_cache();
	test_entities_runs();
	printf("%d passed, %d failed\n", nx_test_pass, nx_test_fail);
	return nx_test_fail != 0;
}
#endif
