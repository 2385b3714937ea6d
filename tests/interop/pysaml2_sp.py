#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A real SAML Service Provider (Debian python3-pysaml2) driven from the command line.

Tests use it as the third-party application in front of an AuthCore IdP: it emits
AuthnRequests (HTTP-Redirect or HTTP-POST, signed or not), accepts or refuses our
Responses, and runs the SP side of single logout. State (the SP's key, certificate and
outstanding request IDs) lives in --state DIR so that one test can run several steps.

Every command prints one JSON object on stdout; a refusal exits 1 with
{"error": "..."} so that the C++ test sees both outcomes.

Commands:
  metadata                 SP metadata XML (for humans; AuthCore is configured by REST)
  authn-request            {"request_id", "binding", "url"} for redirect, or
                           {"request_id", "binding", "url", "fields": {SAMLRequest, RelayState}} for POST
  accept-response          reads the base64 SAMLResponse from --response FILE and validates it:
                           {"name_id", "name_id_format", "issuer", "session_index", "attributes"}
  logout-request           {"request_id", "url"[, "fields"]}: a signed LogoutRequest for --name-id
                           (--binding redirect: query signature; post: enveloped signature, form fields)
  accept-logout-response   --query RAW: checks the LogoutResponse's redirect signature with the
                           IdP certificate from its metadata, then the message: {"status", "in_response_to"}
