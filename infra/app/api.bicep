// The Function App on Flex Consumption (FC1), Java 17, running as the user-assigned
// identity for everything: the deployment package, host storage, Key Vault references,
// telemetry. App settings that hold secrets are Key Vault references; the app reads the
// vault itself (KEY_VAULT_URL) where it needs to write or list versions.

@description('Function App name, also its host name <name>.azurewebsites.net.')
param name string

param location string = resourceGroup().location
param tags object = {}

@description('azd deploys the service named here to this app (tag azd-service-name).')
param serviceName string = 'api'

@description('Resource id of the FC1 plan.')
param appServicePlanId string

param storageAccountName string

@description('Blob container Flex Consumption deploys the app package to.')
param deploymentContainerName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity (AZURE_CLIENT_ID, AzureWebJobsStorage__clientId).')
param identityClientId string

param applicationInsightsName string

@description('Vault URI, ending in a slash (https://<vault>.vault.azure.net/).')
param keyVaultUri string

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Subnet (delegated to Microsoft.App/environments) the app integrates with for outbound traffic; empty for none (usePrivateNetworking false).')
param virtualNetworkSubnetId string = ''

@description('How the app authenticates to Microsoft Graph: clientSecret (graph-client-secret in Key Vault) or managedIdentity (federated identity credential, no secret).')
@allowed([
  'clientSecret'
  'managedIdentity'
])
param graphCredential string = 'clientSecret'

@description('The app\'s own settings (see docs/admin-guide.md, "App settings").')
param appSettings object

@description('Settings an admin adds; they win over every other setting.')
param additionalAppSettings object = {}

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Versionless references: App Service resolves the latest version (it re-reads them
// within 24 hours, and at every restart or settings change).
var secretsUri = '${keyVaultUri}secrets'

var platformSettings = {
  // Identity-based host storage: no connection string, no account key.
  AzureWebJobsStorage__accountName: account.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Identity-based telemetry: Application Insights has local auth disabled.
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // DefaultAzureCredential in the app picks the user-assigned identity with this; ACS too.
  // With GRAPH_CREDENTIAL=managed_identity it is also the identity whose token the app
  // exchanges for a Graph token (the federated identity credential's subject).
  AZURE_CLIENT_ID: identityClientId
  ACS_CLIENT_ID: identityClientId
  // client_secret: Graph tokens from graph-client-secret (Key Vault). managed_identity: from
  // a token of the identity above, presented as a client assertion (docs/admin-guide.md §14.3).
  GRAPH_CREDENTIAL: graphCredential == 'managedIdentity' ? 'managed_identity' : 'client_secret'
  // The app reads graph-client-secret, webhook-secret-current and webhook-secret-previous
  // from here itself, so a rotation applies within its cache time, not App Service's 24 h.
  // No GRAPH_CLIENT_SECRET: the app refuses to start with it next to KEY_VAULT_URL.
  KEY_VAULT_URL: keyVaultUri
  // Admin routes (manage/...) need an Entra access token for the app registration with the app
  // role Telehealth.Admin or Telehealth.Reader, on top of the function key (docs/admin-guide.md §14.4).
  ADMIN_AUTH: 'entra'
  // WEBHOOK_SECRETS: the app requires it at start even with a vault, but then verifies
  // webhooks with the vault's current and previous secrets, not with this value.
  // JOIN_LINK_KEY: the app reads it only from this setting.
  WEBHOOK_SECRETS: '@Microsoft.KeyVault(SecretUri=${secretsUri}/webhook-secret-current/)'
  JOIN_LINK_KEY: '@Microsoft.KeyVault(SecretUri=${secretsUri}/join-link-key/)'
  // The host buffers a request body before the worker sees it; refuse more than 1 MiB there
  // (default 100 MB). The webhook's own limit is 256 KiB (docs/intake.md).
  FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: '1048576'
  // JVM options of the Java worker. Learn's Java reference names this setting for Consumption plans
  // and JAVA_OPTS for Premium/Dedicated; Flex Consumption is not in its table, and we assume it reads
  // this one (the host passes it to the worker on every plan). Heap capped so the worker stays under
  // 512 MB resident (benchmarks/RESULTS.md, "Memory"): serial GC (one small heap on a fraction of a
  // core: no GC threads, least overhead), bounded metaspace, code cache and direct buffers (Netty),
  // and an exit on OutOfMemoryError so the host starts a fresh worker rather than a broken one.
  languageWorkers__java__arguments: '-Xmx256m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError'
}

module site 'br/public:avm/res/web/site:0.15.1' = {
  name: '${serviceName}-flex-consumption'
  params: {
    kind: 'functionapp,linux'
    name: name
    location: location
    tags: union(tags, { 'azd-service-name': serviceName })
    serverFarmResourceId: appServicePlanId
    httpsOnly: true
    managedIdentities: {
      systemAssigned: false
      userAssignedResourceIds: [
        identityId
      ]
    }
    // Without this, Key Vault references would be resolved with a system-assigned
    // identity the app does not have, and stay unresolved literal strings.
    keyVaultAccessIdentityResourceId: identityId
    // Private networking: outbound traffic through the integrated subnet. Route all of it
    // there: App Service documents that Linux apps resolve Key Vault references to a vault
    // behind a private endpoint only with all traffic routed through the network.
    virtualNetworkSubnetId: !empty(virtualNetworkSubnetId) ? virtualNetworkSubnetId : null
    vnetRouteAllEnabled: !empty(virtualNetworkSubnetId)
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${account.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
    // Flex Consumption has no Always On; TLS 1.2 is the platform default.
    siteConfig: {
      alwaysOn: false
    }
    appSettingsKeyValuePairs: union(appSettings, platformSettings, additionalAppSettings)
  }
}

output name string = site.outputs.name
