#!/usr/bin/env bash
# HTTP benchmark: wrk against passerelle's /healthz, and against nginx serving a static file of the
# same size on the same machine in the same run (the ceiling of HTTP here). Prints a Markdown table.
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
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$p_port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# nginx serves a file with the body /healthz answers, so both transfer the same bytes.
mkdir -p "$work/www"
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
  }
}
CONF
/usr/sbin/nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$n_port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

# wrk's latency lines: "50%  1.23ms"
measure() {
  local url=$1 connections=$2
  local out
  out=$(wrk -t2 -c"$connections" -d"${DURATION}s" --latency "$url")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $p50 $p99"
}

echo "| target | connections | requests/s | p50 | p99 |"
echo "|---|---|---|---|---|"
for c in "${CONNECTIONS[@]}"; do
  read -r prps pp50 pp99 < <(measure "http://127.0.0.1:$p_port/healthz" "$c")
  read -r nrps np50 np99 < <(measure "http://127.0.0.1:$n_port/healthz" "$c")
  ratio=$(awk -v a="$prps" -v b="$nrps" 'BEGIN { printf "%.2f", a / b }')
  echo "| passerelle /healthz (SQLite SELECT 1) | $c | $prps | $pp50 | $pp99 |"
  echo "| nginx, static file of the same size | $c | $nrps | $np50 | $np99 |"
  echo "| **ratio passerelle / nginx** | $c | **$ratio** | | |"
done
