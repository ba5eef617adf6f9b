-- scalar.sql: entities_json() and entity_keys(), in a GIN index and a
-- STORED generated column
-- prerequisites: the extension and its default model
CREATE EXTENSION newsx;
SELECT entity_keys('Vladimir Putin met Marco Rubio in Istanbul.') @> ARRAY['person:vladimir putin'] AS keys_work;
\i samples/load.sql

-- the same content as the set-returning form
SELECT a.name, cardinality(entity_keys(a.body)) > 5 AS keys,
       entity_keys(a.body) = ARRAY(SELECT DISTINCT e.key COLLATE "C" FROM extract_entities(a.body) e
                                   WHERE e.key IS NOT NULL ORDER BY 1) AS same_keys,
       jsonb_array_length(entities_json(a.body)) = (SELECT count(*) FROM extract_entities(a.body)) AS same_count
FROM articles a ORDER BY a.id;
SELECT count(*) AS differ
FROM articles a,
  LATERAL (SELECT j.entity, j.type, j.pos, j.len, j.canonical, j.key, j.sentence
           FROM jsonb_to_recordset(entities_json(a.body, 'en'))
                AS j(entity text, type text, pos int, len int, canonical text, key text, sentence int)
           EXCEPT ALL
           SELECT e.entity, e.type, e.pos, e.len, e.canonical, e.key, e.sentence
           FROM extract_entities(a.body) e) d;
SELECT (entities_json('Angela Merkel visited Paris.') -> 0) - 'confidence' AS first_entity;

-- a GIN index on the keys serves containment
CREATE INDEX articles_entity_keys ON articles USING gin (entity_keys(body));
ANALYZE articles;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF)
SELECT name FROM articles WHERE entity_keys(body) @> ARRAY['person:maria okonkwo'];
SELECT name FROM articles WHERE entity_keys(body) @> ARRAY['person:maria okonkwo'] ORDER BY name;
SELECT name FROM articles WHERE entity_keys(body) @> ARRAY['person:maria okonkwo', 'person:erik sandvik'];
SELECT name FROM articles WHERE entity_keys(body) && ARRAY['org:red cross', 'person:felix brandt'] ORDER BY name;
RESET enable_seqscan;
-- the same rows as a scan with extract_entities
SELECT a.name FROM articles a
WHERE EXISTS (SELECT FROM extract_entities(a.body) e WHERE e.key = 'person:maria okonkwo')
ORDER BY a.name;
-- and for every key of the samples
SET enable_seqscan = off;
CREATE TEMP TABLE by_index AS
SELECT k.key, array_agg(a.name ORDER BY a.name) AS names
FROM (SELECT DISTINCT e.key FROM articles, extract_entities(body) e) k,
     LATERAL (SELECT name FROM articles WHERE entity_keys(body) @> ARRAY[k.key]) a
GROUP BY k.key;
RESET enable_seqscan;
SELECT count(*) > 30 AS many_keys,
       count(*) FILTER (WHERE names IS DISTINCT FROM
          (SELECT array_agg(a.name ORDER BY a.name) FROM articles a
           WHERE EXISTS (SELECT FROM extract_entities(a.body) e WHERE e.key = b.key))) AS differ
FROM by_index b;

-- a STORED generated column, recomputed when the body changes
ALTER TABLE articles ADD COLUMN entities jsonb
    GENERATED ALWAYS AS (entities_json(body)) STORED;
SELECT count(*) AS articles, min(jsonb_array_length(entities)) > 5 AS entities FROM articles;
SELECT count(*) AS stale FROM articles WHERE entities <> entities_json(body);
UPDATE articles SET body = body || E'\n\nAngela Merkel visited Millbrook.' WHERE name = 'council-budget';
SELECT e->>'entity' AS entity, e->>'type' AS type, e->>'key' AS key
FROM articles, jsonb_array_elements(entities) e
WHERE name = 'council-budget' AND (e->>'pos')::int > length(body) - 32;

-- index expressions and generated columns do not depend on search_path
SET search_path = pg_catalog;
REINDEX INDEX public.articles_entity_keys;
INSERT INTO public.articles (name, body) VALUES ('short', 'Maria Okonkwo spoke in Port Alder.');
RESET search_path;
SELECT name, entity_keys(body) FROM articles WHERE name = 'short';
SELECT jsonb_array_length(entities) FROM articles WHERE name = 'short';

-- NULL in, NULL out; no entities, empty results
SELECT entities_json(NULL) IS NULL AS json_null, entity_keys(NULL) IS NULL AS keys_null;
SELECT entities_json(''), entity_keys(''), entity_keys('no names here', 'en');

SELECT p.oid::regprocedure, p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'sql') AS sql,
       p.provolatile, p.proisstrict, p.proparallel, p.prosqlbody IS NOT NULL AS atomic
FROM pg_proc p WHERE p.proname IN ('entities_json', 'entity_keys') ORDER BY 1::text;

DROP TABLE articles;
DROP EXTENSION newsx;
