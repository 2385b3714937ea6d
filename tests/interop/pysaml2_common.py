# SPDX-License-Identifier: Apache-2.0
"""What the pysaml2 peers (pysaml2_sp.py, pysaml2_idp.py) share: the JSON refusal, the
entity's own key and certificate, the outstanding request IDs kept in --state DIR, and the
HTTP-Redirect query signature check."""
import json
import os
import subprocess
import sys
from urllib import parse

from saml2.sigver import verify_redirect_signature

XMLSEC = "/usr/bin/xmlsec1"


def fail(message):
    """Refuses: prints {"error": message} and exits 1."""
    print(json.dumps({"error": message}))
    sys.exit(1)


def ensure_keys(state, role):
    """The entity's RSA-2048 key and self-signed certificate (<role>.key, <role>.crt),
    generated with openssl on first use."""
    key, cert = os.path.join(state, role + ".key"), os.path.join(state, role + ".crt")
    if not os.path.exists(key):
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
             "-subj", "/CN=pysaml2-" + role, "-keyout", key, "-out", cert],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return key, cert


def location(info):
    """The Location header of pysaml2's HTTP-Redirect binding result."""
    return dict(info["headers"])["Location"]


def outstanding_path(state):
    return os.path.join(state, "outstanding.json")


def load_outstanding(state):
    """The request IDs sent and not yet answered, as pysaml2's `outstanding` mapping."""
    try:
        with open(outstanding_path(state)) as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def remember(state, request_id):
    outstanding = load_outstanding(state)
    outstanding[request_id] = "/"
    with open(outstanding_path(state), "w") as f:
        json.dump(outstanding, f)


def check_redirect_signature(raw_query, entity, certs, what):
    """The decoded query of a redirect whose signature verifies with one of `certs`
    (pysaml2 re-encodes the parameters itself to get the signed octets); refuses otherwise."""
    query = dict(parse.parse_qsl(raw_query, keep_blank_values=True))
    if "Signature" not in query or "SigAlg" not in query:
        fail("the %s carries no redirect signature" % what)
    try:
        verified = any(verify_redirect_signature(query, entity.sec.sec_backend, cert=cert) for cert in certs)
    except Exception as exc:  # an unknown SigAlg or a mangled Signature raises
        fail("the %s's redirect signature cannot be checked: %s: %s" % (what, type(exc).__name__, exc))
    if not verified:
        fail("the %s's redirect signature does not verify with the peer's certificate" % what)
    return query
