# Sourced by the bench scripts that need a PostgreSQL server of an operator's own (not the embedded one): Debian's
# PostgreSQL (installed with apt when missing) in $work/pg on 127.0.0.1:$pg_port, with the two roles of
# docs/operations.md — ledger_owner (owns the database, runs the migrations) and ledger_app (the service).
pg_port="${BENCH_PG_PORT:-55433}"
pg_bin=""
# Disbursements are dated today (Asia/Shanghai): a disbursement is never dated before its finance approval, which
# the scripts record now (docs/rules.md, segregation of duties).
today="$(TZ=Asia/Shanghai date +%F)"

pg_start() {
  if ! ls -d /usr/lib/postgresql/*/bin > /dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) > /dev/null
  fi
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  mkdir -p "$work/pg" && chmod 777 "$work" && chown postgres "$work/pg"
  su postgres -s /bin/bash -c "$pg_bin/initdb -D $work/pg -A scram-sha-256 -U postgres --pwfile=<(echo postgres)" > /dev/null
  pg_ctl_start
  PGPASSWORD=postgres psql -qAt -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres <<'SQL' > /dev/null
CREATE ROLE ledger_owner LOGIN PASSWORD 'ledger_owner';
CREATE ROLE ledger_app LOGIN PASSWORD 'ledger_app' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE ledger OWNER ledger_owner;
SQL
}

pg_ctl_start() {
  su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $work/pg -o '-p $pg_port -c listen_addresses=127.0.0.1 -k $work/pg' -l $work/pg.log -w start" > /dev/null
}

pg_stop() {
  if [ -n "$pg_bin" ]; then su postgres -s /bin/bash -c "$pg_bin/pg_ctl -D $work/pg -m immediate -w stop" > /dev/null 2>&1 || true; fi
}

# psql as the owner on the ledger database.
pg_sql() {
  PGPASSWORD=ledger_owner psql -qAt -h 127.0.0.1 -p "$pg_port" -U ledger_owner -d ledger -c "$1"
}

# The environment of an instance, as an operator sets it (configured users, password 'bench', not the demo profile).
pg_instance_env() {
  echo SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$pg_port/ledger"
  echo SPRING_DATASOURCE_USERNAME=ledger_app SPRING_DATASOURCE_PASSWORD=ledger_app
  echo SPRING_FLYWAY_USER=ledger_owner SPRING_FLYWAY_PASSWORD=ledger_owner LEDGER_LOG_FORMAT=
  local i=0
  for entry in admin:ADMIN clerk:CLERK clerk2:CLERK reviewer1:REVIEWER reviewer2:REVIEWER reviewer3:REVIEWER \
               finance:FINANCE inspector:INSPECTOR evaluator:EVALUATOR auditor:AUDITOR; do
    echo "LEDGER_SECURITY_USERS_${i}_NAME=${entry%%:*} LEDGER_SECURITY_USERS_${i}_PASSWORD={noop}bench LEDGER_SECURITY_USERS_${i}_ROLES_0=${entry##*:}"
    i=$((i + 1))
  done
}
