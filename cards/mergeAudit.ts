/**
 * The facts of one merge and its full audit trail, oldest first: when (DATE()/TIME()),
 * and who did what, with the reason (describeAuditEntry, escaped: it carries names and
 * the rejection reason).
 */
import template from './mergeAudit.json' with { type: 'json' };
import { defineCard, renderCard, userText, type AdaptiveCardJson } from './render.js';
import {
  moment,
  name,
  NAME_MAX_LENGTH,
  REASON_MAX_LENGTH,
  requestFacts,
  statusHeader,
  type CardFact,
  type StatusHeader,
} from './mergeShared.js';
import { t } from '../services/i18n/index.js';
import { describeAuditEntry } from '../services/merge/describe.js';
import type { MergeRequest } from '../services/model.js';

/** The data bound to `mergeAudit.json`. */
export interface MergeAuditCardData {
  readonly header: StatusHeader;
  readonly facts: readonly CardFact[];
  readonly trailTitle: string;
  readonly trail: ReadonlyArray<{ readonly when: string; readonly what: string }>;
}

export const mergeAuditCardDefinition = defineCard<MergeAuditCardData>('mergeAudit', template);

/** An audit line names a person and a company and may quote a reason. */
const AUDIT_LINE_MAX_LENGTH = 2 * NAME_MAX_LENGTH + REASON_MAX_LENGTH + 100;

export function mergeAuditCard(input: {
  readonly request: MergeRequest;
  readonly locale: string | undefined;
}): AdaptiveCardJson {
  const { request, locale } = input;
  const trail = [...request.audit].sort((a, b) => a.at.localeCompare(b.at));
  return renderCard(mergeAuditCardDefinition, {
    header: statusHeader(t(locale, 'mergeCards.audit.title'), request.status, locale),
    facts: [
      ...requestFacts(request, locale),
      { title: t(locale, 'mergeCards.fact.reference'), value: name(request.id) },
    ],
    trailTitle: t(locale, 'mergeCards.audit.trailTitle'),
    trail: trail.map((entry) => {
      const { date, time } = moment(entry.at);
      return {
        when: `${date} ${time}`,
        what: userText(describeAuditEntry(entry, request, locale), AUDIT_LINE_MAX_LENGTH),
      };
    }),
  });
}
