#!/bin/bash
# backfill.sh: newsx_backfill() under cancel, session death and concurrency.
# Needs newsx installed; runs on a throwaway cluster unless PGHOST is set.
#
#   test/backfill.sh            (part of make test)
#
# On 8,000 articles (the samples, 1,000 times): a backfill cancelled with
# pg_cancel_backend(), one whose backend is killed with
# pg_terminate_backend() and one whose server is stopped and started
# again each resume to exactly the rows of one query;
# two sessions on the two parts of a job, and two sessions on the same
# job, together store every row once.  Prints one line per check and
# exits 1 if any fails.
set -eu
cd "$(dirname "$0")/.."
if [ -z "${PGHOST:-}" ]; then
    exec tools/pg-cluster run "$0" "$@"
fi
P="psql -X -q -At -v ON_ERROR_STOP=1 -d postgres"
Q=$P
. test/checks.sh
# a stored table against the rows of one query over the articles
stored() {    # stored NAME FUNCTION TABLE
    same "$1" "SELECT * FROM $3" "SELECT a.id, x.* FROM bf_articles a, LATERAL $2(a.body) x"
}
# start a backfill call in the background; its output in $tmp/NAME
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start() {    # start NAME ARGS...
    local name=$1
    shift
    $P -c "CALL newsx_backfill($*)" >"$tmp/$name" 2>&1 &
}
# the pid of the session running a backfill into TABLE, once it has begun
backend() {
    local pid=""
    for _ in $(seq 100); do
        pid=$($P -c "SELECT pid FROM pg_stat_activity WHERE query LIKE 'CALL newsx_backfill(%$1%' AND pid <> pg_backend_pid() LIMIT 1")
        [ -n "$pid" ] && break
        sleep 0.05
    done
    echo "$pid"
}

# wait until a job into TABLE has stored a few batches (at most 20 s)
under_way() {
    for _ in $(seq 400); do
        [ "$($P -c "SELECT coalesce(max(rows_done), 0) >= 60 FROM newsx_backfill_progress
                    WHERE job LIKE '$1 %'")" = t ] && return 0
        sleep 0.05
    done
    echo "backfill into $1 did not get under way" >&2
    return 1
}

$P -c "DROP EXTENSION IF EXISTS newsx CASCADE" -c "CREATE EXTENSION newsx"
$P -c "DROP TABLE IF EXISTS bf_articles, bf_q1, bf_q2, bf_q3, bf_q4, bf_e"
$P -c "CREATE TABLE bf_articles (id int PRIMARY KEY, body text)"
n=0
for f in samples/*.txt; do
    n=$((n + 1))
    $P -v body="$(cat "$f")" -v n=$n <<'SQL'
INSERT INTO bf_articles SELECT g * 100 + :n, :'body' FROM generate_series(1, 1000) g;
SQL
done

# cancelled after a few batches, then resumed
start cancel "'bf_articles', 'body', 'quotes', 'bf_q1', batch_size => 20"
pid=$(backend bf_q1)
under_way bf_q1
$P -c "SELECT pg_cancel_backend($pid)" >/dev/null
wait
check "cancel: the call was cancelled" "SELECT $(grep -c 'canceling statement' "$tmp/cancel") = 1"
check "cancel: progress matches what is stored" "
    SELECT p.rows_done > 0 AND p.rows_done < p.rows_total AND p.finished IS NULL
       AND p.rows_done = (SELECT count(*) FROM bf_articles WHERE id <= p.last_key::int)
       AND p.results = (SELECT count(*) FROM bf_q1)
    FROM newsx_backfill_progress p WHERE p.job LIKE 'bf_q1 %'"
$P -c "CALL newsx_backfill('bf_articles', 'body', 'quotes', 'bf_q1', batch_size => 20)"
stored "cancel: resumed, every row once" extract_quotes bf_q1

# the backend killed, then resumed
start kill "'bf_articles', 'body', 'quotes', 'bf_q2', batch_size => 20"
pid=$(backend bf_q2)
under_way bf_q2
$P -c "SELECT pg_terminate_backend($pid)" >/dev/null
wait || true
check "terminate: progress matches what is stored" "
    SELECT p.rows_done > 0 AND p.finished IS NULL AND p.results = (SELECT count(*) FROM bf_q2)
    FROM newsx_backfill_progress p WHERE p.job LIKE 'bf_q2 %'"
$P -c "CALL newsx_backfill('bf_articles', 'body', 'quotes', 'bf_q2', batch_size => 20)"
stored "terminate: resumed, every row once" extract_quotes bf_q2

# the server stopped mid-run (fast shutdown) and started again, when this
# runs on a cluster of tools/pg-cluster (its data directory in PGHOST)
if [ -f "$PGHOST/data/PG_VERSION" ]; then
    start restart "'bf_articles', 'body', 'quotes', 'bf_q4', batch_size => 20"
    backend bf_q4 >/dev/null
    under_way bf_q4
    tools/pg-cluster stop "$PGHOST"
    wait || true
    tools/pg-cluster start "$PGHOST" "$PGPORT"
    check "restart: progress matches what is stored" "
        SELECT p.rows_done > 0 AND p.finished IS NULL AND p.results = (SELECT count(*) FROM bf_q4)
        FROM newsx_backfill_progress p WHERE p.job LIKE 'bf_q4 %'"
    $P -c "CALL newsx_backfill('bf_articles', 'body', 'quotes', 'bf_q4', batch_size => 20)"
    stored "restart: resumed, every row once" extract_quotes bf_q4
    $P -c "DROP TABLE bf_q4"
fi

# two sessions, the two parts of a job
start part0 "'bf_articles', 'body', 'entities', 'bf_e', batch_size => 50, part => 0, parts => 2"
start part1 "'bf_articles', 'body', 'entities', 'bf_e', batch_size => 50, part => 1, parts => 2"
wait
stored "two parts at once: every row once" extract_entities bf_e

# two sessions on the same job: the job's row lock takes turns
$P -c "CALL newsx_backfill('bf_articles', 'body', 'quotes', 'bf_q3', batch_size => 20, max_batches => 1)"
start same0 "'bf_articles', 'body', 'quotes', 'bf_q3', batch_size => 20"
start same1 "'bf_articles', 'body', 'quotes', 'bf_q3', batch_size => 20"
wait
stored "one job in two sessions: every row once" extract_quotes bf_q3

$P -c "DROP TABLE bf_articles, bf_q1, bf_q2, bf_q3, bf_e" -c "DROP EXTENSION newsx"
exit $fail
