/**
 * A loopback stand-in for the Microsoft login authority's anonymous per-domain OpenID
 * discovery: `GET /{domain}/v2.0/.well-known/openid-configuration` answers with the
 * document of the tenant that verified the domain (issuer
 * `https://login.microsoftonline.com/{tenantId}/v2.0`), or 400 `invalid_tenant` with
 * AADSTS90002 for unknown domains, like the real service. Plain HTTP: the bot fetches this
 * document itself, without MSAL, and the authority host is configurable.
 */
import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import { sendJson, startLoopbackServer, waitUnlessClosed, type LoopbackServer } from './tokenIssuer.js';

export interface AuthorityFault {
  /** Answer with this status (and an error body); omit for a delay-only fault. */
  readonly status?: number;
  readonly delayMs?: number;
  /** Answer 200 with a body that is not JSON. */
  readonly garbage?: boolean;
  readonly times?: number;
}

const LOGIN = 'https://login.microsoftonline.com';

export class AuthorityEmulator {
  readonly requests: Array<{ readonly path: string; readonly at: number }> = [];
  private readonly tenants = new Map<string, { tenantId: string; regionScope: string }>();
  private readonly faults: Array<AuthorityFault & { remaining: number }> = [];

  private server!: LoopbackServer;

  static async start(): Promise<AuthorityEmulator> {
    const emulator = new AuthorityEmulator();
    emulator.server = await startLoopbackServer((req, res) => emulator.handle(req, res));
    return emulator;
  }

  /** `http://127.0.0.1:{port}`: pass as OPENID_AUTHORITY_HOST. */
  get authorityHost(): string {
    return this.server.origin;
  }

  addDomain(domain: string, tenantId: string, regionScope = 'EU'): this {
    this.tenants.set(domain.toLowerCase(), { tenantId, regionScope });
    return this;
  }

  fault(fault: AuthorityFault): this {
    this.faults.push({ ...fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    return this;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.server.origin);
    this.requests.push({ path: url.pathname, at: Date.now() });
    const fault = this.faults[0];
    if (fault) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.shift();
      if (fault.delayMs !== undefined) await waitUnlessClosed(req, fault.delayMs);
      if (req.socket.destroyed) return;
      if (fault.garbage) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>maintenance</html>');
        return;
      }
      if (fault.status !== undefined)
        return sendJson(res, fault.status, { error: 'server_error', error_description: 'Emulated failure.' });
    }
    this.discovery(url.pathname, res);
  }

  private discovery(path: string, res: http.ServerResponse): void {
    const match = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path);
    const domain = decodeURIComponent(match?.[1] ?? '').toLowerCase();
    const tenant = this.tenants.get(domain);
    if (!match || !tenant) {
      const traceId = randomUUID();
      const correlationId = randomUUID();
      return sendJson(res, 400, {
        error: 'invalid_tenant',
        error_description: `AADSTS90002: Tenant '${domain}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant. Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${new Date().toISOString()}`,
        error_codes: [90002],
        timestamp: new Date().toISOString(),
        trace_id: traceId,
        correlation_id: correlationId,
        error_uri: `${LOGIN}/error?code=90002`,
      });
    }
    const base = `${LOGIN}/${tenant.tenantId}`;
    sendJson(res, 200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${LOGIN}/${tenant.tenantId}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid', 'oid', 'email'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: tenant.regionScope,
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  }
}
