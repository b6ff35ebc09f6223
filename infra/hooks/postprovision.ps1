<#
.SYNOPSIS
    azd postprovision hook (Windows): seeds the secrets Teams Telehealth generates for itself, once.

.DESCRIPTION
    The same steps as postprovision.sh:
      webhook-secret-current  whsec_<32 random bytes, base64>: the PMS signs webhooks with it
      join-link-key           32 random bytes, base64: signs patient join-link tokens
    A secret that already exists is left alone, so re-running `azd up` never undoes a rotation
    or invalidates join links already sent. graph-client-secret is not generated: it comes from
    the app registration (infra/teams/New-TelehealthAppRegistration.ps1). Needs the Azure CLI,
    signed in (az login). Secret values are written from a private temporary file, never printed.
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

foreach ($name in 'AZURE_KEY_VAULT_NAME', 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "Run through azd (azd provision / azd up): $name is not set."
    }
}
$vault = $env:AZURE_KEY_VAULT_NAME

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    throw 'The Azure CLI (az) is required: https://aka.ms/azure-cli'
}
az account show --output none 2>$null
if ($LASTEXITCODE -ne 0) { throw "Sign in first: az login --tenant $env:AZURE_TENANT_ID" }

function Get-SecretState([string] $Name) {
    $out = az keyvault secret show --vault-name $vault --name $Name --query id -o tsv 2>&1
    if ($LASTEXITCODE -eq 0) { return 'present' }
    if ("$out" -match 'SecretNotFound|was not found') { return 'absent' }
    return 'denied'
}

function Wait-ForAccess([string] $Name) {
    for ($try = 1; (Get-SecretState $Name) -eq 'denied'; $try++) {
        if ($try -gt 20) {
            throw "Still no access to Key Vault $vault after 10 minutes. You need Key Vault Secrets Officer on it (azd grants it to AZURE_PRINCIPAL_ID)."
        }
        Write-Host "postprovision: waiting for the Key Vault role assignment to apply ($try/20)..."
        Start-Sleep -Seconds 30
    }
}

function New-RandomBase64([int] $Bytes) {
    $buffer = [byte[]]::new($Bytes)
    [System.Security.Cryptography.RandomNumberGenerator]::Fill($buffer)
    [Convert]::ToBase64String($buffer)
}

$script:seeded = $false
function Set-SecretOnce([string] $Name, [string] $ContentType, [scriptblock] $Generate) {
    Wait-ForAccess $Name
    if ((Get-SecretState $Name) -eq 'present') {
        Write-Host "postprovision: $Name already in $vault, kept."
        return
    }
    $file = New-TemporaryFile
    try {
        [System.IO.File]::WriteAllText($file.FullName, (& $Generate))
        az keyvault secret set --vault-name $vault --name $Name --file $file.FullName --encoding utf-8 `
            --content-type $ContentType --tags generated-by=azd-postprovision --output none
        if ($LASTEXITCODE -ne 0) { throw "Could not store $Name in $vault." }
    } finally {
        Remove-Item $file.FullName -Force
    }
    Write-Host "postprovision: $Name generated and stored in $vault."
    $script:seeded = $true
}

Set-SecretOnce 'webhook-secret-current' 'Standard Webhooks signing secret (whsec_)' { 'whsec_' + (New-RandomBase64 32) }
Set-SecretOnce 'join-link-key' 'base64 HMAC key for join-link tokens' { New-RandomBase64 32 }

if ((Get-SecretState 'graph-client-secret') -eq 'absent') {
    Write-Warning @"
graph-client-secret is not in $vault yet. Until it is, no Teams meeting can be created.
Create the app registration and store its secret in one step:
    ./infra/teams/New-TelehealthAppRegistration.ps1 -KeyVaultName $vault
then: azd env set GRAPH_CLIENT_ID <application-id>; azd provision
"@
}

if ($script:seeded) {
    # Key Vault references are resolved at start: restart so the app sees the new secrets.
    az functionapp restart --resource-group $env:AZURE_RESOURCE_GROUP --name $env:AZURE_FUNCTION_NAME --output none
    Write-Host "postprovision: restarted $env:AZURE_FUNCTION_NAME so it reads the new secrets."
}

$webhookUrl = if ($env:WEBHOOK_URL) { $env:WEBHOOK_URL } else { "https://$env:AZURE_FUNCTION_NAME.azurewebsites.net/api/webhooks/appointments" }
Write-Host "postprovision: PMS webhook URL: $webhookUrl"
Write-Host 'postprovision: read the signing secret for the PMS with:'
Write-Host "  az keyvault secret show --vault-name $vault --name webhook-secret-current --query value -o tsv"
