/**
 * The People and locations card verbs (Universal Actions): add people with roles, change
 * a person's roles, remove a person, add a location. Each click identifies the clicker from
 * the activity and lets the people service decide with the account read fresh; the answer
 * is the card as the clicker should now see it, with what was done and what was refused.
 */
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { describeError } from '../../services/errors.js';
import { t } from '../../services/i18n/index.js';
import { isGuid, isMpnId } from '../../services/accounts/validation.js';
import { assignmentsFor, isRole } from '../../services/accounts/people.js';
import type { PeopleOutcome, PeopleService } from '../../services/accounts/peopleService.js';
import type { PersonInput } from '../../services/people/resolvePerson.js';
import { viewerOf } from '../../services/accounts/activityIdentity.js';
import type { Viewer } from '../../services/merge/viewer.js';
import type { RoleAssignment } from '../../services/model.js';
import { PEOPLE_INPUTS, PEOPLE_VERBS, WHOLE_ACCOUNT, accountPeopleCard } from '../../cards/accountPeople.js';
import { rolesText } from '../../cards/roleNames.js';
import { cardResponse, errorResponse, type CardActionRegistry, type CardActionRequest } from '../cardActions.js';

export interface PeopleActionDeps {
  readonly people: PeopleService;
  /** Wakes the outbox: the welcome card or notice was written with the change. */
  readonly changed: () => void;
}

const MAX_PICKED = 20;

export function registerPeopleActions(registry: CardActionRegistry, deps: PeopleActionDeps): void {
  registry.register(PEOPLE_VERBS.add, (request) => add(deps, request));
  registry.register(PEOPLE_VERBS.roles, (request) => setRoles(deps, request));
  registry.register(PEOPLE_VERBS.remove, (request) => remove(deps, request));
  registry.register(PEOPLE_VERBS.addLocation, (request) => addLocation(deps, request));
}

type Click = { readonly viewer: Viewer; readonly mpnId: string };

function clicked(request: CardActionRequest): Click | { readonly refusal: AdaptiveCardInvokeResponse } {
  const mpnId = request.data.accountMpnId;
  if (typeof mpnId !== 'string' || !isMpnId(mpnId)) return { refusal: malformed(request) };
  const viewer = viewerOf(request.context.activity);
  if (!viewer) return { refusal: errorResponse(401, 'Unauthorized', t(request.locale, 'core.cannotIdentify')) };
  return { viewer, mpnId };
}

const malformed = (request: CardActionRequest): AdaptiveCardInvokeResponse => errorResponse(400, 'BadRequest', t(request.locale, 'core.cardAction.malformed'));

/** The chosen roles (a multi-select sends "a,b"), with the chosen location for those that have one; undefined if malformed. */
function rolesFrom(data: Readonly<Record<string, unknown>>, rolesInput: string, scopeInput: string): RoleAssignment[] | undefined {
  const raw = data[rolesInput] ?? '';
  const scope = data[scopeInput];
  if (typeof raw !== 'string' || (scope !== undefined && typeof scope !== 'string')) return undefined;
  const names = raw.split(',').map((r) => r.trim()).filter((r) => r !== '');
  if (names.length > 20 || !names.every(isRole)) return undefined;
  const scopeMpnId = scope === undefined || scope === '' || scope === WHOLE_ACCOUNT ? undefined : scope;
  if (scopeMpnId !== undefined && !isMpnId(scopeMpnId)) return undefined;
  return assignmentsFor(names.filter(isRole), scopeMpnId);
}

function picked(data: Readonly<Record<string, unknown>>): PersonInput[] {
  const ids = data[PEOPLE_INPUTS.people];
  const address = data[PEOPLE_INPUTS.address];
  const people: PersonInput[] = typeof ids === 'string' ? ids.split(',').map((id) => id.trim()).filter((id) => id !== '').slice(0, MAX_PICKED).map((objectId) => ({ objectId })) : [];
  if (typeof address === 'string' && address.trim() !== '') people.push({ address: address.slice(0, 1000) });
  return people;
}

async function add(deps: PeopleActionDeps, request: CardActionRequest): Promise<AdaptiveCardInvokeResponse> {
  const click = clicked(request);
  if ('refusal' in click) return click.refusal;
  const roles = rolesFrom(request.data, PEOPLE_INPUTS.addRoles, PEOPLE_INPUTS.addScope);
  if (!roles) return malformed(request);
  const people = picked(request.data);
  if (people.length === 0) {
    const view = await deps.people.view(click.mpnId, click.viewer);
    return view ? cardResponse(peopleCard(view, click.viewer, { text: t(request.locale, 'people.notice.nobody'), style: 'attention' })) : hidden(request, click.mpnId);
  }
  return answer(deps, request, click, await deps.people.addUsers(click.viewer, click.mpnId, people, roles));
}

