/**
 * The managers-list card verbs (Universal Actions). Each click identifies the clicker from
 * the activity (Entra object id + tenant) and lets the watcher service decide with the
 * account read fresh. Card data is used only for which account, which person to remove,
 * and the people picked or typed; the answer is the card as the clicker should now see it.
 */
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { describeError, type DomainError } from '../../services/errors.js';
import { t } from '../../services/i18n/index.js';
import { isGuid, isMpnId } from '../../services/accounts/validation.js';
import type { PersonInput, WatcherOutcome, WatcherService } from '../../services/accounts/watcherService.js';
import { WATCHER_INPUTS, WATCHER_VERBS, watchersCard } from '../../cards/watchers.js';
import { watcherWelcomeCard } from '../../cards/watcherWelcome.js';
import { viewerOf } from '../../services/accounts/activityIdentity.js';
import type { Viewer } from '../../services/merge/viewer.js';
import { cardResponse, errorResponse, type CardActionRegistry, type CardActionRequest } from '../cardActions.js';

export interface WatcherActionDeps {
  readonly watchers: WatcherService;
  readonly entraManager: boolean;
  /** Wakes the outbox: the welcome card or notice was written with the change. */
  readonly changed: () => void;
}

/** Where a Stop click came from: the welcome card (default) or the list card. */
const FROM_LIST = 'list';
const MAX_PICKED = 20;

export function registerWatcherActions(registry: CardActionRegistry, deps: WatcherActionDeps): void {
  registry.register(WATCHER_VERBS.add, (request) => add(deps, request));
  registry.register(WATCHER_VERBS.remove, (request) => remove(deps, request));
  registry.register(WATCHER_VERBS.stop, (request) => stop(deps, request));
}

type Clicked = { readonly viewer: Viewer; readonly mpnId: string } | { readonly refusal: AdaptiveCardInvokeResponse };

function clicked(request: CardActionRequest): Clicked {
  const mpnId = request.data.accountMpnId;
  if (typeof mpnId !== 'string' || !isMpnId(mpnId)) return { refusal: errorResponse(400, 'BadRequest', t(request.locale, 'core.cardAction.malformed')) };
  const viewer = viewerOf(request.context.activity);
  if (!viewer) return { refusal: errorResponse(401, 'Unauthorized', t(request.locale, 'core.cannotIdentify')) };
  return { viewer, mpnId };
}

/** The picker's value (comma-separated object ids) and the typed address, as people to add. */
function picked(data: Readonly<Record<string, unknown>>): PersonInput[] {
  const ids = data[WATCHER_INPUTS.people];
  const address = data[WATCHER_INPUTS.address];
  const people: PersonInput[] = typeof ids === 'string' ? ids.split(',').map((id) => id.trim()).filter((id) => id !== '').slice(0, MAX_PICKED).map((objectId) => ({ objectId })) : [];
  if (typeof address === 'string' && address.trim() !== '') people.push({ address: address.slice(0, 1000) });
  return people;
}

async function add(deps: WatcherActionDeps, request: CardActionRequest): Promise<AdaptiveCardInvokeResponse> {
  const click = clicked(request);
  if ('refusal' in click) return click.refusal;
  const people = picked(request.data);
  if (people.length === 0) {
    const view = await deps.watchers.view(click.mpnId, click.viewer);
    return view ? cardResponse(listCard(deps, view, click.viewer, t(request.locale, 'watchers.notice.nobody'))) : hidden(request, click.mpnId);
  }
  return answer(deps, request, click, await deps.watchers.add(click.viewer, click.mpnId, people), 'add');
}

async function remove(deps: WatcherActionDeps, request: CardActionRequest): Promise<AdaptiveCardInvokeResponse> {
  const click = clicked(request);
  if ('refusal' in click) return click.refusal;
  const { aadObjectId, tenantId } = request.data;
  if (typeof aadObjectId !== 'string' || typeof tenantId !== 'string' || !isGuid(aadObjectId) || !isGuid(tenantId)) {
    return errorResponse(400, 'BadRequest', t(request.locale, 'core.cardAction.malformed'));
  }
  return answer(deps, request, click, await deps.watchers.remove(click.viewer, click.mpnId, { aadObjectId, tenantId }), 'remove');
}

async function stop(deps: WatcherActionDeps, request: CardActionRequest): Promise<AdaptiveCardInvokeResponse> {
  const click = clicked(request);
  if ('refusal' in click) return click.refusal;
  const outcome = await deps.watchers.stop(click.viewer, click.mpnId);
  if (outcome.applied.length > 0) deps.changed();
  const [refused] = outcome.refused;
  if (refused && !refused.is('not-watching')) return hidden(request, click.mpnId);
  // Still allowed to see the list (a user of the account): the list, with what happened.
  if (request.data.from === FROM_LIST && outcome.view) {
    const notice = refused ? describeError(refused, request.locale) : t(request.locale, 'watchers.notice.stopped', { company: outcome.view.account.companyName });
    return cardResponse(listCard(deps, outcome.view, click.viewer, notice));
  }
  const account = outcome.account ?? { companyName: companyOf(refused), globalMpnId: click.mpnId };
  return cardResponse(watcherWelcomeCard({ account, watcher: undefined, stopped: outcome.applied.length > 0, locale: request.locale }));
}

/** An add or remove: the list card with what was done and what was refused, and why. */
function answer(deps: WatcherActionDeps, request: CardActionRequest, click: { viewer: Viewer; mpnId: string }, outcome: WatcherOutcome, action: 'add' | 'remove'): AdaptiveCardInvokeResponse {
  if (!outcome.view) return hidden(request, click.mpnId);
  const { locale } = request;
  const names = outcome.applied.map((entry) => entry.watcher.displayName);
  const others = outcome.applied.some((entry) => entry.watcher.aadObjectId !== click.viewer.aadObjectId);
  // The service logged the change itself.
  if (outcome.applied.length > 0) deps.changed();
  if (outcome.refused.length > 0) request.logger.info({ mpnId: click.mpnId, action, refused: outcome.refused.map((e) => e.code) }, 'managers list change refused');
  const done = names.length === 0 ? [] : [t(locale, action === 'remove' ? 'watchers.notice.removed' : others ? 'watchers.notice.added' : 'watchers.notice.addedSelf', { names: names.join(', ') })];
  const notice = [...done, ...outcome.refused.map((e: DomainError) => describeError(e, locale))].join(' ');
  return cardResponse(listCard(deps, outcome.view, click.viewer, notice));
}

function listCard(deps: WatcherActionDeps, view: NonNullable<WatcherOutcome['view']>, viewer: Viewer, notice: string) {
  return watchersCard({ ...view, viewer, entraManager: deps.entraManager, limit: deps.watchers.limit, notice, locale: viewer.locale });
}

/** An account that does not exist and one the clicker may not see get the same answer. */
function hidden(request: CardActionRequest, mpnId: string): AdaptiveCardInvokeResponse {
  request.logger.warn({ mpnId, verb: request.verb }, 'managers list not shown: the clicker is not part of the account');
  return errorResponse(404, 'NotFound', t(request.locale, 'merge.error.unknown-mpn-id', { mpnId }));
}

function companyOf(error: DomainError | undefined): string {
  return error?.is('not-watching') ? error.params.company : '';
}
