#!/usr/bin/env bash
# The head of product's pages against the team report API answer on the same data, and what
# each page transfers (HTML, CSS and SVG together), in one run.
#
#   scripts/bench-org.sh [people, default 100000] [runs, default 5]
#
# Builds the release binary, writes a demo organization with its history, imports it into a
# fresh SQLite database, starts `rungs serve` on 127.0.0.1 and signs the admin in. Then for each
# page it times the page and `GET /api/v1/team/report` run by run (interleaved, so both meet the
# same load on this shared machine) and keeps the median of each. Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-100000}
runs=${2:-5}
. scripts/lib/demo-server.sh
day=$(date -u +%F)
bench_start
bench_demo "$people" 4 "$day"
bench_serve
bench_sign_in "$work/admin" > /dev/null
# A manager high in the organization, for the pages scoped to a part of it.
manager=$(awk -F, 'NR > 1 && $5 == "vp" { print $1; exit }' "$work/demo/roster.csv")

python3 - "$base" "$work/admin" "$manager" "$runs" <<'PY'
import http.cookiejar, statistics, sys, time, urllib.request
base, jar_path, manager, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
jar = http.cookiejar.MozillaCookieJar(jar_path)
jar.load(ignore_discard=True, ignore_expires=True)
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def fetch(path):
    t = time.perf_counter()
    with opener.open(base + path) as r:
        body = r.read()
    return time.perf_counter() - t, len(body), body
report = "/api/v1/team/report"
pairs = [
    ("/org", [report]),
    (f"/org?under={manager}", [f"{report}?manager={manager}"]),
    ("/team", [report]),
    ("/team?sort=ready&ready=ready-now", [report]),
]
sizes_only = ["/admin", "/admin/data", "/admin/framework", "/admin/framework/edit?part=expectations",
              "/admin/framework/edit?part=pay", "/admin/users", "/admin/audit"]
css = len(fetch("/static/rungs.css")[2])
print(f"{'page':38} {'page s':>9} {'api s':>9} {'ratio':>6} {'KB':>6}")
worst = 0.0
for page, calls in pairs:
    pt, at = [], []
    size = 0
    for _ in range(runs):
        t, n, body = fetch(page)
        pt.append(t)
        size = n + css
        at.append(sum(fetch(c)[0] for c in calls))
    p, a = statistics.median(pt), statistics.median(at)
    worst = max(worst, p / a)
    flag = "" if p / a <= 1.5 and size <= 150 * 1024 else "  <- over"
    print(f"{page:38} {p:9.4f} {a:9.4f} {p / a:6.2f} {size / 1024:6.1f}{flag}")
for page in sizes_only:
    t, n, _ = fetch(page)
    flag = "" if n + css <= 150 * 1024 else "  <- over"
    print(f"{page:38} {t:9.4f} {'':>9} {'':>6} {(n + css) / 1024:6.1f}{flag}")
print(f"worst ratio {worst:.2f} (target at most 1.50); every page at most 150 KB with its CSS")
PY
