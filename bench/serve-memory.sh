#!/usr/bin/env bash
# Peak resident memory of the server serving a generated dataset (issue #9, item 5): starts
# `passerelle serve` on the database given (SQLite file or PostgreSQL URL, e.g. the `l` dataset made by
# `passerelle generate-dataset --size l`), signs in a platform administrator and the director of the
# largest organisation (accounts created for the run), then asks what a busy morning asks: the platform's
# and the organisation's yearly dashboards, type-ahead searches, records opened, under wrk for a while.
# Prints resident memory (VmRSS) after start-up, after each step, and the peak (VmHWM).
# Usage: bench/serve-memory.sh DATABASE [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${1:?usage: bench/serve-memory.sh DATABASE [seconds]}
SECONDS_UNDER_LOAD=${2:-30}
work=$(mktemp -d /tmp/passerelle-memory.XXXXXX)
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
sqlite_or_pg() { if [[ $DB == postgres* ]]; then psql -tA "$DB" -c "$1"; else sqlite3 "$DB" "$1"; fi; }

stamp=$(date +%s)
password='Bench-Memory-Passerelle-2026'
org=$(sqlite_or_pg "SELECT organisation_id FROM capacity WHERE status = 'funded' AND effective_to IS NULL GROUP BY organisation_id ORDER BY SUM(places) DESC, organisation_id LIMIT 1")
PASSERELLE_NEW_PASSWORD=$password ./build/release/passerelle --database "$DB" --log-level warn create-account \
  --email "plateforme-$stamp@bench.local" --name "Banc plateforme" --role platform_admin >/dev/null
PASSERELLE_NEW_PASSWORD=$password ./build/release/passerelle --database "$DB" --log-level warn create-account \
  --email "direction-$stamp@bench.local" --name "Banc direction" --role director --organisation "$org" >/dev/null

port=$(free_port)
started=$(date +%s.%N)
./build/release/passerelle --database "$DB" --log-level warn serve --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 3000); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
base="http://127.0.0.1:$port"
rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status"; }
peak() { awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status"; }
echo "Command: bench/serve-memory.sh $DB $SECONDS_UNDER_LOAD; $(date -u +%Y-%m-%d), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| step | resident MiB |"
echo "|---|---|"
printf "| started, answering (%.0f s) | %s |\n" "$(awk "BEGIN {print $(date +%s.%N) - $started}")" "$(rss)"

sign_in() {
  curl -fs -c "$work/cookies-$1" -H 'content-type: application/json' \
    -d "{\"email\":\"$1-$stamp@bench.local\",\"password\":\"$password\"}" "$base/api/v1/session" >/dev/null
  echo "passerelle_session=$(awk '$6 == "passerelle_session" {print $7}' "$work/cookies-$1")"
}
platform=$(sign_in plateforme)
director=$(sign_in direction)
year=$(( $(date +%Y) - 1 ))
get() { curl -fs -o /dev/null -w '%{http_code} %{time_total}s' -H "Cookie: $1" "$base$2"; }
echo "| platform dashboard $year ($(get "$platform" "/api/v1/dashboards/platform?from=$year-01-01&to=$year-12-31")) | $(rss) |"
echo "| organisation $org dashboard $year ($(get "$director" "/api/v1/dashboards/organisation:$org?from=$year-01-01&to=$year-12-31")) | $(rss) |"
ids=$(curl -fs -H "Cookie: $director" "$base/api/v1/persons?q=ma&limit=50" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).items.map(p=>p.id).join(' ')))")
for id in $ids; do curl -fs -o /dev/null -H "Cookie: $director" "$base/api/v1/persons/$id"; done
echo "| 50 records opened after a search | $(rss) |"
cat > "$work/mix.lua" <<LUA
local paths = { "/api/v1/persons?q=mar&limit=20", "/api/v1/persons?q=dup&limit=20", "/api/v1/persons/$(echo $ids | cut -d' ' -f1)",
  "/api/v1/indicators/values?scope=organisation:$org&from=$year-01-01&to=$year-12-31&ids=ACT-02,ACT-03", "/healthz" }
local i = 0
request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1], { ["Cookie"] = "$director" }) end
LUA
wrk -t2 -c32 -d"${SECONDS_UNDER_LOAD}s" -s "$work/mix.lua" "$base" > "$work/wrk.txt"
bad=$(awk '/Non-2xx or 3xx responses/ {print ", " $NF " non-2xx"}' "$work/wrk.txt")
echo "| after ${SECONDS_UNDER_LOAD} s of mixed load, 32 connections ($(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt") req/s$bad) | $(rss) |"
echo "| **peak (VmHWM)** | **$(peak)** |"
