<#
.SYNOPSIS
    Creates (or completes) the Entra app registration Teams Telehealth calls Microsoft Graph with.

.DESCRIPTION
    Makes sure that, in the signed-in tenant:

      1. an app registration named -DisplayName exists (single tenant), requesting exactly the
         Microsoft Graph APPLICATION permissions the app's code calls for:
           OnlineMeetings.ReadWrite.All   POST /users/{id}/onlineMeetings/createOrGet, PATCH and
                                          DELETE /users/{id}/onlineMeetings/{id}: make, move and
                                          delete the Teams meetings
           OnlineMeetingArtifact.Read.All GET /users/{id}/onlineMeetings/{id}/attendanceReports and
                                          .../attendanceReports/{id}/attendanceRecords: who joined
                                          each meeting (attendance); covered by the same Teams
                                          application access policy as the meetings
           User.Read.All                  GET /users/{id or upn}?$select=id,userPrincipalName: a provider's object id and UPN
                                          from their UPN
           Application.ReadWrite.OwnedBy  GET /applications(appId=...), POST /applications/{id}/
                                          addPassword and removePassword: one-step rotation of
                                          its own client secret (left out with
                                          -SkipRotationPermission)
         Other permissions already on the registration are kept; missing ones are added.
         VirtualAppointment.ReadWrite.All, which earlier versions of this script requested, is
         removed: nothing in the app calls the virtual appointment APIs (no browser join). Its
         admin consent, if given, is revoked with -GrantAdminConsent, otherwise the script says
         how to revoke it.
         It also carries the app roles Telehealth.Admin and Telehealth.Reader (users, groups or
         service principals assigned one may call the admin routes; docs/admin-guide.md §14.4) and
         the identifier URI api://<client id> that admins ask access tokens for;
      2. its service principal (enterprise application) exists;
      3. that service principal is an OWNER of the app registration. Application.ReadWrite.OwnedBy
         only lets an app change applications it owns: this is what lets the running app add a new
         client secret to itself and remove the old one, and nothing else;
      4. with -KeyVaultName: a new client secret is created and written straight to the vault as
         graph-client-secret (expiry and key id as attributes/tags) - it is never printed;
      5. with -GrantAdminConsent: admin consent is granted for those permissions (needs a Global
         Administrator or Privileged Role Administrator). Otherwise the consent URL is printed.

    Re-running it changes only what is missing. It writes one object (ids, what was done), and
    prints the next steps.

.PARAMETER DisplayName
    Name of the app registration (shown in consent prompts and sign-in logs).

.PARAMETER KeyVaultName
    Vault the deployment created (azd env get-value AZURE_KEY_VAULT_NAME). When given, a client
    secret is created and stored there as graph-client-secret.

.PARAMETER SecretLifetimeMonths
    Lifetime of a new client secret. Teams Telehealth emails reminders before it expires and can
    rotate it in one step, so a shorter life than the seed's 24 months costs little.

.PARAMETER SkipRotationPermission
    Do not request Application.ReadWrite.OwnedBy nor make the app its own owner (least privilege;
    rotate the secret by hand). The sign-in then needs no Directory.Read.All.

.PARAMETER GrantAdminConsent
    Grant tenant-wide admin consent for the permissions now, instead of printing the consent URL.

.EXAMPLE
    ./New-TelehealthAppRegistration.ps1 -KeyVaultName (azd env get-value AZURE_KEY_VAULT_NAME) -WhatIf

.EXAMPLE
    ./New-TelehealthAppRegistration.ps1 -KeyVaultName kv-abc123 -GrantAdminConsent

.NOTES
    Needs the Microsoft.Graph.Authentication and Microsoft.Graph.Applications modules; signs in with
    Application.ReadWrite.All, plus Directory.Read.All for the owner step (adding an owner,
    POST /applications/{id}/owners/$ref, needs both; not asked for with -SkipRotationPermission),
    plus AppRoleAssignment.ReadWrite.All with -GrantAdminConsent. Writing
    the secret needs the Azure CLI (az login) or the Az.KeyVault module (Connect-AzAccount), and Key
    Vault Secrets Officer on the vault (azd gives it to whoever ran azd up).
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [ValidateNotNullOrEmpty()]
    [string] $DisplayName = 'Teams Telehealth',

    [ValidatePattern('^[a-zA-Z0-9-]{3,24}$')]
    [string] $KeyVaultName,

    [ValidateRange(1, 24)]
    [int] $SecretLifetimeMonths = 12,

    [switch] $SkipRotationPermission,

    [switch] $GrantAdminConsent
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$graphAppId = '00000003-0000-0000-c000-000000000000'
# Exactly what the code calls (docs/admin-guide.md section 4 lists each call).
$permissionNames = @('OnlineMeetings.ReadWrite.All', 'OnlineMeetingArtifact.Read.All', 'User.Read.All')
if (-not $SkipRotationPermission) { $permissionNames += 'Application.ReadWrite.OwnedBy' }
# Requested by earlier versions of this script, used by no code: taken off the registration.
$retiredNames = @('VirtualAppointment.ReadWrite.All')

