#!/usr/bin/env bash
# Faults (docs/operations.md, "What kill -9 does"): the packaged jar on an operator's PostgreSQL (started here), killed
# with SIGKILL at a random moment during a batch post of LINES lines and again during its disbursement, TRIALS times
# each; then during a death comparison of ROWS rows (TRIALS times, each of other recipients) and during a replay of
# every read model (TRIALS times). After every kill the service is started again and the client retries; then:
#   - every batch is wholly there (its write-side index lines = its BatchPosted line count = LINES) or wholly absent,
#   - no recipient-month is pending or paid twice, and each month ends with exactly one batch of LINES lines,
#   - a disbursement is wholly applied (batch DISBURSED and every line PAID) or not at all (APPROVED, every line PENDING),
#   - a comparison is wholly recorded (every row's death, its case and its overpaid months) or not at all,
#   - once the processors have caught up, the read models (batch_view, batch_line_view) agree with the write side,
#     after every replay too, and the reconciliation endpoint agrees.
# Usage: bench/faults.sh [trials] [lines] [rows]  (root, for Debian's PostgreSQL; JDK 17 and Maven Central)
# rows defaults to min(10000, lines / (trials + 1)). BENCH_PHASES=pdcr selects phases (post, disbursement counted as
# one: p; comparison: c; replay: r); BENCH_REPLAY_TRIALS sets the number of replay kills (default: trials).
set -euo pipefail
cd "$(dirname "$0")/.."
trials="${1:-20}"
lines="${2:-300000}"
rows="${3:-$(( lines / (trials + 1) < 10000 ? lines / (trials + 1) : 10000 ))}"
phases="${BENCH_PHASES:-pcr}"
replay_trials="${BENCH_REPLAY_TRIALS:-$trials}"
port="${BENCH_PORT:-18095}"
work="$(mktemp -d)"
source bench/pg.sh
app=""
cleanup() { [ -z "$app" ] || { kill -9 "$app" 2>/dev/null; wait "$app" 2>/dev/null; } || true; pg_stop; [ -n "${BENCH_WORK:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then ./mvnw -q -B -DskipTests install; fi
jar="${BENCH_JAR:-$PWD/ledger-service/target/ledger-service.jar}"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%F); $trials trials of $lines lines, comparisons of $rows rows"

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
python3 - "$lines" "$work" "$rows" "$trials" <<'PY'
import json, sys
n, work, rows, trials = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def idn(i):
    s = '65010%01d%04d0101%03d' % (2 + i // 100000, 1900 + (i % 100000) // 1000, i % 1000)
    w = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
    return s + '10X98765432'[sum(int(c)*x for c, x in zip(s, w)) % 11]
ids = [idn(i) for i in range(n)]
json.dump({"effectiveFrom": "2023-01", "recipients": [{"id": x, "name": "受益人", "region": "650102"} for x in ids]}, open(work + "/enrol.json", "w"))
json.dump({"lines": [{"recipientId": x, "name": "受益人", "amount": "120.00"} for x in ids]}, open(work + "/lines.json", "w"))
for k in range(trials + 1):  # death comparison k: the k-th slice of rows recipients, dead on 2023-01-15
    with open("%s/comparison-%d.csv" % (work, k), "w", encoding="utf-8") as f:
        f.write("身份证号,姓名,死亡日期\n")
        for x in ids[k * rows:(k + 1) * rows]:
            f.write("%s,受益人,2023-01-15\n" % x)
    with open("%s/slices.csv" % work, "a") as f:
        f.writelines("%d,%s\n" % (k, x) for x in ids[k * rows:(k + 1) * rows])
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
t0=$(date +%s%N); call finance POST "/api/v1/batches/$batch/disbursement" "{\"disbursedOn\":\"$today\"}" > /dev/null
disburse_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "calibration: post $post_ms ms, disbursement $disburse_ms ms; kills fall at a random moment within 1.3 × those"

fail=0; post_kills=0; disb_kills=0; absent=0; whole=0; disb_none=0; disb_all=0
check_batches() { # period → "batches=<n> bad=<m>" for the month
  pg_sql "SELECT count(*) || ' ' || count(*) FILTER (WHERE n <> $lines) FROM (SELECT batch_id, count(*) n FROM payout_line_index WHERE program_code='FAULTS' AND period='$1-01' GROUP BY batch_id) b"
}
[[ "$phases" == *p* ]] || trials_p=0
for t in $(seq 2 $(( ${trials_p:-$trials} + 1 ))); do
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
  call finance POST "/api/v1/batches/$batch/disbursement" "{\"disbursedOn\":\"$today\"}" > /dev/null &
  client=$!
  sleep "$(awk -v ms="$disburse_ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms * 1.3 * r / 32768 / 1000 }')"
  kill_now; wait "$client" 2>/dev/null || true; disb_kills=$((disb_kills + 1))
  states=$(pg_sql "SELECT string_agg(state || ':' || n, ',' ORDER BY state) FROM (SELECT state, count(*) n FROM payout_line_index WHERE batch_id='$batch' GROUP BY state) s")
  case "$states" in "PAID:$lines") disb_all=$((disb_all + 1));; "PENDING:$lines") disb_none=$((disb_none + 1));; *) echo "trial $t: PARTIAL disbursement $states"; fail=1;; esac
  start
  code=$(call finance POST "/api/v1/batches/$batch/disbursement" "{\"disbursedOn\":\"$today\"}")
  states=$(pg_sql "SELECT string_agg(state || ':' || n, ',') FROM (SELECT state, count(*) n FROM payout_line_index WHERE batch_id='$batch' GROUP BY state) s")
  if [ "$states" != "PAID:$lines" ] || { [ "$code" != "200" ] && [ "$(jq -r .code "$work/body")" != "INVALID_BATCH_STATE" ]; }; then
    echo "trial $t: after retry of the disbursement HTTP $code, lines $states"; fail=1
  fi
