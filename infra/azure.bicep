extension microsoftGraphV1

// partner-merge-bot on Azure, with no stored credential anywhere (Microsoft 365 Agents Toolkit
// layout: provisioned by `arm/deploy` in m365agents.yml, outputs written to env/.env.<env>).
//
// - A user-assigned managed identity is the one identity of the running bot: the federated
//   credential of the bot's multi-tenant Entra app (Bot Connector and Graph tokens in every
//   partner tenant), and the storage principal (role assignments below).
// - App Service (Linux, Node 24 LTS) runs several instances (STORE=azure) on a Storage account
//   whose shared keys are disabled: tables, queues and blobs are reached with Entra tokens.
// - Log Analytics and Application Insights for the operator.

@maxLength(20)
@minLength(4)
@description('Used to generate names for all resources in this file')
param resourceBaseName string

@description('Shown in the Bot Framework registration')
param botDisplayName string

@description('App Service plan SKU; B1 is the smallest with always-on')
param webAppSku string = 'B1'

@minValue(1)
@description('Instances of the bot; more than one needs STORE=azure (set below)')
param appServicePlanCapacity int = 2

@description('Storage account redundancy')
param storageSku string = 'Standard_LRS'

@description('"federated": the multi-tenant app with the managed identity as federated credential (every partner tenant). "userAssignedMsi": the managed identity is the bot (one company only).')
@allowed(['federated', 'userAssignedMsi'])
param botIdentityMode string = 'federated'

param location string = resourceGroup().location

var serverfarmsName = resourceBaseName
var webAppName = resourceBaseName
var identityName = '${resourceBaseName}-identity'
var storageName = toLower(take(replace('${resourceBaseName}st${uniqueString(resourceGroup().id)}', '-', ''), 24))
var workspaceName = '${resourceBaseName}-logs'
var insightsName = '${resourceBaseName}-insights'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  location: location
  name: identityName
}

// The bot's Entra app: multi-tenant (every partner company installs and uses it): it proves itself with the managed identity, nothing stored.
// Its credential is the managed identity above (a federated identity credential).
var graphAppId = '00000003-0000-0000-c000-000000000000'
var graphRoles = [
  'cac88765-0581-4025-9725-5ebc13f729ee' // CrossTenantInformation.ReadBasic.All: who owns a domain
  'dbb9058a-0e50-45d7-ae91-66909b5d4664' // Domain.Read.All: the tenant's verified domains
  'df021288-bdef-4463-88db-98f22de89214' // User.Read.All: managers by address, roles, Entra managers
  '483bed4a-2ad3-4361-a73b-c83ccdbdc53c' // RoleManagement.Read.Directory: Global or User Administrator
]

resource botApp 'Microsoft.Graph/applications@v1.0' = if (botIdentityMode == 'federated') {
  uniqueName: '${resourceBaseName}-bot'
  displayName: botDisplayName
  signInAudience: 'AzureADMultipleOrgs'
  requiredResourceAccess: [
    {
      resourceAppId: graphAppId
      resourceAccess: [for role in graphRoles: { id: role, type: 'Role' }]
    }
  ]

  resource managedIdentityCredential 'federatedIdentityCredentials@v1.0' = {
    name: '${botApp.uniqueName}/running-bot'
    description: 'The App Service managed identity signs in as this app (no stored credential)'
    audiences: ['api://AzureADTokenExchange']
    issuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
    subject: identity.properties.principalId
  }
}

resource botServicePrincipal 'Microsoft.Graph/servicePrincipals@v1.0' = if (botIdentityMode == 'federated') {
  appId: botApp.appId
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

// The bot's Entra identity as the running code sees it.
var botAppId = botIdentityMode == 'federated' ? botApp.appId : identity.properties.clientId
var botIdentitySettings = botIdentityMode == 'federated'
  ? [
      { name: 'MicrosoftAppType', value: 'MultiTenant' }
      { name: 'BOT_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
      // Graph in every partner tenant, as the same app, with the same federated credential.
      { name: 'GRAPH_TENANT_ID', value: 'organizations' }
      { name: 'GRAPH_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
    ]
  : [
      { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
      { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
      { name: 'GRAPH_ENABLED', value: 'false' }
    ]

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
      appSettings: concat(
        [
          { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
          { name: 'NODE_ENV', value: 'production' }
          { name: 'PORT', value: '8080' }
          { name: 'MicrosoftAppId', value: botAppId }
          { name: 'STORE', value: 'azure' }
          { name: 'AZURE_STORAGE_ACCOUNT_NAME', value: storage.name }
          // Selects the user-assigned identity for DefaultAzureCredential (storage).
          { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
          { name: 'SEED_DEMO_DATA', value: 'false' }
          // Spans and metrics of the bot (OpenTelemetry through Azure Monitor).
          { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        ],
        botIdentitySettings
      )
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

// One company only: an Azure Bot resource whose app is the managed identity itself. The
// multi-tenant app is registered with the Bot Framework by botFramework/create instead.
module azureBotRegistration './botRegistration/azurebot.bicep' = if (botIdentityMode == 'userAssignedMsi') {
  name: 'Azure-Bot-registration'
  params: {
    resourceBaseName: resourceBaseName
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: identity.properties.tenantId
    botDisplayName: botDisplayName
    botAppDomain: webApp.properties.defaultHostName
  }
}

// The Toolkit writes these to env/.env.<env>.
output BOT_ID string = botAppId
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output BOT_MANAGED_IDENTITY_CLIENT_ID string = identity.properties.clientId
output BOT_MANAGED_IDENTITY_PRINCIPAL_ID string = identity.properties.principalId
output BOT_MANAGED_IDENTITY_TENANT_ID string = identity.properties.tenantId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
