#!/usr/bin/env bash
# The overpayment benchmark (docs/performance.md): 300k recipients paid every month of 2023 through the HTTP API of
# a freshly built ledger (-Xmx1g) on a fresh embedded PostgreSQL, then a 10k-row death comparison file; prints the
# POST time and the time until the recovery ledger lists every overpayment, and the peak heap.
# Usage: bench/death-comparison.sh [recipients] [rows]      (needs JDK 17 and Maven Central, like the README)
set -euo pipefail
cd "$(dirname "$0")/.."
recipients="${1:-300000}"
rows="${2:-10000}"
port="${BENCH_PORT:-18080}"
pg_port="${BENCH_PG_PORT:-15432}"
work="$(mktemp -d)"
trap 'kill "$sampler" 2>/dev/null || true; kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; cp "$work/app.log" "${TMPDIR:-/tmp}/death-comparison-bench-app.log" 2>/dev/null || true; rm -rf "$work"' EXIT

./mvnw -q -B -DskipTests install
jar="$PWD/ledger-service/target/ledger-service.jar"
(cd "$work" && jar xf "$jar" $(jar tf "$jar" | grep 'BOOT-INF/lib/postgresql-.*\.jar'))
driver="$(ls "$work"/BOOT-INF/lib/postgresql-*.jar)"
javac -d "$work/classes" -cp "$driver" bench/BatchBench.java bench/DeathComparisonBench.java

LEDGER_DATA_DIR="$work/pg" LEDGER_EMBEDDED_PG_PORT="$pg_port" java -Xmx1g -jar "$jar" \
  --server.port="$port" > "$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$port/actuator/health" > /dev/null 2>&1 && break
  sleep 1
done
jstat -gc "$app" 200 > "$work/heap.txt" 2>/dev/null &
sampler=$!

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
java -cp "$driver:$work/classes" DeathComparisonBench "http://localhost:$port" "$recipients" "$rows"
kill "$sampler" 2>/dev/null || true
awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used }
     END { printf "peak heap used: %.0f MiB (limit -Xmx1g)\n", max / 1024 }' "$work/heap.txt"
grep -o 'Death comparison [^"]*\|Reconciled [0-9]* recipient[^"]*' "$work/app.log" | tail -3 || true
