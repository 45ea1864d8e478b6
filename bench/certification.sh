#!/usr/bin/env bash
# The certification benchmark (rule 11, docs/performance.md): 100k recipients certify by one file, then a
# 100k-line batch is posted, asking which of them an overdue certification withholds.
# Usage: bench/certification.sh [rows]      (needs JDK 17 and Maven Central, like the README)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
source bench/lib.sh
log_copy="${BENCH_LOG:-}"

bench_build
mkdir -p "$work/classes"
javac -cp "$driver" -d "$work/classes" bench/BatchBench.java bench/CertificationBench.java
bench_start 1g
java -cp "$driver:$work/classes" CertificationBench "http://localhost:$port" "$rows"
bench_peak_heap 1g
grep -o 'certification_index[^"]*' "$work/app.log" || true
grep -o 'Posted batch [^"]*' "$work/app.log" | tail -1 || true
