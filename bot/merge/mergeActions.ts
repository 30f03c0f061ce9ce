/**
 * The merge card verbs (Universal Actions). Each click: identify the clicker from the
 * activity (Entra object id + tenant), reload the merge from the store, let the merge
 * service decide (roles re-read, state machine, optimistic concurrency), then answer with
 * the card as that person should now see it. Card data is used for the merge id and the
 * typed reason only; a second click or a replay changes nothing and shows the current card.
 */
import { z } from 'zod';
import { supersededCard } from '../../cards/superseded.js';
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { TurnContext as Turn } from 'botbuilder';
import type { DecideOptions, MergeService } from '../../services/merge/mergeService.js';
import type { MergeEvent } from '../../services/model.js';
import { describeError } from '../../services/errors.js';
import { isMergeId } from '../../services/accounts/validation.js';
import { ACKNOWLEDGE_INPUT_ID, MERGE_VERBS } from '../../cards/mergeRequest.js';
import type { Viewer } from '../../services/merge/viewer.js';
import { cardData, cardResponse, type CardActionRegistry, type CardActionRequest } from '../cardActions.js';
import { actorOf } from '../../services/merge/viewer.js';
import { sentCardRecord, type MergeDelivery } from './mergeDelivery.js';
import type { MergeViews } from './mergeViews.js';
import { turnReads } from '../turnContext.js';
import { mergeUnavailableCard } from '../../cards/mergeUnavailable.js';

export interface MergeActionDeps {
  readonly merges: MergeService;
  readonly views: MergeViews;
  readonly delivery: MergeDelivery;
  readonly clock: () => Date;
}

type DecisionVerb = Exclude<keyof typeof MERGE_VERBS, 'refresh'>;

const MergeData = z.object({ mergeId: cardData.id(isMergeId) });
/** Only the typed reason and the "cannot be undone" toggle are taken from a card, besides the merge id. */
const DECISION_DATA = {
  accept: MergeData,
  reject: MergeData.extend({ reason: cardData.text(4000) }),
  // Anything but the toggle's own "true" is no acknowledgement (the card then asks to tick it).
  confirm: MergeData.extend({ [ACKNOWLEDGE_INPUT_ID]: z.unknown().optional() }),
  cancel: MergeData,
} as const satisfies Record<DecisionVerb, z.ZodType>;
type DecisionData = z.output<(typeof DECISION_DATA)[DecisionVerb]>;

export function registerMergeActions(registry: CardActionRegistry, deps: MergeActionDeps): void {
  const malformed = 'mergeFlow.card.badMergeId';
  registry.route({
    verb: MERGE_VERBS.refresh,
    data: MergeData,
    malformed,
    handle: (request) => refresh(deps, request),
  });
  for (const action of ['accept', 'reject', 'confirm', 'cancel'] as const satisfies readonly DecisionVerb[]) {
    registry.route({
      verb: MERGE_VERBS[action],
      data: DECISION_DATA[action],
      malformed,
      handle: (request) => decide(deps, action, request),
    });
  }
}

async function refresh(
  deps: MergeActionDeps,
  request: CardActionRequest<{ mergeId: string }>,
): Promise<AdaptiveCardInvokeResponse> {
  const { viewer } = request;
  const { mergeId } = request.data;
  // One look at the store: the merge, the accounts its card needs, and the card refreshed (Teams names it in
  // replyToId).
  const replyToId = request.context.activity.replyToId;
  const shown = await deps.merges.viewFor(
    mergeId,
    viewer,
    typeof replyToId === 'string' && replyToId !== '' ? replyToId : undefined,
  );
  if (shown.outcome !== 'visible') return unavailable(request, mergeId, shown.outcome === 'hidden');
  // A card a newer one replaced stays the one-line note, however often Teams refreshes it.
  if (shown.superseded) return cardResponse(supersededCard(shown.request, 'merge', request.locale));
  return cardResponse(deps.views.cardFrom(shown.request, viewer, shown.view));
}

/**
 * A merge that does not exist and one the clicker may not see get the same minimal card;
 * the refusal is logged with the ids only, never the card's content.
 */
function unavailable(
  request: CardActionRequest<unknown>,
  mergeId: string,
  exists: boolean,
): AdaptiveCardInvokeResponse {
  if (exists) request.logger.warn({ mergeId }, 'merge not shown: the clicker is not part of it');
  return cardResponse(mergeUnavailableCard(request.locale));
}

/**
 * One decision: one snapshot of the store, one commit (the decision, its notifications,
 * and the clicked card when it is new), and the card built from what the decision returned.
 */
async function decide(
  deps: MergeActionDeps,
  action: DecisionVerb,
  request: CardActionRequest<DecisionData>,
): Promise<AdaptiveCardInvokeResponse> {
  const { viewer } = request;
  const { mergeId } = request.data;
  const event = eventFor(action, request.data);
  const reads = turnReads(request.context);
  const result = await deps.merges.decide(mergeId, event, actorOf(viewer), {
    viewer,
    ...(reads ? { reads } : {}),
    ...clickedCard(deps, request.context, viewer),
  });
  if (result.outcome === 'not-found' || result.outcome === 'hidden')
    return unavailable(request, mergeId, result.outcome === 'hidden');
  if (result.outcome === 'unchanged') {
    request.logger.info({ mergeId, action, code: result.error.code }, 'merge decision refused');
    return cardResponse(
      deps.views.cardFrom(result.request, viewer, result.view, describeError(result.error, request.locale)),
    );
  }
  request.logger.info({ mergeId, action, status: result.request.status }, 'merge decision applied');
  // The notifications were written with the decision; the outbox delivers them now.
  deps.delivery.changed();
  return cardResponse(deps.views.cardFrom(result.request, viewer, result.view));
}

/** The button says "Approve" to people; the merge rules (domain.md), the verb and the code say accept. */
function eventFor(action: DecisionVerb, data: DecisionData): MergeEvent {
  switch (action) {
    case 'reject':
      // The service trims and bounds the reason.
      return { type: 'reject', reason: 'reason' in data ? data.reason : '' };
    case 'accept':
      return { type: 'accept' };
    case 'confirm':
      // The required "I understand this cannot be undone" toggle of the confirm step.
      return { type: 'confirm', acknowledged: ACKNOWLEDGE_INPUT_ID in data && data[ACKNOWLEDGE_INPUT_ID] === 'true' };
    case 'cancel':
      return { type: 'cancel' };
  }
}

/** A card someone acted on becomes one we keep up to date: recorded with the decision if new. */
function clickedCard(deps: MergeActionDeps, context: TurnContext, viewer: Viewer): Pick<DecideOptions, 'clickedCard'> {
  const activityId = context.activity.replyToId;
  if (!activityId || context.activity.conversation?.conversationType !== 'personal') return {};
  const reference = Turn.getConversationReference(context.activity);
  return {
    clickedCard: {
      activityId,
      record: (merge) => sentCardRecord(merge, viewer, activityId, reference, 'merge', deps.clock()),
    },
  };
}
