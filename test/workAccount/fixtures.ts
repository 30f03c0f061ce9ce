/**
 * One loopback "Microsoft cloud" per test: token issuer (HTTPS), Graph emulator (HTTPS)
 * and login authority (OpenID discovery), seeded with Contoso (several domains, some
 * regional), Fabrikam (another tenant) and users with and without admin roles. Config is
 * built with the real config loader from environment variables, as in production.
 */
import { configFrom, type GraphConfig } from '../../bot/config.js';
import type { Logger, LogFn } from '../../services/loggerPort.js';
import { ROLE_TEMPLATE_IDS } from '../../services/graph/graphService.js';
import { MICROSOFT_ACCOUNT_TENANT_ID } from '../../services/workAccount/openIdDiscovery.js';
import {
  createWorkAccountService,
  type WorkAccountService,
  type WorkAccountServiceDeps,
} from '../../services/workAccount/workAccountService.js';
import { AuthorityEmulator } from '../emulators/authorityEmulator.js';
import { GraphEmulator } from '../emulators/graphEmulator.js';
import { TokenIssuer, createSelfSignedTls, fetchTrusting, type TestTls } from '../emulators/tokenIssuer.js';

export const CONTOSO_TENANT = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';
export const FABRIKAM_TENANT = '0c2c9e3e-7d3b-4f5e-9a53-2b8a1f0e4d11';
export const CLIENT_ID = '11111111-2222-4333-8444-555555555555';
export const CLIENT_SECRET = 'loopback-secret';

/** Contoso users (Entra object ids). */
export const GLOBAL_ADMIN = 'a0000000-0000-4000-8000-000000000001';
export const USER_ADMIN = 'a0000000-0000-4000-8000-000000000002';
export const PLAIN_USER = 'a0000000-0000-4000-8000-000000000003';

export const ALL_PERMISSIONS = [
  'CrossTenantInformation.ReadBasic.All',
  'Domain.Read.All',
  'User.Read.All',
  'RoleManagement.Read.Directory',
];

export interface LogEntry {
  readonly level: string;
  readonly obj: object;
  readonly msg: string | undefined;
}

/** A Logger that keeps what was logged (bindings merged in), for assertions. */
export function recordingLogger(
  entries: LogEntry[] = [],
  bindings: Record<string, unknown> = {},
): Logger & { entries: LogEntry[] } {
  const at =
    (level: string): LogFn =>
    (objOrMsg: object | string, msg?: string) => {
      entries.push(
        typeof objOrMsg === 'string'
          ? { level, obj: bindings, msg: objOrMsg }
          : { level, obj: { ...bindings, ...objOrMsg }, msg },
      );
    };
  return {
    entries,
    fatal: at('fatal'),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
    trace: at('trace'),
    child: (more) => recordingLogger(entries, { ...bindings, ...more }),
  };
}

export interface WorldOptions {
  /** Application permissions granted to the bot (token `roles`). */
  readonly permissions?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export interface World {
  readonly tls: TestTls;
  readonly issuer: TokenIssuer;
  readonly graph: GraphEmulator;
  readonly authority: AuthorityEmulator;
  readonly config: GraphConfig;
  readonly fetch: ReturnType<typeof fetchTrusting>;
  readonly logger: ReturnType<typeof recordingLogger>;
  /** Retry waits the Graph service asked for (the test sleep returns at once). */
  readonly sleeps: number[];
  service(overrides?: Partial<WorkAccountServiceDeps>): WorkAccountService;
  close(): Promise<void>;
}

const role = (displayName: string, roleTemplateId: string) => ({ displayName, roleTemplateId });
const OTHER_ROLES = [
  role('Helpdesk Administrator', '729827e3-9c14-49f7-bb1b-9608f156bbb8'),
  role('Reports Reader', '4a5d8f65-41da-4de4-8968-e035b65339cf'),
  role('Teams Administrator', '69091246-20e8-4a56-aa4d-066075b2a7a8'),
];

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const tls = createSelfSignedTls();
  const issuer = await TokenIssuer.start({
    tls,
    clients: { [CLIENT_ID]: { secret: CLIENT_SECRET, roles: options.permissions ?? ALL_PERMISSIONS } },
  });
  const graph = await GraphEmulator.start({ tls, verifyToken: (token) => issuer.verify(token) });
  const authority = await AuthorityEmulator.start();

  const contoso = { tenantId: CONTOSO_TENANT, displayName: 'Contoso Ltd', defaultDomainName: 'contoso.com' };
  const contosoVerified = ['contoso.com', 'contoso.co.uk', 'contoso.uk', 'contoso-nl.com', 'contoso.onmicrosoft.com'];
  graph
    .addTenant(contoso, contosoVerified)
    .addTenant({ tenantId: FABRIKAM_TENANT, displayName: 'Fabrikam, Inc.', defaultDomainName: 'fabrikam.com' }, [
      'fabrikam.com',
      'fabrikam.onmicrosoft.com',
    ])
    .setDomains(CONTOSO_TENANT, [
      { id: 'contoso.com', isDefault: true, isVerified: true },
      { id: 'contoso.co.uk', isVerified: true },
      { id: 'contoso.uk', isVerified: true },
      { id: 'contoso-nl.com', isVerified: true },
      { id: 'contoso.onmicrosoft.com', isInitial: true, isVerified: true },
      { id: 'pending.example', isVerified: false },
    ])
    .setDirectoryRoles(CONTOSO_TENANT, GLOBAL_ADMIN, [
      role('Global Administrator', ROLE_TEMPLATE_IDS.globalAdministrator),
    ])
    .setDirectoryRoles(CONTOSO_TENANT, USER_ADMIN, [
      ...OTHER_ROLES,
      role('User Administrator', ROLE_TEMPLATE_IDS.userAdministrator),
    ])
    .setDirectoryRoles(CONTOSO_TENANT, PLAIN_USER, OTHER_ROLES);
  for (const domain of contosoVerified) authority.addDomain(domain, CONTOSO_TENANT);
  authority
    .addDomain('fabrikam.com', FABRIKAM_TENANT, 'NA')
    .addDomain('msa-alias.example', MICROSOFT_ACCOUNT_TENANT_ID, 'WW');

  const config = configFrom({
    NODE_ENV: 'test',
    GRAPH_ENABLED: 'true',
    GRAPH_BASE_URL: graph.baseUrl,
    GRAPH_AUTHORITY_HOST: issuer.authorityHost,
    GRAPH_TENANT_ID: CONTOSO_TENANT,
    GRAPH_CLIENT_ID: CLIENT_ID,
    GRAPH_CLIENT_SECRET: CLIENT_SECRET,
    GRAPH_TIMEOUT_MS: '2000',
    GRAPH_MAX_RETRIES: '2',
    OPENID_AUTHORITY_HOST: authority.authorityHost,
    ...options.env,
  }).graph;
  const fetch = fetchTrusting(tls.cert);
  const logger = recordingLogger();
  const sleeps: number[] = [];
  return {
    tls,
    issuer,
    graph,
    authority,
    config,
    fetch,
    logger,
    sleeps,
    service: (overrides = {}) =>
      createWorkAccountService({
        graph: config,
        logger,
        fetch,
        graphOptions: {
          authorityCaPem: tls.cert,
          sleep: (ms) => {
            sleeps.push(ms);
            return Promise.resolve();
          },
        },
        ...overrides,
      }),
    close: async () => {
      await Promise.all([issuer.close(), graph.close(), authority.close()]);
    },
  };
}

export const admin = (aadObjectId: string) => ({ aadObjectId, tenantId: CONTOSO_TENANT });
