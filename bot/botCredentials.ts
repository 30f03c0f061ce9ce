/**
 * The bot's own outbound credentials (bot → Bot Connector) without a secret: the bot's
 * multi-tenant Entra app proves itself with a managed identity's token as client assertion
 * (a federated identity credential on the app registration), at the login URL of the
 * configured cloud (`ToChannelFromBotLoginUrl`). `MicrosoftAppType=UserAssignedMSI` needs
 * nothing here: botbuilder's own ManagedIdentityServiceClientCredentialsFactory serves it.
 *
 * botframework-connector's FederatedServiceClientCredentialsFactory does the same but always
 * signs in at the public cloud's login URL, so it cannot serve the other clouds (nor a test
 * authority); this builds the same MSAL client with the configured authority instead.
 */
import { ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
import {
  AuthenticationConstants,
  MsalServiceClientCredentialsFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { BotAuthConfig } from './config.js';

type BotbuilderMsalClient = ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];

/** The login URL botbuilder would use for this app type, unless the cloud's key names one. */
export function channelLoginUrl(auth: BotAuthConfig): string {
  if (auth.channel.ToChannelFromBotLoginUrl) return auth.channel.ToChannelFromBotLoginUrl;
  return auth.appType === 'SingleTenant' && auth.appTenantId
    ? `${AuthenticationConstants.ToChannelFromBotLoginUrlPrefix}${auth.appTenantId}`
    : AuthenticationConstants.ToChannelFromBotLoginUrl;
}

/** Federated credentials when `BOT_MANAGED_IDENTITY_CLIENT_ID` is set; otherwise botbuilder's defaults. */
export function federatedCredentialsFactory(
  auth: BotAuthConfig,
  identity?: TokenCredential,
): ServiceClientCredentialsFactory | undefined {
  const { appId, managedIdentityClientId } = auth;
  if (!appId || !managedIdentityClientId || auth.appType === 'UserAssignedMSI') return undefined;
  const assertionSource = identity ?? new ManagedIdentityCredential({ clientId: managedIdentityClientId });
  const authority = channelLoginUrl(auth);
  const client = new ConfidentialClientApplication({
    auth: {
      clientId: appId,
      authority,
      // Our authority comes from our own config: no instance discovery against the public cloud.
      knownAuthorities: [new URL(authority).host],
      clientAssertion: async () => {
        // The audience the app's federated credential accepts in this cloud.
        const token = await assertionSource.getToken(`${auth.tokenExchangeAudience}/.default`);
        if (!token) throw new Error('the managed identity returned no token for the federated credential');
        return token.token;
      },
    },
  });
  // botbuilder bundles an older msal-node; the client API it calls (acquireTokenByClientCredential) is the same.
  return new MsalServiceClientCredentialsFactory(appId, client as unknown as BotbuilderMsalClient);
}
