#!/usr/bin/env bash
# The web pages benchmark of BENCHMARKS.md (a benchmark, not a test): `cheeseshop serve` on a
# fresh data directory loaded with N real project names (default 100,000) from a PyPI names file,
# one tiny wheel each through the legacy upload API; then wrk (1 thread, 32 connections, 10 s)
# on a project page, 1,000 project pages at random, search, a simple page and the home page.
# Prints a Markdown table; results in .work/bench-pages/results.{md,json}.
#
#   scripts/bench-pages.sh [--n N] [--threads T] [--max-load-s S] [--keep DIR | --reuse DIR [--top-up]]
#
#   --keep DIR    load into DIR and keep it;  --reuse DIR  measure DIR again, no load;
#   --reuse DIR --top-up --n N  first load what a stopped-early (--max-load-s) run left out
#   CHEESESHOP_TEST_BIN  the binary (default: the debug build of `swift build`)
#   PYPI_TSV        the names file: tab-separated, header 'name version ... summary'
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${CHEESESHOP_TEST_WORK:-$ROOT/.work}
BIN=${CHEESESHOP_TEST_BIN:-$(swift build --show-bin-path)/cheeseshop}
NAMES=${PYPI_TSV:-/work/.library/env/packages/pypi.tsv}
VENV=$WORK/bench-pages-venv
export SWIFT_BACKTRACE=enable=no

[ -x "$BIN" ] || { echo "no cheeseshop binary at $BIN (swift build, or set CHEESESHOP_TEST_BIN)" >&2; exit 1; }
case " $* " in
  *" --reuse "*) ;;
  *) [ -f "$NAMES" ] || { echo "the names file $NAMES does not exist: set PYPI_TSV to a tab-separated file" \
       "with a header 'name version ... summary' (one PyPI project a row)" >&2; exit 1; } ;;
esac
if ! command -v wrk > /dev/null; then
  apt-get install -y wrk > /dev/null 2>&1 || { apt-get update > /dev/null && apt-get install -y wrk > /dev/null; }
fi
mkdir -p "$WORK/bench-pages"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import requests, packaging' 2> /dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q requests packaging
fi

COMMAND="CHEESESHOP_TEST_BIN=$(printf %q "$BIN") PYPI_TSV=$(printf %q "$NAMES") scripts/bench-pages.sh"
for arg in "$@"; do COMMAND+=" $(printf %q "$arg")"; done
echo "command: $COMMAND"
# bench-pages.py starts the server (its pid in server.pid) and stops it on exit; the trap stops
# both should the python process itself be killed.
PIDFILE=$WORK/bench-pages/server.pid
rm -f "$PIDFILE"
cleanup() {
  [ -n "${PY:-}" ] && kill "$PY" 2> /dev/null && wait "$PY" 2> /dev/null
  if [ -f "$PIDFILE" ]; then kill "$(cat "$PIDFILE")" 2> /dev/null || true; rm -f "$PIDFILE"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
"$VENV/bin/python" scripts/bench-pages.py --bin "$BIN" --work "$WORK" --names "$NAMES" --command "$COMMAND" "$@" &
PY=$!
wait "$PY"
PY=
