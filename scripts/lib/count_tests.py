#!/usr/bin/env python3
"""Sums Boost.Test case counts over meson's test logs (and the fuzz runs' log of
the same format) and prints 'N passed, N failed'.

A meson test that failed without a Boost report (crash, timeout) counts as one
failed case, so nothing that broke can vanish from the total.
"""
import json
import re
import sys

PASSED = re.compile(r"^\s*(\d+) test cases? out of \d+ passed", re.M)
FAILED = re.compile(r"^\s*(\d+) test cases? out of \d+ (?:failed|aborted)", re.M)
NO_ERRORS = re.compile(r"\*\*\* No errors detected")


def count(entry):
    out = entry.get("stdout") or ""
    passed = sum(int(n) for n in PASSED.findall(out))
    failed = sum(int(n) for n in FAILED.findall(out))
    ok = entry.get("result") in ("OK", "EXPECTEDFAIL")
    if not ok and failed == 0:
        failed = 1
    if ok and passed == 0 and failed == 0 and not NO_ERRORS.search(out):
        # A runner that printed no report ran nothing we can count.
        failed = 1
    return passed, failed


def main(paths):
    passed = failed = 0
    for path in paths:
        try:
            with open(path) as log:
                for line in log:
                    line = line.strip()
                    if line:
                        p, f = count(json.loads(line))
                        passed += p
                        failed += f
        except FileNotFoundError:
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
