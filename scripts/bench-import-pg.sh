#!/usr/bin/env bash
# A roster of N people (default 100,000) imported into PostgreSQL by `rungs import roster`,
# against `psql \copy` of the same rows (as Rungs stored them) into a table with the same keys
# and indexes (`CREATE TABLE … (LIKE people INCLUDING ALL)`). Prints the best of `runs`.
#
#   scripts/bench-import-pg.sh [people] [runs, default 3] [server, default postgres://postgres@127.0.0.1:5432]
#
# Target (issue 27): within 3x `psql \copy`. Makes and drops a database of its own; needs psql.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-100000}
runs=${2:-3}
server=${3:-postgres://postgres@127.0.0.1:5432}
work=$(mktemp -d)
export PGOPTIONS=--client-min-messages=warning
name=rungs_bench_import_$$
trap 'psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS $name" > /dev/null 2>&1; rm -rf "$work"' EXIT

cargo build --release -q -p rungs
rungs=target/release/rungs
"$rungs" demo --out "$work/demo" --people "$people" --cycles 2 --as-of 2026-11-01 > /dev/null
db="$server/$name"
columns="key, name, email, title, level, track, manager_key, rung_start, pay, currency, stage, location"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(b == "" || a < b) }'; }
best_r=
best_c=
for run in $(seq "$runs"); do
    psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" > /dev/null
    RUNGS_ADMIN_PASSWORD=bench-password-123 "$rungs" admin create --db "$db" \
        --email bench@rungs.invalid --name Bench --organization Bench > /dev/null
    start=$(now)
    "$rungs" import roster "$work/demo/roster.csv" --db "$db" > /dev/null
    t_rungs=$(since "$start")
    # The same rows as Rungs stored them, into a table with the same keys and indexes.
    psql -q "$db" -c "\\copy (SELECT $columns FROM people) TO '$work/people.csv' CSV" > /dev/null
    psql -q "$db" <<SQL > /dev/null
CREATE TABLE copied (LIKE people INCLUDING ALL);
ALTER TABLE copied ALTER org_id SET DEFAULT 1, ALTER version SET DEFAULT 1,
    ALTER created_at SET DEFAULT 0, ALTER updated_at SET DEFAULT 0;
SQL
    start=$(now)
    psql -q "$db" -c "\\copy copied ($columns) FROM '$work/people.csv' CSV" > /dev/null
    t_copy=$(since "$start")
    rows=$(psql -tA "$db" -c "SELECT COUNT(*) FROM copied")
    [ "$rows" = "$people" ] || { echo "psql copied $rows rows, not $people"; exit 1; }
    echo "run $run: rungs import roster $t_rungs s, psql \\copy $t_copy s"
    if less "$t_rungs" "$best_r"; then best_r=$t_rungs; fi
    if less "$t_copy" "$best_c"; then best_c=$t_copy; fi
done
awk -v r="$best_r" -v c="$best_c" -v n="$people" 'BEGIN {
    printf "roster of %d people: rungs %.3f s, psql \\copy %.3f s: %.2fx (target at most 3x)\n", n, r, c, r / c
}'
