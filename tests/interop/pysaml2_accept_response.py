#!/usr/bin/env python3
"""Has python3-pysaml2, an independent SAML 2.0 SP implementation, accept an AuthCore Response.

usage: pysaml2_accept_response.py IDP_METADATA SP_ENTITY_ID ACS_URL REQUEST_ID RESPONSE_XML
                                  WANT_RESPONSE_SIGNED WANT_ASSERTIONS_SIGNED
Loads the IdP's metadata from a file, configures an SP with that entity ID and ACS URL,
and parses the Response (HTTP-POST binding) as the answer to REQUEST_ID, which checks the
signatures with xmlsec1 against the metadata's certificate, Destination, Recipient,
Audience, InResponseTo and the time window. Prints {name_id, attributes, session_index}
as JSON and exits 0; exits 1 with the reason on stderr otherwise.
"""
import base64
import json
import sys

from saml2 import BINDING_HTTP_POST
from saml2.client import Saml2Client
from saml2.config import SPConfig


def sp_config(metadata, entity_id, acs_url, want_response_signed, want_assertions_signed):
    config = SPConfig()
    config.load({
        "entityid": entity_id,
        "xmlsec_binary": "/usr/bin/xmlsec1",
        "metadata": {"local": [metadata]},
        # Attribute names pysaml2 has no converter for (e.g. "groups") are kept, not dropped.
        "allow_unknown_attributes": True,
        "service": {"sp": {
            "endpoints": {"assertion_consumer_service": [(acs_url, BINDING_HTTP_POST)]},
            "want_response_signed": want_response_signed,
            "want_assertions_signed": want_assertions_signed,
            "allow_unsolicited": False,
        }},
    })
    return config


def main(metadata, entity_id, acs_url, request_id, response_file, want_response, want_assertions):
    config = sp_config(metadata, entity_id, acs_url, want_response == "true", want_assertions == "true")
    with open(response_file, "rb") as f:
        encoded = base64.b64encode(f.read()).decode()
    try:
        response = Saml2Client(config=config).parse_authn_request_response(
            encoded, BINDING_HTTP_POST, outstanding={request_id: "/"})
        if response is None:
            raise ValueError("pysaml2 returned no response")
        info = response.session_info()
    except Exception as error:  # pysaml2 raises many types; all mean "refused"
        print(f"refused: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(json.dumps({"name_id": info["name_id"].text, "attributes": info["ava"],
                      "session_index": info["session_index"]}))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 8:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(*sys.argv[1:8]))
