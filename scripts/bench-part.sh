#!/usr/bin/env bash
# A manager's part of the organization against the whole of it, on one demo organization:
# the team report (`GET /api/v1/team/report?manager=`) and the people under a person
# (`GET /api/v1/people?under=`), each for the whole organization, the top of it (everyone
# below the CPO-level person) and a VP-level manager's part of about 176 people.
#
#   scripts/bench-part.sh [people, default 100000] [runs, default 3]
#
# The target (issue 27): a part costs in proportion to the part, not to the organization —
# everyone below the top within 1.5x the whole organization, a 176-person part under 0.1x it.
# Builds the release binary, writes the demo (`rungs demo --cycles 2`), imports it into a fresh
# SQLite database, serves it on 127.0.0.1 and signs in as an admin. Prints the best of `runs`
# for each. Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-100000}
runs=${2:-3}
. scripts/lib/demo-server.sh
day=2026-11-01
bench_start
bench_demo "$people" 2 "$day"

# The top person, and the manager whose part is nearest 176 people.
read -r top vp _ vp_size < <(bench_pick "$work/demo/roster.csv")

bench_serve
bench_sign_in "$work/cookies" > /dev/null

best() {
    local url=$1 b=
    for _ in $(seq "$runs"); do
        t=$(curl -sf -b "$work/cookies" -o /dev/null -w '%{time_total}' "$base$url")
        b=$(awk -v a="$t" -v b="$b" 'BEGIN { print (b == "" || a < b) ? a : b }')
    done
    echo "$b"
}

echo "organization: $people people; top: $top; part: $vp ($vp_size people)"
whole=$(best "/api/v1/team/report?as_of=$day")
all=$(best "/api/v1/team/report?as_of=$day&manager=$top")
part=$(best "/api/v1/team/report?as_of=$day&manager=$vp")
people_all=$(best "/api/v1/people?under=$top&limit=10000")
people_part=$(best "/api/v1/people?under=$vp&limit=10000")
awk -v w="$whole" -v a="$all" -v p="$part" -v pa="$people_all" -v pp="$people_part" \
    -v n="$vp_size" 'BEGIN {
    printf "team report, whole organization: %.3f s\n", w
    printf "team report, everyone below the top: %.3f s, %.2fx the whole (target at most 1.5x)\n", a, a / w
    printf "team report, a %d-person part: %.3f s, %.3fx the whole (target under 0.1x)\n", n, p, p / w
    printf "people under the top (first 10,000): %.3f s\n", pa
    printf "people under the part: %.3f s\n", pp
}'
