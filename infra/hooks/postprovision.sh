#!/bin/sh
# azd postprovision hook: seeds the secrets Teams Telehealth generates for itself, once.
#
#   webhook-secret-current  whsec_<32 random bytes, base64>: the PMS signs webhooks with it
#   join-link-key           32 random bytes, base64: signs patient join-link tokens
#
# A secret that already exists is left alone, so re-running `azd up` never undoes a
# rotation or invalidates join links already sent. graph-client-secret is not generated:
# it comes from the app registration (infra/teams/New-TelehealthAppRegistration.ps1 writes
# it straight to the vault); this hook only says if it is still missing.
#
# Needs the Azure CLI, signed in to the same tenant (`az login`), and openssl. Secret
# values are written from a private temporary file and never printed.
set -eu

: "${AZURE_KEY_VAULT_NAME:?run through azd (azd provision / azd up): AZURE_KEY_VAULT_NAME is not set}"
: "${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set}"
: "${AZURE_FUNCTION_NAME:?AZURE_FUNCTION_NAME is not set}"
vault="$AZURE_KEY_VAULT_NAME"

command -v az >/dev/null 2>&1 || { echo "postprovision: the Azure CLI (az) is required: https://aka.ms/azure-cli" >&2; exit 1; }
command -v openssl >/dev/null 2>&1 || { echo "postprovision: openssl is required" >&2; exit 1; }
az account show >/dev/null 2>&1 || { echo "postprovision: sign in first: az login --tenant ${AZURE_TENANT_ID:-<tenant>}" >&2; exit 1; }

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT
umask 077

# present | absent | denied (the role assignment can take a few minutes to apply)
secret_state() {
  if out=$(az keyvault secret show --vault-name "$vault" --name "$1" --query id -o tsv 2>&1); then
    echo present
  else
    case "$out" in
      *SecretNotFound*|*"was not found"*) echo absent ;;
      *) echo denied ;;
    esac
  fi
}

wait_for_access() {
  tries=0
  while [ "$(secret_state "$1")" = denied ]; do
    tries=$((tries + 1))
    if [ "$tries" -gt 20 ]; then
      echo "postprovision: still no access to Key Vault $vault after 10 minutes." >&2
      echo "  You need Key Vault Secrets Officer on it (azd grants it to AZURE_PRINCIPAL_ID)." >&2
      exit 1
    fi
    echo "postprovision: waiting for the Key Vault role assignment to apply ($tries/20)..."
    sleep 30
  done
}

seeded=0
seed() { # name, content type, generator command
  name=$1 content_type=$2
  shift 2
  wait_for_access "$name"
  if [ "$(secret_state "$name")" = present ]; then
    echo "postprovision: $name already in $vault, kept."
    return
  fi
  "$@" >"$workdir/value"
  az keyvault secret set --vault-name "$vault" --name "$name" --file "$workdir/value" --encoding utf-8 \
    --content-type "$content_type" --tags generated-by=azd-postprovision --output none
  rm -f "$workdir/value"
  echo "postprovision: $name generated and stored in $vault."
  seeded=1
}

webhook_secret() { printf 'whsec_%s' "$(openssl rand -base64 32)"; }
join_link_key() { printf '%s' "$(openssl rand -base64 32)"; }

seed webhook-secret-current "Standard Webhooks signing secret (whsec_)" webhook_secret
seed join-link-key "base64 HMAC key for join-link tokens" join_link_key

if [ "$(secret_state graph-client-secret)" = absent ]; then
  cat <<MSG
postprovision: graph-client-secret is not in $vault yet. Until it is, no Teams meeting can
  be created. Create the app registration and store its secret in one step:
    pwsh ./infra/teams/New-TelehealthAppRegistration.ps1 -KeyVaultName $vault
  or store an existing client secret without it appearing in your shell history:
    az keyvault secret set --vault-name $vault --name graph-client-secret --file <file-with-the-secret>
  then: azd env set GRAPH_CLIENT_ID <application-id> && azd provision
MSG
fi

if [ "$seeded" = 1 ]; then
  # Key Vault references are resolved at start: restart so the app sees the new secrets.
  az functionapp restart --resource-group "$AZURE_RESOURCE_GROUP" --name "$AZURE_FUNCTION_NAME" --output none
  echo "postprovision: restarted $AZURE_FUNCTION_NAME so it reads the new secrets."
fi

echo "postprovision: PMS webhook URL: ${WEBHOOK_URL:-https://$AZURE_FUNCTION_NAME.azurewebsites.net/api/webhooks/appointments}"
echo "postprovision: read the signing secret for the PMS with:"
echo "  az keyvault secret show --vault-name $vault --name webhook-secret-current --query value -o tsv"
