/**
 * Inbound request authentication, in front of botbuilder.
 *
 * botbuilder's CloudAdapter validates Bot Framework tokens, but several forged tokens make
 * it throw plain `JsonWebTokenError`s (a 500 instead of a 401), and one of its checks adds
 * every `tid` claim it sees to a process-wide issuer list (unbounded growth, and tokens from
 * any Entra tenant then pass the Emulator path). So every request goes through
 * `InboundAuthenticator` first:
 *
 * 1. a cheap screen of the raw header (no key material needed): `Bearer` + a three-part
 *    JWT, an RSA signing algorithm, a `kid`, an issuer we accept, a tenant we accept, a
 *    numeric expiry and the 5-minute clock skew botbuilder uses;
 * 2. botbuilder's own validation (signature against the OpenID metadata keys, issuer,
 *    audience = our app id, `serviceurl` claim, endorsements), with skill tokens refused;
 * 3. a last check that the validated identity names this bot.
 *
 * Any failure is one `{ ok: false, reason }`: the server answers 401 with a generic body and
 * logs the reason once. Reasons never contain the token.
 */
import {
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationConfiguration,
  AuthenticationConstants,
  AuthenticationError,
  SkillValidation,
  ToBotFromBotOrEmulatorTokenValidationParameters,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type Claim,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { BotAuthConfig } from './config.js';

/** Real Bot Framework tokens are 1–3 KB; anything far larger is not one. */
export const MAX_AUTHORIZATION_HEADER_LENGTH = 8 * 1024;
/** The clock skew botbuilder allows on `exp` and `nbf` (seconds). */
const CLOCK_SKEW_SECONDS = 5 * 60;
const ALLOWED_ALGORITHMS: readonly string[] = AuthenticationConstants.AllowedSigningAlgorithms;
const BEARER_JWT = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;
const GUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Issuers of Bot Framework Emulator / Azure Bot Service tokens, copied when this module loads
 * (botbuilder appends to its own list at run time; see above).
 */
const EMULATOR_ISSUERS: readonly string[] = [...(ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[])];

export type InboundAuthResult =
  | { readonly ok: true; readonly result: AuthenticateRequestResult }
  /** `ourSide`: the signing keys could not be loaded (an outage, not a forgery); still a 401. */
  | { readonly ok: false; readonly reason: string; readonly ourSide?: boolean };

export interface TokenPolicy {
  /** The bot's app id; undefined in anonymous local mode (no token is required then). */
  readonly appId: string | undefined;
  /** Issuers a token may name: the channel's and the Emulator's (plus the bot's own tenant). */
  readonly issuers: ReadonlySet<string>;
  /** Tenants a `tid` claim may name. */
  readonly tenants: ReadonlySet<string>;
}

export interface BotFrameworkAuthOptions {
  readonly auth: BotAuthConfig;
  /** botbuilder configuration keys on top of ours (tests: loopback OpenID endpoints). */
  readonly overrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions> | undefined;
  /** Outbound credentials (tests: MSAL against a loopback authority); default from the config. */
  readonly credentialsFactory?: ServiceClientCredentialsFactory | undefined;
}

/** The token policy that matches the botbuilder configuration built from the same options. */
export function tokenPolicyFor(options: BotFrameworkAuthOptions): TokenPolicy {
  const { auth, overrides } = options;
  const channelIssuer = overrides?.ToBotFromChannelTokenIssuer || AuthenticationConstants.ToBotFromChannelTokenIssuer;
  const issuers = new Set([channelIssuer, ...EMULATOR_ISSUERS]);
  if (auth.appTenantId) {
    // botbuilder accepts Emulator tokens of a single-tenant bot's own tenant.
    issuers.add(`${AuthenticationConstants.ValidTokenIssuerUrlTemplateV1}${auth.appTenantId}/`);
    issuers.add(`${AuthenticationConstants.ValidTokenIssuerUrlTemplateV2}${auth.appTenantId}/v2.0`);
  }
  const tenants = new Set(
    [...issuers].flatMap((issuer) => issuer.match(GUID_IN_TEXT) ?? []).map((t) => t.toLowerCase()),
  );
  return { appId: auth.appId, issuers, tenants };
}

/** botbuilder's authentication from our config; skill tokens are refused (this bot is no skill host). */
export function createBotFrameworkAuthentication(
  options: BotFrameworkAuthOptions,
): ConfigurationBotFrameworkAuthentication {
  const { auth } = options;
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: auth.appId ?? '',
      MicrosoftAppPassword: auth.appPassword ?? '',
      MicrosoftAppType: auth.appType,
      MicrosoftAppTenantId: auth.appTenantId ?? '',
      ...options.overrides,
    },
    options.credentialsFactory,
    new AuthenticationConfiguration([], refuseSkillClaims),
  );
}

