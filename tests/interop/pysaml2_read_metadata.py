#!/usr/bin/env python3
"""Has python3-pysaml2, an independent SAML 2.0 implementation, read AuthCore's SP metadata.

usage: pysaml2_read_metadata.py SP_METADATA
Loads the file into a pysaml2 MetadataStore (as an IdP would import an SP) and prints
{entity_ids, acs, acs_default, slo, signing_certs, authn_requests_signed,
want_assertions_signed, name_id_formats} as JSON, exit 0; exits 1 with the reason on
stderr if pysaml2 refuses the document.
"""
import json
import sys

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.attribute_converter import ac_factory
from saml2.config import Config
from saml2.mdstore import MetadataStore


def describe(store, entity_id):
    descriptor = store[entity_id]["spsso_descriptor"][0]
    acs = store.assertion_consumer_service(entity_id, BINDING_HTTP_POST)
    slo = store.single_logout_service(entity_id, BINDING_HTTP_REDIRECT, "spsso")
    return {
        "acs": [endpoint["location"] for endpoint in acs],
        "acs_default": [endpoint.get("is_default") for endpoint in acs],
        "slo": [endpoint["location"] for endpoint in slo],
        # pysaml2 returns the base64 DER re-wrapped at 64 columns.
        "signing_certs": ["".join(cert.split()) for cert in store.certs(entity_id, "spsso", use="signing")],
        "authn_requests_signed": descriptor.get("authn_requests_signed"),
        "want_assertions_signed": descriptor.get("want_assertions_signed"),
        "name_id_formats": [f["text"] for f in descriptor.get("name_id_format", [])],
    }


def main(path):
    try:
        store = MetadataStore(ac_factory(), Config())
        store.load("local", path)
        entity_ids = list(store.keys())
        if len(entity_ids) != 1:
            raise ValueError(f"expected one entity, found {entity_ids}")
        result = {"entity_ids": entity_ids, **describe(store, entity_ids[0])}
    except Exception as error:  # pysaml2 raises many types; all mean "refused"
        print(f"refused: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
