/**
 * The person an Account admin means when adding someone (a manager, a user): an object id
 * from Teams' people picker or a typed address, looked up among the account's own users
 * first, then in the directory of the admin's tenant (the demo directory or Microsoft
 * Graph). A picked person the directory cannot describe is still who the picker vouched for.
 */
import { fail, ok, type Result } from '../errors.js';
import type { Logger } from '../loggerPort.js';
import type { PersonRef } from '../model.js';
import type { ConversationRepository } from '../store/types.js';
import { visibleText } from '../text.js';
import { parseAddress } from '../workAccount/parseAddress.js';
import { findPerson, isGuid } from '../accounts/validation.js';
import { PeopleLookupUnavailableError, type DirectoryPerson, type PeopleDirectory } from './directory.js';

/** A person to add: an object id from the people picker, or a typed address. */
export type PersonInput = { readonly objectId: string } | { readonly address: string };

/** People the account already knows, with their sign-in names. */
type KnownPerson = {
  readonly tenantId: string;
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly upn: string;
};

export class PersonResolver {
  constructor(
    private readonly conversations: ConversationRepository,
    private readonly people: PeopleDirectory | undefined,
    private readonly logger: Logger | undefined,
  ) {}

  async resolve(
    known: readonly KnownPerson[],
    company: string,
    admin: PersonRef,
    input: PersonInput,
  ): Promise<Result<DirectoryPerson>> {
    if ('objectId' in input) return this.byObjectId(known, admin, input.objectId);
    const parsed = parseAddress(input.address);
    if (!parsed.ok || parsed.kind !== 'email' || parsed.address === undefined)
      return fail('invalid-person-address', { input: visibleText(input.address).slice(0, 100) });
    const address = parsed.address.toLowerCase();
    const user = known.find((u) => u.upn.toLowerCase() === address);
    if (user) return ok(asDirectoryPerson(user));
    const found = await this.lookup(admin.tenantId, { address }, address);
    if (!found.ok) return found;
    return found.value ? ok(found.value) : fail('person-not-found', { address, company });
  }

  private async byObjectId(
    known: readonly KnownPerson[],
    admin: PersonRef,
    objectId: string,
  ): Promise<Result<DirectoryPerson>> {
    const id = objectId.trim().toLowerCase();
    if (!isGuid(id)) return fail('invalid-person-address', { input: visibleText(objectId).slice(0, 100) });
    // The people picker offers people of the admin's own organisation only.
    const person = { aadObjectId: id, tenantId: admin.tenantId };
    const user = findPerson(known, person);
    if (user) return ok(asDirectoryPerson(user));
    const found = await this.lookup(admin.tenantId, { objectId: id }, id);
    if (!found.ok) return found;
    if (found.value) return ok(found.value);
    // No directory to ask: the picker vouched for the person; the chat may know their name.
    const chat = await this.conversations.get(admin.tenantId, id);
    return ok({
      ...person,
      displayName: visibleText(chat?.displayName ?? '').slice(0, 200) || `Entra user ${id.slice(0, 8)}`,
    });
  }

  private async lookup(
    tenantId: string,
    query: { objectId: string } | { address: string },
    shown: string,
  ): Promise<Result<DirectoryPerson | null>> {
    if (!this.people) return ok(null);
    try {
      const found = await this.people.find(tenantId, query);
      return ok(
        found && {
          ...found,
          displayName: visibleText(found.displayName).slice(0, 200) || found.upn || found.aadObjectId,
        },
      );
    } catch (err: unknown) {
      if (!(err instanceof PeopleLookupUnavailableError)) throw err;
      this.logger?.warn({ err, tenantId }, 'could not look a person up in the directory');
      return err.consentUrl
        ? fail('people-lookup-consent', { address: shown, consentUrl: err.consentUrl })
        : fail('people-lookup-unavailable', { address: shown });
    }
  }
}

function asDirectoryPerson(user: KnownPerson): DirectoryPerson {
  return { aadObjectId: user.aadObjectId, tenantId: user.tenantId, displayName: user.displayName, upn: user.upn };
}