done
months=$(( ${trials_p:-$trials} + 1 ))
# Each phase's counts as soon as it ends, so that a run stopped later still tells what it showed.
echo "kills during post: $post_kills (batch absent after kill: $absent, wholly there: $whole, partial: none unless listed above)"
echo "kills during disbursement: $disb_kills (not applied: $disb_none, wholly applied: $disb_all)"
await_lag_zero() {
  for _ in $(seq 1 1200); do
    lag=$(curl -s -u admin:bench "http://127.0.0.1:$port/api/v1/operations/processors" | jq '[.processors[].lagEvents] | add')
    [ "$lag" = "0" ] && return 0; sleep 0.5
  done
}
reconcile_sql="SELECT batch_id, i.n, i.p, r.line_count, r.v, r.status FROM (SELECT batch_id, count(*) n, count(*) FILTER (WHERE state='PAID') p FROM payout_line_index WHERE program_code='FAULTS' AND state IN ('PENDING','PAID') GROUP BY batch_id) i
  FULL JOIN (SELECT b.batch_id, b.line_count, b.status, (SELECT count(*) FROM batch_line_view l WHERE l.batch_id = b.batch_id) v FROM batch_view b WHERE program_code='FAULTS' AND status <> 'WITHDRAWN') r USING (batch_id)
  WHERE i.n IS DISTINCT FROM r.line_count OR i.n IS DISTINCT FROM r.v OR (r.status = 'DISBURSED') IS DISTINCT FROM (i.p = i.n)"
read_models_agree() { # → 0 when batch views, case views and the reconciliation endpoint agree with the write side
  local d c a
  d=$(pg_sql "SELECT count(*) FROM ($reconcile_sql) d")
  c=$(pg_sql "SELECT (SELECT count(*) FROM overpayment_case_index WHERE program_code='FAULTS' AND NOT cancelled) - (SELECT count(*) FROM overpayment_view WHERE program_code='FAULTS' AND status <> 'CANCELLED')")
  a=$(curl -s -u admin:bench "http://127.0.0.1:$port/api/v1/operations/reconciliation?program=FAULTS" | jq -r .agrees)
  differ=$d
  [ "$d" = "0" ] && [ "$c" = "0" ] && [ "$a" = "true" ] || { echo "   differ: batches $d, cases (index - view) $c, reconciliation agrees $a"; return 1; }
}

