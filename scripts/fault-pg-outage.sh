#!/usr/bin/env bash
# A PostgreSQL outage under a running server: a throwaway PostgreSQL instance this script
# starts itself (never the machine's own server), `rungs serve` on it, then the database is
# stopped hard and started again. Checks that `/readyz` says 503 within a second, that a
# request needing the database fails fast with a 503 problem+json, and that the server recovers
# by itself when the database returns.
#
#   scripts/fault-pg-outage.sh
#
# Needs initdb and pg_ctl (PostgreSQL's server binaries), curl and python3; run as root, the
# instance runs as the `postgres` user.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in initdb pg_ctl curl python3; do
    command -v "$tool" > /dev/null || { echo "fault-pg-outage: $tool is missing" >&2; exit 2; }
done
work=$(mktemp -d)
chmod 755 "$work"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); chown postgres "$work"; fi
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    "${as_pg[@]}" pg_ctl -D "$work/pg" -m immediate stop > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
port=$(( 30000 + RANDOM % 20000 ))
"${as_pg[@]}" initdb -D "$work/pg" --auth=trust -U postgres > /dev/null
pg_start() {
    "${as_pg[@]}" pg_ctl -D "$work/pg" -l "$work/pg.log" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -w start > /dev/null
}
pg_start

cargo build -q -p rungs
web=$(( 20000 + RANDOM % 10000 ))
target/debug/rungs serve --db "postgres://postgres@127.0.0.1:$port/postgres" \
    --bind "127.0.0.1:$web" > "$work/serve.out" 2> "$work/serve.err" &
server=$!
base="http://127.0.0.1:$web"
for _ in $(seq 300); do curl -sf "$base/readyz" > /dev/null && break; sleep 0.1; done
curl -sf "$base/readyz" > /dev/null || { echo "the server did not start" >&2; cat "$work/serve.err" >&2; exit 1; }

fail=0
check() { # what, expected, actual
    if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAILED: $1: expected $2, got $3"; fail=1; fi
}
within() { # what, limit in seconds, seconds taken
    if python3 -c "import sys; sys.exit(0 if float('$3') <= float('$2') else 1)"; then
        echo "ok: $1 in $3 s (limit $2 s)"
    else
        echo "FAILED: $1 took $3 s (limit $2 s)"; fail=1
    fi
}

"${as_pg[@]}" pg_ctl -D "$work/pg" -m immediate stop > /dev/null
out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' --max-time 10 "$base/readyz")
check "/readyz while the database is down" 503 "${out% *}"
within "/readyz's answer" 1 "${out#* }"
out=$(curl -s -o "$work/body" -w '%{http_code} %{time_total} %{content_type}' --max-time 10 \
    -H 'content-type: application/json' -d '{"email":"a@b.test","password":"whatever it is"}' \
    "$base/api/v1/auth/login")
read -r code took kind <<< "$out"
check "a request needing the database" 503 "$code"
check "its answer's type" "application/problem+json" "$kind"
within "its answer" 3 "$took"

pg_start
ready=
for _ in $(seq 100); do
    if curl -sf "$base/readyz" > /dev/null; then ready=yes; break; fi
    sleep 0.1
done
check "the server recovers by itself when the database returns" yes "${ready:-no}"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'content-type: application/json' \
    -d '{"email":"a@b.test","password":"whatever it is"}' "$base/api/v1/auth/login")
check "a request after the database returns" 401 "$code"
exit $fail
