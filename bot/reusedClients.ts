/**
 * botbuilder builds a new ConnectorClient and a new UserTokenClient, each with its own
 * HTTP pipeline, for every turn and every proactive message: about a tenth of the CPU of
 * a card click that also notifies someone. Both are stateless between requests (their
 * credentials fetch and cache tokens themselves), so one per bot identity, service URL and
 * audience is reused, as botbuilder's older BotFrameworkAdapter did. Everything else is
 * the wrapped authentication's.
 */
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/** Service URLs are regional (a handful per cloud); the bound only guards against odd input. */
const MAX_CLIENTS = 256;

/** A small insertion-ordered cache of promises; a rejected one is forgotten so the next call tries again. */
class PromiseCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly max: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key);
    if (known !== undefined) return known;
    const made = make();
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(key, made);
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    return made;
  }
}

class ReusedConnectorFactory extends ConnectorFactory {
  private readonly clients = new PromiseCache<ConnectorClient>(MAX_CLIENTS);

  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(`${serviceUrl}\u0000${audience ?? ''}`, () => this.inner.create(serviceUrl, audience));
  }
}

/** The app id botbuilder's own factories use for an identity: the audience, else the `appid` claim. */
function appIdOf(identity: ClaimsIdentity): string {
  return (
    identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}

export class ReusedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly factories = new Map<string, ReusedConnectorFactory>();
  private readonly tokenClients = new PromiseCache<UserTokenClient>(MAX_CLIENTS);

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateRequest(activity, authHeader);
    return { ...result, connectorFactory: this.createConnectorFactory(result.claimsIdentity) };
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    const result = await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    return { ...result, connectorFactory: this.createConnectorFactory(result.claimsIdentity) };
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    let factory = this.factories.get(appId);
    if (factory === undefined) {
      // One bot has one app id; anything beyond a few is not worth keeping.
      if (this.factories.size >= 16) this.factories.clear();
      factory = new ReusedConnectorFactory(this.inner.createConnectorFactory(claimsIdentity));
      this.factories.set(appId, factory);
    }
    return factory;
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}
