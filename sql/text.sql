-- text.sql: sentences() and tokens()
-- prerequisites: a UTF8 database (other encodings: see encoding.sql)
SELECT getdatabaseencoding() = 'UTF8' AS utf8_database;
CREATE EXTENSION newsx;
\i samples/load.sql

-- positions contract: substr(body, pos, len) is the span, on every row
SELECT a.name, count(*) AS sentences,
       count(*) FILTER (WHERE substr(a.body, s.pos, s.len) <> s.sentence) AS bad
FROM articles a, LATERAL sentences(a.body) s GROUP BY a.name ORDER BY a.name;
SELECT a.name, count(*) AS tokens,
       count(*) FILTER (WHERE substr(a.body, t.pos, t.len) <> t.token) AS bad
FROM articles a, LATERAL tokens(a.body) t GROUP BY a.name ORDER BY a.name;

-- sentence numbers are dense and tokens point at existing sentences
SELECT a.name, max(s.n) = count(*) AS dense, max(s.paragraph) AS paragraphs
FROM articles a, LATERAL sentences(a.body) s GROUP BY a.name ORDER BY a.name;

-- the seed article's opening: a metadata header on the same line as the first sentence
SELECT * FROM sentences(E' date 2025-02-27 The Russian delegation arrived at the U.S. Consulate in Istanbul, Turkey, on Thursday.\n\nA Kremlin spokesman said: “Currently, a meeting is underway… Let’s not get ahead of ourselves”.\n\nUpdate 1330 GMT: President Putin says progress in talks “raises certain hopes”\n\nThe talks are held at the residence of diplomat Julie A. Eadeh.');

-- header blocks, datelines, abbreviations, quotations that end sentences
SELECT n, paragraph, sentence FROM sentences(
E'Title: Talks go on\nAuthor: Jane Roe\n\nLONDON 1996-08-30\nGov. Smith met Sen. Jones on Sept. 11. “We will win,” he said. “Why?” she asked.\nIt came from the U.S. The rest, Inc. is history... Then it ended!');

-- wrapped lines join, single newlines between sentences are paragraphs
SELECT n, paragraph, sentence FROM sentences(E'The talks\ncontinued on Friday.\nA second paragraph.');

-- quotation marks of every style and apostrophes
SELECT token, kind FROM tokens('“A” ‘b’ "c" ''d'' «e» „f“ ‹g› Russia’s ’90s Joneses’ don''t O’Brien');
-- dashes, hyphens, numbers, symbols, emoji
SELECT token, kind FROM tokens('Ukraine-U.S. talks — F-16s, 1996-08-30, $5.3bn -- 50% 👍🏽');

-- NULL, empty and white space give no rows
SELECT count(*) FROM sentences(NULL);
SELECT count(*) FROM tokens('');
SELECT count(*) FROM sentences(E' \n\t\n ');

-- combining marks, right-to-left and zero-width characters keep positions
SELECT t.pos, t.len, t.kind, substr(b, t.pos, t.len) = t.token AS ok
FROM (SELECT E'e\u0301t\u00e9 \u0301\u0301 \u05e9\u05dc\u05d5\u05dd zero\u200bwidth \ufeffbom' AS b) x,
     LATERAL tokens(b) t;

-- functions are marked honestly
SELECT proname, provolatile, proisstrict, proparallel, procost, prorows
FROM pg_proc WHERE proname IN ('sentences', 'tokens') ORDER BY 1;

DROP TABLE articles;
DROP EXTENSION newsx;
