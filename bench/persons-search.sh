#!/usr/bin/env bash
# Type-ahead search benchmark: search_persons (the store function behind GET /api/v1/persons) on
# N persons, on SQLite and on PostgreSQL in the same run. Prints a Markdown table.
# The SQLite dataset is generated once (through insert_person) into build/bench/data/ and reused;
# a throw-away PostgreSQL server (scripts/lib/postgres.sh) receives a copy of it on every run.
# Usage: bench/persons-search.sh [persons=400000] [queries=6000]   (PERSONS_SEARCH_ARGS: more options)
# Then the same queries with a name on PostgreSQL through a pg_trgm GIN index (issue #9 reference,
# created in the benchmark database only).
set -euo pipefail
cd "$(dirname "$0")/.."
PERSONS=${1:-400000}
QUERIES=${2:-6000}

# Its own build directory: build/release belongs to the everyday build.
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPASSERELLE_BENCH=ON -DPASSERELLE_TESTS=OFF >/dev/null
cmake --build build/bench --target persons_search -j2 | tail -1
mkdir -p build/bench/data
DB=build/bench/data/persons-$PERSONS.db

source scripts/lib/postgres.sh
pg_start
psql -q "$PASSERELLE_TEST_PG_ADMIN" -c "CREATE DATABASE bench"
PG_URL="${PASSERELLE_TEST_PG_ADMIN%/*}/bench"

echo
echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPU, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM;" \
  "SQLite $(sqlite3 --version | cut -d' ' -f1), $(psql --version | cut -d' ' -f2-); $(date -u +%Y-%m-%d)"
echo "Command: bench/persons-search.sh $PERSONS $QUERIES"
./build/bench/persons_search --sqlite "$DB" --postgresql "$PG_URL" --persons "$PERSONS" --queries "$QUERIES" --warmup 600 --slowest 2 --pg-trgm \
  ${PERSONS_SEARCH_ARGS:-}
