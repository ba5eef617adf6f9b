-- upgrade.sql: the first released version updates to the current one
CREATE EXTENSION newsx VERSION '0.1';
SELECT extversion FROM pg_extension WHERE extname = 'newsx';
SELECT count(*) FROM sentences('One. Two.');
ALTER EXTENSION newsx UPDATE;
SELECT extversion = (SELECT default_version FROM pg_available_extensions WHERE name = 'newsx') AS current
FROM pg_extension WHERE extname = 'newsx';
SELECT count(*) > 0 AS works FROM extract_entities('Angela Merkel visited Paris.');
DROP EXTENSION newsx;
