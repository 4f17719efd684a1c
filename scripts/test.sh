#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need, builds, runs every test,
# the differential test against Python's packaging, the real-archive corpus test, the fuzz
# seed replay, the 100% line-coverage gate of the PythonPackaging module, and the end-to-end
# conformance suite (real twine, pip, uv, pypi-simple against the built server) and the kill -9
# crash-recovery test (scripts/crash-test.sh).
#
#   scripts/test.sh            everything
#   SKIP_CORPUS=1 scripts/test.sh   no download: the corpus, differential and conformance tests
#                                   are skipped
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=${CHEESESHOP_TEST_WORK:-$ROOT/.work}
SHARED=${CHEESESHOP_TEST_SHARED:-$ROOT/../shared}
mkdir -p "$WORK"
log() { printf '== %s\n' "$*"; }
# venv_with DIR IMPORTS PACKAGE...: a venv at DIR holding PACKAGE..., made unless IMPORTS import.
venv_with() {
  local dir=$1 imports=$2
  shift 2
  if ! "$dir/bin/python" -c "import $imports" 2>/dev/null; then
    log "creating $dir with $*"
    python3 -m venv "$dir"
    "$dir/bin/python" -m pip install -q --disable-pip-version-check "$@"
  fi
}
# run_logged WHAT LOG COMMAND...: runs COMMAND with its output in LOG; on failure shows the
# log's tail and stops the test command.
run_logged() {
  local what=$1 file=$2 status
  shift 2
  set +e
  "$@" > "$file" 2>&1
  status=$?
  set -e
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$file"
    echo "$what failed ($status): see $file"
    exit 1
  fi
}

# 1. System packages: zlib headers for the CZlib module, Python with venv for the differential test.
need=()
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
[ -f /usr/include/argon2.h ] || need+=(libargon2-dev)
[ -f /usr/include/cmark-gfm.h ] || need+=(libcmark-gfm-dev)
[ -f /usr/include/cmark-gfm-core-extensions.h ] || need+=(libcmark-gfm-extensions-dev)
if [ -z "${SKIP_BROWSER:-}" ]; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
fi
python3 -c 'import ensurepip, venv' 2>/dev/null || need+=(python3-venv)
# nginx: the load balancer of the scale-out end-to-end test.
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx-light)
# Varnish: the cache of the cache end-to-end test.
command -v varnishd >/dev/null || [ -x /usr/sbin/varnishd ] || need+=(varnish)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}"
fi

# 2. Python's packaging (the reference implementation) in a venv of our own.
PY="$WORK/venv/bin/python"
# packaging-legacy: the LegacyVersion order that Warehouse still sorts releases by.
venv_with "$WORK/venv" "packaging, packaging_legacy" packaging==26.2 packaging-legacy==23.0.post0

# 3. Real distributions (shared/bench/corpus.sh) and packaging's answers on the fixtures.
if [ -z "${SKIP_CORPUS:-}" ]; then
  if [ ! -f "$WORK/corpus/lock.txt" ] || [ "$(ls "$WORK/corpus" | grep -cE '\.(whl|tar\.gz|zip)$')" -lt 100 ]; then
    log "downloading the real corpus into $WORK/corpus"
    INDEXBENCH_WORK="$WORK" PYTHON="$PY" bash "$SHARED/bench/corpus.sh" "$WORK/corpus"
  fi
  mkdir -p "$WORK/differential"
  "$PY" scripts/differential/expected.py Tests/PythonPackagingTests/Fixtures/differential \
    "$WORK/corpus" "$WORK/differential/expected.json"
  export CHEESESHOP_TEST_DIFFERENTIAL="$WORK/differential/expected.json"
  export CHEESESHOP_TEST_CORPUS="$WORK/corpus"
fi

