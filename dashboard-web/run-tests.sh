#!/usr/bin/env bash
# The web panel's tests: TypeScript check, vitest unit tests, then end-to-end tests in Debian's headless Chromium
# against a real demo (sidecar + paper terminal), then the cross-site tests (pages of other origins attacking a demo).
# Screenshots land in dashboard-web/test-artifacts/.
# Last line: "web-panel: N passed, M failed" (install/vprop test sums it); exit status non-zero on any failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$here"
artifacts="$here/test-artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"
passed=0
failed=0

finish() {
  echo "web-panel: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

# counts from a JSON file written by a runner: prints "passed failed"
counts() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const p = r.numPassedTests ?? r.passed ?? 0, f = (r.numFailedTests ?? r.failed ?? 0) + (r.numFailedTestSuites ?? 0);
    console.log(p + " " + f);' "$1"
}

for tool in node npm java mvn; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run-tests: $tool is missing (install/deps/web.apt and base.apt list what the panel needs)" >&2
    failed=$((failed + 1))
    finish
    exit 1
  fi
done

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund  # see build.sh for why not npm ci
fi

# the jar serves the panel: rebuild it when the panel or the sidecar changed since it was built
jar="$root/sidecar/target/vprop-sidecar.jar"
if [ ! -f "$jar" ] || [ -n "$(find src public vite.config.ts package-lock.json "$root"/*/src/main "$root"/*/pom.xml \
     -newer "$jar" -print -quit)" ]; then
  echo "run-tests: building the sidecar jar with the panel"
  if ! (cd "$root" && mvn -q -B -DskipTests package -pl sidecar -am); then
    echo "run-tests: the build failed" >&2
    failed=$((failed + 1))
    finish
    exit 1
  fi
fi

echo "run-tests: TypeScript check"
if npx --no-install tsc --noEmit; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

echo "run-tests: unit tests (vitest)"
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$artifacts/vitest.json" || true
if [ -f "$artifacts/vitest.json" ]; then
  read -r p f <<<"$(counts "$artifacts/vitest.json")"
  passed=$((passed + p)); failed=$((failed + f))
else
  failed=$((failed + 1))
fi

echo "run-tests: end-to-end tests (headless Chromium against a running demo)"
node e2e/run.mjs || true
if [ -f "$artifacts/e2e.json" ]; then
  read -r p f <<<"$(counts "$artifacts/e2e.json")"
  passed=$((passed + p)); failed=$((failed + f))
else
  failed=$((failed + 1))
fi

echo "run-tests: cross-site tests (hostile pages of other origins against a demo on loopback, headless Chromium)"
node e2e/crosssite.mjs || true
if [ -f "$artifacts/e2e-crosssite.json" ]; then
  read -r p f <<<"$(counts "$artifacts/e2e-crosssite.json")"
  passed=$((passed + p)); failed=$((failed + f))
else
  failed=$((failed + 1))
fi

finish
