/**
 * The merge card verbs (Universal Actions). Each click: identify the clicker from the
 * activity (Entra object id + tenant), reload the merge from the store, let the merge
 * service decide (roles re-read, state machine, optimistic concurrency), then answer with
 * the card as that person should now see it. Card data is used for the merge id and the
 * typed reason only; a second click or a replay changes nothing and shows the current card.
 */
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { TurnContext as Turn } from 'botbuilder';
import type { MergeService } from '../../services/merge/mergeService.js';
import type { MergeEvent } from '../../services/model.js';
import { describeError } from '../../services/errors.js';
import { isMergeId } from '../../services/accounts/validation.js';
import { t } from '../../services/i18n/index.js';
import { ACKNOWLEDGE_INPUT_ID, MERGE_VERBS } from '../../cards/mergeRequest.js';
import type { Viewer } from '../../dialogs/mergePorts.js';
import { cardResponse, errorResponse, type CardActionRegistry, type CardActionRequest } from '../cardActions.js';
import { actorOf, viewerOf } from '../../dialogs/identity.js';
import type { MergeDelivery } from './mergeDelivery.js';
import { mergeUnavailableCard } from '../../cards/mergeUnavailable.js';

export interface MergeActionDeps {
  readonly merges: MergeService;
  readonly delivery: MergeDelivery;
}

type DecisionVerb = Exclude<keyof typeof MERGE_VERBS, 'refresh'>;

export function registerMergeActions(registry: CardActionRegistry, deps: MergeActionDeps): void {
  registry.register(MERGE_VERBS.refresh, (request) => refresh(deps, request));
  for (const action of ['accept', 'reject', 'confirm', 'cancel'] as const satisfies readonly DecisionVerb[]) {
    registry.register(MERGE_VERBS[action], (request) => decide(deps, action, request));
  }
}

function parseMergeId(data: Readonly<Record<string, unknown>>): string | undefined {
  const id = data.mergeId;
  return isMergeId(id) ? id : undefined;
}

async function refresh(deps: MergeActionDeps, request: CardActionRequest): Promise<AdaptiveCardInvokeResponse> {
  const mergeId = parseMergeId(request.data);
  if (!mergeId) return errorResponse(400, 'BadRequest', t(request.locale, 'mergeFlow.card.badMergeId'));
  const viewer = viewerOf(request.context);
  if (!viewer) return errorResponse(401, 'Unauthorized', t(request.locale, 'core.cannotIdentify'));
  const merge = await deps.merges.get(mergeId);
  if (!merge || !(await deps.merges.canView(merge, viewer))) return unavailable(request, MERGE_VERBS.refresh, mergeId, merge !== undefined);
  return cardResponse(await deps.delivery.cardFor(merge, viewer));
}

/**
 * A merge that does not exist and one the clicker may not see get the same minimal card;
 * the refusal is logged with the ids only, never the card's content.
 */
function unavailable(request: CardActionRequest, verb: string, mergeId: string, exists: boolean): AdaptiveCardInvokeResponse {
  if (exists) request.logger.warn({ mergeId, verb }, 'merge not shown: the clicker is not part of it');
  return cardResponse(mergeUnavailableCard(request.locale));
}

async function decide(deps: MergeActionDeps, action: DecisionVerb, request: CardActionRequest): Promise<AdaptiveCardInvokeResponse> {
  const mergeId = parseMergeId(request.data);
  if (!mergeId) return errorResponse(400, 'BadRequest', t(request.locale, 'mergeFlow.card.badMergeId'));
  const viewer = viewerOf(request.context);
  if (!viewer) return errorResponse(401, 'Unauthorized', t(request.locale, 'core.cannotIdentify'));

  const merge = await deps.merges.get(mergeId);
  if (!merge || !(await deps.merges.canView(merge, viewer))) return unavailable(request, MERGE_VERBS[action], mergeId, merge !== undefined);
  const event = eventFor(action, request.data);
  const result = await deps.merges.decide(mergeId, event, actorOf(viewer));
  if (result.outcome === 'not-found') return unavailable(request, MERGE_VERBS[action], mergeId, false);
  if (result.outcome === 'unchanged') {
    request.logger.info({ mergeId, action, code: result.error.code }, 'merge decision refused');
    return cardResponse(await deps.delivery.cardFor(result.request, viewer, describeError(result.error, request.locale)));
  }
  request.logger.info({ mergeId, action, status: result.request.status }, 'merge decision applied');
  // The notifications were written with the decision; the outbox delivers them now.
  deps.delivery.changed();
  const clickedCard = await deps.delivery.cardFor(result.request, viewer);
  await rememberClickedCard(deps, request.context, result.request, viewer);
  return cardResponse(clickedCard);
}

function eventFor(action: DecisionVerb, data: Readonly<Record<string, unknown>>): MergeEvent {
  switch (action) {
    case 'reject':
      // Only the typed reason is taken from the card; the service trims and bounds it.
      return { type: 'reject', reason: typeof data.reason === 'string' ? data.reason : '' };
    case 'accept':
      return { type: 'accept' };
    case 'confirm':
      // The required "I understand this cannot be undone" toggle of the confirm step.
      return { type: 'confirm', acknowledged: data[ACKNOWLEDGE_INPUT_ID] === 'true' };
    case 'cancel':
      return { type: 'cancel' };
  }
}

/** A card someone acted on becomes one we keep up to date, if we did not know it yet. */
async function rememberClickedCard(deps: MergeActionDeps, context: TurnContext, merge: Parameters<MergeDelivery['recordSent']>[0], viewer: Viewer): Promise<void> {
  const activityId = context.activity.replyToId;
  if (!activityId || context.activity.conversation?.conversationType !== 'personal') return;
  const known = (await deps.delivery.sentCardsFor(merge.id)).some((c) => c.activityId === activityId);
  if (!known) await deps.delivery.recordSent(merge, viewer, activityId, Turn.getConversationReference(context.activity));
}