# 4. The real services the storage tests run against, stopped when the test command ends:
#    PostgreSQL (the store contract suite, the multi-node tests) and SeaweedFS, an S3 server
#    that checks signatures (the blob store contract suite, the S3 tests).
log "starting PostgreSQL (scripts/postgres.sh)"
CHEESESHOP_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$WORK/postgres")
export CHEESESHOP_TEST_POSTGRES_URL
stop_services() {
  scripts/postgres.sh remove "$WORK/postgres" || true
  scripts/seaweedfs.sh stop > /dev/null 2>&1 || true
}
trap stop_services EXIT
log "starting SeaweedFS (scripts/seaweedfs.sh)"
run_logged "SeaweedFS" "$WORK/seaweedfs-start.log" scripts/seaweedfs.sh start
# shellcheck disable=SC1091
source "$ROOT/.work/seaweedfs/env"
export CHEESESHOP_TEST_S3_ENDPOINT CHEESESHOP_TEST_S3_ACCESS_KEY CHEESESHOP_TEST_S3_SECRET_KEY

# 5. Build and run the tests with coverage.
log "swift test (builds with coverage instrumentation)"
export SWIFT_BACKTRACE=enable=no
# Serially: coverage counters are not atomic, and llvm-cov derives some region counts by
# subtraction, so hot counters raced by parallel tests can make a line that ran look unrun.
swift test --disable-xctest --enable-code-coverage --no-parallel 2>&1 | tee "$WORK/swift-test.log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
  # The log's tail can be all test arguments; the failures, shortened, come last.
  echo "== failures (whole log: $WORK/swift-test.log)"
  grep -E '✘|error:|Fatal error|recorded an issue' "$WORK/swift-test.log" | cut -c1-400 | tail -n 60
  echo "swift test failed ($status)"
  exit "$status"
fi

# 6. Everything the fuzzers ever found, replayed through the normal build.
log "fuzz seed replay"
"$(swift build --show-bin-path)/packaging-fuzz" Tests/FuzzSeeds

# 7. Coverage gate.
log "coverage of Sources/PythonPackaging"
scripts/coverage.sh

# 7b. The README's serve command on a machine without the build's Debian packages: they are
#     removed, scripts/serve.sh installs them again, builds the release binary and serves
#     /simple/. That one release build is the binary every end-to-end test below runs.
log "the README's serve command with the build's Debian packages removed (release build)"
run_logged "scripts/serve.sh on a fresh machine" "$WORK/serve-e2e.log" scripts/serve-e2e.sh "$WORK/serve-e2e"
tail -n 1 "$WORK/serve-e2e.log"
CHEESESHOP_TEST_BIN="$(swift build -c release --show-bin-path)/cheeseshop"
export CHEESESHOP_TEST_BIN

# 8. End to end: real clients against the built server.
conformance="skipped (SKIP_CORPUS)"
if [ -z "${SKIP_CORPUS:-}" ]; then
  log "conformance: twine, pip, uv and pypi-simple against cheeseshop serve"
  set +e
  scripts/conformance.sh > "$WORK/conformance.log" 2>&1
  status=$?
  set -e
  grep -E '^\| (conformance|pip install|uv install)' "$WORK/conformance.log" || true
  if [ "$status" -ne 0 ]; then
    grep -A 40 'Failure examples' "$WORK/conformance.log" || tail -n 40 "$WORK/conformance.log"
    echo "conformance failed ($status): see $WORK/conformance.log"
    exit 1
  fi
  conformance=$(grep -E 'conformance MUST / SHOULD' "$WORK/conformance.log" | tail -n 1)
  log "conformance again with the index on PostgreSQL"
  run_logged "conformance on PostgreSQL" "$WORK/conformance-postgres.log" \
    env CHEESESHOP_DATABASE_URL="$(scripts/postgres.sh fresh "$WORK/postgres" conformance)" scripts/conformance.sh
  conformance="$conformance; on PostgreSQL: $(grep -E 'conformance MUST / SHOULD' "$WORK/conformance-postgres.log" | tail -n 1)"
fi
echo "conformance: $conformance"

# 9. Crash recovery: kill -9 in the middle of uploads, restart, check nothing acknowledged is lost
#    and nothing partial is visible; then the CLI's yank/unyank/delete commands end to end.
log "crash test: kill -9 during uploads, restart, check"
run_logged "crash test" "$WORK/crash-test.log" scripts/crash-test.sh
crash=$(grep -E '^crash test:' "$WORK/crash-test.log" | tail -n 1)
echo "$crash"

# 9b. Start-up failures: a data directory that cannot be made, a port in use, a database that
#     cannot be opened, PostgreSQL down, a bad --base-url: one clear line each, non-zero exit.
log "start-up failures: one clear line each"
run_logged "start-up failures" "$WORK/startup-e2e.log" \
  python3 scripts/startup-e2e.py --cheeseshop "$CHEESESHOP_TEST_BIN" --work "$WORK/startup-e2e"
