/* newsx--0.2--0.3.sql: quotes_debug; speech and quote_key columns of extract_quotes */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION newsx UPDATE TO '0.3'" to load this file. \quit

CREATE FUNCTION @extschema@.quotes_debug(
    body text,
    model text,
    OUT n integer,
    OUT quote text,
    OUT kind text,
    OUT speaker text,
    OUT cue text,
    OUT pos integer,
    OUT len integer,
    OUT pass text,
    OUT rule text,
    OUT last_rule text,
    OUT rules text[])
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_quotes_debug'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 200000 ROWS 20;

COMMENT ON FUNCTION @extschema@.quotes_debug(text, text) IS
'the rows of extract_quotes(body, model) in the same order (n), with the pass and rule that made each, the rule that last changed it, and every rule that made or changed it, in the order of the pipeline';

CREATE FUNCTION @extschema@.quotes_debug(
    body text,
    OUT n integer,
    OUT quote text,
    OUT kind text,
    OUT speaker text,
    OUT cue text,
    OUT pos integer,
    OUT len integer,
    OUT pass text,
    OUT rule text,
    OUT last_rule text,
    OUT rules text[])
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_quotes_debug'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 200000 ROWS 20;

COMMENT ON FUNCTION @extschema@.quotes_debug(text) IS
'the rows of extract_quotes(body) in the same order (n), with the pass and rule that made each, the rule that last changed it, and every rule that made or changed it, in the order of the pipeline';

/*
 * extract_quotes gains two columns, speech and quote_key, at the end.  A
 * function's result type cannot change in place: the functions are
 * dropped and made again, with quotes_json that reads them.  Objects of
 * the database built on them (views, generated columns) would be dropped
 * too; the update stops instead, naming them.
 */
DO $$
DECLARE
    dependents text;
BEGIN
    SELECT string_agg(DISTINCT pg_describe_object(d.classid, d.objid, d.objsubid), ', ')
      INTO dependents
      FROM pg_depend d
     WHERE d.refclassid = 'pg_proc'::regclass
       AND d.refobjid IN (SELECT p.oid FROM pg_proc p
                           WHERE p.pronamespace = '@extschema@'::regnamespace
                             AND p.proname IN ('extract_quotes', 'quotes_json'))
       AND d.deptype = 'n'
       AND NOT EXISTS (SELECT 1 FROM pg_depend e
                        WHERE e.classid = d.classid AND e.objid = d.objid
                          AND e.refclassid = 'pg_extension'::regclass AND e.deptype = 'e');
    IF dependents IS NOT NULL THEN
        RAISE EXCEPTION 'cannot update newsx to 0.3 because other objects depend on extract_quotes or quotes_json'
            USING ERRCODE = 'dependent_objects_still_exist',
                  DETAIL = 'Depending on them: ' || dependents || '.',
                  HINT = 'Drop them, run ALTER EXTENSION newsx UPDATE, and create them again.';
    END IF;
END;
$$;

DROP FUNCTION @extschema@.quotes_json(text);
DROP FUNCTION @extschema@.quotes_json(text, text);
DROP FUNCTION @extschema@.extract_quotes(text);
DROP FUNCTION @extschema@.extract_quotes(text, text);

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
    OUT speaker_key text,
    OUT speech boolean,
    OUT quote_key text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_extract_quotes'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 200000 ROWS 20;

COMMENT ON FUNCTION @extschema@.extract_quotes(text, text) IS
'quotations of a news article found by the named model: the words quoted, kind (direct, mixed, indirect, block), speaker resolved to a name, the speaker mention, cue and content as 1-based character position and length, paragraph and sentence numbers, the speaker''s entity key, whether it reports speech (said, wrote) rather than a belief (believes, wants), and a key of the quoted words shared by the same quotation in other articles';

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
    OUT speaker_key text,
    OUT speech boolean,
    OUT quote_key text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_extract_quotes'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 200000 ROWS 20;

COMMENT ON FUNCTION @extschema@.extract_quotes(text) IS
'quotations of a news article found by the default model (en): the words quoted, kind (direct, mixed, indirect, block), speaker resolved to a name, the speaker mention, cue and content as 1-based character position and length, paragraph and sentence numbers, the speaker''s entity key, whether it reports speech (said, wrote) rather than a belief (believes, wants), and a key of the quoted words shared by the same quotation in other articles';

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
               'speaker_key', q.speaker_key, 'speech', q.speech, 'quote_key', q.quote_key)
               ORDER BY q.n), '[]'::jsonb)
    FROM @extschema@.extract_quotes(body, model) WITH ORDINALITY
         AS q(quote, kind, speaker, speaker_pos, speaker_len, cue, cue_pos, cue_len,
              pos, len, paragraph, sentence, speaker_key, speech, quote_key, n);
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
