# checks.sh: the checks the shell tests share (sourced, not run).
#
# Set Q to the psql command the checks query with (-At); each check
# prints "ok   NAME" or "FAIL NAME (...)" and sets fail=1 when it fails.
fail=0
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

check() {    # check NAME SQL: the query must return t
    local got
    got=$($Q -c "$2" 2>&1) || true
    if [ "$got" = t ]; then echo "ok   $1"; else echo "FAIL $1 (got $got)"; fail=1; fi
}

same() {    # same NAME QUERY_A QUERY_B: the same rows, as many of each, and some
    check "$1" "SELECT count(*) = 0 AND (SELECT count(*) FROM ($2) a) = (SELECT count(*) FROM ($3) b)
                   AND (SELECT count(*) FROM ($3) b) > 0
                FROM (($2 EXCEPT ALL $3) UNION ALL ($3 EXCEPT ALL $2)) d"
}
