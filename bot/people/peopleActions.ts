/**
 * The People and locations card verbs (Universal Actions): add people with roles, change
 * a person's roles, remove a person, add a location. Each click identifies the clicker from
 * the activity and lets the people service decide with the account read fresh; the answer
 * is the card as the clicker should now see it, with what was done and what was refused.
 */
import { z } from 'zod';
import { describeError } from '../../services/errors.js';
import { t } from '../../services/i18n/index.js';
import { isGuid, isMpnId } from '../../services/accounts/validation.js';
import { assignmentsFor, isRole } from '../../services/accounts/people.js';
import type { PeopleOutcome, PeopleService } from '../../services/accounts/peopleService.js';
import type { PersonInput } from '../../services/people/resolvePerson.js';
import type { Viewer } from '../../services/merge/viewer.js';
import type { RoleAssignment } from '../../services/model.js';
import { PEOPLE_INPUTS, PEOPLE_VERBS, WHOLE_ACCOUNT, accountPeopleCard } from '../../cards/accountPeople.js';
import { rolesText } from '../../cards/roleNames.js';
import {
  cardData,
  cardResponse,
  type CardActionRegistry,
  type CardActionRequest,
  type CardActionResult,
  type CardRefusal,
} from '../cardActions.js';

export interface PeopleActionDeps {
  readonly people: PeopleService;
  /** Wakes the outbox: the welcome card or notice was written with the change. */
  readonly changed: () => void;
}

const MAX_PICKED = 20;

/** The chosen roles (a multi-select sends "a,b"), each a role of Partner Center, at most 20. */
const roleList = cardData.text(2000).refine((raw) => {
  const names = splitList(raw);
  return names.length <= 20 && names.every(isRole);
});
/** The location a role applies to: the whole account, or one of its location Partner IDs. */
const scope = z
  .string()
  .optional()
  .refine((v) => v === undefined || v === '' || v === WHOLE_ACCOUNT || isMpnId(v));

const AccountData = z.object({ accountMpnId: cardData.id(isMpnId) });
const AddData = AccountData.extend({
  [PEOPLE_INPUTS.people]: cardData.text(20_000),
  [PEOPLE_INPUTS.address]: cardData.text(1000),
  [PEOPLE_INPUTS.addRoles]: roleList,
  [PEOPLE_INPUTS.addScope]: scope,
});
const RolesData = AccountData.extend({
  [PEOPLE_INPUTS.who]: z
    .string()
    .regex(/^[^|]+\|[^|]+$/)
    .refine((who) => who.split('|').every(isGuid)),
  [PEOPLE_INPUTS.setRoles]: roleList,
  [PEOPLE_INPUTS.setScope]: scope,
});
const PersonData = AccountData.extend({ aadObjectId: cardData.id(isGuid), tenantId: cardData.id(isGuid) });
const LocationData = AccountData.extend({
  [PEOPLE_INPUTS.location]: z.string().transform((line) => line.slice(0, 400)),
});

export function registerPeopleActions(registry: CardActionRegistry, deps: PeopleActionDeps): void {
  registry.route({ verb: PEOPLE_VERBS.add, data: AddData, handle: (request) => add(deps, request) });
  registry.route({ verb: PEOPLE_VERBS.roles, data: RolesData, handle: (request) => setRoles(deps, request) });
  registry.route({ verb: PEOPLE_VERBS.remove, data: PersonData, handle: (request) => remove(deps, request) });
  registry.route({
    verb: PEOPLE_VERBS.addLocation,
    data: LocationData,
    handle: (request) => addLocation(deps, request),
  });
}

type Request<S extends z.ZodType> = CardActionRequest<z.output<S>>;

const splitList = (raw: string): string[] =>
  raw
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');

function rolesOf(raw: string, scopeValue: string | undefined): RoleAssignment[] {
  const scopeMpnId =
    scopeValue === undefined || scopeValue === '' || scopeValue === WHOLE_ACCOUNT ? undefined : scopeValue;
  return assignmentsFor(splitList(raw).filter(isRole), scopeMpnId);
}

function picked(data: z.output<typeof AddData>): PersonInput[] {
  const people: PersonInput[] = splitList(data[PEOPLE_INPUTS.people])
    .slice(0, MAX_PICKED)
    .map((objectId) => ({ objectId }));
  const address = data[PEOPLE_INPUTS.address];
  if (address.trim() !== '') people.push({ address });
  return people;
}

