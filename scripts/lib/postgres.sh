# Starts a throw-away PostgreSQL 15 server in a temporary folder on a free port, for tests.
# Source this file, call pg_start, and pg_stop runs on exit (even on failure).
# initdb and pg_ctl refuse to run as root: as root they run as the postgres user.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg_run() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

pg_start() {
  PG_DIR=$(mktemp -d /tmp/passerelle-pg.XXXXXX)
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
  PG_PORT=$(pg_free_port)
  pg_run "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log"; return 1; }
  # fsync off: this server holds only test data and is thrown away. PG_EXTRA_OPTIONS: more server
  # options (benchmarks: "-c shared_preload_libraries=pg_stat_statements").
  pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 ${PG_EXTRA_OPTIONS:-}" start >/dev/null \
    || { cat "$PG_DIR/server.log"; return 1; }
  trap pg_stop EXIT
  export PASSERELLE_TEST_PG_ADMIN="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL test server on port $PG_PORT ($PG_DIR)"
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    pg_run "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
