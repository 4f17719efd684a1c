#!/usr/bin/env bash
# What a change costs the read path (a benchmark, not a test): each SERVER ("BIN [serve
# arguments]", e.g. the release build of an earlier commit and of this one) serves one small
# project on a fresh data directory, and wrk hammers its simple page and its wheel, servers
# interleaved, 2 rounds of 10 s, one thread, 32 connections.
#
#   scripts/bench-overhead.sh "OLD_BIN" "NEW_BIN" "NEW_BIN --no-access-log" ...
set -euo pipefail
cd "$(dirname "$0")/.."
W=$(mktemp -d /tmp/bench-overhead.XXXX)
trap 'rm -rf "$W"' EXIT
python3 - "$W" <<'PY'
import sys
from pathlib import Path
sys.path.insert(0, "scripts")
import distkit
distkit.build_wheel(Path(sys.argv[1]), "benchdemo", "1.0", b"Metadata-Version: 2.1\nName: benchdemo\nVersion: 1.0\n",
                    {"benchdemo.py": b"x = 1\n" * 8000}, "bench-overhead")
PY
WHEEL=$(ls "$W"/*.whl)
PORT=18555
for round in 1 2; do
  for server in "$@"; do
      bin=${server%% *}
      variant=${server#"$bin"}
      D="$W/data-$round"
      rm -rf "$D"
      "$bin" user create bench --email bench@example.org --password-stdin --data "$D" <<< "correct-horse-battery-staple-$RANDOM" > /dev/null
      TOKEN=$("$bin" token create bench --data "$D")
      # shellcheck disable=SC2086
      "$bin" serve --port $PORT --data "$D" $variant > "$W/log" 2>&1 &
      PID=$!
      for _ in $(seq 100); do curl -sf "localhost:$PORT/simple/" > /dev/null && break; sleep 0.1; done
      curl -sf -u "__token__:$TOKEN" -F ":action=file_upload" -F protocol_version=1 -F name=benchdemo -F version=1.0 \
        -F filetype=bdist_wheel -F pyversion=py3 -F metadata_version=2.1 \
        -F "sha256_digest=$(sha256sum "$WHEEL" | cut -d' ' -f1)" -F "content=@$WHEEL" "localhost:$PORT/legacy/" > /dev/null
      FILE=$(curl -s "localhost:$PORT/simple/benchdemo/" | grep -o '/packages/[^"#]*' | head -1)
      page=$(wrk -t1 -c32 -d10s "http://127.0.0.1:$PORT/simple/benchdemo/" | awk '/Requests\/sec/ {print $2}')
      file=$(wrk -t1 -c32 -d10s "http://127.0.0.1:$PORT$FILE" | awk '/Requests\/sec/ {print $2}')
      kill $PID; wait $PID 2> /dev/null || true
      echo "round $round | $server | page $page req/s | file $file req/s"
  done
done
