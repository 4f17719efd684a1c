#!/usr/bin/env bash
# Runs the cheeseshop command on a fresh Debian machine that has only Swift: installs the Debian
# packages the build needs when they are missing (zlib1g-dev, libargon2-dev, libcmark-gfm-dev,
# libcmark-gfm-extensions-dev; through sudo when not root), builds the release binary (the first
# build takes several minutes; later ones only what changed) and runs it with the arguments.
#
#   scripts/cheeseshop.sh serve --host 127.0.0.1 --port 8000 --data ./data
#   scripts/cheeseshop.sh user create alice --email alice@example.com --password-stdin --data ./data
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
[ -f /usr/include/argon2.h ] || need+=(libargon2-dev)
[ -f /usr/include/cmark-gfm.h ] || need+=(libcmark-gfm-dev)
[ -f /usr/include/cmark-gfm-core-extensions.h ] || need+=(libcmark-gfm-extensions-dev)
if [ ${#need[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "cheeseshop.sh: installing ${need[*]} (Debian packages the build needs)" >&2
  # A fresh machine's unattended upgrades may hold dpkg's lock for a while: wait for it.
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q "${need[@]}" >&2
fi
swift build -c release --product cheeseshop >&2
exec "$(swift build -c release --show-bin-path)/cheeseshop" "$@"
