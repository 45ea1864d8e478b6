#!/usr/bin/env bash
# The verification benchmark (rule 12, 两上两下, docs/performance.md): a 100k-row death comparison posted for
# verification against 300k recipients, the queue listed, a 300k-line batch with the held lines refused, and one
# confirmation and one dismissal.
# Usage: bench/verification.sh [recipients] [rows]      (needs JDK 17 and Maven Central, like the README)
set -euo pipefail
cd "$(dirname "$0")/.."
recipients="${1:-300000}"
rows="${2:-100000}"
source bench/lib.sh
log_copy="${BENCH_LOG:-}"

bench_build
mkdir -p "$work/classes"
javac -cp "$driver" -d "$work/classes" bench/BatchBench.java bench/VerificationBench.java
bench_start 2g
java -cp "$driver:$work/classes" VerificationBench "http://localhost:$port" "$recipients" "$rows"
bench_peak_heap 2g
grep -o 'Verification comparison [^"]*' "$work/app.log" || true
grep -o 'Posted batch [^"]*' "$work/app.log" | tail -1 || true
