#!/bin/sh
# Runs infra/hooks/postprovision.sh (and the preprovision.sh it ends with) against a fake
# `az` (a vault kept as files; NAME.disabled marks a disabled current version) and a fake
# `azd`, and checks what an admin relies on: the secrets are generated in the right
# format, never printed, kept on a second run (a rotation is not undone), the disabled
# placeholders Bicep creates are replaced, the existing secrets are recorded for the next
# provision, the hook waits out a role assignment that has not applied yet, and with a
# managed-identity Graph credential it adds the federated identity credential once.
# Prints "N passed, N failed".
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
  "keyvault show") echo "/subscriptions/s/resourceGroups/rg-test/providers/Microsoft.KeyVault/vaults/kv-test"; exit 0 ;;
  "rest --method")
    url=""; query=""
    while [ $# -gt 0 ]; do
      case "$1" in --url) url=$2; shift ;; --query) query=$2; shift ;; esac
      shift
    done
    name=${url%%\?*}; name=${name##*/}
    [ -f "$vault/$name" ] || { echo "(SecretNotFound) Secret $name not found" >&2; exit 1; }
    case "$query" in
      *enabled*) if [ -f "$vault/$name.disabled" ]; then echo false; else echo true; fi ;;
      *) echo "$name" ;;
    esac
    exit 0 ;;
  "ad app")
    case "$4" in
      list) if [ -f "$FAKE_AZ/fic" ]; then echo 1; else echo 0; fi; exit 0 ;;
      create|update) shift 4
        while [ $# -gt 0 ]; do [ "$1" = --parameters ] && cp "$2" "$FAKE_AZ/fic"; shift; done
        exit 0 ;;
    esac ;;
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
      if [ -f "$vault/$name.disabled" ]; then
        echo "(Forbidden) Operation get is not allowed on a disabled secret. Code: Forbidden Inner error: SecretDisabled" >&2
        exit 1
      fi
      [ -f "$vault/$name" ] && { echo "https://vault/secrets/$name/1"; exit 0; }
      echo "(SecretNotFound) A secret with (name/id) $name was not found in this key vault." >&2
      exit 1
    fi
    [ "$sub" = set ] && { cp "$file" "$vault/$name"; rm -f "$vault/$name.disabled"; exit 0; } ;;
esac
echo "fake az: unexpected $*" >&2
exit 2
FAKE
cat >"$work/bin/azd" <<'FAKE'
#!/bin/sh
[ "$1 $2" = "env set" ] && { echo "$3=$4" >>"$FAKE_AZ/azd-env"; exit 0; }
echo "fake azd: unexpected $*" >&2
exit 2
FAKE
chmod +x "$work/bin/az" "$work/bin/azd"
# The hook sleeps 30 s between tries while access is denied; the test does not.
sed 's/sleep 30/sleep 0/' "$hook" >"$work/hook.sh"
cp "$here/../hooks/preprovision.sh" "$work/preprovision.sh"

passed=0
failed=0
check() { # description, command...
  description=$1
  shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $description"; else failed=$((failed + 1)); echo "FAIL $description"; fi
}
run_hook() { # [VAR=value...]
  env FAKE_AZ="$work" PATH="$work/bin:$PATH" AZURE_KEY_VAULT_NAME=kv-test AZURE_RESOURCE_GROUP=rg-test \
    AZURE_FUNCTION_NAME=func-test AZURE_ENV_NAME=test AZURE_TENANT_ID=tenant-1 "$@" sh "$work/hook.sh" >"$work/out" 2>&1
}
recorded() { # the last TELEHEALTH_VAULT_SECRETS the hooks set
  [ "$(grep '^TELEHEALTH_VAULT_SECRETS=' "$work/azd-env" | tail -n 1)" = "TELEHEALTH_VAULT_SECRETS=$1" ]
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
check "it recorded the secrets the vault has for the next provision" recorded "join-link-key,webhook-secret-current"

# A first deployment with per-secret role assignments: Bicep left disabled placeholders.
rm -f "$work/vault/"*
for name in join-link-key webhook-secret-current webhook-secret-previous graph-client-secret; do
  echo placeholder >"$work/vault/$name"
  : >"$work/vault/$name.disabled"
done
: >"$work/calls"
check "run over disabled placeholders succeeds" run_hook
check "it replaced both placeholders with generated, enabled secrets" well_formed
check "it left webhook-secret-previous disabled (the rotation writes it)" test -f "$work/vault/webhook-secret-previous.disabled"
check "it says a disabled graph-client-secret is still missing" grep -q "graph-client-secret is not in kv-test" "$work/out"
check "it restarted the app" grep -q "functionapp restart" "$work/calls"
check "it recorded all four secrets as existing" recorded "join-link-key,webhook-secret-current,webhook-secret-previous,graph-client-secret"

# Secret-less Graph credential.
: >"$work/calls"
check "managed-identity run succeeds" run_hook TELEHEALTH_GRAPH_CREDENTIAL=managedIdentity \
  GRAPH_CLIENT_ID=app-1 AZURE_MANAGED_IDENTITY_PRINCIPAL_ID=principal-1
check "it added a federated identity credential for the identity" python3 - "$work/fic" <<'PY'
import json, sys
fic = json.load(open(sys.argv[1]))
assert fic["issuer"] == "https://login.microsoftonline.com/tenant-1/v2.0", fic
assert fic["subject"] == "principal-1", fic
assert fic["audiences"] == ["api://AzureADTokenExchange"], fic
PY
check "it does not ask for graph-client-secret" sh -c "! grep -q 'graph-client-secret is not in' '$work/out'"
: >"$work/calls"
check "second managed-identity run succeeds" run_hook TELEHEALTH_GRAPH_CREDENTIAL=managedIdentity \
  GRAPH_CLIENT_ID=app-1 AZURE_MANAGED_IDENTITY_PRINCIPAL_ID=principal-1
check "it kept the existing federated identity credential" sh -c "! grep -q 'federated-credential create' '$work/calls'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
