<#
.SYNOPSIS
    Shows which providers can have Teams Telehealth meetings created for them, and which cannot yet.

.DESCRIPTION
    For every user member of an Entra group (members of nested groups included), or for the users
    named, reads the application access policy that is in effect for them and where it comes from:

      Direct   granted to the user (Grant-CsApplicationAccessPolicy -Identity)
      Group    inherited from a Teams group policy assignment (Grant-CsApplicationAccessPolicy
               -Group); SourceGroupId names the group
      Global   no user or group assignment: the tenant's Global policy applies
      None     nothing applies

    The effective policy comes from Get-CsUserPolicyAssignment -PolicyType ApplicationAccessPolicy,
    which sees group assignments too (Get-CsOnlineUser shows only direct grants, so a provider
    covered by a group or the Global policy would look Missing). Each user gets one Status:

      Granted      the effective policy is the telehealth policy, or lists every app id it lists:
                   meetings can be organised by them
      Missing      no application access policy applies: Graph will refuse to create their
                   meetings (403)
      OtherPolicy  another application access policy applies. A user holds one such policy at a
                   time, so granting ours would override it for them: add the Teams Telehealth
                   app id to that policy instead (Set-TelehealthAccessPolicy.ps1 -PolicyName
                   <that policy>)
      NotFound     Teams does not know the user (no Teams licence, or not yet synchronised)

    With -GroupId, DirectMember says whether the user is a direct member of the group: a Teams
    group policy assignment reaches only direct members, never members of nested groups.

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
# Transitive members (nested groups included), each marked with whether it is a direct member.
function Get-GroupUsers([string] $Id) {
    Import-Module Microsoft.Graph.Groups -ErrorAction Stop
    Connect-GraphIfNeeded @('GroupMember.Read.All')
    $direct = @(Get-MgGroupMember -GroupId $Id -All | ForEach-Object { "$($_.Id)" })
    Get-MgGroupTransitiveMember -GroupId $Id -All |
        Where-Object { $_.AdditionalProperties['@odata.type'] -eq '#microsoft.graph.user' } |
        ForEach-Object {
            [pscustomobject]@{
                Identity          = $_.Id
                UserPrincipalName = $_.AdditionalProperties['userPrincipalName']
                DirectMember      = $direct -contains "$($_.Id)"
            }
        }
}

# Teams shows the policy as "Tag:<name>" in some places and "<name>" in others.
function Get-PolicyShortName($Value) {
    if ($null -eq $Value) { return '' }
    "$Value" -replace '^Tag:', ''
}

# The app ids a policy lists, as strings ('Global' is the tenant-wide instance).
function Get-PolicyAppIds([string] $Name) {
    $policy = Get-CsApplicationAccessPolicy -Identity $Name -ErrorAction SilentlyContinue
    if (-not $policy) { return @() }
    @($policy.AppIds | ForEach-Object { "$_" })
}

# The policy in effect for a user, and where it comes from (Direct, Group, Global, None).
function Get-EffectivePolicy([string] $Identity) {
    $assignment = Get-CsUserPolicyAssignment -Identity $Identity -PolicyType ApplicationAccessPolicy -ErrorAction Stop |
        Select-Object -First 1
    if ($assignment -and $assignment.PolicyName) {
        $name = Get-PolicyShortName $assignment.PolicyName
        $sources = @($assignment.PolicySource | Where-Object { $_ })
        # A direct assignment wins over any group's; of the groups, the one whose policy is in effect.
        $direct = $sources | Where-Object { "$($_.AssignmentType)" -eq 'Direct' } | Select-Object -First 1
        $groups = @($sources | Where-Object { "$($_.AssignmentType)" -eq 'Group' })
        $group = @($groups | Where-Object { (Get-PolicyShortName $_.PolicyName) -eq $name }) + $groups | Select-Object -First 1
        return [pscustomobject]@{
            Name          = $name
            Source        = if ($direct -or -not $group) { 'Direct' } else { 'Group' }
            SourceGroupId = if (-not $direct -and $group) { "$($group.Reference)" } else { '' }
        }
    }
    # No user or group assignment: the tenant's Global instance applies, if it lists any app.
    if ($script:globalAppIds.Count -gt 0) {
        return [pscustomobject]@{ Name = 'Global'; Source = 'Global'; SourceGroupId = '' }
    }
    [pscustomobject]@{ Name = ''; Source = 'None'; SourceGroupId = '' }
}

Import-Module MicrosoftTeams -ErrorAction Stop
Connect-TeamsIfNeeded

$ourAppIds = @(Get-PolicyAppIds $PolicyName)
$script:globalAppIds = @(Get-PolicyAppIds 'Global')
$appIdsOf = @{ $PolicyName = $ourAppIds; 'Global' = $script:globalAppIds }

# Our policy, or one that lists every app id ours lists (the Teams Telehealth app among them).
function Test-Covers([string] $Name) {
    if (-not $Name) { return $false }
    if ($Name -eq $PolicyName) { return $true }
    if (-not $appIdsOf.ContainsKey($Name)) { $appIdsOf[$Name] = @(Get-PolicyAppIds $Name) }
    $theirs = $appIdsOf[$Name]
    $ourAppIds.Count -gt 0 -and -not ($ourAppIds | Where-Object { $theirs -notcontains $_ })
}

$targets = if ($PSCmdlet.ParameterSetName -eq 'Group') {
    Get-GroupUsers $GroupId
} else {
    $User | ForEach-Object { [pscustomobject]@{ Identity = $_; UserPrincipalName = $_; DirectMember = $null } }
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
            Source            = ''
            SourceGroupId     = ''
            DirectMember      = $target.DirectMember
            Status            = 'NotFound'
        }
        continue
    }
    $objectId = if ($target.Identity -match $guidPattern) { $target.Identity } else { "$($teamsUser.Identity)" }
    $effective = Get-EffectivePolicy $objectId
    $status = if (Test-Covers $effective.Name) { 'Granted' } elseif ($effective.Name) { 'OtherPolicy' } else { 'Missing' }
    [pscustomobject]@{
        UserPrincipalName = $teamsUser.UserPrincipalName
        ObjectId          = $objectId
        CurrentPolicy     = $effective.Name
        Source            = $effective.Source
        SourceGroupId     = $effective.SourceGroupId
        DirectMember      = $target.DirectMember
        Status            = $status
    }
}
