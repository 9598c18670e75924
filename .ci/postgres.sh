#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster on loopback for the store tests; print its URL.
# Usage: eval "$(bash .ci/postgres.sh start)"   …   bash .ci/postgres.sh stop
set -euo pipefail
PORT="${PLAYBOOK_PG_PORT:-55432}"
DIR="${PLAYBOOK_PG_DIR:-/tmp/playbook-pg}"
server_bin() { ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname; }
BIN="$(server_bin)"
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-start}" in
  start)
    if [ -z "$BIN" ] || ! id postgres >/dev/null 2>&1; then  # a client alone has no initdb
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      BIN="$(server_bin)"
    fi
    as_postgres "$BIN/pg_ctl" -D "$DIR" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_postgres "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off" start >/dev/null
    echo "export PLAYBOOK_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    [ -n "$BIN" ] && as_postgres "$BIN/pg_ctl" -D "$DIR" stop -m fast >/dev/null 2>&1 || true
    ;;
esac
