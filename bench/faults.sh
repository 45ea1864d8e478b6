#!/usr/bin/env bash
# Faults (docs/operations.md, "What kill -9 does"): the packaged jar on an operator's PostgreSQL (started here), killed
# with SIGKILL at a random moment during a batch post of LINES lines and again during its disbursement, TRIALS times
# each. After every kill the service is started again and the client retries with the same Idempotency-Key; then:
#   - every batch is wholly there (its write-side index lines = its BatchPosted line count = LINES) or wholly absent,
#   - no recipient-month is pending or paid twice, and each month ends with exactly one batch of LINES lines,
#   - a disbursement is wholly applied (batch DISBURSED and every line PAID) or not at all (APPROVED, every line PENDING),
#   - once the processors have caught up, the read models (batch_view, batch_line_view) agree with the write side.
# Usage: bench/faults.sh [trials] [lines]     (root, for Debian's PostgreSQL; JDK 17 and Maven Central)
set -euo pipefail
cd "$(dirname "$0")/.."
trials="${1:-20}"
lines="${2:-300000}"
port="${BENCH_PORT:-18095}"
work="$(mktemp -d)"
source bench/pg.sh
app=""
cleanup() { [ -z "$app" ] || { kill -9 "$app" 2>/dev/null; wait "$app" 2>/dev/null; } || true; pg_stop; [ -n "${BENCH_WORK:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then ./mvnw -q -B -DskipTests install; fi
jar="$PWD/ledger-service/target/ledger-service.jar"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%F); $trials trials of $lines lines"

start() {
  env $(pg_instance_env | tr '\n' ' ') LEDGER_NODE_ID=faults java -Xmx1g -jar "$jar" --server.port="$port" >> "$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the service did not start"; tail -40 "$work/app.log"; exit 1
}
kill_now() { kill -9 "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; }
call() { # user method path [json-or-@file] [idempotency-key] → status code; body in $work/body
  curl -s -o "$work/body" -w '%{http_code}' -u "$1:bench" -X "$2" -H 'Content-Type: application/json' \
    ${5:+-H "Idempotency-Key: $5"} "http://127.0.0.1:$port$3" ${4:+-d "$4"} || echo 000
}
python3 - "$lines" "$work" <<'PY'
import json, sys
n, work = int(sys.argv[1]), sys.argv[2]
def idn(i):
    s = '65010%01d%04d0101%03d' % (2 + i // 100000, 1900 + (i % 100000) // 1000, i % 1000)
    w = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
    return s + '10X98765432'[sum(int(c)*x for c, x in zip(s, w)) % 11]
ids = [idn(i) for i in range(n)]
json.dump({"effectiveFrom": "2023-01", "recipients": [{"id": x, "name": "受益人", "region": "650102"} for x in ids]}, open(work + "/enrol.json", "w"))
json.dump({"lines": [{"recipientId": x, "name": "受益人", "amount": "120.00"} for x in ids]}, open(work + "/lines.json", "w"))
PY
pg_start
start
call admin POST /api/v1/programs '{"code":"FAULTS","name":"故障测试","region":"650100","monthlyStandard":"120.00","deadlineDay":25,"reviewLevels":3}' > /dev/null
echo "enrolment: HTTP $(call clerk POST /api/v1/programs/FAULTS/enrolments "@$work/enrol.json")"

period_of() { printf '%04d-%02d' $((2023 + ($1 - 1) / 12)) $(( ($1 - 1) % 12 + 1 )); }
# Calibration (month 1, no kill): how long a post and a disbursement take here.
t0=$(date +%s%N); call clerk POST "/api/v1/programs/FAULTS/batches?period=$(period_of 1)" "@$work/lines.json" post-1 > /dev/null
post_ms=$(( ($(date +%s%N) - t0) / 1000000 )); batch=$(jq -r .batchId "$work/body")
approve() {
  for level in 1 2 3; do call "reviewer$level" POST "/api/v1/batches/$1/reviews" "{\"level\":$level,\"decision\":\"APPROVE\"}" > /dev/null; done
  call finance POST "/api/v1/batches/$1/approval" '{"decision":"APPROVE"}' > /dev/null
}
approve "$batch"
t0=$(date +%s%N); call finance POST "/api/v1/batches/$batch/disbursement" '{"disbursedOn":"2023-01-20"}' > /dev/null
disburse_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "calibration: post $post_ms ms, disbursement $disburse_ms ms; kills fall at a random moment within 1.3 × those"

fail=0; post_kills=0; disb_kills=0; absent=0; whole=0; disb_none=0; disb_all=0
check_batches() { # period → "batches=<n> bad=<m>" for the month
  pg_sql "SELECT count(*) || ' ' || count(*) FILTER (WHERE n <> $lines) FROM (SELECT batch_id, count(*) n FROM payout_line_index WHERE program_code='FAULTS' AND period='$1-01' GROUP BY batch_id) b"
}
for t in $(seq 2 $((trials + 1))); do
  period=$(period_of "$t")
  # 1. kill during the post
  call clerk POST "/api/v1/programs/FAULTS/batches?period=$period" "@$work/lines.json" "post-$t" > /dev/null &
  client=$!
  sleep "$(awk -v ms="$post_ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms * 1.3 * r / 32768 / 1000 }')"
  kill_now; wait "$client" 2>/dev/null || true; post_kills=$((post_kills + 1))
  read -r n bad <<< "$(check_batches "$period")"
  if [ "$bad" != "0" ]; then echo "trial $t: PARTIAL batch after kill during post"; fail=1; fi
  if [ "$n" = "0" ]; then absent=$((absent + 1)); else whole=$((whole + 1)); fi
  start
  code=$(call clerk POST "/api/v1/programs/FAULTS/batches?period=$period" "@$work/lines.json" "post-$t")
  batch=$(jq -r .batchId "$work/body")
  read -r n bad <<< "$(check_batches "$period")"
  twice=$(pg_sql "SELECT count(*) FROM (SELECT recipient_id FROM payout_line_index WHERE program_code='FAULTS' AND period='$period-01' AND state IN ('PENDING','PAID') GROUP BY recipient_id HAVING count(*) > 1) d")
  if [ "$code" != "201" ] || [ "$n" != "1" ] || [ "$bad" != "0" ] || [ "$twice" != "0" ]; then
    echo "trial $t: after retry HTTP $code, batches $n, partial $bad, twice $twice"; fail=1
  fi
  # 2. kill during the disbursement
  approve "$batch"
  call finance POST "/api/v1/batches/$batch/disbursement" "{\"disbursedOn\":\"$period-20\"}" > /dev/null &
  client=$!
  sleep "$(awk -v ms="$disburse_ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms * 1.3 * r / 32768 / 1000 }')"
  kill_now; wait "$client" 2>/dev/null || true; disb_kills=$((disb_kills + 1))
  states=$(pg_sql "SELECT string_agg(state || ':' || n, ',' ORDER BY state) FROM (SELECT state, count(*) n FROM payout_line_index WHERE batch_id='$batch' GROUP BY state) s")
  case "$states" in "PAID:$lines") disb_all=$((disb_all + 1));; "PENDING:$lines") disb_none=$((disb_none + 1));; *) echo "trial $t: PARTIAL disbursement $states"; fail=1;; esac
  start
  code=$(call finance POST "/api/v1/batches/$batch/disbursement" "{\"disbursedOn\":\"$period-20\"}")
  states=$(pg_sql "SELECT string_agg(state || ':' || n, ',') FROM (SELECT state, count(*) n FROM payout_line_index WHERE batch_id='$batch' GROUP BY state) s")
  if [ "$states" != "PAID:$lines" ] || { [ "$code" != "200" ] && [ "$(jq -r .code "$work/body")" != "INVALID_BATCH_STATE" ]; }; then
    echo "trial $t: after retry of the disbursement HTTP $code, lines $states"; fail=1
  fi
