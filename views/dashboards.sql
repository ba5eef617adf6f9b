-- dashboards.sql: example dashboards over a table articles (id, body).
--
-- Run it after CREATE EXTENSION newsx, with the extension's schema on the
-- search_path (psql -f views/dashboards.sql).  It
--
--   1. keeps newsx's results next to each article in STORED generated
--      columns (published, entities, quotes), computed when a row is
--      written or its body changes, never again when a dashboard refreshes;
--   2. reads them back as rows in two plain views, article_entities and
--      article_quotes (with each quotation's source classified);
--   3. builds six materialized views, each with the unique index that
--      REFRESH MATERIALIZED VIEW CONCURRENTLY needs:
--        top_speakers_daily, top_speakers_weekly   who is quoted most
--        quoted_together                           who is quoted alongside whom
--        entity_comentions                         who and what appear together
--        unnamed_sources_daily                     share of anonymous sources
--        quoted_organisations                      most-quoted organisations
--        repeated_quotations                       the same words in many articles
--      Who is quoted counts speech only (the speech column: said, wrote,
--      according to), not what a source believes, wants or fears.
--   4. and a procedure refresh_dashboards() that refreshes them all
--      concurrently (readers are never blocked), e.g. from cron or pg_cron.
--
-- If articles already has a publication date, leave out the `published`
-- column below and rename yours to published (or edit the two views).

-- 1. Results stored with the article -------------------------------------

ALTER TABLE articles
    ADD COLUMN published date GENERATED ALWAYS AS ((article_meta(body)).date) STORED,
    ADD COLUMN entities jsonb GENERATED ALWAYS AS (entities_json(body)) STORED,
    ADD COLUMN quotes jsonb GENERATED ALWAYS AS (quotes_json(body)) STORED;

-- Articles by the people, organisations and places in them, from the
-- stored column (no extraction when the index is built or used):
--   WHERE entities @> '[{"key": "person:maria okonkwo"}]'
-- Without a stored column, index entity_keys(body) instead (README).
CREATE INDEX articles_entities ON articles USING gin (entities jsonb_path_ops);

-- 2. One row a mention, one row a quotation ------------------------------

CREATE VIEW article_entities AS
SELECT a.id AS article_id, a.published, e.*
FROM articles a,
     jsonb_to_recordset(a.entities)
       AS e(entity text, type text, pos int, len int, canonical text, key text,
            sentence int, confidence real);

COMMENT ON VIEW article_entities IS
'the entities of every article (the rows of extract_entities), read from the stored entities column';

-- source_type: person (a named person: a person: speaker key, or a person
-- named where the speaker is mentioned), organisation (an org: speaker
-- key, or an organisation named there: "The Red Cross said"), unnamed ("a spokesman",
-- "officials", "a person familiar with the talks") or unattributed (no
-- speaker found).  affiliation: an organisation named with a person
-- ("Maria Okonkwo, president of the Harbour Workers' Union").
CREATE VIEW article_quotes AS
SELECT a.id AS article_id, a.published, q.*,
       CASE WHEN q.speaker_key LIKE 'person:%' OR (q.speaker_key IS NULL AND se.type = 'PERSON')
                 THEN 'person'
            WHEN q.speaker_key LIKE 'org:%' OR se.type = 'ORG' THEN 'organisation'
            WHEN q.speaker IS NOT NULL THEN 'unnamed'
            ELSE 'unattributed' END AS source_type,
       coalesce(q.speaker_key, se.key) AS source_key,
       CASE WHEN q.speaker_key IS NOT NULL THEN q.speaker
            ELSE coalesce(se.canonical, q.speaker) END AS source,
       af.key AS affiliation_key,
       af.canonical AS affiliation
FROM articles a
CROSS JOIN LATERAL jsonb_to_recordset(a.quotes)
       AS q(quote text, kind text, speaker text, speaker_pos int, speaker_len int,
            cue text, cue_pos int, cue_len int, pos int, len int, paragraph int,
            sentence int, speaker_key text, speech boolean, quote_key text)
LEFT JOIN LATERAL (
    -- the first person or organisation named where the speaker is mentioned
    SELECT e.type, e.key, e.canonical
    FROM jsonb_to_recordset(a.entities) AS e(type text, pos int, len int, canonical text, key text)
    WHERE e.type IN ('PERSON', 'ORG') AND e.key IS NOT NULL
      AND e.pos >= q.speaker_pos AND e.pos + e.len <= q.speaker_pos + q.speaker_len
    ORDER BY e.pos LIMIT 1) se ON true
LEFT JOIN LATERAL (
    -- an organisation named with a person
    SELECT e.key, e.canonical
    FROM jsonb_to_recordset(a.entities) AS e(type text, pos int, len int, canonical text, key text)
    WHERE e.type = 'ORG' AND e.key IS NOT NULL
      AND (q.speaker_key LIKE 'person:%' OR (q.speaker_key IS NULL AND se.type = 'PERSON'))
      AND e.pos >= q.speaker_pos AND e.pos + e.len <= q.speaker_pos + q.speaker_len
    ORDER BY e.pos LIMIT 1) af ON true;

COMMENT ON VIEW article_quotes IS
'the quotations of every article (the rows of extract_quotes) with their source classified as person, organisation, unnamed or unattributed';

-- 3. Dashboards ----------------------------------------------------------

-- Who is quoted most, by day and by ISO week (weeks start on Monday).
CREATE MATERIALIZED VIEW top_speakers_daily AS
SELECT published AS day, source_key AS speaker_key,
       mode() WITHIN GROUP (ORDER BY source) AS speaker,
       count(*) AS quotes,
       count(DISTINCT article_id) AS articles,
       rank() OVER (PARTITION BY published ORDER BY count(*) DESC) AS rank
FROM article_quotes
WHERE source_type = 'person' AND speech AND published IS NOT NULL
GROUP BY published, source_key;

CREATE UNIQUE INDEX top_speakers_daily_key ON top_speakers_daily (day, speaker_key);

CREATE MATERIALIZED VIEW top_speakers_weekly AS
SELECT date_trunc('week', published)::date AS week, source_key AS speaker_key,
       mode() WITHIN GROUP (ORDER BY source) AS speaker,
       count(*) AS quotes,
       count(DISTINCT article_id) AS articles,
       rank() OVER (PARTITION BY date_trunc('week', published) ORDER BY count(*) DESC) AS rank
FROM article_quotes
WHERE source_type = 'person' AND speech AND published IS NOT NULL
GROUP BY date_trunc('week', published), source_key;

CREATE UNIQUE INDEX top_speakers_weekly_key ON top_speakers_weekly (week, speaker_key);

-- Who is quoted in the same articles: one row a pair of named sources
-- (people and organisations), speaker_a < speaker_b.
CREATE MATERIALIZED VIEW quoted_together AS
WITH s AS (
    SELECT article_id, source_key, min(source) AS name
    FROM article_quotes
    WHERE source_type IN ('person', 'organisation') AND speech
    GROUP BY article_id, source_key)
SELECT a.source_key AS speaker_a, b.source_key AS speaker_b,
       min(a.name) AS name_a, min(b.name) AS name_b,
       count(*) AS articles,
       array_agg(a.article_id ORDER BY a.article_id) AS article_ids
FROM s a
JOIN s b ON b.article_id = a.article_id AND a.source_key COLLATE "C" < b.source_key COLLATE "C"
GROUP BY a.source_key, b.source_key;

CREATE UNIQUE INDEX quoted_together_key ON quoted_together (speaker_a, speaker_b);

-- Entities mentioned in the same articles and in the same sentences:
-- one row a pair of keys (people, organisations, places), key_a < key_b.
CREATE MATERIALIZED VIEW entity_comentions AS
WITH m AS (
    SELECT DISTINCT article_id, sentence, key
    FROM article_entities
    WHERE type IN ('PERSON', 'ORG', 'LOC') AND key IS NOT NULL),
names AS (
    SELECT key, mode() WITHIN GROUP (ORDER BY canonical) AS name
    FROM article_entities WHERE key IS NOT NULL GROUP BY key),
by_article AS (
    SELECT a.key AS key_a, b.key AS key_b, count(DISTINCT a.article_id) AS articles
    FROM (SELECT DISTINCT article_id, key FROM m) a
    JOIN (SELECT DISTINCT article_id, key FROM m) b
      ON b.article_id = a.article_id AND a.key COLLATE "C" < b.key COLLATE "C"
    GROUP BY 1, 2),
by_sentence AS (
    SELECT a.key AS key_a, b.key AS key_b, count(*) AS sentences
    FROM m a
    JOIN m b ON b.article_id = a.article_id AND b.sentence = a.sentence
            AND a.key COLLATE "C" < b.key COLLATE "C"
    GROUP BY 1, 2)
SELECT p.key_a, p.key_b, na.name AS name_a, nb.name AS name_b,
       p.articles, coalesce(s.sentences, 0) AS sentences
FROM by_article p
LEFT JOIN by_sentence s USING (key_a, key_b)
JOIN names na ON na.key = p.key_a
JOIN names nb ON nb.key = p.key_b;

CREATE UNIQUE INDEX entity_comentions_key ON entity_comentions (key_a, key_b);

-- How many quotations a day come from unnamed sources.
CREATE MATERIALIZED VIEW unnamed_sources_daily AS
SELECT published AS day,
       count(*) AS quotes,
       count(*) FILTER (WHERE source_type = 'person') AS people,
       count(*) FILTER (WHERE source_type = 'organisation') AS organisations,
       count(*) FILTER (WHERE source_type = 'unnamed') AS unnamed,
       count(*) FILTER (WHERE source_type = 'unattributed') AS unattributed,
       round(count(*) FILTER (WHERE source_type = 'unnamed')::numeric / count(*), 3) AS unnamed_share
FROM article_quotes
WHERE speech AND published IS NOT NULL
GROUP BY published;

CREATE UNIQUE INDEX unnamed_sources_daily_key ON unnamed_sources_daily (day);

-- The most-quoted organisations: quoted as the speaker ("The Red Cross
-- said") or through their people ("..., president of the union, said").
CREATE MATERIALIZED VIEW quoted_organisations AS
WITH o AS (
    SELECT source_key AS org_key, source AS name, article_id, published, true AS direct
    FROM article_quotes WHERE source_type = 'organisation' AND speech
    UNION ALL
    SELECT affiliation_key, affiliation, article_id, published, false
    FROM article_quotes WHERE affiliation_key IS NOT NULL AND speech)
SELECT org_key, mode() WITHIN GROUP (ORDER BY name) AS organisation,
       count(*) AS quotes,
       count(*) FILTER (WHERE direct) AS as_speaker,
       count(*) FILTER (WHERE NOT direct) AS through_people,
       count(DISTINCT article_id) AS articles,
       max(published) AS last_quoted
FROM o
GROUP BY org_key;

CREATE UNIQUE INDEX quoted_organisations_key ON quoted_organisations (org_key);

-- The same quoted words in more than one article (quote_key: case,
-- punctuation and marks aside), and who they are credited to: a line
-- picked up by other outlets, or repeated by other speakers.  Quotations
-- of five words or more, so that a scare quote ("under control") is none.
CREATE MATERIALIZED VIEW repeated_quotations AS
SELECT quote_key,
       mode() WITHIN GROUP (ORDER BY quote) AS quote,
       count(DISTINCT article_id) AS articles,
       count(*) AS quotes,
       array_agg(DISTINCT source ORDER BY source) FILTER (WHERE source IS NOT NULL) AS speakers,
       count(DISTINCT source_key) AS named_speakers,
       min(published) AS first_seen,
       max(published) AS last_seen,
       array_agg(DISTINCT article_id ORDER BY article_id) AS article_ids
FROM article_quotes
WHERE speech AND kind IN ('direct', 'block')
  AND array_length(regexp_split_to_array(btrim(quote), '\s+'), 1) >= 5
GROUP BY quote_key
HAVING count(DISTINCT article_id) > 1;

CREATE UNIQUE INDEX repeated_quotations_key ON repeated_quotations (quote_key);

-- 4. Refresh -------------------------------------------------------------

-- CONCURRENTLY: readers keep the old rows until the new ones are ready.
CREATE PROCEDURE refresh_dashboards()
LANGUAGE plpgsql
AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY top_speakers_daily;
    REFRESH MATERIALIZED VIEW CONCURRENTLY top_speakers_weekly;
    REFRESH MATERIALIZED VIEW CONCURRENTLY quoted_together;
    REFRESH MATERIALIZED VIEW CONCURRENTLY entity_comentions;
    REFRESH MATERIALIZED VIEW CONCURRENTLY unnamed_sources_daily;
    REFRESH MATERIALIZED VIEW CONCURRENTLY quoted_organisations;
    REFRESH MATERIALIZED VIEW CONCURRENTLY repeated_quotations;
END
$$;
