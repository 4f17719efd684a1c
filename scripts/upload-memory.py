#!/usr/bin/env python3
"""Uploads one large wheel (default 1 GiB) to a running Cheeseshop while sampling the server's
resident memory, and prints RSS before, at peak and after, with the upload's time and rate.
Memory must stay flat: the body is streamed to a staged blob, never held.

    upload-memory.py --url http://127.0.0.1:18100 --token pypi-... --pid PID [--size-mib 1024]
"""
import argparse, base64, hashlib, http.client, os, tempfile, threading, time, urllib.parse, zipfile


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def record_hash(data_sha256):
    return "sha256=" + base64.urlsafe_b64encode(data_sha256).rstrip(b"=").decode()


def build_wheel(path, name, version, size):
    """A valid wheel whose one module is `size` bytes of random data, stored (not deflated)."""
    dist = f"{name}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: A large wheel\n".encode()
    wheel = b"Wheel-Version: 1.0\nGenerator: upload-memory\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    records = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        digest = hashlib.sha256()
        with archive.open(f"{name}/blob.bin", "w", force_zip64=True) as member:
            left = size
            while left:
                chunk = os.urandom(min(left, 1 << 20))
                member.write(chunk)
                digest.update(chunk)
                left -= len(chunk)
        records.append(f"{name}/blob.bin,{record_hash(digest.digest())},{size}")
        for member, data in ((f"{dist}/METADATA", metadata), (f"{dist}/WHEEL", wheel)):
            archive.writestr(member, data)
            records.append(f"{member},{record_hash(hashlib.sha256(data).digest())},{len(data)}")
        records.append(f"{dist}/RECORD,,")
        archive.writestr(f"{dist}/RECORD", "\n".join(records) + "\n")


def upload(url, token, path, name, version):
    sha256 = hashlib.sha256()
    with open(path, "rb") as wheel:
        for chunk in iter(lambda: wheel.read(1 << 20), b""):
            sha256.update(chunk)
    boundary = "----upload-memory-boundary"
    fields = {":action": "file_upload", "protocol_version": "1", "name": name, "version": version,
              "metadata_version": "2.1", "summary": "A large wheel", "filetype": "bdist_wheel",
              "pyversion": "py3", "sha256_digest": sha256.hexdigest()}
    head = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items())
    filename = os.path.basename(path)
    head += (f'--{boundary}\r\nContent-Disposition: form-data; name="content"; filename="{filename}"\r\n'
             "Content-Type: application/octet-stream\r\n\r\n").encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    length = len(head) + os.path.getsize(path) + len(tail)
    parsed = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600)
    connection.putrequest("POST", "/legacy/")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(length))
    connection.putheader("Authorization", "Basic " + base64.b64encode(f"__token__:{token}".encode()).decode())
    connection.endheaders()
    connection.send(head)
    with open(path, "rb") as wheel:
        for chunk in iter(lambda: wheel.read(1 << 20), b""):
            connection.send(chunk)
    connection.send(tail)
    response = connection.getresponse()
    return response.status, response.reason, response.read().decode(errors="replace")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--size-mib", type=int, default=1024)
    args = parser.parse_args()
    name, version = "largewheel", "1.0"
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, f"{name}-{version}-py3-none-any.whl")
        build_wheel(path, name, version, args.size_mib << 20)
        samples, done = [rss_kib(args.pid)], threading.Event()

        def sample():
            while not done.is_set():
                samples.append(rss_kib(args.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        start = time.monotonic()
        status, reason, body = upload(args.url, args.token, path, name, version)
        seconds = time.monotonic() - start
        done.set()
        sampler.join()
        size = os.path.getsize(path)
    print(f"upload of {size / (1 << 20):.0f} MiB: {status} {reason} in {seconds:.1f} s "
          f"({size / (1 << 20) / seconds:.0f} MiB/s); {body.strip()[:200]}")
    print(f"server RSS: before {samples[0] / 1024:.1f} MiB, peak {max(samples) / 1024:.1f} MiB, "
          f"after {samples[-1] / 1024:.1f} MiB ({len(samples)} samples)")
    raise SystemExit(0 if status == 200 else 1)


if __name__ == "__main__":
    main()
