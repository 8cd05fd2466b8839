#!/usr/bin/env bash
# Calibration of a review in which everyone has a submitted manager's rating (and about half
# a submitted self-assessment): the page and the API answer for an admin, the manager at the
# top and a manager of about 176 people, with the server's memory growth while answering.
#
#   scripts/bench-calibration.sh [people, default 100000] [runs, default 2]
#
# Target (issue 27): under 1 s and under 300 MB more server memory at 100,000 ratings.
# The ratings are each person's latest assessment of the demo history, written into the
# review's records directly (through the API it would take hours); SQLite, or PostgreSQL with
# BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432. Needs curl and python3 (and psql).
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
bench_admin POST /api/v1/cycles/1/stage '{"to":"manager-assessment","confirm":true}' > /dev/null

# Each record's parts as the review writes them: person, part state and body for self and
# manager, the manager's name.
python3 - "$work/demo" "$work/parts.tsv" <<'PY'
import csv, json, sys
demo, out = sys.argv[1], sys.argv[2]
roster = {r["id"]: r for r in csv.DictReader(open(f"{demo}/roster.csv"))}
latest = {}
with open(f"{demo}/assessments/history.csv") as f:
    for r in csv.DictReader(f):
        latest[(r["person"], r["assessor_kind"])] = r
fixed = {"person", "date", "assessor_kind", "assessor", "track", "level", "milestones"}
def body(p, r, kind, assessor):
    return json.dumps({
        "person": p["name"], "person_id": p["id"],
        "framework": "product-management", "framework_version": "2025.1",
        "date": "2026-12-01", "track": p["track"] or r["track"], "level": p["level"] or r["level"],
        "assessor": {"kind": kind, "name": assessor},
        "ratings": {k: v for k, v in r.items() if k not in fixed},
        "milestones": [m for m in r["milestones"].split(";") if m],
    }, separators=(",", ":"))
with open(out, "w") as w:
    for i, (pid, p) in enumerate(roster.items()):
        boss = roster.get(p["manager"] or "")
        rated = latest.get((pid, "manager")) or latest.get((pid, "self"))
        own = latest.get((pid, "self")) if i % 2 == 0 else None
        if rated is None:
            continue
        by = boss["name"] if boss else "Admin"
        w.write("\t".join([pid,
            "submitted" if own else "not-started", body(p, own, "self", p["name"]) if own else "",
            body(p, rated, "manager", by), by]) + "\n")
PY
if [ -n "${BENCH_POSTGRES:-}" ]; then
    psql -q "$db" <<SQL
CREATE TEMP TABLE parts (person TEXT, own_state TEXT, own_body TEXT, body TEXT, by TEXT);
\copy parts FROM '$work/parts.tsv' WITH (FORMAT text)
UPDATE cycle_records r SET own_state = p.own_state, own_body = NULLIF(p.own_body, ''),
    manager_state = 'submitted', manager_body = p.body, manager_by = p.by,
    manager_at = 1764547200, version = version + 1
FROM parts p WHERE r.cycle_id = 1 AND r.person_key = p.person;
SQL
else
    python3 - "${db#sqlite://}" "$work/parts.tsv" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
with open(sys.argv[2]) as f:
    rows = [l.rstrip("\n").split("\t") for l in f]
con.executemany("""UPDATE cycle_records SET own_state = ?, own_body = NULLIF(?, ''),
    manager_state = 'submitted', manager_body = ?, manager_by = ?, manager_at = 1764547200,
    version = version + 1 WHERE cycle_id = 1 AND person_key = ?""",
    [(s, ob, b, by, p) for p, s, ob, b, by in rows])
con.commit()
PY
fi
bench_admin POST /api/v1/cycles/1/stage '{"to":"calibration","confirm":true}' > /dev/null
# Records written behind the server's back have no summaries: it makes them when it opens the
# database, as it does for records stored by a version that kept none.
kill "$server" && wait "$server" 2>/dev/null || true
started=$(date +%s.%N)
bench_serve
echo "summaries of $(wc -l < "$work/parts.tsv") records made at start-up in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
# PostgreSQL's autovacuum would tidy the table after so many updates within a minute or so;
# done here at once, so the figures are those of a review at rest.
[ -n "${BENCH_POSTGRES:-}" ] && psql -q "$db" -c "VACUUM ANALYZE cycle_records"

# The server's resident memory now, and the most it held since the last reset, in MB.
rss() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$server/status"; }
peak() { awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$server/status"; }

echo "organization: $people people, $(wc -l < "$work/parts.tsv") submitted manager's ratings; top: $top; VP: $vp"
printf '%-34s %-20s %-20s %-20s %s\n' view admin "top manager" "VP manager" "memory growth (MB)"
for url in /cycles/1/calibration /api/v1/cycles/1/calibration; do
    printf '%-34s' "$url"
    growth=0
    for who in admin top vp; do
        before=$(rss)
        echo 5 > "/proc/$server/clear_refs"
        printf ' %-20s' "$(bench_best "$work/$who" "$url")"
        g=$(( $(peak) - before ))
        [ "$g" -gt "$growth" ] && growth=$g
    done
    echo " $growth"
done
