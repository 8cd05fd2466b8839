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
    for _ in $(seq 100); do
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
