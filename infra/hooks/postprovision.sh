#!/bin/sh
# azd postprovision hook: seeds the secrets Teams Telehealth generates for itself, once.
#
#   webhook-secret-current  whsec_<32 random bytes, base64>: the PMS signs webhooks with it
#   join-link-key           32 random bytes, base64: signs patient join-link tokens
#
# A secret that already exists is left alone, so re-running `azd up` never undoes a
# rotation or invalidates join links already sent. A disabled one (the placeholder
# infra/app/vault-secrets.bicep creates so the app's per-secret role assignment has a
# scope) counts as missing and gets a new, enabled version. graph-client-secret is not
# generated: it comes from the app registration (infra/teams/New-TelehealthAppRegistration.ps1
# writes it straight to the vault); this hook only says if it is still missing.
#
# With TELEHEALTH_GRAPH_CREDENTIAL=managedIdentity there is no client secret: the hook adds
# a federated identity credential to the app registration (GRAPH_CLIENT_ID) that trusts
# the app's user-assigned identity (docs/admin-guide.md §14.3), if it is not there yet.
# Adding it needs the right to change that registration (an owner of it, or Application
# Administrator); without it the hook prints the command for someone who has.
#
# Last, it records which vault secrets exist (preprovision.sh) for the next provision.
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

here=$(cd "$(dirname "$0")" && pwd)
graph_credential="${TELEHEALTH_GRAPH_CREDENTIAL:-clientSecret}"

# present | absent | disabled (a placeholder, or retired) | unreachable (the vault takes
# private traffic only) | denied (the role assignment can take a few minutes to apply)
secret_state() {
  if out=$(az keyvault secret show --vault-name "$vault" --name "$1" --query id -o tsv 2>&1); then
    echo present
  else
    case "$out" in
      *SecretNotFound*|*"was not found"*) echo absent ;;
      *SecretDisabled*|*"disabled secret"*) echo disabled ;;
      *ForbiddenByConnection*|*ForbiddenByFirewall*|*"Public network access is disabled"*) echo unreachable ;;
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
unseeded=""
seed() { # name, content type, generator command
  name=$1 content_type=$2
  shift 2
  wait_for_access "$name"
  state=$(secret_state "$name")
  if [ "$state" = present ]; then
    echo "postprovision: $name already in $vault, kept."
    return
  fi
  if [ "$state" = unreachable ]; then
    # Private networking: only Resource Manager answers from here. An enabled current
    # version is a real value; anything else would need seeding from inside the network.
    if [ "$(az rest --method get --url "https://management.azure.com$vault_id/secrets/$name?api-version=2023-07-01" \
      --query properties.attributes.enabled -o tsv 2>/dev/null)" = true ]; then
      echo "postprovision: $name already in $vault (checked through Resource Manager: the vault takes private traffic only), kept."
    else
      unseeded="$unseeded $name"
    fi
    return
  fi
  "$@" >"$workdir/value"
  az keyvault secret set --vault-name "$vault" --name "$name" --file "$workdir/value" --encoding utf-8 \
    --content-type "$content_type" --tags generated-by=azd-postprovision --output none
  rm -f "$workdir/value"
  echo "postprovision: $name generated and stored in $vault."
  seeded=1
}

vault_id=$(az keyvault show --name "$vault" --query id -o tsv 2>/dev/null || true)

webhook_secret() { printf 'whsec_%s' "$(openssl rand -base64 32)"; }
join_link_key() { printf '%s' "$(openssl rand -base64 32)"; }

seed webhook-secret-current "Standard Webhooks signing secret (whsec_)" webhook_secret
seed join-link-key "base64 HMAC key for join-link tokens" join_link_key

if [ -n "$unseeded" ]; then
  cat >&2 <<MSG
