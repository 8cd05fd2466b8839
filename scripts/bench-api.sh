#!/usr/bin/env bash
# Requests per second of the evaluate endpoint and of a person's gap (issue 27: at least 0.2x
# /healthz, or the measurement that shows why not) against /healthz on the same server.
#
#   scripts/bench-api.sh [seconds per run, default 10] [connections, default 32]
#
# Builds release binaries, starts `rungs serve` on a fresh SQLite file on 127.0.0.1, makes an
# admin and an API token, then runs the load generator (crates/rungs-web/examples/load.rs) at
# GET /healthz, at POST /api/v1/evaluate with examples/ada-manager.json and at GET
# /api/v1/people/p-000002/gap of a 100-person demo organization, one after the other.
# The server and the load generator share this machine's cores. Needs curl.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
. scripts/lib/demo-server.sh
cargo build --release -q -p rungs-web --example load
load=target/release/examples/load
bench_start
bench_demo 100 2 2026-11-01
bench_serve
signed_in=$(bench_sign_in "$work/cookies")
csrf=$(printf '%s' "$signed_in" | grep -o '"csrf_token":"[^"]*"' | cut -d'"' -f4)
created=$(curl -sf -b "$work/cookies" -H "x-csrf-token: $csrf" -H 'content-type: application/json' \
    -d '{"name":"bench"}' "$base/api/v1/tokens")
token=$(printf '%s' "$created" | grep -o '"token":"[^"]*"' | cut -d'"' -f4)

# The answer must be right before its speed means anything.
curl -sf -H "authorization: Bearer $token" -H 'content-type: application/json' \
    --data-binary @examples/ada-manager.json "$base/api/v1/evaluate" | grep -q '"level"'

echo "server: rungs serve (release) on $(nproc) cores; load: 1 thread, $connections connections, ${seconds} s after a 2 s warm-up"
"$load" --url "$base/healthz" --connections "$connections" --seconds "$seconds" | tee "$work/healthz"
"$load" --url "$base/api/v1/evaluate" --method POST --connections "$connections" --seconds "$seconds" \
    --header "Authorization: Bearer $token" --header 'Content-Type: application/json' \
    --body-file examples/ada-manager.json | tee "$work/evaluate"
curl -sf -H "authorization: Bearer $token" "$base/api/v1/people/p-000002/gap" | grep -q '"gaps"'
"$load" --url "$base/api/v1/people/p-000002/gap" --connections "$connections" --seconds "$seconds" \
    --header "Authorization: Bearer $token" | tee "$work/gap"
rps() { sed -E 's/.*: ([0-9]+) requests\/s.*/\1/' "$1"; }
h=$(rps "$work/healthz")
e=$(rps "$work/evaluate")
g=$(rps "$work/gap")
awk -v h="$h" -v e="$e" -v g="$g" 'BEGIN {
    printf "evaluate / healthz = %.2f (the 0.50 target is withdrawn: docs/performance.md)\n", e / h
    printf "gap / healthz = %.2f (issue 27: at least 0.20, or why not)\n", g / h
}'
