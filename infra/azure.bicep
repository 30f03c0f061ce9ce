// partner-merge-bot on Azure, with no stored credential anywhere (Microsoft 365 Agents Toolkit
// layout: provisioned by `arm/deploy` in m365agents.yml, outputs written to env/.env.<env>).
//
// - The bot's Entra app is created before this template by the Toolkit (aadApp/create and
//   aadApp/update with infra/aad.manifest.json): multi-tenant (AzureADMultipleOrgs), so admins
//   of every partner company use it, and with no stored credential. This template creates no Graph
//   resource: Microsoft Graph Bicep may be deployed interactively only from Azure CLI or
//   Azure PowerShell, not from the Toolkit.
// - A user-assigned managed identity is the one identity of the running bot: the federated
//   credential of that app (created after this template by scripts/federatedCredential.ts),
//   and the storage principal (role assignments below).
// - The Azure Bot is SingleTenant (Azure creates no new MultiTenant bots since 2025-07-31):
//   its app signs in at its home tenant, and as an AzureADMultipleOrgs app it still works in
//   every organization that installs it (Microsoft Teams: "Add authentication to your bot").
// - App Service (Linux, Node 24 LTS) runs several instances (STORE=azure) on a Storage account
//   whose shared keys are disabled: tables, queues and blobs are reached with Entra tokens.
// - Log Analytics and Application Insights for the operator.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('The client id of the bot\'s Entra app (BOT_ID, written by aadApp/create)')
param botAppId string

@description('The tenant of the bot\'s Entra app (BOT_TENANT_ID); the managed identity must be in it too')
param botAppTenantId string = tenant().tenantId

@description('Shown in the Azure Bot resource')
param botDisplayName string

@description('App Service plan SKU; B1 is the smallest with always-on')
param webAppSku string = 'B1'

@minValue(1)
@description('Instances of the bot; more than one needs STORE=azure (set below)')
param appServicePlanCapacity int = 2

@description('Storage account redundancy')
param storageSku string = 'Standard_LRS'

@description('The object id of the operator (az ad signed-in-user show --query id), given table and queue data roles for npm run accounts / outbox; empty: none')
param operatorPrincipalId string = ''

@description('The operator\'s reviewers of companies that register in Teams (REGISTRATION_REVIEWERS): comma-separated <tenant id>/<object id> pairs of Entra users; empty: registration closed')
param registrationReviewers string = ''

@description('The Microsoft cloud of the bot (MICROSOFT_CLOUD): endpoints of the Bot Framework, Graph and Teams')
@allowed(['public', 'usgov', 'usgovhigh', 'dod', 'china'])
param microsoftCloud string = environment().name == 'AzureUSGovernment' ? 'usgov' : environment().name == 'AzureChinaCloud' ? 'china' : 'public'

param location string = resourceGroup().location

// Web app and bot names are global (azurewebsites.net, Bot Service handles), so they carry a
// suffix derived from the resource group, as the storage account's does; the rest are per group.
var unique = uniqueString(resourceGroup().id, resourceBaseName)
var serverfarmsName = resourceBaseName
var webAppName = '${resourceBaseName}-${unique}'
var botServiceName = '${resourceBaseName}-${unique}'
var identityName = '${resourceBaseName}-identity'
var storageName = toLower(take(replace('${resourceBaseName}st${unique}', '-', ''), 24))
var workspaceName = '${resourceBaseName}-logs'
var insightsName = '${resourceBaseName}-insights'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    // Entra tokens only: no account key, no SAS signed with it.
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
  }
}

// Built-in data roles for the identity: tables (the store), queues (the outbox work), blobs (dialog state).
var storageRoles = {
  table: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
  queue: '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
  blob: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe' // Storage Blob Data Contributor
}

resource storageRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(storageRoles): {
    name: guid(storage.id, identity.id, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

// The operator's commands (accounts, outbox) work on tables and queues with their own sign-in.
resource operatorRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in [storageRoles.table, storageRoles.queue]: if (!empty(operatorPrincipalId)) {
    name: guid(storage.id, operatorPrincipalId, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: operatorPrincipalId
      principalType: 'User'
    }
  }
]

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: insightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: false
  }
}

resource serverfarm 'Microsoft.Web/serverfarms@2023-12-01' = {
  kind: 'linux'
  location: location
  name: serverfarmsName
  sku: {
    name: webAppSku
    capacity: appServicePlanCapacity
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  kind: 'app,linux'
  location: location
  name: webAppName
  properties: {
    serverFarmId: serverfarm.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/healthz'
      appCommandLine: 'node dist/bot/index.js'
      appSettings: [
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'NODE_ENV', value: 'production' }
        { name: 'PORT', value: '8080' }
        { name: 'MICROSOFT_CLOUD', value: microsoftCloud }
        // The bot: a SingleTenant Azure Bot whose multi-tenant app signs in at its home tenant,
        // with the managed identity's token as its credential (nothing stored).
        { name: 'MicrosoftAppId', value: botAppId }
        { name: 'MicrosoftAppType', value: 'SingleTenant' }
        { name: 'MicrosoftAppTenantId', value: botAppTenantId }
        { name: 'BOT_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
        // Graph in every partner tenant, as the same app, with the same federated credential.
        { name: 'GRAPH_TENANT_ID', value: 'organizations' }
        { name: 'GRAPH_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
        { name: 'STORE', value: 'azure' }
        { name: 'AZURE_STORAGE_ACCOUNT_NAME', value: storage.name }
        // Selects the user-assigned identity for DefaultAzureCredential (storage).
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'SEED_DEMO_DATA', value: 'false' }
        { name: 'REGISTRATION_REVIEWERS', value: registrationReviewers }
        // Spans and metrics of the bot (OpenTelemetry through Azure Monitor).
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
      ]
    }
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [storageRoleAssignments]
}

// The bot's JSON log lines (pino on stdout) and App Service's own logs, in Log Analytics.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs-to-workspace'
  scope: webApp
  properties: {
    workspaceId: workspace.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    botServiceName: botServiceName
    botAppId: botAppId
    botAppTenantId: botAppTenantId
    botDisplayName: botDisplayName
    botAppDomain: webApp.properties.defaultHostName
  }
}

// The Toolkit writes these to env/.env.<env>.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_SERVICE_NAME string = botServiceName
output BOT_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output BOT_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output BOT_MANAGED_IDENTITY_TENANT_ID string = identity.properties.tenantId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output MICROSOFT_CLOUD string = microsoftCloud
