// Every role the app identity holds, each on the narrowest scope that works, plus the
// deployer's right to seed and set secrets. Names are guid(scope, principal, role) so a
// redeployment finds the same assignment instead of failing on a duplicate.
// docs/admin-guide.md §14.1 lists them with the reason and the source of each.

@description('Principal (object) id of the app\'s user-assigned managed identity.')
param appPrincipalId string

param storageAccountName string
param keyVaultName string
param appInsightsName string
param communicationServiceName string

@description('Id of an existing role to grant on the ACS resource instead of the custom "ACS sender" role this module defines. Empty: define and use the custom role.')
param acsRoleDefinitionId string = ''

@description('Vault secrets the app only reads (Key Vault Secrets User on each).')
param readSecretNames array

@description('Vault secrets the app reads and writes new versions of when it rotates them (Key Vault Secrets Officer on each).')
param rotatedSecretNames array

@description('Object id of whoever runs azd; empty to grant nothing.')
param deployerPrincipalId string = ''

param deployerPrincipalType string = 'User'

var roles = {
  // Functions host storage (AzureWebJobsStorage__accountName): timer and singleton locks,
  // host keys, and the Flex Consumption deployment package. The Functions docs name Blob
  // Data Owner as the host's minimum ("needs both read and write access to blobs and the
  // ability to create containers"); Blob Data Contributor is not documented as enough.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Queue triggers (read, delete, move to the poison queue, which the host creates if it is
  // missing), the app's own sends and its createIfNotExists at start. Message Processor +
  // Sender would cover triggers and sends but not queue creation, which the app code does.
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // The app's tables (appointments, schedule, receipts, deliveries, feed links, templates,
  // reminders, rotations; createTableIfNotExists at start) and the host's diagnostic events.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  // Read one secret (get, read metadata): Key Vault references and the app's own reads.
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  // Read and write one secret: only on the secrets the app's rotation writes.
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  // Identity-based telemetry ingestion (local auth is off on Application Insights).
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource acs 'Microsoft.Communication/communicationServices@2023-03-31' existing = {
  name: communicationServiceName
}

// ---------------------------------------------------------------------------------------
// Storage: data roles only, no Contributor (which could list the account keys).
// ---------------------------------------------------------------------------------------

var storageRoles = [
  roles.storageBlobDataOwner
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

resource appStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in storageRoles: {
    name: guid(account.id, appPrincipalId, roleId)
    scope: account
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// ---------------------------------------------------------------------------------------
// Key Vault: one assignment per secret, never on the vault. The secrets exist before this
// runs (app/vault-secrets.bicep creates disabled placeholders for missing ones), because a
// role assignment needs its scope to exist.
// ---------------------------------------------------------------------------------------

resource readSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = [
  for name in readSecretNames: {
    parent: vault
    name: name
  }
]

resource appReadsSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in readSecretNames: {
    name: guid(readSecrets[i].id, appPrincipalId, roles.keyVaultSecretsUser)
    scope: readSecrets[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource rotatedSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = [
  for name in rotatedSecretNames: {
    parent: vault
    name: name
  }
]

resource appRotatesSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (name, i) in rotatedSecretNames: {
    name: guid(rotatedSecrets[i].id, appPrincipalId, roles.keyVaultSecretsOfficer)
    scope: rotatedSecrets[i]
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
      principalId: appPrincipalId
      principalType: 'ServicePrincipal'
    }
  }
]

// ---------------------------------------------------------------------------------------
// Application Insights
// ---------------------------------------------------------------------------------------

resource appTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, appPrincipalId, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------
// ACS: Microsoft.Communication has no data actions; sending with Entra ID is authorised on
// these three management actions. They are the ones the ACS docs list for "a custom role
// to limit permissions granted to the Microsoft Entra application" (email SMTP
// authentication); no ListKeys/RegenerateKey, so the identity cannot obtain the access
// key. CommunicationServices/Write does let it change the ACS resource's own properties:
// that is ACS's authorisation model, not a choice here.
// ---------------------------------------------------------------------------------------

var defineAcsRole = empty(acsRoleDefinitionId)
var acsSenderRoleName = guid(resourceGroup().id, 'teams-telehealth-acs-sender')

resource acsSenderRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = if (defineAcsRole) {
  name: acsSenderRoleName
  properties: {
    // Role names are unique in the tenant: one per resource group.
    roleName: 'Teams Telehealth ACS sender (${resourceGroup().name} ${uniqueString(resourceGroup().id)})'
    description: 'Send SMS and email through the Azure Communication Services resources of this resource group with Entra ID. No keys.'
    type: 'CustomRole'
    assignableScopes: [
      resourceGroup().id
    ]
    permissions: [
      {
        actions: [
          'Microsoft.Communication/CommunicationServices/Read'
          'Microsoft.Communication/CommunicationServices/Write'
          'Microsoft.Communication/EmailServices/write'
        ]
        notActions: []
        dataActions: []
        notDataActions: []
      }
    ]
  }
}

// Custom roles, like built-in ones, are referenced by their subscription-level id.
var acsRoleId = subscriptionResourceId(
  'Microsoft.Authorization/roleDefinitions',
  defineAcsRole ? acsSenderRoleName : acsRoleDefinitionId
)

resource appMessaging 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(acs.id, appPrincipalId, acsRoleId)
  scope: acs
  properties: {
    roleDefinitionId: acsRoleId
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
  dependsOn: [
    acsSenderRole
  ]
}

// ---------------------------------------------------------------------------------------
// The deployer (azd principal): seeds the generated secrets and stores the Graph client
// secret, so it keeps Secrets Officer on the vault. This is a person or pipeline, not the
// app.
// ---------------------------------------------------------------------------------------

resource deployerSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
  }
}

output acsRoleDefinitionId string = acsRoleId
