#!/usr/bin/env python3
"""A tiny local OIDC issuer for Cheeseshop's end-to-end trusted-publishing tests.

Usage:  python3 scripts/oidc-issuer.py [PORT]      (needs: pip install cryptography)

On start it makes a fresh RSA-2048 key and serves on 127.0.0.1:PORT (0 or omitted: any free
port). The first line on stdout is the chosen port. Endpoints:

  GET  /.well-known/openid-configuration   {"issuer", "jwks_uri", ...}
  GET  /jwks                               the public key as a JWKS (kid "local-1", RS256)
  POST /token   body: JSON object of claims -> {"token": "<RS256 JWT>"}
        Defaults filled in when absent: iss (this server's URL), iat (now), exp (now + 300),
        jti (random). Anything given, including a bad iss or exp, is signed as given.
        ?kid=other signs with a second key that is NOT published (to test unknown keys).

Not for production: no TLS, no authentication, keys live only in memory.
"""

import base64
import json
import secrets
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KEYS = {kid: rsa.generate_private_key(public_exponent=65537, key_size=2048)
        for kid in ("local-1", "other")}
MAX_BODY = 64 * 1024


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def int_b64url(value: int) -> str:
    return b64url(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def sign(claims: dict, kid: str) -> str:
    header = {"alg": "RS256", "typ": "JWT", "kid": kid}
    signing_input = ".".join(
        b64url(json.dumps(part, separators=(",", ":")).encode()) for part in (header, claims))
    signature = KEYS[kid].sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64url(signature)}"


class Handler(BaseHTTPRequestHandler):
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def reply(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        path = urlparse(self.path).path
        if path == "/.well-known/openid-configuration":
            self.reply(200, {"issuer": self.issuer(), "jwks_uri": f"{self.issuer()}/jwks",
                             "id_token_signing_alg_values_supported": ["RS256"],
                             "response_types_supported": ["id_token"],
                             "subject_types_supported": ["public"]})
        elif path == "/jwks":
            numbers = KEYS["local-1"].public_key().public_numbers()
            self.reply(200, {"keys": [{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": "local-1",
                                       "n": int_b64url(numbers.n), "e": int_b64url(numbers.e)}]})
        else:
            self.reply(404, {"error": "not found"})

    def do_POST(self) -> None:
        url = urlparse(self.path)
        if url.path != "/token":
            return self.reply(404, {"error": "not found"})
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self.reply(413, {"error": "body too large"})
        try:
            claims = json.loads(self.rfile.read(length) or b"{}")
            assert isinstance(claims, dict)
        except (ValueError, AssertionError):
            return self.reply(400, {"error": "body must be a JSON object of claims"})
        now = int(time.time())
        claims.setdefault("iss", self.issuer())
        claims.setdefault("iat", now)
        claims.setdefault("exp", now + 300)
        claims.setdefault("jti", secrets.token_hex(16))
        kid = parse_qs(url.query).get("kid", ["local-1"])[0]
        if kid not in KEYS:
            return self.reply(400, {"error": "unknown kid"})
        self.reply(200, {"token": sign(claims, kid)})

    def log_message(self, format: str, *args) -> None:
        sys.stderr.write(f"oidc-issuer: {format % args}\n")


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
