#!/usr/bin/env bash
# Line coverage of the pure module, measured with the toolchain's own llvm-cov after
# `swift test --enable-code-coverage`. Prints the per-file report; fails below 100% of lines.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(swift build --show-bin-path)
TOOLCHAIN=$(dirname "$(readlink -f "$(command -v swift)")")
LLVM_COV="$TOOLCHAIN/llvm-cov"
PROFILE="$BIN/codecov/default.profdata"
TESTS="$BIN/CheeseshopPackageTests.xctest"
mapfile -t SOURCES < <(git ls-files 'Sources/PythonPackaging/*.swift')
"$LLVM_COV" report "$TESTS" -instr-profile "$PROFILE" "${SOURCES[@]}"
read -r covered count < <("$LLVM_COV" export -summary-only "$TESTS" -instr-profile "$PROFILE" "${SOURCES[@]}" |
  python3 -c 'import json,sys; t=json.load(sys.stdin)["data"][0]["totals"]["lines"]; print(t["covered"], t["count"])')
echo "PythonPackaging line coverage: $covered of $count lines"
if [ "$covered" -ne "$count" ]; then
  echo "Uncovered lines:"
  "$LLVM_COV" export "$TESTS" -instr-profile "$PROFILE" "${SOURCES[@]}" | python3 scripts/uncovered-lines.py
  exit 1
fi
