#!/usr/bin/env bash
# Imports killed mid-way: `rungs import roster` and `rungs import assessments` are sent SIGKILL at
# several moments, on SQLite and on a throwaway PostgreSQL instance this script starts itself
# (never the machine's own server). After each kill the database holds all of the import or
# none of it, and passes its integrity check (SQLite's `PRAGMA integrity_check`); a second
# import then completes.
#
#   scripts/fault-kill-imports.sh [people, default 20000]
#
# Needs sqlite3, psql, initdb and pg_ctl; run as root, the PostgreSQL instance runs as the
# `postgres` user.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-20000}
for tool in sqlite3 psql initdb pg_ctl; do
    command -v "$tool" > /dev/null || { echo "fault-kill-imports: $tool is missing" >&2; exit 2; }
done
work=$(mktemp -d)
chmod 755 "$work"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); chown postgres "$work"; fi
cleanup() {
    "${as_pg[@]}" pg_ctl -D "$work/pg" -m immediate stop > /dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
port=$(( 30000 + RANDOM % 20000 ))
"${as_pg[@]}" initdb -D "$work/pg" --auth=trust -U postgres > /dev/null
"${as_pg[@]}" pg_ctl -D "$work/pg" -l "$work/pg.log" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -w start > /dev/null

cargo build -q -p rungs
rungs=target/debug/rungs
"$rungs" demo --out "$work/demo" --people "$people" --cycles 4 --as-of 2026-11-01 > /dev/null
total_people=$(( $(wc -l < "$work/demo/roster.csv") - 1 ))
fail=0
say() { echo "$@"; }
bad() { echo "FAILED: $*"; fail=1; }

count() { # url, table
    case "$1" in
        sqlite://*) sqlite3 "${1#sqlite://}" "SELECT COUNT(*) FROM $2" ;;
        *) psql -qtA "$1" -c "SELECT COUNT(*) FROM $2" ;;
    esac
}
healthy() { # url
    case "$1" in
        sqlite://*) [ "$(sqlite3 "${1#sqlite://}" 'PRAGMA integrity_check')" = ok ] ;;
        *) psql -qtA "$1" -c 'SELECT 1' > /dev/null ;;
    esac
}

n=0
for backend in sqlite postgres; do
    for delay in 0.1 0.5 1.5 3.0; do
        n=$(( n + 1 ))
        case $backend in
            sqlite) db="sqlite://$work/kill-$n.db" ;;
            postgres)
                psql -q "postgres://postgres@127.0.0.1:$port/postgres" -c "CREATE DATABASE kill_$n" > /dev/null
                db="postgres://postgres@127.0.0.1:$port/kill_$n" ;;
        esac
        echo "kill-imports-pw-1" | "$rungs" admin create --db "$db" --email a@kill.test --name A \
            --organization Kill --password-stdin > /dev/null
        for what in roster assessments; do
            case $what in
                roster) source="$work/demo/roster.csv"; table=people; want=$total_people ;;
                assessments) source="$work/demo/assessments"; table=assessments ;;
            esac
            before=$(count "$db" "$table")
            "$rungs" import "$what" "$source" --db "$db" > /dev/null 2>&1 &
            pid=$!
            sleep "$delay"
            kill -9 "$pid" 2> /dev/null || true
            wait "$pid" 2> /dev/null || true
            after=$(count "$db" "$table")
            healthy "$db" || bad "$backend $what killed at $delay s: the integrity check fails"
            # All or none: the count is what it was, or the whole import is in.
            "$rungs" import "$what" "$source" --db "$db" > /dev/null
            complete=$(count "$db" "$table")
            if [ "$what" = roster ]; then
                [ "$complete" = "$want" ] || bad "$backend roster: $complete people after a full import, not $want"
            fi
            if [ "$after" = "$before" ]; then
                say "ok: $backend $what killed at $delay s: none of it ($after rows)"
            elif [ "$what" = roster ] && [ "$after" = "$want" ]; then
                say "ok: $backend $what killed at $delay s: all of it ($after rows)"
            elif [ "$what" = assessments ] && [ "$after" -gt "$before" ] && [ "$(( complete - after ))" = "$(( after - before ))" ]; then
                say "ok: $backend $what killed at $delay s: all of it ($(( after - before )) rows)"
            else
                bad "$backend $what killed at $delay s: $before rows before, $after after (a part of the import)"
            fi
        done
    done
done
exit $fail
