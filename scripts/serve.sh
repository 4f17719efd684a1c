#!/usr/bin/env bash
# The serve command on a fresh Debian machine with only Swift (see scripts/cheeseshop.sh: it
# installs the Debian packages the build needs, builds the release binary and runs it):
#
#   scripts/serve.sh --host 127.0.0.1 --port 8000 --data ./data
exec "$(dirname "$0")/cheeseshop.sh" serve "$@"
