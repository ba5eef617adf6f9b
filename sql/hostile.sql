-- hostile.sql: messy and adversarial text through every function; each
-- input gives rows (or no rows), never a crash or an endless call.
-- Linearity in the input size is shown by the benchmark (make bench), not
-- by timings here.
CREATE EXTENSION newsx;
-- prerequisites: the models load
SELECT count(*) >= 0 AS entities_model FROM extract_entities('Putin');
SELECT count(*) >= 0 AS quotes_model FROM extract_quotes('“Yes,” he said.');

CREATE TEMP TABLE hostile (name text PRIMARY KEY, body text NOT NULL);
INSERT INTO hostile VALUES
 ('empty', ''),
 ('white space', E' \t\n\r\n\u00a0\u2028\u2029\u3000 \f' || chr(11)),
 ('1M newlines', repeat(E'\n', 1000000)),
 ('100k straight quotes', repeat('"', 100000)),
 ('100k curly quotes', repeat('“', 50000) || repeat('”', 50000)),
 ('quotes of every style', repeat('“ « ‘ '' " „ ‹ 「 ', 10000)),
 ('unclosed quotation', '“' || repeat('The talks went well and nothing else happened, a source close to the delegation added. ', 24000)),
 ('1 MB word', repeat('a', 1000000)),
 ('1 MB capitalised word', 'A' || repeat('b', 999999)),
 ('combining marks alone', repeat(chr(769), 50000) || ' ' || repeat(chr(8413), 1000)),
 ('emoji', repeat('👍🏽 👨‍👩‍👧 🇺🇦 ', 20000)),
 ('joined emoji', repeat('👨‍', 50000)),
 ('right-to-left and zero-width', repeat('שלום עולם. مرحبا بالعالم. a' || chr(8203) || 'b' || chr(8205) || chr(8288) || 'c' || chr(65279) || 'd ' || chr(8238) || 'Putin' || chr(8236) || ' said. ', 5000)),
 ('every BMP character', (SELECT string_agg(chr(i), '') FROM generate_series(1, 65535) i WHERE i NOT BETWEEN 55296 AND 57343)),
 ('200k capitalised words', (SELECT string_agg(initcap(translate(substr(md5(i::text), 1, 7), '0123456789', 'ghijklmnop')), ' ') FROM generate_series(1, 200000) i)),
 ('names sharing a first name', (SELECT string_agg('John ' || initcap(translate(substr(md5(i::text), 1, 6), '0123456789', 'ghijklmnop')) || ' and John met Mr. Smith.', ' ') FROM generate_series(1, 2000) i)),
 ('said said said', repeat('said ', 200000)),
 ('quoted cue verbs', repeat('“Yes,” said Putin said he said. ', 2000)),
 ('colons and paragraphs', repeat(E'He told reporters:\n\nThe talks went well\n\n', 2000)),
 ('attribution phrases in one sentence', repeat('Voters were angry, according to the poll, the largest of the year, as the mayor put it, “no,” saying the vote was close, and ', 4000)),
 ('a name and a colon a paragraph', repeat(E'JOEL BENENSON: This is a man who said so, saying nothing.\n', 10000)),
 ('initials', repeat('A. ', 100000)),
 ('brackets', repeat('(', 50000) || 'Putin' || repeat(')', 50000)),
 ('header lines', repeat(E'date 2025-02-27\n', 20000) || 'Putin spoke.');

SELECT name, length(body) AS chars,
       (SELECT count(*) FROM sentences(body)) AS sentences,
       (SELECT count(*) FROM tokens(body)) AS tokens
FROM hostile ORDER BY name;

-- entities and quotations: every call ends, every row lies inside the text
WITH h AS MATERIALIZED (SELECT name, body, length(body) AS chars FROM hostile)
SELECT name,
       (SELECT count(*) FILTER (WHERE e.pos < 1 OR e.len < 1 OR e.pos + e.len - 1 > chars)
        FROM extract_entities(body) e) AS bad_entities,
       (SELECT count(*) FILTER (WHERE q.pos < 1 OR q.len < 1 OR q.pos + q.len - 1 > chars)
        FROM extract_quotes(body) q) AS bad_quotes
FROM h ORDER BY name;

-- the positions contract, row by row, on short texts (substr walks
-- multi-byte text from its start): every BMP character in blocks of 1024,
-- and short forms of the inputs above
CREATE TEMP TABLE pieces AS
SELECT 'BMP block ' || lpad(b::text, 2, '0') AS name,
       (SELECT string_agg(chr(i), '') FROM generate_series(greatest(1, b * 1024), b * 1024 + 1023) i
        WHERE i NOT BETWEEN 55296 AND 57343) AS body
FROM generate_series(0, 63) b;
INSERT INTO pieces SELECT name, left(body, 2000) FROM hostile;
DELETE FROM pieces WHERE body IS NULL;
SELECT count(*) AS pieces,
       sum((SELECT count(*) FROM sentences(body) s WHERE substr(body, s.pos, s.len) <> s.sentence)) AS sentences,
       sum((SELECT count(*) FROM tokens(body) t WHERE substr(body, t.pos, t.len) <> t.token)) AS tokens,
       sum((SELECT count(*) FROM extract_entities(body) e WHERE substr(body, e.pos, e.len) <> e.entity)) AS entities,
       sum((SELECT count(*) FROM extract_quotes(body) q WHERE substr(body, q.cue_pos, q.cue_len) <> q.cue)) AS cues
FROM pieces;

DROP EXTENSION newsx;
