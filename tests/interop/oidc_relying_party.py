#!/usr/bin/python3
"""A real OpenID Connect relying party (authlib's requests client) logs a user
into a service through AuthCore and validates what AuthCore issues against its
discovery document and JWKS.

usage: oidc_relying_party.py --authcore BASE_URL --client-id ID [--client-secret S]
           --redirect-uri URI [--scope "openid email profile"] [--expect-error CODE]
           [--ca-file PEM] [--no-authcore-checks]
Acts as the browser too: follows redirects (keeping cookies) until one points at
the redirect URI, which is never requested. Then exchanges the code (PKCE S256;
client_secret_basic with a secret, else a public client), validates the id_token
(iss, aud, nonce, exp, signature), checks the access token is a verifiable
at+jwt, calls userinfo and uses the refresh token once. Prints one JSON line;
with --expect-error CODE an authorization error CODE prints {"error", "error_description"}
and exits 0. Exits 1 with the reason on stderr otherwise.
--no-authcore-checks skips the at+jwt and refresh checks (self-test against
upstream_oidc_provider.py only).
"""
import argparse
import json
import sys
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, JsonWebToken, JWTClaims
from authlib.oidc.core import CodeIDToken

# authlib.jose.jwt accepts every registered alg (HS*, none); only asymmetric ones here.
jwt = JsonWebToken(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"])


class Failure(Exception):
    pass


def get_json(session, url, **kwargs):
    response = session.get(url, timeout=10, **kwargs)
    if response.status_code != 200:
        raise Failure(f"GET {url}: HTTP {response.status_code}: {response.text[:200]}")
    return response.json()


def browse(browser, url, redirect_uri):
    """Follow redirects like a browser until one targets redirect_uri; return it."""
    for _ in range(10):
        response = browser.get(url, allow_redirects=False, timeout=10)
        if response.status_code not in (301, 302, 303, 307, 308) or "Location" not in response.headers:
            raise Failure(f"GET {url}: HTTP {response.status_code} instead of a redirect: "
                          f"{response.text[:200]}")
        url = urljoin(url, response.headers["Location"])
        if url.startswith(redirect_uri):
            return url
    raise Failure("more than 10 redirects without reaching the redirect URI")


def verify_access_token(token, keyset, issuer):
    if token.count(".") != 2:
        raise Failure("access token is not a signed JWT")
    claims = jwt.decode(token, keyset, claims_cls=JWTClaims,
                        claims_options={"iss": {"essential": True, "value": issuer},
                                        "exp": {"essential": True}})
    claims.validate()
    if claims.header.get("typ", "").lower() not in ("at+jwt", "application/at+jwt"):
        raise Failure(f"access token typ is {claims.header.get('typ')!r}, not at+jwt")
    return dict(claims)


def main(args):
    base = args.authcore.rstrip("/")
    verify = args.ca_file or True
    meta = get_json(requests, base + "/.well-known/openid-configuration", verify=verify)
    for field in ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"):
        if not meta.get(field):
            raise Failure(f"discovery document lacks {field}")
    issuer = meta["issuer"]
    if issuer != base:
        raise Failure(f"discovery issuer {issuer!r} != {base!r}")

    raw = {}  # the token endpoint's JSON as sent (authlib adds expires_at)

    def keep_raw(name):
        def hook(response):
            raw[name] = response.json() if response.ok else {}
            return response
        return hook

    client = OAuth2Session(args.client_id, args.client_secret, scope=args.scope,
                           redirect_uri=args.redirect_uri, code_challenge_method="S256",
                           token_endpoint_auth_method="client_secret_basic" if args.client_secret else "none")
    client.verify = verify
    client.default_timeout = 10
    client.register_compliance_hook("access_token_response", keep_raw("code"))
    client.register_compliance_hook("refresh_token_response", keep_raw("refresh"))
    code_verifier, nonce = generate_token(48), generate_token(30)
    url, state = client.create_authorization_url(meta["authorization_endpoint"],
                                                 code_verifier=code_verifier, nonce=nonce)

    browser = requests.Session()  # the user agent: keeps AuthCore's session cookie
    browser.verify = verify
    landing = browse(browser, url, args.redirect_uri)
    params = {k: v[0] for k, v in parse_qs(urlsplit(landing).query).items()}
    if params.get("state") != state:
        raise Failure(f"state mismatch in {landing}")
    if "error" in params:
        if args.expect_error and params["error"] == args.expect_error:
            print(json.dumps({"error": params["error"],
                              "error_description": params.get("error_description")}))
            return 0
        raise Failure(f"authorization error {params['error']}: {params.get('error_description')}")
    if args.expect_error:
        raise Failure(f"expected error {args.expect_error} but got a code")
    if "code" not in params:
        raise Failure(f"no code in {landing}")

    token = client.fetch_token(meta["token_endpoint"], code=params["code"],
                               code_verifier=code_verifier, grant_type="authorization_code")
    for field in ("access_token", "id_token"):
        if field not in token:
            raise Failure(f"token response lacks {field}: keys {sorted(raw['code'])}")
    if token.get("token_type", "").lower() != "bearer":
        raise Failure(f"token_type is {token.get('token_type')!r}")

    keyset = JsonWebKey.import_key_set(get_json(requests, meta["jwks_uri"], verify=verify))
    id_claims = jwt.decode(token["id_token"], keyset, claims_cls=CodeIDToken,
                           claims_options={"iss": {"essential": True, "value": issuer},
                                           "aud": {"essential": True, "value": args.client_id}},
                           claims_params={"nonce": nonce, "access_token": token["access_token"]})
    id_claims.validate()  # nonce given as a param: a missing or different nonce fails

    at_claims = None if args.no_authcore_checks else \
        verify_access_token(token["access_token"], keyset, issuer)

    response = client.get(meta["userinfo_endpoint"])
    if response.status_code != 200:
        raise Failure(f"userinfo: HTTP {response.status_code}: {response.text[:200]}")
    userinfo = response.json()
    if userinfo.get("sub") != id_claims["sub"]:
        raise Failure(f"userinfo sub {userinfo.get('sub')!r} != id_token sub {id_claims['sub']!r}")

    refreshed = False
    if not args.no_authcore_checks:
        if "refresh_token" not in token:
            raise Failure(f"token response lacks refresh_token: keys {sorted(raw['code'])}")
        client.scope = None  # otherwise authlib re-sends the scope on refresh
        client.refresh_token(meta["token_endpoint"], refresh_token=token["refresh_token"])
        if not raw.get("refresh", {}).get("access_token"):
            raise Failure("refresh response carries no access_token")
        verify_access_token(raw["refresh"]["access_token"], keyset, issuer)
        refreshed = True

    print(json.dumps({"id_token_claims": dict(id_claims), "access_token_claims": at_claims,
                      "userinfo": userinfo, "token_response_keys": sorted(raw["code"]),
                      "refreshed": refreshed}))
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="authlib OIDC relying party against AuthCore")
    parser.add_argument("--authcore", required=True, help="AuthCore base URL (= its issuer)")
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret")
    parser.add_argument("--redirect-uri", required=True)
    parser.add_argument("--scope", default="openid email profile")
    parser.add_argument("--expect-error", metavar="CODE")
    parser.add_argument("--ca-file", help="CA bundle for https (default: system trust)")
    parser.add_argument("--no-authcore-checks", action="store_true",
                        help="skip at+jwt and refresh checks (self-test against a plain OP)")
    try:
        sys.exit(main(parser.parse_args()))
    except Exception as error:  # any failure of the flow is the test's failure
        print(f"failed: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
