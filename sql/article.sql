-- article.sql: article_meta() and updates()
-- prerequisites: the extension
CREATE EXTENSION newsx;
SET datestyle TO ISO;
SELECT headline IS NULL AND header = '{}' AS plain_text_has_no_metadata FROM article_meta('One. Two.');
\i samples/load.sql

-- metadata of the sample articles
SELECT a.name, m.headline, m.dateline, m.place, m.agency, m.byline, m.author, m.date
FROM articles a, LATERAL article_meta(a.body) m ORDER BY a.id;
SELECT a.name, m.header FROM articles a, LATERAL article_meta(a.body) m ORDER BY a.id;

-- where the story starts
SELECT a.name, m.lead_pos, substr(a.body, m.lead_pos, 30) AS lead
FROM articles a, LATERAL article_meta(a.body) m ORDER BY a.id;

-- the pieces are pieces of the text
SELECT a.name FROM articles a, LATERAL article_meta(a.body) m
WHERE strpos(a.body, m.headline) = 0 OR strpos(a.body, m.dateline) = 0
   OR strpos(a.body, m.byline) = 0 OR strpos(m.dateline, m.place) = 0
   OR strpos(m.dateline, m.agency) = 0;

-- the opening of the seed article: a `date` header on the story's own line
SELECT headline, dateline, date, header, lead_pos FROM article_meta(E' date 2025-02-27 The Russian delegation arrived at the U.S. Consulate in Istanbul on Thursday.\n\nUpdate 1330 GMT: President Putin says progress in talks “raises certain hopes”\n\nRussian President Vladimir Putin spoke.');
SELECT * FROM updates(E' date 2025-02-27 The Russian delegation arrived at the U.S. Consulate in Istanbul on Thursday.\n\nUpdate 1330 GMT: President Putin says progress in talks “raises certain hopes”\n\nRussian President Vladimir Putin spoke.');

-- datelines, bylines and headers
SELECT v.n, m.headline, m.dateline, m.place, m.agency, m.byline, m.author, m.date,
       substr(v.t, m.lead_pos, 12) AS lead
FROM (VALUES
  (1, E'ISTANBUL (Reuters) - The Russian delegation arrived.'),
  (2, E'KYIV, Ukraine, March 3 (AP) — Sirens sounded.'),
  (3, E'Talks stall\nBy Jane Roe and John Doe\n\nLONDON — Talks stalled.'),
  (4, E'Title: Talks stall\nPublished: 27 February 2025\nAuthors: Jane Roe\n\nNATO said it would meet.'),
  (5, E'Date: Feb. 30, 2025\n\nNo such day.'),
  (6, E'By then the talks had stalled.')
) v(n, t), LATERAL article_meta(t) m ORDER BY v.n;

-- update markers of the sample articles: positions contract on every row
SELECT a.name, u.n, u.time, u.zone, u.pos, u.len, u.text, u.paragraph,
       substr(a.body, u.pos, u.len) = u.text AS ok
FROM articles a, LATERAL updates(a.body) u ORDER BY a.id, u.n;

-- forms of markers
SELECT u.* FROM updates(E'Intro.\n\nUPDATE, 13:30 BST - Shelters open\n\nUpdated at 9.45pm:\nDam holds\n\n(14:05 CET): Rain stops\n\n2024: a year of floods\n\nUpdate 2530 GMT: no such time') u;

-- NULL and empty text
SELECT article_meta(NULL) IS NULL AS null_in_null_out;
SELECT * FROM article_meta('');
SELECT count(*) FROM updates(NULL);
SELECT count(*) FROM updates(E'  \n ');

SELECT proname, provolatile, proisstrict, proparallel, proretset
FROM pg_proc WHERE proname IN ('article_meta', 'updates') ORDER BY proname;

DROP TABLE articles;
DROP EXTENSION newsx;
