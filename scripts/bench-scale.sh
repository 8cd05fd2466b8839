#!/usr/bin/env bash
# Every view for each role, side by side, on one demo organization with a review of everyone:
# an admin, a manager at the top (everyone below them), a manager of about 176 people and a
# member. Prints, for each page and API answer, the status, the best time of `runs` and the
# size, and the team report of the whole organization to compare with.
#
#   scripts/bench-scale.sh [people, default 100000] [runs, default 2]
#
# Target (issue 27): every answer under 1 s of server time at 100,000 people, pages under
# 150 KB. SQLite, or PostgreSQL with BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432 (a
# database of its own, dropped after). Needs curl and python3 (and psql for PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-100000}
runs=${2:-2}
. scripts/lib/demo-server.sh
day=2026-11-01
bench_start
bench_demo "$people" 2 "$day"
"$rungs" cycle start "Everyone's review" --db "$db" > /dev/null

bench_serve
bench_roles "$work/demo/roster.csv"

echo "organization: $people people, a review of everyone; top: $top; VP: $vp; member: $member"
printf '%-34s %-20s %-20s %-20s %-20s\n' view admin "top manager" "VP manager" member
for url in / /team /org /ladder /pay /cycles /cycles/1 "/cycles/1/people/$member" \
    /api/v1/team/report /api/v1/cycles/1/progress /api/v1/cycles/1/records \
    "/api/v1/people?limit=100"; do
    printf '%-34s' "$url"
    for who in admin top vp member; do
        printf ' %-20s' "$(bench_best "$work/$who" "$url")"
    done
    echo
done
