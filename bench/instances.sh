#!/usr/bin/env bash
# Several instances on one PostgreSQL (docs/operations.md, "Two or more instances"): two instances of the packaged
# jar on a PostgreSQL server of the operator's kind (started here), then checks and prints
#   1. the processors' segments split between the instances (token_entry owners),
#   2. both instances accept commands; two clerks posting overlapping batches through different instances never
#      leave a recipient-month pending or paid twice, and every workflow step goes through either instance,
#   3. kill -9 of one instance: the other holds every segment within the claim timeout and goes on,
#   4. the read models then equal those of a single instance given the same requests (indicator table and
#      recovery ledger compared figure by figure).
# Usage: bench/instances.sh [recipients]   (root, for Debian's PostgreSQL; JDK 17 and Maven Central like the README)
set -euo pipefail
cd "$(dirname "$0")/.."
recipients="${1:-3000}"
work="$(mktemp -d)"
source bench/pg.sh
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pg_stop; [ -n "${BENCH_WORK:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

if [ -z "${BENCH_SKIP_BUILD:-}" ]; then ./mvnw -q -B -DskipTests install; fi
jar="$PWD/ledger-service/target/ledger-service.jar"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%F)"

start_instance() { # name port
  env $(pg_instance_env | tr '\n' ' ') LEDGER_NODE_ID="$1" LEDGER_BALANCER_INTERVAL=3s \
    java -Xmx768m -jar "$jar" --server.port="$2" > "$work/$1.log" 2>&1 &
  pids+=($!)
  eval "pid_$1=$!"
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$2/actuator/health/readiness" > /dev/null 2>&1 && return 0
    sleep 1
  done
  echo "instance $1 did not start:"; tail -30 "$work/$1.log"; exit 1
}
call() { # user port method path [json]
  curl -s -u "$1:bench" -X "$3" -H 'Content-Type: application/json' "http://127.0.0.1:$2$4" ${5:+-d "$5"}
}
id_of() { # n → a valid ID number, region 650102
  python3 -c "
n=$1; s='650102%04d0101%03d' % (1930 + n // 1000, n % 1000)
w=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]; print(s + '10X98765432'[sum(int(c)*x for c,x in zip(s,w)) % 11])"
}
lines_json() { # from to → batch lines of 120.00
  python3 - "$1" "$2" <<'PY'
import json, sys
def idn(n):
    s = '650102%04d0101%03d' % (1930 + n // 1000, n % 1000)
    w = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
    return s + '10X98765432'[sum(int(c)*x for c, x in zip(s, w)) % 11]
a, b = int(sys.argv[1]), int(sys.argv[2])
print(json.dumps({"lines": [{"recipientId": idn(n), "name": "受益人", "amount": "120.00"} for n in range(a, b + 1)]}))
PY
}
enrol_json() {
  python3 - "$1" <<'PY'
import json, sys
def idn(n):
    s = '650102%04d0101%03d' % (1930 + n // 1000, n % 1000)
    w = [7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
    return s + '10X98765432'[sum(int(c)*x for c, x in zip(s, w)) % 11]
print(json.dumps({"effectiveFrom": "2023-01", "recipients": [{"id": idn(n), "name": "受益人%d" % n, "region": "650102"} for n in range(1, int(sys.argv[1]) + 1)]}))
PY
}
approve_disburse() { # batch portA portB day
  for level in 1 2 3; do
    port=$([ $((level % 2)) -eq 1 ] && echo "$2" || echo "$3")
    call "reviewer$level" "$port" POST "/api/v1/batches/$1/reviews" "{\"level\":$level,\"decision\":\"APPROVE\"}" > /dev/null
  done
  call finance "$3" POST "/api/v1/batches/$1/approval" '{"decision":"APPROVE"}' > /dev/null
  call finance "$2" POST "/api/v1/batches/$1/disbursement" "{\"disbursedOn\":\"$4\"}" | jq -r .status
}
# The requests of the run, through portA and portB (the same port for a single instance).
run_requests() { # portA portB
  call admin "$1" POST /api/v1/programs '{"code":"BENCH-MULTI","name":"多实例测试","region":"650100","monthlyStandard":"120.00","deadlineDay":25,"reviewLevels":3}' > /dev/null
  call admin "$2" PUT /api/v1/programs/BENCH-MULTI/plans/2023 "{\"plannedRecipients\":$recipients,\"plannedPayouts\":12,\"budget\":\"9999999.00\"}" > /dev/null
  enrol_json "$recipients" > "$work/enrol.json"
  call clerk "$1" POST /api/v1/programs/BENCH-MULTI/enrolments "@$work/enrol.json" | jq -c '{enrolled}'
  # Two clerks, two instances, overlapping halves of the same month, at the same moment.
  lines_json 1 $((recipients * 2 / 3)) > "$work/a.json"; lines_json $((recipients / 3)) "$recipients" > "$work/b.json"
  call clerk "$1" POST "/api/v1/programs/BENCH-MULTI/batches?period=2023-01" "@$work/a.json" > "$work/post-a.json" &
  call clerk2 "$2" POST "/api/v1/programs/BENCH-MULTI/batches?period=2023-01" "@$work/b.json" > "$work/post-b.json"
  wait %1 2>/dev/null || true
  local a b; a=$(jq -r .batchId "$work/post-a.json"); b=$(jq -r .batchId "$work/post-b.json")
  echo "overlapping posts: A accepted $(jq .accepted "$work/post-a.json"), rejected $(jq '.rejected | length' "$work/post-a.json"); B accepted $(jq .accepted "$work/post-b.json"), rejected $(jq '.rejected | length' "$work/post-b.json") ($(jq -r '[.rejected[].code] | unique | join(",")' "$work/post-b.json" "$work/post-a.json" | tr '\n' ' '))"
  echo "disbursed: $(approve_disburse "$a" "$1" "$2" "$today") $(approve_disburse "$b" "$2" "$1" "$today")"
}
late_requests() { # port: a second month and a late death, after the failover
  lines_json 1 "$recipients" > "$work/c.json"
  local c; c=$(call clerk "$1" POST "/api/v1/programs/BENCH-MULTI/batches?period=2023-02" "@$work/c.json" | jq -r .batchId)
  echo "February: $(approve_disburse "$c" "$1" "$1" "$today")"
  call clerk "$1" POST "/api/v1/recipients/$(id_of 7)/deaths" '{"dateOfDeath":"2023-01-15","source":"公安"}' | jq -c '{factId: (.factId != null)}'
}
figures() { # port → a canonical digest of the read models' answers
  for _ in $(seq 1 60); do
    lag=$(call admin "$1" GET /api/v1/operations/processors | jq '[.processors[].lagEvents] | add')
    [ "$lag" = "0" ] && break; sleep 1
  done
  { call evaluator "$1" GET "/api/v1/programs/BENCH-MULTI/indicators?year=2023" | jq -S '[.indicators[] | {key, numerator, denominator, value}]'
    call auditor "$1" GET "/api/v1/overpayments?program=BENCH-MULTI&size=100" | jq -S '[.items[] | {recipientId, cause, months, amount, outstanding, status}]'
    call auditor "$1" GET "/api/v1/recipients/$(id_of 7)" | jq -S '[.programs[] | {program, due, paid, overpaid, outstanding}]'
  } > "$work/figures-$1.json"
  echo "$(jq -s '.[0] | length' "$work/figures-$1.json") indicator figures (dueCoverageRate $(jq -rs '.[0][] | select(.key == "dueCoverageRate") | "\(.numerator)/\(.denominator)"' "$work/figures-$1.json")), $(jq -s '.[1] | length' "$work/figures-$1.json") overpayment cases, digest $(sha256sum < "$work/figures-$1.json" | cut -c1-16)"
}

pg_start
start_instance a 18091
start_instance b 18092
echo "two instances up on one PostgreSQL (ports 18091, 18092)"
sleep 12 # a few balancer rounds
echo "1. segments per processor and owner:"
pg_sql "SELECT processor_name || ': ' || string_agg(segment || '→' || coalesce(owner, '-'), ', ' ORDER BY segment) FROM token_entry GROUP BY processor_name ORDER BY 1" | sed 's/^/   /'
split=$(pg_sql "SELECT count(*) FROM (SELECT processor_name FROM token_entry GROUP BY processor_name HAVING count(*) > 1 AND count(DISTINCT owner) < 2) s")
echo "   processors with 2+ segments held by one instance only: $split"

echo "2. requests through both instances:"
run_requests 18091 18092 | sed 's/^/   /'
twice=$(pg_sql "SELECT count(*) FROM (SELECT recipient_id FROM payout_line_index WHERE program_code = 'BENCH-MULTI' AND period = '2023-01-01' AND state IN ('PENDING','PAID') GROUP BY recipient_id HAVING count(*) > 1) t")
paid=$(pg_sql "SELECT count(*) FROM payout_line_index WHERE program_code = 'BENCH-MULTI' AND period = '2023-01-01' AND state = 'PAID'")
echo "   recipient-months of 2023-01 paid: $paid of $recipients; paid or pending twice: $twice"

echo "3. kill -9 of instance a:"
kill -9 "$pid_a"; killed=$(date +%s.%N); wait "$pid_a" 2>/dev/null || true
for _ in $(seq 1 120); do
  others=$(pg_sql "SELECT count(*) FROM token_entry WHERE owner IS DISTINCT FROM 'b'")
  [ "$others" = "0" ] && break; sleep 0.5
done
echo "   every segment held by b after $(echo "$(date +%s.%N) - $killed" | bc | cut -c1-5) s (claim timeout 10 s, claim interval 5 s, balancer 3 s); not held by b: $others"
late_requests 18092 | sed 's/^/   /'
multi=$(figures 18092)

echo "4. the same requests on a single instance (fresh database):"
kill -9 "$pid_b"; wait "$pid_b" 2>/dev/null || true; pg_stop; rm -rf "$work/pg"; pg_start
start_instance single 18093
run_requests 18093 18093 | sed 's/^/   /'
late_requests 18093 | sed 's/^/   /'
single=$(figures 18093)
echo "   two instances:   $multi"
echo "   single instance: $single"
echo "   read models of the two runs: $([ "${multi##* }" = "${single##* }" ] && echo EQUAL || echo DIFFERENT)"
