#!/usr/bin/env bash
# Hostile spreadsheets against the release binary: files of a few MB at most that unpack or
# repeat into gigabytes (made by `cargo run --release -p rungs-app --example hostile-sheets`,
# never kept in the repository). Each goes through `rungs framework import` (wall time and peak
# memory, GNU time) and through `PUT /api/v1/framework` on a release server (answer, wall time,
# the server's resident memory before and after and its peak). Fails if a file that must be
# refused is not, takes 1 s or more, or costs 100 MB or more above the process at rest; or if
# the server's memory grows by 20 MB or more from one round of every file to a second, or stays
# 40 MB or more above where it was (within 20 s of each round: see below).
#
#   scripts/probe-sheets.sh [release | debug]
#
# The figures in docs/reliability.md are from the release build (the default); CI runs the
# debug build it already has, with the same limits.
# Needs curl, python3 and /usr/bin/time. Linux only (reads /proc).
set -euo pipefail
cd "$(dirname "$0")/.."
profile=${1:-release}
# The 1 s target is the release build's; the debug build (CI's) parses at a fraction of its
# speed, and is given 2 s.
case $profile in
    release) flag=--release seconds=1 ;;
    debug) flag= seconds=2 ;;
    *) echo "usage: scripts/probe-sheets.sh [release | debug]" >&2; exit 2 ;;
esac
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

cargo build $flag -q -p rungs
cargo build $flag -q -p rungs-app --example hostile-sheets
rungs=$PWD/target/$profile/rungs
"target/$profile/examples/hostile-sheets" "$work/files" > "$work/list"
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

kind() {
    case $1 in
        *.xlsx) echo application/vnd.openxmlformats-officedocument.spreadsheetml.sheet ;;
        *.ods) echo application/vnd.oasis.opendocument.spreadsheet ;;
        *) echo text/csv ;;
    esac
}
# Files the probe may see read (each within its limits, to measure the most they can cost).
may_read() { case $1 in styles.xlsx | strings-at-limit.xlsx) return 0 ;; *) return 1 ;; esac; }

echo "== rungs framework import"
/usr/bin/time -f "%M" "$rungs" --version > /dev/null 2> "$work/rest" || true
rest=$(tail -1 "$work/rest")
echo "at rest: $((rest / 1024)) MB"
printf '%-22s %10s %8s %8s  %s\n' file bytes seconds "MB more" answer
while IFS=$'\t' read -r name size what; do
    start=$(date +%s.%N)
    status=0
    /usr/bin/time -f "%M" -o "$work/mem" "$rungs" framework import "$work/files/$name" \
        --out "$work/out.toml" > /dev/null 2> "$work/err" || status=$?
    end=$(date +%s.%N)
    secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
    more=$(( ($(tail -1 "$work/mem") - rest) / 1024 ))
    said=$(grep -m1 '^error' "$work/err" || echo "(read)")
    printf '%-22s %10s %8s %8s  %s\n' "$name" "$size" "$secs" "$more" "${said:0:110}"
    if [ "$status" = 0 ] && ! may_read "$name"; then fail "$name was imported ($what)"; fi
    if [ -f "$work/out.toml" ] && ! may_read "$name"; then fail "$name: a file was written"; fi
    rm -f "$work/out.toml"
    awk -v s="$secs" -v l="$seconds" 'BEGIN { exit !(s >= l) }' && fail "$name took $secs s"
    [ "$more" -ge 100 ] && fail "$name cost $more MB"
done < "$work/list"

echo "== PUT /api/v1/framework on a $profile server"
db="sqlite://$work/r.db"
RUNGS_ADMIN_PASSWORD="correct horse battery staple" "$rungs" admin create --email a@x.test \
    --name A --organization X --db "$db" > /dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$rungs" serve --db "$db" --bind "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do curl -sf "$base/readyz" > /dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$pid/status"; }
hwm() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$pid/status"; }
curl -sf -c "$work/jar" -H 'content-type: application/json' \
    -d '{"email":"a@x.test","password":"correct horse battery staple"}' \
    "$base/api/v1/auth/login" > /dev/null
csrf=$(curl -sf -b "$work/jar" "$base/api/v1/auth/me" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
version=$(curl -sf -b "$work/jar" -D - -o /dev/null "$base/api/v1/framework" |
    awk -F'"' 'tolower($0) ~ /^etag/ { print $2 }')
# One upload first, so the server's buffers are as warm as they will be.
curl -s -X PUT -b "$work/jar" -H "x-csrf-token: $csrf" -H "If-Match: \"$version\"" \
    -H 'content-type: text/csv' --data-binary 'Area' -o /dev/null "$base/api/v1/framework"
at_rest=$(rss)
echo "server at rest: $at_rest MB resident"
# Every file, one after the other, with the server's memory after each.
round() {
    printf '%-22s %6s %8s %8s %8s  %s\n' file answer seconds "MB after" "MB peak" problem
    while IFS=$'\t' read -r name size what; do
        start=$(date +%s.%N)
        code=$(curl -s -X PUT -b "$work/jar" -H "x-csrf-token: $csrf" -H "If-Match: \"$version\"" \
            -H "content-type: $(kind "$name")" --data-binary @"$work/files/$name" \
            -o "$work/answer" -w '%{http_code}' "$base/api/v1/framework")
        end=$(date +%s.%N)
        secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
        problem=$(python3 -c 'import json,sys
try: d = json.load(open(sys.argv[1])); print((d.get("problems") or [{}])[0].get("message", d.get("title", "")))
except Exception: print(open(sys.argv[1]).read()[:100])' "$work/answer")
        printf '%-22s %6s %8s %8s %8s  %s\n' "$name" "$code" "$secs" "$(rss)" "$(hwm)" "${problem:0:100}"
        if [ "$code" != 422 ] && ! may_read "$name"; then fail "$name answered $code"; fi
        awk -v s="$secs" -v l="$seconds" 'BEGIN { exit !(s >= l) }' && fail "$name took $secs s"
        if ! kill -0 "$pid" 2> /dev/null; then fail "the server died on $name"; break; fi
    done < "$work/list"
    echo "server right after: $(rss) MB resident (peak $(hwm) MB)"
}
# What a request frees goes back to the system when the threads that read files have been idle
# for 10 s and end (mimalloc hands an ended thread's pages back): wait for that, up to 20 s.
settle() {
    local waited=0
    while [ $(( $(rss) - $1 )) -ge 20 ] && [ $waited -lt 20 ]; do sleep 1; waited=$((waited + 1)); done
    echo "server ${waited} s later: $(rss) MB resident"
}
# Twice: what the allocator keeps after the first round (9 to 24 MB above rest in runs on
# 2026-12-07) is reused by the second, so a leak shows as growth from one round to the next.
round
settle "$at_rest"
first=$(rss)
echo "== the same files again"
round
settle "$first"
after=$(rss)
[ $((after - first)) -ge 20 ] && fail "the server kept $((after - first)) MB more after a second round: a leak"
[ $((after - at_rest)) -ge 40 ] && fail "the server kept $((after - at_rest)) MB"
[ $(( $(hwm) - at_rest )) -ge 100 ] && fail "the server peaked $(( $(hwm) - at_rest )) MB above rest"
[ $failed = 0 ] && echo "probe passed"
exit $failed
