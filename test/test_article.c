/*
 * test_article.c
 *	  Unit tests of article structure: header fields and their dates,
 *	  headline, byline, dateline, where the story starts, update markers.
 */
#include <stdlib.h>
#include <string.h>

#include "nx_article.h"

void		test_article_header(void);
void		test_article_top(void);
void		test_article_datelines(void);
void		test_article_dates(void);
void		test_article_updates(void);

/* The text of a range, in a static buffer ("" when absent). */
static const char *
piece(const NxDoc *d, NxRange r)
{
	static char buf[4][256];
	static int	k;
	char	   *b = buf[k++ & 3];
	size_t		n = nx_range_blen(d, r);

	if (n >= sizeof(buf[0]))
		n = sizeof(buf[0]) - 1;
	memcpy(b, d->text + nx_range_b(d, r), n);
	b[n] = '\0';
	return b;
}

/* The story's first characters, up to 12 bytes. */
static const char *
lead(const NxDoc *d, const NxArticleMeta *m)
{
	NxRange		r = {m->lead, m->lead < d->ntok ? 1 : 0};

	return piece(d, r);
}

static int
parse(NxDoc *d, const char *s, NxArticleMeta *m)
{
	if (nx_doc_parse(d, s, strlen(s), &nx_malloc_alloc) != NX_OK)
		return 0;
	return nx_article_meta(d, m, &nx_malloc_alloc) == NX_OK;
}

static void
done(NxDoc *d, NxArticleMeta *m)
{
	nx_free(&nx_malloc_alloc, m->header);
	nx_doc_free(d);
}

void
test_article_header(void)
{
	NxDoc		d;
	NxArticleMeta m;

	CHECK(parse(&d, " date 2025-02-27 The Russian delegation arrived.", &m));
	CHECK(m.nheader == 1);
	CHECK(nx_article_key_is(&d, m.header[0].key, "date"));
	CHECK(strcmp(piece(&d, m.header[0].value), "2025-02-27") == 0);
	CHECK(strcmp(lead(&d, &m), "The") == 0);
	CHECK(m.headline.ntok == 0 && m.dateline.ntok == 0);
	done(&d, &m);

	CHECK(parse(&d, "title: River Vesna floods: live updates\ndate: 2026-05-02\n"
				"Author: Tomasz Wierzbicki\n\nEmergency crews worked.", &m));
	CHECK(m.nheader == 3);
	CHECK(strcmp(piece(&d, m.header[0].value), "River Vesna floods: live updates") == 0);
	CHECK(nx_article_key_is(&d, m.header[2].key, "author"));
	CHECK(strcmp(piece(&d, m.header[2].key), "Author") == 0);
	CHECK(strcmp(piece(&d, m.header[2].value), "Tomasz Wierzbicki") == 0);
	CHECK(m.headline.ntok == 0);
	CHECK(strcmp(lead(&d, &m), "Emergency") == 0);
	done(&d, &m);

	/* no header: plain text */
	CHECK(parse(&d, "The date was set. Talks begin.", &m));
	CHECK(m.nheader == 0 && m.header == NULL);
	done(&d, &m);
}

void
test_article_top(void)
{
	NxDoc		d;
	NxArticleMeta m;

	CHECK(parse(&d, "Council approves budget after late-night session\n\nBy Samuel Osei\n\n"
				"MILLBROOK, Aug. 8 — The Millbrook city council approved a budget.", &m));
	CHECK(strcmp(piece(&d, m.headline), "Council approves budget after late-night session") == 0);
	CHECK(strcmp(piece(&d, m.byline), "Samuel Osei") == 0);
	CHECK(strcmp(piece(&d, m.dateline), "MILLBROOK, Aug. 8") == 0);
	CHECK(strcmp(piece(&d, m.place), "MILLBROOK") == 0);
	CHECK(m.agency.ntok == 0);
	CHECK(strcmp(lead(&d, &m), "The") == 0);
	done(&d, &m);

	/* byline first, then headline; a trailing period is not the name's */
	CHECK(parse(&d, "By Jane Roe and John Doe.\nTalks stall again\nThe talks stalled.", &m));
	CHECK(strcmp(piece(&d, m.byline), "Jane Roe and John Doe") == 0);
	CHECK(strcmp(piece(&d, m.headline), "Talks stall again") == 0);
	CHECK(strcmp(lead(&d, &m), "The") == 0);
	done(&d, &m);

	/* a first line with final punctuation is the story, not a headline */
	CHECK(parse(&d, "The talks stalled.\nBy then it was late", &m));
	CHECK(m.headline.ntok == 0 && m.byline.ntok == 0);
	CHECK(strcmp(lead(&d, &m), "The") == 0);
	done(&d, &m);

	/* "by" in lower case inside a line is no byline */
	CHECK(parse(&d, "Hit by floods\n\nThe town was hit.", &m));
	CHECK(strcmp(piece(&d, m.headline), "Hit by floods") == 0);
	CHECK(m.byline.ntok == 0);
	done(&d, &m);

	/* an update marker is not a headline */
	CHECK(parse(&d, "Update 1330 GMT: Putin speaks\n\nHe spoke.", &m));
	CHECK(m.headline.ntok == 0);
	done(&d, &m);

	CHECK(parse(&d, "", &m));
	CHECK(m.lead == 0 && m.headline.ntok == 0);
	done(&d, &m);
}

