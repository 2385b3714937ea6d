#!/usr/bin/env python3
"""A real OAuth 2.0 client (requests-oauthlib BackendApplicationClient) gets a
client_credentials token from AuthCore; jwcrypto verifies it against the JWKS.

usage: oauthlib_client_credentials.py BASE_URL CLIENT_ID CLIENT_SECRET AUDIENCE CA_FILE
Prints the verified claims as JSON; exits 1 with the reason otherwise.
"""
import json
import ssl
import sys
import urllib.request

from jwcrypto import jwk, jwt
from oauthlib.oauth2 import BackendApplicationClient
from requests_oauthlib import OAuth2Session


def main(base, client_id, secret, audience, ca_file):
    session = OAuth2Session(client=BackendApplicationClient(client_id=client_id))
    # include_client_id=False: credentials travel in HTTP Basic (RFC 6749 2.3.1).
    token = session.fetch_token(token_url=base + "/v1/token", client_id=client_id,
                                client_secret=secret, audience=audience, verify=ca_file)
    context = ssl.create_default_context(cafile=ca_file)
    with urllib.request.urlopen(base + "/.well-known/jwks.json", timeout=10, context=context) as response:
        keys = jwk.JWKSet.from_json(response.read().decode())
    verified = jwt.JWT(jwt=token["access_token"], key=keys,
                       check_claims={"iss": base, "aud": audience, "exp": None})
    claims = json.loads(verified.claims)
    print(json.dumps({"token_type": token["token_type"], "expires_in": token["expires_in"],
                      "scope": token.get("scope"), "claims": claims}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:6]))
    except Exception as error:  # any failure of the flow is the test's failure
        print(f"failed: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
