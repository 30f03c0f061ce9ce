/**
 * The merge history of one account: its merges newest first (as the service returns
 * them), each with the other company, this account's role, status, dates, the rejection
 * reason, and a "Details" button that asks the bot for that merge's audit trail.
 */
import template from './mergeHistory.json' with { type: 'json' };
import { defineCard, renderCard, type AdaptiveCardJson } from './render.js';
import { companyValue, moment, name, reasonText, statusLook, type TextColor } from './mergeShared.js';
import { t } from '../services/i18n/index.js';
import type { MergeHistoryEntry } from '../services/merge/mergeService.js';
import type { AccountAuditEntry } from '../services/model.js';
import { rolesText } from './roleNames.js';

/** At most this many merges are listed; the card says how many there are in all. */
export const HISTORY_CARD_LIMIT = 20;

/** The text the "Details" button sends back (an imBack), e.g. `history 4f1c…` / `geschiedenis 4f1c…`. */
export function historyDetailsCommand(mergeId: string, locale?: string): string {
  return `${t(locale, 'core.command.history')} ${mergeId}`;
}

export interface MergeHistoryCardEntry {
  readonly mergeId: string;
  /** The other company and its global MPN ID. */
  readonly heading: string;
  /** "Invitation sent · completed", coloured by status. */
  readonly status: string;
  readonly color: TextColor;
  /** Created and last change (DATE() functions). */
  readonly dates: string;
  /** Empty unless rejected. */
  readonly reason: string;
  readonly command: string;
}

/** The data bound to `mergeHistory.json`. */
export interface MergeHistoryCardData {
  readonly title: string;
  readonly subtitle: string;
  /** "No merges yet"; empty when there are merges. */
  readonly empty: string;
  readonly entries: readonly MergeHistoryCardEntry[];
  readonly reasonLabel: string;
  readonly detailsTitle: string;
  /** "Showing 20 of N"; empty when all are shown. */
  readonly showing: string;
  /** Changes of the notification list, newest first; empty title when there are none. */
  readonly changesTitle: string;
  readonly changes: ReadonlyArray<{ readonly text: string; readonly date: string }>;
  readonly changesMore: string;
}

/** At most this many notification-list changes are listed, newest first. */
export const HISTORY_CHANGES_LIMIT = 5;

export const mergeHistoryCardDefinition = defineCard<MergeHistoryCardData>('mergeHistory', template);

export function mergeHistoryCard(input: {
  readonly account: {
    readonly companyName: string;
    readonly globalMpnId: string;
    readonly audit?: readonly AccountAuditEntry[];
  };
  readonly entries: readonly MergeHistoryEntry[];
  readonly locale: string | undefined;
}): AdaptiveCardJson {
  const { account, entries, locale } = input;
  const shown = entries.slice(0, HISTORY_CARD_LIMIT);
  return renderCard(mergeHistoryCardDefinition, {
    title: t(locale, 'mergeCards.history.title'),
    subtitle: companyValue(account.companyName, account.globalMpnId, locale),
    empty: entries.length === 0 ? t(locale, 'mergeCards.history.empty', { company: name(account.companyName) }) : '',
    entries: shown.map((entry) => historyEntry(entry, locale)),
    reasonLabel: t(locale, 'mergeCards.reason.label'),
    detailsTitle: t(locale, 'mergeCards.history.details'),
    showing:
      entries.length > shown.length
        ? t(locale, 'mergeCards.history.showing', { shown: shown.length, total: entries.length })
        : '',
    ...accountChanges(account.audit ?? [], locale),
  });
}

function accountChanges(
  audit: readonly AccountAuditEntry[],
  locale: string | undefined,
): Pick<MergeHistoryCardData, 'changesTitle' | 'changes' | 'changesMore'> {
  const newest = [...audit].reverse();
  const shown = newest.slice(0, HISTORY_CHANGES_LIMIT);
  return {
    changesTitle: audit.length === 0 ? '' : t(locale, 'watchers.history.title'),
    changes: shown.map((entry) => ({ text: changeText(entry, locale), date: moment(entry.at).date })),
    changesMore:
      newest.length > shown.length ? t(locale, 'watchers.history.more', { count: newest.length - shown.length }) : '',
  };
}

function historyEntry({ role, other, request }: MergeHistoryEntry, locale: string | undefined): MergeHistoryCardEntry {
  const look = statusLook(request.status, locale);
  const roleText = t(locale, role === 'initiator' ? 'mergeCards.history.initiated' : 'mergeCards.history.received');
  return {
    mergeId: request.id,
    heading: companyValue(other.companyName, other.mpnId, locale),
    status: `${roleText} · ${look.label}`,
    color: look.color,
    dates: t(locale, 'mergeCards.history.dates', {
      created: moment(request.createdAt).date,
      updated: moment(request.updatedAt).date,
    }),
    reason: request.status === 'rejected' ? reasonText(request.reason) : '',
    command: historyDetailsCommand(request.id, locale),
  };
}

/** One line of the account's trail, in the reader's language (names escaped). */
export function changeText(entry: AccountAuditEntry, locale: string | undefined): string {
  const actor = name(entry.actor.displayName);
  switch (entry.action) {
    case 'watcher-added':
    case 'watcher-removed':
    case 'watcher-stopped':
      return t(locale, `watchers.audit.${entry.action}`, { actor, name: name(entry.watcher.displayName) });
    case 'user-added':
    case 'user-removed':
    case 'user-roles-changed':
      return t(locale, `watchers.audit.${entry.action}`, {
        actor,
        name: name(entry.user.displayName),
        roles: rolesText(entry.roles, [], locale),
      });
    case 'registered':
      return t(locale, 'watchers.audit.registered', { actor, name: name(entry.user.displayName) });
    case 'location-added':
      return t(locale, 'watchers.audit.location-added', {
        actor,
        mpnId: entry.location.mpnId,
        name: name(entry.location.name),
      });
  }
}
