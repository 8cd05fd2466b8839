#!/usr/bin/env bash
# Imports a demo organization of N people (default 100,000) into a fresh SQLite database: the
# roster with `rungs import roster`, then its assessment history (two cycles, about two
# assessments a person) with `rungs import assessments`; and each CSV into a plain table with
# the sqlite3 tool's `.import`. Reports the times and their ratios.
#
#   scripts/bench-import.sh [people] [runs, default 3]
#
# Needs the sqlite3 command-line tool (Debian package "sqlite3"). Each figure is the best of
# the runs; each run starts from a new database file.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-100000}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p rungs
rungs=target/release/rungs
"$rungs" demo --out "$work/demo" --people "$people" --cycles 2 --as-of 2026-11-01 > /dev/null
csv="$work/demo/roster.csv"
history="$work/demo/assessments/history.csv"
echo "roster: $(( $(wc -l < "$csv") - 1 )) rows, $(du -h "$csv" | cut -f1)"
echo "history: $(( $(wc -l < "$history") - 1 )) rows, $(du -h "$history" | cut -f1)"

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(b == "" || a < b) }'; }
min_r=
min_s=
min_rh=
min_sh=
for run in $(seq "$runs"); do
    rm -f "$work"/r.db* "$work"/s.db*
    RUNGS_ADMIN_PASSWORD=bench-password-123 "$rungs" admin create --db "$work/r.db" \
        --email bench@rungs.invalid --name Bench --organization Bench > /dev/null
    start=$(now)
    "$rungs" import roster "$csv" --db "$work/r.db" > /dev/null
    t_rungs=$(since "$start")

    start=$(now)
    sqlite3 "$work/s.db" ".import --csv $csv people"
    t_sqlite=$(since "$start")
    rows=$(sqlite3 "$work/s.db" "SELECT COUNT(*) FROM people")
    [ "$rows" = "$people" ] || { echo "sqlite3 imported $rows rows, not $people"; exit 1; }

    start=$(now)
    "$rungs" import assessments "$history" --db "$work/r.db" > /dev/null
    t_rungs_h=$(since "$start")
    start=$(now)
    sqlite3 "$work/s.db" ".import --csv $history history"
    t_sqlite_h=$(since "$start")
    echo "run $run: roster: rungs $t_rungs s, sqlite3 $t_sqlite s; history: rungs $t_rungs_h s, sqlite3 $t_sqlite_h s"
    if less "$t_rungs" "$min_r"; then min_r=$t_rungs; fi
    if less "$t_sqlite" "$min_s"; then min_s=$t_sqlite; fi
    if less "$t_rungs_h" "$min_rh"; then min_rh=$t_rungs_h; fi
    if less "$t_sqlite_h" "$min_sh"; then min_sh=$t_sqlite_h; fi
done
imported=$(sqlite3 "$work/r.db" "SELECT COUNT(*) FROM people")
[ "$imported" = "$people" ] || { echo "rungs imported $imported people, not $people"; exit 1; }
rows=$(( $(wc -l < "$history") - 1 ))
imported=$(sqlite3 "$work/r.db" "SELECT COUNT(*) FROM assessments")
[ "$imported" = "$rows" ] || { echo "rungs imported $imported assessments, not $rows"; exit 1; }
awk -v r="$min_r" -v s="$min_s" 'BEGIN { printf "roster, best: rungs %.3f s, sqlite3 %.3f s, ratio %.2f (target at most 3.00)\n", r, s, r / s }'
awk -v r="$min_rh" -v s="$min_sh" 'BEGIN { printf "history, best: rungs %.3f s, sqlite3 %.3f s, ratio %.2f (target at most 3.00)\n", r, s, r / s }'
