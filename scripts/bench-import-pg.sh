#!/usr/bin/env bash
# A roster of N people (default 100,000) and its history (two cycles, about two assessments a
# person) imported into PostgreSQL by `rungs import roster` and `rungs import assessments`,
# each against `psql \copy` of the same rows (as Rungs stored them) into a table with the same
# keys and indexes (`CREATE TABLE … (LIKE people INCLUDING ALL)`). Prints the best of `runs`.
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
history_columns="person_key, framework_version, date, assessor_kind, assessor, track, level, \
ratings, milestones, evidence, notes, created_at, created_by"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(b == "" || a < b) }'; }
best_r=
best_c=
best_rh=
best_ch=
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

    start=$(now)
    "$rungs" import assessments "$work/demo/assessments" --db "$db" > /dev/null
    t_rungs_h=$(since "$start")
    psql -q "$db" -c "\\copy (SELECT $history_columns FROM assessments) TO '$work/history.csv' CSV" > /dev/null
    psql -q "$db" <<SQL > /dev/null
CREATE TABLE copied_history (LIKE assessments INCLUDING ALL);
ALTER TABLE copied_history ALTER org_id SET DEFAULT 1;
SQL
    start=$(now)
    psql -q "$db" -c "\\copy copied_history ($history_columns) FROM '$work/history.csv' CSV" > /dev/null
    t_copy_h=$(since "$start")
    echo "run $run: roster: rungs $t_rungs s, psql \\copy $t_copy s; history: rungs $t_rungs_h s, psql \\copy $t_copy_h s"
    if less "$t_rungs" "$best_r"; then best_r=$t_rungs; fi
    if less "$t_copy" "$best_c"; then best_c=$t_copy; fi
    if less "$t_rungs_h" "$best_rh"; then best_rh=$t_rungs_h; fi
    if less "$t_copy_h" "$best_ch"; then best_ch=$t_copy_h; fi
done
assessments=$(psql -tA "$db" -c "SELECT COUNT(*) FROM assessments")
awk -v r="$best_r" -v c="$best_c" -v rh="$best_rh" -v ch="$best_ch" -v n="$people" -v a="$assessments" 'BEGIN {
    printf "roster of %d people: rungs %.3f s, psql \\copy %.3f s: %.2fx (target at most 3x)\n", n, r, c, r / c
    printf "history of %d assessments: rungs %.3f s, psql \\copy %.3f s: %.2fx (target at most 3x)\n", a, rh, ch, rh / ch
}'
