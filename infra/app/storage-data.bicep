// The tables and queues Teams Telehealth reads and writes. Poison queues are listed too:
// the host moves a message there after maxDequeueCount (host.json) failed deliveries, and
// an admin looks there for what never went through.

@description('Storage account (already deployed) that holds the app data.')
param storageAccountName string

@description('Tables: appointment rows, the provider schedule the feed reads, webhook receipts (dedupe), notification deliveries (sent once), feed links, the organiser directory cache, message templates, secret expiry reminders, rotation records, the retention index (appointments by end day), the per-provider schedule change token (the feed's ETag).')
param tableNames array = [
  'appointments'
  'schedule'
  'receipts'
  'deliveries'
  'feedlinks'
  'directory'
  'templates'
  'reminders'
  'rotations'
  'retention'
  'pmseventdeliveries'
]

@description('Queues: appointment snapshots from intake, notification intents, events to the PMS, and the poison queue of each.')
param queueNames array = [
  'appointments'
  'appointments-poison'
  'notifications'
  'notifications-poison'
  'pmsevents'
  'pmsevents-poison'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]
