/* newsx--0.2--0.3.sql: quotes_debug */

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