grep -E '^startup-e2e:' "$WORK/startup-e2e.log" | tail -n 1

# 10. Trusted publishing end to end: a local OIDC issuer signs a CI job's token, the mint endpoint
#    exchanges it, real twine uploads with the minted token, a replay of the same JWT is refused.
venv_with "$WORK/e2e-venv" "cryptography, twine, uv, prometheus_client, feedparser" twine cryptography uv prometheus_client \
  feedparser
log "trusted publishing end to end: OIDC issuer, mint-token, twine, replay"
run_logged "trusted publishing end to end" "$WORK/oidc-e2e.log" \
  env PATH="$WORK/e2e-venv/bin:$PATH" "$WORK/e2e-venv/bin/python" scripts/oidc-e2e.py \
  --cheeseshop "$CHEESESHOP_TEST_BIN" --work "$WORK/oidc-e2e"
grep -E '^oidc-e2e:' "$WORK/oidc-e2e.log" | tail -n 1

# 10b. Operators' ground: 3,000 trickling connections shed by the header timeout while a normal
#     request is answered, slow and stalled upload bodies cut off, the connection cap's 503,
#     SIGTERM during an upload finishes it and exits 0; JSON request logs without secrets;
#     /metrics parsed by prometheus_client.
log "operator end to end: slow clients, connection cap, SIGTERM"
run_logged "operator end to end" "$WORK/operator-e2e.log" \
  "$WORK/e2e-venv/bin/python" scripts/operator-e2e.py --cheeseshop "$CHEESESHOP_TEST_BIN" --work "$WORK/operator-e2e"
grep -E '^operator-e2e:' "$WORK/operator-e2e.log" | tail -n 1

# 10c. The index as a mirror's source: PyPI's XML-RPC trio through xmlrpc.client at /pypi and /RPC2
#     (each upload and yank in changelog_since_serial, list_packages_with_serial as the PEP 691
#     pages' _last-serial, removed methods fault), and /api/changes walked to its end with ETag/304;
#     the RSS feeds read by feedparser.
log "mirror source end to end: XML-RPC changelog, /api/changes"
run_logged "mirror source end to end" "$WORK/mirror-source-e2e.log" \
  "$WORK/e2e-venv/bin/python" scripts/mirror-source-e2e.py --cheeseshop "$CHEESESHOP_TEST_BIN" \
  --work "$WORK/mirror-source-e2e"
grep -E '^mirror-source-e2e:' "$WORK/mirror-source-e2e.log" | tail -n 1

# 11. The web pages in a real browser: headless Chromium driven by selenium registers, verifies
#     the e-mail (SMTP to a local sink), enables 2FA, creates a token, publishes with twine,
#     searches, reads the README, yanks on the manage page; screenshots in docs/screenshots/.
if [ -z "${SKIP_BROWSER:-}" ]; then
  venv_with "$WORK/browser-venv" "selenium, twine" selenium twine
  log "browser test: headless chromium through register, 2FA, token, twine, search, README, yank"
  run_logged "browser test" "$WORK/browser-test.log" \
    env PATH="$WORK/browser-venv/bin:$PATH" "$WORK/browser-venv/bin/python" scripts/browser-test.py \
    --cheeseshop "$CHEESESHOP_TEST_BIN" --work "$WORK/browser" --screenshots "$WORK/screenshots"
  grep -E '^browser-test: OK' "$WORK/browser-test.log" | tail -n 1
fi

