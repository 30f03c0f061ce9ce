/**
 * The people of a tenant from Microsoft Graph (`GET /users/{id or upn}`, application
 * permission User.Read.All), for the managers list. A tenant the Graph app does not serve
 * (single-tenant Graph, another company's admin) counts as "no directory to ask".
 */
import { GraphConsentError, GraphPermissionError, GraphServiceError } from '../graph/errors.js';
import type { GraphService } from '../graph/graphService.js';
import { PeopleLookupUnavailableError, type PeopleDirectory } from './directory.js';

/** `consentUrl`: where a Global administrator of a tenant grants the app (services/graph/config.ts adminConsentUrl). */
export function graphPeople(
  graph: Pick<GraphService, 'getUser'>,
  consentUrl?: (tenantId: string) => string,
): PeopleDirectory {
  return {
    async find(tenantId, query) {
      try {
        const user = await graph.getUser('objectId' in query ? query.objectId : query.address, tenantId);
        if (!user) return null;
        const upn = user.userPrincipalName;
        return {
          aadObjectId: user.id.toLowerCase(),
          tenantId: tenantId.toLowerCase(),
          displayName: user.displayName ?? upn ?? user.id,
          ...(upn ? { upn } : {}),
        };
      } catch (err: unknown) {
        if (err instanceof GraphServiceError && err.kind === 'tenant-mismatch') return null;
        const noConsent = err instanceof GraphConsentError || err instanceof GraphPermissionError;
        if (err instanceof GraphServiceError)
          throw new PeopleLookupUnavailableError(err.message, noConsent ? consentUrl?.(tenantId) : undefined, {
            cause: err,
          });
        throw err;
      }
    },
  };
}
