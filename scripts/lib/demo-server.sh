# Shared set-up of the benchmark scripts, sourced (never run): a scratch directory removed on
# exit, the release binary, a demo organization in a fresh SQLite database, and `rungs serve`
# on 127.0.0.1 until the script ends.
#
#   . scripts/lib/demo-server.sh
#   bench_start                          # $work, $rungs, $db, $email, $password
#
# With BENCH_POSTGRES set to a PostgreSQL server (postgres://postgres@127.0.0.1:5432), the
# database is a fresh one there instead, dropped on exit.
#   bench_demo 100000 2 2026-11-01       # `rungs demo` (people, cycles, day), imported
#   bench_serve                          # $server, $base
#   bench_sign_in "$work/cookies"        # as $email; prints the sign-in answer
#   bench_pick roster.csv                # "top vp member vp_size": whom to act as
#   bench_roles roster.csv               # admin, top, vp, member signed in; $csrf
#   bench_admin POST /api/v1/... '{}'    # an admin's API call
#   bench_best "$work/admin" /team       # best of $runs: "status seconds KB"
work=$(mktemp -d)
server=
pg_name=
bench_cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    [ -n "$pg_name" ] && PGOPTIONS=--client-min-messages=warning \
        psql -q "$BENCH_POSTGRES/postgres" -c "DROP DATABASE IF EXISTS $pg_name" > /dev/null
    rm -rf "$work"
}
trap bench_cleanup EXIT

# Builds the release binary and makes the database with its admin.
bench_start() {
    cargo build --release -q -p rungs
    rungs=target/release/rungs
    db="sqlite://$work/rungs.db"
    if [ -n "${BENCH_POSTGRES:-}" ]; then
        pg_name=rungs_bench_$$
        psql -q "$BENCH_POSTGRES/postgres" -c "CREATE DATABASE $pg_name" > /dev/null
        db="$BENCH_POSTGRES/$pg_name"
    fi
    email=admin@bench.invalid
    password=bench-password-123
    echo "$password" | "$rungs" admin create --db "$db" --email "$email" --name Admin \
        --organization Bench --password-stdin > /dev/null
}

# A demo organization of $1 people with $2 review cycles of history as of day $3, in
# $work/demo, imported into the database.
bench_demo() {
    "$rungs" demo --out "$work/demo" --people "$1" --cycles "$2" --as-of "$3" > /dev/null
    "$rungs" import roster "$work/demo/roster.csv" --db "$db" > /dev/null
    "$rungs" import assessments "$work/demo/assessments" --db "$db" > /dev/null
}

# Starts the server on a random port and waits until it answers.
bench_serve() {
    local port=$(( 20000 + RANDOM % 20000 ))
    "$rungs" serve --db "$db" --bind "127.0.0.1:$port" > /dev/null 2> "$work/server.log" &
    server=$!
    base="http://127.0.0.1:$port"
    for _ in $(seq 600); do
        curl -sf "$base/readyz" > /dev/null && return
        sleep 0.1
    done
    echo "the server did not start: $(cat "$work/server.log")" >&2
    return 1
}

# Signs in as $2 (default $email), keeping the session in the cookie file $1.
bench_sign_in() {
    curl -sf -c "$1" -H 'content-type: application/json' \
        -d "{\"email\":\"${2:-$email}\",\"password\":\"$password\"}" "$base/api/v1/auth/login"
}

# Who of the roster $1 the benchmarks act as: "top vp member vp_size" — the top person, the
# manager whose part is nearest 176 people, a member in the middle, and the size of the part.
bench_pick() {
    python3 - "$1" <<'PY'
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
print(top, vp, member, count(vp))
PY
}

# Signs in an admin ($work/admin, with $csrf) and three people of the roster $1 (see
# bench_pick), each with an account of their role: the top person as a manager ($work/top),
# the manager of about 176 ($work/vp) and the member ($work/member); sets $top, $vp and
# $member to their roster ids.
bench_roles() {
    read -r top vp member _ < <(bench_pick "$1")
    bench_sign_in "$work/admin" > /dev/null
    csrf=$(curl -sf -b "$work/admin" "$base/api/v1/auth/me" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["csrf_token"])')
    local spec
    for spec in "top manager $top" "vp manager $vp" "member member $member"; do
        set -- $spec
        bench_admin POST /api/v1/users "{\"email\":\"$1@bench.invalid\",\"name\":\"$3\",\"password\":\"$password\",\"role\":\"$2\",\"person\":\"$3\"}" > /dev/null
        bench_sign_in "$work/$1" "$1@bench.invalid" > /dev/null
    done
}

# An admin's API call (after bench_roles): method $1, path $2, JSON body $3; fails on an error.
bench_admin() {
    curl -sf -b "$work/admin" -H "X-CSRF-Token: $csrf" -H 'content-type: application/json' \
        -X "$1" -d "$3" "$base$2"
}

# The best of `runs` for one URL with one cookie file $1: "status seconds KB".
bench_best() {
    local b= r
    for _ in $(seq "$runs"); do
        r=$(curl -s -b "$1" -o /dev/null -w '%{http_code} %{time_total} %{size_download}' "$base$2")
        if [ -z "$b" ] || awk -v a="${r#* }" -v b="${b#* }" 'BEGIN { exit !(a + 0 < b + 0) }'; then
            b=$r
        fi
    done
    echo "$b" | awk '{ printf "%s %.3fs %dK", $1, $2, $3 / 1024 }'
}
