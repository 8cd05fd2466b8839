#!/usr/bin/env bash
# How a person's promotion packet and gap answer as their history grows: one person with one
# assessment, another with N (default 1,889, the number the probe used), both on a release
# server over a fresh SQLite database. Reports the median of 50 requests of each.
#
#   scripts/bench-packet.sh [assessments]
#
# Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1889}
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

cargo build --release -q -p rungs
rungs=$PWD/target/release/rungs
db="sqlite://$work/r.db"
RUNGS_ADMIN_PASSWORD="correct horse battery" "$rungs" admin create --email a@x.test --name A \
    --organization X --db "$db" > /dev/null
printf 'id,name,level,track,manager\nlead,Lea,group-pm,manager,\none,Ona,pm,ic,lead\nmany,Manu,pm,ic,lead\n' \
    > "$work/roster.csv"
"$rungs" import roster "$work/roster.csv" --db "$db" > /dev/null
ids=$("$rungs" framework export --format json | python3 -c 'import json,sys; f=json.load(sys.stdin); print(",".join(c["id"] for a in f["areas"] for c in a["competencies"]))')
python3 - "$work/history.csv" "$n" "$ids" <<'PY'
import sys, datetime
path, n, ids = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
start = datetime.date(2020, 1, 1)
with open(path, "w") as f:
    f.write("person,date,assessor_kind,assessor,track,level,milestones," + ",".join(ids) + "\n")
    f.write("one,2026-06-01,manager,Lea,ic,pm,," + ",".join(["senior-pm"] * len(ids)) + "\n")
    for i in range(n):
        kind = "manager" if i % 2 else "self"
        day = start + datetime.timedelta(days=i % 2000)
        f.write(f"many,{day},{kind},Lea,ic,pm,," + ",".join(["senior-pm"] * len(ids)) + "\n")
PY
"$rungs" import assessments "$work/history.csv" --db "$db" > /dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$rungs" serve --db "$db" --bind "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -sf "$base/readyz" > /dev/null && break; sleep 0.1; done
curl -sf -c "$work/jar" -H 'content-type: application/json' \
    -d '{"email":"a@x.test","password":"correct horse battery"}' "$base/api/v1/auth/login" > /dev/null
python3 - "$base" "$work/jar" "$n" <<'PY'
import http.cookiejar, statistics, sys, time, urllib.request
base, jar_path, n = sys.argv[1], sys.argv[2], sys.argv[3]
jar = http.cookiejar.MozillaCookieJar(jar_path)
jar.load()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def median_ms(path):
    times = []
    for _ in range(50):
        t = time.perf_counter()
        opener.open(base + path).read()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)
for what in ["packet", "gap"]:
    one = median_ms(f"/api/v1/people/one/{what}")
    many = median_ms(f"/api/v1/people/many/{what}")
    print(f"{what}: 1 assessment {one:.1f} ms, {n} assessments {many:.1f} ms ({many / one:.2f}x)")
PY
