/**
 * A loopback Microsoft Graph v1.0 for the endpoints the bot uses, serving the documented
 * response shapes over HTTPS (the Graph client only attaches tokens to https URLs):
 *
 * - `GET /tenantRelationships/findTenantInformationByDomainName(domainName='…')` and
 *   `…/findTenantInformationByTenantId(tenantId='…')` →
 *   `{ tenantId, displayName, defaultDomainName, federationBrandName }`, 404 when unknown;
 * - `GET /domains` → `{ value: [{ id, isDefault, isVerified, isInitial, authenticationType, supportedServices }] }`
 *   for the tenant of the caller's token (`tid`);
 * - `GET /users/{id}/transitiveMemberOf/microsoft.graph.directoryRole` (needs
 *   `ConsistencyLevel: eventual` and `$count=true`, as documented for OData casts), paged
 *   with `@odata.nextLink`.
 *
 * Bearer tokens are checked with the token issuer's keys; the token's `roles` claim must
 * hold the application permission each endpoint documents, else 403 like Graph. Tests
 * script faults per route (status with Graph error body, Retry-After, delays) and read
 * `requests` to see what was sent.
 */
import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import {
  readBody,
  sendJson,
  startLoopbackServer,
  waitUnlessClosed,
  type JwtClaims,
  type LoopbackServer,
  type TestTls,
} from './tokenIssuer.js';

export type GraphRoute =
  'findTenantByDomain' | 'findTenantById' | 'domains' | 'directoryRoles' | 'manager' | 'user' | 'installApp';

export interface TenantRecord {
  readonly tenantId: string;
  readonly displayName: string;
  readonly defaultDomainName: string;
  readonly federationBrandName?: string | null;
}

export interface DomainRecord {
  readonly id: string;
  readonly isDefault?: boolean;
  readonly isVerified?: boolean;
  readonly isInitial?: boolean;
  readonly authenticationType?: 'Managed' | 'Federated';
  readonly supportedServices?: readonly string[];
}

export interface DirectoryRoleRecord {
  readonly id?: string;
  readonly displayName: string;
  readonly roleTemplateId: string;
}

export interface GraphFault {
  /** Answer with this status and a Graph error body; omit for a delay-only fault. */
  readonly status?: number;
  readonly code?: string;
  readonly message?: string;
  readonly retryAfterSeconds?: number;
  /** Wait before answering (or before the normal answer, without `status`). */
  readonly delayMs?: number;
  /** How many requests this fault applies to (default: all following ones). */
  readonly times?: number;
}

export interface GraphRequestRecord {
  readonly method: string;
  readonly route: GraphRoute | 'unknown';
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  readonly consistencyLevel: string | undefined;
  readonly tenantId: string | undefined;
  readonly at: number;
  status: number | undefined;
}

export interface GraphEmulatorOptions {
  readonly tls: TestTls;
  /** Verifies a bearer token and returns its claims (use TokenIssuer.verify). */
  readonly verifyToken: (token: string) => JwtClaims | undefined;
  /** Page size for role listings (small, so paging is exercised). */
  readonly pageSize?: number;
}

/** Documented least-privileged application permissions; any one of a group satisfies it. */
const REQUIRED_PERMISSIONS: Readonly<Record<GraphRoute, ReadonlyArray<readonly string[]>>> = {
  findTenantByDomain: [['CrossTenantInformation.ReadBasic.All']],
  findTenantById: [['CrossTenantInformation.ReadBasic.All']],
  domains: [['Domain.Read.All', 'Domain.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']],
  directoryRoles: [
    ['User.Read.All', 'GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    [
      'RoleManagement.Read.Directory',
      'RoleManagement.ReadWrite.Directory',
      'Directory.Read.All',
      'Directory.ReadWrite.All',
    ],
  ],
  manager: [['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']],
  user: [['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']],
  installApp: [['TeamsAppInstallation.ReadWriteSelfForUser.All', 'TeamsAppInstallation.ReadWriteForUser.All']],
};

interface ActiveFault extends GraphFault {
  remaining: number;
}

