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

# The top person, the manager whose part is nearest 176 people, and a member in the middle.
read -r top vp member < <(python3 - "$work/demo/roster.csv" <<'PY'
import csv, sys
from collections import defaultdict
rows = list(csv.DictReader(open(sys.argv[1])))
reports = defaultdict(list)
for r in rows:
    reports[r.get("manager") or ""].append(r["id"])
def count(p):
    stack, n = [p], 0
    while stack:
        q = stack.pop()
        n += 1
        stack.extend(reports.get(q, []))
    return n
top = reports[""][0]
vp = min((p for p in reports if p), key=lambda m: abs(count(m) - 176))
member = next(r["id"] for r in rows[len(rows) // 2:] if r["id"] not in reports)
print(top, vp, member)
PY
)

bench_serve
bench_sign_in "$work/admin" > /dev/null
csrf=$(curl -sf -b "$work/admin" "$base/api/v1/auth/me" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])')
for spec in "top manager $top" "vp manager $vp" "member member $member"; do
    set -- $spec
    curl -sf -b "$work/admin" -H "X-CSRF-Token: $csrf" -H 'content-type: application/json' \
        -d "{\"email\":\"$1@bench.invalid\",\"name\":\"$3\",\"password\":\"$password\",\"role\":\"$2\",\"person\":\"$3\"}" \
        "$base/api/v1/users" > /dev/null
    bench_sign_in "$work/$1" "$1@bench.invalid" > /dev/null
done

# The best of `runs` for one URL with one session: "status seconds KB".
best() {
    local b= r
    for _ in $(seq "$runs"); do
        r=$(curl -s -b "$1" -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "$base$2")
        if [ -z "$b" ] || awk -v a="${r#* }" -v b="${b#* }" 'BEGIN { exit !(a + 0 < b + 0) }'; then
            b=$r
        fi
    done
    echo "$b" | awk '{ printf "%s %.3fs %dK", $1, $2, $3 / 1024 }'
}

echo "organization: $people people, a review of everyone; top: $top; VP: $vp; member: $member"
printf '%-34s %-20s %-20s %-20s %-20s\n' view admin "top manager" "VP manager" member
for url in / /team /org /ladder /pay /cycles /cycles/1 "/cycles/1/people/$member" \
    /api/v1/team/report /api/v1/cycles/1/progress /api/v1/cycles/1/records \
    "/api/v1/people?limit=100"; do
    printf '%-34s' "$url"
    for who in admin top vp member; do
        printf ' %-20s' "$(best "$work/$who" "$url")"
    done
    echo
done
