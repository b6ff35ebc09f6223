// Azure Communication Services for patient SMS and email, with an Email Communication
// Service whose Azure-managed domain (xxxx.azurecomm.net) is linked, so email works the
// moment this is deployed. An SMS number cannot be procured from a template: see
// "SMS number" in docs/admin-guide.md.

@description('Short unique suffix shared by every resource of the environment.')
param resourceToken string

@description('Where both resources keep data at rest (e.g. Australia, United States, Europe, UK).')
param dataLocation string

param tags object = {}

resource emailService 'Microsoft.Communication/emailServices@2023-03-31' = {
  name: 'ecs-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

// The name must be AzureManagedDomain for an Azure-managed domain. Engagement tracking
// stays off: it would rewrite the join links in patient email.
resource managedDomain 'Microsoft.Communication/emailServices/domains@2023-03-31' = {
  parent: emailService
  name: 'AzureManagedDomain'
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'AzureManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2023-03-31' = {
  name: 'acs-${resourceToken}'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
    linkedDomains: [
      managedDomain.id
    ]
  }
}

output name string = communicationService.name
output endpoint string = 'https://${communicationService.properties.hostName}/'
output emailServiceName string = emailService.name
@description('The sender every Azure-managed domain comes with.')
output defaultEmailSender string = 'DoNotReply@${managedDomain.properties.mailFromSenderDomain}'
