#!/usr/bin/env bash
# End to end: the built `cheeseshop` binary serves a fresh data directory on 127.0.0.1 and
# ../shared/conformance/run.sh drives real clients against it (twine uploads the real corpus, pip
# and uv install from it with hashes checked, pypi-simple parses every page). Exit 0 = every
# MUST check passed. Results: .work/conformance/results/conformance.md
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${CHEESESHOP_TEST_WORK:-$ROOT/.work}
SHARED=${CHEESESHOP_TEST_SHARED:-$ROOT/../shared}
BIN=${CHEESESHOP_TEST_BIN:-$(swift build --show-bin-path)/cheeseshop}
export SWIFT_BACKTRACE=enable=no
mkdir -p "$WORK/conformance"
# The conformance corpus is the same corpus.sh download the packaging tests use: share it.
if [ -d "$WORK/corpus" ] && [ ! -e "$WORK/conformance/corpus" ]; then
  ln -s ../corpus "$WORK/conformance/corpus"
fi

DATA=$(mktemp -d)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -c "import secrets; print(secrets.token_urlsafe(18))" | "$BIN" user create conformance --email conformance@example.com \
  --password-stdin --data "$DATA"
TOKEN=$("$BIN" token create conformance --data "$DATA")
"$BIN" serve --host 127.0.0.1 --port "$PORT" --data "$DATA" --new-project-limit "1000 per hour" > "$WORK/conformance/server.log" 2>&1 &
SERVER=$!
cleanup() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"; }
trap cleanup EXIT
python3 - "$PORT" <<'PY'
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/_health/"
for _ in range(300):
    try:
        urllib.request.urlopen(url, timeout=1)
        sys.exit(0)
    except Exception:
        time.sleep(0.1)
sys.exit("the server did not start; see .work/conformance/server.log")
PY
bash "$SHARED/conformance/run.sh" --url "http://127.0.0.1:$PORT" --token "$TOKEN" --work "$WORK/conformance"
