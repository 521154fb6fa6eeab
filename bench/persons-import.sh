#!/usr/bin/env bash
# Bulk import benchmark (issue #9, item 4): N persons supported, each with an admission, imported from a
# CSV file through POST /api/v1/persons/import (every line checked, likely duplicates looked up, records,
# name indexes, stays, history, audit events and steering aggregates written, one transaction), on SQLite
# and on PostgreSQL; against PostgreSQL COPY of the same CSV rows into a plain table on the same server
# in the same run (the floor of loading those bytes). Prints a Markdown table.
# Usage: [BACKENDS="sqlite postgresql"] [PG_STATEMENTS=N] [PASSERELLE_BIN=path] bench/persons-import.sh [persons=150000]
# PG_STATEMENTS=N: after the PostgreSQL import, the N statements that cost its server most
# (pg_stat_statements: calls, planning and execution time), to see where the time goes.
# PASSERELLE_BIN: the server binary to measure (default build/release/passerelle), to compare two builds
# in the same minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
PERSONS=${1:-150000}
PASSERELLE_BIN=${PASSERELLE_BIN:-./build/release/passerelle}

work=$(mktemp -d /tmp/passerelle-import.XXXXXX)
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

source scripts/lib/postgres.sh
[ -n "${PG_STATEMENTS:-}" ] &&
  export PG_EXTRA_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on"
pg_start >/dev/null
trap 'cleanup; pg_stop' EXIT  # pg_start's own trap replaced the one above: both, or the work folder stays

# Starts a server on a fresh database with the demo organisation (no persons), signed in as its director.
start() {
  local database=$1
  port=$(free_port)
  "$PASSERELLE_BIN" serve --port "$port" --database "$database" --log-level warn --demo --demo-without-persons \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 600); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  csrf=$(curl -fs -c "$work/cookies" -H 'content-type: application/json' \
    -d '{"email":"directrice@passerelles-rhone.demo","password":"Passerelle-Demo-2026"}' "http://127.0.0.1:$port/api/v1/session" |
    node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).csrf_token))")
  cookie="passerelle_session=$(awk '$6 == "passerelle_session" {print $7}' "$work/cookies")"
}
stop() {
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  # SERVER_LOGS=dir keeps each server's log (warnings, errors) there.
  if [ -n "${SERVER_LOGS:-}" ]; then mkdir -p "$SERVER_LOGS"; cp "$work/server.log" "$SERVER_LOGS/server-$(date +%s%N).log"; fi
}
peak_mib() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status"; }

# The file, once: the demo organisation's establishments (the same on both databases).
start "$work/first.db"
finess=$(curl -fs -H "Cookie: $cookie" "http://127.0.0.1:$port/api/v1/establishments?limit=100" |
  node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).items.map(e=>e.finess_et).join(',')))")
stop
node bench/persons-import-data.mjs "$PERSONS" "$finess" > "$work/persons.csv"
node -e "const fs=require('fs');fs.writeFileSync('$work/body.json',JSON.stringify({file_base64:fs.readFileSync('$work/persons.csv').toString('base64'),commit:true,confirm_duplicates:true}))"

echo
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPU, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM;" \
  "SQLite $(sqlite3 --version | cut -d' ' -f1), $(psql --version | cut -d' ' -f2-); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%d)"
echo "Command: bench/persons-import.sh $PERSONS ($(du -h "$work/persons.csv" | cut -f1) of CSV)"
echo
echo "| what | seconds | persons/s | ratio to COPY | server peak RSS |"
echo "|---|---|---|---|---|"

