#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Checks docs/openapi.yaml against the routes the server really has.

usage: openapi_routes.py OPENAPI_YAML ROUTES_FILE

ROUTES_FILE holds one "METHOD /pattern" per line (Router::describe()); blank
lines and lines starting with '#' are skipped. The check passes when the
document's (method, path) pairs are exactly the server's, and the document is
a structurally valid OpenAPI 3.1 description: required top-level fields,
every path template variable declared as an `in: path` parameter (and no
undeclared one), every local $ref resolving, status codes quoted, unique
operationIds, security requirements naming defined schemes.

Prints a JSON report {"ok", "missing_in_document", "missing_in_server",
"problems"} and exits 0 only when ok.
"""

import json
import re
import sys

import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
PARAMETER_LOCATIONS = ("query", "header", "path", "cookie")
JSON_TYPES = ("null", "boolean", "object", "array", "number", "string", "integer")
TEMPLATE = re.compile(r"\{([^{}/]+)\}")
STATUS = re.compile(r"^([1-5][0-9][0-9]|[1-5]XX|default)$")
# Keywords whose value is one schema, or a list or map of schemas.
SCHEMA_ONE = ("items", "not", "additionalProperties", "contains", "propertyNames", "if", "then", "else",
              "unevaluatedItems", "unevaluatedProperties")
SCHEMA_LIST = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_MAP = ("properties", "patternProperties", "$defs", "dependentSchemas")


class UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses duplicate mapping keys (PyYAML keeps the last one silently)."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, "duplicate key %r" % (key,), key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep)


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def normalize(path):
    """The path with every template variable emptied: /a/{org} and /a/{x} are the same route."""
    return TEMPLATE.sub("{}", path)


class Checker:
    def __init__(self, document):
        self.doc = document
        self.problems = []

    def problem(self, where, text):
        self.problems.append("%s: %s" % (where, text))

    # ----------------------------------------------------------------- refs
    def lookup(self, ref):
        """The object a local $ref points at, or None."""
        if not isinstance(ref, str) or not ref.startswith("#"):
            return None
        node = self.doc
        if ref in ("#", "#/"):
            return node
        if not ref.startswith("#/"):
            return None
        for raw in ref[2:].split("/"):
            part = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    def check_refs(self, node, where):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref is not None:
                if not isinstance(ref, str):
                    self.problem(where, "$ref must be a string")
                elif not ref.startswith("#"):
                    self.problem(where, "external $ref %r is not allowed (the document must stand alone)" % ref)
                elif self.lookup(ref) is None:
                    self.problem(where, "$ref %r does not resolve" % ref)
            for key, value in node.items():
                self.check_refs(value, "%s/%s" % (where, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self.check_refs(value, "%s/%d" % (where, index))

    def resolve(self, node):
        """Follows $ref chains (at most 20) to the object itself."""
        for _ in range(20):
            if isinstance(node, dict) and isinstance(node.get("$ref"), str):
                target = self.lookup(node["$ref"])
                if target is None:
                    return None
                node = target
            else:
                return node
        return None

    # -------------------------------------------------------------- schemas
    def check_schema(self, schema, where):
        if isinstance(schema, bool):
            return
        if not isinstance(schema, dict):
            self.problem(where, "a schema must be an object or a boolean")
            return
        if "$ref" in schema:
            return  # resolved by check_refs; the target is checked where it is defined
        if "nullable" in schema:
            self.problem(where, "`nullable` is OpenAPI 3.0; 3.1 uses type: [T, \"null\"]")
        kind = schema.get("type")
        if kind is not None:
            kinds = kind if isinstance(kind, list) else [kind]
            for k in kinds:
                if k not in JSON_TYPES:
                    self.problem(where, "unknown type %r" % (k,))
        required = schema.get("required")
        if required is not None:
            if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
                self.problem(where, "required must be a list of names")
            elif isinstance(schema.get("properties"), dict):
                for name in required:
                    if name not in schema["properties"]:
                        self.problem(where, "required %r is not among the properties" % name)
        for key in SCHEMA_ONE:
            if key in schema:
                self.check_schema(schema[key], "%s/%s" % (where, key))
        for key in SCHEMA_LIST:
            if key in schema:
                if isinstance(schema[key], list):
                    for index, sub in enumerate(schema[key]):
                        self.check_schema(sub, "%s/%s/%d" % (where, key, index))
                else:
                    self.problem(where, "%s must be a list" % key)
        for key in SCHEMA_MAP:
            if key in schema:
                if isinstance(schema[key], dict):
                    for name, sub in schema[key].items():
                        self.check_schema(sub, "%s/%s/%s" % (where, key, name))
                else:
                    self.problem(where, "%s must be a map" % key)

    def check_content(self, content, where):
        if not isinstance(content, dict) or not content:
            self.problem(where, "content must be a non-empty map of media types")
            return
        for media, item in content.items():
            if not isinstance(item, dict):
                self.problem("%s/%s" % (where, media), "a media type object must be a map")
            elif "schema" in item:
                self.check_schema(item["schema"], "%s/%s/schema" % (where, media))

    # ----------------------------------------------------------- components
    def check_parameter(self, parameter, where):
        parameter = self.resolve(parameter)
        if not isinstance(parameter, dict):
            self.problem(where, "parameter is not an object (or its $ref does not resolve)")
            return None
        name, location = parameter.get("name"), parameter.get("in")
        if not isinstance(name, str) or not name:
            self.problem(where, "parameter without a name")
        if location not in PARAMETER_LOCATIONS:
            self.problem(where, "parameter %r has in: %r" % (name, location))
        if location == "path" and parameter.get("required") is not True:
            self.problem(where, "path parameter %r must be required: true" % name)
        if ("schema" in parameter) == ("content" in parameter):
            self.problem(where, "parameter %r needs exactly one of schema and content" % name)
        if "schema" in parameter:
            self.check_schema(parameter["schema"], where + "/schema")
        if "content" in parameter:
            self.check_content(parameter["content"], where + "/content")
        return (name, location)

    def check_parameters(self, parameters, where):
        """The (name, in) pairs of a parameters list, each checked and declared once."""
        keys = set()
        if parameters is None:
            return keys
        if not isinstance(parameters, list):
            self.problem(where, "parameters must be a list")
            return keys
        for index, parameter in enumerate(parameters):
            key = self.check_parameter(parameter, "%s/parameters/%d" % (where, index))
            if key in keys:
                self.problem(where, "parameter %r in %s declared twice" % key)
            if key:
                keys.add(key)
        return keys

    def check_response(self, response, where):
        response = self.resolve(response)
        if not isinstance(response, dict):
            self.problem(where, "response is not an object (or its $ref does not resolve)")
            return
        if not isinstance(response.get("description"), str):
            self.problem(where, "response without a description")
        if "content" in response:
            self.check_content(response["content"], where + "/content")
        for name, header in (response.get("headers") or {}).items():
            header = self.resolve(header)
            if not isinstance(header, dict):
                self.problem("%s/headers/%s" % (where, name), "header does not resolve")
            elif "schema" in header:
                self.check_schema(header["schema"], "%s/headers/%s/schema" % (where, name))

    def check_security(self, requirements, where):
        schemes = ((self.doc.get("components") or {}).get("securitySchemes") or {})
        if not isinstance(requirements, list):
            self.problem(where, "security must be a list")
            return
        for requirement in requirements:
            if not isinstance(requirement, dict):
                self.problem(where, "a security requirement must be a map")
                continue
            for name in requirement:
                if name not in schemes:
                    self.problem(where, "security scheme %r is not defined" % name)

    def check_top(self):
        doc = self.doc
        if not isinstance(doc, dict):
            self.problem("document", "not a YAML mapping")
            return False
        version = doc.get("openapi")
        if not isinstance(version, str) or not re.match(r"^3\.1\.\d+$", version):
            self.problem("openapi", "must be a string 3.1.x, found %r" % (version,))
        info = doc.get("info")
        if not isinstance(info, dict):
            self.problem("info", "missing")
        else:
            for field in ("title", "version"):
                if not isinstance(info.get(field), str) or not info.get(field):
                    self.problem("info", "%s must be a non-empty string" % field)
        servers = doc.get("servers")
        if servers is not None and (not isinstance(servers, list) or
                                    not all(isinstance(s, dict) and isinstance(s.get("url"), str) for s in servers)):
            self.problem("servers", "must be a list of objects with a url")
        if not isinstance(doc.get("paths"), dict):
            self.problem("paths", "missing (the document must describe the server's routes)")
            return False
        components = doc.get("components") or {}
        if not isinstance(components, dict):
            self.problem("components", "must be a map")
            return True
        for name, scheme in (components.get("securitySchemes") or {}).items():
            scheme = self.resolve(scheme)
            if not isinstance(scheme, dict) or scheme.get("type") not in (
                    "apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"):
                self.problem("components/securitySchemes/" + name, "needs a valid type")
            elif scheme["type"] == "apiKey" and (scheme.get("in") not in ("query", "header", "cookie")
                                                 or not scheme.get("name")):
                self.problem("components/securitySchemes/" + name, "apiKey needs name and in")
            elif scheme["type"] == "http" and not scheme.get("scheme"):
                self.problem("components/securitySchemes/" + name, "http needs scheme")
        for name, schema in (components.get("schemas") or {}).items():
            self.check_schema(schema, "components/schemas/" + name)
        for name, response in (components.get("responses") or {}).items():
            self.check_response(response, "components/responses/" + name)
        if "security" in doc:
            self.check_security(doc["security"], "security")
        return True

    # ----------------------------------------------------------------- paths
    def operations(self):
        """Every (METHOD, path) the document describes, after checking each."""
        found = []
        operation_ids = {}
        for path, item in self.doc["paths"].items():
            if not isinstance(path, str) or not path.startswith("/"):
                self.problem("paths", "path %r must start with /" % (path,))
                continue
            item = self.resolve(item)
            if not isinstance(item, dict):
                self.problem(path, "path item is not an object")
                continue
            template = TEMPLATE.findall(path)
            if len(set(template)) != len(template):
                self.problem(path, "a template variable is used twice")
            shared = self.check_parameters(item.get("parameters"), path)
            methods = [m for m in item if m in METHODS]
            if not methods:
                self.problem(path, "no operation")
            for key in item:
                if key not in METHODS and key not in ("parameters", "summary", "description", "servers", "$ref") \
                        and not str(key).startswith("x-"):
                    self.problem(path, "unknown path item field %r" % (key,))
            for method in methods:
                where = "%s %s" % (method.upper(), path)
                operation = item[method]
                if not isinstance(operation, dict):
                    self.problem(where, "operation is not an object")
                    continue
                found.append((method.upper(), path))
                own = self.check_parameters(operation.get("parameters"), where)
                declared = {name for (name, location) in shared | own if location == "path"}
                for name in template:
                    if name not in declared:
                        self.problem(where, "path parameter {%s} is not declared as in: path" % name)
                for name in sorted(declared - set(template)):
                    self.problem(where, "in: path parameter %r is not in the path" % name)
                if not isinstance(operation.get("summary"), str) or not operation["summary"].strip():
                    self.problem(where, "no summary")
                operation_id = operation.get("operationId")
                if operation_id is not None:
                    if operation_id in operation_ids:
                        self.problem(where, "operationId %r already used by %s" %
                                     (operation_id, operation_ids[operation_id]))
                    operation_ids[operation_id] = where
                if "requestBody" in operation:
                    body = self.resolve(operation["requestBody"])
                    if not isinstance(body, dict) or "content" not in body:
                        self.problem(where, "requestBody needs content")
                    else:
                        self.check_content(body["content"], where + "/requestBody/content")
                responses = operation.get("responses")
                if not isinstance(responses, dict) or not responses:
                    self.problem(where, "no responses")
                else:
                    for code, response in responses.items():
                        if not isinstance(code, str):
                            self.problem(where, "status code %r must be quoted" % (code,))
                        elif not STATUS.match(code):
                            self.problem(where, "bad status code %r" % code)
                        self.check_response(response, "%s/responses/%s" % (where, code))
                if "security" in operation:
                    self.check_security(operation["security"], where + "/security")
        return found


def read_routes(path, problems):
    routes = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            if len(parts) != 2 or not parts[1].startswith("/") or parts[0].lower() not in METHODS:
                problems.append("%s:%d: not \"METHOD /pattern\": %r" % (path, number, line))
                continue
            routes.append((parts[0].upper(), parts[1]))
    return routes


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: openapi_routes.py OPENAPI_YAML ROUTES_FILE\n")
        return 2
    report = {"ok": False, "missing_in_document": [], "missing_in_server": [], "problems": []}
    try:
        with open(argv[1], encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=UniqueKeyLoader)
    except (OSError, yaml.YAMLError) as error:
        report["problems"].append("%s: %s" % (argv[1], error))
        print(json.dumps(report, indent=2))
        return 1
    try:
        server_routes = read_routes(argv[2], report["problems"])
    except OSError as error:
        report["problems"].append("%s: %s" % (argv[2], error))
        print(json.dumps(report, indent=2))
        return 1

    checker = Checker(document)
    documented = []
    if checker.check_top():
        checker.check_refs(document, "#")
        documented = checker.operations()
    report["problems"].extend(checker.problems)

    server = {}
    for method, path in server_routes:
        key = (method, normalize(path))
        if key in server:
            report["problems"].append("server route %s %s registered twice" % (method, path))
        server[key] = path
    document_routes = {}
    for method, path in documented:
        key = (method, normalize(path))
        if key in document_routes:
            report["problems"].append("document paths %s and %s are the same route" % (document_routes[key], path))
        document_routes[key] = path
    for key in sorted(set(server) - set(document_routes)):
        report["missing_in_document"].append("%s %s" % (key[0], server[key]))
    for key in sorted(set(document_routes) - set(server)):
        report["missing_in_server"].append("%s %s" % (key[0], document_routes[key]))
    for key in sorted(set(server) & set(document_routes)):
        if server[key] != document_routes[key]:
            report["problems"].append("%s: the server names the parameters %s, the document %s"
                                      % (key[0], server[key], document_routes[key]))

    report["ok"] = not (report["missing_in_document"] or report["missing_in_server"] or report["problems"])
    print(json.dumps(report, indent=2))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
