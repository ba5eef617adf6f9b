/* newsx--0.1.sql: text layer (sentences, tokens) */

-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION newsx" to load this file. \quit

CREATE FUNCTION @extschema@.sentences(
    body text,
    OUT n integer,
    OUT paragraph integer,
    OUT pos integer,
    OUT len integer,
    OUT sentence text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_sentences'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 500 ROWS 30;

COMMENT ON FUNCTION @extschema@.sentences(text) IS
'sentences of a news article: number, paragraph, 1-based character position and length, text';

CREATE FUNCTION @extschema@.tokens(
    body text,
    OUT n integer,
    OUT sentence integer,
    OUT pos integer,
    OUT len integer,
    OUT token text,
    OUT kind text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'newsx_tokens'
LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
COST 500 ROWS 700;

COMMENT ON FUNCTION @extschema@.tokens(text) IS
'tokens of a news article with sentence number, 1-based character position and length, and kind (word, number, punct, open_quote, close_quote, apostrophe, clitic, dash, symbol, emoji, other)';
