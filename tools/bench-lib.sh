# bench-lib.sh: what tools/bench and tools/bench-against share; sourced
# (". tools/bench-lib.sh") from the project root with P set to a psql
# command line for the benchmark database.

# bench_corpus CORPUS COPIES: the table corpus(id, body) from CORPUS (a
# JSONL file with a "text" or "body" field a line, or a directory of .txt
# files; empty: the sample articles COPIES times); sets desc to say which.
bench_corpus() {
    $P -c "CREATE TABLE corpus (id serial PRIMARY KEY, body text NOT NULL)"
    if [ -z "$1" ]; then
        $P -f samples/load.sql >/dev/null
        $P -c "INSERT INTO corpus (body) SELECT body FROM articles, generate_series(1, $2)"
        desc="samples/*.txt x $2"
    elif [ -d "$1" ]; then
        for f in "$1"/*.txt; do
            $P -v body="$(cat "$f")" <<'SQL'
INSERT INTO corpus (body) VALUES (:'body');
SQL
        done
        desc="$1/*.txt"
    else
        # one JSON document a line; csv with impossible quote/delimiter keeps backslashes
        $P -c "CREATE TEMP TABLE raw (j text)" \
           -c "\\copy raw FROM '$1' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')" \
           -c "INSERT INTO corpus (body) SELECT coalesce(j::jsonb->>'text', j::jsonb->>'body') FROM raw WHERE j <> ''"
        desc="$1"
    fi
    $P -c "VACUUM ANALYZE corpus"
}

# bench_timers: the functions secs(q) (wall-clock seconds of running q),
# cpu_turns (below) and cpu_secs(q) (this backend's CPU seconds, from Linux
# /proc/self/schedstat in ns, which a shared machine's waits do not
# inflate; wall-clock seconds where the file cannot be read).
bench_timers() {
    $P <<'SQL'
CREATE FUNCTION secs(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz;
BEGIN
    t0 := clock_timestamp();
    EXECUTE q;
    RETURN extract(epoch FROM clock_timestamp() - t0);
END $$;
CREATE FUNCTION cpu_secs(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE c0 bigint;
BEGIN
    BEGIN
        c0 := split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint;
    EXCEPTION WHEN OTHERS THEN
        RETURN secs(q);
    END;
    EXECUTE q;
    RETURN (split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint - c0) / 1e9;
END $$;
-- cpu_turns(keys, sqls, rounds): each query once to warm up, then all of
-- them rounds times, taking turns (in reverse order every other round);
-- a row (its key, the backend's CPU seconds) a timed run
CREATE FUNCTION cpu_turns(keys text[], sqls text[], rounds int)
RETURNS TABLE (key text, secs float8) LANGUAGE plpgsql AS $$
DECLARE
    n int := coalesce(array_length(sqls, 1), 0);
    k int;
BEGIN
    FOR j IN 1..n LOOP
        PERFORM cpu_secs(sqls[j]);
    END LOOP;
    FOR i IN 1..rounds LOOP
        FOR j IN 1..n LOOP
            k := CASE WHEN i % 2 = 1 THEN j ELSE n + 1 - j END;
            key := keys[k];
            secs := cpu_secs(sqls[k]);
            RETURN NEXT;
        END LOOP;
    END LOOP;
END $$;
SQL
}
