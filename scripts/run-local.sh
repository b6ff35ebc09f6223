#!/usr/bin/env bash
# Runs the Functions app locally, the way Core Tools' `func start` would (Core Tools cannot be
# installed here): Azurite for storage, local stand-ins for Microsoft services, the same function
# classes Azure runs. Needs only JDK 17, Maven and Node.js 20+. Ctrl-C stops everything.
#
#   scripts/run-local.sh            # http://localhost:7071 (Host.LocalHttpPort in local.settings.json)
#   scripts/run-local.sh --port 8080
set -euo pipefail

cd "$(dirname "$0")/.."

for tool in java mvn node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run-local: '$tool' is not installed; install JDK 17, Maven 3.8+ and Node.js 20+ first." >&2
    exit 1
  fi
done

if [ ! -f node_modules/azurite/dist/src/azurite.js ]; then
  echo "run-local: installing npm packages (Azurite)..."
  npm install --no-audit --no-fund
fi

if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  echo "run-local: created local.settings.json from local.settings.sample.json (edit it to use real services)."
fi

echo "run-local: compiling and starting the local host (the first run downloads Maven dependencies)..."
exec mvn -B -q test-compile exec:java -Dexec.args="$*"
