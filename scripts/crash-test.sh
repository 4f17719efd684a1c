#!/usr/bin/env bash
# Crash recovery, end to end: the built `cheeseshop` serves a fresh data directory, concurrent
# twine-style uploads (some of a few MB, streamed slowly) run against it, and the server is
# killed with SIGKILL mid-stream, several times, then restarted on the same data directory.
# Checks after each restart: every acknowledged (200) upload is listed and downloads with its
# sha256; an upload that was never acknowledged is absent unless it was in flight at the kill
# (then it is either absent or complete and correct); the staging directory is empty; every
# blob under files/packages/ is complete (its BLAKE2b-256 matches its path) and belongs to a
# served file or to an upload in flight at a kill. Then the management commands: yank, unyank,
# delete file (404, filename never reusable), delete release, refusals.
#
#   scripts/crash-test.sh                      build nothing; run the binary at CHEESESHOP_TEST_BIN
#   CHEESESHOP_TEST_BIN=path ROUNDS=3 COUNT=60 scripts/crash-test.sh
#   KEEP=1 scripts/crash-test.sh               keep the data directory and server logs
#
# Needs bash and Python 3 (standard library only). Exit 0 = every check passed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${CHEESESHOP_TEST_BIN:-$(swift build --show-bin-path)/cheeseshop}
PYTHON=${PYTHON:-python3}
export SWIFT_BACKTRACE=enable=no
[ -x "$BIN" ] || { echo "crash test: no cheeseshop binary at $BIN (build it first)"; exit 1; }

DATA=$(mktemp -d "${TMPDIR:-/tmp}/cheeseshop-crash.XXXXXX")
cleanup() { [ -n "${KEEP:-}" ] && echo "kept $DATA" || rm -rf "$DATA"; }
trap cleanup EXIT

python3 -c "import secrets; print(secrets.token_urlsafe(18))" | "$BIN" user create crashtester --email crash@example.com \
  --password-stdin --data "$DATA/data" > /dev/null
python3 -c "import secrets; print(secrets.token_urlsafe(18))" | "$BIN" user create bystander --email bystander@example.com \
  --password-stdin --data "$DATA/data" > /dev/null
TOKEN=$("$BIN" token create crashtester --data "$DATA/data")

"$PYTHON" scripts/crash-test.py --bin "$BIN" --data "$DATA/data" --logs "$DATA" --token "$TOKEN" \
  --user crashtester --other-user bystander --rounds "${ROUNDS:-3}" --count "${COUNT:-60}"