async function setRoles(deps: PeopleActionDeps, request: CardActionRequest): Promise<AdaptiveCardInvokeResponse> {
  const click = clicked(request);
  if ('refusal' in click) return click.refusal;
  const roles = rolesFrom(request.data, PEOPLE_INPUTS.setRoles, PEOPLE_INPUTS.setScope);
  const who = request.data[PEOPLE_INPUTS.who];
  const [tenantId = '', aadObjectId = ''] = typeof who === 'string' ? who.split('|') : [];
  if (!roles || !isGuid(tenantId) || !isGuid(aadObjectId)) return malformed(request);
  return answer(deps, request, click, await deps.people.setRoles(click.viewer, click.mpnId, { tenantId, aadObjectId }, roles));
}

async function remove(deps: PeopleActionDeps, request: CardActionRequest): Promise<AdaptiveCardInvokeResponse> {
  const click = clicked(request);
  if ('refusal' in click) return click.refusal;
  const { aadObjectId, tenantId } = request.data;
  if (typeof aadObjectId !== 'string' || typeof tenantId !== 'string' || !isGuid(aadObjectId) || !isGuid(tenantId)) return malformed(request);
  return answer(deps, request, click, await deps.people.removeUser(click.viewer, click.mpnId, { aadObjectId, tenantId }));
}

async function addLocation(deps: PeopleActionDeps, request: CardActionRequest): Promise<AdaptiveCardInvokeResponse> {
  const click = clicked(request);
  if ('refusal' in click) return click.refusal;
  const line = request.data[PEOPLE_INPUTS.location];
  if (typeof line !== 'string') return malformed(request);
  return answer(deps, request, click, await deps.people.addLocation(click.viewer, click.mpnId, line.slice(0, 400)));
}

/** The card with what was done and what was refused, and why. */
function answer(deps: PeopleActionDeps, request: CardActionRequest, click: Click, outcome: PeopleOutcome): AdaptiveCardInvokeResponse {
  if (!outcome.view) return hidden(request, click.mpnId);
  const { locale } = request;
  if (outcome.applied.length > 0) deps.changed();
  if (outcome.refused.length > 0) request.logger.info({ mpnId: click.mpnId, verb: request.verb, refused: outcome.refused.map((e) => e.code) }, 'account people change refused');
  const locations = outcome.view.account.locations;
  const added = outcome.applied.flatMap((e) => (e.action === 'user-added' ? [e.user] : []));
  const done = outcome.applied.flatMap((e) => {
    switch (e.action) {
      case 'user-added':
        return [];
      case 'user-removed':
        return [t(locale, 'people.notice.removed', { name: e.user.displayName })];
      case 'user-roles-changed':
        return [t(locale, 'people.notice.roles', { name: e.user.displayName, roles: rolesText(e.roles, locations, locale) })];
      case 'location-added':
        return [t(locale, 'people.notice.location', { mpnId: e.location.mpnId, name: e.location.name })];
    }
  });
  if (added.length > 0) {
    const others = added.some((p) => p.aadObjectId !== click.viewer.aadObjectId);
    done.unshift(t(locale, others ? 'people.notice.added' : 'people.notice.addedSelf', { names: added.map((p) => p.displayName).join(', ') }));
  }
  const text = [...done, ...outcome.refused.map((e) => describeError(e, locale))].join(' ');
  return cardResponse(peopleCard(outcome.view, click.viewer, { text, style: outcome.refused.length > 0 ? 'attention' : 'good' }));
}

function peopleCard(view: NonNullable<PeopleOutcome['view']>, viewer: Viewer, notice: { text: string; style: 'good' | 'attention' }) {
  return accountPeopleCard({ account: view.account, viewer, canChange: view.canChange, notice, locale: viewer.locale });
}

/** An account that does not exist and one the clicker may not see get the same answer. */
function hidden(request: CardActionRequest, mpnId: string): AdaptiveCardInvokeResponse {
  request.logger.warn({ mpnId, verb: request.verb }, 'account people not shown: the clicker is not a user of the account');
  return errorResponse(404, 'NotFound', t(request.locale, 'merge.error.unknown-mpn-id', { mpnId }));
}
