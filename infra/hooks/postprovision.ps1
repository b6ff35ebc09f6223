<#
.SYNOPSIS
    azd postprovision hook (Windows): seeds the secrets Teams Telehealth generates for itself, once.

.DESCRIPTION
    The same steps as postprovision.sh:
      webhook-secret-current  whsec_<32 random bytes, base64>: the PMS signs webhooks with it
      join-link-key           32 random bytes, base64: signs patient join-link tokens
    A secret that already exists is left alone, so re-running `azd up` never undoes a rotation
    or invalidates join links already sent; a disabled one (the placeholder Bicep creates so the
    app's per-secret role assignment has a scope) counts as missing. graph-client-secret is not
    generated: it comes from the app registration (infra/teams/New-TelehealthAppRegistration.ps1).
    With TELEHEALTH_GRAPH_CREDENTIAL=managedIdentity it adds the federated identity credential
    that lets the app's identity sign in as the app registration (docs/admin-guide.md §14.3).
    Last, it records which vault secrets exist (preprovision.ps1). Needs the Azure CLI, signed
    in (az login). Secret values are written from a private temporary file, never printed.
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

$graphCredential = if ($env:TELEHEALTH_GRAPH_CREDENTIAL) { $env:TELEHEALTH_GRAPH_CREDENTIAL } else { 'clientSecret' }
$vaultId = "$(az keyvault show --name $vault --query id -o tsv 2>$null)".Trim()

# present | absent | disabled (a placeholder, or retired) | unreachable (private traffic only) | denied
function Get-SecretState([string] $Name) {
    $out = az keyvault secret show --vault-name $vault --name $Name --query id -o tsv 2>&1
    if ($LASTEXITCODE -eq 0) { return 'present' }
    if ("$out" -match 'SecretNotFound|was not found') { return 'absent' }
    if ("$out" -match 'SecretDisabled|disabled secret') { return 'disabled' }
    if ("$out" -match 'ForbiddenByConnection|ForbiddenByFirewall|Public network access is disabled') { return 'unreachable' }
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
$script:unseeded = [System.Collections.Generic.List[string]]::new()
function Set-SecretOnce([string] $Name, [string] $ContentType, [scriptblock] $Generate) {
    Wait-ForAccess $Name
    $state = Get-SecretState $Name
    if ($state -eq 'present') {
        Write-Host "postprovision: $Name already in $vault, kept."
        return
    }
    if ($state -eq 'unreachable') {
        # Private networking: only Resource Manager answers from here.
        $enabled = az rest --method get --url "https://management.azure.com$vaultId/secrets/$($Name)?api-version=2023-07-01" `
            --query properties.attributes.enabled -o tsv 2>$null
        if ("$enabled".Trim() -eq 'true') {
            Write-Host "postprovision: $Name already in $vault (checked through Resource Manager: the vault takes private traffic only), kept."
        } else {
            $script:unseeded.Add($Name)
        }
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

if ($script:unseeded.Count -gt 0) {
    throw @"
Key Vault $vault accepts private traffic only (usePrivateNetworking), so this machine cannot store: $($script:unseeded -join ', ').
Either run azd provision once with TELEHEALTH_PRIVATE_NETWORKING=false (the hook seeds them), then set it to true and provision
again; or run this hook from a machine inside the virtual network (docs/admin-guide.md §14.2).
"@
}

if ($graphCredential -eq 'clientSecret' -and (Get-SecretState 'graph-client-secret') -in 'absent', 'disabled') {
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

if ($graphCredential -eq 'managedIdentity') {
    if (-not $env:AZURE_MANAGED_IDENTITY_PRINCIPAL_ID) { throw 'AZURE_MANAGED_IDENTITY_PRINCIPAL_ID is not set: azd provision first.' }
    $issuer = "https://login.microsoftonline.com/$env:AZURE_TENANT_ID/v2.0"
    $subject = $env:AZURE_MANAGED_IDENTITY_PRINCIPAL_ID
    $ficName = "teams-telehealth-$(if ($env:AZURE_ENV_NAME) { $env:AZURE_ENV_NAME } else { 'azd' })"
    $fic = [ordered]@{
        name        = $ficName
        issuer      = $issuer
        subject     = $subject
        audiences   = @('api://AzureADTokenExchange')
        description = "Teams Telehealth Function App ($env:AZURE_FUNCTION_NAME): its user-assigned managed identity signs in as this app."
    } | ConvertTo-Json -Compress
    $appId = $env:GRAPH_CLIENT_ID
    if (-not $appId) {
        Write-Warning 'GRAPH_CLIENT_ID is not set: no federated identity credential added. azd env set GRAPH_CLIENT_ID <application-id>; azd provision'
    } else {
        $trusted = az ad app federated-credential list --id $appId --query "[?issuer=='$issuer' && subject=='$subject'] | length(@)" -o tsv 2>&1
        if ($LASTEXITCODE -ne 0) {
            Write-Warning "Could not read the federated credentials of app $appId ($trusted). Someone who may change the registration (an owner, or Application Administrator) runs: az ad app federated-credential create --id $appId --parameters '$fic'"
        } elseif ("$trusted".Trim() -ne '0') {
            Write-Host "postprovision: app $appId already trusts the app identity (federated identity credential), kept."
        } else {
            $sameName = az ad app federated-credential list --id $appId --query "[?name=='$ficName'] | length(@)" -o tsv
            $verb = if ("$sameName".Trim() -ne '0') { @('federated-credential', 'update', '--federated-credential-id', $ficName) } else { @('federated-credential', 'create') }
            $file = New-TemporaryFile
            try {
                [System.IO.File]::WriteAllText($file.FullName, $fic)
                $err = az ad app @verb --id $appId --parameters $file.FullName --output none 2>&1
                if ($LASTEXITCODE -eq 0) {
                    Write-Host "postprovision: app $appId now trusts the app identity $subject (federated identity credential $ficName)."
                } else {
                    Write-Warning "Could not add the federated identity credential to app $appId ($err). Until it is there no Teams meeting can be created. Someone who may change the registration (an owner, or Application Administrator) runs: az ad app $($verb -join ' ') --id $appId --parameters '$fic'"
                }
            } finally {
                Remove-Item $file.FullName -Force
            }
        }
    }
}

# For the next provision: which secrets exist now (Bicep must not re-declare them).
& (Join-Path $PSScriptRoot 'preprovision.ps1')

$webhookUrl = if ($env:WEBHOOK_URL) { $env:WEBHOOK_URL } else { "https://$env:AZURE_FUNCTION_NAME.azurewebsites.net/api/webhooks/appointments" }
Write-Host "postprovision: PMS webhook URL: $webhookUrl"
Write-Host 'postprovision: read the signing secret for the PMS with:'
Write-Host "  az keyvault secret show --vault-name $vault --name webhook-secret-current --query value -o tsv"
