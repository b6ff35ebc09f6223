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

# Join and feed links are built from PUBLIC_BASE_URL, which the sample sets to port 7071. With
# --port, follow the port, unless PUBLIC_BASE_URL was chosen: in the environment, or in
# local.settings.json as anything but the sample's http://localhost:7071/api (the environment
# overrides local.settings.json, as on Azure).
port=""
args=("$@")
for ((i = 0; i < ${#args[@]} - 1; i++)); do
  if [ "${args[i]}" = "--port" ]; then port="${args[i + 1]}"; fi
done
if [ -n "$port" ] && [ -z "${PUBLIC_BASE_URL+set}" ]; then
  configured="$(node -e 'try { process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).Values?.PUBLIC_BASE_URL ?? "")) } catch (e) {}' local.settings.json)"
  if [ -z "$configured" ] || [ "$configured" = "http://localhost:7071/api" ]; then
    export PUBLIC_BASE_URL="http://localhost:$port/api"
    echo "run-local: PUBLIC_BASE_URL=$PUBLIC_BASE_URL (follows --port; set PUBLIC_BASE_URL to choose another)."
  fi
fi

echo "run-local: compiling and starting the local host (the first run downloads Maven dependencies)..."
exec mvn -B -q test-compile exec:java -Dexec.args="$*"
