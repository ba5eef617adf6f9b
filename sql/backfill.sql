-- backfill.sql: newsx_backfill() stores a table's quotations or entities
-- in committed batches, resumes where it stopped, runs in parts, and
-- refuses bad input with a clear error that changes nothing.
-- prerequisites: the extension and its default models
CREATE EXTENSION newsx;
\i samples/load.sql
-- many articles: the samples 25 times (200 rows)
INSERT INTO articles (name, body)
SELECT a.name || '-' || g, a.body FROM articles a, generate_series(1, 24) g;
SET client_min_messages = warning;   -- progress notices carry times
-- rows of query a not in query b and of b not in a: 0 when both give the
-- same rows, as many of each
CREATE FUNCTION pg_temp.differ(a text, b text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM ((%s EXCEPT ALL %s) UNION ALL (%s EXCEPT ALL %s)) d', a, b, b, a)
        INTO n;
    RETURN n;
END $$;

-- two batches of 30, then stop (as a cancel would): the progress row says so
CALL newsx_backfill('articles', 'body', 'quotes', 'stored_quotes', batch_size => 30, max_batches => 2);
SELECT job, what, last_key, rows_done, rows_total, rows_total - rows_done AS rows_left,
       results = (SELECT count(*) FROM stored_quotes) AS results_stored, finished IS NULL AS running
FROM newsx_backfill_progress;
SELECT count(DISTINCT article_key) AS articles, max(article_key) AS last FROM stored_quotes;

-- the same call again resumes after the last batch and ends
CALL newsx_backfill('articles', 'body', 'quotes', 'stored_quotes', batch_size => 30);
SELECT rows_done, rows_total, finished IS NOT NULL AS finished FROM newsx_backfill_progress;

-- no row lost, none doubled: the stored rows are those of one query
SELECT count(*) AS stored,
       (SELECT count(*) FROM articles a, LATERAL extract_quotes(a.body) q) AS direct
FROM stored_quotes;
SELECT pg_temp.differ('SELECT a.id, q.* FROM articles a, LATERAL extract_quotes(a.body) q',
                      'SELECT * FROM stored_quotes') AS differ;

-- a finished job does nothing more
CALL newsx_backfill('articles', 'body', 'quotes', 'stored_quotes', batch_size => 30);
SELECT count(*) AS stored FROM stored_quotes;

-- entities in three parts, as three sessions would run them: together
-- they give every row once
CALL newsx_backfill('articles', 'body', 'entities', 'stored_entities', batch_size => 50, part => 0, parts => 3);
CALL newsx_backfill('articles', 'body', 'entities', 'stored_entities', batch_size => 50, part => 1, parts => 3);
CALL newsx_backfill('articles', 'body', 'entities', 'stored_entities', batch_size => 50, part => 2, parts => 3);
SELECT job, rows_done, rows_total FROM newsx_backfill_progress WHERE what = 'entities' ORDER BY part;
SELECT sum(rows_done) AS rows_done FROM newsx_backfill_progress WHERE what = 'entities';
SELECT pg_temp.differ('SELECT a.id, e.* FROM articles a, LATERAL extract_entities(a.body) e',
                      'SELECT * FROM stored_entities') AS differ;

-- both kinds in one pass: TARGET_quotes and TARGET_entities
CALL newsx_backfill('articles', 'body', 'both', 'stored_both', batch_size => 70);
SELECT job, what, target, rows_done, results = (SELECT count(*) FROM stored_both_quotes)
                                              + (SELECT count(*) FROM stored_both_entities) AS results_stored
FROM newsx_backfill_progress WHERE what = 'both';
SELECT pg_temp.differ('SELECT * FROM stored_both_quotes', 'SELECT * FROM stored_quotes') AS quotes_differ,
       pg_temp.differ('SELECT * FROM stored_both_entities', 'SELECT * FROM stored_entities') AS entities_differ;

RESET client_min_messages;
-- bad input: a clear error (its errcode and hint), and nothing changed
\set SHOW_CONTEXT never
CREATE TABLE no_key (body text);
CALL newsx_backfill('no_key', 'body', 'quotes', 'nk_quotes');
CREATE TABLE int_body (id int PRIMARY KEY, body int);
CALL newsx_backfill('int_body', 'body', 'quotes', 'ib_quotes');
CALL newsx_backfill('articles', 'nobody', 'quotes', 'x_quotes');
CALL newsx_backfill('articles', 'body', 'sentences', 'x_quotes');
CALL newsx_backfill('articles', 'body', 'quotes', 'x_quotes', part => 3, parts => 3);
CREATE TABLE other_cols (article_key int, quote text);
CALL newsx_backfill('articles', 'body', 'quotes', 'other_cols');
-- a job's name for another source, kind or target
CALL newsx_backfill('articles', 'body', 'entities', 'stored_entities2', job => 'stored_quotes quotes 0/1');
-- the errcodes of those errors
CREATE FUNCTION pg_temp.sqlstate_of(stmt text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE stmt;
    RETURN 'none';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
SELECT c AS call, pg_temp.sqlstate_of('CALL newsx_backfill(' || c || ')') AS sqlstate
FROM (VALUES ('''no_key'', ''body'', ''quotes'', ''nk_quotes'''),
             ('''int_body'', ''body'', ''quotes'', ''ib_quotes'''),
             ('''articles'', ''nobody'', ''quotes'', ''x_quotes'''),
             ('''articles'', ''body'', ''sentences'', ''x_quotes'''),
             ('''articles'', ''body'', ''quotes'', ''other_cols''')) v(c);
SELECT to_regclass('nk_quotes') IS NULL AS no_nk, to_regclass('ib_quotes') IS NULL AS no_ib,
       to_regclass('x_quotes') IS NULL AS no_x, to_regclass('stored_entities2') IS NULL AS no_e2,
       (SELECT count(*) FROM other_cols) AS other_rows,
       (SELECT count(*) FROM newsx_backfill_progress) AS jobs;

DROP TABLE no_key, int_body, other_cols, stored_quotes, stored_entities, stored_both_quotes,
    stored_both_entities, articles;
DROP EXTENSION newsx;
