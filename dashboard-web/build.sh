#!/usr/bin/env bash
# Builds the web panel into sidecar/target/classes/web, so the sidecar jar serves it at /.
# Called by the sidecar's Maven build (exec-maven-plugin, phase process-resources); skip with -Dexec.skip=true.
set -euo pipefail
cd "$(dirname "$0")"
out=../sidecar/target/classes/web/assets/app.js
if ! command -v npm >/dev/null 2>&1; then
  echo "dashboard-web: npm is required to build the web panel (Debian: apt-get install nodejs npm, listed in install/deps/web.apt; install/vprop does it)" >&2
  exit 1
fi
# the lockfile's packages, reinstalled only when the lockfile changed. `npm install` rather than `npm ci`: npm 11
# records only this platform's optional packages (rollup, esbuild) in the lockfile and `npm ci` then refuses it as
# "out of sync"; `npm install` installs the locked versions all the same.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi
# nothing changed since the last build: keep it
if [ -f "$out" ] && [ -z "$(find src public package-lock.json vite.config.ts tsconfig.json -newer "$out" -print -quit)" ]; then
  echo "dashboard-web: panel up to date ($out)"
  exit 0
fi
npm run --silent build