# 3. kills during death comparisons of $rows rows (slice 0 calibrates, slices 1..trials are killed)
comp_kills=0; comp_none=0; comp_all=0
# The recipients of each comparison, in a table of the bench's own (an ID list is too long for one psql argument).
pg_sql "CREATE TABLE IF NOT EXISTS bench_slice (k integer, recipient_id char(18))" > /dev/null
PGPASSWORD=ledger_owner psql -qAt -h 127.0.0.1 -p "$pg_port" -U ledger_owner -d ledger -c "\\copy bench_slice FROM '$work/slices.csv' CSV"
deaths_in() { local in="IN (SELECT recipient_id FROM bench_slice WHERE k = $1)"
  pg_sql "SELECT (SELECT count(*) FROM life_fact_index WHERE kind='DEATH' AND state='ACTIVE' AND recipient_id $in)
  || ' ' || (SELECT count(*) FROM overpayment_case_index WHERE program_code='FAULTS' AND NOT cancelled AND recipient_id $in)
  || ' ' || (SELECT count(*) FROM overpaid_payment_index WHERE recipient_id $in) || ' ' || (SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%DeathComparisonRecorded')"; }
compare() { # slice → HTTP status
  curl -s -o "$work/body" -w '%{http_code}' -u inspector:bench -F "file=@$work/comparison-$1.csv;type=text/csv" \
    "http://127.0.0.1:$port/api/v1/death-comparisons?source=%E6%AE%A1%E8%91%AC" || echo 000
}
if [[ "$phases" == *c* ]]; then
  t0=$(date +%s%N); code=$(compare 0); comp_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  read -r f c o e <<< "$(deaths_in 0)"
  echo "calibration: comparison of $rows rows HTTP $code in $comp_ms ms: $f deaths, $c cases, $o overpaid payments"
  [ "$code" = "201" ] && [ "$f" = "$rows" ] && [ "$c" = "$rows" ] && [ "$o" = "$(( rows * (months - 1) ))" ] || { echo "comparison calibration failed: $(head -c 400 "$work/body")"; fail=1; }
  for k in $(seq 1 "$trials"); do
    read -r _ _ _ before <<< "$(deaths_in "$k")"
    compare "$k" > /dev/null &
    client=$!
    sleep "$(awk -v ms="$comp_ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms * 1.3 * r / 32768 / 1000 }')"
    kill_now; wait "$client" 2>/dev/null || true; comp_kills=$((comp_kills + 1))
    read -r f c o e <<< "$(deaths_in "$k")"
    if [ "$f" = "0" ] && [ "$c" = "0" ] && [ "$o" = "0" ] && [ "$e" = "$before" ]; then comp_none=$((comp_none + 1))
    elif [ "$f" = "$rows" ] && [ "$c" = "$rows" ] && [ "$o" = "$(( rows * (months - 1) ))" ] && [ "$e" = "$((before + 1))" ]; then comp_all=$((comp_all + 1))
    else echo "comparison $k: PARTIAL after kill: deaths $f, cases $c, overpaid $o, comparisons $e (before $before)"; fail=1; fi
    start
    code=$(compare "$k")
    read -r f c o e <<< "$(deaths_in "$k")"
    if [ "$code" != "201" ] || [ "$f" != "$rows" ] || [ "$c" != "$rows" ] || [ "$o" != "$(( rows * (months - 1) ))" ] || [ "$e" != "$((before + 1))" ]; then
      echo "comparison $k: after retry HTTP $code, deaths $f, cases $c, overpaid $o, comparisons $e (before $before)"; fail=1
    fi
  done
  echo "kills during a $rows-row death comparison: $comp_kills (not recorded: $comp_none, wholly recorded: $comp_all)"
fi

# 4. kills during a replay of every read model (the first replay calibrates)
replay_kills=0; replay_bad=0
views=$(pg_sql "SELECT string_agg(tablename, ', ') FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE '%\\_view'")
reset_read_models() {
  kill_now
  pg_sql "DELETE FROM token_entry WHERE processor_name LIKE '%-view'; DELETE FROM dead_letter_entry; TRUNCATE $views" > /dev/null
}
await_lag_zero
if [[ "$phases" == *r* ]]; then
  reset_read_models; t0=$(date +%s%N); start; await_lag_zero; replay_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "calibration: start and replay of every read model in $replay_ms ms"
  read_models_agree || { echo "replay calibration: read models differ"; fail=1; }
  for k in $(seq 1 "$replay_trials"); do
    reset_read_models
    start
    sleep "$(awk -v ms="$replay_ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms * r / 32768 / 1000 }')"
    kill_now; replay_kills=$((replay_kills + 1))
    start; await_lag_zero
    read_models_agree || { echo "replay $k: read models differ after the kill and restart"; replay_bad=$((replay_bad + 1)); fail=1; }
  done
fi

# 5. the read models converge to the write side
await_lag_zero
if ! read_models_agree; then
  echo "batches where the read models differ (batch | index lines | index paid | batch_view lines | batch_line_view lines | status):"
  pg_sql "$reconcile_sql" | sed 's/^/   /'
  curl -s -u admin:bench "http://127.0.0.1:$port/api/v1/operations/reconciliation?program=FAULTS" | jq -c '.differences' | cut -c1-2000
fi
paid=$(pg_sql "SELECT count(*) FROM payout_line_index WHERE program_code='FAULTS' AND state='PAID'")
verified=$(curl -s -u auditor:bench "http://127.0.0.1:$port/api/v1/audit/verify" | jq -c '{verified, unchained, behindChain}')
echo "kills during a replay of every read model: $replay_kills (read models differing after restart: $replay_bad)"
echo "after retries: $paid payments = $months months × $lines lines; lag $lag; batches where read models differ from the write side: $differ; audit $verified"
[ "$fail" = "0" ] && [ "$differ" = "0" ] && [ "$paid" = "$(( months * lines ))" ] && echo "RESULT: PASS" || { echo "RESULT: FAIL"; exit 1; }