done
# 3. the read models converge to the write side
for _ in $(seq 1 600); do
  lag=$(curl -s -u admin:bench "http://127.0.0.1:$port/api/v1/operations/processors" | jq '[.processors[].lagEvents] | add')
  [ "$lag" = "0" ] && break; sleep 1
done
reconcile_sql="SELECT batch_id, i.n, i.p, r.line_count, r.v, r.status FROM (SELECT batch_id, count(*) n, count(*) FILTER (WHERE state='PAID') p FROM payout_line_index WHERE program_code='FAULTS' AND state IN ('PENDING','PAID') GROUP BY batch_id) i
  FULL JOIN (SELECT b.batch_id, b.line_count, b.status, (SELECT count(*) FROM batch_line_view l WHERE l.batch_id = b.batch_id) v FROM batch_view b WHERE program_code='FAULTS' AND status <> 'WITHDRAWN') r USING (batch_id)
  WHERE i.n IS DISTINCT FROM r.line_count OR i.n IS DISTINCT FROM r.v OR (r.status = 'DISBURSED') IS DISTINCT FROM (i.p = i.n)"
differ=$(pg_sql "SELECT count(*) FROM ($reconcile_sql) d")
if [ "$differ" != "0" ]; then
  echo "batches where the read models differ (batch | index lines | index paid | batch_view lines | batch_line_view lines | status):"
  pg_sql "$reconcile_sql" | sed 's/^/   /'
  curl -s -u admin:bench "http://127.0.0.1:$port/api/v1/operations/reconciliation?program=FAULTS" | jq -c '.differences' | cut -c1-2000
fi
paid=$(pg_sql "SELECT count(*) FROM payout_line_index WHERE program_code='FAULTS' AND state='PAID'")
verified=$(curl -s -u auditor:bench "http://127.0.0.1:$port/api/v1/audit/verify" | jq -c '{verified, unchained, behindChain}')
echo "kills during post: $post_kills (batch absent after kill: $absent, wholly there: $whole, partial: none unless listed above)"
echo "kills during disbursement: $disb_kills (not applied: $disb_none, wholly applied: $disb_all)"
echo "after retries: $paid payments = $((trials + 1)) months × $lines lines; lag $lag; batches where read models differ from the write side: $differ; audit $verified"
[ "$fail" = "0" ] && [ "$differ" = "0" ] && [ "$paid" = "$(( (trials + 1) * lines ))" ] && echo "RESULT: PASS" || { echo "RESULT: FAIL"; exit 1; }
