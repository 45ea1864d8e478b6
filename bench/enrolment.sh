#!/usr/bin/env bash
# Enrols 300,000 recipients from one CSV file through the HTTP API of a freshly built ledger on a fresh embedded
# PostgreSQL, and prints the time until the POST returns and until the read model has them all.
# Usage: bench/enrolment.sh [rows]      (needs JDK 17 and Maven Central, like the README)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-300000}"
port="${BENCH_PORT:-18080}"
work="$(mktemp -d)"
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; rm -rf "$work"' EXIT

./mvnw -q -B -DskipTests install
LEDGER_DEMO_DATA=false LEDGER_DATA_DIR="$work/pg" java -Xmx1g -jar ledger-service/target/ledger-service.jar \
  --server.port="$port" --spring.profiles.active=demo > "$work/app.log" 2>&1 &
app=$!
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$port/actuator/health" > /dev/null 2>&1 && break
  sleep 1
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
java bench/EnrolmentBench.java "http://localhost:$port" "$rows"
grep -o 'Enrolled [^"]*' "$work/app.log" || true
