#!/bin/bash
# shards.sh: the README's queries over a coordinator and two shards
# (tools/shard-cluster: postgres_fdw foreign partitions) and its PL/Proxy
# functions (RUN ON ALL) give exactly the rows one server gives on the
# same articles; a shard that is down makes
# the coordinator's query fail with an error naming it, and the same query
# works again when the shard is back, nothing lost.
#
#   test/shards.sh            (part of make test; needs newsx installed)
#
# The articles: the samples, 40 times over, inserted through the
# coordinator (each row lands on the shard its id hashes to).  Each shard
# stores its articles' quotations and entities with newsx_backfill; the
# coordinator reads them through newsx_shards_attach.  The reference is a
# plain table of the same rows on the coordinator, extracted there.
# Prints one line per check and exits 1 if any fails.
set -eu
cd "$(dirname "$0")/.."
if [ -z "${COORD:-}" ]; then
    exec tools/shard-cluster run "$0" "$@"
fi
C="psql -X -q -At -v ON_ERROR_STOP=1 -h $COORD -p $COORD_PORT"
Q=$C
. test/checks.sh

n=0
for f in samples/*.txt; do
    n=$((n + 1))
    $C -v body="$(cat "$f")" -v n=$n <<'SQL'
INSERT INTO articles SELECT g * 100 + :n, :'body' FROM generate_series(1, 40) g;
SQL
done
$C -c "CREATE TABLE one_server AS SELECT * FROM articles" -c "ALTER TABLE one_server ADD PRIMARY KEY (id)"
check "rows spread over both shards" "
    SELECT (SELECT count(*) FROM articles_shard1) > 0 AND (SELECT count(*) FROM articles_shard2) > 0
       AND (SELECT count(*) FROM articles) = 320"

# each shard stores the results of its own articles
for s in "$SHARD1 $SHARD1_PORT" "$SHARD2 $SHARD2_PORT"; do
    psql -X -q -v ON_ERROR_STOP=1 -h ${s% *} -p ${s#* } \
        -c "CALL newsx_backfill('articles', 'body', 'quotes', 'article_quotes')" \
        -c "CALL newsx_backfill('articles', 'body', 'entities', 'article_entities')" \
        -c "CREATE INDEX ON articles USING gin (entity_keys(body))"
done
$C -c "CALL newsx_shards_attach('quotes')" -c "CALL newsx_shards_attach('entities')"

# the README's queries: top speakers, entities by type, the lookup by key
same "top speakers" \
    "SELECT speaker, speaker_key, count(*) FROM article_quotes WHERE speaker_key IS NOT NULL GROUP BY 1, 2" \
    "SELECT q.speaker, q.speaker_key, count(*) FROM one_server a, LATERAL extract_quotes(a.body) q
     WHERE q.speaker_key IS NOT NULL GROUP BY 1, 2"
same "entities by type" \
    "SELECT type, canonical, count(*) FROM article_entities GROUP BY 1, 2" \
    "SELECT e.type, e.canonical, count(*) FROM one_server a, LATERAL extract_entities(a.body) e GROUP BY 1, 2"
same "every stored quotation" \
    "SELECT * FROM article_quotes" \
    "SELECT a.id, q.* FROM one_server a, LATERAL extract_quotes(a.body) q"
same "articles by entity key (GIN on the shards)" \
    "SELECT id FROM articles WHERE entity_keys(body) @> ARRAY['person:maria okonkwo']" \
    "SELECT id FROM one_server WHERE entity_keys(body) @> ARRAY['person:maria okonkwo']"
same "extraction on the coordinator over the shards' articles" \
    "SELECT a.id, e.* FROM articles a, LATERAL extract_entities(a.body) e" \
    "SELECT a.id, e.* FROM one_server a, LATERAL extract_entities(a.body) e"
plan=$($C -c "EXPLAIN (VERBOSE) SELECT id FROM articles WHERE entity_keys(body) @> ARRAY['person:maria okonkwo']")
if [ "$(echo "$plan" | grep -c 'Remote SQL: .*entity_keys')" = 2 ]; then
    echo "ok   the key lookup runs on the shards"
else
    echo "FAIL the key lookup runs on the shards"; echo "$plan"; fail=1
fi

# PL/Proxy: the shards extract their own articles at once (RUN ON ALL)
same "PL/Proxy: every shard's quotations" \
    "SELECT * FROM newsx_all_quotes()" \
    "SELECT a.id, q.* FROM one_server a, LATERAL extract_quotes(a.body) q"
same "PL/Proxy: every shard's entities" \
    "SELECT * FROM newsx_all_entities()" \
    "SELECT a.id, e.* FROM one_server a, LATERAL extract_entities(a.body) e"

# a shard down: a clear error naming it; back: the same rows, nothing lost
tools/pg-cluster stop "$SHARD2"
err=$($C -c "SELECT speaker, count(*) FROM article_quotes GROUP BY 1" 2>&1 || true)
if echo "$err" | grep -q 'ERROR:.*server "shard2"'; then
    echo "ok   a shard down: the error names it"
else
    echo "FAIL a shard down: the error names it (got: $err)"; fail=1
fi
tools/pg-cluster start "$SHARD2" "$SHARD2_PORT"
same "the shard back: the same rows" \
    "SELECT * FROM article_quotes" \
    "SELECT a.id, q.* FROM one_server a, LATERAL extract_quotes(a.body) q"

# the dashboards (views/dashboards.sql) on the coordinator: each shard
# stores the results with its articles (section 1, run on the shard); the
# coordinator reads those columns through articles_stored, partitioned as
# articles is, and builds the views and materialized views (sections 2 to
# 4) on it; they hold the rows one server's dashboards hold
for s in "$SHARD1 $SHARD1_PORT" "$SHARD2 $SHARD2_PORT"; do
    sed -n '/^-- 1\. Results stored/,/^-- 2\. One row/p' views/dashboards.sql |
        psql -X -q -v ON_ERROR_STOP=1 -h ${s% *} -p ${s#* }
done
$C <<'SQL'
-- the dashboards' views take the names of the tables attached above
DROP TABLE article_quotes, article_entities;
CREATE TABLE articles_stored (id int NOT NULL, body text NOT NULL, published date,
                              entities jsonb, quotes jsonb) PARTITION BY HASH (id);
CREATE FOREIGN TABLE articles_stored_shard1 PARTITION OF articles_stored
    FOR VALUES WITH (MODULUS 2, REMAINDER 0) SERVER shard1 OPTIONS (table_name 'articles');
CREATE FOREIGN TABLE articles_stored_shard2 PARTITION OF articles_stored
    FOR VALUES WITH (MODULUS 2, REMAINDER 1) SERVER shard2 OPTIONS (table_name 'articles');
SQL
sed -n '/^-- 2\. One row/,$p' views/dashboards.sql |
    sed 's/^FROM articles a\([ ,]\|$\)/FROM articles_stored a\1/' | $C -v ON_ERROR_STOP=1
$C -c "CALL refresh_dashboards()"
$C -c "DROP DATABASE IF EXISTS one_server_db" -c "CREATE DATABASE one_server_db"
O="psql -X -q -At -v ON_ERROR_STOP=1 -h $COORD -p $COORD_PORT -d one_server_db"
$O -c "CREATE EXTENSION newsx" -c "CREATE TABLE articles (id int PRIMARY KEY, body text NOT NULL)"
$C -c "\copy (SELECT id, body FROM one_server) TO STDOUT" | $O -c "\copy articles FROM STDIN"
$O -f views/dashboards.sql
for v in top_speakers_daily top_speakers_weekly quoted_together entity_comentions \
         unnamed_sources_daily quoted_organisations repeated_quotations; do
    a=$($C -c "SELECT * FROM $v" | sort)
    b=$($O -c "SELECT * FROM $v" | sort)
    if [ -n "$a" ] && [ "$a" = "$b" ]; then
        echo "ok   dashboard $v: the rows of one server"
    else
        echo "FAIL dashboard $v: the rows of one server ($(echo "$a" | wc -l) against $(echo "$b" | wc -l) rows)"
        fail=1
    fi
done
$C -c "DROP DATABASE one_server_db"

$C -c "DROP TABLE one_server"
exit $fail
