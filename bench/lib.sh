# Shared by the bench scripts (sourced): build the ledger, start it on a fresh embedded PostgreSQL in a temporary
# directory, sample its heap, stop it. Needs JDK 17 and Maven Central, like the README.

port="${BENCH_PORT:-18080}"
pg_port="${BENCH_PG_PORT:-15432}"
# BENCH_WORK=dir keeps the database and the log in dir after the run, for inspection (psql on $pg_port once restarted).
work="${BENCH_WORK:-$(mktemp -d)}"
mkdir -p "$work"
app=""
sampler=""
log_copy=""

bench_cleanup() {
  bench_stop
  if [ -n "$log_copy" ]; then cp "$work/app.log" "$log_copy" 2>/dev/null || true; fi
  if [ -z "${BENCH_WORK:-}" ]; then rm -rf "$work"; fi
}
trap bench_cleanup EXIT

# Builds the jar ($jar) and extracts the PostgreSQL driver ($driver) for the bench programs.
bench_build() {
  ./mvnw -q -B -DskipTests install
  # a copy: a later build in the work tree must not change the jar under the running service
  cp ledger-service/target/ledger-service.jar "$work/ledger-service.jar"
  jar="$work/ledger-service.jar"
  (cd "$work" && jar xf "$jar" $(jar tf "$jar" | grep 'BOOT-INF/lib/postgresql-.*\.jar'))
  driver="$(ls "$work"/BOOT-INF/lib/postgresql-*.jar)"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
}

# bench_start HEAP: starts the ledger with -XmxHEAP on the database in $work/pg (kept across restarts) and samples
# its heap in use every 200 ms into $work/heap-HEAP.txt.
bench_start() {
  LEDGER_DEMO_DATA=false LEDGER_DATA_DIR="$work/pg" LEDGER_EMBEDDED_PG_PORT="$pg_port" java "-Xmx$1" -jar "$jar" \
    --server.port="$port" --spring.profiles.active=demo >> "$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 180); do
    curl -fs "http://localhost:$port/actuator/health" > /dev/null 2>&1 && break
    sleep 1
  done
  jstat -gc "$app" 200 > "$work/heap-$1.txt" 2>/dev/null &
  sampler=$!
}

bench_stop() {
  if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null || true; sampler=""; fi
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; fi
}

# bench_peak_heap HEAP: the peak heap in use (survivor + eden + old) sampled while it ran with -XmxHEAP.
bench_peak_heap() {
  awk -v limit="$1" 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used }
       END { printf "peak heap used: %.0f MiB (limit -Xmx%s)\n", max / 1024, limit }' "$work/heap-$1.txt"
}
