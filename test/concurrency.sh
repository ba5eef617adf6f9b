#!/bin/bash
# concurrency.sh: many sessions extracting at once give the same results
# as one session, without errors; and what each backend costs in memory.
#
#   test/concurrency.sh [CLIENTS [SECONDS]]      (default: 8 clients, 60 s)
#
# One session first computes a digest of extract_entities' rows (and
# extract_quotes', when it exists) for every sample article.  Then pgbench
# runs CLIENTS sessions for SECONDS, each transaction taking a random
# article, extracting again and recording any digest that differs.  Half
# way through, the private and shared memory of every pgbench backend is
# read from /proc (smaps_rollup, status).  Needs newsx installed and
# pgbench; runs on a throwaway cluster unless PGHOST is set.  Exits 1 on
# any failed transaction or differing result.
set -eu
cd "$(dirname "$0")/.."
if [ -z "${PGHOST:-}" ]; then
    exec tools/pg-cluster run "$0" "$@"
fi
clients=${1:-8}
secs=${2:-60}
PG_CONFIG=${PG_CONFIG:-pg_config}
PGBENCH=$($PG_CONFIG --bindir)/pgbench
P="psql -X -q -v ON_ERROR_STOP=1"
$P -d postgres -c "DROP DATABASE IF EXISTS newsx_conc" -c "CREATE DATABASE newsx_conc"
export PGDATABASE=newsx_conc
$P -c "CREATE EXTENSION newsx"
$P -f samples/load.sql >/dev/null

quotes=$($P -At -c "SELECT count(*) FROM pg_proc WHERE proname = 'extract_quotes'")
if [ "$quotes" -gt 0 ]; then
    qdigest="(SELECT md5(coalesce(string_agg(q::text, '|' ORDER BY q.pos, q.len, q.cue_pos), '')) FROM extract_quotes(a.body) q)"
else
    qdigest="''"
fi
edigest="(SELECT md5(coalesce(string_agg(e::text, '|' ORDER BY e.pos, e.len, e.type), '')) FROM extract_entities(a.body) e)"

# the reference, from one session
$P <<SQL
CREATE TABLE ref AS SELECT a.id, $edigest AS ents, $qdigest AS quotes FROM articles a;
CREATE UNLOGGED TABLE differ (id int, at timestamptz DEFAULT clock_timestamp());
SQL
n=$($P -At -c "SELECT count(*) FROM articles")

script=$(mktemp)
trap 'rm -f "$script"' EXIT
cat >"$script" <<SQL
\\set id random(1, $n)
INSERT INTO differ (id)
SELECT a.id FROM articles a JOIN ref r USING (id)
WHERE a.id = :id AND ($edigest <> r.ents OR $qdigest <> r.quotes);
SQL

echo "== $clients sessions for $secs s over $n articles (extract_entities$([ "$quotes" -gt 0 ] && echo ", extract_quotes")) =="
"$PGBENCH" -n -c "$clients" -j "$clients" -T "$secs" -f "$script" >"$script.out" 2>&1 &
bench=$!

# memory of the pgbench backends, half way through
sleep $((secs / 2))
$P <<'SQL'
\pset footer off
WITH b AS (
    SELECT pid,
           pg_read_file('/proc/' || pid || '/smaps_rollup') AS sm,
           pg_read_file('/proc/' || pid || '/status') AS st
    FROM pg_stat_activity WHERE application_name = 'pgbench'),
k AS (
    SELECT pid,
           substring(st FROM 'VmRSS:\s+(\d+)')::int AS rss,
           substring(st FROM 'RssAnon:\s+(\d+)')::int AS rss_anon,
           substring(st FROM 'RssFile:\s+(\d+)')::int AS rss_file,
           substring(st FROM 'RssShmem:\s+(\d+)')::int AS rss_shmem,
           substring(sm FROM 'Private_Clean:\s+(\d+)')::int
             + substring(sm FROM 'Private_Dirty:\s+(\d+)')::int AS private,
           substring(sm FROM 'Pss:\s+(\d+)')::int AS pss
    FROM b)
SELECT count(*) AS backends,
       round(avg(rss)) AS "RSS kB", round(avg(rss_anon)) AS "RssAnon kB",
       round(avg(rss_file)) AS "RssFile kB", round(avg(rss_shmem)) AS "RssShmem kB",
       round(avg(private)) AS "Private kB", max(private) AS "max Private kB",
       round(avg(pss)) AS "Pss kB"
FROM k;
SQL
status=0
wait $bench || status=$?
grep -E "number of (transactions actually processed|failed transactions)|tps|aborted|error" "$script.out" || true
rm -f "$script.out"
differ=$($P -At -c "SELECT count(*) FROM differ")
echo "results differing from one session: $differ; pgbench exit status: $status"
$P -d postgres -c "DROP DATABASE newsx_conc"
[ "$status" -eq 0 ] && [ "$differ" -eq 0 ]