export class GraphEmulator {
  readonly requests: GraphRequestRecord[] = [];
  private readonly tenantsByDomain = new Map<string, TenantRecord>();
  private readonly tenantsById = new Map<string, TenantRecord>();
  private readonly domainsByTenant = new Map<string, DomainRecord[]>();
  private readonly rolesByUser = new Map<string, DirectoryRoleRecord[]>();
  private readonly managers = new Map<string, { id: string; displayName: string; userPrincipalName?: string }>();
  /** Users by tenant/object id and tenant/user principal name (`GET /users/{id}`). */
  private readonly users = new Map<string, { id: string; displayName: string; userPrincipalName: string }>();
  /** Apps installed per user through `POST /users/{id}/teamwork/installedApps` (key tenant/user → app ids). */
  readonly installedApps = new Map<string, string[]>();
  private readonly faults = new Map<GraphRoute, ActiveFault[]>();

  private server!: LoopbackServer;

  private constructor(private readonly options: GraphEmulatorOptions) {}

  static async start(options: GraphEmulatorOptions): Promise<GraphEmulator> {
    const emulator = new GraphEmulator(options);
    emulator.server = await startLoopbackServer((req, res) => emulator.handle(req, res), options.tls);
    return emulator;
  }

  /** `https://127.0.0.1:{port}/v1.0`: pass as GRAPH_BASE_URL. */
  get baseUrl(): string {
    return `${this.server.origin}/v1.0`;
  }

  /** A tenant that owns `domains` (for findTenantInformationByDomainName). */
  addTenant(tenant: TenantRecord, domains: readonly string[]): this {
    for (const domain of domains) this.tenantsByDomain.set(domain.toLowerCase(), tenant);
    this.tenantsById.set(tenant.tenantId.toLowerCase(), tenant);
    return this;
  }

  /** What `GET /domains` returns to callers whose token is for `tenantId`. */
  setDomains(tenantId: string, domains: readonly DomainRecord[]): this {
    this.domainsByTenant.set(tenantId.toLowerCase(), [...domains]);
    return this;
  }

  /** The Entra manager of a user of `tenantId` (`GET /users/{id}/manager`). */
  setManager(
    tenantId: string,
    userId: string,
    manager: { id: string; displayName: string; userPrincipalName?: string },
  ): this {
    this.managers.set(`${tenantId.toLowerCase()}/${userId.toLowerCase()}`, manager);
    return this;
  }

  /** A user of `tenantId`, found by `GET /users/{id}` and `GET /users/{upn}`. */
  setUser(tenantId: string, user: { id: string; displayName: string; userPrincipalName: string }): this {
    const tenant = tenantId.toLowerCase();
    this.users.set(`${tenant}/${user.id.toLowerCase()}`, user);
    this.users.set(`${tenant}/${user.userPrincipalName.toLowerCase()}`, user);
    return this;
  }

  /** A user of `tenantId` and the directory roles they hold (transitively). */
  setDirectoryRoles(tenantId: string, userId: string, roles: readonly DirectoryRoleRecord[]): this {
    this.rolesByUser.set(`${tenantId.toLowerCase()}/${userId.toLowerCase()}`, [...roles]);
    return this;
  }

