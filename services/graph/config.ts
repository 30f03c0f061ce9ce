/**
 * Microsoft Graph settings, as the bot's config module validated them. Owned by the Graph
 * layer so services do not import the bot's config; `bot/config.ts` builds it.
 */

/** `GRAPH_TENANT_ID=organizations`: every call runs in the tenant of the person it is about. */
export const MULTI_TENANT = 'organizations';

/** How the app registration proves itself: a secret, a certificate, or a managed identity as federated credential. */
export type GraphCredentialConfig =
  | { readonly kind: 'secret'; readonly clientSecret: string }
  /** PEM file with the private key and its certificate (`ClientCertificateCredential`). */
  | { readonly kind: 'certificate'; readonly certificatePath: string }
  /**
   * A managed identity's token for the cloud's token-exchange audience as the app's client assertion
   * (a federated identity credential of the app): no secret anywhere. `clientId` selects a
   * user-assigned identity; absent means the system-assigned one.
   */
  | { readonly kind: 'managedIdentity'; readonly clientId?: string };

export interface GraphConfig {
  readonly enabled: boolean;
  readonly baseUrl: string;
  readonly authorityHost: string;
  /** A tenant GUID (single-tenant: today's behaviour), or `organizations` (every partner's own tenant). */
  readonly tenantId: string | undefined;
  readonly clientId: string | undefined;
  readonly credential: GraphCredentialConfig | undefined;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly cacheTtlSeconds: number;
  /** Used for the anonymous OpenID discovery lookup when Graph is not configured. */
  readonly openIdAuthorityHost: string;
  /** The audience a federated credential accepts in this cloud; absent: the public cloud's. */
  readonly tokenExchangeAudience?: string;
  /**
   * The app's home tenant (MicrosoftAppTenantId), where it is always consented: with
   * `organizations`, the one place to name an organization whose own tenant has not consented yet.
   */
  readonly homeTenantId?: string | undefined;
}

/** The public cloud's federated-credential audience (US Government and China have their own). */
export const PUBLIC_TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

export const isMultiTenant = (config: Pick<GraphConfig, 'tenantId'>): boolean =>
  config.tenantId?.toLowerCase() === MULTI_TENANT;

/** Where a Global administrator of `tenantId` grants the app's application permissions. */
export function adminConsentUrl(config: Pick<GraphConfig, 'authorityHost' | 'clientId'>, tenantId: string): string {
  return `${config.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(tenantId)}/adminconsent?client_id=${encodeURIComponent(config.clientId ?? '')}`;
}
