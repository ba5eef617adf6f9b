-- demo.sql: what newsx finds in the sample articles (run by `make demo`)
\pset footer off
\echo
\echo '== The articles =='
SELECT id, name, length(body) AS chars,
       (SELECT count(*) FROM sentences(body)) AS sentences,
       (SELECT count(*) FROM tokens(body)) AS tokens
FROM articles ORDER BY id;

\echo '== First sentences of each article (the metadata header is a sentence of its own) =='
SELECT a.name, s.n, s.paragraph, s.pos, s.len, s.sentence
FROM articles a, LATERAL sentences(a.body) s
WHERE s.n <= 3 ORDER BY a.id, s.n;

\echo '== Tokens of one sentence: quotation marks, clitics, abbreviations =='
SELECT t.n, t.pos, t.len, t.token, t.kind
FROM articles a, LATERAL tokens(a.body) t
WHERE a.name = 'council-budget' AND t.sentence = 9;

\echo '== Who and where: entities by type =='
SELECT e.type, e.entity, count(*) AS mentions
FROM articles a, LATERAL extract_entities(a.body) e
GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2;
