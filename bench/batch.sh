#!/usr/bin/env bash
# The payout benchmark (docs/performance.md): 300k enrolled recipients with one month paid, then a 300k-line batch
# posted through the HTTP API of a freshly built ledger (-Xmx1g) on a fresh embedded PostgreSQL. Prints the POST
# time, the read-model catch-up, a raw COPY of 300k event-shaped rows on the same database, and the peak heap.
# Usage: bench/batch.sh [rows]      (needs JDK 17 and Maven Central, like the README)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-300000}"
port="${BENCH_PORT:-18080}"
pg_port="${BENCH_PG_PORT:-15432}"
work="$(mktemp -d)"
trap 'kill "$sampler" 2>/dev/null || true; kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; rm -rf "$work"' EXIT

./mvnw -q -B -DskipTests install
jar="$PWD/ledger-service/target/ledger-service.jar"
(cd "$work" && jar xf "$jar" $(jar tf "$jar" | grep 'BOOT-INF/lib/postgresql-.*\.jar'))
driver="$(ls "$work"/BOOT-INF/lib/postgresql-*.jar)"

LEDGER_DEMO_DATA=false LEDGER_DATA_DIR="$work/pg" LEDGER_EMBEDDED_PG_PORT="$pg_port" java -Xmx1g -jar "$jar" \
  --server.port="$port" --spring.profiles.active=demo > "$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$port/actuator/health" > /dev/null 2>&1 && break
  sleep 1
done
# Heap in use (survivor + eden + old, KiB), sampled every 200 ms for the whole run.
jstat -gc "$app" 200 > "$work/heap.txt" 2>/dev/null &
sampler=$!

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
java -cp "$driver" bench/BatchBench.java "http://localhost:$port" "jdbc:postgresql://localhost:$pg_port/postgres" "$rows"
kill "$sampler" 2>/dev/null || true
awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used }
     END { printf "peak heap used: %.0f MiB (limit -Xmx1g)\n", max / 1024 }' "$work/heap.txt"
grep -o 'Posted batch [^"]*' "$work/app.log" || true
