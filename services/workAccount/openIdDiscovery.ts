/**
 * Anonymous tenant discovery: the Microsoft login authority serves an OpenID Connect
 * discovery document for every domain a tenant has verified, at
 * `{authority}/{domain}/v2.0/.well-known/openid-configuration`, whose `issuer` is
 * `https://login.microsoftonline.com/{tenantId}/v2.0`. Unknown domains get 400 with
 * AADSTS90002 ("tenant not found"). No credentials and no Graph permission are needed.
 */
import { z } from 'zod';

/** The tenant of personal Microsoft accounts (outlook.com, hotmail.com, …). */
export const MICROSOFT_ACCOUNT_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

const TENANT_NOT_FOUND = 90002;

const DiscoverySchema = z.object({
  issuer: z.string(),
  tenant_region_scope: z.string().nullish(),
  cloud_instance_name: z.string().nullish(),
});
const ErrorSchema = z.object({ error: z.string().optional(), error_codes: z.array(z.number()).optional() });

export type OpenIdLookup =
  | { readonly found: true; readonly tenantId: string; readonly regionScope: string | undefined }
  | { readonly found: false };

export type OpenIdFailureReason = 'timeout' | 'network' | 'server-error' | 'bad-response';

export class OpenIdDiscoveryError extends Error {
  constructor(
    readonly reason: OpenIdFailureReason,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(`OpenID discovery failed (${reason}): ${detail}`, options);
    this.name = 'OpenIdDiscoveryError';
  }
}

export interface OpenIdDiscoveryOptions {
  readonly authorityHost: string;
  readonly timeoutMs: number;
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
}

const ISSUER = /^https:\/\/[^/]+\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/v2\.0\/?$/i;

export async function discoverTenant(domain: string, options: OpenIdDiscoveryOptions): Promise<OpenIdLookup> {
  const url = `${options.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(domain)}/v2.0/.well-known/openid-configuration`;
  const signal = AbortSignal.timeout(options.timeoutMs);
  let status: number;
  let body: unknown;
  try {
    const response = await options.fetch(url, { headers: { accept: 'application/json' }, signal });
    status = response.status;
    const text = await response.text();
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch (error: unknown) {
    if (signal.aborted)
      throw new OpenIdDiscoveryError('timeout', `no answer within ${options.timeoutMs} ms`, { cause: error });
    if (error instanceof SyntaxError) throw new OpenIdDiscoveryError('bad-response', 'not JSON', { cause: error });
    throw new OpenIdDiscoveryError('network', error instanceof Error ? error.message : String(error), { cause: error });
  }

  if (status === 200) {
    const parsed = DiscoverySchema.safeParse(body);
    const tenantId = parsed.success ? ISSUER.exec(parsed.data.issuer)?.[1] : undefined;
    if (!parsed.success || tenantId === undefined)
      throw new OpenIdDiscoveryError('bad-response', 'no tenant id in the issuer');
    return { found: true, tenantId: tenantId.toLowerCase(), regionScope: parsed.data.tenant_region_scope ?? undefined };
  }
  const error = ErrorSchema.safeParse(body);
  if ((status === 400 || status === 404) && error.success && error.data.error_codes?.includes(TENANT_NOT_FOUND)) {
    return { found: false };
  }
  if (status >= 500) throw new OpenIdDiscoveryError('server-error', `HTTP ${status}`);
  throw new OpenIdDiscoveryError(
    'bad-response',
    `HTTP ${status} ${error.success ? (error.data.error ?? '') : ''}`.trim(),
  );
}