  /** Adds a fault to the route's queue; faults apply in order until used up. */
  fault(route: GraphRoute, fault: GraphFault): this {
    const queue = this.faults.get(route) ?? [];
    queue.push({ ...fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    this.faults.set(route, queue);
    return this;
  }

  clearFaults(): this {
    this.faults.clear();
    return this;
  }

  requestsFor(route: GraphRoute): GraphRequestRecord[] {
    return this.requests.filter((r) => r.route === route);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  private takeFault(route: GraphRoute): ActiveFault | undefined {
    const queue = this.faults.get(route) ?? [];
    const fault = queue[0];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) queue.shift();
    return fault;
  }

  private error(
    res: http.ServerResponse,
    record: GraphRequestRecord,
    status: number,
    code: string,
    message: string,
    headers: Record<string, string> = {},
  ): void {
    record.status = status;
    const requestId = randomUUID();
    sendJson(
      res,
      status,
      {
        error: {
          code,
          message,
          innerError: {
            date: new Date().toISOString().slice(0, 19),
            'request-id': requestId,
            'client-request-id': requestId,
          },
        },
      },
      { 'request-id': requestId, ...headers },
    );
  }

  private ok(res: http.ServerResponse, record: GraphRequestRecord, body: unknown): void {
    record.status = 200;
    sendJson(res, 200, body, { 'request-id': randomUUID() });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.server.origin);
    const path = decodeURIComponent(url.pathname).replace(/^\/v1\.0/, '');
    const tenantMatch =
      /^\/tenantRelationships\/findTenantInformationByDomainName\(domainName='((?:[^']|'')*)'\)$/.exec(path);
    const tenantIdMatch = /^\/tenantRelationships\/findTenantInformationByTenantId\(tenantId='([^']*)'\)$/.exec(path);
    const rolesMatch = /^\/users\/([^/]+)\/transitiveMemberOf\/microsoft\.graph\.directoryRole$/.exec(path);
    const managerMatch = /^\/users\/([^/]+)\/manager$/.exec(path);
    const installMatch = /^\/users\/([^/]+)\/teamwork\/installedApps$/.exec(path);
    const userMatch = /^\/users\/([^/]+)$/.exec(path);
    const route: GraphRoute | 'unknown' = tenantMatch
      ? 'findTenantByDomain'
      : tenantIdMatch
        ? 'findTenantById'
        : path === '/domains'
          ? 'domains'
          : rolesMatch
            ? 'directoryRoles'
            : managerMatch
              ? 'manager'
              : installMatch
                ? 'installApp'
                : userMatch
                  ? 'user'
                  : 'unknown';
    const body = req.method === 'POST' ? await readBody(req) : '';

    const authorization = req.headers.authorization;
    const claims = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    const verified = claims === undefined ? undefined : this.options.verifyToken(claims);
    const tenantId = typeof verified?.tid === 'string' ? verified.tid.toLowerCase() : undefined;
    const record: GraphRequestRecord = {
      method: req.method ?? 'GET',
      route,
      path,
      query: Object.fromEntries(url.searchParams),
      authorization,
      consistencyLevel: typeof req.headers.consistencylevel === 'string' ? req.headers.consistencylevel : undefined,
      tenantId,
      at: Date.now(),
      status: undefined,
    };
    this.requests.push(record);

    if (route === 'unknown' || req.method !== (route === 'installApp' ? 'POST' : 'GET')) {
      return this.error(
        res,
        record,
        400,
        'BadRequest',
        `Resource not found for the segment '${path.split('/')[1] ?? ''}'.`,
      );
    }
    const fault = this.takeFault(route);
    if (fault?.delayMs !== undefined) await waitUnlessClosed(req, fault.delayMs);
    if (req.socket.destroyed) return;
    if (fault?.status !== undefined) {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      return this.error(
        res,
        record,
        fault.status,
        fault.code ?? defaultCode(fault.status),
        fault.message ?? `Emulated ${fault.status}.`,
        headers,
      );
    }

    if (!verified || !tenantId) {
      return this.error(
        res,
        record,
        401,
        'InvalidAuthenticationToken',
        'Access token validation failure. Invalid audience.',
      );
    }
    const roles = Array.isArray(verified.roles) ? verified.roles.filter((r): r is string => typeof r === 'string') : [];
    if (!REQUIRED_PERMISSIONS[route].every((group) => group.some((p) => roles.includes(p)))) {
      return this.error(
        res,
        record,
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      );
    }

    switch (route) {
      case 'findTenantByDomain':
      case 'findTenantById': {
        const domain = (tenantMatch?.[1] ?? '').replace(/''/g, "'").toLowerCase();
        const id = (tenantIdMatch?.[1] ?? '').toLowerCase();
        const tenant = route === 'findTenantById' ? this.tenantsById.get(id) : this.tenantsByDomain.get(domain);
        if (!tenant)
          return this.error(
            res,
            record,
            404,
            'Request_ResourceNotFound',
            route === 'findTenantById'
              ? `Tenant information for tenant '${id}' was not found.`
              : `Tenant information for domain '${domain}' was not found.`,
          );
        return this.ok(res, record, {
          '@odata.context': `${this.baseUrl}/$metadata#microsoft.graph.tenantInformation`,
          tenantId: tenant.tenantId,
          federationBrandName: tenant.federationBrandName ?? null,
          displayName: tenant.displayName,
          defaultDomainName: tenant.defaultDomainName,
        });
      }
      case 'domains': {
        const domains = this.domainsByTenant.get(tenantId) ?? [];
        return this.ok(res, record, {
          '@odata.context': `${this.baseUrl}/$metadata#domains`,
          value: domains.map((d) => ({
            authenticationType: d.authenticationType ?? 'Managed',
            availabilityStatus: null,
            id: d.id,
            isAdminManaged: true,
            isDefault: d.isDefault ?? false,
            isInitial: d.isInitial ?? false,
            isRoot: true,
            isVerified: d.isVerified ?? true,
            passwordNotificationWindowInDays: null,
            passwordValidityPeriodInDays: null,
            supportedServices: [...(d.supportedServices ?? ['Email', 'OfficeCommunicationsOnline'])],
            state: null,
          })),
        });
      }
      case 'installApp': {
        const parsed = (() => {
          try {
            return JSON.parse(body) as Record<string, unknown>;
          } catch {
            return {};
          }
        })();
        const bind = parsed['teamsApp@odata.bind'];
        const appId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1] : undefined;
        if (!appId) return this.error(res, record, 400, 'BadRequest', 'teamsApp@odata.bind is required.');
        const key = `${tenantId}/${(installMatch?.[1] ?? '').toLowerCase()}`;
        const apps = this.installedApps.get(key) ?? [];
        if (apps.includes(appId)) return this.error(res, record, 409, 'Conflict', 'App is already installed.');
        this.installedApps.set(key, [...apps, appId]);
        record.status = 201;
        return sendJson(res, 201, { id: randomUUID() }, { 'request-id': randomUUID() });
      }
      case 'manager': {
        const userId = managerMatch?.[1] ?? '';
        const manager = this.managers.get(`${tenantId}/${userId.toLowerCase()}`);
        if (!manager)
          return this.error(
            res,
            record,
            404,
            'Request_ResourceNotFound',
            `Resource 'manager' does not exist or one of its queried reference-property objects are not present.`,
          );
        return this.ok(res, record, {
          '@odata.context': `${this.baseUrl}/$metadata#directoryObjects/$entity`,
          '@odata.type': '#microsoft.graph.user',
          ...manager,
        });
      }
      case 'user': {
        const key = `${tenantId}/${(userMatch?.[1] ?? '').toLowerCase()}`;
        const user = this.users.get(key);
        if (!user)
          return this.error(
            res,
            record,
            404,
            'Request_ResourceNotFound',
            `Resource '${userMatch?.[1] ?? ''}' does not exist or one of its queried reference-property objects are not present.`,
          );
        return this.ok(res, record, {
          '@odata.context': `${this.baseUrl}/$metadata#users(id,displayName,userPrincipalName)/$entity`,
          ...user,
        });
      }
      case 'directoryRoles': {
        if (record.consistencyLevel !== 'eventual' || url.searchParams.get('$count') !== 'true') {
          return this.error(
            res,
            record,
            400,
            'Request_UnsupportedQuery',
            'The specified filter to the reference property query is currently not supported. ConsistencyLevel:eventual and $count=true are required.',
          );
        }
        const userId = rolesMatch?.[1] ?? '';
        const roles = this.rolesByUser.get(`${tenantId}/${userId.toLowerCase()}`);
        if (!roles) {
          return this.error(
            res,
            record,
            404,
            'Request_ResourceNotFound',
            `Resource '${userId}' does not exist or one of its queried reference-property objects are not present.`,
          );
        }
        const pageSize = this.options.pageSize ?? 2;
        const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
        const page = roles.slice(skip, skip + pageSize);
        const next = new URL(url.toString());
        next.searchParams.set('$skiptoken', String(skip + pageSize));
        return this.ok(res, record, {
          '@odata.context': `${this.baseUrl}/$metadata#directoryObjects`,
          '@odata.count': roles.length,
          value: page.map((r) => ({
            '@odata.type': '#microsoft.graph.directoryRole',
            id: r.id ?? randomUUID(),
            deletedDateTime: null,
            description: `${r.displayName} role`,
            displayName: r.displayName,
            roleTemplateId: r.roleTemplateId,
          })),
          ...(skip + pageSize < roles.length ? { '@odata.nextLink': next.toString() } : {}),
        });
      }
    }
  }
}

function defaultCode(status: number): string {
  if (status === 403) return 'Authorization_RequestDenied';
  if (status === 404) return 'Request_ResourceNotFound';
  if (status === 429) return 'TooManyRequests';
  if (status === 503) return 'ServiceUnavailable';
  return status >= 500 ? 'generalException' : 'BadRequest';
}
