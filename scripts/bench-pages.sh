#!/usr/bin/env bash
# Each page's server time against the API answers it is built from, on the same data, and what
# each page transfers (HTML, CSS and SVG together), in one run.
#
#   scripts/bench-pages.sh [people, default 2000] [runs, default 15]
#
# Builds the release binary, writes a demo organization, imports it into a fresh SQLite
# database, adds an admin and a member linked to a Senior PM with assessments, starts
# `rungs serve` on 127.0.0.1 and signs both in. Then for each page it times the page and the
# API calls behind it, run by run (interleaved, so both meet the same load on this shared
# machine), and keeps the median of each. Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-2000}
runs=${2:-15}
. scripts/lib/demo-server.sh
day=$(date -u +%F)
bench_start
bench_demo "$people" 4 "$day"
bench_serve
csrf=$(bench_sign_in "$work/admin" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
# A Senior PM with assessments, as a member: the pages a product manager uses are theirs.
person=$(awk -F, 'NR > 1 && $5 == "senior-pm" && $7 != "" { print $1; exit }' "$work/demo/roster.csv")
curl -sf -b "$work/admin" -H "x-csrf-token: $csrf" -H 'content-type: application/json' \
    -d "{\"email\":\"pm@bench.invalid\",\"name\":\"A PM\",\"password\":\"$password\",\"role\":\"member\",\"person\":\"$person\"}" \
    "$base/api/v1/users" > /dev/null
bench_sign_in "$work/pm" pm@bench.invalid > /dev/null

python3 - "$base" "$work/pm" "$person" "$runs" <<'PY'
import http.cookiejar, statistics, sys, time, urllib.request
base, jar_path, person, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
jar = http.cookiejar.MozillaCookieJar(jar_path)
jar.load(ignore_discard=True, ignore_expires=True)
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def fetch(path):
    t = time.perf_counter()
    with opener.open(base + path) as r:
        body = r.read()
    return time.perf_counter() - t, len(body), body
api = f"/api/v1/people/{person}"
pairs = [
    ("/", [f"{api}/gap", f"{api}/plan?to=principal-pm"]),
    ("/ladder", ["/api/v1/levels", "/api/v1/pay/pm"]),
    ("/levels/senior-pm", ["/api/v1/levels/senior-pm"]),
    ("/compare?from=pm&to=senior-pm", ["/api/v1/compare?a=pm&b=senior-pm"]),
    ("/pay?level=pm&amount=150000", ["/api/v1/pay/pm/check?amount=150000"]),
    ("/explore", ["/api/v1/explore"]),
    ("/path?from=senior-pm&to=director", ["/api/v1/path?from=senior-pm&to=director", "/api/v1/path/destinations?from=senior-pm&runs=2000"]),
    ("/me/assessments", [f"{api}/assessments"]),
    ("/me/gap", [f"{api}/gap"]),
    ("/me/plan?to=principal-pm", [f"{api}/plan?to=principal-pm"]),
    ("/me/packet?to=principal-pm", [f"{api}/packet?to=principal-pm&format=html"]),
]
css = len(fetch("/static/rungs.css")[2])
print(f"{'page':38} {'page s':>9} {'api s':>9} {'ratio':>6} {'KB':>6}")
worst = 0.0
for page, calls in pairs:
    pt, at = [], []
    size = 0
    for _ in range(runs):
        t, n, body = fetch(page)
        pt.append(t)
        size = n + (css if b"/static/rungs.css" in body else 0) + (
            len(fetch("/static/print.css")[2]) if b"/static/print.css" in body else 0)
        at.append(sum(fetch(c)[0] for c in calls))
    p, a = statistics.median(pt), statistics.median(at)
    worst = max(worst, p / a)
    flag = "" if p / a <= 1.5 and size <= 150 * 1024 else "  <- over"
    print(f"{page:38} {p:9.4f} {a:9.4f} {p / a:6.2f} {size / 1024:6.1f}{flag}")
print(f"worst ratio {worst:.2f} (target at most 1.50); every page at most 150 KB with its CSS")
PY