Import-Module -Name 'Microsoft.Graph.Authentication', 'Microsoft.Graph.Applications' -ErrorAction Stop
$scopes = @('Application.ReadWrite.All')
# Adding an owner needs Directory.Read.All next to Application.ReadWrite.All (application-post-owners).
if (-not $SkipRotationPermission) { $scopes += 'Directory.Read.All' }
if ($GrantAdminConsent) { $scopes += 'AppRoleAssignment.ReadWrite.All' }
$context = Get-MgContext
if (-not $context -or ($scopes | Where-Object { $context.Scopes -notcontains $_ })) {
    Connect-MgGraph -Scopes $scopes -NoWelcome
    $context = Get-MgContext
}
$tenantId = $context.TenantId
$done = [System.Collections.Generic.List[string]]::new()

# App role ids are looked up on Microsoft Graph's own service principal, not hard-coded.
$graphSp = Get-MgServicePrincipal -Filter "appId eq '$graphAppId'"
$roles = foreach ($name in $permissionNames) {
    $role = $graphSp.AppRoles | Where-Object { $_.Value -eq $name -and $_.AllowedMemberTypes -contains 'Application' }
    if (-not $role) { throw "Microsoft Graph has no application permission named $name in this tenant." }
    $role
}
$retiredRoles = @(foreach ($name in $retiredNames) {
        $graphSp.AppRoles | Where-Object { $_.Value -eq $name -and $_.AllowedMemberTypes -contains 'Application' }
    })
$retiredIds = @($retiredRoles | ForEach-Object { "$($_.Id)" })

