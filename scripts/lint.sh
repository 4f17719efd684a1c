#!/usr/bin/env bash
# swift-format lint of every committed Swift file, with the committed .swift-format.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -z '*.swift' | xargs -0 swift format lint --strict --configuration .swift-format
