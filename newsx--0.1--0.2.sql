/* newsx--0.1--0.2.sql: entities, quotations, their scalar forms, article structure */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "ALTER EXTENSION newsx UPDATE TO '0.2'" to load this file. \quit

/*
 * COST is the time of one call on an average news article (PolNeAR, about
 * 4,900 characters) in units of one cpu_operator_cost, measured as the
 * time of one integer addition in the same session (1.5 to 3 ns here): the
 * functions of newsx do the work of thousands of operators, and the
 * planner needs to know it to run them in parallel workers.  ROWS is the
 * average number of rows on the same articles.  (make bench prints both
 * for its corpus; 0.1 declared guesses.)
 */
ALTER FUNCTION @extschema@.sentences(text) COST 40000 ROWS 40;
ALTER FUNCTION @extschema@.tokens(text) COST 80000 ROWS 950;

CREATE FUNCTION @extschema@.extract_entities(
    body text,
    model text,
    OUT entity text,
    OUT type text,
    OUT pos integer,
    OUT len integer,
    OUT canonical text,
    OUT key text,
    OUT sentence integer,
    OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_extract_entities'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 250000 ROWS 60;

COMMENT ON FUNCTION @extschema@.extract_entities(text, text) IS
'named entities (PERSON, ORG, LOC, MISC) of a news article found by the named model, with 1-based character position and length, canonical name, join key, sentence number and confidence';

CREATE FUNCTION @extschema@.extract_entities(
    body text,
    OUT entity text,
    OUT type text,
    OUT pos integer,
    OUT len integer,
    OUT canonical text,
    OUT key text,
    OUT sentence integer,
    OUT confidence real)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_extract_entities'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 250000 ROWS 60;

COMMENT ON FUNCTION @extschema@.extract_entities(text) IS
'named entities (PERSON, ORG, LOC, MISC) of a news article found by the default model (en), with 1-based character position and length, canonical name, join key, sentence number and confidence';

/* ---- scalar forms, for indexes and generated columns ----
 *
 * SQL functions over the set-returning ones, so that they hold the same
 * rows by construction.  SQL-standard bodies (BEGIN ATOMIC) are parsed
 * here, once: they do not depend on search_path when an index is built or
 * a dump restored, and they record their dependency on extract_entities.
 * Arrays are sorted byte-wise (COLLATE "C") so that a stored value does not
 * depend on the database's collation.  COSTs are measured against
 * extract_entities: building the jsonb and the SQL function call roughly
 * triple the time of the extraction on news articles.
 */

CREATE FUNCTION @extschema@.entities_json(body text, model text)
RETURNS jsonb
LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE
COST 750000
BEGIN ATOMIC
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'entity', e.entity, 'type', e.type, 'pos', e.pos, 'len', e.len,
               'canonical', e.canonical, 'key', e.key, 'sentence', e.sentence,
               'confidence', e.confidence::numeric) ORDER BY e.n), '[]'::jsonb)
    FROM @extschema@.extract_entities(body, model) WITH ORDINALITY
         AS e(entity, type, pos, len, canonical, key, sentence, confidence, n);
END;

COMMENT ON FUNCTION @extschema@.entities_json(text, text) IS
'the rows of extract_entities(body, model) as a jsonb array of objects, in text order, for generated columns';

CREATE FUNCTION @extschema@.entities_json(body text)
RETURNS jsonb
LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE
COST 750000
BEGIN ATOMIC
    SELECT @extschema@.entities_json(body, 'en');
END;

COMMENT ON FUNCTION @extschema@.entities_json(text) IS
'the rows of extract_entities(body) as a jsonb array of objects, in text order, for generated columns';

CREATE FUNCTION @extschema@.entity_keys(body text, model text)
RETURNS text[]
LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE
COST 260000
BEGIN ATOMIC
    SELECT coalesce(array_agg(DISTINCT e.key COLLATE "C" ORDER BY e.key COLLATE "C"), '{}')
    FROM @extschema@.extract_entities(body, model) AS e
    WHERE e.key IS NOT NULL;
END;

COMMENT ON FUNCTION @extschema@.entity_keys(text, text) IS
'distinct entity keys (person:vladimir putin) of extract_entities(body, model), sorted, for GIN indexes';

CREATE FUNCTION @extschema@.entity_keys(body text)
RETURNS text[]
LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE
COST 260000
BEGIN ATOMIC
    SELECT @extschema@.entity_keys(body, 'en');
END;

