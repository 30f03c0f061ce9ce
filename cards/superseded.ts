/**
 * What an earlier card about a merge turns into once a newer one went to the same person:
 * one line with the merge and its status, pointing to the newer card. Teams notifies on
 * new messages, not on updates, so the newer card is where the person reads on; the chat
 * never shows the same card twice.
 */
import template from './superseded.json' with { type: 'json' };
import { defineCard, renderCard, type AdaptiveCardJson } from './render.js';
import { name, statusHeader, type StatusHeader } from './mergeShared.js';
import { t } from '../services/i18n/index.js';
import type { MergeRequest } from '../services/model.js';

export interface SupersededCardData {
  readonly header: StatusHeader;
  readonly note: string;
}

export const supersededCardDefinition = defineCard<SupersededCardData>('superseded', template);

export function supersededCard(
  request: MergeRequest,
  kind: 'merge' | 'manager',
  locale: string | undefined,
): AdaptiveCardJson {
  const companies = { initiator: name(request.initiatorCompanyName), invited: name(request.invitedCompanyName) };
  return renderCard(supersededCardDefinition, {
    header: statusHeader(t(locale, 'mergeCards.superseded.title', companies), request.status, locale),
    note: t(locale, kind === 'manager' ? 'mergeCards.superseded.manager' : 'mergeCards.superseded.merge'),
  });
}
