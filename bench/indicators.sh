#!/usr/bin/env bash
# Steering dashboard benchmark: the yearly dashboard of the largest organisation from the aggregates,
# against the same indicators by plain SQL over the raw facts, on SQLite and PostgreSQL in the same run.
# The dataset (passerelle generate-dataset, default size m) is generated once per backend:
# SQLite into build/bench/data/ (reused), PostgreSQL into a throw-away server.
# Usage: bench/indicators.sh [size=m] [runs=20]
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-m}
RUNS=${2:-20}

cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPASSERELLE_BENCH=ON -DPASSERELLE_TESTS=OFF >/dev/null
cmake --build build/bench --target passerelle indicators | tail -1
mkdir -p build/bench/data
DB=build/bench/data/dataset-$SIZE.db
# The file is reused while the generator is the same (the last commit of its sources is kept beside it).
generator=$(git log -1 --format=%h -- src/app/dataset.cpp src/app/demo_persons.cpp src/app/demo_staff.cpp 2>/dev/null || echo unknown)
if [ ! -f "$DB" ] || [ "$(cat "$DB.generator" 2>/dev/null)" != "$generator" ]; then
  echo "Generating dataset $SIZE into $DB (generator $generator; the file is reused)" >&2
  rm -f "$DB" "$DB-wal" "$DB-shm"
  # generate-dataset leaves the steering aggregates built (as rebuild-aggregates would).
  ./build/bench/passerelle generate-dataset --size "$SIZE" --database "$DB" --log-level warn >&2
  echo "$generator" > "$DB.generator"
fi

source scripts/lib/postgres.sh
pg_start
psql -q "$PASSERELLE_TEST_PG_ADMIN" -c "CREATE DATABASE bench_indicators"
PG_URL="${PASSERELLE_TEST_PG_ADMIN%/*}/bench_indicators"
echo "Generating dataset $SIZE into PostgreSQL" >&2
./build/bench/passerelle generate-dataset --size "$SIZE" --database "$PG_URL" --log-level warn >&2
psql -q "$PG_URL" -c "VACUUM ANALYZE"

echo
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPU, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM;" \
  "SQLite $(sqlite3 --version | cut -d' ' -f1), $(psql --version | cut -d' ' -f2-); $(date -u +%Y-%m-%d)"
echo "Command: bench/indicators.sh $SIZE $RUNS"
./build/bench/indicators --sqlite "$DB" --postgresql "$PG_URL" --runs "$RUNS"
