#!/usr/bin/python3
"""A real OpenID Provider (authlib's Flask authorization server) that plays the
upstream identity provider AuthCore's /login redirects browsers to.

usage: upstream_oidc_provider.py --client-id ID --client-secret SECRET --redirect-uri URI
           --sub SUB --email EMAIL --email-verified true|false --name NAME
           [--token-auth-method client_secret_basic|client_secret_post]
           [--fault none|bad-nonce|wrong-aud|bad-signature|expired|alg-none|wrong-azp|token-malformed|no-keys]
           [--sid SID]
Binds 127.0.0.1 on a free port, prints "PORT <n>" and serves until killed; the
issuer is http://127.0.0.1:<n>. One client (exact redirect_uri), one user who is
approved at once. /authorize demands state, nonce (with openid) and PKCE S256;
GET /_stats shows request counters, the last /authorize query and how the last
/token request authenticated its client (last_token_auth_method: client_secret_basic,
client_secret_post, none or both). Faults: bad-nonce,
wrong-aud, expired (claims); bad-signature (a foreign key under the published kid);
alg-none (the id_token re-issued unsigned, header alg "none"); wrong-azp (validly
signed, azp naming another client); token-malformed
(/token answers 200 with a body that is not JSON); no-keys (an empty JWKS).
--sid puts that `sid` claim into the ID tokens. POST /test/backchannel-logout with a
JSON body {"target": URL, "sub"?, "sid"?, "jti"?, "fault"?} sends an OpenID Connect
Back-Channel Logout token signed with the provider's key to URL (form field
logout_token) and answers {"status", "body", "jti"} with the relying party's answer.
Its faults: foreign-key, alg-none, nonce, no-events, events-not-object, wrong-aud,
wrong-iss, old-iat, no-iat, no-jti, no-sub-sid.
Exits 1 with the reason on stderr if it cannot start.
"""
import argparse
import base64
import json
import logging
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.jose import JsonWebKey, jwt
from authlib.oauth2 import OAuth2Error
from authlib.oauth2.rfc6749 import ClientMixin, InvalidRequestError, grants
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

# authlib 1.2.0 only trusts https:// and http://localhost: - we serve http://127.0.0.1.
os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"

SCOPES = ["openid", "email", "profile", "groups"]  # groups: a scope beyond the defaults, for tests
KEY = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "upstream-1"})
# Same kid, different key: a signature the published JWKS cannot verify.
ROGUE_KEY = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "upstream-1"})
CODES, TOKENS, LOCK = {}, {}, threading.Lock()
STATS = {"authorize_requests": 0, "token_requests": 0, "userinfo_requests": 0,
         "last_authorize_params": None, "last_token_auth_method": None}
ARGS = None  # parsed CLI
ISSUER = None  # set once the port is known


class Client(ClientMixin):
    def get_client_id(self):
        return ARGS.client_id

    def get_default_redirect_uri(self):
        return None  # redirect_uri is required on every request

    def get_allowed_scope(self, scope):
        return " ".join(s for s in scope.split() if s in SCOPES)

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri == ARGS.redirect_uri

    def check_client_secret(self, client_secret):
        return client_secret == ARGS.client_secret

    def check_endpoint_auth_method(self, method, endpoint):
        return endpoint == "token" and method == ARGS.token_auth_method

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


class Code:
    def __init__(self, code, request):
        self.code, self.redirect_uri, self.scope = code, request.redirect_uri, request.scope
        self.nonce = request.data.get("nonce")
        self.code_challenge = request.data.get("code_challenge")
        self.code_challenge_method = request.data.get("code_challenge_method")
        self.auth_time = int(time.time())

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce + "-tampered" if ARGS.fault == "bad-nonce" and self.nonce else self.nonce

    def get_auth_time(self):
        return self.auth_time


def require_state(grant):
    if not grant.request.state:
        raise InvalidRequestError('Missing "state" in request.')


class StrictCodeChallenge(CodeChallenge):
    def validate_code_challenge(self, grant):
        if not grant.request.data.get("code_challenge") or \
                grant.request.data.get("code_challenge_method") != "S256":
            raise InvalidRequestError('"code_challenge" with "code_challenge_method=S256" required.')


