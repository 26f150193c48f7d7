#!/usr/bin/env bash
# Start a throwaway PostgreSQL server on loopback for the tests; print its URL on the last line.
# Installs Debian's postgresql if it is missing. Usage: eval "$(scripts/pg_test_server.sh)"
set -euo pipefail
PORT="${FLASHPOINT_PG_PORT:-54329}"
DATA="${FLASHPOINT_PG_DATA:-/tmp/flashpoint-pg-$PORT}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "installing postgresql from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
run_as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
if [ -f "$DATA/postmaster.pid" ] && run_as_postgres "$bin/pg_ctl -D $DATA status" >/dev/null 2>&1; then
  :
else
  rm -rf "$DATA"
  mkdir -p "$DATA"
  [ "$(id -u)" = "0" ] && chown postgres "$DATA"
  run_as_postgres "$bin/initdb -D $DATA -U postgres -A trust --no-sync" >/dev/null
  run_as_postgres "$bin/pg_ctl -D $DATA -l $DATA/server.log -o \"-h 127.0.0.1 -p $PORT -k /tmp -F\" -w start" >/dev/null
fi
echo "export FLASHPOINT_TEST_PG=postgresql://postgres@127.0.0.1:$PORT/postgres"