# 1. The app registration, with every required permission.
$app = Get-MgApplication -Filter "displayName eq '$($DisplayName -replace "'", "''")'" | Select-Object -First 1
$wanted = @($roles | ForEach-Object { @{ Id = $_.Id; Type = 'Role' } })
if (-not $app) {
    if ($PSCmdlet.ShouldProcess($DisplayName, 'Create app registration with Graph application permissions')) {
        $app = New-MgApplication -DisplayName $DisplayName -SignInAudience AzureADMyOrg `
            -RequiredResourceAccess @(@{ ResourceAppId = $graphAppId; ResourceAccess = $wanted })
        $done.Add('CreatedApp')
    }
} else {
    $graphAccess = $app.RequiredResourceAccess | Where-Object { $_.ResourceAppId -eq $graphAppId }
    $have = @(if ($graphAccess) { $graphAccess.ResourceAccess | ForEach-Object { "$($_.Id)" } })
    $missing = @($wanted | Where-Object { $have -notcontains "$($_.Id)" })
    $retiredHeld = @($have | Where-Object { $retiredIds -contains $_ })
    $change = @(if ($missing.Count -gt 0) { "add $($missing.Count)" }) + @(if ($retiredHeld.Count -gt 0) { "remove $($retiredHeld.Count) unused" })
    if ($change.Count -gt 0 -and $PSCmdlet.ShouldProcess($DisplayName, "Graph permissions: $($change -join ', ')")) {
        $others = @($app.RequiredResourceAccess | Where-Object { $_.ResourceAppId -ne $graphAppId } |
                ForEach-Object { @{ ResourceAppId = $_.ResourceAppId; ResourceAccess = @($_.ResourceAccess | ForEach-Object { @{ Id = $_.Id; Type = $_.Type } }) } })
        $kept = @(if ($graphAccess) {
                $graphAccess.ResourceAccess | Where-Object { $retiredIds -notcontains "$($_.Id)" } |
                    ForEach-Object { @{ Id = $_.Id; Type = $_.Type } }
            })
        Update-MgApplication -ApplicationId $app.Id -RequiredResourceAccess (@($others) + @{ ResourceAppId = $graphAppId; ResourceAccess = $kept + $missing })
        if ($missing.Count -gt 0) { $done.Add('AddedPermissions') }
        if ($retiredHeld.Count -gt 0) { $done.Add('RemovedUnusedPermissions') }
    }
}
if (-not $app) {
    Write-Host "What if: would then create the service principal, make it an owner$(if ($KeyVaultName) { ', store a client secret in ' + $KeyVaultName })$(if ($GrantAdminConsent) { ', grant admin consent' })."
    return
}

# 1b. Who may administer it: app roles checked on every manage/... route (ADMIN_AUTH=entra), and the
# identifier URI admins ask tokens for (az account get-access-token --resource api://<client id>).
# The role ids are fixed, so re-running the script (or another tenant's) keeps assignments valid.
$adminRoles = @(
    @{ Id = '3f7c2a51-6c1e-4d7b-9a0e-7f1d2b8c4e01'; Value = 'Telehealth.Admin'; DisplayName = 'Telehealth admin'
        Description = 'Every Teams Telehealth admin route: templates, feed links, secret rotation, the audit log.' },
    @{ Id = '3f7c2a51-6c1e-4d7b-9a0e-7f1d2b8c4e02'; Value = 'Telehealth.Reader'; DisplayName = 'Telehealth reader'
        Description = 'Read-only Teams Telehealth admin routes: appointment status, templates, feed-link lists.' }
)
$haveRoles = @($app.AppRoles | ForEach-Object { $_.Value })
$missingRoles = @($adminRoles | Where-Object { $haveRoles -notcontains $_.Value })
$identifierUri = "api://$($app.AppId)"
$needsUri = @($app.IdentifierUris) -notcontains $identifierUri
if (($missingRoles.Count -gt 0 -or $needsUri) -and
    $PSCmdlet.ShouldProcess($DisplayName, "Add app roles ($(($missingRoles | ForEach-Object { $_.Value }) -join ', ')) and identifier URI $identifierUri")) {
    $keptRoles = @($app.AppRoles | ForEach-Object {
            @{ Id = $_.Id; Value = $_.Value; DisplayName = $_.DisplayName; Description = $_.Description
                IsEnabled = $_.IsEnabled; AllowedMemberTypes = @($_.AllowedMemberTypes) } })
    $newRoles = @($missingRoles | ForEach-Object {
            @{ Id = $_.Id; Value = $_.Value; DisplayName = $_.DisplayName; Description = $_.Description
                IsEnabled = $true; AllowedMemberTypes = @('User', 'Application') } })
    $uris = @(@($app.IdentifierUris) + @(if ($needsUri) { $identifierUri }) | Where-Object { $_ })
    Update-MgApplication -ApplicationId $app.Id -AppRoles ($keptRoles + $newRoles) -IdentifierUris $uris
    $done.Add('AddedAdminRoles')
}

# 2. Its service principal.
$sp = Get-MgServicePrincipal -Filter "appId eq '$($app.AppId)'" | Select-Object -First 1
if (-not $sp -and $PSCmdlet.ShouldProcess($DisplayName, 'Create service principal')) {
    $sp = New-MgServicePrincipal -AppId $app.AppId
    $done.Add('CreatedServicePrincipal')
}

# 3. The service principal owns the registration (what Application.ReadWrite.OwnedBy acts on).
if ($sp -and -not $SkipRotationPermission) {
    $owners = @(Get-MgApplicationOwner -ApplicationId $app.Id -All | ForEach-Object { $_.Id })
    if ($owners -notcontains $sp.Id -and $PSCmdlet.ShouldProcess($DisplayName, 'Add its own service principal as an owner')) {
        New-MgApplicationOwnerByRef -ApplicationId $app.Id `
            -BodyParameter @{ '@odata.id' = "https://graph.microsoft.com/v1.0/directoryObjects/$($sp.Id)" }
        $done.Add('AddedSelfAsOwner')
    }
}