void
test_article_datelines(void)
{
	static const struct
	{
		const char *text;
		const char *dateline;
		const char *place;
		const char *agency;
		const char *lead;
	}			cases[] = {
		{"ISTANBUL (Reuters) - The Russian delegation arrived.",
		"ISTANBUL (Reuters)", "ISTANBUL", "Reuters", "The"},
		{"GENEVA — The leaders met.", "GENEVA", "GENEVA", "", "The"},
		{"PORT ALDER (Northwind News) - Hundreds walked out.",
		"PORT ALDER (Northwind News)", "PORT ALDER", "Northwind News", "Hundreds"},
		{"KYIV, Ukraine, March 3 (AP) — Sirens sounded.",
		"KYIV, Ukraine, March 3 (AP)", "KYIV", "AP", "Sirens"},
		{"GENEVA —\nThe leaders met.", "GENEVA", "GENEVA", "", "The"},
		/* not datelines */
		{"NATO said on Monday it would meet.", "", "", "", "NATO"},
		{"A — the letter was sent.", "", "", "", "A"},
		{"GENEVA, — The leaders met.", "", "", "", "GENEVA"},
		{"LONDON (Reuters The leaders met.", "", "", "", "LONDON"},
	};

	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
	{
		NxDoc		d;
		NxArticleMeta m;
		int			ok;

		CHECK(parse(&d, cases[k].text, &m));
		ok = strcmp(piece(&d, m.dateline), cases[k].dateline) == 0 &&
			strcmp(piece(&d, m.place), cases[k].place) == 0 &&
			strcmp(piece(&d, m.agency), cases[k].agency) == 0 &&
			strcmp(lead(&d, &m), cases[k].lead) == 0;
		if (!ok)
			fprintf(stderr, "dateline case %zu: [%s] [%s] [%s] [%s]\n", k,
					piece(&d, m.dateline), piece(&d, m.place),
					piece(&d, m.agency), lead(&d, &m));
		CHECK(ok);
		done(&d, &m);
	}
}

/* The date of "date: VALUE\n\nText." as y*10000+m*100+d, or 0. */
static int
date_of(const char *value)
{
	char		s[128];
	NxDoc		d;
	NxArticleMeta m;
	int			y,
				mo,
				dd,
				r = 0;

	snprintf(s, sizeof(s), "date: %s\n\nText follows here.", value);
	if (!parse(&d, s, &m))
		return -1;
	if (m.nheader == 1 && nx_article_date(&d, m.header[0].value, &y, &mo, &dd))
		r = y * 10000 + mo * 100 + dd;
	done(&d, &m);
	return r;
}

void
test_article_dates(void)
{
	CHECK(date_of("2025-02-27") == 20250227);
	CHECK(date_of("2025-02-27T13:30:00Z") == 20250227);
	CHECK(date_of("2025/02/27") == 20250227);
	CHECK(date_of("27 February 2025") == 20250227);
	CHECK(date_of("27 Feb. 2025") == 20250227);
	CHECK(date_of("Feb. 27, 2025") == 20250227);
	CHECK(date_of("September 1, 2025") == 20250901);
	CHECK(date_of("Sept. 1, 2025") == 20250901);
	CHECK(date_of("2024-02-29") == 20240229);
	CHECK(date_of("2025-02-29") == 0);
	CHECK(date_of("2025-13-01") == 0);
	CHECK(date_of("2025-02") == 0);
	CHECK(date_of("2025/02-27") == 0);
	CHECK(date_of("Feb副 27, 2025") == 0);
	CHECK(date_of("yesterday") == 0);
	CHECK(date_of("Ma 27, 2025") == 0);
}

void
test_article_updates(void)
{
	const char *s =
		"title: Floods: live\n\nCrews worked.\n\n"
		"Update 0715 GMT: Minister says 3,000 evacuated\n\nShe said so.\n\n"
		"UPDATE, 13:30 BST - Red Cross opens shelters\n\n"
		"Updated at 9.45pm:\nDam holds\n\n"
		"Update 9.50 a.m.: Water recedes\n\n"
		"(14:05 CET): Rain stops\n\n"
		"2024: a year of floods\n\n"
		"Update 2530 GMT: not a time\n\n"
		"He said the update 1330 GMT: was late.";
	NxDoc		d;
	NxUpdate   *u;
	size_t		n;

	CHECK(nx_doc_parse(&d, s, strlen(s), &nx_malloc_alloc) == NX_OK);
	CHECK(nx_article_updates(&d, &u, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 5);
	if (n == 5)
	{
		CHECK(u[0].hour == 7 && u[0].minute == 15);
		CHECK(strcmp(piece(&d, u[0].zone), "GMT") == 0);
		CHECK(strcmp(piece(&d, u[0].marker), "Update 0715 GMT") == 0);
		CHECK(strcmp(piece(&d, u[0].text), "Minister says 3,000 evacuated") == 0);
		CHECK(u[1].hour == 13 && u[1].minute == 30);
		CHECK(strcmp(piece(&d, u[1].zone), "BST") == 0);
		CHECK(strcmp(piece(&d, u[1].text), "Red Cross opens shelters") == 0);
		CHECK(u[2].hour == 21 && u[2].minute == 45 && u[2].zone.ntok == 0);
		CHECK(strcmp(piece(&d, u[2].text), "Dam holds") == 0);
		CHECK(u[3].hour == 9 && u[3].minute == 50);
		CHECK(strcmp(piece(&d, u[3].marker), "Update 9.50 a.m.") == 0);
		CHECK(u[4].hour == 14 && u[4].minute == 5);
		CHECK(strcmp(piece(&d, u[4].text), "Rain stops") == 0);
	}
	nx_free(&nx_malloc_alloc, u);
	nx_doc_free(&d);

	CHECK(nx_doc_parse(&d, "No updates here.", 16, &nx_malloc_alloc) == NX_OK);
	CHECK(nx_article_updates(&d, &u, &n, &nx_malloc_alloc) == NX_OK);
	CHECK(n == 0 && u == NULL);
	nx_doc_free(&d);
}
