/**
 * A loopback Microsoft identity platform for tests: HTTPS (MSAL and @azure/identity refuse
 * non-https authorities), OpenID discovery metadata, a JWKS, and a v2.0 token endpoint for
 * the client-credentials flow that issues RS256 JWTs. `sign()`/`verify()` let other tests
 * mint and check tokens with the same keys (e.g. Bot Framework auth tests).
 *
 * Also home of the small loopback helpers the other emulators share: a throwaway
 * self-signed certificate made with node:crypto alone (no openssl CLI needed), a fetch that
 * trusts it, and JSON server plumbing.
 */
import {
  constants,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  createHash,
  sign as cryptoSign,
  verify as cryptoVerify,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------------------
// Throwaway TLS: a self-signed P-256 certificate for 127.0.0.1 and localhost.

export interface TestTls {
  /** PEM private key (PKCS#8). */
  readonly key: string;
  /** PEM certificate; also the CA to trust, since it is self-signed. */
  readonly cert: string;
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const der = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const seq = (...content: Buffer[]): Buffer => der(0x30, ...content);
const derOid = (dotted: string): Buffer => {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f];
    for (let n = arc >> 7; n > 0; n >>= 7) chunk.unshift((n & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
};
const derUtcTime = (date: Date): Buffer =>
  der(0x17, Buffer.from(date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
const derName = (cn: string): Buffer => seq(der(0x31, seq(derOid('2.5.4.3'), der(0x0c, Buffer.from(cn)))));

/**
 * Builds and signs an X.509 v3 certificate in DER, then checks it parses. P-256 for TLS; RSA for app credentials (MSAL
 * signs assertions with RSA).
 */
export function createSelfSignedTls(commonName = 'loopback test authority', keyType: 'ec' | 'rsa' = 'ec'): TestTls {
  const { privateKey, publicKey } =
    keyType === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecdsaSha256 =
    keyType === 'rsa' ? seq(derOid('1.2.840.113549.1.1.11'), der(0x05)) : seq(derOid('1.2.840.10045.4.3.2'));
  const now = Date.now();
  const serial = randomBytes(16);
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40; // positive, and minimal DER (no leading zero byte)
  const subjectAltName = seq(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from('localhost')));
  const extensions = der(
    0xa3,
    seq(
      // CA:TRUE
      seq(derOid('2.5.29.19'), der(0x01, Buffer.from([0xff])), der(0x04, seq(der(0x01, Buffer.from([0xff]))))),
      seq(derOid('2.5.29.17'), der(0x04, subjectAltName)),
    ),
  );
  const tbs = seq(
    der(0xa0, der(0x02, Buffer.from([2]))), // v3
    der(0x02, serial),
    ecdsaSha256,
    derName(commonName),
    seq(derUtcTime(new Date(now - 3_600_000)), derUtcTime(new Date(now + 7 * 86_400_000))),
    derName(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = cryptoSign('sha256', tbs, privateKey);
  const certificate = seq(tbs, ecdsaSha256, der(0x03, Buffer.from([0]), signature));
  const cert = `-----BEGIN CERTIFICATE-----\n${certificate.toString('base64').replace(/.{64}/g, '$&\n').trimEnd()}\n-----END CERTIFICATE-----\n`;
  if (!new X509Certificate(cert).verify(publicKey)) throw new Error('self-signed certificate does not verify');
  return { key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), cert };
}

/**
 * A fetch over node:http/https that trusts `ca` in addition to nothing else. Node's global
 * fetch (undici) has no per-call CA option, and NODE_EXTRA_CA_CERTS is read only at startup.
 */
export function fetchTrusting(ca: string): (input: string, init?: RequestInit) => Promise<Response> {
  return async (input, init = {}) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const url = new URL(request.url);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = transport.request(
        url,
        { method: request.method, headers: Object.fromEntries(request.headers), ca, signal: init.signal ?? undefined },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const status = incoming.statusCode ?? 500;
            const headers = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
                headers.append(name, v);
            }
            const empty = status === 204 || status === 304;
            resolve(
              new Response(empty ? null : Buffer.concat(chunks), {
                status,
                statusText: incoming.statusMessage ?? '',
                headers,
              }),
            );
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
}

// ---------------------------------------------------------------------------------------
// Shared loopback server plumbing.

export interface LoopbackServer {
  readonly origin: string;
  close(): Promise<void>;
}

export async function startLoopbackServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>,
  tls?: TestTls,
): Promise<LoopbackServer> {
  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'EmulatorError', message: String(error) } });
      else res.destroy();
    });
  };
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    // Idempotent, so an afterEach may close what a test already closed.
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      })),
  };
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves after `ms`, or early when the client goes away (so slow answers end with the test). */
export function waitUnlessClosed(req: http.IncomingMessage, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    req.socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

// ---------------------------------------------------------------------------------------
// The token issuer.

export interface RegisteredClient {
  readonly secret?: string;
  /** Application permissions granted (the `roles` claim of app-only tokens). */
  readonly roles?: readonly string[];
  /** Tenants that consented (have the app's service principal); absent: every tenant. */
  readonly tenants?: readonly string[];
  /**
   * How a tenant refuses the app a token, as Microsoft Entra answers each case (default for a tenant not in `tenants`:
   * missing service principal).
   */
  readonly refusals?: Readonly<Record<string, TokenRefusal>>;
  /** PEM certificate whose key may sign client assertions (ClientCertificateCredential). */
  readonly certificate?: string;
  /**
   * A federated identity credential: assertions are this issuer's tokens for `api://AzureADTokenExchange` with this
   * subject.
   */
  readonly federatedSubject?: string;
  /** The audience the federated credential accepts: the cloud's (default: the public cloud's). */
  readonly federatedAudience?: string;
}

export const TOKEN_EXCHANGE_AUDIENCE = 'api://AzureADTokenExchange';

/**
 * Entra's answers to a client-credentials request from an app a tenant has not granted (or
 * has switched off): status, OAuth error and the AADSTS text, as Microsoft Entra sends them.
 */
export type TokenRefusal =
  'missingServicePrincipal' | 'applicationNotFound' | 'consentRequired' | 'applicationDisabled';

function refusalOf(
  kind: TokenRefusal,
  clientId: string,
  tenant: string,
): { status: number; error: string; code: number; description: string } {
  switch (kind) {
    case 'missingServicePrincipal':
      return {
        status: 400,
        error: 'invalid_client',
        code: 7000229,
        description: `The client application ${clientId} is missing service principal in the tenant ${tenant}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`,
      };
    case 'applicationNotFound':
      return {
        status: 400,
        error: 'unauthorized_client',
        code: 700016,
        description: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
      };
    case 'consentRequired':
      return {
        status: 400,
        error: 'invalid_grant',
        code: 65001,
        description: `The user or administrator has not consented to use the application with ID '${clientId}' named 'partner-merge-bot'. Send an interactive authorization request for this user and resource.`,
      };
    case 'applicationDisabled':
      return {
        status: 401,
        error: 'unauthorized_client',
        code: 7000112,
        description: `Application '${clientId}'(partner-merge-bot) is disabled.`,
      };
  }
}
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface TokenIssuerOptions {
  readonly tls?: TestTls;
  /** App registrations by client id. */
  readonly clients: Readonly<Record<string, RegisteredClient>>;
  readonly tokenLifetimeSeconds?: number;
}

export interface TokenRequestRecord {
  readonly tenant: string;
  readonly grantType: string | null;
  readonly clientId: string | null;
  readonly scope: string | null;
  readonly status: number;
  /** How the client proved itself. */
  readonly auth: 'secret' | 'certificate' | 'federated' | 'none';
}

export type JwtClaims = Record<string, unknown> & {
  readonly exp?: number;
  readonly nbf?: number;
  readonly aud?: unknown;
  readonly tid?: unknown;
  readonly iss?: unknown;
};

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export class TokenIssuer {
  /** Every request, in order (path and method). */
  readonly requests: Array<{ readonly method: string; readonly path: string }> = [];
  readonly tokenRequests: TokenRequestRecord[] = [];
  private readonly kid: string;
  private clients: Record<string, RegisteredClient>;

  private server!: LoopbackServer;
  private readonly signingKey: KeyObject;
  private readonly verifyKey: KeyObject;
  private readonly lifetime: number;

  private constructor(
    readonly tls: TestTls,
    options: TokenIssuerOptions,
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.signingKey = privateKey;
    this.verifyKey = publicKey;
    this.lifetime = options.tokenLifetimeSeconds ?? 3600;
    this.clients = { ...options.clients };
    this.kid = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64url')
      .slice(0, 16);
  }

  static async start(options: TokenIssuerOptions): Promise<TokenIssuer> {
    const issuer = new TokenIssuer(options.tls ?? createSelfSignedTls(), options);
    issuer.server = await startLoopbackServer((req, res) => issuer.handle(req, res), issuer.tls);
    return issuer;
  }

  /** `https://127.0.0.1:{port}`: pass as `authorityHost`. */
  get authorityHost(): string {
    return this.server.origin;
  }

  issuer(tenant: string): string {
    return `${this.server.origin}/${tenant}/v2.0`;
  }

  /** Replaces or adds an app registration (e.g. to change granted permissions mid-test). */
  registerClient(clientId: string, client: RegisteredClient): void {
    this.clients = { ...this.clients, [clientId]: client };
  }

  jwks(): { keys: Array<Record<string, unknown>> } {
    const jwk = this.verifyKey.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256' }] };
  }

  /** Signs claims as an RS256 JWT with this issuer's key. */
  sign(claims: Record<string, unknown>, options: { expiresInSeconds?: number } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iat: now, nbf: now, exp: now + (options.expiresInSeconds ?? this.lifetime), ...claims };
    const signingInput = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }))}.${b64url(JSON.stringify(payload))}`;
    return `${signingInput}.${b64url(cryptoSign('sha256', Buffer.from(signingInput), this.signingKey))}`;
  }

  /** The claims of a token this issuer signed, still valid and (optionally) for `audience`; else undefined. */
  verify(token: string, expect: { audience?: string } = {}): JwtClaims | undefined {
    const [header, payload, signature] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined) return undefined;
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown; kid?: unknown };
    if (head.alg !== 'RS256' || head.kid !== this.kid) return undefined;
    if (
      !cryptoVerify('sha256', Buffer.from(`${header}.${payload}`), this.verifyKey, Buffer.from(signature, 'base64url'))
    )
      return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtClaims;
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp === 'number' && claims.exp <= now) return undefined;
    if (typeof claims.nbf === 'number' && claims.nbf > now + 300) return undefined;
    if (expect.audience !== undefined && claims.aud !== expect.audience) return undefined;
    return claims;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private metadata(tenant: string): Record<string, unknown> {
    const base = `${this.server.origin}/${tenant}`;
    return {
      issuer: this.issuer(tenant),
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      tenant_region_scope: null,
      cloud_instance_name: 'microsoftonline.com',
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.server.origin);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname });
    const discovery = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    if (req.method === 'GET' && discovery?.[1]) return sendJson(res, 200, this.metadata(discovery[1]));
    if (req.method === 'GET' && /^\/[^/]+\/discovery\/v2\.0\/keys$/.test(url.pathname))
      return sendJson(res, 200, this.jwks());
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
    if (req.method === 'POST' && token?.[1])
      return this.token(token[1], new URLSearchParams(await readBody(req)), req, res);
    sendJson(res, 404, { error: 'not_found', error_description: `no route for ${req.method ?? ''} ${url.pathname}` });
  }

  private token(tenant: string, form: URLSearchParams, req: http.IncomingMessage, res: http.ServerResponse): void {
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic?.[1])
      [clientId, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':') as [string, string];
    const assertion = form.get('client_assertion_type') === JWT_BEARER ? form.get('client_assertion') : null;
    const grantType = form.get('grant_type');
    const scope = form.get('scope');
    let auth: TokenRequestRecord['auth'] = 'none';
    const record = (status: number): void => {
      this.tokenRequests.push({ tenant, grantType, clientId, scope, status, auth });
    };
    const fail = (status: number, error: string, code: number, description: string): void => {
      record(status);
      // Exactly as Microsoft Entra answers: the AADSTS code and text, then the trace, correlation and time in the
      // description.
      const traceId = randomUUID();
      const correlationId = randomUUID();
      const timestamp = new Date()
        .toISOString()
        .replace('T', ' ')
        .replace(/\.(\d{3})Z$/, '.$1Z');
      sendJson(res, status, {
        error,
        error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
        error_codes: [code],
        timestamp,
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `${this.server.origin}/error?code=${code}`,
      });
    };
    if (grantType !== 'client_credentials')
      return fail(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    const client = clientId ? this.clients[clientId] : undefined;
    if (!clientId || !client)
      return fail(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId ?? ''}' was not found in the directory.`,
      );
    if (assertion !== null) {
      const proof = this.checkAssertion(
        assertion,
        clientId,
        client,
        `${this.server.origin}/${tenant}/oauth2/v2.0/token`,
      );
      if (proof === undefined)
        return fail(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
      auth = proof;
    } else {
      if (client.secret === undefined || secret !== client.secret)
        return fail(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
      auth = 'secret';
    }
    const refusal = Object.entries(client.refusals ?? {}).find(([t]) => t.toLowerCase() === tenant.toLowerCase())?.[1];
    if (
      refusal !== undefined ||
      (client.tenants !== undefined && !client.tenants.some((t) => t.toLowerCase() === tenant.toLowerCase()))
    ) {
      const answer = refusalOf(refusal ?? 'missingServicePrincipal', clientId, tenant);
      return fail(answer.status, answer.error, answer.code, answer.description);
    }
    if (!scope?.endsWith('/.default'))
      return fail(
        400,
        'invalid_scope',
        1002012,
        'The provided value for scope is not valid. Client credential flows must have a scope value with /.default.',
      );
    const accessToken = this.sign({
      aud: scope.slice(0, -'/.default'.length),
      iss: this.issuer(tenant),
      tid: tenant,
      appid: clientId,
      azp: clientId,
      oid: randomUUID(),
      sub: clientId,
      idtyp: 'app',
      roles: [...(client.roles ?? [])],
      ver: '2.0',
    });
    record(200);
    sendJson(res, 200, {
      token_type: 'Bearer',
      expires_in: this.lifetime,
      ext_expires_in: this.lifetime,
      access_token: accessToken,
    });
  }

  /**
   * A client assertion (private_key_jwt): signed with the registered certificate's key
   * (RS256 or PS256, as MSAL does), or a federated token of this issuer for the token
   * exchange audience with the registered subject. Returns how the client proved itself.
   */
  private checkAssertion(
    assertion: string,
    clientId: string,
    client: RegisteredClient,
    tokenEndpoint: string,
  ): 'certificate' | 'federated' | undefined {
    if (client.federatedSubject !== undefined) {
      const claims = this.verify(assertion, { audience: client.federatedAudience ?? TOKEN_EXCHANGE_AUDIENCE });
      return claims?.sub === client.federatedSubject ? 'federated' : undefined;
    }
    if (client.certificate === undefined) return undefined;
    const [header, payload, signature] = assertion.split('.');
    if (header === undefined || payload === undefined || signature === undefined) return undefined;
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtClaims & { sub?: unknown };
    const key = new X509Certificate(client.certificate).publicKey;
    const data = Buffer.from(`${header}.${payload}`);
    const sig = Buffer.from(signature, 'base64url');
    const valid =
      head.alg === 'PS256'
        ? cryptoVerify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig)
        : head.alg === 'RS256' && cryptoVerify('sha256', data, key, sig);
    const now = Math.floor(Date.now() / 1000);
    const fresh = typeof claims.exp === 'number' && claims.exp > now;
    return valid && fresh && claims.iss === clientId && claims.sub === clientId && claims.aud === tokenEndpoint
      ? 'certificate'
      : undefined;
  }
}