COMMENT ON FUNCTION @extschema@.entity_keys(text) IS
'distinct entity keys (person:vladimir putin) of extract_entities(body), sorted, for GIN indexes';

/* ---- article structure ---- */

CREATE FUNCTION @extschema@.article_meta(
    body text,
    OUT headline text,
    OUT dateline text,
    OUT place text,
    OUT agency text,
    OUT byline text,
    OUT author text,
    OUT date date,
    OUT header jsonb,
    OUT lead_pos integer)
RETURNS record
AS 'MODULE_PATHNAME', 'newsx_article_meta'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 40000;

COMMENT ON FUNCTION @extschema@.article_meta(text) IS
'metadata of a news article: headline, dateline with its place and agency, byline, author, date, the header fields as jsonb, and the 1-based position where the story starts';

CREATE FUNCTION @extschema@.updates(
    body text,
    OUT n integer,
    OUT "time" time,
    OUT zone text,
    OUT pos integer,
    OUT len integer,
    OUT text text,
    OUT paragraph integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_updates'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 40000 ROWS 5;

COMMENT ON FUNCTION @extschema@.updates(text) IS
'live-blog update markers (Update 1330 GMT: ...): number, time, time zone, 1-based character position and length of the update''s text, the text, paragraph number';

CREATE FUNCTION @extschema@.extract_quotes(
    body text,
    model text,
    OUT quote text,
    OUT kind text,
    OUT speaker text,
    OUT speaker_pos integer,
    OUT speaker_len integer,
    OUT cue text,
    OUT cue_pos integer,
    OUT cue_len integer,
    OUT pos integer,
    OUT len integer,
    OUT paragraph integer,
    OUT sentence integer,
    OUT speaker_key text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_extract_quotes'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 200000 ROWS 20;

COMMENT ON FUNCTION @extschema@.extract_quotes(text, text) IS
'quotations of a news article found by the named model: the words quoted, kind (direct, mixed, indirect, block), speaker resolved to a name, the speaker mention, cue and content as 1-based character position and length, paragraph and sentence numbers, and the speaker''s entity key';

CREATE FUNCTION @extschema@.extract_quotes(
    body text,
    OUT quote text,
    OUT kind text,
    OUT speaker text,
    OUT speaker_pos integer,
    OUT speaker_len integer,
    OUT cue text,
    OUT cue_pos integer,
    OUT cue_len integer,
    OUT pos integer,
    OUT len integer,
    OUT paragraph integer,
    OUT sentence integer,
    OUT speaker_key text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_extract_quotes'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 200000 ROWS 20;

COMMENT ON FUNCTION @extschema@.extract_quotes(text) IS
'quotations of a news article found by the default model (en): the words quoted, kind (direct, mixed, indirect, block), speaker resolved to a name, the speaker mention, cue and content as 1-based character position and length, paragraph and sentence numbers, and the speaker''s entity key';

/* ---- scalar form of extract_quotes (see entities_json above) ---- */

CREATE FUNCTION @extschema@.quotes_json(body text, model text)
RETURNS jsonb
LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE
COST 600000
BEGIN ATOMIC
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'quote', q.quote, 'kind', q.kind,
               'speaker', q.speaker, 'speaker_pos', q.speaker_pos, 'speaker_len', q.speaker_len,
               'cue', q.cue, 'cue_pos', q.cue_pos, 'cue_len', q.cue_len,
               'pos', q.pos, 'len', q.len, 'paragraph', q.paragraph, 'sentence', q.sentence,
               'speaker_key', q.speaker_key) ORDER BY q.n), '[]'::jsonb)
    FROM @extschema@.extract_quotes(body, model) WITH ORDINALITY
         AS q(quote, kind, speaker, speaker_pos, speaker_len, cue, cue_pos, cue_len,
              pos, len, paragraph, sentence, speaker_key, n);
END;

COMMENT ON FUNCTION @extschema@.quotes_json(text, text) IS
'the rows of extract_quotes(body, model) as a jsonb array of objects, in text order, for generated columns';

CREATE FUNCTION @extschema@.quotes_json(body text)
RETURNS jsonb
LANGUAGE sql STRICT IMMUTABLE PARALLEL SAFE
COST 600000
BEGIN ATOMIC
    SELECT @extschema@.quotes_json(body, 'en');
END;

COMMENT ON FUNCTION @extschema@.quotes_json(text) IS
'the rows of extract_quotes(body) as a jsonb array of objects, in text order, for generated columns';