# Reference: COPY of the same rows into a table with the file's columns (text), then the same with an
# index on the names, as a floor for "load and index" (timed by psql around the statement).
psql -q "$PASSERELLE_TEST_PG_ADMIN" -c "CREATE DATABASE bench_copy"
COPY_URL="${PASSERELLE_TEST_PG_ADMIN%/*}/bench_copy"
psql -q "$COPY_URL" -c "CREATE TABLE staging (birth_name text, first_names text, sex text, birth_date text, establishment text, admission_date text, care_mode text, origin text)"
tail -n +2 "$work/persons.csv" > "$work/rows.csv"
started=$(date +%s.%N)
psql -q "$COPY_URL" -c "\\copy staging FROM '$work/rows.csv' WITH (FORMAT csv, DELIMITER ';')"
copy_seconds=$(awk "BEGIN {print $(date +%s.%N) - $started}")
rows=$(psql -tA "$COPY_URL" -c "SELECT COUNT(*) FROM staging")
[ "$rows" = "$PERSONS" ] || { echo "COPY loaded $rows rows, expected $PERSONS" >&2; exit 1; }
printf "| PostgreSQL COPY into a plain table (reference) | %.2f | %.0f | 1 | |\n" "$copy_seconds" "$(awk "BEGIN {print $PERSONS / $copy_seconds}")"

run() {
  local label=$1 database=$2
  start "$database"
  local out
  out=$(curl -s -o "$work/answer.json" -w '%{http_code} %{time_total}' -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" \
    -H 'content-type: application/json' --data-binary @"$work/body.json" "http://127.0.0.1:$port/api/v1/persons/import")
  local status=${out% *} seconds=${out#* }
  local peak
  peak=$(peak_mib)
  if [ "$status" != 200 ]; then
    echo "| $label | failed: HTTP $status $(head -c 300 "$work/answer.json") | | | |"
  else
    local created
    created=$(node -e "const a=JSON.parse(require('fs').readFileSync('$work/answer.json','utf8'));console.log(a.summary.persons_created+'/'+a.summary.stays_created)")
    [ "$created" = "$PERSONS/$PERSONS" ] || { echo "import created $created, expected $PERSONS/$PERSONS" >&2; exit 1; }
    printf "| %s | %.2f | %.0f | %.0f× | %s MiB |\n" "$label" "$seconds" "$(awk "BEGIN {print $PERSONS / $seconds}")" \
      "$(awk "BEGIN {print $seconds / $copy_seconds}")" "$peak"
  fi
  stop
}
# BACKENDS="sqlite" (or "postgresql") runs one of them only.
for backend in ${BACKENDS:-sqlite postgresql}; do
  case $backend in
    sqlite) run "Passerelle import, SQLite" "$work/import.db" ;;
    postgresql)
      psql -q "$PASSERELLE_TEST_PG_ADMIN" -c "CREATE DATABASE bench_import"
      if [ -n "${PG_STATEMENTS:-}" ]; then
        psql -q "${PASSERELLE_TEST_PG_ADMIN%/*}/bench_import" -c "CREATE EXTENSION pg_stat_statements"
        psql -q "${PASSERELLE_TEST_PG_ADMIN%/*}/bench_import" -c "SELECT pg_stat_statements_reset()" >/dev/null
      fi
      run "Passerelle import, PostgreSQL" "${PASSERELLE_TEST_PG_ADMIN%/*}/bench_import"
      if [ -n "${PG_STATEMENTS:-}" ]; then
        echo
        psql -q "${PASSERELLE_TEST_PG_ADMIN%/*}/bench_import" -c "SELECT SUM(calls) AS statements,
            round(SUM(total_plan_time)::numeric / 1000, 2) AS planning_s, round(SUM(total_exec_time)::numeric / 1000, 2) AS execution_s
          FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'bench_import'"
        psql -q "${PASSERELLE_TEST_PG_ADMIN%/*}/bench_import" -c "SELECT calls, round(total_plan_time::numeric, 0) AS plan_ms,
            round(total_exec_time::numeric, 0) AS exec_ms, round(mean_exec_time::numeric, 3) AS mean_ms, left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement
          FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'bench_import'
          ORDER BY total_exec_time + total_plan_time DESC LIMIT $PG_STATEMENTS"
      fi ;;
  esac
done
