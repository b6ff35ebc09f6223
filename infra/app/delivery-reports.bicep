// ACS's delivery reports (SMS and email) to the app: an Event Grid system topic on the
// Communication Services resource, and (once the function exists) a subscription that hands
// Microsoft.Communication.SMSDeliveryReportReceived and EmailDeliveryReportReceived to the
// deliveryReports function. Event Grid validates an Azure Function destination against the
// deployed function, which does not exist at the first provision (azd provisions before it
// deploys): so the subscription is made when subscribe is true, i.e. from the second
// provision on (docs/admin-guide.md, "Delivery reports").

@description('Name of the Communication Services resource whose events are read.')
param communicationServiceName string

@description('Name of the Function App that runs the deliveryReports function.')
param functionAppName string

@description('Make the event subscription (the function must already be deployed).')
param subscribe bool

@description('Also hand Microsoft.Communication.SMSReceived (patients\' replies) to the smsReplies function: only when ACS_SMS_FROM can receive SMS (SMS_REPLIES_ENABLED), and, as above, once the function is deployed.')
param subscribeSmsReplies bool = false

param tags object = {}

resource communicationService 'Microsoft.Communication/communicationServices@2023-03-31' existing = {
  name: communicationServiceName
}

resource functionApp 'Microsoft.Web/sites@2023-12-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: 'evgt-${communicationServiceName}'
  location: 'global'
  tags: tags
  properties: {
    source: communicationService.id
    topicType: 'Microsoft.Communication.CommunicationServices'
  }
}

resource deliveryReports 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (subscribe) {
  parent: topic
  name: 'delivery-reports'
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionApp.id}/functions/deliveryReports'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Communication.SMSDeliveryReportReceived'
        'Microsoft.Communication.EmailDeliveryReportReceived'
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

// Patients' replies to the clinic's number, beside the delivery reports on the same system topic
// (a source has one system topic). One event per call, as for delivery reports.
resource smsReplies 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (subscribeSmsReplies) {
  parent: topic
  name: 'sms-replies'
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionApp.id}/functions/smsReplies'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Communication.SMSReceived'
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output systemTopicName string = topic.name
