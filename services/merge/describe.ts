/** Localized labels for merge actions, audit lines and advice (for cards and history). */
import { t } from '../i18n/index.js';
import type { AuditEntry, MergeAction, MergeRequest } from '../model.js';
import type { MergeAdvice } from './execute.js';

type Locale = string | undefined | null;

export function describeAction(action: MergeAction, locale: Locale): string {
  return t(locale, `merge.action.${action}`);
}

export function describeAdvice(advice: MergeAdvice, locale: Locale): string {
  return t(locale, `merge.advice.${advice}`);
}

/** One history line, e.g. "Nestor Wilke rejected the merge: Not now". Plain text: escape before markdown. */
export function describeAuditEntry(entry: AuditEntry, request: MergeRequest, locale: Locale): string {
  const actor = entry.actor.kind === 'user' ? entry.actor.displayName : t(locale, 'merge.audit.system');
  return t(locale, `merge.audit.${entry.action}`, {
    actor,
    company: request.invitedCompanyName,
    reason: entry.reason ?? '',
  });
}