# 11b. Accessibility (WCAG 2.1 AA): axe-core, through axe-selenium-python 3 (Python >= 3.12, pyenv's
#      or PATH's) in headless Chromium, finds no serious or critical violation on the pages a
#      person reaches, the error pages included.
if [ -z "${SKIP_BROWSER:-}" ] && [ -z "${SKIP_CORPUS:-}" ]; then
  py312=""
  for candidate in "$(pyenv root 2>/dev/null)"/versions/3.1[2-9]*/bin/python3 python3.13 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      py312=$candidate
      break
    fi
  done
  if [ -n "$py312" ]; then
    if ! "$WORK/axe-venv/bin/python" -c "import axe_selenium_python, selenium" 2>/dev/null; then
      log "creating $WORK/axe-venv with selenium axe-selenium-python ($py312)"
      "$py312" -m venv "$WORK/axe-venv"
      "$WORK/axe-venv/bin/python" -m pip install -q --disable-pip-version-check selenium axe-selenium-python
    fi
    log "accessibility: axe-core on the pages and the error pages"
    run_logged "accessibility (axe-core)" "$WORK/axe-e2e.log" \
      "$WORK/axe-venv/bin/python" scripts/axe-e2e.py --cheeseshop "$CHEESESHOP_TEST_BIN" --work "$WORK/axe-e2e" \
      --corpus "$WORK/corpus"
    grep -E '^axe-e2e:' "$WORK/axe-e2e.log" | tail -n 1
  else
    echo "axe-e2e: SKIPPED (axe-selenium-python 3 needs Python >= 3.12 and none was found)"
  fi
fi

# 12. Scale-out end to end: two nodes on one PostgreSQL database and one SeaweedFS bucket behind
#     nginx; twine through one node, pip through the other and nginx, concurrent uploads through
#     both with the single-node outcomes, serials that never decrease.
log "scale-out end to end: 2 nodes, PostgreSQL, S3 (SeaweedFS), nginx"
run_logged "scale-out end to end" "$WORK/scale-e2e.log" \
  env AWS_ENDPOINT_URL_S3="$CHEESESHOP_TEST_S3_ENDPOINT" AWS_ACCESS_KEY_ID="$CHEESESHOP_TEST_S3_ACCESS_KEY" \
  AWS_SECRET_ACCESS_KEY="$CHEESESHOP_TEST_S3_SECRET_KEY" AWS_REGION=us-east-1 \
  "$WORK/e2e-venv/bin/python" scripts/scale-e2e.py --cheeseshop "$CHEESESHOP_TEST_BIN" \
  --work "$WORK/scale-e2e" --database-url "$(scripts/postgres.sh fresh "$WORK/postgres" scale_e2e)" \
  --storage-url "s3://scale-e2e-$(date +%s)" --postgres-dir "$WORK/postgres"
grep -E '^scale-e2e:' "$WORK/scale-e2e.log" | tail -n 1

# 13. Varnish in front (deploy/varnish.vcl): misses then hits, an upload purges exactly its
#     project (through Varnish, a Fastly-style API and a signed webhook), pip installs through
#     Varnish and again with the origin stopped.
if [ -z "${SKIP_CORPUS:-}" ]; then
  log "cache end to end: Varnish, purges, pip with the origin down"
  run_logged "cache end to end" "$WORK/cache-e2e.log" \
    "$WORK/e2e-venv/bin/python" scripts/cache-e2e.py --cheeseshop "$CHEESESHOP_TEST_BIN" \
    --work "$WORK/cache-e2e" --corpus "$WORK/corpus"
  grep -E '^cache-e2e:' "$WORK/cache-e2e.log" | tail -n 1

# 14. The static export and the snapshot: /snapshot/index.sqlite lists exactly what /simple/ and
#     the JSON API list; `cheeseshop export --watch`, the server stopped, nginx serving the export,
#     pip and uv installing with --require-hashes; a new upload in the export within seconds;
#     read-only mode (503 with PyPI's message) set from the CLI.
  log "export end to end: snapshot, static export behind nginx, pip and uv with hashes, read-only"
  run_logged "export end to end" "$WORK/export-e2e.log" \
    env PATH="$WORK/e2e-venv/bin:$PATH" "$WORK/e2e-venv/bin/python" scripts/export-e2e.py \
    --cheeseshop "$CHEESESHOP_TEST_BIN" --work "$WORK/export-e2e" --corpus "$WORK/corpus"
  grep -E '^export-e2e:' "$WORK/export-e2e.log" | tail -n 1

