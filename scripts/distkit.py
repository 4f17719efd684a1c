"""Small, valid distributions for the end-to-end scripts (browser-test.py, oidc-e2e.py)."""
import base64
import hashlib
import io
import zipfile
from pathlib import Path


def build_wheel(directory: Path, name: str, version: str, metadata: bytes, modules: dict[str, bytes],
                generator: str) -> Path:
    """A pure-Python wheel with `metadata` as METADATA, `modules` as its files and a sha256 RECORD."""
    dist = name.replace("-", "_")
    info = f"{dist}-{version}.dist-info"
    members = dict(modules)
    members[f"{info}/METADATA"] = metadata
    members[f"{info}/WHEEL"] = (
        f"Wheel-Version: 1.0\nGenerator: {generator}\nRoot-Is-Purelib: true\nTag: py3-none-any\n".encode())
    record = io.StringIO()
    for member, content in members.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
        record.write(f"{member},sha256={digest},{len(content)}\n")
    record.write(f"{info}/RECORD,,\n")
    members[f"{info}/RECORD"] = record.getvalue().encode()
    path = directory / f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return path
