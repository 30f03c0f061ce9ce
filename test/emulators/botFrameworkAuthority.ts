/**
 * A loopback Bot Framework authority, so authentication tests run fully offline:
 *
 * - inbound (channel → bot): the OpenID metadata documents botbuilder reads for channel and
 *   Emulator tokens, and their JWKS (RSA keys with Bot Framework `endorsements`), plus
 *   `sign()` to mint tokens, well-formed or forged (other key, same `kid` with another key,
 *   `alg: none`, HS256 keyed with the public key…). Plain HTTP: botbuilder's OpenIdMetadata
 *   fetches with node-fetch and the global agent, which accepts an http URL but would refuse
 *   a self-signed certificate.
 * - outbound (bot → connector): the bot gets its tokens from a `TokenIssuer` (HTTPS, the
 *   client-credentials flow) through botbuilder's `MsalServiceClientCredentialsFactory`,
 *   built with `knownAuthorities` and MSAL's `customAgentOptions.ca` trusting the test CA.
 *
 * `configuration()` gives all seven botbuilder endpoint keys (and `ValidateAuthority`)
 * together, as `ConfigurationBotFrameworkAuthentication` needs them.
 */
import { createHmac, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as http from 'node:http';
import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';
import { sendJson, startLoopbackServer, type LoopbackServer, type TestTls, type TokenIssuer } from './tokenIssuer.js';

export type SigningAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'HS256' | 'none';

export interface SignOptions {
  /** Which key signs: a published one by kid, or any private key (a forgery). Default: the main key. */
  readonly key?: KeyObject;
  /** The `kid` in the header; default: the main key's. */
  readonly kid?: string;
  readonly alg?: SigningAlgorithm;
  /** HS256 only: the HMAC secret (e.g. the public key's PEM: the classic confusion attack). */
  readonly hmacSecret?: string;
}

interface PublishedKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly endorsements: readonly string[];
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const RSA_HASH: Readonly<Record<string, string>> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

function rsaKey(kid: string, endorsements: readonly string[]): PublishedKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey, endorsements };
}

export class BotFrameworkAuthority {
  readonly requests: Array<{ readonly method: string; readonly path: string }> = [];
  /** Endorsed for Teams (and the Emulator). */
  readonly mainKey = rsaKey('bf-main', ['msteams', 'emulator']);
  /** Published, but endorsed for Web Chat only. */
  readonly webChatKey = rsaKey('bf-webchat', ['webchat']);
  /** While true, every request gets a 503 (an outage of the metadata service). */
  down = false;
  private server!: LoopbackServer;

  /**
   * Plain HTTP by default; with `tls`, HTTPS as the real endpoints are (a child process then needs
   * NODE_EXTRA_CA_CERTS).
   */
  static async start(tls?: TestTls): Promise<BotFrameworkAuthority> {
    const authority = new BotFrameworkAuthority();
    authority.server = await startLoopbackServer((req, res) => authority.handle(req, res), tls);
    return authority;
  }

  get origin(): string {
    return this.server.origin;
  }

  /** The `iss` of channel tokens (what `ToBotFromChannelTokenIssuer` is set to). */
  get channelIssuer(): string {
    return `${this.server.origin}/botframework`;
  }

  get channelMetadataUrl(): string {
    return `${this.server.origin}/v1/.well-known/openidconfiguration`;
  }

  get emulatorMetadataUrl(): string {
    return `${this.server.origin}/common/v2.0/.well-known/openid-configuration`;
  }

  /** botbuilder's endpoint keys, all seven, for `authOverrides`. */
  configuration(outbound: {
    readonly loginUrl: string;
    readonly oauthScope: string;
  }): Partial<ConfigurationBotFrameworkAuthenticationOptions> {
    return {
      ToChannelFromBotLoginUrl: outbound.loginUrl,
      ToChannelFromBotOAuthScope: outbound.oauthScope,
      ToBotFromChannelTokenIssuer: this.channelIssuer,
      OAuthUrl: `${this.server.origin}/oauth`,
      ToBotFromChannelOpenIdMetadataUrl: this.channelMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: this.emulatorMetadataUrl,
      CallerId: 'urn:botframework:loopback',
      ValidateAuthority: false,
    };
  }

