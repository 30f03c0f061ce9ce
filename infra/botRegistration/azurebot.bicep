// The Azure Bot resource of a one-company deployment (botIdentityMode = 'userAssignedMsi'):
// the user-assigned managed identity is the bot (msaAppType UserAssignedMSI), with the Teams
// channel. Azure no longer creates new multi-tenant Azure Bot resources, which is why the
// default, every-partner deployment registers its multi-tenant app with botFramework/create.

@maxLength(20)
@minLength(4)
param resourceBaseName string
param identityClientId string
param identityResourceId string
param identityTenantId string
param botDisplayName string
param botAppDomain string

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: resourceBaseName
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    msaAppType: 'UserAssignedMSI'
  }
  sku: {
    name: 'F0'
  }
}

resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}
