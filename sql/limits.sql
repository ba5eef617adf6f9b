-- limits.sql: long inputs run until a statement timeout stops them
CREATE EXTENSION newsx;
SELECT length(repeat('Word, ', 17000000)) AS chars;  -- about 100 MB
SET statement_timeout = '1s';
SELECT count(*) FROM tokens(repeat('Word, ', 17000000));
SELECT count(*) FROM extract_entities(repeat('Vladimir Putin said. ', 5000000));
RESET statement_timeout;
-- a call stopped half-way gives back its scratch memory: the next calls are right
SELECT entity, type, pos, len FROM extract_entities('Vladimir Putin met Marco Rubio in Istanbul.');
SET statement_timeout = '1s';
DO $$
BEGIN
  PERFORM count(*) FROM extract_entities(repeat('Vladimir Putin said. ', 5000000));
EXCEPTION WHEN query_canceled THEN
  RAISE NOTICE 'stopped; then: %', (SELECT string_agg(entity || ' ' || type, ', ' ORDER BY pos)
                                    FROM extract_entities('Angela Merkel visited Paris.'));
END $$;
RESET statement_timeout;
SELECT quote, speaker FROM extract_quotes('"We will win," Angela Merkel said.');
-- a megabyte-long word and 100k quotation marks give rows
SELECT count(*), max(len) FROM tokens(repeat('a', 1000000));
SELECT count(*), count(DISTINCT kind) FROM tokens(repeat('"', 100000));
DROP EXTENSION newsx;
