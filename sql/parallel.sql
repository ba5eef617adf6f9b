-- parallel.sql: the planner runs extraction in parallel workers
CREATE EXTENSION newsx;
\i samples/load.sql
-- a table of articles as a newsroom would have it (the sample articles, 200 times)
CREATE TABLE many AS SELECT a.id * 1000 + g AS id, a.body FROM articles a, generate_series(1, 200) g;
-- article bodies live mostly in TOAST, so the table itself looks small to the
-- planner: say how many workers a scan of it deserves
ALTER TABLE many SET (parallel_workers = 2);
ANALYZE many;
SET max_parallel_workers_per_gather = 2;
-- with default settings, the COST of the functions makes parallel plans the
-- cheaper ones where the planner charges it per row: a set-returning
-- function in the select list, and aggregates over LATERAL calls
EXPLAIN (COSTS OFF)
CREATE MATERIALIZED VIEW many_quotes AS
SELECT id, (q).* FROM (SELECT id, extract_quotes(body) AS q FROM many) s;
EXPLAIN (COSTS OFF)
SELECT e.key, count(*) FROM many m, LATERAL extract_entities(m.body) e GROUP BY e.key;
-- a LATERAL function scan is costed once, not once per outer row (the
-- planner assumes its result is kept for rescans): to build a view from
-- LATERAL rows in parallel, make the workers cheap for that statement
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
EXPLAIN (COSTS OFF)
CREATE MATERIALIZED VIEW many_quotes AS
SELECT m.id, q.* FROM many m, LATERAL extract_quotes(m.body) q;
-- and the parallel result is the serial one
CREATE MATERIALIZED VIEW many_quotes AS
SELECT m.id, q.* FROM many m, LATERAL extract_quotes(m.body) q;
SET max_parallel_workers_per_gather = 0;
SELECT count(*) AS differ FROM (
  (SELECT * FROM many_quotes EXCEPT ALL
   SELECT m.id, q.* FROM many m, LATERAL extract_quotes(m.body) q)
  UNION ALL
  (SELECT m.id, q.* FROM many m, LATERAL extract_quotes(m.body) q EXCEPT ALL
   SELECT * FROM many_quotes)) d;
DROP MATERIALIZED VIEW many_quotes;
DROP TABLE many, articles;
DROP EXTENSION newsx;
