#!/usr/bin/env bash
# libFuzzer on the PythonPackaging parsers.
#
#   scripts/fuzz.sh TARGET [SECONDS]     TARGET: version, specifier, requirement, filename,
#                                        metadata, zip, tar, or all (SECONDS each, default 120)
#
# Builds `packaging-fuzz` with -sanitize=fuzzer,address into .build-fuzz, seeds each target's
# corpus (.work/fuzz/TARGET) from Tests/FuzzSeeds/TARGET and runs it. A crash leaves its input in
# .work/fuzz/artifacts; after fixing the bug, copy the input into Tests/FuzzSeeds/TARGET so that
# the test command replays it forever.
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
SECONDS_EACH=${2:-120}
ALL=(version specifier requirement filename metadata zip tar)
[ "$TARGET" = all ] && TARGETS=("${ALL[@]}") || TARGETS=("$TARGET")

# (gold warns about every ASan helper symbol it cannot export; those lines are noise.)
mkdir -p .work/fuzz
if ! swift build --scratch-path .build-fuzz --product packaging-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -parse-as-library >.work/fuzz/build.log 2>&1; then
  grep -v 'Cannot export local symbol' .work/fuzz/build.log
  exit 1
fi
grep -v 'Cannot export local symbol' .work/fuzz/build.log | tail -n 1
BIN=$(swift build --scratch-path .build-fuzz --show-bin-path)/packaging-fuzz
export SWIFT_BACKTRACE=enable=no
mkdir -p .work/fuzz/artifacts
for t in "${TARGETS[@]}"; do
  corpus=.work/fuzz/$t
  mkdir -p "$corpus"
  [ -d "Tests/FuzzSeeds/$t" ] && cp -n Tests/FuzzSeeds/"$t"/* "$corpus"/ 2>/dev/null || true
  echo "== fuzzing $t for ${SECONDS_EACH}s"
  FUZZ_TARGET=$t "$BIN" "$corpus" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 \
    -timeout=10 -max_len=1048576 -artifact_prefix=.work/fuzz/artifacts/"$t"- -print_final_stats=1 2>&1 |
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|Done)' || true
done
if ls .work/fuzz/artifacts/* >/dev/null 2>&1; then
  echo "Findings in .work/fuzz/artifacts:"; ls -l .work/fuzz/artifacts
  exit 1
fi
echo "no crashes"
