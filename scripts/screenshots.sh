#!/usr/bin/env bash
# Pictures of the main pages, for docs/screenshots, and the tour of every page for every role at
# 1280 and 390 px (in <dir>/tour, not kept in git): the browser test run with RUNGS_SCREENSHOTS
# set, on its small made-up organization, in Debian's headless Chromium (1280 px wide).
#
#   scripts/screenshots.sh [directory, default docs/screenshots]
#
# Needs what the browser test needs: chromium, chromium-driver, poppler-utils and axe-core
# (`npm install --prefix target/npm axe-core@4.14.1`), as .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-docs/screenshots}
mkdir -p "$dir"
RUNGS_SCREENSHOTS="$(cd "$dir" && pwd)" cargo test -q -p rungs-web --test browser -- --nocapture
ls -1 "$dir"
