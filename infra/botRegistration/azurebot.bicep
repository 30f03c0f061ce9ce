// The Azure Bot resource, with the Teams channel. SingleTenant: Azure creates no new
// MultiTenant bots since 2025-07-31 (Azure Bot Service, "Create an Azure Bot resource"), and
// Microsoft Teams' "Add authentication to your bot" says a SingleTenant bot whose Entra app
// is "Accounts in any organizational directory" works across tenants, with msaAppTenantId
// the tenant where that app is registered.

@maxLength(64)
@minLength(2)
param botServiceName string
@description('The client id of the bot\'s Entra app (multi-tenant, AzureADMultipleOrgs)')
param botAppId string
@description('The tenant where that app is registered')
param botAppTenantId string
param botDisplayName string
param botAppDomain string
@allowed(['F0', 'S1'])
param botServiceSku string = 'F0'

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAppId
    msaAppTenantId: botAppTenantId
    msaAppType: 'SingleTenant'
  }
  sku: {
    name: botServiceSku
  }
}

resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}