function refuseSkillClaims(claims: Claim[]): Promise<void> {
  if (SkillValidation.isSkillClaim(claims)) {
    return Promise.reject(
      new AuthenticationError('skill tokens are not accepted (this bot neither calls nor is a skill)', 401),
    );
  }
  return Promise.resolve();
}

export class InboundAuthenticator {
  constructor(
    private readonly botAuth: Pick<BotFrameworkAuthentication, 'authenticateRequest'>,
    private readonly policy: TokenPolicy,
  ) {}

  get anonymous(): boolean {
    return this.policy.appId === undefined;
  }

  /** Authenticates one request; never throws. */
  async authenticate(activity: Activity, authHeader: string): Promise<InboundAuthResult> {
    if (!this.anonymous) {
      const refused = screenToken(authHeader, this.policy);
      if (refused !== undefined) return { ok: false, reason: refused };
    }
    let result: AuthenticateRequestResult;
    try {
      result = await this.botAuth.authenticateRequest(activity, authHeader);
    } catch (err: unknown) {
      return { ok: false, reason: describeFailure(err), ...(isKeyLoadingFailure(err) ? { ourSide: true } : {}) };
    }
    if (!this.anonymous && !namesThisBot(result, this.policy.appId)) {
      return { ok: false, reason: 'the validated identity does not name this bot' };
    }
    return { ok: true, result };
  }
}

/** Why a header cannot hold a token we would accept, or undefined when it might. */
export function screenToken(authHeader: string, policy: TokenPolicy): string | undefined {
  if (!authHeader) return 'no Authorization header';
  if (authHeader.length > MAX_AUTHORIZATION_HEADER_LENGTH) return 'Authorization header too long';
  const parts = BEARER_JWT.exec(authHeader);
  if (!parts) return /^Bearer\s/.test(authHeader) ? 'malformed bearer token' : 'not a Bearer authorization';
  const [, rawHeader = '', rawPayload = '', signature = ''] = parts;
  const header = decodeJsonObject(rawHeader);
  const payload = decodeJsonObject(rawPayload);
  if (!header || !payload) return 'malformed bearer token';
  if (typeof header.alg !== 'string' || !ALLOWED_ALGORITHMS.includes(header.alg))
    return `signing algorithm ${printable(header.alg)} is not accepted`;
  if (!signature) return 'unsigned token';
  if (typeof header.kid !== 'string' || header.kid === '' || header.kid.length > 256)
    return 'token names no signing key';
  if (typeof payload.iss !== 'string' || !policy.issuers.has(payload.iss))
    return `issuer ${printable(payload.iss)} is not accepted`;
  if (
    payload.tid !== undefined &&
    (typeof payload.tid !== 'string' || !policy.tenants.has(payload.tid.toLowerCase()))
  ) {
    return `token of tenant ${printable(payload.tid)} is not accepted`;
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return 'token has no expiry';
  if (payload.exp + CLOCK_SKEW_SECONDS <= now) return 'token expired';
  if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf - CLOCK_SKEW_SECONDS > now))
    return 'token not valid yet';
  return undefined;
}

function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** botbuilder reports OpenID metadata / JWKS trouble as a 500 AuthenticationError; network errors are plain errors. */
function isKeyLoadingFailure(err: unknown): boolean {
  if (err instanceof AuthenticationError) return err.statusCode >= 500;
  return err instanceof Error && (err.name === 'FetchError' || 'code' in err);
}

function namesThisBot(result: AuthenticateRequestResult, appId: string | undefined): boolean {
  const identity = result.claimsIdentity;
  return ['aud', 'azp', 'appid'].some((claim) => identity.getClaimValue(claim) === appId);
}

/** A log-safe reason: the error's message, bounded, without anything shaped like a JWT. */
export function describeFailure(err: unknown): string {
  const name = err instanceof Error ? err.name : typeof err;
  const message = err instanceof Error ? err.message : String(err);
  return `${name}: ${redactTokens(message)}`.slice(0, 300);
}

export function redactTokens(text: string): string {
  return text.replace(/[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[token]').replace(/\p{Cc}+/gu, ' ');
}

function printable(value: unknown): string {
  if (value === undefined) return '(none)';
  return JSON.stringify(typeof value === 'string' ? redactTokens(value).slice(0, 100) : typeof value);
}
