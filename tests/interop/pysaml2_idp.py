#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""A real SAML Identity Provider (Debian python3-pysaml2) driven from the command line.

Tests use it as the independent IdP in front of an AuthCore SP: it publishes its metadata,
verifies our signed HTTP-Redirect AuthnRequests, answers them with signed Responses, and
runs the IdP side of single logout. State (the IdP's key and certificate, the outstanding
LogoutRequest IDs) lives in --state DIR so that one test can run several steps.
The SP is known from its metadata (--sp-metadata FILE), as a real IdP knows it.

Every command prints one JSON object on stdout; a refusal exits 1 with
{"error": "..."} so that the C++ test sees both outcomes.

Commands:
  metadata                 {"xml"}: this IdP's metadata (signing certificate, SSO and SLO, HTTP-Redirect)
  login                    --request-url URL: verifies the AuthnRequest's redirect signature with the
                           SP certificate from --sp-metadata, then answers it:
                           {"acs_url", "saml_response", "relay_state", "in_response_to", "session_index", "name_id"}
  logout-request           {"request_id", "url"}: a LogoutRequest for --name-id to --destination,
                           HTTP-Redirect, query-signed with RSA-SHA256
  accept-logout-response   --query RAW: checks the LogoutResponse's redirect signature with the
                           SP certificate, then the message: {"status", "in_response_to"}
