// Private networking (usePrivateNetworking): a virtual network with a subnet the Flex
// Consumption app integrates with (outbound) and a subnet for private endpoints; one
// private endpoint per storage service the app uses (blob, queue, table) and one for Key
// Vault, each with its private DNS zone linked to the network, so the storage and vault
// host names resolve to private addresses from inside it. Main turns the public network
// access of both off. Pinned AVM modules, versions as the Flex Consumption azd samples.

param location string = resourceGroup().location
param tags object = {}

@description('Virtual network name.')
param vnetName string

@description('Address space of the network; the two /24 subnets are its first two.')
param addressPrefix string = '10.0.0.0/16'

param storageAccountName string
param keyVaultName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

var peSubnetName = 'private-endpoints'
var appSubnetName = 'app'

module vnet 'br/public:avm/res/network/virtual-network:0.6.1' = {
  name: 'vnet'
  params: {
    name: vnetName
    location: location
    tags: tags
    addressPrefixes: [
      addressPrefix
    ]
    subnets: [
      {
        name: peSubnetName
        addressPrefix: cidrSubnet(addressPrefix, 24, 1)
        privateEndpointNetworkPolicies: 'Disabled'
        privateLinkServiceNetworkPolicies: 'Enabled'
      }
      {
        // Flex Consumption integrates with a subnet delegated to Microsoft.App/environments.
        name: appSubnetName
        addressPrefix: cidrSubnet(addressPrefix, 24, 2)
        privateEndpointNetworkPolicies: 'Disabled'
        privateLinkServiceNetworkPolicies: 'Enabled'
        delegation: 'Microsoft.App/environments'
      }
    ]
  }
}

var storageSuffix = environment().suffixes.storage
// privatelink.vaultcore.azure.net in the public cloud (the vault's DNS suffix is vault.azure.net).
var vaultZone = 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'

var endpoints = [
  {
    groupId: 'blob'
    resourceId: account.id
    resourceName: account.name
    zone: 'privatelink.blob.${storageSuffix}'
  }
  {
    groupId: 'queue'
    resourceId: account.id
    resourceName: account.name
    zone: 'privatelink.queue.${storageSuffix}'
  }
  {
    groupId: 'table'
    resourceId: account.id
    resourceName: account.name
    zone: 'privatelink.table.${storageSuffix}'
  }
  {
    groupId: 'vault'
    resourceId: vault.id
    resourceName: vault.name
    zone: vaultZone
  }
]

module zones 'br/public:avm/res/network/private-dns-zone:0.7.1' = [
  for e in endpoints: {
    name: 'dns-${e.groupId}'
    params: {
      name: e.zone
      location: 'global'
      tags: tags
      virtualNetworkLinks: [
        {
          name: '${vnetName}-link'
          virtualNetworkResourceId: vnet.outputs.resourceId
          registrationEnabled: false
        }
      ]
    }
  }
]

module privateEndpoints 'br/public:avm/res/network/private-endpoint:0.11.0' = [
  for (e, i) in endpoints: {
    name: 'pe-${e.groupId}'
    params: {
      name: 'pe-${e.resourceName}-${e.groupId}'
      location: location
      tags: tags
      subnetResourceId: '${vnet.outputs.resourceId}/subnets/${peSubnetName}'
      privateLinkServiceConnections: [
        {
          name: '${e.resourceName}-${e.groupId}'
          properties: {
            privateLinkServiceId: e.resourceId
            groupIds: [
              e.groupId
            ]
          }
        }
      ]
      privateDnsZoneGroup: {
        privateDnsZoneGroupConfigs: [
          {
            privateDnsZoneResourceId: zones[i].outputs.resourceId
          }
        ]
      }
    }
  }
]

output vnetId string = vnet.outputs.resourceId
output appSubnetId string = '${vnet.outputs.resourceId}/subnets/${appSubnetName}'
output privateEndpointsSubnetId string = '${vnet.outputs.resourceId}/subnets/${peSubnetName}'