class CodeGrant(grants.AuthorizationCodeGrant):
    def validate_authorization_request(self):
        self.register_hook("after_validate_authorization_request", require_state)
        try:
            return super().validate_authorization_request()
        except OAuth2Error as error:  # hook errors carry no state; echo it back
            error.state = error.state or self.request.state
            raise

    def save_authorization_code(self, code, request):
        with LOCK:
            CODES[code] = Code(code, request)

    def query_authorization_code(self, code, client):
        with LOCK:
            item = CODES.get(code)
        return item if item and time.time() - item.auth_time < 600 else None

    def delete_authorization_code(self, authorization_code):
        with LOCK:
            CODES.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return ARGS.sub


class OpenIDCodeExtension(OpenIDCode):
    def exists_nonce(self, nonce, request):
        with LOCK:
            return any(c.nonce == nonce for c in CODES.values())

    def get_jwt_config(self, grant):
        key = ROGUE_KEY if ARGS.fault == "bad-signature" else KEY
        return {"key": key, "alg": "RS256", "iss": ISSUER,
                "exp": -600 if ARGS.fault == "expired" else 3600}

    def get_audiences(self, request):
        return [ARGS.client_id + "-other" if ARGS.fault == "wrong-aud" else ARGS.client_id]

    def generate_user_info(self, user, scope):
        info = UserInfo(sub=ARGS.sub, email=ARGS.email,
                        email_verified=ARGS.email_verified == "true", name=ARGS.name)
        if ARGS.sid:
            info["sid"] = ARGS.sid  # generate_id_token copies every member into the ID token
        return info


def save_token(token, request):
    with LOCK:
        TOKENS[token["access_token"]] = time.time() + token["expires_in"]


app = Flask(__name__)
app.config["OAUTH2_TOKEN_EXPIRES_IN"] = {"authorization_code": 3600}
app.config["OAUTH2_SCOPES_SUPPORTED"] = SCOPES
server = AuthorizationServer(app, query_client=lambda cid: Client() if cid == ARGS.client_id else None,
                             save_token=save_token)


@app.get("/.well-known/openid-configuration")
def discovery():
    return jsonify({
        "issuer": ISSUER, "authorization_endpoint": ISSUER + "/authorize",
        "token_endpoint": ISSUER + "/token", "userinfo_endpoint": ISSUER + "/userinfo",
        "jwks_uri": ISSUER + "/jwks", "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": [ARGS.token_auth_method],
        "scopes_supported": SCOPES,
        "claims_supported": ["iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash",
                             "email", "email_verified", "name"]})


@app.get("/jwks")
def jwks():
    return jsonify({"keys": [] if ARGS.fault == "no-keys" else [KEY.as_dict(use="sig", alg="RS256")]})


def unsigned(id_token):
    """The same claims under {"alg":"none"} and an empty signature."""
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "typ": "JWT"}).encode()).rstrip(b"=").decode()
    return header + "." + id_token.split(".")[1] + "."


def other_azp(id_token):
    """The same claims, validly signed, with azp naming another client."""
    payload = id_token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["azp"] = ARGS.client_id + "-other"
    return jwt.encode({"alg": "RS256", "kid": "upstream-1"}, claims, KEY).decode()


@app.get("/authorize")
def authorize():
    with LOCK:
        STATS["authorize_requests"] += 1
        STATS["last_authorize_params"] = request.args.to_dict()
    return server.create_authorization_response(grant_user=ARGS.sub)


def presented_auth_method():
    """How the client authenticated, as sent (whether or not it is accepted)."""
    basic = request.headers.get("Authorization", "").lower().startswith("basic ")
    post = "client_secret" in request.form
    return "both" if basic and post else "client_secret_basic" if basic else \
        "client_secret_post" if post else "none"


@app.post("/token")
def token():
    with LOCK:
        STATS["token_requests"] += 1
        STATS["last_token_auth_method"] = presented_auth_method()
    if ARGS.fault == "token-malformed":
        return "<html>not json</html>", 200, {"Content-Type": "application/json"}
    response = server.create_token_response()
    if ARGS.fault in ("alg-none", "wrong-azp") and response.status_code == 200:
        body = response.get_json()
        body["id_token"] = unsigned(body["id_token"]) if ARGS.fault == "alg-none" else other_azp(body["id_token"])
        response.set_data(json.dumps(body))
    return response


