#!/usr/bin/env bash
# The peer benchmark of BENCHMARKS.md (a benchmark, not a test): the release build of
# `cheeseshop serve` on a fresh data directory, side by side in one run with nginx serving the
# same corpus as a static tree, pypiserver and devpi, all started by ../shared/bench/peers.sh on
# 127.0.0.1. indexbench.py uploads the real corpus with twine to each server, then hammers a
# simple project page (HTML and JSON), the root page and a wheel with wrk, and prints
# requests/s, p99 and ratios against nginx. Then one 1 GiB upload while the server's memory is
# sampled (scripts/upload-memory.py).
#
#   scripts/bench.sh [PHASES]    default "upload,conformance,wrk"; results in .bench/results/cheeseshop.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${CHEESESHOP_TEST_SHARED:-$ROOT/../shared}
export INDEXBENCH_WORK=${INDEXBENCH_WORK:-$ROOT/.bench}
W=$INDEXBENCH_WORK
PHASES=${1:-upload,conformance,wrk}
PORT=18100
export SWIFT_BACKTRACE=enable=no
mkdir -p "$W/pids" "$W/results"

swift build -c release --product cheeseshop 2>&1 | tail -n 1
BIN=$(swift build -c release --show-bin-path)/cheeseshop
bash "$SHARED/bench/peers.sh" install
# The corpus the test command downloads is the same one: share it.
if [ ! -e "$W/corpus" ] && [ -f "$ROOT/.work/corpus/lock.txt" ]; then ln -s "$ROOT/.work/corpus" "$W/corpus"; fi
[ -f "$W/corpus/lock.txt" ] || bash "$SHARED/bench/corpus.sh" "$W/corpus"

DATA="$W/cheeseshop"
rm -rf "$DATA"
python3 -c "import secrets; print(secrets.token_urlsafe(18))" | "$BIN" user create bench --email bench@example.com --password-stdin --data "$DATA"
TOKEN=$("$BIN" token create bench --data "$DATA")
# The peers log no requests (nginx.conf.in: access_log off), so neither does Cheeseshop here;
# BENCH_SERVE_ARGS="" measures it with its request log on (its default).
# shellcheck disable=SC2086
"$BIN" serve --host 127.0.0.1 --port "$PORT" --data "$DATA" --max-file-size 2G --new-project-limit "1000 per hour" \
  ${BENCH_SERVE_ARGS---no-access-log} > "$W/cheeseshop.log" 2>&1 &
echo $! > "$W/pids/cheeseshop.pid"
cleanup() {
  kill "$(cat "$W/pids/cheeseshop.pid")" 2>/dev/null || true
  bash "$SHARED/bench/peers.sh" stop all > /dev/null 2>&1 || true
}
trap cleanup EXIT
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/_health/" 2>/dev/null && break; sleep 0.1; done

for peer in nginx pypiserver devpi; do bash "$SHARED/bench/peers.sh" start "$peer"; done
bash "$SHARED/bench/peers.sh" config | "$W/venv/bin/python" -c '
import json, sys
config = json.load(sys.stdin)
config["servers"] = [s for s in config["servers"] if not s["name"].startswith("proxpi")]
port, token, pid_file = sys.argv[1:4]
config["servers"].append({
    "name": "cheeseshop", "simple_url": f"http://127.0.0.1:{port}/simple/",
    "upload_url": f"http://127.0.0.1:{port}/legacy/", "username": "__token__", "password": token,
    "json_api_url": f"http://127.0.0.1:{port}/pypi", "pid_file": pid_file})
json.dump(config, open(sys.argv[4], "w"), indent=1)
' "$PORT" "$TOKEN" "$W/pids/cheeseshop.pid" "$W/servers.json"

"$W/venv/bin/python" "$SHARED/bench/indexbench.py" multi "$W/servers.json" --phases "$PHASES" \
  --corpus "$W/corpus" --tag cheeseshop --out "$W/results"
echo "results: $W/results/cheeseshop.md"
# Memory while a 1 GiB file uploads (streamed to a staged blob, never held in memory).
python3 scripts/upload-memory.py --url "http://127.0.0.1:$PORT" --token "$TOKEN" \
  --pid "$(cat "$W/pids/cheeseshop.pid")" --size-mib 1024
