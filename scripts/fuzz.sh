#!/usr/bin/env bash
# Every fuzz target for a bounded time: the framework loader, the assessment reader (TOML and
# JSON), the roster and history CSV readers, the title leveller, the amount parser and the
# spreadsheet importer (cells to a framework, and an import exported and imported back).
#
#   scripts/fuzz.sh [seconds per target, default 30]
#
# Installs cargo-fuzz with `cargo install` when missing. cargo-fuzz needs a nightly feature
# (sanitizers); RUSTC_BOOTSTRAP=1 lets the stable toolchain build it. The seeds are in
# fuzz/corpus/<target>, with the example ladders (frameworks/) and assessments (examples/) for
# the readers of those; none is written to: what a run adds goes to target/fuzz-corpus/<target>.
# A crash fails the script and leaves its input under fuzz/artifacts/<target>.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
command -v cargo-fuzz > /dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
targets=(framework assessment roster history title amount sheets sheet_files)
cargo fuzz build --fuzz-dir fuzz
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "${targets[@]}"; do
    mkdir -p "target/fuzz-corpus/$t"
    echo "== fuzz $t for $seconds s"
    seeds=("fuzz/corpus/$t")
    case $t in
        framework) seeds+=(frameworks/examples) ;;
        assessment) seeds+=(examples) ;;
    esac
    status=0
    cargo fuzz run --fuzz-dir fuzz "$t" "target/fuzz-corpus/$t" "${seeds[@]}" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 > "$log" 2>&1 || status=$?
    grep -E "^(Done |stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|Test unit written)" "$log" || true
    if [ "$status" != 0 ]; then
        tail -40 "$log" >&2
        echo "fuzz: $t crashed (exit $status); the input is under fuzz/artifacts/$t" >&2
        exit 1
    fi
done
