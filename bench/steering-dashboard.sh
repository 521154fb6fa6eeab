#!/usr/bin/env bash
# Steering dashboard benchmark: the indicators of one organisation of E establishments for a year
# from the aggregates, against the same indicators by plain SQL over the facts, on SQLite and on
# PostgreSQL in the same run. Prints a Markdown table (generation and build times on stderr).
# Usage: bench/steering-dashboard.sh [establishments=50] [runs=20]
set -euo pipefail
cd "$(dirname "$0")/.."
ESTABLISHMENTS=${1:-50}
RUNS=${2:-20}

# Its own build directory: build/release belongs to the everyday build.
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPASSERELLE_BENCH=ON -DPASSERELLE_TESTS=OFF >/dev/null
cmake --build build/bench --target steering_dashboard | tail -1
mkdir -p build/bench/data

source scripts/lib/postgres.sh
pg_start
psql -q "$PASSERELLE_TEST_PG_ADMIN" -c "CREATE DATABASE steering"
PG_URL="${PASSERELLE_TEST_PG_ADMIN%/*}/steering"

echo
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPU, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM;" \
  "SQLite $(sqlite3 --version | cut -d' ' -f1), $(psql --version | cut -d' ' -f2-); $(date -u +%Y-%m-%d)"
echo "Command: bench/steering-dashboard.sh $ESTABLISHMENTS $RUNS"
./build/bench/steering_dashboard --sqlite build/bench/data/steering.db --postgresql "$PG_URL" \
  --establishments "$ESTABLISHMENTS" --runs "$RUNS"
