#!/usr/bin/env bash
# A private PostgreSQL server for the tests, the end-to-end test and the benchmarks: installs
# Debian's `postgresql` when missing, creates a cluster under DIR (C collation, UTF-8, SCRAM
# passwords), starts it on 127.0.0.1 at a free port and prints the database URL.
#
#   scripts/postgres.sh start DIR     prints postgres://cheeseshop:PASSWORD@127.0.0.1:PORT/cheeseshop
#   scripts/postgres.sh fresh DIR NAME   (re)creates an empty database NAME, prints its URL
#   scripts/postgres.sh stop DIR
#   scripts/postgres.sh remove DIR      stops the server and deletes the cluster
#
# The URL is also written to DIR/url. As root, the server runs as the `postgres` user.
set -euo pipefail
action=${1:?usage: postgres.sh start|stop DIR}
dir=${2:?usage: postgres.sh start|stop DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "== installing postgresql" >&2
  apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# The cluster lives in DIR/data, or, when the server's user cannot reach DIR (root running in a
# private temporary directory), in a folder of its own under /var/tmp named after DIR.
data=$dir/data
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$dir"; then
  data=/var/tmp/cheeseshop-postgres-$(printf '%s' "$dir" | md5sum | cut -c1-12)
fi

case "$action" in
  stop | remove)
    if [ -f "$data/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null || true
    fi
    if [ "$action" = remove ]; then rm -rf "$data" "$dir/url" "$dir/password"; fi
    ;;
  start)
    if [ -f "$dir/url" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      cat "$dir/url"
      exit 0
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
      rm -rf "$data"
      password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
      printf '%s\n' "$password" > "$dir/password"
      mkdir -p "$data"
      if [ "$(id -u)" = 0 ]; then
        chown -R postgres "$data"
        cp "$dir/password" "$data/../.pw-$$" && chown postgres "$data/../.pw-$$"
        as_owner "$bin/initdb" -D "$data" -U cheeseshop --pwfile="$data/../.pw-$$" \
          --auth=scram-sha-256 --locale=C --encoding=UTF8 >"$dir/initdb.log"
        rm -f "$data/../.pw-$$"
      else
        "$bin/initdb" -D "$data" -U cheeseshop --pwfile="$dir/password" \
          --auth=scram-sha-256 --locale=C --encoding=UTF8 >"$dir/initdb.log"
      fi
    fi
    password=$(cat "$dir/password")
    # The port of the last start when it is still free (clients restarted with the server keep
    # their URL), else any free port.
    last=$(sed -nE 's/.*@127\.0\.0\.1:([0-9]+)\/.*/\1/p' "$dir/url" 2>/dev/null || true)
    port=$(python3 -c '
import socket, sys
for candidate in (int(sys.argv[1]) if sys.argv[1] else 0, 0):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds: TIME_WAIT is no obstacle
    try:
        s.bind(("127.0.0.1", candidate))
    except OSError:
        continue
    print(s.getsockname()[1])
    break' "$last")
    as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=200" start >/dev/null
    PGPASSWORD=$password "$bin/psql" -h 127.0.0.1 -p "$port" -U cheeseshop -d postgres -qAt \
      -c "SELECT 1 FROM pg_database WHERE datname = 'cheeseshop'" | grep -q 1 \
      || PGPASSWORD=$password "$bin/createdb" -h 127.0.0.1 -p "$port" -U cheeseshop cheeseshop
    url="postgres://cheeseshop:$password@127.0.0.1:$port/cheeseshop"
    printf '%s\n' "$url" > "$dir/url"
    echo "$url"
    ;;
  fresh)
    name=${3:?usage: postgres.sh fresh DIR NAME}
    url=$(cat "$dir/url")
    port=$(sed -E 's/.*:([0-9]+)\/.*/\1/' <<<"$url")
    PGPASSWORD=$(cat "$dir/password") "$bin/psql" -h 127.0.0.1 -p "$port" -U cheeseshop -d postgres -q \
      -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name" 2>/dev/null
    echo "${url%/*}/$name"
    ;;
  *)
    echo "usage: postgres.sh start|fresh|stop DIR" >&2
    exit 2
    ;;
esac
