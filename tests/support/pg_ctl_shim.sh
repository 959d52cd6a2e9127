#!/usr/bin/env bash
# pg_ctl refuses to run as root. pytest-postgresql calls this shim instead: it hands
# the data, socket and log directories to the postgres user and runs the real pg_ctl
# as that user. Only used by the tests.
set -euo pipefail
real="${PG_CTL_REAL:-$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)}"
if [ "$(id -u)" != "0" ]; then exec "$real" "$@"; fi

hand_over() {  # $1: a directory the server will write in (data dir, or a log file's dir)
  mkdir -p "$1"
  local top; top=$(cd "$1/.." && pwd)
  chown -R postgres "$top"
  # Let postgres traverse the (root-owned, 0700) pytest temp directories above.
  local p="$top"
  while [ "$p" != "/" ]; do chmod o+x "$p" 2>/dev/null || true; p=$(dirname "$p"); done
}

prev=""
for arg in "$@"; do
  case "$prev" in
    -D|--pgdata) hand_over "$arg" ;;
    -l|--log) hand_over "$(dirname "$arg")" ;;
  esac
  case "$arg" in
    --pgdata=*) hand_over "${arg#--pgdata=}" ;;
    --log=*) hand_over "$(dirname "${arg#--log=}")" ;;
  esac
  prev="$arg"
done
exec runuser -u postgres -- "$real" "$@"
