#!/usr/bin/env python3
"""Verifies an AuthCore access token with python3-jwcrypto, an independent JOSE library.

usage: verify_with_jwcrypto.py JWKS_URL TOKEN ISSUER AUDIENCE
Fetches the JWKS over HTTP, checks signature, iss, aud and exp, prints the
claims as JSON and exits 0; exits 1 with the reason on stderr otherwise.
"""
import json
import sys
import urllib.request

from jwcrypto import jwk, jwt


def main(jwks_url, token, issuer, audience):
    with urllib.request.urlopen(jwks_url, timeout=10) as response:
        keys = jwk.JWKSet.from_json(response.read().decode())
    try:
        verified = jwt.JWT(jwt=token, key=keys,
                           check_claims={"iss": issuer, "aud": audience, "exp": None})
    except Exception as error:  # jwcrypto raises several types; all mean "refused"
        print(f"refused: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    header = json.loads(verified.header)
    claims = json.loads(verified.claims)
    print(json.dumps({"header": header, "claims": claims}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
