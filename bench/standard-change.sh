#!/usr/bin/env bash
# The standard-change benchmark (issue 17, docs/performance.md): 300k recipients of a program with age supplements,
# six 300k-line batches paid (each POST timed: the payout benchmark with supplements on), then one program-wide
# retroactive 调标 over the 1.8M paid person-months: the time to record the arrears, and until GET /arrears lists them.
# Usage: bench/standard-change.sh [rows]      (needs JDK 17 and Maven Central, like the README)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-300000}"
source bench/lib.sh
log_copy="${BENCH_LOG:-}"

bench_build
mkdir -p "$work/classes"
javac -cp "$driver" -d "$work/classes" bench/BatchBench.java bench/StandardChangeBench.java
bench_start 2g
java -cp "$driver:$work/classes" StandardChangeBench "http://localhost:$port" "$rows"
bench_peak_heap 2g
grep -o 'Standard change [^"]*' "$work/app.log" || true
grep -o 'Posted batch [^"]*' "$work/app.log" | tail -6 || true
