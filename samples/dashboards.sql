-- dashboards.sql: the dashboards of views/dashboards.sql on the sample
-- articles, as a terminal report (run by `make demo` after demo.sql)
\pset footer off
\pset null ''

\echo '== Articles: headline, date, dateline and byline (article_meta) =='
SELECT a.name, m.date, m.headline, m.dateline, m.author,
       (SELECT count(*) FROM updates(a.body)) AS updates
FROM articles a, LATERAL article_meta(a.body) m ORDER BY m.date NULLS LAST, a.id;

\echo '== Live-blog updates (updates) =='
SELECT a.name, u.time, u.zone, u.text
FROM articles a, LATERAL updates(a.body) u ORDER BY a.id, u.n;

\echo '== Articles that mention Maria Okonkwo (GIN index on the stored entities column) =='
SELECT name, published FROM articles WHERE entities @> '[{"key": "person:maria okonkwo"}]' ORDER BY published;

\echo '== Top speakers by week (top_speakers_weekly, rank <= 3) =='
SELECT week, rank, speaker, quotes, articles
FROM top_speakers_weekly WHERE rank <= 3 ORDER BY week, rank, speaker;

\echo '== Top speakers by day (top_speakers_daily, rank 1) =='
SELECT day, speaker, quotes FROM top_speakers_daily WHERE rank = 1 ORDER BY day, speaker;

\echo '== Quoted together: named sources quoted in the same articles (quoted_together) =='
SELECT name_a, name_b, articles FROM quoted_together
WHERE articles > 1 ORDER BY articles DESC, name_a, name_b;

\echo '== Mentioned together in one sentence, in more than one article (entity_comentions) =='
SELECT name_a, name_b, articles, sentences FROM entity_comentions
WHERE articles > 1 AND sentences > 0 ORDER BY sentences DESC, articles DESC, name_a, name_b LIMIT 12;

\echo '== Who the quotes come from, by day (unnamed_sources_daily) =='
SELECT day, quotes, people, organisations, unnamed, unattributed,
       to_char(100 * unnamed_share, 'FM990') || ' %' AS unnamed_share
FROM unnamed_sources_daily ORDER BY day;

\echo '== Unnamed sources, as written =='
SELECT speaker, count(*) AS quotes FROM article_quotes
WHERE source_type = 'unnamed' GROUP BY speaker ORDER BY 2 DESC, 1 LIMIT 10;

\echo '== Most-quoted organisations (quoted_organisations) =='
SELECT organisation, quotes, as_speaker, through_people, articles
FROM quoted_organisations ORDER BY quotes DESC, organisation;
