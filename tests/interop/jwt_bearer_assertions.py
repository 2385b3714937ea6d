#!/usr/bin/env python3
"""Plays a jwt-bearer issuer (RFC 7523) against AuthCore with jwcrypto keys.

usage: jwt_bearer_assertions.py BASE_URL JWKS_PORT CLIENT_ID AUDIENCE ISS SUB AUD
Serves its JWKS on 127.0.0.1:JWKS_PORT/jwks, then posts four assertions and
prints one line per case: "<case> <status> <error or token_type>".
"""
import http.server
import json
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from jwcrypto import jwk, jwt

KEY = jwk.JWK.generate(kty="EC", crv="P-256", kid="ci-1")
OTHER = jwk.JWK.generate(kty="EC", crv="P-256", kid="ci-1")


class Jwks(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"keys": [json.loads(KEY.export_public())]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "max-age=300")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def assertion(key, iss, sub, aud, exp_offset=300):
    now = int(time.time())
    token = jwt.JWT(header={"alg": "ES256", "kid": "ci-1", "typ": "JWT"},
                    claims={"iss": iss, "sub": sub, "aud": aud, "iat": now,
                            "exp": now + exp_offset, "jti": str(uuid.uuid4())})
    token.make_signed_token(key)
    return token.serialize()


def post(base, client_id, audience, signed):
    form = urllib.parse.urlencode({"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
                                   "assertion": signed, "client_id": client_id,
                                   "audience": audience}).encode()
    request = urllib.request.Request(base + "/v1/token", data=form, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())["token_type"]
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())["error"]


def main(base, port, client_id, audience, iss, sub, aud):
    server = http.server.HTTPServer(("127.0.0.1", int(port)), Jwks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    cases = [("valid", assertion(KEY, iss, sub, aud)),
             ("other_key", assertion(OTHER, iss, sub, aud)),
             ("expired", assertion(KEY, iss, sub, aud, exp_offset=-120)),
             ("wrong_aud", assertion(KEY, iss, sub, "https://elsewhere.example"))]
    for name, signed in cases:
        status, detail = post(base, client_id, audience, signed)
        print(name, status, detail, flush=True)
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:8]))
