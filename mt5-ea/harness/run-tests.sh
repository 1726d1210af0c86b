#!/usr/bin/env bash
# The EA's Linux test harness (run by install/vprop test, and so by CI):
#   1. lint: the EA's .mq5/.mqh use nothing MQL5 lacks (and the lint itself catches every rule's sample)
#   2. build: the EA's own sources translated and compiled with g++ against the MQL5 runtime emulation
#   3. codec: protocol/vectors through the EA's JSON codec
#   4. governors: every governors/scenarios/*.json through the EA's governor code
#   5. execution: filling, stop levels, retcode policy, at-most-once, TP1/break-even
#   6. ea: the whole EA against a scripted sidecar on a real ZeroMQ ROUTER
#   7. interop: the whole EA against the real sidecar (sidecar/target/vprop-sidecar.jar, built if missing)
# Last line, always: "ea-harness: N passed, M failed"; exit status non-zero on any failure.
set -euo pipefail

HARNESS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HARNESS/../.." && pwd)"
BUILD="$HARNESS/build"
JAR="$ROOT/sidecar/target/vprop-sidecar.jar"
passed=0
failed=0
cd "$HARNESS" # the tests keep their MQL5/Files sandboxes under build/

pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() {
  echo "ea-harness: ${passed} passed, ${failed} failed"
  [ "$failed" -eq 0 ]
  exit $?
}

# Runs a test binary and adds its "tests: N passed, M failed" line to the totals.
run_suite() {
  local name=$1 log line
  shift
  log=$(mktemp)
  echo "== $name"
  if "$@" >"$log" 2>&1; then :; fi
  grep -E '^(FAIL|governor scenarios|interop:)' "$log" || true
  line=$(grep -E '^tests: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n1 || true)
  if [ -z "$line" ]; then
    fail "$name did not finish (see below)"
    tail -n 30 "$log"
  else
    echo "$name: ${line#tests: }"
    passed=$((passed + $(sed -E 's/^tests: ([0-9]+) passed.*/\1/' <<<"$line")))
    failed=$((failed + $(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")))
  fi
  rm -f "$log"
}

for tool in g++ make pkg-config; do
  command -v "$tool" >/dev/null 2>&1 || { fail "$tool is not installed (the packages are listed in install/deps/ea.apt)"; finish; }
done
pkg-config --exists libzmq || { fail "libzmq development files missing (apt-get install libzmq3-dev)"; finish; }

echo "== lint"
mapfile -t sources < <(find "$HARNESS/../MQL5" -name '*.mq5' -o -name '*.mqh' | sort)
if [ "${#sources[@]}" -lt 8 ]; then fail "EA sources not found under mt5-ea/MQL5"; fi
if out=$("$HARNESS/scripts/lint.sh" "${sources[@]}" 2>&1); then pass "lint: ${#sources[@]} EA source files are valid MQL5"; else fail "lint: $out"; fi
for bad in "$HARNESS"/tests/lint-bad/*.mqh; do
  if "$HARNESS/scripts/lint.sh" "$bad" >/dev/null 2>&1; then fail "lint misses $(basename "$bad")"; else pass "lint rejects $(basename "$bad" .mqh)"; fi
done
if "$HARNESS/scripts/lint.sh" "$HARNESS/tests/lint-ok.mqh" >/dev/null 2>&1; then pass "lint accepts valid MQL5 with C++ words in comments and strings"; else fail "lint rejects lint-ok.mqh"; fi
if command -v shellcheck >/dev/null 2>&1; then
  if shellcheck "$HARNESS"/run-tests.sh "$HARNESS"/scripts/*.sh "$HARNESS"/../package.sh; then pass "shellcheck"; else fail "shellcheck"; fi
else
  fail "shellcheck is not installed (apt-get install shellcheck)"
fi

echo "== build (translate + g++)"
mkdir -p "$BUILD"
if make -s -C "$HARNESS" -j1 all >"$BUILD/make.log" 2>&1; then
  pass "EA sources compile with g++ against the emulated MQL5 runtime"
else
  fail "build failed:"
  tail -n 40 "$BUILD/make.log"
  finish
fi

# input groups: every input of the EA sits under an `input group` heading; the translation drops the headings and
# keeps each input as a global the tests can set
ea_src="$HARNESS/../MQL5/Experts/VProp/VPropEA.mq5"
ea_out="$BUILD/src/Experts/VProp/VPropEA.mq5"
groups=$(grep -cE '^[[:space:]]*input[[:space:]]+group[[:space:]]+"[^"]+"' "$ea_src" || true)
inputs=$(grep -cE '^[[:space:]]*input[[:space:]]+[A-Za-z_]+[[:space:]]+Inp[A-Za-z0-9_]*[[:space:]]*=' "$ea_src" || true)
first=$(grep -m1 -E '^[[:space:]]*input[[:space:]]' "$ea_src" || true)
kept=$(grep -cE '^[[:space:]]*[A-Za-z_]+[[:space:]]+Inp[A-Za-z0-9_]*[[:space:]]*=' "$ea_out" || true)
if [ "$groups" -ge 5 ] && [[ $first =~ ^[[:space:]]*input[[:space:]]+group ]] && [ "$kept" -eq "$inputs" ] &&
  ! grep -qE '^[[:space:]]*(s?input|group)[[:space:]]' "$ea_out"; then
  pass "the EA's $inputs inputs sit in $groups input groups; translated to $kept plain globals, headings dropped"
else
  fail "input groups: $groups group(s), $inputs input(s), first '$first', $kept global(s) after translation"
fi

echo "== package"
if "$HARNESS/../package.sh" "$BUILD/dist" >/dev/null 2>&1 && [ -f "$BUILD/dist/MQL5/Experts/VProp/VPropEA.mq5" ] &&
  [ "$(find "$BUILD/dist/MQL5/Include/VProp" -name '*.mqh' | wc -l)" -eq "$(find "$HARNESS/../MQL5/Include/VProp" -name '*.mqh' | wc -l)" ] &&
  [ -f "$BUILD/dist/MQL5/Files/VProp/profiles/ftmo-2step.json" ]; then
  pass "package.sh assembles MQL5/Experts, MQL5/Include and the firm profiles in MQL5/Files"
else
  fail "package.sh did not assemble the install tree"
fi

run_suite codec "$BUILD/test_codec" "$ROOT"
run_suite governors "$BUILD/test_governors" "$ROOT"
run_suite execution "$BUILD/test_execution"
run_suite ea "$BUILD/test_ea" "$ROOT"

echo "== interop with the real sidecar"
if ! command -v java >/dev/null 2>&1; then
  fail "interop: java is not installed; the real sidecar cannot run (apt-get install default-jdk-headless)"
  finish
fi
stale=""
if [ -f "$JAR" ]; then
  stale=$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src \
    -newer "$JAR" -type f -print -quit 2>/dev/null || true)
fi
if [ ! -f "$JAR" ] || [ -n "$stale" ]; then
  echo "building the sidecar (mvn -q -B -DskipTests package)"
  if ! (cd "$ROOT" && mvn -q -B -DskipTests package >"$BUILD/mvn.log" 2>&1); then
    fail "interop: building sidecar/target/vprop-sidecar.jar failed (see $BUILD/mvn.log)"
    finish
  fi
fi
run_suite interop "$BUILD/interop_ea" "$ROOT" "$JAR" "$BUILD/interop"
finish
