-- quotes_debug.sql: quotes_debug(), the rules behind every quotation
-- prerequisites: the extension and its default quotation model
CREATE EXTENSION newsx;
SELECT count(*) > 0 AS model_works FROM quotes_debug('“We will win,” Smith said.');
\i samples/load.sql

-- the same rows as extract_quotes, in the same order, on every sample article
SELECT a.name, count(*) AS quotes,
       count(*) FILTER (WHERE d.quote IS DISTINCT FROM q.quote OR d.pos <> q.pos OR d.len <> q.len
                          OR d.kind <> q.kind OR d.speaker IS DISTINCT FROM q.speaker
                          OR d.cue IS DISTINCT FROM q.cue) AS differ
FROM articles a,
     LATERAL (SELECT * FROM quotes_debug(a.body)) d
     JOIN LATERAL (SELECT *, row_number() OVER () AS n FROM extract_quotes(a.body)) q ON q.n = d.n
GROUP BY a.name ORDER BY a.name;

-- every row names the pass and rule that made it, and its rules hold both
-- that rule and the last one that changed it
SELECT count(*) AS rows,
       count(*) FILTER (WHERE rule <> ALL (rules) OR last_rule <> ALL (rules)) AS inconsistent,
       count(DISTINCT pass) > 0 AS passes_named
FROM articles a, LATERAL quotes_debug(a.body);

-- which rules make the rows of the sample articles
SELECT pass, rule, count(*) AS quotes
FROM articles a, LATERAL quotes_debug(a.body)
GROUP BY 1, 2 ORDER BY 1, 2;

-- one row a rule shape: a tagged quotation, according to, As X put it,
-- a name and a colon, a pronoun resolved to a name
SELECT n, quote, speaker, cue, pass, rule, rules
FROM quotes_debug('“We will win,” Mayor Ana Costa said on Monday. “It is over,” she said.');
SELECT n, quote, speaker, cue, rule, rules
FROM quotes_debug('The harbour will reopen next week, according to port officials.');
SELECT n, quote, speaker, cue, rule, rules
FROM quotes_debug('As the mayor put it in her memo to staff, the port will stay closed until the spring.');
SELECT n, quote, speaker, cue, rule, last_rule, rules
FROM quotes_debug('But at the time, as the prosecutor put it, “this was a crime of greed.”');
SELECT n, quote, speaker, cue, rule, rules
FROM quotes_debug(E'Ana Costa: We will reopen the port on Monday.\n\nThe council met again.');

-- the named model gives the same rows
SELECT count(*) AS differ FROM articles a,
  LATERAL (SELECT * FROM quotes_debug(a.body)
           EXCEPT SELECT * FROM quotes_debug(a.body, 'en')) d;

-- empty input, and a bad model name
SELECT count(*) FROM quotes_debug('');
SELECT count(*) FROM quotes_debug('“Yes,” he said.', 'no such model');

DROP TABLE articles;
DROP EXTENSION newsx;
