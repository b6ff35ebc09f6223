// Everything Teams Telehealth runs on, for `azd up` (or `azd provision`).
//
// One resource group holding: a Flex Consumption Function App (Java 17) running as a
// user-assigned managed identity; a storage account without shared keys (the host, the
// tables and queues, the deployment package); a Key Vault (RBAC) for the secrets; Azure
// Communication Services with an Azure-managed email domain; Application Insights on a
// Log Analytics workspace; with usePrivateNetworking, a virtual network and private
// endpoints for storage and Key Vault. No secret value passes through this template: the
// postprovision hook (infra/hooks) seeds the generated ones once, and the admin sets the
// Graph client secret (docs/admin-guide.md). The app identity gets data-plane roles only,
// each on the narrowest scope (app/rbac.bicep; docs/admin-guide.md §14).
targetScope = 'subscription'

// ---------------------------------------------------------------------------------------
// azd environment
// ---------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; used for the resource group name and to derive the unique suffix of every resource name.')
param environmentName string

@minLength(1)
@description('Region for every regional resource. It must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the person (or pipeline) running azd. It gets Key Vault Secrets Officer so the postprovision hook can seed the generated secrets and the admin can set the Graph client secret. Leave empty to grant nothing.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

// ---------------------------------------------------------------------------------------
// Names (leave empty for <prefix><unique suffix>)
// ---------------------------------------------------------------------------------------

@description('Resource group name. Default: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Function App name; also the host name (<name>.azurewebsites.net) in every patient and provider link. Default: func-telehealth-<suffix>.')
param functionAppName string = ''

@description('Storage account name (3-24 lower-case letters and digits). Default: st<suffix>.')
param storageAccountName string = ''

@description('Key Vault name (3-24 characters, globally unique, reserved for the purge protection period after deletion). Default: kv-<suffix>.')
param keyVaultName string = ''

// ---------------------------------------------------------------------------------------
// Hosting
// ---------------------------------------------------------------------------------------

@description('Most instances Flex Consumption may scale the app out to. Bounds the load the app can put on Graph and ACS as well as the bill; the platform may refuse values below its own minimum.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each instance in MB (Flex Consumption instance sizes).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// ---------------------------------------------------------------------------------------
// Key Vault
// ---------------------------------------------------------------------------------------

@description('Purge protection: a deleted vault or secret cannot be purged before the retention period ends. Recommended for production; it cannot be turned off once on, and keeps the vault name taken after `azd down`.')
param keyVaultEnablePurgeProtection bool = true

@description('Days a deleted vault or secret can be recovered (soft delete is always on).')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

// ---------------------------------------------------------------------------------------
// Azure Communication Services
// ---------------------------------------------------------------------------------------

@description('Where ACS and the email service keep data at rest, e.g. Australia, United States, Europe, UK. Both resources must share it for the email domain to be linked.')
param communicationDataLocation string = 'Australia'

@description('E.164 number (or alphanumeric sender id) SMS are sent from. Empty until a number is procured in the ACS resource (a manual step, see docs/admin-guide.md); the app then sends email only.')
param acsSmsFrom string = ''

@description('Sender address for email. Empty for DoNotReply@<the Azure-managed domain>; set it when you link a custom verified domain instead.')
param acsEmailSender string = ''

@description('Role the app identity gets on the ACS resource to send SMS and email with Entra ID. Empty (default): a custom role this template defines in the resource group with only CommunicationServices/Read, CommunicationServices/Write and EmailServices/write (app/rbac.bicep). Set the id (GUID) of an existing role to use it instead, e.g. when the deployer may assign roles but not define them.')
param acsRoleDefinitionId string = ''

// ---------------------------------------------------------------------------------------
// Network
// ---------------------------------------------------------------------------------------

@description('Recommended for production. true: a virtual network the Function App integrates with, private endpoints and private DNS zones for storage (blob, queue, table) and Key Vault, and public network access to both turned off. The app\'s own HTTPS endpoints stay public (the PMS, patients and calendars reach them). false (default): storage and Key Vault accept traffic from any network, authenticated with Entra ID only.')
param usePrivateNetworking bool = false

@description('Address space of the virtual network (usePrivateNetworking); its first two /24 are the private-endpoint and app subnets. Choose a range that does not overlap networks you peer it with.')
param privateNetworkAddressPrefix string = '10.0.0.0/16'

// ---------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------

@description('How the app authenticates to Microsoft Graph. clientSecret (default): the app registration\'s client secret, kept in Key Vault (graph-client-secret), with expiry reminders and rotation. managedIdentity: no secret; the app registration trusts the app\'s user-assigned identity through a federated identity credential, which the postprovision hook adds (docs/admin-guide.md §14.3).')
@allowed([
  'clientSecret'
  'managedIdentity'
])
param graphCredential string = 'clientSecret'

@description('Comma-separated names of the secrets the vault already has. Set by infra/hooks/preprovision.* before every provision (azd env TELEHEALTH_VAULT_SECRETS); a missing one is created as a disabled placeholder so its role assignment has a scope. Do not set it by hand: naming a secret that does not exist fails the deployment, leaving out one that exists buries its value under a placeholder version.')
param existingVaultSecrets string = ''

// ---------------------------------------------------------------------------------------
// Application settings
// ---------------------------------------------------------------------------------------

@description('Base address of the app as patients and providers reach it, with the route prefix. Empty for https://<functionAppName>.azurewebsites.net/api; set it when a custom domain or a front door sits in front.')
param publicBaseUrl string = ''

@description('Entra tenant the app registration lives in (GRAPH_TENANT_ID).')
param graphTenantId string = tenant().tenantId

@description('Application (client) id of the Teams Telehealth app registration (GRAPH_CLIENT_ID); infra/teams/New-TelehealthAppRegistration.ps1 prints it.')
param graphClientId string = ''

@description('Who organises the Teams meetings: provider (each provider\'s own Entra user, needs the application access policy granted to each provider) or facilitator (one account organises every meeting).')
@allowed([
  'provider'
  'facilitator'
])
param meetingOrganizerMode string = 'provider'

@description('Entra object id of the facilitator account; required when meetingOrganizerMode is facilitator, ignored otherwise.')
param meetingFacilitatorObjectId string = ''

@description('Comma-separated addresses that receive the Graph client secret expiry reminders (ADMIN_EMAILS). Without any, no reminder is sent.')
param adminEmails string = ''

@description('When the daily secret maintenance runs (SECRET_REMINDER_SCHEDULE, NCRONTAB with seconds, UTC): expiry reminders, removal of old client-secret passwords after their grace period, retirement of the previous webhook secret. Default 22:00 UTC, early morning in Australia.')
param secretReminderSchedule string = '0 0 22 * * *'

@description('Where patients\' email replies go, e.g. the clinic\'s reception mailbox (ACS_EMAIL_REPLY_TO). Empty: no reply-to.')
param acsEmailReplyTo string = ''

@description('Subscribe the deliveryReports function to ACS\'s delivery report events (TELEHEALTH_DELIVERY_REPORTS). Leave false for the first `azd up` (the function does not exist until it is deployed), then set true and provision again: docs/admin-guide.md, "Delivery reports".')
param subscribeDeliveryReports bool = false

@description('ACS_SMS_FROM can receive SMS (a toll-free or local number with two-way SMS, not an alphanumeric sender ID): the default SMS ask for Y/N and, with subscribeDeliveryReports, ACS\'s SMSReceived events go to the smsReplies function (SMS_REPLIES_ENABLED). docs/admin-guide.md, "Replies".')
param smsRepliesEnabled bool = false

@description('Further app settings, merged over the ones above: e.g. MEETING_LOBBY_BYPASS, MEETING_SUBJECT_TEMPLATE, FEED_LINK_EXPIRY_DAYS (docs/admin-guide.md lists them all). Never GRAPH_CLIENT_SECRET: with KEY_VAULT_URL set the app refuses to start with it and reads graph-client-secret from the vault itself. Settings added by hand in the portal are lost at the next provision: put them here.')
param additionalAppSettings object = {}

@description('Locale for dates and times in messages and pages, a BCP 47 tag (CLINIC_LOCALE).')
param clinicLocale string = 'en-AU'

// ---------------------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var appName = !empty(functionAppName) ? functionAppName : 'func-telehealth-${resourceToken}'
var vaultName = !empty(keyVaultName) ? keyVaultName : 'kv-${resourceToken}'
var baseUrl = !empty(publicBaseUrl) ? publicBaseUrl : 'https://${appName}.azurewebsites.net/api'
// Flex Consumption pulls the app package from this blob container.
var deploymentContainerName = toLower('app-package-${take(appName, 32)}-${take(uniqueString(appName, resourceToken), 7)}')

// The vault secrets the app reads (Key Vault Secrets User on each) and the ones its
// rotation writes new versions of (Key Vault Secrets Officer on each). Names as in
// docs/admin-guide.md §11.1. graph-client-secret only exists with a client secret.
var readSecretNames = [
  'join-link-key'
]
var rotatedSecretNames = concat(
  [
    'webhook-secret-current'
    'webhook-secret-previous'
  ],
  graphCredential == 'clientSecret' ? ['graph-client-secret'] : []
)
var existingSecretNames = filter(map(split(existingVaultSecrets, ','), name => trim(name)), name => !empty(name))

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

// The one identity the app runs as: storage, Key Vault, ACS, Application Insights and the
// Flex deployment package are all reached with it, never with a key.
module appIdentity 'br/public:avm/res/managed-identity/user-assigned-identity:0.4.1' = {
  name: 'appIdentity'
  scope: rg
  params: {
    name: 'id-telehealth-${resourceToken}'
    location: location
    tags: tags
  }
}

module logAnalytics 'br/public:avm/res/operational-insights/workspace:0.11.1' = {
  name: 'logAnalytics'
  scope: rg
  params: {
    name: 'log-${resourceToken}'
    location: location
    tags: tags
    dataRetention: logRetentionInDays
  }
}

// Local (key) authentication is off: the app sends telemetry with its identity
// (APPLICATIONINSIGHTS_AUTHENTICATION_STRING), which needs Monitoring Metrics Publisher.
module appInsights 'br/public:avm/res/insights/component:0.6.0' = {
  name: 'appInsights'
  scope: rg
  params: {
    name: 'appi-${resourceToken}'
    location: location
    tags: tags
    workspaceResourceId: logAnalytics.outputs.resourceId
    disableLocalAuth: true
  }
}

module storage 'br/public:avm/res/storage/storage-account:0.8.3' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : 'st${resourceToken}'
    location: location
    tags: tags
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: usePrivateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: usePrivateNetworking
      ? {
          defaultAction: 'Deny'
          bypass: 'None'
        }
      : {
          defaultAction: 'Allow'
          bypass: 'AzureServices'
        }
    blobServices: {
      containers: [
        { name: deploymentContainerName }
      ]
    }
  }
}

