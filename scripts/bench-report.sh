#!/usr/bin/env bash
# The team report served from the database against the same report from files, on one demo
# organization, in one run: time and peak memory of each, and that both answer the same.
#
#   scripts/bench-report.sh [people, default 100000] [runs, default 5]
#
# Builds the release binary, writes a demo organization (`rungs demo --cycles 2`), imports its
# roster and history into a fresh SQLite database, starts `rungs serve` on 127.0.0.1 and signs
# in. Then, run by run, it times `rungs team report --json` on the files and
# `GET /api/v1/team/report` on the server (interleaved, so both meet the same load on this
# shared machine) and keeps the best of each. Peak memory is the CLI's maximum resident size
# and the server's high-water mark (VmHWM) after every request, the server having started
# fresh. Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-100000}
runs=${2:-5}
. scripts/lib/demo-server.sh
day=2026-11-01
bench_start
bench_demo "$people" 2 "$day"
bench_serve
bench_sign_in "$work/cookies" > /dev/null

best_cli=
best_api=
peak_cli=0
for run in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/cli.time" "$rungs" team report \
        --roster "$work/demo/roster.csv" --assessments "$work/demo/assessments" \
        --as-of "$day" --json > "$work/cli.json"
    read -r t_cli m_cli < "$work/cli.time"
    t_api=$(curl -sf -b "$work/cookies" -o "$work/api.json" -w '%{time_total}' \
        "$base/api/v1/team/report?as_of=$day")
    echo "run $run: files $t_cli s ($m_cli KB), server $t_api s"
    best_cli=$(awk -v a="$t_cli" -v b="$best_cli" 'BEGIN { print (b == "" || a < b) ? a : b }')
    best_api=$(awk -v a="$t_api" -v b="$best_api" 'BEGIN { print (b == "" || a < b) ? a : b }')
    [ "$m_cli" -gt "$peak_cli" ] && peak_cli=$m_cli
done
peak_server=$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")
python3 - "$work/cli.json" "$work/api.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
if a != b:
    sys.exit("the two reports differ")
print(f"the two reports are the same: {a['people']} people, {a['assessments']} assessments")
EOF
awk -v c="$best_cli" -v s="$best_api" -v mc="$peak_cli" -v ms="$peak_server" 'BEGIN {
    printf "best: files %.3f s, server %.3f s, ratio %.2f (target at most 2.00)\n", c, s, s / c
    printf "peak memory: files %d MB, server %d MB, ratio %.2f (target at most 2.00)\n", mc / 1024, ms / 1024, ms / mc
}'
