-- dashboards.sql: the example dashboards of views/ on the sample articles:
-- created, refreshed concurrently, queried, kept in step with articles
-- prerequisites: the extension, its entity and quotation models
CREATE EXTENSION newsx;
SET datestyle TO ISO;
SELECT count(*) > 0 AS quotes_work FROM extract_quotes('“We will rebuild,” said Jonas Eklund.');
\i samples/load.sql
\set ECHO none
\i views/dashboards.sql
\set ECHO all

-- every materialized view has a unique index on plain columns, all rows
SELECT c.relname, i.indexrelid::regclass AS unique_index
FROM pg_class c JOIN pg_index i ON i.indrelid = c.oid
WHERE c.relkind = 'm' AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
ORDER BY 1;

-- the stored columns hold what the functions return
SELECT count(*) AS stale FROM articles
WHERE entities <> entities_json(body) OR quotes <> quotes_json(body)
   OR published IS DISTINCT FROM (article_meta(body)).date;
SELECT count(*) AS differ FROM articles a,
  LATERAL (SELECT q.quote, q.kind, q.speaker, q.speaker_pos, q.speaker_len, q.cue, q.pos, q.len, q.speaker_key,
                  q.speech, q.quote_key
           FROM article_quotes q WHERE q.article_id = a.id
           EXCEPT ALL
           SELECT q.quote, q.kind, q.speaker, q.speaker_pos, q.speaker_len, q.cue, q.pos, q.len, q.speaker_key,
                  q.speech, q.quote_key
           FROM extract_quotes(a.body) q) d;

-- articles by the entities in them, through the GIN index on the stored column
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT name FROM articles WHERE entities @> '[{"key": "person:maria okonkwo"}]';
RESET enable_seqscan;
SELECT name FROM articles WHERE entities @> '[{"key": "person:maria okonkwo"}]' ORDER BY name;

CALL refresh_dashboards();

SELECT day, rank, speaker, quotes, articles FROM top_speakers_daily
WHERE rank <= 2 ORDER BY day, rank, speaker_key;
SELECT week, rank, speaker, quotes, articles FROM top_speakers_weekly
WHERE rank <= 3 ORDER BY week, rank, speaker_key;
SELECT name_a, name_b, articles FROM quoted_together
WHERE articles > 1 ORDER BY articles DESC, speaker_a, speaker_b;
SELECT name_a, name_b, articles, sentences FROM entity_comentions
WHERE sentences > 1 OR (articles > 2 AND key_a LIKE 'person:%' AND key_b LIKE 'person:%')
ORDER BY articles DESC, sentences DESC, key_a, key_b;
SELECT * FROM unnamed_sources_daily ORDER BY day;
SELECT organisation, quotes, as_speaker, through_people, articles, last_quoted
FROM quoted_organisations ORDER BY quotes DESC, org_key;
SELECT quote, articles, quotes, speakers, first_seen, last_seen FROM repeated_quotations
ORDER BY articles DESC, quote_key;

-- beliefs are rows, but no speech: who is quoted leaves them out
SELECT speaker, cue, quote FROM article_quotes WHERE NOT speech ORDER BY article_id, pos;

-- the sources the shares are made of
SELECT source_type, count(*) AS quotes, min(source) AS example
FROM article_quotes GROUP BY source_type ORDER BY source_type;

-- a new article reaches the dashboards at the next concurrent refresh
INSERT INTO articles (name, body) VALUES ('harbour-followup', E'date 2026-03-21\nCranes restart in Port Alder\n\nPORT ALDER (Northwind News) - “It feels good to be back,” said Maria Okonkwo, president of the Harbour Workers’ Union. A port official said the backlog would be cleared by Friday.');
SELECT name, published, jsonb_array_length(quotes) AS quotes FROM articles WHERE name = 'harbour-followup';
SELECT count(*) AS before FROM top_speakers_daily WHERE day = '2026-03-21';
REFRESH MATERIALIZED VIEW CONCURRENTLY top_speakers_daily;
REFRESH MATERIALIZED VIEW CONCURRENTLY top_speakers_weekly;
REFRESH MATERIALIZED VIEW CONCURRENTLY unnamed_sources_daily;
SELECT day, rank, speaker, quotes FROM top_speakers_daily WHERE day = '2026-03-21';
SELECT week, speaker, quotes, articles FROM top_speakers_weekly
WHERE week = '2026-03-16' AND speaker_key = 'person:maria okonkwo';
SELECT * FROM unnamed_sources_daily WHERE day = '2026-03-21';

-- an edited body recomputes the stored columns; other columns do not
UPDATE articles SET name = 'harbour-followup-2' WHERE name = 'harbour-followup';
UPDATE articles SET body = replace(body, 'A port official said the backlog would be cleared by Friday.',
                                   'The backlog would be cleared by Friday, said Ana Lima, the port director.')
WHERE name = 'harbour-followup-2';
SELECT q->>'speaker' AS speaker, q->>'speaker_key' AS speaker_key
FROM articles, jsonb_array_elements(quotes) q WHERE name = 'harbour-followup-2';
CALL refresh_dashboards();
SELECT * FROM unnamed_sources_daily WHERE day = '2026-03-21';

-- the other pattern: side tables kept by a trigger
\set ECHO none
\i views/triggers.sql
\set ECHO all
SELECT (SELECT count(*) FROM entity_mentions) = (SELECT count(*) FROM article_entities) AS same_entities,
       (SELECT count(*) FROM quotations) = (SELECT count(*) FROM article_quotes) AS same_quotes;
UPDATE articles SET body = body || E'\n\n“We are proud of our members,” said Maria Okonkwo.'
WHERE name = 'harbour-followup-2';
SELECT speaker, quote FROM quotations q JOIN articles a ON a.id = q.article_id
WHERE a.name = 'harbour-followup-2' ORDER BY q.n;
DELETE FROM articles WHERE name = 'harbour-followup-2';
SELECT count(*) AS left_behind FROM quotations
WHERE article_id NOT IN (SELECT id FROM articles);

-- the demo's HTML page is made without errors
\set ECHO none
\o /dev/null
\i views/dashboard-html.sql
\o
\pset format aligned
\pset tuples_only off
\set ECHO all
SELECT 'made' AS html;

SET client_min_messages TO warning;
DROP TABLE articles CASCADE;
DROP PROCEDURE refresh_dashboards();
DROP FUNCTION articles_extract();
DROP EXTENSION newsx;