postprovision: Key Vault $vault accepts private traffic only (usePrivateNetworking), so
  this machine cannot store:$unseeded
  Either run \`azd provision\` once with TELEHEALTH_PRIVATE_NETWORKING=false (the hook seeds
  them), then set it to true and provision again; or run this hook from a machine inside
  the virtual network. Until then the app fails its settings check (docs/admin-guide.md §14.2).
MSG
  exit 1
fi

graph_state=skip
[ "$graph_credential" = clientSecret ] && graph_state=$(secret_state graph-client-secret)
if [ "$graph_state" = absent ] || [ "$graph_state" = disabled ]; then
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

if [ "$graph_credential" = managedIdentity ]; then
  : "${AZURE_MANAGED_IDENTITY_PRINCIPAL_ID:?AZURE_MANAGED_IDENTITY_PRINCIPAL_ID is not set: azd provision first}"
  : "${AZURE_TENANT_ID:?AZURE_TENANT_ID is not set}"
  issuer="https://login.microsoftonline.com/$AZURE_TENANT_ID/v2.0"
  subject=$AZURE_MANAGED_IDENTITY_PRINCIPAL_ID
  fic_name="teams-telehealth-${AZURE_ENV_NAME:-azd}"
  cat >"$workdir/fic.json" <<JSON
{
  "name": "$fic_name",
  "issuer": "$issuer",
  "subject": "$subject",
  "audiences": ["api://AzureADTokenExchange"],
  "description": "Teams Telehealth Function App ($AZURE_FUNCTION_NAME): its user-assigned managed identity signs in as this app."
}
JSON
  if [ -z "${GRAPH_CLIENT_ID:-}" ]; then
    echo "postprovision: GRAPH_CLIENT_ID is not set: no federated identity credential added. azd env set GRAPH_CLIENT_ID <application-id> && azd provision" >&2
  elif ! trusted=$(az ad app federated-credential list --id "$GRAPH_CLIENT_ID" \
    --query "[?issuer=='$issuer' && subject=='$subject'] | length(@)" -o tsv 2>"$workdir/err"); then
    cat >&2 <<MSG
postprovision: could not read the federated credentials of app $GRAPH_CLIENT_ID
  ($(head -c 200 "$workdir/err")). Someone who may change the registration (an owner, or
  Application Administrator) adds it with:
    az ad app federated-credential create --id $GRAPH_CLIENT_ID --parameters '$(tr -d '\n' <"$workdir/fic.json")'
MSG
  elif [ "$trusted" != 0 ]; then
    echo "postprovision: app $GRAPH_CLIENT_ID already trusts the app identity (federated identity credential), kept."
  else
    same_name=$(az ad app federated-credential list --id "$GRAPH_CLIENT_ID" --query "[?name=='$fic_name'] | length(@)" -o tsv)
    if [ "$same_name" != 0 ]; then
      # The identity was re-created (azd down, azd up): point the credential at the new one.
      verb="federated-credential update --federated-credential-id $fic_name"
    else
      verb="federated-credential create"
    fi
    # shellcheck disable=SC2086
    if az ad app $verb --id "$GRAPH_CLIENT_ID" --parameters "$workdir/fic.json" --output none 2>"$workdir/err"; then
      echo "postprovision: app $GRAPH_CLIENT_ID now trusts the app identity $subject (federated identity credential $fic_name)."
    else
      cat >&2 <<MSG
postprovision: could not add the federated identity credential to app $GRAPH_CLIENT_ID
  ($(head -c 200 "$workdir/err")). Until it is there no Teams meeting can be created.
  Someone who may change the registration (an owner, or Application Administrator) runs:
    az ad app $verb --id $GRAPH_CLIENT_ID --parameters '$(tr -d '\n' <"$workdir/fic.json")'
MSG
    fi
  fi
fi

# For the next provision: which secrets exist now (Bicep must not re-declare them). Also
# done by the preprovision hook; recorded here too for azd versions that read the
# environment before running that hook.
sh "$here/preprovision.sh"

echo "postprovision: PMS webhook URL: ${WEBHOOK_URL:-https://$AZURE_FUNCTION_NAME.azurewebsites.net/api/webhooks/appointments}"
echo "postprovision: read the signing secret for the PMS with:"
echo "  az keyvault secret show --vault-name $vault --name webhook-secret-current --query value -o tsv"
