/**
 * Typed Graph failures. Callers branch on the class, never on status codes, and every
 * error carries what an admin needs to fix it (the missing permission, or what failed).
 */

/** The Graph operations this bot performs, with the application permission each needs. */
export const GRAPH_OPERATIONS = {
  findTenantByDomain: { permissions: ['CrossTenantInformation.ReadBasic.All'] },
  // Asked in the bot's home tenant: names an organization whose own tenant has not consented.
  describeTenant: { permissions: ['CrossTenantInformation.ReadBasic.All'] },
  listDomains: { permissions: ['Domain.Read.All'] },
  // transitiveMemberOf needs User.Read.All; the directoryRole objects in it are only
  // returned in full with RoleManagement.Read.Directory.
  directoryRoles: { permissions: ['User.Read.All', 'RoleManagement.Read.Directory'] },
  getManager: { permissions: ['User.Read.All'] },
  getUser: { permissions: ['User.Read.All'] },
  installApp: { permissions: ['TeamsAppInstallation.ReadWriteSelfForUser.All'] },
} as const satisfies Record<string, { permissions: readonly string[] }>;

export type GraphOperation = keyof typeof GRAPH_OPERATIONS;

export abstract class GraphServiceError extends Error {
  abstract readonly kind: 'permission' | 'consent' | 'unavailable' | 'not-found' | 'request' | 'tenant-mismatch';
  constructor(
    readonly operation: GraphOperation,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** 403 from Graph: the app registration lacks an application permission (or its consent) in `tenantId`. */
export class GraphPermissionError extends GraphServiceError {
  readonly kind = 'permission';
  readonly permissions: readonly string[];
  constructor(
    operation: GraphOperation,
    readonly graphCode: string | undefined,
    graphMessage: string | undefined,
    readonly tenantId?: string,
  ) {
    const permissions = GRAPH_OPERATIONS[operation].permissions;
    super(
      operation,
      `The bot lacks the Microsoft Graph application permission ${permissions.join(' + ')} (${graphCode ?? 'Forbidden'}: ${graphMessage ?? 'no message'}); ask your admin to grant it and give admin consent.`,
    );
    this.permissions = permissions;
  }
}

/**
 * The tenant has not granted the app at all: no token is issued there (AADSTS7000229 "missing
 * service principal", AADSTS700016 "application not found in the directory", AADSTS65001
 * "no consent"). A Global administrator of that tenant can fix it with admin consent.
 */
export class GraphConsentError extends GraphServiceError {
  readonly kind = 'consent';
  readonly permissions: readonly string[];
  constructor(
    operation: GraphOperation,
    readonly tenantId: string,
    readonly aadsts: string,
    options?: { cause?: unknown },
  ) {
    super(
      operation,
      `The app is not consented in tenant ${tenantId} (AADSTS${aadsts}); a Global administrator of that tenant must grant admin consent.`,
      options,
    );
    this.permissions = GRAPH_OPERATIONS[operation].permissions;
  }
}

/** The token errors that mean "this tenant has not granted the app". */
export const CONSENT_ERROR_CODES = ['7000229', '700016', '65001'] as const;

export type UnavailableReason = 'timeout' | 'network' | 'throttled' | 'server-error' | 'auth' | 'bad-response';

/** Graph could not answer: timeouts, network errors, 5xx or 429 after retries, token failures. */
export class GraphUnavailableError extends GraphServiceError {
  readonly kind = 'unavailable';
  /** The Entra error code when the tenant refused a token for another reason than consent (for the log). */
  readonly aadsts: string | undefined;
  constructor(
    operation: GraphOperation,
    readonly reason: UnavailableReason,
    detail: string,
    readonly status?: number,
    options?: { cause?: unknown; aadsts?: string },
  ) {
    super(operation, `Microsoft Graph is unavailable for ${operation} (${reason}): ${detail}`, options);
    this.aadsts = options?.aadsts;
  }
}

/** 404 for something other than a lookup whose "not found" is an answer (e.g. an unknown user). */
export class GraphNotFoundError extends GraphServiceError {
  readonly kind = 'not-found';
  constructor(
    operation: GraphOperation,
    readonly graphCode: string | undefined,
    graphMessage: string | undefined,
  ) {
    super(operation, `Not found in Microsoft Graph (${graphCode ?? '404'}): ${graphMessage ?? 'no message'}`);
  }
}

/** Any other 4xx: a bug on our side or an unsupported input. */
export class GraphRequestError extends GraphServiceError {
  readonly kind = 'request';
  constructor(
    operation: GraphOperation,
    readonly status: number,
    readonly graphCode: string | undefined,
    graphMessage: string | undefined,
  ) {
    super(
      operation,
      `Microsoft Graph rejected ${operation} with ${status} (${graphCode ?? 'no code'}): ${graphMessage ?? 'no message'}`,
    );
  }
}

/**
 * App-only tokens are issued for the tenant the bot is configured for; another tenant's
 * directory needs the app consented there and a token for it, which this service does not do.
 */
export class GraphTenantMismatchError extends GraphServiceError {
  readonly kind = 'tenant-mismatch';
  constructor(
    operation: GraphOperation,
    readonly configuredTenantId: string,
    readonly requestedTenantId: string,
  ) {
    super(operation, `Graph access is configured for tenant ${configuredTenantId}, not ${requestedTenantId}`);
  }
}
