<#
.SYNOPSIS
    Lets the Teams Telehealth app organise meetings for providers: grants them the application access policy.

.DESCRIPTION
    Grants the application access policy (by default Teams-Telehealth, made by
    Set-TelehealthAccessPolicy.ps1) to every user member of an Entra group, members of nested
    groups included, or to the users named. Idempotent: users who already have the policy are
    skipped, so run it again whenever the group changes (or schedule it).

    A user holds one application access policy at a time, and granting one replaces the other.
    Users who already hold a different policy are therefore left alone and listed, unless
    -ReplaceOtherPolicy is given: the safe fix is to add the Teams Telehealth app id to their
    policy (Set-TelehealthAccessPolicy.ps1 -PolicyName <that policy> -AppId <app id>).

    -AssignToGroup instead assigns the policy to the group itself (Teams group policy
    assignment): members added later get it without running this script again. A policy
    assigned directly to a user still wins over the group's.

    Teams can take up to about 30 minutes to apply a new grant; meetings for that provider fail
    with 403 until then (the app records the failure on the appointment).

.PARAMETER GroupId
    Object id of the Entra group whose members are the telehealth providers.

.PARAMETER User
    One or more users, by user principal name or Entra object id.

.PARAMETER PolicyName
    The application access policy to grant.

.PARAMETER ReplaceOtherPolicy
    Also grant to users who hold a different application access policy, replacing it.

.PARAMETER AssignToGroup
    Assign the policy to the group (group policy assignment) instead of to each member.

.PARAMETER Rank
    With -AssignToGroup: the rank of this assignment among the group policy assignments of the
    same type (1 wins over 2).

.EXAMPLE
    ./Grant-TelehealthAccessPolicy.ps1 -GroupId ac139435-9539-4b41-9d2d-b0ca14dc059b -WhatIf

.EXAMPLE
    ./Grant-TelehealthAccessPolicy.ps1 -User victor@clinic.onmicrosoft.com, 3efbdd46-d280-4b0f-a414-1ff1f3dda63a

.EXAMPLE
    ./Grant-TelehealthAccessPolicy.ps1 -GroupId ac139435-9539-4b41-9d2d-b0ca14dc059b -AssignToGroup

.NOTES
    Needs the MicrosoftTeams module (a Teams administrator) and, with -GroupId, the
    Microsoft.Graph.Groups module (GroupMember.Read.All). Writes one result object per user.
#>
[CmdletBinding(SupportsShouldProcess, DefaultParameterSetName = 'Group')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Group')]
    [Parameter(Mandatory, ParameterSetName = 'GroupAssignment')]
    [ValidatePattern('^[0-9a-fA-F-]{36}$')]
    [string] $GroupId,

    [Parameter(Mandatory, ParameterSetName = 'User')]
    [string[]] $User,

    [string] $PolicyName = 'Teams-Telehealth',

    [Parameter(ParameterSetName = 'Group')]
    [Parameter(ParameterSetName = 'User')]
    [switch] $ReplaceOtherPolicy,

    [Parameter(Mandatory, ParameterSetName = 'GroupAssignment')]
    [switch] $AssignToGroup,

    [Parameter(ParameterSetName = 'GroupAssignment')]
    [ValidateRange(1, 1000)]
    [int] $Rank = 1
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module MicrosoftTeams -ErrorAction Stop
try { $null = Get-CsTenant -ErrorAction Stop } catch { Connect-MicrosoftTeams | Out-Null }

if (-not (Get-CsApplicationAccessPolicy -Identity $PolicyName -ErrorAction SilentlyContinue)) {
    throw "There is no application access policy '$PolicyName'. Create it first: ./Set-TelehealthAccessPolicy.ps1 -AppId <application id> -PolicyName $PolicyName"
}

if ($AssignToGroup) {
    $existing = Get-CsGroupPolicyAssignment -GroupId $GroupId -PolicyType ApplicationAccessPolicy -ErrorAction SilentlyContinue |
        Select-Object -First 1
    $previous = if ($existing) { "$($existing.PolicyName)" -replace '^Tag:', '' } else { '' }
    if ($previous -eq $PolicyName) {
        Write-Verbose "Group $GroupId already has $PolicyName assigned."
        [pscustomobject]@{ Target = $GroupId; Action = 'AlreadyAssigned'; PreviousPolicy = $PolicyName }
        return
    }
    if ($PSCmdlet.ShouldProcess("group $GroupId", "Assign application access policy $PolicyName (rank $Rank)")) {
        Grant-CsApplicationAccessPolicy -Group $GroupId -PolicyName $PolicyName -Rank $Rank
        [pscustomobject]@{ Target = $GroupId; Action = 'AssignedToGroup'; PreviousPolicy = $previous }
    }
    return
}

$reportArgs = @{ PolicyName = $PolicyName }
if ($PSCmdlet.ParameterSetName -eq 'Group') { $reportArgs.GroupId = $GroupId } else { $reportArgs.User = $User }
$report = @(& (Join-Path $PSScriptRoot 'Get-TelehealthAccessReport.ps1') @reportArgs)

$counts = @{ Granted = 0; AlreadyGranted = 0; SkippedOtherPolicy = 0; NotFound = 0; Failed = 0 }
foreach ($row in $report) {
    $action = switch ($row.Status) {
        'Granted' { 'AlreadyGranted' }
        'NotFound' { 'NotFound' }
        'OtherPolicy' { if ($ReplaceOtherPolicy) { 'Grant' } else { 'SkippedOtherPolicy' } }
        default { 'Grant' }
    }
    if ($action -eq 'Grant') {
        $what = if ($row.CurrentPolicy) { "Grant $PolicyName, replacing $($row.CurrentPolicy)" } else { "Grant $PolicyName" }
        if (-not $PSCmdlet.ShouldProcess($row.UserPrincipalName, $what)) { continue }
        try {
            Grant-CsApplicationAccessPolicy -Identity $row.ObjectId -PolicyName $PolicyName
            $action = 'Granted'
        } catch {
            Write-Warning "Could not grant $PolicyName to $($row.UserPrincipalName): $($_.Exception.Message)"
            $action = 'Failed'
        }
    }
    if ($action -eq 'SkippedOtherPolicy') {
        Write-Warning "$($row.UserPrincipalName) holds '$($row.CurrentPolicy)'. Add the app to that policy (./Set-TelehealthAccessPolicy.ps1 -PolicyName '$($row.CurrentPolicy)' -AppId <app id>) or re-run with -ReplaceOtherPolicy."
    }
    $counts[$action]++
    [pscustomobject]@{
        UserPrincipalName = $row.UserPrincipalName
        ObjectId          = $row.ObjectId
        Action            = $action
        PreviousPolicy    = $row.CurrentPolicy
    }
}

Write-Host ("{0} granted, {1} already had it, {2} skipped (other policy), {3} not found in Teams, {4} failed." -f `
        $counts.Granted, $counts.AlreadyGranted, $counts.SkippedOtherPolicy, $counts.NotFound, $counts.Failed)
if ($counts.Granted -gt 0) {
    Write-Host 'Teams can take up to about 30 minutes to apply new grants.'
}
