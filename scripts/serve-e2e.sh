#!/usr/bin/env bash
# The README's serve command on a machine without the Debian packages the build needs (issue
# 17): they are removed (as root), then `scripts/serve.sh` must install them again, build the
# release binary and answer /simple/ with 200. The test command runs it once; the release
# binary it builds is the one every end-to-end test then uses.
#
#   scripts/serve-e2e.sh WORK_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-.work/serve-e2e}
rm -rf "$work"
mkdir -p "$work"
packages=(libargon2-dev libcmark-gfm-extensions-dev libcmark-gfm-dev)
headers=(/usr/include/argon2.h /usr/include/cmark-gfm.h /usr/include/cmark-gfm-core-extensions.h)
if [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 remove -y -q "${packages[@]}" \
    > "$work/apt-remove.log" 2>&1
  for header in "${headers[@]}"; do
    if [ -e "$header" ]; then echo "serve-e2e: FAILED: $header is still there after the removal"; exit 1; fi
  done
  removed="${packages[*]} removed first"
else
  removed="not root: the packages were left as they were"
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
scripts/serve.sh --host 127.0.0.1 --port "$port" --data "$work/data" > "$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
# The first release build takes minutes: wait for it as long as the process lives (45 min at most).
status=000
for _ in $(seq 1 2700); do
  kill -0 "$server" 2>/dev/null || { tail -n 30 "$work/server.log"; echo "serve-e2e: FAILED: scripts/serve.sh ended"; exit 1; }
  status=$(python3 -c '
import sys, urllib.error, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=10).status)
except urllib.error.HTTPError as error:
    print(error.code)
except OSError:
    print("000")' "http://127.0.0.1:$port/simple/")
  [ "$status" = 200 ] && break
  sleep 1
done
if [ "$status" != 200 ]; then tail -n 30 "$work/server.log"; echo "serve-e2e: FAILED: /simple/ answered $status"; exit 1; fi
for header in "${headers[@]}"; do
  if [ ! -e "$header" ]; then echo "serve-e2e: FAILED: $header was not installed again"; exit 1; fi
done
grep -q "installing" "$work/server.log" || [ "$removed" != "${packages[*]} removed first" ] \
  || { echo "serve-e2e: FAILED: scripts/serve.sh did not say what it installed"; exit 1; }
echo "serve-e2e: OK ($removed; scripts/serve.sh installed what was missing, built the release binary and answered /simple/ with 200)"