// The app's tables and queues, created up front so a fresh deployment needs no first-use
// creation rights beyond the data roles (the app still creates them if missing).
module storageData 'app/storage-data.bicep' = {
  name: 'storageData'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
  }
}

module keyVault 'br/public:avm/res/key-vault/vault:0.11.0' = {
  name: 'keyVault'
  scope: rg
  params: {
    name: vaultName
    location: location
    tags: tags
    sku: 'standard'
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    enablePurgeProtection: keyVaultEnablePurgeProtection
    publicNetworkAccess: usePrivateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: usePrivateNetworking ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// The secrets the role assignments are scoped to: missing ones become disabled placeholders.
module vaultSecrets 'app/vault-secrets.bicep' = {
  name: 'vaultSecrets'
  scope: rg
  params: {
    keyVaultName: keyVault.outputs.name
    secretNames: concat(readSecretNames, rotatedSecretNames)
    existingSecretNames: existingSecretNames
  }
}

module network 'app/network.bicep' = if (usePrivateNetworking) {
  name: 'network'
  scope: rg
  params: {
    location: location
    tags: tags
    vnetName: 'vnet-${resourceToken}'
    addressPrefix: privateNetworkAddressPrefix
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
  }
}

module communication 'app/communication.bicep' = {
  name: 'communication'
  scope: rg
  params: {
    resourceToken: resourceToken
    dataLocation: communicationDataLocation
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    appPrincipalId: appIdentity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: appInsights.outputs.name
    communicationServiceName: communication.outputs.name
    acsRoleDefinitionId: acsRoleDefinitionId
    readSecretNames: readSecretNames
    rotatedSecretNames: rotatedSecretNames
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
  // Per-secret assignments need the secrets to exist.
  dependsOn: [
    vaultSecrets
  ]
}

module appServicePlan 'br/public:avm/res/web/serverfarm:0.1.1' = {
  name: 'appServicePlan'
  scope: rg
  params: {
    name: 'plan-${resourceToken}'
    location: location
    tags: tags
    sku: {
      name: 'FC1'
      tier: 'FlexConsumption'
    }
    reserved: true
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: appName
    location: location
    tags: tags
    appServicePlanId: appServicePlan.outputs.resourceId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    identityId: appIdentity.outputs.resourceId
    identityClientId: appIdentity.outputs.clientId
    applicationInsightsName: appInsights.outputs.name
    keyVaultUri: keyVault.outputs.uri
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    virtualNetworkSubnetId: usePrivateNetworking ? network.outputs.appSubnetId : ''
    graphCredential: graphCredential
    appSettings: {
      PUBLIC_BASE_URL: baseUrl
      GRAPH_TENANT_ID: graphTenantId
      GRAPH_CLIENT_ID: graphClientId
      // Admins' tokens: issued by this tenant for the registration (az account get-access-token
      // --resource api://<client id> gives aud api://<client id>; v2.0 tokens carry the bare id).
      ADMIN_TENANT_ID: graphTenantId
      ADMIN_AUDIENCE: 'api://${graphClientId},${graphClientId}'
      MEETING_ORGANIZER_MODE: meetingOrganizerMode
      MEETING_FACILITATOR_OBJECT_ID: meetingFacilitatorObjectId
      ACS_ENDPOINT: communication.outputs.endpoint
      ACS_SMS_FROM: acsSmsFrom
      ACS_EMAIL_SENDER: !empty(acsEmailSender) ? acsEmailSender : communication.outputs.defaultEmailSender
      ACS_EMAIL_REPLY_TO: acsEmailReplyTo
      ADMIN_EMAILS: adminEmails
      CLINIC_LOCALE: clinicLocale
      SMS_REPLIES_ENABLED: smsRepliesEnabled ? 'true' : 'false'
      SECRET_REMINDER_SCHEDULE: secretReminderSchedule
      // The appointment reminders' timer binding needs it; other reminder settings have app defaults.
      REMINDER_SCHEDULE: '0 * * * * *'
    }
    additionalAppSettings: additionalAppSettings
  }
  // The host reads storage and Key Vault as soon as the app starts: grant first, and with
  // private networking have the private endpoints in place.
  dependsOn: [
    rbac
    storageData
    network
  ]
}

module deliveryReports 'app/delivery-reports.bicep' = {
  name: 'deliveryReports'
  scope: rg
  params: {
    communicationServiceName: communication.outputs.name
    functionAppName: api.outputs.name
    subscribe: subscribeDeliveryReports
    subscribeSmsReplies: subscribeDeliveryReports && smsRepliesEnabled
    tags: tags
  }
}

// ---------------------------------------------------------------------------------------
// Outputs (azd saves them in .azure/<env>/.env; the hooks and the admin guide use them)
// ---------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URL string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = appIdentity.outputs.clientId
@description('Subject of the federated identity credential (graphCredential managedIdentity).')
output AZURE_MANAGED_IDENTITY_PRINCIPAL_ID string = appIdentity.outputs.principalId
output ACS_ROLE_DEFINITION_ID string = rbac.outputs.acsRoleDefinitionId
output ACS_NAME string = communication.outputs.name
output ACS_ENDPOINT string = communication.outputs.endpoint
output ACS_EMAIL_SENDER string = !empty(acsEmailSender) ? acsEmailSender : communication.outputs.defaultEmailSender
output PUBLIC_BASE_URL string = baseUrl
@description('Give this to the PMS as the appointment webhook address.')
output WEBHOOK_URL string = '${baseUrl}/webhooks/appointments'
@description('Microsoft Graph application permissions the app registration needs (admin guide §4; infra/teams/New-TelehealthAppRegistration.ps1 requests them). OnlineMeetingArtifact.Read.All reads the attendance reports.')
output GRAPH_APPLICATION_PERMISSIONS string = 'OnlineMeetings.ReadWrite.All,OnlineMeetingArtifact.Read.All,User.Read.All'
@description('The Teams application access policy every organiser needs, for the meetings and their attendance reports alike (infra/teams/Set-TelehealthAccessPolicy.ps1, Grant-TelehealthAccessPolicy.ps1).')
output TEAMS_APPLICATION_ACCESS_POLICY string = 'Teams-Telehealth'
