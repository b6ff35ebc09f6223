#!/usr/bin/env bash
# Sends a contract example, signed with WEBHOOK_SECRETS (env, else local.settings.json), to a running
# local host and prints the status and body.
#   scripts/send-example.sh <file | example name> [url] [webhook-id]
#   scripts/send-example.sh created.json
#   scripts/send-example.sh contract/examples/invalid/version-zero.json http://localhost:7071/api/webhooks/appointments
set -euo pipefail
if [[ $# -lt 1 || $# -gt 3 ]]; then
  echo "usage: $0 <example.json> [url] [webhook-id]" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="$1"
if [[ -f "$file" ]]; then
  file="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
fi
args="'$file'"
[[ $# -ge 2 ]] && args="$args '$2'"
[[ $# -ge 3 ]] && args="$args '$3'"
cd "$root"
# test-compile is quick when nothing changed, and makes sure the local classes exist.
exec mvn -q -o test-compile exec:java \
  -Dexec.mainClass=org.teamstelehealth.local.SendExample \
  -Dexec.args="$args"
