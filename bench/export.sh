#!/usr/bin/env bash
# The recovery-ledger export benchmark (docs/performance.md): as bench/death-comparison.sh, 100k recipients paid every
# month of 2023 and a 100k-row death comparison (about 99.5k overpayment cases), with the ledger at -Xmx1g. Then the
# ledger is restarted with a 256 MiB heap — a quarter of what the cases would take as objects — and the whole recovery
# ledger of the program is exported as CSV and as XLSX: prints the time, size and rows of each file and the peak heap.
# Usage: bench/export.sh [cases]      (needs JDK 17 and Maven Central, like the README)
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-100000}"
source bench/lib.sh
log_copy="${TMPDIR:-/tmp}/export-bench-app.log"

bench_build
javac -d "$work/classes" -cp "$driver" bench/BatchBench.java bench/DeathComparisonBench.java
bench_start 1g
java -cp "$driver:$work/classes" DeathComparisonBench "http://localhost:$port" "$cases" "$cases" | tee "$work/setup.txt"
program="$(grep -o 'program=[A-Z0-9-]*' "$work/setup.txt" | head -1 | cut -d= -f2)"
bench_stop

bench_start 256m
for format in csv xlsx; do
  start=$(date +%s%N)
  curl -fsS -u auditor:demo -o "$work/ledger.$format" \
    "http://localhost:$port/api/v1/overpayments/export?program=$program&format=$format"
  millis=$((($(date +%s%N) - start) / 1000000))
  if [ "$format" = csv ]; then
    rows=$(($(wc -l < "$work/ledger.csv") - 1))
  else
    mkdir -p "$work/xlsx" && (cd "$work/xlsx" && jar xf ../ledger.xlsx xl/worksheets/sheet1.xml)
    rows=$(($(grep -o '<row ' "$work/xlsx/xl/worksheets/sheet1.xml" | wc -l) - 1))
  fi
  printf 'RESULT export format=%s cases=%d seconds=%d.%03d bytes=%d\n' "$format" "$rows" $((millis / 1000)) \
    $((millis % 1000)) \
    "$(stat -c %s "$work/ledger.$format")"
done
bench_stop
bench_peak_heap 256m
