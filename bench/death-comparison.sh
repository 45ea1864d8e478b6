#!/usr/bin/env bash
# The overpayment benchmark (docs/performance.md): 300k recipients paid every month of 2023 through the HTTP API of
# a freshly built ledger (-Xmx1g) on a fresh embedded PostgreSQL, then a 10k-row death comparison file; prints the
# POST time and the time until the recovery ledger lists every overpayment, and the peak heap.
# Usage: bench/death-comparison.sh [recipients] [rows]      (needs JDK 17 and Maven Central, like the README)
set -euo pipefail
cd "$(dirname "$0")/.."
recipients="${1:-300000}"
rows="${2:-10000}"
source bench/lib.sh
log_copy="${TMPDIR:-/tmp}/death-comparison-bench-app.log"

bench_build
javac -d "$work/classes" -cp "$driver" bench/BatchBench.java bench/DeathComparisonBench.java
bench_start 1g
java -cp "$driver:$work/classes" DeathComparisonBench "http://localhost:$port" "$recipients" "$rows"
bench_stop
bench_peak_heap 1g
grep -o 'Death comparison [^"]*\|Reconciled [0-9]* recipient[^"]*' "$work/app.log" | tail -3 || true
