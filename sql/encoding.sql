-- encoding.sql: databases in other encodings convert, or fail clearly
CREATE DATABASE newsx_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;
CREATE DATABASE newsx_ascii ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0;

\c newsx_latin1
SET client_encoding = 'UTF8';
SELECT getdatabaseencoding();
CREATE EXTENSION newsx;
-- positions count LATIN1 characters, text comes back in the database encoding
SELECT t.pos, t.len, t.token, t.kind, substr(b, t.pos, t.len) = t.token AS ok
FROM (SELECT 'Café «Zürich», said José Müller.' AS b) x, LATERAL tokens(b) t;
SELECT e.entity, e.type, substr(b, e.pos, e.len) = e.entity AS ok
FROM (SELECT 'José Müller flew from Zürich to São Paulo.' AS b) x, LATERAL extract_entities(b) e;

\c newsx_ascii
SET client_encoding = 'UTF8';
SELECT getdatabaseencoding();
CREATE EXTENSION newsx;
SELECT count(*) FROM sentences('Plain ASCII works. Like this.');
SELECT * FROM tokens(convert_from('\x436166c3a9', 'SQL_ASCII'));

\c contrib_regression
DROP DATABASE newsx_latin1;
DROP DATABASE newsx_ascii;
