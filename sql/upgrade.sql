-- upgrade.sql: the first released version updates to the current one
CREATE EXTENSION newsx VERSION '0.1';
SELECT extversion FROM pg_extension WHERE extname = 'newsx';
SELECT count(*) FROM sentences('One. Two.');
ALTER EXTENSION newsx UPDATE TO '0.2';
-- the library serves the 0.2 declaration of extract_quotes (13 columns)
SELECT quote, speaker, speaker_key
FROM extract_quotes('“We will win,” Angela Merkel said on Monday.');
-- a view of the user's on extract_quotes stops the update to 0.3, named
CREATE VIEW my_quotes AS SELECT quote, speaker FROM extract_quotes('“Yes,” she said.');
ALTER EXTENSION newsx UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'newsx';
DROP VIEW my_quotes;
ALTER EXTENSION newsx UPDATE;
SELECT extversion = (SELECT default_version FROM pg_available_extensions WHERE name = 'newsx') AS current
FROM pg_extension WHERE extname = 'newsx';
SELECT count(*) > 0 AS works FROM extract_entities('Angela Merkel visited Paris.');
SELECT quote, speaker, speech, length(quote_key) AS key_len
FROM extract_quotes('“We will win,” Angela Merkel said on Monday.');
SELECT jsonb_object_keys(quotes_json('“We will win,” Angela Merkel said on Monday.') -> 0) AS field
ORDER BY 1;
DROP EXTENSION newsx;
