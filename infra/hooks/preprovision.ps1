<#
.SYNOPSIS
    azd preprovision hook (Windows), and the last step of postprovision: records which vault
    secrets already exist (azd env TELEHEALTH_VAULT_SECRETS).

.DESCRIPTION
    The same steps as preprovision.sh. main.bicep scopes the app's Key Vault role assignments to
    single secrets and creates the missing ones as disabled placeholders
    (infra/app/vault-secrets.bicep). An ARM deployment of a secret always adds a new version, so
    Bicep must never declare a secret that exists. This hook tells it which do, read through
    Azure Resource Manager (works when the vault takes private traffic only). Any answer other
    than "exists" or "not found" stops the provision: guessing "absent" could bury a secret.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Every secret infra/main.bicep scopes a role assignment to (docs/admin-guide.md §11.1).
$managed = 'join-link-key', 'webhook-secret-current', 'webhook-secret-previous', 'graph-client-secret'

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    throw 'The Azure CLI (az) is required: https://aka.ms/azure-cli'
}
az account show --output none 2>$null
if ($LASTEXITCODE -ne 0) { throw "Sign in first: az login --tenant $env:AZURE_TENANT_ID" }

function Test-NotFound([string] $Text) { return $Text -match 'NotFound|not found' }

$vault = $env:AZURE_KEY_VAULT_NAME
if (-not $vault) {
    # A fresh azd environment may point at a deployment that exists: look for its vault.
    if (-not $env:AZURE_RESOURCE_GROUP -and -not $env:AZURE_ENV_NAME) { throw 'Run through azd: AZURE_ENV_NAME is not set.' }
    $rg = if ($env:AZURE_RESOURCE_GROUP) { $env:AZURE_RESOURCE_GROUP } else { "rg-$env:AZURE_ENV_NAME" }
    $exists = az group exists --name $rg
    if ($LASTEXITCODE -ne 0) { throw "Could not tell whether resource group $rg exists." }
    if ($exists -eq 'true') {
        $vaults = @(az keyvault list --resource-group $rg --query '[].name' -o tsv | Where-Object { $_ })
        if ($LASTEXITCODE -ne 0) { throw "Could not list the Key Vaults in $rg." }
        if ($vaults.Count -gt 1) { throw "$rg holds several Key Vaults: azd env set AZURE_KEY_VAULT_NAME <the one the app uses>" }
        if ($vaults.Count -eq 1) { $vault = $vaults[0] }
    }
}

$present = [System.Collections.Generic.List[string]]::new()
if ($vault) {
    $out = az keyvault show --name $vault --query id -o tsv 2>&1
    if ($LASTEXITCODE -eq 0) {
        $vaultId = "$out".Trim()
        foreach ($name in $managed) {
            $answer = az rest --method get --url "https://management.azure.com$vaultId/secrets/$($name)?api-version=2023-07-01" --query name -o tsv 2>&1
            if ($LASTEXITCODE -eq 0) {
                $present.Add($name)
            } elseif (-not (Test-NotFound "$answer")) {
                throw "Could not tell whether $name exists in $($vault): $answer"
            }
        }
    } elseif (-not (Test-NotFound "$out")) {
        throw "Could not read Key Vault $($vault): $out"
    }
}

$list = $present -join ','
azd env set TELEHEALTH_VAULT_SECRETS "$list" | Out-Null
if ($LASTEXITCODE -ne 0) { throw 'azd env set TELEHEALTH_VAULT_SECRETS failed.' }
Write-Host "preprovision: vault secrets already present: $(if ($list) { $list } else { 'none' })."
