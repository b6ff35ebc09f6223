<#
.SYNOPSIS
    Shows which providers can have Teams Telehealth meetings created for them, and which cannot yet.

.DESCRIPTION
    For every user member of an Entra group (members of nested groups included), or for the users
    named, reads the application access policy Teams applies to them (Get-CsOnlineUser,
    ApplicationAccessPolicy) and reports one of:

      Granted      the user has the telehealth policy: meetings can be organised by them
      Missing      no application access policy: Graph will refuse to create their meetings (403)
      OtherPolicy  another application access policy is assigned. A user holds one such policy
                   at a time, so granting ours would silently remove theirs: add the Teams
                   Telehealth app id to that policy instead (Set-TelehealthAccessPolicy.ps1
                   -PolicyName <that policy>)
      NotFound     Teams does not know the user (no Teams licence, or not yet synchronised)

    Read-only: it changes nothing. Grant-TelehealthAccessPolicy.ps1 uses it to find who to grant.

.PARAMETER GroupId
    Object id of the Entra group whose members are the telehealth providers.

.PARAMETER User
    One or more users, by user principal name or Entra object id.

.PARAMETER PolicyName
    The application access policy that lets the Teams Telehealth app act for a user.

.EXAMPLE
    ./Get-TelehealthAccessReport.ps1 -GroupId ac139435-9539-4b41-9d2d-b0ca14dc059b | Where-Object Status -ne Granted

.EXAMPLE
    ./Get-TelehealthAccessReport.ps1 -User victor@clinic.onmicrosoft.com | Format-List

.NOTES
    Needs the MicrosoftTeams module (a Teams administrator) and, with -GroupId, the
    Microsoft.Graph.Groups module (GroupMember.Read.All). Sign-in happens on first use.
#>
[CmdletBinding(DefaultParameterSetName = 'Group')]
param(
    [Parameter(Mandatory, ParameterSetName = 'Group')]
    [ValidatePattern('^[0-9a-fA-F-]{36}$')]
    [string] $GroupId,

    [Parameter(Mandatory, ParameterSetName = 'User')]
    [string[]] $User,

    [string] $PolicyName = 'Teams-Telehealth'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Connect-TeamsIfNeeded {
    try { $null = Get-CsTenant -ErrorAction Stop }
    catch { Connect-MicrosoftTeams | Out-Null }
}

function Connect-GraphIfNeeded([string[]] $Scopes) {
    $context = Get-MgContext
    $missing = if ($context) { $Scopes | Where-Object { $context.Scopes -notcontains $_ } } else { $Scopes }
    if ($missing) { Connect-MgGraph -Scopes $Scopes -NoWelcome }
}

# Users only: devices, service principals and contacts in the group cannot organise meetings.
function Get-GroupUsers([string] $Id) {
    Import-Module Microsoft.Graph.Groups -ErrorAction Stop
    Connect-GraphIfNeeded @('GroupMember.Read.All')
    Get-MgGroupTransitiveMember -GroupId $Id -All |
        Where-Object { $_.AdditionalProperties['@odata.type'] -eq '#microsoft.graph.user' } |
        ForEach-Object {
            [pscustomobject]@{ Identity = $_.Id; UserPrincipalName = $_.AdditionalProperties['userPrincipalName'] }
        }
}

# Teams shows the policy as "Tag:<name>" in some places and "<name>" in others.
function Get-PolicyShortName($Value) {
    if ($null -eq $Value) { return '' }
    "$Value" -replace '^Tag:', ''
}

Import-Module MicrosoftTeams -ErrorAction Stop
Connect-TeamsIfNeeded

$targets = if ($PSCmdlet.ParameterSetName -eq 'Group') {
    Get-GroupUsers $GroupId
} else {
    $User | ForEach-Object { [pscustomobject]@{ Identity = $_; UserPrincipalName = $_ } }
}

$guidPattern = '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$'
foreach ($target in $targets) {
    $teamsUser = $null
    try { $teamsUser = Get-CsOnlineUser -Identity $target.Identity -ErrorAction Stop } catch { $teamsUser = $null }
    if (-not $teamsUser) {
        [pscustomobject]@{
            UserPrincipalName = $target.UserPrincipalName
            ObjectId          = $target.Identity
            CurrentPolicy     = ''
            Status            = 'NotFound'
        }
        continue
    }
    $current = Get-PolicyShortName $teamsUser.ApplicationAccessPolicy
    $status = if ($current -eq $PolicyName) { 'Granted' } elseif ($current) { 'OtherPolicy' } else { 'Missing' }
    [pscustomobject]@{
        UserPrincipalName = $teamsUser.UserPrincipalName
        ObjectId          = if ($target.Identity -match $guidPattern) { $target.Identity } else { "$($teamsUser.Identity)" }
        CurrentPolicy     = $current
        Status            = $status
    }
}
