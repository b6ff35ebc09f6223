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

    Who has it already is read from the policy in effect for each user
    (Get-TelehealthAccessReport.ps1): users covered through a group policy assignment or the
    tenant's Global policy count as already granted and get no grant of their own.

    -AssignToGroup also assigns the policy to the group itself (Teams group policy assignment,
    Grant-CsApplicationAccessPolicy -Group, which replaces New-CsGroupPolicyAssignment): direct
    members added later get it without running this script again. A Teams group policy
    assignment reaches only DIRECT members of the group, never members of nested groups, and can
    take up to 24 hours to reach them. So -AssignToGroup then grants the policy to each user who
    is a member only through a nested group, as the per-user path does (same skipping of users
    who hold another policy). Re-run it when nested groups change. A policy assigned directly to
    a user still wins over the group's.

.PARAMETER GroupId
    Object id of the Entra group whose members are the telehealth providers.

.PARAMETER User
    One or more users, by user principal name or Entra object id.

.PARAMETER PolicyName
    The application access policy to grant.

.PARAMETER ReplaceOtherPolicy
    Also grant to users who hold a different application access policy, replacing it (with
    -AssignToGroup: for the nested groups' members it grants to).

.PARAMETER AssignToGroup
    Assign the policy to the group (group policy assignment), and grant it to each member the
    assignment cannot reach (members of nested groups only).

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
    Microsoft.Graph.Groups module (GroupMember.Read.All). Writes one result object per user (with
    -AssignToGroup, first one for the group).
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

$counts = @{ Granted = 0; AlreadyGranted = 0; SkippedOtherPolicy = 0; NotFound = 0; Failed = 0; ReachedByGroup = 0 }

if ($AssignToGroup) {
    $existing = Get-CsGroupPolicyAssignment -GroupId $GroupId -PolicyType ApplicationAccessPolicy -ErrorAction SilentlyContinue |
        Select-Object -First 1
    $previous = if ($existing) { "$($existing.PolicyName)" -replace '^Tag:', '' } else { '' }
    if ($previous -eq $PolicyName) {
        Write-Verbose "Group $GroupId already has $PolicyName assigned."
        [pscustomobject]@{ Target = $GroupId; Action = 'AlreadyAssigned'; PreviousPolicy = $PolicyName }
    } elseif ($PSCmdlet.ShouldProcess("group $GroupId", "Assign application access policy $PolicyName (rank $Rank)")) {
        Grant-CsApplicationAccessPolicy -Group $GroupId -PolicyName $PolicyName -Rank $Rank
        [pscustomobject]@{ Target = $GroupId; Action = 'AssignedToGroup'; PreviousPolicy = $previous }
    }
}

$reportArgs = @{ PolicyName = $PolicyName }
if ($PSCmdlet.ParameterSetName -eq 'User') { $reportArgs.User = $User } else { $reportArgs.GroupId = $GroupId }
$report = @(& (Join-Path $PSScriptRoot 'Get-TelehealthAccessReport.ps1') @reportArgs)

foreach ($row in $report) {
    $action = switch ($row.Status) {
        'Granted' { 'AlreadyGranted' }
        'NotFound' { 'NotFound' }
        'OtherPolicy' { if ($ReplaceOtherPolicy) { 'Grant' } else { 'SkippedOtherPolicy' } }
        default { 'Grant' }
    }
    # The group's own assignment reaches its direct members who have no policy of their own or a
    # group's (it wins over the Global one): only members of nested groups need a grant of their own.
    if ($AssignToGroup -and $row.DirectMember -and $row.Status -ne 'Granted' -and $row.Source -in 'None', 'Global') {
        $action = 'ReachedByGroup'
    }
    if ($action -eq 'Grant') {
        $what = if ($row.CurrentPolicy) { "Grant $PolicyName, replacing $($row.CurrentPolicy) ($($row.Source))" } else { "Grant $PolicyName" }
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
        Write-Warning "$($row.UserPrincipalName) holds '$($row.CurrentPolicy)' ($($row.Source)). Add the app to that policy (./Set-TelehealthAccessPolicy.ps1 -PolicyName '$($row.CurrentPolicy)' -AppId <app id>) or re-run with -ReplaceOtherPolicy."
    }
    $counts[$action]++
    [pscustomobject]@{
        UserPrincipalName = $row.UserPrincipalName
        ObjectId          = $row.ObjectId
        Action            = $action
        PreviousPolicy    = $row.CurrentPolicy
        PreviousSource    = $row.Source
    }
}

$summary = "{0} granted, {1} already had it, {2} skipped (other policy), {3} not found in Teams, {4} failed." -f `
    $counts.Granted, $counts.AlreadyGranted, $counts.SkippedOtherPolicy, $counts.NotFound, $counts.Failed
if ($AssignToGroup) { $summary += " $($counts.ReachedByGroup) direct member(s) left to the group assignment." }
Write-Host $summary
if ($counts.Granted -gt 0) {
    Write-Host 'Teams can take up to about 30 minutes to apply new grants.'
}
if ($AssignToGroup -and $counts.ReachedByGroup -gt 0) {
    Write-Host 'A group policy assignment can take up to 24 hours to reach the group''s members.'
}
