#!/bin/bash
# valgrind.sh: the pg_regress suite against a throwaway cluster whose
# server runs under valgrind memcheck (make valgrind).  Every server
# process (postmaster and each backend, which valgrind follows across
# fork) writes its own log; the script prints each log that reports an
# error and exits 1 if any does.
#
#   test/valgrind.sh [TEST...]        (default: every test of sql/)
#
# As PostgreSQL's own valgrind runs do: --leak-check=no (the server frees
# by memory context at exit, not chunk by chunk), suppressions for the
# padding it writes on purpose (test/valgrind.supp).  A stock server is
# not built with USE_VALGRIND, so memcheck sees palloc chunks only as
# parts of malloc'd blocks: reads of uninitialised or unmapped memory and
# invalid frees are found, but not every use of a pfree'd chunk.
set -u
cd "$(dirname "$0")/.."

PG_CONFIG=${PG_CONFIG:-pg_config}
BINDIR=$($PG_CONFIG --bindir)
if [ "$(id -u)" -eq 0 ]; then AS_PG="runuser -u postgres --"; else AS_PG=""; fi
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/newsx-vg.XXXXXX")
chmod 755 "$dir"
mkdir "$dir/logs"
cp test/valgrind.supp "$dir/valgrind.supp"
cat >"$dir/postgres" <<SH
#!/bin/sh
exec valgrind --quiet --leak-check=no --track-origins=yes --num-callers=30 \\
    --suppressions=$dir/valgrind.supp --log-file=$dir/logs/%p.log \\
    --error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END \\
    $BINDIR/postgres "\$@"
SH
chmod 755 "$dir/postgres"
if [ -n "$AS_PG" ]; then chown -R postgres: "$dir"; fi
port=5432
stop() {
    $AS_PG "$BINDIR/pg_ctl" -D "$dir/data" -m fast -w -t 300 stop >/dev/null 2>&1 || true
}
trap 'stop; rm -rf "$dir"' EXIT INT TERM

$AS_PG "$BINDIR/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
start=$(date +%s)
$AS_PG "$BINDIR/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 300 -p "$dir/postgres" \
    -o "-p $port -k $dir -c listen_addresses='' -c jit=off" \
    start >/dev/null || { cat "$dir/server.log"; exit 1; }

export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=postgres
tests=${*:-}
if [ -n "$tests" ]; then
    make -s installcheck REGRESS="$tests"
else
    make -s installcheck
fi
regress=$?
stop
secs=$(( $(date +%s) - start ))

nlogs=$(ls "$dir/logs" | wc -l)
bad=0
for f in "$dir"/logs/*.log; do
    if grep -q "VALGRINDERROR-BEGIN" "$f"; then
        bad=$((bad + 1))
        echo "==== $(basename "$f" .log): $(grep -c VALGRINDERROR-BEGIN "$f") error(s)"
        head -120 "$f"
    fi
done
echo "valgrind: $nlogs server processes, $bad with errors; pg_regress exit $regress; ${secs} s"
[ $bad -eq 0 ] && [ $regress -eq 0 ]
