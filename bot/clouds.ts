/**
 * The Microsoft clouds the bot can run in, as one-word presets (`MICROSOFT_CLOUD`). Each
 * fills botbuilder's own endpoint keys (exactly as `ConfigurationBotFrameworkAuthentication`
 * reads them) and the matching Graph, sign-in and Teams service URLs; an explicitly set
 * variable always wins over the preset.
 *
 * Sources: botframework-connector's `GovernmentConstants` (Azure Government's Bot Framework
 * endpoints, used by GCC, GCC High and DoD bots), Microsoft's "Configure a bot in Microsoft
 * Azure operated by 21Vianet" (China), Microsoft Graph's national cloud deployments table,
 * Teams' government service URLs, and Entra's "Configure an application to trust a managed
 * identity" (the federated credential's audience of each cloud).
 */
import { GovernmentConstants } from 'botframework-connector';

export const MICROSOFT_CLOUDS = ['public', 'usgov', 'usgovhigh', 'dod', 'china'] as const;
export type MicrosoftCloud = (typeof MICROSOFT_CLOUDS)[number];

/** botbuilder's configuration keys for the channel connection, by their own names. */
export const BOT_FRAMEWORK_KEYS = [
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'OAuthUrl',
  'CallerId',
] as const;
export type BotFrameworkKey = (typeof BOT_FRAMEWORK_KEYS)[number];

export type ChannelSettings = Partial<Record<BotFrameworkKey, string>> & { readonly ValidateAuthority?: boolean };

export interface CloudPreset {
  /** botbuilder keys; empty: botbuilder's public-cloud defaults. */
  readonly channel: ChannelSettings;
  readonly graphBaseUrl: string;
  /** Entra ID sign-in (app-only tokens for Graph, the admin-consent link, the OpenID lookup). */
  readonly loginHost: string;
  /** Azure Storage's domain (`<account>.table.<suffix>`). */
  readonly storageSuffix: string;
  /**
   * Where the bot starts a chat with someone of a tenant it has not talked to yet; undefined: NOTIFY_SERVICE_URL must
   * say.
   */
  readonly teamsServiceUrl: string | undefined;
  /**
   * The audience of a managed identity's token that an app's federated identity credential
   * accepts, per cloud (Entra: "Configure an application to trust a managed identity").
   */
  readonly tokenExchangeAudience: string;
}

const AZURE_GOVERNMENT: ChannelSettings = {
  ToChannelFromBotLoginUrl: GovernmentConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: GovernmentConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: GovernmentConstants.ToBotFromChannelTokenIssuer,
  ToBotFromChannelOpenIdMetadataUrl: GovernmentConstants.ToBotFromChannelOpenIdMetadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  OAuthUrl: GovernmentConstants.OAuthUrl,
  CallerId: 'urn:botframework:azureusgov',
  ValidateAuthority: true,
};

export const CLOUD_PRESETS: Readonly<Record<MicrosoftCloud, CloudPreset>> = {
  public: {
    channel: {},
    graphBaseUrl: 'https://graph.microsoft.com/v1.0',
    loginHost: 'https://login.microsoftonline.com',
    storageSuffix: 'core.windows.net',
    teamsServiceUrl: 'https://smba.trafficmanager.net/teams',
    tokenExchangeAudience: 'api://AzureADTokenExchange',
  },
  usgov: {
    channel: AZURE_GOVERNMENT,
    graphBaseUrl: 'https://graph.microsoft.us/v1.0',
    loginHost: 'https://login.microsoftonline.us',
    storageSuffix: 'core.usgovcloudapi.net',
    teamsServiceUrl: 'https://smba.infra.gcc.teams.microsoft.com/teams',
    tokenExchangeAudience: 'api://AzureADTokenExchangeUSGov',
  },
  usgovhigh: {
    channel: AZURE_GOVERNMENT,
    graphBaseUrl: 'https://graph.microsoft.us/v1.0',
    loginHost: 'https://login.microsoftonline.us',
    storageSuffix: 'core.usgovcloudapi.net',
    teamsServiceUrl: 'https://smba.infra.gov.teams.microsoft.us/teams',
    tokenExchangeAudience: 'api://AzureADTokenExchangeUSGov',
  },
  dod: {
    channel: AZURE_GOVERNMENT,
    graphBaseUrl: 'https://dod-graph.microsoft.us/v1.0',
    loginHost: 'https://login.microsoftonline.us',
    storageSuffix: 'core.usgovcloudapi.net',
    teamsServiceUrl: 'https://smba.infra.dod.teams.microsoft.us/teams',
    tokenExchangeAudience: 'api://AzureADTokenExchangeUSGov',
  },
  china: {
    channel: {
      ToChannelFromBotLoginUrl: 'https://login.partner.microsoftonline.cn/microsoftservices.partner.onmschina.cn',
      ToChannelFromBotOAuthScope: 'https://api.botframework.azure.cn',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.azure.cn',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.cn/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl:
        'https://login.partner.microsoftonline.cn/a55a4d5b-9241-49b1-b4ff-befa8db00269/v2.0/.well-known/openid-configuration',
      OAuthUrl: 'https://token.botframework.azure.cn/',
      CallerId: 'urn:botframework:azurechina',
      ValidateAuthority: true,
    },
    graphBaseUrl: 'https://microsoftgraph.chinacloudapi.cn/v1.0',
    loginHost: 'https://login.chinacloudapi.cn',
    storageSuffix: 'core.chinacloudapi.cn',
    // Teams operated by 21Vianet publishes no fixed connector URL: the operator sets NOTIFY_SERVICE_URL.
    teamsServiceUrl: undefined,
    tokenExchangeAudience: 'api://AzureADTokenExchangeChina',
  },
};
