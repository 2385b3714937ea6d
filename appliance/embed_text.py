#!/usr/bin/env python3
"""Writes a C++ source defining `extern const std::string_view NAME` with the
text of INPUT, so that files such as the served GraphQL schema ship inside
the binary and cannot drift from what the tests read.

usage: embed_text.py NAME INPUT OUTPUT
"""
import sys

DELIMITER = "AUTHCORE_EMBED"


def main(name, source, target):
    with open(source, encoding="utf-8") as f:
        text = f.read()
    if ")" + DELIMITER + '"' in text:
        sys.exit(f"{source} contains the raw-string delimiter )" + DELIMITER)
    with open(target, "w", encoding="utf-8") as f:
        f.write("// Generated from " + source.split("/")[-1] + " by embed_text.py; do not edit.\n")
        f.write('#include "graphql/embedded.hpp"\n\n')
        f.write("namespace authcore::appliance::embedded {\n")
        f.write(f'extern const std::string_view {name} = R"{DELIMITER}({text}){DELIMITER}";\n')
        f.write("} // namespace authcore::appliance::embedded\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
