-- entities.sql: extract_entities()
-- prerequisites: the extension and its default model
CREATE EXTENSION newsx;
SELECT count(*) > 0 AS model_works FROM extract_entities('Vladimir Putin met Marco Rubio in Istanbul.');
\i samples/load.sql

-- positions contract on every row
SELECT a.name, count(*) AS entities,
       count(*) FILTER (WHERE substr(a.body, e.pos, e.len) <> e.entity) AS bad
FROM articles a, LATERAL extract_entities(a.body) e GROUP BY a.name ORDER BY a.name;

-- the default model and the named one agree
SELECT count(*) AS differ FROM articles a,
  LATERAL (SELECT * FROM extract_entities(a.body)
           EXCEPT SELECT * FROM extract_entities(a.body, 'en')) d;

-- expected entities of the sample articles
SELECT a.name, e.entity, e.type, e.pos, e.len, e.sentence
FROM articles a, LATERAL extract_entities(a.body) e ORDER BY a.id, e.pos;

-- short forms link to the fullest form of the same entity in the article
SELECT a.name, e.entity, e.canonical, e.key
FROM articles a, LATERAL extract_entities(a.body) e
WHERE e.entity <> e.canonical ORDER BY a.id, e.pos;
SELECT entity, type, canonical, key FROM extract_entities(
  'Russian President Vladimir Putin met Marco Rubio. Putin’s spokesman said President Putin was pleased.');

-- NULL and empty text give no rows
SELECT count(*) FROM extract_entities(NULL);
SELECT count(*) FROM extract_entities('');
SELECT count(*) FROM extract_entities(E'  \n ', 'en');

-- model names are plain names of installed models
\set VERBOSITY terse
SELECT * FROM extract_entities('Putin', '../../etc/passwd');
SELECT * FROM extract_entities('Putin', 'xx');
SELECT * FROM extract_entities('Putin', 'xx');  -- the failure is remembered
\set VERBOSITY default

SELECT proname, pronargs, provolatile, proisstrict, proparallel
FROM pg_proc WHERE proname = 'extract_entities' ORDER BY pronargs;

DROP TABLE articles;
DROP EXTENSION newsx;
