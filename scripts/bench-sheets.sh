#!/usr/bin/env bash
# A ladder to and from spreadsheets with the release binary: the built-in ladder exported as
# XLSX and as CSV and imported back, and a ladder of N competencies (default 200) on 12 levels
# imported from a folder of CSV sheets and from the XLSX it exports as. Reports each one's
# median wall time over 5 runs and the largest peak memory (GNU time).
#
#   scripts/bench-sheets.sh [competencies]
#
# Needs python3 and /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p rungs
rungs=$PWD/target/release/rungs

# The big ladder: 12 levels on the shared track, N competencies in areas of 20, a long
# expectation in every cell.
mkdir "$work/big"
python3 - "$work/big" "$n" <<'PY'
import csv, sys
out, n = sys.argv[1], int(sys.argv[2])
with open(f"{out}/Levels.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Id", "Title", "Track", "Rank", "Summary", "Experience"])
    for l in range(1, 13):
        w.writerow([f"l{l}", f"Level {l}", "shared", l, f"Rung {l} of 12.", f"{l - 1}-{l + 1}"])
with open(f"{out}/Matrix.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["Area", "Competency"] + [f"Level {l}" for l in range(1, 13)])
    for c in range(n):
        w.writerow([f"Area {c // 20}", f"Competency {c}"]
                   + [f"Competency {c} at level {l}: " + "what is expected, in a sentence or two. " * 3
                      for l in range(1, 13)])
PY

run() { # name, then the command; prints the median seconds and the peak MB of 5 runs
    local name=$1
    shift
    local times=() peak=0
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -o "$work/t" "$@" > /dev/null 2>&1
        read -r s kb < "$work/t"
        times+=("$s")
        peak=$(( kb > peak ? kb : peak ))
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    printf '%-58s %6s s %6d MB\n' "$name" "$median" $(( peak / 1024 ))
}

run "export the built-in ladder as XLSX" \
    "$rungs" framework export --format xlsx --out "$work/builtin.xlsx" --force
run "export the built-in ladder as CSV sheets" \
    "$rungs" framework export --format csv --out "$work/builtin-csv" --force
run "import the built-in ladder from its XLSX" \
    "$rungs" framework import "$work/builtin.xlsx" --out "$work/a.toml" --force
run "import the built-in ladder from its CSV sheets" \
    "$rungs" framework import "$work/builtin-csv" --out "$work/b.toml" --force
run "import $n competencies × 12 levels from CSV sheets" \
    "$rungs" framework import "$work/big" --name Big --out "$work/big.toml" --force
"$rungs" --framework "$work/big.toml" framework export --format xlsx --out "$work/big.xlsx" --force 2> /dev/null
run "import $n competencies × 12 levels from XLSX ($(( $(stat -c %s "$work/big.xlsx") / 1024 )) KB)" \
    "$rungs" framework import "$work/big.xlsx" --base none --out "$work/big2.toml" --force
cmp <("$rungs" --framework "$work/big.toml" framework export --json) \
    <("$rungs" --framework "$work/big2.toml" framework export --json) \
    && echo "the $n-competency ladder came back from its XLSX the same"