"""
import argparse
import base64
import json
import os

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from pysaml2_common import XMLSEC, check_redirect_signature, ensure_keys, fail, load_outstanding, location, remember


def make_client(args):
    key, cert = ensure_keys(args.state, "sp")
    sp = {
        "endpoints": {
            "assertion_consumer_service": [(args.acs_url, BINDING_HTTP_POST)],
            "single_logout_service": [(args.slo_url, BINDING_HTTP_REDIRECT)],
        },
        "authn_requests_signed": args.sign,
        "logout_requests_signed": True,
        "want_response_signed": args.want_response_signed,
        "want_assertions_signed": args.want_assertions_signed,
        "want_assertions_or_response_signed": True,
        "allow_unsolicited": False,
        "name_id_format": args.name_id_format,
    }
    config = {
        "entityid": args.entity_id,
        "xmlsec_binary": XMLSEC,
        "key_file": key,
        "cert_file": cert,
        "metadata": {"local": [args.idp_metadata]} if args.idp_metadata else {},
        "service": {"sp": sp},
        "allow_unknown_attributes": True,
        "accepted_time_diff": 60,
    }
    conf = SPConfig()
    conf.load(config)
    return Saml2Client(config=conf)


def idp_entity_id(client):
    idps = list(client.metadata.identity_providers())
    if len(idps) != 1:
        fail("expected exactly one IdP in the metadata, found %d" % len(idps))
    return idps[0]


def authn_request(args):
    client = make_client(args)
    idp = idp_entity_id(client)
    sigalg = SIG_RSA_SHA256 if args.sign else None
    flags = {}
    if args.passive:
        flags["is_passive"] = "true"
    if args.force_authn:
        flags["force_authn"] = "true"
    if args.binding == "redirect":
        request_id, info = client.prepare_for_authenticate(
            entityid=idp, relay_state=args.relay_state, binding=BINDING_HTTP_REDIRECT,
            sign=args.sign, sigalg=sigalg, digest_alg=DIGEST_SHA256, **flags)
        remember(args.state, request_id)
        return {"request_id": request_id, "binding": "redirect", "url": location(info)}
    destination = client.sso_location(idp, BINDING_HTTP_POST)
    request_id, request = client.create_authn_request(
        destination, binding=BINDING_HTTP_POST, sign=args.sign, sign_alg=sigalg, digest_alg=DIGEST_SHA256, **flags)
    remember(args.state, request_id)
    fields = {"SAMLRequest": base64.b64encode(str(request).encode()).decode()}
    if args.relay_state:
        fields["RelayState"] = args.relay_state
    return {"request_id": request_id, "binding": "post", "url": destination, "fields": fields}


def attribute_values(ava):
    return {name: list(values) for name, values in ava.items()}


def accept_response(args):
    client = make_client(args)
    with open(args.response) as f:
        encoded = f.read().strip()
    try:
        response = client.parse_authn_request_response(
            encoded, BINDING_HTTP_POST, outstanding=load_outstanding(args.state))
    except Exception as exc:  # pysaml2 reports refusals as many exception types
        fail("%s: %s" % (type(exc).__name__, exc))
    if response is None:
        fail("pysaml2 returned no response")
    statement = response.assertion.authn_statement[0]
    return {
        "name_id": response.name_id.text,
        "name_id_format": response.name_id.format,
        "issuer": response.issuer(),
        "session_index": statement.session_index,
        "attributes": attribute_values(response.ava),
        "response_signed": response.response.signature is not None,
        "assertion_signed": response.assertion.signature is not None,
    }


def logout_request(args):
    client = make_client(args)
    idp = idp_entity_id(client)
    binding = BINDING_HTTP_POST if args.binding == "post" else BINDING_HTTP_REDIRECT
    # Our metadata lists SLO for HTTP-Redirect only; a POST goes to the same URL.
    destination = client.metadata.single_logout_service(idp, BINDING_HTTP_REDIRECT, "idpsso")[0]["location"]
    name_id = NameID(text=args.name_id, format=args.name_id_format or NAMEID_FORMAT_EMAILADDRESS)
    request_id, request = client.create_logout_request(
        destination, idp, name_id=name_id, session_indexes=args.session_index or None,
        sign=binding == BINDING_HTTP_POST, sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256)
    remember(args.state, request_id)
    if binding == BINDING_HTTP_POST:
        fields = {"SAMLRequest": base64.b64encode(str(request).encode()).decode()}
        if args.relay_state:
            fields["RelayState"] = args.relay_state
        return {"request_id": request_id, "url": destination, "fields": fields}
    info = client.apply_binding(BINDING_HTTP_REDIRECT, str(request), destination, args.relay_state,
                                sign=True, sigalg=SIG_RSA_SHA256)
    return {"request_id": request_id, "url": location(info)}


def idp_certificates(client, idp):
    return list(client.metadata.certs(idp, "idpsso", use="signing"))


def accept_logout_response(args):
    client = make_client(args)
    idp = idp_entity_id(client)
    query = check_redirect_signature(args.query, client, idp_certificates(client, idp), "LogoutResponse")
    response = client.parse_logout_request_response(query["SAMLResponse"], BINDING_HTTP_REDIRECT)
    if response is None:
        fail("pysaml2 could not read the LogoutResponse")
    outstanding = load_outstanding(args.state)
    in_response_to = response.response.in_response_to
    if in_response_to not in outstanding:
        fail("InResponseTo %s is not an outstanding request" % in_response_to)
    return {"status": response.response.status.status_code.value, "in_response_to": in_response_to,
            "issuer": response.issuer()}


def metadata(args):
    from saml2.metadata import entity_descriptor
    client = make_client(args)
    return str(entity_descriptor(client.config))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["metadata", "authn-request", "accept-response",
                                            "logout-request", "accept-logout-response"])
    parser.add_argument("--state", required=True, help="directory for the SP key and outstanding requests")
    parser.add_argument("--entity-id", required=True)
    parser.add_argument("--acs-url", required=True)
    parser.add_argument("--slo-url", required=True)
    parser.add_argument("--idp-metadata", help="IdP metadata XML file")
    parser.add_argument("--binding", choices=["redirect", "post"], default="redirect")
    parser.add_argument("--sign", action="store_true", help="sign AuthnRequests")
    parser.add_argument("--relay-state", default="")
    parser.add_argument("--passive", action="store_true", help="AuthnRequest IsPassive=true")
    parser.add_argument("--force-authn", action="store_true", help="AuthnRequest ForceAuthn=true")
    parser.add_argument("--want-response-signed", action="store_true")
    parser.add_argument("--want-assertions-signed", action="store_true")
    parser.add_argument("--name-id-format", default=None)
    parser.add_argument("--response", help="file holding the base64 SAMLResponse")
    parser.add_argument("--name-id")
    parser.add_argument("--session-index", action="append")
    parser.add_argument("--query", help="raw query string of the redirect to the SP's SLO URL")
    return parser.parse_args()


def main():
    args = parse_args()
    os.makedirs(args.state, exist_ok=True)
    commands = {
        "authn-request": authn_request,
        "accept-response": accept_response,
        "logout-request": logout_request,
        "accept-logout-response": accept_logout_response,
    }
    if args.command == "metadata":
        print(metadata(args))
        return
    print(json.dumps(commands[args.command](args)))


if __name__ == "__main__":
    main()