  /** A JWT over `claims` (times default to now … now + 1 h), signed as `options` say. */
  sign(claims: Record<string, unknown>, options: SignOptions = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const alg = options.alg ?? 'RS256';
    const header = { alg, typ: 'JWT', kid: options.kid ?? this.mainKey.kid };
    const payload = { nbf: now, iat: now, exp: now + 3600, ...claims };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    let signature = '';
    if (alg === 'HS256')
      signature = createHmac('sha256', options.hmacSecret ?? '')
        .update(signingInput)
        .digest('base64url');
    else if (alg !== 'none')
      signature = cryptoSign(
        RSA_HASH[alg] ?? 'sha256',
        Buffer.from(signingInput),
        options.key ?? this.mainKey.privateKey,
      ).toString('base64url');
    return `${signingInput}.${signature}`;
  }

  /** What the Bot Connector sends Teams bots: issuer, audience (the app id), serviceurl. */
  channelClaims(appId: string, serviceUrl: string): Record<string, unknown> {
    return { iss: this.channelIssuer, aud: appId, serviceurl: serviceUrl };
  }

  /** PEM of a published public key (for the HS256 confusion forgery). */
  publicKeyPem(key: PublishedKey = this.mainKey): string {
    return key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private jwks(): { keys: Array<Record<string, unknown>> } {
    return {
      keys: [this.mainKey, this.webChatKey].map((key) => ({
        ...key.publicKey.export({ format: 'jwk' }),
        kty: 'RSA',
        use: 'sig',
        kid: key.kid,
        endorsements: [...key.endorsements],
      })),
    };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.server.origin);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname });
    const metadata = (issuer: string, jwksPath: string): Record<string, unknown> => ({
      issuer,
      authorization_endpoint: `${this.server.origin}/authorize`,
      jwks_uri: `${this.server.origin}${jwksPath}`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    });
    if (this.down) sendJson(res, 503, { error: 'service_unavailable' });
    else if (req.method !== 'GET') sendJson(res, 405, { error: 'method_not_allowed' });
    else if (url.pathname === '/v1/.well-known/openidconfiguration')
      sendJson(res, 200, metadata(this.channelIssuer, '/v1/.well-known/keys'));
    else if (url.pathname === '/common/v2.0/.well-known/openid-configuration')
      sendJson(res, 200, metadata('https://login.microsoftonline.com/{tenantid}/v2.0', '/common/discovery/v2.0/keys'));
    else if (url.pathname === '/v1/.well-known/keys' || url.pathname === '/common/discovery/v2.0/keys')
      sendJson(res, 200, this.jwks());
    else sendJson(res, 404, { error: 'not_found' });
    return Promise.resolve();
  }
}

/** A fresh RSA key nobody published (to forge signatures with). */
export function unpublishedKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

/** The MSAL client type botbuilder's own factory takes (botbuilder bundles its own msal-node). */
type BotbuilderMsalClient = ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];

interface MsalClientConfiguration {
  readonly auth: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly authority: string;
    readonly knownAuthorities: readonly string[];
  };
  readonly system: { readonly customAgentOptions: { readonly ca: string } };
}

/** The msal-node that botframework-connector depends on, loaded from botframework-connector's folder. */
function botbuilderMsal(): {
  ConfidentialClientApplication: new (configuration: MsalClientConfiguration) => BotbuilderMsalClient;
} {
  const require = createRequire(import.meta.url);
  const connectorDir = dirname(require.resolve('botframework-connector'));
  return require(require.resolve('@azure/msal-node', { paths: [connectorDir] })) as {
    ConfidentialClientApplication: new (configuration: MsalClientConfiguration) => BotbuilderMsalClient;
  };
}

/**
 * botbuilder's MSAL-based credentials factory, against a loopback `TokenIssuer`: the
 * authority is ours (`knownAuthorities`, so MSAL skips instance discovery) and MSAL's
 * HTTPS agent trusts the issuer's self-signed certificate.
 */
export function loopbackCredentialsFactory(
  issuer: TokenIssuer,
  client: { readonly appId: string; readonly secret: string; readonly tenantId: string },
): MsalServiceClientCredentialsFactory {
  const { ConfidentialClientApplication } = botbuilderMsal();
  const application = new ConfidentialClientApplication({
    auth: {
      clientId: client.appId,
      clientSecret: client.secret,
      authority: `${issuer.authorityHost}/${client.tenantId}`,
      knownAuthorities: [new URL(issuer.authorityHost).host],
    },
    system: { customAgentOptions: { ca: issuer.tls.cert } },
  });
  return new MsalServiceClientCredentialsFactory(client.appId, application);
}