async function add(deps: PeopleActionDeps, request: Request<typeof AddData>): Promise<CardActionResult> {
  const { viewer, data } = request;
  const roles = rolesOf(data[PEOPLE_INPUTS.addRoles], data[PEOPLE_INPUTS.addScope]);
  const people = picked(data);
  if (people.length === 0) {
    const view = await deps.people.view(data.accountMpnId, viewer);
    return view
      ? cardResponse(peopleCard(view, viewer, { text: t(request.locale, 'people.notice.nobody'), style: 'attention' }))
      : hidden(request, data.accountMpnId);
  }
  return answer(deps, request, await deps.people.addUsers(viewer, data.accountMpnId, people, roles));
}

async function setRoles(deps: PeopleActionDeps, request: Request<typeof RolesData>): Promise<CardActionResult> {
  const { data } = request;
  const roles = rolesOf(data[PEOPLE_INPUTS.setRoles], data[PEOPLE_INPUTS.setScope]);
  const [tenantId = '', aadObjectId = ''] = data[PEOPLE_INPUTS.who].split('|');
  return answer(
    deps,
    request,
    await deps.people.setRoles(request.viewer, data.accountMpnId, { tenantId, aadObjectId }, roles),
  );
}

async function remove(deps: PeopleActionDeps, request: Request<typeof PersonData>): Promise<CardActionResult> {
  const { accountMpnId, aadObjectId, tenantId } = request.data;
  return answer(deps, request, await deps.people.removeUser(request.viewer, accountMpnId, { aadObjectId, tenantId }));
}

async function addLocation(deps: PeopleActionDeps, request: Request<typeof LocationData>): Promise<CardActionResult> {
  return answer(
    deps,
    request,
    await deps.people.addLocation(request.viewer, request.data.accountMpnId, request.data[PEOPLE_INPUTS.location]),
  );
}

/** The card with what was done and what was refused, and why. */
function answer(
  deps: PeopleActionDeps,
  request: Request<typeof AccountData>,
  outcome: PeopleOutcome,
): CardActionResult {
  const click = { viewer: request.viewer, mpnId: request.data.accountMpnId };
  if (!outcome.view) return hidden(request, click.mpnId);
  const { locale } = request;
  if (outcome.applied.length > 0) deps.changed();
  if (outcome.refused.length > 0)
    request.logger.info(
      { mpnId: click.mpnId, verb: request.verb, refused: outcome.refused.map((e) => e.code) },
      'account people change refused',
    );
  const locations = outcome.view.account.locations;
  const added = outcome.applied.flatMap((e) => (e.action === 'user-added' ? [e.user] : []));
  const done = outcome.applied.flatMap((e) => {
    switch (e.action) {
      case 'user-added':
        return [];
      case 'user-removed':
        return [t(locale, 'people.notice.removed', { name: e.user.displayName })];
      case 'user-roles-changed':
        return [
          t(locale, 'people.notice.roles', { name: e.user.displayName, roles: rolesText(e.roles, locations, locale) }),
        ];
      case 'location-added':
        return [t(locale, 'people.notice.location', { mpnId: e.location.mpnId, name: e.location.name })];
    }
  });
  if (added.length > 0) {
    const others = added.some((p) => p.aadObjectId !== click.viewer.aadObjectId);
    done.unshift(
      t(locale, others ? 'people.notice.added' : 'people.notice.addedSelf', {
        names: added.map((p) => p.displayName).join(', '),
      }),
    );
  }
  const text = [...done, ...outcome.refused.map((e) => describeError(e, locale))].join(' ');
  return cardResponse(
    peopleCard(outcome.view, click.viewer, { text, style: outcome.refused.length > 0 ? 'attention' : 'good' }),
  );
}

function peopleCard(
  view: NonNullable<PeopleOutcome['view']>,
  viewer: Viewer,
  notice: { text: string; style: 'good' | 'attention' },
) {
  return accountPeopleCard({ account: view.account, viewer, canChange: view.canChange, notice, locale: viewer.locale });
}

/** An account that does not exist and one the clicker may not see get the same answer. */
function hidden(request: CardActionRequest<unknown>, mpnId: string): CardRefusal {
  return {
    refuse: 'not-found',
    message: t(request.locale, 'merge.error.unknown-mpn-id', { mpnId }),
    log: { msg: 'account people not shown: the clicker is not a user of the account', mpnId },
  };
}