# 4. A client secret, straight into Key Vault.
function Save-GraphSecret([string] $Vault, [string] $Value, [datetime] $Expires, [hashtable] $Tags) {
    $expiresText = $Expires.ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
    if (Get-Command az -ErrorAction SilentlyContinue) {
        $file = New-TemporaryFile
        try {
            [System.IO.File]::WriteAllText($file.FullName, $Value)
            $tagArgs = @($Tags.GetEnumerator() | ForEach-Object { "$($_.Key)=$($_.Value)" })
            az keyvault secret set --vault-name $Vault --name graph-client-secret --file $file.FullName --encoding utf-8 `
                --expires $expiresText --content-type 'Entra client secret' --tags @tagArgs --output none
            if ($LASTEXITCODE -ne 0) { throw "az keyvault secret set failed for $Vault." }
        } finally {
            Remove-Item $file.FullName -Force
        }
    } elseif (Get-Command Set-AzKeyVaultSecret -ErrorAction SilentlyContinue) {
        $secure = ConvertTo-SecureString -String $Value -AsPlainText -Force
        Set-AzKeyVaultSecret -VaultName $Vault -Name graph-client-secret -SecretValue $secure -Expires $Expires `
            -ContentType 'Entra client secret' -Tag $Tags | Out-Null
    } else {
        throw 'Writing to Key Vault needs the Azure CLI (az) or the Az.KeyVault module.'
    }
}

$secretExpires = $null
if ($KeyVaultName -and $PSCmdlet.ShouldProcess($DisplayName, "Create a client secret valid $SecretLifetimeMonths month(s) and store it in $KeyVaultName")) {
    $credential = Add-MgApplicationPassword -ApplicationId $app.Id -PasswordCredential @{
        DisplayName = "teams-telehealth $(Get-Date -Format yyyy-MM-dd)"
        EndDateTime = (Get-Date).ToUniversalTime().AddMonths($SecretLifetimeMonths)
    }
    try {
        Save-GraphSecret -Vault $KeyVaultName -Value $credential.SecretText -Expires $credential.EndDateTime -Tags @{
            # keyId names the Entra password this value belongs to: the app's rotation and
            # reminders match the vault secret to the registration's password with it.
            'keyId'      = "$($credential.KeyId)"
            'graphAppId' = $app.AppId
        }
    } catch {
        # A secret nobody can read is only a liability: take it back off the registration.
        Remove-MgApplicationPassword -ApplicationId $app.Id -KeyId $credential.KeyId
        throw
    } finally {
        $credential.SecretText = $null
    }
    $secretExpires = $credential.EndDateTime
    $done.Add('StoredClientSecret')
}

# 5. Admin consent (and none left for permissions the app no longer requests).
$unusedConsents = @()
if ($sp) {
    $assignments = @(Get-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -All |
            Where-Object { $_.ResourceId -eq $graphSp.Id })
    $unusedConsents = @($assignments | Where-Object { $retiredIds -contains "$($_.AppRoleId)" })
}
if ($GrantAdminConsent -and $sp) {
    foreach ($assignment in $unusedConsents) {
        $name = ($retiredRoles | Where-Object { "$($_.Id)" -eq "$($assignment.AppRoleId)" }).Value
        if ($PSCmdlet.ShouldProcess($DisplayName, "Revoke admin consent for $name (not used by the app)")) {
            Remove-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -AppRoleAssignmentId $assignment.Id
            $done.Add("Revoked:$name")
        }
    }
    $unusedConsents = @()
    $granted = @($assignments | ForEach-Object { "$($_.AppRoleId)" })
    foreach ($role in $roles) {
        if ($granted -contains "$($role.Id)") { continue }
        if ($PSCmdlet.ShouldProcess($DisplayName, "Grant admin consent for $($role.Value)")) {
            New-MgServicePrincipalAppRoleAssignment -ServicePrincipalId $sp.Id -PrincipalId $sp.Id `
                -ResourceId $graphSp.Id -AppRoleId $role.Id | Out-Null
            $done.Add("Consented:$($role.Value)")
        }
    }
}

[pscustomobject]@{
    DisplayName          = $DisplayName
    ApplicationId        = $app.AppId
    ObjectId             = $app.Id
    ServicePrincipalId   = if ($sp) { $sp.Id } else { $null }
    TenantId             = $tenantId
    Permissions          = $permissionNames
    SecretStoredIn       = if ($secretExpires) { "$KeyVaultName/graph-client-secret" } else { $null }
    SecretExpires        = $secretExpires
    Actions              = if ($done.Count) { $done.ToArray() } else { @('Unchanged') }
}

Write-Host ''
Write-Host 'Next steps:'
$step = 1
if ($unusedConsents.Count -gt 0) {
    $names = @($unusedConsents | ForEach-Object { $id = "$($_.AppRoleId)"; ($retiredRoles | Where-Object { "$($_.Id)" -eq $id }).Value })
    Write-Host "  $step. Admin consent is still granted for $($names -join ', '), which the app does not use: re-run with"
    Write-Host "     -GrantAdminConsent to revoke it, or Entra admin center > Enterprise applications > $DisplayName > Permissions."
    $step++
}
if (-not $GrantAdminConsent) {
    Write-Host "  $step. An administrator grants consent (Global Administrator or Privileged Role Administrator):"
    Write-Host "       https://login.microsoftonline.com/$tenantId/adminconsent?client_id=$($app.AppId)"
    Write-Host "     or Entra admin center > App registrations > $DisplayName > API permissions > Grant admin consent."
    $step++
}
if (-not $KeyVaultName) {
    Write-Host "  $step. Store a client secret in the vault: re-run with -KeyVaultName (azd env get-value AZURE_KEY_VAULT_NAME)."
    $step++
}
Write-Host "  $step. Tell the deployment the app id:  azd env set GRAPH_CLIENT_ID $($app.AppId); azd provision"
$step++
Write-Host "  $step. Provider-organised meetings: ./Set-TelehealthAccessPolicy.ps1 -AppId $($app.AppId)"
Write-Host "     then ./Grant-TelehealthAccessPolicy.ps1 -GroupId <providers group id>"
$step++
Write-Host "  $step. Admins: Entra admin center > Enterprise applications > $DisplayName > Users and groups > Add"
Write-Host "     assignment, role Telehealth.Admin (or Telehealth.Reader); then a token for the admin routes:"
Write-Host "       az account get-access-token --resource api://$($app.AppId) --query accessToken -o tsv"
