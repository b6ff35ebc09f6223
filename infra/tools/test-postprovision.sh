#!/bin/sh
# Runs infra/hooks/postprovision.sh against a fake `az` (a vault kept as files) and checks
# what an admin relies on: the secrets are generated in the right format, never printed,
# kept on a second run (a rotation is not undone), and the hook waits out a role
# assignment that has not applied yet. Prints "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
hook="$here/../hooks/postprovision.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/vault"

cat >"$work/bin/az" <<'FAKE'
#!/bin/sh
echo "az $*" >>"$FAKE_AZ/calls"
vault="$FAKE_AZ/vault"
case "$1 $2" in
  "account show") exit 0 ;;
  "functionapp restart") exit 0 ;;
  "keyvault secret")
    sub=$3; shift 3; name=""; file=""
    while [ $# -gt 0 ]; do
      case "$1" in --name) name=$2; shift ;; --file) file=$2; shift ;; esac
      shift
    done
    if [ "$sub" = show ]; then
      denials=$(cat "$FAKE_AZ/denials" 2>/dev/null || echo 0)
      if [ "$denials" -gt 0 ]; then
        echo $((denials - 1)) >"$FAKE_AZ/denials"
        echo "(Forbidden) Caller is not authorized to perform action on resource." >&2
        exit 1
      fi
      [ -f "$vault/$name" ] && { echo "https://vault/secrets/$name/1"; exit 0; }
      echo "(SecretNotFound) A secret with (name/id) $name was not found in this key vault." >&2
      exit 1
    fi
    [ "$sub" = set ] && { cp "$file" "$vault/$name"; exit 0; } ;;
esac
echo "fake az: unexpected $*" >&2
exit 2
FAKE
chmod +x "$work/bin/az"
# The hook sleeps 30 s between tries while access is denied; the test does not.
sed 's/sleep 30/sleep 0/' "$hook" >"$work/hook.sh"

passed=0
failed=0
check() { # description, command...
  description=$1
  shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $description"; else failed=$((failed + 1)); echo "FAIL $description"; fi
}
run_hook() {
  FAKE_AZ=$work PATH="$work/bin:$PATH" AZURE_KEY_VAULT_NAME=kv-test AZURE_RESOURCE_GROUP=rg-test \
    AZURE_FUNCTION_NAME=func-test sh "$work/hook.sh" >"$work/out" 2>&1
}
well_formed() {
  python3 - "$work/vault" <<'PY'
import base64, sys
vault = sys.argv[1]
webhook = open(f"{vault}/webhook-secret-current").read()
join = open(f"{vault}/join-link-key").read()
assert webhook.startswith("whsec_") and len(base64.b64decode(webhook[6:], validate=True)) == 32
assert len(base64.b64decode(join, validate=True)) == 32
PY
}
not_printed() {
  ! grep -qF "$(cat "$work/vault/webhook-secret-current")" "$work/out" &&
    ! grep -qF "$(cat "$work/vault/join-link-key")" "$work/out"
}

echo 2 >"$work/denials"
check "first run succeeds after waiting for the role assignment" run_hook
check "it generated a whsec_ webhook secret and a 32-byte join-link key" well_formed
check "no secret value appears in its output" not_printed
check "it restarted the app so Key Vault references resolve" grep -q "functionapp restart" "$work/calls"
check "it says graph-client-secret is still missing" grep -q "graph-client-secret is not in kv-test" "$work/out"
check "it prints the webhook URL" grep -q "https://func-test.azurewebsites.net/api/webhooks/appointments" "$work/out"

cp "$work/vault/webhook-secret-current" "$work/webhook.before"
cp "$work/vault/join-link-key" "$work/join.before"
: >"$work/calls"
check "second run succeeds" run_hook
check "it kept the existing webhook secret (a rotation is not undone)" cmp -s "$work/webhook.before" "$work/vault/webhook-secret-current"
check "it kept the existing join-link key (links already sent keep working)" cmp -s "$work/join.before" "$work/vault/join-link-key"
check "it did not restart the app when nothing changed" sh -c "! grep -q 'functionapp restart' '$work/calls'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
