#!/usr/bin/env bash
# Levels a CSV of N job titles (default 1,000,000) with `rungs title --csv` and reports the time
# and the peak memory, to show the CSV path streams in constant memory.
#
#   scripts/bench-title-csv.sh [rows]
#
# Needs GNU time (/usr/bin/time, Debian package "time") for the memory figure.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p rungs
# The test set's titles, each with an id and a team column, repeated to the row count.
awk -v rows="$rows" -F'\n' '
    NR == 1 { next }
    { line = $0; if (substr(line, 1, 1) == "\"") { sub(/^"/, "", line); sub(/".*/, "", line) } else { sub(/,.*/, "", line) }
      titles[n++] = line }
    END {
        print "id,title,team"
        for (i = 0; i < rows; i++) printf "%d,\"%s\",team-%d\n", i, titles[i % n], i % 97
    }' crates/rungs-core/tests/it/fixtures/titles.csv > "$work/in.csv"
echo "input: $rows rows, $(du -h "$work/in.csv" | cut -f1)"
/usr/bin/time -f "elapsed %e s, peak memory %M KiB" \
    target/release/rungs title --csv "$work/in.csv" --column title --out "$work/out.csv"
echo "output: $(wc -l < "$work/out.csv") lines, $(du -h "$work/out.csv" | cut -f1)"
