#!/usr/bin/env bash
# Builds the GraphQL, SAML AuthnRequest, SAML Response and LDAP escaping libFuzzer targets with clang (build-fuzz, -Dfuzz=true)
# and runs each for a bounded time on a scratch copy of its seed corpus.
#   fuzz.sh --build-only      builds the targets, prints nothing on success
#   fuzz.sh LOG               builds what is missing, then runs them; writes one
#                             meson-testlog-style JSON line per target to LOG, so
#                             scripts/lib/count_tests.py counts each run as a test case.
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${AUTHCORE_FUZZ_SECONDS:-10}"
targets=(graphql-parse-fuzz:graphql graphql-request-fuzz:graphql_request
         saml-authn-request-fuzz:saml_authn_request saml-response-fuzz:saml_response
         saml-sp-messages-fuzz:saml_sp_messages ldap-escape-fuzz:ldap_escape)

configure() {
  [ -d "$root/build-fuzz" ] || CXX=clang++ CC=clang meson setup "$root/build-fuzz" "$root" -Dfuzz=true >/dev/null
}

if [ "${1:-}" = "--build-only" ]; then
  configure || exit 1
  names=(); for pair in "${targets[@]}"; do names+=("tests/fuzz/${pair%%:*}"); done
  exec ninja -C "$root/build-fuzz" "${names[@]}" >/dev/null
fi

log="$1"
: > "$log"
record() { # target result text
  python3 - "$log" "$1" "$2" "$3" <<'PY'
import json, sys
path, name, result, text = sys.argv[1:5]
with open(path, "a") as log:
    log.write(json.dumps({"name": "fuzz_" + name, "result": result, "stdout": text}) + "\n")
PY
}
configure || { record setup FAIL "meson setup build-fuzz failed"; exit 1; }
status=0
for pair in "${targets[@]}"; do
  target="${pair%%:*}" corpus="${pair##*:}"
  if ! ninja -C "$root/build-fuzz" "tests/fuzz/$target" >/dev/null; then
    record "$target" FAIL "build failed"; status=1; continue
  fi
  scratch="$(mktemp -d)"
  # Undefined behaviour stops the run like a crash (UBSan only reports it otherwise).
  output="$(UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 "$root/build-fuzz/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            "$scratch" "$root/tests/fuzz/corpus/$corpus" 2>&1)"
  rc=$?
  rm -rf "$scratch"
  runs="$(printf '%s\n' "$output" | grep -o 'Done [0-9]* runs' | tail -1)"
  if [ $rc -eq 0 ]; then
    echo "fuzz $target: ${runs:-done} in ${seconds}s, no crash"
    record "$target" OK "$runs
*** No errors detected
1 test case out of 1 passed"
  else
    echo "fuzz $target: FAILED (exit $rc)"; printf '%s\n' "$output" | tail -40
    record "$target" FAIL "$(printf '%s\n' "$output" | tail -40)"
    status=1
  fi
done
exit $status
