#!/usr/bin/env bash
# The API against its own OpenAPI document, with schemathesis 4: every operation, every check,
# every phase (the document's examples, coverage of its edges, fuzzing, stateful sequences),
# data the schema allows and data it does not, with a fixed seed and example count, as an admin
# with an API token. Fails on any failure.
#
#   scripts/probe-schemathesis.sh [examples per operation, default 25] [postgres]
#
# Installs schemathesis (pinned, from PyPI) into a virtual environment under target/, starts
# `rungs serve --demo` on 127.0.0.1 and stops it after: on SQLite in memory, or with `postgres`
# on a database of its own it makes (and drops after) on the PostgreSQL server that
# RUNGS_TEST_DATABASE_URL names (psql needed).
# Needs python3 with venv, and curl. Two choices, written down in docs/reliability.md: requests
# holding a NUL byte are not generated (HTTP itself refuses them before Rungs sees them), and
# `ignored_auth` is left out (the probe sends a valid token beside the session cookie it
# generates, so a request it thinks unauthenticated is not).
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-25}
backend=${2:-sqlite}
db=
dropdb=
version=4.32.5
venv=target/schemathesis-venv
if ! "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "$version"; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "schemathesis==$version"
fi
cargo build -q -p rungs
work=$(mktemp -d)
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    [ -n "$dropdb" ] && psql -q "$RUNGS_TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $dropdb WITH (FORCE)" > /dev/null
    rm -rf "$work"
}
trap cleanup EXIT
if [ "$backend" = postgres ]; then
    : "${RUNGS_TEST_DATABASE_URL:?set RUNGS_TEST_DATABASE_URL to a PostgreSQL server}"
    name="rungs_probe_$$"
    psql -q "$RUNGS_TEST_DATABASE_URL" -c "CREATE DATABASE $name" > /dev/null
    dropdb=$name
    db="${RUNGS_TEST_DATABASE_URL%/*}/$name"
fi
port=$(( 20000 + RANDOM % 20000 ))
base="http://127.0.0.1:$port"
target/debug/rungs serve --demo ${db:+--db "$db"} --bind "127.0.0.1:$port" \
    > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 300); do curl -sf "$base/readyz" > /dev/null && break; sleep 0.1; done
if ! curl -sf "$base/readyz" > /dev/null; then
    echo "probe-schemathesis: the server did not start on $base" >&2
    cat "$work/serve.out" "$work/serve.err" >&2
    exit 1
fi
password=$(grep -A1 "Head of product" "$work/serve.out" | tail -1 | awk '{print $3}')
[ -n "$password" ] || { echo "probe-schemathesis: no demo sign-in printed" >&2; cat "$work/serve.out" >&2; exit 1; }
csrf=$(curl -sf -c "$work/jar" -H 'content-type: application/json' \
    -d "{\"email\":\"head@demo.rungs.invalid\",\"password\":\"$password\"}" "$base/api/v1/auth/login" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
token=$(curl -sf -b "$work/jar" -H "x-csrf-token: $csrf" -H 'content-type: application/json' \
    -d '{"name":"schemathesis"}' "$base/api/v1/tokens" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
# Signing out, revoking tokens and signing in would end the probe's own access or trip the
# sign-in limit: those operations have tests of their own (crates/rungs-web/tests/api/auth.rs).
PYTHONPATH=scripts/schemathesis SCHEMATHESIS_HOOKS=rungs_hooks \
    "$venv/bin/schemathesis" --config-file scripts/schemathesis/schemathesis.toml \
    run "$base/api/openapi.json" \
    -H "Authorization: Bearer $token" -H "Cookie: rungs_session=none" \
    --checks all --exclude-checks ignored_auth --mode all \
    --phases examples,coverage,fuzzing,stateful --generation-allow-x00 false \
    --seed 1 --max-examples "$examples" --generation-deterministic --workers 1 \
    --exclude-path-regex 'auth/logout|auth/login|tokens/\{id\}' \
    --report junit --report-dir "$work/report" \
    --no-color
