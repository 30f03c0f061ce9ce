/**
 * The app registration's credential for one tenant. App-only tokens are issued per tenant,
 * so in multi-tenant mode every partner tenant gets its own credential (and MSAL token
 * cache). Three ways to sign in: a client secret, a certificate (PEM with the private key),
 * or a managed identity whose token is the app's client assertion (a federated identity
 * credential on the app registration: no secret anywhere).
 */
import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import { PUBLIC_TOKEN_EXCHANGE_AUDIENCE, type GraphConfig } from './config.js';

export interface CredentialOptions {
  /** Extra CA certificate (PEM) for the authority (a TLS-inspecting proxy, or the loopback authority in tests). */
  readonly authorityCaPem?: string;
  /** The managed identity to take assertions from (tests: a loopback App Service identity endpoint). */
  readonly managedIdentity?: TokenCredential;
}

export type CredentialFactory = (tenantId: string) => TokenCredential;

export function credentialFactory(config: GraphConfig, options: CredentialOptions = {}): CredentialFactory {
  const { clientId, credential } = config;
  if (!clientId || !credential) throw new Error('Graph credential factory needs GRAPH_CLIENT_ID and a credential');
  const common = {
    authorityHost: config.authorityHost,
    // Our authority comes from our own config, so MSAL need not validate it against
    // Microsoft's instance discovery (which also would make a call to the public cloud).
    disableInstanceDiscovery: true,
    ...(options.authorityCaPem !== undefined ? { tlsOptions: { ca: options.authorityCaPem } } : {}),
  };
  switch (credential.kind) {
    case 'secret':
      return (tenantId) => new ClientSecretCredential(tenantId, clientId, credential.clientSecret, common);
    case 'certificate':
      return (tenantId) =>
        new ClientCertificateCredential(tenantId, clientId, { certificatePath: credential.certificatePath }, common);
    case 'managedIdentity': {
      // One identity for every tenant: its token is the proof, each tenant issues its own app token.
      const identity =
        options.managedIdentity ??
        (credential.clientId === undefined
          ? new ManagedIdentityCredential()
          : new ManagedIdentityCredential({ clientId: credential.clientId }));
      // The audience the app's federated credential accepts: each cloud has its own.
      const scope = `${config.tokenExchangeAudience ?? PUBLIC_TOKEN_EXCHANGE_AUDIENCE}/.default`;
      const assertion = async (): Promise<string> => {
        const token = await identity.getToken(scope);
        if (!token) throw new Error('the managed identity returned no token');
        return token.token;
      };
      return (tenantId) => new ClientAssertionCredential(tenantId, clientId, assertion, common);
    }
  }
}
