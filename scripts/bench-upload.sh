#!/usr/bin/env bash
# Uploads a roster of about N MiB (default 64, the HTTP limit) to `POST /api/v1/roster` on a
# release server with a fresh SQLite database, and reports the time, the answer and the
# server's peak memory (VmHWM). Then sends 200 MB, once declaring its length and once chunked
# without one: both must be refused (413) without the server's memory growing.
#
#   scripts/bench-upload.sh [MiB]
#
# Needs curl and python3. Linux only (reads /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
mib=${1:-64}
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

cargo build --release -q -p rungs
rungs=$PWD/target/release/rungs
python3 - "$work" "$mib" <<'PY'
import sys
work, mib = sys.argv[1], int(sys.argv[2])
def roster(path, limit):
    with open(path, "w") as f:
        f.write("id,name,email,title,level,track,manager,rung_start,pay,currency,stage,location\n")
        f.write("p0,Person Zero,,Head,cpo,manager,,2020-01-01,300000,USD,large,New York\n")
        size, i = 0, 1
        while True:
            line = f"p{i},Person Number {i},person{i}@example.test,Product Manager,pm,ic,p{(i-1)//8},2024-01-01,150000,USD,large,Remote\n"
            if size + len(line) > limit:
                break
            f.write(line)
            size += len(line)
            i += 1
roster(f"{work}/fits.csv", mib * 1024 * 1024 - 200)
roster(f"{work}/big.csv", 200_000_000)
PY
echo "roster: $(( $(wc -l < "$work/fits.csv") - 1 )) people, $(du -m "$work/fits.csv" | cut -f1) MiB"

db="sqlite://$work/r.db"
RUNGS_ADMIN_PASSWORD="correct horse battery" "$rungs" admin create --email a@x.test --name A \
    --organization X --db "$db" > /dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$rungs" serve --db "$db" --bind "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -sf "$base/readyz" > /dev/null && break; sleep 0.1; done
peak() { awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$pid/status"; }
echo "server at rest: $(peak)"
curl -sf -c "$work/jar" -H 'content-type: application/json' \
    -d '{"email":"a@x.test","password":"correct horse battery"}' "$base/api/v1/auth/login" > /dev/null
csrf=$(curl -sf -b "$work/jar" "$base/api/v1/auth/me" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
send() {
    local start end
    start=$(date +%s.%N)
    code=$(curl -s -b "$work/jar" -H "x-csrf-token: $csrf" -H 'content-type: text/csv' "$@" \
        -o "$work/answer" -w '%{http_code}' "$base/api/v1/roster")
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" -v c="$code" 'BEGIN { printf "%s in %.2f s", c, b - a }'
}
echo "upload of $mib MiB: $(send --data-binary @"$work/fits.csv"); $(head -c 120 "$work/answer"); peak $(peak)"
echo "200 MB, length declared: $(send --data-binary @"$work/big.csv"); peak $(peak)"
echo "200 MB, chunked: $(send -H 'Transfer-Encoding: chunked' --data-binary @"$work/big.csv"); peak $(peak)"