# 14a. Download statistics: real pip and uv counted with their installer and Python, a mirror and
#      a browser told apart, the pypistats API, the JSON API, the CSV export and the page; a miss
#      and a hit through Varnish counted once from varnishncsa's log (again: nothing more), a
#      Fastly linehaul log; kill -9 loses at most the flush interval, SIGTERM nothing; retention.
  log "statistics end to end: pip, uv, Varnish's log ingested once, kill -9, retention"
  run_logged "statistics end to end" "$WORK/stats-e2e.log" \
    env PATH="$WORK/e2e-venv/bin:$PATH" "$WORK/e2e-venv/bin/python" scripts/stats-e2e.py \
    --cheeseshop "$CHEESESHOP_TEST_BIN" --work "$WORK/stats-e2e" --corpus "$WORK/corpus"
  grep -E '^stats-e2e:' "$WORK/stats-e2e.log" | tail -n 1

# 14a'. Release webhooks: a project webhook to a local receiver gets a twine upload's deliveries,
#      signed (HMAC of the exact body); a yank's delivery fails while the receiver is down and is
#      retried once it is back; an instance-wide webhook from the CLI; private targets refused by default.
  log "webhooks end to end: signed deliveries, retry after the receiver comes back, SSRF guard"
  run_logged "webhooks end to end" "$WORK/webhooks-e2e.log" \
    env PATH="$WORK/e2e-venv/bin:$PATH" "$WORK/e2e-venv/bin/python" scripts/webhooks-e2e.py \
    --cheeseshop "$CHEESESHOP_TEST_BIN" --work "$WORK/webhooks-e2e"
  grep -E '^webhooks-e2e:' "$WORK/webhooks-e2e.log" | tail -n 1

# 14b. The pull-through proxy: a Cheeseshop upstream holding the corpus and nginx over its
#      tampered export; pip and uv with --require-hashes through the proxy, again with the upstream
#      stopped (stale pages); the tampered file cut off; private names and the upload guard;
#      cool-down; concurrent misses make one upstream request.
  log "proxy end to end: upstream Cheeseshop and nginx, pip and uv, stale, tampered, private names"
  run_logged "proxy end to end" "$WORK/proxy-e2e.log" \
    env PATH="$WORK/e2e-venv/bin:$PATH" "$WORK/e2e-venv/bin/python" scripts/proxy-e2e.py \
    --cheeseshop "$CHEESESHOP_TEST_BIN" --work "$WORK/proxy-e2e" --corpus "$WORK/corpus"
  grep -E '^proxy-e2e:' "$WORK/proxy-e2e.log" | tail -n 1

# 14c. The pull mirror: `cheeseshop mirror` copies the lock's closure from an upstream Cheeseshop,
#      a second run after an upstream upload copies only the new file, pip installs from the copy.
  log "mirror end to end: cheeseshop mirror --requirements --with-dependencies, incremental"
  run_logged "mirror end to end" "$WORK/mirror-e2e.log" \
    env PATH="$WORK/e2e-venv/bin:$PATH" "$WORK/e2e-venv/bin/python" scripts/mirror-e2e.py \
    --cheeseshop "$CHEESESHOP_TEST_BIN" --work "$WORK/mirror-e2e" --corpus "$WORK/corpus"
  grep -E '^mirror-e2e:' "$WORK/mirror-e2e.log" | tail -n 1

# 15. The client matrix: twine, uv, poetry, pdm, hatch and flit each publish a project they built;
#     pip, uv, poetry and pdm install from the index alone; bandersnatch 8 mirrors it (PEP 691),
#     then follows a new release, and pip installs from the mirror. Each client's venv is kept in
#     $WORK/clients-venvs.
  log "client matrix end to end: twine, uv, poetry, pdm, hatch, flit, pip, bandersnatch"
  run_logged "client matrix end to end" "$WORK/clients-e2e.log" \
    "$WORK/e2e-venv/bin/python" scripts/clients-e2e.py --cheeseshop "$CHEESESHOP_TEST_BIN" \
    --work "$WORK/clients-e2e" --corpus "$WORK/corpus" --venvs "$WORK/clients-venvs"
  grep -E '^clients-e2e:' "$WORK/clients-e2e.log" | tail -n 1
fi

summary=$(grep -E 'Test run with [0-9]+ tests? .* (passed|failed)' "$WORK/swift-test.log" | tail -n 1)
total=$(sed -nE 's/.*Test run with ([0-9]+) tests?.*/\1/p' <<<"$summary")
failed=$(sed -nE 's/.* with ([0-9]+) issues?.*/\1/p' <<<"$summary")
echo "tests: ${total:-0} passed, ${failed:-0} failed"
