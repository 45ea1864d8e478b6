#!/usr/bin/env bash
# The console's page benchmark (docs/performance.md, issue 16): fills a freshly built ledger as the death-comparison
# benchmark does (300k recipients in four districts paid every month of 2023 — 3.6M payments — then a 10k-row death
# comparison), then signs in through the console's form as each role and times each main page 20 times: p50, p95
# and max, against the 300 ms p95 target. About 15 minutes on 2 cores.
# Usage: bench/console-pages.sh [recipients] [rows]      (needs JDK 17 and Maven Central, like the README)
set -euo pipefail
cd "$(dirname "$0")/.."
recipients="${1:-300000}"
rows="${2:-10000}"
source bench/lib.sh
log_copy="${TMPDIR:-/tmp}/console-pages-bench-app.log"

bench_build
javac -d "$work/classes" -cp "$driver" bench/BatchBench.java bench/DeathComparisonBench.java bench/ConsolePagesBench.java
bench_start 1g
java -cp "$driver:$work/classes" DeathComparisonBench "http://localhost:$port" "$recipients" "$rows" | tee "$work/setup.txt"
program="$(grep -o 'RESULT program=[^ ]*' "$work/setup.txt" | cut -d= -f2)"
java -cp "$driver:$work/classes" ConsolePagesBench "http://localhost:$port" "$program"
bench_stop
bench_peak_heap 1g
