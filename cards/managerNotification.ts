/**
 * The card a manager (an account's merge watcher) gets for every state change of a
 * merge: what happened, between whom, when, who acted, the reason of a rejection, and a
 * button to the merge's history. Earlier manager cards of the same merge are updated to
 * the latest event, so the conversation never shows a stale state.
 */
import template from './managerNotification.json' with { type: 'json' };
import { defineCard, renderCard, type AdaptiveCardJson } from './render.js';
import {
  actorName,
  companyValue,
  moment,
  name,
  reasonText,
  statusHeader,
  type CardFact,
  type StatusHeader,
} from './mergeShared.js';
import { historyDetailsCommand } from './mergeHistory.js';
import { t, type MessageKey } from '../services/i18n/index.js';
import type { AuditAction, MergeRequest } from '../services/model.js';

export interface ManagerNotificationCardData {
  readonly eyebrow: string;
  readonly header: StatusHeader;
  readonly what: string;
  readonly when: string;
  readonly facts: readonly CardFact[];
  readonly reasonLabel: string;
  /** Empty string hides the reason block. */
  readonly reason: string;
  readonly why: string;
  readonly historyButton: string;
  readonly historyCommand: string;
}

export const managerNotificationCard = defineCard<ManagerNotificationCardData>('managerNotification', template);

const WHAT: Readonly<Record<AuditAction, MessageKey>> = {
  invited: 'notify.manager.what.invited',
  reminded: 'notify.manager.what.reminded',
  accepted: 'notify.manager.what.accepted',
  rejected: 'notify.manager.what.rejected',
  cancelled: 'notify.manager.what.cancelled',
  expired: 'notify.manager.what.expired',
  completed: 'notify.manager.what.completed',
};

/** The manager card for the request's audit entry `auditIndex` (default: the latest). */
export function managerNotificationCardFor(
  request: MergeRequest,
  locale: string | undefined,
  auditIndex = request.audit.length - 1,
): AdaptiveCardJson {
  const entry = request.audit[auditIndex] ?? request.audit[request.audit.length - 1];
  if (!entry) throw new RangeError(`merge ${request.id} has no audit trail`);
  const initiator = name(request.initiatorCompanyName);
  const invited = name(request.invitedCompanyName);
  const { date, time } = moment(entry.at);
  const actor = actorName(entry.actor, locale);
  return renderCard(managerNotificationCard, {
    eyebrow: t(locale, 'notify.manager.eyebrow'),
    header: statusHeader(t(locale, 'notify.manager.title', { initiator, invited }), request.status, locale),
    what: t(locale, WHAT[entry.action], { actor, initiator, invited }),
    when: t(locale, 'notify.manager.when', { date, time }),
    facts: [
      {
        title: t(locale, 'mergeCards.fact.initiator'),
        value: companyValue(request.initiatorCompanyName, request.initiatorMpnId, locale),
      },
      {
        title: t(locale, 'mergeCards.fact.invited'),
        value: companyValue(request.invitedCompanyName, request.invitedMpnId, locale),
      },
      { title: t(locale, 'notify.manager.fact.actor'), value: actor },
    ],
    reasonLabel: t(locale, 'notify.manager.reason'),
    reason: entry.action === 'rejected' && entry.reason ? reasonText(entry.reason) : '',
    why: t(locale, 'notify.manager.why'),
    historyButton: t(locale, 'notify.manager.history'),
    historyCommand: historyDetailsCommand(request.id, locale),
  });
}
