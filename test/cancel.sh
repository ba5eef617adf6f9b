#!/bin/bash
# cancel.sh: how fast pg_cancel_backend() and statement_timeout stop a
# long newsx call.  Prints, for each function and input of about 100 MB,
# the seconds from the cancel request (or the timeout) to the end of the
# call.  Needs newsx installed; runs on a throwaway cluster unless PGHOST
# is set.
#
#   test/cancel.sh [SECONDS_BEFORE_CANCEL...]     (default: 0.5 2 5)
#
# Each call runs in its own session; a second session cancels it after the
# given delay.  The inputs are made in the server with repeat(): the
# sample articles (running text), one word of 100 MB, and one word then
# 100 MB of spaces (loops that make no tokens).
set -eu
cd "$(dirname "$0")/.."
if [ -z "${PGHOST:-}" ]; then
    exec tools/pg-cluster run "$0" "$@"
fi
delays=${*:-0.5 2 5}
P="psql -X -q -At -v ON_ERROR_STOP=1 -d postgres"
$P -c "DROP EXTENSION IF EXISTS newsx" -c "CREATE EXTENSION newsx"
# the inputs: a piece and how many times to repeat it
$P <<'SQL'
DROP TABLE IF EXISTS cancel_src;
CREATE TABLE cancel_src (name text PRIMARY KEY, piece text, times int);
SQL
for f in samples/*.txt; do
    $P -v body="$(cat "$f")" <<'SQL'
INSERT INTO cancel_src VALUES ('samples', :'body', 1)
ON CONFLICT (name) DO UPDATE SET piece = cancel_src.piece || E'\n\n' || excluded.piece;
SQL
done
$P <<'SQL'
UPDATE cancel_src SET times = 100000000 / octet_length(piece) WHERE name = 'samples';
INSERT INTO cancel_src VALUES ('one word', 'a', 100000000), ('spaces', ' ', 100000000);
SQL

now() { date +%s.%N; }

# run QUERY in a session, cancel it after DELAY s; print the latency
cancel_one() {   # LABEL DELAY QUERY
    local label=$1 delay=$2 query=$3 out pid t0 t1 t2
    out=$(mktemp)
    # the backend's pid first, then the long call
    ( $P -c "SELECT pg_backend_pid()" -c "$query" >"$out" 2>&1 || true; now >"$out.end" ) &
    local job=$!
    for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.05; done
    pid=$(head -1 "$out")
    t0=$(now)
    sleep "$delay"
    t1=$(now)
    # a call that already ended has nothing to cancel
    [ -e "$out.end" ] || $P -c "SELECT pg_cancel_backend($pid)" >/dev/null 2>&1 || true
    wait $job || true
    t2=$(cat "$out.end")
    if grep -q "canceling statement due to user request" "$out"; then
        printf '%-40s cancel after %4.1f s: stopped in %.3f s\n' "$label" "$delay" \
            "$(awk "BEGIN { print $t2 - $t1 }")"
    else
        printf '%-40s cancel after %4.1f s: ended by itself after %.3f s: %s\n' "$label" "$delay" \
            "$(awk "BEGIN { print $t2 - $t0 }")" "$(tail -1 "$out")"
    fi
    rm -f "$out" "$out.end"
}

# run QUERY under statement_timeout = TIMEOUT; print the time past it
timeout_one() {  # LABEL TIMEOUT_S QUERY
    local label=$1 t=$2 query=$3 t0 t1 msg
    t0=$(now)
    msg=$($P -c "SET statement_timeout = '${t}s'" -c "$query" 2>&1 || true)
    t1=$(now)
    if echo "$msg" | grep -q "statement timeout"; then
        printf '%-40s statement_timeout %4.1f s: stopped %.3f s after it\n' "$label" "$t" \
            "$(awk "BEGIN { print $t1 - $t0 - $t }")"
    else
        printf '%-40s statement_timeout %4.1f s: ended by itself after %.3f s\n' "$label" "$t" \
            "$(awk "BEGIN { print $t1 - $t0 }")"
    fi
}

for fn in extract_entities extract_quotes tokens; do
    $P -c "SELECT 1 FROM pg_proc WHERE proname = '$fn'" | grep -q 1 || continue
    for src in samples "one word" spaces; do
        q="SELECT count(*) FROM cancel_src, LATERAL $fn(repeat(piece, times)) WHERE name = '$src'"
        for d in $delays; do
            cancel_one "$fn, 100 MB of $src" "$d" "$q"
        done
        timeout_one "$fn, 100 MB of $src" 1 "$q"
    done
done
$P -c "DROP TABLE cancel_src" -c "DROP EXTENSION newsx"