@app.route("/userinfo", methods=["GET", "POST"])
def userinfo():
    with LOCK:
        STATS["userinfo_requests"] += 1
        scheme, _, value = request.headers.get("Authorization", "").partition(" ")
        valid = scheme.lower() == "bearer" and TOKENS.get(value, 0) > time.time()
    if not valid:
        return jsonify({"error": "invalid_token"}), 401, {"WWW-Authenticate": 'Bearer error="invalid_token"'}
    return jsonify({"sub": ARGS.sub, "email": ARGS.email,
                    "email_verified": ARGS.email_verified == "true", "name": ARGS.name})


LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout"


def logout_claims(spec):
    """Back-Channel Logout 1.0 §2.4 claims for spec's sub/sid, with spec's fault applied."""
    fault, now = spec.get("fault", "none"), int(time.time())
    claims = {"iss": ISSUER + ("-other" if fault == "wrong-iss" else ""),
              "aud": ARGS.client_id + ("-other" if fault == "wrong-aud" else ""),
              # old-iat keeps exp in the future: only the age gives it away.
              "iat": now - 3600 if fault == "old-iat" else now, "exp": now + 120,
              "jti": spec.get("jti") or uuid.uuid4().hex,
              "events": {LOGOUT_EVENT: {}}}
    for name in ("sub", "sid"):
        if spec.get(name) and fault != "no-sub-sid":
            claims[name] = spec[name]
    if fault == "nonce":
        claims["nonce"] = "n-" + uuid.uuid4().hex
    if fault == "no-events":
        del claims["events"]
    if fault == "events-not-object":
        claims["events"] = {LOGOUT_EVENT: "yes"}
    if fault == "no-iat":
        del claims["iat"]
    if fault == "no-jti":
        del claims["jti"]
    return claims


def logout_token(spec):
    claims, fault = logout_claims(spec), spec.get("fault", "none")
    header = {"alg": "RS256", "kid": "upstream-1", "typ": "logout+jwt"}
    signed = jwt.encode(header, claims, ROGUE_KEY if fault == "foreign-key" else KEY).decode()
    return (unsigned(signed) if fault == "alg-none" else signed), claims.get("jti")


@app.post("/test/backchannel-logout")
def send_backchannel_logout():
    """Plays the provider's side of a back-channel logout against spec["target"]."""
    spec = request.get_json(force=True)
    token, jti = logout_token(spec)
    data = urllib.parse.urlencode({"logout_token": token}).encode()
    sent = urllib.request.Request(spec["target"], data=data, method="POST",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(sent, timeout=10) as answer:
            status, body, cache = answer.status, answer.read().decode(), answer.headers.get("Cache-Control", "")
    except urllib.error.HTTPError as error:
        status, body, cache = error.code, error.read().decode(), error.headers.get("Cache-Control", "")
    return jsonify({"status": status, "body": body, "cache_control": cache or "", "jti": jti or ""})


@app.get("/_stats")
def stats():
    with LOCK:
        return jsonify(STATS)


def main():
    global ARGS, ISSUER
    parser = argparse.ArgumentParser(description="authlib upstream OpenID Provider for AuthCore tests")
    for flag in ("--client-id", "--client-secret", "--redirect-uri", "--sub", "--email", "--name"):
        parser.add_argument(flag, required=True)
    parser.add_argument("--email-verified", required=True, choices=["true", "false"])
    parser.add_argument("--sid", default="", help="the sid claim of ID tokens; none when empty")
    parser.add_argument("--token-auth-method", default="client_secret_basic",
                        choices=["client_secret_basic", "client_secret_post"])
    parser.add_argument("--fault", default="none",
                        choices=["none", "bad-nonce", "wrong-aud", "bad-signature", "expired", "alg-none",
                                 "wrong-azp", "token-malformed", "no-keys"])
    ARGS = parser.parse_args()
    CodeGrant.TOKEN_ENDPOINT_AUTH_METHODS = [ARGS.token_auth_method]
    server.register_grant(CodeGrant, [StrictCodeChallenge(required=True),
                                      OpenIDCodeExtension(require_nonce=True)])
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    ISSUER = f"http://127.0.0.1:{httpd.server_port}"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print(f"PORT {httpd.server_port}", flush=True)
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # failing to start is the test's failure
        print(f"failed: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
