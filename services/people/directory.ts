/**
 * Finding a person in one Microsoft Entra tenant, by object id (what Teams' people picker
 * returns) or by user name / e-mail address (what an admin types). The managers list uses
 * it; the demo directory and Microsoft Graph implement it.
 */
export interface DirectoryPerson {
  readonly aadObjectId: string;
  readonly tenantId: string;
  readonly displayName: string;
  readonly upn?: string;
}

export type PersonQuery = { readonly objectId: string } | { readonly address: string };

export interface PeopleDirectory {
  /**
   * The person, or null when the tenant has no such person; throws `PeopleLookupUnavailableError` when it cannot tell.
   */
  find(tenantId: string, query: PersonQuery): Promise<DirectoryPerson | null>;
}

/**
 * The directory could not answer: not the same as "no such person". `consentUrl`: the
 * tenant has not granted the app the permission to read people; a Global administrator
 * can, at that address.
 */
export class PeopleLookupUnavailableError extends Error {
  override readonly name = 'PeopleLookupUnavailableError';
  constructor(
    message: string,
    readonly consentUrl?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Asks each directory in turn; the first that knows the person answers. */
export function firstOf(...directories: readonly PeopleDirectory[]): PeopleDirectory {
  return {
    async find(tenantId, query) {
      for (const directory of directories) {
        const found = await directory.find(tenantId, query);
        if (found) return found;
      }
      return null;
    },
  };
}