"""
import argparse
import base64
import hashlib
import json
import logging
import os
import re
from urllib import parse

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.attribute_converter import AttributeConverterNOOP
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.s_utils import sid
from saml2.saml import (NAME_FORMAT_BASIC, NAMEID_FORMAT_EMAILADDRESS, NAMEID_FORMAT_PERSISTENT,
                        NAMEID_FORMAT_TRANSIENT, AUTHN_PASSWORD_PROTECTED, NameID)
from saml2.samlp import response_from_string
from saml2.server import Server
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from pysaml2_common import XMLSEC, check_redirect_signature, ensure_keys, fail, load_outstanding, location, remember

NAME_ID_FORMATS = {
    "email": NAMEID_FORMAT_EMAILADDRESS,
    "persistent": NAMEID_FORMAT_PERSISTENT,
    "transient": NAMEID_FORMAT_TRANSIENT,
}


def make_server(args, publish=False):
    key, cert = ensure_keys(args.state, "idp")
    idp = {
        "endpoints": {
            "single_sign_on_service": [(args.sso_url, BINDING_HTTP_REDIRECT)],
            "single_logout_service": [(args.slo_url, BINDING_HTTP_REDIRECT)],
        },
        # The metadata promises signed AuthnRequests, and login enforces the query signature
        # itself: pysaml2's parse_authn_request, told so, looks for an enveloped ds:Signature
        # only and refuses every redirect-signed request (IncorrectlySigned).
        "want_authn_requests_signed": publish,
        "name_id_format": list(NAME_ID_FORMATS.values()),
        # Plain attribute names (Name="email", NameFormat basic), no OID mapping.
        "policy": {"default": {"name_form": NAME_FORMAT_BASIC, "lifetime": {"minutes": 5}}},
    }
    config = {
        "entityid": args.entity_id,
        "xmlsec_binary": XMLSEC,
        "key_file": key,
        "cert_file": cert,
        "metadata": {"local": [args.sp_metadata]} if args.sp_metadata else {},
        "service": {"idp": idp},
        "allow_unknown_attributes": True,
        "accepted_time_diff": 60,
        "signing_algorithm": SIG_RSA_SHA256,
        "digest_algorithm": DIGEST_SHA256,
    }
    conf = IdPConfig()
    conf.load(config)
    # pysaml2's own maps would rename "email" to an OID; keep the names as given.
    conf.attribute_converters = [AttributeConverterNOOP(NAME_FORMAT_BASIC)]
    return Server(config=conf)


def sp_certificates(server, sp_entity_id):
    certs = list(server.metadata.certs(sp_entity_id, "spsso", use="signing"))
    if not certs:
        fail("no signing certificate for SP %s in its metadata" % sp_entity_id)
    return certs


def name_id_for(args, sp_entity_id):
    name_format = NAME_ID_FORMATS[args.name_id_format]
    if args.name_id_format == "email":
        text = args.user_email
    elif args.name_id_format == "persistent":
        text = hashlib.sha256(("%s|%s" % (sp_entity_id, args.user_email)).encode()).hexdigest()
    else:
        text = sid()
    return NameID(format=name_format, sp_name_qualifier=sp_entity_id, text=text)


def identity_of(args):
    identity = {} if args.no_email_attribute else {"email": [args.user_email]}
    if args.name:
        identity["name"] = [args.name]
    for item in args.attribute or []:
        key, sep, value = item.partition("=")
        if not sep:
            fail("--attribute wants key=value, got %r" % item)
        identity.setdefault(key, []).append(value)
    return identity


def login(args):
    server = make_server(args)
    raw_query = parse.urlsplit(args.request_url).query
    query = dict(parse.parse_qsl(raw_query, keep_blank_values=True))
    if "SAMLRequest" not in query:
        fail("the URL carries no SAMLRequest")
    try:
        request = server.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
    except Exception as exc:  # pysaml2 reports refusals as many exception types
        fail("%s: %s" % (type(exc).__name__, exc))
    if request is None:
        fail("pysaml2 could not read the AuthnRequest")
    message = request.message
    # Only now is the SP known whose certificate must have signed the query.
    check_redirect_signature(raw_query, server, sp_certificates(server, message.issuer.text), "AuthnRequest")
    try:
        # Checks the AssertionConsumerServiceURL against the SP metadata.
        response_args = server.response_args(message, [BINDING_HTTP_POST])
    except Exception as exc:
        fail("%s: %s" % (type(exc).__name__, exc))
    sp_entity_id = response_args["sp_entity_id"]
    destination = args.acs_url or response_args["destination"]
    audience = args.audience or sp_entity_id
    if args.audience:
        register_other_sp(server, args)
    name_id = name_id_for(args, sp_entity_id)
    response = server.create_authn_response(
        identity_of(args), in_response_to=message.id, destination=destination,
        sp_entity_id=audience, name_id=name_id, userid=args.user_email,
        authn={"class_ref": AUTHN_PASSWORD_PROTECTED, "authn_auth": args.entity_id},
        sign_response=args.sign_response == "yes", sign_assertion=args.sign_assertion == "yes",
        sign_alg=SIG_RSA_SHA256, digest_alg=DIGEST_SHA256)
    session_index = session_index_of(str(response))
    return {
        "acs_url": destination,
        "saml_response": base64.b64encode(str(response).encode()).decode(),
        "relay_state": query.get("RelayState", ""),
        "in_response_to": message.id,
        "session_index": session_index,
        "name_id": name_id.text,
    }


def register_other_sp(server, args):
    """Makes the IdP know a second SP, --audience, shaped like ours (pysaml2 issues only to
    SPs in its metadata), so that a Response meant for it can be misdelivered to our ACS."""
    with open(args.sp_metadata) as f:
        xml = f.read()
    server.metadata.load("inline", re.sub(r'entityID="[^"]*"', 'entityID="%s"' % args.audience, xml, count=1))


def session_index_of(xml):
    response = response_from_string(xml)
    return response.assertion[0].authn_statement[0].session_index


def logout_request(args):
    server = make_server(args)
    sp_entity_id = only_sp(server)
    name_id = NameID(text=args.name_id, format=NAME_ID_FORMATS[args.name_id_format])
    request_id, request = server.create_logout_request(
        args.destination, sp_entity_id, name_id=name_id, session_indexes=args.session_index or None,
        sign=False)
    remember(args.state, request_id)
    info = server.apply_binding(BINDING_HTTP_REDIRECT, str(request), args.destination, args.relay_state,
                                sign=True, sigalg=SIG_RSA_SHA256)
    return {"request_id": request_id, "url": location(info)}


def accept_logout_response(args):
    server = make_server(args)
    query = check_redirect_signature(args.query, server, sp_certificates(server, only_sp(server)), "LogoutResponse")
    if "SAMLResponse" not in query:
        fail("the query carries no SAMLResponse")
    try:
        response = server.parse_logout_request_response(query["SAMLResponse"], BINDING_HTTP_REDIRECT)
    except Exception as exc:
        fail("%s: %s" % (type(exc).__name__, exc))
    if response is None:
        fail("pysaml2 could not read the LogoutResponse")
    in_response_to = response.response.in_response_to
    if in_response_to not in load_outstanding(args.state):
        fail("InResponseTo %s is not an outstanding request" % in_response_to)
    return {"status": response.response.status.status_code.value, "in_response_to": in_response_to,
            "issuer": response.issuer()}


def only_sp(server):
    sps = list(server.metadata.service_providers())
    if len(sps) != 1:
        fail("expected exactly one SP in the metadata, found %d" % len(sps))
    return sps[0]


def metadata(args):
    return {"xml": str(entity_descriptor(make_server(args, publish=True).config))}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["metadata", "login", "logout-request", "accept-logout-response"])
    parser.add_argument("--state", required=True, help="directory for the IdP key and outstanding requests")
    parser.add_argument("--entity-id", required=True)
    parser.add_argument("--sso-url", required=True, help="SingleSignOnService (HTTP-Redirect)")
    parser.add_argument("--slo-url", required=True, help="SingleLogoutService (HTTP-Redirect)")
    parser.add_argument("--sp-metadata", help="SP metadata XML file")
    parser.add_argument("--request-url", help="the HTTP-Redirect URL carrying the AuthnRequest")
    parser.add_argument("--user-email")
    parser.add_argument("--name")
    parser.add_argument("--name-id-format", choices=sorted(NAME_ID_FORMATS), default="email")
    parser.add_argument("--attribute", action="append", help="key=value, repeatable")
    parser.add_argument("--no-email-attribute", action="store_true")
    parser.add_argument("--sign-response", choices=["yes", "no"], default="yes")
    parser.add_argument("--sign-assertion", choices=["yes", "no"], default="yes")
    parser.add_argument("--audience", help="negative tests: issue for this audience instead of the SP")
    parser.add_argument("--acs-url", help="negative tests: send to this URL instead of the SP's ACS")
    parser.add_argument("--name-id")
    parser.add_argument("--session-index", action="append")
    parser.add_argument("--destination", help="the SP's SLO URL for logout-request")
    parser.add_argument("--relay-state", default=None)
    parser.add_argument("--query", help="raw query string of the redirect to the IdP's SLO URL")
    return parser.parse_args()


def main():
    logging.disable(logging.CRITICAL)  # stdout/stderr carry only the JSON answer
    args = parse_args()
    os.makedirs(args.state, exist_ok=True)
    if args.command == "login" and not (args.request_url and args.user_email):
        fail("login needs --request-url and --user-email")
    if args.command == "logout-request" and not (args.name_id and args.destination):
        fail("logout-request needs --name-id and --destination")
    commands = {
        "metadata": metadata,
        "login": login,
        "logout-request": logout_request,
        "accept-logout-response": accept_logout_response,
    }
    print(json.dumps(commands[args.command](args)))


if __name__ == "__main__":
    main()
