#!/usr/bin/env bash
# Soak (issue #9, "load without leaks"): the server under a steady load for a few minutes — /healthz,
# opening a person's record (audited) and a search (audited), in turn, over 16 connections — and its
# resident memory (VmRSS) at the start, every 30 s and at the end. Prints a Markdown table.
# Usage: bench/soak.sh [minutes=3]
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-3}

work=$(mktemp -d /tmp/passerelle-soak.XXXXXX)
cleanup() {
  [ -n "${wrk_pid:-}" ] && kill "$wrk_pid" 2>/dev/null || true
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
./build/release/passerelle serve --port "$port" --database "$work/soak.db" --data-dir "$work" --web-root web/dist \
  --log-level warn --demo >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 900); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

curl -fs -c "$work/cookies" -H 'content-type: application/json' \
  -d '{"email":"secretaire@passerelles-rhone.demo","password":"Passerelle-Demo-2026"}' "$base/api/v1/session" >/dev/null
cookie="passerelle_session=$(awk '$6 == "passerelle_session" {print $7}' "$work/cookies")"
person=$(curl -fs -H "Cookie: $cookie" "$base/api/v1/persons?q=mar&limit=1" |
  node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>console.log(JSON.parse(s).items[0].id))")
cat > "$work/mix.lua" <<LUA
local paths = {"/healthz", "/api/v1/persons/$person", "/api/v1/persons?q=mar&limit=20", "/api/v1/persons?q=dup"}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], {["Cookie"] = "$cookie"})
end
LUA

rss() { awk '/VmRSS/ {print $2}' "/proc/$server_pid/status"; }
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPU; $(date -u +%Y-%m-%d); command: bench/soak.sh $MINUTES"
echo
echo "| time | resident memory (MiB) |"
echo "|---|---|"
printf "| start (demo loaded, idle) | %.1f |\n" "$(awk -v k="$(rss)" 'BEGIN { print k / 1024 }')"
wrk -t2 -c16 -d"$((MINUTES * 60))s" --latency -s "$work/mix.lua" "$base" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
for ((t = 30; t <= MINUTES * 60; t += 30)); do
  sleep 30
  printf "| %d s | %.1f |\n" "$t" "$(awk -v k="$(rss)" 'BEGIN { print k / 1024 }')"
done
wait "$wrk_pid" || true
wrk_pid=
printf "| end (load stopped) | %.1f |\n" "$(awk -v k="$(rss)" 'BEGIN { print k / 1024 }')"
echo
grep -E "Requests/sec|Non-2xx|Socket errors|50%|99%" "$work/wrk.out" | sed 's/^/    /'
