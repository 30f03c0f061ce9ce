/**
 * The managers-list card verbs (Universal Actions). Each click identifies the clicker from
 * the activity (Entra object id + tenant) and lets the watcher service decide with the
 * account read fresh. Card data is used only for which account, which person to remove,
 * and the people picked or typed; the answer is the card as the clicker should now see it.
 */
import { z } from 'zod';
import { describeError, type DomainError } from '../../services/errors.js';
import { t } from '../../services/i18n/index.js';
import { isGuid, isMpnId } from '../../services/accounts/validation.js';
import type { PersonInput, WatcherOutcome, WatcherService } from '../../services/accounts/watcherService.js';
import { WATCHER_INPUTS, WATCHER_VERBS, watchersCard } from '../../cards/watchers.js';
import { watcherWelcomeCard } from '../../cards/watcherWelcome.js';
import type { Viewer } from '../../services/merge/viewer.js';
import {
  cardData,
  cardResponse,
  type CardActionRegistry,
  type CardActionRequest,
  type CardActionResult,
  type CardRefusal,
} from '../cardActions.js';

export interface WatcherActionDeps {
  readonly watchers: WatcherService;
  readonly entraManager: boolean;
  /** Wakes the outbox: the welcome card or notice was written with the change. */
  readonly changed: () => void;
}

/** Where a Stop click came from: the welcome card (default) or the list card. */
const FROM_LIST = 'list';
const MAX_PICKED = 20;

const AccountData = z.object({ accountMpnId: cardData.id(isMpnId) });
const AddData = AccountData.extend({
  [WATCHER_INPUTS.people]: cardData.text(20_000),
  [WATCHER_INPUTS.address]: cardData.text(1000),
});
const PersonData = AccountData.extend({ aadObjectId: cardData.id(isGuid), tenantId: cardData.id(isGuid) });
const StopData = AccountData.extend({ from: z.string().optional() });

export function registerWatcherActions(registry: CardActionRegistry, deps: WatcherActionDeps): void {
  registry.route({ verb: WATCHER_VERBS.add, data: AddData, handle: (request) => add(deps, request) });
  registry.route({ verb: WATCHER_VERBS.remove, data: PersonData, handle: (request) => remove(deps, request) });
  registry.route({ verb: WATCHER_VERBS.stop, data: StopData, handle: (request) => stop(deps, request) });
}

type Request<S extends z.ZodType> = CardActionRequest<z.output<S>>;

/** The picker's value (comma-separated object ids) and the typed address, as people to add. */
function picked(data: z.output<typeof AddData>): PersonInput[] {
  const ids = data[WATCHER_INPUTS.people];
  const address = data[WATCHER_INPUTS.address];
  const people: PersonInput[] = ids
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '')
    .slice(0, MAX_PICKED)
    .map((objectId) => ({ objectId }));
  if (address.trim() !== '') people.push({ address });
  return people;
}

async function add(deps: WatcherActionDeps, request: Request<typeof AddData>): Promise<CardActionResult> {
  const { viewer } = request;
  const mpnId = request.data.accountMpnId;
  const people = picked(request.data);
  if (people.length === 0) {
    const view = await deps.watchers.view(mpnId, viewer);
    return view
      ? cardResponse(listCard(deps, view, viewer, t(request.locale, 'watchers.notice.nobody')))
      : hidden(request, mpnId);
  }
  return answer(deps, request, await deps.watchers.add(viewer, mpnId, people), 'add');
}

async function remove(deps: WatcherActionDeps, request: Request<typeof PersonData>): Promise<CardActionResult> {
  const { accountMpnId, aadObjectId, tenantId } = request.data;
  return answer(
    deps,
    request,
    await deps.watchers.remove(request.viewer, accountMpnId, { aadObjectId, tenantId }),
    'remove',
  );
}

async function stop(deps: WatcherActionDeps, request: Request<typeof StopData>): Promise<CardActionResult> {
  const { viewer } = request;
  const mpnId = request.data.accountMpnId;
  const outcome = await deps.watchers.stop(viewer, mpnId);
  if (outcome.applied.length > 0) deps.changed();
  const [refused] = outcome.refused;
  if (refused && !refused.is('not-watching')) return hidden(request, mpnId);
  // Still allowed to see the list (a user of the account): the list, with what happened.
  if (request.data.from === FROM_LIST && outcome.view) {
    const notice = refused
      ? describeError(refused, request.locale)
      : t(request.locale, 'watchers.notice.stopped', { company: outcome.view.account.companyName });
    return cardResponse(listCard(deps, outcome.view, viewer, notice));
  }
  const account = outcome.account ?? { companyName: companyOf(refused), globalMpnId: mpnId };
  return cardResponse(
    watcherWelcomeCard({ account, watcher: undefined, stopped: outcome.applied.length > 0, locale: request.locale }),
  );
}

/** An add or remove: the list card with what was done and what was refused, and why. */
function answer(
  deps: WatcherActionDeps,
  request: Request<typeof AccountData>,
  outcome: WatcherOutcome,
  action: 'add' | 'remove',
): CardActionResult {
  const click = { viewer: request.viewer, mpnId: request.data.accountMpnId };
  if (!outcome.view) return hidden(request, click.mpnId);
  const { locale } = request;
  const names = outcome.applied.map((entry) => entry.watcher.displayName);
  const others = outcome.applied.some((entry) => entry.watcher.aadObjectId !== click.viewer.aadObjectId);
  // The service logged the change itself.
  if (outcome.applied.length > 0) deps.changed();
  if (outcome.refused.length > 0)
    request.logger.info(
      { mpnId: click.mpnId, action, refused: outcome.refused.map((e) => e.code) },
      'managers list change refused',
    );
  const done =
    names.length === 0
      ? []
      : [
          t(
            locale,
            action === 'remove'
              ? 'watchers.notice.removed'
              : others
                ? 'watchers.notice.added'
                : 'watchers.notice.addedSelf',
            { names: names.join(', ') },
          ),
        ];
  const notice = [...done, ...outcome.refused.map((e: DomainError) => describeError(e, locale))].join(' ');
  return cardResponse(listCard(deps, outcome.view, click.viewer, notice));
}

function listCard(deps: WatcherActionDeps, view: NonNullable<WatcherOutcome['view']>, viewer: Viewer, notice: string) {
  return watchersCard({
    ...view,
    viewer,
    entraManager: deps.entraManager,
    limit: deps.watchers.limit,
    notice,
    locale: viewer.locale,
  });
}

/** An account that does not exist and one the clicker may not see get the same answer. */
function hidden(request: CardActionRequest<unknown>, mpnId: string): CardRefusal {
  return {
    refuse: 'not-found',
    message: t(request.locale, 'merge.error.unknown-mpn-id', { mpnId }),
    log: { msg: 'managers list not shown: the clicker is not part of the account', mpnId },
  };
}

function companyOf(error: DomainError | undefined): string {
  return error?.is('not-watching') ? error.params.company : '';
}
