<#
.SYNOPSIS
    Creates or updates the Teams application access policy that lets the Teams Telehealth app organise meetings.

.DESCRIPTION
    Graph only creates an online meeting for a user when an application access policy granted to
    that user lists the calling app. The same policy covers the meeting's artifacts: the attendance
    reports the app reads with OnlineMeetingArtifact.Read.All need no policy of their own. This script makes sure the policy (by default
    Teams-Telehealth) exists and lists the Teams Telehealth application (client) id:

      - no such policy: it is created with this app id;
      - the policy exists without this app id: the id is ADDED to the ids already there (other
        apps that rely on the policy keep working);
      - the policy already lists the app id: nothing changes.

    Then grant the policy to the providers with Grant-TelehealthAccessPolicy.ps1. Use
    -PolicyName to add the app to a policy your providers already hold (a user holds one
    application access policy at a time).

.PARAMETER AppId
    Application (client) id of the Teams Telehealth app registration (GRAPH_CLIENT_ID).

.PARAMETER PolicyName
    Identity of the application access policy.

.PARAMETER Description
    Description stored on the policy when it is created.

.EXAMPLE
    ./Set-TelehealthAccessPolicy.ps1 -AppId 460f60b0-81d4-4fb7-acd3-a9c24dd8d584 -WhatIf

.EXAMPLE
    ./Set-TelehealthAccessPolicy.ps1 -AppId 460f60b0-81d4-4fb7-acd3-a9c24dd8d584 -PolicyName AllowMeetingCreation

.NOTES
    Needs the MicrosoftTeams module and a Teams administrator. Prints no secret. Writes one object:
    the policy name, its app ids and what was done (Created, Updated, Unchanged).
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)]
    [ValidatePattern('^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$')]
    [string] $AppId,

    [ValidateNotNullOrEmpty()]
    [string] $PolicyName = 'Teams-Telehealth',

    [string] $Description = 'Lets the Teams Telehealth app create and update online meetings for the users granted this policy.'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module MicrosoftTeams -ErrorAction Stop
try { $null = Get-CsTenant -ErrorAction Stop } catch { Connect-MicrosoftTeams | Out-Null }

$policy = Get-CsApplicationAccessPolicy -Identity $PolicyName -ErrorAction SilentlyContinue
$current = if ($policy) { @($policy.AppIds | ForEach-Object { "$_" }) } else { @() }

if (-not $policy) {
    $action = 'Created'
    if ($PSCmdlet.ShouldProcess($PolicyName, "Create application access policy allowing app $AppId")) {
        New-CsApplicationAccessPolicy -Identity $PolicyName -AppIds $AppId -Description $Description | Out-Null
    }
    $appIds = @($AppId)
} elseif ($current -contains $AppId) {
    $action = 'Unchanged'
    Write-Verbose "$PolicyName already allows $AppId."
    $appIds = $current
} else {
    $action = 'Updated'
    $appIds = @($current) + $AppId
    if ($PSCmdlet.ShouldProcess($PolicyName, "Add app $AppId to the $($current.Count) app id(s) already allowed")) {
        Set-CsApplicationAccessPolicy -Identity $PolicyName -AppIds $appIds | Out-Null
    }
}

if ($WhatIfPreference -and $action -ne 'Unchanged') { $action = "WouldBe$action" }
[pscustomobject]@{
    PolicyName = $PolicyName
    AppIds     = $appIds
    Action     = $action
}
if ($action -in 'Created', 'Updated') {
    Write-Host "Next: ./Grant-TelehealthAccessPolicy.ps1 -GroupId <providers group id> -PolicyName $PolicyName"
}
