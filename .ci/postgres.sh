#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server (Debian's `postgresql` package) listening only on a Unix
# socket in a fresh temporary folder, and prints the URL the tests read from
# CREDIT_POLICY_TEST_POSTGRES. Run as root, the server runs as the `postgres` user (initdb and
# postgres refuse root). `.ci/postgres.sh stop DIR` stops it and removes the folder.
set -euo pipefail

if [ "${1:-}" = "stop" ]; then
  dir="$2"
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  else "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$dir"
  exit 0
fi

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "postgres.sh: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
  exit 1
fi
dir="$(mktemp -d /tmp/credit-policy-pg.XXXXXX)"
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
chmod 700 "$dir"
as_server "$bin/initdb" -D "$dir/data" -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  as_server "$bin/initdb" -D "$dir/data" -U postgres -A trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1
# No TCP port: only the socket in $dir, reachable by whoever can enter the folder.
as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
if [ "$(id -u)" = 0 ]; then chmod 755 "$dir"; fi
echo "postgresql://postgres@/postgres?host=$dir"
