/* newsx--0.1--0.2.sql: entities */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "ALTER EXTENSION newsx UPDATE TO '0.2'" to load this file. \quit

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
COST 1000 ROWS 40;

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
COST 1000 ROWS 40;

COMMENT ON FUNCTION @extschema@.extract_entities(text) IS
'named entities (PERSON, ORG, LOC, MISC) of a news article found by the default model (en), with 1-based character position and length, canonical name, join key, sentence number and confidence';
