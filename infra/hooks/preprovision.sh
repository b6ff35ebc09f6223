#!/bin/sh
# azd preprovision hook (and the last step of postprovision): records which of the vault
# secrets the app's role assignments are scoped to already exist, as the azd env value
# TELEHEALTH_VAULT_SECRETS (comma-separated), which main.bicep reads as existingVaultSecrets.
#
# Why: a role assignment scoped to one secret needs that secret to exist, so Bicep creates
# the missing ones as disabled placeholders (infra/app/vault-secrets.bicep). An ARM
# deployment of a secret always adds a new version, so Bicep must never declare one that
# exists: its real value would sit under a placeholder. Hence this list, read through Azure
# Resource Manager (Reader on the vault is enough, and it works when the vault takes
# private traffic only). Any answer other than "exists" or "not found" stops the
# provision: guessing "absent" could bury a secret.
#
# Needs the Azure CLI, signed in to the same tenant (az login).
set -eu

# Every secret infra/main.bicep scopes a role assignment to (docs/admin-guide.md §11.1).
managed="join-link-key webhook-secret-current webhook-secret-previous graph-client-secret"

fail() { echo "preprovision: $*" >&2; exit 1; }

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is required: https://aka.ms/azure-cli"
az account show >/dev/null 2>&1 || fail "sign in first: az login --tenant ${AZURE_TENANT_ID:-<tenant>}"

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

vault="${AZURE_KEY_VAULT_NAME:-}"
if [ -z "$vault" ]; then
  # A fresh azd environment (another machine, a pipeline) may point at a deployment that
  # exists: look for its vault in the resource group rather than assume a first deployment.
  rg="${AZURE_RESOURCE_GROUP:-rg-${AZURE_ENV_NAME:?run through azd: AZURE_ENV_NAME is not set}}"
  exists=$(az group exists --name "$rg") || fail "could not tell whether resource group $rg exists."
  if [ "$exists" = true ]; then
    vaults=$(az keyvault list --resource-group "$rg" --query "[].name" -o tsv) ||
      fail "could not list the Key Vaults in $rg."
    case $(printf '%s\n' "$vaults" | grep -c .) in
      0) ;;
      1) vault=$vaults ;;
      *) fail "$rg holds several Key Vaults: azd env set AZURE_KEY_VAULT_NAME <the one the app uses>" ;;
    esac
  fi
fi

present=""
if [ -n "$vault" ]; then
  if vault_id=$(az keyvault show --name "$vault" --query id -o tsv 2>"$workdir/err"); then
    for name in $managed; do
      if az rest --method get --url "https://management.azure.com$vault_id/secrets/$name?api-version=2023-07-01" \
        --query name -o tsv >/dev/null 2>"$workdir/err"; then
        present="${present:+$present,}$name"
      elif ! grep -qi 'notfound\|not found' "$workdir/err"; then
        fail "could not tell whether $name exists in $vault: $(head -c 300 "$workdir/err")"
      fi
    done
  elif ! grep -qi 'notfound\|not found' "$workdir/err"; then
    fail "could not read Key Vault $vault: $(head -c 300 "$workdir/err")"
  fi
fi

azd env set TELEHEALTH_VAULT_SECRETS "$present" >/dev/null
echo "preprovision: vault secrets already present: ${present:-none}."
