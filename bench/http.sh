#!/usr/bin/env bash
# HTTP benchmark: wrk against passerelle's /healthz, opening a person's record (GET /api/v1/persons/{id},
# with its audit event written) and a type-ahead search (GET /api/v1/persons?q=…), signed in as the demo
# secretary; each against nginx serving a static file of the same size on the same machine in the same run
# (the ceiling of HTTP here). Prints a Markdown table.
# Usage: bench/http.sh [duration_seconds] [connections...]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
shift || true
CONNECTIONS=("${@:-64}")
[ ${#CONNECTIONS[@]} -eq 0 ] && CONNECTIONS=(64)

work=$(mktemp -d /tmp/passerelle-bench.XXXXXX)
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

p_port=$(free_port)
./build/release/passerelle serve --port "$p_port" --database "$work/bench.db" --web-root web/dist --log-level warn --demo >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 900); do curl -fs "http://127.0.0.1:$p_port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# nginx serves a file with the body /healthz answers, so both transfer the same bytes.
mkdir -p "$work/www"
# nginx's workers run as another user (www-data when started by root): they must be able to read the
# files, or every answer is a 403 (wrk counts them; the measure below reports any non-2xx).
chmod 755 "$work" "$work/www"
curl -fs "http://127.0.0.1:$p_port/healthz" > "$work/www/healthz.json"
n_port=$(free_port)
cat > "$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$n_port;
    root $work/www;
    location = /healthz { default_type application/json; try_files /healthz.json =404; }
    location = /record { default_type application/json; try_files /record.json =404; }
    location = /search { default_type application/json; try_files /search.json =404; }
  }
}
CONF
/usr/sbin/nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$n_port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# wrk's latency lines: "50%  1.23ms"
measure() {
  local url=$1 connections=$2
  shift 2
  local out
  out=$(wrk -t2 -c"$connections" -d"${DURATION}s" --latency "$@" "$url")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  # Answers that were not 2xx (an expired session, a refusal) would make the figure meaningless: say so.
  local bad
  bad=$(awk '/Non-2xx or 3xx responses/ {print $NF}' <<<"$out")
  [ -n "$bad" ] && p99="$p99(⚠${bad}-non-2xx)"
  echo "$rps $p50 $p99"
}

# Signed in as the demo secretary (IME Les Tilleuls): a person of hers, the record and a search answered.
base="http://127.0.0.1:$p_port"
curl -fs -c "$work/cookies" -H 'content-type: application/json' \
  -d '{"email":"secretaire@passerelles-rhone.demo","password":"Passerelle-Demo-2026"}' "$base/api/v1/session" >/dev/null
cookie="passerelle_session=$(awk '$6 == "passerelle_session" {print $7}' "$work/cookies")"
search_path="/api/v1/persons?q=mar&limit=20"
curl -fs -H "Cookie: $cookie" "$base$search_path" > "$work/www/search.json"
person=$(node -e "console.log(JSON.parse(require('fs').readFileSync('$work/www/search.json','utf8')).items[0].id)")
curl -fs -H "Cookie: $cookie" "$base/api/v1/persons/$person" > "$work/www/record.json"

echo "| target | connections | requests/s | p50 | p99 |"
echo "|---|---|---|---|---|"
compare() {
  local label=$1 passerelle_url=$2 nginx_url=$3 c=$4
  shift 4
  read -r prps pp50 pp99 < <(measure "$passerelle_url" "$c" "$@")
  read -r nrps np50 np99 < <(measure "$nginx_url" "$c")
  ratio=$(awk -v a="$prps" -v b="$nrps" 'BEGIN { printf "%.2f", a / b }')
  echo "| passerelle $label | $c | $prps | $pp50 | $pp99 |"
  echo "| nginx, static file of the same size | $c | $nrps | $np50 | $np99 |"
  echo "| **ratio passerelle / nginx** | $c | **$ratio** | | |"
}
for c in "${CONNECTIONS[@]}"; do
  compare "/healthz (SQLite SELECT 1)" "$base/healthz" "http://127.0.0.1:$n_port/healthz" "$c"
  compare "record of a person ($(wc -c <"$work/www/record.json") bytes, audited)" "$base/api/v1/persons/$person" \
    "http://127.0.0.1:$n_port/record" "$c" -H "Cookie: $cookie"
  compare "search \"mar\" ($(wc -c <"$work/www/search.json") bytes, audited)" "$base$search_path" \
    "http://127.0.0.1:$n_port/search" "$c" -H "Cookie: $cookie"
done
